#include "config.h"

#include <string.h>

#include "desk-key.h"
#include "desk-store.h"

static void
test_hex_round_trip (void)
{
  g_autoptr(DeskKey) key = desk_key_new_random ();
  g_autoptr(DeskKey) again = NULL;
  g_autoptr(GError) error = NULL;
  char *hex = desk_key_to_hex (key);
  char *hex2;

  g_assert_cmpuint (strlen (hex), ==, 64);
  again = desk_key_new_from_hex (hex, &error);
  g_assert_no_error (error);
  hex2 = desk_key_to_hex (again);
  g_assert_cmpstr (hex, ==, hex2);
  desk_secure_free (hex);
  desk_secure_free (hex2);
}

static void
test_random_keys_differ (void)
{
  g_autoptr(DeskKey) a = desk_key_new_random ();
  g_autoptr(DeskKey) b = desk_key_new_random ();
  char *ha = desk_key_to_hex (a);
  char *hb = desk_key_to_hex (b);

  g_assert_cmpstr (ha, !=, hb);
  desk_secure_free (ha);
  desk_secure_free (hb);
}

static void
test_bad_hex_is_refused (void)
{
  g_autoptr(GError) error = NULL;
  DeskKey *key;

  key = desk_key_new_from_hex ("abc", &error);
  g_assert_null (key);
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "64"));
  g_clear_error (&error);

  key = desk_key_new_from_hex ("zz23456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", &error);
  g_assert_null (key);
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID);
}

static void
test_key_file (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "key", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskKey) key = NULL;

  g_assert_true (g_file_set_contents (path, "00112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF\n", -1, NULL));
  key = desk_key_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);

  g_clear_pointer (&key, desk_key_free);
  key = desk_key_new_from_file ("/nonexistent/key", &error);
  g_assert_null (key);
  g_assert_nonnull (strstr (error->message, "/nonexistent/key"));
}

static void
test_passphrase_is_quoted (void)
{
  g_autoptr(DeskKey) key = desk_key_new_passphrase ("it's'; DROP TABLE x; --");
  char *value = desk_key_to_pragma_value (key);

  g_assert_true (desk_key_is_passphrase (key));
  g_assert_cmpstr (value, ==, "'it''s''; DROP TABLE x; --'");
  desk_secure_free (value);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/key/hex-round-trip", test_hex_round_trip);
  g_test_add_func ("/key/random-differ", test_random_keys_differ);
  g_test_add_func ("/key/bad-hex", test_bad_hex_is_refused);
  g_test_add_func ("/key/file", test_key_file);
  g_test_add_func ("/key/passphrase-quoted", test_passphrase_is_quoted);

  return g_test_run ();
}
