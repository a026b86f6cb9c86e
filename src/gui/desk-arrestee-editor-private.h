#pragma once

#include "desk-arrestee-clock.h"
#include "desk-arrestee-duplicates.h"
#include "desk-arrestee-editor.h"
#include "desk-arrestee-timeline.h"
#include "desk-arrestee-fields.h"
#include "desk-field-saver.h"

G_BEGIN_DECLS

/* The solicitor row's choices, in order. */
enum {
  DESK_SOLICITOR_UNKNOWN,
  DESK_SOLICITOR_DUTY,
  DESK_SOLICITOR_NAMED,
};

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
  gboolean             focus_on_load;   /* asked for the focus before the record came */
  gboolean             close_confirmed; /* the BOV chose to close, unsaved words and all */
};

/* desk-arrestee-editor-rows.c */
void          _desk_arrestee_editor_build_rows   (DeskArresteeEditor *self);
DeskFieldRow *_desk_arrestee_editor_find_row     (DeskArresteeEditor *self,
                                                  const char         *field);
void          _desk_field_row_free               (DeskFieldRow       *row);
/* Reads @field's row and queues it for the saver; FALSE when a time
 * cannot be read (the text is kept as a draft, the row says what to type). */
gboolean      _desk_arrestee_editor_queue_field  (DeskArresteeEditor *self,
                                                  const char         *field);
/* Reads every row with unsaved typing and hands it to the saver (time rows
 * that cannot be read are kept as drafts of the record). */
void          _desk_arrestee_editor_commit_all   (DeskArresteeEditor *self);

/* desk-arrestee-editor-values.c */
void          _desk_arrestee_editor_fill         (DeskArresteeEditor *self,
                                                  gboolean            everything);
void          _desk_arrestee_editor_set_stations (DeskArresteeEditor *self,
                                                  GPtrArray          *stations);
/* The loaded value of @field, NULL when empty. */
const char   *_desk_arrestee_editor_record_value (DeskArresteeEditor *self,
                                                  const char         *field);
/* Unreadable times typed into the record shown (@create: make the table). */
GHashTable   *_desk_arrestee_editor_drafts       (DeskArresteeEditor *self,
                                                  gboolean            create);
gboolean      _desk_arrestee_editor_is_minor     (DeskArresteeEditor *self);
/* What @row holds, as it would be stored; FALSE for a time that cannot be
 * read (the row says so). */
gboolean      _desk_arrestee_editor_read_row     (DeskArresteeEditor *self,
                                                  DeskFieldRow       *row,
                                                  char              **value);
/* "Named solicitor" chosen, the name not typed yet: nothing to store. */
gboolean      _desk_field_row_awaits_name        (DeskFieldRow       *row);
/* The record as the rows show it now (times that cannot be read: as
 * stored), for the custody clock. */
GHashTable   *_desk_arrestee_editor_current_values (DeskArresteeEditor *self);
/* @message NULL clears the flag. */
void          _desk_arrestee_editor_show_save_error (DeskArresteeEditor *self,
                                                     const char         *field,
                                                     const char         *message);

/* desk-arrestee-editor-access.c */
void          _desk_arrestee_editor_update_visibility (DeskArresteeEditor *self);
void          _desk_arrestee_editor_apply_role   (DeskArresteeEditor *self);

/* desk-arrestee-editor-duplicates.c */
void          _desk_arrestee_editor_setup_duplicates (DeskArresteeEditor *self);
/* Looks for "possibly the same person" a moment after the name is typed. */
void          _desk_arrestee_editor_check_duplicates (DeskArresteeEditor *self);
void          _desk_arrestee_editor_clear_duplicates (DeskArresteeEditor *self);

/* desk-arrestee-editor-close.c */
/* TRUE (and the BOV asked) when closing @window would lose words typed
 * into records that are not stored. */
gboolean      _desk_arrestee_editor_guard_close  (DeskArresteeEditor *self,
                                                  GtkWindow          *window);

/* desk-arrestee-editor.c */
void          _desk_arrestee_editor_reload       (DeskArresteeEditor *self);
void          _desk_arrestee_editor_field_edited (DeskArresteeEditor *self,
                                                  const char         *field);

G_END_DECLS
