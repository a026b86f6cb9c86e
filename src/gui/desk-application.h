#pragma once

#include <adwaita.h>

#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_APPLICATION (desk_application_get_type ())
G_DECLARE_FINAL_TYPE (DeskApplication, desk_application, DESK, APPLICATION, AdwApplication)

DeskApplication *desk_application_new       (void);
/* The open store, or NULL while it is locked or opening. */
DeskStore       *desk_application_get_store (DeskApplication *self);

G_END_DECLS
