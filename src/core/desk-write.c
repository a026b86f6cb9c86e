#define G_LOG_DOMAIN "desk-write"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-schema.h"
#include "desk-write-private.h"

/* The one write path (DESIGN.md): row, field_meta, history and outbox in one
 * transaction. Nothing else in ArrestDesk writes the record tables. This
 * file runs the transaction and a change's steps in it: the check of its
 * fields (desk-write-validate.c), its row (desk-write-row.c), its field
 * stamps (desk-write-stamp.c), its history and outbox mutation
 * (desk-write-log.c). */

static void
field_change_clear (DeskFieldChange *fc)
{
  g_free (fc->old_value);
  g_free (fc->hlc);
  g_free (fc->base);
}

gboolean
desk_write_fail (GError     **error,
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
injected (DeskApply       *apply,
          DeskStoreFault   step,
          GError         **error)
{
  if (desk_store_get_fault (apply->store) != step)
    return FALSE;
  desk_write_fail (error, DESK_STORE_ERROR_FAILED, "Injected fault (test)");
  return TRUE;
}

gboolean
desk_write_step_done (DeskApply     *apply,
                      sqlite3_stmt  *stmt,
                      const char    *what,
                      GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  return desk_store_set_sqlite_error (apply->store, error, what);
}

static gboolean
apply_one (DeskStore   *store,
           DeskChange  *change,
           const char  *author,
           const char  *now,
           gint64       now_ms,
           GError     **error)
{
  DeskApply apply = { store, change, NULL, NULL, now, now_ms, NULL, NULL };
  gboolean ok = FALSE;

  apply.type = desk_schema_lookup (desk_change_get_table (change));
  if (apply.type == NULL)
    return desk_write_fail (error, DESK_STORE_ERROR_INVALID,
                            _("There is no record type “%s”"), desk_change_get_table (change));

  apply.author = desk_change_get_author (change);
  if (apply.author == NULL)
    apply.author = author;
  /* A pulled change keeps the time its author made it. */
  if (desk_change_get_origin (change) == DESK_ORIGIN_REMOTE && desk_change_get_at (change) != NULL)
    apply.now = desk_change_get_at (change);
  apply.changed = g_array_new (FALSE, TRUE, sizeof (DeskFieldChange));
  g_array_set_clear_func (apply.changed, (GDestroyNotify) field_change_clear);
  apply.owned = g_ptr_array_new_with_free_func (g_free);

  if (!desk_write_collect_fields (&apply, error) ||
      !desk_write_row (&apply, error) ||
      injected (&apply, DESK_STORE_FAULT_AFTER_ROW, error))
    goto out;

  if (apply.changed->len == 0)
    {
      ok = TRUE;   /* nothing changed: no stamp, history or mutation */
      goto out;
    }

  if (!desk_write_field_meta (&apply, error) ||
      injected (&apply, DESK_STORE_FAULT_AFTER_FIELD_META, error) ||
      !desk_write_history (&apply, error) ||
      injected (&apply, DESK_STORE_FAULT_AFTER_HISTORY, error) ||
      !desk_write_update_name_index (&apply, error))
    goto out;

  if (desk_change_get_origin (change) == DESK_ORIGIN_LOCAL &&
      (!desk_write_outbox (&apply, error) ||
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
    return desk_write_fail (error, DESK_STORE_ERROR_FAILED, _("The database is closed"));

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
