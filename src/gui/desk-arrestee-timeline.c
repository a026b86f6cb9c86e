#define G_LOG_DOMAIN "desk-arrestee-timeline"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-arrestee-fields.h"
#include "desk-arrestee-timeline.h"
#include "desk-custody.h"
#include "desk-query.h"

struct _DeskArresteeTimeline
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *group;
  GPtrArray           *rows;   /* the group's rows, to take out on refresh */
};

G_DEFINE_FINAL_TYPE (DeskArresteeTimeline, desk_arrestee_timeline, ADW_TYPE_BIN)

/* One change: the entries one author made at one moment. */
typedef struct
{
  guint first;
  guint last;   /* inclusive */
} Change;

static gboolean
same_change (DeskHistoryEntry *a,
             DeskHistoryEntry *b)
{
  return g_strcmp0 (a->at, b->at) == 0 &&
         g_strcmp0 (a->author, b->author) == 0 &&
         g_strcmp0 (a->record_id, b->record_id) == 0;
}

static char *
when_and_who (DeskHistoryEntry *entry,
              gboolean          merged)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) at = entry->at != NULL ? g_date_time_new_from_iso8601 (entry->at, utc) : NULL;
  g_autofree char *when = NULL;
  const char *who = entry->author != NULL && entry->author[0] != '\0' ? entry->author : _("someone");

  if (at != NULL)
    when = desk_custody_format_local_time (g_date_time_to_unix (at) * G_USEC_PER_SEC, NULL);
  if (merged)
    /* Translators: who changed a record merged into this one, and when */
    return g_strdup_printf (_("%s · %s · on a record merged into this one"), who, when ? when : "");
  /* Translators: who made a change, and when */
  return g_strdup_printf (_("%s · %s"), who, when ? when : "");
}

static void
add_row (DeskArresteeTimeline *self,
         const char           *title,
         const char           *subtitle,
         gboolean              status)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  if (status)
    {
      GtkWidget *dot = gtk_label_new ("●");

      gtk_widget_add_css_class (dot, "accent");
      gtk_accessible_update_property (GTK_ACCESSIBLE (dot),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Status change"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), dot);
      gtk_widget_add_css_class (row, "desk-timeline-status");
    }
  adw_preferences_group_add (self->group, row);
  g_ptr_array_add (self->rows, row);
}

static gboolean
readable (const DeskRole *role,
          const char     *field)
{
  return role == NULL || desk_role_can_read (*role, "arrestee", field);
}

static void
add_change (DeskArresteeTimeline *self,
            GPtrArray            *history,
            const Change         *change,
            gboolean              oldest,
            const char           *record_id,
            const DeskRole       *role)
{
  DeskHistoryEntry *head = g_ptr_array_index (history, change->first);
  g_autoptr(GString) fields = g_string_new (NULL);
  g_autofree char *subtitle = NULL;
  const char *status = NULL;
  gboolean created = oldest;
  gboolean status_changed = FALSE;

  for (guint i = change->first; i <= change->last; i++)
    {
      DeskHistoryEntry *entry = g_ptr_array_index (history, i);

      if (entry->old_value != NULL)
        created = FALSE;
      if (g_strcmp0 (entry->field, "status") == 0)
        {
          status = entry->new_value;
          status_changed = TRUE;
          continue;
        }
      if (entry->field == NULL || !readable (role, entry->field) ||
          g_strcmp0 (entry->field, "deleted") == 0)
        continue;
      if (fields->len > 0)
        g_string_append (fields, _(", "));
      g_string_append (fields, desk_arrestee_field_title (entry->field));
    }

  subtitle = when_and_who (head, g_strcmp0 (head->record_id, record_id) != 0);
  if (status_changed)
    {
      g_autofree char *title = NULL;

      if (created)
        /* Translators: a new record and its first status */
        title = g_strdup_printf (_("Recorded: %s"), desk_arrestee_value_label ("status", status));
      else if (status != NULL)
        /* Translators: the status a record was changed to */
        title = g_strdup_printf (_("Now %s"), desk_arrestee_value_label ("status", status));
      else
        title = g_strdup (_("Status cleared"));
      add_row (self, title, subtitle, TRUE);
    }
  else if (created)
    add_row (self, _("Recorded"), subtitle, FALSE);
  if (fields->len > 0 && !created)
    {
      /* Translators: %s lists the fields of a record that were changed */
      g_autofree char *title = g_strdup_printf (_("Changed %s"), fields->str);

      add_row (self, title, subtitle, FALSE);
    }
}

static void
desk_arrestee_timeline_dispose (GObject *object)
{
  DeskArresteeTimeline *self = DESK_ARRESTEE_TIMELINE (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (desk_arrestee_timeline_parent_class)->dispose (object);
}

static void
desk_arrestee_timeline_class_init (DeskArresteeTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_arrestee_timeline_dispose;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
desk_arrestee_timeline_init (DeskArresteeTimeline *self)
{
  self->rows = g_ptr_array_new ();
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Timeline"));
  adw_preferences_group_set_description (self->group, _("Every change to this record, newest first"));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->group));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline"), -1);
}

GtkWidget *
desk_arrestee_timeline_new (void)
{
  return g_object_new (DESK_TYPE_ARRESTEE_TIMELINE, NULL);
}

void
desk_arrestee_timeline_set_history (DeskArresteeTimeline *self,
                                    GPtrArray            *history,
                                    const char           *record_id,
                                    const DeskRole       *role)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));

  g_return_if_fail (DESK_IS_ARRESTEE_TIMELINE (self));

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; history != NULL && i < history->len; i++)
    {
      Change *last = changes->len > 0 ? &g_array_index (changes, Change, changes->len - 1) : NULL;

      if (last != NULL && same_change (g_ptr_array_index (history, last->last), g_ptr_array_index (history, i)))
        last->last = i;
      else
        {
          Change change = { i, i };

          g_array_append_val (changes, change);
        }
    }

  for (guint n = 0; n < changes->len; n++)
    {
      guint i = changes->len - 1 - n;

      if (self->rows->len >= DESK_ARRESTEE_TIMELINE_MAX_ROWS)
        {
          /* Translators: %u older changes of the record are not listed */
          g_autofree char *more = g_strdup_printf (ngettext ("%u earlier change not shown",
                                                             "%u earlier changes not shown", i + 1), i + 1);

          add_row (self, more, NULL, FALSE);
          break;
        }
      add_change (self, history, &g_array_index (changes, Change, i), i == 0, record_id, role);
    }

  if (self->rows->len == 0)
    add_row (self, _("No changes recorded yet"), NULL, FALSE);
}
