#pragma once

#include "desk-server-storage.h"

G_BEGIN_DECLS

/* DESIGN.md "Roles" as the server enforces them: on push (refused with a
 * reason) and on pull (a role never receives what it may not see). Every
 * storage backend calls these, so the rules live in one place. */

/* May @role make @mutation? FALSE with a reason naming the role and the
 * table or field (never a value). */
gboolean        desk_server_rules_check_push (DeskServerStorage   *storage,
                                              DeskRole             role,
                                              const DeskMutation  *mutation,
                                              char               **reason);

/* Filters one pull page; remembers what conflict records are about. */
typedef struct _DeskPullFilter DeskPullFilter;

DeskPullFilter *desk_pull_filter_new    (DeskServerStorage      *storage,
                                         DeskRole                role);
/* FALSE with @error set only when the storage failed. */
gboolean        desk_pull_filter_allows (DeskPullFilter         *filter,
                                         const DeskPulledChange *change,
                                         gboolean               *allowed,
                                         GError                **error);
void            desk_pull_filter_free   (DeskPullFilter         *filter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskPullFilter, desk_pull_filter_free)

G_END_DECLS
