#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "desk-csv.h"

/* The CSV reader on in-memory streams and real files: every kind of line
 * end, quoting, the byte order mark, the line numbers it reports, and each
 * error naming its line. */

typedef struct
{
  char  **fields;
  guint   line;
} Record;

static void
record_clear (gpointer data)
{
  g_strfreev (((Record *) data)->fields);
}

static DeskCsvReader *
reader_for (const char *data,
            gssize      length)
{
  g_autoptr(GInputStream) stream = NULL;

  if (length < 0)
    length = strlen (data);
  stream = g_memory_input_stream_new_from_data (g_memdup2 (data, length), length, g_free);
  return desk_csv_reader_new (stream);
}

/* Every record of @data; on an error, *error is set and the records so far returned. */
static GArray *
read_all (const char  *data,
          gssize       length,
          GError     **error)
{
  g_autoptr(DeskCsvReader) reader = reader_for (data, length);
  GArray *records = g_array_new (FALSE, TRUE, sizeof (Record));
  Record record;

  g_array_set_clear_func (records, record_clear);
  while (desk_csv_reader_next (reader, &record.fields, &record.line, NULL, error))
    g_array_append_val (records, record);
  return records;
}

static GArray *
read_ok (const char *data,
         gssize      length)
{
  g_autoptr(GError) error = NULL;
  GArray *records = read_all (data, length, &error);

  g_assert_no_error (error);
  return records;
}

static void
assert_record (GArray     *records,
               guint       index,
               guint       line,
               const char *first,
               ...) G_GNUC_NULL_TERMINATED;

static void
assert_record (GArray     *records,
               guint       index,
               guint       line,
               const char *first,
               ...)
{
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  Record *record;
  const char *value;
  va_list ap;

  g_assert_cmpuint (index, <, records->len);
  record = &g_array_index (records, Record, index);

  va_start (ap, first);
  for (value = first; value != NULL; value = va_arg (ap, const char *))
    g_ptr_array_add (expected, (gpointer) value);
  va_end (ap);
  g_ptr_array_add (expected, NULL);

  g_assert_cmpuint (record->line, ==, line);
  g_assert_cmpstrv (record->fields, (const char *const *) expected->pdata);
}

static void
assert_error_n (const char *data,
                gssize      length,
                int         code,
                const char *line_words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) records = read_all (data, length, &error);

  g_assert_error (error, DESK_CSV_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, line_words));
}

static void
assert_error (const char *data,
              int         code,
              const char *line_words)
{
  assert_error_n (data, -1, code, line_words);
}

static void
test_line_ends (void)
{
  g_autoptr(GArray) lf = read_ok ("name,station\nAda,North\nBo,South\n", -1);
  g_autoptr(GArray) crlf = read_ok ("name,station\r\nAda,North\r\nBo,South\r\n", -1);
  g_autoptr(GArray) mixed = read_ok ("name,station\r\nAda,North\nBo,South\rCy,East", -1);

  g_assert_cmpuint (lf->len, ==, 3);
  assert_record (lf, 0, 1, "name", "station", NULL);
  assert_record (lf, 2, 3, "Bo", "South", NULL);

  g_assert_cmpuint (crlf->len, ==, 3);
  assert_record (crlf, 1, 2, "Ada", "North", NULL);
  assert_record (crlf, 2, 3, "Bo", "South", NULL);

  /* CRLF, LF, a lone CR and no line end at all at the end of the file. */
  g_assert_cmpuint (mixed->len, ==, 4);
  assert_record (mixed, 1, 2, "Ada", "North", NULL);
  assert_record (mixed, 2, 3, "Bo", "South", NULL);
  assert_record (mixed, 3, 4, "Cy", "East", NULL);
}

static void
test_bom (void)
{
  g_autoptr(GArray) with_bom = read_ok ("\xef\xbb\xbfname,age\nAda,30\n", -1);
  g_autoptr(GArray) inner = read_ok ("name\n\xef\xbb\xbf" "Ada\n", -1);

  assert_record (with_bom, 0, 1, "name", "age", NULL);
  assert_record (with_bom, 1, 2, "Ada", "30", NULL);
  /* Only a mark at the very start is one; elsewhere it is text. */
  assert_record (inner, 1, 2, "\xef\xbb\xbf" "Ada", NULL);
}

static void
test_quoted (void)
{
  const char *data =
    "name,notes,place\r\n"
    "\"Smith, Ada\",\"first line\r\nsecond line\nthird\",\"the \"\"Square\"\"\"\r\n"
    "Bo,\"\",\",\"\r\n"
    "\"Cy\",x,\"\"\"\"\r\n";
  g_autoptr(GArray) records = read_ok (data, -1);

  g_assert_cmpuint (records->len, ==, 4);
  assert_record (records, 1, 2, "Smith, Ada", "first line\nsecond line\nthird", "the \"Square\"", NULL);
  /* The record after a field of three lines starts on line 5. */
  assert_record (records, 2, 5, "Bo", "", ",", NULL);
  assert_record (records, 3, 6, "Cy", "x", "\"", NULL);
}

static void
test_empty_fields (void)
{
  g_autoptr(GArray) records = read_ok ("a,b,c\n,,\nx,,\n,y,\n\n\r\n\"\"\nlast,", -1);

  g_assert_cmpuint (records->len, ==, 6);
  assert_record (records, 1, 2, "", "", "", NULL);
  assert_record (records, 2, 3, "x", "", "", NULL);
  assert_record (records, 3, 4, "", "y", "", NULL);
  /* Blank lines 5 and 6 are no records; a quoted empty field is one. */
  assert_record (records, 4, 7, "", NULL);
  assert_record (records, 5, 8, "last", "", NULL);
}

static void
test_nothing (void)
{
  g_autoptr(GArray) empty = read_ok ("", 0);
  g_autoptr(GArray) bom_only = read_ok ("\xef\xbb\xbf", -1);
  g_autoptr(GArray) blank = read_ok ("\n\r\n\n", -1);

  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (bom_only->len, ==, 0);
  g_assert_cmpuint (blank->len, ==, 0);
}

/* Records crossing the reader's 64 KiB reads: a CRLF split between two
 * reads and a quoted field that spans the next boundary. */
static void
test_buffer_boundaries (void)
{
  g_autoptr(GString) data = g_string_new ("name\n");
  g_autoptr(GArray) records = NULL;
  g_autofree char *long_field = NULL;
  guint n_filler;

  /* Filler lines of "x…x\n" up to the CR at offset 65535. */
  while (data->len < 65535 - 100)
    g_string_append (data, "filler-line-of-some-length-to-fill-the-first-buffer-xxxxxxxxxxxxxx\n");
  n_filler = 0;
  for (const char *p = data->str; *p; p++)
    n_filler += *p == '\n';
  n_filler--;  /* the header */
  while (data->len < 65535)
    g_string_append_c (data, 'y');
  g_string_append (data, "\r\n");  /* the CR ends the first read, the LF starts the second */
  long_field = g_strnfill (140000, 'z');
  g_string_append_printf (data, "\"%s\nwith, comma\"\nend\n", long_field);

  records = read_ok (data->str, data->len);
  g_assert_cmpuint (records->len, ==, n_filler + 4);
  /* The CRLF made one line end, not two. */
  g_assert_cmpuint (g_array_index (records, Record, n_filler + 1).line, ==, n_filler + 2);
  g_assert_cmpuint (g_array_index (records, Record, n_filler + 2).line, ==, n_filler + 3);
  g_assert_cmpuint (strlen (g_array_index (records, Record, n_filler + 2).fields[0]), ==, 140000 + strlen ("\nwith, comma"));
  assert_record (records, n_filler + 3, n_filler + 5, "end", NULL);
}

static void
test_invalid_utf8 (void)
{
  assert_error ("name\nAda\nB\xff\n", DESK_CSV_ERROR_INVALID_UTF8, "Line 3 ");
  /* The bad bytes are on the third line of a field that begins on line 2. */
  assert_error ("name,notes\nAda,\"one\ntwo\nthr\xc3\"\n", DESK_CSV_ERROR_INVALID_UTF8, "Line 4 ");
  /* A NUL byte is no text either. */
  assert_error_n ("name\nA\0da\n", 10, DESK_CSV_ERROR_INVALID_UTF8, "Line 2 ");
}

static void
test_unclosed_quote (void)
{
  assert_error ("name,notes\nAda,\"never\nclosed\nat all\n", DESK_CSV_ERROR_UNCLOSED_QUOTE, "on line 2 ");
}

static void
test_stray_quote (void)
{
  assert_error ("name\nAda \"the\" Smith\n", DESK_CSV_ERROR_STRAY_QUOTE, "Line 2 ");
  assert_error ("name,x\nAda,1\n\"Bo\"x,2\n", DESK_CSV_ERROR_STRAY_QUOTE, "Line 3 ");
}

static void
test_messages_quote_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) records = read_all ("name\nSecretname \"x\"\n", -1, &error);

  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, "Secretname"));
}

static void
test_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-csv-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) missing = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(DeskCsvReader) reader = NULL;
  g_autoptr(DeskCsvReader) no_reader = NULL;
  char **fields = NULL;
  guint line = 0;

  g_assert_no_error (error);
  path = g_build_filename (dir, "people.csv", NULL);
  g_assert_true (g_file_set_contents (path, "\xef\xbb\xbfname\r\nAda\r\n", -1, &error));
  file = g_file_new_for_path (path);

  reader = desk_csv_reader_new_for_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (desk_csv_reader_next (reader, &fields, &line, NULL, &error));
  g_assert_cmpstr (fields[0], ==, "name");
  g_strfreev (fields);
  g_assert_true (desk_csv_reader_next (reader, &fields, &line, NULL, &error));
  g_assert_cmpstr (fields[0], ==, "Ada");
  g_assert_cmpuint (line, ==, 2);
  g_strfreev (fields);
  g_assert_false (desk_csv_reader_next (reader, &fields, &line, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (desk_csv_reader_get_bytes_read (reader), ==, 14);

  parent = g_file_get_parent (file);
  missing = g_file_get_child (parent, "missing.csv");
  no_reader = desk_csv_reader_new_for_file (missing, NULL, &error);
  g_assert_null (no_reader);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/csv/line-ends", test_line_ends);
  g_test_add_func ("/csv/bom", test_bom);
  g_test_add_func ("/csv/quoted", test_quoted);
  g_test_add_func ("/csv/empty-fields", test_empty_fields);
  g_test_add_func ("/csv/nothing", test_nothing);
  g_test_add_func ("/csv/buffer-boundaries", test_buffer_boundaries);
  g_test_add_func ("/csv/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/csv/unclosed-quote", test_unclosed_quote);
  g_test_add_func ("/csv/stray-quote", test_stray_quote);
  g_test_add_func ("/csv/messages-quote-nothing", test_messages_quote_nothing);
  g_test_add_func ("/csv/file", test_file);

  return g_test_run ();
}
