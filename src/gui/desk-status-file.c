#define G_LOG_DOMAIN "desk-status-file"

#include "config.h"

#include "desk-record-page.h"
#include "desk-status-file.h"

char *
desk_status_file_dup_path (void)
{
  const char *path = g_getenv ("ARRESTDESK_TEST_STATUS_FILE");

  if (path == NULL || path[0] == '\0')
    return NULL;

  return g_strdup (path);
}

void
desk_status_file_write (const char   *path,
                        AdwViewStack *view_stack)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const char *name;
  GtkWidget *page;

  g_return_if_fail (path != NULL);
  g_return_if_fail (ADW_IS_VIEW_STACK (view_stack));

  page = adw_view_stack_get_visible_child (view_stack);
  name = adw_view_stack_get_visible_child_name (view_stack);
  if (!DESK_IS_RECORD_PAGE (page) || desk_record_page_get_loading (DESK_RECORD_PAGE (page)))
    return;

  line = g_strdup_printf ("%s %u\n", name, desk_record_page_get_n_items (DESK_RECORD_PAGE (page)));
  if (!g_file_set_contents (path, line, -1, &error))
    g_warning ("Could not write the test status file: %s", error->message);
}
