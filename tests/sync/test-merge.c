#include "config.h"

#include <string.h>

#include "desk-merge.h"
#include "desk-outbox.h"
#include "desk-query.h"
#include "desk-test-util.h"

/* The merge rules without a network: a server store and desks exchanging
 * mutations and pulled changes through the protocol's own types. The
 * end-to-end tests over HTTPS live in tests/server. */

typedef struct
{
  DeskStore *server;
  GPtrArray *log;        /* DeskPulledChange, version = index + 1 */
} Server;

static void
server_init (Server *server)
{
  server->server = desk_test_new_store ("server.db", NULL);
  server->log = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_pulled_change_free);
}

static void
server_clear (Server *server)
{
  g_clear_object (&server->server);
  g_clear_pointer (&server->log, g_ptr_array_unref);
}

static void
log_written (Server    *server,
             GPtrArray *written)
{
  for (guint i = 0; i < written->len; i++)
    {
      DeskWrittenField *w = g_ptr_array_index (written, i);
      DeskPulledChange *c = g_new0 (DeskPulledChange, 1);

      c->version = server->log->len + 1;
      c->table = g_strdup (w->table);
      c->record = g_strdup (w->record);
      c->action = g_strdup (w->action);
      c->author = g_strdup (w->author);
      c->at = g_strdup (w->at);
      c->field = g_strdup (w->field);
      c->value = g_strdup (w->value);
      c->hlc = g_strdup (w->hlc);
      g_ptr_array_add (server->log, c);
    }
}

/* Push every pending outbox entry of @desk, as the server would, each
 * mutation in one transaction. */
static void
push (DeskStore *desk,
      Server    *server)
{
  g_autoptr(GPtrArray) outbox = desk_query_outbox (desk, "pending", NULL);

  for (guint i = 0; i < outbox->len; i++)
    {
      DeskOutboxEntry *entry = g_ptr_array_index (outbox, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(DeskMutation) mutation = desk_mutation_from_payload (entry->mutation_id, entry->payload, &error);
      g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_written_field_free);

      g_assert_no_error (error);
      g_assert_true (desk_merge_mutation (server->server, mutation, written, &error));
      g_assert_no_error (error);
      log_written (server, written);
      g_assert_true (desk_outbox_acknowledge (desk, entry->mutation_id, NULL));
    }
}

static void
pull (DeskStore *desk,
      Server    *server)
{
  gint64 cursor = desk_sync_get_cursor (desk);

  for (guint i = cursor; i < server->log->len; i++)
    {
      g_autoptr(DeskChange) change = desk_pulled_change_to_change (g_ptr_array_index (server->log, i));
      g_autoptr(GError) error = NULL;

      g_assert_true (desk_store_apply (desk, change, &error));
      g_assert_no_error (error);
    }
  g_assert_true (desk_sync_set_cursor (desk, server->log->len, NULL));
}

static void
sync_desk (DeskStore *desk,
           Server    *server)
{
  push (desk, server);
  pull (desk, server);
}

static DeskStore *
new_desk (const char *name,
          const char *author)
{
  DeskStore *desk = desk_test_new_store (name, NULL);

  desk_store_set_author (desk, author);
  return desk;
}

static void
assert_same_digest (DeskStore *a,
                    DeskStore *b,
                    DeskStore *c)
{
  g_autofree char *da = desk_store_digest (a, NULL);
  g_autofree char *db = desk_store_digest (b, NULL);
  g_autofree char *dc = desk_store_digest (c, NULL);

  g_assert_nonnull (da);
  g_assert_cmpstr (da, ==, db);
  g_assert_cmpstr (db, ==, dc);
}

static void
test_different_records_and_fields_converge (void)
{
  Server server;
  g_autoptr(DeskStore) a = new_desk ("a.db", "Desk A");
  g_autoptr(DeskStore) b = new_desk ("b.db", "Desk B");
  g_autofree char *shared = NULL;
  g_autofree char *only_a = NULL;
  g_autofree char *only_b = NULL;
  g_autofree char *status = NULL;
  g_autofree char *custody = NULL;

  server_init (&server);
  shared = desk_test_add_arrestee (a, "Mhairi Campbell");
  sync_desk (a, &server);
  sync_desk (b, &server);

  /* Offline: each adds a record and edits a different field of the shared one. */
  only_a = desk_test_add_arrestee (a, "Oisín Byrne");
  only_b = desk_test_add_arrestee (b, "Priya Nair");
  desk_test_set_field (a, "arrestee", shared, "status", "released");
  desk_test_set_field (b, "arrestee", shared, "custody_number", "01CX/123/26");

  sync_desk (a, &server);
  sync_desk (b, &server);
  sync_desk (a, &server);

  assert_same_digest (a, b, server.server);
  status = desk_test_get_field (b, "arrestee", shared, "status");
  custody = desk_test_get_field (a, "arrestee", shared, "custody_number");
  g_assert_cmpstr (status, ==, "released");
  g_assert_cmpstr (custody, ==, "01CX/123/26");
  g_assert_cmpint (desk_query_count (a, "conflict", NULL, NULL), ==, 0);
  g_assert_cmpint (desk_query_count (a, "arrestee", NULL, NULL), ==, 3);
  server_clear (&server);
}

static void
test_same_field_conflict_and_resolution (void)
{
  Server server;
  g_autoptr(DeskStore) a = new_desk ("a.db", "Desk A");
  g_autoptr(DeskStore) b = new_desk ("b.db", "Desk B");
  g_autoptr(GPtrArray) conflicts_a = NULL;
  g_autoptr(GPtrArray) conflicts_b = NULL;
  static const char *const columns[] = { "field", "kept_value", "other_value", "resolved", NULL };
  g_autofree char *id = NULL;
  g_autofree char *winner_a = NULL;
  g_autofree char *winner_b = NULL;
  DeskRow *conflict;

  server_init (&server);
  id = desk_test_add_arrestee (a, "Gethin Rhys");
  sync_desk (a, &server);
  sync_desk (b, &server);

  /* Both change the same field from the same value. */
  desk_test_set_field (a, "arrestee", id, "custody_number", "BX/111/26");
  /* A later millisecond, so B's stamp is surely the higher one (within one
   * millisecond the node ids, which are random, would decide). */
  g_usleep (3000);
  desk_test_set_field (b, "arrestee", id, "custody_number", "BX/222/26");
  sync_desk (a, &server);
  sync_desk (b, &server);
  sync_desk (a, &server);

  assert_same_digest (a, b, server.server);
  winner_a = desk_test_get_field (a, "arrestee", id, "custody_number");
  winner_b = desk_test_get_field (b, "arrestee", id, "custody_number");
  g_assert_cmpstr (winner_a, ==, winner_b);
  /* B wrote later, so its stamp is higher. */
  g_assert_cmpstr (winner_a, ==, "BX/222/26");

  conflicts_a = desk_query_rows (a, "conflict", NULL, columns, NULL, NULL);
  conflicts_b = desk_query_rows (b, "conflict", NULL, columns, NULL, NULL);
  g_assert_cmpuint (conflicts_a->len, ==, 1);
  g_assert_cmpuint (conflicts_b->len, ==, 1);
  conflict = g_ptr_array_index (conflicts_a, 0);
  g_assert_cmpstr (conflict->values[0], ==, "custody_number");
  g_assert_cmpstr (conflict->values[1], ==, "BX/222/26");
  g_assert_cmpstr (conflict->values[2], ==, "BX/111/26");   /* the other value is kept */
  g_assert_cmpstr (conflict->values[3], ==, "0");

  /* A person on desk A chooses the other value: it reaches desk B. */
  desk_test_set_field (a, "arrestee", id, "custody_number", conflict->values[2]);
  desk_test_set_field (a, "conflict", conflict->id, "resolved", "1");
  sync_desk (a, &server);
  sync_desk (b, &server);

  g_free (winner_b);
  winner_b = desk_test_get_field (b, "arrestee", id, "custody_number");
  g_assert_cmpstr (winner_b, ==, "BX/111/26");
  {
    g_autofree char *resolved = desk_test_get_field (b, "conflict", conflict->id, "resolved");

    g_assert_cmpstr (resolved, ==, "1");
  }
  /* Editing from what the server holds raised no new conflict. */
  g_assert_cmpint (desk_query_count (b, "conflict", NULL, NULL), ==, 1);
  assert_same_digest (a, b, server.server);
  server_clear (&server);
}

static void
test_edit_of_deleted_record_stays_deleted (void)
{
  Server server;
  g_autoptr(DeskStore) a = new_desk ("a.db", "Desk A");
  g_autoptr(DeskStore) b = new_desk ("b.db", "Desk B");
  g_autofree char *id = NULL;

  server_init (&server);
  id = desk_test_add_arrestee (a, "Duplicate Entry");
  sync_desk (a, &server);
  sync_desk (b, &server);

  {
    g_autoptr(DeskChange) del = desk_change_new_delete ("arrestee", id);

    g_assert_true (desk_store_apply (a, del, NULL));
  }
  desk_test_set_field (b, "arrestee", id, "status", "released");
  sync_desk (a, &server);
  sync_desk (b, &server);
  sync_desk (a, &server);

  g_assert_cmpint (desk_query_count (a, "arrestee", NULL, NULL), ==, 0);
  g_assert_cmpint (desk_query_count (b, "arrestee", NULL, NULL), ==, 0);
  g_assert_cmpint (desk_query_count (b, "conflict", NULL, NULL), ==, 1);
  assert_same_digest (a, b, server.server);
  server_clear (&server);
}

static void
test_replayed_mutation_changes_nothing (void)
{
  Server server;
  g_autoptr(DeskStore) a = new_desk ("a.db", "Desk A");
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(DeskMutation) mutation = NULL;
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_written_field_free);
  g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_written_field_free);
  g_autofree char *digest = NULL;
  g_autofree char *digest_again = NULL;

  server_init (&server);
  g_free (desk_test_add_arrestee (a, "Once Only"));
  outbox = desk_query_outbox (a, "pending", NULL);
  mutation = desk_mutation_from_payload (1, ((DeskOutboxEntry *) g_ptr_array_index (outbox, 0))->payload, NULL);

  g_assert_true (desk_merge_mutation (server.server, mutation, first, NULL));
  digest = desk_store_digest (server.server, NULL);
  g_assert_true (desk_merge_mutation (server.server, mutation, again, NULL));
  digest_again = desk_store_digest (server.server, NULL);

  g_assert_cmpuint (first->len, ==, 3);
  g_assert_cmpuint (again->len, ==, 0);   /* nothing newer: nothing written */
  g_assert_cmpstr (digest, ==, digest_again);
  server_clear (&server);
}

static void
test_bad_mutation_is_refused_whole (void)
{
  Server server;
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskMutation) mutation = NULL;
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_written_field_free);
  const char *head = "{\"name\":\"record.create.v1\",\"table\":\"arrestee\",";
  const char *rest =
    "\"action\":\"a\",\"author\":\"X\",\"at\":\"2026-11-22T01:00:00Z\",\"fields\":{"
    "\"legal_name\":{\"value\":\"Ok\",\"hlc\":\"1763775000000-0000-aaaa\",\"base\":null},"
    "\"arrival_time\":{\"value\":\"not a time\",\"hlc\":\"1763775000000-0001-aaaa\",\"base\":null}}}";
  g_autofree char *without_record = g_strconcat (head, rest, NULL);
  g_autofree char *with_record = g_strconcat (head, "\"record\":\"r1\",", rest, NULL);

  server_init (&server);
  mutation = desk_mutation_from_payload (1, without_record, &error);
  g_assert_null (mutation);
  g_assert_error (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "record"));
  g_clear_error (&error);

  mutation = desk_mutation_from_payload (1, with_record, &error);
  g_assert_no_error (error);

  g_assert_false (desk_merge_mutation (server.server, mutation, written, &error));
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "arrival_time"));
  g_assert_cmpuint (written->len, ==, 0);
  g_assert_cmpint (desk_query_table_size (server.server, "arrestee", NULL), ==, 0);
  server_clear (&server);
}

/* The outbox read a page at a time, as the sync push does. */
static void
test_outbox_pages (void)
{
  g_autoptr(DeskStore) desk = desk_test_new_store ("pages.db", NULL);
  g_autofree char *first = NULL;
  gint64 after = 0;
  guint pages = 0, seen = 0;

  desk_store_set_author (desk, "Desk A");
  first = desk_test_add_arrestee (desk, "Page Person");
  for (guint i = 0; i < 6; i++)
    desk_test_set_field (desk, "arrestee", first, "custody_number", i % 2 ? "odd" : "even");
  g_assert_true (desk_outbox_reject (desk, 3, "refused for the test", NULL));

  /* Pending ones only, in id order, at most three a page. */
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) page = desk_query_outbox_page (desk, "pending", after, 3, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (page->len, <=, 3);
      if (page->len == 0)
        break;
      pages++;
      for (guint i = 0; i < page->len; i++)
        {
          DeskOutboxEntry *entry = g_ptr_array_index (page, i);

          g_assert_cmpint (entry->mutation_id, >, after);
          g_assert_cmpint (entry->mutation_id, !=, 3);
          g_assert_cmpstr (entry->state, ==, "pending");
          after = entry->mutation_id;
          seen++;
        }
    }
  g_assert_cmpuint (seen, ==, 6);
  g_assert_cmpuint (pages, ==, 2);
  g_assert_cmpint (after, ==, 7);

  /* No limit, any state: all seven. */
  {
    g_autoptr(GPtrArray) all = desk_query_outbox_page (desk, NULL, 0, 0, NULL);

    g_assert_cmpuint (all->len, ==, 7);
  }
  desk_store_close (desk);
}

/* A push carries an outbox payload copied with its id put first: it must
 * read as the very mutation the payload reads as, escapes included. */
static void
test_payload_as_pushed (void)
{
  g_autoptr(DeskStore) desk = desk_test_new_store ("payload.db", NULL);
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *refused = NULL;

  desk_store_set_author (desk, "Desk \"A\"\\n");
  id = desk_test_add_arrestee (desk, "Ó Súilleabháin \"Quoted\"\n\ttab\x01");
  desk_test_set_field (desk, "arrestee", id, "custody_number", "01/02\\03");
  pending = desk_query_outbox (desk, "pending", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 2);

  for (guint i = 0; i < pending->len; i++)
    {
      DeskOutboxEntry *entry = g_ptr_array_index (pending, i);
      g_autoptr(DeskMutation) read = desk_mutation_from_payload (entry->mutation_id, entry->payload, &error);
      g_autofree char *text = desk_mutation_json_from_payload (entry->mutation_id, entry->payload, &error);
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(DeskMutation) pushed = NULL;

      g_assert_no_error (error);
      root = json_from_string (text, &error);
      g_assert_no_error (error);
      pushed = desk_mutation_from_json (json_node_get_object (root), &error);
      g_assert_no_error (error);
      g_assert_cmpint (pushed->id, ==, entry->mutation_id);
      g_assert_cmpint (pushed->op, ==, read->op);
      g_assert_cmpstr (pushed->record, ==, read->record);
      g_assert_cmpstr (pushed->author, ==, "Desk \"A\"\\n");
      g_assert_cmpuint (pushed->fields->len, ==, read->fields->len);
      for (guint f = 0; f < read->fields->len; f++)
        {
          DeskMutationField *a = g_ptr_array_index (read->fields, f);
          DeskMutationField *b = g_ptr_array_index (pushed->fields, f);

          g_assert_cmpstr (a->field, ==, b->field);
          g_assert_cmpstr (a->value, ==, b->value);
          g_assert_cmpstr (a->hlc, ==, b->hlc);
          g_assert_cmpstr (a->base, ==, b->base);
        }
    }

  /* Text the write path never writes is not sent. */
  refused = desk_mutation_json_from_payload (9, "[1, 2]", &error);
  g_assert_null (refused);
  g_assert_error (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_MALFORMED);
  desk_store_close (desk);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/merge/different-records-and-fields", test_different_records_and_fields_converge);
  g_test_add_func ("/merge/same-field-conflict", test_same_field_conflict_and_resolution);
  g_test_add_func ("/merge/edit-of-deleted", test_edit_of_deleted_record_stays_deleted);
  g_test_add_func ("/merge/payload-as-pushed", test_payload_as_pushed);
  g_test_add_func ("/merge/replay", test_replayed_mutation_changes_nothing);
  g_test_add_func ("/merge/bad-mutation", test_bad_mutation_is_refused_whole);
  g_test_add_func ("/merge/outbox-pages", test_outbox_pages);

  return g_test_run ();
}
