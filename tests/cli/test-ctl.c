#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "desk-schema.h"

/* Runs the real arrestdesk-ctl binary (its path is the first argument) as a
 * user or a script would, each test in its own temporary folder. */

static const char *ctl_path;

typedef struct
{
  char *dir;
  char *database;
  char *key_file;
} Fixture;

typedef struct
{
  int    status;
  char  *out;
  gsize  out_length;
  char  *err;
} Run;

static void
run_free (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static Run *
run_ctlv (const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  Run *run = g_new0 (Run, 1);

  g_ptr_array_add (argv, (gpointer) ctl_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char *const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  /* Empty GBytes may have NULL data: keep "" so comparisons read simply. */
  run->out = g_strndup (g_bytes_get_size (out) ? g_bytes_get_data (out, NULL) : "", g_bytes_get_size (out));
  run->out_length = g_bytes_get_size (out);
  run->err = g_strndup (g_bytes_get_size (err) ? g_bytes_get_data (err, NULL) : "", g_bytes_get_size (err));
  return run;
}

static Run *
run_ctl (const char *first,
         ...) G_GNUC_NULL_TERMINATED;

static Run *
run_ctl (const char *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return run_ctlv ((const char *const *) args->pdata);
}

static void
assert_success (const Run *run)
{
  if (run->status != 0)
    g_error ("arrestdesk-ctl failed (%d): %s", run->status, run->err);
  g_assert_cmpstr (run->err, ==, "");
}

/* The contract for bad input: exit status not 0, one line on stderr. */
static void
assert_one_line_failure (const Run *run)
{
  const char *newline = strchr (run->err, '\n');

  g_test_message ("stderr: %s", run->err);
  g_assert_cmpint (run->status, !=, 0);
  g_assert_nonnull (newline);
  g_assert_cmpint (newline[1], ==, '\0');
  g_assert_true (g_str_has_prefix (run->err, "arrestdesk-ctl: "));
  g_assert_cmpuint (strlen (run->err), >, strlen ("arrestdesk-ctl: ") + 10);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        remove_tree (child);
      }
  g_remove (path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("arrestdesk-ctl-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->database = g_build_filename (fixture->dir, "desk.db", NULL);
  fixture->key_file = g_build_filename (fixture->dir, "desk.key", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->database);
  g_free (fixture->key_file);
}

static void
make_database (const char *database,
               const char *key_file)
{
  g_autoptr(Run) keygen = run_ctl ("keygen", key_file, NULL);
  g_autoptr(Run) init = NULL;

  assert_success (keygen);
  init = run_ctl ("--database", database, "--key-file", key_file, "init", NULL);
  assert_success (init);
  g_assert_true (g_file_test (database, G_FILE_TEST_IS_REGULAR));
}

static void
make_demo (const char *database,
           const char *key_file,
           const char *n_arrestees,
           const char *seed)
{
  g_autoptr(Run) demo = NULL;

  make_database (database, key_file);
  demo = run_ctl ("--database", database, "--key-file", key_file,
                  "demo", "--arrestees", n_arrestees, "--seed", seed, NULL);
  assert_success (demo);
}

/* "stats" lines "  table   count" into table → count. */
static GHashTable *
parse_stats (const char *out)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = NULL;

      if (!g_str_has_prefix (lines[i], "  "))
        continue;
      words = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_hash_table_insert (counts, g_strdup (words[0]),
                           GINT_TO_POINTER ((int) g_ascii_strtoll (words[g_strv_length (words) - 1], NULL, 10)));
    }

  return counts;
}

static JsonNode *
export_json (const char *database,
             const char *key_file)
{
  g_autoptr(Run) run = run_ctl ("--database", database, "--key-file", key_file,
                                "export", "--json", NULL);
  g_autoptr(GError) error = NULL;

  assert_success (run);
  g_assert_cmpuint (strlen (run->out), ==, run->out_length);
  return json_from_string (run->out, &error);
}

static JsonArray *
records_of (JsonNode   *root,
            const char *table)
{
  JsonObject *records = json_object_get_object_member (json_node_get_object (root), "records");

  g_assert_nonnull (records);
  g_assert_true (json_object_has_member (records, table));
  return json_object_get_array_member (records, table);
}

static GPtrArray *
legal_names (JsonNode *root)
{
  JsonArray *arrestees = records_of (root, "arrestee");
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (arrestees); i++)
    {
      JsonObject *record = json_array_get_object_element (arrestees, i);

      g_ptr_array_add (names, (gpointer) json_object_get_string_member (record, "legal_name"));
    }

  return names;
}

static void
test_demo_stats (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(Run) stats = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autofree char *key_text = NULL;
  GStatBuf st;
  int n_stations;

  make_demo (fixture->database, fixture->key_file, "50", "7");

  /* The key file: 64 hex characters, readable by its owner only. */
  g_assert_cmpint (g_stat (fixture->key_file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (fixture->key_file, &key_text, NULL, NULL));
  g_assert_cmpuint (strlen (g_strstrip (key_text)), ==, 64);

  stats = run_ctl ("--database", fixture->database, "--key-file", fixture->key_file,
                   "stats", NULL);
  assert_success (stats);
  g_test_message ("%s", stats->out);
  g_assert_nonnull (strstr (stats->out, "Schema version"));
  g_assert_nonnull (strstr (stats->out, "SQLCipher"));

  counts = parse_stats (stats->out);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "arrestee")), ==, 50);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "action")), ==, 1);
  n_stations = GPOINTER_TO_INT (g_hash_table_lookup (counts, "station"));
  g_assert_cmpint (n_stations, >=, 8);
  g_assert_cmpint (n_stations, <=, 20);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "call")), >=, 50);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "call")), <=, 150);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "volunteer")), ==, 2 * n_stations);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "observer_shift")), >=, 2);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "rota_slot")), >=, 2 * n_stations);
  /* Every table is listed, even the empty ones. */
  for (const DeskRecordType *const *type = desk_schema_types (); *type != NULL; type++)
    g_assert_true (g_hash_table_contains (counts, (*type)->table));
}

static void
test_demo_same_seed (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *database2 = g_build_filename (fixture->dir, "second.db", NULL);
  g_autofree char *key_file2 = g_build_filename (fixture->dir, "second.key", NULL);
  g_autofree char *database3 = g_build_filename (fixture->dir, "third.db", NULL);
  g_autofree char *key_file3 = g_build_filename (fixture->dir, "third.key", NULL);
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(JsonNode) other = NULL;
  g_autoptr(GPtrArray) names1 = NULL;
  g_autoptr(GPtrArray) names2 = NULL;
  g_autoptr(GPtrArray) names3 = NULL;
  guint n_same = 0;

  make_demo (fixture->database, fixture->key_file, "50", "7");
  make_demo (database2, key_file2, "50", "7");
  make_demo (database3, key_file3, "50", "8");

  first = export_json (fixture->database, fixture->key_file);
  second = export_json (database2, key_file2);
  other = export_json (database3, key_file3);
  names1 = legal_names (first);
  names2 = legal_names (second);
  names3 = legal_names (other);

  g_assert_cmpuint (names1->len, ==, 50);
  g_assert_cmpuint (names2->len, ==, 50);
  for (guint i = 0; i < names1->len; i++)
    g_assert_cmpstr (g_ptr_array_index (names1, i), ==, g_ptr_array_index (names2, i));

  /* A different seed is a different crowd. */
  g_assert_cmpuint (names3->len, ==, 50);
  for (guint i = 0; i < names1->len; i++)
    if (g_strcmp0 (g_ptr_array_index (names1, i), g_ptr_array_index (names3, i)) == 0)
      n_same++;
  g_assert_cmpuint (n_same, <, 5);
}

static void
test_export_json (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) arrestee_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) station_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDateTime) exported_at = NULL;
  JsonObject *object;
  JsonArray *actions;
  const char *action_id;

  make_demo (fixture->database, fixture->key_file, "50", "7");
  root = export_json (fixture->database, fixture->key_file);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  object = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (object, "schema"), >=, 1);
  exported_at = g_date_time_new_from_iso8601 (json_object_get_string_member (object, "exported_at"), NULL);
  g_assert_nonnull (exported_at);

  actions = records_of (root, "action");
  g_assert_cmpuint (json_array_get_length (actions), ==, 1);
  action_id = json_object_get_string_member (json_array_get_object_element (actions, 0), "id");

  /* Every table, every record with every field of its type. */
  for (const DeskRecordType *const *type = desk_schema_types (); *type != NULL; type++)
    {
      JsonArray *records = records_of (root, (*type)->table);

      for (guint i = 0; i < json_array_get_length (records); i++)
        {
          JsonObject *record = json_array_get_object_element (records, i);

          g_assert_nonnull (json_object_get_string_member (record, "id"));
          g_assert_cmpstr (json_object_get_string_member (record, "action"), ==, action_id);
          g_assert_false (json_object_get_boolean_member (record, "deleted"));
          for (const DeskField *field = (*type)->fields; field->name != NULL; field++)
            g_assert_true (json_object_has_member (record, field->name));
          if (g_str_equal ((*type)->table, "arrestee"))
            g_hash_table_add (arrestee_ids, (gpointer) json_object_get_string_member (record, "id"));
          if (g_str_equal ((*type)->table, "station"))
            g_hash_table_add (station_ids, (gpointer) json_object_get_string_member (record, "id"));
        }
    }
  g_assert_cmpuint (g_hash_table_size (arrestee_ids), ==, 50);

  /* References point at records that are in the export. */
  {
    JsonArray *calls = records_of (root, "call");
    JsonArray *arrestees = records_of (root, "arrestee");

    for (guint i = 0; i < json_array_get_length (calls); i++)
      g_assert_true (g_hash_table_contains (arrestee_ids,
                                            json_object_get_string_member (json_array_get_object_element (calls, i), "arrestee_id")));
    for (guint i = 0; i < json_array_get_length (arrestees); i++)
      g_assert_true (g_hash_table_contains (station_ids,
                                            json_object_get_string_member (json_array_get_object_element (arrestees, i), "station_id")));
  }
}

/* Bad input, one case per test: { name, args… }. "@DB@", "@KEY@" and
 * "@DIR@" are replaced by the fixture's paths; every case has a working
 * database and key, so only the named thing is wrong. */
/* One arrestee of the demo whose legal name no other arrestee shares. */
static JsonObject *
unique_arrestee (JsonNode *root)
{
  JsonArray *arrestees = records_of (root, "arrestee");
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (arrestees); i++)
    {
      const char *name = json_object_get_string_member (json_array_get_object_element (arrestees, i),
                                                        "legal_name");

      g_hash_table_insert (counts, (gpointer) name,
                           GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (counts, name)) + 1));
    }
  for (guint i = 0; i < json_array_get_length (arrestees); i++)
    {
      JsonObject *record = json_array_get_object_element (arrestees, i);
      const char *name = json_object_get_string_member (record, "legal_name");

      if (GPOINTER_TO_INT (g_hash_table_lookup (counts, name)) == 1 && strchr (name, ' ') != NULL &&
          strchr (name, ' ') == strrchr (name, ' '))
        return record;
    }
  g_assert_not_reached ();
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) found = NULL;
  g_autoptr(Run) json = NULL;
  g_autoptr(Run) lines = NULL;
  g_autoptr(Run) elsewhere = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) words = NULL;
  g_auto(GStrv) printed = NULL;
  g_autofree char *swapped = NULL;
  g_autofree char *upper = NULL;
  JsonObject *person, *first;
  JsonArray *matches;
  const char *id, *name;
  double last = 2.0;

  make_demo (fixture->database, fixture->key_file, "60", "11");
  root = export_json (fixture->database, fixture->key_file);
  person = unique_arrestee (root);
  id = json_object_get_string_member (person, "id");
  name = json_object_get_string_member (person, "legal_name");

  /* Family name first, in capitals, as two words: found first. */
  words = g_strsplit (name, " ", 2);
  swapped = g_strdup_printf ("%s %s", words[1], words[0]);
  upper = g_utf8_strup (swapped, -1);
  json = run_ctl ("--database", fixture->database, "--key-file", fixture->key_file,
                  "search", "--json", "--limit", "5", upper, NULL);
  assert_success (json);
  found = json_from_string (json->out, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (found));
  matches = json_node_get_array (found);
  g_assert_cmpuint (json_array_get_length (matches), >=, 1);
  g_assert_cmpuint (json_array_get_length (matches), <=, 5);
  first = json_array_get_object_element (matches, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, name);
  g_assert_cmpstr (json_object_get_string_member (first, "reason"), ==, "reordered");
  for (guint i = 0; i < json_array_get_length (matches); i++)
    {
      double score = json_object_get_double_member (json_array_get_object_element (matches, i), "score");

      g_assert_cmpfloat (score, >, 0.0);
      g_assert_cmpfloat (score, <=, last);
      last = score;
    }

  /* Without --json: one line a match, score, name and reason; the words
   * need no quotes. */
  lines = run_ctl ("--database", fixture->database, "--key-file", fixture->key_file,
                   "search", "--limit", "3", words[0], words[1], NULL);
  assert_success (lines);
  printed = g_strsplit (g_strchomp (lines->out), "\n", -1);
  g_assert_cmpuint (g_strv_length (printed), >=, 1);
  g_assert_cmpuint (g_strv_length (printed), <=, 3);
  g_assert_true (g_str_has_prefix (printed[0], "1.00  "));
  g_assert_nonnull (strstr (printed[0], name));
  g_assert_nonnull (strstr (printed[0], "(exact)"));
  g_assert_nonnull (strstr (printed[0], id));

  /* Another action's arrestees are not searched. */
  elsewhere = run_ctl ("--database", fixture->database, "--key-file", fixture->key_file,
                       "search", "--json", "--action", "no-such-action", name, NULL);
  assert_success (elsewhere);
  g_assert_cmpstr (g_strstrip (elsewhere->out), ==, "[]");
}

typedef struct
{
  const char *name;
  const char *expect; /* a word the message must contain */
  const char *args[10];
} BadInput;

static const BadInput bad_inputs[] = {
  { "unknown-command", "frobnicate", { "frobnicate", NULL } },
  { "no-command", "help", { NULL } },
  { "unknown-option", "--frob", { "--frob", "stats", NULL } },
  { "unknown-command-option", "--frob", { "--database", "@DB@", "--key-file", "@KEY@", "stats", "--frob", NULL } },
  { "missing-key-file", "@DIR@/nothing.key", { "--database", "@DB@", "--key-file", "@DIR@/nothing.key", "stats", NULL } },
  { "key-file-not-a-key", "@DIR@/text.key", { "--database", "@DB@", "--key-file", "@DIR@/text.key", "stats", NULL } },
  { "missing-database", "@DIR@/nothing.db", { "--database", "@DIR@/nothing.db", "--key-file", "@KEY@", "stats", NULL } },
  { "database-is-text", "@DIR@/text.db", { "--database", "@DIR@/text.db", "--key-file", "@KEY@", "stats", NULL } },
  { "database-is-plain-sqlite", "@DIR@/plain.db", { "--database", "@DIR@/plain.db", "--key-file", "@KEY@", "stats", NULL } },
  { "database-is-folder", "@DIR@", { "--database", "@DIR@", "--key-file", "@KEY@", "stats", NULL } },
  { "database-is-empty", "@DIR@/empty.db", { "--database", "@DIR@/empty.db", "--key-file", "@KEY@", "stats", NULL } },
  { "arrestees-not-a-number", "abc", { "--database", "@DB@", "--key-file", "@KEY@", "demo", "--arrestees", "abc", NULL } },
  { "arrestees-negative", "--arrestees", { "--database", "@DB@", "--key-file", "@KEY@", "demo", "--arrestees", "-5", NULL } },
  { "arrestees-zero", "--arrestees", { "--database", "@DB@", "--key-file", "@KEY@", "demo", "--arrestees", "0", NULL } },
  { "arrestees-too-many", "--arrestees", { "--database", "@DB@", "--key-file", "@KEY@", "demo", "--arrestees", "99999999999", NULL } },
  { "arrestees-missing", "--arrestees", { "--database", "@DB@", "--key-file", "@KEY@", "demo", "--arrestees", NULL } },
  { "seed-not-a-number", "--seed", { "--database", "@DB@", "--key-file", "@KEY@", "demo", "--seed", "7x", NULL } },
  { "stats-extra-argument", "stats", { "--database", "@DB@", "--key-file", "@KEY@", "stats", "extra", NULL } },
  { "export-without-format", "--json", { "--database", "@DB@", "--key-file", "@KEY@", "export", NULL } },
  { "search-without-name", "search", { "--database", "@DB@", "--key-file", "@KEY@", "search", NULL } },
  { "search-limit-zero", "--limit", { "--database", "@DB@", "--key-file", "@KEY@", "search", "--limit", "0", "Jones", NULL } },
  { "keygen-without-file", "keygen", { "keygen", NULL } },
  { "keygen-over-a-key", "@KEY@", { "keygen", "@KEY@", NULL } },
};

static char *
expand (const char    *text,
        const Fixture *fixture)
{
  g_autoptr(GString) s = g_string_new (text);

  g_string_replace (s, "@DB@", fixture->database, 0);
  g_string_replace (s, "@KEY@", fixture->key_file, 0);
  g_string_replace (s, "@DIR@", fixture->dir, 0);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  const BadInput *bad = data;
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text_path = g_build_filename (fixture->dir, "text.db", NULL);
  g_autofree char *text_key = g_build_filename (fixture->dir, "text.key", NULL);
  g_autofree char *plain_path = g_build_filename (fixture->dir, "plain.db", NULL);
  g_autofree char *empty_path = g_build_filename (fixture->dir, "empty.db", NULL);
  g_autofree char *missing_db = g_build_filename (fixture->dir, "nothing.db", NULL);
  g_autofree char *missing_key = g_build_filename (fixture->dir, "nothing.key", NULL);
  g_autofree char *key_before = NULL;
  g_autofree char *key_after = NULL;
  g_autofree char *expect = expand (bad->expect, fixture);
  g_autofree char *plain = g_malloc0 (1024);
  g_autoptr(Run) run = NULL;

  make_database (fixture->database, fixture->key_file);
  g_assert_true (g_file_set_contents (text_path, "Not a database, just some notes\n", -1, NULL));
  g_assert_true (g_file_set_contents (text_key, "not a key\n", -1, NULL));
  memcpy (plain, "SQLite format 3", 16);
  g_assert_true (g_file_set_contents (plain_path, plain, 1024, NULL));
  g_assert_true (g_file_set_contents (empty_path, "", 0, NULL));
  g_assert_true (g_file_get_contents (fixture->key_file, &key_before, NULL, NULL));

  for (guint i = 0; bad->args[i] != NULL; i++)
    g_ptr_array_add (args, expand (bad->args[i], fixture));
  g_ptr_array_add (args, NULL);

  run = run_ctlv ((const char *const *) args->pdata);
  assert_one_line_failure (run);
  g_assert_nonnull (strstr (run->err, expect));

  /* Nothing was made or overwritten on the way, and no secret shown. */
  g_assert_true (g_file_get_contents (fixture->key_file, &key_after, NULL, NULL));
  g_assert_cmpstr (key_before, ==, key_after);
  g_assert_false (g_file_test (missing_db, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (missing_key, G_FILE_TEST_EXISTS));
  g_assert_null (strstr (run->err, g_strstrip (key_before)));
}

static char *
file_digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
test_wrong_key (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *wrong_key = g_build_filename (fixture->dir, "wrong.key", NULL);
  g_autofree char *wal = g_strconcat (fixture->database, "-wal", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wrong_hex = NULL;
  g_autoptr(Run) keygen = NULL;
  g_autoptr(Run) stats = NULL;
  g_autoptr(Run) demo = NULL;
  g_autoptr(Run) export = NULL;
  g_autoptr(Run) good = NULL;
  g_autoptr(GHashTable) counts = NULL;

  make_demo (fixture->database, fixture->key_file, "20", "3");
  keygen = run_ctl ("keygen", wrong_key, NULL);
  assert_success (keygen);
  g_assert_true (g_file_get_contents (wrong_key, &wrong_hex, NULL, NULL));
  g_strstrip (wrong_hex);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  before = file_digest (fixture->database);

  stats = run_ctl ("--database", fixture->database, "--key-file", wrong_key, "stats", NULL);
  assert_one_line_failure (stats);
  g_assert_nonnull (strstr (stats->err, wrong_key));
  g_assert_nonnull (strstr (stats->err, "key"));
  g_assert_null (strstr (stats->err, wrong_hex));
  g_assert_cmpstr (stats->out, ==, "");

  demo = run_ctl ("--database", fixture->database, "--key-file", wrong_key,
                  "demo", "--arrestees", "5", "--seed", "1", NULL);
  assert_one_line_failure (demo);
  export = run_ctl ("--database", fixture->database, "--key-file", wrong_key,
                    "export", "--json", NULL);
  assert_one_line_failure (export);
  g_assert_cmpstr (export->out, ==, "");

  /* The database is byte for byte what it was, and still opens. */
  after = file_digest (fixture->database);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  good = run_ctl ("--database", fixture->database, "--key-file", fixture->key_file, "stats", NULL);
  assert_success (good);
  counts = parse_stats (good->out);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "arrestee")), ==, 20);
}

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(Run) run = run_ctl ("help", NULL);
  const char *const commands[] = { "init", "keygen", "demo", "stats", "export", "merge", "help" };

  assert_success (run);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_assert_nonnull (strstr (run->out, commands[i]));
  g_assert_nonnull (strstr (run->out, "--key-file"));
  g_assert_nonnull (strstr (run->out, "--database"));
}

static JsonObject *
find_record (JsonNode   *root,
             const char *table,
             const char *id)
{
  JsonArray *records = records_of (root, table);

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);

      if (g_strcmp0 (json_object_get_string_member (record, "id"), id) == 0)
        return record;
    }
  return NULL;
}

/* Merging moves the other record's calls to the survivor and leaves a
 * tombstone pointing at it; a refused merge is one line and changes nothing. */
static void
test_merge (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(GPtrArray) moved = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(Run) merge = NULL;
  g_autoptr(Run) itself = NULL;
  g_autoptr(Run) again = NULL;
  g_autoptr(Run) one_id = NULL;
  g_autofree char *survivor = NULL;
  g_autofree char *other = NULL;
  JsonArray *calls;
  JsonObject *tombstone;

  make_demo (fixture->database, fixture->key_file, "20", "3");
  before = export_json (fixture->database, fixture->key_file);

  /* The other: an arrestee some call is about; the survivor: any other. */
  calls = records_of (before, "call");
  for (guint i = 0; i < json_array_get_length (calls) && other == NULL; i++)
    other = g_strdup (json_object_get_string_member (json_array_get_object_element (calls, i), "arrestee_id"));
  g_assert_nonnull (other);
  for (guint i = 0; i < json_array_get_length (records_of (before, "arrestee")) && survivor == NULL; i++)
    {
      JsonObject *record = json_array_get_object_element (records_of (before, "arrestee"), i);

      if (g_strcmp0 (json_object_get_string_member (record, "id"), other) != 0)
        survivor = g_strdup (json_object_get_string_member (record, "id"));
    }
  for (guint i = 0; i < json_array_get_length (calls); i++)
    {
      JsonObject *call = json_array_get_object_element (calls, i);

      if (g_strcmp0 (json_object_get_string_member (call, "arrestee_id"), other) == 0)
        g_ptr_array_add (moved, g_strdup (json_object_get_string_member (call, "id")));
    }
  g_assert_cmpuint (moved->len, >, 0);

  merge = run_ctl ("--database", fixture->database, "--key-file", fixture->key_file,
                   "merge", survivor, other, NULL);
  assert_success (merge);
  g_assert_nonnull (strstr (merge->out, survivor));

  after = export_json (fixture->database, fixture->key_file);
  tombstone = find_record (after, "arrestee", other);
  g_assert_nonnull (tombstone);
  g_assert_true (json_object_get_boolean_member (tombstone, "deleted"));
  g_assert_cmpstr (json_object_get_string_member (tombstone, "merged_into"), ==, survivor);
  g_assert_false (json_object_get_boolean_member (find_record (after, "arrestee", survivor), "deleted"));
  for (guint i = 0; i < moved->len; i++)
    g_assert_cmpstr (json_object_get_string_member (find_record (after, "call", g_ptr_array_index (moved, i)),
                                                    "arrestee_id"), ==, survivor);

  itself = run_ctl ("--database", fixture->database, "--key-file", fixture->key_file,
                    "merge", survivor, survivor, NULL);
  assert_one_line_failure (itself);
  g_assert_cmpint (itself->status, ==, 1);
  g_assert_nonnull (strstr (itself->err, "itself"));

  again = run_ctl ("--database", fixture->database, "--key-file", fixture->key_file,
                   "merge", survivor, other, NULL);
  assert_one_line_failure (again);
  g_assert_cmpint (again->status, ==, 1);
  g_assert_nonnull (strstr (again->err, "merged already"));

  one_id = run_ctl ("--database", fixture->database, "--key-file", fixture->key_file,
                    "merge", survivor, NULL);
  assert_one_line_failure (one_id);
  g_assert_cmpint (one_id->status, ==, 2);
}

static void
test_init_twice (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(Run) again = NULL;
  g_autoptr(Run) stats = NULL;
  g_autoptr(GHashTable) counts = NULL;

  make_demo (fixture->database, fixture->key_file, "10", "1");

  /* Running init on a working database leaves its records alone. */
  again = run_ctl ("--database", fixture->database, "--key-file", fixture->key_file, "init", NULL);
  assert_success (again);
  stats = run_ctl ("stats", "--database", fixture->database, "--key-file", fixture->key_file, NULL);
  assert_success (stats);
  counts = parse_stats (stats->out);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "arrestee")), ==, 10);
}

/* import arrestees: the records arrive with a new station, a bad file is
 * one line on stderr naming the line and the column, and imports nothing. */
static void
test_import_arrestees (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *good = g_build_filename (fixture->dir, "good.csv", NULL);
  g_autofree char *bad = g_build_filename (fixture->dir, "bad.csv", NULL);
  g_autoptr(Run) imported = NULL;
  g_autoptr(Run) found = NULL;
  g_autoptr(Run) refused = NULL;
  g_autoptr(Run) no_action = NULL;
  g_autoptr(Run) usage = NULL;
  g_autoptr(Run) stats = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GError) error = NULL;

  make_demo (fixture->database, fixture->key_file, "20", "7");
  g_assert_true (g_file_set_contents (good,
                                      "\xef\xbb\xbfname,Station,arrest time,notes\r\n"
                                      "Ada Import,Import Test Station,2026-11-22T10:00:00Z,\"a, b\r\nc\"\r\n"
                                      "Bo Import,import test station,,\r\n"
                                      "Cy Import,,,\r\n",
                                      -1, &error));
  g_assert_true (g_file_set_contents (bad, "name,arrest_time\nDi Import,2026-11-22 10:00\nEd Secret,soon\n",
                                      -1, &error));

  imported = run_ctl ("--database", fixture->database, "--key-file", fixture->key_file,
                      "import", "arrestees", good, NULL);
  assert_success (imported);
  g_assert_true (g_str_has_prefix (imported->out, "Imported 3 arrestees into “"));
  g_assert_nonnull (strstr (imported->out, "Made 1 new station: Import Test Station."));
  /* Through the one write path, so the name search knows them at once. */
  found = run_ctl ("--database", fixture->database, "--key-file", fixture->key_file,
                   "search", "Bo Imprt", "--limit", "1", NULL);
  assert_success (found);
  g_assert_nonnull (strstr (found->out, "Bo Import"));

  refused = run_ctl ("--database", fixture->database, "--key-file", fixture->key_file,
                     "import", "arrestees", bad, NULL);
  assert_one_line_failure (refused);
  g_assert_cmpint (refused->status, ==, 1);
  g_assert_nonnull (strstr (refused->err, "Line 3, column “arrest_time”"));
  g_assert_null (strstr (refused->err, "Ed Secret"));
  g_assert_null (strstr (refused->err, "soon"));

  no_action = run_ctl ("--database", fixture->database, "--key-file", fixture->key_file,
                       "import", "arrestees", good, "--action", "no-such-action", NULL);
  assert_one_line_failure (no_action);
  g_assert_nonnull (strstr (no_action->err, "no-such-action"));

  usage = run_ctl ("--database", fixture->database, "--key-file", fixture->key_file,
                   "import", good, NULL);
  assert_one_line_failure (usage);
  g_assert_cmpint (usage->status, ==, 2);

  stats = run_ctl ("--database", fixture->database, "--key-file", fixture->key_file, "stats", NULL);
  assert_success (stats);
  counts = parse_stats (stats->out);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "arrestee")), ==, 20 + 3);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ctl_path = argc > 1 ? argv[1] : g_getenv ("ARRESTDESK_CTL");
  if (ctl_path == NULL)
    g_error ("Give the path of arrestdesk-ctl as the first argument");

  g_test_add ("/cli/demo/stats", Fixture, NULL, fixture_set_up, test_demo_stats, fixture_tear_down);
  g_test_add ("/cli/demo/same-seed", Fixture, NULL, fixture_set_up, test_demo_same_seed, fixture_tear_down);
  g_test_add ("/cli/export/json", Fixture, NULL, fixture_set_up, test_export_json, fixture_tear_down);
  g_test_add ("/cli/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/cli/wrong-key", Fixture, NULL, fixture_set_up, test_wrong_key, fixture_tear_down);
  g_test_add ("/cli/help", Fixture, NULL, fixture_set_up, test_help, fixture_tear_down);
  g_test_add ("/cli/init-twice", Fixture, NULL, fixture_set_up, test_init_twice, fixture_tear_down);
  g_test_add ("/cli/merge", Fixture, NULL, fixture_set_up, test_merge, fixture_tear_down);
  g_test_add ("/cli/import/arrestees", Fixture, NULL, fixture_set_up, test_import_arrestees, fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/bad-input/%s", bad_inputs[i].name);

      g_test_add (path, Fixture, &bad_inputs[i], fixture_set_up, test_bad_input, fixture_tear_down);
    }

  return g_test_run ();
}
