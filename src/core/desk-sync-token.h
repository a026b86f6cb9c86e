#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The sync session token, kept in the Secret Service (libsecret) under the
 * server URL and the database path. The password is never stored. */

/* The token, or NULL (without @error when there is none). Free it with
 * desk_secure_free(). */
char     *desk_sync_token_lookup        (const char           *server_url,
                                         const char           *database_path,
                                         GCancellable         *cancellable,
                                         GError              **error);
gboolean  desk_sync_token_store         (const char           *server_url,
                                         const char           *database_path,
                                         const char           *token,
                                         GCancellable         *cancellable,
                                         GError              **error);
/* TRUE also when there was nothing to clear. */
gboolean  desk_sync_token_clear         (const char           *server_url,
                                         const char           *database_path,
                                         GCancellable         *cancellable,
                                         GError              **error);

void      desk_sync_token_lookup_async  (const char           *server_url,
                                         const char           *database_path,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
char     *desk_sync_token_lookup_finish (GAsyncResult         *result,
                                         GError              **error);
void      desk_sync_token_store_async   (const char           *server_url,
                                         const char           *database_path,
                                         const char           *token,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean  desk_sync_token_store_finish  (GAsyncResult         *result,
                                         GError              **error);
void      desk_sync_token_clear_async   (const char           *server_url,
                                         const char           *database_path,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean  desk_sync_token_clear_finish  (GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
