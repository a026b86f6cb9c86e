#define G_LOG_DOMAIN "desk-sync-issues-window"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-conflicts-page.h"
#include "desk-rejected-page.h"
#include "desk-sync-issues-window.h"

struct _DeskSyncIssuesWindow
{
  AdwPreferencesWindow  parent_instance;
};

G_DEFINE_FINAL_TYPE (DeskSyncIssuesWindow, desk_sync_issues_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
desk_sync_issues_window_class_init (DeskSyncIssuesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
desk_sync_issues_window_init (DeskSyncIssuesWindow *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Conflicts and Refused Changes"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 560);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);
}

GtkWidget *
desk_sync_issues_window_new (GtkWindow      *parent,
                             DeskStore      *store,
                             const DeskRole *role,
                             gboolean        show_refused)
{
  DeskSyncIssuesWindow *self;
  GtkWidget *conflicts;
  GtkWidget *refused;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  self = g_object_new (DESK_TYPE_SYNC_ISSUES_WINDOW, "transient-for", parent, NULL);
  conflicts = desk_conflicts_page_new (store, role);
  refused = desk_rejected_page_new (store);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (conflicts));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (refused));
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self),
                                           ADW_PREFERENCES_PAGE (show_refused ? refused : conflicts));
  return GTK_WIDGET (self);
}
