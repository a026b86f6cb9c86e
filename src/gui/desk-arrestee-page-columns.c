#define G_LOG_DOMAIN "desk-arrestee-page-columns"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-arrestee-cell.h"
#include "desk-arrestee-page-private.h"

/* Titles, the list order each column header sorts by (computed in SQL:
 * desk-list-query.c) and which columns take the spare width. */
static const struct
{
  DeskArresteeColumn  column;
  const char         *title;
  const char         *sort_key;
  gboolean            expand;
} column_specs[DESK_ARRESTEE_PAGE_N_COLUMNS] = {
  { DESK_ARRESTEE_COLUMN_NAME, N_("Name"), "legal_name", TRUE },
  { DESK_ARRESTEE_COLUMN_STATUS, N_("Status"), "status", FALSE },
  { DESK_ARRESTEE_COLUMN_STATION, N_("Police Station"), "station_name", TRUE },
  { DESK_ARRESTEE_COLUMN_IN_CUSTODY, N_("In Custody"), "custody_time", FALSE },
  { DESK_ARRESTEE_COLUMN_TIME_LEFT, N_("Time Left"), "custody_limit", FALSE },
  { DESK_ARRESTEE_COLUMN_FLAGS, N_("Flags"), NULL, FALSE },
};

typedef struct
{
  DeskArresteePage   *self;
  DeskArresteeColumn  column;
  const char         *sort_key;
} ColumnInfo;

static void
column_info_free (gpointer  data,
                  GClosure *closure)
{
  g_free (data);
}

static void
on_cell_finalized_cb (gpointer  data,
                      GObject  *where_the_object_was)
{
  DeskArresteePage *self = data;

  g_ptr_array_remove_fast (self->cells, where_the_object_was);
}

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     ColumnInfo               *info)
{
  DeskArresteePage *self = info->self;
  GtkExpression *expression;
  GtkWidget *cell;

  cell = desk_arrestee_cell_new (info->column, self->station_names, self->reasons);
  desk_arrestee_cell_set_now (DESK_ARRESTEE_CELL (cell), g_get_real_time ());
  gtk_list_item_set_child (list_item, cell);
  g_ptr_array_add (self->cells, cell);
  g_object_weak_ref (G_OBJECT (cell), on_cell_finalized_cb, self);

  expression = gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item");
  gtk_expression_bind (expression, cell, "item", list_item);
}

/* GTK 4.8 does not say which column the table is sorted by: compare two
 * probes with the table's sorter and see which column's sorter it asks
 * first (the primary one), and whether it turns the answer round. */
static int
probe_compare_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  ColumnInfo *info = user_data;
  DeskArresteePage *self = info->self;

  if (self->probe_key == NULL)
    self->probe_key = info->sort_key;

  return a == (gconstpointer) self->probe[0] ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
}

static void
on_sorter_changed_cb (DeskArresteePage *self,
                      GtkSorterChange   change,
                      GtkSorter        *sorter)
{
  _desk_arrestee_page_apply_sort (self);
}

void
_desk_arrestee_page_apply_sort (DeskArresteePage *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  g_autofree char *order_by = NULL;
  GtkOrdering ordering;

  /* Going away: the columns are taken down. */
  if (self->probe[0] == NULL || self->list == NULL)
    return;

  self->probe_key = NULL;
  ordering = gtk_sorter_compare (sorter, self->probe[0], self->probe[1]);
  if (self->probe_key == NULL)
    return;

  order_by = ordering == GTK_ORDERING_SMALLER ? g_strdup (self->probe_key)
                                              : g_strconcat ("-", self->probe_key, NULL);
  desk_record_list_set_order (self->list, order_by);
}

static gboolean
on_minute_cb (gpointer user_data)
{
  DeskArresteePage *self = user_data;

  self->tick_id = 0;
  _desk_arrestee_page_start_clock (self);
  return G_SOURCE_REMOVE;
}

void
_desk_arrestee_page_build_columns (DeskArresteePage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (column_specs); i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      ColumnInfo *info = g_new0 (ColumnInfo, 1);

      info->self = self;
      info->column = column_specs[i].column;
      info->sort_key = column_specs[i].sort_key;
      g_signal_connect_data (factory, "setup", G_CALLBACK (on_factory_setup_cb),
                             info, column_info_free, 0);

      column = gtk_column_view_column_new (_(column_specs[i].title), g_object_ref (factory));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, column_specs[i].expand);
      if (info->sort_key != NULL)
        {
          g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare_cb, info, NULL));

          gtk_column_view_column_set_sorter (column, sorter);
        }
      gtk_column_view_append_column (self->column_view, column);
      self->columns[i] = column;
    }

  self->probe[0] = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe[1] = g_object_new (G_TYPE_OBJECT, NULL);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed_cb), self, G_CONNECT_SWAPPED);
  /* By name first, as a volunteer looks someone up. */
  gtk_column_view_sort_by_column (self->column_view, self->columns[0], GTK_SORT_ASCENDING);
}

void
_desk_arrestee_page_forget_cells (DeskArresteePage *self)
{
  for (guint i = 0; i < self->cells->len; i++)
    g_object_weak_unref (g_ptr_array_index (self->cells, i), on_cell_finalized_cb, self);
  g_ptr_array_set_size (self->cells, 0);
}

/* The keyboard focus on the selected row, so the arrow keys go on from it
 * (selecting a row does not move the focus): its row is the ancestor of
 * one of its cells that the table's list view holds. */
gboolean
_desk_arrestee_page_focus_selected_row (DeskArresteePage *self)
{
  gpointer selected = self->selection != NULL ? gtk_single_selection_get_selected_item (self->selection) : NULL;

  for (guint i = 0; selected != NULL && i < self->cells->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->cells, i);

      if (desk_arrestee_cell_get_item (DESK_ARRESTEE_CELL (row)) != selected)
        continue;
      while (gtk_widget_get_parent (row) != NULL && !GTK_IS_LIST_VIEW (gtk_widget_get_parent (row)))
        row = gtk_widget_get_parent (row);
      if (gtk_widget_get_parent (row) != NULL)
        return gtk_widget_grab_focus (row);
    }
  return gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

void
_desk_arrestee_page_refresh_cells (DeskArresteePage *self)
{
  for (guint i = 0; i < self->cells->len; i++)
    desk_arrestee_cell_update (g_ptr_array_index (self->cells, i));
}

void
_desk_arrestee_page_start_clock (DeskArresteePage *self)
{
  gint64 now = g_get_real_time ();
  guint seconds_to_next_minute;

  for (guint i = 0; i < self->cells->len; i++)
    desk_arrestee_cell_set_now (g_ptr_array_index (self->cells, i), now);

  /* On the minute, as a wall clock turns, and every minute after. */
  seconds_to_next_minute = 60 - (guint) ((now / G_USEC_PER_SEC) % 60);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  self->tick_id = g_timeout_add_seconds (seconds_to_next_minute, on_minute_cb, self);
}
