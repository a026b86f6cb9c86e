#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "desk-key.h"
#include "desk-merge.h"
#include "desk-outbox.h"
#include "desk-query.h"
#include "desk-store-private.h"
#include "desk-sync-client.h"
#include "desk-sync-protocol.h"
#include "desk-sync-server.h"
#include "desk-test-util.h"

/* Issue 3, "Done means": the real arrestdesk-server is killed with SIGKILL
 * at random moments while two desks push, 20 times, and restarted on the
 * same data folder. Afterwards every mutation was applied exactly once
 * (checked in the server's own database) and the desks converge.
 *
 * The moments come from a seeded GRand; the seed is printed, and
 * ARRESTDESK_KILL_SEED=N replays the same edits and delays. */

#define ROUNDS           20
#define PASSWORD         "kill -9 is not a shutdown"
#define MAX_FINAL_SYNCS  4

typedef struct
{
  const char     *name;        /* "A" or "B" */
  DeskStore      *store;
  DeskSyncClient *client;
  const char     *shared_field; /* this desk's field of the shared record */
  GPtrArray      *own;          /* char *: live records this desk made */
  gint64          counted;      /* outbox ids up to here are in expected_log */
  gint64          mutations;    /* mutations this desk made */
  guint           edits;        /* its edits of the shared field */
} Desk;

typedef struct
{
  DeskSyncServer  server;
  GRand          *rand;
  Desk            desks[2];
  char           *shared;       /* one record both desks edit, each its own field */
  gint64          expected_log; /* field changes the server should log */
  guint           duplicates;   /* mutations the server already had when resent */
  char           *wal;          /* the server database's write-ahead log */
  gint64          first_write;  /* monotonic µs of the commits of a round */
  gint64          last_write;   /* measured without a kill */
} Fixture;

static void
desk_init (Desk       *desk,
           const char *name,
           const char *shared_field)
{
  g_autofree char *file = g_strdup_printf ("%s.db", name);
  g_autofree char *author = g_strdup_printf ("Desk %s", name);

  desk->name = name;
  desk->shared_field = shared_field;
  desk->store = desk_test_new_store (file, NULL);
  desk_store_set_author (desk->store, author);
  desk->own = g_ptr_array_new_with_free_func (g_free);
}

static void
desk_clear (Desk *desk)
{
  g_clear_object (&desk->client);
  desk_store_close (desk->store);
  /* The database thread's finished jobs still hold the store. */
  desk_sync_drain ();
  g_assert_finalize_object (g_steal_pointer (&desk->store));
  g_ptr_array_unref (desk->own);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *replay = g_getenv ("ARRESTDESK_KILL_SEED");
  guint32 seed = replay ? (guint32) g_ascii_strtoull (replay, NULL, 10) : g_random_int ();

  g_test_message ("seed %u (replay: ARRESTDESK_KILL_SEED=%u meson test -C BUILD test-sync-kill)", seed, seed);
  fixture->rand = g_rand_new_with_seed (seed);

  desk_sync_server_init (&fixture->server);
  desk_sync_server_add_user (&fixture->server, "alice", "bov", PASSWORD);
  desk_sync_server_add_user (&fixture->server, "bob", "bov", PASSWORD);
  desk_sync_server_start (&fixture->server);
  fixture->wal = g_build_filename (fixture->server.data, "server.db-wal", NULL);

  desk_init (&fixture->desks[0], "A", "status");
  desk_init (&fixture->desks[1], "B", "custody_number");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  desk_sync_drain ();
  desk_clear (&fixture->desks[0]);
  desk_clear (&fixture->desks[1]);
  desk_sync_server_clear (&fixture->server);
  g_rand_free (fixture->rand);
  g_free (fixture->shared);
  g_free (fixture->wal);
}

static void
log_in (Fixture    *fixture,
        Desk       *desk,
        const char *user)
{
  g_autoptr(DeskSyncLogin) session = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  desk->client = desk_sync_client_new (desk->store, fixture->server.url, fixture->server.cert, NULL, &error);
  g_assert_no_error (error);
  desk_sync_client_login_async (desk->client, user, PASSWORD, NULL, desk_sync_store_result_cb, &result);
  desk_sync_wait (&result);
  session = desk_sync_client_login_finish (desk->client, result, &error);
  g_assert_no_error (error);
}

/* Adds the field changes of the desk's new outbox entries to what the
 * server should log once each: every field of a create or update (no two
 * desks write one field, so each wins), the tombstone of a delete. */
static void
count_new_mutations (Fixture *fixture,
                     Desk    *desk)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = desk_query_outbox (desk->store, "pending", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      DeskOutboxEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(DeskMutation) mutation = NULL;

      if (entry->mutation_id <= desk->counted)
        continue;
      mutation = desk_mutation_from_payload (entry->mutation_id, entry->payload, &error);
      g_assert_no_error (error);
      fixture->expected_log += mutation->op == DESK_CHANGE_DELETE ? 1 : mutation->fields->len;
      desk->mutations++;
      g_assert_cmpint (entry->mutation_id, ==, desk->mutations);
      desk->counted = entry->mutation_id;
    }
}

static void
apply_all (Desk      *desk,
           GPtrArray *changes)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_store_apply_all (desk->store, changes, &error));
  g_assert_no_error (error);
}

/* One round of offline work, all in one transaction so it is quick: new
 * arrestees, edits to them, now and then a deletion, and a run of edits of
 * this desk's field of the shared record. A run of edits to one field is
 * what shows a mutation applied twice: an older edit arriving again after
 * a newer one is a concurrent edit to the server, and makes a conflict. */
static void
work_offline (Fixture *fixture,
              Desk    *desk,
              guint    round)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_change_free);
  guint n_new = g_rand_int_range (fixture->rand, 3, 12);
  guint n_shared = g_rand_int_range (fixture->rand, 5, 25);
  guint n_edits = g_rand_int_range (fixture->rand, 0, 10);

  for (guint i = 0; i < n_new; i++)
    {
      DeskChange *change = desk_change_new_create ("arrestee", "action-1");
      g_autofree char *name = g_strdup_printf ("Person %s-%u-%u", desk->name, round, i);

      desk_change_set (change, "legal_name", name);
      desk_change_set (change, "status", "in_custody");
      g_ptr_array_add (changes, change);
      g_ptr_array_add (desk->own, g_strdup (desk_change_get_id (change)));
    }
  for (guint i = 0; i < n_shared; i++)
    {
      DeskChange *change = desk_change_new_update ("arrestee", fixture->shared);
      g_autofree char *value = g_strdup_printf ("%s-%u", desk->name, ++desk->edits);

      desk_change_set (change, desk->shared_field, value);
      g_ptr_array_add (changes, change);
    }
  for (guint i = 0; i < n_edits; i++)
    {
      const char *id = g_ptr_array_index (desk->own, g_rand_int_range (fixture->rand, 0, desk->own->len));
      DeskChange *change = desk_change_new_update ("arrestee", id);
      g_autofree char *place = g_strdup_printf ("Street %u of round %u", i, round);

      desk_change_set (change, "arrest_place", place);
      g_ptr_array_add (changes, change);
    }
  apply_all (desk, changes);

  if (desk->own->len > 1 && g_rand_boolean (fixture->rand))
    {
      guint index = g_rand_int_range (fixture->rand, 0, desk->own->len);
      g_autoptr(DeskChange) deletion = desk_change_new_delete ("arrestee", g_ptr_array_index (desk->own, index));
      g_autoptr(GError) error = NULL;

      g_assert_true (desk_store_apply (desk->store, deletion, &error));
      g_assert_no_error (error);
      g_ptr_array_remove_index_fast (desk->own, index);
    }
  count_new_mutations (fixture, desk);
}

/* When the server last wrote its log, in ns (0 before it has one). */
static gint64
wal_changed (const char *wal)
{
  GStatBuf info;

  if (g_stat (wal, &info) != 0)
    return 0;
  return (gint64) info.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + info.st_mtim.tv_nsec;
}

typedef enum
{
  NO_KILL,           /* and time the server's commits */
  KILL_AFTER_START,  /* a delay after the syncs start: any moment of them */
  KILL_AFTER_WRITE,  /* a delay after the server's first commit: mid-push */
} KillWhen;

/* Kills from a thread of its own, so the moment never waits for the test's
 * main loop, where the desks read the server's replies. */
typedef struct
{
  KillWhen    when;
  gint64      delay_us;
  GPid        pid;
  const char *wal;
  gint        stop;         /* atomic: the syncs are over */
  gboolean    killed;       /* by the thread, before the syncs were over */
  gint64      first_write;  /* monotonic µs */
  gint64      last_write;
} Killer;

#define KILLER_POLL_US 100

static gpointer
killer_thread (gpointer data)
{
  Killer *killer = data;
  gint64 started = g_get_monotonic_time ();
  gint64 seen = wal_changed (killer->wal);

  while (!g_atomic_int_get (&killer->stop))
    {
      gint64 changed = wal_changed (killer->wal);
      gint64 now = g_get_monotonic_time ();
      gint64 from = killer->when == KILL_AFTER_START ? started : killer->first_write;

      if (changed != seen)
        {
          seen = changed;
          killer->last_write = now;
          if (killer->first_write == 0)
            killer->first_write = now;
        }
      if (killer->when != NO_KILL && from != 0 && now >= from + killer->delay_us)
        {
          kill (killer->pid, SIGKILL);
          killer->killed = TRUE;
          break;
        }
      g_usleep (KILLER_POLL_US);
    }
  return NULL;
}

static void
add_report (Fixture        *fixture,
            DeskSyncReport *report)
{
  g_assert_cmpuint (report->rejected, ==, 0);
  g_assert_cmpuint (report->gaps, ==, 0);
  fixture->duplicates += report->duplicates;
}

/* Both desks sync at once, the server dying meanwhile as @when says.
 * Returns how many syncs failed; @mid_push tells whether the kill came
 * after the server had committed part of this round's pushes. */
static guint
sync_both (Fixture  *fixture,
           KillWhen  when,
           double    delay_ms,
           gboolean *mid_push)
{
  g_autoptr(GAsyncResult) result_a = NULL;
  g_autoptr(GAsyncResult) result_b = NULL;
  GAsyncResult **results[] = { &result_a, &result_b };
  Killer killer = { 0, };
  GThread *thread;
  guint failed = 0;

  killer.when = when;
  killer.delay_us = (gint64) (delay_ms * 1000);
  killer.pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (fixture->server.process), NULL, 10);
  killer.wal = fixture->wal;
  thread = g_thread_new ("killer", killer_thread, &killer);

  desk_sync_client_sync_async (fixture->desks[0].client, NULL, desk_sync_store_result_cb, &result_a);
  desk_sync_client_sync_async (fixture->desks[1].client, NULL, desk_sync_store_result_cb, &result_b);
  desk_sync_wait (&result_a);
  desk_sync_wait (&result_b);
  g_atomic_int_set (&killer.stop, TRUE);
  g_thread_join (thread);
  fixture->first_write = killer.first_write;
  fixture->last_write = killer.last_write;
  if (mid_push != NULL)
    *mid_push = killer.killed && killer.first_write != 0;
  /* Reaps the killed server; or, when both syncs were done before the
   * moment came, the kill still happens. */
  if (when != NO_KILL)
    desk_sync_server_kill (&fixture->server);

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(DeskSyncReport) report = NULL;
      g_autoptr(GError) error = NULL;

      report = desk_sync_client_sync_finish (fixture->desks[i].client, *results[i], &error);
      if (report != NULL)
        add_report (fixture, report);
      else
        {
          /* Only the server going away may fail a sync: never a gap, a
           * refusal or an answer out of protocol. */
          g_test_message ("desk %s: %s", fixture->desks[i].name, error->message);
          g_assert_error (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_UNREACHABLE);
          failed++;
        }
    }
  return failed;
}

/* One sync of a desk with the server up, to the end. */
static void
sync_fully (Fixture *fixture,
            Desk    *desk)
{
  g_autoptr(GError) error = NULL;

  for (guint attempt = 0; attempt < MAX_FINAL_SYNCS; attempt++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(DeskSyncReport) report = NULL;

      g_clear_error (&error);
      desk_sync_client_sync_async (desk->client, NULL, desk_sync_store_result_cb, &result);
      desk_sync_wait (&result);
      report = desk_sync_client_sync_finish (desk->client, result, &error);
      if (report != NULL)
        {
          add_report (fixture, report);
          return;
        }
      /* A connection kept alive from before the kill may fail once. */
      g_test_message ("desk %s, after the kills: %s", desk->name, error->message);
    }
  g_assert_no_error (error);
}

static gint64
query_int (DeskStore  *store,
           const char *sql,
           const char *text)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (desk_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* What the server itself holds, read from its database once it is stopped:
 * each desk's last mutation id is the number of mutations it made, nothing
 * was refused, every field change is logged once and no conflict arose. */
static char *
check_server_database (Fixture *fixture)
{
  g_autofree char *key_path = g_build_filename (fixture->server.data, "server.key", NULL);
  g_autofree char *db_path = g_build_filename (fixture->server.data, "server.db", NULL);
  g_autoptr(DeskKey) key = NULL;
  g_autoptr(GError) error = NULL;
  DeskStore *store;
  char *digest;

  key = desk_key_new_from_file (key_path, &error);
  g_assert_no_error (error);
  store = desk_store_open (db_path, key, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (fixture->desks); i++)
    {
      Desk *desk = &fixture->desks[i];

      g_assert_cmpint (query_int (store, "SELECT last_mutation_id FROM clients WHERE client_id = ?",
                                  desk_store_get_node_id (desk->store)), ==, desk->mutations);
    }
  g_assert_cmpint (query_int (store, "SELECT COUNT(*) FROM rejected", NULL), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT COUNT(*) FROM change_log WHERE table_name <> 'conflict'", NULL),
                   ==, fixture->expected_log);
  g_assert_cmpint (query_int (store, "SELECT COUNT(*) FROM (SELECT 1 FROM change_log "
                                     "GROUP BY table_name, record_id, field, hlc HAVING COUNT(*) > 1)", NULL),
                   ==, 0);
  g_assert_cmpint (query_int (store, "SELECT COUNT(*) FROM change_log WHERE table_name = 'conflict'", NULL),
                   ==, 0);
  g_assert_cmpint (desk_query_count (store, "conflict", NULL, NULL), ==, 0);

  digest = desk_store_digest (store, &error);
  g_assert_no_error (error);
  desk_store_close (store);
  g_object_unref (store);
  return digest;
}

/* Returns how many of the kills cut a sync off after the server had
 * committed part of the round's pushes. */
static guint
kill_during_rounds (Fixture *fixture)
{
  guint mid_push = 0;
  gint64 started;
  gint64 made;
  double window_ms;
  double commit_ms;

  /* How long a round takes with the server up sets the window the kills
   * fall in, so they land during the pushes on a fast or a loaded machine. */
  made = fixture->desks[0].mutations + fixture->desks[1].mutations;
  work_offline (fixture, &fixture->desks[0], 0);
  work_offline (fixture, &fixture->desks[1], 0);
  made = fixture->desks[0].mutations + fixture->desks[1].mutations - made;
  started = g_get_monotonic_time ();
  g_assert_cmpuint (sync_both (fixture, NO_KILL, 0, NULL), ==, 0);
  window_ms = MAX ((g_get_monotonic_time () - started) / 1000.0, 5.0);
  g_assert_cmpint (fixture->first_write, >, 0);
  commit_ms = (fixture->last_write - fixture->first_write) / 1000.0 / made;
  g_test_message ("a round syncs in %.0f ms; the server commits a mutation in about %.2f ms",
                  window_ms, commit_ms);

  /* Half the kills at any moment of the syncs, half while the server is
   * applying a push (within its first few commits, and a push holds at
   * least eight), where a commit whose reply never came is likeliest. */
  /* A loaded machine can stretch one round and not the next: should too few
   * of the ROUNDS kills land mid-push, more rounds follow, up to 3 × ROUNDS. */
  for (guint round = 1; round <= ROUNDS || (mid_push < ROUNDS / 4 && round <= 3 * ROUNDS); round++)
    {
      KillWhen when = g_rand_boolean (fixture->rand) ? KILL_AFTER_START : KILL_AFTER_WRITE;
      double delay = g_rand_double_range (fixture->rand, 0, when == KILL_AFTER_START ? window_ms : MAX (5 * commit_ms, 1.0));
      gboolean after_commit = FALSE;
      guint failed;

      work_offline (fixture, &fixture->desks[0], round);
      work_offline (fixture, &fixture->desks[1], round);
      failed = sync_both (fixture, when, delay, &after_commit);
      if (failed > 0 && after_commit)
        mid_push++;
      g_test_message ("round %u: killed %.1f ms after the %s, %u of 2 syncs cut off%s", round, delay,
                      when == KILL_AFTER_START ? "syncs began" : "server's first commit", failed,
                      after_commit ? ", the server had committed some of the round" : "");
      g_assert_null (fixture->server.process);
      desk_sync_server_start (&fixture->server);
    }
  return mid_push;
}

static void
assert_shared_field (Fixture    *fixture,
                     const Desk *writer,
                     const Desk *reader)
{
  g_autofree char *value = desk_test_get_field (reader->store, "arrestee", fixture->shared,
                                                writer->shared_field);
  g_autofree char *last = g_strdup_printf ("%s-%u", writer->name, writer->edits);

  g_assert_cmpstr (value, ==, last);
}

/* Nothing waits, nothing conflicts, each desk holds the other's last
 * edits, and both hold the same data. Returns that data's digest. */
static char *
assert_desks_converged (Fixture *fixture)
{
  Desk *a = &fixture->desks[0];
  Desk *b = &fixture->desks[1];
  g_autoptr(GError) error = NULL;
  g_autofree char *digest_b = NULL;
  char *digest_a;

  for (guint i = 0; i < G_N_ELEMENTS (fixture->desks); i++)
    {
      g_autoptr(GPtrArray) left = desk_query_outbox (fixture->desks[i].store, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (left->len, ==, 0);
      g_assert_cmpint (desk_query_count (fixture->desks[i].store, "conflict", NULL, NULL), ==, 0);
      g_assert_cmpint (desk_query_count (fixture->desks[i].store, "arrestee", NULL, NULL), ==,
                       1 + a->own->len + b->own->len);
    }
  g_assert_cmpint (desk_sync_get_cursor (a->store), ==, desk_sync_get_cursor (b->store));
  assert_shared_field (fixture, a, b);
  assert_shared_field (fixture, b, a);

  digest_a = desk_store_digest (a->store, &error);
  g_assert_no_error (error);
  digest_b = desk_store_digest (b->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (digest_a, ==, digest_b);
  return digest_a;
}

static void
test_kill_during_pushes (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *digest_desks = NULL;
  g_autofree char *digest_server = NULL;
  guint mid_push;

  log_in (fixture, &fixture->desks[0], "alice");
  log_in (fixture, &fixture->desks[1], "bob");
  fixture->shared = desk_test_add_arrestee (fixture->desks[0].store, "Shared Person");
  count_new_mutations (fixture, &fixture->desks[0]);
  sync_fully (fixture, &fixture->desks[0]);
  sync_fully (fixture, &fixture->desks[1]);

  mid_push = kill_during_rounds (fixture);

  sync_fully (fixture, &fixture->desks[0]);
  sync_fully (fixture, &fixture->desks[1]);
  sync_fully (fixture, &fixture->desks[0]);
  /* A commit whose reply never came is resent and answered "duplicate".
   * How often that happens depends on how the server groups its commits,
   * so it is told, not asserted; the checks below fail if any was applied
   * twice. */
  g_test_message ("%u kills (of %u or more) cut a sync off after the server had committed part of the pushes; "
                  "%u mutations were resent after a lost reply", mid_push, ROUNDS, fixture->duplicates);
  /* Else the kills missed the pushes, and this tested little. */
  g_assert_cmpuint (mid_push, >=, ROUNDS / 4);

  digest_desks = assert_desks_converged (fixture);
  desk_sync_server_stop (&fixture->server);
  digest_server = check_server_database (fixture);
  g_assert_cmpstr (digest_server, ==, digest_desks);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  desk_sync_server_init_binaries (&argc, &argv);

  g_test_add ("/sync-kill/kill-during-pushes", Fixture, NULL,
              fixture_set_up, test_kill_during_pushes, fixture_tear_down);

  return g_test_run ();
}
