#define G_LOG_DOMAIN "desk-custody-query"

#include "config.h"

#include "desk-custody.h"
#include "desk-custody-query.h"
#include "desk-store-private.h"

void
desk_custody_limits_free (DeskCustodyLimits *limits)
{
  if (limits == NULL)
    return;

  desk_id_list_free (limits->ids);
  g_array_unref (limits->limits);
  g_free (limits);
}

/* Released records are most of a long action: SQL drops them before any
 * row is built. */
static char *
limits_sql (void)
{
  g_autofree char *columns = g_strjoinv ("\", \"", (char **) desk_custody_fields ());

  return g_strdup_printf ("SELECT id, \"%s\" FROM arrestee "
                          "WHERE deleted = 0 AND (release_time IS NULL OR release_time = '') "
                          "AND (arrival_time IS NOT NULL OR checkin_time IS NOT NULL)",
                          columns);
}

DeskCustodyLimits *
desk_custody_query_limits (DeskStore  *store,
                           GError    **error)
{
  g_autoptr(DeskCustodyLimits) limits = g_new0 (DeskCustodyLimits, 1);
  g_autofree char *sql = limits_sql ();
  guint n_fields = g_strv_length ((char **) desk_custody_fields ());
  g_autofree char **values = g_new0 (char *, n_fields + 1);
  gint64 now = g_get_real_time ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  limits->ids = desk_id_list_new ();
  limits->limits = g_array_new (FALSE, FALSE, sizeof (gint64));

  desk_store_lock (store);
  stmt = desk_store_prepare (store, sql, error);
  if (stmt == NULL)
    {
      desk_store_unlock (store);
      return NULL;
    }
  desk_store_scan (store, TRUE);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskCustodyInput input;
      DeskCustodyClock clock;

      for (guint i = 0; i < n_fields; i++)
        values[i] = (char *) sqlite3_column_text (stmt, i + 1);
      desk_custody_input_from_values (values, &input);
      if (!desk_custody_compute (&input, now, &clock, NULL) || clock.limit == 0)
        continue;

      desk_id_list_add (limits->ids, (const char *) sqlite3_column_text (stmt, 0));
      g_array_append_val (limits->limits, clock.limit);
    }
  sqlite3_reset (stmt);
  desk_store_scan (store, FALSE);
  if (rc != SQLITE_DONE)
    desk_store_set_sqlite_error (store, error, "custody limits");
  desk_store_unlock (store);

  return rc == SQLITE_DONE ? g_steal_pointer (&limits) : NULL;
}
