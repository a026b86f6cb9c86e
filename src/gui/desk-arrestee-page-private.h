#pragma once

/* DeskArresteePage is one class in four files: desk-arrestee-page.c the
 * widget, its state and actions; desk-arrestee-page-columns.c the table's
 * columns, their sorting and the minute clock; desk-arrestee-page-search.c
 * the filter bar and the name search; desk-arrestee-page-record.c the
 * record view and its editor. */

#include "desk-arrestee-editor.h"
#include "desk-arrestee-page.h"
#include "desk-record-list.h"
#include "desk-reference-names.h"

G_BEGIN_DECLS

#define DESK_ARRESTEE_PAGE_N_COLUMNS 6

struct _DeskArresteePage
{
  AdwBin               parent_instance;

  AdwLeaflet          *leaflet;
  GtkWidget           *list_page;
  GtkWidget           *record_page;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *status_dropdown;
  GtkDropDown         *station_dropdown;
  GtkToggleButton     *welfare_toggle;
  GtkToggleButton     *minor_toggle;
  GtkToggleButton     *press_toggle;
  GtkLabel            *count_label;
  GtkStack            *stack;
  GtkColumnView       *column_view;
  DeskArresteeEditor  *editor;         /* made when first opened, in record_page */

  DeskStore           *store;
  char                *action_id;
  DeskRole             role;
  gboolean             has_role;

  DeskRecordList      *list;
  GtkSingleSelection  *selection;
  DeskRecordList      *stations;       /* the station filter's choices */
  GListStore          *station_choices;
  DeskReferenceNames  *names;
  GHashTable          *station_names;  /* station id → name (owned by names) */
  GHashTable          *reasons;        /* arrestee id → why the search found them */
  GPtrArray           *cells;          /* DeskArresteeCell bound now (not owned) */
  GtkColumnViewColumn *columns[DESK_ARRESTEE_PAGE_N_COLUMNS];
  GObject             *probe[2];       /* compared to read the sort column */
  const char          *probe_key;

  GCancellable        *cancellable;
  GCancellable        *search_cancellable;
  char                *select_when_loaded;
  char                *search_text;    /* what the rows show the matches of */
  char                *hidden_sort;    /* the list's order, while a search hides it */
  guint                tick_id;
  guint                n_items;
  gboolean             activated;
  gboolean             loading_names;
  gboolean             searching;
  gboolean             loading;
  gboolean             focus_rows;     /* asked for focus before the rows came */
  gboolean             scroll_to_top;  /* a new search: show its best matches */
  gboolean             open_best_match; /* Enter came before the matches */
};

/* desk-arrestee-page.c */
void         _desk_arrestee_page_update_state    (DeskArresteePage *self);
/* The record view is shown, not the list. */
gboolean     _desk_arrestee_page_showing_record  (DeskArresteePage *self);
/* Select the row at @position and bring it into view. */
void         _desk_arrestee_page_select_row      (DeskArresteePage *self,
                                                  guint             position);

/* desk-arrestee-page-columns.c */
void         _desk_arrestee_page_build_columns   (DeskArresteePage *self);
/* The list in the order the column headers say. */
void         _desk_arrestee_page_apply_sort      (DeskArresteePage *self);
/* No header sorts while ranked matches show; back when the search ends. */
void         _desk_arrestee_page_hide_sort       (DeskArresteePage *self);
void         _desk_arrestee_page_show_sort       (DeskArresteePage *self);
/* Custody times again, now and each minute. */
void         _desk_arrestee_page_start_clock     (DeskArresteePage *self);
void         _desk_arrestee_page_refresh_cells   (DeskArresteePage *self);
gboolean     _desk_arrestee_page_focus_selected_row (DeskArresteePage *self);
/* The page goes: the cells outlive it a moment. */
void         _desk_arrestee_page_forget_cells    (DeskArresteePage *self);

/* desk-arrestee-page-search.c */
void         _desk_arrestee_page_init_filters    (DeskArresteePage *self);
void         _desk_arrestee_page_attach_stations (DeskArresteePage *self);
void         _desk_arrestee_page_apply_filters   (DeskArresteePage *self);
gboolean     _desk_arrestee_page_filters_active  (DeskArresteePage *self);
void         _desk_arrestee_page_clear_filters   (DeskArresteePage *self);
void         _desk_arrestee_page_focus_search    (DeskArresteePage *self);
/* The action changed: its own matches for what is typed. */
void         _desk_arrestee_page_search_again    (DeskArresteePage *self);
/* Enter in the search: the first row in the editor, once it is there. */
void         _desk_arrestee_page_open_best_match (DeskArresteePage *self);

/* Template callbacks, bound in class_init. */
void         _desk_arrestee_page_class_search_init (GtkWidgetClass *widget_class);

G_END_DECLS
