#define G_LOG_DOMAIN "desk-arrestee-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-arrestee-cell.h"
#include "desk-custody.h"

struct _DeskArresteeCell
{
  GtkWidget           parent_instance;

  GtkWidget          *child;       /* the label, or the box of flag icons */
  GtkWidget          *label;
  GtkWidget          *flags[3];    /* FLAGS: one image a flag, made when first needed */

  DeskRecordItem     *item;
  DeskArresteeColumn  column;
  GHashTable         *names;
  GHashTable         *reasons;
  gint64              now;
};

G_DEFINE_FINAL_TYPE (DeskArresteeCell, desk_arrestee_cell, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const fields[] = {
  "legal_name", "preferred_name", "status", "station_id", "flags",
  "arrival_time", "checkin_time", "extension_until", "warrant_until",
  "release_time", "outcome", "arrival_estimated", NULL
};

static const struct
{
  const char *value;
  const char *label;
} statuses[] = {
  { "arrested", N_("Arrested") },
  { "in_custody", N_("In custody") },
  { "held_for_court", N_("Held for court") },
  { "released", N_("Released") },
};

/* In the order of self->flags. The icon says it at a glance, the tooltip
 * and the accessible label in words. */
static const struct
{
  const char *flag;
  const char *icon_name;
  const char *label;
} flag_icons[] = {
  { "welfare", "emblem-important-symbolic", N_("Welfare concern") },
  { "minor", "avatar-default-symbolic", N_("Under 18") },
  { "press", "camera-photo-symbolic", N_("Press-sensitive") },
};

static const char *
get (DeskArresteeCell *self,
     const char       *field)
{
  const char *value = self->item != NULL ? desk_record_item_get (self->item, field) : NULL;

  return value != NULL && value[0] != '\0' ? value : NULL;
}

static gboolean
has_flag (const char *flags,
          const char *flag)
{
  g_auto(GStrv) parts = NULL;

  if (flags == NULL)
    return FALSE;

  parts = g_strsplit (flags, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (g_strstrip (parts[i]), flag))
      return TRUE;
  return FALSE;
}

static gboolean
compute_clock (DeskArresteeCell  *self,
               DeskCustodyClock  *clock,
               GError           **error)
{
  DeskCustodyInput input = { 0, };

  input.arrival_time = get (self, "arrival_time");
  input.checkin_time = get (self, "checkin_time");
  input.extension_until = get (self, "extension_until");
  input.warrant_until = get (self, "warrant_until");
  input.release_time = get (self, "release_time");
  input.outcome = get (self, "outcome");
  input.status = get (self, "status");
  input.arrival_estimated = get (self, "arrival_estimated");

  return desk_custody_compute (&input, self->now != 0 ? self->now : g_get_real_time (), clock, error);
}

static gboolean
clock_has_limit (const DeskCustodyClock *clock)
{
  return clock->limit != 0 &&
         (clock->state == DESK_CUSTODY_RUNNING || clock->state == DESK_CUSTODY_EXTENDED ||
          clock->state == DESK_CUSTODY_WARRANT);
}

static void
show_time_left (DeskArresteeCell *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *limit = NULL;
  DeskCustodyClock clock = { 0, };

  gtk_widget_remove_css_class (self->label, "warning");
  gtk_widget_remove_css_class (self->label, "error");

  if (!compute_clock (self, &clock, &error))
    {
      /* The record itself says what is wrong; its values stay out of here. */
      gtk_label_set_text (GTK_LABEL (self->label), _("Check times"));
      gtk_widget_add_css_class (self->label, "error");
      gtk_widget_set_tooltip_text (self->label, error->message);
      return;
    }

  text = desk_custody_format_time_left (&clock);
  if (clock_has_limit (&clock))
    {
      if (clock.time_left < 0)
        gtk_widget_add_css_class (self->label, "error");
      else if (clock.time_left < DESK_CUSTODY_WARN_BEFORE)
        gtk_widget_add_css_class (self->label, "warning");

      limit = desk_custody_format_local_time (clock.limit, NULL);
      tooltip = clock.estimated
        /* Translators: %s is a date and time. */
        ? g_strdup_printf (_("Custody limit %s (estimated: arrival time unknown)"), limit)
        /* Translators: %s is a date and time. */
        : g_strdup_printf (_("Custody limit %s"), limit);
    }

  gtk_label_set_text (GTK_LABEL (self->label), text);
  gtk_widget_set_tooltip_text (self->label, tooltip);
}

static void
show_time_in_custody (DeskArresteeCell *self)
{
  g_autofree char *text = NULL;
  DeskCustodyClock clock = { 0, };

  if (compute_clock (self, &clock, NULL))
    text = desk_custody_format_time_in_custody (&clock);

  gtk_label_set_text (GTK_LABEL (self->label), text);
}

/* One label, the preferred name and the search's reason dimmed after the
 * legal name: a table row holds a few hundred cells, each widget counts. */
static void
show_name (DeskArresteeCell *self)
{
  const char *legal = get (self, "legal_name");
  const char *preferred = get (self, "preferred_name");
  const char *reason = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *markup = NULL;

  if (self->reasons != NULL && self->item != NULL)
    reason = g_hash_table_lookup (self->reasons, desk_record_item_get_id (self->item));

  if (preferred != NULL && reason != NULL)
    /* Translators: a preferred name, then why a search found the person. */
    detail = g_strdup_printf (_("“%s” · %s"), preferred, reason);
  else if (preferred != NULL)
    detail = g_strdup_printf ("“%s”", preferred);
  else
    detail = g_strdup (reason);

  if (detail == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->label), legal);
      return;
    }
  markup = g_markup_printf_escaped ("%s  <span alpha=\"55%%\">%s</span>", legal != NULL ? legal : "", detail);
  gtk_label_set_markup (GTK_LABEL (self->label), markup);
}

static void
show_status (DeskArresteeCell *self)
{
  const char *status = get (self, "status");
  const char *text = status;

  for (guint i = 0; status != NULL && i < G_N_ELEMENTS (statuses); i++)
    if (g_str_equal (statuses[i].value, status))
      text = _(statuses[i].label);

  gtk_label_set_text (GTK_LABEL (self->label), text);
}

static void
show_station (DeskArresteeCell *self)
{
  const char *station = get (self, "station_id");
  const char *name = NULL;

  if (station != NULL)
    {
      name = self->names != NULL ? g_hash_table_lookup (self->names, station) : NULL;
      if (name == NULL)
        name = _("Unknown");
    }
  gtk_label_set_text (GTK_LABEL (self->label), name);
}

static GtkWidget *
previous_flag (DeskArresteeCell *self,
               guint             i)
{
  while (i-- > 0)
    if (self->flags[i] != NULL)
      return self->flags[i];
  return NULL;
}

static void
show_flags (DeskArresteeCell *self)
{
  const char *flags = get (self, "flags");

  for (guint i = 0; i < G_N_ELEMENTS (flag_icons); i++)
    {
      gboolean on = has_flag (flags, flag_icons[i].flag);

      if (on && self->flags[i] == NULL)
        {
          self->flags[i] = gtk_image_new_from_icon_name (flag_icons[i].icon_name);
          gtk_widget_set_tooltip_text (self->flags[i], _(flag_icons[i].label));
          gtk_accessible_update_property (GTK_ACCESSIBLE (self->flags[i]),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, _(flag_icons[i].label),
                                          -1);
          gtk_widget_add_css_class (self->flags[i], flag_icons[i].flag);
          /* In the order of flag_icons, whichever was made first. */
          gtk_box_insert_child_after (GTK_BOX (self->child), self->flags[i], previous_flag (self, i));
        }
      if (self->flags[i] != NULL)
        gtk_widget_set_visible (self->flags[i], on);
    }
}

static void
build (DeskArresteeCell *self)
{
  if (self->column == DESK_ARRESTEE_COLUMN_FLAGS)
    {
      self->child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_set_parent (self->child, GTK_WIDGET (self));
      return;
    }

  self->child = self->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (self->label), TRUE);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));

  if (self->column == DESK_ARRESTEE_COLUMN_IN_CUSTODY || self->column == DESK_ARRESTEE_COLUMN_TIME_LEFT)
    gtk_widget_add_css_class (self->label, "numeric");
}

static void
desk_arrestee_cell_dispose (GObject *object)
{
  DeskArresteeCell *self = DESK_ARRESTEE_CELL (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);
  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item, desk_arrestee_cell_update, self);
  g_clear_object (&self->item);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->reasons, g_hash_table_unref);

  G_OBJECT_CLASS (desk_arrestee_cell_parent_class)->dispose (object);
}

static void
desk_arrestee_cell_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DeskArresteeCell *self = DESK_ARRESTEE_CELL (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_arrestee_cell_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DeskArresteeCell *self = DESK_ARRESTEE_CELL (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      desk_arrestee_cell_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_arrestee_cell_class_init (DeskArresteeCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_arrestee_cell_dispose;
  object_class->get_property = desk_arrestee_cell_get_property;
  object_class->set_property = desk_arrestee_cell_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         DESK_TYPE_RECORD_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "deskarresteecell");
}

static void
desk_arrestee_cell_init (DeskArresteeCell *self)
{
}

const char *const *
desk_arrestee_cell_fields (void)
{
  return fields;
}

GtkWidget *
desk_arrestee_cell_new (DeskArresteeColumn  column,
                        GHashTable         *names,
                        GHashTable         *reasons)
{
  DeskArresteeCell *self;

  self = g_object_new (DESK_TYPE_ARRESTEE_CELL, NULL);
  self->column = column;
  self->names = names != NULL ? g_hash_table_ref (names) : NULL;
  self->reasons = reasons != NULL ? g_hash_table_ref (reasons) : NULL;
  build (self);

  return GTK_WIDGET (self);
}

DeskRecordItem *
desk_arrestee_cell_get_item (DeskArresteeCell *self)
{
  g_return_val_if_fail (DESK_IS_ARRESTEE_CELL (self), NULL);

  return self->item;
}

void
desk_arrestee_cell_set_item (DeskArresteeCell *self,
                             DeskRecordItem   *item)
{
  g_return_if_fail (DESK_IS_ARRESTEE_CELL (self));
  g_return_if_fail (item == NULL || DESK_IS_RECORD_ITEM (item));

  if (self->item == item)
    return;

  /* A row may come before its values were read: it fills itself later. */
  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item, desk_arrestee_cell_update, self);
  g_set_object (&self->item, item);
  if (item != NULL)
    g_signal_connect_object (item, "changed", G_CALLBACK (desk_arrestee_cell_update), self,
                             G_CONNECT_SWAPPED);

  desk_arrestee_cell_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

void
desk_arrestee_cell_set_now (DeskArresteeCell *self,
                            gint64            now)
{
  g_return_if_fail (DESK_IS_ARRESTEE_CELL (self));

  self->now = now;
  if (self->column == DESK_ARRESTEE_COLUMN_IN_CUSTODY || self->column == DESK_ARRESTEE_COLUMN_TIME_LEFT)
    desk_arrestee_cell_update (self);
}

void
desk_arrestee_cell_update (DeskArresteeCell *self)
{
  g_return_if_fail (DESK_IS_ARRESTEE_CELL (self));

  /* Not read yet: an empty row, filled in a moment. */
  if (self->item == NULL || !desk_record_item_get_loaded (self->item))
    {
      if (self->label != NULL)
        gtk_label_set_text (GTK_LABEL (self->label), NULL);
      for (guint i = 0; i < G_N_ELEMENTS (self->flags); i++)
        if (self->flags[i] != NULL)
          gtk_widget_set_visible (self->flags[i], FALSE);
      return;
    }

  switch (self->column)
    {
    case DESK_ARRESTEE_COLUMN_NAME:
      show_name (self);
      break;
    case DESK_ARRESTEE_COLUMN_STATUS:
      show_status (self);
      break;
    case DESK_ARRESTEE_COLUMN_STATION:
      show_station (self);
      break;
    case DESK_ARRESTEE_COLUMN_IN_CUSTODY:
      show_time_in_custody (self);
      break;
    case DESK_ARRESTEE_COLUMN_TIME_LEFT:
      show_time_left (self);
      break;
    case DESK_ARRESTEE_COLUMN_FLAGS:
      show_flags (self);
      break;
    default:
      g_assert_not_reached ();
    }
}
