#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Hybrid logical clock: wall milliseconds + counter + node id. Only orders
 * writes; the sync cursor is the server's version, never a clock.
 * The text form "WWWWWWWWWWWWW-CCCC-NODE" compares correctly with strcmp. */
typedef struct
{
  gint64  wall_ms;
  guint32 counter;
  char    node[17];
} DeskHlc;

void      desk_hlc_init    (DeskHlc    *hlc,
                            const char *node);
/* Advance for a local event at @now_ms. */
void      desk_hlc_tick    (DeskHlc    *hlc,
                            gint64      now_ms);
/* Advance past a remote stamp received at @now_ms. */
void      desk_hlc_observe (DeskHlc       *hlc,
                            const DeskHlc *remote,
                            gint64         now_ms);
char     *desk_hlc_to_string (const DeskHlc *hlc);
gboolean  desk_hlc_parse     (const char *text,
                              DeskHlc    *hlc);
int       desk_hlc_compare   (const DeskHlc *a,
                              const DeskHlc *b);

G_END_DECLS
