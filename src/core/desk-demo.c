#define G_LOG_DOMAIN "desk-demo"

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "desk-demo.h"
#include "desk-uuid.h"
#include "desk-demo-names.h"

/* Changes are applied in batches: one transaction per batch keeps memory flat
 * at 100,000 arrestees while each batch is still all-or-nothing. */
#define CHUNK_SIZE 5000

#define MINUTE 60
#define HOUR   (60 * MINUTE)
#define DAY    (24 * HOUR)

typedef enum
{
  STATUS_ARRESTED,
  STATUS_IN_CUSTODY,
  STATUS_RELEASED,
  STATUS_HELD_FOR_COURT,
} Status;

/* The timeline of one arrestee, drawn before any record is written so that
 * stations can carry the time they went live. Zero means "not (yet) known". */
typedef struct
{
  guint    station;
  gint64   arrest;
  gint64   arrival;
  gint64   checkin;
  gint64   release;
  Status   status;
  gboolean arrival_estimated;
} Plan;

typedef struct
{
  const DeskDemoStation *info;
  char                  *id;
  gint64                 live_since;
  guint                  custody_serial;
  GPtrArray             *places; /* arrest places in the station's city */
} Station;

typedef struct
{
  DeskStore *store;
  GRand     *rand;
  GPtrArray *changes;
  char      *action_id;
  gint64     now;
  Station   *stations;
  guint      n_stations;
  char      *bovs[6];  /* the Back Office volunteers who own call tasks */
  char     **volunteer_ids;
  guint      n_volunteers;
  gboolean   sign_as_demo;
} Demo;

static const char *const status_names[] = {
  [STATUS_ARRESTED] = "arrested",
  [STATUS_IN_CUSTODY] = "in_custody",
  [STATUS_RELEASED] = "released",
  [STATUS_HELD_FOR_COURT] = "held_for_court",
};

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

static gboolean
chance (Demo   *demo,
        double  probability)
{
  return g_rand_double (demo->rand) < probability;
}

static guint
uniform (Demo  *demo,
         guint  n)
{
  g_assert (n > 0);
  return (guint) g_rand_int_range (demo->rand, 0, (gint32) n);
}

/* A time in [lo, hi), to the minute: logs are kept to the minute. */
static gint64
between (Demo   *demo,
         gint64  lo,
         gint64  hi)
{
  gint64 t;

  if (hi <= lo)
    return lo - lo % MINUTE;
  t = lo + (gint64) (g_rand_double (demo->rand) * (double) (hi - lo));
  return t - t % MINUTE;
}

/* Busy places get most of the arrests: index 0 is picked most often. */
static guint
skewed (Demo  *demo,
        guint  n)
{
  guint i = (guint) (n * pow (g_rand_double (demo->rand), 1.7));

  return MIN (i, n - 1);
}

static const char *
pick (Demo         *demo,
      DeskDemoList  list)
{
  guint n_items;
  const char *const *items = desk_demo_names_list (list, &n_items);

  return items[uniform (demo, n_items)];
}

static void
shuffle (Demo  *demo,
         guint *items,
         guint  n_items)
{
  for (guint i = n_items; i > 1; i--)
    {
      guint j = uniform (demo, i);
      guint tmp = items[i - 1];

      items[i - 1] = items[j];
      items[j] = tmp;
    }
}

/* A London action that spills over into a few other cities: most stations
 * are London's, a quarter elsewhere, and which ones depends on the seed.
 * London's come first, so the skewed pick sends them most arrestees. */
static void
add_stations (Demo *demo)
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
  shuffle (demo, london, n_london);
  shuffle (demo, elsewhere, n_elsewhere);
  want_elsewhere = MIN (demo->n_stations / 4, n_elsewhere);
  want_elsewhere = MAX (want_elsewhere, demo->n_stations - MIN (demo->n_stations, n_london));

  demo->stations = g_new0 (Station, demo->n_stations);
  for (guint i = 0; i < demo->n_stations; i++)
    {
      Station *station = &demo->stations[i];
      guint london_slots = demo->n_stations - want_elsewhere;

      station->info = &available[i < london_slots ? london[i] : elsewhere[i - london_slots]];
      station->custody_serial = 10000 + uniform (demo, 40000);
      station->places = g_ptr_array_new ();
      for (guint p = 0; p < n_places; p++)
        if (g_str_equal (places[p].city, station->info->city))
          g_ptr_array_add (station->places, (gpointer) places[p].place);
      g_assert (station->places->len > 0);
    }
}

static const char *
pick_place (Demo          *demo,
            const Station *station)
{
  return g_ptr_array_index (station->places, uniform (demo, station->places->len));
}

static char *
make_name (Demo *demo)
{
  const char *given = pick (demo, DESK_DEMO_LIST_GIVEN_NAMES);
  const char *family = pick (demo, DESK_DEMO_LIST_FAMILY_NAMES);

  if (chance (demo, 0.08))
    return g_strdup_printf ("%s %s %s", given,
                            pick (demo, DESK_DEMO_LIST_GIVEN_NAMES), family);
  if (chance (demo, 0.03))
    return g_strdup_printf ("%s %s-%s", given, family,
                            pick (demo, DESK_DEMO_LIST_FAMILY_NAMES));
  return g_strdup_printf ("%s %s", given, family);
}

/* Ofcom keeps 07700 900000–900999 for drama: never a real phone. */
static char *
make_phone (Demo *demo)
{
  return g_strdup_printf ("07700 900%03u", uniform (demo, 1000));
}

static char *
iso_time (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static void
set (DeskChange *change,
     const char *field,
     const char *value)
{
  /* A new record has no value to clear: leave empty fields unset. */
  if (value != NULL && *value != '\0')
    desk_change_set (change, field, value);
}

static void
set_time (DeskChange *change,
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
queue (Demo       *demo,
       const char *table)
{
  DeskChange *change = desk_change_new_create (table, demo->action_id);

  /* The audit trail should say who made a record; with nobody signed in
   * (the command line), say it was generated. */
  if (demo->sign_as_demo)
    desk_change_set_origin (change, DESK_ORIGIN_LOCAL, "demo data");

  g_ptr_array_add (demo->changes, change);
  return change;
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

static void
plan_arrestee (Demo  *demo,
               Plan  *plan,
               guint  index)
{
  gint64 now = demo->now;
  gint64 relevant;
  gint64 elapsed;

  /* The first arrest at each station is old enough to have arrived, so
   * every station in the demo has gone live. */
  if (index < demo->n_stations)
    {
      plan->station = index;
      plan->arrest = between (demo, now - 30 * HOUR, now - 6 * HOUR);
    }
  else
    {
      plan->station = skewed (demo, demo->n_stations);
      plan->arrest = between (demo, now - 30 * HOUR, now - 15 * MINUTE);
    }

  plan->arrival = between (demo, plan->arrest + 30 * MINUTE, plan->arrest + 120 * MINUTE);
  plan->checkin = between (demo, plan->arrival + 10 * MINUTE, plan->arrival + 60 * MINUTE);
  plan->arrival_estimated = index >= demo->n_stations && chance (demo, 0.10);

  if (plan->arrival > now ||
      (plan->arrival_estimated && plan->checkin > now))
    {
      /* Still in the van: nothing known at the station yet. */
      plan->status = STATUS_ARRESTED;
      plan->arrival = plan->checkin = 0;
      plan->arrival_estimated = FALSE;
      return;
    }

  if (plan->checkin > now)
    {
      plan->status = STATUS_IN_CUSTODY;
      plan->checkin = 0;
      return;
    }

  /* Arrival unknown: the custody clock runs from check-in, marked estimated. */
  if (plan->arrival_estimated)
    plan->arrival = 0;
  relevant = plan->arrival_estimated ? plan->checkin : plan->arrival;
  elapsed = now - relevant;

  if (elapsed > 2 * HOUR && chance (demo, 0.35))
    {
      plan->status = STATUS_RELEASED;
      plan->release = between (demo, relevant + 2 * HOUR, relevant + MIN (elapsed, 22 * HOUR));
    }
  else if (elapsed > 22 * HOUR)
    {
      /* Near the 24 h limit nobody is simply "in custody" any more. */
      if (chance (demo, 0.75))
        {
          plan->status = STATUS_RELEASED;
          plan->release = between (demo, relevant + 20 * HOUR, relevant + MIN (elapsed, 24 * HOUR));
        }
      else
        plan->status = STATUS_HELD_FOR_COURT;
    }
  else if (elapsed > 4 * HOUR && chance (demo, 0.02))
    plan->status = STATUS_HELD_FOR_COURT;
  else
    plan->status = STATUS_IN_CUSTODY;
}

/* The first 10:00 sitting at least two hours after @after. */
static gint64
next_court_morning (gint64 after)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (after);
  g_autoptr(GDateTime) morning = g_date_time_new_utc (g_date_time_get_year (dt),
                                                      g_date_time_get_month (dt),
                                                      g_date_time_get_day_of_month (dt),
                                                      10, 0, 0);
  gint64 t = g_date_time_to_unix (morning);

  return t < after + 2 * HOUR ? t + DAY : t;
}

static char *
make_date_of_birth (Demo       *demo,
                    gboolean    minor,
                    const char **age_band)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (demo->now);
  g_autoptr(GDateTime) born = NULL;
  double r = g_rand_double (demo->rand);
  int age;

  if (minor)
    {
      age = 16 + (int) uniform (demo, 2);
      *age_band = "under 18";
    }
  else if (r < 0.30)
    {
      age = 18 + (int) uniform (demo, 8);
      *age_band = "18-25";
    }
  else if (r < 0.65)
    {
      age = 26 + (int) uniform (demo, 15);
      *age_band = "26-40";
    }
  else if (r < 0.90)
    {
      age = 41 + (int) uniform (demo, 20);
      *age_band = "41-60";
    }
  else
    {
      age = 61 + (int) uniform (demo, 22);
      *age_band = "61+";
    }

  born = g_date_time_add_days (now, -(age * 365 + (int) uniform (demo, 365)));
  return g_date_time_format (born, "%Y-%m-%d");
}

static const char *
released_outcome (Demo     *demo,
                  gboolean *to_court)
{
  double r = g_rand_double (demo->rand);

  *to_court = FALSE;
  if (r < 0.35)
    return "NFA";
  if (r < 0.65)
    return "RUI";
  if (r < 0.75)
    return "Bailed to return";
  if (r < 0.87)
    {
      *to_court = TRUE;
      return "Charged, bailed to court";
    }
  if (r < 0.92)
    return "Caution";
  if (r < 0.95)
    return "Community resolution";
  return "Fixed penalty notice";
}

static void
add_task (Demo       *demo,
          const char *call_id,
          gint64      call_time)
{
  DeskChange *task = queue (demo, "call_task");
  guint owner = uniform (demo, G_N_ELEMENTS (demo->bovs));
  gboolean done = call_time < demo->now - 2 * HOUR && chance (demo, 0.7);

  set (task, "call_id", call_id);
  set (task, "description", pick (demo, DESK_DEMO_LIST_TASKS));
  set (task, "owner", demo->bovs[owner]);
  set (task, "status", done ? "done" : "open");
  /* Shift changes hand tasks on: the audit trail names who passed it. */
  if (chance (demo, 0.2))
    set (task, "passed_from", demo->bovs[(owner + 1) % G_N_ELEMENTS (demo->bovs)]);
  set_time (task, "due_at", between (demo, call_time + 30 * MINUTE, call_time + 3 * HOUR));
}

/* Every random draw happens in its own statement: C leaves the order of
 * evaluating arguments open, and the same seed must give the same data. */
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
  DeskChange *call = queue (demo, "call");
  g_autofree char *id = g_strdup (desk_change_get_id (call));

  call_time = MIN (call_time, demo->now - MINUTE);
  set_time (call, "call_time", call_time);
  set (call, "direction", direction);
  set (call, "caller_type", caller_type);
  set (call, "caller_name", caller_name);
  set (call, "caller_contact", caller_contact);
  set (call, "arrestee_id", arrestee_id);
  set (call, "summary", pick (demo, summaries));

  if (chance (demo, 0.15))
    add_task (demo, id, call_time);
}

static void
add_family_call (Demo       *demo,
                 const Plan *plan,
                 const char *arrestee_id)
{
  gint64 call_time = between (demo, plan->arrest + 20 * MINUTE, demo->now);
  g_autofree char *name = make_name (demo);
  g_autofree char *phone = make_phone (demo);

  add_call (demo, arrestee_id, call_time, "in", "friend_family", name, phone,
            DESK_DEMO_LIST_SUMMARIES_FAMILY);
}

static void
add_calls (Demo       *demo,
           const Plan *plan,
           const char *arrestee_id,
           const char *given_name)
{
  const Station *station = &demo->stations[plan->station];
  double r = g_rand_double (demo->rand);
  guint n_calls = r < 0.4 ? 1 : r < 0.75 ? 2 : 3;

  /* First the report of the arrest, from whoever saw it. */
  {
    double who = g_rand_double (demo->rand);
    gint64 call_time = between (demo, plan->arrest + 5 * MINUTE, plan->arrest + 40 * MINUTE);
    g_autofree char *name = NULL;
    g_autofree char *phone = NULL;
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
    name = g_str_equal (type, "arrestee") ? g_strdup (given_name) : make_name (demo);
    phone = make_phone (demo);
    add_call (demo, arrestee_id, call_time, "in", type, name, phone, summaries);
  }

  if (n_calls >= 2 && plan->checkin != 0)
    {
      gboolean outgoing = chance (demo, 0.4);
      gint64 call_time = between (demo, plan->checkin + 10 * MINUTE, plan->checkin + 2 * HOUR);
      g_autofree char *custody_line = g_strdup_printf ("%s custody", station->info->name);

      add_call (demo, arrestee_id, call_time, outgoing ? "out" : "in", "police",
                "Custody desk", custody_line, DESK_DEMO_LIST_SUMMARIES_CUSTODY);
    }
  else if (n_calls >= 2)
    add_family_call (demo, plan, arrestee_id);

  if (n_calls >= 3 && plan->release != 0)
    {
      gboolean from_pss = chance (demo, 0.6);
      gint64 call_time = between (demo, plan->release + 5 * MINUTE, plan->release + HOUR);
      g_autofree char *name = from_pss ? make_name (demo) : g_strdup (given_name);
      g_autofree char *phone = make_phone (demo);

      add_call (demo, arrestee_id, call_time, "in", from_pss ? "pss" : "arrestee",
                name, phone, DESK_DEMO_LIST_SUMMARIES_RELEASE);
    }
  else if (n_calls >= 3)
    add_family_call (demo, plan, arrestee_id);
}

static void
add_online_report (Demo       *demo,
                   const Plan *plan,
                   const char *arrestee_id,
                   const char *legal_name,
                   const char *arrest_place)
{
  DeskChange *report = queue (demo, "online_report");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *payload = NULL;
  gint64 submitted_at;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "legal_name");
  json_builder_add_string_value (builder, legal_name);
  json_builder_set_member_name (builder, "arrest_place");
  json_builder_add_string_value (builder, arrest_place);
  json_builder_set_member_name (builder, "station");
  json_builder_add_string_value (builder, demo->stations[plan->station].info->name);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  payload = json_generator_to_data (generator, NULL);

  set (report, "kind", "arrest");
  submitted_at = between (demo, plan->arrest + 10 * MINUTE, plan->arrest + HOUR);
  set_time (report, "submitted_at", MIN (submitted_at, demo->now - MINUTE));
  set (report, "payload", payload);
  set (report, "status", "matched");
  set (report, "arrestee_id", arrestee_id);
}

static void
add_arrestee (Demo       *demo,
              const Plan *plan)
{
  Station *station = &demo->stations[plan->station];
  DeskChange *change = queue (demo, "arrestee");
  g_autofree char *id = g_strdup (desk_change_get_id (change));
  g_autofree char *legal_name = make_name (demo);
  g_autofree char *given_name = g_strndup (legal_name, strcspn (legal_name, " "));
  g_autofree char *date_of_birth = NULL;
  g_autoptr(GString) flags = g_string_new (NULL);
  const char *const *offences;
  const char *age_band = NULL;
  const char *arrest_place;
  guint n_offences;
  gboolean minor = chance (demo, 0.02);
  gboolean welfare = chance (demo, 0.07);
  gboolean press = chance (demo, 0.02);

  set (change, "legal_name", legal_name);
  if (chance (demo, 0.12))
    set (change, "preferred_name",
         chance (demo, 0.7) ? pick (demo, DESK_DEMO_LIST_NICKNAMES)
                            : pick (demo, DESK_DEMO_LIST_GIVEN_NAMES));

  date_of_birth = make_date_of_birth (demo, minor, &age_band);
  /* Some arrestees give an age but not a date of birth. */
  if (minor || chance (demo, 0.9))
    set (change, "date_of_birth", date_of_birth);
  set (change, "age_band", age_band);

  if (chance (demo, 0.85))
    {
      g_autofree char *phone = make_phone (demo);
      set (change, "contact", phone);
    }
  if (minor || chance (demo, 0.6))
    {
      g_autofree char *name = make_name (demo);
      g_autofree char *phone = make_phone (demo);
      g_autofree char *text = g_strdup_printf ("%s (%s), %s", name,
                                               minor ? "mother" : pick (demo, DESK_DEMO_LIST_RELATIONS),
                                               phone);
      set (change, "emergency_contact", text);
    }
  set (change, "consent", chance (demo, 0.95) ? "yes" : "no");

  set_time (change, "arrest_time", plan->arrest);
  arrest_place = pick_place (demo, station);
  set (change, "arrest_place", arrest_place);
  offences = desk_demo_names_list (DESK_DEMO_LIST_OFFENCES, &n_offences);
  set (change, "alleged_offence", offences[skewed (demo, n_offences)]);
  if (chance (demo, 0.8))
    {
      const char *rank = chance (demo, 0.9) ? "PC" : "PS";
      g_autofree char *officer = g_strdup_printf ("%s %u", rank, 100 + uniform (demo, 9900));

      set (change, "arresting_officer", officer);
    }
  set (change, "station_id", station->id);

  if (plan->checkin != 0)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (plan->checkin);
      g_autofree char *custody_number = g_strdup_printf ("%s/%05u/%02d", station->info->code,
                                                         station->custody_serial++,
                                                         g_date_time_get_year (dt) % 100);
      set (change, "custody_number", custody_number);
      if (chance (demo, 0.7))
        set (change, "solicitor", pick (demo, DESK_DEMO_LIST_SOLICITORS));
    }
  set_time (change, "arrival_time", plan->arrival);
  set_time (change, "checkin_time", plan->checkin);
  set (change, "arrival_estimated", plan->arrival_estimated ? "1" : "0");

  if (minor)
    {
      g_autofree char *adult = make_name (demo);
      g_autofree char *text = g_strdup_printf ("%s (parent)", adult);
      set (change, "appropriate_adult", text);
    }
  if (welfare)
    set (change, "welfare", pick (demo, DESK_DEMO_LIST_WELFARE));

  switch (plan->status)
    {
    case STATUS_RELEASED:
      {
        gboolean to_court;

        set_time (change, "release_time", plan->release);
        set (change, "outcome", released_outcome (demo, &to_court));
        if (to_court)
          {
            set_time (change, "court_date",
                      next_court_morning (plan->release) + (14 + uniform (demo, 28)) * DAY);
            set (change, "court_place", pick (demo, DESK_DEMO_LIST_COURTS));
          }
        set (change, "supporter_met", chance (demo, 0.8) ? "yes" : "no");
      }
      break;

    case STATUS_HELD_FOR_COURT:
      set (change, "outcome", "Charged, refused bail");
      set_time (change, "court_date", next_court_morning (demo->now));
      set (change, "court_place", pick (demo, DESK_DEMO_LIST_COURTS));
      break;

    case STATUS_ARRESTED:
    case STATUS_IN_CUSTODY:
    default:
      break;
    }
  set (change, "status", status_names[plan->status]);

  if (welfare)
    g_string_append (flags, "welfare");
  if (minor)
    g_string_append (flags, flags->len > 0 ? ",minor" : "minor");
  if (press)
    g_string_append (flags, flags->len > 0 ? ",press" : "press");
  set (change, "flags", flags->str);

  if (chance (demo, 0.1))
    set (change, "notes", pick (demo, DESK_DEMO_LIST_ARRESTEE_NOTES));

  add_calls (demo, plan, id, given_name);
  if (chance (demo, 0.03))
    add_online_report (demo, plan, id, legal_name, arrest_place);
}


static void
queue_stations (Demo *demo)
{
  for (guint i = 0; i < demo->n_stations; i++)
    {
      Station *station = &demo->stations[i];
      DeskChange *change = queue (demo, "station");

      station->id = g_strdup (desk_change_get_id (change));
      set (change, "name", station->info->name);
      set (change, "address", station->info->address);
      set (change, "area", station->info->area);
      set_time (change, "live_since", station->live_since);
      if (chance (demo, 0.3))
        set (change, "notes", "Custody entrance at the back; wait across the road");
    }
}

typedef struct
{
  guint  station;
  guint  volunteer;
  gint64 starts_at;
} Assignment;

/* Six-hour PSS slots around now at every station: the one before (when the
 * station was live then), the current one and the next. Volunteers come from
 * one pool and each takes at most one slot, filled current slots first, so
 * the rota has the gaps a PSSC really faces: now mostly covered, the past
 * partly, the future barely. */
static void
queue_volunteers_and_rota (Demo *demo)
{
  guint n_volunteers = 2 * demo->n_stations;
  g_autofree gint64 *available_from = g_new0 (gint64, n_volunteers);
  g_autoptr(GArray) assignments = g_array_new (FALSE, FALSE, sizeof (Assignment));
  gint64 current = demo->now - demo->now % (6 * HOUR);
  const gint64 order[] = { current, current - 6 * HOUR, current + 6 * HOUR };
  guint next_volunteer = 0;

  for (guint pass = 0; pass < G_N_ELEMENTS (order); pass++)
    for (guint i = 0; i < demo->n_stations; i++)
      {
        gint64 start = order[pass];
        guint wanted;

        if (start + 6 * HOUR <= demo->stations[i].live_since)
          continue;
        if (start == current)
          wanted = chance (demo, 0.8) ? 2 : 1;
        else if (start < current)
          wanted = 1 + uniform (demo, 2);
        else
          wanted = uniform (demo, 2);

        for (guint a = 0; a < wanted && next_volunteer < n_volunteers; a++)
          {
            Assignment assignment = { i, next_volunteer++, start };

            available_from[assignment.volunteer] = start;
            g_array_append_val (assignments, assignment);
          }
      }

  demo->volunteer_ids = g_new0 (char *, n_volunteers + 1);
  for (guint v = 0; v < n_volunteers; v++)
    {
      DeskChange *change = queue (demo, "volunteer");
      g_autofree char *name = make_name (demo);
      g_autofree char *phone = make_phone (demo);
      /* Those not on the rota yet offer time later on. */
      gint64 from = available_from[v] != 0 ? available_from[v] - uniform (demo, 2) * HOUR
                                           : current + (6 + uniform (demo, 12)) * HOUR;

      demo->volunteer_ids[v] = g_strdup (desk_change_get_id (change));
      set (change, "name", name);
      set (change, "contact", phone);
      if (chance (demo, 0.4))
        set (change, "notes", pick (demo, DESK_DEMO_LIST_VOLUNTEER_NOTES));
      set_time (change, "available_from", from);
      set_time (change, "available_until", from + (6 + uniform (demo, 5)) * HOUR);
    }
  demo->n_volunteers = n_volunteers;

  for (guint i = 0; i < demo->n_stations; i++)
    {
      const Station *station = &demo->stations[i];

      for (gint64 start = current - 6 * HOUR; start <= current + 6 * HOUR; start += 6 * HOUR)
        {
          DeskChange *slot;
          g_autofree char *slot_id = NULL;

          if (start + 6 * HOUR <= station->live_since)
            continue;

          slot = queue (demo, "rota_slot");
          slot_id = g_strdup (desk_change_get_id (slot));
          set (slot, "station_id", station->id);
          set_time (slot, "starts_at", start);
          set_time (slot, "ends_at", start + 6 * HOUR);
          set (slot, "needed", "2");

          for (guint a = 0; a < assignments->len; a++)
            {
              const Assignment *assignment = &g_array_index (assignments, Assignment, a);
              DeskChange *change;

              if (assignment->station != i || assignment->starts_at != start)
                continue;
              change = queue (demo, "rota_assignment");
              set (change, "slot_id", slot_id);
              set (change, "volunteer_id", demo->volunteer_ids[assignment->volunteer]);
              if (chance (demo, 0.2))
                set (change, "notes", "Confirmed by phone");
            }
        }
    }
}

static void
queue_observer_shifts (Demo  *demo,
                       guint  n_arrestees)
{
  guint n_observers = MAX (1, n_arrestees / 20);

  for (guint i = 0; i < n_observers; i++)
    {
      g_autofree char *name = make_name (demo);
      g_autofree char *phone = make_phone (demo);
      const char *location = pick_place (demo, &demo->stations[skewed (demo, demo->n_stations)]);
      gint64 on = between (demo, demo->now - 30 * HOUR, demo->now - 2 * HOUR);
      gint64 off = on + between (demo, 3 * HOUR, 8 * HOUR);
      DeskChange *change;

      /* On and off shift are separate log entries, as the guide asks. */
      change = queue (demo, "observer_shift");
      set (change, "observer_name", name);
      set (change, "contact", phone);
      set (change, "kind", "on_shift");
      set_time (change, "at_time", on);
      set (change, "location", location);
      if (chance (demo, 0.3))
        {
          g_autofree char *bib = g_strdup_printf ("LO bib %u", 1 + uniform (demo, 60));
          set (change, "notes", bib);
        }

      if (off >= demo->now)
        continue; /* still out there */

      change = queue (demo, "observer_shift");
      set (change, "observer_name", name);
      set (change, "contact", phone);
      set (change, "kind", "off_shift");
      set_time (change, "at_time", off);
      set (change, "location", location);
    }
}

static void
queue_office_records (Demo *demo)
{
  DeskChange *change;
  g_autofree char *body = NULL;
  const Station *busiest = &demo->stations[0];

  body = g_strdup_printf ("%s is the busiest station; keep two PSS there through the night. "
                          "Chase custody for anyone past 20 hours.",
                          busiest->info->name);
  change = queue (demo, "handover_note");
  set (change, "body", body);
  set (change, "for_role", "bov");

  change = queue (demo, "handover_note");
  set (change, "body", "Rota for tomorrow morning still has gaps; check the volunteer sheet.");
  set (change, "for_role", "pssc");

  for (guint i = 0; i < demo->n_stations; i += 3)
    {
      guint pounds = 5 + uniform (demo, 40);
      guint pence = uniform (demo, 100);
      g_autofree char *amount = g_strdup_printf ("%u.%02u", pounds, pence);
      g_autofree char *description = g_strdup_printf ("Taxi home for a release at %s",
                                                      demo->stations[i].info->name);

      change = queue (demo, "expense");
      set (change, "volunteer_id", demo->volunteer_ids[i % demo->n_volunteers]);
      set (change, "amount", amount);
      set (change, "description", description);
      set (change, "status", chance (demo, 0.5) ? "paid" : "submitted");
    }
}

char *
desk_demo_generate (DeskStore             *store,
                    const DeskDemoOptions *options,
                    GError               **error)
{
  Demo demo = { 0, };
  g_autofree Plan *plans = NULL;
  g_autofree char *notes = NULL;
  const char *action_name = "Spring Rebellion";
  guint n_arrestees = 200;
  guint32 seed = 0;
  gint64 first_arrest;
  DeskChange *action;
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
  demo.sign_as_demo = desk_store_get_author (store) == NULL;
  demo.rand = g_rand_new_with_seed (seed);
  demo.changes = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_change_free);
  demo.n_stations = count_stations (n_arrestees);

  add_stations (&demo);
  for (guint i = 0; i < G_N_ELEMENTS (demo.bovs); i++)
    demo.bovs[i] = g_strdup (pick (&demo, DESK_DEMO_LIST_GIVEN_NAMES));

  plans = g_new0 (Plan, n_arrestees);
  first_arrest = demo.now;
  for (guint i = 0; i < n_arrestees; i++)
    {
      Plan *plan = &plans[i];
      Station *station;
      gint64 relevant;

      plan_arrestee (&demo, plan, i);
      first_arrest = MIN (first_arrest, plan->arrest);
      station = &demo.stations[plan->station];
      relevant = plan->arrival != 0 ? plan->arrival : plan->checkin;
      if (relevant != 0 && (station->live_since == 0 || relevant < station->live_since))
        station->live_since = relevant;
    }

  /* The action is its own action. */
  demo.action_id = desk_uuid_new ();
  action = desk_change_new_create_with_id ("action", demo.action_id, demo.action_id);
  if (demo.sign_as_demo)
    desk_change_set_origin (action, DESK_ORIGIN_LOCAL, "demo data");
  g_ptr_array_add (demo.changes, action);
  set (action, "name", action_name);
  set_time (action, "starts_at", first_arrest - first_arrest % HOUR - HOUR);
  notes = g_strdup_printf ("Demonstration data (seed %u): not real people.", seed);
  set (action, "notes", notes);

  queue_stations (&demo);
  queue_volunteers_and_rota (&demo);

  for (guint i = 0; i < n_arrestees; i++)
    {
      add_arrestee (&demo, &plans[i]);
      if (!maybe_flush (&demo, error))
        goto out;
    }

  queue_observer_shifts (&demo, n_arrestees);
  queue_office_records (&demo);

  if (!flush (&demo, error))
    goto out;

  result = g_steal_pointer (&demo.action_id);

out:
  demo_clear (&demo);
  return result;
}
