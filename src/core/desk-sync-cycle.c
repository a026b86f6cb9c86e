#define G_LOG_DOMAIN "desk-sync-cycle"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "desk-outbox.h"
#include "desk-query.h"
#include "desk-store-private.h"
#include "desk-sync-client-private.h"
#include "desk-sync-protocol.h"

/* One sync (DESIGN.md "Sync"): push every pending outbox entry in batches,
 * in mutation id order, reading the outbox a page at a time, then pull
 * pages after the cursor until the server has no more. The network waits
 * on the caller's main context; every read and write of the store runs on
 * its database thread. */

/* The server takes 4 MiB a body; keep room for the envelope. */
#define MAX_PUSH_BYTES (4 * 1024 * 1024 - 4096)
/* Outbox entries held in memory at once: a desk offline for a day may
 * have tens of thousands. */
#define OUTBOX_PAGE DESK_SYNC_MAX_BATCH

typedef struct
{
  DeskStore      *store;
  char           *client_id;
  int             schema;
  GPtrArray      *pending;     /* this page of the outbox, DeskOutboxEntry */
  guint           next;        /* the first entry the server has not answered */
  gint64          read_after;  /* the next page starts after this mutation id */
  gint64          resume_at;   /* after a gap: the id the next page must start with */
  gboolean        more_pending; /* the page was full: the outbox may hold more */
  guint           sent;        /* entries in the push on its way */
  gboolean        more;        /* the last pulled page said there is more */
  gboolean        fetching;    /* a pull request is on its way */
  gboolean        applying;    /* a page is being applied */
  struct Page    *waiting;     /* a page read while the one before applies */
  gboolean        done;        /* the task has returned */
  gint64          last_gap;    /* the last "expected" of a 409, to stop a loop */
  gint64          cursor;
  DeskSyncReport *report;
} Cycle;

/* The server's answers to one push, for the database thread. */
typedef struct
{
  GArray    *ids;       /* gint64 */
  GPtrArray *reasons;   /* char *, NULL for applied or duplicate */
  guint      duplicates;
  gint64     cursor;    /* > 0: the cursor after the push (its echo) */
} Answers;

/* One pulled page, for the database thread. */
typedef struct Page
{
  GPtrArray *changes;   /* DeskChange, the fields of one write joined */
  guint      n_pulled;  /* field changes in the reply */
  gint64     version;
} Page;

static void pull_next_page (GTask *task);
static void page_free (Page *page);
static void push_next_batch (GTask *task);
static void read_outbox_page (GTask *task);

static void
cycle_free (Cycle *cycle)
{
  g_clear_object (&cycle->store);
  g_free (cycle->client_id);
  g_clear_pointer (&cycle->pending, g_ptr_array_unref);
  g_clear_pointer (&cycle->waiting, page_free);
  desk_sync_report_free (cycle->report);
  g_free (cycle);
}

static void
answers_free (Answers *answers)
{
  g_array_unref (answers->ids);
  g_ptr_array_unref (answers->reasons);
  g_free (answers);
}

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->changes);
  g_free (page);
}

static char *
json_quote (const char *text)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), text);

  return json_to_string (node, FALSE);
}

/* Runs on the database thread: the page after *@data. */
static gpointer
read_outbox_in_worker (DeskStore  *store,
                       gpointer    data,
                       GError    **error)
{
  return desk_query_outbox_page (store, "pending", *(gint64 *) data, OUTBOX_PAGE, error);
}

/* Runs @work in one transaction under the store's lock (on the database
 * thread); a result for desk_store_run_finish(). */
static gpointer
run_in_transaction (DeskStore  *store,
                    gboolean  (*work) (DeskStore *, gpointer, GError **),
                    gpointer    data,
                    GError    **error)
{
  gboolean ok;

  desk_store_lock (store);
  if (!desk_store_exec (store, "BEGIN IMMEDIATE", error))
    {
      desk_store_unlock (store);
      return NULL;
    }
  ok = work (store, data, error) && desk_store_exec (store, "COMMIT", error);
  if (!ok)
    desk_store_exec (store, "ROLLBACK", NULL);
  desk_store_unlock (store);
  return ok ? GINT_TO_POINTER (TRUE) : NULL;
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
  return run_in_transaction (store, record_answers, data, error);
}

static gboolean
apply_page (DeskStore  *store,
            gpointer    data,
            GError    **error)
{
  Page *page = data;

  return (page->changes->len == 0 || desk_store_apply_all (store, page->changes, error)) &&
         desk_sync_set_cursor (store, page->version, error);
}

/* A page and the cursor after it, in one transaction (the write path nests
 * inside as a savepoint). */
static gpointer
apply_page_in_worker (DeskStore  *store,
                      gpointer    data,
                      GError    **error)
{
  return run_in_transaction (store, apply_page, data, error);
}

static gpointer
read_cursor_in_worker (DeskStore  *store,
                       gpointer    data,
                       GError    **error)
{
  gint64 *cursor = g_new (gint64, 1);

  *cursor = desk_sync_get_cursor (store);
  return cursor;
}

/* The cycle has returned: work still on its way (a pull page being
 * fetched, push answers being recorded) ends without a word. */
static void
mark_done (GTask *task)
{
  Cycle *cycle = g_task_get_task_data (task);

  if (cycle != NULL)
    cycle->done = TRUE;
}

static void
return_error (GTask  *task,
              GError *error)
{
  mark_done (task);
  g_task_return_error (task, error);
}

static void
return_gap_error (GTask  *task,
                  gint64  expected)
{
  mark_done (task);
  g_task_return_new_error (task, DESK_SYNC_ERROR, DESK_SYNC_ERROR_GAP,
                           _("the server is missing change %" G_GINT64_FORMAT " from this desk, which this desk no longer holds; ask a coordinator to check the server"),
                           expected);
}

static void
return_server_error (GTask      *task,
                     const char *format,
                     ...) G_GNUC_PRINTF (2, 3);

static void
return_server_error (GTask      *task,
                     const char *format,
                     ...)
{
  DeskSyncClient *client = g_task_get_source_object (task);
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  mark_done (task);
  g_task_return_new_error (task, DESK_SYNC_CLIENT_ERROR, DESK_SYNC_CLIENT_ERROR_SERVER,
                           _("the server %s answered out of protocol: %s"),
                           desk_sync_client_get_server_url (client), what);
}

/* The reply to a push or pull, or NULL once the task returned the error.
 * With @gap (a push), a 409 "gap" reply is a reply too, and says so. */
static JsonObject *
finish_reply (GTask        *task,
              GAsyncResult *result,
              const char   *what,
              gboolean     *gap)
{
  DeskSyncClient *client = g_task_get_source_object (task);
  g_autoptr(JsonObject) reply = NULL;
  GError *error = NULL;
  gboolean is_gap;
  guint status = 0;

  reply = desk_sync_client_request_finish (client, result, &status, &error);
  is_gap = gap != NULL && error == NULL && status == SOUP_STATUS_CONFLICT && reply != NULL &&
           g_strcmp0 (json_object_get_string_member_with_default (reply, "error", NULL), "gap") == 0;
  if (error != NULL || (!is_gap && !desk_sync_reply_check (status, reply, &error)))
    {
      return_error (task, error);
      return NULL;
    }
  if (reply == NULL)
    {
      return_server_error (task, "an empty %s reply", what);
      return NULL;
    }
  if (gap != NULL)
    *gap = is_gap;
  return g_steal_pointer (&reply);
}

/* The body of the next push: entries from cycle->next on, at most
 * DESK_SYNC_MAX_BATCH of them and MAX_PUSH_BYTES in all. */
static char *
build_push_body (Cycle   *cycle,
                 guint   *count,
                 GError **error)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *client_id = json_quote (cycle->client_id);

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
  Cycle *cycle = g_task_get_task_data (task);
  Answers *answers = g_new0 (Answers, 1);
  JsonNode *node = json_object_get_member (reply, "results");
  JsonArray *results;
  gint64 expected;

  answers->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  answers->reasons = g_ptr_array_new_with_free_func (g_free);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      answers_free (answers);
      return_server_error (task, "a push reply without results");
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
          return_server_error (task, "an answer about change %" G_GINT64_FORMAT " where %" G_GINT64_FORMAT " was due",
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
          return_server_error (task, "an unknown status “%s” for change %" G_GINT64_FORMAT, status, id);
          return NULL;
        }
    }
  return answers;
}

static void
count_answers (Cycle   *cycle,
               Answers *answers)
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
  Cycle *cycle = g_task_get_task_data (task);
  GError *error = NULL;

  if (desk_store_run_finish (DESK_STORE (source), result, &error) != NULL)
    return;
  if (cycle->done)
    g_error_free (error);
  else
    return_error (task, error);
}

/* A push reply's "echo_from" (docs/sync-protocol.md): the versions the
 * batch logged, up to "version", are the pushed fields exactly as sent.
 * When they follow this desk's cursor directly, the desk holds all of
 * them already and moves its cursor past them instead of pulling them
 * back: the cursor after the push, or 0. */
static gint64
cursor_after_echo (Cycle      *cycle,
                   JsonObject *reply)
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
  Cycle *cycle = g_task_get_task_data (task);
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
  Cycle *cycle = g_task_get_task_data (task);
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
  reply = finish_reply (task, result, "push", &gap);
  if (reply == NULL)
    return;

  answers = read_results (task, reply, sent);
  if (answers == NULL)
    return;
  if (!gap && answers->ids->len != sent)
    {
      answers_free (answers);
      return_server_error (task, "%u answers to %u changes", answers->ids->len, sent);
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
  Cycle *cycle = g_task_get_task_data (task);
  GError *error = NULL;
  char *body;
  guint count;

  if (cycle->next >= cycle->pending->len)
    {
      g_clear_pointer (&cycle->pending, g_ptr_array_unref);
      if (cycle->more_pending)
        read_outbox_page (task);
      else
        pull_next_page (task);
      return;
    }

  body = build_push_body (cycle, &count, &error);
  if (body == NULL)
    {
      return_error (task, error);
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
  Cycle *cycle = g_task_get_task_data (task);
  GError *error = NULL;

  cycle->pending = desk_store_run_finish (DESK_STORE (source), result, &error);
  if (cycle->done || cycle->pending == NULL)
    {
      if (cycle->done)
        g_clear_error (&error);
      else
        return_error (task, error);
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
  Cycle *cycle = g_task_get_task_data (task);

  desk_store_run_async (cycle->store, read_outbox_in_worker, g_memdup2 (&cycle->read_after, sizeof (gint64)),
                        g_free, (GDestroyNotify) g_ptr_array_unref, g_task_get_cancellable (task),
                        on_outbox_read_cb, task);
}

/* The "changes" of a pull reply as remote changes for the write path. */
static Page *
read_page (GTask      *task,
           JsonObject *reply,
           gboolean   *more)
{
  Cycle *cycle = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  JsonNode *changes = json_object_get_member (reply, "changes");
  JsonNode *version = json_object_get_member (reply, "version");
  JsonArray *array;
  Page *page;

  if (changes == NULL || !JSON_NODE_HOLDS_ARRAY (changes) ||
      version == NULL || json_node_get_value_type (version) != G_TYPE_INT64)
    {
      return_server_error (task, "a pull reply without changes or version");
      return NULL;
    }

  page = g_new0 (Page, 1);
  page->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_change_free);
  page->version = json_node_get_int (version);
  *more = json_object_get_boolean_member_with_default (reply, "more", FALSE);

  array = json_node_get_array (changes);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(DeskPulledChange) pulled = NULL;
      DeskChange *last;

      if (JSON_NODE_HOLDS_OBJECT (element))
        pulled = desk_pulled_change_from_json (json_node_get_object (element), &error);
      if (pulled == NULL)
        {
          page_free (page);
          return_server_error (task, "a change this desk cannot read (%s)",
                               error ? error->message : "not an object");
          return NULL;
        }
      last = page->changes->len > 0 ? g_ptr_array_index (page->changes, page->changes->len - 1) : NULL;
      if (last == NULL || !desk_pulled_change_join (last, pulled))
        g_ptr_array_add (page->changes, desk_pulled_change_to_change (pulled));
      page->n_pulled++;
    }

  /* The cursor only moves forward, or a "more" would never end. */
  if (page->version < cycle->cursor || (*more && page->version == cycle->cursor))
    {
      page_free (page);
      return_server_error (task, "version %" G_GINT64_FORMAT " after version %" G_GINT64_FORMAT,
                           json_node_get_int (version), cycle->cursor);
      return NULL;
    }
  return page;
}

static void apply_page_async (GTask *task,
                              Page  *page);

static void
on_page_applied_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Cycle *cycle = g_task_get_task_data (task);
  GError *error = NULL;

  cycle->applying = FALSE;
  if (desk_store_run_finish (DESK_STORE (source), result, &error) == NULL)
    {
      if (!cycle->done)
        return_error (task, error);
      else
        g_error_free (error);
      cycle->done = TRUE;
      return;
    }
  if (cycle->done)
    return;   /* the next page's fetch failed meanwhile, and said so */

  if (cycle->waiting != NULL)
    {
      apply_page_async (task, g_steal_pointer (&cycle->waiting));
      if (cycle->more)
        pull_next_page (g_object_ref (task));
    }
  else if (!cycle->more && !cycle->fetching)
    {
      cycle->done = TRUE;
      cycle->report->version = cycle->cursor;
      g_task_return_pointer (task, g_steal_pointer (&cycle->report),
                             (GDestroyNotify) desk_sync_report_free);
    }
}

/* Pages are applied in the order they came, one at a time (the store's
 * one database thread); each with the cursor after it. */
static void
apply_page_async (GTask *task,
                  Page  *page)
{
  Cycle *cycle = g_task_get_task_data (task);

  cycle->applying = TRUE;
  desk_store_run_async (cycle->store, apply_page_in_worker, page, (GDestroyNotify) page_free,
                        NULL, g_task_get_cancellable (task), on_page_applied_cb, g_object_ref (task));
}

/* While a page is applied on the database thread the next one is fetched
 * and read here: the server, the network and the JSON overlap the
 * database. At most one page is applied and one fetched or waiting. */
static void
on_pull_reply_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Cycle *cycle = g_task_get_task_data (task);
  g_autoptr(JsonObject) reply = NULL;
  gboolean more = FALSE;
  Page *page;

  cycle->fetching = FALSE;
  if (cycle->done)
    {
      /* The page before failed to apply, and said so. */
      g_autoptr(JsonObject) dropped = desk_sync_client_request_finish (DESK_SYNC_CLIENT (source), result, NULL, NULL);

      return;
    }

  reply = finish_reply (task, result, "pull", NULL);
  page = reply != NULL ? read_page (task, reply, &more) : NULL;
  if (page == NULL)
    {
      cycle->done = TRUE;   /* the task returned the error */
      return;
    }

  cycle->report->pulled += page->n_pulled;
  cycle->cursor = page->version;
  cycle->more = more;
  if (cycle->applying)
    {
      cycle->waiting = page;
      return;
    }
  apply_page_async (task, page);
  if (more)
    pull_next_page (g_object_ref (task));
}

static char *
build_pull_body (Cycle *cycle)
{
  g_autofree char *client_id = json_quote (cycle->client_id);

  return g_strdup_printf ("{\"schema\":%d,\"client_id\":%s,\"after\":%" G_GINT64_FORMAT ",\"limit\":%d}",
                          cycle->schema, client_id, cycle->cursor, DESK_SYNC_MAX_PULL);
}

static void
pull_next_page (GTask *task)
{
  DeskSyncClient *client = g_task_get_source_object (task);
  Cycle *cycle = g_task_get_task_data (task);

  cycle->fetching = TRUE;
  desk_sync_client_request_async (client, "/api/v1/pull", build_pull_body (cycle), TRUE,
                                  g_task_get_cancellable (task), on_pull_reply_cb, task);
}

static void
on_cursor_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Cycle *cycle = g_task_get_task_data (task);
  g_autofree gint64 *cursor = NULL;
  GError *error = NULL;

  cursor = desk_store_run_finish (DESK_STORE (source), result, &error);
  if (cursor == NULL)
    {
      return_error (task, error);
      g_object_unref (task);
      return;
    }
  cycle->cursor = *cursor;
  read_outbox_page (task);
}

void
desk_sync_client_sync_async (DeskSyncClient      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  Cycle *cycle;

  g_return_if_fail (DESK_IS_SYNC_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_sync_client_sync_async);

  if (!desk_sync_client_get_signed_in (self))
    {
      g_task_return_new_error (task, DESK_SYNC_ERROR, DESK_SYNC_ERROR_AUTH,
                               _("signed out: log in again"));
      g_object_unref (task);
      return;
    }

  cycle = g_new0 (Cycle, 1);
  cycle->store = g_object_ref (desk_sync_client_get_store (self));
  cycle->client_id = g_strdup (desk_store_get_node_id (cycle->store));
  cycle->schema = desk_store_get_schema_version (cycle->store);
  cycle->report = g_new0 (DeskSyncReport, 1);
  cycle->report->reasons = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, cycle, (GDestroyNotify) cycle_free);

  desk_store_run_async (cycle->store, read_cursor_in_worker, NULL, NULL, g_free,
                        cancellable, on_cursor_read_cb, task);
}

DeskSyncReport *
desk_sync_client_sync_finish (DeskSyncClient  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
