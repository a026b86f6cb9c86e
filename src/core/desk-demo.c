#define G_LOG_DOMAIN "desk-demo"

#include "config.h"

#include <math.h>

#include "desk-demo.h"
#include "desk-demo-private.h"
#include "desk-uuid.h"

/* Changes are applied in batches: one transaction per batch keeps memory flat
 * at 100,000 arrestees while each batch is still all-or-nothing. */
#define CHUNK_SIZE 5000

static void
demo_clear (Demo *demo)
{
  for (guint i = 0; i < demo->n_stations; i++)
    {
      g_free (demo->stations[i].id);
      g_clear_pointer (&demo->stations[i].places, g_ptr_array_unref);
    }
  g_free (demo->stations);
  g_strfreev (demo->volunteer_ids);
  for (guint i = 0; i < G_N_ELEMENTS (demo->bovs); i++)
    g_free (demo->bovs[i]);
  g_clear_pointer (&demo->changes, g_ptr_array_unref);
  g_clear_pointer (&demo->rand, g_rand_free);
  g_free (demo->action_id);
}

static char *
iso_time (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

void
desk_demo_set (DeskChange *change,
               const char *field,
               const char *value)
{
  /* A new record has no value to clear: leave empty fields unset. */
  if (value != NULL && *value != '\0')
    desk_change_set (change, field, value);
}

void
desk_demo_set_time (DeskChange *change,
                    const char *field,
                    gint64      unix_time)
{
  g_autofree char *text = NULL;

  if (unix_time == 0)
    return;
  text = iso_time (unix_time);
  desk_change_set (change, field, text);
}

static DeskChange *
enqueue (Demo       *demo,
         DeskChange *change)
{
  /* The audit trail should say who made a record; with nobody signed in
   * (the command line), say it was generated. */
  if (demo->sign_as_demo)
    desk_change_set_origin (change, DESK_ORIGIN_LOCAL, "demo data");

  g_ptr_array_add (demo->changes, change);
  return change;
}

DeskChange *
desk_demo_queue (Demo       *demo,
                 const char *table)
{
  return enqueue (demo, desk_change_new_create (table, demo->action_id));
}

static gboolean
flush (Demo    *demo,
       GError **error)
{
  g_autoptr(GPtrArray) batch = NULL;

  if (demo->changes->len == 0)
    return TRUE;

  batch = g_steal_pointer (&demo->changes);
  demo->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_change_free);
  return desk_store_apply_all (demo->store, batch, error);
}

static gboolean
maybe_flush (Demo    *demo,
             GError **error)
{
  if (demo->changes->len < CHUNK_SIZE)
    return TRUE;
  return flush (demo, error);
}

static guint
count_stations (guint n_arrestees)
{
  guint n_available;
  guint n;

  desk_demo_names_stations (&n_available);
  /* 8 stations for a small action, 20 for a very large one. */
  if (n_arrestees <= 50)
    n = 8;
  else
    n = MIN (20, 8 + (guint) (3.0 * log2 (n_arrestees / 50.0)));
  n = MIN (n, n_available);
  return MIN (n, n_arrestees);
}

/* The action is its own action. */
static void
queue_action (Demo       *demo,
              const char *name,
              gint64      first_arrest,
              guint32     seed)
{
  DeskChange *action;
  g_autofree char *notes = NULL;

  demo->action_id = desk_uuid_new ();
  action = enqueue (demo, desk_change_new_create_with_id ("action", demo->action_id,
                                                          demo->action_id));
  desk_demo_set (action, "name", name);
  desk_demo_set_time (action, "starts_at", first_arrest - first_arrest % HOUR - HOUR);
  notes = g_strdup_printf ("Demonstration data (seed %u): not real people.", seed);
  desk_demo_set (action, "notes", notes);
}

char *
desk_demo_generate (DeskStore             *store,
                    const DeskDemoOptions *options,
                    GError               **error)
{
  Demo demo = { 0, };
  g_autofree Plan *plans = NULL;
  g_autofree char *author = NULL;
  const char *action_name = "Spring Rebellion";
  guint n_arrestees = 200;
  guint32 seed = 0;
  gint64 first_arrest;
  char *result = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  demo.now = g_get_real_time () / G_USEC_PER_SEC;
  if (options != NULL)
    {
      if (options->n_arrestees > 0)
        n_arrestees = options->n_arrestees;
      if (options->action_name != NULL && *options->action_name != '\0')
        action_name = options->action_name;
      if (options->now_unix != 0)
        demo.now = options->now_unix;
      seed = options->seed;
    }
  demo.now -= demo.now % MINUTE;

  demo.store = store;
  author = desk_store_dup_author (store);
  demo.sign_as_demo = author == NULL;
  demo.rand = g_rand_new_with_seed (seed);
  demo.changes = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_change_free);
  demo.n_stations = count_stations (n_arrestees);

  desk_demo_add_stations (&demo);
  for (guint i = 0; i < G_N_ELEMENTS (demo.bovs); i++)
    demo.bovs[i] = g_strdup (desk_demo_pick (&demo, DESK_DEMO_LIST_GIVEN_NAMES));

  plans = desk_demo_plan_arrestees (&demo, n_arrestees, &first_arrest);

  queue_action (&demo, action_name, first_arrest, seed);
  desk_demo_queue_stations (&demo);
  desk_demo_queue_volunteers_and_rota (&demo);

  for (guint i = 0; i < n_arrestees; i++)
    {
      desk_demo_add_arrestee (&demo, &plans[i]);
      if (!maybe_flush (&demo, error))
        goto out;
    }

  desk_demo_queue_observer_shifts (&demo, n_arrestees);
  desk_demo_queue_office_records (&demo);

  if (!flush (&demo, error))
    goto out;

  result = g_steal_pointer (&demo.action_id);

out:
  demo_clear (&demo);
  return result;
}
