#define G_LOG_DOMAIN "desk-sync-live"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "desk-key.h"
#include "desk-sync-client-private.h"
#include "desk-sync-live.h"
#include "desk-sync-protocol.h"

#define LIVE_PATH "/api/v1/live"
/* Pokes are tiny; anything larger is not the server talking. */
#define MAX_POKE_BYTES 1024
/* A dead connection (laptop lid, pulled cable) is noticed within this. */
#define KEEPALIVE_SECONDS 30

static gboolean
on_live_accept_certificate_cb (SoupMessage          *message,
                               GTlsCertificate      *certificate,
                               GTlsCertificateFlags  errors,
                               gpointer              user_data)
{
  GTask *task = user_data;

  return desk_sync_client_accepts_certificate (g_task_get_source_object (task), certificate);
}

static void
on_live_connected_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DeskSyncClient *client = g_task_get_source_object (task);
  SoupMessage *message = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *conn;

  g_signal_handlers_disconnect_by_func (message, on_live_accept_certificate_cb, task);
  conn = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  if (conn == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_UNREACHABLE,
                                 _("cannot open the live connection to %s: %s"),
                                 desk_sync_client_get_server_url (client), error->message);
      return;
    }
  soup_websocket_connection_set_keepalive_interval (conn, KEEPALIVE_SECONDS);
  soup_websocket_connection_set_max_incoming_payload_size (conn, MAX_POKE_BYTES);
  g_task_return_pointer (task, conn, g_object_unref);
}

void
desk_sync_live_connect_async (DeskSyncClient      *client,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  SoupMessage *message;
  char *token;

  g_return_if_fail (DESK_IS_SYNC_CLIENT (client));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_sync_live_connect_async);

  token = desk_sync_client_dup_token (client);
  if (token == NULL)
    {
      g_task_return_new_error (task, DESK_SYNC_ERROR, DESK_SYNC_ERROR_AUTH, _("signed out: log in again"));
      return;
    }

  url = g_strconcat (desk_sync_client_get_server_url (client), LIVE_PATH, NULL);
  message = soup_message_new (SOUP_METHOD_GET, url);
  if (message == NULL)
    {
      desk_secure_free (token);
      g_task_return_new_error (task, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_INSECURE_URL,
                               _("“%s” is not a server address"), desk_sync_client_get_server_url (client));
      return;
    }
  g_task_set_task_data (task, message, g_object_unref);

  /* In a header, never in the URL, where proxies and logs would keep it. */
  {
    char *bearer = g_strconcat ("Bearer ", token, NULL);

    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", bearer);
    desk_secure_free (bearer);
    desk_secure_free (token);
  }
  g_signal_connect (message, "accept-certificate", G_CALLBACK (on_live_accept_certificate_cb), task);
  soup_session_websocket_connect_async (desk_sync_client_get_session (client), message, NULL, NULL,
                                        G_PRIORITY_DEFAULT, cancellable, on_live_connected_cb,
                                        g_object_ref (task));
}

SoupWebsocketConnection *
desk_sync_live_connect_finish (DeskSyncClient  *client,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gint64
desk_sync_live_parse_poke (GBytes *message)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;
  JsonNode *version;
  gsize size;
  const char *data;

  g_return_val_if_fail (message != NULL, -1);

  data = g_bytes_get_data (message, &size);
  if (size == 0 || size > MAX_POKE_BYTES || !json_parser_load_from_data (parser, data, size, NULL))
    return -1;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return -1;
  version = json_object_get_member (json_node_get_object (root), "version");
  if (version == NULL || json_node_get_value_type (version) != G_TYPE_INT64)
    return -1;
  return json_node_get_int (version);
}
