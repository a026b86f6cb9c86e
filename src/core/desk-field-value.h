#pragma once

#include "desk-schema.h"

G_BEGIN_DECLS

/* Checks @value against @field of @type: valid UTF-8, a parseable time or a
 * whole number where the field needs one. Times are brought to UTC "…Z" so
 * they sort as text: then *@normalized holds the value to store (free it),
 * else it is NULL and @value is stored as given. An empty time or number
 * means "cleared". FALSE with DESK_STORE_ERROR_INVALID saying what, where
 * and how to fix it. */
gboolean desk_field_value_check (const DeskRecordType  *type,
                                 const DeskField       *field,
                                 const char            *value,
                                 char                 **normalized,
                                 GError               **error);
/* The same check, with a message that never quotes @value: for the server,
 * whose replies and stored reasons must hold no personal data. */
gboolean desk_field_value_check_unquoted (const DeskRecordType  *type,
                                          const DeskField       *field,
                                          const char            *value,
                                          char                 **normalized,
                                          GError               **error);

G_END_DECLS
