#pragma once

#include <adwaita.h>

#include "desk-store.h"
#include "desk-window.h"

G_BEGIN_DECLS

/* The arrestee import in the app: the file chooser, the progress of the
 * import (cancellable until the write begins), then a toast saying what was
 * imported or a dialog with the error (line, column, how to fix it). */
#define DESK_TYPE_IMPORT_DIALOG (desk_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DeskImportDialog, desk_import_dialog, DESK, IMPORT_DIALOG, AdwMessageDialog)

/* Asks for a CSV file and imports its arrestees into @action_id; without
 * a store or an action (NULL) it says there is nothing to import into. */
void desk_import_dialog_choose (DeskWindow *window,
                                DeskStore  *store,
                                const char *action_id);

G_END_DECLS
