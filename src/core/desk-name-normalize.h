#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A person's name as the name index and the search see it (no GTK, no
 * store): lower-case tokens without accents or punctuation, in the order
 * written. Each token ("slot") has one or more spellings ("forms"); the
 * first is the main one. "O'Brien" is the slot {obrien, brien}, "Ó
 * Súilleabháin" the slot {osuilleabhain, suilleabhain}, "Harding-Smith" the
 * slots {harding, hardingsmith} and {smith}. */

#define DESK_NAME_MAX_SLOTS  8   /* more tokens than this are dropped */
#define DESK_NAME_MAX_TOKEN 40   /* bytes; longer tokens are cut */

/* A GPtrArray of slots, each a NULL-terminated GStrv of forms; empty when
 * the text holds no letters or digits (or is not UTF-8). */
GPtrArray *desk_name_normalize       (const char *name);

/* One word folded the same way (no splitting): "Zoë" → "zoe". */
char      *desk_name_fold_token      (const char *word);

G_END_DECLS
