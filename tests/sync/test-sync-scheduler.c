#include "config.h"

#include <string.h>

#include "desk-demo.h"
#include "desk-merge.h"
#include "desk-query.h"
#include "desk-sync-client.h"
#include "desk-sync-scheduler.h"
#include "desk-sync-server.h"
#include "desk-sync-status.h"
#include "desk-test-util.h"

/* The sync scheduler of the app against the real arrestdesk-server over
 * HTTPS on 127.0.0.1: pushes after local changes, pulls on a poke, backs
 * off while the server is down and catches up when it returns. The timings
 * are shortened (milliseconds, not minutes); the minute's pull is left at
 * a minute, so anything a test sees within seconds came by push or poke. */

#define ALICE_PASSWORD "correct horse battery staple"
#define BOB_PASSWORD   "tr0ub4dor&3 is not a good one"
#define PAUL_PASSWORD  "station support 2026"
#define CORA_PASSWORD  "coordinates the whole shift"
#define MIN_BACKOFF    200
#define MAX_BACKOFF    1600
#define WAIT_S         30

typedef struct
{
  DeskSyncServer     server;
  DeskStore         *a;
  DeskStore         *b;
  DeskSyncClient    *client_a;
  DeskSyncClient    *client_b;
  DeskSyncScheduler *sched_a;
  DeskSyncScheduler *sched_b;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  desk_sync_server_init (&fixture->server);
  desk_sync_server_add_user (&fixture->server, "alice", "bov", ALICE_PASSWORD);
  desk_sync_server_add_user (&fixture->server, "bob", "bov", BOB_PASSWORD);
  desk_sync_server_add_user (&fixture->server, "paul", "pssc", PAUL_PASSWORD);
  desk_sync_server_add_user (&fixture->server, "cora", "coordinator", CORA_PASSWORD);
  desk_sync_server_start (&fixture->server);

  fixture->a = desk_test_new_store ("a.db", NULL);
  fixture->b = desk_test_new_store ("b.db", NULL);
  desk_store_set_author (fixture->a, "Desk A");
  desk_store_set_author (fixture->b, "Desk B");
}

static void
close_store (DeskStore **store)
{
  desk_store_close (*store);
  desk_sync_drain ();
  g_assert_finalize_object (g_steal_pointer (store));
}

static gboolean on_timeout_cb (gpointer data);

/* Stopped, the scheduler's cancelled requests still come back through the
 * main loop, each holding it: wait for the last one (and fail if it leaks). */
static void
drop_object (gpointer object_pointer)
{
  GObject **object = object_pointer;
  gboolean timed_out = FALSE;
  guint timeout;

  if (*object == NULL)
    return;
  g_object_add_weak_pointer (*object, (gpointer *) object);
  g_object_unref (*object);
  timeout = g_timeout_add_seconds (10, on_timeout_cb, &timed_out);
  while (*object != NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (*object);
  g_source_remove (timeout);
}

static void
drop_scheduler (DeskSyncScheduler **scheduler)
{
  if (*scheduler == NULL)
    return;
  desk_sync_scheduler_stop (*scheduler);
  drop_object (scheduler);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  drop_scheduler (&fixture->sched_a);
  drop_scheduler (&fixture->sched_b);
  drop_object (&fixture->client_a);
  drop_object (&fixture->client_b);
  desk_sync_drain ();
  close_store (&fixture->a);
  close_store (&fixture->b);
  desk_sync_server_clear (&fixture->server);
}

static DeskSyncClient *
logged_in (Fixture    *fixture,
           DeskStore  *store,
           const char *user,
           const char *password)
{
  g_autoptr(DeskSyncClient) client = NULL;
  g_autoptr(DeskSyncLogin) login = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  client = desk_sync_client_new (store, fixture->server.url, fixture->server.cert, NULL, &error);
  g_assert_no_error (error);
  desk_sync_client_login_async (client, user, password, NULL, desk_sync_store_result_cb, &result);
  desk_sync_wait (&result);
  login = desk_sync_client_login_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (login);
  return g_steal_pointer (&client);
}

static DeskSyncScheduler *
new_scheduler (DeskSyncClient *client,
               guint           pull_interval)
{
  return g_object_new (DESK_TYPE_SYNC_SCHEDULER,
                       "client", client,
                       "push-delay", 50,
                       "pull-interval", pull_interval,
                       "min-backoff", MIN_BACKOFF,
                       "max-backoff", MAX_BACKOFF,
                       NULL);
}

typedef gboolean (*Condition) (gpointer data);

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins the main context until @condition holds; fails the test after WAIT_S. */
static void
wait_until (Condition    condition,
            gpointer     data,
            const char  *what)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (WAIT_S, on_timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("Timed out waiting until %s", what);
  g_source_remove (timeout);
}

static gboolean
is_online (gpointer data)
{
  DeskSyncScheduler *scheduler = data;

  return desk_sync_scheduler_get_state (scheduler) == DESK_SYNC_STATE_ONLINE &&
         desk_sync_scheduler_get_live (scheduler);
}

static gboolean
is_offline (gpointer data)
{
  return desk_sync_scheduler_get_state (data) == DESK_SYNC_STATE_OFFLINE;
}

static gboolean
is_settled (gpointer data)
{
  DeskSyncScheduler *scheduler = data;

  return desk_sync_scheduler_get_state (scheduler) == DESK_SYNC_STATE_ONLINE &&
         desk_sync_scheduler_get_waiting (scheduler) == 0;
}

typedef struct
{
  DeskStore *store;
  gint64     count;
} Count;

static gboolean
has_arrestees (gpointer data)
{
  Count *count = data;

  return desk_query_count (count->store, "arrestee", NULL, NULL) >= count->count;
}

/* A change made on desk A is pushed without anyone asking, and desk B,
 * whose minute's pull is far off, gets it through the poke. */
static void
test_push_and_poke (Fixture       *fixture,
                    gconstpointer  data)
{
  Count on_b = { fixture->b, 1 };
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;

  fixture->client_a = logged_in (fixture, fixture->a, "alice", ALICE_PASSWORD);
  fixture->client_b = logged_in (fixture, fixture->b, "bob", BOB_PASSWORD);
  fixture->sched_a = new_scheduler (fixture->client_a, DESK_SYNC_PULL_INTERVAL_MS);
  fixture->sched_b = new_scheduler (fixture->client_b, DESK_SYNC_PULL_INTERVAL_MS);
  g_assert_cmpint (desk_sync_scheduler_get_last_synced (fixture->sched_b), ==, 0);

  desk_sync_scheduler_start (fixture->sched_a);
  desk_sync_scheduler_start (fixture->sched_b);
  wait_until (is_online, fixture->sched_a, "desk A is online with its live connection");
  wait_until (is_online, fixture->sched_b, "desk B is online with its live connection");
  g_assert_cmpint (desk_sync_scheduler_get_last_synced (fixture->sched_b), >, 0);
  g_assert_null (desk_sync_scheduler_get_last_error (fixture->sched_b));

  id = desk_test_add_arrestee (fixture->a, "Aoife Brennan");
  wait_until (has_arrestees, &on_b, "desk B has desk A's arrestee");
  wait_until (is_settled, fixture->sched_a, "desk A has nothing waiting");
  name = desk_test_get_field (fixture->b, "arrestee", id, "legal_name");
  g_assert_cmpstr (name, ==, "Aoife Brennan");
  g_assert_cmpuint (desk_sync_scheduler_get_waiting (fixture->sched_a), ==, 0);
}

typedef struct
{
  GArray *delays;
} Delays;

static void
on_retry_delay_cb (DeskSyncScheduler *scheduler,
                   GParamSpec        *pspec,
                   Delays            *delays)
{
  guint delay = desk_sync_scheduler_get_retry_delay (scheduler);

  if (delay > 0)
    g_array_append_val (delays->delays, delay);
}

static gboolean
has_backed_off (gpointer data)
{
  Delays *delays = data;

  return delays->delays->len >= 5;
}

/* The server stops: the desk goes offline and tries again less and less
 * often (2× each time, ±20 %, never above the maximum); changes wait. The
 * server returns: the desk catches up and the other desk gets the change. */
static void
test_offline_backoff_catch_up (Fixture       *fixture,
                               gconstpointer  data)
{
  Delays delays = { g_array_new (FALSE, FALSE, sizeof (guint)) };
  Count on_b = { fixture->b, 1 };
  g_autoptr(DeskSyncClient) b = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DeskSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  const char *message;
  gulong handler;

  fixture->client_a = logged_in (fixture, fixture->a, "alice", ALICE_PASSWORD);
  b = logged_in (fixture, fixture->b, "bob", BOB_PASSWORD);
  fixture->sched_a = new_scheduler (fixture->client_a, DESK_SYNC_PULL_INTERVAL_MS);
  desk_sync_scheduler_start (fixture->sched_a);
  wait_until (is_online, fixture->sched_a, "desk A is online");

  desk_sync_server_stop (&fixture->server);
  handler = g_signal_connect (fixture->sched_a, "notify::retry-delay", G_CALLBACK (on_retry_delay_cb), &delays);
  id = desk_test_add_arrestee (fixture->a, "Siobhán Ní Bhriain");
  wait_until (is_offline, fixture->sched_a, "desk A is offline");
  wait_until (has_backed_off, &delays, "desk A has tried five times");
  g_signal_handler_disconnect (fixture->sched_a, handler);

  for (guint i = 0; i < delays.delays->len; i++)
    {
      guint delay = g_array_index (delays.delays, guint, i);
      double base = MIN ((double) MIN_BACKOFF * (1u << MIN (i, 16u)), (double) MAX_BACKOFF);

      g_test_message ("try %u: next in %u ms (base %.0f)", i + 1, delay, base);
      g_assert_cmpfloat (delay, >=, base * 0.8 - 1);
      g_assert_cmpfloat (delay, <=, base * 1.2 + 1);
    }
  g_assert_false (desk_sync_scheduler_get_live (fixture->sched_a));
  g_assert_cmpuint (desk_sync_scheduler_get_waiting (fixture->sched_a), ==, 1);
  message = desk_sync_scheduler_get_last_error (fixture->sched_a);
  g_assert_nonnull (message);
  g_test_message ("offline: %s", message);
  g_assert_nonnull (strstr (message, "cannot reach the server"));
  /* Never a name in the status. */
  g_assert_null (strstr (message, "Siobh"));

  /* The same port: the desk's URL holds. */
  desk_sync_server_start (&fixture->server);
  wait_until (is_settled, fixture->sched_a, "desk A caught up after the server came back");
  g_assert_null (desk_sync_scheduler_get_last_error (fixture->sched_a));
  g_assert_cmpuint (desk_sync_scheduler_get_retry_delay (fixture->sched_a), ==, 0);
  wait_until (is_online, fixture->sched_a, "desk A's live connection is back");

  desk_sync_client_sync_async (b, NULL, desk_sync_store_result_cb, &result);
  desk_sync_wait (&result);
  report = desk_sync_client_sync_finish (b, result, &error);
  g_assert_no_error (error);
  g_assert_true (has_arrestees (&on_b));
  g_array_unref (delays.delays);
}

static void
on_synced_cb (DeskSyncScheduler *scheduler,
              DeskSyncReport    *report,
              guint             *count)
{
  (*count)++;
}

static gboolean
is_idle_online (gpointer data)
{
  return desk_sync_scheduler_get_state (data) == DESK_SYNC_STATE_ONLINE;
}

/* "Sync now" pressed five times while a sync runs: one more sync after it,
 * never two at once. */
static void
test_one_at_a_time (Fixture       *fixture,
                    gconstpointer  data)
{
  guint synced = 0;

  fixture->client_a = logged_in (fixture, fixture->a, "alice", ALICE_PASSWORD);
  fixture->sched_a = new_scheduler (fixture->client_a, DESK_SYNC_PULL_INTERVAL_MS);
  g_signal_connect (fixture->sched_a, "synced", G_CALLBACK (on_synced_cb), &synced);
  desk_sync_scheduler_start (fixture->sched_a);
  g_assert_cmpint (desk_sync_scheduler_get_state (fixture->sched_a), ==, DESK_SYNC_STATE_SYNCING);
  for (guint i = 0; i < 5; i++)
    desk_sync_scheduler_sync_now (fixture->sched_a);
  g_assert_cmpint (desk_sync_scheduler_get_state (fixture->sched_a), ==, DESK_SYNC_STATE_SYNCING);

  wait_until (is_online, fixture->sched_a, "desk A is online");
  /* Let anything queued run out. */
  for (guint i = 0; i < 20; i++)
    {
      g_usleep (10000);
      desk_sync_drain ();
    }
  g_assert_true (is_idle_online (fixture->sched_a));
  g_assert_cmpuint (synced, ==, 2);
}

typedef struct
{
  GArray *seen;
} Progress;

static void
on_progress_cb (DeskSyncScheduler *scheduler,
                GParamSpec        *pspec,
                Progress          *progress)
{
  double value = desk_sync_scheduler_get_first_pull_progress (scheduler);

  g_array_append_val (progress->seen, value);
}

/* A desk that never synced pulls everything, and says how far it got. */
static void
test_first_pull_progress (Fixture       *fixture,
                          gconstpointer  data)
{
  DeskDemoOptions options = { .n_arrestees = 600, .seed = 11 };
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (double)) };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DeskSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *action = NULL;
  g_autofree char *digest_a = NULL;
  g_autofree char *digest_b = NULL;
  gboolean between = FALSE;
  Count on_b = { fixture->b, 600 };

  /* Stations and the rota are a coordinator's to write. */
  fixture->client_a = logged_in (fixture, fixture->a, "cora", CORA_PASSWORD);
  action = desk_demo_generate (fixture->a, &options, &error);
  g_assert_no_error (error);
  desk_sync_client_sync_async (fixture->client_a, NULL, desk_sync_store_result_cb, &result);
  desk_sync_wait (&result);
  report = desk_sync_client_sync_finish (fixture->client_a, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->rejected, ==, 0);

  fixture->client_b = logged_in (fixture, fixture->b, "bob", BOB_PASSWORD);
  fixture->sched_b = new_scheduler (fixture->client_b, DESK_SYNC_PULL_INTERVAL_MS);
  g_signal_connect (fixture->sched_b, "notify::first-pull-progress", G_CALLBACK (on_progress_cb), &progress);
  desk_sync_scheduler_start (fixture->sched_b);
  wait_until (is_idle_online, fixture->sched_b, "desk B finished its first pull");
  g_assert_true (has_arrestees (&on_b));

  g_assert_cmpuint (progress.seen->len, >=, 2);
  g_assert_cmpfloat (g_array_index (progress.seen, double, 0), ==, 0.0);
  g_assert_cmpfloat (g_array_index (progress.seen, double, progress.seen->len - 1), ==, -1.0);
  for (guint i = 1; i + 1 < progress.seen->len; i++)
    {
      double value = g_array_index (progress.seen, double, i);

      g_test_message ("progress %.3f", value);
      g_assert_cmpfloat (value, >=, g_array_index (progress.seen, double, i - 1));
      g_assert_cmpfloat (value, <=, 1.0);
      if (value > 0.0 && value < 1.0)
        between = TRUE;
    }
  g_assert_true (between);
  g_assert_cmpfloat (desk_sync_scheduler_get_first_pull_progress (fixture->sched_b), ==, -1.0);

  digest_a = desk_store_digest (fixture->a, &error);
  g_assert_no_error (error);
  digest_b = desk_store_digest (fixture->b, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (digest_a, ==, digest_b);
  g_array_unref (progress.seen);
}

static gboolean
has_rejected (gpointer data)
{
  return desk_sync_scheduler_get_rejected (data) > 0;
}

/* A PSSC may not record arrests: the change is refused, counted, and kept
 * with the server's reason for the person to see. */
static void
test_rejected_counted (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) rejected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  DeskRejectedChange *change;

  fixture->client_a = logged_in (fixture, fixture->a, "paul", PAUL_PASSWORD);
  fixture->sched_a = new_scheduler (fixture->client_a, DESK_SYNC_PULL_INTERVAL_MS);
  desk_sync_scheduler_start (fixture->sched_a);
  wait_until (is_online, fixture->sched_a, "desk A is online");

  id = desk_test_add_arrestee (fixture->a, "Tomasz Wójcik");
  wait_until (has_rejected, fixture->sched_a, "the change is refused");
  wait_until (is_settled, fixture->sched_a, "nothing waits");
  g_assert_cmpuint (desk_sync_scheduler_get_rejected (fixture->sched_a), ==, 1);

  rejected = desk_sync_query_rejected (fixture->a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rejected->len, ==, 1);
  change = g_ptr_array_index (rejected, 0);
  g_test_message ("rejected: %s", change->reason);
  g_assert_cmpstr (change->table, ==, "arrestee");
  g_assert_cmpstr (change->record_id, ==, id);
  g_assert_cmpstr (change->op, ==, "create");
  g_assert_nonnull (strstr (change->fields, "legal_name"));
  g_assert_nonnull (change->reason);
  g_assert_cmpstr (change->reason, !=, "");
}

static gboolean
has_conflict (gpointer data)
{
  return desk_sync_scheduler_get_conflicts (data) == 1;
}

static gboolean
has_no_conflict (gpointer data)
{
  return desk_sync_scheduler_get_conflicts (data) == 0 && is_settled (data);
}

typedef struct
{
  DeskStore  *store;
  const char *table;
  const char *id;
  const char *field;
  const char *value;
} Field;

static gboolean
field_is (gpointer data)
{
  Field *field = data;
  g_autofree char *value = desk_test_get_field (field->store, field->table, field->id, field->field);

  return g_strcmp0 (value, field->value) == 0;
}

/* Both desks change one field at once: desk B's scheduler counts the
 * conflict, lists both values with who wrote them, and a person's choice
 * (keeping the value that lost) goes through the write path to desk A. */
static void
test_conflict_counted_and_resolved (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  Count on_b = { fixture->b, 1 };
  DeskOpenConflict *conflict;
  Field resolved_on_a = { fixture->a, "conflict", NULL, "resolved", "1" };
  Field value_on_a = { fixture->a, "arrestee", NULL, "custody_number", "BX/111/26" };

  fixture->client_a = logged_in (fixture, fixture->a, "alice", ALICE_PASSWORD);
  fixture->client_b = logged_in (fixture, fixture->b, "bob", BOB_PASSWORD);
  fixture->sched_a = new_scheduler (fixture->client_a, DESK_SYNC_PULL_INTERVAL_MS);
  fixture->sched_b = new_scheduler (fixture->client_b, DESK_SYNC_PULL_INTERVAL_MS);
  desk_sync_scheduler_start (fixture->sched_a);
  desk_sync_scheduler_start (fixture->sched_b);
  wait_until (is_online, fixture->sched_a, "desk A is online");
  wait_until (is_online, fixture->sched_b, "desk B is online");

  id = desk_test_add_arrestee (fixture->a, "Gethin Rhys");
  wait_until (has_arrestees, &on_b, "desk B has the arrestee");

  /* Both edit before either hears of the other: stop B's syncing meanwhile. */
  desk_sync_scheduler_stop (fixture->sched_b);
  desk_test_set_field (fixture->a, "arrestee", id, "custody_number", "BX/111/26");
  wait_until (is_settled, fixture->sched_a, "desk A pushed its edit");
  g_usleep (2000);
  desk_test_set_field (fixture->b, "arrestee", id, "custody_number", "BX/222/26");
  desk_sync_scheduler_start (fixture->sched_b);
  wait_until (has_conflict, fixture->sched_b, "desk B counts one conflict");
  wait_until (has_conflict, fixture->sched_a, "desk A counts one conflict");

  conflicts = desk_sync_query_open_conflicts (fixture->b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->table, ==, "arrestee");
  g_assert_cmpstr (conflict->record_id, ==, id);
  g_assert_cmpstr (conflict->record_title, ==, "Gethin Rhys");
  g_assert_false (conflict->record_deleted);
  g_assert_cmpstr (conflict->field, ==, "custody_number");
  g_assert_cmpstr (conflict->kept_value, ==, "BX/222/26");
  g_assert_cmpstr (conflict->kept_author, ==, "Desk B");
  g_assert_nonnull (conflict->kept_at);
  g_assert_cmpstr (conflict->other_value, ==, "BX/111/26");
  g_assert_cmpstr (conflict->other_author, ==, "Desk A");
  g_assert_cmpint (conflict->other_at_ms, >, 0);

  /* A person on desk B keeps desk A's value. */
  g_assert_true (desk_sync_resolve_conflict (fixture->b, conflict->id, TRUE, &error));
  g_assert_no_error (error);
  wait_until (has_no_conflict, fixture->sched_b, "desk B has no open conflict");
  resolved_on_a.id = conflict->id;
  value_on_a.id = id;
  wait_until (field_is, &resolved_on_a, "desk A hears the conflict was resolved");
  wait_until (field_is, &value_on_a, "desk A holds the value kept");
  wait_until (has_no_conflict, fixture->sched_a, "desk A has no open conflict");
}

static gboolean
is_signed_out (gpointer data)
{
  return desk_sync_scheduler_get_state (data) == DESK_SYNC_STATE_SIGNED_OUT;
}

/* The session is revoked elsewhere: the desk says "signed out" and stops
 * trying until someone logs in again. */
static void
test_signed_out (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DeskSyncLogin) login = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  fixture->client_a = logged_in (fixture, fixture->a, "alice", ALICE_PASSWORD);
  fixture->sched_a = new_scheduler (fixture->client_a, DESK_SYNC_PULL_INTERVAL_MS);
  desk_sync_scheduler_start (fixture->sched_a);
  wait_until (is_online, fixture->sched_a, "desk A is online");

  desk_sync_client_logout_async (fixture->client_a, NULL, desk_sync_store_result_cb, &result);
  desk_sync_wait (&result);
  g_assert_true (desk_sync_client_logout_finish (fixture->client_a, result, &error));
  g_assert_no_error (error);

  id = desk_test_add_arrestee (fixture->a, "Kwame Mensah");
  desk_sync_scheduler_sync_now (fixture->sched_a);
  wait_until (is_signed_out, fixture->sched_a, "desk A is signed out");
  g_assert_cmpuint (desk_sync_scheduler_get_retry_delay (fixture->sched_a), ==, 0);
  g_assert_nonnull (desk_sync_scheduler_get_last_error (fixture->sched_a));

  /* Logging in again resumes syncing by itself. */
  g_clear_object (&result);
  desk_sync_client_login_async (fixture->client_a, "alice", ALICE_PASSWORD, NULL, desk_sync_store_result_cb, &result);
  desk_sync_wait (&result);
  login = desk_sync_client_login_finish (fixture->client_a, result, &error);
  g_assert_no_error (error);
  wait_until (is_settled, fixture->sched_a, "desk A synced after logging in again");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  desk_sync_server_init_binaries (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/sync-scheduler/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("push-and-poke", test_push_and_poke);
  ADD ("offline-backoff-catch-up", test_offline_backoff_catch_up);
  ADD ("one-at-a-time", test_one_at_a_time);
  ADD ("first-pull-progress", test_first_pull_progress);
  ADD ("rejected-counted", test_rejected_counted);
  ADD ("signed-out", test_signed_out);
  ADD ("conflict-counted-and-resolved", test_conflict_counted_and_resolved);
#undef ADD

  return g_test_run ();
}
