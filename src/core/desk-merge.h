#pragma once

#include "desk-store.h"
#include "desk-sync-protocol.h"

G_BEGIN_DECLS

/* The server's side of "Merge" (docs/sync-protocol.md): applies one pushed
 * mutation to the server's store through the one write path, field by
 * field by HLC, making conflict records for concurrent edits. Runs inside
 * the caller's transaction (the write path uses a savepoint). */

typedef struct
{
  char *table;
  char *record;
  char *action;
  char *author;
  char *at;
  char *field;
  char *value;
  char *hlc;
} DeskWrittenField;

void      desk_written_field_free (DeskWrittenField *field);

/* Appends to @written (DeskWrittenField) every field the server now holds
 * from this mutation, conflict records included, in the order to log them.
 * FALSE with DESK_STORE_ERROR_INVALID for a mutation to refuse (unknown
 * table/field, bad value): the caller records it as rejected. */
gboolean  desk_merge_mutation     (DeskStore          *store,
                                   const DeskMutation *mutation,
                                   GPtrArray          *written,
                                   GError            **error);

/* A digest over every record's id, action, tombstone and fields (not local
 * bookkeeping such as created_at; a tombstone counts by its id alone),
 * equal on desks holding the same data. */
char     *desk_store_digest       (DeskStore  *store,
                                   GError    **error);

G_END_DECLS
