#define G_LOG_DOMAIN "desk-window-pages"

#include "config.h"

#include "desk-window-private.h"

/* Most pages are a DeskRecordPage of one table; the Arrestees page is its
 * own class. The window treats them alike through these. */

void
_desk_window_page_set_store (GtkWidget *page,
                             DeskStore *store)
{
  if (DESK_IS_ARRESTEE_PAGE (page))
    desk_arrestee_page_set_store (DESK_ARRESTEE_PAGE (page), store);
  else
    desk_record_page_set_store (DESK_RECORD_PAGE (page), store);
}

void
_desk_window_page_set_action (GtkWidget  *page,
                              const char *action_id)
{
  if (DESK_IS_ARRESTEE_PAGE (page))
    desk_arrestee_page_set_action (DESK_ARRESTEE_PAGE (page), action_id);
  else
    desk_record_page_set_action (DESK_RECORD_PAGE (page), action_id);
}

const char *
_desk_window_page_get_table (GtkWidget *page)
{
  if (DESK_IS_ARRESTEE_PAGE (page))
    return "arrestee";
  return desk_record_page_get_table (DESK_RECORD_PAGE (page));
}

void
_desk_window_page_activate (GtkWidget *page)
{
  if (DESK_IS_ARRESTEE_PAGE (page))
    desk_arrestee_page_activate (DESK_ARRESTEE_PAGE (page));
  else if (DESK_IS_RECORD_PAGE (page))
    desk_record_page_activate (DESK_RECORD_PAGE (page));
}
