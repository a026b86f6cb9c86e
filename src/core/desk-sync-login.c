#define G_LOG_DOMAIN "desk-sync-client"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "desk-key.h"
#include "desk-sync-client-private.h"

/* Logging in, for a session token the client keeps, and out. */

static char *
build_login_body (DeskSyncClient *self,
                  const char     *username,
                  const char     *password)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, username);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_set_member_name (builder, "client_id");
  json_builder_add_string_value (builder, desk_store_get_node_id (desk_sync_client_get_store (self)));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
on_login_reply_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  DeskSyncClient *self = DESK_SYNC_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(DeskSyncLogin) login = NULL;
  GError *error = NULL;
  const char *role;
  guint status = 0;

  reply = desk_sync_client_request_finish (self, result, &status, &error);
  if (error != NULL || !desk_sync_reply_check (status, reply, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  login = g_new0 (DeskSyncLogin, 1);
  role = reply ? json_object_get_string_member_with_default (reply, "role", NULL) : NULL;
  login->token = g_strdup (reply ? json_object_get_string_member_with_default (reply, "token", NULL) : NULL);
  login->username = g_strdup (reply ? json_object_get_string_member_with_default (reply, "username", NULL) : NULL);
  login->expires_at = g_strdup (reply ? json_object_get_string_member_with_default (reply, "expires_at", NULL) : NULL);
  if (login->token == NULL || *login->token == '\0' || !desk_role_parse (role, &login->role))
    {
      g_task_return_new_error (task, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_SERVER,
                               _("%s answered the log-in without a session or a known role"),
                               desk_sync_client_get_server_url (self));
      return;
    }

  desk_sync_client_set_token (self, login->token);
  g_task_return_pointer (task, g_steal_pointer (&login), (GDestroyNotify) desk_sync_login_free);
}

void
desk_sync_client_login_async (DeskSyncClient      *self,
                              const char          *username,
                              const char          *password,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (DESK_IS_SYNC_CLIENT (self));
  g_return_if_fail (username != NULL);
  g_return_if_fail (password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_sync_client_login_async);
  desk_sync_client_request_async (self, "/api/v1/login", build_login_body (self, username, password),
                                  FALSE, cancellable, on_login_reply_cb, task);
}

DeskSyncLogin *
desk_sync_client_login_finish (DeskSyncClient  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_logout_reply_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  DeskSyncClient *self = DESK_SYNC_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonObject) reply = NULL;
  GError *error = NULL;
  guint status = 0;

  reply = desk_sync_client_request_finish (self, result, &status, &error);
  desk_sync_client_set_token (self, NULL);
  /* A token the server no longer knows is as logged out as can be. */
  if (error == NULL && status == SOUP_STATUS_UNAUTHORIZED)
    status = SOUP_STATUS_NO_CONTENT;
  if (error != NULL || !desk_sync_reply_check (status, reply, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
desk_sync_client_logout_async (DeskSyncClient      *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (DESK_IS_SYNC_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_sync_client_logout_async);
  if (!desk_sync_client_get_signed_in (self))
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  desk_sync_client_request_async (self, "/api/v1/logout", g_strdup ("{}"), TRUE,
                                  cancellable, on_logout_reply_cb, task);
}

gboolean
desk_sync_client_logout_finish (DeskSyncClient  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
desk_sync_login_free (DeskSyncLogin *login)
{
  if (login == NULL)
    return;
  desk_secure_free (login->token);
  g_free (login->username);
  g_free (login->expires_at);
  g_free (login);
}
