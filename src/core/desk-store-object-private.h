#pragma once

#include "desk-store-private.h"

G_BEGIN_DECLS

/* For the files that make up the DeskStore class only (desk-store*.c):
 * the instance. Other core files go through desk-store-private.h. */

/* The page cache (KiB): the pages the lists and records in use read again.
 * A scan of a whole table or index runs with the small one (desk_store_scan). */
#define DESK_STORE_CACHE_KIB 16384
#define DESK_STORE_SCAN_CACHE_KIB 512

struct _DeskStore
{
  GObject         parent_instance;

  sqlite3        *db;
  GRecMutex       lock;
  GHashTable     *statements;   /* sql → sqlite3_stmt* */
  GThreadPool    *worker;       /* one thread: database work off the main thread */
  GMainContext   *owner;        /* where "changed" is emitted */
  GCancellable   *current_job;  /* of the job the worker runs now … */
  GThread        *job_thread;   /* … on this thread */
  gint            closing;      /* atomic: stop long reads, finish writes */

  char           *path;
  char           *node_id;
  GMutex          author_lock;  /* never the database lock: the UI must not wait on a query */
  char           *author;
  gboolean        author_unsaved;
  char           *cipher_version;
  int             schema_version;
  DeskHlc         hlc;
  DeskStoreFault  fault;
  gboolean        unguarded;    /* see desk_store_set_unguarded() */
};

/* Runs @func in the owner's main context, from any thread (desk-store.c). */
void  desk_store_run_in_owner (DeskStore      *self,
                               GSourceFunc     func,
                               gpointer        data,
                               GDestroyNotify  destroy);
/* The first column of the first row of @sql, or NULL (desk-store.c). */
char *desk_store_query_text   (DeskStore      *self,
                               const char     *sql);

G_END_DECLS
