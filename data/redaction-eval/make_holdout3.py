"""Writes ``holdout3.jsonl``: 300 short phone calls (``h3-0001`` ... ``h3-0300``), every turn labelled
with the personal data to remove (``entities``) and the look-alikes that must survive (``keep``), in a
``written`` form (as a transcriber types it) and an ``asr`` form (as Whisper tiny.en tends to write it).

HELD OUT: scored once, by the lead, at the very end (``python -m bench.redaction --split holdout3``).
Whoever works on the redactor (``callcoach/pii.py``, ``pii_words.py``, ``redact.py``, ``names/``) must
not read this file, ``holdout3.jsonl`` or ``HOLDOUT3.md``, nor tune on them.

    python data/redaction-eval/make_holdout3.py            # (re)write holdout3.jsonl
    python data/redaction-eval/make_holdout3.py --check    # exit 0 iff the file on disk is current
    python data/redaction-eval/make_holdout3.py --stats    # the count tables, as markdown

Standard library only and deterministic: each call draws from its own ``random.Random`` seeded with
``"holdout3:" + id``. A call is a list of turns; a turn is a list of segments (plain text, a labelled
value, a keep, an ignored city), each segment carrying both its written and its ASR wording, so the
labels of the two forms match by construction and every offset is measured while the text is built.
Every value is fake: test card ranges with a Luhn digit, IBAN / ABA / national-ID check digits
computed for invented banks and people, phone numbers in fiction ranges where a country has one.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "holdout3.jsonl"
N_CALLS = 300
SEED_NS = "holdout3:"
MIN_TURNS, MAX_TURNS = 6, 14
TYPES = ("card", "cvv", "expiry", "iban", "account", "routing", "dob", "address", "person", "email", "phone", "id")
KINDS = ("price", "quantity", "date", "time", "year", "order", "ticket", "product", "percent", "measure", "last4")


# --------------------------------------------------------------------------------------------- segments


@dataclass(frozen=True)
class Seg:
    """One piece of a turn in both forms: ``w`` (written) and ``a`` (ASR).

    ``kind`` is ``text`` (plain words), ``ent`` (a labelled value, ``label`` = entity type),
    ``keep`` (a hard negative, ``label`` = keep kind) or ``ign`` (a city or state beside an address).
    ``odd`` marks a value said in an unusual phone way (read-back, correction, split, spelling
    alphabet, odd grouping); it is counted for the doc and never written to the file.
    """

    w: str
    a: str
    kind: str = "text"
    label: str = ""
    rep_name: bool = False
    odd: bool = False


@dataclass
class Turn:
    """A speaker (``rep`` or ``customer``) and the segments of what they say."""

    speaker: str
    segs: list[Seg]


def T(w: str, a: str | None = None) -> Seg:
    """Plain text; the ASR form is derived from it at render time unless ``a`` is given."""
    return Seg(w, w if a is None else a)


def E(label: str, w: str, a: str | None = None, rep: bool = False, odd: bool = False) -> Seg:
    """A labelled value of entity type ``label``."""
    assert label in TYPES, label
    return Seg(w.strip(), (w if a is None else a).strip(), "ent", label, rep, odd)


def K(kind: str, w: str, a: str | None = None) -> Seg:
    """A hard negative of ``kind`` that must survive verbatim."""
    assert kind in KINDS, kind
    return Seg(w.strip(), (w if a is None else a).strip(), "keep", kind)


def IG(w: str, a: str | None = None) -> Seg:
    """Text beside an address (city, state, county) that the bench neither requires nor forbids."""
    return Seg(w.strip(), (w if a is None else a).strip(), "ign")


Slot = Seg | list[Seg] | str


# --------------------------------------------------------------------------------------------- numbers

ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
         "nineteen")
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
ORD_ONES = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
ORD_TEENS = ("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
             "seventeenth", "eighteenth", "nineteenth")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def n2w(n: int) -> str:
    """0..99 in words, hyphenated the way a transcriber writes it ("forty-two")."""
    if n < 10:
        return ONES[n]
    if n < 20:
        return TEENS[n - 10]
    t, u = divmod(n, 10)
    return TENS[t] + ("" if u == 0 else "-" + ONES[u])


def ordw(n: int) -> str:
    """1..31 as an ordinal word ("twenty-third")."""
    if n < 10:
        return ORD_ONES[n]
    if n < 20:
        return ORD_TEENS[n - 10]
    t, u = divmod(n, 10)
    if u == 0:
        return {2: "twentieth", 3: "thirtieth"}[t]
    return TENS[t] + "-" + ORD_ONES[u]


def ords(n: int) -> str:
    """1..31 with its suffix ("23rd")."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def yy_words(y: int, zero: str = "oh") -> str:
    """The last two digits of a year as said ("eighty-eight", "oh five", "two thousand")."""
    if y == 2000:
        return "two thousand"
    r = y % 100
    return f"{zero} {ONES[r]}" if r < 10 else n2w(r)


def year_words(y: int, rng: random.Random) -> str:
    """A four-digit year said in full ("nineteen eighty-eight", "two thousand and four")."""
    if 2000 <= y < 2010:
        return rng.choice(("two thousand and ", "two thousand ")) + ONES[y - 2000] if y > 2000 else "two thousand"
    hi, lo = divmod(y, 100)
    if lo == 0:
        return n2w(hi) + " hundred"
    return n2w(hi) + " " + (f"oh {ONES[lo]}" if lo < 10 else n2w(lo))


# --------------------------------------------------------------------------------------------- reading values back

_WORD_DIGIT = {w: str(i) for i, w in enumerate(ONES)} | {"oh": "0", "o": "0", "nought": "0", "nil": "0"}
_TEEN = {w: str(10 + i) for i, w in enumerate(TEENS)}
_TEN = {w: str(i) for i, w in enumerate(TENS) if i >= 2}
_TOKEN = re.compile(r"[^\W\d_]+|\d+|[,.;:/()?!]")
NATO = {"alpha": "A", "alfa": "A", "bravo": "B", "charlie": "C", "delta": "D", "echo": "E", "foxtrot": "F",
        "golf": "G", "hotel": "H", "india": "I", "juliet": "J", "juliett": "J", "kilo": "K", "lima": "L",
        "mike": "M", "november": "N", "oscar": "O", "papa": "P", "quebec": "Q", "romeo": "R", "sierra": "S",
        "tango": "T", "uniform": "U", "victor": "V", "whiskey": "W", "whisky": "W", "xray": "X",
        "yankee": "Y", "zulu": "Z"}


def _read(text: str, letters: bool) -> str:
    """Digits (and, with ``letters``, capital letters) of a value as it is written or said.

    Reads digits, number words ("forty-two", "twenty three" -> 23, "fifteen hundred"), "oh",
    "double"/"triple"; with ``letters`` also single letters, "B for bravo" / "D as in delta",
    spelling-alphabet words and capitalised groups ("DE", "NWBK"). Punctuation ends a compound, so
    "twenty, five" is 205 while "twenty five" is 25; other words ("dash", "then") are skipped.
    """
    toks = _TOKEN.findall(text)
    out: list[str] = []
    mult, tens, i = 1, False, 0
    while i < len(toks):
        t = toks[i]
        low = t.lower()
        i += 1
        if t.isdigit():
            out.append(t * mult if len(t) == 1 else t)
            mult, tens = 1, False
            continue
        if letters and len(t) == 1 and t.isalpha() and low != "o" or letters and t == "O":
            if i < len(toks) and toks[i].lower() == "for":
                i += 2
            elif i + 1 < len(toks) and toks[i].lower() == "as" and toks[i + 1].lower() == "in":
                i += 3
            out.append(t.upper() * mult)
            mult, tens = 1, False
            continue
        if low in ("double", "triple"):
            mult, tens = (2 if low == "double" else 3), False
            continue
        if low in _WORD_DIGIT:
            d = _WORD_DIGIT[low]
            if tens and mult == 1 and d != "0":
                out[-1] = out[-1][:-1] + d
            else:
                out.append(d * mult)
            mult, tens = 1, False
            continue
        if low in _TEEN:
            out.append(_TEEN[low])
        elif low in _TEN:
            out.append(_TEN[low] + "0")
            mult, tens = 1, True
            continue
        elif low == "hundred":
            out.append("00")
        elif low == "thousand":
            out.append("000")
        elif letters and low in NATO:
            out.append(NATO[low])
        elif letters and t.isalpha() and t.isupper():
            out.append(t)
        mult, tens = 1, False
    return "".join(out)


def digits_of(text: str) -> str:
    """The digits a written or spoken number stands for ("forty-two, oh five" -> "4205")."""
    return _read(text, letters=False)


def code_of(text: str) -> str:
    """The letters and digits of a spoken or written code ("D for delta, E four four" -> "DE44")."""
    return _read(text, letters=True)


# --------------------------------------------------------------------------------------------- checksums


def luhn_ok(number: str) -> bool:
    """True when ``number`` (digits) passes the Luhn check used by card numbers and Canadian SINs."""
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return bool(number) and total % 10 == 0


def luhn_digit(partial: str) -> str:
    """The digit that makes ``partial + digit`` pass Luhn."""
    return next(d for d in "0123456789" if luhn_ok(partial + d))


def _iban_int(s: str) -> int:
    return int("".join(str(int(ch, 36)) for ch in s))


def iban_ok(iban: str) -> bool:
    """True when ``iban`` passes the ISO 13616 mod-97 check."""
    iban = iban.replace(" ", "").upper()
    return len(iban) > 4 and iban[:2].isalpha() and _iban_int(iban[4:] + iban[:4]) % 97 == 1


def iban_build(cc: str, bban: str) -> str:
    """An IBAN for country ``cc`` and domestic number ``bban`` with its two check digits."""
    check = 98 - _iban_int(bban + cc + "00") % 97
    return f"{cc}{check:02d}{bban}"


def aba_ok(number: str) -> bool:
    """True when a 9-digit US routing number passes the ABA checksum (weights 3, 7, 1)."""
    if len(number) != 9 or not number.isdigit():
        return False
    d = [int(c) for c in number]
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + d[8]) % 10 == 0


IBAN_LENGTH = {"DE": 22, "FR": 27, "NL": 18, "ES": 24, "IT": 27, "IE": 22, "BE": 16, "PT": 25, "AT": 20,
               "GB": 22, "PL": 28}


# --------------------------------------------------------------------------------------------- saying digits


def say_digit(d: str, zero: str) -> str:
    return zero if d == "0" else ONES[int(d)]


def say_each(s: str, rng: random.Random, zero: str = "oh", runs: float = 0.6) -> str:
    """Digit by digit in words, runs said "double five" / "triple oh" with probability ``runs``."""
    words: list[str] = []
    i = 0
    while i < len(s):
        j = i
        while j < len(s) and s[j] == s[i]:
            j += 1
        n, w = j - i, say_digit(s[i], zero)
        if n >= 3 and rng.random() < runs:
            words.append("triple " + w)
            i += 3
        elif n >= 2 and rng.random() < runs:
            words.append("double " + w)
            i += 2
        else:
            words.append(w)
            i += 1
    return " ".join(words)


def _join_words(chunks: list[str]) -> str:
    """Join spoken chunks; a bare tens word before a unit word gets a comma so it reads back right."""
    out = chunks[0]
    for prev, nxt in itertools.pairwise(chunks):
        tail, head = prev.split()[-1], nxt.split()[0]
        out += (", " if tail in TENS[2:] and head in ONES[1:] else " ") + nxt
    return out


def say_pairs(s: str, rng: random.Random, zero: str = "oh") -> str:
    """In pairs as people read groups of four: "forty-two forty-two", "oh five", "double oh"."""
    chunks: list[str] = []
    for k in range(0, len(s), 2):
        c = s[k:k + 2]
        if len(c) == 1:
            chunks.append(say_digit(c, zero))
        elif c == "00":
            chunks.append(rng.choice(("double " + zero, f"{zero} {zero}")))
        elif c[0] == "0":
            chunks.append(f"{zero} {ONES[int(c[1])]}")
        else:
            chunks.append(n2w(int(c)))
    return _join_words(chunks)


def say_grouped_odd(s: str, rng: random.Random, zero: str = "oh") -> str:
    """Number words grouped oddly, as some callers do: "twenty three forty five" (no hyphens),
    "nine forty-seven", a leading single digit; reads back to the same digits."""
    chunks: list[str] = []
    k = 0
    while k < len(s):
        take = 1 if (len(s) - k) % 2 and (k == 0 or rng.random() < 0.3) else 2
        c = s[k:k + take]
        if take == 1:
            chunks.append(say_digit(c, zero))
        elif c[0] == "0":
            chunks.append(f"{zero} {say_digit(c[1], zero)}")
        else:
            chunks.append(n2w(int(c)).replace("-", " "))
        k += take
    return _join_words(chunks)


def say_mixed(s: str, rng: random.Random, zero: str = "oh") -> str:
    """A group said the way it comes out: in pairs, digit by digit, or as written digits."""
    style = rng.random()
    if style < 0.4:
        return say_each(s, rng, zero)
    if style < 0.8 and len(s) % 2 == 0:
        return say_pairs(s, rng, zero)
    return say_each(s, rng, zero, runs=0.0)


def asr_digits(s: str, rng: random.Random) -> str:
    """A digit group as tiny.en writes it: digits, sometimes split oddly or hyphenated."""
    r = rng.random()
    if r < 0.6 or len(s) < 3:
        return s
    if r < 0.8:
        cut = rng.randint(1, len(s) - 1)
        return s[:cut] + " " + s[cut:]
    if r < 0.9:
        return "-".join(s)
    return " ".join(s)


def asr_regroup(s: str, rng: random.Random) -> str:
    """A whole number re-chunked at random places ("4242 4242 42 42"), as tiny.en hears pauses."""
    out, k = [], 0
    while k < len(s):
        n = rng.choice((2, 3, 4, 4, 4, 5))
        out.append(s[k:k + n])
        k += n
    return " ".join(out)


def fold(s: str) -> str:
    """ASCII-folded lower case (for e-mail local parts): "Łukasz Dąbrowski" -> "lukasz dabrowski"."""
    s = s.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("ß", "ss").replace("đ", "d")
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()


# --------------------------------------------------------------------------------------------- people
# Given names and surnames written for this set, grouped by origin; a caller's name is drawn from one
# origin most of the time and mixed across origins otherwise (as in any city's phone book).

GIVEN: dict[str, tuple[str, ...]] = {
    "irish": ("Aoife", "Niamh", "Siobhán", "Saoirse", "Caoimhe", "Clodagh", "Orla", "Gráinne", "Róisín", "Ciara",
              "Eimear", "Sinéad", "Áine", "Deirdre", "Muireann", "Cian", "Oisín", "Tadhg", "Darragh", "Eoin",
              "Cathal", "Ruairí", "Fiachra", "Pádraig", "Donal", "Colm", "Seán", "Diarmuid", "Fergal", "Ronan"),
    "anglo": ("Harriet", "Imogen", "Poppy", "Florence", "Eleanor", "Matilda", "Hazel", "Gemma", "Joanne", "Tracey",
              "Bethany", "Lauren", "Madison", "Brianna", "Kayla", "Shelby", "Tanner", "Colton", "Brody", "Garrett",
              "Wesley", "Clive", "Nigel", "Rupert", "Alistair", "Hamish", "Angus", "Lachlan", "Callum", "Travis",
              "Dale", "Brendan", "Marjorie", "Dolores", "Cheryl"),
    "polish": ("Agnieszka", "Małgorzata", "Katarzyna", "Zofia", "Joanna", "Magdalena", "Aleksandra", "Weronika",
               "Dorota", "Ewa", "Bożena", "Krystyna", "Wojciech", "Grzegorz", "Krzysztof", "Przemysław", "Tomasz",
               "Mateusz", "Jakub", "Łukasz", "Bartosz", "Piotr", "Marek", "Zbigniew", "Kacper", "Radosław",
               "Stanisław", "Jarosław"),
    "nigerian": ("Adaeze", "Chiamaka", "Ngozi", "Nkechi", "Obiageli", "Chinwe", "Ifeoma", "Folasade", "Yetunde",
                 "Funmilayo", "Temitope", "Oluwaseun", "Olusegun", "Babatunde", "Adebayo", "Chukwuemeka", "Obinna",
                 "Ikenna", "Emeka", "Chidi", "Nnamdi", "Uchenna", "Kelechi", "Tunde", "Femi", "Aminu", "Zainab",
                 "Hadiza", "Abubakar", "Musa"),
    "indian": ("Priya", "Ananya", "Kavya", "Deepika", "Lakshmi", "Meenakshi", "Sunita", "Anjali", "Shreya",
               "Aishwarya", "Divya", "Pooja", "Harpreet", "Gurpreet", "Rajesh", "Sanjay", "Arjun", "Vikram", "Rohan",
               "Aditya", "Karthik", "Suresh", "Venkatesh", "Prakash", "Nikhil", "Siddharth", "Manoj", "Rahul",
               "Harish", "Jaswinder"),
    "vietnamese": ("Linh", "Thảo", "Huong", "Ngoc", "Trang", "Phuong", "Mai", "Lan", "Hoa", "Thuy", "Anh", "Minh",
                   "Duc", "Tuan", "Quang", "Huy", "Khanh", "Long", "Bao", "Dung", "Hieu", "Thanh", "Vinh", "Phuc",
                   "Trung"),
    "hispanic": ("Lucía", "Carmen", "Pilar", "Inmaculada", "Marisol", "Rocío", "Beatriz", "Ximena", "Guadalupe",
                 "Valentina", "Itziar", "Nerea", "Montserrat", "Esperanza", "Alejandro", "Joaquín", "Ignacio",
                 "Gonzalo", "Rodrigo", "Santiago", "Álvaro", "Íñigo", "Javier", "Mateo", "Sergio", "Fernando",
                 "Emilio", "Aitor", "Jesús", "Raúl"),
    "arabic": ("Fatima", "Aisha", "Mariam", "Layla", "Noor", "Yasmin", "Rania", "Huda", "Samira", "Salma", "Amira",
               "Leila", "Hana", "Dalia", "Omar", "Khalid", "Tariq", "Yusuf", "Ibrahim", "Hamza", "Bilal", "Karim",
               "Samir", "Walid", "Ziad", "Faisal", "Mustafa", "Nasser", "Rashid", "Anas"),
    "chinese": ("Wei", "Xiaoming", "Mei", "Jing", "Yan", "Xiu", "Ling", "Hui", "Fang", "Qian", "Lihua", "Yuting",
                "Xinyi", "Jiahui", "Zihan", "Haoran", "Jun", "Hao", "Lei", "Tao", "Qiang", "Bo", "Zhiwei", "Yifan",
                "Jianguo", "Mingyu"),
    "greek": ("Eleni", "Katerina", "Despina", "Georgia", "Vasiliki", "Dimitra", "Theodora", "Anastasia", "Chrysa",
              "Paraskevi", "Ioanna", "Dimitris", "Giorgos", "Konstantinos", "Nikos", "Vasilis", "Panagiotis",
              "Stavros", "Christos", "Yiannis", "Thanasis", "Spyros", "Kostas", "Achilleas", "Evangelia"),
    "germanic": ("Anneliese", "Friederike", "Henrike", "Ilse", "Gudrun", "Sabine", "Jutta", "Wiebke", "Maartje",
                 "Femke", "Sanne", "Lotte", "Liesbeth", "Jorien", "Mareike", "Jürgen", "Dieter", "Wolfgang",
                 "Volker", "Torsten", "Henning", "Ruud", "Joost", "Sjoerd", "Pieter", "Bram", "Wouter", "Lars",
                 "Sven", "Matthijs"),
    "french": ("Margaux", "Solène", "Clémence", "Apolline", "Océane", "Maëlle", "Ségolène", "Gwenaëlle", "Aurélie",
               "Mathilde", "Élodie", "Inès", "Baptiste", "Timothée", "Aurélien", "Gaëtan", "Grégoire", "Jérémie",
               "Thibault", "Benoît", "Lucien", "Rémi", "Maxence", "Quentin", "Corentin", "Loïc"),
    "southern": ("Giulia", "Chiara", "Francesca", "Ludovica", "Benedetta", "Federica", "Serena", "Ilaria",
                 "Alessandra", "Martina", "Lorenzo", "Matteo", "Giacomo", "Tommaso", "Riccardo", "Pierluigi",
                 "Gianluca", "Salvatore", "Vincenzo", "Dario", "Conceição", "Joana", "Leonor", "Gonçalo", "João",
                 "Tiago", "Rui", "Duarte", "Afonso", "Graça"),
    "east_asian": ("Ji-woo", "Seo-yeon", "Min-jun", "Do-hyun", "Ha-eun", "Yuna", "Haruto", "Sakura", "Kenji",
                   "Aiko", "Hiroshi", "Yui", "Takeshi", "Ren", "Emiko", "Maricel", "Rowena", "Jericho", "Ligaya",
                   "Dindo"),
    "african": ("Kwame", "Kofi", "Akosua", "Abena", "Yaw", "Ama", "Thandiwe", "Sipho", "Lerato", "Nomvula",
                "Wanjiru", "Njeri", "Otieno", "Achieng", "Tendai", "Farai", "Tsegaye", "Meseret", "Abebe", "Hirut"),
    "west_asian": ("Shabnam", "Nasrin", "Roya", "Shirin", "Parisa", "Dariush", "Kourosh", "Arash", "Farhad", "Emre",
                   "Elif", "Zeynep", "Burak", "Cem", "Ayşe", "Mehmet", "Tanvir", "Rubina", "Shahid", "Imran"),
    "central": ("Avital", "Noa", "Yael", "Eitan", "Moshe", "Shira", "Dov", "Tova", "Ioana", "Bogdan", "Mihai",
                "Andreea", "Zsófia", "Bence", "Ágnes", "Levente", "Tereza", "Jiří", "Ondřej", "Radka"),
}

SURNAMES: dict[str, tuple[str, ...]] = {
    "irish": ("Ní Bhriain", "Ó Súilleabháin", "Mac Giolla Phádraig", "Fitzgerald", "Kavanagh", "Brennan", "Dunne",
              "Gallagher", "Moynihan", "Tierney", "Flanagan", "Devlin", "Mulcahy", "Keohane", "Scanlon", "Hegarty",
              "Doherty", "McGrath", "Costigan", "Breathnach", "Ó Conaill", "Lenihan", "Quinlivan", "Furlong",
              "Whelan", "Kinsella", "Nolan", "Cullinane", "Moriarty", "Geraghty"),
    "anglo": ("Ashworth", "Pemberton", "Hargreaves", "Thistlewood", "Cartwright", "Blackwood", "Fairbairn",
              "Rowntree", "Holloway", "Whitcombe", "Langford", "Buckley", "Pennington", "Dawlish", "Sutcliffe",
              "Crabtree", "Kettering", "Haddow", "MacAskill", "Drummond", "Gillespie", "Abernethy", "Strachan",
              "Calloway", "Whitaker", "Merriweather", "Lockhart", "Tennant", "Bramley", "Smyth", "Pryce", "Coulter"),
    "polish": ("Wiśniewska", "Kowalczyk", "Zielińska", "Szymański", "Wójcik", "Kamińska", "Lewandowski",
               "Dąbrowski", "Kozłowska", "Jankowski", "Mazur", "Krawczyk", "Piotrowski", "Grabowska", "Pawlak",
               "Michalski", "Zając", "Wróbel", "Stępień", "Górecki", "Sikora", "Baran", "Rutkowski", "Ostrowska",
               "Chmielewski", "Włodarczyk", "Przybylski", "Szczepańska"),
    "nigerian": ("Okonkwo", "Adeyemi", "Okafor", "Nwosu", "Eze", "Obi", "Chukwu", "Oyelaran", "Olatunji",
                 "Balogun", "Ogunleye", "Akinola", "Onyekachi", "Nwachukwu", "Ibekwe", "Uzoma", "Ogbonna", "Bello",
                 "Abdullahi", "Danjuma", "Afolabi", "Fashola", "Oyewole", "Ezeh", "Anyanwu", "Okoro", "Adesanya",
                 "Iwu", "Ekwueme", "Adeleke"),
    "indian": ("Raman", "Krishnamurthy", "Subramanian", "Venkataraman", "Iyer", "Nair", "Menon", "Pillai", "Reddy",
               "Chatterjee", "Banerjee", "Mukherjee", "Bhattacharya", "Deshpande", "Kulkarni", "Joshi", "Patil",
               "Sandhu", "Grewal", "Dhillon", "Chaudhary", "Agarwal", "Malhotra", "Kapoor", "Srinivasan",
               "Ramachandran", "Gupta", "Trivedi", "Rao", "Sethi"),
    "vietnamese": ("Nguyen", "Tran", "Le", "Pham", "Hoang", "Huynh", "Phan", "Vu", "Vo", "Dang", "Bui", "Do", "Ho",
                   "Ngo", "Duong", "Ly", "Truong", "Dinh", "Lam", "Quach"),
    "hispanic": ("Etxeberria", "Goikoetxea", "Urrutia", "Castañeda", "Villanueva", "Zubizarreta", "Olmedo",
                 "Cifuentes", "Arrieta", "Quintana", "Barrientos", "Montoya", "Echeverría", "Sandoval", "Carrasco",
                 "Peñalosa", "Ibarra", "Valdés", "Aranda", "Benítez", "Salcedo", "Robles", "Fuentes", "Garrido",
                 "Medina", "Navarro", "Ortega", "Mendoza", "Cabrera", "Iglesias"),
    "arabic": ("Al-Hashimi", "Haddad", "Khoury", "Mansour", "Saleh", "Abboud", "Farouk", "El-Amin", "Bakr", "Hamdan",
               "Jaber", "Karam", "Aziz", "Darwish", "Suleiman", "Tahan", "Zaher", "Issa", "Yassin", "Awad",
               "Shalaby", "Al-Masri", "Barakat", "Ghanem", "Hijazi", "Kassab", "Maalouf", "Nassar", "Sabbagh",
               "Toukan"),
    "chinese": ("Zhang", "Wang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu",
                "Hu", "Guo", "Hou", "Lin", "Luo", "Gao", "Zheng", "Liang", "Xie", "Song", "Tang", "Han", "Feng",
                "Deng", "Cao", "Peng", "Zeng"),
    "greek": ("Papadopoulos", "Georgiou", "Konstantinidis", "Nikolaou", "Vlachos", "Karagiannis", "Pappas",
              "Oikonomou", "Alexiou", "Dimitriou", "Makris", "Theodorou", "Christodoulou", "Antoniou", "Stavrou",
              "Kyriakou", "Mavridis", "Spanos", "Angelopoulou", "Koutsoukos"),
    "germanic": ("Brandstätter", "Hoffmeister", "Kleinschmidt", "Vogelsang", "Rosenthal", "Eberhardt", "Lindqvist",
                 "Halvorsen", "Bergström", "Sørensen", "van der Berg", "de Vries", "Visser", "Bakker", "Mulder",
                 "Janssen", "Vermeulen", "van Dijk", "Hendriks", "Smits", "de Graaf", "Brouwer", "Dekker", "Kuipers",
                 "Vos", "Huisman", "Schröder", "Wagner", "Zimmermann", "Krüger"),
    "french": ("Lefebvre", "Rousseau", "Fontaine", "Delacroix", "Chevalier", "Beaumont", "Girard", "Marchand",
               "Dubois", "Moreau", "Lemaire", "Vandenberghe", "Peeters", "Desmet", "Claes", "Maes", "Wouters",
               "Dupont", "Lambert", "Mercier", "Bonnet", "Faure", "Garnier", "Gauthier", "Perrin", "Rolland"),
    "southern": ("Esposito", "Ferraro", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca",
                 "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro",
                 "Caruso", "Ferreira", "Carvalho", "Pereira", "Rodrigues", "Almeida", "Sousa", "Gonçalves",
                 "Martins", "Lopes", "Cardoso"),
    "east_asian": ("Park", "Choi", "Jeong", "Kang", "Yoon", "Lim", "Tanaka", "Watanabe", "Yamamoto", "Nakamura",
                   "Kobayashi", "Sato", "Takahashi", "Inoue", "Dela Cruz", "Bautista", "Reyes", "Santos",
                   "Macaraeg", "Dimaculangan"),
    "african": ("Mensah", "Owusu", "Boateng", "Asante", "Acheampong", "Dlamini", "Nkosi", "Mokoena", "Khumalo",
                "Ndlovu", "Mwangi", "Kamau", "Wanjiku", "Mutua", "Moyo", "Chikwanha", "Tesfaye", "Bekele", "Haile",
                "Oduya"),
    "west_asian": ("Rostami", "Tehrani", "Moradi", "Karimi", "Hosseini", "Yilmaz", "Demir", "Çelik", "Şahin",
                   "Aydın", "Öztürk", "Kaya", "Qureshi", "Chaudhry", "Siddiqui", "Malik", "Rahman", "Hossain",
                   "Chowdhury", "Akhtar"),
    "central": ("Abramowitz", "Feldman", "Rosenberg", "Katz", "Goldfarb", "Horvath", "Novák", "Dvořák", "Popescu",
                "Ionescu", "Nagy", "Kovács", "Svoboda", "Bălan"),
}

# How tiny.en tends to write some of these names (the label still covers what it wrote).
NAME_ASR = {"Siobhán": "Shivaun", "Saoirse": "Sersha", "Caoimhe": "Keeva", "Niamh": "Neeve", "Aoife": "Eefa",
            "Tadhg": "Tige", "Gráinne": "Grania", "Sinéad": "Shinade", "Oisín": "Usheen", "Ruairí": "Rory",
            "Pádraig": "Petrick", "Nguyen": "Win", "Wojciech": "Voychek", "Przemysław": "Pshemislav",
            "Olusegun": "Olu Segun", "Chukwuemeka": "Chuckwu Emeka", "Xiaoming": "Shao Ming", "Zhou": "Joe",
            "Ó Súilleabháin": "O'Sullivan", "Ní Bhriain": "Nee Brian", "Breathnach": "Brannock",
            "Grzegorz": "Gregor", "Szczepańska": "Shchepanska", "Nkechi": "Ink Echi", "Thảo": "Tao",
            "Itziar": "It's you are", "Íñigo": "Inigo", "Joaquín": "Wakeen", "Xie": "Shea", "Zeng": "Tseng"}

PERSON_SPREAD = {  # origins most often met by country (the rest of the mix is drawn from all)
    "US": ("anglo", "hispanic", "nigerian", "indian", "vietnamese", "chinese", "arabic", "east_asian", "central",
           "irish", "polish", "greek", "african"),
    "UK": ("anglo", "indian", "nigerian", "polish", "irish", "arabic", "chinese", "west_asian", "african", "greek"),
    "IE": ("irish", "anglo", "polish", "nigerian", "indian", "hispanic", "chinese", "central"),
    "CA": ("anglo", "french", "chinese", "indian", "vietnamese", "arabic", "east_asian", "west_asian", "irish"),
    "AU": ("anglo", "greek", "vietnamese", "chinese", "indian", "southern", "arabic", "east_asian", "irish"),
    "DE": ("germanic", "west_asian", "polish", "greek", "southern", "arabic", "central"),
    "FR": ("french", "arabic", "african", "southern", "vietnamese", "west_asian"),
    "NL": ("germanic", "west_asian", "arabic", "indian", "african", "french"),
    "ES": ("hispanic", "arabic", "southern", "central", "chinese", "african"),
    "IT": ("southern", "hispanic", "african", "chinese", "central", "arabic"),
    "BE": ("french", "germanic", "arabic", "african", "southern", "polish"),
    "PT": ("southern", "hispanic", "african", "indian", "central"),
    "AT": ("germanic", "central", "west_asian", "polish", "southern"),
    "PL": ("polish", "central", "germanic", "vietnamese", "west_asian"),
}


@dataclass(frozen=True)
class Person:
    """A fake person: a given name and a surname drawn independently."""

    first: str
    last: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


def draw_person(rng: random.Random, country: str, avoid: Sequence[Person] = ()) -> Person:
    """A given name and surname for someone in ``country``, different from everyone in ``avoid``."""
    while True:
        origins = PERSON_SPREAD[country]
        g = rng.choice(origins) if rng.random() < 0.75 else rng.choice(list(GIVEN))
        s = g if rng.random() < 0.8 else rng.choice(origins)
        p = Person(rng.choice(GIVEN[g]), rng.choice(SURNAMES[s]))
        if all(p.first != q.first and p.last != q.last for q in avoid):
            return p


def name_asr(name: str, rng: random.Random) -> str:
    """A name as tiny.en writes it: mostly right, sometimes as it sounds ("Siobhán" -> "Shivaun")."""
    out = name
    for k, v in NAME_ASR.items():
        if k in out and rng.random() < 0.6:
            out = out.replace(k, v)
    if rng.random() < 0.3:
        out = fold(out).title() if not any(c in out for c in "'-") else out
    return out


# --------------------------------------------------------------------------------------------- countries and places


@dataclass(frozen=True)
class Country:
    """Where the customer is: currency sign, date order, how they pay by bank, which IDs exist."""

    code: str
    currency: str
    month_first: bool
    bank: str  # "aba" (routing + account), "sort" (sort code + account), "iban", "" (cards only)
    ids: tuple[str, ...]
    weight: int


COUNTRIES = {
    "US": Country("US", "$", True, "aba", ("ssn", "ssn", "ssn", "ssn4", "dl_us", "passport_us"), 76),
    "UK": Country("UK", "£", False, "sort", ("ni", "ni", "nhs", "passport_uk", "dl_uk"), 58),
    "IE": Country("IE", "€", False, "iban", ("pps", "pps", "passport_ie"), 32),
    "CA": Country("CA", "$", False, "", ("sin", "sin", "ohip", "passport_ca"), 28),
    "AU": Country("AU", "$", False, "", ("tfn", "medicare", "medicare", "dl_au"), 28),
    "DE": Country("DE", "€", False, "iban", ("perso_de", "passport_eu"), 16),
    "FR": Country("FR", "€", False, "iban", ("secu_fr", "passport_eu"), 14),
    "NL": Country("NL", "€", False, "iban", ("bsn", "bsn", "passport_eu"), 13),
    "ES": Country("ES", "€", False, "iban", ("dni", "nie"), 13),
    "IT": Country("IT", "€", False, "iban", ("cf", "cf", "passport_eu"), 11),
    "BE": Country("BE", "€", False, "iban", ("rrn_be",), 8),
    "PT": Country("PT", "€", False, "iban", ("nif_pt",), 6),
    "AT": Country("AT", "€", False, "iban", ("passport_eu",), 6),
    "PL": Country("PL", "zł", False, "iban", ("pesel", "passport_eu"), 6),
}
IBAN_CC = {"IE": "IE", "DE": "DE", "FR": "FR", "NL": "NL", "ES": "ES", "IT": "IT", "BE": "BE", "PT": "PT",
           "AT": "AT", "PL": "PL", "UK": "GB"}

# (city, region, postcode key): the city and region are `ignore` text beside an address.
CITIES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "US": (("Tulsa", "Oklahoma", "741"), ("Dayton", "Ohio", "454"), ("Boise", "Idaho", "837"),
           ("Tacoma", "Washington", "984"), ("Raleigh", "North Carolina", "276"), ("Albuquerque", "New Mexico", "871"),
           ("Madison", "Wisconsin", "537"), ("Savannah", "Georgia", "314"), ("Lexington", "Kentucky", "405"),
           ("Fresno", "California", "937"), ("Omaha", "Nebraska", "681"), ("Providence", "Rhode Island", "029"),
           ("Des Moines", "Iowa", "503"), ("Chattanooga", "Tennessee", "374"), ("Tucson", "Arizona", "857"),
           ("Rochester", "New York", "146"), ("Burlington", "Vermont", "054"), ("El Paso", "Texas", "799"),
           ("Ann Arbor", "Michigan", "481"), ("Portland", "Maine", "041")),
    "UK": (("Leeds", "West Yorkshire", "LS"), ("Bristol", "", "BS"), ("Norwich", "Norfolk", "NR"),
           ("Stoke-on-Trent", "", "ST"), ("Swansea", "", "SA"), ("Aberdeen", "", "AB"), ("Derby", "", "DE"),
           ("Exeter", "Devon", "EX"), ("Belfast", "", "BT"), ("Carlisle", "Cumbria", "CA"), ("Reading", "", "RG"),
           ("Cardiff", "", "CF"), ("Sheffield", "", "S"), ("Hull", "", "HU"), ("Dundee", "", "DD"),
           ("Manchester", "", "M"), ("Glasgow", "", "G"), ("Brighton", "East Sussex", "BN")),
    "IE": (("Dublin 8", "", "D08"), ("Dublin 15", "", "D15"), ("Galway", "County Galway", "H91"),
           ("Cork", "County Cork", "T12"), ("Limerick", "", "V94"), ("Waterford", "", "X91"),
           ("Sligo", "County Sligo", "F91"), ("Kilkenny", "", "R95"), ("Athlone", "County Westmeath", "N37"),
           ("Drogheda", "County Louth", "A92"), ("Tralee", "County Kerry", "V92"), ("Naas", "County Kildare", "W91")),
    "CA": (("Toronto", "Ontario", "M"), ("Ottawa", "Ontario", "K"), ("Vancouver", "British Columbia", "V"),
           ("Calgary", "Alberta", "T"), ("Halifax", "Nova Scotia", "B"), ("Winnipeg", "Manitoba", "R"),
           ("Montréal", "Quebec", "H"), ("Saskatoon", "Saskatchewan", "S"), ("Victoria", "BC", "V"),
           ("Hamilton", "ON", "L")),
    "AU": (("Parramatta", "NSW", "21"), ("Fitzroy", "Victoria", "30"), ("Toowong", "Queensland", "40"),
           ("Fremantle", "WA", "61"), ("Glenelg", "South Australia", "50"), ("Newtown", "NSW", "20"),
           ("Carlton", "VIC", "30"), ("Sandy Bay", "Tasmania", "70"), ("Braddon", "ACT", "26"),
           ("Geelong", "Victoria", "32")),
    "DE": (("Leipzig", "", "04"), ("Freiburg", "", "79"), ("Bremen", "", "28"), ("Münster", "", "48"),
           ("Kassel", "", "34"), ("Rostock", "", "18")),
    "FR": (("Lyon", "", "69"), ("Nantes", "", "44"), ("Rennes", "", "35"), ("Lille", "", "59"),
           ("Grenoble", "", "38"), ("Montpellier", "", "34")),
    "NL": (("Utrecht", "", "35"), ("Groningen", "", "97"), ("Haarlem", "", "20"), ("Eindhoven", "", "56"),
           ("Leiden", "", "23")),
    "ES": (("Valencia", "", "46"), ("Zaragoza", "", "50"), ("Bilbao", "", "48"), ("Granada", "", "18"),
           ("Málaga", "", "29")),
    "IT": (("Bologna", "", "40"), ("Torino", "", "10"), ("Verona", "", "37"), ("Bari", "", "70"),
           ("Padova", "", "35")),
    "BE": (("Gent", "", "90"), ("Leuven", "", "30"), ("Namur", "", "50"), ("Liège", "", "40")),
    "PT": (("Porto", "", "40"), ("Braga", "", "47"), ("Coimbra", "", "30"), ("Lisboa", "", "11")),
    "AT": (("Graz", "", "80"), ("Linz", "", "40"), ("Salzburg", "", "50"), ("Innsbruck", "", "60")),
    "PL": (("Kraków", "", "3"), ("Gdańsk", "", "8"), ("Poznań", "", "6"), ("Wrocław", "", "5")),
}

EN_STEMS = ("Larkspur", "Quarry Bend", "Whistler Pond", "Cormorant", "Heronsgate", "Foxglove", "Millrace",
            "Tanager", "Bramblewood", "Kestrel Hill", "Sorrel", "Marram", "Juniper Hollow", "Lantern",
            "Copper Beech", "Saltmarsh", "Blackthorn", "Wrenfield", "Ashgrove", "Tidewater", "Cinderford",
            "Harrowgate", "Falconer", "Pebblebrook", "Thornbury", "Oriel", "Mallow", "Ravensworth", "Linnet",
            "Greyfriars", "Ferncliffe", "Dovecote", "Wagtail", "Cobbler's", "Weaver's", "Chandler", "Clover Ridge",
            "Elderberry", "Birchmount", "Meadowsweet", "Stonechat", "Ploughman's", "Rookery", "Samphire", "Lapwing",
            "Osprey", "Hawthorn Dale", "Kingfisher", "Nettlebed", "Shearwater")
STREET_TYPES = {
    "US": ("Road", "Lane", "Avenue", "Court", "Drive", "Way", "Boulevard", "Place", "Circle", "Trail", "Parkway",
           "Street"),
    "UK": ("Road", "Lane", "Close", "Crescent", "Rise", "Terrace", "Gardens", "Mews", "Walk", "Grove", "Street",
           "Row"),
    "IE": ("Road", "Avenue", "Park", "Grove", "Court", "Drive", "Lawn", "Heights", "Close", "Walk"),
    "CA": ("Street", "Avenue", "Crescent", "Drive", "Road", "Boulevard", "Court", "Way"),
    "AU": ("Parade", "Street", "Avenue", "Crescent", "Close", "Place", "Road", "Way", "Circuit", "Esplanade"),
}
IE_STEMS = ("Ardnacarrig", "Lisnagree", "Cloonfad", "Rathmoyle", "Drumcorrib", "Gleann Álainn", "Ballycrane",
            "Carrigmore", "Kilbrack", "Mountbellew")
AU_STEMS = ("Wattle Grove", "Bellbird", "Ironbark", "Banksia", "Lilly Pilly", "Boronia", "Jacaranda", "Kurrajong",
            "Grevillea", "Waratah", "Bottlebrush", "Currawong")
EU_STREETS = {
    "DE": ("Lindenhofweg", "Am Kiesberg", "Ahornbuschstraße", "Eulenhorst", "Mühlbachallee", "Sonnenhalde",
           "Birkenkamp", "Falkenriedring", "Holundergasse", "Fichtenhangweg"),
    "FR": ("rue des Tanneurs", "allée des Glycines", "impasse des Mésanges", "avenue des Peupliers Blancs",
           "rue du Vieux Lavoir", "boulevard des Cordiers", "chemin de la Huppe"),
    "NL": ("Zwanenbloemstraat", "Kievitlaan", "Ooievaarshof", "Boterbloemweg", "Lisdoddegracht", "Reigerkade"),
    "ES": ("Calle del Olivo", "Avenida de los Almendros", "Calle de la Alfarería", "Paseo de las Gaviotas",
           "Calle Mayor del Pinar", "Travesía del Romero"),
    "IT": ("Via dei Ciclamini", "Viale delle Ginestre", "Via del Melograno", "Corso dei Gelsomini",
           "Via delle Lucciole", "Vicolo del Pozzo Antico"),
    "BE": ("Rue des Glycines", "Kerkhoflaan", "Avenue des Mésanges", "Populierenstraat", "Rue du Vieux Moulin",
           "Beukenlaan"),
    "PT": ("Rua das Amendoeiras", "Travessa do Alecrim", "Rua da Oliveira Velha", "Avenida dos Jacarandás"),
    "AT": ("Holundergasse", "Zirbenweg", "Edelweißstraße", "Marillengasse", "Föhrenweg"),
    "PL": ("ul. Jaśminowa", "ul. Kasztanowa", "ul. Modrzewiowa", "ul. Wrzosowa", "ul. Jarzębinowa"),
}
UK_PC_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
EIR_CHARS = "ACDEFHKNPRTVWXY0123456789"
CA_LETTERS = "ABCEGHJKLMNPRSTVWXYZ"


# --------------------------------------------------------------------------------------------- values

TEST_CARDS = ("4242424242424242", "4000056655665556", "4111111111111111", "4012888888881881", "5555555555554444",
              "5105105105105100", "2223003122003222", "378282246310005", "371449635398431", "6011111111111117",
              "6011000990139424", "3566002020360505", "4000002500003155", "5200828282828210", "36227206271667")
CARD_PREFIXES = ("400000", "411111", "424242", "555555", "222300", "510510", "601100", "378282", "371449",
                 "353011", "401288", "520082")


def brand_of(number: str) -> str:
    if number.startswith(("34", "37")):
        return "Amex"
    if number.startswith("36"):
        return "Diners"
    if number.startswith("35"):
        return "JCB"
    if number.startswith("6"):
        return "Discover"
    return "Visa" if number.startswith("4") else "Mastercard"


def draw_card(rng: random.Random) -> str:
    """A test-range card number that passes Luhn: a published test number or one built from a test prefix."""
    if rng.random() < 0.45:
        return rng.choice(TEST_CARDS)
    prefix = rng.choice(CARD_PREFIXES)
    length = 15 if prefix.startswith("37") else 16
    body = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
    return body + luhn_digit(body)


def card_groups(number: str) -> list[str]:
    if len(number) == 15:
        return [number[:4], number[4:10], number[10:]]
    if len(number) == 14:
        return [number[:4], number[4:10], number[10:]]
    return [number[k:k + 4] for k in range(0, len(number), 4)]


def draw_aba(rng: random.Random) -> str:
    """A 9-digit routing number with a Federal Reserve district prefix and a valid ABA check digit."""
    first = rng.choice(("0", "1", "2", "3"))
    second = {"0": "123456789", "1": "012", "2": "123456789", "3": "012"}[first]
    body = first + rng.choice(second) + "".join(rng.choice("0123456789") for _ in range(6))
    return next(body + d for d in "0123456789" if aba_ok(body + d))


BANK_CODES = {  # invented bank codes (no O, to keep letter O and zero apart)
    "IE": ("KLMB", "TRSK", "WEXF", "BRNY"), "NL": ("KVRN", "TLPB", "ZWAN", "HDLK"),
    "GB": ("HBRK", "MNTL", "CRWN", "LYTH"),
}


def draw_iban(rng: random.Random, cc: str) -> str:
    """An IBAN of country ``cc`` for an invented bank, with correct check digits."""
    def dg(n: int) -> str:
        return "".join(rng.choice("0123456789") for _ in range(n))
    if cc == "DE":
        bban = "7" + dg(7) + dg(10)
    elif cc == "FR":
        bank, branch, acct = "3" + dg(4), dg(5), dg(11)
        key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(acct)) % 97
        bban = f"{bank}{branch}{acct}{key:02d}"
    elif cc == "NL":
        bban = rng.choice(BANK_CODES["NL"]) + dg(10)
    elif cc == "ES":
        bban = "9" + dg(3) + dg(4) + dg(2) + dg(10)
    elif cc == "IT":
        bban = rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") + "0" + dg(4) + dg(5) + dg(12)
    elif cc == "IE":
        bban = rng.choice(BANK_CODES["IE"]) + "9" + dg(5) + dg(8)
    elif cc == "BE":
        core = "9" + dg(2) + dg(7)
        chk = int(core) % 97 or 97
        bban = f"{core}{chk:02d}"
    elif cc == "PT":
        bban = "0" + dg(3) + dg(4) + dg(11) + dg(2)
    elif cc == "AT":
        bban = "9" + dg(4) + dg(11)
    elif cc == "PL":
        bban = "1" + dg(7) + dg(16)
    else:  # GB
        bban = rng.choice(BANK_CODES["GB"]) + dg(6) + dg(8)
    iban = iban_build(cc, bban)
    assert len(iban) == IBAN_LENGTH[cc] and iban_ok(iban), iban
    return iban


@dataclass(frozen=True)
class Phone:
    """A phone number: country calling code, the national digits (with trunk 0 where used), and how
    it is grouped on paper nationally."""

    cc: str
    groups: tuple[str, ...]
    trunk: bool = True

    @property
    def national(self) -> str:
        return "".join(self.groups)

    @property
    def intl_groups(self) -> tuple[str, ...]:
        g = list(self.groups)
        if self.trunk:
            g[0] = g[0].removeprefix("0")
            if g[0] == "":
                g = g[1:]
        return tuple(x for x in g if x)


def draw_phone(rng: random.Random, country: str) -> Phone:
    """A phone number in a fiction range where the country has one (US/CA 555-01xx, UK Ofcom drama
    numbers, AU ACMA fiction numbers, FR 06 39 98), random in the right shape elsewhere."""
    def dg(n: int) -> str:
        return "".join(rng.choice("0123456789") for _ in range(n))
    if country in ("US", "CA"):
        areas = ("312", "614", "208", "253", "919", "505", "608", "912", "859", "559", "402", "401", "515",
                 "423", "520", "585", "802", "915", "734", "207") if country == "US" else (
            "416", "647", "613", "604", "778", "403", "902", "204", "514", "306", "905")
        return Phone("1", (rng.choice(areas), "555", "01" + dg(2)), trunk=False)
    if country == "UK":
        kind = rng.random()
        if kind < 0.5:
            return Phone("44", ("07700", "900" + dg(3)))
        if kind < 0.7:
            return Phone("44", ("020", "7946", "0" + dg(3)))
        area = rng.choice(("0113", "0114", "0115", "0116", "0117", "0118", "0121", "0131", "0141", "0151", "0161"))
        return Phone("44", (area, "496", "0" + dg(3)))
    if country == "IE":
        if rng.random() < 0.65:
            return Phone("353", ("08" + rng.choice("35679"), dg(3), dg(4)))
        return Phone("353", (rng.choice(("01", "021", "091", "061")), dg(3), dg(4)))
    if country == "AU":
        if rng.random() < 0.6:
            return Phone("61", ("0491", "570", "1" + str(rng.randint(10, 59))))
        return Phone("61", ("0" + rng.choice("2378"), "5550", dg(4)))
    if country == "FR":
        return Phone("33", ("06", "39", "98", dg(2), dg(2)))
    if country == "DE":
        return Phone("49", ("01" + rng.choice(("51", "52", "60", "70", "76")), dg(3), dg(5)))
    if country == "NL":
        return Phone("31", ("06", dg(4), dg(4)))
    if country == "ES":
        return Phone("34", ("6" + dg(2), dg(3), dg(3)), trunk=False)
    if country == "IT":
        return Phone("39", ("3" + dg(2), dg(3), dg(4)), trunk=False)
    if country == "BE":
        return Phone("32", ("04" + dg(2), dg(2), dg(2), dg(2)))
    if country == "PT":
        return Phone("351", ("9" + dg(2), dg(3), dg(3)), trunk=False)
    if country == "AT":
        return Phone("43", ("0664", dg(3), dg(4)))
    return Phone("48", ("5" + dg(2), dg(3), dg(3)), trunk=False)  # PL


@dataclass(frozen=True)
class Address:
    """A street line (with flat / unit / apartment where there is one), city, region and postcode."""

    street: str
    street_asr: str
    city: str
    region: str
    postcode: str
    unit: str = ""  # the flat / apartment part when it can be said on its own
    unit_asr: str = ""


def draw_postcode(rng: random.Random, country: str, key: str) -> str:
    def dg(n: int) -> str:
        return "".join(rng.choice("0123456789") for _ in range(n))
    if country == "US":
        return key + dg(2)
    if country == "UK":
        district = str(rng.randint(1, 19)) if len(key) == 2 else str(rng.randint(1, 29))
        return f"{key}{district} {rng.randint(1, 9)}{rng.choice(UK_PC_LETTERS)}{rng.choice(UK_PC_LETTERS)}"
    if country == "IE":
        return key + " " + "".join(rng.choice(EIR_CHARS) for _ in range(4))
    if country == "CA":
        return (f"{key}{rng.randint(1, 9)}{rng.choice(CA_LETTERS)} "
                f"{rng.randint(0, 9)}{rng.choice(CA_LETTERS)}{rng.randint(0, 9)}")
    if country == "AU":
        return key + dg(2)
    if country == "NL":
        return key + dg(2) + " " + rng.choice("ABCDEGHJKLMNPRSTVWXZ") + rng.choice("ABCDEGHJKLMNPRSTVWXZ")
    if country == "PT":
        return key + dg(2) + "-" + dg(3)
    if country in ("BE", "AT"):
        return key + dg(2)
    if country == "PL":
        return key + dg(1) + "-" + dg(3)
    return key + dg(3)  # DE, FR, ES, IT


def draw_address(rng: random.Random, country: str) -> Address:
    """An invented street address in ``country`` with a real city beside it."""
    city, region, key = rng.choice(CITIES[country])
    pc = draw_postcode(rng, country, key)
    if country in EU_STREETS:
        street = rng.choice(EU_STREETS[country])
        n = rng.randint(1, 140)
        unit = unit_asr = ""
        if country == "DE":
            no = f"{n}{rng.choice(('', '', 'a', 'b'))}"
            return Address(f"{street} {no}", f"{street} {no}", city, region, pc)
        if country == "FR":
            line = f"{n} {street}"
            if rng.random() < 0.4:
                unit = f"appartement {rng.randint(1, 40)}"
            return Address(line, line.lower(), city, region, pc, unit, unit)
        if country == "NL":
            suffix = rng.choice(("", "", "-II", " A", "-1"))
            return Address(f"{street} {n}{suffix}", f"{street} {n}{suffix.replace('-II', ' 2')}", city, region, pc)
        if country == "ES":
            floor = rng.randint(1, 9)
            door = rng.choice("ABCD")
            return Address(f"{street} {n}, {floor}º {door}", f"{street} {n} {floor} {door}", city, region, pc)
        if country == "IT":
            line = f"{street} {n}"
            if rng.random() < 0.5:
                unit = f"interno {rng.randint(1, 24)}"
            return Address(line, line, city, region, pc, unit, unit)
        if country == "BE":
            line = f"{street} {n}"
            if rng.random() < 0.5:
                unit = rng.choice(("boîte", "bus")) + f" {rng.randint(1, 12)}"
            return Address(line, line, city, region, pc, unit, unit)
        if country == "PT":
            side = rng.choice(("Esquerdo", "Direito", "Frente"))
            return Address(f"{street} {n}, {rng.randint(1, 8)}.º {side}", f"{street} {n} {side}", city, region, pc)
        if country == "AT":
            return Address(f"{street} {n}/{rng.randint(1, 20)}", f"{street} {n} {rng.randint(1, 20)}", city, region,
                           pc)
        return Address(f"{street} {n} m. {rng.randint(1, 60)}", f"{street} {n} {rng.randint(1, 60)}", city, region, pc)
    stems = EN_STEMS + (IE_STEMS if country == "IE" else AU_STEMS if country == "AU" else ())
    street = f"{rng.choice(stems)} {rng.choice(STREET_TYPES[country])}"
    n = rng.randint(2, 9899) if country == "US" else rng.randint(1, 240)
    line = f"{n} {street}"
    unit = unit_asr = ""
    r = rng.random()
    if country == "US" and r < 0.5:
        no = rng.choice((f"{rng.randint(1, 9)}{rng.choice('ABCD')}", str(rng.randint(2, 40)), str(rng.randint(101, 950))))
        word = rng.choice(("Apt", "Apartment", "Unit", "Suite", "#"))
        unit = f"{word} {no}" if word != "#" else f"#{no}"
        unit_asr = f"{rng.choice(('apartment', 'apt', 'unit', 'suite'))} {no}" if word != "#" else f"number {no}"
    elif country in ("UK", "IE") and r < 0.45:
        no = rng.choice((str(rng.randint(1, 30)), f"{rng.randint(1, 9)}{rng.choice('ABC')}"))
        unit = f"{rng.choice(('Flat', 'Flat', 'Apartment'))} {no}"
        unit_asr = unit.lower() if rng.random() < 0.5 else unit
    elif country == "CA" and r < 0.4:
        unit = f"Unit {rng.randint(101, 2400)}"
        unit_asr = unit.lower()
    elif country == "AU" and r < 0.45:
        u = rng.randint(1, 24)
        if rng.random() < 0.5:
            return Address(f"{u}/{line}", f"{u}/{line}", city, region, pc)
        unit = f"Unit {u}"
        unit_asr = f"unit {u}"
    asr_line = line if rng.random() < 0.6 else line.lower()
    return Address(line, asr_line, city, region, pc, unit, unit_asr or unit)


EMAIL_DOMAINS = {
    "US": ("gmail.com", "outlook.com", "yahoo.com", "icloud.com", "aol.com", "proton.me", "comcast.net"),
    "UK": ("gmail.com", "outlook.com", "btinternet.com", "yahoo.co.uk", "hotmail.co.uk", "sky.com"),
    "IE": ("gmail.com", "eircom.net", "outlook.ie", "hotmail.com", "icloud.com"),
    "CA": ("gmail.com", "outlook.com", "rogers.com", "shaw.ca", "sympatico.ca", "yahoo.ca"),
    "AU": ("gmail.com", "bigpond.com", "outlook.com.au", "optusnet.com.au", "icloud.com"),
    "DE": ("web.de", "gmx.de", "t-online.de", "gmail.com"), "FR": ("orange.fr", "free.fr", "laposte.net", "gmail.com"),
    "NL": ("ziggo.nl", "kpnmail.nl", "gmail.com", "hotmail.nl"), "ES": ("telefonica.net", "gmail.com", "yahoo.es"),
    "IT": ("libero.it", "virgilio.it", "gmail.com", "tiscali.it"), "BE": ("skynet.be", "telenet.be", "gmail.com"),
    "PT": ("sapo.pt", "gmail.com", "netcabo.pt"), "AT": ("gmx.at", "aon.at", "gmail.com"),
    "PL": ("wp.pl", "onet.pl", "gmail.com", "interia.pl"),
}


def draw_email(rng: random.Random, p: Person, country: str, work_domain: str = "") -> str:
    """An address built from the person's name: "priya.raman88@outlook.com", "j_okafor@..."."""
    first = re.sub(r"[^a-z]", "", fold(p.first))
    last = re.sub(r"[^a-z]", "", fold(p.last))
    nn = str(rng.randint(1, 99)) if rng.random() < 0.5 else str(rng.randint(1955, 2004))[-2:]
    local = rng.choice((f"{first}.{last}", f"{first[0]}{last}", f"{first}{last}{nn}", f"{last}.{first[0]}",
                        f"{first}_{last}", f"{first}{nn}", f"{first}.{last}{nn}", f"{first[0]}.{last}",
                        f"{last}{first[0]}", f"{first}-{last}"))
    domain = work_domain or rng.choice(EMAIL_DOMAINS[country])
    return f"{local}@{domain}"


def draw_dob(rng: random.Random, young: bool = False) -> tuple[int, int, int]:
    """A (day, month, year) date of birth; ``young`` for a student or child."""
    y = rng.randint(2004, 2014) if young else rng.randint(1942, 2005)
    m = rng.randint(1, 12)
    d = rng.randint(1, (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[m - 1])
    return d, m, y


# --------------------------------------------------------------------------------------------- national IDs


@dataclass(frozen=True)
class IdVal:
    """A national ID: its kind, how it is printed, and the chunks people read it in."""

    kind: str
    text: str
    chunks: tuple[str, ...]


ID_NAMES = {
    "ssn": ("Social Security number", "social", "SSN", "Social"),
    "ssn4": ("last four of your social", "last four digits of your Social Security number", "last four of the SSN"),
    "dl_us": ("driver's license number", "license number", "driver's license"),
    "passport_us": ("passport number",),
    "ni": ("National Insurance number", "NI number", "national insurance"),
    "nhs": ("NHS number",),
    "passport_uk": ("passport number",),
    "dl_uk": ("driving licence number", "licence number"),
    "pps": ("PPS number", "PPSN", "PPS"),
    "passport_ie": ("passport number",),
    "sin": ("SIN", "Social Insurance Number", "social insurance number"),
    "ohip": ("health card number", "OHIP number"),
    "passport_ca": ("passport number",),
    "tfn": ("tax file number", "TFN"),
    "medicare": ("Medicare number", "Medicare card number"),
    "dl_au": ("licence number", "driver's licence number"),
    "perso_de": ("Personalausweis number", "ID card number", "Ausweisnummer"),
    "passport_eu": ("passport number", "passport"),
    "secu_fr": ("numéro de sécurité sociale", "French social security number", "sécu number"),
    "bsn": ("BSN", "citizen service number", "BSN number"),
    "dni": ("DNI", "DNI number"),
    "nie": ("NIE", "NIE number"),
    "cf": ("codice fiscale", "tax code", "fiscal code"),
    "rrn_be": ("national register number", "rijksregisternummer", "national number"),
    "nif_pt": ("NIF", "tax number", "NIF number"),
    "pesel": ("PESEL", "PESEL number"),
}
CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                  (1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8,
                   12, 14, 16, 10, 22, 25, 24, 23), strict=True))
CF_MONTH = "ABCDEHLMPRST"


def _cf_part(name: str, is_first: bool) -> str:
    letters = re.sub(r"[^A-Z]", "", fold(name).upper())
    cons = [c for c in letters if c not in "AEIOU"]
    vows = [c for c in letters if c in "AEIOU"]
    if is_first and len(cons) >= 4:
        cons = [cons[0], cons[2], cons[3]]
    return "".join(cons + vows + ["X", "X", "X"])[:3]


def draw_id(rng: random.Random, kind: str, person: Person, dob: tuple[int, int, int]) -> IdVal:
    """A fake ID of ``kind`` with its check characters computed (SSN in never-issued areas, NI with a
    never-used prefix letter, NHS in the 999 test range, SIN starting 0)."""
    def dg(n: int) -> str:
        return "".join(rng.choice("0123456789") for _ in range(n))
    d, m, y = dob
    if kind == "ssn":
        area = rng.choice(("666",) + tuple(str(a) for a in range(900, 1000)))
        g, s = f"{rng.randint(1, 99):02d}", f"{rng.randint(1, 9999):04d}"
        return IdVal(kind, f"{area}-{g}-{s}", (area, g, s))
    if kind == "ssn4":
        s = f"{rng.randint(1, 9999):04d}"
        return IdVal(kind, s, (s,))
    if kind == "dl_us":
        if rng.random() < 0.5:
            v = rng.choice("ABDFGHKLMNPRSTW") + dg(7)
            return IdVal(kind, v, (v[0], v[1:4], v[4:]))
        v = dg(9)
        return IdVal(kind, v, (v[:3], v[3:6], v[6:]))
    if kind in ("passport_us", "passport_uk"):
        v = rng.choice("5678") + dg(8)
        return IdVal(kind, v, (v[:3], v[3:6], v[6:]))
    if kind == "ni":
        a = rng.choice("DFIQUV") + rng.choice("ABCEGHJKLMNPRSTWXYZ")
        nums = [dg(2) for _ in range(3)]
        suffix = rng.choice("ABCD")
        return IdVal(kind, f"{a} {' '.join(nums)} {suffix}", (a, *nums, suffix))
    if kind == "nhs":
        while True:
            body = "999" + dg(6)
            r = 11 - sum(int(c) * (10 - i) for i, c in enumerate(body)) % 11
            if r != 10:
                v = body + str(0 if r == 11 else r)
                return IdVal(kind, f"{v[:3]} {v[3:6]} {v[6:]}", (v[:3], v[3:6], v[6:]))
    if kind == "dl_uk":
        sur = (re.sub(r"[^A-Z]", "", fold(person.last).upper()) + "99999")[:5]
        mm = m + (50 if rng.random() < 0.5 else 0)
        ini = (re.sub(r"[^A-Z]", "", fold(person.first).upper())[:1] + rng.choice("ABCDEFGHJKLMNPRSTW"))
        v = f"{sur}{str(y)[2]}{mm:02d}{d:02d}{str(y)[3]}{ini}9{rng.choice('ABCDEFGHJKLMNPRSTW')}" \
            f"{rng.choice('ABCDEFGHJKLMNPRSTW')}"
        return IdVal(kind, v, (v[:5], v[5:11], v[11:]))
    if kind == "pps":
        digits = dg(7)
        extra = rng.choice(("", "A"))
        total = sum(int(c) * (8 - i) for i, c in enumerate(digits)) + (9 if extra == "A" else 0)
        letter = "WABCDEFGHIJKLMNOPQRSTUV"[total % 23]
        return IdVal(kind, digits + letter + extra, (digits[:3], digits[3:], letter + extra))
    if kind in ("passport_ie", "passport_ca", "passport_eu"):
        n = 6 if kind == "passport_ca" else 7
        v = rng.choice("CFGHJKLMNPRTVWXYZ") + rng.choice("ABCEFGHJKLMNPRSTVWXY") + dg(n)
        return IdVal(kind, v, (v[:2], v[2:5], v[5:]))
    if kind == "sin":
        body = "0" + dg(7)
        v = body + luhn_digit(body)
        return IdVal(kind, f"{v[:3]} {v[3:6]} {v[6:]}", (v[:3], v[3:6], v[6:]))
    if kind == "ohip":
        v = dg(10)
        vc = rng.choice("ABCDEFGHJKLMNPRSTVWXYZ") + rng.choice("ABCDEFGHJKLMNPRSTVWXYZ")
        return IdVal(kind, f"{v[:4]}-{v[4:7]}-{v[7:]}-{vc}", (v[:4], v[4:7], v[7:], vc))
    if kind == "tfn":
        while True:
            body = str(rng.randint(1, 9)) + dg(7)
            w = (1, 4, 3, 7, 5, 8, 6, 9)
            s = sum(int(c) * w[i] for i, c in enumerate(body))
            last = next((str(x) for x in range(10) if (s + 10 * x) % 11 == 0), None)
            if last is not None:
                v = body + last
                return IdVal(kind, f"{v[:3]} {v[3:6]} {v[6:]}", (v[:3], v[3:6], v[6:]))
    if kind == "medicare":
        body = str(rng.randint(2, 6)) + dg(7)
        chk = sum(int(c) * (1, 3, 7, 9)[i % 4] for i, c in enumerate(body)) % 10
        v = f"{body}{chk}{rng.randint(1, 9)}"
        return IdVal(kind, f"{v[:4]} {v[4:9]} {v[9]}", (v[:4], v[4:9], v[9]))
    if kind == "dl_au":
        v = dg(rng.choice((8, 9)))
        return IdVal(kind, v, (v[:3], v[3:6], v[6:]))
    if kind == "perso_de":
        v = rng.choice("LMNPRTVWXY") + "".join(rng.choice("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(8))
        return IdVal(kind, v, (v[:3], v[3:6], v[6:]))
    if kind == "secu_fr":
        sex = rng.choice("12")
        dept = f"{rng.randint(1, 95):02d}"
        commune, order = f"{rng.randint(1, 999):03d}", f"{rng.randint(1, 999):03d}"
        core = f"{sex}{y % 100:02d}{m:02d}{dept}{commune}{order}"
        key = 97 - int(core) % 97
        parts = (sex, f"{y % 100:02d}", f"{m:02d}", dept, commune, order, f"{key:02d}")
        return IdVal(kind, " ".join(parts), parts)
    if kind == "bsn":
        while True:
            body = str(rng.randint(1, 9)) + dg(7)
            last = sum(int(c) * (9 - i) for i, c in enumerate(body)) % 11
            if last < 10:
                v = body + str(last)
                return IdVal(kind, v, (v[:4], v[4:6], v[6:]))
    if kind == "dni":
        n = rng.randint(10_000_000, 79_999_999)
        v = f"{n}{'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23]}"
        return IdVal(kind, v, (v[:2], v[2:5], v[5:8], v[8]))
    if kind == "nie":
        p = rng.choice("XYZ")
        n = dg(7)
        letter = "TRWAGMYFPDXBNJZSQVHLCKE"[int(str("XYZ".index(p)) + n) % 23]
        return IdVal(kind, f"{p}{n}{letter}", (p, n[:3], n[3:], letter))
    if kind == "cf":
        town = rng.choice("ABCDEFGHLM") + f"{rng.randint(1, 999):03d}"
        dd = d + (40 if rng.random() < 0.5 else 0)
        core = f"{_cf_part(person.last, False)}{_cf_part(person.first, True)}{y % 100:02d}{CF_MONTH[m - 1]}{dd:02d}{town}"
        # odd positions (1-based) use the odd table; even ones the plain value (digit, or A=0 ... Z=25)
        total = sum((CF_ODD[c] if i % 2 == 0 else (int(c) if c.isdigit() else ord(c) - 65)) for i, c in enumerate(core))
        v = core + chr(65 + total % 26)
        return IdVal(kind, v, (v[:6], v[6:11], v[11:]))
    if kind == "rrn_be":
        serial = f"{rng.randint(1, 997):03d}"
        core = f"{y % 100:02d}{m:02d}{d:02d}{serial}"
        key = 97 - (int(("2" if y >= 2000 else "") + core) % 97)
        return IdVal(kind, f"{core[:2]}.{core[2:4]}.{core[4:6]}-{serial}.{key:02d}",
                     (core[:2], core[2:4], core[4:6], serial, f"{key:02d}"))
    if kind == "nif_pt":
        body = rng.choice("12") + dg(7)
        r = sum(int(c) * (9 - i) for i, c in enumerate(body)) % 11
        v = body + str(0 if r < 2 else 11 - r)
        return IdVal(kind, f"{v[:3]} {v[3:6]} {v[6:]}", (v[:3], v[3:6], v[6:]))
    if kind == "pesel":
        mm = m + (20 if y >= 2000 else 0)
        body = f"{y % 100:02d}{mm:02d}{d:02d}{dg(4)}"
        chk = (10 - sum(int(c) * (1, 3, 7, 9)[i % 4] for i, c in enumerate(body)) % 10) % 10
        v = body + str(chk)
        return IdVal(kind, v, (v[:6], v[6:]))
    raise ValueError(f"unknown id kind {kind!r}: add it to draw_id and ID_NAMES")


# --------------------------------------------------------------------------------------------- the call context

SLOT_RE = re.compile(r"\{(\w+)\}")
SPELL_WORDS = {"A": "apple", "B": "boy", "C": "Charlie", "D": "dog", "E": "Edward", "F": "Freddie", "G": "George",
               "H": "Harry", "J": "Jack", "K": "king", "L": "London", "M": "Mary", "N": "Nancy", "P": "Peter",
               "Q": "queen", "R": "Robert", "S": "Sugar", "T": "Tommy", "U": "uncle", "V": "Victor", "W": "William",
               "X": "X-ray", "Y": "yellow", "Z": "zebra", "I": "India", "O": "Oscar"}
NATO_OF = {v: k.capitalize() for k, v in NATO.items() if k not in ("alfa", "juliett", "whisky", "xray")}
NATO_OF["X"] = "X-ray"


class Ctx:
    """One call's random generator, country, scenario, people and values (each drawn once, on first use)."""

    def __init__(self, cid: str, attempt: int = 0) -> None:
        self.cid = cid
        self.rng = random.Random(SEED_NS + cid + (f"/retry{attempt}" if attempt else ""))
        rng = self.rng
        self.code = rng.choices(list(COUNTRIES), weights=[c.weight for c in COUNTRIES.values()])[0]
        self.c = COUNTRIES[self.code]
        self.month_first = self.c.month_first or (self.code == "CA" and rng.random() < 0.4)
        self.zero = rng.choice(("oh", "zero", "zero")) if self.code in ("US", "CA") else rng.choice(("oh", "oh", "zero"))
        self.scenario = rng.choices(SCENARIOS, weights=[s.weight for s in SCENARIOS])[0]
        k = rng.randrange(len(self.scenario.industries))  # companies are listed in step with industries
        self.industry = self.scenario.industries[k]
        self.company = self.scenario.companies[k % len(self.scenario.companies)]
        self.rep = draw_person(rng, self.code)
        self.cust = draw_person(rng, self.code, avoid=[self.rep])
        self.people = [self.rep, self.cust]
        self.rep_full = rng.random() < 0.45
        self.card_style = rng.choice(("digits", "digits", "dashes", "each", "pairs", "mixed"))
        self.card_asr = rng.choice(("spaced", "spaced", "run", "regroup", "pairs", "words"))
        self._vals: dict[str, object] = {}
        self.odd_counts: Counter[str] = Counter()
        self.odd_total: Counter[str] = Counter()

    # -- random helpers
    def pick(self, seq: Sequence[str]) -> str:
        return self.rng.choice(seq)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def once(self, key: str, make: Callable[[], object]) -> object:
        if key not in self._vals:
            self._vals[key] = make()
        return self._vals[key]

    def new_person(self) -> Person:
        p = draw_person(self.rng, self.code, avoid=self.people)
        self.people.append(p)
        return p

    # -- values of this call
    @property
    def dob(self) -> tuple[int, int, int]:
        return self.once("dob", lambda: draw_dob(self.rng))  # type: ignore[return-value]

    @property
    def address(self) -> Address:
        return self.once("address", lambda: draw_address(self.rng, self.code))  # type: ignore[return-value]

    @property
    def phone(self) -> Phone:
        return self.once("phone", lambda: draw_phone(self.rng, self.code))  # type: ignore[return-value]

    @property
    def email(self) -> str:
        return self.once("email", lambda: draw_email(self.rng, self.cust, self.code))  # type: ignore[return-value]

    @property
    def card(self) -> str:
        return self.once("card", lambda: draw_card(self.rng))  # type: ignore[return-value]

    @property
    def expiry(self) -> tuple[int, int]:
        return self.once("expiry", lambda: (self.rng.randint(1, 12), self.rng.randint(2027, 2032)))  # type: ignore

    @property
    def cvv(self) -> str:
        n = 4 if brand_of(self.card) == "Amex" else 3
        return self.once("cvv", lambda: "".join(self.rng.choice("0123456789") for _ in range(n)))  # type: ignore

    @property
    def last4(self) -> str:
        if "card" in self._vals:
            return self.card[-4:]
        return self.once("last4", lambda: f"{self.rng.randint(0, 9999):04d}")  # type: ignore[return-value]

    def idval(self, kind: str = "") -> IdVal:
        kind = kind or self.once("idkind", lambda: self.pick(self.c.ids))  # type: ignore[assignment]
        return self.once("id:" + kind, lambda: draw_id(self.rng, kind, self.cust, self.dob))  # type: ignore

    # -- turns
    def slot(self, name: str) -> Slot:
        """A value for a template slot not given explicitly: a keep, the company, a known name."""
        base = name.rstrip("0123456789")
        if base.startswith("qty_"):
            return k_qty(self, base[4:].replace("_", " "))
        if base.startswith("m_"):
            return k_measure(self, base[2:])
        if base in KEEP_MAKERS:
            return KEEP_MAKERS[base](self)
        if base == "co":
            return self.company
        if base == "repname":
            return E("person", self.rep.first, name_asr(self.rep.first, self.rng), rep=True)
        if base == "cfirst":
            return E("person", self.cust.first, name_asr(self.cust.first, self.rng))
        if base == "clast":
            return E("person", self.cust.last, name_asr(self.cust.last, self.rng))
        if base == "cname":
            return E("person", self.cust.full, name_asr(self.cust.full, self.rng))
        if base == "doc":
            last = self.new_person().last
            return E("person", last, name_asr(last, self.rng))
        raise KeyError(f"template slot {{{name}}} has no value: pass it to say() or add it to Ctx.slot")

    def fill(self, tpl: str, slots: dict[str, Slot]) -> list[Seg]:
        out: list[Seg] = []
        pos = 0
        for m in SLOT_RE.finditer(tpl):
            if m.start() > pos:
                out.append(T(tpl[pos:m.start()]))
            val = slots[m.group(1)] if m.group(1) in slots else self.slot(m.group(1))
            if isinstance(val, str):
                out.append(T(val))
            elif isinstance(val, Seg):
                out.append(val)
            else:
                out.extend(val)
            pos = m.end()
        if pos < len(tpl):
            out.append(T(tpl[pos:]))
        return out

    def say(self, speaker: str, tpl: str | Sequence[str], **slots: Slot) -> Turn:
        """A turn of ``speaker`` from a template (or a template picked from a pool)."""
        if not isinstance(tpl, str):
            tpl = self.pick(tpl)
        return Turn(speaker, self.fill(tpl, slots))

    def rep_says(self, tpl: str | Sequence[str], **slots: Slot) -> Turn:
        return self.say("rep", tpl, **slots)

    def cus_says(self, tpl: str | Sequence[str], **slots: Slot) -> Turn:
        return self.say("customer", tpl, **slots)

    def odd(self, label: str, is_odd: bool) -> bool:
        """Count one mention of a DOB / expiry / id and whether it was said the unusual way."""
        self.odd_total[label] += 1
        self.odd_counts[label] += int(is_odd)
        return is_odd


# --------------------------------------------------------------------------------------------- keeps

INFORMAL = {"$": ("dollars", "bucks"), "£": ("pounds", "quid"), "€": ("euros", "euro"), "zł": ("złoty", "złoty")}


def int_words(n: int, rng: random.Random, us: bool) -> str:
    """A whole amount in words as said: "two hundred and forty-nine", "twelve hundred", "a hundred"."""
    if n < 100:
        return n2w(n)
    if n < 1000:
        h, r = divmod(n, 100)
        head = "a hundred" if h == 1 and rng.random() < 0.5 else f"{ONES[h]} hundred"
        return head if r == 0 else f"{head}{' ' if us and rng.random() < 0.6 else ' and '}{n2w(r)}"
    if n % 100 == 0 and (n // 100) % 10 and n < 2000 and rng.random() < 0.7:
        return f"{n2w(n // 100)} hundred"
    th, r = divmod(n, 1000)
    head = f"{n2w(th)} thousand"
    return head if r == 0 else f"{head}{'' if r >= 100 else ' and'} {int_words(r, rng, us)}"


def money(ctx: Ctx, amount: float, cents: bool) -> str:
    cur = ctx.c.currency
    if ctx.code == "CA" and ctx.chance(0.2):
        cur = "CA$"
    if ctx.code == "AU" and ctx.chance(0.2):
        cur = "A$"
    num = f"{amount:,.2f}" if cents else f"{int(amount):,}"
    return f"{num} {cur}" if cur == "zł" else f"{cur}{num}"


def draw_amount(ctx: Ctx) -> tuple[float, bool]:
    r = ctx.rng.random()
    if r < 0.45:
        return float(f"{ctx.rng.randint(4, 99)}{ctx.pick(('.99', '.50', '.95', '.49', '.25'))}"), True
    if r < 0.8:
        cents = ctx.chance(0.4)
        return float(ctx.rng.randint(100, 999)) + (ctx.pick((0.99, 0.5, 0.25)) if cents else 0), cents
    return float(ctx.rng.randint(10, 240) * 50), False


def k_price(ctx: Ctx) -> Seg:
    """A price in digits ("$49.99", "£1,250", "249 zł") or, one time in six, said as "49 dollars"."""
    amount, cents = draw_amount(ctx)
    w = money(ctx, amount, cents)
    if not cents and ctx.chance(0.15):
        word = INFORMAL[ctx.c.currency][0]
        w = f"{int(amount):,} {word}"
    a = w if ctx.chance(0.7) else w.replace(",", "")
    return K("price", w, a)


def k_words_price(ctx: Ctx) -> Seg:
    """An amount said in words: "two hundred and forty-nine ninety-nine", "sixty euros"."""
    us = ctx.code in ("US", "CA")
    word = INFORMAL[ctx.c.currency][0]
    r = ctx.rng.random()
    if r < 0.4:
        whole, c = ctx.rng.randint(12, 499), ctx.pick((99, 50, 95, 49, 75))
        w = f"{int_words(whole, ctx.rng, us)} {n2w(c)}"
        a = f"{ctx.c.currency}{whole}.{c}" if ctx.c.currency != "zł" else f"{whole}.{c} zł"
    elif r < 0.7:
        whole, c = ctx.rng.randint(20, 999), ctx.pick((50, 20, 75, 10))
        sub = {"$": "cents", "£": "pence", "€": "cent", "zł": "groszy"}[ctx.c.currency]
        w = f"{int_words(whole, ctx.rng, us)} {word} {n2w(c)}" if ctx.chance(0.5) else \
            f"{int_words(whole, ctx.rng, us)} {word} and {n2w(c)} {sub}"
        a = w if ctx.chance(0.4) else (f"{ctx.c.currency}{whole}.{c}" if ctx.c.currency != "zł" else f"{whole}.{c} zł")
    else:
        whole = ctx.pick((60, 75, 90, 120, 150, 200, 250, 300, 450, 600, 1200, 1500, 1800, 2400, 3000))
        w = f"{int_words(whole, ctx.rng, us)} {word}"
        a = w if ctx.chance(0.5) else f"{whole:,} {word}"
    return K("price", w, a)


QTY_NOUNS = ("seats", "licences", "boxes", "units", "adults", "nights", "guests", "users", "bags", "cases",
             "pallets", "rooms", "lines", "tickets", "sessions", "cartons", "devices", "kits")


BULK_NOUNS = {"units", "licences", "seats", "cartons", "cases", "boxes", "packs", "items", "users", "devices", "kits",
              "pallets", "tickets", "meals", "vehicles", "lines"}


def k_qty(ctx: Ctx, noun: str = "") -> Seg:
    """A quantity with its noun: "12 seats", "twelve licences", "1,800 minutes", "250 units"."""
    noun = noun or ctx.pick(ctx.scenario.nouns or QTY_NOUNS)
    r = ctx.rng.random()
    if r < 0.35:
        n = ctx.rng.randint(2, 12)
        return K("quantity", f"{n2w(n)} {noun}", f"{n} {noun}" if ctx.chance(0.6) else f"{n2w(n)} {noun}")
    if r < 0.7 and noun in BULK_NOUNS:
        n = ctx.rng.randint(2, 60)
        return K("quantity", f"{n} {noun}")
    if noun not in BULK_NOUNS:
        n = ctx.rng.randint(2, 9)
        return K("quantity", f"{n} {noun}" if ctx.chance(0.5) else f"{n2w(n)} {noun}", f"{n} {noun}")
    n = ctx.pick((120, 144, 250, 480, 500, 600, 1200, 1800, 2500, 4000))
    w = f"{n:,} {noun}" if ctx.chance(0.5) else f"{n} {noun}"
    return K("quantity", w, w.replace(",", ""))


def k_date(ctx: Ctx) -> Seg:
    """A meeting / delivery / due date: "Thursday the 9th", "March 3rd", "the 2nd of December", "12/15"."""
    d, m = ctx.rng.randint(1, 28), ctx.rng.randint(1, 12)
    wd, mon = ctx.pick(WEEKDAYS), MONTHS[m - 1]
    forms = [
        (f"{wd} the {ords(d)}", f"{wd} the {ords(d)}"),
        (f"{mon} {ords(d)}", f"{mon} {ords(d)}"),
        (f"the {ords(d)}", f"the {ords(d)}"),
        (f"the {ordw(d)}", f"the {ords(d)}"),
        (f"{wd} the {ordw(d)}", f"{wd} the {ords(d)}"),
        (f"next {wd} the {ords(d)}", f"next {wd} the {ords(d)}"),
        (f"{mon} {d}", f"{mon} {d}"),
    ]
    if ctx.month_first:
        forms += [(f"{wd}, {mon} {d}", f"{wd} {mon} {d}"), (f"{m}/{d}", f"{m}/{d}"),
                  (f"{mon} {ordw(d)}", f"{mon} {ords(d)}")]
    else:
        forms += [(f"{d} {mon}", f"{d} {mon}"), (f"the {ords(d)} of {mon}", f"the {ords(d)} of {mon}"),
                  (f"{wd} {d} {mon}", f"{wd} {d} {mon}"), (f"{d}/{m}", f"{d}/{m}"),
                  (f"the {ordw(d)} of {mon}", f"the {ords(d)} of {mon}"), (f"{wd} the {ords(d)} of {mon}",
                                                                            f"{wd} the {ords(d)} of {mon}")]
    w, a = ctx.rng.choice(forms)
    return K("date", w, a)


def k_time(ctx: Ctx) -> Seg:
    """A time of day: "2:30", "9 a.m.", "half past three", "quarter to five", "14:00", "ten thirty"."""
    h, mm = ctx.rng.randint(7, 18), ctx.pick((0, 15, 30, 45, 0, 30))
    h12 = h if h <= 12 else h - 12
    ap = "a.m." if h < 12 else "p.m."
    forms = [(f"{h12}:{mm:02d}", f"{h12}.{mm:02d}" if ctx.chance(0.4) else f"{h12}:{mm:02d}"),
             (f"{h12}:{mm:02d} {ap}", f"{h12}:{mm:02d}{ap.replace('.', '')}"),
             (f"{h12} {ap}" if mm == 0 else f"{h12}:{mm:02d} {ap}", f"{h12}{ap.replace('.', '')}" if mm == 0 else
              f"{h12}.{mm:02d} {ap}")]
    if mm == 30:
        forms.append((f"half past {ONES[h12] if h12 < 10 else n2w(h12)}", f"half past {h12}"))
        forms.append((f"{n2w(h12)} thirty", f"{h12}.30"))
    if mm == 15:
        forms.append((f"quarter past {n2w(h12)}", f"quarter past {h12}"))
    if mm == 45:
        nxt = h12 % 12 + 1
        forms.append((f"quarter to {n2w(nxt)}", f"quarter to {nxt}"))
    if mm == 0:
        forms.append((f"{n2w(h12)} o'clock", f"{h12} o'clock"))
        if ctx.code not in ("US", "CA"):
            forms.append((f"{h:02d}:00", f"{h:02d}:00"))
    w, a = ctx.rng.choice(forms)
    return K("time", w, a)


def k_year(ctx: Ctx) -> Seg:
    y = ctx.rng.randint(2009, 2026)
    if ctx.chance(0.2):
        return K("year", year_words(y, ctx.rng), str(y))
    return K("year", str(y))


def k_order(ctx: Ctx) -> Seg:
    """An order or booking reference: "ORD-558213", "#77120", "3391-7720", "BK7Q2M", "PO-44817"."""
    r = ctx.rng
    def dg(n: int) -> str:
        return "".join(r.choice("0123456789") for _ in range(n))
    forms = (f"ORD-{dg(6)}", f"#{dg(5)}", f"{dg(4)}-{dg(4)}", f"{r.choice('WKTBZ')}{r.choice('XQRM')}{dg(5)}",
             f"PO-{dg(5)}", "".join(r.choice("BCDFGHJKMNPQRTVWXYZ23456789") for _ in range(6)), f"HBX-{dg(5)}",
             f"SO{dg(7)}")
    w = r.choice(forms)
    return K("order", w, w if r.random() < 0.8 else w.replace("-", " "))


def k_ticket(ctx: Ctx) -> Seg:
    """A ticket, case, claim, policy or member reference: "CLM-2209-4471", "INC0049182", "MB-449102-01"."""
    r = ctx.rng
    def dg(n: int) -> str:
        return "".join(r.choice("0123456789") for _ in range(n))
    forms = (f"CLM-{dg(4)}-{dg(4)}", f"HX-{dg(5)}-{r.choice('ABCD')}", f"INC{dg(7)}", f"CS-{dg(5)}",
             f"QK-{dg(4)}", f"MB-{dg(6)}-{dg(2)}", f"{r.choice('PRT')}{dg(8)}", f"TKT-{dg(6)}", f"#{dg(7)}",
             f"POL-{dg(3)}-{dg(4)}")
    w = r.choice(forms)
    return K("ticket", w, w if r.random() < 0.8 else w.replace("-", " "))


PRODUCTS = ("Aerion 500", "Flex 40 plan", "K7 kettle", "TX-300 router", "Series 9 boiler", "Orbit 2 thermostat",
            "Nimbus 350 mattress", "Tern 9 e-bike", "Halo 12 speaker", "Vela 3 stroller", "Quill 14 laptop",
            "Max 60 bundle", "Atlas 4 tent", "Glide 200 treadmill", "Pulse 25 plan", "Core 10 package",
            "Vista 8 lens", "Stratus X2 heater", "Gem 5 dishwasher", "Pro 250 tier", "Lumen 7 lamp",
            "Cadence 3 headset", "Harbor 1200 sofa", "Beacon 4G hub")


def k_product(ctx: Ctx) -> Seg:
    w = ctx.pick(ctx.scenario.products if ctx.scenario.products and ctx.chance(0.8) else PRODUCTS)
    return K("product", w, w if ctx.chance(0.7) else w.lower())


def k_pct(ctx: Ctx) -> Seg:
    r = ctx.rng.random()
    n = ctx.pick((5, 10, 12, 15, 20, 25, 30, 40))
    if r < 0.4:
        return K("percent", f"{n}%")
    if r < 0.75:
        word = "per cent" if ctx.code in ("UK", "IE", "AU") and ctx.chance(0.6) else "percent"
        return K("percent", f"{n2w(n)} {word}", f"{n}%" if ctx.chance(0.6) else f"{n2w(n)} {word}")
    frac = ctx.pick(("2.9", "4.5", "12.5", "0.5", "3.75", "19.9"))
    if frac == "4.5" and ctx.chance(0.5):
        return K("percent", "four and a half percent", "4.5%")
    return K("percent", f"{frac}%" if ctx.chance(0.6) else f"{frac} percent")


MEASURE_SETS: dict[str, tuple[tuple[str, str], ...]] = {  # measures by what they measure: written, ASR
    "length_pipe": (("12 metres", "12 meters"), ("15 feet", "15 feet"), ("six metres", "6 meters"), ("20 feet", "20 feet")),
    "height": (("six foot four", "6 foot 4"), ("1.95 metres", "1.95 meters"), ("2 metres", "2 meters")),
    "bed": (("2 metres", "2 meters"), ("6 foot 6", "6 foot 6"), ("210 centimetres", "210 centimeters")),
    "duration": (("15 minutes", "15 minutes"), ("20 minutes", "20 minutes"), ("half an hour", "half an hour")),
    "dose": (("400 milligrams", "400 milligrams"), ("200 mg", "200mg"), ("five mil", "5ml"), ("500 mg", "500mg"),
             ("20 milligram", "20 milligram")),
    "weight": (("72 kilos", "72 kilos"), ("11 stone", "11 stone"), ("68 kg", "68kg"), ("twelve stone", "12 stone"),
               ("180 pounds", "180 pounds")),
    "area": (("4 square metres", "4 square meters"), ("two metres", "2 meters"), ("about 30 centimetres",
                                                                                  "about 30 centimeters"),
             ("ten inches", "10 inches")),
    "energy": (("4,200 kWh", "4200 kWh"), ("318 kilowatt hours", "318 kilowatt hours"), ("12 cubic metres",
                                                                                       "12 cubic meters"),
               ("1,150 kilowatt hours", "1150 kilowatt hours")),
    "oil": (("500 litres", "500 liters"), ("900 litres", "900 litres"), ("a thousand litres", "1000 liters")),
    "van": (("3.5 tonne", "3.5 ton"), ("7.5 tonne", "7.5 ton"), ("16 foot", "16 foot"), ("18 foot", "18 foot")),
    "distance": (("200 miles", "200 miles"), ("300 kilometres", "300 km"), ("150 miles", "150 miles")),
    "item": (("45 kilos", "45 kilos"), ("80 kg", "80kg"), ("2.1 metres long", "2.1 meters long"), ("60 kilos", "60 kilos")),
    "near": (("6 miles", "6 miles"), ("3 km", "3 km"), ("half a mile", "half a mile")),
    "width": (("75 centimetres", "75 centimeters"), ("thirty inches", "30 inches"), ("2 foot 6", "2 foot 6")),
    "box": (("40 by 30 centimetres", "40 by 30 cm"), ("45 by 60 centimetres", "45 by 60 cm"), ("a foot wide", "a foot wide")),
    "storage": (("50 gigabytes", "50 gigabytes"), ("1 TB", "1TB"), ("100 gigabytes", "100 gigabytes")),
    "router": (("ten metres", "10 meters"), ("5 metres", "5 meters"), ("30 feet", "30 feet")),
    "bag": (("23 kilos", "23 kilos"), ("20 kg", "20kg"), ("fifty pounds", "50 pounds")),
    "car": (("1.8 metres high", "1.8 meters high"), ("5 metres", "5 meters"), ("six foot high", "6 foot high")),
    "data": (("40 gigabytes", "40 gigabytes"), ("12 GB", "12GB"), ("eighteen gigs", "18 gigs")),
    "speed": (("900 megabits", "900 megabits"), ("150 Mbps", "150Mbps"), ("500 meg", "500 meg")),
    "parcel": (("3.5 kilos", "3.5 kilos"), ("two kilos", "2 kilos"), ("10 pounds", "10 pounds")),
}


def k_measure(ctx: Ctx, what: str) -> Seg:
    """A measure of ``what`` (a dose, a weight, a van size ...): "400 milligrams", "3.5 tonne"."""
    w, a = ctx.rng.choice(MEASURE_SETS[what])
    return K("measure", w, a if ctx.chance(0.6) else w)


def k_last4(ctx: Ctx) -> Seg:
    """The last four digits of a card, as the rep reads them back ("ending 4242", "ending in forty-two ten")."""
    v = ctx.last4
    r = ctx.rng.random()
    if r < 0.7:
        return K("last4", v)
    if r < 0.85:
        return K("last4", say_each(v, ctx.rng, ctx.zero), v)
    return K("last4", say_pairs(v, ctx.rng, ctx.zero), v if ctx.chance(0.7) else say_pairs(v, ctx.rng, ctx.zero))


KEEP_MAKERS: dict[str, Callable[[Ctx], Seg]] = {
    "price": k_price, "wprice": k_words_price, "qty": k_qty, "date": k_date, "time": k_time, "year": k_year,
    "order": k_order, "ticket": k_ticket, "product": k_product, "pct": k_pct,
    "lastfour": k_last4,
}


# --------------------------------------------------------------------------------------------- phrasings
# Written for this set. {v} is the value; other slots are keeps ({price}, {date}, ...) or names.

BACKCHANNEL = ("Go ahead.", "Uh-huh.", "Mm-hm.", "Okay.", "Yep.", "Yep, keep going.", "Got that.", "Okay, go on.",
               "Right.", "Yep, with you.", "Mm-hm, and then?", "Uh-huh, go ahead.", "Okay, next?", "Yep, got it.",
               "Mm-hm, carry on.", "Okay, yep.")
YES = ("Yes, that's right.", "Yep.", "Correct.", "That's it.", "Mm-hm, go ahead.", "Yeah, go for it.", "Yes please.",
       "That's fine.", "Sounds good.", "Yes, thanks.", "Perfect.", "Great, yes.", "Spot on.", "That's correct, yeah.")
HOLD = ("Bear with me one second while I bring that up.", "Okay, let me just pull up your file.",
        "One moment, the system's a bit slow this morning.", "Let me have a look for you.",
        "Sorry, just waiting for that to load.", "Okay, I'm just checking a couple of things.",
        "Give me a second to open the account.", "Right, I can see it now.")
CUST_FILLER = ("Sure, no rush.", "Okay.", "No problem.", "Take your time.", "Alright.", "Mm-hm.", "That's fine.",
               "Okay, thanks.")

REP_INTRO = (
    "Thanks for calling {co}, this is {rep}, how can I help?", "Good morning, {co}, {rep} speaking.",
    "Hi there, you're through to {rep} at {co}. What can I do for you today?",
    "{co}, you're speaking with {rep}. How can I help?", "Hello, {rep} here from {co}, thanks for holding.",
    "Afternoon! {co} customer care, my name's {rep}.",
    "Hi, thanks for waiting. I'm {rep}, I'll be looking after you today at {co}.",
    "Welcome to {co}. My name is {rep}. Who do I have the pleasure of speaking with?",
    "Hiya, {rep} at {co}, what can I do for you?", "{co}, {rep} speaking, how may I help?",
    "Hello and thank you for calling {co}. You've reached {rep}.",
    "Hi, it's {rep} calling back from {co}. Is now still a good time?",
    "Good afternoon, this is {rep} with {co}. Sorry about the hold.", "Hey, {rep} from {co} here. What's going on today?",
    "Morning, {co}, {rep} on the line.", "Thanks for your patience. I'm {rep} from the {co} team.",
    "Hello, {co} accounts team, {rep} speaking.", "Hi, you've got {rep} at {co}. How can I help?",
    "Good evening, thank you for calling {co}, my name is {rep}, how can I assist?",
    "{rep} speaking, {co}, how can I help you this morning?",
    "Hi! This is {rep} over at {co}, returning your call from earlier.",
    "Thank you for holding, you're through to {co}, I'm {rep}.",
    "Hello, {co} support, {rep} here. What seems to be the trouble?",
    "Hi, {rep} from {co} calling about your account, have I caught you at a good time?",
    "Good morning and welcome to {co}. {rep} speaking.", "Hi, this is {rep}. I'm the account manager at {co}.",
    "{co}, good afternoon, {rep} speaking, how can I direct your call?",
    "Hello, thanks for calling the {co} helpline. You're talking to {rep}.",
)
HELLO_NAME = (
    "Hi, it's {name} here.", "Hello, my name's {name}.", "Yeah hi, {name} speaking.", "Hi {repname}, this is {name}.",
    "Oh hi, it's {name}.", "Hello there, {name} calling.", "Morning, I'm {name}.", "Hiya, {name} here.",
    "Hi, um, my name is {name}.", "Yes, hello, it's {name}.", "Hi, I'm {name}.", "Hey {repname}, it's {name}.",
    "Hello, this is {name}.", "Hi there, {name}.", "Good morning {repname}, {name} here.", "Yes, hi, {name} speaking.",
)
NAME_ASK = (
    "Can I take your full name, please?", "Who am I speaking with today?", "And your name?",
    "Could I get the name on the account?", "What's the account holder's name?",
    "Can I start with your first and last name?", "And who do I have on the line?", "May I ask who's calling?",
    "Can you tell me your name as it appears on the booking?", "Whose name is the policy under?",
    "And is that yourself on the account? What's the full name?", "Can I grab your name?",
    "First and last name, please.", "Could you confirm your full name for me?", "What name is the order under?",
    "Just so I've got it right, what's your name?", "What name should I put this under?",
    "Let me pull that up. Name on the account?", "And your surname?", "Could I get your name, first and last?",
    "Whose account am I looking at?", "Can I have your name, please, as it's on the bill?",
    "Before I go any further, who am I speaking to?", "Could you give me your full name, please?",
    "And the name of the cardholder?", "Sorry, I didn't catch your name.",
)
NAME_SAY = (
    "It's {name}.", "{name}.", "Yeah, {name}.", "My name's {name}.", "Sure, it's {name}.", "Um, {name}.",
    "It should be under {name}.", "The account's under {name}.", "That's me, {name}.", "It's in my name, {name}.",
    "{name}, that's me.", "You've got {name} here.", "I'm {name}.", "Name's {name}.", "It's {name}, the account holder.",
    "Oh, sorry, yes, {name}.", "Put it under {name}, please.", "{name}, same as on the card.", "It'd be {name}.",
    "This is {name} speaking.", "Right, it's {name}.", "{name}, yep.", "Full name is {name}.",
    "The policy holder is me, {name}.", "Okay so it's {name}.", "It's {name}, I'm the one who rang yesterday.",
)
NAME_SPLIT_SAY = ("My first name's {first} and the surname's {last}.", "First name {first}, last name {last}.",
                  "{first}, and then {last} for the surname.", "It's {first}. Surname {last}.")
SPELL_ASK = ("Could you spell the surname for me?", "How do you spell that?", "Sorry, can I get that spelled?",
             "And how is the last name spelled?", "Can you spell that out so I get it right?",
             "Is that spelled the usual way? Could you spell it?")
SPELL_SAY = ("{spell}.", "It's {spell}.", "Sure, {spell}.", "That's {spell}.", "{last}, {spell}.",
             "Yeah, it's {spell}.", "It's spelled {spell}.", "Surname is {spell}.")
NAME_THANKS = ("Thanks, {first}.", "Lovely, thank you {first}.", "Okay, {title} {last}, I've found you.",
               "Great, thanks {first}.", "Perfect, {title} {last}.", "Thank you, {name}.", "Okay {first}, got you.",
               "Brilliant, {first}, I can see the account.", "Thanks for that, {title} {last}.",
               "Alright {first}, bear with me.")
THIRD_SAY = (
    "It's for my husband, {name}.", "My daughter, {first}, she's the patient.", "The account's in my mum's name, {name}.",
    "My business partner, {name}, will be signing.", "Can you add my wife, {name}, as an authorised user?",
    "It's my son, {first}, who's booked on it.", "My colleague {name} handles the invoices now.",
    "I'm calling for my father, {name}, he's here with me.", "Could you put {name} down as the second driver?",
    "My partner {name} is on the lease as well.", "The student is my niece, {name}.",
    "Please add {name} to the policy, that's my fiancé.", "I'm ringing on behalf of {name}, I have their consent.",
    "It should go to our finance lead, {name}.", "My flatmate {name} is moving in, can she be added?",
)
THIRD_ASK = ("And what's their full name?", "Who would you like to add?", "And the name of the person?",
             "What's the name of the second driver?", "Who's the patient, sorry?", "And their name is?")
REP_NAME_AGAIN = ("My name's {repname} if you need to call back.", "If anything comes up, ask for {repname}.",
                  "It's {repname}, by the way, in case you ring again.", "You can ask for me, {repname}, on extension 2241.",
                  "I'm {repname}, I'll note the call.")
CUST_THANKS_REP = ("Thanks so much, {repname}.", "Brilliant, thank you {repname}.", "Cheers, {repname}, bye.",
                   "That's great, thanks {repname}.", "Thanks for your help, {repname}.", "Lovely, thank you {repname}. Bye now.")

CARD_ASK = (
    "Whenever you're ready, I'll take the long number on the front of the card.", "Can you read me the card number, please?",
    "Okay, go ahead with the sixteen digits when you have the card in front of you.", "What's the number on the card?",
    "And the card number?", "Lovely, so first I need the full card number.",
    "Right, if you can give me the long number, nice and slow.",
    "I'll need the card details. Starting with the number across the middle.",
    "Go ahead with the card number and I'll key it in as you go.", "Could I get the number on the card, please, all of it?",
    "What card would you like to use? I'll need the number.", "Perfect. So, the card number, from the start.",
    "Read me the digits on the front when you're ready.", "Just the card number first, then I'll ask for the rest.",
    "Can you pop the long card number over to me?", "Okay, I'm ready for the card whenever you are.",
    "And which card is it going on? Give me the number and I'll run it.", "Let's take payment, then. What's the long number?",
    "Sure. What are the digits on the card?", "If you read out the card number in groups of four, that's easiest for me.",
    "Um, so I'll just need that card number again, the whole thing.", "Alright, the number embossed on the card, please.",
    "Go on with the card number, I'm listening.", "What's the sixteen-digit number on the front?",
    "I just need the primary card number, the long one.", "So, to put this through, what's the card number?",
    "Could you give me the card number, slowly?", "Okay, fire away with the card number.",
)
CARD_SAY = (
    "Yeah, it's {v}.", "Okay, ready? {v}.", "{v}.", "Um, it's {v}.", "Sure, the long number is {v}.",
    "Right, so that's {v}.", "Got it here. {v}.", "Let me just... okay, {v}.", "It's the business card, {v}.",
    "Card number's {v}.", "Okay so {v}, I think. Yes, that's it.", "Hang on, I need my glasses. Right, {v}.",
    "It's {v}, that's the debit card.", "The number is {v}.", "Um, {v}.", "Okay, {v}. Did you get all that?",
    "So it goes {v}.", "Here we go: {v}.", "Let me read it off the card. {v}.", "Sure thing. {v}.", "Yep, {v}.",
    "I'll give you the whole thing. {v}.", "Fine, {v}.", "My card number is {v}.", "{v}, and that's the lot.",
    "Okay, uh, {v}.", "Reading it now, {v}.", "Alright, {v}, all in one go.",
)
CARD_FIRST = ("Okay, it starts {v}...", "First lot is {v}.", "{v}...", "So, {v}.", "Right, {v}.", "It's {v}, hang on.",
              "Um, {v}.", "Starting with {v}.", "The first bit is {v}.", "{v}, then...", "Okay, {v}.", "Ready? {v}.")
CARD_MID = ("{v}.", "Then {v}.", "Next is {v}.", "And {v}.", "Okay, {v}.", "{v}, sorry, it's a bit faded.",
            "Right, then {v}.", "Then it's {v}.", "{v}, got that?", "Next bit, {v}.")
CARD_LAST = ("And the last lot is {v}.", "Then {v}, that's it.", "Finally {v}.", "{v}, and that's the end.",
             "Last ones, {v}.", "And {v}.", "{v}. Done.", "Then {v}, that's the whole number.")
EXP_ASK = (
    "And the expiry date?", "When does it expire?", "What's the expiration date on it?", "And the valid-thru date, please?",
    "Month and year it expires?", "What's the end date on the card?", "And the good-through date?",
    "Could I get the expiry, month and year?", "What does it say under valid thru?", "When is the card good until?",
    "And the expiration, please?", "Then the date on the front, the expiry?", "And when does that card run out?",
    "What's the exp date?", "And the expiry, two digits for the month and two for the year?",
    "Lovely. Expiry date next.", "Can you tell me when it expires?", "What's the expiry on that one?",
    "And it's valid until when?", "What month and year does it expire?", "Okay, and the expiration month and year?",
    "Now the expiry date, please.", "And the date it expires?", "Great, and the end date?", "Then I'll need the expiry.",
    "What expiry date is printed on it?",
)
EXP_SAY = (
    "{v}.", "It expires {v}.", "Expiry is {v}.", "Valid thru {v}.", "Good through {v}.", "It expires end of {v}.",
    "It's {v} on the front.", "Um, {v}.", "It says {v}.", "Runs out {v}.", "The date's {v}.", "Expiration {v}.",
    "{v}, I think, it's a new card.", "It's good till {v}.", "Valid until {v}.", "Let me check... {v}.",
    "That'd be {v}.", "Expires {v}.", "Oh, {v}.", "It's {v}.", "{v}, it only came last month.", "The expiry's {v}.",
    "Should be {v}.", "Yeah, {v}.", "Says valid thru {v} under the number.", "{v} for the expiry.",
)
EXP_READBACK = ("Expiring {v}, got it.", "So {v} for the expiry?", "That's {v}, yeah?", "Okay, valid through {v}.",
                "Great, {v}.", "{v}, lovely.", "I've got {v}, is that right?", "Expiry {v}, thanks.",
                "Okay, so that's {v}.", "Right, good thru {v}.")
CVV_ASK = (
    "And the three digits on the back?", "What's the security code?", "Can I have the CVV, please?",
    "And the CVC on the reverse?", "Last thing, the three-digit code by the signature strip.", "The CSC, please?",
    "And the CVV2?", "What's the little code on the back?", "And the last three on the signature strip?",
    "Then the security number, three digits.", "Could you read me the code on the back of the card?",
    "And the card verification code?", "Now the three numbers printed on the back.",
    "What are the three digits after the card number on the back?", "Just the security code to finish.",
    "And those three little digits on the back, please.", "Can you flip the card over and read me the three-digit code?",
    "Finally the security code, please, the three on the back.", "And the verification digits?", "Security code next?",
    "Last three on the back, when you're ready.", "Have you got the code on the reverse?", "And the CVV number?",
    "What's the CVC?", "Then the three-digit code, please.", "And the code on the signature panel?",
)
AMEX_CVV_ASK = ("And since it's an Amex, the four digits printed on the front, above the number?",
                "For Amex I need the four-digit CID on the front.", "The four little digits on the front, top right?",
                "And the four-digit security code on the front of the Amex?")
CVV_SAY = (
    "{v}.", "It's {v}.", "Um, {v}.", "Security code is {v}.", "The back says {v}.", "Okay, flipping it over... {v}.",
    "It's a bit worn, but {v}.", "CVV's {v}.", "{v} on the back.", "That would be {v}.", "Code's {v}.", "Right, {v}.",
    "Let me see, {v}.", "It says {v}.", "Sure, {v}.", "Yep, it's {v}.", "The three on the back are {v}.", "Uh, {v}.",
    "{v}, that's the one.", "Got it, {v}.", "It's {v}, nothing else there.", "Should be {v}.", "{v}, I think.",
    "Okay, {v}.", "The code is {v}.", "Mm, {v}.",
)
EXP_CVV_ASK = ("And the expiry and the code on the back?", "Expiry date and security code, please.",
               "Then the expiry and the three digits on the back.", "Could I get the expiration and the CVV?",
               "Now the expiry, and then the CVC.", "Expiry and security number when you're ready.",
               "Great, and the expiry date plus the code on the back?")
EXP_CVV_SAY = ("Expires {e}, code {c}.", "{e}, and the code's {c}.", "It's {e}, and on the back {c}.",
               "Expiry {e}, security code {c}.", "Um, {e}, then {c}.", "{e}. And {c} on the back.",
               "Valid thru {e}, CVV {c}.", "{e}, and {c}.", "Good thru {e}. Three digits are {c}.")
CARD_CONFIRM = (
    "Thanks. So that's {price} on the card ending {lastfour}, yes?",
    "Perfect, I'll put {price} through on the card ending in {lastfour}.",
    "Okay, {price} going on the {brand} ending {lastfour}. Shall I go ahead?",
    "Right, that's processing now. {price} on the card ending {lastfour}.",
    "Just to confirm, the card ending {lastfour}, and the amount is {price}.",
    "That's gone through. You'll see {price} from the card ending {lastfour}.",
    "So I'm charging {price} to the card ending in {lastfour} today, is that okay?",
    "Lovely, the card ending {lastfour} has been charged {price}.",
    "Great, and I'll save the card ending {lastfour} for the monthly {price}.",
    "Brilliant, payment of {price} taken from the card ending {lastfour}.",
    "Okay, so the card that ends in {lastfour}, for {wprice}. Correct?",
    "The card ending {lastfour} is approved for {wprice}.",
    "So that's {wprice} on the {brand} ending {lastfour}, and you'll get a receipt.",
    "That's {qty} at {price}, going on the card ending {lastfour}.",
    "Okay, {price} for {qty}, charged to the card ending in {lastfour}.",
)
CARD_ON_FILE = ("Is it still the card ending {lastfour}?", "I can see a {brand} ending {lastfour} on file, shall I use that?",
                "Do you want to keep the card ending {lastfour} or use a new one?")
CARD_ON_FILE_SAY = ("No, that one's expired, I'll give you a new one.", "Actually, let's use a different card.",
                    "No, use my other card, please.", "That one got cancelled, so a new card.")

DOB_ASK = (
    "Can I take your date of birth?", "And your date of birth, please?", "What's your DOB?",
    "For security, could you confirm your date of birth?", "When were you born?",
    "Date of birth on the account?", "And your birthday, day, month and year?", "Can you verify your date of birth for me?",
    "What's the date of birth on the account?", "Could you give me your full date of birth?",
    "I just need your date of birth to pull the file up.", "Can I confirm your date of birth?",
    "What date of birth did you register with?", "And your birth date?", "Can you tell me your date of birth, please?",
    "Day, month and year of birth, please.", "And can I just get a date of birth to go with that?",
    "Now your date of birth, please.", "To pass security, your date of birth?", "What's the cardholder's date of birth?",
    "Lastly, your date of birth?", "And the date of birth of the main policyholder?",
    "Could you confirm the date of birth we have on file?", "What's your date of birth, just for the records?",
    "I'll need a date of birth as well.", "And when's your birthday, with the year?",
)
DOB_ASK_US = ("What's your date of birth, month, day, year?", "Date of birth, month first?")
DOB_SAY = (
    "It's {v}.", "{v}.", "Um, {v}.", "I was born {v}.", "Born {v}.", "Date of birth is {v}.", "{v}, a long time ago now.",
    "Sure, {v}.", "Yeah, {v}.", "That's {v}.", "My birthday's {v}.", "It'd be {v}.", "{v}, if that helps.",
    "Right, it's {v}.", "It should be {v} on there.", "{v}, same as on my licence.", "D.O.B. is {v}.",
    "Let's see, {v}.", "Okay, {v}.", "{v}, yes.", "It's {v}, unless you have it wrong on file.", "Mine is {v}.",
    "Oh, {v}.", "You'll have {v}.", "{v}, I'll be old soon.", "That'd be {v}.",
)
DOB_READBACK = ("So that's {v}?", "Thank you, {v}.", "I have {v}, is that right?", "Great, {v}, that matches.",
                "And that's {v}, yeah?", "Okay, born {v}.", "Let me just repeat that, {v}.", "Lovely, {v}, thanks.",
                "{v}, perfect.", "Okay, {v}, that's what I've got.")
DOB_THIRD_ASK = ("And {their} date of birth?", "What's {their} date of birth, please?", "And {tfirst}'s date of birth?",
                 "Can I take a date of birth for {tfirst} as well?", "I'll need {their} date of birth too.")
DOB_THIRD_SAY = ("{Their} date of birth is {v}.", "{v}.", "Born {v}.", "Um, {v}, I think. Yes.",
                 "{Their} birthday is {v}.", "It's {v}.")
DOB_NEAR = ("And I've been with you since {year}.", "I only moved here in {year}, if that matters.",
            "The appointment I want is {date}, by the way.", "My renewal's due {date}, I think.",
            "I opened the account back in {year}.", "And I'm free {date} if you need me in.",
            "I changed my name in {year}, in case it's under the old one.", "The last time I called was {date}.",
            "We set it up in {year}, I think.")

ADDR_ASK = (
    "What's the first line of your address?", "Can I confirm the address on the account?", "Where should we send it?",
    "What's the billing address for the card?", "And the delivery address, please?",
    "Could I take your full address, including the {pcname}?", "And your home address?",
    "What address is the policy registered to?", "Where's the property?",
    "Could you give me the address where the meter is?", "What's the address we have for you?",
    "And the address on your statements?", "Can you tell me the street address?",
    "What address should the engineer come out to?", "Which address are we collecting from?",
    "And the house number and street?", "Let me check the address. What have you got?",
    "What's the correspondence address?", "What's your current address, please?", "And where do you live now?",
    "The address for the invoice?", "Could you confirm the address the card's registered to?",
    "What's the address for delivery?", "And where shall we post the documents?",
    "Can you read me the address as it's on the bill?", "What's the address of the rental property?",
)
PC_ASK = ("And the {pcname}?", "What's the {pcname} there?", "Can I just get the {pcname}?", "And the {pcname} for that?",
          "And the {pcname}, just to be sure?", "What {pcname} is that?")
ADDR_SAY = (
    "It's {addr}.", "{addr}.", "Sure, {addr}.", "Um, {addr}.", "We're at {addr}.", "I live at {addr}.",
    "It's {addr}, that's the billing address too.", "Send it to {addr}, please.", "That'd be {addr}.",
    "The address is {addr}.", "Okay, {addr}.", "It's {addr}, near the school.", "{addr}, same as always.",
    "Home is {addr}.", "Right, so {addr}.", "It's {addr}. We moved there last year.", "The property is {addr}.",
    "You should have {addr}.", "It's still {addr}.", "Yeah, {addr}.", "We've just moved, it's now {addr}.",
    "It goes to {addr}.", "My address is {addr}.", "Let me think, {addr}.", "{addr}, the one with the blue door.",
    "Registered address is {addr}.",
)
PC_SAY = ("{v}.", "It's {v}.", "{pcname}'s {v}.", "Um, {v}.", "That's {v}.", "Oh, {v}.", "Yeah, {v}.")
UNIT_SAY = ("And it's {v}, sorry, I forgot that.", "Oh, and {v}.", "It's {v} in the building.",
            "Sorry, {v}, otherwise it goes to the office.")
ADDR_READBACK = ("So that's {street}, {pc}?", "Lovely, {street}. And that's {pc}?", "I have {street}, is that right?",
                 "Okay, {street}, {pc}, got it.", "Great, sending it to {street}.", "Just to check, {street}?",
                 "Perfect, {pc}. Thank you.", "So {pc}, yes?", "Okay, {street}. Let me update that.",
                 "And that's {street}, in {city}?")

EMAIL_ASK = (
    "What's the best email for you?", "Can I take an email address for the receipt?", "And your email, please?",
    "What email should the confirmation go to?", "Could I have an email address?",
    "Where shall I send the invoice? Email's fine.", "Can you confirm the email on the account?",
    "What email did you sign up with?", "And what's your email address?", "Which email do you want the contract sent to?",
    "Is there an email I can send the link to?", "What's the email on file, just to check?",
    "Could you spell out your email for me?", "And an email for the booking?",
    "Can I get your email so I can send the claim form?", "What email address should we use going forward?",
    "I'll send a copy. What's your email?", "And the email for the statements?",
    "What email do you use for your portal login?", "Could I grab an email address as well?",
    "Would you like the receipt emailed? What's the address?", "And your work email?",
    "What's the email you'd like us to use?", "Email address, please, and I'll pop the details across.",
    "Just an email for the e-ticket?", "What's the billing contact's email?",
)
EMAIL_SAY = (
    "It's {v}.", "{v}.", "Sure, {v}.", "Um, it's {v}.", "Send it to {v}.", "My email is {v}.", "It's {v}, all lowercase.",
    "Yeah, {v}.", "Use {v}, please.", "The work one is {v}.", "It's {v}, no capitals.", "Best to use {v}.",
    "Okay, {v}.", "That'd be {v}.", "{v}, that's the one I check.", "Right, so it's {v}.", "It should be {v}.",
    "Put {v}.", "Email's {v}.", "I use {v} for everything.", "Let me spell it. {v}.", "Oh, {v}.",
    "It's {v}, I think that's what you have.", "Can you use {v}? The other one's old.", "{v}, thanks.", "Just {v}.",
)
EMAIL_READBACK = ("So that's {v}?", "Let me read that back: {v}.", "Great, {v}.", "I've got {v}, is that right?",
                  "Okay, sending it to {v} now.", "{v}, got it.", "Lovely, {v}.", "Just confirming, {v}?",
                  "I'll use {v} then.", "And that's {v}, correct?")

PHONE_ASK = (
    "What's the best number to reach you on?", "Can I take a contact number?", "And a phone number, please?",
    "What number should the driver call?", "Could I get a mobile number for the text updates?",
    "Is there a number we can call you back on?", "What's the phone number on the account?",
    "And your daytime number?", "Can you confirm the mobile we have for you?", "What's your cell number?",
    "Which number should we use for the appointment reminder?", "And a number in case we get cut off?",
    "Could you give me a contact number for the engineer?", "What's the number you're calling from?",
    "And the best number for the delivery team?", "Can I grab a phone number as well?",
    "Is your number still the same? What is it?", "What number do you want on the booking?",
    "Would a mobile be best? What's the number?", "And a landline, if you have one?",
    "What's a good callback number?", "Can I have the number for the site contact?",
    "And the phone number for the second driver?", "What's the number for two-factor codes?",
    "Could you read me the phone number you'd like us to use?", "What number shall I put down?",
)
PHONE_SAY = (
    "It's {v}.", "{v}.", "Um, {v}.", "My mobile's {v}.", "Best is {v}.", "Sure, {v}.", "Call me on {v}.",
    "It's {v}, that's my mobile.", "You can reach me at {v}.", "The number is {v}.", "Yeah, {v}.", "Okay, {v}.",
    "Use {v}, please.", "It's {v}, I'm usually around after four.", "My cell is {v}.", "Oh, {v}.",
    "That'd be {v}.", "{v}, that's the one.", "Text me on {v}.", "Right, {v}.", "It's still {v}.",
    "My number is {v}.", "The office line is {v}, extension 14.", "Try {v}.", "{v}, any time.",
    "It's {v}, sorry, I always forget the last bit.",
)
PHONE_FIRST = ("It's {v}...", "Okay, {v}.", "{v}...", "So, {v}.", "It starts {v}.")
PHONE_LAST = ("{v}.", "Then {v}.", "And {v}.", "{v}, that's it.", "Then {v}, sorry.")
PHONE_READBACK = ("So that's {v}?", "Let me read that back. {v}.", "Great, {v}.", "I've got {v}, is that right?",
                  "Okay, {v}, saved.", "{v}, perfect.", "And that's {v}, yes?", "Lovely, {v}.",
                  "So the number's {v}?", "I'll note {v} then.")

ID_ASK = (
    "Could I have your {idname}, please?", "And your {idname}?", "Can you confirm your {idname}?",
    "For verification I'll need your {idname}.", "What's your {idname}?", "Could you read me your {idname}?",
    "I just need the {idname} to finish the checks.", "And the {idname}, please?",
    "Can I take your {idname} for the application?", "Do you have your {idname} handy?",
    "To verify it's you, what's your {idname}?", "And then your {idname}.", "Next, the {idname}, please.",
    "Could you give me the {idname} on your file?", "I'll need the {idname} as well.",
    "Can you tell me your {idname}?", "Now, your {idname}?", "And what's the {idname}?",
    "Could you provide your {idname}, please?", "Lastly the {idname}.", "Before I submit, your {idname}?",
    "Would you read out your {idname} for me?", "Do you know your {idname} by heart?",
    "What {idname} did you use when you signed up?", "And can I confirm the {idname}?",
    "Sorry, one more thing, your {idname}?",
)
ID_SAY = (
    "It's {v}.", "{v}.", "Um, {v}.", "Sure, {v}.", "Yeah, it's {v}.", "It's {v}, I have it here.", "Okay, {v}.",
    "That's {v}.", "Let me get my wallet... {v}.", "It should be {v}.", "Mine is {v}.", "Right, {v}.", "Oh, {v}.",
    "I know it by heart, {v}.", "From the card, {v}.", "It'd be {v}.", "{v}, I think.", "Sure thing, {v}.",
    "It's {v}, if I'm reading it right.", "Got it here, {v}.", "Okay so {v}.", "Yep, {v}.", "{v}, that's the one.",
    "The number is {v}.", "Uh, {v}.", "Hold on... {v}.",
)
ID_READBACK = ("So that's {v}?", "Let me just read that back, {v}.", "Thank you, {v}.", "I have {v}, is that right?",
               "Okay, {v}, verified.", "{v}, great.", "And that's {v}, yeah?", "Lovely, {v}, that matches.",
               "Just confirming, {v}.", "Perfect, {v}.")

IBAN_ASK = (
    "What's the IBAN for the refund?", "Could I take your IBAN, please?", "And the IBAN of the account you'd like to pay from?",
    "Do you have your IBAN to hand?", "I'll need the full IBAN, starting with the country letters.",
    "Can you read me the IBAN slowly?", "What IBAN should we set the direct debit up on?",
    "And the international account number, the IBAN?", "Okay, go ahead with the IBAN whenever you're ready.",
    "Could you give me the IBAN in groups of four?", "Which IBAN is the mandate for?",
    "What's the IBAN printed on your statement?", "And the IBAN, please, all of it.",
    "For the SEPA mandate I need your IBAN.", "Could you confirm the IBAN where the money should go?",
    "Right, the IBAN first, then I'll read it back.", "Have you got the IBAN there? It starts with two letters.",
    "Can I take down the IBAN?", "Where should we send the refund? I'll need an IBAN.",
    "And your IBAN, if you have it handy?", "Just the IBAN and we're done.", "I'll take the IBAN now, in fours if that's easier.",
    "Let me get the bank details, starting with the IBAN.", "Could you spell out the IBAN for me?",
    "And the IBAN for the business account?", "What IBAN would you like the payout to?",
)
IBAN_SAY = (
    "It's {v}.", "Sure, {v}.", "{v}.", "Okay, it's {v}.", "The IBAN is {v}.", "Right, I have it here, {v}.",
    "Um, {v}.", "From my banking app, {v}.", "So it's {v}.", "Let me read it off the statement: {v}.",
    "It's {v}, that's the joint account.", "{v}, I think that's everything.", "My IBAN is {v}.", "Ready? {v}.",
    "It's a long one, {v}.", "Yeah, {v}.", "It goes {v}.", "Got it, {v}.", "That's {v}.", "Here it is: {v}.",
    "The full IBAN is {v}.", "Okay, uh, {v}.", "So, {v}.", "On the app it says {v}.", "Use {v}, please.",
    "It's {v}, the current account.",
)
IBAN_FIRST = ("It starts {v}...", "Okay, {v}.", "{v}...", "So, {v}, then...", "First part's {v}.")
IBAN_MID = ("{v}.", "Then {v}.", "Next, {v}.", "And {v}.")
IBAN_LAST = ("And then {v}.", "{v}, that's the end.", "Last bit, {v}.", "Then {v}. That's it.")
IBAN_READBACK = ("So that's {v}?", "Let me read it back: {v}.", "I have {v}, correct?", "Okay, {v}, saved.",
                 "Great, {v}.")

ABA_ASK = (
    "What's the routing number? It's the nine digits at the bottom left of a check.", "And the ABA routing number?",
    "Could I get the bank's routing number?", "What routing number should we use?", "And the routing, please?",
    "Can you read me the nine-digit routing number?", "First, the routing number.", "The routing number on the check?",
    "What's the transit routing number?", "And the bank routing number for ACH?",
    "Could you confirm the routing number for the direct deposit?", "Routing number first, then the account.",
    "And your bank's routing number?", "What's the nine digits on the left?",
)
SORT_ASK = (
    "And the sort code?", "What's the sort code, the six digits?", "Could I get the sort code, please?",
    "And the bank's sort code?", "Sort code first, then the account number.", "What sort code is it?",
    "Can you read me the sort code?", "And the sort code for that account?", "What's the sort code on your card?",
    "Let's start with the sort code.", "Could you confirm the sort code?", "And the six-digit sort code?",
)
ROUTING_SAY = (
    "It's {v}.", "{v}.", "Routing is {v}.", "Um, {v}.", "The routing number is {v}.", "Sure, {v}.",
    "Sort code's {v}.", "It's {v}, that's the branch.", "Okay, {v}.", "Let me look, {v}.", "Yeah, {v}.",
    "It's {v} on the checkbook.", "The sort code is {v}.", "{v}, I think.", "Right, {v}.", "That's {v}.",
    "{v}, for the credit union.", "It should be {v}.", "I've got {v} here.", "Bottom left says {v}.",
    "It's {v}, same as the card.", "Oh, {v}.", "From the app, {v}.", "{v}, that's the one.", "Yep, {v}.",
)
ROUTING_READBACK = ("So {v} for the routing?", "Sort code {v}, got it.", "I have {v}, is that right?",
                    "Okay, {v}.", "{v}, thanks.", "Great, {v}, that's valid.", "Routing {v}, that's a valid one.",
                    "And the sort code was {v}, yes?")
ACCOUNT_ASK = (
    "And the account number?", "What's the account number?", "Checking account number, please?",
    "And the account number itself?", "Could I get the account number, please?", "Then the account number.",
    "And the eight-digit account number?", "What's the account number for the savings?",
    "Now the account number, please.", "Can you read me the account number?", "And the number of the account?",
    "Which account number should the refund go to?", "Account number next, please.",
    "What's the account number you want the debit from?", "And the account number for the payroll deposit?",
    "Can you confirm the account number?", "Then I'll need the account number.", "And your account number?",
    "Could you give me the full account number?", "Okay, and the account?", "What's the account number on the check?",
    "Great, and the account number, slowly?", "Account number, please.", "And what's the account number there?",
    "Last one, the account number.", "What account number is it?",
)
ACCOUNT_SAY = (
    "It's {v}.", "{v}.", "Um, {v}.", "Account number is {v}.", "Sure, {v}.", "The account's {v}.", "Okay, {v}.",
    "It's {v}, the checking.", "Yeah, {v}.", "Let me see... {v}.", "That's {v}.", "Right, {v}.", "{v}, I think.",
    "It's {v}, the main account.", "Should be {v}.", "Got it here, {v}.", "Account {v}.", "Oh, {v}.",
    "It's {v}, savings.", "The number is {v}.", "{v}, that's the one.", "My account number is {v}.", "So, {v}.",
    "It'll be {v}.", "Here you go, {v}.", "Um, let me... {v}.",
)
ACCOUNT_READBACK = ("And {v} for the account?", "Account {v}, got it.", "I have {v}, is that right?",
                    "So the account is {v}?", "{v}, lovely.", "Okay, {v}, saved.")
BANK_BOTH_SAY = ("Routing {r}, account {a}.", "The routing is {r}, and the account is {a}.",
                 "{r} for the routing, then {a}.", "Sort code {r}, account number {a}.", "It's {r}, and then {a}.",
                 "Sort code's {r}, and the account's {a}.")


# --------------------------------------------------------------------------------------------- rendering values


def words_asr(w: str, rng: random.Random) -> str:
    """Spoken digits as tiny.en might still write them in words: lower case, commas mostly gone."""
    out = w.lower().replace("-", " ")
    return out.replace(",", "") if rng.random() < 0.7 else out


def digit_written(ctx: Ctx, groups: Sequence[str], style: str) -> str:
    """Digit groups as a transcriber writes them: digits ("4242 4242"), dashes, or the words said."""
    if style == "digits":
        return " ".join(groups)
    if style == "dashes":
        return "-".join(groups)
    out = []
    for g in groups:
        if style == "pairs" and len(g) % 2 == 0:
            out.append(say_pairs(g, ctx.rng, ctx.zero))
        elif style == "mixed":
            out.append(say_mixed(g, ctx.rng, ctx.zero))
        else:
            out.append(say_each(g, ctx.rng, ctx.zero))
    return ", ".join(out)


def digit_asr(ctx: Ctx, groups: Sequence[str], style: str, written: str) -> str:
    """The same digits as tiny.en writes them: spaced as said, run together, re-chunked, in pairs, words."""
    s = "".join(groups)
    if style == "spaced":
        return " ".join(asr_digits(g, ctx.rng) for g in groups)
    if style == "run":
        return s
    if style == "regroup":
        return asr_regroup(s, ctx.rng)
    if style == "pairs":
        return " ".join(s[k:k + 2] for k in range(0, len(s), 2))
    if any(c.isdigit() for c in written):
        return " ".join(groups) if ctx.chance(0.5) else say_each(s, ctx.rng, "o" if ctx.chance(0.3) else "zero", 0.0)
    return words_asr(written, ctx.rng)


def digits_seg(ctx: Ctx, label: str, groups: Sequence[str], wstyle: str, astyle: str, odd: bool = False) -> Seg:
    """A labelled run of digits in both forms; both are read back to check they say the same digits."""
    s = "".join(groups)
    w = digit_written(ctx, groups, wstyle)
    a = digit_asr(ctx, groups, astyle, w)
    assert digits_of(w) == s and digits_of(a) == s, (label, s, w, a)
    return E(label, w, a, odd=odd)


def card_seg(ctx: Ctx, groups: Sequence[str]) -> Seg:
    return digits_seg(ctx, "card", groups, ctx.card_style, ctx.card_asr)


def cvv_seg(ctx: Ctx) -> Seg:
    v = ctx.cvv
    r = ctx.rng.random()
    if r < 0.45:
        w = v
    elif r < 0.8 or v[1] == "0" or len(v) == 4:
        w = say_each(v, ctx.rng, ctx.zero, runs=0.3)
    else:
        w = f"{ONES[int(v[0])]} {n2w(int(v[1:]))}"
    a = v if ctx.chance(0.65) else " ".join(v) if ctx.chance(0.5) else words_asr(say_each(v, ctx.rng, "zero", 0), ctx.rng)
    assert digits_of(w) == v and digits_of(a) == v, (v, w, a)
    return E("cvv", w, a)


def expiry_forms(ctx: Ctx, m: int, y: int) -> list[tuple[str, str]]:
    """Every plain way an expiry is written or said, with how tiny.en writes the same speech."""
    z = ctx.zero
    mm, yy = f"{m:02d}", f"{y % 100:02d}"
    mon = MONTHS[m - 1]
    msay = f"{z} {ONES[m]}" if m < 10 else n2w(m)
    ysay = n2w(y % 100)
    return [(f"{mm}/{yy}", f"{mm}/{yy}"), (f"{m}/{yy}", f"{m}/{yy}"), (f"{mm}/{y}", f"{mm}/{y}"),
            (f"{msay} {ysay}", ctx.pick((f"{mm} {yy}", f"{mm}{yy}", f"{msay} {ysay}".replace("-", " ")))),
            (f"{msay} slash {ysay}", f"{mm}/{yy}"), (f"{n2w(m)} slash {say_each(yy, ctx.rng, z, 0)}", f"{m}/{yy}"),
            (f"{mon} {ysay}", f"{mon} {yy}"), (f"{mon} {y}", f"{mon} {y}"), (f"{MONTH_ABBR[m - 1]} '{yy}", f"{mon} {yy}"),
            (f"{mon} of {year_words(y, ctx.rng)}", f"{mon} of {y}"), (f"{mm}-{yy}", f"{mm}-{yy}"),
            (f"{msay}, {ysay}", f"{mm}, {yy}")]


def expiry_odd_grouped(ctx: Ctx, m: int, y: int) -> tuple[str, str]:
    """An expiry in number words grouped oddly: "zero nine two eight", "oh nine twenty twenty-eight"."""
    z = ctx.zero
    mm, yy = f"{m:02d}", f"{y % 100:02d}"
    return ctx.rng.choice([
        (say_each(mm + yy, ctx.rng, z, 0), f"{mm}{yy}" if ctx.chance(0.5) else " ".join(mm + yy)),
        (f"{say_each(mm, ctx.rng, z, 0)} twenty {n2w(y % 100)}", f"{mm} {y}"),
        (f"{n2w(m)} {n2w(y % 100)}", f"{m} {yy}"),
        (f"{n2w(m)}, two thousand {n2w(y % 100)}", f"{m} {y}"),
    ])


def dob_forms(ctx: Ctx, d: int, m: int, y: int) -> list[tuple[str, str]]:
    """Every plain way a date of birth is said, day-first or month-first by the caller's country."""
    z, rng = ctx.zero, ctx.rng
    mon, yy = MONTHS[m - 1], y % 100
    yyw, yw = yy_words(y, z), year_words(y, rng)
    msay = f"{z} {ONES[m]}" if m < 10 else n2w(m)
    if ctx.month_first:
        return [(f"{mon} {ords(d)}, {y}", f"{mon} {ords(d)}, {y}"), (f"{mon} {d}, {y}", f"{mon} {d} {y}"),
                (f"{m}/{d}/{y}", f"{m}/{d}/{y}"), (f"{m:02d}/{d:02d}/{yy:02d}", f"{m:02d}/{d:02d}/{yy:02d}"),
                (f"{mon} {ordw(d)}, {yw}", f"{mon} {ords(d)}, {y}"), (f"{msay}, {n2w(d)}, {yyw}", f"{m:02d} {d} {yy:02d}"),
                (f"{mon} {ordw(d)}, '{yy:02d}", f"{mon} {ords(d)} {yy:02d}"),
                (f"{mon} the {ordw(d)}, {yw}", f"{mon} the {ords(d)}, {y}"), (f"{m}-{d}-{y}", f"{m}-{d}-{y}")]
    forms = [(f"{d:02d}/{m:02d}/{y}", f"{d:02d}/{m:02d}/{y}"), (f"{d}/{m}/{yy:02d}", f"{d}/{m}/{yy:02d}"),
             (f"the {ordw(d)} of {mon} {yw}", f"the {ords(d)} of {mon} {y}"), (f"{ords(d)} {mon} {y}", f"{ords(d)} {mon} {y}"),
             (f"{d} {mon} '{yy:02d}", f"{d} {mon} {yy:02d}"), (f"{n2w(d)}, {n2w(m)}, {yyw}", f"{d} {m} {yy:02d}"),
             (f"the {ordw(d)} of the {ordw(m)}, {yyw}", f"the {ords(d)} of the {ords(m)}, {yy:02d}"),
             (f"{ordw(d)} {mon}, {yw}", f"{ords(d)} {mon} {y}"), (f"{d} {mon} {y}", f"{d} {mon} {y}"),
             (f"{ordw(d)} of {mon}, {yyw}", f"{ords(d)} of {mon} {yy:02d}")]
    if ctx.code not in ("UK", "IE", "AU", "CA"):
        forms.append((f"{d:02d}.{m:02d}.{y}", f"{d:02d}.{m:02d}.{y}"))
    return forms


def dob_odd_grouped(ctx: Ctx, d: int, m: int, y: int) -> tuple[str, str]:
    """A date of birth in number words grouped oddly: "oh three twelve nineteen eighty eight"."""
    z = ctx.zero
    first, second = (m, d) if ctx.month_first else (d, m)
    a_first = f"{first:02d} {second:02d} {y}"
    return ctx.rng.choice([
        (f"{say_each(f'{first:02d}', ctx.rng, z, 0)} {n2w(second).replace('-', ' ')} "
         f"{n2w(y // 100)} {n2w(y % 100).replace('-', ' ')}" if y % 100 >= 10 else
         f"{say_each(f'{first:02d}', ctx.rng, z, 0)} {n2w(second)} {year_words(y, ctx.rng)}", a_first),
        (say_each(f"{first:02d}{second:02d}{y % 100:02d}", ctx.rng, z, 0), f"{first:02d}{second:02d}{y % 100:02d}"),
        (f"{n2w(first)} {z} {ONES[second]} {yy_words(y, z)}" if second < 10 else
         f"{n2w(first)} {n2w(second)} {yy_words(y, z)}".replace("-", " "), f"{first} {second} {y % 100:02d}"),
    ])


def spell_seg(ctx: Ctx, word: str, odd: bool = False) -> Seg:
    """A surname spelled out ("S-M-Y-T-H", "N for Nancy, G for George ...") as its own person value."""
    letters = [c.upper() for c in fold(word) if c.isalpha()]
    r = ctx.rng.random()
    if odd or r < 0.15:
        words = NATO_OF if ctx.chance(0.6) else SPELL_WORDS
        w = ", ".join(f"{c} {ctx.pick(('for', 'as in', 'for'))} {words[c]}" for c in letters)
    elif r < 0.55:
        w = "-".join(letters)
    elif r < 0.8:
        w = " ".join(letters)
    else:
        out, k = [], 0
        while k < len(letters):
            if k + 1 < len(letters) and letters[k] == letters[k + 1]:
                out.append(f"double {letters[k]}")
                k += 2
            else:
                out.append(letters[k])
                k += 1
        w = ", ".join(out) if ctx.chance(0.5) else " ".join(out)
    a = ctx.rng.choice((" ".join(letters), "".join(letters), "-".join(letters), ", ".join(letters)))
    return E("person", w, a, odd=odd)


def street_forms(ctx: Ctx, addr: Address, unit: bool = True) -> tuple[str, str]:
    """The street line (with its flat / unit when ``unit``), written and as tiny.en writes it."""
    w, a = addr.street, addr.street_asr
    num = w.split()[0]
    if ctx.code == "US" and num.isdigit() and len(num) in (3, 4) and ctx.chance(0.2):
        w = say_pairs(num, ctx.rng, ctx.zero) + w[len(num):]
    if unit and addr.unit:
        if ctx.code in ("UK", "IE", "AU"):
            w, a = f"{addr.unit}, {w}", f"{addr.unit_asr}{ctx.pick((', ', ' '))}{a}"
        else:
            w, a = f"{w}, {addr.unit}", f"{a}{ctx.pick((', ', ' '))}{addr.unit_asr}"
    return w, a


def postcode_forms(ctx: Ctx, pc: str, odd: bool = False) -> tuple[str, str]:
    """A postcode / ZIP / Eircode, written as printed or as said ("L S six, two Q T", "seven four one oh five")."""
    compact = pc.replace(" ", "").replace("-", "")
    chars = list(compact)
    def said(c: str) -> str:
        if c.isdigit():
            return say_digit(c, ctx.zero)
        if odd:
            return f"{c} {ctx.pick(('for', 'as in'))} {(NATO_OF if ctx.chance(0.6) else SPELL_WORDS)[c]}"
        return c
    if odd:
        w = ", ".join(said(c) for c in chars)
    elif compact.isdigit():
        w = pc if ctx.chance(0.6) else say_each(compact, ctx.rng, ctx.zero) if "-" not in pc else pc
    elif ctx.chance(0.6):
        w = pc
    else:
        parts = pc.split(" ")
        w = ", ".join(" ".join(said(c) for c in part) for part in parts)
    a = ctx.rng.choice((pc, pc, compact, " ".join(chars))) if not compact.isdigit() else ctx.rng.choice((pc, pc, " ".join(chars)))
    assert code_of(w) == code_of(pc) == code_of(a), (pc, w, a)
    return w, a


def pc_name(ctx: Ctx) -> str:
    return {"US": "ZIP code", "IE": "Eircode", "CA": "postal code"}.get(ctx.code, "postcode")


def address_block(ctx: Ctx, city: bool = True, pc: bool = True, unit: bool = True, odd: bool = False) -> list[Seg]:
    """A whole address as said in one breath: street (+ unit), city and region (ignored), postcode,
    in the order the country writes it."""
    addr = ctx.address
    sw, sa = street_forms(ctx, addr, unit)
    segs: list[Seg] = [E("address", sw, sa)]
    pw, pa = postcode_forms(ctx, addr.postcode, odd)
    pcseg = E("address", pw, pa, odd=odd)
    if ctx.code in EU_STREETS:
        if pc:
            segs += [T(", "), pcseg]
        if city:
            segs += [T(" " if pc else ", "), IG(addr.city)]
        return segs
    if city:
        segs += [T(", "), IG(addr.city)]
        if addr.region and ctx.chance(0.6):
            segs += [T(", " if ctx.code != "AU" else " "), IG(addr.region)]
    if pc:
        segs += [T(", " if ctx.code in ("UK", "IE") or not city else " "), pcseg]
    return segs


def email_forms(ctx: Ctx, addr: str) -> tuple[str, str]:
    """An e-mail address typed, said ("jane dot doe at outlook dot com"), or with its name spelled."""
    local, dom = addr.split("@")
    def speak(s: str, digits_as_words: bool) -> str:
        s = s.replace(".", " dot ").replace("_", " underscore ").replace("-", " dash ")
        if digits_as_words:
            s = re.sub(r"\d+", lambda m: " " + say_each(m.group(), ctx.rng, ctx.zero, 0.5) + " ", s)
        return re.sub(r"\s+", " ", s).strip()
    r = ctx.rng.random()
    if r < 0.3:
        w = addr
    elif r < 0.75:
        w = f"{speak(local, ctx.chance(0.5))} at {speak(dom, False)}"
    elif r < 0.9:
        name = re.sub(r"[^a-z]", "", local.split(".")[-1]) or local
        w = f"{speak(local, True)}, that's {'-'.join(name.upper())}, at {speak(dom, False)}"
    elif re.fullmatch(r"[a-z]+\d*", local):
        w = f"{speak(local, True)}, all one word, at {speak(dom, False)}"
    else:
        w = f"{speak(local, True)} at {speak(dom, False)}"
    a = ctx.rng.choice((addr, addr, f"{local} at {dom}", f"{speak(local, False)} at {dom}",
                        f"{local} at {speak(dom, False)}", f"{speak(local, False)} at {speak(dom, False)}"))
    return w, a


def phone_forms(ctx: Ctx, ph: Phone, intl: bool | None = None) -> tuple[str, str]:
    """A phone number printed (national or +cc) or said in groups ("oh seven seven double oh ...")."""
    if intl is None:
        intl = ctx.chance(0.3)
    groups = ph.intl_groups if intl else ph.groups
    digits = (ph.cc if intl else "") + "".join(groups)
    spoken = ctx.chance(0.45)
    double_cc = False  # "double oh four four, ..." (00 44) instead of "plus four four"
    if not spoken:
        if ctx.code in ("US", "CA") and not intl:
            a3, b3, c4 = groups
            w = ctx.pick((f"({a3}) {b3}-{c4}", f"{a3}-{b3}-{c4}", f"{a3}.{b3}.{c4}", f"{a3} {b3} {c4}"))
        elif intl:
            w = f"+{ph.cc} " + (" ".join(groups) if ph.cc != "1" else "-".join(groups))
        else:
            w = " ".join(groups)
    else:
        body = ", ".join(say_each(g, ctx.rng, ctx.zero) for g in groups)
        if intl:
            cc = say_each(ph.cc, ctx.rng, ctx.zero, 0)
            double_cc = ctx.chance(0.3)
            w = f"double {ctx.zero} {cc}, {body}" if double_cc else f"plus {cc}, {body}"
            if double_cc:
                digits = "00" + digits
        else:
            w = body
    r = ctx.rng.random()
    flat = "".join(groups)
    if r < 0.45:
        a = (f"+{ph.cc} " if intl else "") + " ".join(groups)
    elif r < 0.65:
        a = (f"+{ph.cc} " if intl else "") + asr_regroup(flat, ctx.rng)
    elif r < 0.8:
        a = (f"+{ph.cc}" if intl else "") + flat
    else:
        a = (f"plus {ph.cc} " if intl else "") + " ".join(
            ("o" if c == "0" and ctx.chance(0.5) else c) for c in flat[:5]) + " " + flat[5:]
    if double_cc:
        a = "00" + ph.cc + " " + " ".join(groups)
    assert digits_of(w) == digits and digits_of(a) == digits, (w, a, digits)
    return w, a


def id_forms(ctx: Ctx, iv: IdVal, style: str) -> tuple[str, str]:
    """An ID as printed, read in chunks, with spelling-alphabet letters ("Q for Quebec"), or with its
    digits in number words grouped oddly ("nine forty-seven, twenty-two, sixty-one thirty")."""
    def chunk_words(c: str) -> str:
        if c.isdigit():
            if style == "grouped":
                return say_grouped_odd(c, ctx.rng, ctx.zero)
            return say_each(c, ctx.rng, ctx.zero) if ctx.chance(0.6) or len(c) % 2 else say_pairs(c, ctx.rng, ctx.zero)
        out = []
        for ch in c:
            if ch.isdigit():
                out.append(say_digit(ch, ctx.zero))
            elif style == "alpha":
                out.append(f"{ch} {ctx.pick(('for', 'as in', 'for'))} {(NATO_OF if ctx.chance(0.7) else SPELL_WORDS)[ch]}")
            else:
                out.append(ch)
        return (", " if style == "alpha" else " ").join(out)
    if style == "print":
        w = iv.text
    else:
        w = ", ".join(chunk_words(c) for c in iv.chunks)
    a = ctx.rng.choice((iv.text, " ".join(iv.chunks), "".join(iv.chunks)))
    want = code_of(iv.text)
    assert code_of(w) == want and code_of(a) == want, (iv, w, a)
    return w, a


def iban_forms(ctx: Ctx, groups: Sequence[str], style: str) -> tuple[str, str]:
    """IBAN groups written in fours, run together, said group by group, or with spelled letters."""
    def say_group(g: str) -> str:
        if g.isdigit():
            return say_pairs(g, ctx.rng, ctx.zero) if len(g) % 2 == 0 and ctx.chance(0.5) else say_each(g, ctx.rng, ctx.zero)
        out = []
        for ch in g:
            if ch.isdigit():
                out.append(say_digit(ch, ctx.zero))
            elif style == "alpha":
                out.append(f"{ch} {ctx.pick(('for', 'as in'))} {(NATO_OF if ctx.chance(0.7) else SPELL_WORDS)[ch]}")
            else:
                out.append(ch)
        return (", " if style == "alpha" else " ").join(out)
    if style == "print":
        w = " ".join(groups)
    elif style == "run":
        w = "".join(groups)
    else:
        w = ", ".join(say_group(g) for g in groups)
    a = ctx.rng.choice((" ".join(groups), "".join(groups), asr_regroup("".join(groups), ctx.rng)))
    want = "".join(groups)
    assert code_of(w) == want and code_of(a) == want, (groups, w, a)
    return w, a


def sort_forms(ctx: Ctx, s: str) -> tuple[str, str]:
    pairs = [s[:2], s[2:4], s[4:]]
    r = ctx.rng.random()
    if r < 0.35:
        w = "-".join(pairs)
    elif r < 0.6:
        w = ", ".join(say_pairs(p, ctx.rng, ctx.zero) for p in pairs)
    elif r < 0.85:
        w = ", ".join(say_each(p, ctx.rng, ctx.zero) for p in pairs)
    else:
        w = " ".join(pairs)
    a = ctx.rng.choice(("-".join(pairs), " ".join(pairs), s, "-".join(pairs)))
    assert digits_of(w) == s and digits_of(a) == s, (s, w, a)
    return w, a


# --------------------------------------------------------------------------------------------- scenarios

Exchange = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Scenario:
    """A kind of call: who rings whom and why, its talk with no personal data (``chatter``, full of
    prices, dates, quantities ...), how it closes, and how likely each data beat is."""

    name: str
    weight: int
    industries: tuple[str, ...]
    companies: tuple[str, ...]
    reasons: tuple[str, ...]
    chatter: tuple[Exchange, ...]
    closes: tuple[str, ...]
    beats: dict[str, float]
    nouns: tuple[str, ...] = ()
    products: tuple[str, ...] = ()


def R(t: str) -> tuple[str, str]:
    return ("rep", t)


def C(t: str) -> tuple[str, str]:
    return ("customer", t)


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "payment", 22,
        ("dental clinic", "veterinary practice", "property management", "landscaping", "plumbing", "music school"),
        ("Kestrel Dental", "Pawsworth Vets", "Larchmont Lettings", "Greenreach Gardens", "FlowRight Plumbing",
         "Cadenza Music School"),
        ("I'm calling to pay the invoice for {price}, it's {order}.", "I'd like to pay for the {qty} you did last week.", "I got a letter saying I owe {price}, I'd like to pay it today.",
         "I need to settle the balance from {date}.", "I want to pay the outstanding {wprice} on my account.",
         "I'm ringing to pay for the work you did on {date}.", "I'd like to pay my bill, please, the one due {date}."),
        ((R("I can see two invoices, one for {price} from {date} and one for {price2}."), C("Let's pay both, please.")),
         (R("There's a {pct} late fee on it, but I can waive that today."), C("Oh, that'd be great, thank you.")),
         (C("Is it still {price} or did it go up?"), R("It's {price} plus the call-out charge of {price2}.")),
         (R("Would you like to split it into {qty_instalments}? That's {price} each."), C("No, I'll pay it in one go.")),
         (C("Can I pay {wprice} now and the rest on {date}?"), R("Yes, I'll set a reminder for the remaining {price}.")),
         (R("The invoice covers the visit on {date} at {time}, and {qty} of materials."), C("Okay, that sounds right.")),
         (C("I thought it was {wprice}?"), R("That was the quote. The final bill came to {price} with parts.")),
         (R("If you pay today you get {pct} off, so it's {price} instead of {price2}."), C("Brilliant.")),
         (C("What's the invoice number, so I can match it up?"), R("It's {order}, dated {date}.")),
         (R("The invoice lists {qty} at {price} and the call-out fee."), C("Yes, they were here most of the day.")),
         (R("They replaced {m_length_pipe} of pipe, that's most of the cost."), C("That makes sense.")),
         (C("We've used you since {year}, always paid on time."), R("I can see that, thank you."))),
        ("Thanks, that's paid in full. The receipt will show {order}.", "That's {price} paid, and {price2} left to pay.", "All done, your balance is now {price}.",
         "Perfect, you're all paid up until {date}.", "That's cleared. The next invoice goes out on {date}."),
        {"card": 0.95, "bank": 0.15, "dob": 0.4, "address": 0.45, "email": 0.4, "phone": 0.4, "id": 0.2, "name": 0.55,
         "combo": 0.2},
        nouns=("instalments", "visits", "sessions", "hours"),
        products=("Series 9 boiler", "K7 kettle", "Orbit 2 thermostat", "Stratus X2 heater", "Gem 5 dishwasher"),
    ),
    Scenario(
        "booking", 18,
        ("boutique hotel", "restaurant", "spa", "campsite", "escape room", "cooking school"),
        ("Harrowgate House Hotel", "Tidewater Bistro", "Saltmarsh Spa", "Juniper Hollow Campsite",
         "Lockstep Escape Rooms", "Copper Pan Cookery"),
        ("I'd like to book for {qty} on {date}.", "I want to reserve {qty} from {date}.",
         "I'm looking to book something for {date} at {time}.", "Do you have anything free on {date}?",
         "I booked for {date} but need to move it to {date2}.", "Can I make a booking for {qty}, please?"),
        ((R("We have availability on {date} at {time} or {time2}."), C("The earlier one, please.")),
         (R("That's {price} per night, and breakfast is {price2} each."), C("That's fine.")),
         (C("Is there parking? We'll have {qty}."), R("Yes, parking is {price} a day.")),
         (R("We take a {pct} deposit now and the rest on arrival."), C("Okay, no problem.")),
         (C("Check-in is from {time}, right?"), R("From {time}, and check-out by {time2}.")),
         (R("The set menu is {wprice} a head, or {price} with wine."), C("We'll do the set menu.")),
         (C("Is the {product} included?"), R("It is, for bookings of {qty} or more.")),
         (R("Cancellation is free until {date}, after that it's {pct}."), C("Got it.")),
         (C("Is the room at least {m_height}? My husband's very tall."), R("The beds are {m_bed} long.")),
         (C("We might be a bit late, around {time}."), R("That's fine, we hold the table for {m_duration}."))),
        ("That's booked for {date} at {time}. Your reference is {order}.", "You're confirmed for {qty} on {date}.",
         "All set. We look forward to seeing you on {date}.", "Booked. You'll get a text the day before, on {date}."),
        {"card": 0.7, "phone": 0.65, "email": 0.55, "name": 0.75, "address": 0.15, "dob": 0.15, "third": 0.25,
         "combo": 0.05},
        nouns=("guests", "nights", "rooms", "adults", "children", "pitches", "people"),
        products=("spa package", "Harbor 1200 suite", "Atlas 4 tent pitch", "tasting menu 7", "Lumen 7 room"),
    ),
    Scenario(
        "healthcare", 16,
        ("GP surgery", "physiotherapy clinic", "dental practice", "optician", "dermatology clinic", "hearing clinic"),
        ("Wrenfield Medical Practice", "Motion Physio", "Brightsmile Dental", "ClearView Opticians",
         "Dermacare Clinic", "Cochlea Hearing"),
        ("I need to book a follow-up, my last appointment was {date}.",
         "I'm calling to reschedule my appointment on {date} at {time}.",
         "I'd like to get my daughter seen, she's had a temperature since {date}.",
         "Can I get a repeat prescription? It's the {m_dose} dose.", "I got a text about a check-up on {date}.",
         "I need to cancel {time} on {date}, I'm really sorry."),
        ((R("The next slot is {date} at {time}."), C("Do you have anything earlier?")),
         (R("We have {date} at {time} with Dr {doc}."), C("That works.")),
         (C("Will it be the {price} fee again?"), R("It's {price} for the consultation, and the scan is {price2}.")),
         (C("I'm taking {m_dose} of the ibuprofen twice a day."), R("Okay, I'll note that for the doctor.")),
         (R("Please arrive at {time}, ten minutes early, and bring your glasses."), C("Will do.")),
         (R("Dr {doc} is away until {date}, so it'd be Dr {doc2}."), C("That's fine, either is fine.")),
         (C("Last time I waited from {time} until {time2}."), R("I'm sorry about that, we're running better now.")),
         (R("Your insurer covers {pct}, so you'd pay {price}."), C("Okay.")),
         (C("My weight's about {m_weight}, if they need it."), R("Thanks, I'll add that.")),
         (R("The physio plan is {qty_sessions}, {price} each."), C("Does insurance cover that?")),
         (C("I had the same problem in {year}."), R("I'll mention that to the doctor."))),
        ("You're booked for {date} at {time}.", "That's all changed, see you on {date}.",
         "I've sent the prescription over, ready after {time} on {date}.", "Okay, you're on the list for {date}."),
        {"dob": 0.95, "id": 0.55, "phone": 0.5, "address": 0.35, "third": 0.35, "card": 0.15, "email": 0.25,
         "name": 0.65, "combo": 0.25},
        nouns=("sessions", "appointments", "tablets", "repeats"),
        products=("Vista 8 lens", "Halo 12 hearing aid", "Core 10 package", "Pro 250 tier"),
    ),
    Scenario(
        "insurance_claim", 14,
        ("home insurance", "car insurance", "travel insurance", "pet insurance", "gadget insurance"),
        ("Harbourline Insurance", "Keystone Motor Cover", "Wayfarer Travel Protect", "Furbrook Pet Insurance",
         "Shieldwise Gadget Cover"),
        ("I need to make a claim, my policy is {ticket}.", "I'm calling about claim {ticket}.",
         "Someone reversed into my car on {date}.", "We had a leak on {date} and the ceiling came down.",
         "My phone was stolen on {date}, the {product}.", "My dog needed surgery on {date}, I want to claim."),
        ((R("Your excess on this policy is {price}."), C("Okay, that's fine.")),
         (R("The damage is roughly {m_area}, is that right?"), C("About that, yes.")),
         (C("How long will it take?"), R("We aim to settle within ten working days, so by {date}.")),
         (R("The repair quote was {price} and we cover {pct} of it."), C("Right, okay.")),
         (C("It happened at about {time}."), R("And was there a police reference?"), C("Yes, it's {ticket}.")),
         (R("Your policy renewed on {date}, so you're covered."), C("Thank goodness.")),
         (C("The vet bill was {wprice}."), R("Okay, you're covered up to {price} for that condition.")),
         (R("Please send {qty_photos} of the damage and the receipts by {date}."), C("No problem.")),
         (C("It's the {product}, bought in {year}."), R("Okay, that's within the cover.")),
         (C("I've had the policy since {year}."), R("And no claims before this one.")),
         (R("Your no-claims discount is {pct} and stays the same."), C("Oh good.")),
         (R("You listed {qty} as damaged, is that right?"), C("Yes, that's everything."))),
        ("Your claim number is {ticket}. We'll call you by {date}.", "I've logged it under {ticket}.",
         "A loss adjuster will ring you on {date} between {time} and {time2}.", "That's all registered, reference {ticket}."),
        {"dob": 0.6, "address": 0.6, "bank": 0.6, "phone": 0.5, "email": 0.35, "id": 0.3, "third": 0.3,
         "name": 0.65, "combo": 0.2},
        nouns=("photos", "receipts", "items", "quotes"),
        products=("Quill 14 laptop", "Tern 9 e-bike", "Cadence 3 headset", "Vista 8 lens", "Halo 12 speaker"),
    ),
    Scenario(
        "utilities", 14,
        ("energy supplier", "water company", "heating oil", "district heating"),
        ("Brightwater Energy", "Clearspring Water", "Kilnworth Gas & Power", "Emberline Heating Oil",
         "Hearthnet Heat"),
        ("I'm moving house on {date} and need to close the account.", "My bill says {price} and that can't be right.",
         "I want to give a meter reading.", "I'd like to set up a direct debit.",
         "We've been without hot water since {date}.", "I'm moving in on {date}, need to open an account."),
        ((R("Your usage was {m_energy} last quarter."), C("That seems high.")),
         (R("The unit rate is {price}, plus a standing charge of {price2} a day."), C("Okay.")),
         (C("So the bill's {wprice}? That's a lot for {m_energy}."), R("Let me look at the readings.")),
         (R("Moving you to the {product} would save about {pct}."), C("Let's do that then.")),
         (C("Can you send someone on {date}?"), R("We have {date} between {time} and {time2}.")),
         (C("The bill was {wprice} last month."), R("That included the estimate from {date}.")),
         (R("We'll deliver {m_oil} of oil on {date}."), C("Great, the tank's nearly empty.")),
         (R("Your monthly payment goes from {price} to {price2} from {date}."), C("Alright.")),
         (C("The reading on {date} was estimated."), R("I'll correct it, that brings you to {price} in credit.")),
         (R("The meter was fitted in {year}, so it's due a swap."), C("Okay, when?")),
         (R("Your usage dropped {pct} since the new boiler."), C("Good, that was the idea.")),
         (C("We used {m_energy} in January alone."), R("January is always the worst.")),
         (C("There are {qty} in the building."), R("Then each flat gets its own bill."))),
        ("That's done. Your final bill will come on {date}.", "The direct debit starts on {date}.",
         "Engineer booked for {date}, reference {ticket}.", "All updated. Your next bill is around {price}."),
        {"address": 0.9, "bank": 0.8, "dob": 0.45, "email": 0.35, "phone": 0.3, "name": 0.6, "id": 0.2,
         "combo": 0.15},
        nouns=("meters", "readings", "months", "bedrooms"),
        products=("Flex 40 plan", "Fixed 24 tariff", "Green 12 tariff", "Orbit 2 thermostat", "Series 9 boiler"),
    ),
    Scenario(
        "banking_dd", 16,
        ("retail bank", "credit union", "building society", "gym direct debits"),
        ("Northmere Bank", "Hearthstone Credit Union", "Ridgefield Building Society", "Pulsefit Gyms"),
        ("I want to change the account my direct debit comes out of.", "I'd like to set up a standing order of {price} a month.",
         "There's a payment of {price} on {date} I don't recognise.", "I need to update my bank details for the salary deposit.",
         "Can I move my payment date to the {date}?"),
        ((R("The next collection is on {date} for {price}."), C("Okay, so the new account from then.")),
         (C("Can it come out on {date} instead?"), R("Yes, from next month.")),
         (R("The rate on that account is {pct}."), C("Okay.")),
         (R("The daily transfer limit is {price}."), C("That's enough.")),
         (C("I was charged {wprice} twice."), R("I can see that, I'll raise it as {ticket}.")),
         (R("It'll take {qty_working_days} to switch over, so it starts on {date}."), C("That's fine.")),
         (R("There was a {price} fee for the returned payment on {date}."), C("Can you refund that?")),
         (C("I've banked with you since {year}."), R("Then I'll waive the fee this time."))),
        ("The mandate is set up, first collection on {date}.", "I've updated it. Your reference is {ticket}.",
         "Done. You'll get a letter by {date}.", "All changed. The next {price} comes from the new account."),
        {"bank": 1.0, "dob": 0.55, "address": 0.35, "id": 0.45, "phone": 0.25, "name": 0.6, "combo": 0.25},
        nouns=("working days", "payments", "instalments"),
        products=("Everyday 1 account", "Saver 30 account", "Pro 250 tier"),
    ),
    Scenario(
        "rental", 10,
        ("car rental", "van hire", "equipment hire", "holiday let"),
        ("Roadwise Car Rental", "Haulmate Van Hire", "ToolTrove Hire", "Seaview Holiday Lets"),
        ("I'd like to hire a car from {date} to {date2}.", "I need a van for moving house, the {m_van} one.",
         "I'm calling about my reservation {order}.", "Is the cottage free from {date}?",
         "I'd like to hire a {product} for the weekend."),
        ((R("It's {price} a day, or {price2} for the week."), C("The week, please.")),
         (R("There's a {price} deposit held on the card."), C("Okay.")),
         (C("Does it include {m_distance} a day?"), R("Unlimited mileage on that one.")),
         (R("Pick-up is from {time} on {date}."), C("Great.")),
         (R("The {product} sleeps {qty}, and there's a {price} cleaning fee."), C("Perfect.")),
         (C("Can I drop it back at {time} on {date}?"), R("Sure, just put the keys in the box.")),
         (R("Fuel is full to full, or {price} to prepay."), C("Full to full.")),
         (C("It's for {qty}, is that okay?"), R("Yes, that's within the limit.")),
         (R("The van takes up to {m_item} on the tail lift."), C("Our sofa is lighter than that.")),
         (R("The van is a {year} model, nearly new."), C("Good."))),
        ("That's reserved, reference {order}.", "You're booked from {date} to {date2}.",
         "All set, see you on {date} at {time}.", "Your booking {order} is confirmed."),
        {"card": 0.7, "id": 0.7, "dob": 0.5, "address": 0.4, "phone": 0.3, "third": 0.25, "name": 0.55},
        nouns=("days", "drivers", "guests", "bedrooms", "nights"),
        products=("Atlas 4 tent", "Glide 200 treadmill", "Max 60 bundle", "Transit 350 van", "Vela 3 stroller"),
    ),
    Scenario(
        "delivery", 12,
        ("courier", "furniture retailer", "grocery delivery", "appliance store"),
        ("Swiftlane Couriers", "Oakhaven Furniture", "Basketful Groceries", "Whirlhome Appliances"),
        ("My parcel {order} was meant to come on {date}.", "I need to change the delivery address for order {order}.",
         "The {product} hasn't arrived.", "Can I rebook my delivery for {date}?",
         "The driver left a card saying they came at {time}.", "I ordered {qty} and only got half."),
        ((R("It's {m_item}, so it needs a two-person team."), C("Okay.")),
         (R("We can deliver on {date} between {time} and {time2}."), C("The morning is better.")),
         (C("There should be {qty} in the order."), R("Yes, {qty} on order {order}.")),
         (R("Redelivery is {price}, or free if you collect."), C("I'll pay for it.")),
         (C("Can they take the old {product} away?"), R("Yes, that's {price}.")),
         (R("It's out for delivery, the driver is about {m_near} away."), C("Oh good.")),
         (C("I ordered it on {date}."), R("I can see that, it shipped on {date2}.")),
         (R("The order has {qty}, split over two vans."), C("Both coming the same day?")),
         (C("The doorway is only {m_width} wide."), R("I'll note that for the crew."))),
        ("Done. It'll come on {date}, tracking {order}.", "Rebooked for {date}, between {time} and {time2}.",
         "I've updated order {order}.", "You'll get a text on {date} with a one-hour window."),
        {"address": 0.9, "phone": 0.8, "email": 0.35, "name": 0.55, "card": 0.15, "third": 0.15},
        nouns=("boxes", "parcels", "items", "packs", "cartons"),
        products=("Harbor 1200 sofa", "Gem 5 dishwasher", "Nimbus 350 mattress", "Glide 200 treadmill",
                  "K7 kettle"),
    ),
    Scenario(
        "refund", 10,
        ("online fashion retailer", "electronics shop", "airline", "concert tickets"),
        ("Threadloom", "Voltbay Electronics", "Skylark Air", "Encore Tickets"),
        ("I returned the {product} on {date} and haven't had my refund.", "I was charged twice, {price} each time.",
         "The event on {date} was cancelled, I'd like my money back.", "I want a refund for order {order}.",
         "The refund of {wprice} never arrived."),
        ((R("The refund of {price} was issued on {date}."), C("It's not on my account.")),
         (R("It went back to the card ending {lastfour}."), C("That card's been cancelled.")),
         (R("We keep {pct} as a restocking fee."), C("Really? Nobody told me that.")),
         (C("I sent back {qty} and only got money for one."), R("Let me check order {order}.")),
         (R("Refunds can take up to ten working days, so by {date}."), C("Okay.")),
         (C("It was {wprice} in total."), R("Yes, {price} for the item and {price2} shipping."))),
        ("I've issued {price}, you'll see it by {date}.", "The refund reference is {ticket}.",
         "That's processed, it should land on {date}.", "All done, {price} back to you."),
        {"card": 0.45, "bank": 0.6, "email": 0.55, "address": 0.3, "name": 0.55, "phone": 0.2},
        nouns=("items", "tickets", "pairs", "parcels"),
        products=("Quill 14 laptop", "Cadence 3 headset", "Halo 12 speaker", "Lumen 7 lamp", "Beacon 4G hub"),
    ),
    Scenario(
        "subscription", 12,
        ("streaming service", "meal kit", "magazine", "software", "gym"),
        ("Reelhouse", "Forkful Meal Kits", "The Weekly Lantern", "Cloudmint Software", "Ironclad Gym"),
        ("I want to cancel before it renews on {date}.", "I'd like to upgrade to the {product}.",
         "I was charged {price} but I cancelled on {date}.", "Can I pause my subscription until {date}?",
         "My card changed, I need to update it."),
        ((R("The {product} is {price} a month, or {price2} a year."), C("Monthly is fine.")),
         (R("You'd save {pct} going annual."), C("Maybe later.")),
         (C("Does that include {qty}?"), R("It does, and you can add more for {price}.")),
         (R("Your next box of {qty} is due on {date}."), C("Can you skip that one?")),
         (R("There's an offer, {wprice} for the first three months."), C("Oh, go on then.")),
         (C("I joined in {year}, doesn't that count for anything?"), R("It does, I can give you {pct} off.")),
         (R("Your plan has {qty}, and you've used all of them."), C("Can I add more?")),
         (R("Each box is about {m_box}, so it fits a normal fridge."), C("Perfect."))),
        ("You're all set, the next charge is {price} on {date}.", "Cancelled, you have access until {date}.",
         "Paused until {date}.", "Upgraded. The new price starts on {date}."),
        {"card": 0.75, "bank": 0.15, "email": 0.6, "address": 0.3, "dob": 0.15, "name": 0.55, "phone": 0.2},
        nouns=("meals", "screens", "users", "issues", "classes"),
        products=("Pro 250 tier", "Max 60 bundle", "Family 4 plan", "Core 10 package", "Flex 40 plan"),
    ),
    Scenario(
        "b2b_close", 10,
        ("payroll SaaS", "office supplies", "fleet telematics", "cloud hosting", "HR software", "commercial cleaning"),
        ("Ledgerline Payroll", "Stacksmith Office Supply", "Fleetwise Telematics", "Nimbusport Hosting",
         "Peopleworks HR", "Sparkle Commercial Cleaning"),
        ("We're ready to go ahead with the proposal from {date}.", "I'd like to sign up for {qty} on the {product}.",
         "We want to move forward, but can you do {pct} off?", "Finance approved the quote for {price}.",
         "Let's get the contract done before {date}."),
        ((R("So {qty} at {price} each, billed annually."), C("That's right.")),
         (C("Can we start on {date}?"), R("Yes, the onboarding call would be {date2} at {time}.")),
         (R("I can do {pct} off if you sign by {date}."), C("Deal.")),
         (R("That's {wprice} per seat per month."), C("Okay, and that's fixed for the term?")),
         (C("Our PO number is {order}."), R("I'll put that on the invoice.")),
         (R("Storage is {m_storage} per user on that tier."), C("That's plenty.")),
         (C("We have {qty} across three sites."), R("Then the {product} fits best.")),
         (C("We've been on the old system since {year}."), R("Migration is included, it takes about {qty_weeks}.")),
         (R("Volume pricing starts at {qty}, so you'd pay {price} per seat."), C("Good."))),
        ("Great, I'll send the contract today, first invoice on {date}.", "Welcome aboard. Kick-off is {date} at {time}.",
         "I'll get the order {order} raised now.", "Perfect, signed for {qty} from {date}."),
        {"card": 0.45, "bank": 0.65, "email": 0.75, "phone": 0.5, "address": 0.5, "third": 0.5, "name": 0.55},
        nouns=("seats", "licences", "vehicles", "users", "sites", "cases"),
        products=("Pro 250 tier", "Max 60 bundle", "Core 10 package", "Beacon 4G hub", "TX-300 router"),
    ),
    Scenario(
        "support", 10,
        ("software support", "smart home devices", "printer manufacturer", "online banking app"),
        ("Hexwork Software", "Nestor Smart Home", "Inkwell Printers", "Pocketbank"),
        ("My {product} keeps disconnecting.", "I can't log in since {date}.",
         "I opened a ticket, {ticket}, but nobody got back to me.", "The {product} shows an error after the update.",
         "The app crashed when I tried to pay {price}."),
        ((R("I've escalated it, the ticket is {ticket}."), C("Thanks.")),
         (C("It's been doing it since {date}, at about {time} every day."), R("That's when the sync runs.")),
         (R("Make sure it's within {m_router} of the router."), C("It's right next to it.")),
         (R("Which model is it, the {product}?"), C("Yes, that one.")),
         (C("We have {qty} on the network."), R("Okay, let's try a reset.")),
         (R("The fix is in version 4.2, out on {date}."), C("Okay, I'll wait.")),
         (R("I can see {pct} packet loss on the line."), C("Is that bad?"))),
        ("I'll call you back on {date} at {time}.", "Your ticket {ticket} stays open until {date}.",
         "That should be fixed now. Reference {ticket}.", "If it happens again, quote {ticket}."),
        {"email": 0.6, "phone": 0.5, "dob": 0.45, "address": 0.3, "name": 0.65, "id": 0.2},
        nouns=("devices", "users", "times", "printers"),
        products=("TX-300 router", "Orbit 2 thermostat", "Beacon 4G hub", "Lumen 7 lamp", "Halo 12 speaker"),
    ),
    Scenario(
        "collections", 8,
        ("debt recovery", "credit card collections", "utility arrears", "student loan servicing"),
        ("Fairway Recoveries", "Northmere Card Services", "Clearpath Collections", "Scholarline Loans"),
        ("I got a letter about an overdue balance of {price}.", "I want to set up a payment plan.",
         "Someone called me about account {ticket}.", "I can pay {wprice} today, is that okay?"),
        ((R("We can do {price} a month starting {date}."), C("That's manageable.")),
         (C("Can I pay {wprice} today?"), R("Yes, and the rest over {qty_months}.")),
         (R("Interest is frozen at {pct} while you're on the plan."), C("Okay, good.")),
         (R("The original amount was {price} from {date}."), C("I thought I'd paid that.")),
         (C("I lost my job in {year}."), R("I'm sorry to hear that. Let's find something that works."))),
        ("Your plan starts on {date}, {price} a month.", "That's paid, reference {ticket}.",
         "I've put a hold on the account until {date}.", "Payment received, the balance is now {price}."),
        {"dob": 0.75, "card": 0.6, "bank": 0.55, "address": 0.45, "id": 0.3, "name": 0.6, "phone": 0.2,
         "combo": 0.25},
        nouns=("months", "instalments", "payments"),
        products=("Everyday 1 card", "Saver 30 account"),
    ),
    Scenario(
        "travel", 10,
        ("airline", "tour operator", "rail", "ferry", "travel agency"),
        ("Skylark Air", "Wanderfold Tours", "Meridian Rail", "Greywater Ferries", "Atlas & Finch Travel"),
        ("I'd like to book flights for {qty} on {date}.", "We're {qty}, looking at {date}.", "I need to change my booking {order}.",
         "Can I add a bag to my flight on {date}?", "We're on the {time} sailing on {date}, can we change it?",
         "I want to book the tour starting {date}."),
        ((R("The flight leaves on {date} at {time}."), C("That works.")),
         (R("Bags up to {m_bag} are {price} each."), C("We'll need two.")),
         (C("What's the change fee?"), R("It's {price}, plus any difference in fare.")),
         (R("Your booking reference is {order}."), C("Got it.")),
         (R("The tour is {wprice} per person, {qty}."), C("Okay, book us in.")),
         (C("Is it still {wprice} for the window seat?"), R("It is, and legroom seats are {price}.")),
         (C("Is there anything on {date2}?"), R("Yes, at {time}, for {price} more.")),
         (R("The car on the ferry must be under {m_car}."), C("It is.")),
         (C("We travelled with you in {year} as well."), R("Welcome back.")),
         (R("The hotel is {m_near} from the station, and the bags limit is {m_bag}."), C("Perfect.")),
         (R("That's {qty} in total, {price} all in."), C("Great."))),
        ("You're booked, reference {order}, departing {date}.", "Changed to {date} at {time}.",
         "Bag added, you'll get the e-ticket by {time}.", "That's all confirmed for {date}."),
        {"card": 0.6, "dob": 0.6, "id": 0.7, "phone": 0.35, "email": 0.5, "third": 0.45, "name": 0.65},
        nouns=("passengers", "adults", "bags", "seats", "cabins"),
        products=("Flex 40 fare", "Saver 12 fare", "Plus 2 cabin", "Atlas 4 tour"),
    ),
    Scenario(
        "telecoms", 10,
        ("mobile network", "broadband", "cable TV"),
        ("Skylink Mobile", "Fibrewave Broadband", "Beaconline TV"),
        ("I want to move my number over to you.", "My bill jumped to {price} this month.",
         "I'd like to upgrade to the {product}.", "The broadband's been down since {date}.",
         "My contract ends on {date}, what can you offer?"),
        ((R("You've used {m_data} of data this month."), C("That can't be right.")),
         (R("The {product} is {price} a month, minimum term {qty_months}."), C("What about without the contract?")),
         (R("There's {pct} off for the first year."), C("Okay, that's decent.")),
         (R("An engineer can come on {date} between {time} and {time2}."), C("The afternoon, please.")),
         (C("I've been with you since {year}."), R("Then I can do {price} a month for loyalty.")),
         (R("Speeds up to {m_speed}, and the router is the {product}."), C("Sounds good.")),
         (C("We need {qty} on the family plan."), R("That's {price} a month for all of them."))),
        ("Your new plan starts on {date}.", "The engineer is booked, reference {ticket}.",
         "Your number moves over on {date} at about {time}.", "Done, your next bill will be {price}."),
        {"dob": 0.65, "id": 0.45, "address": 0.5, "card": 0.4, "bank": 0.45, "phone": 0.6, "email": 0.35,
         "name": 0.6, "combo": 0.15},
        nouns=("months", "lines", "SIMs", "devices"),
        products=("Pulse 25 plan", "Beacon 4G hub", "TX-300 router", "Unlimited 5 plan", "Max 60 bundle"),
    ),
    Scenario(
        "education_fees", 8,
        ("university", "language school", "private tutoring", "driving school", "nursery"),
        ("Hollinsworth University", "Lingua Viva School", "Brightpath Tutors", "Steady Wheels Driving School",
         "Little Acorns Nursery"),
        ("I'm calling to pay the tuition for the spring term.", "I want to pay for {qty} in advance.", "My son's fees of {price} are due on {date}.",
         "I'd like to book {qty}.", "I need an invoice for the course starting {date}.",
         "Can I pay the deposit of {wprice}?"),
        ((R("The term fee is {price}, due by {date}."), C("Okay.")),
         (R("There's a sibling discount of {pct}."), C("Oh, we have two there.")),
         (R("Classes start on {date} at {time}."), C("Great.")),
         (C("Can I book {qty} for the summer?"), R("Yes, that's {price} each.")),
         (R("The block of ten is {wprice}, or {price} each."), C("The block, please.")),
         (C("He started in {year}."), R("Then he's in his final year."))),
        ("That's paid, the receipt goes out by {date}.", "Booked, first lesson on {date} at {time}.",
         "All done, reference {ticket}.", "The invoice will come on {date}."),
        {"card": 0.55, "bank": 0.55, "dob": 0.5, "third": 0.65, "id": 0.35, "email": 0.4, "name": 0.55},
        nouns=("lessons", "instalments", "terms", "sessions", "hours"),
        products=("Core 10 package", "Intensive 5 course", "Level 2 course"),
    ),
)
GENERIC_CHATTER: tuple[Exchange, ...] = (
    (C("I've been a customer since {year}, you know."), R("Thank you for sticking with us.")),
    (R("The account was opened in {year}, is that right?"), C("Yes, about then.")),
    (C("Sorry, I haven't called since {year}, what's changed?"), R("Mostly the app, and the opening hours.")),
    (C("The last price rise was in {year}, wasn't it?"), R("It was, and before that in {year2}.")),
    (R("You currently have {qty} on the account at {price} each."), C("That's right.")),
    (C("Last year I paid {price}, this year it's {price2}."), R("Prices went up by {pct} across the board.")),
    (R("Quick survey, would you say you're {pct} happy with us? Only joking."), C("Ha, maybe ninety.")),
    (C("Is there any discount for paying up front?"), R("Yes, {pct}, so it'd be {price}.")),
    (C("So what's the damage, roughly?"), R("About {wprice} all together.")),
    (R("Just so you know, there's a {price} admin fee for changes."), C("That's fine.")),
    (R("Our office is about {m_near} from the station, if you ever want to pop in."), C("Good to know.")),
    (C("I'm sending some paperwork, it's about {m_parcel}."), R("Standard post is fine for that.")),
    (C("Was it {price} or {price2} last time?"), R("It was {price2}, the price changed on {date}.")),
    (R("The parcel's {m_parcel}, so the standard rate applies."), C("Okay.")),
    (R("We've had {pct} more calls than usual today, sorry for the wait."), C("That's alright.")),
    (C("My neighbour said you do {qty} for the price of one?"), R("That offer ended on {date}, sorry.")),
    (R("Just so you know, the call's recorded for training."), C("That's fine.")),
    (C("Sorry, it's a bit noisy here, I'm on the bus."), R("No problem, I can hear you fine.")),
    (R("How's your day going, anyway?"), C("Busy, you know how it is.")),
    (C("Oh, and while I have you, what are your opening hours?"), R("We're open {time} to {time2}, weekdays.")),
    (R("There's a promotion running until {date}, {pct} off."), C("Nice, I'll keep that in mind.")),
    (C("The letter was dated {date}."), R("Yes, that's the latest one.")),
    (R("The system's back up now, sorry about that."), C("No worries.")),
)
GENERIC_CLOSE = ("Anything else I can help with today?", "Is there anything else at all?",
                 "So that's {price} today and {price2} from {date}.", "Your total comes to {price}, and nothing else to pay.",
                 "That's {qty} confirmed at {price}.", "The credit of {price} will show from {date}.",
                 "That includes the {pct} discount we talked about.", "So {qty}, {price} in total, from {date}.",
                 "You'll get an email confirmation shortly.", "Okay, you're all set.",
                 "That's everything on my side.", "Have a lovely rest of your day.",
                 "I've added a note to the account.", "Great, that's all sorted for you.")
CUST_BYE = ("No, that's everything, thanks.", "That's all, thank you.", "Great, cheers, bye.", "Thanks, bye now.",
            "Perfect, thank you so much.", "No, you've been really helpful.", "That's it. Thanks a lot.",
            "Lovely, have a good one.", "Okay, thank you, bye bye.", "No, that's all. Bye.")
CUST_GREETING = ("Hi, yeah.", "Hello.", "Hi there.", "Oh hi.", "Yes, hi.", "Morning.", "Hi, thanks.", "Hello, hi.")
TITLES = ("Mr", "Ms", "Mrs", "Dr")
COMBOS = (
    ("For security, can I take your full name, date of birth and {pcname}?",
     ("Sure, {name}, {dob}, and {pc}.", "It's {name}, born {dob}, and {pc}.", "{name}. {dob}. And {pc}.")),
    ("Could you confirm your name and date of birth?",
     ("{name}, {dob}.", "Yeah, {name}, and it's {dob}.", "It's {name}, date of birth {dob}.")),
    ("I'll need your date of birth and the {pcname}, please.",
     ("{dob}, and {pc}.", "Date of birth {dob}, {pcname} {pc}.", "Um, {dob}, and it's {pc}.")),
    ("Can you give me your name and the first line of the address?",
     ("{name}, {street}.", "It's {name}, at {street}.", "{name}, and it's {street}.")),
)
ABA_BOTH_ASK = ("Could I get the routing and account numbers?", "And the routing number and then the account number?",
                "I'll need the routing and the account number off a check.")
SORT_BOTH_ASK = ("And the sort code and account number?", "Sort code and account number, please.",
                 "Could you read me the sort code and the account number?")
ROUTING_SAY_ABA = tuple(t for t in ROUTING_SAY if "ort code" not in t and "card" not in t)
ROUTING_READBACK_ABA = tuple(t for t in ROUTING_READBACK if "ort code" not in t)
ROUTING_READBACK_SORT = tuple(t for t in ROUTING_READBACK if "outing" not in t)
ROUTING_SAY_SORT = tuple(t for t in ROUTING_SAY
                         if not any(x in t for x in ("outing", "check", "credit union", "Bottom left")))
BANK_BOTH_ABA = tuple(t for t in BANK_BOTH_SAY if "ort code" not in t)
BANK_BOTH_SORT = tuple(t for t in BANK_BOTH_SAY if "outing" not in t)


# --------------------------------------------------------------------------------------------- beats
# A beat is a short exchange about one thing (the card, the date of birth, ...); a call is an opener,
# a few beats and a close. Each beat returns its turns; consecutive turns of one speaker are joined later.


def person_seg(ctx: Ctx, p: Person, part: str = "full", rep: bool = False) -> Seg:
    w = {"full": p.full, "first": p.first, "last": p.last}[part]
    return E("person", w, name_asr(w, ctx.rng), rep=rep)


def spellable(word: str) -> bool:
    f = fold(word)
    return f.isalpha() and 3 <= len(f) <= 11


def append(turn: Turn, ctx: Ctx, tpl: str | Sequence[str], **slots: Slot) -> None:
    """Add a sentence to the end of ``turn`` (same speaker, same breath)."""
    tpl = tpl if isinstance(tpl, str) else ctx.pick(tpl)
    turn.segs += [T(" ")] + ctx.fill(tpl, slots)


def beat_name(ctx: Ctx) -> list[Turn]:
    c = ctx.cust
    turns = [ctx.rep_says(NAME_ASK)]
    if ctx.chance(0.15):
        turns.append(ctx.cus_says(NAME_SPLIT_SAY, first=person_seg(ctx, c, "first"), last=person_seg(ctx, c, "last")))
    else:
        turns.append(ctx.cus_says(NAME_SAY, name=person_seg(ctx, c)))
    if ctx.chance(0.4) and spellable(c.last):
        turns.append(ctx.rep_says(SPELL_ASK))
        turns.append(ctx.cus_says(SPELL_SAY, spell=spell_seg(ctx, c.last, odd=ctx.chance(0.2)),
                                  last=person_seg(ctx, c, "last")))
    if ctx.chance(0.45):
        turns.append(ctx.rep_says(NAME_THANKS, first=person_seg(ctx, c, "first"), last=person_seg(ctx, c, "last"),
                                  name=person_seg(ctx, c), title=ctx.pick(TITLES)))
    return turns


def dob_dm_forms(ctx: Ctx, d: int, m: int) -> list[tuple[str, str]]:
    """Day and month without the year (the year comes in the next turn)."""
    mon = MONTHS[m - 1]
    msay = f"{ctx.zero} {ONES[m]}" if m < 10 else n2w(m)
    if ctx.month_first:
        return [(f"{mon} {ords(d)}", f"{mon} {ords(d)}"), (f"{mon} the {ordw(d)}", f"{mon} the {ords(d)}"),
                (f"{msay}, {n2w(d)}", f"{m:02d} {d}")]
    return [(f"the {ordw(d)} of {mon}", f"the {ords(d)} of {mon}"), (f"{ords(d)} {mon}", f"{ords(d)} {mon}"),
            (f"{n2w(d)}, {msay}", f"{d} {m:02d}")]


def dob_year_forms(ctx: Ctx, y: int) -> list[tuple[str, str]]:
    return [(year_words(y, ctx.rng), str(y)), (yy_words(y, ctx.zero), f"{y % 100:02d}"),
            (f"'{y % 100:02d}", f"{y % 100:02d}"), (str(y), str(y))]


def dob_answer(ctx: Ctx, d: int, m: int, y: int, say_pool: Sequence[str], **slots: Slot) -> list[Turn]:
    """The customer's answer to a date-of-birth question, said plainly two times in three, else
    the unusual ways: read back by the rep, corrected mid-value, split over two turns, number words
    grouped oddly, or year first ("born in '88, March twelfth")."""
    mode = ctx.rng.choices(("plain", "readback", "correction", "split", "grouped", "born_in"),
                           weights=(62, 10, 8, 8, 8, 4))[0]
    ctx.odd("dob", mode != "plain")
    forms = dob_forms(ctx, d, m, y)
    w, a = ctx.rng.choice(forms)
    if mode == "plain":
        return [ctx.cus_says(say_pool, v=E("dob", w, a), **slots)]
    if mode == "readback":
        w2, a2 = ctx.rng.choice(forms)
        return [ctx.cus_says(say_pool, v=E("dob", w, a), **slots), ctx.rep_says(DOB_READBACK, v=E("dob", w2, a2, odd=True))]
    if mode == "grouped":
        return [ctx.cus_says(say_pool, v=E("dob", *dob_odd_grouped(ctx, d, m, y), odd=True), **slots)]
    if mode == "born_in":
        yw, ya = ctx.rng.choice(dob_year_forms(ctx, y))
        dw, da = ctx.rng.choice(dob_dm_forms(ctx, d, m)[:2])
        tpl = ctx.pick(("I was born in {v}.", "Born in {v}.", "Um, born in {v}.", "In {v}."))
        return [ctx.cus_says(tpl, v=E("dob", f"{yw}, {dw}", f"{ya} {da}", odd=True))]
    if mode == "correction":
        dw = d + 10 if d + 10 <= 28 else d - 10 if d > 10 else d % 9 + 1
        if dw == d:
            dw = d + 1
        ww, wa = ctx.rng.choice(dob_forms(ctx, dw, m, y)[:3])
        if ctx.chance(0.55):
            tpl = ctx.pick(("It's {wrong}. Sorry, {right}, not {wday}.", "{wrong}, no, sorry, {right}, not {wday}.",
                            "Um, {wrong}... {right}, sorry, not {wday}."))
            return [ctx.cus_says(tpl, wrong=E("dob", ww, wa, odd=True),
                                 right=E("dob", f"the {ordw(d)}", f"the {ords(d)}", odd=True),
                                 wday=E("dob", f"the {ordw(dw)}", f"the {ords(dw)}", odd=True))]
        tpl = ctx.pick(("{wrong}, no, hang on, {right}.", "It's {wrong}... no, sorry, {right}. I always get that wrong.",
                        "{wrong}. Oh wait, that's my husband's. Mine is {right}."))
        return [ctx.cus_says(tpl, wrong=E("dob", ww, wa, odd=True), right=E("dob", w, a, odd=True))]
    dw, da = ctx.rng.choice(dob_dm_forms(ctx, d, m))
    yw, ya = ctx.rng.choice(dob_year_forms(ctx, y))
    return [ctx.cus_says(("{v}...", "It's {v}, and...", "{v}, um...", "So, {v}."), v=E("dob", dw, da, odd=True)),
            ctx.rep_says(("And the year?", "Mm-hm.", "Uh-huh, and the year?", "Okay, what year?", "Go on.")),
            ctx.cus_says(("{v}.", "{v}, sorry.", "Oh, {v}.", "It's {v}."), v=E("dob", yw, ya, odd=True))]


def beat_dob(ctx: Ctx) -> list[Turn]:
    d, m, y = ctx.dob
    turns = [ctx.rep_says(DOB_ASK + (DOB_ASK_US if ctx.month_first else ()))]
    turns += dob_answer(ctx, d, m, y, DOB_SAY)
    if ctx.chance(0.4):
        last = next(t for t in reversed(turns) if t.speaker == "customer")
        append(last, ctx, DOB_NEAR)
    return turns


def beat_address(ctx: Ctx) -> list[Turn]:
    addr = ctx.address
    pcn = pc_name(ctx)
    turns = [ctx.rep_says(ADDR_ASK, pcname=pcn)]
    odd_pc = ctx.chance(0.15) and not addr.postcode.replace(" ", "").replace("-", "").isdigit()
    r = ctx.rng.random()
    if r < 0.5:
        turns.append(ctx.cus_says(ADDR_SAY, addr=address_block(ctx, odd=odd_pc)))
    elif r < 0.8 or not addr.unit:
        turns.append(ctx.cus_says(ADDR_SAY, addr=address_block(ctx, pc=False, city=ctx.chance(0.5))))
        turns.append(ctx.rep_says(PC_ASK, pcname=pcn))
        pw, pa = postcode_forms(ctx, addr.postcode, odd_pc)
        turns.append(ctx.cus_says(PC_SAY, v=E("address", pw, pa, odd=odd_pc), pcname=pcn[0].upper() + pcn[1:]))
    else:
        turns.append(ctx.cus_says(ADDR_SAY, addr=address_block(ctx, unit=False)))
        turns.append(ctx.rep_says(("Okay.", "Mm-hm.", "Got it.", "Lovely.")))
        turns.append(ctx.cus_says(UNIT_SAY, v=E("address", addr.unit, addr.unit_asr)))
    if ctx.chance(0.35):
        sw, sa = street_forms(ctx, addr, unit=ctx.chance(0.5))
        pw, pa = postcode_forms(ctx, addr.postcode)
        turns.append(ctx.rep_says(ADDR_READBACK, street=E("address", sw, sa), pc=E("address", pw, pa),
                                  city=IG(addr.city)))
    return turns


def beat_email(ctx: Ctx) -> list[Turn]:
    turns = [ctx.rep_says(EMAIL_ASK), ctx.cus_says(EMAIL_SAY, v=E("email", *email_forms(ctx, ctx.email)))]
    if ctx.chance(0.35):
        turns.append(ctx.rep_says(EMAIL_READBACK, v=E("email", *email_forms(ctx, ctx.email))))
    return turns


def beat_phone(ctx: Ctx, ph: Phone | None = None, ask: Sequence[str] = PHONE_ASK) -> list[Turn]:
    ph = ph or ctx.phone
    turns = [ctx.rep_says(ask)]
    if ctx.chance(0.25) and len(ph.groups) >= 3:
        k = ctx.rng.randint(1, len(ph.groups) - 1)
        style = ctx.pick(("digits", "each", "each"))
        turns += [ctx.cus_says(PHONE_FIRST, v=digits_seg(ctx, "phone", ph.groups[:k], style, "spaced")),
                  ctx.rep_says(BACKCHANNEL),
                  ctx.cus_says(PHONE_LAST, v=digits_seg(ctx, "phone", ph.groups[k:], style, "spaced"))]
    else:
        turns.append(ctx.cus_says(PHONE_SAY, v=E("phone", *phone_forms(ctx, ph))))
    if ctx.chance(0.4):
        turns.append(ctx.rep_says(PHONE_READBACK, v=E("phone", *phone_forms(ctx, ph, intl=False))))
    return turns


def wrong_id(ctx: Ctx, iv: IdVal) -> IdVal:
    """The same ID with one digit misread in its last chunk that has digits (what a caller corrects)."""
    idx = max(i for i, c in enumerate(iv.chunks) if any(ch.isdigit() for ch in c))
    chunk = iv.chunks[idx]
    pos = ctx.rng.choice([i for i, ch in enumerate(chunk) if ch.isdigit()])
    new = chunk[:pos] + str((int(chunk[pos]) + ctx.rng.randint(1, 8)) % 10) + chunk[pos + 1:]
    chunks = iv.chunks[:idx] + (new,) + iv.chunks[idx + 1:]
    text = iv.text.replace(chunk, new, 1) if iv.text.count(chunk) == 1 else "".join(chunks)
    return IdVal(iv.kind, text, chunks)


def beat_id(ctx: Ctx, kind: str = "") -> list[Turn]:
    iv = ctx.idval(kind)
    turns = [ctx.rep_says(ID_ASK, idname=ctx.pick(ID_NAMES[iv.kind]))]
    letters = any(c.isalpha() for c in iv.text)
    modes = ["plain", "readback", "correction", "split", "alpha" if letters else "grouped", "grouped"]
    mode = ctx.rng.choices(modes, weights=(57, 10, 8, 8 if len(iv.chunks) > 1 else 0, 10, 6))[0]
    ctx.odd("id", mode != "plain")
    plain = ctx.pick(("print", "print", "chunks"))
    if mode == "plain":
        turns.append(ctx.cus_says(ID_SAY, v=E("id", *id_forms(ctx, iv, plain))))
    elif mode in ("alpha", "grouped"):
        turns.append(ctx.cus_says(ID_SAY, v=E("id", *id_forms(ctx, iv, mode), odd=True)))
    elif mode == "readback":
        turns.append(ctx.cus_says(ID_SAY, v=E("id", *id_forms(ctx, iv, plain))))
        turns.append(ctx.rep_says(ID_READBACK, v=E("id", *id_forms(ctx, iv, ctx.pick(("print", "chunks"))), odd=True)))
    elif mode == "split":
        k = ctx.rng.randint(1, len(iv.chunks) - 1)
        head = IdVal(iv.kind, " ".join(iv.chunks[:k]), iv.chunks[:k])
        tail = IdVal(iv.kind, " ".join(iv.chunks[k:]), iv.chunks[k:])
        turns += [ctx.cus_says(("It's {v}...", "{v}...", "Okay, {v}, then...", "Um, {v}."),
                               v=E("id", *id_forms(ctx, head, "chunks"), odd=True)),
                  ctx.rep_says(BACKCHANNEL),
                  ctx.cus_says(("{v}.", "Then {v}.", "And {v}, that's it.", "{v}, sorry, had to find it."),
                               v=E("id", *id_forms(ctx, tail, "chunks"), odd=True))]
    else:
        bad = wrong_id(ctx, iv)
        idx = max(i for i, c in enumerate(iv.chunks) if any(ch.isdigit() for ch in c))
        if ctx.chance(0.5) and len(iv.chunks) > 1:
            turns.append(ctx.cus_says(("It's {wrong}... wait, the last bit is {right}, not {wbit}.",
                                       "{wrong}. Sorry, no, {right}, not {wbit}."),
                                      wrong=E("id", *id_forms(ctx, bad, plain), odd=True),
                                      right=E("id", *id_forms(ctx, IdVal(iv.kind, iv.chunks[idx], (iv.chunks[idx],)),
                                                                "chunks"), odd=True),
                                      wbit=E("id", *id_forms(ctx, IdVal(iv.kind, bad.chunks[idx], (bad.chunks[idx],)),
                                                               "chunks"), odd=True)))
        else:
            turns.append(ctx.cus_says(("{wrong}, sorry, no, {right}.", "It's {wrong}... no, hang on, {right}.",
                                       "Um, {wrong}, oh, I mean {right}."),
                                      wrong=E("id", *id_forms(ctx, bad, plain), odd=True),
                                      right=E("id", *id_forms(ctx, iv, plain), odd=True)))
    if ctx.chance(0.25) and iv.kind != "ssn4":
        last = next(t for t in reversed(turns) if t.speaker == "customer")
        append(last, ctx, ("It was issued in {year}.", "I renewed it in {year}.", "I got it in {year}, if that helps."))
    return turns


def expiry_answer(ctx: Ctx) -> list[Turn]:
    """The customer's answer to the expiry question: plainly two times in three, else read back,
    corrected ("oh eight, no, oh nine"), split over turns, oddly grouped, or as month and year apart."""
    m, y = ctx.expiry
    mode = ctx.rng.choices(("plain", "readback", "correction", "split", "grouped", "twopart"),
                           weights=(56, 12, 9, 8, 9, 6))[0]
    ctx.odd("expiry", mode != "plain")
    w, a = ctx.rng.choice(expiry_forms(ctx, m, y))
    if mode == "plain":
        return [ctx.cus_says(EXP_SAY, v=E("expiry", w, a))]
    if mode == "readback":
        w2, a2 = ctx.rng.choice(expiry_forms(ctx, m, y))
        return [ctx.cus_says(EXP_SAY, v=E("expiry", w, a)), ctx.rep_says(EXP_READBACK, v=E("expiry", w2, a2, odd=True))]
    if mode == "grouped":
        return [ctx.cus_says(EXP_SAY, v=E("expiry", *expiry_odd_grouped(ctx, m, y), odd=True))]
    if mode == "correction":
        mw, yw = (m % 12 + 1, y) if ctx.chance(0.6) else (m, y - 1)
        bad = ctx.rng.choice(expiry_forms(ctx, mw, yw)[:6])
        tpl = ctx.pick(("{wrong}, no, sorry, {right}. I was looking at the old card.", "It's {wrong}... actually no, {right}.",
                        "Um, {wrong}, wait, that's the old one. {right}."))
        return [ctx.cus_says(tpl, wrong=E("expiry", *bad, odd=True), right=E("expiry", w, a, odd=True))]
    mm, yy = f"{m:02d}", f"{y % 100:02d}"
    months = [(f"{ctx.zero} {ONES[m]}" if m < 10 else n2w(m), mm), (MONTHS[m - 1], MONTHS[m - 1]), (mm, mm)]
    years = [(n2w(y % 100), yy), (str(y), str(y)), (f"twenty {n2w(y % 100)}", str(y))]
    mv, yv = ctx.rng.choice(months), ctx.rng.choice(years)
    if mode == "twopart":
        tpl = ctx.pick(("The month is {mv} and the year {yv}.", "Month {mv}, year {yv}.", "It's month {mv}, year {yv}."))
        return [ctx.cus_says(tpl, mv=E("expiry", *mv, odd=True), yv=E("expiry", *yv, odd=True))]
    return [ctx.cus_says(("{v}...", "Month's {v}...", "Um, {v}, and...", "It's {v}..."), v=E("expiry", *mv, odd=True)),
            ctx.rep_says(("And the year?", "Mm-hm.", "Uh-huh, and the year?", "Okay.", "Yep.")),
            ctx.cus_says(("{v}.", "Year's {v}.", "{v}, sorry."), v=E("expiry", *yv, odd=True))]


CARD_SPLITS = {4: ([[0], [1], [2], [3]], [[0, 1], [2, 3]], [[0], [1, 2], [3]], [[0, 1, 2], [3]], [[0, 1], [2], [3]]),
               3: ([[0], [1], [2]], [[0, 1], [2]], [[0], [1, 2]])}


def beat_card(ctx: Ctx) -> list[Turn]:
    turns: list[Turn] = []
    brand = brand_of(ctx.card)
    if ctx.chance(0.15):
        old = f"{ctx.rng.randint(0, 9999):04d}"
        turns += [ctx.rep_says(CARD_ON_FILE, lastfour=K("last4", old), brand=ctx.pick(("Visa", "Mastercard", "debit card"))),
                  ctx.cus_says(CARD_ON_FILE_SAY)]
    groups = card_groups(ctx.card)
    turns.append(ctx.rep_says(CARD_ASK))
    if ctx.chance(0.35):
        split = ctx.rng.choice(CARD_SPLITS[len(groups)])
        for i, idxs in enumerate(split):
            seg = card_seg(ctx, [groups[j] for j in idxs])
            pool = CARD_FIRST if i == 0 else CARD_LAST if i == len(split) - 1 else CARD_MID
            turns.append(ctx.cus_says(pool, v=seg))
            if i < len(split) - 1:
                turns.append(ctx.rep_says(BACKCHANNEL))
    else:
        turns.append(ctx.cus_says(CARD_SAY, v=card_seg(ctx, groups)))
    amex = brand == "Amex"
    if ctx.chance(0.22) and not amex:
        ctx.odd("expiry", False)
        turns += [ctx.rep_says(EXP_CVV_ASK),
                  ctx.cus_says(EXP_CVV_SAY, e=E("expiry", *ctx.rng.choice(expiry_forms(ctx, *ctx.expiry))), c=cvv_seg(ctx))]
    else:
        turns.append(ctx.rep_says(EXP_ASK))
        turns += expiry_answer(ctx)
        turns += [ctx.rep_says(AMEX_CVV_ASK if amex else CVV_ASK), ctx.cus_says(CVV_SAY, v=cvv_seg(ctx))]
    turns.append(ctx.rep_says(CARD_CONFIRM, brand=brand))
    if ctx.chance(0.5):
        turns.append(ctx.cus_says(YES))
    return turns


def aba_seg(ctx: Ctx, r: str) -> Seg:
    groups = [r[:3], r[3:6], r[6:]] if ctx.chance(0.5) else [r]
    return digits_seg(ctx, "routing", groups, ctx.pick(("digits", "digits", "each", "mixed")),
                      ctx.pick(("run", "spaced", "regroup")))


def account_seg(ctx: Ctx, acct: str) -> Seg:
    if len(acct) == 8:
        groups = [acct[:4], acct[4:]]
    else:
        groups = [acct[k:k + 3] for k in range(0, len(acct), 3)]
    return digits_seg(ctx, "account", groups if ctx.chance(0.6) else [acct],
                      ctx.pick(("digits", "digits", "each", "pairs", "mixed")), ctx.pick(("run", "spaced", "regroup")))


def beat_bank(ctx: Ctx) -> list[Turn]:
    kind = "iban" if ctx.code == "UK" and ctx.chance(0.2) else ctx.c.bank
    if not kind:
        return beat_card(ctx)
    if kind == "iban":
        iban = draw_iban(ctx.rng, IBAN_CC[ctx.code])
        groups = [iban[k:k + 4] for k in range(0, len(iban), 4)]
        style = ctx.pick(("print", "print", "run", "spoken", "alpha"))
        turns = [ctx.rep_says(IBAN_ASK)]
        if ctx.chance(0.3):
            cut = sorted(ctx.rng.sample(range(1, len(groups)), 2 if len(groups) > 5 and ctx.chance(0.4) else 1))
            pieces = [groups[a:b] for a, b in itertools.pairwise([0, *cut, len(groups)])]
            for i, piece in enumerate(pieces):
                pool = IBAN_FIRST if i == 0 else IBAN_LAST if i == len(pieces) - 1 else IBAN_MID
                turns.append(ctx.cus_says(pool, v=E("iban", *iban_forms(ctx, piece, style if style != "run" else "print"))))
                if i < len(pieces) - 1:
                    turns.append(ctx.rep_says(BACKCHANNEL))
        else:
            turns.append(ctx.cus_says(IBAN_SAY, v=E("iban", *iban_forms(ctx, groups, style))))
        if ctx.chance(0.2):
            turns.append(ctx.rep_says(IBAN_READBACK, v=E("iban", *iban_forms(ctx, groups, "print"))))
        return turns
    if kind == "aba":
        routing = aba_seg(ctx, draw_aba(ctx.rng))
        acct = "".join(ctx.rng.choice("0123456789") for _ in range(ctx.rng.randint(8, 12)))
        both_ask, both_say, r_ask, r_say, r_back = ABA_BOTH_ASK, BANK_BOTH_ABA, ABA_ASK, ROUTING_SAY_ABA, \
            ROUTING_READBACK_ABA
    else:
        s = "".join(ctx.rng.choice("0123456789") for _ in range(6))
        routing = E("routing", *sort_forms(ctx, s))
        acct = str(ctx.rng.randint(1, 9)) + "".join(ctx.rng.choice("0123456789") for _ in range(7))
        both_ask, both_say, r_ask, r_say, r_back = SORT_BOTH_ASK, BANK_BOTH_SORT, SORT_ASK, ROUTING_SAY_SORT, \
            ROUTING_READBACK_SORT
    aseg = account_seg(ctx, acct)
    if ctx.chance(0.3):
        turns = [ctx.rep_says(both_ask), ctx.cus_says(both_say, r=routing, a=aseg)]
    else:
        turns = [ctx.rep_says(r_ask), ctx.cus_says(r_say, v=routing), ctx.rep_says(ACCOUNT_ASK),
                 ctx.cus_says(ACCOUNT_SAY, v=aseg)]
    if ctx.chance(0.35):
        append(turns[-1], ctx, ("I opened it in {year}.", "It's been open since {year}.", "Had it since {year}."))
    if ctx.chance(0.5):
        turns.append(ctx.rep_says(r_back, v=routing))
    if ctx.chance(0.45):
        turns.append(ctx.rep_says(ACCOUNT_READBACK, v=account_seg(ctx, acct)))
    return turns


def beat_third(ctx: Ctx) -> list[Turn]:
    p = ctx.new_person()
    tpl = ctx.pick(THIRD_SAY)
    if any(w in tpl for w in ("husband", "father", "son,", "fiancé")):
        their = "his"
    elif any(w in tpl for w in ("wife", "daughter", "mum", "niece", "flatmate")):
        their = "her"
    else:
        their = "their"
    turns: list[Turn] = []
    if ctx.chance(0.35):
        turns.append(ctx.rep_says(THIRD_ASK))
    turns.append(ctx.cus_says(tpl, name=person_seg(ctx, p), first=person_seg(ctx, p, "first")))
    if ctx.chance(0.5):
        young = any(w in tpl for w in ("daughter", "son,", "niece", "student"))
        d, m, y = draw_dob(ctx.rng, young=young)
        turns.append(ctx.rep_says(DOB_THIRD_ASK, their=their, tfirst=person_seg(ctx, p, "first")))
        turns += dob_answer(ctx, d, m, y, DOB_THIRD_SAY, Their=their.capitalize())
    elif ctx.chance(0.4):
        turns += beat_phone(ctx, draw_phone(ctx.rng, ctx.code),
                            ("And a contact number for them?", "What's the best number for them?",
                             "Could I take a phone number for the second person?"))
    return turns


def beat_combo(ctx: Ctx) -> list[Turn]:
    """Name, date of birth and postcode (or street) asked together and given in one breath."""
    ask, says = ctx.rng.choice(COMBOS)
    pcn = pc_name(ctx)
    d, m, y = ctx.dob
    ctx.odd("dob", False)
    pw, pa = postcode_forms(ctx, ctx.address.postcode)
    sw, sa = street_forms(ctx, ctx.address)
    return [ctx.rep_says(ask, pcname=pcn),
            ctx.cus_says(says, name=person_seg(ctx, ctx.cust), dob=E("dob", *ctx.rng.choice(dob_forms(ctx, d, m, y))),
                         pc=E("address", pw, pa), street=E("address", sw, sa), pcname=pcn)]


def beat_chatter(ctx: Ctx, used: set[int]) -> list[Turn]:
    """An exchange with no personal data (prices, dates, quantities ...), the scenario's own four times in five."""
    pool = ctx.scenario.chatter + GENERIC_CHATTER
    own = [i for i in range(len(ctx.scenario.chatter)) if i not in used]
    other = [i for i in range(len(ctx.scenario.chatter), len(pool)) if i not in used]
    i = ctx.rng.choice(own if own and (ctx.chance(0.8) or not other) else other or list(range(len(pool))))
    used.add(i)
    return [ctx.say(spk, tpl) for spk, tpl in pool[i]]


def beat_hold(ctx: Ctx) -> list[Turn]:
    return [ctx.rep_says(HOLD), ctx.cus_says(CUST_FILLER)]


def opener(ctx: Ctx) -> tuple[list[Turn], bool]:
    """The rep's greeting with their own name, and the customer's reason for calling (sometimes
    with their name). Returns the turns and whether the customer gave their name."""
    tpl = ctx.pick(REP_INTRO)
    rep = person_seg(ctx, ctx.rep, "full" if ctx.rep_full else "first", rep=True)
    first = ctx.rep_says(tpl, rep=rep)
    named = "Who do I" in tpl or ctx.chance(0.3)
    reason = ctx.pick(ctx.scenario.reasons)
    if named:
        second = ctx.cus_says(HELLO_NAME, name=person_seg(ctx, ctx.cust))
    else:
        second = ctx.cus_says(CUST_GREETING)
    append(second, ctx, reason)
    return [first, second], named


def closing(ctx: Ctx) -> list[Turn]:
    rep = ctx.rep_says(ctx.scenario.closes if ctx.chance(0.7) else GENERIC_CLOSE)
    if ctx.chance(0.2):
        append(rep, ctx, REP_NAME_AGAIN)
    cus = ctx.cus_says(CUST_THANKS_REP if ctx.chance(0.3) else CUST_BYE)
    return [rep, cus]


def join_turns(turns: list[Turn]) -> list[Turn]:
    """Consecutive turns of one speaker become one turn, as a transcript shows them."""
    out: list[Turn] = []
    for t in turns:
        if out and out[-1].speaker == t.speaker:
            out[-1] = Turn(t.speaker, out[-1].segs + [T(" ")] + t.segs)
        else:
            out.append(Turn(t.speaker, list(t.segs)))
    return out


DATA_BEATS: dict[str, Callable[[Ctx], list[Turn]]] = {
    "name": beat_name, "combo": beat_combo, "dob": beat_dob, "id": beat_id, "address": beat_address,
    "third": beat_third, "card": beat_card, "bank": beat_bank, "phone": beat_phone, "email": beat_email,
}
BEAT_ORDER = ("name", "combo", "dob", "id", "address", "third", "card", "bank", "phone", "email")


DROP_WEIGHT = {"hold": 8.0, "chatter": 3.0, "name": 4.0, "email": 2.5, "third": 2.5, "phone": 1.5, "address": 2.0,
               "combo": 1.2, "dob": 1.2, "id": 0.8, "bank": 0.4, "card": 0.4}  # how readily a beat is cut to fit


@dataclass
class Beat:
    """A beat's turns and how many DOB / expiry / id mentions it holds, and how many said unusually."""

    name: str
    turns: list[Turn]
    odd: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)


def run_beat(ctx: Ctx, name: str, make: Callable[[], list[Turn]]) -> Beat:
    ctx.odd_counts, ctx.odd_total = Counter(), Counter()
    turns = make()
    return Beat(name, turns, ctx.odd_counts, ctx.odd_total)


def beat_chance(ctx: Ctx, beat: str) -> float:
    """How likely a call holds ``beat``: the scenario's figure, raised for bank details where they
    are given by phone as routing / sort code and account number (the US and the UK)."""
    p = ctx.scenario.beats.get(beat, 0.0)
    if beat == "bank" and ctx.c.bank in ("aba", "sort"):
        p = min(1.0, 1.6 * p + 0.05)
    return p


def build_turns(ctx: Ctx) -> tuple[list[Turn], list[Beat]]:
    """Opener, the scenario's data beats (each drawn with its probability), chatter between them,
    and the close; beats are dropped until the call has at most MAX_TURNS turns."""
    head, named = opener(ctx)
    chosen = [b for b in BEAT_ORDER if ctx.chance(beat_chance(ctx, b))]
    if named and "name" in chosen:
        chosen.remove("name")
    if "combo" in chosen:
        chosen = [b for b in chosen if b not in ("name", "dob")]
    if "bank" in chosen and not ctx.c.bank and "card" in chosen:
        chosen.remove("bank")  # no bank details by phone here: the bank beat would be a second card beat
    if not any(b in chosen for b in ("card", "bank", "dob", "address", "id", "phone", "email")):
        chosen.append(ctx.pick(("dob", "address", "phone", "email")))
    mid = chosen[:1] + sorted(chosen[1:3], key=lambda _: ctx.rng.random()) + chosen[3:]
    beats = [run_beat(ctx, b, lambda b=b: DATA_BEATS[b](ctx)) for b in mid]
    used: set[int] = set()
    for _ in range(ctx.rng.choices((0, 1, 2, 3), weights=(8, 37, 38, 17))[0]):
        beats.insert(ctx.rng.randint(0, len(beats)), run_beat(ctx, "chatter", lambda: beat_chatter(ctx, used)))
    if ctx.chance(0.15):
        beats.insert(ctx.rng.randint(0, len(beats)), run_beat(ctx, "hold", lambda: beat_hold(ctx)))
    tail = closing(ctx)

    def joined() -> list[Turn]:
        return join_turns(head + [t for b in beats for t in b.turns] + tail)

    turns = joined()
    tries = 0
    while len(turns) > MAX_TURNS:
        if len(beats) > 1:
            weights = [DROP_WEIGHT[b.name] for b in beats]
            beats.pop(ctx.rng.choices(range(len(beats)), weights=weights)[0])
        else:  # one long beat (a card read in four pieces with a split expiry ...): draw it again
            tries += 1
            if tries > 20:
                raise RuntimeError(f"{ctx.cid}: cannot fit the {beats[0].name} beat in {MAX_TURNS} turns")
            name = beats[0].name
            beats[0] = run_beat(ctx, name, lambda name=name: DATA_BEATS[name](ctx))
        turns = joined()
    while len(turns) < MIN_TURNS:
        beats.append(run_beat(ctx, "chatter", lambda: beat_chatter(ctx, used)))
        turns = joined()
    return turns, beats


# --------------------------------------------------------------------------------------------- the ASR form

MISHEAR = {"plan": "plant", "contract": "contact", "quote": "coat", "cancel": "council", "invoice": "in voice",
           "weekend": "week end", "receipt": "recede", "renewal": "renew all", "courier": "career",
           "balance": "ballots", "deposit": "the posit", "great": "grate", "right": "write", "wait": "weight",
           "there": "their", "whether": "weather", "sure": "shore", "bill": "build", "tariff": "terrace",
           "claim": "clean", "booking": "bookin", "statement": "state meant", "excess": "access", "sort": "salt",
           "mandate": "man date", "appointment": "a point meant", "engineer": "engine ear", "fee": "fear",
           "lovely": "lively", "brilliant": "brilliance", "reading": "red in", "parcel": "parcel's"}
_MISHEAR_RE = re.compile(r"\b(" + "|".join(MISHEAR) + r")\b")
_FILLER_RE = re.compile(r"\b(?:[Uu]m+|[Uu]h+|[Ee]rm|[Ee]r|[Mm]m)\b(?!-)[,.]*\s*")
_NUMWORD_RE = re.compile(r"\b(two|three|four|six|eight|nine|sixteen)(?=[- ](?:digits?|numbers?|little))")
_NUMWORD = {"two": "2", "three": "3", "four": "4", "six": "6", "eight": "8", "nine": "9", "sixteen": "16"}


@dataclass(frozen=True)
class AsrStyle:
    """How tiny.en writes one call: how often it drops "?" and commas, lower-cases a turn, writes
    "OK", and mishears an ordinary word."""

    drop_q: float
    drop_comma: float
    lower: float
    ok: float
    mishear: float


def asr_text(ctx: Ctx, text: str, st: AsrStyle, lower: bool) -> str:
    """Plain words of a turn the way tiny.en writes them (values are rendered by their own code)."""
    rng = ctx.rng
    text = text.replace("...", rng.choice(("", ",", "."))).replace("D.O.B.", "DOB")
    text = _FILLER_RE.sub("", text)
    text = _NUMWORD_RE.sub(lambda m: _NUMWORD[m.group(1)] if rng.random() < 0.6 else m.group(1), text)
    text = _MISHEAR_RE.sub(lambda m: MISHEAR[m.group(1)] if rng.random() < st.mishear else m.group(1), text)
    text = re.sub(r"\bOkay\b", lambda m: "OK" if rng.random() < st.ok else m.group(), text)
    text = "".join(rng.choice((".", "")) if ch == "?" and rng.random() < st.drop_q else
                   "" if ch == "," and rng.random() < st.drop_comma else ch for ch in text)
    if lower:
        return text.lower()
    return re.sub(r"([.?!] )([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)


def render_turn(ctx: Ctx, turn: Turn, form: str, st: AsrStyle) -> dict:
    """Text and labels of one turn in ``form``; offsets are taken as the text is built, spaces and
    stray punctuation around dropped words are tidied without touching any value."""
    lower = form == "asr" and ctx.chance(st.lower)
    out: list[str] = []
    guard = 0  # nothing before this index may change (it ends the last value)
    ents: list[dict] = []
    keeps: list[dict] = []
    ign: list[dict] = []
    for seg in turn.segs:
        if seg.kind == "text":
            txt = seg.w if form == "written" else asr_text(ctx, seg.a, st, lower)
            for ch in txt:
                if ch == " " and (not out or out[-1] == " "):
                    continue
                if ch in ",.?!;:":
                    if not out:
                        continue
                    if out[-1] == " " and len(out) > guard:
                        out.pop()
                    if out[-1] in ",;:" and len(out) > guard:
                        out[-1] = ch
                        continue
                    if ch == "," and out[-1] in ".?!" and len(out) > guard:
                        continue
                    if ch == "." and out[-1] == "." and len(out) == guard:  # "at 9 a.m." ending a sentence
                        continue
                out.append(ch)
            continue
        v = (seg.w if form == "written" else seg.a).strip()
        if lower and (seg.kind == "keep" or seg.label in ("person", "email")):
            v = v.lower()
        starts_sentence = not out or (len(out) >= 2 and out[-1] == " " and out[-2] in ".?!:"
                                      and "".join(out[-4:-1]) != "...")
        if starts_sentence and v[:1].islower() and "@" not in v and not lower:
            v = v[0].upper() + v[1:]
        start = len(out)
        out.extend(v)
        guard = len(out)
        if seg.kind == "ent":
            e = {"type": seg.label, "value": v, "start": start}
            if seg.rep_name:
                e["rep_name"] = True
            ents.append(e)
        elif seg.kind == "keep":
            keeps.append({"kind": seg.label, "value": v})
        else:
            ign.append({"value": v, "start": start})
    while out and out[-1] == " ":
        out.pop()
    if form == "asr" and not lower and out and out[0].islower() and turn.segs[0].kind == "text":
        out[0] = out[0].upper()
    rec = {"speaker": turn.speaker, "text": "".join(out), "entities": ents, "keep": keeps}
    if ign:
        rec["ignore"] = ign
    return rec


def render_call(ctx: Ctx, turns: list[Turn]) -> dict:
    rng = ctx.rng
    st = AsrStyle(drop_q=rng.uniform(0.3, 0.85), drop_comma=rng.uniform(0.2, 0.7), lower=rng.uniform(0.05, 0.35),
                  ok=rng.uniform(0.0, 0.8), mishear=rng.uniform(0.05, 0.3))
    return {"id": ctx.cid, "country": ctx.code, "industry": ctx.industry, "scenario": ctx.scenario.name,
            "company": ctx.company, "written": [render_turn(ctx, t, "written", st) for t in turns],
            "asr": [render_turn(ctx, t, "asr", st) for t in turns]}


# --------------------------------------------------------------------------------------------- checks, build, stats


def _spans(turn: dict) -> list[tuple[int, int]]:
    return sorted((e["start"], e["start"] + len(e["value"])) for e in turn["entities"])


def problems(rec: dict) -> list[str]:
    """What is wrong with a rendered call (empty when every label is consistent): a value not at
    its offset, overlapping values, a keep inside a value or missing from the text, labels that
    differ between the two forms."""
    out = []
    for form in ("written", "asr"):
        for n, turn in enumerate(rec[form]):
            text = turn["text"]
            where = f"{rec['id']} {form} turn {n}"
            if not text or text != text.strip() or "  " in text or "{" in text or "}" in text:
                out.append(f"{where}: bad text {text!r}")
            for e in turn["entities"]:
                v = e["value"]
                if not v or v != v.strip() or text[e["start"]:e["start"] + len(v)] != v or v[-1] in ",.;:":
                    out.append(f"{where}: value {v!r} not at {e['start']}")
            spans = _spans(turn)
            if any(a[1] > b[0] for a, b in itertools.pairwise(spans)):
                out.append(f"{where}: overlapping values")
            for k in turn["keep"]:
                kv = k["value"]
                if any(kv in e["value"] for e in turn["entities"]):
                    out.append(f"{where}: keep {kv!r} inside a value")
                hits = [m.start() for m in re.finditer(re.escape(kv), text)
                        if not any(s < m.start() + len(kv) and m.start() < t for s, t in spans)]
                if not hits:
                    out.append(f"{where}: keep {kv!r} not outside every value")
    for w, a in zip(rec["written"], rec["asr"], strict=True):
        if [(e["type"], e.get("rep_name", False)) for e in w["entities"]] != [
                (e["type"], e.get("rep_name", False)) for e in a["entities"]]:
            out.append(f"{rec['id']}: entity labels differ between forms")
        if [k["kind"] for k in w["keep"]] != [k["kind"] for k in a["keep"]]:
            out.append(f"{rec['id']}: keep labels differ between forms")
    return out


@dataclass
class Built:
    """All calls, plus what the file does not hold: unusual-form counts and redraws."""

    calls: list[dict]
    odd: Counter[str]
    total: Counter[str]
    redraws: int


def make_call(i: int) -> tuple[dict, Counter[str], Counter[str], int]:
    """Call ``h3-{i:04d}``; if its labels clash (a keep that falls inside a value, say), it is drawn
    again from a derived seed ("holdout3:h3-0007/retry1"), deterministically."""
    cid = f"h3-{i:04d}"
    for attempt in range(20):
        ctx = Ctx(cid, attempt)
        turns, beats = build_turns(ctx)
        rec = render_call(ctx, turns)
        if not problems(rec):
            return rec, sum((b.odd for b in beats), Counter()), sum((b.total for b in beats), Counter()), attempt
    raise RuntimeError(f"{cid}: labels clash in 20 draws: {problems(rec)[:3]}")


def build_all() -> Built:
    calls, odd, total, redraws = [], Counter(), Counter(), 0
    for i in range(1, N_CALLS + 1):
        rec, o, t, attempt = make_call(i)
        calls.append(rec)
        odd.update(o)
        total.update(t)
        redraws += attempt
    return Built(calls, odd, total, redraws)


PLACEHOLDER = {"card": "[CARD]", "cvv": "[CVV]", "expiry": "[EXPIRY]", "iban": "[IBAN]", "account": "[ACCOUNT]",
               "routing": "[ROUTING]", "dob": "[DOB]", "address": "[ADDRESS]", "person": "[NAME]", "email": "[EMAIL]",
               "phone": "[PHONE]", "id": "[ID]"}
KEEP_ROWS = (("price", "prices in digits or with a currency word", lambda v: any(c.isdigit() for c in v)),
             ("price", "amounts said in words", lambda v: not any(c.isdigit() for c in v)),
             ("quantity", "quantities", None), ("date", "dates (not DOBs)", None), ("time", "times", None),
             ("year", "years", None), ("order", "order / booking numbers", None),
             ("ticket", "ticket / claim / policy / member refs", None), ("product", "product names with numbers", None),
             ("percent", "percentages", None), ("measure", "measures", None),
             ("last4", "card last four in a read-back", None))


def counts(calls: list[dict]) -> tuple[Counter[str], Counter[str], int]:
    """Entity counts (person split into callers/third parties and rep names), keep rows, and turns,
    all in the written form."""
    ent, keep, turns = Counter(), Counter(), 0
    for rec in calls:
        for t in rec["written"]:
            turns += 1
            for e in t["entities"]:
                ent["person (rep name)" if e.get("rep_name") else e["type"]] += 1
            for k in t["keep"]:
                for kind, label, test in KEEP_ROWS:
                    if k["kind"] == kind and (test is None or test(k["value"])):
                        keep[label] += 1
    return ent, keep, turns


def stats_markdown(calls: list[dict]) -> str:
    """The count tables of HOLDOUT3.md, computed from the calls."""
    ent, keep, turns = counts(calls)
    lines = ["| entity | placeholder | values (written form) |", "|---|---|---|"]
    for t in TYPES:
        lines.append(f"| {t} | `{PLACEHOLDER[t]}` | {ent[t]} |")
        if t == "person":
            lines.append(f"| person, the rep's own name (`rep_name`) | `[NAME]` | {ent['person (rep name)']} |")
    lines.append(f"| **all** | | {sum(ent.values())} |")
    lines += ["", "| hard negative (`keep`) | values (written form) |", "|---|---|"]
    lines += [f"| {label} | {keep[label]} |" for _, label, _ in KEEP_ROWS]
    lines.append(f"| **all** | {sum(keep.values())} |")
    by_country = Counter(r["country"] for r in calls)
    by_scenario = Counter(r["scenario"] for r in calls)
    lines += ["", "| country | calls |", "|---|---|"]
    lines += [f"| {c} | {by_country[c]} |" for c in COUNTRIES if by_country[c]]
    lines += ["", "| scenario | calls |", "|---|---|"]
    lines += [f"| {s.name} | {by_scenario[s.name]} |" for s in SCENARIOS]
    lens = [len(r["written"]) for r in calls]
    quiet = sum(1 for r in calls for t in r["written"] if not t["entities"])
    lines += ["", f"{len(calls)} calls, {turns} turns ({min(lens)} to {max(lens)} a call); {quiet} turns with no labelled value."]
    return "\n".join(lines)


PHRASINGS = {  # the carrier phrasings of each entity type, by side (counted by the test)
    "card": {"customer": CARD_SAY + CARD_FIRST + CARD_MID + CARD_LAST, "rep": CARD_ASK + CARD_ON_FILE},
    "cvv": {"customer": CVV_SAY + EXP_CVV_SAY, "rep": CVV_ASK + AMEX_CVV_ASK + EXP_CVV_ASK},
    "expiry": {"customer": EXP_SAY + EXP_CVV_SAY, "rep": EXP_ASK + EXP_READBACK + EXP_CVV_ASK},
    "iban": {"customer": IBAN_SAY + IBAN_FIRST + IBAN_MID + IBAN_LAST, "rep": IBAN_ASK + IBAN_READBACK},
    "account": {"customer": ACCOUNT_SAY + BANK_BOTH_SAY, "rep": ACCOUNT_ASK + ACCOUNT_READBACK + ABA_BOTH_ASK},
    "routing": {"customer": ROUTING_SAY + BANK_BOTH_SAY, "rep": ABA_ASK + SORT_ASK + ROUTING_READBACK},
    "dob": {"customer": DOB_SAY + DOB_THIRD_SAY, "rep": DOB_ASK + DOB_ASK_US + DOB_READBACK + DOB_THIRD_ASK},
    "address": {"customer": ADDR_SAY + PC_SAY + UNIT_SAY, "rep": ADDR_ASK + PC_ASK + ADDR_READBACK},
    "person": {"customer": NAME_SAY + HELLO_NAME + NAME_SPLIT_SAY + SPELL_SAY + THIRD_SAY + CUST_THANKS_REP,
               "rep": REP_INTRO + NAME_THANKS + REP_NAME_AGAIN + NAME_ASK},
    "email": {"customer": EMAIL_SAY, "rep": EMAIL_ASK + EMAIL_READBACK},
    "phone": {"customer": PHONE_SAY + PHONE_FIRST + PHONE_LAST, "rep": PHONE_ASK + PHONE_READBACK},
    "id": {"customer": ID_SAY, "rep": ID_ASK + ID_READBACK},
}


def odd_summary(built: Built) -> str:
    parts = [f"{k}: {built.odd[k]} of {built.total[k]} mentions ({built.odd[k] / max(built.total[k], 1):.0%})"
             for k in ("dob", "expiry", "id")]
    return "unusual forms - " + "; ".join(parts) + f". Calls redrawn after a label clash: {built.redraws}."


def render_file(calls: list[dict]) -> str:
    return "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in calls)


def main(argv: Sequence[str] | None = None) -> int:
    """Write holdout3.jsonl, or with --check say whether it is current, or with --stats print the counts."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 0 iff the file on disk is what this script writes")
    ap.add_argument("--stats", action="store_true", help="print the count tables (markdown)")
    ap.add_argument("--out", type=Path, default=OUT, help="where to write (default: holdout3.jsonl beside this script)")
    args = ap.parse_args(argv)
    built = build_all()
    text = render_file(built.calls)
    if args.check:
        current = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print(f"{args.out.name} is {'current' if current else 'stale: run make_holdout3.py to rewrite it'}")
        return 0 if current else 1
    if args.stats:
        print(stats_markdown(built.calls))
        print()
        print(odd_summary(built))
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {len(built.calls)} calls to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
