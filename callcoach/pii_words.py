"""Personal data made of words, for :func:`callcoach.pii.find_pii`: street addresses (with
apartment, city, state, ZIP or postcode) and person names, found by pattern on the tokens as
written (capital letters matter: "Mill Road", not "two main roads").

Both are off by default (``--redact-entities ...,address,person`` turns them on): an office, a
product or a colleague named in a sales call is part of its coaching value, so only what
someone gives as *their* details is taken: a name after "my name is", "this is ... from",
"I'm ...", "Mr/Ms/Dr", "speaking with", or spelled out after name or spell words; an address
with a house number and a street suffix, a postcode, a ZIP after a state or "zip". spaCy's
named-entity recogniser adds to these in :mod:`callcoach.redact` when it is installed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from callcoach.pii import CONTEXT_TOKENS, FAR_CONTEXT_TOKENS, SPELLING_ALPHABET, PiiSpan

_SUFFIXES = {
    "street", "st", "road", "rd", "avenue", "ave", "av", "lane", "ln", "drive", "dr", "boulevard", "blvd", "way",
    "court", "ct", "place", "pl", "terrace", "close", "crescent", "parkway", "pkwy", "highway", "hwy", "circle",
    "cir", "square", "sq", "row", "mews", "gardens", "grove", "walk", "trail", "plaza", "alley", "broadway", "hill",
    "park", "green", "rise", "view", "wharf", "quay", "esplanade", "parade", "loop", "pike", "turnpike", "expressway",
}
#: Suffixes unlikely to follow a number in other talk: the street name may be lower case.
_STRONG = {"street", "road", "avenue", "boulevard", "blvd", "ave", "rd", "lane", "terrace", "crescent", "parkway"}
_UNIT_WORDS = {"apartment", "apt", "unit", "suite", "ste", "flat", "#", "no", "room", "floor", "building", "bldg",
               "interno", "int", "scala", "piso", "puerta", "bus", "boîte", "etage", "stiege", "top", "tür", "piano",
               "appartement", "appart", "apartamento", "wohnung", "whg"}
#: Unit words that name a home on their own: "Flat 5", "and it's apartment 19, I forgot".
_HOME_UNITS = {"apartment", "apt", "unit", "suite", "flat", "appartement", "apartamento", "wohnung"}
_US_STATES = {
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida",
    "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine",
    "maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada",
    "ohio", "oklahoma", "oregon", "pennsylvania", "tennessee", "texas", "utah", "vermont", "virginia", "washington",
    "wisconsin", "wyoming", "hampshire", "jersey", "mexico", "york", "carolina", "dakota", "island", "columbia",
}
_STATE_CODES = {"AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC"}
_UK_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$")
_UK_OUTWARD = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?$")
_UK_INWARD = re.compile(r"^\d[A-Z]{2}$")
_ZIP = re.compile(r"^\d{5}(-\d{4})?$")
_HOUSE = re.compile(r"^\d{1,5}[a-z]?$")
_NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                 "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
                 "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "oh", "zero", "double"}
#: Street types written as the end of one word in Europe ("Kastanienallee", "Amselstraße",
#: "Prinsenstraat", "Lindenweg"); those in _EU_STRONG_ENDS are words of no other use, so the
#: street may be written in lower case ("amselstrasse 78").
_EU_ENDS = re.compile(
    r"^[^\W\d_]{3,}(straße|strasse|str\.|weg|allee|gasse|platz|damm|ufer|chaussee|pfad|steig|straat|laan|gracht|"
    r"plein|kade|singel|dijk|steeg|markt|vej|gatan|vägen|vagen|katu)$", re.IGNORECASE)
_EU_STRONG_ENDS = re.compile(r"(straße|strasse|straat|allee|gasse|gracht|laan|chaussee)$", re.IGNORECASE)
#: Street types written as their own word after the name ("Berliner Straße 12").
_EU_AFTER = {"straße", "strasse", "str", "weg", "allee", "gasse", "platz", "damm", "ufer", "straat", "laan",
             "gracht", "plein", "kade", "markt"}
#: Street types before the name ("Calle del Olmo 93", "45 rue des Tanneurs", "Via Roma 12").
_EU_BEFORE = {"calle", "carrer", "avenida", "avda", "paseo", "camino", "ronda", "travesía", "travesia", "plaza",
              "rambla", "via", "viale", "corso", "piazza", "piazzale", "largo", "vicolo", "strada", "contrada",
              "rue", "avenue", "boulevard", "bd", "chemin", "allée", "allee", "impasse", "quai", "cours", "place",
              "rua", "praça", "travessa", "ulica", "ul"}
#: Of those, the ones that are also English words: a particle must follow ("place de la Gare"),
#: or they must be capitalised with a capitalised name after them ("Via Roma").
_EU_BEFORE_ENGLISH = {"via", "avenue", "boulevard", "place", "plaza", "cours", "largo", "camino", "ronda", "corso"}
_PARTICLES = {"de", "del", "della", "delle", "dei", "degli", "di", "da", "dal", "du", "des", "la", "le", "les", "l'",
              "d'", "el", "los", "las", "y", "e", "van", "von", "der", "den", "het", "am", "an", "auf", "im", "zum",
              "zur", "do", "dos", "das"}
_HOUSE_AFTER = re.compile(r"^\d{1,4}[a-z]?(/\d{1,3})?$")
#: Irish Eircode (``D04 C805``), Dutch (``9928 JX``) and other European postcodes.
_EIRCODE_HEAD = re.compile(r"^([AC-FHKNPRTV-Y]\d{2}|D6W)$")
_EIRCODE_TAIL = re.compile(r"^[AC-FHKNPRTV-Y0-9]{4}$")
_NL_POSTCODE = re.compile(r"^[1-9]\d{3}$")
#: A Canadian postal code (``K1A 0B1``): no D, F, I, O, Q or U, no W or Z first.
_CA_POSTCODE = re.compile(r"^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\d[ABCEGHJ-NPRSTV-Z]\d$")
_NL_LETTERS = re.compile(r"^[A-Z]{2}$")
_EU_POSTCODE = re.compile(r"^\d{5}$|^\d{2}-\d{3}$|^[1-9]\d{3}$")
#: Words before a postcode or ZIP said alone ("the postcode is B N twenty-eight, three G F").
POSTCODE_CUES = {"postcode", "postal", "zip", "zipcode", "eircode", "address"}
#: Words asking for a code that is only digits in many countries (a ZIP, a Belgian or German postal code).
_ZIP_CUES = {"postcode", "postal", "zip", "zipcode", "plz"}
_DIGIT_WORDS = {"zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
                "six": "6", "seven": "7", "eight": "8", "nine": "9"}
_TEEN_WORDS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
               "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TEN_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
              "ninety": 90}
#: Words before a place that make it someone's address ("I live in Leeds", "ship it to ...").
ADDRESS_CUES = {"address", "live", "living", "lives", "located", "ship", "shipping", "deliver", "delivery", "send",
                "mail", "billing", "postcode", "zip", "moved", "reside", "residence", "home"}
#: Words that are never part of a name or a street name.
_STOP = {
    "the", "a", "an", "and", "or", "but", "of", "on", "in", "at", "to", "for", "with", "from", "by", "is", "are",
    "was", "be", "it", "its", "it's", "this", "that", "my", "our", "your", "their", "his", "her", "we", "you", "i",
    "i'm", "i'd", "i'll", "i've", "me", "us", "so", "just", "calling", "here", "there", "speaking", "not", "no", "yes", "yeah", "okay",
    "ok", "sure", "right", "well", "sorry", "hi", "hello", "thanks", "thank", "please", "good", "great", "fine",
    "busy", "glad", "happy", "interested", "looking", "going", "trying", "wondering", "afraid", "also", "still",
    "actually", "really", "very", "all", "what", "who", "how", "why", "when", "where", "per", "about", "over",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "tomorrow", "yesterday",
    "january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
    "december", "team", "company", "office", "sales", "support", "customer", "service", "manager", "director",
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "correct", "new",
    "ready", "done", "back", "sir", "madam", "ma'am", "everyone", "guys", "folks", "down", "up", "out", "now",
}
_SELF_CUES = (("my", "name", "is"), ("my", "name's"), ("name", "is"), ("name's",), ("this", "is"), ("i'm",),
              ("i", "am"), ("it's",), ("call", "me"), ("names",))
_OTHER_CUES = (("last", "name", "is"), ("first", "name", "is"), ("surname", "is"), ("full", "name", "is"),
               ("speaking", "with"), ("speak", "to"), ("speak", "with"), ("talking", "to"), ("ask", "for"),
               ("mr",), ("mrs",), ("ms",), ("miss",), ("dr",), ("mister",), ("doctor",), ("named",), ("called",),
               ("surname",), ("first", "name"), ("last", "name"), ("family", "name"), ("under",))
#: Cues after which a lower-case word may be a name (the recogniser does not always capitalise).
_STRONG_CUES = {("my", "name", "is"), ("my", "name's"), ("name", "is"), ("name's",), ("last", "name", "is"),
                ("first", "name", "is"), ("surname", "is"), ("full", "name", "is"), ("names",)}
#: After a weak cue ("this is X", "I'm X") the name must end the sentence or be followed by one of these.
_AFTER_NAME = {"from", "at", "with", "here", "speaking", "calling", "and", "of", "over", "how", "i'll", "i'm"}
_SPELL_CUES = {"spell", "spelled", "spelt", "spelling", "name", "surname", "that's", "letters", "lastname"}
_SPELLED = re.compile(r"^[A-Za-z](?:[-.][A-Za-z]){2,}[-.]?$")


def addresses(tokens: Sequence[str], norms: list[str], timeline: list[str], pos: list[int]) -> list[PiiSpan]:
    """Street addresses, postcodes and ZIPs in ``tokens`` (``norms`` their normalised forms)."""
    spans: list[PiiSpan] = []
    i = 0
    n = len(tokens)
    lowered = _lowered_turns(tokens, norms, pos)
    while i < n:
        end = _street_at(tokens, norms, i, lowered[i]) or _eu_street_at(tokens, norms, i)
        if end is not None:
            end = _address_tail(tokens, norms, end)
            spans.append(PiiSpan(_unit_before(tokens, norms, i), end, "address"))
            i = end
            continue
        end = _postcode_at(tokens, i) or _state_zip_at(tokens, norms, i)
        near = set(timeline[max(0, pos[i] - 8) : pos[i]])
        if end is None and _ZIP.match(norms[i]):
            end = i + 1 if near & {"zip", "zipcode", "postcode", "postal"} else None
        if end is None and (near & POSTCODE_CUES or {"post", "code"} <= near):  # "the postcode is ..."
            end = (_spoken_postcode_at(tokens, norms, i) or _other_postcode_at(tokens, norms, i)
                   or (_spoken_postcode_at(tokens, norms, i, digits_only=True) if near & _ZIP_CUES else None)
                   or _spoken_postcode_at(tokens, norms, i, anycase=True) or _other_postcode_at(tokens, norms, i, True))
        if end is None and near & _ADDRESS_ASKED:
            end = _answered_street(tokens, norms, i, pos, lowered[i])
            if end is not None:
                end = _address_tail(tokens, norms, end)
        if end is None:
            end = _po_box_at(norms, i)
        if end is None and norms[i] in _HOME_UNITS and i + 1 < n and (
                set(timeline[max(0, pos[i] - FAR_CONTEXT_TOKENS) : pos[i]]) & (POSTCODE_CUES | _ADDRESS_ASKED)
                or (spans and pos[i] - pos[spans[-1].end] <= 6)):
            end = _unit_number_end(tokens, norms, i + 1)
            if end is not None and end < n:  # "Flat nine, 366 Copperfield Road": the street after the flat
                street = _street_at(tokens, norms, end, lowered[end]) or _eu_street_at(tokens, norms, end) or (
                    _answered_street(tokens, norms, end, pos, lowered[end]) if near & _ADDRESS_ASKED else None)
                end = end if street is None else _address_tail(tokens, norms, street)
        if end is None and _postcode_start(tokens[i], norms[i]) and not near & _REF_WORDS and (
                set(timeline[max(0, pos[i] - FAR_CONTEXT_TOKENS) : pos[i]]) & (POSTCODE_CUES | _ADDRESS_ASKED)
                or (spans and pos[i] - pos[spans[-1].end] <= 6)):
            end = _strict_postcode_at(tokens, norms, i)
        if end is not None:
            spans.append(PiiSpan(i, end, "address"))
            i = end
        elif spans and spans[-1].end <= i and (code := _postal_after(tokens, norms, spans[-1].end)) is not None:
            spans.append(PiiSpan(code[0], code[1], "address"))  # "163 Magnolia Cir, eight five oh six two"
            i = code[1]
        else:
            i += 1
    merged: list[PiiSpan] = []
    for sp in spans:  # "1600 Pennsylvania Avenue NW, Washington," + "DC 20500": one address
        if merged and merged[-1].end == sp.start:
            merged[-1] = PiiSpan(merged[-1].start, sp.end, "address")
        else:
            merged.append(sp)
    return merged


def _word(token: str) -> str:
    return token.strip().strip("\"'()[]{},.;:!?")


#: Words of a question for someone's address: after them, a house number and a street name
#: without a known street type ("33 Willow Bend", "221 North Main") is the answer.
_ADDRESS_ASKED = {"address", "live", "living", "moved", "ship", "shipping", "deliver", "delivering", "delivery",
                  "send", "sent", "mail", "billing", "postal", "located", "residence", "reside"}
#: Words a turn may open with before the address it answers: "Yeah, it's 33 Willow Bend."
_ADDRESS_LEADS = {"it's", "its", "it", "is", "yes", "yeah", "sure", "um", "uh", "oh", "so", "that's", "that", "okay",
                  "ok", "right", "at", "we're", "i'm", "to", "number", "the", "address", "my", "now", "er"}


def _turn_start(norms: list[str], pos: list[int], i: int) -> bool:
    """Token ``i`` opens a turn (the timeline jumps over the other party's words before it)."""
    return i == 0 or pos[i] > pos[i - 1] + max(1, len(norms[i - 1].split("-")))


def _answered_street(tokens: Sequence[str], norms: list[str], i: int, pos: list[int], lowered: bool) -> int | None:
    """The end of a street said in answer to "what's your address?" with no known street type:
    a house number and one to three name words, capitalised (or in a turn written all in lower
    case), that end the turn or a clause or come before a unit, a state or a code: "33 Willow
    Bend, Dallas", "221 North Main, Springfield"; None otherwise."""
    k = i
    while k > 0 and not _turn_start(norms, pos, k) and norms[k - 1].strip(",") in _ADDRESS_LEADS and i - k < 3:
        k -= 1
    if not _turn_start(norms, pos, k):
        return None
    if not (_HOUSE.match(norms[i]) and not norms[i].startswith("0")) or tokens[i].rstrip()[-1:] in ",.;:!?":
        return None
    j = i + 1
    while j < len(tokens) and j - i <= 3:
        w = _word(tokens[j])
        if not (w.isalpha() or re.fullmatch(r"\d{1,3}(st|nd|rd|th)", w.lower())) or norms[j] in _STOP or norms[j] in _COUNTED:
            break
        if not (w[:1].isupper() or w[:1].isdigit() or lowered):
            break
        j += 1
        if tokens[j - 1].rstrip()[-1:] in ",.;:!?":
            break
    if j == i + 1:
        return None
    if j < len(tokens) and tokens[j - 1].rstrip()[-1:] not in ",.;:!?":
        nxt = norms[j]
        if not (nxt in _UNIT_WORDS or nxt in _US_STATES or _word(tokens[j]) in _STATE_CODES or _ZIP.match(nxt)
                or _postcode_at(tokens, j)):
            return None
    if any(norms[m] in _QUANTITY_WORDS for m in range(i + 1, j)):
        return None
    return j


#: Words after a number that make it a quantity, never a house number.
_QUANTITY_WORDS = {"dollars", "euros", "pounds", "percent", "am", "pm", "minutes", "hours", "days", "weeks", "months",
                   "years", "items", "units", "seats", "people", "times", "o'clock", "k", "grand", "bucks"}


#: Words before a code that make it a reference, not a postcode ("ticket D352TA").
_REF_WORDS = {"ticket", "reference", "ref", "order", "booking", "case", "policy", "claim", "confirmation", "tracking",
              "invoice", "under", "job", "incident", "model", "serial", "part"}


def _unit_number_end(tokens: Sequence[str], norms: list[str], j: int) -> int | None:
    """The end of a flat or unit number at token ``j`` ("5", "12b", "nineteen", "two oh four"), or None."""
    k = j
    while k < len(norms) and k - j < 3 and (re.fullmatch(r"#?\d{1,4}[a-z]?", norms[k]) or norms[k] in _DIGIT_WORDS
                                             or norms[k] in _TEEN_WORDS or norms[k].split("-")[0] in _TEN_WORDS):
        k += 1
        if re.fullmatch(r"#?\d{1,4}[a-z]?", norms[k - 1]) or tokens[k - 1].rstrip()[-1:] in ",.;:!?":
            break
    if k < len(norms) and norms[k] in _QUANTITY_WORDS | _COUNTED:
        return None
    return k if k > j else None


def _postcode_start(token: str, norm: str) -> bool:
    """Token could open a postcode read out: a letter or two (with digits), or a spelling-alphabet word."""
    return norm in SPELLING_ALPHABET or bool(re.fullmatch(r"[A-Za-z]{1,2}\d{0,2}[A-Za-z]?", _word(token)))


def _strict_postcode_at(tokens: Sequence[str], norms: list[str], i: int) -> int | None:
    """A postcode read out or written in any case from token ``i`` in a conversation about an
    address (a read-back: "so that's D E one seven, zero Y R?", "delta echo one seven ..."):
    the furthest end whose characters have a postcode's exact shape (:func:`postcode_ok`)."""
    best = None
    for end, text in spelled_chars(tokens, norms, i, anycase=True, alphabet_start=True):
        if len(text) > 8 or _NOT_POSTCODE_PART.match(norms[end - 1]):
            break  # "November 19th", "at 11am" are a date and a time
        if postcode_ok(text):
            best = end
    return best


_NOT_POSTCODE_PART = re.compile(r"^\d+(st|nd|rd|th|am|pm)$|^(at|on|in|to|is|it|by|or|of|an|am|pm|as|so|me|my|we|us)$")


def _po_box_at(norms: list[str], i: int) -> int | None:
    """A post-office box: "PO Box 4471", "P.O. Box 12", "post office box one two"."""
    if norms[i] in ("po", "p.o", "p.o.", "p"):
        j = i + 1
    elif norms[i] == "post" and i + 2 < len(norms) and norms[i + 1] == "office":
        j = i + 2
    else:
        return None
    if j + 1 >= len(norms) or norms[j] != "box":
        return None
    k = j + 1
    while k < len(norms) and k - j <= 6 and (re.fullmatch(r"\d{1,6}", norms[k]) or norms[k] in _DIGIT_WORDS):
        k += 1
    return k if k > j + 1 else None


def _postal_after(tokens: Sequence[str], norms: list[str], end: int) -> tuple[int, int] | None:
    """A postal code after a street (and its city, up to three words): a ZIP or a European
    code in digits, written or read out ("..., Milano, two oh one six two", "1505-678"), or a
    postcode in any case ("h91pnh1", "1079wr", "yo11 4bd"), in the same sentence. Returns its
    token range."""
    if end >= len(tokens) or tokens[end - 1].rstrip()[-1:] in ".;:!?":
        return None
    m = end
    while m < len(tokens) and m - end < 3 and _word(tokens[m]).isalpha() and norms[m] not in _STOP:
        if tokens[m].rstrip()[-1:] in ".;:!?":
            return None
        m += 1
    if m >= len(tokens):
        return None
    nxt = norms[m + 1] if m + 1 < len(norms) else ""
    if nxt in _QUANTITY_WORDS or nxt in _COUNTED:
        return None
    w = _word(tokens[m])
    if re.fullmatch(r"\d{4,5}(-\d{3,4})?", w):
        if re.fullmatch(r"\d{4}", w) and m + 1 < len(tokens) and re.fullmatch(r"\d{3}", _word(tokens[m + 1])):
            return m, m + 2  # a Portuguese code said in two: "1505 678"
        return m, m + 1
    up = w.upper()
    if len(up) in (6, 7) and (_UK_POSTCODE.match(up) or re.fullmatch(r"[1-9]\d{3}[A-Z]{2}", up)
                              or (_EIRCODE_HEAD.match(up[:3]) and _EIRCODE_TAIL.match(up[3:]))):
        return m, m + 1
    code = (_postcode_at(tokens, m) or _other_postcode_at(tokens, norms, m, True)
            or _spoken_postcode_at(tokens, norms, m, digits_only=True) or _spoken_postcode_at(tokens, norms, m, anycase=True))
    return (m, code) if code is not None else None


#: Words counted by a number, never the name of a street after a house number.
_COUNTED = {"people", "persons", "users", "seats", "reps", "calls", "employees", "customers", "units", "times", "days",
            "weeks", "months", "years", "hours", "minutes", "staff", "agents", "members", "drivers", "trucks", "vans",
            "cars", "sites", "stores", "offices", "locations", "teams", "more", "of", "percent", "new", "other", "extra"}


def _street_at(tokens: Sequence[str], norms: list[str], i: int, lowered: bool = False) -> int | None:
    """The end of "221B Baker Street", "12 Mill Road", "one twenty three main street" at ``i``."""
    j = i
    if _HOUSE.match(norms[i]) and not norms[i].startswith("0"):
        j = i + 1
    else:
        while j < len(norms) and j - i < 6 and norms[j] and (
            all(p in _NUMBER_WORDS for p in norms[j].split("-") if p)
            or (norms[j] == "and" and j > i and norms[j - 1] == "hundred")
        ):
            j += 1
        if j == i or norms[i] in ("oh", "zero", "double", "hundred"):
            return None
    if tokens[j - 1].rstrip()[-1:] in ",.;:!?":
        return None
    for k in range(j, min(len(norms), j + 4)):
        w = norms[k].rstrip(".")
        if w in _SUFFIXES and k > j:
            names = [_word(tokens[m]) for m in range(j, k)]
            if names[0].lower() in _COUNTED:
                return None  # "20 people drive in", "3 users access it"
            if any(not x.isalpha() and not re.fullmatch(r"[A-Za-z]+'s", x) for x in names):
                return None
            if any(x.lower() in _STOP for x in names):
                return None
            if w not in _STRONG and not all(x[:1].isupper() for x in names) and not lowered:
                return None
            if not tokens[k][:1].isupper() and not all(x[:1].isupper() for x in names) and w not in _STRONG and not lowered:
                return None
            if (k + 1 < len(norms) and norms[k + 1].rstrip(".") in _SUFFIXES and tokens[k].rstrip()[-1:] not in ",.;:!?"
                    and (tokens[k + 1][:1].isupper() == tokens[k][:1].isupper())):
                return k + 2  # "Harbour View Close": a suffix word is part of the name
            return k + 1
        word = _word(tokens[k])
        if not (word.isalpha() or re.fullmatch(r"[A-Za-z]+'s", word)) or norms[k] in _STOP or tokens[k].rstrip()[-1:] in ",.;:!?":
            return None
    return None


def _unit_before(tokens: Sequence[str], norms: list[str], i: int) -> int:
    """Where a street at token ``i`` starts with its flat or unit said first ("Flat 3, 151 Wren
    Road", "apartment 4B 12 Mill Road")."""
    if i >= 2 and norms[i - 2] in _UNIT_WORDS and re.fullmatch(r"#?\w{1,5}", norms[i - 1]) and any(
        c.isdigit() for c in norms[i - 1]
    ):
        return i - 2
    return i


def _house_after(tokens: Sequence[str], norms: list[str], k: int) -> bool:
    """Token ``k`` starts a house number after a street's name ("Kastanienallee 22", "Via Roma
    12b", "Kirchweg one hundred and fifty-four"), not a count ("Main Street 2 days")."""
    return _house_len(tokens, norms, k) > 0


def _house_len(tokens: Sequence[str], norms: list[str], k: int) -> int:
    """How many tokens the house number at token ``k`` takes (written, or said in words), 0 if none."""
    if k >= len(norms):
        return 0
    if _HOUSE_AFTER.match(norms[k]) and not norms[k].startswith("0"):
        length = 1
    else:
        length = 0
        while k + length < len(norms) and length < 6:
            parts = [x for x in norms[k + length].split("-") if x]
            said = parts and all(x in _NUMBER_WORDS and x not in ("oh", "zero", "double") for x in parts)
            if not (said or (length and norms[k + length] == "and" and norms[k + length - 1] == "hundred")):
                break
            length += 1
            if tokens[k + length - 1].rstrip()[-1:] in ",.;:!?":
                break
        while length and norms[k + length - 1] == "and":
            length -= 1
    nxt = norms[k + length] if k + length < len(norms) else ""
    if nxt in {"days", "weeks", "months", "years", "hours", "minutes", "times", "people", "percent", "am", "pm",
               "dollars", "euros", "pounds", "items", "units", "seats"}:
        return 0
    return length


def _eu_street_at(tokens: Sequence[str], norms: list[str], i: int) -> int | None:
    """The end of a European street at token ``i``: one word with its type ("Kastanienallee 22",
    "Prinsenstraat 4"), a name and a type word ("Berliner Straße 12"), a type word first
    ("Calle de la Fuente 149", "Via del Pozzo 108", "45 rue des Tanneurs")."""
    w = _word(tokens[i])
    n = len(tokens)
    if _EU_ENDS.match(w) and (w[:1].isupper() or _EU_STRONG_ENDS.search(w)) and _house_after(tokens, norms, i + 1):
        return i + 1 + _house_len(tokens, norms, i + 1)
    if (w[:1].isupper() and w.isalpha() and norms[i] not in _STOP and i + 1 < n
            and norms[i + 1].rstrip(".") in _EU_AFTER and _house_after(tokens, norms, i + 2)):
        return i + 2 + _house_len(tokens, norms, i + 2)
    j = i
    if _HOUSE_AFTER.match(norms[i]) and not norms[i].startswith("0"):
        j = i + 1  # "45 rue des Tanneurs", "45, rue ..."
    if j >= n or norms[j] not in _EU_BEFORE or (j > i and tokens[j - 1].rstrip()[-1:] in ".;:!?"):
        return None
    prefix = _word(tokens[j])
    k = j + 1
    names = 0
    particle = False
    while k < n and k - j <= 5:
        word = _word(tokens[k])
        low = word.lower()
        if low in _PARTICLES or re.fullmatch(r"[dl]'\w+", low):
            particle = True
        elif word[:1].isupper() and word.replace("-", "").replace("'", "").isalpha() and low not in _STOP:
            names += 1
        elif particle and word.isalpha() and low not in _STOP and names == 0:
            names += 1  # "via del pozzo" as a recogniser writes a whole turn in lower case
        else:
            break
        k += 1
        if tokens[k - 1].rstrip()[-1:] in ",.;:!?":
            break
    if not names:
        return None
    if norms[j] in _EU_BEFORE_ENGLISH and not particle and not (prefix[:1].isupper() and names):
        return None
    if _house_after(tokens, norms, k) and tokens[k - 1].rstrip()[-1:] not in ".;:!?":
        return k + _house_len(tokens, norms, k)  # "Calle del Olmo 93", "Paseo del Sol ninety-seven"
    if j > i:
        return k  # "45 rue des Tanneurs"
    return None




def spelled_chars(tokens: Sequence[str], norms: list[str], i: int, limit: int = 16,
                  anycase: bool = False, alphabet_start: bool = False) -> list[tuple[int, str]]:
    """Letters and digits read out one by one from token ``i``: "S E 7", "Sierra one nine",
    "N for Nancy", "L as in lima", "double four", "BN28". Returns (end token, characters so
    far) after each token that adds some; stops at a token that adds none or ends a sentence."""
    out: list[tuple[int, str]] = []
    text, k = "", i
    while k < len(tokens) and k - i < limit:
        word, norm = _word(tokens[k]), norms[k].strip(",")
        if norm == "double" and k + 1 < len(tokens):
            nxt = _postcode_chars(tokens[k + 1], norms[k + 1]) or SPELLING_ALPHABET.get(norms[k + 1].strip(","))
            if nxt is None or len(nxt) != 1:
                break
            text, k = text + nxt * 2, k + 2
        elif norm in SPELLING_ALPHABET and (k > i or word[:1].isupper() or alphabet_start):
            text, k = text + SPELLING_ALPHABET[norm], k + 1
        elif re.fullmatch(r"[A-Z]", word.upper() if anycase else word) and k + 2 < len(tokens) and (
            norms[k + 1] == "for" or (norms[k + 1] == "as" and norms[k + 2] == "in")
        ):
            skip = 3 if norms[k + 1] == "for" else 4
            if k + skip - 1 >= len(tokens):
                break
            text, k = text + word.upper(), k + skip  # "N for Nancy", "L as in lima"
            if tokens[k - 1].rstrip()[-1:] in ".;:!?":
                out.append((k, text))
                break
        else:
            part = _postcode_chars(tokens[k], norms[k], anycase)
            if part is None and len(text) == 3 and _EIRCODE_HEAD.match(text) and re.fullmatch(r"[A-Za-z0-9]{4}", word):
                part = word  # an Eircode's second half, however it is written: "D08 DFAV", "w 23, 5d8f"
            if part is None:
                break
            text, k = text + part.upper(), k + 1
        out.append((k, text))
        if tokens[k - 1].rstrip()[-1:] in ".;:!?":
            break
    return out


def _spoken_postcode_at(tokens: Sequence[str], norms: list[str], i: int, digits_only: bool = False,
                        anycase: bool = False) -> int | None:
    """A postcode spelled out: UK ("B N twenty-eight, three G F", "Sierra one nine, six Foxtrot
    Romeo", "L for London, E for Edward, two, four Y for yellow, A for apple"), an Eircode ("V nine
    four, N nine nine two"), a Dutch one ("ten thirty-eight Z G"); with ``digits_only``, four or
    five digits read out (a ZIP or a European postal code: "oh four eight four eight")."""
    best = None
    if digits_only and re.fullmatch(r"\d{4,5}|\d(-\d){3,4}", _word(tokens[i])):
        return i + 1  # "9061.", "4-3-2-3-8"
    if anycase and not _word(tokens[i])[:1].isalpha():
        return None  # a postcode in lower case must start with its letters: "le 17 7 ja"
    for end, text in spelled_chars(tokens, norms, i, anycase=anycase):
        if end == i + 1 and not digits_only and text.isdigit():
            continue
        if digits_only:
            if text.isdigit() and len(text) in (4, 5):
                best = end
            continue
        if len(text) > 8:
            break
        if postcode_ok(text):
            best = end
    return best


def postcode_ok(text: str) -> bool:
    """``text`` (capitals and digits, no spaces) has the shape of a UK postcode, an Eircode, a
    Dutch postcode or a Canadian postal code."""
    if len(text) < 5 or text.isdigit():
        return False
    return bool(_UK_POSTCODE.match(text) or _CA_POSTCODE.match(text)
                or (len(text) == 7 and _EIRCODE_HEAD.match(text[:3]) and _EIRCODE_TAIL.match(text[3:]))
                or (len(text) == 6 and _NL_POSTCODE.match(text[:4]) and _NL_LETTERS.match(text[4:])))


def _postcode_chars(token: str, norm: str, anycase: bool = False) -> str | None:
    """The characters one token adds to a postcode spelled out, or None (``anycase``: letters
    as a recogniser writes them in lower case, "le 17 7 ja", "yo11 4bd")."""
    word = _word(token)
    if anycase and re.fullmatch(r"[A-Za-z]{1,2}|[A-Za-z]{0,2}\d{1,2}[A-Za-z]{0,2}", word) and norm not in _DIGIT_WORDS:
        word = word.upper()
    if re.fullmatch(r"[A-Z]{1,2}|[A-Z]{0,2}\d{1,2}[A-Z]{0,2}", word):
        return word
    parts = [p for p in norm.split("-") if p]
    if len(parts) == 1 and parts[0] in _DIGIT_WORDS and parts[0] != "o":
        return _DIGIT_WORDS[parts[0]]
    if len(parts) == 1 and parts[0] in _TEEN_WORDS:
        return str(_TEEN_WORDS[parts[0]])
    if parts and parts[0] in _TEN_WORDS and len(parts) <= 2:
        unit = _DIGIT_WORDS.get(parts[1], "") if len(parts) == 2 else "0"
        return str(_TEN_WORDS[parts[0]] + int(unit)) if unit and unit != "0" or len(parts) == 1 else None
    return None


def _other_postcode_at(tokens: Sequence[str], norms: list[str], i: int, anycase: bool = False) -> int | None:
    """An Irish Eircode (``D04 C805``, ``D04C805``) or a Dutch postcode (``9928 JX``); with
    ``anycase`` in lower case too ("h91pnh1", "1079wr")."""
    a = _word(tokens[i])
    b = _word(tokens[i + 1]) if i + 1 < len(tokens) else ""
    if anycase:
        a, b = a.upper(), b.upper()
        if re.fullmatch(r"[1-9]\d{3}[A-Z]{2}", a) and a[4:] not in ("SA", "SD", "SS"):
            return i + 1
    if _EIRCODE_HEAD.match(a) and _EIRCODE_TAIL.match(b) and tokens[i].rstrip()[-1:] not in ",.;:!?":
        return i + 2
    if len(a) == 7 and _EIRCODE_HEAD.match(a[:3]) and _EIRCODE_TAIL.match(a[3:]) and any(c.isalpha() for c in a[3:]):
        return i + 1
    if _NL_POSTCODE.match(a) and _NL_LETTERS.match(b) and b not in ("SA", "SD", "SS"):
        return i + 2
    return None


_DOORS = {"izquierda", "derecha", "izq", "izda", "dcha", "der", "centro", "esq", "esquerdo", "esquerda", "dto",
          "direito", "dir", "frente"}
_DIRECTIONS = {"n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west", "northeast", "northwest",
               "southeast", "southwest"}


def _address_tail(tokens: Sequence[str], norms: list[str], end: int) -> int:
    """Past an apartment or unit, a city, a state, a ZIP or a postcode after a street."""
    n = len(tokens)
    k = end
    if k < n and norms[k].rstrip(".") in _DIRECTIONS and (tokens[k][:1].isupper() or len(norms[k].rstrip(".")) <= 2):
        k += 1  # "1600 Pennsylvania Avenue Northwest", "Main St NW"
    if k + 1 < n and norms[k] in _UNIT_WORDS and re.fullmatch(r"#?\w{1,5}", norms[k + 1]):
        k += 2
    elif k < n and re.fullmatch(r"#\w{1,5}", norms[k]):
        k += 1
    elif k < n and re.fullmatch(r"\d{1,2}[º°ª]", norms[k]):
        k += 1  # a Spanish or Portuguese floor and door: "Calle Mayor 14, 3º B", "6º izquierda", "3º Esq."
        if k < n and (re.fullmatch(r"[a-z]", norms[k]) or norms[k].rstrip(".") in _DOORS):
            k += 1
    # a city (capitalised words), then a state, ZIP or postcode
    for length in range(4):
        m = k + length
        if m > n:
            break
        if length and not all(_word(tokens[x])[:1].isupper() and _word(tokens[x]).isalpha() for x in range(k, m)):
            break
        tail = (_postcode_at(tokens, m) or _state_zip_at(tokens, norms, m) or _spoken_postcode_at(tokens, norms, m)
                or _other_postcode_at(tokens, norms, m) or _eu_postcode_at(tokens, norms, m, length > 0)) if m < n else None
        if tail is not None:
            return tail
        if m < n and (_word(tokens[m]) in _STATE_CODES or norms[m] in _US_STATES):
            return m + 1
    if k < n and _word(tokens[k])[:1].isupper() and _word(tokens[k]).isalpha() and tokens[k - 1].endswith(","):
        return k + 1  # "12 Mill Road, Cambridge"
    return k


def _eu_postcode_at(tokens: Sequence[str], norms: list[str], i: int, after_city: bool) -> int | None:
    """A European postal code after a street (and its city): ``Köln, 50275``; before the city
    ("1040 Bruxelles")."""
    if not _EU_POSTCODE.match(norms[i]):
        return None
    if (after_city or tokens[i - 1].rstrip().endswith(",")) and (len(norms[i]) == 5 or "-" in norms[i]):
        return i + 1
    nxt = _word(tokens[i + 1]) if i + 1 < len(tokens) else ""
    if nxt[:1].isupper() and nxt.isalpha() and nxt.lower() not in _STOP:
        return i + 2  # "1040 Bruxelles", "75011 Paris"
    return None


def _postcode_at(tokens: Sequence[str], i: int) -> int | None:
    """A UK postcode as written: ``CB1 2AB``, ``SW1A 1AA``, ``CB12AB``."""
    a = _word(tokens[i])
    if (_UK_POSTCODE.match(a) or _CA_POSTCODE.match(a.upper())) and any(c.isdigit() for c in a):
        return i + 1
    b = _word(tokens[i + 1]).upper() if i + 1 < len(tokens) else ""
    if len(a) == 3 and len(b) == 3 and _CA_POSTCODE.match(a.upper() + b) and (a.isupper() or a.islower()):
        return i + 2  # "K1A 0B1", a recogniser's "k1a 0b1"
    if i + 1 < len(tokens) and _UK_OUTWARD.match(a) and _UK_INWARD.match(_word(tokens[i + 1])):
        return i + 2
    # as a recogniser writes a lower-case turn: "ls15 8xp" (both halves, with their digits)
    if (i + 1 < len(tokens) and not a.isupper() and re.fullmatch(r"[a-z]{1,2}\d[a-z\d]?", a, re.IGNORECASE)
            and re.fullmatch(r"\d[a-z]{2}", _word(tokens[i + 1]), re.IGNORECASE)):
        return i + 2
    return None


def _state_zip_at(tokens: Sequence[str], norms: list[str], i: int) -> int | None:
    """A US state (name or code) followed by a ZIP: ``CA 94107``, ``New York 10001``."""
    if i >= len(tokens):
        return None
    j = i
    if _word(tokens[i]) in _STATE_CODES:
        j = i + 1
    elif norms[i] in ("new", "north", "south", "west", "rhode", "district") and i + 1 < len(norms) and norms[i + 1] in _US_STATES:
        j = i + 2
    elif norms[i] in _US_STATES:
        j = i + 1
    else:
        return None
    if j < len(norms) and _ZIP.match(norms[j]):
        return j + 1
    digits, k = "", j  # "WI, eight nine seven one two"
    while k < len(norms) and len(digits) < 5 and norms[k] in _DIGIT_WORDS and norms[k] != "o":
        digits += _DIGIT_WORDS[norms[k]]
        k += 1
    return k if len(digits) == 5 else None


#: Capitalised words that are labels, brands or products, never a person's name ("Email is ...",
#: "the Mastercard ending 4242", "Expiry June ...").
_NOT_NAMES = {
    "email", "e-mail", "emails", "expiry", "expiration", "expires", "exp", "address", "postcode", "zip", "phone",
    "mobile", "cell", "number", "card", "account", "iban", "bic", "swift", "sepa", "sort", "code", "cvv", "cvc",
    "cid", "pin", "dob", "ssn", "passport", "licence", "license", "id", "ni", "dni", "bsn", "pps", "visa",
    "mastercard", "amex", "american", "express", "discover", "maestro", "diners", "jcb", "unionpay", "paypal",
    "venmo", "zelle", "klarna", "stripe", "apple", "google", "gmail", "outlook", "hotmail", "yahoo", "icloud",
    "proton", "aol", "zoom", "teams", "slack", "salesforce", "hubspot", "excel", "crm", "sms", "whatsapp",
    "may", "perfect", "okay", "ok", "sure", "thanks", "hi", "hello", "hey", "bye", "great", "cheers", "yes",
    "no", "got", "right", "alright", "uh-huh", "mhm", "um", "uh", "lovely", "brilliant", "awesome", "anything",
    # fillers and greetings that open a turn with a capital, and labels a recogniser may capitalise
    "yep", "yeah", "hiya", "erm", "er", "oh", "ah", "well", "im", "you're", "eircode", "aba", "bsb", "mum", "mom",
    "dad", "nan", "gran",
}
#: Words that end (or name the trade of) a company, not a person: "Kestrel Law", "Acme Ltd",
#: "Summit Moving Co", "Riverside Dental", "Crestline Car Hire".
_ORG_WORDS = {
    "inc", "ltd", "llc", "llp", "plc", "gmbh", "ag", "bv", "nv", "srl", "sarl", "spa", "sas", "co", "corp",
    "corporation", "company", "companies", "group", "holdings", "partners", "associates", "enterprises",
    "industries", "international", "global", "worldwide", "technologies", "tech", "labs", "systems", "solutions",
    "services", "consulting", "consultants", "agency", "law", "legal", "solicitors", "attorneys", "lawyers",
    "dental", "dentistry", "medical", "clinic", "health", "healthcare", "hospital", "surgery", "pharmacy",
    "physio", "physiotherapy", "optical", "opticians", "vet", "veterinary", "care", "insurance", "bank",
    "banking", "savings", "credit", "union", "mutual", "finance", "financial", "capital", "payments", "pay",
    "payroll", "billing", "accounting", "accountants", "hr", "crm", "software", "cloud", "digital", "media",
    "mobile", "telecom", "broadband", "networks", "network", "energy", "solar", "heating", "plumbing",
    "electrical", "electric", "utilities", "property", "properties", "lettings", "realty", "estates", "homes",
    "builders", "construction", "removals", "moving", "storage", "logistics", "freight", "shipping", "couriers",
    "motors", "motoring", "auto", "autos", "cars", "garage", "hire", "rentals", "travel", "holidays", "tours",
    "tickets", "airlines", "airways", "hotel", "hotels", "inn", "resort", "catering", "kitchen", "restaurant",
    "cafe", "bakery", "brewery", "foods", "store", "stores", "shop", "shops", "market", "mart", "supplies",
    "wholesale", "retail", "furniture", "florist", "flowers", "books", "magazine", "publishing", "print",
    "printing", "design", "studio", "studios", "marketing", "fitness", "gym", "academy", "college", "school",
    "university", "institute", "languages", "foundation", "trust", "charity", "council", "salon", "security",
}
#: Words just before a company's name: "thanks for calling X", "I'm with X", "welcome to X".
_ORG_BEFORE = (("for", "calling"), ("i'm", "with"), ("am", "with"), ("we're", "with"), ("welcome", "to"),
               ("here", "at"), ("over", "at"), ("work", "for"), ("works", "for"), ("working", "for"),
               ("through", "to"), ("calling", "from"), ("ringing", "from"))
#: Words after a company's name at a call's opening: "Hello, Kitchenhaus customer care", "Acme, good morning".
_GOOD_TIMES = {("good", "morning"), ("good", "afternoon"), ("good", "evening")}
_ORG_AFTER = {"customer", "care", "support", "service", "services", "helpdesk", "reception", "sales", "billing",
              "accounts", "team", "desk"}


def real_names(spans: Sequence[PiiSpan], tokens: Sequence[str], norms: list[str]) -> list[PiiSpan]:
    """Person spans without what is not a person's name: labels, brands and capitalised common
    words at their edges ("Email", "Mastercard", "Expiry June"), and companies (a span with or
    just before a company word such as "Law", "Ltd", "Dental", or after "thanks for calling",
    "I'm with")."""
    out: list[PiiSpan] = []
    for s in spans:
        a, b = s.start, s.end
        if sum(1 for k in range(a, b) if len(_word(tokens[k])) == 1) >= 3:
            out.append(s)  # spelled out, letter by letter: "K O W A L S K I." ("I" is a letter here)
            continue
        while a < b and (_bare(norms[a]) in _NOT_NAMES or _bare(norms[a]) in _STOP):
            a += 1
        while b > a and (_bare(norms[b - 1]) in _NOT_NAMES or _bare(norms[b - 1]) in _STOP):
            b -= 1
        org = [k for k in range(a, b) if _bare(norms[k]) in _ORG_WORDS]
        if org:  # "Harbor Law Tyler speaking": the name after the company's
            a = org[-1] + 1
            while a < b and (_bare(norms[a]) in _NOT_NAMES or _bare(norms[a]) in _STOP):
                a += 1
        if a == b:
            continue
        if (b < len(tokens) and _bare(norms[b]) in _ORG_WORDS and _word(tokens[b])[:1].isupper()
                and tokens[b - 1].rstrip()[-1:] not in ",.;:!?"):
            continue  # "Ironbridge" of "Ironbridge Mobile"
        if a >= 2 and (norms[a - 2], norms[a - 1]) in _ORG_BEFORE and not tokens[a - 1].rstrip()[-1:] in ",.;:!?":
            continue
        if b < len(tokens) and (norms[b] in _ORG_AFTER or tuple(norms[b : b + 2]) in _GOOD_TIMES):
            continue  # "Hello, Kitchenhaus customer care", "Kitchenhaus, good morning"
        if out and a - out[-1].end == 1 and norms[a - 1] in ("from", "with", "at") and out[-1].note == "self":
            continue  # "This is Colm Doyle with Fibrewave": the company after the speaker's name
        if b - a == 1 and (len(_word(tokens[a])) < 2 or (b < len(tokens) and re.fullmatch(r"\d{1,3}[a-z]?", norms[b]))):
            continue  # "I", "Pixel 8", "Series 7": a letter or a product with its number
        out.append(PiiSpan(a, b, s.kind, s.note) if (a, b) != (s.start, s.end) else s)
    return out


def name_word_ok(word: str) -> bool:
    """A lower-case word of a name found that may stand for that name elsewhere in the call: two
    or more letters, not a function word, a label, a title or a company word."""
    return (len(word) > 1 and word.replace("-", "").replace("'", "").isalpha() and word not in _STOP
            and word not in _NOT_NAMES and word not in _ORG_WORDS
            and word not in {"mr", "mrs", "ms", "miss", "dr", "mister", "doctor", "sir", "madam", "señor", "signor"})


def _bare(norm: str) -> str:
    return re.sub(r"'s$", "", norm)


def persons(tokens: Sequence[str], norms: list[str], timeline: list[str], pos: list[int]) -> list[PiiSpan]:
    """Names someone gives ("my name is Jo Park", "this is Dana from Acme", "Mr. Okafor") or
    spells out ("S-M-I-T-H", "S M I T H" after "spell" or "name")."""
    spans: list[PiiSpan] = []
    n = len(tokens)
    lowered = _lowered_turns(tokens, norms, pos)
    i = 0
    while i < n:
        hit = (_name_after_cue(tokens, norms, i) or _name_before_cue(tokens, norms, i)
               or _answered_name(tokens, norms, i, timeline, pos) or _known_name(tokens, norms, i, lowered))
        if hit is not None:
            a, b, note = hit
            spans.append(PiiSpan(a, b, "person", note))
            i = b
            continue
        end = _spelled_at(tokens, norms, i, timeline, pos)
        if end is not None:
            spans.append(PiiSpan(i, end, "person"))
            i = end
            continue
        i += 1
    return spans


_GREETINGS = {"hi", "hello", "hey", "thanks", "bye", "dear", "cheers", "goodbye"}
#: Two words a name is said to someone after: "You're all set, Neve", "thank you Tyler".
_GREETING_PAIRS = {("all", "set"), ("all", "done"), ("thank", "you"), ("bye", "now"), ("take", "care")}
#: A question for someone's name, in the other party's words just before an answer.
_NAME_QUESTIONS = ({"name"}, {"names"}, {"surname"}, {"who", "speaking"}, {"who", "calling"}, {"who's", "calling"},
                   {"who", "with"})
#: Names asked for that are not a person's: "the name of your company?", "the name of the street?"
_NOT_PERSON_NAMES = {"company", "business", "firm", "organisation", "organization", "product", "plan", "street",
                     "practice", "shop", "store", "restaurant", "brand", "bank", "hotel", "school", "pet", "dog",
                     "cat", "project", "file", "event", "road", "town", "city", "village", "building", "site",
                     "venue", "account's", "team", "app", "tool", "software", "provider", "supplier", "vendor"}
#: Words an answer may open with before the name: "It's Aoife Marsh.", "Yes, Søren Bianchi."
_ANSWER_LEADS = {"it's", "its", "it", "is", "yes", "yeah", "sure", "um", "uh", "oh", "so", "that's", "that", "name's",
                 "the", "name", "okay", "ok", "right"}


#: Words after a name and surname in a lower-case turn: "add my son klaus klein as an authorised user".
_AFTER_LOWER_NAME = {"as", "about", "please", "too", "instead", "directly", "today", "tomorrow", "on", "if", "who"}


#: Given names that are also common lower-case words (plants, colours, "the nick of time"):
#: names only when capitalised.
_LOWER_WORDS = {"nick", "sandy", "olive", "basil", "rosemary", "violet", "hazel", "willow", "daisy", "poppy", "lily",
                "dean", "carol", "opal", "jasper", "rowan", "harper", "constance", "victor", "sally", "ken", "val",
                "rosa", "flora", "fern", "heather", "iris", "jade", "ruby", "amber", "pearl", "ginger", "holly",
                "robin", "wren", "clement", "earl", "duke", "baron", "prince", "king", "sterling", "sterne"}


def _lowered_turns(tokens: Sequence[str], norms: list[str], pos: list[int]) -> list[bool]:
    """Per token, whether its turn is written all in lower case (as a recogniser sometimes
    writes a whole turn: "thanks lauren i've found you"), where a name cannot be told by its
    capital letter."""
    out = [False] * len(tokens)
    start = 0
    for k in range(1, len(tokens) + 1):
        if k == len(tokens) or pos[k] > pos[k - 1] + max(1, len(norms[k - 1].split("-"))):
            low = not any(c.isupper() for t in tokens[start:k] for c in t if t not in ("I", "I'm", "I've", "I'll", "I'd"))
            out[start:k] = [low] * (k - start)
            start = k
    return out


def _known_name(tokens: Sequence[str], norms: list[str], i: int, lowered: list[bool] | None = None) -> tuple[int, int, str] | None:
    """A common given name, capitalised as a name is ("Sophie", "Amber's", not "SAM"), with
    the surname or particles after it: "I've noted Sophie", "text Leonor directly", "Bram van
    der Berg". The list (:mod:`callcoach.names`) leaves out names that are also words."""
    from callcoach.names import given_names

    w = re.sub(r"['’]s$", "", _word(tokens[i]))
    low = lowered is not None and lowered[i]
    cased = len(w) > 1 and w[:1].isupper() and w[1:].islower() or "-" in w and w.istitle()
    said = low and len(w) > 2 and w.islower() and w not in _STOP and w not in _NOT_NAMES and w not in _LOWER_WORDS
    if not (cased or said) or w.lower() not in given_names():
        return None
    end = i + 1
    if tokens[i].rstrip()[-1:] not in ",.;:!?" and not re.search(r"['’]s$", _word(tokens[i])):
        surname = _name_end(tokens, norms, end, strong=low, lead=True)
        if surname is not None and (low or all(_word(tokens[j])[:1].isupper() or _particle(tokens, j)
                                               for j in range(end, surname))):
            particles = sum(1 for j in range(end, surname) if _particle(tokens, j))
            end = min(surname, end + (1 if low else 2) + particles)
            if (low and end < len(tokens) and tokens[end - 1].rstrip()[-1:] not in ",.;:!?"
                    and norms[end] not in _AFTER_NAME | _STOP | _AFTER_LOWER_NAME):
                end = i + 1  # a lower-case word after a name is a surname only where the name ends
    return i, end, ""


def _answered_name(tokens: Sequence[str], norms: list[str], i: int, timeline: list[str], pos: list[int]) -> tuple[int, int, str] | None:
    """A name said as the answer to the other party's "and your full name?" ("Aoife Marsh.",
    "It's Søren Bianchi."): capitalised name words opening a turn, ending it or a sentence."""
    if not (i == 0 or pos[i] > pos[i - 1] + max(1, len(norms[i - 1].split("-")))):
        return None  # not the start of a turn
    asked = set(timeline[max(0, pos[i] - CONTEXT_TOKENS) : pos[i]])
    if not any(q <= asked for q in _NAME_QUESTIONS) or asked & _NOT_PERSON_NAMES:
        return None
    k = i
    while k < len(tokens) and k - i < 3 and norms[k].strip(",.") in _ANSWER_LEADS and not _word(tokens[k])[:1].isupper():
        k += 1
    if k < len(tokens) and norms[k] in ("it's", "its", "that's") and _word(tokens[k])[:1].isupper():
        k += 1  # "It's Aoife."
    end = _name_end(tokens, norms, k, False)
    if end is None or not all(_word(tokens[j])[:1].isupper() or _particle(tokens, j) for j in range(k, end)):
        return None
    if any(_bare(norms[j]) in _NOT_NAMES or _bare(norms[j]) in _ORG_WORDS for j in range(k, end)):
        return None
    last_of_turn = end == len(tokens) or pos[end] > pos[end - 1] + max(1, len(norms[end - 1].split("-")))
    if not (last_of_turn or tokens[end - 1].rstrip()[-1:] in ".,;:!?"):
        return None
    return k, end, ""
_SELF_AFTER = {"speaking", "here"}


def _name_before_cue(tokens: Sequence[str], norms: list[str], i: int) -> tuple[int, int, str] | None:
    """"Dana speaking", "Dana here" (a name given as one's own); "hi Oliver,", "thanks,
    Oliver." (a name said to someone)."""
    w = _word(tokens[i])
    if not (w[:1].isupper() and w.replace("-", "").isalpha() and len(w) > 1 and w.lower() not in _STOP):
        return None
    prev = norms[i - 1] if i else ""
    if tuple(norms[i + 1 : i + 3]) in (("is", "the"), ("is", "my"), ("is", "her"), ("is", "his")) and i + 3 < len(norms) and (
        norms[i + 3] in ("surname", "name") or tuple(norms[i + 3 : i + 5]) in (("first", "name"), ("last", "name"))
    ):
        return i, i + 1, ""  # "Rhys is the first name"
    intro = _introduction_end(tokens, norms, i)
    if intro is not None:
        return intro
    if i + 1 < len(tokens) and norms[i + 1] in _SELF_AFTER and not tokens[i].rstrip()[-1:] in ".?!":
        first = i - 1 if i and _word(tokens[i - 1])[:1].isupper() and prev not in _STOP and not tokens[i - 1].endswith(",") else i
        return first, i + 1, "self"
    pair = tuple(norms[i - 2 : i]) if i >= 2 else ()
    ended = i and tokens[i - 1].rstrip()[-1:] in ".!?"
    if (prev in _GREETINGS or pair in _GREETING_PAIRS) and not ended or (
        i and tokens[i - 1].endswith(",") and tokens[i].rstrip()[-1:] in ".,?!"
    ):
        end = i + 1
        if tokens[i].rstrip()[-1:] not in ".,?!" and end < len(tokens):
            nxt = _word(tokens[end])
            if nxt[:1].isupper() and nxt.isalpha() and nxt.lower() not in _STOP:
                end += 1
        return i, end, ""
    return None


#: Words of a caller introducing themself with their company: "Dana at Acme calling back",
#: "Sam from Northwind here, following up".
_INTRO_VERBS = {"calling", "here", "speaking", "reaching", "following", "ringing", "checking", "returning", "help",
                "assist", "do"}


def _introduction_end(tokens: Sequence[str], norms: list[str], i: int) -> tuple[int, int, str] | None:
    """"Lukas at Crestline Shop calling back", "Priya Shah from Northwind here": one or two
    capitalised words opening a clause, then "at"/"from"/"with" and a capitalised company, then
    a word of calling within a few words: the speaker's own name."""
    if i and not (tokens[i - 1].rstrip()[-1:] in ",.;:!?" or norms[i - 1] in _GREETINGS):
        return None
    end = i + 1
    if end < len(tokens) and not tokens[i].rstrip()[-1:] in ",.;:!?":
        nxt = _word(tokens[end])
        if nxt[:1].isupper() and nxt.replace("-", "").replace("'", "").isalpha() and nxt.lower() not in _STOP:
            end += 1
    if end >= len(tokens) - 1 or norms[end] not in ("at", "from", "with") or tokens[end - 1].rstrip()[-1:] in ",.;:!?":
        return None
    if not _word(tokens[end + 1])[:1].isupper():
        return None
    if not any(norms[j] in _INTRO_VERBS for j in range(end + 2, min(len(tokens), end + 7))):
        return None
    return i, end, "self"


def _name_after_cue(tokens: Sequence[str], norms: list[str], i: int) -> tuple[int, int, str] | None:
    rep_says = norms[max(0, i - 2) : i] == ["you're", "speaking"] or norms[max(0, i - 3) : i] == ["you", "are", "speaking"]
    if rep_says and norms[i] in ("with", "to"):  # the rep: "you're speaking with Alyssa"
        end = _name_end(tokens, norms, i + 1, False)
        if end is not None:
            return i + 1, end, "self"
    for cues, note in ((_OTHER_CUES, ""), (_SELF_CUES, "self")):
        for cue in cues:
            k = i + len(cue)
            if tuple(norms[i:k]) != cue or (k > i and tokens[k - 1].rstrip()[-1:] in ",;:!?"):
                continue
            strong = cue in _STRONG_CUES or cue in {("mr",), ("mrs",), ("ms",), ("miss",), ("dr",)}
            end = _name_end(tokens, norms, k, strong)
            if end is None:
                continue
            if not strong and not (end == len(tokens) or tokens[end - 1].rstrip()[-1:] in ".,;:!?"
                                   or norms[end] in _AFTER_NAME):
                continue
            return k, end, note
    return None


#: Words inside a name, before a capitalised surname: "Matthias van der Berg", "Giulia Ó Briain".
_NAME_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "ó", "o'", "ní",
                   "nic", "mac", "mc", "bin", "ben", "al", "el", "dos", "das", "do", "ter", "ten", "zu", "st", "st."}


def _particle(tokens: Sequence[str], k: int) -> bool:
    """Token ``k`` is a name particle with a capitalised name word after it."""
    if k + 1 >= len(tokens) or _word(tokens[k]).lower() not in _NAME_PARTICLES or tokens[k].rstrip()[-1:] in ",.;:!?":
        return False
    if _word(tokens[k + 1]).lower() in _NAME_PARTICLES:
        return _particle(tokens, k + 1)  # "van der Berg"
    nxt = _word(tokens[k + 1])
    return nxt[:1].isupper() and nxt.replace("-", "").replace("'", "").isalpha() and nxt.lower() not in _STOP


def _name_end(tokens: Sequence[str], norms: list[str], k: int, strong: bool, lead: bool = False) -> int | None:
    """The end of up to three name words from token ``k`` (particles not counted; with ``lead``
    a particle may come first, as after a first name: "Sem | de Vries"), or None."""
    end = k
    while end < len(tokens) and end - k < 3 + sum(1 for j in range(k, end) if _particle(tokens, j)):
        if (end > k or lead) and _particle(tokens, end):
            end += 1
            continue
        w = _word(tokens[end])
        if not (w.replace("-", "").replace("'", "").isalpha() and len(w) > 1) or w.lower() in _STOP:
            break
        if not w[:1].isupper() and not (strong and (end == k or not tokens[k][:1].isupper())):
            break
        end += 1
        if tokens[end - 1].rstrip()[-1:] in ".,;:!?":
            break
    return end if end > k else None


def _spelled_at(tokens: Sequence[str], norms: list[str], i: int, timeline: list[str], pos: list[int]) -> int | None:
    """A name spelled out after name or spell words (or in the other party's question just
    before): one token ``S-M-I-T-H``, or three or more letters one by one, with the letters of
    a spelling alphabet ("K as in kilo, O, W"), "apostrophe", "hyphen", "double L" between."""
    word = _word(tokens[i])
    if re.fullmatch(r"[A-Z](?:-[A-Z]){3,}", word):
        return i + 1  # "N-O-W-A-K": four or more capitals in a row, hyphenated, spell a name
    near = set(timeline[max(0, pos[i] - CONTEXT_TOKENS) : pos[i]])
    if not near & _SPELL_CUES:
        return None
    if _SPELLED.match(word):
        return i + 1
    j, letters, last = i, 0, None
    while j < len(tokens):
        w = re.sub(r"[^A-Za-z'-]", "", tokens[j])
        bare = w.replace("-", "").replace("'", "")
        if len(bare) == 1 and bare.isupper() or (_SPELLED.match(_word(tokens[j])) and j > i):
            letters += max(1, len(bare))
            j += 1
            last = j
            # "K as in kilo": the spelling alphabet's word goes with the letter
            if j + 2 < len(tokens) and norms[j] == "as" and norms[j + 1] in ("in", "for") and _word(tokens[j + 2]).isalpha():
                j += 3
                last = j
            continue
        if j > i and norms[j] in _SPELL_JOINERS and j + 1 < len(tokens):
            j += 1
            continue
        break
    return last if letters >= 3 and last is not None else None


#: Words said between the letters of a spelled name: "O, apostrophe, N, E, I, L, L".
_SPELL_JOINERS = {"apostrophe", "hyphen", "dash", "space", "double", "then", "and"}