#pragma once

#include "desk-id-list.h"
#include "desk-store.h"

G_BEGIN_DECLS

/* The running custody limits: what the alerts need, nothing personal.
 * Packed, as there may be tens of thousands: ids[i]'s limit is
 * g_array_index (limits, gint64, i), µs UTC. */
typedef struct
{
  DeskIdList *ids;
  GArray     *limits;
} DeskCustodyLimits;

void desk_custody_limits_free (DeskCustodyLimits *limits);

/* The limit of every live arrestee whose custody clock runs (started, not
 * released, not held for court), reading only the clock fields, never
 * whole records: there may be 100,000. A record whose clock cannot be
 * computed (a time beyond the law) is left out; its page shows why. */
DeskCustodyLimits *desk_custody_query_limits (DeskStore  *store,
                                              GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskCustodyLimits, desk_custody_limits_free)

G_END_DECLS
