#define G_LOG_DOMAIN "desk-hlc"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "desk-hlc.h"

/* The text form has four hex digits of counter: past that, borrow a millisecond. */
static void
normalize (DeskHlc *hlc)
{
  if (hlc->counter > 0xffff)
    {
      hlc->wall_ms++;
      hlc->counter = 0;
    }
}

void
desk_hlc_init (DeskHlc    *hlc,
               const char *node)
{
  g_return_if_fail (hlc != NULL);
  g_return_if_fail (node != NULL);

  hlc->wall_ms = 0;
  hlc->counter = 0;
  g_strlcpy (hlc->node, node, sizeof hlc->node);
}

void
desk_hlc_tick (DeskHlc *hlc,
               gint64   now_ms)
{
  g_return_if_fail (hlc != NULL);

  /* A wall clock that went backwards must not reorder our own writes. */
  if (now_ms > hlc->wall_ms)
    {
      hlc->wall_ms = now_ms;
      hlc->counter = 0;
    }
  else
    hlc->counter++;
  normalize (hlc);
}

void
desk_hlc_observe (DeskHlc       *hlc,
                  const DeskHlc *remote,
                  gint64         now_ms)
{
  gint64 wall;

  g_return_if_fail (hlc != NULL);
  g_return_if_fail (remote != NULL);

  wall = MAX (MAX (hlc->wall_ms, remote->wall_ms), now_ms);
  if (wall == hlc->wall_ms && wall == remote->wall_ms)
    hlc->counter = MAX (hlc->counter, remote->counter) + 1;
  else if (wall == hlc->wall_ms)
    hlc->counter++;
  else if (wall == remote->wall_ms)
    hlc->counter = remote->counter + 1;
  else
    hlc->counter = 0;
  hlc->wall_ms = wall;
  normalize (hlc);
}

char *
desk_hlc_to_string (const DeskHlc *hlc)
{
  g_return_val_if_fail (hlc != NULL, NULL);

  return g_strdup_printf ("%013" G_GINT64_FORMAT "-%04x-%s",
                          hlc->wall_ms, hlc->counter, hlc->node);
}

gboolean
desk_hlc_parse (const char *text,
                DeskHlc    *hlc)
{
  gint64 wall;
  guint counter;
  char node[17] = { 0 };
  int consumed = 0;

  g_return_val_if_fail (hlc != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  if (sscanf (text, "%13" G_GINT64_MODIFIER "d-%4x-%16[0-9a-zA-Z]%n",
              &wall, &counter, node, &consumed) != 3)
    return FALSE;
  if (text[consumed] != '\0' || wall < 0)
    return FALSE;

  hlc->wall_ms = wall;
  hlc->counter = counter;
  memcpy (hlc->node, node, sizeof hlc->node);
  return TRUE;
}

int
desk_hlc_compare (const DeskHlc *a,
                  const DeskHlc *b)
{
  if (a->wall_ms != b->wall_ms)
    return a->wall_ms < b->wall_ms ? -1 : 1;
  if (a->counter != b->counter)
    return a->counter < b->counter ? -1 : 1;
  return strcmp (a->node, b->node);
}
