#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "desk-sync-server.h"

#define STOP_TIMEOUT_S 5
#define WAIT_TIMEOUT_S 30

static const char *server_path;
static const char *ctl_path;

void
desk_sync_server_init_binaries (int    *argc,
                                char ***argv)
{
  const char *asan;

  if (*argc < 2)
    g_error ("usage: %s [--tap] PATH-TO-arrestdesk-server [PATH-TO-arrestdesk-ctl]", (*argv)[0]);
  server_path = (*argv)[1];
  ctl_path = *argc > 2 ? (*argv)[2] : NULL;
  g_assert_true (g_path_is_absolute (server_path));
  /* Loopback needs no proxy, and the desktop's proxy settings are not
   * there under the memory GSettings backend. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  /* Under AddressSanitizer, LeakSanitizer can misread the dynamic TLS of a
   * GIO module and abort the binaries this test starts at their exit with
   * "Tracer caught signal 11" (google/sanitizers#1322): leave dynamic TLS
   * out of their scan, not the leak check out. (This test's own options
   * were read when it started.) */
  asan = g_getenv ("ASAN_OPTIONS");
  if (asan != NULL && strstr (asan, "intercept_tls_get_addr") == NULL)
    {
      g_autofree char *options = g_strconcat (asan, *asan ? ":" : "", "intercept_tls_get_addr=0", NULL);

      g_setenv ("ASAN_OPTIONS", options, TRUE);
    }
}

const char *
desk_sync_server_ctl_path (void)
{
  g_assert_nonnull (ctl_path);
  return ctl_path;
}

char *
desk_sync_openssl_fingerprint (const char *cert_path)
{
  g_autoptr(GSubprocess) openssl = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *equals;

  openssl = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              "openssl", "x509", "-in", cert_path, "-noout", "-fingerprint", "-sha256",
                              NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (openssl, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  /* "sha256 Fingerprint=AB:CD:…" (the prefix's case varies by version). */
  equals = strchr (out, '=');
  g_assert_nonnull (equals);
  return g_strstrip (g_strdup (equals + 1));
}

void
desk_sync_server_init (DeskSyncServer *server)
{
  memset (server, 0, sizeof *server);
  /* G_TEST_OPTION_ISOLATE_DIRS gives every test its own data folder. */
  server->dir = g_build_filename (g_get_user_data_dir (), "sync-server", NULL);
  g_assert_cmpint (g_mkdir_with_parents (server->dir, 0700), ==, 0);
  server->data = g_build_filename (server->dir, "data", NULL);
  make_certificate (server->dir, "server", &server->cert, &server->key);
}

void
desk_sync_server_add_user (DeskSyncServer *server,
                           const char     *name,
                           const char     *role,
                           const char     *password)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *input = g_strconcat (password, "\n", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                              G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              server_path, "user", "add", name, "--role", role, "--data", server->data,
                              NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("arrestdesk-server user add %s failed: %s", name, err);
}

static void
kill_with_parent (gpointer data)
{
  /* A test that crashes takes its server with it. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static gboolean
on_timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

void
desk_sync_server_start (DeskSyncServer *server)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *log = g_build_filename (server->dir, "server.log", NULL);
  g_autofree char *logged = NULL;
  g_autofree char *listen = g_strdup_printf ("127.0.0.1:%u", server->port);
  const char *url;

  g_assert_null (server->process);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  g_subprocess_launcher_set_child_setup (launcher, kill_with_parent, NULL, NULL);
  server->process = g_subprocess_launcher_spawn (launcher, &error, server_path, "serve",
                                                 "--listen", listen,
                                                 "--cert", server->cert, "--key", server->key,
                                                 "--data", server->data, NULL);
  g_assert_no_error (error);

  /* "listening on https://127.0.0.1:PORT" once it accepts connections. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL || (url = strstr (line, "https://127.0.0.1:")) == NULL)
    {
      g_file_get_contents (log, &logged, NULL, NULL);
      g_error ("arrestdesk-server did not start (said “%s”): %s", line ? line : "", logged ? logged : "");
    }
  g_free (server->url);
  server->url = g_strstrip (g_strdup (url));
  server->port = (guint) g_ascii_strtoull (strrchr (server->url, ':') + 1, NULL, 10);
  g_assert_cmpuint (server->port, >, 0);
}

void
desk_sync_server_stop (DeskSyncServer *server)
{
  g_autoptr(GAsyncResult) result = NULL;
  gboolean timed_out = FALSE;
  guint timeout;

  if (server->process == NULL)
    return;

  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait_async (server->process, NULL, desk_sync_store_result_cb, &result);
  timeout = g_timeout_add_seconds (STOP_TIMEOUT_S, on_timeout_cb, &timed_out);
  while (result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    {
      g_subprocess_force_exit (server->process);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
    }
  else
    g_source_remove (timeout);
  g_clear_object (&server->process);
}

void
desk_sync_server_kill (DeskSyncServer *server)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (server->process);
  g_subprocess_force_exit (server->process);
  g_subprocess_wait (server->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (server->process));
  g_assert_cmpint (g_subprocess_get_term_sig (server->process), ==, SIGKILL);
  g_clear_object (&server->process);
}

void
desk_sync_server_clear (DeskSyncServer *server)
{
  desk_sync_server_stop (server);
  if (server->dir != NULL)
    remove_tree (server->dir);
  g_clear_pointer (&server->dir, g_free);
  g_clear_pointer (&server->data, g_free);
  g_clear_pointer (&server->cert, g_free);
  g_clear_pointer (&server->key, g_free);
  g_clear_pointer (&server->url, g_free);
}

void
desk_sync_store_result_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

void
desk_sync_wait (GAsyncResult **result)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (WAIT_TIMEOUT_S, on_timeout_cb, &timed_out);

  while (*result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("Timed out waiting for an asynchronous result");
  g_source_remove (timeout);
}

void
desk_sync_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}
