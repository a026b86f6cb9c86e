#define G_LOG_DOMAIN "desk-record-column"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-record-cell.h"
#include "desk-record-column.h"

/* One table column: what its cells need to show a value. */
typedef struct
{
  char          *column;
  DeskFieldKind  kind;
  GHashTable    *names; /* id → title, for references; shared with the cells */
} ColumnInfo;

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
column_info_free (gpointer  data,
                  GClosure *closure)
{
  ColumnInfo *info = data;

  g_free (info->column);
  g_clear_pointer (&info->names, g_hash_table_unref);
  g_free (info);
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

DeskFieldKind
desk_record_column_get_kind (const char *table,
                             const char *column)
{
  const DeskRecordType *type = desk_schema_lookup (table);
  const DeskField *field = NULL;

  g_return_val_if_fail (column != NULL, DESK_FIELD_TEXT);

  if (type != NULL)
    field = desk_schema_find_field (type, column);

  if (field != NULL)
    return field->kind;

  if (g_str_has_suffix (column, "_at") || g_str_has_suffix (column, "_time"))
    return DESK_FIELD_TIME;

  return DESK_FIELD_TEXT;
}

GtkColumnViewColumn *
desk_record_column_new (const char    *table,
                        const char    *column,
                        DeskFieldKind  kind,
                        GHashTable    *names)
{
  GtkColumnViewColumn *view_column;
  GtkListItemFactory *factory;
  ColumnInfo *info;
  int spec;

  g_return_val_if_fail (column != NULL, NULL);

  info = g_new0 (ColumnInfo, 1);
  info->column = g_strdup (column);
  info->kind = kind;
  info->names = names != NULL ? g_hash_table_ref (names) : NULL;

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_data (factory, "setup", G_CALLBACK (on_factory_setup_cb),
                         info, column_info_free, 0);

  spec = find_column_spec (table, column);
  view_column = gtk_column_view_column_new (spec >= 0 ? _(column_specs[spec].title) : column, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_expand (view_column, spec >= 0 ? column_specs[spec].expand
                                                            : kind == DESK_FIELD_TEXT);

  return view_column;
}
