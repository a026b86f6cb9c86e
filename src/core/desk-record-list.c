#define G_LOG_DOMAIN "desk-record-list"

#include "config.h"

#include "desk-query.h"
#include "desk-record-item.h"
#include "desk-record-list.h"

struct _DeskRecordList
{
  GObject       parent_instance;

  DeskStore    *store;
  char         *table;
  char        **columns;
  char         *order_by;
  char         *action;

  GPtrArray    *rows;        /* DeskRow: plain strings, not objects */
  GCancellable *loading;
  gboolean      reload_again;
  gboolean      started;     /* set_action or reload was called */
};

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

typedef struct
{
  char  *table;
  char  *action;
  char **columns;
  char  *order_by;
} LoadRequest;

static void
load_request_free (LoadRequest *request)
{
  g_free (request->table);
  g_free (request->action);
  g_strfreev (request->columns);
  g_free (request->order_by);
  g_free (request);
}

static gpointer
load_in_worker (DeskStore  *store,
                gpointer    data,
                GError    **error)
{
  LoadRequest *request = data;

  return desk_query_rows (store, request->table, request->action,
                          (const char *const *) request->columns, request->order_by, error);
}

static void start_load (DeskRecordList *self);

static void
on_rows_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DeskRecordList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint removed;

  rows = desk_store_run_finish (DESK_STORE (source), result, &error);
  /* A load superseded by set_action() is dropped, whatever it found. */
  if (g_task_get_cancellable (G_TASK (result)) != self->loading)
    return;
  g_clear_object (&self->loading);

  if (rows == NULL)
    {
      g_warning ("Cannot load %s records: %s", self->table, error->message);
      rows = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_row_free);
    }

  removed = self->rows->len;
  g_ptr_array_unref (self->rows);
  self->rows = g_steal_pointer (&rows);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->rows->len);
  if (removed != self->rows->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  if (self->reload_again)
    {
      self->reload_again = FALSE;
      start_load (self);
    }
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
start_load (DeskRecordList *self)
{
  LoadRequest *request;

  if (self->loading != NULL)
    {
      /* One load at a time; the newest wish wins when it finishes. */
      self->reload_again = TRUE;
      return;
    }

  self->started = TRUE;
  request = g_new0 (LoadRequest, 1);
  request->table = g_strdup (self->table);
  request->action = g_strdup (self->action);
  request->columns = g_strdupv (self->columns);
  request->order_by = g_strdup (self->order_by);
  self->loading = g_cancellable_new ();
  desk_store_run_async (self->store, load_in_worker, request, (GDestroyNotify) load_request_free,
                        (GDestroyNotify) g_ptr_array_unref,
                        self->loading, on_rows_loaded_cb, g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
on_store_changed_cb (DeskRecordList *self,
                     const char     *table)
{
  /* A list nobody asked to load yet stays unloaded. */
  if (self->started && g_strcmp0 (table, self->table) == 0)
    start_load (self);
}

static GType
desk_record_list_get_item_type (GListModel *model)
{
  return DESK_TYPE_RECORD_ITEM;
}

static guint
desk_record_list_get_n_items (GListModel *model)
{
  return DESK_RECORD_LIST (model)->rows->len;
}

static gpointer
desk_record_list_get_item (GListModel *model,
                           guint       position)
{
  DeskRecordList *self = DESK_RECORD_LIST (model);
  DeskRow *row;

  if (position >= self->rows->len)
    return NULL;
  row = g_ptr_array_index (self->rows, position);
  return desk_record_item_new (self->table, row->id, (const char *const *) self->columns,
                               (const char *const *) row->values);
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
  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (desk_record_list_parent_class)->dispose (object);
}

static void
desk_record_list_finalize (GObject *object)
{
  DeskRecordList *self = (DeskRecordList *) object;

  g_ptr_array_unref (self->rows);
  g_free (self->table);
  g_strfreev (self->columns);
  g_free (self->order_by);
  g_free (self->action);

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
      g_value_set_uint (value, self->rows->len);
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
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_row_free);
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
  self->order_by = g_strdup (order_by);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

void
desk_record_list_set_action (DeskRecordList *self,
                             const char     *action_id)
{
  g_return_if_fail (DESK_IS_RECORD_LIST (self));

  if (g_strcmp0 (self->action, action_id) == 0)
    return;
  g_free (self->action);
  self->action = g_strdup (action_id);
  /* Rows of the old action must never show under the new one. */
  if (self->loading != NULL)
    {
      g_cancellable_cancel (self->loading);
      g_clear_object (&self->loading);
      self->reload_again = FALSE;
    }
  start_load (self);
}

const char *
desk_record_list_get_action (DeskRecordList *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), NULL);
  return self->action;
}

void
desk_record_list_reload (DeskRecordList *self)
{
  g_return_if_fail (DESK_IS_RECORD_LIST (self));
  start_load (self);
}

gboolean
desk_record_list_get_loading (DeskRecordList *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), FALSE);
  return self->loading != NULL;
}
