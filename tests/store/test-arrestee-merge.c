#include "config.h"

#include <string.h>

#include "desk-arrestee-merge.h"
#include "desk-name-search.h"
#include "desk-query.h"
#include "desk-test-util.h"

typedef struct
{
  DeskStore *store;
  char      *kept;      /* "Jo Bloggs" */
  char      *other;     /* "Joe Blogs", the same person */
  char      *call_kept;
  char      *call_other[2];
  char      *report_other;
} Fixture;

static char *
add_record (DeskStore  *store,
            const char *table,
            const char *action,
            const char *field,
            const char *value,
            const char *field2,
            const char *value2)
{
  g_autoptr(DeskChange) change = desk_change_new_create (table, action);
  g_autoptr(GError) error = NULL;

  desk_change_set (change, field, value);
  if (field2 != NULL)
    desk_change_set (change, field2, value2);
  g_assert_true (desk_store_apply (store, change, &error));
  g_assert_no_error (error);
  return g_strdup (desk_change_get_id (change));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = desk_test_new_store ("merge.db", NULL);
  f->kept = desk_test_add_arrestee (f->store, "Jo Bloggs");
  f->other = desk_test_add_arrestee (f->store, "Joe Blogs");
  desk_test_set_field (f->store, "arrestee", f->kept, "flags", "minor");
  desk_test_set_field (f->store, "arrestee", f->other, "preferred_name", "Jojo");
  desk_test_set_field (f->store, "arrestee", f->other, "custody_number", "CX/00042/26");
  desk_test_set_field (f->store, "arrestee", f->other, "flags", "welfare,minor");
  desk_test_set_field (f->store, "arrestee", f->other, "status", "released");

  f->call_kept = add_record (f->store, "call", "action-1", "summary", "Friend asking",
                             "arrestee_id", f->kept);
  f->call_other[0] = add_record (f->store, "call", "action-1", "summary", "From the station",
                                 "arrestee_id", f->other);
  f->call_other[1] = add_record (f->store, "call", "action-1", "summary", "Released, met",
                                 "arrestee_id", f->other);
  f->report_other = add_record (f->store, "online_report", "action-1", "kind", "arrest",
                                "arrestee_id", f->other);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_free (f->kept);
  g_free (f->other);
  g_free (f->call_kept);
  g_free (f->call_other[0]);
  g_free (f->call_other[1]);
  g_free (f->report_other);
}

static GPtrArray *
history_of (DeskStore  *store,
            const char *id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *history = desk_query_history (store, "arrestee", id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (history);
  return history;
}

static gboolean
history_has_seq (GPtrArray *history,
                 gint64     seq)
{
  for (guint i = 0; i < history->len; i++)
    if (((DeskHistoryEntry *) g_ptr_array_index (history, i))->seq == seq)
      return TRUE;
  return FALSE;
}

static void
assert_field (DeskStore  *store,
              const char *table,
              const char *id,
              const char *field,
              const char *expected)
{
  g_autofree char *value = desk_test_get_field (store, table, id, field);

  g_assert_cmpstr (value, ==, expected);
}

static gboolean
search_finds (DeskStore  *store,
              const char *name,
              const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) matches = desk_name_search (store, name, "action-1", 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < matches->len; i++)
    if (g_strcmp0 (((DeskNameMatch *) g_ptr_array_index (matches, i))->id, id) == 0)
      return TRUE;
  return FALSE;
}

static void
test_merge_moves_links_history_and_fields (Fixture       *f,
                                           gconstpointer  data)
{
  g_autoptr(GPtrArray) kept_before = history_of (f->store, f->kept);
  g_autoptr(GPtrArray) other_before = history_of (f->store, f->other);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GError) error = NULL;
  gint64 outbox_before = desk_query_table_size (f->store, "outbox", NULL);

  /* Name search finds the other record until it is merged. */
  g_assert_true (search_finds (f->store, "Joe Blogs", f->other));

  g_assert_true (desk_arrestee_merge (f->store, f->kept, f->other, &error));
  g_assert_no_error (error);
  g_assert_false (search_finds (f->store, "Joe Blogs", f->other));
  g_assert_true (search_finds (f->store, "Joe Blogs", f->kept));

  /* Every link now names the survivor. */
  assert_field (f->store, "call", f->call_kept, "arrestee_id", f->kept);
  assert_field (f->store, "call", f->call_other[0], "arrestee_id", f->kept);
  assert_field (f->store, "call", f->call_other[1], "arrestee_id", f->kept);
  assert_field (f->store, "online_report", f->report_other, "arrestee_id", f->kept);
  left = desk_query_ids_linking (f->store, "call", "arrestee_id", f->other, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (left->len, ==, 0);

  /* The other is a tombstone pointing at the survivor. */
  assert_field (f->store, "arrestee", f->other, "deleted", "1");
  assert_field (f->store, "arrestee", f->other, "merged_into", f->kept);
  g_assert_cmpint (desk_query_count (f->store, "arrestee", NULL, NULL), ==, 1);

  /* The survivor took what it lacked and kept what it had. */
  assert_field (f->store, "arrestee", f->kept, "legal_name", "Jo Bloggs");
  assert_field (f->store, "arrestee", f->kept, "status", "in_custody");
  assert_field (f->store, "arrestee", f->kept, "preferred_name", "Jojo");
  assert_field (f->store, "arrestee", f->kept, "custody_number", "CX/00042/26");
  assert_field (f->store, "arrestee", f->kept, "flags", "minor,welfare");
  assert_field (f->store, "arrestee", f->kept, "merged_into", NULL);

  /* History is never rewritten: both records' entries are on the survivor,
   * each still saying whose it was. */
  after = history_of (f->store, f->kept);
  for (guint i = 0; i < kept_before->len; i++)
    g_assert_true (history_has_seq (after, ((DeskHistoryEntry *) g_ptr_array_index (kept_before, i))->seq));
  for (guint i = 0; i < other_before->len; i++)
    {
      DeskHistoryEntry *e = g_ptr_array_index (other_before, i);

      g_assert_true (history_has_seq (after, e->seq));
    }
  g_assert_cmpuint (after->len, >, kept_before->len + other_before->len);
  for (guint i = 1; i < after->len; i++)
    g_assert_cmpint (((DeskHistoryEntry *) g_ptr_array_index (after, i - 1))->seq, <,
                     ((DeskHistoryEntry *) g_ptr_array_index (after, i))->seq);
  {
    gboolean saw_pointer = FALSE;

    for (guint i = 0; i < after->len; i++)
      {
        DeskHistoryEntry *e = g_ptr_array_index (after, i);

        g_assert_true (g_str_equal (e->record_id, f->kept) || g_str_equal (e->record_id, f->other));
        if (g_str_equal (e->record_id, f->other) && g_str_equal (e->field, "merged_into"))
          saw_pointer = TRUE;
      }
    g_assert_true (saw_pointer);
  }

  /* The merge syncs like any edit: survivor, three links, pointer, delete. */
  g_assert_cmpint (desk_query_table_size (f->store, "outbox", NULL), ==, outbox_before + 6);
}

static void
test_history_follows_chains (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *third = desk_test_add_arrestee (f->store, "J. Bloggs");
  g_autoptr(GPtrArray) other_before = history_of (f->store, f->other);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_arrestee_merge (f->store, f->kept, f->other, &error));
  g_assert_no_error (error);
  g_assert_true (desk_arrestee_merge (f->store, third, f->kept, &error));
  g_assert_no_error (error);

  history = history_of (f->store, third);
  for (guint i = 0; i < other_before->len; i++)
    g_assert_true (history_has_seq (history, ((DeskHistoryEntry *) g_ptr_array_index (other_before, i))->seq));
  assert_field (f->store, "call", f->call_other[0], "arrestee_id", third);
  assert_field (f->store, "arrestee", third, "preferred_name", "Jojo");
  /* The middle record keeps pointing where it went: the chain is intact. */
  assert_field (f->store, "arrestee", f->other, "merged_into", f->kept);
  assert_field (f->store, "arrestee", f->kept, "merged_into", third);
}

static gint64
all_sizes (DeskStore *store)
{
  const char *tables[] = { "arrestee", "call", "online_report", "field_meta", "history", "outbox" };
  gint64 sum = 0;

  /* Weighted so that growth in one cannot hide shrinkage in another. */
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    sum = sum * 1000 + desk_query_table_size (store, tables[i], NULL);
  return sum;
}

static void
assert_refused (Fixture    *f,
                const char *survivor,
                const char *merged,
                int         code,
                const char *says)
{
  g_autoptr(GError) error = NULL;
  gint64 before = all_sizes (f->store);

  g_assert_false (desk_arrestee_merge (f->store, survivor, merged, &error));
  g_assert_error (error, DESK_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, says));
  g_assert_null (strstr (error->message, "Bloggs"));
  g_assert_null (strstr (error->message, "Blogs"));
  g_assert_cmpint (all_sizes (f->store), ==, before);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *elsewhere = add_record (f->store, "arrestee", "action-2", "legal_name", "Jo Bloggs",
                                           NULL, NULL);
  g_autofree char *third = desk_test_add_arrestee (f->store, "J. Bloggs");
  g_autoptr(GError) error = NULL;

  assert_refused (f, f->kept, f->kept, DESK_STORE_ERROR_INVALID, "itself");
  assert_refused (f, f->kept, elsewhere, DESK_STORE_ERROR_INVALID, "different actions");
  assert_refused (f, f->kept, "no-such-id", DESK_STORE_ERROR_NOT_FOUND, "no-such-id");
  assert_refused (f, "no-such-id", f->kept, DESK_STORE_ERROR_NOT_FOUND, "no-such-id");

  g_assert_true (desk_arrestee_merge (f->store, f->kept, f->other, &error));
  g_assert_no_error (error);
  assert_refused (f, f->kept, f->other, DESK_STORE_ERROR_INVALID, "to merge was deleted or merged");
  assert_refused (f, f->other, third, DESK_STORE_ERROR_INVALID, "to keep was deleted or merged");
}

/* A failure in any change of the merge, even after a whole change was
 * written, leaves the store as it was. */
static void
test_fault_leaves_nothing_half_written (Fixture       *f,
                                        gconstpointer  data)
{
  const DeskStoreFault faults[] = { DESK_STORE_FAULT_AFTER_ROW, DESK_STORE_FAULT_AFTER_HISTORY,
                                    DESK_STORE_FAULT_AFTER_OUTBOX };
  g_autoptr(GPtrArray) history_before = history_of (f->store, f->kept);
  gint64 before = all_sizes (f->store);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autoptr(GError) fault_error = NULL;
      g_autoptr(GPtrArray) history = NULL;

      desk_store_set_fault (f->store, faults[i]);
      g_assert_false (desk_arrestee_merge (f->store, f->kept, f->other, &fault_error));
      g_assert_error (fault_error, DESK_STORE_ERROR, DESK_STORE_ERROR_FAILED);
      desk_store_set_fault (f->store, DESK_STORE_FAULT_NONE);

      g_assert_cmpint (all_sizes (f->store), ==, before);
      assert_field (f->store, "arrestee", f->other, "deleted", "0");
      assert_field (f->store, "arrestee", f->other, "merged_into", NULL);
      assert_field (f->store, "arrestee", f->kept, "preferred_name", NULL);
      assert_field (f->store, "call", f->call_other[0], "arrestee_id", f->other);
      assert_field (f->store, "online_report", f->report_other, "arrestee_id", f->other);
      history = history_of (f->store, f->kept);
      g_assert_cmpuint (history->len, ==, history_before->len);
    }

  g_assert_true (desk_arrestee_merge (f->store, f->kept, f->other, &error));
  g_assert_no_error (error);
  g_assert_true (desk_store_check_integrity (f->store, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/arrestee-merge/links-history-fields", Fixture, NULL,
              fixture_set_up, test_merge_moves_links_history_and_fields, fixture_tear_down);
  g_test_add ("/arrestee-merge/chains", Fixture, NULL,
              fixture_set_up, test_history_follows_chains, fixture_tear_down);
  g_test_add ("/arrestee-merge/refusals", Fixture, NULL,
              fixture_set_up, test_refusals, fixture_tear_down);
  g_test_add ("/arrestee-merge/fault", Fixture, NULL,
              fixture_set_up, test_fault_leaves_nothing_half_written, fixture_tear_down);

  return g_test_run ();
}
