#define G_LOG_DOMAIN "desk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-change.h"
#include "desk-entry-dialog.h"
#include "desk-record-item.h"
#include "desk-record-list.h"
#include "desk-record-page.h"
#include "desk-window.h"

#define N_PAGES 5
#define MAX_ACTION_NAME_CHARS 24
/* Below this width the action drop-down gives its room to the title, which
 * names the action in its subtitle instead. Decided on the window's width,
 * not on the switcher's, so hiding the drop-down cannot flip it back. */
#define COMPACT_HEADER_WIDTH 720

struct _DeskWindow
{
  AdwApplicationWindow  parent_instance;

  GtkDropDown          *action_dropdown;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkLabel             *training_banner;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *loading_page;
  AdwStatusPage        *locked_page;
  GtkButton            *unlock_button;
  AdwViewStack         *view_stack;
  DeskRecordPage       *calls_page;
  DeskRecordPage       *arrestees_page;
  DeskRecordPage       *observers_page;
  DeskRecordPage       *stations_page;
  DeskRecordPage       *rota_page;

  DeskRecordPage       *pages[N_PAGES];

  GSettings            *settings;
  DeskStore            *store;
  DeskRecordList       *actions;
  GCancellable         *cancellable;
  GtkWidget            *name_dialog;
  char                 *created_action_id;
  char                 *status_file;

  guint                 sync_actions_id;
  guint                 update_header_id;

  gboolean              training;
  gboolean              compact_header;
  gboolean              syncing_actions;
  gboolean              offered_new_action;
};

static void present_new_action_dialog (DeskWindow *self);
static void update_header             (DeskWindow *self);

G_DEFINE_FINAL_TYPE (DeskWindow, desk_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_TRAINING,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *action_columns[] = { "name", NULL };

/* The page switcher only makes sense while records are shown. */
static void
set_main_page (DeskWindow *self,
               const char *name)
{
  gboolean records = g_str_equal (name, "records");

  gtk_stack_set_visible_child_name (self->main_stack, name);
  gtk_widget_set_sensitive (GTK_WIDGET (self->switcher_title), records);
  gtk_widget_set_sensitive (GTK_WIDGET (self->switcher_bar), records);
  update_header (self);
}

static DeskRecordItem *
dup_selected_action (DeskWindow *self)
{
  gpointer item = gtk_drop_down_get_selected_item (self->action_dropdown);

  return item != NULL ? g_object_ref (DESK_RECORD_ITEM (item)) : NULL;
}

static void
update_header (DeskWindow *self)
{
  g_autoptr(DeskRecordItem) item = NULL;
  const char *name = NULL;
  gboolean has_actions;

  has_actions = self->actions != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->actions)) > 0 &&
                g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "records") == 0;

  if (has_actions && (item = dup_selected_action (self)) != NULL)
    name = desk_record_item_get (item, "name");

  gtk_widget_set_visible (GTK_WIDGET (self->action_dropdown), has_actions && !self->compact_header);
  adw_view_switcher_title_set_subtitle (self->switcher_title,
                                        has_actions && self->compact_header ? name : NULL);
}

static void
update_header_idle_cb (gpointer user_data)
{
  DeskWindow *self = user_data;

  self->update_header_id = 0;
  update_header (self);
}

/* Test hook (tests/ui): the visible page and how many records it shows,
 * written whenever either settles, so a test can check what real input did. */
static void
write_status (DeskWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const char *name;
  GtkWidget *page;

  if (self->status_file == NULL)
    return;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "records") != 0)
    return;

  page = adw_view_stack_get_visible_child (self->view_stack);
  name = adw_view_stack_get_visible_child_name (self->view_stack);
  if (!DESK_IS_RECORD_PAGE (page) || desk_record_page_get_loading (DESK_RECORD_PAGE (page)))
    return;

  line = g_strdup_printf ("%s %u\n", name, desk_record_page_get_n_items (DESK_RECORD_PAGE (page)));
  if (!g_file_set_contents (self->status_file, line, -1, &error))
    g_warning ("Could not write the test status file: %s", error->message);
}

static void
show_action (DeskWindow *self,
             const char *action_id)
{
  g_autofree char *current = g_settings_get_string (self->settings, "current-action");

  if (g_strcmp0 (current, action_id) != 0)
    g_settings_set_string (self->settings, "current-action", action_id);

  for (guint i = 0; i < N_PAGES; i++)
    desk_record_page_set_action (self->pages[i], action_id);

  set_main_page (self, "records");
  write_status (self);
}

static void
maybe_offer_new_action (DeskWindow *self)
{
  if (self->actions == NULL || desk_record_list_get_loading (self->actions))
    return;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->actions)) > 0)
    return;

  /* One question at a time: the name first. */
  if (self->name_dialog != NULL || self->offered_new_action)
    return;

  self->offered_new_action = TRUE;
  present_new_action_dialog (self);
}

/* Pick the action of the last session, else the first one. */
static void
sync_actions (DeskWindow *self)
{
  g_autofree char *current = NULL;
  GListModel *model = G_LIST_MODEL (self->actions);
  guint n_items, selected = 0;
  DeskRecordItem *item;

  if (desk_record_list_get_loading (self->actions))
    return;

  n_items = g_list_model_get_n_items (model);

  if (n_items == 0)
    {
      set_main_page (self, "no-action");
      maybe_offer_new_action (self);
      return;
    }

  current = g_settings_get_string (self->settings, "current-action");
  if (self->created_action_id != NULL)
    {
      g_free (current);
      current = g_steal_pointer (&self->created_action_id);
    }

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DeskRecordItem) candidate = g_list_model_get_item (model, i);

      if (g_strcmp0 (desk_record_item_get_id (candidate), current) == 0)
        {
          selected = i;
          break;
        }
    }

  self->syncing_actions = TRUE;
  gtk_drop_down_set_selected (self->action_dropdown, selected);
  self->syncing_actions = FALSE;

  item = g_list_model_get_item (model, selected);
  show_action (self, desk_record_item_get_id (item));
  g_object_unref (item);
}

static void
sync_actions_idle_cb (gpointer user_data)
{
  DeskWindow *self = user_data;

  self->sync_actions_id = 0;
  sync_actions (self);
}

/* Not from inside items-changed: the drop-down's own models must see the
 * change before its selection moves. */
static void
queue_sync_actions (DeskWindow *self)
{
  if (self->sync_actions_id == 0)
    self->sync_actions_id = g_idle_add_once (sync_actions_idle_cb, self);
}

static void
on_actions_items_changed_cb (DeskWindow *self,
                             guint       position,
                             guint       removed,
                             guint       added,
                             GListModel *model)
{
  queue_sync_actions (self);
}

static void
on_actions_loading_changed_cb (DeskWindow     *self,
                               GParamSpec     *pspec,
                               DeskRecordList *list)
{
  queue_sync_actions (self);
}

static void
on_action_dropdown_selected_cb (DeskWindow  *self,
                                GParamSpec  *pspec,
                                GtkDropDown *dropdown)
{
  g_autoptr(DeskRecordItem) item = NULL;

  if (self->syncing_actions)
    return;

  item = dup_selected_action (self);
  if (item != NULL)
    show_action (self, desk_record_item_get_id (item));
  update_header (self);
}

static void
on_action_factory_setup_cb (GtkSignalListItemFactory *factory,
                            GtkListItem              *list_item,
                            gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), MAX_ACTION_NAME_CHARS);
  gtk_list_item_set_child (list_item, label);
}

static void
on_action_factory_bind_cb (GtkSignalListItemFactory *factory,
                           GtkListItem              *list_item,
                           gpointer                  user_data)
{
  DeskRecordItem *item = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  const char *name = desk_record_item_get (item, "name");

  if (name == NULL || name[0] == '\0')
    name = _("Unnamed Action");

  /* The drop-down button is given its minimum width only: ask for the
   * whole name up to the cap, ellipsize beyond it. */
  gtk_label_set_width_chars (label, MIN (g_utf8_strlen (name, -1), MAX_ACTION_NAME_CHARS));
  gtk_label_set_text (label, name);
}

static void
on_view_stack_visible_child_changed_cb (DeskWindow   *self,
                                        GParamSpec   *pspec,
                                        AdwViewStack *stack)
{
  write_status (self);
}

static void
on_page_state_changed_cb (DeskWindow     *self,
                          GParamSpec     *pspec,
                          DeskRecordPage *page)
{
  if (GTK_WIDGET (page) == adw_view_stack_get_visible_child (self->view_stack))
    write_status (self);
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
  maybe_offer_new_action (self);
}

static void
present_name_dialog (DeskWindow *self)
{
  GtkWidget *dialog;

  dialog = desk_entry_dialog_new (GTK_WINDOW (self),
                                  _("Your Name"),
                                  _("Everything you record is signed with it until accounts arrive with sync."),
                                  _("Name"),
                                  NULL,
                                  _("_Continue"));
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_name_dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  self->name_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
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

static void
present_new_action_dialog (DeskWindow *self)
{
  GtkWidget *dialog;

  dialog = desk_entry_dialog_new (GTK_WINDOW (self),
                                  _("New Action"),
                                  _("Calls, arrests and shifts are recorded under a mass action. Name it as the Back Office knows it."),
                                  _("Action Name"),
                                  _("_Cancel"),
                                  _("C_reate"));
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_new_action_dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_action_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  present_new_action_dialog (DESK_WINDOW (widget));
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DeskWindow *self = DESK_WINDOW (widget);
  GtkWidget *page;

  adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));

  /* Straight into the rows, so the arrow keys work at once. */
  page = adw_view_stack_get_visible_child (self->view_stack);
  if (page != NULL && gtk_widget_get_mapped (page))
    gtk_widget_grab_focus (page);
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
  DeskWindow *self = DESK_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_set_string (self->settings, "last-page",
                         adw_view_stack_get_visible_child_name (self->view_stack));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (desk_window_parent_class)->close_request (window);
}

static void
desk_window_constructed (GObject *object)
{
  DeskWindow *self = DESK_WINDOW (object);
  g_autofree char *last_page = NULL;

  G_OBJECT_CLASS (desk_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  last_page = g_settings_get_string (self->settings, "last-page");
  if (adw_view_stack_get_child_by_name (self->view_stack, last_page) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, last_page);

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

  G_OBJECT_CLASS (desk_window_parent_class)->dispose (object);
}

static void
desk_window_finalize (GObject *object)
{
  DeskWindow *self = DESK_WINDOW (object);

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
add_page_binding (GtkWidgetClass *widget_class,
                  guint           keyval,
                  const char     *page)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, GDK_CONTROL_MASK,
                                       "win.show-page", "s", page);
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

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DESK_TYPE_RECORD_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/desk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, action_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, training_banner);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, locked_page);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, calls_page);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, arrestees_page);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, observers_page);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, stations_page);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, rota_page);
  gtk_widget_class_bind_template_callback (widget_class, on_action_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_stack_visible_child_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.new-action", NULL, new_action_action);

  add_page_binding (widget_class, GDK_KEY_1, "calls");
  add_page_binding (widget_class, GDK_KEY_2, "arrestees");
  add_page_binding (widget_class, GDK_KEY_3, "observers");
  add_page_binding (widget_class, GDK_KEY_4, "stations");
  add_page_binding (widget_class, GDK_KEY_5, "rota");
  add_page_binding (widget_class, GDK_KEY_KP_1, "calls");
  add_page_binding (widget_class, GDK_KEY_KP_2, "arrestees");
  add_page_binding (widget_class, GDK_KEY_KP_3, "observers");
  add_page_binding (widget_class, GDK_KEY_KP_4, "stations");
  add_page_binding (widget_class, GDK_KEY_KP_5, "rota");
}

static void
desk_window_init (DeskWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  const char *status_file;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (BASE_APP_ID);
  self->cancellable = g_cancellable_new ();

  self->pages[0] = self->calls_page;
  self->pages[1] = self->arrestees_page;
  self->pages[2] = self->observers_page;
  self->pages[3] = self->stations_page;
  self->pages[4] = self->rota_page;

  for (guint i = 0; i < N_PAGES; i++)
    {
      g_signal_connect_object (self->pages[i], "notify::n-items",
                               G_CALLBACK (on_page_state_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->pages[i], "notify::loading",
                               G_CALLBACK (on_page_state_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_action_factory_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_action_factory_bind_cb), NULL);
  gtk_drop_down_set_factory (self->action_dropdown, factory);

  status_file = g_getenv ("ARRESTDESK_TEST_STATUS_FILE");
  if (status_file != NULL && status_file[0] != '\0')
    self->status_file = g_strdup (status_file);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-action", FALSE);
  set_main_page (self, "loading");
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

  for (guint i = 0; i < N_PAGES; i++)
    desk_record_page_set_store (self->pages[i], store);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-action", store != NULL);

  if (store == NULL)
    {
      set_main_page (self, "loading");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
      return;
    }

  self->actions = desk_record_list_new (store, "action", action_columns, NULL);
  g_signal_connect_object (self->actions, "items-changed",
                           G_CALLBACK (on_actions_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->actions, "notify::loading",
                           G_CALLBACK (on_actions_loading_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->syncing_actions = TRUE;
  gtk_drop_down_set_model (self->action_dropdown, G_LIST_MODEL (self->actions));
  self->syncing_actions = FALSE;

  desk_record_list_reload (self->actions);

  name = g_settings_get_string (self->settings, "volunteer-name");
  if (name[0] == '\0')
    present_name_dialog (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
desk_window_show_busy (DeskWindow *self,
                       const char *title)
{
  g_return_if_fail (DESK_IS_WINDOW (self));

  adw_status_page_set_title (self->loading_page, title);
  set_main_page (self, "loading");
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
  set_main_page (self, "locked");
}

void
desk_window_add_toast (DeskWindow *self,
                       AdwToast   *toast)
{
  g_return_if_fail (DESK_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
