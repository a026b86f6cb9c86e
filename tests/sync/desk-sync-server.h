#pragma once

#include <gio/gio.h>

#include "server-test-util.h"

G_BEGIN_DECLS

/* The real arrestdesk-server for end-to-end tests: its own data folder and
 * a certificate the test makes, on 127.0.0.1 with a port the kernel picks. */
typedef struct
{
  char        *dir;       /* the test's folder: certificates, data, logs */
  char        *data;
  char        *cert;      /* PEM, CN=localhost, SAN 127.0.0.1 */
  char        *key;
  char        *url;       /* https://127.0.0.1:PORT */
  guint        port;      /* 0 until the first start; a restart keeps it */
  GSubprocess *process;
} DeskSyncServer;

/* Takes the binaries' paths from the command line: the server first, then
 * (if any) arrestdesk-ctl. Call after g_test_init(). */
void        desk_sync_server_init_binaries (int    *argc,
                                            char ***argv);
const char *desk_sync_server_ctl_path      (void);

/* What openssl says the SHA-256 fingerprint of @cert_path is ("AB:CD:…"). */
char       *desk_sync_openssl_fingerprint  (const char  *cert_path);

/* A folder and certificate in the test's data folder; no server yet. */
void        desk_sync_server_init          (DeskSyncServer *server);
void        desk_sync_server_add_user      (DeskSyncServer *server,
                                            const char     *name,
                                            const char     *role,
                                            const char     *password);
/* The first start takes a port the kernel picks; later ones the same port,
 * so clients keep their URL across a restart. */
void        desk_sync_server_start         (DeskSyncServer *server);
/* SIGTERM, then SIGKILL if it lingers. Safe to call twice. */
void        desk_sync_server_stop          (DeskSyncServer *server);
/* SIGKILL at once, as a crash or power cut would: no clean-up runs. */
void        desk_sync_server_kill          (DeskSyncServer *server);
void        desk_sync_server_clear         (DeskSyncServer *server);

/* Iterates the default main context until *@result is set (or 30 s pass). */
void        desk_sync_wait                 (GAsyncResult **result);
/* Runs what is queued on the default main context. */
void        desk_sync_drain                (void);
/* A GAsyncReadyCallback storing a reference to the result in user_data. */
void        desk_sync_store_result_cb      (GObject      *source,
                                            GAsyncResult *result,
                                            gpointer      user_data);

G_END_DECLS
