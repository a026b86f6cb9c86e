#pragma once

/* DeskRecordPage is one class in two files (like DeskWindow):
 * desk-record-page.c the widget, its properties and what it shows;
 * desk-record-page-load.c fetching its rows from the store, after the
 * titles they refer to. */

#include "desk-record-list.h"
#include "desk-record-page.h"
#include "desk-reference-names.h"

G_BEGIN_DECLS

struct _DeskRecordPage
{
  AdwBin              parent_instance;

  GtkStack           *stack;
  GtkColumnView      *column_view;
  AdwStatusPage      *empty_page;

  DeskStore          *store;
  DeskRecordList     *list;
  GtkSingleSelection *selection;
  GCancellable       *cancellable;

  char               *table;
  char              **columns;
  char               *order_by;
  char               *action_id;
  char               *title;

  DeskReferenceNames *names;
  GPtrArray          *column_names;   /* per column: id → name table (owned by names), or NULL */
  gboolean            activated;      /* shown once: columns built, records load */
  gboolean            loading_names;
  gboolean            loading;
  guint               n_items;
  double              scrolled_to;    /* where the table was when last hidden */
  guint               restore_id;     /* tick callback bringing it back there */
  gboolean            restore_laid_out;
};

/* desk-record-page.c: the loading, list or empty state, from what is loaded. */
void _desk_record_page_update_state (DeskRecordPage *self);

/* desk-record-page-load.c */
/* Takes @store (NULL: none) and gives the table a list of its records. */
void _desk_record_page_attach_store (DeskRecordPage *self,
                                     DeskStore      *store);
void _desk_record_page_load         (DeskRecordPage *self);

G_END_DECLS
