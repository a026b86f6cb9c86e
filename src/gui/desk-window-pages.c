#define G_LOG_DOMAIN "desk-window-pages"

#include "config.h"

#include "desk-window-private.h"

/* Most pages are a DeskRecordPage of one table; the Arrestees page is its
 * own class. The window treats them alike through these.
 *
 * The view stack holds an empty AdwBin for each page, enough for the
 * switcher; the page itself is built from desk-window-pages.ui the first
 * time it is shown. Five tables, their filters and status pages built with
 * the window would delay its first frame, and the first frame is the
 * "Opening Records…" page anyway. */

#define PAGES_RESOURCE RESOURCE_PATH "/desk-window-pages.ui"

/* In the order of Ctrl+1…Ctrl+5. The name is the page's name in the view
 * stack and its object id in desk-window-pages.ui; the table says, before
 * the page is built, whether a role may see it. */
static const struct
{
  const char *name;
  const char *table;
} page_info[DESK_WINDOW_N_PAGES] = {
  { "calls", "call" },
  { "arrestees", "arrestee" },
  { "observers", "observer_shift" },
  { "stations", "station" },
  { "rota", "rota_slot" },
};

static void
page_set_store (GtkWidget *page,
                DeskStore *store)
{
  if (DESK_IS_ARRESTEE_PAGE (page))
    desk_arrestee_page_set_store (DESK_ARRESTEE_PAGE (page), store);
  else
    desk_record_page_set_store (DESK_RECORD_PAGE (page), store);
}

static void
page_set_action (GtkWidget  *page,
                 const char *action_id)
{
  if (DESK_IS_ARRESTEE_PAGE (page))
    desk_arrestee_page_set_action (DESK_ARRESTEE_PAGE (page), action_id);
  else
    desk_record_page_set_action (DESK_RECORD_PAGE (page), action_id);
}

/* Only the Arrestees page hides fields and actions by role. */
static void
page_set_role (DeskWindow *self,
               GtkWidget  *page)
{
  if (DESK_IS_ARRESTEE_PAGE (page))
    desk_arrestee_page_set_role (DESK_ARRESTEE_PAGE (page), self->has_role ? &self->role : NULL);
}

static void
page_activate (GtkWidget *page)
{
  if (DESK_IS_ARRESTEE_PAGE (page))
    desk_arrestee_page_activate (DESK_ARRESTEE_PAGE (page));
  else
    desk_record_page_activate (DESK_RECORD_PAGE (page));
}

static guint
visible_page_index (DeskWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  for (guint i = 0; i < DESK_WINDOW_N_PAGES; i++)
    if (g_strcmp0 (name, page_info[i].name) == 0)
      return i;

  return G_MAXUINT;
}

static void
on_page_state_changed_cb (DeskWindow *self,
                          GParamSpec *pspec,
                          GtkWidget  *page)
{
  if (page == _desk_window_get_visible_page (self))
    _desk_window_write_status (self);
}

static void
watch_page (DeskWindow *self,
            GtkWidget  *page)
{
  g_signal_connect_object (page, "notify::n-items",
                           G_CALLBACK (on_page_state_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "notify::loading",
                           G_CALLBACK (on_page_state_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* Where the Arrestees page is (list or record, selection) for the tests. */
  if (DESK_IS_ARRESTEE_PAGE (page))
    g_signal_connect_object (page, "notify::test-status",
                             G_CALLBACK (on_page_state_changed_cb), self,
                             G_CONNECT_SWAPPED);
}

/* Store and action first, so the page loads once, when activated; and
 * watched only then, so the status file never reports it empty while it
 * is still being given its records. */
static GtkWidget *
build_page (DeskWindow *self,
            guint       i)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GError) error = NULL;
  const char *ids[] = { page_info[i].name, NULL };
  GtkWidget *slot = adw_view_stack_get_child_by_name (self->view_stack, page_info[i].name);
  GtkWidget *page;

  if (!gtk_builder_add_objects_from_resource (builder, PAGES_RESOURCE, ids, &error))
    g_error ("Could not build the %s page: %s", page_info[i].name, error->message);

  page = GTK_WIDGET (gtk_builder_get_object (builder, page_info[i].name));
  g_assert (DESK_IS_ARRESTEE_PAGE (page) || DESK_IS_RECORD_PAGE (page));
  g_assert (DESK_IS_ARRESTEE_PAGE (page) ||
            g_str_equal (desk_record_page_get_table (DESK_RECORD_PAGE (page)), page_info[i].table));

  adw_bin_set_child (ADW_BIN (slot), page);
  self->pages[i] = page;

  page_set_role (self, page);
  page_set_store (page, self->store);
  if (self->action_id != NULL)
    page_set_action (page, self->action_id);
  watch_page (self, page);

  return page;
}

const char *
_desk_window_page_name (guint i)
{
  g_assert (i < DESK_WINDOW_N_PAGES);

  return page_info[i].name;
}

const char *
_desk_window_page_table (guint i)
{
  g_assert (i < DESK_WINDOW_N_PAGES);

  return page_info[i].table;
}

GtkWidget *
_desk_window_get_visible_page (DeskWindow *self)
{
  guint i = visible_page_index (self);

  return i < DESK_WINDOW_N_PAGES ? self->pages[i] : NULL;
}

void
_desk_window_activate_visible_page (DeskWindow *self)
{
  guint i = visible_page_index (self);

  if (i >= DESK_WINDOW_N_PAGES)
    return;

  if (self->pages[i] == NULL)
    build_page (self, i);
  page_activate (self->pages[i]);
}

void
_desk_window_pages_set_store (DeskWindow *self)
{
  for (guint i = 0; i < DESK_WINDOW_N_PAGES; i++)
    if (self->pages[i] != NULL)
      page_set_store (self->pages[i], self->store);
}

void
_desk_window_pages_set_action (DeskWindow *self)
{
  for (guint i = 0; i < DESK_WINDOW_N_PAGES; i++)
    if (self->pages[i] != NULL)
      page_set_action (self->pages[i], self->action_id);
}

void
_desk_window_pages_set_role (DeskWindow *self)
{
  for (guint i = 0; i < DESK_WINDOW_N_PAGES; i++)
    if (self->pages[i] != NULL)
      page_set_role (self, self->pages[i]);
}
