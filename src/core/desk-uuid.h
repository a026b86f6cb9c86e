#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A time-ordered UUID (version 7, RFC 9562) for new record ids. */
char *desk_uuid_new (void);

G_END_DECLS
