#define G_LOG_DOMAIN "desk-field-saver"

#include "config.h"

#include "desk-field-saver.h"

struct _DeskFieldSaver
{
  GObject     parent_instance;

  DeskStore  *store;
  char       *table;
  char       *record_id;
  GHashTable *pending;    /* field → value (NULL: clear), of record_id */
  GHashTable *in_flight;  /* "record\nfield" → count of unfinished writes */
  guint       timeout_id;
};

G_DEFINE_FINAL_TYPE (DeskFieldSaver, desk_field_saver, G_TYPE_OBJECT)

enum {
  SAVED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  DeskFieldSaver *self;
  char           *record_id;
  char           *field;
  char           *value;
  char           *key;
} Write;

static void
write_free (Write *write)
{
  g_object_unref (write->self);
  g_free (write->record_id);
  g_free (write->field);
  g_free (write->value);
  g_free (write->key);
  g_free (write);
}

static char *
flight_key (const char *record_id,
            const char *field)
{
  return g_strconcat (record_id, "\n", field, NULL);
}

static void
on_write_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Write *write = user_data;
  DeskFieldSaver *self = write->self;
  g_autoptr(GError) error = NULL;
  guint count;

  desk_store_apply_finish (DESK_STORE (object), result, &error);

  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->in_flight, write->key));
  if (count <= 1)
    g_hash_table_remove (self->in_flight, write->key);
  else
    g_hash_table_insert (self->in_flight, g_strdup (write->key), GUINT_TO_POINTER (count - 1));

  if (error != NULL)
    g_signal_emit (self, signals[FAILED], 0, write->record_id, write->field, write->value, error->message);
  else
    g_signal_emit (self, signals[SAVED], 0, write->record_id, write->field);

  write_free (write);
}

static void
send_field (DeskFieldSaver *self,
            const char     *field,
            const char     *value)
{
  DeskChange *change = desk_change_new_update (self->table, self->record_id);
  Write *write = g_new0 (Write, 1);
  guint count;

  desk_change_set (change, field, value);
  write->self = g_object_ref (self);
  write->record_id = g_strdup (self->record_id);
  write->field = g_strdup (field);
  write->value = g_strdup (value);
  write->key = flight_key (self->record_id, field);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->in_flight, write->key));
  g_hash_table_insert (self->in_flight, g_strdup (write->key), GUINT_TO_POINTER (count + 1));

  /* Never cancelled: a word handed to the store is written even when the
   * editor is gone (the store finishes queued writes on close). */
  desk_store_apply_async (self->store, change, NULL, on_write_done_cb, write);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  DeskFieldSaver *self = user_data;

  self->timeout_id = 0;
  desk_field_saver_flush (self);
  return G_SOURCE_REMOVE;
}

static void
desk_field_saver_dispose (GObject *object)
{
  DeskFieldSaver *self = DESK_FIELD_SAVER (object);

  if (self->store != NULL)
    desk_field_saver_flush (self);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (desk_field_saver_parent_class)->dispose (object);
}

static void
desk_field_saver_finalize (GObject *object)
{
  DeskFieldSaver *self = DESK_FIELD_SAVER (object);

  g_free (self->table);
  g_free (self->record_id);
  g_hash_table_unref (self->pending);
  g_hash_table_unref (self->in_flight);

  G_OBJECT_CLASS (desk_field_saver_parent_class)->finalize (object);
}

static void
desk_field_saver_class_init (DeskFieldSaverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = desk_field_saver_dispose;
  object_class->finalize = desk_field_saver_finalize;

  /**
   * DeskFieldSaver::saved:
   * @record_id: the record
   * @field: the field written
   */
  signals[SAVED] = g_signal_new ("saved",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * DeskFieldSaver::failed:
   * @record_id: the record
   * @field: the field that was not written
   * @value: (nullable): what was to be written, so it is not lost
   * @message: why, for the person who typed it
   */
  signals[FAILED] = g_signal_new ("failed",
                                  G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 4, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
}

static void
desk_field_saver_init (DeskFieldSaver *self)
{
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->in_flight = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

DeskFieldSaver *
desk_field_saver_new (DeskStore  *store,
                      const char *table)
{
  DeskFieldSaver *self;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  self = g_object_new (DESK_TYPE_FIELD_SAVER, NULL);
  self->store = g_object_ref (store);
  self->table = g_strdup (table);
  return self;
}

void
desk_field_saver_set_record (DeskFieldSaver *self,
                             const char     *record_id)
{
  g_return_if_fail (DESK_IS_FIELD_SAVER (self));

  desk_field_saver_flush (self);
  g_free (self->record_id);
  self->record_id = g_strdup (record_id);
}

void
desk_field_saver_queue (DeskFieldSaver *self,
                        const char     *field,
                        const char     *value)
{
  g_return_if_fail (DESK_IS_FIELD_SAVER (self));
  g_return_if_fail (field != NULL);
  g_return_if_fail (self->record_id != NULL);

  g_hash_table_insert (self->pending, g_strdup (field), g_strdup (value));
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, DESK_FIELD_SAVER_DELAY_MS,
                                         on_timeout_cb, self, NULL);
}

void
desk_field_saver_flush (DeskFieldSaver *self)
{
  GHashTableIter iter;
  gpointer field, value;

  g_return_if_fail (DESK_IS_FIELD_SAVER (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->record_id == NULL || self->store == NULL)
    return;

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &field, &value))
    send_field (self, field, value);
  g_hash_table_remove_all (self->pending);
}

gboolean
desk_field_saver_is_busy (DeskFieldSaver *self,
                          const char     *field)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (DESK_IS_FIELD_SAVER (self), FALSE);

  if (self->record_id == NULL)
    return FALSE;
  key = flight_key (self->record_id, field);
  return g_hash_table_contains (self->pending, field) ||
         g_hash_table_contains (self->in_flight, key);
}

gboolean
desk_field_saver_is_idle (DeskFieldSaver *self)
{
  g_return_val_if_fail (DESK_IS_FIELD_SAVER (self), TRUE);

  return g_hash_table_size (self->pending) == 0 && g_hash_table_size (self->in_flight) == 0;
}
