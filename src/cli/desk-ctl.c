#define G_LOG_DOMAIN "desk-ctl"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "desk-ctl.h"
#include "desk-paths.h"

/* Wide enough for "demo [--arrestees N] …" to sit on its own line. */
#define COMMAND_COLUMN 24

static const DeskCtlCommand commands[] = {
  { "init", "", N_("Make the encrypted database"), desk_ctl_cmd_init },
  { "keygen", "FILE", N_("Write a new random key to FILE, readable only by you"), desk_ctl_cmd_keygen },
  { "demo", "[--arrestees N] [--seed S] [--action NAME]",
    N_("Add a realistic demo action: stations, arrestees, calls, observers, rota"), desk_ctl_cmd_demo },
  { "stats", "", N_("Show the schema and SQLCipher versions and the records in each table"), desk_ctl_cmd_stats },
  { "export", "--json", N_("Write every record as JSON to standard output"), desk_ctl_cmd_export },
  { "merge", "SURVIVOR-ID OTHER-ID",
    N_("Merge two records of one arrestee: the other’s calls, reports and history move to the survivor"),
    desk_ctl_cmd_merge },
  { "search", "NAME [--json] [--limit N] [--action ID]",
    N_("Find arrestees by name, however it is spelt: best first, with score and reason"),
    desk_ctl_cmd_search },
  { "import", "arrestees FILE.csv [--action ID]",
    N_("Add the arrestees of a CSV file whose first line names the columns (name, station, arrest_time, …)"),
    desk_ctl_cmd_import },
  { "certificate", "--server URL [--save FILE]",
    N_("Show the server’s certificate fingerprint without trusting it, and save the certificate to pin"),
    desk_ctl_cmd_certificate },
  { "login", "--server URL --user NAME [--ca-file PEM | --pin-cert PEM]",
    N_("Log in to the sync server (the password is read from standard input or asked for)"),
    desk_ctl_cmd_login },
  { "sync", "", N_("Send this desk’s changes to the server and fetch everyone else’s"), desk_ctl_cmd_sync },
  { "logout", "", N_("End the session with the sync server"), desk_ctl_cmd_logout },
  /* Hidden (no summary): for tests comparing desks. */
  { "digest", "", NULL, desk_ctl_cmd_digest },
  { "help", "", N_("Show this help"), desk_ctl_cmd_help },
  { NULL, NULL, NULL, NULL },
};

void
desk_ctl_fail (const char *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Messages passed on from the core may be several sentences or lines. */
  g_strdelimit (message, "\r\n", ' ');
  g_strchomp (message);
  g_printerr ("%s: %s\n", g_get_prgname (), message);
}

gboolean
desk_ctl_no_arguments (const char *command,
                       int         argc)
{
  if (argc <= 1)
    return TRUE;
  desk_ctl_fail (_("“%s” takes no arguments; try “%s help”"), command, g_get_prgname ());
  return FALSE;
}

const DeskCtlCommand *
desk_ctl_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; commands[i].name != NULL; i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];

  return NULL;
}

GOptionGroup *
desk_ctl_global_group (DeskCtl *ctl)
{
  const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &ctl->database,
      N_("The database file (default: arrestdesk.db in the user data folder)"), N_("PATH") },
    { "key-file", 'k', 0, G_OPTION_ARG_FILENAME, &ctl->key_file,
      N_("Open the database with the key in PATH (64 hexadecimal characters) instead of the keyring"), N_("PATH") },
    G_OPTION_ENTRY_NULL
  };
  GOptionGroup *group;

  group = g_option_group_new ("global", _("Global options"), _("Show the global options"), NULL, NULL);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_group_add_entries (group, entries);
  return group;
}

GOptionContext *
desk_ctl_main_context (DeskCtl *ctl)
{
  g_autoptr(GString) description = g_string_new (_("Commands:"));
  GOptionContext *context;

  for (guint i = 0; commands[i].name != NULL; i++)
    {
      g_autofree char *usage = NULL;

      if (commands[i].summary == NULL)
        continue;
      usage = g_strchomp (g_strdup_printf ("%s %s", commands[i].name, commands[i].args));
      if (strlen (usage) <= COMMAND_COLUMN)
        g_string_append_printf (description, "\n  %-*s %s", COMMAND_COLUMN, usage,
                                _(commands[i].summary));
      else
        g_string_append_printf (description, "\n  %s\n  %-*s %s", usage, COMMAND_COLUMN, "",
                                _(commands[i].summary));
    }
  g_string_append_c (description, '\n');

  context = g_option_context_new (_("COMMAND [ARGS…]"));
  g_option_context_set_summary (context,
                                _("Work with an ArrestDesk database from the command line."));
  g_option_context_set_description (context, description->str);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_main_group (context, desk_ctl_global_group (ctl));
  /* Stop at the command: what follows it belongs to the command. */
  g_option_context_set_strict_posix (context, TRUE);
  return context;
}

GOptionContext *
desk_ctl_command_context (DeskCtl            *ctl,
                          const char         *command,
                          const GOptionEntry *entries)
{
  const DeskCtlCommand *info = desk_ctl_lookup (command);
  g_autofree char *usage = NULL;
  GOptionContext *context;

  g_assert (info != NULL);

  usage = g_strchomp (g_strdup_printf ("%s %s", info->name, info->args));
  context = g_option_context_new (usage);
  if (info->summary != NULL)
    g_option_context_set_summary (context, _(info->summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_main_group (context, desk_ctl_global_group (ctl));
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

gboolean
desk_ctl_parse (GOptionContext   *context,
                int              *argc,
                char           ***argv)
{
  g_autoptr(GError) error = NULL;

  if (g_option_context_parse (context, argc, argv, &error))
    return TRUE;

  desk_ctl_fail (_("%s; try “%s help”"), error->message, g_get_prgname ());
  return FALSE;
}

char *
desk_ctl_database_path (DeskCtl *ctl)
{
  if (ctl->database != NULL)
    return g_strdup (ctl->database);
  return desk_paths_default_database (FALSE);
}

/* SQLCipher cannot tell a wrong key from a file that is no database at all;
 * catch the plain cases first so the message can say which it is. */
static gboolean
check_database_file (const char *path,
                     gboolean    create)
{
  GStatBuf st;
  char header[16] = { 0, };
  ssize_t got;
  int fd;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      desk_ctl_fail (_("cannot read the database “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      desk_ctl_fail (_("“%s” is not a database file; give the path of the file with --database"), path);
      return FALSE;
    }

  fd = g_open (path, O_RDWR | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      desk_ctl_fail (_("cannot open the database “%s” for reading and writing: %s; check its owner and permissions"),
                     path, g_strerror (saved_errno));
      return FALSE;
    }
  got = read (fd, header, sizeof header);
  close (fd);

  if (st.st_size == 0)
    {
      if (create)
        return TRUE;
      desk_ctl_fail (_("the database “%s” is empty; make it with “%s init”"), path, g_get_prgname ());
      return FALSE;
    }
  if (got == sizeof header && memcmp (header, "SQLite format 3", sizeof header) == 0)
    {
      desk_ctl_fail (_("“%s” is an unencrypted SQLite file, not an ArrestDesk database"), path);
      return FALSE;
    }
  /* An encrypted database is a whole number of pages (1 KiB or 4 KiB). */
  if (st.st_size % 512 != 0)
    {
      desk_ctl_fail (_("“%s” is not an ArrestDesk database"), path);
      return FALSE;
    }

  return TRUE;
}

static void
report_open_error (DeskCtl      *ctl,
                   const char   *path,
                   const GError *error)
{
  if (g_error_matches (error, DESK_STORE_ERROR, DESK_STORE_ERROR_WRONG_KEY))
    {
      if (ctl->key_file != NULL)
        desk_ctl_fail (_("the key in “%s” does not open “%s”; use the key file the database was made with"),
                       ctl->key_file, path);
      else
        desk_ctl_fail (_("the key in the keyring does not open “%s”; pass the right key with --key-file"),
                       path);
    }
  else if (g_error_matches (error, DESK_STORE_ERROR, DESK_STORE_ERROR_KEY_NOT_FOUND))
    desk_ctl_fail (_("the keyring holds no key for “%s” (is it locked?); unlock it or pass --key-file"),
                   path);
  else if (g_error_matches (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NO_KEYRING))
    desk_ctl_fail (_("no keyring (Secret Service) is running to hold the database key; pass --key-file FILE (make one with “%s keygen FILE”)"),
                   g_get_prgname ());
  else if (g_error_matches (error, DESK_STORE_ERROR, DESK_STORE_ERROR_TOO_NEW))
    desk_ctl_fail (_("“%s” was made by a newer ArrestDesk; update %s to open it"),
                   path, g_get_prgname ());
  else
    desk_ctl_fail (_("cannot open the database “%s”: %s"), path, error->message);
}

DeskStore *
desk_ctl_open_store (DeskCtl  *ctl,
                     gboolean  create)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskKey) key = NULL;
  g_autofree char *path = desk_ctl_database_path (ctl);
  DeskStore *store;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!create)
        {
          desk_ctl_fail (_("there is no database at “%s”; make one with “%s init” or give the right --database"),
                         path, g_get_prgname ());
          return NULL;
        }
    }
  else if (!check_database_file (path, create))
    return NULL;

  if (ctl->key_file == NULL)
    store = desk_store_open_with_keyring (path, NULL, &error);
  else
    {
      if (!g_file_test (ctl->key_file, G_FILE_TEST_EXISTS))
        {
          /* A new key only helps a database that does not exist yet. */
          if (g_file_test (path, G_FILE_TEST_EXISTS))
            desk_ctl_fail (_("the key file “%s” does not exist; give the key file “%s” was made with"),
                           ctl->key_file, path);
          else
            desk_ctl_fail (_("the key file “%s” does not exist; give the right --key-file, or make a new key with “%s keygen %s”"),
                           ctl->key_file, g_get_prgname (), ctl->key_file);
          return NULL;
        }
      key = desk_key_new_from_file (ctl->key_file, &error);
      if (key == NULL)
        {
          desk_ctl_fail ("%s", error->message);
          return NULL;
        }
      store = desk_store_open (path, key, &error);
    }

  if (store == NULL)
    report_open_error (ctl, path, error);
  return store;
}
