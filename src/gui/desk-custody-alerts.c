#define G_LOG_DOMAIN "desk-custody-alerts"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-custody.h"
#include "desk-custody-alerts.h"
#include "desk-custody-query.h"
#include "desk-memory.h"
#include "desk-store-reload.h"

/* Notification ids: a newer alert of a kind replaces the one shown. */
#define NEAR_ID   "custody-limit-near"
#define PASSED_ID "custody-limit-passed"

/* Timeouts run on the monotonic clock, limits on the wall clock: look
 * again at least this often, so a suspend or a clock change cannot make
 * an alert late by more than this. */
#define LONGEST_WAIT_MS (60 * 1000)

/* What was alerted, kept in the encrypted database so a restart does not
 * alert the same record and limit again: "id limit level" lines. */
#define SENT_SETTING "custody-alerts-sent"

/* Reading every running clock costs about 100 ms at 100,000 arrestees:
 * once for a burst of changes is enough for alerts 2 h ahead. */
#define RELOAD_DELAY_MS 2000

/* What has been notified for one record, and for which limit: a new
 * limit (an extension) is alerted afresh. */
typedef struct
{
  gint64           limit;
  DeskCustodyAlert level;
} Alerted;

struct _DeskCustodyAlerts
{
  GObject          parent_instance;

  GApplication    *application;   /* unowned: it owns us */
  gboolean         training;
  DeskStore       *store;
  GCancellable    *cancellable;   /* of saving what was sent */
  DeskStoreReload *reload;
  DeskCustodyLimits *limits;
  GHashTable      *alerted;       /* record id → Alerted */
  guint            timeout_id;
  gboolean         restored;      /* what was sent before has been read */
  char            *saved;         /* SENT_SETTING as last written */
  gboolean         near_shown;
  gboolean         passed_shown;
};

G_DEFINE_FINAL_TYPE (DeskCustodyAlerts, desk_custody_alerts, G_TYPE_OBJECT)

static void evaluate (DeskCustodyAlerts *self);

typedef struct
{
  DeskCustodyLimits *limits;
  char   *sent;     /* SENT_SETTING */
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->limits, desk_custody_limits_free);
  g_free (loaded->sent);
  g_free (loaded);
}

/* Runs on the database thread. */
static gpointer
load_limits (DeskStore  *store,
             gpointer    data,
             GError    **error)
{
  DeskCustodyLimits *limits = desk_custody_query_limits (store, error);
  Loaded *loaded;

  if (limits == NULL)
    return NULL;
  loaded = g_new0 (Loaded, 1);
  loaded->limits = limits;
  loaded->sent = desk_store_get_setting (store, SENT_SETTING);
  return loaded;
}

/* Runs on the database thread. */
static gpointer
save_sent (DeskStore  *store,
           gpointer    data,
           GError    **error)
{
  return desk_store_set_setting (store, SENT_SETTING, data, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
on_sent_saved_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (desk_store_run_finish (DESK_STORE (source), result, &error) == NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Cannot keep which custody alerts were sent: %s", error->message);
}

/* Sorted lines, so the same state always reads the same. */
static char *
serialize_sent (GHashTable *alerted)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_iter_init (&iter, alerted);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Alerted *alerted_one = value;

      g_ptr_array_add (lines, g_strdup_printf ("%s %" G_GINT64_FORMAT " %d", (const char *) key,
                                               alerted_one->limit, (int) alerted_one->level));
    }
  g_ptr_array_sort (lines, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static void
restore_sent (DeskCustodyAlerts *self,
              const char        *sent)
{
  g_auto(GStrv) lines = g_strsplit (sent != NULL ? sent : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], " ", 3);
      gint64 limit;
      gint64 level;
      Alerted *alerted;

      if (g_strv_length (parts) != 3 ||
          !g_ascii_string_to_signed (parts[1], 10, 1, G_MAXINT64, &limit, NULL) ||
          !g_ascii_string_to_signed (parts[2], 10, DESK_CUSTODY_ALERT_NEAR, DESK_CUSTODY_ALERT_PASSED,
                                     &level, NULL))
        continue;
      alerted = g_new (Alerted, 1);
      alerted->limit = limit;
      alerted->level = (DeskCustodyAlert) level;
      g_hash_table_insert (self->alerted, g_strdup (parts[0]), alerted);
    }
  g_free (self->saved);
  self->saved = g_strdup (sent);
}

static void
save_if_changed (DeskCustodyAlerts *self)
{
  g_autofree char *sent = serialize_sent (self->alerted);

  if (self->store == NULL || g_strcmp0 (sent, self->saved != NULL ? self->saved : "") == 0)
    return;

  g_free (self->saved);
  self->saved = g_strdup (sent);
  desk_store_run_async (self->store, save_sent, g_steal_pointer (&sent), g_free, NULL,
                        self->cancellable, on_sent_saved_cb, NULL);
}

static char *
make_title (DeskCustodyAlerts *self,
            DeskCustodyAlert   level,
            guint              count)
{
  g_autofree char *title = NULL;

  if (level == DESK_CUSTODY_ALERT_NEAR)
    title = count == 1 ? g_strdup (_("Custody limit within 2 hours"))
                       : g_strdup_printf (ngettext ("%u custody limit within 2 hours",
                                                    "%u custody limits within 2 hours", count),
                                          count);
  else
    title = count == 1 ? g_strdup (_("Custody limit passed"))
                       : g_strdup_printf (ngettext ("%u custody limit passed",
                                                    "%u custody limits passed", count),
                                          count);

  if (self->training)
    /* Translators: %s is a notification title; practice records only. */
    return g_strdup_printf (_("Training: %s"), title);
  return g_steal_pointer (&title);
}

/* Only counts and a record id leave here: no name, station or time, which
 * would show on a locked screen. */
static void
notify (DeskCustodyAlerts *self,
        DeskCustodyAlert   level,
        guint              count,
        const char        *only_id)
{
  g_autofree char *title = make_title (self, level, count);
  g_autoptr(GNotification) notification = g_notification_new (title);
  g_autoptr(GIcon) icon = g_themed_icon_new (APP_ID);

  g_notification_set_body (notification, _("Open ArrestDesk to see who and where"));
  g_notification_set_icon (notification, icon);
  g_notification_set_priority (notification, level == DESK_CUSTODY_ALERT_PASSED
                                             ? G_NOTIFICATION_PRIORITY_URGENT
                                             : G_NOTIFICATION_PRIORITY_HIGH);
  /* Straight to the record once a page offers it; else the window opens. */
  if (only_id != NULL &&
      g_action_map_lookup_action (G_ACTION_MAP (self->application), "show-arrestee") != NULL)
    g_notification_set_default_action_and_target (notification, "app.show-arrestee", "s", only_id);

  g_application_send_notification (self->application,
                                   level == DESK_CUSTODY_ALERT_PASSED ? PASSED_ID : NEAR_ID,
                                   notification);
}

static void
withdraw (DeskCustodyAlerts *self,
          const char        *id,
          gboolean          *shown)
{
  if (!*shown)
    return;
  g_application_withdraw_notification (self->application, id);
  *shown = FALSE;
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  DeskCustodyAlerts *self = user_data;

  self->timeout_id = 0;
  evaluate (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (DeskCustodyAlerts *self,
          gint64             next,
          gint64             now)
{
  gint64 wait_ms;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (next == 0)
    return;

  /* A little late rather than early, so the moment has come when it fires. */
  wait_ms = CLAMP ((next - now) / 1000 + 10, 0, LONGEST_WAIT_MS);
  self->timeout_id = g_timeout_add ((guint) wait_ms, on_timeout_cb, self);
}

/* Notifies what rose since the last look, and waits for the next moment. */
static void
evaluate (DeskCustodyAlerts *self)
{
  g_autoptr(GHashTable) alerted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gint64 now = g_get_real_time ();
  gint64 next = 0;
  guint counts[DESK_CUSTODY_ALERT_PASSED + 1] = { 0, };
  gboolean rose[DESK_CUSTODY_ALERT_PASSED + 1] = { FALSE, };
  guint last[DESK_CUSTODY_ALERT_PASSED + 1] = { 0, };   /* where in self->limits */
  char buf[DESK_ID_LIST_BUF];

  for (guint i = 0; self->limits != NULL && i < self->limits->limits->len; i++)
    {
      gint64 limit = g_array_index (self->limits->limits, gint64, i);
      /* Alerts depend on the limit alone. */
      DeskCustodyClock clock = { .limit = limit };
      DeskCustodyAlert level = desk_custody_alert_at (&clock, now);
      gint64 at = desk_custody_next_alert (&clock, now);
      const Alerted *before;
      const char *id;
      Alerted *seen;

      if (at != 0 && (next == 0 || at < next))
        next = at;
      if (level == DESK_CUSTODY_ALERT_NONE)
        continue;

      id = desk_id_list_get (self->limits->ids, i, buf);
      before = g_hash_table_lookup (self->alerted, id);
      if (before == NULL || before->limit != limit || before->level < level)
        rose[level] = TRUE;
      counts[level]++;
      last[level] = i;

      seen = g_new (Alerted, 1);
      seen->limit = limit;
      seen->level = level;
      g_hash_table_insert (alerted, g_strdup (id), seen);
    }

  g_hash_table_unref (self->alerted);
  self->alerted = g_steal_pointer (&alerted);

  if (rose[DESK_CUSTODY_ALERT_PASSED])
    {
      notify (self, DESK_CUSTODY_ALERT_PASSED, counts[DESK_CUSTODY_ALERT_PASSED],
              counts[DESK_CUSTODY_ALERT_PASSED] == 1
                ? desk_id_list_get (self->limits->ids, last[DESK_CUSTODY_ALERT_PASSED], buf) : NULL);
      self->passed_shown = TRUE;
    }
  else if (counts[DESK_CUSTODY_ALERT_PASSED] == 0)
    withdraw (self, PASSED_ID, &self->passed_shown);

  if (rose[DESK_CUSTODY_ALERT_NEAR])
    {
      notify (self, DESK_CUSTODY_ALERT_NEAR, counts[DESK_CUSTODY_ALERT_NEAR],
              counts[DESK_CUSTODY_ALERT_NEAR] == 1
                ? desk_id_list_get (self->limits->ids, last[DESK_CUSTODY_ALERT_NEAR], buf) : NULL);
      self->near_shown = TRUE;
    }
  else if (counts[DESK_CUSTODY_ALERT_NEAR] == 0)
    withdraw (self, NEAR_ID, &self->near_shown);

  save_if_changed (self);
  schedule (self, next, now);
}

static void
on_limits_loaded_cb (GObject  *owner,
                     gpointer  result)
{
  DeskCustodyAlerts *self = DESK_CUSTODY_ALERTS (owner);
  Loaded *loaded = result;

  g_clear_pointer (&self->limits, desk_custody_limits_free);
  self->limits = g_steal_pointer (&loaded->limits);
  if (!self->restored)
    {
      restore_sent (self, loaded->sent);
      self->restored = TRUE;
    }
  loaded_free (loaded);
  evaluate (self);
  desk_memory_release_soon ();
}

static void
desk_custody_alerts_dispose (GObject *object)
{
  DeskCustodyAlerts *self = DESK_CUSTODY_ALERTS (object);

  desk_custody_alerts_set_store (self, NULL);
  self->application = NULL;

  G_OBJECT_CLASS (desk_custody_alerts_parent_class)->dispose (object);
}

static void
desk_custody_alerts_finalize (GObject *object)
{
  DeskCustodyAlerts *self = DESK_CUSTODY_ALERTS (object);

  g_clear_pointer (&self->alerted, g_hash_table_unref);
  g_free (self->saved);

  G_OBJECT_CLASS (desk_custody_alerts_parent_class)->finalize (object);
}

static void
desk_custody_alerts_class_init (DeskCustodyAlertsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = desk_custody_alerts_dispose;
  object_class->finalize = desk_custody_alerts_finalize;
}

static void
desk_custody_alerts_init (DeskCustodyAlerts *self)
{
  self->alerted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

DeskCustodyAlerts *
desk_custody_alerts_new (GApplication *application,
                         gboolean      training)
{
  DeskCustodyAlerts *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);

  self = g_object_new (DESK_TYPE_CUSTODY_ALERTS, NULL);
  self->application = application;
  self->training = training;
  return self;
}

void
desk_custody_alerts_set_store (DeskCustodyAlerts *self,
                               DeskStore         *store)
{
  g_return_if_fail (DESK_IS_CUSTODY_ALERTS (self));
  g_return_if_fail (store == NULL || DESK_IS_STORE (store));

  g_clear_pointer (&self->reload, desk_store_reload_free);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_pointer (&self->limits, desk_custody_limits_free);
  g_clear_pointer (&self->saved, g_free);
  g_hash_table_remove_all (self->alerted);
  self->restored = FALSE;
  /* A save under way still finishes: the store runs its queue out. */
  g_clear_object (&self->cancellable);
  g_set_object (&self->store, store);
  if (store == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  self->reload = desk_store_reload_new (G_OBJECT (self), store, load_limits,
                                        (GDestroyNotify) loaded_free, on_limits_loaded_cb);
  desk_store_reload_watch_table (self->reload, "arrestee");
  desk_store_reload_set_delay (self->reload, RELOAD_DELAY_MS);
  desk_store_reload_run (self->reload);
}
