#define G_LOG_DOMAIN "desk-name-search"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-name-index.h"
#include "desk-name-score.h"
#include "desk-name-search.h"
#include "desk-name-vocabulary.h"
#include "desk-store-private.h"

/* A query: fold it into tokens, match each against the vocabulary
 * (desk-name-vocabulary.c), read the postings of every matched token once,
 * score each arrestee met from its postings (desk-name-score.c), and read
 * the names of the best ones only. Nothing here writes; names never reach
 * a log or an error message. */

#define DEFAULT_LIMIT        20
#define SEARCH_MIN_SCORE     0.40
/* "Possibly the same person" (whole names, see desk-name-score.c):
 * "Siobhan O'Neill" / "Shivaun ONeill" scores about 0.90, "Bill Jones" /
 * "William Jones" 0.95, "Niamh Kelly" / "Neve Kelly" 0.88, "Wiliam Jones" /
 * "William Jones" 0.92, "William Henry Jones" / "William Jones" 0.95;
 * "Mark Jones" / "Mary Jones" (two real names a letter apart) 0.82 and
 * "William Jones" / "William James" 0.50 stay below. test-name-search
 * holds these cases. */
#define DUPLICATE_MIN_SCORE  0.85
/* Just under a perfect token score: "Zoe Smith" finds "Zoë Smith" and
 * "Zoe Smith" alike, but the one spelt as typed comes first. */
#define NORMALIZED_SCORE     0.99

typedef struct
{
  char           *id;
  DeskNameHits    hits;
  DeskNameScore   score;
} Candidate;

typedef struct
{
  guint8               score;
  DeskNameMatchReason  kind;
  guint                query;
} Target;

typedef struct
{
  GHashTable *candidates;  /* id → Candidate */
  GArray     *targets;     /* Target: the query tokens a vocabulary token matched */
} Collect;

static void
candidate_free (Candidate *candidate)
{
  g_free (candidate->id);
  g_free (candidate);
}

void
desk_name_match_free (DeskNameMatch *match)
{
  if (match == NULL)
    return;
  g_free (match->id);
  g_free (match->name);
  g_free (match->legal_name);
  g_free (match);
}

const char *
desk_name_match_reason_describe (DeskNameMatchReason reason)
{
  switch (reason)
    {
    case DESK_NAME_MATCH_EXACT: return _("exact");
    case DESK_NAME_MATCH_NORMALIZED: return _("same letters");
    case DESK_NAME_MATCH_NICKNAME: return _("nickname");
    case DESK_NAME_MATCH_PHONETIC: return _("sounds alike");
    case DESK_NAME_MATCH_TYPO: return _("typo");
    case DESK_NAME_MATCH_REORDERED: return _("names swapped or missing");
    case DESK_NAME_MATCH_PREFIX: return _("partly typed");
    default: return _("similar");
    }
}

static void
on_posting_cb (const char *arrestee_id,
               guint       slot,
               gpointer    data)
{
  Collect *collect = data;
  Candidate *candidate = g_hash_table_lookup (collect->candidates, arrestee_id);

  if (candidate == NULL)
    {
      candidate = g_new0 (Candidate, 1);
      candidate->id = g_strdup (arrestee_id);
      g_hash_table_insert (collect->candidates, candidate->id, candidate);
    }
  for (guint i = 0; i < collect->targets->len; i++)
    {
      Target *target = &g_array_index (collect->targets, Target, i);

      desk_name_hits_add (&candidate->hits, target->query, slot, target->score, target->kind);
    }
}

/* Query tokens (their forms) against the vocabulary: token → its Targets. */
static GHashTable *
match_query (DeskNameVocabulary *vocabulary,
             GPtrArray          *slots,
             guint               n_query,
             gboolean            allow_prefix)
{
  GHashTable *by_token = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                (GDestroyNotify) g_array_unref);
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (DeskNameWordMatch));

  for (guint q = 0; q < n_query; q++)
    {
      char **forms = g_ptr_array_index (slots, q);

      g_array_set_size (matches, 0);
      for (guint f = 0; forms[f] != NULL; f++)
        desk_name_vocabulary_match (vocabulary, forms[f], allow_prefix, matches);

      for (guint i = 0; i < matches->len; i++)
        {
          DeskNameWordMatch *match = &g_array_index (matches, DeskNameWordMatch, i);
          GArray *targets = g_hash_table_lookup (by_token, match->token);
          Target target = { match->score, match->kind, q };
          gboolean merged = FALSE;

          if (targets == NULL)
            {
              targets = g_array_new (FALSE, FALSE, sizeof (Target));
              g_hash_table_insert (by_token, (gpointer) match->token, targets);
            }
          /* Two forms of one query token may meet the same word: keep the better. */
          for (guint t = 0; t < targets->len; t++)
            {
              Target *old = &g_array_index (targets, Target, t);

              if (old->query == q)
                {
                  if (target.score > old->score)
                    *old = target;
                  merged = TRUE;
                }
            }
          if (!merged)
            g_array_append_val (targets, target);
        }
    }
  return by_token;
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = *(const Candidate **) a;
  const Candidate *y = *(const Candidate **) b;

  if (x->score.score != y->score.score)
    return x->score.score > y->score.score ? -1 : 1;
  return strcmp (x->id, y->id);
}

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const DeskNameMatch *x = *(const DeskNameMatch **) a;
  const DeskNameMatch *y = *(const DeskNameMatch **) b;
  int by_name;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  by_name = g_strcmp0 (x->name, y->name);
  return by_name != 0 ? by_name : strcmp (x->id, y->id);
}

/* Whitespace collapsed, for telling an exact match from a folded one. */
static char *
collapse_spaces (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\r", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      {
        if (out->len > 0)
          g_string_append_c (out, ' ');
        g_string_append (out, words[i]);
      }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static DeskNameMatch *
make_match (DeskStore        *store,
            const Candidate  *candidate,
            const char       *typed,
            GError          **error)
{
  g_autofree char *name = NULL;
  g_autofree char *legal_name = NULL;
  DeskNameMatch *match;
  sqlite3_stmt *stmt;
  int rc;

  stmt = desk_store_prepare (store, "SELECT legal_name, preferred_name FROM arrestee WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, candidate->id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      legal_name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      name = g_strdup ((const char *) sqlite3_column_text (stmt, candidate->score.entry == DESK_NAME_ENTRY_PREFERRED ? 1 : 0));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      desk_store_set_sqlite_error (store, error, "name search");
      return NULL;
    }

  match = g_new0 (DeskNameMatch, 1);
  match->id = g_strdup (candidate->id);
  match->name = g_steal_pointer (&name);
  match->legal_name = g_steal_pointer (&legal_name);
  match->score = candidate->score.score;
  match->reason = candidate->score.reason;
  if (match->reason == DESK_NAME_MATCH_NORMALIZED && match->score >= 1.0)
    {
      g_autofree char *stored = collapse_spaces (match->name ? match->name : "");

      if (strcmp (stored, typed) == 0)
        match->reason = DESK_NAME_MATCH_EXACT;
      else
        match->score = NORMALIZED_SCORE;
    }
  return match;
}

typedef struct
{
  const char        *query;
  const char        *action_id;
  const char        *exclude_id;
  guint              limit;
  DeskNameScoreMode  mode;
} Request;

static GPtrArray *
run_locked (DeskStore      *store,
            const Request  *request,
            GError        **error)
{
  g_autoptr(GPtrArray) slots = desk_name_normalize (request->query);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_name_match_free);
  g_autoptr(GHashTable) by_token = NULL;
  g_autoptr(GHashTable) candidates = NULL;
  g_autoptr(GPtrArray) ranked = g_ptr_array_new ();
  g_autofree char *typed = collapse_spaces (request->query);
  gboolean search = request->mode == DESK_NAME_SCORE_SEARCH;
  double min_score = search ? SEARCH_MIN_SCORE : DUPLICATE_MIN_SCORE;
  DeskNameVocabulary *vocabulary;
  GHashTableIter iter;
  gpointer key, value;
  guint n_query;

  if (slots->len == 0)
    return g_steal_pointer (&results);
  n_query = MIN (slots->len, DESK_NAME_MAX_QUERY);

  vocabulary = desk_name_vocabulary_get (store, error);
  if (vocabulary == NULL)
    return NULL;

  /* A name being saved is whole: partly typed matches are for searching. */
  by_token = match_query (vocabulary, slots, n_query, search);
  candidates = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) candidate_free);
  g_hash_table_iter_init (&iter, by_token);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Collect collect = { candidates, value };

      if (!desk_name_index_read_postings (store, key, request->action_id, on_posting_cb,
                                          &collect, error))
        return NULL;
    }

  g_hash_table_iter_init (&iter, candidates);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Candidate *candidate = value;

      if (request->exclude_id != NULL && strcmp (candidate->id, request->exclude_id) == 0)
        continue;
      if (!desk_name_hits_score (&candidate->hits, n_query, request->mode, &candidate->score) ||
          candidate->score.score < min_score)
        continue;
      /* One shared token is no duplicate: both names need two (unless
       * both are a single word). */
      if (!search && candidate->score.matched < (n_query == 1 && candidate->score.entry_slots == 1 ? 1u : 2u))
        continue;
      g_ptr_array_add (ranked, candidate);
    }
  g_ptr_array_sort (ranked, compare_candidates);

  /* Names are read for the best only; every perfect one is read, since the
   * one spelt exactly as typed goes first. */
  for (guint i = 0; i < ranked->len; i++)
    {
      Candidate *candidate = g_ptr_array_index (ranked, i);
      DeskNameMatch *match;

      if (i >= request->limit && candidate->score.score < 1.0)
        break;
      match = make_match (store, candidate, typed, error);
      if (match == NULL)
        return NULL;
      g_ptr_array_add (results, match);
    }
  g_ptr_array_sort (results, compare_matches);
  if (results->len > request->limit)
    g_ptr_array_set_size (results, request->limit);
  return g_steal_pointer (&results);
}

static GPtrArray *
run (DeskStore      *store,
     const Request  *request,
     GError        **error)
{
  GPtrArray *results;

  if (desk_store_get_db (store) == NULL)
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_FAILED, _("The database is closed"));
      return NULL;
    }
  desk_store_lock (store);
  results = run_locked (store, request, error);
  desk_store_unlock (store);
  return results;
}

GPtrArray *
desk_name_search (DeskStore   *store,
                  const char  *query,
                  const char  *action_id,
                  guint        limit,
                  GError     **error)
{
  Request request = { query, action_id, NULL, limit ? limit : DEFAULT_LIMIT, DESK_NAME_SCORE_SEARCH };

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  return run (store, &request, error);
}

GPtrArray *
desk_name_find_duplicates (DeskStore   *store,
                           const char  *action_id,
                           const char  *name,
                           const char  *exclude_id,
                           GError     **error)
{
  Request request = { name, action_id, exclude_id, DEFAULT_LIMIT, DESK_NAME_SCORE_DUPLICATE };

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return run (store, &request, error);
}
