#define G_LOG_DOMAIN "desk-text-collation"

#include "config.h"

#include <string.h>

#include "desk-text-collation.h"

/* Lists sort names by what a reader sees, not by bytes: SQLite's NOCASE
 * put every accented first letter after "Z". ASCII, most names, compares
 * letter by letter without allocating; a string with other characters is
 * folded whole: decomposed, marks dropped, case folded. */

static char *
fold (const char *text,
      gssize      len)
{
  g_autofree char *decomposed = g_utf8_normalize (text, len, G_NORMALIZE_NFD);
  g_autoptr(GString) bare = NULL;

  /* Not UTF-8: compared as it is. */
  if (decomposed == NULL)
    return g_ascii_strdown (text, len);

  bare = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (bare, c);
    }
  return g_utf8_casefold (bare->str, bare->len);
}

static int
compare_bytes (const char *a,
               gsize       a_len,
               const char *b,
               gsize       b_len)
{
  int order = memcmp (a, b, MIN (a_len, b_len));

  if (order != 0)
    return order;
  return a_len < b_len ? -1 : a_len > b_len;
}

int
desk_text_compare (const char *a,
                   gssize      a_len,
                   const char *b,
                   gssize      b_len)
{
  g_autofree char *a_folded = NULL;
  g_autofree char *b_folded = NULL;
  gsize i;
  int order;

  if (a_len < 0)
    a_len = strlen (a);
  if (b_len < 0)
    b_len = strlen (b);

  for (i = 0; i < (gsize) a_len && i < (gsize) b_len; i++)
    {
      guchar ca = a[i], cb = b[i];

      if (ca >= 0x80 || cb >= 0x80)
        break;
      if (g_ascii_tolower (ca) != g_ascii_tolower (cb))
        return g_ascii_tolower (ca) < g_ascii_tolower (cb) ? -1 : 1;
    }

  /* All ASCII up to where the shorter ends, unless something else came. */
  if ((i == (gsize) a_len || i == (gsize) b_len) &&
      (i == (gsize) a_len || (guchar) a[i] < 0x80) &&
      (i == (gsize) b_len || (guchar) b[i] < 0x80))
    {
      if (a_len != b_len)
        return a_len < b_len ? -1 : 1;
      return compare_bytes (a, a_len, b, b_len);
    }

  a_folded = fold (a, a_len);
  b_folded = fold (b, b_len);
  order = strcmp (a_folded, b_folded);
  return order != 0 ? order : compare_bytes (a, a_len, b, b_len);
}

static int
collate (void       *data,
         int         a_len,
         const void *a,
         int         b_len,
         const void *b)
{
  return desk_text_compare (a, a_len, b, b_len);
}

int
desk_text_collation_register (sqlite3 *db)
{
  return sqlite3_create_collation_v2 (db, DESK_TEXT_COLLATION, SQLITE_UTF8, NULL, collate, NULL);
}
