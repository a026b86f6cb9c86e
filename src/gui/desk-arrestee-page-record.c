#define G_LOG_DOMAIN "desk-arrestee-page"

#include "config.h"

#include "desk-arrestee-page-private.h"

/* The page's record view: the arrestee editor, made when a record is first
 * opened; opening a record and going back to the list. */

/* Go Back from "Words Not Saved": the Arrestees page, on that record. */
static void
on_show_unsaved_cb (DeskArresteePage *self,
                    const char       *record_id)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", "arrestees");
  desk_arrestee_page_open_record (self, record_id);
}

void
desk_arrestee_page_open_record (DeskArresteePage *self,
                                const char       *record_id)
{
  g_return_if_fail (DESK_IS_ARRESTEE_PAGE (self));
  g_return_if_fail (record_id != NULL);

  /* Made when first needed: a whole record form built with the window
   * would delay its first frame for a page that may never be opened. */
  if (self->editor == NULL)
    {
      self->editor = DESK_ARRESTEE_EDITOR (desk_arrestee_editor_new ());
      gtk_widget_set_vexpand (GTK_WIDGET (self->editor), TRUE);
      desk_arrestee_editor_set_store (self->editor, self->store);
      desk_arrestee_editor_set_role (self->editor, self->has_role ? &self->role : NULL);
      gtk_box_append (GTK_BOX (self->record_page), GTK_WIDGET (self->editor));
      g_signal_connect_object (self->editor, "show-unsaved",
                               G_CALLBACK (on_show_unsaved_cb), self, G_CONNECT_SWAPPED);
    }
  desk_arrestee_editor_set_record (self->editor, record_id);
  adw_leaflet_set_visible_child (self->leaflet, self->record_page);
  gtk_widget_child_focus (GTK_WIDGET (self->editor), GTK_DIR_TAB_FORWARD);
  g_object_notify (G_OBJECT (self), "test-status");
}

void
desk_arrestee_page_show_list (DeskArresteePage *self)
{
  g_return_if_fail (DESK_IS_ARRESTEE_PAGE (self));

  if (!_desk_arrestee_page_showing_record (self))
    return;

  adw_leaflet_set_visible_child (self->leaflet, self->list_page);
  /* Back on the row that was opened: the table keeps its selection. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") == 0)
    _desk_arrestee_page_focus_selected_row (self);
}
