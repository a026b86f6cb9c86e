#pragma once

#include <gio/gio.h>

#include "desk-roles.h"
#include "desk-sync-protocol.h"

G_BEGIN_DECLS

/* Everything the server keeps, behind one interface so a PostgreSQL
 * backend can follow the SQLite one (DESIGN.md "Growing past one machine").
 * The server keeps no other state: tokens, failure counts and the change
 * log all live here. */

#define DESK_SERVER_ERROR (desk_server_error_quark ())

typedef enum
{
  DESK_SERVER_ERROR_EXISTS,     /* an account of that name exists */
  DESK_SERVER_ERROR_NOT_FOUND,  /* no such account */
  DESK_SERVER_ERROR_INVALID,    /* bad name, role or setting */
  DESK_SERVER_ERROR_FAILED,     /* the database said no */
} DeskServerError;

GQuark desk_server_error_quark (void);

typedef struct
{
  char     *username;
  DeskRole  role;
  char     *password_hash;  /* argon2id, encoded */
  gboolean  disabled;
  char     *created_at;
} DeskServerAccount;

void desk_server_account_free (DeskServerAccount *account);

/* Who a valid bearer token belongs to. */
typedef struct
{
  char     *username;
  DeskRole  role;
  char     *client_id;
  char     *token_hash;
  gint64    expires_at;     /* Unix seconds */
} DeskServerSession;

void desk_server_session_free (DeskServerSession *session);

typedef enum
{
  DESK_PUSH_APPLIED,
  DESK_PUSH_DUPLICATE,
  DESK_PUSH_REJECTED,
  DESK_PUSH_GAP,
} DeskPushStatus;

typedef struct
{
  DeskPushStatus  status;
  char           *reason;    /* rejected: why, never personal data */
  gint64          expected;  /* gap: the id the server waits for */
  guint           n_logged;  /* change-log entries the mutation added */
  gboolean        echoed;    /* they are its fields exactly as sent: no
                              * conflict, none lost to a newer stamp */
} DeskPushOutcome;

void        desk_push_outcome_clear (DeskPushOutcome *outcome);
const char *desk_push_status_to_string (DeskPushStatus status);

#define DESK_TYPE_SERVER_STORAGE (desk_server_storage_get_type ())
G_DECLARE_INTERFACE (DeskServerStorage, desk_server_storage, DESK, SERVER_STORAGE, GObject)

struct _DeskServerStorageInterface
{
  GTypeInterface parent_iface;

  int                 (*get_schema_version)   (DeskServerStorage  *self);

  gboolean            (*add_account)          (DeskServerStorage  *self,
                                               const char         *username,
                                               DeskRole            role,
                                               const char         *password_hash,
                                               GError            **error);
  DeskServerAccount  *(*lookup_account)       (DeskServerStorage  *self,
                                               const char         *username,
                                               GError            **error);
  GPtrArray          *(*list_accounts)        (DeskServerStorage  *self,
                                               GError            **error);
  gboolean            (*set_disabled)         (DeskServerStorage  *self,
                                               const char         *username,
                                               gboolean            disabled,
                                               GError            **error);

  gboolean            (*add_token)            (DeskServerStorage  *self,
                                               const char         *token_hash,
                                               const char         *username,
                                               const char         *client_id,
                                               gint64              expires_at,
                                               GError            **error);
  DeskServerSession  *(*lookup_token)         (DeskServerStorage  *self,
                                               const char         *token_hash,
                                               gint64              now,
                                               GError            **error);
  gboolean            (*revoke_token)         (DeskServerStorage  *self,
                                               const char         *token_hash,
                                               GError            **error);

  gboolean            (*get_login_failures)   (DeskServerStorage  *self,
                                               const char         *key,
                                               gint64              since,
                                               guint              *count,
                                               gint64             *last_at,
                                               GError            **error);
  gboolean            (*add_login_failure)    (DeskServerStorage  *self,
                                               const char         *key,
                                               gint64              now,
                                               gint64              since,
                                               guint              *count,
                                               GError            **error);
  gboolean            (*clear_login_failures) (DeskServerStorage  *self,
                                               const char         *key,
                                               GError            **error);

  gboolean            (*begin_batch)          (DeskServerStorage  *self,
                                               gboolean            guarded,
                                               GError            **error);
  gboolean            (*end_batch)            (DeskServerStorage  *self,
                                               GError            **error);
  void                (*abort_batch)          (DeskServerStorage  *self);
  gboolean            (*push)                 (DeskServerStorage  *self,
                                               const char         *client_id,
                                               const char         *username,
                                               DeskRole            role,
                                               const DeskMutation *mutation,
                                               DeskPushOutcome    *outcome,
                                               GError            **error);
  GPtrArray          *(*pull)                 (DeskServerStorage  *self,
                                               gint64              after,
                                               guint               limit,
                                               gint64             *version,
                                               gboolean           *more,
                                               GError            **error);
  gint64              (*get_version)          (DeskServerStorage  *self,
                                               GError            **error);
  gboolean            (*lookup_conflict)      (DeskServerStorage  *self,
                                               const char         *conflict_id,
                                               char              **table_name,
                                               char              **field,
                                               GError            **error);
};

/* The newest schema this server speaks. */
int                 desk_server_storage_get_schema_version (DeskServerStorage *self);

gboolean            desk_server_storage_add_account    (DeskServerStorage  *self,
                                                        const char         *username,
                                                        DeskRole            role,
                                                        const char         *password_hash,
                                                        GError            **error);
/* NULL without an error when there is no such account. */
DeskServerAccount  *desk_server_storage_lookup_account (DeskServerStorage  *self,
                                                        const char         *username,
                                                        GError            **error);
/* DeskServerAccount, by name. */
GPtrArray          *desk_server_storage_list_accounts  (DeskServerStorage  *self,
                                                        GError            **error);
/* Disabling also revokes every token of the account. */
gboolean            desk_server_storage_set_disabled   (DeskServerStorage  *self,
                                                        const char         *username,
                                                        gboolean            disabled,
                                                        GError            **error);

/* Tokens are kept as hashes only. */
gboolean            desk_server_storage_add_token      (DeskServerStorage  *self,
                                                        const char         *token_hash,
                                                        const char         *username,
                                                        const char         *client_id,
                                                        gint64              expires_at,
                                                        GError            **error);
/* NULL without an error for an unknown, revoked or expired token, or one
 * of a disabled account. */
DeskServerSession  *desk_server_storage_lookup_token   (DeskServerStorage  *self,
                                                        const char         *token_hash,
                                                        gint64              now,
                                                        GError            **error);
gboolean            desk_server_storage_revoke_token   (DeskServerStorage  *self,
                                                        const char         *token_hash,
                                                        GError            **error);

/* Failed logins per @key ("account:NAME", "address:IP"); failures before
 * @since are forgotten. */
gboolean            desk_server_storage_get_login_failures   (DeskServerStorage  *self,
                                                              const char         *key,
                                                              gint64              since,
                                                              guint              *count,
                                                              gint64             *last_at,
                                                              GError            **error);
gboolean            desk_server_storage_add_login_failure    (DeskServerStorage  *self,
                                                              const char         *key,
                                                              gint64              now,
                                                              gint64              since,
                                                              guint              *count,
                                                              GError            **error);
gboolean            desk_server_storage_clear_login_failures (DeskServerStorage  *self,
                                                              const char         *key,
                                                              GError            **error);

/* The mutations of one push request in one transaction: one commit, one
 * sync to disk and one encryption of the pages they share instead of one
 * per mutation. A push whose batch never ended is lost whole; the client
 * resends it. @guarded: each mutation is still all or nothing on its own
 * (a savepoint). Unguarded, nothing is kept apart: the first push that
 * fails, for a rule the merge found or for the storage, fails (refusals
 * before the merge are still answered "rejected"), and the caller must
 * abort the batch, then may do it again guarded. A savepoint costs the
 * encryption of every page each mutation touches; most batches never
 * need one. */
gboolean            desk_server_storage_begin_batch    (DeskServerStorage  *self,
                                                        gboolean            guarded,
                                                        GError            **error);
/* Commits what the pushes since begin_batch kept. */
gboolean            desk_server_storage_end_batch      (DeskServerStorage  *self,
                                                        GError            **error);
/* Rolls back everything since begin_batch. */
void                desk_server_storage_abort_batch    (DeskServerStorage  *self);
/* One pushed mutation in one transaction: duplicate and gap checks, the
 * role rules, the merge, the change log and the client's last id. FALSE
 * only when the storage failed (nothing of the mutation was kept), or,
 * in an unguarded batch, when the merge refused it (abort the batch). */
gboolean            desk_server_storage_push           (DeskServerStorage  *self,
                                                        const char         *client_id,
                                                        const char         *username,
                                                        DeskRole            role,
                                                        const DeskMutation *mutation,
                                                        DeskPushOutcome    *outcome,
                                                        GError            **error);
/* Up to @limit change-log entries after @after (DeskPulledChange), not yet
 * filtered by role; @version is the cursor after this page. */
GPtrArray          *desk_server_storage_pull           (DeskServerStorage  *self,
                                                        gint64              after,
                                                        guint               limit,
                                                        gint64             *version,
                                                        gboolean           *more,
                                                        GError            **error);
/* The newest version in the change log (0 when empty), -1 on error. */
gint64              desk_server_storage_get_version    (DeskServerStorage  *self,
                                                        GError            **error);
/* What a conflict record is about; FALSE without an error when unknown. */
gboolean            desk_server_storage_lookup_conflict (DeskServerStorage  *self,
                                                         const char         *conflict_id,
                                                         char              **table_name,
                                                         char              **field,
                                                         GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskServerAccount, desk_server_account_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskServerSession, desk_server_session_free)

G_END_DECLS
