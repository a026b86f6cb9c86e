#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Shared by the tests that start the real arrestdesk-server (tests/server
 * and tests/sync). */

/* A self-signed certificate and key for localhost and 127.0.0.1 in @dir:
 * @name-cert.pem and @name-key.pem (absolute when @dir is). */
void make_certificate (const char  *dir,
                       const char  *name,
                       char       **cert_path,
                       char       **key_path);
/* Removes @path and everything below it, never following a link. */
void remove_tree      (const char  *path);

G_END_DECLS
