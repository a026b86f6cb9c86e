#pragma once

#include "desk-sync-protocol.h"

G_BEGIN_DECLS

/* For the protocol's own files: strict reading of JSON members
 * (desk-sync-json.c). Each fails with DESK_SYNC_ERROR_MALFORMED and a
 * message naming the member and @what holds it ("a mutation"). */

/* Sets DESK_SYNC_ERROR_MALFORMED; always FALSE. */
gboolean    desk_sync_malformed         (GError     **error,
                                         const char  *format,
                                         ...) G_GNUC_PRINTF (2, 3);
/* Every member must be one we know: a typo is an error, not silence. */
gboolean    desk_sync_json_only_members (JsonObject         *object,
                                         const char         *what,
                                         const char *const  *allowed,
                                         GError            **error);
/* A string member; NULL allowed only when @nullable. */
gboolean    desk_sync_json_get_string   (JsonObject   *object,
                                         const char   *what,
                                         const char   *name,
                                         gboolean      required,
                                         gboolean      nullable,
                                         char        **out,
                                         GError      **error);
/* A whole number member of at least @min; *@out untouched when absent. */
gboolean    desk_sync_json_get_int      (JsonObject  *object,
                                         const char  *what,
                                         const char  *name,
                                         gboolean     required,
                                         gint64       min,
                                         gint64      *out,
                                         GError     **error);
/* @hlc, when not NULL, must be a clock stamp. */
gboolean    desk_sync_json_check_hlc    (const char  *hlc,
                                         const char  *what,
                                         GError     **error);
/* The one JSON object @body holds, owned by @parser; NULL for a body too
 * large, nested too deep, or anything but one object. */
JsonObject *desk_sync_json_parse_object (const char  *body,
                                         gsize        length,
                                         JsonParser  *parser,
                                         GError     **error);

G_END_DECLS
