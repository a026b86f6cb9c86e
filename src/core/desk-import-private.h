#pragma once

#include "desk-import.h"
#include "desk-schema.h"

G_BEGIN_DECLS

/* What one column of an arrestee CSV file holds (desk-import-columns.c). */
typedef struct
{
  const DeskField *field;   /* NULL for the station column */
  char            *heading; /* as the file writes it, for messages */
} DeskImportColumn;

/* Maps the header row to columns (an array of DeskImportColumn, one per
 * heading), or fails naming every unknown heading with the nearest known
 * name. *@name_column is the index of the legal name. */
GArray   *desk_import_columns_parse (char      **header,
                                     guint       header_line,
                                     guint      *name_column,
                                     GError    **error);

/* "2026-11-22T14:30:00Z" from ISO 8601 with a zone, or from
 * "2026-11-22 14:30[:00]" in local time (then *@local is TRUE); NULL if
 * it is neither (desk-import-time.c). */
char     *desk_import_parse_time    (const char *text,
                                     gboolean   *local);

G_END_DECLS
