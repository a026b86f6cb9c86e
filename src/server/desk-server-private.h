#pragma once

#include <libsoup/soup.h>

#include "desk-server.h"
#include "desk-server-throttle.h"

G_BEGIN_DECLS

/* Shared by desk-server.c and the endpoint files (one per endpoint). */
struct _DeskServer
{
  GObject            parent_instance;

  SoupServer        *soup;
  DeskServerStorage *storage;
  gint64             token_lifetime;
  DeskRateLimiter   *limiter;
  GThreadPool       *hasher;       /* argon2 off the main loop, two at a time */
  char              *dummy_hash;   /* verified for unknown names: same cost */
  GPtrArray         *sockets;      /* LiveSocket */
};

/* The session of the request's bearer token (or @query_token), or NULL
 * after answering 401 or 429. The username is noted for the access log. */
DeskServerSession *desk_server_authenticate (DeskServer        *self,
                                             SoupServerMessage *msg,
                                             const char        *query_token);
/* FALSE after answering 426 when @schema cannot be served. */
gboolean           desk_server_check_schema (DeskServer        *self,
                                             SoupServerMessage *msg,
                                             int                schema);
/* FALSE after answering 403 when a body's client_id is not the token's. */
gboolean           desk_server_check_client (SoupServerMessage *msg,
                                             DeskServerSession *session,
                                             const char        *client_id);
/* Answers 500 and logs @error (never personal data: no values in it). */
void               desk_server_reply_internal (SoupServerMessage *msg,
                                               const char        *what,
                                               const GError      *error);

void               desk_server_handle_login  (DeskServer        *self,
                                              SoupServerMessage *msg);
void               desk_server_handle_logout (DeskServer        *self,
                                              SoupServerMessage *msg,
                                              DeskServerSession *session);
void               desk_server_handle_push   (DeskServer        *self,
                                              SoupServerMessage *msg,
                                              DeskServerSession *session);
void               desk_server_handle_pull   (DeskServer        *self,
                                              SoupServerMessage *msg,
                                              DeskServerSession *session);
/* desk-server-live.c: WebSocket pokes. */
void               desk_server_live_init     (DeskServer        *self);
void               desk_server_live_poke     (DeskServer        *self,
                                              gint64             version);
void               desk_server_live_close_all (DeskServer       *self);

G_END_DECLS
