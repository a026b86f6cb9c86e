#pragma once

#include <gio/gio.h>

#include "desk-store.h"

G_BEGIN_DECLS

/* A GListModel of one table's live records in one action, loaded on the
 * store's database thread once desk_record_list_set_action() or
 * desk_record_list_reload() is first called, and again after each change.
 *
 * It is lazy: a load reads only the ids, in order (the filters and the sort
 * are the query's WHERE and ORDER BY); rows are read a page at a time when
 * the view asks for their positions, and only a few pages are kept. An item
 * asked for before its page arrived is returned at once, empty, and fills
 * itself (DeskRecordItem "changed") when the page comes. The same record
 * keeps the same item while anyone holds it, across reloads, so a selection
 * survives a change. 100,000 records are never all held as strings or
 * objects. */
#define DESK_TYPE_RECORD_LIST (desk_record_list_get_type ())
G_DECLARE_FINAL_TYPE (DeskRecordList, desk_record_list, DESK, RECORD_LIST, GObject)

/* @order_by: see desk_record_list_set_order(). */
DeskRecordList *desk_record_list_new        (DeskStore          *store,
                                             const char         *table,
                                             const char *const  *columns,
                                             const char         *order_by);
void            desk_record_list_set_action (DeskRecordList *self,
                                             const char     *action_id);
const char     *desk_record_list_get_action (DeskRecordList *self);
/* Reload from the store (after a change). Emits items-changed when done,
 * for the positions that changed only. */
void            desk_record_list_reload     (DeskRecordList *self);
/* TRUE while a load is in flight. Property "loading". */
gboolean        desk_record_list_get_loading (DeskRecordList *self);

/* A field of the table or a sort key of desk_list_query_has_sort_key()
 * ("-" first: largest first), or NULL for creation order. */
void            desk_record_list_set_order  (DeskRecordList *self,
                                             const char     *order_by);
const char     *desk_record_list_get_order  (DeskRecordList *self);
/* Only records whose @field is @value (NULL: any). */
void            desk_record_list_set_filter (DeskRecordList *self,
                                             const char     *field,
                                             const char     *value);
/* Only records whose comma-list @field holds @flag, while @required. */
void            desk_record_list_set_flag   (DeskRecordList *self,
                                             const char     *field,
                                             const char     *flag,
                                             gboolean        required);
/* Only these records, in this order (ranked search results, at most
 * DESK_LIST_QUERY_MAX_IDS); the filters still apply. NULL: all records. */
void            desk_record_list_set_ids    (DeskRecordList    *self,
                                             const char *const *ids);

/* The id at @position without making an item, or NULL. */
char           *desk_record_list_dup_id     (DeskRecordList *self,
                                             guint           position);
/* Position of the record @id, or G_MAXUINT when not listed. */
guint           desk_record_list_find       (DeskRecordList *self,
                                             const char     *id);

G_END_DECLS
