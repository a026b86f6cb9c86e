#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One row of a record list, made on demand by DeskRecordList. An item may
 * be made before its values are read (only its id is known): it fills
 * itself when its page of rows arrives, and emits "changed" then and
 * whenever its values are read again. Property "loaded". */
#define DESK_TYPE_RECORD_ITEM (desk_record_item_get_type ())
G_DECLARE_FINAL_TYPE (DeskRecordItem, desk_record_item, DESK, RECORD_ITEM, GObject)

DeskRecordItem *desk_record_item_new        (const char         *table,
                                             const char         *id,
                                             const char *const  *columns,
                                             const char *const  *values);
/* An item whose values are still to come (desk_record_item_set_values). */
DeskRecordItem *desk_record_item_new_pending (const char        *table,
                                              const char        *id,
                                              const char *const *columns);
const char     *desk_record_item_get_table  (DeskRecordItem *self);
const char     *desk_record_item_get_id     (DeskRecordItem *self);
/* Value of @column, or NULL (also while not loaded). */
const char     *desk_record_item_get        (DeskRecordItem *self,
                                             const char     *column);
gboolean        desk_record_item_get_loaded (DeskRecordItem *self);
/* The item's values, one per column, as read from the store (NULL: the
 * record is gone, all empty). Emits "changed" unless nothing changed. */
void            desk_record_item_set_values (DeskRecordItem     *self,
                                             const char *const  *values,
                                             guint               n_values);

G_END_DECLS
