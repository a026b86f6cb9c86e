#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One row of a record list, made on demand by DeskRecordList. */
#define DESK_TYPE_RECORD_ITEM (desk_record_item_get_type ())
G_DECLARE_FINAL_TYPE (DeskRecordItem, desk_record_item, DESK, RECORD_ITEM, GObject)

DeskRecordItem *desk_record_item_new       (const char         *table,
                                            const char         *id,
                                            const char *const  *columns,
                                            const char *const  *values);
const char     *desk_record_item_get_table (DeskRecordItem *self);
const char     *desk_record_item_get_id    (DeskRecordItem *self);
/* Value of @column, or NULL. */
const char     *desk_record_item_get       (DeskRecordItem *self,
                                            const char     *column);

G_END_DECLS
