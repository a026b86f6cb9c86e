#define G_LOG_DOMAIN "desk-ctl"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-ctl.h"
#include "desk-key.h"
#include "desk-merge.h"
#include "desk-outbox.h"
#include "desk-sync-account.h"
#include "desk-sync-client.h"
#include "desk-sync-protocol.h"
#include "desk-sync-token.h"

/* login, sync, logout and certificate: the sync client of src/core driven
 * once from the command line. */

#define MAX_REASONS_SHOWN 3

/* What "login" and "certificate" were given. */
typedef struct
{
  char *server;
  char *user;
  char *ca_file;
  char *pin_file;
  char *save;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->server);
  g_free (options->user);
  g_free (options->ca_file);
  g_free (options->pin_file);
  g_free (options->save);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* Parses @command's options; it takes no arguments. */
static gboolean
parse_command (DeskCtl             *ctl,
               const char          *command,
               const GOptionEntry  *entries,
               int                 *argc,
               char              ***argv)
{
  g_autoptr(GOptionContext) context = desk_ctl_command_context (ctl, command, entries);

  return desk_ctl_parse (context, argc, argv) && desk_ctl_no_arguments (command, *argc);
}

static char *
login_hint (const DeskSyncAccount *account)
{
  if (account != NULL && account->username != NULL)
    return g_strdup_printf ("%s login --server %s --user %s", g_get_prgname (),
                            account->server_url, account->username);
  return g_strdup_printf ("%s login --server URL --user NAME", g_get_prgname ());
}

/* The stored account and its session token, or NULL with the reason told. */
static DeskSyncAccount *
load_account (DeskStore  *store,
              char      **token)
{
  g_autoptr(DeskSyncAccount) account = desk_sync_account_load (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *hint = login_hint (account);

  if (account == NULL)
    {
      desk_ctl_fail (_("this desk is not logged in to a sync server; run “%s” first"), hint);
      return NULL;
    }
  if (token == NULL)
    return g_steal_pointer (&account);

  *token = desk_sync_token_lookup (account->server_url, desk_store_get_path (store), NULL, &error);
  if (*token == NULL)
    {
      if (error != NULL)
        desk_ctl_fail ("%s", error->message);
      else
        desk_ctl_fail (_("signed out: log in again with “%s”"), hint);
      return NULL;
    }
  return g_steal_pointer (&account);
}

static DeskSyncClient *
new_client (DeskStore             *store,
            const DeskSyncAccount *account)
{
  g_autoptr(GError) error = NULL;
  DeskSyncClient *client;

  client = desk_sync_client_new (store, account->server_url, account->ca_file,
                                 account->pinned_pem, &error);
  if (client == NULL)
    desk_ctl_fail ("%s", error->message);
  return client;
}

static char *
read_pinned_certificate (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autofree char *pem = NULL;

  if (!g_file_get_contents (path, &pem, NULL, &error))
    {
      desk_ctl_fail (_("cannot read the certificate to pin: %s"), error->message);
      return NULL;
    }
  certificate = g_tls_certificate_new_from_pem (pem, -1, &error);
  if (certificate == NULL)
    {
      desk_ctl_fail (_("“%s” holds no PEM certificate to pin: %s"), path, error->message);
      return NULL;
    }
  return g_steal_pointer (&pem);
}

/* Another server's cursor and outbox answers mean nothing to this one. */
static gboolean
check_same_server (DeskStore  *store,
                   const char *server_url)
{
  g_autoptr(DeskSyncAccount) account = desk_sync_account_load (store);
  g_autofree char *wanted = g_strdup (server_url);
  g_autofree char *held = NULL;

  if (account == NULL || desk_sync_get_cursor (store) == 0)
    return TRUE;
  held = g_strdup (account->server_url);
  while (g_str_has_suffix (wanted, "/"))
    wanted[strlen (wanted) - 1] = '\0';
  while (g_str_has_suffix (held, "/"))
    held[strlen (held) - 1] = '\0';
  if (g_ascii_strcasecmp (wanted, held) == 0)
    return TRUE;
  desk_ctl_fail (_("this database already syncs with %s; a desk syncs with one server only"),
                 account->server_url);
  return FALSE;
}

static DeskCtlExit
login (DeskCtlSession *session,
       gpointer        data)
{
  const Options *options = data;
  const char *server = options->server;
  const char *user = options->user;
  g_autoptr(DeskSyncClient) client = NULL;
  g_autoptr(DeskSyncLogin) login = NULL;
  g_autoptr(DeskSyncAccount) account = g_new0 (DeskSyncAccount, 1);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prompt = NULL;
  const char *path;
  char *password;

  if (options->pin_file != NULL && (account->pinned_pem = read_pinned_certificate (options->pin_file)) == NULL)
    return DESK_CTL_EXIT_FAILED;
  if (options->ca_file != NULL)
    account->ca_file = g_canonicalize_filename (options->ca_file, NULL);

  client = desk_sync_client_new (session->store, server, account->ca_file, account->pinned_pem, &error);
  if (client == NULL)
    {
      desk_ctl_fail ("%s", error->message);
      return DESK_CTL_EXIT_FAILED;
    }
  if (!check_same_server (session->store, server))
    return DESK_CTL_EXIT_FAILED;

  prompt = g_strdup_printf (_("Password for %s at %s: "), user, desk_sync_client_get_server_url (client));
  password = desk_ctl_read_password (prompt);
  if (password == NULL)
    return DESK_CTL_EXIT_FAILED;

  desk_sync_client_login_async (client, user, password, NULL, desk_ctl_session_done_cb, session);
  desk_secure_free (password);
  result = desk_ctl_session_wait (session);
  login = desk_sync_client_login_finish (client, result, &error);
  if (login == NULL)
    {
      desk_ctl_fail ("%s", error->message);
      return DESK_CTL_EXIT_FAILED;
    }

  path = desk_store_get_path (session->store);
  account->server_url = g_strdup (desk_sync_client_get_server_url (client));
  account->username = g_strdup (login->username ? login->username : user);
  account->role = login->role;
  account->has_role = TRUE;
  if (!desk_sync_token_store (account->server_url, path, login->token, NULL, &error))
    {
      desk_ctl_fail ("%s", error->message);
      /* The session cannot be kept, so end it. */
      g_clear_object (&result);
      desk_sync_client_logout_async (client, NULL, desk_ctl_session_done_cb, session);
      result = desk_ctl_session_wait (session);
      desk_sync_client_logout_finish (client, result, NULL);
      return DESK_CTL_EXIT_FAILED;
    }
  if (!desk_sync_account_save (session->store, account, &error))
    {
      desk_ctl_fail (_("cannot save the sync settings: %s"), error->message);
      return DESK_CTL_EXIT_FAILED;
    }

  g_print (_("Logged in to %s as %s (role: %s).\n"), account->server_url, account->username,
           desk_role_to_string (account->role));
  return DESK_CTL_EXIT_OK;
}

DeskCtlExit
desk_ctl_cmd_login (DeskCtl  *ctl,
                    int       argc,
                    char    **argv)
{
  g_auto(Options) options = { 0, };
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &options.server,
      N_("The sync server’s address (https:// only)"), N_("URL") },
    { "user", 'u', 0, G_OPTION_ARG_STRING, &options.user,
      N_("Your user name on the server"), N_("NAME") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &options.ca_file,
      N_("Trust server certificates signed by the CA certificates in PEM"), N_("PEM") },
    { "pin-cert", 0, 0, G_OPTION_ARG_FILENAME, &options.pin_file,
      N_("Trust only the server certificate in PEM (see “certificate --save”)"), N_("PEM") },
    G_OPTION_ENTRY_NULL
  };

  if (!parse_command (ctl, "login", entries, &argc, &argv))
    return DESK_CTL_EXIT_USAGE;
  if (options.server == NULL || options.user == NULL)
    {
      desk_ctl_fail (_("“login” needs the server and your user name: “%s login --server URL --user NAME”"),
                     g_get_prgname ());
      return DESK_CTL_EXIT_USAGE;
    }
  if (options.ca_file != NULL && options.pin_file != NULL)
    {
      desk_ctl_fail (_("give either --ca-file or --pin-cert, not both"));
      return DESK_CTL_EXIT_USAGE;
    }
  return desk_ctl_session_run (ctl, TRUE, login, &options);
}

static char *
describe_report (const DeskSyncReport *report)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autofree char *reasons = NULL;

  g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "pushed %u change", "pushed %u changes",
                                             report->pushed),
                          report->pushed);
  if (report->rejected > 0)
    {
      for (guint i = 0; i < report->reasons->len && shown->len <= MAX_REASONS_SHOWN; i++)
        {
          const char *reason = g_ptr_array_index (report->reasons, i);

          if (!g_ptr_array_find_with_equal_func (shown, reason, g_str_equal, NULL))
            g_ptr_array_add (shown, (gpointer) reason);
        }
      if (shown->len > MAX_REASONS_SHOWN)
        g_ptr_array_index (shown, MAX_REASONS_SHOWN) = (gpointer) "…";
      g_ptr_array_add (shown, NULL);
      reasons = g_strjoinv ("; ", (char **) shown->pdata);
      g_string_append_printf (line, _(" (%u rejected: %s)"), report->rejected, reasons);
    }
  g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, ", pulled %u change", ", pulled %u changes",
                                             report->pulled),
                          report->pulled);
  g_string_append_printf (line, _(", now at version %" G_GINT64_FORMAT), report->version);
  if (report->gaps > 0)
    g_string_append_printf (line, _(" (the server reported %u gaps in this desk’s changes)"), report->gaps);
  return g_string_free (g_steal_pointer (&line), FALSE);
}

static DeskCtlExit
sync_once (DeskCtlSession *session,
           gpointer        data)
{
  g_autoptr(DeskSyncAccount) account = NULL;
  g_autoptr(DeskSyncClient) client = NULL;
  g_autoptr(DeskSyncReport) report = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  char *token = NULL;

  account = load_account (session->store, &token);
  if (account == NULL)
    return DESK_CTL_EXIT_FAILED;
  client = new_client (session->store, account);
  if (client != NULL)
    desk_sync_client_set_token (client, token);
  desk_secure_free (token);
  if (client == NULL)
    return DESK_CTL_EXIT_FAILED;

  desk_sync_client_sync_async (client, NULL, desk_ctl_session_done_cb, session);
  result = desk_ctl_session_wait (session);
  report = desk_sync_client_sync_finish (client, result, &error);
  if (report == NULL)
    {
      if (g_error_matches (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_AUTH) &&
          !desk_sync_client_get_signed_in (client))
        {
          g_autofree char *hint = login_hint (account);

          desk_sync_token_clear (account->server_url, desk_store_get_path (session->store), NULL, NULL);
          desk_ctl_fail (_("signed out: log in again with “%s”"), hint);
        }
      else
        desk_ctl_fail ("%s", error->message);
      return DESK_CTL_EXIT_FAILED;
    }

  line = describe_report (report);
  g_print ("%s\n", line);
  return DESK_CTL_EXIT_OK;
}

DeskCtlExit
desk_ctl_cmd_sync (DeskCtl  *ctl,
                   int       argc,
                   char    **argv)
{
  if (!parse_command (ctl, "sync", NULL, &argc, &argv))
    return DESK_CTL_EXIT_USAGE;
  return desk_ctl_session_run (ctl, TRUE, sync_once, NULL);
}

static DeskCtlExit
logout (DeskCtlSession *session,
        gpointer        data)
{
  g_autoptr(DeskSyncAccount) account = NULL;
  g_autoptr(DeskSyncClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) server_error = NULL;
  const char *path = desk_store_get_path (session->store);
  char *token;

  account = desk_sync_account_load (session->store);
  if (account == NULL)
    {
      g_print (_("Not logged in.\n"));
      return DESK_CTL_EXIT_OK;
    }
  token = desk_sync_token_lookup (account->server_url, path, NULL, &error);
  if (token == NULL)
    {
      if (error != NULL)
        {
          desk_ctl_fail ("%s", error->message);
          return DESK_CTL_EXIT_FAILED;
        }
      g_print (_("Not logged in to %s.\n"), account->server_url);
      return DESK_CTL_EXIT_OK;
    }

  client = new_client (session->store, account);
  if (client != NULL)
    {
      desk_sync_client_set_token (client, token);
      desk_sync_client_logout_async (client, NULL, desk_ctl_session_done_cb, session);
      result = desk_ctl_session_wait (session);
      desk_sync_client_logout_finish (client, result, &server_error);
    }
  desk_secure_free (token);

  /* Forgotten here whatever the server said. */
  if (!desk_sync_token_clear (account->server_url, path, NULL, &error))
    {
      desk_ctl_fail ("%s", error->message);
      return DESK_CTL_EXIT_FAILED;
    }
  account->has_role = FALSE;
  desk_sync_account_save (session->store, account, NULL);

  if (client == NULL)
    return DESK_CTL_EXIT_FAILED;
  if (server_error != NULL)
    {
      desk_ctl_fail (_("logged out on this desk, but the server could not be told (%s); the session ends when it expires"),
                     server_error->message);
      return DESK_CTL_EXIT_FAILED;
    }
  g_print (_("Logged out of %s.\n"), account->server_url);
  return DESK_CTL_EXIT_OK;
}

DeskCtlExit
desk_ctl_cmd_logout (DeskCtl  *ctl,
                     int       argc,
                     char    **argv)
{
  if (!parse_command (ctl, "logout", NULL, &argc, &argv))
    return DESK_CTL_EXIT_USAGE;
  return desk_ctl_session_run (ctl, TRUE, logout, NULL);
}

static DeskCtlExit
show_certificate (DeskCtlSession *session,
                  gpointer        data)
{
  const Options *options = data;
  const char *save = options->save;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *pem = NULL;

  desk_sync_client_fetch_certificate_async (options->server, NULL, desk_ctl_session_done_cb, session);
  result = desk_ctl_session_wait (session);
  certificate = desk_sync_client_fetch_certificate_finish (result, &fingerprint, &error);
  if (certificate == NULL)
    {
      desk_ctl_fail ("%s", error->message);
      return DESK_CTL_EXIT_FAILED;
    }

  if (save != NULL)
    {
      g_object_get (certificate, "certificate-pem", &pem, NULL);
      if (!g_file_set_contents (save, pem, -1, &error))
        {
          desk_ctl_fail (_("cannot save the certificate: %s"), error->message);
          return DESK_CTL_EXIT_FAILED;
        }
    }

  g_print (_("SHA-256 fingerprint: %s\n"), fingerprint);
  if (save != NULL)
    g_print (_("Saved the certificate to “%s”. Compare the fingerprint with the server’s administrator before you pin it with “%s login --pin-cert %s”.\n"),
             save, g_get_prgname (), save);
  return DESK_CTL_EXIT_OK;
}

DeskCtlExit
desk_ctl_cmd_certificate (DeskCtl  *ctl,
                          int       argc,
                          char    **argv)
{
  g_auto(Options) options = { 0, };
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &options.server,
      N_("The sync server’s address (https:// only)"), N_("URL") },
    { "save", 0, 0, G_OPTION_ARG_FILENAME, &options.save,
      N_("Write the certificate to FILE as PEM"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };

  if (!parse_command (ctl, "certificate", entries, &argc, &argv))
    return DESK_CTL_EXIT_USAGE;
  if (options.server == NULL)
    {
      desk_ctl_fail (_("“certificate” needs the server: “%s certificate --server URL”"), g_get_prgname ());
      return DESK_CTL_EXIT_USAGE;
    }
  return desk_ctl_session_run (ctl, FALSE, show_certificate, &options);
}

DeskCtlExit
desk_ctl_cmd_digest (DeskCtl  *ctl,
                     int       argc,
                     char    **argv)
{
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *digest = NULL;

  if (!parse_command (ctl, "digest", NULL, &argc, &argv))
    return DESK_CTL_EXIT_USAGE;

  store = desk_ctl_open_store (ctl, FALSE);
  if (store == NULL)
    return DESK_CTL_EXIT_FAILED;
  digest = desk_store_digest (store, &error);
  desk_store_close (store);
  if (digest == NULL)
    {
      desk_ctl_fail (_("cannot read the database: %s"), error->message);
      return DESK_CTL_EXIT_FAILED;
    }
  g_print ("%s\n", digest);
  return DESK_CTL_EXIT_OK;
}
