#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* DESIGN.md "Roles": three levels of access. The server enforces them on
 * push and pull; the client only hides. */
typedef enum
{
  DESK_ROLE_BOV,
  DESK_ROLE_PSSC,
  DESK_ROLE_COORDINATOR,
} DeskRole;

gboolean    desk_role_parse      (const char *text,
                                  DeskRole   *role);
const char *desk_role_to_string  (DeskRole    role);

/* May @role see @field of @table? (@field NULL: the record at all) */
gboolean    desk_role_can_read   (DeskRole    role,
                                  const char *table,
                                  const char *field);
/* May @role change @field of @table? (@field NULL: create or delete) */
gboolean    desk_role_can_write  (DeskRole    role,
                                  const char *table,
                                  const char *field);

G_END_DECLS
