/* The baseline for the first-frame benchmark: the smallest libadwaita
 * program, an empty AdwApplicationWindow, started the same way as arrestdesk. */
#include "config.h"

#include <adwaita.h>

#include "desk-first-frame.h"

static void
on_activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  desk_first_frame_watch (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.arrestdesk.BenchMinimal",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
