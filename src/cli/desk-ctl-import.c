#define G_LOG_DOMAIN "desk-ctl-import"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-ctl.h"
#include "desk-import.h"

/* arrestdesk-ctl import arrestees FILE.csv [--action ID] */

DeskCtlExit
desk_ctl_cmd_import (DeskCtl  *ctl,
                     int       argc,
                     char    **argv)
{
  g_autofree char *action_id = NULL;
  const GOptionEntry entries[] = {
    { "action", 'a', 0, G_OPTION_ARG_STRING, &action_id,
      N_("The id of the mass action to import into (default: the only or most recently made one)"), "ID" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = desk_ctl_command_context (ctl, "import", entries);
  g_autoptr(DeskImportResult) result = NULL;
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *said = NULL;

  if (!desk_ctl_parse (context, &argc, &argv))
    return DESK_CTL_EXIT_USAGE;
  if (argc != 3 || !g_str_equal (argv[1], "arrestees"))
    {
      desk_ctl_fail (_("“import” wants what to import and the file: “%s import arrestees FILE.csv”"),
                     g_get_prgname ());
      return DESK_CTL_EXIT_USAGE;
    }

  store = desk_ctl_open_store (ctl, FALSE);
  if (store == NULL)
    return DESK_CTL_EXIT_FAILED;

  file = g_file_new_for_commandline_arg (argv[2]);
  result = desk_import_arrestees_from_file (store, file, action_id, NULL, NULL, NULL, &error);
  desk_store_close (store);
  if (result == NULL)
    {
      desk_ctl_fail (_("nothing was imported from “%s”: %s"), argv[2], error->message);
      return DESK_CTL_EXIT_FAILED;
    }

  said = desk_import_result_describe (result);
  g_print ("%s\n", said);
  return DESK_CTL_EXIT_OK;
}
