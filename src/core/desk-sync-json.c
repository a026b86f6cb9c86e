#define G_LOG_DOMAIN "desk-sync-protocol"

#include "config.h"

#include "desk-hlc.h"
#include "desk-sync-protocol-private.h"

/* Strict reading of the protocol's JSON: one object per body, no deeper
 * than the parser's stack can take, members of the known types only. */

#define MAX_BODY (4 * 1024 * 1024)

gboolean
desk_sync_malformed (GError     **error,
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
gboolean
desk_sync_json_only_members (JsonObject         *object,
                             const char         *what,
                             const char *const  *allowed,
                             GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      return desk_sync_malformed (error, "unknown member “%s” in %s", (const char *) l->data, what);
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
  return *node != NULL || !required || desk_sync_malformed (error, "%s lacks “%s”", what, name);
}

/* A string member; NULL allowed only when @nullable. */
gboolean
desk_sync_json_get_string (JsonObject   *object,
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
    return nullable ? TRUE : desk_sync_malformed (error, "“%s” in %s may not be null", name, what);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return desk_sync_malformed (error, "“%s” in %s must be a string", name, what);
  if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
    return desk_sync_malformed (error, "“%s” in %s is not UTF-8", name, what);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

gboolean
desk_sync_json_get_int (JsonObject  *object,
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
    return desk_sync_malformed (error, "“%s” in %s must be a whole number", name, what);
  *out = json_node_get_int (node);
  if (*out < min)
    return desk_sync_malformed (error, "“%s” in %s must be at least %" G_GINT64_FORMAT, name, what, min);
  return TRUE;
}

gboolean
desk_sync_json_check_hlc (const char  *hlc,
                          const char  *what,
                          GError     **error)
{
  DeskHlc parsed;

  if (hlc != NULL && !desk_hlc_parse (hlc, &parsed))
    return desk_sync_malformed (error, "%s has a bad clock stamp", what);
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
    return desk_sync_malformed (error, "the body must be a JSON object");
  for (gsize i = end; i < length; i++)
    if (!is_json_space (body[i]))
      return desk_sync_malformed (error, "the body holds more than one JSON value");
  return TRUE;
}

JsonObject *
desk_sync_json_parse_object (const char  *body,
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
      desk_sync_malformed (error, "not JSON: %s", local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      desk_sync_malformed (error, "the body must be a JSON object");
      return NULL;
    }
  return json_node_get_object (root);
}
