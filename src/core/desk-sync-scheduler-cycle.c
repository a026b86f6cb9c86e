#define G_LOG_DOMAIN "desk-sync-scheduler"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-sync-client-private.h"
#include "desk-sync-protocol.h"
#include "desk-sync-scheduler-private.h"
#include "desk-sync-status.h"

/* When a sync runs and what follows it: a push soon after local changes,
 * never two cycles at once, then the next pull after the interval or, while
 * the server cannot be reached, a retry after a back-off with jitter. */

/* While the first full pull runs, how often the cursor is read for the
 * progress shown. */
#define PROGRESS_INTERVAL_MS 250
/* Local changes are pushed at the latest this long after the first of a
 * burst, however long the typing goes on. */
#define PUSH_DELAY_CAP 5
#define JITTER 0.2

static gboolean
on_push_timeout_cb (gpointer data)
{
  DeskSyncScheduler *self = data;

  self->push_id = 0;
  desk_sync_scheduler_run_cycle (self);
  return G_SOURCE_REMOVE;
}

/* Local changes wait: push them soon, gathering a burst of typing into one
 * push, unless the server is being given a rest (the back-off will push). */
void
desk_sync_scheduler_maybe_schedule_push (DeskSyncScheduler *self)
{
  gint64 now = g_get_monotonic_time ();

  if (!self->started || self->waiting == 0 || self->running || self->failures > 0 ||
      self->state == DESK_SYNC_STATE_SIGNED_OUT)
    return;

  if (self->burst_started == 0)
    self->burst_started = now;
  if (self->push_id != 0 &&
      now - self->burst_started >= (gint64) self->push_delay_ms * PUSH_DELAY_CAP * 1000)
    return;
  g_clear_handle_id (&self->push_id, g_source_remove);
  self->push_id = g_timeout_add (self->push_delay_ms, on_push_timeout_cb, self);
}

/* One cycle: read the counts, learn the server's version before a first
 * full pull (for its progress), push and pull, then plan the next one. */

gboolean
desk_sync_scheduler_on_retry_timeout_cb (gpointer data)
{
  DeskSyncScheduler *self = data;

  self->retry_id = 0;
  desk_sync_scheduler_run_cycle (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_pull_timeout_cb (gpointer data)
{
  DeskSyncScheduler *self = data;

  self->pull_id = 0;
  desk_sync_scheduler_run_cycle (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_progress_timeout_cb (gpointer data)
{
  DeskSyncScheduler *self = data;

  desk_sync_scheduler_refresh_counts (self);
  return G_SOURCE_CONTINUE;
}

static void
stop_progress (DeskSyncScheduler *self)
{
  g_clear_handle_id (&self->progress_id, g_source_remove);
  self->head = 0;
  desk_sync_scheduler_set_progress (self, -1.0);
}

static gpointer
mark_synced_in_worker (DeskStore  *store,
                       gpointer    data,
                       GError    **error)
{
  return desk_sync_mark_synced (store, GPOINTER_TO_SIZE (data), error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
on_marked_synced_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (desk_store_run_finish (DESK_STORE (source), result, &error) == NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Cannot remember the time of the last sync: %s", error->message);
}

static guint
next_backoff (DeskSyncScheduler *self)
{
  double delay = self->min_backoff_ms;

  for (guint i = 1; i < self->failures && delay < self->max_backoff_ms; i++)
    delay *= 2;
  delay = MIN (delay, (double) self->max_backoff_ms);
  /* Jitter, so desks that lost the server together do not return together. */
  delay *= g_random_double_range (1.0 - JITTER, 1.0 + JITTER);
  return (guint) MAX (delay, 1.0);
}

static void
finish_cycle (DeskSyncScheduler *self)
{
  self->running = FALSE;
  stop_progress (self);
  desk_sync_scheduler_refresh_counts (self);
  if (self->again && self->started)
    {
      self->again = FALSE;
      desk_sync_scheduler_run_cycle (self);
    }
}

static void
on_sync_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DeskSyncScheduler) self = user_data;
  g_autoptr(DeskSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now;

  report = desk_sync_client_sync_finish (DESK_SYNC_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (report != NULL)
    {
      now = g_get_real_time () / G_USEC_PER_SEC;
      self->failures = 0;
      self->burst_started = 0;
      self->known_version = MAX (self->known_version, report->version);
      desk_sync_scheduler_set_uint (self, &self->retry_delay, 0, PROP_RETRY_DELAY);
      desk_sync_scheduler_set_last_error (self, NULL);
      desk_sync_scheduler_set_last_synced (self, now);
      desk_sync_scheduler_set_state (self, DESK_SYNC_STATE_ONLINE);
      desk_store_run_async (self->store, mark_synced_in_worker, GSIZE_TO_POINTER (now), NULL, NULL,
                            self->cancellable, on_marked_synced_cb, NULL);
      g_clear_handle_id (&self->pull_id, g_source_remove);
      self->pull_id = g_timeout_add (self->pull_interval_ms, on_pull_timeout_cb, self);
      desk_sync_scheduler_ensure_live (self);
      desk_sync_scheduler_emit_synced (self, report);
    }
  else if (g_error_matches (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_AUTH))
    {
      /* Only a person can fix it: no retries until they log in again. */
      desk_sync_scheduler_set_last_error (self, error->message);
      desk_sync_scheduler_set_state (self, DESK_SYNC_STATE_SIGNED_OUT);
      desk_sync_scheduler_set_live (self, NULL);
    }
  else
    {
      self->failures++;
      desk_sync_scheduler_set_uint (self, &self->retry_delay, next_backoff (self), PROP_RETRY_DELAY);
      desk_sync_scheduler_set_last_error (self, error->message);
      desk_sync_scheduler_set_state (self, g_error_matches (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_UNREACHABLE)
                                             ? DESK_SYNC_STATE_OFFLINE : DESK_SYNC_STATE_FAILING);
      desk_sync_scheduler_set_live (self, NULL);
      g_clear_handle_id (&self->retry_id, g_source_remove);
      self->retry_id = g_timeout_add (self->retry_delay, desk_sync_scheduler_on_retry_timeout_cb, self);
      g_debug ("Sync failed %u times in a row; next try in %u ms", self->failures, self->retry_delay);
    }
  finish_cycle (self);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
start_sync (DeskSyncScheduler *self)
{
  desk_sync_client_sync_async (self->client, self->cancellable, on_sync_done_cb, g_object_ref (self));
}

static void
on_head_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DeskSyncScheduler) self = user_data;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint status = 0;

  reply = desk_sync_client_request_finish (DESK_SYNC_CLIENT (source), result, &status, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Without it the pull still runs, only without a fraction to show. */
  if (error == NULL && reply != NULL && SOUP_STATUS_IS_SUCCESSFUL (status))
    self->head = json_object_get_int_member_with_default (reply, "version", 0);
  if (self->head > 0 && self->cursor < self->head)
    {
      desk_sync_scheduler_set_progress (self, 0.0);
      self->progress_id = g_timeout_add (PROGRESS_INTERVAL_MS, on_progress_timeout_cb, self);
    }
  start_sync (self);
}

/* An empty push changes nothing and answers with the server's version. */
static void
read_head (DeskSyncScheduler *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "schema");
  json_builder_add_int_value (builder, desk_store_get_schema_version (self->store));
  json_builder_set_member_name (builder, "client_id");
  json_builder_add_string_value (builder, desk_store_get_node_id (self->store));
  json_builder_set_member_name (builder, "mutations");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  desk_sync_client_request_async (self->client, "/api/v1/push", json_to_string (root, FALSE), TRUE,
                                  self->cancellable, on_head_read_cb, g_object_ref (self));
}

static void
on_cycle_counts_read_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(DeskSyncScheduler) self = user_data;
  g_autofree DeskSyncCounts *counts = NULL;
  g_autoptr(GError) error = NULL;

  counts = desk_store_run_finish (DESK_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (counts == NULL)
    {
      self->running = FALSE;
      g_warning ("Cannot read the sync counts: %s", error->message);
      return;
    }
  self->cursor = counts->cursor;
  if (self->cursor == 0)
    read_head (self);
  else
    start_sync (self);
}

void
desk_sync_scheduler_run_cycle (DeskSyncScheduler *self)
{
  if (!self->started)
    return;
  if (self->running)
    {
      self->again = TRUE;
      return;
    }
  if (!desk_sync_client_get_signed_in (self->client))
    {
      desk_sync_scheduler_set_last_error (self, _("signed out: log in again"));
      desk_sync_scheduler_set_state (self, DESK_SYNC_STATE_SIGNED_OUT);
      return;
    }

  self->running = TRUE;
  g_clear_handle_id (&self->push_id, g_source_remove);
  g_clear_handle_id (&self->pull_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  desk_sync_scheduler_set_state (self, DESK_SYNC_STATE_SYNCING);
  desk_store_run_async (self->store, desk_sync_read_counts_in_worker, NULL, NULL, g_free,
                        self->cancellable, on_cycle_counts_read_cb, g_object_ref (self));
}
