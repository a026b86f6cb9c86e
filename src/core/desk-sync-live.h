#pragma once

#include <libsoup/soup.h>

#include "desk-sync-client.h"

G_BEGIN_DECLS

/* GET /api/v1/live (docs/sync-protocol.md "Live"): a WebSocket over the
 * client's own session, trust and token, on which the server says
 * {"version": N} after each push that changed something. */
void                     desk_sync_live_connect_async  (DeskSyncClient      *client,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
SoupWebsocketConnection *desk_sync_live_connect_finish (DeskSyncClient      *client,
                                                        GAsyncResult        *result,
                                                        GError             **error);

/* The version a poke announces, or -1 when @message is not a poke. */
gint64                   desk_sync_live_parse_poke     (GBytes              *message);

G_END_DECLS
