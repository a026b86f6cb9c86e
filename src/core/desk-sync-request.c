#define G_LOG_DOMAIN "desk-sync-client"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "desk-key.h"
#include "desk-sync-client-private.h"

/* One JSON request of the sync client to its server, over the client's
 * session, with its token and its trust. */

/* One request on its way. */
typedef struct
{
  SoupMessage     *message;
  GTlsCertificate *refused;      /* the certificate we did not accept */
  gboolean         with_token;
} Request;

/* Replies larger than this are not the protocol (pages are ≤ 500 changes). */
#define MAX_REPLY (64 * 1024 * 1024)

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

static gboolean
on_accept_certificate_cb (SoupMessage          *message,
                          GTlsCertificate      *certificate,
                          GTlsCertificateFlags  errors,
                          gpointer              user_data)
{
  GTask *task = user_data;
  DeskSyncClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);

  if (desk_sync_client_accepts_certificate (self, certificate))
    return TRUE;

  g_set_object (&request->refused, certificate);
  return FALSE;
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
    desk_sync_client_set_untrusted_error (self, request->refused, error);
  else if (cause->domain == G_TLS_ERROR)
    g_set_error (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_UNREACHABLE,
                 _("cannot reach the server %s: no secure connection could be made (%s)"),
                 desk_sync_client_get_server_url (self), cause->message);
  else
    g_set_error (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_UNREACHABLE,
                 _("cannot reach the server %s: %s"),
                 desk_sync_client_get_server_url (self), cause->message);
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
                                 _("%s does not answer as an ArrestDesk server"),
                                 desk_sync_client_get_server_url (self));
      else
        g_task_return_new_error (task, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_SERVER,
                                 _("the server %s answered “%u %s”"),
                                 desk_sync_client_get_server_url (self), status,
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
  char *token;

  g_return_if_fail (DESK_IS_SYNC_CLIENT (self));
  g_return_if_fail (path != NULL && path[0] == '/');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_sync_client_request_async);

  url = g_strconcat (desk_sync_client_get_server_url (self), path, NULL);
  request = g_new0 (Request, 1);
  request->message = soup_message_new (body != NULL ? SOUP_METHOD_POST : SOUP_METHOD_GET, url);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  if (request->message == NULL)
    {
      desk_secure_free (body);
      g_task_return_new_error (task, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_INSECURE_URL,
                               _("“%s” is not a server address"), desk_sync_client_get_server_url (self));
      return;
    }

  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_append (headers, "Accept", "application/json");
  token = with_token ? desk_sync_client_dup_token (self) : NULL;
  request->with_token = token != NULL;
  if (request->with_token)
    {
      char *bearer = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", bearer);
      desk_secure_free (bearer);
    }
  desk_secure_free (token);
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
  soup_session_send_and_read_async (desk_sync_client_get_session (self), request->message,
                                    G_PRIORITY_DEFAULT, cancellable, on_request_sent_cb, g_object_ref (task));
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
