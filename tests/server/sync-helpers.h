#pragma once

#include "server-fixture.h"

G_BEGIN_DECLS

/* Helpers for the push and pull tests. */

#define SYNC_TEST_PASSWORD "correct horse battery"

/* Adds the accounts named in (name, role) pairs, NULL-terminated, all with
 * SYNC_TEST_PASSWORD, and starts the server. */
void        start_with_users (ServerFixture *fixture,
                              ...) G_GNUC_NULL_TERMINATED;
/* Logs @name in from @client_id; returns the token. */
char       *login_as      (ServerFixture *fixture,
                           const char    *name,
                           const char    *client_id);
/* The usual start: alice, a BOV, logged in from deskA; her token. */
char       *start_as_alice (ServerFixture *fixture);

/* Asserts a JSON error reply with @status and "error": @code. */
void        assert_error  (Reply         *reply,
                           guint          status,
                           const char    *code);
/* A mutation with @n_fields name/value pairs (const char *) after
 * @n_fields, stamped from @id and @node so later ids stamp higher. */
char       *mutation      (gint64         id,
                           const char    *op,
                           const char    *table,
                           const char    *record,
                           const char    *node,
                           guint          n_fields,
                           ...);
/* Pushes @mutations (comma-separated JSON objects) with schema 2. */
Reply      *push          (ServerFixture *fixture,
                           const char    *token,
                           const char    *client_id,
                           const char    *mutations);
/* Pulls after @after; asserts 200. */
Reply      *pull          (ServerFixture *fixture,
                           const char    *token,
                           const char    *client_id,
                           gint64         after);
/* The @index-th result object of a push reply. */
JsonObject *result        (Reply         *reply,
                           guint          index);
/* Asserts the @index-th result of a push reply is about mutation @id and
 * has @status; returns its reason (NULL when it has none). */
const char *assert_result (Reply         *reply,
                           guint          index,
                           gint64         id,
                           const char    *status);
/* How many pulled changes have @table and @field (either may be NULL). */
guint       count_changes (Reply         *reply,
                           const char    *table,
                           const char    *field);

G_END_DECLS
