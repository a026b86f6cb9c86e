#define G_LOG_DOMAIN "desk-server-http"

#include "config.h"

#include <string.h>

#include "desk-server-http.h"
#include "desk-sync-protocol.h"

typedef struct
{
  gsize    limit;
  guint64  received;
  gboolean too_large;
} BodyWatch;

void
desk_http_reply_builder (SoupServerMessage *msg,
                         guint              status,
                         JsonBuilder       *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  gsize length = 0;
  char *data;

  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);

  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, data, length);
}

void
desk_http_reply_text (SoupServerMessage *msg,
                      guint              status,
                      GString           *json)
{
  gsize length = json->len;

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control", "no-store");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    g_string_free (json, FALSE), length);
}

static void
begin_error (JsonBuilder *builder,
             const char  *code,
             const char  *message)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, code);
  if (message != NULL)
    {
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, message);
    }
}

void
desk_http_reply_error (SoupServerMessage *msg,
                       guint              status,
                       const char        *code,
                       const char        *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  begin_error (builder, code, message);
  json_builder_end_object (builder);
  desk_http_reply_builder (msg, status, builder);
}

void
desk_http_reply_slow_down (SoupServerMessage *msg,
                           gint64             retry_after,
                           const char        *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *seconds = NULL;

  retry_after = MAX (retry_after, 1);
  seconds = g_strdup_printf ("%" G_GINT64_FORMAT, retry_after);
  begin_error (builder, "slow_down", message);
  json_builder_set_member_name (builder, "retry_after");
  json_builder_add_int_value (builder, retry_after);
  json_builder_end_object (builder);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", seconds);
  desk_http_reply_builder (msg, DESK_HTTP_TOO_MANY_REQUESTS, builder);
}

void
desk_http_reply_sync_error (SoupServerMessage *msg,
                            const GError      *error)
{
  if (error->domain != DESK_SYNC_ERROR)
    {
      desk_http_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal",
                             "The server could not handle the request");
      return;
    }

  switch ((DeskSyncError) error->code)
    {
    case DESK_SYNC_ERROR_MALFORMED:
      desk_http_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "malformed", error->message);
      break;
    case DESK_SYNC_ERROR_TOO_LARGE:
      desk_http_reply_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large", error->message);
      break;
    case DESK_SYNC_ERROR_SCHEMA:
      desk_http_reply_error (msg, DESK_HTTP_UPGRADE_REQUIRED, "upgrade_client", error->message);
      break;
    case DESK_SYNC_ERROR_AUTH:
      desk_http_reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "bad_token", error->message);
      break;
    case DESK_SYNC_ERROR_GAP:
      desk_http_reply_error (msg, SOUP_STATUS_CONFLICT, "gap", error->message);
      break;
    case DESK_SYNC_ERROR_FAILED:
    default:
      desk_http_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal",
                             "The server could not handle the request");
      break;
    }
}

char *
desk_http_dup_bearer (SoupServerMessage *msg)
{
  const char *header;

  header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                         "Authorization");
  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    return NULL;
  header += 7;
  while (*header == ' ')
    header++;
  return *header ? g_strstrip (g_strdup (header)) : NULL;
}

GBytes *
desk_http_get_body (SoupServerMessage *msg)
{
  return soup_message_body_flatten (soup_server_message_get_request_body (msg));
}

static void
mark_too_large (SoupServerMessage *msg,
                BodyWatch         *watch)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  watch->too_large = TRUE;
  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_truncate (body);
}

static void
on_request_got_headers_cb (SoupServerMessage *msg,
                           BodyWatch         *watch)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > (goffset) watch->limit)
    mark_too_large (msg, watch);
}

static void
on_request_got_chunk_cb (SoupServerMessage *msg,
                         GBytes            *chunk,
                         BodyWatch         *watch)
{
  watch->received += g_bytes_get_size (chunk);
  if (!watch->too_large && watch->received > watch->limit)
    mark_too_large (msg, watch);
}

void
desk_http_watch_body (SoupServerMessage *msg,
                      gsize              limit)
{
  BodyWatch *watch = g_new0 (BodyWatch, 1);

  watch->limit = limit;
  g_object_set_data_full (G_OBJECT (msg), "desk-body-watch", watch, g_free);
  g_signal_connect (msg, "got-headers", G_CALLBACK (on_request_got_headers_cb), watch);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (on_request_got_chunk_cb), watch);
}

gboolean
desk_http_body_too_large (SoupServerMessage *msg)
{
  BodyWatch *watch = g_object_get_data (G_OBJECT (msg), "desk-body-watch");

  return watch != NULL && watch->too_large;
}
