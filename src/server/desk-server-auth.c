#define G_LOG_DOMAIN "desk-server-auth"

#include "config.h"

#include <argon2.h>
#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <string.h>
#include <unistd.h>

#include "desk-server-auth.h"

#define ARGON2_T_COST   2
#define ARGON2_M_COST   19456   /* KiB */
#define ARGON2_LANES    1
#define ARGON2_SALT     16
#define ARGON2_HASH     32

gboolean
desk_server_random_bytes (guint8  *buffer,
                          gsize    length,
                          GError **error)
{
  gsize done = 0;
  int fd;

  fd = open ("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot open /dev/urandom: %s", g_strerror (saved));
      return FALSE;
    }

  while (done < length)
    {
      gssize n = read (fd, buffer + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = n < 0 ? errno : EIO;

          close (fd);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "Cannot read /dev/urandom: %s", g_strerror (saved));
          return FALSE;
        }
      done += (gsize) n;
    }

  close (fd);
  return TRUE;
}

char *
desk_server_hash_password (const char  *password,
                           GError     **error)
{
  guint8 salt[ARGON2_SALT];
  g_autofree char *encoded = NULL;
  gsize length;
  int rc;

  g_return_val_if_fail (password != NULL, NULL);

  if (!desk_server_random_bytes (salt, sizeof salt, error))
    return NULL;

  length = argon2_encodedlen (ARGON2_T_COST, ARGON2_M_COST, ARGON2_LANES,
                              ARGON2_SALT, ARGON2_HASH, Argon2_id);
  encoded = g_malloc0 (length);
  rc = argon2id_hash_encoded (ARGON2_T_COST, ARGON2_M_COST, ARGON2_LANES,
                              password, strlen (password), salt, sizeof salt,
                              ARGON2_HASH, encoded, length);
  if (rc != ARGON2_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Cannot hash the password: %s", argon2_error_message (rc));
      return NULL;
    }
  return g_steal_pointer (&encoded);
}

gboolean
desk_server_verify_password (const char *encoded,
                             const char *password)
{
  g_return_val_if_fail (encoded != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  return argon2id_verify (encoded, password, strlen (password)) == ARGON2_OK;
}

char *
desk_server_new_token (GError **error)
{
  guint8 bytes[DESK_SERVER_TOKEN_BYTES];
  GString *hex;

  if (!desk_server_random_bytes (bytes, sizeof bytes, error))
    return NULL;

  hex = g_string_sized_new (2 * sizeof bytes + 1);
  for (guint i = 0; i < sizeof bytes; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);
  memset (bytes, 0, sizeof bytes);
  return g_string_free (hex, FALSE);
}

char *
desk_server_hash_token (const char *token)
{
  g_return_val_if_fail (token != NULL, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}
