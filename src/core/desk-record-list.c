#define G_LOG_DOMAIN "desk-record-list"

#include "config.h"

#include "desk-record-item.h"
#include "desk-record-list-private.h"

static void desk_record_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DeskRecordList, desk_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, desk_record_list_model_init))

enum {
  PROP_0,
  PROP_LOADING,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_item_finalized_cb (gpointer  data,
                      GObject  *where_the_object_was)
{
  DeskRecordList *self = data;
  /* Weak references are told during dispose: the id is still there. */
  const char *id = desk_record_item_get_id (DESK_RECORD_ITEM (where_the_object_was));

  if (g_hash_table_lookup (self->items, id) == (gpointer) where_the_object_was)
    g_hash_table_remove (self->items, id);
}

static void
forget_item (gpointer key,
             gpointer value,
             gpointer user_data)
{
  g_object_weak_unref (value, on_item_finalized_cb, user_data);
}

static void
on_store_changed_cb (DeskRecordList *self,
                     const char     *table)
{
  /* A list nobody asked to load yet stays unloaded. */
  if (self->started && g_strcmp0 (table, self->table) == 0)
    desk_record_list_start_load (self);
}

static GType
desk_record_list_get_item_type (GListModel *model)
{
  return DESK_TYPE_RECORD_ITEM;
}

static guint
desk_record_list_get_n_items (GListModel *model)
{
  return desk_record_list_n_listed (DESK_RECORD_LIST (model));
}

static gpointer
desk_record_list_get_item (GListModel *model,
                           guint       position)
{
  DeskRecordList *self = DESK_RECORD_LIST (model);
  char buf[DESK_ID_LIST_BUF];
  DeskRecordItem *item;
  GPtrArray *page;
  const char *id;
  guint index;

  if (position >= desk_record_list_n_listed (self))
    return NULL;

  id = desk_id_list_get (self->ids, position, buf);
  item = g_hash_table_lookup (self->items, id);
  if (item != NULL)
    return g_object_ref (item);

  index = position / DESK_RECORD_LIST_PAGE_SIZE;
  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  if (page != NULL)
    {
      DeskRow *row = g_ptr_array_index (page, position % DESK_RECORD_LIST_PAGE_SIZE);

      item = desk_record_item_new (self->table, id, (const char *const *) self->columns,
                                   row != NULL ? (const char *const *) row->values : NULL);
      desk_record_list_touch_page (self, index);
    }
  else
    {
      item = desk_record_item_new_pending (self->table, id, (const char *const *) self->columns);
      desk_record_list_want_page (self, index);
    }

  g_hash_table_insert (self->items, (gpointer) desk_record_item_get_id (item), item);
  g_object_weak_ref (G_OBJECT (item), on_item_finalized_cb, self);
  return item;
}

static void
desk_record_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = desk_record_list_get_item_type;
  iface->get_n_items = desk_record_list_get_n_items;
  iface->get_item = desk_record_list_get_item;
}

static void
desk_record_list_dispose (GObject *object)
{
  DeskRecordList *self = (DeskRecordList *) object;

  if (self->loading)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->fetch_id, g_source_remove);
  g_hash_table_foreach (self->items, forget_item, self);
  g_hash_table_remove_all (self->items);
  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (desk_record_list_parent_class)->dispose (object);
}

static void
desk_record_list_finalize (GObject *object)
{
  DeskRecordList *self = (DeskRecordList *) object;

  desk_id_list_free (self->ids);
  g_hash_table_unref (self->items);
  g_hash_table_unref (self->pages);
  g_queue_clear (&self->recent);
  g_hash_table_unref (self->wanted);
  g_hash_table_unref (self->fetching);
  g_clear_object (&self->cancellable);
  desk_list_query_free (self->query);
  g_free (self->table);
  g_strfreev (self->columns);

  G_OBJECT_CLASS (desk_record_list_parent_class)->finalize (object);
}

static void
desk_record_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DeskRecordList *self = DESK_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading != NULL);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, desk_record_list_n_listed (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_record_list_class_init (DeskRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = desk_record_list_dispose;
  object_class->finalize = desk_record_list_finalize;
  object_class->get_property = desk_record_list_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
desk_record_list_init (DeskRecordList *self)
{
  self->items = g_hash_table_new (g_str_hash, g_str_equal);
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->recent);
  self->wanted = g_hash_table_new (NULL, NULL);
  self->fetching = g_hash_table_new (NULL, NULL);
  self->cancellable = g_cancellable_new ();
}

DeskRecordList *
desk_record_list_new (DeskStore          *store,
                      const char         *table,
                      const char *const  *columns,
                      const char         *order_by)
{
  DeskRecordList *self;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  self = g_object_new (DESK_TYPE_RECORD_LIST, NULL);
  self->store = g_object_ref (store);
  self->table = g_strdup (table);
  self->columns = g_strdupv ((char **) columns);
  self->query = desk_list_query_new (table);
  desk_list_query_set_order (self->query, order_by);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

void
desk_record_list_set_action (DeskRecordList *self,
                             const char     *action_id)
{
  g_return_if_fail (DESK_IS_RECORD_LIST (self));

  if (self->started && g_strcmp0 (desk_list_query_get_action (self->query), action_id) == 0)
    return;
  desk_list_query_set_action (self->query, action_id);
  /* Rows of the old action must never show under the new one. */
  self->started = TRUE;
  desk_record_list_restart_load (self);
}

const char *
desk_record_list_get_action (DeskRecordList *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), NULL);
  return desk_list_query_get_action (self->query);
}

void
desk_record_list_reload (DeskRecordList *self)
{
  g_return_if_fail (DESK_IS_RECORD_LIST (self));
  desk_record_list_start_load (self);
}

gboolean
desk_record_list_get_loading (DeskRecordList *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), FALSE);
  return self->loading != NULL;
}

void
desk_record_list_set_order (DeskRecordList *self,
                            const char     *order_by)
{
  g_return_if_fail (DESK_IS_RECORD_LIST (self));

  if (g_strcmp0 (desk_list_query_get_order (self->query), order_by) == 0)
    return;
  desk_list_query_set_order (self->query, order_by);
  desk_record_list_restart_load (self);
}

const char *
desk_record_list_get_order (DeskRecordList *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), NULL);
  return desk_list_query_get_order (self->query);
}

void
desk_record_list_set_filter (DeskRecordList *self,
                             const char     *field,
                             const char     *value)
{
  g_return_if_fail (DESK_IS_RECORD_LIST (self));
  g_return_if_fail (field != NULL);

  if (desk_list_query_set_equals (self->query, field, value))
    desk_record_list_restart_load (self);
}

void
desk_record_list_set_flag (DeskRecordList *self,
                           const char     *field,
                           const char     *flag,
                           gboolean        required)
{
  g_return_if_fail (DESK_IS_RECORD_LIST (self));
  g_return_if_fail (field != NULL);
  g_return_if_fail (flag != NULL);

  if (desk_list_query_set_has (self->query, field, flag, required))
    desk_record_list_restart_load (self);
}

void
desk_record_list_set_ids (DeskRecordList    *self,
                          const char *const *ids)
{
  g_return_if_fail (DESK_IS_RECORD_LIST (self));

  if (ids == NULL && !desk_list_query_has_ids (self->query))
    return;
  desk_list_query_set_ids (self->query, ids);
  desk_record_list_restart_load (self);
}

char *
desk_record_list_dup_id (DeskRecordList *self,
                         guint           position)
{
  char buf[DESK_ID_LIST_BUF];

  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), NULL);

  return position < desk_record_list_n_listed (self) ? g_strdup (desk_id_list_get (self->ids, position, buf)) : NULL;
}

guint
desk_record_list_find (DeskRecordList *self,
                       const char     *id)
{
  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), G_MAXUINT);
  g_return_val_if_fail (id != NULL, G_MAXUINT);

  return self->ids != NULL ? desk_id_list_find (self->ids, id) : G_MAXUINT;
}

/* For the other files of the class (desk-record-list-private.h). */

guint
desk_record_list_n_listed (DeskRecordList *self)
{
  return desk_id_list_get_length (self->ids);
}

void
desk_record_list_fill_item (DeskRecordList *self,
                            const char     *id,
                            DeskRow        *row)
{
  DeskRecordItem *item = g_hash_table_lookup (self->items, id);

  if (item != NULL)
    desk_record_item_set_values (item, row != NULL ? (const char *const *) row->values : NULL,
                                 row != NULL ? row->n_values : 0);
}

/* Only the positions whose records differ change: a record edited in place
 * keeps its row (and the view its selection). */
void
desk_record_list_replace_ids (DeskRecordList *self,
                              DeskIdList     *ids,
                              GPtrArray      *first_page)
{
  DeskIdList *old = self->ids;
  guint old_n = desk_id_list_get_length (old);
  guint new_n = desk_id_list_get_length (ids);
  guint prefix = 0, suffix = 0;

  while (prefix < old_n && prefix < new_n && desk_id_list_equal (old, prefix, ids, prefix))
    prefix++;
  while (suffix < old_n - prefix && suffix < new_n - prefix &&
         desk_id_list_equal (old, old_n - 1 - suffix, ids, new_n - 1 - suffix))
    suffix++;

  self->ids = ids;
  self->generation++;
  desk_record_list_drop_pages (self);
  /* Before the view hears of the change, so it gets the first rows filled. */
  if (first_page != NULL && first_page->len > 0)
    desk_record_list_keep_page (self, 0, first_page);
  else if (first_page != NULL)
    g_ptr_array_unref (first_page);

  if (old_n != prefix + suffix || new_n != prefix + suffix)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, old_n - prefix - suffix, new_n - prefix - suffix);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  desk_id_list_free (old);
}

void
desk_record_list_notify_loading (DeskRecordList *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}
