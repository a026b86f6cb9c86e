#pragma once

#include <json-glib/json-glib.h>

#include "desk-change.h"

G_BEGIN_DECLS

/* The wire format of docs/sync-protocol.md, shared by the server, the client
 * and the fuzz target. Parsers are strict: unknown members, wrong types and
 * badly formed names fail with DESK_SYNC_ERROR and a message naming the
 * member. A mutation's table and field names are only checked for their
 * form: one this side lacks is for the server to reject (that mutation
 * alone, with a reason), not a malformed push. */

#define DESK_SYNC_PROTOCOL_VERSION 1
#define DESK_SYNC_MAX_BATCH        500
/* Changes a pull page may hold: a page is one request and one desk
 * transaction (one sync to disk), and a first full pull has many. */
#define DESK_SYNC_MAX_PULL         2000
#define DESK_SYNC_MAX_JSON_DEPTH   32

#define DESK_SYNC_ERROR (desk_sync_error_quark ())

typedef enum
{
  DESK_SYNC_ERROR_MALFORMED,   /* not the protocol: 400 */
  DESK_SYNC_ERROR_TOO_LARGE,   /* 413 */
  DESK_SYNC_ERROR_SCHEMA,      /* 426 */
  DESK_SYNC_ERROR_AUTH,        /* 401 */
  DESK_SYNC_ERROR_GAP,         /* 409 */
  DESK_SYNC_ERROR_FAILED,
} DeskSyncError;

GQuark desk_sync_error_quark (void);

typedef struct
{
  char *field;
  char *value;  /* NULL: cleared */
  char *hlc;
  char *base;   /* the client's stamp before the edit, or NULL */
} DeskMutationField;

typedef struct
{
  gint64        id;
  DeskChangeOp  op;
  char         *table;
  char         *record;
  char         *action;
  char         *author;
  char         *at;
  GPtrArray    *fields;   /* DeskMutationField */
} DeskMutation;

/* Refuses JSON nested deeper than @max_depth before any parser sees it. */
gboolean      desk_sync_check_json_depth (const char  *data,
                                          gsize        length,
                                          guint        max_depth,
                                          GError     **error);

void          desk_mutation_free       (DeskMutation *mutation);
/* From an outbox entry's payload (desk-write-log.c writes record.*.v1). */
DeskMutation *desk_mutation_from_payload (gint64       id,
                                          const char  *payload,
                                          GError     **error);
/* The mutation as a push carries it: the payload with the id put first,
 * copied, not read and written again (that was most of a push's CPU on
 * the desk; the server reads every mutation strictly anyway). NULL with
 * DESK_SYNC_ERROR_MALFORMED for text the write path does not write. */
char         *desk_mutation_json_from_payload (gint64       id,
                                               const char  *payload,
                                               GError     **error);
DeskMutation *desk_mutation_from_json  (JsonObject   *object,
                                        GError      **error);
void          desk_mutation_to_json    (const DeskMutation *mutation,
                                        JsonBuilder        *builder);

typedef struct
{
  int        schema;
  char      *client_id;
  GPtrArray *mutations;   /* DeskMutation */
} DeskPushRequest;

void             desk_push_request_free  (DeskPushRequest *request);
/* Parses and checks a push body (size, batch, schema range is the caller's). */
DeskPushRequest *desk_push_request_parse (const char  *body,
                                          gsize        length,
                                          GError     **error);

typedef struct
{
  int    schema;
  char  *client_id;
  gint64 after;
  guint  limit;
} DeskPullRequest;

void             desk_pull_request_free  (DeskPullRequest *request);
DeskPullRequest *desk_pull_request_parse (const char  *body,
                                          gsize        length,
                                          GError     **error);

/* One field-level change of a pull reply. */
typedef struct
{
  gint64  version;
  char   *table;
  char   *record;
  char   *action;
  char   *author;
  char   *at;
  char   *field;
  char   *value;
  char   *hlc;
} DeskPulledChange;

void              desk_pulled_change_free  (DeskPulledChange *change);
DeskPulledChange *desk_pulled_change_from_json (JsonObject  *object,
                                                GError     **error);
/* The change as a JSON object appended to @out (a pull reply is written
 * as text: a node tree per value cost more than reading the change log). */
void              desk_pulled_change_append_json (const DeskPulledChange *change,
                                                  GString                *out);
/* The change as a remote DeskChange for desk_store_apply(). */
DeskChange       *desk_pulled_change_to_change (const DeskPulledChange *change);
/* Adds @pulled to @change, made by desk_pulled_change_to_change() from the
 * change just before it, when it is another field of the same write;
 * FALSE (and @change untouched) otherwise. Applying the joined change
 * does what applying both did: one row read and write instead of two. */
gboolean          desk_pulled_change_join      (DeskChange             *change,
                                                const DeskPulledChange *pulled);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskMutation, desk_mutation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskPushRequest, desk_push_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskPullRequest, desk_pull_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskPulledChange, desk_pulled_change_free)

G_END_DECLS
