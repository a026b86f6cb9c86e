#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Test hook (tests/ui): ARRESTDESK_TEST_STATUS_FILE names a file that holds
 * the visible page and how many records it shows, written whenever either
 * settles, so a test can check what real input did. */

/* The file to write, or NULL when the variable is not set. */
char *desk_status_file_dup_path (void);
/* Writes "<@name> <records shown>" to @path, once @page, the visible
 * record page, is done loading, and on a second line what the page's
 * "test-status" says, when it has one. */
void  desk_status_file_write    (const char *path,
                                 const char *name,
                                 GtkWidget  *page);

G_END_DECLS
