#define G_LOG_DOMAIN "desk-demo-draw"

#include "config.h"

#include <math.h>

#include "desk-demo-private.h"

/* The seeded draws the demo data is made of: one GRand per run, so the same
 * seed gives the same data. */

gboolean
desk_demo_chance (Demo   *demo,
                  double  probability)
{
  return g_rand_double (demo->rand) < probability;
}

guint
desk_demo_uniform (Demo  *demo,
                   guint  n)
{
  g_assert (n > 0);
  return (guint) g_rand_int_range (demo->rand, 0, (gint32) n);
}

/* A time in [lo, hi), to the minute: logs are kept to the minute. */
gint64
desk_demo_between (Demo   *demo,
                   gint64  lo,
                   gint64  hi)
{
  gint64 t;

  if (hi <= lo)
    return lo - lo % MINUTE;
  t = lo + (gint64) (g_rand_double (demo->rand) * (double) (hi - lo));
  return t - t % MINUTE;
}

/* Busy places get most of the arrests: index 0 is picked most often. */
guint
desk_demo_skewed (Demo  *demo,
                  guint  n)
{
  guint i = (guint) (n * pow (g_rand_double (demo->rand), 1.7));

  return MIN (i, n - 1);
}

void
desk_demo_shuffle (Demo  *demo,
                   guint *items,
                   guint  n_items)
{
  for (guint i = n_items; i > 1; i--)
    {
      guint j = desk_demo_uniform (demo, i);
      guint tmp = items[i - 1];

      items[i - 1] = items[j];
      items[j] = tmp;
    }
}

const char *
desk_demo_pick (Demo         *demo,
                DeskDemoList  list)
{
  guint n_items;
  const char *const *items = desk_demo_names_list (list, &n_items);

  return items[desk_demo_uniform (demo, n_items)];
}

const char *
desk_demo_pick_place (Demo          *demo,
                      const Station *station)
{
  return g_ptr_array_index (station->places, desk_demo_uniform (demo, station->places->len));
}

char *
desk_demo_make_name (Demo *demo)
{
  const char *given = desk_demo_pick (demo, DESK_DEMO_LIST_GIVEN_NAMES);
  const char *family = desk_demo_pick (demo, DESK_DEMO_LIST_FAMILY_NAMES);

  if (desk_demo_chance (demo, 0.08))
    return g_strdup_printf ("%s %s %s", given,
                            desk_demo_pick (demo, DESK_DEMO_LIST_GIVEN_NAMES), family);
  if (desk_demo_chance (demo, 0.03))
    return g_strdup_printf ("%s %s-%s", given, family,
                            desk_demo_pick (demo, DESK_DEMO_LIST_FAMILY_NAMES));
  return g_strdup_printf ("%s %s", given, family);
}

/* Ofcom keeps 07700 900000–900999 for drama: never a real phone. */
char *
desk_demo_make_phone (Demo *demo)
{
  return g_strdup_printf ("07700 900%03u", desk_demo_uniform (demo, 1000));
}
