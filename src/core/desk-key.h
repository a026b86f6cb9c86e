#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A database key: either 32 raw bytes (handed to SQLCipher as x'…', no KDF)
 * or a passphrase (the fallback when there is no Secret Service). The memory
 * is wiped when freed. */
typedef struct _DeskKey DeskKey;

#define DESK_KEY_RAW_LENGTH 32

DeskKey    *desk_key_new_random      (void);
DeskKey    *desk_key_new_from_hex    (const char  *hex,
                                      GError     **error);
DeskKey    *desk_key_new_from_file   (const char  *path,
                                      GError     **error);
DeskKey    *desk_key_new_passphrase  (const char  *passphrase);
DeskKey    *desk_key_copy            (const DeskKey *key);
gboolean    desk_key_is_passphrase   (const DeskKey *key);
/* 64 lowercase hex characters; only for raw keys. Free with desk_secure_free. */
char       *desk_key_to_hex          (const DeskKey *key);
/* The value for PRAGMA key, already quoted for SQL. Free with desk_secure_free. */
char       *desk_key_to_pragma_value (const DeskKey *key);
void        desk_key_free            (DeskKey     *key);

void        desk_secure_free         (char        *secret);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskKey, desk_key_free)

G_END_DECLS
