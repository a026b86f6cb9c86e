#define G_LOG_DOMAIN "desk-sync-scheduler"

#include "config.h"

#include "desk-sync-scheduler-private.h"
#include "desk-sync-status.h"

/* What the properties show: setters that notify only on a real change,
 * and the counts (waiting, rejected, conflicts, last synced, the first
 * full pull's progress) read from the store after each change. */

/* Setters that notify only on a real change. */

void
desk_sync_scheduler_set_state (DeskSyncScheduler *self,
                               DeskSyncState      state)
{
  if (self->state == state)
    return;
  self->state = state;
  desk_sync_scheduler_notify (self, PROP_STATE);
}

void
desk_sync_scheduler_set_uint (DeskSyncScheduler *self,
                              guint             *field,
                              guint              value,
                              guint              prop)
{
  if (*field == value)
    return;
  *field = value;
  desk_sync_scheduler_notify (self, prop);
}

void
desk_sync_scheduler_set_progress (DeskSyncScheduler *self,
                                  double             progress)
{
  if (self->progress == progress)
    return;
  self->progress = progress;
  desk_sync_scheduler_notify (self, PROP_FIRST_PULL_PROGRESS);
}

void
desk_sync_scheduler_set_last_error (DeskSyncScheduler *self,
                                    const char        *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;
  g_free (self->last_error);
  self->last_error = g_strdup (message);
  desk_sync_scheduler_notify (self, PROP_LAST_ERROR);
}

void
desk_sync_scheduler_set_last_synced (DeskSyncScheduler *self,
                                     gint64             seconds)
{
  if (self->last_synced == seconds)
    return;
  self->last_synced = seconds;
  desk_sync_scheduler_notify (self, PROP_LAST_SYNCED);
}

static guint
clamp_count (gint64 n)
{
  return (guint) CLAMP (n, 0, G_MAXUINT);
}

static void
update_progress (DeskSyncScheduler *self)
{
  if (self->progress_id == 0 || self->head <= 0)
    return;
  desk_sync_scheduler_set_progress (self, CLAMP ((double) self->cursor / (double) self->head, 0.0, 1.0));
}

static void
on_counts_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DeskSyncScheduler) self = user_data;
  g_autofree DeskSyncCounts *counts = NULL;
  g_autoptr(GError) error = NULL;

  counts = desk_store_run_finish (DESK_STORE (source), result, &error);
  /* Cancelled: stop() has reset the state already, maybe for a new start. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->counting = FALSE;
  if (counts == NULL)
    {
      g_warning ("Cannot read the sync counts: %s", error->message);
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));
  desk_sync_scheduler_set_uint (self, &self->waiting, clamp_count (counts->waiting), PROP_WAITING);
  desk_sync_scheduler_set_uint (self, &self->rejected, clamp_count (counts->rejected), PROP_REJECTED);
  desk_sync_scheduler_set_uint (self, &self->conflicts, clamp_count (counts->conflicts), PROP_CONFLICTS);
  if (counts->last_synced > self->last_synced)
    desk_sync_scheduler_set_last_synced (self, counts->last_synced);
  self->cursor = counts->cursor;
  update_progress (self);
  g_object_thaw_notify (G_OBJECT (self));

  if (self->count_again)
    {
      self->count_again = FALSE;
      desk_sync_scheduler_refresh_counts (self);
    }
  desk_sync_scheduler_maybe_schedule_push (self);
}

void
desk_sync_scheduler_refresh_counts (DeskSyncScheduler *self)
{
  if (self->counting)
    {
      self->count_again = TRUE;
      return;
    }
  self->counting = TRUE;
  desk_store_run_async (self->store, desk_sync_read_counts_in_worker, NULL, NULL, g_free,
                        self->cancellable, on_counts_read_cb, g_object_ref (self));
}
