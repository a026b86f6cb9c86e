#include "config.h"

#include "desk-schema.h"

/* DESIGN.md "Records" names every type; each must exist. */
static void
test_every_record_type_exists (void)
{
  static const char *const expected[] = {
    "action", "arrestee", "call", "call_task", "observer_shift", "station", "volunteer",
    "rota_slot", "rota_assignment", "expense", "handover_note", "online_report",
    "conflict", "user", NULL
  };
  guint n = 0;

  for (guint i = 0; expected[i]; i++)
    g_assert_nonnull (desk_schema_lookup (expected[i]));
  for (const DeskRecordType *const *t = desk_schema_types (); *t; t++)
    n++;
  g_assert_cmpuint (n, ==, g_strv_length ((char **) expected));
}

static void
test_fields_and_sensitivity (void)
{
  const DeskRecordType *arrestee = desk_schema_lookup ("arrestee");
  const DeskField *welfare = desk_schema_find_field (arrestee, "welfare");
  const DeskField *name = desk_schema_find_field (arrestee, "legal_name");

  g_assert_nonnull (welfare);
  g_assert_true (welfare->sensitive);
  g_assert_false (name->sensitive);
  g_assert_null (desk_schema_find_field (arrestee, "id"));
  g_assert_true (desk_schema_is_common_column ("updated_by"));
  g_assert_false (desk_schema_is_common_column ("legal_name"));
  g_assert_null (desk_schema_lookup ("sqlite_master"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/schema/types", test_every_record_type_exists);
  g_test_add_func ("/schema/fields", test_fields_and_sensitivity);

  return g_test_run ();
}
