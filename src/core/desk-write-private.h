#pragma once

#include "desk-schema.h"
#include "desk-store-private.h"

G_BEGIN_DECLS

/* For the write path's own files: desk-write.c runs the transaction and a
 * change's steps in it, desk-write-validate.c checks the fields a change
 * sets, desk-write-row.c writes the record's row, desk-write-stamp.c its
 * field stamps and desk-write-log.c its history and outbox mutation. */

typedef struct
{
  const char *field;
  char       *old_value;
  const char *new_value;
  char       *hlc;
  char       *base;       /* the field's stamp before this change (sync merge) */
  gboolean    stamped;    /* field_meta holds a row for the field */
} DeskFieldChange;

/* One change on its way through the write path. */
typedef struct
{
  DeskStore            *store;
  DeskChange           *change;
  const DeskRecordType *type;
  const char           *author;
  const char           *now;
  gint64                now_ms;
  GArray               *changed;   /* DeskFieldChange */
  GPtrArray            *owned;     /* normalized values we made */
} DeskApply;

/* desk-write.c: what the steps share. */
gboolean desk_write_fail              (GError       **error,
                                       int            code,
                                       const char    *format,
                                       ...) G_GNUC_PRINTF (3, 4);
gboolean desk_write_step_done         (DeskApply     *apply,
                                       sqlite3_stmt  *stmt,
                                       const char    *what,
                                       GError       **error);

/* desk-write-validate.c: the fields the change sets, checked and normalized,
 * into apply->changed. */
gboolean desk_write_collect_fields    (DeskApply     *apply,
                                       GError       **error);

/* desk-write-row.c: the record's row; apply->changed keeps only the fields
 * that changed. */
gboolean desk_write_row               (DeskApply     *apply,
                                       GError       **error);
gboolean desk_write_update_name_index (DeskApply     *apply,
                                       GError       **error);

/* desk-write-stamp.c */
gboolean desk_write_keep_newer_remote (DeskApply     *apply,
                                       GError       **error);
gboolean desk_write_field_meta        (DeskApply     *apply,
                                       GError       **error);

/* desk-write-log.c */
gboolean desk_write_history           (DeskApply     *apply,
                                       GError       **error);
gboolean desk_write_outbox            (DeskApply     *apply,
                                       GError       **error);

G_END_DECLS
