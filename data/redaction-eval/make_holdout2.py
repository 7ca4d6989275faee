"""Writes ``data/redaction-eval/holdout2.jsonl``: 300 short phone calls (``h2-0001`` ... ``h2-0300``)
labelled with the personal data in every turn and the look-alikes that must survive.

This is the fifth writer's set and it is HELD OUT: it is scored once, for the final figures, and
nobody tunes on it (see ``HOLDOUT2.md``). It was written from a brief, without reading the other
sets, their generators or the detector, so its wording is its own.

    python data/redaction-eval/make_holdout2.py            # rewrite holdout2.jsonl
    python data/redaction-eval/make_holdout2.py --check    # exit 0 iff the file is current, else 1
    python data/redaction-eval/make_holdout2.py --stats    # the count tables (markdown)

Standard library only. Deterministic: each call is built from its own ``random.Random`` seeded with
its id (a call whose draw breaks a labelling rule is redrawn from ``"<id>/<n>"``). Every sentence
is a template whose slots hold an entity, a hard negative (``keep``) or an ignored place name,
each with a ``written`` and an ``asr`` rendering; both forms of a turn come from the same slots,
so the label sequences are the same by construction and offsets are recorded as text is built.
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
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "holdout2.jsonl"
N_CALLS = 300
ID_PREFIX = "h2"
TYPES = ("card", "cvv", "expiry", "iban", "account", "routing", "dob", "address", "person", "email", "phone", "id")
KINDS = ("price", "quantity", "date", "time", "year", "order", "ticket", "product", "percent", "measure", "last4")
#: the brief's minimum count of labelled values per type (written form) and of hard negatives
MINIMA = {"card": 100, "cvv": 80, "expiry": 80, "iban": 50, "account": 40, "routing": 40, "dob": 110,
          "address": 150, "person": 500, "email": 70, "phone": 120, "id": 60}
MIN_KEEPS = 1000
MIN_CARRIERS = 25
MIN_NAMES = 400


class Reject(Exception):
    """A drawn call breaks a labelling rule (a keep inside a value, too many turns ...): redraw it."""


# ---------------------------------------------------------------------------------------------
# Checksums: every fake value that has one passes it (the tests read these back from the labels).
# ---------------------------------------------------------------------------------------------

def luhn_ok(number: str) -> bool:
    """Luhn check (cards, Canadian SINs)."""
    if not number.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def luhn_complete(stem: str) -> str:
    """``stem`` plus the digit that makes it pass Luhn."""
    return next(stem + d for d in "0123456789" if luhn_ok(stem + d))


IBAN_LENGTH = {"DE": 22, "FR": 27, "NL": 18, "ES": 24, "IT": 27, "BE": 16, "IE": 22, "GB": 22,
               "PT": 25, "AT": 20, "PL": 28}


def _iban_int(s: str) -> int:
    return int("".join(str(int(c, 36)) for c in s))


def iban_ok(iban: str) -> bool:
    """ISO 13616 mod-97 check, and the country's length."""
    if len(iban) != IBAN_LENGTH.get(iban[:2], -1) or not iban.isalnum():
        return False
    return _iban_int(iban[4:] + iban[:4]) % 97 == 1


def iban_make(cc: str, bban: str) -> str:
    """The IBAN of ``bban`` in country ``cc`` with its check digits."""
    return f"{cc}{98 - _iban_int(bban + cc + '00') % 97:02d}{bban}"


def aba_ok(d: str) -> bool:
    """ABA routing-number checksum (weights 3, 7, 1)."""
    if len(d) != 9 or not d.isdigit():
        return False
    w = (3, 7, 1) * 3
    return sum(int(c) * k for c, k in zip(d, w)) % 10 == 0


def aba_make(rng: random.Random) -> str:
    """A routing number with a Federal Reserve prefix (01-12, 21-32) and a valid checksum."""
    stem = f"{rng.choice(list(range(1, 13)) + list(range(21, 33))):02d}" + "".join(rng.choice("0123456789") for _ in range(6))
    return next(stem + d for d in "0123456789" if aba_ok(stem + d))


DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def dni_ok(code: str) -> bool:
    """Spanish DNI (8 digits + letter) or NIE (X/Y/Z + 7 digits + letter)."""
    if re.fullmatch(r"[XYZ]\d{7}[A-Z]", code):
        code = str("XYZ".index(code[0])) + code[1:]
    return bool(re.fullmatch(r"\d{8}[A-Z]", code)) and DNI_LETTERS[int(code[:8]) % 23] == code[8]


def bsn_ok(code: str) -> bool:
    """Dutch BSN: the 11-test (weights 9..2, then -1)."""
    if not re.fullmatch(r"\d{9}", code):
        return False
    return (sum(int(c) * w for c, w in zip(code, (9, 8, 7, 6, 5, 4, 3, 2, -1))) % 11 == 0) and code[0] != "0"


def pps_check(digits: str, second: str = "") -> str:
    """Irish PPS check letter for seven digits and an optional second letter (W counts 0)."""
    total = sum(int(c) * w for c, w in zip(digits, range(8, 1, -1)))
    if second:
        total += 9 * (0 if second == "W" else ord(second) - 64)
    r = total % 23
    return "W" if r == 0 else chr(64 + r)


def pps_ok(code: str) -> bool:
    m = re.fullmatch(r"(\d{7})([A-W])([A-IW]?)", code)
    return bool(m) and pps_check(m[1], m[3]) == m[2]


def nhs_ok(code: str) -> bool:
    """NHS number: mod-11 check digit (weights 10..2)."""
    if not re.fullmatch(r"\d{10}", code):
        return False
    r = 11 - sum(int(c) * w for c, w in zip(code, range(10, 1, -1))) % 11
    r = 0 if r == 11 else r
    return r != 10 and r == int(code[9])


def tfn_ok(code: str) -> bool:
    """Australian tax file number: weights 1,4,3,7,5,8,6,9,10, sum divisible by 11."""
    return bool(re.fullmatch(r"\d{9}", code)) and sum(
        int(c) * w for c, w in zip(code, (1, 4, 3, 7, 5, 8, 6, 9, 10))) % 11 == 0


def medicare_ok(code: str) -> bool:
    """Australian Medicare card number (10 digits): 9th digit = weighted sum of the first 8 mod 10."""
    return bool(re.fullmatch(r"[2-6]\d{9}", code)) and sum(
        int(c) * w for c, w in zip(code, (1, 3, 7, 9, 1, 3, 7, 9))) % 10 == int(code[8])


def pesel_ok(code: str) -> bool:
    if not re.fullmatch(r"\d{11}", code):
        return False
    s = sum(int(c) * w for c, w in zip(code, (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)))
    return (10 - s % 10) % 10 == int(code[10])


CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                  [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8,
                   12, 14, 16, 10, 22, 25, 24, 23]))


def cf_check(first15: str) -> str:
    """Italian codice fiscale check character (odd/even position tables)."""
    total = 0
    for i, c in enumerate(first15, start=1):
        total += CF_ODD[c] if i % 2 else (int(c) if c.isdigit() else ord(c) - 65)
    return chr(65 + total % 26)


def cf_ok(code: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{6}\d\d[ABCDEHLMPRST]\d\d[A-Z]\d{3}[A-Z]", code)) and cf_check(code[:15]) == code[15]


def nir_ok(code: str) -> bool:
    """French social security number: 13 digits + key 97 - (n mod 97)."""
    return bool(re.fullmatch(r"[12]\d{14}", code)) and 97 - int(code[:13]) % 97 == int(code[13:])


def be_nn_ok(code: str) -> bool:
    """Belgian national register number (born before 2000): 97 - (first nine mod 97)."""
    return bool(re.fullmatch(r"\d{11}", code)) and 97 - int(code[:9]) % 97 == int(code[9:])


def nif_ok(code: str) -> bool:
    """Portuguese NIF: mod-11 check digit (weights 9..2)."""
    if not re.fullmatch(r"[123]\d{8}", code):
        return False
    r = sum(int(c) * w for c, w in zip(code, range(9, 1, -1))) % 11
    return int(code[8]) == (0 if r < 2 else 11 - r)


#: (country, shape) -> checksum of the id kinds that have one; ids of other shapes have none
ID_CHECKS: list[tuple[set[str], str, str, Callable[[str], bool]]] = [
    ({"US"}, r"\d{9}", "SSN", lambda c: c[:3] == "666" or c[0] == "9"),
    ({"UK"}, r"[A-Z]{2}\d{6}[A-D]", "NI number", lambda c: c[0] in "DFIQUV"),
    ({"UK"}, r"\d{10}", "NHS number", nhs_ok),
    ({"IE"}, r"\d{7}[A-W][A-IW]?", "PPS number", pps_ok),
    ({"CA"}, r"\d{9}", "SIN", lambda c: c[0] == "0" and luhn_ok(c)),
    ({"AU"}, r"\d{9}", "TFN", tfn_ok),
    ({"AU"}, r"\d{10}", "Medicare number", medicare_ok),
    ({"ES"}, r"[XYZ]?\d{7,8}[A-Z]", "DNI/NIE", dni_ok),
    ({"NL"}, r"\d{9}", "BSN", bsn_ok),
    ({"IT"}, r"[A-Z]{6}\d\d[A-Z]\d\d[A-Z]\d{3}[A-Z]", "codice fiscale", cf_ok),
    ({"FR"}, r"\d{15}", "NIR", nir_ok),
    ({"BE"}, r"\d{11}", "national number", be_nn_ok),
    ({"PL"}, r"\d{11}", "PESEL", pesel_ok),
    ({"PT"}, r"\d{9}", "NIF", nif_ok),
]


def id_check(country: str, code: str) -> tuple[str, bool] | None:
    """``(kind, passes)`` for an id of a kind with a check (or a never-issued range), else None."""
    for countries, shape, kind, ok in ID_CHECKS:
        if country in countries and re.fullmatch(shape, code):
            return kind, ok(code)
    return None


# ---------------------------------------------------------------------------------------------
# Reading a spoken value back (used to check the labels, and by the tests)
# ---------------------------------------------------------------------------------------------

def split_words(text: str) -> list[str]:
    """The whitespace-separated words of ``text`` (long lists are easier to read as a block)."""
    return text.split()


ONES = split_words("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen")
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNIT = {w: i for i, w in enumerate(ONES[:10])} | {"oh": 0, "o": 0, "nought": 0}
_TEEN = {w: i for i, w in enumerate(ONES) if i >= 10}
_TENS = {w: i for i, w in enumerate(TENS) if w}
NATO = {"A": "Alpha", "B": "Bravo", "C": "Charlie", "D": "Delta", "E": "Echo", "F": "Foxtrot", "G": "Golf",
        "H": "Hotel", "I": "India", "J": "Juliet", "K": "Kilo", "L": "Lima", "M": "Mike", "N": "November",
        "O": "Oscar", "P": "Papa", "Q": "Quebec", "R": "Romeo", "S": "Sierra", "T": "Tango", "U": "Uniform",
        "V": "Victor", "W": "Whiskey", "X": "Xray", "Y": "Yankee", "Z": "Zulu"}
_NATO_BACK = {w.lower(): k for k, w in NATO.items()} | {"alfa": "A", "juliett": "J", "whisky": "W"}
#: words a transcriber hears after "as in" / "for" when a letter is spelled
AS_IN = {"A": ["apple", "Alpha"], "B": ["Bravo", "boy"], "C": ["Charlie", "cat"], "D": ["David", "Delta", "dog"],
         "E": ["Edward", "Echo"], "F": ["Frank", "Foxtrot"], "G": ["George", "Golf"], "H": ["Harry", "Hotel"],
         "J": ["John", "Juliet"], "K": ["King", "Kilo"], "L": ["London", "Lima"], "M": ["Mary", "Mike", "mother"],
         "N": ["Nancy", "November"], "P": ["Peter", "Papa"], "Q": ["Queen", "Quebec"], "R": ["Robert", "Romeo"],
         "S": ["Sugar", "Sierra", "Sam"], "T": ["Tommy", "Tango"], "U": ["Uncle", "Uniform"], "V": ["Victor", "Victoria"],
         "W": ["William", "Whiskey"], "X": ["Xray"], "Y": ["Yellow", "Yankee"], "Z": ["Zebra", "Zulu"], "I": ["India"]}


def _tokens(text: str) -> list[str]:
    text = re.sub(r"(?i)x-ray", "xray", text)
    return re.findall(r"\d+|[^\W\d_]+|,", unicodedata.normalize("NFC", text).lower())


def digits_of(text: str) -> str:
    """The digits a spoken or written number says: "forty-two, oh five double five" -> "42050555"."""
    out: list[str] = []
    toks = _tokens(text)
    mult = 1
    i = 0
    while i < len(toks):
        t = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if t.isdigit():
            out.append(t[0] * mult + t[1:] if mult > 1 and len(t) == 1 else t)
            mult = 1
        elif t == "double":
            mult = 2
        elif t in ("triple", "treble"):
            mult = 3
        elif t in _UNIT:
            out.append(str(_UNIT[t]) * mult)
            mult = 1
        elif t in _TEEN:
            out.append(str(_TEEN[t]))
        elif t in _TENS:
            if nxt in _UNIT and nxt not in ("oh", "o", "nought", "zero"):
                out.append(f"{_TENS[t]}{_UNIT[nxt]}")
                i += 1
            else:
                out.append(f"{_TENS[t]}0")
        elif t == "hundred":
            out.append("00")
        i += 1
    return "".join(out)


_CODE_STOP = {"as", "in", "for", "plus", "and", "then", "double", "triple", "treble", "hundred", "dash", "slash"}


def code_of(text: str) -> str:
    """The letters and digits a spoken code says: "D as in David, E, eight nine" -> "DE89"."""
    out: list[str] = []
    toks = _tokens(text)
    mult = 1
    i = 0
    while i < len(toks):
        t = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if t == "as" and nxt == "in":
            i += 3  # "as in David": the word names the letter already said
            continue
        if t == "for" and out and out[-1].isalpha():
            i += 2
            continue
        if t in ("double", "triple", "treble"):
            mult = 2 if t == "double" else 3
        elif t.isdigit() or t in _UNIT or t in _TEEN or t in _TENS:
            span = [t]
            if t in _TENS and nxt in _UNIT and nxt not in ("oh", "o", "nought", "zero"):
                span.append(nxt)
                i += 1
            d = digits_of(" ".join(span))
            out.append(d[0] * mult + d[1:] if mult > 1 else d)
            mult = 1
        elif t in _NATO_BACK:
            out.append(_NATO_BACK[t] * mult)
            mult = 1
        elif t.isalpha() and len(t) <= 4 and t not in _CODE_STOP and t != ",":
            s = unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode().upper()
            out.append(s[0] * mult + s[1:] if mult > 1 else s)
            mult = 1
        i += 1
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Saying numbers: a value is first *spoken* (units: a digit, "double five", "forty-two" ...),
# then written as a transcriber would type it and as tiny.en would.
# ---------------------------------------------------------------------------------------------

ORDINALS = split_words("zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
            "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth")
MONTHS = split_words("January February March April May June July August September October November December")
MON_ABBR = split_words("Jan Feb March April May June July Aug Sept Oct Nov Dec")
WEEKDAYS = split_words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")


def words(n: int, and_: bool = True) -> str:
    """``n`` (0 - 999,999) in words: 249 -> "two hundred and forty-nine"."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else "-" + ONES[n % 10])
    if n < 1000:
        h, r = divmod(n, 100)
        return f"{ONES[h]} hundred" + ("" if r == 0 else (" and " if and_ else " ") + words(r, and_))
    th, r = divmod(n, 1000)
    head = f"{words(th, and_)} thousand"
    if r == 0:
        return head
    return head + (" and " if r < 100 and and_ else " ") + words(r, and_)


def ordinal_word(n: int) -> str:
    """3 -> "third", 21 -> "twenty-first", 30 -> "thirtieth"."""
    if n <= 20:
        return ORDINALS[n]
    t, o = divmod(n, 10)
    return TENS[t][:-1] + "ieth" if o == 0 else f"{TENS[t]}-{ORDINALS[o]}"


def suffix(n: int) -> str:
    """1 -> "1st", 22 -> "22nd", 13 -> "13th"."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}" + {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def year_words(y: int, region: str, rng: random.Random) -> str:
    """1988 -> "nineteen eighty-eight"; 2005 -> "two thousand and five"; 2012 -> "twenty twelve"."""
    hi, lo = divmod(y, 100)
    if y < 2000 or (y >= 2010 and rng.random() < 0.6):
        return f"{words(hi)} {words(lo)}" if lo >= 10 else f"{words(hi)} oh {ONES[lo]}"
    return words(y, and_=region != "US")


def two_digit_year_words(yy: int) -> str:
    """88 -> "eighty-eight"; 5 -> "oh five"."""
    return f"oh {ONES[yy]}" if yy < 10 else words(yy)


@dataclass(frozen=True)
class Unit:
    """One spoken unit of a number: ``digits`` it stands for, ``words`` as typed, ``asr`` renderings."""
    digits: str
    words: str
    asr: tuple[str, ...]


COMMONWEALTH = {"UK", "IE", "AU"}


def zero_word(rng: random.Random, region: str) -> str:
    r = rng.random()
    if region in COMMONWEALTH and r < 0.06:
        return "nought"
    return "zero" if r > 0.7 else "oh"


def digit_unit(rng: random.Random, d: str, region: str, allow_o: bool) -> Unit:
    if d == "0":
        return Unit("0", zero_word(rng, region), ("0", "0", "o") if allow_o else ("0",))
    return Unit(d, ONES[int(d)], (d, d, d, ONES[int(d)]))


def pair_units(rng: random.Random, p: str, region: str, allow_o: bool) -> list[Unit]:
    """Two digits said as one number ("forty-two", "twelve", "oh five")."""
    if p[0] == "0":
        return [digit_unit(rng, "0", region, allow_o), digit_unit(rng, p[1], region, allow_o)]
    n = int(p)
    if n < 20:
        return [Unit(p, ONES[n], (p,))]
    if n % 10 == 0:
        return [Unit(p, TENS[n // 10], (p,))]
    return [Unit(p, words(n), (p, p, words(n).replace("-", " ")))]


def run_units(rng: random.Random, g: str, region: str, allow_o: bool) -> list[Unit]:
    """A group said digit by digit, runs as "double five" / "triple oh" (more often in UK/IE/AU)."""
    p_double = 0.75 if region in COMMONWEALTH else 0.4
    out: list[Unit] = []
    i = 0
    while i < len(g):
        run = len(g[i:]) - len(g[i:].lstrip(g[i]))
        d = g[i]
        word = zero_word(rng, region) if d == "0" else ONES[int(d)]
        dig_asr = "o" if d == "0" and allow_o and rng.random() < 0.3 else d
        if run >= 3 and rng.random() < p_double * 0.8:
            tw = "treble" if region == "UK" and rng.random() < 0.3 else "triple"
            out.append(Unit(d * 3, f"{tw} {word}", (f"triple {dig_asr}", d * 3, f"triple {word}")))
            i += 3
        elif run >= 2 and rng.random() < p_double:
            out.append(Unit(d * 2, f"double {word}", (f"double {dig_asr}", d * 2, f"double {word}")))
            i += 2
        else:
            out.append(digit_unit(rng, d, region, allow_o))
            i += 1
    return out


def spoken_units(rng: random.Random, g: str, region: str, pairs_p: float, allow_o: bool) -> list[Unit]:
    """How one group of digits is said: in pairs, as "fifteen hundred", or digit by digit."""
    r = rng.random()
    if r < pairs_p and len(g) in (2, 3, 4):
        out = [digit_unit(rng, g[0], region, allow_o)] if len(g) == 3 else []
        rest = g[1:] if len(g) == 3 else g
        for k in range(0, len(rest), 2):
            out.extend(pair_units(rng, rest[k:k + 2], region, allow_o))
        return out
    if r < pairs_p + 0.15 and len(g) == 4 and g.endswith("00") and g[0] != "0" and g[1] != "0":
        return [Unit(g, f"{words(int(g[:2]))} hundred", (g, g))]
    if r < pairs_p + 0.15 and len(g) == 3 and g.endswith("00") and g[0] != "0":
        return [Unit(g, f"{ONES[int(g[0])]} hundred", (g, g))]
    return run_units(rng, g, region, allow_o)


def _asr_units(rng: random.Random, units_by_group: list[list[Unit]]) -> str:
    gsep = rng.choice([" ", " ", " ", ", ", ""])
    groups = []
    for us in units_by_group:
        toks = [u.asr[0] if rng.random() < 0.7 else rng.choice(u.asr) for u in us]
        join = "" if all(t.isdigit() for t in toks) and rng.random() < 0.75 else rng.choice([" ", " ", "-"])
        groups.append(join.join(toks))
    if gsep == "" and not all(g.isdigit() for g in groups):
        gsep = " "  # tiny.en runs digits together, never a word into a digit
    return gsep.join(groups)


def _regroup(rng: random.Random, digits: str) -> str:
    out, i = [], 0
    while i < len(digits):
        n = rng.choice((2, 3, 3, 4, 4, 5))
        out.append(digits[i:i + n])
        i += n
    return " ".join(out)


def asr_number(rng: random.Random, groups: list[str], units: list[list[Unit]], mode: str) -> str:
    """How tiny.en writes a number that was said as ``units``."""
    if mode == "units":
        return _asr_units(rng, units)
    if mode == "regroup":
        return _regroup(rng, "".join(groups))
    if mode == "run":
        return "".join(groups)
    if mode == "words":
        return " ".join(u.words.replace("-", " ") for us in units for u in us)
    return " ".join(groups)


def speak_number(rng: random.Random, region: str, groups: list[str], *, p_words: float = 0.5,
                 printed_sep: str = " ", pairs_p: float = 0.2, allow_o: bool = True,
                 split: Sequence[int] | None = None, printed: str | None = None,
                 asr_modes: Sequence[str] = ("units", "regroup", "printed", "run", "words"),
                 asr_weights: Sequence[int] = (42, 18, 25, 8, 7)) -> list[tuple[str, str]]:
    """A number (its printed ``groups``) said once and written both ways, cut into pieces of
    ``split`` groups each (one piece when None): a list of ``(written, asr)``. Each piece is
    checked to read back to its digits."""
    bounds = list(split) if split else [len(groups)]
    for _ in range(40):
        units = [spoken_units(rng, g, region, pairs_p, allow_o) for g in groups]
        words_mode = rng.random() < p_words
        mode = rng.choices(list(asr_modes), weights=list(asr_weights))[0]
        gsep = rng.choice([", ", ", ", " "])
        out: list[tuple[str, str]] = []
        i = 0
        for n in bounds:
            gs, us = groups[i:i + n], units[i:i + n]
            i += n
            if words_mode:
                w = gsep.join(" ".join(u.words for u in ug) for ug in us)
            else:
                w = printed if printed is not None and len(bounds) == 1 else printed_sep.join(gs)
            a = asr_number(rng, gs, us, mode)
            d = "".join(gs)
            if digits_of(w) != d or digits_of(a) != d:
                break
            out.append((w, a))
        else:
            return out
    raise RuntimeError(f"cannot say {groups} so that it reads back; fix speak_number")


def chunk(s: str, sizes: Sequence[int]) -> list[str]:
    out, i = [], 0
    for n in sizes:
        out.append(s[i:i + n])
        i += n
    if i < len(s):
        out.append(s[i:])
    return [g for g in out if g]


def ascii_fold(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


# ---------------------------------------------------------------------------------------------
# Names (invented combinations: a given name and a surname drawn independently from a wide mix)
# ---------------------------------------------------------------------------------------------

GIVEN_F = split_words("""
Aoife Niamh Siobhán Saoirse Caoimhe Róisín Clodagh Orla Sinéad Gráinne Ailbhe Méabh Éabha Ciara Deirdre Fionnuala
Nuala Bríd Muireann Aisling Agnieszka Małgorzata Katarzyna Zofia Joanna Ewa Magdalena Beata Dorota Justyna Weronika
Aleksandra Chiamaka Ngozi Adaeze Folake Funmilayo Yetunde Chinwe Amaka Ifeoma Bisola Temitope Omolara Nneka Zainab
Priya Ananya Lakshmi Deepika Kavya Meera Shreya Aishwarya Pooja Sunita Divya Nandini Harpreet Jaspreet Gurleen Linh
Thao Huong Ngoc Trang Phuong Mai Lan Hanh Thuy Lucía Carmen Marisol Inés Pilar Rocío Elena Begoña Nuria Ainhoa
Montserrat Esperanza Fatima Aisha Layla Yasmin Noor Mariam Huda Salma Rania Leila Amira Hana Mei Xiu_Ying Li_Na Jing
Yan Hui Xiaoling Ying Qian Wen Eleni Sofia Katerina Despina Georgia Vasiliki Athina Ioanna Chrysa Dimitra Emily Sarah
Jessica Megan Hannah Olivia Charlotte Amelia Grace Lucy Abigail Madison Brittany Ashley Kayla Danielle Heather Rebecca
Victoria Harriet Imogen Poppy Jade Kirsty Stacey Gemma Eilidh Morag Catriona Isla Mhairi Cerys Seren Bethan Angharad
Nia Giulia Chiara Francesca Alessandra Federica Martina Valentina Serena Ilaria Beatrice Annika Katrin Sabine Ute
Friederike Lena Johanna Birgit Franziska Heike Femke Lotte Sanne Anouk Marloes Ineke Griet Lieve Eline Maaike Camille
Amélie Océane Élodie Margaux Solène Clémence Manon Chloé Bérénice Beatriz Mariana Joana Leonor Raquel Thaís Gabriela
Maricel Rowena Jocelyn Cherry Lorna Divina Ji-woo Seo-yeon Min-ji Yuki Haruka Aiko Sakura Emi Elif Zeynep Ayşe Merve
Selin Hodan Ayan Faduma Tigist Selam Makena Wanjiru Akosua Ama Efua Abena Oksana Olena Iryna Ioana Andreea Roxana
Zsófia Réka Tereza Lucie Ingrid Sigrid Astrid Freja Aino Saara Shanice Keisha Tanisha Aroha Mere Losa Shirin Parisa
Nasrin Roya Ayesha Sana Nusrat Farzana Rukhsana Tharushi Nilmini Kavitha Thamarai Marguerite Dolores Perpetua Bernadette
""")
GIVEN_M = split_words("""
Cian Oisín Tadhg Darragh Ruairí Pádraig Seán Eoin Diarmuid Cathal Fionn Colm Donnacha Cormac Lorcan Ciarán Eamon
Declan Fergal Shay Wojciech Krzysztof Grzegorz Tomasz Paweł Łukasz Marek Piotr Jakub Bartosz Andrzej Kacper
Chukwuemeka Oluwaseun Emeka Tunde Babajide Chidi Obinna Adewale Femi Ikenna Kelechi Segun Uche Ayodele Arjun Rohan
Vikram Sanjay Rahul Aditya Karthik Siddharth Rajesh Venkat Gurpreet Harjit Manpreet Anil Suresh Minh Huy Duc Tuan
Quang Khanh Bao Long Thanh Hieu Javier Alejandro Iñigo Sergio Álvaro Raúl Jorge Gonzalo Xabier Joaquín Rodrigo Mateo
Omar Yusuf Khalid Tariq Karim Hamza Bilal Samir Faisal Mahmoud Walid Rashid Wei Jun Hao Zhi_Hao Jian Ming Lei Bo Yong
Cheng Giorgos Dimitris Nikos Yiannis Kostas Panagiotis Stavros Christos Thanasis Vangelis James Oliver Jack Harry
George Thomas William Daniel Matthew Ryan Tyler Brandon Cody Dustin Travis Kyle Jordan Gareth Callum Liam Nathan Ethan
Logan Mason Ewan Hamish Fraser Ruaridh Angus Dafydd Rhys Gethin Iwan Owain Giuseppe Lorenzo Matteo Davide Simone
Riccardo Fabrizio Massimo Stefano Jörg Matthias Lukas Florian Tobias Wolfgang Jürgen Felix Maximilian Dieter Sander
Joost Bram Thijs Ruben Pieter Wouter Stijn Jelle Koen Théo Mathieu Étienne Baptiste Guillaume Jérôme Quentin Benoît
Arnaud Loïc João Tiago Rui Gonçalo Duarte Rafael Thiago Luiz Jomar Rodel Arnel Jerico Rommel Min-jun Ji-ho Seung-hoon
Hiroshi Kenji Takumi Ren Daisuke Emre Mehmet Burak Kerem Oğuz Abdirahman Abdi Mohamed Dawit Yohannes Kiprop Otieno
Kwame Kofi Kwabena Yaw Oleksandr Taras Bohdan Andrei Mihai Bogdan Bence Levente Ondřej Vojtěch Lars Anders Henrik
Mikko Juha Sven Delroy Winston Marlon Tane Wiremu Sione Dariush Kourosh Reza Arash Imran Asif Zubair Rafiq Shahid
Dilshan Tharindu Senthil Murugan Cornelius Ignatius Bartholomew Lachlan Bruno
""")
SURNAMES = split_words("""
O'Sullivan Ní_Bhriain Ó_Briain Ó_Conchúir O'Dowd McGuinness Fitzgerald Geraghty Ní_Dhomhnaill Cassidy Brennan Kinsella
Moynihan Hegarty Twomey Tierney Quinlan Breathnach Mac_Cárthaigh Flanagan Dunne Keane Lenihan Scanlon Coughlan Mulcahy
Cullinane Duggan Fahy Kowalczyk Wiśniewska Lewandowski Zieliński Szymańska Wójcik Kamińska Dąbrowski Grabowski Pawlak
Michalska Nowicki Jabłoński Krawczyk Sikora Wróblewski Baran Mazur Okafor Adeyemi Okonkwo Nwosu Oyelaran Balogun Eze
Chukwu Olawale Adebayo Ogundipe Nwachukwu Okoro Afolabi Onyekachi Ezeh Akinola Uzor Babatunde Oyinlola Raghunathan
Venkataraman Iyer Chatterjee Banerjee Deshpande Kulkarni Nair Menon Pillai Reddy Sandhu Gill Dhillon Grewal Malhotra
Kapoor Bhattacharya Joshi Srinivasan Subramanian Mehta Trivedi Patil Nguyen Tran Le Pham Hoang Vu Dang Bui Do Ngo
Duong Ly Truong Phan García-Lozano Fernández Etxeberria Ruiz_de_la_Torre Navarro Domínguez Iglesias Cabrera Herrero
Castellanos Olmedo Zubizarreta Arrieta Quintana Barrientos Al-Hashimi Haddad Khoury Nasser El-Sayed Mansour Farouk
Abdullah Al-Amin Hamdan Saleh Qureshi Bakr Darwish Hijazi Zaidi Aziz Zhang Wang Liu Chen Huang Zhao Wu Zhou Xu Sun Ma
Zhu Hu Guo He Lin Luo Tang Leung Cheung Wong Chan Lau Ng Yip Papadopoulos Georgiou Konstantinidis Dimitriou Nikolaidis
Vlachos Karagiannis Oikonomou Christodoulou Alexiou Makris Stavropoulou Whitfield Ashworth Pemberton Hargreaves
Blackwood Fairbairn Thornton Haworth Cartwright Lockwood Pickering Sutcliffe Wainwright Holloway Marsh Bradshaw
Pennington Ellison Garside Rowntree Kowalski Jefferson Washington Delacroix Hollis Mercer Baxter Whitaker Rutledge
Calloway Pruitt McAllister Dunbar Stroud Beasley Gaines Hatfield Tillman MacLeod Mackintosh Urquhart Drummond Sinclair
Menzies Buchanan Lamont Fyfe Pryce Llewellyn Vaughan Bowen Prosser Gruffydd Howells Esposito Romano Colombo Ricci
Marino Greco Gallo Conti De_Luca Mancini Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani
Schneider Fischer Weber Becker Hoffmann Schäfer Koch Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun
Krüger Hofmann Hartmann Lange Werner de_Vries van_den_Berg Bakker Janssens Visser Smit Meijer de_Boer Mulder de_Graaf
Peeters Maes Claes Willems Jacobs Vermeulen Wouters Goossens Hendriks van_Dijk Lefèvre Moreau Girard Fournier Mercier
Dupont Lambert Bonnet François Martinez Legrand Garnier Faure Rousseau Blanchard Guérin Boyer Chevalier Perrin
Marchand Ferreira Pereira Carvalho Gonçalves Rodrigues Almeida Sousa Ribeiro Pinto Teixeira Moreira Correia Mendes
Nunes Cardoso Santos Reyes Dela_Cruz Bautista Villanueva Mendoza Aquino Castillo Ramos Tolentino Manalo Pangilinan Kim
Park Choi Jeong Kang Yoon Lim Han Tanaka Suzuki Takahashi Watanabe Yamamoto Nakamura Kobayashi Sato Yılmaz Kaya Demir
Şahin Çelik Yıldız Aydın Öztürk Arslan Doğan Warsame Abdullahi Farah Hassan Tesfaye Bekele Haile Kiplagat Mwangi
Odhiambo Njoroge Mensah Asante Boateng Owusu Appiah Osei Agyeman Shevchenko Kovalenko Bondarenko Tkachenko Popescu
Ionescu Dumitru Nagy Kovács Szabó Tóth Horváth Novák Dvořák Procházka Kučera Lindqvist Johansson Andersson Nieminen
Virtanen Korhonen Halvorsen Bergström Sørensen Nyberg Hosseini Rahimi Karimi Ahmadi Moradi Jafari Tehrani Chaudhry
Butt Malik Rahman Hossain Uddin Chowdhury Siddiqui Akhtar Perera Fernando Wickramasinghe Jayasuriya Rajapakse
Sivakumar Balasubramaniam Ngata Parata Tuilagi Fonoti Campbell Ferguson Thompson-Reid Grant McKenzie Abernethy
Oyelowo Achterberg Valdés Mbeki Quigley Thistlewood Okwuosa Featherstonehaugh Ó_Ceallaigh Strachan
""")
GIVEN_F = [n.replace("_", " ") for n in GIVEN_F]
GIVEN_M = [n.replace("_", " ") for n in GIVEN_M]
SURNAMES = [n.replace("_", " ") for n in SURNAMES]

#: how tiny.en tends to write a name it has not seen (heard, not spelled)
HEARD = {
    "Siobhán": "Shivaun", "Niamh": "Neve", "Aoife": "Eefa", "Caoimhe": "Keeva", "Saoirse": "Sersha", "Tadhg": "Tige",
    "Oisín": "Usheen", "Ruairí": "Rory", "Pádraig": "Pawrick", "Éabha": "Ava", "Méabh": "Maeve", "Gráinne": "Grania",
    "Róisín": "Rosheen", "Sinéad": "Shinade", "Ailbhe": "Alva", "Darragh": "Dara", "Eoin": "Owen", "Diarmuid": "Dermot",
    "Donnacha": "Dunnacha", "Wojciech": "Voytek", "Krzysztof": "Kristof", "Grzegorz": "Gregorz", "Łukasz": "Wukash",
    "Paweł": "Pavel", "Agnieszka": "Agnieshka", "Nguyen": "Win", "Tran": "Chan", "Pham": "Farm", "Hoang": "Wong",
    "Xiu Ying": "Shoo Ying", "Xiaoling": "Shaoling", "Zhao": "Jow", "Xu": "Shoe", "Qian": "Chen", "Ngozi": "Gozi",
    "Chukwuemeka": "Chuckwu Emeka", "Oluwaseun": "Oluwashaun", "Ifeoma": "Ifioma", "Nwosu": "Wosu", "Okonkwo": "Okonko",
    "Nwachukwu": "Watchukwu", "Dąbrowski": "Dombrowski", "Wiśniewska": "Vishnevska", "Wójcik": "Voychick",
    "Iñigo": "Inigo", "Etxeberria": "Echeverria", "Zubizarreta": "Zubi Zareta", "Mhairi": "Vari", "Eilidh": "Ailey",
    "Urquhart": "Urkut", "Menzies": "Mingis", "Gruffydd": "Griffith", "Schäfer": "Shafer", "Schröder": "Shroder",
    "Jörg": "York", "Jürgen": "Yurgen", "Ayşe": "Aysha", "Gonçalves": "Gonsalves", "Gonçalo": "Gonsalo",
    "Thaís": "Tais", "Ondřej": "Ondrej", "Vojtěch": "Voytek", "Dvořák": "Dvorjak", "Procházka": "Prohaska",
    "Kovács": "Kovach", "Szabó": "Sabo", "Tóth": "Tote", "Horváth": "Horvat", "Lefèvre": "Lefebvre",
    "Loïc": "Lowik", "Ní Bhriain": "Nee Vreean", "Ó Briain": "O'Brien", "Ó Conchúir": "O'Connor",
    "Ní Dhomhnaill": "Nee Gonnell", "Breathnach": "Branagh", "Mac Cárthaigh": "McCarthy", "Ó Ceallaigh": "O'Kelly",
    "Featherstonehaugh": "Fanshaw", "Oyelowo": "Oyelo", "Okwuosa": "Okwosa", "Tesfaye": "Tesfay",
    "Yılmaz": "Yilmaz", "Şahin": "Sahin", "Çelik": "Chelik", "Öztürk": "Ozturk", "Oğuz": "Oz",
}


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    female: bool

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


# ---------------------------------------------------------------------------------------------
# Places (cities and states go in `ignore`: not to remove, not to keep), streets (invented)
# ---------------------------------------------------------------------------------------------

COUNTRY_WEIGHTS = {"US": 52, "UK": 48, "IE": 30, "CA": 26, "AU": 30, "DE": 16, "FR": 15, "NL": 15, "ES": 15,
                   "IT": 15, "BE": 10, "PL": 11, "PT": 10, "AT": 7}
REGION = {"US": "US", "CA": "CA", "UK": "UK", "IE": "IE", "AU": "AU"} | {
    c: "EU" for c in ("DE", "FR", "NL", "ES", "IT", "BE", "PL", "PT", "AT")}
CITIES = {
    "US": ["Dayton, Ohio", "Tucson, Arizona", "Raleigh, North Carolina", "Spokane, Washington", "Macon, Georgia",
           "Boise, Idaho", "Duluth, Minnesota", "Fresno, California", "Albany, New York", "Wichita, Kansas",
           "Lowell, Massachusetts", "Billings, Montana", "Savannah", "Omaha", "Tulsa"],
    "CA": ["Hamilton, Ontario", "Kelowna, BC", "Halifax, Nova Scotia", "Saskatoon", "Gatineau, Quebec",
           "Red Deer, Alberta", "Moncton", "Guelph, Ontario", "Victoria, BC", "Brandon, Manitoba"],
    "UK": ["Leeds", "Norwich", "Swansea", "Stockport", "Paisley", "Derby", "Exeter", "Wolverhampton", "Luton",
           "Dundee", "Cheltenham", "Sunderland", "Bangor", "Milton Keynes"],
    "IE": ["Galway", "Ballincollig, County Cork", "Drogheda", "Tralee", "Navan, County Meath", "Sligo",
           "Dún Laoghaire", "Athlone", "Ennis, County Clare", "Letterkenny", "Kilkenny"],
    "AU": ["Brunswick, Victoria", "Parramatta, NSW", "Toowoomba, Queensland", "Fremantle, WA", "Glenelg, SA",
           "Ballarat", "Hobart", "Newcastle, New South Wales", "Cairns", "Geelong"],
    "DE": ["Leipzig", "Bochum", "Freiburg", "Kassel", "Münster"], "FR": ["Lyon", "Rennes", "Montpellier", "Lille", "Nantes"],
    "NL": ["Utrecht", "Groningen", "Haarlem", "Eindhoven", "Zwolle"], "ES": ["Valencia", "Málaga", "Bilbao", "Zaragoza", "Murcia"],
    "IT": ["Bologna", "Verona", "Bari", "Padova", "Torino"], "BE": ["Gent", "Leuven", "Namur", "Liège", "Antwerp"],
    "PL": ["Kraków", "Gdańsk", "Poznań", "Wrocław", "Łódź"], "PT": ["Porto", "Braga", "Coimbra", "Faro", "Setúbal"],
    "AT": ["Graz", "Linz", "Innsbruck", "Salzburg", "Wien"],
}
STREET_WORDS = split_words("""Marlowe Kestrel Ashgrove Tannery Larkspur Heron Foxglove Millbrook Quarry Bramble Wren Sorrel Hawthorn
Juniper Orchard Linnet Tamarind Alder Meadowsweet Kingfisher Saltmarsh Pebble Fernhill Lantern Weaver Chandler Cooper
Fuller Tinker Saddler Glover Drover Ropewalk Ferry Beacon Windmill Rookery Dovecote Larch Rowan Elder Sycamore Spruce
Thimble Cobbler Lamplighter Clover Bellflower Otterburn Swallowtail Tollgate Mariner Gorse Bluebell Nettle Coppice""")
STREET_TWO = ["Cedar Hollow", "Copper Beech", "Mill Race", "Old Forge", "Pine Ridge", "Fox Run", "Stone Barn", "Red Oak",
              "Silver Birch", "Twin Lakes", "Apple Tree", "Hollow Oak", "Long Meadow"]
STREET_TYPES = {
    "US": ["Street", "Avenue", "Road", "Drive", "Lane", "Court", "Boulevard", "Way", "Place", "Terrace", "Parkway", "Circle", "Trail"],
    "CA": ["Street", "Avenue", "Road", "Drive", "Crescent", "Court", "Boulevard", "Way", "Place", "Gate"],
    "UK": ["Road", "Street", "Lane", "Close", "Crescent", "Grove", "Avenue", "Gardens", "Terrace", "Mews", "Drive", "Row", "Walk"],
    "IE": ["Road", "Street", "Park", "Avenue", "Close", "Grove", "Lawn", "Heights", "Drive", "View", "Crescent"],
    "AU": ["Street", "Road", "Avenue", "Parade", "Crescent", "Court", "Drive", "Close", "Place", "Circuit", "Esplanade"],
}
EU_STREETS = {
    "DE": ([w + t for w in ("Linden", "Kastanien", "Birken", "Ahorn", "Eichen", "Rosen", "Tulpen", "Mühlen", "Brunnen",
                            "Kirsch", "Garten", "Wiesen", "Hasel", "Holunder", "Schlehen")
            for t in ("straße", "weg", "allee", "ring")], "Strasse"),
    "AT": ([w + t for w in ("Linden", "Birken", "Ahorn", "Flieder", "Mühl", "Rosen", "Kastanien") for t in ("gasse", "weg", "straße")], ""),
    "NL": ([w + t for w in ("Kastanje", "Linde", "Berken", "Esdoorn", "Eiken", "Tulpen", "Molen", "Sluis", "Zwaluw",
                            "Merel", "Reiger", "Hazelaar", "Vlier")
            for t in ("laan", "straat", "weg", "hof", "kade")], ""),
    "BE": ([w + t for w in ("Linde", "Berken", "Meidoorn", "Molen", "Zwaluw", "Kastanje") for t in ("laan", "straat", "dreef")]
           + [f"Rue des {w}" for w in ("Alouettes", "Coquelicots", "Tilleuls", "Mésanges", "Bleuets")], ""),
    "FR": ([f"{t} {w}" for t in ("rue", "avenue", "allée", "impasse", "chemin")
            for w in ("des Glycines", "des Tilleuls", "des Lilas", "du Moulin", "de la Fontaine", "des Acacias",
                      "des Peupliers", "du Lavoir", "des Hirondelles", "des Coquelicots")], ""),
    "ES": ([f"{t} {w}" for t in ("Calle", "Avenida", "Paseo", "Camino")
            for w in ("del Olivo", "de los Pinos", "de la Almendra", "del Limonero", "de las Acacias", "del Romero",
                      "de la Higuera", "de los Naranjos", "del Azahar")], ""),
    "IT": ([f"{t} {w}" for t in ("Via", "Viale", "Vicolo")
            for w in ("dei Tigli", "delle Acacie", "dei Gelsomini", "del Mulino", "delle Rose", "dei Ciliegi",
                      "della Fontana", "degli Ulivi", "delle Mimose")], ""),
    "PL": (["Lipowa", "Klonowa", "Brzozowa", "Polna", "Leśna", "Ogrodowa", "Słoneczna", "Kwiatowa", "Jaśminowa",
            "Jarzębinowa", "Wrzosowa", "Malinowa"], ""),
    "PT": ([f"{t} {w}" for t in ("Rua", "Avenida", "Travessa")
            for w in ("das Laranjeiras", "dos Pinheiros", "das Flores", "do Moinho", "das Oliveiras", "da Fonte",
                      "das Camélias", "dos Loureiros")], ""),
}
CURRENCY = {"US": "$", "CA": "$", "AU": "$", "UK": "£", "IE": "€", "EU": "€"}
CURRENCY_WORD = {"US": "dollars", "CA": "dollars", "AU": "dollars", "UK": "pounds", "IE": "euro", "EU": "euros"}
ADJ = {"DE": "German", "FR": "French", "NL": "Dutch", "ES": "Spanish", "IT": "Italian", "BE": "Belgian",
       "PL": "Polish", "PT": "Portuguese", "AT": "Austrian", "IE": "Irish", "UK": "UK", "US": "US", "CA": "Canadian",
       "AU": "Aussie"}
POSTCODE_WORD = {"US": "ZIP code", "CA": "postal code", "UK": "postcode", "IE": "Eircode", "AU": "postcode", "EU": "postal code"}
PHONE_WORD = {"US": "cell", "CA": "cell", "UK": "mobile", "IE": "mobile", "AU": "mobile", "EU": "mobile"}


# ---------------------------------------------------------------------------------------------
# Phrasings. A template is text with slots: {v} {v2} the value(s) of the pool's type, {g} an
# ignored place, {co} {b} {adj} {pc} {ph} {idname} {rel} {t} fixed words, {r} the rep's name,
# {n} the customer's name, and keep slots {price} {qty} {date} {time} {year} {order} {ticket}
# {product} {pct} {measure} {last4}. "UKI,AU|..." limits a template to those regions
# (US CA UK IE AU EU; NA = US+CA, UKI = UK+IE, COM = UK+IE+AU, NEU = all but EU).
# ---------------------------------------------------------------------------------------------

ASK: dict[str, list[str]] = {
    "card": [
        "What's the long number on the card?", "Could I take the card number, please?",
        "Go ahead with the sixteen digits whenever you're ready.", "Can you read me the number across the front?",
        "And the card number, when you've got it in front of you?", "Right, let's take payment. What's the card number?",
        "I'll need the full card number, please.", "Okay, whenever you're ready, the number on the card.",
        "COM|Can I grab the long card number off you?", "Let's get the card details. Start with the number on the front.",
        "So, the card number, nice and slowly.", "And what card would you like that charged to? Just read the number out.",
        "UKI|Fire away with the card number.", "I'm ready for the card number now.",
        "Okay, the number on the card, from the left.", "Card number when you're ready, take your time.",
        "IE|Right so, the card number?", "AU|Sweet, what's the card number?", "NA|Alright, go ahead and read me the card number.",
        "What's the number on the {b}?", "EU|Please, can you tell me the card number?",
        "And the digits on the card, all of them?", "Okay, we'll put it on a card. The number?",
    ],
    "cvv": [
        "And the three digits on the back?", "What's the security code, please?", "Can I get the CVV?",
        "And the CVC on the back?", "Last thing, the three-digit code by the signature strip.",
        "Then the last three on the signature strip, please.", "What's the CVV2?", "And the little code on the back?",
        "Could I have the card security code?", "And the CSC, please?", "The three numbers on the reverse?",
        "And the security number, the last three on the back?", "What's the verification code on the back?",
        "Three digits on the back, please.", "UKI|And the three wee numbers on the back?", "AU|And the CCV on the back, mate?",
        "NA|And what's the three-digit code on the back there?", "Now flip it over. What are the three digits by the strip?",
    ],
    "cvv_amex": [
        "It's an Amex, so there's a four-digit code on the front, above the number. What's that?",
        "And the four-digit CID on the front?", "For Amex it's the four little digits on the front. Can you read those?",
        "And the four-digit security code, it's printed on the front for American Express.",
        "There's a small four-digit number above the long one. What's that?",
    ],
    "expiry": [
        "And the expiry date?", "When does it expire?", "What's the expiration on it?", "What's the valid thru date?",
        "Month and year it runs out?", "And the date on the front, the expiry?", "Expiry, month and year, please.",
        "When's the card good through?", "What does it say under valid thru?", "And the end date on the card?",
        "Expiry date, when you're ready.", "NA|What's the expiration month and year?", "COM|And when does it run out?",
        "And the expiry, month then year?", "EU|And the card is valid until when?",
    ],
    "iban": [
        "What's the IBAN?", "Could you read me the IBAN, please?", "I'll need your IBAN for the refund.",
        "Can I take the IBAN of the account it should go to?", "Have you got your IBAN there? It starts with two letters.",
        "And the account, in IBAN format please.", "Read me the international bank account number when you're ready.",
        "What IBAN should we use for the direct debit?", "Go ahead with the IBAN.",
        "Okay, IBAN please, in the groups of four if that's easier.", "And which IBAN do you want the money paid into?",
    ],
    "account": [
        "And the account number?", "What's the account number?", "UK|And your eight-digit account number?",
        "NA|Could I have the checking account number?", "The account number, please, the longer one.",
        "And the account it comes out of?", "Account number when you're ready.", "Which account number should we debit?",
        "AU|And the account number after the BSB?", "Then the account number itself?",
    ],
    "routing_us": [
        "What's the routing number?", "And the nine-digit routing number, bottom left of the check?",
        "Could I get the ABA routing number?", "Routing number first, please.", "And your bank's routing number?",
        "What routing number is on your checks?",
    ],
    "routing_uk": [
        "What's the sort code?", "And the sort code, please?", "Sort code first, the six digits.", "Can I take the sort code?",
        "And the sort code for that account?",
    ],
    "routing_au": ["What's the BSB?", "And the BSB number?", "BSB first, please.", "Can I get the BSB for that account?"],
    "dob": [
        "Can I take your date of birth?", "And your date of birth, please?", "What's your birthday, including the year?",
        "Could you confirm your DOB for me?", "For security, your date of birth?", "And when were you born?",
        "Just need your date of birth to pull up the account.", "Can you verify your date of birth?",
        "And the date of birth on the account?", "Security question: date of birth?", "What's your date of birth, day, month and year?",
        "NA|And can you give me your date of birth, month day year?", "And your DOB?",
        "Before I go on, can you confirm your birth date?",
    ],
    "dob_third": [
        "And what's {rel}'s date of birth?", "Can I have {rel}'s birthday?", "And {rel}'s date of birth, please?",
        "When was {rel} born?", "I'll need a date of birth for {rel} too.",
    ],
    "address": [
        "What's the address?", "And the first line of the address?", "What's the street address?",
        "Where should we send it?", "Can I get the delivery address?", "And the billing address for the card?",
        "Your address, please, starting with the house number.", "What address is the account registered to?",
        "And where's the property?", "Which address is it going to?", "And the address for the new account?",
        "What's the address where the work needs doing?",
    ],
    "postcode": [
        "And the {pc}?", "What's the {pc} there?", "And the {pc} for that?", "Can I have the {pc}, please?",
        "UKI|And the {pc} with that?", "Just the {pc} to finish.",
    ],
    "email": [
        "What's the best email?", "Can I get an email address for the receipt?", "And your email, please?",
        "Where should I send the confirmation?", "What email is on the account?", "Email address for the invoice?",
        "And an email for the paperwork?", "What email should the login go to?", "Have you got an email I can use?",
        "And what's the email for the e-tickets?",
    ],
    "phone": [
        "What's the best number to reach you?", "Can I take a contact number?", "And a {ph} number?",
        "Is there a phone number we can text?", "Daytime number?", "And a number in case anything changes?",
        "What's a good number for a callback?", "Can I get a phone number for the account?",
        "And the number you'd like us to use?", "Have you got a number in case we get cut off?",
    ],
    "id": [
        "Can I take your {idname}?", "And your {idname}, please?", "Could you read me the {idname}?",
        "For the check I'll need your {idname}.", "What's your {idname}?", "Have you got your {idname} handy?",
        "And the {idname} for the form?", "Last bit of ID: the {idname}?",
    ],
    "name": [
        "Who am I speaking with?", "Can I take your name, please?", "And your full name?", "What's the name on the account?",
        "Could I get your first and last name?", "And who's calling today?", "Whose name is the booking under?",
        "Can I start with your name?", "What name is it under?", "And your name, sorry?",
    ],
    "surname": [
        "And could you spell the surname for me?", "How do you spell that last name?", "Can you spell the family name?",
        "Sorry, how's that spelled?", "Could I get the spelling of your surname?",
    ],
}

CUST: dict[str, list[str]] = {
    "card": [
        "It's {v}.", "Okay, {v}.", "Yeah, so it's {v}.", "Um, {v}.", "The number is {v}.", "Right, it's {v}.",
        "Got it here. {v}.", "Let me see, {v}.", "Okay, ready? {v}.", "That's {v}.", "Card number is {v}, it's a {b}.",
        "Sure, {v}, and it's in my name.", "Hang on, it's in my other wallet... okay, {v}.", "{v}.",
        "So the long number is {v}.", "It's the {b}, {v}.", "IE|Grand, it's {v}.", "AU|No worries, {v}.",
        "Uh, {v}, I think that's right.", "Reading it off now: {v}.", "{v}, that's the business card.",
        "Let me put my glasses on. Okay, {v}.", "My card's {v}.", "Here we go, {v}.", "Take this down: {v}.",
        "EU|So, the number is {v}.", "Okay, the {b} is {v}.", "Ehm, it's {v}.", "Sorry, it's a bit worn. {v}.",
        "NA|Alright, it's {v}.",
    ],
    "card_first": ["It's {v}", "{v}", "Okay, first bit is {v}", "Starts {v}", "Right, {v}", "So, {v}", "Um, {v}"],
    "card_mid": ["{v}", "Then {v}", "Next, {v}", "{v}, yeah", "Then it's {v}", "After that {v}"],
    "card_last": ["And {v}.", "Last ones are {v}.", "Then {v}, that's it.", "{v}, done.", "And finally {v}.", "{v}."],
    "cvv": [
        "{v}.", "It's {v}.", "Security code's {v}.", "Um, {v}.", "The back says {v}.", "That's {v}.",
        "Three digits, {v}.", "{v}, I think. Yeah, definitely {v2}.", "Okay, it's {v}.", "Bit worn, but {v}.",
        "CVV is {v}.", "On the back... {v}.", "It's {v} on the strip.", "Sure, {v}.", "Let me flip it over. {v}.",
        "{v}, that's the lot.", "Code is {v}.", "The little one? {v}.", "Oh, {v}.", "Yeah it's {v}.",
        "Right, that's {v}.", "{v} on the back.", "The CVC is {v}.", "I've got {v}.", "Hmm, looks like {v}.",
        "It'd be {v}.", "IE|Ah, it's {v}.", "AU|Yep, {v}.",
    ],
    "expiry": [
        "{v}.", "It expires {v}.", "Expiry's {v}.", "Valid thru {v}.", "It says good through {v}.",
        "It expires end of {v}.", "Um, {v}.", "That's {v}.", "The date's {v}.", "Expiration {v}.", "Runs out {v}.",
        "It's good till {v}.", "It's {v} on the front.", "Valid until {v}.", "Expiry is {v}, I renewed it recently.",
        "Hmm, {v}.", "Good thru {v}.", "Expires {v}.", "{v}, it's a new card.", "Date on it is {v}.", "Ends {v}.",
        "Okay, the expiry, {v}.", "It's valid to {v}.", "End date {v}.", "Lasts till {v}.",
        "I think {v}, yeah, {v2}.", "Month and year, {v}.", "UKI|It's {v}, it only came in the post last week.",
    ],
    "card_expiry": [
        "It's {v}, expires {e}.", "{v}, and it's good till {e}.", "Okay, {v}. Expiry {e}.", "{v}, valid thru {e}.",
        "So {v}, and the date on it is {e}.", "{v}. It runs out {e}.",
    ],
    "cvv_expiry": [
        "{e}, and the code's {c}.", "Expires {e}, security code {c}.", "{e}, {c}.", "It's {e}, and {c} on the back.",
        "The back says {c}, and the date is {e}.", "Valid thru {e}, CVV {c}.", "Code {c}, expiry {e}.",
        "Okay so {e}, then {c} on the back.",
    ],
    "iban": [
        "It's {v}.", "Okay, {v}.", "The IBAN is {v}.", "Sure, {v}.", "Um, let me open the app. {v}.",
        "I have it here: {v}.", "So it's {v}.", "{v}.", "Right, {v}, that's my current account.", "That's {v}.",
        "My IBAN, {v}.", "It's on my statement, {v}.", "It's {v}, the joint account.", "Okay, ready? {v}.",
        "Let me spell it out, {v}.", "Here, {v}.", "Yes, {v}, with the bank in town.", "Ehm, {v}.", "IBAN {v}.",
        "Alright, {v}.", "It's a {adj} account, {v}.", "Take it down: {v}.", "{v}, that's the one for the salary.",
        "So, {v}, I hope.", "Here we go, {v}.", "The number is {v}.",
    ],
    "iban_first": ["It's {v}", "{v}", "Starts {v}", "Okay, {v}", "First part, {v}"],
    "iban_last": ["Then {v}.", "And {v}.", "{v}, that's the end.", "The rest is {v}.", "{v}."],
    "account": [
        "It's {v}.", "Account number's {v}.", "{v}.", "Okay, {v}.", "The account is {v}.", "Um, {v}.", "That's {v}.",
        "NA|It's a checking account, {v}.", "UKI|Current account, {v}.", "AU|Everyday account, {v}.",
        "Sure, it's {v}.", "Right, {v}.", "Let me find it... {v}.", "From my statement, {v}.",
        "My account number is {v}.", "So {v}.", "Okay, the account: {v}.", "I've got it here, {v}.",
        "Ready? {v}.", "Yep, {v}.", "It's {v}, savings.", "The number's {v}, that's the joint one.",
        "{v}, and that's with the credit union.", "Hmm, {v}.", "Write this down, {v}.",
        "Account is {v}, in my wife's and my name.", "So the account would be {v}.",
    ],
    "routing": [
        "It's {v}.", "{v}.", "Um, {v}.", "Okay, {v}.", "That's {v}.", "NA|Routing is {v}.", "UK|Sort code's {v}.",
        "AU|BSB is {v}.", "NA|The routing number is {v}, I think.", "Right, {v}.", "Sure, {v}.", "It should be {v}.",
        "Let me check the app. {v}.", "UK|It's {v}, that's the sort code.", "NA|It's {v}, off the bottom of a check.",
        "AU|BSB {v}.", "Yep, {v}.", "From the statement, {v}.", "I've got {v} written here.", "Okay, so {v}.",
        "Hmm, {v}.", "Ready? {v}.", "It's {v}, the branch in town.", "First bit's {v}.", "Here, {v}.",
        "So {v} for the bank.",
    ],
    "dob": [
        "It's {v}.", "{v}.", "Date of birth is {v}.", "I was born {v}.", "My birthday's {v}.", "Um, {v}.",
        "That'd be {v}.", "Born {v}.", "The DOB is {v}.", "Birthday is {v}.", "{v}, and yes, I know, I look younger.",
        "Okay, {v}.", "Sure, {v}.", "Mine's {v}.", "It should be {v} on there.", "Yep, {v}.",
        "{v}, the big birthday's coming up.", "It's {v}. Do you need the place of birth as well?", "Well, {v}.",
        "Right, it's {v}.", "EU|I am born {v}.", "My date of birth, {v}.", "You'll have {v}.", "Let me think... {v}.",
        "{v}, that's me.", "Oh, {v}.",
    ],
    "dob_yearfirst": ["I was born in {v}.", "Born in {v}.", "It's {v}.", "{v}."],
    "dob_fix": [
        "{v}, sorry, no, {v2}.", "{v}... no wait, {v2}.", "It's {v}. Sorry, I mean {v2}.",
        "{v}, hang on, that's my husband's. Mine is {v2}.", "Um, {v}, no, sorry, {v2}.",
        "{v}. Actually no, {v2}, I always mix it up.",
    ],
    "dob_third": [
        "{rel} was born {v}.", "{rel}'s date of birth is {v}.", "It's {v} for {rel}.", "{rel}'s birthday is {v}.",
        "Um, {v}, that's {rel}.", "{v}.", "{rel}? {v}.", "That'd be {v}.",
    ],
    "address": [
        "It's {v}, {g}.", "{v}, {g}, {v2}.", "Okay, {v}.", "It's {v}.", "Um, {v}, in {g}.", "So it's {v}, {g}.",
        "Send it to {v}, {g}, {v2}.", "{v}.", "The address is {v}.", "We're at {v}.", "I live at {v}, {g}.",
        "Right, {v}, {v2}.", "It's {v}, {g}, and the {pc} is {v2}.", "Billing address is {v}.",
        "Yeah, {v}, that's {g}.", "It's the new place, {v}.", "The property is {v}, {g}.", "I'm at {v} now.",
        "{v}, it's the blue door.", "It's {v}, {v2}.", "Home address, {v}, {g}.", "Just {v}, {g}.",
        "Um, {v}, {g}, {v2}.", "So the address, {v}.", "It should be {v}, {g}, {v2}.", "Ehm, {v}, near the station.",
        "Deliver to {v}, {g}.",
    ],
    "postcode": ["{v}.", "It's {v}.", "{pc} is {v}.", "Um, {v}.", "That's {v}.", "Okay, {v}.", "It's {v}, I think."],
    "person_full": [
        "It's {v}.", "My name is {v}.", "{v} speaking.", "Yeah, this is {v}.", "Hi, {v} here.", "Hi, I'm {v}.",
        "The name's {v}.", "It's under {v}.", "The booking's in the name of {v}.", "{v}, that's me.",
        "Hi, yes, you're speaking to {v}.", "Um, {v}.", "Sure, {v}.", "It's {v}, hi.", "{v}.",
        "EU|My name is {v}, hello.", "IE|Ah, it's {v}.", "AU|G'day, {v}.", "It's in my name, {v}.",
    ],
    "person_surname": [
        "Surname {v}.", "Last name's {v}.", "Family name is {v}.", "It's under {v}.", "{v}, as in the surname.",
    ],
    "person_spell": [
        "That's {s}.", "Spelled {s}.", "{s}.", "It's {s}.", "Sure, {s}.", "{v}, that's {s}.", "Yep, {s}.",
        "It's {v}, {s}.",
    ],
    "person_third": [
        "It'll be under my {rel}'s name, {v}.", "My {rel}, {v}, set it up.", "My {rel} {v} signs off on it.",
        "Can you add my {rel}, {v}?", "It's for my {rel}, {v}.", "I'm calling for my {rel}, {v}.",
        "The account's actually in my {rel}'s name, {v}.", "My {rel} is {v}.", "Put {v} down, my {rel}.",
        "{v}, that's my {rel}.",
    ],
    "email": [
        "It's {v}.", "{v}.", "Sure, {v}.", "Email is {v}.", "Send it to {v}.", "Um, {v}.", "It's {v}, all lower case.",
        "Use {v}, that's my work one.", "It's {v}, all one word.", "Okay, {v}.", "The email is {v}.",
        "Yeah, {v}.", "Best one's {v}.", "It's {v}, I check that daily.", "Put {v}.", "So {v}.", "That'd be {v}.",
        "Mine is {v}.", "Right, {v}.", "Let me read it out, {v}.", "You can use {v}.", "Hmm, {v}, the old one.",
        "{v}, please.", "Send it to {v}, thanks.", "It's {v}, no capitals.", "My email? {v}.",
    ],
    "phone": [
        "It's {v}.", "{v}.", "My {ph} is {v}.", "Call me on {v}.", "Best number's {v}.", "You can reach me at {v}.",
        "It's {v}, but it's my work phone, extension {ext}.", "Home number {v}.", "The landline's {v}.",
        "Text me on {v}.", "Um, {v}.", "Sure, {v}.", "Okay, {v}.", "It's {v}, that's my {ph}.", "Try {v}.",
        "That'd be {v}.", "Right, {v}.", "The number is {v}.", "Yeah, {v}.", "Ring me on {v}.", "{v}, any time.",
        "It's {v}, after six is best.", "Mine's {v}.", "Let me read it, {v}.", "It's {v}, the new number.",
        "Hmm, {v}.",
    ],
    "phone_first": ["It's {v}", "{v}", "Okay, {v}", "Um, {v}", "So it's {v}"],
    "phone_last": ["Then {v}.", "And {v}.", "{v}.", "And then {v}.", "{v}, that's it."],
    "id": [
        "It's {v}.", "{v}.", "Sure, {v}.", "My {idname} is {v}.", "Okay, {v}.", "Um, {v}.", "That's {v}.",
        "Right, it's {v}.", "I've got the card here, {v}.", "Yep, {v}.", "It's {v}, I think.", "So {v}.",
        "Let me read it off the card: {v}.", "The number is {v}.", "Here it is, {v}.", "Hmm, {v}.",
        "Ready? {v}.", "Okay, so {v}.", "It's {v}, on the letter.", "Ehm, {v}.", "{v}, that's mine.",
        "It should be {v}.", "I know it by heart, {v}.", "One sec... {v}.", "{idname}, {v}.", "Sure thing, {v}.",
    ],
}

REP: dict[str, list[str]] = {
    "card": [
        "Let me read that back: {v}.", "So that's {v}, correct?", "I have {v}. Is that right?", "Just confirming, {v}?",
        "Okay, {v}. Did I get that right?", "{v}, yes?", "Reading it back to you, {v}.", "So I've got {v} on the screen.",
        "Let me make sure: {v}.", "Right, {v}, that's what I've typed.", "I'll just repeat it. {v}.",
        "Okay so {v}, and that's a {b}.", "That's {v}, yeah?", "Great, {v}.", "Sorry, I'll read it back slowly: {v}.",
        "Could you confirm {v}?", "It's showing {v} as the card number.", "{v}, perfect.", "I've entered {v}.",
        "So the number I have is {v}.", "Hold on, was that {v}?", "Thanks. That's {v}, right?", "IE|Right so, {v}.",
        "COM|Cheers, so {v}?", "Okay, {v}, is that the one?", "Just to double check, {v}.", "I typed {v}, can you confirm?",
    ],
    "card_ack": ["Go ahead.", "Uh-huh.", "Mm-hm.", "Okay.", "Yep.", "Yep, keep going.", "Got that.", "Mhm, next?",
                 "Okay, and?", "Right.", "Sure, go on.", "Yeah.", "UKI|Grand.", "COM|Lovely.", "Okay, go ahead.", "Uh-huh, yep."],
    "cvv": [
        "{v}, thank you.", "So {v}?", "Got it, {v}.", "That's {v} for the code?", "Security code {v}, perfect.",
        "Okay, {v}. Thanks.", "I've put {v} in.", "Just repeating: {v}.", "Was that {v}?", "And {v} on the back, lovely.",
        "So CVV {v}.", "{v}, yep.", "Great, {v}.", "Noted, {v}.", "I heard {v}, is that right?", "Okay so {v}, got it.",
        "COM|{v}, cheers.", "Right, {v}.", "Code {v}, that's gone through.", "Entering {v} now.", "{v}. Perfect.",
        "Sorry, did you say {v}?", "That's {v}, yeah?", "Thank you, {v}.", "CVC {v}, all good.", "IE|{v}, grand.",
        "UKI|Lovely, {v}.",
    ],
    "expiry": [
        "{v}, thanks.", "Expiring {v}, got it.", "So {v}?", "Valid thru {v}, yes?", "Okay, expiry {v}.",
        "I have the expiry as {v}.", "And that's {v} for the expiry.", "Good through {v}, perfect.", "{v}. Lovely.",
        "Expires {v}, okay.", "Just confirming {v} for the date.", "That's {v}, right?", "Did you say {v}?",
        "Expiration {v}, noted.", "Right, {v}.", "Okay, {v} on the expiry.", "Month and year {v}, great.", "{v}, yep.",
        "I've put in {v}.", "So it runs out {v}.", "End of {v}, cool.", "Great, {v}.", "Valid until {v}, thanks.",
        "IE|{v}, grand.", "COM|Expiry {v}, cheers.", "That's {v}, and the card's in your name?",
    ],
    "iban": [
        "So that's {v}?", "Let me read it back: {v}.", "I have {v}.", "{v}, correct?", "Okay, {v}. Is that right?",
        "Just checking, {v}.", "Reading back, {v}.", "I've typed {v}.", "So the IBAN is {v}.", "{v}, yes?",
        "Great, {v}.", "It's showing {v}, and the check digits work.", "That validates: {v}.", "Confirming {v}.",
        "Okay so {v}.", "You said {v}, yeah?", "Right, {v}.", "I'll repeat it: {v}.", "Thank you. {v}.",
        "I've got {v} down.", "Perfect, {v}.", "Hmm, {v}, let me check it. Yes, that's valid.", "So we pay into {v}.",
        "{v}, lovely.", "That's {v} then.", "Entering {v}.",
    ],
    "account": [
        "So account {v}?", "I have {v} for the account.", "{v}, correct?", "Let me repeat that: {v}.",
        "Account number {v}, got it.", "Okay, {v}.", "Reading back {v}.", "Just confirming {v}.", "{v}, yes?",
        "That's {v}, right?", "Great, account {v}.", "Thanks, {v}.", "I've entered {v}.", "Did you say {v}?",
        "So the full account is {v}.", "{v}. Perfect.", "Right, {v}.", "Noted, {v}.",
        "And that's {v} for the account number.", "Okay so {v}.", "Got it, {v}.", "So we'd be debiting {v}.",
        "COM|{v}, lovely.", "Confirming the account, {v}.", "NA|{v}, and that's a checking account?", "IE|{v}, grand.",
    ],
    "routing": [
        "So {v}?", "I have {v}.", "{v}, correct?", "Okay, {v}.", "Got it, {v}.", "Just confirming {v}.",
        "NA|Routing {v}, that comes up as a valid bank.", "UK|Sort code {v}, that's showing a branch in town.",
        "AU|BSB {v}, got it.", "That's {v}, right?", "{v}, yes?", "Reading back {v}.", "Great, {v}.",
        "Let me check {v}... yes, that's valid.", "Thanks, {v}.", "Right, {v}.", "I've put {v} in.",
        "Did you say {v}?", "{v}. Lovely.", "Noted, {v}.", "Okay so {v}.", "And that's {v}.", "Perfect, {v}.",
        "Hmm, {v}, let me look that up.", "Confirming {v}.", "{v}, and then the account number?",
    ],
    "dob": [
        "{v}, thank you.", "So {v}?", "I have {v} on file, is that right?", "Date of birth {v}, got it.",
        "And that's {v}, correct?", "Okay, {v}. Thanks.", "Born {v}, lovely.", "Let me confirm, {v}?",
        "That matches, {v}.", "{v}, perfect.", "So the date of birth is {v}.", "I've got {v} here.", "Great, {v}.",
        "Was that {v}?", "{v}, yes?", "So {v}, and the patient is yourself?", "Just repeating, {v}.",
        "Thanks, {v} matches what we have.", "That's {v}, right?", "Did you say {v}?", "So born {v}.", "{v}, noted.",
        "Right, {v}.", "Sorry, {v} or {v2}?", "I'm seeing {v} on the system, so that checks out.", "COM|{v}, cheers.",
        "Okay, {v} for {rel}.",
    ],
    "address": [
        "So {v}, {g}?", "And {v2} for the {pc}.", "I have {v}, {v2}.", "Let me read it back: {v}, {g}, {v2}.",
        "{v}, correct?", "Okay, {v}.", "So that's {v}, {g}, {v2}?", "Got it, {v}.", "Great, {v}, and {v2}.",
        "{v2}, thanks.", "Just confirming, {v}, {v2}.", "So we'll send it to {v}.", "{v}, {g}. Lovely.",
        "I've found it: {v}, {g}.", "Is that {v2}?", "The address I have is {v}.", "Right, {v}, {v2}.",
        "That's {v}, yes?", "{v}, {g}, {v2}. Perfect.", "Delivering to {v}, okay.", "Updated to {v}, {v2}.",
        "And that's {v} in {g}?", "Okay so {v2}, that brings up {v}.", "Was that {v}?", "COM|{v}, cheers.",
        "Billing address {v}, {v2}, got it.",
    ],
    "intro": [
        "Thanks for calling {co}, this is {r}, how can I help?", "{co}, {r} speaking.",
        "Good morning, you're through to {co}, my name's {r}.", "Hi, {r} here from {co}.",
        "Hello, {co} accounts, it's {r}.", "UKI|Hiya, {co}, {r} speaking, how can I help?",
        "AU|G'day, {co}, you've got {r}.", "Hi there, welcome to {co}. I'm {r}.",
        "{co} customer care, {r} here, who am I speaking with?", "Thank you for holding, this is {r} at {co}.",
        "Afternoon, {co}, {r} on the line.", "Hello, you're speaking with {r} from {co}.",
        "Good evening, {co} bookings, {r} speaking.", "Hi, my name is {r}, I'm calling from {co}.",
        "Hi, it's {r} from {co}, returning your call.", "NA|This is {r} with {co}.", "Morning! {co}, {r}.",
        "Hello, {co}, {r} here. How may I help you?", "Hi, thanks for calling {co}, I'm {r}, what can I do for you today?",
        "Welcome to {co}, {r} speaking.", "Hey, {r} from {co}, how's it going?", "IE|Hello, {co}, {r} speaking, how are you?",
        "Good afternoon and thank you for calling {co}. My name is {r}.", "{co}, hello, it's {r}.",
        "You're through to {r} at {co}, what can I help with?", "EU|Hello, {co}, you speak with {r}.",
        "Hi, {r} at {co}, thanks for waiting.",
    ],
    "person": [
        "Thanks, {v}.", "Lovely, thank you {v}.", "Okay, {t} {v}.", "Is that {v}?", "So I'm speaking with {v}?",
        "Thanks {t} {v}.", "Right, {v}, let's get that sorted.", "Perfect, {v}, I've found you.",
        "Thanks for your patience, {v}.", "No problem, {v}.", "Okay {v}, bear with me.", "Alright {v}, I've updated that.",
        "Great, {v}.", "Hi {v}, thanks for calling.", "Sorry, was that {v}?", "Okay, I have {v} on the account.",
        "COM|Cheers, {v}.", "So the account holder is {v}?", "Nice to speak to you, {v}.", "Hello {t} {v}.",
        "Got it, {v}.", "I'll put {v} on the file.", "Okay, {v}, one moment.", "Could I speak to {v}, please?",
        "Thank you, {t} {v}, that's all verified.",
    ],
    "person_third": [
        "I'll add {v} as a named driver.", "And {v} is your {rel}?", "So {v}, your {rel}, okay.",
        "I've added {v} to the account.", "And what's {v}'s date of birth?", "Okay, {v} can call us directly too.",
        "So it's for {v}.", "{v}, thanks, I'll note that.",
    ],
    "person_spell": ["Let me spell that back: {s}.", "So {s}?", "{s}, got it.", "That's {s}, yes?", "Okay, {s}."],
    "email": [
        "So {v}?", "I have {v}.", "Let me read that back: {v}.", "{v}, correct?", "I'll send it to {v}.",
        "Confirming, {v}.", "Okay, {v}.", "Great, {v}.", "That's {v}, yeah?", "Got it, {v}.", "So it's {v}.",
        "I've typed {v}.", "Was that {v}?", "Perfect, {v}.", "The receipt's going to {v}.", "Right, {v}.",
        "{v}, thanks.", "Okay so {v}, and I'll send a link.", "Did you say {v}?", "Updating it to {v}.",
        "Thanks, {v}.", "{v}. Lovely.", "I'll pop it over to {v}.", "Just checking, {v}?", "COM|{v}, cheers.",
        "Hmm, {v}, it says that's already registered. No, sorry, it's fine.",
    ],
    "phone": [
        "So {v}?", "I have {v}.", "I'll call you back on {v}.", "Let me confirm, {v}.", "{v}, correct?",
        "We'll text {v}.", "And that's {v}?", "Okay, {v}.", "Got it, {v}.", "Great, {v}.", "So the number is {v}.",
        "Reading it back: {v}.", "Was that {v}?", "{v}, yes?", "Right, {v}.", "You'll get a text on {v}.",
        "I've updated it to {v}.", "Thanks, {v}.", "Did you say {v}?", "{v}. Perfect.", "Noted, {v}.",
        "Okay so {v}.", "We'll ring {v} if anything changes.", "COM|{v}, lovely.", "Just checking, {v}?",
        "And if I can't get you on {v}, I'll email.",
    ],
    "id": [
        "So {v}?", "I have {v}.", "{v}, correct?", "Let me read that back: {v}.", "Okay, {v}.", "Got it, {v}.",
        "Just confirming, {v}.", "Great, {v}.", "That's {v}, right?", "Was that {v}?", "{v}, yes?", "Right, {v}.",
        "Thanks, {v}.", "Perfect, {v}, that's verified.", "I've entered {v}.", "Did you say {v}?", "Noted, {v}.",
        "{v}. Lovely.", "Okay so {v}.", "Reading back, {v}.", "Hmm, {v}, that matches.", "{v}, thanks.",
        "And that's {v} on the form.", "COM|{v}, cheers.", "Confirming {v}.", "So the {idname} is {v}.",
    ],
}
#: the rep reading back the card's last four (a keep) with the amount
LAST4 = [
    "So that's {price} on the card ending {last4}.", "Okay, {price} going on the {b} ending in {last4}.",
    "Great, I'll charge {price} to the card ending {last4}.", "That's gone through: {price}, card ending {last4}.",
    "Just to confirm, {price} on the card ending {last4}, yes?", "Perfect, the card ending {last4} is on file now.",
    "Payment of {price} approved on the {b} ending {last4}.", "So, {price}, card ending in {last4}, all done.",
    "Right, I've taken {price} from the card ending {last4}.", "The card ending {last4} will be billed {price} today.",
    "Lovely, {price} on the one ending {last4}.", "Your receipt will show {price} and the card ending {last4}.",
]
CONFIRM = ["Yes, that's right.", "Correct.", "Yep.", "That's it.", "Yes.", "Yeah, that's it.", "Spot on.",
           "Mm-hm, yes.", "Yes, correct.", "UKI|Yeah, that's grand.", "AU|Yep, that's the one.", "That's right, yeah."]
CONFIRM_NO = ["No, hang on.", "Not quite.", "Sorry, no.", "No, let me say it again."]
RELATIONS = [("wife", True), ("husband", False), ("son", False), ("daughter", True), ("mum", True), ("dad", False),
             ("partner", None), ("business partner", None), ("colleague", None), ("brother", False),
             ("sister", True), ("tenant", None), ("landlord", False), ("father-in-law", False), ("grandmother", True)]

#: the small exchanges with hard negatives only (or nothing at all), by theme
KEEP_BEATS: dict[str, list[list[tuple[str, str]]]] = {
    "schedule": [
        [("rep", "I can do {date} at {time}, or {date2} in the morning."), ("customer", "{date} at {time} is perfect.")],
        [("rep", "The earliest slot is {date} at {time}."), ("customer", "Hmm, anything later? I work till {time2}."),
         ("rep", "{date2} at {time3}?"), ("customer", "Yes, go on, put me down.")],
        [("customer", "Could we move it to {date}?"), ("rep", "Sure, {date}, I've got {time} free."), ("customer", "Great.")],
        [("rep", "The engineer will come {date} between {time} and {time2}."), ("customer", "Okay, I'll be in.")],
        [("customer", "Is {date} okay? It's the only day I'm off."), ("rep", "{date} works, I'll put you in at {time}.")],
        [("rep", "Delivery's booked for {date}, they'll text you that morning."), ("customer", "Lovely, thanks.")],
        [("rep", "We close at {time} on {date}, so come before then."), ("customer", "No bother.")],
        [("customer", "What time do you open {date}?"), ("rep", "From {time}, until {time2}.")],
        [("rep", "Check-in is from {time} on {date}, check-out by {time2}."), ("customer", "Perfect.")],
        [("rep", "So that's {date}, {time}, with the hygienist."), ("customer", "Yep, got it in the diary.")],
    ],
    "pricing": [
        [("rep", "That comes to {price}, and that includes the {pct} discount."), ("customer", "Okay, {price} is fine.")],
        [("customer", "How much is it for {qty}?"), ("rep", "For {qty} it's {price}, plus tax."), ("customer", "Fine, let's do it.")],
        [("customer", "You quoted me {price} last time."), ("rep", "That was before the {pct} increase in {year}, sorry."),
         ("customer", "Ah, right.")],
        [("rep", "It's {price} per seat, so {qty} comes to {price2}."), ("customer", "And if we go above {qty2}?"),
         ("rep", "Then it drops by {pct}.")],
        [("rep", "The balance is {price}. We can split it into {qty}."), ("customer", "Yes, let's do that.")],
        [("customer", "Is there a fee for paying by card?"), ("rep", "There's a {pct} surcharge, so about {price}."),
         ("customer", "That's fine.")],
        [("rep", "Your new plan is {price} from {date}."), ("customer", "Okay, and that's fixed?"), ("rep", "Fixed for {qty}, yes.")],
        [("rep", "The deposit is {price}, and the rest, {price2}, is due {date}."), ("customer", "Makes sense.")],
        [("customer", "So what's the total with delivery?"), ("rep", "{price} all in, delivery's {price2} of that.")],
        [("rep", "With the loyalty discount of {pct}, you'd pay {price}."), ("customer", "Oh, that's better than I thought.")],
    ],
    "order": [
        [("customer", "My order number is {order}."), ("rep", "Thanks, I see order {order}, it left the warehouse {date}.")],
        [("rep", "I've opened a ticket for this, {ticket}."), ("customer", "Can you repeat that?"), ("rep", "{ticket}.")],
        [("customer", "I've got a claim reference, {ticket}."), ("rep", "Lovely, that's it. The claim was opened {date}.")],
        [("rep", "Your policy number is {ticket}, keep that handy."), ("customer", "Okay, got it written down.")],
        [("customer", "It's about order {order}, the {product}."), ("rep", "Yes, I can see the {product} on order {order}.")],
        [("rep", "Have you the reference from the email? It starts with letters."), ("customer", "Yeah, {ticket}.")],
        [("customer", "My member number is {ticket}."), ("rep", "Thank you, that's found you.")],
        [("rep", "I'll raise a return, reference {order}, and the courier comes {date}."), ("customer", "Perfect.")],
        [("customer", "The invoice says {order} at the top."), ("rep", "Got it, invoice {order}, {price}.")],
        [("rep", "Case {ticket} is closed now, so I'll open a new one."), ("customer", "Okay.")],
    ],
    "product": [
        [("customer", "It's the {product}, the {size} one."), ("rep", "Got it, the {product}.")],
        [("rep", "Which model is it?"), ("customer", "Says {product} on the side."), ("rep", "Thanks.")],
        [("customer", "The parcel is about {weight}, is that okay?"), ("rep", "Up to {weight2} is fine.")],
        [("rep", "Your meter reading last quarter was {energy}."), ("customer", "That seems high.")],
        [("customer", "The room is about {area}."), ("rep", "Then you'd need {qty}.")],
        [("rep", "The {product} has a {data} allowance."), ("customer", "That's plenty.")],
        [("customer", "I think it's a {product}, bought it in {year}."), ("rep", "Then it's under warranty until {year2}.")],
        [("rep", "We'd swap it for the {product}, same price."), ("customer", "Is that the newer one?"), ("rep", "Yes, from {year}.")],
        [("customer", "It weighs {weight}, will the courier take it?"), ("rep", "Yes, the limit's {weight2}.")],
    ],
    "tenure": [
        [("rep", "I see you've been with us since {year}."), ("customer", "Yes, a long time now.")],
        [("customer", "We moved in back in {year}."), ("rep", "Right, and the account was opened in {year2}.")],
        [("rep", "Your last payment was in {year}?"), ("customer", "I think so, yeah.")],
        [("customer", "I've been a member since {year}, you know."), ("rep", "I can see that, thank you for staying with us.")],
    ],
    "chat": [
        [("rep", "Bear with me one second while that loads."), ("customer", "No bother.")],
        [("rep", "Sorry, the system's a bit slow today."), ("customer", "That's okay, I'm in no rush.")],
        [("customer", "Sorry, the dog's barking, give me a second."), ("rep", "No problem at all.")],
        [("rep", "Can you hear me okay? The line went a bit funny."), ("customer", "Yeah, I can hear you now.")],
        [("customer", "Sorry, I'm driving, you're on speaker."), ("rep", "That's fine, I'll keep it quick.")],
        [("rep", "I'm just going to pop you on hold for a moment."), ("customer", "Sure.")],
        [("customer", "Is it raining over there too?"), ("rep", "Pouring, all week."), ("customer", "Same here.")],
        [("rep", "Have you had a chance to read the terms?"), ("customer", "I skimmed them, yeah.")],
        [("customer", "Sorry, what was that? You broke up."), ("rep", "No worries, I said I'm just checking the account.")],
        [("rep", "Thanks for waiting, I had to ask my supervisor."), ("customer", "That's alright.")],
    ],
}


@dataclass(frozen=True)
class Scenario:
    companies: tuple[tuple[str, str], ...]  # (industry, company)
    purposes: tuple[str, ...]  # the customer's first line
    beats: tuple[tuple[str, float], ...]  # (beat, probability), in call order
    outbound: bool = False


SCENARIOS: dict[str, Scenario] = {
    "payment": Scenario(
        (("dental clinic", "Brightside Dental"), ("veterinary practice", "Paws and Claws Vets"),
         ("plumbing firm", "Kelleher Plumbing"), ("gym", "IronWorks Fitness"), ("council services", "Riverside Borough Services")),
        ("Hi, I got a bill for {price} and I'd like to pay it.", "Hello, I'm ringing to pay an invoice, it's {price}.",
         "Hi, I want to settle my balance.", "I'd like to pay for the visit on {date}.",
         "Yeah, hi, I've an outstanding amount of {price} to pay off.", "Hi, I need to pay for the call-out on {date}."),
        (("name", .75), ("dob", .35), ("pricing", .5), ("card", .97), ("address", .3), ("email", .3), ("order", .25))),
    "booking": Scenario(
        (("hotel", "Harbour View Hotel"), ("restaurant", "The Copper Pot"), ("car hire", "Swift Car Rental"),
         ("holiday park", "Pinewood Holiday Park"), ("tour operator", "Blue Horizon Tours")),
        ("Hi, I'd like to make a booking for {qty} from {date}.", "Hello, I want to reserve for {qty} on {date} at {time}.",
         "Hi, I need to move my booking from {date} to {date2}.", "I'd like to book the {product} package for {date}.",
         "Hi, we'd like to book for {qty}, arriving {date}."),
        (("name", .8), ("schedule", .8), ("phone", .7), ("email", .5), ("third", .25), ("card", .7), ("pricing", .3))),
    "healthcare": Scenario(
        (("physiotherapy clinic", "Northfield Physio"), ("GP practice", "Meadowbank Medical Centre"),
         ("optician", "ClearView Opticians"), ("dermatology clinic", "SkinFirst Clinic"), ("pharmacy", "Corner Pharmacy")),
        ("Hi, I need to book an appointment.", "Hello, I'm calling to move my appointment on {date}.",
         "Hi, I need a follow-up after my visit on {date}.", "I'd like to book my son in for a check-up.",
         "Hi, I got a letter asking me to book in.", "Hello, I'm a new patient and want to register."),
        (("name", .8), ("dob", .92), ("third", .3), ("id", .55), ("phone", .6), ("address", .45), ("schedule", .85))),
    "insurance": Scenario(
        (("home insurance", "Keystone Home Insurance"), ("car insurance", "RoadSure"), ("pet insurance", "Happy Tails Pet Cover"),
         ("travel insurance", "GlobeSafe Travel Insurance")),
        ("Hi, I need to make a claim, it happened on {date}.", "Hello, I'd like to renew my policy, the quote was {price}.",
         "Hi, I want to add someone to my policy.", "I want to claim back the {price} I paid out.",
         "Hi, my premium went up {pct} and I want to know why."),
        (("name", .75), ("dob", .6), ("order", .6), ("address", .5), ("phone", .45), ("bank", .55), ("product", .25), ("card", .25))),
    "utilities": Scenario(
        (("energy supplier", "Lumen Energy"), ("water utility", "Clearwater Utilities"), ("heating oil", "Hearth Fuels")),
        ("Hi, I'm moving house on {date} and need to set up an account.",
         "Hello, I want to set up a direct debit for my bill.", "Hi, my bill says {energy}, that can't be right.",
         "I'm calling to give a reading, it's {energy}.", "Hi, my last bill was {price}, double the usual."),
        (("name", .7), ("address", .9), ("dob", .4), ("product", .45), ("bank", .7), ("email", .3), ("schedule", .3))),
    "banking": Scenario(
        (("bank", "Greenfield Bank"), ("credit union", "Community First Credit Union"),
         ("building society", "Oakridge Building Society"), ("online bank", "Nuvo Bank")),
        ("Hi, I want to set up a new direct debit.", "Hello, I need to update my bank details.",
         "Hi, I'd like to open a savings account.", "There's a payment of {price} on my account I don't recognise.",
         "Hi, I want to switch my salary to this account."),
        (("name", .6), ("dob", .75), ("id", .5), ("bank", .95), ("address", .3), ("phone", .35), ("tenure", .35))),
    "rentals": Scenario(
        (("letting agent", "Parkside Lettings"), ("van hire", "Mover Van Hire"), ("tool hire", "ToolBox Hire"),
         ("holiday cottages", "Seaview Cottages")),
        ("Hi, I'm calling about a rental, the listing said {price} a month.", "Hello, I've a booking for {date} and need to confirm.",
         "Hi, I'd like to rent for {qty}, starting {date}.", "I need to extend my rental by {qty}.",
         "Hi, I want to go ahead with the rental we talked about {date}."),
        (("name", .7), ("id", .7), ("pricing", .5), ("card", .6), ("address", .4), ("phone", .5), ("schedule", .4))),
    "delivery": Scenario(
        (("furniture retailer", "Hearthstone Furniture"), ("courier", "ParcelPoint"), ("appliance retailer", "Kitchen Depot"),
         ("grocery delivery", "Basket Groceries")),
        ("Hi, my order didn't arrive, it's {order}.", "Hello, I need to change the delivery address for my order.",
         "Hi, I'm waiting on a delivery that was due {date}.", "Can I rearrange my delivery for {date}?",
         "Hi, the driver left a card, reference {order}."),
        (("name", .6), ("order", .85), ("address", .85), ("phone", .75), ("schedule", .6), ("email", .25))),
    "refund": Scenario(
        (("online fashion", "Thread & Co"), ("airline", "SkyBridge Airways"), ("electronics retailer", "Voltage Electronics")),
        ("Hi, I sent something back and haven't had my refund, order {order}.",
         "Hello, my booking on {date} was cancelled and I want a refund.", "Hi, I was charged twice, {price} each time.",
         "I sent back the {product} two weeks ago.", "Hi, the refund went to an old card."),
        (("name", .6), ("order", .85), ("pricing", .45), ("bank", .6), ("card", .35), ("email", .45))),
    "subscription": Scenario(
        (("meal kits", "Fresh Crate"), ("streaming", "Reelbox"), ("wine club", "Cellar Door Club"), ("software", "Notably Pro")),
        ("Hi, I want to upgrade to the {product}.", "Hello, I'd like to cancel my subscription.",
         "Hi, I want to sign up, the {qty} option.", "My subscription renewed at {price} and I didn't expect that.",
         "Hi, I'd like to gift a subscription to my sister."),
        (("name", .65), ("email", .8), ("product", .55), ("pricing", .5), ("dob", .2), ("card", .65))),
    "b2b_close": Scenario(
        (("payroll software", "PayRight Systems"), ("office supplies", "DeskLine Supplies"),
         ("commercial cleaning", "Sparkle Commercial Cleaning"), ("CRM software", "PipeTrack CRM"), ("printing", "Inkwell Print")),
        ("Hi, it's about the proposal you sent, we're ready to go ahead with {qty}.",
         "Hello, we've agreed internally on the {product} plan.", "Hi, we want to order {qty} for the new office.",
         "We signed off the budget for {price}, so let's finalise.", "Hi, returning your call about the renewal."),
        (("name", .8), ("third", .6), ("pricing", .85), ("email", .7), ("phone", .6), ("address", .5), ("card", .3),
         ("bank", .3))),
    "support": Scenario(
        (("broadband router", "NetWave"), ("smart thermostat", "Thermia Home"), ("laptop warranty", "Fixit Care"),
         ("accounting software", "Ledgerly")),
        ("Hi, my {product} keeps dropping the connection.", "Hello, the {product} won't turn on since {date}.",
         "Hi, I can't log in to the portal.", "Hi, my {product} is showing an error code.",
         "Hello, I was told someone would call me back by {time}."),
        (("name", .6), ("product", .85), ("order", .6), ("chat", .35), ("email", .6), ("phone", .5), ("address", .2),
         ("dob", .15))),
    "collections": Scenario(
        (("debt recovery", "Meridian Recoveries"), ("medical billing", "Healthbill Services"),
         ("utility arrears", "Lumen Energy Collections")),
        ("Hi, I got a letter about an overdue balance of {price}.", "Hello, you've been calling me about a debt.",
         "Hi, I'd like to set up a payment plan.", "I got a final notice, reference {ticket}.",
         "Yes, speaking. What's this about?"),
        (("name", .8), ("dob", .75), ("address", .55), ("pricing", .65), ("id", .3), ("card", .6), ("tenure", .2)),
        outbound=True),
    "travel": Scenario(
        (("travel agency", "Wanderlust Travel"), ("ferry operator", "Atlantic Ferries"), ("airline", "SkyBridge Airways"),
         ("rail passes", "EuroRail Passes")),
        ("Hi, I'd like to book for {qty} on {date}.", "Hello, I need to add my passport details to the booking.",
         "Hi, we're travelling on {date} and I need to change a name.", "I'd like to book for {date}, coming back {date2}.",
         "Hi, I need to add my son to our trip on {date}."),
        (("name", .7), ("id", .7), ("dob", .6), ("third", .5), ("schedule", .4), ("phone", .5), ("email", .5), ("card", .5))),
    "telecoms": Scenario(
        (("mobile network", "Volt Mobile"), ("broadband provider", "FibreNest"), ("mobile network", "Pebble Mobile")),
        ("Hi, I'd like to move my number over to you.", "Hello, my contract's up on {date} and I want a better deal.",
         "Hi, I want to add a line for my daughter.", "My broadband is way under the {speed} you promised.",
         "Hi, I lost my phone and need a new SIM."),
        (("name", .6), ("phone", .92), ("id", .5), ("dob", .5), ("address", .5), ("product", .45), ("bank", .35), ("card", .3))),
    "education": Scenario(
        (("university fees office", "Westbrook University"), ("language school", "Lingua Viva School"),
         ("driving school", "Green Light Driving School"), ("summer camp", "Camp Woodlands")),
        ("Hi, I'm calling about my son's fees, {price}.", "Hello, I want to enrol my daughter for the summer.",
         "Hi, I want to pay the deposit for the course starting {date}.", "I need to set up the payment plan for the fees.",
         "Hi, I'd like to book {qty} for my son."),
        (("name", .6), ("third", .85), ("dob", .6), ("pricing", .65), ("card", .55), ("bank", .45), ("email", .4), ("id", .25))),
    "tax": Scenario(
        (("tax preparation", "ClearTax Advisers"), ("accountancy", "Byrne & Kowal Accountants")),
        ("Hi, I need help with my tax return for {year}.", "Hello, I'm calling about my refund from the {year} return.",
         "Hi, I got a letter asking for my details.", "I'd like to book a consultation about my taxes."),
        (("name", .7), ("id", .9), ("dob", .6), ("bank", .8), ("address", .4), ("tenure", .4))),
    "charity": Scenario(
        (("charity", "Hope for Rivers"), ("charity", "Children First Foundation"), ("animal shelter", "Second Chance Shelter")),
        ("Hi, I'd like to make a donation of {price}.", "Hello, I want to set up a monthly gift.",
         "Hi, I'm calling to sign up after the TV appeal.", "I'd like to sponsor a child, the {price} a month option."),
        (("name", .7), ("address", .6), ("pricing", .5), ("card", .6), ("bank", .5), ("email", .5))),
}
SCENARIO_WEIGHTS = {"payment": 26, "booking": 20, "healthcare": 24, "insurance": 18, "utilities": 16, "banking": 22,
                    "rentals": 15, "delivery": 17, "refund": 14, "subscription": 14, "b2b_close": 16, "support": 14,
                    "collections": 16, "travel": 18, "telecoms": 18, "education": 14, "tax": 12, "charity": 10}
OUTBOUND_REPLY = ["Yes, speaking. What's this about?", "Oh, hi. Yeah, that's me.", "Yes? Who's this?",
                  "Hello, yes, I've been expecting a call."]
REP_CLOSE = [
    "Is there anything else I can help with today?", "Anything else I can do for you, {n}?",
    "Your reference is {ticket} if you need to call back. Anything else?", "That's all set. Anything else today?",
    "You'll get a confirmation by {date}. Anything else?", "Is there anything else at all?",
    "UKI|Is there anything else I can do for you at all?", "AU|Anything else I can help with, {n}?",
    "Okay, you're all sorted. Anything else?", "I'll send that through now. Was there anything else, {n}?",
    "That's done, {n}. Anything else on your mind?",
]
CUST_CLOSE = [
    "No, that's everything, thanks.", "That's all, thanks {r}.", "No, you've been great, {r}, cheers.",
    "No, that's it. Thank you.", "Nope, all good. Thanks, {r}.", "UKI|No, that's grand, thanks a million.",
    "AU|Nah, that's all, thanks heaps.", "No, thank you, {r}, have a nice day.", "That's everything. Bye now.",
    "No, I think that covers it.", "EU|No, that is all, thank you very much.",
]
REP_BYE = ["Thanks for calling {co}, {n}. Bye now.", "Take care, bye.", "Have a good day, {n}.", "You're welcome. Bye!",
           "Thanks, {n}, take care.", "COM|Cheers, bye bye.", "No problem at all. Goodbye.",
           "Enjoy the rest of your day, {n}."]
MISHEAR = {"plan": "plant", "contract": "contact", "quote": "coat", "week": "weak", "bill": "bell", "renewal": "removal",
           "cancel": "council", "premium": "premier", "invoice": "in voice", "courier": "carrier", "tenancy": "tendency",
           "broadband": "broad band", "claim": "clean", "meter": "metre", "boiler": "boiled", "statement": "state meant",
           "receipt": "recede", "router": "rooter", "mortgage": "more gauge", "landlord": "land lord",
           "balance": "balanced", "overdue": "over due", "confirm": "conform", "reference": "references",
           "cheers": "chairs", "sorted": "sordid", "voucher": "voter", "subscription": "prescription",
           "prescription": "subscription", "inspection": "injection", "quarter": "quota", "physio": "fizzy oh",
           "deposit": "the posit", "appointment": "a point meant", "portal": "portable", "warranty": "warrant",
           "surcharge": "search", "delivery": "the livery", "arrears": "a rears", "tuition": "to wish on",
           "hygienist": "hygiene is", "policy": "polish", "driver": "diver",
           "parcel": "parcels", "porting": "pointing", "sponsor": "spots her", "enrol": "in roll"}
FILLER = re.compile(r"(?i)\b(?:um+|uh+|erm+|er|ehm|hmm+)\b[,.]?\s*")
NUM_WORD = {"two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
            "ten": "10", "twelve": "12", "twenty": "20"}


# ---------------------------------------------------------------------------------------------
# Turns: a list of fixed text and slot parts; rendered into the written and the ASR form.
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Part:
    """A slot's contents in both forms: an entity (``ent``), a hard negative (``keep``) or an
    ignored place (``ign``)."""
    role: str
    kind: str
    written: str
    asr: str
    rep_name: bool = False


Piece = str | Part


@dataclass
class Turn:
    speaker: str
    pieces: list[Piece]


def ent(kind: str, pair: tuple[str, str], rep_name: bool = False) -> Part:
    return Part("ent", kind, pair[0], pair[1], rep_name)


def keep(kind: str, written: str, asr: str) -> Part:
    return Part("keep", kind, written, asr)


TAGS = {"US": {"US"}, "CA": {"CA"}, "UK": {"UK"}, "IE": {"IE"}, "AU": {"AU"}, "EU": {"EU"}, "NA": {"US", "CA"},
        "UKI": {"UK", "IE"}, "COM": {"UK", "IE", "AU"}, "NEU": {"US", "CA", "UK", "IE", "AU"}}


def template_regions(t: str) -> tuple[set[str] | None, str]:
    """``"UKI,AU|Cheers"`` -> ({"UK", "IE", "AU"}, "Cheers"); untagged -> (None, text)."""
    head, sep, body = t.partition("|")
    if not sep:
        return None, t
    regions: set[str] = set()
    for tag in head.split(","):
        regions |= TAGS[tag]
    return regions, body


SLOT = re.compile(r"\{([a-z]+?)(\d*)\}")


# ---------------------------------------------------------------------------------------------
# The values of one call
# ---------------------------------------------------------------------------------------------

PUBLISHED_CARDS = {  # test numbers published in payment processors' documentation
    "4242424242424242": "Visa", "4000056655665556": "Visa", "4111111111111111": "Visa", "4012888888881881": "Visa",
    "5555555555554444": "Mastercard", "2223003122003222": "Mastercard", "5105105105105100": "Mastercard",
    "378282246310005": "Amex", "371449635398431": "Amex", "6011111111111117": "Discover",
    "6011000990139424": "Discover", "3566002020360505": "JCB",
}
CARD_PREFIXES = {"Visa": ("400000", "411111", "424242", "401288", "400005"),
                 "Mastercard": ("555555", "510510", "222300", "520082"), "Amex": ("378282", "371449"),
                 "Discover": ("601111", "601100")}


@dataclass(frozen=True)
class Card:
    digits: str
    brand: str

    @property
    def groups(self) -> list[str]:
        return chunk(self.digits, (4, 6, 5) if self.brand == "Amex" else (4, 4, 4, 4))


@dataclass(frozen=True)
class Address:
    num: int
    street: str
    unit: str  # "" or a flat / apartment / suite number
    style: str  # how the line is put together
    city: str
    postcode: str
    code_groups: tuple[str, ...]


@dataclass(frozen=True)
class Phone:
    cc: str
    national: tuple[str, ...]  # printed groups with the trunk prefix
    intl: tuple[str, ...]  # printed groups after the country code


@dataclass(frozen=True)
class IdValue:
    name: str  # what the rep calls it
    code: str
    groups: tuple[str, ...]


@dataclass(frozen=True)
class Email:
    local: tuple[tuple[str, str], ...]  # (kind, text): name / sep / num / letter
    domain: tuple[str, ...]


EMAIL_DOMAINS = {
    "US": ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "aol.com", "protonmail.com", "comcast.net"],
    "CA": ["gmail.com", "shaw.ca", "rogers.com", "sympatico.ca", "outlook.com"],
    "UK": ["gmail.com", "hotmail.co.uk", "btinternet.com", "yahoo.co.uk", "outlook.com", "sky.com"],
    "IE": ["gmail.com", "eircom.net", "hotmail.com", "outlook.ie", "icloud.com"],
    "AU": ["gmail.com", "bigpond.com", "optusnet.com.au", "outlook.com.au", "icloud.com"],
    "DE": ["gmx.de", "web.de", "t-online.de", "gmail.com"], "AT": ["gmx.at", "aon.at", "gmail.com"],
    "FR": ["orange.fr", "free.fr", "laposte.net", "gmail.com"], "NL": ["ziggo.nl", "kpnmail.nl", "gmail.com"],
    "ES": ["telefonica.net", "gmail.com", "hotmail.es"], "IT": ["libero.it", "tiscali.it", "gmail.com"],
    "BE": ["telenet.be", "skynet.be", "gmail.com"], "PL": ["wp.pl", "onet.pl", "o2.pl"], "PT": ["sapo.pt", "gmail.com"],
}
PRODUCTS = ["Vireo 300", "Kestrel X2", "Series 7", "Model T40", "Nimbus Pro 14", "Aero 2", "HomeHub 5", "Pulse 9",
            "Atlas 220", "Fibre 500", "Gold 12 plan", "Lumen 4K", "Orbit S3", "Family 4 box", "Flex 30 bundle",
            "Quartz 1200", "Tundra 8 boiler", "Zephyr 65", "Unlimited 5G plan", "Premium 24 plan", "Mk 3 stroller",
            "EcoHeat 450", "Studio 15 laptop", "ProDesk 90", "Starter 10 pack"]
QTY_NOUNS = ["seats", "licences", "boxes", "pallets", "nights", "rooms", "units", "bags", "cartons", "users", "tickets",
             "adults", "crates", "desks", "laptops", "chairs", "bottles", "sessions", "lessons", "visits", "months",
             "instalments", "weeks", "people", "cases"]
#: units of the measures a sentence can hold: {measure} any, {weight} {size} {data} {energy} {area} {speed} one kind
MEASURES = {
    "weight": [("kilos", "kg"), ("pounds", "lbs"), ("kilograms", "kg")],
    "size": [("metres", "metres"), ("centimetres", "cm"), ("inches", "inches"), ("feet", "feet")],
    "data": [("gigs", "GB"), ("gigabytes", "GB")],
    "energy": [("kilowatt hours", "kWh"), ("units", "units"), ("cubic metres", "cubic metres"), ("litres", "litres")],
    "area": [("square metres", "square metres"), ("square feet", "square feet")],
    "speed": [("megabits", "Mbps"), ("meg", "Mbps")],
    "measure": [("metres", "metres"), ("kilos", "kg"), ("litres", "litres"), ("miles", "miles"), ("kilometres", "km")],
}


class Ctx:
    """One call being written: its random generator, country, people and values."""

    def __init__(self, cid: str, rng: random.Random) -> None:
        self.cid = cid
        self.rng = rng
        self.country = rng.choices(list(COUNTRY_WEIGHTS), weights=list(COUNTRY_WEIGHTS.values()))[0]
        self.region = REGION[self.country]
        self.scenario = rng.choices(list(SCENARIO_WEIGHTS), weights=list(SCENARIO_WEIGHTS.values()))[0]
        self.industry, self.company = rng.choice(SCENARIOS[self.scenario].companies)
        self.rep = self.person()
        self.cust = self.person()
        self.cache: dict[str, object] = {}

    # -- templates ---------------------------------------------------------------------------
    def pick(self, pool: Sequence[str]) -> str:
        """A template of ``pool`` usable in this call's region, without its tag."""
        ok = [body for regions, body in map(template_regions, pool) if regions is None or self.region in regions]
        return self.rng.choice(ok)

    def turn(self, speaker: str, template: str, memo: dict[str, Part] | None = None, **slots: Piece) -> Turn:
        """``template`` with its slots filled: given ones first, then hard negatives drawn fresh
        (the same slot name in one ``memo`` gets the same value)."""
        memo = {} if memo is None else memo
        pieces: list[Piece] = []
        pos = 0
        for m in SLOT.finditer(template):
            if m.start() > pos:
                pieces.append(template[pos:m.start()])
            name = m.group(1) + m.group(2)
            if name in slots:
                pieces.append(slots[name])
            elif m.group(1) in KEEP_MAKERS:
                if name not in memo:
                    memo[name] = KEEP_MAKERS[m.group(1)](self)
                pieces.append(memo[name])
            elif m.group(1) in self.fixed_words():
                pieces.append(self.fixed_words()[m.group(1)])
            else:
                raise KeyError(f"slot {{{name}}} of {template!r} has no value: pass it to Ctx.turn")
            pos = m.end()
        if pos < len(template):
            pieces.append(template[pos:])
        return Turn(speaker, pieces)

    def say(self, speaker: str, pool: Sequence[str], memo: dict[str, Part] | None = None, **slots: Piece) -> Turn:
        return self.turn(speaker, self.pick(pool), memo, **slots)

    def fixed_words(self) -> dict[str, str]:
        return {"co": self.company, "pc": POSTCODE_WORD[self.region], "ph": PHONE_WORD[self.region],
                "adj": ADJ[self.country], "ext": str(self.rng.randint(200, 4999))}

    # -- people --------------------------------------------------------------------------------
    def person(self, female: bool | None = None) -> Person:
        rng = self.rng
        female = rng.random() < 0.5 if female is None else female
        return Person(rng.choice(GIVEN_F if female else GIVEN_M), rng.choice(SURNAMES), female)

    def name(self, text: str, rep: bool = False) -> Part:
        """A person's name as said; tiny.en writes names it has not seen as it hears them."""
        rng = self.rng
        heard = text
        if text in HEARD and rng.random() < 0.7:
            heard = HEARD[text]
        else:
            heard = " ".join(HEARD[w] if w in HEARD and rng.random() < 0.7 else w for w in text.split())
            if rng.random() < 0.5:
                heard = ascii_fold(heard)
        return Part("ent", "person", text, heard, rep)

    def rep_name(self) -> Part:
        if "rep_name" not in self.cache:
            self.cache["rep_name"] = self.rng.random() < 0.55
        return self.name(self.rep.full if self.cache["rep_name"] else self.rep.first, rep=True)

    def rep_first(self) -> Part:
        return self.name(self.rep.first, rep=True)

    def title(self, p: Person) -> str:
        return self.rng.choice(["Ms", "Mrs", "Miss"] if p.female else ["Mr"]) if self.rng.random() > 0.08 else "Dr"

    def spelled(self, surname: str) -> Part:
        """A surname spelled letter by letter ("S-M-Y-T-H")."""
        rng = self.rng
        letters = list(surname.upper())
        style = rng.random()
        toks: list[str] = []
        i = 0
        doubles = self.region in COMMONWEALTH and rng.random() < 0.6
        while i < len(letters):
            if doubles and i + 1 < len(letters) and letters[i] == letters[i + 1]:
                toks.append(f"double {letters[i]}")
                i += 2
            else:
                toks.append(letters[i])
                i += 1
        w = "-".join(toks) if style < 0.55 else (" ".join(toks) if style < 0.8 else ", ".join(toks))
        r = rng.random()
        plain = [t.replace("double ", "") * (2 if t.startswith("double") else 1) for t in toks]
        a = ("-".join(toks) if r < 0.35 else " ".join(toks) if r < 0.6 else " ".join(plain).lower() if r < 0.8
             else "".join(plain))
        return Part("ent", "person", w, a)

    # -- cards ---------------------------------------------------------------------------------
    def card(self) -> Card:
        if "card" not in self.cache:
            rng = self.rng
            if rng.random() < 0.4:
                digits = rng.choice(sorted(PUBLISHED_CARDS))
                self.cache["card"] = Card(digits, PUBLISHED_CARDS[digits])
            else:
                brand = rng.choices(list(CARD_PREFIXES), weights=[5, 4, 2, 1])[0]
                prefix = rng.choice(CARD_PREFIXES[brand])
                n = 15 if brand == "Amex" else 16
                stem = prefix + "".join(rng.choice("0123456789") for _ in range(n - len(prefix) - 1))
                self.cache["card"] = Card(luhn_complete(stem), brand)
        card = self.cache["card"]
        assert isinstance(card, Card)
        return card

    def card_parts(self, n_pieces: int = 1) -> list[Part]:
        card = self.card()
        groups = card.groups
        if n_pieces == 1:
            split = None
        else:
            cuts = sorted(self.rng.sample(range(1, len(groups)), n_pieces - 1))
            split = [b - a for a, b in zip([0, *cuts], [*cuts, len(groups)])]
        pairs = speak_number(self.rng, self.region, groups, p_words=0.4, pairs_p=0.2, split=split,
                             printed_sep=self.rng.choice([" ", " ", " ", "-"]))
        return [ent("card", p) for p in pairs]

    def cvv(self) -> Part:
        if "cvv" not in self.cache:
            n = 4 if self.card().brand == "Amex" else 3
            self.cache["cvv"] = "".join(self.rng.choice("0123456789") for _ in range(n))
        code = str(self.cache["cvv"])
        return ent("cvv", speak_number(self.rng, self.region, [code], p_words=0.55, pairs_p=0.3)[0])

    def expiry(self) -> Part:
        if "expiry" not in self.cache:
            self.cache["expiry"] = (self.rng.randint(1, 12), self.rng.randint(27, 33))
        m, yy = self.cache["expiry"]  # type: ignore[misc]
        return ent("expiry", expiry_forms(self.rng, m, yy))

    def last4(self) -> Part:
        d = self.card().digits[-4:]
        if self.rng.random() < 0.25:
            w = " ".join(ONES[int(c)] if c != "0" else "oh" for c in d)
            return keep("last4", w, d if self.rng.random() < 0.8 else w)
        return keep("last4", d, d)

    # -- bank ----------------------------------------------------------------------------------
    def iban(self) -> str:
        if "iban" not in self.cache:
            rng = self.rng
            cc = "GB" if self.country == "UK" else self.country
            dig = lambda n: "".join(rng.choice("0123456789") for _ in range(n))
            let = lambda n: "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(n))
            bban = {"DE": lambda: dig(18), "FR": lambda: dig(23), "NL": lambda: let(4) + dig(10),
                    "ES": lambda: dig(20), "IT": lambda: let(1) + dig(22), "BE": lambda: dig(12),
                    "IE": lambda: let(4) + dig(14), "GB": lambda: let(4) + dig(14), "PT": lambda: dig(21),
                    "AT": lambda: dig(16), "PL": lambda: dig(24)}[cc]()
            self.cache["iban"] = iban_make(cc, bban)
        return str(self.cache["iban"])

    def iban_parts(self, n_pieces: int = 1) -> list[Part]:
        iban = self.iban()
        groups = chunk(iban, [4] * 8)
        split = None
        if n_pieces > 1:
            cuts = sorted(self.rng.sample(range(1, len(groups)), n_pieces - 1))
            split = [b - a for a, b in zip([0, *cuts], [*cuts, len(groups)])]
        pairs = speak_code(self.rng, self.region, groups, p_words=0.45, split=split)
        return [ent("iban", p) for p in pairs]

    def account(self) -> Part:
        if "account" not in self.cache:
            n = {"US": self.rng.choice((8, 9, 10, 12)), "UK": 8, "AU": self.rng.choice((6, 8, 9))}.get(self.region, 8)
            self.cache["account"] = str(self.rng.randint(1, 9)) + "".join(self.rng.choice("0123456789") for _ in range(n - 1))
        acc = str(self.cache["account"])
        sizes = {6: (3, 3), 8: self.rng.choice(((4, 4), (2, 2, 2, 2), (3, 3, 2))), 9: (3, 3, 3),
                 10: self.rng.choice(((3, 3, 4), (5, 5))), 12: (4, 4, 4)}[len(acc)]
        return ent("account", speak_number(self.rng, self.region, chunk(acc, sizes), p_words=0.5, pairs_p=0.25)[0])

    def routing(self) -> Part:
        rng = self.rng
        if "routing" not in self.cache:
            self.cache["routing"] = (aba_make(rng) if self.region == "US"
                                     else "".join(rng.choice("0123456789") for _ in range(6)))
        code = str(self.cache["routing"])
        if self.region == "US":
            return ent("routing", speak_number(rng, self.region, chunk(code, rng.choice(((3, 3, 3), (9,), (4, 5)))),
                                               p_words=0.5, pairs_p=0.15)[0])
        if self.region == "UK":  # sort codes are often said in pairs: "forty, twelve, seventy-six"
            return ent("routing", speak_number(rng, self.region, chunk(code, (2, 2, 2)), p_words=0.55, pairs_p=0.6,
                                               printed_sep=rng.choice(["-", "-", " "]))[0])
        return ent("routing", speak_number(rng, self.region, chunk(code, (3, 3)), p_words=0.5, pairs_p=0.2,
                                           printed_sep=rng.choice(["-", " "]))[0])

    # -- dates of birth -----------------------------------------------------------------------
    def dob_date(self, key: str = "dob", child: bool = False) -> tuple[int, int, int]:
        if key not in self.cache:
            y = self.rng.randint(2006, 2021) if child else self.rng.randint(1941, 2004)
            self.cache[key] = (y, self.rng.randint(1, 12), self.rng.randint(1, 28))
        return self.cache[key]  # type: ignore[return-value]

    def dob(self, date: tuple[int, int, int], yearfirst: bool = False) -> Part:
        return ent("dob", dob_forms(self.rng, self.region, *date, yearfirst=yearfirst))

    # -- addresses ----------------------------------------------------------------------------
    def address(self) -> Address:
        if "address" not in self.cache:
            self.cache["address"] = make_address(self.rng, self.country, self.region)
        a = self.cache["address"]
        assert isinstance(a, Address)
        return a

    def street(self) -> Part:
        return ent("address", street_forms(self.rng, self.region, self.country, self.address()))

    def postcode(self) -> Part:
        a = self.address()
        rng = self.rng
        if all(g.isdigit() for g in a.code_groups):
            sep = "-" if "-" in a.postcode else " "
            pair = speak_number(rng, self.region, list(a.code_groups), p_words=0.35, pairs_p=0.15, printed_sep=sep)[0]
        else:
            pair = speak_code(rng, self.region, list(a.code_groups), p_words=0.4, nato_p=0.05)[0]
        return ent("address", pair)

    def city(self) -> Part:
        c = self.address().city
        return Part("ign", "place", c, ascii_fold(c) if self.rng.random() < 0.5 else c)

    # -- contact ------------------------------------------------------------------------------
    def email(self) -> Part:
        if "email" not in self.cache:
            self.cache["email"] = make_email(self.rng, self.cust, self.country, self.company)
        e = self.cache["email"]
        assert isinstance(e, Email)
        return ent("email", email_forms(self.rng, e))

    def phone(self) -> Phone:
        if "phone" not in self.cache:
            self.cache["phone"] = make_phone(self.rng, self.country)
        p = self.cache["phone"]
        assert isinstance(p, Phone)
        return p

    def phone_parts(self, n_pieces: int = 1) -> list[Part]:
        return [ent("phone", p) for p in phone_forms(self.rng, self.region, self.phone(), n_pieces)]

    def ident(self) -> IdValue:
        if "id" not in self.cache:
            self.cache["id"] = make_id(self.rng, self.country, self.scenario, self.cust)
        v = self.cache["id"]
        assert isinstance(v, IdValue)
        return v

    def id_part(self) -> Part:
        v = self.ident()
        return ent("id", speak_code(self.rng, self.region, list(v.groups), p_words=0.45, nato_p=0.25,
                                    printed_sep=self.rng.choice([" ", " ", "-"]))[0])


# ---------------------------------------------------------------------------------------------
# Renderings of single values
# ---------------------------------------------------------------------------------------------

def letter_unit(rng: random.Random, ch: str, nato_p: float) -> Unit:
    """A letter as said: "D", "D as in David", "Delta" or "D for Delta"."""
    r = rng.random()
    if ch in AS_IN and r < nato_p * 0.45:
        word = rng.choice(AS_IN[ch])
        said = f"{ch} as in {word}" if rng.random() < 0.7 else f"{ch} for {word}"
        return Unit(ch, said, (said, ch, ch.lower()))
    if r < nato_p:
        return Unit(ch, NATO[ch], (NATO[ch], ch, NATO[ch].lower()))
    return Unit(ch, ch, (ch, ch, ch.lower()))


def speak_code(rng: random.Random, region: str, groups: list[str], *, p_words: float = 0.45, nato_p: float = 0.2,
               split: Sequence[int] | None = None, printed_sep: str = " ") -> list[tuple[str, str]]:
    """A letters-and-digits code (IBAN, postcode, id) said once and written both ways, cut into
    pieces of ``split`` groups; each piece is checked to read back to its characters."""
    bounds = list(split) if split else [len(groups)]
    for _ in range(40):
        units: list[list[Unit]] = []
        for g in groups:
            us: list[Unit] = []
            for run in re.findall(r"\d+|[A-Z]+", g):
                if run.isdigit():
                    us.extend(spoken_units(rng, run, region, 0.15, allow_o=False))
                else:
                    us.extend(letter_unit(rng, ch, nato_p) for ch in run)
            units.append(us)
        words_mode = rng.random() < p_words
        mode = rng.choices(["printed", "units", "lower", "run"], weights=[40, 40, 12, 8])[0]
        gsep = rng.choice([", ", " "])
        out: list[tuple[str, str]] = []
        i = 0
        for n in bounds:
            gs, ugs = groups[i:i + n], units[i:i + n]
            i += n
            w = gsep.join(" ".join(u.words for u in ug) for ug in ugs) if words_mode else printed_sep.join(gs)
            if mode == "printed":
                a = " ".join(gs)
            elif mode == "lower":
                a = " ".join(gs).lower()
            elif mode == "run":
                a = "".join(gs)
            else:
                a = " ".join(" ".join(u.asr[0] if rng.random() < 0.6 else rng.choice(u.asr) for u in ug) for ug in ugs)
            if code_of(w) != "".join(gs) or code_of(a) != "".join(gs):
                break
            out.append((w, a))
        else:
            return out
    raise RuntimeError(f"cannot say {groups} so that it reads back; fix speak_code")


def expiry_forms(rng: random.Random, m: int, yy: int) -> tuple[str, str]:
    """An expiry date said one of many ways: "09/28", "oh nine twenty-eight", "September '28" ..."""
    mon, abbr = MONTHS[m - 1], MON_ABBR[m - 1]
    mm = f"{m:02d}"
    say_m = f"{zero_word(rng, 'US')} {ONES[m]}" if m < 10 else ONES[m]
    say_yy = words(yy)
    forms = [
        (f"{mm}/{yy}", rng.choice([f"{mm}/{yy}", f"{m}/{yy}", f"{mm}{yy}"])),
        (f"{m}/{yy}", rng.choice([f"{m}/{yy}", f"{m} {yy}"])),
        (f"{mm}/20{yy}", rng.choice([f"{mm}/20{yy}", f"{mm} 20{yy}"])),
        (f"{say_m} {say_yy}", rng.choice([f"{mm} {yy}", f"0{m} {yy}" if m < 10 else f"{m} {yy}", f"{m} {yy}"])),
        (f"{mon} {say_yy}", rng.choice([f"{mon} {yy}", f"{mon} 20{yy}"])),
        (f"{mon} 20{yy}", f"{mon} 20{yy}"),
        (f"{abbr} '{yy}", rng.choice([f"{abbr} {yy}", f"{mon} {yy}"])),
        (" ".join(ONES[int(c)] for c in str(m)) + " slash " + " ".join(ONES[int(c)] for c in f"{yy}"),
         rng.choice([f"{m}/{yy}", f"{m} slash {yy}"])),
        (f"{say_m} slash {say_yy}", rng.choice([f"{mm}/{yy}", f"{mm} slash {yy}"])),
        (f"month {ONES[m]}, year {say_yy}", rng.choice([f"month {m}, year {yy}", f"month {m} year {yy}"])),
        (f"{mm}-{yy}", f"{mm}-{yy}"),
        (f"{mon} of '{yy}", rng.choice([f"{mon} of {yy}", f"{mon} of '{yy}"])),
        (f"{' '.join(ONES[int(c)] if c != '0' else 'zero' for c in mm)}, {' '.join(ONES[int(c)] for c in f'{yy}')}",
         rng.choice([f"0 {m} {yy}" if m < 10 else f"{mm} {yy}", f"{mm} {yy}"])),
        (f"the {ordinal_word(m)} month, {say_yy}", rng.choice([f"the {suffix(m)} month, {yy}", f"the {suffix(m)} month {yy}"])),
        (f"{say_m}, {say_yy}", f"{mm}, {yy}"),
    ]
    return rng.choice(forms)


def dob_forms(rng: random.Random, region: str, y: int, m: int, d: int, yearfirst: bool = False) -> tuple[str, str]:
    """A date of birth said the ways people say it; month first in the US (and half of Canada)."""
    mon = MONTHS[m - 1]
    yy = y % 100
    yw = year_words(y, region, rng)
    yyw = two_digit_year_words(yy) if y < 2000 or yy >= 10 else yw
    yy_a = f"{yy:02d}" if y < 2000 else str(y)
    od, om = ordinal_word(d), ordinal_word(m)
    sd = suffix(d)
    if yearfirst:
        return rng.choice([
            (f"'{yy:02d}, {mon} {od}", rng.choice([f"{yy_a}, {mon} {sd}", f"'{yy:02d} {mon} {sd}"])),
            (f"{yyw}, the {od} of {mon}", f"{yy_a}, the {sd} of {mon}"),
            (f"{y}, {mon} {sd}", f"{y}, {mon} {sd}"),
        ])
    month_first = region == "US" or (region == "CA" and rng.random() < 0.5)
    dig = lambda s: " ".join(ONES[int(c)] if c != "0" else "oh" for c in s)
    if month_first:
        forms = [
            (f"{m}/{d}/{y}", rng.choice([f"{m}/{d}/{y}", f"{m} {d} {y}"])),
            (f"{m:02d}/{d:02d}/{y}", f"{m:02d}/{d:02d}/{y}"),
            (f"{m}/{d}/{yy:02d}", f"{m}/{d}/{yy:02d}"),
            (f"{mon} {sd}, {y}", rng.choice([f"{mon} {sd} {y}", f"{mon} {d}, {y}"])),
            (f"{mon} {od}, {yw}", f"{mon} {sd}, {y}"),
            (f"{mon} {od}, {yyw}", rng.choice([f"{mon} {sd} {yy_a}", f"{mon} {sd}, {yy_a}"])),
            (f"{two_digit_year_words(m) if m < 10 else words(m)}, {words(d)}, {yyw}",
             rng.choice([f"{m:02d} {d} {yy_a}", f"0{m} {d} {yy_a}" if m < 10 else f"{m} {d} {yy_a}"])),
            (f"{mon} the {od}, {yw}", f"{mon} the {sd}, {y}"),
            (f"{dig(f'{m:02d}')}, {dig(f'{d:02d}')}, {dig(str(y))}", rng.choice([f"{m:02d} {d:02d} {y}", f"{m:02d}{d:02d}{y}"])),
            (f"{words(m)} {words(d)} {yyw}", f"{m} {d} {yy_a}"),
            (f"{mon} {d}, '{yy:02d}", f"{mon} {d}, {yy_a}"),
            (f"{m}-{d}-{y}", f"{m}-{d}-{y}"),
        ]
    else:
        forms = [
            (f"{d:02d}/{m:02d}/{y}", rng.choice([f"{d:02d}/{m:02d}/{y}", f"{d} {m} {y}"])),
            (f"{d}/{m}/{yy:02d}", f"{d}/{m}/{yy:02d}"),
            (f"{sd} {mon} {y}", rng.choice([f"{sd} {mon} {y}", f"{sd} of {mon} {y}"])),
            (f"{d} {mon} {y}", f"{d} {mon} {y}"),
            (f"the {od} of {mon}, {yw}", rng.choice([f"the {sd} of {mon}, {y}", f"the {sd} of {mon} {y}"])),
            (f"{od} of {mon} {yyw}", f"{sd} of {mon} {yy_a}"),
            (f"{words(d)}, {two_digit_year_words(m) if m < 10 else words(m)}, {yyw}", f"{d} {m:02d} {yy_a}"),
            (f"the {od} of the {om}, {yyw}", rng.choice([f"the {sd} of the {suffix(m)}, {yy_a}", f"the {sd} of the {suffix(m)} {yy_a}"])),
            (f"{dig(f'{d:02d}')}, {dig(f'{m:02d}')}, {dig(str(y))}", rng.choice([f"{d:02d} {m:02d} {y}", f"{d:02d}{m:02d}{y}"])),
            (f"{words(d)} {mon} {yyw}", f"{d} {mon} {yy_a}"),
            (f"{mon} the {od}, {yw}", f"{mon} the {sd}, {y}"),
            (f"{d}-{m:02d}-{yy:02d}", f"{d}-{m:02d}-{yy:02d}"),
            (f"{sd} {mon} '{yy:02d}", f"{sd} {mon} {yy_a}"),
        ]
        if region == "EU":
            forms += [(f"{d:02d}.{m:02d}.{y}", f"{d:02d}.{m:02d}.{y}"), (f"{y}-{m:02d}-{d:02d}", f"{y}-{m:02d}-{d:02d}"),
                      (f"{d}. {mon} {y}", f"{d} {mon} {y}")]
    return rng.choice(forms)


def make_address(rng: random.Random, country: str, region: str) -> Address:
    """A street line (invented), its town (ignored) and a random postcode in the country's shape."""
    L = "ABCDEFGHJKLMNPRSTUVWXY"
    dig = lambda n: "".join(rng.choice("0123456789") for _ in range(n))
    if region in STREET_TYPES:
        base = rng.choice(STREET_WORDS + STREET_TWO)
        street = f"{base} {rng.choice(STREET_TYPES[region])}"
        num = rng.choice([rng.randint(1, 99), rng.randint(1, 99), rng.randint(100, 999), rng.randint(1000, 9999)]
                         if region in ("US", "CA") else [rng.randint(1, 60), rng.randint(1, 199)])
    else:
        street = rng.choice(EU_STREETS[country][0])
        num = rng.randint(1, 140)
    unit = ""
    if rng.random() < 0.45:
        unit = rng.choice([str(rng.randint(1, 40)), f"{rng.randint(1, 12)}{rng.choice('ABCD')}", str(rng.randint(101, 1204))])
    style = rng.choice({"US": ["apt", "apartment", "suite", "unit", "hash"], "CA": ["unit", "dash", "apartment", "suite"],
                        "UK": ["flat"], "IE": ["apartment", "flat"], "AU": ["unit", "slash"]}.get(region, ["eu"]))
    city = rng.choice(CITIES[country])
    if country == "US":
        code = f"{rng.randint(10000, 99999)}"
        groups: tuple[str, ...] = (code,) if rng.random() < 0.85 else (code, dig(4))
        postcode = "-".join(groups)
    elif country == "CA":
        a = rng.choice("ABCEGHJKLMNPRSTVXY") + dig(1) + rng.choice("ABCEGHJKLMNPRSTVWXYZ")
        b = dig(1) + rng.choice("ABCEGHJKLMNPRSTVWXYZ") + dig(1)
        groups, postcode = (a, b), f"{a} {b}"
    elif country == "UK":
        area = rng.choice([rng.choice(L) + rng.choice(L), rng.choice(L)])
        out = area + str(rng.randint(1, 29))
        inn = dig(1) + rng.choice("ABDEFGHJLNPQRSTUWXYZ") + rng.choice("ABDEFGHJLNPQRSTUWXYZ")
        groups, postcode = (out, inn), f"{out} {inn}"
    elif country == "IE":
        key = rng.choice("ACDEFHKNPRTVWXY") + dig(2)
        uniq = "".join(rng.choice("ACDEFHKNPRTVWXY0123456789") for _ in range(4))
        groups, postcode = (key, uniq), f"{key} {uniq}"
    elif country in ("AU", "BE", "AT"):
        code = str(rng.randint(1000, 7999 if country == "AU" else 9999))
        groups, postcode = (code,), code
    elif country == "NL":
        a, b = str(rng.randint(1000, 9999)), rng.choice(L) + rng.choice(L)
        groups, postcode = (a, b), f"{a} {b}"
    elif country == "PL":
        groups = (dig(2), dig(3))
        postcode = "-".join(groups)
    elif country == "PT":
        groups = (str(rng.randint(1000, 9999)), dig(3))
        postcode = "-".join(groups)
    else:  # DE FR ES IT: five digits
        code = f"{rng.randint(1000, 99999):05d}"
        groups, postcode = (code,), code
    return Address(num, street, unit, style, city, postcode, groups)


def _num_words_us(n: int) -> str:
    """A US house number as said: 2214 -> "twenty-two fourteen", 405 -> "four oh five"."""
    s = str(n)
    if len(s) == 4 and s[2] != "0":
        return f"{words(int(s[:2]))} {words(int(s[2:]))}"
    if len(s) == 3 and s[1] != "0":
        return f"{ONES[int(s[0])]} {words(int(s[1:]))}"
    return words(n, and_=False)


def street_forms(rng: random.Random, region: str, country: str, a: Address) -> tuple[str, str]:
    """The street line (with flat / apartment / suite) as typed and as tiny.en writes it."""
    n_w = str(a.num)
    if rng.random() < 0.22:
        n_w = _num_words_us(a.num) if region in ("US", "CA") else words(a.num)
    n_a = str(a.num)
    st_a = a.street
    if region == "EU":
        st_a = st_a.replace("straße", rng.choice(["strasse", " Strasse", "straße"]))
        st_a = ascii_fold(st_a) if rng.random() < 0.6 else st_a
        st_a = st_a.replace("  ", " ").strip()
    u = a.unit
    if not u:
        if region == "EU" and country in ("DE", "AT", "NL", "BE", "PL", "ES", "IT", "PT") and not a.street[0].islower():
            return f"{a.street} {n_w}", f"{st_a} {n_a}"
        return f"{n_w} {a.street}", f"{n_a} {st_a}"
    u_w = u if rng.random() < 0.7 or not u.isdigit() else words(int(u))
    lab = {"apt": "Apt", "apartment": "Apartment", "suite": "Suite", "unit": "Unit", "flat": "Flat"}.get(a.style, "")
    if a.style in ("apt", "apartment", "suite", "unit") and region in ("US", "CA"):
        return f"{n_w} {a.street}, {lab} {u_w}", rng.choice([f"{n_a} {st_a}, {lab} {u}", f"{n_a} {st_a} {lab.lower()} {u}"])
    if a.style == "hash":
        return f"{n_w} {a.street}, number {u_w}", f"{n_a} {st_a} number {u}"
    if a.style == "dash":
        return f"{u}-{a.num} {a.street}", rng.choice([f"{u}-{n_a} {st_a}", f"{u} {n_a} {st_a}"])
    if a.style == "slash":
        return f"{u}/{a.num} {a.street}", rng.choice([f"{u}/{n_a} {st_a}", f"{u} {n_a} {st_a}"])
    if a.style in ("flat", "apartment", "unit"):
        return f"{lab} {u_w}, {n_w} {a.street}", rng.choice([f"{lab} {u}, {n_a} {st_a}", f"{lab.lower()} {u} {n_a} {st_a}"])
    # EU with a flat
    if country == "AT":
        return f"{a.street} {a.num}/{u}", f"{st_a} {n_a}/{u}"
    if country in ("FR",) or a.street[0].islower():
        return f"{a.num} {a.street}, apartment {u}", f"{n_a} {st_a}, apartment {u}"
    if country in ("ES", "PT"):
        floor = rng.randint(1, 8)
        return f"{a.street} {a.num}, {suffix(floor)} floor", f"{st_a} {n_a}, {suffix(floor)} floor"
    if country == "IT":
        return f"{a.street} {a.num}, interno {u}", f"{st_a} {n_a}, interno {u}"
    return f"{a.street} {a.num}, flat {u}", f"{st_a} {n_a}, flat {u}"


def make_email(rng: random.Random, p: Person, country: str, company: str) -> Email:
    first = re.sub(r"[^a-z]", "", ascii_fold(p.first).lower())
    last = re.sub(r"[^a-z]", "", ascii_fold(p.last).lower())
    num = str(rng.choice([rng.randint(1, 99), rng.randint(60, 99), rng.randint(1970, 2004)]))
    shapes = [
        (("name", first), ("sep", "."), ("name", last)), (("name", first), ("name", last)),
        (("letter", first[0]), ("sep", "."), ("name", last)), (("letter", first[0]), ("name", last), ("num", num)),
        (("name", first), ("sep", "_"), ("name", last)), (("name", last), ("sep", "."), ("name", first)),
        (("name", first), ("letter", last[0]), ("num", num)), (("name", first), ("sep", "-"), ("name", last)),
        (("name", first), ("num", num)), (("name", last), ("sep", "_"), ("letter", first[0])),
    ]
    local = rng.choice(shapes)
    if rng.random() < 0.12:
        slug = re.sub(r"[^a-z]", "", company.lower())[:14]
        domain = (slug, rng.choice(["com", "co.uk" if country == "UK" else "ie" if country == "IE" else "com"]))
    else:
        domain = tuple(rng.choice(EMAIL_DOMAINS[country]).split(".", 1))
    return Email(local, domain)


SEP_SAID = {".": "dot", "_": "underscore", "-": "dash"}


def email_forms(rng: random.Random, e: Email) -> tuple[str, str]:
    """An e-mail address printed, said ("j underscore doe 88 at gmail dot com") or spelled, and
    how tiny.en writes it ("jane.doe@gmail.com", "jane dot doe at gmail.com", "Jane Doe at ...")."""
    printed_local = "".join(t for _, t in e.local)
    dom = ".".join(e.domain)
    printed = f"{printed_local}@{dom}"
    dom_said = " dot ".join(e.domain).replace(".", " dot ").replace("-", " dash ")
    spell = rng.random() < 0.2

    def said_local(for_asr: bool) -> str:
        out = []
        for kind, t in e.local:
            if kind == "sep":
                out.append(SEP_SAID[t] if not (t == "-" and rng.random() < 0.4) else "hyphen")
            elif kind == "num":
                out.append(t if for_asr or rng.random() < 0.4 else (words(int(t)) if int(t) < 100 else
                                                                     f"{words(int(t[:2]))} {words(int(t[2:]))}"))
            elif kind == "name" and spell:
                out.append("-".join(t.upper()) if not for_asr else "-".join(t))
            else:
                out.append(t)
        return " ".join(out)

    r = rng.random()
    written = printed if r < 0.3 else f"{said_local(False)} at {dom_said}"
    ra = rng.random()
    if ra < 0.4:
        asr = printed
    elif ra < 0.7:
        asr = f"{said_local(True)} at {dom}"
    elif ra < 0.85:
        asr = f"{printed_local} at {dom_said}"
    else:
        asr = " ".join(t.capitalize() if k == "name" else t for k, t in e.local if k != "sep") + f" at {dom}"
    return written, asr


#: 0491 mobiles the ACMA lists for creative works (as the writer recalls the list)
AU_FICTION_MOBILES = ("570006", "570156", "570157", "570158", "570159", "570110", "570313", "570737", "571266",
                      "571491", "571804", "572549", "572665", "572983", "573770", "573087", "574118", "574632",
                      "575254", "575789", "576398", "576801", "577426", "577644", "578957", "578148", "578888",
                      "579212", "579760", "579455")


def make_phone(rng: random.Random, country: str) -> Phone:
    """A number in a range kept for fiction where the country has one (US/CA 555-01xx, UK Ofcom
    drama ranges, AU ACMA drama ranges, FR ARCEP fiction range), elsewhere random."""
    dig = lambda n: "".join(rng.choice("0123456789") for _ in range(n))
    if country in ("US", "CA"):
        area = rng.choice(["212", "415", "312", "617", "503", "404", "713", "303", "206", "614"] if country == "US"
                          else ["416", "604", "514", "403", "613", "902", "780"])
        line = "01" + dig(2)
        return Phone("1", (area, "555", line), (area, "555", line))
    if country == "UK":
        kind = rng.random()
        if kind < 0.5:
            g = ("07700", "900", dig(3))
        elif kind < 0.75:
            g = ("020", "7946", "0" + dig(3))
        else:
            g = (rng.choice(["0113", "0114", "0115", "0116", "0117", "0118", "0121", "0131", "0141", "0151", "0161"]),
                 "496", "0" + dig(3))
        return Phone("44", g, (g[0][1:], *g[1:]))
    if country == "AU":
        if rng.random() < 0.6:
            n = rng.choice(AU_FICTION_MOBILES)
            g = ("0491", n[:3], n[3:])
        else:
            area = rng.choice(["02", "03"])
            g = (area, "5550" if area == "02" else "7010", dig(4))
        return Phone("61", g, (g[0][1:], *g[1:]))
    if country == "IE":
        g = (rng.choice(["085", "086", "087", "083", "089"]), dig(3), dig(4))
        return Phone("353", g, (g[0][1:], *g[1:]))
    if country == "FR":
        g = ("06", "39", "98", dig(2), dig(2))
        return Phone("33", g, ("6", *g[1:]))
    spec = {"DE": ("49", ("0151", dig(4), dig(4))), "NL": ("31", ("06", dig(4), dig(4))),
            "ES": ("34", ("6" + dig(2), dig(3), dig(3))), "IT": ("39", ("3" + dig(2), dig(3), dig(4))),
            "BE": ("32", ("04" + dig(2), dig(2), dig(2), dig(2))), "PL": ("48", ("5" + dig(2), dig(3), dig(3))),
            "PT": ("351", ("9" + dig(2), dig(3), dig(3))), "AT": ("43", ("0664", dig(3), dig(4)))}[country]
    cc, g = spec
    intl = g if country in ("ES", "IT", "PL", "PT") else (g[0][1:], *g[1:])
    return Phone(cc, g, intl)


def phone_forms(rng: random.Random, region: str, p: Phone, n_pieces: int) -> list[tuple[str, str]]:
    """A phone number (national or with its country code), whole or in two pieces."""
    intl = rng.random() < (0.5 if region == "EU" else 0.18)
    groups = list(p.intl if intl else p.national)
    words_mode = rng.random() < 0.5
    split = [1 if len(groups) <= 3 else 2, len(groups) - (1 if len(groups) <= 3 else 2)] if n_pieces > 1 else None
    printed = None
    if not words_mode and region in ("US", "CA") and not intl and rng.random() < 0.7:
        a, b, c = groups
        printed = rng.choice([f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}"])
    pairs = speak_number(rng, region, groups, p_words=1.0 if words_mode else 0.0, pairs_p=0.15, split=split,
                         printed=printed, printed_sep=rng.choice([" ", " ", "-"]) if region in ("US", "CA") else " ")
    if intl:
        cc_words = " ".join(ONES[int(c)] for c in p.cc)
        if words_mode:
            pw = rng.choice([f"plus {cc_words}, ", f"double oh {cc_words}, "])
        else:
            pw = rng.choice([f"+{p.cc} ", f"+{p.cc} "]) if p.cc != "1" else rng.choice(["+1 ", "1-"])
        pa = rng.choice([f"+{p.cc} ", f"plus {p.cc} ", f"00{p.cc} "]) if not pw.startswith("double") else f"00{p.cc} "
        w0, a0 = pairs[0]
        pairs[0] = (pw + w0, pa + a0)
    return pairs


def make_id(rng: random.Random, country: str, scenario: str, p: Person) -> IdValue:
    """A government id number of the country: checksums valid, SSNs and NI numbers in ranges
    never issued, NHS numbers in the 999 test range; passports and licences random in shape."""
    dig = lambda n: "".join(rng.choice("0123456789") for _ in range(n))
    L = "ABCDEFGHJKLMNPRSTUVWXYZ"
    let = lambda n: "".join(rng.choice(L) for _ in range(n))
    passport_first = scenario == "travel" and rng.random() < 0.75
    if country == "US":
        if passport_first:
            c = let(1) + dig(8)
            return IdValue("passport number", c, (c[:1], c[1:5], c[5:]))
        if rng.random() < 0.65:
            area = rng.choice(["666", str(rng.randint(900, 999))])
            c = area + f"{rng.randint(1, 99):02d}" + f"{rng.randint(1, 9999):04d}"
            return IdValue(rng.choice(["Social Security number", "social", "SSN"]), c, (c[:3], c[3:5], c[5:]))
        c = let(1) + dig(12)
        return IdValue("driver's license number", c, (c[:4], c[4:8], c[8:]))
    if country == "CA":
        if passport_first:
            c = let(2) + dig(6)
            return IdValue("passport number", c, (c[:2], c[2:]))
        if rng.random() < 0.6:
            c = luhn_complete("0" + dig(7))
            return IdValue(rng.choice(["SIN", "social insurance number"]), c, (c[:3], c[3:6], c[6:]))
        c = dig(10) + let(2)
        return IdValue("health card number", c, (c[:4], c[4:7], c[7:10], c[10:]))
    if country == "UK":
        r = rng.random()
        if passport_first or r < 0.15:
            c = dig(9)
            return IdValue("passport number", c, (c[:3], c[3:6], c[6:]))
        if r < 0.55:
            c = rng.choice("DFIQUV") + rng.choice("ABCEGHJKLMNPRSTWXYZ") + dig(6) + rng.choice("ABCD")
            return IdValue(rng.choice(["National Insurance number", "NI number"]), c, (c[:2], c[2:4], c[4:6], c[6:8], c[8:]))
        if r < 0.85:
            while True:
                c = "999" + dig(6)
                s = sum(int(ch) * w for ch, w in zip(c, range(10, 1, -1)))
                k = 11 - s % 11
                if k != 10:
                    c += str(0 if k == 11 else k)
                    return IdValue("NHS number", c, (c[:3], c[3:6], c[6:]))
        sur = re.sub(r"[^A-Z]", "", ascii_fold(p.last).upper())[:5].ljust(5, "9")
        c = sur + dig(6) + ascii_fold(p.first)[0].upper() + let(1) + dig(1) + let(2)
        return IdValue("driving licence number", c, (c[:5], c[5:11], c[11:]))
    if country == "IE":
        if passport_first or rng.random() < 0.25:
            c = let(2) + dig(7)
            return IdValue("passport number", c, (c[:2], c[2:]))
        while True:
            d7 = dig(7)
            second = rng.choice(["", "A", "W"])
            chk = pps_check(d7, second)
            if chk != "O":
                c = d7 + chk + second
                return IdValue(rng.choice(["PPS number", "PPSN"]), c, (d7, c[7:]))
    if country == "AU":
        r = rng.random()
        if passport_first or r < 0.2:
            c = let(2) + dig(7)
            return IdValue("passport number", c, (c[:2], c[2:]))
        if r < 0.6:
            while True:
                c = dig(9)
                if tfn_ok(c) and c[0] != "0":
                    return IdValue(rng.choice(["tax file number", "TFN"]), c, (c[:3], c[3:6], c[6:]))
        if r < 0.85:
            stem = str(rng.randint(2, 6)) + dig(7)
            chk = sum(int(ch) * w for ch, w in zip(stem, (1, 3, 7, 9, 1, 3, 7, 9))) % 10
            c = stem + str(chk) + str(rng.randint(1, 9))
            return IdValue("Medicare number", c, (c[:4], c[4:9], c[9:]))
        c = dig(8)
        return IdValue("driver licence number", c, (c[:4], c[4:]))
    if passport_first:
        c = {"DE": lambda: "C" + "".join(rng.choice("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(8)),
             "FR": lambda: dig(2) + let(2) + dig(5), "ES": lambda: let(3) + dig(6), "IT": lambda: let(2) + dig(7),
             "NL": lambda: let(2) + dig(7), "BE": lambda: let(2) + dig(6), "PL": lambda: let(2) + dig(7),
             "PT": lambda: let(1) + dig(6), "AT": lambda: let(1) + dig(7)}[country]()
        return IdValue("passport number", c, (c[:3], c[3:6], c[6:]))
    if country == "ES":
        if rng.random() < 0.6:
            n = dig(8)
            c = n + DNI_LETTERS[int(n) % 23]
            return IdValue("DNI", c, (c[:2], c[2:5], c[5:8], c[8:]))
        x = rng.choice("XYZ")
        n = dig(7)
        c = x + n + DNI_LETTERS[int(str("XYZ".index(x)) + n) % 23]
        return IdValue("NIE number", c, (c[:1], c[1:8], c[8:]))
    if country == "NL":
        while True:
            c = str(rng.randint(1, 9)) + dig(8)
            if bsn_ok(c):
                return IdValue(rng.choice(["BSN", "citizen service number"]), c, (c[:4], c[4:6], c[6:]))
    if country == "IT":
        if rng.random() < 0.7:
            while True:
                stem = (let(6) + dig(2) + rng.choice("ABCDEHLMPRST") + f"{rng.choice([rng.randint(1, 28), rng.randint(41, 68)]):02d}"
                        + let(1) + dig(3))
                chk = cf_check(stem)
                if chk != "O" and "O" not in stem:
                    c = stem + chk
                    return IdValue(rng.choice(["codice fiscale", "tax code"]), c, (c[:6], c[6:11], c[11:]))
        c = "C" + let(1) + dig(5) + let(2)
        return IdValue("ID card number", c, (c[:2], c[2:7], c[7:]))
    if country == "FR":
        stem = rng.choice("12") + dig(2) + f"{rng.randint(1, 12):02d}" + f"{rng.randint(1, 95):02d}" + dig(3) + dig(3)
        c = stem + f"{97 - int(stem) % 97:02d}"
        return IdValue(rng.choice(["social security number", "carte Vitale number"]), c,
                       (c[:1], c[1:3], c[3:5], c[5:7], c[7:10], c[10:13], c[13:]))
    if country == "BE":
        if rng.random() < 0.7:
            stem = f"{rng.randint(40, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}" + dig(3)
            c = stem + f"{97 - int(stem) % 97:02d}"
            return IdValue("national register number", c, (c[:2], c[2:4], c[4:6], c[6:9], c[9:]))
        c = dig(12)
        return IdValue("ID card number", c, (c[:3], c[3:10], c[10:]))
    if country == "PL":
        if rng.random() < 0.7:
            stem = f"{rng.randint(50, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}" + dig(4)
            s = sum(int(ch) * w for ch, w in zip(stem, (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)))
            c = stem + str((10 - s % 10) % 10)
            return IdValue("PESEL", c, (c[:6], c[6:]))
        c = let(3) + dig(6)
        return IdValue("ID card number", c, (c[:3], c[3:]))
    if country == "PT":
        if rng.random() < 0.7:
            stem = rng.choice("123") + dig(7)
            r = sum(int(ch) * w for ch, w in zip(stem, range(9, 1, -1))) % 11
            c = stem + str(0 if r < 2 else 11 - r)
            return IdValue(rng.choice(["NIF", "tax number"]), c, (c[:3], c[3:6], c[6:]))
        c = dig(8)
        return IdValue("citizen card number", c, (c[:4], c[4:]))
    if country == "DE":
        c = rng.choice("CFGHJKLMNPRTVWXYZ") + "".join(rng.choice("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(8))
        return IdValue(rng.choice(["ID card number", "Personalausweis number"]), c, (c[:3], c[3:6], c[6:]))
    c = dig(8)  # AT
    return IdValue("ID card number", c, (c[:4], c[4:]))


# ---------------------------------------------------------------------------------------------
# Hard negatives: must survive verbatim
# ---------------------------------------------------------------------------------------------

def money_words(whole: int, cents: int, region: str, rng: random.Random) -> str:
    """249.99 -> "two hundred and forty-nine ninety-nine" (or "two forty-nine ninety-nine")."""
    and_ = region != "US" or rng.random() < 0.3
    if 100 <= whole < 1000 and whole % 100 and rng.random() < 0.35:
        head = f"{ONES[whole // 100]} {words(whole % 100)}"
    elif 1100 <= whole < 10000 and whole % 100 == 0 and whole % 1000 and rng.random() < 0.6:
        head = f"{words(whole // 100)} hundred"
    else:
        head = words(whole, and_)
    return head + (f" {words(cents)}" if cents else "")


def k_price(C: Ctx) -> Part:
    rng, cur = C.rng, CURRENCY[C.region]
    whole = rng.choice([rng.randint(5, 99), rng.randint(100, 999), rng.randint(100, 999), rng.randint(1000, 9999),
                        rng.choice([1200, 1500, 2400, 3500])])
    cents = rng.choice([0, 0, 0, 99, 50, 95, 49, rng.randint(1, 98)])
    amt = f"{whole:,}" if whole >= 1000 and rng.random() < 0.6 else str(whole)
    printed = f"{cur}{amt}" + (f".{cents:02d}" if cents else "")
    r = rng.random()
    if r < 0.45:
        return keep("price", printed, printed.replace(",", "") if rng.random() < 0.4 else printed)
    if r < 0.72:
        w = money_words(whole, cents, C.region, rng)
        a = f"{whole}.{cents:02d}" if cents else f"{cur}{whole}"
        return keep("price", w, a if rng.random() < 0.8 else w.replace("-", " "))
    unit = CURRENCY_WORD[C.region]
    if C.country == "UK" and rng.random() < 0.3:
        unit = "quid"
    w = f"{words(whole)} {unit}" + (f" {words(cents)}" if cents else "")
    a = rng.choice([f"{whole} {unit}" + (f" {cents}" if cents else ""), printed])
    return keep("price", w, a)


def k_qty(C: Ctx) -> Part:
    rng = C.rng
    noun = rng.choice(QTY_NOUNS)
    r = rng.random()
    if r < 0.45:
        n = rng.randint(2, 20)
        return keep("quantity", f"{words(n)} {noun}", f"{n} {noun}" if rng.random() < 0.8 else f"{words(n)} {noun}")
    if r < 0.75:
        n = rng.randint(2, 99)
        return keep("quantity", f"{n} {noun}", f"{n} {noun}")
    n = rng.choice([rng.randint(100, 999), rng.randint(1000, 9999), 1500, 2500, 1800])
    printed = f"{n:,}" if rng.random() < 0.5 else str(n)
    return keep("quantity", f"{printed} {noun}", f"{n} {noun}")


def k_date(C: Ctx) -> Part:
    rng = C.rng
    d, m = rng.randint(1, 31), rng.randint(1, 12)
    wd, mon = rng.choice(WEEKDAYS), MONTHS[m - 1]
    mf = C.region in ("US", "CA")
    forms = [
        (f"{wd} the {suffix(d)}", f"{wd} the {suffix(d)}"),
        (f"{wd} the {ordinal_word(d)}", f"{wd} the {suffix(d)}"),
        (f"{mon} {suffix(d)}", f"{mon} {suffix(d)}"),
        (f"{mon} {ordinal_word(d)}", f"{mon} {suffix(d)}"),
        (f"the {suffix(d)} of {mon}", f"the {suffix(d)} of {mon}"),
        (f"the {ordinal_word(d)} of {mon}", f"the {suffix(d)} of {mon}"),
        (f"next {wd}", f"next {wd}"),
        (f"{wd} {d} {mon}", f"{wd} {d} {mon}"),
        (f"{m}/{d}" if mf else f"{d}/{m}", f"{m}/{d}" if mf else f"{d}/{m}"),
        (f"the {suffix(d)}", f"the {suffix(d)}"),
        (f"{wd} week" if C.region in COMMONWEALTH else f"this {wd}", f"{wd} week" if C.region in COMMONWEALTH else f"this {wd}"),
        (f"{mon} {min(d, 28)}, 2026", f"{mon} {min(d, 28)}, 2026"),
    ]
    return keep("date", *rng.choice(forms))


def k_time(C: Ctx) -> Part:
    rng = C.rng
    h, mi = rng.randint(1, 12), rng.choice([0, 0, 15, 30, 30, 45])
    ampm = rng.choice(["a.m.", "p.m.", "am", "pm"])
    forms = [
        (f"{h}:{mi:02d}", f"{h}:{mi:02d}"),
        (f"{h}:{mi:02d} {ampm}", f"{h}:{mi:02d} {ampm.replace('.', '')}"),
        (f"{h} {ampm}", rng.choice([f"{h} {ampm}", f"{h}{ampm.replace('.', '')}"])),
        (f"half past {words(h)}", f"half past {h}"),
        (f"quarter to {words(h)}", f"quarter to {h}"),
        (f"quarter past {words(h)}", f"quarter past {h}"),
        (f"{words(h)} o'clock", rng.choice([f"{h} o'clock", f"{h}:00"])),
        (f"{h + 12 if h < 10 else h}:{mi:02d}", f"{h + 12 if h < 10 else h}:{mi:02d}"),
        (f"{words(h)} {words(mi) if mi else 'thirty'}", f"{h}:{mi if mi else 30:02d}"),
        (f"half {words(h)}" if C.region in ("UK", "IE") else f"{h}:30", f"half {h}" if C.region in ("UK", "IE") else f"{h}:30"),
    ]
    return keep("time", *rng.choice(forms))


def k_year(C: Ctx) -> Part:
    y = C.rng.randint(1998, 2026)
    if C.rng.random() < 0.3:
        return keep("year", year_words(y, C.region, C.rng), str(y))
    return keep("year", str(y), str(y))


def k_order(C: Ctx) -> Part:
    rng = C.rng
    d = lambda n: "".join(rng.choice("0123456789") for _ in range(n))
    forms = [f"ORD-{d(5)}", f"A-{d(5)}", f"#{d(5)}", f"{d(4)}-{d(3)}", f"PO-{d(4)}", f"WEB{d(7)}", f"SO-{d(5)}",
             f"R{d(6)}", f"{rng.choice('BCKM')}{d(2)}-{d(4)}"]
    v = rng.choice(forms)
    a = v.replace("-", " ") if rng.random() < 0.3 else v
    return keep("order", v, a)


def k_ticket(C: Ctx) -> Part:
    rng = C.rng
    d = lambda n: "".join(rng.choice("0123456789") for _ in range(n))
    forms = [f"CS-{d(5)}", f"TKT-{d(5)}", f"INC{d(7)}", f"CLM-{d(4)}-{d(2)}", f"HX-{d(3)}-{d(2)}", f"M-{d(5)}",
             f"REF {rng.choice('ABCDEFGHJK')}{d(1)}{rng.choice('XYZ')}{d(2)}", f"CR{d(5)}", f"POL-{d(6)}",
             f"MBR {d(3)} {d(3)}"]
    v = rng.choice(forms)
    return keep("ticket", v, v.replace("-", " ") if rng.random() < 0.3 else v)


def k_product(C: Ctx) -> Part:
    p = C.rng.choice(PRODUCTS)
    return keep("product", p, p.lower() if C.rng.random() < 0.15 else p)


def k_pct(C: Ctx) -> Part:
    rng = C.rng
    n = rng.choice([5, 10, 12, 15, 20, 25, 3, 8])
    forms = [(f"{n}%", f"{n}%"), (f"{words(n)} percent", f"{n}%"), (f"{n} percent", f"{n}%"),
             ("2.9%", "2.9%"), ("0%", "0%"), (f"{words(n)} and a half percent", f"{n}.5%"), (f"{n}.5%", f"{n}.5%")]
    return keep("percent", *rng.choice(forms))


def k_measure(C: Ctx, kind: str = "measure") -> Part:
    rng = C.rng
    unit_w, unit_a = rng.choice(MEASURES[kind])
    r = rng.random()
    if r < 0.4:
        n = rng.randint(2, 60)
        return keep("measure", f"{words(n)} {unit_w}", f"{n} {unit_a}" if rng.random() < 0.7 else f"{n} {unit_w}")
    if r < 0.7:
        n = f"{rng.randint(1, 9)}.{rng.randint(1, 9)}"
        return keep("measure", f"{n} {unit_w}", f"{n} {unit_a}")
    n = rng.choice([rng.randint(100, 999), rng.randint(1000, 4999)])
    printed = f"{n:,}" if rng.random() < 0.5 else str(n)
    return keep("measure", f"{printed} {unit_w}", f"{n} {unit_a}")


KEEP_MAKERS: dict[str, Callable[[Ctx], Part]] = {
    "price": k_price, "qty": k_qty, "date": k_date, "time": k_time, "year": k_year, "order": k_order,
    "ticket": k_ticket, "product": k_product, "pct": k_pct} | {
    kind: (lambda C, kind=kind: k_measure(C, kind)) for kind in MEASURES}


# ---------------------------------------------------------------------------------------------
# The beats of a call: each returns its turns (consecutive turns of one speaker are joined later)
# ---------------------------------------------------------------------------------------------

def beat_name(C: Ctx) -> list[Turn]:
    rng = C.rng
    t = [C.say("rep", ASK["name"])]
    if rng.random() < 0.8:
        t.append(C.say("customer", CUST["person_full"], v=C.name(C.cust.full)))
    else:
        t.append(C.say("customer", CUST["person_surname"], v=C.name(C.cust.last)))
    alpha = re.fullmatch(r"[A-Za-z]{3,12}", C.cust.last)
    if alpha and rng.random() < 0.45:
        t.append(C.say("rep", ASK["surname"]))
        t.append(C.say("customer", CUST["person_spell"], v=C.name(C.cust.last), s=C.spelled(C.cust.last)))
        if rng.random() < 0.35:
            t.append(C.say("rep", REP["person_spell"], s=C.spelled(C.cust.last)))
            t.append(C.say("customer", CONFIRM))
    if rng.random() < 0.7:
        who = C.cust.first if rng.random() < 0.5 else C.cust.last
        tmpl = C.pick(REP["person"])
        if "{t}" in tmpl:
            who = C.cust.last
        t.append(C.turn("rep", tmpl, v=C.name(who), t=C.title(C.cust)))
    return t


def beat_third(C: Ctx) -> list[Turn]:
    rng = C.rng
    rel, female = rng.choice(RELATIONS)
    other = C.person(female)
    name = other.full if rng.random() < 0.6 else other.first
    t = [C.say("customer", CUST["person_third"], v=C.name(name), rel=rel)]
    if rng.random() < 0.55:
        t.append(C.say("rep", REP["person_third"], v=C.name(other.first if rng.random() < 0.5 else name), rel=rel))
    if rng.random() < 0.55:
        child = rel in ("son", "daughter") or C.scenario == "education"
        date = C.dob_date("dob3", child=child)
        the_rel = f"your {rel}"
        t.append(C.say("rep", ASK["dob_third"], rel=the_rel))
        t.append(C.say("customer", CUST["dob_third"], v=C.dob(date), rel=f"my {rel}" if rng.random() < 0.5 else "he"
                       if female is False else "she" if female else "they"))
        if rng.random() < 0.4:
            t.append(C.turn("rep", "Okay, {v} for {rel}.", v=C.dob(date), rel=the_rel))
    return t


def beat_dob(C: Ctx) -> list[Turn]:
    rng = C.rng
    date = C.dob_date()
    memo: dict[str, Part] = {}
    t = [C.say("rep", ASK["dob"])]
    r = rng.random()
    if r < 0.12:
        y, m, d = date
        wrong = (y, m, d + 10 if d <= 18 else d - 10)
        t.append(C.say("customer", CUST["dob_fix"], v=C.dob(wrong), v2=C.dob(date)))
    elif r < 0.22:
        t.append(C.say("customer", CUST["dob_yearfirst"], v=C.dob(date, yearfirst=True)))
    elif r < 0.32:  # a date that is not a date of birth right beside one
        t.append(C.turn("customer", rng.choice(["{v}, and I've been with you since {year}.", "It's {v}. I opened the account in {year}.",
                                               "{v}. Oh, and my appointment's {date}, if that helps.",
                                               "{v}, but the card was issued {date}."]), memo, v=C.dob(date)))
    else:
        t.append(C.say("customer", CUST["dob"], v=C.dob(date)))
    r = rng.random()
    if r < 0.12:  # the rep mishears, the customer corrects
        y, m, d = date
        wrong = (y, m, d + 10 if d <= 18 else d - 10)
        t.append(C.turn("rep", rng.choice(["Sorry, {v} or {v2}?", "Was that {v}?", "{v}, yes?"]), v=C.dob(wrong),
                        v2=C.dob(date)))
        t.append(C.turn("customer", rng.choice(["No, {v}.", "The other one, {v}.", "Sorry, {v}."]), v=C.dob(date)))
    elif r < 0.5:
        tmpl = C.pick([x for x in REP["dob"] if "{v2}" not in x and "{rel}" not in x])
        t.append(C.turn("rep", tmpl, memo, v=C.dob(date)))
        if rng.random() < 0.3:
            t.append(C.turn("rep", rng.choice(["And I see the appointment is {date} at {time}.", "Your last visit was {date}.",
                                               "The policy started in {year}, is that right?"]), memo))
            t.append(C.say("customer", CONFIRM))
    return t


def beat_card(C: Ctx) -> list[Turn]:
    rng = C.rng
    card = C.card()
    memo: dict[str, Part] = {}
    t = [C.turn("rep", C.pick(ASK["card"]), b=card.brand)]
    expiry_given = False
    if rng.random() < 0.25:
        parts = C.card_parts(rng.choice([2, 2, 3, 4]) if card.brand != "Amex" else rng.choice([2, 3]))
        for i, p in enumerate(parts):
            pool = CUST["card_first"] if i == 0 else CUST["card_last"] if i == len(parts) - 1 else CUST["card_mid"]
            tmpl = C.pick(pool)
            if i < len(parts) - 1:
                tmpl += rng.choice(["...", ",", "", " -"]) if not tmpl.endswith(".") else ""
            t.append(C.turn("customer", tmpl, v=p))
            if i < len(parts) - 1:
                t.append(C.say("rep", REP["card_ack"]))
    elif rng.random() < 0.15:
        t.append(C.say("customer", CUST["card_expiry"], v=C.card_parts()[0], e=C.expiry()))
        expiry_given = True
    else:
        t.append(C.turn("customer", C.pick(CUST["card"]), v=C.card_parts()[0], b=card.brand))
    if rng.random() < 0.2:
        t.append(C.turn("rep", C.pick(REP["card"]), v=C.card_parts()[0], b=card.brand))
        t.append(C.say("customer", CONFIRM))
    amex = card.brand == "Amex"
    order = rng.random()
    if order < 0.35 and not expiry_given:
        t.append(C.turn("rep", rng.choice(["And the expiry and the {w}?", "Then expiry date and security code, please.",
                                           "Expiry and the code, please.", "Now the expiry, and the {w}."]),
                        w="four digits on the front" if amex else "three on the back"))
        t.append(C.say("customer", CUST["cvv_expiry"], e=C.expiry(), c=C.cvv()))
    else:
        steps = ["cvv"] if expiry_given else ["expiry", "cvv"] if order < 0.7 else ["cvv", "expiry"]
        for step in steps:
            if step == "expiry":
                t.append(C.say("rep", ASK["expiry"]))
                t.append(C.say("customer", CUST["expiry"], v=C.expiry(), v2=C.expiry()))
                if rng.random() < 0.3:
                    t.append(C.say("rep", REP["expiry"], v=C.expiry()))
            else:
                t.append(C.say("rep", ASK["cvv_amex" if amex else "cvv"]))
                t.append(C.say("customer", CUST["cvv"], v=C.cvv(), v2=C.cvv()))
                if rng.random() < 0.25:
                    t.append(C.say("rep", REP["cvv"], v=C.cvv()))
    if rng.random() < 0.85:
        t.append(C.turn("rep", C.pick(LAST4), memo, last4=C.last4(), b=card.brand))
        if rng.random() < 0.4:
            t.append(C.say("customer", CONFIRM + ["Great, thanks.", "Brilliant.", "Okay, thank you."]))
    return t


def beat_bank(C: Ctx) -> list[Turn]:
    rng = C.rng
    if C.region in ("IE", "EU"):
        return beat_iban(C)
    memo: dict[str, Part] = {}
    key = {"US": "routing_us", "UK": "routing_uk", "AU": "routing_au"}[C.region]
    t = [C.say("rep", ASK[key]), C.say("customer", CUST["routing"], v=C.routing())]
    if rng.random() < 0.3:
        t.append(C.say("rep", REP["routing"], v=C.routing()))
    t.append(C.say("rep", ASK["account"]))
    t.append(C.say("customer", CUST["account"], v=C.account()))
    r = rng.random()
    if r < 0.2:
        t.append(C.turn("rep", rng.choice(BANK_BOTH), v=C.routing(), v2=C.account(),
                        w={"US": "routing", "UK": "sort code", "AU": "BSB"}[C.region]))
        t.append(C.say("customer", CONFIRM))
    elif r < 0.6:
        t.append(C.say("rep", REP["account"], v=C.account()))
        t.append(C.say("customer", CONFIRM))
    if rng.random() < 0.6:
        t.append(C.turn("rep", rng.choice([
            "The first collection will be {date}, for {price}.", "Direct debit set up, it'll come out on {date} each month.",
            "That's set up. The first payment of {price} goes out {date}.", "Okay, the refund of {price} should land by {date}.",
            "All done. You'll see {price} leave on {date}."]), memo))
    return t


BANK_BOTH = ["So that's {w} {v}, account {v2}?", "Reading both back: {v}, then {v2}.",
             "I have {w} {v} and account number {v2}, correct?", "Okay, {v} and {v2}. Let me validate that... yes, fine."]


def beat_iban(C: Ctx) -> list[Turn]:
    rng = C.rng
    memo: dict[str, Part] = {}
    t = [C.say("rep", ASK["iban"])]
    if rng.random() < 0.3:
        parts = C.iban_parts(rng.choice([2, 2, 3]))
        for i, p in enumerate(parts):
            pool = CUST["iban_first"] if i == 0 else CUST["iban_last"] if i == len(parts) - 1 else CUST["card_mid"]
            tmpl = C.pick(pool)
            if i < len(parts) - 1:
                tmpl += rng.choice(["...", ",", ""])
            t.append(C.turn("customer", tmpl, v=p))
            if i < len(parts) - 1:
                t.append(C.say("rep", REP["card_ack"]))
    else:
        t.append(C.say("customer", CUST["iban"], v=C.iban_parts()[0]))
    if rng.random() < 0.4:
        t.append(C.say("rep", REP["iban"], v=C.iban_parts()[0]))
        t.append(C.say("customer", CONFIRM))
    if rng.random() < 0.55:
        t.append(C.turn("rep", rng.choice([
            "The mandate starts {date}, {price} a month.", "You'll get the refund of {price} within {qty}.",
            "First collection is {date}.", "The transfer of {price} goes out {date}."]), memo))
    return t


def beat_address(C: Ctx) -> list[Turn]:
    rng = C.rng
    t = [C.say("rep", ASK["address"])]
    tmpl = C.pick(CUST["address"])
    if rng.random() < 0.08:  # a correction of the street line
        a = C.address()
        wrong = Address(a.num + rng.choice([2, -1, 10]) if a.num > 10 else a.num + 2, a.street, a.unit, a.style,
                        a.city, a.postcode, a.code_groups)
        wrong_part = ent("address", street_forms(rng, C.region, C.country, wrong))
        t.append(C.turn("customer", rng.choice(["{v}, sorry, no, {v2}.", "It's {v}... no, {v2}, we just moved."]),
                        v=wrong_part, v2=C.street()))
        tmpl = "{v}"
    else:
        t.append(C.turn("customer", tmpl, v=C.street(), g=C.city(), v2=C.postcode()))
    if "{v2}" not in tmpl:
        t.append(C.say("rep", ASK["postcode"]))
        t.append(C.say("customer", CUST["postcode"], v=C.postcode()))
    if rng.random() < 0.45:
        t.append(C.say("rep", REP["address"], v=C.street(), g=C.city(), v2=C.postcode()))
        if rng.random() < 0.5:
            t.append(C.say("customer", CONFIRM))
    return t


def beat_email(C: Ctx) -> list[Turn]:
    rng = C.rng
    t = [C.say("rep", ASK["email"]), C.say("customer", CUST["email"], v=C.email())]
    if rng.random() < 0.45:
        t.append(C.say("rep", REP["email"], v=C.email()))
        if rng.random() < 0.6:
            t.append(C.say("customer", CONFIRM))
    return t


def beat_phone(C: Ctx) -> list[Turn]:
    rng = C.rng
    t = [C.say("rep", ASK["phone"])]
    r = rng.random()
    if r < 0.25:
        p1, p2 = C.phone_parts(2)
        t.append(C.turn("customer", C.pick(CUST["phone_first"]) + rng.choice(["...", ",", ""]), v=p1))
        t.append(C.say("rep", REP["card_ack"]))
        t.append(C.say("customer", CUST["phone_last"], v=p2))
    else:
        t.append(C.say("customer", CUST["phone"], v=C.phone_parts()[0]))
    if rng.random() < 0.45:
        t.append(C.say("rep", REP["phone"], v=C.phone_parts()[0]))
        if rng.random() < 0.4:
            t.append(C.say("customer", CONFIRM))
    if rng.random() < 0.15:
        t.append(C.turn("rep", "And if you need me, my direct line is extension {ext}."))
    return t


def beat_id(C: Ctx) -> list[Turn]:
    rng = C.rng
    v = C.ident()
    t = [C.say("rep", ASK["id"], idname=v.name), C.say("customer", CUST["id"], v=C.id_part(), idname=v.name)]
    if rng.random() < 0.4:
        t.append(C.say("rep", REP["id"], v=C.id_part(), idname=v.name))
        t.append(C.say("customer", CONFIRM))
    return t


def beat_keep(theme: str) -> Callable[[Ctx], list[Turn]]:
    def beat(C: Ctx) -> list[Turn]:
        memo: dict[str, Part] = {}
        return [C.turn(spk, tmpl, memo) for spk, tmpl in C.rng.choice(KEEP_BEATS[theme])]
    return beat


BEATS: dict[str, Callable[[Ctx], list[Turn]]] = {
    "name": beat_name, "third": beat_third, "dob": beat_dob, "card": beat_card, "bank": beat_bank,
    "address": beat_address, "email": beat_email, "phone": beat_phone, "id": beat_id,
} | {theme: beat_keep(theme) for theme in KEEP_BEATS}


# ---------------------------------------------------------------------------------------------
# Rendering the two forms
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class AsrStyle:
    """How tiny.en treats one call: drops "?" (call-wide), commas and capitals (per turn),
    mishears ordinary words, writes small numbers in digits."""
    drop_q: bool
    comma_p: float
    lower_p: float
    mishear_p: float
    numword_p: float


def asr_style(rng: random.Random) -> AsrStyle:
    return AsrStyle(drop_q=rng.random() < 0.6, comma_p=rng.choice([0.0, 0.7]),
                    lower_p=rng.choice([0.0, 0.0, 0.3]), mishear_p=rng.choice([0.15, 0.35, 0.6]),
                    numword_p=rng.choice([0.3, 0.7]))


def asr_fixed(text: str, rng: random.Random, style: AsrStyle, commas: bool, numwords: bool) -> str:
    """Ordinary (unlabelled) text as tiny.en writes it."""
    t = text.replace("...", " ").replace(" -", ",")
    t = FILLER.sub("", t)
    if style.drop_q:
        t = t.replace("?", "")
    if commas:
        t = t.replace(",", "")

    def mishear(m: re.Match[str]) -> str:
        w = m.group(0)
        low = w.lower()
        if low in MISHEAR and rng.random() < style.mishear_p:
            out = MISHEAR[low]
            return out[:1].upper() + out[1:] if w[0].isupper() else out
        if numwords and low in NUM_WORD:
            return NUM_WORD[low]
        return w

    return re.sub(r"[A-Za-z]+", mishear, t)


def join_turns(turns: Sequence[Turn]) -> list[Turn]:
    """Consecutive turns of one speaker become one turn, as a transcript shows them."""
    out: list[Turn] = []
    for t in turns:
        if out and out[-1].speaker == t.speaker:
            out[-1] = Turn(t.speaker, [*out[-1].pieces, " ", *t.pieces])
        else:
            out.append(Turn(t.speaker, list(t.pieces)))
    return out


def render(turn: Turn, form: str, rng: random.Random, style: AsrStyle) -> dict:
    """One turn in one form, with each label's offset recorded as the text is built."""
    asr = form == "asr"
    lower = asr and rng.random() < style.lower_p
    commas = asr and rng.random() < style.comma_p
    numwords = asr and rng.random() < style.numword_p
    text = ""
    ents: list[dict] = []
    keeps: list[dict] = []
    ignore: list[dict] = []
    for p in turn.pieces:
        if isinstance(p, str):
            s = asr_fixed(p, rng, style, commas, numwords) if asr else p
            s = s.lower() if lower else s
            s = re.sub(r"\s+", " ", s)
            s = re.sub(r" ([,.?!;:])", r"\1", s)
            if not text:
                s = s.lstrip(" ,.;:")
                if asr and not lower:
                    s = s[:1].upper() + s[1:]
            elif text.endswith(" ") and s.startswith(" "):
                s = s[1:]
            if text.endswith(" ") and s[:1] in (",", ".", "?", "!", ";", ":"):
                text = text[:-1]
            s = re.sub(r"([,.])[,.]+", r"\1", s) if not s.startswith("...") else s
            text += s
            continue
        v = p.asr if asr else p.written
        v = v.lower() if lower else v
        if not text and not asr and p.kind != "email":
            v = v[:1].upper() + v[1:]
        if text and not text.endswith((" ", "/", "(")):
            text += " "
        start = len(text)
        text += v
        if p.role == "ent":
            e = {"type": p.kind, "value": v, "start": start}
            if p.rep_name:
                e["rep_name"] = True
            ents.append(e)
        elif p.role == "keep":
            keeps.append({"kind": p.kind, "value": v})
        else:
            ignore.append({"value": v, "start": start})
    out = {"speaker": turn.speaker, "text": text.rstrip(), "entities": ents, "keep": keeps}
    if ignore:
        out["ignore"] = ignore
    return out


def check_turn(t: dict) -> None:
    """The labelling rules of the README, checked on one rendered turn (raises Reject)."""
    text = t["text"]
    if not text or text != text.strip() or "  " in text:
        raise Reject(f"bad spacing: {text!r}")
    spans = []
    for e in t["entities"]:
        v = e["value"]
        if not v or v != v.strip() or text[e["start"]:e["start"] + len(v)] != v:
            raise Reject(f"bad entity {e} in {text!r}")
        spans.append((e["start"], e["start"] + len(v)))
    spans.sort()
    if any(a[1] > b[0] for a, b in itertools.pairwise(spans)):
        raise Reject("overlapping values")
    for k in t["keep"]:
        v = k["value"]
        if not v or v != v.strip() or any(v in e["value"] for e in t["entities"]):
            raise Reject(f"keep {v!r} inside a value")
        outside = [m.start() for m in re.finditer(re.escape(v), text)
                   if not any(s < m.start() + len(v) and m.start() < e for s, e in spans)]
        if not outside:
            raise Reject(f"keep {v!r} only inside values")
    for g in t.get("ignore", ()):
        s0 = g["start"]
        if text[s0:s0 + len(g["value"])] != g["value"] or any(s < s0 + len(g["value"]) and s0 < e for s, e in spans):
            raise Reject("bad ignore")


# ---------------------------------------------------------------------------------------------
# Calls
# ---------------------------------------------------------------------------------------------

OUTBOUND_INTRO = ["Hi, my name is {r}, I'm calling from {co}. Am I speaking with {n}?",
                  "Hello, this is {r} from {co}. Could I speak to {n}, please?",
                  "Good afternoon, it's {r} calling from {co}, is that {n}?", "Hi, {r} here from {co}, is this {n}?"]
OUTBOUND_WHY = ["It's about the outstanding balance of {price} on your account.",
                "I'm calling about an overdue payment of {price} from {date}.",
                "We've sent a few letters about the {price} balance, reference {ticket}."]
MAX_TURNS, MIN_TURNS = 14, 6
#: which beats go first when a call is too long: small talk first, cards and bank details last
PRIORITY = {theme: 0 for theme in KEEP_BEATS} | {"name": 1, "third": 1, "email": 2, "dob": 2, "address": 2, "id": 2.5,
                                                 "phone": 2.5, "bank": 3, "card": 3}
REP_NAME_TAGS = ["Thanks, {n}.", "Okay, {n}.", "Lovely, {n}.", "Right, {n}.", "Perfect, {n}.", "Great, {n}, thanks.",
                 "Alright {n}.", "COM|Cheers, {n}.", "Thank you, {t} {n}.", "Okay {t} {n}, nearly there.",
                 "Bear with me, {n}.", "Sorry about the wait, {n}.", "IE|Grand, {n}.", "NA|Awesome, {n}."]
REP_ASIDES = [
    "Okay, I've got the {price} invoice from {date} open.", "Right, that's {qty} at {price} each.",
    "Just so you know, there's {pct} off this month.", "I've noted it on case {ticket}.", "I have order {order} in front of me.",
    "That's for the {product}, yes?", "It'll be ready by {time} on {date}.", "You've been on the {product} since {year}.",
    "So {price} a month from {date}.", "The parcel's {weight}, so it goes on the van.", "That's {pct} less than last year.",
    "Your next bill is due {date}.", "We're open till {time} if you need us.", "The fee is {price}, non-refundable.",
    "I see a payment of {price} on {date}.", "The engineer's booked for {date}, between {time} and {time2}.",
    "Your reference stays {ticket}.", "There's {qty} left in stock.", "That's the {size} one.",
    "Delivery on {date}, {price} extra.", "Okay, order {order}, dispatched {date}.", "The rate is fixed at {pct} until {year}.",
    "Great, and that's {qty} in total.", "So the balance after today will be {price}.", "The data cap on that is {data}.",
    "Okay, {date} at {time} still stands.", "Policy {ticket} renews on {date}.", "That's the {product}, {price}.",
    "You'll get {pct} back as credit.", "I'm seeing the {year} model here.", "Okay, noted for {date}.",
    "So that's {qty}, and the total is {price}.", "UKI|Grand, so {price} all in.", "AU|Too easy, {price} then.",
]
CUST_ASIDES = [
    "Oh, and it's for {qty}.", "By the way, I'm away from {date}.", "I paid {price} last time.",
    "It's the {product}, if that helps.", "My order number's {order}, if you need it.", "The reference on the letter is {ticket}.",
    "We've been here since {year}.", "I can only do after {time}.", "It was about {price}, I think.",
    "The box is roughly {size} wide.", "I thought it was {pct} off?", "I need it before {date}.",
    "We'll need {qty} in the end.", "It arrived on {date}, broken.", "I was quoted {price} on the phone.",
]


def _opener(C: Ctx, plan: list[str]) -> list[Turn]:
    rng = C.rng
    sc = SCENARIOS[C.scenario]
    memo: dict[str, Part] = {}
    if sc.outbound and rng.random() < 0.5:
        if "name" in plan:
            plan.remove("name")
        C.cache["name_said"] = True
        return [C.turn("rep", C.pick(OUTBOUND_INTRO), r=C.rep_name(), n=C.name(C.cust.full)),
                C.say("customer", OUTBOUND_REPLY), C.turn("rep", C.pick(OUTBOUND_WHY), memo)]
    t = [C.say("rep", REP["intro"], r=C.rep_name())]
    purpose = C.pick(sc.purposes)
    if "name" in plan and rng.random() < 0.3:
        plan.remove("name")
        C.cache["name_said"] = True
        lead = rng.choice(["Hi, it's {n} here. ", "Hello, this is {n}. ", "Hi, my name's {n}. ", "Yeah, hi, {n} here. "])
        purpose = re.sub(r"^(Hi|Hello|Yeah, hi), ", "", purpose)
        t.append(C.turn("customer", lead + purpose[:1].upper() + purpose[1:], memo, n=C.name(C.cust.full)))
    else:
        t.append(C.turn("customer", purpose, memo))
    return t


def _close(C: Ctx) -> list[Turn]:
    t = [C.say("rep", REP_CLOSE, n=C.name(C.cust.first)), C.say("customer", CUST_CLOSE, r=C.rep_first())]
    if C.rng.random() < 0.5:
        t.append(C.say("rep", REP_BYE, n=C.name(C.cust.first)))
    return t


def _draw_call(cid: str, rng: random.Random) -> dict:
    C = Ctx(cid, rng)
    sc = SCENARIOS[C.scenario]
    plan = [b for b, p in sc.beats if rng.random() < p]
    if C.region in ("US", "UK", "AU") and "card" in plan and "bank" not in plan and rng.random() < 0.2:
        plan[plan.index("card")] = "bank"  # paying by direct debit / ACH instead
    if C.region == "CA":  # Canadian transit / institution numbers are not in the brief: pay by card
        plan = [b for b in plan if b != "bank"] + (["card"] if "bank" in plan and "card" not in plan else [])
    segs: list[tuple[str, list[Turn]]] = [("opener", _opener(C, plan))]
    segs += [(b, BEATS[b](C)) for b in plan]
    segs.append(("close", _close(C)))

    def n_turns() -> int:
        return len(join_turns([t for _, ts in segs for t in ts]))

    while n_turns() > MAX_TURNS:
        droppable = [(PRIORITY[b], i) for i, (b, _) in enumerate(segs) if b not in ("opener", "close")]
        if not droppable:
            raise Reject("too long")
        low = min(p for p, _ in droppable)
        del segs[rng.choice([i for p, i in droppable if p == low])]
    name_known = bool(C.cache.get("name_said"))
    for b, ts in segs[1:-1]:  # hard negatives and names said in passing: they join a turn, adding none
        if ts[0].speaker == "rep" and rng.random() < 0.5:
            ts.insert(0, C.say("rep", REP_ASIDES))
        if b == "name":
            name_known = True
            continue
        if name_known and ts[0].speaker == "rep" and rng.random() < 0.5:
            tmpl = C.pick(REP_NAME_TAGS)
            who = C.cust.last if "{t}" in tmpl else C.cust.first
            ts.insert(0, C.turn("rep", tmpl, n=C.name(who), t=C.title(C.cust)))
        name_known = name_known or (b in ("dob", "id", "address", "phone", "email", "card") and rng.random() < 0.7)
        first_c = next((k for k, x in enumerate(ts) if x.speaker == "customer"), None)
        if first_c is not None and rng.random() < 0.22:
            ts.insert(first_c + 1, C.say("customer", CUST_ASIDES))
    while n_turns() < MIN_TURNS:
        theme = rng.choice(["chat", "schedule", "pricing", "order", "product"])
        segs.insert(len(segs) - 1, (theme, BEATS[theme](C)))
    turns = join_turns([t for _, ts in segs for t in ts])
    style = asr_style(rng)
    written = [render(t, "written", rng, style) for t in turns]
    asr = [render(t, "asr", rng, style) for t in turns]
    for w, a in zip(written, asr):
        check_turn(w)
        check_turn(a)
    if not (MIN_TURNS <= len(written) <= MAX_TURNS) or not any(e.get("rep_name") for e in written[0]["entities"]):
        raise Reject("shape")
    return {"id": cid, "country": C.country, "industry": C.industry, "scenario": C.scenario, "company": C.company,
            "written": written, "asr": asr}


def build_call(cid: str) -> dict:
    """Call ``cid``, drawn from ``random.Random(cid)``; redrawn from ``"<cid>/<n>"`` when a draw
    breaks a labelling rule (a hard negative inside a value, more than 14 turns ...)."""
    for attempt in range(100):
        rng = random.Random(cid if attempt == 0 else f"{cid}/{attempt}")
        try:
            return _draw_call(cid, rng)
        except Reject:
            continue
    raise RuntimeError(f"{cid}: no draw in 100 passed the labelling rules; the templates need fixing")


def build_all() -> list[dict]:
    return [build_call(f"{ID_PREFIX}-{i:04d}") for i in range(1, N_CALLS + 1)]


# ---------------------------------------------------------------------------------------------
# Counts
# ---------------------------------------------------------------------------------------------

def carrier_counts() -> dict[str, tuple[int, int]]:
    """Distinct carrier phrasings (templates holding a value) per entity type: (customer, rep)."""
    cust = {"card": ["card", "card_first", "card_mid", "card_last", "card_expiry"], "cvv": ["cvv", "cvv_expiry"],
            "expiry": ["expiry", "cvv_expiry", "card_expiry"], "iban": ["iban", "iban_first", "iban_last"], "account": ["account"],
            "routing": ["routing"], "dob": ["dob", "dob_yearfirst", "dob_fix", "dob_third"],
            "address": ["address", "postcode"], "person": ["person_full", "person_surname", "person_spell", "person_third"],
            "email": ["email"], "phone": ["phone", "phone_first", "phone_last"], "id": ["id"]}
    rep = {"person": ["intro", "person", "person_third", "person_spell"]}
    out = {}
    for t in TYPES:
        c = {x for k in cust[t] for x in CUST[k]}
        r = {x for k in rep.get(t, [t]) for x in REP[k]}
        out[t] = (len(c), len(r))
    return out


def counts(calls: Sequence[dict]) -> tuple[Counter, Counter]:
    """Labelled values per type (rep names apart as ``person (rep name)``) and keeps per kind, written form."""
    ent, kp = Counter(), Counter()
    for rec in calls:
        for turn in rec["written"]:
            ent.update("person (rep name)" if e.get("rep_name") else e["type"] for e in turn["entities"])
            kp.update(k["kind"] for k in turn["keep"])
    return ent, kp


def stats_markdown(calls: Sequence[dict]) -> str:
    """The count tables of HOLDOUT2.md."""
    ent, kp = counts(calls)
    lines = ["| entity | placeholder | labelled values (written) | brief's minimum |", "|---|---|---|---|"]
    for t in TYPES:
        ph = "[NAME]" if t == "person" else f"[{t.upper()}]"
        total = ent[t] + (ent["person (rep name)"] if t == "person" else 0)
        extra = f" ({ent[t]} + {ent['person (rep name)']} rep names)" if t == "person" else ""
        lines.append(f"| {t} | `{ph}` | {total:,}{extra} | {MINIMA[t]} |")
    lines.append(f"| **all** | | {sum(ent.values()):,} | |")
    lines += ["", "| hard negative (`keep`) kind | count |", "|---|---|"]
    lines += [f"| {k} | {kp[k]} |" for k in KINDS]
    lines.append(f"| **all** | {sum(kp.values()):,} |")
    by_c = Counter(r["country"] for r in calls)
    by_s = Counter(r["scenario"] for r in calls)
    turns = sum(len(r["written"]) for r in calls)
    lines += ["", "| country | calls |", "|---|---|"] + [f"| {c} | {n} |" for c, n in by_c.most_common()]
    lines += ["", "| scenario | calls |", "|---|---|"] + [f"| {s} | {n} |" for s, n in by_s.most_common()]
    lengths = Counter(len(r["written"]) for r in calls)
    bare = sum(1 for r in calls for t in r["written"] if not t["entities"] and not t["keep"])
    lines += ["", "| calls | turns | turns a call | turns with no label and no keep |", "|---|---|---|---|",
              f"| {len(calls)} | {turns:,} | {min(lengths)} to {max(lengths)} | {bare:,} |"]
    cc = carrier_counts()
    lines += ["", "| entity | customer carrier phrasings | rep carrier phrasings |", "|---|---|---|"]
    lines += [f"| {t} | {cc[t][0]} | {cc[t][1]} |" for t in TYPES]
    return "\n".join(lines)


def shortfalls(calls: Sequence[dict]) -> list[str]:
    """What falls short of the brief's minimum counts (empty when none)."""
    ent, kp = counts(calls)
    ent["person"] += ent["person (rep name)"]
    out = [f"{t}: {ent[t]} < {n}" for t, n in MINIMA.items() if ent[t] < n]
    if sum(kp.values()) < MIN_KEEPS:
        out.append(f"keeps: {sum(kp.values())} < {MIN_KEEPS}")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="exit 0 iff holdout2.jsonl is what this script writes, else 1")
    ap.add_argument("--stats", action="store_true", help="print the count tables (markdown) and write nothing")
    args = ap.parse_args(argv)
    calls = build_all()
    text = "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in calls)
    if args.check:
        current = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print(f"{OUT.name} is {'current' if current else 'NOT current: run python data/redaction-eval/make_holdout2.py'}")
        return 0 if current else 1
    if args.stats:
        print(stats_markdown(calls))
        short = shortfalls(calls)
        if short:
            print("\nbelow the brief's minimum: " + "; ".join(short), file=sys.stderr)
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(calls)} calls)")
    short = shortfalls(calls)
    if short:
        print("below the brief's minimum: " + "; ".join(short), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
