#pragma once

#include <adwaita.h>

#include "desk-roles.h"

G_BEGIN_DECLS

/* The record's changes, newest first, each with who made it and when:
 * status changes stand out, other edits list the fields they touched
 * (never their values), and fields the role may not see are left out. */
#define DESK_TYPE_ARRESTEE_TIMELINE (desk_arrestee_timeline_get_type ())
G_DECLARE_FINAL_TYPE (DeskArresteeTimeline, desk_arrestee_timeline, DESK, ARRESTEE_TIMELINE, AdwBin)

#define DESK_ARRESTEE_TIMELINE_MAX_ROWS 100

GtkWidget *desk_arrestee_timeline_new         (void);
/* @history: DeskHistoryEntry of the record (and of records merged into
 * it), oldest first, as desk_query_history() gives them; @record_id is
 * the record shown; @role NULL shows every field. */
void       desk_arrestee_timeline_set_history (DeskArresteeTimeline *self,
                                               GPtrArray            *history,
                                               const char           *record_id,
                                               const DeskRole       *role);

G_END_DECLS
