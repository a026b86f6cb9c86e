#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Common English, Irish, Scottish, Welsh and other British given names and
 * the short or pet forms people give for them (Bill / William, Peggy /
 * Margaret, Jack / John, Liz / Elizabeth). Tokens are folded
 * (desk_name_normalize()). */

typedef enum
{
  DESK_NICKNAME_NONE,
  DESK_NICKNAME_SIBLINGS,  /* two short forms of one name: Peggy / Maggie */
  DESK_NICKNAME_FORMAL,    /* a name and its short form: Bill / William */
} DeskNicknameRelation;

DeskNicknameRelation desk_name_nickname_relation (const char *a,
                                                  const char *b);
/* Is @token a given name the table knows (a name or a short form)? */
gboolean             desk_name_is_known_given    (const char *token);
/* Every name related to @token (not @token itself), or NULL when none:
 * the other spellings to look for in the index. Owned by the table. */
const GPtrArray     *desk_name_nickname_related  (const char *token);

G_END_DECLS
