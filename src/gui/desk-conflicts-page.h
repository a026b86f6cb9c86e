#pragma once

#include <adwaita.h>

#include "desk-roles.h"
#include "desk-store.h"

G_BEGIN_DECLS

/* Every open conflict of the store: both values, who wrote each and when,
 * and a button to keep each. Keeping one writes through the one write path
 * (desk_sync_resolve_conflict), so the choice reaches every desk. Buttons
 * for a field the role may not change are not shown. */
#define DESK_TYPE_CONFLICTS_PAGE (desk_conflicts_page_get_type ())
G_DECLARE_FINAL_TYPE (DeskConflictsPage, desk_conflicts_page, DESK, CONFLICTS_PAGE, AdwPreferencesPage)

/* @role NULL: no role known, every choice offered. */
GtkWidget *desk_conflicts_page_new (DeskStore      *store,
                                    const DeskRole *role);

G_END_DECLS
