#define G_LOG_DOMAIN "desk-sync-cycle"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "desk-outbox.h"
#include "desk-store-private.h"
#include "desk-sync-client-private.h"
#include "desk-sync-cycle-private.h"
#include "desk-sync-protocol.h"

/* One sync (DESIGN.md "Sync"): push every pending outbox entry in batches,
 * in mutation id order, reading the outbox a page at a time, then pull
 * pages after the cursor until the server has no more. The network waits
 * on the caller's main context; every read and write of the store runs on
 * its database thread. This file starts a cycle and holds what the push
 * (desk-sync-cycle-push.c) and the pull (desk-sync-cycle-pull.c) share. */

static void
cycle_free (DeskSyncCycle *cycle)
{
  g_clear_object (&cycle->store);
  g_free (cycle->client_id);
  g_clear_pointer (&cycle->pending, g_ptr_array_unref);
  g_clear_pointer (&cycle->waiting, desk_sync_page_free);
  desk_sync_report_free (cycle->report);
  g_free (cycle);
}

char *
desk_sync_cycle_quote_json (const char *text)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), text);

  return json_to_string (node, FALSE);
}

gpointer
desk_sync_cycle_run_in_transaction (DeskStore  *store,
                                    gboolean  (*work) (DeskStore *, gpointer, GError **),
                                    gpointer    data,
                                    GError    **error)
{
  gboolean ok;

  desk_store_lock (store);
  if (!desk_store_exec (store, "BEGIN IMMEDIATE", error))
    {
      desk_store_unlock (store);
      return NULL;
    }
  ok = work (store, data, error) && desk_store_exec (store, "COMMIT", error);
  if (!ok)
    desk_store_exec (store, "ROLLBACK", NULL);
  desk_store_unlock (store);
  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

static gpointer
read_cursor_in_worker (DeskStore  *store,
                       gpointer    data,
                       GError    **error)
{
  gint64 *cursor = g_new (gint64, 1);

  *cursor = desk_sync_get_cursor (store);
  return cursor;
}

/* The cycle has returned: work still on its way (a pull page being
 * fetched, push answers being recorded) ends without a word. */
static void
mark_done (GTask *task)
{
  DeskSyncCycle *cycle = g_task_get_task_data (task);

  if (cycle != NULL)
    cycle->done = TRUE;
}

void
desk_sync_cycle_return_error (GTask  *task,
                              GError *error)
{
  mark_done (task);
  g_task_return_error (task, error);
}

void
desk_sync_cycle_return_server_error (GTask      *task,
                                     const char *format,
                                     ...)
{
  DeskSyncClient *client = g_task_get_source_object (task);
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  mark_done (task);
  g_task_return_new_error (task, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_SERVER,
                           _("the server %s answered out of protocol: %s"),
                           desk_sync_client_get_server_url (client), what);
}

JsonObject *
desk_sync_cycle_finish_reply (GTask        *task,
                              GAsyncResult *result,
                              const char   *what,
                              gboolean     *gap)
{
  DeskSyncClient *client = g_task_get_source_object (task);
  g_autoptr(JsonObject) reply = NULL;
  GError *error = NULL;
  gboolean is_gap;
  guint status = 0;

  reply = desk_sync_client_request_finish (client, result, &status, &error);
  is_gap = gap != NULL && error == NULL && status == SOUP_STATUS_CONFLICT && reply != NULL &&
           g_strcmp0 (json_object_get_string_member_with_default (reply, "error", NULL), "gap") == 0;
  if (error != NULL || (!is_gap && !desk_sync_reply_check (status, reply, &error)))
    {
      desk_sync_cycle_return_error (task, error);
      return NULL;
    }
  if (reply == NULL)
    {
      desk_sync_cycle_return_server_error (task, "an empty %s reply", what);
      return NULL;
    }
  if (gap != NULL)
    *gap = is_gap;
  return g_steal_pointer (&reply);
}

static void
on_cursor_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  DeskSyncCycle *cycle = g_task_get_task_data (task);
  g_autofree gint64 *cursor = NULL;
  GError *error = NULL;

  cursor = desk_store_run_finish (DESK_STORE (source), result, &error);
  if (cursor == NULL)
    {
      desk_sync_cycle_return_error (task, error);
      g_object_unref (task);
      return;
    }
  cycle->cursor = *cursor;
  desk_sync_cycle_push (task);
}

void
desk_sync_client_sync_async (DeskSyncClient      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  DeskSyncCycle *cycle;

  g_return_if_fail (DESK_IS_SYNC_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_sync_client_sync_async);

  if (!desk_sync_client_get_signed_in (self))
    {
      g_task_return_new_error (task, DESK_SYNC_ERROR, DESK_SYNC_ERROR_AUTH,
                               _("signed out: log in again"));
      g_object_unref (task);
      return;
    }

  cycle = g_new0 (DeskSyncCycle, 1);
  cycle->store = g_object_ref (desk_sync_client_get_store (self));
  cycle->client_id = g_strdup (desk_store_get_node_id (cycle->store));
  cycle->schema = desk_store_get_schema_version (cycle->store);
  cycle->report = g_new0 (DeskSyncReport, 1);
  cycle->report->reasons = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, cycle, (GDestroyNotify) cycle_free);

  desk_store_run_async (cycle->store, read_cursor_in_worker, NULL, NULL, g_free,
                        cancellable, on_cursor_read_cb, task);
}

DeskSyncReport *
desk_sync_client_sync_finish (DeskSyncClient  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
desk_sync_report_free (DeskSyncReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->reasons, g_ptr_array_unref);
  g_free (report);
}
