#define G_LOG_DOMAIN "desk-server-pull"

#include "config.h"

#include "desk-server-http.h"
#include "desk-server-private.h"
#include "desk-server-rules.h"

/* POST /api/v1/pull: one page of the change log, filtered by role. What a
 * role may not see is left out, but its version still moves the cursor. */

void
desk_server_handle_pull (DeskServer        *self,
                         SoupServerMessage *msg,
                         DeskServerSession *session)
{
  g_autoptr(GBytes) body = desk_http_get_body (msg);
  g_autoptr(DeskPullRequest) request = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(DeskPullFilter) filter = NULL;
  g_autoptr(GString) reply = NULL;
  g_autoptr(GError) error = NULL;
  gboolean more = FALSE;
  gint64 version = 0;
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  request = desk_pull_request_parse (data ? data : "", length, &error);
  if (request == NULL)
    {
      desk_http_reply_sync_error (msg, error);
      return;
    }
  if (!desk_server_check_schema (self, msg, request->schema) ||
      !desk_server_check_client (msg, session, request->client_id))
    return;

  changes = desk_server_storage_pull (self->storage, request->after, request->limit,
                                      &version, &more, &error);
  if (changes == NULL)
    {
      desk_server_reply_internal (msg, "pull", error);
      return;
    }

  /* Written as text: a json-glib tree of a page cost more than reading it. */
  filter = desk_pull_filter_new (self->storage, session->role);
  reply = g_string_sized_new (300 * changes->len + 64);
  g_string_append (reply, "{\"changes\":[");
  for (guint i = 0; i < changes->len; i++)
    {
      const DeskPulledChange *change = g_ptr_array_index (changes, i);
      gboolean allowed = FALSE;

      if (!desk_pull_filter_allows (filter, change, &allowed, &error))
        {
          desk_server_reply_internal (msg, "pull filter", error);
          return;
        }
      if (!allowed)
        continue;
      if (reply->str[reply->len - 1] == '}')
        g_string_append_c (reply, ',');
      desk_pulled_change_append_json (change, reply);
    }
  g_string_append_printf (reply, "],\"version\":%" G_GINT64_FORMAT ",\"more\":%s}",
                          version, more ? "true" : "false");
  desk_http_reply_text (msg, SOUP_STATUS_OK, g_steal_pointer (&reply));
}
