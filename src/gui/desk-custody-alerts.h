#pragma once

#include <gio/gio.h>

#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_CUSTODY_ALERTS (desk_custody_alerts_get_type ())
G_DECLARE_FINAL_TYPE (DeskCustodyAlerts, desk_custody_alerts, DESK, CUSTODY_ALERTS, GObject)

/* Desktop notifications from @application 2 h before a custody limit and
 * when one passes, for the arrestees of the store it is given. The text
 * never holds personal data: it may show on a locked screen. @training
 * says so in every title. Which record and limit were alerted is kept in
 * the store's settings, so a restart alerts only what is new. */
DeskCustodyAlerts *desk_custody_alerts_new       (GApplication      *application,
                                                  gboolean           training);
/* Watches @store (NULL: none, as when it closes). */
void               desk_custody_alerts_set_store (DeskCustodyAlerts *self,
                                                  DeskStore         *store);

G_END_DECLS
