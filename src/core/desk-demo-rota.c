#define G_LOG_DOMAIN "desk-demo-rota"

#include "config.h"

#include "desk-demo-private.h"

/* The office side of an action: the stations, the volunteers who support
 * people released from them, the rota that places those volunteers, and the
 * notes and expenses the office keeps. */

/* PSS work six-hour slots. */
#define SLOT_LENGTH (6 * HOUR)

typedef struct
{
  guint  station;
  guint  volunteer;
  gint64 starts_at;
} Assignment;

/* A slot that ended before the station went live is not on its rota. */
static gboolean
slot_is_on_rota (const Station *station,
                 gint64         starts_at)
{
  return starts_at + SLOT_LENGTH > station->live_since;
}

/* Volunteers come from one pool and each takes at most one slot, filled
 * current slots first. */
static GArray *
assign_volunteers (Demo   *demo,
                   gint64  current,
                   gint64 *available_from)
{
  GArray *assignments = g_array_new (FALSE, FALSE, sizeof (Assignment));
  const gint64 order[] = { current, current - SLOT_LENGTH, current + SLOT_LENGTH };
  guint next_volunteer = 0;

  for (guint pass = 0; pass < G_N_ELEMENTS (order); pass++)
    for (guint i = 0; i < demo->n_stations; i++)
      {
        gint64 start = order[pass];
        guint wanted;

        if (!slot_is_on_rota (&demo->stations[i], start))
          continue;
        if (start == current)
          wanted = desk_demo_chance (demo, 0.8) ? 2 : 1;
        else if (start < current)
          wanted = 1 + desk_demo_uniform (demo, 2);
        else
          wanted = desk_demo_uniform (demo, 2);

        for (guint a = 0; a < wanted && next_volunteer < demo->n_volunteers; a++)
          {
            Assignment assignment = { i, next_volunteer++, start };

            available_from[assignment.volunteer] = start;
            g_array_append_val (assignments, assignment);
          }
      }
  return assignments;
}

static void
queue_volunteers (Demo         *demo,
                  gint64        current,
                  const gint64 *available_from)
{
  demo->volunteer_ids = g_new0 (char *, demo->n_volunteers + 1);
  for (guint v = 0; v < demo->n_volunteers; v++)
    {
      DeskChange *change = desk_demo_queue (demo, "volunteer");
      g_autofree char *name = desk_demo_make_name (demo);
      g_autofree char *phone = desk_demo_make_phone (demo);
      /* Those not on the rota yet offer time later on. */
      gint64 from = available_from[v] != 0 ? available_from[v] - desk_demo_uniform (demo, 2) * HOUR
                                           : current + (6 + desk_demo_uniform (demo, 12)) * HOUR;

      demo->volunteer_ids[v] = g_strdup (desk_change_get_id (change));
      desk_demo_set (change, "name", name);
      desk_demo_set (change, "contact", phone);
      if (desk_demo_chance (demo, 0.4))
        desk_demo_set (change, "notes", desk_demo_pick (demo, DESK_DEMO_LIST_VOLUNTEER_NOTES));
      desk_demo_set_time (change, "available_from", from);
      desk_demo_set_time (change, "available_until", from + (6 + desk_demo_uniform (demo, 5)) * HOUR);
    }
}

static void
queue_rota_slot (Demo         *demo,
                 guint         station_index,
                 gint64        start,
                 const GArray *assignments)
{
  DeskChange *slot = desk_demo_queue (demo, "rota_slot");
  g_autofree char *slot_id = g_strdup (desk_change_get_id (slot));

  desk_demo_set (slot, "station_id", demo->stations[station_index].id);
  desk_demo_set_time (slot, "starts_at", start);
  desk_demo_set_time (slot, "ends_at", start + SLOT_LENGTH);
  desk_demo_set (slot, "needed", "2");

  for (guint a = 0; a < assignments->len; a++)
    {
      const Assignment *assignment = &g_array_index (assignments, Assignment, a);
      DeskChange *change;

      if (assignment->station != station_index || assignment->starts_at != start)
        continue;
      change = desk_demo_queue (demo, "rota_assignment");
      desk_demo_set (change, "slot_id", slot_id);
      desk_demo_set (change, "volunteer_id", demo->volunteer_ids[assignment->volunteer]);
      if (desk_demo_chance (demo, 0.2))
        desk_demo_set (change, "notes", "Confirmed by phone");
    }
}

/* A London action that spills over into a few other cities: most stations
 * are London's, a quarter elsewhere, and which ones depends on the seed.
 * London's come first, so the skewed pick sends them most arrestees. */
void
desk_demo_add_stations (Demo *demo)
{
  guint n_available;
  guint n_places;
  const DeskDemoStation *available = desk_demo_names_stations (&n_available);
  const DeskDemoPlace *places = desk_demo_names_places (&n_places);
  g_autofree guint *london = g_new (guint, n_available);
  g_autofree guint *elsewhere = g_new (guint, n_available);
  guint n_london = 0;
  guint n_elsewhere = 0;
  guint want_elsewhere;

  for (guint i = 0; i < n_available; i++)
    {
      if (g_str_equal (available[i].city, "London"))
        london[n_london++] = i;
      else
        elsewhere[n_elsewhere++] = i;
    }
  desk_demo_shuffle (demo, london, n_london);
  desk_demo_shuffle (demo, elsewhere, n_elsewhere);
  want_elsewhere = MIN (demo->n_stations / 4, n_elsewhere);
  want_elsewhere = MAX (want_elsewhere, demo->n_stations - MIN (demo->n_stations, n_london));

  demo->stations = g_new0 (Station, demo->n_stations);
  for (guint i = 0; i < demo->n_stations; i++)
    {
      Station *station = &demo->stations[i];
      guint london_slots = demo->n_stations - want_elsewhere;

      station->info = &available[i < london_slots ? london[i] : elsewhere[i - london_slots]];
      station->custody_serial = 10000 + desk_demo_uniform (demo, 40000);
      station->places = g_ptr_array_new ();
      for (guint p = 0; p < n_places; p++)
        if (g_str_equal (places[p].city, station->info->city))
          g_ptr_array_add (station->places, (gpointer) places[p].place);
      g_assert (station->places->len > 0);
    }
}

void
desk_demo_queue_stations (Demo *demo)
{
  for (guint i = 0; i < demo->n_stations; i++)
    {
      Station *station = &demo->stations[i];
      DeskChange *change = desk_demo_queue (demo, "station");

      station->id = g_strdup (desk_change_get_id (change));
      desk_demo_set (change, "name", station->info->name);
      desk_demo_set (change, "address", station->info->address);
      desk_demo_set (change, "area", station->info->area);
      desk_demo_set_time (change, "live_since", station->live_since);
      if (desk_demo_chance (demo, 0.3))
        desk_demo_set (change, "notes", "Custody entrance at the back; wait across the road");
    }
}

/* PSS slots around now at every station: the one before (when the station
 * was live then), the current one and the next. The rota has the gaps a
 * PSSC really faces: now mostly covered, the past partly, the future barely. */
void
desk_demo_queue_volunteers_and_rota (Demo *demo)
{
  gint64 current = demo->now - demo->now % SLOT_LENGTH;
  g_autofree gint64 *available_from = NULL;
  g_autoptr(GArray) assignments = NULL;

  demo->n_volunteers = 2 * demo->n_stations;
  available_from = g_new0 (gint64, demo->n_volunteers);
  assignments = assign_volunteers (demo, current, available_from);
  queue_volunteers (demo, current, available_from);

  for (guint i = 0; i < demo->n_stations; i++)
    for (gint64 start = current - SLOT_LENGTH; start <= current + SLOT_LENGTH; start += SLOT_LENGTH)
      if (slot_is_on_rota (&demo->stations[i], start))
        queue_rota_slot (demo, i, start, assignments);
}

void
desk_demo_queue_office_records (Demo *demo)
{
  DeskChange *change;
  g_autofree char *body = NULL;
  const Station *busiest = &demo->stations[0];

  body = g_strdup_printf ("%s is the busiest station; keep two PSS there through the night. "
                          "Chase custody for anyone past 20 hours.",
                          busiest->info->name);
  change = desk_demo_queue (demo, "handover_note");
  desk_demo_set (change, "body", body);
  desk_demo_set (change, "for_role", "bov");

  change = desk_demo_queue (demo, "handover_note");
  desk_demo_set (change, "body", "Rota for tomorrow morning still has gaps; check the volunteer sheet.");
  desk_demo_set (change, "for_role", "pssc");

  for (guint i = 0; i < demo->n_stations; i += 3)
    {
      guint pounds = 5 + desk_demo_uniform (demo, 40);
      guint pence = desk_demo_uniform (demo, 100);
      g_autofree char *amount = g_strdup_printf ("%u.%02u", pounds, pence);
      g_autofree char *description = g_strdup_printf ("Taxi home for a release at %s",
                                                      demo->stations[i].info->name);

      change = desk_demo_queue (demo, "expense");
      desk_demo_set (change, "volunteer_id", demo->volunteer_ids[i % demo->n_volunteers]);
      desk_demo_set (change, "amount", amount);
      desk_demo_set (change, "description", description);
      desk_demo_set (change, "status", desk_demo_chance (demo, 0.5) ? "paid" : "submitted");
    }
}
