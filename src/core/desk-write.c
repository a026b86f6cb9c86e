#define G_LOG_DOMAIN "desk-write"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-field-value.h"
#include "desk-json-text.h"
#include "desk-name-index.h"
#include "desk-schema.h"
#include "desk-store-private.h"

/* The one write path (DESIGN.md): row, field_meta, history and outbox in one
 * transaction. Nothing else in ArrestDesk writes the record tables. */

typedef struct
{
  const char *field;
  char       *old_value;
  const char *new_value;
  char       *hlc;
  char       *base;       /* the field's stamp before this change (sync merge) */
  gboolean    stamped;    /* field_meta holds a row for the field */
} FieldChange;

typedef struct
{
  DeskStore            *store;
  DeskChange           *change;
  const DeskRecordType *type;
  const char           *author;
  const char           *now;
  gint64                now_ms;
  GArray               *changed;   /* FieldChange */
  GPtrArray            *owned;     /* normalized values we made */
} Apply;

static void
field_change_clear (FieldChange *fc)
{
  g_free (fc->old_value);
  g_free (fc->hlc);
  g_free (fc->base);
}

static gboolean
fail (GError     **error,
      int          code,
      const char  *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (GError     **error,
      int          code,
      const char  *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (DESK_STORE_ERROR, code, format, args));
  va_end (args);
  return FALSE;
}

static gboolean
injected (Apply          *apply,
          DeskStoreFault  step,
          GError        **error)
{
  if (desk_store_get_fault (apply->store) != step)
    return FALSE;
  fail (error, DESK_STORE_ERROR_FAILED, "Injected fault (test)");
  return TRUE;
}

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
mutation_payload (Apply *apply)
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
      FieldChange *fc = &g_array_index (apply->changed, FieldChange, i);

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

static gboolean
step_done (Apply        *apply,
           sqlite3_stmt *stmt,
           const char   *what,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  return desk_store_set_sqlite_error (apply->store, error, what);
}

/* Old values of the changed fields plus the tombstone flag, or FALSE/NOT_FOUND. */
static gboolean
load_old_values (Apply       *apply,
                 gboolean    *exists,
                 gboolean    *deleted,
                 GError     **error)
{
  g_autofree char *table = desk_sql_quote_identifier (apply->type->table);
  g_autoptr(GString) sql = g_string_new ("SELECT deleted");
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < apply->changed->len; i++)
    g_string_append_printf (sql, ", \"%s\"", g_array_index (apply->changed, FieldChange, i).field);
  g_string_append_printf (sql, " FROM %s WHERE id = ?", table);

  stmt = desk_store_prepare (apply->store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, desk_change_get_id (apply->change), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  *exists = rc == SQLITE_ROW;
  *deleted = FALSE;
  if (rc == SQLITE_ROW)
    {
      *deleted = sqlite3_column_int (stmt, 0) != 0;
      for (guint i = 0; i < apply->changed->len; i++)
        {
          const char *old = (const char *) sqlite3_column_text (stmt, i + 1);

          g_array_index (apply->changed, FieldChange, i).old_value = g_strdup (old);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return desk_store_set_sqlite_error (apply->store, error, "read");
  return TRUE;
}

/* Collect and check the fields the change sets. */
static gboolean
collect_fields (Apply   *apply,
                GError **error)
{
  const GPtrArray *fields = desk_change_get_fields (apply->change);

  if (desk_change_get_op (apply->change) == DESK_CHANGE_DELETE)
    {
      FieldChange fc = { "deleted", NULL, "1", NULL, NULL };

      g_array_append_val (apply->changed, fc);
      return TRUE;
    }

  for (guint i = 0; i < fields->len; i++)
    {
      const char *name = g_ptr_array_index (fields, i);
      const DeskField *field = desk_schema_find_field (apply->type, name);
      const char *value = NULL;
      char *normalized = NULL;
      FieldChange fc = { NULL, NULL, NULL, NULL, NULL };

      if (field == NULL)
        return fail (error, DESK_STORE_ERROR_INVALID,
                     _("A %s record has no field “%s”"), apply->type->table, name);
      desk_change_lookup (apply->change, name, &value, NULL);
      fc.field = field->name;
      if (!desk_field_value_check (apply->type, field, value, &normalized, error))
        return FALSE;
      fc.new_value = value;
      if (normalized != NULL)
        {
          g_ptr_array_add (apply->owned, normalized);
          fc.new_value = normalized;
        }
      else if (value != NULL && *value == '\0' && field->kind != DESK_FIELD_TEXT)
        fc.new_value = NULL;
      g_array_append_val (apply->changed, fc);
    }
  return TRUE;
}

static gboolean
insert_row (Apply   *apply,
            GError **error)
{
  g_autofree char *table = desk_sql_quote_identifier (apply->type->table);
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_string_append_printf (sql, "INSERT INTO %s (id, action, created_at, created_by, "
                          "updated_at, updated_by, deleted", table);
  for (guint i = 0; i < apply->changed->len; i++)
    g_string_append_printf (sql, ", \"%s\"", g_array_index (apply->changed, FieldChange, i).field);
  g_string_append (sql, ") VALUES (?, ?, ?, ?, ?, ?, 0");
  for (guint i = 0; i < apply->changed->len; i++)
    g_string_append (sql, ", ?");
  g_string_append_c (sql, ')');

  stmt = desk_store_prepare (apply->store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, desk_change_get_id (apply->change), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, desk_change_get_action (apply->change), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, apply->now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, apply->author, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, apply->now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, apply->author, -1, SQLITE_STATIC);
  for (guint i = 0; i < apply->changed->len; i++)
    sqlite3_bind_text (stmt, 7 + i, g_array_index (apply->changed, FieldChange, i).new_value,
                       -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_CONSTRAINT)
    return fail (error, DESK_STORE_ERROR_INVALID,
                 _("A %s record with this id already exists"), apply->type->table);
  if (rc != SQLITE_DONE)
    return desk_store_set_sqlite_error (apply->store, error, "insert");
  return TRUE;
}

static gboolean
update_row (Apply   *apply,
            GError **error)
{
  g_autofree char *table = desk_sql_quote_identifier (apply->type->table);
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  guint n = apply->changed->len;

  /* OR FAIL: no statement journal (see write_stamp). */
  g_string_append_printf (sql, "UPDATE OR FAIL %s SET updated_at = ?, updated_by = ?", table);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (sql, ", \"%s\" = ?", g_array_index (apply->changed, FieldChange, i).field);
  g_string_append (sql, " WHERE id = ?");

  stmt = desk_store_prepare (apply->store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, apply->now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, apply->author, -1, SQLITE_STATIC);
  for (guint i = 0; i < n; i++)
    sqlite3_bind_text (stmt, 3 + i, g_array_index (apply->changed, FieldChange, i).new_value,
                       -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3 + n, desk_change_get_id (apply->change), -1, SQLITE_STATIC);
  return step_done (apply, stmt, "update", error);
}

static gboolean
insert_bare_row (Apply   *apply,
                 GError **error)
{
  g_autoptr(GArray) all = apply->changed;
  gboolean ok;

  apply->changed = g_array_new (FALSE, TRUE, sizeof (FieldChange));
  ok = insert_row (apply, error);
  g_array_unref (apply->changed);
  apply->changed = g_steal_pointer (&all);
  return ok;
}

/* Drop fields whose value does not change: they make no history or mutation. */
static void
drop_unchanged (Apply *apply)
{
  for (guint i = apply->changed->len; i-- > 0;)
    {
      FieldChange *fc = &g_array_index (apply->changed, FieldChange, i);

      if (g_strcmp0 (fc->old_value, fc->new_value) == 0)
        g_array_remove_index (apply->changed, i);  /* clears fc */
    }
}

/* For pulled changes: keep only fields whose stamp is newer than ours. */
static gboolean
keep_newer_remote (Apply   *apply,
                   GError **error)
{
  DeskHlc *clock = desk_store_get_hlc (apply->store);

  for (guint i = apply->changed->len; i-- > 0;)
    {
      FieldChange *fc = &g_array_index (apply->changed, FieldChange, i);
      const char *stamp = NULL;
      const char *ours = NULL;
      DeskHlc remote;
      sqlite3_stmt *stmt;
      gboolean newer;

      desk_change_lookup (apply->change, fc->field, NULL, &stamp);
      if (!desk_hlc_parse (stamp, &remote))
        return fail (error, DESK_STORE_ERROR_INVALID,
                     _("A pulled change to %s field “%s” has no valid clock stamp"),
                     apply->type->table, fc->field);
      desk_hlc_observe (clock, &remote, apply->now_ms);

      stmt = desk_store_prepare (apply->store,
                                 "SELECT hlc FROM field_meta WHERE table_name = ? AND record_id = ? AND field = ?",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, apply->type->table, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, desk_change_get_id (apply->change), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, fc->field, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        ours = (const char *) sqlite3_column_text (stmt, 0);
      newer = ours == NULL || strcmp (stamp, ours) > 0;
      fc->stamped = ours != NULL;
      sqlite3_reset (stmt);

      if (newer)
        fc->hlc = g_strdup (stamp);
      else
        g_array_remove_index (apply->changed, i);  /* clears fc */
    }
  return TRUE;
}

/* The stamp this desk holds for a field, or NULL. */
static gboolean
read_stamp (Apply       *apply,
            const char  *field,
            char       **stamp,
            GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = desk_store_prepare (apply->store,
                             "SELECT hlc FROM field_meta WHERE table_name = ? AND record_id = ? AND field = ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, apply->type->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, desk_change_get_id (apply->change), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, field, -1, SQLITE_STATIC);
  *stamp = sqlite3_step (stmt) == SQLITE_ROW
           ? g_strdup ((const char *) sqlite3_column_text (stmt, 0)) : NULL;
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
step_stamp (Apply        *apply,
            FieldChange  *fc,
            const char   *sql,
            GError      **error)
{
  sqlite3_stmt *stmt = desk_store_prepare (apply->store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, apply->type->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, desk_change_get_id (apply->change), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, fc->field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, fc->hlc, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, apply->author, -1, SQLITE_STATIC);
  return step_done (apply, stmt, "field_meta", error);
}

/* An UPDATE or an INSERT, not INSERT OR REPLACE. Inside a transaction,
 * SQLite keeps a statement journal for a statement that may fail half
 * done (INSERT OR REPLACE; an UPDATE of a table with NOT NULL columns),
 * and SQLCipher encrypts every page it saves there: 7 times the cost of
 * the write itself. OR FAIL keeps none; every caller of the write path
 * rolls the whole change back on an error anyway. */
static gboolean
write_stamp (Apply        *apply,
             FieldChange  *fc,
             GError      **error)
{
  if (fc->stamped)
    {
      if (!step_stamp (apply, fc,
                       "UPDATE OR FAIL field_meta SET hlc = ?4, author = ?5 "
                       "WHERE table_name = ?1 AND record_id = ?2 AND field = ?3",
                       error))
        return FALSE;
      if (sqlite3_changes (desk_store_get_db (apply->store)) > 0)
        return TRUE;
    }
  return step_stamp (apply, fc,
                     "INSERT INTO field_meta (table_name, record_id, field, hlc, author) "
                     "VALUES (?1, ?2, ?3, ?4, ?5)",
                     error);
}

static gboolean
write_field_meta (Apply   *apply,
                  GError **error)
{
  DeskHlc *clock = desk_store_get_hlc (apply->store);
  gboolean local = desk_change_get_origin (apply->change) == DESK_ORIGIN_LOCAL;

  for (guint i = 0; i < apply->changed->len; i++)
    {
      FieldChange *fc = &g_array_index (apply->changed, FieldChange, i);

      if (local)
        {
          if (desk_change_get_op (apply->change) != DESK_CHANGE_CREATE &&
              !read_stamp (apply, fc->field, &fc->base, error))
            return FALSE;
          fc->stamped = fc->base != NULL;
          desk_hlc_tick (clock, apply->now_ms);
          fc->hlc = desk_hlc_to_string (clock);
        }

      if (!write_stamp (apply, fc, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_history (Apply   *apply,
               GError **error)
{
  for (guint i = 0; i < apply->changed->len; i++)
    {
      FieldChange *fc = &g_array_index (apply->changed, FieldChange, i);
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
      if (!step_done (apply, stmt, "history", error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_outbox (Apply   *apply,
              GError **error)
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
  return step_done (apply, stmt, "outbox", error);
}

/* The name search index follows an arrestee's names and tombstone in the
 * same transaction, whichever way the change came (typed, merged, pulled). */
static gboolean
update_name_index (Apply   *apply,
                   GError **error)
{
  if (strcmp (apply->type->table, "arrestee") != 0)
    return TRUE;
  for (guint i = 0; i < apply->changed->len; i++)
    if (desk_name_index_tracks_field (g_array_index (apply->changed, FieldChange, i).field))
      return desk_name_index_update (apply->store, desk_change_get_id (apply->change), error);
  return TRUE;
}

static gboolean
write_row (Apply   *apply,
           GError **error)
{
  DeskChangeOp op = desk_change_get_op (apply->change);
  gboolean remote = desk_change_get_origin (apply->change) == DESK_ORIGIN_REMOTE;
  gboolean exists = FALSE;
  gboolean deleted = FALSE;

  if (op == DESK_CHANGE_CREATE && !remote)
    return insert_row (apply, error);

  if (remote)
    {
      guint n_fields = apply->changed->len;

      /* Stamps first: a desk pulling back its own changes holds every
       * stamp already, and a field stamped here has its row here. */
      if (!keep_newer_remote (apply, error))
        return FALSE;
      if (n_fields > 0 && apply->changed->len == 0)
        return TRUE;
      if (!load_old_values (apply, &exists, &deleted, error))
        return FALSE;
      /* A record first seen by pull: made with the fields that are newer
       * (a tombstone's "deleted" is no field: a bare row, then the flag). */
      if (!exists && op != DESK_CHANGE_DELETE)
        return insert_row (apply, error);
      if (!exists && !insert_bare_row (apply, error))
        return FALSE;
      return apply->changed->len == 0 || update_row (apply, error);
    }

  if (!load_old_values (apply, &exists, &deleted, error))
    return FALSE;

  if (!exists)
    return fail (error, DESK_STORE_ERROR_NOT_FOUND,
                 _("There is no %s record with id “%s”"),
                 apply->type->table, desk_change_get_id (apply->change));
  if (deleted && op == DESK_CHANGE_UPDATE)
    return fail (error, DESK_STORE_ERROR_INVALID,
                 _("This %s record was deleted and cannot be edited"), apply->type->table);

  drop_unchanged (apply);
  return apply->changed->len == 0 || update_row (apply, error);
}

static gboolean
apply_one (DeskStore   *store,
           DeskChange  *change,
           const char  *author,
           const char  *now,
           gint64       now_ms,
           GError     **error)
{
  Apply apply = { store, change, NULL, NULL, now, now_ms, NULL, NULL };
  gboolean ok = FALSE;

  apply.type = desk_schema_lookup (desk_change_get_table (change));
  if (apply.type == NULL)
    return fail (error, DESK_STORE_ERROR_INVALID,
                 _("There is no record type “%s”"), desk_change_get_table (change));

  apply.author = desk_change_get_author (change);
  if (apply.author == NULL)
    apply.author = author;
  /* A pulled change keeps the time its author made it. */
  if (desk_change_get_origin (change) == DESK_ORIGIN_REMOTE && desk_change_get_at (change) != NULL)
    apply.now = desk_change_get_at (change);
  apply.changed = g_array_new (FALSE, TRUE, sizeof (FieldChange));
  g_array_set_clear_func (apply.changed, (GDestroyNotify) field_change_clear);
  apply.owned = g_ptr_array_new_with_free_func (g_free);

  if (!collect_fields (&apply, error) ||
      !write_row (&apply, error) ||
      injected (&apply, DESK_STORE_FAULT_AFTER_ROW, error))
    goto out;

  if (apply.changed->len == 0)
    {
      ok = TRUE;   /* nothing changed: no stamp, history or mutation */
      goto out;
    }

  if (!write_field_meta (&apply, error) ||
      injected (&apply, DESK_STORE_FAULT_AFTER_FIELD_META, error) ||
      !write_history (&apply, error) ||
      injected (&apply, DESK_STORE_FAULT_AFTER_HISTORY, error) ||
      !update_name_index (&apply, error))
    goto out;

  if (desk_change_get_origin (change) == DESK_ORIGIN_LOCAL &&
      (!write_outbox (&apply, error) ||
       injected (&apply, DESK_STORE_FAULT_AFTER_OUTBOX, error)))
    goto out;

  ok = TRUE;

out:
  g_array_unref (apply.changed);
  g_ptr_array_unref (apply.owned);
  return ok;
}

static gboolean
save_clock (DeskStore  *store,
            GError    **error)
{
  g_autofree char *text = desk_hlc_to_string (desk_store_get_hlc (store));

  return desk_store_set_setting (store, "hlc", text, error);
}

gboolean
desk_store_apply_all (DeskStore  *self,
                      GPtrArray  *changes,
                      GError    **error)
{
  g_autoptr(GHashTable) tables = NULL;
  g_autofree char *now = NULL;
  g_autofree char *author = NULL;
  gboolean author_unsaved = FALSE;
  gboolean nested;
  gboolean guarded;
  DeskHlc saved;
  gint64 now_ms;
  GHashTableIter iter;
  gpointer table;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  if (desk_store_get_db (self) == NULL)
    return fail (error, DESK_STORE_ERROR_FAILED, _("The database is closed"));

  now = desk_now_iso (&now_ms);
  tables = g_hash_table_new (g_str_hash, g_str_equal);

  desk_store_lock (self);
  saved = *desk_store_get_hlc (self);
  author = desk_store_take_author (self, &author_unsaved);

  /* Inside a caller's transaction (the server's per-mutation one) the
   * changes nest as a savepoint: all or none of them, within it; an
   * unguarded caller rolls its whole transaction back instead. */
  nested = !sqlite3_get_autocommit (desk_store_get_db (self));
  guarded = !nested || !desk_store_get_unguarded (self);
  if (guarded && !desk_store_exec (self, nested ? "SAVEPOINT desk_apply" : "BEGIN IMMEDIATE", error))
    {
      desk_store_unlock (self);
      return FALSE;
    }

  for (guint i = 0; i < changes->len; i++)
    {
      DeskChange *change = g_ptr_array_index (changes, i);

      if (!apply_one (self, change, author, now, now_ms, error))
        goto rollback;
      g_hash_table_add (tables, (gpointer) desk_change_get_table (change));
    }

  /* The last author is kept so the command line signs as the desk did. */
  if (!save_clock (self, error) ||
      (author_unsaved && !desk_store_set_setting (self, "author", author, error)) ||
      (guarded && !desk_store_exec (self, nested ? "RELEASE desk_apply" : "COMMIT", error)))
    goto rollback;

  desk_store_unlock (self);

  g_hash_table_iter_init (&iter, tables);
  while (g_hash_table_iter_next (&iter, &table, NULL))
    desk_store_emit_changed (self, table);
  return TRUE;

rollback:
  if (guarded)
    desk_store_exec (self, nested ? "ROLLBACK TO desk_apply; RELEASE desk_apply" : "ROLLBACK", NULL);
  /* A rolled-back stamp was never seen by anyone: reuse is harmless, but keep
   * the clock monotonic for this process anyway by not going backwards. */
  if (desk_hlc_compare (desk_store_get_hlc (self), &saved) < 0)
    *desk_store_get_hlc (self) = saved;
  if (author_unsaved)
    desk_store_mark_author_unsaved (self);
  desk_store_unlock (self);
  return FALSE;
}

gboolean
desk_store_apply (DeskStore   *self,
                  DeskChange  *change,
                  GError     **error)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  g_return_val_if_fail (change != NULL, FALSE);

  g_ptr_array_add (one, change);
  return desk_store_apply_all (self, one, error);
}
