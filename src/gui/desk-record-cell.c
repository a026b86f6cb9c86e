#define G_LOG_DOMAIN "desk-record-cell"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-record-cell.h"

struct _DeskRecordCell
{
  GtkWidget       parent_instance;

  GtkWidget      *label;

  DeskRecordItem *item;
  char           *column;
  DeskFieldKind   kind;
  GHashTable     *names;
  gboolean        coded;
};

G_DEFINE_FINAL_TYPE (DeskRecordCell, desk_record_cell, GTK_TYPE_WIDGET)

/* Coded values as a volunteer says them. */
static const struct
{
  const char *column;
  const char *value;
  const char *label;
} value_labels[] = {
  { "status", "arrested", N_("Arrested") },
  { "status", "in_custody", N_("In custody") },
  { "status", "held_for_court", N_("Held for court") },
  { "status", "released", N_("Released") },
  { "caller_type", "arrestee", N_("Arrestee") },
  { "caller_type", "friend_family", N_("Friend or family") },
  { "caller_type", "legal_observer", N_("Legal observer") },
  { "caller_type", "police", N_("Police") },
  { "caller_type", "pss", N_("Station supporter") },
  { "caller_type", "other", N_("Other") },
  { "kind", "on_shift", N_("On shift") },
  { "kind", "off_shift", N_("Off shift") },
};

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Times are stored in UTC; a BOV reads them in local time. Within the last
 * week the weekday is enough, older ones get the date. */
static char *
format_time (const char *iso,
             char      **tooltip)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = NULL;
  GTimeSpan age;

  utc = g_date_time_new_from_iso8601 (iso, NULL);
  if (utc == NULL)
    {
      *tooltip = NULL;
      return g_strdup (iso);
    }

  local = g_date_time_to_local (utc);
  now = g_date_time_new_now_local ();
  age = g_date_time_difference (now, local);

  /* Translators: full date and time in a tooltip, see g_date_time_format().
   * xgettext:no-c-format */
  *tooltip = g_date_time_format (local, _("%A %-d %B %Y, %H:%M"));

  if (age > -6 * G_TIME_SPAN_DAY && age < 6 * G_TIME_SPAN_DAY)
    /* Translators: a recent time in a table, see g_date_time_format().
     * xgettext:no-c-format */
    return g_date_time_format (local, _("%a %H:%M"));

  /* Translators: an older time in a table, see g_date_time_format().
   * xgettext:no-c-format */
  return g_date_time_format (local, _("%-d %b %Y %H:%M"));
}

/* A code nobody listed yet still reads as words: "held_for_court" → "Held for court". */
static char *
format_code (const char *column,
             const char *value)
{
  g_autofree char *words = NULL;
  g_autofree char *first = NULL;
  const char *rest;

  for (guint i = 0; i < G_N_ELEMENTS (value_labels); i++)
    if (g_str_equal (value_labels[i].column, column) && g_str_equal (value_labels[i].value, value))
      return g_strdup (_(value_labels[i].label));

  if (strchr (value, ' ') != NULL || strchr (value, '_') == NULL)
    return g_strdup (value);

  words = g_strdelimit (g_strdup (value), "_", ' ');
  rest = g_utf8_next_char (words);
  first = g_utf8_strup (words, rest - words);

  return g_strconcat (first, rest, NULL);
}

static gboolean
is_coded_column (const char *column)
{
  for (guint i = 0; i < G_N_ELEMENTS (value_labels); i++)
    if (g_str_equal (value_labels[i].column, column))
      return TRUE;

  return FALSE;
}

static void
update_label (DeskRecordCell *self)
{
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  const char *value = NULL;

  if (self->item != NULL)
    value = desk_record_item_get (self->item, self->column);

  if (value == NULL || value[0] == '\0')
    text = NULL;
  else if (self->kind == DESK_FIELD_TIME)
    text = format_time (value, &tooltip);
  else if (self->kind == DESK_FIELD_REFERENCE && self->names != NULL)
    {
      const char *name = g_hash_table_lookup (self->names, value);

      text = g_strdup (name != NULL ? name : _("Unknown"));
    }
  else if (self->coded)
    text = format_code (self->column, value);
  else
    text = g_strdup (value);

  /* Long free text (a call summary) is cut in the table: show it whole on hover. */
  if (tooltip == NULL && self->kind == DESK_FIELD_TEXT && text != NULL && g_utf8_strlen (text, -1) > 40)
    tooltip = g_strdup (text);

  gtk_label_set_text (GTK_LABEL (self->label), text != NULL ? text : "");
  gtk_widget_set_tooltip_text (self->label, tooltip);
}

static void
desk_record_cell_dispose (GObject *object)
{
  DeskRecordCell *self = DESK_RECORD_CELL (object);

  g_clear_pointer (&self->label, gtk_widget_unparent);
  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item, update_label, self);
  g_clear_object (&self->item);
  g_clear_pointer (&self->names, g_hash_table_unref);

  G_OBJECT_CLASS (desk_record_cell_parent_class)->dispose (object);
}

static void
desk_record_cell_finalize (GObject *object)
{
  DeskRecordCell *self = DESK_RECORD_CELL (object);

  g_free (self->column);

  G_OBJECT_CLASS (desk_record_cell_parent_class)->finalize (object);
}

static void
desk_record_cell_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DeskRecordCell *self = DESK_RECORD_CELL (object);

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
desk_record_cell_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DeskRecordCell *self = DESK_RECORD_CELL (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      desk_record_cell_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_record_cell_class_init (DeskRecordCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_record_cell_dispose;
  object_class->finalize = desk_record_cell_finalize;
  object_class->get_property = desk_record_cell_get_property;
  object_class->set_property = desk_record_cell_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         DESK_TYPE_RECORD_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "deskrecordcell");
}

static void
desk_record_cell_init (DeskRecordCell *self)
{
  self->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (self->label), TRUE);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
}

GtkWidget *
desk_record_cell_new (const char    *column,
                      DeskFieldKind  kind,
                      GHashTable    *names)
{
  DeskRecordCell *self;

  g_return_val_if_fail (column != NULL, NULL);

  self = g_object_new (DESK_TYPE_RECORD_CELL, NULL);
  self->column = g_strdup (column);
  self->kind = kind;
  self->names = names != NULL ? g_hash_table_ref (names) : NULL;
  self->coded = kind == DESK_FIELD_TEXT && is_coded_column (column);

  if (kind == DESK_FIELD_TIME || kind == DESK_FIELD_INTEGER)
    gtk_widget_add_css_class (self->label, "numeric");

  return GTK_WIDGET (self);
}

DeskRecordItem *
desk_record_cell_get_item (DeskRecordCell *self)
{
  g_return_val_if_fail (DESK_IS_RECORD_CELL (self), NULL);

  return self->item;
}

void
desk_record_cell_set_item (DeskRecordCell *self,
                           DeskRecordItem *item)
{
  g_return_if_fail (DESK_IS_RECORD_CELL (self));
  g_return_if_fail (item == NULL || DESK_IS_RECORD_ITEM (item));

  if (self->item == item)
    return;

  /* A list item may come before its row was read: it fills itself later. */
  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item, update_label, self);
  g_set_object (&self->item, item);
  if (item != NULL)
    g_signal_connect_object (item, "changed", G_CALLBACK (update_label), self, G_CONNECT_SWAPPED);

  update_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}
