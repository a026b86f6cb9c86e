#define G_LOG_DOMAIN "desk-merge"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-merge.h"
#include "desk-query.h"
#include "desk-schema.h"
#include "desk-store-private.h"

void
desk_written_field_free (DeskWrittenField *field)
{
  if (field == NULL)
    return;
  g_free (field->table);
  g_free (field->record);
  g_free (field->action);
  g_free (field->author);
  g_free (field->at);
  g_free (field->field);
  g_free (field->value);
  g_free (field->hlc);
  g_free (field);
}

typedef struct
{
  char *value;
  char *hlc;
  char *author;
} ServerField;

static void
server_field_clear (ServerField *field)
{
  g_free (field->value);
  g_free (field->hlc);
  g_free (field->author);
}

/* What the server holds for one field: value, stamp and who wrote it. */
static gboolean
read_server_field (DeskStore    *store,
                   const char   *table,
                   const char   *record,
                   const char   *field,
                   GHashTable   *row,
                   ServerField  *out,
                   GError      **error)
{
  sqlite3_stmt *stmt;

  memset (out, 0, sizeof *out);
  if (row != NULL)
    out->value = g_strdup (g_hash_table_lookup (row, field));

  stmt = desk_store_prepare (store,
                             "SELECT hlc, author FROM field_meta "
                             "WHERE table_name = ? AND record_id = ? AND field = ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, record, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, field, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      out->hlc = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      out->author = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static void
add_written (GPtrArray          *written,
             const DeskMutation *mutation,
             const char         *table,
             const char         *record,
             const char         *action,
             const char         *field,
             const char         *value,
             const char         *hlc)
{
  DeskWrittenField *w = g_new0 (DeskWrittenField, 1);

  w->table = g_strdup (table);
  w->record = g_strdup (record);
  w->action = g_strdup (action);
  w->author = g_strdup (mutation->author);
  w->at = g_strdup (mutation->at);
  w->field = g_strdup (field);
  w->value = g_strdup (value);
  w->hlc = g_strdup (hlc);
  g_ptr_array_add (written, w);
}

/* A conflict keeps the losing value until a person chooses (DESIGN.md "Merge"). */
static DeskChange *
new_conflict (DeskStore          *store,
              const DeskMutation *mutation,
              const char         *field,
              const char         *kept_value,
              const char         *other_value,
              const char         *other_hlc,
              const char         *other_author,
              GPtrArray          *written)
{
  DeskChange *conflict = desk_change_new_create ("conflict", mutation->action);
  DeskHlc *clock = desk_store_get_hlc (store);
  const char *names[] = { "table_name", "record_id", "field", "kept_value",
                          "other_value", "other_hlc", "other_author", "resolved" };
  const char *values[] = { mutation->table, mutation->record, field, kept_value,
                           other_value, other_hlc, other_author, "0" };

  desk_change_set_origin (conflict, DESK_ORIGIN_REMOTE, mutation->author);
  desk_change_set_at (conflict, mutation->at);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *stamp = NULL;

      desk_hlc_tick (clock, g_get_real_time () / 1000);
      stamp = desk_hlc_to_string (clock);
      desk_change_set_stamped (conflict, names[i], values[i], stamp);
      add_written (written, mutation, "conflict", desk_change_get_id (conflict),
                   mutation->action, names[i], values[i], stamp);
    }
  return conflict;
}

static gboolean
merge_locked (DeskStore          *store,
              const DeskMutation *mutation,
              GPtrArray          *written,
              GError            **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_change_free);
  g_autoptr(GHashTable) row = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(DeskChange) winners = NULL;
  const char *action = mutation->action;
  gboolean deleted_here;
  guint n_winners = 0;

  if (desk_schema_lookup (mutation->table) == NULL)
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                   _("There is no record type “%s”"), mutation->table);
      return FALSE;
    }

  row = desk_query_record (store, mutation->table, mutation->record, &local_error);
  if (row == NULL && !g_error_matches (local_error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  deleted_here = row != NULL && g_strcmp0 (g_hash_table_lookup (row, "deleted"), "1") == 0;
  if (row != NULL && g_hash_table_lookup (row, "action") != NULL)
    action = g_hash_table_lookup (row, "action");   /* a record never changes action */

  if (deleted_here && mutation->op != DESK_CHANGE_DELETE)
    {
      /* An edit to a record deleted elsewhere: it stays deleted, and each
       * edited field waits in a conflict of its own (so a role that may not
       * read a field never receives its value inside another field's conflict). */
      for (guint i = 0; i < mutation->fields->len; i++)
        {
          DeskMutationField *f = g_ptr_array_index (mutation->fields, i);

          g_ptr_array_add (changes, new_conflict (store, mutation, f->field, NULL, f->value,
                                                  f->hlc, mutation->author, written));
        }
      return changes->len == 0 || desk_store_apply_all (store, changes, error);
    }

  winners = mutation->op == DESK_CHANGE_DELETE
            ? desk_change_new_delete (mutation->table, mutation->record)
            : desk_change_new_create_with_id (mutation->table, mutation->record, action);
  desk_change_set_origin (winners, DESK_ORIGIN_REMOTE, mutation->author);
  desk_change_set_at (winners, mutation->at);

  for (guint i = 0; i < mutation->fields->len; i++)
    {
      DeskMutationField *f = g_ptr_array_index (mutation->fields, i);
      ServerField held;
      gboolean from_what_we_hold, newer;

      if (mutation->op == DESK_CHANGE_DELETE && g_strcmp0 (f->field, "deleted") != 0)
        continue;
      if (!read_server_field (store, mutation->table, mutation->record, f->field, row, &held, error))
        return FALSE;

      from_what_we_hold = held.hlc == NULL || g_strcmp0 (held.hlc, f->base) == 0;
      newer = held.hlc == NULL || strcmp (f->hlc, held.hlc) > 0;

      if (!from_what_we_hold && g_strcmp0 (held.value, f->value) != 0 &&
          mutation->op != DESK_CHANGE_DELETE)
        {
          /* Concurrent edits of one field: the higher stamp wins everywhere,
           * the other value waits in a conflict record. */
          if (newer)
            g_ptr_array_add (changes, new_conflict (store, mutation, f->field, f->value,
                                                    held.value, held.hlc, held.author, written));
          else
            g_ptr_array_add (changes, new_conflict (store, mutation, f->field, held.value,
                                                    f->value, f->hlc, mutation->author, written));
        }

      if (newer)
        {
          desk_change_set_stamped (winners, f->field, f->value, f->hlc);
          add_written (written, mutation, mutation->table, mutation->record, action,
                       f->field, f->value, f->hlc);
          n_winners++;
        }
      server_field_clear (&held);
    }

  /* The winning fields first, then the conflicts that point at them. */
  if (n_winners > 0 || (mutation->op == DESK_CHANGE_CREATE && row == NULL))
    g_ptr_array_insert (changes, 0, g_steal_pointer (&winners));
  return changes->len == 0 || desk_store_apply_all (store, changes, error);
}

gboolean
desk_merge_mutation (DeskStore          *store,
                     const DeskMutation *mutation,
                     GPtrArray          *written,
                     GError            **error)
{
  guint n_written;
  gboolean ok;

  g_return_val_if_fail (DESK_IS_STORE (store), FALSE);
  g_return_val_if_fail (mutation != NULL, FALSE);
  g_return_val_if_fail (written != NULL, FALSE);

  n_written = written->len;
  desk_store_lock (store);
  ok = merge_locked (store, mutation, written, error);
  desk_store_unlock (store);
  if (!ok)
    g_ptr_array_set_size (written, n_written);   /* nothing of it was kept */
  return ok;
}

static void
checksum_text (GChecksum  *checksum,
               const char *text)
{
  /* Length first, so "ab","c" and "a","bc" differ; NULL differs from "". */
  if (text == NULL)
    g_checksum_update (checksum, (const guchar *) "\xff", 1);
  else
    {
      guint32 length = GUINT32_TO_BE ((guint32) strlen (text));

      g_checksum_update (checksum, (const guchar *) &length, sizeof length);
      g_checksum_update (checksum, (const guchar *) text, strlen (text));
    }
}

char *
desk_store_digest (DeskStore  *store,
                   GError    **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gboolean ok = TRUE;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  desk_store_lock (store);
  for (const DeskRecordType *const *t = desk_schema_types (); ok && *t; t++)
    {
      g_autoptr(GString) sql = g_string_new ("SELECT id, action, deleted");
      g_autofree char *table = desk_sql_quote_identifier ((*t)->table);
      sqlite3_stmt *stmt = NULL;
      guint n = 0;
      int rc;

      for (const DeskField *f = (*t)->fields; f->name; f++, n++)
        g_string_append_printf (sql, ", \"%s\"", f->name);
      /* By id, not rowid: desks insert in different orders. */
      g_string_append_printf (sql, " FROM %s ORDER BY id", table);

      if (sqlite3_prepare_v2 (desk_store_get_db (store), sql->str, -1, &stmt, NULL) != SQLITE_OK)
        {
          ok = desk_store_set_sqlite_error (store, error, "digest");
          break;
        }
      checksum_text (checksum, (*t)->table);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          /* A tombstone is its id: what it held before is nobody's data any more. */
          guint columns = sqlite3_column_int (stmt, 2) ? 3 : n + 3;

          for (guint i = 0; i < columns; i++)
            checksum_text (checksum, (const char *) sqlite3_column_text (stmt, i));
        }
      if (rc != SQLITE_DONE)
        ok = desk_store_set_sqlite_error (store, error, "digest");
      sqlite3_finalize (stmt);
    }
  desk_store_unlock (store);

  return ok ? g_strdup (g_checksum_get_string (checksum)) : NULL;
}
