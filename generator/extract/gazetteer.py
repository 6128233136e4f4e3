"""Small dictionaries that stand in for a trained NER model.

States come from :mod:`pycountry` (well kept, offline); the tables below are
ours: demonyms, capitals and other stand-ins that speak for a state
("Moscow rejected ..."), titles that give a role, words that head an
organisation's name, and the words that make a capitalised span *not* an actor
(months, weekdays, documents).  All lookups are dictionary lookups on
lower-cased text, so they cost nothing per token.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

# Short names readers use, by ISO code (pycountry's official names are long).
_SHORT = {
    "SY": "Syria", "RU": "Russia", "US": "United States", "GB": "Britain", "IR": "Iran",
    "KR": "South Korea", "KP": "North Korea", "VE": "Venezuela", "BO": "Bolivia",
    "TZ": "Tanzania", "MD": "Moldova", "LA": "Laos", "VN": "Vietnam", "TW": "Taiwan",
    "CZ": "Czech Republic", "PS": "Palestine", "TR": "Turkey", "CN": "China",
    "VA": "Vatican", "KO": "Kosovo", "CD": "Democratic Republic of Congo", "CG": "Congo",
}
_EXTRA_NAMES = {
    "u.s.": "US", "us": "US", "usa": "US", "u.s.a.": "US", "america": "US", "united states of america": "US",
    "uk": "GB", "u.k.": "GB", "great britain": "GB", "united kingdom": "GB", "britain": "GB",
    "russia": "RU", "iran": "IR", "syria": "SY", "south korea": "KR", "north korea": "KP",
    "turkey": "TR", "turkiye": "TR", "vietnam": "VN", "taiwan": "TW", "palestine": "PS",
    "holland": "NL", "the netherlands": "NL", "ivory coast": "CI", "burma": "MM", "czechia": "CZ",
}
# Demonym -> ISO code (the adjective names the state: "Syrian forces").
DEMONYMS = {
    "syrian": "SY", "russian": "RU", "chinese": "CN", "american": "US", "u.s.": "US", "us": "US",
    "british": "GB", "uk": "GB", "french": "FR", "german": "DE", "turkish": "TR", "iranian": "IR",
    "israeli": "IL", "lebanese": "LB", "jordanian": "JO", "iraqi": "IQ", "egyptian": "EG",
    "libyan": "LY", "saudi": "SA", "qatari": "QA", "emirati": "AE", "kuwaiti": "KW", "yemeni": "YE",
    "tunisian": "TN", "moroccan": "MA", "algerian": "DZ", "palestinian": "PS", "italian": "IT",
    "spanish": "ES", "japanese": "JP", "indian": "IN", "pakistani": "PK", "afghan": "AF",
    "canadian": "CA", "australian": "AU", "brazilian": "BR", "mexican": "MX", "ukrainian": "UA",
    "polish": "PL", "dutch": "NL", "belgian": "BE", "swiss": "CH", "swedish": "SE",
    "norwegian": "NO", "danish": "DK", "greek": "GR", "venezuelan": "VE", "argentine": "AR",
    "argentinian": "AR", "nigerian": "NG", "kenyan": "KE", "ethiopian": "ET", "sudanese": "SD",
    "bahraini": "BH", "omani": "OM", "austrian": "AT", "irish": "IE", "portuguese": "PT",
    "finnish": "FI", "czech": "CZ", "hungarian": "HU", "romanian": "RO", "bulgarian": "BG",
    "serbian": "RS", "indonesian": "ID", "malaysian": "MY", "thai": "TH", "vietnamese": "VN",
    "filipino": "PH", "bangladeshi": "BD", "chilean": "CL", "colombian": "CO", "peruvian": "PE",
    "cuban": "CU", "belarusian": "BY", "georgian": "GE", "armenian": "AM", "azerbaijani": "AZ",
    "kazakh": "KZ", "south african": "ZA", "north korean": "KP", "south korean": "KR",
    "new zealand": "NZ", "cypriot": "CY", "maltese": "MT", "somali": "SO", "malian": "ML",
}
# Capitals and buildings that speak for a state when they act ("Moscow said").
STAND_INS = {
    "moscow": "RU", "the kremlin": "RU", "kremlin": "RU", "washington": "US", "the white house": "US",
    "white house": "US", "beijing": "CN", "damascus": "SY", "paris": "FR", "the elysee": "FR",
    "london": "GB", "downing street": "GB", "tehran": "IR", "ankara": "TR", "berlin": "DE",
    "riyadh": "SA", "doha": "QA", "amman": "JO", "beirut": "LB", "baghdad": "IQ", "cairo": "EG",
    "jerusalem": "IL", "tokyo": "JP", "brussels": "BE", "kiev": "UA", "kyiv": "UA", "rome": "IT",
    "madrid": "ES", "ottawa": "CA", "canberra": "AU", "new delhi": "IN", "islamabad": "PK",
    "caracas": "VE", "brasilia": "BR", "pyongyang": "KP", "seoul": "KR", "tripoli": "LY",
}
# Titles that precede a name and give its role, longest first when matched.
TITLES = [
    "deputy foreign minister", "foreign minister", "foreign secretary", "secretary of state",
    "deputy prime minister", "prime minister", "defence minister", "defense minister",
    "defense secretary", "defence secretary", "interior minister", "information minister",
    "finance minister", "trade minister", "economy minister", "health minister", "minister",
    "secretary-general", "secretary general", "under-secretary-general", "deputy secretary-general",
    "president", "vice president", "vice-president", "king", "queen", "prince", "crown prince",
    "emir", "sheikh", "ayatollah", "supreme leader", "chancellor", "ambassador", "envoy",
    "special envoy", "spokesman", "spokeswoman", "senator", "sen.", "rep.", "governor",
    "general", "gen", "gen.", "brig", "brig.", "brigadier", "brigadier general", "major general",
    "maj gen", "lt gen", "colonel", "col.", "col", "lieutenant", "captain", "commander", "admiral",
    "chief", "head", "leader", "mayor", "judge", "justice", "chairman", "chairwoman", "director",
    "high commissioner", "commissioner", "foreign policy chief", "prosecutor", "chief prosecutor",
    "dr", "dr.", "professor", "prof", "sir", "lord", "lady", "pope", "archbishop", "imam",
    "adviser", "advisor", "aide", "spokesperson", "councillor", "councilman", "councilwoman",
    "baroness", "baron", "dame", "chief executive", "major", "sergeant", "lieutenant colonel",
    "lieutenant general", "lt.", "capt.", "maj.",
    "gov.", "gov", "sen", "rep", "billionaire", "businessman", "businesswoman", "nominee", "candidate",
    "speaker", "house speaker", "attorney general", "sheriff", "rev.", "reverend", "pastor", "lt. gov.",
    "first lady", "congressman", "congresswoman", "representative", "strategist", "pollster", "campaign manager",
]
# Lower-case words that qualify a title before it ("foreign policy chief",
# "senior adviser", "military spokesman"): kept in the role.
TITLE_MODIFIERS = {
    "foreign", "policy", "trade", "military", "security", "economic", "opposition", "senior",
    "deputy", "presidential", "government", "top", "rebel", "coalition", "army", "police",
    "defence", "defense", "health", "interior", "finance", "humanitarian", "special", "chief",
    "regional", "local", "state", "party", "former", "acting", "interim", "justice", "energy",
}
# Military and police ranks: a job title next to one is the better role
# ("military spokesman Brig. Gen. X" -> "military spokesman").
RANKS = {"general", "gen", "gen.", "brig", "brig.", "brigadier", "brigadier general", "major general",
         "maj gen", "maj.", "lt gen", "lt.", "colonel", "col.", "col", "lieutenant", "captain", "capt.",
         "commander", "admiral", "major", "sergeant", "lieutenant colonel", "lieutenant general"}
HONORIFICS = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f",
              "sir": "m", "lord": "m", "lady": "f", "baroness": "f", "baron": "m", "dame": "f", "king": "m", "queen": "f", "prince": "m"}
# Words that head an organisation name ("Syrian National Council").
ORG_HEADS = {
    "council", "agency", "league", "nations", "observatory", "army", "party", "committee", "reuters",
    "organization", "organisation", "union", "ministry", "commission", "court", "fund", "bank",
    "brotherhood", "front", "movement", "coalition", "group", "network", "watch", "international",
    "cross", "crescent", "alliance", "assembly", "parliament", "congress", "senate", "department",
    "office", "institute", "foundation", "association", "federation", "company", "corporation",
    "corp", "inc", "ltd", "news", "guard", "brigade", "brigades", "battalion", "forces", "navy",
    "secretariat", "board", "authority", "service", "services", "university", "press", "times",
    "post", "journal", "tribunal", "summit", "conference", "friends", "government", "cabinet",
    "administration", "opec", "nato", "police", "militia", "caucus", "bureau", "directorate",
    "programme", "program", "mission", "society", "syndicate", "federation", "confederation",
}
KNOWN_ORGS = {
    "un": "United Nations", "u.n.": "United Nations", "united nations": "United Nations",
    "eu": "European Union", "e.u.": "European Union", "european union": "European Union",
    "nato": "NATO", "iaea": "IAEA", "icrc": "International Committee of the Red Cross",
    "unhcr": "UNHCR", "unicef": "UNICEF", "who": None, "wto": "World Trade Organization",
    "imf": "International Monetary Fund", "opec": "OPEC", "sana": "SANA", "interfax": "Interfax",
    "reuters": "Reuters", "afp": "AFP", "ap": "Associated Press", "bbc": "BBC", "cnn": "CNN",
    "al jazeera": "Al Jazeera", "xinhua": "Xinhua", "hezbollah": "Hezbollah", "hamas": "Hamas",
    "arab league": "Arab League", "amnesty international": "Amnesty International",
    "human rights watch": "Human Rights Watch", "al qaeda": "al Qaeda", "al-qaeda": "al Qaeda",
    "ria": "RIA", "itar-tass": "Itar-Tass", "tass": "Tass", "anadolu": "Anadolu",
}
OUTLETS = {"bbc", "bbc news", "reuters", "ap", "associated press", "afp", "cnn", "al jazeera",
           "the guardian", "guardian", "new york times", "the new york times", "washington post",
           "the washington post", "bbc arabic", "bbc world service", "sky news", "npr", "france 24"}
# Group nouns that make an actor when named with a state ("Syrian rebels").
GROUP_NOUNS = {
    "rebels", "opposition", "activists", "forces", "troops", "army", "protesters", "protestors",
    "insurgents", "militants", "officials", "diplomats", "authorities", "government", "regime",
    "security forces", "military", "soldiers", "refugees", "defectors", "dissidents", "militia",
    "militias", "fighters", "lawmakers", "leaders", "ministers", "envoys", "negotiators",
}
# The noun stands for the state itself (government side).
GOVERNMENT_NOUNS = {"government", "regime", "authorities", "administration", "leadership"}
NON_ACTOR_HEADS = {
    "charter", "resolution", "plan", "convention", "treaty", "accord", "agreement", "chapter",
    "article", "day", "street", "square", "road", "mosque", "hospital", "airport", "river",
    "province", "district", "city", "mountains", "sea", "gulf", "ocean", "crisis", "spring",
    "war", "revolution", "uprising", "law", "act", "bill", "protocol", "initiative", "roadmap",
}
TIME_WORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "gmt", "utc", "edt",
    "est", "bst", "am", "pm", "christmas", "easter", "ramadan", "eid",
}
FEMALE_NAMES = {
    "hillary", "catherine", "angela", "condoleezza", "susan", "samantha", "navi", "valerie",
    "nancy", "theresa", "margaret", "maria", "mary", "anna", "anne", "sarah", "elizabeth",
    "bouthaina", "buthaina", "asma", "fatima", "leila", "layla", "rima", "rania", "nadia", "ban",
    "julia", "helen", "emma", "sophie", "christine", "federica", "marie", "kristalina", "linda",
    "jennifer", "laura", "victoria", "ruth", "jane", "alice", "claire", "kate", "emily", "amal",
}
MALE_NAMES = {
    "bashar", "barack", "vladimir", "sergei", "sergey", "william", "kofi", "francois", "laurent",
    "manaf", "gennady", "abdel", "mohammed", "muhammad", "ahmed", "ahmad", "ali", "hassan",
    "john", "david", "james", "robert", "michael", "peter", "paul", "george", "nabil", "walid",
    "recep", "ahmet", "abdullah", "hamad", "mahmoud", "jim", "ben", "tony", "nicolas", "benjamin",
    "hosni", "muammar", "moammar", "riad", "burhan", "lakhdar", "fabius", "wang", "hu", "xi",
    "dmitry", "alexander", "hamid", "joe", "donald", "mark", "thomas", "richard", "charles",
}
PLURAL_KINDS = {"state", "group", "organization"}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@lru_cache(maxsize=1)
def states() -> dict[str, str]:
    """Lower-cased state name -> ISO alpha-2 code."""
    table: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v and "," not in v:
                table[v.lower()] = c.alpha_2
    for code, short in _SHORT.items():
        table[short.lower()] = code
    table.update(_EXTRA_NAMES)
    return table


@lru_cache(maxsize=None)
def state_name(code: str) -> str:
    """Short reader name of a state by ISO code."""
    if code in _SHORT:
        return _SHORT[code]
    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return code
    return getattr(c, "common_name", None) or c.name


def state_id(code: str) -> str:
    return _slug(state_name(code))


TITLE_SET = set(TITLES)
MAX_TITLE_WORDS = max(len(t.split()) for t in TITLES)
