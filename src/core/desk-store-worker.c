#define G_LOG_DOMAIN "desk-store"

#include "config.h"

#include "desk-store-object-private.h"

/* The store's one database thread: jobs run there in the order they were
 * queued, their results come back in the owner's main context, and a
 * long read stops early when its job is cancelled or the store closes. */

typedef struct
{
  DeskStoreFunc   func;
  gpointer        data;
  GDestroyNotify  data_free;
  GDestroyNotify  result_free;
} Job;

static void
job_free (Job *job)
{
  if (job->data_free)
    job->data_free (job->data);
  g_free (job);
}

static gboolean
unref_in_owner (gpointer task)
{
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static void
run_job_in_worker (gpointer data,
                   gpointer user_data)
{
  GTask *task = data;
  DeskStore *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;
  gpointer result;

  if (!g_task_return_error_if_cancelled (task))
    {
      self->job_thread = g_thread_self ();
      self->current_job = g_task_get_cancellable (task);
      result = job->func (self, job->data, &error);
      self->current_job = NULL;
      if (error != NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, result, job->result_free);
    }

  /* The task holds the store: dropping the last reference here would
   * finalize the store on its own worker thread and wait for itself. */
  desk_store_run_in_owner (self, unref_in_owner, task, NULL);
}

gboolean
desk_store_reads_should_stop (DeskStore *self)
{
  if (g_atomic_int_get (&self->closing))
    return TRUE;
  /* current_job belongs to the worker: other threads never look at it. */
  return g_thread_self () == self->job_thread &&
         self->current_job != NULL &&
         g_cancellable_is_cancelled (self->current_job);
}

static int
on_progress_cb (void *store)
{
  return desk_store_reads_should_stop (store);
}

void
desk_store_watch_read (DeskStore *self,
                       gboolean   on)
{
  sqlite3_progress_handler (self->db, on ? 10000 : 0, on ? on_progress_cb : NULL, self);
}

void
desk_store_run_async (DeskStore           *self,
                      DeskStoreFunc        func,
                      gpointer             data,
                      GDestroyNotify       data_free,
                      GDestroyNotify       result_free,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (DESK_IS_STORE (self));
  g_return_if_fail (func != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_store_run_async);
  job = g_new0 (Job, 1);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  if (self->worker == NULL)
    self->worker = g_thread_pool_new (run_job_in_worker, NULL, 1, FALSE, NULL);
  g_thread_pool_push (self->worker, task, NULL);
}

gpointer
desk_store_run_finish (DeskStore     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gpointer
apply_in_worker (DeskStore  *self,
                 gpointer    data,
                 GError    **error)
{
  return desk_store_apply (self, data, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

void
desk_store_apply_async (DeskStore           *self,
                        DeskChange          *change,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (DESK_IS_STORE (self));
  g_return_if_fail (change != NULL);

  desk_store_run_async (self, apply_in_worker, change, (GDestroyNotify) desk_change_free,
                        NULL, cancellable, callback, user_data);
}

gboolean
desk_store_apply_finish (DeskStore     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return desk_store_run_finish (self, result, error) != NULL;
}
