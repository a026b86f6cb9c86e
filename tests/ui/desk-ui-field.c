#include "config.h"

#include <stdlib.h>

#include "desk-change.h"
#include "desk-key.h"
#include "desk-query.h"
#include "desk-store.h"

/* For the sync UI test: read or change one field of one record of a desk
 * (another desk than the app's) through the one write path, as a person at
 * that desk would. arrestdesk-ctl has no command for it yet.
 *
 *   desk-ui-field DB KEY-FILE get TABLE ID FIELD
 *   desk-ui-field DB KEY-FILE set TABLE ID FIELD VALUE AUTHOR
 *   desk-ui-field DB KEY-FILE create TABLE ACTION-ID|- AUTHOR FIELD VALUE…
 *
 * create prints the new record's id; "-" makes a record of no action (an
 * action itself). */

static int
create_record (DeskStore  *store,
               int         argc,
               char       *argv[])
{
  g_autoptr(DeskChange) change = NULL;
  g_autoptr(GError) error = NULL;

  change = desk_change_new_create (argv[4], g_strcmp0 (argv[5], "-") == 0 ? NULL : argv[5]);
  desk_store_set_author (store, argv[6]);
  for (int i = 7; i + 1 < argc; i += 2)
    desk_change_set (change, argv[i], argv[i + 1]);
  if (!desk_store_apply (store, change, &error))
    {
      g_printerr ("cannot create a %s record: %s\n", argv[4], error->message);
      return 1;
    }
  g_print ("%s\n", desk_change_get_id (change));
  desk_store_close (store);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskKey) key = NULL;
  g_autoptr(DeskStore) store = NULL;
  gboolean set;
  gboolean create;

  create = argc >= 9 && argc % 2 == 1 && g_strcmp0 (argv[3], "create") == 0;
  if (!create &&
      (argc < 7 || (g_strcmp0 (argv[3], "get") != 0 && g_strcmp0 (argv[3], "set") != 0) ||
       (g_strcmp0 (argv[3], "set") == 0 && argc != 9)))
    {
      g_printerr ("usage: %s DB KEY-FILE get TABLE ID FIELD | set TABLE ID FIELD VALUE AUTHOR"
                  " | create TABLE ACTION-ID|- AUTHOR FIELD VALUE…\n", argv[0]);
      return 2;
    }
  set = g_strcmp0 (argv[3], "set") == 0;

  key = desk_key_new_from_file (argv[2], &error);
  if (key != NULL)
    store = desk_store_open (argv[1], key, &error);
  if (store == NULL)
    {
      g_printerr ("cannot open %s: %s\n", argv[1], error->message);
      return 1;
    }

  if (create)
    return create_record (store, argc, argv);
  if (set)
    {
      g_autoptr(DeskChange) change = desk_change_new_update (argv[4], argv[5]);

      desk_store_set_author (store, argv[8]);
      desk_change_set (change, argv[6], argv[7]);
      if (!desk_store_apply (store, change, &error))
        {
          g_printerr ("cannot change %s.%s: %s\n", argv[4], argv[6], error->message);
          return 1;
        }
    }
  else
    {
      g_autoptr(GHashTable) record = desk_query_record (store, argv[4], argv[5], &error);

      if (record == NULL)
        {
          g_printerr ("cannot read %s %s: %s\n", argv[4], argv[5], error->message);
          return 1;
        }
      g_print ("%s\n", g_hash_table_lookup (record, argv[6]) ? (const char *) g_hash_table_lookup (record, argv[6]) : "");
    }
  desk_store_close (store);
  return 0;
}
