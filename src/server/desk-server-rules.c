#define G_LOG_DOMAIN "desk-server-rules"

#include "config.h"

#include <string.h>

#include "desk-field-value.h"
#include "desk-schema.h"
#include "desk-server-rules.h"

struct _DeskPullFilter
{
  DeskServerStorage *storage;
  DeskRole           role;
  GHashTable        *targets;   /* conflict id → Target */
};

typedef struct
{
  gboolean  known;
  char     *table;
  char     *field;
} Target;

static void
target_free (Target *target)
{
  g_free (target->table);
  g_free (target->field);
  g_free (target);
}

/* Conflicts about a deletion keep the whole attempted edit as text, so
 * their values may hold any field of the record. */
static gboolean
can_read_every_field (DeskRole    role,
                      const char *table)
{
  const DeskRecordType *type = desk_schema_lookup (table);

  if (type == NULL || !desk_role_can_read (role, table, NULL))
    return FALSE;
  for (const DeskField *f = type->fields; f->name != NULL; f++)
    if (!desk_role_can_read (role, table, f->name))
      return FALSE;
  return TRUE;
}

static gboolean
is_conflict_value (const char *field)
{
  return g_strcmp0 (field, "kept_value") == 0 || g_strcmp0 (field, "other_value") == 0;
}

static const char *
mutation_value (const DeskMutation *mutation,
                const char         *name)
{
  for (guint i = 0; i < mutation->fields->len; i++)
    {
      const DeskMutationField *f = g_ptr_array_index (mutation->fields, i);

      if (g_strcmp0 (f->field, name) == 0)
        return f->value;
    }
  return NULL;
}

static gboolean
check_target (DeskRole     role,
              const char  *table,
              const char  *field,
              char       **reason)
{
  if (table == NULL)
    return TRUE;   /* about nothing known: nothing to protect */
  if (g_strcmp0 (field, "deleted") == 0)
    field = NULL;  /* about the record itself */
  if (desk_schema_lookup (table) == NULL)
    {
      *reason = g_strdup ("A conflict must be about a known record type");
      return FALSE;
    }
  if (!desk_role_can_write (role, table, field))
    {
      *reason = g_strdup_printf ("Role “%s” may not settle conflicts about %s records%s",
                                 desk_role_to_string (role), table,
                                 field ? " in that field" : "");
      return FALSE;
    }
  return TRUE;
}

/* A conflict record is further limited by the field it is about: both what
 * it was about and what the mutation says it is about. */
static gboolean
check_conflict_push (DeskServerStorage   *storage,
                     DeskRole             role,
                     const DeskMutation  *mutation,
                     char               **reason)
{
  g_autofree char *stored_table = NULL;
  g_autofree char *stored_field = NULL;
  const char *table = mutation_value (mutation, "table_name");
  const char *field = mutation_value (mutation, "field");

  if (desk_server_storage_lookup_conflict (storage, mutation->record, &stored_table, &stored_field, NULL) &&
      !check_target (role, stored_table, stored_field, reason))
    return FALSE;
  return check_target (role, table ? table : stored_table, field ? field : stored_field, reason);
}

/* A newer desk may name a table or field this server lacks: that mutation
 * alone is refused. Names are plain identifiers (the parser checks their
 * form), so naming them in the reason carries no personal data; values are
 * checked with messages that never quote them. */
static gboolean
check_fields (const DeskMutation  *mutation,
              char               **reason)
{
  const DeskRecordType *type = desk_schema_lookup (mutation->table);

  if (type == NULL)
    {
      *reason = g_strdup_printf ("This server has no record type “%s”; it may be older than the desk",
                                 mutation->table);
      return FALSE;
    }
  for (guint i = 0; i < mutation->fields->len; i++)
    {
      const DeskMutationField *f = g_ptr_array_index (mutation->fields, i);
      const DeskField *field = desk_schema_find_field (type, f->field);
      g_autofree char *normalized = NULL;
      g_autoptr(GError) error = NULL;

      if (g_strcmp0 (f->field, "deleted") == 0)
        continue;
      if (field == NULL)
        {
          *reason = g_strdup_printf ("A %s record has no field “%s” on this server; it may be older than the desk",
                                     mutation->table, f->field);
          return FALSE;
        }
      if (mutation->op != DESK_CHANGE_DELETE &&
          !desk_field_value_check_unquoted (type, field, f->value, &normalized, &error))
        {
          *reason = g_strdup (error->message);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
desk_server_rules_check_push (DeskServerStorage   *storage,
                              DeskRole             role,
                              const DeskMutation  *mutation,
                              char               **reason)
{
  g_return_val_if_fail (mutation != NULL, FALSE);
  g_return_val_if_fail (reason != NULL && *reason == NULL, FALSE);

  if (!check_fields (mutation, reason))
    return FALSE;
  if (!desk_role_can_write (role, mutation->table, NULL))
    {
      *reason = g_strdup_printf ("Role “%s” may not change %s records",
                                 desk_role_to_string (role), mutation->table);
      return FALSE;
    }

  for (guint i = 0; i < mutation->fields->len; i++)
    {
      const DeskMutationField *f = g_ptr_array_index (mutation->fields, i);

      if (g_strcmp0 (f->field, "deleted") == 0)
        continue;   /* covered by the record-level check */
      if (!desk_role_can_write (role, mutation->table, f->field))
        {
          *reason = g_strdup_printf ("Role “%s” may not change the field “%s” of %s records",
                                     desk_role_to_string (role), f->field, mutation->table);
          return FALSE;
        }
    }

  if (strcmp (mutation->table, "conflict") == 0)
    return check_conflict_push (storage, role, mutation, reason);
  return TRUE;
}

DeskPullFilter *
desk_pull_filter_new (DeskServerStorage *storage,
                      DeskRole           role)
{
  DeskPullFilter *filter = g_new0 (DeskPullFilter, 1);

  filter->storage = g_object_ref (storage);
  filter->role = role;
  filter->targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) target_free);
  return filter;
}

void
desk_pull_filter_free (DeskPullFilter *filter)
{
  if (filter == NULL)
    return;
  g_object_unref (filter->storage);
  g_hash_table_unref (filter->targets);
  g_free (filter);
}

static Target *
lookup_target (DeskPullFilter  *filter,
               const char      *conflict_id,
               GError         **error)
{
  Target *target = g_hash_table_lookup (filter->targets, conflict_id);
  g_autoptr(GError) local_error = NULL;

  if (target != NULL)
    return target;

  target = g_new0 (Target, 1);
  target->known = desk_server_storage_lookup_conflict (filter->storage, conflict_id,
                                                       &target->table, &target->field,
                                                       &local_error);
  if (local_error != NULL)
    {
      target_free (target);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_hash_table_insert (filter->targets, g_strdup (conflict_id), target);
  return target;
}

gboolean
desk_pull_filter_allows (DeskPullFilter          *filter,
                         const DeskPulledChange  *change,
                         gboolean                *allowed,
                         GError                 **error)
{
  Target *target;

  g_return_val_if_fail (filter != NULL && change != NULL && allowed != NULL, FALSE);

  *allowed = FALSE;
  if (!desk_role_can_read (filter->role, change->table, NULL) ||
      !desk_role_can_read (filter->role, change->table, change->field))
    return TRUE;
  if (g_strcmp0 (change->table, "conflict") != 0)
    {
      *allowed = TRUE;
      return TRUE;
    }

  target = lookup_target (filter, change->record, error);
  if (target == NULL)
    return FALSE;

  if (!target->known)
    *allowed = filter->role == DESK_ROLE_COORDINATOR;
  else if (!desk_role_can_read (filter->role, target->table, NULL))
    *allowed = FALSE;
  else if (target->field == NULL || g_strcmp0 (target->field, "deleted") == 0)
    *allowed = !is_conflict_value (change->field) || can_read_every_field (filter->role, target->table);
  else
    *allowed = desk_role_can_read (filter->role, target->table, target->field);
  return TRUE;
}
