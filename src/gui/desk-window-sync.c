#define G_LOG_DOMAIN "desk-window-sync"

#include "config.h"

#include "desk-window-private.h"

/* What sync changes in the window: the role it shows, and the new-action
 * question held back while the desk is asked how it works (a server may
 * bring the actions). */

#define SYNC_QUESTION "desk-sync-question"
#define NO_NEW_ACTION "desk-sync-no-new-action"

void
desk_window_set_sync_question (DeskWindow *self,
                               gboolean    asking)
{
  g_return_if_fail (DESK_IS_WINDOW (self));

  g_object_set_data (G_OBJECT (self), SYNC_QUESTION, GINT_TO_POINTER (asking));
  if (!asking)
    _desk_window_maybe_offer_new_action (self);
}

gboolean
_desk_window_holds_new_action (DeskWindow *self)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), SYNC_QUESTION)) ||
         GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), NO_NEW_ACTION));
}

/* DESIGN.md "Roles": the server enforces, the desk only hides. A page
 * whose records the role may not see goes, and so do actions it may not
 * take. No role known (a desk on its own) hides nothing. */
void
desk_window_set_role (DeskWindow     *self,
                      const DeskRole *role)
{
  gboolean may_create;

  g_return_if_fail (DESK_IS_WINDOW (self));

  for (guint i = 0; i < DESK_WINDOW_N_PAGES; i++)
    {
      GtkWidget *child = adw_view_stack_get_child_by_name (self->view_stack, _desk_window_page_name (i));
      AdwViewStackPage *page = adw_view_stack_get_page (self->view_stack, child);

      adw_view_stack_page_set_visible (page, role == NULL ||
                                             desk_role_can_read (*role, _desk_window_page_table (i), NULL));
    }

  self->has_role = role != NULL;
  if (role != NULL)
    self->role = *role;
  _desk_window_pages_set_role (self);

  may_create = role == NULL || desk_role_can_write (*role, "action", NULL);
  g_object_set_data (G_OBJECT (self), NO_NEW_ACTION, GINT_TO_POINTER (!may_create));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-action", self->store != NULL && may_create);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-arrestees",
                                 role == NULL || desk_role_can_write (*role, "arrestee", NULL));
}
