#pragma once

#include "desk-arrestee-clock.h"
#include "desk-arrestee-duplicates.h"
#include "desk-arrestee-editor.h"
#include "desk-arrestee-timeline.h"
#include "desk-arrestee-fields.h"
#include "desk-field-saver.h"

G_BEGIN_DECLS

/* One row of the form and the field it shows. */
typedef struct
{
  const DeskArresteeFieldSpec *spec;
  GtkWidget     *row;
  GtkWidget     *control;      /* switch, text view, or the solicitor's name row */
  GtkStringList *labels;       /* choices and stations: what is shown … */
  GPtrArray     *values;       /* … and what is stored, by position */
  char          *error;        /* the last save error, shown on the row */
  guint          check_id;     /* a time row's check after typing stops */
  gboolean       readable;
  gboolean       writable;
} DeskFieldRow;

struct _DeskArresteeEditor
{
  AdwBin               parent_instance;

  GtkStack            *stack;
  GtkLabel            *title_label;
  GtkLabel            *read_only_label;
  GtkWidget           *duplicates_slot;
  GtkWidget           *timeline_slot;
  AdwPreferencesGroup *groups[DESK_ARRESTEE_N_GROUPS];

  DeskStore           *store;
  DeskFieldSaver      *saver;
  GCancellable        *cancellable;   /* loads of the record shown */
  char                *record_id;
  GHashTable          *record;        /* field → value, as last loaded */
  GHashTable          *drafts;        /* record id → (field → unreadable typed text) */
  GHashTable          *unsaved;       /* record id → (field → value whose save failed) */
  GtkWindow           *window;        /* weak: saves when it closes */
  GPtrArray           *rows;          /* DeskFieldRow */
  DeskArresteeClock   *clock;
  DeskArresteeTimeline *timeline;
  DeskArresteeDuplicates *duplicates;
  guint                duplicates_id;     /* the check after the name is typed */
  guint                duplicates_serial;
  DeskRole             role;
  gboolean             has_role;
  gboolean             filling;       /* rows are being set from the store */
  guint                load_serial;
  gboolean             loading;         /* the latest load has not come back */
  gboolean             reload_pending;  /* the store changed meanwhile */
  gboolean             fill_everything; /* a new record: the next load sets every row */
};

/* desk-arrestee-editor-rows.c */
void          _desk_arrestee_editor_build_rows   (DeskArresteeEditor *self);
void          _desk_arrestee_editor_fill         (DeskArresteeEditor *self,
                                                  gboolean            everything);
void          _desk_arrestee_editor_set_stations (DeskArresteeEditor *self,
                                                  GPtrArray          *stations);
/* The record as the rows show it now (times that cannot be read: as
 * stored), for the custody clock. */
GHashTable   *_desk_arrestee_editor_current_values (DeskArresteeEditor *self);
void          _desk_arrestee_editor_apply_role   (DeskArresteeEditor *self);
/* Reads every row with unsaved typing and hands it to the saver (time rows
 * that cannot be read are kept as drafts of the record). */
void          _desk_arrestee_editor_commit_all   (DeskArresteeEditor *self);
/* Reads @field's row and queues it for the saver; FALSE when a time
 * cannot be read (the text is kept as a draft, the row says what to type). */
gboolean      _desk_arrestee_editor_queue_field  (DeskArresteeEditor *self,
                                                  const char         *field);
void          _desk_arrestee_editor_show_save_error (DeskArresteeEditor *self,
                                                     const char         *field,
                                                     const char         *message);
DeskFieldRow *_desk_arrestee_editor_find_row     (DeskArresteeEditor *self,
                                                  const char         *field);
void          _desk_field_row_free               (DeskFieldRow       *row);

/* desk-arrestee-editor-duplicates.c */
void          _desk_arrestee_editor_setup_duplicates (DeskArresteeEditor *self);
/* Looks for "possibly the same person" a moment after the name is typed. */
void          _desk_arrestee_editor_check_duplicates (DeskArresteeEditor *self);
void          _desk_arrestee_editor_clear_duplicates (DeskArresteeEditor *self);

/* desk-arrestee-editor.c */
void          _desk_arrestee_editor_reload       (DeskArresteeEditor *self);
void          _desk_arrestee_editor_field_edited (DeskArresteeEditor *self,
                                                  const char         *field);

G_END_DECLS
