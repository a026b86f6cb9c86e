#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The commands of arrestdesk-server; each gets argv from its own name on. */
int desk_server_cmd_serve (int    argc,
                           char **argv);
int desk_server_cmd_user  (int    argc,
                           char **argv);
/* Prints one line "arrestdesk-server: @message" on stderr; returns 1. */
int desk_server_cmd_fail  (const char *message);

G_END_DECLS
