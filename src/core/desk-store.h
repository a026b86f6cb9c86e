#pragma once

#include <gio/gio.h>

#include "desk-change.h"
#include "desk-key.h"

G_BEGIN_DECLS

#define DESK_STORE_ERROR (desk_store_error_quark ())

typedef enum
{
  DESK_STORE_ERROR_WRONG_KEY,      /* the key does not open this database */
  DESK_STORE_ERROR_NOT_ENCRYPTED,  /* SQLCipher is not active: refuse to write plaintext */
  DESK_STORE_ERROR_KEY_NOT_FOUND,  /* database exists, keyring has no key (locked?) */
  DESK_STORE_ERROR_NO_KEYRING,     /* no Secret Service: use a passphrase */
  DESK_STORE_ERROR_TOO_NEW,        /* made by a newer ArrestDesk */
  DESK_STORE_ERROR_INVALID,        /* unknown table or field, bad value */
  DESK_STORE_ERROR_NOT_FOUND,      /* no such record */
  DESK_STORE_ERROR_FAILED,         /* SQLite said no */
} DeskStoreError;

/* Test hook: make the write path fail after a given step. */
typedef enum
{
  DESK_STORE_FAULT_NONE,
  DESK_STORE_FAULT_AFTER_ROW,
  DESK_STORE_FAULT_AFTER_FIELD_META,
  DESK_STORE_FAULT_AFTER_HISTORY,
  DESK_STORE_FAULT_AFTER_OUTBOX,
} DeskStoreFault;

#define DESK_TYPE_STORE (desk_store_get_type ())
G_DECLARE_FINAL_TYPE (DeskStore, desk_store, DESK, STORE, GObject)

GQuark       desk_store_error_quark (void);

/* Opens (creating if needed) the encrypted database at @path with @key,
 * checks SQLCipher is active, migrates the schema. */
DeskStore   *desk_store_open        (const char    *path,
                                     const DeskKey *key,
                                     GError       **error);
/* The key policy of DESIGN.md "Store": find the key in the keyring, or make
 * and store one before creating a new database. Never makes a new key while
 * the database file exists. */
DeskStore   *desk_store_open_with_keyring (const char    *path,
                                           GCancellable  *cancellable,
                                           GError       **error);
void         desk_store_close       (DeskStore     *self);

const char  *desk_store_get_path    (DeskStore     *self);
const char  *desk_store_get_node_id (DeskStore     *self);
int          desk_store_get_schema_version (DeskStore *self);
/* SQLCipher version recorded on open. */
const char  *desk_store_get_cipher_version (DeskStore *self);

/* The author stamped on local changes (the volunteer's name, later the
 * account). Safe from any thread and never waits on database work. */
void         desk_store_set_author  (DeskStore     *self,
                                     const char    *author);
char        *desk_store_dup_author  (DeskStore     *self);

/* Every change goes through here: row, field_meta, history and, for local
 * changes, an outbox mutation, in one transaction. */
gboolean     desk_store_apply       (DeskStore     *self,
                                     DeskChange    *change,
                                     GError       **error);
/* Several changes in one transaction (imports, demo data): all or none. */
gboolean     desk_store_apply_all   (DeskStore     *self,
                                     GPtrArray     *changes,
                                     GError       **error);

void         desk_store_set_fault   (DeskStore     *self,
                                     DeskStoreFault fault);

/* Runs @func on the store's one database thread; the result comes back on
 * the caller's main context. */
typedef gpointer (*DeskStoreFunc) (DeskStore *store,
                                   gpointer   data,
                                   GError   **error);

/* @result_free frees a result nobody takes (the task was cancelled). */
void         desk_store_run_async   (DeskStore           *self,
                                     DeskStoreFunc        func,
                                     gpointer             data,
                                     GDestroyNotify       data_free,
                                     GDestroyNotify       result_free,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gpointer     desk_store_run_finish  (DeskStore           *self,
                                     GAsyncResult        *result,
                                     GError             **error);
/* desk_store_apply on the database thread; takes ownership of @change. */
void         desk_store_apply_async (DeskStore           *self,
                                     DeskChange          *change,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean     desk_store_apply_finish (DeskStore          *self,
                                      GAsyncResult       *result,
                                      GError            **error);

/* PRAGMA integrity_check; FALSE with the first problem in @error. */
gboolean     desk_store_check_integrity (DeskStore  *self,
                                         GError    **error);

/* Small settings kept inside the encrypted database. */
char        *desk_store_get_setting (DeskStore     *self,
                                     const char    *name);
gboolean     desk_store_set_setting (DeskStore     *self,
                                     const char    *name,
                                     const char    *value,
                                     GError       **error);

G_END_DECLS
