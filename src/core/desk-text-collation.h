#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The collation lists sort words by (DESK_TEXT): case and accents fold
 * away ("Émile" beside "emma", "Órla" before "Zoe"), ties go by the bytes. */
#define DESK_TEXT_COLLATION "DESK_TEXT"

int  desk_text_compare             (const char *a,
                                    gssize      a_len,
                                    const char *b,
                                    gssize      b_len);
/* Registers DESK_TEXT on @db; every connection that writes an index using
 * it needs it. */
int  desk_text_collation_register  (sqlite3    *db);

G_END_DECLS
