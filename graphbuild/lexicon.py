"""Word lists the extraction and resolution rules read: data, not code.

Every rule that needs a list of words reads it from here, so a reader can see (and extend)
what graphbuild knows about English without reading the rules.
"""

from __future__ import annotations

# Named-entity labels that become nodes. Numbers, dates and amounts are attributes of a
# statement, not things a reader looks for in a network.
ENTITY_LABELS = frozenset({
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
    "LANGUAGE",
})

# Head words of titles and roles ("Secretary of State", "UN envoy", "chief executive").
TITLE_HEADS = frozenset("""
president vice-president president-elect premier chancellor minister secretary undersecretary
envoy ambassador consul diplomat mediator negotiator emissary spokesman spokeswoman spokesperson
chairman chairwoman chairperson chair chief head leader director boss founder co-founder
executive ceo cfo coo cto manager governor mayor senator congressman congresswoman
representative lawmaker legislator mp deputy commissioner commander general admiral colonel
major captain lieutenant sergeant officer official king queen prince princess emperor
monarch sultan emir sheikh pope cardinal archbishop bishop imam rabbi judge justice attorney
prosecutor lawyer counsel adviser advisor analyst economist professor editor correspondent
constable comptroller treasurer
reporter member coach striker midfielder defender goalkeeper player owner partner investor
""".split())

# Words that may precede a title head inside the title ("Foreign Minister", "Deputy Chief").
TITLE_MODIFIERS = frozenset("""
acting assistant associate chief co deputy defence defense economy education energy executive
finance first foreign former general health home interior junior justice labour labor managing
national prime principal senior special state trade transport treasury vice top
""".split())

# Words that, capitalised in front of a title, are part of it and no affiliation, though the
# NER may tag them as one ("New Home Secretary", "Shadow Home Secretary").
TITLE_ONLY_WORDS = TITLE_MODIFIERS | frozenset({"new", "shadow", "outgoing", "incoming"})

# Words of rank that make another role of the one they precede: a "vice president" or a
# "deputy leader" is not the president or the leader, and the relation keeps the word.
RANK_MODIFIERS = frozenset("acting assistant associate deputy interim prime vice".split())
# Words in front of a role or a part that say it is over: "former Tory leader X", "a former
# unit of Gazprom" (the relation becomes "former ... of", with no schema class).
FORMER_MODIFIERS = frozenset({"former", "ex", "ex-"})

# Honorifics dropped from the front of a person's name ("Mr", "Dr.").
HONORIFICS = frozenset("""
mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame madam mme m. st. rev rev. gen gen.
col col. lt lt. sgt sgt. capt capt. sen sen. rep rep. gov gov. pres pres. president
""".split())

# Titles of rank that are part of a name: never stripped ("Lord Coe", "Prince Charles").
TITLES_IN_NAMES = frozenset("""
lord lady king queen prince princess emperor empress pope sheikh emir sultan baroness baron
duke duchess earl count countess
""".split())

# Name particles written joined to a surname, ignored when comparing a surname with a full name
# ("al-Assad" ~ "Assad").
ATTACHED_NAME_PARTICLES = ("al-", "el-", "al ", "el ")

# Lower-case words that may stand inside a proper name ("Staffan de Mistura"): a run of proper
# nouns may go through them.
NAME_PARTICLE_WORDS = frozenset({"de", "da", "del", "van", "von", "al", "bin", "ibn", "le",
                                 "la", "lo", "di", "du", "dos", "das", "della", "der", "ter"})

# Words a mention never starts with ("the United States").
DETERMINERS = frozenset({"the", "a", "an"})

# Honorifics only a person's surname takes ("Mr Howard" is no first name; "Lord" also starts
# "Lord's", the ground, and "Sir Howard" is a first name).
SURNAME_HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss"})

# Honorifics and titles of rank that say whether a person is a man ("m") or a woman ("f").
GENDERED_HONORIFICS = {
    "mr": "m", "mr.": "m", "mister": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m",
    "baron": "m", "duke": "m", "earl": "m", "count": "m", "emperor": "m", "sultan": "m",
    "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "dame": "f", "lady": "f",
    "madam": "f", "mme": "f", "queen": "f", "princess": "f", "baroness": "f", "duchess": "f",
    "countess": "f", "empress": "f",
}

# Suffixes after a person's name that are not part of it ("Mark Felt Sr", "Paul Boateng MP").
NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "junior", "senior"})
TITLES_AFTER_NAMES = frozenset({"mp", "mep", "msp", "qc", "mla", "am", "obe", "mbe", "cbe",
                                "kbe", "phd", "md"})

# Legal and descriptive suffixes of company names: "Acme Corp." and "Acme Motor Co." are Acme.
ORGANISATION_SUFFIXES = frozenset("""
inc incorporated corp corporation co company cos plc ltd limited llc llp lp group holdings
holding ag sa se nv bv gmbh spa srl oyj ab asa kk motor motors international intl
""".split())

# Words after a public service that name the same body: "Staunton Police Department" is the
# "Staunton Police", and so are "Staunton Police Force" and "Staunton Police Service".
PUBLIC_SERVICES = frozenset({"police", "fire", "ambulance", "sheriff", "sheriff's"})
SERVICE_SUFFIXES = frozenset({"department", "dept", "force", "service", "office"})

# Generic heads of facility and organisation names: within an article, "Betty Ford" and the
# "Betty Ford Center" named before it are one place. Spelling variants are read as one.
GENERIC_HEADS = frozenset("""
center centre hospital clinic stadium arena airport station university college school
institute foundation museum theatre theater hotel club prison jail court party
""".split())
# Institutions that news of one country names for several places: the bare word is not
# short for the one a place's name gave in another article ("Parliament" in a London report
# is not the "Scottish Parliament" or the "European Parliament"). ("Congress" is the US one.)
INSTITUTION_WORDS = frozenset({"parliament", "assembly"})
SPELLING_VARIANTS = {"centre": "center", "theatre": "theater", "defence": "defense",
                     "organisation": "organization", "mt": "mount", "ft": "fort"}

# English given names and their common short forms (hypocorisms): "Fred LaRue" is "Frederick
# LaRue", "Mo Cheeks" is "Maurice Cheeks". A short form is read as the full name only when
# the corpus holds one full name of that surname that it can stand for (see
# ``resolve._formal_firsts``): "Mo" is short for Maurice, Maureen and Mohammed.
HYPOCORISMS = {
    "abraham": "abe", "albert": "bert bertie", "alexander": "alex sandy",
    "alexandra": "alex sandra", "alfred": "alf alfie fred", "andrew": "andy drew",
    "anthony": "tony", "antonio": "tony", "barbara": "barb babs", "benjamin": "ben benny",
    "bernard": "bernie", "beverley": "bev", "catherine": "cathy kate katie",
    "katherine": "kathy kate katie", "kathryn": "kathy kate katie", "charles": "charlie chuck",
    "christopher": "chris", "christine": "chris", "daniel": "dan danny", "david": "dave davy",
    "deborah": "debbie deb", "donald": "don", "douglas": "doug", "edward": "ed eddie ted ned",
    "elizabeth": "liz lizzie beth betty bette bettie", "eugene": "gene", "francis": "frank",
    "frederick": "fred freddie", "gerald": "gerry jerry", "gregory": "greg", "henry": "harry hank",
    "jacob": "jake", "james": "jim jimmy jamie", "jeffrey": "jeff", "jennifer": "jen jenny",
    "jerome": "jerry", "john": "jack johnny", "jonathan": "jon", "joseph": "joe joey",
    "joshua": "josh", "judith": "judy", "kenneth": "ken kenny", "lawrence": "larry",
    "leonard": "len lenny", "louis": "lou", "margaret": "maggie meg peggy", "matthew": "matt",
    "maureen": "mo", "maurice": "mo", "michael": "mike mick mickey", "mohammed": "mo",
    "nicholas": "nick", "patricia": "pat patty", "patrick": "pat paddy", "peter": "pete",
    "philip": "phil", "phillip": "phil", "raymond": "ray", "rebecca": "becky",
    "richard": "rick dick rich", "robert": "rob bob bobby", "ronald": "ron ronnie",
    "samuel": "sam", "stephen": "steve", "steven": "steve", "susan": "sue susie",
    "theodore": "ted teddy", "thomas": "tom tommy", "timothy": "tim", "victoria": "vicky",
    "vincent": "vince", "walter": "walt", "william": "bill billy will", "zachary": "zach",
}
"""Full given name -> its short forms, space-separated."""

# Heads of geographic names: "the Mediterranean Sea" is also "the Mediterranean" (when that is
# a place of the corpus too).
GEOGRAPHIC_HEADS = frozenset("""
sea ocean river lake mountains mountain mount island islands desert valley peninsula gulf bay
strait channel canal national park
""".split())

# Parties and political groups: singular, plural, adjective and short forms of one name
# ("Tory", "Tories", "Conservatives", "Conservative Party" -> "conservative party").
# Plural "-s" and a trailing "party" are undone by rule; these are the forms no rule derives.
PARTY_FORMS = {
    "tory": "conservative", "tories": "conservative", "lib dem": "liberal democrat",
    "lib dems": "liberal democrat", "libdem": "liberal democrat", "libdems": "liberal democrat",
    "liberal democratic": "liberal democrat", "democratic": "democrat", "gop": "republican",
    "grand old party": "republican",
}
# Head words of the names that the party rule applies to (a name of one of these words, or
# one of them and "party").
PARTY_WORDS = frozenset({
    "conservative", "labour", "liberal democrat", "democrat", "republican", "green",
    "nationalist", "unionist", "socialist", "communist", "liberal",
})

# Words of party names that may stand before a person's name as a descriptor ("Tory Liam
# Fox", "Lib Dem Norman Baker"): they become a mention of the party.
PARTY_NAME_WORDS = frozenset({
    "tory", "tories", "labour", "conservative", "conservatives", "lib", "dem", "dems",
    "libdem", "liberal", "liberals", "democrat", "democrats", "democratic", "republican",
    "republicans",
    "snp", "ukip", "plaid", "unionist", "dup", "sdlp", "gop",
})

# Of those, the words that are a party's name alone, never a person's ("Labour's Paul Flynn"
# when the NER tags "Labour" PERSON): "Liberal", "Green" or "Conservative" may be surnames.
PARTY_NAMES_ALONE = frozenset({
    "labour", "tory", "tories", "conservatives", "ukip", "snp", "dup", "sdlp", "plaid",
    "libdem",
})

# Two-word party names whose first word the NER leaves out ("Liberal Democrat leader Charles
# Kennedy" tagged "Democrat", which is not the US party).
PARTY_NAME_PAIRS = frozenset({
    ("liberal", "democrat"), ("liberal", "democrats"), ("liberal", "democratic"),
    ("social", "democrat"), ("social", "democrats"), ("christian", "democrat"),
    ("christian", "democrats"), ("free", "democrats"),
})

# Nouns that describe a person and may stand before the name, capitalised at the start of a
# sentence ("Backbencher Stephen Pound", "Veteran John Smith").
DESCRIPTOR_NOUNS = frozenset("""
backbencher frontbencher veteran campaigner activist rebel hardliner moderate candidate
newcomer rookie former ex incumbent actress actor singer rapper star comedian author writer
novelist businessman businesswoman tycoon billionaire millionaire entrepreneur suspect
defendant victim
""".split())
# Those of them that are a role the person holds, kept as a title ("Backbencher Stephen
# Pound" -> Stephen Pound, title "Backbencher"); "Veteran", "Former" or "Suspect" are not.
DESCRIPTOR_ROLES = frozenset("""
backbencher frontbencher campaigner activist candidate actress actor singer rapper comedian
author writer novelist businessman businesswoman tycoon entrepreneur
""".split()) & DESCRIPTOR_NOUNS

# Nouns that name a person by role or kind, not by name ("the home secretary", "the
# minister", "the man"): the subject of a reporting verb that is one of these is the likeliest
# antecedent of a "he"/"she" in what it reports ("The home secretary admitted he was wrong").
PERSON_NOUNS = TITLE_HEADS | DESCRIPTOR_NOUNS | frozenset("""
man woman boy girl person father mother son daughter husband wife brother sister widow
""".split())

# Nouns of kin between two people ("Mr Blair's wife Cherie", "X, the son of Y"), and the
# schema.org class each gives its relation ("wife of": spouse).
KIN_NOUNS = {
    "wife": "spouse", "husband": "spouse", "widow": "spouse", "widower": "spouse",
    **{noun: "relatedTo" for noun in """son daughter father mother brother sister uncle aunt
    nephew niece cousin grandson granddaughter grandfather grandmother stepson stepdaughter
    stepfather stepmother""".split()},
}

# "House of Commons" ~ "Commons", "House of Lords" ~ "Lords": institutions also called by the
# noun after "of". Only these heads: "House of Fraser" is a shop.
HOUSE_OF = frozenset({"commons", "lords", "representatives", "keys", "assembly", "councillors"})

# Country names that pycountry lacks or writes differently (its names are "Russian
# Federation", "Türkiye", "Viet Nam"): the short forms news uses, by ISO 3166 alpha-3 code.
COUNTRY_SHORT_FORMS = {
    "russia": "RUS", "britain": "GBR", "great britain": "GBR", "uk": "GBR", "america": "USA",
    "us": "USA", "turkey": "TUR", "holland": "NLD", "the netherlands": "NLD",
    "ivory coast": "CIV", "vatican": "VAT", "burma": "MMR", "east timor": "TLS",
    "czech republic": "CZE", "south korea": "KOR", "north korea": "PRK", "macedonia": "MKD",
    "swaziland": "SWZ", "cape verde": "CPV", "uae": "ARE", "drc": "COD",
    "democratic republic of congo": "COD", "palestine": "PSE", "iran": "IRN",
}

# First words of place names that the NER may take for a person's name ("North Devon"): such a
# name never takes in a shorter one.
PLACE_WORDS = frozenset({"north", "south", "east", "west", "new", "upper", "lower", "greater",
                         "central", "northern", "southern", "eastern", "western", "port", "fort",
                         "lake", "mount", "saint", "st"})

# Prepositions that put a place after them: a name written after them is voted a place
# ("in Birkenhead"), unless a title or honorific says it is a person.
PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "across"})

# Words that may begin or end an entity span but are never part of a name ("Both Mr Brown and
# Mr Blair", "Like the Tories"): the NER takes them in at the start of a sentence.
EDGE_WORDS = frozenset("""
both like unlike as among including and or but nor with without from by for about after before
during despite since until unless while whether if though although because so then yet also
only even just still now not never ever rang says said told asked meanwhile however indeed
""".split())

# Words left out of acronyms ("Union of Syrian Medical Relief Organisations" -> "USMRO").
# Verbs whose subject is a person when it is a capitalised word the NER left untagged
# ("Molloy was re-elected in 1925", "Hanni served as leader"): a surname alone.
PERSON_SUBJECT_VERBS = frozenset("""
elect re-elect reelect serve resign retire die marry bear graduate
""".split())

# Head words of the names of parties, movements and other bodies of members: after such a
# name, an acronym in brackets is another name of it even when its letters are another
# language's ("the Communist Party of Greece (KKE)", "the Liberty Korea Party (GNP)"). Not
# governments or councils, after which brackets name the party in power ("the Scottish
# Government (SNP)").
MEMBERSHIP_BODY_HEADS = frozenset("""
party parties movement front league union alliance congress forum federation coalition bloc
list democrats socialists radicals greens liberals communists conservatives nationalists
republicans academy society association organisation organization
""".split())

ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "&", "de"})

# Demonym (lower case) -> the country's name. A NORP mention such as "Russian" becomes a
# mention of the country.
DEMONYMS = {
    "afghan": "Afghanistan", "albanian": "Albania", "algerian": "Algeria",
    "american": "United States", "angolan": "Angola", "argentine": "Argentina",
    "argentinian": "Argentina", "armenian": "Armenia", "australian": "Australia",
    "austrian": "Austria", "azerbaijani": "Azerbaijan", "bahraini": "Bahrain",
    "bangladeshi": "Bangladesh", "belarusian": "Belarus", "belgian": "Belgium",
    "bolivian": "Bolivia", "bosnian": "Bosnia", "brazilian": "Brazil", "british": "Britain",
    "bulgarian": "Bulgaria", "burmese": "Myanmar", "cambodian": "Cambodia",
    "cameroonian": "Cameroon", "canadian": "Canada", "chilean": "Chile", "chinese": "China",
    "colombian": "Colombia", "congolese": "Congo", "croatian": "Croatia", "cuban": "Cuba",
    "cypriot": "Cyprus", "czech": "Czech Republic", "danish": "Denmark", "dutch": "Netherlands",
    "ecuadorian": "Ecuador", "egyptian": "Egypt", "emirati": "United Arab Emirates",
    "english": "England", "eritrean": "Eritrea", "estonian": "Estonia",
    "ethiopian": "Ethiopia", "filipino": "Philippines", "finnish": "Finland",
    "french": "France", "georgian": "Georgia", "german": "Germany", "ghanaian": "Ghana",
    "greek": "Greece", "guatemalan": "Guatemala", "haitian": "Haiti", "honduran": "Honduras",
    "hungarian": "Hungary", "icelandic": "Iceland", "indian": "India",
    "indonesian": "Indonesia", "iranian": "Iran", "iraqi": "Iraq", "irish": "Ireland",
    "israeli": "Israel", "italian": "Italy", "ivorian": "Ivory Coast", "jamaican": "Jamaica",
    "japanese": "Japan", "jordanian": "Jordan", "kazakh": "Kazakhstan", "kenyan": "Kenya",
    "korean": "Korea", "kosovar": "Kosovo", "kuwaiti": "Kuwait", "kyrgyz": "Kyrgyzstan",
    "lao": "Laos", "laotian": "Laos", "latvian": "Latvia", "lebanese": "Lebanon",
    "liberian": "Liberia", "libyan": "Libya", "lithuanian": "Lithuania",
    "malaysian": "Malaysia", "malian": "Mali", "maltese": "Malta", "mexican": "Mexico",
    "moldovan": "Moldova", "mongolian": "Mongolia", "moroccan": "Morocco",
    "mozambican": "Mozambique", "namibian": "Namibia", "nepalese": "Nepal", "nepali": "Nepal",
    "nigerian": "Nigeria", "nigerien": "Niger", "norwegian": "Norway", "omani": "Oman",
    "pakistani": "Pakistan", "palestinian": "Palestine", "panamanian": "Panama",
    "paraguayan": "Paraguay", "peruvian": "Peru", "polish": "Poland",
    "portuguese": "Portugal", "qatari": "Qatar", "romanian": "Romania", "russian": "Russia",
    "rwandan": "Rwanda", "saudi": "Saudi Arabia", "scottish": "Scotland",
    "senegalese": "Senegal", "serbian": "Serbia", "singaporean": "Singapore",
    "slovak": "Slovakia", "slovenian": "Slovenia", "somali": "Somalia",
    "south african": "South Africa", "spanish": "Spain", "sri lankan": "Sri Lanka",
    "sudanese": "Sudan", "swedish": "Sweden", "swiss": "Switzerland", "syrian": "Syria",
    "taiwanese": "Taiwan", "tajik": "Tajikistan", "tanzanian": "Tanzania", "thai": "Thailand",
    "tunisian": "Tunisia", "turkish": "Turkey", "turkmen": "Turkmenistan",
    "ugandan": "Uganda", "ukrainian": "Ukraine", "uruguayan": "Uruguay", "uzbek": "Uzbekistan",
    "venezuelan": "Venezuela", "vietnamese": "Vietnam", "welsh": "Wales", "yemeni": "Yemen",
    "zambian": "Zambia", "zimbabwean": "Zimbabwe",
}

# The countries of those demonyms, as written ("France", "United States") and in lower case.
COUNTRIES = frozenset(DEMONYMS.values())
COUNTRY_NAMES = frozenset(country.lower() for country in COUNTRIES)
# A country's name or short form, lower case ("france", "uk"), and with its demonyms too
# ("saudi").
COUNTRY_FORMS = COUNTRY_NAMES | frozenset(COUNTRY_SHORT_FORMS)
COUNTRY_WORDS = COUNTRY_FORMS | frozenset(DEMONYMS)

# Verbs whose subject and object play the same part: "Kerry and Lavrov met" means each met
# the other, and "meet with X" is "meet X".
SYMMETRIC_VERBS = frozenset("""
meet talk speak negotiate confer consult cooperate collaborate clash fight spar quarrel argue
ally partner merge marry wed correspond chat converse compete agree disagree trade
""".split())

# Symmetric verbs whose direct object is the other party ("A and B met supporters": they met
# supporters, not each other); the object of the others is what is done together ("agreed a
# deal", "merged their operations").
PARTNER_OBJECT_VERBS = frozenset("meet consult fight marry wed partner ally".split())

# Predicate synonyms: the second name is used for both. Kept deliberately small.
PREDICATE_SYNONYMS = {
    "support": "back",
    "meet up": "meet",
    "talk to": "talk",
    "speak to": "talk",
    "speak with": "talk",
    "bear in": "be born in",  # "who was born in the United States": the lemma of "born"
}

# Verbs that report speech or belief: what they introduce is attributed, not asserted.
REPORTING_VERBS = frozenset("""
say tell state announce claim report add explain note insist warn argue suggest believe think
write confirm deny declare reply acknowledge admit allege assert estimate predict
""".split())

# Reporting verbs whose direct object is what was said ("said the talks failed"), never a
# party to a relation.
CONTENT_OBJECT_VERBS = frozenset("""
say state add explain note write announce report claim declare confirm deny estimate predict
""".split())

# Nouns that name an event between an agent and a target: the verb that means the same, and
# the prepositions that introduce the target ("Kerry's visit to Moscow" -> Kerry visit Moscow;
# "talks with Kerry" -> talk Kerry; "in support of Assad" -> back Assad).
NOMINAL_PREDICATES = {
    "talk": ("talk", ("with",)),
    "talks": ("talk", ("with",)),
    "meeting": ("meet", ("with",)),
    "visit": ("visit", ("to",)),
    "trip": ("visit", ("to",)),
    "support": ("back", ("of", "for")),
    "backing": ("back", ("of", "for")),
    "attack": ("attack", ("on", "against")),
    "invasion": ("invade", ("of",)),
    "negotiation": ("negotiate", ("with",)),
    "negotiations": ("negotiate", ("with",)),
    "cooperation": ("cooperate", ("with",)),
    "criticism": ("criticize", ("of",)),
    "agreement": ("agree", ("with",)),
    "alliance": ("ally", ("with",)),
    "coalition": ("ally", ("with",)),
    "war": ("fight", ("with", "against", "on")),
    # contests and their outcomes ("a 2-1 win against Syria", "victory over", "defeat to")
    "victory": ("beat", ("over", "against")),
    "win": ("beat", ("over", "against")),
    "defeat": ("lose to", ("to", "by")),
    "loss": ("lose to", ("to",)),
    "match": ("play", ("against", "with")),
    "game": ("play", ("against",)),
    "qualifier": ("play", ("against",)),
    "clash": ("play", ("with", "against")),
    "fixture": ("play", ("against",)),
    "final": ("play", ("against",)),
    "deal": ("agree", ("with",)),
    "treaty": ("agree", ("with",)),
    "contract": ("agree", ("with",)),
    "partnership": ("partner", ("with",)),
    "merger": ("merge", ("with",)),
    "dispute": ("dispute", ("with",)),
    "row": ("dispute", ("with",)),
    "sanctions": ("sanction", ("on", "against")),
    "bid": ("bid for", ("for",)),
    "offer": ("bid for", ("for",)),
    "takeover": ("take over", ("of",)),
    "acquisition": ("acquire", ("of",)),
    "purchase": ("buy", ("of",)),
    "sale": ("sell", ("of",)),
    # ownership and money ("Alfa-Eco's stake in Sun Interbrew", "its investment in China")
    "stake": ("own share of", ("in",)),
    "holding": ("own share of", ("in",)),
    "investment": ("invest in", ("in",)),
    "loan": ("lend", ("to",)),
    # cases and probes ("Parmalat's lawsuit against Bank of America")
    "lawsuit": ("sue", ("against",)),
    "suit": ("sue", ("against",)),
    "investigation": ("investigate", ("into", "of")),
    "probe": ("investigate", ("into", "of")),
    "inquiry": ("investigate", ("into",)),
    "battle": ("fight", ("with", "against")),
    "fight": ("fight", ("with", "against")),
    "ban": ("ban", ("on",)),
}

# Nouns (lemmas) that stand for the people or entity that governs, rules, fights or speaks for
# a possessor or the name in front ("Assad's government" acts for Assad, "the Syrian army"
# and "US troops" for their country, "Palestinian officials" for Palestine).
PROXY_NOUNS = frozenset({
    "government", "regime", "administration", "force", "army", "military", "troop",
    "soldier", "cabinet", "board", "official", "diplomat", "negotiator", "authority",
})

# Nouns for groups and institutions that are actors in the news without a name ("the rebels",
# "the Syrian opposition"). As relation arguments they become concept nodes.
CONCEPT_NOUNS = frozenset("""
rebel opposition militant insurgent fighter jihadist terrorist separatist militia protester
demonstrator activist coalition alliance junta police parliament congress senate court
regulator ministry union investor shareholder voter lawmaker opposition-party
""".split())

# Definite nouns that refer back to the last entity of a type ("the company" -> the last
# organisation named).
NOMINAL_COREFERENCE = {
    "company": ("ORG",), "firm": ("ORG",), "organisation": ("ORG",),
    "organization": ("ORG",), "bank": ("ORG",), "airline": ("ORG",), "carrier": ("ORG",),
    "club": ("ORG",), "agency": ("ORG",), "party": ("ORG", "NORP"), "team": ("ORG",),
    "country": ("GPE",), "nation": ("GPE",), "city": ("GPE",), "state": ("GPE",),
}

# Verbs of transfer whose first of two objects is the recipient ("sold GM a stake": sell stake
# to GM; "offered China access": offer access to China). Verbs of telling are not here: "told
# Blair the news" tells Blair.
DOUBLE_OBJECT_VERBS = frozenset("""
give hand offer sell send pay lend loan grant owe award promise deny refuse allow bring buy
leave lease pass post refund ship wire mail email fax issue guarantee assign
""".split())

# Verbs that carry little meaning of their own and take it from their object
# ("make an offer on", "launch an attack on", "hold talks with").
LIGHT_VERBS = frozenset("""
make launch hold take give have do conduct stage mount carry pay lead open begin start
deliver issue file lodge sign reach strike seal win play
""".split())

# --------------------------------------------------------------------------- relations
# The lists below are read by the relation rules (extract/relations.py, roles.py, clauses.py).

# Role words that put a person in an organisation or a team when they precede the name
# ("Brazil coach X", "LDP candidate X", "Wimbledon finalist X") or head an apposition or a
# copula ("X, a candidate for Y"), besides the title heads above.
ROLE_WORDS = frozenset("""
candidate nominee incumbent champion finalist semi-finalist all-rounder batsman bowler
forward winger keeper international skipper teammate team-mate rider driver jockey trainer
boxer golfer cyclist sprinter runner swimmer employee staff worker founder co-founder
economist strategist architect designer secretary-general general-secretary vice-chairman
coordinator trader consultant researcher lecturer historian scientist expert specialist
""".split())

# Nouns an organisation's name stands in front of and a person's does not ("Yukos boss",
# "Manchester United striker", "Yukos shareholders"; not "a Blair spokesman", "Kennedy fans"): a
# name the NER called a person, written so, is an organisation's.
ORGANISATION_CUE_NOUNS = frozenset("""
boss bosses chairman chairwoman chief chiefs ceo executive executives
board shares shareholders stake subsidiary subsidiaries unit division headquarters plant
factory staff employees workers customers subscribers striker midfielder defender goalkeeper
winger skipper squad
""".split())
# Last words of the names of publications, which no person's name ends in ("Manager
# Magazin", "the Wall Street Journal"): a name the NER called a person that ends so is one.
PUBLICATION_HEADS = frozenset("""
magazine magazin journal gazette tribune newspaper zeitung
""".split())

# Role words that make a person a member (schema:memberOf) of the group rather than an
# employee (schema:worksFor).
# (With a place, an elected member represents it: "New York Senator X", "the MP for Y".)
MEMBER_ROLES = frozenset("""
member candidate nominee incumbent mp senator congressman congresswoman representative
lawmaker legislator deputy activist supporter delegate councillor councilor
""".split())

# Bodies of an organisation a person sits on ("sits on the board of Barclays", "joined
# Barclays' board", "was appointed to the executive committee of the BMA"): a member of the
# body is a member of the organisation. With the verbs that put a person on one (the body
# their object, or after the preposition given) or take him off it.
BODY_NOUNS = frozenset("""
board committee council panel executive commission cabinet bench jury directorate
""".split())
BODY_VERBS = {
    **dict.fromkeys(("sit", "serve", "be", "remain", "stay"), ("on",)),
    **dict.fromkeys(("join", "rejoin"), ("dobj",)),
    **dict.fromkeys(("appoint", "elect", "name", "nominate", "promote", "co-opt", "return",
                     "re-elect", "reappoint", "add"), ("to",)),
    **dict.fromkeys(("leave", "quit"), ("dobj",)),
    **dict.fromkeys(("resign", "retire", "step", "stand"), ("from",)),
}
BODY_LEAVING_VERBS = frozenset("leave quit resign retire step stand".split())

# Nouns of a copula or apposition that place one organisation in or over another, with the
# preposition before the other party and the schema.org class of the relation: "X is a unit
# of Y" -> X subOrganization-of... (the direction: X is the part, Y the whole).
PART_NOUNS = {
    "unit": ("part of", "parentOrganization", ("of",)),
    "subsidiary": ("part of", "parentOrganization", ("of",)),
    "division": ("part of", "parentOrganization", ("of",)),
    "arm": ("part of", "parentOrganization", ("of",)),
    "branch": ("part of", "parentOrganization", ("of",)),
    "affiliate": ("part of", "parentOrganization", ("of",)),
    "part": ("part of", "parentOrganization", ("of",)),
    "parent": ("own", "subOrganization", ("of",)),
    "owner": ("own", "owns", ("of",)),
    "shareholder": ("own share of", "owns", ("in", "of")),
    "stakeholder": ("own share of", "owns", ("in", "of")),
    "investor": ("invest in", "", ("in",)),
}

# Verbs that liken one thing to a named other ("was seen as Europe's Enron", "dubbed
# Britain's Bill Gates"): the name is a type there, and says nothing about where it is from.
LIKENING_VERBS = frozenset("""
see regard view describe hail bill dub brand label portray cast style tout nickname call
""".split())

# Last words of the name of a law or a treaty ("Germany's Securities Trading Act", "the UK's
# Human Rights Act"): the NER tags many ORG, but a law is not based anywhere.
LAW_HEADS = frozenset("act bill charter code constitution convention directive law treaty".split())

# Kinds of organisation that stand before a firm's name with the place it is based in
# ("UK pharmaceutical firm Phytopharm", "Russian newspaper Vedomosti", "US giant UPS") or
# head an apposition ("Titan, a California-based company").
ORGANISATION_KINDS = frozenset("""
company firm group giant conglomerate bank lender insurer broker brokerage retailer chain
supermarket store airline carrier operator maker manufacturer producer carmaker automaker
brewer winemaker miner exporter supplier publisher newspaper paper daily tabloid magazine
broadcaster agency watchdog regulator consultancy charity utility developer telecom
telecoms subsidiary
""".split())

# What a specific description may stand for ("the bank", "the club"): a name the article
# calls by another kind of these ("JP Morgan, the US investment bank") is not "the club".
# The general ones ("the company", "the firm") may stand for any.
DESCRIPTION_KINDS = {
    "bank": frozenset({"bank", "lender"}), "airline": frozenset({"airline", "carrier"}),
    "carrier": frozenset({"airline", "carrier"}), "club": frozenset({"club", "team"}),
    "team": frozenset({"club", "team"}), "party": frozenset({"party"}),
    "agency": frozenset({"agency", "watchdog", "regulator"}),
}
# The words that say what kind an organisation is, for the check above.
KIND_WORDS = ORGANISATION_KINDS | frozenset({"club", "team", "party"})

# Kinds of place that say a place lies in a country ("Prague, the Czech capital", "the
# Pakistani city of Lahore", "Pakistan's Sindh province").
PLACE_KINDS = frozenset("""
capital city town village province state region county district port island shantytown
suburb area borough
""".split())

# Normalised predicates and the schema.org property they mean (gb:relationClass). Only
# what a predicate says outright; open predicates without an entry have no class.
RELATION_CLASSES = {
    "own": "owns", "buy": "owns", "acquire": "owns", "own share of": "owns",
    "owner of": "owns",  # ("DHL-owner Deutsche Post": owns, not works for)
    "take over": "owns",
    "part of": "parentOrganization", "join": "memberOf", "member of": "memberOf",
    "work for": "worksFor", "work at": "worksFor", "lead": "worksFor", "head": "worksFor",
    "run": "worksFor", "chair": "worksFor", "coach": "worksFor", "manage": "worksFor",
    "captain": "worksFor", "play for": "memberOf", "sign for": "memberOf",
    "marry": "spouse", "be from": "nationality",
    **{f"{noun} of": relation for noun, relation in KIN_NOUNS.items()},
    "be based in": "location", "base in": "location", "headquarter in": "location",
    "locate in": "location", "be in": "containedInPlace", "live in": "location",
}

# Predicates of events and their PLOVER/CAMEO quad class (gb:actionClass). The lemma before
# any preposition is looked up ("meet with" -> meet).
ACTION_CLASSES = {
    **dict.fromkeys("""
meet talk negotiate confer consult agree praise thank welcome congratulate endorse back
apologise apologize visit invite host promise pledge mediate reconcile appeal
urge ask discuss""".split(), "verbal cooperation"),
    **dict.fromkeys("""
aid help fund finance supply arm sign ally cooperate collaborate partner merge rescue
release free lift invest donate lend train protect sponsor hire employ""".split(),
                    "material cooperation"),
    **dict.fromkeys("""
criticise criticize accuse condemn threaten sue warn blame deny reject oppose
denounce challenge demand dispute protest question censure rebuke insult mock
""".split(), "verbal conflict"),
    **dict.fromkeys("""
attack arrest sanction bomb kill invade fight raid shoot detain jail imprison
seize expel ban punish fine sack oust block bar evict boycott
shell occupy capture prosecute convict""".split(), "material conflict"),
}

# Spelling variants folded into one predicate: British "-ise" and American "-ize" verbs are
# one relation (the "-ize" spelling is kept, the Oxford spelling), and lemmatiser errors
# of the small model are mended ("fined" -> "fin").
PREDICATE_SPELLINGS = {
    "criticise": "criticize", "recognise": "recognize", "organise": "organize",
    "apologise": "apologize", "authorise": "authorize", "privatise": "privatize",
    "nationalise": "nationalize", "legalise": "legalize", "penalise": "penalize",
    "realise": "realize", "emphasise": "emphasize", "sympathise": "sympathize",
    "jeopardise": "jeopardize", "characterise": "characterize", "summarise": "summarize",
    "finalise": "finalize", "prioritise": "prioritize", "subsidise": "subsidize",
    "stabilise": "stabilize", "mobilise": "mobilize", "publicise": "publicize",
    "capitalise": "capitalize", "scrutinise": "scrutinize", "modernise": "modernize",
    "centre": "center", "favour": "favor", "honour": "honor", "labour": "labor",
    "ax": "axe",
}

# Lemmas the small model gets wrong, and the lemma the word has when it starts with the
# right one: "fined" -> "fin" (fine), "hopes" -> "hop" (hope); "hopped" keeps "hop".
LEMMA_FIXES = {
    "fin": "fine", "hop": "hope", "cop": "cope", "din": "dine", "wip": "wipe", "bor": "bore",
    "sacke": "sack", "pip": "pipe", "rop": "rope", "scrap": "scrape", "re-electe": "re-elect",
    "deselecte": "deselect", "snip": "snipe", "taxis": "tax",
}

# Governing verbs that make what they control something other than a plain fact: "tried to
# buy X" is an attempt, "hopes to meet X" a hope, "plans to sue X" a plan (gb:modality).
# Verbs that say the act did not happen ("failed to", "refused to") negate it instead.
MODALITY_VERBS = {
    **dict.fromkeys("try attempt seek strive struggle bid".split(), "attempt"),
    **dict.fromkeys("hope want wish expect aim long dream like love prefer".split(), "hope"),
    # a request is what the asker hopes for: "asked the court to order Russia to ..."
    **dict.fromkeys("ask urge request encourage invite press beg implore call demand"
                    " tell order instruct advise command".split(), "hope"),
    # a recommendation is what its author hopes for, a wait what the waiter hopes for:
    # "recommended replacing A-Levels", "is waiting to join the WTO"
    **dict.fromkeys("recommend suggest advocate wait".split(), "hope"),
    **dict.fromkeys("plan intend propose prepare mean vow pledge promise threaten offer agree"
                    " decide consider contemplate mull ponder weigh be schedule set due".split(),
                    "plan"),  # "is to visit", "is scheduled to meet", "is set to merge": a plan
    **dict.fromkeys("need have ought must".split(), "possible"),
    # a hedge: "seems to lag", "appeared to back"
    **dict.fromkeys("seem appear".split(), "possible"),
    **dict.fromkeys("claim allege accuse suspect".split(), "claim"),
}
# Verbs of hearsay whose passive makes its infinitive somebody's claim: "is said to have
# bought X", "was reported to have attended", "is believed to be in talks with X".
HEARSAY_VERBS = frozenset("""
say report believe think understand allege rumour rumor claim suspect estimate expect
""".split())
# Verbs of imagining: what their clause says is possible, not a fact, whatever its form
# ("could picture X walking up Downing Street", "imagine that X leads").
IMAGINING_VERBS = frozenset("imagine picture envisage envision foresee".split())
NEGATING_VERBS = frozenset("""
fail refuse decline neglect cease stop avoid deny ban bar prevent prohibit forbid block
""".split())

# Adjectives of likelihood whose clause is possible, not a fact, and whether they deny it:
# "it is unlikely he would give" (negated, possible), "it is likely that X buys" (possible).
LIKELIHOOD_ADJECTIVES = {
    **dict.fromkeys("likely probable possible".split(), False),
    **dict.fromkeys("unlikely improbable doubtful impossible".split(), True),
}

# Modifiers of a noun that make its infinitive a fact, not an intention ("the first woman to
# lead the party" led it; "a list to replace X" is a plan).
REALISED_MODIFIERS = frozenset("first second third last only latest next".split())
# Adjectives that judge an act done: "was wrong to give X tickets" gave them, where "was to
# give" is a plan.
JUDGING_ADJECTIVES = frozenset("""
wrong right correct mistaken foolish stupid silly wise unwise brave quick slow first last
lucky fortunate unlucky
""".split())

# Nouns of quantity and of money: as the object noun of a predicate they name no thing, the
# noun of their "of" does ("sells about 60% of its output to the US": sell output to; "offer
# 22.5bn yuan worth of shares to investors": offer share to).
QUANTITY_NOUNS = frozenset("""
% percent pct cent proportion part half third quarter bulk lot number amount portion
fraction rest remainder most much worth dollar pound euro yen yuan rouble ruble rupee franc
peso
""".split())

# Idioms of a verb with its complement, kept in the predicate ("took the UK to war": take to
# war; "put her on the spot"; "leaving the way open for Baikal": leave way open for). Each
# complement as written after the verb: a preposition with its noun phrase, an adjective, or
# an object noun with its adjective.
VERB_IDIOMS = {
    "take": ("to war", "to court", "to task", "forward", "backwards", "backward"),
    "put": ("on the spot", "on notice", "on hold", "on trial", "under pressure", "in charge",
            "at the top", "on the agenda", "on the map", "forward"),
    "place": ("under pressure", "in charge", "under arrest", "on hold"),
    "leave": ("the way open", "open", "in the lurch"),
    "set": ("loose", "free"),
    "bring": ("to justice", "to book", "to account", "forward", "back"),
    "hold": ("to account", "to ransom"),
    "call": ("to account",),
    "keep": ("in the dark",),
    "let": ("off the hook",),
    # adverbs of direction that change the act ("hit back at X" is no blow)
    **dict.fromkeys(("hit", "fight", "strike"), ("back",)),
    **dict.fromkeys(("press", "push", "go"), ("ahead",)),
    **dict.fromkeys(("step", "stand"), ("aside",)),
}

# Nouns whose complement clause is somebody's claim, not a fact ("allegations he pressured
# Sullivan", "reports that Barclays held talks").
CLAIM_NOUNS = frozenset("""
allegation claim accusation report rumour rumor suggestion speculation suspicion charge
""".split())

# Verbs that deny what their clause or claim says: "denied that he had met X", "rejected
# allegations he pressured X", "quashes speculation that he would stand against X" (the act
# is negated; a claim stays a claim).
DENYING_VERBS = frozenset("""
deny dismiss reject refute rebut quash scotch rubbish dispute contradict debunk disprove
""".split())

# Modal auxiliaries and their modality ("would buy": possible; "will meet": future).
MODAL_AUXILIARIES = {
    "would": "possible", "could": "possible", "may": "possible", "might": "possible",
    "should": "possible", "must": "possible", "can": "possible", "ca": "possible",
    "will": "future", "shall": "future", "'ll": "future", "wo": "future",
}

# Adverbs that turn a statement into a claim ("allegedly bribed").
CLAIM_ADVERBS = frozenset("allegedly reportedly supposedly purportedly apparently".split())

# Subordinators of a condition ("if he left", "unless Iran stops").
CONDITION_MARKERS = frozenset("if unless provided providing whether".split())

# "a non-Nato member", "an anti-EU campaigner", "ex-England bowler", "pro-Iraq war Labour MP":
# no affiliation (or a past one) to the organisation or country named after the prefix.
NOT_AFFILIATION_PREFIXES = ("non-", "anti-", "ex-", "pro-")

# Words of the names of news media: "X told the BBC" names the channel of X's statement,
# not a relation between X and the outlet.
NEWS_OUTLET_WORDS = frozenset("""
bbc news radio tv television times post herald telegraph guardian independent observer
mail express mirror sun journal gazette tribune reuters ap afp agency newspaper magazine
programme program channel network cnn sky itv nbc cbs abc fox bloomberg press wire today
presse agence
""".split())

# Nouns that say a name right before or after them is a news outlet's ("the Kommersant
# newspaper", "the Argentine newspaper Clarin", "the Russian daily Kommersant"): where an
# article names an outlet so once, the name alone is one too ("Mr Gref told Kommersant").
OUTLET_NOUNS = frozenset("newspaper newspapers magazine daily weekly tabloid broadcaster".split())

# Pronouns by gender and number, for agreement with their antecedents.
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}

# Pronouns that can stand for an entity mention, so that a sentence naming one entity and
# holding one of these can give a relation (nlp.parse(..., sentence_filter=True)).
REFERRING_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "they", "them",
                                "their", "theirs", "it", "its", "we", "us", "our", "ours"})

# Prepositions that introduce a circumstance (a reason, a time, a route, a comparison), not a
# party to the relation: "feature across the country", "lost because of the war", "knows it
# as well as Blair" relate no two entities.
LOOSE_PREPOSITIONS = frozenset("""
across because after before during since despite like than through throughout without via
per amid amidst among amongst around beyond near including except toward towards until till
upon within behind below above as unlike besides alongside
""".split())

# Definite nouns that refer back to a country, not to any place ("the country" is not London).
COUNTRY_NOUNS = frozenset({"country", "nation"})

# Title heads whose capitalised words in front name a field or a ministry's brief, not an
# employer ("Culture Minister", "Transport Commissioner", "Business Editor", "Health
# spokesman"): a name the NER missed is read in front of other titles only ("Investec
# economist", "Arsenal vice-chairman").
PORTFOLIO_HEADS = frozenset("""
minister secretary undersecretary chancellor commissioner spokesman spokeswoman spokesperson
correspondent editor envoy ambassador czar tsar
""".split())

# Elected members: with a place they represent it ("New York Senator Charles Schumer").
ELECTED_ROLES = frozenset("""
mp senator congressman congresswoman representative lawmaker legislator deputy councillor
councilor assemblyman assemblywoman msp mep
""".split())

# Roles whose holder serves a country or a place, or plays for a national team: only these
# link a person to a country in front of the title ("UK minister", "Brazil coach"); an
# "Australia's youngest store manager" works in Australia, not for it.
PUBLIC_ROLES = frozenset("""
president vice-president president-elect premier chancellor minister secretary undersecretary
envoy ambassador consul diplomat negotiator mediator governor mayor senator congressman
congresswoman representative lawmaker legislator mp deputy commissioner commander general
admiral king queen prince princess emperor monarch sultan emir sheikh official spokesman
spokeswoman spokesperson coach captain striker midfielder defender goalkeeper player skipper
international batsman bowler leader head chief secretary-general
""".split())

# Verbs that take a prepositional "at" object that is a party ("works at Barclays", "sniped
# at Brown"; and "hit back at", an idiom of VERB_IDIOMS); with any other verb "at" names a
# place or an occasion.
AT_VERBS = frozenset("""
work study teach serve train play lecture educate snipe sneer scoff jeer lash
""".split())

# Verbs whose object is the subject of their "to" infinitive ("urged Iran to stop", "asked
# him to resign"); after other verbs the infinitive is the subject's own ("left the school
# to go to Cambridge": the subject went, not the school).
OBJECT_CONTROL_VERBS = frozenset("""
ask tell urge persuade force allow permit encourage order invite require enable help cause
compel convince advise warn instruct authorise authorize empower pressure pressurise press
lead get expect want need appoint elect name nominate choose call beg challenge dare push
oblige prompt inspire motivate train teach remind direct let make
""".split())

# Verbs that name or describe their object ("called Camp Delta a scandal"): with an object
# complement they describe, they do nothing to the object.
NAMING_VERBS = frozenset("call name describe label brand dub term consider deem".split())

# Verbs of contests whose loser follows the verb ("X (China) beat Y (Sweden) 6-3 6-4"): in a
# results line the parser often reads the scores as the verb and misses the object.
# Results lines of sports reports (extract/results.py): the word between two sides of a
# fixture ("SAN DIEGO AT MONTREAL", "Surrey v Kent"), the verbs between two players
# ("Li Wei ( China ) beat Anders Berg ( Sweden )"; "bt" is the wire's short form) and the
# words that may follow a player's score ("56 not out", "1-0 retired").
FIXTURE_SEPARATORS = frozenset({"at", "v", "v.", "vs", "vs."})
RESULT_VERBS = frozenset({"beat", "bt", "beats", "defeated", "def."})
SCORE_QUALIFIERS = frozenset({"not", "out", "retired", "retd"})

CONTEST_VERBS = frozenset("beat defeat edge thrash overcome upset outplay eliminate".split())

# Common given names that tell a person's gender when no honorific does ("Betty Boothroyd" is a
# woman, so "he" is not her). Names used for both (Hilary, Jo, Sam, Chris) are left out.
FEMALE_NAMES = frozenset("""
margaret betty mary elizabeth anne ann jane janet joan patricia barbara susan sarah helen
ruth clare claire tessa theresa teresa harriet estelle cherie hazel glenys gwyneth diane
caroline julie jacqui jacqueline yvette kate katherine catherine emma laura angela hillary
condoleezza nicola karen lisa linda carol christine alice victoria charlotte sophie lucy
rachel rebecca louise michelle maria anna sandra deborah valerie shirley beverley edwina
baroness oprah madonna britney gillian fiona shona wendy heather ursula mo
""".split())
MALE_NAMES = frozenset("""
john james robert michael william david richard charles joseph thomas george paul mark
donald kenneth steven stephen andrew peter tony gordon jack alan alastair alistair neil
david nick nicholas ken charles patrick simon martin ian iain colin keith malcolm geoffrey
geoff jeremy boris oliver vince tim timothy brian roger edward ted henry harry frank
gerhard jacques silvio vladimir george dick donald jose luiz kofi ariel mahmoud yasser
bill bob jim tom mike dave steve rupert bernie philip phil greg matthew dominic liam
""".split())

GIVEN_NAMES = MALE_NAMES | FEMALE_NAMES

# Abbreviations written in capitals that are common nouns, units or time zones, not names:
# the NER sometimes tags them ("a TV deal", "at 1430 GMT"), and re-tagging them across the
# corpus (graphbuild.retag) would make every occurrence an entity. Lower case.
COMMON_ABBREVIATIONS = frozenset("""
tv dvd cd cds dvds pc pcs mp3 sms atm dna hiv gdp vat ceo cfo coo md ipo ko dui dwi swat
gmt bst utc est edt pst pdt cst cet am pm mph kg km vip faq pr hr it
""".split())

# Head nouns of a contest that is an event of its own once a year or a name fixes it ("the
# 1997 general election", "the Hartlepool by-election", "the EU referendum"; not "the
# election"), and the words such a name is built of besides years and names
# (graphbuild.extract.events).
CONTEST_EVENT_HEADS = frozenset("""
election elections by-election by-elections byelection byelections referendum referendums
referenda plebiscite primary primaries
""".split())
# Nouns of standing for a party in a contest ("the Labour nomination for the 2005 election",
# "on the Reform Party ticket in E"): the party named with them fielded the candidate.
CANDIDACY_NOUNS = frozenset("nomination candidacy candidature ticket slate banner".split())
# Verbs whose subject in a contest can only be a contestant ("X was re-elected in E"): a
# place the NER finds there is a person or party it mislabelled, not where the contest was.
CONTESTANT_VERBS = frozenset("""
elect re-elect reelect stand run contest campaign win lose defeat nominate
""".split())
# Verbs whose object in a contest's clause is a contestant ("the SPD supported Hindenburg in
# the 1932 election", "she endorsed Obama in the 2008 primaries").
ENDORSING_VERBS = frozenset("support back endorse nominate select".split())
# Verbs of standing in a contest, whose "for" names the party stood for ("stood for the Green
# Party in the 1992 election"), unless it names the office or the house ("ran for the Senate").
STANDING_VERBS = frozenset("stand run campaign".split())
# Houses of a legislature: "entered Parliament for Sheffield" sits for Sheffield.
CHAMBER_WORDS = frozenset("""
house commons lords assembly senate parliament congress council legislature chamber
""".split())
OFFICE_WORDS = CHAMBER_WORDS | frozenset("seat office presidency mayoralty governorship".split())
# Nouns of a union of parties, whose "of" or "between" names its members ("a coalition of
# the PvdA, the KVP and the ARP", "the coalition government of A and B"), and the verbs of a
# participle that names them ("a coalition consisting of A and B", "an alliance comprising A").
COALITION_NOUNS = frozenset("coalition alliance bloc".split())
MEMBERSHIP_VERBS = frozenset("consist compose comprise include".split())
# What a party has of a contest it took part in, when the contest's name qualifies it
# ("Labour's 1997 election victory", "the Tories' 2005 election campaign").
CONTEST_NOUNS = frozenset("""
victory win defeat loss campaign result performance success triumph manifesto bid landslide
showing
""".split())
CONTEST_EVENT_MODIFIERS = frozenset("""
general federal presidential parliamentary legislative local regional state municipal
provincial national mid-term midterm snap council mayoral gubernatorial senate senatorial
congressional assembly district european leadership independence constitutional
sovereignty devolution territorial city county island parliament congress
""".split())
