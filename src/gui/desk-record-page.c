#define G_LOG_DOMAIN "desk-record-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-query.h"
#include "desk-record-cell.h"
#include "desk-record-item.h"
#include "desk-record-list.h"
#include "desk-record-page.h"
#include "desk-schema.h"

/* One table column: what its cells need to show a value. */
typedef struct
{
  char          *column;
  DeskFieldKind  kind;
  GHashTable    *names; /* id → title, for references; shared with the cells */
} ColumnInfo;

/* A reference column and where its titles come from. */
typedef struct
{
  char *column;
  char *table;
  char *title_field;
} NameSource;

typedef struct
{
  GPtrArray *sources; /* of NameSource */
  char      *action_id;
} NamesRequest;

struct _DeskRecordPage
{
  AdwBin              parent_instance;

  GtkStack           *stack;
  GtkColumnView      *column_view;
  AdwStatusPage      *empty_page;

  DeskStore          *store;
  DeskRecordList     *list;
  GtkSingleSelection *selection;
  GCancellable       *cancellable;

  char               *table;
  char              **columns;
  char               *order_by;
  char               *action_id;
  char               *title;

  GPtrArray          *name_sources; /* of NameSource */
  GHashTable         *names;        /* column → (id → title) */
  gboolean            loading_names;
  gboolean            loading;
  guint               n_items;
};

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

/* Column headers, and which columns take the spare width (names and free
 * text; times, codes and numbers keep to their size). A table-specific entry
 * wins over the plain column one. */
static const struct
{
  const char *table;
  const char *column;
  const char *title;
  gboolean    expand;
} column_specs[] = {
  { "call", "call_time", N_("Time"), FALSE },
  { "call", "caller_type", N_("Caller"), FALSE },
  { "call", "caller_name", N_("Caller Name"), TRUE },
  { "observer_shift", "kind", N_("Shift"), FALSE },
  { "observer_shift", "at_time", N_("Time"), FALSE },
  { "observer_shift", "observer_name", N_("Observer"), TRUE },
  { "rota_slot", "needed", N_("Supporters Needed"), FALSE },
  { "rota_slot", "station_id", N_("Police Station"), TRUE },
  { NULL, "summary", N_("Summary"), TRUE },
  { NULL, "legal_name", N_("Legal Name"), TRUE },
  { NULL, "status", N_("Status"), FALSE },
  { NULL, "station_id", N_("Police Station"), FALSE },
  { NULL, "custody_number", N_("Custody Number"), FALSE },
  { NULL, "arrival_time", N_("Arrived"), FALSE },
  { NULL, "location", N_("Location"), TRUE },
  { NULL, "name", N_("Name"), TRUE },
  { NULL, "area", N_("Area"), TRUE },
  { NULL, "live_since", N_("Live Since"), FALSE },
  { NULL, "starts_at", N_("Starts"), FALSE },
  { NULL, "ends_at", N_("Ends"), FALSE },
};

static void
column_info_free (gpointer data,
                  GClosure *closure)
{
  ColumnInfo *info = data;

  g_free (info->column);
  g_clear_pointer (&info->names, g_hash_table_unref);
  g_free (info);
}

static void
name_source_free (NameSource *source)
{
  g_free (source->column);
  g_free (source->table);
  g_free (source->title_field);
  g_free (source);
}

static void
names_request_free (NamesRequest *request)
{
  g_ptr_array_unref (request->sources);
  g_free (request->action_id);
  g_free (request);
}

static int
find_column_spec (const char *table,
                  const char *column)
{
  for (guint i = 0; i < G_N_ELEMENTS (column_specs); i++)
    if (g_strcmp0 (column_specs[i].table, table) == 0 &&
        strcmp (column_specs[i].column, column) == 0)
      return i;

  for (guint i = 0; i < G_N_ELEMENTS (column_specs); i++)
    if (column_specs[i].table == NULL && strcmp (column_specs[i].column, column) == 0)
      return i;

  return -1;
}

static DeskFieldKind
kind_for_column (const char *table,
                 const char *column)
{
  const DeskRecordType *type = desk_schema_lookup (table);
  const DeskField *field = NULL;

  if (type != NULL)
    field = desk_schema_find_field (type, column);

  if (field != NULL)
    return field->kind;

  if (g_str_has_suffix (column, "_at") || g_str_has_suffix (column, "_time"))
    return DESK_FIELD_TIME;

  return DESK_FIELD_TEXT;
}

/* "station_id" refers to the station table, titled by its "name". */
static NameSource *
name_source_for_column (const char *column)
{
  g_autofree char *table = NULL;
  const DeskRecordType *type;
  NameSource *source;

  if (!g_str_has_suffix (column, "_id"))
    return NULL;

  table = g_strndup (column, strlen (column) - strlen ("_id"));
  type = desk_schema_lookup (table);
  if (type == NULL || type->title_field == NULL)
    return NULL;

  source = g_new0 (NameSource, 1);
  source->column = g_strdup (column);
  source->table = g_steal_pointer (&table);
  source->title_field = g_strdup (type->title_field);

  return source;
}

static void
update_state (DeskRecordPage *self)
{
  gboolean loading;
  guint n_items;

  loading = self->loading_names || (self->list != NULL && desk_record_list_get_loading (self->list));
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

static void
load_list (DeskRecordPage *self)
{
  if (self->list == NULL || self->action_id == NULL)
    return;

  if (g_strcmp0 (desk_record_list_get_action (self->list), self->action_id) == 0)
    desk_record_list_reload (self->list);
  else
    desk_record_list_set_action (self->list, self->action_id);

  update_state (self);
}

/* Runs on the database thread. */
static gpointer
load_names_func (DeskStore *store,
                 gpointer   data,
                 GError   **error)
{
  NamesRequest *request = data;
  g_autoptr(GHashTable) result = NULL;

  result = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify) g_hash_table_unref);

  for (guint i = 0; i < request->sources->len; i++)
    {
      NameSource *source = g_ptr_array_index (request->sources, i);
      const char *columns[] = { source->title_field, NULL };
      g_autoptr(GPtrArray) rows = NULL;
      GHashTable *names;

      rows = desk_query_rows (store, source->table, request->action_id,
                              columns, NULL, error);
      if (rows == NULL)
        return NULL;

      names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint j = 0; j < rows->len; j++)
        {
          DeskRow *row = g_ptr_array_index (rows, j);

          g_hash_table_insert (names, g_strdup (row->id), g_strdup (row->values[0]));
        }

      g_hash_table_insert (result, g_strdup (source->column), names);
    }

  return g_steal_pointer (&result);
}

static void
on_names_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  DeskRecordPage *self = user_data;
  g_autoptr(GHashTable) loaded = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer column, names;

  loaded = desk_store_run_finish (DESK_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading_names = FALSE;

  if (error != NULL)
    g_warning ("Could not load the names of %s references: %s", self->table, error->message);

  /* The cells share the inner tables: refill them rather than replace them. */
  if (loaded != NULL)
    {
      g_hash_table_iter_init (&iter, loaded);
      while (g_hash_table_iter_next (&iter, &column, &names))
        {
          GHashTable *shown = g_hash_table_lookup (self->names, column);
          GHashTableIter names_iter;
          gpointer id, title;

          g_assert (shown != NULL);

          g_hash_table_remove_all (shown);
          g_hash_table_iter_init (&names_iter, names);
          while (g_hash_table_iter_next (&names_iter, &id, &title))
            g_hash_table_insert (shown, g_strdup (id), g_strdup (title));
        }
    }

  load_list (self);
}

static void
on_list_items_changed_cb (DeskRecordPage *self,
                          guint           position,
                          guint           removed,
                          guint           added,
                          GListModel     *model)
{
  update_state (self);
}

static void
on_list_loading_changed_cb (DeskRecordPage *self,
                            GParamSpec     *pspec,
                            DeskRecordList *list)
{
  update_state (self);
}

/* A renamed station shows under its new name: reload the titles of the
 * tables this page refers to. Its own table reloads by itself. */
static void
on_store_changed_cb (DeskRecordPage *self,
                     const char     *table,
                     DeskStore      *store)
{
  for (guint i = 0; i < self->name_sources->len; i++)
    {
      NameSource *source = g_ptr_array_index (self->name_sources, i);

      if (g_strcmp0 (source->table, table) == 0)
        {
          desk_record_page_reload (self);
          return;
        }
    }
}

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     ColumnInfo               *info)
{
  GtkExpression *expression;
  GtkWidget *cell;

  cell = desk_record_cell_new (info->column, info->kind, info->names);
  gtk_list_item_set_child (list_item, cell);

  expression = gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item");
  gtk_expression_bind (expression, cell, "item", list_item);
}

static void
add_column (DeskRecordPage *self,
            const char     *column)
{
  g_autoptr(GtkColumnViewColumn) view_column = NULL;
  GtkListItemFactory *factory;
  ColumnInfo *info;
  NameSource *source;
  int spec;

  info = g_new0 (ColumnInfo, 1);
  info->column = g_strdup (column);
  info->kind = kind_for_column (self->table, column);

  if (info->kind == DESK_FIELD_REFERENCE && (source = name_source_for_column (column)) != NULL)
    {
      info->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (self->names, g_strdup (column), g_hash_table_ref (info->names));
      g_ptr_array_add (self->name_sources, source);
    }

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_data (factory, "setup", G_CALLBACK (on_factory_setup_cb),
                         info, column_info_free, 0);

  spec = find_column_spec (self->table, column);
  view_column = gtk_column_view_column_new (spec >= 0 ? _(column_specs[spec].title) : column, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_expand (view_column, spec >= 0 ? column_specs[spec].expand
                                                            : info->kind == DESK_FIELD_TEXT);
  gtk_column_view_append_column (self->column_view, view_column);
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

  for (guint i = 0; self->columns[i] != NULL; i++)
    add_column (self, self->columns[i]);
}

static void
desk_record_page_dispose (GObject *object)
{
  DeskRecordPage *self = DESK_RECORD_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

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
  g_ptr_array_unref (self->name_sources);
  g_hash_table_unref (self->names);

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

    case PROP_EMPTY_TITLE:
      g_value_set_string (value, adw_status_page_get_title (self->empty_page));
      break;

    case PROP_EMPTY_DESCRIPTION:
      g_value_set_string (value, adw_status_page_get_description (self->empty_page));
      break;

    case PROP_EMPTY_ICON_NAME:
      g_value_set_string (value, adw_status_page_get_icon_name (self->empty_page));
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
      adw_status_page_set_title (self->empty_page, g_value_get_string (value));
      break;

    case PROP_EMPTY_DESCRIPTION:
      adw_status_page_set_description (self->empty_page, g_value_get_string (value));
      break;

    case PROP_EMPTY_ICON_NAME:
      adw_status_page_set_icon_name (self->empty_page, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DESK_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ACTION_ID] =
    g_param_spec_string ("action-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TABLE] =
    g_param_spec_string ("table", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_COLUMNS] =
    g_param_spec_boxed ("columns", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ORDER_BY] =
    g_param_spec_string ("order-by", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_EMPTY_TITLE] =
    g_param_spec_string ("empty-title", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  properties[PROP_EMPTY_DESCRIPTION] =
    g_param_spec_string ("empty-description", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  properties[PROP_EMPTY_ICON_NAME] =
    g_param_spec_string ("empty-icon-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

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

  self->cancellable = g_cancellable_new ();
  self->name_sources = g_ptr_array_new_with_free_func ((GDestroyNotify) name_source_free);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_hash_table_unref);
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

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);

  gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_set_object (&self->store, store);

  if (store != NULL)
    {
      g_signal_connect_object (store, "changed",
                               G_CALLBACK (on_store_changed_cb), self,
                               G_CONNECT_SWAPPED);

      self->list = desk_record_list_new (store, self->table,
                                         (const char *const *) self->columns,
                                         self->order_by);
      g_signal_connect_object (self->list, "items-changed",
                               G_CALLBACK (on_list_items_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->list, "notify::loading",
                               G_CALLBACK (on_list_loading_changed_cb), self,
                               G_CONNECT_SWAPPED);

      self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
      gtk_single_selection_set_autoselect (self->selection, FALSE);
      gtk_single_selection_set_can_unselect (self->selection, TRUE);
      gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
    }

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
  NamesRequest *request;

  g_return_if_fail (DESK_IS_RECORD_PAGE (self));

  if (self->store == NULL || self->action_id == NULL)
    {
      update_state (self);
      return;
    }

  if (self->name_sources->len == 0)
    {
      load_list (self);
      return;
    }

  /* Names first, so the rows never show a reference before its title. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  request = g_new0 (NamesRequest, 1);
  request->sources = g_ptr_array_ref (self->name_sources);
  request->action_id = g_strdup (self->action_id);

  self->loading_names = TRUE;
  update_state (self);

  desk_store_run_async (self->store, load_names_func, request,
                        (GDestroyNotify) names_request_free,
                        self->cancellable, on_names_loaded_cb, self);
}
