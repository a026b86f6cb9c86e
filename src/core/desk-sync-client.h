#pragma once

#include <gio/gio.h>

#include "desk-roles.h"
#include "desk-store.h"

G_BEGIN_DECLS

/* The desk's side of docs/sync-protocol.md over HTTPS. Errors about the
 * protocol itself (bad password, signed out, schema) are DESK_SYNC_ERROR;
 * errors about reaching a server we trust are DESK_SYNC_CLIENT_ERROR. */

#define DESK_SYNC_CLIENT_ERROR (desk_sync_client_error_quark ())

typedef enum
{
  DESK_SYNC_CLIENT_ERROR_INSECURE_URL, /* not an https:// address */
  DESK_SYNC_CLIENT_ERROR_UNTRUSTED,    /* the server's certificate is not trusted */
  DESK_SYNC_CLIENT_ERROR_UNREACHABLE,  /* no connection to the server */
  DESK_SYNC_CLIENT_ERROR_SERVER,       /* the server failed or does not speak the protocol */
} DeskSyncClientError;

GQuark desk_sync_client_error_quark (void);

typedef struct
{
  char     *token;      /* wiped when freed */
  char     *username;
  char     *expires_at;
  DeskRole  role;
} DeskSyncLogin;

void desk_sync_login_free (DeskSyncLogin *login);

/* What one sync did. */
typedef struct
{
  guint      pushed;    /* mutations the server answered, rejected ones included */
  guint      rejected;
  guint      pulled;    /* field changes applied from the server */
  gint64     version;   /* the cursor after the pull */
  GPtrArray *reasons;   /* char *: why each rejected mutation was refused */
  guint      gaps;      /* times the server reported a gap (should stay 0) */
  guint      duplicates; /* of @pushed, ones the server had already: resent
                          * after a reply that never came */
} DeskSyncReport;

void desk_sync_report_free (DeskSyncReport *report);

#define DESK_TYPE_SYNC_CLIENT (desk_sync_client_get_type ())
G_DECLARE_FINAL_TYPE (DeskSyncClient, desk_sync_client, DESK, SYNC_CLIENT, GObject)

/* @server_url must be https://. Trust: @ca_file (an absolute path to PEM
 * CA certificates), or @pinned_pem (accept exactly that certificate and no
 * other), or neither (the system CAs). Use the client from the thread
 * default main context it was made in. */
DeskSyncClient *desk_sync_client_new          (DeskStore    *store,
                                               const char   *server_url,
                                               const char   *ca_file,
                                               const char   *pinned_pem,
                                               GError      **error);

DeskStore      *desk_sync_client_get_store    (DeskSyncClient *self);
const char     *desk_sync_client_get_server_url (DeskSyncClient *self);

/* The session token (from login, or from the keyring); NULL signs out. */
void            desk_sync_client_set_token    (DeskSyncClient *self,
                                               const char     *token);
gboolean        desk_sync_client_get_signed_in (DeskSyncClient *self);

/* POST /api/v1/login. On success the client keeps the token. */
void            desk_sync_client_login_async  (DeskSyncClient      *self,
                                               const char          *username,
                                               const char          *password,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
DeskSyncLogin  *desk_sync_client_login_finish (DeskSyncClient  *self,
                                               GAsyncResult    *result,
                                               GError         **error);

/* POST /api/v1/logout: the server revokes the token; the client forgets it
 * even when the server cannot be told. */
void            desk_sync_client_logout_async  (DeskSyncClient      *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean        desk_sync_client_logout_finish (DeskSyncClient  *self,
                                                GAsyncResult    *result,
                                                GError         **error);

/* One push of every pending outbox entry, then a pull up to the server's
 * version. Database work runs on the store's database thread. */
void            desk_sync_client_sync_async   (DeskSyncClient      *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
DeskSyncReport *desk_sync_client_sync_finish  (DeskSyncClient  *self,
                                               GAsyncResult    *result,
                                               GError         **error);

/* Connects to @server_url and returns the certificate it presents, trusted
 * or not, without sending anything (for "pin on first use"). */
void             desk_sync_client_fetch_certificate_async  (const char          *server_url,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
GTlsCertificate *desk_sync_client_fetch_certificate_finish (GAsyncResult  *result,
                                                            char         **fingerprint,
                                                            GError       **error);

/* "AB:CD:…": the SHA-256 of the certificate's DER, as openssl prints it. */
char           *desk_sync_certificate_fingerprint (GTlsCertificate *certificate);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskSyncLogin, desk_sync_login_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskSyncReport, desk_sync_report_free)

G_END_DECLS
