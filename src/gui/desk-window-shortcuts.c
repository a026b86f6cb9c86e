#define G_LOG_DOMAIN "desk-window-shortcuts"

#include "config.h"

#include "desk-window-private.h"

/* The shortcuts window is built just after the first frame rather than with
 * the window (GTK's automatic gtk/help-overlay.ui), so start-up stays quick. */

static gboolean
load_shortcuts_window_cb (gpointer data)
{
  DeskWindow *self = data;
  g_autoptr(GtkBuilder) builder = NULL;

  builder = gtk_builder_new_from_resource (RESOURCE_PATH "/desk-shortcuts-window.ui");
  gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self),
                                           GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
  return G_SOURCE_REMOVE;
}

static void
on_first_paint_cb (GdkFrameClock *clock,
                   DeskWindow    *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_paint_cb, self);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, load_shortcuts_window_cb,
                   g_object_ref (self), g_object_unref);
}

static void
on_realized_cb (DeskWindow *self)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (on_first_paint_cb), self, 0);
}

void
_desk_window_shortcuts_init (DeskWindow *self)
{
  g_signal_connect (self, "realize", G_CALLBACK (on_realized_cb), NULL);
}
