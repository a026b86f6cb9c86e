#pragma once

#include <gio/gio.h>

#include "desk-store.h"

G_BEGIN_DECLS

/* A GListModel of one table's live records in one action, loaded on the
 * store's database thread once desk_record_list_set_action() or
 * desk_record_list_reload() is first called, and again after each change. Rows are kept as plain strings; the
 * DeskRecordItem objects are made only when asked for, so 100k rows are
 * never all built as objects at once. */
#define DESK_TYPE_RECORD_LIST (desk_record_list_get_type ())
G_DECLARE_FINAL_TYPE (DeskRecordList, desk_record_list, DESK, RECORD_LIST, GObject)

DeskRecordList *desk_record_list_new        (DeskStore          *store,
                                             const char         *table,
                                             const char *const  *columns,
                                             const char         *order_by);
void            desk_record_list_set_action (DeskRecordList *self,
                                             const char     *action_id);
const char     *desk_record_list_get_action (DeskRecordList *self);
/* Reload from the store (after a change). Emits items-changed when done. */
void            desk_record_list_reload     (DeskRecordList *self);
/* TRUE while a load is in flight. Property "loading". */
gboolean        desk_record_list_get_loading (DeskRecordList *self);

G_END_DECLS
