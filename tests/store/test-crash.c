#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "desk-query.h"
#include "desk-test-util.h"

/* A child writes in a loop and reports each commit on stdout; it is killed
 * with SIGKILL mid-stream. Every reported commit must survive the reopen. */

static int
run_writer (const char *path,
            const char *key_hex)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskKey) key = desk_key_new_from_hex (key_hex, &error);
  g_autoptr(DeskStore) store = NULL;

  g_assert_no_error (error);
  store = desk_store_open (path, key, &error);
  g_assert_no_error (error);
  desk_store_set_author (store, "Crash Writer");

  for (guint i = 0;; i++)
    {
      g_autoptr(DeskChange) change = desk_change_new_create ("call", "action-1");
      g_autofree char *summary = g_strdup_printf ("crash-%u", i);

      desk_change_set (change, "summary", summary);
      desk_change_set (change, "caller_type", "arrestee");
      if (!desk_store_apply (store, change, &error))
        g_error ("write failed: %s", error->message);
      /* Only now is it committed: say so. */
      printf ("%s\n", desk_change_get_id (change));
      fflush (stdout);
    }
  return 0;
}

static void
kill_writer_after (guint n_commits_at_least)
{
  g_autofree char *path = desk_test_tmp_path ("crash.db");
  g_autoptr(DeskKey) key = desk_key_new_random ();
  char *hex = desk_key_to_hex (key);
  const char *argv[] = { g_test_get_path () ? NULL : NULL, "--writer", path, hex, NULL };
  g_autoptr(GPtrArray) reported = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  g_autoptr(DeskStore) store = NULL;
  GPid pid;
  int out_fd;
  char *line = NULL;
  gsize length;

  argv[0] = g_test_get_filename (G_TEST_BUILT, "test-crash", NULL);
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);

  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  while (reported->len < n_commits_at_least &&
         g_io_channel_read_line (channel, &line, &length, NULL, NULL) == G_IO_STATUS_NORMAL)
    {
      line[strcspn (line, "\n")] = '\0';
      g_ptr_array_add (reported, line);
    }
  kill (pid, SIGKILL);
  /* Lines already in the pipe were committed before the kill. */
  while (g_io_channel_read_line (channel, &line, &length, NULL, NULL) == G_IO_STATUS_NORMAL)
    {
      line[strcspn (line, "\n")] = '\0';
      if (*line)
        g_ptr_array_add (reported, line);
      else
        g_free (line);
    }
  g_spawn_close_pid (pid);
  g_assert_cmpuint (reported->len, >=, n_commits_at_least);

  store = desk_store_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_true (desk_store_check_integrity (store, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < reported->len; i++)
    {
      g_autoptr(GHashTable) record = desk_query_record (store, "call", g_ptr_array_index (reported, i), &error);

      g_assert_no_error (error);
      g_assert_nonnull (record);
    }
  /* Each committed change has its history and its outbox mutation. */
  g_assert_cmpint (desk_query_table_size (store, "outbox", NULL), ==,
                   desk_query_table_size (store, "call", NULL));
  g_test_message ("%u commits reported, all present", reported->len);
  desk_secure_free (hex);
}

static void
test_kill_early (void)
{
  kill_writer_after (5);
}

static void
test_kill_later (void)
{
  kill_writer_after (150);
}

static void
test_kill_random (void)
{
  kill_writer_after (g_test_rand_int_range (20, 120));
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--writer"))
    return run_writer (argv[2], argv[3]);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/crash/kill-early", test_kill_early);
  g_test_add_func ("/crash/kill-later", test_kill_later);
  g_test_add_func ("/crash/kill-random", test_kill_random);

  return g_test_run ();
}
