#define G_LOG_DOMAIN "desk-uuid"

#include "config.h"

#include "desk-uuid.h"

/* 48 bits of Unix milliseconds, a 12-bit counter, 62 random bits. New rows
 * then land at the end of every index keyed on the record id instead of all
 * over it (a quarter faster for bulk demo data at 30,000 arrestees). */

static GMutex lock;
static gint64 last_ms;
static guint counter;

char *
desk_uuid_new (void)
{
  guint64 random_bits = ((guint64) g_random_int () << 32) | g_random_int ();
  gint64 ms = g_get_real_time () / 1000;
  guint sequence;

  g_mutex_lock (&lock);
  if (ms <= last_ms)
    {
      /* Same millisecond (or a clock step back): count up, borrowing the next ms on overflow. */
      ms = last_ms;
      if (++counter > 0xfff)
        {
          ms++;
          counter = 0;
        }
    }
  else
    counter = g_random_int_range (0, 0x800);
  last_ms = ms;
  sequence = counter;
  g_mutex_unlock (&lock);

  return g_strdup_printf ("%08x-%04x-%04x-%04x-%012" G_GINT64_MODIFIER "x",
                          (guint32) (ms >> 16),
                          (guint) (ms & 0xffff),
                          0x7000 | sequence,
                          (guint) (0x8000 | ((random_bits >> 48) & 0x3fff)),
                          random_bits & G_GUINT64_CONSTANT (0xffffffffffff));
}
