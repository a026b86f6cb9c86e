#define G_LOG_DOMAIN "desk-unlock-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-unlock-dialog.h"

struct _DeskUnlockDialog
{
  AdwMessageDialog  parent_instance;

  AdwEntryRow      *passphrase_row;
  AdwEntryRow      *confirm_row;
  GtkLabel         *hint_label;

  DeskUnlockReason  reason;
};

G_DEFINE_FINAL_TYPE (DeskUnlockDialog, desk_unlock_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
on_passphrase_row_changed_cb (DeskUnlockDialog *self,
                              GtkEditable      *editable)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  gboolean ok = passphrase[0] != '\0';

  if (self->reason == DESK_UNLOCK_REASON_NEW_PASSPHRASE)
    {
      gboolean mismatch = confirm[0] != '\0' && g_strcmp0 (passphrase, confirm) != 0;

      gtk_widget_set_visible (GTK_WIDGET (self->hint_label), mismatch);
      ok = ok && g_strcmp0 (passphrase, confirm) == 0;
    }
  else if (self->reason == DESK_UNLOCK_REASON_WRONG_PASSPHRASE)
    {
      /* The "wrong passphrase" line stays until they type again. */
      gtk_widget_set_visible (GTK_WIDGET (self->hint_label), FALSE);
    }

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "unlock", ok);
}

static void
set_reason (DeskUnlockDialog *self,
            DeskUnlockReason  reason)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  const char *unlock_label = _("_Unlock");

  self->reason = reason;

  switch (reason)
    {
    case DESK_UNLOCK_REASON_KEY_NOT_FOUND:
      adw_message_dialog_set_heading (dialog, _("Keyring Locked"));
      adw_message_dialog_set_body (dialog,
                                   _("The key of your ArrestDesk records was not found in the keyring: "
                                     "it is locked, or the keyring was replaced. Unlock the keyring and try again, "
                                     "or enter the passphrase if these records are protected by one.\n\n"
                                     "ArrestDesk never makes new records over existing ones."));
      break;

    case DESK_UNLOCK_REASON_NO_KEYRING:
      adw_message_dialog_set_heading (dialog, _("No Keyring Available"));
      adw_message_dialog_set_body (dialog,
                                   _("There is no keyring on this computer to hold the key of your ArrestDesk records. "
                                     "Enter the passphrase that protects them."));
      break;

    case DESK_UNLOCK_REASON_NEW_PASSPHRASE:
      unlock_label = _("_Protect Records");
      adw_message_dialog_set_heading (dialog, _("Choose a Passphrase"));
      adw_message_dialog_set_body (dialog,
                                   _("There is no keyring on this computer to hold the key of your ArrestDesk records. "
                                     "Choose a passphrase to encrypt them: you will need it each time ArrestDesk starts, "
                                     "and nobody can recover the records without it."));
      gtk_widget_set_visible (GTK_WIDGET (self->confirm_row), TRUE);
      gtk_label_set_text (self->hint_label, _("The passphrases do not match."));
      break;

    case DESK_UNLOCK_REASON_WRONG_PASSPHRASE:
      adw_message_dialog_set_heading (dialog, _("Wrong Passphrase"));
      adw_message_dialog_set_body (dialog,
                                   _("That passphrase does not open your ArrestDesk records. "
                                     "Check it and try again."));
      gtk_label_set_text (self->hint_label, _("The passphrase was not accepted."));
      gtk_widget_set_visible (GTK_WIDGET (self->hint_label), TRUE);
      break;

    default:
      g_assert_not_reached ();
    }

  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  if (reason == DESK_UNLOCK_REASON_KEY_NOT_FOUND)
    adw_message_dialog_add_response (dialog, "retry", _("_Try Keyring Again"));
  adw_message_dialog_add_response (dialog, "unlock", unlock_label);
  adw_message_dialog_set_response_appearance (dialog, "unlock", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "unlock", FALSE);
  adw_message_dialog_set_default_response (dialog, "unlock");
  adw_message_dialog_set_close_response (dialog, "cancel");
}

static void
desk_unlock_dialog_class_init (DeskUnlockDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);


  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/desk-unlock-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskUnlockDialog, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, DeskUnlockDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, DeskUnlockDialog, hint_label);
  gtk_widget_class_bind_template_callback (widget_class, on_passphrase_row_changed_cb);
}

static void
desk_unlock_dialog_init (DeskUnlockDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
desk_unlock_dialog_new (GtkWindow        *parent,
                        DeskUnlockReason  reason)
{
  DeskUnlockDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (DESK_TYPE_UNLOCK_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  set_reason (self, reason);

  return GTK_WIDGET (self);
}

DeskUnlockReason
desk_unlock_dialog_get_reason (DeskUnlockDialog *self)
{
  g_return_val_if_fail (DESK_IS_UNLOCK_DIALOG (self), DESK_UNLOCK_REASON_KEY_NOT_FOUND);

  return self->reason;
}

char *
desk_unlock_dialog_dup_passphrase (DeskUnlockDialog *self)
{
  g_return_val_if_fail (DESK_IS_UNLOCK_DIALOG (self), NULL);

  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)));
}
