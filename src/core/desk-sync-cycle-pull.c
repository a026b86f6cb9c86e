#define G_LOG_DOMAIN "desk-sync-cycle"

#include "config.h"

#include "desk-outbox.h"
#include "desk-sync-client-private.h"
#include "desk-sync-cycle-private.h"
#include "desk-sync-protocol.h"

/* The pull half of a sync: pages after the cursor until the server has no
 * more, each applied through the write path with the cursor after it. */

/* One pulled page, for the database thread. */
struct _DeskSyncPage
{
  GPtrArray *changes;   /* DeskChange, the fields of one write joined */
  guint      n_pulled;  /* field changes in the reply */
  gint64     version;
};

static void pull_next_page (GTask *task);

static gboolean
apply_page (DeskStore  *store,
            gpointer    data,
            GError    **error)
{
  DeskSyncPage *page = data;

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
  return desk_sync_cycle_run_in_transaction (store, apply_page, data, error);
}

/* The "changes" of a pull reply as remote changes for the write path. */
static DeskSyncPage *
read_page (GTask      *task,
           JsonObject *reply,
           gboolean   *more)
{
  DeskSyncCycle *cycle = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  JsonNode *changes = json_object_get_member (reply, "changes");
  JsonNode *version = json_object_get_member (reply, "version");
  JsonArray *array;
  DeskSyncPage *page;

  if (changes == NULL || !JSON_NODE_HOLDS_ARRAY (changes) ||
      version == NULL || json_node_get_value_type (version) != G_TYPE_INT64)
    {
      desk_sync_cycle_return_server_error (task, "a pull reply without changes or version");
      return NULL;
    }

  page = g_new0 (DeskSyncPage, 1);
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
          desk_sync_page_free (page);
          desk_sync_cycle_return_server_error (task, "a change this desk cannot read (%s)",
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
      desk_sync_page_free (page);
      desk_sync_cycle_return_server_error (task, "version %" G_GINT64_FORMAT " after version %" G_GINT64_FORMAT,
                           json_node_get_int (version), cycle->cursor);
      return NULL;
    }
  return page;
}

static void apply_page_async (GTask        *task,
                              DeskSyncPage *page);

static void
on_page_applied_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DeskSyncCycle *cycle = g_task_get_task_data (task);
  GError *error = NULL;

  cycle->applying = FALSE;
  if (desk_store_run_finish (DESK_STORE (source), result, &error) == NULL)
    {
      if (!cycle->done)
        desk_sync_cycle_return_error (task, error);
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
apply_page_async (GTask        *task,
                  DeskSyncPage *page)
{
  DeskSyncCycle *cycle = g_task_get_task_data (task);

  cycle->applying = TRUE;
  desk_store_run_async (cycle->store, apply_page_in_worker, page, (GDestroyNotify) desk_sync_page_free,
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
  DeskSyncCycle *cycle = g_task_get_task_data (task);
  g_autoptr(JsonObject) reply = NULL;
  gboolean more = FALSE;
  DeskSyncPage *page;

  cycle->fetching = FALSE;
  if (cycle->done)
    {
      /* The page before failed to apply, and said so. */
      g_autoptr(JsonObject) dropped = desk_sync_client_request_finish (DESK_SYNC_CLIENT (source), result, NULL, NULL);

      return;
    }

  reply = desk_sync_cycle_finish_reply (task, result, "pull", NULL);
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
build_pull_body (DeskSyncCycle *cycle)
{
  g_autofree char *client_id = desk_sync_cycle_quote_json (cycle->client_id);

  return g_strdup_printf ("{\"schema\":%d,\"client_id\":%s,\"after\":%" G_GINT64_FORMAT ",\"limit\":%d}",
                          cycle->schema, client_id, cycle->cursor, DESK_SYNC_MAX_PULL);
}

static void
pull_next_page (GTask *task)
{
  DeskSyncClient *client = g_task_get_source_object (task);
  DeskSyncCycle *cycle = g_task_get_task_data (task);

  cycle->fetching = TRUE;
  desk_sync_client_request_async (client, "/api/v1/pull", build_pull_body (cycle), TRUE,
                                  g_task_get_cancellable (task), on_pull_reply_cb, task);
}

void
desk_sync_cycle_pull (GTask *task)
{
  pull_next_page (task);
}

void
desk_sync_page_free (DeskSyncPage *page)
{
  g_ptr_array_unref (page->changes);
  g_free (page);
}
