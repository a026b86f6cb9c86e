#pragma once

#include <glib.h>

G_BEGIN_DECLS

void desk_memory_release_soon (void);

G_END_DECLS
