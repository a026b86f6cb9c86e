#pragma once

#include <gtk/gtk.h>

#include "desk-schema.h"

G_BEGIN_DECLS

/* The columns of the record tables: their headers, which of them take the
 * spare width, and the DeskRecordCell that shows each value. */

/* What @column of @table holds, from the schema, else guessed from its name. */
DeskFieldKind        desk_record_column_get_kind (const char    *table,
                                                  const char    *column);
/* @names maps record ids to titles for a reference column (may be NULL);
 * the cells keep a reference to it and show what it holds when they bind. */
GtkColumnViewColumn *desk_record_column_new      (const char    *table,
                                                  const char    *column,
                                                  DeskFieldKind  kind,
                                                  GHashTable    *names);

G_END_DECLS
