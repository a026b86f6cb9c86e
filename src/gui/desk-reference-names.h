#pragma once

#include <gio/gio.h>

#include "desk-store.h"

G_BEGIN_DECLS

/* The titles of the records a table refers to ("station_id" → the name of
 * the station), loaded from the store for the cells of its reference
 * columns. */
#define DESK_TYPE_REFERENCE_NAMES (desk_reference_names_get_type ())
G_DECLARE_FINAL_TYPE (DeskReferenceNames, desk_reference_names, DESK, REFERENCE_NAMES, GObject)

DeskReferenceNames *desk_reference_names_new         (void);
/* For a reference column: the table (id → title) its cells look titles up
 * in, refilled by each load; NULL when @column names no titled table. */
GHashTable         *desk_reference_names_add_column  (DeskReferenceNames   *self,
                                                      const char           *column);
gboolean            desk_reference_names_is_empty    (DeskReferenceNames   *self);
/* Whether a column refers to records of @table. */
gboolean            desk_reference_names_refers_to   (DeskReferenceNames   *self,
                                                      const char           *table);
/* Loads the titles of the records in @action_id on the store's database
 * thread, then refills the tables of the columns. */
void                desk_reference_names_load_async  (DeskReferenceNames   *self,
                                                      DeskStore            *store,
                                                      const char           *action_id,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean            desk_reference_names_load_finish (DeskReferenceNames   *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

G_END_DECLS
