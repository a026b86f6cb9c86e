#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The sync status in the header bar: online, offline, changes waiting,
 * last synced, the first full pull's progress; its popover tells more and
 * offers "Sync Now". Follows the application's DeskSyncManager, and hides
 * while the desk does not sync. */
#define DESK_TYPE_SYNC_BUTTON (desk_sync_button_get_type ())
G_DECLARE_FINAL_TYPE (DeskSyncButton, desk_sync_button, DESK, SYNC_BUTTON, AdwBin)

/* What the button says, as a person reads it (for tests and accessibility). */
const char *desk_sync_button_get_text (DeskSyncButton *self);

G_END_DECLS
