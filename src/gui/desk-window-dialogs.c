#define G_LOG_DOMAIN "desk-window-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-change.h"
#include "desk-entry-dialog.h"
#include "desk-window-private.h"

/* A one-line question over the window; @on_response gets the window first. */
static GtkWidget *
present_entry_dialog (DeskWindow *self,
                      const char *heading,
                      const char *body,
                      const char *entry_title,
                      const char *cancel_label,
                      const char *accept_label,
                      GCallback   on_response)
{
  GtkWidget *dialog;

  dialog = desk_entry_dialog_new (GTK_WINDOW (self), heading, body, entry_title,
                                  cancel_label, accept_label);
  g_signal_connect_object (dialog, "response", on_response, self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static void
on_name_dialog_response_cb (DeskWindow      *self,
                            const char      *response,
                            DeskEntryDialog *dialog)
{
  if (g_strcmp0 (response, "accept") == 0)
    {
      g_autofree char *name = desk_entry_dialog_dup_text (dialog);

      /* DeskApplication hands the name to the store. */
      g_settings_set_string (self->settings, "volunteer-name", name);
    }

  self->name_dialog = NULL;
  _desk_window_maybe_offer_new_action (self);
}

static void
on_action_created_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(DeskWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!desk_store_apply_finish (DESK_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_warning ("Could not create the action: %s", error->message);
      g_clear_pointer (&self->created_action_id, g_free);
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Could not create the action")));
      return;
    }

  /* The action list reloads itself on the store's "changed" signal. */
}

static void
create_action (DeskWindow *self,
               const char *name)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *starts_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  DeskChange *change;

  g_return_if_fail (self->store != NULL);

  change = desk_change_new_create ("action", NULL);
  desk_change_set (change, "name", name);
  desk_change_set (change, "starts_at", starts_at);

  /* Chosen as soon as the list shows it. */
  g_free (self->created_action_id);
  self->created_action_id = g_strdup (desk_change_get_id (change));

  desk_store_apply_async (self->store, change, self->cancellable,
                          on_action_created_cb, g_object_ref (self));
}

static void
on_new_action_dialog_response_cb (DeskWindow      *self,
                                  const char      *response,
                                  DeskEntryDialog *dialog)
{
  g_autofree char *name = NULL;

  if (g_strcmp0 (response, "accept") != 0)
    return;

  name = desk_entry_dialog_dup_text (dialog);
  create_action (self, name);
}

void
_desk_window_present_name_dialog (DeskWindow *self)
{
  self->name_dialog = present_entry_dialog (self,
                                            _("Your Name"),
                                            _("Everything you record is signed with it until accounts arrive with sync."),
                                            _("Name"),
                                            NULL,
                                            _("_Continue"),
                                            G_CALLBACK (on_name_dialog_response_cb));
}

void
_desk_window_present_new_action_dialog (DeskWindow *self)
{
  present_entry_dialog (self,
                        _("New Action"),
                        _("Calls, arrests and shifts are recorded under a mass action. Name it as the Back Office knows it."),
                        _("Action Name"),
                        _("_Cancel"),
                        _("C_reate"),
                        G_CALLBACK (on_new_action_dialog_response_cb));
}

void
_desk_window_maybe_offer_new_action (DeskWindow *self)
{
  if (self->actions == NULL || desk_record_list_get_loading (self->actions))
    return;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->actions)) > 0)
    return;

  /* One question at a time: the name first, then how the desk syncs. */
  if (self->name_dialog != NULL || self->offered_new_action || _desk_window_holds_new_action (self))
    return;

  self->offered_new_action = TRUE;
  _desk_window_present_new_action_dialog (self);
}
