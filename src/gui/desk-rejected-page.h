#pragma once

#include <adwaita.h>

#include "desk-store.h"

G_BEGIN_DECLS

/* Changes made on this desk that the server refused, each with the
 * server's reason: nothing vanishes silently (DESIGN.md "Push"). */
#define DESK_TYPE_REJECTED_PAGE (desk_rejected_page_get_type ())
G_DECLARE_FINAL_TYPE (DeskRejectedPage, desk_rejected_page, DESK, REJECTED_PAGE, AdwPreferencesPage)

GtkWidget *desk_rejected_page_new (DeskStore *store);

G_END_DECLS
