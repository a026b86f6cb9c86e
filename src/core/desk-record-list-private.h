#pragma once

#include "desk-id-list.h"
#include "desk-list-query.h"
#include "desk-query.h"
#include "desk-record-list.h"

G_BEGIN_DECLS

/* For the files of the DeskRecordList class: desk-record-list.c is the
 * model and its items, desk-record-list-load.c loads the ids,
 * desk-record-list-pages.c reads and keeps pages of rows. */

/* Rows read in one go when the view reaches positions not read yet. */
#define DESK_RECORD_LIST_PAGE_SIZE 128

struct _DeskRecordList
{
  GObject        parent_instance;

  DeskStore     *store;
  char          *table;
  char         **columns;
  DeskListQuery *query;

  DeskIdList    *ids;          /* what is listed; NULL before the first load */
  guint          generation;   /* bumped by each load: pages are by position */
  GHashTable    *items;        /* id → DeskRecordItem alive now (weak) */
  GHashTable    *pages;        /* page index → GPtrArray of DeskRow or NULL */
  GQueue         recent;       /* page indexes, most recently used first */
  GHashTable    *wanted;       /* page indexes to read at the next idle */
  GHashTable    *fetching;     /* page indexes being read, this generation */
  guint          fetch_id;

  GCancellable  *cancellable;  /* page reads; cancelled in dispose */
  GCancellable  *loading;
  gboolean       reload_again;
  gboolean       started;      /* set_action or reload was called */
};

/* desk-record-list.c */
guint  desk_record_list_n_listed       (DeskRecordList *self);
/* Gives the item of @id, if one is alive, the values of @row (NULL: none). */
void   desk_record_list_fill_item      (DeskRecordList *self,
                                        const char     *id,
                                        DeskRow        *row);
/* Lists @ids (taken), with the rows of its first page (taken, or NULL). */
void   desk_record_list_replace_ids    (DeskRecordList *self,
                                        DeskIdList     *ids,
                                        GPtrArray      *first_page);
void   desk_record_list_notify_loading (DeskRecordList *self);

/* desk-record-list-load.c */
void   desk_record_list_start_load     (DeskRecordList *self);
void   desk_record_list_restart_load   (DeskRecordList *self);

/* desk-record-list-pages.c */
/* Up to @n ids from @start, as strings. */
char **desk_record_list_dup_ids        (const DeskIdList *ids,
                                        guint             start,
                                        guint             n);
void   desk_record_list_touch_page     (DeskRecordList *self,
                                        guint           index);
void   desk_record_list_keep_page      (DeskRecordList *self,
                                        guint           index,
                                        GPtrArray      *rows);
void   desk_record_list_drop_pages     (DeskRecordList *self);
void   desk_record_list_want_page      (DeskRecordList *self,
                                        guint           index);

G_END_DECLS
