#define G_LOG_DOMAIN "desk-import"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-csv.h"
#include "desk-field-value.h"
#include "desk-import-private.h"
#include "desk-query.h"
#include "desk-sync-account.h"

/* Progress is told every so many records: often enough for a progress bar,
 * rarely enough to cost nothing. */
#define PROGRESS_EVERY 256

typedef struct
{
  DeskStore              *store;
  const DeskRecordType   *type;
  char                   *action_id;
  char                   *action_name;
  GArray                 *columns;       /* DeskImportColumn */
  guint                   name_column;
  GHashTable             *stations;      /* folded name → station id */
  GPtrArray              *changes;       /* new stations first, then the arrestees */
  GPtrArray              *created;       /* names of the new stations */
  guint                   n_arrestees;
  guint                   n_local_times;
  gboolean                may_add_stations;
  DeskRole                role;
  DeskImportProgressFunc  progress;
  gpointer                progress_data;
  DeskImportProgress      state;
} Import;

G_DEFINE_QUARK (desk-import-error-quark, desk_import_error)

static void
import_clear (Import *import)
{
  g_free (import->action_id);
  g_free (import->action_name);
  g_clear_pointer (&import->columns, g_array_unref);
  g_clear_pointer (&import->stations, g_hash_table_unref);
  g_clear_pointer (&import->changes, g_ptr_array_unref);
  g_clear_pointer (&import->created, g_ptr_array_unref);
}

/* Station names match whatever their case or Unicode form. */
static char *
fold_name (const char *name)
{
  g_autofree char *composed = g_utf8_normalize (name, -1, G_NORMALIZE_DEFAULT_COMPOSE);

  return g_utf8_casefold (composed, -1);
}

static void
report (Import *import)
{
  if (import->progress != NULL)
    import->progress (&import->state, import->progress_data);
}

/* The action asked for, else the only or most recently made one. */
static gboolean
resolve_action (Import      *import,
                const char  *action_id,
                GError     **error)
{
  const char *const columns[] = { "name", NULL };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) record = NULL;
  g_autoptr(GError) local_error = NULL;
  DeskRow *row;

  if (action_id != NULL)
    {
      record = desk_query_record (import->store, "action", action_id, &local_error);
      if (record == NULL && !g_error_matches (local_error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (record == NULL || g_strcmp0 (g_hash_table_lookup (record, "deleted"), "0") != 0)
        {
          g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_NO_ACTION,
                       _("There is no mass action with the id “%s”; check the id (“arrestdesk-ctl export --json” lists the actions)"),
                       action_id);
          return FALSE;
        }
      import->action_id = g_strdup (action_id);
      import->action_name = g_strdup (g_hash_table_lookup (record, "name"));
      return TRUE;
    }

  rows = desk_query_rows (import->store, "action", NULL, columns, "-created_at", error);
  if (rows == NULL)
    return FALSE;
  if (rows->len == 0)
    {
      g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_NO_ACTION,
                   _("There is no mass action to import the arrestees into; make one first (New Action… in the app’s menu)"));
      return FALSE;
    }
  row = g_ptr_array_index (rows, 0);
  import->action_id = g_strdup (row->id);
  import->action_name = g_strdup (row->values[0]);
  return TRUE;
}

/* DESIGN.md "Roles": the server refuses what the desk's role may not do;
 * better said now, line by line, than as a pile of refused changes. A desk
 * working on its own has no role and may do everything. */
static gboolean
check_role (Import  *import,
            GError **error)
{
  g_autoptr(DeskSyncAccount) account = desk_sync_account_load (import->store);

  import->may_add_stations = TRUE;
  if (account == NULL || !account->has_role)
    return TRUE;

  if (!desk_role_can_write (account->role, "arrestee", NULL))
    {
      g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_NOT_ALLOWED,
                   _("This desk works as a %s, who may not add arrestees, so nothing was imported; a Back Office volunteer or coordinator can import the file"),
                   desk_role_to_string (account->role));
      return FALSE;
    }
  import->may_add_stations = desk_role_can_write (account->role, "station", NULL);
  import->role = account->role;
  return TRUE;
}

static gboolean
load_stations (Import  *import,
               GError **error)
{
  const char *const columns[] = { "name", NULL };
  g_autoptr(GPtrArray) rows = NULL;

  rows = desk_query_rows (import->store, "station", import->action_id, columns, NULL, error);
  if (rows == NULL)
    return FALSE;

  import->stations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < rows->len; i++)
    {
      DeskRow *row = g_ptr_array_index (rows, i);

      g_autofree char *folded = NULL;

      if (row->values[0] == NULL)
        continue;
      folded = fold_name (row->values[0]);
      /* Of two stations with one name the older wins, as a person would guess. */
      if (!g_hash_table_contains (import->stations, folded))
        g_hash_table_insert (import->stations, g_steal_pointer (&folded), g_strdup (row->id));
    }
  return TRUE;
}

/* The id of the live station called @name, made in this import if need be
 * (and if the role may), or NULL. */
static const char *
station_id (Import            *import,
            const char        *name,
            DeskImportColumn  *column,
            guint              line,
            GError           **error)
{
  g_autofree char *folded = fold_name (name);
  const char *id = g_hash_table_lookup (import->stations, folded);
  DeskChange *change;

  if (id != NULL)
    return id;
  if (!import->may_add_stations)
    {
      g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_NOT_ALLOWED,
                   _("Line %u, column “%s”: the action has no station of this name, and a %s may not add one; check the spelling, ask a station support coordinator to add the station, or leave the cell empty"),
                   line, column->heading, desk_role_to_string (import->role));
      return NULL;
    }

  change = desk_change_new_create ("station", import->action_id);
  desk_change_set (change, "name", name);
  /* Stations go before the arrestees that point at them. */
  g_ptr_array_insert (import->changes, import->created->len, change);
  g_ptr_array_add (import->created, g_strdup (name));
  id = desk_change_get_id (change);
  g_hash_table_insert (import->stations, g_steal_pointer (&folded), g_strdup (id));
  return id;
}

/* "In Custody" → "in_custody". */
static char *
status_code (const char *value)
{
  char *code = g_utf8_strdown (value, -1);

  g_strdelimit (code, " -", '_');
  return code;
}

static gboolean
set_value (Import            *import,
           DeskChange        *change,
           DeskImportColumn  *column,
           const char        *value,
           guint              line,
           GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *normalized = NULL;

  if (column->field == NULL)
    {
      const char *id = station_id (import, value, column, line, error);

      if (id == NULL)
        return FALSE;
      desk_change_set (change, "station_id", id);
      return TRUE;
    }

  if (column->field->kind == DESK_FIELD_TIME)
    {
      gboolean local = FALSE;

      normalized = desk_import_parse_time (value, &local);
      if (normalized == NULL)
        {
          g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_VALUE,
                       _("Line %u, column “%s”: this is not a time ArrestDesk can read; write it as 2026-11-22 14:30 (local time) or 2026-11-22T14:30:00Z (UTC)"),
                       line, column->heading);
          return FALSE;
        }
      import->n_local_times += local ? 1 : 0;
    }
  /* The write path's own check, in the words that never quote the value. */
  else if (!desk_field_value_check_unquoted (import->type, column->field, value,
                                             &normalized, &local_error))
    {
      g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_VALUE,
                   _("Line %u, column “%s”: %s"), line, column->heading, local_error->message);
      return FALSE;
    }

  /* People type the status as the app shows it: "In custody" is in_custody. */
  if (normalized == NULL && g_str_equal (column->field->name, "status"))
    normalized = status_code (value);

  desk_change_set (change, column->field->name, normalized != NULL ? normalized : value);
  return TRUE;
}

static gboolean
add_arrestee (Import   *import,
              char    **fields,
              guint     line,
              GError  **error)
{
  g_autoptr(DeskChange) change = NULL;
  guint n_fields = g_strv_length (fields);

  if (n_fields != import->columns->len)
    {
      g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_VALUE,
                   _("Line %u has %u fields, but the header names %u columns; look for a missing or extra comma, or put a value that holds a comma in quotes"),
                   line, n_fields, import->columns->len);
      return FALSE;
    }
  if (*g_strstrip (fields[import->name_column]) == '\0')
    {
      g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_VALUE,
                   _("Line %u, column “%s”: the name is empty; every arrestee needs one, so fill it in (a description will do until the name is known)"),
                   line, g_array_index (import->columns, DeskImportColumn, import->name_column).heading);
      return FALSE;
    }

  change = desk_change_new_create ("arrestee", import->action_id);
  for (guint i = 0; i < n_fields; i++)
    {
      const char *value = g_strstrip (fields[i]);

      /* An empty cell sets nothing: no history of a value that never was. */
      if (*value != '\0' &&
          !set_value (import, change, &g_array_index (import->columns, DeskImportColumn, i),
                      value, line, error))
        return FALSE;
    }
  if (!desk_change_lookup (change, "status", NULL, NULL))
    desk_change_set (change, "status", "arrested");

  g_ptr_array_add (import->changes, g_steal_pointer (&change));
  import->n_arrestees++;
  return TRUE;
}

static gboolean
read_file (Import         *import,
           DeskCsvReader  *reader,
           GCancellable   *cancellable,
           GError        **error)
{
  g_autoptr(GError) header_error = NULL;
  char **fields = NULL;
  guint line = 0;
  guint header_line;

  if (!desk_csv_reader_next (reader, &fields, &line, cancellable, &header_error))
    {
      if (header_error != NULL)
        g_propagate_error (error, g_steal_pointer (&header_error));
      else
        g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_EMPTY,
                     _("The file is empty; its first line must name the columns, such as name,station,arrest_time"));
      return FALSE;
    }
  header_line = line;
  import->columns = desk_import_columns_parse (fields, header_line, &import->name_column, error);
  g_strfreev (fields);
  if (import->columns == NULL)
    return FALSE;

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      gboolean added;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!desk_csv_reader_next (reader, &fields, &line, cancellable, &local_error))
        {
          if (local_error == NULL)
            break;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      added = add_arrestee (import, fields, line, error);
      g_strfreev (fields);
      if (!added)
        return FALSE;

      if (import->n_arrestees % PROGRESS_EVERY == 0)
        {
          import->state.records = import->n_arrestees;
          import->state.bytes_read = desk_csv_reader_get_bytes_read (reader);
          report (import);
        }
    }

  if (import->n_arrestees == 0)
    {
      g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_EMPTY,
                   _("The file names its columns (line %u) but holds no arrestees after them; add a line for each arrestee"),
                   header_line);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_changes (Import        *import,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  /* The last moment to stop: after it, all of it is written. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  import->state.records = import->n_arrestees;
  import->state.writing = TRUE;
  report (import);

  if (desk_store_apply_all (import->store, import->changes, &local_error))
    return TRUE;

  /* Every value was checked above; should the write path still refuse
   * one, its message may quote the value, which must go no further. */
  if (g_error_matches (local_error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID))
    g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_VALUE,
                 _("A value in the file was refused when saving; nothing was imported"));
  else
    g_set_error (error, DESK_STORE_ERROR, local_error->code,
                 _("Nothing was imported: %s"), local_error->message);
  return FALSE;
}

static DeskImportResult *
take_result (Import *import)
{
  DeskImportResult *result = g_new0 (DeskImportResult, 1);
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();

  g_ptr_array_add (import->created, NULL);
  result->action_id = g_steal_pointer (&import->action_id);
  result->action_name = g_steal_pointer (&import->action_name);
  result->n_arrestees = import->n_arrestees;
  result->stations_created = (char **) g_ptr_array_free (g_steal_pointer (&import->created), FALSE);
  result->n_local_times = import->n_local_times;
  result->time_zone = g_strdup (g_time_zone_get_identifier (zone));
  return result;
}

void
desk_import_result_free (DeskImportResult *result)
{
  if (result == NULL)
    return;
  g_free (result->action_id);
  g_free (result->action_name);
  g_strfreev (result->stations_created);
  g_free (result->time_zone);
  g_free (result);
}

char *
desk_import_result_describe (const DeskImportResult *result)
{
  GString *text = g_string_new (NULL);
  guint n_stations;

  g_return_val_if_fail (result != NULL, NULL);

  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE, "Imported %u arrestee into “%s”.",
                                       "Imported %u arrestees into “%s”.", result->n_arrestees),
                          result->n_arrestees, result->action_name ? result->action_name : "");
  n_stations = g_strv_length (result->stations_created);
  if (n_stations > 0)
    {
      g_autofree char *names = g_strjoinv (", ", result->stations_created);

      g_string_append_c (text, ' ');
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE, "Made %u new station: %s.",
                                           "Made %u new stations: %s.", n_stations),
                              n_stations, names);
    }
  if (result->n_local_times > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u time had no zone: it was read as local time (%s) and stored in UTC.",
                                           "%u times had no zone: they were read as local time (%s) and stored in UTC.",
                                           result->n_local_times),
                              result->n_local_times, result->time_zone);
    }
  return g_string_free (text, FALSE);
}

DeskImportResult *
desk_import_arrestees (DeskStore               *store,
                       GInputStream            *stream,
                       guint64                  total_bytes,
                       const char              *action_id,
                       DeskImportProgressFunc   progress,
                       gpointer                 progress_data,
                       GCancellable            *cancellable,
                       GError                 **error)
{
  g_autoptr(DeskCsvReader) reader = NULL;
  Import import = { 0, };
  DeskImportResult *result = NULL;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  import.store = store;
  import.type = desk_schema_lookup ("arrestee");
  import.changes = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_change_free);
  import.created = g_ptr_array_new_with_free_func (g_free);
  import.progress = progress;
  import.progress_data = progress_data;
  import.state.bytes_total = total_bytes;
  reader = desk_csv_reader_new (stream);

  if (resolve_action (&import, action_id, error) &&
      check_role (&import, error) &&
      load_stations (&import, error) &&
      read_file (&import, reader, cancellable, error) &&
      write_changes (&import, cancellable, error))
    result = take_result (&import);

  import_clear (&import);
  return result;
}

DeskImportResult *
desk_import_arrestees_from_file (DeskStore               *store,
                                 GFile                   *file,
                                 const char              *action_id,
                                 DeskImportProgressFunc   progress,
                                 gpointer                 progress_data,
                                 GCancellable            *cancellable,
                                 GError                 **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  guint64 size = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
    size = g_file_info_get_size (info);

  return desk_import_arrestees (store, G_INPUT_STREAM (stream), size, action_id,
                                progress, progress_data, cancellable, error);
}
