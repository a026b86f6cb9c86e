#define G_LOG_DOMAIN "desk-record-item"

#include "config.h"

#include "desk-record-item.h"

struct _DeskRecordItem
{
  GObject   parent_instance;

  char     *table;
  char     *id;
  char    **columns;
  char    **values;   /* NULL where empty: freed by count, not as a strv */
  guint     n_values;
};

G_DEFINE_FINAL_TYPE (DeskRecordItem, desk_record_item, G_TYPE_OBJECT)

static void
desk_record_item_finalize (GObject *object)
{
  DeskRecordItem *self = (DeskRecordItem *) object;

  g_free (self->table);
  g_free (self->id);
  g_strfreev (self->columns);
  for (guint i = 0; i < self->n_values; i++)
    g_free (self->values[i]);
  g_free (self->values);

  G_OBJECT_CLASS (desk_record_item_parent_class)->finalize (object);
}

static void
desk_record_item_class_init (DeskRecordItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = desk_record_item_finalize;
}

static void
desk_record_item_init (DeskRecordItem *self)
{
}

DeskRecordItem *
desk_record_item_new (const char         *table,
                      const char         *id,
                      const char *const  *columns,
                      const char *const  *values)
{
  DeskRecordItem *self;
  guint n;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (DESK_TYPE_RECORD_ITEM, NULL);
  self->table = g_strdup (table);
  self->id = g_strdup (id);
  self->columns = g_strdupv ((char **) columns);
  n = columns ? g_strv_length ((char **) columns) : 0;
  self->values = g_new0 (char *, n + 1);
  self->n_values = n;
  for (guint i = 0; i < n; i++)
    self->values[i] = g_strdup (values ? values[i] : NULL);
  return self;
}

const char *
desk_record_item_get_table (DeskRecordItem *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_ITEM (self), NULL);
  return self->table;
}

const char *
desk_record_item_get_id (DeskRecordItem *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_ITEM (self), NULL);
  return self->id;
}

const char *
desk_record_item_get (DeskRecordItem *self,
                      const char     *column)
{
  g_return_val_if_fail (DESK_IS_RECORD_ITEM (self), NULL);
  g_return_val_if_fail (column != NULL, NULL);

  if (g_strcmp0 (column, "id") == 0)
    return self->id;
  for (guint i = 0; self->columns && self->columns[i]; i++)
    if (g_str_equal (self->columns[i], column))
      return self->values[i];
  return NULL;
}
