#pragma once

#include <adwaita.h>

#include "desk-store.h"
#include "desk-sync-account.h"
#include "desk-sync-client.h"

G_BEGIN_DECLS

/* The first-run choice (Back Office server or this computer only) and the
 * log-in to a server: address, user name, password; a certificate no
 * authority vouches for is shown by its fingerprint and pinned only when
 * the person accepts it. On success the token is in the keyring, the
 * account in the store, and "connected" hands over the signed-in client. */

#define DESK_TYPE_CONNECT_DIALOG (desk_connect_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DeskConnectDialog, desk_connect_dialog, DESK, CONNECT_DIALOG, AdwWindow)

/* @account: the desk's account, to fill in and to log in to again (NULL
 * on a first run). @log_in_again skips the choice. */
GtkWidget *desk_connect_dialog_new (GtkWindow             *parent,
                                    DeskStore             *store,
                                    const DeskSyncAccount *account,
                                    gboolean               log_in_again);

G_END_DECLS
