#define G_LOG_DOMAIN "desk-first-frame"

#include "config.h"

#include <stdio.h>

#include "desk-first-frame.h"

static void
on_after_paint_cb (GdkFrameClock *clock,
                   GtkWindow     *window)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (window));

  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, window);
  printf ("first-frame\n");
  fflush (stdout);
  if (app != NULL)
    g_application_quit (app);
}

static void
on_realized_cb (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_after_paint_cb), widget, 0);
}

void
desk_first_frame_watch (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (g_getenv ("ARRESTDESK_EXIT_AFTER_FIRST_FRAME") == NULL)
    return;

  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_realized_cb (GTK_WIDGET (window));
  else
    g_signal_connect (window, "realize", G_CALLBACK (on_realized_cb), NULL);
}
