#define G_LOG_DOMAIN "desk-store-reload"

#include "config.h"

#include "desk-store-reload.h"

struct _DeskStoreReload
{
  GObject             *owner;       /* weak: it owns this */
  DeskStore           *store;
  GCancellable        *cancellable;
  DeskStoreFunc        query;
  GDestroyNotify       result_free;
  DeskStoreReloadDone  done;
  gulong               changed_id;
  char                *table;       /* NULL: every table */
  guint                delay_ms;
  guint                delay_id;
  gboolean             loading;
  gboolean             again;       /* the store changed during a load */
};

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  DeskStoreReload *self;
  gpointer loaded;

  loaded = desk_store_run_finish (DESK_STORE (source), result, &error);
  /* Cancelled: self is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = user_data;
  self->loading = FALSE;
  if (loaded == NULL)
    g_warning ("Cannot read the store: %s", error->message);
  else
    self->done (self->owner, loaded);

  if (self->again)
    {
      self->again = FALSE;
      desk_store_reload_run (self);
    }
}

static gboolean
on_delay_done_cb (gpointer user_data)
{
  DeskStoreReload *self = user_data;

  self->delay_id = 0;
  desk_store_reload_run (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (DeskStore  *store,
                     const char *table,
                     gpointer    user_data)
{
  DeskStoreReload *self = user_data;

  if (self->table != NULL && g_strcmp0 (self->table, table) != 0)
    return;
  if (self->delay_ms == 0)
    desk_store_reload_run (self);
  else if (self->delay_id == 0)
    self->delay_id = g_timeout_add (self->delay_ms, on_delay_done_cb, self);
}

DeskStoreReload *
desk_store_reload_new (GObject             *owner,
                       DeskStore           *store,
                       DeskStoreFunc        query,
                       GDestroyNotify       result_free,
                       DeskStoreReloadDone  done)
{
  DeskStoreReload *self = g_new0 (DeskStoreReload, 1);

  self->owner = owner;
  self->store = g_object_ref (store);
  self->cancellable = g_cancellable_new ();
  self->query = query;
  self->result_free = result_free;
  self->done = done;
  self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), self);
  return self;
}

void
desk_store_reload_run (DeskStoreReload *self)
{
  if (self->loading)
    {
      self->again = TRUE;
      return;
    }
  self->loading = TRUE;
  desk_store_run_async (self->store, self->query, NULL, NULL, self->result_free,
                        self->cancellable, on_loaded_cb, self);
}

void
desk_store_reload_watch_table (DeskStoreReload *self,
                               const char      *table)
{
  g_free (self->table);
  self->table = g_strdup (table);
}

void
desk_store_reload_set_delay (DeskStoreReload *self,
                             guint            ms)
{
  self->delay_ms = ms;
}

void
desk_store_reload_free (DeskStoreReload *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->delay_id, g_source_remove);
  g_free (self->table);
  g_cancellable_cancel (self->cancellable);
  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_free (self);
}
