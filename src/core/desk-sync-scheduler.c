#define G_LOG_DOMAIN "desk-sync-scheduler"

#include "config.h"

#include "desk-sync-scheduler-private.h"

/* The DeskSyncScheduler class: its properties and signal, what it does
 * when the store, the network or the login changes, and its public API.
 * Syncs and the timers that plan them are desk-sync-scheduler-cycle.c, the
 * live socket desk-sync-scheduler-live.c, the setters and the counts the
 * properties show desk-sync-scheduler-state.c. */

G_DEFINE_FINAL_TYPE (DeskSyncScheduler, desk_sync_scheduler, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

enum {
  SYNCED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

/* For the other files of the class, which cannot see properties[] and
 * signals[]. */

void
desk_sync_scheduler_notify (DeskSyncScheduler *self,
                            guint              prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
desk_sync_scheduler_emit_synced (DeskSyncScheduler *self,
                                 DeskSyncReport    *report)
{
  g_signal_emit (self, signals[SYNCED], 0, report);
}

static void
on_store_changed_cb (DeskSyncScheduler *self,
                     const char        *table,
                     DeskStore         *store)
{
  if (self->started)
    desk_sync_scheduler_refresh_counts (self);
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
  desk_sync_scheduler_refresh_counts (self);
  desk_sync_scheduler_run_cycle (self);
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
  desk_sync_scheduler_set_live (self, NULL);
}

void
desk_sync_scheduler_sync_now (DeskSyncScheduler *self)
{
  g_return_if_fail (DESK_IS_SYNC_SCHEDULER (self));

  self->failures = 0;
  desk_sync_scheduler_set_uint (self, &self->retry_delay, 0, PROP_RETRY_DELAY);
  desk_sync_scheduler_run_cycle (self);
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
