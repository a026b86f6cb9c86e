#define G_LOG_DOMAIN "desk-sync-token"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "desk-key.h"
#include "desk-sync-token.h"

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    BASE_APP_ID ".SyncToken", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* The same file may be named by different relative paths. */
static char *
canonical_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return g_file_get_path (file);
}

static GHashTable *
attributes (const char *server_url,
            const char *database_path)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (table, (gpointer) "server", g_strdup (server_url));
  g_hash_table_insert (table, (gpointer) "database", canonical_path (database_path));
  return table;
}

static char *
take_secret (char *secret)
{
  char *copy = g_strdup (secret);

  secret_password_free (secret);
  return copy;
}

static void
prefix_error (GError     **error,
              const char  *what)
{
  if (error != NULL && *error != NULL)
    g_prefix_error (error, "%s: ", what);
}

char *
desk_sync_token_lookup (const char    *server_url,
                        const char    *database_path,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GHashTable) attrs = NULL;
  char *secret;

  g_return_val_if_fail (server_url != NULL, NULL);
  g_return_val_if_fail (database_path != NULL, NULL);

  attrs = attributes (server_url, database_path);
  secret = secret_password_lookupv_sync (token_schema (), attrs, cancellable, error);
  if (secret == NULL)
    {
      prefix_error (error, _("cannot read the session from the keyring"));
      return NULL;
    }
  return take_secret (secret);
}

static char *
token_label (const char *server_url)
{
  /* Seahorse shows it; the server address is ours, never personal. */
  return g_strdup_printf (_("ArrestDesk sync session (%s)"), server_url);
}

gboolean
desk_sync_token_store (const char    *server_url,
                       const char    *database_path,
                       const char    *token,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GHashTable) attrs = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (server_url != NULL, FALSE);
  g_return_val_if_fail (database_path != NULL, FALSE);
  g_return_val_if_fail (token != NULL, FALSE);

  attrs = attributes (server_url, database_path);
  label = token_label (server_url);
  if (!secret_password_storev_sync (token_schema (), attrs, SECRET_COLLECTION_DEFAULT, label,
                                    token, cancellable, error))
    {
      prefix_error (error, _("cannot keep the session in the keyring"));
      return FALSE;
    }
  return TRUE;
}

gboolean
desk_sync_token_clear (const char    *server_url,
                       const char    *database_path,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GHashTable) attrs = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (server_url != NULL, FALSE);
  g_return_val_if_fail (database_path != NULL, FALSE);

  attrs = attributes (server_url, database_path);
  /* FALSE without an error means there was nothing to clear. */
  secret_password_clearv_sync (token_schema (), attrs, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      prefix_error (error, _("cannot remove the session from the keyring"));
      return FALSE;
    }
  return TRUE;
}

/* The asynchronous calls run the synchronous ones on a worker thread, so
 * each keyring call and its message is written once. */
typedef struct
{
  char *server_url;
  char *database_path;
  char *token;   /* wiped when freed */
} Request;

static void
request_free (Request *request)
{
  g_free (request->server_url);
  g_free (request->database_path);
  desk_secure_free (request->token);
  g_free (request);
}

static void
lookup_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  Request *request = data;
  GError *error = NULL;
  char *token = desk_sync_token_lookup (request->server_url, request->database_path, cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, (GDestroyNotify) desk_secure_free);
}

/* Stores the request's token, or clears the session when it has none. */
static void
store_or_clear_in_thread (GTask        *task,
                          gpointer      source,
                          gpointer      data,
                          GCancellable *cancellable)
{
  Request *request = data;
  GError *error = NULL;
  gboolean ok;

  if (request->token != NULL)
    ok = desk_sync_token_store (request->server_url, request->database_path, request->token, cancellable, &error);
  else
    ok = desk_sync_token_clear (request->server_url, request->database_path, cancellable, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run_in_thread (const char          *server_url,
               const char          *database_path,
               const char          *token,
               gpointer             source_tag,
               GTaskThreadFunc      func,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);

  request->server_url = g_strdup (server_url);
  request->database_path = g_strdup (database_path);
  request->token = g_strdup (token);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  g_task_run_in_thread (task, func);
}

void
desk_sync_token_lookup_async (const char          *server_url,
                              const char          *database_path,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (server_url != NULL);
  g_return_if_fail (database_path != NULL);

  run_in_thread (server_url, database_path, NULL, desk_sync_token_lookup_async, lookup_in_thread,
                 cancellable, callback, user_data);
}

char *
desk_sync_token_lookup_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
desk_sync_token_store_async (const char          *server_url,
                             const char          *database_path,
                             const char          *token,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (server_url != NULL);
  g_return_if_fail (database_path != NULL);
  g_return_if_fail (token != NULL);

  run_in_thread (server_url, database_path, token, desk_sync_token_store_async, store_or_clear_in_thread,
                 cancellable, callback, user_data);
}

gboolean
desk_sync_token_store_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
desk_sync_token_clear_async (const char          *server_url,
                             const char          *database_path,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (server_url != NULL);
  g_return_if_fail (database_path != NULL);

  run_in_thread (server_url, database_path, NULL, desk_sync_token_clear_async, store_or_clear_in_thread,
                 cancellable, callback, user_data);
}

gboolean
desk_sync_token_clear_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
