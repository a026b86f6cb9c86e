#define G_LOG_DOMAIN "desk-status-file"

#include "config.h"

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
desk_status_file_write (const char *path,
                        const char *name,
                        GtkWidget  *page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *detail = NULL;
  GObjectClass *page_class;
  gboolean loading = FALSE;
  guint n_items = 0;

  g_return_if_fail (path != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (GTK_IS_WIDGET (page));

  /* Any record page: they all say how many records they show. */
  page_class = G_OBJECT_GET_CLASS (page);
  if (g_object_class_find_property (page_class, "n-items") == NULL ||
      g_object_class_find_property (page_class, "loading") == NULL)
    return;
  g_object_get (page, "loading", &loading, "n-items", &n_items, NULL);
  if (loading)
    return;

  g_string_append_printf (text, "%s %u\n", name, n_items);
  if (g_object_class_find_property (page_class, "test-status") != NULL)
    {
      g_object_get (page, "test-status", &detail, NULL);
      if (detail != NULL)
        g_string_append_printf (text, "%s\n", detail);
    }

  if (!g_file_set_contents (path, text->str, -1, &error))
    g_warning ("Could not write the test status file: %s", error->message);
}
