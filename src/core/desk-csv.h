#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A streaming RFC 4180 reader: UTF-8 with or without a byte order mark,
 * lines ending in CRLF, LF or CR (mixed too), quoted fields holding commas,
 * line breaks and doubled quotes. Line breaks inside a quoted field come out
 * as "\n". Errors name the line; they never quote the text, which may be
 * personal data. */

#define DESK_CSV_ERROR (desk_csv_error_quark ())

typedef enum
{
  DESK_CSV_ERROR_INVALID_UTF8,   /* a field is not UTF-8 */
  DESK_CSV_ERROR_UNCLOSED_QUOTE, /* the file ends inside a quoted field */
  DESK_CSV_ERROR_STRAY_QUOTE,    /* a quote inside an unquoted field, or text after a closing one */
} DeskCsvError;

typedef struct _DeskCsvReader DeskCsvReader;

GQuark          desk_csv_error_quark          (void);

/* Reads @stream (the reader holds a reference) from its current position. */
DeskCsvReader  *desk_csv_reader_new           (GInputStream  *stream);
DeskCsvReader  *desk_csv_reader_new_for_file  (GFile         *file,
                                               GCancellable  *cancellable,
                                               GError       **error);
void            desk_csv_reader_free          (DeskCsvReader *self);

/* The next record: TRUE with its fields (NULL-terminated; g_strfreev) and
 * the line it starts on (1 for the first). FALSE at the end of the input
 * (no error) or with @error set. Blank lines are skipped. */
gboolean        desk_csv_reader_next          (DeskCsvReader  *self,
                                               char         ***fields,
                                               guint          *line,
                                               GCancellable   *cancellable,
                                               GError        **error);
/* Bytes taken from the stream so far (for progress). */
guint64         desk_csv_reader_get_bytes_read (DeskCsvReader *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskCsvReader, desk_csv_reader_free)

G_END_DECLS
