#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Private to the demo generator (desk-demo*.c): the bundled word lists the demo data is drawn from. */

typedef enum
{
  DESK_DEMO_LIST_GIVEN_NAMES,
  DESK_DEMO_LIST_FAMILY_NAMES,
  DESK_DEMO_LIST_NICKNAMES,
  DESK_DEMO_LIST_OFFENCES,
  DESK_DEMO_LIST_SOLICITORS,
  DESK_DEMO_LIST_COURTS,
  DESK_DEMO_LIST_WELFARE,
  DESK_DEMO_LIST_RELATIONS,
  DESK_DEMO_LIST_SUMMARIES_ARREST,         /* from a legal observer */
  DESK_DEMO_LIST_SUMMARIES_ARREST_SELF,    /* from the arrestee */
  DESK_DEMO_LIST_SUMMARIES_ARREST_WITNESS, /* from a friend or passer-by */
  DESK_DEMO_LIST_SUMMARIES_CUSTODY,
  DESK_DEMO_LIST_SUMMARIES_RELEASE,
  DESK_DEMO_LIST_SUMMARIES_FAMILY,
  DESK_DEMO_LIST_TASKS,
  DESK_DEMO_LIST_ARRESTEE_NOTES,
  DESK_DEMO_LIST_VOLUNTEER_NOTES,
  DESK_DEMO_N_LISTS
} DeskDemoList;

typedef struct
{
  const char *name;
  const char *address;
  const char *area;
  const char *code; /* two letters, used in custody numbers */
  const char *city; /* arrests in this city are taken here */
} DeskDemoStation;

typedef struct
{
  const char *place;
  const char *city;
} DeskDemoPlace;

const char *const     *desk_demo_names_list     (DeskDemoList  list,
                                                 guint        *n_items);
const DeskDemoPlace   *desk_demo_names_places   (guint        *n_items);
/* London's stations come first. */
const DeskDemoStation *desk_demo_names_stations (guint        *n_items);

G_END_DECLS
