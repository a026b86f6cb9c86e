#pragma once

#include "desk-application.h"
#include "desk-custody-alerts.h"
#include "desk-key.h"
#include "desk-sync-manager.h"
#include "desk-unlock-dialog.h"
#include "desk-window.h"

G_BEGIN_DECLS

struct _DeskApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  DeskStore      *store;
  DeskSyncManager *sync;
  DeskCustodyAlerts *custody_alerts;
  GCancellable   *cancellable;

  char           *database_path;
  char           *key_file;
  gboolean        training;
  gboolean        opening;

  /* Why the last open failed, for app.unlock. */
  DeskUnlockReason unlock_reason;
};
/* The application's main window, or NULL before it is made. */
DeskWindow *desk_application_find_window (DeskApplication *self);

/* desk-application-store.c: opening the encrypted records, asking for the
 * key when the keyring cannot give it, and showing them once open. */
void        desk_application_store_init  (DeskApplication *self);
void        desk_application_open_store  (DeskApplication *self,
                                          DeskKey         *passphrase);

G_END_DECLS
