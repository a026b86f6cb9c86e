#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Which of an arrestee's fields the editor shows, where, and how: the
 * groups of the record, each field's title and, for fields with a fixed set
 * of values, what is stored and what is shown. */

typedef enum
{
  DESK_ARRESTEE_GROUP_STATUS,
  DESK_ARRESTEE_GROUP_IDENTITY,
  DESK_ARRESTEE_GROUP_ARREST,
  DESK_ARRESTEE_GROUP_CUSTODY,
  DESK_ARRESTEE_GROUP_WELFARE,
  DESK_ARRESTEE_GROUP_RELEASE,
  DESK_ARRESTEE_GROUP_SUPPORT,
  DESK_ARRESTEE_GROUP_NOTES,
  DESK_ARRESTEE_N_GROUPS,
} DeskArresteeGroup;

typedef enum
{
  DESK_ARRESTEE_WIDGET_ENTRY,
  DESK_ARRESTEE_WIDGET_TIME,
  DESK_ARRESTEE_WIDGET_CHOICE,    /* a fixed set of values */
  DESK_ARRESTEE_WIDGET_STATION,   /* the action's stations by name, stored as an id */
  DESK_ARRESTEE_WIDGET_SWITCH,    /* "1" / "0" */
  DESK_ARRESTEE_WIDGET_SOLICITOR, /* duty or a named solicitor */
  DESK_ARRESTEE_WIDGET_FLAG,      /* one word of the comma-separated flags */
  DESK_ARRESTEE_WIDGET_TEXT,      /* several lines */
} DeskArresteeWidget;

typedef struct
{
  const char *value;  /* stored; "" for none */
  const char *label;  /* untranslated (N_) */
} DeskArresteeChoice;

typedef struct
{
  const char               *field;
  DeskArresteeGroup         group;
  DeskArresteeWidget        widget;
  const char               *title;     /* untranslated (N_) */
  const char               *subtitle;  /* untranslated (N_), or NULL */
  const DeskArresteeChoice *choices;   /* ends with a NULL value */
  const char               *flag;      /* for DESK_ARRESTEE_WIDGET_FLAG */
} DeskArresteeFieldSpec;

#define DESK_ARRESTEE_DUTY_SOLICITOR "Duty solicitor"
#define DESK_ARRESTEE_MINOR_BAND     "under 18"

const DeskArresteeFieldSpec *desk_arrestee_fields       (guint       *n_fields);
/* Translated title of @field ("Legal name"), or @field itself. */
const char                  *desk_arrestee_field_title  (const char  *field);
/* Translated label of a stored @value of @field ("In custody"), or @value. */
const char                  *desk_arrestee_value_label  (const char  *field,
                                                         const char  *value);
/* Is "word" one of the comma-separated @flags? */
gboolean                     desk_arrestee_has_flag     (const char  *flags,
                                                         const char  *word);

G_END_DECLS
