#define G_LOG_DOMAIN "desk-write"

#include "config.h"

#include "desk-json-text.h"
#include "desk-write-private.h"

/* What the write path logs of a change: a history row a field, old value
 * to new, and for a local change the mutation the outbox will push. */

static const char *
op_name (DeskChangeOp op)
{
  switch (op)
    {
    case DESK_CHANGE_CREATE: return "create";
    case DESK_CHANGE_UPDATE: return "update";
    case DESK_CHANGE_DELETE: return "delete";
    default: g_assert_not_reached ();
    }
}

/* Mutation names carry a version so an old outbox still applies after an upgrade. */
static char *
mutation_payload (DeskApply *apply)
{
  DeskChange *change = apply->change;
  GString *json = g_string_sized_new (256);

  g_string_append (json, "{\"name\":\"record.");
  g_string_append (json, op_name (desk_change_get_op (change)));
  g_string_append (json, ".v1\",\"table\":");
  desk_json_append_string (json, apply->type->table);
  /* The wire format's names (docs/sync-protocol.md); the id is the outbox row's. */
  g_string_append (json, ",\"record\":");
  desk_json_append_string (json, desk_change_get_id (change));
  g_string_append (json, ",\"action\":");
  desk_json_append_string (json, desk_change_get_action (change));
  g_string_append (json, ",\"author\":");
  desk_json_append_string (json, apply->author);
  g_string_append (json, ",\"at\":");
  desk_json_append_string (json, apply->now);
  g_string_append (json, ",\"fields\":{");
  for (guint i = 0; i < apply->changed->len; i++)
    {
      DeskFieldChange *fc = &g_array_index (apply->changed, DeskFieldChange, i);

      if (i > 0)
        g_string_append_c (json, ',');
      desk_json_append_string (json, fc->field);
      g_string_append (json, ":{\"value\":");
      desk_json_append_string (json, fc->new_value);
      g_string_append (json, ",\"hlc\":");
      desk_json_append_string (json, fc->hlc);
      g_string_append (json, ",\"base\":");
      desk_json_append_string (json, fc->base);
      g_string_append_c (json, '}');
    }
  g_string_append (json, "}}");
  return g_string_free (json, FALSE);
}

gboolean
desk_write_history (DeskApply  *apply,
                    GError    **error)
{
  for (guint i = 0; i < apply->changed->len; i++)
    {
      DeskFieldChange *fc = &g_array_index (apply->changed, DeskFieldChange, i);
      sqlite3_stmt *stmt;

      stmt = desk_store_prepare (apply->store,
                                 "INSERT INTO history (table_name, record_id, field, old_value, "
                                 "new_value, author, at, hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, apply->type->table, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, desk_change_get_id (apply->change), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, fc->field, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, fc->old_value, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, fc->new_value, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, apply->author, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, apply->now, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, fc->hlc, -1, SQLITE_STATIC);
      if (!desk_write_step_done (apply, stmt, "history", error))
        return FALSE;
    }
  return TRUE;
}

gboolean
desk_write_outbox (DeskApply  *apply,
                   GError    **error)
{
  g_autofree char *payload = mutation_payload (apply);
  sqlite3_stmt *stmt;

  stmt = desk_store_prepare (apply->store,
                             "INSERT INTO outbox (table_name, record_id, op, payload, created_at, state) "
                             "VALUES (?, ?, ?, ?, ?, 'pending')",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, apply->type->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, desk_change_get_id (apply->change), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, op_name (desk_change_get_op (apply->change)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, payload, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, apply->now, -1, SQLITE_STATIC);
  return desk_write_step_done (apply, stmt, "outbox", error);
}
