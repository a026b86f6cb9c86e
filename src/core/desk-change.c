#define G_LOG_DOMAIN "desk-change"

#include "config.h"

#include <gio/gio.h>

#include "desk-change.h"
#include "desk-uuid.h"

typedef struct
{
  char *value;
  char *hlc;
} FieldValue;

struct _DeskChange
{
  char         *table;
  char         *id;
  char         *action;
  char         *author;
  char         *at;
  DeskChangeOp  op;
  DeskOrigin    origin;
  GPtrArray    *fields;  /* names in first-set order */
  GHashTable   *values;  /* name → FieldValue */
};

static void
field_value_free (FieldValue *fv)
{
  g_free (fv->value);
  g_free (fv->hlc);
  g_free (fv);
}

static DeskChange *
change_new (const char   *table,
            const char   *id,
            DeskChangeOp  op)
{
  DeskChange *change = g_new0 (DeskChange, 1);

  change->table = g_strdup (table);
  change->id = g_strdup (id);
  change->op = op;
  change->origin = DESK_ORIGIN_LOCAL;
  change->fields = g_ptr_array_new_with_free_func (g_free);
  change->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) field_value_free);
  return change;
}

DeskChange *
desk_change_new_create_with_id (const char *table,
                                const char *id,
                                const char *action_id)
{
  DeskChange *change;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  change = change_new (table, id, DESK_CHANGE_CREATE);
  /* An action belongs to itself. */
  change->action = g_strdup (action_id ? action_id : (g_str_equal (table, "action") ? id : NULL));
  return change;
}

DeskChange *
desk_change_new_create (const char *table,
                        const char *action_id)
{
  g_autofree char *id = desk_uuid_new ();

  return desk_change_new_create_with_id (table, id, action_id);
}

DeskChange *
desk_change_new_update (const char *table,
                        const char *id)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return change_new (table, id, DESK_CHANGE_UPDATE);
}

DeskChange *
desk_change_new_delete (const char *table,
                        const char *id)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return change_new (table, id, DESK_CHANGE_DELETE);
}

void
desk_change_free (DeskChange *change)
{
  if (change == NULL)
    return;
  g_free (change->table);
  g_free (change->id);
  g_free (change->action);
  g_free (change->author);
  g_free (change->at);
  g_ptr_array_unref (change->fields);
  g_hash_table_unref (change->values);
  g_free (change);
}

void
desk_change_set_stamped (DeskChange *change,
                         const char *field,
                         const char *value,
                         const char *hlc)
{
  FieldValue *fv;

  g_return_if_fail (change != NULL);
  g_return_if_fail (field != NULL);

  if (!g_hash_table_contains (change->values, field))
    g_ptr_array_add (change->fields, g_strdup (field));
  fv = g_new0 (FieldValue, 1);
  fv->value = g_strdup (value);
  fv->hlc = g_strdup (hlc);
  g_hash_table_replace (change->values, g_strdup (field), fv);
}

void
desk_change_set (DeskChange *change,
                 const char *field,
                 const char *value)
{
  desk_change_set_stamped (change, field, value, NULL);
}

void
desk_change_set_origin (DeskChange *change,
                        DeskOrigin  origin,
                        const char *author)
{
  g_return_if_fail (change != NULL);

  change->origin = origin;
  g_free (change->author);
  change->author = g_strdup (author);
}

void
desk_change_set_at (DeskChange *change,
                    const char *at)
{
  g_return_if_fail (change != NULL);

  g_free (change->at);
  change->at = g_strdup (at);
}

const char *
desk_change_get_at (const DeskChange *change)
{
  return change->at;
}

const char *
desk_change_get_table (const DeskChange *change)
{
  return change->table;
}

const char *
desk_change_get_id (const DeskChange *change)
{
  return change->id;
}

const char *
desk_change_get_action (const DeskChange *change)
{
  return change->action;
}

DeskChangeOp
desk_change_get_op (const DeskChange *change)
{
  return change->op;
}

DeskOrigin
desk_change_get_origin (const DeskChange *change)
{
  return change->origin;
}

const char *
desk_change_get_author (const DeskChange *change)
{
  return change->author;
}

const GPtrArray *
desk_change_get_fields (const DeskChange *change)
{
  return change->fields;
}

gboolean
desk_change_lookup (const DeskChange  *change,
                    const char        *field,
                    const char       **value,
                    const char       **hlc)
{
  FieldValue *fv = g_hash_table_lookup (change->values, field);

  if (fv == NULL)
    return FALSE;
  if (value)
    *value = fv->value;
  if (hlc)
    *hlc = fv->hlc;
  return TRUE;
}
