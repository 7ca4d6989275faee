"""Writes the redaction evaluation set: ``dev.jsonl`` and ``test.jsonl`` beside this file.

    python data/redaction-eval/make.py            # rewrite both files (deterministic)
    python data/redaction-eval/make.py --check    # exit 1 if the files differ from what it makes

Every call is built from hand-written phrasings and fake values drawn with a generator seeded by
the call's id, so the output never changes unless this file does. A call's split is fixed by the
CRC-32 of its id (even: dev, odd: test) and decides which phrasings it may use: every phrasing
pool below is a pair ``(dev phrasings, test phrasings)`` with no phrasing in both, so rules tuned
on dev sentences do not see the test sentences. The call skeletons (which beats a scenario has),
the value generators and the ways a value is spoken are shared by both splits.

Each turn is a template with slots; a slot holds an entity (labelled personal data), a keep
(a hard negative that must survive) or a fixed literal, each with a ``written`` and an ``asr``
rendering. The two forms of a call are rendered from the same turns, so labels are exact by
construction: a value is the substring the renderer put at its offset.

No value belongs to a real person: card numbers are published test numbers or generated from
test prefixes (all pass Luhn), IBANs are generated with a valid mod-97 checksum, routing
numbers with a valid ABA checksum, SSNs in the never-issued 9xx and 666 areas, NI numbers with
prefixes that are never issued, phone numbers in the ranges reserved for fiction (US 555-01xx,
UK Ofcom drama ranges) or generated, names and streets combined at random from common words.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = "callcoach-redaction-eval-1"
N_CALLS = 400
TYPES = ("card", "cvv", "expiry", "iban", "account", "routing", "dob", "address", "person", "email", "phone", "id")


def split_of(call_id: str) -> str:
    """The fixed split of a call: CRC-32 of its id, even -> dev, odd -> test."""
    return "dev" if zlib.crc32(call_id.encode()) % 2 == 0 else "test"


# ------------------------------------------------------------------------------------------
# Slots


@dataclass(frozen=True)
class E:
    """An entity: personal data of ``type``, as written by a transcriber (w) and by ASR (a)."""

    type: str
    w: str
    a: str
    rep_name: bool = False


@dataclass(frozen=True)
class K:
    """A hard negative of ``kind`` that must survive redaction."""

    kind: str
    w: str
    a: str


@dataclass(frozen=True)
class L:
    """Fixed text (a company name) that ASR writes as given."""

    w: str
    a: str = ""

    def asr(self) -> str:
        return self.a or self.w


@dataclass(frozen=True)
class N(L):
    """Text neither labelled nor a keep whose redaction is not scored (a city beside an address)."""


@dataclass
class Turn:
    speaker: str
    template: str
    slots: dict = field(default_factory=dict)
    filler: bool = False


# ------------------------------------------------------------------------------------------
# Numbers in words

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ORD = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
       "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
       "eighteenth", "nineteenth", "twentieth"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def below_100(n: int) -> str:
    if n < 10:
        return ONES[n]
    if n < 20:
        return TEENS[n - 10]
    t, u = divmod(n, 10)
    return TENS[t] + ("-" + ONES[u] if u else "")


def ordinal_words(n: int) -> str:
    if n <= 20:
        return ORD[n]
    t, u = divmod(n, 10)
    return TENS[t] + "-" + ORD[u] if u else TENS[t][:-1] + "ieth"


def ordinal_digits(n: int) -> str:
    suf = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suf}"


def year_words(y: int) -> str:
    if 2000 <= y < 2010:
        return "two thousand " + ONES[y - 2000] if y > 2000 else "two thousand"
    hi, lo = divmod(y, 100)
    return below_100(hi) + " " + ("hundred" if lo == 0 else ("oh " + ONES[lo] if lo < 10 else below_100(lo)))


def pair_words(p: str, zero: str) -> str:
    """Two digits said as one number: 42 -> forty-two, 09 -> oh nine, 00 -> double oh."""
    if p == "00":
        return f"double {zero}"
    if p[0] == "0":
        return f"{zero} {ONES[int(p[1])]}"
    return below_100(int(p))


def digit_words(g: str, zero: str, doubles: bool) -> str:
    """Digits said one by one, runs as "double five" / "triple seven" when ``doubles``."""
    out, i = [], 0
    while i < len(g):
        d = g[i]
        word = zero if d == "0" else ONES[int(d)]
        run = 1
        while doubles and i + run < len(g) and g[i + run] == d and run < 3:
            run += 1
        if run == 3:
            out.append(f"triple {word}")
        elif run == 2:
            out.append(f"double {word}")
        else:
            out.append(word)
        i += run
    return " ".join(out)


def say_group(g: str, rng: random.Random, zero: str) -> tuple[str, str]:
    """One group of digits as spoken: (style, words). Styles: single, double, pairs."""
    styles = ["single", "single", "double"] + (["pairs", "pairs"] if len(g) == 4 else [])
    style = rng.choice(styles)
    if style == "pairs":
        return style, pair_words(g[:2], zero) + " " + pair_words(g[2:], zero)
    return style, digit_words(g, zero, doubles=style == "double")


def asr_words(words: str) -> str:
    """How tiny.en writes number words when it keeps them: hyphens dropped now and then."""
    return words.replace("-", " ")


def asr_digits_of_speech(g: str, style: str, words: str, rng: random.Random) -> str:
    """How tiny.en writes a spoken group: mostly digits, sometimes 4-1-1-1, words or double 5."""
    r = rng.random()
    if r < 0.12:
        return asr_words(words)
    if style == "single" and r < 0.30:
        return "-".join(g)
    if style == "double" and r < 0.30 and "double" in words:
        parts = []
        for w in words.split():
            parts.append(w if w in ("double", "triple") else str(ONES.index(w)) if w in ONES else "0")
        return " ".join(parts)
    return g


@dataclass
class Num:
    """A number read out in groups, with per-group renderings and joiners for each form."""

    groups: list[str]
    w: list[str]
    a: list[str]
    wj: str
    aj: str

    def piece(self, i: int, j: int) -> tuple[str, str]:
        return self.wj.join(self.w[i:j]), self.aj.join(self.a[i:j])

    def whole(self) -> tuple[str, str]:
        return self.piece(0, len(self.groups))


def read_out(groups: list[str], rng: random.Random, written_digit_joiners=(" ", "-"),
             words_p: float = 0.35, asr_joiners=(" ", " ", " ", ", ", "-", ""), zero: str | None = None) -> Num:
    """A number said group by group. The transcriber writes digits (joined by a space or dash)
    or the words; ASR writes digits most of the time."""
    zero = zero or rng.choice(["oh", "oh", "zero"])
    spoken = [say_group(g, rng, zero) for g in groups]
    if rng.random() < words_p:
        w, wj = [s[1] for s in spoken], rng.choice([", ", " ", " ... "])
    else:
        w, wj = list(groups), rng.choice(written_digit_joiners)
    mode = rng.random()
    if mode < 0.15:
        a = [asr_words(s[1]) for s in spoken]
        aj = rng.choice([" ", ", "])
    else:
        a = [asr_digits_of_speech(g, st, words, rng) for g, (st, words) in zip(groups, spoken)]
        aj = rng.choice(asr_joiners)
        if aj in ("", "-") and any(not x.isdigit() for x in a):
            aj = " "
    return Num(list(groups), w, a, wj, aj)


def letters_spoken(s: str) -> str:
    return " ".join(s)


# ------------------------------------------------------------------------------------------
# Fake values

TEST_CARDS = [  # published test numbers (Stripe, Braintree/PayPal, Adyen, Authorize.net docs)
    "4242424242424242", "4000056655665556", "5555555555554444", "2223003122003222", "5200828282828210",
    "5105105105105100", "378282246310005", "371449635398431", "6011111111111117", "6011000990139424",
    "3056930009020004", "36227206271667", "3566002020360505", "6200000000000005", "4111111111111111",
    "4012888888881881", "5424000000000015", "4007000000027", "4000002500003155", "4000000000003220",
]
TEST_PREFIXES = {"Visa": ["400000", "401288", "411111", "424242"], "Mastercard": ["555555", "510510", "222300"],
                 "Discover": ["601111"], "Amex": ["378282", "371449"]}


# The checksums below (Luhn, IBAN mod 97, ABA) are written again on purpose rather than imported
# from callcoach.pii: the labels must not share a bug with the detector they measure.
def luhn_ok(d: str) -> bool:
    s = 0
    for i, ch in enumerate(reversed(d)):
        x = int(ch)
        if i % 2:
            x = x * 2 - 9 if x > 4 else x * 2
        s += x
    return s % 10 == 0


def luhn_complete(prefix: str, length: int, rng: random.Random) -> str:
    body = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
    for c in "0123456789":
        if luhn_ok(body + c):
            return body + c
    raise AssertionError


def brand_of(num: str) -> str:
    if num[0] == "4":
        return "Visa"
    if num[:2] in ("34", "37"):
        return "Amex"
    if num[:2] in ("51", "52", "53", "54", "55", "22"):
        return "Mastercard"
    if num[:2] in ("60", "62", "64", "65"):
        return "Discover"
    return "Diners"


def fake_card(rng: random.Random) -> str:
    if rng.random() < 0.5:
        num = rng.choice(TEST_CARDS)
    else:
        brand = rng.choice(list(TEST_PREFIXES))
        num = luhn_complete(rng.choice(TEST_PREFIXES[brand]), 15 if brand == "Amex" else 16, rng)
    assert luhn_ok(num), num
    return num


def card_groups(num: str) -> list[str]:
    n = len(num)
    if n == 15:
        return [num[:4], num[4:10], num[10:]]
    if n == 14:
        return [num[:4], num[4:10], num[10:]]
    if n == 13:
        return [num[:4], num[4:7], num[7:10], num[10:]]
    return [num[i:i + 4] for i in range(0, n, 4)]


def iban_check(country: str, bban: str) -> str:
    s = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{98 - int(s) % 97:02d}"


def iban_valid(iban: str) -> bool:
    s = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in s)) % 97 == 1


def fake_iban(country: str, rng: random.Random) -> str:
    dig = lambda n: "".join(rng.choice("0123456789") for _ in range(n))
    let = lambda n: "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(n))
    bban = {"DE": lambda: dig(18), "FR": lambda: dig(10) + dig(11) + dig(2), "NL": lambda: let(4) + dig(10),
            "ES": lambda: dig(20), "IT": lambda: let(1) + dig(10) + dig(12), "IE": lambda: let(4) + dig(14),
            "BE": lambda: dig(12), "GB": lambda: let(4) + dig(14)}[country]()
    iban = country + iban_check(country, bban) + bban
    assert iban_valid(iban)
    return iban


def aba_complete(rng: random.Random) -> str:
    first = rng.choice(["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "21", "22",
                        "23", "24", "25", "26", "27", "28", "29", "31", "32"])
    d = [int(c) for c in first + "".join(rng.choice("0123456789") for _ in range(6))]
    s = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5])
    d.append((10 - s % 10) % 10)
    out = "".join(map(str, d))
    assert aba_ok(out)
    return out


def aba_ok(r: str) -> bool:
    d = [int(c) for c in r]
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])) % 10 == 0


def fake_ssn(rng: random.Random) -> str:
    area = rng.choice([666] + list(range(900, 1000)))
    return f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


def fake_ni(rng: random.Random) -> str:
    bad = "DFIQUV"  # never used as a prefix letter, so the number was never issued
    a, b = rng.choice(bad), rng.choice("ABCEGHJKLMNPRSTWXYZ")
    pre = a + b if rng.random() < 0.5 else b + a
    return pre + "".join(rng.choice("0123456789") for _ in range(6)) + rng.choice("ABCD")


def fake_dni(rng: random.Random) -> str:
    n = rng.randint(10_000_000, 99_999_999)
    return f"{n}{'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23]}"


def fake_bsn(rng: random.Random) -> str:
    while True:
        d = [rng.randint(0, 9) for _ in range(9)]
        if d[0] and (sum((9 - i) * d[i] for i in range(8)) - d[8]) % 11 == 0:
            return "".join(map(str, d))


def fake_pps(rng: random.Random) -> str:
    d = [rng.randint(0, 9) for _ in range(7)]
    r = sum((8 - i) * d[i] for i in range(7)) % 23
    return "".join(map(str, d)) + ("W" if r == 0 else chr(64 + r))


# Names: first names with how ASR sometimes writes them.
FIRST = {
    "US": ["Jordan", "Megan", "Tyler", "Brianna", "Marcus", "Dana", "Kevin", "Alyssa", "Derek", "Tanya", "Luis",
           "Katelyn", "Jamal", "Heather", "Travis", "Priya", "Wes", "Maribel", "Connor", "Destiny", "Raj", "Shauna"],
    "UK": ["Oliver", "Siobhan", "Gareth", "Niamh", "Callum", "Harriet", "Rhys", "Imogen", "Alfie", "Bethan", "Geoff",
           "Ffion", "Stuart", "Poppy", "Dev", "Aoife", "Hamish", "Zara", "Graham", "Leanne", "Tomasz", "Ruth"],
    "EU": ["Lukas", "Sophie", "Matthias", "Anouk", "Jean-Luc", "Chiara", "Pieter", "Inès", "Javier", "Saoirse",
           "Katrin", "Luca", "Margaux", "Joaquín", "Femke", "Giulia", "Søren", "Elena", "Bram", "Aleksandra"],
}
LAST = {
    "US": ["Baker", "Okafor", "Delgado", "Whitman", "Nguyen", "Hollis", "Brennan", "Castillo", "Pruitt", "Sandoval",
           "Yoder", "Kowalski", "Fairbanks", "Haddad", "Lindqvist", "McCready", "Tran", "Abernathy", "Vega", "Osei"],
    "UK": ["Pemberton", "Ashworth", "O'Donnell", "Featherstone", "MacLeod", "Siddiqui", "Thwaite", "Llewellyn",
           "Hargreaves", "Crossley", "Kowalczyk", "Marsh", "Oyelaran", "Pritchard", "Dunmore", "Carmichael"],
    "EU": ["Becker", "Van der Berg", "Moreau", "Rossi", "Fernández", "Schulte", "De Vries", "Lefèvre", "Bianchi",
           "Jansen", "Müller", "Ó Briain", "Kovačić", "Lindström", "Dubois", "Ortega", "Visser", "Hoffmann"],
}
ASR_NAME = {"Siobhan": "Shivaun", "Niamh": "Neve", "Aoife": "Eefa", "Saoirse": "Sersha", "Joaquín": "Joaquin",
            "Søren": "Soren", "Geoff": "Jeff", "Katelyn": "Caitlin", "Ffion": "Fion", "Inès": "Ines",
            "Nguyen": "Win", "Siddiqui": "Sadiki", "Kowalczyk": "Kovalchik", "Ó Briain": "O'Brien",
            "Lefèvre": "Lefevre", "Müller": "Mueller", "Kovačić": "Kovacic", "Fernández": "Fernandez",
            "Lindqvist": "Lindquist", "Oyelaran": "Oyelaran", "MacLeod": "McLeod", "Haddad": "Hadad"}

STREETS = ["Maple Grove", "Ashdown", "Larkspur", "Hollins", "Juniper", "Cedar Hollow", "Kingsley", "Birchwood",
           "Mill Pond", "Thornbury", "Wexford", "Orchard", "Bramble", "Quarry", "Foxglove", "Harrow", "Linden",
           "Sycamore", "Beacon", "Alder", "Wren", "Copperfield", "Ridgeway", "Marlow"]
US_TYPES = ["Street", "Avenue", "Drive", "Lane", "Road", "Court", "Boulevard", "Way", "Place"]
UK_TYPES = ["Road", "Street", "Lane", "Close", "Crescent", "Gardens", "Avenue", "Terrace", "Mews"]
US_CITIES = [("Springfield", "IL"), ("Boise", "ID"), ("Tucson", "AZ"), ("Columbus", "OH"), ("Raleigh", "NC"),
             ("Spokane", "WA"), ("Albany", "NY"), ("Madison", "WI"), ("Fresno", "CA"), ("Tampa", "FL")]
UK_CITIES = [("Leeds", "LS"), ("Bristol", "BS"), ("Manchester", "M"), ("Cardiff", "CF"), ("Glasgow", "G"),
             ("Norwich", "NR"), ("York", "YO"), ("Brighton", "BN"), ("Nottingham", "NG"), ("London", "SE")]
EU_PLACES = {"DE": ["Berlin", "Leipzig", "Köln"], "FR": ["Lyon", "Nantes", "Paris"], "NL": ["Utrecht", "Haarlem"],
             "ES": ["Valencia", "Madrid"], "IT": ["Bologna", "Torino"], "IE": ["Dublin", "Galway"], "BE": ["Gent"]}
EU_STREET = {"DE": ["Lindenweg", "Kastanienallee", "Amselstraße", "Mühlenweg"],
             "FR": ["rue des Tanneurs", "avenue des Lilas", "rue du Moulin"],
             "NL": ["Prinsenstraat", "Lindengracht", "Molenweg"], "ES": ["Calle del Olmo", "Calle de la Fuente"],
             "IT": ["Via dei Mille", "Via del Pozzo"], "IE": ["Harbour View", "Church Road"], "BE": ["Veldstraat"]}

INDUSTRIES = {
    "dental clinic": ["Dental", "Smile Studio"], "veterinary practice": ["Vets", "Animal Hospital"],
    "boutique hotel": ["Hotel", "Inn"], "car rental": ["Car Hire", "Rentals"], "home insurance": ["Insurance", "Mutual"],
    "mobile network": ["Mobile", "Telecom"], "energy supplier": ["Energy", "Power"], "HR software": ["HR", "People Cloud"],
    "gym membership": ["Fitness", "Athletic Club"], "furniture retail": ["Furniture", "Home"],
    "solar installation": ["Solar", "Sun Systems"], "removals": ["Removals", "Moving Co"], "plumbing": ["Plumbing", "Heating"],
    "law firm intake": ["Legal", "Law"], "credit union": ["Credit Union", "Savings"], "university admissions": ["College", "University"],
    "staffing agency": ["Staffing", "Recruitment"], "pharmacy": ["Pharmacy", "Chemists"], "event ticketing": ["Tickets", "Events"],
    "magazine subscriptions": ["Magazine", "Press"], "charity donations": ["Foundation", "Trust"],
    "online retail": ["Store", "Shop"], "car dealership": ["Motors", "Auto Group"], "home security": ["Security", "Alarms"],
    "travel agency": ["Travel", "Holidays"], "catering": ["Catering", "Kitchen"], "property management": ["Lettings", "Property"],
    "medical billing": ["Medical Billing", "Health Billing"], "tax preparation": ["Tax", "Accounting"],
    "courier": ["Courier", "Logistics"], "payroll SaaS": ["Payroll", "Pay"], "CRM software": ["CRM", "Software"],
    "broadband": ["Broadband", "Fibre"], "physiotherapy": ["Physio", "Therapy"], "driving school": ["Driving School", "Motoring"],
    "language school": ["Languages", "Academy"],
}
PREFIX = ["Brightwater", "Northgate", "Harbor", "Bluepeak", "Crestline", "Oakridge", "Silverline", "Summit",
          "Riverside", "Evergreen", "Lakeshore", "Ironbridge", "Meridian", "Kestrel", "Cobalt", "Greenfield"]


# ------------------------------------------------------------------------------------------
# Phrasing pools: (dev, test), never sharing a phrasing.

POOLS: dict[str, tuple[list[str], list[str]]] = {
    "rep_open": (
        ["Thanks for calling {co}, this is {rep}, how can I help you today?",
         "Good morning, {co}, you're speaking with {rep}.",
         "{co}, {rep} speaking, what can I do for you?",
         "Hi, thanks for holding, my name is {rep} and I'm with {co}."],
        ["Hello, you've reached {co}. My name's {rep}, how can I help?",
         "Afternoon, {co}, {rep} here.",
         "Hi there, {co} customer team, I'm {rep}, what can I help with?",
         "Welcome to {co}, you're through to {rep}."]),
    "rep_open_out": (
        ["Hi {first}, it's {rep} from {co}, is now still a good time?",
         "Hey {first}, {rep} at {co} calling back like we said."],
        ["Hello {first}, {rep} with {co} here, thanks for picking up.",
         "Hi {first}, this is {rep} from {co}, got a couple of minutes to wrap this up?"]),
    "cust_hello_out": (
        ["Yeah, hi, good timing actually.", "Hi, yes, go ahead."],
        ["Oh hey, yes, perfect timing.", "Hi, sure, I've got a few minutes."]),
    "cust_intro": (
        ["Hi, my name is {name}, I'd like to {goal}.",
         "Yeah hi, it's {name} here, I need to {goal}.",
         "Hello, this is {name}. I was hoping to {goal}."],
        ["Hi there, {name} speaking, I'm trying to {goal}.",
         "Morning. My name's {name} and I want to {goal}.",
         "Oh hi, I'm {name}, calling to {goal}."]),
    "cust_goal": (
        ["Hi, I'd like to {goal}, please.", "Hi, yes, I'm calling to {goal}."],
        ["Hello, I need to {goal}.", "Hiya, hoping you can help me {goal}."]),
    "rep_ask_name": (
        ["Sure, can I take your full name, please?", "Happy to help. Who am I speaking with?"],
        ["Of course. Could I get your first and last name?", "No problem, what name is the account under?"]),
    "cust_name": (
        ["It's {name}.", "Yes, it's {name}.", "{name}."],
        ["Sure, {name}.", "The account's under {name}.", "Yep, that's {name}."]),
    "cust_name_spelled": (
        ["It's {name}, surname spelled {spelled}.", "{name}. That's {spelled} for the last name."],
        ["The name is {name}, {spelled}.", "{name}, and the surname is {spelled}."]),
    "rep_ask_card": (
        ["What card would you like to use today?", "Okay, and what's the long number on the card?",
         "Go ahead with the card number whenever you're ready.", "Can I take the card details for that?"],
        ["Which card are we putting this on? I'll need the number.", "Alright, let's get the payment details. Card number?",
         "Could you read me the number across the front of the card?", "And what's the number on the card you're using?"]),
    "cust_card": (
        ["It's a {brand}, {v}.", "Sure, the number is {v}.", "Okay, {v}.", "Got it here, it's {v}."],
        ["Yep, {v}.", "It's my {brand}: {v}.", "Right, so, {v}.", "Let me grab it, okay, {v}."]),
    "cust_card_start": (
        ["Okay, it's {v}", "First four are {v}", "Sure, it's a {brand}, {v}"],
        ["Alright, starting with {v}", "So it's {v}", "Okay, the {brand} is {v}"]),
    "cust_card_cont": (["{v}.", "Then {v}.", "{v}"], ["Next is {v}.", "And then {v}", "And {v}."]),
    "backchannel": (["Go ahead.", "Uh-huh.", "Got it.", "Okay."], ["Mm-hmm.", "Yep.", "Mhm, keep going.", "Right."]),
    "rep_ask_exp": (
        ["And the expiration date?", "What's the expiry on that card?", "And when does it expire?"],
        ["Can I get the month and year it runs out?", "And the expiry date, please?", "What's the valid-through date?"]),
    "cust_exp": (
        ["It expires {v}.", "Expiry is {v}.", "It says good thru {v}.", "{v}."],
        ["Valid through {v}.", "The date on the front is {v}.", "It runs out {v}.", "Um, {v}."]),
    "rep_ask_cvv": (
        ["And the three digits on the back?", "Last thing, the security code?", "What's the CVV?"],
        ["And the CVC, please?", "Then the little three-digit code by the signature strip?",
         "And the card verification code on the back?"]),
    "rep_ask_cvv_amex": (
        ["Since it's Amex, I'll need the four-digit code on the front.", "And the CID, the four digits above the number?"],
        ["For Amex it's the four-digit security code printed on the front, what's that?",
         "And the little four-digit number on the front, right side?"]),
    "cust_cvv": (["{v}.", "It's {v}.", "Security code is {v}."], ["That's {v}.", "Uh, {v}.", "Okay, {v}."]),
    "cust_exp_cvv": (
        ["It expires {exp} and the code on the back is {cvv}.", "Expiry {exp}, security code {cvv}."],
        ["{exp}, and the CVC is {cvv}.", "Valid through {exp}, the three digits are {cvv}."]),
    "rep_readback": (
        ["Thank you. So that's {price} on the card ending in {last4}.", "Perfect, I've got the {brand} ending {last4}."],
        ["Great, charging {price} to the card that ends in {last4}.", "Okay, the {brand} ending in {last4} is on file now."]),
    "rep_ask_zip": (["And the billing ZIP code?", "What's the ZIP code for the billing address?"],
                    ["Can I get the ZIP the card's registered to?", "And the five-digit ZIP on the account?"]),
    "rep_ask_postcode": (["And the postcode on the billing address?", "Can I check the postcode, please?"],
                         ["What's the postcode the card is registered to?", "And the postal code, please?"]),
    "cust_zip": (["It's {v}.", "{v}."], ["Sure, {v}.", "That would be {v}."]),
    "rep_ask_addr": (
        ["What's the address for the account?", "Where should we send it?", "And the address on file?"],
        ["And the billing address, please?", "What's your home address?",
         "Which address should we put on the file?"]),
    "cust_addr": (
        ["It's {addr}, {city}, {zip}.", "{addr}, in {city}. The {zipword} is {zip}."],
        ["Sure, {addr}, {city} {zip}.", "We're at {addr}, {city}, {zipword} {zip}."]),
    "cust_addr_new": (
        ["We've moved, the new address is {addr}, {city}, {zip}.", "I need it changed to {addr}, {city}, {zip}."],
        ["Our new place is {addr}, {city}, {zipword} {zip}.", "Please update it to {addr}, {city} {zip}."]),
    "rep_ask_dob": (["Can you confirm your date of birth?", "And your date of birth, please?"],
                    ["What's your birthday, please, for security?", "Could I have your DOB for verification?"]),
    "cust_dob": (["It's {v}.", "I was born on {v}.", "Date of birth {v}.", "It's {v}. I've been with you since {year}."],
                 ["{v}.", "Born {v}.", "Sure, {v}.", "{v}. We joined in {year}, if that helps."]),
    "rep_ask_email": (["What's the best email for the receipt?", "Can I get an email address?"],
                      ["Where should I send the confirmation email?", "And an email we can reach you at?"]),
    "cust_email": (["It's {v}.", "Sure, {v}.", "Email is {v}."], ["{v}, all lowercase.", "Send it to {v}.", "Use {v}."]),
    "rep_ask_phone": (["And a good callback number?", "What's the best number to reach you on?"],
                      ["Is there a mobile we can text the confirmation to?", "Can I grab a phone number in case we get cut off?"]),
    "cust_phone": (["It's {v}.", "You can reach me on {v}.", "{v}, but I'm in meetings until {time}."],
                   ["{v}, that's my cell.", "Best is my mobile, {v}.", "Try {v} any time after {time}."]),
    "cust_phone_start": (["Sure, it's {v}", "The number's {v}"], ["Okay, area code {v}", "Yeah, {v}"]),
    "rep_ask_account": (["What's the account number you'd like the payments to come from?", "Can I take the account number?"],
                        ["And the bank account number for the direct deposit?", "Which account should the money go to? I need the number."]),
    "cust_account": (["{v}.", "The account number is {v}.", "{v}, it's the one we opened in {year}."],
                     ["It's {v}, checking.", "Okay, account {v}.", "Use {v}, we've had it since {year}."]),
    "rep_ask_routing": (["And the routing number?", "The nine-digit routing number at the bottom of the check?"],
                        ["Then the ABA number, please.", "What's the bank's routing number?"]),
    "cust_routing": (["{v}.", "Routing is {v}."], ["It's {v}.", "Uh, {v}."]),
    "rep_ask_sort": (["And the sort code?", "What's the sort code, please?"], ["What's the sort code for that branch?", "And the six-digit sort code?"]),
    "cust_sort": (["{v}.", "Sort code's {v}."], ["It's {v}.", "{v}, it's a Barclays account."]),
    "rep_ask_iban": (["For the SEPA transfer, what's your IBAN?", "Can you read me the IBAN?"],
                     ["I'll need the full IBAN for the refund.", "What IBAN should we pay into?"]),
    "cust_iban": (["It's {v}.", "Okay, {v}."], ["Right, {v}.", "Let me read it off the statement: {v}."]),
    "cust_iban_start": (["Okay, it's {v}", "It starts {v}"], ["Right, so {v}", "Here goes, {v}"]),
    "rep_ask_ssn": (["To verify, can I get your social security number?", "I'll need your SSN for the credit check."],
                    ["For the background check I need your Social.", "What's your social security number, please?"]),
    "rep_ask_ni": (["And your National Insurance number?", "Can I take your NI number?"],
                   ["For payroll I'll need your National Insurance number.", "What's your NI number, please?"]),
    "rep_ask_passport": (["What's your passport number?", "Can I take the passport number for the booking?"],
                         ["For the booking I need the passport number, please.", "And the number on your passport?"]),
    "rep_ask_licence": (["And your driver's license number?", "Can I get your license number?"],
                        ["Could you read me the number on your driving licence?", "What's your driving licence number?"]),
    "rep_ask_natid": (["Could you give me your {idname}?", "I need your {idname} for the contract."],
                      ["What's your {idname}, please?", "For the account opening I need the {idname}."]),
    "cust_id": (["Sure, it's {v}.", "{v}.", "Okay, it's {v}."], ["It's {v}.", "Yes, {v}.", "Hang on, {v}."]),
    "third_party": (
        ["You can send it to my business partner, {name}.", "My wife {name} might call about it too."],
        ["Please add {name} as an authorised user.", "Loop in our finance director, {name}, on the invoice."]),
    "rep_ack_third": (["Got it, I'll add {first} to the account notes.", "Sure, I've noted {first}."],
                      ["No problem, {first} is on there now.", "Done, {first} will be copied in."]),
    "rep_ok": (["Perfect, thank you.", "Thanks, that's all matched up."], ["Lovely, got that.", "Great, that's verified."]),
    "neu_rep": (
        ["The annual plan is {price} for {qty}, and I can take {pct} off if you sign today.",
         "Your order number is {order}, keep that handy.",
         "I've got an opening {date} at {time}, would that work?",
         "That's the {product}, which comes in at {price}.",
         "We can do {qty} at {price} each."],
        ["So {qty} comes to {price} a month, locked in until {year}.",
         "I can send an engineer {date}, any time after {time}.",
         "Your reference for this is {ticket}.",
         "If you go up to {qty} I can do {pct} off the list price.",
         "The {product} is {price}, delivered."]),
    "neu_cust": (
        ["Okay. We've been customers since {year}, so that sounds fair.",
         "Great. And that covers {qty}?",
         "{date} works, put me down for {time}.",
         "We use about {measure}, so that should be plenty.",
         "Sure, the ticket I had before was {ticket}."],
        ["Fine by me. We moved over in {year} and it's been good.",
         "Perfect, we'll have {qty} to start with.",
         "Could we make it {date} instead, around {time}?",
         "The old {product} did about {measure}, for comparison.",
         "My order number was {order}, if that helps."]),
    "rep_close": (["That's all done, {first}. Anything else I can help with?", "You're all set, {first}, thanks for calling."],
                  ["Perfect, {first}, you'll get a confirmation shortly.", "Brilliant, that's everything, {first}. Have a good one."]),
    "rep_close_plain": (["Okay, that's everything on my side.", "All done, thanks for your time."],
                        ["Great, we're all set then.", "That's it from me, thanks."]),
    "cust_close": (["No, that's it, thanks.", "Great, thank you."], ["That's everything, cheers.", "Lovely, thanks for your help."]),
}
SPLITS = {"dev": 0, "test": 1}
assert all(luhn_ok(n) for n in TEST_CARDS)
for _k, (_d, _t) in POOLS.items():
    assert not set(_d) & set(_t), _k

GOALS = {
    "payment": ["pay my bill", "make a payment on my account", "pay the deposit", "settle an invoice"],
    "booking": ["book an appointment", "schedule a visit", "reserve a table for a group", "book a service"],
    "account-update": ["update my bank details", "change my details on file", "update the payment method"],
    "onboarding": ["finish setting up my account", "complete my sign-up", "get the new account started"],
    "support": ["sort out a problem with my account", "ask about a charge I don't recognise", "chase up a repair"],
    "sales-close": ["go ahead with the order", "sign up for the annual plan", "move forward with the proposal"],
    "delivery": ["arrange a delivery", "change where my order is going", "book a collection"],
    "refund": ["get a refund", "ask about a refund that hasn't arrived", "claim back a double charge"],
}
SCENARIOS = list(GOALS)
SCENARIO_WEIGHT = {"payment": 2.0, "booking": 1.0, "account-update": 1.5, "onboarding": 1.5, "support": 1.0,
                   "sales-close": 1.5, "delivery": 0.75, "refund": 1.0}


# ------------------------------------------------------------------------------------------
# Call context


class Ctx:
    def __init__(self, cid: str) -> None:
        self.id = cid
        self.split = split_of(cid)
        self.rng = rng = random.Random(f"{SEED}:{cid}")
        self.country = rng.choice(["US", "US", "UK", "UK", "EU", "EU"])
        self.eu = rng.choice(list(EU_PLACES)) if self.country == "EU" else None
        self.industry = rng.choice(sorted(INDUSTRIES))
        self.company = f"{rng.choice(PREFIX)} {rng.choice(INDUSTRIES[self.industry])}"
        self.scenario = rng.choices(SCENARIOS, weights=[SCENARIO_WEIGHT[s] for s in SCENARIOS])[0]
        pool = "EU" if self.country == "EU" else self.country
        self.first = rng.choice(FIRST[pool])
        self.last = rng.choice(LAST[pool])
        self.rep_first = rng.choice([n for n in FIRST[pool] if n != self.first])
        self.rep_last = rng.choice(LAST[pool])
        self.card: str | None = None

    def pick(self, key: str) -> str:
        return self.rng.choice(POOLS[key][SPLITS[self.split]])

    def turn(self, speaker: str, key: str, filler: bool = False, **slots) -> Turn:
        return Turn(speaker, self.pick(key), slots, filler and self.rng.random() < 0.3)

    # -- names
    def person(self, first: str | None, last: str | None, rep: bool = False) -> E:
        parts = [p for p in (first, last) if p]
        w = " ".join(parts)
        a = " ".join(ASR_NAME.get(p, p) if self.rng.random() < 0.7 else p for p in parts)
        return E("person", w, a, rep)

    def other_person(self) -> tuple[str, str]:
        pool = "EU" if self.country == "EU" else self.country
        return self.rng.choice(FIRST[pool]), self.rng.choice(LAST[pool])


# ------------------------------------------------------------------------------------------
# Value renderers: each returns entities (written, asr)


def render_card(c: Ctx, num: str, n_pieces: int = 1) -> list[E]:
    groups = card_groups(num)
    r = read_out(groups, c.rng)
    if n_pieces == 1:
        return [E("card", *r.whole())]
    cuts = sorted(c.rng.sample(range(1, len(groups)), n_pieces - 1))
    bounds = [0, *cuts, len(groups)]
    return [E("card", *r.piece(a, b)) for a, b in itertools.pairwise(bounds)]


def render_expiry(c: Ctx) -> E:
    rng = c.rng
    m, y = rng.randint(1, 12), rng.randint(2025, 2032)
    mm, yy = f"{m:02d}", f"{y % 100:02d}"
    month = MONTHS[m - 1]
    style = rng.choice(["slash", "pairs", "month_year", "month_yy", "full"])
    if style == "slash":
        w = rng.choice([f"{mm}/{yy}", f"{m}/{yy}", f"{pair_words(mm, 'oh')} slash {below_100(int(yy))}"])
        a = rng.choice([f"{mm}/{yy}", f"{m}/{yy}", f"{mm} slash {yy}", f"{mm}-{yy}"])
    elif style == "pairs":
        w = rng.choice([f"{pair_words(mm, 'oh')} {below_100(int(yy))}", f"{mm} {yy}"])
        a = rng.choice([f"{mm} {yy}", f"{mm}{yy}", f"oh {m} {yy}" if m < 10 else f"{mm}, {yy}", f"{mm}-{yy}"])
    elif style == "month_year":
        w = f"{month} {y}"
        a = rng.choice([f"{month} {y}", f"{month.lower()} {y}", f"{month}, {y}"])
    elif style == "month_yy":
        w = rng.choice([f"{month} '{yy}", f"{month} {below_100(int(yy))}"])
        a = rng.choice([f"{month} {yy}", f"{month} {int(yy)}"])
    else:
        w = f"{mm}/{y}"
        a = rng.choice([f"{mm}/{y}", f"{mm}, {y}", f"{mm} {y}"])
    return E("expiry", w, a)


def render_cvv(c: Ctx, n: int) -> E:
    v = "".join(c.rng.choice("0123456789") for _ in range(n))
    words = digit_words(v, c.rng.choice(["oh", "zero"]), doubles=c.rng.random() < 0.3)
    w = v if c.rng.random() < 0.6 else words
    a = c.rng.choice([v, v, v, "-".join(v), asr_words(words)])
    return E("cvv", w, a)


def render_dob(c: Ctx) -> E:
    rng = c.rng
    y, m, d = rng.randint(1946, 2004), rng.randint(1, 12), rng.randint(1, 28)
    month = MONTHS[m - 1]
    style = rng.choice(["ord_of", "us_long", "numeric", "uk_long", "spoken_numeric"])
    yy = f"{y % 100:02d}"
    if style == "ord_of":
        yw = below_100(int(yy)) if rng.random() < 0.5 else year_words(y)
        w = f"the {ordinal_words(d)} of {month} {yw}"
        a = rng.choice([f"the {ordinal_digits(d)} of {month} {yy if len(yw.split()) <= 1 else y}",
                        f"the {ordinal_words(d)} of {month}, {y}", f"the {ordinal_digits(d)} of {month}, {y}"])
    elif style == "us_long":
        w = rng.choice([f"{month} {ordinal_digits(d)}, {y}", f"{month} {d}, {y}"])
        a = rng.choice([f"{month} {ordinal_digits(d)}, {y}", f"{month} {d} {y}", f"{month.lower()} {ordinal_digits(d)} {y}"])
    elif style == "numeric":
        first, second = (f"{m:02d}", f"{d:02d}") if c.country == "US" else (f"{d:02d}", f"{m:02d}")
        w = f"{first}/{second}/{y}"
        a = rng.choice([f"{first}/{second}/{y}", f"{first}-{second}-{y}", f"{first} {second} {y}"])
    elif style == "uk_long":
        w = f"{d} {month} {y}"
        a = rng.choice([f"{d} {month} {y}", f"{ordinal_digits(d)} {month} {y}", f"{d} {month}, {y}"])
    else:
        first, second = (m, d) if c.country == "US" else (d, m)
        w = f"{pair_words(f'{first:02d}', 'oh')}, {pair_words(f'{second:02d}', 'oh')}, {year_words(y)}"
        a = rng.choice([f"{first:02d} {second:02d} {y}", f"{first:02d}, {second:02d}, {y}", f"{first}-{second}-{yy}"])
    return E("dob", w, a)


def render_phone(c: Ctx, pieces: int = 1) -> list[E]:
    rng = c.rng
    plus = ""
    if c.country == "US":
        area = rng.choice(["415", "212", "312", "503", "617", "702", "919", "208"])
        groups = [area, "555", f"01{rng.randint(0, 99):02d}"]
        if rng.random() < 0.15:
            plus = "+1"
    elif c.country == "UK":
        kind = rng.choice(["mob", "lon", "leeds"])
        x = f"{rng.randint(0, 999):03d}"
        groups = {"mob": ["07700", "900" + x], "lon": ["020", "7946", "0" + x], "leeds": ["0113", "496", "0" + x]}[kind]
        if rng.random() < 0.2:
            plus, groups = "+44", [groups[0][1:], *groups[1:]]
    else:
        cc = {"DE": "+49", "FR": "+33", "NL": "+31", "ES": "+34", "IT": "+39", "IE": "+353", "BE": "+32"}[c.eu or "DE"]
        plus = cc
        groups = [f"{rng.randint(150, 179)}", f"{rng.randint(0, 9999):04d}", f"{rng.randint(0, 9999):04d}"]
    r = read_out(groups, rng, written_digit_joiners=(" ", "-"), words_p=0.3)
    if plus:
        pw, pa = "plus " + " ".join(ONES[int(x)] for x in plus[1:]), plus
        if not r.w[0][0].isalpha():
            pw = plus
        r.w[0], r.a[0] = f"{pw} {r.w[0]}", f"{pa} {r.a[0]}"
    elif c.country == "US" and r.w[0].isdigit() and rng.random() < 0.5:
        r.w[0], r.wj = f"({r.w[0]})", " "
        r.w[1] = r.w[1] + "-" + r.w[2]
        r.w.pop()
        r.groups = [groups[0], groups[1] + groups[2]]
        r.a = [r.a[0], r.a[1] + (r.aj if r.aj else "") + r.a[2]]
    if pieces == 1 or len(r.groups) < 2:
        return [E("phone", *r.whole())]
    return [E("phone", *r.piece(0, 1)), E("phone", *r.piece(1, len(r.groups)))]


def render_email(c: Ctx, first: str, last: str) -> E:
    rng = c.rng
    f, lname = _ascii(first).lower(), _ascii(last).lower().replace(" ", "").replace("'", "")
    style = rng.choice(["dot", "plain", "initial", "under", "digits"])
    num = str(rng.randint(1, 99))
    local_parts = {"dot": [f, "dot", lname], "plain": [f + lname], "initial": [f[0], "dot", lname],
                   "under": [f, "underscore", lname], "digits": [f + lname, num]}[style]
    domain = rng.choice(["gmail.com", "outlook.com", "yahoo.com", "hotmail.co.uk", "icloud.com", "example.com",
                         c.company.split()[0].lower() + ".com", "proton.me", "web.de", "orange.fr"])
    sep = {"dot": ".", "underscore": "_"}
    written_local = "".join(sep.get(p, p) for p in local_parts)
    written = f"{written_local}@{domain}"
    spoken_domain = domain.replace(".", " dot ")
    num_words = " ".join(ONES[int(x)] for x in num)
    spoken_local = " ".join(num_words if p == num else p for p in local_parts)
    if rng.random() < 0.4:
        w = f"{spoken_local} at {spoken_domain}"
    else:
        w = written
    a = rng.choice([written, f"{written_local} at {domain}", f"{spoken_local} at {spoken_domain}",
                    f"{written_local.replace('.', ' .')} at {domain}", f"{written_local}@{domain}"])
    return E("email", w, a)


def _ascii(s: str) -> str:
    table = str.maketrans("áéèíóúüöäøçčñ", "aeeiouuoaocc" + "n")
    return s.translate(table).replace("ß", "ss")


def render_address(c: Ctx) -> tuple[E, str, str, E]:
    """(street line, city, zip word, zip/postcode)."""
    rng = c.rng
    if c.country == "US":
        n = str(rng.randint(12, 9899))
        street = f"{rng.choice(STREETS)} {rng.choice(US_TYPES)}"
        unit = rng.choice(["", "", f", Apt {rng.randint(1, 40)}{rng.choice('ABCD')}", f", Unit {rng.randint(1, 300)}",
                           f", Suite {rng.randint(100, 450)}"])
        w = f"{n} {street}{unit}"
        a = w.replace("Apt", rng.choice(["apartment", "Apt", "apt."])) if rng.random() < 0.6 else w.replace(",", "")
        city, st = rng.choice(US_CITIES)
        z = f"{rng.randint(10000, 99899)}"
        zw = z if rng.random() < 0.7 else digit_words(z, "oh", False)
        za = z if rng.random() < 0.8 else "-".join(z)
        return E("address", w, a), f"{city}, {st}", "ZIP", E("address", zw, za)
    if c.country == "UK":
        n = str(rng.randint(1, 240))
        flat = rng.choice(["", "", f"Flat {rng.randint(1, 12)}, "])
        w = f"{flat}{n} {rng.choice(STREETS)} {rng.choice(UK_TYPES)}"
        a = w.replace(",", "") if rng.random() < 0.4 else w
        city, area = rng.choice(UK_CITIES)
        inward = f"{rng.randint(0, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        outward = f"{area}{rng.randint(1, 28)}"
        pc = f"{outward} {inward}"
        if rng.random() < 0.3:
            pw = f"{letters_spoken(area)} {below_100(int(outward[len(area):]))}, {inward[0]} {inward[1]} {inward[2]}"
            pw = pw.replace(f", {inward[0]}", f", {ONES[int(inward[0])]}")
        else:
            pw = pc
        pa = rng.choice([pc, pc, pc.replace(" ", ""), f"{' '.join(area)} {outward[len(area):]} {' '.join(inward)}"])
        return E("address", w, a), city, "postcode", E("address", pw, pa)
    eu = c.eu or "DE"
    street = rng.choice(EU_STREET[eu])
    n = str(rng.randint(1, 180))
    w = f"{n} {street}" if eu in ("FR", "IE") else f"{street} {n}"
    a = _ascii(w) if rng.random() < 0.5 else w
    city = rng.choice(EU_PLACES[eu])
    pc = {"DE": lambda: f"{rng.randint(10000, 99999)}", "FR": lambda: f"{rng.randint(10, 95)}0{rng.randint(10, 99)}",
          "NL": lambda: f"{rng.randint(1000, 9999)} {rng.choice('ABCDEGHJKLMNPRSTVWXZ')}{rng.choice('ABCDEGHJKLMNPRSTVWXZ')}",
          "ES": lambda: f"{rng.randint(1, 52):02d}{rng.randint(0, 999):03d}", "IT": lambda: f"{rng.randint(10, 98)}{rng.randint(100, 199)}",
          "IE": lambda: f"D{rng.randint(1, 24):02d} {rng.choice('ACDEFHKNPRTVWXY')}{rng.randint(100, 999)}",
          "BE": lambda: f"{rng.randint(1000, 9999)}"}[eu]()
    return E("address", w, a), city, "postcode", E("address", pc, pc if rng.random() < 0.8 else pc.replace(" ", ""))


def render_account(c: Ctx) -> E:
    n = 8 if c.country == "UK" else c.rng.randint(9, 12)
    v = str(c.rng.randint(1, 9)) + "".join(c.rng.choice("0123456789") for _ in range(n - 1))
    groups = [v[i:i + 4] for i in range(0, len(v), 4)] if c.rng.random() < 0.6 else [v]
    if len(groups) == 1 and len(v) > 6 and c.rng.random() < 0.5:
        groups = [v[:3], v[3:6], v[6:]]
    r = read_out(groups, c.rng, written_digit_joiners=(" ", "-", ""), words_p=0.3)
    return E("account", *r.whole())


def render_routing(c: Ctx) -> E:
    v = aba_complete(c.rng)
    r = read_out([v[:3], v[3:6], v[6:]], c.rng, written_digit_joiners=("",), words_p=0.3)
    return E("routing", *r.whole())


def render_sort(c: Ctx) -> E:
    rng = c.rng
    pairs = [f"{rng.randint(1, 99):02d}" for _ in range(3)] if rng.random() < 0.5 else ["20", f"{rng.randint(10, 99)}", f"{rng.randint(10, 99)}"]
    if rng.random() < 0.5:
        w = ", ".join(pair_words(p, "oh") for p in pairs)
    else:
        w = "-".join(pairs)
    a = rng.choice(["-".join(pairs), " ".join(pairs), ", ".join(pairs), "".join(pairs),
                    " ".join(asr_words(pair_words(p, "oh")) for p in pairs)])
    return E("routing", w, a)


def render_iban(c: Ctx, pieces: int = 1) -> list[E]:
    country = "GB" if c.country == "UK" else (c.eu or "DE")
    iban = fake_iban(country, c.rng)
    groups = [iban[i:i + 4] for i in range(0, len(iban), 4)]
    rng = c.rng
    zero = rng.choice(["zero", "oh"])

    def spoken(g: str) -> str:
        return " ".join(ch if ch.isalpha() else (zero if ch == "0" else ONES[int(ch)]) for ch in g)

    if rng.random() < 0.6:
        w, wj = groups, " "
    else:
        w, wj = [spoken(g) for g in groups], rng.choice([", ", " "])
    style = rng.choice(["grouped", "grouped", "spaced", "words", "mixed"])
    if style == "grouped":
        a, aj = groups, " "
    elif style == "spaced":
        a, aj = [" ".join(g) for g in groups], " "
    elif style == "words":
        a, aj = [spoken(g).lower() if rng.random() < 0.3 else spoken(g) for g in groups], ", "
    else:
        a = [g[:2] + " " + g[2:] if i == 0 else g for i, g in enumerate(groups)]
        aj = rng.choice([" ", ", "])
    r = Num(groups, list(w), list(a), wj, aj)
    if pieces == 1:
        return [E("iban", *r.whole())]
    cut = rng.randint(2, len(groups) - 2)
    return [E("iban", *r.piece(0, cut)), E("iban", *r.piece(cut, len(groups)))]


def render_id(c: Ctx) -> tuple[str, str, E]:
    """(pool key, id name for natid, entity)."""
    rng = c.rng
    if c.country == "US":
        kind = rng.choice(["ssn", "ssn", "passport", "licence"])
        if kind == "ssn":
            v = fake_ssn(rng)
            r = read_out(v.split("-"), rng, written_digit_joiners=("-",), words_p=0.3, asr_joiners=("-", " ", " ", ", "))
            return "rep_ask_ssn", "", E("id", *r.whole())
        if kind == "passport":
            v = str(rng.randint(5, 9)) + "".join(rng.choice("0123456789") for _ in range(8))
            r = read_out([v[:3], v[3:6], v[6:]], rng, written_digit_joiners=("", " "), words_p=0.3)
            return "rep_ask_passport", "", E("id", *r.whole())
        letter = rng.choice("ABDFGNSTWY")
        digits = "".join(rng.choice("0123456789") for _ in range(7))
        w = f"{letter}{digits}" if rng.random() < 0.7 else f"{letter} as in {_nato(letter)}, " + digit_words(digits, "zero", False)
        a = rng.choice([f"{letter}{digits}", f"{letter} {digits}", f"{letter}-{digits}", f"{letter} {' '.join(digits)}"])
        return "rep_ask_licence", "", E("id", w, a)
    if c.country == "UK":
        kind = rng.choice(["ni", "ni", "passport", "licence"])
        if kind == "ni":
            v = fake_ni(rng)
            w = rng.choice([f"{v[:2]} {v[2:4]} {v[4:6]} {v[6:8]} {v[8]}", v,
                            f"{v[0]} {v[1]}, {digit_words(v[2:8], 'zero', True)}, {v[8]}"])
            a = rng.choice([f"{v[:2]} {v[2:4]} {v[4:6]} {v[6:8]} {v[8]}", v, f"{v[:2]} {v[2:8]} {v[8]}",
                            f"{v[0]} {v[1]} {' '.join(v[2:8])} {v[8]}"])
            return "rep_ask_ni", "", E("id", w, a)
        if kind == "passport":
            v = "".join(rng.choice("0123456789") for _ in range(9))
            r = read_out([v[:3], v[3:6], v[6:]], rng, written_digit_joiners=("", " "), words_p=0.3)
            return "rep_ask_passport", "", E("id", *r.whole())
        last = _ascii(c.last).upper().replace(" ", "").replace("'", "")[:5].ljust(5, "9")
        v = f"{last}{rng.randint(0, 9)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 9)}{_ascii(c.first)[0].upper()}{rng.choice('ABCDEFGHJ')}9{rng.choice('ABCDEFGHJKLMNPQRSTUVWXYZ')}{rng.choice('ABCDEFGHJKLMNPQRSTUVWXYZ')}"
        w = v if rng.random() < 0.6 else f"{v[:5]} {v[5:11]} {v[11:]}"
        a = rng.choice([v, f"{v[:5]} {v[5:11]} {v[11:]}", f"{' '.join(v[:5])} {v[5:11]} {v[11:]}"])
        return "rep_ask_licence", "", E("id", w, a)
    eu = c.eu or "DE"
    if eu == "ES":
        v = fake_dni(rng)
        name = "DNI"
        w = v if rng.random() < 0.6 else f"{v[:8]}-{v[8]}"
        a = rng.choice([v, f"{v[:8]} {v[8]}", f"{' '.join(v[:8])} {v[8]}"])
    elif eu == "NL":
        v, name = fake_bsn(rng), "BSN"
        r = read_out([v[:3], v[3:6], v[6:]], rng, written_digit_joiners=("", " ", "."), words_p=0.3)
        return "rep_ask_natid", name, E("id", *r.whole())
    elif eu == "IE":
        v, name = fake_pps(rng), "PPS number"
        w, a = v, rng.choice([v, f"{v[:7]} {v[7:]}", f"{' '.join(v[:7])} {v[7:]}"])
    else:
        alnum = "CFGHJKLMNPRTVWXYZ0123456789"
        v = rng.choice("CFGHJKLMNPRTVWXYZ") + "".join(rng.choice(alnum) for _ in range(8))
        name = {"DE": "ID card number", "FR": "identity card number", "IT": "carta d'identità number", "BE": "eID number"}[eu]
        w = v
        a = rng.choice([v, " ".join(v), f"{v[:4]} {v[4:]}"])
    return "rep_ask_natid", name, E("id", w, a)


def _nato(ch: str) -> str:
    return {"A": "alpha", "B": "bravo", "D": "delta", "F": "foxtrot", "G": "golf", "N": "november", "S": "sierra",
            "T": "tango", "W": "whiskey", "Y": "yankee"}[ch]


# Hard negatives ---------------------------------------------------------------------------


def keep(c: Ctx, kind: str) -> K:
    rng = c.rng
    cur = {"US": "$", "UK": "£", "EU": "€"}[c.country]
    curw = {"US": "dollars", "UK": "pounds", "EU": "euros"}[c.country]
    if kind == "price":
        amt = rng.choice(["1,299", "49.99", "2,400", "350", "89", "12,750", "199.50", "4,800", "725", "18.40"])
        w = f"{cur}{amt}"
        a = w if rng.random() < 0.8 else f"{amt.replace('.50', '.5')} {curw}"
        return K(kind, w, a)
    if kind == "qty":
        n = rng.choice([3, 12, 25, 40, 250, 1500, 555, 18, 60, 1800])
        unit = rng.choice(["seats", "licences" if c.country != "US" else "licenses", "users", "units", "trucks",
                           "rooms", "guests", "boxes", "calls a month"])
        w = f"{below_100(n) if n < 100 and rng.random() < 0.6 else f'{n:,}'} {unit}"
        return K(kind, w, f"{n:,} {unit}" if n >= 1000 else f"{n} {unit}")
    if kind == "date":
        day = rng.randint(1, 28)
        wd = rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])
        w = rng.choice([f"next {wd} the {ordinal_digits(day)}", f"{wd} the {ordinal_digits(day)}",
                        f"the {ordinal_digits(day)} of {rng.choice(MONTHS)}", f"{rng.choice(MONTHS)} {ordinal_digits(day)}"])
        return K(kind, w, w)
    if kind == "time":
        h, m = rng.randint(1, 11), rng.choice([0, 15, 30, 45])
        w = rng.choice([f"{h}:{m:02d}", f"{h} p.m.", f"{h}:{m:02d} a.m."])
        a = w if rng.random() < 0.6 else w.replace(":", ".")
        return K(kind, w, a)
    if kind == "year":
        y = rng.randint(2009, 2026)
        return K(kind, str(y), str(y))
    if kind == "order":
        v = rng.choice([f"{rng.randint(10000, 99999)}", f"A-{rng.randint(10000, 99999)}", f"{rng.randint(100, 999)}-{rng.randint(1000, 9999)}"])
        return K(kind, v, v.replace("-", "") if rng.random() < 0.3 else v)
    if kind == "ticket":
        v = rng.choice([f"INC-{rng.randint(10000, 99999)}", f"CS {rng.randint(1000, 9999)}", f"TK{rng.randint(100000, 999999)}"])
        return K(kind, v, v.replace("-", " ") if rng.random() < 0.3 else v)
    if kind == "product":
        v = rng.choice(["Model X500", "Pro 360 plan", "T-200 router", "Series 7 boiler", "Plus 50 bundle", "Galaxy S24",
                        "Core 12 package", "V8 vacuum"])
        return K(kind, v, v.lower() if rng.random() < 0.4 else v)
    if kind == "pct":
        p = rng.choice([5, 10, 12, 15, 20, 25, 30])
        w = f"{p}%" if rng.random() < 0.6 else f"{below_100(p)} percent"
        return K(kind, w, f"{p}%")
    if kind == "measure":
        v = rng.choice(["850 square feet", "2,400 kilowatt hours a month", "40 gigabytes", "120 litres", "3,000 miles"])
        return K(kind, v, v.replace(",", "") if rng.random() < 0.3 else v)
    raise KeyError(kind)


KEEP_SLOTS = {"price", "qty", "date", "time", "year", "order", "ticket", "product", "pct", "measure"}


def neutral(c: Ctx, speaker: str) -> Turn:
    key = "neu_rep" if speaker == "rep" else "neu_cust"
    tpl = c.pick(key)
    slots = {}
    for m in re.finditer(r"\{(\w+)\}", tpl):
        name = m.group(1)
        slots[name] = keep(c, "time" if name == "time2" else name)
    return Turn(speaker, tpl, slots)


# ------------------------------------------------------------------------------------------
# Beats: each returns turns


def beat_card(c: Ctx) -> list[Turn]:
    rng = c.rng
    num = fake_card(rng)
    c.card = num
    brand = brand_of(num)
    turns = [c.turn("rep", "rep_ask_card")]
    split = rng.random()
    n = 1
    if split < 0.35:
        n = rng.choice([2, 2, 3, 4]) if len(card_groups(num)) >= 4 else 2
        pieces = render_card(c, num, min(n, len(card_groups(num))))
        turns.append(c.turn("customer", "cust_card_start", v=pieces[0], brand=L(brand)))
        for p in pieces[1:]:
            turns.append(c.turn("rep", "backchannel"))
            turns.append(c.turn("customer", "cust_card_cont", v=p))
    else:
        turns.append(c.turn("customer", "cust_card", filler=True, v=render_card(c, num)[0], brand=L(brand)))
    amex = brand == "Amex"
    if n >= 3 or rng.random() < 0.35:
        turns.append(c.turn("rep", "rep_ask_exp"))
        turns.append(c.turn("customer", "cust_exp_cvv", exp=render_expiry(c), cvv=render_cvv(c, 4 if amex else 3)))
    else:
        turns.append(c.turn("rep", "rep_ask_exp"))
        turns.append(c.turn("customer", "cust_exp", v=render_expiry(c)))
        turns.append(c.turn("rep", "rep_ask_cvv_amex" if amex else "rep_ask_cvv"))
        turns.append(c.turn("customer", "cust_cvv", v=render_cvv(c, 4 if amex else 3)))
    if n < 4 and rng.random() < 0.6:
        last4 = num[-4:]
        turns.append(c.turn("rep", "rep_readback", last4=K("last4", last4, last4), brand=L(brand), price=keep(c, "price")))
    return turns


def beat_zip(c: Ctx) -> list[Turn]:
    _, _, _, z = render_address(c)
    return [c.turn("rep", "rep_ask_zip" if c.country == "US" else "rep_ask_postcode"), c.turn("customer", "cust_zip", v=z)]


def beat_address(c: Ctx, new: bool = False) -> list[Turn]:
    street, city, zw, z = render_address(c)
    slots = {"addr": street, "city": N(city), "zipword": L(zw, zw.lower()), "zip": z}
    if new:
        return [c.turn("customer", "cust_addr_new", **slots), c.turn("rep", "rep_ok")]
    return [c.turn("rep", "rep_ask_addr"), c.turn("customer", "cust_addr", **slots)]


def beat_dob(c: Ctx) -> list[Turn]:
    return [c.turn("rep", "rep_ask_dob"), c.turn("customer", "cust_dob", filler=True, v=render_dob(c), year=keep(c, "year"))]


def beat_email(c: Ctx) -> list[Turn]:
    return [c.turn("rep", "rep_ask_email"), c.turn("customer", "cust_email", v=render_email(c, c.first, c.last))]


def beat_phone(c: Ctx) -> list[Turn]:
    if c.rng.random() < 0.25:
        a, b = render_phone(c, 2)
        return [c.turn("rep", "rep_ask_phone"), c.turn("customer", "cust_phone_start", v=a), c.turn("rep", "backchannel"),
                c.turn("customer", "cust_card_cont", v=b)]
    return [c.turn("rep", "rep_ask_phone"), c.turn("customer", "cust_phone", v=render_phone(c)[0], time=keep(c, "time"))]


def beat_name(c: Ctx) -> list[Turn]:
    if c.rng.random() < 0.3:
        last = c.last
        sp = "-".join(_ascii(last).upper().replace(" ", "").replace("'", "")) if c.rng.random() < 0.6 else " ".join(
            _ascii(last).upper().replace(" ", "").replace("'", ""))
        spa = sp.replace("-", " ") if c.rng.random() < 0.5 else sp
        return [c.turn("rep", "rep_ask_name"),
                c.turn("customer", "cust_name_spelled", name=c.person(c.first, c.last), spelled=E("person", sp, spa))]
    return [c.turn("rep", "rep_ask_name"), c.turn("customer", "cust_name", name=c.person(c.first, c.last))]


def beat_bank(c: Ctx) -> list[Turn]:
    if c.country == "US":
        t = [c.turn("rep", "rep_ask_account"), c.turn("customer", "cust_account", v=render_account(c), year=keep(c, "year")),
             c.turn("rep", "rep_ask_routing"), c.turn("customer", "cust_routing", v=render_routing(c))]
        return t if c.rng.random() < 0.5 else t[2:] + t[:2]
    if c.country == "UK" and c.rng.random() < 0.6:
        t = [c.turn("rep", "rep_ask_sort"), c.turn("customer", "cust_sort", v=render_sort(c)),
             c.turn("rep", "rep_ask_account"), c.turn("customer", "cust_account", v=render_account(c), year=keep(c, "year"))]
        return t
    if c.rng.random() < 0.3:
        a, b = render_iban(c, 2)
        return [c.turn("rep", "rep_ask_iban"), c.turn("customer", "cust_iban_start", v=a), c.turn("rep", "backchannel"),
                c.turn("customer", "cust_card_cont", v=b)]
    return [c.turn("rep", "rep_ask_iban"), c.turn("customer", "cust_iban", v=render_iban(c)[0])]


def beat_id(c: Ctx) -> list[Turn]:
    key, name, ent = render_id(c)
    slots = {"idname": L(name)} if name else {}
    return [c.turn("rep", key, **slots), c.turn("customer", "cust_id", v=ent)]


def beat_third(c: Ctx) -> list[Turn]:
    f, last = c.other_person()
    full = c.rng.random() < 0.7
    return [c.turn("customer", "third_party", name=c.person(f, last if full else None)),
            c.turn("rep", "rep_ack_third", first=c.person(f, None))]


def beat_neutral(c: Ctx) -> list[Turn]:
    t = [neutral(c, "rep"), neutral(c, "customer")]
    return t if c.rng.random() < 0.7 else t[::-1]


BEATS = {"card": beat_card, "zip": beat_zip, "address": beat_address, "address_new": lambda c: beat_address(c, True),
         "dob": beat_dob, "email": beat_email, "phone": beat_phone, "name": beat_name, "bank": beat_bank,
         "id": beat_id, "third": beat_third, "neutral": beat_neutral}

#: scenario -> (required beats, optional beats)
PLAN = {
    "payment": (["card"], ["zip", "email", "neutral", "phone"]),
    "booking": (["name"], ["dob", "phone", "email", "neutral", "third", "address", "id", "card"]),
    "account-update": (["dob"], ["bank", "address_new", "email", "phone", "zip", "id"]),
    "onboarding": (["id"], ["dob", "address", "email", "bank", "phone"]),
    "support": (["name"], ["dob", "zip", "neutral", "email", "phone", "id"]),
    "sales-close": (["neutral"], ["card", "bank", "email", "third"]),
    "delivery": (["address"], ["phone", "neutral", "name"]),
    "refund": (["neutral", "bank"], ["email", "card", "name"]),
}


def build(cid: str) -> tuple[Ctx, list[Turn]]:
    c = Ctx(cid)
    rng = c.rng
    rep = c.person(c.rep_first, c.rep_last if rng.random() < 0.3 else None, rep=True)
    goal = L(rng.choice(GOALS[c.scenario]))
    if c.scenario == "sales-close":
        opener = [c.turn("rep", "rep_open_out", first=c.person(c.first, None), rep=rep, co=L(c.company)),
                  c.turn("customer", "cust_hello_out")]
    else:
        opener = [c.turn("rep", "rep_open", rep=rep, co=L(c.company))]
        if "name" not in PLAN[c.scenario][0] and rng.random() < 0.6:
            opener.append(c.turn("customer", "cust_intro", name=c.person(c.first, c.last), goal=goal))
        else:
            opener.append(c.turn("customer", "cust_goal", goal=goal))
    required, optional = PLAN[c.scenario]
    chosen = list(required) + rng.sample(optional, rng.randint(1, min(3, len(optional))))
    if c.scenario == "sales-close" and not {"card", "bank"} & set(chosen):
        chosen.append(rng.choice(["card", "bank"]))
    rng.shuffle(chosen)
    if c.scenario in ("sales-close", "refund"):  # the price talk first
        chosen.remove("neutral")
        chosen.insert(0, "neutral")
    body = [(b, BEATS[b](c)) for b in chosen]
    if rng.random() < 0.5:
        close = [c.turn("rep", "rep_close", first=c.person(c.first, None)), c.turn("customer", "cust_close")]
    else:
        close = [c.turn("rep", "rep_close_plain")]
    while len(opener) + sum(len(t) for _, t in body) + len(close) > 12 and len(body) > 1:
        optional_at = [i for i, (b, _) in enumerate(body) if b not in required or i > chosen.index(b)]
        body.pop(optional_at[-1] if optional_at else -1)
    body = [t for _, t in body]
    if len(opener) + sum(map(len, body)) + len(close) > 12:  # one long card beat
        close = []
    turns = merge_same_speaker(opener + [t for b in body for t in b] + close)
    if len(turns) < 4:  # a short call: some price or scheduling talk before the close
        turns = merge_same_speaker(opener + [t for b in body for t in b] + beat_neutral(c) + close)
    assert 4 <= len(turns) <= 12, (cid, len(turns))
    return c, turns


def merge_same_speaker(turns: list[Turn]) -> list[Turn]:
    """Consecutive turns of one speaker (where two beats meet) as one turn, as a transcript has it."""
    out: list[Turn] = []
    for t in turns:
        if not out or out[-1].speaker != t.speaker:
            out.append(t)
            continue
        prev = out[-1]
        slots, tpl = dict(prev.slots), t.template
        for k, v in t.slots.items():
            nk, i = k, 2
            while nk in slots or nk in t.slots and nk != k:
                nk, i = f"{k}{i}", i + 1
            tpl = tpl.replace("{" + k + "}", "{" + nk + "}")
            slots[nk] = v
        out[-1] = Turn(prev.speaker, prev.template + " " + tpl, slots, prev.filler)
    return out


# ------------------------------------------------------------------------------------------
# Rendering

SLOT = re.compile(r"\{(\w+)\}")
MISHEAR = {"plan": "plant", "quote": "coat", "contract": "contact", "discount": "the count", "renewal": "renew all",
           "invoice": "in voice", "schedule": "shedule", "brilliant": "brilliance", "cheers": "chairs",
           "lovely": "lovey", "perfect": "perfected", "receipt": "recede", "technician": "technicians",
           "delivered": "deliver", "locked": "lock", "engineer": "engineers", "verified": "verify", "holding": "folding",
           "statement": "state meant", "partner": "part of", "opening": "opening up"}


class AsrStyle:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.no_q = rng.random() < 0.6
        self.no_commas = rng.random() < 0.5
        self.lower = rng.random() < 0.3

    def lit(self, s: str) -> str:
        rng = self.rng
        s = re.sub(r"\b(Um|Uh|um|uh), ", "", s)
        if self.no_q:
            s = s.replace("?", "." if rng.random() < 0.5 else "")
        if self.no_commas:
            s = s.replace(",", "")
        words = s.split(" ")
        for i, wd in enumerate(words):
            key = wd.strip(".,?!:").lower()
            if key in MISHEAR and rng.random() < 0.15:
                words[i] = wd.lower().replace(key, MISHEAR[key])
        s = " ".join(words)
        if self.lower:
            s = s.lower().replace(" i ", " I ").replace("i'm", "I'm").replace("i'll", "I'll")
        return s


def render(turn: Turn, form: str, style: AsrStyle) -> dict:
    text, ents, keeps, ignore = "", [], [], []
    pos = 0
    tpl = turn.template
    if turn.filler and form == "written" and not tpl.startswith(("Um", "Uh")):
        tpl = "Um, " + tpl[0].lower() + tpl[1:] if not tpl.startswith("{") else "Um, " + tpl

    def lit(s: str) -> str:
        return s if form == "written" else style.lit(s)

    for m in SLOT.finditer(tpl):
        text += lit(tpl[pos:m.start()])
        part = turn.slots[m.group(1)]
        if isinstance(part, E):
            s = part.w if form == "written" else part.a
            ent = {"type": part.type, "value": s, "start": len(text)}
            if part.rep_name:
                ent["rep_name"] = True
            ents.append(ent)
        elif isinstance(part, K):
            s = part.w if form == "written" else part.a
            keeps.append({"kind": part.kind, "value": s, "start": len(text)})
        else:
            s = part.w if form == "written" else part.asr()
            if isinstance(part, N):
                ignore.append({"value": s, "start": len(text)})
        text += s
        pos = m.end()
    text += lit(tpl[pos:])
    # A keep must not be a substring of an entity of its turn (its survival would be ambiguous).
    keeps = [k for k in keeps if not any(k["value"] in e["value"] or e["value"] in k["value"] for e in ents)]
    for e in ents + keeps:
        assert text[e["start"]:e["start"] + len(e["value"])] == e["value"]
    out = {"speaker": turn.speaker, "text": text, "entities": ents,
           "keep": [{"kind": k["kind"], "value": k["value"]} for k in keeps]}
    if ignore:
        out["ignore"] = ignore
    return out


def make_call(cid: str) -> dict:
    c, turns = build(cid)
    style = AsrStyle(random.Random(f"{SEED}:asr:{cid}"))
    return {"id": cid, "country": c.country if c.country != "EU" else f"EU-{c.eu}", "industry": c.industry,
            "scenario": c.scenario, "company": c.company,
            "written": [render(t, "written", style) for t in turns],
            "asr": [render(t, "asr", style) for t in turns]}


def make_all(n: int = N_CALLS) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {"dev": [], "test": []}
    for i in range(1, n + 1):
        cid = f"rx-{i:04d}"
        out[split_of(cid)].append(make_call(cid))
    return out


def dumps(calls: list[dict]) -> str:
    return "".join(json.dumps(call, ensure_ascii=False) + "\n" for call in calls)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare with the files instead of writing them")
    ap.add_argument("--out", type=Path, default=HERE)
    args = ap.parse_args(argv)
    data = make_all()
    bad = 0
    for split, calls in data.items():
        path = args.out / f"{split}.jsonl"
        text = dumps(calls)
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                print(f"{path} differs from what make.py writes", file=sys.stderr)
                bad = 1
        else:
            path.write_text(text, encoding="utf-8")
            print(f"{path}: {len(calls)} calls", file=sys.stderr)
    return bad


if __name__ == "__main__":
    sys.exit(main())
