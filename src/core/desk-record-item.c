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
  gboolean  loaded;
};

G_DEFINE_FINAL_TYPE (DeskRecordItem, desk_record_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADED,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

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
desk_record_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DeskRecordItem *self = DESK_RECORD_ITEM (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_record_item_class_init (DeskRecordItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = desk_record_item_finalize;
  object_class->get_property = desk_record_item_get_property;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
desk_record_item_init (DeskRecordItem *self)
{
}

DeskRecordItem *
desk_record_item_new_pending (const char        *table,
                              const char        *id,
                              const char *const *columns)
{
  DeskRecordItem *self;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (DESK_TYPE_RECORD_ITEM, NULL);
  self->table = g_strdup (table);
  self->id = g_strdup (id);
  self->columns = g_strdupv ((char **) columns);
  self->n_values = columns ? g_strv_length ((char **) columns) : 0;
  self->values = g_new0 (char *, self->n_values + 1);
  return self;
}

DeskRecordItem *
desk_record_item_new (const char         *table,
                      const char         *id,
                      const char *const  *columns,
                      const char *const  *values)
{
  DeskRecordItem *self = desk_record_item_new_pending (table, id, columns);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->n_values; i++)
    self->values[i] = g_strdup (values ? values[i] : NULL);
  self->loaded = TRUE;
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

gboolean
desk_record_item_get_loaded (DeskRecordItem *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_ITEM (self), FALSE);
  return self->loaded;
}

void
desk_record_item_set_values (DeskRecordItem     *self,
                             const char *const  *values,
                             guint               n_values)
{
  gboolean changed;

  g_return_if_fail (DESK_IS_RECORD_ITEM (self));
  g_return_if_fail (values == NULL || n_values == self->n_values);

  changed = !self->loaded;

  for (guint i = 0; i < self->n_values; i++)
    {
      const char *value = values != NULL ? values[i] : NULL;

      if (g_strcmp0 (self->values[i], value) == 0)
        continue;
      g_free (self->values[i]);
      self->values[i] = g_strdup (value);
      changed = TRUE;
    }

  if (!changed)
    return;

  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}
