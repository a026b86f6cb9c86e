#define G_LOG_DOMAIN "desk-server"

#include "config.h"

#include <string.h>

#include "desk-server-auth.h"
#include "desk-server-http.h"
#include "desk-server-private.h"
#include "desk-sync-protocol.h"

#define API_PREFIX     "/api/v1"
#define RATE_PER_SEC   20.0
#define RATE_BURST     100.0
#define HASH_THREADS   2

typedef void (*Handler) (DeskServer        *self,
                         SoupServerMessage *msg,
                         DeskServerSession *session);

typedef struct
{
  const char *path;
  const char *method;
  gboolean    needs_token;
  Handler     handler;
} Route;

G_DEFINE_FINAL_TYPE (DeskServer, desk_server, G_TYPE_OBJECT)

/* Declared in desk-server-login.c, runs on the hasher pool. */
void desk_server_login_verify_in_thread (gpointer data,
                                         gpointer user_data);

static void
handle_health (DeskServer        *self,
               SoupServerMessage *msg,
               DeskServerSession *session)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "ok");
  json_builder_set_member_name (builder, "schema");
  json_builder_add_int_value (builder, desk_server_storage_get_schema_version (self->storage));
  json_builder_set_member_name (builder, "protocol");
  json_builder_add_int_value (builder, DESK_SYNC_PROTOCOL_VERSION);
  json_builder_end_object (builder);
  desk_http_reply_builder (msg, SOUP_STATUS_OK, builder);
}

static void
handle_login (DeskServer        *self,
              SoupServerMessage *msg,
              DeskServerSession *session)
{
  desk_server_handle_login (self, msg);
}

static const Route routes[] = {
  { API_PREFIX "/health", "GET",  FALSE, handle_health },
  { API_PREFIX "/login",  "POST", FALSE, handle_login },
  { API_PREFIX "/logout", "POST", TRUE,  desk_server_handle_logout },
  { API_PREFIX "/push",   "POST", TRUE,  desk_server_handle_push },
  { API_PREFIX "/pull",   "POST", TRUE,  desk_server_handle_pull },
};

static void
note_username (SoupServerMessage *msg,
               const char        *username)
{
  g_object_set_data_full (G_OBJECT (msg), "desk-username", g_strdup (username), g_free);
}

void
desk_server_reply_internal (SoupServerMessage *msg,
                            const char        *what,
                            const GError      *error)
{
  g_warning ("%s failed: %s", what, error ? error->message : "unknown error");
  desk_http_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal",
                         "The server could not handle the request; try again later");
}

DeskServerSession *
desk_server_authenticate (DeskServer        *self,
                          SoupServerMessage *msg,
                          const char        *query_token)
{
  g_autofree char *token = desk_http_dup_bearer (msg);
  g_autofree char *hash = NULL;
  g_autoptr(GError) error = NULL;
  DeskServerSession *session;

  if (token == NULL && query_token != NULL)
    token = g_strdup (query_token);
  if (token == NULL || strlen (token) != 2 * DESK_SERVER_TOKEN_BYTES)
    {
      desk_http_reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "bad_token",
                             "This needs a session token (Authorization: Bearer …): log in first");
      return NULL;
    }

  hash = desk_server_hash_token (token);
  session = desk_server_storage_lookup_token (self->storage, hash,
                                              g_get_real_time () / G_USEC_PER_SEC, &error);
  if (error != NULL)
    {
      desk_server_reply_internal (msg, "token lookup", error);
      return NULL;
    }
  if (session == NULL)
    {
      desk_http_reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "bad_token",
                             "The session token is unknown, expired or revoked: log in again");
      return NULL;
    }

  note_username (msg, session->username);
  if (!desk_rate_limiter_take (self->limiter, hash, g_get_monotonic_time ()))
    {
      desk_http_reply_slow_down (msg, 1, "Too many requests for this session; slow down");
      desk_server_session_free (session);
      return NULL;
    }
  return session;
}

gboolean
desk_server_check_schema (DeskServer        *self,
                          SoupServerMessage *msg,
                          int                schema)
{
  int newest = desk_server_storage_get_schema_version (self->storage);
  g_autofree char *message = NULL;

  if (schema > newest)
    {
      message = g_strdup_printf ("This server serves schema %d at most; the client uses %d. "
                                 "Upgrade the server.", newest, schema);
      desk_http_reply_error (msg, DESK_HTTP_UPGRADE_REQUIRED, "upgrade_server", message);
      return FALSE;
    }
  if (schema < DESK_SERVER_OLDEST_SCHEMA)
    {
      message = g_strdup_printf ("This server serves schema %d and newer; the client uses %d. "
                                 "Upgrade ArrestDesk on this desk.", DESK_SERVER_OLDEST_SCHEMA, schema);
      desk_http_reply_error (msg, DESK_HTTP_UPGRADE_REQUIRED, "upgrade_client", message);
      return FALSE;
    }
  return TRUE;
}

gboolean
desk_server_check_client (SoupServerMessage *msg,
                          DeskServerSession *session,
                          const char        *client_id)
{
  if (g_strcmp0 (session->client_id, client_id) == 0)
    return TRUE;
  desk_http_reply_error (msg, SOUP_STATUS_FORBIDDEN, "wrong_client",
                         "The client_id is not the one this session token was issued to; log in from this desk");
  return FALSE;
}

static const Route *
find_route (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    if (strcmp (routes[i].path, path) == 0)
      return &routes[i];
  return NULL;
}

static void
on_api_request_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  DeskServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(DeskServerSession) session = NULL;
  const Route *route = find_route (path);

  if (route == NULL)
    {
      desk_http_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "There is no such API call");
      return;
    }
  if (strcmp (method, route->method) != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", route->method);
      desk_http_reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed",
                             strcmp (route->method, "GET") == 0 ? "Use GET" : "Use POST");
      return;
    }
  if (desk_http_body_too_large (msg))
    {
      desk_http_reply_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large",
                             "The body is larger than 4 MiB");
      return;
    }
  if (route->needs_token)
    {
      session = desk_server_authenticate (self, msg, NULL);
      if (session == NULL)
        return;
    }
  if (strcmp (method, "POST") == 0)
    {
      g_autoptr(GBytes) body = desk_http_get_body (msg);
      g_autoptr(GError) error = NULL;
      gsize length;
      const char *data = g_bytes_get_data (body, &length);

      if (!desk_sync_check_json_depth (data, length, DESK_SYNC_MAX_JSON_DEPTH, &error))
        {
          desk_http_reply_sync_error (msg, error);
          return;
        }
    }

  route->handler (self, msg, session);
}

/* Everything outside the API: a JSON 404, never a directory listing. */
static void
on_other_request_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  desk_http_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "There is nothing here");
}

static void
on_request_started_cb (SoupServer        *server,
                       SoupServerMessage *msg,
                       gpointer           user_data)
{
  desk_http_watch_body (msg, DESK_HTTP_MAX_BODY);
}

/* Method, path, status and at most the username: never bodies, queries or values. */
static void
on_request_finished_cb (SoupServer        *server,
                        SoupServerMessage *msg,
                        gpointer           user_data)
{
  const char *username = g_object_get_data (G_OBJECT (msg), "desk-username");
  GUri *uri = soup_server_message_get_uri (msg);

  g_info ("%s %s %u%s%s",
          soup_server_message_get_method (msg),
          uri ? g_uri_get_path (uri) : "-",
          soup_server_message_get_status (msg),
          username ? " user=" : "",
          username ? username : "");
}

static void
desk_server_dispose (GObject *object)
{
  DeskServer *self = DESK_SERVER (object);

  desk_server_stop (self);
  if (self->hasher != NULL)
    {
      g_thread_pool_free (self->hasher, FALSE, TRUE);
      self->hasher = NULL;
    }
  g_clear_object (&self->soup);

  G_OBJECT_CLASS (desk_server_parent_class)->dispose (object);
}

static void
desk_server_finalize (GObject *object)
{
  DeskServer *self = DESK_SERVER (object);

  g_clear_object (&self->storage);
  g_clear_pointer (&self->limiter, desk_rate_limiter_free);
  g_clear_pointer (&self->sockets, g_ptr_array_unref);
  g_free (self->dummy_hash);

  G_OBJECT_CLASS (desk_server_parent_class)->finalize (object);
}

static void
desk_server_class_init (DeskServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = desk_server_dispose;
  object_class->finalize = desk_server_finalize;
}

static void
desk_server_init (DeskServer *self)
{
  self->limiter = desk_rate_limiter_new (RATE_PER_SEC, RATE_BURST);
  self->token_lifetime = DESK_SERVER_DEFAULT_TOKEN_LIFETIME;
}

DeskServer *
desk_server_new (DeskServerStorage *storage,
                 GTlsCertificate   *certificate,
                 gint64             token_lifetime)
{
  DeskServer *self;
  guint8 random_password[16];

  g_return_val_if_fail (DESK_IS_SERVER_STORAGE (storage), NULL);
  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);
  g_return_val_if_fail (token_lifetime > 0, NULL);

  self = g_object_new (DESK_TYPE_SERVER, NULL);
  self->storage = g_object_ref (storage);
  self->token_lifetime = token_lifetime;
  self->hasher = g_thread_pool_new (desk_server_login_verify_in_thread, self,
                                    HASH_THREADS, FALSE, NULL);

  /* Unknown names are checked against this, so they cost the same time. */
  if (desk_server_random_bytes (random_password, sizeof random_password, NULL))
    {
      g_autofree char *text = g_base64_encode (random_password, sizeof random_password);

      self->dummy_hash = desk_server_hash_password (text, NULL);
    }

  self->soup = soup_server_new ("tls-certificate", certificate,
                                "server-header", "arrestdesk-server",
                                NULL);
  soup_server_add_handler (self->soup, API_PREFIX, on_api_request_cb, self, NULL);
  soup_server_add_handler (self->soup, NULL, on_other_request_cb, self, NULL);
  desk_server_live_init (self);

  g_signal_connect (self->soup, "request-started", G_CALLBACK (on_request_started_cb), self);
  g_signal_connect (self->soup, "request-finished", G_CALLBACK (on_request_finished_cb), self);
  g_signal_connect (self->soup, "request-aborted", G_CALLBACK (on_request_finished_cb), self);
  return self;
}

gboolean
desk_server_listen (DeskServer      *self,
                    GSocketAddress  *address,
                    GError         **error)
{
  g_return_val_if_fail (DESK_IS_SERVER (self), FALSE);
  g_return_val_if_fail (G_IS_SOCKET_ADDRESS (address), FALSE);

  return soup_server_listen (self->soup, address, SOUP_SERVER_LISTEN_HTTPS, error);
}

guint16
desk_server_get_port (DeskServer *self)
{
  g_autoslist(GUri) uris = NULL;

  g_return_val_if_fail (DESK_IS_SERVER (self), 0);

  uris = soup_server_get_uris (self->soup);
  return uris != NULL ? (guint16) g_uri_get_port (uris->data) : 0;
}

void
desk_server_stop (DeskServer *self)
{
  g_return_if_fail (DESK_IS_SERVER (self));

  desk_server_live_close_all (self);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
}
