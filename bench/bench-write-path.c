/* Changes per second through the one write path, beside hand-written SQL
 * doing the same inserts (row, field_meta, history, outbox) with prepared
 * statements in one transaction, in the same process on the same kind of
 * database. Prints the ratio; the target is ≥ 0.7. */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>

#include "desk-store.h"
#include "desk-query.h"
#include "desk-uuid.h"
#include "server-test-util.h"

#define N_CHANGES 20000

static const char *const fields[] = {
  "legal_name", "status", "arrival_time", "arrest_place", "custody_number", "station_id", NULL
};

static const char *
value_for (guint field, guint i, char *buffer, gsize size)
{
  switch (field)
    {
    case 0: g_snprintf (buffer, size, "Person %u Ó Súilleabháin", i); break;
    case 1: g_snprintf (buffer, size, "in_custody"); break;
    case 2: g_snprintf (buffer, size, "2026-11-21T%02u:%02u:00Z", (i / 60) % 24, i % 60); break;
    case 3: g_snprintf (buffer, size, "Parliament Square"); break;
    case 4: g_snprintf (buffer, size, "01CX/%06u/26", i); break;
    default: g_snprintf (buffer, size, "station-%u", i % 12); break;
    }
  return buffer;
}

static double
run_write_path (const char *path, const DeskKey *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (path, key, &error);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_change_free);
  char buffer[128];
  gint64 start;

  g_assert_no_error (error);
  desk_store_set_author (store, "Bench");
  for (guint i = 0; i < N_CHANGES; i++)
    {
      DeskChange *change = desk_change_new_create ("arrestee", "action-1");

      for (guint f = 0; fields[f]; f++)
        desk_change_set (change, fields[f], value_for (f, i, buffer, sizeof buffer));
      g_ptr_array_add (changes, change);
    }

  start = g_get_monotonic_time ();
  if (!desk_store_apply_all (store, changes, &error))
    g_error ("%s", error->message);
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
exec_or_die (sqlite3 *db, const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static sqlite3_stmt *
prepare_or_die (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  return stmt;
}

static void
step_or_die (sqlite3 *db, sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_error ("step: %s", sqlite3_errmsg (db));
  sqlite3_reset (stmt);
}

/* The same rows by hand: same schema (made by DeskStore), same pragmas. */
static double
run_hand_written (const char *path, const DeskKey *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) store = desk_store_open (path, key, &error);
  char *key_value = desk_key_to_pragma_value (key);
  g_autofree char *key_sql = g_strdup_printf ("PRAGMA key = %s", key_value);
  sqlite3 *db = NULL;
  sqlite3_stmt *row, *meta, *history, *outbox;
  char buffer[128];
  gint64 start;

  g_assert_no_error (error);
  desk_store_close (store);     /* schema made; now raw access */
  desk_secure_free (key_value);

  sqlite3_open (path, &db);
  exec_or_die (db, key_sql);
  exec_or_die (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
                   "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; "
                   "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;");
  row = prepare_or_die (db, "INSERT INTO arrestee (id, action, created_at, created_by, updated_at, "
                            "updated_by, deleted, legal_name, status, arrival_time, arrest_place, "
                            "custody_number, station_id) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)");
  /* A new record's stamps: a plain INSERT, as the write path writes them
   * (INSERT OR REPLACE keeps a statement journal, see desk-write-stamp.c). */
  meta = prepare_or_die (db, "INSERT INTO field_meta (table_name, record_id, field, hlc, author) "
                             "VALUES (?, ?, ?, ?, ?)");
  history = prepare_or_die (db, "INSERT INTO history (table_name, record_id, field, old_value, new_value, "
                                "author, at, hlc) VALUES (?, ?, ?, NULL, ?, ?, ?, ?)");
  outbox = prepare_or_die (db, "INSERT INTO outbox (table_name, record_id, op, payload, created_at, state) "
                               "VALUES (?, ?, ?, ?, ?, 'pending')");

  start = g_get_monotonic_time ();
  exec_or_die (db, "BEGIN IMMEDIATE");
  for (guint i = 0; i < N_CHANGES; i++)
    {
      g_autofree char *id = desk_uuid_new ();   /* the same ids the write path makes */
      g_autoptr(GString) payload = g_string_new ("{\"name\":\"record.create.v1\",\"fields\":{");
      const char *now = "2026-11-22T01:30:00Z";

      sqlite3_bind_text (row, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (row, 2, "action-1", -1, SQLITE_STATIC);
      sqlite3_bind_text (row, 3, now, -1, SQLITE_STATIC);
      sqlite3_bind_text (row, 4, "Bench", -1, SQLITE_STATIC);
      sqlite3_bind_text (row, 5, now, -1, SQLITE_STATIC);
      sqlite3_bind_text (row, 6, "Bench", -1, SQLITE_STATIC);
      for (guint f = 0; fields[f]; f++)
        sqlite3_bind_text (row, 7 + f, value_for (f, i, buffer, sizeof buffer), -1, SQLITE_TRANSIENT);
      step_or_die (db, row);

      for (guint f = 0; fields[f]; f++)
        {
          g_autofree char *hlc = g_strdup_printf ("%013" G_GINT64_FORMAT "-%04x-benchnode",
                                                  g_get_real_time () / 1000, f);
          const char *value = value_for (f, i, buffer, sizeof buffer);

          sqlite3_bind_text (meta, 1, "arrestee", -1, SQLITE_STATIC);
          sqlite3_bind_text (meta, 2, id, -1, SQLITE_STATIC);
          sqlite3_bind_text (meta, 3, fields[f], -1, SQLITE_STATIC);
          sqlite3_bind_text (meta, 4, hlc, -1, SQLITE_STATIC);
          sqlite3_bind_text (meta, 5, "Bench", -1, SQLITE_STATIC);
          step_or_die (db, meta);

          sqlite3_bind_text (history, 1, "arrestee", -1, SQLITE_STATIC);
          sqlite3_bind_text (history, 2, id, -1, SQLITE_STATIC);
          sqlite3_bind_text (history, 3, fields[f], -1, SQLITE_STATIC);
          sqlite3_bind_text (history, 4, value, -1, SQLITE_STATIC);
          sqlite3_bind_text (history, 5, "Bench", -1, SQLITE_STATIC);
          sqlite3_bind_text (history, 6, now, -1, SQLITE_STATIC);
          sqlite3_bind_text (history, 7, hlc, -1, SQLITE_STATIC);
          step_or_die (db, history);

          g_string_append_printf (payload, "%s\"%s\":{\"value\":\"%s\",\"hlc\":\"%s\"}",
                                  f ? "," : "", fields[f], value, hlc);
        }
      g_string_append (payload, "}}");
      sqlite3_bind_text (outbox, 1, "arrestee", -1, SQLITE_STATIC);
      sqlite3_bind_text (outbox, 2, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (outbox, 3, "create", -1, SQLITE_STATIC);
      sqlite3_bind_text (outbox, 4, payload->str, -1, SQLITE_STATIC);
      sqlite3_bind_text (outbox, 5, now, -1, SQLITE_STATIC);
      step_or_die (db, outbox);
    }
  exec_or_die (db, "COMMIT");
  {
    double seconds = (g_get_monotonic_time () - start) / 1e6;

    sqlite3_finalize (row);
    sqlite3_finalize (meta);
    sqlite3_finalize (history);
    sqlite3_finalize (outbox);
    sqlite3_close (db);
    return seconds;
  }
}

int
main (int argc, char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("arrestdesk-bench-XXXXXX", NULL);
  g_autoptr(DeskKey) key = desk_key_new_random ();
  double path_s[3], hand_s[3];
  double best_path = G_MAXDOUBLE, best_hand = G_MAXDOUBLE;

  /* Alternate the two so neither gets a warmer cache or disk; keep the best of three. */
  for (guint round = 0; round < 3; round++)
    {
      g_autofree char *a = g_strdup_printf ("%s/path-%u.db", dir, round);
      g_autofree char *b = g_strdup_printf ("%s/hand-%u.db", dir, round);

      path_s[round] = run_write_path (a, key);
      hand_s[round] = run_hand_written (b, key);
      best_path = MIN (best_path, path_s[round]);
      best_hand = MIN (best_hand, hand_s[round]);
    }

  printf ("write path:   %8.0f changes/s (%d creates, 6 fields each, one transaction)\n",
          N_CHANGES / best_path, N_CHANGES);
  printf ("hand-written: %8.0f changes/s (same rows, field_meta, history, outbox)\n",
          N_CHANGES / best_hand);
  printf ("ratio write path / hand-written: %.2f (target >= 0.70)\n", best_hand / best_path);
  /* Six databases of 20,000 records: about 750 MB. */
  remove_tree (dir);
  return 0;
}
