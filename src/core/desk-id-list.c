#define G_LOG_DOMAIN "desk-id-list"

#include "config.h"

#include <string.h>

#include "desk-id-list.h"

#define UUID_BYTES 16
#define UUID_CHARS 36

/* Packed ids go in blocks of this many, not one array that doubles as it
 * grows: a list of 185,000 would briefly hold its old and new copies
 * (4 + 8 MiB) and keep up to half of it unused. */
#define BLOCK_IDS 4096

struct _DeskIdList
{
  guint         n_ids;
  GPtrArray    *uuids;    /* blocks of BLOCK_IDS, while every id is a canonical UUID */
  GStringChunk *chunk;    /* otherwise every id as a string */
  GPtrArray    *strings;
};

static guint8 *
uuid_at (const DeskIdList *list,
         guint             position)
{
  guint8 *block = g_ptr_array_index (list->uuids, position / BLOCK_IDS);

  return block + (position % BLOCK_IDS) * UUID_BYTES;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

/* Only the lowercase 8-4-4-4-12 form, so spelling it out gives it back. */
static gboolean
pack_uuid (const char *id,
           guint8     *out)
{
  guint nibbles = 0;

  if (strlen (id) != UUID_CHARS)
    return FALSE;

  for (guint i = 0; i < UUID_CHARS; i++)
    {
      int value;

      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (id[i] != '-')
            return FALSE;
          continue;
        }
      if ((value = hex_value (id[i])) < 0)
        return FALSE;
      if (nibbles % 2 == 0)
        out[nibbles / 2] = (guint8) (value << 4);
      else
        out[nibbles / 2] |= (guint8) value;
      nibbles++;
    }
  return nibbles == 2 * UUID_BYTES;
}

static void
unpack_uuid (const guint8 *uuid,
             char         *buf)
{
  static const char digits[] = "0123456789abcdef";
  guint n = 0;

  for (guint i = 0; i < UUID_BYTES; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        buf[n++] = '-';
      buf[n++] = digits[uuid[i] >> 4];
      buf[n++] = digits[uuid[i] & 0xf];
    }
  buf[n] = '\0';
}

static void
use_strings (DeskIdList *list)
{
  char buf[DESK_ID_LIST_BUF];

  list->chunk = g_string_chunk_new (64 * 1024);
  list->strings = g_ptr_array_sized_new (list->n_ids + 1);
  for (guint i = 0; i < list->n_ids; i++)
    {
      unpack_uuid (uuid_at (list, i), buf);
      g_ptr_array_add (list->strings, g_string_chunk_insert (list->chunk, buf));
    }
  g_clear_pointer (&list->uuids, g_ptr_array_unref);
}

DeskIdList *
desk_id_list_new (void)
{
  DeskIdList *list = g_new0 (DeskIdList, 1);

  list->uuids = g_ptr_array_new_with_free_func (g_free);
  return list;
}

void
desk_id_list_free (DeskIdList *list)
{
  if (list == NULL)
    return;

  g_clear_pointer (&list->uuids, g_ptr_array_unref);
  g_clear_pointer (&list->chunk, g_string_chunk_free);
  g_clear_pointer (&list->strings, g_ptr_array_unref);
  g_free (list);
}

void
desk_id_list_add (DeskIdList *list,
                  const char *id)
{
  guint8 uuid[UUID_BYTES];

  g_return_if_fail (list != NULL);
  g_return_if_fail (id != NULL);

  if (list->uuids != NULL && pack_uuid (id, uuid))
    {
      if (list->n_ids % BLOCK_IDS == 0)
        g_ptr_array_add (list->uuids, g_malloc (BLOCK_IDS * UUID_BYTES));
      memcpy (uuid_at (list, list->n_ids), uuid, UUID_BYTES);
    }
  else
    {
      if (list->uuids != NULL)
        use_strings (list);
      g_ptr_array_add (list->strings, g_string_chunk_insert (list->chunk, id));
    }
  list->n_ids++;
}

guint
desk_id_list_get_length (const DeskIdList *list)
{
  return list != NULL ? list->n_ids : 0;
}

const char *
desk_id_list_get (const DeskIdList *list,
                  guint             position,
                  char             *buf)
{
  g_return_val_if_fail (list != NULL, NULL);
  g_return_val_if_fail (position < list->n_ids, NULL);

  if (list->uuids == NULL)
    return g_ptr_array_index (list->strings, position);

  unpack_uuid (uuid_at (list, position), buf);
  return buf;
}

gboolean
desk_id_list_equal (const DeskIdList *a,
                    guint             position_a,
                    const DeskIdList *b,
                    guint             position_b)
{
  char buf_a[DESK_ID_LIST_BUF], buf_b[DESK_ID_LIST_BUF];

  if (a->uuids != NULL && b->uuids != NULL)
    return memcmp (uuid_at (a, position_a), uuid_at (b, position_b), UUID_BYTES) == 0;

  return strcmp (desk_id_list_get (a, position_a, buf_a),
                 desk_id_list_get (b, position_b, buf_b)) == 0;
}

guint
desk_id_list_find (const DeskIdList *list,
                   const char       *id)
{
  guint8 uuid[UUID_BYTES];

  g_return_val_if_fail (list != NULL, G_MAXUINT);
  g_return_val_if_fail (id != NULL, G_MAXUINT);

  if (list->uuids != NULL)
    {
      if (!pack_uuid (id, uuid))
        return G_MAXUINT;
      for (guint i = 0; i < list->n_ids; i++)
        if (memcmp (uuid_at (list, i), uuid, UUID_BYTES) == 0)
          return i;
      return G_MAXUINT;
    }

  for (guint i = 0; i < list->n_ids; i++)
    if (strcmp (g_ptr_array_index (list->strings, i), id) == 0)
      return i;
  return G_MAXUINT;
}
