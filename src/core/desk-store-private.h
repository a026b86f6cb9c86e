#pragma once

#include <sqlite3.h>

#include "desk-hlc.h"
#include "desk-store.h"

G_BEGIN_DECLS

/* For core files only: the connection and its lock. Every use of the
 * connection holds the lock, so the database thread and a CLI never interleave. */
sqlite3      *desk_store_get_db        (DeskStore *self);
void          desk_store_lock          (DeskStore *self);
void          desk_store_unlock        (DeskStore *self);
/* A cached prepared statement, reset and with bindings cleared. */
sqlite3_stmt *desk_store_prepare       (DeskStore   *self,
                                        const char  *sql,
                                        GError     **error);
gboolean      desk_store_exec          (DeskStore   *self,
                                        const char  *sql,
                                        GError     **error);
gboolean      desk_store_set_sqlite_error (DeskStore  *self,
                                           GError    **error,
                                           const char *what);
DeskHlc      *desk_store_get_hlc       (DeskStore *self);
/* The author for a write about to happen; *unsaved says it must be saved with it. */
char         *desk_store_take_author   (DeskStore *self,
                                        gboolean  *unsaved);
void          desk_store_mark_author_unsaved (DeskStore *self);
DeskStoreFault desk_store_get_fault    (DeskStore *self);
/* Unguarded: the caller of writes inside its transaction rolls all of it
 * back on any failure, so the write path opens no savepoint of its own
 * (SQLCipher encrypts every page a savepoint saves; the server's push of
 * a whole batch at once, desk-server-storage-sqlite.c). The lock is held. */
void          desk_store_set_unguarded (DeskStore *self,
                                        gboolean   unguarded);
gboolean      desk_store_get_unguarded (DeskStore *self);
/* Should a long read stop early? (its job was cancelled, or the store closes) */
gboolean      desk_store_reads_should_stop (DeskStore *self);
/* Around a long read (a sort of 100k rows happens before its first row):
 * lets it stop when its job is cancelled or the store closes. Never around
 * a write. */
void          desk_store_watch_read    (DeskStore *self,
                                        gboolean   on);
/* Around a read of every row of a table or index (a list's ids, the custody
 * scan): read once, its pages would only push the pages in use out of the
 * page cache and keep it full. The page cache is cut to a few pages for it
 * (dropping what it held), and grows again as later reads need. */
void          desk_store_scan          (DeskStore *self,
                                        gboolean   on);
void          desk_store_emit_changed  (DeskStore  *self,
                                        const char *table);

/* Schema migrations (desk-migrations.c). */
#define DESK_SCHEMA_VERSION 5
gboolean      desk_migrations_run      (DeskStore  *self,
                                        int        *version_out,
                                        GError    **error);

/* "2026-11-22T01:30:00Z" for now, and the same in ms. */
char         *desk_now_iso             (gint64 *now_ms_out);
/* Double-quoted SQL identifier; @name must be a schema name. */
char         *desk_sql_quote_identifier (const char *name);

G_END_DECLS
