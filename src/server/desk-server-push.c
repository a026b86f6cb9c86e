#define G_LOG_DOMAIN "desk-server-push"

#include "config.h"

#include "desk-server-http.h"
#include "desk-server-private.h"

/* POST /api/v1/push: the mutations in order, each all or nothing. */

static void
add_result (JsonBuilder           *builder,
            const DeskMutation    *mutation,
            const DeskPushOutcome *outcome)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, mutation->id);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, desk_push_status_to_string (outcome->status));
  if (outcome->reason != NULL)
    {
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, outcome->reason);
    }
  json_builder_end_object (builder);
}

/* Commits the request's batch; FALSE after answering 500 (then nothing of
 * the batch was kept and the client sends it again). */
static gboolean
end_batch (DeskServer        *self,
           SoupServerMessage *msg)
{
  g_autoptr(GError) error = NULL;

  if (desk_server_storage_end_batch (self->storage, &error))
    return TRUE;
  desk_server_reply_internal (msg, "push commit", error);
  return FALSE;
}

/* One try at the batch; FALSE (nothing answered, nothing kept) when an
 * unguarded try failed and the batch must be done again guarded. */
static gboolean
run_batch (DeskServer        *self,
           SoupServerMessage *msg,
           DeskServerSession *session,
           DeskPushRequest   *request,
           gboolean           guarded)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  gboolean echoed = TRUE;
  guint n_logged = 0;
  gint64 before;
  gint64 version;

  if (!desk_server_storage_begin_batch (self->storage, guarded, &error))
    {
      desk_server_reply_internal (msg, "push", error);
      return TRUE;
    }
  /* The batch holds the storage: its changes follow this version. */
  before = desk_server_storage_get_version (self->storage, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);

  for (guint i = 0; i < request->mutations->len; i++)
    {
      const DeskMutation *mutation = g_ptr_array_index (request->mutations, i);
      DeskPushOutcome outcome = { 0, };

      if (!desk_server_storage_push (self->storage, request->client_id, session->username,
                                     session->role, mutation, &outcome, &error))
        {
          if (!guarded)
            {
              desk_server_storage_abort_batch (self->storage);
              return FALSE;
            }
          /* What was handled before is kept; the client resends the rest. */
          if (end_batch (self, msg))
            {
              desk_server_reply_internal (msg, "push", error);
              if (n_logged > 0)
                desk_server_live_poke (self, desk_server_storage_get_version (self->storage, NULL));
            }
          return TRUE;
        }

      if (outcome.status == DESK_PUSH_GAP)
        {
          g_autofree char *message = g_strdup_printf ("Mutation %" G_GINT64_FORMAT " came before %" G_GINT64_FORMAT
                                                      "; send the mutations from %" G_GINT64_FORMAT " on",
                                                      mutation->id, outcome.expected, outcome.expected);

          desk_push_outcome_clear (&outcome);
          if (!end_batch (self, msg))
            return TRUE;
          json_builder_end_array (builder);
          json_builder_set_member_name (builder, "error");
          json_builder_add_string_value (builder, "gap");
          json_builder_set_member_name (builder, "message");
          json_builder_add_string_value (builder, message);
          json_builder_set_member_name (builder, "expected");
          json_builder_add_int_value (builder, outcome.expected);
          json_builder_end_object (builder);
          desk_http_reply_builder (msg, SOUP_STATUS_CONFLICT, builder);
          if (n_logged > 0)
            desk_server_live_poke (self, desk_server_storage_get_version (self->storage, NULL));
          return TRUE;
        }

      add_result (builder, mutation, &outcome);
      n_logged += outcome.n_logged;
      echoed = echoed && (outcome.n_logged == 0 || outcome.echoed);
      desk_push_outcome_clear (&outcome);
    }

  if (!end_batch (self, msg))
    return TRUE;
  version = desk_server_storage_get_version (self->storage, &error);
  if (version < 0)
    {
      desk_server_reply_internal (msg, "version", error);
      return TRUE;
    }

  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, version);
  /* The versions this batch logged are the pushed fields as sent: a desk
   * whose cursor is "echo_from" need not pull them back. */
  if (echoed && before >= 0 && version - before == n_logged)
    {
      json_builder_set_member_name (builder, "echo_from");
      json_builder_add_int_value (builder, before);
    }
  json_builder_end_object (builder);
  desk_http_reply_builder (msg, SOUP_STATUS_OK, builder);

  if (n_logged > 0)
    desk_server_live_poke (self, version);
  return TRUE;
}

void
desk_server_handle_push (DeskServer        *self,
                         SoupServerMessage *msg,
                         DeskServerSession *session)
{
  g_autoptr(GBytes) body = desk_http_get_body (msg);
  g_autoptr(DeskPushRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  request = desk_push_request_parse (data ? data : "", length, &error);
  if (request == NULL)
    {
      desk_http_reply_sync_error (msg, error);
      return;
    }
  if (!desk_server_check_schema (self, msg, request->schema) ||
      !desk_server_check_client (msg, session, request->client_id))
    return;

  /* Without a savepoint per mutation first: a mutation the merge refuses
   * half way, or a storage failure, sends the batch round again with them. */
  if (!run_batch (self, msg, session, request, FALSE))
    run_batch (self, msg, session, request, TRUE);
}
