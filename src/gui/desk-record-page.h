#pragma once

#include <adwaita.h>

#include "desk-store.h"

G_BEGIN_DECLS

/* A table of one record type in the current action, with an empty state.
 * Configured from the template of its window: "table", "columns" (one
 * column name a line), "order-by" and the empty-state texts. */
#define DESK_TYPE_RECORD_PAGE (desk_record_page_get_type ())
G_DECLARE_FINAL_TYPE (DeskRecordPage, desk_record_page, DESK, RECORD_PAGE, AdwBin)

DeskStore  *desk_record_page_get_store   (DeskRecordPage *self);
void        desk_record_page_set_store   (DeskRecordPage *self,
                                          DeskStore      *store);
const char *desk_record_page_get_action  (DeskRecordPage *self);
void        desk_record_page_set_action  (DeskRecordPage *self,
                                          const char     *action_id);
const char *desk_record_page_get_table   (DeskRecordPage *self);
/* Records shown, and whether a load is in flight. */
guint       desk_record_page_get_n_items (DeskRecordPage *self);
gboolean    desk_record_page_get_loading (DeskRecordPage *self);
/* Load again from the store (after a change). */
void        desk_record_page_reload      (DeskRecordPage *self);

void            desk_record_page_activate    (DeskRecordPage *self);

G_END_DECLS
