#define G_LOG_DOMAIN "desk-sync-certificate"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "desk-sync-client.h"

/* The server's certificate as a person checks it: its fingerprint, and a
 * look at it before trusting it ("pin on first use"). */

typedef struct
{
  SoupSession     *session;
  SoupMessage     *message;
  GTlsCertificate *certificate;
  char            *server_url;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->message);
  g_clear_object (&fetch->session);
  g_clear_object (&fetch->certificate);
  g_free (fetch->server_url);
  g_free (fetch);
}

char *
desk_sync_certificate_fingerprint (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  g_autoptr(GString) text = NULL;
  guint8 digest[32];
  gsize length = sizeof digest;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  g_object_get (certificate, "certificate", &der, NULL);
  g_return_val_if_fail (der != NULL, NULL);

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, der->data, der->len);
  g_checksum_get_digest (checksum, digest, &length);

  text = g_string_sized_new (3 * length);
  for (gsize i = 0; i < length; i++)
    g_string_append_printf (text, i == 0 ? "%02X" : ":%02X", digest[i]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
on_fetch_accept_certificate_cb (SoupMessage          *message,
                                GTlsCertificate      *certificate,
                                GTlsCertificateFlags  errors,
                                gpointer              user_data)
{
  Fetch *fetch = user_data;

  /* Look, never trust: the handshake stops here and nothing is sent. */
  g_set_object (&fetch->certificate, certificate);
  return FALSE;
}

static void
on_fetch_sent_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (fetch->certificate != NULL)
    g_task_return_pointer (task, g_object_ref (fetch->certificate), g_object_unref);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_new_error (task, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_UNREACHABLE,
                             _("cannot reach the server %s: %s"), fetch->server_url,
                             error ? error->message : _("it showed no certificate"));
}

void
desk_sync_client_fetch_certificate_async (const char          *server_url,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  Fetch *fetch;

  g_return_if_fail (server_url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_sync_client_fetch_certificate_async);

  uri = g_uri_parse (server_url, G_URI_FLAGS_NONE, &error);
  if (uri == NULL || g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0)
    {
      g_task_return_new_error (task, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_INSECURE_URL,
                               _("“%s” is not an https:// address: ArrestDesk only syncs over HTTPS"),
                               server_url);
      return;
    }

  fetch = g_new0 (Fetch, 1);
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);
  fetch->server_url = g_strdup (server_url);
  fetch->session = soup_session_new_with_options ("timeout", 30, NULL);
  /* No database: every certificate reaches the handler below. */
  soup_session_set_tls_database (fetch->session, NULL);
  url = g_strconcat (server_url, "/api/v1/health", NULL);
  /* "https://host/" and "https://host" name the same server. */
  while (g_str_has_suffix (url, "//api/v1/health"))
    memmove (url + strlen (url) - strlen ("//api/v1/health"),
             url + strlen (url) - strlen ("/api/v1/health"),
             strlen ("/api/v1/health") + 1);
  fetch->message = soup_message_new (SOUP_METHOD_GET, url);
  if (fetch->message == NULL)
    {
      g_task_return_new_error (task, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_INSECURE_URL,
                               _("“%s” is not a server address"), server_url);
      return;
    }
  g_signal_connect (fetch->message, "accept-certificate",
                    G_CALLBACK (on_fetch_accept_certificate_cb), fetch);
  soup_session_send_and_read_async (fetch->session, fetch->message, G_PRIORITY_DEFAULT,
                                    cancellable, on_fetch_sent_cb, g_object_ref (task));
}

GTlsCertificate *
desk_sync_client_fetch_certificate_finish (GAsyncResult  *result,
                                           char         **fingerprint,
                                           GError       **error)
{
  GTlsCertificate *certificate;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  certificate = g_task_propagate_pointer (G_TASK (result), error);
  if (fingerprint != NULL)
    *fingerprint = certificate ? desk_sync_certificate_fingerprint (certificate) : NULL;
  return certificate;
}
