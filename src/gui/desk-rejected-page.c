#define G_LOG_DOMAIN "desk-rejected-page"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-rejected-page.h"
#include "desk-store-reload.h"
#include "desk-sync-labels.h"
#include "desk-sync-status.h"

struct _DeskRejectedPage
{
  AdwPreferencesPage    parent_instance;

  DeskStoreReload      *reload;
  AdwPreferencesGroup  *group;
  GPtrArray            *rows;
};

G_DEFINE_FINAL_TYPE (DeskRejectedPage, desk_rejected_page, ADW_TYPE_PREFERENCES_PAGE)

static gpointer
query_in_worker (DeskStore  *store,
                 gpointer    data,
                 GError    **error)
{
  return desk_sync_query_rejected (store, error);
}

static const char *
describe_op (const char *op)
{
  if (g_strcmp0 (op, "create") == 0)
    return _("new record");
  if (g_strcmp0 (op, "delete") == 0)
    return _("deletion");
  return _("change");
}

static GtkWidget *
rejected_row (const DeskRejectedChange *change)
{
  g_autofree char *title = NULL;
  g_autofree char *when = desk_sync_format_iso (change->created_at);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("action-unavailable-symbolic");

  /* Translators: record type · kind of change, e.g. "Arrestee · new record" */
  title = g_strdup_printf (_("%s · %s"), desk_sync_table_label (change->table), describe_op (change->op));
  /* Translators: the server's reason; the fields; when the change was made */
  subtitle = g_strdup_printf (_("Refused by the server: %s\nFields: %s · made at %s"),
                              change->reason ? change->reason : _("no reason given"),
                              change->fields && change->fields[0] ? change->fields : _("none"),
                              when ? when : _("an unknown time"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 6);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static void
show_changes (GObject  *owner,
              gpointer  result)
{
  DeskRejectedPage *self = DESK_REJECTED_PAGE (owner);
  g_autoptr(GPtrArray) changes = result;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; i < changes->len; i++)
    {
      GtkWidget *row = rejected_row (g_ptr_array_index (changes, i));

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
  adw_preferences_group_set_description (self->group,
                                         changes->len == 0
                                         ? _("The server has accepted every change made on this desk.")
                                         : _("The server refused these changes made on this desk, for the reason shown. They stay here on this desk only; ask a coordinator if a change is needed."));
}

static void
desk_rejected_page_dispose (GObject *object)
{
  DeskRejectedPage *self = DESK_REJECTED_PAGE (object);

  g_clear_pointer (&self->reload, desk_store_reload_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (desk_rejected_page_parent_class)->dispose (object);
}

static void
desk_rejected_page_class_init (DeskRejectedPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = desk_rejected_page_dispose;
}

static void
desk_rejected_page_init (DeskRejectedPage *self)
{
  self->rows = g_ptr_array_new ();
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Changes the Server Refused"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->group);
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Refused Changes"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "action-unavailable-symbolic");
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (self), "refused");
}

GtkWidget *
desk_rejected_page_new (DeskStore *store)
{
  DeskRejectedPage *self;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  self = g_object_new (DESK_TYPE_REJECTED_PAGE, NULL);
  self->reload = desk_store_reload_new (G_OBJECT (self), store, query_in_worker,
                                        (GDestroyNotify) g_ptr_array_unref, show_changes);
  desk_store_reload_run (self->reload);
  return GTK_WIDGET (self);
}
