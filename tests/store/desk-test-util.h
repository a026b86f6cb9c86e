#pragma once

#include "desk-key.h"
#include "desk-store.h"

G_BEGIN_DECLS

/* A fresh temporary folder (G_TEST_OPTION_ISOLATE_DIRS keeps it per test). */
char      *desk_test_tmp_path     (const char *name);
/* A new store with a new raw key, in the test's temporary folder. */
DeskStore *desk_test_new_store    (const char *name,
                                   DeskKey   **key_out);
/* Does the file hold @needle anywhere (as raw bytes)? */
gboolean   desk_test_file_contains (const char *path,
                                    const char *needle);
/* SHA-256 of the file's bytes, or "missing". */
char      *desk_test_file_digest  (const char *path);
/* Create an arrestee through the one write path; returns its id. */
char      *desk_test_add_arrestee (DeskStore  *store,
                                   const char *legal_name);
/* Update one field through the one write path, asserting it worked. */
void       desk_test_set_field    (DeskStore  *store,
                                   const char *table,
                                   const char *id,
                                   const char *field,
                                   const char *value);
/* One field of a record (which must exist), newly allocated. */
char      *desk_test_get_field    (DeskStore  *store,
                                   const char *table,
                                   const char *id,
                                   const char *field);
/* Spin the default main context until *flag is TRUE (or 10 s pass). */
void       desk_test_wait_for     (gboolean   *flag);

G_END_DECLS
