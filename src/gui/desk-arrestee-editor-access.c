#define G_LOG_DOMAIN "desk-arrestee-editor"

#include "config.h"

#include <string.h>

#include "desk-arrestee-editor-private.h"

/* Which rows show: those the role may read and the record needs; those
 * the role may not change are read-only. */

/* Which rows the record needs: an appropriate adult for under-18s and
 * vulnerable adults, bail conditions with bail, a court with a charge. */
void
_desk_arrestee_editor_update_visibility (DeskArresteeEditor *self)
{
  DeskFieldRow *row;
  g_autofree char *outcome = NULL;
  g_autofree char *status = NULL;
  gboolean minor = _desk_arrestee_editor_is_minor (self), vulnerable = FALSE, court;

  for (guint i = 0; i < self->rows->len; i++)
    {
      row = g_ptr_array_index (self->rows, i);
      if (row->spec->widget == DESK_ARRESTEE_WIDGET_FLAG && g_strcmp0 (row->spec->flag, "vulnerable") == 0)
        vulnerable = gtk_switch_get_active (GTK_SWITCH (row->control));
    }
  if ((row = _desk_arrestee_editor_find_row (self, "outcome")) != NULL && row->readable)
    _desk_arrestee_editor_read_row (self, row, &outcome);
  if ((row = _desk_arrestee_editor_find_row (self, "status")) != NULL && row->readable)
    _desk_arrestee_editor_read_row (self, row, &status);
  court = g_strcmp0 (outcome, "charged") == 0 || g_strcmp0 (outcome, "held_for_court") == 0 ||
          g_strcmp0 (status, "held_for_court") == 0;

  for (guint i = 0; i < self->rows->len; i++)
    {
      const char *field;
      gboolean needed = TRUE;
      gboolean has_value;

      row = g_ptr_array_index (self->rows, i);
      field = row->spec->field;
      has_value = _desk_arrestee_editor_record_value (self, field) != NULL ||
                  (ADW_IS_ENTRY_ROW (row->row) && gtk_editable_get_text (GTK_EDITABLE (row->row))[0] != '\0');
      if (strcmp (field, "appropriate_adult") == 0)
        needed = minor || vulnerable || has_value;
      else if (strcmp (field, "bail_conditions") == 0)
        needed = g_strcmp0 (outcome, "bail") == 0 || has_value;
      else if (strcmp (field, "court_date") == 0 || strcmp (field, "court_place") == 0)
        needed = court || has_value;
      gtk_widget_set_visible (row->row, row->readable && needed);
      if (row->spec->widget == DESK_ARRESTEE_WIDGET_SOLICITOR)
        gtk_widget_set_visible (row->control,
                                row->readable &&
                                adw_combo_row_get_selected (ADW_COMBO_ROW (row->row)) == DESK_SOLICITOR_NAMED);
    }
}

static void
set_row_writable (DeskFieldRow *row,
                  gboolean      writable)
{
  if (writable)
    gtk_widget_remove_css_class (row->row, "desk-read-only");
  else
    gtk_widget_add_css_class (row->row, "desk-read-only");
  if (row->control != NULL)
    {
      if (writable)
        gtk_widget_remove_css_class (row->control, "desk-read-only");
      else
        gtk_widget_add_css_class (row->control, "desk-read-only");
    }
  switch (row->spec->widget)
    {
    case DESK_ARRESTEE_WIDGET_TIME:
    case DESK_ARRESTEE_WIDGET_ENTRY:
      gtk_editable_set_editable (GTK_EDITABLE (row->row), writable);
      break;

    case DESK_ARRESTEE_WIDGET_SOLICITOR:
      gtk_editable_set_editable (GTK_EDITABLE (row->control), writable);
      gtk_widget_set_sensitive (row->row, writable);
      break;

    case DESK_ARRESTEE_WIDGET_TEXT:
      gtk_text_view_set_editable (GTK_TEXT_VIEW (row->control), writable);
      break;

    case DESK_ARRESTEE_WIDGET_CHOICE:
    case DESK_ARRESTEE_WIDGET_STATION:
    case DESK_ARRESTEE_WIDGET_SWITCH:
    case DESK_ARRESTEE_WIDGET_FLAG:
    default:
      gtk_widget_set_sensitive (row->row, writable);
      break;
    }
}

void
_desk_arrestee_editor_apply_role (DeskArresteeEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      DeskFieldRow *row = g_ptr_array_index (self->rows, i);
      const char *field = row->spec->field;

      row->readable = !self->has_role || desk_role_can_read (self->role, "arrestee", field);
      row->writable = row->readable &&
                      (!self->has_role || desk_role_can_write (self->role, "arrestee", field));
      set_row_writable (row, row->writable);
      if (!row->readable)
        {
          /* What was shown before the role changed goes too. */
          self->filling = TRUE;
          if (ADW_IS_ENTRY_ROW (row->row))
            gtk_editable_set_text (GTK_EDITABLE (row->row), "");
          self->filling = FALSE;
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->read_only_label),
                          self->has_role && !desk_role_can_write (self->role, "arrestee", NULL));
  desk_arrestee_duplicates_set_can_merge (self->duplicates,
                                          !self->has_role || desk_role_can_write (self->role, "arrestee", NULL));
  for (guint g = 0; g < DESK_ARRESTEE_N_GROUPS; g++)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < self->rows->len; i++)
        {
          DeskFieldRow *row = g_ptr_array_index (self->rows, i);

          any |= row->spec->group == g && row->readable;
        }
      gtk_widget_set_visible (GTK_WIDGET (self->groups[g]), any);
    }
  _desk_arrestee_editor_update_visibility (self);
}
