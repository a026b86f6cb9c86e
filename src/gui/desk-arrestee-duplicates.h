#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* "Possibly the same person": the records of the same action whose names
 * come close to the one typed, each with the reason, and Open and
 * Merge… buttons. Hidden (a revealer) while there are none. */
#define DESK_TYPE_ARRESTEE_DUPLICATES (desk_arrestee_duplicates_get_type ())
G_DECLARE_FINAL_TYPE (DeskArresteeDuplicates, desk_arrestee_duplicates, DESK, ARRESTEE_DUPLICATES, AdwBin)

#define DESK_ARRESTEE_DUPLICATES_SHOWN 3

GtkWidget *desk_arrestee_duplicates_new         (void);
/* @matches: DeskNameMatch, best first (NULL or empty hides the box). */
void       desk_arrestee_duplicates_set_matches (DeskArresteeDuplicates *self,
                                                 GPtrArray              *matches);
guint      desk_arrestee_duplicates_get_n_shown (DeskArresteeDuplicates *self);
/* Whether Merge… is offered (the role may change arrestees). */
void       desk_arrestee_duplicates_set_can_merge (DeskArresteeDuplicates *self,
                                                   gboolean                can_merge);

G_END_DECLS
