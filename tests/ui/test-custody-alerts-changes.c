#define G_LOG_DOMAIN "test-custody-alerts-changes"

#include "config.h"

#include <string.h>

#include "desk-custody-alerts.h"
#include "desk-test-util.h"

/* DeskCustodyAlerts following the store's changes, without the window:
 * a real GApplication on the test's private session bus sends real
 * GNotifications, and dbus-monitor reads the calls off the bus. */

/* Warnings other than the missing notification server's (see main). */
static guint other_warnings;

typedef struct
{
  GSubprocess       *monitor;
  char              *monitor_log;
  GApplication      *application;
  DeskStore         *store;
  DeskCustodyAlerts *alerts;
  char              *action;
} Fixture;

static char *
read_monitor (Fixture *f)
{
  char *text = NULL;

  if (!g_file_get_contents (f->monitor_log, &text, NULL, NULL))
    return g_strdup ("");
  return text;
}

static guint
count_of (const char *text,
          const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static guint
notify_calls (Fixture *f)
{
  g_autofree char *text = read_monitor (f);

  return count_of (text, "member=Notify\n") + count_of (text, "member=AddNotification\n");
}

static gboolean
on_time_up_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms, or until there are @calls notification calls
 * when @calls is not 0. */
static void
spin (Fixture *f,
      guint    ms,
      guint    calls)
{
  gboolean up = FALSE;
  guint id = g_timeout_add (ms, on_time_up_cb, &up);

  while (!up && (calls == 0 || notify_calls (f) < calls))
    g_main_context_iteration (NULL, TRUE);
  if (!up)
    g_source_remove (id);
}

static gboolean
on_poll_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static char *
iso_ago (GTimeSpan span)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add (now, -span);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
add_arrestee (Fixture    *f,
              const char *name,
              GTimeSpan   arrived_ago)
{
  g_autoptr(DeskChange) change = desk_change_new_create ("arrestee", f->action);
  g_autofree char *arrival = iso_ago (arrived_ago);
  g_autoptr(GError) error = NULL;

  desk_change_set (change, "legal_name", name);
  desk_change_set (change, "status", "in_custody");
  desk_change_set (change, "arrival_time", arrival);
  g_assert_true (desk_store_apply (f->store, change, &error));
  g_assert_no_error (error);
  return g_strdup (desk_change_get_id (change));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = desk_test_tmp_path ("monitor");
  g_autofree char *text = NULL;
  gint64 deadline;

  g_mkdir_with_parents (dir, 0700);
  f->monitor_log = g_build_filename (dir, "dbus.log", NULL);
  g_subprocess_launcher_set_stdout_file_path (launcher, f->monitor_log);
  f->monitor = g_subprocess_launcher_spawn (launcher, &error, "dbus-monitor", "--session",
                                            "type='method_call',interface='org.freedesktop.Notifications'",
                                            "type='method_call',interface='org.gtk.Notifications'",
                                            NULL);
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      g_free (text);
      text = read_monitor (f);
      if (strstr (text, "NameAcquired") != NULL)
        break;
      g_usleep (50 * 1000);
    }
  g_assert_nonnull (strstr (text, "NameAcquired"));

  f->application = g_application_new ("io.github.arrestdesk.ArrestDesk.AlertsTest",
                                       G_APPLICATION_DEFAULT_FLAGS);
  g_assert_true (g_application_register (f->application, NULL, &error));
  g_assert_no_error (error);

  f->store = desk_test_new_store ("alerts.db", NULL);
  f->action = g_strdup ("action-1");
  f->alerts = desk_custody_alerts_new (f->application, FALSE);
  desk_custody_alerts_set_store (f->alerts, f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  desk_custody_alerts_set_store (f->alerts, NULL);
  g_clear_object (&f->alerts);
  desk_store_close (f->store);
  g_clear_object (&f->store);
  g_clear_object (&f->application);
  g_subprocess_force_exit (f->monitor);
  g_subprocess_wait (f->monitor, NULL, NULL);
  g_clear_object (&f->monitor);
  g_free (f->monitor_log);
  g_free (f->action);
}

static void
test_changes_bring_alerts (Fixture       *f,
                           gconstpointer  data)
{
  const char *names[] = { "Ambrosine Featherstonehaugh", "Barnabas Wolstenholme",
                          "Clementine Aldersgate", "Desmond Throckmorton" };
  g_autofree char *first = NULL;
  g_autofree char *text = NULL;
  g_autofree char *extension = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskChange) release = NULL;
  g_autoptr(DeskChange) extend = NULL;
  guint poll = g_timeout_add (100, on_poll_cb, NULL);
  gint64 written;
  char *more[3];

  /* An empty store: nothing to say. */
  spin (f, 2500, 0);
  g_assert_cmpuint (notify_calls (f), ==, 0);

  /* A record 1 h 50 min from its limit: alerted once the change settles. */
  written = g_get_monotonic_time ();
  first = add_arrestee (f, names[0], 22 * G_TIME_SPAN_HOUR + 10 * G_TIME_SPAN_MINUTE);
  spin (f, 10000, 1);
  g_assert_cmpuint (notify_calls (f), ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - written, >=, G_USEC_PER_SEC);
  text = read_monitor (f);
  g_assert_nonnull (strstr (text, "\"Custody limit within 2 hours\""));

  /* Released: that alert is over; nothing new is sent. */
  release = desk_change_new_update ("arrestee", first);
  desk_change_set (release, "release_time", "2026-01-01T00:00:00Z");
  desk_change_set (release, "arrival_time", "2025-12-31T12:00:00Z");
  g_assert_true (desk_store_apply (f->store, release, &error));
  g_assert_no_error (error);
  spin (f, 3500, 0);
  g_assert_cmpuint (notify_calls (f), ==, 1);

  /* Three near records in quick succession: one read, one alert with the count. */
  for (guint i = 0; i < G_N_ELEMENTS (more); i++)
    more[i] = add_arrestee (f, names[i + 1], 22 * G_TIME_SPAN_HOUR + (10 + i) * G_TIME_SPAN_MINUTE);
  spin (f, 10000, 2);
  spin (f, 3000, 0);
  g_assert_cmpuint (notify_calls (f), ==, 2);
  g_free (text);
  text = read_monitor (f);
  g_assert_nonnull (strstr (text, "\"3 custody limits within 2 hours\""));

  /* An extension moves one limit 12 h on: fewer near, nothing rose, no alert. */
  extension = iso_ago (-(13 * G_TIME_SPAN_HOUR + 50 * G_TIME_SPAN_MINUTE));
  extend = desk_change_new_update ("arrestee", more[0]);
  desk_change_set (extend, "extension_until", extension);
  g_assert_true (desk_store_apply (f->store, extend, &error));
  g_assert_no_error (error);
  spin (f, 3500, 0);
  g_assert_cmpuint (notify_calls (f), ==, 2);

  g_free (text);
  text = read_monitor (f);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_auto(GStrv) parts = g_strsplit (names[i], " ", -1);

      g_assert_null (strstr (text, parts[0]));
      g_assert_null (strstr (text, parts[1]));
    }
  g_assert_null (strstr (text, first));

  g_assert_cmpuint (other_warnings, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (more); i++)
    g_free (more[i]);
  g_source_remove (poll);
}

/* No notification server runs on the test's bus: GLib says so, and the
 * call it made is what the test reads. Every other warning stays fatal. */
static gboolean
is_no_server_warning (const char *domain,
                      const char *message)
{
  return g_strcmp0 (domain, "GLib-GIO") == 0 && message != NULL &&
         g_str_has_prefix (message, "unable to send notifications");
}

static GLogWriterOutput
write_log (GLogLevelFlags   level,
           const GLogField *fields,
           gsize            n_fields,
           gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0)
      domain = fields[i].value;
    else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
      message = fields[i].value;

  if (is_no_server_warning (domain, message))
    return G_LOG_WRITER_HANDLED;
  if (level & (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL))
    other_warnings++;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* Warnings cannot be fatal (GLib warns about the missing server), so
   * any other warning is counted and fails the test at its end. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_log_set_writer_func (write_log, NULL, NULL);

  g_test_add ("/custody-alerts/changes", Fixture, NULL,
              fixture_set_up, test_changes_bring_alerts, fixture_tear_down);

  return g_test_run ();
}
