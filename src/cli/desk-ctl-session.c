#define G_LOG_DOMAIN "desk-ctl"

#include "config.h"

#include "desk-ctl.h"

void
desk_ctl_session_begin (DeskCtlSession *session)
{
  session->context = g_main_context_new ();
  session->store = NULL;
  session->result = NULL;
  g_main_context_push_thread_default (session->context);
}

gboolean
desk_ctl_session_open_store (DeskCtlSession *session,
                             DeskCtl        *ctl)
{
  g_assert (g_main_context_get_thread_default () == session->context);

  session->store = desk_ctl_open_store (ctl, FALSE);
  return session->store != NULL;
}

void
desk_ctl_session_done_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  DeskCtlSession *session = user_data;

  g_assert (session->result == NULL);
  session->result = g_object_ref (result);
}

GAsyncResult *
desk_ctl_session_wait (DeskCtlSession *session)
{
  while (session->result == NULL)
    g_main_context_iteration (session->context, TRUE);
  return g_steal_pointer (&session->result);
}

static void
drain (GMainContext *context)
{
  while (g_main_context_iteration (context, FALSE))
    ;
}

void
desk_ctl_session_end (DeskCtlSession *session)
{
  /* Closing joins the database thread; the jobs it handed back to this
   * context (and their references to the store) are released by draining. */
  if (session->store != NULL)
    desk_store_close (session->store);
  drain (session->context);
  g_clear_object (&session->store);
  drain (session->context);
  g_main_context_pop_thread_default (session->context);
  g_clear_pointer (&session->context, g_main_context_unref);
}

DeskCtlExit
desk_ctl_session_run (DeskCtl            *ctl,
                      gboolean            open_store,
                      DeskCtlSessionFunc  func,
                      gpointer            data)
{
  DeskCtlSession session;
  DeskCtlExit status;

  desk_ctl_session_begin (&session);
  if (!open_store || desk_ctl_session_open_store (&session, ctl))
    status = func (&session, data);
  else
    status = DESK_CTL_EXIT_FAILED;
  desk_ctl_session_end (&session);
  return status;
}
