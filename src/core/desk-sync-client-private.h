#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "desk-sync-client.h"

G_BEGIN_DECLS

/* For the sync client's own files: one JSON request to the server
 * (desk-sync-request.c). */

/* POST (or GET when @body is NULL) @path under the server URL, with the
 * token when @with_token. Takes @body, and wipes it when sent: a login body
 * holds a password. */
void        desk_sync_client_request_async  (DeskSyncClient      *self,
                                             const char          *path,
                                             char                *body,
                                             gboolean             with_token,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* The reply's JSON object (NULL for an empty body) and HTTP status, whatever
 * the status; @error only when no reply came (unreachable, untrusted). */
JsonObject *desk_sync_client_request_finish (DeskSyncClient  *self,
                                             GAsyncResult    *result,
                                             guint           *status,
                                             GError         **error);

/* FALSE with a DESK_SYNC_ERROR or DESK_SYNC_CLIENT_ERROR for a status
 * other than 2xx, from the reply's "error" code. */
gboolean    desk_sync_reply_check           (guint            status,
                                             JsonObject      *reply,
                                             GError         **error);

/* For desk-sync-request.c and desk-sync-live.c: the client's session, a
 * copy of its token (free it with desk_secure_free()), and whether
 * @certificate is the pinned one (a session without a pin checks
 * certificates against its database). */
SoupSession *desk_sync_client_get_session         (DeskSyncClient  *self);
char        *desk_sync_client_dup_token           (DeskSyncClient  *self);
gboolean     desk_sync_client_accepts_certificate (DeskSyncClient  *self,
                                                   GTlsCertificate *certificate);
/* For desk-sync-request.c: @certificate was refused; the error says why,
 * by the trust the client was made with. */
void         desk_sync_client_set_untrusted_error (DeskSyncClient   *self,
                                                   GTlsCertificate  *certificate,
                                                   GError          **error);

G_END_DECLS
