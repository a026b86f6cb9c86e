#define G_LOG_DOMAIN "desk-json-text"

#include "config.h"

#include "desk-json-text.h"

void
desk_json_append_string (GString    *out,
                         const char *text)
{
  const char *run;
  const char *p;

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  /* Runs that need no escape are copied whole. */
  g_string_append_c (out, '"');
  for (run = p = text; *p; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:   g_string_append_printf (out, "\\u%04x", (guint) c); break;
        }
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}
