"""Writes ``dev2.jsonl``: a second redaction tuning set for callcoach, by a second writer.

    python data/redaction-eval/make_dev2.py           # (re)write dev2.jsonl
    python data/redaction-eval/make_dev2.py --check   # exit 0 iff dev2.jsonl is what this writes, else 1

250 short calls (``r2-0001`` .. ``r2-0250``), each from its own random generator seeded with its
id, in two forms that hold the same turns and the same labels in the same order: ``written``
(what a careful transcriber types) and ``asr`` (the same speech the way Whisper tiny.en tends to
write it). A turn is assembled from segments (fixed text, a labelled value, a hard negative to
keep, a city to ignore), each with a written and an ASR rendering; each label's offset is taken
as the text is built, so labels are exact by construction. Every value is fake by construction
(see DEV2.md, "Values"). Standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

HERE = Path(__file__).resolve().parent
OUT = HERE / "dev2.jsonl"
N_CALLS = 250
SEED = "callcoach/redaction-eval/dev2"
MAX_TURNS = 14

# ==========================================================================================
# Checksums and fake-value checks (also used by tests/test_redaction_eval.py)

IBAN_LENGTH = {"DE": 22, "FR": 27, "NL": 18, "ES": 24, "IT": 27, "IE": 22, "BE": 16, "GB": 22, "AT": 20, "PT": 25}


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def luhn_complete(partial: str) -> str:
    return next(partial + ch for ch in "0123456789" if luhn_ok(partial + ch))


def _mod97(s: str) -> int:
    return int("".join(str(int(ch, 36)) for ch in s)) % 97


def iban_make(cc: str, bban: str) -> str:
    return f"{cc}{98 - _mod97(bban + cc + '00'):02d}{bban}"


def iban_valid(iban: str) -> bool:
    s = re.sub(r"[\s\-]", "", iban).upper()
    return len(s) == IBAN_LENGTH.get(s[:2], -1) and s[2:4].isdigit() and _mod97(s[4:] + s[:4]) == 1


def aba_ok(d: str) -> bool:
    if len(d) != 9 or not d.isdigit():
        return False
    w = [3, 7, 1] * 3
    return sum(int(x) * k for x, k in zip(d, w)) % 10 == 0


def aba_complete(d8: str) -> str:
    return next(d8 + ch for ch in "0123456789" if aba_ok(d8 + ch))


def ssn_fake(d: str) -> bool:
    """Never issued: area 666 or 900-999; for 9xx the group is under 50, outside every ITIN range."""
    if len(d) != 9 or not d.isdigit() or d[3:5] == "00" or d[5:] == "0000":
        return False
    return d[:3] == "666" or (d[0] == "9" and int(d[3:5]) < 50)


NI_FIRST = "DFIQUV"  # never used as the first letter of a National Insurance number
NI_SECOND = "ABCEGHJKLMNPRSTWXYZ"


def ni_fake(s: str) -> bool:
    s = re.sub(r"\s", "", s).upper()
    return re.fullmatch(f"[{NI_FIRST}][{NI_SECOND}]\\d{{6}}[A-D]", s) is not None


def bsn_ok(d: str) -> bool:
    return len(d) == 9 and d.isdigit() and sum(int(x) * w for x, w in zip(d, [9, 8, 7, 6, 5, 4, 3, 2, -1])) % 11 == 0


DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def dni_ok(s: str) -> bool:
    s = s.upper()
    num = {"X": "0", "Y": "1", "Z": "2"}.get(s[0], s[0]) + s[1:-1]
    return num.isdigit() and DNI_LETTERS[int(num) % 23] == s[-1]


def nhs_check(d9: str) -> int:
    r = 11 - sum(int(x) * (10 - i) for i, x in enumerate(d9)) % 11
    return 0 if r == 11 else r


def nhs_fake(d: str) -> bool:
    """Valid mod 11 and in the 999 range NHS England keeps for test data."""
    return len(d) == 10 and d.isdigit() and d.startswith("999") and nhs_check(d[:9]) == int(d[9])


def pps_check(d7: str, suffix: str = "") -> str:
    total = sum(int(x) * (8 - i) for i, x in enumerate(d7)) + (9 * (ord(suffix) - 64) if suffix else 0)
    return "WABCDEFGHIJKLMNOPQRSTUV"[total % 23]


def pps_ok(s: str) -> bool:
    s = s.upper()
    return bool(re.fullmatch(r"\d{7}[A-W][A-Z]?", s)) and pps_check(s[:7], s[8:9]) == s[7]


_CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                   [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8,
                    12, 14, 16, 10, 22, 25, 24, 23]))


def cf_check(first15: str) -> str:
    total = 0
    for i, ch in enumerate(first15):
        total += _CF_ODD[ch] if i % 2 == 0 else (int(ch) if ch.isdigit() else ord(ch) - 65)
    return chr(65 + total % 26)


def cf_ok(s: str) -> bool:
    return len(s) == 16 and cf_check(s[:15].upper()) == s[15].upper()


def be_nrn_ok(d: str) -> bool:
    """Belgian national register number: 97 - (first nine mod 97), with a leading 2 for births from 2000."""
    return len(d) == 11 and d.isdigit() and int(d[9:]) in (97 - int(d[:9]) % 97, 97 - int("2" + d[:9]) % 97)


def nif_ok(d: str) -> bool:
    if len(d) != 9 or not d.isdigit():
        return False
    r = 11 - sum(int(x) * (9 - i) for i, x in enumerate(d[:8])) % 11
    return (0 if r >= 10 else r) == int(d[8])


US_FICTION = re.compile(r"(?:1?\d{3})?55501\d\d")
UK_FICTION = ("07700900", "02079460", "01134960", "01144960", "01154960", "01164960", "01174960", "01184960",
              "01214960", "01314960", "01414960", "01514960", "01614960", "01914980", "01632960")


def us_phone_fake(d: str) -> bool:
    return US_FICTION.fullmatch(d) is not None


def uk_phone_fake(d: str) -> bool:
    if d.startswith("44"):
        d = "0" + d[2:]
    return len(d) == 11 and d[:8] in UK_FICTION


# ==========================================================================================
# Numbers said aloud

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ORD_SMALL = {1: "first", 2: "second", 3: "third", 5: "fifth", 8: "eighth", 9: "ninth", 12: "twelfth"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
MONTH_ABBR = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NATO = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo",
                 "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform",
                 "victor", "whiskey", "x-ray", "yankee", "zulu"]))
# What callers in the UK and Ireland often say instead of the NATO word.
UK_SPELL = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                    ["apple", "bravo", "Charlie", "David", "Edward", "Freddie", "George", "Harry", "India", "Jack",
                     "king", "London", "Mary", "Nancy", "orange", "Peter", "queen", "Robert", "sugar", "Tommy",
                     "uniform", "Victor", "William", "x-ray", "yellow", "zebra"]))


def n2w(n: int, uk_and: bool = True) -> str:
    """Cardinal words: 42 -> forty-two, 320 -> three hundred and twenty (US: three hundred twenty)."""
    if n < 10:
        return ONES[n]
    if n < 20:
        return TEENS[n - 10]
    if n < 100:
        return TENS[n // 10] + (f"-{ONES[n % 10]}" if n % 10 else "")
    if n < 1000:
        rest = n % 100
        return f"{ONES[n // 100]} hundred" + ((" and " if uk_and else " ") + n2w(rest) if rest else "")
    rest = n % 1000
    head = f"{n2w(n // 1000, uk_and)} thousand"
    if not rest:
        return head
    return head + (" and " if rest < 100 and uk_and else " ") + n2w(rest, uk_and)


def ordinal_word(n: int) -> str:
    if n in ORD_SMALL:
        return ORD_SMALL[n]
    if n < 20:
        return n2w(n) + "th"
    if n % 10 == 0:
        return TENS[n // 10][:-1] + "ieth"
    return f"{TENS[n // 10]}-{ordinal_word(n % 10)}"


def ordinal_suffix(n: int) -> str:
    if 11 <= n % 100 <= 13:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def year_words(y: int, rng: random.Random) -> str:
    if 2000 <= y < 2010:
        return rng.choice([f"two thousand and {ONES[y % 10]}", f"two thousand {ONES[y % 10]}"]) if y > 2000 \
            else "two thousand"
    if y >= 2010:
        return rng.choice([f"twenty {n2w(y % 100)}", f"two thousand and {n2w(y % 100)}"])
    hi, lo = divmod(y, 100)
    return f"{n2w(hi)} " + (f"oh {ONES[lo]}" if lo < 10 else n2w(lo))


def yy_words(yy: int) -> str:
    return f"oh {ONES[yy]}" if yy < 10 else n2w(yy)


def say_digits(s: str, zero: str = "oh", doubles: bool = False) -> str:
    """Digit by digit: 07700 -> "oh seven seven oh oh", or with doubles "oh double seven double oh"."""
    out: list[str] = []
    i = 0
    while i < len(s):
        j = i
        while j < len(s) and s[j] == s[i]:
            j += 1
        word = zero if s[i] == "0" else ONES[int(s[i])]
        run = j - i
        if doubles and run >= 2:
            while run >= 2:
                if run == 3:
                    out.append(f"triple {word}")
                    run = 0
                else:
                    out.append(f"double {word}")
                    run -= 2
            if run:
                out.append(word)
        else:
            out.extend([word] * run)
        i = j
    return " ".join(out)


def say_pair(p: str, zero: str = "oh") -> str:
    if p[0] == "0":
        return f"{zero} {zero}" if p[1] == "0" else f"{zero} {ONES[int(p[1])]}"
    return n2w(int(p))


def say_pairs(s: str, zero: str = "oh") -> str:
    """In pairs, as people read card groups and phone numbers: 4242 -> forty-two forty-two,
    0134 -> oh one thirty-four, 1500 -> fifteen hundred, 415 -> four fifteen."""
    if len(s) == 4 and s[2:] == "00" and s[0] != "0":
        return f"{ONES[int(s[0])]} thousand" if s[1] == "0" else f"{say_pair(s[:2], zero)} hundred"
    if len(s) == 4 and s[2:] == "00":
        return f"{say_pair(s[:2], zero)} hundred"
    words = []
    if len(s) % 2:
        words.append(zero if s[0] == "0" else ONES[int(s[0])])
        s = s[1:]
    words.extend(say_pair(s[i:i + 2], zero) for i in range(0, len(s), 2))
    return " ".join(words)


def asr_doubles(s: str) -> str:
    """How tiny.en writes a group said with doubles: 07700 -> "0 double 7 double 0"."""
    out: list[str] = []
    single = ""
    i = 0
    while i < len(s):
        j = i
        while j < len(s) and s[j] == s[i]:
            j += 1
        run = j - i
        if run in (2, 3):
            if single:
                out.append(single)
                single = ""
            out.append(("double " if run == 2 else "triple ") + s[i])
        else:
            single += s[i:j]
        i = j
    if single:
        out.append(single)
    return " ".join(out)


_UNIT_WORDS = {w: str(i) for i, w in enumerate(ONES)} | {"oh": "0", "o": "0"}
_TEEN_WORDS = {w: str(10 + i) for i, w in enumerate(TEENS)}
_TENS_WORDS = {w: str(i) for i, w in enumerate(TENS) if w}
_NATO_BACK = {v.replace("-", ""): k for k, v in NATO.items()} | {v.lower().replace("-", ""): k for k, v in UK_SPELL.items()}


def spoken_chars(text: str) -> str:
    """The letters and digits a value says, upper-cased: "D as in delta, E eight nine" -> "DE89",
    "oh seven seven double oh" -> "07700", "forty-two" -> "42", "fifteen hundred" -> "1500".
    Used by the tests to check a value's checksum whatever form it was said in."""
    toks = re.findall(r"[A-Za-z]+|\d+", text.replace("x-ray", "xray").replace("X-ray", "xray"))
    out: list[str] = []
    i = 0
    repeat = 1
    skip = {"as", "in", "for", "dash", "slash", "space", "and", "then", "plus", "dot", "hyphen", "apostrophe"}
    while i < len(toks):
        t = toks[i]
        lt = t.lower()
        nxt = toks[i + 1].lower() if i + 1 < len(toks) else ""
        if lt in ("double", "triple"):
            repeat = 2 if lt == "double" else 3
            i += 1
            continue
        if len(t) == 1 and t.isalpha() and lt != "o" and nxt in ("as", "for"):
            out.append(t.upper())
            i += 4 if nxt == "as" else 3  # "K as in kilo" / "K for king"
            continue
        if t.isdigit():
            piece = t
        elif lt in _TENS_WORDS:
            if nxt in _UNIT_WORDS and nxt not in ("zero", "oh", "o"):
                piece = _TENS_WORDS[lt] + _UNIT_WORDS[nxt]
                i += 1
            else:
                piece = _TENS_WORDS[lt] + "0"
        elif lt in _TEEN_WORDS:
            piece = _TEEN_WORDS[lt]
        elif lt in _UNIT_WORDS and not (lt == "o" and t == "O"):
            piece = _UNIT_WORDS[lt]
        elif lt == "hundred":
            piece = "00"
        elif lt == "thousand":
            piece = "000"
        elif lt in _NATO_BACK and len(t) > 1:
            piece = _NATO_BACK[lt]
        elif len(t) == 1:
            piece = t.upper()
        elif lt in skip:
            i += 1
            continue
        else:
            piece = t.upper()
        out.append(piece * repeat)
        repeat = 1
        i += 1
    return "".join(out)


def fold(s: str) -> str:
    """ASCII letters of a name, for e-mail addresses: Müller -> muller, O'Neill -> oneill."""
    s = s.replace("ß", "ss").replace("ı", "i")
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if ch.isascii() and ch.isalpha()).lower()


def strip_accents(s: str) -> str:
    s = s.replace("ß", "ss").replace("ı", "i")
    return "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))


# ==========================================================================================
# People and places (common first names and surnames of each country, drawn independently)

NAMES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "US": (["Jennifer", "Jessica", "Ashley", "Megan", "Brittany", "Latoya", "Keisha", "Priya", "Maria", "Nicole",
            "Tiffany", "Kimberly", "Rachel", "Vanessa", "Crystal", "Mei", "Hannah", "Olivia", "Emily", "Sophia",
            "Danielle", "Amber", "Courtney", "Lauren", "Alicia", "Destiny", "Rosa", "Heather"],
           ["James", "Michael", "Robert", "David", "Tyler", "Brandon", "DeShawn", "Carlos", "Kevin", "Marcus", "Ethan",
            "Noah", "Daniel", "Anthony", "Luis", "Derek", "Andre", "Trevor", "Jamal", "Cody", "Justin", "Hector",
            "Ryan", "Jason", "Terrell", "Wei", "Dustin", "Raymond"],
           ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
            "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Lee",
            "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker",
            "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams",
            "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Kowalski", "O'Brien",
            "Patel", "Washington", "Okafor", "Schwartz", "Yamamoto", "DeLuca", "Castillo", "Brooks", "Jenkins"]),
    "UK": (["Amelia", "Olivia", "Isla", "Emily", "Poppy", "Sophie", "Jessica", "Chloe", "Lucy", "Megan", "Gemma",
            "Siobhan", "Ffion", "Niamh", "Kirsty", "Stacey", "Hayley", "Priya", "Aisha", "Charlotte", "Eleanor",
            "Rebecca", "Leanne", "Zara", "Bethan", "Harriet"],
           ["Oliver", "Harry", "George", "Jack", "Charlie", "Thomas", "James", "William", "Rhys", "Callum", "Aled",
            "Gareth", "Darren", "Imran", "Tomasz", "Declan", "Liam", "Connor", "Alfie", "Ewan", "Hamish", "Rajesh",
            "Kieran", "Stuart", "Nathan", "Jamie"],
           ["Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
            "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
            "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward",
            "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "Scott", "Phillips",
            "Watson", "Parker", "Price", "Bennett", "Young", "Griffiths", "MacDonald", "O'Neill", "Ahmed", "Khan",
            "Fitzgerald", "Ashworth", "Pemberton", "Nowak", "McAllister", "Featherstone", "Okonkwo", "Singh"]),
    "DE": (["Anna", "Lena", "Lea", "Hannah", "Marie", "Sophie", "Laura", "Julia", "Katharina", "Sabine", "Andrea",
            "Petra", "Ursula", "Birgit", "Jana", "Nina", "Elif"],
           ["Lukas", "Leon", "Finn", "Jonas", "Maximilian", "Felix", "Paul", "Jürgen", "Stefan", "Thomas", "Uwe", "Dirk",
            "Mehmet", "Emre", "Tobias", "Florian", "Matthias", "Klaus"],
           ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
            "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
            "Braun", "Krüger", "Hartmann", "Lange", "Werner", "Krause", "Lehmann", "Köhler", "Yılmaz",
            "von Bergen"]),
    "FR": (["Camille", "Léa", "Manon", "Chloé", "Emma", "Inès", "Sophie", "Nathalie", "Isabelle", "Céline",
            "Aurélie", "Amandine", "Anne-Sophie", "Marie-Claire", "Élodie", "Margaux"],
           ["Jean", "Pierre", "Michel", "Nicolas", "Julien", "Thomas", "Antoine", "Guillaume", "Mathieu", "Hugo",
            "Lucas", "Théo", "Karim", "Jean-Luc", "Benoît", "Olivier"],
           ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
            "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
            "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "de la Roche",
            "Le Gall", "Benali"]),
    "NL": (["Emma", "Julia", "Sophie", "Tess", "Lotte", "Sanne", "Fleur", "Anouk", "Femke", "Eline", "Noor",
            "Marieke", "Ilse", "Saskia"],
           ["Daan", "Sem", "Lucas", "Levi", "Finn", "Bram", "Jesse", "Thijs", "Ruben", "Maarten", "Joost", "Pieter",
            "Willem", "Sander", "Niels"],
           ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit",
            "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
            "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs",
            "de Haan", "Vermeulen"]),
    "ES": (["María", "Carmen", "Ana", "Laura", "Lucía", "Marta", "Elena", "Paula", "Cristina", "Isabel", "Raquel",
            "Nuria", "Pilar", "Begoña"],
           ["Antonio", "José", "Manuel", "Francisco", "David", "Javier", "Daniel", "Carlos", "Alejandro", "Pablo",
            "Joaquín", "Sergio", "Álvaro", "Iñaki"],
           ["García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín",
            "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Alonso", "Gutiérrez",
            "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "de la Fuente", "del Río", "Ibáñez"]),
    "IT": (["Giulia", "Sofia", "Aurora", "Alice", "Chiara", "Francesca", "Sara", "Valentina", "Elena", "Federica",
            "Roberta", "Martina", "Alessia"],
           ["Francesco", "Alessandro", "Lorenzo", "Matteo", "Leonardo", "Andrea", "Marco", "Giuseppe", "Luca",
            "Davide", "Giovanni", "Paolo", "Simone", "Stefano"],
           ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
            "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti",
            "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "D'Angelo",
            "Leone"]),
    "IE": (["Emily", "Grace", "Fiadh", "Sophie", "Aoife", "Niamh", "Saoirse", "Ciara", "Róisín", "Siobhan", "Orla",
            "Caoimhe", "Aisling", "Sinéad", "Clodagh"],
           ["Jack", "James", "Conor", "Seán", "Cian", "Darragh", "Oisín", "Liam", "Patrick", "Ciarán", "Eoin",
            "Ruairí", "Fionn", "Colm"],
           ["Murphy", "Kelly", "O'Sullivan", "Walsh", "Smith", "O'Brien", "Byrne", "Ryan", "O'Connor", "O'Neill",
            "O'Reilly", "Doyle", "McCarthy", "Gallagher", "O'Doherty", "Kennedy", "Lynch", "Murray", "Quinn",
            "McLoughlin", "Carroll", "Connolly", "Daly", "Fitzgerald", "Ó Briain", "Mac Giolla"]),
    "BE": (["Emma", "Olivia", "Louise", "Mila", "Elena", "Marie", "Lore", "Sofie", "Nathalie", "Anke", "Griet",
            "Amélie"],
           ["Lucas", "Louis", "Arthur", "Noah", "Jules", "Adam", "Jens", "Wout", "Bart", "Koen", "Mathias", "Pieter"],
           ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet",
            "Dubois", "Lambert", "Dupont", "Vermeulen", "Van Damme", "De Backer", "Hermans", "Michiels", "Lemaire",
            "Van den Broeck", "Leclercq"]),
    "AT": (["Anna", "Lena", "Hannah", "Sarah", "Katharina", "Johanna", "Magdalena", "Christa", "Theresa", "Verena"],
           ["Lukas", "Tobias", "David", "Jakob", "Elias", "Maximilian", "Florian", "Sebastian", "Wolfgang", "Andreas"],
           ["Gruber", "Huber", "Bauer", "Wagner", "Müller", "Pichler", "Steiner", "Moser", "Mayer", "Hofer", "Leitner",
            "Berger", "Fuchs", "Eder", "Fischer", "Schmid", "Winkler", "Weber", "Schwarz", "Maier"]),
    "PT": (["Maria", "Leonor", "Matilde", "Beatriz", "Carolina", "Mariana", "Ana", "Inês", "Sofia", "Rita"],
           ["João", "Rodrigo", "Francisco", "Martim", "Santiago", "Tomás", "Afonso", "Duarte", "Miguel", "Pedro"],
           ["Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins", "Sousa",
            "Fernandes", "Gonçalves", "Gomes", "Lopes", "Marques", "Alves", "Almeida", "Ribeiro", "Pinto",
            "Carvalho", "Teixeira"]),
}

# How tiny.en tends to hear names it does not know (per word).
HEARD_AS = {
    "Siobhan": ["Shivon", "Chevonne"], "Niamh": ["Neve", "Neeve"], "Saoirse": ["Sersha", "Seersha"],
    "Aoife": ["Eefa", "Eva"], "Caoimhe": ["Keeva", "Kweeva"], "Sinéad": ["Shinade", "Shanade"],
    "Róisín": ["Rosheen"], "Oisín": ["Usheen", "Osheen"], "Ciarán": ["Kieran"], "Cian": ["Kian", "Keen"],
    "Darragh": ["Dara"], "Eoin": ["Owen"], "Seán": ["Shawn"], "Fiadh": ["Fia"], "Aisling": ["Ashling"],
    "Ruairí": ["Rory"], "Clodagh": ["Cloda"], "Fionn": ["Fin"], "Briain": ["Brien", "Brian"],
    "Giolla": ["Gilla"], "Joaquín": ["Wakeen", "Joaquin"], "Javier": ["Habier", "Xavier"], "Iñaki": ["Inaki"],
    "Begoña": ["Begonia"], "Guillaume": ["Gilliam", "Geeyom"], "Mathieu": ["Matthew"], "Théo": ["Teo"],
    "Inès": ["Ines", "Enez"], "Benoît": ["Ben Wa"], "Margaux": ["Margo"], "Jürgen": ["Yurgen"],
    "Müller": ["Mueller", "Miller"], "Schröder": ["Schroeder", "Shrader"], "Krüger": ["Krueger", "Kruger"],
    "Köhler": ["Koehler", "Kohler"], "Yılmaz": ["Yilmaz", "Yelmaz"], "Nguyen": ["Win", "Nuyen"],
    "Kowalski": ["Kovalski"], "Giuseppe": ["Giuseppi", "Josephy"], "Giordano": ["Jordano"],
    "Gallagher": ["Gallager"], "Dijkstra": ["Dykstra"], "Thijs": ["Tice"], "Joost": ["Yoast"],
    "Maarten": ["Martin"], "Daan": ["Don"], "Femke": ["Femka"], "Anouk": ["Anook"], "Gonçalves": ["Gonsalves"],
    "João": ["Joao", "Jwow"], "Duarte": ["Dwarte"], "Wouters": ["Wooters"], "Goossens": ["Gossens"],
    "Janssens": ["Jansens"], "Peeters": ["Peters"], "Huber": ["Hoober"], "Pichler": ["Pickler"], "Ffion": ["Fion"],
    "Aled": ["Alled"], "Rhys": ["Reese"], "Imran": ["Imraan"], "Tomasz": ["Tomash"], "DeShawn": ["Deshawn"],
    "Keisha": ["Kesha"], "Latoya": ["La Toya"], "Mei": ["May"], "Okafor": ["Okafore"], "Okonkwo": ["Okonko"],
    "Featherstone": ["Featherston"], "Griet": ["Greet"], "Lore": ["Laura"], "Wout": ["Vout"],
    "Leclercq": ["Leclerc"], "Teixeira": ["Tay Shera"], "Yamamoto": ["Yamamota"],
}

TITLES = {"f": ["Ms", "Mrs", "Miss", "Dr"], "m": ["Mr", "Mr", "Mr", "Dr"]}
LOCAL_TITLES = {"DE": ("Frau", "Herr"), "AT": ("Frau", "Herr"), "FR": ("Madame", "Monsieur"),
                "BE": ("Madame", "Monsieur"), "IT": ("Signora", "Signor"), "ES": ("Señora", "Señor"),
                "PT": ("Senhora", "Senhor")}

CITIES = {
    "US": [("Austin", "Texas", "TX", "787"), ("Columbus", "Ohio", "OH", "432"), ("Denver", "Colorado", "CO", "802"),
           ("Portland", "Oregon", "OR", "972"), ("Tampa", "Florida", "FL", "336"), ("Raleigh", "North Carolina", "NC",
                                                                                   "276"),
           ("Phoenix", "Arizona", "AZ", "850"), ("Madison", "Wisconsin", "WI", "537"),
           ("Sacramento", "California", "CA", "958"), ("Albany", "New York", "NY", "122"),
           ("Springfield", "Illinois", "IL", "627"), ("Nashville", "Tennessee", "TN", "372")],
    "UK": [("Leeds", "LS"), ("Manchester", "M"), ("Bristol", "BS"), ("Nottingham", "NG"), ("Glasgow", "G"),
           ("Cardiff", "CF"), ("Sheffield", "S"), ("Norwich", "NR"), ("Brighton", "BN"), ("York", "YO"),
           ("London", "SE"), ("London", "N"), ("Edinburgh", "EH"), ("Leicester", "LE")],
    "DE": [("Berlin", "10"), ("Hamburg", "22"), ("München", "80"), ("Köln", "50"), ("Leipzig", "04"),
           ("Stuttgart", "70"), ("Dresden", "01"), ("Bremen", "28")],
    "FR": [("Paris", "750"), ("Lyon", "6900"), ("Marseille", "130"), ("Toulouse", "310"), ("Bordeaux", "330"),
           ("Nantes", "440"), ("Lille", "590")],
    "NL": [("Amsterdam", "10"), ("Rotterdam", "30"), ("Utrecht", "35"), ("Den Haag", "25"), ("Eindhoven", "56"),
           ("Groningen", "97")],
    "ES": [("Madrid", "280"), ("Barcelona", "080"), ("Valencia", "460"), ("Sevilla", "410"), ("Bilbao", "480"),
           ("Zaragoza", "500")],
    "IT": [("Roma", "001"), ("Milano", "201"), ("Napoli", "801"), ("Torino", "101"), ("Bologna", "401"),
           ("Firenze", "501")],
    "IE": [("Dublin", "D0"), ("Dublin", "D1"), ("Cork", "T12"), ("Galway", "H91"), ("Limerick", "V94"),
           ("Kilkenny", "R95")],
    "BE": [("Brussel", "10"), ("Antwerpen", "20"), ("Gent", "90"), ("Liège", "40"), ("Leuven", "30")],
    "AT": [("Wien", "1"), ("Graz", "80"), ("Linz", "40"), ("Salzburg", "50"), ("Innsbruck", "60")],
    "PT": [("Lisboa", "1"), ("Porto", "4"), ("Braga", "47"), ("Coimbra", "30")],
}
CF_TOWNS = ["H501", "F205", "F839", "L219", "A944", "D612", "G273", "L736"]

STREETS = {
    "US": (["Maple", "Oak", "Cedar", "Pine", "Elm", "Lakeview", "Sunset", "Ridgeview", "Willow", "Highland",
            "Lincoln", "Jefferson", "Chestnut", "Walnut", "Meadow", "Birch", "Magnolia", "Franklin", "Mill",
            "Cherry", "Prospect", "Orchard", "Hickory", "Sycamore"],
           [("Street", "St"), ("Avenue", "Ave"), ("Drive", "Dr"), ("Lane", "Ln"), ("Road", "Rd"), ("Court", "Ct"),
            ("Boulevard", "Blvd"), ("Way", "Way"), ("Place", "Pl"), ("Circle", "Cir"), ("Terrace", "Ter")]),
    "UK": (["Church", "Station", "Victoria", "Park", "Mill", "School", "Queen's", "Albert", "Manor", "Grange",
            "Windsor", "Beech", "Chapel", "Orchard", "Rectory", "Willow", "Highfield", "Springfield", "Wellington",
            "Alexandra", "Clarence", "Hawthorn", "Cromwell"],
           [("Road", "Rd"), ("Street", "St"), ("Lane", "Ln"), ("Avenue", "Ave"), ("Close", "Cl"),
            ("Crescent", "Cres"), ("Drive", "Dr"), ("Gardens", "Gdns"), ("Grove", "Gr"), ("Terrace", "Terr"),
            ("Way", "Way"), ("Mews", "Mews")]),
    "DE": (["Linden", "Haupt", "Bahnhof", "Schul", "Garten", "Berg", "Kirch", "Wald", "Birken", "Goethe", "Schiller",
            "Mozart", "Rosen", "Eichen", "Brunnen"], ["straße", "straße", "straße", "weg", "allee", "ring"]),
    "AT": (["Linden", "Haupt", "Bahnhof", "Schul", "Kirchen", "Wiener", "Grazer", "Mühl", "Anger"],
           ["gasse", "straße", "gasse", "weg"]),
    "FR": (["des Lilas", "du Moulin", "de la Gare", "Victor Hugo", "Jean Jaurès", "des Écoles", "de la République",
            "Pasteur", "du Château", "des Acacias", "Gambetta"], ["rue", "rue", "avenue", "boulevard", "place", "allée"]),
    "BE": (["de la Station", "des Champs", "Royale", "de l'Église"], ["rue", "avenue"]),
    "NL": (["Kerk", "Dorps", "Molen", "Stations", "Juliana", "Beatrix", "School", "Linden", "Prinses", "Wilhelmina"],
           ["straat", "straat", "weg", "laan", "plein", "singel"]),
    "ES": (["Mayor", "de Alcalá", "del Sol", "de la Constitución", "Real", "de San Juan", "de Goya", "del Carmen"],
           ["calle", "calle", "avenida", "paseo", "plaza"]),
    "IT": (["Garibaldi", "Roma", "Mazzini", "Vittorio Emanuele", "dei Mille", "Cavour", "Dante", "XX Settembre"],
           ["via", "via", "via", "corso", "viale", "piazza"]),
    "IE": (["Main", "Church", "Seafield", "Harbour View", "Castle", "Mill", "Ashgrove", "Sandymount", "Ballymun"],
           [("Street", "St"), ("Road", "Rd"), ("Avenue", "Ave"), ("Park", "Pk"), ("Close", "Cl"), ("Drive", "Dr")]),
    "PT": (["Augusta", "do Carmo", "da Liberdade", "de Santa Catarina", "das Flores", "Almirante Reis"],
           ["Rua", "Rua", "Avenida", "Travessa"]),
}

EMAIL_DOMAINS = {
    "US": ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "hotmail.com", "aol.com", "comcast.net"],
    "UK": ["gmail.com", "hotmail.co.uk", "btinternet.com", "outlook.com", "yahoo.co.uk", "sky.com", "icloud.com"],
    "DE": ["gmx.de", "web.de", "gmail.com", "t-online.de", "outlook.de"],
    "FR": ["orange.fr", "free.fr", "gmail.com", "laposte.net", "hotmail.fr"],
    "NL": ["ziggo.nl", "kpnmail.nl", "gmail.com", "hotmail.nl", "outlook.com"],
    "ES": ["gmail.com", "hotmail.es", "yahoo.es", "telefonica.net"],
    "IT": ["libero.it", "gmail.com", "alice.it", "virgilio.it"],
    "IE": ["gmail.com", "eircom.net", "hotmail.com", "icloud.com"],
    "BE": ["telenet.be", "skynet.be", "gmail.com", "proximus.be"],
    "AT": ["gmx.at", "aon.at", "gmail.com", "chello.at"],
    "PT": ["sapo.pt", "gmail.com", "hotmail.com", "netcabo.pt"],
}

CURRENCY = {"US": "$", "UK": "£"}


# ==========================================================================================
# Segments, turns and the two renderings


@dataclass
class Seg:
    """A piece of a turn: fixed text (``a`` None: the ASR form is derived by the ASR rules), a
    labelled value (``ent``), a hard negative (``keep``), text to ignore (``ign``) or other
    variable text (``var``: a company name), each with its written and its ASR rendering."""

    w: str
    a: str | None = None
    kind: str = "text"
    label: str = ""
    rep: bool = False


def E(type_: str, w: str, a: str | None = None, rep: bool = False) -> Seg:
    return Seg(w, w if a is None else a, "ent", type_, rep)


def K(kind: str, w: str, a: str | None = None) -> Seg:
    return Seg(w, w if a is None else a, "keep", kind)


def IG(w: str, a: str | None = None) -> Seg:
    return Seg(w, w if a is None else a, "ign")


def V(w: str, a: str | None = None) -> Seg:
    return Seg(w, w if a is None else a, "var")


@dataclass
class Turn:
    speaker: str
    segs: list[Seg]


_SLOT = re.compile(r"\{(\w+)\}")


def say(speaker: str, template: str, **slots: object) -> Turn:
    segs: list[Seg] = []
    pos = 0
    for m in _SLOT.finditer(template):
        if m.start() > pos:
            segs.append(Seg(template[pos:m.start()]))
        v = slots[m.group(1)]
        if isinstance(v, str):
            v = V(v)
        segs.extend(v if isinstance(v, list) else [v])  # type: ignore[arg-type]
        pos = m.end()
    if pos < len(template):
        segs.append(Seg(template[pos:]))
    return Turn(speaker, segs)


_FILLER = re.compile(r"(?<![\w-])(?:[Uu]m+|[Uu]h|[Ee]rm|[Ee]r|[Hh]mm)(?![\w-])[,.]?\s*")
_US_SPELLING = [("authorised", "authorized"), ("authorise", "authorize"), ("licence", "license"),
                ("cheque", "check"), ("metres", "meters"), ("metre", "meter"), ("litres", "liters"),
                ("litre", "liter"), ("centre", "center"), ("organise", "organize"), ("cancelled", "canceled"),
                ("programme", "program"), ("colour", "color"), ("favourite", "favorite")]
# Non-personal words tiny.en now and then mishears (at most one per call).
MISHEARD = [("plan", "plant"), ("contract", "contact"), ("quote", "coat"), ("billing", "building"),
            ("renewal", "renew all"), ("courier", "carrier"), ("invoice", "in voice"), ("deductible", "deductable"),
            ("confirmation", "conformation"), ("sofa", "soda"), ("meter", "meet her"), ("balance", "balanced"),
            ("seats", "seeds"), ("wardrobe", "war robe"), ("physio", "fizzy oh"), ("premium", "premier"),
            ("receipt", "recede"), ("statement", "state meant"), ("warranty", "warrant tea")]


class AsrStyle:
    """Per-call habits of the simulated tiny.en transcript."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.drop_q = rng.random() < 0.6
        self.q_to = rng.choice(["", "."])
        self.drop_commas = rng.random() < 0.5
        self.mishear_left = rng.random() < 0.4

    def fixed(self, s: str) -> str:
        s = _FILLER.sub("", s)
        if self.mishear_left:
            for word, heard in MISHEARD:
                m = re.search(rf"\b{word}\b", s, re.IGNORECASE)
                if m and self.rng.random() < 0.5:
                    rep = heard if m.group()[0].islower() else heard[0].upper() + heard[1:]
                    s = s[:m.start()] + rep + s[m.end():]
                    self.mishear_left = False
                    break
        return s

    def seg(self, seg: Seg) -> str:
        s = self.fixed(seg.w) if seg.kind == "text" else (seg.a or "")
        if seg.kind != "ent":
            for uk, us in _US_SPELLING:
                s = re.sub(rf"\b{uk}", us, s)
                s = re.sub(rf"\b{uk.capitalize()}", us.capitalize(), s)
        if self.drop_commas:
            s = re.sub(r",(?=\s|$)", "", s)
        if self.drop_q:
            s = s.replace("?", self.q_to)
        return s


def render_turn(turn: Turn, form: str, asr: AsrStyle | None, lower: bool) -> dict:
    pieces: list[tuple[Seg, str]] = []
    for seg in turn.segs:
        s = seg.w if form == "written" else asr.seg(seg)  # type: ignore[union-attr]
        if seg.kind in ("text", "var"):
            s = re.sub(r" {2,}", " ", s)
            if pieces and pieces[-1][1].endswith(".") and s.startswith("."):
                s = s[1:]  # "at 8 a.m." ends the sentence
            if not pieces or pieces[-1][1].endswith((" ", "\n")) or not "".join(p for _, p in pieces):
                s = s.lstrip(" ")
        pieces.append((seg, s))
    if pieces and pieces[-1][0].kind in ("text", "var"):
        pieces[-1] = (pieces[-1][0], pieces[-1][1].rstrip())
    if form == "asr" and lower:
        pieces = [(g, s.lower()) for g, s in pieces]
    else:  # a sentence starts with a capital, whatever begins it (not an e-mail or a spelled name)
        before = ""
        for i, (g, s) in enumerate(pieces):
            if s and (not before.strip() or re.search(r"[.?!]\s$", before)) and s[0].islower() \
                    and g.label != "email" and not re.match(r"[a-z][\s\-,][a-z]\b", s):
                s = s[0].upper() + s[1:]
                pieces[i] = (g, s)
            before += s
    text = ""
    ents: list[dict] = []
    keeps: list[dict] = []
    ignore: list[dict] = []
    for seg, s in pieces:
        if seg.kind == "ent":
            e: dict = {"type": seg.label, "value": s, "start": len(text)}
            if seg.rep:
                e["rep_name"] = True
            ents.append(e)
        elif seg.kind == "keep":
            keeps.append({"kind": seg.label, "value": s})
        elif seg.kind == "ign":
            ignore.append({"value": s, "start": len(text)})
        text += s
    out = {"speaker": turn.speaker, "text": text, "entities": ents, "keep": keeps}
    if ignore:
        out["ignore"] = ignore
    return out


def merge_turns(turns: list[Turn]) -> list[Turn]:
    """Consecutive turns of one speaker become one, as a transcript shows them."""
    out: list[Turn] = []
    for t in turns:
        if out and out[-1].speaker == t.speaker:
            out[-1] = Turn(t.speaker, [*out[-1].segs, Seg(" "), *t.segs])
        else:
            out.append(Turn(t.speaker, list(t.segs)))
    return out


# ==========================================================================================
# Values (fake by construction) and the ways they are said

PUBLISHED_CARDS = [("Visa", "4242424242424242"), ("Visa", "4000056655665556"), ("Visa", "4111111111111111"),
                   ("Visa", "4012888888881881"), ("Mastercard", "5555555555554444"),
                   ("Mastercard", "2223003122003222"), ("Mastercard", "5105105105105100"),
                   ("Mastercard", "5200828282828210"), ("Amex", "378282246310005"), ("Amex", "371449635398431"),
                   ("Discover", "6011111111111117"), ("Discover", "6011000990139424")]
TEST_PREFIXES = [("Visa", "400000"), ("Visa", "411111"), ("Visa", "424242"), ("Mastercard", "555555"),
                 ("Mastercard", "222300"), ("Amex", "378282"), ("Amex", "371449"), ("Discover", "601111")]
US_AREAS = ["212", "312", "415", "512", "617", "713", "206", "303", "404", "503", "602", "702", "818", "916", "919",
            "972", "614", "720", "813", "608"]
UK_LANDLINES = [("0113", "496"), ("0114", "496"), ("0115", "496"), ("0116", "496"), ("0117", "496"),
                ("0118", "496"), ("0121", "496"), ("0131", "496"), ("0141", "496"), ("0151", "496"),
                ("0161", "496"), ("0191", "498")]
EIRCODE_CHARS = "ACDEFHKNPRTVWXY0123456789"
UK_INWARD = "ABDEFGHJLNPQRSTUWXYZ"


@dataclass
class Person:
    first: str
    last: str
    gender: str
    country: str
    title: str
    is_rep: bool = False

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class Phone:
    country: str
    nat: list[str]  # national groups as said
    cc: str
    intl: list[str]  # groups after the country code
    typed_nat: list[str]
    typed_intl: list[str]


class Ctx:
    """One call: its generator, country, people and values, and the ways to say them."""

    def __init__(self, rng: random.Random, call_id: str, country: str):
        self.rng = rng
        self.id = call_id
        self.country = country
        self.us = country == "US"
        self.uk = country == "UK"
        self.eu = not (self.us or self.uk)
        self.anglo = country in ("US", "UK", "IE")
        self.cur = CURRENCY.get(country, "€")
        self.zero = "oh" if rng.random() < 0.75 else "zero"
        self.facts: list[tuple[str, str]] = []
        self.cache: dict[str, object] = {}
        self.cust = self.person(country)
        rep_country = country if (self.anglo or rng.random() < 0.45) else rng.choice(["UK", "IE", "UK"])
        self.rep = self.person(rep_country, rep=True, avoid={self.cust.first, self.cust.last})
        self.dob = dt.date(rng.randint(1948, 2004), rng.randint(1, 12), rng.randint(1, 28))
        # Set by the call: what it is about and how it goes.
        self.scenario = self.industry = self.company = self.their_co = self.their_domain = self.bank_why = ""
        self.b2b = self.outbound = self.card_refund = self.named_in_open = False
        self.purposes: list[str] = []

    # -------------------------------------------------------------------- helpers
    def p(self, seq):
        return self.rng.choice(seq)

    def chance(self, x: float) -> bool:
        return self.rng.random() < x

    def bank_chance(self, x: float) -> bool:
        """Bank details are asked for more often in EU calls (IBANs, SEPA direct debits)."""
        return self.chance(min(0.95, x + 0.3) if self.eu else x)

    def wp(self, pairs):
        items = [i for i, w in pairs if w > 0]
        return self.rng.choices(items, [w for _, w in pairs if w > 0])[0]

    def once(self, key: str, make):
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]

    def rand_digits(self, n: int, first_nonzero: bool = False) -> str:
        s = "".join(self.p("0123456789") for _ in range(n))
        if first_nonzero and s[0] == "0":
            s = self.p("123456789") + s[1:]
        return s

    @property
    def term(self) -> dict[str, str]:
        if self.us:
            return {"zip": "ZIP code", "zip_short": "ZIP", "mobile": "cell", "surname": "last name",
                    "licence": "driver's license"}
        if self.uk:
            return {"zip": "postcode", "zip_short": "postcode", "mobile": "mobile", "surname": "surname",
                    "licence": "driving licence"}
        if self.country == "IE":
            return {"zip": "Eircode", "zip_short": "Eircode", "mobile": "mobile", "surname": "surname",
                    "licence": "driving licence"}
        return {"zip": "postal code", "zip_short": "postcode", "mobile": "mobile", "surname": "surname",
                "licence": "driving licence"}

    # -------------------------------------------------------------------- numbers
    def digits(self, chunks: list[str], style: str | None = None, typed: str | None = None,
               typed_asr: str | None = None, sep: str = ", ", styles=None) -> tuple[str, str]:
        """Written and ASR forms of a number said in chunks."""
        style = style or self.wp(styles or [("typed", 3), ("digits", 3), ("doubles", 1), ("pairs", 1)])
        if style == "typed":
            w = typed if typed is not None else " ".join(chunks)
            a = typed_asr if typed_asr is not None else (w if self.chance(0.7) else "".join(chunks))
            return w, a
        zero = self.zero if self.chance(0.85) else ("zero" if self.zero == "oh" else "oh")
        if style == "pairs":
            words = [say_pairs(ch, zero) for ch in chunks]
        elif style == "doubles":
            words = [say_digits(ch, zero, True) for ch in chunks]
        else:
            words = [say_digits(ch, zero) for ch in chunks]
        w = sep.join(words)
        r = self.rng.random()
        if style == "doubles" and r < 0.35 and ("double" in w or "triple" in w):
            a = " ".join(asr_doubles(ch) for ch in chunks)
        elif r < 0.62:
            a = " ".join(chunks)
        elif r < 0.8:
            a = "".join(chunks)
        elif r < 0.9 and style == "digits":
            a = " ".join("-".join(ch) for ch in chunks)
        else:
            a = w
        return w, a

    def said(self, groups: list[str], letters: str | None = None, digits: str | None = None,
             sep: str = ", ") -> tuple[str, str]:
        """Written and ASR forms of letters and digits read aloud group by group."""
        spell_ok = self.country in ("UK", "IE")
        letters = letters or self.wp([("plain", 6), ("nato", 2), ("asin", 2), ("for", 1 if spell_ok else 0)])
        digits = digits or self.wp([("digits", 5), ("doubles", 1), ("pairs", 1)])
        keep_words = self.chance(0.55)
        letters_apart = self.chance(0.4)
        zero = self.zero
        wg: list[str] = []
        ag: list[str] = []
        for g in groups:
            wt: list[str] = []
            at: list[str] = []
            for run in re.findall(r"[A-Z]+|\d+", g):
                if run.isdigit():
                    if digits == "pairs" and len(run) % 2 == 0:
                        wt.append(say_pairs(run, zero))
                    else:
                        wt.append(say_digits(run, zero, digits == "doubles"))
                    at.append(run)
                    continue
                plain = []
                for ch in run:
                    if letters == "plain" or ch == "X":
                        wt.append(ch)
                        plain.append(ch)
                    elif letters == "nato":
                        wt.append(NATO[ch].capitalize())
                        at.append(NATO[ch].capitalize() if keep_words else ch)
                    elif letters == "asin":
                        wt.append(f"{ch} as in {NATO[ch]},")
                        at.append(f"{ch} as in {NATO[ch].capitalize()}," if keep_words else ch)
                    else:
                        wt.append(f"{ch} for {UK_SPELL[ch]},")
                        at.append(f"{ch} for {UK_SPELL[ch]}," if keep_words else ch)
                if plain:
                    at.append((" " if letters_apart else "").join(plain))
            wg.append(" ".join(wt).rstrip(","))
            ag.append(" ".join(at).rstrip(","))
        w = sep.join(wg)
        a = " ".join(ag) if self.chance(0.8) else "".join(x.replace(" ", "") for x in ag)
        if letters in ("asin", "for", "nato") and " " not in a.strip():
            a = " ".join(ag)
        return w, a

    # -------------------------------------------------------------------- people
    def person(self, country: str, rep: bool = False, gender: str | None = None,
               avoid: set[str] | frozenset[str] = frozenset()) -> Person:
        fem, mal, sur = NAMES[country]
        gender = gender or self.p("fm")
        first = self.p([n for n in (fem if gender == "f" else mal) if n not in avoid])
        last = self.p([n for n in sur if n not in avoid])
        if country == "ES" and self.chance(0.45):
            last = f"{last} {self.p([s for s in sur if s != last and ' ' not in s])}"
        elif country == "UK" and self.chance(0.05):
            last = f"{last}-{self.p([s for s in sur if s != last and ' ' not in s and chr(39) not in s])}"
        title = self.p(TITLES[gender])
        if country == "US" and title != "Miss":
            title += "."
        return Person(first, last, gender, country, title, rep)

    def heard(self, text: str) -> str:
        out = []
        for word in text.split(" "):
            if word in HEARD_AS and self.chance(0.55):
                word = self.p(HEARD_AS[word])
            elif self.chance(0.85):
                word = strip_accents(word)
            if "-" in word and self.chance(0.3):
                word = word.replace("-", " ")
            out.append(word)
        return " ".join(out)

    def nm(self, who: Person, form: str = "full") -> Seg:
        text = {"full": who.full, "first": who.first, "last": who.last, "title_last": f"{who.title} {who.last}",
                "title_full": f"{who.title} {who.full}"}[form]
        return E("person", text, self.heard(text), rep=who.is_rep)

    def local_title(self, who: Person) -> str | None:
        pair = LOCAL_TITLES.get(who.country)
        return None if pair is None else pair[0 if who.gender == "f" else 1]

    def spell_letters(self, name: str, country: str) -> list[str]:
        """The name's letters as a caller spells them; words of a multi-word name apart."""
        if country in ("DE", "AT"):
            for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue")):
                name = name.replace(a, b)
        return [fold(part).upper() for part in re.split(r"[\s'\-]+", name) if fold(part)]

    def spell(self, name: str, country: str | None = None) -> Seg:
        parts = self.spell_letters(name, country or self.country)
        joiner = ", apostrophe, " if "'" in name else (", hyphen, " if "-" in name else ", ")
        style = self.wp([("dashed", 5), ("spaced", 2), ("commas", 1), ("asin", 2), ("doubles", 1)])
        confusable = set("BDPTVMNSFKCG")
        wparts: list[str] = []
        for part in parts:
            if style == "dashed":
                wparts.append("-".join(part))
            elif style == "spaced":
                wparts.append(" ".join(part))
            elif style == "commas":
                wparts.append(", ".join(part))
            elif style == "asin":
                wparts.append(", ".join(f"{ch} as in {NATO[ch]}" if ch in confusable and ch != "X" else ch
                                        for ch in part))
            else:
                toks: list[str] = []
                i = 0
                while i < len(part):
                    if i + 1 < len(part) and part[i] == part[i + 1]:
                        toks.append(f"double {part[i]}")
                        i += 2
                    else:
                        toks.append(part[i])
                        i += 1
                wparts.append("-".join(toks))
        w = joiner.join(wparts)
        r = self.rng.random()
        if style in ("asin", "doubles") or r < 0.15:
            a = w
        elif r < 0.55:
            a = joiner.join("-".join(part) for part in parts)
        elif r < 0.8:
            a = " ".join(" ".join(part) for part in parts)
        elif r < 0.9:
            a = joiner.join("-".join(part) for part in parts).lower()
        else:
            a = self.heard(name)
        return E("person", w, a)

    # -------------------------------------------------------------------- e-mail
    def email(self, who: Person, domain: str | None = None) -> tuple[list[str], str]:
        f, last = fold(who.first), fold(who.last)
        year = str(self.rng.randint(70, 99)) if self.chance(0.5) else str(self.rng.randint(1, 99))
        pattern = self.wp([("f.l", 5), ("fl", 2), ("i.l", 2), ("f_l", 1), ("fl9", 2), ("l.f", 1), ("f9", 1),
                           ("il", 1), ("f.l9", 1)])
        local = {"f.l": [f, ".", last], "fl": [f + last], "i.l": [f[0], ".", last], "f_l": [f, "_", last],
                 "fl9": [f + last, year], "l.f": [last, ".", f], "f9": [f, year], "il": [f[0] + last],
                 "f.l9": [f, ".", last, year]}[pattern]
        dom = domain or self.p(EMAIL_DOMAINS[who.country if who.country in EMAIL_DOMAINS else "US"])
        self.facts.append(("email", "".join(local) + "@" + dom))
        return local, dom

    def email_seg(self, who: Person, domain: str | None = None, local_dom=None) -> Seg:
        local, dom = local_dom or self.once(f"email:{who.full}:{domain}", lambda: self.email(who, domain))
        typed = "".join(local) + "@" + dom
        sym = {".": "dot", "_": "underscore", "-": "dash"}

        def spoken_local(digits_as_words: bool) -> str:
            toks = []
            for t in local:
                if t in sym:
                    toks.append(sym[t])
                elif t.isdigit():
                    toks.append((n2w(int(t)) if len(t) == 2 and t[0] != "0" and self.chance(0.6)
                                 else say_digits(t)) if digits_as_words else t)
                else:
                    toks.append(t)
            return " ".join(toks)

        spoken_dom = dom.replace(".", " dot ").replace("-", " dash ")
        style = self.wp([("typed", 4), ("spoken", 5), ("spelled", 1)])
        if style == "typed":
            w = typed
        elif style == "spoken":
            w = f"{spoken_local(True)} at {spoken_dom}"
        else:
            surname = [t for t in local if t.isalpha() and len(t) > 2]
            tail = f", {'-'.join(surname[-1].upper())}," if surname else ""
            w = f"{spoken_local(True)}{tail} at {spoken_dom}"
        r = self.rng.random()
        local_a = "".join(local)
        if r < 0.2:
            a = typed
        elif r < 0.55:
            a = f"{local_a} at {dom}"
        elif r < 0.7:
            a = f"{spoken_local(False)} at {dom}"
        elif r < 0.8 and "." in local:
            a = f"{local_a.replace('.', ' .')} at {dom}"
        elif r < 0.9:
            a = f"{local_a.capitalize()} at {dom.capitalize()}"
        else:
            a = f"{spoken_local(False)} at {spoken_dom}"
        return E("email", w, a)

    # -------------------------------------------------------------------- cards
    def card(self) -> tuple[str, str]:
        def make():
            if self.chance(0.4):
                brand, num = self.p(PUBLISHED_CARDS)
            else:
                brand, prefix = self.p(TEST_PREFIXES)
                length = 15 if brand == "Amex" else 16
                num = luhn_complete(prefix + self.rand_digits(length - len(prefix) - 1))
            self.facts.append(("card", num))
            return brand, num
        return self.once("card", make)

    def card_chunks(self) -> list[str]:
        _, num = self.card()
        if len(num) == 15:
            return [num[:4], num[4:10], num[10:]]
        return [num[i:i + 4] for i in range(0, 16, 4)]

    def card_style(self) -> str:
        return self.once("card_style", lambda: self.wp([("typed", 4), ("digits", 4), ("pairs", 2), ("doubles", 1)]))

    def card_seg(self) -> Seg:
        chunks = self.card_chunks()
        sep = self.wp([(" ", 6), ("-", 1), ("", 1)])
        w, a = self.digits(chunks, self.card_style(), typed=sep.join(chunks), sep=self.p([", ", ", ", " "]))
        return E("card", w, a)

    def card_pieces(self, n: int) -> list[Seg]:
        chunks = self.card_chunks()
        if len(chunks) == 3:
            groups = [[chunks[0]], [chunks[1]], [chunks[2]]] if n >= 3 else [[chunks[0], chunks[1]], [chunks[2]]]
        elif n == 2:
            groups = [chunks[:2], chunks[2:]]
        elif n == 3:
            groups = self.p([[chunks[:2], [chunks[2]], [chunks[3]]], [[chunks[0]], [chunks[1]], chunks[2:]]])
        else:
            groups = [[c] for c in chunks]
        style = self.card_style()
        return [E("card", *self.digits(g, style, typed=" ".join(g))) for g in groups]

    def last4(self) -> Seg:
        num = self.card()[1]
        four = num[-4:]
        if self.chance(0.75):
            return K("last4", four)
        return K("last4", say_digits(four, self.zero), four)

    def expiry(self) -> tuple[int, int]:
        return self.once("expiry", lambda: (self.rng.randint(1, 12), self.rng.randint(2027, 2032)))

    def expiry_seg(self) -> Seg:
        m, y = self.expiry()
        yy, mm, name = f"{y % 100:02d}", f"{m:02d}", MONTHS[m - 1]
        forms = [
            (f"{mm}/{yy}", self.p([f"{mm}/{yy}", f"{m}/{yy}", f"{mm} {yy}"])),
            (f"{m}/{yy}", f"{m}/{yy}"),
            (f"{mm}/{y}", f"{mm}/{y}"),
            (f"{mm} {yy}", self.p([f"{mm} {yy}", f"{mm}{yy}"])),
            (f"{mm}{yy}", f"{mm}{yy}"),
            (f"{say_digits(mm, self.zero)} {n2w(y % 100)}", self.p([f"{mm} {yy}", f"{mm}/{yy}", f"{mm}{yy}"])),
            (f"{say_digits(mm, self.zero)}, {say_digits(yy, self.zero)}", self.p([f"{mm} {yy}", f"{mm}, {yy}"])),
            (f"{name} {n2w(y % 100)}", f"{name} {yy}"),
            (f"{name} {y}", f"{name} {y}"),
            (f"{name} twenty {n2w(y % 100)}", self.p([f"{name} {y}", f"{name} 20 {yy}"])),
            (f"{name} of {n2w(y % 100)}", f"{name} of {yy}"),
            (f"{MONTH_ABBR[m - 1]} '{yy}", f"{name} {yy}"),
            (f"{n2w(m)} {n2w(y % 100)}", f"{m} {yy}"),
            (f"{say_digits(mm, 'zero')} slash {say_digits(yy, 'zero')}", f"{mm}/{yy}"),
        ]
        w, a = self.p(forms)
        return E("expiry", w, a)

    def cvv(self) -> str:
        return self.once("cvv", lambda: self.rand_digits(4 if self.card()[0] == "Amex" else 3))

    def cvv_seg(self) -> Seg:
        c = self.cvv()
        w, a = self.digits([c], self.wp([("typed", 3), ("digits", 5), ("pairs", 1 if len(c) == 4 else 0)]))
        if self.chance(0.15) and " " in w:
            w = w.replace(" ", "-")
        return E("cvv", w, a)

    # -------------------------------------------------------------------- bank
    def iban(self, cc: str | None = None) -> str:
        cc = cc or {"UK": "GB", "US": "GB"}.get(self.country, self.country)

        def make():
            d = self.rand_digits
            if cc == "DE":
                bban = self.p("12345678") + d(7) + d(10)
            elif cc == "FR":
                bank, branch, acct = self.p(["30004", "30003", "20041", "10278", "30002", "11315"]), d(5), d(11)
                key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(acct)) % 97
                bban = f"{bank}{branch}{acct}{key:02d}"
            elif cc == "NL":
                bban = self.p(["ABNA", "RABO", "INGB", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ"]) + d(10)
            elif cc == "ES":
                bank, branch, acct = self.p(["2100", "0049", "0182", "0081", "2038", "0128"]), d(4), d(10)

                def dc(s: str) -> str:
                    r = 11 - sum(int(x) * w for x, w in zip(s, [1, 2, 4, 8, 5, 10, 9, 7, 3, 6])) % 11
                    return str({11: 0, 10: 1}.get(r, r))
                bban = bank + branch + dc("00" + bank + branch) + dc(acct) + acct
            elif cc == "IT":
                bban = self.p("ABCDEFGHIJKLMNOPRSTUVWXYZ") + self.p(["03069", "02008", "05034", "01030"]) + d(5) + d(12)
            elif cc == "IE":
                bban = self.p(["AIBK", "BOFI", "IPBS", "ULSB"]) + "9" + d(5) + d(8)
            elif cc == "BE":
                first = self.p(["001", "063", "068", "310", "363", "737"]) + d(7)
                chk = int(first) % 97 or 97
                bban = f"{first}{chk:02d}"
            elif cc == "AT":
                bban = self.p(["12000", "20111", "14000", "32000", "60000"]) + d(11)
            elif cc == "PT":
                first = self.p(["0035", "0033", "0007", "0010", "0036"]) + d(4) + d(11)
                bban = f"{first}{98 - int(first + '00') % 97:02d}"
            else:  # GB
                bban = self.p(["NWBK", "BARC", "LOYD", "HBUK", "MIDL", "NAIA"]) + d(6) + d(8)
            iban = iban_make(cc, bban)
            self.facts.append(("iban", iban))
            return iban
        return self.once(f"iban:{cc}", make)

    def iban_groups(self, iban: str) -> list[str]:
        return [iban[i:i + 4] for i in range(0, len(iban), 4)]

    def iban_seg(self, iban: str | None = None) -> Seg:
        iban = iban or self.iban()
        groups = self.iban_groups(iban)
        style = self.wp([("grouped", 4), ("run", 1), ("said", 5)])
        if style == "grouped":
            w = " ".join(groups)
            a = self.p([w, w, iban, f"{iban[:2]} {iban[2:4]} " + " ".join(groups[1:])])
        elif style == "run":
            w = iban
            a = self.p([iban, " ".join(groups)])
        else:
            w, a = self.said(groups)
        return E("iban", w, a)

    def iban_pieces(self, iban: str | None = None, n: int = 2) -> list[Seg]:
        iban = iban or self.iban()
        groups = self.iban_groups(iban)
        cut = [len(groups) // 2] if n == 2 else [len(groups) // 3, 2 * len(groups) // 3]
        bounds = [0, *cut, len(groups)]
        parts = [groups[bounds[i]:bounds[i + 1]] for i in range(len(bounds) - 1)]
        letters = self.wp([("plain", 3), ("nato", 1), ("asin", 1)])
        digits = self.wp([("digits", 3), ("pairs", 1)])
        typed = self.chance(0.4)
        out = []
        for part in parts:
            if typed:
                w = " ".join(part)
                a = w if self.chance(0.7) else "".join(part)
            else:
                w, a = self.said(part, letters, digits)
            out.append(E("iban", w, a))
        return out

    def routing(self) -> str:
        def make():
            first = self.p(["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "21", "22", "26",
                            "31"])
            r = aba_complete(first + self.rand_digits(6))
            self.facts.append(("aba", r))
            return r
        return self.once("routing", make)

    def routing_seg(self) -> Seg:
        r = self.routing()
        w, a = self.digits([r[:3], r[3:6], r[6:]], self.wp([("typed", 3), ("digits", 4), ("doubles", 1)]),
                           typed=r, typed_asr=self.p([r, r, f"{r[:3]} {r[3:6]} {r[6:]}"]))
        return E("routing", w, a)

    def account(self) -> str:
        n = 8 if not self.us else self.p([8, 9, 10, 10, 12])
        return self.once("account", lambda: self.rand_digits(n, first_nonzero=self.us))

    def account_seg(self) -> Seg:
        acc = self.account()
        chunks = {8: [acc[:4], acc[4:]], 9: [acc[:3], acc[3:6], acc[6:]], 10: [acc[:3], acc[3:6], acc[6:]],
                  12: [acc[:3], acc[3:6], acc[6:9], acc[9:]]}[len(acc)]
        w, a = self.digits(chunks, self.wp([("typed", 4), ("digits", 4), ("doubles", 1), ("pairs", 1)]),
                           typed=self.p([acc, acc, " ".join(chunks)]))
        return E("account", w, a)

    def sort_code(self) -> str:
        return self.once("sort", lambda: f"{self.rng.randint(1, 99):02d}{self.rand_digits(4)}")

    def sort_seg(self) -> Seg:
        sc = self.sort_code()
        chunks = [sc[:2], sc[2:4], sc[4:]]
        style = self.wp([("typed", 4), ("digits", 3), ("pairs", 3), ("doubles", 1)])
        typed = self.p(["-".join(chunks), "-".join(chunks), " ".join(chunks)])
        w, a = self.digits(chunks, style, typed=typed, typed_asr=self.p(["-".join(chunks), " ".join(chunks), sc]))
        if style == "pairs" and a == w:
            a = "-".join(chunks)
        return E("routing", w, a)

    # -------------------------------------------------------------------- ids
    def national_id(self, kind: str | None = None, who: Person | None = None) -> tuple[str, str, list[str], str]:
        """(what it is called, typed form, groups as read, canonical) for an id of the call's country."""
        d = self.rand_digits
        c = self.country
        kinds = {"US": ["ssn", "ssn", "passport_us", "dl_us"], "UK": ["ni", "ni", "passport_uk", "dl_uk", "nhs"],
                 "DE": ["ausweis", "passport_de"], "FR": ["cni", "passport_fr", "nir"],
                 "NL": ["bsn", "bsn", "passport_nl"], "ES": ["dni", "dni", "nie", "passport_es"],
                 "IT": ["cf", "cf", "cie"], "IE": ["pps", "pps", "passport_ie"], "BE": ["nrn", "nrn", "eid"],
                 "AT": ["svnr", "passport_at"], "PT": ["nif", "nif", "passport_pt"]}[c]
        kind = kind or self.p(kinds)
        who = who or self.cust
        if kind == "ssn":
            area = "666" if self.chance(0.4) else str(self.rng.randint(900, 999))
            group = f"{self.rng.randint(1, 49 if area != '666' else 99):02d}"
            serial = f"{self.rng.randint(1, 9999):04d}"
            canon = area + group + serial
            self.facts.append(("ssn", canon))
            return "Social Security number", f"{area}-{group}-{serial}", [area, group, serial], canon
        if kind == "passport_us":
            canon = self.p(["5", "6", "A", "B"]) + d(8)
            return "passport number", canon, [canon[:3], canon[3:6], canon[6:]], canon
        if kind == "dl_us":
            state, canon = self.p([("California", self.p("ABCDEFGNY") + d(7)), ("New York", d(9)),
                                   ("Texas", d(8)), ("Illinois", self.p("ABDKMS") + d(11)),
                                   ("Florida", self.p("BCGHMS") + d(12))])
            groups = [canon[i:i + 3] for i in range(0, len(canon), 3)] if canon[0].isdigit() else \
                [canon[:4], *[canon[i:i + 4] for i in range(4, len(canon), 4)]]
            self.cache["dl_state"] = state
            return "driver's license number", canon, groups, canon
        if kind == "ni":
            canon = self.p(NI_FIRST) + self.p(NI_SECOND) + d(6) + self.p("ABCD")
            self.facts.append(("ni", canon))
            typed = self.p([f"{canon[:2]} {canon[2:4]} {canon[4:6]} {canon[6:8]} {canon[8]}", canon])
            return "National Insurance number", typed, [canon[:2], canon[2:4], canon[4:6], canon[6:8], canon[8]], canon
        if kind == "nhs":
            while True:
                nine = "999" + d(6)
                chk = nhs_check(nine)
                if chk != 10:
                    break
            canon = nine + str(chk)
            self.facts.append(("nhs", canon))
            return "NHS number", f"{canon[:3]} {canon[3:6]} {canon[6:]}", [canon[:3], canon[3:6], canon[6:]], canon
        if kind == "passport_uk":
            canon = self.p("1256") + d(8)
            return "passport number", canon, [canon[:3], canon[3:6], canon[6:]], canon
        if kind == "dl_uk":
            sur = (re.sub(r"^MAC", "MC", fold(who.last).upper()) + "99999")[:5]
            b = self.dob
            month = b.month + (50 if who.gender == "f" else 0)
            canon = (f"{sur}{str(b.year)[2]}{month:02d}{b.day:02d}{str(b.year)[3]}{fold(who.first)[0].upper()}9"
                     f"9{self.p('ABCDEFGHJKLMNPRSTUVWXYZ')}{self.p('ABCDEFGHJKLMNPRSTUVWXYZ')}")
            return "driving licence number", canon, [canon[:5], canon[5:11], canon[11:13], canon[13:]], canon
        if kind in ("ausweis", "passport_de"):
            alpha = "CFGHJKLMNPRTVWXYZ0123456789"
            canon = (self.p("LMNPRTVWXY") if kind == "ausweis" else "C") + "".join(self.p(alpha) for _ in range(8))
            name = "Personalausweis number" if kind == "ausweis" else "passport number"
            return name, canon, [canon[:3], canon[3:6], canon[6:]], canon
        if kind == "cni":
            alpha = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
            canon = "".join(self.p(alpha) for _ in range(9))
            return "carte d'identité number", canon, [canon[:3], canon[3:6], canon[6:]], canon
        if kind == "passport_fr":
            canon = d(2) + self.p("ABCDEFGHJKLMNPRSTUVWXYZ") + self.p("ABCDEFGHJKLMNPRSTUVWXYZ") + d(5)
            return "passport number", canon, [canon[:4], canon[4:]], canon
        if kind == "nir":
            b = self.dob
            first13 = f"{1 if who.gender == 'm' else 2}{b.year % 100:02d}{b.month:02d}{self.rng.randint(1, 95):02d}" \
                      f"{d(3)}{d(3)}"
            canon = f"{first13}{97 - int(first13) % 97:02d}"
            self.facts.append(("nir", canon))
            groups = [canon[0], canon[1:3], canon[3:5], canon[5:7], canon[7:10], canon[10:13], canon[13:]]
            return "numéro de sécurité sociale", " ".join(groups), groups, canon
        if kind == "bsn":
            while True:
                canon = d(9, first_nonzero=True)
                if bsn_ok(canon):
                    break
            self.facts.append(("bsn", canon))
            return "BSN", canon, [canon[:3], canon[3:6], canon[6:]], canon
        if kind == "passport_nl":
            alpha = "ABCDEFGHIJKLMNPQRSTUVWXYZ"
            canon = self.p(alpha) + self.p(alpha) + "".join(self.p(alpha + "0123456789") for _ in range(6)) + d(1)
            return "passport number", canon, [canon[:3], canon[3:6], canon[6:]], canon
        if kind in ("dni", "nie"):
            if kind == "dni":
                num = d(8)
                canon = num + DNI_LETTERS[int(num) % 23]
            else:
                lead = self.p("XYZ")
                num = d(7)
                canon = lead + num + DNI_LETTERS[int(str("XYZ".index(lead)) + num) % 23]
            self.facts.append(("dni", canon))
            label = "DNI" if kind == "dni" else "NIE"
            return label, canon, ([canon[:2], canon[2:5], canon[5:8], canon[8:]] if kind == "dni"
                                  else [canon[:1], canon[1:4], canon[4:8], canon[8:]]), canon
        if kind == "passport_es":
            canon = "PA" + self.p("ABCDEFGHJKLMN") + d(6)
            return "passport number", canon, [canon[:3], canon[3:6], canon[6:]], canon
        if kind == "cf":
            canon = self.codice_fiscale(who)
            self.facts.append(("cf", canon))
            return "codice fiscale", canon, [canon[:3], canon[3:6], canon[6:11], canon[11:]], canon
        if kind == "cie":
            canon = "CA" + d(5) + self.p("ABCDEFGHJKLMNPRSTUVWXYZ") + self.p("ABCDEFGHJKLMNPRSTUVWXYZ")
            return "carta d'identità number", canon, [canon[:2], canon[2:7], canon[7:]], canon
        if kind == "pps":
            digits7 = d(7)
            suffix = "A" if self.chance(0.3) else ""
            canon = digits7 + pps_check(digits7, suffix) + suffix
            self.facts.append(("pps", canon))
            return "PPS number", canon, [canon[:3], canon[3:7], canon[7:]], canon
        if kind in ("passport_ie", "passport_pt", "passport_at"):
            canon = {"passport_ie": "P" + self.p("ABCDEFGHJK") + d(7), "passport_pt": self.p("CDEFG") + d(6),
                     "passport_at": self.p("PUN") + d(7)}[kind]
            return "passport number", canon, [canon[:2], canon[2:5], canon[5:]], canon
        if kind == "nrn":
            b = self.dob
            serial = f"{self.rng.randint(1, 499) * 2 - (1 if who.gender == 'm' else 0):03d}"
            nine = f"{b.year % 100:02d}{b.month:02d}{b.day:02d}{serial}"
            chk = 97 - int(("2" if b.year >= 2000 else "") + nine) % 97
            canon = f"{nine}{chk:02d}"
            self.facts.append(("nrn", canon))
            typed = f"{canon[:2]}.{canon[2:4]}.{canon[4:6]}-{canon[6:9]}.{canon[9:]}"
            return "national register number", typed, [canon[:6], canon[6:9], canon[9:]], canon
        if kind == "eid":
            ten = d(10)
            canon = f"{ten}{int(ten) % 97 or 97:02d}"
            return "eID card number", f"{canon[:3]}-{canon[3:10]}-{canon[10:]}", [canon[:3], canon[3:10], canon[10:]], \
                canon
        if kind == "svnr":
            b = self.dob
            while True:
                serial = d(3, first_nonzero=True)
                rest = f"{b.day:02d}{b.month:02d}{b.year % 100:02d}"
                chk = sum(int(x) * w for x, w in zip(serial + rest, [3, 7, 9, 5, 8, 4, 2, 1, 6])) % 11
                if chk != 10:
                    break
            canon = f"{serial}{chk}{rest}"
            return "Sozialversicherungsnummer", f"{canon[:4]} {canon[4:]}", [canon[:4], canon[4:]], canon
        # nif
        canon = self.p("123") + d(7)
        r = 11 - sum(int(x) * (9 - i) for i, x in enumerate(canon)) % 11
        canon += str(0 if r >= 10 else r)
        self.facts.append(("nif", canon))
        return "NIF", f"{canon[:3]} {canon[3:6]} {canon[6:]}", [canon[:3], canon[3:6], canon[6:]], canon

    def codice_fiscale(self, who: Person) -> str:
        def letters(s: str) -> tuple[str, str]:
            s = fold(s).upper()
            return "".join(ch for ch in s if ch not in "AEIOU"), "".join(ch for ch in s if ch in "AEIOU")
        cs, vs = letters(who.last)
        sur = (cs + vs + "XXX")[:3]
        cn, vn = letters(who.first)
        name = cn[0] + cn[2] + cn[3] if len(cn) >= 4 else (cn + vn + "XXX")[:3]
        b = self.dob
        day = b.day + (40 if who.gender == "f" else 0)
        first15 = f"{sur}{name}{b.year % 100:02d}{'ABCDEHLMPRST'[b.month - 1]}{day:02d}{self.p(CF_TOWNS)}"
        return first15 + cf_check(first15)

    def id_seg(self, info: tuple[str, str, list[str], str] | None = None) -> Seg:
        _name, typed, groups, canon = info or self.national_id()
        if self.chance(0.4):
            a = self.p([typed, typed, canon, " ".join(groups)])
            return E("id", typed, a)
        if all(g.isdigit() for g in groups):
            w, a = self.digits(groups, self.wp([("digits", 4), ("pairs", 2), ("doubles", 1)]))
        else:
            w, a = self.said(groups)
        return E("id", w, a)

    def id_pieces(self, info, n: int = 2) -> list[Seg]:
        _name, _typed, groups, _canon = info
        cut = max(1, len(groups) // 2)
        parts = [groups[:cut], groups[cut:]]
        letters = self.wp([("plain", 3), ("nato", 1), ("asin", 1)])
        out = []
        for part in parts:
            if all(g.isdigit() for g in part):
                w, a = self.digits(part, "digits")
            else:
                w, a = self.said(part, letters, "digits")
            out.append(E("id", w, a))
        return out

    # -------------------------------------------------------------------- phones
    def phone(self, key: str = "main", country: str | None = None, kind: str | None = None) -> Phone:
        return self.once(f"phone:{key}", lambda: self.make_phone(country or self.country, kind))

    def make_phone(self, c: str, kind: str | None) -> Phone:
        d = self.rand_digits
        if c == "US":
            area, line = self.p(US_AREAS), f"01{d(2)}"
            self.facts.append(("phone_us", f"{area}555{line}"))
            return Phone(c, [area, "555", line], "1", [area, "555", line],
                         [f"({area}) 555-{line}", f"{area}-555-{line}", f"{area}-555-{line}", f"{area}.555.{line}",
                          f"{area} 555 {line}"],
                         [f"+1 {area} 555 {line}", f"+1 ({area}) 555-{line}", f"1-{area}-555-{line}"])
        if c == "UK":
            x = d(3)
            kind = kind or self.wp([("mobile", 5), ("london", 2), ("city", 2), ("1632", 1)])
            if kind == "mobile":
                nat, intl = ["07700", "900", x], ["7700", "900", x]
                typed = [f"07700 900{x}", f"07700 900 {x}", f"07700 900{x}", f"07700900{x}"]
                typed_i = [f"+44 7700 900{x}", f"+44 (0)7700 900{x}", f"+447700 900{x}"]
            elif kind == "london":
                nat, intl = ["020", "7946", f"0{x}"], ["20", "7946", f"0{x}"]
                typed = [f"020 7946 0{x}", f"020 7946 0{x}", f"0207 946 0{x}"]
                typed_i = [f"+44 20 7946 0{x}", f"+44 (0)20 7946 0{x}"]
            elif kind == "city":
                code, mid = self.p(UK_LANDLINES)
                nat, intl = [code, mid, f"0{x}"], [code[1:], mid, f"0{x}"]
                typed = [f"{code} {mid} 0{x}", f"({code}) {mid} 0{x}"]
                typed_i = [f"+44 {code[1:]} {mid} 0{x}"]
            else:
                nat, intl = ["01632", f"960{x}"], ["1632", f"960{x}"]
                typed = [f"01632 960{x}", f"01632 960 {x}"]
                typed_i = [f"+44 1632 960{x}"]
            self.facts.append(("phone_uk", "".join(nat)))
            return Phone(c, nat, "44", intl, typed, typed_i)
        if c == "DE":
            if self.chance(0.7):
                pre, rest = self.p(["0151", "0152", "0160", "0162", "0170", "0171", "0172", "0176"]), d(8)
                nat = [pre, rest[:4], rest[4:]]
            else:
                pre, rest = self.p(["030", "040", "089", "0221", "069"]), d(7)
                nat = [pre, rest[:3], rest[3:]]
            return Phone(c, nat, "49", [pre[1:], *nat[1:]], [f"{pre} {rest}", f"{pre}/{rest}", " ".join(nat)],
                         [f"+49 {pre[1:]} {rest}", f"+49 (0){pre[1:]} {rest}"])
        if c in ("FR", "BE"):
            if c == "FR":
                num = self.p(["06", "07", "01"]) + d(8)
                nat = [num[i:i + 2] for i in range(0, 10, 2)]
                intl = [num[1], *nat[1:]]
                return Phone(c, nat, "33", intl, [" ".join(nat), ".".join(nat), num], ["+33 " + " ".join(intl)])
            num = "04" + self.p("789") + d(7)
            nat = [num[:4], num[4:6], num[6:8], num[8:]]
            return Phone(c, nat, "32", [num[1:4], *nat[1:]], [" ".join(nat), f"{num[:4]}/{num[4:]}"],
                         ["+32 " + " ".join([num[1:4], *nat[1:]])])
        if c == "NL":
            if self.chance(0.75):
                num = "06" + d(8)
                nat = [num[:2], num[2:6], num[6:]]
                return Phone(c, nat, "31", [num[1], num[2:6], num[6:]], [f"06 {num[2:]}", f"06-{num[2:]}",
                                                                            " ".join(nat)],
                             [f"+31 6 {num[2:]}", f"+31 6 {num[2:6]} {num[6:]}"])
            num = self.p(["020", "010", "030"]) + d(7)
            nat = [num[:3], num[3:6], num[6:]]
            return Phone(c, nat, "31", [num[1:3], num[3:6], num[6:]], [" ".join(nat), f"{num[:3]}-{num[3:]}"],
                         [f"+31 {num[1:3]} {num[3:6]} {num[6:]}"])
        if c in ("ES", "PT"):
            num = (self.p("67") if c == "ES" else "9" + self.p("1236")) + d(8 if c == "ES" else 7)
            nat = [num[:3], num[3:6], num[6:]]
            cc = "34" if c == "ES" else "351"
            return Phone(c, nat, cc, nat, [" ".join(nat), num], [f"+{cc} " + " ".join(nat)])
        if c == "IT":
            num = "3" + self.p("234") + d(8)
            nat = [num[:3], num[3:6], num[6:]]
            return Phone(c, nat, "39", nat, [" ".join(nat), f"{num[:3]} {num[3:]}"], ["+39 " + " ".join(nat)])
        if c == "IE":
            if self.chance(0.75):
                num = "08" + self.p("35679") + d(7)
                nat = [num[:3], num[3:6], num[6:]]
            else:
                num = "01" + d(7)
                nat = [num[:2], num[2:5], num[5:]]
            return Phone(c, nat, "353", [nat[0][1:], *nat[1:]], [" ".join(nat), f"({nat[0]}) {nat[1]} {nat[2]}"],
                         [f"+353 {nat[0][1:]} {nat[1]} {nat[2]}"])
        # AT
        num = self.p(["0664", "0676", "0699", "0650"]) + d(7)
        nat = [num[:4], num[4:7], num[7:]]
        return Phone(c, nat, "43", [num[1:4], num[4:7], num[7:]], [f"{num[:4]} {num[4:]}", " ".join(nat)],
                     [f"+43 {num[1:4]} {num[4:]}"])

    def phone_words(self, groups: list[str], style: str) -> str:
        zero = self.zero
        out = []
        for g in groups:
            if style == "pairs" and (len(g) % 2 == 0 or len(g) == 3):
                out.append(say_pairs(g, zero))
            elif style == "us" and len(g) == 3 and g == "555":
                out.append(self.p(["five five five", "triple five"]))
            elif style == "us" and ((len(g) == 3 and self.chance(0.3)) or (len(g) == 4 and self.chance(0.4))):
                out.append(say_pairs(g, zero))
            else:
                out.append(say_digits(g, zero, doubles=style in ("doubles", "uk")))
        return ", ".join(out)

    def phone_seg(self, ph: Phone | None = None, intl: bool | None = None, style: str | None = None,
                  short: bool = False) -> Seg:
        ph = ph or self.phone()
        intl = self.chance(0.2) if intl is None else intl
        style = style or self.wp([("typed", 4), ("said", 5)])
        groups = ph.intl if intl else ph.nat
        if intl and style == "said" and ph.country != "US" and ph.nat[0].startswith("0") and self.chance(0.3):
            groups = ph.nat  # "plus four four, oh seven seven ..." (the 0 kept, as callers often do)
        if short and ph.country == "US":
            groups = ph.nat[1:]
        if style == "typed":
            if short and ph.country == "US":
                w = f"555-{ph.nat[2]}"
            else:
                w = self.p(ph.typed_intl if intl else ph.typed_nat)
            a = self.p([w, w, ("+" + ph.cc + " " if intl else "") + " ".join(groups)])
            return E("phone", w, a)
        wstyle = {"US": "us", "UK": "uk", "FR": "pairs", "BE": "pairs"}.get(ph.country, "digits")
        if self.chance(0.3):
            wstyle = self.p(["digits", "doubles", "pairs"])
        w = self.phone_words(groups, wstyle)
        a_groups = list(groups)
        if intl:
            cc_words = self.p([say_digits(ph.cc), n2w(int(ph.cc)) if len(ph.cc) == 2 else say_digits(ph.cc)])
            if ph.cc == "44" and self.chance(0.4):
                cc_words = "double four"
            w = f"plus {cc_words}, {w}"
            a_groups = [self.p(["+" + ph.cc, "plus " + ph.cc])] + a_groups
        r = self.rng.random()
        if r < 0.55:
            a = " ".join(a_groups)
        elif r < 0.75 and not intl:
            a = "".join(a_groups)
        elif r < 0.85 and ph.country == "US" and not intl and len(groups) == 3:
            a = "-".join(groups)
        elif r < 0.92 and wstyle in ("uk", "doubles"):
            a = " ".join(asr_doubles(g) for g in a_groups if not g.startswith(("+", "plus")))
            if intl:
                a = a_groups[0] + " " + a
        else:
            a = w
        return E("phone", w, a)

    def phone_pieces(self, ph: Phone | None = None, n: int = 2, style: str | None = None) -> list[Seg]:
        ph = ph or self.phone()
        groups = ph.nat
        if len(groups) == 2:
            g = groups[1]
            groups = [groups[0], g[:3], g[3:]]
        parts = [groups[:1], groups[1:]] if n == 2 or len(groups) < 3 else [groups[:1], groups[1:2], groups[2:]]
        style = style or self.wp([("typed", 2), ("said", 3)])
        wstyle = {"US": "us", "UK": "uk", "FR": "pairs", "BE": "pairs"}.get(ph.country, "digits")
        out = []
        for part in parts:
            if style == "typed":
                w = " ".join(part)
                out.append(E("phone", w, w))
            else:
                w = self.phone_words(part, wstyle)
                a = " ".join(part) if self.chance(0.8) else w
                out.append(E("phone", w, a))
        return out

    # -------------------------------------------------------------------- addresses
    def house_words(self, num: str) -> str:
        if len(num) == 4:
            return say_pairs(num, self.zero)
        if len(num) == 3:
            return self.p([say_pairs(num, self.zero), n2w(int(num), not self.us)])
        if len(num) == 5:
            return say_digits(num, self.zero)
        return n2w(int(num))

    def address(self, key: str = "home") -> dict:
        return self.once(f"addr:{key}", lambda: self.make_address())

    def make_address(self) -> dict:
        c = self.country
        r = self.rng
        if c == "US":
            city, state, abbr, zpre = self.p(CITIES["US"])
            num = str(self.wp([(r.randint(10, 99), 2), (r.randint(100, 999), 4), (r.randint(1000, 9999), 5),
                               (r.randint(10000, 29999), 1)]))
            word = self.p(STREETS["US"][0])
            stype, sabbr = self.p(STREETS["US"][1])
            unit_n = str(r.randint(1, 40))
            letter = self.p(["", "", "A", "B", "C", "D"])
            unit = self.wp([(None, 6), (("Apartment", "Apt", f"{unit_n}{letter}"), 2), (("Suite", "Ste", str(r.randint(100, 450))), 1),
                            (("Unit", "Unit", f"{unit_n}{letter}"), 1), (("#", "#", unit_n), 1)])
            zip5 = zpre + self.rand_digits(2)
            return {"kind": "US", "num": num, "word": word, "stype": stype, "sabbr": sabbr, "unit": unit,
                    "pc": zip5, "city": city, "state": self.p([state, abbr]) if self.chance(0.5) else state}
        if c == "UK":
            city, area = self.p(CITIES["UK"])
            num = str(r.randint(1, 180)) + ("a" if self.chance(0.08) else "")
            word = self.p(STREETS["UK"][0])
            stype, sabbr = self.p(STREETS["UK"][1])
            flat = self.wp([(None, 6), (f"Flat {r.randint(1, 24)}", 2), (f"Flat {r.randint(1, 6)}{self.p('ABCD')}", 1),
                            (self.p(["Rose Cottage", "The Old Rectory", "Ivy House", "Holly Lodge"]), 1)])
            district = str(r.randint(1, 28 if area in ("SE", "N") else 20))
            inward = str(r.randint(1, 9)) + self.p(UK_INWARD) + self.p(UK_INWARD)
            return {"kind": "UK", "num": num, "word": word, "stype": stype, "sabbr": sabbr, "flat": flat,
                    "pc": (area + district, inward), "city": city}
        if c == "IE":
            city, key = self.p(CITIES["IE"])
            if key.startswith("D"):
                key = f"D{r.randint(1, 24):02d}" if key == "D0" else f"D{r.randint(10, 24)}"
            num = str(r.randint(1, 120))
            word = self.p(STREETS["IE"][0])
            stype, sabbr = self.p(STREETS["IE"][1])
            flat = self.wp([(None, 5), (f"Apartment {r.randint(1, 40)}", 2), (f"Flat {r.randint(1, 9)}", 1)])
            uid = self.p("ACDEFHKNPRTVWXY") + "".join(self.p(EIRCODE_CHARS) for _ in range(3))
            return {"kind": "IE", "num": num, "word": word, "stype": stype, "sabbr": sabbr, "flat": flat,
                    "pc": (key, uid), "city": city}
        city, pre = self.p(CITIES[c])
        flemish = c == "BE" and self.chance(0.5)
        words, types = STREETS["NL" if flemish else c]
        word, stype = self.p(words), self.p(types)
        num = str(r.randint(1, 160))
        extra = None
        if c in ("DE", "AT", "NL") or flemish:
            street = f"{word}{stype}"
        elif c == "FR":
            street = f"{stype} {word}"
        else:
            street = f"{stype[0].upper()}{stype[1:]} {word}"
        if c == "DE" and self.chance(0.15):
            num += self.p("ab")
        if c == "AT" and self.chance(0.6):
            extra = ("/", str(r.randint(1, 24)))
        if c == "NL" and self.chance(0.2):
            num += self.p(["-II", "-III", "A", "-1"])
        if flemish and self.chance(0.4):
            extra = (" bus ", str(r.randint(1, 12)))
        if c == "FR" and self.chance(0.3):
            extra = (", ", self.p([f"appartement {r.randint(1, 60)}", f"bâtiment {self.p('ABC')}"]))
        if c == "ES" and self.chance(0.7):
            extra = (", ", f"{r.randint(1, 9)}º {self.p(['A', 'B', 'C', 'D', 'izquierda', 'derecha'])}")
        if c == "IT" and self.chance(0.35):
            extra = (", ", self.p([f"interno {r.randint(1, 30)}", f"scala {self.p('ABC')}"]))
        if c == "PT" and self.chance(0.6):
            extra = (", ", f"{r.randint(1, 8)}º {self.p(['Esq.', 'Dto.', 'A', 'B'])}")
        if c == "DE":
            pc = pre + self.rand_digits(5 - len(pre))
        elif c == "AT":
            pc = pre + self.rand_digits(4 - len(pre)) if pre != "1" else f"1{r.randint(1, 23):02d}0"
        elif c == "FR":
            pc = pre + self.rand_digits(5 - len(pre)) if pre != "750" else f"750{r.randint(1, 20):02d}"
        elif c == "NL":
            pc = (pre + self.rand_digits(2), self.p("ABCEGHJKLMNPRTVWXZ") + self.p("ABCEGHJKLMNPRTVWXZ"))
        elif c == "BE":
            pc = pre + self.rand_digits(2)
        elif c == "PT":
            pc = (pre + self.rand_digits(4 - len(pre)), self.rand_digits(3))
        else:
            pc = pre + self.rand_digits(5 - len(pre))
        return {"kind": "EU", "country": c, "street": street, "num": num, "extra": extra, "pc": pc, "city": city}

    def address_line(self, addr: dict | None = None) -> Seg:
        addr = addr or self.address()
        k = addr["kind"]
        said = self.chance(0.3)
        if k == "US":
            unit = addr["unit"]
            abbr = not said and self.chance(0.25)
            stype = addr["sabbr"] if abbr else addr["stype"]
            num_w = self.house_words(addr["num"]) if said else addr["num"]
            w = f"{num_w} {addr['word']} {stype}"
            a = f"{addr['num'] if self.chance(0.8) or not said else num_w} {addr['word']} {addr['stype']}"
            if unit:
                long_, short, n = unit
                if long_ == "#":
                    w += f", {'number ' + n2w(int(n)) if said else '#' + n}"
                    a += self.p([f", #{n}", f" number {n}"])
                else:
                    n_w = " ".join(say_digits(ch) if ch.isdigit() else ch for ch in re.findall(r"\d+|[A-Z]", n)) \
                        if said else n
                    w += f", {(short if abbr else long_)} {n_w}"
                    a += self.p([f", {long_} {n}", f" {long_.lower()} {n}", f", {long_} {' '.join(re.findall(r'[0-9]+|[A-Z]', n))}"])
            return E("address", w, a)
        if k in ("UK", "IE"):
            num_w = n2w(int(re.sub(r"\D", "", addr["num"]))) + (" a" if addr["num"].endswith("a") else "") \
                if said else addr["num"]
            street = f"{addr['word']} {addr['stype']}"
            w = f"{num_w} {street}"
            a = f"{addr['num']} {street}"
            flat = addr["flat"]
            if flat:
                if said and flat.split()[-1][0].isdigit():
                    parts = flat.split()
                    flat_w = f"{parts[0].lower()} {n2w(int(re.sub(r'[A-Z]', '', parts[1])))}" + \
                        (f" {parts[1][-1]}" if parts[1][-1].isalpha() else "")
                else:
                    flat_w = flat
                w = f"{flat_w}, {w}"
                a = f"{flat}, {a}" if self.chance(0.6) else f"{flat.lower() if flat.startswith('Flat') else flat} {a}"
            return E("address", w, a)
        c = addr["country"]
        num = addr["num"]
        num_w = n2w(int(re.sub(r"\D", "", num))) if said else num
        street = addr["street"]
        street_a = street
        if "ß" in street and self.chance(0.7):
            street_a = street.replace("ß", "ss") if self.chance(0.6) else street.replace("straße", " Strasse")
        street_a = strip_accents(street_a) if self.chance(0.6) else street_a
        if c in ("FR",):
            w, a = f"{num_w} {street}", f"{num} {street_a}"
        elif c == "PT":
            w, a = f"{street} {num_w}", f"{street_a} {num}"
        else:
            w, a = f"{street} {num_w}", f"{street_a} {num}"
        extra = addr["extra"]
        if extra:
            sep, x = extra
            if sep == "/":
                w += f", door {n2w(int(x))}" if said else f"/{x}"
                a += self.p([f"/{x}", f" door {x}", f" {x}"]) if said else self.p([f"/{x}", f" {x}"])
            else:
                w += f"{sep}{x}"
                a += f"{sep}{strip_accents(x) if self.chance(0.5) else x}"
        return E("address", w, a)

    def postcode(self, addr: dict | None = None) -> Seg:
        addr = addr or self.address()
        pc = addr["pc"]
        k = addr["kind"]
        if k == "UK" or k == "IE":
            outward, inward = pc
            typed = f"{outward} {inward}"
            if self.chance(0.5):
                return E("address", typed, self.p([typed, typed, typed.lower(), f"{outward}{inward}"]))
            w, a = self.said([outward, inward])
            return E("address", w, a)
        if isinstance(pc, tuple):  # NL 1234 AB, PT 1234-567
            num, tail = pc
            typed = f"{num} {tail}" if tail.isalpha() else f"{num}-{tail}"
            if self.chance(0.6):
                return E("address", typed, self.p([typed, typed, f"{num}{tail}" if tail.isalpha() else f"{num} {tail}"]))
            if tail.isalpha():
                w, a = self.said([num, tail], letters="plain", digits=self.p(["digits", "pairs"]))
            else:
                w, a = self.digits([num, tail], "digits")
            return E("address", w, a)
        style = self.wp([("typed", 6), ("digits", 4), ("pairs", 1 if k != "US" else 0)])
        w, a = self.digits([pc], style, typed=pc, typed_asr=pc)
        if style == "pairs" and len(pc) == 5:
            w = f"{ONES[int(pc[0])]} {say_pairs(pc[1:], self.zero)}"
        return E("address", w, a)

    def address_segs(self, addr: dict | None = None, city: bool | None = None, pc: bool = True) -> list[Seg]:
        """The street line, then (often) the city as text to ignore, then the ZIP/postcode."""
        addr = addr or self.address()
        city = self.chance(0.55) if city is None else city
        out = [self.address_line(addr)]
        k = addr["kind"]
        if k == "US":
            if city:
                out += [Seg(", "), IG(addr["city"]), Seg(", "), IG(addr["state"])]
                if pc:
                    out += [Seg(" "), self.postcode(addr)]
            elif pc:
                out += [Seg(", "), self.postcode(addr)]
            return out
        if k in ("UK", "IE"):
            if city:
                out += [Seg(", "), IG(addr["city"])]
            if pc:
                out += [Seg(", "), self.postcode(addr)]
            return out
        if pc:
            out += [Seg(", "), self.postcode(addr)]
            if city:
                out += [Seg(" "), IG(addr["city"], strip_accents(addr["city"]))]
        elif city:
            out += [Seg(", "), IG(addr["city"], strip_accents(addr["city"]))]
        return out

    # -------------------------------------------------------------------- dates of birth
    def dob_seg(self, when: dt.date | None = None) -> Seg:
        b = when or self.dob
        d, m, y = b.day, b.month, b.year
        dd, mm, yy = f"{d:02d}", f"{m:02d}", f"{y % 100:02d}"
        mon = MONTHS[m - 1]
        yw = year_words(y, self.rng)
        us_forms = [
            (f"{mon} {ordinal_suffix(d)}, {y}", self.p([f"{mon} {ordinal_suffix(d)}, {y}", f"{mon} {d}, {y}"])),
            (f"{mon} {ordinal_word(d)}, {yw}", self.p([f"{mon} {ordinal_suffix(d)}, {y}", f"{mon} {d} {y}"])),
            (f"{m}/{d}/{y}", f"{m}/{d}/{y}"),
            (f"{mm}/{dd}/{yy}", self.p([f"{mm}/{dd}/{yy}", f"{m}/{d}/{yy}"])),
            (f"{mon} {d}, '{yy}", f"{mon} {d}, {yy}"),
            (f"{mon} {ordinal_word(d)}, {yy_words(y % 100)}", f"{mon} {ordinal_suffix(d)}, {yy}"),
            (f"{say_digits(mm, self.zero)}, {say_digits(dd, self.zero)}, {yy_words(y % 100)}",
             self.p([f"{mm} {dd} {yy}", f"{mm}{dd}{yy}", f"{m}-{d}-{yy}"])),
            (f"{y}-{mm}-{dd}", self.p([f"{y}-{mm}-{dd}", f"{y} {mm} {dd}"])),
        ]
        eu_forms = [
            (f"{ordinal_suffix(d)} of {mon} {y}", f"{ordinal_suffix(d)} of {mon} {y}"),
            (f"the {ordinal_word(d)} of {mon}, {yw}", self.p([f"the {ordinal_suffix(d)} of {mon} {y}",
                                                               f"the {ordinal_word(d)} of {mon}, {y}"])),
            (f"{dd}/{mm}/{y}", f"{dd}/{mm}/{y}"),
            (f"{dd}/{mm}/{yy}", self.p([f"{dd}/{mm}/{yy}", f"{d}/{m}/{yy}"])),
            (f"{d} {mon} {y}", f"{d} {mon} {y}"),
            (f"{ordinal_word(d)} {mon} {yy_words(y % 100)}", f"{ordinal_suffix(d)} {mon} {yy}"),
            (f"{say_digits(dd, self.zero)}, {say_digits(mm, self.zero)}, {yy_words(y % 100)}",
             self.p([f"{dd} {mm} {yy}", f"{dd}{mm}{yy}", f"{dd}/{mm}/{yy}"])),
            (f"{y}-{mm}-{dd}", f"{y}-{mm}-{dd}"),
        ]
        if self.country in ("DE", "AT", "NL", "BE", "PT"):
            eu_forms.append((f"{dd}.{mm}.{y}", self.p([f"{dd}.{mm}.{y}", f"{dd} {mm} {y}"])))
        w, a = self.p(us_forms if self.us else eu_forms)
        return E("dob", w, a)

    # -------------------------------------------------------------------- hard negatives (kept)
    PRICE_RANGE: ClassVar[dict[str, tuple[int, int]]] = {"utilities": (25, 180), "subscription": (5, 60), "support": (10, 90), "booking": (40, 600),
                   "sales close": (15, 120), "payment": (20, 900), "refund": (15, 900), "insurance claim": (100, 2500),
                   "delivery": (20, 1500), "healthcare scheduling": (20, 150), "rental": (40, 700),
                   "onboarding": (50, 2000), "account update": (10, 90)}

    def k_price(self, lo: int | None = None, hi: int | None = None) -> Seg:
        dlo, dhi = self.PRICE_RANGE.get(self.scenario, (10, 500))
        amt = self.rng.randint(dlo if lo is None else lo, dhi if hi is None else hi)
        if amt > 150 and self.chance(0.5):
            amt = round(amt, -1)
        cents = self.p([0, 0, 0, 99, 50, 95, 49]) if amt < 1000 else 0
        cur = self.cur
        if cur == "$":
            forms = [(f"${amt:,}" + (f".{cents:02d}" if cents else ""),) * 2]
            if cents and amt < 100:
                forms.append((f"{n2w(amt)} {n2w(cents)}", f"${amt}.{cents:02d}"))
            if not cents:
                forms.append((f"{n2w(amt, False)} dollars", self.p([f"${amt:,}", f"{amt} dollars"])))
            if amt >= 1100 and amt % 100 == 0 and amt % 1000:
                forms.append((f"{n2w(amt // 100)} hundred dollars", self.p([f"${amt:,}", f"{amt} dollars"])))
        elif cur == "£":
            forms = [(f"£{amt:,}" + (f".{cents:02d}" if cents else ""),) * 2]
            if cents:
                forms.append((f"{n2w(amt)} pounds {n2w(cents)}", self.p([f"£{amt}.{cents:02d}",
                                                                         f"{amt} pounds {cents}"])))
            else:
                forms.append((f"{n2w(amt)} pounds", self.p([f"£{amt:,}", f"{amt} pounds"])))
                if amt < 100:
                    forms.append((f"{n2w(amt)} quid", f"{amt} quid"))
        else:
            eu = f"{amt:,}".replace(",", ".")
            dec = f".{cents:02d}" if cents else ""
            forms = [(f"€{eu}" + (f",{cents:02d}" if cents else ""), self.p([f"€{amt:,}{dec}", f"{amt}{dec} euros"]))]
            forms.append((f"{n2w(amt)} euros" + (f" {n2w(cents)}" if cents else ""),
                          f"€{amt}" + (f".{cents:02d}" if cents else "") if self.chance(0.5)
                          else f"{amt}" + (f".{cents:02d}" if cents else "") + " euros"))
            if amt >= 1000:
                forms.append((f"{eu} euros", f"{amt} euros"))
        return K("price", *self.p(forms))

    QTY_NOUNS: ClassVar[dict[str, list[str]]] = {
        "payment": ["months", "instalments", "invoices"], "booking": ["nights", "guests", "rooms", "people", "tickets"],
        "account update": ["lines", "devices", "accounts"], "insurance claim": ["windows", "vehicles", "days"],
        "utilities": ["bedrooms", "meters", "radiators"], "healthcare scheduling": ["sessions", "appointments", "weeks"],
        "delivery": ["boxes", "parcels", "pallets", "chairs", "items"], "refund": ["tickets", "items", "bags"],
        "sales close": ["seats", "licences", "users", "desks", "phones"], "onboarding": ["employees", "staff", "sites"],
        "support": ["devices", "users", "handsets"], "rental": ["days", "drivers", "bedrooms"],
    }

    def k_qty(self, noun: str | None = None, big: bool = False) -> Seg:
        noun = noun or self.p(self.QTY_NOUNS.get(self.scenario, ["items"]))
        n = self.rng.randint(120, 2400) // 10 * 10 if big else self.wp([(self.rng.randint(2, 12), 4),
                                                                          (self.rng.randint(13, 60), 2)])
        if n <= 20 and self.chance(0.65):
            w = f"{n2w(n)} {noun}"
        else:
            w = f"{n:,} {noun}"
        a = f"{n:,} {noun}" if self.chance(0.85) or n > 20 else w
        if big and self.chance(0.3):
            w, a = f"{n:,} {noun} a month", f"{n:,} {noun} a month"
        return K("quantity", w, a)

    def day(self, past: bool = False) -> dt.date:
        base = dt.date(2026, 12, 7)
        return base + dt.timedelta(days=self.rng.randint(-40, -2) if past else self.rng.randint(1, 110))

    def k_date(self, past: bool = False) -> Seg:
        d = self.day(past)
        wd, mon = WEEKDAYS[d.weekday()], MONTHS[d.month - 1]
        forms = [(f"{wd} the {ordinal_word(d.day)}", f"{wd} the {ordinal_suffix(d.day)}"),
                 (f"{wd} the {ordinal_suffix(d.day)}", f"{wd} the {ordinal_suffix(d.day)}"),
                 (f"the {ordinal_word(d.day)} of {mon}", f"the {ordinal_suffix(d.day)} of {mon}"),
                 (f"{mon} {ordinal_suffix(d.day)}", f"{mon} {ordinal_suffix(d.day)}"),
                 (f"{wd}, {mon} {ordinal_word(d.day)}", f"{wd}, {mon} {ordinal_suffix(d.day)}"),
                 (f"{wd} {d.day} {mon}", f"{wd} {d.day} {mon}")]
        return K("date", *self.p(forms))

    def k_time(self, lo: int = 8, hi: int = 17) -> Seg:
        h = self.rng.randint(lo, hi)
        m = self.p([0, 0, 15, 30, 30, 45])
        h12 = h if h <= 12 else h - 12
        nxt = h12 % 12 + 1
        ampm = "a.m." if h < 12 else "p.m."
        forms: list[tuple[str, str]] = []
        if m:
            forms.append((f"{h12}:{m:02d}", f"{h12}:{m:02d}"))
            forms.append((f"{n2w(h12)} {n2w(m)}", f"{h12}:{m:02d}"))
        if m == 30:
            forms.append((f"half past {n2w(h12)}", self.p([f"half past {h12}", f"{h12}:30", f"half past {n2w(h12)}"])))
            if self.uk or self.country == "IE":
                forms.append((f"half {n2w(h12)}", f"half {n2w(h12)}"))
        if m == 45:
            forms.append((f"quarter to {n2w(nxt)}", f"quarter to {nxt}"))
        if m == 15:
            forms.append((f"quarter past {n2w(h12)}", f"quarter past {h12}"))
        if not m:
            forms.append((f"{n2w(h12)} {ampm}", self.p([f"{h12} {ampm}", f"{h12}{ampm.replace('.', '')}"])))
            forms.append((f"{n2w(h12)} o'clock", f"{h12} o'clock"))
            forms.append((f"{h12}{ampm.replace('.', '')}", f"{h12} {ampm}"))
            if h == 12:
                forms.append(("noon", "noon"))
        if self.eu:
            forms.append((f"{h:02d}:{m:02d}", f"{h}:{m:02d}"))
        return K("time", *self.p(forms))

    def k_year(self, lo: int = 2012, hi: int = 2026) -> Seg:
        y = self.rng.randint(lo, hi)
        return K("year", *(self.p([(str(y), str(y)), (year_words(y, self.rng), str(y))])))

    def k_order(self) -> Seg:
        d = self.rand_digits
        L = "ABCDEFGHJKLMNPRSTUVWXYZ"
        style = self.wp([("A-", 3), ("PRE-", 3), ("INV", 1), ("digits", 1), ("said", 2)])
        if style == "A-":
            v = f"{self.p(L)}-{d(5, True)}"
            return K("order", v, self.p([v, v.replace("-", "")]))
        if style == "PRE-":
            v = f"{self.p(['ORD', 'SO', 'WB', 'PO', 'HF'])}-{d(6, True)}"
            return K("order", v, self.p([v, v.replace("-", " "), v.replace("-", "")]))
        if style == "INV":
            v = f"INV-{self.rng.randint(2025, 2026)}-{d(4)}"
            return K("order", v, v)
        if style == "digits":
            v = d(8, True)
            return K("order", v, v)
        pre, num = self.p(["PO", "SO", "BX", "RT"]), d(5, True)
        return K("order", f"{' '.join(pre)} {say_digits(num, self.zero)}", self.p([f"{pre} {num}", f"{pre}{num}"]))

    def k_ticket(self) -> Seg:
        d = self.rand_digits
        style = self.wp([("CS", 3), ("INC", 2), ("TKT", 2), ("REF", 2), ("case", 1)])
        if style == "CS":
            v = f"{self.p(['CS', 'SR', 'CX'])}-{d(5, True)}"
            return K("ticket", v, self.p([v, v.replace("-", " ")]))
        if style == "INC":
            v = f"INC{d(7)}"
            return K("ticket", v, v)
        if style == "TKT":
            v = f"TKT-{d(4, True)}"
            return K("ticket", v, v)
        if style == "REF":
            v = f"{self.p('ABCDEFGHJKLMNPRSTUVWXYZ')}{self.p('ABCDEFGHJKLMNPRSTUVWXYZ')}{d(4, True)}"
            return K("ticket", v, v)
        v = d(7, True)
        return K("ticket", v, v)

    PRODUCTS: ClassVar[dict[str, list[str]]] = {  # by industry, else by scenario
        "broadband": ["Hub 6", "Router AX3000", "Fibre 500"], "electronics": ["Pixel 8", "ThinkPad T14", "Galaxy S23"],
        "software": ["Desk Pro 2", "Sync 3", "Ledger 365"], "mobile network": ["iPhone 15", "Pixel 8", "Galaxy S23"],
        "car insurance": ["Golf 1.5", "Corolla Hybrid", "Model 3", "Fiesta ST"],
        "furniture retailer": ["Oslo 3-seater", "Series 7 wardrobe", "Nordby 160 bed"],
        "appliance store": ["Series 8", "Model X500", "WM-9000"], "garden centre": ["XR-350", "Hayter 41"],
        "energy supplier": ["Fixed 24", "Green Flex 12"], "water company": ["Saver 30"],
        "online retailer": ["Air Max 90", "Model X500", "Series 7"], "electronics retailer": ["iPhone 15", "PS5",
                                                                                           "Galaxy S23"],
        "meal kits": ["Family 4", "Classic 3"], "magazine": ["Digital 12"], "charity": ["Friends 10"],
        "streaming service": ["Premium 4K", "Basic 1"], "coffee subscription": ["Roast 250"],
        "payroll SaaS": ["Payroll 360", "Growth 50"], "CRM software": ["Pro 14", "Enterprise 2.0"],
        "office supplies": ["A4 Premium 80", "Desk 120"], "business telecoms": ["Teams 365", "Voice 20"],
        "fleet tracking": ["Track 4G", "Fleet 25"],
        "payment": ["Premium 12", "Gold 200"], "booking": ["Deluxe 2", "Package C"], "delivery": ["Model X500"],
        "support": ["Hub 6"], "rental": ["Class C", "Transit 350"],
    }

    def k_product(self) -> Seg:
        v = self.p(self.PRODUCTS.get(self.industry) or self.PRODUCTS.get(self.scenario, ["Model X500"]))
        return K("product", v, v if self.chance(0.85) else v.lower())

    def k_pct(self) -> Seg:
        n = self.p([5, 10, 10, 12, 15, 15, 20, 25, 30])
        if self.chance(0.15):
            v = f"{self.p(['2.9', '4.5', '0.5', '3.75'])}%"
            return K("percent", v, v)
        word = "per cent" if self.uk or self.country == "IE" else "percent"
        return K("percent", *self.p([(f"{n}%", f"{n}%"), (f"{n2w(n)} {word}", self.p([f"{n}%", f"{n} {word}"]))]))

    MEASURES: ClassVar[dict[str, list[tuple[str, int, int]]]] = {
        "delivery": [("kilos", 5, 80), ("centimetres wide", 60, 240), ("metres", 2, 4), ("inches", 32, 75)],
        "utilities": [("kilowatt hours", 1800, 4200), ("units", 120, 900), ("cubic metres", 40, 160)],
        "support": [("megabits", 30, 900), ("gigs", 64, 512), ("inches", 11, 17)],
        "insurance claim": [("miles", 3, 40), ("metres", 2, 30)], "rental": [("miles", 100, 600), ("litres", 40, 70)],
        "booking": [("square metres", 20, 60), ("miles", 2, 30)],
    }

    def k_measure(self) -> Seg:
        unit, lo, hi = self.p(self.MEASURES.get(self.scenario, [("kilos", 2, 40), ("metres", 2, 30)]))
        n = self.rng.randint(lo, hi)
        us_units = {"kilos": ("pounds", 2.2), "metres": ("feet", 3.28), "centimetres wide": ("inches wide", 0.394),
                    "litres": ("gallons", 0.264), "square metres": ("square feet", 10.76),
                    "cubic metres": ("cubic feet", 35.3)}
        if self.us and unit in us_units:
            unit, factor = us_units[unit]
            n = max(2, round(n * factor))
        if n <= 20 and self.chance(0.5):
            w = f"{n2w(n)} {unit}"
        else:
            w = f"{n:,} {unit}"
        return K("measure", w, f"{n:,} {unit}" if self.chance(0.7) else f"{n} {unit}")

    # -------------------------------------------------------------------- template slots
    def third(self, gender: str | None = None) -> Person:
        """The one third party of the call (a relative, a manager, a clinician), drawn on first use."""
        return self.once("third", lambda: self.person(self.country if self.chance(0.85) else
                                                      self.p(["US", "UK", "DE", "FR", "IE"]), gender=gender,
                                                      avoid={self.cust.first, self.rep.first, self.rep.last}))

    def id_info(self):
        return self.once("id", lambda: self.national_id())

    def title_segs(self, who: Person) -> list[Seg] | Seg:
        local = self.local_title(who)
        if local and self.chance(0.35):
            return [V(local + " "), self.nm(who, "last")]
        return self.nm(who, "title_last")

    def slot(self, name: str):
        third = self.third
        makers = {
            "co": lambda: V(self.company),
            "their_co": lambda: V(self.their_co),
            "rep": lambda: self.nm(self.rep, "full"),
            "rep_first": lambda: self.nm(self.rep, "first"),
            "cust": lambda: self.nm(self.cust, "full"),
            "cust_first": lambda: self.nm(self.cust, "first"),
            "cust_last": lambda: self.nm(self.cust, "last"),
            "cust_title": lambda: self.title_segs(self.cust),
            "cust_tfull": lambda: self.nm(self.cust, "title_full"),
            "spell": lambda: self.spell(self.cust.last),
            "spell_first": lambda: self.spell(self.cust.first),
            "p2": lambda: self.nm(third(), "full"),
            "p2_first": lambda: self.nm(third(), "first"),
            "p2_last": lambda: self.nm(third(), "last"),
            "p2_title": lambda: self.title_segs(third()),
            "p2_spell": lambda: self.spell(third().last, third().country),
            "p2_phone": lambda: self.phone_seg(self.phone("third", third().country)),
            "p2_email": lambda: self.email_seg(third(), self.their_domain if self.b2b else None),
            "p2_dob": lambda: self.dob_seg(self.once("dob2", lambda: dt.date(self.rng.randint(1940, 2015),
                                                                            self.rng.randint(1, 12),
                                                                            self.rng.randint(1, 28)))),
            "dob": lambda: self.dob_seg(),
            "phone": lambda: self.phone_seg(),
            "email": lambda: self.email_seg(self.cust, self.their_domain if self.b2b else None),
            "addr": lambda: self.address_segs(),
            "line": lambda: self.address_line(),
            "pc": lambda: self.postcode(),
            "card": lambda: self.card_seg(),
            "exp": lambda: self.expiry_seg(),
            "cvv": lambda: self.cvv_seg(),
            "last4": lambda: self.last4(),
            "brand": lambda: V(self.card()[0]),
            "a_brand": lambda: V(("an " if self.card()[0] == "Amex" else "a ") + self.card()[0]),
            "iban": lambda: self.iban_seg(),
            "routing": lambda: self.routing_seg(),
            "account": lambda: self.account_seg(),
            "sort": lambda: self.sort_seg(),
            "id": lambda: self.id_seg(self.id_info()),
            "idname": lambda: V(self.id_info()[0]),
            "city": lambda: IG(self.address()["city"], strip_accents(self.address()["city"])),
            "price": lambda: self.k_price(),
            "amount": lambda: self.once("k:amount", self.k_price),
            "start": lambda: self.once("k:start", self.k_date),
            "appt_date": lambda: self.once("k:appt_date", self.k_date),
            "appt_time": lambda: self.once("k:appt_time", self.k_time),
            "price_big": lambda: self.k_price(900, 9000),
            "price_small": lambda: self.k_price(5, 90),
            "qty": lambda: self.k_qty(),
            "qty_big": lambda: self.k_qty(big=True),
            "date": lambda: self.k_date(),
            "past_date": lambda: self.k_date(past=True),
            "time": lambda: self.k_time(),
            "time2": lambda: self.k_time(),
            "am_time": lambda: self.k_time(8, 11),
            "pm_time": lambda: self.k_time(12, 17),
            "year": lambda: self.k_year(),
            "order": lambda: self.once("k:order", self.k_order),
            "ticket": lambda: self.once("k:ticket", self.k_ticket),
            "product": lambda: self.once("k:product", self.k_product),
            "pct": lambda: self.k_pct(),
            "measure": lambda: self.k_measure(),
            "allday": lambda: K("time", "24/7"),
            "days": lambda: K("quantity", *self.p([("five working days", "5 working days"),
                                                   ("three to five working days", "3 to 5 working days"),
                                                   ("10 business days", "10 business days"),
                                                   ("seven days", "7 days"), ("48 hours", "48 hours")])),
        }
        return makers[name]()

    def T(self, speaker: str, template: str, **given) -> Turn:
        for k, v in self.term.items():
            template = template.replace(f"<{k}>", v)
        template = re.sub(r"(^|[.?!] )([a-z])", lambda m: m.group(1) + m.group(2).upper(), template)
        if "third" in self.cache:
            f = self.third().gender == "f"
            for k, v in {"she": "she" if f else "he", "her": "her" if f else "his", "him": "her" if f else "him"}.items():
                template = template.replace(f"[{k}]", v).replace(f"[{k.capitalize()}]", v.capitalize())
        slots = {}
        for name in dict.fromkeys(_SLOT.findall(template)):
            slots[name] = given[name] if name in given else self.slot(name)
        return say(speaker, template, **slots)

    def r(self, template: str | list[str], **given) -> Turn:
        return self.T("rep", self.p(template) if isinstance(template, list) else template, **given)

    def u(self, template: str | list[str], **given) -> Turn:
        return self.T("customer", self.p(template) if isinstance(template, list) else template, **given)


# ==========================================================================================
# Beats: the parts a call is made of. Each returns turns; the call joins consecutive turns of
# one speaker. A beat's wording follows the call's scenario and industry.

BACK = ["Uh-huh.", "Go on.", "Got it.", "Mhm.", "Yep.", "Okay.", "Yep, go ahead.", "Right.", "Mm-hmm, and then?",
        "Okay, keep going.", "Sorry, go on.", "Yep, got that.", "Uh-huh, next bit?", "Lovely, and the rest?",
        "Okay, ready for the next part.", "Yes."]
ACCOUNTISH = ("payment", "account update", "utilities", "refund", "support", "subscription")


def b_identify(c: Ctx) -> list[Turn]:
    asks = ["Can I take your full name, please?", "And who am I speaking with today?", ("Can I start with your name, "
            "please?"), "And your name, please?", "Sorry, I didn't catch your name?", "Can I just grab your name first?",
            "Could I take your first and <surname>?"]
    if c.scenario in ACCOUNTISH:
        asks += ["Could I get the name on the account?", "Who's the account holder, please?",
                 "What name is the account under?"]
    if c.scenario == "insurance claim":
        asks += ["And the name on the policy?", "Who's the policyholder?"]
    if c.scenario in ("booking", "rental"):
        asks += ["What name is the booking under?", "And the lead name on the reservation?"]
    if c.scenario == "healthcare scheduling":
        asks += ["And the patient's full name?", "Can I take the patient's name, please?"]
    if c.named_in_open and c.chance(0.7):
        t = [c.r(["Thanks, and can you spell the <surname> for me?", "And how do you spell your <surname>?",
                  "Could you spell the <surname>, just so I get it right?"]),
             c.u(["{spell}.", "Sure, {spell}.", "It's {spell}.", "Yeah, it's {spell}."])]
        if c.chance(0.5):
            t.append(c.r(["Thank you, {cust_title}.", "Lovely, I've found you, {cust_first}.",
                          "Great, thanks {cust_first}."]))
        return t
    t = [c.r(asks)]
    form = c.wp([("full", 5), ("first_full", 2), ("parts", 2), ("last_full", 1), ("spell", 3), ("title", 1)])
    if form == "full":
        t.append(c.u(["{cust}.", "It's {cust}.", "Yeah, it's {cust}.", "Um, {cust}.", "{cust}, hi.",
                      "Sure, it's {cust}."]))
    elif form == "first_full":
        t.append(c.u(["It's {cust_first}. {cust}.", "{cust_first}, {cust}.", "Yeah, {cust_first}... {cust}."]))
    elif form == "parts":
        t.append(c.u(["First name {cust_first}, <surname> {cust_last}.", ("{cust_first} is the first name, and the "
                      "<surname> is {cust_last}."), "<surname>'s {cust_last}, first name {cust_first}."]))
    elif form == "last_full":
        t.append(c.u(["{cust_last}. {cust}.", "It'll be under {cust_last}. {cust}."]))
    elif form == "title":
        t.append(c.u(["It's {cust_tfull}.", "{cust_tfull}."]))
    else:
        t.append(c.u(["{cust}, that's {spell}.", "It's {cust}. <surname>'s spelled {spell}.",
                      "{cust}. Um, {spell} for the <surname>.", "{cust}, {spell}."]))
    if form != "spell" and c.chance(0.3):
        t.append(c.r(["Could you spell the <surname> for me?", "How do you spell that?",
                      "And can I get the spelling of that?", "Sorry, could you spell it out?"]))
        t.append(c.u(["{spell}.", "Sure, it's {spell}.", "Yeah, {spell}.", "It's {spell}."]))
    if c.chance(0.5):
        t.append(c.r(["Thank you, {cust_title}.", "Lovely, thanks {cust_first}.", ("Great, thanks {cust_first}, I've "
                      "found you."), "Perfect, I've got you up.", "Thanks, {cust_title}, bear with me."]))
    return t


def b_dob(c: Ctx) -> list[Turn]:
    t = [c.r(["Can I get your date of birth?", "And your DOB for security?", "And the date of birth, please?",
              "Just to confirm it's you, can you give me your date of birth?", "And when were you born?",
              "For security, what's your date of birth?", "Date of birth, please?",
              "I just need your date of birth to pull up the record.", "Can you confirm your date of birth for me?"])]
    extra = {"payment": "I've been with you since {year}", "account update": "I've had the account since {year}",
             "utilities": "I've been a customer since {year}", "healthcare scheduling": "I was last in back in {year}",
             "insurance claim": "I've been driving since {year}", "onboarding": "I've lived here since {year}",
             "rental": "I passed my test in {year}", "support": "I've been with you since {year}",
             "subscription": "I first signed up in {year}"}.get(c.scenario)
    answers = ["{dob}.", "It's {dob}.", "Sure, {dob}.", "Date of birth is {dob}.", "I was born {dob}.",
               "My DOB is {dob}.", "Um, {dob}.", "Yeah, {dob}."]
    year = c.k_year(min(max(2005, c.dob.year + 18), 2024), 2025)
    if extra:
        answers += ["{dob}, and " + extra + ".", "{dob}. " + extra[0].upper() + extra[1:] + ", if that helps."]
    t.append(c.u(answers, year=year))
    if c.chance(0.3):
        t.append(c.r(["Thank you, that matches.", "Perfect, that's you.", "Lovely, you're through security.",
                      "Thanks, that all lines up."]))
    return t


def b_verify(c: Ctx) -> list[Turn]:
    kind = c.wp([("pc", 3), ("line", 2), ("phone", 2), ("account", 2 if c.industry in ("bank", "credit union",
                                                                                      "building society") else 0)])
    if kind == "pc":
        t = [c.r(["Can you confirm the <zip> on the account?", "And the <zip>, please?", "What's your <zip>?",
                  "And just the <zip_short> for security?"]),
             c.u(["{pc}.", "It's {pc}.", "Should be {pc}.", "Um, {pc}."])]
    elif kind == "line":
        t = [c.r(["And the first line of the address?", "Can you confirm the address we have on file?",
                  "What's the address on the account?"]),
             c.u(["{line}.", "It's {line}.", "{addr}.", "Still {addr}."])]
    elif kind == "account":
        acct = c.iban_seg() if c.eu else c.account_seg()
        t = [c.r(["Can you give me the account number?", "Which account is it about? The account number, please.",
                  "And the account number you're calling about?"]),
             c.u(["It's {a}.", "{a}.", "Um, the account number is {a}."], a=acct)]
    else:
        t = [c.r(["What's the phone number on the account?", "And the contact number we'd have on file?",
                  "Can you confirm your phone number?"]),
             c.u(["{phone}.", "It's {phone}.", "Should be {phone}."])]
    if c.chance(0.5):
        t.append(c.r(["Thanks, you're verified.", "Lovely, that all matches.", "Great, that's all correct."]))
    return t


def b_address(c: Ctx, why: str = "new") -> list[Turn]:
    asks = {"new": ["What's the new address?", "Okay, and where have you moved to?",
                    "Let's update that. What's the new address, please?", "And your current home address?"],
            "delivery": ["What's the delivery address?", "And where are we delivering to?",
                         "Can you confirm the address for the driver?", "Where would you like it sent?"],
            "billing": ["And the billing address?", "What's the billing address on the card?",
                        "Which address should go on the invoice?"],
            "property": ["What's the address of the property?", "And the supply address?",
                         "What's the address you're moving into?"],
            "replacement": ["Where should we send the replacement?", "What address should the new one go to?"]}[why]
    t = [c.r(asks)]
    mode = c.wp([("whole", 5), ("split", 3), ("city", 1)])
    moved = ["We've just moved, so it's {addr} now."] if why in ("new", "property") else []
    if mode == "whole":
        t.append(c.u(["{addr}.", "It's {addr}.", "Yeah, it's {addr}.", "Um, {addr}.", "So it's {addr}.",
                      "Okay, {addr}.", *moved]))
    elif mode == "split":
        t.append(c.u(["{line}.", "It's {line}.", "Um, {line}.", "So that's {line}."]))
        t.append(c.r(["And the <zip>?", "Lovely, and the <zip_short>?", "Got it. <zip>?", "And what's the <zip>?"]))
        t.append(c.u(["{pc}.", "It's {pc}.", "{pc}, I think. Yeah, {pc}."]))
    else:
        t.append(c.u(["{line}, over in {city}.", "It's {line}, in {city}.", "{line}, {city}."]))
    if c.chance(0.3):
        t.append(c.r(["Let me read that back: {line}, {pc}.", "So that's {line}, {pc}?", "Okay, {line}. Got it."]))
        t.append(c.u(["That's it.", "Yes, spot on.", "Yep.", "That's right."]))
    return t


def _ext(c: Ctx, seg: Seg) -> Seg:
    ext = str(c.rng.randint(200, 4999))
    if seg.w[0].isdigit() or seg.w[0] in "(+":
        return E("phone", f"{seg.w} ext. {ext}", f"{seg.a} ext. {ext}" if c.chance(0.5) else f"{seg.a} extension {ext}")
    return E("phone", f"{seg.w}, extension {say_pairs(ext, c.zero)}", f"{seg.a} extension {ext}")


def b_phone(c: Ctx) -> list[Turn]:
    asks = ["What's the best number to reach you on?", "And a contact number?",
            "Can I get a callback number in case we get cut off?", "Is there a good phone number for you?",
            "Could you give me a phone number for the account?", "And your phone number?",
            "What number should we call if there's a problem?"]
    if c.scenario in ("delivery", "rental"):
        asks += ["And a <mobile> number for the driver?", "What number can the driver call when they're outside?"]
    if c.scenario == "healthcare scheduling":
        asks += ["And a number for the appointment reminder text?"]
    t = [c.r(asks)]
    mode = c.wp([("whole", 6), ("pieces", 3), ("area", 1 if c.us else 0), ("fix", 1), ("ext", 2 if c.b2b else 0),
                 ("two", 1), ("bare", 2), ("short", 1 if c.us and not c.b2b else 0)])
    if mode == "whole":
        t.append(c.u(["My <mobile> is {phone}.", "Best number to reach me is {phone}.", "You can call me back on {phone}.",
                      "It's {phone}.", "Try {phone}, I'm usually on that one.", "Um, {phone}.",
                      "{phone}, that's my <mobile>.", "Sure, it's {phone}, but I can't pick up before {time}.",
                      "Yeah, {phone}. Call after {time} if you can."]))
    elif mode == "bare":
        t.append(c.u("{phone}."))
    elif mode == "short":
        t.append(c.u(["It's {p}, same area code as yours.", "Just {p}, it's a local number."],
                     p=c.phone_seg(short=True)))
    elif mode == "pieces":
        pieces = c.phone_pieces(n=c.wp([(2, 3), (3, 1)]))
        t.append(c.u(["It's {p}...", "Okay, {p}...", "{p}...", "So it's {p}."], p=pieces[0]))
        for i, pc in enumerate(pieces[1:], 1):
            t.append(c.r(BACK))
            t.append(c.u(["{p}.", "Then {p}.", "And {p}."] if i == len(pieces) - 1 else ["{p}...", "Then {p}."],
                         p=pc))
    elif mode == "area":
        pieces = c.phone_pieces(n=2)
        t.append(c.u(["Area code {a}, then {b}.", "Area code's {a}, and the number is {b}.",
                      "{a} is the area code, and then {b}."], a=pieces[0], b=pieces[1]))
    elif mode == "fix":
        ph = c.phone()
        head, last = ph.nat[:-1], ph.nat[-1]
        wrong = str((int(last[0]) + c.rng.randint(1, 8)) % 10) + last[1:]
        w1 = c.phone_words(head, "digits") + ", " + say_digits(wrong[:2], c.zero)
        t.append(c.u(["It's {a}... sorry, no, {b}.", "{a}, no wait, sorry, {b}.", "Um, {a}, sorry, I mean {b}."],
                     a=E("phone", w1, " ".join(head) + " " + wrong[:2]), b=E("phone", say_digits(last, c.zero), last)))
        if c.chance(0.6):
            t.append(c.r(["So the whole number is {phone}?", "Let me read that back: {phone}."]))
            t.append(c.u(["That's it.", "Yes, that's right."]))
        return t
    elif mode == "ext":
        t.append(c.u(["The office is {p}.", "It's {p}, that gets you straight to me.", "{p}."],
                     p=_ext(c, c.phone_seg(style="typed" if c.chance(0.5) else "said"))))
    else:
        other = c.phone_seg(c.phone("other"))
        t.append(c.u(["My <mobile> is {phone}, or the landline, {o}.", "{phone}. If I don't answer, try {o}.",
                      "You can use {phone}, and my work number is {o}."], o=other))
    if c.chance(0.3):
        t.append(c.r(["Thanks, I'll add that to the account.", "Perfect, got it.", "Lovely, that's saved."]))
    return t


def b_email(c: Ctx) -> list[Turn]:
    asks = ["What's the best email for you?", "Can I grab an email address to send the confirmation to?",
            "And your email?", "Could I take an email address as well?", "What email address shall I use?"]
    asks += {"payment": ["Where should the receipt go?"], "booking": ["What email should I put on the booking?"],
             "sales close": ["Which email should the contract go to?", "Where should I send the invoice?"],
             "refund": ["Where should I send the refund confirmation?"], "support": ["What email is the login?"],
             "subscription": ["What email do you want the account under?"]}.get(c.scenario, [])
    t = [c.r(asks)]
    t.append(c.u(["{email}.", "It's {email}.", "Sure, {email}, all lowercase.", "Send it to {email}.",
                  "Yeah, it's {email}.", "Um, {email}.", "Best one is {email}.", "It's {email}, all lower case."]))
    if c.chance(0.3):
        t.append(c.r(["So that's {email}?", "Let me just read that back, {email}.", "Got it, {email}."]))
        t.append(c.u(["Yep, that's it.", "Correct.", "That's right."]))
    elif c.chance(0.4):
        t.append(c.r(["Thanks, you'll get an email in the next few minutes.", "Perfect, I'll send that over now."]))
    return t


def b_card(c: Ctx) -> list[Turn]:
    amex = c.card()[0] == "Amex"
    t = [c.r(["Okay, I can take that payment now. What's the long number on the card?",
              "Whenever you're ready, go ahead with the card number.", "Can I take the card number, please?",
              "Right, let's get that paid. Card number when you're ready.",
              "I'll just need the number across the front of the card.",
              "Have you got your card handy? I'll need the full number.",
              "Which card would you like to use? Just read me the number."])]
    if c.wp([("whole", 6), ("pieces", 4)]) == "whole":
        t.append(c.u(["{card}.", "Yep, it's {card}.", "Okay, it's {a_brand}, {card}.", "Um, {card}.", "Ready? {card}.",
                      "Sure, so it's {card}.", "Got it here. {card}."]))
    else:
        pieces = c.card_pieces(c.wp([(2, 6), (3, 3), (4, 1)]))
        t.append(c.u(["Okay, {p}...", "It's {p}...", "Right, {p}.", "{p}...", "So, {p}.", "Um, first bit's {p}."],
                     p=pieces[0]))
        for i, piece in enumerate(pieces[1:], 1):
            t.append(c.r(BACK))
            last = i == len(pieces) - 1
            t.append(c.u(["{p}.", "Then {p}.", "And {p}.", "{p}, that's the lot."] if last
                         else ["{p}.", "Then {p}...", "{p}...", "Next is {p}."], p=piece))
    ex = c.expiry_seg()
    cv = c.cvv_seg()
    wordy = ex.w[0].isalpha()
    t.append(c.r(["And the expiry date?", "What's the expiration date?", "When does it expire?",
                  "And the valid thru date on the front?", "Expiry, please?", "And the date on the card?",
                  "And what's the expiry on that one?"]))
    if c.chance(0.45):
        t.append(c.u(["{ex}, and the security code is {cv}.", "Expires {ex}. Code on the back is {cv}.",
                      "{ex}, CVV {cv}.", "It's {ex}, and the three on the back are {cv}." if not amex else
                      "It's {ex}, and the four on the front are {cv}."], ex=ex, cv=cv))
    else:
        ends = ["Expires end of {ex}.", "End of {ex}."] if wordy else []
        t.append(c.u(["{ex}.", "It expires {ex}.", "Valid till {ex}.", "It's good through {ex}.", "Valid thru {ex}.",
                      "The date on it is {ex}.", "Exp {ex}.", "Um, {ex}.", *ends], ex=ex))
        if amex:
            t.append(c.r(["And for Amex it's the four-digit code on the front, just above the number.",
                          "There's a little four-digit number printed on the front, what's that one?",
                          "And the CID, the four digits on the front?"]))
        else:
            t.append(c.r(["And the three-digit security code on the back?", "And the CVV?",
                          "Last three digits on the signature strip?", "And the little code on the back, please?",
                          "What's the CSC?", "And the security number?",
                          "Finally the three numbers on the back by the signature."]))
        t.append(c.u(["{cv}.", "It's {cv}.", "Security number's {cv}.", "Um, {cv}.", "Code's {cv}.",
                      *(["The last three are {cv}."] if not amex else ["Four digits, {cv}."])], cv=cv))
    what = {"booking": "the deposit of {amount}", "rental": "the {amount} deposit",
            "sales close": "the first month, {amount}", "subscription": "the first payment of {amount}"}.get(
        c.scenario, "{amount}")
    t.append(c.r([f"Thank you. So that's {what} on the {{brand}} ending {{last4}}, is that right?",
                  f"Perfect, I'm putting {what} through now on the card ending in {{last4}}.",
                  f"Lovely. Just to confirm, {what} today on the card ending {{last4}}?",
                  f"Thanks, that's gone through. {what[0].upper() + what[1:]} on your card ending {{last4}}.",
                  f"Great, {what} was approved on the card ending {{last4}}."]))
    if c.chance(0.3):
        t.append(c.u(["Yes, that's right.", "Yep, go ahead.", "That's the one.", "Correct.", "Great, thanks."]))
    return t


def b_bank(c: Ctx) -> list[Turn]:
    why = c.bank_why
    if c.us:
        ask = {"debit": "To set up autopay I'll need the routing and account numbers.",
               "payroll": "For the direct deposit I'll need your routing number and account number. Routing first?",
               "refund": "Where should we send the money? I'll need a routing and account number.",
               "fund": "To fund the new account I'll need the routing number of your other bank."}[why]
        t = [c.r([ask, "What's the routing number? That's the nine digits at the bottom left of your check.",
                  "Can I get the ABA routing number for the bank?"])]
        if c.chance(0.35):
            t.append(c.u(["Routing {r}, account {a}.", "Routing is {r} and the account number is {a}.",
                          "Okay, routing number {r}. Checking account {a}."],
                         r=c.routing_seg(), a=c.account_seg()))
        else:
            t.append(c.u(["{routing}.", "Routing is {routing}.", "Okay, routing number {routing}.",
                          "Um, it's {routing}."]))
            t.append(c.r(["And the account number?", "Great, and the checking account number?",
                          "Got it. Account number?"]))
            t.append(c.u(["{account}.", "It's {account}.", "Account number {account}, it's a checking account.",
                          "{account}, that's with {bank}."], bank=V(c.p(["Chase", "Wells Fargo", "a credit union"]))))
        if c.chance(0.25):
            t.append(c.r(["Let me read those back: routing {routing}, account {account}.",
                          "So routing {routing}, account {account}?"]))
            t.append(c.u(["Yes.", "That's right."]))
    elif c.uk and c.chance(0.7):
        ask = {"debit": "Can I take the sort code and account number for the Direct Debit?",
               "payroll": "For your wages, what's the sort code and account number?",
               "refund": "Which account should the money go to? Sort code first.",
               "fund": "And the account you'll fund it from? Sort code first."}[why]
        t = [c.r([ask, "What's your sort code?", "Could you read me the sort code and account number, please?"])]
        if c.chance(0.4):
            t.append(c.u(["Sort code {sort}, account number {account}.", "It's {sort}, and the account is {account}.",
                          "Sort code's {sort}. Account {account}."]))
        else:
            t.append(c.u(["{sort}.", "Sort code's {sort}.", "It's {sort}.", "Um, {sort}."]))
            t.append(c.r(["And the account number?", "Lovely, and the eight-digit account number?", "Account number?"]))
            t.append(c.u(["{account}.", "It's {account}.", "{account}, that's a current account."]))
        if c.chance(0.4):
            t.append(c.r(["So that's sort code {sort}, account {account}, in the name of {cust}?",
                          "Let me read it back: {sort}, {account}."]))
            t.append(c.u(["Yes, that's right.", "Spot on."]))
    else:
        ask = {"debit": "And your IBAN for the direct debit?", "payroll": "What's the IBAN for your salary?",
               "refund": "Could you give me the IBAN for the refund?",
               "fund": "And the IBAN of the account you'll transfer from?"}[why]
        t = [c.r([ask, "What's the IBAN for the account?", "I'll need the IBAN, starting with the country letters.",
                  "Can I take the IBAN, please?"])]
        if c.chance(0.55):
            t.append(c.u(["{iban}.", "Sure, it's {iban}.", "Okay, {iban}.", "It's {iban}.", "Um, {iban}."]))
        else:
            pieces = c.iban_pieces(n=c.wp([(2, 3), (3, 1)]))
            t.append(c.u(["It starts {p}...", "Okay, {p}...", "{p}...", "So, {p}."], p=pieces[0]))
            for i, piece in enumerate(pieces[1:], 1):
                t.append(c.r(BACK))
                t.append(c.u(["{p}.", "And then {p}.", "{p}, that's it."] if i == len(pieces) - 1
                             else ["{p}...", "Then {p}..."], p=piece))
        if c.chance(0.3):
            t.append(c.r(["Let me read that back: {iban}.", "So that's {iban}?"]))
            t.append(c.u(["Yes, correct.", "That's it."]))
    end = {"debit": ["Thanks. The first payment of {price} comes out on {date}.",
                     "That's set up. Your monthly payment is {price}, starting {date}."],
           "payroll": ["Great, your first pay on {date} will go into that account.",
                       "Perfect, payroll runs on {date}, so you'll see it then."],
           "refund": ["Thanks. The {amount} should reach you in {days}.",
                      "Perfect, the refund of {amount} will be with you in {days}."],
           "fund": ["Thanks. Once {price} lands, the account is open.",
                    "Great, transfers usually take {days}."]}[why]
    t.append(c.r(end))
    return t


def b_id(c: Ctx) -> list[Turn]:
    info = c.id_info()
    t = [c.r(["Could I take your {idname}?", "For the checks I'll need your {idname}, please.",
              "And I just need your {idname} to verify you.", "Can you read me your {idname}?",
              "What's your {idname}?"])]
    if c.chance(0.65):
        t.append(c.u(["{id}.", "It's {id}.", "Yeah, one sec... {id}.", "Sure, {id}.", "My {idname} is {id}.",
                      "Okay, it's {id}."]))
    else:
        a, b = c.id_pieces(info)
        t.append(c.u(["It's {a}...", "Okay, {a}...", "{a}..."], a=a))
        t.append(c.r(BACK))
        t.append(c.u(["{b}.", "Then {b}.", "And {b}."], b=b))
    if c.chance(0.4):
        t.append(c.r(["Thank you, that's matched.", "Great, that's verified.", "Thanks, that's gone through."]))
    return t


def _relation(c: Ctx, options: list[tuple[str, str]]) -> str:
    """Draws the call's third party to fit the relation (so "my mum" is a woman)."""
    rel, gender = c.p(options)
    c.cache.pop("third", None)
    c.third(gender if gender in "fm" else c.p("fm"))
    born = c.dob.year
    lo, hi = {"son": (born + 20, born + 40), "daughter": (born + 20, born + 40), "mum": (born - 40, born - 18),
              "dad": (born - 40, born - 18)}.get(rel, (born - 8, born + 8))
    hi = min(hi, 2016)
    c.cache["dob2"] = dt.date(c.rng.randint(min(lo, hi), hi), c.rng.randint(1, 12), c.rng.randint(1, 28))
    return rel


def b_third(c: Ctx) -> list[Turn]:
    if c.b2b:
        kind = c.p(["manager", "contact"])
    elif c.scenario == "healthcare scheduling":
        kind = "patient"
    elif c.scenario == "rental":
        kind = "driver"
    else:
        kind = "authorised"
    if kind == "authorised":
        rel = _relation(c, [("wife", "f"), ("husband", "m"), ("partner", "x"), ("daughter", "f"), ("son", "m")])
        t = [c.u(["Could you add my {rel}, {p2}, as an authorised user?", ("I'd like to put my {rel} on the account "
                  "too. {p2}."), "Can my {rel} {p2_first} be added as a second account holder? Full name's {p2}."],
                 rel=V(rel))]
        t.append(c.r(["Of course. And {p2_first}'s date of birth?", "No problem. What's [her] date of birth?",
                      "Sure, I'll need [her] date of birth as well."]))
        t.append(c.u(["{p2_dob}.", "It's {p2_dob}.", "Um, {p2_dob}, I think. Yes."]))
        if c.chance(0.4):
            t.append(c.r(["And how do you spell {p2_first}'s <surname>?", "Can you spell the <surname> for me?"]))
            t.append(c.u(["{p2_spell}.", "It's {p2_spell}."]))
        return t
    if kind == "patient":
        rel = _relation(c, [("mum", "f"), ("dad", "m"), ("son", "m"), ("daughter", "f"), ("husband", "m"),
                            ("wife", "f")])
        t = [c.u(["Actually, it's for my {rel}, {p2}.", "Oh, and I need one for my {rel} too, {p2}.",
                  "I'm also booking for my {rel}, {p2}. [Her] date of birth is {p2_dob}."], rel=V(rel))]
        ask, ans = c.p([("No problem. Can you spell {p2_first}'s <surname>?", ["{p2_spell}.", "Sure, {p2_spell}."]),
                        ("Okay, and what's [her] date of birth?", ["{p2_dob}.", "It's {p2_dob}."]),
                        ("Is it okay if we text {p2_first} directly?", ["Sure, [her] number is {p2_phone}.",
                                                                        "Yes, it's {p2_phone}."])])
        return t + [c.r(ask), c.u(ans)]
    if kind == "driver":
        rel = _relation(c, [("partner", "x"), ("husband", "m"), ("wife", "f"), ("colleague", "x")])
        t = [c.u(["I'd like to add my {rel} as a second driver. {p2}.", "Can {p2} drive as well? [She]'s my {rel}."],
                 rel=V(rel))]
        t.append(c.r(["Sure. What's [her] date of birth?", "No problem. I'll need [her] date of birth first."]))
        t.append(c.u(["{p2_dob}.", "It's {p2_dob}."]))
        if c.country in ("US", "UK"):
            info = c.once("id_third", lambda: c.national_id("dl_us" if c.us else "dl_uk", c.third()))
            t.append(c.r(["And [her] <licence> number?", "And the number on [her] licence?"]))
            t.append(c.u(["It's {x}.", "{x}."], x=c.id_seg(info)))  # type: ignore[arg-type]
        return t
    _relation(c, [("", "x")])
    if kind == "manager":
        t = [c.u(["You'd need to speak to my manager, {p2}. [She] signs off anything over {price_big}.",
                  "I'll have to run it past {p2}, our finance director.",
                  "The contract should go to {p2}, [she]'s head of operations.",
                  "Loop in {p2_first} from procurement, {p2}, [she]'ll sign it."])]
        t.append(c.r(["No problem. What's the best email for {p2_first}?", "Sure, how do I reach {p2_first}?",
                      "Great, can I get {p2_first}'s email?"]))
        t.append(c.u(["It's {p2_email}.", "{p2_email}.", ("[Her] email is {p2_email}, or [her] direct line is "
                      "{p2_phone}."), "Try {p2_phone}, or {p2_email}."]))
        return t
    t = [c.r(["Is there anyone else we should copy in?", "Who should we send the paperwork to?",
              "And who's the best contact for billing?"])]
    t.append(c.u(["Send it to {p2}, {p2_email}.", "Our accountant, {p2}. [Her] number's {p2_phone}.",
                  "Copy in {p2}, that's {p2_email}.", "{p2} in accounts. {p2_email}."]))
    return t


def b_booking(c: Ctx) -> list[Turn]:
    t = [c.u(["I'd like to book {qty} for {appt_date}, if you've got anything.",
              "Have you got anything on {appt_date}?", "Is there any availability {appt_date}?",
              "Could I book in for {appt_date}, please?"])]
    t.append(c.r(["Let me check. I can do {appt_time}, or {time2}.", "I've got {appt_time} or {time2} that day.",
                  "Yes, we have {appt_time} free. Would that work?", "I can fit you in at {appt_time}."]))
    t.append(c.u(["{appt_time} is perfect.", "The {appt_time}, please.", "Yeah, {appt_time} works.",
                  "Great, I'll take that."]))
    if c.chance(0.45):
        t.append(c.r(["And what name is it under?", "What name shall I put it under?", "Name for the booking?"]))
        t.append(c.u(["{cust_last}. {spell}.", "{cust}.", "Under {cust_first}, {cust}.", "{cust_tfull}."]))
    t.append(c.r(["Lovely, that's {qty} on {appt_date} at {appt_time}, and it's {price}.",
                  "All booked. {appt_date}, {appt_time}, and the deposit is {amount}.",
                  "Done. You're in for {appt_date} at {appt_time}."]))
    return t


def b_slot(c: Ctx) -> list[Turn]:
    t = [c.r(["The next delivery slot is {appt_date} between {am_time} and {pm_time}.",
              "We can deliver {appt_date}, any time from {am_time}.", "The driver can come {appt_date} in the morning."])]
    t.append(c.u(["That's fine, I'm in all day.", "Could it be after {pm_time} instead?", "Perfect, {appt_date} works.",
                  "Is there nothing sooner? I've got {qty} waiting on it."]))
    t.append(c.r(["I've booked it. It's {measure}, so it's a two-person delivery.",
                  "Done, you'll get a text with a one-hour window.", "Okay, that's confirmed for {appt_date}."]))
    return t


def b_order(c: Ctx) -> list[Turn]:
    t = [c.u(["It's about order {order}.", "I've got an order, {order}, and it hasn't turned up.",
              "The order number is {order}.", "Order {order}, the {product}."])]
    t.append(c.r(["I can see that, the {product}, {qty}?", "Yes, I've found it. That's the {product}.",
                  "Okay, order {order}, the {product}. Let me have a look.", ("Got it. That one's {measure}, so it goes "
                  "by courier.")]))
    if c.chance(0.6):
        t.append(c.u(["That's the one. It was meant to come {past_date}.", "Yes. I paid {price} for next-day.",
                      "Yeah, and the box said {measure}.", "Right, and it's the second time I've called."]))
    return t


def b_ticket(c: Ctx) -> list[Turn]:
    t = [c.u(["My {product} keeps dropping out.", "I'm having trouble with the {product} again.",
              "The {product} won't connect since the update."])]
    if c.chance(0.5):
        t.append(c.r(["Sorry to hear that. Which version is it on?", "Okay. Do you know what version it's running?"]))
        t.append(c.u(["It says {ver}.", "Um, {ver}, I think."],
                     ver=K("product", *c.p([("version 4.2", "version 4.2"), ("version 2.1.7", "version 2.1.7"),
                                            ("firmware 3.0", "firmware 3.0"), ("iOS 17", "iOS 17")]))))
    t.append(c.r(["I've opened ticket {ticket} for you.", "Okay, I've logged that as {ticket}.",
                  "Right, that's under case {ticket}."]))
    t.append(c.r(["If it happens again, we're here {allday}, just quote {ticket}.", *{"broadband": ["An engineer can come {date} between {am_time} and {pm_time}.",
                                   "Your speed should be about {measure}. Give it {days}."],
                     "electronics": ["We'll send a courier for it {date}, any time from {am_time}.",
                                     "A replacement will be with you in {days}."],
                     "mobile network": ["A replacement SIM will be with you in {days}.",
                                        "The mast work should finish by {date}."],
                     "software": ["The fix is in the next release, {ver}.", "I've reset it; try again after {pm_time}."]
                     }.get(c.industry, ["We'll be in touch within {days}."])],
                 ver=K("product", *c.p([("version 5.0", "version 5.0"), ("release 24.3", "release 24.3")]))))
    return t


def b_sales(c: Ctx) -> list[Turn]:
    t = [c.r(["So we're looking at {qty} on the {product} plan at {price} per seat per month.",
              "Based on the call, it's {qty} on {product}, and with the annual commitment that's {pct} off.",
              "The proposal is {qty} at {price} each, plus {pct} off for the first year.",
              "If you sign this week I can do {pct} off the {product} tier."])]
    ask, ans = c.p([("That works. Can we start {start}?", ["Yes, we can go live {start}.",
                                                          "{start} is fine, I'll book the kickoff."]),
                    ("What about the {qty_big} we do in peak season?", ["That's covered, no extra charge.",
                                                                        "That's fine up to {qty_big2}."]),
                    ("And support is included?", ["Yes, support is {allday}.", "Yes, {allday}, by phone or chat."]),
                    ("Can you hold that price?", ["I can lock it in until {year_future}.",
                                                  "Yes, fixed until the end of {year_future}."]),
                    ("Our last provider charged {price} for that.", ["We can match that for the first {qty_months}."])])
    big = ["calls", "shipments", "orders", "payslips", "messages"]
    noun = c.p(big)
    t += [c.u(ask, qty_big=c.k_qty(noun, big=True)),
          c.r(ans, qty_big2=c.k_qty(noun, big=True), year_future=c.k_year(2027, 2029),
              qty_months=K("quantity", *c.p([("six months", "6 months"), ("three months", "3 months")])))]
    return t


def b_meter(c: Ctx) -> list[Turn]:
    if c.industry == "broadband":
        t = [c.r(["What speed are you getting at the moment?", "What are you paying your current provider?"]),
             c.u(["About {m}, on a good day.", "{price} a month, for {m}."],
                 m=K("measure", *c.p([("thirty megabits", "30 megabits"), ("40 megabits", "40 megabits")])))]
        t.append(c.r(["Our {product} plan is {price} a month, and it's {pct} faster.", "We can install {date}."]))
        return t
    t = [c.r(["Could you give me a meter reading while you're there?", "Do you have the opening reading?",
              "And your usage last year, roughly?"])]
    t.append(c.u(["It says {measure}, taken {past_date}.", "About {measure} last year.", "The reading's {measure}."]))
    t.append(c.r(["Thanks. On the {product} tariff that's about {price} a month.",
                  "Lovely. Your payments will be {price} a month from {date}.",
                  "Great, that's {pct} less than your old supplier."]))
    return t


def b_claim(c: Ctx) -> list[Turn]:
    ind = c.industry
    t = [c.r(["Can you tell me what happened?", "When did it happen?", "Talk me through it."])]
    if ind == "car insurance":
        t.append(c.u(["It was {past_date}, around {time}. Someone reversed into me in a car park.",
                      "It's a {year} {product}, and the whole rear bumper is gone. It happened {past_date}.",
                      "{past_date}, about {time}. I was stopped at the lights and got hit from behind."]))
        mode = c.p(["licence", "other"])
        if mode == "licence" and c.country in ("US", "UK"):
            info = c.once("id_licence", lambda: c.national_id("dl_us" if c.us else "dl_uk"))
            t.append(c.r(["Okay. Could I have your <licence> number?", "And the number on your <licence>?"]))
            t.append(c.u(["It's {x}.", "{x}.", "Sure, it's {x}."], x=c.id_seg(info)))  # type: ignore[arg-type]
        else:
            _relation(c, [("", "x")])
            t.append(c.r(["Did you get the other driver's details?", "Was anyone else involved?"]))
            t.append(c.u(["Yes, {p2}. [Her] number's {p2_phone}.", ("The other driver was {p2_title}, I took a photo "
                          "of [her] licence."), "Yes, {p2}, [she] was very apologetic."]))
    elif ind == "home insurance":
        t.append(c.u(["On {past_date}, about {time}, a pipe burst in the kitchen.",
                      "There was a leak from upstairs on {past_date}, it's ruined {measure} of flooring."]))
        _relation(c, [("", "x")])
        t.append(c.r(["Has anyone been out to look at it?", "Did you get a tradesperson in?"]))
        t.append(c.u(["A plumber, {p2}, came out the next day. [Her] quote was {price}.",
                      "Yes, {p2_title} from the building firm, [she] can call you on {p2_phone}."]))
    elif ind == "pet insurance":
        _relation(c, [("", "x")])
        t.append(c.u(["My dog had surgery on {past_date}, the bill was {price}.",
                      "Our cat was in the vet's for {qty_days} after {past_date}."],
                     qty_days=K("quantity", *c.p([("three days", "3 days"), ("two nights", "2 nights")]))))
        t.append(c.r(["Which vet did you see?", "And the vet's name?"]))
        t.append(c.u(["{p2_title} at Meadowbrook Vets.", "It was {p2}."]))
    else:
        if c.chance(0.5):
            t.append(c.u(["My bag was lost on a flight on {past_date}.", ("The airline lost my suitcase on "
                          "{past_date}.")]))
            t.append(c.r(["What was in it, roughly?", "Roughly what was it worth?"]))
            t.append(c.u(["About {price} worth, and it weighed {m}.", "Clothes mostly, about {price}."],
                         m=K("measure", *c.p([("twenty kilos", "20 kilos"), ("23 kilos", "23 kilos"),
                                              ("fifty pounds", "50 pounds")]))))
        else:
            t.append(c.u(["I had to cancel the trip for {date}, it cost {price}.", ("I was ill and missed the flight "
                          "on {past_date}.")]))
            t.append(c.r(["Do you have the receipts?", "Did you get a doctor's note?"]))
            t.append(c.u(["Yes, I'll email them over.", "Yes, I've got everything."]))
    t.append(c.r(["Thanks. Your excess is {price}, and I've logged the claim as {ticket}.",
                  "I've opened claim {ticket}. An assessor will call within {days}."]))
    return t


def b_refund(c: Ctx) -> list[Turn]:
    ind = c.industry
    if ind == "airline":
        ask = ["My flight on {past_date} was cancelled and I still haven't had the refund.",
               "I was told I'd get {amount} back for my cancelled flight."]
        rep = ["I'm sorry about that. I can see booking {order}, that's {amount} to refund.",
               "Let me check. Yes, booking {order}, {amount}."]
    elif ind == "ticketing":
        ask = ["I cancelled the tickets for {date} and I was told I'd get {amount} back.",
               "The event on {date} was called off and I've not had my money."]
        rep = ["I can see that, order {order}, {qty} at {amount} in total.", "Yes, order {order}, {amount} to refund."]
    else:
        ask = ["I returned the {product} on {past_date} and still haven't had the refund.",
               "I'd like a refund for the {product}, it arrived broken.", "I was charged twice for the {product}."]
        rep = ["I'm sorry about that. I can see the return, {order}. That's {amount}.",
               "Okay, I can see it. That's {amount} to refund.", "Let me check. Yes, the {product}, {amount}."]
    t = [c.u(ask), c.r(rep)]
    if c.card_refund:
        t.append(c.r(["That'll go back to the card ending {last4} within {days}.",
                      "The {amount} goes back to your card ending in {last4} in {days}."]))
        t.append(c.u(["Okay, great.", "That's fine, thank you.", "Can you send me an email confirming that?"]))
    return t


def b_health(c: Ctx) -> list[Turn]:
    gp = c.once("gp", lambda: c.person(c.country, avoid={c.cust.first, c.rep.first}))
    dr = E("person", f"Dr {gp.last}", c.heard(f"Dr {gp.last}")) if c.chance(0.6) else c.nm(gp, "full")
    why = {"GP surgery": "about my chest", "physiotherapy": "about my knee", "dental clinic": "about a broken filling",
           "eye clinic": "about my prescription", "dermatology clinic": "about a mole"}.get(c.industry, "again")
    t = [c.u(["I'd like to book an appointment with {dr}, please.", "Have you got anything with {dr} this week?",
              f"I need to see {{dr}} {why}.", "Could I get a follow-up with {dr}?"], dr=dr)]
    t.append(c.r(["The next available is {appt_date} at {appt_time}.", ("I've got {appt_date}, {appt_time} or "
                  "{time2}."), "I can offer you {appt_time} on {appt_date}.", ("There's a cancellation {appt_date} at "
                  "{appt_time}.")]))
    t.append(c.u(["{appt_time} is fine.", "I'll take {appt_date}, please.", "That works, thanks."]))
    if c.uk and c.chance(0.5):
        info = c.once("id_nhs", lambda: c.national_id("nhs"))
        t.append(c.r(["Do you have your NHS number handy?", "And your NHS number, if you've got it?"]))
        t.append(c.u(["Yes, it's {x}.", "{x}.", "Hang on... {x}."], x=c.id_seg(info)))  # type: ignore[arg-type]
    t.append(c.r(["Please arrive {qty_min} early.", "You're booked in for {qty} in total. Please arrive {qty_min} early.",
                  ("You're booked in. There's a {price} "
                  "charge if you cancel with less than {qty_hrs} notice."), ("Lovely, that's confirmed for {appt_date} "
                  "at {appt_time}.")],
                 qty_min=K("quantity", *c.p([("ten minutes", "10 minutes"), ("15 minutes", "15 minutes")])),
                 qty_hrs=K("quantity", *c.p([("24 hours", "24 hours"), ("forty-eight hours", "48 hours")]))))
    return t


def b_subscribe(c: Ctx) -> list[Turn]:
    t = [c.r(["The {product} plan is {price} a month, or {amount} if you pay for the year.",
              "You'd be on {product}, that's {price} a month after the free trial.",
              "With the offer it's {pct} off for {qty_months}, then {price} a month."],
             qty_months=K("quantity", *c.p([("three months", "3 months"), ("the first six months", "the first 6 months"),
                                            ("12 months", "12 months")])))]
    t.append(c.u(["Monthly is fine.", "I'll go for the year.", "Okay, let's do that.", "Can I cancel any time?"]))
    return t


OPEN_INBOUND = [
    "Thanks for calling {co}, this is {rep}, how can I help you today?",
    "{co}, {rep} speaking. What can I do for you?",
    "Good morning, you've reached {co}. My name is {rep}.",
    "Hi, thank you for holding. This is {rep} with {co}, who do I have the pleasure of speaking with?",
    "Hello, {co} customer care, you're speaking with {rep}.",
    "Thank you for calling {co}. My name's {rep} and I'll be helping you today.",
    "Hi, {rep} here at {co}. Sorry about the wait.",
    "Good afternoon, {co}, {rep_first} speaking, how can I help?",
    "{co}, good morning, {rep_first} here.",
    "Thank you for holding, my name is {rep} and I'll be looking after you today.",
    "You're through to {co}, it's {rep_first}. How can I help?",
    "Morning! {rep_first} at {co}, what can I do for you?",
]
OPEN_UK = ["Hiya, you're through to {co}, {rep_first} speaking.", "Hello, {co}, you're speaking to {rep_first}."]
OPEN_OUTBOUND = [
    "Hi, is that {cust}? It's {rep} from {co}.",
    "Hello, this is {rep} calling from {co}, am I speaking with {cust_title}?",
    "Hi {cust_first}, {rep} here at {co}, you asked us to give you a call back.",
    "Good afternoon, it's {rep} with {co}. I'm following up on the quote we sent over.",
    "Hi there, {rep} from {co} returning your call, is now still a good time?",
]


def b_open(c: Ctx) -> list[Turn]:
    if c.outbound:
        t = [c.r(OPEN_OUTBOUND)]
        t.append(c.u(["Yes, speaking.", "Yeah, hi {rep_first}.", "Oh hi, yes, that's me.", ("Hi, yes, thanks for "
                      "calling back."), "Speaking. Hi."]))
        return t
    t = [c.r(OPEN_INBOUND + (OPEN_UK if c.uk else []))]
    purpose = c.p(c.purposes)
    named = c.wp([("none", 4), ("full", 3), ("first", 1), ("rep", 1)])
    lead = {"none": ["Hi, {x}.", "Hello, um, {x}.", "Yeah, hi. {X}.", "Hi there, {x}."],
            "full": ["Hi, it's {cust} here, {x}.", "Yeah hi, my name's {cust}, {x}.", "Hello, this is {cust}. {X}.",
                     "Hi, {cust} calling, {x}."],
            "first": ["Hi, it's {cust_first}, {x}.", "Hiya, {cust_first} here, {x}."],
            "rep": ["Hi {rep_first}, {x}.", "Oh hi {rep_first}. {X}."]}[named]
    tmpl = c.p(lead)
    c.named_in_open = named in ("full", "first")
    t.append(c.u(tmpl.replace("{x}", purpose).replace("{X}", purpose[0].upper() + purpose[1:])))
    return t


def b_close(c: Ctx) -> list[Turn]:
    closes = ["Is there anything else I can help with today, {cust_first}?",
              "Lovely, that's all done, {cust_title}. Have a good afternoon.",
              "Right, I'll pop that confirmation over now. Thanks, {cust_first}, take care.",
              "Anything else today?", "That's everything on my side. Thanks for your time, {cust_first}."]
    if not c.outbound:
        closes += ["You're all set, {cust_first}. Thanks for calling {co}.",
                   "Okay, you're sorted. Thanks for calling, and have a good day."]
    t = [c.r(closes)]
    t.append(c.u(["No, that's everything, thanks {rep_first}.", "That's it. Cheers, bye.", "Great, thank you so much.",
                  "Perfect, thanks for your help, {rep_first}.", "No, that's all. Thanks.", "Thanks, bye now.",
                  "Brilliant, thanks {rep_first}, bye."]))
    return t



# ==========================================================================================
# Scenarios and calls

SCENARIOS: dict[str, dict] = {
    "payment": {
        "industries": [("energy supplier", ["Brightwater Energy", "Northgate Power"]),
                       ("dental clinic", ["Clearpath Dental", "Smile Studio"]),
                       ("gym", ["Ironleaf Fitness", "Pulse Gyms"]), ("vet practice", ["Meadowbrook Vets"]),
                       ("council services", ["Riverside Council"]), ("private tuition", ["Brightminds Tutoring"])],
        "purposes": ["I'd like to pay my bill", "I want to make a payment on my account",
                     "I got a letter saying I owe {amount}", "I'm calling to settle the invoice you sent",
                     "I need to pay the balance before {date}"],
        "plan": lambda c: [(2, b_identify), (3, c.p([b_dob, b_verify])), (1, b_bank if c.eu and c.chance(0.4) else b_card),
                           (3, b_phone if c.chance(0.3) else None), (4, b_email if c.chance(0.4) else None)],
    },
    "subscription": {
        "industries": [("meal kits", ["Forkful Boxes"]), ("magazine", ["The Weekly Ledger"]),
                       ("charity", ["Brightfutures Trust"]), ("streaming service", ["Reelhouse"]),
                       ("coffee subscription", ["Roastery Club"])],
        "purposes": {"charity": ["I'd like to set up a monthly donation", "I want to give monthly"],
                     "*": ["I'd like to sign up", "I want to start a subscription", ("I saw the offer and wanted to "
                           "join")]},
        "plan": lambda c: [(2, b_subscribe), (2, b_identify), (1, b_card), (2, lambda c: b_address(c, "billing")),
                           (3, b_email if c.chance(0.6) else None)],
    },
    "booking": {
        "industries": [("boutique hotel", ["Harbour Lights Hotel", "The Linden Inn"]),
                       ("restaurant", ["Copper Kettle Kitchen", "Saffron Table"]),
                       ("spa", ["Stillwater Spa"]), ("tour operator", ["Wayfarer Tours"]),
                       ("holiday cottages", ["Seaview Cottages"])],
        "purposes": {"boutique hotel": ["I want to book a room", "I'd like to make a reservation"],
                     "restaurant": ["I'm hoping to reserve a table", "I'd like to book a table"],
                     "tour operator": ["I'd like to book one of your tours"],
                     "*": ["I'd like to make a booking", "I wanted to check availability"]},
        "plan": lambda c: [(1, b_booking), (3, b_identify if c.chance(0.5) else None), (2, b_phone),
                           (1, b_card if c.chance(0.6) else None), (4, b_email if c.chance(0.5) else None)],
    },
    "account update": {
        "industries": [("bank", ["Novabank", "Keystone Credit Union"]), ("mobile network", ["Sparrow Mobile",
                                                                                           "Quartz Telecom"]),
                       ("broadband", ["Fastlink Broadband"]), ("building society", ["Hearthstone Building Society"]),
                       ("streaming service", ["Reelhouse"])],
        "purposes": ["I need to update my address", "I've moved and need to change my details",
                     "I want to change the phone number on my account", "I need to update my email address",
                     "I'd like to add someone to my account", "I need to change my bank details"],
        "plan": lambda c: [(2, b_identify), (3, c.p([b_dob, b_verify, b_id]))]
        + [(1, b) for b in c.rng.sample([lambda c: b_address(c, "new"), b_phone, b_email, b_third, b_bank, b_bank],
                                        2)],
    },
    "insurance claim": {
        "industries": [("car insurance", ["Summit Insurance", "Clearroad Cover"]),
                       ("home insurance", ["Oakshield Home Insurance"]), ("pet insurance", ["Pawsure"]),
                       ("travel insurance", ["Globetrot Cover"])],
        "purposes": ["I need to make a claim", "I want to report something that happened",
                     "I'm calling about a claim", "I need some help with a claim, please"],
        "plan": lambda c: [(2, b_identify), (2, b_dob), (1, b_claim), (1, b_bank if c.bank_chance(0.5) else None),
                           (3, b_phone if c.chance(0.4) else None)],
    },
    "utilities": {
        "industries": [("energy supplier", ["Tidewater Utilities", "Greenspark Energy"]),
                       ("water company", ["Riverbend Water"]), ("broadband", ["Fibrewave"])],
        "purposes": ["I'm moving house and need to set up a new account", "I'd like to switch to you",
                     "I want to set up an account at my new place", "I need to set up a direct debit",
                     "I'm moving in on {date}"],
        "plan": lambda c: [(3, b_identify if c.chance(0.7) else None), (1, lambda c: b_address(c, "property")),
                           (2, b_meter), (1, b_bank if c.bank_chance(0.7) else None),
                           (3, b_dob if c.chance(0.4) else None), (3, b_phone if c.chance(0.4) else None)],
    },
    "healthcare scheduling": {
        "industries": [("GP surgery", ["Wellspring Medical Centre"]), ("physiotherapy", ["Cedar Physio"]),
                       ("dental clinic", ["Brightside Dental"]), ("eye clinic", ["Clearview Optometry"]),
                       ("dermatology clinic", ["Skinwise Clinic"])],
        "purposes": ["I'd like to book an appointment", "I need to reschedule my appointment",
                     "I'm calling to see if there's anything sooner", "I need a follow-up after my scan"],
        "plan": lambda c: [(2, b_identify), (1, b_dob), (1, b_health), (2, b_phone if c.chance(0.6) else None),
                           (3, (lambda c: b_address(c, "new")) if c.chance(0.25) else None),
                           (3, b_third if c.chance(0.3) else None)],
    },
    "delivery": {
        "industries": [("furniture retailer", ["Homestead Furniture", "Loft and Lumber"]),
                       ("parcel courier", ["Parcelwise", "Swiftdrop"]), ("appliance store", ["Kitchenhaus"]),
                       ("garden centre", ["Greenacre Garden Centre"])],
        "purposes": ["I'm calling about a delivery", "my parcel hasn't arrived", "I need to change my delivery address",
                     "I want to rearrange my delivery"],
        "plan": lambda c: [(1, b_order), (3, b_identify if c.chance(0.5) else None),
                           (1, lambda c: b_address(c, "delivery")), (2, b_phone),
                           (2, b_slot if c.chance(0.5) else None)],
    },
    "refund": {
        "industries": [("airline", ["SkyHop Airlines"]), ("online retailer", ["Urban Threads", "Gadgetry"]),
                       ("ticketing", ["Ticketnest"]), ("electronics retailer", ["Voltline"])],
        "purposes": ["I'm chasing a refund", "I need to sort out a refund", "I was promised my money back",
                     "I still haven't had my money back for order {order}"],
        "plan": lambda c: [(1, b_refund), (2, b_identify), (1, b_bank if not c.card_refund else None),
                           (3, c.p([b_email, b_phone]) if c.chance(0.6) else None)],
    },
    "sales close": {
        "industries": [("payroll SaaS", ["Ledgerly"]), ("CRM software", ["Cloudharbor"]),
                       ("office supplies", ["Brightdesk"]), ("business telecoms", ["Relaywave"]),
                       ("fleet tracking", ["Trackwise"])],
        "purposes": ["I'm calling back about the proposal", "we're ready to move ahead",
                     "I wanted to go over the pricing again", "we'd like to sign up"],
        "plan": lambda c: [(1, b_sales), (1, b_third), (2, b_email),
                           (3, (lambda c: b_address(c, "billing")) if c.chance(0.45) else None),
                           (2, c.p([b_card, b_bank]) if c.bank_chance(0.55) else None),
                           (3, b_phone if c.chance(0.35) else None)],
    },
    "onboarding": {
        "industries": [("bank", ["Novabank", "Harbourside Bank"]), ("car finance", ["Greenway Motors Finance"]),
                       ("payroll", ["Ledgerly Payroll"]), ("lettings agency", ["Keyhaven Lettings"]),
                       ("credit union", ["Keystone Credit Union"])],
        "purposes": {"bank": ["I'd like to open an account", "I want to open a savings account"],
                     "credit union": ["I'd like to join", "I'd like to open an account"],
                     "car finance": ["I'm applying for finance on a car", ("the dealer said to call you about "
                                     "finance")],
                     "payroll": ["I started a new job and payroll asked me to call", ("HR said I need to set up my "
                                 "pay details")],
                     "lettings agency": ["I'm applying for the flat on Elm Road", ("I'd like to apply for the "
                                         "two-bed you've got listed")]},
        "plan": lambda c: [(2, b_identify), (1, b_dob), (1, b_id), (2, lambda c: b_address(c, "new")),
                           (2, b_bank if c.bank_chance(0.6) else None), (2, b_phone if c.chance(0.45) else None)],
    },
    "support": {
        "industries": [("broadband", ["Fastlink Broadband", "Fibrewave"]), ("electronics", ["Voltline"]),
                       ("software", ["Cloudharbor"]), ("mobile network", ["Sparrow Mobile"])],
        "purposes": {"broadband": ["my internet keeps dropping", "my router isn't working"],
                     "electronics": ["I've got a problem with my laptop", "my phone won't charge"],
                     "software": ["the app won't let me log in", "I'm calling about ticket {ticket}"],
                     "mobile network": ["I've got no signal at home", "I'm calling about ticket {ticket}"]},
        "plan": lambda c: [(1, b_identify), (1, b_ticket), (2, c.p([b_phone, b_email])),
                           (3, b_dob if c.chance(0.3) else None),
                           (3, (lambda c: b_address(c, "replacement")) if c.chance(0.3) else None)],
    },
    "rental": {
        "industries": [("car rental", ["Bluefin Car Hire", "Roadways Rentals"]), ("van hire", ["Shiftvan"]),
                       ("lettings agency", ["Keyhaven Lettings"])],
        "purposes": {"lettings agency": ["I'm applying for a tenancy", "I'm calling about the flat I viewed"],
                     "*": ["I'm picking up a vehicle tomorrow", "I want to extend my rental",
                           "I want to change my pick-up time"]},
        "plan": lambda c: [(2, b_identify), (2, b_dob), (1, b_id),
                           (3, b_third if c.chance(0.5) and c.industry != "lettings agency" else None),
                           (1, b_card if c.chance(0.6) else None), (3, b_phone if c.chance(0.3) else None)],
    },
}
BANK_WHY = {"payroll SaaS": "debit", "payroll": "payroll", "bank": "fund", "credit union": "fund",
            "building society": "debit", "car finance": "debit", "lettings agency": "debit"}
SCENARIO_WEIGHTS = {"payment": 26, "subscription": 16, "booking": 20, "account update": 22, "insurance claim": 18,
                    "utilities": 18, "healthcare scheduling": 18, "delivery": 18, "refund": 20, "sales close": 20,
                    "onboarding": 22, "support": 14, "rental": 18}
COUNTRY_WEIGHTS = [("US", 84), ("UK", 72), ("DE", 14), ("FR", 13), ("NL", 12), ("ES", 12), ("IT", 11), ("IE", 12),
                   ("BE", 9), ("AT", 6), ("PT", 5)]
THEIR_COMPANIES = ["Halvorsen Logistics", "Brightline Dental Group", "Northwind Traders", "Copperfield Studios",
                   "Bluebird Foods", "Atlas Roofing", "Greenleaf Nurseries", "Orbit Analytics", "Keel & Compass",
                   "Stonebridge Builders"]


def _call(rng: random.Random, call_id: str) -> tuple[dict, list[tuple[str, str]]]:
    country = rng.choices([c for c, _ in COUNTRY_WEIGHTS], [w for _, w in COUNTRY_WEIGHTS])[0]
    c = Ctx(rng, call_id, country)
    c.scenario = rng.choices(list(SCENARIO_WEIGHTS), list(SCENARIO_WEIGHTS.values()))[0]
    spec = SCENARIOS[c.scenario]
    c.industry, companies = rng.choice(spec["industries"])
    c.company = rng.choice(companies)
    c.b2b = c.scenario == "sales close"
    c.their_co = rng.choice(THEIR_COMPANIES)
    c.their_domain = re.sub(r"[^a-z]", "", c.their_co.lower().replace("&", "and")) + rng.choice(
        [".com", ".co.uk" if country == "UK" else ".com", ".io"])
    c.outbound = c.b2b or rng.random() < 0.12
    c.card_refund = rng.random() < (0.3 if c.eu else 0.5)
    c.bank_why = "refund" if c.scenario in ("refund", "insurance claim") else BANK_WHY.get(c.industry, "debit")
    purposes = spec["purposes"]
    c.purposes = purposes.get(c.industry, purposes.get("*")) if isinstance(purposes, dict) else purposes
    opener = b_open(c)
    plan = [(prio, beat(c)) for prio, beat in spec["plan"](c) if beat is not None]
    closing = b_close(c)
    if rng.random() < 0.2:
        closing = closing[:1]
    # Beats are kept in the call's order, the most important first, while the call fits MAX_TURNS.
    chosen: set[int] = set()
    for i in sorted(range(len(plan)), key=lambda i: (plan[i][0], i)):
        trial = [t for j, (_, ts) in enumerate(plan) if j in chosen | {i} for t in ts]
        if len(merge_turns(opener + trial + closing)) <= MAX_TURNS:
            chosen.add(i)
    body = [t for j, (_, ts) in enumerate(plan) if j in chosen for t in ts]
    turns = merge_turns(opener + body + closing)
    asr = AsrStyle(rng)
    written, heard = [], []
    for turn in turns:
        written.append(render_turn(turn, "written", None, False))
        heard.append(render_turn(turn, "asr", asr, rng.random() < 0.3))
    rec = {"id": call_id, "country": country, "industry": c.industry, "scenario": c.scenario, "company": c.company,
           "written": written, "asr": heard}
    return rec, c.facts


def problems(rec: dict) -> list[str]:
    """What is wrong with a call's labels (empty when it is sound)."""
    out: list[str] = []
    w, a = rec["written"], rec["asr"]
    if len(w) != len(a) or not 4 <= len(w) <= MAX_TURNS:
        out.append(f"turns {len(w)}/{len(a)}")
    for form in ("written", "asr"):
        for i, turn in enumerate(rec[form]):
            text = turn["text"]
            spans = []
            for e in turn["entities"]:
                v, s = e["value"], e["start"]
                if not v or v != v.strip() or text[s:s + len(v)] != v:
                    out.append(f"{form} {i} bad value {v!r}")
                spans.append((s, s + len(v)))
            spans.sort()
            if any(x[1] > y[0] for x, y in itertools.pairwise(spans)):
                out.append(f"{form} {i} overlap")
            for k in turn["keep"]:
                if not k["value"] or k["value"] not in text:
                    out.append(f"{form} {i} keep missing {k['value']!r}")
                if any(k["value"] in e["value"] for e in turn["entities"]):
                    out.append(f"{form} {i} keep {k['value']!r} inside a value")
            for g in turn.get("ignore", ()):
                if text[g["start"]:g["start"] + len(g["value"])] != g["value"]:
                    out.append(f"{form} {i} bad ignore")
            if not text.strip():
                out.append(f"{form} {i} empty turn")
    for tw, ta in zip(w, a):
        if tw["speaker"] != ta["speaker"]:
            out.append("speaker")
        if [(e["type"], e.get("rep_name", False)) for e in tw["entities"]] != \
                [(e["type"], e.get("rep_name", False)) for e in ta["entities"]]:
            out.append("entities differ between forms")
        if [k["kind"] for k in tw["keep"]] != [k["kind"] for k in ta["keep"]]:
            out.append("keeps differ between forms")
    return out


def build_call(call_id: str) -> tuple[dict, list[tuple[str, str]]]:
    """One call from its own generator; a draw whose labels would clash (a kept number inside a
    labelled value, say) is drawn again from the next seed of the same id."""
    for attempt in range(50):
        rec, facts = _call(random.Random(f"{SEED}/{call_id}/{attempt}"), call_id)
        if not problems(rec):
            return rec, facts
    raise RuntimeError(f"{call_id}: no sound draw: {problems(rec)}")


def generate() -> tuple[list[dict], list[tuple[str, str]]]:
    records, facts = [], []
    for i in range(1, N_CALLS + 1):
        rec, f = build_call(f"r2-{i:04d}")
        records.append(rec)
        facts.extend(f)
    return records, facts


def dumps(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 0 iff dev2.jsonl is what this script writes, else 1")
    args = ap.parse_args(argv)
    text = dumps(generate()[0])
    if args.check:
        ok = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print(f"{OUT.name}: {'up to date' if ok else 'stale or missing; run make_dev2.py'}")
        return 0 if ok else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.name}: {len(text.splitlines())} calls")
    return 0


if __name__ == "__main__":
    sys.exit(main())
