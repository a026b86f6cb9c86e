#define G_LOG_DOMAIN "desk-demo-people"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "desk-demo-private.h"

/* Arrestees: when they were arrested, reached the station, were checked in
 * and released, and the records that say so. */

typedef struct
{
  double      below; /* the draw that picks this band, or an earlier one */
  int         youngest;
  guint       n_ages;
  const char *name;
} AgeBand;

typedef struct
{
  double      below; /* the draw that picks this outcome, or an earlier one */
  const char *name;
  gboolean    to_court;
} Outcome;

static const char *const status_names[] = {
  [STATUS_ARRESTED] = "arrested",
  [STATUS_IN_CUSTODY] = "in_custody",
  [STATUS_RELEASED] = "released",
  [STATUS_HELD_FOR_COURT] = "held_for_court",
};

static const AgeBand minor_band = { 0.0, 16, 2, "under 18" };

/* The last entry of each table takes whatever draw is left. */
static const AgeBand adult_bands[] = {
  { 0.30, 18, 8, "18-25" },
  { 0.65, 26, 15, "26-40" },
  { 0.90, 41, 20, "41-60" },
  { 1.00, 61, 22, "61+" },
};

static const Outcome released_outcomes[] = {
  { 0.35, "NFA", FALSE },
  { 0.65, "RUI", FALSE },
  { 0.75, "Bailed to return", FALSE },
  { 0.87, "Charged, bailed to court", TRUE },
  { 0.92, "Caution", FALSE },
  { 0.95, "Community resolution", FALSE },
  { 1.00, "Fixed penalty notice", FALSE },
};

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
      plan->arrest = desk_demo_between (demo, now - 30 * HOUR, now - 6 * HOUR);
    }
  else
    {
      plan->station = desk_demo_skewed (demo, demo->n_stations);
      plan->arrest = desk_demo_between (demo, now - 30 * HOUR, now - 15 * MINUTE);
    }

  plan->arrival = desk_demo_between (demo, plan->arrest + 30 * MINUTE, plan->arrest + 120 * MINUTE);
  plan->checkin = desk_demo_between (demo, plan->arrival + 10 * MINUTE, plan->arrival + 60 * MINUTE);
  plan->arrival_estimated = index >= demo->n_stations && desk_demo_chance (demo, 0.10);

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

  if (elapsed > 2 * HOUR && desk_demo_chance (demo, 0.35))
    {
      plan->status = STATUS_RELEASED;
      plan->release = desk_demo_between (demo, relevant + 2 * HOUR, relevant + MIN (elapsed, 22 * HOUR));
    }
  else if (elapsed > 22 * HOUR)
    {
      /* Near the 24 h limit nobody is simply "in custody" any more. */
      if (desk_demo_chance (demo, 0.75))
        {
          plan->status = STATUS_RELEASED;
          plan->release = desk_demo_between (demo, relevant + 20 * HOUR, relevant + MIN (elapsed, 24 * HOUR));
        }
      else
        plan->status = STATUS_HELD_FOR_COURT;
    }
  else if (elapsed > 4 * HOUR && desk_demo_chance (demo, 0.02))
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
make_date_of_birth (Demo        *demo,
                    gboolean     minor,
                    const char **age_band)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (demo->now);
  g_autoptr(GDateTime) born = NULL;
  double r = g_rand_double (demo->rand);
  guint i = 0;
  const AgeBand *band;
  int age;

  while (i + 1 < G_N_ELEMENTS (adult_bands) && r >= adult_bands[i].below)
    i++;
  band = minor ? &minor_band : &adult_bands[i];
  age = band->youngest + (int) desk_demo_uniform (demo, band->n_ages);
  *age_band = band->name;

  born = g_date_time_add_days (now, -(age * 365 + (int) desk_demo_uniform (demo, 365)));
  return g_date_time_format (born, "%Y-%m-%d");
}

static const Outcome *
released_outcome (Demo *demo)
{
  double r = g_rand_double (demo->rand);
  guint i = 0;

  while (i + 1 < G_N_ELEMENTS (released_outcomes) && r >= released_outcomes[i].below)
    i++;
  return &released_outcomes[i];
}

static void
add_online_report (Demo       *demo,
                   const Plan *plan,
                   const char *arrestee_id,
                   const char *legal_name,
                   const char *arrest_place)
{
  DeskChange *report = desk_demo_queue (demo, "online_report");
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

  desk_demo_set (report, "kind", "arrest");
  submitted_at = desk_demo_between (demo, plan->arrest + 10 * MINUTE, plan->arrest + HOUR);
  desk_demo_set_time (report, "submitted_at", MIN (submitted_at, demo->now - MINUTE));
  desk_demo_set (report, "payload", payload);
  desk_demo_set (report, "status", "matched");
  desk_demo_set (report, "arrestee_id", arrestee_id);
}

static void
set_outcome (Demo       *demo,
             DeskChange *change,
             const Plan *plan)
{
  const Outcome *outcome;

  switch (plan->status)
    {
    case STATUS_RELEASED:
      desk_demo_set_time (change, "release_time", plan->release);
      outcome = released_outcome (demo);
      desk_demo_set (change, "outcome", outcome->name);
      if (outcome->to_court)
        {
          desk_demo_set_time (change, "court_date",
                              next_court_morning (plan->release) + (14 + desk_demo_uniform (demo, 28)) * DAY);
          desk_demo_set (change, "court_place", desk_demo_pick (demo, DESK_DEMO_LIST_COURTS));
        }
      desk_demo_set (change, "supporter_met", desk_demo_chance (demo, 0.8) ? "yes" : "no");
      break;

    case STATUS_HELD_FOR_COURT:
      desk_demo_set (change, "outcome", "Charged, refused bail");
      desk_demo_set_time (change, "court_date", next_court_morning (demo->now));
      desk_demo_set (change, "court_place", desk_demo_pick (demo, DESK_DEMO_LIST_COURTS));
      break;

    case STATUS_ARRESTED:
    case STATUS_IN_CUSTODY:
    default:
      break;
    }
  desk_demo_set (change, "status", status_names[plan->status]);
}

static void
add_flag (GString    *flags,
          gboolean    on,
          const char *flag)
{
  if (!on)
    return;
  if (flags->len > 0)
    g_string_append_c (flags, ',');
  g_string_append (flags, flag);
}

Plan *
desk_demo_plan_arrestees (Demo   *demo,
                          guint   n_arrestees,
                          gint64 *first_arrest)
{
  Plan *plans = g_new0 (Plan, n_arrestees);

  *first_arrest = demo->now;
  for (guint i = 0; i < n_arrestees; i++)
    {
      Plan *plan = &plans[i];
      Station *station;
      gint64 relevant;

      plan_arrestee (demo, plan, i);
      *first_arrest = MIN (*first_arrest, plan->arrest);
      /* A station goes live when its first arrestee arrives (or is checked in). */
      station = &demo->stations[plan->station];
      relevant = plan->arrival != 0 ? plan->arrival : plan->checkin;
      if (relevant != 0 && (station->live_since == 0 || relevant < station->live_since))
        station->live_since = relevant;
    }
  return plans;
}

void
desk_demo_add_arrestee (Demo       *demo,
                        const Plan *plan)
{
  Station *station = &demo->stations[plan->station];
  DeskChange *change = desk_demo_queue (demo, "arrestee");
  g_autofree char *id = g_strdup (desk_change_get_id (change));
  g_autofree char *legal_name = desk_demo_make_name (demo);
  g_autofree char *given_name = g_strndup (legal_name, strcspn (legal_name, " "));
  g_autofree char *date_of_birth = NULL;
  g_autoptr(GString) flags = g_string_new (NULL);
  const char *const *offences;
  const char *age_band = NULL;
  const char *arrest_place;
  guint n_offences;
  gboolean minor = desk_demo_chance (demo, 0.02);
  gboolean welfare = desk_demo_chance (demo, 0.07);
  gboolean press = desk_demo_chance (demo, 0.02);

  desk_demo_set (change, "legal_name", legal_name);
  if (desk_demo_chance (demo, 0.12))
    desk_demo_set (change, "preferred_name",
                   desk_demo_chance (demo, 0.7) ? desk_demo_pick (demo, DESK_DEMO_LIST_NICKNAMES)
                                                : desk_demo_pick (demo, DESK_DEMO_LIST_GIVEN_NAMES));

  date_of_birth = make_date_of_birth (demo, minor, &age_band);
  /* Some arrestees give an age but not a date of birth. */
  if (minor || desk_demo_chance (demo, 0.9))
    desk_demo_set (change, "date_of_birth", date_of_birth);
  desk_demo_set (change, "age_band", age_band);

  if (desk_demo_chance (demo, 0.85))
    {
      g_autofree char *phone = desk_demo_make_phone (demo);
      desk_demo_set (change, "contact", phone);
    }
  if (minor || desk_demo_chance (demo, 0.6))
    {
      g_autofree char *name = desk_demo_make_name (demo);
      g_autofree char *phone = desk_demo_make_phone (demo);
      g_autofree char *text = g_strdup_printf ("%s (%s), %s", name,
                                               minor ? "mother" : desk_demo_pick (demo, DESK_DEMO_LIST_RELATIONS),
                                               phone);
      desk_demo_set (change, "emergency_contact", text);
    }
  desk_demo_set (change, "consent", desk_demo_chance (demo, 0.95) ? "yes" : "no");

  desk_demo_set_time (change, "arrest_time", plan->arrest);
  arrest_place = desk_demo_pick_place (demo, station);
  desk_demo_set (change, "arrest_place", arrest_place);
  offences = desk_demo_names_list (DESK_DEMO_LIST_OFFENCES, &n_offences);
  desk_demo_set (change, "alleged_offence", offences[desk_demo_skewed (demo, n_offences)]);
  if (desk_demo_chance (demo, 0.8))
    {
      const char *rank = desk_demo_chance (demo, 0.9) ? "PC" : "PS";
      g_autofree char *officer = g_strdup_printf ("%s %u", rank, 100 + desk_demo_uniform (demo, 9900));

      desk_demo_set (change, "arresting_officer", officer);
    }
  desk_demo_set (change, "station_id", station->id);

  if (plan->checkin != 0)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (plan->checkin);
      g_autofree char *custody_number = g_strdup_printf ("%s/%05u/%02d", station->info->code,
                                                         station->custody_serial++,
                                                         g_date_time_get_year (dt) % 100);
      desk_demo_set (change, "custody_number", custody_number);
      if (desk_demo_chance (demo, 0.7))
        desk_demo_set (change, "solicitor", desk_demo_pick (demo, DESK_DEMO_LIST_SOLICITORS));
    }
  desk_demo_set_time (change, "arrival_time", plan->arrival);
  desk_demo_set_time (change, "checkin_time", plan->checkin);
  desk_demo_set (change, "arrival_estimated", plan->arrival_estimated ? "1" : "0");

  if (minor)
    {
      g_autofree char *adult = desk_demo_make_name (demo);
      g_autofree char *text = g_strdup_printf ("%s (parent)", adult);
      desk_demo_set (change, "appropriate_adult", text);
    }
  if (welfare)
    desk_demo_set (change, "welfare", desk_demo_pick (demo, DESK_DEMO_LIST_WELFARE));

  set_outcome (demo, change, plan);

  add_flag (flags, welfare, "welfare");
  add_flag (flags, minor, "minor");
  add_flag (flags, press, "press");
  desk_demo_set (change, "flags", flags->str);

  if (desk_demo_chance (demo, 0.1))
    desk_demo_set (change, "notes", desk_demo_pick (demo, DESK_DEMO_LIST_ARRESTEE_NOTES));

  desk_demo_add_calls (demo, plan, id, given_name);
  if (desk_demo_chance (demo, 0.03))
    add_online_report (demo, plan, id, legal_name, arrest_place);
}
