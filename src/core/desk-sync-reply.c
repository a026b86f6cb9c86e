#define G_LOG_DOMAIN "desk-sync-reply"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "desk-sync-client-private.h"
#include "desk-sync-protocol.h"

/* Error replies of docs/sync-protocol.md as messages a volunteer can act
 * on. The server's own "message" is added only where it helps. */

static const char *
reply_string (JsonObject *reply,
              const char *member)
{
  JsonNode *node;

  if (reply == NULL || (node = json_object_get_member (reply, member)) == NULL ||
      !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint64
reply_int (JsonObject *reply,
           const char *member)
{
  JsonNode *node;

  if (reply == NULL || (node = json_object_get_member (reply, member)) == NULL ||
      !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return -1;
  return json_node_get_int (node);
}

gboolean
desk_sync_reply_check (guint        status,
                       JsonObject  *reply,
                       GError     **error)
{
  const char *code = reply_string (reply, "error");
  const char *message = reply_string (reply, "message");
  gint64 seconds;

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    return TRUE;

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      if (g_strcmp0 (code, "bad_credentials") == 0)
        g_set_error (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_AUTH,
                     _("wrong user name or password"));
      else
        g_set_error (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_AUTH,
                     _("signed out: log in again"));
      break;

    case SOUP_STATUS_FORBIDDEN:
      if (g_strcmp0 (code, "disabled") == 0)
        g_set_error (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_AUTH,
                     _("this account is disabled; ask a coordinator"));
      else
        g_set_error (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_AUTH,
                     _("the server refused: %s"), message ? message : _("not allowed"));
      break;

    case 429: /* Too Many Requests */
      seconds = reply_int (reply, "retry_after");
      if (seconds > 0)
        g_set_error (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_AUTH,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "too many failed log-ins: wait %d second and try again",
                                  "too many failed log-ins: wait %d seconds and try again",
                                  (gulong) seconds),
                     (int) seconds);
      else
        g_set_error (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_AUTH,
                     _("too many failed log-ins: wait a little and try again"));
      break;

    case 426: /* Upgrade Required */
      if (g_strcmp0 (code, "upgrade_server") == 0)
        g_set_error (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_SCHEMA,
                     _("the server is older than this desk: the server must be updated before this desk can sync"));
      else
        g_set_error (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_SCHEMA,
                     _("this desk is too old for the server: update ArrestDesk to sync"));
      break;

    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE:
      g_set_error (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_TOO_LARGE,
                   _("the server refused a request as too large"));
      break;

    case SOUP_STATUS_CONFLICT:
      if (g_strcmp0 (code, "gap") == 0)
        g_set_error (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_GAP,
                     _("the server is missing changes from this desk before change %" G_GINT64_FORMAT),
                     reply_int (reply, "expected"));
      else
        g_set_error (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_FAILED,
                     _("the server refused: %s"), message ? message : code ? code : _("conflict"));
      break;

    case SOUP_STATUS_BAD_REQUEST:
      g_set_error (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_MALFORMED,
                   _("the server did not understand this desk: %s"),
                   message ? message : code ? code : _("bad request"));
      break;

    default:
      g_set_error (error, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_SERVER,
                   _("the server answered “%u %s”%s%s"), status, soup_status_get_phrase (status),
                   message ? ": " : "", message ? message : "");
      break;
    }
  return FALSE;
}
