#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

/* Every record of every table (tombstones included, marked) as one JSON
 * document: { "schema": N, "records": { "arrestee": [ {...}, ... ], ... } }. */
gboolean desk_export_json (DeskStore     *store,
                           GOutputStream *out,
                           GError       **error);

G_END_DECLS
