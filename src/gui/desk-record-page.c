#define G_LOG_DOMAIN "desk-record-page"

#include "config.h"

#include <string.h>

#include "desk-record-column.h"
#include "desk-record-page-private.h"
#include "desk-stack-icons.h"

G_DEFINE_FINAL_TYPE (DeskRecordPage, desk_record_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ACTION_ID,
  PROP_TABLE,
  PROP_COLUMNS,
  PROP_ORDER_BY,
  PROP_TITLE,
  PROP_EMPTY_TITLE,
  PROP_EMPTY_DESCRIPTION,
  PROP_EMPTY_ICON_NAME,
  PROP_N_ITEMS,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Reference columns (a station id) show names; say which ones now, so the
 * names load with the store even before the page is first shown. */
static void
register_column_names (DeskRecordPage *self)
{
  for (guint i = 0; self->columns[i] != NULL; i++)
    {
      GHashTable *names = NULL;

      if (desk_record_column_get_kind (self->table, self->columns[i]) == DESK_FIELD_REFERENCE)
        names = desk_reference_names_add_column (self->names, self->columns[i]);
      g_ptr_array_add (self->column_names, names);
    }
}

/* Columns are built when the page is first shown: five tables built up
 * front would delay the window's first frame for pages nobody looks at yet. */
static void
build_columns (DeskRecordPage *self)
{

  for (guint i = 0; self->columns[i] != NULL; i++)
    {
      const char *column = self->columns[i];
      g_autoptr(GtkColumnViewColumn) view_column = NULL;

      view_column = desk_record_column_new (self->table, column,
                                            desk_record_column_get_kind (self->table, column),
                                            g_ptr_array_index (self->column_names, i));
      gtk_column_view_append_column (self->column_view, view_column);
    }
}

/* "empty-title" is the empty page's "title", and so on. */
static const char *
empty_page_property (GParamSpec *pspec)
{
  g_assert (g_str_has_prefix (pspec->name, "empty-"));

  return pspec->name + strlen ("empty-");
}

/* The template may write one column a line, indented: keep the names only. */
static char **
clean_columns (const char *const *columns)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    {
      g_autofree char *column = g_strstrip (g_strdup (columns[i]));

      if (column[0] != '\0')
        g_strv_builder_add (builder, column);
    }

  return g_strv_builder_end (builder);
}

/* The string properties differ only in name and in how they change. */
static GParamSpec *
string_property (const char  *name,
                 GParamFlags  flags)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | flags);
}

static gboolean
desk_record_page_grab_focus (GtkWidget *widget)
{
  DeskRecordPage *self = DESK_RECORD_PAGE (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->column_view));

  return FALSE;
}

static void
desk_record_page_constructed (GObject *object)
{
  DeskRecordPage *self = DESK_RECORD_PAGE (object);

  G_OBJECT_CLASS (desk_record_page_parent_class)->constructed (object);

  g_return_if_fail (self->table != NULL);
  g_return_if_fail (self->columns != NULL);

  register_column_names (self);
}

static void
desk_record_page_dispose (GObject *object)
{
  DeskRecordPage *self = DESK_RECORD_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->restore_id != 0 && self->column_view != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->column_view), self->restore_id);
  self->restore_id = 0;

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);

  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->store);

  /* The template's root is the AdwBin child: AdwBin unparents it. */

  G_OBJECT_CLASS (desk_record_page_parent_class)->dispose (object);
}

static void
desk_record_page_finalize (GObject *object)
{
  DeskRecordPage *self = DESK_RECORD_PAGE (object);

  g_free (self->table);
  g_strfreev (self->columns);
  g_free (self->order_by);
  g_free (self->action_id);
  g_free (self->title);
  g_ptr_array_unref (self->column_names);
  g_object_unref (self->names);

  G_OBJECT_CLASS (desk_record_page_parent_class)->finalize (object);
}

static void
desk_record_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DeskRecordPage *self = DESK_RECORD_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_ACTION_ID:
      g_value_set_string (value, self->action_id);
      break;

    case PROP_TABLE:
      g_value_set_string (value, self->table);
      break;

    case PROP_COLUMNS:
      g_value_set_boxed (value, self->columns);
      break;

    case PROP_ORDER_BY:
      g_value_set_string (value, self->order_by);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_EMPTY_ICON_NAME:
      g_value_set_string (value, desk_stack_icons_get_icon_name (self->empty_page));
      break;

    case PROP_EMPTY_TITLE:
    case PROP_EMPTY_DESCRIPTION:
      g_object_get_property (G_OBJECT (self->empty_page), empty_page_property (pspec), value);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_record_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DeskRecordPage *self = DESK_RECORD_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      desk_record_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_ACTION_ID:
      desk_record_page_set_action (self, g_value_get_string (value));
      break;

    case PROP_TABLE:
      self->table = g_value_dup_string (value);
      break;

    case PROP_COLUMNS:
      self->columns = clean_columns (g_value_get_boxed (value));
      break;

    case PROP_ORDER_BY:
      self->order_by = g_value_dup_string (value);
      break;

    case PROP_TITLE:
      g_free (self->title);
      self->title = g_value_dup_string (value);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, self->title,
                                      -1);
      g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_EMPTY_TITLE:
    case PROP_EMPTY_DESCRIPTION:
    case PROP_EMPTY_ICON_NAME:
      g_object_set_property (G_OBJECT (self->empty_page), empty_page_property (pspec), value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* GTK 4.8 places a table's rows from where its model starts until it has
 * laid them out once: the scroll comes back in the frame after that. */
static gboolean
restore_scroll (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       data)
{
  DeskRecordPage *self = data;
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));

  if (!self->restore_laid_out)
    {
      self->restore_laid_out = TRUE;
      return G_SOURCE_CONTINUE;
    }

  self->restore_id = 0;
  if (vadjustment != NULL)
    gtk_adjustment_set_value (vadjustment, self->scrolled_to);
  return G_SOURCE_REMOVE;
}

/* Only the page on screen keeps its rows built: GTK 4.8 builds 200 rows of
 * a table whatever its height, and keeps them while the page is hidden. The
 * rows come back where they were when the page shows again. */
static void
desk_record_page_map (GtkWidget *widget)
{
  DeskRecordPage *self = DESK_RECORD_PAGE (widget);

  if (self->selection != NULL &&
      gtk_column_view_get_model (self->column_view) != GTK_SELECTION_MODEL (self->selection))
    {
      gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
      self->restore_laid_out = FALSE;
      if (self->scrolled_to > 0 && self->restore_id == 0)
        self->restore_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->column_view),
                                                         restore_scroll, self, NULL);
    }

  GTK_WIDGET_CLASS (desk_record_page_parent_class)->map (widget);
}

static void
desk_record_page_unmap (GtkWidget *widget)
{
  DeskRecordPage *self = DESK_RECORD_PAGE (widget);
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));

  GTK_WIDGET_CLASS (desk_record_page_parent_class)->unmap (widget);

  if (self->restore_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->column_view), self->restore_id);
  self->restore_id = 0;
  if (vadjustment != NULL && gtk_column_view_get_model (self->column_view) != NULL)
    self->scrolled_to = gtk_adjustment_get_value (vadjustment);
  gtk_column_view_set_model (self->column_view, NULL);
}

static void
desk_record_page_class_init (DeskRecordPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = desk_record_page_constructed;
  object_class->dispose = desk_record_page_dispose;
  object_class->finalize = desk_record_page_finalize;
  object_class->get_property = desk_record_page_get_property;
  object_class->set_property = desk_record_page_set_property;

  widget_class->grab_focus = desk_record_page_grab_focus;
  widget_class->map = desk_record_page_map;
  widget_class->unmap = desk_record_page_unmap;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DESK_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_COLUMNS] =
    g_param_spec_boxed ("columns", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ACTION_ID] = string_property ("action-id", G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TABLE] = string_property ("table", G_PARAM_CONSTRUCT_ONLY);
  properties[PROP_ORDER_BY] = string_property ("order-by", G_PARAM_CONSTRUCT_ONLY);
  properties[PROP_TITLE] = string_property ("title", G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EMPTY_TITLE] = string_property ("empty-title", 0);
  properties[PROP_EMPTY_DESCRIPTION] = string_property ("empty-description", 0);
  properties[PROP_EMPTY_ICON_NAME] = string_property ("empty-icon-name", 0);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/desk-record-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskRecordPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DeskRecordPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, DeskRecordPage, empty_page);
}

static void
desk_record_page_init (DeskRecordPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  desk_stack_icons_defer (self->stack);

  self->cancellable = g_cancellable_new ();
  self->names = desk_reference_names_new ();
  self->column_names = g_ptr_array_new ();   /* borrowed from self->names */
}

void
_desk_record_page_update_state (DeskRecordPage *self)
{
  gboolean loading;
  guint n_items;

  /* Not told its action yet: nothing read, so not "empty" either. */
  loading = self->loading_names || self->action_id == NULL ||
            (self->list != NULL && desk_record_list_get_loading (self->list));
  n_items = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;

  if (n_items > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (loading || self->list == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");

  g_object_freeze_notify (G_OBJECT (self));

  if (self->loading != loading)
    {
      self->loading = loading;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }

  if (self->n_items != n_items)
    {
      self->n_items = n_items;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

DeskStore *
desk_record_page_get_store (DeskRecordPage *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_PAGE (self), NULL);

  return self->store;
}

void
desk_record_page_set_store (DeskRecordPage *self,
                            DeskStore      *store)
{
  g_return_if_fail (DESK_IS_RECORD_PAGE (self));
  g_return_if_fail (store == NULL || DESK_IS_STORE (store));

  if (self->store == store)
    return;

  _desk_record_page_attach_store (self, store);
  desk_record_page_reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

const char *
desk_record_page_get_action (DeskRecordPage *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_PAGE (self), NULL);

  return self->action_id;
}

void
desk_record_page_set_action (DeskRecordPage *self,
                             const char     *action_id)
{
  g_return_if_fail (DESK_IS_RECORD_PAGE (self));

  if (g_strcmp0 (self->action_id, action_id) == 0)
    return;

  g_free (self->action_id);
  self->action_id = g_strdup (action_id);

  desk_record_page_reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTION_ID]);
}

const char *
desk_record_page_get_table (DeskRecordPage *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_PAGE (self), NULL);

  return self->table;
}

guint
desk_record_page_get_n_items (DeskRecordPage *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_PAGE (self), 0);

  return self->n_items;
}

gboolean
desk_record_page_get_loading (DeskRecordPage *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_PAGE (self), FALSE);

  return self->loading;
}

void
desk_record_page_reload (DeskRecordPage *self)
{
  g_return_if_fail (DESK_IS_RECORD_PAGE (self));

  _desk_record_page_load (self);
}

/**
 * desk_record_page_activate:
 *
 * The page is about to be shown for the first time: build its table and
 * load its records. Until then it costs nothing, so a 100,000-record desk
 * opens on the page the volunteer looks at without waiting for the others.
 */
void
desk_record_page_activate (DeskRecordPage *self)
{
  g_return_if_fail (DESK_IS_RECORD_PAGE (self));

  if (self->activated)
    return;
  self->activated = TRUE;

  build_columns (self);
  _desk_record_page_load (self);
}
