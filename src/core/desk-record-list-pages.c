#define G_LOG_DOMAIN "desk-record-list"

#include "config.h"

#include "desk-record-item.h"
#include "desk-record-list-private.h"

/* Pages of rows: read on the database thread when the view reaches
 * positions not read yet, one read for all a frame asks for, and only the
 * most recently used few kept. */

/* About two screens either way. */
#define MAX_CACHED_PAGES 16

G_STATIC_ASSERT (DESK_RECORD_LIST_PAGE_SIZE <= DESK_LIST_QUERY_MAX_IDS);

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
        desk_record_list_fill_item (self, fetch->ids[j], g_ptr_array_index (fetch->rows, j));

      if (fetch->generation == self->generation)
        {
          g_hash_table_remove (self->fetching, GUINT_TO_POINTER (fetch->index));
          desk_record_list_keep_page (self, fetch->index, g_steal_pointer (&fetch->rows));
        }
    }
}

/* Does anyone still wait for a row of page @index? The view may have
 * scrolled past it since it asked. */
static gboolean
page_is_awaited (DeskRecordList *self,
                 guint           index)
{
  guint start = index * DESK_RECORD_LIST_PAGE_SIZE;
  guint end = MIN (start + DESK_RECORD_LIST_PAGE_SIZE, desk_record_list_n_listed (self));

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
      guint start = index * DESK_RECORD_LIST_PAGE_SIZE;
      PageFetch *fetch;

      if (start >= desk_record_list_n_listed (self) ||
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

              desk_record_list_fill_item (self, desk_id_list_get (self->ids, start + i, buf), g_ptr_array_index (rows, i));
            }
          continue;
        }

      fetch = g_new0 (PageFetch, 1);
      fetch->index = index;
      fetch->generation = self->generation;
      fetch->ids = desk_record_list_dup_ids (self->ids, start, DESK_RECORD_LIST_PAGE_SIZE);
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

/* Up to @n ids from @start, as strings. */
char **
desk_record_list_dup_ids (const DeskIdList *ids,
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

void
desk_record_list_touch_page (DeskRecordList *self,
                             guint           index)
{
  g_queue_remove (&self->recent, GUINT_TO_POINTER (index));
  g_queue_push_head (&self->recent, GUINT_TO_POINTER (index));
}

void
desk_record_list_keep_page (DeskRecordList *self,
                            guint           index,
                            GPtrArray      *rows)
{
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), rows);
  desk_record_list_touch_page (self, index);

  while (self->recent.length > MAX_CACHED_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->recent));
}

void
desk_record_list_drop_pages (DeskRecordList *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->recent);
  g_hash_table_remove_all (self->wanted);
  g_hash_table_remove_all (self->fetching);
}

void
desk_record_list_want_page (DeskRecordList *self,
                            guint           index)
{
  if (g_hash_table_contains (self->fetching, GUINT_TO_POINTER (index)))
    return;

  g_hash_table_add (self->wanted, GUINT_TO_POINTER (index));
  /* One read for every page a frame asks for, before the frame is drawn. */
  if (self->fetch_id == 0)
    self->fetch_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, fetch_pages_cb, self, NULL);
}
