#pragma once

#include <adwaita.h>

#include "desk-roles.h"
#include "desk-store.h"

G_BEGIN_DECLS

/* The Arrestees page: every arrestee of the current action in a table with
 * the custody clock running (name, status, station, time in custody, time
 * left, flags), sorted by a column header, filtered by status, station and
 * flag, searched by name whatever the spelling; Enter opens a record in
 * the editor beside the list (drill-in), Escape comes back. */
#define DESK_TYPE_ARRESTEE_PAGE (desk_arrestee_page_get_type ())
G_DECLARE_FINAL_TYPE (DeskArresteePage, desk_arrestee_page, DESK, ARRESTEE_PAGE, AdwBin)

DeskStore  *desk_arrestee_page_get_store   (DeskArresteePage *self);
void        desk_arrestee_page_set_store   (DeskArresteePage *self,
                                            DeskStore        *store);
const char *desk_arrestee_page_get_action  (DeskArresteePage *self);
void        desk_arrestee_page_set_action  (DeskArresteePage *self,
                                            const char       *action_id);
/* What the account may see and do (NULL: everything). */
void        desk_arrestee_page_set_role    (DeskArresteePage *self,
                                            const DeskRole   *role);
/* Rows shown (after search and filters), and whether they are loading. */
guint       desk_arrestee_page_get_n_items (DeskArresteePage *self);
gboolean    desk_arrestee_page_get_loading (DeskArresteePage *self);
/* Shown for the first time: build the table and load. */
void        desk_arrestee_page_activate    (DeskArresteePage *self);
/* Drill into one record (the editor), or back to the list. */
void        desk_arrestee_page_open_record (DeskArresteePage *self,
                                            const char       *record_id);
void        desk_arrestee_page_show_list   (DeskArresteePage *self);

G_END_DECLS
