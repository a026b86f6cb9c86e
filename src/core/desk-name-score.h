#pragma once

#include "desk-name-normalize.h"
#include "desk-name-search.h"

G_BEGIN_DECLS

/* Private to core: how well a query's tokens line up with one arrestee's
 * names, from the postings alone (desk-name-score.c). */

#define DESK_NAME_MAX_QUERY 6   /* query tokens looked at */

typedef enum
{
  DESK_NAME_ENTRY_LEGAL,
  DESK_NAME_ENTRY_PREFERRED,
  DESK_NAME_ENTRY_PREFERRED_FAMILY,  /* preferred given name + legal family name */
} DeskNameEntry;

typedef enum
{
  DESK_NAME_SCORE_SEARCH,     /* the query may be shorter than the name */
  DESK_NAME_SCORE_DUPLICATE,  /* two full names: the shorter must be all there */
} DeskNameScoreMode;

/* The best token score of each query token against each record slot
 * (legal name slots 0–7, preferred 8–15). Zeroed to start. */
typedef struct
{
  guint8 score[DESK_NAME_MAX_QUERY][2 * DESK_NAME_MAX_SLOTS];
  guint8 kind[DESK_NAME_MAX_QUERY][2 * DESK_NAME_MAX_SLOTS];
  guint8 n_slots[2];
} DeskNameHits;

typedef struct
{
  double               score;        /* 0..1 */
  DeskNameMatchReason  reason;
  DeskNameEntry        entry;
  guint                matched;      /* query tokens that found a slot */
  guint                entry_slots;
} DeskNameScore;

/* Records a posting (its slot as stored) hit by query token @query. */
void     desk_name_hits_add   (DeskNameHits        *hits,
                               guint                query,
                               guint                slot,
                               guint8               score,
                               DeskNameMatchReason  kind);
/* The best of the record's names for a query of @n_query tokens; FALSE when
 * no token lines up at all. */
gboolean desk_name_hits_score (const DeskNameHits  *hits,
                               guint                n_query,
                               DeskNameScoreMode    mode,
                               DeskNameScore       *best);

G_END_DECLS
