#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "server-test-util.h"

void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

void
make_certificate (const char  *dir,
                  const char  *name,
                  char       **cert_path,
                  char       **key_path)
{
  g_autofree char *cert_name = g_strconcat (name, "-cert.pem", NULL);
  g_autofree char *key_name = g_strconcat (name, "-key.pem", NULL);
  g_autoptr(GSubprocess) openssl = NULL;
  g_autoptr(GError) error = NULL;

  *cert_path = g_build_filename (dir, cert_name, NULL);
  *key_path = g_build_filename (dir, key_name, NULL);
  /* An EC key: as good for the test as RSA, and made in milliseconds. */
  openssl = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              "openssl", "req", "-x509", "-newkey", "ec",
                              "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                              "-keyout", *key_path, "-out", *cert_path, "-days", "2",
                              "-subj", "/CN=localhost",
                              "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                              NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (openssl, NULL, &error);
  g_assert_no_error (error);
}
