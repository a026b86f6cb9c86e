#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void        desk_stack_icons_defer         (GtkStack      *stack);
const char *desk_stack_icons_get_icon_name (AdwStatusPage *status_page);

G_END_DECLS
