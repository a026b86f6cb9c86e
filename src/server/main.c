#define G_LOG_DOMAIN "arrestdesk-server"

#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk-server.h"
#include "desk-server-cmd.h"
#include "desk-server-storage-sqlite.h"

static const char usage[] =
  "Usage:\n"
  "  arrestdesk-server serve --listen ADDR:PORT --cert PEM --key PEM --data DIR\n"
  "  arrestdesk-server user add NAME --role bov|pssc|coordinator --data DIR\n"
  "  arrestdesk-server user list --data DIR\n"
  "  arrestdesk-server user disable NAME --data DIR\n"
  "  arrestdesk-server user enable NAME --data DIR\n";

int
desk_server_cmd_fail (const char *message)
{
  g_autofree char *line = g_strdup (message);

  /* One line, whatever the message holds. */
  g_strdelimit (line, "\r\n", ' ');
  fprintf (stderr, "arrestdesk-server: %s\n", line);
  return 1;
}

/* "127.0.0.1:8443" or "[::1]:8443"; the address must be numeric. */
static GSocketAddress *
parse_listen (const char  *text,
              GError     **error)
{
  g_autofree char *host = NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *colon;
  guint64 port = 0;

  if (text != NULL && text[0] == '[')
    {
      const char *end = strchr (text, ']');

      if (end != NULL && end[1] == ':')
        {
          host = g_strndup (text + 1, end - text - 1);
          colon = end + 1;
        }
      else
        colon = NULL;
    }
  else
    {
      colon = text ? strrchr (text, ':') : NULL;
      if (colon != NULL)
        host = g_strndup (text, colon - text);
    }

  if (colon == NULL || host == NULL ||
      !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &port, NULL) ||
      (address = g_inet_address_new_from_string (host)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "--listen needs ADDRESS:PORT with a numeric address, such as 127.0.0.1:8443");
      return NULL;
    }
  return g_inet_socket_address_new (address, (guint16) port);
}

static gboolean
on_quit_signal_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_CONTINUE;
}

int
desk_server_cmd_serve (int    argc,
                       char **argv)
{
  g_autofree char *listen = NULL;
  g_autofree char *cert_path = NULL;
  g_autofree char *key_path = NULL;
  g_autofree char *data_dir = NULL;
  gint64 lifetime = DESK_SERVER_DEFAULT_TOKEN_LIFETIME;
  int lifetime_arg = 0;
  const GOptionEntry entries[] = {
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen, "Address and port (port 0: any free port)", "ADDR:PORT" },
    { "cert", 0, 0, G_OPTION_ARG_FILENAME, &cert_path, "TLS certificate (PEM)", "PEM" },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key_path, "TLS private key (PEM)", "PEM" },
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, "Folder of the server's database", "DIR" },
    /* For tests: sessions that end quickly. */
    { "token-lifetime", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &lifetime_arg, NULL, "SECONDS" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- serve the sync API over HTTPS");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(DeskServerStorage) storage = NULL;
  g_autoptr(DeskServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *host = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return desk_server_cmd_fail (error->message);
  if (argc > 1)
    return desk_server_cmd_fail ("serve takes no arguments besides its options");
  if (listen == NULL || cert_path == NULL || key_path == NULL || data_dir == NULL)
    return desk_server_cmd_fail ("serve needs --listen, --cert, --key and --data");
  if (lifetime_arg < 0)
    return desk_server_cmd_fail ("--token-lifetime must be positive");
  if (lifetime_arg > 0)
    lifetime = lifetime_arg;

  address = parse_listen (listen, &error);
  if (address == NULL)
    return desk_server_cmd_fail (error->message);

  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  if (certificate == NULL)
    {
      g_autofree char *message = g_strdup_printf ("Cannot load the TLS certificate: %s", error->message);
      return desk_server_cmd_fail (message);
    }

  storage = desk_server_storage_sqlite_open (data_dir, &error);
  if (storage == NULL)
    return desk_server_cmd_fail (error->message);

  server = desk_server_new (storage, certificate, lifetime);
  if (!desk_server_listen (server, address, &error))
    {
      g_autofree char *message = g_strdup_printf ("Cannot listen on %s: %s", listen, error->message);
      return desk_server_cmd_fail (message);
    }

  host = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address)));
  if (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address)) != NULL &&
      g_inet_address_get_family (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address))) == G_SOCKET_FAMILY_IPV6)
    printf ("listening on https://[%s]:%u\n", host, desk_server_get_port (server));
  else
    printf ("listening on https://%s:%u\n", host, desk_server_get_port (server));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_quit_signal_cb, loop);
  g_unix_signal_add (SIGINT, on_quit_signal_cb, loop);
  g_main_loop_run (loop);

  g_message ("Stopping");
  desk_server_stop (server);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  signal (SIGPIPE, SIG_IGN);
  /* stdout carries the "listening on" line for scripts; logs go to stderr. */
  g_log_writer_default_set_use_stderr (TRUE);

  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "help") == 0)
    {
      fputs (usage, argc < 2 ? stderr : stdout);
      return argc < 2 ? 1 : 0;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("arrestdesk-server %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (strcmp (argv[1], "serve") == 0)
    return desk_server_cmd_serve (argc - 1, argv + 1);
  if (strcmp (argv[1], "user") == 0)
    return desk_server_cmd_user (argc - 1, argv + 1);

  return desk_server_cmd_fail ("unknown command; try “arrestdesk-server --help”");
}
