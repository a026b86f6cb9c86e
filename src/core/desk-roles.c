#define G_LOG_DOMAIN "desk-roles"

#include "config.h"

#include <string.h>

#include "desk-roles.h"
#include "desk-schema.h"

typedef enum
{
  NONE,
  READ,
  WRITE,
} Access;

typedef struct
{
  const char *table;
  Access      bov;
  Access      pssc;
  Access      coordinator;
} TableAccess;

/* The table of DESIGN.md "Roles", one line per record type. */
static const TableAccess tables[] = {
  { "action",          WRITE, READ,  WRITE },
  { "arrestee",        WRITE, READ,  WRITE },
  { "call",            WRITE, READ,  WRITE },
  { "call_task",       WRITE, READ,  WRITE },
  { "observer_shift",  WRITE, READ,  WRITE },
  { "station",         READ,  WRITE, WRITE },
  { "volunteer",       READ,  WRITE, WRITE },
  { "rota_slot",       READ,  WRITE, WRITE },
  { "rota_assignment", READ,  WRITE, WRITE },
  { "expense",         READ,  WRITE, WRITE },
  { "handover_note",   WRITE, WRITE, WRITE },
  { "online_report",   WRITE, NONE,  WRITE },
  { "conflict",        WRITE, WRITE, WRITE },  /* further limited by the field it is about */
  { "user",            NONE,  NONE,  WRITE },
};

static const char *const role_names[] = { "bov", "pssc", "coordinator" };

gboolean
desk_role_parse (const char *text,
                 DeskRole   *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    if (g_strcmp0 (text, role_names[i]) == 0)
      {
        *role = (DeskRole) i;
        return TRUE;
      }
  return FALSE;
}

const char *
desk_role_to_string (DeskRole role)
{
  g_return_val_if_fail (role <= DESK_ROLE_COORDINATOR, NULL);
  return role_names[role];
}

static Access
table_access (DeskRole    role,
              const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_strcmp0 (tables[i].table, table) == 0)
      switch (role)
        {
        case DESK_ROLE_BOV:         return tables[i].bov;
        case DESK_ROLE_PSSC:        return tables[i].pssc;
        case DESK_ROLE_COORDINATOR: return tables[i].coordinator;
        default:                    return NONE;
        }
  return NONE;
}

/* Health, legal notes and the alleged offence: only BOVs and coordinators. */
static gboolean
field_is_sensitive (const char *table,
                    const char *field)
{
  const DeskRecordType *type = desk_schema_lookup (table);
  const DeskField *f;

  if (type == NULL || field == NULL)
    return FALSE;
  f = desk_schema_find_field (type, field);
  return f != NULL && f->sensitive;
}

gboolean
desk_role_can_read (DeskRole    role,
                    const char *table,
                    const char *field)
{
  if (table_access (role, table) == NONE)
    return FALSE;
  if (field_is_sensitive (table, field) && role == DESK_ROLE_PSSC)
    return FALSE;
  return TRUE;
}

gboolean
desk_role_can_write (DeskRole    role,
                     const char *table,
                     const char *field)
{
  if (table_access (role, table) != WRITE)
    return FALSE;
  if (field_is_sensitive (table, field) && role == DESK_ROLE_PSSC)
    return FALSE;
  return TRUE;
}
