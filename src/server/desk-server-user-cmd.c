#define G_LOG_DOMAIN "desk-server-user-cmd"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "desk-server-auth.h"
#include "desk-server-cmd.h"
#include "desk-server-storage-sqlite.h"

/* arrestdesk-server user add|list|disable|enable */

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

/* One line from @stream without its newline, or NULL at end of input. */
static char *
read_line (FILE *stream)
{
  GString *line = g_string_new (NULL);
  int c;

  while ((c = fgetc (stream)) != EOF && c != '\n')
    g_string_append_c (line, (char) c);
  if (c == EOF && line->len == 0)
    {
      g_string_free (line, TRUE);
      return NULL;
    }
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);
  return g_string_free (line, FALSE);
}

static char *
prompt_hidden (const char *prompt)
{
  struct termios saved, quiet;
  gboolean hidden;
  char *line;

  fputs (prompt, stderr);
  fflush (stderr);
  hidden = tcgetattr (STDIN_FILENO, &saved) == 0;
  if (hidden)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  line = read_line (stdin);
  if (hidden)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  fputc ('\n', stderr);
  return line;
}

/* From stdin when it is not a terminal (scripts, tests), else asked twice. */
static char *
read_password (GError **error)
{
  char *password;
  char *again;

  if (!isatty (STDIN_FILENO))
    {
      password = read_line (stdin);
      if (password == NULL)
        g_set_error (error, DESK_SERVER_ERROR, DESK_SERVER_ERROR_INVALID,
                     "No password on standard input");
      return password;
    }

  password = prompt_hidden ("Password: ");
  again = prompt_hidden ("Password again: ");
  if (password == NULL || again == NULL || strcmp (password, again) != 0)
    {
      wipe_free (password);
      wipe_free (again);
      g_set_error (error, DESK_SERVER_ERROR, DESK_SERVER_ERROR_INVALID,
                   "The two passwords differ");
      return NULL;
    }
  wipe_free (again);
  return password;
}

static gboolean
check_username (const char  *name,
                GError     **error)
{
  gsize length = strlen (name);

  if (length == 0 || length > 64)
    {
      g_set_error (error, DESK_SERVER_ERROR, DESK_SERVER_ERROR_INVALID,
                   "A username is 1–64 characters");
      return FALSE;
    }
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr ("._-@", *p) == NULL)
      {
        g_set_error (error, DESK_SERVER_ERROR, DESK_SERVER_ERROR_INVALID,
                     "A username may hold letters, digits and . _ - @ only");
        return FALSE;
      }
  return TRUE;
}

static gboolean
check_password (const char  *password,
                GError     **error)
{
  glong length = g_utf8_strlen (password, -1);

  if (!g_utf8_validate (password, -1, NULL) ||
      length < DESK_SERVER_MIN_PASSWORD || strlen (password) > DESK_SERVER_MAX_PASSWORD)
    {
      g_set_error (error, DESK_SERVER_ERROR, DESK_SERVER_ERROR_INVALID,
                   "A password is %d to %d characters", DESK_SERVER_MIN_PASSWORD,
                   DESK_SERVER_MAX_PASSWORD);
      return FALSE;
    }
  return TRUE;
}

static gboolean
user_add (const char  *data_dir,
          const char  *name,
          const char  *role_text,
          GError     **error)
{
  g_autoptr(DeskServerStorage) storage = NULL;
  g_autofree char *hash = NULL;
  char *password = NULL;
  DeskRole role;

  if (!check_username (name, error))
    return FALSE;
  if (role_text == NULL || !desk_role_parse (role_text, &role))
    {
      g_set_error (error, DESK_SERVER_ERROR, DESK_SERVER_ERROR_INVALID,
                   "--role must be bov, pssc or coordinator");
      return FALSE;
    }

  password = read_password (error);
  if (password == NULL)
    return FALSE;
  if (check_password (password, error))
    hash = desk_server_hash_password (password, error);
  wipe_free (password);
  if (hash == NULL)
    return FALSE;

  storage = desk_server_storage_sqlite_open (data_dir, error);
  if (storage == NULL || !desk_server_storage_add_account (storage, name, role, hash, error))
    return FALSE;

  g_print ("Added %s (%s)\n", name, desk_role_to_string (role));
  return TRUE;
}

/* For commands that only read or change: a mistyped --data must not
 * quietly make a new, empty database. */
static DeskServerStorage *
open_existing (const char  *data_dir,
               GError     **error)
{
  g_autofree char *path = g_build_filename (data_dir, "server.db", NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, DESK_SERVER_ERROR, DESK_SERVER_ERROR_NOT_FOUND,
                   "There is no server database in “%s”", data_dir);
      return NULL;
    }
  return desk_server_storage_sqlite_open (data_dir, error);
}

static gboolean
user_list (const char  *data_dir,
           GError     **error)
{
  g_autoptr(DeskServerStorage) storage = open_existing (data_dir, error);
  g_autoptr(GPtrArray) accounts = NULL;

  if (storage == NULL)
    return FALSE;
  accounts = desk_server_storage_list_accounts (storage, error);
  if (accounts == NULL)
    return FALSE;

  for (guint i = 0; i < accounts->len; i++)
    {
      const DeskServerAccount *account = g_ptr_array_index (accounts, i);

      g_print ("%s\t%s\t%s\t%s\n", account->username, desk_role_to_string (account->role),
               account->disabled ? "disabled" : "active", account->created_at);
    }
  return TRUE;
}

static gboolean
user_set_disabled (const char  *data_dir,
                   const char  *name,
                   gboolean     disabled,
                   GError     **error)
{
  g_autoptr(DeskServerStorage) storage = open_existing (data_dir, error);

  if (storage == NULL ||
      !desk_server_storage_set_disabled (storage, name, disabled, error))
    return FALSE;
  g_print ("%s %s\n", disabled ? "Disabled" : "Enabled", name);
  return TRUE;
}

int
desk_server_cmd_user (int    argc,
                      char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *role = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, "Folder of the server's database", "DIR" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, "bov, pssc or coordinator (add)", "ROLE" },
    { NULL }
  };
  const char *verb;
  gboolean ok = FALSE;

  context = g_option_context_new ("add NAME --role ROLE | list | disable NAME | enable NAME");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_help_enabled (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return desk_server_cmd_fail (error->message);

  /* argv[0] is "user" now that the program name was dropped by main. */
  if (argc < 2)
    return desk_server_cmd_fail ("user needs add, list, disable or enable");
  if (data_dir == NULL)
    return desk_server_cmd_fail ("--data DIR is needed");
  verb = argv[1];

  if (strcmp (verb, "list") == 0 && argc == 2)
    ok = user_list (data_dir, &error);
  else if (strcmp (verb, "add") == 0 && argc == 3)
    ok = user_add (data_dir, argv[2], role, &error);
  else if ((strcmp (verb, "disable") == 0 || strcmp (verb, "enable") == 0) && argc == 3)
    ok = user_set_disabled (data_dir, argv[2], strcmp (verb, "disable") == 0, &error);
  else
    return desk_server_cmd_fail ("usage: user add NAME --role ROLE | list | disable NAME | enable NAME (with --data DIR)");

  return ok ? 0 : desk_server_cmd_fail (error->message);
}
