#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A list's record ids, in order, packed: a canonical UUID (all that
 * ArrestDesk makes) takes 16 bytes, so 185,000 of them cost 3 MiB, not
 * 185,000 strings. Any other id turns the list into plain strings. */
typedef struct _DeskIdList DeskIdList;

/* Room desk_id_list_get() may need to spell an id out. */
#define DESK_ID_LIST_BUF 37

DeskIdList  *desk_id_list_new        (void);
void         desk_id_list_free       (DeskIdList       *list);
void         desk_id_list_add        (DeskIdList       *list,
                                      const char       *id);
guint        desk_id_list_get_length (const DeskIdList *list);
/* The id at @position (which must be listed), spelled out in @buf
 * (DESK_ID_LIST_BUF bytes) or kept by @list: valid while both are. */
const char  *desk_id_list_get        (const DeskIdList *list,
                                      guint             position,
                                      char             *buf);
gboolean     desk_id_list_equal      (const DeskIdList *a,
                                      guint             position_a,
                                      const DeskIdList *b,
                                      guint             position_b);
/* Position of @id, or G_MAXUINT. */
guint        desk_id_list_find       (const DeskIdList *list,
                                      const char       *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskIdList, desk_id_list_free)

G_END_DECLS
