#pragma once

#include "desk-server-storage.h"

G_BEGIN_DECLS

#define DESK_TYPE_SERVER_STORAGE_SQLITE (desk_server_storage_sqlite_get_type ())
G_DECLARE_FINAL_TYPE (DeskServerStorageSqlite, desk_server_storage_sqlite, DESK, SERVER_STORAGE_SQLITE, GObject)

/* The embedded default: everything in @data_dir/server.db, an encrypted
 * DeskStore keyed from @data_dir/server.key (made, mode 0600, on first use;
 * never remade while the database exists). */
DeskServerStorage *desk_server_storage_sqlite_open (const char  *data_dir,
                                                    GError     **error);

G_END_DECLS
