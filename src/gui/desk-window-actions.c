#define G_LOG_DOMAIN "desk-window-actions"

#include "config.h"

#include "desk-import-dialog.h"
#include "desk-window-private.h"

static void
new_action_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  _desk_window_present_new_action_dialog (DESK_WINDOW (widget));
}

static void
import_arrestees_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  g_autoptr(DeskRecordItem) action = NULL;

  if (self->store != NULL)
    action = _desk_window_dup_selected_action (self);
  desk_import_dialog_choose (self, self->store, action ? desk_record_item_get_id (action) : NULL);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  GtkWidget *page;

  adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));

  /* Straight into the rows, so the arrow keys work at once. The page was
   * built as it showed, unless the records are not open yet. */
  page = _desk_window_get_visible_page (self);
  if (page != NULL && gtk_widget_get_mapped (page))
    gtk_widget_grab_focus (page);
}

static void
add_page_binding (GtkWidgetClass *widget_class,
                  guint           keyval,
                  const char     *page)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, GDK_CONTROL_MASK,
                                       "win.show-page", "s", page);
}

void
_desk_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.new-action", NULL, new_action_action);
  gtk_widget_class_install_action (widget_class, "win.import-arrestees", NULL, import_arrestees_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "win.import-arrestees", NULL);

  add_page_binding (widget_class, GDK_KEY_1, "calls");
  add_page_binding (widget_class, GDK_KEY_2, "arrestees");
  add_page_binding (widget_class, GDK_KEY_3, "observers");
  add_page_binding (widget_class, GDK_KEY_4, "stations");
  add_page_binding (widget_class, GDK_KEY_5, "rota");
  add_page_binding (widget_class, GDK_KEY_KP_1, "calls");
  add_page_binding (widget_class, GDK_KEY_KP_2, "arrestees");
  add_page_binding (widget_class, GDK_KEY_KP_3, "observers");
  add_page_binding (widget_class, GDK_KEY_KP_4, "stations");
  add_page_binding (widget_class, GDK_KEY_KP_5, "rota");
}
