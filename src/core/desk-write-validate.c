#define G_LOG_DOMAIN "desk-write"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-field-value.h"
#include "desk-schema.h"
#include "desk-write-private.h"

/* The write path's check of a change before anything is written: each
 * field it sets must be one its record type has and hold a value of that
 * field's kind, said in a message a person can act on. */

/* Collect and check the fields the change sets. */
gboolean
desk_write_collect_fields (DeskApply  *apply,
                           GError    **error)
{
  const GPtrArray *fields = desk_change_get_fields (apply->change);

  if (desk_change_get_op (apply->change) == DESK_CHANGE_DELETE)
    {
      DeskFieldChange fc = { "deleted", NULL, "1", NULL, NULL };

      g_array_append_val (apply->changed, fc);
      return TRUE;
    }

  for (guint i = 0; i < fields->len; i++)
    {
      const char *name = g_ptr_array_index (fields, i);
      const DeskField *field = desk_schema_find_field (apply->type, name);
      const char *value = NULL;
      char *normalized = NULL;
      DeskFieldChange fc = { NULL, NULL, NULL, NULL, NULL };

      if (field == NULL)
        return desk_write_fail (error, DESK_STORE_ERROR_INVALID,
                                _("A %s record has no field “%s”"), apply->type->table, name);
      desk_change_lookup (apply->change, name, &value, NULL);
      fc.field = field->name;
      if (!desk_field_value_check (apply->type, field, value, &normalized, error))
        return FALSE;
      fc.new_value = value;
      if (normalized != NULL)
        {
          g_ptr_array_add (apply->owned, normalized);
          fc.new_value = normalized;
        }
      else if (value != NULL && *value == '\0' && field->kind != DESK_FIELD_TEXT)
        fc.new_value = NULL;
      g_array_append_val (apply->changed, fc);
    }
  return TRUE;
}
