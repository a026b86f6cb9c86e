#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

/* Merging two records of one person (the duplicate warning's "Merge").
 * In one transaction through the one write path: the survivor takes every
 * field it lacks from @merged_id, every record linking to @merged_id (calls,
 * online reports) is re-pointed to the survivor, and @merged_id becomes a
 * tombstone whose merged_into names the survivor. History is never
 * rewritten: desk_query_history() of the survivor includes the history of
 * every record merged into it. Both must be live arrestees of one action. */
gboolean desk_arrestee_merge (DeskStore   *store,
                              const char  *survivor_id,
                              const char  *merged_id,
                              GError     **error);

G_END_DECLS
