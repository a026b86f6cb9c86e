#define G_LOG_DOMAIN "desk-demo-calls"

#include "config.h"

#include "desk-demo-private.h"

/* What the phones bring in: calls about each arrestee, the tasks some of
 * them leave the Back Office, and legal observers going on and off shift. */

static void
add_task (Demo       *demo,
          const char *call_id,
          gint64      call_time)
{
  DeskChange *task = desk_demo_queue (demo, "call_task");
  guint owner = desk_demo_uniform (demo, G_N_ELEMENTS (demo->bovs));
  gboolean done = call_time < demo->now - 2 * HOUR && desk_demo_chance (demo, 0.7);

  desk_demo_set (task, "call_id", call_id);
  desk_demo_set (task, "description", desk_demo_pick (demo, DESK_DEMO_LIST_TASKS));
  desk_demo_set (task, "owner", demo->bovs[owner]);
  desk_demo_set (task, "status", done ? "done" : "open");
  /* Shift changes hand tasks on: the audit trail names who passed it. */
  if (desk_demo_chance (demo, 0.2))
    desk_demo_set (task, "passed_from", demo->bovs[(owner + 1) % G_N_ELEMENTS (demo->bovs)]);
  desk_demo_set_time (task, "due_at", desk_demo_between (demo, call_time + 30 * MINUTE, call_time + 3 * HOUR));
}

/* A caller new to the desk has a name and a mobile drawn for them: pass
 * NULL for @caller_name or @caller_contact. */
static void
add_call (Demo         *demo,
          const char   *arrestee_id,
          gint64        call_time,
          const char   *direction,
          const char   *caller_type,
          const char   *caller_name,
          const char   *caller_contact,
          DeskDemoList  summaries)
{
  g_autofree char *drawn_name = caller_name == NULL ? desk_demo_make_name (demo) : NULL;
  g_autofree char *drawn_phone = caller_contact == NULL ? desk_demo_make_phone (demo) : NULL;
  DeskChange *call = desk_demo_queue (demo, "call");
  g_autofree char *id = g_strdup (desk_change_get_id (call));

  call_time = MIN (call_time, demo->now - MINUTE);
  desk_demo_set_time (call, "call_time", call_time);
  desk_demo_set (call, "direction", direction);
  desk_demo_set (call, "caller_type", caller_type);
  desk_demo_set (call, "caller_name", caller_name != NULL ? caller_name : drawn_name);
  desk_demo_set (call, "caller_contact", caller_contact != NULL ? caller_contact : drawn_phone);
  desk_demo_set (call, "arrestee_id", arrestee_id);
  desk_demo_set (call, "summary", desk_demo_pick (demo, summaries));

  if (desk_demo_chance (demo, 0.15))
    add_task (demo, id, call_time);
}

static void
add_family_call (Demo       *demo,
                 const Plan *plan,
                 const char *arrestee_id)
{
  gint64 call_time = desk_demo_between (demo, plan->arrest + 20 * MINUTE, demo->now);

  add_call (demo, arrestee_id, call_time, "in", "friend_family", NULL, NULL,
            DESK_DEMO_LIST_SUMMARIES_FAMILY);
}

/* The report of the arrest, from whoever saw it. */
static void
add_arrest_call (Demo       *demo,
                 const Plan *plan,
                 const char *arrestee_id,
                 const char *given_name)
{
  double who = g_rand_double (demo->rand);
  gint64 call_time = desk_demo_between (demo, plan->arrest + 5 * MINUTE, plan->arrest + 40 * MINUTE);
  DeskDemoList summaries = DESK_DEMO_LIST_SUMMARIES_ARREST_WITNESS;
  const char *type;

  if (who < 0.5)
    {
      type = "legal_observer";
      summaries = DESK_DEMO_LIST_SUMMARIES_ARREST;
    }
  else if (who < 0.7)
    {
      type = "arrestee";
      summaries = DESK_DEMO_LIST_SUMMARIES_ARREST_SELF;
    }
  else if (who < 0.9)
    type = "friend_family";
  else
    type = "other";
  add_call (demo, arrestee_id, call_time, "in", type,
            g_str_equal (type, "arrestee") ? given_name : NULL, NULL, summaries);
}

void
desk_demo_add_calls (Demo       *demo,
                     const Plan *plan,
                     const char *arrestee_id,
                     const char *given_name)
{
  const Station *station = &demo->stations[plan->station];
  double r = g_rand_double (demo->rand);
  guint n_calls = r < 0.4 ? 1 : r < 0.75 ? 2 : 3;

  add_arrest_call (demo, plan, arrestee_id, given_name);

  if (n_calls >= 2 && plan->checkin != 0)
    {
      gboolean outgoing = desk_demo_chance (demo, 0.4);
      gint64 call_time = desk_demo_between (demo, plan->checkin + 10 * MINUTE, plan->checkin + 2 * HOUR);
      g_autofree char *custody_line = g_strdup_printf ("%s custody", station->info->name);

      add_call (demo, arrestee_id, call_time, outgoing ? "out" : "in", "police",
                "Custody desk", custody_line, DESK_DEMO_LIST_SUMMARIES_CUSTODY);
    }
  else if (n_calls >= 2)
    add_family_call (demo, plan, arrestee_id);

  if (n_calls >= 3 && plan->release != 0)
    {
      gboolean from_pss = desk_demo_chance (demo, 0.6);
      gint64 call_time = desk_demo_between (demo, plan->release + 5 * MINUTE, plan->release + HOUR);

      add_call (demo, arrestee_id, call_time, "in", from_pss ? "pss" : "arrestee",
                from_pss ? NULL : given_name, NULL, DESK_DEMO_LIST_SUMMARIES_RELEASE);
    }
  else if (n_calls >= 3)
    add_family_call (demo, plan, arrestee_id);
}

/* On and off shift are separate log entries, as the guide asks. */
static DeskChange *
queue_shift_entry (Demo       *demo,
                   const char *name,
                   const char *phone,
                   const char *kind,
                   gint64      at_time,
                   const char *location)
{
  DeskChange *change = desk_demo_queue (demo, "observer_shift");

  desk_demo_set (change, "observer_name", name);
  desk_demo_set (change, "contact", phone);
  desk_demo_set (change, "kind", kind);
  desk_demo_set_time (change, "at_time", at_time);
  desk_demo_set (change, "location", location);
  return change;
}

void
desk_demo_queue_observer_shifts (Demo  *demo,
                                 guint  n_arrestees)
{
  guint n_observers = MAX (1, n_arrestees / 20);

  for (guint i = 0; i < n_observers; i++)
    {
      g_autofree char *name = desk_demo_make_name (demo);
      g_autofree char *phone = desk_demo_make_phone (demo);
      const char *location = desk_demo_pick_place (demo, &demo->stations[desk_demo_skewed (demo, demo->n_stations)]);
      gint64 on = desk_demo_between (demo, demo->now - 30 * HOUR, demo->now - 2 * HOUR);
      gint64 off = on + desk_demo_between (demo, 3 * HOUR, 8 * HOUR);
      DeskChange *change = queue_shift_entry (demo, name, phone, "on_shift", on, location);

      if (desk_demo_chance (demo, 0.3))
        {
          g_autofree char *bib = g_strdup_printf ("LO bib %u", 1 + desk_demo_uniform (demo, 60));
          desk_demo_set (change, "notes", bib);
        }

      if (off >= demo->now)
        continue; /* still out there */

      queue_shift_entry (demo, name, phone, "off_shift", off, location);
    }
}
