#define G_LOG_DOMAIN "desk-sync-client"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "desk-key.h"
#include "desk-sync-client-private.h"

/* The client of one server: its address, whom it trusts, the session and
 * its token. Requests are sent by desk-sync-request.c, logging in and out
 * is desk-sync-login.c, a sync is desk-sync-cycle*.c. */

struct _DeskSyncClient
{
  GObject          parent_instance;

  DeskStore       *store;
  char            *server_url;   /* without a trailing slash */
  char            *ca_file;      /* absolute, or NULL */
  GTlsCertificate *pinned;       /* accept exactly this one, or NULL */
  SoupSession     *session;
  char            *token;        /* wiped when replaced */
};

G_DEFINE_FINAL_TYPE (DeskSyncClient, desk_sync_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SERVER_URL,
  PROP_SIGNED_IN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (desk-sync-client-error-quark, desk_sync_client_error)

#define TIMEOUT_SECONDS 60

/* An https:// URL with a host and no query: the base every path goes under. */
static char *
check_server_url (const char  *server_url,
                  GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *base = NULL;
  gsize length;

  uri = g_uri_parse (server_url, G_URI_FLAGS_NONE, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_INSECURE_URL,
                   _("“%s” is not a server address (%s); give one like https://server.example"),
                   server_url, local_error->message);
      return NULL;
    }
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0)
    {
      g_set_error (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_INSECURE_URL,
                   _("“%s” is not an https:// address: ArrestDesk only syncs over HTTPS, so that nobody on the way can read or change the data"),
                   server_url);
      return NULL;
    }
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL ||
      g_uri_get_user (uri) != NULL)
    {
      g_set_error (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_INSECURE_URL,
                   _("“%s” is not a server address; give one like https://server.example"),
                   server_url);
      return NULL;
    }

  base = g_strdup (server_url);
  length = strlen (base);
  while (length > 0 && base[length - 1] == '/')
    base[--length] = '\0';
  return g_steal_pointer (&base);
}

static gboolean
set_trust (DeskSyncClient  *self,
           const char      *ca_file,
           const char      *pinned_pem,
           GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  if (ca_file != NULL)
    {
      g_autoptr(GTlsDatabase) database = NULL;

      /* GTlsFileDatabase needs an absolute path (RECIPES.md). */
      self->ca_file = g_canonicalize_filename (ca_file, NULL);
      database = g_tls_file_database_new (self->ca_file, &local_error);
      if (database == NULL)
        {
          g_set_error (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_UNTRUSTED,
                       _("cannot read the CA certificates in “%s”: %s"),
                       self->ca_file, local_error->message);
          return FALSE;
        }
      soup_session_set_tls_database (self->session, database);
    }
  else if (pinned_pem != NULL)
    {
      self->pinned = g_tls_certificate_new_from_pem (pinned_pem, -1, &local_error);
      if (self->pinned == NULL)
        {
          g_set_error (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_UNTRUSTED,
                       _("the pinned server certificate cannot be read: %s"),
                       local_error->message);
          return FALSE;
        }
      /* No database: every certificate fails validation, so every new
       * connection asks on_accept_certificate_cb (desk-sync-request.c),
       * which takes the pin only. */
      soup_session_set_tls_database (self->session, NULL);
    }
  return TRUE;
}

static void
desk_sync_client_finalize (GObject *object)
{
  DeskSyncClient *self = (DeskSyncClient *) object;

  g_clear_object (&self->session);
  g_clear_object (&self->pinned);
  g_clear_object (&self->store);
  g_clear_pointer (&self->token, desk_secure_free);
  g_free (self->server_url);
  g_free (self->ca_file);

  G_OBJECT_CLASS (desk_sync_client_parent_class)->finalize (object);
}

static void
desk_sync_client_dispose (GObject *object)
{
  DeskSyncClient *self = (DeskSyncClient *) object;

  if (self->session != NULL)
    soup_session_abort (self->session);

  G_OBJECT_CLASS (desk_sync_client_parent_class)->dispose (object);
}

static void
desk_sync_client_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DeskSyncClient *self = DESK_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;
    case PROP_SIGNED_IN:
      g_value_set_boolean (value, self->token != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_sync_client_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DeskSyncClient *self = DESK_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SERVER_URL:
      self->server_url = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_sync_client_class_init (DeskSyncClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = desk_sync_client_dispose;
  object_class->finalize = desk_sync_client_finalize;
  object_class->get_property = desk_sync_client_get_property;
  object_class->set_property = desk_sync_client_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DESK_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVER_URL] =
    g_param_spec_string ("server-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIGNED_IN] =
    g_param_spec_boolean ("signed-in", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
desk_sync_client_init (DeskSyncClient *self)
{
  self->session = soup_session_new_with_options ("user-agent", "ArrestDesk/" PACKAGE_VERSION,
                                                 "timeout", TIMEOUT_SECONDS,
                                                 "idle-timeout", TIMEOUT_SECONDS,
                                                 NULL);
}

DeskSyncClient *
desk_sync_client_new (DeskStore   *store,
                      const char  *server_url,
                      const char  *ca_file,
                      const char  *pinned_pem,
                      GError     **error)
{
  g_autoptr(DeskSyncClient) self = NULL;
  g_autofree char *base = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (server_url != NULL, NULL);
  g_return_val_if_fail (ca_file == NULL || pinned_pem == NULL, NULL);

  base = check_server_url (server_url, error);
  if (base == NULL)
    return NULL;

  self = g_object_new (DESK_TYPE_SYNC_CLIENT,
                       "store", store,
                       "server-url", base,
                       NULL);
  if (!set_trust (self, ca_file, pinned_pem, error))
    return NULL;
  return g_steal_pointer (&self);
}

DeskStore *
desk_sync_client_get_store (DeskSyncClient *self)
{
  g_return_val_if_fail (DESK_IS_SYNC_CLIENT (self), NULL);
  return self->store;
}

const char *
desk_sync_client_get_server_url (DeskSyncClient *self)
{
  g_return_val_if_fail (DESK_IS_SYNC_CLIENT (self), NULL);
  return self->server_url;
}

void
desk_sync_client_set_token (DeskSyncClient *self,
                            const char     *token)
{
  gboolean was_signed_in;

  g_return_if_fail (DESK_IS_SYNC_CLIENT (self));

  was_signed_in = self->token != NULL;
  g_clear_pointer (&self->token, desk_secure_free);
  if (token != NULL && *token != '\0')
    self->token = g_strdup (token);
  if (was_signed_in != (self->token != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNED_IN]);
}

gboolean
desk_sync_client_get_signed_in (DeskSyncClient *self)
{
  g_return_val_if_fail (DESK_IS_SYNC_CLIENT (self), FALSE);
  return self->token != NULL;
}

void
desk_sync_client_set_untrusted_error (DeskSyncClient   *self,
                                      GTlsCertificate  *certificate,
                                      GError          **error)
{
  g_autofree char *fingerprint = desk_sync_certificate_fingerprint (certificate);

  if (self->pinned != NULL)
    g_set_error (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_UNTRUSTED,
                 _("the server’s certificate is not trusted: %s did not show the certificate pinned for it (it showed SHA-256 fingerprint %s)"),
                 self->server_url, fingerprint);
  else if (self->ca_file != NULL)
    g_set_error (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_UNTRUSTED,
                 _("the server’s certificate is not trusted: %s showed a certificate not signed by the CA in “%s” (SHA-256 fingerprint %s)"),
                 self->server_url, self->ca_file, fingerprint);
  else
    g_set_error (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_UNTRUSTED,
                 _("the server’s certificate is not trusted: %s showed a certificate no authority on this computer vouches for (SHA-256 fingerprint %s)"),
                 self->server_url, fingerprint);
}

/* For desk-sync-request.c and desk-sync-live.c: every request and the
 * live socket go through the same session, trust and token. */
SoupSession *
desk_sync_client_get_session (DeskSyncClient *self)
{
  g_return_val_if_fail (DESK_IS_SYNC_CLIENT (self), NULL);
  return self->session;
}

char *
desk_sync_client_dup_token (DeskSyncClient *self)
{
  g_return_val_if_fail (DESK_IS_SYNC_CLIENT (self), NULL);
  return g_strdup (self->token);
}

gboolean
desk_sync_client_accepts_certificate (DeskSyncClient  *self,
                                      GTlsCertificate *certificate)
{
  g_return_val_if_fail (DESK_IS_SYNC_CLIENT (self), FALSE);
  return self->pinned != NULL && g_tls_certificate_is_same (self->pinned, certificate);
}
