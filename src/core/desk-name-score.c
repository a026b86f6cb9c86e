#define G_LOG_DOMAIN "desk-name"

#include "config.h"

#include "desk-name-index.h"
#include "desk-name-score.h"

/* A record's score is the best way to give each query token its own slot of
 * one of the record's names (order-free, so "Jones William" finds William
 * Jones), averaged over the query's tokens. A slot of the name that no
 * query token took (a middle name not typed) costs a little; a query token
 * that found nothing costs its whole share; tokens out of the name's order
 * cost a little. The names tried: the legal name, the preferred name, and
 * the preferred name followed by the legal family name ("Bex Smith" for
 * Rebecca Smith who goes by Bex). Query and names have at most a handful of
 * tokens, so the assignment is searched exhaustively. */

#define MISSING_SLOT_FACTOR 0.95
#define OUT_OF_ORDER_FACTOR 0.97
/* A name put together (preferred + family) ranks just below the same match
 * on a name as recorded. */
#define PUT_TOGETHER_FACTOR 0.98

typedef struct
{
  const DeskNameHits *hits;
  guint               n_query;
  DeskNameScoreMode   mode;
  const guint        *entry;       /* hit columns, in the name's order */
  guint               n_entry;
  guint               choice[DESK_NAME_MAX_QUERY];  /* entry index, or G_MAXUINT */
  DeskNameScore       best;
  gboolean            found;
} Search;

void
desk_name_hits_add (DeskNameHits        *hits,
                    guint                query,
                    guint                slot,
                    guint8               score,
                    DeskNameMatchReason  kind)
{
  guint field = DESK_NAME_SLOT_FIELD (slot);
  guint pos = DESK_NAME_SLOT_POS (slot);
  guint column;

  if (query >= DESK_NAME_MAX_QUERY || field > 1 || pos >= DESK_NAME_MAX_SLOTS)
    return;
  column = field * DESK_NAME_MAX_SLOTS + pos;
  hits->n_slots[field] = MIN (DESK_NAME_SLOT_COUNT (slot), DESK_NAME_MAX_SLOTS);
  if (score > hits->score[query][column])
    {
      hits->score[query][column] = score;
      hits->kind[query][column] = kind;
    }
}

static double
power (double factor,
       guint  times)
{
  double result = 1.0;

  while (times-- > 0)
    result *= factor;
  return result;
}

static void
evaluate (Search *search)
{
  guint matched = 0;
  guint sum = 0;
  guint lowest = 101;
  DeskNameMatchReason lowest_kind = DESK_NAME_MATCH_NORMALIZED;
  gboolean in_order = TRUE;
  guint last = 0;
  gboolean any = FALSE;
  guint shorter, longer;
  double score;
  DeskNameMatchReason reason;

  for (guint q = 0; q < search->n_query; q++)
    {
      guint at = search->choice[q];
      guint column, s;

      if (at == G_MAXUINT)
        continue;
      column = search->entry[at];
      s = search->hits->score[q][column];
      matched++;
      sum += s;
      if (s < lowest)
        {
          lowest = s;
          lowest_kind = search->hits->kind[q][column];
        }
      if (any && at < last)
        in_order = FALSE;
      last = at;
      any = TRUE;
    }
  if (matched == 0)
    return;

  if (search->mode == DESK_NAME_SCORE_SEARCH)
    score = sum / (100.0 * search->n_query) *
            power (MISSING_SLOT_FACTOR, search->n_entry - matched);
  else
    {
      /* Both are whole names: every token of the shorter one must be
       * there, the longer one's extra tokens (a middle name) cost a little. */
      shorter = MIN (search->n_query, search->n_entry);
      longer = MAX (search->n_query, search->n_entry);
      if (matched < shorter)
        return;
      score = sum / (100.0 * shorter) * power (MISSING_SLOT_FACTOR, longer - shorter);
    }
  if (!in_order)
    score *= OUT_OF_ORDER_FACTOR;

  if (lowest_kind != DESK_NAME_MATCH_NORMALIZED)
    reason = lowest_kind;
  else if (!in_order || matched < search->n_query || matched < search->n_entry)
    reason = DESK_NAME_MATCH_REORDERED;
  else
    reason = DESK_NAME_MATCH_NORMALIZED;

  if (!search->found || score > search->best.score)
    {
      search->found = TRUE;
      search->best.score = score;
      search->best.reason = reason;
      search->best.matched = matched;
      search->best.entry_slots = search->n_entry;
    }
}

static void
assign (Search *search,
        guint   q,
        guint   used)
{
  if (q == search->n_query)
    {
      evaluate (search);
      return;
    }

  for (guint i = 0; i < search->n_entry; i++)
    if (!(used & (1u << i)) && search->hits->score[q][search->entry[i]] > 0)
      {
        search->choice[q] = i;
        assign (search, q + 1, used | (1u << i));
      }
  search->choice[q] = G_MAXUINT;
  assign (search, q + 1, used);
}

static void
try_entry (Search        *search,
           DeskNameEntry  entry,
           const guint   *columns,
           guint          n_columns,
           DeskNameScore *best,
           gboolean      *found)
{
  if (n_columns == 0)
    return;
  search->entry = columns;
  search->n_entry = n_columns;
  search->found = FALSE;
  assign (search, 0, 0);
  if (search->found && entry == DESK_NAME_ENTRY_PREFERRED_FAMILY)
    search->best.score *= PUT_TOGETHER_FACTOR;
  if (search->found && (!*found || search->best.score > best->score))
    {
      *best = search->best;
      best->entry = entry;
      *found = TRUE;
    }
}

gboolean
desk_name_hits_score (const DeskNameHits *hits,
                      guint               n_query,
                      DeskNameScoreMode   mode,
                      DeskNameScore      *best)
{
  Search search = { hits, MIN (n_query, DESK_NAME_MAX_QUERY), mode, NULL, 0, { 0, }, { 0, }, FALSE };
  guint n_legal = hits->n_slots[DESK_NAME_FIELD_LEGAL];
  guint n_preferred = hits->n_slots[DESK_NAME_FIELD_PREFERRED];
  guint legal[DESK_NAME_MAX_SLOTS];
  guint preferred[DESK_NAME_MAX_SLOTS + 1];
  gboolean found = FALSE;

  for (guint i = 0; i < n_legal; i++)
    legal[i] = i;
  for (guint i = 0; i < n_preferred; i++)
    preferred[i] = DESK_NAME_MAX_SLOTS + i;

  try_entry (&search, DESK_NAME_ENTRY_LEGAL, legal, n_legal, best, &found);
  try_entry (&search, DESK_NAME_ENTRY_PREFERRED, preferred, n_preferred, best, &found);
  /* A one-word preferred name stands in for the given name. */
  if (n_preferred == 1 && n_legal >= 2)
    {
      preferred[1] = n_legal - 1;
      try_entry (&search, DESK_NAME_ENTRY_PREFERRED_FAMILY, preferred, 2, best, &found);
    }
  return found;
}
