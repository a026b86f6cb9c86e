#define G_LOG_DOMAIN "desk-connect-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-connect-dialog.h"
#include "desk-stack-icons.h"
#include "desk-sync-protocol.h"
#include "desk-sync-status.h"
#include "desk-sync-token.h"

struct _DeskConnectDialog
{
  AdwWindow             parent_instance;

  GtkStack             *stack;
  GtkButton            *back_button;
  GtkButton            *server_button;
  AdwEntryRow          *url_row;
  AdwEntryRow          *username_row;
  AdwPasswordEntryRow  *password_row;
  GtkLabel             *error_label;
  AdwStatusPage        *certificate_page;
  GtkLabel             *fingerprint_label;
  GtkButton            *distrust_button;
  AdwStatusPage        *busy_page;

  DeskStore            *store;
  DeskSyncAccount      *current;      /* the desk's account, or NULL */
  GCancellable         *cancellable;
  DeskSyncClient       *client;       /* the one logging in */
  DeskSyncAccount      *account;      /* what is being set up */
  GTlsCertificate      *offered;      /* shown for the person to accept */
  char                 *accepted_url; /* … accepted for this server: not asked */
  char                 *accepted_pem; /*     again after a wrong password */
  gboolean              log_in_again;
};

G_DEFINE_FINAL_TYPE (DeskConnectDialog, desk_connect_dialog, ADW_TYPE_WINDOW)

enum {
  CONNECTED,
  LOCAL_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void log_in (DeskConnectDialog *self);

static DeskSyncAccount *
copy_account (const DeskSyncAccount *account)
{
  DeskSyncAccount *copy = g_new0 (DeskSyncAccount, 1);

  copy->server_url = g_strdup (account->server_url);
  copy->username = g_strdup (account->username);
  copy->role = account->role;
  copy->has_role = account->has_role;
  copy->ca_file = g_strdup (account->ca_file);
  copy->pinned_pem = g_strdup (account->pinned_pem);
  return copy;
}

static char *
trimmed_text (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

/* "https://host:8443/" and "https://host:8443" are one server. */
static gboolean
same_server (const char *a,
             const char *b)
{
  g_autofree char *x = g_strdup (a);
  g_autofree char *y = g_strdup (b);

  if (x == NULL || y == NULL)
    return FALSE;
  while (g_str_has_suffix (x, "/"))
    x[strlen (x) - 1] = '\0';
  while (g_str_has_suffix (y, "/"))
    y[strlen (y) - 1] = '\0';
  return g_ascii_strcasecmp (x, y) == 0;
}

static void
show_page (DeskConnectDialog *self,
           const char        *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          !self->log_in_again && !g_str_equal (name, "choice") && !g_str_equal (name, "busy"));
}

static void
show_busy (DeskConnectDialog *self,
           const char        *title)
{
  adw_status_page_set_title (self->busy_page, title);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  show_page (self, "busy");
}

/* Back on the form, saying what went wrong and how to fix it. */
static void
show_error (DeskConnectDialog *self,
            const char        *message,
            GtkWidget         *focus)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  show_page (self, "server");
  gtk_widget_grab_focus (focus);
}

static char *
describe_login_error (DeskConnectDialog *self,
                      const GError      *error)
{
  if (g_error_matches (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_AUTH))
    return g_strdup_printf (_("Could not log in: %s. Check the user name and password and try again."),
                            error->message);
  if (g_error_matches (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_UNREACHABLE))
    return g_strdup_printf (_("Cannot reach the server. Check the address and that this computer is online, then try again.\n(%s)"),
                            error->message);
  if (g_error_matches (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_INSECURE_URL))
    return g_strdup_printf (_("Check the server address: %s."), error->message);
  return g_strdup_printf (_("Could not connect: %s."), error->message);
}

static GtkWidget *
error_focus (DeskConnectDialog *self,
             const GError      *error)
{
  if (g_error_matches (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_AUTH))
    return GTK_WIDGET (self->password_row);
  return GTK_WIDGET (self->url_row);
}

static void
fail (DeskConnectDialog *self,
      const GError      *error)
{
  g_autofree char *message = describe_login_error (self, error);

  show_error (self, message, error_focus (self, error));
}

/* Runs on the database thread. */
static gpointer
save_account_in_worker (DeskStore  *store,
                        gpointer    data,
                        GError    **error)
{
  return desk_sync_account_save (store, data, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
on_account_saved_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(DeskConnectDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (desk_store_run_finish (DESK_STORE (source), result, &error) == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("Logged in, but the server settings could not be saved: %s."), error->message);
      show_error (self, message, GTK_WIDGET (self->url_row));
      return;
    }

  g_signal_emit (self, signals[CONNECTED], 0, self->client);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_token_stored_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(DeskConnectDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!desk_sync_token_store_finish (result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* A session nobody can keep is ended rather than left open. */
      desk_sync_client_logout_async (self->client, NULL, NULL, NULL);
      message = g_strdup_printf (_("Logged in, but the session could not be kept in the keyring: %s."), error->message);
      show_error (self, message, GTK_WIDGET (self->password_row));
      return;
    }

  desk_store_run_async (self->store, save_account_in_worker, copy_account (self->account),
                        (GDestroyNotify) desk_sync_account_free, NULL, self->cancellable,
                        on_account_saved_cb, g_object_ref (self));
}

static void
on_logged_in_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DeskConnectDialog) self = user_data;
  g_autoptr(DeskSyncLogin) login = NULL;
  g_autoptr(GError) error = NULL;

  login = desk_sync_client_login_finish (DESK_SYNC_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (login == NULL)
    {
      /* Nobody vouches for the certificate: let the person look at it. */
      if (g_error_matches (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_UNTRUSTED) &&
          self->account->pinned_pem == NULL && self->account->ca_file == NULL && self->offered != NULL)
        {
          g_autofree char *fingerprint = desk_sync_certificate_fingerprint (self->offered);
          g_autofree char *description = NULL;

          description = g_strdup_printf (_("The server at %s shows a certificate that no authority on this computer vouches for. "
                                           "Trust it only if this fingerprint is the one the Back Office coordinator gave you."),
                                         self->account->server_url);
          adw_status_page_set_description (self->certificate_page, description);
          gtk_label_set_text (self->fingerprint_label, fingerprint);
          show_page (self, "certificate");
          gtk_widget_grab_focus (GTK_WIDGET (self->distrust_button));
          gtk_label_select_region (self->fingerprint_label, 0, 0);
          return;
        }
      fail (self, error);
      return;
    }

  /* The password has done its job: it is never kept. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  g_free (self->account->username);
  self->account->username = g_strdup (login->username ? login->username : self->account->username);
  self->account->role = login->role;
  self->account->has_role = TRUE;
  show_busy (self, _("Saving…"));
  desk_sync_token_store_async (self->account->server_url, desk_store_get_path (self->store), login->token,
                               self->cancellable, on_token_stored_cb, g_object_ref (self));
}

/* Looks at the certificate while logging in, so that "not trusted" can
 * show which certificate it was without a second connection. */
static void
on_certificate_fetched_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(DeskConnectDialog) self = user_data;

  g_clear_object (&self->offered);
  self->offered = desk_sync_client_fetch_certificate_finish (result, NULL, NULL);
  log_in (self);
}

static void
log_in (DeskConnectDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->client);
  self->client = desk_sync_client_new (self->store, self->account->server_url, self->account->ca_file,
                                       self->account->pinned_pem, &error);
  if (self->client == NULL)
    {
      fail (self, error);
      return;
    }
  /* The server URL as the client keeps it (no trailing slash). */
  g_free (self->account->server_url);
  self->account->server_url = g_strdup (desk_sync_client_get_server_url (self->client));

  desk_sync_client_login_async (self->client, self->account->username,
                                gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                                self->cancellable, on_logged_in_cb, g_object_ref (self));
}

static void
on_cursor_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DeskConnectDialog) self = user_data;
  g_autofree DeskSyncCounts *counts = NULL;
  g_autoptr(GError) error = NULL;

  counts = desk_store_run_finish (DESK_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Another server's cursor and outbox answers mean nothing to this one. */
  if (counts != NULL && counts->cursor > 0 && self->current != NULL &&
      !same_server (self->current->server_url, self->account->server_url))
    {
      g_autofree char *message = g_strdup_printf (_("This desk already syncs with %s, and a desk syncs with one server only. "
                                                    "Use that address, or start a new desk for the other server."),
                                                  self->current->server_url);

      show_error (self, message, GTK_WIDGET (self->url_row));
      return;
    }

  if (self->account->pinned_pem == NULL && self->account->ca_file == NULL)
    desk_sync_client_fetch_certificate_async (self->account->server_url, self->cancellable,
                                              on_certificate_fetched_cb, g_object_ref (self));
  else
    log_in (self);
}

static void
on_connect_clicked_cb (DeskConnectDialog *self)
{
  g_autofree char *url = trimmed_text (self->url_row);
  g_autofree char *username = trimmed_text (self->username_row);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (url[0] == '\0')
    {
      show_error (self, _("Enter the server address, such as https://backoffice.example:8443."), GTK_WIDGET (self->url_row));
      return;
    }
  if (username[0] == '\0')
    {
      show_error (self, _("Enter your user name on the server."), GTK_WIDGET (self->username_row));
      return;
    }
  if (password[0] == '\0')
    {
      show_error (self, _("Enter your password."), GTK_WIDGET (self->password_row));
      return;
    }

  g_clear_pointer (&self->account, desk_sync_account_free);
  self->account = g_new0 (DeskSyncAccount, 1);
  self->account->server_url = g_steal_pointer (&url);
  self->account->username = g_steal_pointer (&username);
  /* The same server keeps the trust chosen for it before. */
  if (self->current != NULL && same_server (self->current->server_url, self->account->server_url))
    {
      self->account->ca_file = g_strdup (self->current->ca_file);
      self->account->pinned_pem = g_strdup (self->current->pinned_pem);
    }
  if (self->account->ca_file == NULL && self->account->pinned_pem == NULL &&
      same_server (self->accepted_url, self->account->server_url))
    self->account->pinned_pem = g_strdup (self->accepted_pem);

  show_busy (self, _("Connecting…"));
  desk_store_run_async (self->store, desk_sync_read_counts_in_worker, NULL, NULL, g_free, self->cancellable,
                        on_cursor_read_cb, g_object_ref (self));
}

static void
on_trust_clicked_cb (DeskConnectDialog *self)
{
  g_return_if_fail (self->offered != NULL);

  g_object_get (self->offered, "certificate-pem", &self->account->pinned_pem, NULL);
  g_free (self->accepted_url);
  g_free (self->accepted_pem);
  self->accepted_url = g_strdup (self->account->server_url);
  self->accepted_pem = g_strdup (self->account->pinned_pem);
  show_busy (self, _("Connecting…"));
  log_in (self);
}

static void
on_back_clicked_cb (DeskConnectDialog *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "certificate") == 0)
    {
      show_error (self, _("The certificate was not trusted, so nothing was sent to the server. Check the address with the Back Office coordinator."),
                  GTK_WIDGET (self->url_row));
      return;
    }
  show_page (self, "choice");
  gtk_widget_grab_focus (GTK_WIDGET (self->server_button));
}

static void
on_server_chosen_cb (DeskConnectDialog *self)
{
  show_page (self, "server");
  gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
}

static void
on_local_chosen_cb (DeskConnectDialog *self)
{
  g_signal_emit (self, signals[LOCAL_CHOSEN], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Enter in one field goes on to the next. */
static void
on_row_activated_cb (DeskConnectDialog *self)
{
  gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

static void
desk_connect_dialog_dispose (GObject *object)
{
  DeskConnectDialog *self = DESK_CONNECT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->offered);
  g_clear_object (&self->store);
  g_clear_pointer (&self->current, desk_sync_account_free);
  g_clear_pointer (&self->account, desk_sync_account_free);
  g_clear_pointer (&self->accepted_url, g_free);
  g_clear_pointer (&self->accepted_pem, g_free);
  if (self->password_row != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");

  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_CONNECT_DIALOG);

  G_OBJECT_CLASS (desk_connect_dialog_parent_class)->dispose (object);
}

static void
desk_connect_dialog_class_init (DeskConnectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_connect_dialog_dispose;

  /**
   * DeskConnectDialog::connected:
   * @client: the signed-in DeskSyncClient
   */
  signals[CONNECTED] = g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, DESK_TYPE_SYNC_CLIENT);
  signals[LOCAL_CHOSEN] = g_signal_new ("local-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/desk-connect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskConnectDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, DeskConnectDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, DeskConnectDialog, server_button);
  gtk_widget_class_bind_template_child (widget_class, DeskConnectDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, DeskConnectDialog, username_row);
  gtk_widget_class_bind_template_child (widget_class, DeskConnectDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, DeskConnectDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, DeskConnectDialog, certificate_page);
  gtk_widget_class_bind_template_child (widget_class, DeskConnectDialog, fingerprint_label);
  gtk_widget_class_bind_template_child (widget_class, DeskConnectDialog, distrust_button);
  gtk_widget_class_bind_template_child (widget_class, DeskConnectDialog, busy_page);
  gtk_widget_class_bind_template_callback (widget_class, on_server_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_local_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_connect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_trust_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
desk_connect_dialog_init (DeskConnectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  desk_stack_icons_defer (self->stack);
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
desk_connect_dialog_new (GtkWindow             *parent,
                         DeskStore             *store,
                         const DeskSyncAccount *account,
                         gboolean               log_in_again)
{
  DeskConnectDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (!log_in_again || account != NULL, NULL);

  self = g_object_new (DESK_TYPE_CONNECT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->log_in_again = log_in_again;
  if (account != NULL)
    {
      self->current = copy_account (account);
      gtk_editable_set_text (GTK_EDITABLE (self->url_row), account->server_url);
      gtk_editable_set_text (GTK_EDITABLE (self->username_row), account->username ? account->username : "");
    }
  if (log_in_again)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Log In Again"));
      on_server_chosen_cb (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
    }
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->server_button));
  return GTK_WIDGET (self);
}
