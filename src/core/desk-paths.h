#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* $XDG_DATA_HOME/arrestdesk, created 0700 on demand. */
char *desk_paths_data_dir          (void);
/* The working database, or the separate training one. */
char *desk_paths_default_database  (gboolean training);

G_END_DECLS
