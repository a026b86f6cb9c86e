#define G_LOG_DOMAIN "desk-schema"

#include "config.h"

#include <string.h>

#include "desk-schema.h"

#define TEXT(n)      { n, DESK_FIELD_TEXT, FALSE }
#define SECRET(n)    { n, DESK_FIELD_TEXT, TRUE }
#define TIME(n)      { n, DESK_FIELD_TIME, FALSE }
#define INTEGER(n)   { n, DESK_FIELD_INTEGER, FALSE }
#define REF(n)       { n, DESK_FIELD_REFERENCE, FALSE }
#define END          { NULL, DESK_FIELD_TEXT, FALSE }

static const DeskField action_fields[] = {
  TEXT ("name"), TIME ("starts_at"), TIME ("ends_at"), TEXT ("notes"), END
};

static const DeskField arrestee_fields[] = {
  TEXT ("legal_name"), TEXT ("preferred_name"), TEXT ("date_of_birth"), TEXT ("age_band"),
  TEXT ("contact"), TEXT ("emergency_contact"), TEXT ("consent"),
  TIME ("arrest_time"), TEXT ("arrest_place"), SECRET ("alleged_offence"),
  TEXT ("arresting_officer"), REF ("station_id"), TEXT ("custody_number"),
  TIME ("arrival_time"), TIME ("checkin_time"), INTEGER ("arrival_estimated"),
  TEXT ("solicitor"), TEXT ("appropriate_adult"), SECRET ("welfare"),
  TIME ("release_time"), TEXT ("outcome"), TIME ("court_date"), TEXT ("court_place"),
  TEXT ("supporter_met"), TEXT ("status"), TEXT ("flags"), SECRET ("notes"),
  REF ("merged_into"),
  /* Schema 3: the custody clock's extension and warrant, welfare in its
   * parts (health is withheld from PSSCs), bail conditions. */
  TIME ("extension_until"), TIME ("warrant_until"),
  SECRET ("medication"), SECRET ("disability"), SECRET ("diet"), SECRET ("distress"),
  SECRET ("bail_conditions"), END
};

static const DeskField call_fields[] = {
  TIME ("call_time"), TEXT ("direction"), TEXT ("caller_type"), TEXT ("caller_name"),
  TEXT ("caller_contact"), REF ("arrestee_id"), TEXT ("summary"), TEXT ("notes"), END
};

static const DeskField call_task_fields[] = {
  REF ("call_id"), TEXT ("description"), TEXT ("owner"), TEXT ("status"),
  TEXT ("passed_from"), TIME ("due_at"), END
};

static const DeskField observer_shift_fields[] = {
  TEXT ("observer_name"), TEXT ("contact"), TEXT ("kind"), TIME ("at_time"),
  TEXT ("location"), TEXT ("notes"), END
};

static const DeskField station_fields[] = {
  TEXT ("name"), TEXT ("address"), TEXT ("area"), TIME ("live_since"), TEXT ("notes"), END
};

static const DeskField volunteer_fields[] = {
  TEXT ("name"), TEXT ("contact"), TEXT ("notes"), TIME ("available_from"),
  TIME ("available_until"), END
};

static const DeskField rota_slot_fields[] = {
  REF ("station_id"), TIME ("starts_at"), TIME ("ends_at"), INTEGER ("needed"), END
};

static const DeskField rota_assignment_fields[] = {
  REF ("slot_id"), REF ("volunteer_id"), TEXT ("notes"), END
};

static const DeskField expense_fields[] = {
  REF ("volunteer_id"), TEXT ("amount"), TEXT ("description"), TEXT ("status"), END
};

static const DeskField handover_note_fields[] = {
  TEXT ("body"), TEXT ("for_role"), END
};

static const DeskField online_report_fields[] = {
  TEXT ("kind"), TIME ("submitted_at"), SECRET ("payload"), TEXT ("status"),
  REF ("arrestee_id"), END
};

static const DeskField conflict_fields[] = {
  TEXT ("table_name"), REF ("record_id"), TEXT ("field"), TEXT ("kept_value"),
  TEXT ("other_value"), TEXT ("other_hlc"), TEXT ("other_author"), TEXT ("resolved"), END
};

static const DeskField user_fields[] = {
  TEXT ("username"), TEXT ("display_name"), TEXT ("role"), TEXT ("disabled"), END
};

static const DeskRecordType types[] = {
  { "action", action_fields, "name" },
  { "arrestee", arrestee_fields, "legal_name" },
  { "call", call_fields, "summary" },
  { "call_task", call_task_fields, "description" },
  { "observer_shift", observer_shift_fields, "observer_name" },
  { "station", station_fields, "name" },
  { "volunteer", volunteer_fields, "name" },
  { "rota_slot", rota_slot_fields, "starts_at" },
  { "rota_assignment", rota_assignment_fields, "volunteer_id" },
  { "expense", expense_fields, "description" },
  { "handover_note", handover_note_fields, "body" },
  { "online_report", online_report_fields, "kind" },
  { "conflict", conflict_fields, "field" },
  { "user", user_fields, "username" },
};

static const DeskRecordType *type_list[G_N_ELEMENTS (types) + 1];

static const char *const common_columns[] = {
  "id", "action", "created_at", "created_by", "updated_at", "updated_by", "deleted", NULL
};

const DeskRecordType *const *
desk_schema_types (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < G_N_ELEMENTS (types); i++)
        type_list[i] = &types[i];
      type_list[G_N_ELEMENTS (types)] = NULL;
      g_once_init_leave (&initialized, 1);
    }

  return type_list;
}

const DeskRecordType *
desk_schema_lookup (const char *table)
{
  g_return_val_if_fail (table != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (strcmp (types[i].table, table) == 0)
      return &types[i];

  return NULL;
}

const DeskField *
desk_schema_find_field (const DeskRecordType *type,
                        const char           *field)
{
  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);

  for (const DeskField *f = type->fields; f->name != NULL; f++)
    if (strcmp (f->name, field) == 0)
      return f;

  return NULL;
}

gboolean
desk_schema_is_common_column (const char *column)
{
  g_return_val_if_fail (column != NULL, FALSE);

  return g_strv_contains (common_columns, column);
}
