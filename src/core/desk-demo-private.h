#pragma once

#include "desk-change.h"
#include "desk-demo.h"
#include "desk-demo-names.h"

G_BEGIN_DECLS

/* Private to the demo generator (desk-demo*.c): the state one run shares,
 * the seeded draws and the record helpers its parts are written with. */

#define MINUTE 60
#define HOUR   (60 * MINUTE)
#define DAY    (24 * HOUR)

typedef enum
{
  STATUS_ARRESTED,
  STATUS_IN_CUSTODY,
  STATUS_RELEASED,
  STATUS_HELD_FOR_COURT,
} Status;

/* The timeline of one arrestee, drawn before any record is written so that
 * stations can carry the time they went live. Zero means "not (yet) known". */
typedef struct
{
  guint    station;
  gint64   arrest;
  gint64   arrival;
  gint64   checkin;
  gint64   release;
  Status   status;
  gboolean arrival_estimated;
} Plan;

typedef struct
{
  const DeskDemoStation *info;
  char                  *id;
  gint64                 live_since;
  guint                  custody_serial;
  GPtrArray             *places; /* arrest places in the station's city */
} Station;

typedef struct
{
  DeskStore *store;
  GRand     *rand;
  GPtrArray *changes;
  char      *action_id;
  gint64     now;
  Station   *stations;
  guint      n_stations;
  char      *bovs[6];  /* the Back Office volunteers who own call tasks */
  char     **volunteer_ids;
  guint      n_volunteers;
  gboolean   sign_as_demo;
} Demo;

/* Seeded draws (desk-demo-draw.c). Every draw happens in its own statement:
 * C leaves the order of evaluating arguments open, and the same seed must
 * give the same data. */
gboolean    desk_demo_chance     (Demo          *demo,
                                  double         probability);
guint       desk_demo_uniform    (Demo          *demo,
                                  guint          n);
gint64      desk_demo_between    (Demo          *demo,
                                  gint64         lo,
                                  gint64         hi);
guint       desk_demo_skewed     (Demo          *demo,
                                  guint          n);
void        desk_demo_shuffle    (Demo          *demo,
                                  guint         *items,
                                  guint          n_items);
const char *desk_demo_pick       (Demo          *demo,
                                  DeskDemoList   list);
const char *desk_demo_pick_place (Demo          *demo,
                                  const Station *station);
char       *desk_demo_make_name  (Demo          *demo);
char       *desk_demo_make_phone (Demo          *demo);

/* Records (desk-demo.c): a new change queued for the next batch, and its
 * fields, where empty values and zero times stay unset. */
DeskChange *desk_demo_queue      (Demo          *demo,
                                  const char    *table);
void        desk_demo_set        (DeskChange    *change,
                                  const char    *field,
                                  const char    *value);
void        desk_demo_set_time   (DeskChange    *change,
                                  const char    *field,
                                  gint64         unix_time);

/* Arrestees and their custody times (desk-demo-people.c). */
Plan       *desk_demo_plan_arrestees (Demo   *demo,
                                      guint   n_arrestees,
                                      gint64 *first_arrest);
void        desk_demo_add_arrestee   (Demo       *demo,
                                      const Plan *plan);

/* Calls, their tasks and observer shifts (desk-demo-calls.c). */
void        desk_demo_add_calls             (Demo       *demo,
                                             const Plan *plan,
                                             const char *arrestee_id,
                                             const char *given_name);
void        desk_demo_queue_observer_shifts (Demo       *demo,
                                             guint       n_arrestees);

/* Stations, volunteers, the rota and the office's own records
 * (desk-demo-rota.c). */
void        desk_demo_add_stations             (Demo *demo);
void        desk_demo_queue_stations           (Demo *demo);
void        desk_demo_queue_volunteers_and_rota (Demo *demo);
void        desk_demo_queue_office_records     (Demo *demo);

G_END_DECLS
