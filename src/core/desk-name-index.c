#define G_LOG_DOMAIN "desk-name-index"

#include "config.h"

#include <string.h>

#include "desk-name-index.h"
#include "desk-name-normalize.h"
#include "desk-store-private.h"

/* The name index (DESIGN.md "Name matching"), kept by the one write path.
 *
 * name_token    the vocabulary: every distinct folded token of a live
 *               arrestee's legal or preferred name, once. A search matches
 *               its own tokens against this small list in memory (exact,
 *               nickname, phonetic key, edit distance, prefix: see
 *               desk-name-vocabulary.c), never against the records.
 * name_posting  token → (action, arrestee, slot), keyed in that order, so a
 *               matched token gives its arrestees, of one action or all, by
 *               one index range. The slot says which name (legal or
 *               preferred), which position and out of how many: enough to
 *               score how the query's tokens line up with the record's
 *               without reading the record (desk-name-score.c).
 * name_subject  per indexed arrestee, the postings it holds, so an edit or
 *               a delete takes exactly those out again without a second
 *               index over the postings.
 * name_index_state  a generation bumped when a token leaves the
 *               vocabulary, so a cached vocabulary knows to reload.
 *
 * Only live arrestees are in it: a tombstone (deleted or merged) leaves.
 * Why not FTS4: its tokenizer cannot fold "O'Brien" into one token, it has
 * no edit distance, sounds-alike or nicknames, and ranking needs the slots.
 *
 * The folding and slot rules live in desk-name-normalize.c; changing them
 * needs a migration step that clears these tables and calls
 * desk_name_index_create()'s filling again. */

typedef struct
{
  char  *token;
  guint  slot;
} Posting;

static void
posting_clear (Posting *posting)
{
  g_free (posting->token);
}

static gboolean
step_done (DeskStore    *store,
           sqlite3_stmt *stmt,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  return desk_store_set_sqlite_error (store, error, "name index");
}

gboolean
desk_name_index_tracks_field (const char *field)
{
  return strcmp (field, "legal_name") == 0 || strcmp (field, "preferred_name") == 0 ||
         strcmp (field, "deleted") == 0;
}

static void
add_name (GArray     *postings,
          guint       field,
          const char *name)
{
  g_autoptr(GPtrArray) slots = desk_name_normalize (name);

  for (guint pos = 0; pos < slots->len; pos++)
    {
      char **forms = g_ptr_array_index (slots, pos);

      for (guint f = 0; forms[f] != NULL; f++)
        {
          Posting posting = { g_strdup (forms[f]), DESK_NAME_SLOT (field, slots->len, pos) };

          g_array_append_val (postings, posting);
        }
    }
}

/* "slot:token slot:token…": tokens are letters and digits only. */
static char *
postings_to_text (GArray *postings)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < postings->len; i++)
    {
      Posting *posting = &g_array_index (postings, Posting, i);

      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, "%u:%s", posting->slot, posting->token);
    }
  return g_string_free (text, FALSE);
}

static void
postings_from_text (const char *text,
                    GArray     *postings)
{
  g_auto(GStrv) items = g_strsplit (text, " ", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *colon = strchr (items[i], ':');
      Posting posting;

      if (colon == NULL)
        continue;
      posting.slot = (guint) g_ascii_strtoull (items[i], NULL, 10);
      posting.token = g_strdup (colon + 1);
      g_array_append_val (postings, posting);
    }
}

static gboolean
holds_posting (GArray        *postings,
               const Posting *wanted)
{
  for (guint i = 0; i < postings->len; i++)
    {
      Posting *posting = &g_array_index (postings, Posting, i);

      if (posting->slot == wanted->slot && strcmp (posting->token, wanted->token) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Runs a statement on one posting: token, action, arrestee, slot. */
static gboolean
run_on_posting (DeskStore     *store,
                const char    *sql,
                const char    *action,
                const char    *arrestee_id,
                const Posting *posting,
                GError       **error)
{
  sqlite3_stmt *stmt = desk_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, posting->token, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, arrestee_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, posting->slot);
  return step_done (store, stmt, error);
}

/* Runs a statement on one token; *changed says whether it changed a row. */
static gboolean
run_on_token (DeskStore   *store,
              const char  *sql,
              const char  *token,
              gboolean    *changed,
              GError     **error)
{
  sqlite3_stmt *stmt = desk_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, token, -1, SQLITE_STATIC);
  if (!step_done (store, stmt, error))
    return FALSE;
  if (changed != NULL)
    *changed = sqlite3_changes (desk_store_get_db (store)) > 0;
  return TRUE;
}

/* Does a query on one token find a row? */
static gboolean
token_has_row (DeskStore   *store,
               const char  *sql,
               const char  *token,
               gboolean    *found,
               GError     **error)
{
  sqlite3_stmt *stmt = desk_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, token, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  *found = rc == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return desk_store_set_sqlite_error (store, error, "name index");
  return TRUE;
}

static gboolean
remove_posting (DeskStore     *store,
                const char    *action,
                const char    *arrestee_id,
                const Posting *posting,
                GError       **error)
{
  sqlite3_stmt *stmt;
  gboolean used;
  gboolean removed;

  if (!run_on_posting (store,
                       "DELETE FROM name_posting WHERE token = ? AND action = ? "
                       "AND arrestee_id = ? AND slot = ?",
                       action, arrestee_id, posting, error))
    return FALSE;

  /* A token nobody holds any more leaves the vocabulary: names are personal
   * data, and a purge must take them all. */
  if (!token_has_row (store, "SELECT 1 FROM name_posting WHERE token = ? LIMIT 1", posting->token,
                      &used, error))
    return FALSE;
  if (used)
    return TRUE;

  if (!run_on_token (store, "DELETE FROM name_token WHERE token = ?", posting->token, &removed, error))
    return FALSE;
  if (!removed)
    return TRUE;

  stmt = desk_store_prepare (store,
                             "UPDATE name_index_state SET generation = generation + 1 WHERE id = 1",
                             error);
  return stmt != NULL && step_done (store, stmt, error);
}

static gboolean
add_posting (DeskStore     *store,
             const char    *action,
             const char    *arrestee_id,
             const Posting *posting,
             GError       **error)
{
  gboolean known;

  /* Most tokens are in the vocabulary already: a look-up is cheaper than an
   * insert that the unique index turns down. A new token takes rowid
   * max + 1: above every token a reader has seen. */
  if (!token_has_row (store, "SELECT 1 FROM name_token WHERE token = ?", posting->token, &known, error))
    return FALSE;

  return (known || run_on_token (store, "INSERT INTO name_token (token) VALUES (?)",
                                 posting->token, NULL, error)) &&
         run_on_posting (store,
                         "INSERT OR IGNORE INTO name_posting (token, action, arrestee_id, slot) "
                         "VALUES (?, ?, ?, ?)",
                         action, arrestee_id, posting, error);
}

/* What the index holds for one arrestee now; *found FALSE when nothing. */
static gboolean
read_subject (DeskStore   *store,
              const char  *arrestee_id,
              gboolean    *found,
              char       **action,
              GArray      *postings,
              GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = desk_store_prepare (store, "SELECT action, postings FROM name_subject WHERE arrestee_id = ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, arrestee_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  *found = rc == SQLITE_ROW;
  if (*found)
    {
      *action = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      postings_from_text ((const char *) sqlite3_column_text (stmt, 1), postings);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return desk_store_set_sqlite_error (store, error, "name index");
  return TRUE;
}

/* @found: read_subject() found a row to update. */
static gboolean
write_subject (DeskStore   *store,
               const char  *arrestee_id,
               gboolean     found,
               const char  *action,
               GArray      *postings,
               GError     **error)
{
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;

  if (postings->len == 0)
    {
      stmt = desk_store_prepare (store, "DELETE FROM name_subject WHERE arrestee_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, arrestee_id, -1, SQLITE_STATIC);
      return step_done (store, stmt, error);
    }

  /* Not INSERT OR REPLACE: it keeps a statement journal, which SQLCipher
   * encrypts page by page (see write_stamp in desk-write-stamp.c). */
  text = postings_to_text (postings);
  stmt = desk_store_prepare (store,
                             found
                             ? "UPDATE OR FAIL name_subject SET action = ?2, postings = ?3 WHERE arrestee_id = ?1"
                             : "INSERT INTO name_subject (arrestee_id, action, postings) VALUES (?1, ?2, ?3)",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, arrestee_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_STATIC);
  return step_done (store, stmt, error);
}

/* The index entries of one arrestee made to match these values. */
static gboolean
index_arrestee (DeskStore   *store,
                const char  *arrestee_id,
                const char  *action,
                gboolean     live,
                const char  *legal_name,
                const char  *preferred_name,
                GError     **error)
{
  g_autoptr(GArray) old = g_array_new (FALSE, TRUE, sizeof (Posting));
  g_autoptr(GArray) new = g_array_new (FALSE, TRUE, sizeof (Posting));
  g_autofree char *old_action = NULL;
  gboolean found = FALSE;
  gboolean same_action;

  g_array_set_clear_func (old, (GDestroyNotify) posting_clear);
  g_array_set_clear_func (new, (GDestroyNotify) posting_clear);
  if (action == NULL)
    action = "";
  if (live)
    {
      add_name (new, DESK_NAME_FIELD_LEGAL, legal_name);
      add_name (new, DESK_NAME_FIELD_PREFERRED, preferred_name);
    }

  if (!read_subject (store, arrestee_id, &found, &old_action, old, error))
    return FALSE;
  if (!found && new->len == 0)
    return TRUE;

  /* Add before removing, so a token the record keeps in another slot never
   * leaves the vocabulary on the way. */
  same_action = found && strcmp (old_action, action) == 0;
  for (guint i = 0; i < new->len; i++)
    {
      Posting *posting = &g_array_index (new, Posting, i);

      if ((!same_action || !holds_posting (old, posting)) &&
          !add_posting (store, action, arrestee_id, posting, error))
        return FALSE;
    }
  for (guint i = 0; i < old->len; i++)
    {
      Posting *posting = &g_array_index (old, Posting, i);

      if ((!same_action || !holds_posting (new, posting)) &&
          !remove_posting (store, old_action, arrestee_id, posting, error))
        return FALSE;
    }

  return write_subject (store, arrestee_id, found, action, new, error);
}

gboolean
desk_name_index_update (DeskStore   *store,
                        const char  *arrestee_id,
                        GError     **error)
{
  g_autofree char *action = NULL;
  g_autofree char *legal_name = NULL;
  g_autofree char *preferred_name = NULL;
  gboolean live = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (arrestee_id != NULL, FALSE);

  stmt = desk_store_prepare (store,
                             "SELECT action, deleted, legal_name, preferred_name FROM arrestee WHERE id = ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, arrestee_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      action = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      live = sqlite3_column_int (stmt, 1) == 0;
      legal_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      preferred_name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return desk_store_set_sqlite_error (store, error, "name index");

  return index_arrestee (store, arrestee_id, action, live, legal_name, preferred_name, error);
}

gboolean
desk_name_index_create (DeskStore  *store,
                        GError    **error)
{
  static const char tables[] =
    "CREATE TABLE IF NOT EXISTS name_token ("
    "  id INTEGER PRIMARY KEY, token TEXT NOT NULL UNIQUE);"
    "CREATE TABLE IF NOT EXISTS name_posting ("
    "  token TEXT NOT NULL, action TEXT NOT NULL, arrestee_id TEXT NOT NULL,"
    "  slot INTEGER NOT NULL,"
    "  PRIMARY KEY (token, action, arrestee_id, slot)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS name_subject ("
    "  arrestee_id TEXT PRIMARY KEY NOT NULL, action TEXT NOT NULL,"
    "  postings TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS name_index_state ("
    "  id INTEGER PRIMARY KEY CHECK (id = 1), generation INTEGER NOT NULL);"
    "INSERT OR IGNORE INTO name_index_state (id, generation) VALUES (1, 0);";
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  if (!desk_store_exec (store, tables, error))
    return FALSE;

  /* Upgraded databases are searchable at once. Not cached: run once. */
  if (sqlite3_prepare_v2 (desk_store_get_db (store),
                          "SELECT id, action, legal_name, preferred_name FROM arrestee WHERE deleted = 0",
                          -1, &stmt, NULL) != SQLITE_OK)
    return desk_store_set_sqlite_error (store, error, "name index");
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      g_autofree char *action = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g_autofree char *legal_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_autofree char *preferred_name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));

      ok = index_arrestee (store, id, action, TRUE, legal_name, preferred_name, error);
    }
  if (ok && rc != SQLITE_DONE)
    ok = desk_store_set_sqlite_error (store, error, "name index");
  sqlite3_finalize (stmt);
  return ok;
}

gboolean
desk_name_index_read_postings (DeskStore            *store,
                               const char           *token,
                               const char           *action_id,
                               DeskNamePostingFunc   func,
                               gpointer              data,
                               GError              **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (action_id != NULL)
    {
      stmt = desk_store_prepare (store,
                                 "SELECT arrestee_id, slot FROM name_posting WHERE token = ? AND action = ?",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 2, action_id, -1, SQLITE_STATIC);
    }
  else
    {
      stmt = desk_store_prepare (store, "SELECT arrestee_id, slot FROM name_posting WHERE token = ?",
                                 error);
      if (stmt == NULL)
        return FALSE;
    }
  sqlite3_bind_text (stmt, 1, token, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func ((const char *) sqlite3_column_text (stmt, 0), (guint) sqlite3_column_int (stmt, 1), data);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return desk_store_set_sqlite_error (store, error, "name index");
  return TRUE;
}

gboolean
desk_name_index_read_generation (DeskStore  *store,
                                 gint64     *generation,
                                 GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = desk_store_prepare (store, "SELECT generation FROM name_index_state WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  *generation = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return desk_store_set_sqlite_error (store, error, "name index");
  return TRUE;
}

gboolean
desk_name_index_read_tokens (DeskStore          *store,
                             gint64              after_id,
                             DeskNameTokenFunc   func,
                             gpointer            data,
                             GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = desk_store_prepare (store, "SELECT id, token FROM name_token WHERE id > ? ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, after_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1), data);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return desk_store_set_sqlite_error (store, error, "name index");
  return TRUE;
}
