#pragma once

#include "desk-application.h"

G_BEGIN_DECLS

/* Adds app.sync-now (Ctrl+R), app.sync-server, app.sync-log-in and
 * app.sync-issues (Ctrl+Shift+R); keeps the windows showing the role. */
void desk_application_sync_init (DeskApplication *self);

G_END_DECLS
