#pragma once

#include "desk-id-list.h"
#include "desk-store.h"

G_BEGIN_DECLS

/* Which live records of one table a list shows, and in which order: the
 * SQL WHERE and ORDER BY of DeskRecordList. Only schema names (and the sort
 * keys below) ever reach SQL text; every value is bound. */

typedef struct _DeskListQuery DeskListQuery;

/* Most ids a query takes (desk_list_query_set_ids, _fetch). */
#define DESK_LIST_QUERY_MAX_IDS 500

DeskListQuery *desk_list_query_new        (const char          *table);
DeskListQuery *desk_list_query_copy       (const DeskListQuery *query);
void           desk_list_query_free       (DeskListQuery       *query);

const char    *desk_list_query_get_table  (const DeskListQuery *query);
/* NULL: every action. */
void           desk_list_query_set_action (DeskListQuery       *query,
                                           const char          *action_id);
const char    *desk_list_query_get_action (const DeskListQuery *query);
/* A field of the table, a sort key (desk_list_query_has_sort_key), or NULL
 * for creation order; a leading "-" sorts largest first, and ties go by id.
 * Records without a value of a sort key come last either way; an empty
 * field sorts first (ascending). */
void           desk_list_query_set_order  (DeskListQuery       *query,
                                           const char          *order_by);
const char    *desk_list_query_get_order  (const DeskListQuery *query);
/* Only records whose @field is @value; NULL @value drops the condition.
 * FALSE when that was so already. */
gboolean       desk_list_query_set_equals (DeskListQuery       *query,
                                           const char          *field,
                                           const char          *value);
/* Only records whose @field, a comma list ("welfare,minor"), holds @item
 * (or not, once @required is FALSE again). FALSE when that was so already. */
gboolean       desk_list_query_set_has    (DeskListQuery       *query,
                                           const char          *field,
                                           const char          *item,
                                           gboolean             required);
/* Only these records (at most DESK_LIST_QUERY_MAX_IDS), in this order, as
 * search results are ranked; the order set above is ignored then. NULL
 * shows every record again. */
void           desk_list_query_set_ids    (DeskListQuery       *query,
                                           const char *const   *ids);
gboolean       desk_list_query_has_ids    (const DeskListQuery *query);

/* Sort keys computed in SQL beyond plain fields, for @table. */
gboolean       desk_list_query_has_sort_key (const char        *table,
                                             const char        *key);

/* On the database thread. The ids of the records @query selects, in order;
 * DESK_STORE_ERROR_INVALID for a name the schema does not know. */
DeskIdList    *desk_list_query_run        (DeskStore           *store,
                                           const DeskListQuery *query,
                                           GError             **error);
/* On the database thread. @columns of the records with @ids (at most
 * DESK_LIST_QUERY_MAX_IDS), live or not: an array of @n_ids entries, a
 * DeskRow (desk-query.h) or NULL where no record has that id. */
GPtrArray     *desk_list_query_fetch      (DeskStore           *store,
                                           const char          *table,
                                           const char *const   *columns,
                                           const char *const   *ids,
                                           guint                n_ids,
                                           GError             **error);


G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskListQuery, desk_list_query_free)

G_END_DECLS
