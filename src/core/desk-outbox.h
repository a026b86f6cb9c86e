#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

/* What the sync client does with the outbox after a push, and its cursor.
 * Only bookkeeping: record tables are never touched here. */

/* The server has the mutation (applied or a duplicate): forget it. */
gboolean desk_outbox_acknowledge (DeskStore   *store,
                                  gint64       mutation_id,
                                  GError     **error);
/* Refused for a rule: keep it, with the reason, for the person to see. */
gboolean desk_outbox_reject      (DeskStore   *store,
                                  gint64       mutation_id,
                                  const char  *reason,
                                  GError     **error);
/* The server version this desk has pulled up to (0 before the first pull). */
gint64   desk_sync_get_cursor    (DeskStore   *store);
gboolean desk_sync_set_cursor    (DeskStore   *store,
                                  gint64       version,
                                  GError     **error);

G_END_DECLS
