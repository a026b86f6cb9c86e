#pragma once

#include "desk-server-storage.h"

G_BEGIN_DECLS

/* Failed logins are counted per account and per client address for 15
 * minutes. From the 3rd failure the answer comes later; from the 5th the
 * key must wait, 30 s doubling up to 15 min, and is answered 429. */
#define DESK_LOGIN_WINDOW        (15 * 60)
#define DESK_LOGIN_MAX_FAILURES  5

/* Seconds @key must wait before trying again, 0 when it may try now. */
gint64  desk_login_throttle_wait  (DeskServerStorage  *storage,
                                   const char         *key,
                                   gint64              now,
                                   GError            **error);
/* Counts a failure; returns how many the key has in the window (0 on error). */
guint   desk_login_throttle_fail  (DeskServerStorage  *storage,
                                   const char         *key,
                                   gint64              now,
                                   GError            **error);
/* Milliseconds to hold back the answer to the @count-th failure. */
guint   desk_login_throttle_delay (guint               count);

/* Requests per token: a token bucket refilled at @rate a second up to
 * @burst, kept in memory (a limit per process, not a record). */
typedef struct _DeskRateLimiter DeskRateLimiter;

DeskRateLimiter *desk_rate_limiter_new  (double            rate,
                                         double            burst);
/* TRUE when @key may make one more request at @now_us. */
gboolean         desk_rate_limiter_take (DeskRateLimiter  *self,
                                         const char       *key,
                                         gint64            now_us);
void             desk_rate_limiter_free (DeskRateLimiter  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskRateLimiter, desk_rate_limiter_free)

G_END_DECLS
