#define G_LOG_DOMAIN "desk-stack-icons"

#include "config.h"

#include <adwaita.h>

#include "desk-stack-icons.h"

/* A status page's picture and a spinner are SVG in the icon theme (only
 * 16 px icons come as PNG), and GTK reads an image's icon when it is
 * styled, shown or not: the status pages of a window's hidden stack pages
 * would load the SVG renderer at start, about 7 MiB, for pictures nobody
 * sees. So a status page gets its icon when it first comes on screen, and
 * a spinner shows only once a wait on screen has lasted SPINNER_DELAY_MS:
 * most loads are over sooner, and a spinner that flashes up for a moment
 * only distracts. */
#define SPINNER_DELAY_MS 500

#define DEFERRED_ICON "desk-deferred-icon"
#define SPINNER_TIMEOUT "desk-spinner-timeout"

/* Set while hidden (a template or a property sets it): kept aside. */
static void
on_icon_name_changed_cb (AdwStatusPage *status_page)
{
  const char *icon_name = adw_status_page_get_icon_name (status_page);

  if (icon_name == NULL || gtk_widget_get_mapped (GTK_WIDGET (status_page)))
    return;

  g_object_set_data_full (G_OBJECT (status_page), DEFERRED_ICON, g_strdup (icon_name), g_free);
  adw_status_page_set_icon_name (status_page, NULL);
}

static void
show_icon (AdwStatusPage *status_page)
{
  g_autofree char *icon_name = g_object_steal_data (G_OBJECT (status_page), DEFERRED_ICON);

  if (icon_name != NULL)
    adw_status_page_set_icon_name (status_page, icon_name);
}

/* The icon @status_page has, or will have once on screen. */
const char *
desk_stack_icons_get_icon_name (AdwStatusPage *status_page)
{
  const char *deferred;

  g_return_val_if_fail (ADW_IS_STATUS_PAGE (status_page), NULL);

  deferred = g_object_get_data (G_OBJECT (status_page), DEFERRED_ICON);
  return deferred != NULL ? deferred : adw_status_page_get_icon_name (status_page);
}

static GtkWidget *
find_spinner (GtkWidget *page)
{
  GtkWidget *child = page;

  if (ADW_IS_STATUS_PAGE (page))
    child = adw_status_page_get_child (ADW_STATUS_PAGE (page));
  return GTK_IS_SPINNER (child) ? child : NULL;
}

static void
remove_timeout (gpointer data)
{
  g_source_remove (GPOINTER_TO_UINT (data));
}

static gboolean
on_spinner_delay_cb (gpointer user_data)
{
  GtkWidget *spinner = user_data;

  g_object_steal_data (G_OBJECT (spinner), SPINNER_TIMEOUT);
  gtk_widget_set_visible (spinner, TRUE);
  return G_SOURCE_REMOVE;
}

static void
update_spinner (GtkWidget *spinner,
                gboolean   shown)
{
  gboolean waiting = g_object_get_data (G_OBJECT (spinner), SPINNER_TIMEOUT) != NULL;

  if (!shown)
    {
      g_object_set_data (G_OBJECT (spinner), SPINNER_TIMEOUT, NULL);
      gtk_widget_set_visible (spinner, FALSE);
    }
  else if (!waiting && !gtk_widget_get_visible (spinner))
    g_object_set_data_full (G_OBJECT (spinner), SPINNER_TIMEOUT,
                            GUINT_TO_POINTER (g_timeout_add (SPINNER_DELAY_MS, on_spinner_delay_cb, spinner)),
                            remove_timeout);
}

static void
on_page_mapped_cb (GtkWidget *page)
{
  GtkWidget *spinner = find_spinner (page);

  if (ADW_IS_STATUS_PAGE (page))
    show_icon (ADW_STATUS_PAGE (page));
  if (spinner != NULL)
    update_spinner (spinner, TRUE);
}

static void
on_page_unmapped_cb (GtkWidget *page)
{
  GtkWidget *spinner = find_spinner (page);

  if (spinner != NULL)
    update_spinner (spinner, FALSE);
}

/* Status pages and spinners that are pages of @stack, or a status page's
 * child, load their icons only when on screen (see above): mapped, which a
 * stack's visible page is not while the stack itself is hidden. */
void
desk_stack_icons_defer (GtkStack *stack)
{
  g_return_if_fail (GTK_IS_STACK (stack));

  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (stack));
       page != NULL;
       page = gtk_widget_get_next_sibling (page))
    {
      GtkWidget *spinner = find_spinner (page);

      if (spinner != NULL)
        update_spinner (spinner, gtk_widget_get_mapped (page));
      if (ADW_IS_STATUS_PAGE (page))
        {
          g_signal_connect (page, "notify::icon-name", G_CALLBACK (on_icon_name_changed_cb), NULL);
          on_icon_name_changed_cb (ADW_STATUS_PAGE (page));
        }
      g_signal_connect (page, "map", G_CALLBACK (on_page_mapped_cb), NULL);
      g_signal_connect (page, "unmap", G_CALLBACK (on_page_unmapped_cb), NULL);
    }
}
