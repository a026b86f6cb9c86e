#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "desk-demo-names.h"
#include "desk-name-normalize.h"
#include "desk-name-search.h"
#include "desk-name-vocabulary.h"
#include "desk-test-util.h"

/* Name search and duplicates on a real encrypted store, written through the
 * one write path: the people a caller means, in a crowd of a couple of
 * thousand names from the demo lists plus near neighbours, found whatever
 * the spelling. */

#define ACTION "action-1"
#define OTHER_ACTION "action-2"
#define CROWD_SIZE 2000

typedef struct
{
  const char *legal_name;
  const char *preferred_name;
} Person;

/* The people searched for. */
static const Person people[] = {
  { "Siobhán O'Neill", NULL },
  { "William Jones", NULL },
  { "Niamh Kelly", NULL },
  { "Stephen Hargreaves", NULL },
  { "Catherine Featherstone", NULL },
  { "Aoife Gallagher", NULL },
  { "Zoë Ashworth", NULL },
  { "Seán Ó Súilleabháin", NULL },
  { "Margaret Postlethwaite", NULL },
  { "John Fairclough", NULL },
  { "Elizabeth Butterworth", NULL },
  { "Dafydd Pritchard", NULL },
  { "Mohammed Siddiqui", NULL },
  { "Eoin Brennan", NULL },
  { "Caoimhe Donnelly", NULL },
  { "Rebecca Harding-Smith", "Bex" },
  { "Geoffrey Sutcliffe", NULL },
  { "Małgorzata Wiśniewska", NULL },
  { "Tadhg McCarthy", NULL },
  { "Oluwaseun Adeyemi", "Seun" },
  { "Ciarán Fitzgerald", NULL },
  { "Rhys Llewellyn", NULL },
  { "Chloe Beckford", NULL },
  { "Alexandra Kowalczyk", NULL },
  { "Jermaine Brathwaite", NULL },
  { "Priya Chowdhury", NULL },
  { "Thomas Henry Greenwood", NULL },
  { "Bridget O'Driscoll", NULL },
  { "Pádraig Breathnach", NULL },
  { "Mhairi Urquhart", NULL },
};

/* Close to the people above, and not them: each must rank below. */
static const char *const neighbours[] = {
  "William James", "Wilma Jones", "William Jonas-Reid", "Nia Kelly", "Neil Kelly",
  "Stephanie Hargreaves", "Katrina Featherstone", "Sean O'Sullivan", "Joan Fairclough",
  "Eliza Butterworth", "Ewan Brennan", "Kieran Fitzpatrick", "Chloe Beckett",
  "Alexander Kowalczyk", "Jermaine Braithwaite", "Priya Chaudhry", "Thomas Greenway",
  "Bridget O'Donnell", "Siobhán O'Brien", "Margaret Postlewood", "Rhys Lewis",
  "Catherine Featherston-Hall", "Zoe Ashton", "Geoffrey Sutton", "Tadhg McGuinness",
};

typedef struct
{
  const char *query;
  guint       person;     /* index into people[] */
  const char *kind;       /* what the pair tests, for the failure message */
} Pair;

static const Pair pairs[] = {
  { "SIOBHAN O'NEILL", 0, "case, accents" },
  { "Siobhan ONeill", 0, "punctuation" },
  { "Shivaun O'Neill", 0, "phonetic" },
  { "Shivaun ONeill", 0, "phonetic, punctuation" },
  { "O'Neill Siobhan", 0, "swapped" },
  { "Siobhan O Neill", 0, "particle apart" },
  { "Siobhan O'N", 0, "prefix" },
  { "Bill Jones", 1, "nickname" },
  { "Will Jones", 1, "nickname" },
  { "Liam Jones", 1, "nickname" },
  { "Jones, William", 1, "swapped" },
  { "Wiliam Jones", 1, "typo" },
  { "Wlliam Jnoes", 1, "typo, transposition" },
  { "Neve Kelly", 2, "phonetic" },
  { "Niamh Kelley", 2, "typo" },
  { "niamh kelly", 2, "case" },
  { "Steven Hargreaves", 3, "phonetic" },
  { "Steve Hargreaves", 3, "nickname" },
  { "Stephen Hargraves", 3, "typo" },
  { "Kathryn Featherstone", 4, "phonetic" },
  { "Cathy Featherstone", 4, "nickname" },
  { "Katherine Fetherstone", 4, "typo, phonetic" },
  { "Cath Feath", 4, "prefix, nickname" },
  { "Eefa Gallagher", 5, "phonetic" },
  { "Aoife Gallager", 5, "typo" },
  { "Zoe Ashworth", 6, "accents" },
  { "ZOË ASHWORTH", 6, "case" },
  { "Sean O Suilleabhain", 7, "accents, particle" },
  { "Shaun Suilleabhain", 7, "phonetic, particle missing" },
  { "Peggy Postlethwaite", 8, "nickname" },
  { "Maggie Postlethwaite", 8, "nickname" },
  { "Margaret Postlethwait", 8, "typo" },
  { "Margaret Postl", 8, "prefix" },
  { "Marg Postlet", 8, "prefix" },
  { "Jack Fairclough", 9, "nickname" },
  { "Johnny Fairclough", 9, "nickname" },
  { "Jon Fairclogh", 9, "nickname, typo" },
  { "Liz Butterworth", 10, "nickname" },
  { "Beth Butterworth", 10, "nickname" },
  { "Elisabeth Butterworth", 10, "typo" },
  { "David Pritchard", 11, "phonetic (Welsh)" },
  { "Dafyd Pritchard", 11, "typo" },
  { "Muhammad Siddiqui", 12, "nickname, phonetic" },
  { "Mo Siddiqui", 12, "nickname" },
  { "Mohamed Sidiqui", 12, "typo" },
  { "Owen Brennan", 13, "phonetic" },
  { "Eoin Brenan", 13, "typo" },
  { "Keeva Donnelly", 14, "phonetic" },
  { "Bex Harding-Smith", 15, "preferred name" },
  { "Rebecca Hardingsmith", 15, "hyphen left out" },
  { "Becky Harding Smith", 15, "nickname, hyphen as space" },
  { "Bex Smith", 15, "preferred and family name" },
  { "Rebecca Smith", 15, "half of a double-barrelled name" },
  { "Jeff Sutcliffe", 16, "nickname, phonetic" },
  { "Geoffry Sutcliff", 16, "typo" },
  { "Malgorzata Wisniewska", 17, "accents (Polish)" },
  { "Teague McCarthy", 18, "phonetic" },
  { "Tadhg MacCarthy", 18, "typo" },
  { "Seun Adeyemi", 19, "preferred and family name" },
  { "Kieran Fitzgerald", 20, "phonetic" },
  { "Ciar Fitz", 20, "prefix" },
  { "Reece Llewelyn", 21, "phonetic, typo" },
  { "Khloe Beckford", 22, "phonetic" },
  { "Lexi Kowalczyk", 23, "nickname" },
  { "Alexandra Kowalcyzk", 23, "transposition" },
  { "Jermain Brathwaite", 24, "typo" },
  { "Jermaine Brathwait", 24, "typo" },
  { "Jerm Brath", 24, "prefix" },
  { "Pirya Chowdhury", 25, "transposition" },
  { "Priya Choudhury", 25, "typo" },
  { "Thomas Greenwood", 26, "middle name missing" },
  { "Tom Greenwood", 26, "nickname, middle name missing" },
  { "Greenwood Thomas Henry", 26, "swapped" },
  { "Bridie O'Driscoll", 27, "nickname" },
  { "Bridget Driscoll", 27, "particle missing" },
  { "Padraig Breathnach", 28, "accents" },
  { "Paddy Breathnach", 28, "nickname" },
  { "Vari Urquhart", 29, "phonetic (Gaelic mh)" },
  { "Mhairi Urquart", 29, "typo" },
};

/* Made once for the tests that search it (made under ASan too, so once). */
typedef struct
{
  char      *dir;
  DeskStore *store;
  char      *ids[G_N_ELEMENTS (people)];
} Crowd;

static Crowd shared_crowd;

static DeskChange *
new_arrestee (const char *action,
              const char *legal_name,
              const char *preferred_name)
{
  DeskChange *change = desk_change_new_create ("arrestee", action);

  desk_change_set (change, "legal_name", legal_name);
  if (preferred_name != NULL)
    desk_change_set (change, "preferred_name", preferred_name);
  desk_change_set (change, "status", "in_custody");
  return change;
}

/* Would the crowd name be one of the people by the rules searched with (the
 * same family name, and a given name the rules take for theirs)? */
static gboolean
is_one_of_the_people (const char *given,
                      const char *family)
{
  g_autofree char *g = desk_name_fold_token (given);
  g_autofree char *f = desk_name_fold_token (family);

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(GPtrArray) slots = desk_name_normalize (people[i].legal_name);
      const char *person_given = ((char **) g_ptr_array_index (slots, 0))[0];
      const char *person_family = ((char **) g_ptr_array_index (slots, slots->len - 1))[0];
      DeskNameMatchReason kind;

      if (desk_name_token_score (f, person_family, FALSE, &kind) > 0 &&
          desk_name_token_score (g, person_given, FALSE, &kind) > 0)
        return TRUE;
    }
  return FALSE;
}

static void
crowd_make (Crowd *crowd)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_change_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskKey) key = desk_key_new_random ();
  g_autofree char *path = NULL;
  const char *const *given, *const *family, *const *nicknames;
  guint n_given, n_family, n_nicknames;

  crowd->dir = g_dir_make_tmp ("name-search-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (crowd->dir, "crowd.db", NULL);
  crowd->store = desk_store_open (path, key, &error);
  g_assert_no_error (error);
  given = desk_demo_names_list (DESK_DEMO_LIST_GIVEN_NAMES, &n_given);
  family = desk_demo_names_list (DESK_DEMO_LIST_FAMILY_NAMES, &n_family);
  nicknames = desk_demo_names_list (DESK_DEMO_LIST_NICKNAMES, &n_nicknames);

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      DeskChange *change = new_arrestee (ACTION, people[i].legal_name, people[i].preferred_name);

      crowd->ids[i] = g_strdup (desk_change_get_id (change));
      g_ptr_array_add (changes, change);
    }
  for (guint i = 0; i < G_N_ELEMENTS (neighbours); i++)
    g_ptr_array_add (changes, new_arrestee (ACTION, neighbours[i], NULL));

  /* The crowd: every given name with many family names, some with a middle
   * name or a preferred name, spread over two actions. */
  for (guint i = 0; i < CROWD_SIZE; i++)
    {
      const char *g = given[(i * 7) % n_given];
      const char *f = family[(i * 13 + i / n_given) % n_family];
      const char *nick = i % 9 == 0 ? nicknames[i % n_nicknames] : NULL;
      g_autofree char *name = NULL;

      if (is_one_of_the_people (g, f))
        continue;
      if (nick != NULL && (strcmp (nick, "Bex") == 0 || is_one_of_the_people (nick, f)))
        nick = NULL;
      if (i % 10 == 3)
        name = g_strdup_printf ("%s %s %s", g, given[(i * 11 + 3) % n_given], f);
      else
        name = g_strdup_printf ("%s %s", g, f);
      g_ptr_array_add (changes, new_arrestee (i % 5 == 4 ? OTHER_ACTION : ACTION, name, nick));
    }

  g_assert_true (desk_store_apply_all (crowd->store, changes, &error));
  g_assert_no_error (error);
}

static void
crowd_set_up (Crowd         *crowd,
              gconstpointer  data)
{
  if (shared_crowd.store == NULL)
    crowd_make (&shared_crowd);
  *crowd = shared_crowd;
}

static void
crowd_tear_down (Crowd         *crowd,
                 gconstpointer  data)
{
}

static void
crowd_free (Crowd *crowd)
{
  const char *suffixes[] = { "", "-wal", "-shm", NULL };

  if (crowd->store == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    g_free (crowd->ids[i]);
  desk_store_close (crowd->store);
  g_clear_object (&crowd->store);
  for (guint i = 0; suffixes[i] != NULL; i++)
    {
      g_autofree char *file = g_strdup_printf ("%s/crowd.db%s", crowd->dir, suffixes[i]);

      g_remove (file);
    }
  g_rmdir (crowd->dir);
  g_free (crowd->dir);
}

static GPtrArray *
search (DeskStore  *store,
        const char *query,
        const char *action)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *results = desk_name_search (store, query, action, 10, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

static gboolean
results_hold (GPtrArray  *results,
              const char *id)
{
  for (guint i = 0; i < results->len; i++)
    if (strcmp (((DeskNameMatch *) g_ptr_array_index (results, i))->id, id) == 0)
      return TRUE;
  return FALSE;
}

static void
test_pairs (Crowd         *crowd,
            gconstpointer  data)
{
  guint failed = 0;

  g_assert_cmpuint (G_N_ELEMENTS (pairs), >=, 60);
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autoptr(GPtrArray) results = search (crowd->store, pairs[i].query, NULL);
      const DeskNameMatch *first = results->len > 0 ? g_ptr_array_index (results, 0) : NULL;

      if (first != NULL && strcmp (first->id, crowd->ids[pairs[i].person]) == 0)
        {
          g_assert_cmpfloat (first->score, >, 0.0);
          g_assert_cmpfloat (first->score, <=, 1.0);
          continue;
        }
      failed++;
      g_test_message ("“%s” (%s) should find “%s” first; got “%s” (%.3f, %s)%s",
                      pairs[i].query, pairs[i].kind, people[pairs[i].person].legal_name,
                      first ? first->name : "nothing", first ? first->score : 0.0,
                      first ? desk_name_match_reason_describe (first->reason) : "",
                      results_hold (results, crowd->ids[pairs[i].person]) ? "" : " and not at all");
      for (guint r = 0; r < results->len && r < 3; r++)
        {
          const DeskNameMatch *m = g_ptr_array_index (results, r);

          g_test_message ("   %u. %s %.3f %s", r + 1, m->name, m->score,
                          desk_name_match_reason_describe (m->reason));
        }
    }
  g_assert_cmpuint (failed, ==, 0);
}

static void
test_ranked_with_reasons (Crowd         *crowd,
                          gconstpointer  data)
{
  static const struct
  {
    const char          *query;
    guint                person;
    DeskNameMatchReason  reason;
  } expected[] = {
    { "Siobhán O'Neill", 0, DESK_NAME_MATCH_EXACT },
    { "siobhan o'neill", 0, DESK_NAME_MATCH_NORMALIZED },
    { "Bill Jones", 1, DESK_NAME_MATCH_NICKNAME },
    { "Neve Kelly", 2, DESK_NAME_MATCH_PHONETIC },
    { "William Jonrs", 1, DESK_NAME_MATCH_TYPO },
    { "Jones William", 1, DESK_NAME_MATCH_REORDERED },
    { "Thomas Greenwood", 26, DESK_NAME_MATCH_REORDERED },
    { "Margaret Postleth", 8, DESK_NAME_MATCH_PREFIX },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GPtrArray) results = search (crowd->store, expected[i].query, NULL);
      const DeskNameMatch *first;

      g_assert_cmpuint (results->len, >, 0);
      first = g_ptr_array_index (results, 0);
      g_assert_cmpstr (first->id, ==, crowd->ids[expected[i].person]);
      g_assert_cmpint (first->reason, ==, expected[i].reason);
      g_assert_nonnull (desk_name_match_reason_describe (first->reason));
      /* Best first. */
      for (guint r = 1; r < results->len; r++)
        g_assert_cmpfloat (((DeskNameMatch *) g_ptr_array_index (results, r - 1))->score, >=,
                           ((DeskNameMatch *) g_ptr_array_index (results, r))->score);
    }

  /* The exact spelling beats the same letters without accents. */
  {
    g_autoptr(GPtrArray) results = search (crowd->store, "Zoë Ashworth", NULL);

    g_assert_cmpfloat (((DeskNameMatch *) g_ptr_array_index (results, 0))->score, ==, 1.0);
    g_assert_cmpstr (((DeskNameMatch *) g_ptr_array_index (results, 0))->name, ==, "Zoë Ashworth");
  }
  /* A near neighbour ranks below the person, but is found. */
  {
    g_autoptr(GPtrArray) results = search (crowd->store, "William Jones", NULL);
    g_autoptr(GPtrArray) james = search (crowd->store, "William James", NULL);

    g_assert_cmpstr (((DeskNameMatch *) g_ptr_array_index (results, 0))->id, ==, crowd->ids[1]);
    g_assert_cmpstr (((DeskNameMatch *) g_ptr_array_index (james, 0))->name, ==, "William James");
  }
  /* Nothing like it: nothing found; limit respected. */
  {
    g_autoptr(GPtrArray) none = search (crowd->store, "Xqzvtrp Wkkjhg", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) few = desk_name_search (crowd->store, "Smith", NULL, 3, &error);
    g_autoptr(GPtrArray) empty = search (crowd->store, " ,.- ", NULL);

    g_assert_cmpuint (none->len, ==, 0);
    g_assert_no_error (error);
    g_assert_cmpuint (few->len, ==, 3);
    g_assert_cmpuint (empty->len, ==, 0);
  }
}

static void
test_action_filter (Crowd         *crowd,
                    gconstpointer  data)
{
  g_autoptr(DeskChange) change = new_arrestee (OTHER_ACTION, "Siobhan Oneill", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) everywhere = NULL;
  g_autoptr(GPtrArray) first_action = NULL;
  g_autoptr(GPtrArray) other_action = NULL;
  g_autofree char *other_id = g_strdup (desk_change_get_id (change));

  g_assert_true (desk_store_apply (crowd->store, change, &error));
  g_assert_no_error (error);

  everywhere = search (crowd->store, "Siobhan O'Neill", NULL);
  first_action = search (crowd->store, "Siobhan O'Neill", ACTION);
  other_action = search (crowd->store, "Siobhan O'Neill", OTHER_ACTION);

  g_assert_true (results_hold (everywhere, other_id));
  g_assert_true (results_hold (everywhere, crowd->ids[0]));
  g_assert_false (results_hold (first_action, other_id));
  g_assert_cmpstr (((DeskNameMatch *) g_ptr_array_index (first_action, 0))->id, ==, crowd->ids[0]);
  g_assert_cmpstr (((DeskNameMatch *) g_ptr_array_index (other_action, 0))->id, ==, other_id);
  g_assert_false (results_hold (other_action, crowd->ids[0]));

  /* Leave the crowd as it was for the other tests. */
  {
    g_autoptr(DeskChange) removal = desk_change_new_delete ("arrestee", other_id);

    g_assert_true (desk_store_apply (crowd->store, removal, &error));
    g_assert_no_error (error);
  }
}

/* Edits, deletes and pulled changes move the index in the same write. */
static void
test_write_path_keeps_index (void)
{
  g_autoptr(DeskStore) store = desk_test_new_store ("w.db", NULL);
  g_autofree char *id = desk_test_add_arrestee (store, "Catrin Evans");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = search (store, "Katrin Evans", NULL);
  g_autoptr(GPtrArray) old_name = NULL;
  g_autoptr(GPtrArray) new_name = NULL;
  g_autoptr(GPtrArray) preferred = NULL;
  g_autoptr(GPtrArray) deleted = NULL;
  g_autoptr(GPtrArray) remote = NULL;

  g_assert_cmpuint (before->len, ==, 1);
  g_assert_cmpstr (((DeskNameMatch *) g_ptr_array_index (before, 0))->id, ==, id);
  g_assert_cmpstr (((DeskNameMatch *) g_ptr_array_index (before, 0))->name, ==, "Catrin Evans");

  /* A name edit: the old family name finds nothing, the new one finds it. */
  desk_test_set_field (store, "arrestee", id, "legal_name", "Catrin Zbyszewska");
  old_name = search (store, "Evans", NULL);
  new_name = search (store, "Zbyszewska", NULL);
  g_assert_cmpuint (old_name->len, ==, 0);
  g_assert_cmpuint (new_name->len, ==, 1);
  g_assert_cmpstr (((DeskNameMatch *) g_ptr_array_index (new_name, 0))->name, ==, "Catrin Zbyszewska");

  /* A preferred name is searched too. */
  desk_test_set_field (store, "arrestee", id, "preferred_name", "Cat");
  preferred = search (store, "Cat Zbyszewska", NULL);
  g_assert_cmpuint (preferred->len, ==, 1);

  /* Editing another field keeps it; deleting takes it out. */
  desk_test_set_field (store, "arrestee", id, "status", "released");
  g_clear_pointer (&new_name, g_ptr_array_unref);
  new_name = search (store, "Zbyszewska", NULL);
  g_assert_cmpuint (new_name->len, ==, 1);
  {
    g_autoptr(DeskChange) gone = desk_change_new_delete ("arrestee", id);

    g_assert_true (desk_store_apply (store, gone, &error));
    g_assert_no_error (error);
  }
  deleted = search (store, "Catrin Zbyszewska", NULL);
  g_assert_cmpuint (deleted->len, ==, 0);

  /* A record pulled from the server is found like a typed one. */
  {
    g_autoptr(DeskChange) pulled = desk_change_new_create_with_id ("arrestee", "remote-1", ACTION);

    desk_change_set_origin (pulled, DESK_ORIGIN_REMOTE, "Other Desk");
    desk_change_set_stamped (pulled, "legal_name", "Gwenllian Prosser", "9999999999000-0000-othernode");
    g_assert_true (desk_store_apply (store, pulled, &error));
    g_assert_no_error (error);
  }
  remote = search (store, "Gwen Prosser", NULL);
  g_assert_cmpuint (remote->len, ==, 1);
  g_assert_cmpstr (((DeskNameMatch *) g_ptr_array_index (remote, 0))->id, ==, "remote-1");
}

/* A write that rolls back leaves the index as it was. */
static void
test_rolled_back_write (void)
{
  g_autoptr(DeskStore) store = desk_test_new_store ("rb.db", NULL);
  g_autoptr(DeskChange) change = new_arrestee (ACTION, "Hywel Vaughan", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) warmed = search (store, "Hywel", NULL);

  g_assert_cmpuint (warmed->len, ==, 0);
  desk_store_set_fault (store, DESK_STORE_FAULT_AFTER_OUTBOX);
  g_assert_false (desk_store_apply (store, change, &error));
  g_assert_nonnull (error);
  desk_store_set_fault (store, DESK_STORE_FAULT_NONE);

  results = search (store, "Hywel Vaughan", NULL);
  g_assert_cmpuint (results->len, ==, 0);
}

/* Two stores on one file (the app and arrestdesk-ctl): each sees the
 * other's new and removed names without a restart. */
static void
test_other_connection (void)
{
  g_autoptr(DeskKey) key = NULL;
  g_autoptr(DeskStore) first = desk_test_new_store ("two.db", &key);
  g_autofree char *path = desk_test_tmp_path ("two.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(DeskStore) second = desk_store_open (path, key, &error);
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) seen = NULL;
  g_autoptr(GPtrArray) gone = NULL;
  g_autoptr(GPtrArray) warm = NULL;

  g_assert_no_error (error);
  g_free (desk_test_add_arrestee (first, "Osian Bowen"));
  warm = search (first, "Osian", NULL);   /* caches the vocabulary */
  g_assert_cmpuint (warm->len, ==, 1);

  id = desk_test_add_arrestee (second, "Llinos Prosser");
  seen = search (first, "Llinos Prosser", NULL);
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (((DeskNameMatch *) g_ptr_array_index (seen, 0))->id, ==, id);

  {
    g_autoptr(DeskChange) removal = desk_change_new_delete ("arrestee", id);

    g_assert_true (desk_store_apply (second, removal, &error));
    g_assert_no_error (error);
  }
  gone = search (first, "Llinos", NULL);
  g_assert_cmpuint (gone->len, ==, 0);
  desk_store_close (second);
}

static void
test_duplicates (Crowd         *crowd,
                 gconstpointer  data)
{
  static const struct
  {
    const char *existing;
    const char *new_name;
    gboolean    flagged;
  } rules[] = {
    { "Siobhán O'Neill", "Shivaun ONeill", TRUE },
    { "William Jones", "Bill Jones", TRUE },
    { "William Jones", "William Jones", TRUE },
    { "William Jones", "Jones William", TRUE },
    { "William Jones", "Wiliam Jones", TRUE },
    { "William Jones", "William Henry Jones", TRUE },
    { "Niamh Kelly", "Neve Kelly", TRUE },
    { "Stephen Hargreaves", "Steven Hargreaves", TRUE },
    { "Rebecca Harding-Smith", "Becky Harding-Smith", TRUE },
    { "William Jones", "William James", FALSE },
    { "William Jones", "William", FALSE },
    { "William Jones", "Will", FALSE },
    { "Mark Jones", "Mary Jones", FALSE },
    { "Anna Jones", "Owen Jones", FALSE },
    { "Tom Kelly", "Tim Kelly", FALSE },
    { "Catherine Featherstone", "Kathryn James", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr(DeskStore) store = desk_test_new_store ("dup.db", NULL);
      g_autoptr(DeskChange) change = new_arrestee (ACTION, rules[i].existing, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) found = NULL;
      g_autofree char *path = desk_test_tmp_path ("dup.db");

      g_assert_true (desk_store_apply (store, change, &error));
      g_assert_no_error (error);
      found = desk_name_find_duplicates (store, ACTION, rules[i].new_name, NULL, &error);
      g_assert_no_error (error);
      if ((found->len > 0) != rules[i].flagged)
        g_error ("“%s” beside “%s”: expected %s, got %u matches (%.3f)",
                 rules[i].new_name, rules[i].existing, rules[i].flagged ? "a duplicate" : "none",
                 found->len, found->len ? ((DeskNameMatch *) g_ptr_array_index (found, 0))->score : 0);
      desk_store_close (store);
      g_clear_object (&store);
      g_remove (path);
    }

  /* In the crowd: only the same person, of the same action, not the record
   * being edited. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) found = desk_name_find_duplicates (crowd->store, ACTION, "Shivaun ONeill", NULL, &error);
    g_autoptr(GPtrArray) editing = desk_name_find_duplicates (crowd->store, ACTION, "Siobhán O'Neill",
                                                              crowd->ids[0], &error);
    g_autoptr(GPtrArray) elsewhere = desk_name_find_duplicates (crowd->store, OTHER_ACTION, "Shivaun ONeill",
                                                                NULL, &error);
    g_autoptr(GPtrArray) james = desk_name_find_duplicates (crowd->store, ACTION, "William James", NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpstr (((DeskNameMatch *) g_ptr_array_index (found, 0))->id, ==, crowd->ids[0]);
    g_assert_false (results_hold (editing, crowd->ids[0]));
    g_assert_false (results_hold (elsewhere, crowd->ids[0]));
    g_assert_false (results_hold (james, crowd->ids[1]));
  }
}

static void
test_normalize (void)
{
  static const struct
  {
    const char *name;
    const char *slots;   /* slots by "|", forms by "," */
  } cases[] = {
    { "Zoë  ASHWORTH", "zoe|ashworth" },
    { "O'Brien", "obrien,brien" },
    { "O’Brien", "obrien,brien" },
    { "Harding-Smith", "harding,hardingsmith|smith" },
    { "Ó Súilleabháin", "osuilleabhain,suilleabhain" },
    { "Dafydd ap Rhys", "dafydd|aprhys,rhys" },
    { "Di Smith", "di|smith" },
    { "Małgorzata Wiśniewska", "malgorzata|wisniewska" },
    { "Jones, William", "jones|william" },
    { "", "" },
    { "\xff\xfe", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) slots = desk_name_normalize (cases[i].name);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint s = 0; s < slots->len; s++)
        {
          g_autofree char *forms = g_strjoinv (",", g_ptr_array_index (slots, s));

          if (s > 0)
            g_string_append_c (text, '|');
          g_string_append (text, forms);
        }
      g_assert_cmpstr (text->str, ==, cases[i].slots);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/name-search/normalize", test_normalize);
  g_test_add ("/name-search/misspellings", Crowd, NULL, crowd_set_up, test_pairs, crowd_tear_down);
  g_test_add ("/name-search/ranked-with-reasons", Crowd, NULL, crowd_set_up, test_ranked_with_reasons,
              crowd_tear_down);
  g_test_add ("/name-search/action-filter", Crowd, NULL, crowd_set_up, test_action_filter, crowd_tear_down);
  g_test_add ("/name-search/duplicates", Crowd, NULL, crowd_set_up, test_duplicates, crowd_tear_down);
  g_test_add_func ("/name-search/write-path", test_write_path_keeps_index);
  g_test_add_func ("/name-search/rolled-back", test_rolled_back_write);
  g_test_add_func ("/name-search/other-connection", test_other_connection);

  status = g_test_run ();
  crowd_free (&shared_crowd);
  return status;
}
