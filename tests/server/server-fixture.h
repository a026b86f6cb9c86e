#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "server-test-util.h"

G_BEGIN_DECLS

/* The schema this build's desks speak (desk-store-private.h), as a number
 * and as JSON text for the bodies the tests write by hand. */
#define TEST_SCHEMA      5
#define TEST_SCHEMA_TEXT "5"
/* DESK_SERVER_OLDEST_SCHEMA: schemas 4 and 5 added no field on the wire. */
#define TEST_OLDEST_SCHEMA 3

/* A real arrestdesk-server on 127.0.0.1 (port 0) over TLS, in its own
 * temporary folder with a certificate made by openssl, and a libsoup
 * client that trusts exactly that certificate. */

typedef struct
{
  char        *dir;
  char        *data_dir;
  char        *cert;       /* absolute paths */
  char        *key;
  GSubprocess *server;
  char        *base_url;   /* https://127.0.0.1:PORT */
  SoupSession *session;
} ServerFixture;

typedef struct
{
  guint       status;
  char       *body;
  JsonNode   *json;        /* NULL when the body is not JSON */
  GError     *error;       /* transport error (TLS…), status 0 */
} Reply;

void        reply_free            (Reply *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

/* g_test_init with a temporary folder per test, then the server binary's
 * path from argv[1]. */
void        server_test_init        (int    *argc,
                                     char ***argv);
/* A test @func of @path with a server fixture of its own. */
#define SERVER_TEST_ADD(path, func) \
  g_test_add (path, ServerFixture, NULL, server_fixture_setup, func, server_fixture_teardown)

void        server_fixture_setup    (ServerFixture *fixture,
                                     gconstpointer  data);
void        server_fixture_teardown (ServerFixture *fixture,
                                     gconstpointer  data);

/* A client trusting only @trusted_cert (an absolute path). */
SoupSession *server_session_new     (const char    *trusted_cert);
/* Runs the binary with @args (NULL-terminated), @input on stdin; returns
 * the exit status, stdout and stderr. */
int         run_server_command      (const char        *input,
                                     char             **out,
                                     char             **err,
                                     const char *const *args);
/* "user add" with the password on stdin; asserts it worked. */
void        server_fixture_add_user (ServerFixture *fixture,
                                     const char    *name,
                                     const char    *role,
                                     const char    *password);
/* Starts "serve" with @extra arguments (NULL-terminated, or NULL). */
void        server_fixture_start    (ServerFixture     *fixture,
                                     const char *const *extra);
/* SIGTERM; asserts a clean exit. */
void        server_fixture_stop     (ServerFixture *fixture);

/* One request with @session (the fixture's when NULL); @token as bearer. */
Reply      *server_request          (ServerFixture *fixture,
                                     SoupSession   *session,
                                     const char    *method,
                                     const char    *path,
                                     const char    *token,
                                     const char    *body,
                                     gsize          body_length);
Reply      *server_post             (ServerFixture *fixture,
                                     const char    *path,
                                     const char    *token,
                                     const char    *body);
/* Logs in and returns the token; asserts 200. */
char       *server_login            (ServerFixture *fixture,
                                     const char    *username,
                                     const char    *password,
                                     const char    *client_id);

const char *reply_get_string        (Reply         *reply,
                                     const char    *member);
gint64      reply_get_int           (Reply         *reply,
                                     const char    *member);
JsonArray  *reply_get_array         (Reply         *reply,
                                     const char    *member);

/* Push bodies: a field, a mutation, a push. */
char       *field_json              (const char    *name,
                                     const char    *value,
                                     const char    *hlc);
char       *mutation_json           (gint64         id,
                                     const char    *op,
                                     const char    *table,
                                     const char    *record,
                                     const char    *fields);
char       *push_json               (int            schema,
                                     const char    *client_id,
                                     const char    *mutations);
char       *pull_json               (const char    *client_id,
                                     gint64         after);

#define TEST_ACTION "22222222-2222-4222-8222-222222222222"

G_END_DECLS
