#include "config.h"

#include <string.h>

#include "desk-field-value.h"
#include "desk-store.h"

/* A bad value's message says what, where and how to fix it; the person
 * who typed it sees the value, the server's variant never holds it. */
static void
test_messages_quote_the_value_only_locally (void)
{
  const DeskRecordType *arrestee = desk_schema_lookup ("arrestee");
  const char *fields[] = { "arrival_time", "arrival_estimated" };
  const char *bad = "after Jane Doe's tea";

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const DeskField *field = desk_schema_find_field (arrestee, fields[i]);
      g_autofree char *normalized = NULL;
      g_autoptr(GError) quoted = NULL;
      g_autoptr(GError) unquoted = NULL;

      g_assert_false (desk_field_value_check (arrestee, field, bad, &normalized, &quoted));
      g_assert_error (quoted, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (quoted->message, bad));
      g_assert_nonnull (strstr (quoted->message, fields[i]));

      g_assert_false (desk_field_value_check_unquoted (arrestee, field, bad, &normalized, &unquoted));
      g_assert_error (unquoted, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID);
      g_assert_null (strstr (unquoted->message, "Jane"));
      g_assert_nonnull (strstr (unquoted->message, fields[i]));
      g_assert_nonnull (strstr (unquoted->message, "must be"));
      g_assert_null (normalized);
    }
}

static void
test_good_values_pass_both (void)
{
  const DeskRecordType *arrestee = desk_schema_lookup ("arrestee");
  const DeskField *arrival = desk_schema_find_field (arrestee, "arrival_time");
  g_autofree char *quoted = NULL;
  g_autofree char *unquoted = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_field_value_check (arrestee, arrival, "2026-11-22T15:30:00+01:00", &quoted, &error));
  g_assert_no_error (error);
  g_assert_true (desk_field_value_check_unquoted (arrestee, arrival, "2026-11-22T15:30:00+01:00", &unquoted, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (quoted, ==, "2026-11-22T14:30:00Z");
  g_assert_cmpstr (unquoted, ==, quoted);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/field-value/messages", test_messages_quote_the_value_only_locally);
  g_test_add_func ("/field-value/good-values", test_good_values_pass_both);

  return g_test_run ();
}
