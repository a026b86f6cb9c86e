#define G_LOG_DOMAIN "desk-arrestee-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-arrestee-editor.h"

/* A first, empty editor so the Arrestees page can hold it; the record's
 * form and timeline come with the editor's own work. */

struct _DeskArresteeEditor
{
  AdwBin     parent_instance;

  DeskStore *store;
  char      *record_id;
  DeskRole   role;
  gboolean   has_role;
};

G_DEFINE_FINAL_TYPE (DeskArresteeEditor, desk_arrestee_editor, ADW_TYPE_BIN)

static void
desk_arrestee_editor_dispose (GObject *object)
{
  DeskArresteeEditor *self = DESK_ARRESTEE_EDITOR (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (desk_arrestee_editor_parent_class)->dispose (object);
}

static void
desk_arrestee_editor_finalize (GObject *object)
{
  DeskArresteeEditor *self = DESK_ARRESTEE_EDITOR (object);

  g_free (self->record_id);

  G_OBJECT_CLASS (desk_arrestee_editor_parent_class)->finalize (object);
}

static void
desk_arrestee_editor_class_init (DeskArresteeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = desk_arrestee_editor_dispose;
  object_class->finalize = desk_arrestee_editor_finalize;
}

static void
desk_arrestee_editor_init (DeskArresteeEditor *self)
{
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Arrestee Selected"));
  adw_bin_set_child (ADW_BIN (self), status);
}

GtkWidget *
desk_arrestee_editor_new (void)
{
  return g_object_new (DESK_TYPE_ARRESTEE_EDITOR, NULL);
}

void
desk_arrestee_editor_set_store (DeskArresteeEditor *self,
                                DeskStore          *store)
{
  g_return_if_fail (DESK_IS_ARRESTEE_EDITOR (self));
  g_return_if_fail (store == NULL || DESK_IS_STORE (store));

  g_set_object (&self->store, store);
}

void
desk_arrestee_editor_set_record (DeskArresteeEditor *self,
                                 const char         *record_id)
{
  g_return_if_fail (DESK_IS_ARRESTEE_EDITOR (self));

  g_free (self->record_id);
  self->record_id = g_strdup (record_id);
}

const char *
desk_arrestee_editor_get_record (DeskArresteeEditor *self)
{
  g_return_val_if_fail (DESK_IS_ARRESTEE_EDITOR (self), NULL);

  return self->record_id;
}

void
desk_arrestee_editor_set_role (DeskArresteeEditor *self,
                               const DeskRole     *role)
{
  g_return_if_fail (DESK_IS_ARRESTEE_EDITOR (self));

  self->has_role = role != NULL;
  if (role != NULL)
    self->role = *role;
}
