#define G_LOG_DOMAIN "desk-arrestee-merge"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-arrestee-merge.h"
#include "desk-query.h"
#include "desk-schema.h"
#include "desk-store-private.h"

/* The records that link to an arrestee and follow it into the survivor. */
static const struct
{
  const char *table;
  const char *field;
} links[] = {
  { "call", "arrestee_id" },
  { "online_report", "arrestee_id" },
};

static gboolean
is_empty (const char *value)
{
  return value == NULL || *value == '\0';
}

/* Messages name which record, never what it holds: they may be logged. */
static GHashTable *
load_live (DeskStore   *store,
           const char  *id,
           const char  *if_deleted,
           GError     **error)
{
  g_autoptr(GHashTable) record = desk_query_record (store, "arrestee", id, error);

  if (record == NULL)
    return NULL;
  if (g_strcmp0 (g_hash_table_lookup (record, "deleted"), "0") != 0)
    {
      g_set_error_literal (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID, if_deleted);
      return NULL;
    }
  return g_steal_pointer (&record);
}

/* "welfare,minor" and "minor,press" make "welfare,minor,press". */
static char *
union_flags (const char *mine,
             const char *theirs)
{
  g_auto(GStrv) own = g_strsplit (mine != NULL ? mine : "", ",", -1);
  g_auto(GStrv) other = g_strsplit (theirs != NULL ? theirs : "", ",", -1);
  g_autoptr(GString) out = g_string_new (mine);

  for (guint i = 0; other[i] != NULL; i++)
    {
      if (*other[i] == '\0' || g_strv_contains ((const char *const *) own, other[i]))
        continue;
      if (out->len > 0)
        g_string_append_c (out, ',');
      g_string_append (out, other[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The survivor takes every field it lacks. Two fields travel together:
 * whether the arrival time is a guess belongs to the arrival it came with;
 * and flags (welfare, minor…) are a set, so the survivor keeps both. */
static DeskChange *
fill_survivor (const char *survivor_id,
               GHashTable *survivor,
               GHashTable *merged)
{
  const DeskRecordType *type = desk_schema_lookup ("arrestee");
  g_autoptr(DeskChange) change = desk_change_new_update ("arrestee", survivor_id);
  g_autofree char *flags = NULL;

  for (const DeskField *f = type->fields; f->name != NULL; f++)
    {
      const char *theirs = g_hash_table_lookup (merged, f->name);

      if (g_str_equal (f->name, "merged_into") || g_str_equal (f->name, "arrival_estimated") ||
          g_str_equal (f->name, "flags"))
        continue;
      if (is_empty (g_hash_table_lookup (survivor, f->name)) && !is_empty (theirs))
        desk_change_set (change, f->name, theirs);
    }

  if (is_empty (g_hash_table_lookup (survivor, "arrival_time")) &&
      !is_empty (g_hash_table_lookup (merged, "arrival_time")))
    desk_change_set (change, "arrival_estimated", g_hash_table_lookup (merged, "arrival_estimated"));
  else if (is_empty (g_hash_table_lookup (survivor, "arrival_estimated")) &&
           !is_empty (g_hash_table_lookup (merged, "arrival_estimated")))
    desk_change_set (change, "arrival_estimated", g_hash_table_lookup (merged, "arrival_estimated"));

  flags = union_flags (g_hash_table_lookup (survivor, "flags"), g_hash_table_lookup (merged, "flags"));
  if (g_strcmp0 (flags, g_hash_table_lookup (survivor, "flags")) != 0 && *flags != '\0')
    desk_change_set (change, "flags", flags);

  return g_steal_pointer (&change);
}

static gboolean
add_relinks (DeskStore   *store,
             const char  *survivor_id,
             const char  *merged_id,
             GPtrArray   *changes,
             GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      g_autoptr(GPtrArray) ids = desk_query_ids_linking (store, links[i].table, links[i].field,
                                                         merged_id, error);

      if (ids == NULL)
        return FALSE;
      for (guint j = 0; j < ids->len; j++)
        {
          DeskChange *change = desk_change_new_update (links[i].table, g_ptr_array_index (ids, j));

          desk_change_set (change, links[i].field, survivor_id);
          g_ptr_array_add (changes, change);
        }
    }
  return TRUE;
}

static gboolean
merge_locked (DeskStore   *store,
              const char  *survivor_id,
              const char  *merged_id,
              GError     **error)
{
  g_autoptr(GHashTable) survivor = NULL;
  g_autoptr(GHashTable) merged = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_change_free);
  DeskChange *tombstone;

  if ((survivor = load_live (store, survivor_id,
                             _("The arrestee record to keep was deleted or merged already"),
                             error)) == NULL ||
      (merged = load_live (store, merged_id,
                           _("The arrestee record to merge was deleted or merged already"),
                           error)) == NULL)
    return FALSE;
  if (g_strcmp0 (g_hash_table_lookup (survivor, "action"), g_hash_table_lookup (merged, "action")) != 0)
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                   _("The two arrestee records belong to different actions and cannot be merged"));
      return FALSE;
    }

  g_ptr_array_add (changes, fill_survivor (survivor_id, survivor, merged));
  if (!add_relinks (store, survivor_id, merged_id, changes, error))
    return FALSE;
  /* The pointer first: a delete carries no fields. */
  tombstone = desk_change_new_update ("arrestee", merged_id);
  desk_change_set (tombstone, "merged_into", survivor_id);
  g_ptr_array_add (changes, tombstone);
  g_ptr_array_add (changes, desk_change_new_delete ("arrestee", merged_id));

  return desk_store_apply_all (store, changes, error);
}

gboolean
desk_arrestee_merge (DeskStore   *store,
                     const char  *survivor_id,
                     const char  *merged_id,
                     GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (survivor_id != NULL, FALSE);
  g_return_val_if_fail (merged_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (strcmp (survivor_id, merged_id) == 0)
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                   _("An arrestee record cannot be merged into itself"));
      return FALSE;
    }

  /* The lock is recursive: what we read cannot change before we write. */
  desk_store_lock (store);
  ok = merge_locked (store, survivor_id, merged_id, error);
  desk_store_unlock (store);
  return ok;
}
