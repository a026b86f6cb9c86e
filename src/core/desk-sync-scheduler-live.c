#define G_LOG_DOMAIN "desk-sync-scheduler"

#include "config.h"

#include "desk-sync-live.h"
#include "desk-sync-scheduler-private.h"

/* The live socket (DESIGN.md "Live"): opened after each sync that went
 * through, dropped when a sync fails, the session ends or the scheduler
 * stops. A poke newer than what we hold asks for a pull. */

static void
on_live_message_cb (DeskSyncScheduler       *self,
                    gint                     type,
                    GBytes                  *message,
                    SoupWebsocketConnection *conn)
{
  gint64 version = desk_sync_live_parse_poke (message);

  if (version < 0)
    {
      g_debug ("Ignoring a live message that is not a poke");
      return;
    }
  if (version > self->known_version)
    desk_sync_scheduler_run_cycle (self);
}

static void
on_live_closed_cb (DeskSyncScheduler       *self,
                   SoupWebsocketConnection *conn)
{
  g_debug ("The live connection closed (code %u)", soup_websocket_connection_get_close_code (conn));
  desk_sync_scheduler_set_live (self, NULL);
  /* Often the first sign the server went away: check soon, not at once,
   * so a server that keeps closing it is not hammered. */
  if (self->started && self->retry_id == 0 && !self->running && self->state == DESK_SYNC_STATE_ONLINE)
    self->retry_id = g_timeout_add (self->min_backoff_ms, desk_sync_scheduler_on_retry_timeout_cb, self);
}

void
desk_sync_scheduler_set_live (DeskSyncScheduler       *self,
                              SoupWebsocketConnection *conn)
{
  gboolean was_live = self->live != NULL;

  if (self->live != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->live, self);
      if (soup_websocket_connection_get_state (self->live) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (self->live, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_clear_object (&self->live);
    }
  if (conn != NULL)
    {
      self->live = g_object_ref (conn);
      g_signal_connect_object (conn, "message", G_CALLBACK (on_live_message_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (conn, "closed", G_CALLBACK (on_live_closed_cb), self, G_CONNECT_SWAPPED);
    }
  if (was_live != (self->live != NULL))
    desk_sync_scheduler_notify (self, PROP_LIVE);
}

static void
on_live_connected_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(DeskSyncScheduler) self = user_data;
  g_autoptr(SoupWebsocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;

  conn = desk_sync_live_connect_finish (DESK_SYNC_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->connecting = FALSE;
  if (conn == NULL)
    {
      /* The minute's pull still runs; the socket is tried after the next sync. */
      g_debug ("No live connection: %s", error->message);
      return;
    }
  if (!self->started)
    {
      soup_websocket_connection_close (conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      return;
    }
  desk_sync_scheduler_set_live (self, conn);
}

void
desk_sync_scheduler_ensure_live (DeskSyncScheduler *self)
{
  if (self->live != NULL || self->connecting || !self->started)
    return;
  self->connecting = TRUE;
  desk_sync_live_connect_async (self->client, self->cancellable, on_live_connected_cb, g_object_ref (self));
}
