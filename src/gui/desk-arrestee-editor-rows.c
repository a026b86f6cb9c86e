#define G_LOG_DOMAIN "desk-arrestee-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-arrestee-editor-private.h"
#include "desk-time-row.h"

/* The form's rows: made from the field table, and what they do when typed
 * into, left or committed. */

/* Times that lie ahead when they are typed: no Now button. */
static const char *const future_times[] = { "extension_until", "warrant_until", "court_date", NULL };

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

static void
edited (DeskFieldRow *row)
{
  DeskArresteeEditor *self = row_editor (row->row);

  if (self == NULL || self->filling || self->saver == NULL || self->record_id == NULL)
    return;
  _desk_arrestee_editor_field_edited (self, row->spec->field);
  _desk_arrestee_editor_update_visibility (self);
}

gboolean
_desk_arrestee_editor_queue_field (DeskArresteeEditor *self,
                                   const char         *field)
{
  DeskFieldRow *row = _desk_arrestee_editor_find_row (self, field);
  g_autofree char *value = NULL;
  GHashTable *drafts;

  if (row == NULL || !row->writable || _desk_field_row_awaits_name (row))
    return TRUE;
  drafts = _desk_arrestee_editor_drafts (self, FALSE);
  if (!_desk_arrestee_editor_read_row (self, row, &value))
    {
      drafts = _desk_arrestee_editor_drafts (self, TRUE);
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
