#include "config.h"

#include "desk-field-saver.h"
#include "desk-key.h"
#include "desk-query.h"
#include "desk-test-util.h"

/* The field saver on a real encrypted store, without a display: typing
 * waits half a second, a flush writes at once, each field is its own
 * change through the one write path, and a failed write hands back the
 * value so the words are not lost. */

typedef struct
{
  guint  saved;
  guint  failed;
  char  *failed_field;
  char  *failed_value;
} Events;

static void
on_saved_cb (DeskFieldSaver *saver,
             const char     *record_id,
             const char     *field,
             Events         *events)
{
  events->saved++;
}

static void
on_failed_cb (DeskFieldSaver *saver,
              const char     *record_id,
              const char     *field,
              const char     *value,
              const char     *message,
              Events         *events)
{
  events->failed++;
  g_free (events->failed_field);
  g_free (events->failed_value);
  events->failed_field = g_strdup (field);
  events->failed_value = g_strdup (value);
  g_assert_nonnull (message);
}

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_idle (DeskFieldSaver *saver)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!desk_field_saver_is_idle (saver))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
}

static guint
history_count (DeskStore  *store,
               const char *id,
               const char *field)
{
  g_autoptr(GPtrArray) history = desk_query_history (store, "arrestee", id, NULL);
  guint n = 0;

  for (guint i = 0; i < history->len; i++)
    n += g_strcmp0 (((DeskHistoryEntry *) g_ptr_array_index (history, i))->field, field) == 0;
  return n;
}

static void
test_waits_then_saves (void)
{
  g_autoptr(DeskStore) store = desk_test_new_store ("saver.db", NULL);
  g_autofree char *id = desk_test_add_arrestee (store, "Ann Example");
  g_autoptr(DeskFieldSaver) saver = desk_field_saver_new (store, "arrestee");
  g_autofree char *value = NULL;
  Events events = { 0 };

  g_signal_connect (saver, "saved", G_CALLBACK (on_saved_cb), &events);
  desk_field_saver_set_record (saver, id);

  /* Keystrokes: only the last value is written, once typing stops. */
  desk_field_saver_queue (saver, "contact", "0");
  desk_field_saver_queue (saver, "contact", "07");
  desk_field_saver_queue (saver, "contact", "0770");
  g_assert_true (desk_field_saver_is_busy (saver, "contact"));
  g_assert_false (desk_field_saver_is_busy (saver, "legal_name"));
  spin_ms (DESK_FIELD_SAVER_DELAY_MS / 2);
  value = desk_test_get_field (store, "arrestee", id, "contact");
  g_assert_null (value);
  wait_idle (saver);
  value = desk_test_get_field (store, "arrestee", id, "contact");
  g_assert_cmpstr (value, ==, "0770");
  g_assert_cmpuint (events.saved, ==, 1);
  g_assert_cmpuint (history_count (store, id, "contact"), ==, 1);
  g_assert_false (desk_field_saver_is_busy (saver, "contact"));
}

static void
test_switch_flushes_to_old_record (void)
{
  g_autoptr(DeskStore) store = desk_test_new_store ("saver.db", NULL);
  g_autofree char *ann = desk_test_add_arrestee (store, "Ann Example");
  g_autofree char *bob = desk_test_add_arrestee (store, "Bob Sample");
  g_autoptr(DeskFieldSaver) saver = desk_field_saver_new (store, "arrestee");
  g_autofree char *ann_place = NULL;
  g_autofree char *bob_place = NULL;
  g_autofree char *bob_number = NULL;

  desk_field_saver_set_record (saver, ann);
  desk_field_saver_queue (saver, "arrest_place", "Whitehall");
  desk_field_saver_set_record (saver, bob);
  desk_field_saver_queue (saver, "custody_number", "CX/1/26");
  desk_field_saver_flush (saver);
  wait_idle (saver);

  ann_place = desk_test_get_field (store, "arrestee", ann, "arrest_place");
  bob_place = desk_test_get_field (store, "arrestee", bob, "arrest_place");
  bob_number = desk_test_get_field (store, "arrestee", bob, "custody_number");
  g_assert_cmpstr (ann_place, ==, "Whitehall");
  g_assert_null (bob_place);
  g_assert_cmpstr (bob_number, ==, "CX/1/26");
}

static void
test_failure_hands_back_value (void)
{
  g_autoptr(DeskStore) store = desk_test_new_store ("saver.db", NULL);
  g_autofree char *id = desk_test_add_arrestee (store, "Ann Example");
  g_autoptr(DeskFieldSaver) saver = desk_field_saver_new (store, "arrestee");
  g_autofree char *contact = NULL;
  g_autofree char *place = NULL;
  Events events = { 0 };

  g_signal_connect (saver, "saved", G_CALLBACK (on_saved_cb), &events);
  g_signal_connect (saver, "failed", G_CALLBACK (on_failed_cb), &events);
  desk_field_saver_set_record (saver, id);
  desk_store_set_fault (store, DESK_STORE_FAULT_AFTER_HISTORY);
  desk_field_saver_queue (saver, "contact", "07700 900123");
  desk_field_saver_flush (saver);
  wait_idle (saver);
  g_assert_cmpuint (events.failed, ==, 1);
  g_assert_cmpstr (events.failed_field, ==, "contact");
  g_assert_cmpstr (events.failed_value, ==, "07700 900123");
  contact = desk_test_get_field (store, "arrestee", id, "contact");
  g_assert_null (contact);

  /* Each field is its own change: one failing does not take another. */
  desk_store_set_fault (store, DESK_STORE_FAULT_NONE);
  desk_field_saver_queue (saver, "arrest_place", "Whitehall");
  desk_field_saver_flush (saver);
  wait_idle (saver);
  place = desk_test_get_field (store, "arrestee", id, "arrest_place");
  g_assert_cmpstr (place, ==, "Whitehall");
  g_assert_cmpuint (events.saved, ==, 1);
  g_free (events.failed_field);
  g_free (events.failed_value);
}

static void
test_dispose_writes (void)
{
  g_autoptr(DeskKey) key = NULL;
  DeskStore *store = desk_test_new_store ("saver.db", &key);
  g_autofree char *id = desk_test_add_arrestee (store, "Ann Example");
  g_autofree char *path = g_strdup (desk_store_get_path (store));
  DeskFieldSaver *saver = desk_field_saver_new (store, "arrestee");
  g_autoptr(DeskStore) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  desk_field_saver_set_record (saver, id);
  desk_field_saver_queue (saver, "notes", "Asked for a solicitor");
  /* The window closes before the half second is up, and the app quits:
   * the store finishes the writes handed to it. */
  g_object_unref (saver);
  desk_store_close (store);
  g_object_unref (store);

  reopened = desk_store_open (path, key, &error);
  g_assert_no_error (error);
  value = desk_test_get_field (reopened, "arrestee", id, "notes");
  g_assert_cmpstr (value, ==, "Asked for a solicitor");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/field-saver/waits-then-saves", test_waits_then_saves);
  g_test_add_func ("/field-saver/switch-flushes-to-old-record", test_switch_flushes_to_old_record);
  g_test_add_func ("/field-saver/failure-hands-back-value", test_failure_hands_back_value);
  g_test_add_func ("/field-saver/dispose-writes", test_dispose_writes);

  return g_test_run ();
}
