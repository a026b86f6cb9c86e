#define G_LOG_DOMAIN "desk-migrations"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-text-collation.h"
#include "desk-name-index.h"
#include "desk-schema.h"
#include "desk-store-private.h"

/* Each step moves the schema from version N-1 to N and runs in the same
 * transaction as the user_version bump. Steps are never edited once shipped;
 * a new field is a new step (ensure_record_tables adds missing columns). */

static gboolean
table_has_column (DeskStore  *self,
                  const char *table,
                  const char *column)
{
  g_autofree char *quoted = desk_sql_quote_identifier (table);
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info(%s)", quoted);
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (desk_store_get_db (self), sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  while (!found && sqlite3_step (stmt) == SQLITE_ROW)
    found = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), column) == 0;
  sqlite3_finalize (stmt);
  return found;
}

static const char *
column_type (DeskFieldKind kind)
{
  return kind == DESK_FIELD_INTEGER ? "INTEGER" : "TEXT";
}

/* Create every record table of desk-schema.c, and add columns that a newer
 * schema has and an older table lacks. */
static gboolean
ensure_record_tables (DeskStore  *self,
                      GError    **error)
{
  for (const DeskRecordType *const *t = desk_schema_types (); *t; t++)
    {
      g_autofree char *table = desk_sql_quote_identifier ((*t)->table);
      g_autoptr(GString) sql = g_string_new (NULL);

      g_string_append_printf (sql,
                              "CREATE TABLE IF NOT EXISTS %s ("
                              "id TEXT PRIMARY KEY NOT NULL, action TEXT, "
                              "created_at TEXT NOT NULL, created_by TEXT, "
                              "updated_at TEXT NOT NULL, updated_by TEXT, "
                              "deleted INTEGER NOT NULL DEFAULT 0",
                              table);
      for (const DeskField *f = (*t)->fields; f->name; f++)
        g_string_append_printf (sql, ", \"%s\" %s", f->name, column_type (f->kind));
      g_string_append (sql, ")");
      if (!desk_store_exec (self, sql->str, error))
        return FALSE;

      for (const DeskField *f = (*t)->fields; f->name; f++)
        {
          g_autofree char *alter = NULL;

          if (table_has_column (self, (*t)->table, f->name))
            continue;
          alter = g_strdup_printf ("ALTER TABLE %s ADD COLUMN \"%s\" %s",
                                   table, f->name, column_type (f->kind));
          if (!desk_store_exec (self, alter, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
migrate_to_1 (DeskStore  *self,
              GError    **error)
{
  static const char sql[] =
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY NOT NULL, value TEXT);"
    "CREATE TABLE IF NOT EXISTS field_meta ("
    "  table_name TEXT NOT NULL, record_id TEXT NOT NULL, field TEXT NOT NULL,"
    "  hlc TEXT NOT NULL, author TEXT,"
    "  PRIMARY KEY (table_name, record_id, field));"
    "CREATE TABLE IF NOT EXISTS history ("
    "  seq INTEGER PRIMARY KEY AUTOINCREMENT, table_name TEXT NOT NULL,"
    "  record_id TEXT NOT NULL, field TEXT NOT NULL, old_value TEXT, new_value TEXT,"
    "  author TEXT, at TEXT NOT NULL, hlc TEXT NOT NULL);"
    /* AUTOINCREMENT: ids stay strictly increasing after acknowledged ones are dropped. */
    "CREATE TABLE IF NOT EXISTS outbox ("
    "  mutation_id INTEGER PRIMARY KEY AUTOINCREMENT, table_name TEXT NOT NULL,"
    "  record_id TEXT NOT NULL, op TEXT NOT NULL, payload TEXT NOT NULL,"
    "  created_at TEXT NOT NULL);";

  return desk_store_exec (self, sql, error) && ensure_record_tables (self, error);
}

static gboolean
migrate_to_2 (DeskStore  *self,
              GError    **error)
{
  /* Rejected mutations stay visible with their reason (DESIGN.md "Push"). */
  if (!table_has_column (self, "outbox", "state") &&
      !desk_store_exec (self,
                        "ALTER TABLE outbox ADD COLUMN state TEXT NOT NULL DEFAULT 'pending';"
                        "ALTER TABLE outbox ADD COLUMN reason TEXT;",
                        error))
    return FALSE;

  if (!desk_store_exec (self,
                        "CREATE INDEX IF NOT EXISTS history_record ON history (table_name, record_id);"
                        "CREATE INDEX IF NOT EXISTS outbox_state ON outbox (state, mutation_id);",
                        error))
    return FALSE;

  if (!ensure_record_tables (self, error))
    return FALSE;

  for (const DeskRecordType *const *t = desk_schema_types (); *t; t++)
    {
      g_autofree char *table = desk_sql_quote_identifier ((*t)->table);
      g_autofree char *sql = g_strdup_printf ("CREATE INDEX IF NOT EXISTS \"%s_action\" "
                                              "ON %s (action, deleted)",
                                              (*t)->table, table);
      if (!desk_store_exec (self, sql, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
migrate_to_3 (DeskStore  *self,
              GError    **error)
{
  /* New arrestee fields (desk-schema.c says which). */
  return ensure_record_tables (self, error);
}

/* Indexes for the links a merge follows (desk-arrestee-merge.c) and the
 * history of merged records reads back. Partial: only linked rows cost. */
static gboolean
create_link_indexes (DeskStore  *self,
                     GError    **error)
{
  return desk_store_exec (self,
                          "CREATE INDEX IF NOT EXISTS arrestee_merged_into ON arrestee (merged_into) "
                          "WHERE merged_into IS NOT NULL;"
                          "CREATE INDEX IF NOT EXISTS call_arrestee ON call (arrestee_id) "
                          "WHERE arrestee_id IS NOT NULL;"
                          "CREATE INDEX IF NOT EXISTS online_report_arrestee ON online_report (arrestee_id) "
                          "WHERE arrestee_id IS NOT NULL;",
                          error);
}

/* Covering indexes for the lists (desk-list-query.c): a list reads its ids
 * in order from the index alone, never the records' pages, so 100,000
 * arrestees or 185,000 calls load in tens of milliseconds and leave the
 * page cache nearly empty. arrestee_custody holds what the custody sorts,
 * the Arrestees filters and the custody alerts (desk-custody-query.c) read. */
static gboolean
create_list_indexes (DeskStore  *self,
                     GError    **error)
{
  return desk_store_exec (self,
                          "CREATE INDEX IF NOT EXISTS arrestee_by_name ON arrestee "
                          "(action, deleted, legal_name COLLATE NOCASE, id);"
                          "CREATE INDEX IF NOT EXISTS arrestee_custody ON arrestee "
                          "(action, deleted, status, station_id, flags, arrival_time, checkin_time, "
                          "extension_until, warrant_until, release_time, outcome, arrival_estimated, id);"
                          "CREATE INDEX IF NOT EXISTS call_by_time ON call (action, deleted, call_time, id);"
                          "CREATE INDEX IF NOT EXISTS observer_shift_by_time ON observer_shift "
                          "(action, deleted, at_time, id);",
                          error);
}

static gboolean
migrate_to_4 (DeskStore  *self,
              GError    **error)
{
  /* The name search index (desk-name-index.c), filled from the arrestees
   * already there, the merge's link indexes and the lists' indexes. No
   * record field changes: the wire format is the same. */
  return ensure_record_tables (self, error) &&
         desk_name_index_create (self, error) &&
         create_link_indexes (self, error) &&
         create_list_indexes (self, error);
}

static gboolean
migrate_to_5 (DeskStore  *self,
              GError    **error)
{
  /* Names sort by what is read, accents and case folded
   * (desk-text-collation.c), still straight from the index. */
  return desk_store_exec (self,
                          "DROP INDEX IF EXISTS arrestee_by_name;"
                          "CREATE INDEX arrestee_by_name ON arrestee "
                          "(action, deleted, legal_name COLLATE " DESK_TEXT_COLLATION ", id);",
                          error);
}

typedef gboolean (*MigrationStep) (DeskStore *self, GError **error);

static const MigrationStep steps[] = {
  migrate_to_1,
  migrate_to_2,
  migrate_to_3,
  migrate_to_4,
  migrate_to_5,
};

G_STATIC_ASSERT (G_N_ELEMENTS (steps) == DESK_SCHEMA_VERSION);

static int
read_user_version (DeskStore *self)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (desk_store_get_db (self), "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

gboolean
desk_migrations_run (DeskStore  *self,
                     int        *version_out,
                     GError    **error)
{
  int version = read_user_version (self);

  if (version < 0)
    return desk_store_set_sqlite_error (self, error, "user_version");

  if (version > DESK_SCHEMA_VERSION)
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_TOO_NEW,
                   _("This database was made by a newer ArrestDesk (schema %d; this one knows up to %d). Update ArrestDesk to open it."),
                   version, DESK_SCHEMA_VERSION);
      return FALSE;
    }

  while (version < DESK_SCHEMA_VERSION)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!desk_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!steps[version] (self, error) || !desk_store_exec (self, bump, error))
        {
          desk_store_exec (self, "ROLLBACK", NULL);
          g_prefix_error (error, _("Cannot upgrade the database to schema %d: "), version + 1);
          return FALSE;
        }
      if (!desk_store_exec (self, "COMMIT", error))
        return FALSE;
      version++;
      g_debug ("Migrated database to schema %d", version);
    }

  *version_out = version;
  return TRUE;
}
