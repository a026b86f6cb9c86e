#pragma once

#include <gtk/gtk.h>

#include "desk-record-item.h"
#include "desk-schema.h"

G_BEGIN_DECLS

/* One cell of a record table: shows one column of the DeskRecordItem in its
 * "item" property, with times in local time and references by name. */
#define DESK_TYPE_RECORD_CELL (desk_record_cell_get_type ())
G_DECLARE_FINAL_TYPE (DeskRecordCell, desk_record_cell, DESK, RECORD_CELL, GtkWidget)

/* @names maps record ids to titles for reference columns (may be NULL). */
GtkWidget      *desk_record_cell_new      (const char    *column,
                                           DeskFieldKind  kind,
                                           GHashTable    *names);
DeskRecordItem *desk_record_cell_get_item (DeskRecordCell *self);
void            desk_record_cell_set_item (DeskRecordCell *self,
                                           DeskRecordItem *item);

G_END_DECLS
