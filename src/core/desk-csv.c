#define G_LOG_DOMAIN "desk-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-csv.h"

/* A 10,000-line file in a handful of reads. */
#define BUFFER_SIZE 65536

typedef enum
{
  FIELD_START,     /* nothing of this field read yet */
  UNQUOTED,        /* inside a field that began without a quote */
  QUOTED,          /* inside a quoted field */
  QUOTE_IN_QUOTED, /* a quote inside a quoted field: its end, or the first of "" */
} State;

typedef enum
{
  STEP_MORE,
  STEP_RECORD,
  STEP_FAILED,
} Step;

struct _DeskCsvReader
{
  GInputStream *stream;
  guchar        buffer[BUFFER_SIZE];
  gsize         length;
  gsize         position;
  gboolean      at_eof;
  gboolean      started;      /* the byte order mark was looked for */
  guint64       bytes_read;

  State         state;
  guint         line;         /* the physical line being read, from 1 */
  gboolean      skip_lf;      /* a CR ended the line: an LF right after it belongs to it */
  guint         record_line;
  guint         field_line;
  GString      *field;
  GPtrArray    *fields;
};

G_DEFINE_QUARK (desk-csv-error-quark, desk_csv_error)

static gboolean
fill_buffer (DeskCsvReader  *self,
             GCancellable   *cancellable,
             GError        **error)
{
  gsize got = 0;

  if (!g_input_stream_read_all (self->stream, self->buffer, sizeof self->buffer, &got,
                                cancellable, error))
    return FALSE;

  self->length = got;
  self->position = 0;
  self->bytes_read += got;
  /* read_all fills the buffer unless the stream ended. */
  self->at_eof = got < sizeof self->buffer;

  if (!self->started)
    {
      self->started = TRUE;
      if (got >= 3 && memcmp (self->buffer, "\xef\xbb\xbf", 3) == 0)
        self->position = 3;
    }
  return TRUE;
}

/* The field is done: check it is UTF-8 and keep it. */
static gboolean
end_field (DeskCsvReader  *self,
           GError        **error)
{
  const char *bad = NULL;

  if (!g_utf8_validate (self->field->str, self->field->len, &bad))
    {
      guint line = self->field_line;

      /* Name the line the bad bytes are on, inside a field of several lines. */
      for (const char *p = self->field->str; p < bad; p++)
        if (*p == '\n')
          line++;
      g_set_error (error, DESK_CSV_ERROR, DESK_CSV_ERROR_INVALID_UTF8,
                   _("Line %u is not valid UTF-8 text; save the file as UTF-8 (CSV UTF-8 in a spreadsheet) and import it again"),
                   line);
      return FALSE;
    }

  g_ptr_array_add (self->fields, g_strndup (self->field->str, self->field->len));
  g_string_truncate (self->field, 0);
  self->field_line = self->line;
  self->state = FIELD_START;
  return TRUE;
}

/* The line ended (LF, or CR with maybe an LF after it). */
static void
next_line (DeskCsvReader *self,
           guchar         c)
{
  self->line++;
  self->skip_lf = c == '\r';
}

static Step
stray_quote (DeskCsvReader  *self,
             gboolean        after_closing,
             GError        **error)
{
  if (after_closing)
    g_set_error (error, DESK_CSV_ERROR, DESK_CSV_ERROR_STRAY_QUOTE,
                 _("Line %u has text right after the closing quote of a field; write a quote inside a quoted field twice (\"\")"),
                 self->line);
  else
    g_set_error (error, DESK_CSV_ERROR, DESK_CSV_ERROR_STRAY_QUOTE,
                 _("Line %u has a quote inside a field that does not begin with one; put the whole field in quotes and write the quote twice (\"\")"),
                 self->line);
  return STEP_FAILED;
}

#define IS_LINE_END(c) ((c) == '\n' || (c) == '\r')

/* A comma or a line end outside quotes: the field, and maybe the record, is done. */
static Step
separator (DeskCsvReader  *self,
           guchar          c,
           GError        **error)
{
  if (!end_field (self, error))
    return STEP_FAILED;
  if (c == ',')
    return STEP_MORE;
  next_line (self, c);
  return STEP_RECORD;
}

static Step
step (DeskCsvReader  *self,
      guchar          c,
      GError        **error)
{
  switch (self->state)
    {
    case FIELD_START:
      if (self->fields->len == 0)
        {
          if (IS_LINE_END (c))
            {
              next_line (self, c);  /* a blank line */
              self->field_line = self->line;
              return STEP_MORE;
            }
          self->record_line = self->line;
        }
      self->field_line = self->line;
      if (c == '"')
        self->state = QUOTED;
      else if (c == ',' || IS_LINE_END (c))
        return separator (self, c, error);
      else
        {
          g_string_append_c (self->field, c);
          self->state = UNQUOTED;
        }
      return STEP_MORE;

    case UNQUOTED:
      if (c == ',' || IS_LINE_END (c))
        return separator (self, c, error);
      if (c == '"')
        return stray_quote (self, FALSE, error);
      g_string_append_c (self->field, c);
      return STEP_MORE;

    case QUOTED:
      if (c == '"')
        self->state = QUOTE_IN_QUOTED;
      else if (IS_LINE_END (c))
        {
          /* CRLF, LF or CR inside the field all become "\n". */
          g_string_append_c (self->field, '\n');
          next_line (self, c);
        }
      else
        g_string_append_c (self->field, c);
      return STEP_MORE;

    case QUOTE_IN_QUOTED:
      if (c == ',' || IS_LINE_END (c))
        return separator (self, c, error);
      if (c != '"')
        return stray_quote (self, TRUE, error);
      g_string_append_c (self->field, '"');
      self->state = QUOTED;
      return STEP_MORE;

    default:
      g_assert_not_reached ();
    }
}

static char **
take_record (DeskCsvReader *self,
             guint         *line)
{
  g_ptr_array_add (self->fields, NULL);
  *line = self->record_line;
  return (char **) g_ptr_array_free (g_steal_pointer (&self->fields), FALSE);
}

DeskCsvReader *
desk_csv_reader_new (GInputStream *stream)
{
  DeskCsvReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self = g_new0 (DeskCsvReader, 1);
  self->stream = g_object_ref (stream);
  self->line = 1;
  self->field_line = 1;
  self->field = g_string_sized_new (64);
  return self;
}

DeskCsvReader *
desk_csv_reader_new_for_file (GFile         *file,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  return desk_csv_reader_new (G_INPUT_STREAM (stream));
}

void
desk_csv_reader_free (DeskCsvReader *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->stream);
  g_string_free (self->field, TRUE);
  if (self->fields != NULL)
    g_ptr_array_free (self->fields, TRUE);
  g_free (self);
}

guint64
desk_csv_reader_get_bytes_read (DeskCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->bytes_read;
}

gboolean
desk_csv_reader_next (DeskCsvReader   *self,
                      char          ***fields,
                      guint           *line,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);
  g_return_val_if_fail (line != NULL, FALSE);

  *fields = NULL;
  *line = 0;
  if (self->fields == NULL)
    self->fields = g_ptr_array_new_with_free_func (g_free);

  for (;;)
    {
      guchar c;

      if (self->position == self->length)
        {
          if (self->started && self->at_eof)
            break;
          if (!fill_buffer (self, cancellable, error))
            return FALSE;
          continue;
        }

      c = self->buffer[self->position++];
      if (self->skip_lf)
        {
          self->skip_lf = FALSE;
          if (c == '\n')
            continue;
        }

      switch (step (self, c, error))
        {
        case STEP_MORE:
          break;
        case STEP_RECORD:
          *fields = take_record (self, line);
          return TRUE;
        case STEP_FAILED:
        default:
          return FALSE;
        }
    }

  /* The end of the input. */
  switch (self->state)
    {
    case QUOTED:
      g_set_error (error, DESK_CSV_ERROR, DESK_CSV_ERROR_UNCLOSED_QUOTE,
                   _("The quoted field that begins on line %u is never closed; add the closing quote (\")"),
                   self->field_line);
      return FALSE;

    case FIELD_START:
      if (self->fields->len == 0)
        return FALSE;
      G_GNUC_FALLTHROUGH;
    case UNQUOTED:
    case QUOTE_IN_QUOTED:
      if (!end_field (self, error))
        return FALSE;
      *fields = take_record (self, line);
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}
