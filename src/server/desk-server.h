#pragma once

#include <gio/gio.h>

#include "desk-server-storage.h"

G_BEGIN_DECLS

/* The HTTPS endpoint of docs/sync-protocol.md over a DeskServerStorage. */

#define DESK_SERVER_DEFAULT_TOKEN_LIFETIME (9 * 3600)   /* a shift plus margin */
#define DESK_SERVER_OLDEST_SCHEMA          3

#define DESK_TYPE_SERVER (desk_server_get_type ())
G_DECLARE_FINAL_TYPE (DeskServer, desk_server, DESK, SERVER, GObject)

DeskServer *desk_server_new    (DeskServerStorage  *storage,
                                GTlsCertificate    *certificate,
                                gint64              token_lifetime);
/* HTTPS only. Port 0 picks a free port: see desk_server_get_port(). */
gboolean    desk_server_listen (DeskServer         *self,
                                GSocketAddress     *address,
                                GError            **error);
guint16     desk_server_get_port (DeskServer       *self);
/* Closes every connection; the storage stays open until the last unref. */
void        desk_server_stop   (DeskServer         *self);

G_END_DECLS
