#pragma once

#include <adwaita.h>

#include "desk-roles.h"
#include "desk-store.h"

G_BEGIN_DECLS

/* One arrestee's record: identity, arrest, custody (with its clock),
 * welfare, release, support and notes, saved through the one write path as
 * it is typed, and the timeline of its changes. The Arrestees page shows it
 * beside (or over) its list. It may open another record by itself (a
 * duplicate's Open, the survivor of a merge): "notify::record-id" says so. */
#define DESK_TYPE_ARRESTEE_EDITOR (desk_arrestee_editor_get_type ())
G_DECLARE_FINAL_TYPE (DeskArresteeEditor, desk_arrestee_editor, DESK, ARRESTEE_EDITOR, AdwBin)

GtkWidget  *desk_arrestee_editor_new        (void);
void        desk_arrestee_editor_set_store  (DeskArresteeEditor *self,
                                             DeskStore          *store);
/* The record shown; NULL shows nothing. Unsaved typing in the previous
 * record is saved first. */
void        desk_arrestee_editor_set_record (DeskArresteeEditor *self,
                                             const char         *record_id);
const char *desk_arrestee_editor_get_record (DeskArresteeEditor *self);
/* What the account may see and change (NULL: working on this computer
 * only, everything). Fields the role may not see are not shown. */
void        desk_arrestee_editor_set_role   (DeskArresteeEditor *self,
                                             const DeskRole     *role);

/* Hands everything typed so far to the store at once (the page calls it
 * before it goes away). */
void        desk_arrestee_editor_save_now   (DeskArresteeEditor *self);
/* Nothing typed is waiting or being written. */
gboolean    desk_arrestee_editor_is_saved   (DeskArresteeEditor *self);

G_END_DECLS
