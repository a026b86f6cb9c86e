#define G_LOG_DOMAIN "desk-entry-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-entry-dialog.h"

struct _DeskEntryDialog
{
  AdwMessageDialog  parent_instance;

  AdwEntryRow      *entry_row;
};

G_DEFINE_FINAL_TYPE (DeskEntryDialog, desk_entry_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
on_entry_row_changed_cb (DeskEntryDialog *self,
                         GtkEditable     *editable)
{
  g_autofree char *text = desk_entry_dialog_dup_text (self);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "accept", text[0] != '\0');
}

static void
desk_entry_dialog_class_init (DeskEntryDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);


  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/desk-entry-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskEntryDialog, entry_row);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_row_changed_cb);
}

static void
desk_entry_dialog_init (DeskEntryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
desk_entry_dialog_new (GtkWindow  *parent,
                       const char *heading,
                       const char *body,
                       const char *entry_title,
                       const char *cancel_label,
                       const char *accept_label)
{
  AdwMessageDialog *dialog;
  DeskEntryDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (heading != NULL, NULL);
  g_return_val_if_fail (accept_label != NULL, NULL);

  self = g_object_new (DESK_TYPE_ENTRY_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", heading,
                       "body", body,
                       NULL);
  dialog = ADW_MESSAGE_DIALOG (self);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->entry_row), entry_title);

  if (cancel_label != NULL)
    adw_message_dialog_add_response (dialog, "cancel", cancel_label);
  adw_message_dialog_add_response (dialog, "accept", accept_label);
  adw_message_dialog_set_response_appearance (dialog, "accept", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "accept", FALSE);
  adw_message_dialog_set_default_response (dialog, "accept");
  adw_message_dialog_set_close_response (dialog, "cancel");

  return GTK_WIDGET (self);
}

char *
desk_entry_dialog_dup_text (DeskEntryDialog *self)
{
  g_return_val_if_fail (DESK_IS_ENTRY_DIALOG (self), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry_row))));
}

void
desk_entry_dialog_set_text (DeskEntryDialog *self,
                            const char      *text)
{
  g_return_if_fail (DESK_IS_ENTRY_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry_row), text != NULL ? text : "");
}
