#define G_LOG_DOMAIN "desk-ctl"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "desk-ctl.h"
#include "desk-name-search.h"

/* search: the name search of src/core, as a volunteer or a script uses it.
 * Names go to standard output only, which is what was asked for. */

#define DEFAULT_LIMIT 20
#define MAX_LIMIT     1000

/* Stable words for scripts; people read desk_name_match_reason_describe(). */
static const char *
reason_keyword (DeskNameMatchReason reason)
{
  switch (reason)
    {
    case DESK_NAME_MATCH_EXACT: return "exact";
    case DESK_NAME_MATCH_NORMALIZED: return "normalized";
    case DESK_NAME_MATCH_NICKNAME: return "nickname";
    case DESK_NAME_MATCH_PHONETIC: return "phonetic";
    case DESK_NAME_MATCH_TYPO: return "typo";
    case DESK_NAME_MATCH_REORDERED: return "reordered";
    case DESK_NAME_MATCH_PREFIX: return "prefix";
    default: return "similar";
    }
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autofree char *quoted = NULL;

  json_node_set_string (node, text ? text : "");
  quoted = json_to_string (node, FALSE);
  g_string_append (out, quoted);
}

/* Written by hand so a score reads 0.92, not 0.92000000000000004. */
static void
print_json (GPtrArray *matches)
{
  g_autoptr(GString) out = g_string_new ("[");

  for (guint i = 0; i < matches->len; i++)
    {
      DeskNameMatch *match = g_ptr_array_index (matches, i);
      char score[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append (out, i == 0 ? "\n  {\"id\": " : ",\n  {\"id\": ");
      append_json_string (out, match->id);
      g_string_append (out, ", \"name\": ");
      append_json_string (out, match->name);
      g_string_append_printf (out, ", \"score\": %s, \"reason\": ",
                              g_ascii_formatd (score, sizeof score, "%.3f", match->score));
      append_json_string (out, reason_keyword (match->reason));
      g_string_append_c (out, '}');
    }
  g_string_append (out, matches->len > 0 ? "\n]\n" : "]\n");
  g_print ("%s", out->str);
}

static void
print_lines (GPtrArray *matches)
{
  for (guint i = 0; i < matches->len; i++)
    {
      DeskNameMatch *match = g_ptr_array_index (matches, i);

      /* score, name, why, id: the id is what other commands take. */
      g_print ("%.2f  %s  (%s)  %s\n", match->score, match->name ? match->name : "",
               desk_name_match_reason_describe (match->reason), match->id);
    }
}

DeskCtlExit
desk_ctl_cmd_search (DeskCtl  *ctl,
                     int       argc,
                     char    **argv)
{
  gboolean json = FALSE;
  g_autofree char *limit_text = NULL;
  g_autofree char *action_id = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Write JSON: a list of objects with id, name, score and reason"), NULL },
    { "limit", 'n', 0, G_OPTION_ARG_STRING, &limit_text,
      N_("Show at most N matches (default 20)"), "N" },
    { "action", 'a', 0, G_OPTION_ARG_STRING, &action_id,
      N_("Search only the arrestees of the action with this id"), N_("ID") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = desk_ctl_command_context (ctl, "search", entries);
  g_autoptr(DeskStore) store = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;
  guint64 limit = DEFAULT_LIMIT;

  if (!desk_ctl_parse (context, &argc, &argv))
    return DESK_CTL_EXIT_USAGE;
  /* The words after the command are the name: no quotes needed. */
  if (argc < 2)
    {
      desk_ctl_fail (_("“search” needs a name: “%s search NAME”"), g_get_prgname ());
      return DESK_CTL_EXIT_USAGE;
    }
  query = g_strjoinv (" ", argv + 1);
  if (!g_utf8_validate (query, -1, NULL))
    {
      desk_ctl_fail (_("the name to search for is not valid UTF-8 text"));
      return DESK_CTL_EXIT_USAGE;
    }
  if (limit_text != NULL &&
      !g_ascii_string_to_unsigned (limit_text, 10, 1, MAX_LIMIT, &limit, NULL))
    {
      desk_ctl_fail (_("--limit wants a whole number from 1 to %u, not “%s”"), MAX_LIMIT, limit_text);
      return DESK_CTL_EXIT_USAGE;
    }

  store = desk_ctl_open_store (ctl, FALSE);
  if (store == NULL)
    return DESK_CTL_EXIT_FAILED;

  matches = desk_name_search (store, query, action_id, (guint) limit, &error);
  if (matches == NULL)
    {
      /* The error never holds the name. */
      desk_ctl_fail (_("the search failed: %s"), error->message);
      desk_store_close (store);
      return DESK_CTL_EXIT_FAILED;
    }

  if (json)
    print_json (matches);
  else
    print_lines (matches);

  desk_store_close (store);
  return DESK_CTL_EXIT_OK;
}
