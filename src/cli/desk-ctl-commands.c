#define G_LOG_DOMAIN "desk-ctl"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "desk-ctl.h"
#include "desk-demo.h"
#include "desk-export.h"
#include "desk-query.h"
#include "desk-schema.h"

#define MAX_DEMO_ARRESTEES 1000000

static gboolean
parse_number (const char *option,
              const char *text,
              guint64     min,
              guint64     max,
              guint64    *value)
{
  if (g_ascii_string_to_unsigned (text, 10, min, max, value, NULL))
    return TRUE;

  desk_ctl_fail (_("%s wants a whole number from %lu to %lu, not “%s”"),
                 option, (gulong) min, (gulong) max, text);
  return FALSE;
}

DeskCtlExit
desk_ctl_cmd_init (DeskCtl  *ctl,
                   int       argc,
                   char    **argv)
{
  g_autoptr(GOptionContext) context = desk_ctl_command_context (ctl, "init", NULL);
  g_autoptr(DeskStore) store = NULL;
  g_autofree char *path = NULL;
  gboolean existed;

  if (!desk_ctl_parse (context, &argc, &argv))
    return DESK_CTL_EXIT_USAGE;
  if (!desk_ctl_no_arguments ("init", argc))
    return DESK_CTL_EXIT_USAGE;

  path = desk_ctl_database_path (ctl);
  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  store = desk_ctl_open_store (ctl, TRUE);
  if (store == NULL)
    return DESK_CTL_EXIT_FAILED;

  if (existed)
    g_print (_("The database “%s” already exists (schema %d); it opens with this key.\n"),
             path, desk_store_get_schema_version (store));
  else
    g_print (_("Made the encrypted database “%s” (schema %d, SQLCipher %s).\n"),
             path, desk_store_get_schema_version (store), desk_store_get_cipher_version (store));

  desk_store_close (store);
  return DESK_CTL_EXIT_OK;
}

DeskCtlExit
desk_ctl_cmd_keygen (DeskCtl  *ctl,
                     int       argc,
                     char    **argv)
{
  g_autoptr(GOptionContext) context = desk_ctl_command_context (ctl, "keygen", NULL);
  g_autoptr(DeskKey) key = NULL;
  const char *path;
  char *hex;
  gboolean written;
  int saved_errno;
  int fd;

  if (!desk_ctl_parse (context, &argc, &argv))
    return DESK_CTL_EXIT_USAGE;
  if (argc > 2)
    {
      desk_ctl_fail (_("“keygen” takes one file name; try “%s help”"), g_get_prgname ());
      return DESK_CTL_EXIT_USAGE;
    }

  /* "keygen FILE", or the file named by --key-file. */
  path = argc == 2 ? argv[1] : ctl->key_file;
  if (path == NULL)
    {
      desk_ctl_fail (_("“keygen” needs the file to write: “%s keygen FILE”"), g_get_prgname ());
      return DESK_CTL_EXIT_USAGE;
    }

  /* O_EXCL: an existing key may be the only way into a database. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved_errno = errno;
      if (saved_errno == EEXIST)
        desk_ctl_fail (_("“%s” already exists; a key is never overwritten, so choose another file name"), path);
      else
        desk_ctl_fail (_("cannot create the key file “%s”: %s"), path, g_strerror (saved_errno));
      return DESK_CTL_EXIT_FAILED;
    }

  key = desk_key_new_random ();
  hex = desk_key_to_hex (key);
  written = fchmod (fd, 0600) == 0 &&
            write (fd, hex, strlen (hex)) == (ssize_t) strlen (hex) &&
            write (fd, "\n", 1) == 1 &&
            fsync (fd) == 0;
  saved_errno = errno;
  desk_secure_free (hex);
  if (close (fd) != 0 && written)
    {
      written = FALSE;
      saved_errno = errno;
    }

  if (!written)
    {
      g_unlink (path);
      desk_ctl_fail (_("cannot write the key file “%s”: %s"), path, g_strerror (saved_errno));
      return DESK_CTL_EXIT_FAILED;
    }

  g_print (_("Wrote a new key to “%s”. Keep it safe: without it the database cannot be opened.\n"),
           path);
  return DESK_CTL_EXIT_OK;
}

DeskCtlExit
desk_ctl_cmd_demo (DeskCtl  *ctl,
                   int       argc,
                   char    **argv)
{
  g_autofree char *arrestees_text = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *action_name = NULL;
  const GOptionEntry entries[] = {
    { "arrestees", 'n', 0, G_OPTION_ARG_STRING, &arrestees_text,
      N_("How many arrestees to make (default 200)"), "N" },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed_text,
      N_("The same seed makes the same people and times (default: a random seed)"), "S" },
    { "action", 'a', 0, G_OPTION_ARG_STRING, &action_name,
      N_("Name of the demo action (default “Spring Rebellion”)"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = desk_ctl_command_context (ctl, "demo", entries);
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *action_id = NULL;
  DeskDemoOptions options = { 0, };
  guint64 number;
  gint64 started;
  gint64 n_stations;
  gint64 n_calls;

  if (!desk_ctl_parse (context, &argc, &argv))
    return DESK_CTL_EXIT_USAGE;
  if (!desk_ctl_no_arguments ("demo", argc))
    return DESK_CTL_EXIT_USAGE;

  options.n_arrestees = 200;
  if (arrestees_text != NULL)
    {
      if (!parse_number ("--arrestees", arrestees_text, 1, MAX_DEMO_ARRESTEES, &number))
        return DESK_CTL_EXIT_USAGE;
      options.n_arrestees = (guint) number;
    }
  options.seed = g_random_int ();
  if (seed_text != NULL)
    {
      if (!parse_number ("--seed", seed_text, 0, G_MAXUINT32, &number))
        return DESK_CTL_EXIT_USAGE;
      options.seed = (guint32) number;
    }
  if (action_name != NULL && !g_utf8_validate (action_name, -1, NULL))
    {
      desk_ctl_fail (_("the --action name is not valid UTF-8 text"));
      return DESK_CTL_EXIT_USAGE;
    }
  options.action_name = action_name;

  store = desk_ctl_open_store (ctl, FALSE);
  if (store == NULL)
    return DESK_CTL_EXIT_FAILED;

  started = g_get_monotonic_time ();
  action_id = desk_demo_generate (store, &options, &error);
  if (action_id == NULL)
    {
      desk_ctl_fail (_("could not make the demo data: %s"), error->message);
      desk_store_close (store);
      return DESK_CTL_EXIT_FAILED;
    }

  n_stations = desk_query_count (store, "station", action_id, NULL);
  n_calls = desk_query_count (store, "call", action_id, NULL);
  g_print (_("Added a demo action with %u arrestees, %u stations and %u calls (seed %u) in %.1f s.\n"),
           options.n_arrestees, (guint) n_stations, (guint) n_calls, options.seed,
           (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);

  desk_store_close (store);
  return DESK_CTL_EXIT_OK;
}

DeskCtlExit
desk_ctl_cmd_stats (DeskCtl  *ctl,
                    int       argc,
                    char    **argv)
{
  g_autoptr(GOptionContext) context = desk_ctl_command_context (ctl, "stats", NULL);
  g_autoptr(DeskStore) store = NULL;
  const DeskRecordType *const *types = desk_schema_types ();

  if (!desk_ctl_parse (context, &argc, &argv))
    return DESK_CTL_EXIT_USAGE;
  if (!desk_ctl_no_arguments ("stats", argc))
    return DESK_CTL_EXIT_USAGE;

  store = desk_ctl_open_store (ctl, FALSE);
  if (store == NULL)
    return DESK_CTL_EXIT_FAILED;

  g_print ("%s: %s\n", _("Database"), desk_store_get_path (store));
  g_print ("%s: %d\n", _("Schema version"), desk_store_get_schema_version (store));
  g_print ("%s: %s\n", _("SQLCipher version"), desk_store_get_cipher_version (store));
  g_print ("%s:\n", _("Records (not deleted)"));

  for (guint i = 0; types[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 count = desk_query_count (store, types[i]->table, NULL, &error);

      if (count < 0 || error != NULL)
        {
          desk_ctl_fail (_("cannot count the %s records: %s"), types[i]->table,
                         error ? error->message : _("unknown error"));
          desk_store_close (store);
          return DESK_CTL_EXIT_FAILED;
        }
      g_print ("  %-16s %10" G_GINT64_FORMAT "\n", types[i]->table, count);
    }

  desk_store_close (store);
  return DESK_CTL_EXIT_OK;
}

DeskCtlExit
desk_ctl_cmd_export (DeskCtl  *ctl,
                     int       argc,
                     char    **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Write JSON: every record of every table, deleted ones marked"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = desk_ctl_command_context (ctl, "export", entries);
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;

  if (!desk_ctl_parse (context, &argc, &argv))
    return DESK_CTL_EXIT_USAGE;
  if (!desk_ctl_no_arguments ("export", argc))
    return DESK_CTL_EXIT_USAGE;
  if (!json)
    {
      desk_ctl_fail (_("“export” needs a format: “%s export --json”"), g_get_prgname ());
      return DESK_CTL_EXIT_USAGE;
    }

  store = desk_ctl_open_store (ctl, FALSE);
  if (store == NULL)
    return DESK_CTL_EXIT_FAILED;

  out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  if (!desk_export_json (store, out, &error))
    {
      desk_ctl_fail (_("the export stopped: %s"), error->message);
      desk_store_close (store);
      return DESK_CTL_EXIT_FAILED;
    }

  desk_store_close (store);
  return DESK_CTL_EXIT_OK;
}

DeskCtlExit
desk_ctl_cmd_help (DeskCtl  *ctl,
                   int       argc,
                   char    **argv)
{
  g_autoptr(GOptionContext) context = desk_ctl_main_context (ctl);
  g_autofree char *help = NULL;

  help = g_option_context_get_help (context, TRUE, NULL);
  g_print ("%s", help);
  return DESK_CTL_EXIT_OK;
}
