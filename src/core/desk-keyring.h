#pragma once

#include <gio/gio.h>

#include "desk-key.h"

G_BEGIN_DECLS

/* Keys kept in the Secret Service (libsecret), one per database path. */

/* Returns the key, or NULL. NULL without @error set means the keyring
 * answered but holds no key (or its collection is locked). */
DeskKey  *desk_keyring_lookup (const char    *database_path,
                               GCancellable  *cancellable,
                               GError       **error);
gboolean  desk_keyring_store  (const char    *database_path,
                               const DeskKey *key,
                               GCancellable  *cancellable,
                               GError       **error);
gboolean  desk_keyring_clear  (const char    *database_path,
                               GCancellable  *cancellable,
                               GError       **error);

G_END_DECLS
