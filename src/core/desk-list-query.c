#define G_LOG_DOMAIN "desk-list-query"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-text-collation.h"
#include "desk-list-query.h"
#include "desk-query.h"
#include "desk-schema.h"
#include "desk-store-private.h"

typedef enum
{
  CONDITION_EQUALS,
  CONDITION_HAS,
} ConditionKind;

typedef struct
{
  ConditionKind  kind;
  char          *field;
  char          *value;
} Condition;

struct _DeskListQuery
{
  char       *table;
  char       *action;
  char       *order_by;
  GPtrArray  *conditions;   /* Condition */
  char      **ids;          /* NULL: every record */
};

/* The custody clock's limit and length as SQL, so the Arrestees page sorts
 * by time left without reading every record, by the rules of
 * desk_custody_compute(): the clock runs from arrival, or check-in when
 * arrival is unknown, for 24 h or to the later of a superintendent's
 * extension and a warrant, and stops at release or when held for court. */
#define RELEVANT_TIME "COALESCE(NULLIF(\"arrival_time\", ''), NULLIF(\"checkin_time\", ''))"
#define CLOCK_STOPPED \
  "(NULLIF(\"release_time\", '') IS NOT NULL OR \"status\" = 'held_for_court' " \
  "OR \"outcome\" = 'held_for_court')"

static const struct
{
  const char *table;
  const char *key;
  const char *sql;
} sort_keys[] = {
  { "arrestee", "custody_limit",
    "(CASE WHEN " CLOCK_STOPPED " THEN NULL"
    " ELSE max(julianday(" RELEVANT_TIME ") + 1.0,"
    " IFNULL(julianday(NULLIF(\"extension_until\", '')), 0),"
    " IFNULL(julianday(NULLIF(\"warrant_until\", '')), 0)) END)" },
  { "arrestee", "custody_time",
    "(COALESCE(julianday(NULLIF(\"release_time\", '')), julianday('now')) - julianday(" RELEVANT_TIME "))" },
  { "arrestee", "station_name",
    "(SELECT lower(s.\"name\") FROM \"station\" AS s WHERE s.\"id\" = \"arrestee\".\"station_id\")" },
};

static void
condition_free (Condition *condition)
{
  g_free (condition->field);
  g_free (condition->value);
  g_free (condition);
}

static const char *
find_sort_key (const char *table,
               const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (sort_keys); i++)
    if (strcmp (sort_keys[i].table, table) == 0 && strcmp (sort_keys[i].key, key) == 0)
      return sort_keys[i].sql;

  return NULL;
}

/* Only names the schema knows reach SQL text. */
static gboolean
check_field (const DeskRecordType  *type,
             const char            *field,
             GError               **error)
{
  if (desk_schema_is_common_column (field) || desk_schema_find_field (type, field) != NULL)
    return TRUE;

  g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
               _("A %s record has no field “%s”"), type->table, field);
  return FALSE;
}

static gboolean
has_condition (const DeskListQuery *query,
               ConditionKind        kind,
               const char          *field,
               const char          *value)
{
  for (guint i = 0; i < query->conditions->len; i++)
    {
      Condition *condition = g_ptr_array_index (query->conditions, i);

      if (condition->kind == kind && g_str_equal (condition->field, field) &&
          g_strcmp0 (condition->value, value) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
remove_condition (DeskListQuery *query,
                  ConditionKind  kind,
                  const char    *field,
                  const char    *value)
{
  for (guint i = query->conditions->len; i > 0; i--)
    {
      Condition *condition = g_ptr_array_index (query->conditions, i - 1);

      if (condition->kind == kind && g_str_equal (condition->field, field) &&
          (value == NULL || g_str_equal (condition->value, value)))
        g_ptr_array_remove_index (query->conditions, i - 1);
    }
}

static void
add_condition (DeskListQuery *query,
               ConditionKind  kind,
               const char    *field,
               const char    *value)
{
  Condition *condition = g_new0 (Condition, 1);

  condition->kind = kind;
  condition->field = g_strdup (field);
  condition->value = g_strdup (value);
  g_ptr_array_add (query->conditions, condition);
}

/* "WHERE …" with one "?" a bound value, in the order bind_where binds them. */
static gboolean
append_where (GString              *sql,
              const DeskRecordType *type,
              const DeskListQuery  *query,
              GError              **error)
{
  /* With given ids, only their primary key may pick the rows: "+" keeps
   * SQLite from scanning a whole action's index instead (1.3 s and the
   * page cache full, for 100,000 arrestees). */
  const char *plus = query->ids != NULL ? "+" : "";

  g_string_append_printf (sql, " WHERE %sdeleted = 0", plus);
  if (query->action != NULL)
    g_string_append_printf (sql, " AND %saction = ?", plus);

  for (guint i = 0; i < query->conditions->len; i++)
    {
      Condition *condition = g_ptr_array_index (query->conditions, i);

      if (!check_field (type, condition->field, error))
        return FALSE;
      if (condition->kind == CONDITION_EQUALS)
        g_string_append_printf (sql, " AND %s\"%s\" = ?", plus, condition->field);
      else
        /* "welfare, minor" holds "minor" too. */
        g_string_append_printf (sql, " AND instr(',' || replace(IFNULL(\"%s\", ''), ' ', '') || ',', ?) > 0",
                                condition->field);
    }

  if (query->ids != NULL)
    {
      g_string_append (sql, " AND id IN (");
      for (guint i = 0; query->ids[i] != NULL; i++)
        g_string_append (sql, i == 0 ? "?" : ", ?");
      g_string_append (sql, ")");
    }
  return TRUE;
}

static void
bind_where (sqlite3_stmt        *stmt,
            const DeskListQuery *query)
{
  int n = 1;

  if (query->action != NULL)
    sqlite3_bind_text (stmt, n++, query->action, -1, SQLITE_TRANSIENT);

  for (guint i = 0; i < query->conditions->len; i++)
    {
      Condition *condition = g_ptr_array_index (query->conditions, i);

      if (condition->kind == CONDITION_EQUALS)
        sqlite3_bind_text (stmt, n++, condition->value, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_text (stmt, n++, g_strconcat (",", condition->value, ",", NULL), -1, g_free);
    }

  for (guint i = 0; query->ids != NULL && query->ids[i] != NULL; i++)
    sqlite3_bind_text (stmt, n++, query->ids[i], -1, SQLITE_TRANSIENT);
}

static gboolean
append_order (GString              *sql,
              const DeskRecordType *type,
              const DeskListQuery  *query,
              GError              **error)
{
  const char *name = query->order_by;
  const char *direction = "ASC";
  const DeskField *field;
  const char *computed;

  /* Ranked ids keep their own order (put back in C after the query). */
  if (name == NULL || query->ids != NULL)
    {
      g_string_append (sql, " ORDER BY rowid");
      return TRUE;
    }

  if (*name == '-')
    {
      direction = "DESC";
      name++;
    }

  computed = find_sort_key (type->table, name);
  if (computed != NULL)
    {
      g_string_append_printf (sql, " ORDER BY (%s IS NULL), %s %s, id %s",
                              computed, computed, direction, direction);
      return TRUE;
    }

  if (!check_field (type, name, error))
    return FALSE;

  /* Plainly, so a covering index of desk-migrations.c gives the order
   * without a sort: words whatever their case and accents, times as written. */
  field = desk_schema_find_field (type, name);
  g_string_append_printf (sql, " ORDER BY \"%s\"%s %s, id %s", name,
                          field != NULL && field->kind == DESK_FIELD_TEXT ? " COLLATE " DESK_TEXT_COLLATION : "",
                          direction, direction);
  return TRUE;
}

/* The ids found (a few hundred at most), in the order given; an id given
 * twice shows once. */
static DeskIdList *
put_in_given_order (DeskIdList        *found,
                    const char *const *given)
{
  DeskIdList *list = desk_id_list_new ();

  for (guint i = 0; given[i] != NULL; i++)
    if (desk_id_list_find (found, given[i]) != G_MAXUINT &&
        desk_id_list_find (list, given[i]) == G_MAXUINT)
      desk_id_list_add (list, given[i]);

  desk_id_list_free (found);
  return list;
}

DeskListQuery *
desk_list_query_new (const char *table)
{
  DeskListQuery *query;

  g_return_val_if_fail (table != NULL, NULL);

  query = g_new0 (DeskListQuery, 1);
  query->table = g_strdup (table);
  query->conditions = g_ptr_array_new_with_free_func ((GDestroyNotify) condition_free);
  return query;
}

DeskListQuery *
desk_list_query_copy (const DeskListQuery *query)
{
  DeskListQuery *copy;

  g_return_val_if_fail (query != NULL, NULL);

  copy = desk_list_query_new (query->table);
  copy->action = g_strdup (query->action);
  copy->order_by = g_strdup (query->order_by);
  copy->ids = g_strdupv (query->ids);
  for (guint i = 0; i < query->conditions->len; i++)
    {
      Condition *condition = g_ptr_array_index (query->conditions, i);

      add_condition (copy, condition->kind, condition->field, condition->value);
    }
  return copy;
}

void
desk_list_query_free (DeskListQuery *query)
{
  if (query == NULL)
    return;

  g_free (query->table);
  g_free (query->action);
  g_free (query->order_by);
  g_ptr_array_unref (query->conditions);
  g_strfreev (query->ids);
  g_free (query);
}

const char *
desk_list_query_get_table (const DeskListQuery *query)
{
  g_return_val_if_fail (query != NULL, NULL);

  return query->table;
}

void
desk_list_query_set_action (DeskListQuery *query,
                            const char    *action_id)
{
  g_return_if_fail (query != NULL);

  g_free (query->action);
  query->action = g_strdup (action_id);
}

const char *
desk_list_query_get_action (const DeskListQuery *query)
{
  g_return_val_if_fail (query != NULL, NULL);

  return query->action;
}

void
desk_list_query_set_order (DeskListQuery *query,
                           const char    *order_by)
{
  g_return_if_fail (query != NULL);

  g_free (query->order_by);
  query->order_by = g_strdup (order_by);
}

const char *
desk_list_query_get_order (const DeskListQuery *query)
{
  g_return_val_if_fail (query != NULL, NULL);

  return query->order_by;
}

gboolean
desk_list_query_set_equals (DeskListQuery *query,
                            const char    *field,
                            const char    *value)
{
  gboolean had_any = FALSE;

  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (value != NULL && has_condition (query, CONDITION_EQUALS, field, value))
    return FALSE;
  for (guint i = 0; i < query->conditions->len && !had_any; i++)
    {
      Condition *condition = g_ptr_array_index (query->conditions, i);

      had_any = condition->kind == CONDITION_EQUALS && g_str_equal (condition->field, field);
    }
  if (value == NULL && !had_any)
    return FALSE;

  remove_condition (query, CONDITION_EQUALS, field, NULL);
  if (value != NULL)
    add_condition (query, CONDITION_EQUALS, field, value);
  return TRUE;
}

gboolean
desk_list_query_set_has (DeskListQuery *query,
                         const char    *field,
                         const char    *item,
                         gboolean       required)
{
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (item != NULL, FALSE);

  if (has_condition (query, CONDITION_HAS, field, item) == required)
    return FALSE;
  remove_condition (query, CONDITION_HAS, field, item);
  if (required)
    add_condition (query, CONDITION_HAS, field, item);
  return TRUE;
}

void
desk_list_query_set_ids (DeskListQuery     *query,
                         const char *const *ids)
{
  g_return_if_fail (query != NULL);
  g_return_if_fail (ids == NULL || g_strv_length ((char **) ids) <= DESK_LIST_QUERY_MAX_IDS);

  g_strfreev (query->ids);
  query->ids = g_strdupv ((char **) ids);
}

gboolean
desk_list_query_has_ids (const DeskListQuery *query)
{
  g_return_val_if_fail (query != NULL, FALSE);

  return query->ids != NULL;
}

gboolean
desk_list_query_has_sort_key (const char *table,
                              const char *key)
{
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return find_sort_key (table, key[0] == '-' ? key + 1 : key) != NULL;
}

DeskIdList *
desk_list_query_run (DeskStore            *store,
                     const DeskListQuery  *query,
                     GError              **error)
{
  const DeskRecordType *type;
  g_autoptr(GString) sql = g_string_new ("SELECT id FROM ");
  g_autoptr(DeskIdList) list = NULL;
  g_autofree char *quoted = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  type = desk_schema_lookup (query->table);
  if (type == NULL)
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                   _("There is no record type “%s”"), query->table);
      return NULL;
    }

  quoted = desk_sql_quote_identifier (type->table);
  g_string_append (sql, quoted);
  if (!append_where (sql, type, query, error) || !append_order (sql, type, query, error))
    return NULL;

  list = desk_id_list_new ();

  desk_store_lock (store);
  /* Not cached: the text changes with each filter and search. */
  if (sqlite3_prepare_v2 (desk_store_get_db (store), sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      desk_store_set_sqlite_error (store, error, "list query");
      desk_store_unlock (store);
      return NULL;
    }
  bind_where (stmt, query);
  desk_store_watch_read (store, TRUE);
  desk_store_scan (store, TRUE);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    desk_id_list_add (list, (const char *) sqlite3_column_text (stmt, 0));
  desk_store_scan (store, FALSE);
  desk_store_watch_read (store, FALSE);
  if (rc == SQLITE_INTERRUPT)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Query stopped early");
  else if (rc != SQLITE_DONE)
    desk_store_set_sqlite_error (store, error, "list query");
  sqlite3_finalize (stmt);
  desk_store_unlock (store);

  if (rc != SQLITE_DONE)
    return NULL;

  if (query->ids != NULL)
    return put_in_given_order (g_steal_pointer (&list), (const char *const *) query->ids);
  return g_steal_pointer (&list);
}

GPtrArray *
desk_list_query_fetch (DeskStore          *store,
                       const char         *table,
                       const char *const  *columns,
                       const char *const  *ids,
                       guint               n_ids,
                       GError            **error)
{
  const DeskRecordType *type;
  g_autoptr(GString) sql = g_string_new ("SELECT id");
  g_autoptr(GHashTable) positions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *quoted = NULL;
  guint n_columns = columns != NULL ? g_strv_length ((char **) columns) : 0;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (n_ids <= DESK_LIST_QUERY_MAX_IDS, NULL);

  type = desk_schema_lookup (table);
  if (type == NULL)
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                   _("There is no record type “%s”"), table);
      return NULL;
    }
  for (guint i = 0; i < n_columns; i++)
    {
      if (!check_field (type, columns[i], error))
        return NULL;
      g_string_append_printf (sql, ", \"%s\"", columns[i]);
    }

  rows = g_ptr_array_new_full (n_ids, (GDestroyNotify) desk_row_free);
  g_ptr_array_set_size (rows, n_ids);
  if (n_ids == 0)
    return g_steal_pointer (&rows);

  /* Always as many places as a page can hold, so the statement is cached;
   * the places left unbound are NULL and match nothing. */
  quoted = desk_sql_quote_identifier (type->table);
  g_string_append_printf (sql, " FROM %s WHERE id IN (?", quoted);
  for (guint i = 1; i < DESK_LIST_QUERY_MAX_IDS; i++)
    g_string_append (sql, ", ?");
  g_string_append (sql, ")");

  for (guint i = 0; i < n_ids; i++)
    g_hash_table_insert (positions, (gpointer) ids[i], GUINT_TO_POINTER (i + 1));

  desk_store_lock (store);
  stmt = desk_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    {
      desk_store_unlock (store);
      return NULL;
    }
  for (guint i = 0; i < n_ids; i++)
    sqlite3_bind_text (stmt, i + 1, ids[i], -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint position = GPOINTER_TO_UINT (g_hash_table_lookup (positions, (const char *) sqlite3_column_text (stmt, 0)));
      DeskRow *row;

      if (position == 0 || g_ptr_array_index (rows, position - 1) != NULL)
        continue;
      row = g_new0 (DeskRow, 1);
      row->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row->values = g_new0 (char *, n_columns + 1);
      row->n_values = n_columns;
      for (guint i = 0; i < n_columns; i++)
        row->values[i] = g_strdup ((const char *) sqlite3_column_text (stmt, i + 1));
      rows->pdata[position - 1] = row;
    }
  if (rc != SQLITE_DONE)
    desk_store_set_sqlite_error (store, error, "list rows");
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  desk_store_unlock (store);

  return rc == SQLITE_DONE ? g_steal_pointer (&rows) : NULL;
}
