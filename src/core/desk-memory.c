#define G_LOG_DOMAIN "desk-memory"

#include "config.h"

#include "desk-memory.h"

/* After glib.h, which says which C library this is. */
#ifdef __GLIBC__
#include <malloc.h>
#endif

/* Loading a list of 100,000 ids or searching every name frees much more
 * than it keeps, in many small blocks, some on the database thread's own
 * heap: the C library keeps those pages for reuse, and the process keeps
 * its peak size. Handing them back once the work is over keeps the next
 * peak lower. Once for a burst of loads. */
#define RELEASE_DELAY_MS 300

static guint release_id;

static gboolean
on_release_cb (gpointer user_data)
{
  release_id = 0;
#ifdef __GLIBC__
  malloc_trim (0);
#endif
  return G_SOURCE_REMOVE;
}

/* Main thread only: after a big load has finished and freed its work. */
void
desk_memory_release_soon (void)
{
  if (release_id == 0)
    release_id = g_timeout_add (RELEASE_DELAY_MS, on_release_cb, NULL);
}
