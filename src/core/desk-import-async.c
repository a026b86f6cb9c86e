#define G_LOG_DOMAIN "desk-import-async"

#include "config.h"

#include "desk-import.h"

/* The import on the store's database thread, its progress handed to the
 * caller's main context. The store's job runs without a cancellable: once
 * the write has begun a cancel must not turn a finished import into
 * "cancelled"; the import itself looks at the caller's cancellable until
 * the write begins. */

typedef struct
{
  DeskImportProgressFunc func;
  gpointer               data;
} Progress;

typedef struct
{
  GFile        *file;
  char         *action_id;
  GCancellable *cancellable;
  GMainContext *context;
  GTask        *task;       /* the caller's: its data is the Progress */
} Job;

typedef struct
{
  GTask              *task;
  DeskImportProgress  progress;
} Report;

static void
job_free (Job *job)
{
  g_object_unref (job->file);
  g_free (job->action_id);
  g_clear_object (&job->cancellable);
  g_main_context_unref (job->context);
  g_object_unref (job->task);
  g_free (job);
}

static void
report_free (Report *report)
{
  g_object_unref (report->task);
  g_free (report);
}

static gboolean
deliver_report_cb (gpointer data)
{
  Report *report = data;
  Progress *progress = g_task_get_task_data (report->task);

  /* A report still queued when the import finished is old news. */
  if (!g_task_get_completed (report->task) && progress->func != NULL)
    progress->func (&report->progress, progress->data);
  return G_SOURCE_REMOVE;
}

/* On the database thread. */
static void
post_report (const DeskImportProgress *progress,
             gpointer                  user_data)
{
  Job *job = user_data;
  Report *report = g_new0 (Report, 1);
  GSource *source = g_idle_source_new ();

  report->task = g_object_ref (job->task);
  report->progress = *progress;
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_report_cb, report, (GDestroyNotify) report_free);
  g_source_set_static_name (source, "[arrestdesk] import progress");
  g_source_attach (source, job->context);
  g_source_unref (source);
}

static gpointer
import_in_worker (DeskStore  *store,
                  gpointer    data,
                  GError    **error)
{
  Job *job = data;

  return desk_import_arrestees_from_file (store, job->file, job->action_id,
                                          post_report, job, job->cancellable, error);
}

static void
on_import_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  DeskImportResult *imported;

  imported = desk_store_run_finish (DESK_STORE (source), result, &error);
  if (imported == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, imported, (GDestroyNotify) desk_import_result_free);
}

void
desk_import_arrestees_async (DeskStore               *store,
                             GFile                   *file,
                             const char              *action_id,
                             DeskImportProgressFunc   progress,
                             gpointer                 progress_data,
                             GCancellable            *cancellable,
                             GAsyncReadyCallback      callback,
                             gpointer                 user_data)
{
  GTask *task;
  Progress *target;
  Job *job;

  g_return_if_fail (DESK_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_import_arrestees_async);
  /* What happened is what is reported, cancelled or not. */
  g_task_set_check_cancellable (task, FALSE);
  target = g_new0 (Progress, 1);
  target->func = progress;
  target->data = progress_data;
  g_task_set_task_data (task, target, g_free);

  job = g_new0 (Job, 1);
  job->file = g_object_ref (file);
  job->action_id = g_strdup (action_id);
  job->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  job->context = g_main_context_ref_thread_default ();
  job->task = g_object_ref (task);

  desk_store_run_async (store, import_in_worker, job, (GDestroyNotify) job_free,
                        (GDestroyNotify) desk_import_result_free, NULL,
                        on_import_done_cb, task);
}

DeskImportResult *
desk_import_arrestees_finish (DeskStore     *store,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == desk_import_arrestees_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
