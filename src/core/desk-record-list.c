#define G_LOG_DOMAIN "desk-record-list"

#include "config.h"

#include <string.h>

#include "desk-list-query.h"
#include "desk-query.h"
#include "desk-record-item.h"
#include "desk-record-list.h"

/* Rows read in one go when the view reaches positions not read yet, and how
 * many such pages are kept (about two screens either way). */
#define PAGE_SIZE 128
#define MAX_CACHED_PAGES 16

G_STATIC_ASSERT (PAGE_SIZE <= DESK_LIST_QUERY_MAX_IDS);

struct _DeskRecordList
{
  GObject        parent_instance;

  DeskStore     *store;
  char          *table;
  char         **columns;
  DeskListQuery *query;

  DeskIdList    *ids;          /* what is listed; NULL before the first load */
  guint          generation;   /* bumped by each load: pages are by position */
  GHashTable    *items;        /* id → DeskRecordItem alive now (weak) */
  GHashTable    *pages;        /* page index → GPtrArray of DeskRow or NULL */
  GQueue         recent;       /* page indexes, most recently used first */
  GHashTable    *wanted;       /* page indexes to read at the next idle */
  GHashTable    *fetching;     /* page indexes being read, this generation */
  guint          fetch_id;

  GCancellable  *cancellable;  /* page reads; cancelled in dispose */
  GCancellable  *loading;
  gboolean       reload_again;
  gboolean       started;      /* set_action or reload was called */
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
  DeskListQuery  *query;
  char          **columns;
  char          **live_ids;   /* items alive now: their values are read again */
} LoadRequest;

typedef struct
{
  DeskIdList  *ids;
  GPtrArray   *first_page;  /* DeskRow or NULL, for the first ids */
  char       **live_ids;
  GPtrArray   *live_rows;   /* DeskRow or NULL, one per live id */
  gint64       took;        /* µs on the database thread */
} LoadResult;

typedef struct
{
  guint       index;
  guint       generation;
  char      **ids;
  GPtrArray  *rows;         /* DeskRow or NULL, one per id */
} PageFetch;

typedef struct
{
  char      *table;
  char     **columns;
  GPtrArray *fetches;       /* PageFetch */
} FetchRequest;

static void
load_request_free (LoadRequest *request)
{
  desk_list_query_free (request->query);
  g_strfreev (request->columns);
  g_strfreev (request->live_ids);
  g_free (request);
}

static void
load_result_free (LoadResult *result)
{
  desk_id_list_free (result->ids);
  g_clear_pointer (&result->first_page, g_ptr_array_unref);
  g_strfreev (result->live_ids);
  g_clear_pointer (&result->live_rows, g_ptr_array_unref);
  g_free (result);
}

static void
page_fetch_free (PageFetch *fetch)
{
  g_strfreev (fetch->ids);
  g_clear_pointer (&fetch->rows, g_ptr_array_unref);
  g_free (fetch);
}

static void
fetch_request_free (FetchRequest *request)
{
  g_free (request->table);
  g_strfreev (request->columns);
  g_ptr_array_unref (request->fetches);
  g_free (request);
}

/* Rows of any number of ids, in pieces a statement can take. */
static GPtrArray *
fetch_rows (DeskStore          *store,
            const char         *table,
            const char *const  *columns,
            const char *const  *ids,
            guint               n_ids,
            GError            **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_row_free);

  for (guint start = 0; start < n_ids; start += DESK_LIST_QUERY_MAX_IDS)
    {
      guint n = MIN (n_ids - start, DESK_LIST_QUERY_MAX_IDS);
      g_autoptr(GPtrArray) part = desk_list_query_fetch (store, table, columns, ids + start, n, error);

      if (part == NULL)
        return NULL;
      for (guint i = 0; i < part->len; i++)
        g_ptr_array_add (rows, g_steal_pointer (&part->pdata[i]));
    }
  return g_steal_pointer (&rows);
}

/* Up to @n ids from @start, as strings. */
static char **
dup_ids (const DeskIdList *ids,
         guint             start,
         guint             n)
{
  guint length = desk_id_list_get_length (ids);
  char **strv = g_new0 (char *, n + 1);
  char buf[DESK_ID_LIST_BUF];

  for (guint i = 0; i < n && start + i < length; i++)
    strv[i] = g_strdup (desk_id_list_get (ids, start + i, buf));
  return strv;
}

static gpointer
load_in_worker (DeskStore  *store,
                gpointer    data,
                GError    **error)
{
  LoadRequest *request = data;
  const char *table = desk_list_query_get_table (request->query);
  g_autoptr(DeskIdList) ids = NULL;
  g_auto(GStrv) first_ids = NULL;
  LoadResult *result;
  GPtrArray *first_page, *live_rows;
  gint64 start = g_get_monotonic_time ();

  ids = desk_list_query_run (store, request->query, error);
  if (ids == NULL)
    return NULL;
  /* The first rows come with the ids, so a short list is whole at once. */
  first_ids = dup_ids (ids, 0, PAGE_SIZE);
  first_page = fetch_rows (store, table, (const char *const *) request->columns,
                           (const char *const *) first_ids, g_strv_length (first_ids), error);
  if (first_page == NULL)
    return NULL;
  live_rows = fetch_rows (store, table, (const char *const *) request->columns,
                          (const char *const *) request->live_ids,
                          g_strv_length (request->live_ids), error);
  if (live_rows == NULL)
    {
      g_ptr_array_unref (first_page);
      return NULL;
    }

  result = g_new0 (LoadResult, 1);
  result->ids = g_steal_pointer (&ids);
  result->first_page = first_page;
  result->live_ids = g_steal_pointer (&request->live_ids);
  result->live_rows = live_rows;
  result->took = g_get_monotonic_time () - start;
  return result;
}

static gpointer
fetch_in_worker (DeskStore  *store,
                 gpointer    data,
                 GError    **error)
{
  FetchRequest *request = data;

  for (guint i = 0; i < request->fetches->len; i++)
    {
      PageFetch *fetch = g_ptr_array_index (request->fetches, i);

      fetch->rows = desk_list_query_fetch (store, request->table,
                                           (const char *const *) request->columns,
                                           (const char *const *) fetch->ids,
                                           g_strv_length (fetch->ids), error);
      if (fetch->rows == NULL)
        return NULL;
    }
  return g_ptr_array_ref (request->fetches);
}

static guint
n_listed (DeskRecordList *self)
{
  return desk_id_list_get_length (self->ids);
}

static void
fill_item (DeskRecordList *self,
           const char     *id,
           DeskRow        *row)
{
  DeskRecordItem *item = g_hash_table_lookup (self->items, id);

  if (item != NULL)
    desk_record_item_set_values (item, row != NULL ? (const char *const *) row->values : NULL,
                                 row != NULL ? row->n_values : 0);
}

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
touch_page (DeskRecordList *self,
            guint           index)
{
  g_queue_remove (&self->recent, GUINT_TO_POINTER (index));
  g_queue_push_head (&self->recent, GUINT_TO_POINTER (index));
}

static void
keep_page (DeskRecordList *self,
           guint           index,
           GPtrArray      *rows)
{
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), rows);
  touch_page (self, index);

  while (self->recent.length > MAX_CACHED_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->recent));
}

static void
drop_pages (DeskRecordList *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->recent);
  g_hash_table_remove_all (self->wanted);
  g_hash_table_remove_all (self->fetching);
}

static void
on_pages_fetched_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(DeskRecordList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fetches = NULL;

  fetches = desk_store_run_finish (DESK_STORE (source), result, &error);
  if (fetches == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Cannot read %s records: %s", self->table, error->message);
          g_hash_table_remove_all (self->fetching);
        }
      return;
    }

  for (guint i = 0; i < fetches->len; i++)
    {
      PageFetch *fetch = g_ptr_array_index (fetches, i);

      /* By id, whatever was loaded since: the rows are right for their ids. */
      for (guint j = 0; fetch->ids[j] != NULL; j++)
        fill_item (self, fetch->ids[j], g_ptr_array_index (fetch->rows, j));

      if (fetch->generation == self->generation)
        {
          g_hash_table_remove (self->fetching, GUINT_TO_POINTER (fetch->index));
          keep_page (self, fetch->index, g_steal_pointer (&fetch->rows));
        }
    }
}

/* Does anyone still wait for a row of page @index? The view may have
 * scrolled past it since it asked. */
static gboolean
page_is_awaited (DeskRecordList *self,
                 guint           index)
{
  guint start = index * PAGE_SIZE;
  guint end = MIN (start + PAGE_SIZE, n_listed (self));

  for (guint i = start; i < end; i++)
    {
      char buf[DESK_ID_LIST_BUF];
      DeskRecordItem *item = g_hash_table_lookup (self->items, desk_id_list_get (self->ids, i, buf));

      if (item != NULL && !desk_record_item_get_loaded (item))
        return TRUE;
    }
  return FALSE;
}

static gboolean
fetch_pages_cb (gpointer user_data)
{
  DeskRecordList *self = user_data;
  g_autoptr(GPtrArray) fetches = g_ptr_array_new_with_free_func ((GDestroyNotify) page_fetch_free);
  GHashTableIter iter;
  gpointer key;
  FetchRequest *request;

  self->fetch_id = 0;

  g_hash_table_iter_init (&iter, self->wanted);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint index = GPOINTER_TO_UINT (key);
      guint start = index * PAGE_SIZE;
      PageFetch *fetch;

      if (start >= n_listed (self) ||
          g_hash_table_contains (self->fetching, key) ||
          !page_is_awaited (self, index))
        continue;
      /* Read since it was asked for: fill from what came. */
      if (g_hash_table_contains (self->pages, key))
        {
          GPtrArray *rows = g_hash_table_lookup (self->pages, key);

          for (guint i = 0; i < rows->len; i++)
            {
              char buf[DESK_ID_LIST_BUF];

              fill_item (self, desk_id_list_get (self->ids, start + i, buf), g_ptr_array_index (rows, i));
            }
          continue;
        }

      fetch = g_new0 (PageFetch, 1);
      fetch->index = index;
      fetch->generation = self->generation;
      fetch->ids = dup_ids (self->ids, start, PAGE_SIZE);
      g_ptr_array_add (fetches, fetch);
      g_hash_table_add (self->fetching, key);
    }
  g_hash_table_remove_all (self->wanted);

  if (fetches->len == 0)
    return G_SOURCE_REMOVE;

  request = g_new0 (FetchRequest, 1);
  request->table = g_strdup (self->table);
  request->columns = g_strdupv (self->columns);
  request->fetches = g_steal_pointer (&fetches);
  desk_store_run_async (self->store, fetch_in_worker, request, (GDestroyNotify) fetch_request_free,
                        (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                        on_pages_fetched_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
want_page (DeskRecordList *self,
           guint           index)
{
  if (g_hash_table_contains (self->fetching, GUINT_TO_POINTER (index)))
    return;

  g_hash_table_add (self->wanted, GUINT_TO_POINTER (index));
  /* One read for every page a frame asks for, before the frame is drawn. */
  if (self->fetch_id == 0)
    self->fetch_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, fetch_pages_cb, self, NULL);
}

static void start_load (DeskRecordList *self);

/* Only the positions whose records differ change: a record edited in place
 * keeps its row (and the view its selection). */
static void
replace_ids (DeskRecordList *self,
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
  drop_pages (self);
  /* Before the view hears of the change, so it gets the first rows filled. */
  if (first_page != NULL && first_page->len > 0)
    keep_page (self, 0, first_page);
  else if (first_page != NULL)
    g_ptr_array_unref (first_page);

  if (old_n != prefix + suffix || new_n != prefix + suffix)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, old_n - prefix - suffix, new_n - prefix - suffix);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  desk_id_list_free (old);
}

static void
on_ids_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(DeskRecordList) self = user_data;
  g_autoptr(GError) error = NULL;
  LoadResult *loaded;
  DeskIdList *ids;

  loaded = desk_store_run_finish (DESK_STORE (source), result, &error);
  /* A load superseded by another query is dropped, whatever it found. */
  if (g_task_get_cancellable (G_TASK (result)) != self->loading)
    {
      g_clear_pointer (&loaded, load_result_free);
      return;
    }
  g_clear_object (&self->loading);

  if (loaded == NULL)
    {
      g_warning ("Cannot load %s records: %s", self->table, error->message);
      ids = desk_id_list_new ();
    }
  else
    {
      g_debug ("Loaded %u %s ids in %" G_GINT64_FORMAT " ms", desk_id_list_get_length (loaded->ids), self->table,
               loaded->took / 1000);
      /* Items on screen show their new values in place. */
      for (guint i = 0; loaded->live_ids[i] != NULL; i++)
        fill_item (self, loaded->live_ids[i], g_ptr_array_index (loaded->live_rows, i));
      ids = g_steal_pointer (&loaded->ids);
    }

  replace_ids (self, ids, loaded != NULL ? g_steal_pointer (&loaded->first_page) : NULL);
  g_clear_pointer (&loaded, load_result_free);

  if (self->reload_again)
    {
      self->reload_again = FALSE;
      start_load (self);
    }
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static char **
dup_live_ids (DeskRecordList *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_strv_builder_add (builder, key);
  return g_strv_builder_end (builder);
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
  request->query = desk_list_query_copy (self->query);
  request->columns = g_strdupv (self->columns);
  request->live_ids = dup_live_ids (self);
  self->loading = g_cancellable_new ();
  desk_store_run_async (self->store, load_in_worker, request, (GDestroyNotify) load_request_free,
                        (GDestroyNotify) load_result_free,
                        self->loading, on_ids_loaded_cb, g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* The query changed: what is being loaded is no longer what is wanted. */
static void
restart_load (DeskRecordList *self)
{
  if (self->loading != NULL)
    {
      g_cancellable_cancel (self->loading);
      g_clear_object (&self->loading);
      self->reload_again = FALSE;
    }
  if (self->started)
    start_load (self);
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
  return n_listed (DESK_RECORD_LIST (model));
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

  if (position >= n_listed (self))
    return NULL;

  id = desk_id_list_get (self->ids, position, buf);
  item = g_hash_table_lookup (self->items, id);
  if (item != NULL)
    return g_object_ref (item);

  index = position / PAGE_SIZE;
  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  if (page != NULL)
    {
      DeskRow *row = g_ptr_array_index (page, position % PAGE_SIZE);

      item = desk_record_item_new (self->table, id, (const char *const *) self->columns,
                                   row != NULL ? (const char *const *) row->values : NULL);
      touch_page (self, index);
    }
  else
    {
      item = desk_record_item_new_pending (self->table, id, (const char *const *) self->columns);
      want_page (self, index);
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
      g_value_set_uint (value, n_listed (self));
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
  restart_load (self);
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
  start_load (self);
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
  restart_load (self);
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
    restart_load (self);
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
    restart_load (self);
}

void
desk_record_list_set_ids (DeskRecordList    *self,
                          const char *const *ids)
{
  g_return_if_fail (DESK_IS_RECORD_LIST (self));

  if (ids == NULL && !desk_list_query_has_ids (self->query))
    return;
  desk_list_query_set_ids (self->query, ids);
  restart_load (self);
}

char *
desk_record_list_dup_id (DeskRecordList *self,
                         guint           position)
{
  char buf[DESK_ID_LIST_BUF];

  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), NULL);

  return position < n_listed (self) ? g_strdup (desk_id_list_get (self->ids, position, buf)) : NULL;
}

guint
desk_record_list_find (DeskRecordList *self,
                       const char     *id)
{
  g_return_val_if_fail (DESK_IS_RECORD_LIST (self), G_MAXUINT);
  g_return_val_if_fail (id != NULL, G_MAXUINT);

  return self->ids != NULL ? desk_id_list_find (self->ids, id) : G_MAXUINT;
}
