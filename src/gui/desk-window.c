#define G_LOG_DOMAIN "desk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-stack-icons.h"
#include "desk-status-file.h"
#include "desk-sync-button.h"
#include "desk-window-private.h"

/* Below this width the action drop-down gives its room to the title, which
 * names the action in its subtitle instead. Decided on the window's width,
 * not on the switcher's, so hiding the drop-down cannot flip it back. */
#define COMPACT_HEADER_WIDTH 720

G_DEFINE_FINAL_TYPE (DeskWindow, desk_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_TRAINING,
  PROP_STORE,
  PROP_PAINTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_header_idle_cb (gpointer user_data)
{
  DeskWindow *self = user_data;

  self->update_header_id = 0;
  _desk_window_update_header (self);
}

static gboolean
showing_records (DeskWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "records") == 0;
}

/* A page is built when it shows, not when the switcher merely selects it
 * behind the "Opening Records…" page. */
static void
on_view_stack_visible_child_changed_cb (DeskWindow   *self,
                                        GParamSpec   *pspec,
                                        AdwViewStack *stack)
{
  if (showing_records (self))
    _desk_window_activate_visible_page (self);
  _desk_window_write_status (self);
}

static void
desk_window_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  DeskWindow *self = DESK_WINDOW (widget);
  gboolean compact = width < COMPACT_HEADER_WIDTH;

  GTK_WIDGET_CLASS (desk_window_parent_class)->size_allocate (widget, width, height, baseline);

  /* Not while allocating: showing or hiding a widget queues a resize. */
  if (compact != self->compact_header)
    {
      self->compact_header = compact;
      if (self->update_header_id == 0)
        self->update_header_id = g_idle_add_once (update_header_idle_cb, self);
    }
}

static gboolean
desk_window_close_request (GtkWindow *window)
{
  _desk_window_save_state (DESK_WINDOW (window));

  return GTK_WINDOW_CLASS (desk_window_parent_class)->close_request (window);
}

static void
desk_window_constructed (GObject *object)
{
  DeskWindow *self = DESK_WINDOW (object);

  G_OBJECT_CLASS (desk_window_parent_class)->constructed (object);

  _desk_window_restore_state (self);

  gtk_widget_set_visible (GTK_WIDGET (self->training_banner), self->training);
  if (self->training)
    gtk_window_set_title (GTK_WINDOW (self), _("ArrestDesk (Training)"));

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

static void
desk_window_dispose (GObject *object)
{
  DeskWindow *self = DESK_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->sync_actions_id, g_source_remove);
  g_clear_handle_id (&self->update_header_id, g_source_remove);

  if (self->action_dropdown != NULL)
    gtk_drop_down_set_model (self->action_dropdown, NULL);

  g_clear_object (&self->actions);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_WINDOW);
  /* They go with their places in the view stack. */
  for (guint i = 0; i < DESK_WINDOW_N_PAGES; i++)
    self->pages[i] = NULL;

  G_OBJECT_CLASS (desk_window_parent_class)->dispose (object);
}

static void
desk_window_finalize (GObject *object)
{
  DeskWindow *self = DESK_WINDOW (object);

  g_free (self->action_id);
  g_free (self->created_action_id);
  g_free (self->status_file);

  G_OBJECT_CLASS (desk_window_parent_class)->finalize (object);
}

static void
desk_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DeskWindow *self = DESK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_TRAINING:
      g_value_set_boolean (value, self->training);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_PAINTED:
      g_value_set_boolean (value, self->painted);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DeskWindow *self = DESK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_TRAINING:
      self->training = g_value_get_boolean (value);
      break;

    case PROP_STORE:
      desk_window_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_window_class_init (DeskWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = desk_window_constructed;
  object_class->dispose = desk_window_dispose;
  object_class->finalize = desk_window_finalize;
  object_class->get_property = desk_window_get_property;
  object_class->set_property = desk_window_set_property;

  widget_class->size_allocate = desk_window_size_allocate;
  window_class->close_request = desk_window_close_request;

  properties[PROP_TRAINING] =
    g_param_spec_boolean ("training", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DESK_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Whether the first frame is on screen: what can wait for it watches this. */
  properties[PROP_PAINTED] =
    g_param_spec_boolean ("painted", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Named in desk-window.ui and desk-window-pages.ui: GtkBuilder finds them registered. */
  g_type_ensure (DESK_TYPE_RECORD_PAGE);
  g_type_ensure (DESK_TYPE_ARRESTEE_PAGE);
  g_type_ensure (DESK_TYPE_SYNC_BUTTON);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/desk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, action_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, training_banner);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, locked_page);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, view_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_view_stack_visible_child_changed_cb);

  _desk_window_class_chooser_init (widget_class);
  _desk_window_class_actions_init (widget_class);
}

static void
desk_window_init (DeskWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  desk_stack_icons_defer (self->main_stack);

  self->settings = g_settings_new (BASE_APP_ID);
  self->cancellable = g_cancellable_new ();

  _desk_window_chooser_init (self);
  _desk_window_deferred_init (self);

  self->status_file = desk_status_file_dup_path ();

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-action", FALSE);
  _desk_window_set_main_page (self, "loading");
}

/* The page switcher only makes sense while records are shown. The status
 * pages get their large icons when shown (desk_stack_icons_defer). */
void
_desk_window_set_main_page (DeskWindow *self,
                            const char *name)
{
  gboolean records = g_str_equal (name, "records");

  gtk_stack_set_visible_child_name (self->main_stack, name);
  gtk_widget_set_sensitive (GTK_WIDGET (self->switcher_title), records);
  gtk_widget_set_sensitive (GTK_WIDGET (self->switcher_bar), records);
  _desk_window_update_header (self);
  if (records)
    _desk_window_activate_visible_page (self);
}

void
_desk_window_update_header (DeskWindow *self)
{
  g_autoptr(DeskRecordItem) item = NULL;
  const char *name = NULL;
  gboolean has_actions;

  has_actions = self->actions != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->actions)) > 0 &&
                showing_records (self);

  if (has_actions && (item = _desk_window_dup_selected_action (self)) != NULL)
    name = desk_record_item_get (item, "name");

  gtk_widget_set_visible (GTK_WIDGET (self->action_dropdown), has_actions && !self->compact_header);
  adw_view_switcher_title_set_subtitle (self->switcher_title,
                                        has_actions && self->compact_header ? name : NULL);
}

void
_desk_window_write_status (DeskWindow *self)
{
  GtkWidget *page;

  if (self->status_file == NULL || !showing_records (self))
    return;

  page = _desk_window_get_visible_page (self);
  if (page != NULL)
    desk_status_file_write (self->status_file,
                            adw_view_stack_get_visible_child_name (self->view_stack),
                            page);
}

void
_desk_window_set_painted (DeskWindow *self)
{
  if (self->painted)
    return;

  self->painted = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAINTED]);
}

DeskWindow *
desk_window_new (DeskApplication *application,
                 gboolean         training)
{
  g_return_val_if_fail (DESK_IS_APPLICATION (application), NULL);

  return g_object_new (DESK_TYPE_WINDOW,
                       "application", application,
                       "training", training,
                       NULL);
}

gboolean
desk_window_get_training (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), FALSE);

  return self->training;
}

gboolean
desk_window_get_painted (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), FALSE);

  return self->painted;
}

DeskStore *
desk_window_get_store (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);

  return self->store;
}

void
desk_window_set_store (DeskWindow *self,
                       DeskStore  *store)
{
  g_autofree char *name = NULL;

  g_return_if_fail (DESK_IS_WINDOW (self));
  g_return_if_fail (store == NULL || DESK_IS_STORE (store));

  if (self->store == store)
    return;

  gtk_drop_down_set_model (self->action_dropdown, NULL);
  g_clear_object (&self->actions);
  g_set_object (&self->store, store);

  _desk_window_pages_set_store (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-action", store != NULL);

  if (store == NULL)
    {
      _desk_window_set_main_page (self, "loading");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
      return;
    }

  _desk_window_load_actions (self);

  name = g_settings_get_string (self->settings, "volunteer-name");
  if (name[0] == '\0')
    _desk_window_present_name_dialog (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
desk_window_show_busy (DeskWindow *self,
                       const char *title)
{
  g_return_if_fail (DESK_IS_WINDOW (self));

  adw_status_page_set_title (self->loading_page, title);
  _desk_window_set_main_page (self, "loading");
}

void
desk_window_show_problem (DeskWindow *self,
                          const char *icon_name,
                          const char *title,
                          const char *description,
                          gboolean    can_unlock)
{
  g_return_if_fail (DESK_IS_WINDOW (self));

  adw_status_page_set_icon_name (self->locked_page, icon_name);
  adw_status_page_set_title (self->locked_page, title);
  adw_status_page_set_description (self->locked_page, description);
  gtk_widget_set_visible (GTK_WIDGET (self->unlock_button), can_unlock);
  _desk_window_set_main_page (self, "locked");
  /* Keyboard first: Enter asks for the key again. */
  if (can_unlock)
    gtk_widget_grab_focus (GTK_WIDGET (self->unlock_button));
}

void
desk_window_add_toast (DeskWindow *self,
                       AdwToast   *toast)
{
  g_return_if_fail (DESK_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
