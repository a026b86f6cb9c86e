#define G_LOG_DOMAIN "desk-sync-labels"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-sync-labels.h"

static const struct
{
  const char *table;
  const char *label;
} table_labels[] = {
  { "action", N_("Mass action") },
  { "arrestee", N_("Arrestee") },
  { "call", N_("Call") },
  { "call_task", N_("Call task") },
  { "observer_shift", N_("Legal observer shift") },
  { "station", N_("Police station") },
  { "volunteer", N_("Volunteer") },
  { "rota_slot", N_("Rota slot") },
  { "rota_assignment", N_("Rota assignment") },
  { "expense", N_("Expense") },
  { "handover_note", N_("Handover note") },
  { "online_report", N_("Online report") },
  { "conflict", N_("Conflict") },
  { "user", N_("User") },
};

const char *
desk_sync_table_label (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (table_labels); i++)
    if (g_strcmp0 (table_labels[i].table, table) == 0)
      return _(table_labels[i].label);
  return table;
}

/* Field names are the schema's ("custody_number"): readable enough spelled out. */
char *
desk_sync_field_label (const char *field)
{
  char *label;

  g_return_val_if_fail (field != NULL, NULL);

  label = g_strdelimit (g_strdup (field), "_", ' ');
  label[0] = g_ascii_toupper (label[0]);
  return label;
}

static char *
format_local (GDateTime *utc)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    return g_date_time_format (local, "%H:%M");
  return g_date_time_format (local, "%e %b %H:%M");
}

char *
desk_sync_format_unix (gint64 unix_seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);

  return utc ? format_local (utc) : NULL;
}

char *
desk_sync_format_iso (const char *iso)
{
  g_autoptr(GDateTime) utc = NULL;

  if (iso == NULL)
    return NULL;
  utc = g_date_time_new_from_iso8601 (iso, NULL);
  return utc ? format_local (utc) : g_strdup (iso);
}
