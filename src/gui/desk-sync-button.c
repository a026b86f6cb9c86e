#define G_LOG_DOMAIN "desk-sync-button"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-application.h"
#include "desk-sync-button.h"
#include "desk-sync-labels.h"
#include "desk-sync-manager.h"

struct _DeskSyncButton
{
  AdwBin             parent_instance;

  GtkMenuButton     *menu_button;
  GtkImage          *icon;
  GtkLabel          *label;
  GtkLabel          *detail;
  GtkLabel          *title_label;
  GtkLabel          *server_label;
  GtkProgressBar    *progress_bar;
  GtkLabel          *detail_label;
  GtkLabel          *error_label;
  GtkButton         *issues_button;
  GtkButton         *log_in_button;

  DeskSyncManager   *manager;
  GSignalGroup      *scheduler_signals;
  char              *text;
  char              *status_file;   /* ARRESTDESK_TEST_SYNC_STATUS_FILE */
};

G_DEFINE_FINAL_TYPE (DeskSyncButton, desk_sync_button, ADW_TYPE_BIN)

/* The two short lines in the header bar (a state and a detail), and the icon. */
static char *
describe (DeskSyncScheduler *scheduler,
          char             **detail,
          const char       **icon_name)
{
  guint waiting = desk_sync_scheduler_get_waiting (scheduler);
  double progress = desk_sync_scheduler_get_first_pull_progress (scheduler);
  gint64 last = desk_sync_scheduler_get_last_synced (scheduler);

  *detail = NULL;
  switch (desk_sync_scheduler_get_state (scheduler))
    {
    case DESK_SYNC_STATE_SYNCING:
      *icon_name = "emblem-synchronizing-symbolic";
      if (progress >= 0)
        {
          /* Translators: how much of the first pull of every record has arrived */
          *detail = g_strdup_printf (_("%d %% received"), (int) (progress * 100));
          return g_strdup (_("Receiving records…"));
        }
      return g_strdup (_("Syncing…"));

    case DESK_SYNC_STATE_ONLINE:
      *icon_name = "emblem-ok-symbolic";
      if (waiting > 0)
        {
          *detail = g_strdup (_("waiting"));
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change", "%u changes", waiting), waiting);
        }
      *detail = last > 0 ? desk_sync_format_unix (last) : NULL;
      return g_strdup (_("Synced"));

    case DESK_SYNC_STATE_FAILING:
      *icon_name = "dialog-warning-symbolic";
      *detail = waiting > 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change waiting",
                                                            "%u changes waiting", waiting), waiting)
                            : NULL;
      return g_strdup (_("Sync problem"));

    case DESK_SYNC_STATE_SIGNED_OUT:
      *icon_name = "dialog-password-symbolic";
      return g_strdup (_("Signed out"));

    case DESK_SYNC_STATE_OFFLINE:
    default:
      *icon_name = "network-offline-symbolic";
      *detail = waiting > 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change waiting",
                                                            "%u changes waiting", waiting), waiting)
                            : NULL;
      return g_strdup (_("Offline"));
    }
}

static char *
describe_details (DeskSyncScheduler *scheduler)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint waiting = desk_sync_scheduler_get_waiting (scheduler);
  guint delay = desk_sync_scheduler_get_retry_delay (scheduler);
  gint64 last = desk_sync_scheduler_get_last_synced (scheduler);

  if (last > 0)
    {
      g_autofree char *when = desk_sync_format_unix (last);

      g_string_append_printf (text, _("Last synced at %s."), when);
    }
  else
    g_string_append (text, _("Not synced yet."));
  g_string_append_c (text, '\n');
  if (waiting > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u change made here waits to be sent.",
                                               "%u changes made here wait to be sent.", waiting),
                            waiting);
  else
    g_string_append (text, _("Every change made here has reached the server."));
  if (delay > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Trying again in about %u second.",
                                                 "Trying again in about %u seconds.", (delay + 999) / 1000),
                              (delay + 999) / 1000);
    }
  if (desk_sync_scheduler_get_state (scheduler) == DESK_SYNC_STATE_ONLINE &&
      !desk_sync_scheduler_get_live (scheduler))
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("Changes from other desks arrive within a minute."));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
describe_issues (DeskSyncScheduler *scheduler)
{
  guint conflicts = desk_sync_scheduler_get_conflicts (scheduler);
  guint rejected = desk_sync_scheduler_get_rejected (scheduler);

  if (conflicts > 0 && rejected > 0)
    return g_strdup_printf (_("Resolve Conflicts (%u) and See Refused Changes (%u)…"), conflicts, rejected);
  if (conflicts > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Resolve %u Conflict…", "Resolve %u Conflicts…", conflicts),
                            conflicts);
  if (rejected > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "See %u Refused Change…", "See %u Refused Changes…", rejected),
                            rejected);
  return NULL;
}

static void
write_status_file (DeskSyncButton    *self,
                   DeskSyncScheduler *scheduler)
{
  g_autoptr(GEnumClass) states = g_type_class_ref (DESK_TYPE_SYNC_STATE);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  DeskRole role;

  if (self->status_file == NULL)
    return;
  if (scheduler == NULL)
    line = g_strdup ("none\n");
  else
    line = g_strdup_printf ("%s waiting=%u conflicts=%u rejected=%u live=%d role=%s text=%s\n",
                            g_enum_get_value (states, desk_sync_scheduler_get_state (scheduler))->value_nick,
                            desk_sync_scheduler_get_waiting (scheduler),
                            desk_sync_scheduler_get_conflicts (scheduler),
                            desk_sync_scheduler_get_rejected (scheduler),
                            desk_sync_scheduler_get_live (scheduler),
                            desk_sync_manager_get_role (self->manager, &role) ? desk_role_to_string (role) : "none",
                            self->text);
  if (!g_file_set_contents (self->status_file, line, -1, &error))
    g_warning ("Could not write the sync status file: %s", error->message);
}

static void
update (DeskSyncButton *self)
{
  DeskSyncScheduler *scheduler = self->manager ? desk_sync_manager_get_scheduler (self->manager) : NULL;
  const DeskSyncAccount *account = self->manager ? desk_sync_manager_get_account (self->manager) : NULL;
  g_autofree char *details = NULL;
  g_autofree char *issues = NULL;
  g_autofree char *server = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *state = NULL;
  g_autofree char *detail = NULL;
  const char *icon_name = NULL;
  const char *error;
  double progress;
  guint conflicts;

  gtk_widget_set_visible (GTK_WIDGET (self), scheduler != NULL);
  if (scheduler == NULL)
    {
      write_status_file (self, NULL);
      return;
    }

  state = describe (scheduler, &detail, &icon_name);
  g_free (self->text);
  self->text = detail ? g_strdup_printf ("%s %s", state, detail) : g_strdup (state);
  gtk_label_set_text (self->label, state);
  gtk_label_set_text (self->detail, detail ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail), detail != NULL);
  /* The header stays short: conflicts show as the icon, and in the popover. */
  conflicts = desk_sync_scheduler_get_conflicts (scheduler);
  if (conflicts > 0)
    icon_name = "dialog-warning-symbolic";
  gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_label_set_text (self->title_label, self->text);

  if (account != NULL && account->username != NULL && account->has_role)
    /* Translators: server address, user name, role (bov, pssc, coordinator) */
    server = g_strdup_printf (_("%s as %s (%s)"), account->server_url, account->username,
                              desk_role_to_string (account->role));
  else
    server = g_strdup (desk_sync_client_get_server_url (desk_sync_scheduler_get_client (scheduler)));
  gtk_label_set_text (self->server_label, server);

  progress = desk_sync_scheduler_get_first_pull_progress (scheduler);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), progress >= 0);
  if (progress >= 0)
    gtk_progress_bar_set_fraction (self->progress_bar, progress);

  details = describe_details (scheduler);
  gtk_label_set_text (self->detail_label, details);

  error = desk_sync_scheduler_get_last_error (scheduler);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  gtk_label_set_text (self->error_label, error ? error : "");

  issues = describe_issues (scheduler);
  gtk_widget_set_visible (GTK_WIDGET (self->issues_button), issues != NULL);
  gtk_button_set_label (self->issues_button, issues ? issues : "");
  gtk_widget_set_visible (GTK_WIDGET (self->log_in_button),
                          desk_sync_scheduler_get_state (scheduler) == DESK_SYNC_STATE_SIGNED_OUT);

  if (conflicts > 0)
    /* Translators: how a screen reader names the sync status button */
    accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Sync status: %s, %u conflict to resolve",
                                              "Sync status: %s, %u conflicts to resolve", conflicts),
                                  self->text, conflicts);
  else
    /* Translators: how a screen reader names the sync status button */
    accessible = g_strdup_printf (_("Sync status: %s"), self->text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), accessible);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, details,
                                  -1);
  write_status_file (self, scheduler);
}

static void
on_scheduler_notify_cb (DeskSyncButton *self)
{
  update (self);
}

static void
on_manager_changed_cb (DeskSyncButton *self)
{
  g_signal_group_set_target (self->scheduler_signals, desk_sync_manager_get_scheduler (self->manager));
  update (self);
}

static void
desk_sync_button_root (GtkWidget *widget)
{
  DeskSyncButton *self = DESK_SYNC_BUTTON (widget);
  GApplication *application = g_application_get_default ();

  GTK_WIDGET_CLASS (desk_sync_button_parent_class)->root (widget);

  if (self->manager != NULL || !DESK_IS_APPLICATION (application))
    return;
  self->manager = g_object_ref (desk_application_get_sync_manager (DESK_APPLICATION (application)));
  g_signal_connect_object (self->manager, "notify::scheduler", G_CALLBACK (on_manager_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->manager, "notify::account", G_CALLBACK (on_manager_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_manager_changed_cb (self);
}

static void
desk_sync_button_dispose (GObject *object)
{
  DeskSyncButton *self = DESK_SYNC_BUTTON (object);

  if (self->scheduler_signals != NULL)
    g_signal_group_set_target (self->scheduler_signals, NULL);
  g_clear_object (&self->scheduler_signals);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (desk_sync_button_parent_class)->dispose (object);
}

static void
desk_sync_button_finalize (GObject *object)
{
  DeskSyncButton *self = DESK_SYNC_BUTTON (object);

  g_free (self->text);
  g_free (self->status_file);

  G_OBJECT_CLASS (desk_sync_button_parent_class)->finalize (object);
}

static void
desk_sync_button_class_init (DeskSyncButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_sync_button_dispose;
  object_class->finalize = desk_sync_button_finalize;
  widget_class->root = desk_sync_button_root;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/desk-sync-button.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskSyncButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, DeskSyncButton, icon);
  gtk_widget_class_bind_template_child (widget_class, DeskSyncButton, label);
  gtk_widget_class_bind_template_child (widget_class, DeskSyncButton, detail);
  gtk_widget_class_bind_template_child (widget_class, DeskSyncButton, title_label);
  gtk_widget_class_bind_template_child (widget_class, DeskSyncButton, server_label);
  gtk_widget_class_bind_template_child (widget_class, DeskSyncButton, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DeskSyncButton, detail_label);
  gtk_widget_class_bind_template_child (widget_class, DeskSyncButton, error_label);
  gtk_widget_class_bind_template_child (widget_class, DeskSyncButton, issues_button);
  gtk_widget_class_bind_template_child (widget_class, DeskSyncButton, log_in_button);
}

static void
desk_sync_button_init (DeskSyncButton *self)
{
  const char *status_file = g_getenv ("ARRESTDESK_TEST_SYNC_STATUS_FILE");

  gtk_widget_init_template (GTK_WIDGET (self));

  if (status_file != NULL && status_file[0] != '\0')
    self->status_file = g_strdup (status_file);

  self->scheduler_signals = g_signal_group_new (DESK_TYPE_SYNC_SCHEDULER);
  g_signal_group_connect_swapped (self->scheduler_signals, "notify", G_CALLBACK (on_scheduler_notify_cb), self);
}

const char *
desk_sync_button_get_text (DeskSyncButton *self)
{
  g_return_val_if_fail (DESK_IS_SYNC_BUTTON (self), NULL);
  return self->text;
}
