#pragma once

#include <gio/gio.h>

#include "desk-store.h"

G_BEGIN_DECLS

/* Saves what is typed into one record's fields through the one write path:
 * half a second after typing stops, or at once on flush (focus-out, record
 * switch, window close). Each field is its own change, so an error names
 * its field and the others still save. Never waits on the database. */
#define DESK_TYPE_FIELD_SAVER (desk_field_saver_get_type ())
G_DECLARE_FINAL_TYPE (DeskFieldSaver, desk_field_saver, DESK, FIELD_SAVER, GObject)

#define DESK_FIELD_SAVER_DELAY_MS 500

DeskFieldSaver *desk_field_saver_new        (DeskStore      *store,
                                             const char     *table);
/* Saves what is pending for the previous record first. */
void            desk_field_saver_set_record (DeskFieldSaver *self,
                                             const char     *record_id);
/* @value NULL clears the field. */
void            desk_field_saver_queue      (DeskFieldSaver *self,
                                             const char     *field,
                                             const char     *value);
void            desk_field_saver_flush      (DeskFieldSaver *self);
/* Waiting or being written for the current record: a reload must not
 * overwrite what the row shows. */
gboolean        desk_field_saver_is_busy    (DeskFieldSaver *self,
                                             const char     *field);
/* Anything waiting or being written at all. */
gboolean        desk_field_saver_is_idle    (DeskFieldSaver *self);

G_END_DECLS
