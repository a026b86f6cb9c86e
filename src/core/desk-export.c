#define G_LOG_DOMAIN "desk-export"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "desk-export.h"
#include "desk-query.h"
#include "desk-schema.h"

/* Written after "id" and "action", around the record's own fields. */
static const char *const stamp_columns[] = {
  "created_at", "created_by", "updated_at", "updated_by",
};

static gboolean
write_text (GOutputStream  *out,
            const char     *text,
            GError        **error)
{
  return g_output_stream_write_all (out, text, strlen (text), NULL, NULL, error);
}

/* A JSON string literal, escaped by json-glib rather than by hand. */
static char *
json_string (const char *value)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, value);
  return json_to_string (node, FALSE);
}

static void
add_member (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static char *
record_to_json (const DeskRecordType *type,
                const DeskRow        *row,
                guint                 n_fields)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint column = 0;

  json_builder_begin_object (builder);
  add_member (builder, "id", row->id);
  add_member (builder, "action", row->values[column++]);
  for (guint i = 0; i < n_fields; i++)
    add_member (builder, type->fields[i].name, row->values[column++]);
  for (guint i = 0; i < G_N_ELEMENTS (stamp_columns); i++)
    add_member (builder, stamp_columns[i], row->values[column++]);
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_boolean_value (builder, g_strcmp0 (row->values[column], "0") != 0);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

typedef struct
{
  const DeskRecordType *type;
  GOutputStream        *out;
  guint                 n_fields;
  guint                 n_written;
  GError               *error;
} ExportTable;

static gboolean
write_record_cb (const DeskRow *row,
                 gpointer       user_data)
{
  ExportTable *export = user_data;
  g_autofree char *json = record_to_json (export->type, row, export->n_fields);

  if (!write_text (export->out, export->n_written == 0 ? "\n      " : ",\n      ", &export->error) ||
      !write_text (export->out, json, &export->error))
    return FALSE;
  export->n_written++;
  return TRUE;
}

static gboolean
export_table (DeskStore             *store,
              const DeskRecordType  *type,
              GOutputStream         *out,
              GError               **error)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  ExportTable export = { type, out, 0, 0, NULL };

  g_ptr_array_add (columns, (gpointer) "action");
  for (const DeskField *field = type->fields; field->name != NULL; field++, export.n_fields++)
    g_ptr_array_add (columns, (gpointer) field->name);
  for (guint i = 0; i < G_N_ELEMENTS (stamp_columns); i++)
    g_ptr_array_add (columns, (gpointer) stamp_columns[i]);
  g_ptr_array_add (columns, (gpointer) "deleted");
  g_ptr_array_add (columns, NULL);

  /* Tombstones too: an export is everything the desk holds. */
  if (!desk_query_foreach (store, type->table, TRUE, (const char *const *) columns->pdata,
                           write_record_cb, &export, error))
    return FALSE;
  if (export.error != NULL)
    {
      g_propagate_error (error, export.error);
      return FALSE;
    }

  return write_text (out, export.n_written > 0 ? "\n    ]" : "]", error);
}

gboolean
desk_export_json (DeskStore     *store,
                  GOutputStream *out,
                  GError       **error)
{
  const DeskRecordType *const *types = desk_schema_types ();
  g_autoptr(GOutputStream) buffered = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *exported_at = NULL;
  g_autofree char *head = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* One small write per record: buffer them rather than make a syscall each. */
  buffered = g_buffered_output_stream_new_sized (out, 64 * 1024);
  g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (buffered), FALSE);

  now = g_date_time_new_now_utc ();
  exported_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  head = g_strdup_printf ("{\n  \"schema\": %d,\n  \"exported_at\": \"%s\",\n  \"records\": {",
                          desk_store_get_schema_version (store), exported_at);
  if (!write_text (buffered, head, error))
    return FALSE;

  /* Tables go out one by one so a large desk never sits in memory as a
   * single JSON tree. */
  for (guint i = 0; types[i] != NULL; i++)
    {
      g_autofree char *name = json_string (types[i]->table);
      g_autofree char *opening = g_strdup_printf ("%s\n    %s: [", i == 0 ? "" : ",", name);

      if (!write_text (buffered, opening, error) ||
          !export_table (store, types[i], buffered, error))
        return FALSE;
    }

  return write_text (buffered, "\n  }\n}\n", error) &&
         g_output_stream_flush (buffered, NULL, error);
}
