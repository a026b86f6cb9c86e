#include "config.h"

#include <string.h>

#include "desk-csv.h"
#include "desk-import.h"
#include "desk-query.h"
#include "desk-sync-account.h"
#include "desk-test-util.h"

/* The arrestee import into a real SQLCipher store: what a spreadsheet
 * writes arrives, every bad file imports nothing and says where it is bad
 * without quoting it, and every record gets its history and outbox entry. */

/* A record with a name (an action: NULL @action_id) through the write path. */
static char *
add_named (DeskStore  *store,
           const char *table,
           const char *action_id,
           const char *name)
{
  g_autoptr(DeskChange) change = desk_change_new_create (table, action_id);
  g_autoptr(GError) error = NULL;

  desk_change_set (change, "name", name);
  g_assert_true (desk_store_apply (store, change, &error));
  g_assert_no_error (error);
  return g_strdup (desk_change_get_id (change));
}

#define add_action(store, name) add_named ((store), "action", NULL, (name))
#define add_station(store, action_id, name) add_named ((store), "station", (action_id), (name))

static DeskImportResult *
import_text (DeskStore   *store,
             const char  *text,
             const char  *action_id,
             GError     **error)
{
  g_autoptr(GInputStream) stream =
    g_memory_input_stream_new_from_data (g_strdup (text), strlen (text), g_free);

  return desk_import_arrestees (store, stream, strlen (text), action_id, NULL, NULL, NULL, error);
}

static gint64
count (DeskStore  *store,
       const char *table)
{
  g_autoptr(GError) error = NULL;
  gint64 n = desk_query_count (store, table, NULL, &error);

  g_assert_no_error (error);
  return n;
}

/* The arrestees of the store by legal name: name → row of @columns. */
static GHashTable *
arrestees_by_name (DeskStore         *store,
                   const char *const *columns)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) desk_row_free);

  rows = desk_query_rows (store, "arrestee", NULL, columns, NULL, &error);
  g_assert_no_error (error);
  while (rows->len > 0)
    {
      DeskRow *row = g_ptr_array_steal_index (rows, 0);

      g_hash_table_insert (by_name, g_strdup (row->values[0]), row);
    }
  return by_name;
}

/* A bad file: the error has @code, names @words, never @secret, and nothing was written. */
static void
assert_refused (const char *text,
                GQuark      domain,
                int         code,
                const char *words,
                const char *secret)
{
  static guint serial;
  g_autofree char *name = g_strdup_printf ("refused-%u.db", serial++);
  g_autoptr(DeskStore) store = desk_test_new_store (name, NULL);
  g_autofree char *action = add_action (store, "Refusals");
  g_autoptr(DeskImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 arrestees = count (store, "arrestee");
  gint64 stations = count (store, "station");
  gint64 outbox = desk_query_table_size (store, "outbox", NULL);
  gint64 history = desk_query_table_size (store, "history", NULL);

  result = import_text (store, text, NULL, &error);
  g_assert_null (result);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_error (error, domain, code);
  g_assert_nonnull (strstr (error->message, words));
  if (secret != NULL)
    g_assert_null (strstr (error->message, secret));

  g_assert_cmpint (count (store, "arrestee"), ==, arrestees);
  g_assert_cmpint (count (store, "station"), ==, stations);
  g_assert_cmpint (desk_query_table_size (store, "outbox", NULL), ==, outbox);
  g_assert_cmpint (desk_query_table_size (store, "history", NULL), ==, history);
}

static void
test_spreadsheet_file (void)
{
  const char *text =
    "\xef\xbb\xbfName,Preferred Name,notes,STATUS\r\n"
    "\"Smith, Ada\",Ada,\"Asthma, needs inhaler\r\nAsked for a solicitor\",\r\n"
    "Bo Jones,,\"He said \"\"no comment\"\"\",Released\r\n"
    "Cy Brown,Cy,,In custody\r\n";
  const char *const columns[] = { "legal_name", "preferred_name", "notes", "status", NULL };
  g_autoptr(DeskStore) store = desk_test_new_store ("sheet.db", NULL);
  g_autofree char *action = add_action (store, "Spring Rebellion");
  g_autoptr(DeskImportResult) result = NULL;
  g_autoptr(GHashTable) people = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *said = NULL;
  DeskRow *row;

  result = import_text (store, text, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_arrestees, ==, 3);
  g_assert_cmpstr (result->action_id, ==, action);
  g_assert_cmpstrv (result->stations_created, ((const char *[]) { NULL }));
  said = desk_import_result_describe (result);
  g_assert_cmpstr (said, ==, "Imported 3 arrestees into “Spring Rebellion”.");

  people = arrestees_by_name (store, columns);
  g_assert_cmpuint (g_hash_table_size (people), ==, 3);
  row = g_hash_table_lookup (people, "Smith, Ada");
  g_assert_nonnull (row);
  g_assert_cmpstr (row->values[1], ==, "Ada");
  g_assert_cmpstr (row->values[2], ==, "Asthma, needs inhaler\nAsked for a solicitor");
  g_assert_cmpstr (row->values[3], ==, "arrested");  /* none given */
  row = g_hash_table_lookup (people, "Bo Jones");
  g_assert_nonnull (row);
  g_assert_null (row->values[1]);                    /* an empty cell sets nothing */
  g_assert_cmpstr (row->values[2], ==, "He said \"no comment\"");
  g_assert_cmpstr (row->values[3], ==, "released");
  /* The status as the app shows it is stored as its code. */
  row = g_hash_table_lookup (people, "Cy Brown");
  g_assert_nonnull (row);
  g_assert_cmpstr (row->values[3], ==, "in_custody");
}

static void
test_unknown_columns (void)
{
  assert_refused ("name,nme,Shoe Size,offence\nAda,x,9,y\n", DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_HEADER,
                  "“nme” (did you mean “name”?), “Shoe Size”, “offence” (did you mean “alleged_offence”?)",
                  NULL);
  assert_refused ("Legal Name,arrest time,Legal_Name\nAda,,Ada\n", DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_HEADER,
                  "“Legal_Name” twice (columns 1 and 3)", NULL);
  assert_refused ("preferred_name,station\nAda,North\n", DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_HEADER,
                  "no “name” column", NULL);
  assert_refused ("name,,station\nAda,,North\n", DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_HEADER,
                  "Column 2 of the header (line 1) has no name", NULL);
  assert_refused ("name,merged_into\nAda,x\n", DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_HEADER,
                  "“merged_into”", NULL);
}

static void
test_bad_lines (void)
{
  /* Good lines before the bad one are not imported either. */
  assert_refused ("name,Arrest Time\nAda,2026-11-22 14:30\nBo,2026-11-22T14:30:00Z\nCy,half past two\n",
                  DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_VALUE, "Line 4, column “Arrest Time”: ", "half past");
  assert_refused ("name,notes\nAda,\"two\nlines\"\nBo,x\n ,nameless\n",
                  DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_VALUE, "Line 5, column “name”: the name is empty", "nameless");
  assert_refused ("name,arrival_estimated\nAda,1\nBo,perhaps\n",
                  DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_VALUE, "Line 3, column “arrival_estimated”: ", "perhaps");
  assert_refused ("name,station\nAda,North\nSecret Person,North,extra\n",
                  DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_VALUE, "Line 3 has 3 fields, but the header names 2 columns", "Secret");
  assert_refused ("name,station\nAda,North\nSecret \"Person\",North\n",
                  DESK_CSV_ERROR, DESK_CSV_ERROR_STRAY_QUOTE, "Line 3 ", "Secret");
  assert_refused ("", DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_EMPTY, "The file is empty", NULL);
  assert_refused ("name,station\r\n", DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_EMPTY, "holds no arrestees", NULL);
}

static void
test_station_by_name (void)
{
  const char *const columns[] = { "legal_name", "station_id", NULL };
  const char *const station_columns[] = { "name", NULL };
  g_autoptr(DeskStore) store = desk_test_new_store ("station.db", NULL);
  g_autofree char *action = add_action (store, "Stations");
  g_autofree char *other_action = add_action (store, "Other");
  g_autofree char *charing = add_station (store, action, "Charing Cross");
  g_autofree char *elsewhere = add_station (store, other_action, "Brixton");
  g_autoptr(DeskImportResult) result = NULL;
  g_autoptr(GHashTable) people = NULL;
  g_autoptr(GPtrArray) stations = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *said = NULL;
  const char *brixton;

  result = import_text (store,
                        "name,Station\n"
                        "Ada,CHARING CROSS\n"
                        "Bo,  charing cross \n"
                        "Cy,Brixton\n"
                        "Di,brixton\n"
                        "Ed,\n",
                        action, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_arrestees, ==, 5);
  /* Brixton of the other action is not this action's. */
  g_assert_cmpstrv (result->stations_created, ((const char *[]) { "Brixton", NULL }));
  said = desk_import_result_describe (result);
  g_assert_cmpstr (said, ==, "Imported 5 arrestees into “Stations”. Made 1 new station: Brixton.");

  stations = desk_query_rows (store, "station", action, station_columns, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stations->len, ==, 2);
  g_assert_cmpstr (((DeskRow *) g_ptr_array_index (stations, 1))->values[0], ==, "Brixton");
  brixton = ((DeskRow *) g_ptr_array_index (stations, 1))->id;
  g_assert_cmpstr (brixton, !=, elsewhere);

  people = arrestees_by_name (store, columns);
  g_assert_cmpstr (((DeskRow *) g_hash_table_lookup (people, "Ada"))->values[1], ==, charing);
  g_assert_cmpstr (((DeskRow *) g_hash_table_lookup (people, "Bo"))->values[1], ==, charing);
  g_assert_cmpstr (((DeskRow *) g_hash_table_lookup (people, "Cy"))->values[1], ==, brixton);
  g_assert_cmpstr (((DeskRow *) g_hash_table_lookup (people, "Di"))->values[1], ==, brixton);
  g_assert_null (((DeskRow *) g_hash_table_lookup (people, "Ed"))->values[1]);
}

static void
sync_as (DeskStore *store,
         DeskRole   role)
{
  DeskSyncAccount account = { (char *) "https://backoffice.invalid", (char *) "someone", role, TRUE, NULL, NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_sync_account_save (store, &account, &error));
  g_assert_no_error (error);
}

/* What the desk's role may not add is refused here, not later by the server. */
static void
test_roles (void)
{
  g_autoptr(DeskStore) store = desk_test_new_store ("roles.db", NULL);
  g_autofree char *action = add_action (store, "Roles");
  g_autofree char *north = add_station (store, action, "North");
  g_autoptr(DeskImportResult) known = NULL;
  g_autoptr(DeskImportResult) unknown = NULL;
  g_autoptr(DeskImportResult) pssc = NULL;
  g_autoptr(DeskImportResult) coordinator = NULL;
  g_autoptr(GError) error = NULL;

  /* A BOV adds arrestees at stations the action has, but no new station. */
  sync_as (store, DESK_ROLE_BOV);
  known = import_text (store, "name,station\nAda,north\n", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (known->n_arrestees, ==, 1);
  unknown = import_text (store, "name,station\nBo,North\nCy,Southbank\n", NULL, &error);
  g_assert_null (unknown);
  g_assert_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "Line 3, column “station”"));
  g_assert_nonnull (strstr (error->message, "a bov may not add one"));
  g_assert_null (strstr (error->message, "Southbank"));
  g_clear_error (&error);
  g_assert_cmpint (count (store, "arrestee"), ==, 1);
  g_assert_cmpint (count (store, "station"), ==, 1);

  /* A PSSC adds no arrestees at all. */
  sync_as (store, DESK_ROLE_PSSC);
  pssc = import_text (store, "name,station\nDi,North\n", NULL, &error);
  g_assert_null (pssc);
  g_assert_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "pssc"));
  g_clear_error (&error);
  g_assert_cmpint (count (store, "arrestee"), ==, 1);

  /* A coordinator may add the station too. */
  sync_as (store, DESK_ROLE_COORDINATOR);
  coordinator = import_text (store, "name,station\nBo,North\nCy,Southbank\n", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (coordinator->stations_created, ((const char *[]) { "Southbank", NULL }));
  g_assert_cmpint (count (store, "arrestee"), ==, 3);
}

static void
test_history_and_outbox (void)
{
  const char *const columns[] = { "legal_name", NULL };
  g_autoptr(DeskStore) store = desk_test_new_store ("history.db", NULL);
  g_autofree char *action = add_action (store, "Audit");
  g_autoptr(DeskImportResult) result = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GHashTable) pending = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  result = import_text (store, "name,station,custody number\nAda,North,C1\nBo,North,C2\n", NULL, &error);
  g_assert_no_error (error);

  outbox = desk_query_outbox (store, "pending", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < outbox->len; i++)
    {
      DeskOutboxEntry *entry = g_ptr_array_index (outbox, i);

      if (g_str_equal (entry->op, "create") && !g_str_equal (entry->table, "action"))
        g_hash_table_add (pending, entry->record_id);
    }

  rows = desk_query_rows (store, "arrestee", NULL, columns, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  for (guint i = 0; i < rows->len; i++)
    {
      DeskRow *row = g_ptr_array_index (rows, i);
      g_autoptr(GPtrArray) history = desk_query_history (store, "arrestee", row->id, &error);
      gboolean named = FALSE;

      g_assert_no_error (error);
      /* legal_name, station_id, custody_number and the status. */
      g_assert_cmpuint (history->len, ==, 4);
      for (guint j = 0; j < history->len; j++)
        {
          DeskHistoryEntry *entry = g_ptr_array_index (history, j);

          g_assert_cmpstr (entry->author, ==, "Test Volunteer");
          named |= g_str_equal (entry->field, "legal_name") && g_strcmp0 (entry->new_value, row->values[0]) == 0;
        }
      g_assert_true (named);
      g_assert_true (g_hash_table_contains (pending, row->id));
    }
  /* Two arrestees and the station they were taken to. */
  g_assert_cmpuint (g_hash_table_size (pending), ==, 3);
}

static void
test_times (void)
{
  const char *const columns[] = { "legal_name", "arrest_time", "arrival_time", NULL };
  g_autoptr(DeskStore) store = desk_test_new_store ("times.db", NULL);
  g_autofree char *action = add_action (store, "Times");
  g_autoptr(DeskImportResult) result = NULL;
  g_autoptr(GHashTable) people = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *said = NULL;
  DeskRow *row;

  result = import_text (store,
                        "name,arrest_time,arrival_time\n"
                        "Summer,2026-07-01 14:30,2026-07-01T14:30:00+02:00\n"
                        "Winter,2026-12-01 14:30:15,2026-12-01T14:30:00Z\n",
                        NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_local_times, ==, 2);
  g_assert_cmpstr (result->time_zone, ==, "Europe/London");
  said = desk_import_result_describe (result);
  g_assert_nonnull (strstr (said, "2 times had no zone: they were read as local time (Europe/London) and stored in UTC."));

  people = arrestees_by_name (store, columns);
  row = g_hash_table_lookup (people, "Summer");
  g_assert_cmpstr (row->values[1], ==, "2026-07-01T13:30:00Z");  /* BST is UTC+1 */
  g_assert_cmpstr (row->values[2], ==, "2026-07-01T12:30:00Z");
  row = g_hash_table_lookup (people, "Winter");
  g_assert_cmpstr (row->values[1], ==, "2026-12-01T14:30:15Z");
  g_assert_cmpstr (row->values[2], ==, "2026-12-01T14:30:00Z");
}

static void
test_which_action (void)
{
  g_autoptr(DeskStore) store = desk_test_new_store ("actions.db", NULL);
  g_autoptr(DeskImportResult) first = NULL;
  g_autoptr(DeskImportResult) chosen = NULL;
  g_autoptr(DeskImportResult) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *older = NULL;
  g_autofree char *newer = NULL;

  none = import_text (store, "name\nAda\n", NULL, &error);
  g_assert_null (none);
  g_assert_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_NO_ACTION);
  g_clear_error (&error);

  older = add_action (store, "Older");
  newer = add_action (store, "Newer");
  first = import_text (store, "name\nAda\n", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first->action_id, ==, newer);
  g_assert_cmpint (desk_query_count (store, "arrestee", newer, NULL), ==, 1);

  chosen = import_text (store, "name\nBo\nCy\n", older, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (chosen->action_name, ==, "Older");
  g_assert_cmpint (desk_query_count (store, "arrestee", older, NULL), ==, 2);

  g_assert_null (import_text (store, "name\nDi\n", "no-such-action", &error));
  g_assert_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_NO_ACTION);
  g_assert_cmpint (count (store, "arrestee"), ==, 3);
}

typedef struct
{
  guint64  calls;
  guint64  last_records;
  guint64  bytes_total;
  gboolean saw_writing;
  gboolean in_order;
} Seen;

static void
on_progress_cb (const DeskImportProgress *progress,
                gpointer                  user_data)
{
  Seen *seen = user_data;

  if (progress->records < seen->last_records || progress->bytes_read > progress->bytes_total)
    seen->in_order = FALSE;
  seen->calls++;
  seen->last_records = progress->records;
  seen->bytes_total = progress->bytes_total;
  seen->saw_writing |= progress->writing;
}

static char *
write_big_file (guint n)
{
  g_autofree char *path = desk_test_tmp_path ("big.csv");
  g_autoptr(GString) text = g_string_new ("name,station,arrest_time,notes\r\n");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "Person %u,Station %u,2026-11-22T%02u:%02u:00Z,\"note %u, line one\nline two\"\r\n",
                            i, i % 7, i / 60 % 24, i % 60, i);
  g_assert_true (g_file_set_contents (path, text->str, text->len, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* A store with one action and a file of as many lines as the test's data says. */
typedef struct
{
  DeskStore *store;
  char      *action;
  GFile     *file;
} FileFixture;

static void
file_fixture_set_up (FileFixture   *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = write_big_file (GPOINTER_TO_UINT (data));

  fixture->store = desk_test_new_store ("file.db", NULL);
  fixture->action = add_action (fixture->store, "File");
  fixture->file = g_file_new_for_path (path);
}

static void
file_fixture_tear_down (FileFixture   *fixture,
                        gconstpointer  data)
{
  g_object_unref (fixture->file);
  g_free (fixture->action);
  g_object_unref (fixture->store);
}

static void
test_ten_thousand (FileFixture   *fixture,
                   gconstpointer  data)
{
  DeskStore *store = fixture->store;
  GFile *file = fixture->file;
  g_autoptr(DeskImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Seen seen = { 0, 0, 0, FALSE, TRUE };

  result = desk_import_arrestees_from_file (store, file, NULL, on_progress_cb, &seen, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_arrestees, ==, 10000);
  g_assert_cmpuint (g_strv_length (result->stations_created), ==, 7);
  g_assert_cmpint (count (store, "arrestee"), ==, 10000);
  g_assert_cmpint (count (store, "station"), ==, 7);
  /* One create mutation a record (and one for the action). */
  g_assert_cmpint (desk_query_table_size (store, "outbox", NULL), ==, 1 + 10007);

  g_assert_true (seen.in_order);
  g_assert_true (seen.saw_writing);
  g_assert_cmpuint (seen.calls, >=, 10000 / 256);
  g_assert_cmpuint (seen.last_records, ==, 10000);
  g_assert_cmpuint (seen.bytes_total, >, 10000 * 40);
}

typedef struct
{
  DeskImportResult *result;
  GError           *error;
  gboolean          done;
  Seen              seen;
  GThread          *main_thread;
  gboolean          progress_elsewhere;
} Async;

static void
on_async_progress_cb (const DeskImportProgress *progress,
                      gpointer                  user_data)
{
  Async *async = user_data;

  if (g_thread_self () != async->main_thread || async->done)
    async->progress_elsewhere = TRUE;
  on_progress_cb (progress, &async->seen);
}

static void
on_async_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Async *async = user_data;

  async->result = desk_import_arrestees_finish (DESK_STORE (source), result, &async->error);
  async->done = TRUE;
}

static void
test_async (FileFixture   *fixture,
            gconstpointer  data)
{
  DeskStore *store = fixture->store;
  GFile *file = fixture->file;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Async async = { NULL, NULL, FALSE, { 0, 0, 0, FALSE, TRUE }, g_thread_self (), FALSE };
  Async cancelled = { NULL, NULL, FALSE, { 0, 0, 0, FALSE, TRUE }, g_thread_self (), FALSE };

  /* Cancelled before it ran: nothing written. */
  g_cancellable_cancel (cancellable);
  desk_import_arrestees_async (store, file, NULL, on_async_progress_cb, &cancelled, cancellable,
                               on_async_done_cb, &cancelled);
  desk_test_wait_for (&cancelled.done);
  g_assert_null (cancelled.result);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&cancelled.error);
  g_assert_cmpint (count (store, "arrestee"), ==, 0);

  desk_import_arrestees_async (store, file, fixture->action, on_async_progress_cb, &async, NULL,
                               on_async_done_cb, &async);
  desk_test_wait_for (&async.done);
  g_assert_no_error (async.error);
  g_assert_cmpuint (async.result->n_arrestees, ==, 600);
  g_assert_cmpint (count (store, "arrestee"), ==, 600);
  /* Progress came on this thread, in order, and never after the end. */
  g_assert_false (async.progress_elsewhere);
  g_assert_true (async.seen.in_order);
  g_assert_cmpuint (async.seen.calls, >, 0);
  desk_import_result_free (async.result);
}

static void
cancel_on_first_report_cb (const DeskImportProgress *progress,
                           gpointer                  user_data)
{
  g_cancellable_cancel (user_data);
}

/* A cancel while the file is read stops it with nothing written. */
static void
test_cancel_while_reading (FileFixture   *fixture,
                           gconstpointer  data)
{
  DeskStore *store = fixture->store;
  GFile *file = fixture->file;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(DeskImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 outbox = desk_query_table_size (store, "outbox", NULL);

  result = desk_import_arrestees_from_file (store, file, NULL, cancel_on_first_report_cb, cancellable,
                                            cancellable, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (count (store, "arrestee"), ==, 0);
  g_assert_cmpint (count (store, "station"), ==, 0);
  g_assert_cmpint (desk_query_table_size (store, "outbox", NULL), ==, outbox);
}

typedef struct
{
  GCancellable *cancellable;
  Async         async;
} LateCancel;

static void
cancel_when_writing_cb (const DeskImportProgress *progress,
                        gpointer                  user_data)
{
  LateCancel *late = user_data;

  if (progress->writing)
    g_cancellable_cancel (late->cancellable);
}

static void
on_late_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LateCancel *late = user_data;

  on_async_done_cb (source, result, &late->async);
}

/* A cancel once the write began changes nothing: all of it is imported,
 * and the result says so rather than "cancelled". */
static void
test_cancel_after_write_began (FileFixture   *fixture,
                               gconstpointer  data)
{
  DeskStore *store = fixture->store;
  GFile *file = fixture->file;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  LateCancel late = { cancellable, { NULL, NULL, FALSE, { 0, 0, 0, FALSE, TRUE }, g_thread_self (), FALSE } };

  desk_import_arrestees_async (store, file, NULL, cancel_when_writing_cb, &late, cancellable,
                               on_late_done_cb, &late);
  desk_test_wait_for (&late.async.done);
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  g_assert_no_error (late.async.error);
  g_assert_nonnull (late.async.result);
  g_assert_cmpuint (late.async.result->n_arrestees, ==, 600);
  g_assert_cmpint (count (store, "arrestee"), ==, 600);
  desk_import_result_free (late.async.result);
}

int
main (int   argc,
      char *argv[])
{
  /* Local times in the file are read in the action's zone, here London's. */
  g_setenv ("TZ", "Europe/London", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/import/spreadsheet-file", test_spreadsheet_file);
  g_test_add_func ("/import/unknown-columns", test_unknown_columns);
  g_test_add_func ("/import/bad-lines", test_bad_lines);
  g_test_add_func ("/import/station-by-name", test_station_by_name);
  g_test_add_func ("/import/roles", test_roles);
  g_test_add_func ("/import/history-and-outbox", test_history_and_outbox);
  g_test_add_func ("/import/times", test_times);
  g_test_add_func ("/import/which-action", test_which_action);
  g_test_add ("/import/ten-thousand", FileFixture, GUINT_TO_POINTER (10000),
              file_fixture_set_up, test_ten_thousand, file_fixture_tear_down);
  g_test_add ("/import/async", FileFixture, GUINT_TO_POINTER (600),
              file_fixture_set_up, test_async, file_fixture_tear_down);
  g_test_add ("/import/cancel-while-reading", FileFixture, GUINT_TO_POINTER (1000),
              file_fixture_set_up, test_cancel_while_reading, file_fixture_tear_down);
  g_test_add ("/import/cancel-after-write-began", FileFixture, GUINT_TO_POINTER (600),
              file_fixture_set_up, test_cancel_after_write_began, file_fixture_tear_down);

  return g_test_run ();
}
