#define G_LOG_DOMAIN "desk-arrestee-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-arrestee-editor-private.h"
#include "desk-query.h"
#include "desk-time-row.h"
#include "desk-time-text.h"

/* The form's rows: made from the field table, filled from the store, read
 * back when typed into. */

enum {
  SOLICITOR_UNKNOWN,
  SOLICITOR_DUTY,
  SOLICITOR_NAMED,
};

/* Times that lie ahead when they are typed: no Now button. */
static const char *const future_times[] = { "extension_until", "warrant_until", "court_date", NULL };

/* Flags the editor works out from the form; any others are kept. */
static const char *const computed_flags[] = { "minor", "welfare", "vulnerable", "press", NULL };

void
_desk_field_row_free (DeskFieldRow *row)
{
  g_clear_handle_id (&row->check_id, g_source_remove);
  g_clear_object (&row->labels);
  g_clear_pointer (&row->values, g_ptr_array_unref);
  g_free (row->error);
  g_free (row);
}

DeskFieldRow *
_desk_arrestee_editor_find_row (DeskArresteeEditor *self,
                                const char         *field)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      DeskFieldRow *row = g_ptr_array_index (self->rows, i);

      if (strcmp (row->spec->field, field) == 0)
        return row;
    }
  return NULL;
}

static DeskArresteeEditor *
row_editor (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "desk-arrestee-editor");
}

static const char *
record_value (DeskArresteeEditor *self,
              const char         *field)
{
  const char *value = self->record != NULL ? g_hash_table_lookup (self->record, field) : NULL;

  return value != NULL && value[0] != '\0' ? value : NULL;
}

static GHashTable *
record_drafts (DeskArresteeEditor *self,
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
static gboolean
is_minor (DeskArresteeEditor *self)
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
static gboolean
read_row (DeskArresteeEditor *self,
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
      if (selected == SOLICITOR_DUTY)
        *value = g_strdup (DESK_ARRESTEE_DUTY_SOLICITOR);
      else if (selected == SOLICITOR_NAMED && text[0] != '\0')
        *value = g_strdup (text);
      return TRUE;

    case DESK_ARRESTEE_WIDGET_FLAG:
      {
        g_autoptr(GStrvBuilder) words = g_strv_builder_new ();
        g_auto(GStrv) stored = g_strsplit (record_value (self, "flags") ? record_value (self, "flags") : "", ",", -1);
        g_auto(GStrv) list = NULL;
        DeskFieldRow *age = _desk_arrestee_editor_find_row (self, "age_band");
        gboolean welfare = FALSE, welfare_known = TRUE;

        for (guint i = 0; stored[i] != NULL; i++)
          {
            char *word = g_strstrip (stored[i]);

            if (word[0] != '\0' && !g_strv_contains (computed_flags, word))
              g_strv_builder_add (words, word);
          }
        if (age != NULL && age->readable ? is_minor (self)
                                         : desk_arrestee_has_flag (record_value (self, "flags"), "minor"))
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
        if (welfare_known ? welfare : desk_arrestee_has_flag (record_value (self, "flags"), "welfare"))
          g_strv_builder_add (words, "welfare");
        for (guint i = 0; i < self->rows->len; i++)
          {
            DeskFieldRow *other = g_ptr_array_index (self->rows, i);
            gboolean on;

            if (other->spec->widget != DESK_ARRESTEE_WIDGET_FLAG)
              continue;
            on = other->writable ? gtk_switch_get_active (GTK_SWITCH (other->control))
                                 : desk_arrestee_has_flag (record_value (self, "flags"), other->spec->flag);
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

static void
fill_row (DeskArresteeEditor *self,
          DeskFieldRow       *row)
{
  const char *value = record_value (self, row->spec->field);
  GHashTable *drafts = record_drafts (self, FALSE);
  const char *draft = drafts != NULL ? g_hash_table_lookup (drafts, row->spec->field) : NULL;

  switch (row->spec->widget)
    {
    case DESK_ARRESTEE_WIDGET_TIME:
      desk_time_row_set_value (DESK_TIME_ROW (row->row), value);
      if (draft != NULL)
        {
          char *iso = NULL;

          gtk_editable_set_text (GTK_EDITABLE (row->row), draft);
          desk_time_row_read (DESK_TIME_ROW (row->row), &iso);
          g_free (iso);
        }
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
        adw_combo_row_set_selected (ADW_COMBO_ROW (row->row), SOLICITOR_UNKNOWN);
      else if (strcmp (value, DESK_ARRESTEE_DUTY_SOLICITOR) == 0)
        adw_combo_row_set_selected (ADW_COMBO_ROW (row->row), SOLICITOR_DUTY);
      else
        adw_combo_row_set_selected (ADW_COMBO_ROW (row->row), SOLICITOR_NAMED);
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
static gboolean
awaits_solicitor_name (DeskFieldRow *row)
{
  return row->spec->widget == DESK_ARRESTEE_WIDGET_SOLICITOR &&
         adw_combo_row_get_selected (ADW_COMBO_ROW (row->row)) == SOLICITOR_NAMED &&
         gtk_editable_get_text (GTK_EDITABLE (row->control))[0] == '\0';
}

static gboolean
row_is_busy (DeskArresteeEditor *self,
             DeskFieldRow       *row)
{
  GHashTable *drafts = record_drafts (self, FALSE);

  return row->check_id != 0 ||
         awaits_solicitor_name (row) ||
         row->error != NULL ||
         desk_field_saver_is_busy (self->saver, row->spec->field) ||
         (drafts != NULL && g_hash_table_contains (drafts, row->spec->field)) ||
         (row->spec->widget != DESK_ARRESTEE_WIDGET_CHOICE &&
          row->spec->widget != DESK_ARRESTEE_WIDGET_SWITCH &&
          row->spec->widget != DESK_ARRESTEE_WIDGET_FLAG &&
          row->spec->widget != DESK_ARRESTEE_WIDGET_STATION &&
          row_has_focus (row));
}

/* Which rows the record needs: an appropriate adult for under-18s and
 * vulnerable adults, bail conditions with bail, a court with a charge. */
static void
update_visibility (DeskArresteeEditor *self)
{
  DeskFieldRow *row;
  g_autofree char *outcome = NULL;
  g_autofree char *status = NULL;
  gboolean minor = is_minor (self), vulnerable = FALSE, court;

  for (guint i = 0; i < self->rows->len; i++)
    {
      row = g_ptr_array_index (self->rows, i);
      if (row->spec->widget == DESK_ARRESTEE_WIDGET_FLAG && g_strcmp0 (row->spec->flag, "vulnerable") == 0)
        vulnerable = gtk_switch_get_active (GTK_SWITCH (row->control));
    }
  if ((row = _desk_arrestee_editor_find_row (self, "outcome")) != NULL && row->readable)
    read_row (self, row, &outcome);
  if ((row = _desk_arrestee_editor_find_row (self, "status")) != NULL && row->readable)
    read_row (self, row, &status);
  court = g_strcmp0 (outcome, "charged") == 0 || g_strcmp0 (outcome, "held_for_court") == 0 ||
          g_strcmp0 (status, "held_for_court") == 0;

  for (guint i = 0; i < self->rows->len; i++)
    {
      const char *field;
      gboolean needed = TRUE;
      gboolean has_value;

      row = g_ptr_array_index (self->rows, i);
      field = row->spec->field;
      has_value = record_value (self, field) != NULL ||
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
                                adw_combo_row_get_selected (ADW_COMBO_ROW (row->row)) == SOLICITOR_NAMED);
    }
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

      if (row == NULL || !row->writable)
        continue;
      switch (row->spec->widget)
        {
        case DESK_ARRESTEE_WIDGET_ENTRY:
          gtk_editable_set_text (GTK_EDITABLE (row->row), value);
          break;
        case DESK_ARRESTEE_WIDGET_TIME:
          desk_time_row_set_value (DESK_TIME_ROW (row->row), value);
          break;
        case DESK_ARRESTEE_WIDGET_TEXT:
          gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->control)), value, -1);
          break;
        case DESK_ARRESTEE_WIDGET_CHOICE:
        case DESK_ARRESTEE_WIDGET_STATION:
          select_value (row, value);
          break;
        case DESK_ARRESTEE_WIDGET_SWITCH:
        case DESK_ARRESTEE_WIDGET_FLAG:
        case DESK_ARRESTEE_WIDGET_SOLICITOR:
        default:
          /* Recomputed from the rows on the next edit. */
          continue;
        }
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
  update_visibility (self);
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
  read_row (self, row, &current);
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
  select_value (row, current ? current : record_value (self, "station_id"));
  self->filling = was_filling;
}

static void
edited (DeskFieldRow *row)
{
  DeskArresteeEditor *self = row_editor (row->row);

  if (self == NULL || self->filling || self->saver == NULL || self->record_id == NULL)
    return;
  _desk_arrestee_editor_field_edited (self, row->spec->field);
  update_visibility (self);
}

gboolean
_desk_arrestee_editor_queue_field (DeskArresteeEditor *self,
                                   const char         *field)
{
  DeskFieldRow *row = _desk_arrestee_editor_find_row (self, field);
  g_autofree char *value = NULL;
  GHashTable *drafts;

  if (row == NULL || !row->writable || awaits_solicitor_name (row))
    return TRUE;
  drafts = record_drafts (self, FALSE);
  if (!read_row (self, row, &value))
    {
      drafts = record_drafts (self, TRUE);
      g_hash_table_insert (drafts, g_strdup (field),
                           g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->row))));
      return FALSE;
    }
  if (drafts != NULL)
    g_hash_table_remove (drafts, field);
  desk_field_saver_queue (self->saver, field, value);
  return TRUE;
}

static gboolean
on_time_check_cb (gpointer user_data)
{
  DeskFieldRow *row = user_data;
  DeskArresteeEditor *self = row_editor (row->row);

  row->check_id = 0;
  if (self != NULL && self->saver != NULL)
    _desk_arrestee_editor_queue_field (self, row->spec->field);
  return G_SOURCE_REMOVE;
}

static void
on_time_changed_cb (GtkEditable  *editable,
                    DeskFieldRow *row)
{
  DeskArresteeEditor *self = row_editor (row->row);

  if (self == NULL || self->filling || self->saver == NULL || self->record_id == NULL)
    return;
  g_clear_handle_id (&row->check_id, g_source_remove);
  row->check_id = g_timeout_add (DESK_FIELD_SAVER_DELAY_MS, on_time_check_cb, row);
}

static void
on_time_committed_cb (DeskTimeRow  *time_row,
                      DeskFieldRow *row)
{
  DeskArresteeEditor *self = row_editor (row->row);

  if (self == NULL || self->saver == NULL || self->record_id == NULL)
    return;
  g_clear_handle_id (&row->check_id, g_source_remove);
  _desk_arrestee_editor_queue_field (self, row->spec->field);
  desk_field_saver_flush (self->saver);
}

static void
on_entry_changed_cb (GtkEditable  *editable,
                     DeskFieldRow *row)
{
  edited (row);
}

static void
on_choice_changed_cb (GObject      *object,
                      GParamSpec   *pspec,
                      DeskFieldRow *row)
{
  DeskArresteeEditor *self = row_editor (row->row);

  edited (row);
  if (self != NULL && !self->filling && self->saver != NULL)
    desk_field_saver_flush (self->saver);
}

static void
on_text_changed_cb (GtkTextBuffer *buffer,
                    DeskFieldRow  *row)
{
  edited (row);
}

/* Leaving a row saves it at once, and says at once if a time is unreadable. */
static void
on_focus_left_cb (GtkEventControllerFocus *controller,
                  DeskFieldRow            *row)
{
  DeskArresteeEditor *self = row_editor (row->row);

  if (self == NULL || self->saver == NULL || self->record_id == NULL)
    return;
  /* A row whose save failed is tried again too. */
  if (row->check_id != 0 || row->error != NULL)
    {
      g_clear_handle_id (&row->check_id, g_source_remove);
      _desk_arrestee_editor_queue_field (self, row->spec->field);
    }
  desk_field_saver_flush (self->saver);
}

static void
watch_focus (DeskFieldRow *row,
             GtkWidget    *widget)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_left_cb), row);
  gtk_widget_add_controller (widget, focus);
}

static GtkWidget *
new_choice_row (DeskFieldRow *row,
                const char   *title)
{
  GtkWidget *combo = adw_combo_row_new ();

  row->labels = gtk_string_list_new (NULL);
  row->values = g_ptr_array_new_with_free_func (g_free);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (row->labels));
  return combo;
}

static GtkWidget *
new_switch_row (DeskFieldRow *row,
                const char   *title)
{
  GtkWidget *action_row = adw_action_row_new ();

  row->control = gtk_switch_new ();
  gtk_widget_set_valign (row->control, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), row->control);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (action_row), row->control);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->control),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_signal_connect (row->control, "notify::active", G_CALLBACK (on_choice_changed_cb), row);
  return action_row;
}

static DeskFieldRow *
build_row (DeskArresteeEditor          *self,
           const DeskArresteeFieldSpec *spec)
{
  DeskFieldRow *row = g_new0 (DeskFieldRow, 1);
  AdwPreferencesGroup *group = self->groups[spec->group];
  const char *title = _(spec->title);

  row->spec = spec;
  row->readable = row->writable = TRUE;
  switch (spec->widget)
    {
    case DESK_ARRESTEE_WIDGET_TIME:
      row->row = desk_time_row_new (title);
      desk_time_row_set_show_now (DESK_TIME_ROW (row->row), !g_strv_contains (future_times, spec->field));
      g_signal_connect (row->row, "changed", G_CALLBACK (on_time_changed_cb), row);
      g_signal_connect (row->row, "committed", G_CALLBACK (on_time_committed_cb), row);
      break;

    case DESK_ARRESTEE_WIDGET_ENTRY:
      row->row = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), title);
      g_signal_connect (row->row, "changed", G_CALLBACK (on_entry_changed_cb), row);
      break;

    case DESK_ARRESTEE_WIDGET_CHOICE:
      row->row = new_choice_row (row, title);
      for (const DeskArresteeChoice *c = spec->choices; c->value != NULL; c++)
        {
          gtk_string_list_append (row->labels, _(c->label));
          g_ptr_array_add (row->values, g_strdup (c->value));
        }
      g_signal_connect (row->row, "notify::selected", G_CALLBACK (on_choice_changed_cb), row);
      break;

    case DESK_ARRESTEE_WIDGET_STATION:
      row->row = new_choice_row (row, title);
      gtk_string_list_append (row->labels, _("Not known"));
      g_ptr_array_add (row->values, g_strdup (""));
      g_signal_connect (row->row, "notify::selected", G_CALLBACK (on_choice_changed_cb), row);
      break;

    case DESK_ARRESTEE_WIDGET_SWITCH:
    case DESK_ARRESTEE_WIDGET_FLAG:
      row->row = new_switch_row (row, title);
      break;

    case DESK_ARRESTEE_WIDGET_SOLICITOR:
      {
        const char *const kinds[] = { _("Not known"), _("Duty solicitor"), _("Named solicitor"), NULL };

        row->row = new_choice_row (row, title);
        gtk_string_list_splice (row->labels, 0, 0, kinds);
        g_signal_connect (row->row, "notify::selected", G_CALLBACK (on_choice_changed_cb), row);
        row->control = adw_entry_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->control), _("Solicitor’s name or firm"));
        g_object_set_data (G_OBJECT (row->control), "desk-arrestee-editor", self);
        g_signal_connect (row->control, "changed", G_CALLBACK (on_entry_changed_cb), row);
        break;
      }

    case DESK_ARRESTEE_WIDGET_TEXT:
      {
        GtkWidget *frame = gtk_frame_new (NULL);

        row->control = gtk_text_view_new ();
        gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (row->control), GTK_WRAP_WORD_CHAR);
        gtk_text_view_set_top_margin (GTK_TEXT_VIEW (row->control), 12);
        gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (row->control), 12);
        gtk_text_view_set_left_margin (GTK_TEXT_VIEW (row->control), 12);
        gtk_text_view_set_right_margin (GTK_TEXT_VIEW (row->control), 12);
        gtk_widget_set_size_request (row->control, -1, 120);
        gtk_widget_add_css_class (row->control, "desk-notes");
        gtk_accessible_update_property (GTK_ACCESSIBLE (row->control),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
        gtk_frame_set_child (GTK_FRAME (frame), row->control);
        row->row = frame;
        g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->control)), "changed",
                          G_CALLBACK (on_text_changed_cb), row);
        break;
      }

    default:
      g_assert_not_reached ();
    }

  if (spec->subtitle != NULL && ADW_IS_ACTION_ROW (row->row))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), _(spec->subtitle));
  g_object_set_data (G_OBJECT (row->row), "desk-arrestee-editor", self);
  g_object_set_data (G_OBJECT (row->row), "desk-field", (gpointer) spec->field);
  gtk_widget_set_name (row->row, spec->flag != NULL ? spec->flag : spec->field);
  watch_focus (row, row->row);
  adw_preferences_group_add (group, row->row);
  if (spec->widget == DESK_ARRESTEE_WIDGET_SOLICITOR)
    {
      watch_focus (row, row->control);
      adw_preferences_group_add (group, row->control);
    }
  return row;
}

void
_desk_arrestee_editor_build_rows (DeskArresteeEditor *self)
{
  const DeskArresteeFieldSpec *specs;
  guint n_specs;

  specs = desk_arrestee_fields (&n_specs);
  for (guint i = 0; i < n_specs; i++)
    {
      g_ptr_array_add (self->rows, build_row (self, &specs[i]));
      /* The clock goes right under the status. */
      if (strcmp (specs[i].field, "status") == 0)
        self->clock = desk_arrestee_clock_new (self->groups[DESK_ARRESTEE_GROUP_STATUS]);
    }
  g_assert (self->clock != NULL);
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
      else if (!read_row (self, row, &current))
        continue;
      g_hash_table_insert (values, g_strdup (row->spec->field), current);
    }
  return values;
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
  update_visibility (self);
}

void
_desk_arrestee_editor_commit_all (DeskArresteeEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      DeskFieldRow *row = g_ptr_array_index (self->rows, i);

      /* Words whose save failed are tried again too. */
      if (row->check_id != 0 || row->error != NULL)
        {
          g_clear_handle_id (&row->check_id, g_source_remove);
          _desk_arrestee_editor_queue_field (self, row->spec->field);
        }
    }
  desk_field_saver_flush (self->saver);
}
