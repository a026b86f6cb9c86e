#define G_LOG_DOMAIN "desk-name"

#include "config.h"

#include <string.h>

#include "desk-name-distance.h"
#include "desk-name-index.h"
#include "desk-name-nicknames.h"
#include "desk-name-phonetic.h"
#include "desk-name-vocabulary.h"
#include "desk-store-private.h"

/* The vocabulary is small next to the records (a few thousand distinct
 * tokens for 100,000 people), so a query scans it in memory: hash look-ups
 * for the same token, its nicknames and its sounds-alike key, one pass for
 * edit distance (length and letter-set filters first) and prefixes. It is
 * cached on the store and brought up to date from the index at each query,
 * never rebuilt from the records. */

#define DATA_KEY "desk-name-vocabulary"

/* Scores out of 100. A perfect token is 100; the rest rank below it in the
 * order a volunteer would trust them. */
#define SCORE_NICKNAME_FORMAL    90
#define SCORE_NICKNAME_SIBLINGS  80
#define SCORE_PHONETIC_LONG      85
#define SCORE_PHONETIC_SHORT     80
#define SCORE_PHONETIC_FLOOR     75
#define PHONETIC_SPELLING_MAX     5
#define PHONETIC_POINTS_PER_EDIT  3
#define SCORE_TYPO_ONE           80
#define SCORE_TYPO_TWO           65
#define SCORE_PREFIX_BASE        55
#define SCORE_PREFIX_SPAN        35
#define SCORE_PREFIX_LONG_MAX    88

typedef struct
{
  char     *token;
  char     *key;
  char     *spelling;
  guint     len;
  guint32   mask;
  gboolean  known_given;
} Word;

struct _DeskNameVocabulary
{
  gboolean    loaded;
  gint64      generation;
  gint64      max_id;
  GPtrArray  *words;     /* Word, owned */
  GHashTable *by_token;  /* token → Word */
  GHashTable *by_key;    /* phonetic key → GPtrArray of Word */
};

static void
word_free (Word *word)
{
  g_free (word->token);
  g_free (word->key);
  g_free (word->spelling);
  g_free (word);
}

static void
vocabulary_clear (DeskNameVocabulary *vocabulary)
{
  g_hash_table_remove_all (vocabulary->by_token);
  g_hash_table_remove_all (vocabulary->by_key);
  g_ptr_array_set_size (vocabulary->words, 0);
  vocabulary->max_id = 0;
  vocabulary->loaded = FALSE;
}

static void
vocabulary_free (DeskNameVocabulary *vocabulary)
{
  g_hash_table_unref (vocabulary->by_token);
  g_hash_table_unref (vocabulary->by_key);
  g_ptr_array_unref (vocabulary->words);
  g_free (vocabulary);
}

static void
on_token_read_cb (gint64      id,
                  const char *token,
                  gpointer    data)
{
  DeskNameVocabulary *vocabulary = data;
  Word *word;
  GPtrArray *same_key;

  vocabulary->max_id = MAX (vocabulary->max_id, id);
  if (g_hash_table_contains (vocabulary->by_token, token))
    return;

  word = g_new0 (Word, 1);
  word->token = g_strdup (token);
  word->key = desk_name_phonetic_key (token);
  word->spelling = desk_name_phonetic_spelling (token);
  word->len = strlen (token);
  word->mask = desk_name_letter_mask (token);
  word->known_given = desk_name_is_known_given (token);
  g_ptr_array_add (vocabulary->words, word);
  g_hash_table_insert (vocabulary->by_token, word->token, word);

  same_key = g_hash_table_lookup (vocabulary->by_key, word->key);
  if (same_key == NULL)
    {
      same_key = g_ptr_array_new ();
      g_hash_table_insert (vocabulary->by_key, word->key, same_key);
    }
  g_ptr_array_add (same_key, word);
}

DeskNameVocabulary *
desk_name_vocabulary_get (DeskStore  *store,
                          GError    **error)
{
  DeskNameVocabulary *vocabulary = g_object_get_data (G_OBJECT (store), DATA_KEY);
  gint64 generation;

  if (vocabulary == NULL)
    {
      vocabulary = g_new0 (DeskNameVocabulary, 1);
      vocabulary->words = g_ptr_array_new_with_free_func ((GDestroyNotify) word_free);
      vocabulary->by_token = g_hash_table_new (g_str_hash, g_str_equal);
      vocabulary->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                  (GDestroyNotify) g_ptr_array_unref);
      g_object_set_data_full (G_OBJECT (store), DATA_KEY, vocabulary,
                              (GDestroyNotify) vocabulary_free);
    }

  if (!desk_name_index_read_generation (store, &generation, error))
    return NULL;
  if (!vocabulary->loaded || generation != vocabulary->generation)
    {
      vocabulary_clear (vocabulary);
      vocabulary->generation = generation;
    }
  if (!desk_name_index_read_tokens (store, vocabulary->max_id, on_token_read_cb, vocabulary, error))
    {
      vocabulary_clear (vocabulary);
      return NULL;
    }
  vocabulary->loaded = TRUE;
  return vocabulary;
}

/* The more of a word typed, the surer: "Postleth" is Postlethwaite, more
 * than any name that sounds a little like it. */
static guint8
prefix_score (guint typed,
              guint whole)
{
  guint share = SCORE_PREFIX_BASE + SCORE_PREFIX_SPAN * typed / whole;
  guint length = typed >= 4 ? MIN (SCORE_PREFIX_LONG_MAX, 64 + 4 * typed) : 0;

  return MAX (share, length);
}

/* One edit for a word of 4 letters or more, two from 7: shorter names are
 * too close to each other (Tom / Tim) for a typo to be a safe guess. Three
 * letters against a longer name can only be one letter left out ("Own"). */
static guint
typo_budget (guint a_len,
             guint b_len)
{
  guint shorter = MIN (a_len, b_len);

  if (shorter == 3 && MAX (a_len, b_len) > 3)
    return 1;
  return shorter >= 7 ? 2 : shorter >= 4 ? 1 : 0;
}

static guint8
typo_score (guint    distance,
            gboolean both_known)
{
  guint8 score = distance == 1 ? SCORE_TYPO_ONE : SCORE_TYPO_TWO;

  /* Mark / Mary: two names people really have are likelier two people
   * than one typo. */
  return both_known ? score * 4 / 5 : score;
}

/* Three letters or fewer on both sides sound alike too easily (Tom / Tim),
 * and three typed letters are mostly the start of a name ("Fer" is not
 * Freya), unless they are a name themselves (Ian / Iain). */
static gboolean
phonetic_allowed (const char *a,
                  guint       a_len,
                  const char *b,
                  guint       b_len)
{
  const char *shorter = a_len <= b_len ? a : b;

  if (MAX (a_len, b_len) < 4)
    return FALSE;
  return MIN (a_len, b_len) >= 4 || (MIN (a_len, b_len) == 3 && desk_name_is_known_given (shorter));
}

/* Among names that sound alike, the one spelt nearer what was typed first:
 * Steven is Stephen before Stephanie, Kathryn Catherine before Katrina; and
 * a name a letter away (Kozlowski for "Kolowski") before one that only
 * sounds the same (Kowalski). Never below the floor: Siobhan and Shivaun
 * share few letters and are one name. */
static guint8
phonetic_score (const char *key,
                const char *a_spelling,
                const char *b_spelling)
{
  guint base = strlen (key) >= 3 ? SCORE_PHONETIC_LONG : SCORE_PHONETIC_SHORT;
  guint apart = desk_name_distance (a_spelling, strlen (a_spelling), b_spelling, strlen (b_spelling),
                                    PHONETIC_SPELLING_MAX);

  return MAX (SCORE_PHONETIC_FLOOR, (gint) base - (gint) (PHONETIC_POINTS_PER_EDIT * apart));
}

static guint8
nickname_score (DeskNicknameRelation relation)
{
  switch (relation)
    {
    case DESK_NICKNAME_FORMAL: return SCORE_NICKNAME_FORMAL;
    case DESK_NICKNAME_SIBLINGS: return SCORE_NICKNAME_SIBLINGS;
    case DESK_NICKNAME_NONE:
    default: return 0;
    }
}

guint8
desk_name_token_score (const char          *a,
                       const char          *b,
                       gboolean             allow_prefix,
                       DeskNameMatchReason *kind)
{
  guint a_len = strlen (a);
  guint b_len = strlen (b);
  guint8 best = 0;
  guint budget;

  *kind = DESK_NAME_MATCH_NORMALIZED;
  if (strcmp (a, b) == 0)
    return 100;

  best = nickname_score (desk_name_nickname_relation (a, b));
  if (best > 0)
    *kind = DESK_NAME_MATCH_NICKNAME;

  if (phonetic_allowed (a, a_len, b, b_len))
    {
      g_autofree char *a_key = desk_name_phonetic_key (a);
      g_autofree char *b_key = desk_name_phonetic_key (b);
      g_autofree char *a_spelling = desk_name_phonetic_spelling (a);
      g_autofree char *b_spelling = desk_name_phonetic_spelling (b);

      if (strlen (a_key) >= 2 && strcmp (a_key, b_key) == 0 &&
          phonetic_score (a_key, a_spelling, b_spelling) > best)
        {
          best = phonetic_score (a_key, a_spelling, b_spelling);
          *kind = DESK_NAME_MATCH_PHONETIC;
        }
    }

  budget = typo_budget (a_len, b_len);
  if (budget > 0)
    {
      guint distance = desk_name_distance (a, a_len, b, b_len, budget);
      gboolean both_known = desk_name_is_known_given (a) && desk_name_is_known_given (b);

      if (distance <= budget && typo_score (distance, both_known) > best)
        {
          best = typo_score (distance, both_known);
          *kind = DESK_NAME_MATCH_TYPO;
        }
    }

  if (allow_prefix && b_len > a_len && strncmp (a, b, a_len) == 0 &&
      prefix_score (a_len, b_len) > best)
    {
      best = prefix_score (a_len, b_len);
      *kind = DESK_NAME_MATCH_PREFIX;
    }
  return best;
}

static void
offer (GArray              *matches,
       GHashTable          *seen,
       const char          *token,
       guint8               score,
       DeskNameMatchReason  kind)
{
  gpointer at;

  if (score == 0)
    return;
  if (g_hash_table_lookup_extended (seen, token, NULL, &at))
    {
      DeskNameWordMatch *match = &g_array_index (matches, DeskNameWordMatch, GPOINTER_TO_UINT (at));

      if (score > match->score)
        {
          match->score = score;
          match->kind = kind;
        }
      return;
    }
  g_hash_table_insert (seen, (gpointer) token, GUINT_TO_POINTER (matches->len));
  g_array_append_val (matches, ((DeskNameWordMatch) { token, score, kind }));
}

void
desk_name_vocabulary_match (DeskNameVocabulary *vocabulary,
                            const char         *token,
                            gboolean            allow_prefix,
                            GArray             *matches)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *key = desk_name_phonetic_key (token);
  g_autofree char *spelling = desk_name_phonetic_spelling (token);
  const GPtrArray *related = desk_name_nickname_related (token);
  GPtrArray *same_key;
  Word *word;
  guint len = strlen (token);
  guint32 mask = desk_name_letter_mask (token);
  gboolean known = desk_name_is_known_given (token);

  word = g_hash_table_lookup (vocabulary->by_token, token);
  if (word != NULL)
    offer (matches, seen, word->token, 100, DESK_NAME_MATCH_NORMALIZED);

  for (guint i = 0; related != NULL && i < related->len; i++)
    {
      word = g_hash_table_lookup (vocabulary->by_token, g_ptr_array_index (related, i));
      if (word != NULL)
        offer (matches, seen, word->token,
               nickname_score (desk_name_nickname_relation (token, word->token)),
               DESK_NAME_MATCH_NICKNAME);
    }

  same_key = strlen (key) >= 2 ? g_hash_table_lookup (vocabulary->by_key, key) : NULL;
  for (guint i = 0; same_key != NULL && i < same_key->len; i++)
    {
      word = g_ptr_array_index (same_key, i);
      if (phonetic_allowed (token, len, word->token, word->len) && strcmp (word->token, token) != 0)
        offer (matches, seen, word->token, phonetic_score (key, spelling, word->spelling),
               DESK_NAME_MATCH_PHONETIC);
    }

  for (guint i = 0; i < vocabulary->words->len; i++)
    {
      guint budget;

      word = g_ptr_array_index (vocabulary->words, i);
      budget = typo_budget (len, word->len);
      if (budget > 0 &&
          (len > word->len ? len - word->len : word->len - len) <= budget &&
          (guint) __builtin_popcount (mask ^ word->mask) <= 2 * budget &&
          strcmp (word->token, token) != 0)
        {
          guint distance = desk_name_distance (token, len, word->token, word->len, budget);

          if (distance <= budget)
            offer (matches, seen, word->token, typo_score (distance, known && word->known_given),
                   DESK_NAME_MATCH_TYPO);
        }
      if (allow_prefix && word->len > len && strncmp (word->token, token, len) == 0)
        offer (matches, seen, word->token, prefix_score (len, word->len), DESK_NAME_MATCH_PREFIX);
    }
}
