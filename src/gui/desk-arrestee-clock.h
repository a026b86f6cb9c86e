#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The custody clock of the record shown: time in custody, time left and
 * the next review, live (desk_custody_compute each half minute and after
 * each edit of the times it reads), marked "estimated" when it runs from
 * check-in. Its rows go under the status at the top of the editor: what a
 * BOV needs first when a caller asks about someone in custody. */
#define DESK_TYPE_ARRESTEE_CLOCK (desk_arrestee_clock_get_type ())
G_DECLARE_FINAL_TYPE (DeskArresteeClock, desk_arrestee_clock, DESK, ARRESTEE_CLOCK, GObject)

DeskArresteeClock *desk_arrestee_clock_new        (AdwPreferencesGroup *group);
/* @values: field → value (the record with what is typed over it); only
 * the clock's fields are read, and copied. NULL stops the clock. */
void               desk_arrestee_clock_set_values (DeskArresteeClock   *self,
                                                   GHashTable          *values);
void               desk_arrestee_clock_set_visible (DeskArresteeClock  *self,
                                                    gboolean            visible);

G_END_DECLS
