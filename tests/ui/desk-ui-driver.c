#include "config.h"

#include "desk-ui-driver.h"

static void
on_subprocess_done_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_wait_check_finish (G_SUBPROCESS (object), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

static void
run_argv (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  gboolean done = FALSE;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (process, NULL, on_subprocess_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

void
desk_ui_xdotool (const char *first_arg,
                 ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;
  const char *arg;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  run_argv ((const char *const *) argv->pdata);
  /* Let the window take the events in. */
  desk_ui_wait_ms (50);
}

void
desk_ui_type (const char *text)
{
  desk_ui_xdotool ("type", "--delay", "40", "--", text, NULL);
}

void
desk_ui_key (const char *keys)
{
  desk_ui_xdotool ("key", "--delay", "40", keys, NULL);
}

static gboolean
is_laid_out (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

void
desk_ui_click (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t middle;
  graphene_point_t point;
  double surface_x, surface_y;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  g_assert_nonnull (native);
  /* A widget made a moment ago has no place on the screen until the next
   * frame lays it out. */
  g_assert_true (desk_ui_wait_until (is_laid_out, widget, 2000));
  middle = GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0f,
                                gtk_widget_get_height (widget) / 2.0f);
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &middle, &point));
  gtk_native_get_surface_transform (native, &surface_x, &surface_y);
  x = g_strdup_printf ("%d", (int) (point.x + surface_x));
  y = g_strdup_printf ("%d", (int) (point.y + surface_y));
  desk_ui_xdotool ("mousemove", x, y, NULL);
  desk_ui_wait_ms (100);
  desk_ui_xdotool ("click", "1", NULL);
  desk_ui_wait_ms (100);
}

static gboolean
on_wait_done_cb (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

void
desk_ui_wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_wait_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
desk_ui_wait_until (DeskUiCheck check,
                    gpointer    data,
                    guint       timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * (gint64) 1000;

  while (!check (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      desk_ui_wait_ms (20);
    }
  return TRUE;
}

char *
desk_ui_screenshot (const char *name)
{
  const char *build = g_getenv ("ARRESTDESK_BUILD_DIR");
  g_autofree char *dir = g_build_filename (build != NULL ? build : ".", "tests", "ui", "screenshots", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  char *path = g_build_filename (dir, file, NULL);
  const char *argv[] = { "import", "-window", "root", path, NULL };

  g_mkdir_with_parents (dir, 0755);
  /* Everything drawn before the picture is taken. */
  desk_ui_wait_ms (300);
  run_argv (argv);
  g_test_message ("screenshot: %s", path);
  return path;
}

static gboolean
window_is_up (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

void
desk_ui_wait_for_window (GtkWindow *window)
{
  g_assert_true (desk_ui_wait_until (window_is_up, window, 10000));
  desk_ui_wait_ms (500);
}
