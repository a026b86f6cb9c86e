#define G_LOG_DOMAIN "desk-arrestee-clock"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-arrestee-clock.h"
#include "desk-custody.h"

#define TICK_SECONDS 30

struct _DeskArresteeClock
{
  GObject       parent_instance;

  AdwActionRow *in_custody_row;
  AdwActionRow *left_row;
  AdwActionRow *review_row;
  GtkLabel     *in_custody_label;
  GtkLabel     *left_label;
  GtkLabel     *review_label;
  char        **values;       /* one per desk_custody_fields() entry */
  guint         tick_id;
  gboolean      visible;
};

G_DEFINE_FINAL_TYPE (DeskArresteeClock, desk_arrestee_clock, G_TYPE_OBJECT)

static AdwActionRow *
add_row (AdwPreferencesGroup  *group,
         const char           *title,
         const char           *name,
         GtkLabel            **label)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (row, name);
  *label = GTK_LABEL (gtk_label_new ("—"));
  gtk_widget_add_css_class (GTK_WIDGET (*label), "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (*label));
  adw_preferences_group_add (group, row);
  return ADW_ACTION_ROW (row);
}

static void
set_row (AdwActionRow *row,
         GtkLabel     *label,
         const char   *value,
         const char   *subtitle)
{
  gtk_label_set_text (label, value);
  adw_action_row_set_subtitle (row, subtitle);
}

static void
show_clock (DeskArresteeClock *self)
{
  DeskCustodyInput input = { 0 };
  DeskCustodyClock clock = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *in_custody = NULL;
  g_autofree char *left = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *review = NULL;
  g_autofree char *since = NULL;
  g_autofree char *until = NULL;
  g_autofree char *started = NULL;

  if (self->values == NULL)
    return;

  desk_custody_input_from_values (self->values, &input);
  if (!desk_custody_compute (&input, g_get_real_time (), &clock, &error))
    {
      set_row (self->in_custody_row, self->in_custody_label, "—", NULL);
      set_row (self->left_row, self->left_label, "—", error->message);
      set_row (self->review_row, self->review_label, "—", NULL);
      gtk_widget_add_css_class (GTK_WIDGET (self->left_row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->left_row), "error");

  in_custody = desk_custody_format_time_in_custody (&clock);
  started = desk_custody_format_local_time (clock.relevant_time, NULL);
  if (clock.relevant_time == 0)
    since = g_strdup (_("Starts at arrival at the station, or at check-in"));
  else if (clock.estimated && input.arrival_time != NULL && input.arrival_time[0] != '\0')
    /* Translators: %s is a local time like "Sun 25 Oct, 11:00 GMT" */
    since = g_strdup_printf (_("Estimated: arrival about %s"), started);
  else if (clock.estimated)
    /* Translators: %s is a local time like "Sun 25 Oct, 11:00 GMT" */
    since = g_strdup_printf (_("Estimated: from check-in at %s, arrival not known"), started);
  else
    /* Translators: %s is a local time like "Sun 25 Oct, 11:00 GMT" */
    since = g_strdup_printf (_("Since %s"), started);
  set_row (self->in_custody_row, self->in_custody_label, in_custody, since);

  left = desk_custody_format_time_left (&clock);
  limit = desk_custody_format_local_time (clock.limit, NULL);
  switch (clock.state)
    {
    case DESK_CUSTODY_HELD_FOR_COURT:
      until = g_strdup (_("Held for court: no custody limit"));
      break;
    case DESK_CUSTODY_RELEASED:
      until = g_strdup (_("Released"));
      break;
    case DESK_CUSTODY_EXTENDED:
      /* Translators: %s is a local time */
      until = g_strdup_printf (_("Extended by a superintendent until %s"), limit);
      break;
    case DESK_CUSTODY_WARRANT:
      /* Translators: %s is a local time */
      until = g_strdup_printf (_("Warrant of further detention until %s"), limit);
      break;
    case DESK_CUSTODY_RUNNING:
      /* Translators: %s is a local time */
      until = g_strdup_printf (_("24 hours end at %s"), limit);
      break;
    case DESK_CUSTODY_NOT_STARTED:
    default:
      break;
    }
  set_row (self->left_row, self->left_label, left, until);
  if (clock.limit != 0 && clock.time_left <= DESK_CUSTODY_WARN_BEFORE)
    gtk_widget_add_css_class (GTK_WIDGET (self->left_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->left_label), "error");

  review = desk_custody_format_local_time (clock.next_review, NULL);
  set_row (self->review_row, self->review_label, review != NULL ? review : "—", NULL);
}

static gboolean
on_tick_cb (gpointer user_data)
{
  show_clock (DESK_ARRESTEE_CLOCK (user_data));
  return G_SOURCE_CONTINUE;
}

static void
update_tick (DeskArresteeClock *self)
{
  gboolean running = self->values != NULL && self->visible;

  if (running && self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (TICK_SECONDS, on_tick_cb, self);
  else if (!running)
    g_clear_handle_id (&self->tick_id, g_source_remove);
}

static void
desk_arrestee_clock_dispose (GObject *object)
{
  DeskArresteeClock *self = DESK_ARRESTEE_CLOCK (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);

  G_OBJECT_CLASS (desk_arrestee_clock_parent_class)->dispose (object);
}

static void
desk_arrestee_clock_finalize (GObject *object)
{
  DeskArresteeClock *self = DESK_ARRESTEE_CLOCK (object);

  g_strfreev (self->values);

  G_OBJECT_CLASS (desk_arrestee_clock_parent_class)->finalize (object);
}

static void
desk_arrestee_clock_class_init (DeskArresteeClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = desk_arrestee_clock_dispose;
  object_class->finalize = desk_arrestee_clock_finalize;
}

static void
desk_arrestee_clock_init (DeskArresteeClock *self)
{
  self->visible = TRUE;
}

DeskArresteeClock *
desk_arrestee_clock_new (AdwPreferencesGroup *group)
{
  DeskArresteeClock *self;

  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);

  self = g_object_new (DESK_TYPE_ARRESTEE_CLOCK, NULL);
  self->in_custody_row = add_row (group, _("Time in custody"), "clock-in-custody", &self->in_custody_label);
  self->left_row = add_row (group, _("Time left"), "clock-left", &self->left_label);
  self->review_row = add_row (group, _("Next review"), "clock-review", &self->review_label);
  return self;
}

void
desk_arrestee_clock_set_values (DeskArresteeClock *self,
                                GHashTable        *values)
{
  const char *const *fields = desk_custody_fields ();

  g_return_if_fail (DESK_IS_ARRESTEE_CLOCK (self));

  g_clear_pointer (&self->values, g_strfreev);
  if (values != NULL)
    {
      guint n = g_strv_length ((char **) fields);

      self->values = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        {
          const char *value = g_hash_table_lookup (values, fields[i]);

          /* NULL entries must not end the vector early: "" for none. */
          self->values[i] = g_strdup (value != NULL ? value : "");
        }
      show_clock (self);
    }
  update_tick (self);
}

void
desk_arrestee_clock_set_visible (DeskArresteeClock *self,
                                 gboolean           visible)
{
  g_return_if_fail (DESK_IS_ARRESTEE_CLOCK (self));

  self->visible = visible;
  gtk_widget_set_visible (GTK_WIDGET (self->in_custody_row), visible);
  gtk_widget_set_visible (GTK_WIDGET (self->left_row), visible);
  gtk_widget_set_visible (GTK_WIDGET (self->review_row), visible);
  update_tick (self);
  if (visible)
    show_clock (self);
}
