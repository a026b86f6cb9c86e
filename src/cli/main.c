#define G_LOG_DOMAIN "desk-ctl"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "desk-ctl.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  DeskCtl ctl = { NULL, NULL };
  const DeskCtlCommand *command;
  DeskCtlExit status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* Messages name the program the same way however it was started. */
  g_set_prgname ("arrestdesk-ctl");
  /* A closed store's database thread then waits, parked, for the exit
   * instead of tearing down while the process exits: no thread half gone
   * when the exit handlers (or a leak checker) run. */
  g_thread_pool_set_max_unused_threads (-1);

  context = desk_ctl_main_context (&ctl);
  if (!desk_ctl_parse (context, &argc, &argv))
    return DESK_CTL_EXIT_USAGE;

  if (argc < 2)
    {
      desk_ctl_fail (_("no command given; try “%s help”"), g_get_prgname ());
      return DESK_CTL_EXIT_USAGE;
    }

  command = desk_ctl_lookup (argv[1]);
  if (command == NULL)
    {
      desk_ctl_fail (_("unknown command “%s”; try “%s help”"), argv[1], g_get_prgname ());
      return DESK_CTL_EXIT_USAGE;
    }

  /* The command parses its own arguments, starting with its name as argv[0]. */
  status = command->func (&ctl, argc - 1, argv + 1);

  g_free (ctl.database);
  g_free (ctl.key_file);
  return status;
}
