#define G_LOG_DOMAIN "desk-record-list"

#include "config.h"

#include "desk-record-list-private.h"

/* Loading what is listed: the ids in order on the database thread, with
 * the first page of rows and fresh values for the items alive now. One
 * load runs at a time. */

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
  first_ids = desk_record_list_dup_ids (ids, 0, DESK_RECORD_LIST_PAGE_SIZE);
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
        desk_record_list_fill_item (self, loaded->live_ids[i], g_ptr_array_index (loaded->live_rows, i));
      ids = g_steal_pointer (&loaded->ids);
    }

  desk_record_list_replace_ids (self, ids, loaded != NULL ? g_steal_pointer (&loaded->first_page) : NULL);
  g_clear_pointer (&loaded, load_result_free);

  if (self->reload_again)
    {
      self->reload_again = FALSE;
      desk_record_list_start_load (self);
    }
  else
    desk_record_list_notify_loading (self);
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

void
desk_record_list_start_load (DeskRecordList *self)
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
  desk_record_list_notify_loading (self);
}

/* The query changed: what is being loaded is no longer what is wanted. */
void
desk_record_list_restart_load (DeskRecordList *self)
{
  if (self->loading != NULL)
    {
      g_cancellable_cancel (self->loading);
      g_clear_object (&self->loading);
      self->reload_again = FALSE;
    }
  if (self->started)
    desk_record_list_start_load (self);
}
