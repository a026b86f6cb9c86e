#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* For the first-frame benchmark: when ARRESTDESK_EXIT_AFTER_FIRST_FRAME is
 * set, print "first-frame" once @window has painted and quit
 * the application. Does nothing otherwise. */
void desk_first_frame_watch (GtkWindow *window);

G_END_DECLS
