"""The words names are made of and the words around them: titles, particles, roles, kin.

Data for names.py (who is named) and gender.py (what the article says of their gender).
"""

from __future__ import annotations

import re

from ..model import FEMALE, MALE
from .quotes import TITLE_ABBREVS, UPPER

_ABBREV = rf"(?:{'|'.join(TITLE_ABBREVS + ('Jr', 'Sr'))})"
PARTICLE_PREFIX = rf"(?:al|el|ul|bin|ibn|abu|ben|d)[-’'][{UPPER}]"  # al-Rashidi, d’Alembert
# joined initials ("B.S. Nagaraj", "J.R.R. Tolkien") are one token of a name
INITIALS = re.compile(rf"(?:[{UPPER}]\.){{2,3}}")
# ... except these, which name places and bodies ("U.S. Sen. Ann Cole")
PLACE_INITIALS = {"U.S.", "U.K.", "U.N.", "E.U.", "D.C.", "N.Y.", "L.A.", "N.Z.", "S.F."}
_TOKEN = (rf"(?:{_ABBREV}\.|(?:[{UPPER}]\.){{2,3}}(?!\w)|[{UPPER}]\.(?!\w)|[{UPPER}][\w’'\-]*"
          rf"|{PARTICLE_PREFIX}[\w’'\-]*)")
PARTICLE = r"(?:de|da|di|del|della|der|den|van|von|bin|ibn|al|el|la|le|du|dos|das|ter|ten)"
NAME_RUN = re.compile(rf"{_TOKEN}(?:\s+(?:{PARTICLE}\s+)*{_TOKEN})*")
HONORIFICS = {"mr": MALE, "mrs": FEMALE, "ms": FEMALE, "miss": FEMALE, "sir": MALE,
              "dame": FEMALE, "lord": MALE, "lady": FEMALE, "dr": None, "prof": None,
              "professor": None, "sen": None, "rep": None, "gov": None, "gen": None,
              "president": None, "judge": None, "justice": None, "mayor": None, "rev": None,
              "sgt": None, "capt": None, "col": None, "lt": None, "chancellor": None,
              "minister": None, "secretary": None, "senator": None, "representative": None,
              "governor": None, "cllr": None, "councillor": None, "director": None, "administrator": None, "chief": None,
              "speaker": None, "coach": None, "officer": None, "detective": None,
              "commissioner": None, "ambassador": None, "admiral": None, "general": None,
              "colonel": None, "captain": None, "lieutenant": None, "sergeant": None,
              "deputy": None, "superintendent": None, "inspector": None, "chairman": MALE,
              "chairwoman": FEMALE, "chair": None, "councilman": MALE, "councilwoman": FEMALE,
              "assemblyman": MALE, "assemblywoman": FEMALE, "congressman": MALE,
              "congresswoman": FEMALE, "king": MALE, "queen": FEMALE, "prince": MALE,
              "princess": FEMALE, "pope": MALE, "father": MALE, "sister": FEMALE, "brother": MALE,
              "premier": None, "prime": None, "vice": None, "mx": None, "st": None,
              # the abbreviated ranks and offices of police, armed forces, councils and clergy
              "det": None, "supt": None, "insp": None, "cpl": None, "pvt": None, "maj": None,
              "adm": None, "cmdr": None, "coun": None, "atty": None, "fr": MALE, "msgr": MALE,
              "amb": None, "const": None, "ald": None, "brig": None, "cr": None, "clr": None,  # Cr, Clr: councillor
              # British police ranks, written without full stops: "Ch Supt", "Det Insp", "DCI"
              "ch": None, "pc": None, "dc": None, "ds": None, "dci": None, "dsi": None,
              "dcs": None, "acc": None,
              "constable": None, "trooper": None, "deputy chief": None, "alderman": MALE,
              "alderwoman": FEMALE, "councillor": None, "delegate": None, "bishop": None,
              "rabbi": None, "imam": None, "pastor": None, "elder": None,
              # Nigerian police ranks and courtesy titles: "CP", "DSP", "Alhaji", "Barr." (barrister)
              "cp": None, "sp": None, "dsp": None, "asp": None, "acp": None, "dcp": None,
              "aig": None, "igp": None, "alhaji": MALE, "alhaja": FEMALE, "hajia": FEMALE,
              "barr": None, "engr": None}
# Capitalised words that start a run but are not given names.
_NOT_NAMES = {
    "the", "a", "an", "and", "but", "or", "los", "las", "les", "so", "yet", "then", "now", "today", "also", "when",
    "while", "after", "before", "since", "in", "on", "at", "for", "as", "if", "of", "to", "by",
    "from", "with", "without", "under", "over", "despite", "although", "though", "because",
    "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you", "his",
    "her", "their", "our", "my", "your", "there", "here", "what", "who", "why", "how", "where",
    "one", "another", "both", "each", "some", "many", "most", "no", "not", "still", "however",
    "meanwhile", "instead", "even", "yes", "said", "says", "according", "like", "unlike",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "contacted", "asked", "speaking", "writing", "science",
    "given", "during", "following", "thanks", "among", "amid", "beyond", "against", "including",
    "just", "only", "perhaps", "maybe", "every", "all", "any", "few", "several", "much", "more",
    "less", "last", "next", "early", "late", "later", "until", "unless", "whether", "which",
    # a count opens no name: "Six Republicans voted no."
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "dozens", "hundreds", "thousands",
}
# Words that make a capitalised run an organisation or a place, not a person.
_ORG_WORDS = {
    "university", "institute", "institution", "department", "academy", "sciences", "center",
    "centre", "agency", "administration", "program", "programme", "station", "observatory",
    "observatories", "mission", "treaty", "space", "state", "states", "national", "international",
    "united", "nations", "moon", "mars", "earth", "basin", "region", "society", "association",
    "council", "party", "foundation", "company", "inc", "corp", "group", "news", "times", "post",
    "journal", "magazine", "museum", "lab", "laboratory", "senate", "congress", "court",
    "ministry", "office", "fund", "service", "services", "police", "hospital", "school", "college",
    "river", "delta", "valley", "bay", "gulf", "coast", "canyon", "desert", "forest",
    "mountains", "hills", "peninsula", "street", "salon", "salón", "hall", "cafe", "café", "restaurant", "bar", "theater",
    "theatre", "church", "cathedral", "temple", "mosque", "stadium", "arena", "market", "hotel",
    "pharmacy", "store", "shop", "mall", "gallery", "studio", "farm", "ranch", "llc", "ltd",
    "partners", "holdings", "capital", "ventures", "media", "press", "records", "brothers",
    "hermanos", "drive", "avenue", "boulevard", "square", "plaza", "bridge", "highway", "mount", "road", "island", "airport", "league", "club",
    "system", "project", "accords", "pole", "sea", "ocean", "county", "city", "republic",
    "kingdom", "union", "army", "navy", "force", "forces", "committee", "commission", "board",
    "network", "research", "global", "positioning", "air", "american", "chinese",
    "british", "european", "world", "war", "cup", "games", "award", "prize", "festival",
    "autonomous", "inner", "outer", "north", "south", "east", "west", "northern", "southern",
    "eastern", "western", "new", "old", "great", "first", "cold",
    # what firms and papers call themselves ("Keystone Fresh Imports", "Voltara Electronics",
    # "The Millbrook Dispatch"), leaving out words that are common surnames too (Banks, Mills)
    "imports", "exports", "electronics", "logistics", "foods", "industries", "motors",
    "technologies", "solutions", "pharmaceuticals", "energy", "airlines", "airways", "terminals",
    "trucking", "landscaping", "construction", "properties", "realty", "insurance", "telecom",
    "communications", "enterprises", "associates", "advisors", "advisers", "consulting",
    "manufacturing", "shipping", "freight", "software", "networks", "brands", "robotics",
    "aerospace", "financial", "securities", "investments", "gazette", "herald", "tribune",
    "courier", "dispatch", "chronicle", "examiner", "sentinel", "bulletin", "ledger", "inquirer",
    "telegraph", "observer",
}
# Roles written in front of a name: "Pharmacist Dale Hinshaw", "Councilmember Anita Brockway".
_ROLE_WORDS = {"executive", "officer", "founder", "co-founder", "chairman", "chairwoman",
               "president", "chief", "head", "leader", "spokesman", "spokeswoman", "spokesperson",
               "analyst", "economist", "researcher", "scientist", "professor", "coach", "manager",
               "editor", "reporter", "correspondent", "lawyer", "attorney", "minister", "secretary",
               "councilmember", "councilor", "councillor", "alderman", "alderwoman", "trustee",
               "pharmacist", "physicist", "nurse", "doctor", "farmer", "teacher", "student",
               "resident", "activist", "historian", "author", "artist", "engineer", "pastor",
               "rabbi", "imam", "priest", "bishop", "judge", "prosecutor", "sheriff", "ranger",
               "principal", "superintendent", "owner", "chef", "designer", "architect", "headteacher",
               "headmaster", "headmistress", "landlord", "landlady", "vicar", "constable",
               # occupations US papers set before a name ("Rancher Elena Cruz"), leaving out
               # those that are common surnames too (Baker, Carpenter, Fisher, Potter …)
               "rancher", "shepherd", "fisherman", "fisherwoman", "beekeeper", "winemaker",
               "grower", "landowner", "homeowner", "shopkeeper", "publican", "plumber",
               "electrician", "mechanic", "firefighter", "paramedic", "midwife", "dentist",
               "surgeon", "physician", "veterinarian", "pilot", "miner", "welder", "hydrologist",
               "geologist", "biologist", "ecologist", "epidemiologist", "meteorologist",
               "climatologist", "sociologist", "psychologist", "criminologist", "pollster",
               "strategist", "consultant", "broker", "trader", "investor", "entrepreneur",
               "developer", "contractor", "organizer", "organiser", "campaigner", "volunteer",
               "caregiver", "carer", "lifeguard", "dispatcher", "deputy", "trooper",
               # sport: "Striker Kieran Moss", "Dunmore boss Colin Ryder"
               "boss", "skipper", "striker", "defender", "midfielder", "goalkeeper", "winger",
               "quarterback", "pitcher", "linebacker", "receiver", "jockey", "captain",
               "forward", "full-back", "centre-back", "batsman", "bowler", "referee",
               # local and public offices: "County Supervisor Ed Ruiz"
               "supervisor", "assessor", "treasurer", "clerk", "comptroller", "controller",
               "auditor", "coroner", "selectman", "selectwoman", "magistrate", "provost",
               "rector", "warden", "ombudsman", "registrar", "solicitor", "barrister",
               "assemblymember", "freeholder", "legislator", "lawmaker", "commissioner",
               "member"}  # "Council Member Grace Hill", "Board Member …": the office, not a name
ROLE_WORDS = frozenset(_ROLE_WORDS)

# A title as abbreviated before a surname and as spelled out at first mention ("Fianna Fáil
# councillor Dan Hart" ... "Cllr Hart"): one key for both, to tell apart two Harts
_TITLE_KEYS = {"cllr": "councillor", "cr": "councillor", "clr": "councillor", "councilor": "councillor", "councilman": "councillor",
               "councilwoman": "councillor", "councilmember": "councillor", "supt": "superintendent",
               "insp": "inspector", "det": "detective", "sgt": "sergeant", "capt": "captain",
               "prof": "professor", "dr": "doctor", "sen": "senator", "rep": "representative",
               "gov": "governor", "gen": "general", "lt": "lieutenant", "col": "colonel",
               "rev": "reverend", "fr": "father", "cmdr": "commander", "supv": "supervisor"}


def title_key(word: str) -> str:
    """"Cllr." and "councillor" -> "councillor": the office a title word names."""
    bare = word.lower().rstrip(".")
    return _TITLE_KEYS.get(bare, bare)

_KIN_GENDER = {w: MALE for w in ("father", "husband", "son", "brother", "uncle", "grandfather",
                                  "grandson", "nephew", "boyfriend", "widower", "spokesman",
                                  "chairman", "actor", "businessman", "congressman", "councilman",
                                  "stepfather", "dad")}
_KIN_GENDER.update({w: FEMALE for w in ("mother", "wife", "daughter", "sister", "aunt",
                                         "grandmother", "granddaughter", "niece", "girlfriend",
                                         "widow", "spokeswoman", "chairwoman", "actress",
                                         "businesswoman", "congresswoman", "councilwoman",
                                         "stepmother", "mom", "mum")})
KIN_GENDER = dict(_KIN_GENDER)
