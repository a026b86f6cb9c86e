#define G_LOG_DOMAIN "desk-sync-client"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "desk-key.h"
#include "desk-sync-client-private.h"
#include "desk-sync-protocol.h"

struct _DeskSyncClient
{
  GObject          parent_instance;

  DeskStore       *store;
  char            *server_url;   /* without a trailing slash */
  char            *ca_file;      /* absolute, or NULL */
  GTlsCertificate *pinned;       /* accept exactly this one, or NULL */
  SoupSession     *session;
  char            *token;        /* wiped when replaced */
};

/* One request on its way. */
typedef struct
{
  SoupMessage     *message;
  GTlsCertificate *refused;      /* the certificate we did not accept */
  gboolean         with_token;
} Request;

G_DEFINE_FINAL_TYPE (DeskSyncClient, desk_sync_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SERVER_URL,
  PROP_SIGNED_IN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (desk-sync-client-error-quark, desk_sync_client_error)

/* Replies larger than this are not the protocol (pages are ≤ 500 changes). */
#define MAX_REPLY (64 * 1024 * 1024)
#define TIMEOUT_SECONDS 60

static gboolean on_accept_certificate_cb (SoupMessage          *message,
                                          GTlsCertificate      *certificate,
                                          GTlsCertificateFlags  errors,
                                          gpointer              user_data);

static void
request_free (Request *request)
{
  if (request->message != NULL)
    g_signal_handlers_disconnect_matched (request->message, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                          on_accept_certificate_cb, NULL);
  g_clear_object (&request->message);
  g_clear_object (&request->refused);
  g_free (request);
}

static void
wipe_bytes (gpointer data)
{
  desk_secure_free (data);
}

/* An https:// URL with a host and no query: the base every path goes under. */
static char *
check_server_url (const char  *server_url,
                  GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *base = NULL;
  gsize length;

  uri = g_uri_parse (server_url, G_URI_FLAGS_NONE, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_INSECURE_URL,
                   _("“%s” is not a server address (%s); give one like https://server.example"),
                   server_url, local_error->message);
      return NULL;
    }
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0)
    {
      g_set_error (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_INSECURE_URL,
                   _("“%s” is not an https:// address: ArrestDesk only syncs over HTTPS, so that nobody on the way can read or change the data"),
                   server_url);
      return NULL;
    }
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL ||
      g_uri_get_user (uri) != NULL)
    {
      g_set_error (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_INSECURE_URL,
                   _("“%s” is not a server address; give one like https://server.example"),
                   server_url);
      return NULL;
    }

  base = g_strdup (server_url);
  length = strlen (base);
  while (length > 0 && base[length - 1] == '/')
    base[--length] = '\0';
  return g_steal_pointer (&base);
}

static gboolean
set_trust (DeskSyncClient  *self,
           const char      *ca_file,
           const char      *pinned_pem,
           GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  if (ca_file != NULL)
    {
      g_autoptr(GTlsDatabase) database = NULL;

      /* GTlsFileDatabase needs an absolute path (RECIPES.md). */
      self->ca_file = g_canonicalize_filename (ca_file, NULL);
      database = g_tls_file_database_new (self->ca_file, &local_error);
      if (database == NULL)
        {
          g_set_error (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_UNTRUSTED,
                       _("cannot read the CA certificates in “%s”: %s"),
                       self->ca_file, local_error->message);
          return FALSE;
        }
      soup_session_set_tls_database (self->session, database);
    }
  else if (pinned_pem != NULL)
    {
      self->pinned = g_tls_certificate_new_from_pem (pinned_pem, -1, &local_error);
      if (self->pinned == NULL)
        {
          g_set_error (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_UNTRUSTED,
                       _("the pinned server certificate cannot be read: %s"),
                       local_error->message);
          return FALSE;
        }
      /* No database: every certificate fails validation, so every new
       * connection asks on_accept_certificate_cb, which takes the pin only. */
      soup_session_set_tls_database (self->session, NULL);
    }
  return TRUE;
}

static gboolean
on_accept_certificate_cb (SoupMessage          *message,
                          GTlsCertificate      *certificate,
                          GTlsCertificateFlags  errors,
                          gpointer              user_data)
{
  GTask *task = user_data;
  DeskSyncClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);

  if (self->pinned != NULL && g_tls_certificate_is_same (self->pinned, certificate))
    return TRUE;

  g_set_object (&request->refused, certificate);
  return FALSE;
}

static void
set_untrusted_error (DeskSyncClient   *self,
                     GTlsCertificate  *certificate,
                     GError          **error)
{
  g_autofree char *fingerprint = desk_sync_certificate_fingerprint (certificate);

  if (self->pinned != NULL)
    g_set_error (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_UNTRUSTED,
                 _("the server’s certificate is not trusted: %s did not show the certificate pinned for it (it showed SHA-256 fingerprint %s)"),
                 self->server_url, fingerprint);
  else if (self->ca_file != NULL)
    g_set_error (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_UNTRUSTED,
                 _("the server’s certificate is not trusted: %s showed a certificate not signed by the CA in “%s” (SHA-256 fingerprint %s)"),
                 self->server_url, self->ca_file, fingerprint);
  else
    g_set_error (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_UNTRUSTED,
                 _("the server’s certificate is not trusted: %s showed a certificate no authority on this computer vouches for (SHA-256 fingerprint %s)"),
                 self->server_url, fingerprint);
}

static void
set_transport_error (DeskSyncClient   *self,
                     Request          *request,
                     GError           *cause,
                     GError          **error)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (cause));
  else if (request->refused != NULL)
    set_untrusted_error (self, request->refused, error);
  else if (cause->domain == G_TLS_ERROR)
    g_set_error (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_UNREACHABLE,
                 _("cannot reach the server %s: no secure connection could be made (%s)"),
                 self->server_url, cause->message);
  else
    g_set_error (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_UNREACHABLE,
                 _("cannot reach the server %s: %s"), self->server_url, cause->message);
}

static void
on_request_sent_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DeskSyncClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  guint status;
  gsize size;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (bytes == NULL)
    {
      GError *mapped = NULL;

      set_transport_error (self, request, error, &mapped);
      g_task_return_error (task, mapped);
      return;
    }

  status = soup_message_get_status (request->message);
  /* The server no longer knows the session: signed out ("signed-in" tells). */
  if (status == SOUP_STATUS_UNAUTHORIZED && request->with_token)
    desk_sync_client_set_token (self, NULL);

  size = g_bytes_get_size (bytes);
  if (size == 0)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  parser = json_parser_new_immutable ();
  if (size > MAX_REPLY ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), size, &parse_error) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      /* A proxy's error page, or not our server at all. */
      if (SOUP_STATUS_IS_SUCCESSFUL (status))
        g_task_return_new_error (task, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_SERVER,
                                 _("%s does not answer as an ArrestDesk server"), self->server_url);
      else
        g_task_return_new_error (task, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_SERVER,
                                 _("the server %s answered “%u %s”"), self->server_url, status,
                                 soup_status_get_phrase (status));
      return;
    }

  g_task_return_pointer (task, json_object_ref (json_node_get_object (root)),
                         (GDestroyNotify) json_object_unref);
}

void
desk_sync_client_request_async (DeskSyncClient      *self,
                                const char          *path,
                                char                *body,
                                gboolean             with_token,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  Request *request;
  SoupMessageHeaders *headers;

  g_return_if_fail (DESK_IS_SYNC_CLIENT (self));
  g_return_if_fail (path != NULL && path[0] == '/');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_sync_client_request_async);

  url = g_strconcat (self->server_url, path, NULL);
  request = g_new0 (Request, 1);
  request->message = soup_message_new (body != NULL ? SOUP_METHOD_POST : SOUP_METHOD_GET, url);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  if (request->message == NULL)
    {
      desk_secure_free (body);
      g_task_return_new_error (task, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_INSECURE_URL,
                               _("“%s” is not a server address"), self->server_url);
      return;
    }

  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_append (headers, "Accept", "application/json");
  request->with_token = with_token && self->token != NULL;
  if (request->with_token)
    {
      char *bearer = g_strconcat ("Bearer ", self->token, NULL);

      soup_message_headers_replace (headers, "Authorization", bearer);
      desk_secure_free (bearer);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_with_free_func (body, strlen (body), wipe_bytes, body);

      soup_message_set_request_body_from_bytes (request->message, "application/json", bytes);
    }

  /* libsoup opens a new TLS connection for every POST unless told it may be
   * sent again: a push may (the server skips ids it has, the protocol
   * resends unanswered pushes anyway) and a pull changes nothing. A
   * handshake per page was most of the time of a large sync. */
  if (g_str_equal (path, "/api/v1/push") || g_str_equal (path, "/api/v1/pull"))
    soup_message_add_flags (request->message, SOUP_MESSAGE_IDEMPOTENT);

  /* The task keeps self, and so the pin, alive as long as the message. */
  g_signal_connect (request->message, "accept-certificate",
                    G_CALLBACK (on_accept_certificate_cb), task);
  soup_session_send_and_read_async (self->session, request->message, G_PRIORITY_DEFAULT,
                                    cancellable, on_request_sent_cb, g_object_ref (task));
}

JsonObject *
desk_sync_client_request_finish (DeskSyncClient  *self,
                                 GAsyncResult    *result,
                                 guint           *status,
                                 GError         **error)
{
  Request *request;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  request = g_task_get_task_data (G_TASK (result));
  if (status != NULL)
    *status = soup_message_get_status (request->message);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
desk_sync_login_free (DeskSyncLogin *login)
{
  if (login == NULL)
    return;
  desk_secure_free (login->token);
  g_free (login->username);
  g_free (login->expires_at);
  g_free (login);
}

void
desk_sync_report_free (DeskSyncReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->reasons, g_ptr_array_unref);
  g_free (report);
}

static void
desk_sync_client_finalize (GObject *object)
{
  DeskSyncClient *self = (DeskSyncClient *) object;

  g_clear_object (&self->session);
  g_clear_object (&self->pinned);
  g_clear_object (&self->store);
  g_clear_pointer (&self->token, desk_secure_free);
  g_free (self->server_url);
  g_free (self->ca_file);

  G_OBJECT_CLASS (desk_sync_client_parent_class)->finalize (object);
}

static void
desk_sync_client_dispose (GObject *object)
{
  DeskSyncClient *self = (DeskSyncClient *) object;

  if (self->session != NULL)
    soup_session_abort (self->session);

  G_OBJECT_CLASS (desk_sync_client_parent_class)->dispose (object);
}

static void
desk_sync_client_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DeskSyncClient *self = DESK_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;
    case PROP_SIGNED_IN:
      g_value_set_boolean (value, self->token != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_sync_client_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DeskSyncClient *self = DESK_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SERVER_URL:
      self->server_url = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_sync_client_class_init (DeskSyncClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = desk_sync_client_dispose;
  object_class->finalize = desk_sync_client_finalize;
  object_class->get_property = desk_sync_client_get_property;
  object_class->set_property = desk_sync_client_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DESK_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVER_URL] =
    g_param_spec_string ("server-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIGNED_IN] =
    g_param_spec_boolean ("signed-in", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
desk_sync_client_init (DeskSyncClient *self)
{
  self->session = soup_session_new_with_options ("user-agent", "ArrestDesk/" PACKAGE_VERSION,
                                                 "timeout", TIMEOUT_SECONDS,
                                                 "idle-timeout", TIMEOUT_SECONDS,
                                                 NULL);
}

DeskSyncClient *
desk_sync_client_new (DeskStore   *store,
                      const char  *server_url,
                      const char  *ca_file,
                      const char  *pinned_pem,
                      GError     **error)
{
  g_autoptr(DeskSyncClient) self = NULL;
  g_autofree char *base = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (server_url != NULL, NULL);
  g_return_val_if_fail (ca_file == NULL || pinned_pem == NULL, NULL);

  base = check_server_url (server_url, error);
  if (base == NULL)
    return NULL;

  self = g_object_new (DESK_TYPE_SYNC_CLIENT,
                       "store", store,
                       "server-url", base,
                       NULL);
  if (!set_trust (self, ca_file, pinned_pem, error))
    return NULL;
  return g_steal_pointer (&self);
}

DeskStore *
desk_sync_client_get_store (DeskSyncClient *self)
{
  g_return_val_if_fail (DESK_IS_SYNC_CLIENT (self), NULL);
  return self->store;
}

const char *
desk_sync_client_get_server_url (DeskSyncClient *self)
{
  g_return_val_if_fail (DESK_IS_SYNC_CLIENT (self), NULL);
  return self->server_url;
}

void
desk_sync_client_set_token (DeskSyncClient *self,
                            const char     *token)
{
  gboolean was_signed_in;

  g_return_if_fail (DESK_IS_SYNC_CLIENT (self));

  was_signed_in = self->token != NULL;
  g_clear_pointer (&self->token, desk_secure_free);
  if (token != NULL && *token != '\0')
    self->token = g_strdup (token);
  if (was_signed_in != (self->token != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNED_IN]);
}

gboolean
desk_sync_client_get_signed_in (DeskSyncClient *self)
{
  g_return_val_if_fail (DESK_IS_SYNC_CLIENT (self), FALSE);
  return self->token != NULL;
}

static char *
build_login_body (DeskSyncClient *self,
                  const char     *username,
                  const char     *password)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, username);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_set_member_name (builder, "client_id");
  json_builder_add_string_value (builder, desk_store_get_node_id (self->store));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
on_login_reply_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  DeskSyncClient *self = DESK_SYNC_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(DeskSyncLogin) login = NULL;
  GError *error = NULL;
  const char *role;
  guint status = 0;

  reply = desk_sync_client_request_finish (self, result, &status, &error);
  if (error != NULL || !desk_sync_reply_check (status, reply, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  login = g_new0 (DeskSyncLogin, 1);
  role = reply ? json_object_get_string_member_with_default (reply, "role", NULL) : NULL;
  login->token = g_strdup (reply ? json_object_get_string_member_with_default (reply, "token", NULL) : NULL);
  login->username = g_strdup (reply ? json_object_get_string_member_with_default (reply, "username", NULL) : NULL);
  login->expires_at = g_strdup (reply ? json_object_get_string_member_with_default (reply, "expires_at", NULL) : NULL);
  if (login->token == NULL || *login->token == '\0' || !desk_role_parse (role, &login->role))
    {
      g_task_return_new_error (task, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_SERVER,
                               _("%s answered the log-in without a session or a known role"),
                               self->server_url);
      return;
    }

  desk_sync_client_set_token (self, login->token);
  g_task_return_pointer (task, g_steal_pointer (&login), (GDestroyNotify) desk_sync_login_free);
}

void
desk_sync_client_login_async (DeskSyncClient      *self,
                              const char          *username,
                              const char          *password,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (DESK_IS_SYNC_CLIENT (self));
  g_return_if_fail (username != NULL);
  g_return_if_fail (password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_sync_client_login_async);
  desk_sync_client_request_async (self, "/api/v1/login", build_login_body (self, username, password),
                                  FALSE, cancellable, on_login_reply_cb, task);
}

DeskSyncLogin *
desk_sync_client_login_finish (DeskSyncClient  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_logout_reply_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  DeskSyncClient *self = DESK_SYNC_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonObject) reply = NULL;
  GError *error = NULL;
  guint status = 0;

  reply = desk_sync_client_request_finish (self, result, &status, &error);
  desk_sync_client_set_token (self, NULL);
  /* A token the server no longer knows is as logged out as can be. */
  if (error == NULL && status == SOUP_STATUS_UNAUTHORIZED)
    status = SOUP_STATUS_NO_CONTENT;
  if (error != NULL || !desk_sync_reply_check (status, reply, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
desk_sync_client_logout_async (DeskSyncClient      *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (DESK_IS_SYNC_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_sync_client_logout_async);
  if (self->token == NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  desk_sync_client_request_async (self, "/api/v1/logout", g_strdup ("{}"), TRUE,
                                  cancellable, on_logout_reply_cb, task);
}

gboolean
desk_sync_client_logout_finish (DeskSyncClient  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* For desk-sync-live.c: the live socket goes through the same session,
 * trust and token as every request. */
SoupSession *
desk_sync_client_get_session (DeskSyncClient *self)
{
  g_return_val_if_fail (DESK_IS_SYNC_CLIENT (self), NULL);
  return self->session;
}

char *
desk_sync_client_dup_token (DeskSyncClient *self)
{
  g_return_val_if_fail (DESK_IS_SYNC_CLIENT (self), NULL);
  return g_strdup (self->token);
}

gboolean
desk_sync_client_accepts_certificate (DeskSyncClient  *self,
                                      GTlsCertificate *certificate)
{
  g_return_val_if_fail (DESK_IS_SYNC_CLIENT (self), FALSE);
  return self->pinned != NULL && g_tls_certificate_is_same (self->pinned, certificate);
}
