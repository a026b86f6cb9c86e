#define G_LOG_DOMAIN "desk-sync-protocol"

#include "config.h"

#include "desk-json-text.h"
#include "desk-schema.h"
#include "desk-sync-protocol-private.h"

/* One field-level change of a pull reply, read, written, and made into a
 * remote change for the write path. */

void
desk_pulled_change_free (DeskPulledChange *change)
{
  if (change == NULL)
    return;
  g_free (change->table);
  g_free (change->record);
  g_free (change->action);
  g_free (change->author);
  g_free (change->at);
  g_free (change->field);
  g_free (change->value);
  g_free (change->hlc);
  g_free (change);
}

DeskPulledChange *
desk_pulled_change_from_json (JsonObject  *object,
                              GError     **error)
{
  static const char *const allowed[] = {
    "version", "table", "record", "action", "author", "at", "field", "value", "hlc", NULL
  };
  g_autoptr(DeskPulledChange) change = g_new0 (DeskPulledChange, 1);
  const DeskRecordType *type;

  if (!desk_sync_json_only_members (object, "a pulled change", allowed, error) ||
      !desk_sync_json_get_int (object, "a pulled change", "version", TRUE, 1, &change->version, error) ||
      !desk_sync_json_get_string (object, "a pulled change", "table", TRUE, FALSE, &change->table, error) ||
      !desk_sync_json_get_string (object, "a pulled change", "record", TRUE, FALSE, &change->record, error) ||
      !desk_sync_json_get_string (object, "a pulled change", "action", FALSE, TRUE, &change->action, error) ||
      !desk_sync_json_get_string (object, "a pulled change", "author", FALSE, TRUE, &change->author, error) ||
      !desk_sync_json_get_string (object, "a pulled change", "at", FALSE, TRUE, &change->at, error) ||
      !desk_sync_json_get_string (object, "a pulled change", "field", TRUE, FALSE, &change->field, error) ||
      !desk_sync_json_get_string (object, "a pulled change", "value", TRUE, TRUE, &change->value, error) ||
      !desk_sync_json_get_string (object, "a pulled change", "hlc", TRUE, FALSE, &change->hlc, error) ||
      !desk_sync_json_check_hlc (change->hlc, "a pulled change", error))
    return NULL;

  type = desk_schema_lookup (change->table);
  if (type == NULL)
    {
      desk_sync_malformed (error, "a pulled change names no record type (“%s”)", change->table);
      return NULL;
    }
  if (g_strcmp0 (change->field, "deleted") != 0 && desk_schema_find_field (type, change->field) == NULL)
    {
      desk_sync_malformed (error, "a %s record has no field “%s”", change->table, change->field);
      return NULL;
    }
  return g_steal_pointer (&change);
}

void
desk_pulled_change_append_json (const DeskPulledChange *change,
                                GString                *out)
{
  const char *const names[] = { "table", "record", "action", "author", "at", "field", "value", "hlc" };
  const char *const values[] = { change->table, change->record, change->action, change->author,
                                 change->at, change->field, change->value, change->hlc };

  g_string_append_printf (out, "{\"version\":%" G_GINT64_FORMAT, change->version);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_string_append (out, ",\"");
      g_string_append (out, names[i]);
      g_string_append (out, "\":");
      desk_json_append_string (out, values[i]);
    }
  g_string_append_c (out, '}');
}

DeskChange *
desk_pulled_change_to_change (const DeskPulledChange *pulled)
{
  DeskChange *change;

  g_return_val_if_fail (pulled != NULL, NULL);

  /* Create-or-update: the write path makes the row if this desk lacks it. */
  if (g_strcmp0 (pulled->field, "deleted") == 0 && g_strcmp0 (pulled->value, "1") == 0)
    change = desk_change_new_delete (pulled->table, pulled->record);
  else
    change = desk_change_new_create_with_id (pulled->table, pulled->record, pulled->action);
  desk_change_set_origin (change, DESK_ORIGIN_REMOTE, pulled->author);
  desk_change_set_at (change, pulled->at);
  if (desk_change_get_op (change) == DESK_CHANGE_DELETE)
    desk_change_set_stamped (change, "deleted", "1", pulled->hlc);
  else
    desk_change_set_stamped (change, pulled->field, pulled->value, pulled->hlc);
  return change;
}

gboolean
desk_pulled_change_join (DeskChange             *change,
                         const DeskPulledChange *pulled)
{
  g_return_val_if_fail (change != NULL, FALSE);
  g_return_val_if_fail (pulled != NULL, FALSE);

  /* Only the next field of the same record from the same author at the
   * same moment, and never a tombstone or a field set twice: the write
   * path then does for the whole change what it did field by field. */
  if (desk_change_get_op (change) != DESK_CHANGE_CREATE ||
      desk_change_get_origin (change) != DESK_ORIGIN_REMOTE ||
      g_strcmp0 (pulled->field, "deleted") == 0 ||
      g_strcmp0 (desk_change_get_id (change), pulled->record) != 0 ||
      g_strcmp0 (desk_change_get_table (change), pulled->table) != 0 ||
      g_strcmp0 (desk_change_get_action (change), pulled->action) != 0 ||
      g_strcmp0 (desk_change_get_author (change), pulled->author) != 0 ||
      g_strcmp0 (desk_change_get_at (change), pulled->at) != 0 ||
      desk_change_lookup (change, pulled->field, NULL, NULL))
    return FALSE;
  desk_change_set_stamped (change, pulled->field, pulled->value, pulled->hlc);
  return TRUE;
}
