#pragma once

#include "desk-name-search.h"

G_BEGIN_DECLS

/* Private to core: the name index's vocabulary held in memory, and the
 * matching of one query token against it (desk-name-vocabulary.c). */

typedef struct _DeskNameVocabulary DeskNameVocabulary;

typedef struct
{
  const char          *token;  /* a vocabulary token, owned by the vocabulary */
  guint8               score;  /* 1..100 */
  DeskNameMatchReason  kind;   /* NORMALIZED, NICKNAME, PHONETIC, TYPO or PREFIX */
} DeskNameWordMatch;

/* The vocabulary of @store, brought up to date with what was committed
 * (new tokens read incrementally; reloaded when one left). The caller holds
 * the store lock while it uses the result. */
DeskNameVocabulary *desk_name_vocabulary_get   (DeskStore           *store,
                                                GError             **error);
/* Appends a DeskNameWordMatch to @matches for each vocabulary token that
 * @token matches, the best way for each. */
void                desk_name_vocabulary_match (DeskNameVocabulary  *vocabulary,
                                                const char          *token,
                                                gboolean             allow_prefix,
                                                GArray              *matches);
/* The score of two tokens by the same rules (0 when they do not match). */
guint8              desk_name_token_score      (const char          *a,
                                                const char          *b,
                                                gboolean             allow_prefix,
                                                DeskNameMatchReason *kind);

G_END_DECLS
