#define G_LOG_DOMAIN "desk-key"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-key.h"
#include "desk-store.h"

struct _DeskKey
{
  gboolean  passphrase;
  guint8    raw[DESK_KEY_RAW_LENGTH];
  char     *text;
};

static void
wipe (void  *data,
      gsize  length)
{
  /* volatile so the compiler cannot drop the wipe of memory about to be freed */
  volatile guint8 *p = data;

  while (length--)
    *p++ = 0;
}

void
desk_secure_free (char *secret)
{
  if (secret == NULL)
    return;
  wipe (secret, strlen (secret));
  g_free (secret);
}

DeskKey *
desk_key_new_random (void)
{
  DeskKey *key = g_new0 (DeskKey, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) urandom = g_file_new_for_path ("/dev/urandom");
  g_autoptr(GFileInputStream) in = g_file_read (urandom, NULL, &error);
  gsize got = 0;

  /* GRand is not a cryptographic generator; the kernel's is. */
  if (in == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (in), key->raw, sizeof key->raw, &got, NULL, &error) ||
      got != sizeof key->raw)
    g_error ("Cannot read random bytes for a new key: %s", error ? error->message : "short read");

  return key;
}

static int
hex_value (char c)
{
  return g_ascii_xdigit_value (c);
}

DeskKey *
desk_key_new_from_hex (const char  *hex,
                       GError     **error)
{
  g_autoptr(DeskKey) key = NULL;
  gsize len;

  g_return_val_if_fail (hex != NULL, NULL);

  len = strlen (hex);
  while (len > 0 && g_ascii_isspace (hex[len - 1]))
    len--;

  if (len != DESK_KEY_RAW_LENGTH * 2)
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                   _("A key must be %d hexadecimal characters; this one has %u"),
                   DESK_KEY_RAW_LENGTH * 2, (guint) len);
      return NULL;
    }

  key = g_new0 (DeskKey, 1);
  for (guint i = 0; i < DESK_KEY_RAW_LENGTH; i++)
    {
      int hi = hex_value (hex[2 * i]);
      int lo = hex_value (hex[2 * i + 1]);

      if (hi < 0 || lo < 0)
        {
          g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                       _("A key may hold only hexadecimal characters (0–9, a–f)"));
          return NULL;
        }
      key->raw[i] = (guint8) (hi << 4 | lo);
    }

  return g_steal_pointer (&key);
}

DeskKey *
desk_key_new_from_file (const char  *path,
                        GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;
  DeskKey *key;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                   _("Cannot read key file “%s”: %s"), path, local_error->message);
      return NULL;
    }

  key = desk_key_new_from_hex (contents, &local_error);
  wipe (contents, length);
  if (key == NULL)
    g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                 _("Key file “%s” is not a key: %s"), path, local_error->message);

  return key;
}

DeskKey *
desk_key_new_passphrase (const char *passphrase)
{
  DeskKey *key;

  g_return_val_if_fail (passphrase != NULL, NULL);

  key = g_new0 (DeskKey, 1);
  key->passphrase = TRUE;
  key->text = g_strdup (passphrase);
  return key;
}

DeskKey *
desk_key_copy (const DeskKey *key)
{
  DeskKey *copy;

  g_return_val_if_fail (key != NULL, NULL);

  copy = g_new0 (DeskKey, 1);
  copy->passphrase = key->passphrase;
  memcpy (copy->raw, key->raw, sizeof copy->raw);
  copy->text = g_strdup (key->text);
  return copy;
}

gboolean
desk_key_is_passphrase (const DeskKey *key)
{
  g_return_val_if_fail (key != NULL, FALSE);

  return key->passphrase;
}

char *
desk_key_to_hex (const DeskKey *key)
{
  static const char digits[] = "0123456789abcdef";
  char *hex;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (!key->passphrase, NULL);

  hex = g_malloc (DESK_KEY_RAW_LENGTH * 2 + 1);
  for (guint i = 0; i < DESK_KEY_RAW_LENGTH; i++)
    {
      hex[2 * i] = digits[key->raw[i] >> 4];
      hex[2 * i + 1] = digits[key->raw[i] & 0xf];
    }
  hex[DESK_KEY_RAW_LENGTH * 2] = '\0';
  return hex;
}

char *
desk_key_to_pragma_value (const DeskKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  if (key->passphrase)
    {
      GString *quoted = g_string_new ("'");

      /* SQL string literal: double every quote. */
      for (const char *p = key->text; *p; p++)
        {
          if (*p == '\'')
            g_string_append_c (quoted, '\'');
          g_string_append_c (quoted, *p);
        }
      g_string_append_c (quoted, '\'');
      return g_string_free (quoted, FALSE);
    }
  else
    {
      char *hex = desk_key_to_hex (key);
      char *value = g_strdup_printf ("\"x'%s'\"", hex);

      desk_secure_free (hex);
      return value;
    }
}

void
desk_key_free (DeskKey *key)
{
  if (key == NULL)
    return;
  wipe (key->raw, sizeof key->raw);
  desk_secure_free (key->text);
  wipe (key, sizeof *key);
  g_free (key);
}
