#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The record types of DESIGN.md "Records". Every table also has the common
 * columns id, action, created_at, created_by, updated_at, updated_by, deleted. */

typedef enum
{
  DESK_FIELD_TEXT,
  DESK_FIELD_TIME,     /* ISO 8601 UTC, "2026-11-22T01:30:00Z" */
  DESK_FIELD_INTEGER,
  DESK_FIELD_REFERENCE /* id of another record */
} DeskFieldKind;

typedef struct
{
  const char    *name;
  DeskFieldKind  kind;
  gboolean       sensitive; /* health, legal notes, offence: withheld from some roles */
} DeskField;

typedef struct
{
  const char      *table;
  const DeskField *fields;   /* terminated by a field whose name is NULL */
  const char      *title_field;
} DeskRecordType;

/* NULL-terminated list of every record type. */
const DeskRecordType *const *desk_schema_types        (void);
const DeskRecordType        *desk_schema_lookup       (const char *table);
const DeskField             *desk_schema_find_field   (const DeskRecordType *type,
                                                       const char           *field);
gboolean                     desk_schema_is_common_column (const char *column);

G_END_DECLS
