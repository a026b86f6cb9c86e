#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Small helpers for the endpoints: JSON replies in the error shape of
 * docs/sync-protocol.md, the bearer token, and the body size limit. */

#define DESK_HTTP_MAX_BODY          (4 * 1024 * 1024)
/* libsoup 3.2 has no names for these. */
#define DESK_HTTP_UPGRADE_REQUIRED   426
#define DESK_HTTP_TOO_MANY_REQUESTS  429

void      desk_http_reply_builder    (SoupServerMessage *msg,
                                      guint              status,
                                      JsonBuilder       *builder);
/* @json (taken) as the body: for replies written as text. */
void      desk_http_reply_text       (SoupServerMessage *msg,
                                      guint              status,
                                      GString           *json);
/* {"error": @code, "message": @message}; @message never holds personal data. */
void      desk_http_reply_error      (SoupServerMessage *msg,
                                      guint              status,
                                      const char        *code,
                                      const char        *message);
/* 429 {"error": "slow_down", "retry_after": s, "message": …} and Retry-After. */
void      desk_http_reply_slow_down  (SoupServerMessage *msg,
                                      gint64             retry_after,
                                      const char        *message);
/* A DESK_SYNC_ERROR from the protocol parsers as 400, 413, 426… */
void      desk_http_reply_sync_error (SoupServerMessage *msg,
                                      const GError      *error);

/* The token of "Authorization: Bearer …", or NULL. */
char     *desk_http_dup_bearer       (SoupServerMessage *msg);

/* The whole request body. */
GBytes   *desk_http_get_body         (SoupServerMessage *msg);

/* Counts the body while it arrives and stops keeping it past @limit
 * bytes, so a huge body never sits in memory. */
void      desk_http_watch_body       (SoupServerMessage *msg,
                                      gsize              limit);
gboolean  desk_http_body_too_large   (SoupServerMessage *msg);

G_END_DECLS
