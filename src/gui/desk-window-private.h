#pragma once

/* DeskWindow is one class in several files, one job each (TE 44.0
 * editor-window-private.h): desk-window.c the shell, desk-window-chooser.c
 * the mass action shown, desk-window-dialogs.c the first-run and new-action
 * questions, desk-window-actions.c the win.* actions and their shortcuts,
 * desk-window-state.c the size and page kept between sessions,
 * desk-window-pages.c the record pages, each built when first shown,
 * desk-window-deferred.c what the first frame does not show. */

#include "desk-arrestee-page.h"
#include "desk-record-item.h"
#include "desk-record-list.h"
#include "desk-record-page.h"
#include "desk-window.h"

G_BEGIN_DECLS

#define DESK_WINDOW_N_PAGES 5

struct _DeskWindow
{
  AdwApplicationWindow  parent_instance;

  GtkDropDown          *action_dropdown;
  GtkMenuButton        *menu_button;
  GMenuModel           *primary_menu;   /* the menu button's, once first opened */
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkLabel             *training_banner;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *loading_page;
  AdwStatusPage        *locked_page;
  GtkButton            *unlock_button;
  AdwViewStack         *view_stack;

  /* DeskRecordPage or DeskArresteePage, NULL until first shown; each is
   * the child of an AdwBin the view stack holds from the start. */
  GtkWidget            *pages[DESK_WINDOW_N_PAGES];

  GSettings            *settings;
  DeskStore            *store;
  DeskRecordList       *actions;
  GCancellable         *cancellable;
  GtkWidget            *name_dialog;
  char                 *action_id;     /* shown, and given to pages built later */
  char                 *created_action_id;
  char                 *status_file;

  guint                 sync_actions_id;
  guint                 update_header_id;

  DeskRole              role;          /* with has_role, for pages built later */
  gboolean              has_role;
  gboolean              training;
  gboolean              painted;
  gboolean              compact_header;
  gboolean              syncing_actions;
  gboolean              offered_new_action;
};

/* desk-window.c */
void            _desk_window_set_main_page             (DeskWindow     *self,
                                                        const char     *name);
void            _desk_window_update_header             (DeskWindow     *self);
void            _desk_window_write_status              (DeskWindow     *self);
/* The first frame is on screen (desk-window-deferred.c tells). */
void            _desk_window_set_painted               (DeskWindow     *self);

/* desk-window-chooser.c */
void            _desk_window_class_chooser_init        (GtkWidgetClass *widget_class);
void            _desk_window_chooser_init              (DeskWindow     *self);
/* Lists the actions of self->store in the drop-down and shows one. */
void            _desk_window_load_actions              (DeskWindow     *self);
DeskRecordItem *_desk_window_dup_selected_action       (DeskWindow     *self);

/* desk-window-dialogs.c */
void            _desk_window_present_name_dialog       (DeskWindow     *self);
void            _desk_window_present_new_action_dialog (DeskWindow     *self);
/* Once per window, when the store holds no action yet. */
void            _desk_window_maybe_offer_new_action    (DeskWindow     *self);

/* desk-window-actions.c */
void            _desk_window_class_actions_init        (GtkWidgetClass *widget_class);

/* desk-window-sync.c */
/* Is the new-action question held back (sync asking, or the role may not)? */
gboolean        _desk_window_holds_new_action          (DeskWindow     *self);

/* desk-window-state.c */
void            _desk_window_restore_state             (DeskWindow     *self);
void            _desk_window_save_state                (DeskWindow     *self);

/* desk-window-pages.c: the record pages, whichever class each is. */
/* The view stack's name of page @i, and the table it lists. */
const char     *_desk_window_page_name                 (guint           i);
const char     *_desk_window_page_table                (guint           i);
/* The page shown, once built; NULL before. */
GtkWidget      *_desk_window_get_visible_page          (DeskWindow     *self);
/* Builds the page shown if it is not yet, and has it load its records. */
void            _desk_window_activate_visible_page     (DeskWindow     *self);
/* Give the pages built so far the window's store, action or role. */
void            _desk_window_pages_set_store           (DeskWindow     *self);
void            _desk_window_pages_set_action          (DeskWindow     *self);
void            _desk_window_pages_set_role            (DeskWindow     *self);

/* desk-window-deferred.c */
void            _desk_window_deferred_init             (DeskWindow     *self);

G_END_DECLS
