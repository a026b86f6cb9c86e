#define G_LOG_DOMAIN "desk-arrestee-fields"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-arrestee-fields.h"

/* Status and outcome values are stored as these words; demo and imported
 * records may hold other outcomes, which the editor shows as they are. */
static const DeskArresteeChoice status_choices[] = {
  { "arrested", N_("Arrested") },
  { "in_custody", N_("In custody") },
  { "released", N_("Released") },
  { "held_for_court", N_("Held for court") },
  { NULL, NULL }
};

static const DeskArresteeChoice age_band_choices[] = {
  { "", N_("Not known") },
  { DESK_ARRESTEE_MINOR_BAND, N_("Under 18") },
  { "18-25", N_("18–25") },
  { "26-40", N_("26–40") },
  { "41-60", N_("41–60") },
  { "61+", N_("61 or over") },
  { NULL, NULL }
};

static const DeskArresteeChoice consent_choices[] = {
  { "", N_("Not asked") },
  { "yes", N_("Given") },
  { "no", N_("Refused") },
  { NULL, NULL }
};

static const DeskArresteeChoice outcome_choices[] = {
  { "", N_("Not released yet") },
  { "NFA", N_("No further action") },
  { "RUI", N_("Released under investigation") },
  { "bail", N_("Bail with conditions") },
  { "charged", N_("Charged") },
  { "held_for_court", N_("Held for court") },
  { NULL, NULL }
};

static const DeskArresteeChoice supporter_choices[] = {
  { "", N_("Not known") },
  { "yes", N_("Met by a supporter") },
  { "no", N_("Not met") },
  { NULL, NULL }
};

#define ROW(f, g, w, t, s, c, fl) { f, DESK_ARRESTEE_GROUP_##g, DESK_ARRESTEE_WIDGET_##w, t, s, c, fl }

static const DeskArresteeFieldSpec fields[] = {
  ROW ("status", STATUS, CHOICE, N_("Status"), NULL, status_choices, NULL),

  ROW ("legal_name", IDENTITY, ENTRY, N_("Legal name"), NULL, NULL, NULL),
  ROW ("preferred_name", IDENTITY, ENTRY, N_("Preferred name"), NULL, NULL, NULL),
  ROW ("date_of_birth", IDENTITY, ENTRY, N_("Date of birth"), NULL, NULL, NULL),
  ROW ("age_band", IDENTITY, CHOICE, N_("Age"), N_("When the date of birth is not known"), age_band_choices, NULL),
  ROW ("contact", IDENTITY, ENTRY, N_("Contact"), NULL, NULL, NULL),
  ROW ("emergency_contact", IDENTITY, ENTRY, N_("Emergency contact"), NULL, NULL, NULL),
  ROW ("consent", IDENTITY, CHOICE, N_("Consent to keep their details"), NULL, consent_choices, NULL),

  ROW ("arrest_time", ARREST, TIME, N_("Arrested at"), NULL, NULL, NULL),
  ROW ("arrest_place", ARREST, ENTRY, N_("Place of arrest"), NULL, NULL, NULL),
  ROW ("alleged_offence", ARREST, ENTRY, N_("Alleged offence"), NULL, NULL, NULL),
  ROW ("arresting_officer", ARREST, ENTRY, N_("Arresting officer’s number"), NULL, NULL, NULL),

  ROW ("station_id", CUSTODY, STATION, N_("Police station"), NULL, NULL, NULL),
  ROW ("custody_number", CUSTODY, ENTRY, N_("Custody number"), NULL, NULL, NULL),
  ROW ("arrival_time", CUSTODY, TIME, N_("Arrived at the station"), NULL, NULL, NULL),
  ROW ("checkin_time", CUSTODY, TIME, N_("Checked in"), NULL, NULL, NULL),
  ROW ("arrival_estimated", CUSTODY, SWITCH, N_("Arrival time is a guess"),
       N_("Leave the arrival empty when not known at all: the clock then runs from check-in"), NULL, NULL),
  ROW ("solicitor", CUSTODY, SOLICITOR, N_("Solicitor"), NULL, NULL, NULL),
  ROW ("flags", CUSTODY, FLAG, N_("Vulnerable adult"), N_("Needs an appropriate adult"), NULL, "vulnerable"),
  ROW ("appropriate_adult", CUSTODY, ENTRY, N_("Appropriate adult"), NULL, NULL, NULL),
  ROW ("extension_until", CUSTODY, TIME, N_("Extension until"), NULL, NULL, NULL),
  ROW ("warrant_until", CUSTODY, TIME, N_("Warrant of further detention until"), NULL, NULL, NULL),

  ROW ("medication", WELFARE, ENTRY, N_("Medication"), NULL, NULL, NULL),
  ROW ("disability", WELFARE, ENTRY, N_("Disability"), NULL, NULL, NULL),
  ROW ("diet", WELFARE, ENTRY, N_("Diet"), NULL, NULL, NULL),
  ROW ("distress", WELFARE, ENTRY, N_("Distress"), NULL, NULL, NULL),
  ROW ("welfare", WELFARE, ENTRY, N_("Other welfare notes"), NULL, NULL, NULL),

  ROW ("release_time", RELEASE, TIME, N_("Released at"), NULL, NULL, NULL),
  ROW ("outcome", RELEASE, CHOICE, N_("Outcome"), NULL, outcome_choices, NULL),
  ROW ("bail_conditions", RELEASE, ENTRY, N_("Bail conditions"), NULL, NULL, NULL),
  ROW ("court_date", RELEASE, TIME, N_("Court date"), NULL, NULL, NULL),
  ROW ("court_place", RELEASE, ENTRY, N_("Court"), NULL, NULL, NULL),

  ROW ("supporter_met", SUPPORT, CHOICE, N_("Police station supporter"), NULL, supporter_choices, NULL),
  ROW ("flags", SUPPORT, FLAG, N_("Press-sensitive"), N_("Say nothing to callers about this arrest"), NULL, "press"),

  ROW ("notes", NOTES, TEXT, N_("Notes"), NULL, NULL, NULL),
};

#undef ROW

const DeskArresteeFieldSpec *
desk_arrestee_fields (guint *n_fields)
{
  *n_fields = G_N_ELEMENTS (fields);
  return fields;
}

const char *
desk_arrestee_field_title (const char *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  if (strcmp (field, "flags") == 0)
    return _("Flags");
  if (strcmp (field, "merged_into") == 0)
    return _("Merged");
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (strcmp (fields[i].field, field) == 0)
      return _(fields[i].title);
  return field;
}

const char *
desk_arrestee_value_label (const char *field,
                           const char *value)
{
  g_return_val_if_fail (field != NULL, NULL);

  if (value == NULL)
    value = "";
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (strcmp (fields[i].field, field) == 0 && fields[i].choices != NULL)
      for (const DeskArresteeChoice *c = fields[i].choices; c->value != NULL; c++)
        if (strcmp (c->value, value) == 0)
          return _(c->label);
  return value;
}

gboolean
desk_arrestee_has_flag (const char *flags,
                        const char *word)
{
  g_auto(GStrv) words = NULL;

  if (flags == NULL || word == NULL)
    return FALSE;
  words = g_strsplit (flags, ",", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (strcmp (g_strstrip (words[i]), word) == 0)
      return TRUE;
  return FALSE;
}
