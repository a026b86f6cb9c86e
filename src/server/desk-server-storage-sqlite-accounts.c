#define G_LOG_DOMAIN "desk-server-storage-sqlite"

#include "config.h"

#include "desk-server-storage-sqlite-private.h"

/* Accounts, tokens and failed logins of the SQLite backend. */

#define STORE(storage) desk_server_storage_sqlite_get_store (DESK_SERVER_STORAGE_SQLITE (storage))

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* One statement binding @text, or @number when @text is NULL, and
 * returning no rows; the store is locked. */
static gboolean
step_one (DeskStore   *store,
          const char  *sql,
          const char  *text,
          gint64       number,
          const char  *what,
          GError     **error)
{
  sqlite3_stmt *stmt = desk_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, number);
  return desk_server_sqlite_step_done (store, stmt, what, error);
}

/* The same on its own, under the store's lock. */
static gboolean
run_one (DeskStore   *store,
         const char  *sql,
         const char  *text,
         const char  *what,
         GError     **error)
{
  gboolean ok;

  desk_store_lock (store);
  ok = step_one (store, sql, text, 0, what, error);
  desk_store_unlock (store);
  return ok;
}

static gboolean
add_account (DeskServerStorage  *storage,
             const char         *username,
             DeskRole            role,
             const char         *password_hash,
             GError            **error)
{
  DeskStore *store = STORE (storage);
  g_autofree char *now = desk_now_iso (NULL);
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  desk_store_lock (store);
  stmt = desk_store_prepare (store,
                             "INSERT INTO accounts (username, role, password_hash, disabled, created_at) "
                             "VALUES (?, ?, ?, 0, ?)", &local_error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, username, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, desk_role_to_string (role), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, password_hash, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
      ok = desk_server_sqlite_step_done (store, stmt, "add account", &local_error);
      sqlite3_clear_bindings (stmt);   /* do not keep the hash bound */
    }
  desk_store_unlock (store);

  if (g_error_matches (local_error, DESK_SERVER_ERROR, DESK_SERVER_ERROR_EXISTS))
    g_set_error (error, DESK_SERVER_ERROR, DESK_SERVER_ERROR_EXISTS,
                 "An account named “%s” exists already", username);
  else if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

static DeskServerAccount *
read_account (sqlite3_stmt *stmt)
{
  DeskServerAccount *account = g_new0 (DeskServerAccount, 1);

  account->username = column_dup (stmt, 0);
  if (!desk_role_parse ((const char *) sqlite3_column_text (stmt, 1), &account->role))
    account->role = DESK_ROLE_BOV;   /* never widens access: the narrowest writer */
  account->password_hash = column_dup (stmt, 2);
  account->disabled = sqlite3_column_int (stmt, 3) != 0;
  account->created_at = column_dup (stmt, 4);
  return account;
}

/* Every account, or the one named @username (none when there is none). */
static GPtrArray *
query_accounts (DeskStore   *store,
                const char  *username,
                GError     **error)
{
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_server_account_free);
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  desk_store_lock (store);
  stmt = desk_store_prepare (store,
                             "SELECT username, role, password_hash, disabled, created_at "
                             "FROM accounts WHERE ?1 IS NULL OR username = ?1 ORDER BY username", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, username, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (accounts, read_account (stmt));
      ok = rc == SQLITE_DONE;
      if (!ok)
        desk_store_set_sqlite_error (store, error, "accounts");
      sqlite3_reset (stmt);
    }
  desk_store_unlock (store);
  return ok ? g_steal_pointer (&accounts) : NULL;
}

static DeskServerAccount *
lookup_account (DeskServerStorage  *storage,
                const char         *username,
                GError            **error)
{
  g_autoptr(GPtrArray) accounts = query_accounts (STORE (storage), username, error);

  if (accounts == NULL || accounts->len == 0)
    return NULL;
  return g_ptr_array_steal_index (accounts, 0);
}

static GPtrArray *
list_accounts (DeskServerStorage  *storage,
               GError            **error)
{
  return query_accounts (STORE (storage), NULL, error);
}

static gboolean
set_disabled (DeskServerStorage  *storage,
              const char         *username,
              gboolean            disabled,
              GError            **error)
{
  DeskStore *store = STORE (storage);
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!desk_server_sqlite_begin (store, error))
    return FALSE;

  stmt = desk_store_prepare (store, "UPDATE accounts SET disabled = ? WHERE username = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int (stmt, 1, disabled ? 1 : 0);
      sqlite3_bind_text (stmt, 2, username, -1, SQLITE_TRANSIENT);
      ok = desk_server_sqlite_step_done (store, stmt, "disable account", error);
    }
  if (ok && sqlite3_changes (desk_store_get_db (store)) == 0)
    {
      g_set_error (error, DESK_SERVER_ERROR, DESK_SERVER_ERROR_NOT_FOUND,
                   "There is no account named “%s”", username);
      ok = FALSE;
    }
  /* A disabled account loses its sessions at once. */
  if (ok && disabled)
    ok = step_one (store, "UPDATE tokens SET revoked = 1 WHERE username = ?", username, 0,
                   "revoke tokens", error);
  return desk_server_sqlite_finish (store, ok, error);
}

static gboolean
add_token (DeskServerStorage  *storage,
           const char         *token_hash,
           const char         *username,
           const char         *client_id,
           gint64              expires_at,
           GError            **error)
{
  DeskStore *store = STORE (storage);
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!desk_server_sqlite_begin (store, error))
    return FALSE;

  /* Tokens long dead are of no use to anyone: keep the table small. */
  ok = step_one (store, "DELETE FROM tokens WHERE expires_at < ?", NULL,
                 g_get_real_time () / G_USEC_PER_SEC - 7 * 24 * 3600, "prune tokens", error);
  if (ok)
    {
      stmt = desk_store_prepare (store,
                                 "INSERT INTO tokens (token_hash, username, client_id, expires_at, revoked) "
                                 "VALUES (?, ?, ?, ?, 0)", error);
      ok = stmt != NULL;
    }
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, username, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, client_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, expires_at);
      ok = desk_server_sqlite_step_done (store, stmt, "add token", error);
    }
  return desk_server_sqlite_finish (store, ok, error);
}

static DeskServerSession *
lookup_token (DeskServerStorage  *storage,
              const char         *token_hash,
              gint64              now,
              GError            **error)
{
  DeskStore *store = STORE (storage);
  DeskServerSession *session = NULL;
  sqlite3_stmt *stmt;
  int rc;

  desk_store_lock (store);
  stmt = desk_store_prepare (store,
                             "SELECT t.username, a.role, t.client_id, t.expires_at "
                             "FROM tokens t JOIN accounts a ON a.username = t.username "
                             "WHERE t.token_hash = ? AND t.revoked = 0 AND a.disabled = 0 "
                             "AND t.expires_at > ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, now);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          DeskRole role;

          if (desk_role_parse ((const char *) sqlite3_column_text (stmt, 1), &role))
            {
              session = g_new0 (DeskServerSession, 1);
              session->username = column_dup (stmt, 0);
              session->role = role;
              session->client_id = column_dup (stmt, 2);
              session->token_hash = g_strdup (token_hash);
              session->expires_at = sqlite3_column_int64 (stmt, 3);
            }
        }
      else if (rc != SQLITE_DONE)
        desk_store_set_sqlite_error (store, error, "look up token");
      sqlite3_reset (stmt);
    }
  desk_store_unlock (store);
  return session;
}

static gboolean
revoke_token (DeskServerStorage  *storage,
              const char         *token_hash,
              GError            **error)
{
  return run_one (STORE (storage), "UPDATE tokens SET revoked = 1 WHERE token_hash = ?", token_hash,
                  "revoke token", error);
}

/* The store is locked. */
static gboolean
read_failures (DeskStore   *store,
               const char  *key,
               gint64       since,
               guint       *count,
               gint64      *last_at,
               GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *count = 0;
  *last_at = 0;
  stmt = desk_store_prepare (store, "SELECT count, last_at FROM login_failures WHERE key = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_int64 (stmt, 1) >= since)
    {
      *count = (guint) CLAMP (sqlite3_column_int64 (stmt, 0), 0, G_MAXINT);
      *last_at = sqlite3_column_int64 (stmt, 1);
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    desk_store_set_sqlite_error (store, error, "login failures");
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

static gboolean
get_login_failures (DeskServerStorage  *storage,
                    const char         *key,
                    gint64              since,
                    guint              *count,
                    gint64             *last_at,
                    GError            **error)
{
  DeskStore *store = STORE (storage);
  gboolean ok;

  desk_store_lock (store);
  ok = read_failures (store, key, since, count, last_at, error);
  desk_store_unlock (store);
  return ok;
}

static gboolean
add_login_failure (DeskServerStorage  *storage,
                   const char         *key,
                   gint64              now,
                   gint64              since,
                   guint              *count,
                   GError            **error)
{
  DeskStore *store = STORE (storage);
  sqlite3_stmt *stmt;
  gint64 last_at;
  gboolean ok;

  if (!desk_server_sqlite_begin (store, error))
    return FALSE;

  ok = read_failures (store, key, since, count, &last_at, error) &&
       step_one (store, "DELETE FROM login_failures WHERE last_at < ?", NULL, since,
                 "prune login failures", error);
  if (ok)
    {
      stmt = desk_store_prepare (store,
                                 "INSERT OR REPLACE INTO login_failures (key, count, last_at) "
                                 "VALUES (?, ?, ?)", error);
      ok = stmt != NULL;
    }
  if (ok)
    {
      *count += 1;
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, *count);
      sqlite3_bind_int64 (stmt, 3, now);
      ok = desk_server_sqlite_step_done (store, stmt, "login failure", error);
    }
  return desk_server_sqlite_finish (store, ok, error);
}

static gboolean
clear_login_failures (DeskServerStorage  *storage,
                      const char         *key,
                      GError            **error)
{
  return run_one (STORE (storage), "DELETE FROM login_failures WHERE key = ?", key,
                  "clear login failures", error);
}

void
desk_server_sqlite_accounts_iface_init (DeskServerStorageInterface *iface)
{
  iface->add_account = add_account;
  iface->lookup_account = lookup_account;
  iface->list_accounts = list_accounts;
  iface->set_disabled = set_disabled;
  iface->add_token = add_token;
  iface->lookup_token = lookup_token;
  iface->revoke_token = revoke_token;
  iface->get_login_failures = get_login_failures;
  iface->add_login_failure = add_login_failure;
  iface->clear_login_failures = clear_login_failures;
}
