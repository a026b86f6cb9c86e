#define G_LOG_DOMAIN "desk-paths"

#include "config.h"

#include <glib/gstdio.h>

#include "desk-paths.h"

char *
desk_paths_data_dir (void)
{
  char *dir = g_build_filename (g_get_user_data_dir (), "arrestdesk", NULL);

  /* Only the owner may list or read the database folder. */
  g_mkdir_with_parents (dir, 0700);
  return dir;
}

char *
desk_paths_default_database (gboolean training)
{
  g_autofree char *dir = desk_paths_data_dir ();

  return g_build_filename (dir, training ? "training.db" : "arrestdesk.db", NULL);
}
