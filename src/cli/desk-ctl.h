#pragma once

#include <gio/gio.h>

#include "desk-store.h"

G_BEGIN_DECLS

typedef enum
{
  DESK_CTL_EXIT_OK = 0,
  DESK_CTL_EXIT_FAILED = 1, /* the command ran and failed */
  DESK_CTL_EXIT_USAGE = 2,  /* the command line was wrong */
} DeskCtlExit;

/* The global options, shared by every command. */
typedef struct
{
  char *database;
  char *key_file;
} DeskCtl;

typedef DeskCtlExit (*DeskCtlCommandFunc) (DeskCtl  *ctl,
                                           int       argc,
                                           char    **argv);

typedef struct
{
  const char         *name;
  const char         *args;    /* option names and metavariables, not translated */
  const char         *summary; /* marked with N_(); NULL hides the command from help */
  DeskCtlCommandFunc  func;
} DeskCtlCommand;

const DeskCtlCommand *desk_ctl_lookup        (const char  *name);
/* The context for the global options, stopping at the command; its help
 * lists the commands. */
GOptionContext       *desk_ctl_main_context  (DeskCtl     *ctl);

/* --database and --key-file, for the main context and again for each
 * command's own context, so they may also come after the command. */
GOptionGroup         *desk_ctl_global_group  (DeskCtl     *ctl);
/* A context for one command: its own options plus the global ones. */
GOptionContext       *desk_ctl_command_context (DeskCtl            *ctl,
                                                const char         *command,
                                                const GOptionEntry *entries);
/* Parses a command's arguments; reports the error itself. */
gboolean              desk_ctl_parse         (GOptionContext  *context,
                                              int             *argc,
                                              char          ***argv);

/* Prints "arrestdesk-ctl: <message>" as exactly one line on stderr: scripts
 * and people read the first line, so there must be nothing after it. */
void                  desk_ctl_fail          (const char  *format,
                                              ...) G_GNUC_PRINTF (1, 2);

/* TRUE when the command (argv[0]) got no arguments; else says so. */
gboolean              desk_ctl_no_arguments  (const char  *command,
                                              int          argc);

/* The database named by the options (or the default one), opened with the
 * key file or the keyring. Unless @create, the file must already exist.
 * On failure the reason has been printed and NULL is returned. */
DeskStore            *desk_ctl_open_store    (DeskCtl     *ctl,
                                              gboolean     create);
/* The path desk_ctl_open_store() opens. */
char                 *desk_ctl_database_path (DeskCtl     *ctl);

DeskCtlExit           desk_ctl_cmd_init      (DeskCtl *ctl, int argc, char **argv);
DeskCtlExit           desk_ctl_cmd_keygen    (DeskCtl *ctl, int argc, char **argv);
DeskCtlExit           desk_ctl_cmd_demo      (DeskCtl *ctl, int argc, char **argv);
DeskCtlExit           desk_ctl_cmd_stats     (DeskCtl *ctl, int argc, char **argv);
DeskCtlExit           desk_ctl_cmd_export    (DeskCtl *ctl, int argc, char **argv);
DeskCtlExit           desk_ctl_cmd_merge     (DeskCtl *ctl, int argc, char **argv);
DeskCtlExit           desk_ctl_cmd_search    (DeskCtl *ctl, int argc, char **argv);
DeskCtlExit           desk_ctl_cmd_import    (DeskCtl *ctl, int argc, char **argv);
DeskCtlExit           desk_ctl_cmd_help      (DeskCtl *ctl, int argc, char **argv);
DeskCtlExit           desk_ctl_cmd_certificate (DeskCtl *ctl, int argc, char **argv);
DeskCtlExit           desk_ctl_cmd_login     (DeskCtl *ctl, int argc, char **argv);
DeskCtlExit           desk_ctl_cmd_sync      (DeskCtl *ctl, int argc, char **argv);
DeskCtlExit           desk_ctl_cmd_logout    (DeskCtl *ctl, int argc, char **argv);
DeskCtlExit           desk_ctl_cmd_digest    (DeskCtl *ctl, int argc, char **argv);

/* Network commands drive the core's async API in a private main context;
 * the store is opened inside it, so its database thread answers there. */
typedef struct
{
  GMainContext *context;
  DeskStore    *store;
  GAsyncResult *result;
} DeskCtlSession;

void                  desk_ctl_session_begin (DeskCtlSession *session);
/* As desk_ctl_open_store(), in the session's context. */
gboolean              desk_ctl_session_open_store (DeskCtlSession *session,
                                                   DeskCtl        *ctl);
/* The callback for every async call; desk_ctl_session_wait() returns its
 * result (transfer full) once it came. */
void                  desk_ctl_session_done_cb (GObject      *source,
                                                GAsyncResult *result,
                                                gpointer      user_data);
GAsyncResult         *desk_ctl_session_wait  (DeskCtlSession *session);
/* Closes the store and lets everything queued in the context finish. */
void                  desk_ctl_session_end   (DeskCtlSession *session);

typedef DeskCtlExit (*DeskCtlSessionFunc) (DeskCtlSession *session,
                                           gpointer        data);
/* Begins a session, opens the store in it when @open_store, runs @func
 * and ends the session. */
DeskCtlExit           desk_ctl_session_run   (DeskCtl            *ctl,
                                              gboolean            open_store,
                                              DeskCtlSessionFunc  func,
                                              gpointer            data);

/* A password for @prompt: the first line of standard input when it is not a
 * terminal, else asked for on the terminal without echo. Free it with
 * desk_secure_free(). NULL (and the reason printed) when there is none. */
char                 *desk_ctl_read_password (const char  *prompt);

G_END_DECLS
