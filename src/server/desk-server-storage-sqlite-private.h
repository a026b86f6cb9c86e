#pragma once

#include "desk-server-storage-sqlite.h"
#include "desk-store-private.h"

G_BEGIN_DECLS

/* Shared by the files of the SQLite backend. A transaction holds the
 * store's lock from BEGIN to COMMIT so no other thread interleaves. */
gboolean   desk_server_sqlite_begin  (DeskStore  *store,
                                      GError    **error);
/* Commits when @ok, else rolls back; releases the lock either way. */
gboolean   desk_server_sqlite_finish (DeskStore  *store,
                                      gboolean    ok,
                                      GError    **error);

DeskStore *desk_server_storage_sqlite_get_store (DeskServerStorageSqlite *self);
/* Steps a statement that returns no rows (the store is locked); a
 * constraint failure is DESK_SERVER_ERROR_EXISTS. */
gboolean   desk_server_sqlite_step_done (DeskStore     *store,
                                         sqlite3_stmt  *stmt,
                                         const char    *what,
                                         GError       **error);

/* desk-server-storage-sqlite-accounts.c */
void       desk_server_sqlite_accounts_iface_init (DeskServerStorageInterface *iface);

/* desk-server-storage-sqlite-sync.c */
gboolean   desk_server_sqlite_push   (DeskServerStorage  *storage,
                                      DeskStore          *store,
                                      const char         *client_id,
                                      const char         *username,
                                      DeskRole            role,
                                      const DeskMutation *mutation,
                                      DeskPushOutcome    *outcome,
                                      GError            **error);
GPtrArray *desk_server_sqlite_pull   (DeskStore          *store,
                                      gint64              after,
                                      guint               limit,
                                      gint64             *version,
                                      gboolean           *more,
                                      GError            **error);
gint64     desk_server_sqlite_get_version (DeskStore     *store,
                                           GError       **error);
gboolean   desk_server_sqlite_lookup_conflict (DeskStore   *store,
                                               const char  *conflict_id,
                                               char       **table_name,
                                               char       **field,
                                               GError     **error);

G_END_DECLS
