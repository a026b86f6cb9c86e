#define G_LOG_DOMAIN "desk-arrestee-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-arrestee-editor-private.h"
#include "desk-query.h"
#include "desk-time-row.h"
#include "desk-time-text.h"

/* What the rows hold: set from the record as loaded (leaving alone the
 * rows being typed in or not yet saved), read back as it is stored, and
 * flagged when a save failed. */

/* Flags the editor works out from the form; any others are kept. */
static const char *const computed_flags[] = { "minor", "welfare", "vulnerable", "press", NULL };

const char *
_desk_arrestee_editor_record_value (DeskArresteeEditor *self,
              const char         *field)
{
  const char *value = self->record != NULL ? g_hash_table_lookup (self->record, field) : NULL;

  return value != NULL && value[0] != '\0' ? value : NULL;
}

GHashTable *
_desk_arrestee_editor_drafts (DeskArresteeEditor *self,
               gboolean            create)
{
  GHashTable *drafts;

  if (self->record_id == NULL)
    return NULL;
  drafts = g_hash_table_lookup (self->drafts, self->record_id);
  if (drafts == NULL && create)
    {
      drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (self->drafts, g_strdup (self->record_id), drafts);
    }
  return drafts;
}

/* An entry row's title carries its save error, like a time row's. */
static void
show_entry_error (DeskFieldRow *row)
{
  g_autofree char *message = NULL;
  g_autofree char *title = NULL;

  if (row->error != NULL)
    {
      /* Translators: why a field's text was not saved */
      message = g_strdup_printf (_("not saved: %s"), row->error);
      /* Translators: a field's title and what is wrong with it */
      title = g_strdup_printf (_("%s — %s"), _(row->spec->title), message);
    }
  if (DESK_IS_TIME_ROW (row->row))
    {
      /* A time row shows its own title with the message. */
      if (message != NULL)
        desk_time_row_set_error (DESK_TIME_ROW (row->row), message);
      return;
    }
  if (row->error != NULL)
    gtk_widget_add_css_class (row->row, "error");
  else
    gtk_widget_remove_css_class (row->row, "error");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row),
                                 title != NULL ? title : _(row->spec->title));
  gtk_widget_set_tooltip_text (row->row,
                               row->error != NULL ? _("The text stays here and is saved again when you change it or leave the record") : NULL);
}

void
_desk_arrestee_editor_show_save_error (DeskArresteeEditor *self,
                                       const char         *field,
                                       const char         *message)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      DeskFieldRow *row = g_ptr_array_index (self->rows, i);

      if (strcmp (row->spec->field, field) != 0)
        continue;
      g_free (row->error);
      row->error = g_strdup (message);
      if (row->spec->widget != DESK_ARRESTEE_WIDGET_CHOICE &&
          row->spec->widget != DESK_ARRESTEE_WIDGET_STATION &&
          row->spec->widget != DESK_ARRESTEE_WIDGET_SWITCH &&
          row->spec->widget != DESK_ARRESTEE_WIDGET_FLAG &&
          row->spec->widget != DESK_ARRESTEE_WIDGET_SOLICITOR &&
          row->spec->widget != DESK_ARRESTEE_WIDGET_TEXT)
        show_entry_error (row);
      else if (GTK_IS_WIDGET (row->row) && ADW_IS_ACTION_ROW (row->row))
        {
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row),
                                       message != NULL ? message : (row->spec->subtitle ? _(row->spec->subtitle) : NULL));
          if (message != NULL)
            gtk_widget_add_css_class (row->row, "error");
          else
            gtk_widget_remove_css_class (row->row, "error");
        }
      else if (row->spec->widget == DESK_ARRESTEE_WIDGET_TEXT)
        adw_preferences_group_set_description (self->groups[row->spec->group], message);
    }
}

/* Under 18 by the age band, or by a date of birth that can be read. */
gboolean
_desk_arrestee_editor_is_minor (DeskArresteeEditor *self)
{
  DeskFieldRow *age = _desk_arrestee_editor_find_row (self, "age_band");
  DeskFieldRow *born = _desk_arrestee_editor_find_row (self, "date_of_birth");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int years;

  if (age != NULL && age->readable &&
      g_strcmp0 (g_ptr_array_index (age->values, adw_combo_row_get_selected (ADW_COMBO_ROW (age->row))),
                 DESK_ARRESTEE_MINOR_BAND) == 0)
    return TRUE;
  return born != NULL && born->readable &&
         desk_time_text_age (gtk_editable_get_text (GTK_EDITABLE (born->row)), now, &years) &&
         years < 18;
}

/* What the row holds now, as it would be stored; FALSE for a time that
 * cannot be read (the row says so). */
gboolean
_desk_arrestee_editor_read_row (DeskArresteeEditor *self,
          DeskFieldRow       *row,
          char              **value)
{
  const char *text;
  guint selected;

  *value = NULL;
  switch (row->spec->widget)
    {
    case DESK_ARRESTEE_WIDGET_TIME:
      return desk_time_row_read (DESK_TIME_ROW (row->row), value);

    case DESK_ARRESTEE_WIDGET_ENTRY:
      text = gtk_editable_get_text (GTK_EDITABLE (row->row));
      *value = text[0] != '\0' ? g_strdup (text) : NULL;
      return TRUE;

    case DESK_ARRESTEE_WIDGET_CHOICE:
    case DESK_ARRESTEE_WIDGET_STATION:
      selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row->row));
      if (selected < row->values->len)
        {
          text = g_ptr_array_index (row->values, selected);
          *value = text[0] != '\0' ? g_strdup (text) : NULL;
        }
      return TRUE;

    case DESK_ARRESTEE_WIDGET_SWITCH:
      *value = g_strdup (gtk_switch_get_active (GTK_SWITCH (row->control)) ? "1" : "0");
      return TRUE;

    case DESK_ARRESTEE_WIDGET_SOLICITOR:
      selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row->row));
      text = gtk_editable_get_text (GTK_EDITABLE (row->control));
      if (selected == DESK_SOLICITOR_DUTY)
        *value = g_strdup (DESK_ARRESTEE_DUTY_SOLICITOR);
      else if (selected == DESK_SOLICITOR_NAMED && text[0] != '\0')
        *value = g_strdup (text);
      return TRUE;

    case DESK_ARRESTEE_WIDGET_FLAG:
      {
        g_autoptr(GStrvBuilder) words = g_strv_builder_new ();
        g_auto(GStrv) stored = g_strsplit (_desk_arrestee_editor_record_value (self, "flags") ? _desk_arrestee_editor_record_value (self, "flags") : "", ",", -1);
        g_auto(GStrv) list = NULL;
        DeskFieldRow *age = _desk_arrestee_editor_find_row (self, "age_band");
        gboolean welfare = FALSE, welfare_known = TRUE;

        for (guint i = 0; stored[i] != NULL; i++)
          {
            char *word = g_strstrip (stored[i]);

            if (word[0] != '\0' && !g_strv_contains (computed_flags, word))
              g_strv_builder_add (words, word);
          }
        if (age != NULL && age->readable ? _desk_arrestee_editor_is_minor (self)
                                         : desk_arrestee_has_flag (_desk_arrestee_editor_record_value (self, "flags"), "minor"))
          g_strv_builder_add (words, "minor");
        for (guint i = 0; i < self->rows->len; i++)
          {
            DeskFieldRow *other = g_ptr_array_index (self->rows, i);

            if (other->spec->group != DESK_ARRESTEE_GROUP_WELFARE)
              continue;
            if (!other->readable)
              welfare_known = FALSE;
            else if (gtk_editable_get_text (GTK_EDITABLE (other->row))[0] != '\0')
              welfare = TRUE;
          }
        if (welfare_known ? welfare : desk_arrestee_has_flag (_desk_arrestee_editor_record_value (self, "flags"), "welfare"))
          g_strv_builder_add (words, "welfare");
        for (guint i = 0; i < self->rows->len; i++)
          {
            DeskFieldRow *other = g_ptr_array_index (self->rows, i);
            gboolean on;

            if (other->spec->widget != DESK_ARRESTEE_WIDGET_FLAG)
              continue;
            on = other->writable ? gtk_switch_get_active (GTK_SWITCH (other->control))
                                 : desk_arrestee_has_flag (_desk_arrestee_editor_record_value (self, "flags"), other->spec->flag);
            if (on)
              g_strv_builder_add (words, other->spec->flag);
          }
        list = g_strv_builder_end (words);
        *value = list[0] != NULL ? g_strjoinv (",", list) : NULL;
        return TRUE;
      }

    case DESK_ARRESTEE_WIDGET_TEXT:
      {
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->control));
        GtkTextIter start, end;

        gtk_text_buffer_get_bounds (buffer, &start, &end);
        *value = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
        if ((*value)[0] == '\0')
          g_clear_pointer (value, g_free);
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

static void
select_value (DeskFieldRow *row,
              const char   *value)
{
  guint position = G_MAXUINT;

  if (value == NULL)
    value = "";
  for (guint i = 0; i < row->values->len; i++)
    if (strcmp (g_ptr_array_index (row->values, i), value) == 0)
      position = i;
  if (position == G_MAXUINT)
    {
      /* A value from an import or an older desk: shown as it is, kept. */
      gtk_string_list_append (row->labels, value);
      g_ptr_array_add (row->values, g_strdup (value));
      position = row->values->len - 1;
    }
  adw_combo_row_set_selected (ADW_COMBO_ROW (row->row), position);
}

/* Shows @value (as stored) in @row. */
static void
put_value (DeskArresteeEditor *self,
           DeskFieldRow       *row,
           const char         *value)
{
  switch (row->spec->widget)
    {
    case DESK_ARRESTEE_WIDGET_TIME:
      desk_time_row_set_value (DESK_TIME_ROW (row->row), value);
      break;

    case DESK_ARRESTEE_WIDGET_ENTRY:
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row->row)), value ? value : "") != 0)
        gtk_editable_set_text (GTK_EDITABLE (row->row), value ? value : "");
      break;

    case DESK_ARRESTEE_WIDGET_CHOICE:
    case DESK_ARRESTEE_WIDGET_STATION:
      select_value (row, value);
      break;

    case DESK_ARRESTEE_WIDGET_SWITCH:
      gtk_switch_set_active (GTK_SWITCH (row->control), g_strcmp0 (value, "1") == 0);
      break;

    case DESK_ARRESTEE_WIDGET_SOLICITOR:
      if (value == NULL)
        adw_combo_row_set_selected (ADW_COMBO_ROW (row->row), DESK_SOLICITOR_UNKNOWN);
      else if (strcmp (value, DESK_ARRESTEE_DUTY_SOLICITOR) == 0)
        adw_combo_row_set_selected (ADW_COMBO_ROW (row->row), DESK_SOLICITOR_DUTY);
      else
        adw_combo_row_set_selected (ADW_COMBO_ROW (row->row), DESK_SOLICITOR_NAMED);
      gtk_editable_set_text (GTK_EDITABLE (row->control),
                             value != NULL && strcmp (value, DESK_ARRESTEE_DUTY_SOLICITOR) != 0 ? value : "");
      break;

    case DESK_ARRESTEE_WIDGET_FLAG:
      gtk_switch_set_active (GTK_SWITCH (row->control),
                             desk_arrestee_has_flag (value, row->spec->flag));
      break;

    case DESK_ARRESTEE_WIDGET_TEXT:
      {
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->control));
        g_autofree char *text = NULL;
        GtkTextIter start, end;

        gtk_text_buffer_get_bounds (buffer, &start, &end);
        text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
        if (g_strcmp0 (text, value ? value : "") != 0)
          gtk_text_buffer_set_text (buffer, value ? value : "", -1);
        break;
      }

    default:
      g_assert_not_reached ();
    }
}

static void
fill_row (DeskArresteeEditor *self,
          DeskFieldRow       *row)
{
  GHashTable *drafts = _desk_arrestee_editor_drafts (self, FALSE);
  const char *draft = drafts != NULL ? g_hash_table_lookup (drafts, row->spec->field) : NULL;

  put_value (self, row, _desk_arrestee_editor_record_value (self, row->spec->field));
  if (draft != NULL && row->spec->widget == DESK_ARRESTEE_WIDGET_TIME)
    {
      char *iso = NULL;

      /* The unreadable time typed before, flagged again. */
      gtk_editable_set_text (GTK_EDITABLE (row->row), draft);
      desk_time_row_read (DESK_TIME_ROW (row->row), &iso);
      g_free (iso);
    }
}

static gboolean
row_has_focus (DeskFieldRow *row)
{
  GtkWidget *widget = row->control != NULL ? row->control : row->row;

  return gtk_widget_has_focus (row->row) ||
         gtk_widget_get_focus_child (row->row) != NULL ||
         gtk_widget_has_focus (widget) ||
         gtk_widget_get_focus_child (widget) != NULL;
}

/* Rows the BOV is typing in, or whose words are not written yet, keep
 * what they show; the rest follow the store. */
/* "Named solicitor" chosen, the name not typed yet: nothing to store. */
gboolean
_desk_field_row_awaits_name (DeskFieldRow *row)
{
  return row->spec->widget == DESK_ARRESTEE_WIDGET_SOLICITOR &&
         adw_combo_row_get_selected (ADW_COMBO_ROW (row->row)) == DESK_SOLICITOR_NAMED &&
         gtk_editable_get_text (GTK_EDITABLE (row->control))[0] == '\0';
}

static gboolean
row_is_busy (DeskArresteeEditor *self,
             DeskFieldRow       *row)
{
  GHashTable *drafts = _desk_arrestee_editor_drafts (self, FALSE);

  return row->check_id != 0 ||
         _desk_field_row_awaits_name (row) ||
         row->error != NULL ||
         desk_field_saver_is_busy (self->saver, row->spec->field) ||
         (drafts != NULL && g_hash_table_contains (drafts, row->spec->field)) ||
         (row->spec->widget != DESK_ARRESTEE_WIDGET_CHOICE &&
          row->spec->widget != DESK_ARRESTEE_WIDGET_SWITCH &&
          row->spec->widget != DESK_ARRESTEE_WIDGET_FLAG &&
          row->spec->widget != DESK_ARRESTEE_WIDGET_STATION &&
          row_has_focus (row));
}

/* Values whose save failed after their record was left: back into their
 * rows, flagged, so the next flush tries them again. */
static void
restore_unsaved (DeskArresteeEditor *self)
{
  GHashTable *unsaved = self->record_id != NULL ? g_hash_table_lookup (self->unsaved, self->record_id) : NULL;
  GHashTableIter iter;
  gpointer field, value;

  if (unsaved == NULL)
    return;
  g_hash_table_iter_init (&iter, unsaved);
  while (g_hash_table_iter_next (&iter, &field, &value))
    {
      DeskFieldRow *row = _desk_arrestee_editor_find_row (self, field);

      /* Switches and the solicitor are worked out again from the rows. */
      if (row == NULL || !row->writable ||
          row->spec->widget == DESK_ARRESTEE_WIDGET_SWITCH ||
          row->spec->widget == DESK_ARRESTEE_WIDGET_FLAG ||
          row->spec->widget == DESK_ARRESTEE_WIDGET_SOLICITOR)
        continue;
      put_value (self, row, value);
      _desk_arrestee_editor_show_save_error (self, field, _("the last save failed; it is tried again when you leave the field"));
    }
  g_hash_table_remove (self->unsaved, self->record_id);
}

void
_desk_arrestee_editor_fill (DeskArresteeEditor *self,
                            gboolean            everything)
{
  self->filling = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    {
      DeskFieldRow *row = g_ptr_array_index (self->rows, i);

      /* Never put what a role may not see into a widget. */
      if (!row->readable)
        continue;
      if (everything)
        {
          g_clear_pointer (&row->error, g_free);
          _desk_arrestee_editor_show_save_error (self, row->spec->field, NULL);
        }
      else if (row_is_busy (self, row))
        continue;
      fill_row (self, row);
    }
  if (everything)
    restore_unsaved (self);
  _desk_arrestee_editor_update_visibility (self);
  self->filling = FALSE;
}

void
_desk_arrestee_editor_set_stations (DeskArresteeEditor *self,
                                    GPtrArray          *stations)
{
  DeskFieldRow *row = _desk_arrestee_editor_find_row (self, "station_id");
  g_autofree char *current = NULL;
  gboolean was_filling = self->filling;

  if (row == NULL)
    return;

  self->filling = TRUE;
  _desk_arrestee_editor_read_row (self, row, &current);
  gtk_string_list_splice (row->labels, 0, g_list_model_get_n_items (G_LIST_MODEL (row->labels)), NULL);
  g_ptr_array_set_size (row->values, 0);
  gtk_string_list_append (row->labels, _("Not known"));
  g_ptr_array_add (row->values, g_strdup (""));
  for (guint i = 0; stations != NULL && i < stations->len; i++)
    {
      DeskRow *station = g_ptr_array_index (stations, i);

      gtk_string_list_append (row->labels, station->values[0] ? station->values[0] : _("Unnamed station"));
      g_ptr_array_add (row->values, g_strdup (station->id));
    }
  select_value (row, current ? current : _desk_arrestee_editor_record_value (self, "station_id"));
  self->filling = was_filling;
}

GHashTable *
_desk_arrestee_editor_current_values (DeskArresteeEditor *self)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer field, value;

  if (self->record != NULL)
    {
      g_hash_table_iter_init (&iter, self->record);
      while (g_hash_table_iter_next (&iter, &field, &value))
        g_hash_table_insert (values, g_strdup (field), g_strdup (value));
    }
  for (guint i = 0; i < self->rows->len; i++)
    {
      DeskFieldRow *row = g_ptr_array_index (self->rows, i);
      char *current = NULL;

      if (!row->readable || row->spec->widget == DESK_ARRESTEE_WIDGET_TEXT)
        continue;
      if (row->spec->widget == DESK_ARRESTEE_WIDGET_TIME)
        {
          g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

          /* Silently: the row flags its own text when typing stops. */
          if (!desk_time_text_parse (gtk_editable_get_text (GTK_EDITABLE (row->row)), now, tz, &current, NULL))
            continue;
        }
      else if (!_desk_arrestee_editor_read_row (self, row, &current))
        continue;
      g_hash_table_insert (values, g_strdup (row->spec->field), current);
    }
  return values;
}
