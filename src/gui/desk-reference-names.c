#define G_LOG_DOMAIN "desk-reference-names"

#include "config.h"

#include <string.h>

#include "desk-query.h"
#include "desk-reference-names.h"
#include "desk-schema.h"

/* A reference column and where its titles come from. */
typedef struct
{
  char *column;
  char *table;
  char *title_field;
} NameSource;

typedef struct
{
  GPtrArray *sources; /* of NameSource */
  char      *action_id;
} NamesRequest;

struct _DeskReferenceNames
{
  GObject     parent_instance;

  GPtrArray  *sources; /* of NameSource */
  GHashTable *names;   /* column → (id → title) */
};

G_DEFINE_FINAL_TYPE (DeskReferenceNames, desk_reference_names, G_TYPE_OBJECT)

static void
name_source_free (NameSource *source)
{
  g_free (source->column);
  g_free (source->table);
  g_free (source->title_field);
  g_free (source);
}

static void
names_request_free (NamesRequest *request)
{
  g_ptr_array_unref (request->sources);
  g_free (request->action_id);
  g_free (request);
}

/* "station_id" refers to the station table, titled by its "name". */
static NameSource *
name_source_for_column (const char *column)
{
  g_autofree char *table = NULL;
  const DeskRecordType *type;
  NameSource *source;

  if (!g_str_has_suffix (column, "_id"))
    return NULL;

  table = g_strndup (column, strlen (column) - strlen ("_id"));
  type = desk_schema_lookup (table);
  if (type == NULL || type->title_field == NULL)
    return NULL;

  source = g_new0 (NameSource, 1);
  source->column = g_strdup (column);
  source->table = g_steal_pointer (&table);
  source->title_field = g_strdup (type->title_field);

  return source;
}

/* Runs on the database thread. */
static gpointer
load_names_func (DeskStore *store,
                 gpointer   data,
                 GError   **error)
{
  NamesRequest *request = data;
  g_autoptr(GHashTable) result = NULL;

  result = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify) g_hash_table_unref);

  for (guint i = 0; i < request->sources->len; i++)
    {
      NameSource *source = g_ptr_array_index (request->sources, i);
      const char *columns[] = { source->title_field, NULL };
      g_autoptr(GPtrArray) rows = NULL;
      GHashTable *names;

      rows = desk_query_rows (store, source->table, request->action_id,
                              columns, NULL, error);
      if (rows == NULL)
        return NULL;

      names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint j = 0; j < rows->len; j++)
        {
          DeskRow *row = g_ptr_array_index (rows, j);

          g_hash_table_insert (names, g_strdup (row->id), g_strdup (row->values[0]));
        }

      g_hash_table_insert (result, g_strdup (source->column), names);
    }

  return g_steal_pointer (&result);
}

/* The cells share the inner tables: refill them rather than replace them. */
static void
refill_names (DeskReferenceNames *self,
              GHashTable         *loaded)
{
  GHashTableIter iter;
  gpointer column, names;

  g_hash_table_iter_init (&iter, loaded);
  while (g_hash_table_iter_next (&iter, &column, &names))
    {
      GHashTable *shown = g_hash_table_lookup (self->names, column);
      GHashTableIter names_iter;
      gpointer id, title;

      g_assert (shown != NULL);

      g_hash_table_remove_all (shown);
      g_hash_table_iter_init (&names_iter, names);
      while (g_hash_table_iter_next (&names_iter, &id, &title))
        g_hash_table_insert (shown, g_strdup (id), g_strdup (title));
    }
}

static void
on_names_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GHashTable) loaded = NULL;
  GError *error = NULL;

  loaded = desk_store_run_finish (DESK_STORE (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (loaded != NULL)
    refill_names (g_task_get_source_object (task), loaded);

  g_task_return_boolean (task, TRUE);
}

static void
desk_reference_names_finalize (GObject *object)
{
  DeskReferenceNames *self = DESK_REFERENCE_NAMES (object);

  g_ptr_array_unref (self->sources);
  g_hash_table_unref (self->names);

  G_OBJECT_CLASS (desk_reference_names_parent_class)->finalize (object);
}

static void
desk_reference_names_class_init (DeskReferenceNamesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = desk_reference_names_finalize;
}

static void
desk_reference_names_init (DeskReferenceNames *self)
{
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) name_source_free);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_hash_table_unref);
}

DeskReferenceNames *
desk_reference_names_new (void)
{
  return g_object_new (DESK_TYPE_REFERENCE_NAMES, NULL);
}

GHashTable *
desk_reference_names_add_column (DeskReferenceNames *self,
                                 const char         *column)
{
  NameSource *source;
  GHashTable *names;

  g_return_val_if_fail (DESK_IS_REFERENCE_NAMES (self), NULL);
  g_return_val_if_fail (column != NULL, NULL);

  source = name_source_for_column (column);
  if (source == NULL)
    return NULL;

  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (self->names, g_strdup (column), names);
  g_ptr_array_add (self->sources, source);

  return names;
}

gboolean
desk_reference_names_is_empty (DeskReferenceNames *self)
{
  g_return_val_if_fail (DESK_IS_REFERENCE_NAMES (self), TRUE);

  return self->sources->len == 0;
}

gboolean
desk_reference_names_refers_to (DeskReferenceNames *self,
                                const char         *table)
{
  g_return_val_if_fail (DESK_IS_REFERENCE_NAMES (self), FALSE);

  for (guint i = 0; i < self->sources->len; i++)
    {
      NameSource *source = g_ptr_array_index (self->sources, i);

      if (g_strcmp0 (source->table, table) == 0)
        return TRUE;
    }

  return FALSE;
}

void
desk_reference_names_load_async (DeskReferenceNames  *self,
                                 DeskStore           *store,
                                 const char          *action_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  NamesRequest *request;

  g_return_if_fail (DESK_IS_REFERENCE_NAMES (self));
  g_return_if_fail (DESK_IS_STORE (store));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_reference_names_load_async);

  request = g_new0 (NamesRequest, 1);
  request->sources = g_ptr_array_ref (self->sources);
  request->action_id = g_strdup (action_id);

  desk_store_run_async (store, load_names_func, request,
                        (GDestroyNotify) names_request_free,
                        (GDestroyNotify) g_hash_table_unref,
                        cancellable, on_names_loaded_cb, g_steal_pointer (&task));
}

gboolean
desk_reference_names_load_finish (DeskReferenceNames  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
