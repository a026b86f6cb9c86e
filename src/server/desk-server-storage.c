#define G_LOG_DOMAIN "desk-server-storage"

#include "config.h"

#include <string.h>

#include "desk-server-storage.h"

G_DEFINE_QUARK (desk-server-error-quark, desk_server_error)

G_DEFINE_INTERFACE (DeskServerStorage, desk_server_storage, G_TYPE_OBJECT)

static void
desk_server_storage_default_init (DeskServerStorageInterface *iface)
{
}

void
desk_server_account_free (DeskServerAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->username);
  if (account->password_hash != NULL)
    memset (account->password_hash, 0, strlen (account->password_hash));
  g_free (account->password_hash);
  g_free (account->created_at);
  g_free (account);
}

void
desk_server_session_free (DeskServerSession *session)
{
  if (session == NULL)
    return;
  g_free (session->username);
  g_free (session->client_id);
  g_free (session->token_hash);
  g_free (session);
}

void
desk_push_outcome_clear (DeskPushOutcome *outcome)
{
  g_clear_pointer (&outcome->reason, g_free);
}

const char *
desk_push_status_to_string (DeskPushStatus status)
{
  switch (status)
    {
    case DESK_PUSH_APPLIED:   return "applied";
    case DESK_PUSH_DUPLICATE: return "duplicate";
    case DESK_PUSH_REJECTED:  return "rejected";
    case DESK_PUSH_GAP:       return "gap";
    default:                  g_return_val_if_reached (NULL);
    }
}

#define IFACE(self) DESK_SERVER_STORAGE_GET_IFACE (self)

int
desk_server_storage_get_schema_version (DeskServerStorage *self)
{
  g_return_val_if_fail (DESK_IS_SERVER_STORAGE (self), 0);
  return IFACE (self)->get_schema_version (self);
}

gboolean
desk_server_storage_add_account (DeskServerStorage  *self,
                                 const char         *username,
                                 DeskRole            role,
                                 const char         *password_hash,
                                 GError            **error)
{
  g_return_val_if_fail (DESK_IS_SERVER_STORAGE (self), FALSE);
  g_return_val_if_fail (username != NULL && password_hash != NULL, FALSE);
  return IFACE (self)->add_account (self, username, role, password_hash, error);
}

DeskServerAccount *
desk_server_storage_lookup_account (DeskServerStorage  *self,
                                    const char         *username,
                                    GError            **error)
{
  g_return_val_if_fail (DESK_IS_SERVER_STORAGE (self), NULL);
  g_return_val_if_fail (username != NULL, NULL);
  return IFACE (self)->lookup_account (self, username, error);
}

GPtrArray *
desk_server_storage_list_accounts (DeskServerStorage  *self,
                                   GError            **error)
{
  g_return_val_if_fail (DESK_IS_SERVER_STORAGE (self), NULL);
  return IFACE (self)->list_accounts (self, error);
}

gboolean
desk_server_storage_set_disabled (DeskServerStorage  *self,
                                  const char         *username,
                                  gboolean            disabled,
                                  GError            **error)
{
  g_return_val_if_fail (DESK_IS_SERVER_STORAGE (self), FALSE);
  g_return_val_if_fail (username != NULL, FALSE);
  return IFACE (self)->set_disabled (self, username, disabled, error);
}

gboolean
desk_server_storage_add_token (DeskServerStorage  *self,
                               const char         *token_hash,
                               const char         *username,
                               const char         *client_id,
                               gint64              expires_at,
                               GError            **error)
{
  g_return_val_if_fail (DESK_IS_SERVER_STORAGE (self), FALSE);
  g_return_val_if_fail (token_hash != NULL && username != NULL && client_id != NULL, FALSE);
  return IFACE (self)->add_token (self, token_hash, username, client_id, expires_at, error);
}

DeskServerSession *
desk_server_storage_lookup_token (DeskServerStorage  *self,
                                  const char         *token_hash,
                                  gint64              now,
                                  GError            **error)
{
  g_return_val_if_fail (DESK_IS_SERVER_STORAGE (self), NULL);
  g_return_val_if_fail (token_hash != NULL, NULL);
  return IFACE (self)->lookup_token (self, token_hash, now, error);
}

gboolean
desk_server_storage_revoke_token (DeskServerStorage  *self,
                                  const char         *token_hash,
                                  GError            **error)
{
  g_return_val_if_fail (DESK_IS_SERVER_STORAGE (self), FALSE);
  g_return_val_if_fail (token_hash != NULL, FALSE);
  return IFACE (self)->revoke_token (self, token_hash, error);
}

gboolean
desk_server_storage_get_login_failures (DeskServerStorage  *self,
                                        const char         *key,
                                        gint64              since,
                                        guint              *count,
                                        gint64             *last_at,
                                        GError            **error)
{
  g_return_val_if_fail (DESK_IS_SERVER_STORAGE (self), FALSE);
  g_return_val_if_fail (key != NULL && count != NULL && last_at != NULL, FALSE);
  return IFACE (self)->get_login_failures (self, key, since, count, last_at, error);
}

gboolean
desk_server_storage_add_login_failure (DeskServerStorage  *self,
                                       const char         *key,
                                       gint64              now,
                                       gint64              since,
                                       guint              *count,
                                       GError            **error)
{
  g_return_val_if_fail (DESK_IS_SERVER_STORAGE (self), FALSE);
  g_return_val_if_fail (key != NULL && count != NULL, FALSE);
  return IFACE (self)->add_login_failure (self, key, now, since, count, error);
}

gboolean
desk_server_storage_clear_login_failures (DeskServerStorage  *self,
                                          const char         *key,
                                          GError            **error)
{
  g_return_val_if_fail (DESK_IS_SERVER_STORAGE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  return IFACE (self)->clear_login_failures (self, key, error);
}

gboolean
desk_server_storage_begin_batch (DeskServerStorage  *self,
                                 gboolean            guarded,
                                 GError            **error)
{
  g_return_val_if_fail (DESK_IS_SERVER_STORAGE (self), FALSE);
  return IFACE (self)->begin_batch (self, guarded, error);
}

gboolean
desk_server_storage_end_batch (DeskServerStorage  *self,
                               GError            **error)
{
  g_return_val_if_fail (DESK_IS_SERVER_STORAGE (self), FALSE);
  return IFACE (self)->end_batch (self, error);
}

void
desk_server_storage_abort_batch (DeskServerStorage *self)
{
  g_return_if_fail (DESK_IS_SERVER_STORAGE (self));
  IFACE (self)->abort_batch (self);
}

gboolean
desk_server_storage_push (DeskServerStorage  *self,
                          const char         *client_id,
                          const char         *username,
                          DeskRole            role,
                          const DeskMutation *mutation,
                          DeskPushOutcome    *outcome,
                          GError            **error)
{
  g_return_val_if_fail (DESK_IS_SERVER_STORAGE (self), FALSE);
  g_return_val_if_fail (client_id != NULL && username != NULL, FALSE);
  g_return_val_if_fail (mutation != NULL && outcome != NULL, FALSE);
  return IFACE (self)->push (self, client_id, username, role, mutation, outcome, error);
}

GPtrArray *
desk_server_storage_pull (DeskServerStorage  *self,
                          gint64              after,
                          guint               limit,
                          gint64             *version,
                          gboolean           *more,
                          GError            **error)
{
  g_return_val_if_fail (DESK_IS_SERVER_STORAGE (self), NULL);
  g_return_val_if_fail (version != NULL && more != NULL, NULL);
  return IFACE (self)->pull (self, after, limit, version, more, error);
}

gint64
desk_server_storage_get_version (DeskServerStorage  *self,
                                 GError            **error)
{
  g_return_val_if_fail (DESK_IS_SERVER_STORAGE (self), -1);
  return IFACE (self)->get_version (self, error);
}

gboolean
desk_server_storage_lookup_conflict (DeskServerStorage  *self,
                                     const char         *conflict_id,
                                     char              **table_name,
                                     char              **field,
                                     GError            **error)
{
  g_return_val_if_fail (DESK_IS_SERVER_STORAGE (self), FALSE);
  g_return_val_if_fail (conflict_id != NULL && table_name != NULL && field != NULL, FALSE);
  return IFACE (self)->lookup_conflict (self, conflict_id, table_name, field, error);
}
