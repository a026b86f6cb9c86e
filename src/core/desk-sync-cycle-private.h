#pragma once

#include <json-glib/json-glib.h>

#include "desk-store.h"
#include "desk-sync-client.h"

G_BEGIN_DECLS

/* For the sync cycle's own files: desk-sync-cycle.c starts a cycle and
 * returns it, desk-sync-cycle-push.c sends the outbox, desk-sync-cycle-pull.c
 * fetches and applies pages. A cycle is the task data of its GTask. */

typedef struct _DeskSyncPage DeskSyncPage;

typedef struct
{
  DeskStore      *store;
  char           *client_id;
  int             schema;
  GPtrArray      *pending;     /* this page of the outbox, DeskOutboxEntry */
  guint           next;        /* the first entry the server has not answered */
  gint64          read_after;  /* the next page starts after this mutation id */
  gint64          resume_at;   /* after a gap: the id the next page must start with */
  gboolean        more_pending; /* the page was full: the outbox may hold more */
  guint           sent;        /* entries in the push on its way */
  gboolean        more;        /* the last pulled page said there is more */
  gboolean        fetching;    /* a pull request is on its way */
  gboolean        applying;    /* a page is being applied */
  DeskSyncPage   *waiting;     /* a page read while the one before applies */
  gboolean        done;        /* the task has returned */
  gint64          last_gap;    /* the last "expected" of a 409, to stop a loop */
  gint64          cursor;
  DeskSyncReport *report;
} DeskSyncCycle;

/* desk-sync-cycle.c: what both halves share. */
/* Marks the cycle done: work still on its way ends without a word. */
void        desk_sync_cycle_return_error        (GTask      *task,
                                                 GError     *error);
void        desk_sync_cycle_return_server_error (GTask      *task,
                                                 const char *format,
                                                 ...) G_GNUC_PRINTF (2, 3);
/* The reply to a push or pull, or NULL once the task returned the error.
 * With @gap (a push), a 409 "gap" reply is a reply too, and says so. */
JsonObject *desk_sync_cycle_finish_reply        (GTask        *task,
                                                 GAsyncResult *result,
                                                 const char   *what,
                                                 gboolean     *gap);
/* Runs @work in one transaction under the store's lock (on the database
 * thread); a result for desk_store_run_finish(). */
gpointer    desk_sync_cycle_run_in_transaction  (DeskStore  *store,
                                                 gboolean  (*work) (DeskStore *, gpointer, GError **),
                                                 gpointer    data,
                                                 GError    **error);
/* @text as a JSON string literal. */
char       *desk_sync_cycle_quote_json          (const char *text);

/* desk-sync-cycle-push.c: pushes the outbox from the cursor read, then pulls. */
void        desk_sync_cycle_push                (GTask        *task);

/* desk-sync-cycle-pull.c: pulls pages until there are no more, then
 * returns the report. */
void        desk_sync_cycle_pull                (GTask        *task);
void        desk_sync_page_free                 (DeskSyncPage *page);

G_END_DECLS
