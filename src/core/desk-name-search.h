#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

/* Fuzzy person-name search over arrestees (DESIGN.md "Name matching").
 * The index lives in the store (tables made by a migration) and is kept up
 * to date by the one write path (desk-write-row.c calls
 * desk_name_index_update() inside its transaction); a query never rebuilds
 * it. Matches case, accents, punctuation, typos, transpositions, phonetic
 * spellings, nickname pairs, swapped given/family names and missing middle
 * names. */

typedef enum
{
  DESK_NAME_MATCH_EXACT,
  DESK_NAME_MATCH_NORMALIZED,   /* case, accents, punctuation */
  DESK_NAME_MATCH_NICKNAME,
  DESK_NAME_MATCH_PHONETIC,
  DESK_NAME_MATCH_TYPO,         /* edit distance, transpositions */
  DESK_NAME_MATCH_REORDERED,    /* swapped or missing names */
  DESK_NAME_MATCH_PREFIX,       /* partly typed */
} DeskNameMatchReason;

typedef struct
{
  char                *id;       /* arrestee id */
  char                *name;     /* the matched name as stored */
  double               score;    /* 0..1, higher is better */
  DeskNameMatchReason  reason;   /* the strongest reason */
  char                *legal_name; /* the record's legal name (NULL when none): @name
                                    * may be its preferred name */
} DeskNameMatch;

void          desk_name_match_free   (DeskNameMatch *match);

/* Best first; at most @limit (0: 20). @action_id NULL searches every action.
 * Array of DeskNameMatch. */
GPtrArray    *desk_name_search       (DeskStore   *store,
                                      const char  *query,
                                      const char  *action_id,
                                      guint        limit,
                                      GError     **error);

/* Live arrestees of @action_id close enough to @name to be "possibly the
 * same person" (the duplicate warning when creating or editing one), best
 * first; @exclude_id (the record being edited) is left out. Array of
 * DeskNameMatch, empty when none. */
GPtrArray    *desk_name_find_duplicates (DeskStore   *store,
                                         const char  *action_id,
                                         const char  *name,
                                         const char  *exclude_id,
                                         GError     **error);

/* Translated, short: "nickname", "sounds alike", "typo"… */
const char   *desk_name_match_reason_describe (DeskNameMatchReason reason);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskNameMatch, desk_name_match_free)

G_END_DECLS
