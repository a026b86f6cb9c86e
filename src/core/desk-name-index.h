#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

/* Private to core: the name index's tables (desk-name-index.c). */

/* Where a token sits in a record: legal or preferred name, how many slots
 * that name has, and which one. Stored in each posting as one integer. */
#define DESK_NAME_FIELD_LEGAL      0
#define DESK_NAME_FIELD_PREFERRED  1
#define DESK_NAME_SLOT(field, n, pos) (((field) << 8) | ((n) << 4) | (pos))
#define DESK_NAME_SLOT_FIELD(slot)    ((guint) (slot) >> 8)
#define DESK_NAME_SLOT_COUNT(slot)    (((guint) (slot) >> 4) & 0xf)
#define DESK_NAME_SLOT_POS(slot)      ((guint) (slot) & 0xf)

/* Migration step 4: the tables, filled from the live arrestees. */
gboolean desk_name_index_create      (DeskStore   *store,
                                      GError     **error);

/* Does a change to this arrestee field move the index? */
gboolean desk_name_index_tracks_field (const char *field);

/* Brings the index in line with the arrestee's row as it is now (inside the
 * write path's transaction): its names' tokens in, or, for a tombstone or a
 * record without names, out. */
gboolean desk_name_index_update      (DeskStore   *store,
                                      const char  *arrestee_id,
                                      GError     **error);

typedef void (*DeskNamePostingFunc) (const char *arrestee_id,
                                     guint       slot,
                                     gpointer    data);

/* Every live arrestee holding @token (of @action_id, or of any action when
 * NULL). The caller holds the store lock. */
gboolean desk_name_index_read_postings (DeskStore            *store,
                                        const char           *token,
                                        const char           *action_id,
                                        DeskNamePostingFunc   func,
                                        gpointer              data,
                                        GError              **error);

typedef void (*DeskNameTokenFunc) (gint64      id,
                                   const char *token,
                                   gpointer    data);

/* The vocabulary: the generation changes whenever a token leaves it; new
 * tokens always get ids above every earlier one, so a reader that saw up to
 * @after_id reads only what came since. */
gboolean desk_name_index_read_generation (DeskStore  *store,
                                          gint64     *generation,
                                          GError    **error);
gboolean desk_name_index_read_tokens (DeskStore          *store,
                                      gint64              after_id,
                                      DeskNameTokenFunc   func,
                                      gpointer            data,
                                      GError            **error);

G_END_DECLS
