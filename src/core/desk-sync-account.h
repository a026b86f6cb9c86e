#pragma once

#include "desk-roles.h"
#include "desk-store.h"

G_BEGIN_DECLS

/* Which server this desk syncs with, as whom, and how it trusts the server:
 * kept in the encrypted database. The session token lives in the keyring
 * (desk-sync-token.h) and the password nowhere. */
typedef struct
{
  char     *server_url;
  char     *username;
  DeskRole  role;
  gboolean  has_role;     /* FALSE until the server has told */
  char     *ca_file;      /* absolute path of PEM CA certificates, or NULL */
  char     *pinned_pem;   /* the one certificate to accept, or NULL */
} DeskSyncAccount;

void             desk_sync_account_free (DeskSyncAccount *account);
/* NULL when this desk has no server yet. */
DeskSyncAccount *desk_sync_account_load (DeskStore              *store);
/* All or nothing. */
gboolean         desk_sync_account_save (DeskStore              *store,
                                         const DeskSyncAccount  *account,
                                         GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskSyncAccount, desk_sync_account_free)

G_END_DECLS
