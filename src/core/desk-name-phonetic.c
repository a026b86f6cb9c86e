#define G_LOG_DOMAIN "desk-name"

#include "config.h"

#include <string.h>

#include "desk-name-phonetic.h"

/* Our own rules, written for the names a British or Irish Back Office hears:
 * English spelling, plus the Irish and Scottish Gaelic digraphs (bh and mh
 * said v, dh and gh often silent, s before e/i said sh at the start, "ao"
 * said ee) and the Welsh ones (dd said th, f said v, rh and ll). Voiced and
 * voiceless pairs that names swap (v/f, d/t, z/s) share a code. Vowels carry
 * too little across spellings to keep, except which kind a name starts with
 * (Eoin / Owen, not Anna). */

static gboolean
is_vowel (char c)
{
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

static char
at (const char *s,
    gsize       len,
    gsize       i)
{
  return i < len ? s[i] : '\0';
}

/* The class of a name's first vowel sound: 'a' (Anna, Aisling, Áine),
 * 'e' (Ian, Eva, Aoife: Irish "ao" is ee) or 'o' (Owen, Eoin, Una). */
static char
leading_vowel (const char *s,
               gsize       len,
               gsize      *skip)
{
  char c0 = at (s, len, 0);
  char c1 = at (s, len, 1);

  *skip = 1;
  if (c0 == 'a' && c1 == 'o')
    {
      *skip = 2;
      return 'e';
    }
  if (c0 == 'e' && c1 == 'o')
    {
      *skip = 2;
      return 'o';
    }
  if (c0 == 'a')
    return 'a';
  if (c0 == 'o' || c0 == 'u')
    return 'o';
  return 'e';
}

char *
desk_name_phonetic_key (const char *token)
{
  g_autoptr(GString) key = g_string_new (NULL);
  gsize len = strlen (token);
  gsize i = 0;
  char last = 0;
  gboolean vowel_since = FALSE;

  /* Silent or merged first letters. */
  if (len >= 2 && (strncmp (token, "kn", 2) == 0 || strncmp (token, "gn", 2) == 0 ||
                   strncmp (token, "pn", 2) == 0 || strncmp (token, "wr", 2) == 0 ||
                   strncmp (token, "ps", 2) == 0))
    i = 1;

  if (len > 0 && is_vowel (token[0]) && !(token[0] == 'y' && is_vowel (at (token, len, 1))))
    {
      gsize skip;

      g_string_append_c (key, leading_vowel (token, len, &skip));
      last = key->str[0];
      vowel_since = TRUE;
      i = skip;
    }

  while (i < len)
    {
      char c = token[i];
      char n = at (token, len, i + 1);
      char n2 = at (token, len, i + 2);
      gboolean start = i == 0;
      const char *code = NULL;
      gsize used = 1;

      if (is_vowel (c) && !(c == 'y' && start && is_vowel (n)))
        {
          vowel_since = TRUE;
          i++;
          continue;
        }

      switch (c)
        {
        case 'b':
          if (n == 'h')
            code = "f", used = 2;          /* Siobhán */
          else if (n == 'b')
            code = "b", used = 2;
          else
            code = "b";
          break;
        case 'c':
          if (n == 'h')
            {
              /* Charlotte, Chantelle said sh/ch; Chloe, Christopher, Michael k. */
              code = start && is_vowel (n2) ? "x" : "k";
              used = 2;
            }
          else if (n == 'k' || n == 'c' || n == 'q')
            code = "k", used = 2;
          else if (start && n == 'i')
            code = "k";                    /* Ciara, Cian, Cillian */
          else if (n == 'e' || n == 'i' || n == 'y')
            code = "s";
          else
            code = "k";
          break;
        case 'd':
          if (n == 'g' && (n2 == 'e' || n2 == 'i' || n2 == 'y'))
            code = "j", used = 2;
          else if (n == 'h')
            {
              if (start)
                code = "t";                /* Dhillon */
              used = 2;                     /* Tadhg, Eilidh, Ruaridh */
            }
          else
            code = "t";                    /* dd (Dafydd) collapses */
          break;
        case 'f':
          code = "f";
          break;
        case 'g':
          if (n == 'h')
            {
              if (start || is_vowel (n2))
                code = "k";                /* Meghan */
              used = 2;                     /* Leigh, Hugh */
            }
          else if (n == 'n' && !is_vowel (n2))
            code = "n", used = 2;
          else if (n == 'e' || n == 'i' || n == 'y')
            code = "j";                    /* George, Gillian */
          else
            code = "k";
          break;
        case 'h':
          if (start && is_vowel (n))
            code = "h";
          break;
        case 'j':
          code = "j";
          break;
        case 'k':
          code = "k";
          if (n == 'h')
            used = 2;                       /* Khan, Khloe */
          break;
        case 'l':
          code = "l";
          break;
        case 'm':
          if (n == 'h')
            code = "f", used = 2;          /* Niamh, Mhairi, Caoimhe */
          else if (n == 'c' && start)
            code = "mk", used = 2;         /* Mc, Mac */
          else
            code = "m";
          break;
        case 'n':
          code = "n";
          break;
        case 'p':
          if (n == 'h')
            code = "f", used = 2;          /* Stephen, Sophie */
          else
            code = "p";
          break;
        case 'q':
          code = "k";
          break;
        case 'r':
          code = "r";
          if (n == 'h')
            used = 2;                       /* Rhys, Rhiannon */
          break;
        case 's':
          if (n == 'h' || (n == 'z'))
            code = "x", used = 2;          /* sz: Polish sh */
          else if (n == 'c' && n2 == 'h')
            code = "x", used = 3;
          else if (start && (n == 'e' || n == 'i') && is_vowel (n2))
            code = "x";                    /* Seán, Siobhán, Siân */
          else
            code = "s";
          break;
        case 't':
          if (n == 'h')
            code = "t", used = 2;          /* Catherine / Kathryn */
          else if (n == 'c' && n2 == 'h')
            code = "x", used = 3;
          else
            code = "t";
          break;
        case 'v':
          code = "f";
          break;
        case 'w':
          if (n == 'h')
            code = "w", used = 2;
          else if (is_vowel (n) && (start || !vowel_since))
            code = "w";                    /* Edward; not Owen, Shawn */
          break;
        case 'x':
          code = start ? "s" : "ks";
          break;
        case 'y':
          code = "j";                      /* Yusuf / Jusuf, Yasmin */
          break;
        case 'z':
          code = "s";
          break;
        default:
          /* Digits and letters of other scripts stand for themselves. */
          {
            gsize n_bytes = g_utf8_next_char (token + i) - (token + i);

            if (!(last == c && !vowel_since))
              g_string_append_len (key, token + i, n_bytes);
            last = c;
            vowel_since = FALSE;
            i += n_bytes;
            continue;
          }
        }

      if (code != NULL)
        for (const char *p = code; *p; p++)
          {
            /* A doubled letter is one sound; the same sound across a vowel
             * (Mohammed) is two. */
            if (*p != last || vowel_since || key->len == 0)
              g_string_append_c (key, *p);
            last = *p;
            vowel_since = FALSE;
          }
      i += used;
    }

  return g_string_free (g_steal_pointer (&key), FALSE);
}

char *
desk_name_phonetic_spelling (const char *token)
{
  GString *out = g_string_new (NULL);
  gsize len = strlen (token);

  for (gsize i = 0; i < len; i++)
    {
      char c = token[i];
      char n = at (token, len, i + 1);

      if (c == 'c' && n != 'e' && n != 'i' && n != 'y' && n != 'h')
        c = 'k';
      else if (c == 'y')
        c = 'i';
      else if (c == 'z')
        c = 's';
      else if (c == 'p' && n == 'h')
        {
          c = 'f';
          i++;
        }
      else if (c == 'e' && i == len - 1 && len > 3)
        break;
      if (out->len > 0 && out->str[out->len - 1] == c)
        continue;
      g_string_append_c (out, c);
    }
  return g_string_free (out, FALSE);
}
