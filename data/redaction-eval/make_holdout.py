"""Held-out redaction evaluation set for callcoach: ``holdout.jsonl``, 300 short calls (``rh-0001`` ...).

    python data/redaction-eval/make_holdout.py            # (re)write holdout.jsonl
    python data/redaction-eval/make_holdout.py --check    # exit 0 iff holdout.jsonl is what this writes
    python data/redaction-eval/make_holdout.py --stats    # counts, as a Markdown table

Written independently of ``make.py`` (its phrasings were not read), of the tuning sets and of the
detector; see ``HOLDOUT.md``. Standard library only. Each call id seeds its own generator, so a
call does not change when another one does.

A turn is a list of segments; each segment has a written rendering and an ASR rendering (the way
Whisper tiny.en tends to write the same speech) and is plain text, a filler, a labelled value
(``entities``), a hard negative (``keep``) or text beside an address (``ignore``). Both forms are
rendered from the same segments, so they hold the same labels in the same order, and each offset
is recorded as the text is built. Every value is fake by construction (see ``HOLDOUT.md``).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "holdout.jsonl"
N_CALLS = 300
SEED = "callcoach-redaction-holdout-2026-12-07"

ENTITY_TYPES = ("card", "cvv", "expiry", "iban", "account", "routing", "dob", "address", "person", "email",
                "phone", "id")
KEEP_KINDS = ("price", "quantity", "date", "time", "year", "order", "ticket", "product", "percent", "measure",
              "last4")

# --------------------------------------------------------------------------------------------
# Checksums (also used by the tests)
# --------------------------------------------------------------------------------------------


def luhn_ok(number: str) -> bool:
    if not number.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_complete(partial: str) -> str:
    for d in "0123456789":
        if luhn_ok(partial + d):
            return partial + d
    raise AssertionError(partial)


def _iban_number(s: str) -> int:
    return int("".join(str(int(c, 36)) for c in s))


def iban_ok(iban: str) -> bool:
    iban = iban.upper()
    if len(iban) != IBAN_LENGTH.get(iban[:2], -1) or not iban.isalnum():
        return False
    return _iban_number(iban[4:] + iban[:4]) % 97 == 1


def aba_ok(routing: str) -> bool:
    if len(routing) != 9 or not routing.isdigit():
        return False
    d = [int(c) for c in routing]
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])) % 10 == 0


IBAN_LENGTH = {"GB": 22, "DE": 22, "FR": 27, "NL": 18, "ES": 24, "IT": 27, "IE": 22, "BE": 16, "AT": 20,
               "PT": 25}

# --------------------------------------------------------------------------------------------
# Numbers said aloud, and read back out of words (the tests use ``digits_of`` and ``code_of``)
# --------------------------------------------------------------------------------------------

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ORD_SMALL = ["_", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"]
ORD_TENS = {20: "twentieth", 30: "thirtieth"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

WORD_DIGIT = {w: str(i) for i, w in enumerate(ONES)} | {"oh": "0", "o": "0", "nought": "0"}
WORD_TEEN = {w: str(10 + i) for i, w in enumerate(TEENS)}
WORD_TENS = {w: str(i) for i, w in enumerate(TENS) if w != "_"}


def words99(n: int) -> str:
    if n < 10:
        return ONES[n]
    if n < 20:
        return TEENS[n - 10]
    t, o = divmod(n, 10)
    return TENS[t] + ("" if o == 0 else "-" + ONES[o])


def cardinal(n: int, uk_and: bool = True) -> str:
    if n < 100:
        return words99(n)
    if n < 1000:
        h, r = divmod(n, 100)
        return ONES[h] + " hundred" + ("" if r == 0 else (" and " if uk_and else " ") + words99(r))
    th, r = divmod(n, 1000)
    s = cardinal(th, uk_and) + " thousand"
    if r:
        s += (" and " if (r < 100 and uk_and) else " ") + cardinal(r, uk_and)
    return s


def ordinal_words(n: int) -> str:
    if n < 20:
        return ORD_SMALL[n]
    t, o = divmod(n, 10)
    if o == 0:
        return ORD_TENS[n]
    return TENS[t] + "-" + ORD_SMALL[o]


def ordinal_digits(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def year_words(y: int) -> str:
    if 2000 <= y < 2010:
        return "two thousand" + ("" if y == 2000 else " and " + ONES[y - 2000])
    hi, lo = divmod(y, 100)
    return words99(hi) + " " + ("hundred" if lo == 0 else ("oh " + ONES[lo] if lo < 10 else words99(lo)))


def digits_of(text: str) -> str:
    """The digits a value says, from digits or words ("double five", "forty-two", "oh", "4-2-4-2")."""
    out: list[str] = []
    mult = 1
    for tok in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*|\d+", text):
        low = tok.lower()
        if low in ("double", "triple"):
            mult = 2 if low == "double" else 3
            continue
        if tok.isdigit():
            d = tok
        elif low in WORD_DIGIT:
            d = WORD_DIGIT[low]
        elif low in WORD_TEEN:
            d = WORD_TEEN[low]
        elif low in WORD_TENS:
            d = WORD_TENS[low] + "0"
        elif "-" in low and low.split("-")[0] in WORD_TENS and low.split("-")[1] in WORD_DIGIT:
            a, b = low.split("-", 1)
            d = WORD_TENS[a] + WORD_DIGIT[b]
        elif low == "hundred":
            d = "00"
        else:
            mult = 1
            continue
        out.append(d * mult if len(d) == 1 else d)
        mult = 1
    return "".join(out)


def code_of(text: str) -> str:
    """Letters and digits of a code said or written (an IBAN: "D E four four, 5001 ..." -> "DE445001...")."""
    out: list[str] = []
    mult = 1
    for tok in re.findall(r"[A-Za-z0-9]+(?:-[A-Za-z]+)*", text):
        low = tok.lower()
        if low in ("double", "triple"):
            mult = 2 if low == "double" else 3
            continue
        if any(c.isdigit() for c in tok) or (len(tok) > 1 and tok.isupper()):
            out.append(tok.upper())
        elif len(tok) == 1 and tok.isalpha():  # a letter said alone ("oh" is the word for zero)
            out.append(tok.upper() * mult)
        else:
            d = digits_of(tok)
            if d:
                out.append(d * mult if len(d) == 1 else d)
            elif len(tok) == 1:
                out.append(tok.upper())
        mult = 1
    return "".join(out)


def digit_tokens(s: str, rng: random.Random, zero: str, runs: float = 0.6) -> list[tuple[str, str, str]]:
    """(word, asr, digits) for each spoken token of a digit string, with "double"/"triple" runs."""
    out = []
    i = 0
    while i < len(s):
        d = s[i]
        j = i
        while j < len(s) and s[j] == d:
            j += 1
        run = j - i
        word = zero if d == "0" else ONES[int(d)]
        if run == 3 and rng.random() < runs:
            out.append((f"triple {word}", f"triple {d}", d * 3))
            i += 3
        elif run >= 2 and rng.random() < runs:
            out.append((f"double {word}", f"double {d}", d * 2))
            i += 2
        else:
            out.append((word, d, d))
            i += 1
    return out


def pair_words(g: str, zero: str) -> list[tuple[str, str, str]]:
    """A group said as pairs: "4242" -> forty-two forty-two; "4000" -> forty hundred; "378" -> three seventy-eight."""
    out = []
    if len(g) == 4 and g[2:] == "00" and g[0] != "0":
        return [(words99(int(g[:2])) + " hundred", g, g)]
    i = 0
    if len(g) % 2 == 1:
        out.append((zero if g[0] == "0" else ONES[int(g[0])], g[0], g[0]))
        i = 1
    while i < len(g):
        p = g[i:i + 2]
        if p == "00":
            out.append((f"double {zero}", "00", "00"))
        elif p[0] == "0":
            out.append((f"{zero} {ONES[int(p[1])]}", p, p))
        else:
            out.append((words99(int(p)), p, p))
        i += 2
    return out


def speak(groups: list[str], rng: random.Random, *, w: str | None = None, a: str | None = None,
          zero: str | None = None, wsep: str | None = None, runs: float = 0.5,
          wstyles: tuple = ("digits", "words", "words", "pairs"),
          astyles: tuple = ("grouped", "grouped", "run", "spaced", "words")) -> tuple[str, str]:
    """A number said in groups: (written, asr).

    written styles: digits ("4242 4242"), words ("four two four two"), pairs ("forty-two forty-two");
    ASR styles: grouped digits, run together, spaced or hyphenated single digits, or the words.
    """
    w = w or rng.choice(wstyles)
    a = a or rng.choice(astyles)
    zero = zero or rng.choice(("oh", "oh", "zero"))
    if w == "digits":
        written = (wsep if wsep is not None else " ").join(groups)
        toks = [[(c, c, c) for c in g] for g in groups]
    else:
        toks = [digit_tokens(g, rng, zero, runs) if w == "words" else pair_words(g, zero) for g in groups]
        sep = wsep if wsep is not None else rng.choice((", ", ", ", " "))
        written = sep.join(" ".join(t[0] for t in gt) for gt in toks)
    if a == "grouped" or (a == "words" and w == "digits"):
        asr = " ".join(groups)
    elif a == "run":
        asr = "".join(groups)
    elif a == "spaced":
        plain = all(len(t[2]) == 1 for gt in toks for t in gt)
        if all(len(g) <= 4 for g in groups) and w != "pairs" and plain and rng.random() < 0.4:
            asr = " ".join("-".join(t[1] for t in gt) for gt in toks)
        else:
            asr = " ".join(" ".join(t[1] for t in gt) for gt in toks)
    else:
        asr = written.replace(",", "") if rng.random() < 0.5 else written
    return written, asr


def digit_said(d: str, zero: str = "oh") -> str:
    return zero if d == "0" else ONES[int(d)]


NATO = {"A": "alpha", "B": "bravo", "C": "charlie", "D": "delta", "E": "echo", "F": "foxtrot", "G": "golf",
        "H": "hotel", "J": "juliet", "K": "kilo", "L": "lima", "M": "mike", "N": "november", "P": "papa",
        "Q": "quebec", "R": "romeo", "S": "sierra", "T": "tango", "V": "victor", "W": "whiskey", "X": "x-ray",
        "Y": "yankee", "Z": "zulu"}
PLAIN_AS = {"B": "boy", "C": "cat", "D": "dog", "F": "Freddie", "G": "George", "M": "mother", "N": "nut",
            "P": "Peter", "S": "sugar", "T": "Tom", "V": "violin", "X": "x-ray", "Z": "zebra", "H": "Harry",
            "K": "king", "R": "Robert", "W": "William", "L": "London", "Y": "yellow", "J": "Jack"}


def strip_accents(s: str) -> str:
    s = s.replace("ß", "ss").replace("ø", "o").replace("æ", "ae")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


# --------------------------------------------------------------------------------------------
# Segments, turns, calls
# --------------------------------------------------------------------------------------------


@dataclass
class Seg:
    w: str
    a: str
    kind: str = "text"  # text | filler | ent | keep | ignore
    label: str = ""
    rep: bool = False


@dataclass
class Turn:
    speaker: str
    segs: list[Seg]


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def E(type_: str, w: str, a: str | None = None, rep: bool = False) -> Seg:
    assert type_ in ENTITY_TYPES, type_
    return Seg(_norm(w), _norm(w if a is None else a), "ent", type_, rep)


def K(kind: str, w: str, a: str | None = None) -> Seg:
    assert kind in KEEP_KINDS, kind
    return Seg(_norm(w), _norm(w if a is None else a), "keep", kind)


def IG(w: str, a: str | None = None) -> Seg:
    return Seg(_norm(w), _norm(w if a is None else a), "ignore")


FILLERS_START = ("Um, ", "Uh, ", "Um, ", "Er, ", "Uhh, ", "Um, so, ")
FILLERS_MID = ("uh, ", "um, ", "uh, ", "er, ")
NO_LOWER_START = ("I ", "I'm", "I've", "I'll", "I'd", "I,")

MISHEARD = {
    "quote": "coat", "claim": "clean", "renewal": "renew all", "premium": "premiums", "deposit": "the posit",
    "receipt": "recede", "booking": "book in", "refund": "we fund", "billing": "building", "balance": "ballots",
    "invoice": "in voice", "delivery": "the livery", "subscription": "prescription", "reference": "preference",
    "confirm": "conform", "engineer": "engine ear", "warranty": "warrant", "mandate": "man date",
    "appointment": "a point meant", "arrears": "a rears", "courier": "carrier", "surgery": "sorcery",
    "consultant": "consulate", "tariff": "terrif", "fortnight": "four night", "meter": "meet her",
    "instalment": "installment", "policy": "polity", "checkout": "check out", "upgrade": "update",
    "parcel": "parcels", "luggage": "language", "excess": "access", "settlement": "settle meant",
}


def lower_words(s: str) -> str:
    """Lower-case a rendering, leaving codes (tokens with a digit, or two capitals and more) alone."""
    return re.sub(r"[^\s]+", lambda m: m.group(0) if (re.search(r"\d", m.group(0)) or
                                                        re.fullmatch(r"[A-Z]{2,}[.,?]?", m.group(0)))
                  else m.group(0).lower(), s)


US_SPELLING = (("travelling", "traveling"), ("licence", "license"), ("cancelled", "canceled"),
               ("cancelling", "canceling"), ("neighbour", "neighbor"), ("finalise", "finalize"), ("colour", "color"),
               ("metres", "meters"), ("centimetres", "centimeters"), ("ringing", "calling"), ("ring", "call"))


class Call:
    def __init__(self, cid: str):
        self.id = cid
        self.rng = random.Random(f"{SEED}:{cid}")
        self.turns: list[Turn] = []
        self.us = False

    # -- helpers ---------------------------------------------------------------------------
    def r(self) -> float:
        return self.rng.random()

    def pick(self, seq):
        return self.rng.choice(seq)

    def say(self, speaker: str, template: str, filler: float | None = None, **slots) -> None:
        segs: list[Seg] = []
        pos = 0
        for m in re.finditer(r"\{(\w+)\}", template):
            if m.start() > pos:
                segs.append(Seg(template[pos:m.start()], template[pos:m.start()]))
            name = m.group(1)
            if name == "uh":
                if self.r() < 0.45:
                    f = self.pick(FILLERS_MID)
                    segs.append(Seg(f, "", "filler"))
            else:
                v = slots[name]
                if isinstance(v, Seg):
                    segs.append(v)
                elif isinstance(v, list):
                    segs.extend(v)
                else:
                    segs.append(Seg(str(v), str(v)))
            pos = m.end()
        if pos < len(template):
            segs.append(Seg(template[pos:], template[pos:]))
        if self.us:
            for sg in segs:
                if sg.kind == "text":
                    for uk, us in US_SPELLING:
                        sg.w = re.sub(rf"\b{uk}\b", us, sg.w)
                        sg.a = re.sub(rf"\b{uk}\b", us, sg.a)
        for i, sg in enumerate(segs):  # a value that opens a sentence starts with a capital
            if sg.kind == "ent" and sg.label != "email" and (i == 0 or (segs[i - 1].kind == "text" and re.search(
                    r"[.?!] $", segs[i - 1].w))):
                sg.w = sg.w[:1].upper() + sg.w[1:]
                sg.a = sg.a[:1].upper() + sg.a[1:]
        if segs and segs[0].kind == "filler":  # a template that opens with {uh}
            segs[0].w = segs[0].w[:1].upper() + segs[0].w[1:]
        p = (0.15 if speaker == "customer" else 0.04) if filler is None else filler
        if speaker == "rep" and len(template.split()) < 6:
            p = 0
        if segs and segs[0].kind != "filler" and self.r() < p:
            first = segs[0]
            f = self.pick(FILLERS_START)
            if first.kind == "text" and not first.w.startswith(NO_LOWER_START) and first.w[:1].isupper():
                first.w = first.w[0].lower() + first.w[1:]
            segs.insert(0, Seg(f, "", "filler"))
        self.turns.append(Turn(speaker, segs))

    def rep(self, template: str, **slots) -> None:
        self.say("rep", self.pick(template) if isinstance(template, tuple) else template, **slots)

    def cust(self, template, **slots) -> None:
        self.say("customer", self.pick(template) if isinstance(template, tuple) else template, **slots)

    # -- finishing ---------------------------------------------------------------------------
    def merged(self) -> list[Turn]:
        out: list[Turn] = []
        for t in self.turns:
            if out and out[-1].speaker == t.speaker:
                out[-1].segs.extend([Seg(" ", " ")] + t.segs)
            else:
                out.append(Turn(t.speaker, list(t.segs)))
        return out

    def finish_asr(self, turns: list[Turn]) -> list[bool]:
        """Make each segment's ASR rendering final: fillers out, "?" and commas dropped in some calls,
        some turns lower-cased, now and then a non-personal word misheard."""
        rng = self.rng
        drop_q = rng.random() < 0.6
        drop_comma = rng.random() < 0.5
        lowered = []
        for t in turns:
            lower = rng.random() < 0.3
            lowered.append(lower)
            for s in t.segs:
                a = s.a
                if s.kind == "filler":
                    s.a = ""
                    continue
                if s.kind == "text":
                    a = re.sub(r"[A-Za-z]+", lambda m: (MISHEARD[m.group(0)] if m.group(0) in MISHEARD
                                                         and rng.random() < 0.12 else m.group(0)), a)
                    a = a.replace("—", ", ").replace("…", "...")
                    if drop_q:
                        a = a.replace("?", rng.choice((".", ".", "")))
                if drop_comma:
                    a = re.sub(r"(?<=\d),(?=\d{3})", "", a)
                    a = re.sub(r",(?=\s|$)", "", a)
                    if s.kind == "text":
                        a = a.replace(",", "")
                if lower:
                    a = lower_words(a)
                s.a = a
            # A filler dropped at the start of a turn: the next text starts the sentence.
            live = [s for s in t.segs if s.a]
            if live and not lower and live[0].kind == "text":
                live[0].a = live[0].a[:1].upper() + live[0].a[1:]
        return lowered


def render(turn: Turn, form: str) -> dict:
    text = ""
    ents, keeps, ignore = [], [], []
    for s in turn.segs:
        piece = s.w if form == "written" else s.a
        if s.kind == "text" and piece.startswith(".") and not piece.startswith("..") and text.endswith(".") \
                and not text.endswith(".."):
            piece = piece[1:]
        if not piece:
            continue
        if s.kind == "ent":
            e = {"type": s.label, "value": piece, "start": len(text)}
            if s.rep:
                e["rep_name"] = True
            ents.append(e)
        elif s.kind == "keep":
            keeps.append({"kind": s.label, "value": piece})
        elif s.kind == "ignore":
            ignore.append({"value": piece, "start": len(text)})
        text += piece
    # tidy: spaces doubled where a filler went, or before punctuation (offsets re-based)
    out_text, mapping = "", []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == " " and (not out_text or out_text.endswith(" ") or (
                i + 1 < len(text) and text[i + 1] in ".,?!" and (i + 2 == len(text) or text[i + 2] == " "))):
            mapping.append(None)
            i += 1
            continue
        mapping.append(len(out_text))
        out_text += ch
        i += 1
    out_text = out_text.rstrip()

    def moved(start: int, value: str) -> int:
        new = mapping[start]
        assert new is not None and out_text[new:new + len(value)] == value, (value, text)
        return new

    for e in ents:
        e["start"] = moved(e["start"], e["value"])
    for g in ignore:
        g["start"] = moved(g["start"], g["value"])
    turn_out = {"speaker": turn.speaker, "text": out_text, "entities": ents, "keep": keeps}
    if ignore:
        turn_out["ignore"] = ignore
    return turn_out


# --------------------------------------------------------------------------------------------
# Names, places and companies of each country
# --------------------------------------------------------------------------------------------

FIRST = {
    "US": (("James Michael Robert David William Kevin Brandon Tyler Marcus Andre Luis Carlos Jose Jacob Ethan "
           "Austin Connor Darnell Trevor Dylan"), ("Mary Jennifer Linda Patricia Jessica Ashley Brittany Maria "
           "Keisha Tanya Latoya Megan Kayla Emily Hannah Olivia Madison Priya Crystal Denise")),
    "UK": (("Oliver George Harry Jack Charlie Thomas Rhys Callum Gareth Alistair Hamish Mohammed Dylan Kieran "
           "Niall Stuart Craig Lewis Owen Rory"), ("Amelia Olivia Isla Emily Sophie Jessica Chloe Lucy Fiona "
           "Priya Aisha Zara Megan Bethan Gemma Kirsty Hollie Leanne Rebecca Nia")),
    "DE": ("Lukas Leon Felix Jonas Maximilian Paul Jürgen Stefan Andreas Tobias Jan Björn Dieter Matthias Florian",
           "Anna Lea Hannah Mia Lena Sophie Katharina Sabine Petra Ursula Annika Jana Franziska Birgit Ines"),
    "FR": (("Hugo Lucas Louis Gabriel Arthur Théo Mathieu Nicolas Julien Thibault Sébastien Guillaume Benoît "
           "Olivier Rémi"), ("Camille Léa Manon Chloé Inès Louise Emma Jade Aurélie Élodie Margaux Gaëlle "
                           "Sandrine Céline Pauline")),
    "NL": ("Daan Sem Lucas Levi Bram Jesse Thijs Ruben Joost Wouter Sjoerd Maarten Pieter Gerrit Stijn",
           "Sanne Emma Julia Lotte Fleur Anouk Femke Eva Noor Lieke Marieke Ilse Janneke Maud Roos"),
    "ES": ("Hugo Mateo Martín Lucas Daniel Alejandro Pablo Javier Joaquín Íñigo Sergio Álvaro Raúl Diego Jorge",
           "Lucía Sofía Martina María Paula Carmen Laura Elena Begoña Nerea Ainhoa Marta Rocío Pilar Irene"),
    "IT": (("Marco Alessandro Andrea Matteo Lorenzo Luca Giuseppe Francesco Davide Simone Riccardo Gianluca "
           "Stefano Paolo Fabio"), ("Giulia Francesca Chiara Sara Martina Alessia Federica Valentina Giorgia "
                                  "Elisa Silvia Roberta Ilaria Beatrice Serena")),
    "IE": ("Seán Conor Cian Darragh Oisín Ciarán Eoin Pádraig Tadhg Liam Declan Fionn Colm Ronan Donal",
           ("Aoife Niamh Ciara Saoirse Caoimhe Róisín Sinéad Orla Gráinne Clodagh Éabha Deirdre Maeve Aisling "
           "Fiadh")),
    "BE": ("Lucas Louis Noah Arthur Jules Adam Wout Pieter Koen Jeroen Thibaut Maxime Bart Dries Sander",
           "Olivia Emma Louise Mila Elise Marie Lotte Sofie Els Nathalie Leen Griet Charlotte Hanne Manon"),
    "AT": (("Lukas Tobias David Elias Jakob Maximilian Florian Sebastian Matthias Christoph Wolfgang Markus "
           "Bernhard Georg Lorenz"), ("Anna Lena Sarah Laura Katharina Johanna Theresa Verena Barbara Magdalena "
                                     "Elisabeth Christina Sophie Julia Viktoria")),
    "PT": ("Francisco João Afonso Duarte Tomás Rodrigo Gonçalo Miguel Rui Nuno Tiago Bruno Pedro Ricardo Diogo",
           "Maria Beatriz Leonor Matilde Carolina Inês Mariana Ana Joana Catarina Rita Sofia Teresa Filipa Marta"),
}

LAST = {
    "US": ("Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez "
           "Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark "
           "Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Hill Flores Green Adams Nelson "
           "Hall Rivera Campbell Mitchell Carter Roberts Kowalski O'Connor Washington Schultz Patel Murphy"),
    "UK": ("Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans Walker White "
           "Roberts Green Hall Wood Jackson Clarke Patel Khan Hughes Edwards Lewis Harris Cooper Ward Morgan "
           "Price Fletcher MacDonald Campbell Ahmed Shaw Lloyd Pritchard Begum Holloway Atkinson"),
    "DE": ("Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer "
           "Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hartmann Lange Weiß Vogel"),
    "FR": ("Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre Michel "
           "Bertrand Roux Vincent Fournier Morel Girard Mercier Dupont Lambert Bonnet Faure Rousseau Blanc"),
    "NL": ("Jansen Bakker Janssen Visser Smit Meijer Mulder Bos Vos Peters Hendriks Dekker Brouwer Dijkstra "
           "Smits Kuipers Postma Willems Hoekstra Verhoeven"),
    "ES": ("García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz Hernández "
           "Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres Domínguez Vázquez Ramos"),
    "IT": ("Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti Mancini "
           "Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana Santoro Caruso Ferrara"),
    "IE": ("Murphy Kelly Walsh Byrne Ryan Doyle McCarthy Gallagher Kennedy Lynch Murray Quinn Moore McLoughlin "
           "Brennan Farrell Dunne Whelan Nolan Keane"),
    "BE": ("Peeters Janssens Maes Jacobs Mertens Willems Claes Goossens Wouters Dubois Lambert Dupont Martin "
           "Vermeulen Michiels Hermans Lemaire Desmet Leclercq Coppens"),
    "AT": ("Gruber Huber Bauer Wagner Müller Pichler Steiner Moser Mayer Hofer Leitner Berger Fuchs Eder Fischer "
           "Schmid Winkler Weber Schwarz Maier"),
    "PT": ("Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Sousa Fernandes Gonçalves Gomes Lopes "
           "Marques Alves Almeida Ribeiro Pinto Carvalho Teixeira"),
}
# surnames with particles or apostrophes, drawn now and then
PARTICLE_LAST = {
    "US": ("O'Brien", "McKenzie", "DeLuca", "Van Buren"), "UK": ("O'Neill", "McAllister", "de Souza", "Ap Rhys"),
    "DE": ("von Bergen", "von der Heide", "zu Salm"), "FR": ("de Villiers", "Le Goff", "de la Roche", "Du Pont"),
    "NL": ("de Jong", "de Vries", "van den Berg", "van Dijk", "van der Meer", "de Graaf", "van Leeuwen"),
    "ES": ("de la Fuente", "del Río", "de los Santos"), "IT": ("De Luca", "Di Stefano", "D'Angelo", "Lo Russo"),
    "IE": ("O'Sullivan", "O'Brien", "O'Connor", "O'Neill", "O'Reilly", "Mac Giolla", "Ó Briain"),
    "BE": ("Van den Broeck", "De Smet", "De Backer", "Van Damme", "Vanderstraeten"),
    "AT": ("von Trapp", "zu Eltz"), "PT": ("da Silva", "dos Santos", "da Costa", "de Sousa"),
}
HEARD = {
    "Aoife": "Eefa", "Niamh": "Neve", "Caoimhe": "Keeva", "Saoirse": "Sersha", "Róisín": "Rosheen",
    "Gráinne": "Grania", "Sinéad": "Shinade", "Oisín": "Usheen", "Tadhg": "Tiger", "Pádraig": "Porick",
    "Eoin": "Owen", "Cian": "Keen", "Darragh": "Dara", "Ciarán": "Kieran", "Fionn": "Fin", "Éabha": "Ava",
    "Fiadh": "Fia", "Clodagh": "Cloda", "Jürgen": "Yergen", "Björn": "Bjorn", "Thibault": "Tebow",
    "Thibaut": "Tebow", "Guillaume": "Geom", "Gaëlle": "Gael", "Margaux": "Margo", "Benoît": "Ben Wah",
    "Sjoerd": "Shoe Ed", "Joost": "Yoast", "Wouter": "Vowter", "Thijs": "Tice", "Femke": "Femka",
    "Lieke": "Leeka", "Íñigo": "Inigo", "Begoña": "Begonia", "Joaquín": "Walking", "Ainhoa": "I know",
    "Gianluca": "John Luca", "Giuseppe": "Joseppe", "Gonçalo": "Gonsalo", "Duarte": "Dwart", "Wout": "Vout",
    "Koen": "Coon", "Schröder": "Shrader", "Krüger": "Kruger", "Lefebvre": "Lefave", "Fournier": "Fornier",
    "Dijkstra": "Dykstra", "Meijer": "Mayer", "Janssens": "Jansons", "Goossens": "Go sense",
    "Vermeulen": "Vermillion", "Gruber": "Groover", "Pichler": "Pickler", "McLoughlin": "McLaughlin",
    "Pritchard": "Prichard", "Kowalski": "Kovalski", "Holloway": "Hallway", "Whelan": "Wheelan",
    "Hoekstra": "Hookstra", "Kuipers": "Cowpers", "Leclercq": "Le Clerk", "Caoimh": "Keev",
    "Deirdre": "Deidra", "Aisling": "Ashling", "Magdalena": "Magdalina", "Teixeira": "Tishera",
    "Giordano": "Jordano", "Colm": "Collum", "Stijn": "Stein", "Dries": "Drease", "Griet": "Greet",
    "Leen": "Lane", "Begum": "Begum", "Rémi": "Remy", "Ilse": "Elsa", "Janneke": "Yanaka", "Maud": "Mod",
}
TITLES = {
    "US": (("Mr.", "Mr.", "Mr.", "Mr.", "Dr."), ("Ms.", "Mrs.", "Ms.", "Mrs.", "Miss", "Dr.")),
    "UK": (("Mr", "Mr", "Mr", "Mr", "Dr"), ("Mrs", "Ms", "Mrs", "Ms", "Miss", "Dr")),
    "IE": (("Mr", "Mr", "Mr", "Dr"), ("Mrs", "Ms", "Mrs", "Ms", "Dr")), "DE": (("Herr", "Mr", "Dr"), ("Frau", "Ms", "Dr")),
    "AT": (("Herr", "Mr", "Dr"), ("Frau", "Mrs", "Dr")), "FR": (("Monsieur", "Mr"), ("Madame", "Mrs")),
    "BE": (("Monsieur", "Mr", "meneer"), ("Madame", "Mrs", "mevrouw")), "NL": (("Mr", "meneer"), ("Mrs", "mevrouw")),
    "ES": (("Señor", "Mr"), ("Señora", "Mrs")), "IT": (("Signor", "Mr"), ("Signora", "Ms")),
    "PT": (("Senhor", "Mr"), ("Senhora", "Mrs")),
}


@dataclass
class Person:
    first: str
    last: str
    female: bool
    country: str
    title: str = ""

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


def draw_person(call: Call, country: str, female: bool | None = None) -> Person:
    rng = call.rng
    female = rng.random() < 0.5 if female is None else female
    first = rng.choice(FIRST[country][1 if female else 0].split())
    r = rng.random()
    if r < 0.12:
        last = rng.choice(PARTICLE_LAST[country])
    else:
        last = rng.choice(LAST[country].split())
        if country == "ES" and rng.random() < 0.5:
            second = rng.choice(LAST["ES"].split())
            if second != last:
                last = f"{last} {second}"
        elif country in ("UK", "US", "IE", "DE", "FR") and rng.random() < 0.07:
            second = rng.choice(LAST[country].split())
            if second != last:
                last = f"{last}-{second}"
    if first in last.split(" "):
        last = rng.choice([n for n in LAST[country].split() if n != first])
    title = rng.choice(TITLES.get(country, TITLES["UK"])[1 if female else 0])
    return Person(first, last, female, country, title)


def heard(call: Call, name: str) -> str:
    """A name as tiny.en writes it: accents dropped, unfamiliar names written the way they sound."""
    out = []
    for word in name.split(" "):
        if word in HEARD and call.r() < 0.75:
            out.append(HEARD[word])
        else:
            out.append(strip_accents(word))
    s = " ".join(out)
    if "'" in s and call.r() < 0.4:
        s = s.replace("'", " ", 1)
    if s.startswith(("Mac", "Mc")) and len(s) > 4 and call.r() < 0.3:
        s = s[:3 if s.startswith("Mac") else 2] + " " + s[3 if s.startswith("Mac") else 2:]
    return s


def name(call: Call, p: Person, form: str = "full", rep: bool = False) -> Seg:
    if form == "first":
        w = p.first
    elif form == "last":
        w = p.last
    elif form == "title":
        w = f"{p.title} {p.last}"
    elif form == "title_full":
        w = f"{p.title} {p.full}"
    else:
        w = p.full
    return E("person", w, heard(call, w), rep=rep)


def spelled(call: Call, p: Person) -> Seg | None:
    """The surname spelled out, letter by letter (its own value)."""
    word = strip_accents(p.last)
    if not word.isalpha() or len(word) < 3 or len(word) > 10:
        return None
    letters = word.upper()
    style = call.pick(("hyphen", "comma", "space", "nato"))
    if style == "hyphen":
        w = "-".join(letters)
    elif style == "comma":
        w = ", ".join(letters)
    elif style == "space":
        w = " ".join(letters)
    else:
        i = call.rng.randrange(len(letters))
        parts = list(letters)
        table = NATO if call.r() < 0.5 else PLAIN_AS
        if parts[i] in table:
            parts[i] = f"{parts[i]} {call.pick(('as in', 'for'))} {table[parts[i]]}"
        w = ", ".join(parts)
    a = call.pick(("-".join(letters), " ".join(letters), "-".join(letters), ". ".join(letters) + "."))
    if style == "nato":
        a = w.replace(",", "")
    if call.r() < 0.2:
        a = a.lower()
    return E("person", w, a)


# --------------------------------------------------------------------------------------------
# Values: cards, banks, ids, dates, addresses, e-mails, phones
# --------------------------------------------------------------------------------------------

PUBLISHED_CARDS = (
    ("Visa", "4242424242424242"), ("Visa", "4000056655665556"), ("Mastercard", "5555555555554444"),
    ("Mastercard", "2223003122003222"), ("Mastercard", "5105105105105100"), ("Amex", "378282246310005"),
    ("Amex", "371449635398431"), ("Discover", "6011111111111117"), ("Discover", "6011000990139424"),
    ("Visa", "4012888888881881"), ("Visa", "4111111111111111"), ("Mastercard", "5200828282828210"),
    ("Diners", "30569309025904"), ("JCB", "3566002020360505"), ("Visa", "4000002500003155"),
)
TEST_PREFIXES = (("Visa", "424242", 16), ("Visa", "400000", 16), ("Visa", "411111", 16),
                 ("Mastercard", "555555", 16), ("Mastercard", "222300", 16), ("Mastercard", "510510", 16),
                 ("Amex", "378282", 15), ("Amex", "371449", 15), ("Discover", "601111", 16),
                 ("Diners", "305693", 14))


def draw_card(call: Call) -> tuple[str, str]:
    if call.r() < 0.45:
        return call.pick(PUBLISHED_CARDS)
    brand, prefix, length = call.pick(TEST_PREFIXES)
    body = prefix + "".join(call.pick("0123456789") for _ in range(length - len(prefix) - 1))
    return brand, luhn_complete(body)


def card_groups(number: str) -> list[str]:
    if len(number) == 15:
        return [number[:4], number[4:10], number[10:]]
    if len(number) == 14:
        return [number[:4], number[4:10], number[10:]]
    return [number[i:i + 4] for i in range(0, len(number), 4)]


def draw_iban(call: Call, country: str) -> str:
    rnd = lambda n: "".join(call.pick("0123456789") for _ in range(n))
    if country == "DE":
        bban = call.pick(("10070000", "50010517", "37040044", "20050550", "76026000", "60050101")) + rnd(10)
    elif country == "FR":
        bank, branch, acct = rnd(5), rnd(5), rnd(11)
        key = 97 - ((89 * int(bank) + 15 * int(branch) + 3 * int(acct)) % 97)
        bban = bank + branch + acct + f"{key:02d}"
    elif country == "NL":
        bban = call.pick(("ABNA", "INGB", "RABO", "TRIO", "SNSB", "ASNB", "KNAB", "BUNQ")) + rnd(10)
    elif country == "ES":
        bank, branch, acct = rnd(4), rnd(4), rnd(10)
        w = (1, 2, 4, 8, 5, 10, 9, 7, 3, 6)

        def dc(digits: str) -> str:
            v = 11 - sum(int(c) * k for c, k in zip(digits, w)) % 11
            return str({11: 0, 10: 1}.get(v, v))
        bban = bank + branch + dc("00" + bank + branch) + dc(acct) + acct
    elif country == "IT":
        bban = call.pick("ABCDEFGHIJKLMNOPRSTUVWXYZ") + rnd(5) + rnd(5) + rnd(12)
    elif country == "IE":
        bban = call.pick(("AIBK", "BOFI", "IPBS", "ULSB")) + rnd(6) + rnd(8)
    elif country == "BE":
        head = rnd(10)
        chk = int(head) % 97 or 97
        bban = head + f"{chk:02d}"
    elif country == "AT":
        bban = rnd(5) + rnd(11)
    elif country == "PT":
        bban = call.pick(("0002", "0007", "0033", "0035", "0010", "0036")) + rnd(4) + rnd(11) + rnd(2)
    else:  # GB
        bban = call.pick(("NWBK", "BARC", "LOYD", "HBUK", "MIDL", "NAIA")) + rnd(6) + rnd(8)
    cc = "GB" if country == "UK" else country
    check = 98 - _iban_number(bban + cc + "00") % 97
    iban = f"{cc}{check:02d}{bban}"
    assert iban_ok(iban) and len(iban) == IBAN_LENGTH[cc], iban
    return iban


def draw_routing(call: Call) -> str:
    head = call.pick(("01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "21", "22", "23",
                      "24", "25", "26", "27", "28", "29", "30", "31", "32"))
    while True:
        body = head + "".join(call.pick("0123456789") for _ in range(6))
        for d in "0123456789":
            if aba_ok(body + d):
                return body + d


def rnd_digits(call: Call, n: int, first_nonzero: bool = False) -> str:
    s = "".join(call.pick("0123456789") for _ in range(n))
    if first_nonzero and s[0] == "0":
        s = call.pick("123456789") + s[1:]
    return s


# -- national ids ------------------------------------------------------------------------------


def ssn(call: Call) -> str:
    area = call.pick([666] + list(range(900, 1000)))
    return f"{area:03d}-{call.rng.randint(1, 99):02d}-{call.rng.randint(1, 9999):04d}"


def ni_number(call: Call) -> str:
    first = call.pick("DFIQUV")
    second = call.pick("ABCEGHJKLMNPRSTWXYZ")
    return f"{first}{second} {rnd_digits(call, 2)} {rnd_digits(call, 2)} {rnd_digits(call, 2)} {call.pick('ABCD')}"


def bsn(call: Call) -> str:
    while True:
        d = rnd_digits(call, 8, first_nonzero=True)
        s = sum(int(c) * w for c, w in zip(d, range(9, 1, -1)))
        last = s % 11
        if last < 10:
            return d + str(last)


def dni(call: Call, nie: bool = False) -> str:
    letters = "TRWAGMYFPDXBNJZSQVHLCKE"
    if nie:
        p = call.pick("XYZ")
        body = rnd_digits(call, 7)
        return f"{p}{body}{letters[int('XYZ'.index(p).__str__() + body) % 23]}"
    body = rnd_digits(call, 8)
    return f"{body}{letters[int(body) % 23]}"


def pps(call: Call) -> str:
    body = rnd_digits(call, 7)
    r = sum(int(c) * w for c, w in zip(body, range(8, 1, -1))) % 23
    return body + ("W" if r == 0 else chr(64 + r))


def nif_pt(call: Call) -> str:
    body = call.pick("123") + rnd_digits(call, 7)
    r = 11 - sum(int(c) * w for c, w in zip(body, range(9, 1, -1))) % 11
    return body + str(0 if r >= 10 else r)


def be_register(call: Call, dob: tuple[int, int, int], female: bool) -> str:
    y, m, d = dob
    serial = call.rng.randrange(2 if female else 1, 998, 2)
    base = f"{y % 100:02d}{m:02d}{d:02d}{serial:03d}"
    chk = 97 - int(("2" if y >= 2000 else "") + base) % 97
    return f"{base[:2]}.{base[2:4]}.{base[4:6]}-{base[6:9]}.{chk:02d}"


def at_svnr(call: Call, dob: tuple[int, int, int]) -> str:
    y, m, d = dob
    tail = f"{d:02d}{m:02d}{y % 100:02d}"
    while True:
        s = rnd_digits(call, 3, first_nonzero=True)
        w = (3, 7, 9, 5, 8, 4, 2, 1, 6)
        c = sum(int(x) * k for x, k in zip(s + tail, w)) % 11
        if c < 10:
            return f"{s}{c} {tail}"


def fr_nir(call: Call, dob: tuple[int, int, int], female: bool) -> str:
    y, m, _ = dob
    dept = call.pick(("75", "69", "13", "33", "59", "44", "31", "67", "35", "34"))
    commune, order = rnd_digits(call, 3), rnd_digits(call, 3)
    base = f"{2 if female else 1}{y % 100:02d}{m:02d}{dept}{commune}{order}"
    key = 97 - int(base) % 97
    return f"{base[0]} {base[1:3]} {base[3:5]} {base[5:7]} {base[7:10]} {base[10:13]} {key:02d}"


def de_ausweis(call: Call) -> str:
    alphabet = "CFGHJKLMNPRTVWXYZ0123456789"
    s = call.pick("LMNPRTVWXY") + "".join(call.pick(alphabet) for _ in range(8))
    val = lambda c: int(c) if c.isdigit() else ord(c) - 55
    chk = sum(val(c) * (7, 3, 1)[i % 3] for i, c in enumerate(s)) % 10
    return s + str(chk)


def it_codice(call: Call, p: Person, dob: tuple[int, int, int]) -> str:
    def cons(s: str) -> str:
        return "".join(c for c in s if c.isalpha() and c not in "AEIOU")

    def vows(s: str) -> str:
        return "".join(c for c in s if c in "AEIOU")
    last = strip_accents(p.last).upper().replace(" ", "").replace("'", "")
    first = strip_accents(p.first).upper()
    s1 = (cons(last) + vows(last) + "XXX")[:3]
    fc = cons(first)
    s2 = (fc[0] + fc[2] + fc[3]) if len(fc) >= 4 else (fc + vows(first) + "XXX")[:3]
    y, m, d = dob
    code = f"{s1}{s2}{y % 100:02d}{'ABCDEHLMPRST'[m - 1]}{d + 40 if p.female else d:02d}"
    code += call.pick("ABCDEFGHLM") + rnd_digits(call, 3)
    odd = {**{str(i): v for i, v in enumerate((1, 0, 5, 7, 9, 13, 15, 17, 19, 21))},
           **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                      (1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24,
                       23)))}
    even = {**{str(i): i for i in range(10)}, **{c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}}
    total = sum(odd[c] if i % 2 == 0 else even[c] for i, c in enumerate(code))
    return code + chr(65 + total % 26)


def uk_licence(call: Call, p: Person, dob: tuple[int, int, int]) -> str:
    last = re.sub(r"[^A-Z]", "", strip_accents(p.last).upper())
    y, m, d = dob
    mm = m + 50 if p.female else m
    s = (last + "99999")[:5] + f"{(y % 100) // 10}{mm:02d}{d:02d}{y % 10}"
    s += (strip_accents(p.first)[0].upper() + "9") + call.pick("0123456789") + call.pick("ABCDEFGHJKLMNPRSTUVWXYZ")
    return s + call.pick("ABCDEFGHJKLMNPRSTUVWXYZ")


def us_licence(call: Call) -> tuple[str, str]:
    state = call.pick(("California", "Texas", "New York", "Illinois", "Ohio", "Florida", "Washington"))
    L = call.pick("ABCDEFGHJKLMNPRSTWY")
    if state == "California":
        v = L + rnd_digits(call, 7)
    elif state == "Texas":
        v = rnd_digits(call, 8, first_nonzero=True)
    elif state == "New York":
        v = rnd_digits(call, 9, first_nonzero=True)
    elif state == "Illinois":
        v = L + rnd_digits(call, 11)
    elif state == "Ohio":
        v = L + call.pick("ABCDEFGHJKLMNPRSTWY") + rnd_digits(call, 6)
    elif state == "Florida":
        v = L + rnd_digits(call, 12)
    else:
        v = "WDL" + "".join(call.pick("ABCDEFGHJKLMNPRSTWXYZ0123456789") for _ in range(9))
    return state, v


def passport(call: Call, country: str) -> str:
    if country in ("US", "UK"):
        return rnd_digits(call, 9, first_nonzero=True)
    if country == "FR":
        return rnd_digits(call, 2) + "".join(call.pick("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2)) + rnd_digits(
            call, 5)
    if country == "IT":
        return "".join(call.pick("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2)) + rnd_digits(call, 7)
    if country == "ES":
        return "".join(call.pick("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(3)) + rnd_digits(call, 6)
    if country == "IE":
        return "".join(call.pick("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2)) + rnd_digits(call, 7)
    if country == "PT":
        return call.pick("CDEFGHJKLMNP") + rnd_digits(call, 6)
    if country == "BE":
        return "".join(call.pick("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2)) + rnd_digits(call, 6)
    alphabet = "CFGHJKLMNPRTVWXYZ0123456789"
    return call.pick("CFGHJK") + "".join(call.pick(alphabet) for _ in range(8))


# -- dates ------------------------------------------------------------------------------------


def draw_dob(call: Call) -> tuple[int, int, int]:
    y = call.rng.randint(1946, 2005)
    m = call.rng.randint(1, 12)
    d = call.rng.randint(1, 28)
    return y, m, d


def say_dob(call: Call, dob: tuple[int, int, int], country: str) -> tuple[str, str]:
    y, m, d = dob
    mon = MONTHS[m - 1]
    yy = f"{y % 100:02d}"
    us = country == "US"
    forms = []
    if us:
        forms += [(f"{mon} {ordinal_digits(d)}, {y}", f"{mon} {ordinal_digits(d)}, {y}"),
                  (f"{m}/{d}/{yy}", f"{m}/{d}/{yy}"), (f"{m:02d}/{d:02d}/{y}", f"{m:02d}/{d:02d}/{y}"),
                  (f"{mon} {ordinal_words(d)}, {year_words(y)}", f"{mon} {d}, {y}"),
                  (f"{mon} {words99(d)}, {words99(int(yy)) if int(yy) >= 10 else 'oh ' + ONES[int(yy)]}",
                   f"{mon} {d} {yy}"),
                  ((f"{digit_said(str(m // 10)) + ' ' if m >= 10 else 'oh '}{ONES[m % 10] if m >= 10 else ONES[m]}, "
                   f"{words99(d) if d >= 10 else 'oh ' + ONES[d]}, {year_words(y)}"),
                   f"{m:02d} {d:02d} {y}")]
    else:
        sep = "." if country in ("DE", "AT") else "/"
        forms += [(f"{ordinal_digits(d)} {mon} {y}", f"{ordinal_digits(d)} {mon} {y}"),
                  (f"{d:02d}{sep}{m:02d}{sep}{y}", f"{d:02d}{sep}{m:02d}{sep}{y}"),
                  (f"the {ordinal_words(d)} of {mon}, {year_words(y)}", f"the {ordinal_digits(d)} of {mon} {y}"),
                  (f"{ordinal_words(d)} of {mon} {words99(int(yy)) if int(yy) >= 10 else 'oh ' + ONES[int(yy)]}",
                   f"{ordinal_digits(d)} of {mon} {yy}"),
                  (f"{d} {mon} {y}", f"{d} {mon} {y}"),
                  (f"{year_words(y)}, {mon} the {ordinal_words(d)}", f"{y} {mon} the {ordinal_digits(d)}")]
    return call.pick(forms)


def say_expiry(call: Call, m: int, y: int) -> tuple[str, str]:
    yy = y % 100
    mon = MONTHS[m - 1]
    forms = [
        (f"{m:02d}/{yy}", call.pick((f"{m:02d}/{yy}", f"{m:02d} {yy}", f"{m:02d}{yy}"))),
        (f"{m}/{yy}", call.pick((f"{m}/{yy}", f"{m} {yy}"))),
        (f"{m:02d}/{y}", f"{m:02d}/{y}"),
        (f"{'oh ' + ONES[m] if m < 10 else words99(m)}, {words99(yy)}", call.pick((f"{m:02d} {yy}", f"0{m} {yy}"
                                                                                    if m < 10 else f"{m} {yy}"))),
        (f"{ONES[m] if m < 10 else words99(m)} {words99(yy)}", f"{m} {yy}"),
        (f"{mon} {words99(yy)}", call.pick((f"{mon} {yy}", f"{mon} {words99(yy)}"))),
        (f"{mon} {y}", f"{mon} {y}"),
        (f"{mon} '{yy}", f"{mon} {yy}"),
        (f"{digit_said(str(m // 10))} {ONES[m % 10]} {digit_said(str(yy // 10))} {ONES[yy % 10]}",
         f"{m:02d}{yy}"),
    ]
    return call.pick(forms)


def meeting_date(call: Call) -> tuple[str, str]:
    d = call.rng.randint(1, 28)
    day = call.pick(WEEKDAYS)
    mon = call.pick(MONTHS)
    forms = [
        (f"{day} the {ordinal_digits(d)}", f"{day} the {ordinal_digits(d)}"),
        (f"{day} the {ordinal_words(d)}", f"{day} the {ordinal_digits(d)}"),
        (f"the {ordinal_digits(d)} of {mon}", f"the {ordinal_digits(d)} of {mon}"),
        (f"{mon} {ordinal_digits(d)}", call.pick((f"{mon} {ordinal_digits(d)}", f"{mon} {d}"))),
        (f"{day}, {mon} {d}", f"{day} {mon} {d}"),
        (f"next {day}", f"next {day}"),
        (f"this coming {day}", f"this coming {day}"),
        (f"the {ordinal_words(d)}", f"the {ordinal_digits(d)}"),
    ]
    return call.pick(forms)


def clock_time(call: Call) -> tuple[str, str]:
    h = call.rng.randint(8, 17)
    m = call.pick((0, 0, 15, 30, 30, 45, 10, 20, 40))
    h12 = h if h <= 12 else h - 12
    ampm = "am" if h < 12 else "pm"
    forms = [(f"{h12}:{m:02d}", f"{h12}:{m:02d}"),
             (f"{h12}:{m:02d} {ampm}", call.pick((f"{h12}:{m:02d} {ampm}", f"{h12}.{m:02d}{ampm}",
                                                  f"{h12}:{m:02d} {ampm[0]}.m.")))]
    if m == 0:
        forms += [(f"{h12} {ampm}", call.pick((f"{h12} {ampm}", f"{h12}{ampm}", f"{h12} {ampm[0]}.m."))),
                  (f"{cardinal(h12)} o'clock", f"{h12} o'clock"), (f"{h12} o'clock", f"{h12} o'clock")]
    if m == 30:
        forms += [(f"half past {cardinal(h12)}", call.pick((f"half past {cardinal(h12)}", f"half past {h12}")))]
    if m == 15:
        forms += [(f"quarter past {cardinal(h12)}", f"quarter past {cardinal(h12)}")]
    if m == 45:
        nxt = h12 % 12 + 1
        forms += [(f"quarter to {cardinal(nxt)}", f"quarter to {cardinal(nxt)}")]
    if h == 12 and m == 0:
        forms += [("noon", "noon"), ("midday", "midday")]
    return call.pick(forms)


# -- addresses ----------------------------------------------------------------------------------

US_STREET = ["Maple", "Cedar", "Willow", "Creek", "Lakeview", "Sycamore", "Hawthorne", "Juniper", "Briarwood", "Magnolia", "Foxglove", "Chestnut", "Meadowbrook", "Sandpiper", "Cottonwood", "Pinecrest", "Larkspur", "Ridgeview", "Orchard", "Bluebonnet", "Stonegate"]
US_TYPE = ("Street", "Avenue", "Drive", "Lane", "Court", "Road", "Boulevard", "Way", "Place", "Terrace", "Trail")
US_CITY = (("Austin", "Texas", "TX", "787"), ("Denver", "Colorado", "CO", "802"), ("Columbus", "Ohio", "OH", "432"),
           ("Raleigh", "North Carolina", "NC", "276"), ("Portland", "Oregon", "OR", "972"),
           ("Tucson", "Arizona", "AZ", "857"), ("Madison", "Wisconsin", "WI", "537"),
           ("Omaha", "Nebraska", "NE", "681"), ("Boise", "Idaho", "ID", "837"),
           ("Richmond", "Virginia", "VA", "232"), ("Spokane", "Washington", "WA", "992"),
           ("Tampa", "Florida", "FL", "336"), ("Albany", "New York", "NY", "122"),
           ("Savannah", "Georgia", "GA", "314"), ("Des Moines", "Iowa", "IA", "503"))
UK_STREET = ["Rowan", "Beech", "Holly", "Mill", "Church", "Station", "Victoria", "Orchard", "Meadow", "Chapel", "Alder", "Heather", "Kingsway", "Park", "Hazel", "Larch", "Brook", "Fern", "Greenacre", "Willowbank"]
UK_TYPE = ("Road", "Street", "Close", "Avenue", "Crescent", "Gardens", "Lane", "Grove", "Way", "Terrace", "Mews",
           "Drive", "Place")
UK_CITY = (("Leeds", "LS"), ("Manchester", "M"), ("Bristol", "BS"), ("Nottingham", "NG"), ("Cardiff", "CF"),
           ("Edinburgh", "EH"), ("Glasgow", "G"), ("Sheffield", "S"), ("Norwich", "NR"), ("Brighton", "BN"),
           ("York", "YO"), ("Leicester", "LE"), ("Plymouth", "PL"), ("Exeter", "EX"), ("Oxford", "OX"),
           ("Newcastle", "NE"), ("Liverpool", "L"), ("Birmingham", "B"), ("Southampton", "SO"), ("Reading", "RG"))
IE_STREET = ["Oakfield", "Beechwood", "Castle", "Woodlawn", "Glenview", "Ashgrove", "Millbrook", "Riverside", "Hazelwood", "Clonard", "Kilbride", "Ardmore"]
IE_TYPE = ("Park", "Grove", "Road", "Avenue", "Drive", "Lawns", "Heights", "Crescent", "Close", "Court")
IE_CITY = (("Dublin", ("D04", "D06", "D6W", "D08", "D12", "D15", "D24")), ("Cork", ("T12", "T23")),
           ("Galway", ("H91",)), ("Limerick", ("V94",)), ("Waterford", ("X91",)), ("Kilkenny", ("R95",)))
EU_PLACES = {
    "DE": (("Berlin", "1"), ("Hamburg", "2"), ("Köln", "50"), ("Leipzig", "04"), ("Stuttgart", "70"),
           ("Bremen", "28"), ("Dresden", "01"), ("Nürnberg", "90")),
    "AT": (("Wien", "1"), ("Graz", "80"), ("Linz", "40"), ("Salzburg", "50"), ("Innsbruck", "60")),
    "FR": (("Lyon", "690"), ("Toulouse", "310"), ("Nantes", "440"), ("Lille", "590"), ("Bordeaux", "330"),
           ("Rennes", "350"), ("Montpellier", "340"), ("Strasbourg", "670")),
    "NL": (("Utrecht", "35"), ("Rotterdam", "30"), ("Eindhoven", "56"), ("Groningen", "97"), ("Haarlem", "20"),
           ("Leiden", "23"), ("Amersfoort", "38")),
    "ES": (("Madrid", "280"), ("Valencia", "460"), ("Sevilla", "410"), ("Málaga", "290"), ("Bilbao", "480"),
           ("Zaragoza", "500")),
    "IT": (("Milano", "201"), ("Torino", "101"), ("Bologna", "401"), ("Firenze", "501"), ("Napoli", "801"),
           ("Verona", "371")),
    "BE": (("Antwerpen", "2"), ("Gent", "90"), ("Leuven", "30"), ("Liège", "40"), ("Namur", "50"),
           ("Brugge", "80")),
    "PT": (("Lisboa", "1"), ("Porto", "4"), ("Braga", "47"), ("Coimbra", "30"), ("Faro", "80")),
}
EU_STREETS = {
    "DE": ("{w}straße {n}", "{w}weg {n}", "Am {W}hof {n}", "{w}allee {n}"),
    "AT": ("{w}gasse {n}/{s}/{d}", "{w}straße {n}, Top {d}", "{w}weg {n}/{d}"),
    "FR": ("{n} rue des {fr}", "{n}, allée des {fr}", "{n} avenue des {fr}", "{n} bis rue des {fr}",
           "{n} rue des {fr}, appartement {d}"),
    "NL": ("{nl}straat {n}", "{nl}laan {n}", "{nl}weg {n}-{s}", "{nl}hof {n}A"),
    "ES": ("Calle de los {es} {n}, {fl}º {L}", "Avenida de los {es} {n}, {fl}º {L}", "Calle {es} {n}"),
    "IT": ("Via dei {it} {n}", "Viale dei {it} {n}, interno {d}", "Via dei {it} {n}, scala {L}"),
    "BE": ("{nl}straat {n} bus {s}", "Rue des {fr} {n}", "{nl}laan {n}", "Avenue des {fr} {n}, boîte {s}"),
    "PT": ("Rua das {pt} {n}, {fl}º Esq", "Avenida das {pt} {n}", "Rua das {pt} {n}, {fl}º Dto"),
}
EU_WORDS = {
    "w": ["Linden", "Birken", "Ahorn", "Eichen", "Garten", "Mühlen", "Rosen", "Buchen", "Kastanien", "Wiesen", "Sonnen", "Kirch"],
    "fr": ["Lilas", "Tilleuls", "Acacias", "Peupliers", "Jardins", "Cerisiers", "Vignes", "Érables", "Glycines", "Mimosas"],
    "nl": ["Kastanje", "Linden", "Beuken", "Eiken", "Tulp", "Molen", "Kerk", "Haven", "Dorps", "Berken", "Wilgen", "Populieren"],
    "es": ["Olivos", "Almendros", "Naranjos", "Pinos", "Cipreses", "Rosales", "Castaños"],
    "it": ["Glicini", "Tigli", "Pini", "Castagni", "Gelsomini", "Ciliegi", "Platani"],
    "pt": ["Flores", "Oliveiras", "Laranjeiras", "Acácias", "Camélias", "Amoreiras"],
}


@dataclass
class Address:
    street: tuple[str, str]  # written, asr
    postcode: tuple[str, str]
    city: str
    region: str = ""  # US state
    street_spoken: tuple[str, str] | None = None


def spell_code(call: Call, code: str, zero: str = "oh") -> str:
    """A postcode said character by character ("L S six, two Q T")."""
    out = []
    for part in code.split(" "):
        toks = []
        for c in part:
            toks.append(digit_said(c, zero) if c.isdigit() else c)
        out.append(" ".join(toks))
    return ", ".join(out)


def draw_address(call: Call, country: str) -> Address:
    rng = call.rng
    if country == "US":
        num = rng.randint(12, 9899)
        street = f"{num} {call.pick(US_STREET)} {call.pick(US_TYPE)}"
        unit = call.pick(("", "", f", Apartment {rng.randint(1, 30)}{call.pick('ABCD')}",
                          f", Apt {rng.randint(101, 950)}", f", Unit {rng.randint(1, 40)}",
                          f", Suite {rng.randint(100, 450)}", f" #{rng.randint(2, 60)}"))
        w = street + unit
        a = (w.replace("Apt ", "apartment ").replace("Apartment", call.pick(("apartment", "Apartment")))
             .replace(" #", " number "))
        city, state, abbr, zp = call.pick(US_CITY)
        zipc = zp + rnd_digits(call, 2)
        if rng.random() < 0.15:
            zipc += "-" + rnd_digits(call, 4)
        zw = zipc if rng.random() < 0.7 else " ".join(digit_said(c, "oh") for c in zipc if c.isdigit())
        za = zipc if rng.random() < 0.8 else "-".join(zipc.replace("-", ""))
        return Address((w, a), (zw, za), city, call.pick((state, abbr)))
    if country == "UK":
        num = rng.randint(1, 240)
        street = f"{num} {call.pick(UK_STREET)} {call.pick(UK_TYPE)}"
        flat = call.pick(("", "", "", f"Flat {rng.randint(1, 24)}, ", f"Flat {rng.randint(1, 9)}{call.pick('ABC')}, ",
                          f"Apartment {rng.randint(1, 60)}, "))
        w = flat + street
        city, area = call.pick(UK_CITY)
        pc = f"{area}{rng.randint(1, 28)} {rng.randint(0, 9)}{call.pick('ABDEFGHJLNPQRSTUWXYZ')}" \
             f"{call.pick('ABDEFGHJLNPQRSTUWXYZ')}"
        pw = pc if rng.random() < 0.6 else spell_code(call, pc, call.pick(("oh", "zero")))
        pa = call.pick((pc, pc, pc.replace(" ", ""), " ".join(pc.replace(" ", "")), pc.lower()))
        return Address((w, w.replace("Flat", call.pick(("Flat", "flat")))), (pw, pa), city)
    if country == "IE":
        num = rng.randint(1, 180)
        street = f"{num} {call.pick(IE_STREET)} {call.pick(IE_TYPE)}"
        flat = call.pick(("", "", f"Apartment {rng.randint(1, 40)}, ", f"Flat {rng.randint(1, 12)}, "))
        w = flat + street
        city, keys = call.pick(IE_CITY)
        code = f"{call.pick(keys)} " + "".join(call.pick("ACDEFHKNPRTVWXY0123456789") for _ in range(4))
        if not re.search(r"[A-Z]", code[4:]):
            code = code[:4] + call.pick("ACDEFHKNPRTVWXY") + code[5:]
        pw = code if rng.random() < 0.6 else spell_code(call, code, "zero")
        pa = call.pick((code, code.replace(" ", ""), " ".join(code.replace(" ", ""))))
        return Address((w, w), (pw, pa), city)
    # EU
    city, pre = call.pick(EU_PLACES[country])
    tmpl = call.pick(EU_STREETS[country])
    fill = {"n": str(rng.randint(1, 140)), "s": str(rng.randint(1, 4)), "d": str(rng.randint(1, 30)),
            "fl": str(rng.randint(1, 6)), "L": call.pick("ABCD")}
    for k, words in EU_WORDS.items():
        fill[k] = call.pick(words)
    fill["W"] = fill["w"]
    w = tmpl.format(**fill)
    lens = {"DE": 5, "FR": 5, "ES": 5, "IT": 5, "NL": 4, "BE": 4, "AT": 4, "PT": 4}
    pc = pre + rnd_digits(call, lens[country] - len(pre))
    if country == "NL":
        pc = f"{pc} {call.pick('ABCEGHJKLMNPRTVWXZ')}{call.pick('ABCEGHJKLMNPRTVWXZ')}"
    if country == "PT":
        pc = f"{pc}-{rnd_digits(call, 3)}"
    if rng.random() < 0.3 and country != "NL":
        pw = ", ".join(" ".join(digit_said(c, "zero") for c in part) for part in pc.split("-"))
    else:
        pw = pc
    pa = pc if rng.random() < 0.8 else " ".join(pc)
    a = strip_accents(w.replace("º", ""))
    if "straße" in w and rng.random() < 0.3:
        a = a.replace("strasse", " Strasse")
    return Address((w, a), (pw, pa), city)


# -- e-mails ------------------------------------------------------------------------------------

DOMAINS = {
    "US": ("gmail.com", "yahoo.com", "outlook.com", "icloud.com", "hotmail.com", "aol.com", "comcast.net"),
    "UK": ("gmail.com", "hotmail.co.uk", "btinternet.com", "outlook.com", "yahoo.co.uk", "sky.com"),
    "DE": ("gmx.de", "web.de", "t-online.de", "gmail.com", "posteo.de"),
    "AT": ("gmx.at", "aon.at", "gmail.com", "chello.at"),
    "FR": ("orange.fr", "free.fr", "laposte.net", "gmail.com", "sfr.fr"),
    "NL": ("ziggo.nl", "kpnmail.nl", "gmail.com", "hotmail.nl", "xs4all.nl"),
    "ES": ("gmail.com", "hotmail.es", "yahoo.es", "telefonica.net"),
    "IT": ("libero.it", "virgilio.it", "gmail.com", "alice.it", "tiscali.it"),
    "IE": ("eircom.net", "gmail.com", "yahoo.ie", "outlook.ie"),
    "BE": ("telenet.be", "skynet.be", "proximus.be", "gmail.com"),
    "PT": ("sapo.pt", "gmail.com", "iol.pt", "hotmail.com"),
}
DOMAIN_HEARD = {"btinternet.com": "bt internet.com", "t-online.de": "t online.de", "kpnmail.nl": "kpn mail.nl",
                "xs4all.nl": "xs 4 all.nl", "hotmail.co.uk": "hotmail.co.uk", "comcast.net": "comcast.net",
                "telefonica.net": "telefonica.net", "laposte.net": "la poste.net", "eircom.net": "eir com.net"}


def ascii_name(s: str) -> str:
    return re.sub(r"[^a-z]", "", strip_accents(s).lower())


def say_domain(domain: str) -> str:
    parts = domain.split(".")
    spoken = []
    for p in parts:
        if p == "t-online":
            spoken.append("t dash online")
        elif p == "xs4all":
            spoken.append("x s four all")
        else:
            spoken.append(p)
    return " dot ".join(spoken)


def draw_email(call: Call, p: Person, domain: str | None = None) -> tuple[str, str]:
    rng = call.rng
    first, last = ascii_name(p.first), ascii_name(p.last)
    domain = domain or call.pick(DOMAINS[p.country])
    n = rng.randint(1, 99)
    shape = call.pick(("first.last", "firstlast", "f.last", "first_last", "first.lastNN", "last.first", "firstNN",
                       "flast"))
    sep_said = {"first.last": " dot ", "f.last": " dot ", "last.first": " dot ", "first.lastNN": " dot ",
                "first_last": " underscore ", "firstlast": "", "firstNN": "", "flast": ""}[shape]
    a_, b_ = {"first.last": (first, last), "firstlast": (first, last), "f.last": (first[0], last),
              "first_last": (first, last), "first.lastNN": (first, last), "last.first": (last, first),
              "firstNN": (first, ""), "flast": (first[0], last)}[shape]
    typed_sep = {" dot ": ".", " underscore ": "_", "": ""}[sep_said]
    nn = str(n) if shape.endswith("NN") else ""
    local = a_ + typed_sep + b_ + nn
    typed = f"{local}@{domain}"
    said_nn = (" " + words99(n)) if nn else ""
    said = f"{a_}{sep_said}{b_}{said_nn} at {say_domain(domain)}"
    if rng.random() < 0.4:
        w = typed
    else:
        w = said
    dh = DOMAIN_HEARD.get(domain, domain) if rng.random() < 0.5 else domain
    asr_forms = [f"{local} at {dh}", typed, f"{a_}{sep_said}{b_}{(' ' + nn) if nn else ''} at {dh}",
                 f"{local} at {say_domain(domain)}"]
    if sep_said == "":
        asr_forms.append(f"{a_} {b_}{nn} at {dh}".replace("  ", " "))
    if sep_said == " dot ":
        asr_forms.append(f"{a_} .{b_}{nn} at {dh}")
    a = call.pick(asr_forms)
    return w, a


# -- phones -------------------------------------------------------------------------------------

US_AREA = ("212", "312", "415", "503", "614", "512", "720", "919", "404", "206", "617", "702", "608", "813")


def draw_phone(call: Call, country: str) -> dict:
    """A phone number: groups as said nationally, and the international prefix."""
    rng = call.rng
    if country == "US":
        line = f"01{rng.randint(0, 99):02d}"
        return {"groups": [call.pick(US_AREA), "555", line], "cc": "1", "trunk": ""}
    if country == "UK":
        kind = call.pick(("mobile", "mobile", "london", "regional"))
        if kind == "mobile":
            return {"groups": ["07700", "900", f"{rng.randint(0, 999):03d}"], "cc": "44", "trunk": "0"}
        if kind == "london":
            return {"groups": ["020", "7946", f"0{rng.randint(0, 999):03d}"], "cc": "44", "trunk": "0"}
        area = call.pick(("0113", "0114", "0115", "0116", "0117", "0118", "0121", "0131", "0141", "0151", "0161"))
        return {"groups": [area, "496", f"0{rng.randint(0, 999):03d}"], "cc": "44", "trunk": "0"}
    r = lambda n: rnd_digits(call, n)
    shapes = {
        "DE": (["015" + call.pick("1279"), r(4), r(4)], "49"), "AT": (["066" + call.pick("0469"), r(3), r(4)], "43"),
        "FR": (["0" + call.pick("67"), r(2), r(2), r(2), r(2)], "33"), "NL": (["06", r(4), r(4)], "31"),
        "ES": ([call.pick("67") + r(2), r(3), r(3)], "34"), "IT": (["3" + r(2), r(3), r(4)], "39"),
        "IE": (["08" + call.pick("35679"), r(3), r(4)], "353"), "BE": (["04" + call.pick("79") + r(1), r(2), r(2), r(2)], "32"),
        "PT": (["9" + call.pick("1236") + r(1), r(3), r(3)], "351"),
    }
    groups, cc = shapes[country]
    return {"groups": groups, "cc": cc, "trunk": "" if country in ("ES", "IT", "PT") else "0"}


def say_phone(call: Call, ph: dict, intl: bool = False, groups: list[str] | None = None,
              style: str | None = None) -> tuple[str, str]:
    rng = call.rng
    g = list(groups if groups is not None else ph["groups"])
    if intl:
        if ph["trunk"] and g[0].startswith(ph["trunk"]):
            g[0] = g[0][len(ph["trunk"]):]
        if style is None:
            style = call.pick(("digits", "words"))
        if style == "digits":
            w = f"+{ph['cc']} " + " ".join(g)
            a = call.pick((w, f"+{ph['cc']} {''.join(g)}", f"plus {ph['cc']} " + " ".join(g)))
        else:
            ww, aa = speak(g, rng, w="words", a=call.pick(("grouped", "run", "spaced")), runs=0.5)
            w = f"plus {' '.join(ONES[int(c)] for c in ph['cc'])}, {ww}"
            a = f"+{ph['cc']} {aa}" if rng.random() < 0.6 else f"plus {ph['cc']} {aa}"
        return w, a
    if ph["cc"] == "1" and groups is None:
        style = style or call.pick(("paren", "dash", "words", "words", "pairs"))
        if style == "paren":
            w = f"({g[0]}) {g[1]}-{g[2]}"
            return w, call.pick((w, f"{g[0]}-{g[1]}-{g[2]}", f"{g[0]} {g[1]} {g[2]}"))
        if style == "dash":
            w = f"{g[0]}-{g[1]}-{g[2]}"
            return w, call.pick((w, f"{g[0]} {g[1]} {g[2]}", "".join(g)))
    if ph["cc"] == "33" and groups is None and rng.random() < 0.6:
        ww, aa = speak(g, rng, w="pairs", a=call.pick(("grouped", "grouped", "run")), wsep=", ")
        return ww, aa
    return speak(g, rng, w=style or call.pick(("digits", "words", "words", "pairs")),
                 a=call.pick(("grouped", "grouped", "run", "spaced", "words")), runs=0.7)


# --------------------------------------------------------------------------------------------
# Hard negatives
# --------------------------------------------------------------------------------------------

CURRENCY = {"US": ("$", "dollars"), "UK": ("£", "pounds"), "IE": ("€", "euros")}


def price(call: Call, country: str, lo: int = 10, hi: int = 2500, cents: bool | None = None,
          n: int | None = None) -> Seg:
    sym, unit = CURRENCY.get(country, ("€", "euros"))
    n = call.rng.randint(lo, hi) if n is None else n
    with_cents = call.r() < 0.35 if cents is None else cents
    c = call.pick((99, 50, 95, 49, 25, 0)) if with_cents else 0
    typed = f"{sym}{n:,}" + (f".{c:02d}" if c else "")
    if call.r() < 0.3 and n < 1000:
        w = f"{cardinal(n, country != 'US')} {unit}" + (f" {words99(c)}" if c else "")
        a = call.pick((typed, f"{n} {unit}" + (f" {c}" if c else "")))
    else:
        w = typed
        a = typed if call.r() < 0.6 else typed.replace(",", "")
    return K("price", w, a)


def quantity(call: Call, nouns: tuple[str, ...], lo: int = 2, hi: int = 60) -> Seg:
    n = call.rng.randint(lo, hi)
    noun = call.pick(nouns)
    if n < 20 and call.r() < 0.6:
        w = f"{cardinal(n)} {noun}"
        a = call.pick((w, f"{n} {noun}"))
    else:
        w = f"{n:,} {noun}"
        a = call.pick((w, f"{cardinal(n, False)} {noun}")) if n < 100 else w
    return K("quantity", w, a)


def percent(call: Call) -> Seg:
    n = call.pick((5, 8, 10, 12, 15, 20, 25, 30, 2.5, 3.9, 4.5, 7.5, 18, 40))
    s = f"{n:g}"
    if isinstance(n, int) and call.r() < 0.4:
        return K("percent", f"{cardinal(n)} percent", call.pick((f"{s}%", f"{cardinal(n)} percent")))
    return K("percent", call.pick((f"{s}%", f"{s} percent")), f"{s}%")


MEASURES = {
    "US": ("pounds", "square feet", "gallons", "inches", "feet", "miles", "kilowatt hours"),
    "EU": ("kilos", "kg", "square metres", "litres", "centimetres", "metres", "kilometres", "kilowatt hours"),
}


def measure(call: Call, country: str, units: tuple[str, ...] | None = None, lo: int = 2, hi: int = 400) -> Seg:
    units = units or MEASURES["US" if country == "US" else "EU"]
    n = call.rng.randint(lo, hi)
    u = call.pick(units)
    if call.r() < 0.2:
        n_s = f"{n}.{call.rng.randint(1, 9)}"
    else:
        n_s = f"{n:,}"
    w = f"{n_s} {u}"
    if call.r() < 0.3 and "." not in n_s and n < 100:
        w = f"{cardinal(n)} {u}"
    return K("measure", w, call.pick((w, f"{n_s} {u}")))


def year(call: Call, lo: int = 2004, hi: int = 2025) -> Seg:
    y = call.rng.randint(lo, hi)
    if call.r() < 0.25:
        return K("year", year_words(y), str(y))
    return K("year", str(y))


def order_no(call: Call) -> Seg:
    r = lambda n: rnd_digits(call, n, first_nonzero=True)
    v = call.pick((f"ORD-{r(5)}", f"W{r(7)}", f"#{r(6)}", f"SO-{r(4)}-{r(2)}", f"{call.pick('ABCHKR')}{r(2)}-{r(5)}",
                   f"PO-{r(5)}", f"INV-{r(5)}"))
    a = call.pick((v, v.replace("-", " "), v.replace("#", "number ")))
    return K("order", v, a)


def ticket_no(call: Call) -> Seg:
    r = lambda n: rnd_digits(call, n, first_nonzero=True)
    v = call.pick((f"CS-{r(6)}", f"INC{r(7)}", f"TK-{r(5)}", f"CLM-{r(6)}", f"REF-{r(4)}-{call.pick('ABCDEF')}",
                   f"SR{r(6)}", f"CASE-{r(5)}"))
    a = call.pick((v, v, v.replace("-", " "), v.lower()))
    return K("ticket", v, a)


PRODUCTS = {
    "router": ("Vantage 300", "Orbit 5G", "Meshline 6"), "heater": ("Nimbus 360", "ThermaCore 24"),
    "tablet": ("Kestrel T8", "Slate 11"), "desk": ("Halden 42", "Ergo 160"), "sofa": ("Loft 220", "Cove 3"),
    "headset": ("Aria 2", "Talkpro 90"), "boiler": ("Caldera 28", "Heatwell 35"),
    "plan": ("Pro 12", "Team 50", "Starter 5", "Business 200"), "bike": ("Tern 700", "Ridge 29"),
    "tracker": ("PulseFit 3", "Stride 8"), "camera": ("Lumo 4K", "Vista 12"), "tent": ("Solo 40", "Basecamp 6"),
    "phone": ("Nova 15", "Pixelon 9"), "dishwasher": ("Aqualine 45", "CleanPro 60"),
}


def product(call: Call, kinds: tuple[str, ...]) -> tuple[Seg, str]:
    kind = call.pick(kinds)
    v = call.pick(PRODUCTS[kind])
    return K("product", v), kind


# --------------------------------------------------------------------------------------------
# Beats of a call
# --------------------------------------------------------------------------------------------

BACKCHANNEL = ("Mhm.", "Okay.", "Yep, go on.", "Got that, and the rest?", "Right.", "Uh-huh.", "Okay, next bit?",
               "Yes, I'm with you.", "Sure, carry on.", "Mm-hm, ready.", "Yep.", "Okay, keep going.", "Great, and?",
               "Got it.", "Yes?", "Mhm, go ahead.")


@dataclass
class Industry:
    name: str
    co: tuple[str, ...]  # company words
    thing: tuple[str, ...]  # what a call is about
    qty: tuple[str, ...]  # quantity nouns
    prod: tuple[str, ...] = ()  # product kinds (PRODUCTS)


def _ind(name_: str, co: str, thing: str, qty: str, prod: str = "") -> Industry:
    return Industry(name_, tuple(co.split("|")), tuple(thing.split("|")), tuple(qty.split("|")),
                    tuple(p for p in prod.split("|") if p))


INDUSTRIES = {
    "payment": (
        _ind("plumbing contractor", "Plumbing|Heating", "the boiler repair|the bathroom job|last week's call-out",
          "hours of labour|radiators|call-outs", "boiler"),
        _ind("veterinary practice", "Vets|Animal Clinic", "the dog's operation|the cat's treatment|the vaccinations",
          "consultations|vaccinations"),
        _ind("furniture retailer", "Furniture|Interiors", "my sofa order|the dining set|the office chairs",
          "chairs|cushions|items", "sofa|desk"),
        _ind("driving school", "Driving School|Motoring", "my son's lessons|the lesson block|the intensive course",
          "lessons|hours"),
        _ind("IT repair shop", "Tech Repairs|Computer Care", "the laptop repair|the screen replacement",
          "devices|laptops", "tablet|phone"),
        _ind("roofing contractor", "Roofing|Building", "the roof repair|the guttering job", "days of work|tiles"),
    ),
    "booking": (
        _ind("boutique hotel", "Hotel|House Hotel", "a room|a weekend stay|two rooms", "nights|rooms|guests"),
        _ind("car rental", "Car Hire|Rentals", "a car|a van for the weekend|an estate car", "days|drivers"),
        _ind("physiotherapy clinic", "Physio|Sports Clinic", "a physio session|a course of treatment",
          "sessions|appointments"),
        _ind("wedding venue", "Barns|Manor House", "a viewing|the venue for our wedding", "guests|tables"),
        _ind("coworking space", "Workspace|Hub", "a meeting room|some desks", "desks|people"),
        _ind("cookery school", "Cookery School|Kitchen", "a bread class|a pasta workshop", "places|people"),
    ),
    "account_change": (
        _ind("mobile network", "Mobile|Telecom", "my phone contract|my plan", "lines|SIMs", "phone|plan"),
        _ind("broadband provider", "Fibre|Broadband", "my broadband|my internet", "connections", "router"),
        _ind("credit union", "Credit Union", "my savings account|my account", "accounts"),
        _ind("gym chain", "Fitness|Gyms", "my membership", "classes|visits"),
        _ind("online pharmacy", "Pharmacy|Health", "my prescriptions|my repeat order", "packs|items"),
        _ind("building society", "Building Society", "my mortgage account|my savings", "accounts"),
    ),
    "insurance_claim": (
        _ind("home insurance", "Home Insurance|Mutual", "my home policy|the house", "rooms", "boiler"),
        _ind("motor insurance", "Motor Insurance|Car Cover", "my car|the car policy", "vehicles"),
        _ind("pet insurance", "Pet Insurance|Pet Cover", "my dog's policy|the cat's cover", "visits"),
        _ind("travel insurance", "Travel Insurance|Cover", "my travel policy|our holiday cover", "travellers",
          "camera|tablet"),
        _ind("contents insurance", "Insurance|Contents Cover", "my contents policy", "items", "camera|tablet|bike"),
    ),
    "utilities": (
        _ind("electricity supplier", "Energy|Power", "the electricity", "bedrooms"),
        _ind("water utility", "Water", "the water account", "people in the house"),
        _ind("gas and electricity supplier", "Energy|Gas & Power", "the gas and electric", "bedrooms", "boiler"),
        _ind("solar installer", "Solar|Renewables", "the solar panels", "panels", "heater"),
    ),
    "clinic": (
        _ind("family doctor's practice", "Medical Centre|Health Centre", "an appointment", "appointments"),
        _ind("dermatology clinic", "Skin Clinic|Dermatology", "a skin check", "appointments"),
        _ind("eye clinic", "Eyecare|Opticians", "an eye test", "pairs of glasses"),
        _ind("orthodontist", "Orthodontics|Dental", "a brace check|a consultation", "appointments"),
        _ind("hearing clinic", "Hearing|Audiology", "a hearing test", "appointments"),
    ),
    "travel": (
        _ind("airline", "Air|Airways", "flights|a return flight", "passengers|bags", "tablet"),
        _ind("rail operator", "Rail|Railways", "train tickets|a sleeper cabin", "passengers|seats"),
        _ind("tour operator", "Tours|Holidays", "the walking tour|the package holiday", "travellers|rooms", "tent"),
        _ind("ferry company", "Ferries|Sea Link", "a crossing|a cabin on the ferry", "passengers|cabins"),
        _ind("travel agency", "Travel|Journeys", "the trip|our honeymoon", "travellers|nights"),
    ),
    "subscription": (
        _ind("streaming service", "Stream|Play", "my subscription|my plan", "screens|profiles", "plan"),
        _ind("meal-kit delivery", "Kitchen|Meals", "my meal box|the weekly box", "boxes|meals"),
        _ind("magazine publisher", "Press|Magazines", "my magazine subscription", "issues"),
        _ind("wine club", "Cellar|Wine Club", "my wine club membership|the monthly case", "bottles|cases"),
        _ind("cloud storage", "Cloud|Drive", "my storage plan", "users|devices", "plan"),
    ),
    "b2b_close": (
        _ind("payroll software", "Payroll|People", "the payroll rollout", "employees|user licences", "plan"),
        _ind("CRM platform", "CRM|Sales Cloud", "the CRM contract", "seats|user licences", "plan"),
        _ind("office furniture supplier", "Office|Workplace", "the office fit-out", "desks|chairs", "desk"),
        _ind("cybersecurity services", "Secure|Cyber", "the security contract", "endpoints|sites", "plan"),
        _ind("fleet telematics", "Fleet|Telematics", "the tracker rollout", "vehicles|vans", "tracker"),
        _ind("commercial cleaning", "Facilities|Cleaning", "the cleaning contract", "sites|visits a week"),
    ),
    "collections": (
        _ind("debt recovery agency", "Recoveries|Collections", "the overdue account", "instalments"),
        _ind("consumer lender", "Finance|Lending", "the personal loan", "instalments"),
        _ind("telecom collections", "Mobile|Telecom", "the unpaid phone bill", "instalments"),
        _ind("car finance", "Motor Finance|Auto Finance", "the car finance agreement", "instalments"),
    ),
    "refund": (
        _ind("electronics retailer", "Electronics|Tech", "a return", "items", "router|tablet|camera|headset|phone"),
        _ind("online fashion store", "Apparel|Fashion", "a return", "items|pairs of shoes"),
        _ind("ticketing platform", "Tickets|Events", "cancelled tickets", "tickets"),
        _ind("home appliance maker", "Appliances|Home", "a faulty appliance", "items", "dishwasher|heater"),
    ),
    "onboarding": (
        _ind("digital bank", "Bank|Money", "a current account|a joint account", "accounts"),
        _ind("brokerage", "Invest|Capital", "an investment account|a trading account", "accounts"),
        _ind("currency exchange", "FX|Exchange", "a currency account|a business account", "transfers"),
        _ind("credit card issuer", "Card|Credit", "a credit card|a card account", "cards"),
    ),
    "delivery": (
        _ind("courier", "Couriers|Express", "a parcel", "parcels|boxes"),
        _ind("grocery delivery", "Grocer|Fresh", "my shopping order", "bags|items"),
        _ind("parcel locker service", "Lockers|Drop", "a parcel", "parcels"),
        _ind("flat-pack furniture retailer", "Living|Home", "my furniture order", "boxes|flat packs", "desk|sofa"),
    ),
}
COMPANY_A = ("North", "Blue", "Silver", "Oak", "Harbor", "Summit", "Clear", "Bright", "Elm", "Copper", "Granite",
             "Lark", "Beacon", "Tandem", "Cinder", "Meadow", "Atlas", "Kite", "Pebble", "Juniper", "Quay", "Vale",
             "Riverside", "Keystone", "Fernhill", "Orchid")


class Ctx:
    """What a call knows: its generator, country, people, company and industry."""

    def __init__(self, call: Call, country: str, scenario: str, ind: Industry, company: str):
        self.call = call
        self.country = country
        self.scenario = scenario
        self.ind = ind
        self.company = company
        self.cust = draw_person(call, country)
        self.rep = draw_person(call, country)
        while self.rep.first == self.cust.first or self.rep.last == self.cust.last:
            self.rep = draw_person(call, country)
        self.cust_named = False
        self.outbound = False
        self.dob = draw_dob(call)
        self.thing = call.pick(ind.thing)

    def cust_name(self, form: str | None = None) -> Seg:
        form = form or self.call.pick(("full", "full", "full", "first_last"))
        if form == "first_last":
            form = "full"
        return name(self.call, self.cust, form)

    def rep_name(self, form: str | None = None) -> Seg:
        form = form or self.call.pick(("full", "full", "first"))
        return name(self.call, self.rep, form, rep=True)

    def addr_ref(self) -> Seg:
        """How the rep addresses the customer once known."""
        c = self.call
        return name(c, self.cust, c.pick(("title", "title", "first")))

    def room(self, n: int = 12) -> bool:
        return len(self.call.turns) < n

    @property
    def us(self) -> bool:
        return self.country == "US"


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def b_open(x: Ctx, outbound_topic: str | None = None) -> None:
    c = x.call
    dept = c.pick(("billing", "accounts", "customer care", "support", "payments", "customer service"))
    if outbound_topic:
        x.outbound = True
        x.cust_named = True
        c.rep(("Hi, is that {cust}? It's {rep} from {co}, I'm calling about {topic}.",
               "Hello, I'm trying to reach {cust}. This is {rep} calling from {co} about {topic}.",
               "Good afternoon, could I speak to {cust}, please? My name's {rep}, from {co}. It's regarding {topic}.",
               "Hi there, {rep} here from the {dept} team at {co}. Am I speaking with {cust}? It's about {topic}."),
              cust=x.cust_name(c.pick(("full", "full", "title_full"))), rep=x.rep_name(), co=x.company, dept=dept,
              topic=outbound_topic)
        c.cust(("Yes, speaking.", "That's me, yeah. Go on.", "Yes, hi {rep}. I was expecting your call.",
                "Speaking. Okay, what do you need?", "Oh, hello. Yes, this is {first}."),
               rep=name(c, x.rep, "first", rep=True), first=name(c, x.cust, "first"))
        return
    c.rep(("Good morning, you're through to {co}, my name is {rep}. How can I help?",
           "{co}, {rep} speaking, how can I help you today?",
           "Thanks for holding, this is {rep} with {co}. What can I do for you?",
           "Hi, you've got {rep} at {co}. What's the call about today?",
           "Afternoon, {co} {dept}, {rep} here.",
           "Hello and thanks for calling {co}. I'm {rep}; who do I have the pleasure of speaking with?",
           "Hey there, {rep} on the {dept} line at {co}, go ahead.",
           "{co} {dept}, good morning. I'm {rep}, and you are?",
           "Welcome to {co}. You're speaking with {rep} today, what can I sort out for you?"),
          co=x.company, rep=x.rep_name(), dept=dept)


def b_reason(x: Ctx, reasons: tuple[str, ...]) -> None:
    """The customer says why they called (and, often, who they are)."""
    c = x.call
    if x.outbound:
        return
    reason = c.pick(reasons).format(thing=x.thing)
    if c.r() < 0.55:
        x.cust_named = True
        c.cust(("Hi {rep}, my name's {cust}, {reason}.", "Hello, it's {cust} here. {Reason}.",
                "Hi, yes, this is {cust}, {reason}.", "Morning {rep}. {cust} speaking; {reason}.",
                "Hiya, I'm {cust}, and {reason}.", "Hi, {cust}. {Reason}."),
               rep=name(c, x.rep, "first", rep=True), cust=x.cust_name(), reason=reason, Reason=cap(reason))
    else:
        c.cust(("Hi, {reason}.", "Hello, yes, {reason}.", "Hi there. {Reason}.", "Oh, hi. {Reason}."),
               reason=reason, Reason=cap(reason))


def b_name(x: Ctx, spell: float = 0.3) -> None:
    c = x.call
    if x.cust_named:
        return
    c.rep(("Can I take your full name, please?", "Sure. Who am I speaking with?",
           "No problem. What name is the account under?", "Of course. And your name, please?",
           "Could I start with your first name and surname?", "Happy to help. Can I get your name?",
           "I can look into that. Who's calling, please?"))
    sp = spelled(c, x.cust) if c.r() < spell else None
    if sp is not None:
        c.cust(("It's {cust}, and the surname's spelled {sp}.", "{cust}. That's {sp} for the last name.",
                "{first}, surname {last}, {sp}.", "{cust}. Last name {sp}."),
               cust=x.cust_name("full"), sp=sp, first=name(c, x.cust, "first"), last=name(c, x.cust, "last"))
    else:
        c.cust(("{cust}.", "It's {cust}.", "Yeah, it's {cust}.", "{title}. {first} {last}.", "{cust}, hi.",
                "First name {first}, last name {last}."),
               cust=x.cust_name(), title=name(c, x.cust, "title"), first=name(c, x.cust, "first"),
               last=name(c, x.cust, "last"))
    x.cust_named = True
    if c.r() < 0.35:
        c.rep(("Thank you, {ref}.", "Lovely, thanks {ref}.", "Great, thanks, {ref}. Bear with me."), ref=x.addr_ref())


FAMILY = (("wife", True), ("husband", False), ("daughter", True), ("son", False), ("mum", True), ("dad", False),
          ("mother", True), ("father", False))
OTHERS = (("partner", None), ("business partner", None), ("colleague", None), ("flatmate", None),
          ("neighbour", None), ("carer", None), ("sister", True), ("brother", False))


def third_person(x: Ctx, rels: tuple = FAMILY + OTHERS) -> tuple[Person, str]:
    c = x.call
    rel, female = c.pick(rels)
    tp = draw_person(c, x.country, female=female)
    while tp.first == x.cust.first or tp.first == x.rep.first:
        tp = draw_person(c, x.country, female=female)
    if (rel, female) in FAMILY and c.r() < 0.65:
        tp.last = x.cust.last
    if x.country == "UK" and rel == "neighbour":
        rel = "neighbour"
    elif x.us and rel == "neighbour":
        rel = "neighbor"
    if x.us and rel == "mum":
        rel = "mom"
    return tp, rel


def b_third_party(x: Ctx, templates: tuple[str, ...] | None = None, rels: tuple = FAMILY + OTHERS,
                  ack: float = 0.5) -> Person:
    c = x.call
    tp, rel = third_person(x, rels)
    tps = name(c, tp, c.pick(("full", "full", "first")))
    he = "she" if tp.female else "he"
    tmpl = templates or ("Could you add my {rel}, {tp}, to the account as well?",
                         "My {rel}, {tp}, might ring about this too, is that all right?",
                         "Please put {tp} down as a second contact, that's my {rel}.",
                         "Can my {rel} {tp} speak for me on the account if I'm not around?")
    c.cust(tmpl, rel=rel, tp=tps, he=he, He=cap(he))
    if c.r() < ack:
        c.rep(("No problem, I've added {tp2}.", "Okay, I've got {tp2} down.", "Sure, {tp2} is noted on there.",
               "Right, {tp2}. Got it."), tp2=name(c, tp, c.pick(("first", "full"))))
    else:
        c.rep(("Okay, noted.", "That's fine, I've made a note of that.", "Sure, no problem."))
    return tp


def b_dob(x: Ctx, whose: Person | None = None, year_after: float = 0.2) -> None:
    c = x.call
    if whose is None:
        c.rep(("For security, can you confirm your date of birth?", "And your date of birth, please?",
               "I just need a date of birth to bring the account up.",
               "Could you give me the date of birth on the account?",
               "Before I go on, what's your date of birth?", "And can you verify the date of birth for me?",
               "Can you confirm your DOB for me?"))
    else:
        c.rep(("And what's {tp}'s date of birth?", "Could I have the date of birth for {tp}?",
               "When was {tp} born?"), tp=name(c, whose, "first"))
    dob_v = x.dob if whose is None else draw_dob(c)
    w, a = say_dob(c, dob_v, x.country)
    dob = E("dob", w, a)
    r = c.r()
    if r < year_after and whose is None:
        c.cust(("{dob}, and I've been with you since {yr}.", "It's {dob}. I opened the account back in {yr}.",
                "{dob}. I've had the account since {yr}, if that helps."),
               dob=dob, yr=year(c, max(dob_v[0] + 18, 1995), 2024))
    elif r < year_after + 0.1 and whose is None:
        other = E("dob", *say_dob(c, draw_dob(c), x.country))
        c.cust(("Oh, {wrong}... no, sorry, that's my husband's. Mine is {dob}.",
                "{wrong}. Hang on, no, that's my sister's. It's {dob}."), wrong=other, dob=dob)
    else:
        c.cust(("{dob}.", "It's {dob}.", "Sure, {uh}{dob}.", "Yep, {dob}.", "That'd be {dob}.",
                "{He} was born {dob}." if whose else "Born {dob}."),
               dob=dob, He=cap("she" if whose and whose.female else "he"))
    if c.r() < 0.4:
        c.rep(("Thank you, that's all matched.", "Perfect, you're verified.", "Thanks, that matches what I have.")
              if whose is None else ("Thank you.", "Lovely, thanks.", "Got it."))


ADDRESS_ASKS = {
    "new": ("What's the new address?", "And where are you moving to?", "Sure, what address should I put on?",
            "Okay, what's the address you're moving into?"),
    "verify": ("What's the address on the account?", "Can I take your address, please?",
               "Could you confirm your home address for me?", "And what address do we have for you?"),
    "delivery": ("Where would you like it delivered instead?", "What's the new delivery address?",
                 "Okay, where should it go?"),
    "service": ("What's the address of the property?", "What's the supply address?",
                "Which address is this for?"),
}


def b_address(x: Ctx, ask: str = "verify", readback: float = 0.3) -> None:
    c = x.call
    ad = draw_address(c, x.country)
    street = E("address", *ad.street)
    pc = E("address", *ad.postcode)
    city = IG(ad.city, strip_accents(ad.city))
    c.rep(ADDRESS_ASKS[ask])
    if x.us:
        state = IG(ad.region)
        r = c.r()
        if r < 0.4:
            c.cust(("{street}, {city}, {state} {zip}.", "It's {street}, {city}, {state}, {zip}.",
                    "{uh}{street} in {city}, {state}. Zip is {zip}."),
                   street=street, city=city, state=state, zip=pc)
        elif r < 0.7:
            c.cust(("{street}, in {city}.", "It's {street}, that's in {city}, {state}."), street=street, city=city,
                   state=state)
            c.rep(("And the zip code?", "Zip?", "Great, and the zip?"))
            c.cust(("{zip}.", "It's {zip}.", "{uh}{zip}."), zip=pc)
        else:
            c.cust(("We're at {street}. Zip code {zip}.", "{street}, zip {zip}."), street=street, zip=pc)
    else:
        word = {"UK": "postcode", "IE": "Eircode"}.get(x.country, "postal code")
        r = c.r()
        if r < 0.45:
            c.cust(("{street}, {city}, {pc}.", "It's {street}, {city}. The {word} is {pc}.",
                    "{street} in {city}, {word} {pc}."), street=street, city=city, pc=pc, word=word)
        elif r < 0.75:
            c.cust(("{street}, {city}.", "{uh}{street}, in {city}."), street=street, city=city)
            c.rep(("And the {word}?", "Lovely, and the {word}, please?", "Can I take the {word} as well?"), word=word)
            c.cust(("{pc}.", "It's {pc}.", "{uh}{pc}."), pc=pc)
        else:
            c.cust(("The {word} is {pc}, and it's {street}.", "{word_c} {pc}. The street is {street}."),
                   pc=pc, street=street, word=word, word_c=cap(word))
    if c.r() < readback:
        c.rep(("Let me read that back: {street}, {pc}.", "So that's {street}, {pc}, correct?"),
              street=E("address", *ad.street), pc=E("address", *ad.postcode))
        c.cust(("Yes, that's it.", "Correct.", "Yep."))


def b_email(x: Ctx, who: Person | None = None) -> None:
    c = x.call
    p = who or x.cust
    work = x.scenario == "b2b_close" and c.r() < 0.75
    dom = None
    if work:
        tld = c.pick((".com", ".io")) if x.us else c.pick((".co.uk", ".com")) if x.country == "UK" else c.pick(
            (".com", ".eu", "." + ("ie" if x.country == "IE" else x.country.lower())))
        dom = re.sub(r"[^a-z]", "", c.pick(("harwell", "stonebridge", "alder", "bramley", "quill", "norland",
                                            "tessera", "ridgeway"))) + c.pick(("foods", "logistics", "group", "labs",
                                                                              "partners", "")) + tld
    w, a = draw_email(c, p, dom)
    em = E("email", w, a)
    if who is not None:
        c.rep(("And an email for {tp}?", "Have you got an email address for {tp}?"), tp=name(c, who, "first"))
        c.cust(("Yes, it's {em}.", "{em}.", "Hang on, {uh}it's {em}."), em=em)
    else:
        c.rep(("What's the best email for you?", "Can I get an email address for the receipt?",
               "Which email should the confirmation go to?", "And an email address, please?",
               "Is there an email I can send the paperwork to?", "What email would you like on the account?"))
        if work:
            c.cust(("Use my work address, {em}.", "{em}, that's my work email.", "It's {em}."), em=em)
        else:
            c.cust(("It's {em}.", "{em}.", "Yeah, {uh}{em}.", "Use {em}, please.", "{em}, all lower case.",
                    "My personal one is {em}."), em=em)
    if c.r() < 0.3:
        c.rep(("Just to check, that's {em}?", "I've put {em}, is that right?"), em=E("email", w, a))
        c.cust(("That's right.", "Yes.", "Perfect."))


def b_phone(x: Ctx, pieces: float = 0.25, ext: bool = False) -> None:
    c = x.call
    ph = draw_phone(c, x.country)
    c.rep(("And a contact number?", "What's a good number to reach you on?", "Is there a mobile we can text?",
           "Best number for a callback?", "Can I get a phone number in case we get cut off?",
           "And what's the number you'd like on file?"))
    r = c.r()
    intl = not x.us and c.r() < 0.2
    if ext and r < 0.5:
        e = str(c.rng.randint(10, 4999))
        w, a = say_phone(c, ph, intl=intl)
        ew = c.pick((f", extension {e}", f", extension {' '.join(ONES[int(d)] for d in e)}", f" ext. {e}"))
        c.cust(("The office line is {p}.", "Call the desk, {p}.", "{p}, that goes straight to me."),
               p=E("phone", w + ew, a + c.pick((f" extension {e}", f" ext {e}", f", extension {e}"))))
    elif r < pieces:
        g = ph["groups"]
        cut = max(1, len(g) // 2)
        first = say_phone(c, ph, groups=g[:cut], style=c.pick(("digits", "words")))
        rest = say_phone(c, ph, groups=g[cut:], style=c.pick(("digits", "words")))
        c.cust(("It's {p}...", "{p}", "So it's {p}", "{uh}{p}"), p=E("phone", *first))
        c.say("rep", c.pick(BACKCHANNEL), filler=0)
        c.say("customer", c.pick(("{p}.", "Then {p}.", "And {p}.")), filler=0, p=E("phone", *rest))
    elif r < pieces + 0.15:
        # a correction of the last group, mid-number
        g = list(ph["groups"])
        wrong = list(g)
        last = g[-1]
        swapped = (last[:-2] + last[-1] + last[-2] if last[-1] != last[-2]
                   else last[:-1] + str((int(last[-1]) + 3) % 10))
        wrong[-1] = swapped
        first = say_phone(c, ph, groups=wrong, style=c.pick(("digits", "words")))
        fix = say_phone(c, ph, groups=[last], style=c.pick(("digits", "words")))
        c.cust(("It's {p}, no, sorry, the end is {fix}.", "{p}. Wait, no, last bit is {fix}.",
                "{p}, sorry, I mean {fix} at the end."),
               p=E("phone", *first), fix=E("phone", *fix))
    elif r < pieces + 0.25:
        # the rep reads it back wrong and is put right
        g = list(ph["groups"])
        last = g[-1]
        wrong = last[:-1] + str((int(last[-1]) + 1) % 10)
        c.cust(("{p}.", "It's {p}."), p=E("phone", *say_phone(c, ph, intl=intl)))
        c.rep(("Sorry, was the end {wrong}?", "So ending {wrong}?"),
              wrong=E("phone", *say_phone(c, ph, groups=[wrong], style="digits")))
        c.cust(("No, {fix}.", "{fix}, sorry, I'm talking too fast."),
               fix=E("phone", *say_phone(c, ph, groups=[last], style=c.pick(("digits", "words")))))
    elif r < pieces + 0.35:
        ph2 = draw_phone(c, x.country)
        c.cust(("Mobile's {p1}, or the landline, {p2}.", "Either {p1} or my work number, {p2}."),
               p1=E("phone", *say_phone(c, ph, intl=intl)), p2=E("phone", *say_phone(c, ph2)))
    else:
        c.cust(("{p}.", "It's {p}.", "My mobile is {p}.", "Yeah, {uh}{p}.", "You can get me on {p}."),
               p=E("phone", *say_phone(c, ph, intl=intl)))
    if c.r() < 0.25:
        c.rep(("Thanks, I've updated that.", "Great, got it.", "Okay, that's on the account now."))


def b_id(x: Ctx, kind: str | None = None, who: Person | None = None) -> None:
    c = x.call
    ctry = x.country
    if kind is None:
        kind = (c.pick(("ssn", "ssn", "passport", "licence")) if ctry == "US" else
                c.pick(("ni", "ni", "passport", "licence")) if ctry == "UK" else c.pick(("national", "national",
                                                                                         "passport")))
    asks = {
        "ssn": ("To run the check I'll need your Social Security number.", "Can I get your SSN, please?",
                "And your social, please?", "What's your Social Security number?"),
        "passport": ("Could you read me the passport number from the photo page?",
                     "What's the passport number, please?", "And the number on your passport?"),
        "licence": ("Could you read me your driver's license number?", "And your license number, please?")
        if ctry == "US" else ("And the number on your driving licence, please?",
                              "Can you read me your driving licence number? It's the long one, field five."),
        "ni": ("Can I have your National Insurance number?", "What's your NI number, please?"),
    }
    national = {
        "DE": ("Could you read me your ID card number, the Ausweisnummer?", "And the number on your ID card?"),
        "AT": ("What's your social insurance number, the Sozialversicherungsnummer?",
               "Could I have your social security number, please?"),
        "FR": ("And your social security number, the numéro de sécu?", "Can I take your social security number?"),
        "NL": ("Could I take your BSN, your citizen service number?", "And your BSN, please?"),
        "ES": ("And your DNI number, with the letter?", "Can you give me your DNI?", "What's your NIE number?"),
        "IT": ("And your codice fiscale, please?", "I'll need your tax code, the codice fiscale."),
        "IE": ("What's your PPS number?", "Could you give me your PPS number, please?"),
        "BE": ("Your national register number, please? It's on the back of your ID card.",
               "Could you give me your national number?"),
        "PT": ("And your NIF, your tax number?", "Can I take your número de contribuinte?"),
    }
    p = who or x.cust
    dob = x.dob if who is None else draw_dob(c)
    if kind == "national":
        ask = c.pick(national[ctry])
        v = {"DE": lambda: de_ausweis(c), "AT": lambda: at_svnr(c, dob), "FR": lambda: fr_nir(c, dob, p.female),
             "NL": lambda: bsn(c), "ES": lambda: dni(c, nie="NIE" in ask), "IT": lambda: it_codice(c, p, dob),
             "IE": lambda: pps(c), "BE": lambda: be_register(c, dob, p.female), "PT": lambda: nif_pt(c)}[ctry]()
    elif kind == "ssn":
        ask, v = c.pick(asks["ssn"]), ssn(c)
    elif kind == "ni":
        ask, v = c.pick(asks["ni"]), ni_number(c)
    elif kind == "passport":
        ask, v = c.pick(asks["passport"]), passport(c, ctry)
    else:
        ask = c.pick(asks["licence"])
        v = us_licence(c)[1] if ctry == "US" else uk_licence(c, p, dob)
    if who is not None:
        ask = c.pick(("And {tp}'s passport number?", "Now the passport number for {tp}, please."))
    c.rep(ask, tp=name(c, who, "first") if who else "")
    w, a = say_id(c, v)
    c.cust(("It's {v}.", "{v}.", "Okay, got it here... {v}.", "Sure, {uh}{v}.", "Hang on. Right, it's {v}."),
           v=E("id", w, a))
    if c.r() < 0.3:
        c.rep(("Thank you, that's verified.", "Lovely, that's gone through.", "Thanks, I've got that."))


def say_id(c: Call, v: str) -> tuple[str, str]:
    """An id said as it is printed, or character by character (letters now and then "as in ...")."""
    compact = v.replace(" ", "").replace("-", "").replace(".", "").replace("/", "")
    r = c.r()
    if r < 0.45:
        w = v
    else:
        groups = []
        for part in re.split(r"[ \-./]+", v):
            for chunk in re.findall(r"[A-Z]+|\d+", part):
                if chunk.isdigit() and len(chunk) > 4:
                    size = 3 if len(chunk) % 3 == 0 else 4
                    groups += [chunk[i:i + size] for i in range(0, len(chunk), size)]
                else:
                    groups.append(chunk)
        parts = []
        for g in groups:
            if g.isalpha():
                letters = []
                for ch in g:
                    if c.r() < 0.2 and ch in NATO:
                        letters.append(f"{ch} as in {c.pick((NATO, PLAIN_AS)).get(ch, NATO[ch])}")
                    else:
                        letters.append(ch)
                parts.append(" ".join(letters))
            else:
                parts.append(speak([g], c.rng, w=c.pick(("words", "words", "pairs")), a="grouped")[0])
        w = ", ".join(parts)
    a = c.pick((v, compact, " ".join(re.findall(r"[A-Z]+|\d+", v)), v))
    if c.r() < 0.15:
        a = " ".join(compact)
    return w, a


def b_card(x: Ctx, amount: Seg | None = None) -> None:
    c = x.call
    brand, number = draw_card(c)
    groups = card_groups(number)
    amex = brand == "Amex"
    c.rep(("What card would you like to use?", "Whenever you're ready, the long number on the card.",
           "Go ahead with the card number when you have it.", "I can take that now. What's the card number?",
           "Okay, I'll need the sixteen digits across the front." if len(number) == 16 else
           "Okay, I'll need the number across the front of the card.",
           "Which card are we using today? Read me the number whenever you're set."))
    wst = c.pick(("digits", "words", "words", "pairs"))
    ast = c.pick(("grouped", "grouped", "run", "spaced", "words"))
    if c.r() < 0.4:
        # read in 2 to 4 pieces while the rep acknowledges
        n = c.pick((2, 2, 3, 4)) if len(groups) == 4 else c.pick((2, 3))
        cuts = sorted(c.rng.sample(range(1, len(groups)), min(n - 1, len(groups) - 1)))
        chunks = [groups[i:j] for i, j in zip([0] + cuts, cuts + [len(groups)])]
        for k, chunk in enumerate(chunks):
            w, a = speak(chunk, c.rng, w=wst, a=ast if ast != "run" else "grouped")
            v = E("card", w, a)
            if k == 0:
                c.cust(("Okay, it's a {brand}, {v}...", "{v}", "Right, it starts {v}", "It's {v}", "{uh}{v}"), v=v,
                       brand=brand)
            elif k == len(chunks) - 1:
                c.say("customer", c.pick(("{v}.", "And {v}.", "Then {v}, that's it.", "Last bit, {v}.")), filler=0,
                      v=v)
            else:
                c.say("customer", c.pick(("{v}", "{v}...", "Then {v}")), filler=0, v=v)
            if k < len(chunks) - 1:
                c.say("rep", c.pick(BACKCHANNEL), filler=0)
    else:
        w, a = speak(groups, c.rng, w=wst, a=ast)
        c.cust(("It's a {brand}: {v}.", "{v}.", "Sure, {uh}{v}.", "Okay, {v}.", "The number is {v}.",
                "Got it here, {v}."), v=E("card", w, a), brand=brand)
    # expiry and security code
    m, y = c.rng.randint(1, 12), c.rng.randint(2027, 2032)
    exp = E("expiry", *say_expiry(c, m, y))
    cv = rnd_digits(c, 4 if amex else 3)
    cvw, cva = speak([cv], c.rng, w=c.pick(("digits", "words", "words", "pairs")),
                     a=c.pick(("grouped", "grouped", "spaced", "words")), runs=0.3)
    cvv = E("cvv", cvw, cva)
    ask_cvv = (("And as it's an Amex, the four-digit code printed on the front?",
                "Then the four little digits above the number on the front, please.") if amex else
               ("And the three-digit code on the reverse?", "What's the CVV?", "Now the security number on the back.",
                "Last thing, the code on the back of the card?", "And the CVC, please?",
                "The three digits next to the signature panel?"))
    r = c.r()
    if r < 0.35:
        c.rep(("And the expiry and the security code?", "Then the expiry date and the code on the back, please."
               if not amex else "Then the expiry and the four-digit code on the front, please.",
               "Great. Expiry, and then the security code?"))
        c.cust(("{exp}, and the code is {cvv}.", "Expires {exp}. Code {cvv}.", "{exp}, {cvv}.",
                "It runs out {exp}, and the code's {cvv}."), exp=exp, cvv=cvv)
    else:
        c.rep(("What's the expiry date?", "When does it expire?", "And the valid-until date?",
               "Month and year it runs out?", "What's the end date on it?"))
        c.cust(("{exp}.", "{uh}{exp}.", "It expires {exp}.", "Valid until {exp}.", "Says {exp} on the front."), exp=exp)
        c.rep(ask_cvv)
        c.cust(("{cvv}.", "It's {cvv}.", "{uh}{cvv}.", "Okay, {cvv}."), cvv=cvv)
    last4w = number[-4:]
    l4 = K("last4", last4w if c.r() < 0.8 else " ".join(ONES[int(d)] for d in last4w), last4w)
    amt = amount or price(c, x.country, 20, 3000)
    c.rep(("Okay, I'm putting {amt} on the {brand} ending {l4}.", "So that's {amt} on the card ending in {l4}, yes?",
           "Thanks. That's {amt} gone through on the card ending {l4}.",
           "Right, {amt} authorised on the {brand} ending in {l4}.",
           "Done, {amt} taken from the card ending {l4}."),
          amt=amt, l4=l4, brand=brand)


def b_bank(x: Ctx, purpose: str = "payments") -> None:
    c = x.call
    if x.us:
        rt = draw_routing(c)
        acct = rnd_digits(c, c.pick((8, 9, 10, 10, 12)), first_nonzero=True)
        rtv = E("routing", *speak([rt[:3], rt[3:6], rt[6:]] if c.r() < 0.5 else [rt], c.rng,
                                  wstyles=("digits", "words", "words"), astyles=("grouped", "run", "run", "spaced")))
        ag = [acct[i:i + 4] for i in range(0, len(acct), 4)] if c.r() < 0.5 else [acct]
        acv = E("account", *speak(ag, c.rng, wstyles=("digits", "words", "words", "pairs"),
                                  astyles=("grouped", "run", "spaced")))
        c.rep((f"For the {purpose} by ACH I'll need your routing number and account number.",
               "Can you read me the routing number off the bottom of a check?",
               "What's the nine-digit routing number for your bank?",
               "Okay, to set that up I need the bank's routing number first."))
        if c.r() < 0.3:
            c.cust(("Routing is {rt} and the account is {ac}.", "Sure. {rt} is the routing, and then {ac}."),
                   rt=rtv, ac=acv)
        else:
            c.cust(("It's {rt}.", "{rt}.", "Routing number is {rt}.", "Okay, {uh}{rt}."), rt=rtv)
            c.rep(("And the account number?", "Great, then the account number.", "Thanks. Now the account number?"))
            c.cust(("{ac}.", "It's {ac}.", "{uh}{ac}.", "Checking account, {ac}."), ac=acv)
        return
    if x.country == "UK" and c.r() < 0.88:
        sc = [rnd_digits(c, 2, first_nonzero=True) for _ in range(3)]
        acct = rnd_digits(c, 8)
        st = c.pick(("dash", "pairs", "words"))
        if st == "dash":
            scw = "-".join(sc)
            sca = c.pick((scw, " ".join(sc), "".join(sc)))
        else:
            scw, sca = speak(sc, c.rng, w="pairs" if st == "pairs" else "words", a=c.pick(("grouped", "run", "words")))
            if c.r() < 0.4 and not sca.isdigit():
                sca = "-".join(sc)
        scv = E("routing", scw, sca)
        acv = E("account", *speak([acct[:4], acct[4:]] if c.r() < 0.6 else [acct], c.rng,
                                  astyles=("grouped", "run", "spaced")))
        c.rep((f"For the {purpose} I'll need your sort code and account number.", "What's the sort code?",
               "Can I take the sort code and account number?", "Okay, bank details. Sort code first?"))
        if c.r() < 0.35:
            c.cust(("Sort code {sc}, account {ac}.", "It's {sc}, and the account number is {ac}."), sc=scv, ac=acv)
        else:
            c.cust(("{sc}.", "It's {sc}.", "Sort code is {sc}.", "{uh}{sc}."), sc=scv)
            c.rep(("And the account number?", "Lovely, and the eight-digit account number?", "Thanks. Account number?"))
            c.cust(("{ac}.", "It's {ac}.", "{uh}{ac}."), ac=acv)
        return
    b_iban(x)


def b_iban(x: Ctx) -> None:
    c = x.call
    iban = draw_iban(c, x.country)
    groups = [iban[i:i + 4] for i in range(0, len(iban), 4)]
    c.rep(("Could you give me your IBAN?", "For the SEPA mandate I'll need your IBAN." if x.country != "UK" else
           "I'll need the IBAN for that, please.",
           "Where should the money go? I'll need the IBAN.", "Can you read me the IBAN from your bank app?",
           "Okay, and the IBAN for the account?"))

    def say_groups(gs: list[str]) -> tuple[str, str]:
        style = c.pick(("typed", "typed", "spoken"))
        if style == "typed":
            w = " ".join(gs)
            forms = [w, "".join(gs), w]
            if gs[0][:2].isalpha():
                forms.append(gs[0][:2] + " " + " ".join(gs)[2:])
            a = c.pick(forms)
            return w, a
        parts_w, parts_a = [], []
        for g in gs:
            ws, as_ = [], []
            for chunk in re.findall(r"[A-Z]+|\d+", g):
                if chunk.isalpha():
                    ws.append(" ".join(chunk))
                    as_.append(chunk if c.r() < 0.6 else " ".join(chunk))
                else:
                    sw, sa = speak([chunk], c.rng, w=c.pick(("words", "words", "pairs")), a="grouped", runs=0.4)
                    ws.append(sw)
                    as_.append(sa)
            parts_w.append(" ".join(ws))
            parts_a.append(" ".join(as_))
        return ", ".join(parts_w), c.pick((" ".join(parts_a), ", ".join(parts_a)))

    if c.r() < 0.45:
        cut = c.rng.randint(2, len(groups) - 2)
        w1, a1 = say_groups(groups[:cut])
        w2, a2 = say_groups(groups[cut:])
        c.cust(("It starts {v}", "Okay, {v}", "{v}...", "{uh}{v}"), v=E("iban", w1, a1))
        c.say("rep", c.pick(BACKCHANNEL), filler=0)
        c.say("customer", c.pick(("{v}.", "Then {v}.", "And the rest is {v}.")), filler=0, v=E("iban", w2, a2))
    else:
        w, a = say_groups(groups)
        c.cust(("It's {v}.", "{v}.", "Sure, {uh}{v}.", "Here it is: {v}.", "Okay, {v}."), v=E("iban", w, a))
    if c.r() < 0.3:
        c.rep(("And is that account in your own name?", "Is the account holder yourself?"))
        if c.r() < 0.5:
            c.cust(("Yes, just me.", "Yes, it's mine."))
        else:
            tp, rel = third_person(x, (("partner", None), ("wife", True), ("husband", False)))
            c.cust(("It's a joint account with my {rel}, {tp}.", "No, it's my {rel}'s, {tp}."), rel=rel,
                   tp=name(c, tp, "full"))


# -- beats that carry hard negatives -----------------------------------------------------------


def b_schedule(x: Ctx, what: str, n: Seg | None = None, stay: bool = False) -> None:
    c = x.call
    d1, t1, d2, t2 = (K("date", *meeting_date(c)), K("time", *clock_time(c)), K("date", *meeting_date(c)),
                      K("time", *clock_time(c)))
    if stay:
        c.rep(("I can do it from {d1}; pick-up or check-in is from {t1}.", ("We have space starting {d1}, "
               "and you can arrive any time after {t1}."), "{d1} is free. Arrival's from {t1}, is that okay?"),
              d1=d1, t1=t1)
    else:
        c.rep(("I've got {d1} at {t1}, or {d2} at {t2}. Which suits?",
               f"The earliest {what} I can offer is {{d1}} at {{t1}}.",
               f"We could do the {what} {{d1}}, first slot is {{t1}}.",
               "How about {d1}, around {t1}?", f"For the {what}, {{d1}} at {{t1}} is free."),
              d1=d1, t1=t1, d2=d2, t2=t2)
    if n is not None:
        c.cust(("{d1} at {t1} works, and it'll be {n}.", "Perfect. It's for {n}.", "{t1} is fine, for {n}."),
               d1=K("date", d1.w, d1.a), t1=K("time", t1.w, t1.a), n=n)
    else:
        c.cust(("{d1} at {t1} works.", "{t1} is fine.", "Could we do a bit later, like {t2}?", "Perfect, {d1} then.",
                "Hmm, {d1} is tricky. Anything on {d2}?"),
               d1=K("date", d1.w, d1.a), t1=K("time", t1.w, t1.a), t2=K("time", *clock_time(c)),
               d2=K("date", *meeting_date(c)))


def b_quote(x: Ctx, hi_q: int = 12, per_unit: tuple[int, int] = (8, 60)) -> Seg:
    c = x.call
    n = c.rng.randint(2, hi_q)
    noun = c.pick(x.ind.qty)
    q = quantity_n(c, n, noun)
    p = price(c, x.country, n * per_unit[0], n * per_unit[1])
    pc = percent(c)
    kinds = x.ind.prod or ("plan",)
    prod, _ = product(c, kinds)
    c.rep(("So for {q} that comes to {p}, and I can take {pc} off if you pay upfront.",
           "That's {q} with the {prod}, {p} in total.",
           "With {q} you'd be on the {prod}, so {p} a month, and there's {pc} off for the first year.",
           "Right, {q}: {p} before the {pc} discount."), q=q, p=p, pc=pc, prod=prod)
    c.cust(("And the {pc} applies to all of it?", "Okay, {p} is within budget.", "Could we go up to {q2} later on?",
            "Does the {prod} include support?", "Fine, let's do it."),
           pc=K("percent", pc.w, pc.a), p=K("price", p.w, p.a), q2=quantity_n(c, n + c.rng.randint(2, 10), noun),
           prod=K("product", prod.w, prod.a))
    return p


def quantity_n(c: Call, n: int, noun: str) -> Seg:
    if n < 20 and c.r() < 0.6:
        w = f"{cardinal(n)} {noun}"
        return K("quantity", w, c.pick((w, f"{n} {noun}")))
    w = f"{n:,} {noun}"
    return K("quantity", w, c.pick((w, w.replace(",", ""))))


def b_order(x: Ctx, with_product: float = 0.5) -> None:
    c = x.call
    o = order_no(c)
    if x.ind.prod and c.r() < with_product:
        prod, _ = product(c, x.ind.prod)
        yr = year(c, 2018, 2025)
        c.cust(("It's about the {prod} I ordered, order {o}.", ("I bought the {prod} back in {yr} and it's just stopped "
                "working. The order was {o}."), "My order {o}, the {prod}."), prod=prod, o=o, yr=yr)
        c.rep(("Okay, the {prod}, I've found it.", "Right, order {o2}, I can see it."), prod=K("product", prod.w),
              o2=K("order", o.w, o.a))
    else:
        c.cust(("The order number is {o}.", "It's order {o}, if that helps.", "I've got the order number, it's {o}."),
               o=o)
        c.rep(("Thanks, I can see {o2} here.", "Found it.", "Okay, that's come up."), o2=K("order", o.w, o.a))


def b_ticket(x: Ctx, what: str = "case") -> None:
    c = x.call
    t = ticket_no(c)
    c.rep((f"I've raised a {what} for you, the reference is {{t}}.", "Your reference for this is {t}.",
           "I'll log that under {t}, keep that handy.", "That's reference {t}, you'll get an email about it."), t=t)
    if c.r() < 0.5:
        c.cust(("{t}, got it.", "Can you repeat that? {t}?", "Thanks, written down."), t=K("ticket", t.w, t.a))


def b_close(x: Ctx) -> None:
    c = x.call
    r = c.r()
    if r < 0.3:
        c.rep(("Is there anything else I can help with, {ref}?", "Anything else today, {ref}?"), ref=x.addr_ref())
        c.cust(("No, that's everything. Thanks, {rep}.", "That's all, thank you.", "No, you've been great, thanks {rep}."),
               rep=name(c, x.rep, "first", rep=True))
    elif r < 0.5:
        c.rep(("If anything comes up, just call back and ask for {rep}.", "You can call me directly, I'm {rep}."),
              rep=name(c, x.rep, c.pick(("first", "full")), rep=True))
        c.cust(("Will do, thanks.", "Great, cheers.", "Thank you, bye."))
    elif r < 0.8:
        c.rep(("All done, {ref}. You'll get a confirmation shortly.", "That's everything sorted, {ref}."),
              ref=x.addr_ref())
        c.cust(("Brilliant, thank you.", "Thanks a lot.", "Great, bye."))
    else:
        c.rep(("Thanks for calling {co}, have a good day.", "Thanks for your time, take care.")
              if not x.outbound else ("Thanks for your time, take care.", "Thanks, have a good evening."),
              co=x.company)


# --------------------------------------------------------------------------------------------
# Scenarios
# --------------------------------------------------------------------------------------------


def s_payment(x: Ctx) -> None:
    c = x.call
    b_open(x)
    b_reason(x, ("I've had an invoice for {thing} and I'd like to pay it over the phone",
                 "I'm calling to pay the balance for {thing}", "I need to pay the deposit for {thing}",
                 "the online payment for {thing} didn't go through, so I thought I'd ring"))
    b_name(x)
    amt = price(c, x.country, 40, 3000)
    if c.r() < 0.5:
        o = order_no(c)
        c.cust(("The invoice number is {o}.", "It's invoice {o}.", "I've got the reference here, {o}."), o=o)
        c.rep(("Thanks. That's {amt} for {q}.", "Found it, {amt} outstanding.", "Okay, {amt} including {pc} VAT."
               if x.country != "US" else "Okay, {amt} including {pc} sales tax."),
              amt=amt, q=quantity_n(c, c.rng.randint(2, 14), c.pick(x.ind.qty)), pc=percent(c))
    else:
        c.rep(("I can see {amt} outstanding for {thing}.", "Right, {thing}, that's {amt}."), amt=amt,
              thing=x.thing)
    amt2 = K("price", amt.w, amt.a)
    if c.r() < 0.65:
        b_card(x, amt2)
    else:
        b_bank(x, "payment")
    if c.r() < 0.5:
        b_email(x)
    b_close(x)


def s_booking(x: Ctx) -> None:
    c = x.call
    b_open(x)
    b_reason(x, ("I'd like to book {thing}", "I'm hoping to reserve {thing}", "I need to move my booking for {thing}",
                 "I wanted to see if you've got availability for {thing}"))
    b_name(x)
    b_schedule(x, "session", quantity_n(c, c.rng.randint(2, 9), c.pick(x.ind.qty)),
               stay=x.ind.name in ("boutique hotel", "car rental", "wedding venue"))
    if x.ind.name == "car rental" and c.r() < 0.8:
        b_id(x, "licence" if x.country in ("US", "UK") else "passport")
    if c.r() < 0.45:
        b_third_party(x, ("The other person coming is my {rel}, {tp}.", ("Can you put {tp} on it as well? That's my "
                          "{rel}."), "My {rel} {tp} will be with me."))
    if c.r() < 0.5:
        b_phone(x)
    if c.r() < 0.4 and x.room():
        b_email(x)
    if c.r() < 0.55 and x.room(11):
        dep = price(c, x.country, 25, 600)
        c.rep(("To hold it I need a deposit of {p}.", "There's a {p} deposit, which I can take now.",
               "It's {p} to secure the booking."), p=dep)
        b_card(x, K("price", dep.w, dep.a))
    b_close(x)


def s_account_change(x: Ctx) -> None:
    c = x.call
    variant = c.pick(("moved", "contact", "add", "bank"))
    b_open(x)
    b_reason(x, {"moved": ("I've moved house and need to update my address on {thing}",
                           "I'm ringing to change my address", "I need the address on {thing} changed"),
                 "contact": ("I've got a new phone number and email to put on {thing}",
                             "I need to update my contact details", "my email and number have changed"),
                 "add": ("I'd like to add someone to {thing}", "I want to put my partner on the account",
                         "I need to add a second person to {thing}"),
                 "bank": ("I've switched banks and need to change how I pay for {thing}",
                          "I need to update my bank details on {thing}")}[variant])
    b_name(x)
    b_dob(x)
    if variant == "moved":
        b_address(x, "new", readback=0.4)
        if c.r() < 0.5:
            b_phone(x)
        if c.r() < 0.4:
            c.rep(("And from what date?", "When did you move in?"))
            c.cust(("From {d}.", "Since {d}, so quite recently."), d=K("date", *meeting_date(c)))
    elif variant == "contact":
        beats = [lambda: b_phone(x, pieces=0.35), lambda: b_email(x)]
        c.rng.shuffle(beats)
        for b in beats:
            b()
    elif variant == "bank":
        b_bank(x, "monthly payments")
        c.rep(("The next payment of {p} will come from the new account on {d}.", ("From {d}, the {p} will be taken "
               "from the new account.")), p=price(c, x.country, 10, 200), d=K("date", *meeting_date(c)))
    else:
        tp = b_third_party(x, rels=(("wife", True), ("husband", False), ("partner", None), ("daughter", True),
                                    ("son", False)))
        b_dob(x, whose=tp)
        if c.r() < 0.5:
            b_email(x, who=tp)
    if c.r() < 0.4 and x.room():
        b_ticket(x, "request")
    b_close(x)


def s_insurance_claim(x: Ctx) -> None:
    c = x.call
    ind = x.ind.name
    outbound = c.r() < 0.25
    b_open(x, "your claim" if outbound else None)
    b_reason(x, ("I need to make a claim on {thing}", "I'm calling to report some damage and start a claim",
                 "I need to report a loss on {thing}",
                 "something's happened and I need to claim on {thing}"))
    b_name(x)
    if c.r() < 0.6:
        b_dob(x)
    elif c.r() < 0.5:
        c.cust(("I've been insured with you since {yr}.", "I've had the policy since {yr}, never claimed before."),
               yr=year(c, 2006, 2024))
    ctry = x.country
    if ind == "motor insurance":
        c.cust(("It happened {d} at about {t}. Someone reversed into me in a car park.",
                "{D}, around {t}, a van clipped my wing mirror and drove off.",
                "Someone went into the back of me {d}, just after {t}."),
               d=K("date", *meeting_date(c)), D=K("date", *meeting_date(c)), t=K("time", *clock_time(c)))
        c.rep(("Sorry to hear that. What year is the car?", "Oh no. And the car is which year?"))
        c.cust(("It's a {yr}.", "{yr}, I think. Yes, {yr2}."), yr=year(c, 2008, 2024), yr2=year(c, 2008, 2024))
        if c.r() < 0.5:
            b_third_party(x, ("My {rel}, {tp}, was driving at the time.", "{tp}, my {rel}, was behind the wheel."),
                          rels=FAMILY[:4] + OTHERS[:1])
        if ctry in ("US", "UK") and c.r() < 0.7:
            b_id(x, "licence")
    elif ind == "pet insurance":
        c.cust(("The vet bill came to {p}, for an operation on {d}.", "We had {n} with the vet and it's {p} so far."),
               p=price(c, ctry, 150, 4000), d=K("date", *meeting_date(c)),
               n=quantity_n(c, c.rng.randint(2, 6), c.pick(("visits", "appointments"))))
    elif ind == "travel insurance":
        c.cust(("My suitcase went missing on {d}; it weighed about {m}.", ("The airline lost a bag of about {m}, "
                "with a {prod} in it.")), d=K("date", *meeting_date(c)),
               m=measure(c, ctry, ("pounds",) if x.us else ("kilos", "kg"), 8, 30),
               prod=product(c, x.ind.prod)[0])
    else:
        c.cust(("Water came through the ceiling and about {m} of flooring is ruined.",
                "There's a crack in the wall roughly {m} long.", "We had a leak; it's damaged about {m} of carpet."),
               m=measure(c, ctry, ("square feet", "feet") if x.us else ("square metres", "metres"), 2, 60))
        if c.r() < 0.6:
            b_address(x, "service")
    if c.r() < 0.35 and ind != "motor insurance":
        b_third_party(x, ("My {rel}, {tp}, was there when it happened.", "{tp}, my {rel}, saw the whole thing."))
    b_ticket(x, "claim")
    if c.r() < 0.75:
        c.rep(("Once it's approved we'll pay {p} minus the {ex} excess." if not x.us else
               "Once it's approved we'll pay {p} minus the {ex} deductible.",
               "The settlement would be {p}, paid straight into your account."),
              p=price(c, ctry, 200, 5000), ex=price(c, ctry, 50, 500, cents=False))
        b_bank(x, "payout")
    if c.r() < 0.4 and x.room():
        b_phone(x)
    b_close(x)


def s_utilities(x: Ctx) -> None:
    c = x.call
    variant = c.pick(("move_in", "move_in", "high_bill", "move_out", "payments"))
    b_open(x)
    dd = "autopay" if x.us else "a direct debit"
    b_reason(x, {"move_in": ("I'm moving into a new place and need to set up {thing}",
                             "I've just got the keys to a new flat and want {thing} in my name"),
                 "high_bill": ("my last bill for {thing} looks far too high", "I think my bill is wrong"),
                 "move_out": ("I'm moving out and need a final bill", ("I'm leaving the property and want to close "
                              "the account")),
                 "payments": (f"I want to set up {dd} for {{thing}}", f"I'd like to pay by {dd} from now on")}[variant])
    b_name(x)
    if variant == "move_in":
        b_address(x, "new")
        b_dob(x, year_after=0)
        c.rep(("Do you have an opening meter reading?", "Can you read me the meter?"))
        c.cust(("It says {m}.", "The display shows {m}."), m=measure(c, x.country, ("kilowatt hours", "units"),
                                                                      1000, 40000))
        if c.r() < 0.85:
            b_bank(x, "monthly payments")
        if c.r() < 0.5 and x.room():
            b_schedule(x, "engineer visit")
        if c.r() < 0.4 and x.room():
            b_email(x)
    elif variant == "high_bill":
        b_address(x, "service")
        c.cust(("It says I used {m} last quarter, which is double the usual.", ("We normally use around {m} a month, "
                "not this much.")), m=measure(c, x.country, ("kilowatt hours", "cubic metres"), 150, 4200))
        c.rep(("I can see the bill was {p}. I'll ask for a meter check.", ("That bill was {p}, and the unit rate went "
               "up {pc}.")), p=price(c, x.country, 60, 900), pc=percent(c))
        b_ticket(x, "query")
        if c.r() < 0.5:
            b_schedule(x, "meter check")
    elif variant == "move_out":
        b_address(x, "service")
        c.cust(("We've lived here since {yr}, and I'm out on {d}.", "I hand the keys back {d}."),
               yr=year(c, 2005, 2024), d=K("date", *meeting_date(c)))
        c.rep(("Where should the final bill go?", "And a forwarding address for the final bill?"))
        b_address_answer(x)
        if c.r() < 0.5:
            b_email(x)
    else:
        b_dob(x)
        b_bank(x, "direct debit" if not x.us else "autopay")
        c.rep(("It'll come out on {d} each month, around {p}.", "You'll pay {p} a month, first one on {d}."),
              d=K("date", *meeting_date(c)), p=price(c, x.country, 40, 250))
    b_close(x)


def b_address_answer(x: Ctx) -> None:
    """An address given straight away, after the rep's question in another turn."""
    c = x.call
    ad = draw_address(c, x.country)
    c.cust(("{street}, {city}, {pc}.", "To {street}, {pc}.", "Send it to {street}, {city}. {pc}."),
           street=E("address", *ad.street), city=IG(ad.city, strip_accents(ad.city)), pc=E("address", *ad.postcode))


def s_clinic(x: Ctx) -> None:
    c = x.call
    variant = c.pick(("new", "appointment", "relative"))
    outbound = variant == "appointment" and c.r() < 0.3
    b_open(x, "your appointment" if outbound else None)
    b_reason(x, {"new": ("I'd like to register as a new patient", ("we've just moved to the area and want to "
                         "register")),
                 "appointment": ("I need {thing}", "I'd like to book {thing}", "I have to rearrange {thing}"),
                 "relative": ("I'm ringing on behalf of a family member", ("I need to book {thing} for someone "
                              "else"))}[variant])
    if variant == "relative":
        b_name(x)
        tp = b_third_party(x, ("It's for my {rel}, {tp}.", "The appointment's for my {rel}, {tp}.",
                               "I'm calling for my {rel}, {tp}; {he} can't get to the phone."), rels=FAMILY, ack=0.3)
        b_dob(x, whose=tp)
        b_schedule(x, "appointment")
    elif variant == "new":
        b_name(x, spell=0.5)
        b_dob(x, year_after=0)
        if c.r() < 0.7:
            b_id(x, {"US": "ssn", "UK": "ni"}.get(x.country, "national"))
        b_address(x)
        if c.r() < 0.6:
            b_phone(x)
        if c.r() < 0.4 and x.room():
            b_email(x)
    else:
        b_name(x)
        b_dob(x, year_after=0)
        b_schedule(x, "appointment")
        if c.r() < 0.5:
            b_phone(x)
    b_close(x)


def s_travel(x: Ctx) -> None:
    c = x.call
    b_open(x)
    b_reason(x, ("I'd like to book {thing}", "I need to add passport details for {thing}",
                 "I want to change the names on {thing}"))
    b_name(x, spell=0.4)
    tp = None
    if c.r() < 0.6:
        tp = b_third_party(x, ("I'm travelling with my {rel}, {tp}.", "The other passenger is {tp}, my {rel}."),
                           rels=FAMILY[:4] + OTHERS[:1] + OTHERS[6:])
    b_id(x, "passport")
    if tp is not None and c.r() < 0.6:
        b_id(x, "passport", who=tp)
    if c.r() < 0.5:
        b_dob(x, year_after=0)
    each = c.rng.randint(60, 900)
    c.rep(("It's {d}, departing {t}, {p} per person.", "I've got {d} at {t}, that's {p} each."),
          d=K("date", *meeting_date(c)), t=K("time", *clock_time(c)), p=price(c, x.country, n=each))
    if c.r() < 0.5:
        c.cust(("Is a bag of {m} okay?", "We'll each have a case of about {m}."),
               m=measure(c, x.country, ("pounds",) if x.us else ("kilos", "kg"), 8, 32))
        c.rep(("Up to {m} is included.", "Anything over {m} costs extra."),
              m=measure(c, x.country, ("pounds",) if x.us else ("kilos", "kg"), 15, 32))
    if c.r() < 0.5 and x.room():
        b_email(x)
    if c.r() < 0.6 and x.room(12):
        b_card(x, price(c, x.country, n=each * (2 if tp else 1)))
    b_close(x)


def s_subscription(x: Ctx) -> None:
    c = x.call
    variant = c.pick(("update_card", "sign_up", "cancel"))
    b_open(x)
    b_reason(x, {"update_card": ("my payment for {thing} failed and I need to change the card",
                                 "I want to update the card on {thing}"),
                 "sign_up": ("I'd like to upgrade {thing}", "I want to sign up for the annual plan"),
                 "cancel": ("I'd like to cancel {thing}", "I'm thinking of cancelling {thing}")}[variant])
    b_name(x)
    c.rep(("Can you confirm the email on the account?", "What's the email address you signed up with?"))
    w, a = draw_email(c, x.cust)
    c.cust(("It's {em}.", "{em}.", "Should be {em}."), em=E("email", w, a))
    if variant == "update_card":
        c.rep(("I can see the last payment of {p} failed on {d}.", "The {p} payment bounced on {d}."),
              p=price(c, x.country, 5, 80), d=K("date", *meeting_date(c)))
        if x.us or c.r() < 0.6:
            b_card(x)
        else:
            c.cust(("Actually, can I pay by direct debit instead?", ("Could it come straight from my bank account "
                    "instead?")))
            b_bank(x, "subscription")
    elif variant == "sign_up":
        p = b_quote(x, 6, (3, 25))
        b_card(x, K("price", p.w, p.a))
    else:
        c.rep(("Before you go, I can offer {pc} off for {q}.", "If you stay, it's {p} instead, for {q}."),
              pc=percent(c), p=price(c, x.country, 4, 60), q=quantity_n(c, c.rng.randint(3, 12), "months"))
        c.cust(("No thanks, please cancel it.", "That's tempting, but no.", "Go on then, I'll stay."))
        b_ticket(x, "cancellation")
    b_close(x)


def s_b2b_close(x: Ctx) -> None:
    c = x.call
    outbound = c.r() < 0.4
    b_open(x, "the proposal we sent over" if outbound else None)
    b_reason(x, ("we're ready to go ahead with {thing}", "I've got sign-off on {thing}",
                 "we'd like to finalise {thing} today"))
    b_name(x, spell=0.2)
    quoted = b_quote(x, 250, (15, 90))
    if c.r() < 0.35:
        c.cust(("We've been on our current system since {yr}, so it's time.", ("Our old contract started in {yr}, "
                "it ends next month.")), yr=year(c, 2012, 2024))
    if c.r() < 0.6:
        tp = b_third_party(x, ("Please copy in {tp} from our finance side; {he} signs off the invoices.",
                               "Our {rel}, {tp}, will be the main contact for onboarding.",
                               "Send the contract to {tp} as well, our {rel}."),
                           rels=(("colleague", None), ("business partner", None)))
        if c.r() < 0.6:
            b_email(x, who=tp)
    b_email(x)
    if c.r() < 0.6 and x.room():
        b_phone(x, pieces=0.3, ext=True)
    if c.r() < 0.5:
        c.cust(("Our purchase order is {o}.", "Put PO {o} on the invoice, please."), o=order_no(c))
    if c.r() < 0.6 and x.room(13):
        b_bank(x, "invoices")
    elif c.r() < 0.4 and x.room(13):
        b_card(x, K("price", quoted.w, quoted.a))
    if c.r() < 0.4 and x.room(14):
        b_schedule(x, "kick-off call")
    b_close(x)


def s_collections(x: Ctx) -> None:
    c = x.call
    outbound = c.r() < 0.5
    b_open(x, "an overdue balance on your account" if outbound else None)
    b_reason(x, ("I got a letter about {thing}", "I want to set up a payment plan for {thing}",
                 "I'm returning your call about {thing}"))
    b_name(x)
    b_dob(x, year_after=0.1)
    if x.us and c.r() < 0.35:
        b_id(x, "ssn")
    elif x.country == "UK" and c.r() < 0.25:
        b_id(x, "ni")
    elif c.r() < 0.3:
        b_address(x, readback=0)
    bal_n = c.rng.randint(80, 4000)
    bal = price(c, x.country, cents=True, n=bal_n)
    c.rep(("The outstanding balance is {bal}, and it's {days} past due.",
           "I can see {bal} owing on the account.", "There's {bal} overdue, plus a late fee of {pc}."),
          bal=bal, days=c.pick(("thirty days", "sixty days", "two months")), pc=percent(c))
    if c.r() < 0.6:
        amt = price(c, x.country, 20, min(400, bal_n))
        c.cust(("Can I pay {amt} now and the rest on {d}?", "I can do {amt} today, is that okay?"),
               amt=amt, d=K("date", *meeting_date(c)))
        c.rep(("That's fine, we can take that today.", "Yes, I can set that up for you."))
        pay = K("price", amt.w, amt.a)
    else:
        k = c.rng.randint(2, 6)
        c.cust(("Could we split it into {q}?", "Can I spread it over {q}?"),
               q=quantity_n(c, k, c.pick(("instalments", "monthly payments"))))
        per = price(c, x.country, n=round(bal_n / k), cents=False)
        c.rep(("Yes, that would be {p} each, starting today.", "We can do that: {p} a month, first one now."), p=per)
        pay = K("price", per.w, per.a)
    if c.r() < 0.45:
        b_card(x, pay)
    else:
        b_bank(x, "payment plan")
    if c.r() < 0.5 and x.room():
        b_ticket(x, "payment arrangement")
    b_close(x)


def s_refund(x: Ctx) -> None:
    c = x.call
    b_open(x)
    b_reason(x, ("I sent back {thing} and haven't had my money", "I'm chasing a refund for {thing}",
                 "I was charged twice for {thing}"))
    b_name(x)
    b_order(x)
    if c.r() < 0.6:
        l4 = rnd_digits(c, 4)
        c.rep(("I can see the payment on the card ending {l4}, {amt}.",
               "Your refund of {amt} went back to the card ending in {l4}."),
              l4=K("last4", l4), amt=price(c, x.country, 15, 800))
        c.cust(("That card's been cancelled, can it go to my bank instead?", ("I never got it, and that card's "
                "expired now.")))
    else:
        c.rep(("I can send the refund straight to your bank account, if you like.",
               "The quickest way is a transfer to your bank account."))
        c.cust(("Yes, please do that.", "That's fine, go ahead."))
    b_bank(x, "refund")
    if c.r() < 0.6 and x.room():
        b_ticket(x, "refund request")
    if c.r() < 0.3 and x.room():
        b_email(x)
    b_close(x)


def s_onboarding(x: Ctx) -> None:
    c = x.call
    b_open(x)
    b_reason(x, ("I started an application for {thing} online and got stuck", "I'd like to apply for {thing}",
                 "I was asked to call to verify my identity"))
    b_name(x, spell=0.4)
    b_dob(x, year_after=0)
    b_id(x)
    b_address(x, readback=0.4)
    if c.r() < 0.5:
        b_email(x)
    if c.r() < 0.5 and x.room():
        b_phone(x)
    if c.r() < 0.6 and x.room(14):
        c.rep(("Would you like to link a bank account to fund it?", "Do you want to add an account for transfers?"))
        c.cust(("Yes, let's do that.", "Sure."))
        b_bank(x, "transfers")
    b_close(x)


def s_delivery(x: Ctx) -> None:
    c = x.call
    b_open(x)
    b_reason(x, ("I need to change where {thing} is being delivered", "{thing} hasn't turned up",
                 "I want to arrange a delivery slot for {thing}"))
    b_name(x)
    b_order(x, 0.3)
    b_address(x, "delivery", readback=0.4)
    if c.r() < 0.6:
        b_schedule(x, "delivery")
    if c.r() < 0.5:
        c.cust(("It's heavy, about {m}, so it'll need two people.", "The box is about {m}."),
               m=measure(c, x.country, ("pounds", "inches") if x.us else ("kilos", "centimetres"), 10, 90))
    if c.r() < 0.5 and x.room():
        b_phone(x)
    b_close(x)


SCENARIOS = {
    "payment": s_payment, "booking": s_booking, "account_change": s_account_change,
    "insurance_claim": s_insurance_claim, "utilities": s_utilities, "clinic": s_clinic, "travel": s_travel,
    "subscription": s_subscription, "b2b_close": s_b2b_close, "collections": s_collections, "refund": s_refund,
    "onboarding": s_onboarding, "delivery": s_delivery,
}
COUNTRIES = (("US", 35), ("UK", 29), ("DE", 6), ("FR", 6), ("NL", 5), ("ES", 5), ("IT", 5), ("IE", 4), ("BE", 3),
             ("AT", 2), ("PT", 2))


def make_call(i: int) -> dict:
    cid = f"rh-{i:04d}"
    c = Call(cid)
    country = c.rng.choices([k for k, _ in COUNTRIES], [w for _, w in COUNTRIES])[0]
    scenario = c.pick(sorted(SCENARIOS))
    ind = c.pick(INDUSTRIES[scenario])
    company = f"{c.pick(COMPANY_A)} {c.pick(ind.co)}"
    if country != "US":
        company = company.replace("Harbor", "Harbour")
    c.us = country == "US"
    x = Ctx(c, country, scenario, ind, company)
    SCENARIOS[scenario](x)
    turns = c.merged()
    c.finish_asr(turns)
    return {"id": cid, "country": country, "industry": ind.name, "scenario": scenario, "company": company,
            "written": [render(t, "written") for t in turns], "asr": [render(t, "asr") for t in turns]}


def build() -> list[dict]:
    return [make_call(i) for i in range(1, N_CALLS + 1)]


def dump(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


# --------------------------------------------------------------------------------------------
# Counts
# --------------------------------------------------------------------------------------------


def stats(records: list[dict]) -> dict:
    ent, rep, keep = Counter(), 0, Counter()
    for r in records:
        for t in r["written"]:
            for e in t["entities"]:
                ent[e["type"]] += 1
                rep += bool(e.get("rep_name"))
            for k in t["keep"]:
                keep[k["kind"]] += 1
    turns = [len(r["written"]) for r in records]
    return {"calls": len(records), "turns": sum(turns), "min_turns": min(turns), "max_turns": max(turns),
            "entities": dict(ent), "rep_names": rep, "keeps": dict(keep),
            "countries": dict(Counter(r["country"] for r in records)),
            "scenarios": dict(Counter(r["scenario"] for r in records))}


def stats_markdown(records: list[dict]) -> str:
    s = stats(records)
    lines = ["| entity | values |", "|---|---|"]
    for t in ENTITY_TYPES:
        lines.append(f"| {t} | {s['entities'].get(t, 0)} |")
    lines.append(f"| **all** | {sum(s['entities'].values())} |")
    lines += ["", "| keep | values |", "|---|---|"]
    for k in KEEP_KINDS:
        lines.append(f"| {k} | {s['keeps'].get(k, 0)} |")
    lines.append(f"| **all** | {sum(s['keeps'].values())} |")
    lines += ["", (f"calls {s['calls']}, turns {s['turns']} ({s['min_turns']} to {s['max_turns']} a call), "
                  f"person values with rep_name {s['rep_names']}"),
              "countries " + ", ".join(f"{k} {v}" for k, v in sorted(s["countries"].items(), key=lambda kv: -kv[1])),
              "scenarios " + ", ".join(f"{k} {v}" for k, v in sorted(s["scenarios"].items(), key=lambda kv: -kv[1]))]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 0 iff holdout.jsonl is what this script writes")
    ap.add_argument("--stats", action="store_true", help="print counts as Markdown")
    args = ap.parse_args(argv)
    records = build()
    text = dump(records)
    if args.check:
        ok = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("holdout.jsonl is current" if ok else "holdout.jsonl differs from what make_holdout.py writes")
        return 0 if ok else 1
    if args.stats:
        print(stats_markdown(records))
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.name}: {len(records)} calls")
    return 0


if __name__ == "__main__":
    sys.exit(main())
