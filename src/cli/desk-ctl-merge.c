#define G_LOG_DOMAIN "desk-ctl"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-arrestee-merge.h"
#include "desk-ctl.h"

/* "merge SURVIVOR-ID OTHER-ID": the duplicate warning's Merge, for
 * scripts and for a BOC cleaning up after an import. */
DeskCtlExit
desk_ctl_cmd_merge (DeskCtl  *ctl,
                    int       argc,
                    char    **argv)
{
  g_autoptr(GOptionContext) context = desk_ctl_command_context (ctl, "merge", NULL);
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!desk_ctl_parse (context, &argc, &argv))
    return DESK_CTL_EXIT_USAGE;
  if (argc != 3)
    {
      desk_ctl_fail (_("“merge” takes two arrestee ids, the record to keep first: “%s merge SURVIVOR-ID OTHER-ID”"),
                     g_get_prgname ());
      return DESK_CTL_EXIT_USAGE;
    }

  store = desk_ctl_open_store (ctl, FALSE);
  if (store == NULL)
    return DESK_CTL_EXIT_FAILED;

  if (!desk_arrestee_merge (store, argv[1], argv[2], &error))
    {
      desk_ctl_fail (_("cannot merge: %s"), error->message);
      desk_store_close (store);
      return DESK_CTL_EXIT_FAILED;
    }

  g_print (_("Merged arrestee %s into %s; its calls, reports and history are on %s now.\n"),
           argv[2], argv[1], argv[1]);
  desk_store_close (store);
  return DESK_CTL_EXIT_OK;
}
