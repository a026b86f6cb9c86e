#pragma once

#include <gtk/gtk.h>

#include "desk-record-item.h"

G_BEGIN_DECLS

/* One cell of the Arrestees table: what one column shows of the
 * DeskRecordItem in its "item" property. */
typedef enum
{
  DESK_ARRESTEE_COLUMN_NAME,       /* legal name, preferred name, search reason */
  DESK_ARRESTEE_COLUMN_STATUS,
  DESK_ARRESTEE_COLUMN_STATION,
  DESK_ARRESTEE_COLUMN_IN_CUSTODY,
  DESK_ARRESTEE_COLUMN_TIME_LEFT,  /* warning under 2 h, error when overdue */
  DESK_ARRESTEE_COLUMN_FLAGS,      /* welfare, minor, press-sensitive */
} DeskArresteeColumn;

#define DESK_TYPE_ARRESTEE_CELL (desk_arrestee_cell_get_type ())
G_DECLARE_FINAL_TYPE (DeskArresteeCell, desk_arrestee_cell, DESK, ARRESTEE_CELL, GtkWidget)

/* The fields of a record the cells read. */
const char *const *desk_arrestee_cell_fields   (void);

/* @names: station id → name (STATION). @reasons: arrestee id → why a
 * search matched it (NAME); both may be NULL and are shared, not copied. */
GtkWidget      *desk_arrestee_cell_new      (DeskArresteeColumn  column,
                                             GHashTable         *names,
                                             GHashTable         *reasons);
DeskRecordItem *desk_arrestee_cell_get_item (DeskArresteeCell   *self);
void            desk_arrestee_cell_set_item (DeskArresteeCell   *self,
                                             DeskRecordItem     *item);
/* The time the custody columns are computed at (µs UTC). */
void            desk_arrestee_cell_set_now  (DeskArresteeCell   *self,
                                             gint64              now);
/* Show again what the shared tables say. */
void            desk_arrestee_cell_update   (DeskArresteeCell   *self);

G_END_DECLS
