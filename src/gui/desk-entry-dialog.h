#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A message dialog asking for one line of text (a name). Its "accept"
 * response is enabled only while the text is not blank. */
#define DESK_TYPE_ENTRY_DIALOG (desk_entry_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DeskEntryDialog, desk_entry_dialog, DESK, ENTRY_DIALOG, AdwMessageDialog)

/* @cancel_label NULL: the dialog has no cancel button (Escape still closes it
 * with the "cancel" response). */
GtkWidget *desk_entry_dialog_new      (GtkWindow  *parent,
                                       const char *heading,
                                       const char *body,
                                       const char *entry_title,
                                       const char *cancel_label,
                                       const char *accept_label);
/* The text without surrounding blanks. */
char      *desk_entry_dialog_dup_text (DeskEntryDialog *self);
void       desk_entry_dialog_set_text (DeskEntryDialog *self,
                                       const char      *text);

G_END_DECLS
