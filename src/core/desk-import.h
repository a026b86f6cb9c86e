#pragma once

#include <gio/gio.h>

#include "desk-store.h"

G_BEGIN_DECLS

/* Arrestees from a CSV file whose header row names the columns: "name" (or
 * "legal_name") at least, the arrestee's other fields by their schema names
 * (any case, spaces for underscores), and "station" by the station's name.
 * The whole file is one desk_store_apply_all(): every record or none, each
 * with its history and outbox entries. Error messages name the line and the
 * column and say how to fix it; they never quote a value. */

#define DESK_IMPORT_ERROR (desk_import_error_quark ())

typedef enum
{
  DESK_IMPORT_ERROR_EMPTY,     /* no header, or no arrestee after it */
  DESK_IMPORT_ERROR_HEADER,    /* unknown, repeated or unnamed columns; no name column */
  DESK_IMPORT_ERROR_VALUE,     /* a line with a missing or bad value */
  DESK_IMPORT_ERROR_NO_ACTION, /* no mass action to import into */
  DESK_IMPORT_ERROR_NOT_ALLOWED, /* the desk's role may not add arrestees, or a new station */
} DeskImportError;

typedef struct
{
  guint64  records;     /* arrestees read and checked so far */
  guint64  bytes_read;
  guint64  bytes_total; /* 0 when not known */
  gboolean writing;     /* all checked; the write began and can no longer be cancelled */
} DeskImportProgress;

typedef void (*DeskImportProgressFunc) (const DeskImportProgress *progress,
                                        gpointer                  user_data);

typedef struct
{
  char   *action_id;
  char   *action_name;
  guint   n_arrestees;
  char  **stations_created; /* names of the stations the import made */
  guint   n_local_times;    /* times without a zone, read as local time */
  char   *time_zone;        /* the local zone they were read in */
} DeskImportResult;

GQuark            desk_import_error_quark      (void);

void              desk_import_result_free      (DeskImportResult *result);
/* "Imported 3 arrestees into “…”. Made 1 new station: …" for people. */
char             *desk_import_result_describe  (const DeskImportResult *result);

/* Imports into @action_id, or when NULL into the only or most recently
 * made action. A desk that syncs as a role that may not add arrestees (or
 * stations, for a station the action does not have) imports nothing. @total_bytes (0: unknown) is for progress only; @progress
 * is called on this thread. Cancelling works until the write begins. */
DeskImportResult *desk_import_arrestees        (DeskStore               *store,
                                                GInputStream            *stream,
                                                guint64                  total_bytes,
                                                const char              *action_id,
                                                DeskImportProgressFunc   progress,
                                                gpointer                 progress_data,
                                                GCancellable            *cancellable,
                                                GError                 **error);
DeskImportResult *desk_import_arrestees_from_file (DeskStore               *store,
                                                   GFile                   *file,
                                                   const char              *action_id,
                                                   DeskImportProgressFunc   progress,
                                                   gpointer                 progress_data,
                                                   GCancellable            *cancellable,
                                                   GError                 **error);

/* The same on the store's database thread. @progress is called in the
 * thread-default main context of the caller, never after @callback;
 * @progress_data must live until @callback. Once the write began the
 * import finishes even when @cancellable is cancelled. */
void              desk_import_arrestees_async  (DeskStore               *store,
                                                GFile                   *file,
                                                const char              *action_id,
                                                DeskImportProgressFunc   progress,
                                                gpointer                 progress_data,
                                                GCancellable            *cancellable,
                                                GAsyncReadyCallback      callback,
                                                gpointer                 user_data);
DeskImportResult *desk_import_arrestees_finish (DeskStore               *store,
                                                GAsyncResult            *result,
                                                GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskImportResult, desk_import_result_free)

G_END_DECLS
