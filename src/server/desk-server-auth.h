#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Passwords (argon2id, OWASP's t=2, m=19 MiB, p=1) and bearer tokens
 * (32 random bytes sent as hex, kept only as a SHA-256 hash). */

#define DESK_SERVER_TOKEN_BYTES     32
#define DESK_SERVER_MIN_PASSWORD    8
#define DESK_SERVER_MAX_PASSWORD    1024

gboolean  desk_server_random_bytes    (guint8      *buffer,
                                       gsize        length,
                                       GError     **error);
/* The encoded argon2id hash ("$argon2id$v=19$…"). */
char     *desk_server_hash_password   (const char  *password,
                                       GError     **error);
gboolean  desk_server_verify_password (const char  *encoded,
                                       const char  *password);
/* A new token as 64 hex characters. */
char     *desk_server_new_token       (GError     **error);
/* What the storage keeps of a token. */
char     *desk_server_hash_token      (const char  *token);

G_END_DECLS
