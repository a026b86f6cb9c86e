#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint        n_arrestees;  /* default 200 */
  guint32      seed;         /* same seed, same data */
  const char  *action_name;  /* default "Spring Rebellion" */
  gint64       now_unix;     /* times are spread before this; 0 = now */
} DeskDemoOptions;

/* Fills @store with a realistic action: stations that went live, arrestees
 * across them with custody times, calls about them, legal observer shifts,
 * volunteers. Everything goes through the one write path, in batches of one
 * transaction each: a failure part-way keeps the batches already written.
 * Returns the new action's id. */
char *desk_demo_generate (DeskStore             *store,
                          const DeskDemoOptions *options,
                          GError               **error);

G_END_DECLS
