#pragma once

#include <adwaita.h>

#include "desk-store.h"
#include "desk-sync-manager.h"

G_BEGIN_DECLS

#define DESK_TYPE_APPLICATION (desk_application_get_type ())
G_DECLARE_FINAL_TYPE (DeskApplication, desk_application, DESK, APPLICATION, AdwApplication)

DeskApplication *desk_application_new       (void);
/* The open store, or NULL while it is locked or opening. */
DeskStore       *desk_application_get_store (DeskApplication *self);
/* Sync with the Back Office server, for the open store. */
DeskSyncManager *desk_application_get_sync_manager (DeskApplication *self);

G_END_DECLS
