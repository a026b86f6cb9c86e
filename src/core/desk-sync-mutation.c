#define G_LOG_DOMAIN "desk-sync-protocol"

#include "config.h"

#include <string.h>

#include "desk-sync-protocol-private.h"

/* A mutation: one local change as the outbox keeps it and a push carries
 * it (record.*.v1, docs/sync-protocol.md). */

static void
mutation_field_free (DeskMutationField *field)
{
  g_free (field->field);
  g_free (field->value);
  g_free (field->hlc);
  g_free (field->base);
  g_free (field);
}

void
desk_mutation_free (DeskMutation *mutation)
{
  if (mutation == NULL)
    return;
  g_free (mutation->table);
  g_free (mutation->record);
  g_free (mutation->action);
  g_free (mutation->author);
  g_free (mutation->at);
  g_ptr_array_unref (mutation->fields);
  g_free (mutation);
}

static gboolean
parse_op (const char    *name,
          DeskChangeOp  *op)
{
  if (g_strcmp0 (name, "record.create.v1") == 0)
    *op = DESK_CHANGE_CREATE;
  else if (g_strcmp0 (name, "record.update.v1") == 0)
    *op = DESK_CHANGE_UPDATE;
  else if (g_strcmp0 (name, "record.delete.v1") == 0)
    *op = DESK_CHANGE_DELETE;
  else
    return FALSE;
  return TRUE;
}

static const char *
op_name (DeskChangeOp op)
{
  switch (op)
    {
    case DESK_CHANGE_CREATE: return "record.create.v1";
    case DESK_CHANGE_UPDATE: return "record.update.v1";
    case DESK_CHANGE_DELETE: return "record.delete.v1";
    default: g_assert_not_reached ();
    }
}

/* A table or field name: what a newer desk may send that this side does
 * not know yet, so it is only checked for its form here; whether it exists
 * is a rule (the server rejects that one mutation, docs/sync-protocol.md). */
static gboolean
is_name (const char *text)
{
  gsize length = strlen (text);

  if (length == 0 || length > 64 || !g_ascii_islower (*text))
    return FALSE;
  for (const char *c = text; *c; c++)
    if (!g_ascii_islower (*c) && !g_ascii_isdigit (*c) && *c != '_')
      return FALSE;
  return TRUE;
}

static gboolean
parse_fields (JsonObject    *fields,
              DeskMutation  *mutation,
              GError       **error)
{
  static const char *const allowed[] = { "value", "hlc", "base", NULL };
  g_autoptr(GList) names = json_object_get_members (fields);

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (fields, name);
      g_autofree char *what = NULL;
      DeskMutationField *field;
      JsonObject *object;

      if (!is_name (name))
        return desk_sync_malformed (error, "mutation %" G_GINT64_FORMAT " has a field whose name is not "
                                    "1–64 lower-case letters, digits and “_”", mutation->id);
      what = g_strdup_printf ("field “%s” of mutation %" G_GINT64_FORMAT, name, mutation->id);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return desk_sync_malformed (error, "%s must be an object", what);
      object = json_node_get_object (node);
      if (!desk_sync_json_only_members (object, what, allowed, error))
        return FALSE;

      field = g_new0 (DeskMutationField, 1);
      g_ptr_array_add (mutation->fields, field);
      field->field = g_strdup (name);
      if (!desk_sync_json_get_string (object, what, "value", TRUE, TRUE, &field->value, error) ||
          !desk_sync_json_get_string (object, what, "hlc", TRUE, FALSE, &field->hlc, error) ||
          !desk_sync_json_get_string (object, what, "base", FALSE, TRUE, &field->base, error) ||
          !desk_sync_json_check_hlc (field->hlc, what, error) ||
          !desk_sync_json_check_hlc (field->base, what, error))
        return FALSE;
    }
  return TRUE;
}

DeskMutation *
desk_mutation_from_json (JsonObject  *object,
                         GError     **error)
{
  static const char *const allowed[] = {
    "id", "name", "table", "record", "action", "author", "at", "fields", NULL
  };
  g_autoptr(DeskMutation) mutation = g_new0 (DeskMutation, 1);
  g_autofree char *name = NULL;
  JsonNode *fields;

  g_return_val_if_fail (object != NULL, NULL);

  mutation->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) mutation_field_free);
  if (!desk_sync_json_only_members (object, "a mutation", allowed, error) ||
      !desk_sync_json_get_int (object, "a mutation", "id", TRUE, 1, &mutation->id, error) ||
      !desk_sync_json_get_string (object, "a mutation", "name", TRUE, FALSE, &name, error) ||
      !desk_sync_json_get_string (object, "a mutation", "table", TRUE, FALSE, &mutation->table, error) ||
      !desk_sync_json_get_string (object, "a mutation", "record", TRUE, FALSE, &mutation->record, error) ||
      !desk_sync_json_get_string (object, "a mutation", "action", FALSE, TRUE, &mutation->action, error) ||
      !desk_sync_json_get_string (object, "a mutation", "author", FALSE, TRUE, &mutation->author, error) ||
      !desk_sync_json_get_string (object, "a mutation", "at", FALSE, TRUE, &mutation->at, error))
    return NULL;

  if (!parse_op (name, &mutation->op))
    {
      desk_sync_malformed (error, "mutation %" G_GINT64_FORMAT " has an unknown name “%s”", mutation->id, name);
      return NULL;
    }
  if (!is_name (mutation->table))
    {
      desk_sync_malformed (error, "mutation %" G_GINT64_FORMAT " has a “table” that is not 1–64 lower-case "
                           "letters, digits and “_”", mutation->id);
      return NULL;
    }
  if (*mutation->record == '\0' || strlen (mutation->record) > 64)
    {
      desk_sync_malformed (error, "mutation %" G_GINT64_FORMAT " has a bad record id", mutation->id);
      return NULL;
    }

  fields = json_object_get_member (object, "fields");
  if (fields == NULL || !JSON_NODE_HOLDS_OBJECT (fields))
    {
      desk_sync_malformed (error, "mutation %" G_GINT64_FORMAT " needs a “fields” object", mutation->id);
      return NULL;
    }
  if (!parse_fields (json_node_get_object (fields), mutation, error))
    return NULL;

  return g_steal_pointer (&mutation);
}

DeskMutation *
desk_mutation_from_payload (gint64       id,
                            const char  *payload,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  object = desk_sync_json_parse_object (payload, strlen (payload), parser, error);
  if (object == NULL)
    return NULL;
  /* The outbox keeps the id in its own column. */
  json_object_set_int_member (object, "id", id);
  return desk_mutation_from_json (object, error);
}

char *
desk_mutation_json_from_payload (gint64       id,
                                 const char  *payload,
                                 GError     **error)
{
  g_return_val_if_fail (payload != NULL, NULL);

  /* How mutation_payload() in desk-write-log.c begins and ends. */
  if (!g_str_has_prefix (payload, "{\"name\":\"record.") || !g_str_has_suffix (payload, "}") ||
      !g_utf8_validate (payload, -1, NULL))
    {
      desk_sync_malformed (error, "the outbox entry is not a mutation this desk wrote");
      return NULL;
    }
  return g_strdup_printf ("{\"id\":%" G_GINT64_FORMAT ",%s", id, payload + 1);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_int_member (JsonBuilder *builder,
                const char  *name,
                gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
desk_mutation_to_json (const DeskMutation *mutation,
                       JsonBuilder        *builder)
{
  json_builder_begin_object (builder);
  add_int_member (builder, "id", mutation->id);
  add_string_member (builder, "name", op_name (mutation->op));
  add_string_member (builder, "table", mutation->table);
  add_string_member (builder, "record", mutation->record);
  add_string_member (builder, "action", mutation->action);
  add_string_member (builder, "author", mutation->author);
  add_string_member (builder, "at", mutation->at);
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_object (builder);
  for (guint i = 0; i < mutation->fields->len; i++)
    {
      DeskMutationField *field = g_ptr_array_index (mutation->fields, i);

      json_builder_set_member_name (builder, field->field);
      json_builder_begin_object (builder);
      add_string_member (builder, "value", field->value);
      add_string_member (builder, "hlc", field->hlc);
      add_string_member (builder, "base", field->base);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}
