#define G_LOG_DOMAIN "desk-sync-account"

#include "config.h"

#include "desk-store-private.h"
#include "desk-sync-account.h"

/* Settings names; "" stands for none. */
#define SERVER   "sync_server"
#define USERNAME "sync_username"
#define ROLE     "sync_role"
#define CA_FILE  "sync_ca_file"
#define PINNED   "sync_pinned_certificate"

void
desk_sync_account_free (DeskSyncAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->server_url);
  g_free (account->username);
  g_free (account->ca_file);
  g_free (account->pinned_pem);
  g_free (account);
}

static char *
get (DeskStore  *store,
     const char *name)
{
  char *value = desk_store_get_setting (store, name);

  if (value != NULL && *value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

DeskSyncAccount *
desk_sync_account_load (DeskStore *store)
{
  g_autoptr(DeskSyncAccount) account = g_new0 (DeskSyncAccount, 1);
  g_autofree char *role = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  account->server_url = get (store, SERVER);
  if (account->server_url == NULL)
    return NULL;
  account->username = get (store, USERNAME);
  account->ca_file = get (store, CA_FILE);
  account->pinned_pem = get (store, PINNED);
  role = get (store, ROLE);
  account->has_role = desk_role_parse (role, &account->role);
  return g_steal_pointer (&account);
}

gboolean
desk_sync_account_save (DeskStore              *store,
                        const DeskSyncAccount  *account,
                        GError                **error)
{
  gboolean ok;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (account != NULL && account->server_url != NULL, FALSE);

  desk_store_lock (store);
  if (!desk_store_exec (store, "BEGIN IMMEDIATE", error))
    {
      desk_store_unlock (store);
      return FALSE;
    }
  ok = desk_store_set_setting (store, SERVER, account->server_url, error) &&
       desk_store_set_setting (store, USERNAME, account->username ? account->username : "", error) &&
       desk_store_set_setting (store, ROLE, account->has_role ? desk_role_to_string (account->role) : "", error) &&
       desk_store_set_setting (store, CA_FILE, account->ca_file ? account->ca_file : "", error) &&
       desk_store_set_setting (store, PINNED, account->pinned_pem ? account->pinned_pem : "", error) &&
       desk_store_exec (store, "COMMIT", error);
  if (!ok)
    desk_store_exec (store, "ROLLBACK", NULL);
  desk_store_unlock (store);
  return ok;
}
