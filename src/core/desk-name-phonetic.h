#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A sounds-alike key for one folded name token (desk_name_normalize()), so
 * that spellings said the same way meet: Siobhan / Shivaun, Niamh / Neve,
 * Stephen / Steven, Catherine / Kathryn, Aoife / Eefa, Dafydd / David.
 * Consonant sounds only, after the first sound; a leading vowel is kept as
 * one of three classes. Empty for a token with no letters. */
char *desk_name_phonetic_key      (const char *token);

/* The spelling with letters that read the same made the same (c/k before a
 * hard vowel, y/i, ph/f, z/s, a final silent e, doubled letters), to tell
 * which of several sounds-alike names is spelt nearest: Kathryn is nearer
 * Catherine than Katrina. */
char *desk_name_phonetic_spelling (const char *token);

G_END_DECLS
