#define G_LOG_DOMAIN "arrestdesk"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DeskApplication) app = NULL;

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = desk_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
