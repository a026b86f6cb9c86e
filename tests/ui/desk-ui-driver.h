#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Real input for widget tests under Xvfb: xdotool moves the pointer and
 * types, while the test's main loop keeps the window running. There is no
 * window manager: a window's surface sits at 0,0 of the screen. */

/* Runs "xdotool ARGS…" and spins the main loop until it is done. */
void      desk_ui_xdotool        (const char *first_arg,
                                  ...) G_GNUC_NULL_TERMINATED;
/* Types @text with real key presses. */
void      desk_ui_type           (const char *text);
/* Presses a key or chord ("Tab", "ctrl+a"). */
void      desk_ui_key            (const char *keys);
/* Clicks the middle of @widget with the real pointer. */
void      desk_ui_click          (GtkWidget  *widget);
/* Spins the main loop for @ms milliseconds. */
void      desk_ui_wait_ms        (guint       ms);
/* Spins until @check returns TRUE (or fails the test after @timeout_ms). */
typedef gboolean (*DeskUiCheck) (gpointer data);
gboolean  desk_ui_wait_until     (DeskUiCheck check,
                                  gpointer    data,
                                  guint       timeout_ms);
/* Saves a screenshot of the whole screen as @name.png under the build
 * folder's tests/ui/screenshots; returns its path. */
char     *desk_ui_screenshot     (const char *name);
/* Waits until @window is mapped and has drawn. */
void      desk_ui_wait_for_window (GtkWindow *window);

G_END_DECLS
