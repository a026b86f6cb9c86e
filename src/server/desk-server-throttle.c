#define G_LOG_DOMAIN "desk-server-throttle"

#include "config.h"

#include "desk-server-throttle.h"

#define FIRST_WAIT   30          /* seconds, after the 5th failure */
#define LONGEST_WAIT (15 * 60)
#define MAX_BUCKETS  4096

static gint64
backoff (guint count)
{
  guint doublings = count - DESK_LOGIN_MAX_FAILURES;

  if (count < DESK_LOGIN_MAX_FAILURES)
    return 0;
  if (doublings >= 5)
    return LONGEST_WAIT;
  return MIN ((gint64) FIRST_WAIT << doublings, LONGEST_WAIT);
}

gint64
desk_login_throttle_wait (DeskServerStorage  *storage,
                          const char         *key,
                          gint64              now,
                          GError            **error)
{
  guint count = 0;
  gint64 last_at = 0;

  if (!desk_server_storage_get_login_failures (storage, key, now - DESK_LOGIN_WINDOW,
                                               &count, &last_at, error))
    return 0;
  if (count < DESK_LOGIN_MAX_FAILURES)
    return 0;
  return MAX (last_at + backoff (count) - now, 0);
}

guint
desk_login_throttle_fail (DeskServerStorage  *storage,
                          const char         *key,
                          gint64              now,
                          GError            **error)
{
  guint count = 0;

  if (!desk_server_storage_add_login_failure (storage, key, now, now - DESK_LOGIN_WINDOW,
                                              &count, error))
    return 0;
  return count;
}

guint
desk_login_throttle_delay (guint count)
{
  if (count < 3)
    return 0;
  return MIN (250u << MIN (count - 3, 3u), 2000u);
}

typedef struct
{
  double tokens;
  gint64 last_us;
} Bucket;

struct _DeskRateLimiter
{
  double      rate;
  double      burst;
  GHashTable *buckets;   /* key → Bucket */
};

DeskRateLimiter *
desk_rate_limiter_new (double rate,
                       double burst)
{
  DeskRateLimiter *self = g_new0 (DeskRateLimiter, 1);

  self->rate = rate;
  self->burst = burst;
  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
desk_rate_limiter_free (DeskRateLimiter *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->buckets);
  g_free (self);
}

static void
refill (DeskRateLimiter *self,
        Bucket          *bucket,
        gint64           now_us)
{
  double elapsed = MAX (now_us - bucket->last_us, 0) / (double) G_USEC_PER_SEC;

  bucket->tokens = MIN (self->burst, bucket->tokens + elapsed * self->rate);
  bucket->last_us = now_us;
}

/* Full buckets say nothing a new one would not: forget them. */
static void
forget_idle (DeskRateLimiter *self,
             gint64           now_us)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->buckets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      refill (self, value, now_us);
      if (((Bucket *) value)->tokens >= self->burst)
        g_hash_table_iter_remove (&iter);
    }
}

gboolean
desk_rate_limiter_take (DeskRateLimiter *self,
                        const char      *key,
                        gint64           now_us)
{
  Bucket *bucket;

  g_return_val_if_fail (self != NULL && key != NULL, FALSE);

  bucket = g_hash_table_lookup (self->buckets, key);
  if (bucket == NULL)
    {
      if (g_hash_table_size (self->buckets) >= MAX_BUCKETS)
        forget_idle (self, now_us);
      bucket = g_new0 (Bucket, 1);
      bucket->tokens = self->burst;
      bucket->last_us = now_us;
      g_hash_table_insert (self->buckets, g_strdup (key), bucket);
    }

  refill (self, bucket, now_us);
  if (bucket->tokens < 1.0)
    return FALSE;
  bucket->tokens -= 1.0;
  return TRUE;
}
