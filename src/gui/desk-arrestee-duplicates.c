#define G_LOG_DOMAIN "desk-arrestee-duplicates"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-arrestee-duplicates.h"
#include "desk-name-search.h"

struct _DeskArresteeDuplicates
{
  AdwBin       parent_instance;

  GtkRevealer *revealer;
  GtkBox      *list;
  GPtrArray   *lines;      /* the list's children, to take out on refresh */
  guint        n_shown;
  gboolean     can_merge;
};

G_DEFINE_FINAL_TYPE (DeskArresteeDuplicates, desk_arrestee_duplicates, ADW_TYPE_BIN)

enum {
  OPEN,
  MERGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_open_clicked_cb (GtkButton              *button,
                    DeskArresteeDuplicates *self)
{
  g_signal_emit (self, signals[OPEN], 0, g_object_get_data (G_OBJECT (button), "desk-id"));
}

static void
on_merge_clicked_cb (GtkButton              *button,
                     DeskArresteeDuplicates *self)
{
  g_signal_emit (self, signals[MERGE], 0,
                 g_object_get_data (G_OBJECT (button), "desk-id"),
                 g_object_get_data (G_OBJECT (button), "desk-name"));
}

static void
on_dismiss_clicked_cb (DeskArresteeDuplicates *self)
{
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

/* Takes @description. */
static GtkWidget *
new_button (DeskArresteeDuplicates *self,
            const char             *label,
            char                   *description,
            const DeskNameMatch    *match,
            GCallback               callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  g_object_set_data_full (G_OBJECT (button), "desk-id", g_strdup (match->id), g_free);
  g_object_set_data_full (G_OBJECT (button), "desk-name", g_strdup (match->name), g_free);
  g_signal_connect_object (button, "clicked", callback, self, 0);
  g_free (description);
  return button;
}

static GtkWidget *
new_line (DeskArresteeDuplicates *self,
          const DeskNameMatch    *match)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (match->name);
  GtkWidget *reason = gtk_label_new (desk_name_match_reason_describe (match->reason));
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *merge;

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_widget_add_css_class (reason, "caption");
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), reason);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (line), texts);
  gtk_box_append (GTK_BOX (line),
                  new_button (self, _("_Open"),
                              /* Translators: for screen readers; %s is a name */
                              g_strdup_printf (_("Open the record of %s"), match->name),
                              match, G_CALLBACK (on_open_clicked_cb)));
  merge = new_button (self, _("_Merge…"),
                      /* Translators: for screen readers; %s is a name */
                      g_strdup_printf (_("Merge this record with the record of %s"), match->name),
                      match, G_CALLBACK (on_merge_clicked_cb));
  gtk_widget_set_visible (merge, self->can_merge);
  gtk_widget_set_name (merge, "merge");
  gtk_box_append (GTK_BOX (line), merge);
  return line;
}

static void
desk_arrestee_duplicates_dispose (GObject *object)
{
  DeskArresteeDuplicates *self = DESK_ARRESTEE_DUPLICATES (object);

  g_clear_pointer (&self->lines, g_ptr_array_unref);

  G_OBJECT_CLASS (desk_arrestee_duplicates_parent_class)->dispose (object);
}

static void
desk_arrestee_duplicates_class_init (DeskArresteeDuplicatesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = desk_arrestee_duplicates_dispose;

  /**
   * DeskArresteeDuplicates::open:
   * @id: the other record
   */
  signals[OPEN] = g_signal_new ("open",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL,
                                G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * DeskArresteeDuplicates::merge:
   * @id: the other record
   * @name: its name, for the question which one survives
   */
  signals[MERGE] = g_signal_new ("merge",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
desk_arrestee_duplicates_init (DeskArresteeDuplicates *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (_("Possibly the same person"));
  GtkWidget *dismiss = gtk_button_new_from_icon_name ("window-close-symbolic");

  self->lines = g_ptr_array_new ();
  self->can_merge = TRUE;
  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (self->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "desk-duplicates");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "title-4");
  gtk_widget_add_css_class (dismiss, "flat");
  gtk_widget_add_css_class (dismiss, "circular");
  gtk_widget_set_tooltip_text (dismiss, _("Not the same person: hide this"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dismiss),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Hide the possible duplicates"), -1);
  g_signal_connect_object (dismiss, "clicked", G_CALLBACK (on_dismiss_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), dismiss);
  gtk_box_append (GTK_BOX (box), header);

  self->list = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->list));
  gtk_revealer_set_child (self->revealer, box);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->revealer));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Possibly the same person"), -1);
}

GtkWidget *
desk_arrestee_duplicates_new (void)
{
  return g_object_new (DESK_TYPE_ARRESTEE_DUPLICATES, NULL);
}

void
desk_arrestee_duplicates_set_matches (DeskArresteeDuplicates *self,
                                      GPtrArray              *matches)
{
  g_return_if_fail (DESK_IS_ARRESTEE_DUPLICATES (self));

  for (guint i = 0; i < self->lines->len; i++)
    gtk_box_remove (self->list, g_ptr_array_index (self->lines, i));
  g_ptr_array_set_size (self->lines, 0);

  self->n_shown = 0;
  for (guint i = 0; matches != NULL && i < matches->len && i < DESK_ARRESTEE_DUPLICATES_SHOWN; i++)
    {
      GtkWidget *line = new_line (self, g_ptr_array_index (matches, i));

      gtk_box_append (self->list, line);
      g_ptr_array_add (self->lines, line);
      self->n_shown++;
    }
  gtk_revealer_set_reveal_child (self->revealer, self->n_shown > 0);
}

guint
desk_arrestee_duplicates_get_n_shown (DeskArresteeDuplicates *self)
{
  g_return_val_if_fail (DESK_IS_ARRESTEE_DUPLICATES (self), 0);

  return gtk_revealer_get_reveal_child (self->revealer) ? self->n_shown : 0;
}

void
desk_arrestee_duplicates_set_can_merge (DeskArresteeDuplicates *self,
                                        gboolean                can_merge)
{
  g_return_if_fail (DESK_IS_ARRESTEE_DUPLICATES (self));

  self->can_merge = can_merge;
  for (guint i = 0; i < self->lines->len; i++)
    for (GtkWidget *child = gtk_widget_get_first_child (g_ptr_array_index (self->lines, i));
         child != NULL; child = gtk_widget_get_next_sibling (child))
      if (g_strcmp0 (gtk_widget_get_name (child), "merge") == 0)
        gtk_widget_set_visible (child, can_merge);
}
