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
  const char         *summary; /* marked with N_() */
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
DeskCtlExit           desk_ctl_cmd_help      (DeskCtl *ctl, int argc, char **argv);

G_END_DECLS
