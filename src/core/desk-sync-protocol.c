#define G_LOG_DOMAIN "desk-sync-protocol"

#include "config.h"

#include <string.h>

#include "desk-sync-protocol-private.h"

/* The push and pull request bodies (docs/sync-protocol.md). Reading their
 * JSON is desk-sync-json.c, a mutation desk-sync-mutation.c, a pulled
 * change desk-sync-pulled-change.c. */

G_DEFINE_QUARK (desk-sync-error-quark, desk_sync_error)

static gboolean
check_schema_and_client (JsonObject  *object,
                         const char  *what,
                         int         *schema,
                         char       **client_id,
                         GError     **error)
{
  gint64 value = 0;

  if (!desk_sync_json_get_int (object, what, "schema", TRUE, 1, &value, error) ||
      !desk_sync_json_get_string (object, what, "client_id", TRUE, FALSE, client_id, error))
    return FALSE;
  if (value > G_MAXINT)
    return desk_sync_malformed (error, "“schema” in %s is out of range", what);
  if (**client_id == '\0' || strlen (*client_id) > 64)
    return desk_sync_malformed (error, "“client_id” in %s must be 1–64 characters", what);
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
  object = desk_sync_json_parse_object (body ? body : "", length, parser, error);
  if (object == NULL ||
      !desk_sync_json_only_members (object, "a push", allowed, error) ||
      !check_schema_and_client (object, "a push", &request->schema, &request->client_id, error))
    return NULL;

  mutations = json_object_get_member (object, "mutations");
  if (mutations == NULL || !JSON_NODE_HOLDS_ARRAY (mutations))
    {
      desk_sync_malformed (error, "a push needs a “mutations” array");
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
          desk_sync_malformed (error, "mutation %u of the push is not an object", i + 1);
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

  object = desk_sync_json_parse_object (body ? body : "", length, parser, error);
  if (object == NULL ||
      !desk_sync_json_only_members (object, "a pull", allowed, error) ||
      !check_schema_and_client (object, "a pull", &request->schema, &request->client_id, error) ||
      !desk_sync_json_get_int (object, "a pull", "after", TRUE, 0, &request->after, error) ||
      !desk_sync_json_get_int (object, "a pull", "limit", FALSE, 1, &limit, error))
    return NULL;

  request->limit = (guint) MIN (limit, DESK_SYNC_MAX_PULL);
  return g_steal_pointer (&request);
}
