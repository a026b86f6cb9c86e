#define G_LOG_DOMAIN "desk-time-row"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-time-row.h"
#include "desk-time-text.h"

struct _DeskTimeRow
{
  AdwEntryRow  parent_instance;

  char        *title;      /* the row's own title, shown again once the error is fixed */
  gboolean     has_error;
  gboolean     show_now;
  GtkWidget   *now_button;
};

G_DEFINE_FINAL_TYPE (DeskTimeRow, desk_time_row, ADW_TYPE_ENTRY_ROW)

enum {
  COMMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (DeskTimeRow *self,
            const char  *message)
{
  g_autofree char *title = NULL;

  self->has_error = message != NULL;
  if (message != NULL)
    {
      /* Translators: a time row's title and what is wrong with its text */
      title = g_strdup_printf (_("%s — %s"), self->title, message);
      gtk_widget_add_css_class (GTK_WIDGET (self), "error");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title != NULL ? title : self->title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  message != NULL ? message : desk_time_text_hint (),
                                  -1);
}

static void
on_now_clicked_cb (DeskTimeRow *self,
                   GtkButton   *button)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *iso = g_date_time_format (now, "%Y-%m-%dT%H:%M:00Z");

  desk_time_row_set_value (self, iso);
  g_signal_emit (self, signals[COMMITTED], 0);
}

/* A row that may not be changed has no Now either. */
static void
on_editable_changed_cb (DeskTimeRow *self)
{
  gtk_widget_set_visible (self->now_button, self->show_now && gtk_editable_get_editable (GTK_EDITABLE (self)));
}

static void
on_entry_activated_cb (DeskTimeRow *self)
{
  g_signal_emit (self, signals[COMMITTED], 0);
}

static void
desk_time_row_finalize (GObject *object)
{
  DeskTimeRow *self = DESK_TIME_ROW (object);

  g_free (self->title);

  G_OBJECT_CLASS (desk_time_row_parent_class)->finalize (object);
}

static void
desk_time_row_class_init (DeskTimeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = desk_time_row_finalize;

  /**
   * DeskTimeRow::committed:
   *
   * The time was set with the Now button or Enter: save it at once.
   */
  signals[COMMITTED] = g_signal_new ("committed",
                                     G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 0);
}

static void
desk_time_row_init (DeskTimeRow *self)
{
  self->show_now = TRUE;
  self->now_button = gtk_button_new_with_label (_("Now"));
  gtk_widget_set_valign (self->now_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->now_button, "flat");
  /* Tab goes from time to time; from the keyboard, type "now". */
  gtk_widget_set_focusable (self->now_button, FALSE);
  gtk_widget_set_tooltip_text (self->now_button, _("Set to the current time (or type “now”)"));
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), self->now_button);
  g_signal_connect_object (self->now_button, "clicked",
                           G_CALLBACK (on_now_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "entry-activated", G_CALLBACK (on_entry_activated_cb), NULL);
  g_signal_connect (self, "notify::editable", G_CALLBACK (on_editable_changed_cb), NULL);
}

GtkWidget *
desk_time_row_new (const char *title)
{
  DeskTimeRow *self = g_object_new (DESK_TYPE_TIME_ROW, "title", title, NULL);
  g_autofree char *button_label = g_strdup_printf (_("Set %s to now"), title);

  self->title = g_strdup (title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->now_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, button_label, -1);
  show_error (self, NULL);
  return GTK_WIDGET (self);
}

void
desk_time_row_set_value (DeskTimeRow *self,
                         const char  *iso_utc)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autofree char *text = NULL;

  g_return_if_fail (DESK_IS_TIME_ROW (self));

  text = desk_time_text_format (iso_utc, tz);
  gtk_editable_set_text (GTK_EDITABLE (self), text != NULL ? text : "");
  show_error (self, NULL);
}

gboolean
desk_time_row_read (DeskTimeRow *self,
                    char       **iso_utc)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (DESK_IS_TIME_ROW (self), FALSE);

  if (!desk_time_text_parse (gtk_editable_get_text (GTK_EDITABLE (self)), now, tz, iso_utc, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  show_error (self, NULL);
  return TRUE;
}

void
desk_time_row_set_error (DeskTimeRow *self,
                         const char  *message)
{
  g_return_if_fail (DESK_IS_TIME_ROW (self));

  show_error (self, message);
}

gboolean
desk_time_row_has_error (DeskTimeRow *self)
{
  g_return_val_if_fail (DESK_IS_TIME_ROW (self), FALSE);

  return self->has_error;
}

void
desk_time_row_set_show_now (DeskTimeRow *self,
                            gboolean     show_now)
{
  g_return_if_fail (DESK_IS_TIME_ROW (self));

  self->show_now = show_now;
  on_editable_changed_cb (self);
}
