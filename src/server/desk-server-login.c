#define G_LOG_DOMAIN "desk-server-login"

#include "config.h"

#include <string.h>

#include "desk-server-auth.h"
#include "desk-server-http.h"
#include "desk-server-private.h"

/* POST /api/v1/login and /api/v1/logout. The password check (argon2id,
 * tens of milliseconds) runs on the hasher pool while the message waits. */

#define MAX_NAME     64
#define MAX_WAITING  64   /* logins queued for the hasher: each costs 19 MiB */

typedef struct
{
  DeskServer        *server;
  SoupServerMessage *msg;
  char              *username;
  char              *password;
  char              *client_id;
  char              *address;
  char              *hash;       /* the account's, or the dummy */
  gboolean           found;
  gboolean           disabled;
  DeskRole           role;
  gboolean           verified;   /* set on the pool */
} LoginJob;

void desk_server_login_verify_in_thread (gpointer data,
                                         gpointer user_data);

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

static void
login_job_free (LoginJob *job)
{
  g_object_unref (job->server);
  g_object_unref (job->msg);
  g_free (job->username);
  wipe_free (job->password);
  g_free (job->client_id);
  g_free (job->address);
  g_free (job->hash);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoginJob, login_job_free)

static gboolean
get_member (JsonObject  *object,
            const char  *name,
            gsize        max_length,
            char       **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *text;

  if (node == NULL)
    {
      g_set_error (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_MALFORMED, "a login lacks “%s”", name);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_MALFORMED, "“%s” in a login must be a string", name);
      return FALSE;
    }
  text = json_node_get_string (node);
  if (*text == '\0' || strlen (text) > max_length || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_MALFORMED,
                   "“%s” in a login must be 1–%u characters of UTF-8", name, (guint) max_length);
      return FALSE;
    }
  *out = g_strdup (text);
  return TRUE;
}

static gboolean
parse_login (GBytes    *body,
             LoginJob  *job,
             GError   **error)
{
  static const char *const allowed[] = { "username", "password", "client_id", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  JsonNode *root;
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  if (!json_parser_load_from_data (parser, data ? data : "", length, &local_error))
    {
      g_set_error (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_MALFORMED, "not JSON: %s", local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_MALFORMED, "the body must be a JSON object");
      return FALSE;
    }
  object = json_node_get_object (root);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_set_error (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_MALFORMED,
                     "unknown member “%s” in a login", (const char *) l->data);
        return FALSE;
      }

  return get_member (object, "username", MAX_NAME, &job->username, error) &&
         get_member (object, "password", DESK_SERVER_MAX_PASSWORD, &job->password, error) &&
         get_member (object, "client_id", 64, &job->client_id, error);
}

static char *
key_for (const char *kind,
         const char *value)
{
  return g_strconcat (kind, ":", value, NULL);
}

static void
reply_bad_credentials (LoginJob *job)
{
  desk_http_reply_error (job->msg, SOUP_STATUS_UNAUTHORIZED, "bad_credentials",
                         "The username or password is wrong");
}

static gboolean
reply_later_cb (gpointer data)
{
  LoginJob *job = data;

  reply_bad_credentials (job);
  soup_server_message_unpause (job->msg);
  return G_SOURCE_REMOVE;
}

static void
refuse (LoginJob *job)
{
  DeskServerStorage *storage = job->server->storage;
  g_autofree char *account_key = key_for ("account", job->username);
  g_autofree char *address_key = key_for ("address", job->address);
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint count, delay;

  count = desk_login_throttle_fail (storage, account_key, now, &error);
  if (error == NULL)
    {
      guint address_count = desk_login_throttle_fail (storage, address_key, now, &error);

      count = MAX (count, address_count);
    }
  if (error != NULL)
    {
      desk_server_reply_internal (job->msg, "login failure count", error);
      soup_server_message_unpause (job->msg);
      login_job_free (job);
      return;
    }

  /* Repeated failures are answered more and more slowly. */
  delay = desk_login_throttle_delay (count);
  if (delay == 0)
    {
      reply_later_cb (job);
      login_job_free (job);
      return;
    }
  g_timeout_add_full (G_PRIORITY_DEFAULT, delay, reply_later_cb, job, (GDestroyNotify) login_job_free);
}

static void
grant (LoginJob *job)
{
  DeskServerStorage *storage = job->server->storage;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) expires = NULL;
  g_autofree char *account_key = key_for ("account", job->username);
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  g_autofree char *expires_text = NULL;
  g_autoptr(GError) error = NULL;
  gint64 expires_at;

  token = desk_server_new_token (&error);
  if (token == NULL)
    {
      desk_server_reply_internal (job->msg, "token", error);
      return;
    }
  token_hash = desk_server_hash_token (token);
  expires_at = g_get_real_time () / G_USEC_PER_SEC + job->server->token_lifetime;
  if (!desk_server_storage_add_token (storage, token_hash, job->username, job->client_id,
                                      expires_at, &error) ||
      !desk_server_storage_clear_login_failures (storage, account_key, &error))
    {
      desk_server_reply_internal (job->msg, "login", error);
      return;
    }

  expires = g_date_time_new_from_unix_utc (expires_at);
  expires_text = g_date_time_format (expires, "%Y-%m-%dT%H:%M:%SZ");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_string_value (builder, expires_text);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, desk_role_to_string (job->role));
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, job->username);
  json_builder_end_object (builder);
  desk_http_reply_builder (job->msg, SOUP_STATUS_OK, builder);
  memset (token, 0, strlen (token));
}

static gboolean
login_verified_cb (gpointer data)
{
  LoginJob *job = data;

  if (!job->verified || !job->found)
    {
      refuse (job);   /* takes the job */
      return G_SOURCE_REMOVE;
    }

  g_object_set_data_full (G_OBJECT (job->msg), "desk-username", g_strdup (job->username), g_free);
  if (job->disabled)
    desk_http_reply_error (job->msg, SOUP_STATUS_FORBIDDEN, "disabled",
                           "This account is disabled; ask a coordinator");
  else
    grant (job);
  soup_server_message_unpause (job->msg);
  login_job_free (job);
  return G_SOURCE_REMOVE;
}

void
desk_server_login_verify_in_thread (gpointer data,
                                    gpointer user_data)
{
  LoginJob *job = data;

  job->verified = job->hash != NULL && desk_server_verify_password (job->hash, job->password);
  g_idle_add (login_verified_cb, job);
}

/* 0 when both the account and the address may try now. */
static gint64
wait_needed (DeskServer  *self,
             LoginJob    *job,
             GError     **error)
{
  g_autofree char *account_key = key_for ("account", job->username);
  g_autofree char *address_key = key_for ("address", job->address);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 account_wait, address_wait;

  account_wait = desk_login_throttle_wait (self->storage, account_key, now, error);
  if (*error != NULL)
    return 0;
  address_wait = desk_login_throttle_wait (self->storage, address_key, now, error);
  return MAX (account_wait, address_wait);
}

void
desk_server_handle_login (DeskServer        *self,
                          SoupServerMessage *msg)
{
  g_autoptr(LoginJob) job = g_new0 (LoginJob, 1);
  g_autoptr(GBytes) body = desk_http_get_body (msg);
  g_autoptr(DeskServerAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  const char *address = soup_server_message_get_remote_host (msg);
  gint64 wait;

  /* A flood of logins would queue without end before any failure counts. */
  if (g_thread_pool_unprocessed (self->hasher) >= MAX_WAITING)
    {
      desk_http_reply_slow_down (msg, 1, "The server is busy with logins; try again shortly");
      return;
    }

  job->server = g_object_ref (self);
  job->msg = g_object_ref (msg);
  job->address = g_strdup (address ? address : "unknown");

  if (!parse_login (body, job, &error))
    {
      desk_http_reply_sync_error (msg, error);
      return;
    }

  wait = wait_needed (self, job, &error);
  if (error != NULL)
    {
      desk_server_reply_internal (msg, "login throttle", error);
      return;
    }
  if (wait > 0)
    {
      desk_http_reply_slow_down (msg, wait, "Too many failed logins for this account or address; wait and try again");
      return;
    }

  account = desk_server_storage_lookup_account (self->storage, job->username, &error);
  if (error != NULL)
    {
      desk_server_reply_internal (msg, "account lookup", error);
      return;
    }
  job->found = account != NULL;
  job->hash = g_strdup (account ? account->password_hash : self->dummy_hash);
  job->disabled = account && account->disabled;
  job->role = account ? account->role : DESK_ROLE_BOV;

  soup_server_message_pause (msg);
  g_thread_pool_push (self->hasher, g_steal_pointer (&job), NULL);
}

void
desk_server_handle_logout (DeskServer        *self,
                           SoupServerMessage *msg,
                           DeskServerSession *session)
{
  g_autoptr(GError) error = NULL;

  if (!desk_server_storage_revoke_token (self->storage, session->token_hash, &error))
    {
      desk_server_reply_internal (msg, "logout", error);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
}
