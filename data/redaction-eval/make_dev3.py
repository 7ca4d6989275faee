"""Write ``dev3.jsonl``: 250 short labelled calls (ids ``r3-0001`` ... ``r3-0250``), a tuning set for
callcoach's ``--redact`` by a fourth, independent writer (see DEV3.md).

    python data/redaction-eval/make_dev3.py            # (re)write dev3.jsonl
    python data/redaction-eval/make_dev3.py --check    # exit 0 iff dev3.jsonl is what this script writes
    python data/redaction-eval/make_dev3.py --stats    # the count tables (markdown)

Standard library only, deterministic: call ``r3-0007`` is built by ``random.Random("r3-0007")``; when a
draw breaks a labelling rule (a keep that is also part of a value of its turn, a call outside 6-14
turns) the call is drawn again from ``random.Random("r3-0007#1")``, ``#2`` ... so the labels stay exact.

Each turn is a list of pieces (plain text, a labelled value, a keep, an ignore); both forms (``written``,
``asr``) are rendered from the same pieces, so they hold the same labels in the same order, and each
label's offset is recorded while the text is built.
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
OUT = HERE / "dev3.jsonl"
N_CALLS = 250
ID_PREFIX = "r3"
TYPES = ("card", "cvv", "expiry", "iban", "account", "routing", "dob", "address", "person", "email", "phone", "id")
KINDS = ("price", "quantity", "date", "time", "year", "order", "ticket", "product", "percent", "measure", "last4")

# --------------------------------------------------------------------------------------------------------------
# Pieces, turns and rendering
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """One stretch of a turn. ``asr`` None means: derive it from ``written`` with the turn's ASR habits."""

    role: str  # "text" | "ent" | "keep" | "ignore"
    written: str
    asr: str | None
    label: str = ""  # entity type or keep kind
    rep: bool = False  # an entity that is the rep's own name


def T(written: str, asr: str | None = None) -> Piece:
    """Plain text (``asr`` given: a fixed ASR rendering, e.g. '' for a filler tiny.en drops)."""
    return Piece("text", written, asr)


def E(label: str, written: str, asr: str, rep: bool = False) -> Piece:
    """A labelled value."""
    assert label in TYPES, label
    return Piece("ent", written, asr, label, rep)


def K(kind: str, written: str, asr: str | None = None) -> Piece:
    """A hard negative that must survive verbatim."""
    assert kind in KINDS, kind
    return Piece("keep", written, written if asr is None else asr, kind)


def Ig(written: str, asr: str | None = None) -> Piece:
    """Text beside an address (a city, a state) that is neither removed nor kept."""
    return Piece("ignore", written, written if asr is None else asr)


Slot = Piece | str | list[Piece]


@dataclass
class Turn:
    speaker: str  # "rep" | "customer"
    pieces: list[Piece]


SLOT_RE = re.compile(r"\{(\w+)\}")


def slots_of(template: str) -> set[str]:
    """The slot names of a template ("{v}", "{price}" ...)."""
    return set(SLOT_RE.findall(template))


def fill(template: str, slots: dict[str, Slot]) -> list[Piece]:
    """The pieces of ``template`` with each ``{name}`` replaced by ``slots[name]``."""
    out: list[Piece] = []
    pos = 0
    for m in SLOT_RE.finditer(template):
        if m.start() > pos:
            out.append(T(template[pos:m.start()]))
        val = slots[m.group(1)]
        if isinstance(val, Piece):
            out.append(val)
        elif isinstance(val, str):
            out.append(T(val))
        else:
            out.extend(val)
        pos = m.end()
    if pos < len(template):
        out.append(T(template[pos:]))
    return out


def merge_turns(turns: list[Turn]) -> list[Turn]:
    """Consecutive turns of one speaker joined into one, as a transcript shows them."""
    out: list[Turn] = []
    for t in turns:
        if out and out[-1].speaker == t.speaker:
            out[-1] = Turn(t.speaker, out[-1].pieces + [T(" ")] + t.pieces)
        else:
            out.append(Turn(t.speaker, list(t.pieces)))
    return out


@dataclass(frozen=True)
class Habits:
    """How tiny.en writes one turn: which punctuation it drops and whether it lower-cases the turn."""

    drop_q: bool
    q_to_period: bool
    drop_commas: bool
    drop_periods: bool
    lower: bool


FILLER_RE = re.compile(r"\b(?:[Uu]m+|[Uu]h+|[Ee]rm|[Ee]r|[Hh]mm+|[Yy]ou know)\b,?\s*")

# (pattern, ASR alternatives) for ordinary words tiny.en now and then mishears; never applied inside values
MISHEAR: list[tuple[str, tuple[str, ...]]] = [
    (r"\bplan\b", ("plant",)), (r"\bcontract\b", ("contact",)), (r"\bquote\b", ("coat",)),
    (r"\bdirect debit\b", ("direct debt",)), (r"\bbilling\b", ("building",)), (r"\bbooking\b", ("looking",)),
    (r"\bwarranty\b", ("warrant he",)), (r"\bcourier\b", ("currier",)), (r"\bappointment\b", ("a point meant",)),
    (r"\bsubscription\b", ("prescription",)), (r"\binstallation\b", ("insulation",)),
    (r"\bengineer\b", ("engine ear",)), (r"\btariff\b", ("terrific",)), (r"\bfees\b", ("fleas",)),
    (r"\bdispatch\b", ("this patch",)), (r"\bstatement\b", ("state meant",)), (r"\bverify\b", ("very fine",)),
    (r"\bbalance\b", ("ballots",)), (r"\barrears\b", ("a rears",)), (r"\btenancy\b", ("tenant see",)),
    (r"\breceipt\b", ("reseat",)), (r"\bpremium\b", ("premiums",)), (r"\bsecurity\b", ("secure it",)),
    (r"\bdeposit\b", ("the posit",)), (r"\binvoice\b", ("in voice",)), (r"\bcheckout\b", ("check out",)),
    (r"\bportal\b", ("portable",)), (r"\bcancel\b", ("council",)), (r"\bpostcode\b", ("post code",)),
    (r"\bexpiry\b", ("expire",)), (r"\bbirth\b", ("berth",)), (r"\btuition\b", ("intuition",)),
    (r"\bclaim\b", ("clean",)), (r"\bparcel\b", ("partial",)), (r"\bmeter\b", ("metre",)),
    (r"\brenewal\b", ("renew all",)), (r"\bsurgery\b", ("surgeries",)), (r"\breference\b", ("references",)),
]

REWRITES: list[tuple[str, tuple[str, ...]]] = [
    (r"\bOkay\b", ("OK", "Okay", "Ok")), (r"\bokay\b", ("OK", "okay", "ok")), (r"\bUh-huh\b", ("Uh huh", "Uh-huh")),
    (r"\bMm-hm\b", ("Mm-hmm", "Mhm", "Mm hmm")), (r"\be-mail\b", ("email",)), (r"\bthree digits\b", ("3 digits",)),
    (r"\bfour digits\b", ("4 digits",)), (r"\bthree-digit\b", ("3 digit", "three digit")),
    (r"\bfour-digit\b", ("4 digit", "four digit")), (r"\bgonna\b", ("going to",)), (r"\bI'm\b", ("I'm", "Im")),
    (r"\bCVV\b", ("CVV", "cvv", "CVV")), (r"\bD-O-B\b", ("DOB", "D.O.B.")), (r"\bZIP\b", ("zip", "ZIP")),
    (r"\bpostcode\b", ("postcode", "post code")), (r"\bMs\b", ("Ms.", "Miss")), (r"\bMr\b", ("Mr.",)),
]


def asr_text(s: str, rng: random.Random, h: Habits) -> str:
    """Plain text as tiny.en tends to write it: fillers dropped, a word misheard, punctuation lost."""
    s = s.replace("—", " ").replace("...", " ")  # tiny.en writes no trailing-off dots
    s = FILLER_RE.sub(lambda m: "" if rng.random() < 0.85 else m.group(0), s)
    for pat, alts in MISHEAR:
        s = re.sub(pat, lambda m, alts=alts: rng.choice(alts) if rng.random() < 0.12 else m.group(0), s)
    for pat, alts in REWRITES:
        s = re.sub(pat, lambda m, alts=alts: rng.choice(alts) if rng.random() < 0.6 else m.group(0), s)
    if h.drop_q:
        s = s.replace("?", "." if h.q_to_period else "")
    if h.drop_commas:
        s = s.replace(",", "")
    if h.drop_periods:
        s = re.sub(r"(?<![A-Za-z]\.[a-z])\.(?=\s|$)", "", s)
    return s


def _assemble(parts: list[tuple[str, int | None]]) -> tuple[str, list[int | None]]:
    """Join the rendered pieces: one space between words, none before punctuation, nothing at the ends;
    only untagged (plain text) characters are ever changed, so the labelled values stay exact."""
    oc: list[str] = []
    ot: list[int | None] = []
    for s, tag in parts:
        if tag is None and s.startswith(".") and not s.startswith("..") and oc and oc[-1] == ".":
            s = s[1:]  # "a.m." then "." is one full stop
        for ch in s:
            if tag is None:
                if ch.isspace():
                    if not oc or oc[-1] == " ":
                        continue
                    ch = " "
                elif ch in ",.?!;:":
                    if oc and oc[-1] == " " and ot[-1] is None:
                        oc.pop()
                        ot.pop()
                    if ch == "," and oc and oc[-1] in ",.?!;:":
                        continue
                    if not oc:
                        continue
            oc.append(ch)
            ot.append(tag)
    while oc and ot[-1] is None and oc[-1] in " ,":
        oc.pop()
        ot.pop()
    return "".join(oc), ot


def render_turn(turn: Turn, rng: random.Random) -> tuple[dict, dict]:
    """The written and ASR forms of one turn, with their labels."""
    h = Habits(drop_q=rng.random() < 0.6, q_to_period=rng.random() < 0.4, drop_commas=rng.random() < 0.5,
               drop_periods=rng.random() < 0.2, lower=rng.random() < 0.3)
    out = []
    for form in ("written", "asr"):
        strings: list[str] = []
        for p in turn.pieces:
            if form == "written":
                s = p.written
            else:
                s = p.asr if p.asr is not None else asr_text(p.written, rng, h)
                if h.lower:
                    s = s.lower()
            strings.append(s)
        if form == "written" or not h.lower:  # a turn starts with a capital, even when a value opens it
            first = next((i for i, s in enumerate(strings) if s.strip()), None)
            if first is not None:
                s = strings[first].lstrip()
                strings[first] = s[:1].upper() + s[1:]
        parts = [(s, None if p.role == "text" else i) for i, (s, p) in enumerate(zip(strings, turn.pieces))]
        text, tags = _assemble(parts)
        rec: dict = {"speaker": turn.speaker, "text": text, "entities": [], "keep": []}
        ignore = []
        for i, p in enumerate(turn.pieces):
            if p.role == "text":
                continue
            where = [k for k, t in enumerate(tags) if t == i]
            if not where:
                raise ValueError(f"empty piece {p!r}: a value renderer returned ''")
            start, end = where[0], where[-1] + 1
            assert len(where) == end - start, (p, text)
            value = text[start:end]
            assert value == strings[i], (value, strings[i])
            if p.role == "ent":
                e = {"type": p.label, "value": value, "start": start}
                if p.rep:
                    e["rep_name"] = True
                rec["entities"].append(e)
            elif p.role == "keep":
                rec["keep"].append({"kind": p.label, "value": value})
            else:
                ignore.append({"value": value, "start": start})
        if ignore:
            rec["ignore"] = ignore
        out.append(rec)
    return out[0], out[1]


# --------------------------------------------------------------------------------------------------------------
# Numbers said aloud, and reading them back
# --------------------------------------------------------------------------------------------------------------

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
         "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ORD_SMALL = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth",
             9: "ninth", 10: "tenth", 11: "eleventh", 12: "twelfth", 13: "thirteenth", 14: "fourteenth",
             15: "fifteenth", 16: "sixteenth", 17: "seventeenth", 18: "eighteenth", 19: "nineteenth",
             20: "twentieth", 30: "thirtieth"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
MON_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"]


def two_words(n: int) -> str:
    """0..99 in words: 'seven', 'fourteen', 'forty-two'."""
    if n < 10:
        return ONES[n]
    if n < 20:
        return TEENS[n - 10]
    t, o = divmod(n, 10)
    return TENS[t] + ("-" + ONES[o] if o else "")


def int_words(n: int, and_: bool = True) -> str:
    """0..999,999 in words, British 'and' when ``and_``: 'two hundred and forty-nine'."""
    if n < 100:
        return two_words(n)
    if n < 1000:
        h, r = divmod(n, 100)
        return ONES[h] + " hundred" + ((" and " if and_ else " ") + two_words(r) if r else "")
    th, r = divmod(n, 1000)
    head = int_words(th, and_) + " thousand"
    if not r:
        return head
    return head + ((" and " if and_ and r < 100 else " ") + int_words(r, and_))


def ord_words(n: int) -> str:
    """1..31 as an ordinal: 'twelfth', 'twenty-first'."""
    if n in ORD_SMALL:
        return ORD_SMALL[n]
    t, o = divmod(n, 10)
    return TENS[t] + "-" + ORD_SMALL[o]


def ord_num(n: int) -> str:
    """1..31 as '1st', '12th', '22nd'."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }".replace(" ", "")


Unit = tuple[str, str]  # (words as said, the digits they stand for)


def _digit_word(d: str, zero: str) -> str:
    return zero if d == "0" else ONES[int(d)]


def digit_units(ds: str, rng: random.Random, zero: str, runs: bool = True) -> list[Unit]:
    """``ds`` said digit by digit, with 'double five' / 'triple oh' for runs when ``runs``."""
    units: list[Unit] = []
    i = 0
    while i < len(ds):
        d = ds[i]
        j = i
        while j < len(ds) and ds[j] == d:
            j += 1
        n = j - i
        if runs and n >= 3 and rng.random() < 0.55:
            units.append((f"triple {_digit_word(d, zero)}", d * 3))
            i += 3
        elif runs and n >= 2 and rng.random() < 0.6:
            units.append((f"double {_digit_word(d, zero)}", d * 2))
            i += 2
        else:
            units.append((_digit_word(d, zero), d))
            i += 1
    return units


def pair_units(g: str, rng: random.Random, zero: str) -> list[Unit]:
    """``g`` said in pairs ('forty-two forty-two', 'four twenty-one', 'oh five', 'forty-two hundred')."""
    units: list[Unit] = []
    if len(g) % 2:
        units.append((_digit_word(g[0], zero), g[0]))
        g2 = g[1:]
    else:
        g2 = g
    for k in range(0, len(g2), 2):
        p = g2[k:k + 2]
        if p == "00" and units and not units[-1][1].endswith("0"):  # "forty-two hundred", not "forty hundred"
            units.append(("hundred", "00"))
        elif p[0] == "0":
            units.extend(digit_units(p, rng, zero))
        else:
            units.append((two_words(int(p)), p))
    return units


def _unit_asr(u: Unit, rng: random.Random, allow_o: bool) -> str:
    words, ds = u
    if words == "hundred":
        return "00" if rng.random() < 0.7 else "hundred"
    if words.startswith(("double ", "triple ")):
        r = rng.random()
        if r < 0.4:
            return words.split()[0] + " " + ds[0]
        return ds
    if ds == "0":
        r = rng.random()
        if words == "oh" and allow_o and r < 0.2:
            return "o"
        if words == "oh" and r < 0.35:
            return "oh"
        return "0"
    if rng.random() < 0.08:
        return words.replace("-", " ")
    return ds


def units_asr(units: list[Unit], rng: random.Random, allow_o: bool) -> str:
    """A group of units as tiny.en writes it: digits, run together or spaced, now and then a word."""
    bits = [_unit_asr(u, rng, allow_o) for u in units]
    if all(b.isdigit() for b in bits) and rng.random() < 0.75:
        return "".join(bits)
    if any(b == "o" for b in bits) or any(not b.isdigit() for b in bits):
        return " ".join(bits)
    return " ".join(bits) if rng.random() < 0.5 else "".join(bits)


def regroup(ds: str, rng: random.Random) -> str:
    """Digits in tiny.en's odd grouping: '4242 4242 42 42', '41 1111 11 111 111'."""
    out, i = [], 0
    while i < len(ds):
        n = rng.choice((2, 2, 3, 4, 4))
        out.append(ds[i:i + n])
        i += n
    return " ".join(out)


def speak_number(ds: str, groups: Sequence[int], rng: random.Random, *, numeric_p: float = 0.3,
                 pairs_p: float = 0.3, regroup_p: float = 0.2, allow_o: bool = True,
                 seps: Sequence[str] = (", ", ", ", " ", " ")) -> tuple[str, str]:
    """A digit string said in ``groups``: (as a transcriber writes it, as tiny.en writes it)."""
    assert sum(groups) == len(ds), (ds, groups)
    chunks, i = [], 0
    for n in groups:
        chunks.append(ds[i:i + n])
        i += n
    asep = rng.choice((" ", " ", " ", "", "-", ", "))
    if rng.random() < numeric_p:
        w = rng.choice((" ", " ", "-")).join(chunks)
        if rng.random() < regroup_p:
            a = regroup(ds, rng)
        else:
            a = asep.join(chunks) if asep != ", " else " ".join(chunks)
        return w, a
    zero = "oh" if rng.random() < 0.7 else "zero"
    sep = rng.choice(seps)
    hyph = rng.random() < 0.08
    wparts, aparts = [], []
    for c in chunks:
        units = pair_units(c, rng, zero) if (len(c) >= 2 and rng.random() < pairs_p) else digit_units(c, rng, zero)
        wp = " ".join(u[0] for u in units)
        if hyph and all(" " not in u[0] and "-" not in u[0] for u in units):
            wp = "-".join(u[0] for u in units)
        wparts.append(wp)
        aparts.append(units_asr(units, rng, allow_o))
    w = sep.join(wparts)
    if rng.random() < regroup_p and all(a.isdigit() for a in aparts):
        a = regroup(ds, rng)
    else:
        a = asep.join(aparts) if not (asep in ("", "-") and any(not x.isdigit() for x in aparts)) else \
            " ".join(aparts)
    return w, a


NATO = {"alpha": "A", "alfa": "A", "bravo": "B", "charlie": "C", "delta": "D", "echo": "E", "foxtrot": "F",
        "golf": "G", "hotel": "H", "india": "I", "juliet": "J", "juliett": "J", "kilo": "K", "lima": "L",
        "mike": "M", "november": "N", "oscar": "O", "papa": "P", "quebec": "Q", "romeo": "R", "sierra": "S",
        "tango": "T", "uniform": "U", "victor": "V", "whiskey": "W", "whisky": "W", "yankee": "Y", "zulu": "Z"}
NATO_OF = {"A": "alpha", "B": "bravo", "C": "charlie", "D": "delta", "E": "echo", "F": "foxtrot", "G": "golf",
           "H": "hotel", "I": "india", "J": "juliet", "K": "kilo", "L": "lima", "M": "mike", "N": "november",
           "O": "oscar", "P": "papa", "Q": "quebec", "R": "romeo", "S": "sierra", "T": "tango", "U": "uniform",
           "V": "victor", "W": "whiskey", "X": "x-ray", "Y": "yankee", "Z": "zulu"}
AS_IN = {"A": ("Apple", "Alpha", "Adam"), "B": ("Bravo", "Bertie", "Boy"), "C": ("Charlie", "Cat"),
         "D": ("David", "Delta", "Dog"), "E": ("Echo", "Edward"), "F": ("Freddie", "Foxtrot", "Frank"),
         "G": ("George", "Golf"), "H": ("Harry", "Hotel"), "I": ("India", "Ivy"), "J": ("John", "Juliet"),
         "K": ("King", "Kilo"), "L": ("London", "Lima", "Lucy"), "M": ("Mary", "Mike", "Mother"),
         "N": ("Nancy", "November", "Nelly"), "O": ("Oscar", "Orange"), "P": ("Peter", "Papa"),
         "Q": ("Queen", "Quebec"), "R": ("Robert", "Romeo"), "S": ("Sugar", "Sierra", "Sam"),
         "T": ("Tom", "Tango"), "U": ("Uncle", "Uniform"), "V": ("Victor", "Violet"),
         "W": ("William", "Whiskey"), "X": ("X-ray",), "Y": ("Yellow", "Yankee"), "Z": ("Zebra", "Zulu")}
_UNIT_W = {w: i for i, w in enumerate(ONES)} | {"oh": 0, "nought": 0}
_TEEN_W = {w: 10 + i for i, w in enumerate(TEENS)}
_TENS_W = {w: i for i, w in enumerate(TENS) if w}


def _read(text: str, letters: bool) -> str:
    """The characters a spoken or written code stands for. Number words become digits ('forty-two' 42,
    'double five' 55, 'hundred' 00); with ``letters`` single letters and spelling-alphabet words become
    capitals ('D as in David' D) and 'o' is the letter, else letters are skipped and 'o' is a zero."""
    toks = re.findall(r"[a-z]+|\d+|[,.]", re.sub(r"\bx-ray\b", "x", text.lower()))
    out = ""
    rep = 1
    tens_open = False
    i = 0
    while i < len(toks):
        t = toks[i]
        if t == "as" and i + 2 < len(toks) and toks[i + 1] == "in":
            i += 3
            tens_open = False
            continue
        if t == "for" and i + 1 < len(toks):
            i += 2
            tens_open = False
            continue
        i += 1
        if t in ",.":  # a pause: 'thirty, four' is 30 then 4
            tens_open = False
            continue
        if t in ("double", "triple"):
            rep = 2 if t == "double" else 3
            tens_open = False
            continue
        if t == "hundred":
            out += "00"
            tens_open = False
            continue
        if t in _TENS_W:
            out += str(_TENS_W[t]) + "0"
            tens_open, rep = True, 1
            continue
        if t.isdigit():
            s = t
        elif t in _UNIT_W:
            v = _UNIT_W[t]
            if tens_open and 1 <= v <= 9 and t not in ("oh", "zero", "nought"):
                out = out[:-1] + str(v)
                tens_open = False
                continue
            s = str(v)
        elif t in _TEEN_W:
            s = str(_TEEN_W[t])
        elif t == "o" and not letters:
            s = "0"
        elif letters and len(t) == 1:
            s = t.upper()
        elif letters and t in NATO:
            s = NATO[t]
        elif letters:
            s = t.upper()  # letters run together: 'DE44', 'nwbk'
        else:
            tens_open = False
            continue
        out += s * rep
        rep = 1
        tens_open = False
    return out


def digits_of(text: str) -> str:
    """The digits a spoken or written number stands for: 'forty-two forty-two, oh five double five' -> 42420555."""
    return _read(text, letters=False)


def code_of(text: str) -> str:
    """The letters and digits a spoken code stands for: 'D E four four, 5001 N W B K' -> DE445001NWBK."""
    return _read(text, letters=True)


# --------------------------------------------------------------------------------------------------------------
# Checksums
# --------------------------------------------------------------------------------------------------------------


def luhn_ok(number: str) -> bool:
    """True when ``number`` passes the Luhn check (cards, Canadian SINs)."""
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def luhn_digit(body: str) -> str:
    """The check digit that makes ``body + digit`` pass Luhn."""
    for d in "0123456789":
        if luhn_ok(body + d):
            return d
    raise AssertionError(body)


IBAN_LENGTH = {"DE": 22, "FR": 27, "NL": 18, "ES": 24, "IT": 27, "BE": 16, "IE": 22, "GB": 22, "PL": 28,
               "PT": 25, "AT": 20}
BBAN_SHAPE = {"DE": "8n10n", "FR": "5n5n11n2n", "NL": "4a10n", "ES": "4n4n2n10n", "IT": "1a5n5n12n", "BE": "3n7n2n",
              "IE": "4a6n8n", "GB": "4a6n8n", "PL": "8n16n", "PT": "4n4n11n2n", "AT": "5n11n"}


def _iban_number(s: str) -> int:
    return int("".join(str(int(c, 36)) for c in s))


def iban_ok(iban: str) -> bool:
    """True when ``iban`` passes the ISO 13616 mod-97 check."""
    s = iban.replace(" ", "").upper()
    return len(s) > 4 and _iban_number(s[4:] + s[:4]) % 97 == 1


def make_iban(cc: str, rng: random.Random) -> str:
    """A fake IBAN of country ``cc``: random bank code and account, correct check digits."""
    bban = ""
    for n, kind in re.findall(r"(\d+)([an])", BBAN_SHAPE[cc]):
        pool = "BCDFGHJKLMNPQRSTVWXZ" if kind == "a" else "0123456789"
        bban += "".join(rng.choice(pool) for _ in range(int(n)))
    check = 98 - _iban_number(bban + cc + "00") % 97
    iban = f"{cc}{check:02d}{bban}"
    assert iban_ok(iban) and len(iban) == IBAN_LENGTH[cc], iban
    return iban


def aba_ok(routing: str) -> bool:
    """True when a 9-digit US routing number passes the ABA checksum (3-7-1 weights)."""
    if len(routing) != 9 or not routing.isdigit():
        return False
    d = [int(c) for c in routing]
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + d[8]) % 10 == 0


def make_aba(rng: random.Random) -> str:
    """A routing number with a valid ABA checksum and a Federal Reserve prefix (01-12, 21-32)."""
    head = f"{rng.choice(list(range(1, 13)) + list(range(21, 33))):02d}" + "".join(rng.choice("0123456789")
                                                                                   for _ in range(6))
    for d in "0123456789":
        if aba_ok(head + d):
            return head + d
    raise AssertionError(head)


def tfn_ok(tfn: str) -> bool:
    """Australian tax file number weights 1,4,3,7,5,8,6,9,10 (mod 11)."""
    w = (1, 4, 3, 7, 5, 8, 6, 9, 10)
    return len(tfn) == 9 and sum(int(c) * k for c, k in zip(tfn, w)) % 11 == 0


def bsn_ok(bsn: str) -> bool:
    """Dutch BSN eleven-test."""
    if len(bsn) != 9:
        return False
    return (sum(int(c) * k for c, k in zip(bsn[:8], range(9, 1, -1))) - int(bsn[8])) % 11 == 0


DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


# --------------------------------------------------------------------------------------------------------------
# Invented people and places (names are drawn independently, so no pair is meant to be anyone)
# --------------------------------------------------------------------------------------------------------------


def _words(block: str) -> list[str]:
    """Comma- or newline-separated entries of a block, stripped, empty ones dropped."""
    return [w.strip() for w in re.split(r"[,\n]", block) if w.strip()]


GIVEN = _words("""
Aoife, Siobhan, Niamh, Saoirse, Ciaran, Oisin, Cormac, Fiachra, Roisin, Clodagh, Eimear, Darragh, Padraig, Caoimhe,
Sinead, Orla, Declan, Ronan, Aisling, Tadhg, Eoin, Fionnuala, Grainne, Cian, Brid, Dervla, Ultan, Muireann, Donal,
Katarzyna, Wojciech, Agnieszka, Lukasz, Malgorzata, Krzysztof, Zofia, Grzegorz, Magdalena, Pawel, Bartosz, Joanna,
Dorota, Tomasz, Jadwiga, Michal, Aleksandra, Przemyslaw, Ewelina, Marek, Chinedu, Ngozi, Oluwaseun, Adaeze, Emeka,
Folake, Temitope, Chiamaka, Babajide, Yetunde, Obinna, Funmilayo, Ifeoma, Tunde, Ebere, Kelechi, Olumide, Nneka,
Ayodele, Uchenna, Priya, Arjun, Ananya, Vikram, Deepika, Rohan, Kavya, Siddharth, Meera, Aditya, Lakshmi, Rahul,
Sneha, Harpreet, Gurpreet, Anjali, Karthik, Divya, Nikhil, Pooja, Sanjay, Ishaan, Tanvi, Linh, Minh, Huong, Thanh,
Tuan, Lan, Duc, Mai, Quang, Ngoc, Hieu, Phuong, Trang, Khanh, Bao, Thao, Vinh, Hoa, Alejandro, Lucia, Javier,
Carmen, Mateo, Valentina, Diego, Ines, Sergio, Marta, Alvaro, Pilar, Rocio, Inigo, Nerea, Joaquin, Paloma, Rodrigo,
Ximena, Consuelo, Youssef, Fatima, Omar, Layla, Khalid, Amira, Tariq, Noura, Hamza, Salma, Karim, Yasmin, Bilal,
Huda, Rashid, Mariam, Samir, Rania, Ziad, Leila, Wei, Xiaoming, Jing, Mei, Hao, Lihua, Yan, Jun, Fang, Zhiwei, Xin,
Yuting, Qiang, Ling, Bo, Hui, Shu, Ying, Zhen, Dimitrios, Eleni, Konstantinos, Athina, Nikos, Sofia, Giorgos,
Katerina, Yiannis, Despina, Panagiotis, Vasiliki, Stavros, Evangelia, Christos, Ioanna, Spyros, Theodora, James,
Olivia, Ethan, Chloe, Mason, Harper, Liam, Madison, Noah, Brooke, Tyler, Kayla, Dylan, Savannah, Connor, Megan,
Jordan, Tanisha, DeShawn, Latoya, Marcus, Jasmine, Cody, Brianna, Hunter, Shelby, Travis, Courtney, Darnell,
Keisha, Wyatt, Amber, Logan, Paige, Bethany, Gareth, Rhiannon, Callum, Imogen, Hamish, Fiona, Alistair, Kirsty,
Euan, Morag, Nigel, Gemma, Stacey, Wayne, Kylie, Brett, Shane, Tegan, Jarrah, Lachlan, Bronte, Mitchell, Isla,
Harvey, Poppy, Lukas, Anja, Jurgen, Sabine, Matthias, Katrin, Tobias, Ulrike, Florian, Heike, Maximilian, Birgit,
Sven, Dorte, Jannik, Frauke, Henrik, Wiebke, Camille, Theo, Manon, Baptiste, Elodie, Mathis, Clemence, Gaelle,
Lucien, Solene, Aurelien, Margaux, Thibault, Oceane, Guillaume, Severine, Yannick, Maelys, Sanne, Daan, Femke,
Joris, Marloes, Thijs, Anouk, Bram, Lieke, Sjoerd, Maartje, Wouter, Ilse, Koen, Floor, Jelle, Giulia, Lorenzo,
Chiara, Matteo, Francesca, Alessandro, Beatrice, Riccardo, Federica, Giacomo, Serena, Tommaso, Ilaria, Davide,
Arianna, Gianluca, Joao, Tiago, Beatriz, Rui, Mariana, Goncalo, Leonor, Duarte, Carolina, Haruto, Yuki, Sakura,
Kenji, Aiko, Takeshi, Ji-woo, Min-jun, Seo-yeon, Hyun-woo, Eun-ji, Jae-won, Maricel, Jomar, Rowena, Arnel, Jericho,
Lorna, Emre, Elif, Burak, Zeynep, Mehmet, Ayse, Cem, Deniz, Dariush, Shirin, Farhad, Nasrin, Kian, Parisa, Abdi,
Hodan, Ayaan, Kwame, Ama, Kofi, Efua, Yaw, Abebe, Tigist, Selam, Dawit, Noa, Eitan, Yael, Avi, Tamar, Shira, Astrid,
Magnus, Ingrid, Bjorn, Sigrid, Leif, Freja, Mikkel, Marisol, Yesenia, Alejandra, Dayana, Luis, Esperanza,
Guadalupe, Rigoberto, Aroha, Tane, Mere, Sione, Losana, Tevita, Nadia, Boris, Oksana, Dmytro, Iryna, Taras, Milena,
Goran, Jelena, Nikola, Vesna, Dragan, Andrei, Ioana, Bogdan, Raluca, Laszlo, Zsofia, Petra, Ondrej, Tereza, Radek,
Anneke, Piet, Rutger, Sunita, Rajesh, Farah, Imran, Ayesha, Zainab, Faisal, Nusrat, Tahmina, Rafiq, Kamal, Thandiwe,
Sipho, Lerato, Themba, Naledi, Bongani, Precious, Blessing, Mercy, Comfort, Godfrey, Rosalind, Cornelius, Winifred,
Percival, Augustine, Hyacinth, Cordelia, Benedict, Ottilie, Rufus, Seamus, Maeve, Brendan, Eileen, Colm
""")

SURNAMES = _words("""
O'Sullivan, McCarthy, Fitzgerald, O'Donoghue, Kavanagh, Brennan, Moynihan, Quinlan, Hegarty, Mulcahy, Geraghty,
Lenihan, Coughlan, Tierney, Scanlon, Devereux, Kinsella, Breathnach, Cullinane, Ni Bhriain, Mac Giolla Phadraig,
Kowalski, Wisniewska, Zielinski, Szymanska, Wojcik, Kaminski, Lewandowska, Dabrowski, Kaczmarek, Grabowska,
Pawlak, Michalski, Nowicka, Jablonski, Wrobel, Majewski, Olszewska, Stepien, Sikorski, Baran, Okonkwo, Adeyemi,
Nwosu, Balogun, Eze, Oyelaran, Chukwu, Adebayo, Obi, Nnamdi, Okafor, Olawale, Ugwu, Akinola, Ibekwe, Ogunleye,
Anyanwu, Bello, Onyeka, Fashola, Sharma, Iyer, Patel, Reddy, Chatterjee, Nair, Venkataraman, Gupta, Bhattacharya,
Menon, Srinivasan, Deshpande, Kulkarni, Mukherjee, Pillai, Sandhu, Grewal, Chaudhary, Rao, Banerjee, Kapoor,
Mehta, Joshi, Trivedi, Nguyen, Tran, Le, Pham, Hoang, Phan, Vu, Dang, Bui, Do, Ho, Ngo, Duong, Ly, Truong, Vo, Dinh,
Huynh, Garcia, Fernandez, Lopez, Martinez, Sanchez, Rodriguez, Gomez, Ruiz, Herrera, Navarro, Dominguez, Castillo,
Ortega, Iglesias, Medina, Vazquez, Morales, Delgado, Garrido, Echeverria, Arrieta, Salcedo, Ibarra, Haddad,
Al-Masri, Nasser, Khoury, Mansour, Saleh, Hamdan, Aziz, El-Amin, Qureshi, Farouk, Hakimi, Bakr, Darwish, Sabbagh,
Taha, Al-Rashid, Shalabi, Zaidi, Barakat, Wang, Li, Zhang, Liu, Chen, Yang, Huang, Zhao, Wu, Zhou, Xu, Sun, Ma,
Zhu, Hu, Guo, He, Lin, Gao, Luo, Cheung, Wong, Leung, Chan, Lau, Tsang, Ng, Papadopoulos, Georgiou, Nikolaidis,
Konstantinou, Vlachos, Christodoulou, Dimitriou, Karagiannis, Alexiou, Pappas, Oikonomou, Makris, Stavropoulos,
Theodorou, Antoniou, Thornton, Whitfield, Ashworth, Pemberton, Hargreaves, Fairclough, Blackwood, Cartwright,
Holloway, Stanton, Marsh, Greaves, Pickering, Dawson, Abernethy, MacLeod, Drummond, Fraser, Buchanan, Sinclair,
Llewellyn, Pritchard, Griffiths, Vaughan, Prosser, Bevan, Rees, Howells, Tudor, Jenkins, Smyth, Smith, Jones,
Brown, Taylor, Walker, Hughes, Mitchell, Clarke, Turner, Washington, Jefferson, Coleman, Bryant, Whitaker,
McAllister, Delacroix, Broussard, Thibodeaux, Fontenot, Hendricks, Vanderberg, Kowalczyk, Lindqvist, Sorensen,
Callahan, Gallagher, Montoya, Villanueva, Castellanos, Schneider, Fischer, Weber, Becker, Hoffmann, Schafer,
Koch, Richter, Klein, Wolf, Neumann, Schwarz, Zimmermann, Kruger, Hartmann, Lange, Vogel, Brandt, Haas, Lindner,
Dubois, Lefevre, Moreau, Girard, Bonnet, Fontaine, Rousseau, Chevalier, Gauthier, Lambert, Mercier, Faure,
Blanchard, Guerin, Perrin, Marchand, Leclerc, Rocher, de Vries, van Dijk, Bakker, Janssen, Visser, Smit, Meijer,
de Boer, Mulder, de Groot, Bos, Vos, Peters, Hendriks, van Leeuwen, Dekker, Brouwer, de Wit, Rossi, Russo,
Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco, Bruno, Gallo, Conti, De Luca, Mancini, Costa,
Giordano, Rizzo, Lombardi, Moretti, Silva, Santos, Ferreira, Pereira, Oliveira, Carvalho, Rodrigues, Almeida,
Sousa, Goncalves, Tanaka, Watanabe, Yamamoto, Nakamura, Kobayashi, Sato, Suzuki, Takahashi, Kim, Park, Choi, Jung,
Kang, Yoon, Lim, Han, Dela Cruz, Reyes, Bautista, Mendoza, Aquino, Santiago, Magbanua, Pangilinan, Yilmaz, Demir,
Sahin, Celik, Kaya, Aydin, Ozturk, Arslan, Tehrani, Hosseini, Karimi, Moradi, Rahimi, Jafari, Farahani, Sadeghi,
Mensah, Asante, Owusu, Boateng, Osei, Tesfaye, Haile, Bekele, Warsame, Mohamed, Mwangi, Otieno, Kamau, Wanjiru,
Ndlovu, Dlamini, Khumalo, Cohen, Levi, Friedman, Rosenberg, Katz, Mizrahi, Ben-David, Lindgren, Johansson,
Andersen, Nystrom, Halvorsen, Berglund, Christensen, Eriksen, Tuilagi, Fonoti, Havili, Taufa, Ngata, Parata,
Kovalenko, Shevchenko, Bondarenko, Petrovic, Jovanovic, Nikolic, Popescu, Ionescu, Dumitru, Horvath, Novak,
Dvorak, Svoboda, Hussain, Rahman, Chowdhury, Begum, Siddiqui, Ansari, Molefe, Zulu, Nkosi, Mokoena, Ashdown,
Penhaligon, Trelawney, Merriweather, Featherstonehaugh, Quigley, Ruddock, Gilhooly, Brannigan, Tolliver,
Wetherby, Culpepper, Oyelowo, Abiodun, Ekwueme, Vasquez-Ruiz, Okoro, Sowande, Amadi
""")

FEMALE_HINT = set(_words("""
Aoife, Siobhan, Niamh, Saoirse, Roisin, Clodagh, Eimear, Caoimhe, Sinead, Orla, Aisling, Fionnuala, Grainne, Brid,
Dervla, Muireann, Katarzyna, Agnieszka, Malgorzata, Zofia, Magdalena, Joanna, Dorota, Jadwiga, Aleksandra, Ewelina,
Ngozi, Adaeze, Folake, Temitope, Chiamaka, Yetunde, Funmilayo, Ifeoma, Ebere, Nneka, Priya, Ananya, Deepika, Kavya,
Meera, Lakshmi, Sneha, Anjali, Divya, Pooja, Tanvi, Linh, Huong, Lan, Mai, Ngoc, Phuong, Trang, Thao, Hoa, Lucia,
Carmen, Valentina, Ines, Marta, Pilar, Rocio, Nerea, Paloma, Ximena, Consuelo, Fatima, Layla, Amira, Noura, Salma,
Yasmin, Huda, Mariam, Rania, Leila, Jing, Mei, Lihua, Yan, Fang, Yuting, Ling, Ying, Eleni, Athina, Sofia, Katerina,
Despina, Vasiliki, Evangelia, Ioanna, Theodora, Olivia, Chloe, Harper, Madison, Brooke, Kayla, Savannah, Megan,
Tanisha, Latoya, Jasmine, Brianna, Shelby, Courtney, Keisha, Amber, Paige, Bethany, Rhiannon, Imogen, Fiona, Kirsty,
Morag, Gemma, Stacey, Kylie, Tegan, Bronte, Isla, Poppy, Anja, Sabine, Katrin, Ulrike, Heike, Birgit, Dorte, Frauke,
Wiebke, Camille, Manon, Elodie, Clemence, Gaelle, Solene, Margaux, Oceane, Severine, Maelys, Sanne, Femke, Marloes,
Anouk, Lieke, Maartje, Ilse, Floor, Giulia, Chiara, Francesca, Beatrice, Federica, Serena, Ilaria, Arianna,
Beatriz, Mariana, Leonor, Carolina, Sakura, Aiko, Seo-yeon, Eun-ji, Maricel, Rowena, Lorna, Elif, Zeynep, Ayse,
Shirin, Nasrin, Parisa, Hodan, Ayaan, Ama, Efua, Tigist, Selam, Noa, Yael, Tamar, Shira, Astrid, Ingrid, Sigrid,
Freja, Marisol, Yesenia, Alejandra, Dayana, Esperanza, Guadalupe, Aroha, Mere, Losana, Nadia, Oksana, Iryna,
Milena, Jelena, Vesna, Ioana, Raluca, Zsofia, Petra, Tereza, Anneke, Sunita, Farah, Ayesha, Zainab, Nusrat,
Tahmina, Thandiwe, Lerato, Naledi, Precious, Mercy, Comfort, Rosalind, Winifred, Hyacinth, Cordelia, Ottilie,
Maeve, Eileen
"""))

# how tiny.en writes some names it hears (a name is never "corrected" in the written form)
HEARD = {"Siobhan": "Shivaun", "Niamh": "Neve", "Aoife": "Eefa", "Saoirse": "Sersha", "Caoimhe": "Keeva",
         "Tadhg": "Tige", "Oisin": "Osheen", "Grainne": "Grania", "Nguyen": "Win", "Wojciech": "Voytek",
         "Joaquin": "Wakeen", "Xiaoming": "Shaoming", "Przemyslaw": "Shemeslav", "Szymanska": "Shimanska",
         "Featherstonehaugh": "Fanshaw", "Breathnach": "Brannock", "Ximena": "Himena", "Padraig": "Porrig",
         "Eoin": "Owen", "Sinead": "Shinade", "Dervla": "Dervala", "Tiago": "Chiago", "Goncalo": "Gonsalo",
         "Mac Giolla Phadraig": "McGillapatrick", "Huynh": "Hwin", "Tsang": "Sang", "Thibodeaux": "Tibodo",
         "Ngozi": "Ingozi", "Oluwaseun": "Oluwashaun", "Kelechi": "Kelechy", "Jurgen": "Yurgen",
         "Dariush": "Daryoush", "Seamus": "Shaymus"}

CITIES = {
    "US": [("Springfield", "Illinois"), ("Tacoma", "Washington"), ("Boise", "Idaho"), ("Dayton", "Ohio"),
           ("Savannah", "Georgia"), ("Tucson", "AZ"), ("Albany", "NY"), ("Fresno", "CA"), ("Raleigh", "NC"),
           ("Omaha", "Nebraska"), ("Madison", "Wisconsin"), ("El Paso", "Texas"), ("Lowell", "MA"),
           ("Chattanooga", "TN"), ("Eugene", "Oregon"), ("Duluth", "MN")],
    "CA": [("Hamilton", "Ontario"), ("Kelowna", "BC"), ("Halifax", "Nova Scotia"), ("Saskatoon", "SK"),
           ("Laval", "Quebec"), ("Red Deer", "Alberta"), ("Moncton", "NB"), ("Guelph", "ON")],
    "AU": [("Parramatta", "NSW"), ("Geelong", "Victoria"), ("Toowoomba", "QLD"), ("Fremantle", "WA"),
           ("Hobart", "Tasmania"), ("Wollongong", "New South Wales"), ("Ballarat", "VIC"), ("Cairns", "Queensland")],
    "UK": [("Leeds", ""), ("Stockport", ""), ("Swansea", ""), ("Norwich", ""), ("Paisley", ""), ("Derby", ""),
           ("Exeter", ""), ("Sunderland", ""), ("Reading", ""), ("Lancaster", "")],
    "IE": [("Galway", "Co. Galway"), ("Ennis", "County Clare"), ("Tralee", "Co. Kerry"), ("Drogheda", "County Louth"),
           ("Naas", "Co. Kildare"), ("Sligo", ""), ("Cork", ""), ("Dublin 8", ""), ("Letterkenny", "Co. Donegal")],
    "DE": [("Leipzig", ""), ("Freiburg", ""), ("Bremen", ""), ("Kassel", ""), ("Mainz", "")],
    "FR": [("Lyon", ""), ("Nantes", ""), ("Lille", ""), ("Rennes", ""), ("Grenoble", "")],
    "NL": [("Utrecht", ""), ("Groningen", ""), ("Haarlem", ""), ("Eindhoven", ""), ("Delft", "")],
    "ES": [("Valencia", ""), ("Zaragoza", ""), ("Malaga", ""), ("Bilbao", ""), ("Granada", "")],
    "IT": [("Bologna", ""), ("Torino", ""), ("Verona", ""), ("Bari", ""), ("Padova", "")],
    "BE": [("Ghent", ""), ("Leuven", ""), ("Namur", ""), ("Liege", ""), ("Bruges", "")],
    "PL": [("Krakow", ""), ("Gdansk", ""), ("Poznan", ""), ("Wroclaw", ""), ("Lodz", "")],
    "PT": [("Porto", ""), ("Braga", ""), ("Coimbra", ""), ("Faro", ""), ("Aveiro", "")],
}

STREET_ROOTS = _words("""
Maple Crest, Quarry Hill, Larkspur, Tannery, Kilbride, Ashgrove, Fenwick, Rowan, Blackthorn, Heron, Millbrook,
Copperfield, Saltmarsh, Juniper, Wren, Cobalt, Orchard, Foxglove, Chandler, Beacon, Drover, Linnet, Marram, Osier,
Pewter, Quillan, Sorrel, Teasel, Umber, Vetch, Wicker, Yarrow, Alder, Bramling, Cinder, Dunmore, Elmstead, Fallow,
Glebe, Harrow, Inchcape, Kestrel, Lantern, Mossgiel, Nettlebed, Oakapple, Pennyroyal, Ridgeback, Sallow, Thistledown,
Bellhanger, Cooper's, Ferrier, Gannet, Hollyhock, Ironstone, Kingfisher, Lavender, Meadowsweet, Northgate, Otterburn,
Plover, Redwing, Silverbirch, Tinker's, Upland, Waterlily, Wolfram, Brackenridge, Cedar Hollow, Dovecote, Emberly
""")
STREET_TYPES = {
    "US": ["Street", "Avenue", "Drive", "Lane", "Road", "Boulevard", "Court", "Place", "Way", "Terrace", "Parkway",
           "Circle", "Trail"],
    "CA": ["Street", "Avenue", "Crescent", "Drive", "Road", "Boulevard", "Court", "Lane", "Way", "Gate"],
    "AU": ["Street", "Road", "Parade", "Avenue", "Crescent", "Close", "Place", "Way", "Drive", "Esplanade"],
    "UK": ["Road", "Street", "Lane", "Close", "Crescent", "Gardens", "Grove", "Mews", "Terrace", "Way", "Avenue", "Row",
           "Walk"],
    "IE": ["Road", "Park", "Avenue", "Lawn", "Drive", "Grove", "Terrace", "Court", "Heights", "Crescent", "View"],
}
EU_STREETS = {
    "DE": ["Lindenweg", "Birkenstrasse", "Kastanienallee", "Holunderweg", "Muehlengasse", "Ahornring",
           "Eschenstrasse", "Wacholderweg", "Am Kirschgarten", "Schlehenpfad", "Fichtenplatz", "Hopfenstrasse"],
    "FR": ["rue des Tanneurs", "rue du Moulin Vert", "avenue des Tilleuls", "impasse des Glycines",
           "boulevard des Cordiers", "chemin des Vignes", "allee des Saules", "rue des Capucines"],
    "NL": ["Lindelaan", "Wilgenstraat", "Kastanjeweg", "Berkenhof", "Meidoornlaan", "Vlierstraat", "Hazelaarweg",
           "Iepenplein"],
    "ES": ["Calle del Olivo", "Calle de los Almendros", "Avenida de los Pinos", "Calle de la Higuera",
           "Paseo de las Acacias", "Calle del Romero", "Travesia del Laurel"],
    "IT": ["Via dei Gelsi", "Via delle Robinie", "Via del Melograno", "Corso dei Tigli", "Viale delle Acacie",
           "Via del Carpino", "Vicolo dei Noci"],
    "BE": ["Kerkstraat", "Rue des Alouettes", "Lindenlaan", "Avenue des Hirondelles", "Populierenstraat",
           "Rue du Verger"],
    "PL": ["ulica Lipowa", "ulica Jarzebinowa", "ulica Kasztanowa", "ulica Wierzbowa", "aleja Brzozowa",
           "ulica Klonowa"],
    "PT": ["Rua dos Loureiros", "Travessa das Amoreiras", "Avenida dos Cedros", "Rua das Oliveiras",
           "Rua do Salgueiro"],
}
US_STATES_ABBR = {"Illinois": "IL", "Washington": "WA", "Idaho": "ID", "Ohio": "OH", "Georgia": "GA",
                  "Nebraska": "NE", "Wisconsin": "WI", "Texas": "TX", "Oregon": "OR"}

COMPANY_WORDS = _words("""
Harbor, Larch, Tallow, Brightwater, Kestrel, Granite, Meridian, Copperline, Fernhill, Bluewater, Northwind,
Oakridge, Silverline, Redfern, Lakeshore, Hawthorn, Summit, Clearview, Riverbend, Whitestone, Greenway, Evergreen,
Ironbridge, Sandpiper, Westmoor, Ashford, Bramble, Corrib, Liffey, Shannon, Wattle, Banksia, Maplestone, Prairie,
Seabright, Thornbury, Vantage, Willowbank, Zephyr, Quayside
""")


# the written form keeps a name's accents; tiny.en writes it plain (or as heard, see HEARD)
ACCENTED = {
    "Siobhan": "Siobhán", "Roisin": "Róisín", "Sinead": "Sinéad", "Lucia": "Lucía", "Ines": "Inés", "Joao": "João",
    "Jurgen": "Jürgen", "Lukasz": "Łukasz", "Malgorzata": "Małgorzata", "Pawel": "Paweł", "Michal": "Michał",
    "Wisniewska": "Wiśniewska", "Garcia": "García", "Fernandez": "Fernández", "Lopez": "López", "Martinez": "Martínez",
    "Schafer": "Schäfer", "Kruger": "Krüger", "Lefevre": "Lefèvre", "Guerin": "Guérin", "Elodie": "Élodie",
    "Clemence": "Clémence", "Gaelle": "Gaëlle", "Ozturk": "Öztürk", "Nystrom": "Nyström", "Bjorn": "Björn",
    "Goncalo": "Gonçalo", "Goncalves": "Gonçalves", "Alvaro": "Álvaro", "Inigo": "Iñigo", "Joaquin": "Joaquín",
    "Rocio": "Rocío", "Padraig": "Pádraig", "Oisin": "Oisín", "Ciaran": "Ciarán", "Grainne": "Gráinne", "Brid": "Bríd",
    "Dorte": "Dörte", "Theo": "Théo", "Solene": "Solène", "Aurelien": "Aurélien", "Oceane": "Océane",
    "Severine": "Séverine", "Maelys": "Maëlys", "Wojcik": "Wójcik", "Dabrowski": "Dąbrowski", "Stepien": "Stępień",
    "Wrobel": "Wróbel", "Jablonski": "Jabłoński", "Szymanska": "Szymańska", "Kaminski": "Kamiński",
    "Zielinski": "Zieliński", "Ayse": "Ayşe", "Sahin": "Şahin", "Celik": "Çelik", "Echeverria": "Echeverría",
    "Vazquez": "Vázquez", "Dominguez": "Domínguez", "Sanchez": "Sánchez", "Rodriguez": "Rodríguez", "Gomez": "Gómez",
    "Dvorak": "Dvořák", "Horvath": "Horváth", "Laszlo": "László", "Zsofia": "Zsófia", "Ondrej": "Ondřej",
    "Ni Bhriain": "Ní Bhriain", "Mac Giolla Phadraig": "Mac Giolla Phádraig", "Krakow": "Kraków",
}


@dataclass(frozen=True)
class Person:
    first: str
    last: str

    @property
    def female(self) -> bool:
        return self.first in FEMALE_HINT


def _written_name(n: str) -> str:
    return ACCENTED.get(n, n)


def _heard_name(n: str, rng: random.Random) -> str:
    if n in HEARD and rng.random() < 0.6:
        return HEARD[n]
    return n


def name_piece(p: Person, rng: random.Random, part: str = "full", rep: bool = False) -> Piece:
    """A person's name ('full', 'first' or 'last') as a labelled value."""
    if part == "first":
        w, a = _written_name(p.first), _heard_name(p.first, rng)
    elif part == "last":
        w, a = _written_name(p.last), _heard_name(p.last, rng)
    else:
        w = f"{_written_name(p.first)} {_written_name(p.last)}"
        a = f"{_heard_name(p.first, rng)} {_heard_name(p.last, rng)}"
    return E("person", w, a, rep)


def spellable(last: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z]{3,11}", last))


def spell_piece(last: str, rng: random.Random) -> Piece:
    """A surname spelled out ('S-M-Y-T-H', 'H, O, double L, O, W, A, Y', 'K for kilo, I, M')."""
    letters = last.upper()
    style = rng.choice(("dash", "dash", "space", "comma", "double", "nato"))
    items: list[str] = []
    i = 0
    while i < len(letters):
        if style == "double" and i + 1 < len(letters) and letters[i] == letters[i + 1]:
            items.append(f"double {letters[i]}")
            i += 2
            continue
        items.append(letters[i])
        i += 1
    if style == "nato":
        items[0] = f"{items[0]} for {NATO_OF[items[0]]}"
    if style == "dash":
        w = "-".join(items)
    elif style == "space":
        w = " ".join(items)
    else:
        w = ", ".join(items)
    a = rng.choice(("-".join(letters), " ".join(letters), " ".join(letters), " ".join(items).replace(",", "")))
    if style == "nato" and rng.random() < 0.5:
        a = f"{letters[0]} for {NATO_OF[letters[0]]} " + " ".join(letters[1:])
    return E("person", w, a)


def make_person(rng: random.Random) -> Person:
    return Person(rng.choice(GIVEN), rng.choice(SURNAMES))


# ---- cards ---------------------------------------------------------------------------------------------------

CARD_FIXED = ["4242424242424242", "4111111111111111", "4000056655665556", "5555555555554444", "5200828282828210",
              "5105105105105100", "378282246310005", "371449635398431", "6011111111111117", "6011000990139424",
              "4012888888881881", "2223003122003222", "3566002020360505", "30569309025904", "38520000023237",
              "4000002500003155", "4000000000003220", "5454545454545454", "340000000000009", "6200000000000005"]
CARD_PREFIXES = ["400000", "411111", "424242", "401288", "555555", "510510", "222300", "378282", "371449", "601100",
                 "353011", "305693", "520082"]


def make_card(rng: random.Random) -> str:
    """A test-range card number that passes Luhn (a published test number, or one built on a test prefix)."""
    if rng.random() < 0.45:
        n = rng.choice(CARD_FIXED)
    else:
        prefix = rng.choice(CARD_PREFIXES)
        length = 15 if prefix.startswith(("34", "37")) else 14 if prefix.startswith(("30", "36", "38")) else 16
        body = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
        n = body + luhn_digit(body)
    assert luhn_ok(n), n
    return n


def card_groups(n: str) -> list[int]:
    return {16: [4, 4, 4, 4], 15: [4, 6, 5], 14: [4, 6, 4]}[len(n)]


def card_brand(n: str) -> str:
    if n.startswith(("34", "37")):
        return "Amex"
    if n.startswith(("30", "36", "38")):
        return "Diners"
    if n.startswith("35"):
        return "JCB"
    if n.startswith("62"):
        return "UnionPay"
    if n.startswith("6"):
        return "Discover"
    if n.startswith(("5", "2")):
        return "Mastercard"
    return "Visa"


def say_digits(ds: str, groups: Sequence[int], rng: random.Random, **kw: float) -> tuple[str, str]:
    """``speak_number`` with a check that both renderings read back to ``ds``."""
    for _ in range(30):  # a rendering that reads back ambiguously ('one thirty, four') is drawn again
        w, a = speak_number(ds, groups, rng, **kw)  # type: ignore[arg-type]
        if digits_of(w) == ds and digits_of(a) == ds:
            return w, a
    raise AssertionError(f"no unambiguous rendering of {ds} in groups {groups}")


def card_value(ds: str, groups: Sequence[int], rng: random.Random) -> Piece:
    w, a = say_digits(ds, groups, rng, numeric_p=0.35, pairs_p=0.3, regroup_p=0.3)
    return E("card", w, a)


def cvv_value(ds: str, rng: random.Random) -> Piece:
    r = rng.random()
    if r < 0.15:
        w = "-".join(ONES[int(c)] if c != "0" else "zero" for c in ds)
        a = rng.choice((ds, "-".join(ds), " ".join(ds)))
    elif r < 0.3:
        w = ds
        a = rng.choice((ds, " ".join(ds)))
    else:
        w, a = say_digits(ds, [len(ds)], rng, numeric_p=0.15, pairs_p=0.35, regroup_p=0.0)
    assert digits_of(w) == ds and digits_of(a) == ds, (w, a)
    return E("cvv", w, a)


# ---- expiry --------------------------------------------------------------------------------------------------


def _mm_words(m: int, rng: random.Random) -> tuple[str, str]:
    """A month number said: 'oh nine' / 'zero nine' / 'nine' / 'eleven' (and tiny.en's '09', 'o9', '9')."""
    if m >= 10:
        return two_words(m), str(m)
    w = rng.choice(("oh ", "oh ", "zero ", "")) + ONES[m]
    a = rng.choice((f"0{m}", f"0{m}", f"o{m}", f"0 {m}", f"oh {m}")) if w.startswith(("oh", "zero")) else str(m)
    return w, a


def _yy_words(y: int, rng: random.Random) -> tuple[str, str]:
    """A two-digit year said: 'twenty-eight' (or 'two eight')."""
    yy = y % 100
    if rng.random() < 0.15:
        return f"{ONES[yy // 10]} {ONES[yy % 10]}", rng.choice((f"{yy}", f"{yy // 10} {yy % 10}"))
    return two_words(yy), rng.choice((str(yy), str(yy), two_words(yy).replace("-", " ")))


def expiry_value(m: int, y: int, rng: random.Random) -> Piece:
    """A card's expiry in one of many spoken and written forms (month/year)."""
    yy = y % 100
    mw, ma = _mm_words(m, rng)
    yw, ya = _yy_words(y, rng)
    mon = MONTHS[m - 1]
    form = rng.randrange(22)
    if form == 0:
        w, a = f"{m:02d}/{yy}", rng.choice((f"{m:02d}/{yy}", f"{m:02d} {yy}", f"{m}/{yy}"))
    elif form == 1:
        w, a = f"{m}/{yy}", rng.choice((f"{m}/{yy}", f"{m} {yy}"))
    elif form == 2:
        w, a = f"{m:02d}/{y}", rng.choice((f"{m:02d}/{y}", f"{m:02d} {y}"))
    elif form in (3, 4):
        w, a = f"{mw} {yw}", f"{ma} {ya}"
    elif form == 5:
        w, a = f"{mw} slash {yw}", rng.choice((f"{ma} slash {ya}", f"{ma}/{ya}".replace(" ", "")))
    elif form == 6:
        w = f"{mw} slash {ONES[yy // 10]} {ONES[yy % 10]}"
        a = rng.choice((f"{ma}/{yy}".replace(" ", ""), f"{ma} slash {yy // 10} {yy % 10}"))
    elif form in (7, 8):
        w, a = f"{mon} {two_words(yy)}", rng.choice((f"{mon} {yy}", f"{mon} {two_words(yy).replace('-', ' ')}"))
    elif form == 9:
        w, a = f"{mon} {y}", f"{mon} {y}"
    elif form == 10:
        w, a = f"{mon} of {two_words(yy)}", f"{mon} of {yy}"
    elif form == 11:
        w, a = f"{MON_ABBR[m - 1]} '{yy}", rng.choice((f"{MON_ABBR[m - 1]} {yy}", f"{mon} '{yy}"))
    elif form == 12:
        w, a = f"{mw}, two thousand {two_words(yy)}", f"{ma} {y}"
    elif form == 13:
        w, a = f"{ONES[m] if m < 10 else two_words(m)} {yw}", f"{m} {ya}"
    elif form == 14:
        w, a = f"{ONES[m] if m < 10 else two_words(m)} dash {two_words(yy)}", rng.choice((f"{m}-{yy}", f"{m} dash {yy}"))
    elif form == 15:
        w, a = f"month {mw}, year {yw}", f"month {ma} year {ya}"
    elif form == 16:
        w, a = f"{m:02d} {yy}", rng.choice((f"{m:02d} {yy}", f"{m:02d}{yy}"))
    elif form == 17:
        w, a = f"{mon} twenty {two_words(yy)}", rng.choice((f"{mon} {y}", f"{mon} 20 {yy}"))
    elif form == 18:
        w, a = f"{mw} of {yw}", f"{ma} of {ya}"
    elif form == 19:
        w, a = f"{mon} '{yy}", rng.choice((f"{mon} {yy}", f"{mon} '{yy}"))
    elif form == 20:
        w = f"{'oh' if m < 10 else ''} {' '.join(ONES[int(c)] for c in str(m))} {ONES[yy // 10]} {ONES[yy % 10]}"
        w = w.strip()
        a = rng.choice((f"{m:02d}{yy}", f"{m:02d} {yy}", f"0 {m} {yy // 10} {yy % 10}" if m < 10 else f"{m} {yy}"))
    else:
        w, a = f"the {ord_words(m)} month, {two_words(yy)}", f"the {ord_num(m)} month {yy}"
    return E("expiry", w, a)


# ---- bank ----------------------------------------------------------------------------------------------------


def speak_code(code: str, groups: Sequence[int], rng: random.Random, *, print_p: float = 0.35,
               nato_p: float = 0.2, asin_p: float = 0.15, pairs_p: float = 0.25) -> tuple[str, str]:
    """A code of letters and digits (IBAN, postcode, licence) said in ``groups``: letters plain, in the
    spelling alphabet ('delta echo') or 'D as in David'; digits one by one or in pairs. Both renderings
    read back to ``code`` (checked); tiny.en never writes a zero as 'o' here (it would read as the letter)."""
    chunks, i = [], 0
    for n in groups:
        chunks.append(code[i:i + n])
        i += n
    assert "".join(chunks) == code
    if rng.random() < print_p:
        w = " ".join(chunks)
        r = rng.random()
        if r < 0.45:
            a = w
        elif r < 0.6:
            a = w.lower()
        elif r < 0.75:
            a = code
        else:
            a = " ".join(code)
    else:
        lstyle = rng.choices(("plain", "nato", "asin"), (1 - nato_p - asin_p, nato_p, asin_p))[0]
        zero = "oh" if rng.random() < 0.6 else "zero"
        sep = rng.choice((", ", ", ", " "))
        wparts, aparts = [], []
        for c in chunks:
            wbits, abits = [], []
            for run in re.findall(r"[A-Z]+|[0-9]+", c):
                if run.isdigit():
                    units = pair_units(run, rng, zero) if len(run) >= 2 and rng.random() < pairs_p else \
                        digit_units(run, rng, zero)
                    wbits.extend(u[0] for u in units)
                    abits.append(units_asr(units, rng, allow_o=False))
                    continue
                for ch in run:
                    if lstyle == "nato":
                        wbits.append(NATO_OF[ch])
                        abits.append(NATO_OF[ch] if rng.random() < 0.5 else ch)
                    elif lstyle == "asin" and rng.random() < 0.5:
                        word = rng.choice(AS_IN[ch])
                        wbits.append(f"{ch} as in {word}")
                        abits.append(f"{ch} as in {word}" if rng.random() < 0.6 else ch)
                    else:
                        wbits.append(ch)
                        abits.append(ch)
            wparts.append(" ".join(wbits))
            glue = "" if all(len(b) <= 4 and " " not in b and b.isalnum() for b in abits) and rng.random() < 0.5 \
                else " "
            aparts.append(glue.join(abits))
        w = sep.join(wparts)
        a = rng.choice((" ", " ", ", ")).join(aparts)
    if code_of(w) != code:
        w = " ".join(code)
    if code_of(a) != code:
        a = " ".join(code)
    return w, a


def iban_groups(iban: str) -> list[int]:
    return [4] * (len(iban) // 4) + ([len(iban) % 4] if len(iban) % 4 else [])


def iban_value(code: str, groups: Sequence[int], rng: random.Random) -> Piece:
    w, a = speak_code(code, groups, rng, print_p=0.3)
    return E("iban", w, a)


def digits_value(label: str, ds: str, groups: Sequence[int], rng: random.Random, **kw: float) -> Piece:
    w, a = say_digits(ds, groups, rng, **kw)
    return E(label, w, a)


def rand_digits(rng: random.Random, n: int, first: str = "123456789") -> str:
    return rng.choice(first) + "".join(rng.choice("0123456789") for _ in range(n - 1))


# ---- dates of birth ------------------------------------------------------------------------------------------


def _year_full(y: int, rng: random.Random) -> tuple[str, str]:
    if y < 2000:
        return f"nineteen {two_words(y % 100)}", str(y)
    if y % 100 == 0:
        return "two thousand", str(y)
    return rng.choice(("two thousand and ", "two thousand ")) + ONES[y % 100], str(y)


def _year_short(y: int, rng: random.Random) -> tuple[str, str]:
    yy = y % 100
    if y >= 2000:
        if yy == 0:
            return "two thousand", "2000"
        return f"oh {ONES[yy]}", rng.choice((f"0{yy}", f"0{yy}", f"o{yy}", f"oh {yy}"))
    return two_words(yy), rng.choice((str(yy), str(yy), str(yy), two_words(yy).replace("-", " ")))


def _month_num(m: int, rng: random.Random) -> tuple[str, str]:
    if m >= 10:
        return two_words(m), str(m)
    return rng.choice(("oh ", "oh ", "zero ")) + ONES[m], rng.choice((f"0{m}", f"0{m}", f"o{m}", f"0 {m}"))


DOB_FORMS = 27


def dob_text(y: int, m: int, d: int, rng: random.Random, country: str, form: int | None = None) -> tuple[str, str]:
    """A date of birth said or written in one of ``DOB_FORMS`` ways (day-first and month-first)."""
    if form is None:
        form = rng.randrange(DOB_FORMS)
    mon, ab, yy = MONTHS[m - 1], MON_ABBR[m - 1], y % 100
    yfw, yfa = _year_full(y, rng)
    ysw, ysa = _year_short(y, rng)
    mnw, mna = _month_num(m, rng)
    us = country in ("US", "CA") and rng.random() < 0.85
    if form == 0:
        return f"the {ord_words(d)} of {mon}, {ysw}", f"the {ord_num(d)} of {mon} {ysa}"
    if form == 1:
        return f"the {ord_words(d)} of {mon}, {yfw}", f"the {ord_num(d)} of {mon} {yfa}"
    if form == 2:
        return f"{mon} {ord_words(d)}, {yfw}", rng.choice((f"{mon} {ord_num(d)} {yfa}", f"{mon} {d}, {yfa}"))
    if form == 3:
        return f"{mon} {ord_num(d)} {y}", rng.choice((f"{mon} {ord_num(d)} {y}", f"{mon} {d} {y}"))
    if form == 4:
        s = f"{m:02d}/{d:02d}/{y}" if us else f"{d:02d}/{m:02d}/{y}"
        return s, rng.choice((s, s.replace("/", " "), s.replace("/", "-")))
    if form == 5:
        s = f"{m}/{d}/{yy:02d}" if us else f"{d}/{m}/{yy:02d}"
        return s, rng.choice((s, s.replace("/", " ")))
    if form in (6, 7):
        dw = two_words(d)
        if us or form == 6:
            return f"{mnw}, {dw}, {ysw}", rng.choice((f"{mna} {d} {ysa}", f"{mna}, {d}, {ysa}", f"{mna} {d:02d} {ysa}"))
        return f"{dw}, {mnw}, {ysw}", rng.choice((f"{d} {mna} {ysa}", f"{d:02d}, {mna}, {ysa}"))
    if form == 8:  # said after "born in"
        return f"'{yy:02d}, {mon} {ord_words(d)}", rng.choice((f"{yy:02d} {mon} {ord_num(d)}", f"'{yy:02d} {mon} {d}"))
    if form == 9:
        return f"{ord_words(d)} of the {ord_words(m)}, {ysw}", f"{ord_num(d)} of the {ord_num(m)} {ysa}"
    if form == 10:
        return f"{two_words(d)} {mon} {yfw}", f"{d} {mon} {yfa}"
    if form == 11:
        return f"{mon} {two_words(d)}, {ysw}", rng.choice((f"{mon} {d} {ysa}", f"{mon} {d}, {ysa}"))
    if form == 12:
        s = f"{d:02d}.{m:02d}.{y}"
        return s, rng.choice((s, f"{d:02d} {m:02d} {y}", f"{d}.{m}.{y}"))
    if form == 13:
        s = f"{y}-{m:02d}-{d:02d}"
        return s, rng.choice((s, f"{y} {m:02d} {d:02d}"))
    if form == 14:
        return f"{mon} the {ord_words(d)}, {ysw}", f"{mon} the {ord_num(d)} {ysa}"
    if form == 15:
        return f"{ab} {d}, '{yy:02d}", rng.choice((f"{mon} {d} {yy:02d}", f"{ab} {d} '{yy:02d}"))
    if form == 16:
        return f"{d} {ab} {y}", rng.choice((f"{d} {mon} {y}", f"{d} {ab} {y}"))
    if form == 17:
        return f"{yfw}, {mon} the {ord_words(d)}", f"{yfa} {mon} the {ord_num(d)}"
    if form == 18:
        first, second = (mnw, two_words(d)) if us else (two_words(d), mnw)
        fa, sa = (f"{m:02d}", f"{d:02d}") if us else (f"{d:02d}", f"{m:02d}")
        return f"{first} {second} {ysw}", rng.choice((f"{fa}{sa}{yy:02d}", f"{fa} {sa} {yy:02d}"))
    if form == 19:
        s = f"{m}-{d}-{yy:02d}" if us else f"{d}-{m}-{yy:02d}"
        return s, s
    if form == 20:
        return f"the {ord_num(d)} of {mon} '{yy:02d}", f"the {ord_num(d)} of {mon} {yy:02d}"
    if form == 21:
        a, b = (m, d) if us else (d, m)
        return f"{two_words(a)} {two_words(b)} {ysw}", f"{a} {b} {ysa}"
    if form == 22:
        return f"the {ord_words(d)}, {mon}, {ysw}", f"the {ord_num(d)} {mon} {ysa}"
    if form == 23:
        ds = f"{m:02d}{d:02d}{y}" if us else f"{d:02d}{m:02d}{y}"
        w, _ = speak_number(ds, [2, 2, 4], rng, numeric_p=0.0, pairs_p=0.0, regroup_p=0.0)
        return w, rng.choice((f"{ds[:2]} {ds[2:4]} {ds[4:]}", " ".join(ds)))
    if form == 24:
        return f"{mon} {two_words(d)} {yfw}", f"{mon} {d} {yfa}"
    if form == 25:
        return f"{ord_words(d)} {mon} {ysw}", f"{ord_num(d)} {mon} {ysa}"
    return f"{mon} {ord_num(d)}, {y}", rng.choice((f"{mon} {ord_num(d)}, {y}", f"{mon} {ord_num(d)} {y}"))


def dob_value(y: int, m: int, d: int, rng: random.Random, country: str, form: int | None = None) -> Piece:
    w, a = dob_text(y, m, d, rng, country, form)
    return E("dob", w, a)


def make_dob(rng: random.Random) -> tuple[int, int, int]:
    y = rng.randint(1941, 2006)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    return y, m, d


# ---- addresses -----------------------------------------------------------------------------------------------


def _house_number(n: int, rng: random.Random) -> tuple[str, str]:
    """A house number: written as digits mostly, or as said ('fourteen twenty-seven')."""
    if rng.random() < 0.72:
        return str(n), str(n)
    s = str(n)
    if len(s) <= 2:
        return two_words(n), str(n)
    w, _ = speak_number(s, [len(s)], rng, numeric_p=0.0, pairs_p=0.7, regroup_p=0.0)
    return w, rng.choice((s, s, " ".join([s[:len(s) // 2], s[len(s) // 2:]])))


def street_value(country: str, rng: random.Random) -> Piece:
    """A street line with house number and, often, a flat / apartment / unit / suite."""
    root = rng.choice(STREET_ROOTS)
    r = rng.random()
    if country in EU_STREETS:
        st = rng.choice(EU_STREETS[country])
        n = rng.randint(1, 180)
        nw, na = _house_number(n, rng)
        extra_w = extra_a = ""
        if r < 0.35:
            opts = {"DE": [(f"{ONES[rng.randint(1, 5)]}th floor", None)],
                    "FR": [(f"appartement {rng.randint(1, 40)}", None)],
                    "NL": [(rng.choice(("A", "B", "bis")), None)], "ES": [(f"piso {rng.randint(1, 9)}", None)],
                    "IT": [(f"interno {rng.randint(1, 30)}", None)], "BE": [(f"bus {rng.randint(1, 12)}", None)],
                    "PL": [(f"flat {rng.randint(1, 60)}", None)], "PT": [(f"{rng.randint(1, 6)} esquerdo", None)]}
            extra_w = opts[country][0][0].replace("oneth", "first").replace("twoth", "second").replace(
                "threeth", "third").replace("fiveth", "fifth")
            extra_a = extra_w
        if country == "FR":
            w, a = f"{nw} {st}", f"{na} {st}"
            if extra_w:
                w, a = f"{w}, {extra_w}", f"{a} {extra_a}"
        else:
            w, a = f"{st} {nw}", f"{st} {na}"
            if extra_w:
                sep = " " if country == "NL" else ", "
                w, a = f"{w}{sep}{extra_w}", f"{a} {extra_a}"
        return E("address", w, a)
    st_type = rng.choice(STREET_TYPES[country])
    n = rng.randint(100, 9899) if country == "US" else rng.randint(1, 420)
    nw, na = _house_number(n, rng)
    base_w, base_a = f"{nw} {root} {st_type}", f"{na} {root} {st_type}"
    if country == "US":
        if r < 0.1:
            box = str(rng.randint(100, 9999))
            return E("address", f"P.O. Box {box}", rng.choice((f"P.O. Box {box}", f"PO Box {box}", f"P O box {box}")))
        if r < 0.55:
            u = rng.choice((f"{rng.randint(1, 30)}{rng.choice('ABCDEF')}", str(rng.randint(101, 2450))))
            kind = rng.choice(("Apartment", "Apt", "Unit", "Suite", "#"))
            uw = f"#{u}" if kind == "#" else f"{kind} {u}"
            ua = rng.choice((f"number {u}", f"#{u}")) if kind == "#" else rng.choice((f"{kind} {u}", f"{kind.lower()} {u}"))
            return E("address", f"{base_w}, {uw}", f"{base_a} {ua}")
        return E("address", base_w, base_a)
    if country == "UK" and r < 0.4:
        f = rng.randint(1, 24)
        return E("address", f"Flat {rng.choice((str(f), two_words(f)))}, {base_w}", f"flat {f} {base_a}")
    if country == "IE" and r < 0.35:
        f = rng.randint(1, 40)
        return E("address", f"Apartment {f}, {base_w}", rng.choice((f"apartment {f} {base_a}", f"Apartment {f}, {base_a}")))
    if country == "CA" and r < 0.4:
        u = rng.randint(101, 2409)
        if rng.random() < 0.5:
            return E("address", f"{u}-{n} {root} {st_type}", f"{u} {n} {root} {st_type}")
        return E("address", f"Unit {u}, {base_w}", f"unit {u} {base_a}")
    if country == "AU" and r < 0.45:
        u = rng.randint(1, 30)
        if rng.random() < 0.5:
            return E("address", f"{u}/{n} {root} {st_type}", rng.choice((f"{u}/{n} {root} {st_type}",
                                                                        f"{u} {n} {root} {st_type}")))
        return E("address", f"Unit {u}, {base_w}", f"unit {u} {base_a}")
    return E("address", base_w, base_a)


UK_AREAS = ["LS", "M", "B", "SW", "NE", "CF", "G", "EH", "BS", "NG", "L", "S", "OX", "CB", "EX", "NR", "PR", "DE", "SK",
            "RG", "LA", "HU", "YO", "TN"]
EIR_KEYS = ["D02", "D08", "D6W", "H91", "T12", "V94", "A65", "F92", "X91", "R95", "P31", "Y35", "W23", "K78"]
CA_FIRST = "ABCEGHJKLMNPRSTVXY"


def make_postcode(country: str, rng: random.Random) -> tuple[str, list[int]]:
    """A postcode in the country's shape, and how it is grouped when said."""
    if country == "US":
        z = f"{rng.randint(1000, 99950):05d}"
        if rng.random() < 0.15:
            return f"{z}-{rng.randint(1000, 9999)}", [5, 1, 4]
        return z, [5]
    if country == "UK":
        out = rng.choice(UK_AREAS) + str(rng.randint(1, 29))
        inw = str(rng.randint(0, 9)) + "".join(rng.choice("ABDEFGHJLNPQRSTUWXYZ") for _ in range(2))
        return f"{out} {inw}", [len(out), 1, 3]
    if country == "IE":
        u = "".join(rng.choice("ACDEFHKNPRTVWXY0123456789") for _ in range(4))
        return f"{rng.choice(EIR_KEYS)} {u}", [3, 1, 4]
    if country == "CA":
        a = rng.choice(CA_FIRST) + str(rng.randint(0, 9)) + rng.choice("ABCEGHJKLMNPRSTVWXYZ")
        b = str(rng.randint(0, 9)) + rng.choice("ABCEGHJKLMNPRSTVWXYZ") + str(rng.randint(0, 9))
        return f"{a} {b}", [3, 1, 3]
    if country == "AU":
        return str(rng.choice((2, 3, 4, 6, 7)) * 1000 + rng.randint(0, 999)), [4]
    if country == "NL":
        return f"{rng.randint(1011, 9999)} {rng.choice('BCDEGHJKLMNPRTVWXZ')}{rng.choice('ABCDEGHJKLMNPRTVWXZ')}", [4, 1, 2]
    if country == "BE":
        return str(rng.randint(1000, 9992)), [4]
    if country == "PL":
        return f"{rng.randint(0, 99):02d}-{rng.randint(0, 999):03d}", [2, 1, 3]
    if country == "PT":
        return f"{rng.randint(1000, 9999)}-{rng.randint(0, 999):03d}", [4, 1, 3]
    return f"{rng.randint(1000, 98999):05d}", [5]


def postcode_value(country: str, rng: random.Random, made: tuple[str, list[int]] | None = None) -> Piece:
    """A ZIP / postcode / Eircode as its own value, printed or said ('L S six, two Q T')."""
    pc, groups = made or make_postcode(country, rng)
    compact = re.sub(r"[ -]", "", pc)
    if compact.isdigit():
        g = [n for n in groups if n != 1]
        if rng.random() < 0.5:
            w = pc
            a = rng.choice((pc, pc, " ".join(compact) if len(compact) <= 5 else pc))
        else:
            w, a = say_digits(compact, g, rng, numeric_p=0.0, pairs_p=0.35, regroup_p=0.0)
            if "-" in pc:
                a = pc if rng.random() < 0.5 else a
        return E("address", w, a)
    if rng.random() < 0.45:
        return E("address", pc, rng.choice((pc, pc, pc.lower(), compact, " ".join(compact))))
    w, a = speak_code(compact, [n for n in groups if n != 1], rng, print_p=0.0, nato_p=0.12, asin_p=0.12,
                      pairs_p=0.1)
    return E("address", w, a)


def address_pieces(country: str, rng: random.Random, street: Piece | None = None,
                   post: Piece | None = None) -> list[Piece]:
    """A full address: street line, the town / state beside it (ignored), the postcode (its own value)."""
    street = street or street_value(country, rng)
    post = post or postcode_value(country, rng)
    city, region = rng.choice(CITIES[country])
    if country == "US":
        reg = region if rng.random() < 0.5 else US_STATES_ABBR.get(region, region)
        return [street, T(", "), Ig(city), T(", "), Ig(reg), T(" "), post]
    if country in ("CA",):
        return [street, T(", "), Ig(city), T(", "), Ig(region), T(", "), post]
    if country == "AU":
        return [street, T(", "), Ig(city), T(" "), Ig(region), T(" "), post]
    if country in ("UK", "IE"):
        bits: list[Piece] = [street, T(", "), Ig(_written_name(city), city)]
        if region and rng.random() < 0.6:
            bits += [T(", "), Ig(region)]
        return bits + [T(", "), post]
    return [street, T(", "), post, T(" "), Ig(_written_name(city), city)]


# ---- e-mail --------------------------------------------------------------------------------------------------

DOMAINS = {
    "US": ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "aol.com", "proton.me"],
    "CA": ["gmail.com", "hotmail.ca", "outlook.com", "shaw.ca", "icloud.com"],
    "AU": ["gmail.com", "bigpond.com", "outlook.com.au", "icloud.com", "yahoo.com.au"],
    "UK": ["gmail.com", "outlook.com", "yahoo.co.uk", "btinternet.com", "hotmail.co.uk", "icloud.com"],
    "IE": ["gmail.com", "eircom.net", "outlook.ie", "hotmail.com", "icloud.com"],
    "DE": ["gmx.de", "web.de", "gmail.com", "t-online.de"], "FR": ["orange.fr", "gmail.com", "free.fr", "laposte.net"],
    "NL": ["ziggo.nl", "gmail.com", "kpnmail.nl", "outlook.com"], "ES": ["gmail.com", "telefonica.net", "hotmail.es"],
    "IT": ["libero.it", "gmail.com", "virgilio.it", "tiscali.it"], "BE": ["telenet.be", "skynet.be", "gmail.com"],
    "PL": ["wp.pl", "onet.pl", "gmail.com", "o2.pl"], "PT": ["sapo.pt", "gmail.com", "clix.pt"],
}


def _ascii(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()


@dataclass(frozen=True)
class Email:
    toks: tuple[str, ...]  # local part: name bits, '.', '_', '-', digits
    domain: str
    last: str  # the surname bit, which may be spelled out


def make_email(p: Person, country: str, rng: random.Random, company_domain: str | None = None) -> Email:
    """An e-mail address built from the person's name."""
    first = re.sub(r"[^a-z]", "", _ascii(p.first))
    last = re.sub(r"[^a-z]", "", _ascii(p.last))
    num = str(rng.choice((rng.randint(1, 99), rng.randint(1960, 2005), 7, 88, 23)))
    shape = rng.randrange(7)
    toks: list[str]
    if shape == 0:
        toks = [first, ".", last]
    elif shape == 1:
        toks = [first[0], last]
    elif shape == 2:
        toks = [first, "_", last, num]
    elif shape == 3:
        toks = [last, first[0], num]
    elif shape == 4:
        toks = [first, num]
    elif shape == 5:
        toks = [first, "-", last]
    else:
        toks = [first[0], ".", last, num]
    domain = company_domain or rng.choice(DOMAINS[country])
    return Email(tuple(toks), domain, last)


def email_value(em: Email, rng: random.Random) -> Piece:
    """An e-mail said ('jane dot doe at outlook dot com'), with the surname spelled, or written out; tiny.en
    runs some of it together ('jane.doe@outlook.com', 'jane dot doe at outlook.com')."""
    toks, domain, last = em.toks, em.domain, em.last
    literal = "".join(toks) + "@" + domain
    spell_last = rng.random() < 0.18 and last in toks
    wbits, abits = [], []
    for t in toks:
        if t == ".":
            wbits.append("dot")
            abits.append(rng.choice(("dot", ".")))
        elif t == "_":
            wbits.append("underscore")
            abits.append(rng.choice(("underscore", "_")))
        elif t == "-":
            wbits.append(rng.choice(("dash", "hyphen")))
            abits.append(rng.choice(("dash", "-")))
        elif t.isdigit():
            if len(t) == 4 and rng.random() < 0.6:
                wbits.append(f"{two_words(int(t[:2]))} {two_words(int(t[2:]))}" if t[2] != "0" else " ".join(
                    ONES[int(c)] for c in t))
            elif rng.random() < 0.5:
                wbits.append(" ".join(ONES[int(c)] for c in t))
            else:
                wbits.append(two_words(int(t)) if len(t) <= 2 and t[0] != "0" else " ".join(ONES[int(c)] for c in t))
            abits.append(t)
        elif len(t) == 1:
            wbits.append(t)
            abits.append(t)
        elif spell_last and t == last:
            wbits.append(f"{t}, {'-'.join(t.upper())},")
            abits.append(t)
        else:
            wbits.append(t)
            abits.append(t)
    dom_w = " dot ".join(domain.split("."))
    r = rng.random()
    if r < 0.2:
        w = literal
    else:
        w = " ".join(wbits) + " at " + dom_w
        w = w.replace(", at", " at")
    r = rng.random()
    if r < 0.4:
        a = literal
    elif r < 0.65:
        a = " ".join(abits).replace(" . ", ".").replace(" _ ", "_").replace(" - ", "-") + " at " + domain
    elif r < 0.8:
        a = "".join(x for x in abits if x not in ("dot", "underscore", "dash")) + " at " + domain
    else:
        a = " ".join(abits).replace(" . ", ".").replace(" _ ", "_") + " at " + dom_w
    a = re.sub(r"\s+", " ", a).strip()
    return E("email", w.strip(), a)


# ---- phones --------------------------------------------------------------------------------------------------

US_AREAS = ["312", "206", "512", "614", "303", "919", "402", "608", "915", "978", "423", "541", "218", "208", "912",
            "520", "518", "559"]
CA_AREAS = ["416", "604", "514", "403", "613", "902", "306", "519", "506", "250"]
UK_CITY = ["0113", "0114", "0115", "0116", "0117", "0118", "0121", "0131", "0141", "0151", "0161"]


def make_phone(country: str, rng: random.Random) -> tuple[str, list[str]]:
    """(country calling code, national groups with trunk 0 where the country dials one)."""
    rd = lambda n: "".join(rng.choice("0123456789") for _ in range(n))
    if country in ("US", "CA"):
        area = rng.choice(US_AREAS if country == "US" else CA_AREAS)
        return "1", [area, "555", f"01{rd(2)}"]
    if country == "UK":
        r = rng.random()
        if r < 0.55:
            return "44", ["07700", "900", rd(3)]
        if r < 0.75:
            return "44", ["020", "7946", f"0{rd(3)}"]
        return "44", [rng.choice(UK_CITY), "496", f"0{rd(3)}"]
    if country == "IE":
        if rng.random() < 0.75:
            return "353", [f"08{rng.choice('35679')}", rd(3), rd(4)]
        return "353", [rng.choice(("01", "091", "021", "061")), rd(3), rd(4)]
    if country == "AU":
        if rng.random() < 0.6:  # mobiles ACMA lists for drama and fiction
            return "61", ["0491", "570", rng.choice(("006", "110", "156", "157", "158", "159", "313", "737"))]
        return "61", [f"0{rng.choice('2378')}", "5550", rd(4)]
    if country == "DE":
        return "49", [f"01{rng.choice(('51', '52', '60', '70', '76'))}", rd(4), rd(4)]
    if country == "FR":
        return "33", [f"0{rng.choice('67')}", rd(2), rd(2), rd(2), rd(2)]
    if country == "NL":
        return "31", ["06", rd(4), rd(4)]
    if country == "ES":
        return "34", [f"6{rd(2)}", rd(3), rd(3)]
    if country == "IT":
        return "39", [f"3{rd(2)}", rd(3), rd(4)]
    if country == "BE":
        return "32", [f"04{rng.choice('6789')}{rd(1)}", rd(2), rd(2), rd(2)]
    if country == "PL":
        return "48", [f"{rng.choice('5678')}{rd(2)}", rd(3), rd(3)]
    return "351", [f"9{rng.choice('1236')}{rd(1)}", rd(3), rd(3)]


def phone_render(cc: str, groups: list[str], rng: random.Random, intl: bool, with_cc: bool = True) -> tuple[str, str]:
    """Phone groups as said or printed; ``intl`` drops the trunk 0 and (``with_cc``) puts the country code first."""
    gs = list(groups)
    if intl and gs[0].startswith("0"):
        gs[0] = gs[0][1:]
    ds = "".join(gs)
    lens = [len(g) for g in gs]
    printed = rng.random() < 0.35
    if printed:  # printed by the transcriber
        if cc == "1" and not intl and len(gs) == 3:
            w = rng.choice((f"({gs[0]}) {gs[1]}-{gs[2]}", f"{gs[0]}-{gs[1]}-{gs[2]}", f"{gs[0]}.{gs[1]}.{gs[2]}"))
        else:
            w = " ".join(gs)
        a = rng.choice((w, " ".join(gs), ds, regroup(ds, rng)))
    else:
        w, a = say_digits(ds, lens, rng, numeric_p=0.0, pairs_p=0.25 if cc != "33" else 0.8, regroup_p=0.15)
    if intl and with_cc:
        r = 0.0 if printed else rng.random()
        if r < 0.35:
            ccw = f"+{cc}"
        elif r < 0.7:
            ccw = "plus " + " ".join(ONES[int(c)] for c in cc)
        elif r < 0.85 and len(cc) == 2:
            ccw = "plus " + two_words(int(cc))
        else:
            ccw = "double oh " + " ".join(ONES[int(c)] for c in cc)
        cca = rng.choice((f"+{cc}", f"+{cc}", f"plus {cc}", f"{cc}")) if not ccw.startswith("double") else f"00{cc}"
        w, a = f"{ccw} {w}", f"{cca} {a}"
    return w, a


def phone_value(cc: str, groups: list[str], rng: random.Random, intl: bool, with_cc: bool = True) -> Piece:
    w, a = phone_render(cc, groups, rng, intl, with_cc)
    return E("phone", w, a)


# ---- ids -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IdKind:
    key: str
    names: tuple[str, ...]  # how the rep names it
    make: Callable[[random.Random, Person], str]
    groups: tuple[int, ...]


def _ssn(rng: random.Random, p: Person) -> str:
    area = rng.choice(("666", str(rng.randint(900, 999))))
    return f"{area}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"


def _nino(rng: random.Random, p: Person) -> str:
    return rng.choice("DFIQUV") + rng.choice("ABCEGHJKLMNPRSTWXYZ") + rand_digits(rng, 6, "0123456789") + \
        rng.choice("ABCD")


def _nhs(rng: random.Random, p: Person) -> str:
    while True:
        body = "999" + "".join(rng.choice("0123456789") for _ in range(6))
        c = 11 - sum(int(x) * w for x, w in zip(body, range(10, 1, -1))) % 11
        if c == 11:
            c = 0
        if c != 10:
            return body + str(c)


def _pps(rng: random.Random, p: Person) -> str:
    ds = rand_digits(rng, 7, "0123456789")
    s = sum(int(x) * w for x, w in zip(ds, range(8, 1, -1))) % 23
    return ds + ("W" if s == 0 else chr(64 + s))


def _sin(rng: random.Random, p: Person) -> str:
    body = "0" + "".join(rng.choice("0123456789") for _ in range(7))
    return body + luhn_digit(body)


def _tfn(rng: random.Random, p: Person) -> str:
    while True:
        t = rand_digits(rng, 9)
        if tfn_ok(t):
            return t


def _medicare(rng: random.Random, p: Person) -> str:
    head = rng.choice("23456") + "".join(rng.choice("0123456789") for _ in range(7))
    check = sum(int(x) * w for x, w in zip(head, (1, 3, 7, 9, 1, 3, 7, 9))) % 10
    return head + str(check) + rng.choice("12345")


def _dni(rng: random.Random, p: Person) -> str:
    n = rng.randint(10_000_000, 99_999_999)
    return f"{n}{DNI_LETTERS[n % 23]}"


def _nie(rng: random.Random, p: Person) -> str:
    k = rng.randrange(3)
    n = rng.randint(1_000_000, 9_999_999)
    return f"{'XYZ'[k]}{n}{DNI_LETTERS[int(f'{k}{n}') % 23]}"


def _bsn(rng: random.Random, p: Person) -> str:
    while True:
        b = rand_digits(rng, 9)
        if bsn_ok(b):
            return b


CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                  [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12,
                   14, 16, 10, 22, 25, 24, 23]))


def _cf(rng: random.Random, p: Person) -> str:
    letters = "BCDFGHLMNPRSTVZ"
    body = "".join(rng.choice(letters) for _ in range(6)) + f"{rng.randint(40, 99)}" + rng.choice("ABCDEHLMPRST") + \
        f"{rng.randint(1, 71):02d}" + rng.choice("ABCDEFGHLM") + f"{rng.randint(1, 999):03d}"
    s = 0
    for i, ch in enumerate(body):
        s += CF_ODD[ch] if i % 2 == 0 else (int(ch) if ch.isdigit() else ord(ch) - 65)
    return body + chr(65 + s % 26)


def _pesel(rng: random.Random, p: Person) -> str:
    y, m, d = rng.randint(45, 99), rng.randint(1, 12), rng.randint(1, 28)
    body = f"{y:02d}{m:02d}{d:02d}" + "".join(rng.choice("0123456789") for _ in range(4))
    s = sum(int(x) * w for x, w in zip(body, (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)))
    return body + str((10 - s % 10) % 10)


def _insee(rng: random.Random, p: Person) -> str:
    body = f"{rng.choice('12')}{rng.randint(45, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 95):02d}" + \
        f"{rng.randint(1, 990):03d}{rng.randint(1, 999):03d}"
    return body + f"{97 - int(body) % 97:02d}"


def _de_id(rng: random.Random, p: Person) -> str:
    body = "".join(rng.choice("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(9))
    s = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body, (7, 3, 1) * 3))
    return body + str(s % 10)


def _be_nrn(rng: random.Random, p: Person) -> str:
    body = f"{rng.randint(45, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(1, 997):03d}"
    return body + f"{97 - int(body) % 97:02d}"


def _pt_nif(rng: random.Random, p: Person) -> str:
    while True:
        body = rng.choice("123") + "".join(rng.choice("0123456789") for _ in range(7))
        c = 11 - sum(int(x) * w for x, w in zip(body, range(9, 1, -1))) % 11
        if c < 10:
            return body + str(c if c != 11 else 0)


def _uk_dl(rng: random.Random, p: Person) -> str:
    sur = re.sub(r"[^A-Z]", "", _ascii(p.last).upper())[:5].ljust(5, "9")
    y, m, d = rng.randint(45, 99), rng.randint(1, 12) + (50 if p.female else 0), rng.randint(1, 28)
    ini = (re.sub(r"[^A-Z]", "", _ascii(p.first).upper())[:1] or "X") + "9"
    return f"{sur}{str(y)[0]}{m:02d}{d:02d}{str(y)[1]}{ini}9{rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}" + \
        rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ")


def _letters_digits(nl: int, nd: int) -> Callable[[random.Random, Person], str]:
    def make(rng: random.Random, p: Person) -> str:
        return "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(nl)) + \
            "".join(rng.choice("0123456789") for _ in range(nd))
    return make


def _digits(n: int) -> Callable[[random.Random, Person], str]:
    return lambda rng, p: rand_digits(rng, n)


ID_KINDS: dict[str, list[IdKind]] = {
    "US": [IdKind("ssn", ("Social Security number", "social", "SSN", "social security number"), _ssn, (3, 2, 4)),
           IdKind("ssn", ("Social Security number", "SSN"), _ssn, (3, 2, 4)),
           IdKind("ssn4", ("last four of your social", "last four of the SSN"), _digits(4), (4,)),
           IdKind("passport", ("passport number",), _digits(9), (3, 3, 3)),
           IdKind("dl", ("driver's license number", "license number"), _letters_digits(1, 12), (1, 3, 4, 5))],
    "UK": [IdKind("ni", ("National Insurance number", "NI number"), _nino, (2, 2, 2, 2, 1)),
           IdKind("nhs", ("NHS number",), _nhs, (3, 3, 4)),
           IdKind("passport", ("passport number",), _digits(9), (3, 3, 3)),
           IdKind("dl", ("driving licence number", "licence number"), _uk_dl, (5, 6, 5))],
    "IE": [IdKind("pps", ("PPS number", "PPSN"), _pps, (7, 1)),
           IdKind("pps", ("PPS number",), _pps, (3, 4, 1)),
           IdKind("passport", ("passport number",), _letters_digits(2, 7), (2, 3, 4)),
           IdKind("dl", ("driving licence number",), _digits(9), (3, 3, 3))],
    "CA": [IdKind("sin", ("SIN", "social insurance number"), _sin, (3, 3, 3)),
           IdKind("health", ("health card number",), _digits(10), (4, 3, 3)),
           IdKind("dl", ("driver's licence number",), _letters_digits(1, 14), (1, 4, 5, 5)),
           IdKind("passport", ("passport number",), _letters_digits(2, 6), (2, 6))],
    "AU": [IdKind("tfn", ("tax file number", "TFN"), _tfn, (3, 3, 3)),
           IdKind("medicare", ("Medicare number", "Medicare card number"), _medicare, (4, 5, 1)),
           IdKind("dl", ("driver licence number", "licence number"), _digits(9), (3, 3, 3)),
           IdKind("passport", ("passport number",), _letters_digits(1, 7), (1, 3, 4))],
    "ES": [IdKind("dni", ("DNI", "DNI number"), _dni, (8, 1)), IdKind("nie", ("NIE", "NIE number"), _nie, (1, 7, 1))],
    "NL": [IdKind("bsn", ("BSN", "citizen service number", "BSN number"), _bsn, (3, 3, 3))],
    "IT": [IdKind("cf", ("codice fiscale", "tax code"), _cf, (6, 5, 5))],
    "PL": [IdKind("pesel", ("PESEL", "PESEL number"), _pesel, (4, 4, 3))],
    "FR": [IdKind("insee", ("social security number", "numero de securite sociale"), _insee, (1, 2, 2, 2, 3, 3, 2))],
    "DE": [IdKind("de_id", ("ID card number", "Personalausweis number"), _de_id, (5, 5))],
    "BE": [IdKind("be_nrn", ("national register number", "national number"), _be_nrn, (6, 3, 2))],
    "PT": [IdKind("nif", ("NIF", "tax number"), _pt_nif, (3, 3, 3))],
}


def id_value(code: str, groups: Sequence[int], rng: random.Random) -> Piece:
    """An id number: digits said like a number, codes with letters said like a code."""
    if code.isdigit():
        w, a = say_digits(code, groups, rng, numeric_p=0.35, pairs_p=0.25, regroup_p=0.15, allow_o=False)
        if rng.random() < 0.3 and len(groups) == 3 and groups[0] == 3 and groups[1] == 2:  # SSN print form
            w = f"{code[:3]}-{code[3:5]}-{code[5:]}"
            a = rng.choice((w, code, f"{code[:3]} {code[3:5]} {code[5:]}"))
        return E("id", w, a)
    w, a = speak_code(code, groups, rng, print_p=0.35, nato_p=0.15, asin_p=0.2)
    return E("id", w, a)


# --------------------------------------------------------------------------------------------------------------
# Phrasings. One template a line; {v} is the value the pool carries, other slots are filled by the call
# ({co} company, {rep} the rep's name, {first} the customer's first name, {price} ... a keep, {idname} ...).
# --------------------------------------------------------------------------------------------------------------


def _lines(block: str) -> list[str]:
    return [ln.strip() for ln in block.strip().splitlines() if ln.strip()]


POOLS: dict[str, list[str]] = {
    "GREET": _lines("""
        Thanks for calling {co}, this is {rep}, how can I help?
        Good morning, {co}, you're speaking with {rep}.
        Hi there, {co} accounts, {rep} speaking.
        {co}, {rep} here, what can I do for you today?
        Hello, you've reached {co}. My name is {rep}, how can I help you?
        Good afternoon, thank you for holding, it's {rep} at {co}.
        Hiya, {co}, {rep} on the line, how can I help?
        Thanks for your patience, this is {rep} with {co}. What's the call about today?
        Hi, {rep} from {co} returning your call.
        Morning! {co} customer care, I'm {rep}.
        {co}, good evening, {rep} speaking, how may I help?
        Hello, this is {rep}, I'm calling from {co} about your enquiry.
        You're through to {co}, my name's {rep}.
        Hi, welcome to {co}. I'm {rep} and I'll be looking after you today.
        Thank you for calling {co}. This call may be recorded. {rep} speaking.
        Hey, it's {rep} over at {co}, have you got a minute?
        {co} billing, this is {rep}. Who am I speaking with?
        Hello and thanks for calling {co}, {rep} here.
        Hi, um, {rep} at {co}, sorry for the wait, how can I help?
        Good morning, thanks for calling {co}, you've got {rep}.
        {co} reservations, {rep} speaking, how can I help?
        Hi, it's {rep}, I'm on the support team at {co}.
        Thanks for calling {co}, my name is {rep} and I'm happy to help.
        Hello, {co} helpdesk, {rep} here, what's going on?
        Afternoon, {co}, {rep} speaking, are you calling about an existing order?
        Hello, you're speaking to {rep} at {co}, how can I help today?
        Hi there, thanks for holding. This is {rep}, {co} member services.
    """),
    "REASON_NAMED": _lines("""
        Hi, it's {name}. {reason}
        Hello, my name is {name}. {reason}
        Yeah hi, {name} here. {reason}
        Hi, this is {name} calling. {reason}
        Morning, it's {name}. Um, {reason}
        Hi there, I'm {name}. {reason}
        Oh hi, yes, it's {name} speaking. {reason}
        Hello, {name} here. {reason}
        Hiya, this is {name}. {reason}
        Good morning, my name's {name}. {reason}
    """),
    "CUST_HI_REP": _lines("""
        Hi {repfirst}. {reason}
        Thanks, {repfirst}. {reason}
        Oh hi {repfirst}, thanks for calling back. {reason}
        Hello {repfirst}. {reason}
        Hi {repfirst}, sorry, I was on hold for ages. {reason}
    """),
    "NAME_ASK": _lines("""
        Can I take your full name, please?
        Who am I speaking with today?
        And your name, please?
        Could I get the name on the account?
        What name is the booking under?
        Can I start with your first and last name?
        And who's the account holder?
        Could you give me your full name?
        What name should I put this under?
        May I have your name?
        Sorry, I didn't catch your name.
        And what's the name on the policy?
        Can I have the patient's full name?
        What name is the order under?
        Could you confirm your name for me?
        And your name, so I can find the file?
    """),
    "NAME_GIVE": _lines("""
        It's {v}.
        {v}.
        Yeah, it's {v}.
        My name's {v}.
        Sure, {v}.
        Um, {v}.
        The account's under {v}.
        It should be under {v}.
        {v}, that's me.
        First and last? {v}.
        It's {v}, I'm the account holder.
        Full name is {v}.
        Oh, sorry, yes, {v}.
        That'd be {v}.
        {v}, same as on the card.
        You can put it under {v}.
        It's in my name, {v}.
        The booking's under {v}, I think.
        {v}, surname last.
        I'm {v}.
        Er, it's {v}, yeah.
        {v} is the name on the account.
        Right, it's {v}.
        My full name is {v}, no middle name.
        {v}, but everyone uses my first name.
        Legally it's {v}.
        It'll be {v}.
    """),
    "NAME_SPELL_ASK": _lines("""
        Could you spell the surname for me?
        And how do you spell your last name?
        Sorry, can you spell that?
        Just so I get it right, how's the surname spelled?
        Would you mind spelling the last name?
        Can I get the spelling of that surname?
        Let me make sure I have the spelling, go ahead.
        How is that spelled?
    """),
    "SPELL_GIVE": _lines("""
        It's {v}.
        {v}.
        Sure, {v}.
        Yep, {v}.
        That's {v}.
        {v}, like it sounds.
        Um, {v}.
        It's {v}, lots of people get it wrong.
    """),
    "NAME_GIVE_SPELLED": _lines("""
        It's {v}, that's {sp}.
        {v}, spelled {sp}.
        My name's {v}. The surname is {sp}.
        {v}, and that's {sp} for the last name.
        It's {v}, {sp}.
        {v}. Surname {sp}, people always get it wrong.
    """),
    "NAME_ACK": _lines("""
        Thanks, {v}.
        Thank you, {v}, I've found the account.
        Lovely, thanks {v}.
        Perfect, {v}, I can see you here.
        Okay {v}, bear with me one second.
        Great, thanks {v}, and how can I help today?
        Right, {v}, let me pull that up.
        Thanks for that, {v}.
        Cheers, {v}.
        Got it, {v}, you're on the screen now.
        Okay, so that's {v}, yes?
        Brilliant, {v}, thank you.
        Alright {v}, I've got your file open.
        Thanks {v}, I just need to run through security.
        Nice to speak to you, {v}.
        Thank you {v}, one moment while it loads.
        Okay, {v}, I have a couple of quick questions.
        I see you here, {v}, thanks.
        Fab, {v}, that's come up.
        Great, {v}, and you're the account holder?
        Appreciate it, {v}.
        Super, {v}, thanks for holding.
        Okay {v}, let's get this sorted for you.
        Thanks, {v}, and sorry about the wait earlier.
        Right then, {v}, I'll just verify a few details.
        So I'm speaking with {v}, is that correct?
    """),
    "THIRD_GIVE": _lines("""
        It's actually for my mother, {v}.
        I'm calling on behalf of my husband, {v}.
        My wife {v} is the main account holder.
        It's my son's account, {v}.
        Could you add my partner, {v}, as an authorised user?
        The booking is for my colleague {v}.
        My business partner, {v}, will be signing.
        It's for my daughter, {v}, she's at the university.
        My dad, {v}, set it up originally.
        The appointment is for my grandmother, {v}.
        Please put {v} down as the second driver.
        I'm her carer, her name is {v}.
        The policy is in my brother's name, {v}.
        Our accountant, {v}, usually handles this.
        Can you send a copy to my assistant, {v}?
        The parcel was addressed to my neighbour, {v}.
        Um, it's for {v}, my flatmate, she asked me to ring.
        My manager {v} approved the purchase.
        The student is {v}, I'm paying the fees.
        Add {v} as a named traveller, please.
        I'd like {v} listed as my emergency contact.
        It should be under my late husband's name, {v}.
        The tenant is actually {v}, I'm the landlord.
        My fiancé {v} will be on the booking too.
        The claim is for my father-in-law, {v}.
        I'm ringing for {v}, he's in hospital at the moment.
    """),
    "THIRD_ACK": _lines("""
        And {v} is happy for you to discuss the account?
        Okay, I'll add {v} now.
        Got it, {v}, and what's their relationship to you?
        Thanks, I've noted {v} on the file.
        Is {v} with you at the moment?
        Right, so {v} will be the second named person.
        I'll need {v} to confirm by phone later.
        Okay, {v} is now listed.
        Perfect, {v} has been added.
        And is {v} over eighteen?
    """),
    "DOB_ASK": _lines("""
        Can I take your date of birth?
        And your date of birth, please?
        What's the date of birth on the account?
        For security, could you confirm your date of birth?
        Could I get your DOB?
        And when were you born?
        Date of birth for me, please.
        Can you confirm your birthday for me, day, month and year?
        I'll need the date of birth of the account holder.
        Just to verify, what's your date of birth?
        What date of birth did you register with?
        And the patient's date of birth?
        Can you give me the date of birth we have on file?
        And can I grab your D-O-B?
        Lastly for security, your date of birth.
        Um, and your birth date, please?
        What's the policyholder's date of birth?
        Okay, and your date of birth, month, day and year?
        Could you tell me your date of birth, please?
        Before I go on, your date of birth?
    """),
    "DOB_ASK_THIRD": _lines("""
        And their date of birth?
        What's their date of birth, please?
        Can I take a date of birth for them?
        And when were they born?
        I'll need their DOB as well.
        And the date of birth for that person?
    """),
    "DOB_GIVE": _lines("""
        It's {v}.
        {v}.
        Born {v}.
        I was born on {v}.
        Date of birth is {v}.
        Sure, it's {v}.
        Um, {v}.
        Mine's {v}.
        {v}, and before you ask, yes, I know.
        That'd be {v}.
        It's {v}, same as on my licence.
        Yeah, {v}.
        Let me think, {v}.
        Should be {v}.
        Oh, it's {v}.
        Birthday's {v}.
        {v}, you might have it the other way round though.
        My date of birth, {v}.
        Right, {v}.
        It's {v}, the system always gets it backwards.
        {v}, that's the one.
        Er, {v}.
        {v}, if that helps.
        Okay, so, {v}.
        D-O-B is {v}.
        Sure thing, it's {v}.
        It is {v}.
    """),
    "DOB_BORN_IN": _lines("""
        I was born in {v}.
        Born in {v}.
        Um, born in {v}.
        I'm born in {v}.
        Yeah, born in {v}.
    """),
    "DOB_READ": _lines("""
        I have {v} on file, is that right?
        So that's {v}?
        Thank you, {v} matches what we have.
        Okay, {v}, that's confirmed.
        Just to read it back, {v}.
        I've got {v}, correct?
        Lovely, {v}, thank you.
        So born {v}, yes?
        Let me check, {v}, yep, that's the one.
        Great, D-O-B {v}.
        Okay, and you said {v}?
        Right, {v}, perfect.
        Thanks, I'll put {v} as the date of birth.
        That's {v}, got it.
        Sorry, was that {v}?
        Hmm, I've got {v} here, can you double-check?
        Perfect, {v} it is.
        Okay, date of birth {v}, noted.
        And that's {v} for the patient.
        Just confirming, you said {v}.
        So {v}, yes, that matches.
        Thanks, entering {v} now.
        Brilliant, {v}.
        I have you down as {v}.
        Okay, so we've got {v} for you.
        And {v}, is that the right way round?
        Was it {v}?
        And I see the appointment on {date} under {v}, yes?
        Okay, {v}, and you joined in {year}, right?
        So {v}, and the policy started {date}?
    """),
    "DOB_PART_GIVE": _lines("""
        {v}.
        It's {v}.
        Um, {v}.
        {v}, sorry.
        Oh, {v}.
    """),
    "DOB_YEAR_ASK": _lines("""
        And the year?
        Sorry, what year was that?
        And which year?
        The year as well, please.
        And the year of birth?
        Year?
    """),
    "DOB_YEAR_GIVE": _lines("""
        {v}.
        Oh, {v}.
        Sorry, {v}.
        It's {v}.
        {v}, yeah.
    """),
    "DOB_CORRECT": _lines("""
        {v}, sorry, the {fix}, not the {wrong}.
        It's {v}, no wait, the {fix}, not the {wrong}.
        {v}. Actually, sorry, the {fix}. Not the {wrong}.
        Um, {v}, oh no, it's the {fix}, not the {wrong}, sorry.
        I said {v} but I meant the {fix}, not the {wrong}.
        {v}, hang on, the {fix}, I always say the {wrong}.
    """),
    "DOB_YEAR_FIX": _lines("""
        {v}, no, sorry, {fix}.
        {v}... hang on, {fix}, I'm getting old.
        {v}, sorry, I mean {fix}.
    """),
    "DOB_THIRD": _lines("""
        His date of birth is {v}.
        She was born {v}.
        My son's birthday is {v}.
        Her DOB is {v}.
        He's {v}, date of birth.
        My daughter was born on {v}.
        Mum's date of birth is {v}.
        Dad was born {v}.
        Date of birth for him is {v}.
        It's {v} for her.
        The little one is {v}.
        Her birthday, um, {v}.
    """),
    "DOB_AFTER": _lines("""
        I've been with you since {year}.
        The appointment's {date}, by the way.
        And I'm booked in for {date} at {time}.
        We moved here in {year}.
        Oh and I renewed in {year}.
        The last visit was {date}.
        I've had the account since {year}, if that helps.
        My check-up is {date}, is it still on?
    """),
    "ADDR_ASK": _lines("""
        What's the address on the account?
        Can I take the first line of your address?
        And your address, please?
        Where should we send it?
        What's the delivery address?
        Can you confirm the billing address?
        What's your current home address?
        And the address you're moving to?
        Could I get the address for the appointment letters?
        Which address is the property?
        What address is the card registered to?
        Can you give me your full address, including the {pcname}?
        Where will the engineer be going?
        And the mailing address?
        What's the service address?
    """),
    "ADDR_GIVE": _lines("""
        It's {v}.
        {v}.
        Sure, {v}.
        We're at {v}.
        Um, {v}.
        The address is {v}.
        It's {v}, that's the new place.
        Send it to {v}, please.
        {v}, that's the billing address too.
        I live at {v}.
        Okay, so it's {v}.
        The property is {v}.
        It's {v}, the blue door.
        Er, {v}, we just moved in.
        That's {v}.
        Yeah, {v}.
        Deliver to {v}, please, not my old address.
        It'll be {v}.
        Home address is {v}.
        My address is {v}.
        It should still say {v}.
        Ah, {v}.
        The card's registered to {v}.
        You can use {v}.
        We're now at {v}, since last month.
        Right, it's {v}, round the back.
        It's {v}, the house after the church.
        Put {v}, it's a new build.
    """),
    "ADDR_READ": _lines("""
        So that's {v}?
        Let me read it back: {v}.
        I have {v}, is that right?
        Okay, {v}, got it.
        And that's {v}, correct?
        Thanks, so {v}.
        I've updated it to {v}.
        Lovely, {v}.
        Right, delivering to {v}.
        Just confirming, {v}.
        I've got the old one as {v}, is that still right?
        So the engineer is going to {v}.
        Okay, I've put {v}.
        Great, {v} it is.
        Perfect, the address is {v}.
        Got it, {v}, thank you.
        And {v} is the billing address as well?
        So we'll post it to {v}.
        Sorry, was that {v}?
        Okay, {v}, and is there a buzzer?
        Brilliant, {v}, updated.
        I'm showing {v}.
        Alright, {v}.
        The property at {v}, yes?
        Shipping to {v} then.
        Noted, {v}.
        So {v}, delivery on {date} between {time} and {time2}.
        Okay, the engineer will be at {v} on {date}.
        Right, {v}, and the {product} goes to the same place?
    """),
    "POST_ASK": _lines("""
        And the {pcname}?
        What's the {pcname}, please?
        Can I get the {pcname}?
        And what {pcname} is that?
        Do you have the {pcname} handy?
        The {pcname} for that address?
        Could you confirm the {pcname}?
        Just the {pcname} will do for now.
        Sorry, and the {pcname}?
        What's your {pcname}?
    """),
    "POST_GIVE": _lines("""
        It's {v}.
        {v}.
        Um, {v}.
        {v}, I think.
        The {pcname} is {v}.
        Yeah, {v}.
        That's {v}.
        Sure, {v}.
        Oh, {v}.
        It's {v}, it's new so it might not come up.
        {v}, same as before.
        Er, {v}.
    """),
    "POST_READ": _lines("""
        So {v}?
        {v}, got it.
        Okay, {v}.
        That's {v}, yes?
        Thanks, {v}.
        I have {v}.
        Let me check, {v}, yep.
        And {v}, perfect.
        So the {pcname} is {v}.
        Great, {v} brings it up.
        Right, {v}.
        Just to confirm, {v}.
    """),
    "UNIT_LATE": _lines("""
        Oh, and it's {v}, I forgot to say.
        Sorry, it's {v}, actually.
        Oh, {v}, the flat number.
        And it's {v}, upstairs.
        Plus {v}, or it won't get to me.
    """),
    "PHONE_ASK": _lines("""
        What's the best number to reach you on?
        Can I take a contact number?
        And a phone number, please?
        Is there a mobile number I can put on the file?
        What number should the driver call?
        Could I get a daytime number?
        What's a good callback number?
        Can you confirm the phone number on the account?
        And your cell number?
        Do you have a landline as well?
        What number do you want the text to go to?
        Which number should we use for the verification codes?
        Could you give me a number in case we get cut off?
        And the number for the emergency contact?
        What number are you calling from?
    """),
    "PHONE_GIVE": _lines("""
        It's {v}.
        {v}.
        Sure, it's {v}.
        My mobile is {v}.
        Um, {v}.
        Best number is {v}.
        You can reach me on {v}.
        Call me on {v}.
        That's {v}.
        My cell is {v}.
        It's {v}, that's my work phone.
        Yeah, {v}.
        Er, let me think, {v}.
        The landline is {v}.
        Text me at {v}.
        Try {v}, I'm usually on that one.
        Okay, {v}.
        It's {v}, but I'm not great at answering.
        Use {v}, please.
        Oh, it's {v}.
        Mobile, {v}.
        {v}, that's the new number.
        Put down {v}.
        You can text {v}.
        It's the same as before, {v}.
        My number's {v}.
        My work number's {v}, I'm there till {time}.
        Home phone is {v}.
        {v}, or text, whatever's easier.
    """),
    "PHONE_EXT": _lines("""
        It's {v}, extension {ext}.
        {v}, and then extension {ext}.
        Call the office, {v}, ext {ext}.
        {v}, then ask for extension {ext}.
        The desk line is {v}, extension {ext}.
        {v}, ext. {ext}.
    """),
    "PHONE_READ": _lines("""
        So that's {v}?
        Let me read that back, {v}.
        I have {v}, is that right?
        Okay, {v}.
        Thanks, {v}, got it.
        And that's {v}, correct?
        Perfect, {v}.
        I'll put {v} on the file.
        So {v}, yes?
        Just to confirm, {v}.
        Right, the number is {v}.
        I've got {v} here already.
        Sorry, was that {v}?
        Lovely, {v}.
        Great, we'll call you on {v}.
        So texts will go to {v}.
        Okay, {v} as the main number.
        Noted, {v}.
        I have you on {v}, is that still current?
        Got it, {v}, and is that a mobile?
        Brilliant, {v}.
        And {v} is the best one for the driver?
        I'll update it to {v}.
        Alright, {v}.
        So {v}, and that's a landline?
        Okay, I'll text {v}.
        Great, the driver will call {v} before {time}.
        I'll text the code to {v} now, it's valid until {time}.
        Okay, {v}, and we'll ring you on {date}.
    """),
    "PHONE_PIECE_FIRST": _lines("""
        It's {v}...
        {v}...
        Um, {v}
        Okay, {v}
        So it's {v}
        It starts {v}
    """),
    "PHONE_PIECE_NEXT": _lines("""
        {v}.
        Then {v}.
        And {v}.
        {v}, that's it.
        Then {v}, sorry.
        {v}, yeah.
    """),
    "ACK": _lines("""
        Go ahead.
        Uh-huh.
        Mm-hm.
        Okay.
        Yep.
        Got it, go on.
        Mm-hm, keep going.
        Okay, next bit?
        Yes, I'm with you.
        Sure, and then?
        Right.
        Go on.
        Yep, got that.
        Uh-huh, and?
    """),
    "CARD_ASK": _lines("""
        Can I take the long number on the front of the card?
        What's the card number?
        Okay, when you're ready, the long number on the card.
        Go ahead with the card number.
        Could you read me the number across the front?
        And the card number, please?
        Whenever you're ready, the full card number.
        What card would you like to use? I'll need the number.
        Could I take the card details, starting with the long number?
        Just the long number first, please.
        Read me the digits on the front, take your time.
        Can you give me the card number, please?
        What's the number on the card you'd like to pay with?
        And the card you're using today, the number please?
        Okay, I'll take the card number now.
        If you can read out the card number, nice and slowly.
        Now the card, the number on the front please.
        Which card is this going on? The number, please.
        Um, can I get the card number?
        Go ahead, I'm ready for the card number.
    """),
    "CARD_GIVE": _lines("""
        It's {v}.
        {v}.
        Sure, {v}.
        Okay, it's {v}.
        Um, {v}.
        The number is {v}.
        Right, {v}.
        Got it, {v}.
        Let me read it, {v}.
        Yep, {v}.
        Card number is {v}.
        {v}, it's a {brand}.
        It's {v}, on the debit card.
        Okay, ready? {v}.
        Er, {v}.
        So, {v}.
        Here we go, {v}.
        That's {v}.
        It's {v}, the business card.
        Alright, {v}.
        I've got it here, {v}.
        The long number is {v}.
        Take this down: {v}.
        Right then, {v}.
        It's the {brand}, {v}.
        {v}, I hope I read that right.
        It's a debit card, {v}.
        My card number is {v}.
    """),
    "CARD_READ": _lines("""
        Let me read that back, {v}.
        So that's {v}?
        I have {v}, is that correct?
        Okay, {v}.
        Just confirming, {v}.
        Thanks, so {v}.
        Right, I've got {v}.
        That's {v}, yes?
        Can I repeat it, {v}?
        So the card number is {v}.
        Okay, I'm reading {v}.
        Got it, {v}.
        Sorry, I'll read it back to be safe, {v}.
        So I've typed {v}.
        Great, {v}, and it's a {brand}.
        Perfect, {v}.
        Hmm, I have {v}, does that match?
        And that's {v}, right?
        Lovely, {v}.
        Alright, {v}, that passed the check.
        So {v}, correct?
        I'll just repeat that, {v}.
        Okay, I have {v} on the screen.
        Noted, {v}.
        The number I have is {v}.
        Okay, the long number is {v}.
        So {v}, for {price} today.
        Okay, {v}, putting the {price} through.
    """),
    "CARD_PIECE_FIRST": _lines("""
        Okay, it's {v}
        {v}
        Right, {v}
        Um, the first four are {v}
        It starts {v}
        Okay so, {v}
        Got it here, {v}
        Let's see, {v}
    """),
    "CARD_PIECE_NEXT": _lines("""
        {v}
        Then {v}
        {v}, yep
        Next is {v}
        And {v}
        Uh, {v}
        {v}, sorry, it's a bit worn
        Then it's {v}
    """),
    "CARD_PIECE_LAST": _lines("""
        And the last bit is {v}.
        {v}, that's the lot.
        Finally {v}.
        And then {v}, done.
        {v}, that's it.
        And then {v}.
    """),
    "CARD_SPLIT": _lines("""
        {a}, sorry, let me grab it, {b}.
        {a}... hang on, the light's bad... {b}.
        It's {a}, sorry, my glasses, {b}.
        {a}, um, let me just get it out of the wallet, {b}.
        {a}, and then, sorry, {b}.
        Okay, {a}, hold on, the dog's barking, {b}.
        {a}, wait, let me grab it, sorry, {b}.
        {a}... {b}.
    """),
    "LAST4": _lines("""
        Okay, that's the {brand} ending {last4}.
        Just to confirm, the card ending in {last4}?
        Great, I'll charge the card ending {last4}.
        So that's going on the {brand} ending in {last4}.
        I have the card ending {last4} on file, shall I use that?
        Thanks, the payment on the card ending {last4} has gone through.
        Okay, card ending {last4}, that's all set up.
        That's been added, the {brand} ending in {last4}.
        I can see the card ending {last4} is the default.
        Right, the {brand} ending {last4} is updated.
        So we'll take it from the card ending in {last4}, yes?
        Your card ending {last4} has been saved.
        The one ending {last4}, yeah?
        Just the last four to confirm, {last4}, correct?
        Okay, ending {last4}, lovely.
    """),
    "EXP_ASK": _lines("""
        And the expiry date?
        When does the card expire?
        What's the expiry on it?
        And the expiration date, month and year?
        What's the valid thru date?
        And the date on the front, the expiry?
        Can I have the expiry, please?
        And when's it good through?
        The expiry date, please, month and year.
        What does it say for expiry?
        And the end date on the card?
        When does it run out?
        Could you read me the expiry?
        And the exp date?
        Expiry month and year?
        Next, the expiration.
        And what's the valid until date?
        How about the expiry date?
        Okay, the expiry.
        And the date it expires?
        What's the expiration on the card?
        Can you give me the month and year it expires?
        Then the expiry date, please.
        And is there an expiry on the front?
        Great, and the expiry?
    """),
    "EXP_GIVE": _lines("""
        It expires {v}.
        Expiry's {v}.
        Valid thru {v}.
        Good through {v}.
        It says good thru {v}.
        Expires end of {v}.
        {v}.
        Um, {v}, I think.
        The date on it is {v}.
        Exp date {v}.
        It runs till {v}.
        Valid until {v}.
        {v} is the expiry.
        Oh, it's {v}, it's a new card.
        It's good until the end of {v}.
        Expiration {v}.
        Says {v} on the front.
        The expiry is {v}, yeah.
        That would be {v}.
        It runs out {v}.
        Expires {v}.
        Er, {v}.
        Month and year, {v}.
        It's valid through {v}.
        {v}, that's the expiry.
        Let me see, expires {v}.
        It says valid thru {v}, and member since {year} above it.
        Expiry, um, {v}.
        The end date's {v}.
        {v}, it's printed under the number.
        It's a {v} one.
    """),
    "EXP_READ": _lines("""
        Expiring {v}, yes?
        And that's good thru {v}.
        Valid through {v}, got it.
        I have the expiry as {v}.
        So {v} for the expiry.
        Expiry {v}, thank you.
        Okay, {v}.
        Thanks, expires {v}.
        And that's {v}, correct?
        Right, {v} expiry.
        So the card is good until {v}.
        Lovely, {v}.
        Got it, valid thru {v}.
        Expiration {v}, noted.
        And it runs till {v}, perfect.
        Sorry, did you say {v}?
        Okay, expiring {v}.
        Great, {v} for the date.
        I've put {v} as the expiry.
        So month and year, {v}.
        Alright, good through {v}.
        Perfect, {v}.
        Expires {v}, great.
        That's {v}, yes?
        Thanks, {v} is in.
        Valid till {v}, thank you.
        Okay, {v}, so it's fine for the renewal on {date}.
        Good through {v}, and the booking is for {date}, so that works.
        Right, {v}, and the first charge is {price}.
    """),
    "EXP_CORRECT": _lines("""
        {v}, no, sorry, {fix}.
        It's {v}... actually, {fix}, it's the new one.
        {v}, wait, no, {fix}.
        Um, {v}, sorry, I mean {fix}.
        {v}, no hang on, {fix}.
    """),
    "CVV_ASK": _lines("""
        And the security code on the back?
        What's the three-digit code on the back?
        And the CVV, please?
        Can I get the CVC?
        And the CVV2?
        The card security code, please, the CSC.
        And the last three digits on the signature strip?
        And the three digits on the back of the card?
        What's the little code by the signature?
        Could you read me the security code?
        And the verification code?
        Then the three numbers on the back, please.
        Okay, and the security number?
        What's the CVV on that one?
        And the code on the reverse?
        Lastly the three-digit security code.
        And the CVC2, please?
        The last three on the back strip?
        Can you give me the three digits after the card number on the back?
        Then the CVV code.
        And the security digits?
        Okay, the card verification value, the three digits on the back.
        And the three-digit code?
        And the short code on the back, please?
        The CVV, when you're ready.
    """),
    "CVV_ASK_AMEX": _lines("""
        And the CID, the four-digit code on the front?
        And the four digits printed on the front, above the number?
        For Amex it's the four-digit code on the front, what's that?
        And the security code, on an Amex that's the four small digits on the front?
        Then the four-digit CID, please.
    """),
    "CVV_GIVE": _lines("""
        It's {v}.
        {v}.
        Security code is {v}.
        Um, {v}.
        CVV {v}.
        Code's {v}.
        On the back it says {v}.
        {v}, I think, it's a bit rubbed off.
        That's {v}.
        Yeah, {v}.
        Okay, {v}.
        It's {v} on the back.
        {v}, that's the CVC.
        Er, {v}.
        The code is {v}.
        CVC is {v}.
        Sure, it's {v}.
        The security number's {v}.
        Let me flip it over, {v}.
        Right, {v}.
        {v}, got it?
        Oh, {v}.
        It reads {v}.
        The three on the back are {v}.
        Last three on the strip, {v}.
        Three digits, {v}.
        The little number's {v}.
        It's {v}, after the last four on the back.
        {v}, it's the one in the white box.
    """),
    "CVV_GIVE_AMEX": _lines("""
        It's {v}, on the front.
        The four on the front are {v}.
        {v}, above the number.
        CID is {v}.
        {v}.
    """),
    "CVV_READ": _lines("""
        And {v} on the back.
        Security code {v}, got it.
        Okay, CVV {v}.
        So that's {v}?
        Thanks, {v}.
        {v}, perfect.
        I have {v} for the code.
        And the CVC is {v}, correct?
        Lovely, {v}.
        Right, {v}.
        Got it, {v}.
        Okay, {v}, that's accepted.
        Sorry, was that {v}?
        So {v} for the code, yes?
        Great, code {v}.
        I've entered {v}.
        That's {v}, thanks.
        CVV2 {v}, noted.
        Alright, {v}.
        Security number {v}, yes?
        Okay, and {v} for the code.
        So {v}.
        Perfect, {v} went through.
        Thanks, the CSC is {v}.
        Okay, the three digits are {v}.
        Brilliant, {v}.
        Okay, {v}, and that's {price} going through now.
        Right, {v}, the charge will show as {price}.
    """),
    "EXP_CVV_ASK": _lines("""
        And the expiry and the security code?
        Then the expiry date and the code on the back.
        Expiry and CVV, please.
        And the date and the security code?
        Okay, the expiry and the CVC, please.
        Great, now the expiry and the security code.
    """),
    "EXP_CVV_GIVE": _lines("""
        Expiry {exp}, security code {cvv}.
        It's {exp}, and the code is {cvv}.
        {exp}, and {cvv} for the code.
        Expires {exp}, CVV {cvv}.
        Valid thru {exp}, and the code is {cvv}.
        {exp}, {cvv}.
        Good through {exp}, code {cvv}.
        Um, {exp}, and then {cvv}.
        The date is {exp} and the CVC is {cvv}.
        {exp}, and the security code's {cvv}.
    """),
    "PAY_CONFIRM": _lines("""
        That's {price} taken today, and you'll get a receipt by e-mail.
        So {price} now, and the next payment is on {date}.
        The total comes to {price}, including {pct} tax.
        Okay, {price} has gone through, the reference is {ticket}.
        I'm putting through {price} for {qty}.
        That's {price} for the deposit, the balance of {price2} is due on {date}.
        Your payment of {price} is approved, transaction number {order}.
        So, {price} today and then {price2} a month from {date}.
        We've taken {price}, and that's {pct} off with the discount.
        That's all paid, {price}, reference {order}.
    """),
    "IBAN_ASK": _lines("""
        Can I take the IBAN?
        What's the IBAN for the account?
        Could you read me the IBAN, please?
        And the IBAN you want the refund to go to?
        Which account should the direct debit come from? I'll need the IBAN.
        Go ahead with the IBAN when you're ready.
        Do you have the IBAN handy? It's on your statement.
        Could I get the full IBAN, starting with the country code?
        What IBAN should we pay the claim into?
        And the IBAN for the payments?
        Read me the IBAN slowly, please.
        Can you give me the bank details, the IBAN?
        For the SEPA mandate I need your IBAN.
        What's the IBAN on the new account?
        Okay, the IBAN, please.
    """),
    "IBAN_GIVE": _lines("""
        It's {v}.
        {v}.
        Sure, {v}.
        The IBAN is {v}.
        Okay, {v}.
        Um, {v}.
        Let me read it off the app, {v}.
        Right, {v}.
        It's {v}, that's my current account.
        Yes, {v}.
        Here it is, {v}.
        From the statement, {v}.
        That's {v}.
        Er, {v}.
        It's {v}, the joint account.
        My IBAN is {v}.
        Got it, {v}.
        It should be {v}.
        Okay, ready, {v}.
        It's {v}, with the bank I switched to.
        So, {v}.
        Alright, {v}.
        It starts with the country, {v}.
        Take this down, {v}.
        It's {v}, I hope.
    """),
    "IBAN_READ": _lines("""
        So that's {v}?
        Let me read it back, {v}.
        I have {v}, is that right?
        Okay, {v}.
        Thanks, {v}.
        Just confirming, {v}.
        Right, the IBAN is {v}.
        That's {v}, correct?
        Got it, {v}.
        Lovely, {v}, that validates.
        I'll put {v} on the mandate.
        Perfect, {v}.
        So the refund goes to {v}.
        Sorry, was it {v}?
        Great, {v}, and that's in your name?
        Noted, {v}.
        Okay, I've typed {v}.
        So {v}, yes?
        Alright, {v}.
        I'm reading {v} on my side.
        Brilliant, {v}.
        And {v} is the account for the debit.
        Thanks, so {v}.
        That checks out, {v}.
        I've got {v}.
        So the {price} refund goes to {v}.
        Okay, the first debit of {price} comes from {v} on {date}.
    """),
    "IBAN_PIECE_FIRST": _lines("""
        Okay, {v}
        It starts {v}
        {v}
        So, {v}
        Right, {v}
    """),
    "IBAN_PIECE_NEXT": _lines("""
        {v}
        Then {v}
        And {v}
        {v}, sorry
        Then {v}, nearly there
    """),
    "IBAN_PIECE_LAST": _lines("""
        And {v}, that's the end.
        {v}, that's it.
        Last bit, {v}.
        {v}.
    """),
    "ACCT_ASK": _lines("""
        And the account number?
        Can I take the account number?
        What's the {aname} you'd like to use?
        And the account number for the direct debit?
        Which account number should the refund go to?
        Could you read me the account number, please?
        What's the account number on the cheque?
        Okay, the account number, please.
        And then the account number?
        Do you have the account number handy?
        Can I get the account number for the payroll deposit?
        And the {aname}?
    """),
    "ACCT_GIVE": _lines("""
        It's {v}.
        {v}.
        Account number is {v}.
        Sure, {v}.
        Um, {v}.
        The account's {v}.
        Okay, {v}.
        The current account is {v}.
        It's {v}, that's the joint one.
        Yeah, {v}.
        Let me check the app, {v}.
        That's {v}.
        It's {v}, the savings.
        Right, {v}.
        Er, {v}.
        Here we go, {v}.
        From the cheque book, {v}.
        It should be {v}.
        So, {v}.
        Account {v}.
        It's {v}, in my name.
        Got it, {v}.
        That'd be {v}.
        Oh, {v}.
        The number is {v}.
    """),
    "ACCT_READ": _lines("""
        So the account number is {v}?
        Let me repeat, {v}.
        I have {v}, correct?
        Okay, {v}.
        Thanks, {v}.
        Account {v}, got it.
        Just confirming, {v}.
        That's {v}, yes?
        Right, {v}.
        Lovely, {v}.
        Noted, {v}.
        So {v}?
        Perfect, account {v}.
        I've put in {v}.
        Sorry, {v}, was it?
        Okay, {v} for the account.
        Great, {v}.
        And {v} is in your name?
        Alright, {v}.
        I'm reading {v}, does that match?
        Brilliant, {v}.
        So the payments come from {v}.
        Got it, {v}, thank you.
        And that's {v}.
        Thanks, I have {v}.
    """),
    "ACCT_AFTER": _lines("""
        I opened it in {year}.
        I've had it since {year}.
        It's the one I opened in {year}.
    """),
    "ROUT_ASK": _lines("""
        And the {rname}?
        What's the {rname}?
        Can I take the {rname}, please?
        And the {rname} for that bank?
        Could you read me the {rname}?
        Do you have the {rname}?
        Then the {rname}, please.
        And what's the {rname} on the account?
        Okay, now the {rname}.
        The {rname} as well, please.
        What {rname} should I use?
        And the bank's {rname}?
    """),
    "ROUT_GIVE": _lines("""
        It's {v}.
        {v}.
        Sure, {v}.
        The {rname} is {v}.
        Um, {v}.
        Okay, {v}.
        It's {v}, I think.
        That's {v}.
        Yeah, {v}.
        Right, {v}.
        Er, {v}.
        Let me see, {v}.
        It's {v}, on the bottom of the cheque.
        So, {v}.
        It's {v}, that's the branch in town.
        Got it, {v}.
        Alright, {v}.
        Here, {v}.
        {v}, I believe.
        Oh, it's {v}.
        That'd be {v}.
        It should be {v}.
        The bank gave me {v}.
        {v}, yep.
        It's {v}, same as always.
    """),
    "ROUT_READ": _lines("""
        So {v} for the {rname}?
        The {rname} is {v}, got it.
        I have {v}, correct?
        Okay, {v}.
        Thanks, {v}.
        Just confirming, {v}.
        That's {v}, yes?
        Right, {v}.
        Lovely, {v}.
        So {v}?
        Great, {v} brings up the bank.
        Perfect, {v}.
        I've put {v}.
        Sorry, was it {v}?
        Okay, the {rname} {v}.
        Noted, {v}.
        Brilliant, {v}.
        Alright, {v}.
        Got it, {v}.
        And {v} is the branch?
        I'm reading {v}.
        Thanks, so {v}.
        That matches, {v}.
        So that's {v}.
        Right, {v}, thank you.
    """),
    "BANK_ASK_BOTH": _lines("""
        Can I take the {rname} and the account number?
        I'll need the {rname} and account number, please.
        What are the {rname} and account number?
        Go ahead with the {rname} first, then the account number.
        And the bank details, {rname} and account?
    """),
    "BANK_COMBO_GIVE": _lines("""
        The {rname} is {rout} and the account is {acct}.
        It's {rout}, and the account number is {acct}.
        {rout}, then {acct}.
        {rname} first, {rout}, and account {acct}.
        Okay, {rout} for the {rname}, and {acct}.
        The {rname} is {rout}, account number {acct}.
        {rout}, and the account's {acct}.
        Um, {rout}, and {acct}.
        So {rout}, then the account, {acct}.
        Right, {rname} {rout}, account {acct}.
    """),
    "BANK_COMBO_READ": _lines("""
        So that's {rout} and {acct}?
        Let me read that back, {rout}, account {acct}.
        I have {rout} and {acct}, correct?
        Okay, {rout}, {acct}.
        Great, {rout} and account {acct}.
    """),
    "ID_ASK": _lines("""
        Can I take your {idname}?
        And your {idname}, please?
        For verification, I'll need your {idname}.
        What's your {idname}?
        Could you read me your {idname}?
        Do you have your {idname} to hand?
        I'll just need the {idname}.
        Can you confirm the {idname} on file?
        And the {idname}?
        We're required to ask for your {idname}.
        Could I get the {idname} for the application?
        Before I go on, your {idname}.
        Okay, and the {idname}, please?
        What {idname} did you register with?
        Sorry, I also need the {idname}.
    """),
    "ID_GIVE": _lines("""
        It's {v}.
        {v}.
        Sure, {v}.
        Um, {v}.
        Okay, it's {v}.
        My {idname} is {v}.
        Let me get the card, {v}.
        That's {v}.
        Right, {v}.
        Yeah, {v}.
        Er, {v}.
        The number's {v}.
        Here it is, {v}.
        It should be {v}.
        Okay, {v}.
        I know it off by heart, {v}.
        From the letter, {v}.
        So, {v}.
        It's {v}, I think.
        Got it, {v}.
        Oh, {v}.
        Alright, {v}.
        Hang on, {v}.
        It's {v}, on the card in front of me.
        That'd be {v}.
    """),
    "ID_READ": _lines("""
        So that's {v}?
        Let me read it back, {v}.
        I have {v}, is that right?
        Okay, {v}.
        Thanks, {v}.
        Just confirming, {v}.
        That's {v}, correct?
        Got it, {v}.
        Lovely, {v}.
        Right, {v}.
        Noted, {v}.
        So {v}, yes?
        Perfect, {v}.
        Sorry, was that {v}?
        I've entered {v}.
        Alright, {v}.
        Brilliant, {v}, that's verified.
        Okay, {v}, that matches.
        I'm reading {v}.
        And {v} is the number on the card?
        Great, {v}.
        So the {idname} is {v}.
        Thank you, {v}.
        Hmm, {v}, let me check.
        I've got {v} on my side.
    """),
    "EMAIL_ASK": _lines("""
        What's your e-mail address?
        Can I take an e-mail for the receipt?
        And the best e-mail?
        Where should we send the confirmation?
        Could you spell out your e-mail for me?
        What e-mail is on the account?
        And an e-mail address, please?
        Can I get an e-mail for the invoice?
        Which e-mail do you want the documents sent to?
        Do you have an e-mail I can send the link to?
        And what e-mail did you sign up with?
        Could you confirm your e-mail address?
        What's a good e-mail for you?
        And the e-mail for the tickets?
        Is there an e-mail we can use for updates?
    """),
    "EMAIL_GIVE": _lines("""
        It's {v}.
        {v}.
        Sure, it's {v}.
        Um, {v}.
        My e-mail is {v}.
        Send it to {v}.
        It's {v}, all lower case.
        That's {v}.
        Yeah, {v}.
        Okay, {v}.
        E-mail is {v}.
        Er, {v}.
        Best one is {v}.
        It's {v}, the work one.
        You can use {v}.
        Right, {v}.
        Oh, {v}.
        It's {v}, no capitals.
        I use {v}.
        It's {v}, I check it every day.
        Let me think, {v}.
        Probably {v}.
        {v}, please.
        Got it? {v}.
        Use {v} for everything.
    """),
    "EMAIL_READ": _lines("""
        So that's {v}?
        Let me read it back, {v}.
        I have {v}, is that right?
        Okay, {v}.
        Thanks, {v}.
        Just confirming, {v}.
        Got it, {v}.
        So {v}, yes?
        Lovely, {v}.
        Right, {v}.
        I'll send it to {v}.
        The receipt's going to {v}.
        Perfect, {v}.
        Sorry, was that {v}?
        Noted, {v}.
        I've typed {v}.
        Brilliant, {v}.
        Okay, {v}, you should get it shortly.
        Great, {v}.
        Alright, {v}.
        And {v} is the one you check?
        I'm showing {v} on file, is that current?
        So the link goes to {v}.
        Thanks, I have {v}.
        Okay, updated to {v}.
        I'll send the invoice for {price} to {v}.
        The confirmation for {date} is going to {v}.
        Okay, the receipt for order {order} goes to {v}.
    """),
    "NAME_DOB_ASK": _lines("""
        Can I take your full name and date of birth?
        To get started, your name and date of birth, please.
        Could you confirm your name and date of birth for security?
        First, the full name and date of birth on the account?
        Can I have the patient's name and date of birth?
        Just your name and DOB to begin with.
        Who am I speaking to, and what's your date of birth?
        Could I get your full name and your date of birth?
    """),
    "NAME_DOB_GIVE": _lines("""
        {name}, born {dob}.
        It's {name}, date of birth {dob}.
        {name}, and it's {dob}.
        Sure, {name}, {dob}.
        {name}. D-O-B {dob}.
        Um, {name}, and my birthday is {dob}.
        Name's {name}, born on {dob}.
        {name}... and {dob}.
        Yeah, it's {name}, and the date of birth is {dob}.
        {name}, {dob}, I think that's what you have.
    """),
    "ID_DOB_ASK": _lines("""
        Can I take your {idname} and date of birth?
        I'll need the {idname} and your date of birth, please.
        Could you give me the {idname} first, then the date of birth?
        For security, the {idname} and the date of birth?
        Your {idname} and date of birth, when you're ready.
        And can you confirm the {idname} and date of birth on file?
    """),
    "ID_DOB_GIVE": _lines("""
        It's {v}, and I was born {dob}.
        {v}. Date of birth {dob}.
        Sure, {v}, and {dob}.
        The number's {v}, born on {dob}.
        Um, {v}, and my date of birth is {dob}.
        {v}, then {dob}.
        Okay, {v}... and {dob}.
    """),
    "PHONE_EMAIL_ASK": _lines("""
        Can I take a phone number and an e-mail address?
        What's the best number and e-mail for you?
        And a contact number and e-mail, please?
        I'll need a mobile and an e-mail for the confirmation.
        Could you confirm your phone and e-mail?
        A number and an e-mail we can reach you on?
    """),
    "PHONE_EMAIL_GIVE": _lines("""
        Phone's {phone}, e-mail is {email}.
        It's {phone}, and {email}.
        Mobile {phone}, and the e-mail's {email}.
        {phone}, and you can e-mail me at {email}.
        Sure, {phone}. E-mail, {email}.
        Um, {phone}, and {email} for e-mail.
        The number is {phone}, e-mail {email}.
        {phone}. And {email}.
    """),
    "CONTACT_READ": _lines("""
        So {phone} and {email}, yes?
        Let me read those back: {phone}, and {email}.
        I have {phone} and {email}, correct?
        Great, {phone}, and the e-mail is {email}.
        Okay, {phone}, {email}, noted.
    """),
    "CLOSE_REP_NAME": _lines("""
        Is there anything else I can help with today, {first}?
        Thanks for calling, {first}, have a lovely day.
        Alright {first}, you're all set.
        Okay, {first}, that's everything done on our side.
        Great, {first}, you'll get a confirmation shortly.
        Thanks so much, {first}, take care.
        Right then, {first}, anything else?
        Lovely, {first}, enjoy the rest of your day.
    """),
    "CLOSE_REP_KEEP": _lines("""
        Your reference number is {ticket}, in case you need to call back.
        So that's booked for {date} at {time}, anything else?
        The order number is {order}, it should arrive by {date}.
        Okay, the total is {price}, and you'll get an e-mail confirmation.
        I've logged it as ticket {ticket}, someone will call back by {time} tomorrow.
        So the next payment of {price} is on {date}.
        That's {qty} confirmed for {date}.
        Right, that's the {product} ordered, arriving {date}.
        Okay, I've noted everything under {ticket}. Anything else today?
        You'll see {price} come back to you by {date}.
    """),
    "REP_NAME_AGAIN": _lines("""
        If you need anything else, my name is {rep}.
        And just so you know, it's {rep} if you call back.
        You can ask for me, {rep}, I'm on till six.
        Again, my name's {rep}, and I've noted everything.
        If there's a problem, ask for {rep} in billing.
        It was {rep}, by the way, in case it comes up.
    """),
    "CLOSE_CUST": _lines("""
        No, that's everything, thanks.
        That's all, thank you so much.
        Great, thanks for your help.
        Perfect, cheers, bye.
        No, you've been really helpful, thanks.
        Okay, bye now.
        Brilliant, thanks, bye bye.
        That's it, thanks a lot.
        Lovely, take care.
        Thanks, have a good one.
    """),
    "BYE_REP": _lines("""
        Thanks, {repfirst}, bye.
        Cheers, {repfirst}, you've been great.
        Thank you {repfirst}, have a good day.
        Okay, thanks {repfirst}.
        Brilliant, thank you {repfirst}.
        Thanks again, {repfirst}.
        Great, cheers {repfirst}, bye.
        Lovely, thank you, {repfirst}.
    """),
}

SMALL_TALK: list[tuple[str, str]] = [
    ("Bear with me, the system's being a bit slow today.", "No worries, take your time."),
    ("Sorry, can you hear me okay? The line's a bit crackly.", "Yeah, I can hear you fine now."),
    ("Just one second while that loads.", "Sure."),
    ("Are you still there?", "Yep, still here."),
    ("I'm just going to pop you on hold for a moment, is that okay?", "That's fine."),
    ("Thanks for waiting, I had to check with my supervisor.", "Okay, no problem."),
    ("Is there anything else on the account you wanted to look at?", "No, I think that's everything for now."),
    ("Sorry about the hold music, it's terrible, I know.", "Ha, it's fine."),
    ("I can see you've called a couple of times about this, sorry about that.", "Yeah, it's been a bit of a saga."),
    ("Let me just make a note on the file.", "Sure, go ahead."),
    ("Do you mind if I put you on speaker? I need to type.", "Of course."),
    ("Okay, that's saved.", "Great, thanks."),
    ("Sorry, I missed that, the line dropped for a second.", "I said that's fine, go ahead."),
    ("Do you mind if I ask a couple of quick questions?", "Go for it."),
    ("It's just thinking about it, nearly there.", "Okay."),
    ("Right, I've got everything I need from that side.", "Good."),
]

# which pools carry each entity type, on the customer's side and on the rep's (checked: 25+ distinct each)
CARRIERS: dict[str, dict[str, list[str]]] = {
    "card": {"customer": ["CARD_GIVE", "CARD_PIECE_FIRST", "CARD_PIECE_NEXT", "CARD_PIECE_LAST", "CARD_SPLIT"],
             "rep": ["CARD_READ"]},
    "cvv": {"customer": ["CVV_GIVE", "CVV_GIVE_AMEX", "EXP_CVV_GIVE"], "rep": ["CVV_READ"]},
    "expiry": {"customer": ["EXP_GIVE", "EXP_CORRECT", "EXP_CVV_GIVE"], "rep": ["EXP_READ"]},
    "iban": {"customer": ["IBAN_GIVE", "IBAN_PIECE_FIRST", "IBAN_PIECE_NEXT", "IBAN_PIECE_LAST"], "rep": ["IBAN_READ"]},
    "account": {"customer": ["ACCT_GIVE", "BANK_COMBO_GIVE"], "rep": ["ACCT_READ", "BANK_COMBO_READ"]},
    "routing": {"customer": ["ROUT_GIVE", "BANK_COMBO_GIVE"], "rep": ["ROUT_READ", "BANK_COMBO_READ"]},
    "dob": {"customer": ["DOB_GIVE", "DOB_BORN_IN", "DOB_PART_GIVE", "DOB_YEAR_GIVE", "DOB_CORRECT", "DOB_YEAR_FIX",
                         "DOB_THIRD", "NAME_DOB_GIVE", "ID_DOB_GIVE"], "rep": ["DOB_READ"]},
    "address": {"customer": ["ADDR_GIVE", "POST_GIVE", "UNIT_LATE"], "rep": ["ADDR_READ", "POST_READ"]},
    "person": {"customer": ["NAME_GIVE", "NAME_GIVE_SPELLED", "SPELL_GIVE", "THIRD_GIVE", "REASON_NAMED",
                            "CUST_HI_REP", "BYE_REP", "NAME_DOB_GIVE"],
               "rep": ["GREET", "NAME_ACK", "THIRD_ACK", "CLOSE_REP_NAME", "REP_NAME_AGAIN"]},
    "email": {"customer": ["EMAIL_GIVE", "PHONE_EMAIL_GIVE"], "rep": ["EMAIL_READ", "CONTACT_READ"]},
    "phone": {"customer": ["PHONE_GIVE", "PHONE_EXT", "PHONE_PIECE_FIRST", "PHONE_PIECE_NEXT", "PHONE_EMAIL_GIVE"],
              "rep": ["PHONE_READ", "CONTACT_READ"]},
    "id": {"customer": ["ID_GIVE", "ID_DOB_GIVE"], "rep": ["ID_READ"]},
}


# --------------------------------------------------------------------------------------------------------------
# Scenarios: industries, reasons for calling, what is bought or measured, and the exchanges with no personal data
# --------------------------------------------------------------------------------------------------------------

Exchange = list[tuple[str, str]]


@dataclass(frozen=True)
class Scenario:
    key: str
    industries: list[tuple[str, str]]  # (industry, company-name suffix)
    reasons: list[str]  # customer's reason for calling (templates; may hold keeps)
    beats: dict[str, float]  # beat -> chance it is planned
    qty: list[tuple[str, int, int]]  # (noun, low, high)
    products: list[str]
    measures: list[tuple[str, int, int]]  # (unit, low, high)
    talk: list[Exchange]  # exchanges with keeps and no personal data


def _ex(block: str) -> list[Exchange]:
    """Exchanges written one a paragraph, each line 'R: ...' or 'C: ...'."""
    out = []
    for para in block.strip().split("\n\n"):
        ex = []
        for ln in para.strip().splitlines():
            who, text = ln.strip().split(": ", 1)
            ex.append(("rep" if who == "R" else "customer", text))
        out.append(ex)
    return out


SCENARIOS: list[Scenario] = [
    Scenario("payment", [("dental clinic", "Dental"), ("veterinary practice", "Vets"), ("law firm", "Legal"),
                         ("plumbing company", "Plumbing"), ("furniture store", "Furniture"), ("gym", "Fitness"),
                         ("locksmith", "Locks")],
             ["I'd like to pay an outstanding bill.", "I got a letter saying my invoice is overdue.",
              "I want to settle the balance on my account.", "I'm calling to make a payment over the phone.",
              "I need to pay for last week's treatment."],
             {"name": .55, "dob": .2, "address": .3, "phone": .35, "email": .25,
              "id": .1, "card": .8, "bank": .15, "third": .2},
             [("sessions", 2, 12), ("visits", 2, 6), ("hours", 2, 9), ("items", 2, 14)],
             ["the Premier Plus membership", "the Series 7 chair", "the Gold 12 plan", "the Model X500 recliner"],
             [("kilos", 3, 60), ("metres", 2, 30)],
             _ex("""
                R: I can see an outstanding balance of {price} from {date}.
                C: Yes, that's the one I want to clear.

                C: Can you tell me what the {price} is for?
                R: That covers {qty} on {date}, plus a late fee of {price2}.

                R: If you pay today I can knock {pct} off.
                C: Oh, great, let's do that.

                C: Is there a fee for paying by card?
                R: There's a {pct} surcharge on credit cards, nothing on debit.

                R: The invoice number is {order}, dated {date}.
                C: Okay, I've got it in front of me.
             """)),
    Scenario("booking", [("boutique hotel", "Hotel"), ("restaurant group", "Dining"), ("boat tours", "Tours"),
                         ("event venue", "Events"), ("campsite", "Camping"), ("spa", "Spa")],
             ["I want to book a room for next month.", "I'd like to reserve a table for a birthday.",
              "I'm looking to book the boat tour.", "We need to change the dates of our stay.",
              "I'd like to book the function room."],
             {"name": .7, "dob": .08, "address": .15, "phone": .7, "email": .6,
              "id": .1, "card": .45, "bank": 0, "third": .35},
             [("nights", 2, 9), ("guests", 2, 12), ("rooms", 2, 5), ("people", 2, 40), ("tickets", 2, 8)],
             ["the Deluxe King room", "the Sunset 3 tour", "Package B", "the Lakeview Suite 2"],
             [("metres", 50, 400)],
             _ex("""
                C: We'd like {qty} from {date}.
                R: Let me check... yes, I have availability at {price} a night.

                R: Check-in is from {time} and check-out by {time2}.
                C: Perfect.

                C: Is breakfast included?
                R: It's {price} per person, or {pct} off if you add it now.

                R: I can do {date} at {time} for {qty}.
                C: Yes, that works.

                R: The deposit is {price} and it's refundable until {date}.
                C: Okay, that's fine.

                C: Do you have parking?
                R: Yes, about {measure} from the entrance, {price} a day.

                R: The {product} has a sea view and sleeps {qty}.
                C: Lovely, let's go with that.
             """)),
    Scenario("healthcare", [("physiotherapy clinic", "Physio"), ("dermatology clinic", "Skin Clinic"),
                            ("optician", "Opticians"), ("hospital outpatients", "Hospital"),
                            ("family medical practice", "Medical Centre"), ("dental surgery", "Dental Care")],
             ["I need to book a follow-up appointment.", "I'm calling to reschedule my appointment.",
              "My doctor referred me for a scan.", "I'd like to book my son in for an eye test.",
              "I got a text about a cancelled appointment."],
             {"name": .7, "dob": .9, "address": .4, "phone": .6, "email": .15,
              "id": .6, "card": .05, "bank": 0, "third": .35},
             [("sessions", 2, 10), ("appointments", 2, 6), ("tablets", 14, 56)],
             ["the Series 2 lenses", "the Comfort 30 contacts", "the ProFit 3 insoles"],
             [("milligrams", 5, 500), ("millilitres", 5, 250)],
             _ex("""
                R: The next available is {date} at {time}.
                C: Hmm, do you have anything earlier?

                R: I can move you to {date}, {time}, with the same physio.
                C: Yes please.

                C: How long is the appointment?
                R: About forty minutes, but please arrive by {time}.

                R: The consultation fee is {price}, and your insurance covers {pct}.
                C: Okay.

                C: I'm on {measure} of the blood pressure tablets, should I bring them?
                R: Yes, bring the box along.

                R: Your last visit was {date}, so you're due a review.
                C: Right, yes.

                R: We've got you down for {qty} with the {product}.
                C: That's right.
             """)),
    Scenario("insurance", [("car insurance", "Insurance"), ("home insurance", "Home Cover"),
                           ("pet insurance", "Pet Cover"), ("travel insurance", "Travel Cover"),
                           ("contents insurance", "Assure")],
             ["I need to make a claim.", "I'm following up on my claim.", "Someone reversed into my car.",
              "Our kitchen flooded last night.", "My dog needed surgery and I want to claim."],
             {"name": .6, "dob": .6, "address": .45, "phone": .55, "email": .25,
              "id": .35, "card": .05, "bank": .55, "third": .25},
             [("claims", 2, 4), ("items", 2, 15), ("windows", 2, 6)],
             ["the Kestrel 4 estate", "the Aero 5 hatchback", "the Series 3 boiler", "the HomeCare 24 policy"],
             [("centimetres", 5, 90)],
             _ex("""
                R: Can I take the policy number?
                C: Yes, it's {ticket}.

                R: When did it happen?
                C: On {date}, around {time}.

                R: Your excess is {price}, and the claim is for {price2}?
                C: That's right.

                C: What's the claim reference?
                R: It's {ticket}, please quote it when you send photos.

                R: The car is the {product}, registered in {year}?
                C: Yes.

                C: The damage is about {measure} along the door.
                R: Okay, I'll note that.

                R: Your no-claims discount is {pct}.
                C: Will that go down?
             """)),
    Scenario("utilities", [("electricity supplier", "Energy"), ("gas supplier", "Gas"), ("water company", "Water"),
                           ("broadband provider", "Broadband")],
             ["I'm moving house and need to set up an account.", "I want to give a meter reading.",
              "My direct debit went up and I don't know why.", "I'd like to switch to a fixed tariff."],
             {"name": .6, "dob": .45, "address": .7, "phone": .5, "email": .3,
              "id": .3, "card": .1, "bank": .65, "third": .1},
             [("months", 12, 36), ("bedrooms", 1, 5)],
             ["the Fixed 24 tariff", "the Green Saver 2 plan", "Fibre 500", "the Smart Hub 3"],
             [("kilowatt hours", 1200, 9800), ("cubic metres", 40, 300)],
             _ex("""
                C: The meter reading is {measure}.
                R: Thanks, that's in.

                R: Your monthly payment will be {price} from {date}.
                C: That's a big jump.

                R: The {product} is {price} a month for {qty}.
                C: And is there an exit fee?

                R: The unit rate is {price} per kilowatt hour and the standing charge is {price2} a day.
                C: Okay.

                C: We use about {measure} a year.
                R: Then you'd save around {pct}.
             """)),
    Scenario("banking", [("bank", "Bank"), ("credit union", "Credit Union"), ("building society", "Building Society")],
             ["I want to set up a new direct debit.", "I need to update my details.",
              "There's a payment on my statement I don't recognise.", "I'd like to open a savings account.",
              "I want to change where my salary goes."],
             {"name": .6, "dob": .65, "address": .3, "phone": .45, "email": .2,
              "id": .55, "card": .05, "bank": .85, "third": .15},
             [("transactions", 2, 9), ("cheques", 2, 5)],
             ["the Easy Saver 2 account", "the Flex 90 account", "the Gold 1 card"],
             [("branches", 2, 9)],
             _ex("""
                R: I can see a payment of {price} on {date}.
                C: That's the one I don't recognise.

                R: The savings rate is {pct} on balances over {price}.
                C: Okay.

                C: How long does a transfer take?
                R: Usually by {time} the next working day.

                R: Your dispute reference is {ticket}.
                C: Thanks, I'll write it down.

                R: That account was opened in {year}.
                C: Yes, that sounds right.
             """)),
    Scenario("rental", [("car rental", "Car Hire"), ("apartment letting", "Lettings"), ("equipment hire", "Hire"),
                        ("van hire", "Van Hire")],
             ["I want to rent a car for the weekend.", "I'm calling about the flat on your website.",
              "I need to extend my van hire.", "I'd like to hire a carpet cleaner."],
             {"name": .6, "dob": .45, "address": .4, "phone": .5, "email": .3,
              "id": .6, "card": .5, "bank": .15, "third": .3},
             [("days", 2, 14), ("bedrooms", 1, 4), ("drivers", 2, 3)],
             ["the Compact 2 hatchback", "the Luton 3.5 tonne van", "the XL 400 carpet cleaner",
              "the Estate 7 seater"],
             [("square metres", 35, 140)],
             _ex("""
                R: The {product} is {price} a day, unlimited mileage.
                C: Great.

                R: Pick-up is {date} at {time}.
                C: Perfect.

                R: The rent is {price} a month and the deposit is {price2}.
                C: And is that refundable?

                C: How big is the flat?
                R: About {measure}, two bedrooms.

                R: Drop-off is by {time} on {date}, otherwise there's a {price} late fee.
                C: Okay.
             """)),
    Scenario("delivery", [("courier", "Couriers"), ("furniture delivery", "Home Delivery"),
                          ("grocery delivery", "Grocers"), ("parcel service", "Parcels")],
             ["My parcel hasn't arrived.", "I need to change the delivery address.",
              "I want to rearrange my delivery.", "The driver left a card but I was home."],
             {"name": .55, "dob": .04, "address": .9, "phone": .8, "email": .3,
              "id": 0, "card": .05, "bank": 0, "third": .35},
             [("boxes", 2, 9), ("parcels", 2, 5), ("crates", 2, 12)],
             ["the Oslo 3 sofa", "the Chef 900 fridge", "the Model 7 treadmill"],
             [("kilos", 2, 90)],
             _ex("""
                R: Can I take the tracking number?
                C: It's {order}.

                R: It's out for delivery, between {time} and {time2}.
                C: Okay, I'll be in.

                R: The parcel weighs {measure}, so it needs a signature.
                C: That's fine, someone will be home.

                C: It was {qty}, and I've only got one.
                R: Let me check the manifest.

                R: I can rebook it for {date}.
                C: That works.

                R: It's the {product}, so it's a two-person delivery.
                C: Okay, good.
             """)),
    Scenario("refund", [("online retailer", "Online"), ("airline", "Air"), ("electronics store", "Electronics"),
                        ("fashion retailer", "Fashion")],
             ["I returned an item and haven't had my refund.", "My flight was cancelled and I want my money back.",
              "I was charged twice.", "The {product} I ordered arrived broken."],
             {"name": .55, "dob": .1, "address": .25, "phone": .45, "email": .6,
              "id": .05, "card": .3, "bank": .45, "third": .1},
             [("items", 2, 6), ("working days", 5, 14), ("pairs", 2, 4)],
             ["the Pro 14 laptop", "the Aero 3 stroller", "the Vantage 360 camera", "the Thermo 22 kettle"],
             [("inch", 13, 75)],
             _ex("""
                R: What's the order number?
                C: It's {order}.

                R: I can see the refund of {price} was issued on {date}.
                C: It's not in my account yet.

                C: It was the {product}, it stopped working after a week.
                R: I'm sorry to hear that.

                R: Refunds take up to {qty} to show.
                C: Okay.

                R: You were charged {price} twice on {date}.
                C: Yes, exactly.
             """)),
    Scenario("subscription", [("streaming service", "Stream"), ("meal kit company", "Kitchen"),
                              ("magazine publisher", "Press"), ("software company", "Software"),
                              ("coffee subscription", "Coffee")],
             ["I want to cancel my subscription.", "I'd like to upgrade my plan.",
              "I need to change the card on my subscription.", "I want to pause my deliveries."],
             {"name": .5, "dob": .1, "address": .25, "phone": .4, "email": .6,
              "id": .05, "card": .6, "bank": .25, "third": .15},
             [("months", 2, 12), ("screens", 2, 4), ("boxes", 2, 6)],
             ["the Basic 1 plan", "the Family 4 plan", "the Pro 12 plan", "Box 3"],
             [("grams", 250, 1000)],
             _ex("""
                R: You're on the {product} at {price} a month.
                C: Yes, I want to downgrade.

                R: If you stay I can offer {pct} off for {qty}.
                C: Hmm, okay, tempting.

                R: Your next billing date is {date}.
                C: Can you pause it before then?

                C: I signed up in {year}, I think.
                R: Yes, you've been with us a while.
             """)),
    Scenario("b2b", [("payroll software", "Payroll"), ("office supplies", "Office"), ("logistics", "Logistics"),
                     ("SaaS analytics", "Analytics"), ("IT services", "Systems")],
             ["I'm calling back about the quote you sent.", "We're ready to sign for the licences.",
              "I had a question about the proposal."],
             {"name": .6, "dob": 0, "address": .35, "phone": .65, "email": .65,
              "id": 0, "card": .35, "bank": .4, "third": .6},
             [("licences", 5, 250), ("seats", 5, 120), ("units", 20, 2500), ("pallets", 2, 40)],
             ["the Growth 50 tier", "the Enterprise 3 plan", "the Model X500 printer", "Team 10"],
             [("gigabytes", 100, 900), ("terabytes", 1, 20)],
             _ex("""
                R: So that's {qty} at {price} each, billed annually.
                C: Can you do better on price?

                R: I can do {pct} off if you sign by {date}.
                C: Okay, let's do it.

                C: We need {qty} from {date}.
                R: No problem, I'll update the quote to {order}.

                R: The {product} includes {measure} of storage.
                C: That should be plenty.

                R: The onboarding call is {date} at {time}.
                C: Great.
             """)),
    Scenario("support", [("internet provider", "Net"), ("phone maker", "Mobile"), ("smart home company", "Home Tech"),
                         ("printer maker", "Print")],
             ["My internet keeps dropping.", "My router isn't working.", "I can't log in to the app.",
              "The printer won't connect."],
             {"name": .55, "dob": .2, "address": .4, "phone": .7, "email": .5,
              "id": .15, "card": .05, "bank": 0, "third": .15},
             [("devices", 2, 12), ("restarts", 2, 6)],
             ["the Router AX3000", "the Printer P250", "the Hub 2 Mini", "the Pro 14 laptop"],
             [("megabits", 30, 900)],
             _ex("""
                R: Which model is it?
                C: It's the {product}.

                R: You should be getting {measure}, and you're getting about a third of that.
                C: Yeah, it's terrible.

                R: I've opened ticket {ticket} for you.
                C: Thanks.

                R: An engineer can come on {date} between {time} and {time2}.
                C: That's fine.

                C: It's been happening since {date}.
                R: Okay, I'll note that.

                C: We've got {qty} on the network.
                R: That shouldn't be a problem.
             """)),
    Scenario("collections", [("debt collection agency", "Recoveries"), ("arrears team", "Credit")],
             ["I got a letter about money I owe.", "I want to set up a payment plan.",
              "I'm calling about the arrears on my account."],
             {"name": .6, "dob": .7, "address": .4, "phone": .55, "email": .2,
              "id": .4, "card": .45, "bank": .45, "third": .1},
             [("payments", 3, 12), ("instalments", 3, 12)],
             ["the Flex 6 plan", "the Standard 12 arrangement"],
             [("weeks", 2, 12)],
             _ex("""
                R: The balance is {price}.
                C: I can't pay that all at once.

                R: We could do {price} a month starting {date}.
                C: Yes, I can manage that.

                R: There's a settlement offer of {pct} off if it's paid by {date}.
                C: Okay, let me think.

                R: Your account reference is {order}.
                C: Okay.

                R: That's {qty} on the {product}.
                C: Fine.
             """)),
    Scenario("travel", [("travel agency", "Travel"), ("airline", "Airways"), ("rail operator", "Rail"),
                        ("ferry operator", "Ferries")],
             ["I want to book flights for the summer.", "I need to change the name on a ticket.",
              "I'm calling about our package holiday.", "I'd like to book the ferry for the car."],
             {"name": .6, "dob": .55, "address": .2, "phone": .55, "email": .55,
              "id": .65, "card": .35, "bank": 0, "third": .55},
             [("bags", 2, 4), ("passengers", 2, 6), ("seats", 2, 6)],
             ["the Flex Plus fare", "the Saver 3 fare", "cabin B12"],
             [("kilos", 7, 32)],
             _ex("""
                R: There's a flight on {date} at {time}.
                C: That's perfect.

                R: It's {price} per person, with {qty}.
                C: Okay.

                R: Your booking reference is {ticket}.
                C: Got it.

                C: What's the baggage allowance?
                R: {measure} in the hold and a small cabin bag.

                R: The {product} lets you change dates for free.
                C: Let's do that then.
             """)),
    Scenario("telecoms", [("mobile network", "Mobile"), ("broadband and TV", "Connect")],
             ["I want to upgrade my phone.", "I'm going over my data every month.", "I want to keep my number.",
              "I'd like a SIM-only deal."],
             {"name": .6, "dob": .55, "address": .4, "phone": .85, "email": .3,
              "id": .5, "card": .3, "bank": .35, "third": .1},
             [("months", 12, 36), ("lines", 2, 5)],
             ["the Unlimited 40 plan", "the Essentials 12 bundle", "the 5G Plus 30 plan", "the Nova A15 handset"],
             [("gigs", 5, 100)],
             _ex("""
                R: You're on the {product}, {measure} of data.
                C: I need more than that.

                R: The new handset is {price} upfront and {price2} a month for {qty}.
                C: Okay.

                R: Your contract ends {date}.
                C: Oh, sooner than I thought.

                R: I can give you {pct} off the line rental.
                C: Great.
             """)),
    Scenario("education", [("university", "University"), ("language school", "Language School"),
                           ("private school", "College"), ("driving school", "Driving School")],
             ["I want to pay my daughter's tuition.", "I'm calling about the course fees.",
              "I need to pay the deposit for the summer school."],
             {"name": .55, "dob": .45, "address": .3, "phone": .4, "email": .45,
              "id": .3, "card": .4, "bank": .4, "third": .6},
             [("instalments", 2, 6), ("lessons", 5, 30), ("weeks", 2, 12)],
             ["the Intensive 20 course", "Level B2", "the Module 3 pack"],
             [("hours", 10, 120)],
             _ex("""
                R: The fees for the term are {price}.
                C: Can we pay in instalments?

                R: Yes, {qty} of {price} each.
                C: That's better.

                R: The course starts {date} and it's {measure} in total.
                C: Okay.

                R: The invoice is {order}, due {date}.
                C: Okay.

                R: She's enrolled on the {product}.
                C: Yes, that's right.
             """)),
    Scenario("tax", [("tax preparation", "Tax"), ("accountancy", "Accountants")],
             ["I'm calling about my tax return.", "I need to set up direct deposit for my refund.",
              "I got a letter about my tax code."],
             {"name": .6, "dob": .6, "address": .4, "phone": .35, "email": .35,
              "id": .85, "card": .05, "bank": .8, "third": .2},
             [("forms", 2, 6), ("dependants", 1, 4)],
             ["the Premium 2 filing", "the Basic return"],
             [("miles", 500, 9000)],
             _ex("""
                R: Your estimated refund is {price}.
                C: Oh, nice.

                R: We'll file it by {date}.
                C: Great.

                C: I earned about {price} in {year}.
                R: Okay, that's what we have.

                R: You drove {measure} for work?
                C: Roughly, yes.
             """)),
    Scenario("payroll", [("staffing agency", "Staffing"), ("HR services", "People")],
             ["I'm starting a new job and HR asked me to call.", "I need to give my bank details for payroll.",
              "The agency asked me to register."],
             {"name": .6, "dob": .6, "address": .5, "phone": .5, "email": .45,
              "id": .8, "card": 0, "bank": .85, "third": .2},
             [("hours", 16, 40), ("shifts", 2, 6)],
             ["the Warehouse 2 site", "the Level 3 role"],
             [("miles", 2, 30)],
             _ex("""
                R: You start on {date} at {time}.
                C: Great.

                R: Your hourly rate is {price}, paid weekly.
                C: Okay.

                R: That's {qty} a week on the rota.
                C: That suits me.

                R: Your employee number will be {order}.
                C: Okay.
             """)),
]

TALK_ANY = _ex("""
    R: I've added a note with reference {ticket}.
    C: Thanks.

    C: When will I hear back?
    R: By {date}, usually before {time}.

    R: You've been a customer since {year}, thank you for that.
    C: Has it been that long?

    C: Can you e-mail me a summary?
    R: Of course, it'll include order {order}.

    R: It's currently {pct} off until {date}.
    C: Oh nice.

    R: Do you have a membership number? It's not the same as your ID.
    C: Yes, it's {order}.

    C: My policy number is {ticket}, if that helps.
    R: Perfect, that brings it straight up.
""")

REP_BYE = ["Take care, bye now.", "You too, bye.", "Bye!", "Cheers, bye.", "Have a good day, bye.", "Okay, bye bye."]

# --------------------------------------------------------------------------------------------------------------
# Countries
# --------------------------------------------------------------------------------------------------------------

COUNTRY_WEIGHTS = [("US", 55), ("UK", 42), ("IE", 30), ("CA", 25), ("AU", 25), ("DE", 13), ("FR", 11), ("NL", 10),
                   ("ES", 10), ("IT", 10), ("BE", 8), ("PL", 6), ("PT", 5)]
EU = ("DE", "FR", "NL", "ES", "IT", "BE", "PL", "PT")
PCNAME = {"US": "ZIP code", "UK": "postcode", "IE": "Eircode", "CA": "postal code", "AU": "postcode"}
CURRENCY = {"US": ("$", "dollars"), "CA": ("$", "dollars"), "AU": ("$", "dollars"), "UK": ("£", "pounds")}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


# --------------------------------------------------------------------------------------------------------------
# The call being written
# --------------------------------------------------------------------------------------------------------------


@dataclass
class Ctx:
    """One call: its random generator, country, scenario, company, the rep and the customer."""

    cid: str
    rng: random.Random
    country: str
    sc: Scenario
    industry: str
    company: str
    rep: Person
    cust: Person
    card: str = ""
    used: dict[str, int] = field(default_factory=dict)

    # ---- small helpers ----
    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, pool: str) -> str:
        return self.rng.choice(POOLS[pool])

    def pcname(self) -> str:
        return PCNAME.get(self.country, self.rng.choice(("postcode", "postal code")))

    def turn(self, speaker: str, template: str, **slots: Slot) -> Turn:
        """A turn from a template; slots not given are filled from the call (company, names, keeps)."""
        full: dict[str, Slot] = dict(slots)
        for name in dict.fromkeys(SLOT_RE.findall(template)):  # in the order they appear: deterministic
            if name not in slots:
                full[name] = self.auto_slot(name)
        return Turn(speaker, fill(template, full))

    def say(self, speaker: str, pool: str, **slots: Slot) -> Turn:
        return self.turn(speaker, self.pick(pool), **slots)

    def auto_slot(self, name: str) -> Slot:
        rng = self.rng
        if name == "co":
            return self.company
        if name == "rep":
            return name_piece(self.rep, rng, "full" if self.chance(0.45) else "first", rep=True)
        if name == "repfirst":
            return name_piece(self.rep, rng, "first", rep=True)
        if name == "first":
            return name_piece(self.cust, rng, "first")
        if name == "pcname":
            return self.pcname()
        if name == "brand":
            return card_brand(self.card) if self.card else "Visa"
        base = re.sub(r"\d+$", "", name)
        if base in KEEP_MAKERS:
            return KEEP_MAKERS[base](self)
        raise KeyError(f"template slot {{{name}}} has no value: pass it to Ctx.turn or add it to Ctx.auto_slot")

    def hes(self) -> Piece:
        """A hesitation tiny.en drops (or nothing)."""
        if self.chance(0.25):
            return T(self.rng.choice(("Um, ", "Uh, ", "Er, ", "Erm, ")), "")
        return T("")

    # ---- keeps ----
    def money(self) -> tuple[str, str]:
        return CURRENCY.get(self.country, ("€", "euros"))


def _k_price(ctx: Ctx) -> Piece:
    rng = ctx.rng
    sym, word = ctx.money()
    band = rng.choice(((5, 60), (20, 400), (60, 900), (400, 4000)))
    n = rng.randint(*band)
    cents = rng.choice((0, 0, 99, 50, 95, rng.randint(1, 98)))
    us = ctx.country in ("US", "CA")
    r = rng.random()
    num = f"{sym}{n:,}" + (f".{cents:02d}" if cents else "")
    if r < 0.5:
        return K("price", num, rng.choice((num, num, num.replace(",", ""))))
    if r < 0.7:
        w = f"{int_words(n, not us)} {word}" + (f" {two_words(cents)}" if cents else "")
        a = rng.choice((num, f"{n} {word}" + (f" {cents}" if cents else "")))
        return K("price", w, a)
    if r < 0.85 and cents:
        w = f"{int_words(n, not us)} {two_words(cents)}"  # "two hundred and forty-nine ninety-nine"
        return K("price", w, rng.choice((num, w.replace("-", " "))))
    w = f"{int_words(n, not us)} {word}"
    return K("price", w, rng.choice((f"{n} {word}", f"{sym}{n}")))


def _k_qty(ctx: Ctx) -> Piece:
    rng = ctx.rng
    noun, lo, hi = rng.choice(ctx.sc.qty)
    n = rng.randint(lo, hi)
    if n <= 20 and rng.random() < 0.6:
        return K("quantity", f"{two_words(n)} {noun}", f"{n} {noun}")
    if n >= 100 and rng.random() < 0.2:  # read off an order line digit by digit
        return K("quantity", f"{' '.join(ONES[int(c)] for c in str(n))} {noun}", f"{n} {noun}")
    if n >= 1000 and rng.random() < 0.5:
        return K("quantity", f"{n:,} {noun}", rng.choice((f"{n:,} {noun}", f"{n} {noun}")))
    return K("quantity", f"{n} {noun}", f"{n} {noun}")


def _k_date(ctx: Ctx) -> Piece:
    rng = ctx.rng
    m, d = rng.randint(1, 12), rng.randint(1, 28)
    mon, wd = MONTHS[m - 1], rng.choice(WEEKDAYS)
    us = ctx.country in ("US", "CA")
    form = rng.randrange(10)
    if form == 0:
        return K("date", f"{wd} the {ord_words(d)}", f"{wd} the {ord_num(d)}")
    if form == 1:
        return K("date", f"{mon} {ord_num(d)}", rng.choice((f"{mon} {ord_num(d)}", f"{mon} {d}")))
    if form == 2:
        return K("date", f"the {ord_words(d)} of {mon}", f"the {ord_num(d)} of {mon}")
    if form == 3:
        s = f"{m}/{d}" if us else f"{d}/{m}"
        return K("date", s)
    if form == 4:
        y = rng.randint(2026, 2028)
        return K("date", f"{mon} {y}")
    if form == 5:
        return K("date", f"next {wd}")
    if form == 6:
        return K("date", f"{wd}, {mon} {ord_num(d)}", f"{wd} {mon} {ord_num(d)}")
    if form == 7:
        return K("date", f"{d} {mon}")
    if form == 8:
        return K("date", f"the {ord_num(d)}")
    return K("date", f"{wd} {d} {mon}")


def _k_time(ctx: Ctx) -> Piece:
    rng = ctx.rng
    h = rng.randint(1, 11)
    form = rng.randrange(9)
    if form == 0:
        mm = rng.choice((15, 30, 45, 10, 20))
        return K("time", f"{h}:{mm:02d}")
    if form == 1:
        return K("time", f"half past {ONES[h] if h < 10 else two_words(h)}", f"half past {h}")
    if form == 2:
        return K("time", f"{h} a.m.", rng.choice((f"{h} a.m.", f"{h}am", f"{h} AM")))
    if form == 3:
        return K("time", f"quarter to {two_words(h)}", f"quarter to {h}")
    if form == 4:
        return K("time", f"{rng.randint(13, 18)}:00")
    if form == 5:
        return K("time", f"half {two_words(h)}", f"half {h}")
    if form == 6:
        return K("time", f"{two_words(h)} o'clock", f"{h} o'clock")
    if form == 7:
        return K("time", f"{two_words(h)} thirty", rng.choice((f"{h}:30", f"{h}.30")))
    return K("time", f"{h} p.m.", rng.choice((f"{h} p.m.", f"{h}pm", f"{h} PM")))


def _k_year(ctx: Ctx) -> Piece:
    rng = ctx.rng
    y = rng.randint(1998, 2025)
    if rng.random() < 0.25:
        w = f"twenty {two_words(y % 100)}" if y >= 2010 else f"two thousand and {ONES[y % 10]}" if y < 2010 and \
            y >= 2000 else f"nineteen {two_words(y % 100)}"
        return K("year", w, str(y))
    return K("year", str(y))


def _k_order(ctx: Ctx) -> Piece:
    rng = ctx.rng
    form = rng.randrange(6)
    if form == 0:
        s = f"{rng.choice('ABKMWX')}-{rng.randint(10000, 99999)}"
        return K("order", s, rng.choice((s, s.replace("-", ""), s.replace("-", " "))))
    if form == 1:
        return K("order", f"ORD-{rng.randint(10000, 99999)}")
    if form == 2:  # shaped like a phone number, but an order number
        ds = rand_digits(rng, 10)
        w, a = say_digits(ds, [3, 3, 4], rng, numeric_p=0.5, pairs_p=0.2, regroup_p=0.0)
        return K("order", w, a)
    if form == 3:
        s = f"{rng.choice(('WX', 'KD', 'PL', 'RT'))}-{rng.randint(1000, 9999)}-{rng.choice(('KD', 'A', 'Q7', 'Z'))}"
        return K("order", s)
    if form == 4:  # member / account references read like bank numbers
        ds = rand_digits(rng, 8)
        w, a = say_digits(ds, [4, 4], rng, numeric_p=0.5, pairs_p=0.3, regroup_p=0.0)
        return K("order", w, a)
    s = f"{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
    return K("order", s, rng.choice((s, s.replace("-", " "))))


def _k_ticket(ctx: Ctx) -> Piece:
    rng = ctx.rng
    form = rng.randrange(6)
    if form == 0:
        return K("ticket", f"CASE-{rng.randint(10000, 99999)}")
    if form == 1:
        s = f"INC{rng.randint(10000, 999999):07d}"
        return K("ticket", s)
    if form == 2:
        s = f"CLM-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
        return K("ticket", s, rng.choice((s, s.replace("-", " "))))
    if form == 3:
        s = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6))
        return K("ticket", s)
    if form == 4:  # a policy number: a keep, not an id
        s = f"{rng.choice(('HX', 'PL', 'MT', 'QB'))}-{rng.randint(100, 999)}-{rng.randint(100, 999)}"
        return K("ticket", s, rng.choice((s, s.replace("-", " "))))
    s = f"{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"
    return K("ticket", s)


def _k_product(ctx: Ctx) -> Piece:
    p = ctx.rng.choice(ctx.sc.products).removeprefix("the ")
    return K("product", p)


def _k_pct(ctx: Ctx) -> Piece:
    rng = ctx.rng
    n = rng.choice((5, 10, 12, 15, 20, 25, 30, 40, 50, 3))
    r = rng.random()
    if r < 0.35:
        return K("percent", f"{n}%", rng.choice((f"{n}%", f"{n} percent")))
    if r < 0.7:
        return K("percent", f"{two_words(n)} percent", rng.choice((f"{n}%", f"{n} percent")))
    dec = f"{rng.randint(1, 9)}.{rng.randint(1, 9)}"
    return K("percent", f"{dec}%", rng.choice((f"{dec}%", f"{dec} percent")))


def _k_measure(ctx: Ctx) -> Piece:
    rng = ctx.rng
    unit, lo, hi = rng.choice(ctx.sc.measures)
    n = rng.randint(lo, hi)
    if n < 100 and rng.random() < 0.35:
        return K("measure", f"{two_words(n)} {unit}", f"{n} {unit}")
    if n >= 1000:
        return K("measure", f"{n:,} {unit}", rng.choice((f"{n:,} {unit}", f"{n} {unit}")))
    return K("measure", f"{n} {unit}")


KEEP_MAKERS: dict[str, Callable[[Ctx], Piece]] = {
    "price": _k_price, "qty": _k_qty, "date": _k_date, "time": _k_time, "year": _k_year, "order": _k_order,
    "ticket": _k_ticket, "product": _k_product, "pct": _k_pct, "measure": _k_measure,
}


def last4_keep(card: str, rng: random.Random) -> Piece:
    """The last four of the card in a read-back: kept (callcoach leaves the last four alone)."""
    l4 = card[-4:]
    r = rng.random()
    if r < 0.7:
        return K("last4", l4, rng.choice((l4, l4, f"{l4[:2]} {l4[2:]}")))
    w = " ".join(ONES[int(c)] if c != "0" else "oh" for c in l4)
    return K("last4", w, rng.choice((l4, w)))


# --------------------------------------------------------------------------------------------------------------
# Beats: the stretches a call is made of (each a list of turns, before same-speaker turns are joined)
# --------------------------------------------------------------------------------------------------------------

MALE_GIVEN = [g for g in GIVEN if g not in FEMALE_HINT]
FEMALE_GIVEN = sorted(FEMALE_HINT)


def addressed(ctx: Ctx, p: Person) -> Slot:
    """How the rep addresses someone: first name, or a title and the surname (only the name is labelled)."""
    if ctx.chance(0.65):
        return name_piece(p, ctx.rng, "first")
    title = "Dr" if ctx.chance(0.1) else (ctx.rng.choice(("Ms", "Mrs")) if p.female else "Mr")
    return [T(title + " "), name_piece(p, ctx.rng, "last")]


def beat_name(ctx: Ctx) -> list[Turn]:
    rng, c = ctx.rng, ctx.cust
    turns = [ctx.say("rep", "NAME_ASK")]
    full = name_piece(c, rng)
    if spellable(c.last) and ctx.chance(0.22):
        turns.append(ctx.say("customer", "NAME_GIVE_SPELLED", v=full, sp=spell_piece(c.last, rng)))
    else:
        turns.append(ctx.say("customer", "NAME_GIVE", v=full))
        if spellable(c.last) and ctx.chance(0.2):
            turns += [ctx.say("rep", "NAME_SPELL_ASK"), ctx.say("customer", "SPELL_GIVE", v=spell_piece(c.last, rng))]
    if ctx.chance(0.85):
        turns.append(ctx.say("rep", "NAME_ACK", v=addressed(ctx, c)))
    return turns


# a third-party line that names a setting is used only in calls of that kind
THIRD_HINTS = {"parcel": ("delivery", "refund"), "traveller": ("travel", "booking"),
               "tenant": ("rental", "utilities"), "driver": ("rental", "insurance"),
               "student": ("education",), "appointment": ("healthcare",), "carer": ("healthcare", "banking"),
               "hospital": ("healthcare", "insurance", "collections"), "claim": ("insurance",),
               "policy": ("insurance",), "purchase": ("b2b", "payment", "subscription"),
               "accountant": ("tax", "b2b", "payroll", "banking"), "signing": ("b2b", "rental"),
               "colleague": ("b2b", "booking", "travel", "payroll"), "assistant": ("b2b", "tax", "payroll"),
               "booking": ("booking", "travel"), "university": ("education",),
               "emergency contact": ("healthcare", "payroll", "travel")}
PRONOUNS_F = re.compile(r"\b(she|her|mum|daughter|mother)\b", re.IGNORECASE)
PRONOUNS_M = re.compile(r"\b(he|his|him|dad|son|father)\b", re.IGNORECASE)


def _fits(tpl: str, scenario: str) -> bool:
    low = tpl.lower()
    return all(scenario in scs for word, scs in THIRD_HINTS.items() if word in low)


def beat_third(ctx: Ctx) -> list[Turn]:
    rng = ctx.rng
    tpl = rng.choice([t for t in POOLS["THIRD_GIVE"] if _fits(t, ctx.sc.key)])
    low = tpl.lower()
    if re.search(r"\b(mother|wife|daughter|grandmother|her|she)\b", low):
        p = Person(rng.choice(FEMALE_GIVEN), rng.choice(SURNAMES))
    elif re.search(r"\b(husband|son|dad|brother|father|he|his)\b", low):
        p = Person(rng.choice(MALE_GIVEN), rng.choice(SURNAMES))
    else:
        p = make_person(rng)
    turns = [ctx.turn("customer", tpl, v=name_piece(p, rng))]
    turns.append(ctx.say("rep", "THIRD_ACK", v=name_piece(p, rng, "first" if ctx.chance(0.5) else "full")))
    if ctx.chance(0.5):
        y, m, d = make_dob(rng)
        wrong = PRONOUNS_M if p.first in FEMALE_HINT else PRONOUNS_F
        said = rng.choice([t for t in POOLS["DOB_THIRD"] if not wrong.search(t)])
        turns += [ctx.say("rep", "DOB_ASK_THIRD"), ctx.turn("customer", said, v=dob_value(y, m, d, rng, ctx.country))]
        if ctx.chance(0.3):
            turns.append(ctx.say("rep", "DOB_READ", v=dob_value(y, m, d, rng, ctx.country)))
    return turns


def _ordinal_value(d: int, rng: random.Random) -> Piece:
    """A day said alone in a correction ('fourteenth', '14th')."""
    w = ord_words(d) if rng.random() < 0.6 else ord_num(d)
    return E("dob", w, rng.choice((ord_num(d), ord_num(d), str(d))))


def _month_day_value(m: int, d: int, rng: random.Random) -> Piece:
    mon = MONTHS[m - 1]
    r = rng.randrange(5)
    if r == 0:
        return E("dob", f"{mon} {ord_words(d)}", f"{mon} {ord_num(d)}")
    if r == 1:
        return E("dob", f"{ord_words(d)} of {mon}", f"{ord_num(d)} of {mon}")
    if r == 2:
        return E("dob", f"{d} {mon}", f"{d} {mon}")
    if r == 3:
        return E("dob", f"{mon} {two_words(d)}", f"{mon} {d}")
    return E("dob", f"{mon} the {ord_words(d)}", f"{mon} the {ord_num(d)}")


def _year_value(y: int, rng: random.Random) -> Piece:
    r = rng.random()
    if r < 0.4:
        return E("dob", *_year_full(y, rng))
    if r < 0.8:
        return E("dob", *_year_short(y, rng))
    return E("dob", f"'{y % 100:02d}", rng.choice((f"{y % 100:02d}", f"'{y % 100:02d}")))


def beat_dob(ctx: Ctx) -> list[Turn]:
    rng, c = ctx.rng, ctx.country
    y, m, d = make_dob(rng)
    turns = [ctx.say("rep", "DOB_ASK")]
    r = rng.random()
    if r < 0.12:
        turns += [ctx.say("customer", "DOB_PART_GIVE", v=_month_day_value(m, d, rng)),
                  ctx.say("rep", "DOB_YEAR_ASK"), ctx.say("customer", "DOB_YEAR_GIVE", v=_year_value(y, rng))]
    elif r < 0.27:
        wrong = d + 10 if d <= 18 else d - 10
        turns.append(ctx.say("customer", "DOB_CORRECT", v=dob_value(y, m, wrong, rng, c),
                             fix=_ordinal_value(d, rng), wrong=_ordinal_value(wrong, rng)))
    elif r < 0.35:
        turns.append(ctx.say("customer", "DOB_YEAR_FIX", v=dob_value(y + rng.choice((-1, 1, -10)), m, d, rng, c),
                             fix=_year_value(y, rng)))
    elif r < 0.45:
        turns.append(ctx.say("customer", "DOB_BORN_IN", v=dob_value(y, m, d, rng, c, form=8)))
    else:
        turns.append(ctx.say("customer", "DOB_GIVE", v=dob_value(y, m, d, rng, c)))
    if ctx.chance(0.38):
        turns.append(ctx.say("customer", "DOB_AFTER"))
    if ctx.chance(0.42):
        turns.append(ctx.say("rep", "DOB_READ", v=dob_value(y, m, d, rng, c)))
    return turns


UNITS_LATE = {"US": ("Apartment {n}B", "Apt {n}", "Suite {n}00", "Unit {n}"), "CA": ("Unit {n}", "Suite {n}0"),
              "AU": ("Unit {n}",), "UK": ("Flat {n}",), "IE": ("Apartment {n}", "Flat {n}")}


def beat_address(ctx: Ctx) -> list[Turn]:
    rng, c = ctx.rng, ctx.country
    street = street_value(c, rng)
    made = make_postcode(c, rng)
    post = postcode_value(c, rng, made)
    r = rng.random()
    turns: list[Turn] = []
    if r < 0.55:
        full = address_pieces(c, rng, street, post)
        turns += [ctx.say("rep", "ADDR_ASK"), ctx.say("customer", "ADDR_GIVE", v=full)]
        read: Slot | None = full if ctx.chance(0.45) else None
        read_pool = "ADDR_READ"
    elif r < 0.85:
        turns += [ctx.say("rep", "ADDR_ASK"), ctx.say("customer", "ADDR_GIVE", v=street),
                  ctx.say("rep", "POST_ASK"), ctx.say("customer", "POST_GIVE", v=post)]
        read = postcode_value(c, rng, made) if ctx.chance(0.45) else None
        read_pool = "POST_READ"
    else:
        turns += [ctx.say("rep", "POST_ASK"), ctx.say("customer", "POST_GIVE", v=post)]
        read = postcode_value(c, rng, made) if ctx.chance(0.5) else None
        read_pool = "POST_READ"
        street = None
    if street is not None and c in UNITS_LATE and "," not in street.written and "/" not in street.written \
            and "Box" not in street.written and ctx.chance(0.15):
        u = rng.choice(UNITS_LATE[c]).format(n=rng.randint(2, 19))
        turns.append(ctx.say("customer", "UNIT_LATE", v=E("address", u, rng.choice((u, u.lower())))))
    if read is not None:
        turns.append(ctx.say("rep", read_pool, v=read))
    return turns


def beat_phone(ctx: Ctx) -> list[Turn]:
    rng, c = ctx.rng, ctx.country
    cc, groups = make_phone(c, rng)
    intl = ctx.chance(0.5 if c in EU else 0.2)
    turns = [ctx.say("rep", "PHONE_ASK")]
    r = rng.random()
    if r < 0.28 and len(groups) >= 3:
        k = rng.randint(1, len(groups) - 1)
        turns += [ctx.say("customer", "PHONE_PIECE_FIRST", v=phone_value(cc, groups[:k], rng, intl)),
                  ctx.say("rep", "ACK"),
                  ctx.say("customer", "PHONE_PIECE_NEXT", v=phone_value(cc, groups[k:], rng, False, with_cc=False))]
    elif r < 0.38 and c in ("US", "UK", "CA", "AU", "IE"):
        ext = rng.choice(("two one four", "214", "thirty-one", "4401", "one oh two", "five five"))
        turns.append(ctx.say("customer", "PHONE_EXT", v=phone_value(cc, groups, rng, intl), ext=ext))
    else:
        turns.append(ctx.say("customer", "PHONE_GIVE", v=phone_value(cc, groups, rng, intl)))
    if ctx.chance(0.45):
        turns.append(ctx.say("rep", "PHONE_READ", v=phone_value(cc, groups, rng, intl if ctx.chance(0.7) else not intl)))
    return turns


def beat_email(ctx: Ctx) -> list[Turn]:
    rng = ctx.rng
    dom = None
    if ctx.sc.key == "b2b" and ctx.chance(0.6):
        dom = re.sub(r"[^a-z]", "", ctx.company.lower()) + rng.choice((".com", ".co", ".io"))
    em = make_email(ctx.cust, ctx.country, rng, dom)
    turns = [ctx.say("rep", "EMAIL_ASK"), ctx.say("customer", "EMAIL_GIVE", v=email_value(em, rng))]
    if ctx.chance(0.45):
        turns.append(ctx.say("rep", "EMAIL_READ", v=email_value(em, rng)))
    return turns


def beat_id(ctx: Ctx) -> list[Turn]:
    rng = ctx.rng
    kind = rng.choice(ID_KINDS[ctx.country])
    code = kind.make(rng, ctx.cust)
    idname = rng.choice(kind.names)
    give = ctx.pick("ID_GIVE")
    while kind.key == "ssn4" and "{idname}" in give:
        give = ctx.pick("ID_GIVE")
    turns = [ctx.say("rep", "ID_ASK", idname=idname),
             ctx.turn("customer", give, v=id_value(code, kind.groups, rng), idname=idname)]
    if ctx.chance(0.4):
        turns.append(ctx.say("rep", "ID_READ", v=id_value(code, kind.groups, rng), idname=idname))
    return turns


def beat_namedob(ctx: Ctx) -> list[Turn]:
    """Name and date of birth asked and given in one breath."""
    rng = ctx.rng
    y, m, d = make_dob(rng)
    turns = [ctx.say("rep", "NAME_DOB_ASK"),
             ctx.say("customer", "NAME_DOB_GIVE", name=name_piece(ctx.cust, rng),
                     dob=dob_value(y, m, d, rng, ctx.country))]
    if ctx.chance(0.3):
        turns.append(ctx.say("rep", "DOB_READ", v=dob_value(y, m, d, rng, ctx.country)))
    if ctx.chance(0.6):
        turns.append(ctx.say("rep", "NAME_ACK", v=addressed(ctx, ctx.cust)))
    return turns


def beat_iddob(ctx: Ctx) -> list[Turn]:
    """An id number and the date of birth in one exchange (NHS number and DOB, SSN and DOB ...)."""
    rng = ctx.rng
    kind = rng.choice([k for k in ID_KINDS[ctx.country] if k.key != "ssn4"])
    code = kind.make(rng, ctx.cust)
    idname = rng.choice(kind.names)
    y, m, d = make_dob(rng)
    turns = [ctx.say("rep", "ID_DOB_ASK", idname=idname),
             ctx.say("customer", "ID_DOB_GIVE", v=id_value(code, kind.groups, rng),
                     dob=dob_value(y, m, d, rng, ctx.country))]
    if ctx.chance(0.35):
        turns.append(ctx.say("rep", "ID_READ", v=id_value(code, kind.groups, rng), idname=idname))
    return turns


def beat_contact(ctx: Ctx) -> list[Turn]:
    """Phone and e-mail asked together."""
    rng, c = ctx.rng, ctx.country
    cc, groups = make_phone(c, rng)
    intl = ctx.chance(0.5 if c in EU else 0.2)
    em = make_email(ctx.cust, c, rng)
    turns = [ctx.say("rep", "PHONE_EMAIL_ASK"),
             ctx.say("customer", "PHONE_EMAIL_GIVE", phone=phone_value(cc, groups, rng, intl),
                     email=email_value(em, rng))]
    if ctx.chance(0.45):
        turns.append(ctx.say("rep", "CONTACT_READ", phone=phone_value(cc, groups, rng, intl),
                             email=email_value(em, rng)))
    return turns


def _split(groups: Sequence[int], parts: int, rng: random.Random) -> list[list[int]]:
    """``groups`` cut into ``parts`` runs of consecutive groups."""
    cuts = sorted(rng.sample(range(1, len(groups)), parts - 1))
    out, prev = [], 0
    for c in cuts + [len(groups)]:
        out.append(list(groups[prev:c]))
        prev = c
    return out


def _pieces_of(ds: str, runs: list[list[int]]) -> list[tuple[str, list[int]]]:
    out, i = [], 0
    for run in runs:
        n = sum(run)
        out.append((ds[i:i + n], run))
        i += n
    return out


def beat_card(ctx: Ctx) -> list[Turn]:
    rng = ctx.rng
    n = make_card(rng)
    ctx.card = n
    groups = card_groups(n)
    amex = n.startswith(("34", "37"))
    turns = [ctx.say("rep", "CARD_ASK")]
    r = rng.random()
    pieces = 1
    if r < 0.5:
        turns.append(ctx.say("customer", "CARD_GIVE", v=card_value(n, groups, rng)))
    elif r < 0.82:
        pieces = rng.choice((2, 2, 3)) if len(groups) >= 3 else 2
        bits = _pieces_of(n, _split(groups, pieces, rng))
        turns.append(ctx.say("customer", "CARD_PIECE_FIRST", v=card_value(bits[0][0], bits[0][1], rng)))
        for j, (ds, run) in enumerate(bits[1:], 1):
            turns.append(ctx.say("rep", "ACK"))
            pool = "CARD_PIECE_LAST" if j == len(bits) - 1 else "CARD_PIECE_NEXT"
            turns.append(ctx.say("customer", pool, v=card_value(ds, run, rng)))
    else:
        (a, ra), (b, rb) = _pieces_of(n, _split(groups, 2, rng))
        turns.append(ctx.say("customer", "CARD_SPLIT", a=card_value(a, ra, rng), b=card_value(b, rb, rng)))
    if ctx.chance(0.25):
        turns.append(ctx.say("rep", "CARD_READ", v=card_value(n, groups, rng)))
    m, y = rng.randint(1, 12), rng.randint(2026, 2033)
    cvv = rand_digits(rng, 4 if amex else 3, "0123456789")
    if pieces >= 3 or ctx.chance(0.25):
        turns += [ctx.say("rep", "EXP_CVV_ASK"),
                  ctx.say("customer", "EXP_CVV_GIVE", exp=expiry_value(m, y, rng), cvv=cvv_value(cvv, rng))]
    else:
        turns.append(ctx.say("rep", "EXP_ASK"))
        if ctx.chance(0.1):
            m2, y2 = (m % 12) + 1, y + rng.choice((0, 1))
            turns.append(ctx.say("customer", "EXP_CORRECT", v=expiry_value(m2, y2, rng), fix=expiry_value(m, y, rng)))
        else:
            turns.append(ctx.say("customer", "EXP_GIVE", v=expiry_value(m, y, rng)))
        turns += [ctx.say("rep", "CVV_ASK_AMEX" if amex else "CVV_ASK"),
                  ctx.say("customer", "CVV_GIVE_AMEX" if amex else "CVV_GIVE", v=cvv_value(cvv, rng))]
    if ctx.chance(0.32):
        turns.append(ctx.say("rep", "EXP_READ", v=expiry_value(m, y, rng)))
    if ctx.chance(0.4):
        turns.append(ctx.say("rep", "CVV_READ", v=cvv_value(cvv, rng)))
    if ctx.chance(0.7):
        turns.append(ctx.say("rep", "LAST4", last4=last4_keep(n, rng)))
    if ctx.chance(0.7):
        turns.append(ctx.say("rep", "PAY_CONFIRM"))
    return turns


def _bank_numbers(ctx: Ctx) -> tuple[str, Slot, Slot, Callable[[], Slot], Callable[[], Slot]]:
    """(what the rep calls the routing number, routing value, account value, and re-renderers for read-backs)."""
    rng, c = ctx.rng, ctx.country
    if c == "US":
        rname = rng.choice(("routing number", "ABA routing number", "routing number"))
        rout, rg = make_aba(rng), rng.choice(([3, 3, 3], [9], [4, 5], [3, 3, 3]))
        acct = rand_digits(rng, rng.randint(8, 12))
    elif c == "UK":
        rname, rout, rg = "sort code", rand_digits(rng, 6), [2, 2, 2]
        acct = rand_digits(rng, 8)
    elif c == "AU":
        rname, rout, rg = rng.choice(("BSB", "BSB number")), rand_digits(rng, 6, "0123456"), [3, 3]
        acct = rand_digits(rng, rng.randint(6, 9))
    else:  # CA: transit and institution numbers
        rname = "transit and institution numbers"
        transit, inst = rand_digits(rng, 5), f"00{rng.randint(1, 9)}"
        acct = rand_digits(rng, 7)
        ag = [3, 4]

        def ca_rout() -> Slot:
            return [digits_value("routing", transit, [5], rng, numeric_p=0.4, pairs_p=0.3, regroup_p=0.0),
                    T(rng.choice((", institution ", ", and the institution is ", ", then "))),
                    digits_value("routing", inst, [3], rng, numeric_p=0.4, pairs_p=0.0, regroup_p=0.0)]

        def ca_acct() -> Slot:
            return digits_value("account", acct, ag, rng, numeric_p=0.35, pairs_p=0.3, regroup_p=0.15)
        return rname, ca_rout(), ca_acct(), ca_rout, ca_acct
    ag = [4] * (len(acct) // 4) + ([len(acct) % 4] if len(acct) % 4 else [])
    pairs = 0.65 if c == "UK" else 0.3

    def r_val() -> Slot:
        return digits_value("routing", rout, rg, rng, numeric_p=0.35, pairs_p=pairs, regroup_p=0.1)

    def a_val() -> Slot:
        return digits_value("account", acct, ag, rng, numeric_p=0.35, pairs_p=0.3, regroup_p=0.15)
    return rname, r_val(), a_val(), r_val, a_val


def beat_bank(ctx: Ctx) -> list[Turn]:
    rng, c = ctx.rng, ctx.country
    if c in EU or c == "IE" or (c == "UK" and ctx.chance(0.2)):
        iban = make_iban("GB" if c == "UK" else c, rng)
        groups = iban_groups(iban)
        turns = [ctx.say("rep", "IBAN_ASK")]
        if ctx.chance(0.4):
            bits = _pieces_of(iban, _split(groups, rng.choice((2, 2, 3)) if len(groups) >= 4 else 2, rng))
            turns.append(ctx.say("customer", "IBAN_PIECE_FIRST", v=iban_value(bits[0][0], bits[0][1], rng)))
            for j, (code, run) in enumerate(bits[1:], 1):
                turns.append(ctx.say("rep", "ACK"))
                pool = "IBAN_PIECE_LAST" if j == len(bits) - 1 else "IBAN_PIECE_NEXT"
                turns.append(ctx.say("customer", pool, v=iban_value(code, run, rng)))
        else:
            turns.append(ctx.say("customer", "IBAN_GIVE", v=iban_value(iban, groups, rng)))
        if ctx.chance(0.4):
            turns.append(ctx.say("rep", "IBAN_READ", v=iban_value(iban, groups, rng)))
        return turns
    rname, rout, acct, r_again, a_again = _bank_numbers(ctx)
    aname = "checking account number" if c == "US" and ctx.chance(0.5) else "account number"
    if ctx.chance(0.4):
        turns = [ctx.say("rep", "BANK_ASK_BOTH", rname=rname),
                 ctx.say("customer", "BANK_COMBO_GIVE", rout=rout, acct=acct, rname=rname)]
        if ctx.chance(0.4):
            turns.append(ctx.say("rep", "BANK_COMBO_READ", rout=r_again(), acct=a_again(), rname=rname))
        return turns
    rt = [ctx.say("rep", "ROUT_ASK", rname=rname), ctx.say("customer", "ROUT_GIVE", v=rout, rname=rname)]
    if ctx.chance(0.35):
        rt.append(ctx.say("rep", "ROUT_READ", v=r_again(), rname=rname))
    at = [ctx.say("rep", "ACCT_ASK", aname=aname), ctx.say("customer", "ACCT_GIVE", v=acct)]
    if ctx.chance(0.3):
        at.append(ctx.say("customer", "ACCT_AFTER"))
    if ctx.chance(0.35):
        at.append(ctx.say("rep", "ACCT_READ", v=a_again()))
    return rt + at if ctx.chance(0.6) else at + rt


def beat_talk(ctx: Ctx) -> list[Turn]:
    rng = ctx.rng
    pool = ctx.sc.talk if ctx.chance(0.8) else TALK_ANY
    options = [i for i in range(len(pool)) if (id(pool), i) not in ctx.used] or list(range(len(pool)))
    i = rng.choice(options)
    ctx.used[(id(pool), i)] = 1  # type: ignore[index]
    return [ctx.turn(who, text) for who, text in pool[i]]


def beat_small(ctx: Ctx) -> list[Turn]:
    r, c = ctx.rng.choice(SMALL_TALK)
    return [Turn("rep", [T(r)]), Turn("customer", [T(c)])]


def opener(ctx: Ctx) -> list[Turn]:
    rng = ctx.rng
    turns = [ctx.say("rep", "GREET")]
    reason = ctx.turn("customer", rng.choice(ctx.sc.reasons)).pieces
    r = rng.random()
    if r < 0.4:
        turns.append(ctx.say("customer", "REASON_NAMED", name=name_piece(ctx.cust, rng), reason=reason))
    elif r < 0.52:
        turns.append(ctx.say("customer", "CUST_HI_REP", reason=reason))
    else:
        turns.append(Turn("customer", [ctx.hes()] + reason))
    return turns


def closing(ctx: Ctx) -> list[Turn]:
    turns = []
    if ctx.chance(0.15):
        turns.append(ctx.say("rep", "REP_NAME_AGAIN"))
    keep_close = ctx.chance(0.7)
    if keep_close:
        turns.append(ctx.say("rep", "CLOSE_REP_KEEP"))
    if ctx.chance(0.65) or not keep_close:
        turns.append(ctx.say("rep", "CLOSE_REP_NAME" if keep_close or ctx.chance(0.8) else "CLOSE_REP_KEEP"))
    turns.append(ctx.say("customer", "BYE_REP" if ctx.chance(0.3) else "CLOSE_CUST"))
    return turns


BEATS: dict[str, Callable[[Ctx], list[Turn]]] = {
    "name": beat_name, "namedob": beat_namedob, "dob": beat_dob, "iddob": beat_iddob, "id": beat_id,
    "address": beat_address, "third": beat_third, "talk": beat_talk, "card": beat_card, "bank": beat_bank,
    "phone": beat_phone, "contact": beat_contact, "email": beat_email, "talk2": beat_talk, "small": beat_small,
}
PLAN_ORDER = ["name", "namedob", "dob", "iddob", "id", "address", "third", "talk", "card", "bank", "phone", "contact",
              "email", "talk2", "small"]
DROP_ORDER = ["small", "talk2", "email", "name", "third", "phone", "dob", "address", "contact", "id", "namedob",
              "iddob", "talk"]
MIN_TURNS, MAX_TURNS = 6, 14


class Redraw(Exception):
    """This draw breaks a labelling rule; the call is drawn again from the next seed."""


def plan(ctx: Ctx) -> list[str]:
    """Which beats the call has, in order (verification first, contact details late, a little shuffled)."""
    chosen = [b for b in PLAN_ORDER if b in ctx.sc.beats and ctx.chance(ctx.sc.beats[b])]
    if "name" in chosen and "dob" in chosen and ctx.chance(0.45):
        chosen = [b for b in chosen if b not in ("name", "dob")] + ["namedob"]
    elif "id" in chosen and "dob" in chosen and ctx.chance(0.4):
        chosen = [b for b in chosen if b not in ("id", "dob")] + ["iddob"]
    if "phone" in chosen and "email" in chosen and ctx.chance(0.5):
        chosen = [b for b in chosen if b not in ("phone", "email")] + ["contact"]
    chosen.append("talk")
    if ctx.chance(0.45):
        chosen.append("talk2")
    if ctx.chance(0.3):
        chosen.append("small")
    chosen.sort(key=PLAN_ORDER.index)
    for i in range(len(chosen) - 1):
        if ctx.chance(0.2):
            chosen[i], chosen[i + 1] = chosen[i + 1], chosen[i]
    return chosen


def build_turns(ctx: Ctx) -> list[Turn]:
    """The call's turns: opener, planned beats (dropping the least central until it fits), close."""
    names = plan(ctx)
    made = {name: BEATS[name](ctx) for name in names}
    head, tail = opener(ctx), closing(ctx)
    while True:
        turns = merge_turns(head + [t for n in names for t in made[n]] + tail)
        if len(turns) <= MAX_TURNS:
            break
        drop = next((d for d in DROP_ORDER if d in names), None)
        if drop is None:
            raise Redraw(f"{ctx.cid}: {len(turns)} turns with nothing left to drop")
        names.remove(drop)
    if len(turns) < MAX_TURNS and ctx.chance(0.3):
        turns.append(Turn("rep", [T(ctx.rng.choice(REP_BYE))]))
    extra = 0
    while len(turns) < MIN_TURNS:
        extra += 1
        key = f"small{extra}"
        made[key] = beat_small(ctx) if extra % 2 else beat_talk(ctx)
        names.append(key)
        turns = merge_turns(head + [t for n in names for t in made[n]] + tail)
    return turns


def check_turn(cid: str, rec: dict) -> None:
    """Raise Redraw when a rendered turn breaks a labelling rule."""
    text = rec["text"]
    if not text or text != text.strip() or "  " in text:
        raise Redraw(f"{cid}: bad spacing {text!r}")
    spans = sorted((e["start"], e["start"] + len(e["value"])) for e in rec["entities"])
    for (_, a1), (b0, _) in itertools.pairwise(spans):
        if a1 > b0:
            raise Redraw(f"{cid}: overlapping values in {text!r}")
    for k in rec["keep"]:
        v = k["value"]
        if any(v in e["value"] for e in rec["entities"]):
            raise Redraw(f"{cid}: keep {v!r} is inside a value of its turn")
        outside = [m.start() for m in re.finditer(re.escape(v), text)
                   if not any(s < m.start() + len(v) and m.start() < t for s, t in spans)]
        if not outside:
            raise Redraw(f"{cid}: keep {v!r} only inside values")


def make_call(cid: str) -> dict:
    """Call ``cid``: drawn from random.Random(cid), or from cid#1, cid#2 ... when a draw breaks a rule."""
    for attempt in range(50):
        rng = random.Random(cid if attempt == 0 else f"{cid}#{attempt}")
        country = rng.choices([c for c, _ in COUNTRY_WEIGHTS], [w for _, w in COUNTRY_WEIGHTS])[0]
        sc = rng.choice(SCENARIOS)
        industry, suffix = rng.choice(sc.industries)
        company = f"{rng.choice(COMPANY_WORDS)} {suffix}"
        ctx = Ctx(cid, rng, country, sc, industry, company, make_person(rng), make_person(rng))
        try:
            turns = build_turns(ctx)
            written, asr = [], []
            for t in turns:
                w, a = render_turn(t, rng)
                check_turn(cid, w)
                check_turn(cid, a)
                written.append(w)
                asr.append(a)
        except Redraw:
            continue
        return {"id": cid, "country": country, "industry": industry, "scenario": sc.key, "company": company,
                "written": written, "asr": asr}
    raise AssertionError(f"{cid}: no valid draw in 50 attempts")


def check_pools() -> None:
    """Every pool's templates use only slots the generator fills, and every carrier has 25+ phrasings a side."""
    required = {"GREET": {"rep", "co"}, "REASON_NAMED": {"name", "reason"}, "CUST_HI_REP": {"repfirst", "reason"},
                "NAME_GIVE_SPELLED": {"v", "sp"}, "DOB_CORRECT": {"v", "fix", "wrong"}, "DOB_YEAR_FIX": {"v", "fix"},
                "EXP_CORRECT": {"v", "fix"}, "CARD_SPLIT": {"a", "b"}, "EXP_CVV_GIVE": {"exp", "cvv"},
                "BANK_COMBO_GIVE": {"rout", "acct"}, "BANK_COMBO_READ": {"rout", "acct"}, "LAST4": {"last4"},
                "PHONE_EXT": {"v", "ext"}, "BYE_REP": {"repfirst"}, "REP_NAME_AGAIN": {"rep"},
                "CLOSE_REP_NAME": {"first"}, "NAME_DOB_GIVE": {"name", "dob"}, "ID_DOB_GIVE": {"v", "dob"},
                "PHONE_EMAIL_GIVE": {"phone", "email"}, "CONTACT_READ": {"phone", "email"}}
    for t, sides in CARRIERS.items():
        for side, pools in sides.items():
            distinct = {x for p in pools for x in POOLS[p]}
            assert len(distinct) >= 25, f"{t} {side}: only {len(distinct)} phrasings; write more in POOLS"
            for p in pools:
                need = required.get(p, {"v"})
                for tpl in POOLS[p]:
                    assert need <= slots_of(tpl), f"{p}: {tpl!r} lacks {need - slots_of(tpl)}"


def build_all() -> list[dict]:
    check_pools()
    return [make_call(f"{ID_PREFIX}-{i:04d}") for i in range(1, N_CALLS + 1)]


def dumps(calls: list[dict]) -> str:
    return "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in calls)


# --------------------------------------------------------------------------------------------------------------
# Counts
# --------------------------------------------------------------------------------------------------------------


def stats_markdown(calls: list[dict]) -> str:
    """The count tables DEV3.md quotes (written form; the ASR form has the same labels)."""
    ent: Counter[str] = Counter()
    keep: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    scen: Counter[str] = Counter()
    turns = 0
    for rec in calls:
        countries[rec["country"]] += 1
        scen[rec["scenario"]] += 1
        turns += len(rec["written"])
        for t in rec["written"]:
            for e in t["entities"]:
                ent["person (rep name)" if e.get("rep_name") else e["type"]] += 1
            keep.update(k["kind"] for k in t["keep"])
    lines = ["| calls | turns |", "|---|---|", f"| {len(calls)} | {turns} |", "",
             "| entity | values |", "|---|---|"]
    for t in TYPES:
        lines.append(f"| {t} | {ent[t]} |")
        if t == "person":
            lines.append(f"| person (rep name) | {ent['person (rep name)']} |")
    lines.append(f"| **all but rep names** | {sum(ent[t] for t in TYPES)} |")
    lines += ["", "| hard negative | values |", "|---|---|"]
    lines += [f"| {k} | {keep[k]} |" for k in KINDS]
    lines.append(f"| **all** | {sum(keep.values())} |")
    lines += ["", "| country | calls |", "|---|---|"]
    lines += [f"| {c} | {countries[c]} |" for c, _ in COUNTRY_WEIGHTS]
    lines += ["", "| scenario | calls |", "|---|---|"]
    lines += [f"| {s.key} | {scen[s.key]} |" for s in SCENARIOS]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write dev3.jsonl, or (--check) say whether it is current, or (--stats) print the count tables."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 0 iff dev3.jsonl is what this script writes")
    ap.add_argument("--stats", action="store_true", help="print the count tables (markdown)")
    args = ap.parse_args(argv)
    calls = build_all()
    text = dumps(calls)
    if args.stats:
        print(stats_markdown(calls), end="")
        return 0
    if args.check:
        current = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        if not current:
            print(f"{OUT.name} is not what make_dev3.py writes: run python data/redaction-eval/make_dev3.py",
                  file=sys.stderr)
        return 0 if current else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(calls)} calls)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
