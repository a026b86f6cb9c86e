#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "desk-arrestee-duplicates.h"
#include "desk-arrestee-editor.h"
#include "desk-arrestee-timeline.h"
#include "desk-query.h"
#include "desk-test-util.h"
#include "desk-ui-driver.h"

/* The arrestee editor on a real encrypted store, in a real window under
 * Xvfb, typed into with real keys (xdotool): what is typed reaches the
 * store without leaving the field, a time is read as local time, a bad
 * time is flagged on its row and loses nothing, a record switch in the
 * middle of typing still saves the words, and a change made elsewhere
 * shows in the fields nobody is typing in. */

typedef struct
{
  DeskStore          *store;
  GtkWindow          *window;
  DeskArresteeEditor *editor;
  char               *ann;
  char               *bob;
  char               *station;
} Fixture;



typedef gboolean (*Match) (GtkWidget     *widget,
                          gconstpointer  data);

/* The first widget under @widget (itself included) that @match accepts. */
static GtkWidget *
find_widget (GtkWidget     *widget,
             Match          match,
             gconstpointer  data)
{
  if (match (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
has_class (GtkWidget     *widget,
           gconstpointer  css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

static gboolean
is_timeline (GtkWidget     *widget,
             gconstpointer  data)
{
  return DESK_IS_ARRESTEE_TIMELINE (widget);
}

static gboolean
is_duplicates (GtkWidget     *widget,
               gconstpointer  data)
{
  return DESK_IS_ARRESTEE_DUPLICATES (widget);
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  return find_widget (widget, is_named, name);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  return find_widget (widget, is_button_labelled, label);
}

static GtkWidget *
row (Fixture    *fixture,
     const char *field)
{
  GtkWidget *widget = find_named (GTK_WIDGET (fixture->editor), field);

  g_assert_nonnull (widget);
  return widget;
}

static const char *
row_text (Fixture    *fixture,
          const char *field)
{
  return gtk_editable_get_text (GTK_EDITABLE (row (fixture, field)));
}

/* Clicks into a row with the real pointer when it is on screen, else
 * moves the keyboard focus there (as Tab would) so it scrolls into view. */
static void
focus_row (Fixture    *fixture,
           const char *field)
{
  GtkWidget *widget = row (fixture, field);

  gtk_widget_grab_focus (widget);
  desk_ui_wait_ms (200);
  desk_ui_click (widget);
  g_assert_true (gtk_widget_get_focus_child (widget) != NULL || gtk_widget_has_focus (widget));
}

typedef struct
{
  Fixture    *fixture;
  const char *id;
  const char *field;
  const char *value;
} Expect;

static gboolean
store_has (gpointer data)
{
  Expect *expect = data;
  g_autofree char *value = desk_test_get_field (expect->fixture->store, "arrestee",
                                                expect->id, expect->field);

  return g_strcmp0 (value, expect->value) == 0;
}

static void
assert_stored (Fixture    *fixture,
               const char *id,
               const char *field,
               const char *value,
               guint       timeout_ms)
{
  Expect expect = { fixture, id, field, value };
  g_autofree char *got = NULL;

  if (desk_ui_wait_until (store_has, &expect, timeout_ms))
    return;
  got = desk_test_get_field (fixture->store, "arrestee", id, field);
  g_error ("%s is “%s” in the store, expected “%s”", field, got ? got : "(null)", value ? value : "(null)");
}

typedef struct
{
  Fixture    *fixture;
  const char *field;
  const char *text;
} ExpectText;

static gboolean
row_shows (gpointer data)
{
  ExpectText *expect = data;

  return g_strcmp0 (row_text (expect->fixture, expect->field), expect->text) == 0;
}

static void
assert_row_shows (Fixture    *fixture,
                  const char *field,
                  const char *text)
{
  ExpectText expect = { fixture, field, text };

  if (!desk_ui_wait_until (row_shows, &expect, 5000))
    g_error ("the %s row shows “%s”, expected “%s”", field, row_text (fixture, field), text);
}

static char *
today_at_utc (int hour,
              int minute)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new_now (local);
  g_autoptr(GDateTime) then = g_date_time_new (local, g_date_time_get_year (now),
                                               g_date_time_get_month (now),
                                               g_date_time_get_day_of_month (now),
                                               hour, minute, 0);
  g_autoptr(GDateTime) utc = g_date_time_to_utc (then);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
add_station (DeskStore  *store,
             const char *name)
{
  g_autoptr(DeskChange) change = desk_change_new_create ("station", "action-1");
  g_autoptr(GError) error = NULL;

  desk_change_set (change, "name", name);
  g_assert_true (desk_store_apply (store, change, &error));
  g_assert_no_error (error);
  return g_strdup (desk_change_get_id (change));
}

static gboolean
editor_shows_record (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *stack = gtk_widget_get_first_child (GTK_WIDGET (fixture->editor));

  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "record") == 0 &&
         row_text (fixture, "legal_name")[0] != '\0';
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static guint n_stores = 0;
  g_autofree char *name = g_strdup_printf ("editor-%u.db", ++n_stores);

  fixture->store = desk_test_new_store (name, NULL);
  fixture->station = add_station (fixture->store, "Charing Cross");
  add_station (fixture->store, "Brixton");
  fixture->ann = desk_test_add_arrestee (fixture->store, "Ann Example");
  fixture->bob = desk_test_add_arrestee (fixture->store, "Bob Sample");

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1280, 800);
  fixture->editor = DESK_ARRESTEE_EDITOR (desk_arrestee_editor_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->editor));
  desk_arrestee_editor_set_store (fixture->editor, fixture->store);
  desk_arrestee_editor_set_record (fixture->editor, fixture->ann);
  gtk_window_present (fixture->window);
  desk_ui_wait_for_window (fixture->window);
  g_assert_true (desk_ui_wait_until (editor_shows_record, fixture, 5000));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  desk_ui_wait_ms (100);
  desk_store_close (fixture->store);
  g_assert_finalize_object (fixture->store);
  g_free (fixture->ann);
  g_free (fixture->bob);
  g_free (fixture->station);
}

static gboolean
history_has (DeskStore  *store,
             const char *id,
             const char *field,
             const char *new_value)
{
  g_autoptr(GPtrArray) history = desk_query_history (store, "arrestee", id, NULL);

  g_assert_nonnull (history);
  for (guint i = 0; i < history->len; i++)
    {
      DeskHistoryEntry *entry = g_ptr_array_index (history, i);

      if (g_strcmp0 (entry->field, field) == 0 && g_strcmp0 (entry->new_value, new_value) == 0 &&
          g_strcmp0 (entry->author, "Test Volunteer") == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_typing_saves (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *shot = desk_ui_screenshot ("arrestee-editor");
  g_autofree char *at_1405 = today_at_utc (14, 5);
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autofree char *shown_1405 = g_date_time_format (today, "%Y-%m-%d 14:05");
  GtkWidget *name_row;
  GtkWidget *notes;

  assert_row_shows (fixture, "legal_name", "Ann Example");
  /* A record opened to work on starts at the name, by grab_focus or by
   * the first Tab into it. */
  gtk_window_set_focus (fixture->window, NULL);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->editor), GTK_DIR_TAB_FORWARD));
  g_assert_nonnull (gtk_widget_get_focus_child (row (fixture, "legal_name")));
  gtk_window_set_focus (fixture->window, NULL);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (fixture->editor)));
  g_assert_nonnull (gtk_widget_get_focus_child (row (fixture, "legal_name")));
  /* A key pressed at once adds to the name; it does not replace it. */
  desk_ui_type ("!");
  assert_row_shows (fixture, "legal_name", "Ann Example!");
  desk_ui_key ("BackSpace");
  assert_row_shows (fixture, "legal_name", "Ann Example");

  /* Typing, then stopping: saved without leaving the field. */
  focus_row (fixture, "legal_name");
  desk_ui_key ("ctrl+a");
  desk_ui_type ("Annie Example-Smith");
  name_row = row (fixture, "legal_name");
  assert_stored (fixture, fixture->ann, "legal_name", "Annie Example-Smith", 3000);
  g_assert_nonnull (gtk_widget_get_focus_child (name_row));
  g_assert_true (history_has (fixture->store, fixture->ann, "legal_name", "Annie Example-Smith"));

  /* A local time, saved as UTC and shown back in local time. */
  focus_row (fixture, "arrest_time");
  desk_ui_key ("ctrl+a");
  desk_ui_type ("14:05");
  desk_ui_key ("Tab");
  assert_stored (fixture, fixture->ann, "arrest_time", at_1405, 3000);
  assert_row_shows (fixture, "arrest_time", shown_1405);

  /* Notes take several lines. */
  notes = gtk_widget_get_first_child (row (fixture, "notes"));
  g_assert_true (GTK_IS_TEXT_VIEW (notes));
  gtk_widget_grab_focus (notes);
  desk_ui_wait_ms (200);
  desk_ui_type ("Asked for a vegan meal.");
  desk_ui_key ("Return");
  desk_ui_type ("Mum informed.");
  assert_stored (fixture, fixture->ann, "notes", "Asked for a vegan meal.\nMum informed.", 3000);
}

static gboolean
has_no_error (gpointer widget)
{
  return !gtk_widget_has_css_class (widget, "error");
}

static void
test_bad_time_loses_nothing (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkWidget *arrival;
  const char *title;

  focus_row (fixture, "contact");
  desk_ui_type ("07700 900123");
  focus_row (fixture, "arrival_time");
  desk_ui_key ("ctrl+a");
  desk_ui_type ("25:99");
  desk_ui_key ("Tab");
  desk_ui_wait_ms (800);

  arrival = row (fixture, "arrival_time");
  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (arrival));
  g_test_message ("arrival row: %s", title);
  g_assert_true (gtk_widget_has_css_class (arrival, "error"));
  g_assert_nonnull (strstr (title, "“25:99” is not a time"));
  g_assert_nonnull (strstr (title, "14:05"));
  /* The typed text stays; the stored time and the other field are kept. */
  g_assert_cmpstr (row_text (fixture, "arrival_time"), ==, "25:99");
  assert_stored (fixture, fixture->ann, "arrival_time", "2026-11-21T14:05:00Z", 1000);
  assert_stored (fixture, fixture->ann, "contact", "07700 900123", 3000);
  g_free (desk_ui_screenshot ("arrestee-editor-bad-time"));

  /* Fixed: the flag goes, the time is saved. */
  focus_row (fixture, "arrival_time");
  desk_ui_key ("ctrl+a");
  desk_ui_type ("2026-11-21 13:50");
  desk_ui_key ("Tab");
  assert_stored (fixture, fixture->ann, "arrival_time", "2026-11-21T13:50:00Z", 3000);
  g_assert_true (desk_ui_wait_until (has_no_error, arrival, 3000));
}

static gboolean
checkin_is_now (gpointer data)
{
  Fixture *fixture = data;
  g_autofree char *value = desk_test_get_field (fixture->store, "arrestee", fixture->ann, "checkin_time");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) stored = value ? g_date_time_new_from_iso8601 (value, utc) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return stored != NULL && ABS (g_date_time_difference (now, stored)) < 2 * G_TIME_SPAN_MINUTE;
}

static void
test_now_button (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *checkin = row (fixture, "checkin_time");
  GtkWidget *button = NULL;

  gtk_widget_grab_focus (checkin);
  desk_ui_wait_ms (300);
  button = find_button (checkin, "Now");
  g_assert_nonnull (button);
  desk_ui_click (button);
  g_assert_true (desk_ui_wait_until (checkin_is_now, fixture, 3000));
}

static gboolean
name_has_focus (gpointer data)
{
  return gtk_widget_get_focus_child (row (data, "legal_name")) != NULL;
}

static void
test_switch_mid_typing (Fixture       *fixture,
                        gconstpointer  data)
{
  focus_row (fixture, "custody_number");
  desk_ui_type ("CX/01234/26");
  /* Enter on another record in the list, before the half second is up. */
  desk_arrestee_editor_set_record (fixture->editor, fixture->bob);
  assert_stored (fixture, fixture->ann, "custody_number", "CX/01234/26", 3000);
  assert_row_shows (fixture, "legal_name", "Bob Sample");
  g_assert_cmpstr (row_text (fixture, "custody_number"), ==, "");
  g_assert_true (history_has (fixture->store, fixture->ann, "custody_number", "CX/01234/26"));

  /* And nothing of Ann's went into Bob's record. */
  assert_stored (fixture, fixture->bob, "custody_number", NULL, 200);

  /* As the page opens a record from its list: shown from nothing, the
   * focus moved in at once, before the record has loaded. */
  desk_arrestee_editor_set_record (fixture->editor, NULL);
  desk_ui_wait_ms (200);
  gtk_window_set_focus (fixture->window, NULL);
  desk_arrestee_editor_set_record (fixture->editor, fixture->ann);
  gtk_widget_child_focus (GTK_WIDGET (fixture->editor), GTK_DIR_TAB_FORWARD);
  assert_row_shows (fixture, "legal_name", "Ann Example");
  g_assert_true (desk_ui_wait_until (name_has_focus, fixture, 3000));
}

static void
test_change_elsewhere (Fixture       *fixture,
                       gconstpointer  data)
{
  /* The BOV types in one field while another desk changes two others:
   * the typed words stay, the other rows follow. */
  focus_row (fixture, "arrest_place");
  desk_ui_type ("Parliament Sq");
  desk_test_set_field (fixture->store, "arrestee", fixture->ann, "arrest_place", "Whitehall");
  desk_test_set_field (fixture->store, "arrestee", fixture->ann, "custody_number", "BX/999/26");
  assert_row_shows (fixture, "custody_number", "BX/999/26");
  g_assert_cmpstr (row_text (fixture, "arrest_place"), ==, "Parliament Sq");
  assert_stored (fixture, fixture->ann, "arrest_place", "Parliament Sq", 3000);
}

static void
test_window_close_saves (Fixture       *fixture,
                         gconstpointer  data)
{
  focus_row (fixture, "emergency_contact");
  desk_ui_type ("Sam, 07700 900456");
  gtk_window_close (fixture->window);
  assert_stored (fixture, fixture->ann, "emergency_contact", "Sam, 07700 900456", 3000);
  fixture->window = GTK_WINDOW (gtk_window_new ());
}

static GtkWindow *
words_not_saved_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), "Words Not Saved") == 0)
      return l->data;
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return words_not_saved_dialog () != NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return words_not_saved_dialog () == NULL;
}

static gboolean
window_gone (gpointer data)
{
  GtkWindow **window = data;

  return *window == NULL;
}

/* The dialog has the keyboard (no window manager gives it). */
static void
focus_dialog (void)
{
  desk_ui_xdotool ("search", "--sync", "--onlyvisible", "--name", "^Words Not Saved$",
                   "windowfocus", "--sync", NULL);
  desk_ui_wait_ms (300);
}

static gboolean
focus_in_row (gpointer data)
{
  GtkWidget *widget = data;
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
on_show_unsaved_cb (DeskArresteeEditor *editor,
                    const char         *record_id,
                    char              **shown)
{
  g_free (*shown);
  *shown = g_strdup (record_id);
}

static void
test_close_asks_first (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWindow *window = fixture->window;
  g_autofree char *shown = NULL;

  g_signal_connect (fixture->editor, "show-unsaved", G_CALLBACK (on_show_unsaved_cb), &shown);
  focus_row (fixture, "release_time");
  desk_ui_type ("teatime");
  /* Another record shown: Ann's unreadable time waits as a draft. */
  desk_arrestee_editor_set_record (fixture->editor, fixture->bob);
  assert_row_shows (fixture, "legal_name", "Bob Sample");
  /* Closed while a record holds words not stored: asked first. */
  gtk_window_close (window);
  g_assert_true (desk_ui_wait_until (dialog_shown, NULL, 3000));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_free (desk_ui_screenshot ("arrestee-editor-words-not-saved"));

  /* Enter is Go Back: the window and the words stay. */
  focus_dialog ();
  desk_ui_key ("Return");
  g_assert_true (desk_ui_wait_until (dialog_gone, NULL, 3000));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  /* … and the page is asked to show the record that holds them. */
  g_assert_cmpstr (shown, ==, fixture->ann);
  desk_arrestee_editor_set_record (fixture->editor, shown);
  assert_row_shows (fixture, "release_time", "teatime");
  assert_stored (fixture, fixture->ann, "release_time", NULL, 100);

  /* With that record shown, Go Back puts the keyboard in the red row. */
  focus_row (fixture, "legal_name");
  gtk_window_close (window);
  g_assert_true (desk_ui_wait_until (dialog_shown, NULL, 3000));
  focus_dialog ();
  desk_ui_key ("Return");
  g_assert_true (desk_ui_wait_until (dialog_gone, NULL, 3000));
  g_assert_true (desk_ui_wait_until (focus_in_row, row (fixture, "release_time"), 3000));

  /* Asked again, the BOV chooses to lose them: the window closes. */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (window);
  g_assert_true (desk_ui_wait_until (dialog_shown, NULL, 3000));
  focus_dialog ();
  desk_ui_key ("alt+c");
  g_assert_true (desk_ui_wait_until (window_gone, &window, 3000));
  fixture->window = GTK_WINDOW (gtk_window_new ());
}

static gboolean
is_mapped_popover (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_POPOVER (widget) && gtk_widget_get_mapped (widget);
}

static gboolean
popover_open (gpointer data)
{
  return find_widget (data, is_mapped_popover, NULL) != NULL;
}

static gboolean
popover_closed (gpointer data)
{
  return !popover_open (data);
}

/* Opens a combo row's list from the keyboard and takes the entry @down
 * places below the first. */
static void
choose (Fixture    *fixture,
        const char *field,
        guint       down)
{
  GtkWidget *combo = row (fixture, field);

  gtk_widget_grab_focus (combo);
  desk_ui_wait_ms (200);
  desk_ui_key ("space");
  g_assert_true (desk_ui_wait_until (popover_open, combo, 3000));
  desk_ui_wait_ms (200);
  /* The list may open on the entry chosen before. */
  desk_ui_key ("Home");
  for (guint i = 0; i < down; i++)
    desk_ui_key ("Down");
  desk_ui_key ("Return");
  g_assert_true (desk_ui_wait_until (popover_closed, combo, 3000));
}

static void
test_status_by_keyboard (Fixture       *fixture,
                         gconstpointer  data)
{
  /* The list opens on its first entry: Arrested, In custody, Released. */
  choose (fixture, "status", 2);
  assert_stored (fixture, fixture->ann, "status", "released", 3000);
  g_assert_true (history_has (fixture->store, fixture->ann, "status", "released"));
}

static void
test_station_and_solicitor (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *solicitor = row (fixture, "solicitor");
  GtkWidget *name = NULL;

  /* The action's stations by name (Not known, Brixton, Charing Cross),
   * stored as the station's id. */
  choose (fixture, "station_id", 2);
  assert_stored (fixture, fixture->ann, "station_id", fixture->station, 3000);

  /* Duty solicitor, or a named one typed in the row that appears. */
  choose (fixture, "solicitor", 1);
  assert_stored (fixture, fixture->ann, "solicitor", "Duty solicitor", 3000);
  choose (fixture, "solicitor", 2);
  for (GtkWidget *w = gtk_widget_get_next_sibling (solicitor); w != NULL && name == NULL;
       w = gtk_widget_get_next_sibling (w))
    if (ADW_IS_ENTRY_ROW (w))
      name = w;
  g_assert_nonnull (name);
  g_assert_true (desk_ui_wait_until ((DeskUiCheck) gtk_widget_get_visible, name, 3000));
  gtk_widget_grab_focus (name);
  desk_ui_wait_ms (200);
  /* Until the name is typed, the duty solicitor stays on record. */
  desk_ui_wait_ms (800);
  assert_stored (fixture, fixture->ann, "solicitor", "Duty solicitor", 100);
  g_assert_true (gtk_widget_get_visible (name));
  desk_ui_type ("Moss Lane Legal");
  desk_ui_key ("Tab");
  assert_stored (fixture, fixture->ann, "solicitor", "Moss Lane Legal", 3000);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        remove_tree (child);
      else
        g_unlink (child);
      g_object_unref (info);
    }
  g_rmdir (path);
}


static const char *
clock_text (Fixture    *fixture,
            const char *name)
{
  GtkWidget *label = find_widget (row (fixture, name), has_class, "numeric");

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

typedef struct
{
  Fixture    *fixture;
  const char *name;
  const char *prefix;
} ExpectClock;

static gboolean
clock_shows (gpointer data)
{
  ExpectClock *expect = data;

  return g_str_has_prefix (clock_text (expect->fixture, expect->name), expect->prefix);
}

static void
assert_clock (Fixture    *fixture,
              const char *name,
              const char *prefix)
{
  ExpectClock expect = { fixture, name, prefix };

  if (!desk_ui_wait_until (clock_shows, &expect, 5000))
    g_error ("the %s row shows “%s”, expected “%s…”", name, clock_text (fixture, name), prefix);
}

/* Scrolls the editor so @widget is near the top, for a screenshot. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  graphene_point_t top = GRAPHENE_POINT_INIT (0, 0);
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (widget, content, &top, &point));
  /* The viewport's coordinates start at what is scrolled into view. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + point.y - 60);
  desk_ui_wait_ms (200);
}

static char *
hours_ago (double hours)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, -hours * 3600);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

static void
test_custody_clock (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *two_hours_ago = hours_ago (2.51);
  g_autofree char *three_hours_ago = hours_ago (3.51);
  g_autofree char *now_text = NULL;

  /* Arrival known: 2 h 30 min in, 21 h 29 min left of the 24 h. */
  desk_test_set_field (fixture->store, "arrestee", fixture->ann, "arrival_time", two_hours_ago);
  assert_clock (fixture, "clock-in-custody", "2 h 30 min");
  assert_clock (fixture, "clock-left", "21 h 29 min left");
  g_assert_cmpstr (clock_text (fixture, "clock-review"), !=, "—");

  /* Arrival unknown: it runs from check-in, as an estimate. */
  desk_test_set_field (fixture->store, "arrestee", fixture->ann, "checkin_time", three_hours_ago);
  focus_row (fixture, "arrival_time");
  desk_ui_key ("ctrl+a");
  desk_ui_key ("BackSpace");
  /* Live: the clock follows the typing before it is saved. */
  assert_clock (fixture, "clock-left", "about 20 h 29 min left");
  desk_ui_key ("Tab");
  assert_stored (fixture, fixture->ann, "arrival_time", NULL, 3000);
  scroll_to (row (fixture, "status"));
  g_free (desk_ui_screenshot ("arrestee-editor-clock"));

  /* Held for court: no limit any more. */
  desk_test_set_field (fixture->store, "arrestee", fixture->ann, "status", "held_for_court");
  assert_clock (fixture, "clock-left", "—");
  (void) now_text;
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (ADW_IS_ACTION_ROW (widget))
    {
      g_ptr_array_add (rows, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}


/* The timeline's rows as "title | subtitle", newest first. */
static GPtrArray *
timeline_rows (Fixture *fixture)
{
  GtkWidget *timeline = find_widget (GTK_WIDGET (fixture->editor), is_timeline, NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (timeline);
  collect_rows (timeline, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (rows, i);

      g_ptr_array_add (texts, g_strdup_printf ("%s | %s",
                                               adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                                               adw_action_row_get_subtitle (ADW_ACTION_ROW (widget))));
    }
  return texts;
}

static gboolean
timeline_starts_with_release (gpointer data)
{
  g_autoptr(GPtrArray) rows = timeline_rows (data);

  return rows->len > 0 && g_str_has_prefix (g_ptr_array_index (rows, 0), "Now Released | ");
}

static void
test_timeline (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  const char *last;

  focus_row (fixture, "legal_name");
  desk_ui_key ("ctrl+a");
  desk_ui_type ("Ann Q Example");
  assert_stored (fixture, fixture->ann, "legal_name", "Ann Q Example", 3000);
  desk_ui_key ("Tab");
  desk_test_set_field (fixture->store, "arrestee", fixture->ann, "status", "released");
  g_assert_true (desk_ui_wait_until (timeline_starts_with_release, fixture, 5000));

  rows = timeline_rows (fixture);
  for (guint i = 0; i < rows->len; i++)
    g_test_message ("timeline %u: %s", i, (char *) g_ptr_array_index (rows, i));
  /* Newest first: the status, then the name, then the record made. */
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (rows, 1), "Changed Legal name | Test Volunteer · "));
  last = g_ptr_array_index (rows, 2);
  g_assert_true (g_str_has_prefix (last, "Recorded: In custody | Test Volunteer · "));
  /* The values themselves never show in the timeline. */
  for (guint i = 0; i < rows->len; i++)
    g_assert_null (strstr (g_ptr_array_index (rows, i), "Ann Q"));

  scroll_to (find_widget (GTK_WIDGET (fixture->editor), is_timeline, NULL));
  g_free (desk_ui_screenshot ("arrestee-editor-timeline"));
}

static gboolean
widget_is_drawn (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (!gtk_widget_get_visible (widget))
      return FALSE;
  return TRUE;
}

static void
test_roles (Fixture       *fixture,
            gconstpointer  data)
{
  DeskRole pssc = DESK_ROLE_PSSC;
  GtkWidget *medication = row (fixture, "medication");
  GtkWidget *name = row (fixture, "legal_name");

  desk_test_set_field (fixture->store, "arrestee", fixture->ann, "medication", "insulin");
  desk_test_set_field (fixture->store, "arrestee", fixture->ann, "alleged_offence", "s.14");
  assert_row_shows (fixture, "medication", "insulin");

  /* A PSSC reads identity and custody but no health, offence or notes,
   * and changes nothing of an arrestee. */
  desk_arrestee_editor_set_role (fixture->editor, &pssc);
  g_assert_false (widget_is_drawn (medication));
  g_assert_cmpstr (row_text (fixture, "medication"), ==, "");
  g_assert_false (widget_is_drawn (row (fixture, "alleged_offence")));
  g_assert_cmpstr (row_text (fixture, "alleged_offence"), ==, "");
  g_assert_false (widget_is_drawn (row (fixture, "notes")));
  g_assert_true (widget_is_drawn (name));
  g_assert_true (widget_is_drawn (row (fixture, "custody_number")));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (name)));
  g_assert_false (gtk_widget_get_sensitive (row (fixture, "status")));
  g_assert_false (widget_is_drawn (find_button (row (fixture, "arrival_time"), "Now")));

  /* A later change from elsewhere does not reach the hidden rows either. */
  desk_test_set_field (fixture->store, "arrestee", fixture->ann, "medication", "insulin, 4 units");
  desk_test_set_field (fixture->store, "arrestee", fixture->ann, "custody_number", "CX/7/26");
  assert_row_shows (fixture, "custody_number", "CX/7/26");
  g_assert_cmpstr (row_text (fixture, "medication"), ==, "");

  gtk_widget_grab_focus (name);
  desk_ui_wait_ms (200);
  desk_ui_key ("End");
  desk_ui_type ("zz");
  desk_ui_wait_ms (800);
  g_assert_cmpstr (row_text (fixture, "legal_name"), ==, "Ann Example");
  assert_stored (fixture, fixture->ann, "legal_name", "Ann Example", 100);
  g_free (desk_ui_screenshot ("arrestee-editor-pssc"));

  /* Working on this computer only: everything again. */
  desk_arrestee_editor_set_role (fixture->editor, NULL);
  g_assert_true (widget_is_drawn (medication));
  assert_row_shows (fixture, "medication", "insulin, 4 units");
  g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (name)));
}

static void
test_save_error_keeps_text (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *contact = row (fixture, "contact");
  const char *title;

  /* The write path fails after writing the row: the transaction rolls back. */
  desk_store_set_fault (fixture->store, DESK_STORE_FAULT_AFTER_HISTORY);
  focus_row (fixture, "contact");
  desk_ui_type ("07700 900999");
  desk_ui_key ("Tab");
  desk_ui_wait_ms (800);
  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (contact));
  g_test_message ("contact row: %s", title);
  g_assert_true (g_str_has_prefix (title, "Contact — not saved: "));
  g_assert_true (gtk_widget_has_css_class (contact, "error"));
  g_assert_cmpstr (row_text (fixture, "contact"), ==, "07700 900999");
  assert_stored (fixture, fixture->ann, "contact", NULL, 100);
  g_free (desk_ui_screenshot ("arrestee-editor-save-error"));

  /* A change from elsewhere does not wipe the words that were not saved. */
  desk_store_set_fault (fixture->store, DESK_STORE_FAULT_NONE);
  desk_test_set_field (fixture->store, "arrestee", fixture->ann, "custody_number", "CX/1/26");
  assert_row_shows (fixture, "custody_number", "CX/1/26");
  g_assert_cmpstr (row_text (fixture, "contact"), ==, "07700 900999");

  /* Typing again saves the whole text and the flag goes. */
  focus_row (fixture, "contact");
  desk_ui_key ("End");
  desk_ui_type ("0");
  assert_stored (fixture, fixture->ann, "contact", "07700 9009990", 3000);
  /* The store has it a moment before the editor hears back. */
  g_assert_true (desk_ui_wait_until (has_no_error, contact, 3000));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (contact)), ==, "Contact");
}

static gboolean
saver_idle (gpointer data)
{
  return desk_arrestee_editor_is_saved (DESK_ARRESTEE_EDITOR (data));
}

static void
test_failed_save_after_switch (Fixture       *fixture,
                               gconstpointer  data)
{
  GtkWidget *contact = row (fixture, "contact");

  /* The save of Ann's contact fails after the BOV has moved to Bob. */
  desk_store_set_fault (fixture->store, DESK_STORE_FAULT_AFTER_OUTBOX);
  focus_row (fixture, "contact");
  desk_ui_type ("07700 900321");
  desk_arrestee_editor_set_record (fixture->editor, fixture->bob);
  g_assert_true (desk_ui_wait_until (saver_idle, fixture->editor, 5000));
  assert_row_shows (fixture, "legal_name", "Bob Sample");
  desk_store_set_fault (fixture->store, DESK_STORE_FAULT_NONE);
  assert_stored (fixture, fixture->ann, "contact", NULL, 100);

  /* Back on Ann: the words are there, flagged, and saved on leaving. */
  desk_arrestee_editor_set_record (fixture->editor, fixture->ann);
  assert_row_shows (fixture, "contact", "07700 900321");
  g_assert_true (gtk_widget_has_css_class (contact, "error"));
  focus_row (fixture, "contact");
  desk_ui_key ("Tab");
  assert_stored (fixture, fixture->ann, "contact", "07700 900321", 3000);
  g_assert_true (desk_ui_wait_until (has_no_error, contact, 3000));
}

static void
test_draft_survives_switch (Fixture       *fixture,
                            gconstpointer  data)
{
  focus_row (fixture, "release_time");
  desk_ui_type ("half past");
  /* Switched away before the time was read: it cannot be saved as a
   * time, so it waits in the row for the BOV's return. */
  desk_arrestee_editor_set_record (fixture->editor, fixture->bob);
  assert_row_shows (fixture, "legal_name", "Bob Sample");
  g_assert_cmpstr (row_text (fixture, "release_time"), ==, "");
  desk_arrestee_editor_set_record (fixture->editor, fixture->ann);
  assert_row_shows (fixture, "legal_name", "Ann Example");
  assert_row_shows (fixture, "release_time", "half past");
  g_assert_true (gtk_widget_has_css_class (row (fixture, "release_time"), "error"));
  assert_stored (fixture, fixture->ann, "release_time", NULL, 100);
}

static gboolean
row_is_hidden (gpointer widget)
{
  return !gtk_widget_get_visible (widget);
}

static void
test_rows_follow_the_record (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *flags = NULL;

  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) sixteen = g_date_time_add_years (now, -16);
  g_autofree char *born = g_date_time_format (sixteen, "%Y-%m-%d");

  /* An appropriate adult for under-18s, shown once the date of birth or
   * the age band says so. */
  g_assert_false (gtk_widget_get_visible (row (fixture, "appropriate_adult")));
  focus_row (fixture, "date_of_birth");
  desk_ui_type (born);
  g_assert_true (desk_ui_wait_until ((DeskUiCheck) gtk_widget_get_visible, row (fixture, "appropriate_adult"), 5000));
  assert_stored (fixture, fixture->ann, "flags", "minor", 3000);
  desk_ui_key ("ctrl+a");
  desk_ui_key ("BackSpace");
  g_assert_true (desk_ui_wait_until ((DeskUiCheck) row_is_hidden, row (fixture, "appropriate_adult"), 5000));
  desk_test_set_field (fixture->store, "arrestee", fixture->ann, "age_band", "under 18");
  g_assert_true (desk_ui_wait_until ((DeskUiCheck) gtk_widget_get_visible, row (fixture, "appropriate_adult"), 5000));

  /* Bail conditions with bail; a court with a charge. */
  g_assert_false (gtk_widget_get_visible (row (fixture, "bail_conditions")));
  g_assert_false (gtk_widget_get_visible (row (fixture, "court_place")));
  desk_test_set_field (fixture->store, "arrestee", fixture->ann, "outcome", "bail");
  g_assert_true (desk_ui_wait_until ((DeskUiCheck) gtk_widget_get_visible, row (fixture, "bail_conditions"), 5000));
  desk_test_set_field (fixture->store, "arrestee", fixture->ann, "outcome", "charged");
  g_assert_true (desk_ui_wait_until ((DeskUiCheck) gtk_widget_get_visible, row (fixture, "court_place"), 5000));
  g_assert_true (gtk_widget_get_visible (row (fixture, "court_date")));

  /* The flags the list shows follow the welfare rows and the switches. */
  focus_row (fixture, "medication");
  desk_ui_type ("inhaler");
  assert_stored (fixture, fixture->ann, "medication", "inhaler", 3000);
  gtk_widget_grab_focus (row (fixture, "press"));
  desk_ui_wait_ms (200);
  desk_ui_key ("space");
  assert_stored (fixture, fixture->ann, "flags", "minor,welfare,press", 3000);

  scroll_to (row (fixture, "release_time"));
  g_free (desk_ui_screenshot ("arrestee-editor-release"));
  flags = desk_test_get_field (fixture->store, "arrestee", fixture->ann, "flags");
  g_assert_cmpstr (flags, ==, "minor,welfare,press");
}

static DeskArresteeDuplicates *
duplicates (Fixture *fixture)
{
  GtkWidget *widget = find_widget (GTK_WIDGET (fixture->editor), is_duplicates, NULL);

  g_assert_nonnull (widget);
  return DESK_ARRESTEE_DUPLICATES (widget);
}

static gboolean
duplicates_shown (gpointer data)
{
  return desk_arrestee_duplicates_get_n_shown (duplicates (data)) > 0;
}

/* Bob's record, with Ann's name typed into it nearly right. */
static void
type_duplicate_name (Fixture *fixture)
{
  desk_arrestee_editor_set_record (fixture->editor, fixture->bob);
  assert_row_shows (fixture, "legal_name", "Bob Sample");
  g_assert_false (duplicates_shown (fixture));
  focus_row (fixture, "legal_name");
  desk_ui_key ("ctrl+a");
  desk_ui_type ("Ann Exampel");
  if (!desk_ui_wait_until (duplicates_shown, fixture, 5000))
    g_error ("no “Possibly the same person” for a name one typo away");
}

static void
test_duplicate_open (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *open;

  type_duplicate_name (fixture);
  g_free (desk_ui_screenshot ("arrestee-editor-duplicate"));
  open = find_button (GTK_WIDGET (duplicates (fixture)), "_Open");
  g_assert_nonnull (open);
  desk_ui_click (open);
  assert_row_shows (fixture, "legal_name", "Ann Example");
  g_assert_cmpstr (desk_arrestee_editor_get_record (fixture->editor), ==, fixture->ann);
  /* What was typed in Bob's record was kept there. */
  assert_stored (fixture, fixture->bob, "legal_name", "Ann Exampel", 3000);
  g_assert_false (duplicates_shown (fixture));
}

static GtkWindow *
message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return GTK_WINDOW (window);
    }
  return NULL;
}

static gboolean
dialog_is_up (gpointer data)
{
  return message_dialog () != NULL;
}

static gboolean
dialog_is_gone (gpointer data)
{
  return message_dialog () == NULL;
}

static gboolean
timeline_shows_merged (gpointer data)
{
  g_autoptr(GPtrArray) rows = timeline_rows (data);

  for (guint i = 0; i < rows->len; i++)
    if (strstr (g_ptr_array_index (rows, i), "on a record merged into this one") != NULL)
      return TRUE;
  return FALSE;
}

static void
test_duplicate_merge (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GHashTable) merged = NULL;
  GtkWidget *merge;

  desk_test_set_field (fixture->store, "arrestee", fixture->ann, "contact", "07700 900777");
  type_duplicate_name (fixture);
  merge = find_button (GTK_WIDGET (duplicates (fixture)), "_Merge…");
  g_assert_nonnull (merge);
  desk_ui_click (merge);
  if (!desk_ui_wait_until (dialog_is_up, NULL, 5000))
    {
      g_free (desk_ui_screenshot ("arrestee-editor-merge-missing"));
      g_error ("Merge… opened no question");
    }
  desk_ui_wait_ms (300);
  g_free (desk_ui_screenshot ("arrestee-editor-merge-dialog"));
  /* Enter takes the default: keep this record (Bob's, renamed). */
  desk_ui_key ("Return");
  g_assert_true (desk_ui_wait_until (dialog_is_gone, NULL, 5000));

  assert_stored (fixture, fixture->bob, "contact", "07700 900777", 5000);
  merged = desk_query_record (fixture->store, "arrestee", fixture->ann, NULL);
  g_assert_nonnull (merged);
  g_assert_cmpstr (g_hash_table_lookup (merged, "deleted"), ==, "1");
  g_assert_cmpstr (g_hash_table_lookup (merged, "merged_into"), ==, fixture->bob);
  /* The survivor is shown, with what it took from the other. */
  g_assert_cmpstr (desk_arrestee_editor_get_record (fixture->editor), ==, fixture->bob);
  assert_stored (fixture, fixture->bob, "legal_name", "Ann Exampel", 100);
  assert_row_shows (fixture, "contact", "07700 900777");
  g_assert_false (duplicates_shown (fixture));
  /* The other record's history is in the survivor's timeline. */
  g_assert_true (desk_ui_wait_until (timeline_shows_merged, fixture, 5000));
}

/* Screenshots of the whole form, a screen at a time, for a person to
 * look at; every field row is drawn with room for its title. */
static void
test_whole_form (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *const tops[] = { "status", "arrest_time", "station_id", "appropriate_adult", "medication", "release_time" };

  desk_test_set_field (fixture->store, "arrestee", fixture->ann, "age_band", "under 18");
  desk_test_set_field (fixture->store, "arrestee", fixture->ann, "outcome", "bail");
  assert_row_shows (fixture, "legal_name", "Ann Example");
  g_assert_true (desk_ui_wait_until ((DeskUiCheck) gtk_widget_get_visible, row (fixture, "bail_conditions"), 5000));
  /* Limits lie ahead: no Now for them. */
  g_assert_true (widget_is_drawn (find_button (row (fixture, "arrival_time"), "Now")));
  g_assert_false (widget_is_drawn (find_button (row (fixture, "warrant_until"), "Now")));
  for (guint i = 0; i < G_N_ELEMENTS (tops); i++)
    {
      g_autofree char *name = g_strdup_printf ("arrestee-editor-form-%u", i + 1);
      GtkWidget *top = row (fixture, tops[i]);

      g_assert_true (widget_is_drawn (top));
      g_assert_cmpint (gtk_widget_get_height (top), <, 120);
      g_assert_cmpint (gtk_widget_get_height (top), >=, 40);
      scroll_to (top);
      g_free (desk_ui_screenshot (name));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;
  g_autofree char *data_home = NULL;
  g_autoptr(GtkCssProvider) css = NULL;
  int status;

  g_setenv ("TZ", "Europe/London", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  /* Not G_TEST_OPTION_ISOLATE_DIRS: it hides the system's XDG data dirs,
   * and with them the icons and the MIME types that load them. */
  tmp = g_dir_make_tmp ("test-arrestee-editor-XXXXXX", NULL);
  g_assert_nonnull (tmp);
  data_home = g_build_filename (tmp, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("DISPLAY") == NULL)
    g_error ("DISPLAY is not set: this test needs an X display (make check runs it under xvfb-run)");
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  /* The app's style.css, as the application loads it from its resources. */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

#define ADD(path, func) \
  g_test_add ("/arrestee-editor/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("typing-saves", test_typing_saves);
  ADD ("bad-time-loses-nothing", test_bad_time_loses_nothing);
  ADD ("now-button", test_now_button);
  ADD ("switch-mid-typing", test_switch_mid_typing);
  ADD ("change-elsewhere", test_change_elsewhere);
  ADD ("window-close-saves", test_window_close_saves);
  ADD ("close-asks-first", test_close_asks_first);
  ADD ("status-by-keyboard", test_status_by_keyboard);
  ADD ("station-and-solicitor", test_station_and_solicitor);
  ADD ("custody-clock", test_custody_clock);
  ADD ("timeline", test_timeline);
  ADD ("roles", test_roles);
  ADD ("save-error-keeps-text", test_save_error_keeps_text);
  ADD ("draft-survives-switch", test_draft_survives_switch);
  ADD ("failed-save-after-switch", test_failed_save_after_switch);
  ADD ("rows-follow-the-record", test_rows_follow_the_record);
  ADD ("whole-form", test_whole_form);
  ADD ("duplicate-open", test_duplicate_open);
  ADD ("duplicate-merge", test_duplicate_merge);
#undef ADD

  status = g_test_run ();
  remove_tree (tmp);
  return status;
}
