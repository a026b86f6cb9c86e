#pragma once

#include <adwaita.h>

#include "desk-application.h"
#include "desk-roles.h"
#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_WINDOW (desk_window_get_type ())
G_DECLARE_FINAL_TYPE (DeskWindow, desk_window, DESK, WINDOW, AdwApplicationWindow)

DeskWindow *desk_window_new          (DeskApplication *application,
                                      gboolean         training);
gboolean    desk_window_get_training (DeskWindow      *self);
/* Whether the window has painted its first frame ("painted" notifies). */
gboolean    desk_window_get_painted  (DeskWindow      *self);
DeskStore  *desk_window_get_store    (DeskWindow      *self);
/* Shows the records of @store (NULL: none, back to the busy state). */
void        desk_window_set_store    (DeskWindow      *self,
                                      DeskStore       *store);
/* While the store opens: a spinner under @title. */
void        desk_window_show_busy    (DeskWindow      *self,
                                      const char      *title);
/* The records cannot be shown: why, and whether app.unlock may help. */
void        desk_window_show_problem (DeskWindow      *self,
                                      const char      *icon_name,
                                      const char      *title,
                                      const char      *description,
                                      gboolean         can_unlock);
/* Hides what @role may not see or do (NULL: no role, nothing hidden). */
void        desk_window_set_role     (DeskWindow      *self,
                                      const DeskRole  *role);
/* While the desk is asked how it syncs, the new-action question waits. */
void        desk_window_set_sync_question (DeskWindow *self,
                                           gboolean    asking);
/* Takes ownership of @toast. */
void        desk_window_add_toast    (DeskWindow      *self,
                                      AdwToast        *toast);

G_END_DECLS
