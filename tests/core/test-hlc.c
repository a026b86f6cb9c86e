#include "config.h"

#include <string.h>

#include "desk-hlc.h"

static void
test_tick_is_monotonic_when_clock_goes_back (void)
{
  DeskHlc hlc;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  desk_hlc_init (&hlc, "nodea");
  desk_hlc_tick (&hlc, 1000);
  a = desk_hlc_to_string (&hlc);
  desk_hlc_tick (&hlc, 500);   /* wall clock stepped back */
  b = desk_hlc_to_string (&hlc);
  desk_hlc_tick (&hlc, 2000);
  c = desk_hlc_to_string (&hlc);

  g_assert_cmpint (strcmp (a, b), <, 0);
  g_assert_cmpint (strcmp (b, c), <, 0);
  g_assert_cmpint (hlc.counter, ==, 0);
}

static void
test_observe_moves_past_remote (void)
{
  DeskHlc local, remote;

  desk_hlc_init (&local, "aaaa");
  desk_hlc_init (&remote, "bbbb");
  desk_hlc_tick (&local, 100);
  remote.wall_ms = 5000;
  remote.counter = 7;
  desk_hlc_observe (&local, &remote, 200);

  g_assert_cmpint (desk_hlc_compare (&local, &remote), >, 0);
  g_assert_cmpint (local.wall_ms, ==, 5000);
  g_assert_cmpint (local.counter, ==, 8);
}

static void
test_text_round_trip_and_order (void)
{
  DeskHlc a, b, parsed;
  g_autofree char *text = NULL;

  desk_hlc_init (&a, "0123456789abcdef");
  a.wall_ms = 1763775000123;
  a.counter = 0xffff;
  desk_hlc_tick (&a, 0);          /* counter overflows into the next millisecond */
  g_assert_cmpint (a.wall_ms, ==, 1763775000124);
  g_assert_cmpint (a.counter, ==, 0);

  text = desk_hlc_to_string (&a);
  g_assert_true (desk_hlc_parse (text, &parsed));
  g_assert_cmpint (desk_hlc_compare (&a, &parsed), ==, 0);

  b = a;
  g_strlcpy (b.node, "1123456789abcdef", sizeof b.node);
  g_assert_cmpint (desk_hlc_compare (&a, &b), <, 0);

  g_assert_false (desk_hlc_parse ("garbage", &parsed));
  g_assert_false (desk_hlc_parse (NULL, &parsed));
  g_assert_false (desk_hlc_parse ("0000000000001-0000-node;drop", &parsed));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/hlc/tick-monotonic", test_tick_is_monotonic_when_clock_goes_back);
  g_test_add_func ("/hlc/observe", test_observe_moves_past_remote);
  g_test_add_func ("/hlc/text", test_text_round_trip_and_order);

  return g_test_run ();
}
