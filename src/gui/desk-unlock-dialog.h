#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Why the database could not be opened with the keyring. */
typedef enum
{
  DESK_UNLOCK_REASON_KEY_NOT_FOUND,    /* the keyring is locked or lost the key */
  DESK_UNLOCK_REASON_NO_KEYRING,       /* no Secret Service; the database exists */
  DESK_UNLOCK_REASON_NEW_PASSPHRASE,   /* no Secret Service; no database yet */
  DESK_UNLOCK_REASON_WRONG_PASSPHRASE, /* the passphrase given does not open it */
} DeskUnlockReason;

/* Says why the records are locked and asks for the passphrase.
 * Responses: "unlock" (a passphrase was given), "retry" (ask the keyring
 * again, only for DESK_UNLOCK_REASON_KEY_NOT_FOUND) and "cancel". */
#define DESK_TYPE_UNLOCK_DIALOG (desk_unlock_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DeskUnlockDialog, desk_unlock_dialog, DESK, UNLOCK_DIALOG, AdwMessageDialog)

GtkWidget        *desk_unlock_dialog_new            (GtkWindow        *parent,
                                                     DeskUnlockReason  reason);
DeskUnlockReason  desk_unlock_dialog_get_reason     (DeskUnlockDialog *self);
/* Free with desk_secure_free(). */
char             *desk_unlock_dialog_dup_passphrase (DeskUnlockDialog *self);

G_END_DECLS
