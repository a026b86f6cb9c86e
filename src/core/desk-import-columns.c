#define G_LOG_DOMAIN "desk-import-columns"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-import-private.h"

/* The header row of an arrestee CSV file: which field each column sets.
 * People type headings by hand ("Legal Name", "arrest-time"), so case,
 * spaces and hyphens do not matter, and a typo gets a suggestion. */

/* Set otherwise: the station comes by its name, merging has its own path. */
static const char *const not_importable[] = { "station_id", "merged_into", NULL };

static const DeskRecordType *
arrestee_type (void)
{
  const DeskRecordType *type = desk_schema_lookup ("arrestee");

  g_assert (type != NULL);
  return type;
}

/* "  Legal  Name " → "legal_name". */
static char *
normalize_heading (const char *heading)
{
  g_autofree char *down = g_utf8_strdown (heading, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = g_strstrip (down); *p; p++)
    {
      char c = (*p == ' ' || *p == '-' || *p == '\t') ? '_' : *p;

      if (c == '_' && out->len > 0 && out->str[out->len - 1] == '_')
        continue;
      g_string_append_c (out, c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
importable (const DeskField *field)
{
  return !g_strv_contains (not_importable, field->name);
}

/* The known column names, in the order a person would look for them. */
static GPtrArray *
known_names (void)
{
  GPtrArray *names = g_ptr_array_new ();

  g_ptr_array_add (names, (gpointer) "name");
  g_ptr_array_add (names, (gpointer) "station");
  for (const DeskField *f = arrestee_type ()->fields; f->name != NULL; f++)
    if (importable (f) && !g_str_equal (f->name, "legal_name"))
      g_ptr_array_add (names, (gpointer) f->name);
  return names;
}

/* TRUE with *field (NULL for the station) when @name is a known column. */
static gboolean
lookup_column (const char       *name,
               const DeskField **field)
{
  const DeskRecordType *type = arrestee_type ();

  *field = NULL;
  if (g_str_equal (name, "station"))
    return TRUE;
  if (g_str_equal (name, "name"))
    name = "legal_name";
  *field = desk_schema_find_field (type, name);
  return *field != NULL && importable (*field);
}

static guint
edit_distance (const char *a,
               const char *b)
{
  gsize n = strlen (b);
  g_autofree guint *row = g_new (guint, n + 1);

  for (gsize j = 0; j <= n; j++)
    row[j] = j;
  for (gsize i = 1; a[i - 1]; i++)
    {
      guint diagonal = row[0];

      row[0] = i;
      for (gsize j = 1; j <= n; j++)
        {
          guint above = row[j];
          guint cost = a[i - 1] == b[j - 1] ? 0 : 1;

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + cost);
          diagonal = above;
        }
    }
  return row[n];
}

/* The known name @name was most likely meant to be, or NULL. */
static const char *
nearest_name (const char *name,
              GPtrArray  *known)
{
  const char *best = NULL;
  guint best_distance = G_MAXUINT;

  for (guint i = 0; i < known->len; i++)
    {
      const char *candidate = g_ptr_array_index (known, i);
      guint distance = edit_distance (name, candidate);

      /* "offence" for "alleged_offence": a part of the name counts as close. */
      if (strlen (name) >= 4 && strstr (candidate, name) != NULL)
        distance = MIN (distance, 1);
      if (distance < best_distance)
        {
          best = candidate;
          best_distance = distance;
        }
    }
  if (best != NULL && best_distance <= MAX (2, strlen (best) / 3))
    return best;
  return NULL;
}

static void
column_clear (gpointer data)
{
  g_free (((DeskImportColumn *) data)->heading);
}

static void
set_unknown_error (GError    **error,
                   GPtrArray  *unknown,
                   guint       header_line)
{
  g_autoptr(GPtrArray) known = known_names ();
  g_autoptr(GString) listed = g_string_new (NULL);
  g_autofree char *known_list = NULL;

  for (guint i = 0; i < unknown->len; i++)
    {
      const char *heading = g_ptr_array_index (unknown, i);
      g_autofree char *normalized = normalize_heading (heading);
      const char *nearest = nearest_name (normalized, known);

      if (i > 0)
        g_string_append (listed, ", ");
      if (nearest != NULL)
        g_string_append_printf (listed, _("“%s” (did you mean “%s”?)"), heading, nearest);
      else
        g_string_append_printf (listed, "“%s”", heading);
    }

  g_ptr_array_add (known, NULL);
  known_list = g_strjoinv (", ", (char **) known->pdata);
  g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_HEADER,
               g_dngettext (GETTEXT_PACKAGE,
                            "The header (line %u) names a column ArrestDesk does not know: %s. Rename or remove it; the known columns are %s",
                            "The header (line %u) names columns ArrestDesk does not know: %s. Rename or remove them; the known columns are %s",
                            unknown->len),
               header_line, listed->str, known_list);
}

GArray *
desk_import_columns_parse (char    **header,
                           guint     header_line,
                           guint    *name_column,
                           GError  **error)
{
  g_autoptr(GArray) columns = g_array_new (FALSE, TRUE, sizeof (DeskImportColumn));
  g_autoptr(GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);  /* field (or "station") → index + 1 */
  static const char station_key[] = "station";
  gboolean have_name = FALSE;

  g_return_val_if_fail (header != NULL, NULL);
  g_return_val_if_fail (name_column != NULL, NULL);

  g_array_set_clear_func (columns, column_clear);

  for (guint i = 0; header[i] != NULL; i++)
    {
      g_autofree char *heading = g_strstrip (g_strdup (header[i]));
      g_autofree char *normalized = normalize_heading (heading);
      DeskImportColumn column = { NULL, NULL };
      gconstpointer key;
      guint earlier;

      if (*heading == '\0')
        {
          g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_HEADER,
                       _("Column %u of the header (line %u) has no name; name it or remove the column"),
                       i + 1, header_line);
          return NULL;
        }
      if (!lookup_column (normalized, &column.field))
        {
          g_ptr_array_add (unknown, g_steal_pointer (&heading));
          continue;
        }

      key = column.field != NULL ? (gconstpointer) column.field : (gconstpointer) station_key;
      earlier = GPOINTER_TO_UINT (g_hash_table_lookup (seen, key));
      if (earlier != 0)
        {
          g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_HEADER,
                       _("The header (line %u) names the column “%s” twice (columns %u and %u); keep one of them"),
                       header_line, heading, earlier, i + 1);
          return NULL;
        }
      g_hash_table_insert (seen, (gpointer) key, GUINT_TO_POINTER (i + 1));

      if (column.field != NULL && g_str_equal (column.field->name, "legal_name"))
        {
          have_name = TRUE;
          *name_column = i;
        }
      column.heading = g_steal_pointer (&heading);
      g_array_append_val (columns, column);
    }

  if (unknown->len > 0)
    {
      set_unknown_error (error, unknown, header_line);
      return NULL;
    }
  if (!have_name)
    {
      g_set_error (error, DESK_IMPORT_ERROR, DESK_IMPORT_ERROR_HEADER,
                   _("The header (line %u) has no “name” column; every arrestee needs a name, so add a column “name” with the legal names"),
                   header_line);
      return NULL;
    }

  return g_steal_pointer (&columns);
}
