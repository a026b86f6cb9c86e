#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  DESK_CHANGE_CREATE,
  DESK_CHANGE_UPDATE,
  DESK_CHANGE_DELETE,
} DeskChangeOp;

typedef enum
{
  DESK_ORIGIN_LOCAL,  /* typed, imported or generated here: goes to the outbox */
  DESK_ORIGIN_REMOTE, /* pulled from the server: merged by HLC, never re-sent */
} DeskOrigin;

/* One change to one record, handed to desk_store_apply(). */
typedef struct _DeskChange DeskChange;

/* A new record with a fresh UUID, belonging to @action_id (for the action
 * table itself, pass NULL: the action is its own id). */
DeskChange   *desk_change_new_create (const char *table,
                                      const char *action_id);
DeskChange   *desk_change_new_update (const char *table,
                                      const char *id);
DeskChange   *desk_change_new_delete (const char *table,
                                      const char *id);
/* Same as new_create but with a given id (remote records, imports). */
DeskChange   *desk_change_new_create_with_id (const char *table,
                                              const char *id,
                                              const char *action_id);
void          desk_change_free       (DeskChange *change);

/* Set @field to @value (NULL clears it). The last set of a field wins. */
void          desk_change_set        (DeskChange *change,
                                      const char *field,
                                      const char *value);
/* For remote changes: the field's HLC as stamped by its author. */
void          desk_change_set_stamped (DeskChange *change,
                                       const char *field,
                                       const char *value,
                                       const char *hlc);
void          desk_change_set_origin (DeskChange *change,
                                      DeskOrigin  origin,
                                      const char *author);
/* When a remote change was made (ISO 8601 UTC); local changes use now. */
void          desk_change_set_at     (DeskChange *change,
                                      const char *at);
const char   *desk_change_get_at     (const DeskChange *change);

const char   *desk_change_get_table  (const DeskChange *change);
const char   *desk_change_get_id     (const DeskChange *change);
const char   *desk_change_get_action (const DeskChange *change);
DeskChangeOp  desk_change_get_op     (const DeskChange *change);
DeskOrigin    desk_change_get_origin (const DeskChange *change);
const char   *desk_change_get_author (const DeskChange *change);
/* Field names in the order they were first set. */
const GPtrArray *desk_change_get_fields (const DeskChange *change);
/* Returns TRUE if set; *value may be NULL (cleared). */
gboolean      desk_change_lookup     (const DeskChange *change,
                                      const char       *field,
                                      const char      **value,
                                      const char      **hlc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskChange, desk_change_free)

G_END_DECLS
