#pragma once

#include <adwaita.h>

#include "desk-roles.h"
#include "desk-store.h"

G_BEGIN_DECLS

/* What sync needs a person for: open conflicts to resolve, and changes
 * the server refused, with its reasons. */
#define DESK_TYPE_SYNC_ISSUES_WINDOW (desk_sync_issues_window_get_type ())
G_DECLARE_FINAL_TYPE (DeskSyncIssuesWindow, desk_sync_issues_window, DESK, SYNC_ISSUES_WINDOW, AdwPreferencesWindow)

/* @role NULL: no role known. Opens on the refused changes when
 * @show_refused, on the conflicts otherwise. */
GtkWidget *desk_sync_issues_window_new (GtkWindow      *parent,
                                        DeskStore      *store,
                                        const DeskRole *role,
                                        gboolean        show_refused);

G_END_DECLS
