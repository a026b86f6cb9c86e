#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* JSON written straight into text, for the large documents (outbox
 * payloads, pull replies) where a json-glib node tree per value cost more
 * than the database work. */

/* @text (UTF-8) as a JSON string, or null for NULL. */
void desk_json_append_string (GString    *out,
                              const char *text);

G_END_DECLS
