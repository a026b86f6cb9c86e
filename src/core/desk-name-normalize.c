#define G_LOG_DOMAIN "desk-name"

#include "config.h"

#include <string.h>

#include "desk-name-normalize.h"

/* Folding is what makes "Zoë", "ZOE" and "zoe" one token, "O'Brien" and
 * "OBrien" one token, and "Seán" and "Sean" one token. The same function
 * folds what the index stores and what a query types, so they always meet. */

typedef enum
{
  CHAR_SKIP,       /* marks, dots, apostrophes: joined over */
  CHAR_APOSTROPHE, /* joined over, but remembered (O'Brien → also brien) */
  CHAR_SPLIT,      /* spaces, hyphens, commas: end the token */
  CHAR_HYPHEN,     /* ends the token but keeps it joined to the next as a form */
  CHAR_KEEP,
} CharClass;

/* Particles that belong to the next word of a family name. Those that are
 * also given names ("Di", "Al") are not here: "Di Smith" is Diana. */
static const char *const particles[] = {
  "o", "mac", "mc", "ni", "nic", "ua", "ap", "ab", "de", "da", "du", "del",
  "della", "der", "den", "van", "von", "le", "la", "st", "dos", "das", NULL
};

/* Only these may start a name and still be glued: they are never given names. */
static const char *const leading_particles[] = {
  "o", "mac", "mc", "ni", "nic", "ua", "ap", "ab", NULL
};

/* Letters NFKD does not take apart. */
static const char *
fold_special (gunichar c)
{
  switch (c)
    {
    case 0x00df: return "ss";  /* ß */
    case 0x00e6: case 0x00c6: return "ae";
    case 0x0153: case 0x0152: return "oe";
    case 0x00f8: case 0x00d8: return "o";
    case 0x0142: case 0x0141: return "l";
    case 0x0111: case 0x0110: return "d";
    case 0x00f0: case 0x00d0: return "d";
    case 0x00fe: case 0x00de: return "th";
    case 0x0131: return "i";   /* dotless i */
    case 0x0127: case 0x0126: return "h";
    default: return NULL;
    }
}

static CharClass
classify (gunichar c)
{
  switch (c)
    {
    case '\'': case 0x2019: case 0x2018: case 0x02bc: case '`': case 0x00b4:
      return CHAR_APOSTROPHE;
    case '.':
      return CHAR_SKIP;
    case '-': case 0x2010: case 0x2011: case 0x2013:
      return CHAR_HYPHEN;
    default:
      break;
    }
  if (g_unichar_ismark (c))
    return CHAR_SKIP;
  if (g_unichar_isalnum (c))
    return CHAR_KEEP;
  return CHAR_SPLIT;
}

typedef struct
{
  char     *text;
  char     *after_apostrophe; /* "brien" of "o'brien", when short before it */
  gboolean  hyphen_after;     /* joined to the next token by a hyphen */
} Word;

static void
word_clear (Word *word)
{
  g_free (word->text);
  g_free (word->after_apostrophe);
}

static void
append_folded (GString  *out,
               gunichar  c)
{
  const char *special = fold_special (c);

  if (special != NULL)
    g_string_append (out, special);
  else
    g_string_append_unichar (out, g_unichar_tolower (c));
}

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  return TRUE;
}

/* Splits decomposed text into words; returns FALSE for invalid UTF-8. */
static gboolean
split_words (const char *text,
             GArray     *words)
{
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) current = g_string_new (NULL);
  gssize apostrophe_at = -1;

  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  /* Plain ASCII decomposes to itself; most names are, and the write path
   * folds every name it stores. */
  decomposed = is_ascii (text) ? g_strdup (text) : g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return FALSE;

  for (const char *p = decomposed;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      CharClass class = c == 0 ? CHAR_SPLIT : classify (c);

      if (class == CHAR_KEEP)
        {
          append_folded (current, c);
          continue;
        }
      if (class == CHAR_SKIP)
        continue;
      if (class == CHAR_APOSTROPHE)
        {
          if (current->len > 0)
            apostrophe_at = current->len;
          continue;
        }

      /* The end of a word. */
      if (current->len > 0)
        {
          Word word = { NULL, NULL, class == CHAR_HYPHEN };

          if (current->len > DESK_NAME_MAX_TOKEN)
            g_string_truncate (current, DESK_NAME_MAX_TOKEN);  /* may cut UTF-8; */
          /* …so keep only the valid start. */
          {
            const char *end = NULL;

            g_utf8_validate (current->str, current->len, &end);
            g_string_truncate (current, end - current->str);
          }
          /* O', D', L' before a family name: "brien" alone is a form too. */
          if (apostrophe_at > 0 && apostrophe_at <= 2 && (gsize) apostrophe_at < current->len)
            word.after_apostrophe = g_strdup (current->str + apostrophe_at);
          word.text = g_strndup (current->str, current->len);
          g_array_append_val (words, word);
          g_string_truncate (current, 0);
        }
      else if (class == CHAR_HYPHEN && words->len > 0)
        g_array_index (words, Word, words->len - 1).hyphen_after = FALSE;
      apostrophe_at = -1;
      if (c == 0)
        break;
    }

  if (words->len > 0)
    g_array_index (words, Word, words->len - 1).hyphen_after = FALSE;
  return TRUE;
}

static gboolean
is_particle (const char *word,
             gboolean    leading)
{
  return g_strv_contains (leading ? leading_particles : particles, word);
}

static void
add_form (GPtrArray  *forms,
          const char *form)
{
  for (guint i = 0; i < forms->len; i++)
    if (strcmp (g_ptr_array_index (forms, i), form) == 0)
      return;
  g_ptr_array_add (forms, g_strdup (form));
}

static char **
forms_to_strv (GPtrArray *forms)
{
  g_ptr_array_add (forms, NULL);
  return (char **) g_ptr_array_free (forms, FALSE);
}

GPtrArray *
desk_name_normalize (const char *name)
{
  g_autoptr(GArray) words = g_array_new (FALSE, TRUE, sizeof (Word));
  GPtrArray *slots = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint i = 0;

  g_array_set_clear_func (words, (GDestroyNotify) word_clear);
  if (name == NULL || !split_words (name, words))
    return slots;

  while (i < words->len && slots->len < DESK_NAME_MAX_SLOTS)
    {
      Word *word = &g_array_index (words, Word, i);
      GPtrArray *forms = g_ptr_array_new ();
      guint run = i;

      /* "Mac Cárthaigh", "van der Berg": particles glue onto the word they
       * lead to; the bare word is a form too, so "Berg" still finds it. */
      while (run + 1 < words->len &&
             is_particle (g_array_index (words, Word, run).text, run == 0))
        run++;
      if (run > i)
        {
          g_autoptr(GString) glued = g_string_new (NULL);

          for (guint j = i; j <= run; j++)
            g_string_append (glued, g_array_index (words, Word, j).text);
          add_form (forms, glued->str);
          word = &g_array_index (words, Word, run);
          add_form (forms, word->text);
          i = run;
        }
      else
        add_form (forms, word->text);

      if (word->after_apostrophe != NULL)
        add_form (forms, word->after_apostrophe);
      /* "Harding-Smith" typed "Hardingsmith": the joined word is a form of
       * the first part; the second part keeps its own slot. */
      if (word->hyphen_after && i + 1 < words->len)
        {
          g_autofree char *joined = g_strconcat (word->text,
                                                 g_array_index (words, Word, i + 1).text, NULL);
          add_form (forms, joined);
        }

      g_ptr_array_add (slots, forms_to_strv (forms));
      i++;
    }

  return slots;
}

char *
desk_name_fold_token (const char *word)
{
  g_autoptr(GPtrArray) slots = desk_name_normalize (word);
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; i < slots->len; i++)
    g_string_append (joined, ((char **) g_ptr_array_index (slots, i))[0]);
  return g_string_free (g_steal_pointer (&joined), FALSE);
}
