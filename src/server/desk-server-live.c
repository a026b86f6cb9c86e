#define G_LOG_DOMAIN "desk-server-live"

#include "config.h"

#include <string.h>

#include "desk-server-http.h"
#include "desk-server-private.h"

/* GET /api/v1/live: a WebSocket that hears {"version": N} after each push
 * that changed something, telling the desk to pull. */

#define LIVE_PATH "/api/v1/live"

typedef struct
{
  SoupWebsocketConnection *conn;
  char                    *token_hash;
} LiveSocket;

static void
live_socket_free (LiveSocket *socket)
{
  g_signal_handlers_disconnect_by_data (socket->conn, socket);
  g_object_unref (socket->conn);
  g_free (socket->token_hash);
  g_free (socket);
}

/* Runs before the upgrade: a status set here refuses it. */
static void
on_live_request_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  DeskServer *self = user_data;
  g_autoptr(DeskServerSession) session = NULL;

  if (strcmp (path, LIVE_PATH) != 0)
    {
      desk_http_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "There is no such API call");
      return;
    }
  if (strcmp (soup_server_message_get_method (msg), "GET") != 0)
    {
      desk_http_reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed", "Use GET");
      return;
    }

  session = desk_server_authenticate (self, msg, query ? g_hash_table_lookup (query, "token") : NULL);
  if (session == NULL)
    return;
  g_object_set_data_full (G_OBJECT (msg), "desk-live-token",
                          g_steal_pointer (&session->token_hash), g_free);
}

static void
on_live_closed_cb (SoupWebsocketConnection *conn,
                   gpointer                 user_data)
{
  LiveSocket *socket = user_data;
  DeskServer *self = g_object_get_data (G_OBJECT (conn), "desk-server");

  if (self != NULL && self->sockets != NULL)
    g_ptr_array_remove (self->sockets, socket);
}

static void
on_live_opened_cb (SoupServer              *server,
                   SoupServerMessage       *msg,
                   const char              *path,
                   SoupWebsocketConnection *conn,
                   gpointer                 user_data)
{
  DeskServer *self = user_data;
  LiveSocket *socket = g_new0 (LiveSocket, 1);

  socket->conn = g_object_ref (conn);
  socket->token_hash = g_strdup (g_object_get_data (G_OBJECT (msg), "desk-live-token"));
  g_object_set_data (G_OBJECT (conn), "desk-server", self);
  soup_websocket_connection_set_keepalive_interval (conn, 30);
  g_signal_connect (conn, "closed", G_CALLBACK (on_live_closed_cb), socket);
  g_ptr_array_add (self->sockets, socket);
}

/* A plain list of the sockets: closing one removes it from self->sockets.
 * (g_ptr_array_copy would copy the free function too.) */
static GPtrArray *
snapshot (DeskServer *self)
{
  GPtrArray *sockets = g_ptr_array_sized_new (self->sockets->len);

  for (guint i = 0; i < self->sockets->len; i++)
    g_ptr_array_add (sockets, g_ptr_array_index (self->sockets, i));
  return sockets;
}

void
desk_server_live_init (DeskServer *self)
{
  self->sockets = g_ptr_array_new_with_free_func ((GDestroyNotify) live_socket_free);
  soup_server_add_handler (self->soup, LIVE_PATH, on_live_request_cb, self, NULL);
  soup_server_add_websocket_handler (self->soup, LIVE_PATH, NULL, NULL, on_live_opened_cb, self, NULL);
}

void
desk_server_live_poke (DeskServer *self,
                       gint64      version)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) sockets = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (self->sockets == NULL || self->sockets->len == 0 || version < 0)
    return;

  text = g_strdup_printf ("{\"version\": %" G_GINT64_FORMAT "}", version);
  sockets = snapshot (self);
  for (guint i = 0; i < sockets->len; i++)
    {
      LiveSocket *socket = g_ptr_array_index (sockets, i);
      g_autoptr(DeskServerSession) session = NULL;

      if (soup_websocket_connection_get_state (socket->conn) != SOUP_WEBSOCKET_STATE_OPEN)
        continue;
      /* A session that ended (logout, expiry, disabled) hears no more. */
      session = desk_server_storage_lookup_token (self->storage, socket->token_hash, now, NULL);
      if (session == NULL)
        {
          soup_websocket_connection_close (socket->conn, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION,
                                           "session ended");
          continue;
        }
      soup_websocket_connection_send_text (socket->conn, text);
    }
}

void
desk_server_live_close_all (DeskServer *self)
{
  g_autoptr(GPtrArray) sockets = NULL;

  if (self->sockets == NULL)
    return;
  sockets = snapshot (self);
  for (guint i = 0; i < sockets->len; i++)
    {
      LiveSocket *socket = g_ptr_array_index (sockets, i);

      if (soup_websocket_connection_get_state (socket->conn) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (socket->conn, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "server stopping");
    }
  g_ptr_array_set_size (self->sockets, 0);
}
