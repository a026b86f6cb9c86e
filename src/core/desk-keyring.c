#define G_LOG_DOMAIN "desk-keyring"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "desk-keyring.h"
#include "desk-store.h"

static const SecretSchema *
key_schema (void)
{
  static const SecretSchema schema = {
    BASE_APP_ID ".DatabaseKey", SECRET_SCHEMA_NONE,
    {
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* The same file may be named by different relative paths. */
static char *
canonical_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return g_file_get_path (file);
}

static void
translate_error (GError **error)
{
  if (error == NULL || *error == NULL)
    return;

  /* No bus, or a bus without a Secret Service: the passphrase fallback applies. */
  if ((*error)->domain == G_DBUS_ERROR ||
      g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_FAILED) ||
      g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
      g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_DBUS_ERROR))
    {
      g_autofree char *message = g_strdup ((*error)->message);

      g_clear_error (error);
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NO_KEYRING,
                   _("No keyring (Secret Service) is available to hold the database key: %s"),
                   message);
    }
}

DeskKey *
desk_keyring_lookup (const char    *database_path,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *path = NULL;
  char *hex;
  DeskKey *key;

  g_return_val_if_fail (database_path != NULL, NULL);

  path = canonical_path (database_path);
  hex = secret_password_lookup_sync (key_schema (), cancellable, error,
                                     "database", path, NULL);
  if (hex == NULL)
    {
      translate_error (error);
      return NULL;
    }

  key = desk_key_new_from_hex (hex, error);
  secret_password_free (hex);
  return key;
}

gboolean
desk_keyring_store (const char     *database_path,
                    const DeskKey  *key,
                    GCancellable   *cancellable,
                    GError        **error)
{
  g_autofree char *path = NULL;
  g_autofree char *label = NULL;
  char *hex;
  gboolean ok;

  g_return_val_if_fail (database_path != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (!desk_key_is_passphrase (key), FALSE);

  path = canonical_path (database_path);
  /* The label is shown in Seahorse; the file name is ours, never personal. */
  label = g_strdup_printf (_("ArrestDesk database key (%s)"), path);
  hex = desk_key_to_hex (key);
  ok = secret_password_store_sync (key_schema (), SECRET_COLLECTION_DEFAULT, label, hex,
                                   cancellable, error, "database", path, NULL);
  desk_secure_free (hex);
  if (!ok)
    translate_error (error);
  return ok;
}

gboolean
desk_keyring_clear (const char    *database_path,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (database_path != NULL, FALSE);

  path = canonical_path (database_path);
  secret_password_clear_sync (key_schema (), cancellable, &local_error,
                              "database", path, NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      translate_error (error);
      return FALSE;
    }
  return TRUE;
}
