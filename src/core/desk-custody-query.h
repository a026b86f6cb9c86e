#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

/* One running custody limit: what the alerts need, nothing personal. */
typedef struct
{
  char   *id;
  gint64  limit;   /* µs UTC */
} DeskCustodyLimit;

/* The limit of every live arrestee whose custody clock runs (started, not
 * released, not held for court), reading only the clock fields, never
 * whole records: there may be 100,000. A record whose clock cannot be
 * computed (a time beyond the law) is left out; its page shows why.
 * Array of DeskCustodyLimit that clears its elements. */
GArray *desk_custody_query_limits (DeskStore  *store,
                                   GError    **error);

G_END_DECLS
