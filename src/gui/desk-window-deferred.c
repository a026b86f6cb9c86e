#define G_LOG_DOMAIN "desk-window-deferred"

#include "config.h"

#include "desk-window-private.h"

/* The parts of the window its first frame does not show, built after it so
 * start-up stays quick: the shortcuts window (rather than GTK's automatic
 * gtk/help-overlay.ui) and the buttons of the switcher bar, which only
 * shows in a narrow window, just after the first frame; the main menu's
 * popover when the menu is first opened. Just after the first frame, the
 * window also says it has painted (desk_window_get_painted). */

static void
build_after_first_frame (DeskWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;

  _desk_window_set_painted (self);

  builder = gtk_builder_new_from_resource (RESOURCE_PATH "/desk-shortcuts-window.ui");
  gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self),
                                           GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));

  /* Revealed only as it slides in (the binding in desk-window.ui), and it
   * cannot have started sliding before the first frame. */
  adw_view_switcher_bar_set_stack (self->switcher_bar, self->view_stack);
}

static gboolean
after_first_frame_cb (gpointer data)
{
  build_after_first_frame (DESK_WINDOW (data));

  return G_SOURCE_REMOVE;
}

static void
on_first_paint_cb (GdkFrameClock *clock,
                   DeskWindow    *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_paint_cb, self);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, after_first_frame_cb,
                   g_object_ref (self), g_object_unref);
}

static void
on_realized_cb (DeskWindow *self)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (on_first_paint_cb), self, 0);
}

/* The popover and its rows cost more than the button they hang from. */
static void
create_main_menu_cb (GtkMenuButton *button,
                     gpointer       user_data)
{
  DeskWindow *self = user_data;

  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->primary_menu);
}

void
_desk_window_deferred_init (DeskWindow *self)
{
  g_signal_connect (self, "realize", G_CALLBACK (on_realized_cb), NULL);
  gtk_menu_button_set_create_popup_func (self->menu_button, create_main_menu_cb, self, NULL);
}
