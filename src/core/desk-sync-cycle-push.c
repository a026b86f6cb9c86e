#define G_LOG_DOMAIN "desk-sync-cycle"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-outbox.h"
#include "desk-query.h"
#include "desk-sync-client-private.h"
#include "desk-sync-cycle-private.h"
#include "desk-sync-protocol.h"

/* The push half of a sync: every pending outbox entry in batches, in
 * mutation id order, reading the outbox a page at a time; then the pull. */

/* The server takes 4 MiB a body; keep room for the envelope. */
#define MAX_PUSH_BYTES (4 * 1024 * 1024 - 4096)
/* Outbox entries held in memory at once: a desk offline for a day may
 * have tens of thousands. */
#define OUTBOX_PAGE DESK_SYNC_MAX_BATCH

/* The server's answers to one push, for the database thread. */
typedef struct
{
  GArray    *ids;       /* gint64 */
  GPtrArray *reasons;   /* char *, NULL for applied or duplicate */
  guint      duplicates;
  gint64     cursor;    /* > 0: the cursor after the push (its echo) */
} Answers;

static void push_next_batch (GTask *task);
static void read_outbox_page (GTask *task);

static void
answers_free (Answers *answers)
{
  g_array_unref (answers->ids);
  g_ptr_array_unref (answers->reasons);
  g_free (answers);
}

/* Runs on the database thread: the page after *@data. */
static gpointer
read_outbox_in_worker (DeskStore  *store,
                       gpointer    data,
                       GError    **error)
{
  return desk_query_outbox_page (store, "pending", *(gint64 *) data, OUTBOX_PAGE, error);
}

static gboolean
record_answers (DeskStore  *store,
                gpointer    data,
                GError    **error)
{
  Answers *answers = data;
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < answers->ids->len; i++)
    {
      gint64 id = g_array_index (answers->ids, gint64, i);
      const char *reason = g_ptr_array_index (answers->reasons, i);

      if (reason == NULL)
        ok = desk_outbox_acknowledge (store, id, error);
      else
        ok = desk_outbox_reject (store, id, reason, error);
    }
  return ok && (answers->cursor == 0 || desk_sync_set_cursor (store, answers->cursor, error));
}

/* The answers to one push and nothing else, in one transaction, so a crash
 * never leaves half a batch acknowledged. */
static gpointer
record_answers_in_worker (DeskStore  *store,
                          gpointer    data,
                          GError    **error)
{
  return desk_sync_cycle_run_in_transaction (store, record_answers, data, error);
}

static void
return_gap_error (GTask  *task,
                  gint64  expected)
{
  desk_sync_cycle_return_error (task, g_error_new (DESK_SYNC_ERROR, DESK_SYNC_ERROR_GAP,
                                                   _("the server is missing change %" G_GINT64_FORMAT " from this desk, which this desk no longer holds; ask a coordinator to check the server"),
                                                   expected));
}

/* The body of the next push: entries from cycle->next on, at most
 * DESK_SYNC_MAX_BATCH of them and MAX_PUSH_BYTES in all. */
static char *
build_push_body (DeskSyncCycle  *cycle,
                 guint          *count,
                 GError        **error)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *client_id = desk_sync_cycle_quote_json (cycle->client_id);

  g_string_append_printf (body, "{\"schema\":%d,\"client_id\":%s,\"mutations\":[",
                          cycle->schema, client_id);
  *count = 0;
  for (guint i = cycle->next; i < cycle->pending->len && *count < DESK_SYNC_MAX_BATCH; i++)
    {
      DeskOutboxEntry *entry = g_ptr_array_index (cycle->pending, i);
      g_autofree char *text = NULL;

      text = desk_mutation_json_from_payload (entry->mutation_id, entry->payload, error);
      if (text == NULL)
        {
          g_prefix_error (error, _("change %" G_GINT64_FORMAT " in this desk’s outbox cannot be read: "),
                          entry->mutation_id);
          return NULL;
        }

      if (body->len + strlen (text) + 2 > MAX_PUSH_BYTES)
        {
          if (*count > 0)
            break;
          g_set_error (error, DESK_SYNC_ERROR, DESK_SYNC_ERROR_TOO_LARGE,
                       _("change %" G_GINT64_FORMAT " is larger than the server takes"),
                       entry->mutation_id);
          return NULL;
        }
      if (*count > 0)
        g_string_append_c (body, ',');
      g_string_append (body, text);
      (*count)++;
    }
  g_string_append (body, "]}");
  return g_string_free (g_steal_pointer (&body), FALSE);
}

/* The "results" of a push reply, checked against what was sent. */
static Answers *
read_results (GTask      *task,
              JsonObject *reply,
              guint       sent)
{
  DeskSyncCycle *cycle = g_task_get_task_data (task);
  Answers *answers = g_new0 (Answers, 1);
  JsonNode *node = json_object_get_member (reply, "results");
  JsonArray *results;
  gint64 expected;

  answers->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  answers->reasons = g_ptr_array_new_with_free_func (g_free);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      answers_free (answers);
      desk_sync_cycle_return_server_error (task, "a push reply without results");
      return NULL;
    }

  results = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonNode *element = json_array_get_element (results, i);
      DeskOutboxEntry *entry;
      JsonObject *result;
      const char *status;
      const char *reason;
      gint64 id;

      /* Answers come in the order sent, one per mutation. */
      if (i >= sent || !JSON_NODE_HOLDS_OBJECT (element))
        break;
      result = json_node_get_object (element);
      entry = g_ptr_array_index (cycle->pending, cycle->next + i);
      expected = entry->mutation_id;
      id = json_object_get_int_member_with_default (result, "id", -1);
      status = json_object_get_string_member_with_default (result, "status", "");
      if (id != expected)
        {
          answers_free (answers);
          desk_sync_cycle_return_server_error (task, "an answer about change %" G_GINT64_FORMAT " where %" G_GINT64_FORMAT " was due",
                               id, expected);
          return NULL;
        }

      g_array_append_val (answers->ids, id);
      if (g_str_equal (status, "duplicate"))
        answers->duplicates++;
      if (g_str_equal (status, "applied") || g_str_equal (status, "duplicate"))
        g_ptr_array_add (answers->reasons, NULL);
      else if (g_str_equal (status, "rejected"))
        {
          reason = json_object_get_string_member_with_default (result, "reason", NULL);
          g_ptr_array_add (answers->reasons, g_strdup (reason ? reason : _("refused by the server")));
        }
      else
        {
          answers_free (answers);
          desk_sync_cycle_return_server_error (task, "an unknown status “%s” for change %" G_GINT64_FORMAT, status, id);
          return NULL;
        }
    }
  return answers;
}

static void
count_answers (DeskSyncCycle *cycle,
               Answers       *answers)
{
  for (guint i = 0; i < answers->ids->len; i++)
    {
      const char *reason = g_ptr_array_index (answers->reasons, i);

      cycle->report->pushed++;
      if (reason != NULL)
        {
          cycle->report->rejected++;
          g_ptr_array_add (cycle->report->reasons, g_strdup (reason));
        }
    }
  cycle->report->duplicates += answers->duplicates;
  cycle->next += answers->ids->len;
}

static void
on_answers_recorded_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DeskSyncCycle *cycle = g_task_get_task_data (task);
  GError *error = NULL;

  if (desk_store_run_finish (DESK_STORE (source), result, &error) != NULL)
    return;
  if (cycle->done)
    g_error_free (error);
  else
    desk_sync_cycle_return_error (task, error);
}

/* A push reply's "echo_from" (docs/sync-protocol.md): the versions the
 * batch logged, up to "version", are the pushed fields exactly as sent.
 * When they follow this desk's cursor directly, the desk holds all of
 * them already and moves its cursor past them instead of pulling them
 * back: the cursor after the push, or 0. */
static gint64
cursor_after_echo (DeskSyncCycle *cycle,
                   JsonObject    *reply)
{
  JsonNode *echo = json_object_get_member (reply, "echo_from");
  JsonNode *version = json_object_get_member (reply, "version");

  if (echo == NULL || version == NULL ||
      json_node_get_value_type (echo) != G_TYPE_INT64 || json_node_get_value_type (version) != G_TYPE_INT64 ||
      json_node_get_int (echo) != cycle->cursor || json_node_get_int (version) < cycle->cursor)
    return 0;
  return json_node_get_int (version);
}

/* A 409: the server lacks mutations from "expected" on. Resend from there
 * if this desk still has them (the next page starts there, checked when it
 * is read); they were acknowledged (and dropped) otherwise. */
static gboolean
handle_gap (GTask       *task,
            JsonObject  *reply)
{
  DeskSyncCycle *cycle = g_task_get_task_data (task);
  gint64 expected = json_object_get_int_member_with_default (reply, "expected", -1);

  cycle->report->gaps++;
  g_message ("The server reported a gap in this desk’s changes: it expected change %" G_GINT64_FORMAT, expected);

  if (expected <= 0 || expected == cycle->last_gap)
    {
      return_gap_error (task, expected);
      return FALSE;
    }
  cycle->last_gap = expected;
  cycle->resume_at = expected;
  cycle->read_after = expected - 1;
  cycle->next = cycle->pending->len;
  cycle->more_pending = TRUE;
  return TRUE;
}

static void
on_push_reply_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DeskSyncCycle *cycle = g_task_get_task_data (task);
  g_autoptr(JsonObject) reply = NULL;
  GCancellable *cancellable;
  Answers *answers;
  guint sent = cycle->sent;
  gboolean gap = FALSE;

  if (cycle->done)
    {
      /* The answers before failed to be recorded, and said so. */
      g_autoptr(JsonObject) dropped = desk_sync_client_request_finish (DESK_SYNC_CLIENT (source), result, NULL, NULL);

      return;
    }
  reply = desk_sync_cycle_finish_reply (task, result, "push", &gap);
  if (reply == NULL)
    return;

  answers = read_results (task, reply, sent);
  if (answers == NULL)
    return;
  if (!gap && answers->ids->len != sent)
    {
      answers_free (answers);
      desk_sync_cycle_return_server_error (task, "%u answers to %u changes", answers->ids->len, sent);
      return;
    }

  count_answers (cycle, answers);
  if (gap && !handle_gap (task, reply))
    {
      answers_free (answers);
      return;
    }
  if (answers->ids->len == 0)
    {
      answers_free (answers);
      push_next_batch (g_steal_pointer (&task));
      return;
    }

  /* Recorded with the answers; a failure there ends the cycle. */
  if (!gap)
    answers->cursor = cursor_after_echo (cycle, reply);
  if (answers->cursor > 0)
    cycle->cursor = answers->cursor;

  /* The answers are recorded on the database thread while the next batch
   * goes out: the server works while this desk writes. What the database
   * thread does next (the next outbox page, a pulled page) waits behind
   * them; if they fail, the cycle fails. */
  cancellable = g_task_get_cancellable (task);
  desk_store_run_async (cycle->store, record_answers_in_worker, answers, (GDestroyNotify) answers_free,
                        NULL, cancellable, on_answers_recorded_cb, g_object_ref (task));
  push_next_batch (g_steal_pointer (&task));
}

static void
push_next_batch (GTask *task)
{
  DeskSyncClient *client = g_task_get_source_object (task);
  DeskSyncCycle *cycle = g_task_get_task_data (task);
  GError *error = NULL;
  char *body;
  guint count;

  if (cycle->next >= cycle->pending->len)
    {
      g_clear_pointer (&cycle->pending, g_ptr_array_unref);
      if (cycle->more_pending)
        read_outbox_page (task);
      else
        desk_sync_cycle_pull (task);
      return;
    }

  body = build_push_body (cycle, &count, &error);
  if (body == NULL)
    {
      desk_sync_cycle_return_error (task, error);
      g_object_unref (task);
      return;
    }
  cycle->sent = count;
  desk_sync_client_request_async (client, "/api/v1/push", body, TRUE,
                                  g_task_get_cancellable (task), on_push_reply_cb, task);
}

static void
on_outbox_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  DeskSyncCycle *cycle = g_task_get_task_data (task);
  GError *error = NULL;

  cycle->pending = desk_store_run_finish (DESK_STORE (source), result, &error);
  if (cycle->done || cycle->pending == NULL)
    {
      if (cycle->done)
        g_clear_error (&error);
      else
        desk_sync_cycle_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (cycle->resume_at > 0)
    {
      DeskOutboxEntry *first = cycle->pending->len > 0 ? g_ptr_array_index (cycle->pending, 0) : NULL;

      if (first == NULL || first->mutation_id != cycle->resume_at)
        {
          return_gap_error (task, cycle->resume_at);
          g_object_unref (task);
          return;
        }
      cycle->resume_at = 0;
    }
  cycle->next = 0;
  cycle->more_pending = cycle->pending->len == OUTBOX_PAGE;
  if (cycle->pending->len > 0)
    cycle->read_after = ((DeskOutboxEntry *) g_ptr_array_index (cycle->pending, cycle->pending->len - 1))->mutation_id;
  push_next_batch (task);
}

static void
read_outbox_page (GTask *task)
{
  DeskSyncCycle *cycle = g_task_get_task_data (task);

  desk_store_run_async (cycle->store, read_outbox_in_worker, g_memdup2 (&cycle->read_after, sizeof (gint64)),
                        g_free, (GDestroyNotify) g_ptr_array_unref, g_task_get_cancellable (task),
                        on_outbox_read_cb, task);
}

void
desk_sync_cycle_push (GTask *task)
{
  read_outbox_page (task);
}
