#define G_LOG_DOMAIN "desk-name"

#include "config.h"

#include <string.h>

#include "desk-name-nicknames.h"

/* Written for ArrestDesk from common usage. Each line is one name, then its
 * short and pet forms; a form may belong to several names (Alex, Sam, Chris).
 * Spelling variants that only sound alike (Steven / Stephen) are left to the
 * phonetic key, small typos to the edit distance. */
static const char *const groups[] = {
  "abigail abby abbie abi gail",
  "abraham abe bram",
  "adam ad",
  "adrian ade",
  "adebayo ade bayo",
  "adeyemi ade yemi",
  "agnieszka aga agnes",
  "albert al bert bertie",
  "alan al",
  "alasdair ali alex alastair alistair",
  "alexander alex alec alexis sandy xander lex sasha al",
  "alexandra alex alexa lexi lexie sandra sasha ali",
  "alfred alf alfie fred freddie",
  "alice ali allie",
  "alison ali allie",
  "amanda mandy manda",
  "amelia millie mia amy",
  "andrew andy drew",
  "angela angie",
  "anne annie nan nancy",
  "ann annie nan",
  "anna annie",
  "anthony tony ant",
  "antonia toni",
  "archibald archie baldie",
  "arthur art artie",
  "barbara barb babs barbie",
  "bartholomew bart barty",
  "beatrice bea bee trixie",
  "benjamin ben benji benny",
  "benedict ben benny",
  "bernard bernie barney",
  "bethan beth",
  "bridget bridie biddy bridgit",
  "caroline caro carrie kaz",
  "catherine cathy kate katie kath cat kay kit",
  "katherine kathy kate katie kath kat kay kit",
  "kathleen kathy kath kate",
  "katarzyna kasia kasha kate",
  "catrin cat cati",
  "catriona cat trina",
  "cecilia cissy cecily celia",
  "charles charlie chas chuck chaz",
  "charlotte charlie lottie lotte lotty",
  "christina chris tina kirsty",
  "christine chris chrissie tina",
  "christopher chris kit topher",
  "christian chris",
  "clara clare",
  "clifford cliff",
  "colin col",
  "cornelius con neil",
  "cuthbert bert",
  "cynthia cindy",
  "daniel dan danny",
  "danielle dani",
  "david dave davy davie dai",
  "dafydd dai dave",
  "deborah debbie deb debs",
  "declan dec",
  "delroy del roy",
  "dennis den denny",
  "derek del",
  "dominic dom",
  "donald don donny",
  "dorothy dot dotty dolly",
  "douglas doug dougie",
  "edward ed eddie ted teddy ned",
  "edmund ed eddie ned",
  "edwin ed eddie",
  "eleanor ellie nell nellie elle nora",
  "elena ellie lena",
  "elizabeth liz lizzie lizzy beth betty bess bessie libby eliza lisa elsie betsy",
  "ellen ellie nell",
  "emily em emmy millie",
  "emma em emmy",
  "eugene gene",
  "euan ewan",
  "evelyn evie eve",
  "frances fran fanny frankie",
  "francis frank frankie fran",
  "frederick fred freddie freddy",
  "gabriel gabe gabby",
  "gabrielle gabby gabi",
  "gareth gaz gary",
  "gary gaz",
  "geoffrey geoff jeff",
  "george geordie georgie",
  "georgina georgie gina",
  "gerald gerry ged",
  "gerard gerry ged",
  "gillian gill jill gilly",
  "gordon gordie",
  "graham gray",
  "gregory greg",
  "gwendolyn gwen",
  "gwenllian gwen",
  "harold harry hal",
  "harriet hattie harry",
  "henry harry hal hank",
  "herbert herb bert",
  "hugh hughie",
  "ian iain",
  "isabel izzy bella issy isa isobel",
  "isabella izzy bella issy",
  "isobel izzy issy bella",
  "isaac ike zac",
  "jacob jake jack",
  "jakub kuba jake",
  "james jim jimmy jamie jem",
  "jane janey jenny",
  "janet jan jenny",
  "jasmine jas jaz jess",
  "jaswinder jas jassi",
  "jason jay jas",
  "jennifer jen jenny jenn",
  "jessica jess jessie",
  "joanna jo jojo joanne",
  "joanne jo jojo",
  "john jack johnny jonny jon",
  "jonathan jon jonny johnny nathan",
  "joseph joe joey jo",
  "josephine jo jojo josie",
  "joshua josh",
  "judith judy jude",
  "julia jules julie",
  "julian jules",
  "karen kaz",
  "kenneth ken kenny",
  "kimberley kim",
  "krzysztof krzys chris",
  "lawrence larry laurie",
  "laurence larry laurie",
  "leonard len lenny leo",
  "leslie les",
  "lewis lew lou",
  "louis lou",
  "louise lou lulu",
  "lucy lu",
  "lucas luke",
  "luke luka",
  "lukasz luke",
  "magdalena magda mags",
  "malgorzata gosia margaret",
  "margaret maggie meg peggy peg madge mags marge margie greta daisy rita",
  "marjorie marge margie",
  "martha mattie marty",
  "martin marty",
  "mark marky",
  "marcus marc",
  "marie mimi",
  "mary molly polly mae maria",
  "matilda tilly matty",
  "matthew matt matty",
  "maureen mo",
  "maximilian max",
  "maxwell max",
  "melanie mel",
  "melissa mel missy",
  "michael mike mick micky mikey mickey",
  "michal mike",
  "michelle shelley chelle",
  "miriam mim mimi",
  "mohammed mo mohammad mohamed muhammad",
  "muhammad mo",
  "nasreen naz",
  "natalie nat tally",
  "natasha tash tasha nat",
  "nathaniel nat nate nathan",
  "nicholas nick nicky nic nico",
  "nicola nicky nic nikki",
  "nigel nige",
  "norman norm",
  "oliver ollie olly",
  "olivia liv livvy ollie",
  "oscar ozzy oz",
  "oswald ozzy oz",
  "owain owen",
  "padraig paddy",
  "pamela pam",
  "patricia pat patty trish tricia",
  "patrick pat paddy",
  "paul pauly",
  "penelope penny pen",
  "peter pete",
  "philip phil pip",
  "phillip phil pip",
  "philippa pippa pip",
  "priscilla cilla",
  "rachel rach",
  "raymond ray",
  "rebecca becky becca bex beck",
  "richard rich richie rick ricky dick",
  "robert rob bob bobby robbie bert",
  "roberta bobbie",
  "rodney rod",
  "roger rodge",
  "ronald ron ronnie",
  "rosalind ros roz",
  "rosemary rosie rose",
  "rose rosie",
  "rosie ro",
  "rowan ro",
  "roisin ro",
  "samantha sam sammy sami",
  "samuel sam sammy",
  "samira sami",
  "sarah sally sadie",
  "sebastian seb",
  "sharon shaz",
  "siobhan shiv",
  "simon si",
  "sophia sophie",
  "sophie soph",
  "stanley stan",
  "stephanie steph stevie",
  "stephen steve stevie",
  "steven steve stevie",
  "stewart stu",
  "stuart stu",
  "susan sue susie suzy",
  "suzanne sue suzy",
  "terence terry tel",
  "theodore theo ted teddy",
  "theresa tess tessa terri",
  "thomas tom tommy",
  "tomos tom",
  "tomasz tomek tom",
  "timothy tim timmy",
  "tobias toby",
  "valerie val",
  "veronica ronnie vera",
  "victoria vicky tori vic",
  "vincent vince vinnie",
  "walter walt wally",
  "wendy wen",
  "william bill billy will willie willy liam wills",
  "winifred winnie freda",
  "winston winnie",
  "wojciech wojtek",
  "yvonne vonnie",
  "zachary zach zack zac",
  "zainab zainy",
  "zofia zosia sophie",
  "arjun arj",
  "rajesh raj",
  "rajiv raj",
  "devendra dev",
  "devinder dev",
  "harpreet harp",
  "gurpreet guri",
  "oluwaseun seun shola",
  "temitope temi tope",
  "chinedu chi",
  "chiamaka chi amaka",
  "folake fola",
  "fiona fi",
  "fionnuala nuala finola",
  "ferdinand ferdie",
  "finlay finn",
  "finnian finn",
  "florence flo florrie",
  "frederica freddie",
  "hamish hame",
  "imogen immy",
  "jeremy jerry jez",
  "kirsten kirsty",
  "kirsty kirst",
  "lachlan lachie",
  "mhairi mhari",
  "morag mo",
  "abena abi",
  "anjali anju",
  "benedikt ben",
  "bilal bil",
  "dominika domi",
  "ewelina ewa",
  "ewa ewka",
  "ioana ana",
  "joao jo",
  "yiannis giannis john",
  "gwilym will",
  "aled al",
  "iwan evan",
  "llewellyn llew",
  "rhiannon rhi",
  "rhydian rhi",
  NULL
};

typedef struct
{
  GHashTable *groups_of;  /* token → GArray of the indices of its lines */
  GHashTable *related;    /* token → GPtrArray of tokens */
  GPtrArray  *words;      /* the split lines, which the tables point into */
} Table;

static void
add_related (GHashTable *related,
             const char *a,
             const char *b)
{
  GPtrArray *list = g_hash_table_lookup (related, a);

  if (strcmp (a, b) == 0)
    return;
  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (related, (gpointer) a, list);
    }
  for (guint i = 0; i < list->len; i++)
    if (strcmp (g_ptr_array_index (list, i), b) == 0)
      return;
  g_ptr_array_add (list, (gpointer) b);
}

static Table *
table_get (void)
{
  static Table *table;

  if (g_once_init_enter (&table))
    {
      Table *made = g_new0 (Table, 1);

      made->groups_of = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                               (GDestroyNotify) g_array_unref);
      /* Kept for the life of the process, like the table itself. */
      made->words = g_ptr_array_new ();
      made->related = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                             (GDestroyNotify) g_ptr_array_unref);
      for (guint g = 0; groups[g] != NULL; g++)
        {
          char **words = g_strsplit (groups[g], " ", -1);

          g_ptr_array_add (made->words, words);
          for (guint w = 0; words[w] != NULL; w++)
            {
              GArray *list = g_hash_table_lookup (made->groups_of, words[w]);

              if (list == NULL)
                {
                  list = g_array_new (FALSE, FALSE, sizeof (guint));
                  g_hash_table_insert (made->groups_of, words[w], list);
                }
              g_array_append_val (list, g);
              for (guint o = 0; words[o] != NULL; o++)
                add_related (made->related, words[w], words[o]);
            }
        }
      g_once_init_leave (&table, made);
    }
  return table;
}

static const char *
group_head (guint g,
            char  *buffer,
            gsize  size)
{
  gsize n = strcspn (groups[g], " ");

  g_strlcpy (buffer, groups[g], MIN (n + 1, size));
  return buffer;
}

DeskNicknameRelation
desk_name_nickname_relation (const char *a,
                             const char *b)
{
  Table *table = table_get ();
  GArray *ga, *gb;
  DeskNicknameRelation best = DESK_NICKNAME_NONE;

  if (strcmp (a, b) == 0)
    return DESK_NICKNAME_NONE;
  ga = g_hash_table_lookup (table->groups_of, a);
  gb = g_hash_table_lookup (table->groups_of, b);
  if (ga == NULL || gb == NULL)
    return DESK_NICKNAME_NONE;

  for (guint i = 0; i < ga->len; i++)
    for (guint j = 0; j < gb->len; j++)
      {
        guint g = g_array_index (ga, guint, i);
        char head[32];

        if (g != g_array_index (gb, guint, j))
          continue;
        group_head (g, head, sizeof head);
        if (strcmp (head, a) == 0 || strcmp (head, b) == 0)
          return DESK_NICKNAME_FORMAL;
        best = DESK_NICKNAME_SIBLINGS;
      }
  return best;
}

gboolean
desk_name_is_known_given (const char *token)
{
  return g_hash_table_contains (table_get ()->groups_of, token);
}

const GPtrArray *
desk_name_nickname_related (const char *token)
{
  return g_hash_table_lookup (table_get ()->related, token);
}
