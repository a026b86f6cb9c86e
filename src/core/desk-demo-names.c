#define G_LOG_DOMAIN "desk-demo"

#include "config.h"

#include "desk-demo-names.h"

/* Names as people in Britain and Ireland write them: accents, apostrophes,
 * spaces and the Gaelic and Welsh particles are kept, because name matching
 * and sorting have to cope with them. None of these lists names a real
 * arrestee; the stations are real custody suites so the data reads right. */

static const char *const given_names[] = {
  /* English */
  "Oliver", "George", "Harry", "Jack", "Charlie", "Thomas", "James", "William",
  "Alfie", "Freddie", "Oscar", "Henry", "Archie", "Joshua", "Samuel", "Daniel",
  "Benjamin", "Edward", "Matthew", "Luke", "Joseph", "Toby", "Theo", "Max",
  "Olivia", "Amelia", "Ava", "Emily", "Sophie", "Grace", "Lily", "Poppy",
  "Jessica", "Charlotte", "Hannah", "Ellie", "Chloe", "Lucy", "Holly", "Freya",
  "Imogen", "Rosie", "Harriet", "Florence", "Beatrice", "Eleanor", "Matilda",
  "Phoebe", "Rebecca", "Rachel", "Helen", "Margaret", "Susan", "Gillian",
  "Pauline", "Nigel", "Graham", "Trevor", "Keith", "Geoffrey", "Barbara",
  "Alex", "Sam", "Robin", "Jamie", "Frankie", "Rowan", "Ash", "Kit", "Jude",
  /* Scottish */
  "Eilidh", "Mhairi", "Hamish", "Callum", "Ewan", "Fraser", "Struan",
  "Alasdair", "Iain", "Kirsty", "Morag", "Catriona", "Isla", "Ailsa", "Euan",
  "Lachlan", "Ruaridh", "Morven", "Seonaid",
  /* Welsh */
  "Dylan", "Rhys", "Gethin", "Catrin", "Cerys", "Siân", "Rhiannon", "Bethan",
  "Carys", "Ffion", "Dafydd", "Gareth", "Owain", "Iwan", "Llinos", "Nia",
  "Elin", "Hywel", "Aled", "Gwenllian", "Tomos", "Osian", "Mared",
  /* Irish */
  "Siobhán", "Niamh", "Aoife", "Caoimhe", "Tadhg", "Oisín", "Saoirse",
  "Ciarán", "Cian", "Darragh", "Eoin", "Pádraig", "Róisín", "Orla", "Clodagh",
  "Aisling", "Seán", "Éanna", "Fiachra", "Gráinne", "Méabh", "Sorcha",
  "Conor", "Declan", "Dervla", "Ruairí", "Síle",
  /* South Asian British */
  "Priya", "Arjun", "Aaliyah", "Aisha", "Ayesha", "Fatima", "Zainab", "Imran",
  "Mohammed", "Muhammad", "Bilal", "Hamza", "Zara", "Anjali", "Ravi", "Rohan",
  "Sanjay", "Deepa", "Nikhil", "Harpreet", "Gurpreet", "Jaswinder", "Simran",
  "Kiran", "Nadia", "Yusuf", "Rahul", "Sunita", "Tariq", "Nasreen", "Farhan",
  "Anika",
  /* Caribbean British */
  "Marcus", "Jermaine", "Delroy", "Tyrone", "Leroy", "Shanice", "Chantelle",
  "Kemar", "Kareem", "Tianna", "Jada", "Winston", "Errol", "Marcia",
  "Paulette",
  /* African British */
  "Kwame", "Kofi", "Ama", "Abena", "Chidi", "Chiamaka", "Ngozi", "Oluwaseun",
  "Tunde", "Folake", "Adaeze", "Emeka", "Chinedu", "Ifeoma", "Temitope",
  "Yetunde", "Abdi", "Amina", "Hodan", "Tendai", "Thandiwe", "Kwesi", "Femi",
  "Yaw",
  /* Polish British */
  "Zofia", "Agnieszka", "Małgorzata", "Katarzyna", "Krzysztof", "Piotr",
  "Paweł", "Tomasz", "Łukasz", "Wojciech", "Magdalena", "Joanna", "Michał",
  "Jakub", "Ewa",
  /* and the rest of a London crowd */
  "Maria", "João", "Andrei", "Ioana", "Mehmet", "Elif", "Yiannis", "Wei",
  "Mei", "Linh", "Noor", "Yasmin", "Leila",
};

static const char *const family_names[] = {
  /* English */
  "Smith", "Jones", "Williams", "Brown", "Taylor", "Johnson", "Wilson",
  "Roberts", "Walker", "Wright", "Robinson", "Thompson", "White", "Hughes",
  "Edwards", "Green", "Hall", "Wood", "Harris", "Lewis", "Martin", "Jackson",
  "Clarke", "Turner", "Hill", "Scott", "Cooper", "Morris", "Ward", "Moore",
  "King", "Watson", "Baker", "Harrison", "Young", "Allen", "Mitchell",
  "Parker", "Bennett", "Cook", "Shaw", "Holmes", "Fletcher", "Pearce",
  "Atkinson", "Ashworth", "Featherstone", "Greenwood", "Fairclough",
  "Hargreaves", "Sutcliffe", "Butterworth", "Postlethwaite", "Harding-Smith",
  /* Welsh */
  "Davies", "Evans", "Thomas", "Griffiths", "Price", "Powell", "Pritchard",
  "Llewellyn", "Vaughan", "Rees", "Hopkins", "ap Rhys", "ap Gwilym",
  "Jenkins", "Bowen", "Prosser", "Parry", "Pugh", "Owen", "Lloyd", "Morgan",
  /* Scottish */
  "MacDonald", "McLeod", "Campbell", "Stewart", "Robertson", "Murray",
  "MacKenzie", "Fraser", "Ross", "Henderson", "Paterson", "McLaren",
  "MacIntyre", "Sinclair", "Munro", "Buchanan", "Drummond", "Ferguson",
  "Mackay", "MacGregor", "Urquhart", "Menzies",
  /* Irish */
  "Ó Súilleabháin", "O'Brien", "Ní Bhriain", "Murphy", "Kelly", "O'Sullivan",
  "Walsh", "Byrne", "Ryan", "O'Connor", "O'Neill", "McCarthy", "Doyle",
  "Gallagher", "Kennedy", "Lynch", "Quinn", "Ó Ceallaigh", "Ní Dhomhnaill",
  "Ó Murchú", "Ní Mhurchú", "Mac Cárthaigh", "Fitzgerald", "Brennan",
  "Donnelly", "McGuinness", "O'Driscoll", "Breathnach", "de Búrca",
  /* South Asian British */
  "Patel", "Khan", "Begum", "Ahmed", "Ali", "Hussain", "Shah", "Singh",
  "Kaur", "Sharma", "Gupta", "Chowdhury", "Rahman", "Iqbal", "Mistry",
  "Parmar", "Sandhu", "Gill", "Dhillon", "Bhatt", "Akhtar", "Malik",
  "Mahmood", "Siddiqui", "Desai", "Joshi", "Nair", "Pillai",
  /* African and Caribbean British */
  "Okafor", "Adeyemi", "Okonkwo", "Mensah", "Asante", "Boateng", "Owusu",
  "Adebayo", "Nwosu", "Eze", "Osei", "Okoro", "Mwangi", "Ndlovu", "Moyo",
  "Hassan", "Warsame", "Mohamed", "Bailey", "Beckford", "Brathwaite",
  "Forde", "Gayle", "McKenzie", "Samuels", "Francis", "Charles",
  /* Polish British */
  "Kowalski", "Nowak", "Wiśniewska", "Wójcik", "Kowalczyk", "Kamińska",
  "Lewandowski", "Zieliński", "Szymańska", "Woźniak", "Dąbrowski",
  "Kozłowski", "Mazur", "Krawczyk",
  /* and the rest */
  "Yılmaz", "Demir", "Popescu", "Ionescu", "Silva", "Santos", "Pereira",
  "Nguyen", "Chen", "Wong", "Papadopoulos", "Georgiou", "Rossi", "Cohen",
  "Levy", "Kaplan",
};

/* What people ask to be called, often nothing like the legal name. */
static const char *const nicknames[] = {
  "Bex", "Jonny", "Mo", "Kaz", "Sami", "Raj", "Ellie", "Dan", "Nic", "Tash",
  "Beth", "Fi", "Jas", "Tom", "Kasia", "Ade", "Shiv", "Mags", "Paddy", "Gaz",
  "Jojo", "Ozzy", "Lexi", "Benji", "Charlie", "Sunny", "Red", "Wren", "River",
  "Sky", "Finn", "Nell", "Ro", "Bea", "Izzy", "Lotte", "Pip", "Dev",
};

/* Where people are arrested, by the city whose custody suites take them. */
static const DeskDemoPlace arrest_places[] = {
  { "Parliament Square, Westminster", "London" },
  { "Lambeth Bridge, north end", "London" },
  { "Westminster Bridge", "London" },
  { "Whitehall, outside the Cabinet Office", "London" },
  { "Trafalgar Square, Nelson's Column", "London" },
  { "Oxford Circus", "London" },
  { "Waterloo Bridge, mid-span", "London" },
  { "Marble Arch", "London" },
  { "Bank junction", "London" },
  { "Cabot Square, Canary Wharf", "London" },
  { "Horse Guards Road", "London" },
  { "Millbank, outside Thames House", "London" },
  { "Victoria Street, by the station", "London" },
  { "Piccadilly Circus", "London" },
  { "Tower Bridge approach", "London" },
  { "Vauxhall Bridge roundabout", "London" },
  { "Strand, outside the Royal Courts of Justice", "London" },
  { "Bishopsgate", "London" },
  { "Euston Road, outside the British Library", "London" },
  { "Blackfriars Bridge", "London" },
  { "Hyde Park Corner", "London" },
  { "Kensington High Street", "London" },
  { "M25 gantry, junction 30", "London" },
  { "Heathrow, Northern Perimeter Road", "London" },
  { "College Green", "Bristol" },
  { "Avonmouth docks", "Bristol" },
  { "St Peter's Square", "Manchester" },
  { "Deansgate", "Manchester" },
  { "Briggate", "Leeds" },
  { "Victoria Square", "Birmingham" },
  { "Outside the Senedd, Cardiff Bay", "Cardiff" },
  { "Old Steine", "Brighton" },
  { "King's Parade", "Cambridge" },
  { "George Square", "Glasgow" },
  { "Princes Street", "Edinburgh" },
};

static const char *const offences[] = {
  "Obstruction of the highway (s.137 Highways Act 1980)",
  "Failure to comply with s.14 condition (Public Order Act 1986)",
  "Failure to comply with s.12 condition (Public Order Act 1986)",
  "Criminal damage (s.1 Criminal Damage Act 1971)",
  "Aggravated trespass (s.68 Criminal Justice and Public Order Act 1994)",
  "Wilful obstruction of a constable (s.89 Police Act 1996)",
  "Public nuisance (s.78 Police, Crime, Sentencing and Courts Act 2022)",
  "Locking on (s.1 Public Order Act 2023)",
  "Being equipped for locking on (s.2 Public Order Act 2023)",
  "Interference with key national infrastructure (s.7 Public Order Act 2023)",
  "Going equipped to cause criminal damage (s.3 Criminal Damage Act 1971)",
  "Conspiracy to cause criminal damage",
  "Harassment, alarm or distress (s.5 Public Order Act 1986)",
  "Breach of the peace (arrested to prevent)",
  "Breach of bail conditions",
  "Obstructing engines or carriages on railways (s.36 Malicious Damage Act 1861)",
};

static const char *const solicitors[] = {
  "Duty solicitor",
  "Duty solicitor",
  "Duty solicitor (declined)",
  "Harrow & Keane Solicitors",
  "Moss Lane Legal",
  "Okonjo Brightwell LLP",
  "Fairbairn Criminal Defence",
  "Quill Street Law",
  "Mercer Aldous & Co",
  "Lindqvist Hale Solicitors",
  "Tamsin Crewe Associates",
  "Ó Dálaigh & Partners",
};

static const char *const courts[] = {
  "Westminster Magistrates' Court",
  "Highbury Corner Magistrates' Court",
  "Stratford Magistrates' Court",
  "Thames Magistrates' Court",
  "Croydon Magistrates' Court",
  "Willesden Magistrates' Court",
  "Bromley Magistrates' Court",
  "Uxbridge Magistrates' Court",
  "Bristol Magistrates' Court",
  "Manchester and Salford Magistrates' Court",
  "Leeds Magistrates' Court",
  "Birmingham Magistrates' Court",
  "Cardiff Magistrates' Court",
};

static const char *const welfare[] = {
  "Asthma; inhaler taken at arrest",
  "Type 1 diabetic, needs insulin by evening",
  "Anxiety; asked that partner be told",
  "Vegan meals requested",
  "Glasses taken at arrest, cannot read without them",
  "Wrist hurt by cuffs; seen by custody nurse",
  "Wheelchair user; chair left at the scene",
  "ADHD medication due at 18:00",
  "Panic attacks; custody nurse informed",
  "Coeliac",
  "Deaf; needs a BSL interpreter",
  "Pregnant",
  "Epilepsy medication in bag at the scene",
  "Cold and wet after the bridge, asked for a blanket",
};

static const char *const relations[] = {
  "partner", "mother", "father", "sister", "brother", "friend", "flatmate",
  "husband", "wife", "daughter", "son", "grandmother",
};

static const char *const summaries_arrest[] = {
  "LO reports arrest; arrestee calm, put in a van",
  "Arrest witnessed by LO; name and date of birth confirmed",
  "LO reports several arrests at the lock-on",
  "LO reports arrest of a glued-on rebel, specialist team called",
  "LO reports arrest during the march; no injuries seen",
  "LO saw arrest, could not hear the offence given",
};

static const char *const summaries_arrest_self[] = {
  "Arrestee called from the van before the phone was taken",
  "Arrestee rang with bust card details; asked for a solicitor",
  "Arrestee called to say they are being arrested; gave name and date of birth",
  "Arrestee rang while waiting for transport; station not known yet",
};

static const char *const summaries_arrest_witness[] = {
  "Affinity group member reports arrest, station not known yet",
  "Arrest form came in online; followed up by phone",
  "Friend saw the arrest and has the arrestee's bag",
  "Passer-by reports an arrest; details confirmed with LO",
};

static const char *const summaries_custody[] = {
  "Custody called to confirm arrival and check-in",
  "Arrestee's phone call: asked us to tell partner",
  "Police confirmed arrestee is in custody; solicitor requested",
  "Custody sergeant: interview expected this evening",
  "Solicitor confirms client seen and interviewed",
  "Police would not confirm custody over the phone",
  "Custody desk says arrestee is being held for a review",
  "PSS outside the station asking who is still inside",
};

static const char *const summaries_release[] = {
  "Arrestee released, met by PSS outside",
  "PSS reports release, lift home arranged",
  "Arrestee released under investigation, property returned",
  "Released late at night, PSS arranged a taxi",
  "Arrestee called after release, all well",
  "Bailed to return; conditions explained",
  "Released with no further action",
  "Released; phone kept as evidence",
};

static const char *const summaries_family[] = {
  "Parent asking where their child was taken; name confirmed",
  "Partner asked for news; told which station",
  "Friend offering to be PSS at the station",
  "Flatmate bringing medication to the station",
  "Friend asked about arrestee but had no full name; nothing given",
  "Employer rang; nothing confirmed, referred to BOC",
};

static const char *const tasks[] = {
  "Find a PSS for the release",
  "Call custody for an update",
  "Pass welfare concern to the BOC",
  "Check whether the solicitor has attended",
  "Ring the emergency contact",
  "Arrange a lift home after release",
  "Chase return of property",
  "Send the release form link to the arrestee",
  "Confirm court date with the solicitor",
  "Ask the station about medication",
};

static const char *const arrestee_notes[] = {
  "Asked for no contact with employer",
  "Asked for no press contact",
  "Keys with a friend on site",
  "First arrest",
  "Arrested before at a previous action",
  "Bike locked at the scene",
  "Wants a call from the Back Office after release",
  "Gave no comment in interview",
};

static const char *const volunteer_notes[] = {
  "Has a car",
  "Can do nights",
  "First time as PSS",
  "Speaks Polish",
  "Welsh speaker",
  "Bringing flasks and snacks",
  "Only until 22:00",
  "Experienced; can lead the group",
  "Lives ten minutes from the station",
  "Has a spare phone charger pack",
};

static const DeskDemoStation stations[] = {
  { "Charing Cross", "Agar Street, London WC2N 4JP", "Westminster", "CX", "London" },
  { "Brixton", "367 Brixton Road, London SW9 7DD", "Lambeth", "BX", "London" },
  { "Bethnal Green", "12 Victoria Park Square, London E2 9NZ", "Tower Hamlets", "BG", "London" },
  { "Lewisham", "43 Lewisham High Street, London SE13 5JZ", "Lewisham", "LW", "London" },
  { "Wembley", "603 Harrow Road, London HA0 2HH", "Brent", "WM", "London" },
  { "Leyton", "215 Francis Road, London E10 6NJ", "Waltham Forest", "LY", "London" },
  { "Stoke Newington", "33 Stoke Newington High Street, London N16 8DS", "Hackney", "SN", "London" },
  { "Croydon", "71 Park Lane, Croydon CR0 1BY", "Croydon", "CD", "London" },
  { "Islington", "2 Tolpuddle Street, London N1 0YY", "Islington", "IS", "London" },
  { "Walworth", "12 Manor Place, London SE17 3RL", "Southwark", "WW", "London" },
  { "Wimbledon", "15 Queens Road, London SW19 8NN", "Merton", "WI", "London" },
  { "Kingston", "5 High Street, Kingston upon Thames KT1 1LB", "Kingston", "KT", "London" },
  { "Sutton", "6 Carshalton Road, Sutton SM1 4RF", "Sutton", "SU", "London" },
  { "Colindale", "Grahame Park Way, London NW9 5TW", "Barnet", "CO", "London" },
  { "Ilford", "270 High Road, Ilford IG1 1GT", "Redbridge", "IL", "London" },
  { "Bromley", "High Street, Bromley BR1 1ER", "Bromley", "BR", "London" },
  { "Tottenham", "398 High Road, London N17 9JA", "Haringey", "TO", "London" },
  { "Hammersmith", "226 Shepherd's Bush Road, London W6 7NX", "Hammersmith and Fulham", "HM", "London" },
  { "Uxbridge", "1 Warwick Place, Uxbridge UB8 1PG", "Hillingdon", "UX", "London" },
  { "Heathrow", "Polar Park, Bath Road, West Drayton UB7 0DG", "Hillingdon", "HR", "London" },
  { "Forest Gate", "350 Romford Road, London E7 8BS", "Newham", "FG", "London" },
  { "Romford", "19 Main Road, Romford RM1 3BJ", "Havering", "RF", "London" },
  { "Bexleyheath", "2 Arnsberg Way, Bexleyheath DA7 4QS", "Bexley", "BH", "London" },
  { "Plumstead", "200 Plumstead High Street, London SE18 1JY", "Greenwich", "PL", "London" },
  { "Lavender Hill", "176 Lavender Hill, London SW11 1JX", "Wandsworth", "LH", "London" },
  { "Bristol Patchway", "Highwood Lane, Patchway, Bristol BS34 5DQ", "Avon and Somerset", "PW", "Bristol" },
  { "Manchester Central", "Northampton Road, Manchester M40 5BP", "Greater Manchester", "MC", "Manchester" },
  { "Cheadle Heath", "Stockport Road, Stockport SK3 0RY", "Greater Manchester", "CH", "Manchester" },
  { "Leeds Elland Road", "Elland Road, Leeds LS11 8BU", "West Yorkshire", "LE", "Leeds" },
  { "Birmingham Perry Barr", "Walsall Road, Birmingham B42 1TN", "West Midlands", "PB", "Birmingham" },
  { "Cardiff Bay", "James Street, Cardiff CF10 5EW", "South Wales", "CB", "Cardiff" },
  { "Brighton Hollingbury", "Hollingbury Custody Centre, Brighton BN1 8AF", "Sussex", "HO", "Brighton" },
  { "Cambridge Parkside", "Parkside, Cambridge CB1 1JG", "Cambridgeshire", "CP", "Cambridge" },
  { "Glasgow London Road", "2 Tobago Street, Glasgow G40 2RH", "Greater Glasgow", "GL", "Glasgow" },
  { "Edinburgh St Leonard's", "14 St Leonard's Street, Edinburgh EH8 9QW", "Edinburgh", "SL", "Edinburgh" },
};

typedef struct
{
  const char *const *items;
  guint              n_items;
} List;

#define LIST(a) { a, G_N_ELEMENTS (a) }

static const List lists[DESK_DEMO_N_LISTS] = {
  [DESK_DEMO_LIST_GIVEN_NAMES] = LIST (given_names),
  [DESK_DEMO_LIST_FAMILY_NAMES] = LIST (family_names),
  [DESK_DEMO_LIST_NICKNAMES] = LIST (nicknames),
  [DESK_DEMO_LIST_OFFENCES] = LIST (offences),
  [DESK_DEMO_LIST_SOLICITORS] = LIST (solicitors),
  [DESK_DEMO_LIST_COURTS] = LIST (courts),
  [DESK_DEMO_LIST_WELFARE] = LIST (welfare),
  [DESK_DEMO_LIST_RELATIONS] = LIST (relations),
  [DESK_DEMO_LIST_SUMMARIES_ARREST] = LIST (summaries_arrest),
  [DESK_DEMO_LIST_SUMMARIES_ARREST_SELF] = LIST (summaries_arrest_self),
  [DESK_DEMO_LIST_SUMMARIES_ARREST_WITNESS] = LIST (summaries_arrest_witness),
  [DESK_DEMO_LIST_SUMMARIES_CUSTODY] = LIST (summaries_custody),
  [DESK_DEMO_LIST_SUMMARIES_RELEASE] = LIST (summaries_release),
  [DESK_DEMO_LIST_SUMMARIES_FAMILY] = LIST (summaries_family),
  [DESK_DEMO_LIST_TASKS] = LIST (tasks),
  [DESK_DEMO_LIST_ARRESTEE_NOTES] = LIST (arrestee_notes),
  [DESK_DEMO_LIST_VOLUNTEER_NOTES] = LIST (volunteer_notes),
};

const char *const *
desk_demo_names_list (DeskDemoList  list,
                      guint        *n_items)
{
  g_return_val_if_fail (list < DESK_DEMO_N_LISTS, NULL);
  g_return_val_if_fail (n_items != NULL, NULL);

  *n_items = lists[list].n_items;
  return lists[list].items;
}

const DeskDemoPlace *
desk_demo_names_places (guint *n_items)
{
  g_return_val_if_fail (n_items != NULL, NULL);

  *n_items = G_N_ELEMENTS (arrest_places);
  return arrest_places;
}

const DeskDemoStation *
desk_demo_names_stations (guint *n_items)
{
  g_return_val_if_fail (n_items != NULL, NULL);

  *n_items = G_N_ELEMENTS (stations);
  return stations;
}
