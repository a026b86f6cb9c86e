#define G_LOG_DOMAIN "desk-conflicts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-conflicts-page.h"
#include "desk-store-reload.h"
#include "desk-sync-labels.h"
#include "desk-sync-status.h"

struct _DeskConflictsPage
{
  AdwPreferencesPage  parent_instance;

  DeskStore          *store;
  GCancellable       *cancellable;  /* of the resolving */
  DeskStoreReload    *reload;
  GPtrArray          *groups;       /* AdwPreferencesGroup shown */
  DeskRole            role;
  gboolean            has_role;
};

G_DEFINE_FINAL_TYPE (DeskConflictsPage, desk_conflicts_page, ADW_TYPE_PREFERENCES_PAGE)

typedef struct
{
  char     *conflict_id;
  gboolean  keep_other;
} Choice;

static void
choice_free (Choice *choice)
{
  g_free (choice->conflict_id);
  g_free (choice);
}

static gpointer
query_in_worker (DeskStore  *store,
                 gpointer    data,
                 GError    **error)
{
  return desk_sync_query_open_conflicts (store, error);
}

static gpointer
resolve_in_worker (DeskStore  *store,
                   gpointer    data,
                   GError    **error)
{
  Choice *choice = data;

  return desk_sync_resolve_conflict (store, choice->conflict_id, choice->keep_other, error)
         ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
toast (DeskConflictsPage *self,
       const char        *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
}

static void
on_resolved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DeskConflictsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (desk_store_run_finish (DESK_STORE (source), result, &error) == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup_printf (_("Could not resolve the conflict: %s"), error->message);
      toast (self, text);
      gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
      return;
    }
  toast (self, _("Conflict resolved; the choice goes to every desk"));
  /* The store's "changed" reloads the list. */
}

static void
on_keep_clicked_cb (GtkButton         *button,
                    DeskConflictsPage *self)
{
  Choice *choice = g_new0 (Choice, 1);

  choice->conflict_id = g_strdup (g_object_get_data (G_OBJECT (button), "conflict-id"));
  choice->keep_other = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "keep-other"));
  /* One choice at a time: the buttons come back with the reloaded list. */
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  desk_store_run_async (self->store, resolve_in_worker, choice, (GDestroyNotify) choice_free, NULL,
                        self->cancellable, on_resolved_cb, g_object_ref (self));
}

static char *
describe_author (const char *author,
                 const char *when)
{
  if (author != NULL && when != NULL)
    /* Translators: who wrote a value, and when */
    return g_strdup_printf (_("by %s at %s"), author, when);
  if (author != NULL)
    return g_strdup_printf (_("by %s"), author);
  if (when != NULL)
    return g_strdup_printf (_("at %s"), when);
  return g_strdup ("");
}

static GtkWidget *
value_row (DeskConflictsPage      *self,
           const DeskOpenConflict *conflict,
           gboolean                other,
           gboolean                can_choose)
{
  const char *value = other ? conflict->other_value : conflict->kept_value;
  g_autofree char *when = NULL;
  g_autofree char *who = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  if (other)
    when = conflict->other_at_ms > 0 ? desk_sync_format_unix (conflict->other_at_ms / 1000) : NULL;
  else
    when = desk_sync_format_iso (conflict->kept_at);
  who = describe_author (other ? conflict->other_author : conflict->kept_author, when);
  subtitle = other ? g_strdup_printf (_("Also entered, %s"), who)
                   : g_strdup_printf (_("Kept on every desk, %s"), who);

  if (value == NULL && !other && conflict->record_deleted)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("(record deleted)"));
  else
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), value != NULL && value[0] != '\0' ? value : _("(empty)"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 4);
  /* Tab goes from one "Keep" to the next, not through the rows. */
  gtk_widget_set_focusable (row, FALSE);

  if (!can_choose || (other && conflict->record_deleted))
    return row;

  button = gtk_button_new_with_label (_("Keep"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (other)
    gtk_widget_add_css_class (button, "suggested-action");
  accessible = g_strdup_printf (other ? _("Keep the other value, %s") : _("Keep the value every desk holds, %s"),
                                value != NULL ? value : _("empty"));
  gtk_widget_set_tooltip_text (button, accessible);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data_full (G_OBJECT (button), "conflict-id", g_strdup (conflict->id), g_free);
  g_object_set_data (G_OBJECT (button), "keep-other", GINT_TO_POINTER (other));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_keep_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static GtkWidget *
conflict_group (DeskConflictsPage      *self,
                const DeskOpenConflict *conflict)
{
  gboolean can_choose = !self->has_role || desk_role_can_write (self->role, conflict->table, conflict->field);
  g_autofree char *field = desk_sync_field_label (conflict->field);
  g_autofree char *title = NULL;
  g_autoptr(GString) description = g_string_new (NULL);
  GtkWidget *group = adw_preferences_group_new ();

  title = g_strdup_printf ("%s · %s", desk_sync_table_label (conflict->table), field);
  if (conflict->record_title != NULL)
    g_string_append_printf (description, "%s. ", conflict->record_title);
  if (conflict->record_deleted)
    g_string_append (description, _("The record was deleted on another desk while this field was changed."));
  else
    g_string_append (description, _("Two desks changed this at the same time. Choose the value to keep."));
  if (!can_choose)
    {
      g_string_append_c (description, ' ');
      g_string_append (description, _("Your role may not change this field: ask a coordinator to choose."));
    }

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description->str);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), value_row (self, conflict, FALSE, can_choose));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), value_row (self, conflict, TRUE, can_choose));
  return group;
}

static GtkWidget *
empty_group (void)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "emblem-ok-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Conflicts"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("When two desks change the same thing at once, both values appear here for a person to choose."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), status);
  return group;
}

static void
clear_groups (DeskConflictsPage *self)
{
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self), g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
}

static void
add_group (DeskConflictsPage *self,
           GtkWidget         *group)
{
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));
  g_ptr_array_add (self->groups, group);
}

static void
show_conflicts (GObject  *owner,
                gpointer  result)
{
  DeskConflictsPage *self = DESK_CONFLICTS_PAGE (owner);
  g_autoptr(GPtrArray) conflicts = result;
  guint shown = 0;

  clear_groups (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
  for (guint i = 0; i < conflicts->len; i++)
    {
      DeskOpenConflict *conflict = g_ptr_array_index (conflicts, i);

      /* The server never sends what the role may not see; a desk that
       * changed role may still hold some. */
      if (self->has_role && !desk_role_can_read (self->role, conflict->table, conflict->field))
        continue;
      add_group (self, conflict_group (self, conflict));
      shown++;
    }
  if (shown == 0)
    add_group (self, empty_group ());
}

static void
desk_conflicts_page_dispose (GObject *object)
{
  DeskConflictsPage *self = DESK_CONFLICTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->reload, desk_store_reload_free);
  g_clear_object (&self->store);
  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (desk_conflicts_page_parent_class)->dispose (object);
}

static void
desk_conflicts_page_class_init (DeskConflictsPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = desk_conflicts_page_dispose;
}

static void
desk_conflicts_page_init (DeskConflictsPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->groups = g_ptr_array_new ();
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Conflicts"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "dialog-warning-symbolic");
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (self), "conflicts");
}

GtkWidget *
desk_conflicts_page_new (DeskStore      *store,
                         const DeskRole *role)
{
  DeskConflictsPage *self;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  self = g_object_new (DESK_TYPE_CONFLICTS_PAGE, NULL);
  self->store = g_object_ref (store);
  self->has_role = role != NULL;
  if (role != NULL)
    self->role = *role;
  self->reload = desk_store_reload_new (G_OBJECT (self), store, query_in_worker,
                                        (GDestroyNotify) g_ptr_array_unref, show_conflicts);
  desk_store_reload_run (self->reload);
  return GTK_WIDGET (self);
}
