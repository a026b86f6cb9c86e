#define G_LOG_DOMAIN "desk-sync-scheduler"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-sync-client-private.h"
#include "desk-sync-live.h"
#include "desk-sync-protocol.h"
#include "desk-sync-scheduler.h"
#include "desk-sync-status.h"

/* While the first full pull runs, how often the cursor is read for the
 * progress shown. */
#define PROGRESS_INTERVAL_MS 250
/* Local changes are pushed at the latest this long after the first of a
 * burst, however long the typing goes on. */
#define PUSH_DELAY_CAP 5
#define JITTER 0.2

struct _DeskSyncScheduler
{
  GObject                  parent_instance;

  DeskSyncClient          *client;
  DeskStore               *store;
  GNetworkMonitor         *monitor;
  GCancellable            *cancellable;   /* of everything under way; new on each start */
  SoupWebsocketConnection *live;

  /* What the properties show. */
  DeskSyncState            state;
  guint                    waiting;
  guint                    rejected;
  guint                    conflicts;
  gint64                   last_synced;
  double                   progress;
  char                    *last_error;
  guint                    retry_delay;

  guint                    push_delay_ms;
  guint                    pull_interval_ms;
  guint                    min_backoff_ms;
  guint                    max_backoff_ms;

  guint                    push_id;
  guint                    pull_id;
  guint                    retry_id;
  guint                    progress_id;

  gint64                   cursor;        /* as last read from the store */
  gint64                   head;          /* the server's version when the first pull began */
  gint64                   known_version; /* the server's version after our last sync */
  gint64                   burst_started; /* monotonic µs of the first unpushed change, 0: none */
  guint                    failures;      /* syncs failed in a row */
  gboolean                 started;
  gboolean                 running;       /* a sync cycle is under way */
  gboolean                 again;         /* … and another was asked for meanwhile */
  gboolean                 counting;
  gboolean                 count_again;
  gboolean                 connecting;    /* the live socket */
  gboolean                 network_available;
};

G_DEFINE_FINAL_TYPE (DeskSyncScheduler, desk_sync_scheduler, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_STATE,
  PROP_WAITING,
  PROP_REJECTED,
  PROP_CONFLICTS,
  PROP_LAST_SYNCED,
  PROP_FIRST_PULL_PROGRESS,
  PROP_LAST_ERROR,
  PROP_RETRY_DELAY,
  PROP_LIVE,
  PROP_PUSH_DELAY,
  PROP_PULL_INTERVAL,
  PROP_MIN_BACKOFF,
  PROP_MAX_BACKOFF,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SYNCED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void run_cycle       (DeskSyncScheduler *self);
static void refresh_counts  (DeskSyncScheduler *self);

GType
desk_sync_state_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { DESK_SYNC_STATE_OFFLINE, "DESK_SYNC_STATE_OFFLINE", "offline" },
    { DESK_SYNC_STATE_SYNCING, "DESK_SYNC_STATE_SYNCING", "syncing" },
    { DESK_SYNC_STATE_ONLINE, "DESK_SYNC_STATE_ONLINE", "online" },
    { DESK_SYNC_STATE_FAILING, "DESK_SYNC_STATE_FAILING", "failing" },
    { DESK_SYNC_STATE_SIGNED_OUT, "DESK_SYNC_STATE_SIGNED_OUT", "signed-out" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static (g_intern_static_string ("DeskSyncState"), values));
  return type;
}

/* Setters that notify only on a real change. */

static void
set_state (DeskSyncScheduler *self,
           DeskSyncState      state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_uint (DeskSyncScheduler *self,
          guint             *field,
          guint              value,
          guint              prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_progress (DeskSyncScheduler *self,
              double             progress)
{
  if (self->progress == progress)
    return;
  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_PULL_PROGRESS]);
}

static void
set_last_error (DeskSyncScheduler *self,
                const char        *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;
  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

static void
set_last_synced (DeskSyncScheduler *self,
                 gint64             seconds)
{
  if (self->last_synced == seconds)
    return;
  self->last_synced = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNCED]);
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
  set_progress (self, CLAMP ((double) self->cursor / (double) self->head, 0.0, 1.0));
}

static gboolean
on_push_timeout_cb (gpointer data)
{
  DeskSyncScheduler *self = data;

  self->push_id = 0;
  run_cycle (self);
  return G_SOURCE_REMOVE;
}

/* Local changes wait: push them soon, gathering a burst of typing into one
 * push, unless the server is being given a rest (the back-off will push). */
static void
maybe_schedule_push (DeskSyncScheduler *self)
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
  set_uint (self, &self->waiting, clamp_count (counts->waiting), PROP_WAITING);
  set_uint (self, &self->rejected, clamp_count (counts->rejected), PROP_REJECTED);
  set_uint (self, &self->conflicts, clamp_count (counts->conflicts), PROP_CONFLICTS);
  if (counts->last_synced > self->last_synced)
    set_last_synced (self, counts->last_synced);
  self->cursor = counts->cursor;
  update_progress (self);
  g_object_thaw_notify (G_OBJECT (self));

  if (self->count_again)
    {
      self->count_again = FALSE;
      refresh_counts (self);
    }
  maybe_schedule_push (self);
}

static void
refresh_counts (DeskSyncScheduler *self)
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

static void
on_store_changed_cb (DeskSyncScheduler *self,
                     const char        *table,
                     DeskStore         *store)
{
  if (self->started)
    refresh_counts (self);
}

/* The live socket: a poke newer than what we hold asks for a pull. */

static void
set_live (DeskSyncScheduler       *self,
          SoupWebsocketConnection *conn);

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
    run_cycle (self);
}

static gboolean
on_retry_timeout_cb (gpointer data)
{
  DeskSyncScheduler *self = data;

  self->retry_id = 0;
  run_cycle (self);
  return G_SOURCE_REMOVE;
}

static void
on_live_closed_cb (DeskSyncScheduler       *self,
                   SoupWebsocketConnection *conn)
{
  g_debug ("The live connection closed (code %u)", soup_websocket_connection_get_close_code (conn));
  set_live (self, NULL);
  /* Often the first sign the server went away: check soon, not at once,
   * so a server that keeps closing it is not hammered. */
  if (self->started && self->retry_id == 0 && !self->running && self->state == DESK_SYNC_STATE_ONLINE)
    self->retry_id = g_timeout_add (self->min_backoff_ms, on_retry_timeout_cb, self);
}

static void
set_live (DeskSyncScheduler       *self,
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
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE]);
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
  set_live (self, conn);
}

static void
ensure_live (DeskSyncScheduler *self)
{
  if (self->live != NULL || self->connecting || !self->started)
    return;
  self->connecting = TRUE;
  desk_sync_live_connect_async (self->client, self->cancellable, on_live_connected_cb, g_object_ref (self));
}

/* One cycle: read the counts, learn the server's version before a first
 * full pull (for its progress), push and pull, then plan the next one. */

static gboolean
on_pull_timeout_cb (gpointer data)
{
  DeskSyncScheduler *self = data;

  self->pull_id = 0;
  run_cycle (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_progress_timeout_cb (gpointer data)
{
  DeskSyncScheduler *self = data;

  refresh_counts (self);
  return G_SOURCE_CONTINUE;
}

static void
stop_progress (DeskSyncScheduler *self)
{
  g_clear_handle_id (&self->progress_id, g_source_remove);
  self->head = 0;
  set_progress (self, -1.0);
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
  refresh_counts (self);
  if (self->again && self->started)
    {
      self->again = FALSE;
      run_cycle (self);
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
      set_uint (self, &self->retry_delay, 0, PROP_RETRY_DELAY);
      set_last_error (self, NULL);
      set_last_synced (self, now);
      set_state (self, DESK_SYNC_STATE_ONLINE);
      desk_store_run_async (self->store, mark_synced_in_worker, GSIZE_TO_POINTER (now), NULL, NULL,
                            self->cancellable, on_marked_synced_cb, NULL);
      g_clear_handle_id (&self->pull_id, g_source_remove);
      self->pull_id = g_timeout_add (self->pull_interval_ms, on_pull_timeout_cb, self);
      ensure_live (self);
      g_signal_emit (self, signals[SYNCED], 0, report);
    }
  else if (g_error_matches (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_AUTH))
    {
      /* Only a person can fix it: no retries until they log in again. */
      set_last_error (self, error->message);
      set_state (self, DESK_SYNC_STATE_SIGNED_OUT);
      set_live (self, NULL);
    }
  else
    {
      self->failures++;
      set_uint (self, &self->retry_delay, next_backoff (self), PROP_RETRY_DELAY);
      set_last_error (self, error->message);
      set_state (self, g_error_matches (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_UNREACHABLE)
                         ? DESK_SYNC_STATE_OFFLINE : DESK_SYNC_STATE_FAILING);
      set_live (self, NULL);
      g_clear_handle_id (&self->retry_id, g_source_remove);
      self->retry_id = g_timeout_add (self->retry_delay, on_retry_timeout_cb, self);
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
      set_progress (self, 0.0);
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

static void
run_cycle (DeskSyncScheduler *self)
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
      set_last_error (self, _("signed out: log in again"));
      set_state (self, DESK_SYNC_STATE_SIGNED_OUT);
      return;
    }

  self->running = TRUE;
  g_clear_handle_id (&self->push_id, g_source_remove);
  g_clear_handle_id (&self->pull_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  set_state (self, DESK_SYNC_STATE_SYNCING);
  desk_store_run_async (self->store, desk_sync_read_counts_in_worker, NULL, NULL, g_free,
                        self->cancellable, on_cycle_counts_read_cb, g_object_ref (self));
}

static void
on_network_changed_cb (DeskSyncScheduler *self,
                       gboolean           available,
                       GNetworkMonitor   *monitor)
{
  gboolean came_back = available && !self->network_available;

  self->network_available = available;
  /* Never stop on "unavailable" (loopback and odd setups still work); a
   * network coming back is worth a try at once, back-off or not. */
  if (came_back && self->started && self->state != DESK_SYNC_STATE_SIGNED_OUT)
    desk_sync_scheduler_sync_now (self);
}

static void
on_signed_in_changed_cb (DeskSyncScheduler *self,
                         GParamSpec        *pspec,
                         DeskSyncClient    *client)
{
  if (desk_sync_client_get_signed_in (client) && self->state == DESK_SYNC_STATE_SIGNED_OUT)
    desk_sync_scheduler_sync_now (self);
}

static void
desk_sync_scheduler_constructed (GObject *object)
{
  DeskSyncScheduler *self = DESK_SYNC_SCHEDULER (object);

  G_OBJECT_CLASS (desk_sync_scheduler_parent_class)->constructed (object);

  self->store = g_object_ref (desk_sync_client_get_store (self->client));
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->network_available = g_network_monitor_get_network_available (self->monitor);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->monitor, "network-changed", G_CALLBACK (on_network_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "notify::signed-in", G_CALLBACK (on_signed_in_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
desk_sync_scheduler_dispose (GObject *object)
{
  DeskSyncScheduler *self = DESK_SYNC_SCHEDULER (object);

  desk_sync_scheduler_stop (self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->store);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (desk_sync_scheduler_parent_class)->dispose (object);
}

static void
desk_sync_scheduler_finalize (GObject *object)
{
  DeskSyncScheduler *self = DESK_SYNC_SCHEDULER (object);

  g_clear_object (&self->cancellable);
  g_free (self->last_error);

  G_OBJECT_CLASS (desk_sync_scheduler_parent_class)->finalize (object);
}

static void
desk_sync_scheduler_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DeskSyncScheduler *self = DESK_SYNC_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_WAITING:
      g_value_set_uint (value, self->waiting);
      break;
    case PROP_REJECTED:
      g_value_set_uint (value, self->rejected);
      break;
    case PROP_CONFLICTS:
      g_value_set_uint (value, self->conflicts);
      break;
    case PROP_LAST_SYNCED:
      g_value_set_int64 (value, self->last_synced);
      break;
    case PROP_FIRST_PULL_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_RETRY_DELAY:
      g_value_set_uint (value, self->retry_delay);
      break;
    case PROP_LIVE:
      g_value_set_boolean (value, self->live != NULL);
      break;
    case PROP_PUSH_DELAY:
      g_value_set_uint (value, self->push_delay_ms);
      break;
    case PROP_PULL_INTERVAL:
      g_value_set_uint (value, self->pull_interval_ms);
      break;
    case PROP_MIN_BACKOFF:
      g_value_set_uint (value, self->min_backoff_ms);
      break;
    case PROP_MAX_BACKOFF:
      g_value_set_uint (value, self->max_backoff_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_sync_scheduler_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  DeskSyncScheduler *self = DESK_SYNC_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_PUSH_DELAY:
      self->push_delay_ms = g_value_get_uint (value);
      break;
    case PROP_PULL_INTERVAL:
      self->pull_interval_ms = g_value_get_uint (value);
      break;
    case PROP_MIN_BACKOFF:
      self->min_backoff_ms = g_value_get_uint (value);
      break;
    case PROP_MAX_BACKOFF:
      self->max_backoff_ms = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
timing_property (const char *name,
                 guint       minimum,
                 guint       default_value)
{
  return g_param_spec_uint (name, NULL, NULL, minimum, G_MAXINT, default_value,
                            G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
count_property (const char *name)
{
  return g_param_spec_uint (name, NULL, NULL, 0, G_MAXUINT, 0,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
desk_sync_scheduler_class_init (DeskSyncSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = desk_sync_scheduler_constructed;
  object_class->dispose = desk_sync_scheduler_dispose;
  object_class->finalize = desk_sync_scheduler_finalize;
  object_class->get_property = desk_sync_scheduler_get_property;
  object_class->set_property = desk_sync_scheduler_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, DESK_TYPE_SYNC_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, DESK_TYPE_SYNC_STATE, DESK_SYNC_STATE_OFFLINE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WAITING] = count_property ("waiting");
  properties[PROP_REJECTED] = count_property ("rejected");
  properties[PROP_CONFLICTS] = count_property ("conflicts");
  properties[PROP_RETRY_DELAY] = count_property ("retry-delay");
  properties[PROP_LAST_SYNCED] =
    g_param_spec_int64 ("last-synced", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIRST_PULL_PROGRESS] =
    g_param_spec_double ("first-pull-progress", NULL, NULL, -1.0, 1.0, -1.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIVE] =
    g_param_spec_boolean ("live", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PUSH_DELAY] = timing_property ("push-delay", 0, DESK_SYNC_PUSH_DELAY_MS);
  properties[PROP_PULL_INTERVAL] = timing_property ("pull-interval", 1, DESK_SYNC_PULL_INTERVAL_MS);
  properties[PROP_MIN_BACKOFF] = timing_property ("min-backoff", 1, DESK_SYNC_MIN_BACKOFF_MS);
  properties[PROP_MAX_BACKOFF] = timing_property ("max-backoff", 1, DESK_SYNC_MAX_BACKOFF_MS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DeskSyncScheduler::synced:
   * @report: (type gpointer): what the sync did (a DeskSyncReport)
   *
   * After each sync that went through.
   */
  signals[SYNCED] = g_signal_new ("synced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
desk_sync_scheduler_init (DeskSyncScheduler *self)
{
  self->state = DESK_SYNC_STATE_OFFLINE;
  self->progress = -1.0;
  self->cancellable = g_cancellable_new ();
}

DeskSyncScheduler *
desk_sync_scheduler_new (DeskSyncClient *client)
{
  g_return_val_if_fail (DESK_IS_SYNC_CLIENT (client), NULL);

  return g_object_new (DESK_TYPE_SYNC_SCHEDULER, "client", client, NULL);
}

DeskSyncClient *
desk_sync_scheduler_get_client (DeskSyncScheduler *self)
{
  g_return_val_if_fail (DESK_IS_SYNC_SCHEDULER (self), NULL);
  return self->client;
}

void
desk_sync_scheduler_start (DeskSyncScheduler *self)
{
  g_return_if_fail (DESK_IS_SYNC_SCHEDULER (self));

  if (self->started)
    return;
  self->started = TRUE;
  refresh_counts (self);
  run_cycle (self);
}

void
desk_sync_scheduler_stop (DeskSyncScheduler *self)
{
  g_return_if_fail (DESK_IS_SYNC_SCHEDULER (self));

  self->started = FALSE;
  self->again = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->running = FALSE;
  self->counting = FALSE;
  self->count_again = FALSE;
  self->connecting = FALSE;
  g_clear_handle_id (&self->push_id, g_source_remove);
  g_clear_handle_id (&self->pull_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  set_live (self, NULL);
}

void
desk_sync_scheduler_sync_now (DeskSyncScheduler *self)
{
  g_return_if_fail (DESK_IS_SYNC_SCHEDULER (self));

  self->failures = 0;
  set_uint (self, &self->retry_delay, 0, PROP_RETRY_DELAY);
  run_cycle (self);
}

DeskSyncState
desk_sync_scheduler_get_state (DeskSyncScheduler *self)
{
  g_return_val_if_fail (DESK_IS_SYNC_SCHEDULER (self), DESK_SYNC_STATE_OFFLINE);
  return self->state;
}

guint
desk_sync_scheduler_get_waiting (DeskSyncScheduler *self)
{
  g_return_val_if_fail (DESK_IS_SYNC_SCHEDULER (self), 0);
  return self->waiting;
}

guint
desk_sync_scheduler_get_rejected (DeskSyncScheduler *self)
{
  g_return_val_if_fail (DESK_IS_SYNC_SCHEDULER (self), 0);
  return self->rejected;
}

guint
desk_sync_scheduler_get_conflicts (DeskSyncScheduler *self)
{
  g_return_val_if_fail (DESK_IS_SYNC_SCHEDULER (self), 0);
  return self->conflicts;
}

gint64
desk_sync_scheduler_get_last_synced (DeskSyncScheduler *self)
{
  g_return_val_if_fail (DESK_IS_SYNC_SCHEDULER (self), 0);
  return self->last_synced;
}

double
desk_sync_scheduler_get_first_pull_progress (DeskSyncScheduler *self)
{
  g_return_val_if_fail (DESK_IS_SYNC_SCHEDULER (self), -1.0);
  return self->progress;
}

const char *
desk_sync_scheduler_get_last_error (DeskSyncScheduler *self)
{
  g_return_val_if_fail (DESK_IS_SYNC_SCHEDULER (self), NULL);
  return self->last_error;
}

guint
desk_sync_scheduler_get_retry_delay (DeskSyncScheduler *self)
{
  g_return_val_if_fail (DESK_IS_SYNC_SCHEDULER (self), 0);
  return self->retry_delay;
}

gboolean
desk_sync_scheduler_get_live (DeskSyncScheduler *self)
{
  g_return_val_if_fail (DESK_IS_SYNC_SCHEDULER (self), FALSE);
  return self->live != NULL;
}
