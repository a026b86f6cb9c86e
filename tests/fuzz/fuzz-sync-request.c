/* libFuzzer target: a push or pull body, taken the way arrestdesk-server
 * takes it (desk-server.c, desk-server-push.c, desk-server-pull.c): the
 * nesting check, the strict parsers of docs/sync-protocol.md, then what the
 * handlers feed the parsed request: the role rules, the merge into a real
 * encrypted store (the one write path) and a pull page filtered per role.
 *
 * A crash, a sanitizer report or a broken promise below fails the run:
 * - a body the parsers refuse is refused with DESK_SYNC_ERROR and a message;
 * - a parsed mutation written back by desk_mutation_to_json parses again;
 * - the storage never fails on a parsed request (that would be a 500).
 *
 * Built only with -Dfuzz=true (clang); see tests/fuzz/run-fuzz.sh. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "desk-server-rules.h"
#include "desk-server-storage-sqlite.h"
#include "desk-sync-protocol.h"

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

static DeskServerStorage *storage;

static const DeskRole roles[] = { DESK_ROLE_BOV, DESK_ROLE_PSSC, DESK_ROLE_COORDINATOR };

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("arrestdesk-fuzz-XXXXXX", &error);

  g_assert_no_error (error);
  /* A throwaway server database; run-fuzz.sh removes the folder. */
  storage = desk_server_storage_sqlite_open (dir, &error);
  g_assert_no_error (error);
  return 0;
}

static void
assert_refused (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == DESK_SYNC_ERROR);
  g_assert_nonnull (error->message);
  g_assert_cmpuint (strlen (error->message), >, 0);
}

/* What desk_mutation_to_json writes, the parser reads back the same. */
static void
assert_round_trip (const DeskMutation *mutation)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(DeskMutation) again = NULL;
  g_autoptr(GError) error = NULL;

  desk_mutation_to_json (mutation, builder);
  root = json_builder_get_root (builder);
  again = desk_mutation_from_json (json_node_get_object (root), &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->id, ==, mutation->id);
  g_assert_cmpint (again->op, ==, mutation->op);
  g_assert_cmpstr (again->table, ==, mutation->table);
  g_assert_cmpstr (again->record, ==, mutation->record);
  g_assert_cmpuint (again->fields->len, ==, mutation->fields->len);
  for (guint i = 0; i < mutation->fields->len; i++)
    {
      const DeskMutationField *a = g_ptr_array_index (mutation->fields, i);
      const DeskMutationField *b = g_ptr_array_index (again->fields, i);

      g_assert_cmpstr (a->field, ==, b->field);
      g_assert_cmpstr (a->value, ==, b->value);
      g_assert_cmpstr (a->hlc, ==, b->hlc);
      g_assert_cmpstr (a->base, ==, b->base);
    }
}

/* As the push handler: every mutation through the rules and the merge, in
 * one batch. Ids are renumbered from this client's last one so mutations
 * reach the merge instead of stopping as duplicates or gaps. */
static void
push (DeskPushRequest *request)
{
  static gint64 last_id;
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_server_storage_begin_batch (storage, TRUE, &error));
  for (guint i = 0; i < request->mutations->len; i++)
    {
      DeskMutation *mutation = g_ptr_array_index (request->mutations, i);
      DeskPushOutcome outcome = { 0, };

      assert_round_trip (mutation);
      for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
        {
          g_autofree char *reason = NULL;

          if (!desk_server_rules_check_push (storage, roles[r], mutation, &reason))
            g_assert_nonnull (reason);
        }

      mutation->id = ++last_id;
      g_assert_true (desk_server_storage_push (storage, "fuzz-client", "fuzz", DESK_ROLE_COORDINATOR,
                                               mutation, &outcome, &error));
      g_assert_no_error (error);
      g_assert_true (outcome.status == DESK_PUSH_APPLIED || outcome.status == DESK_PUSH_REJECTED);
      g_assert_true ((outcome.status == DESK_PUSH_REJECTED) == (outcome.reason != NULL));
      desk_push_outcome_clear (&outcome);
    }
  g_assert_true (desk_server_storage_end_batch (storage, &error));
}

/* As the pull handler: one page, filtered for every role, written out. */
static void
pull (DeskPullRequest *request)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean more = FALSE;
  gint64 version = 0;

  g_assert_cmpuint (request->limit, >=, 1);
  g_assert_cmpuint (request->limit, <=, DESK_SYNC_MAX_PULL);
  changes = desk_server_storage_pull (storage, request->after, request->limit, &version, &more, &error);
  g_assert_no_error (error);
  g_assert_nonnull (changes);
  g_assert_cmpuint (changes->len, <=, request->limit);

  for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
    {
      g_autoptr(DeskPullFilter) filter = desk_pull_filter_new (storage, roles[r]);
      g_autoptr(GString) text = g_string_new ("[");
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GPtrArray) sent = g_ptr_array_new ();
      JsonArray *array;

      for (guint i = 0; i < changes->len; i++)
        {
          const DeskPulledChange *change = g_ptr_array_index (changes, i);
          gboolean allowed = FALSE;

          g_assert_true (desk_pull_filter_allows (filter, change, &allowed, &error));
          if (!allowed)
            continue;
          if (sent->len > 0)
            g_string_append_c (text, ',');
          desk_pulled_change_append_json (change, text);
          g_ptr_array_add (sent, (gpointer) change);
        }
      g_string_append_c (text, ']');

      /* What the server writes as text, a desk reads back the same. */
      g_assert_true (json_parser_load_from_data (parser, text->str, text->len, &error));
      array = json_node_get_array (json_parser_get_root (parser));
      g_assert_cmpuint (json_array_get_length (array), ==, sent->len);
      for (guint i = 0; i < sent->len; i++)
        {
          const DeskPulledChange *a = g_ptr_array_index (sent, i);
          g_autoptr(DeskPulledChange) b = NULL;

          b = desk_pulled_change_from_json (json_array_get_object_element (array, i), &error);
          g_assert_no_error (error);
          g_assert_cmpint (a->version, ==, b->version);
          g_assert_cmpstr (a->record, ==, b->record);
          g_assert_cmpstr (a->author, ==, b->author);
          g_assert_cmpstr (a->field, ==, b->field);
          g_assert_cmpstr (a->value, ==, b->value);
          g_assert_cmpstr (a->hlc, ==, b->hlc);
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *body = (const char *) data;
  g_autoptr(DeskPushRequest) push_request = NULL;
  g_autoptr(DeskPullRequest) pull_request = NULL;
  g_autoptr(GError) push_error = NULL;
  g_autoptr(GError) pull_error = NULL;
  g_autoptr(GError) depth_error = NULL;

  /* The server refuses deep nesting before any parser sees the body. */
  if (!desk_sync_check_json_depth (body, size, DESK_SYNC_MAX_JSON_DEPTH, &depth_error))
    {
      assert_refused (depth_error);
      return 0;
    }

  push_request = desk_push_request_parse (body, size, &push_error);
  if (push_request == NULL)
    assert_refused (push_error);
  else
    {
      g_assert_no_error (push_error);
      g_assert_cmpuint (push_request->mutations->len, <=, DESK_SYNC_MAX_BATCH);
      push (push_request);
    }

  pull_request = desk_pull_request_parse (body, size, &pull_error);
  if (pull_request == NULL)
    assert_refused (pull_error);
  else
    {
      g_assert_no_error (pull_error);
      pull (pull_request);
    }
  return 0;
}
