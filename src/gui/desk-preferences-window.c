#define G_LOG_DOMAIN "desk-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-preferences-window.h"

struct _DeskPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwEntryRow          *name_row;
  GtkSpinButton        *lock_spin;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (DeskPreferencesWindow, desk_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The name signs every change: it is saved when applied, never half-typed. */
static void
on_name_row_applied_cb (DeskPreferencesWindow *self,
                        AdwEntryRow           *row)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (name[0] == '\0')
    {
      g_autofree char *saved = g_settings_get_string (self->settings, "volunteer-name");

      gtk_editable_set_text (GTK_EDITABLE (row), saved);
      return;
    }

  g_settings_set_string (self->settings, "volunteer-name", name);
}

static void
desk_preferences_window_dispose (GObject *object)
{
  DeskPreferencesWindow *self = DESK_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (desk_preferences_window_parent_class)->dispose (object);
}

static void
desk_preferences_window_class_init (DeskPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/desk-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow, lock_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_name_row_applied_cb);
}

static void
desk_preferences_window_init (DeskPreferencesWindow *self)
{
  g_autofree char *name = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (BASE_APP_ID);

  name = g_settings_get_string (self->settings, "volunteer-name");
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);

  g_settings_bind (self->settings, "idle-lock-minutes",
                   self->lock_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
}

GtkWidget *
desk_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (DESK_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
}
