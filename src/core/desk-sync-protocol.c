#define G_LOG_DOMAIN "desk-sync-protocol"

#include "config.h"

#include <string.h>

#include "desk-hlc.h"
#include "desk-json-text.h"
#include "desk-schema.h"
#include "desk-sync-protocol.h"

G_DEFINE_QUARK (desk-sync-error-quark, desk_sync_error)

#define MAX_BODY (4 * 1024 * 1024)

static gboolean
malformed (GError     **error,
           const char  *format,
           ...) G_GNUC_PRINTF (2, 3);

static gboolean
malformed (GError     **error,
           const char  *format,
           ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (DESK_SYNC_ERROR, DESK_SYNC_ERROR_MALFORMED, format, args));
  va_end (args);
  return FALSE;
}

/* Every member must be one we know: a typo is an error, not silence. */
static gboolean
only_members (JsonObject         *object,
              const char         *what,
              const char *const  *allowed,
              GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      return malformed (error, "unknown member “%s” in %s", (const char *) l->data, what);
  return TRUE;
}

/* The member @name in *@node (NULL when absent): FALSE when it is required
 * and absent. */
static gboolean
get_member (JsonObject  *object,
            const char  *what,
            const char  *name,
            gboolean     required,
            JsonNode   **node,
            GError     **error)
{
  *node = json_object_get_member (object, name);
  return *node != NULL || !required || malformed (error, "%s lacks “%s”", what, name);
}

/* A string member; NULL allowed only when @nullable. */
static gboolean
get_string (JsonObject   *object,
            const char   *what,
            const char   *name,
            gboolean      required,
            gboolean      nullable,
            char        **out,
            GError      **error)
{
  JsonNode *node;

  *out = NULL;
  if (!get_member (object, what, name, required, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_NULL (node))
    return nullable ? TRUE : malformed (error, "“%s” in %s may not be null", name, what);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return malformed (error, "“%s” in %s must be a string", name, what);
  if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
    return malformed (error, "“%s” in %s is not UTF-8", name, what);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
get_int (JsonObject  *object,
         const char  *what,
         const char  *name,
         gboolean     required,
         gint64       min,
         gint64      *out,
         GError     **error)
{
  JsonNode *node;

  if (!get_member (object, what, name, required, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return malformed (error, "“%s” in %s must be a whole number", name, what);
  *out = json_node_get_int (node);
  if (*out < min)
    return malformed (error, "“%s” in %s must be at least %" G_GINT64_FORMAT, name, what, min);
  return TRUE;
}

static gboolean
check_hlc (const char  *hlc,
           const char  *what,
           GError     **error)
{
  DeskHlc parsed;

  if (hlc != NULL && !desk_hlc_parse (hlc, &parsed))
    return malformed (error, "%s has a bad clock stamp", what);
  return TRUE;
}

/* json-glib parses recursively: a body of 200,000 "[" would overflow the
 * stack. Count the nesting first, outside strings. @end is set to the
 * offset just after the first top-level object or array closes (or
 * @length when none does). */
static gboolean
scan_json (const char  *data,
           gsize        length,
           guint        max_depth,
           gsize       *end,
           GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  *end = length;
  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            {
              g_set_error (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_MALFORMED,
                           "the JSON nests deeper than %u levels", max_depth);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        {
          if (--depth == 0 && *end == length)
            *end = i + 1;
        }
    }
  return TRUE;
}

gboolean
desk_sync_check_json_depth (const char  *data,
                            gsize        length,
                            guint        max_depth,
                            GError     **error)
{
  gsize end;

  return scan_json (data, length, max_depth, &end, error);
}

static gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* One object and nothing else. json-glib reads value after value until the
 * end (and drops, leaking, all but one): "1{…}" or "{…}{…}" are not a body. */
static gboolean
check_one_object (const char  *body,
                  gsize        length,
                  GError     **error)
{
  gsize start = 0;
  gsize end;

  if (!scan_json (body, length, DESK_SYNC_MAX_JSON_DEPTH, &end, error))
    return FALSE;
  while (start < length && is_json_space (body[start]))
    start++;
  if (start == length || body[start] != '{')
    return malformed (error, "the body must be a JSON object");
  for (gsize i = end; i < length; i++)
    if (!is_json_space (body[i]))
      return malformed (error, "the body holds more than one JSON value");
  return TRUE;
}

static JsonObject *
parse_object (const char  *body,
              gsize        length,
              JsonParser  *parser,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (length > MAX_BODY)
    {
      g_set_error (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_TOO_LARGE,
                   "the body is larger than %d bytes", MAX_BODY);
      return NULL;
    }
  if (!check_one_object (body, length, error))
    return NULL;
  if (!json_parser_load_from_data (parser, body, length, &local_error))
    {
      malformed (error, "not JSON: %s", local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      malformed (error, "the body must be a JSON object");
      return NULL;
    }
  return json_node_get_object (root);
}

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
        return malformed (error, "mutation %" G_GINT64_FORMAT " has a field whose name is not "
                          "1–64 lower-case letters, digits and “_”", mutation->id);
      what = g_strdup_printf ("field “%s” of mutation %" G_GINT64_FORMAT, name, mutation->id);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return malformed (error, "%s must be an object", what);
      object = json_node_get_object (node);
      if (!only_members (object, what, allowed, error))
        return FALSE;

      field = g_new0 (DeskMutationField, 1);
      g_ptr_array_add (mutation->fields, field);
      field->field = g_strdup (name);
      if (!get_string (object, what, "value", TRUE, TRUE, &field->value, error) ||
          !get_string (object, what, "hlc", TRUE, FALSE, &field->hlc, error) ||
          !get_string (object, what, "base", FALSE, TRUE, &field->base, error) ||
          !check_hlc (field->hlc, what, error) ||
          !check_hlc (field->base, what, error))
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
  if (!only_members (object, "a mutation", allowed, error) ||
      !get_int (object, "a mutation", "id", TRUE, 1, &mutation->id, error) ||
      !get_string (object, "a mutation", "name", TRUE, FALSE, &name, error) ||
      !get_string (object, "a mutation", "table", TRUE, FALSE, &mutation->table, error) ||
      !get_string (object, "a mutation", "record", TRUE, FALSE, &mutation->record, error) ||
      !get_string (object, "a mutation", "action", FALSE, TRUE, &mutation->action, error) ||
      !get_string (object, "a mutation", "author", FALSE, TRUE, &mutation->author, error) ||
      !get_string (object, "a mutation", "at", FALSE, TRUE, &mutation->at, error))
    return NULL;

  if (!parse_op (name, &mutation->op))
    {
      malformed (error, "mutation %" G_GINT64_FORMAT " has an unknown name “%s”", mutation->id, name);
      return NULL;
    }
  if (!is_name (mutation->table))
    {
      malformed (error, "mutation %" G_GINT64_FORMAT " has a “table” that is not 1–64 lower-case "
                 "letters, digits and “_”", mutation->id);
      return NULL;
    }
  if (*mutation->record == '\0' || strlen (mutation->record) > 64)
    {
      malformed (error, "mutation %" G_GINT64_FORMAT " has a bad record id", mutation->id);
      return NULL;
    }

  fields = json_object_get_member (object, "fields");
  if (fields == NULL || !JSON_NODE_HOLDS_OBJECT (fields))
    {
      malformed (error, "mutation %" G_GINT64_FORMAT " needs a “fields” object", mutation->id);
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

  object = parse_object (payload, strlen (payload), parser, error);
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

  /* How mutation_payload() in desk-write.c begins and ends. */
  if (!g_str_has_prefix (payload, "{\"name\":\"record.") || !g_str_has_suffix (payload, "}") ||
      !g_utf8_validate (payload, -1, NULL))
    {
      malformed (error, "the outbox entry is not a mutation this desk wrote");
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

static gboolean
check_schema_and_client (JsonObject  *object,
                         const char  *what,
                         int         *schema,
                         char       **client_id,
                         GError     **error)
{
  gint64 value = 0;

  if (!get_int (object, what, "schema", TRUE, 1, &value, error) ||
      !get_string (object, what, "client_id", TRUE, FALSE, client_id, error))
    return FALSE;
  if (value > G_MAXINT)
    return malformed (error, "“schema” in %s is out of range", what);
  if (**client_id == '\0' || strlen (*client_id) > 64)
    return malformed (error, "“client_id” in %s must be 1–64 characters", what);
  *schema = (int) value;
  return TRUE;
}

void
desk_push_request_free (DeskPushRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->client_id);
  g_clear_pointer (&request->mutations, g_ptr_array_unref);
  g_free (request);
}

DeskPushRequest *
desk_push_request_parse (const char  *body,
                         gsize        length,
                         GError     **error)
{
  static const char *const allowed[] = { "schema", "client_id", "mutations", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(DeskPushRequest) request = g_new0 (DeskPushRequest, 1);
  JsonObject *object;
  JsonNode *mutations;
  JsonArray *array;

  g_return_val_if_fail (body != NULL || length == 0, NULL);

  request->mutations = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_mutation_free);
  object = parse_object (body ? body : "", length, parser, error);
  if (object == NULL ||
      !only_members (object, "a push", allowed, error) ||
      !check_schema_and_client (object, "a push", &request->schema, &request->client_id, error))
    return NULL;

  mutations = json_object_get_member (object, "mutations");
  if (mutations == NULL || !JSON_NODE_HOLDS_ARRAY (mutations))
    {
      malformed (error, "a push needs a “mutations” array");
      return NULL;
    }
  array = json_node_get_array (mutations);
  if (json_array_get_length (array) > DESK_SYNC_MAX_BATCH)
    {
      g_set_error (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_TOO_LARGE,
                   "a push may carry at most %d mutations", DESK_SYNC_MAX_BATCH);
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      DeskMutation *mutation;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          malformed (error, "mutation %u of the push is not an object", i + 1);
          return NULL;
        }
      mutation = desk_mutation_from_json (json_node_get_object (node), error);
      if (mutation == NULL)
        return NULL;
      g_ptr_array_add (request->mutations, mutation);
    }

  return g_steal_pointer (&request);
}

void
desk_pull_request_free (DeskPullRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->client_id);
  g_free (request);
}

DeskPullRequest *
desk_pull_request_parse (const char  *body,
                         gsize        length,
                         GError     **error)
{
  static const char *const allowed[] = { "schema", "client_id", "after", "limit", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(DeskPullRequest) request = g_new0 (DeskPullRequest, 1);
  JsonObject *object;
  gint64 limit = DESK_SYNC_MAX_BATCH;   /* what desks asked before pages grew */

  object = parse_object (body ? body : "", length, parser, error);
  if (object == NULL ||
      !only_members (object, "a pull", allowed, error) ||
      !check_schema_and_client (object, "a pull", &request->schema, &request->client_id, error) ||
      !get_int (object, "a pull", "after", TRUE, 0, &request->after, error) ||
      !get_int (object, "a pull", "limit", FALSE, 1, &limit, error))
    return NULL;

  request->limit = (guint) MIN (limit, DESK_SYNC_MAX_PULL);
  return g_steal_pointer (&request);
}

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

  if (!only_members (object, "a pulled change", allowed, error) ||
      !get_int (object, "a pulled change", "version", TRUE, 1, &change->version, error) ||
      !get_string (object, "a pulled change", "table", TRUE, FALSE, &change->table, error) ||
      !get_string (object, "a pulled change", "record", TRUE, FALSE, &change->record, error) ||
      !get_string (object, "a pulled change", "action", FALSE, TRUE, &change->action, error) ||
      !get_string (object, "a pulled change", "author", FALSE, TRUE, &change->author, error) ||
      !get_string (object, "a pulled change", "at", FALSE, TRUE, &change->at, error) ||
      !get_string (object, "a pulled change", "field", TRUE, FALSE, &change->field, error) ||
      !get_string (object, "a pulled change", "value", TRUE, TRUE, &change->value, error) ||
      !get_string (object, "a pulled change", "hlc", TRUE, FALSE, &change->hlc, error) ||
      !check_hlc (change->hlc, "a pulled change", error))
    return NULL;

  type = desk_schema_lookup (change->table);
  if (type == NULL)
    {
      malformed (error, "a pulled change names no record type (“%s”)", change->table);
      return NULL;
    }
  if (g_strcmp0 (change->field, "deleted") != 0 && desk_schema_find_field (type, change->field) == NULL)
    {
      malformed (error, "a %s record has no field “%s”", change->table, change->field);
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
