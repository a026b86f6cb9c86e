#define G_LOG_DOMAIN "desk-name"

#include "config.h"

#include "desk-name-distance.h"

#include "desk-name-normalize.h"

/* Three rows of the classic table are enough: the transposition looks two
 * rows back. Tokens are at most DESK_NAME_MAX_TOKEN bytes. */
#define ROW (DESK_NAME_MAX_TOKEN + 2)

guint
desk_name_distance (const char *a,
                    gsize       a_len,
                    const char *b,
                    gsize       b_len,
                    guint       max)
{
  guint rows[3][ROW];
  guint *two_back = rows[0], *prev = rows[1], *cur = rows[2];

  if (a_len > DESK_NAME_MAX_TOKEN || b_len > DESK_NAME_MAX_TOKEN)
    return max + 1;
  if ((a_len > b_len ? a_len - b_len : b_len - a_len) > max)
    return max + 1;

  for (gsize j = 0; j <= b_len; j++)
    prev[j] = j;

  for (gsize i = 1; i <= a_len; i++)
    {
      guint row_min;
      guint *spare;

      cur[0] = i;
      row_min = cur[0];
      for (gsize j = 1; j <= b_len; j++)
        {
          guint cost = a[i - 1] == b[j - 1] ? 0 : 1;
          guint best = prev[j - 1] + cost;

          if (prev[j] + 1 < best)
            best = prev[j] + 1;
          if (cur[j - 1] + 1 < best)
            best = cur[j - 1] + 1;
          if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
              two_back[j - 2] + 1 < best)
            best = two_back[j - 2] + 1;
          cur[j] = best;
          if (best < row_min)
            row_min = best;
        }
      if (row_min > max)
        return max + 1;
      spare = two_back;
      two_back = prev;
      prev = cur;
      cur = spare;
    }

  return MIN (prev[b_len], max + 1);
}

guint32
desk_name_letter_mask (const char *token)
{
  guint32 mask = 0;

  for (const char *p = token; *p; p++)
    if (*p >= 'a' && *p <= 'z')
      mask |= 1u << (*p - 'a');
    else
      mask |= 1u << 26;   /* anything else: digits, other scripts */
  return mask;
}
