#define G_LOG_DOMAIN "desk-field-value"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-field-value.h"
#include "desk-store.h"

static const char *
kind_name (DeskFieldKind kind)
{
  switch (kind)
    {
    case DESK_FIELD_TIME:
      return _("a time like 2026-11-22T14:30:00Z");
    case DESK_FIELD_INTEGER:
      return _("a whole number");
    case DESK_FIELD_TEXT:
    case DESK_FIELD_REFERENCE:
    default:
      return _("text");
    }
}

/* "must be a whole number, not “x”" for the person who typed it; without
 * the value where it would travel further. */
static void
set_wrong_kind (GError               **error,
                const DeskRecordType  *type,
                const DeskField       *field,
                const char            *value,
                gboolean               quote)
{
  if (quote)
    g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                 _("The %s field “%s” must be %s, not “%s”"),
                 type->table, field->name, kind_name (field->kind), value);
  else
    g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                 _("The %s field “%s” must be %s"),
                 type->table, field->name, kind_name (field->kind));
}

static gboolean
check_value (const DeskRecordType  *type,
             const DeskField       *field,
             const char            *value,
             gboolean               quote,
             char                 **normalized,
             GError               **error)
{
  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (normalized != NULL, FALSE);

  *normalized = NULL;
  if (value == NULL || (*value == '\0' && field->kind != DESK_FIELD_TEXT))
    return TRUE;

  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                   _("The %s field “%s” is not valid UTF-8 text"), type->table, field->name);
      return FALSE;
    }

  if (field->kind == DESK_FIELD_TIME)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (value, utc);
      g_autoptr(GDateTime) in_utc = NULL;

      if (time == NULL)
        {
          set_wrong_kind (error, type, field, value, quote);
          return FALSE;
        }
      in_utc = g_date_time_to_utc (time);
      *normalized = g_date_time_format (in_utc, "%Y-%m-%dT%H:%M:%SZ");
    }
  else if (field->kind == DESK_FIELD_INTEGER &&
           !g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, NULL, NULL))
    {
      set_wrong_kind (error, type, field, value, quote);
      return FALSE;
    }

  return TRUE;
}

gboolean
desk_field_value_check (const DeskRecordType  *type,
                        const DeskField       *field,
                        const char            *value,
                        char                 **normalized,
                        GError               **error)
{
  return check_value (type, field, value, TRUE, normalized, error);
}

gboolean
desk_field_value_check_unquoted (const DeskRecordType  *type,
                                 const DeskField       *field,
                                 const char            *value,
                                 char                 **normalized,
                                 GError               **error)
{
  return check_value (type, field, value, FALSE, normalized, error);
}
