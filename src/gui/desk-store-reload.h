#pragma once

#include <glib-object.h>

#include "desk-store.h"

G_BEGIN_DECLS

/* Runs a query on the store's database thread whenever the store changes
 * (and once at the start), one at a time, and hands each result to a
 * widget in the main context. Freeing it cancels what is under way. */
typedef struct _DeskStoreReload DeskStoreReload;

/* @result is the query's; @done takes it. */
typedef void (*DeskStoreReloadDone) (GObject  *owner,
                                     gpointer  result);

DeskStoreReload *desk_store_reload_new  (GObject             *owner,
                                         DeskStore           *store,
                                         DeskStoreFunc        query,
                                         GDestroyNotify       result_free,
                                         DeskStoreReloadDone  done);
void             desk_store_reload_run  (DeskStoreReload     *self);
/* Only changes to @table rerun the query (a whole-table read is not
 * worth redoing for every call logged). */
void             desk_store_reload_watch_table (DeskStoreReload *self,
                                                const char      *table);
/* Waits @ms after a change before rerunning, so a burst of changes (a
 * pull, an import) costs one read. */
void             desk_store_reload_set_delay   (DeskStoreReload *self,
                                                guint            ms);
void             desk_store_reload_free (DeskStoreReload     *self);

G_END_DECLS
