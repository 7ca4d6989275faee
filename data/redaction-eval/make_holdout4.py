"""Writes ``holdout4.jsonl``: 300 short phone calls (``h4-0001`` ... ``h4-0300``) with the personal
data in every turn labelled and the look-alikes that must survive listed, for
``python -m bench.redaction --split holdout4``.

HELD OUT: the lead scores this set once, at the very end. Whoever works on the redactor
(callcoach/pii.py, pii_words.py, redact.py, names/) must not read this script, holdout4.jsonl or
HOLDOUT4.md, nor tune on them.

Each call is built from its own ``random.Random("holdout4:" + id)``. A turn is a template whose
``{slots}`` hold a labelled value (entity), a hard negative (keep), text beside an address
(ignore) or plain text, each with a written and an ASR rendering; both forms are rendered from the
same turn and every offset is recorded as the text is built, so labels are exact by construction.

    python data/redaction-eval/make_holdout4.py            # rewrite holdout4.jsonl
    python data/redaction-eval/make_holdout4.py --check    # exit 0 iff the file is current, else 1
    python data/redaction-eval/make_holdout4.py --stats    # print the count tables (markdown)

Standard library only. Every value is fake: cards from test ranges with a Luhn digit, IBANs with
mod-97 check digits on random bank codes, ABA routing numbers with their checksum, ids in
never-issued ranges or random with their check characters, phones in ranges kept for fiction
where a country has one, names drawn independently from long invented-mix lists.
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
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "holdout4.jsonl"
N_CALLS = 300
SEED_NS = "holdout4:"
TODAY = dt.date(2026, 12, 8)

TYPES = ("card", "cvv", "expiry", "iban", "account", "routing", "dob", "address", "person", "email", "phone", "id")
KINDS = ("price", "quantity", "date", "time", "year", "order", "ticket", "product", "percent", "measure", "last4")

# What the brief asks for, at least (written form). "person" counts rep names too; "price (in words)"
# is the prices with no digit in them.
MIN_ENTITIES = {"card": 120, "cvv": 90, "expiry": 100, "iban": 50, "account": 40, "routing": 40, "dob": 110,
                "address": 150, "person": 500, "email": 70, "phone": 120, "id": 60}
MIN_KEEPS = {"price": 250, "quantity": 100, "date": 250, "time": 80, "year": 50, "order": 50, "ticket": 40,
             "product": 30, "percent": 30, "measure": 30, "last4": 40, "price (in words)": 40}


def tag_of(line: str) -> tuple[str, str]:
    """A phrasing's tags and text: "[home motor] It's ..." -> ("home motor", "It's ...")."""
    m = re.match(r"\[([^\]]+)\] ", line)
    return (m.group(1), line[m.end():]) if m else ("", line)


def _words(block: str) -> tuple[str, ...]:
    """The whitespace-separated words of ``block`` (long name lists read as plain text)."""
    return tuple(block.split())


def _lines(block: str) -> tuple[str, ...]:
    """One phrasing per non-blank line of ``block``, so the pools below read as plain text."""
    return tuple(line.strip() for line in block.strip().splitlines() if line.strip())


def _exchanges(block: str) -> tuple[tuple[tuple[str, str], ...], ...]:
    """Short exchanges written as "R: ..." / "C: ..." lines, one blank line between exchanges."""
    out = []
    for chunk in re.split(r"\n\s*\n", block.strip()):
        turns = []
        tags = ""
        for line in chunk.strip().splitlines():
            if line.startswith("#"):
                tags = line[1:].strip()
                continue
            who, text = line.split(":", 1)
            turns.append(({"R": "rep", "C": "customer"}[who.strip()], (f"[{tags}] " if tags else "") + text.strip()))
        out.append(tuple(turns))
    return tuple(out)


# --------------------------------------------------------------------------------------------
# Turns: templates with slots, rendered twice
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """One value in a turn: ``cat`` is entity, keep or ignore; ``type`` the entity type or keep kind.

    ``odd`` marks a value said in an unusual way (a piece of a split value, a correction, a
    read-back in another rendering, spelling-alphabet letters); ``cont`` a piece after the first of
    one number said in pieces. Both are counted, never written."""

    cat: str
    type: str
    written: str
    asr: str
    rep_name: bool = False
    odd: bool = False
    cont: bool = False

    def __post_init__(self) -> None:
        for text in (self.written, self.asr):
            if not text or text != text.strip():
                raise ValueError(f"slot text must be non-empty and trimmed: {text!r} ({self.type})")


def ent(type_: str, written: str, asr: str | None = None, *, odd: bool = False, rep: bool = False,
        cont: bool = False) -> Slot:
    """A labelled value."""
    return Slot("entity", type_, written, written if asr is None else asr, rep_name=rep, odd=odd, cont=cont)


def keep(kind: str, written: str, asr: str | None = None) -> Slot:
    """A hard negative that must survive verbatim."""
    return Slot("keep", kind, written, written if asr is None else asr)


def ign(written: str, asr: str | None = None) -> Slot:
    """Text beside an address (a city, a state) that is neither to remove nor to keep."""
    return Slot("ignore", "", written, written if asr is None else asr)


Piece = str | Slot


@dataclass
class Turn:
    """One speaker's turn before rendering: fixed text and slots in order."""

    speaker: str
    pieces: list[Piece]


SLOT_RE = re.compile(r"\{([a-z_]+?)(\d*)(?::([a-z_]+))?\}")


# --------------------------------------------------------------------------------------------
# Numbers said aloud
# --------------------------------------------------------------------------------------------

ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
         "nineteen")
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
ORD_SMALL = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
             "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
             "eighteenth", "nineteenth", "twentieth")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def words_99(n: int) -> str:
    """0-99 in words, compounds hyphenated ("forty-two") so they read back as one number."""
    if n < 10:
        return ONES[n]
    if n < 20:
        return TEENS[n - 10]
    tens, ones = divmod(n, 10)
    return TENS[tens] + ("-" + ONES[ones] if ones else "")


def words_int(n: int) -> str:
    """0-999,999 in words, British "and" ("two hundred and forty-nine")."""
    if n < 100:
        return words_99(n)
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return ONES[hundreds] + " hundred" + (" and " + words_99(rest) if rest else "")
    thousands, rest = divmod(n, 1000)
    head = words_int(thousands) + " thousand"
    if not rest:
        return head
    return head + (" and " if rest < 100 else " ") + words_int(rest)


def ordinal_words(n: int) -> str:
    """1-31 as an ordinal word ("twenty-third")."""
    if n <= 20:
        return ORD_SMALL[n]
    if n == 30:
        return "thirtieth"
    tens, ones = divmod(n, 10)
    return TENS[tens] + "-" + ORD_SMALL[ones]


def ordinal(n: int) -> str:
    """1-31 as "1st", "22nd", "13th"."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def year_words(rng: random.Random, year: int) -> str:
    """A four-digit year as people say it ("nineteen eighty-eight", "two thousand and three")."""
    if year < 2000:
        yy = year % 100
        return "nineteen " + (words_99(yy) if yy >= 10 else "oh " + ONES[yy])
    yy = year - 2000
    if yy < 10:
        return rng.choice(("two thousand and ", "two thousand ", "twenty oh ")) + ONES[yy]
    return rng.choice(("twenty ", "twenty ", "two thousand and ")) + words_99(yy)


def short_year_words(year: int) -> str:
    """The last two digits of a year said ("eighty-eight", "oh three")."""
    yy = year % 100
    return words_99(yy) if yy >= 10 else "oh " + ONES[yy]


def pair_words(pair: str, zero: str) -> str:
    """Two digits said as one number ("forty-two"), "oh five" or "double oh"."""
    if pair[0] == "0":
        return f"double {zero}" if pair[1] == "0" else f"{zero} {ONES[int(pair[1])]}"
    return words_99(int(pair))


Plan = list[list[tuple[str, str]]]


def digit_plan(digits: str, groups: Sequence[int], style: str) -> Plan:
    """How a digit string is said: groups of tokens, each ("d", "4"), ("dbl", "5"), ("tpl", "0") or
    ("pair", "42"). ``style`` is single (digit by digit), mixed (with double/triple), pairs or tailpairs
    (the last group in pairs)."""
    if sum(groups) != len(digits):
        raise ValueError(f"groups {groups} do not cover {digits!r}")
    plan: Plan = []
    i = 0
    for gi, size in enumerate(groups):
        chunk = digits[i:i + size]
        i += size
        toks: list[tuple[str, str]] = []
        pairs = style == "pairs" or (style == "tailpairs" and gi == len(groups) - 1)
        if pairs and size >= 2:
            j = size % 2
            if j:
                toks.append(("d", chunk[0]))
            while j < size:
                toks.append(("pair", chunk[j:j + 2]))
                j += 2
        else:
            j = 0
            while j < size:
                run = 1
                while j + run < size and chunk[j + run] == chunk[j] and run < 3:
                    run += 1
                if style in ("mixed", "tailpairs") and run == 3:
                    toks.append(("tpl", chunk[j]))
                    j += 3
                elif style in ("mixed", "tailpairs") and run == 2:
                    toks.append(("dbl", chunk[j]))
                    j += 2
                else:
                    toks.append(("d", chunk[j]))
                    j += 1
        plan.append(toks)
    return plan


def _tok_written(tok: tuple[str, str], zero: str) -> str:
    kind, d = tok
    word = zero if d == "0" else ONES[int(d[0])]
    if kind == "d":
        return word
    if kind == "dbl":
        return "double " + word
    if kind == "tpl":
        return "triple " + word
    return pair_words(d, zero)


def plan_written(plan: Plan, zero: str, gsep: str = ", ") -> str:
    """The words of a plan as a transcriber types them ("four two four two, double five ...")."""
    return gsep.join(" ".join(_tok_written(t, zero) for t in group) for group in plan)


def _tok_digits(tok: tuple[str, str]) -> str:
    kind, d = tok
    return {"dbl": d * 2, "tpl": d * 3}.get(kind, d)


def plan_asr(rng: random.Random, plan: Plan, zero: str) -> str:
    """A plan as tiny.en tends to write it: digits grouped as said, run together, regrouped oddly,
    dashed or spaced; "double 5" now and then; rarely the words themselves."""
    mode = rng.choices(("grouped", "commas", "run", "regroup", "dashed", "spaced", "words"),
                       (40, 8, 14, 16, 7, 10, 5))[0]
    if mode == "words":
        return plan_written(plan, zero, " ")
    flat = "".join(_tok_digits(t) for g in plan for t in g)
    if mode == "run":
        return flat
    if mode == "regroup":
        out, i = [], 0
        while i < len(flat):
            n = rng.choice((2, 3, 4, 4))
            out.append(flat[i:i + n])
            i += n
        return " ".join(out)
    if mode in ("dashed", "spaced"):
        joiner = "-" if mode == "dashed" else " "
        groups = []
        for g in plan:
            ds = list("".join(_tok_digits(t) for t in g))
            if zero == "oh":
                ds = ["o" if c == "0" and rng.random() < 0.2 else c for c in ds]
            groups.append(joiner.join(ds))
        return (" " if mode == "dashed" else ", ").join(groups)
    groups = []
    for g in plan:
        out = ""
        for t in g:
            if t[0] in ("dbl", "tpl") and rng.random() < 0.3:
                out += (" double " if t[0] == "dbl" else " triple ") + t[1] + " "
            else:
                out += _tok_digits(t)
        groups.append(" ".join(out.split()))
    return (", " if mode == "commas" else " ").join(groups)


def say_digits(rng: random.Random, digits: str, groups: Sequence[int], *, style: str | None = None,
               zero: str | None = None, typed_sep: str | None = None) -> tuple[str, str]:
    """Written and ASR renderings of a digit string said in ``groups``. ``style`` "typed" writes the
    digits themselves (a transcriber typing "4242 4242"); otherwise words in that style."""
    style = style or rng.choices(("typed", "single", "mixed", "pairs", "tailpairs"), (30, 25, 20, 12, 13))[0]
    zero = zero or rng.choice(("oh", "oh", "zero"))
    plan = digit_plan(digits, groups, "single" if style == "typed" else style)
    if style == "typed":
        sep = typed_sep if typed_sep is not None else rng.choice((" ", " ", "-"))
        out, i = [], 0
        for g in groups:
            out.append(digits[i:i + g])
            i += g
        written = sep.join(out)
        asr = written if rng.random() < 0.5 else plan_asr(rng, plan, zero)
        return written, asr
    return plan_written(plan, zero, rng.choice((", ", ", ", " "))), plan_asr(rng, plan, zero)


def split_groups(rng: random.Random, groups: Sequence[int], n_pieces: int) -> list[list[int]]:
    """Groups shared out over ``n_pieces`` consecutive pieces (each at least one group)."""
    n = max(1, min(n_pieces, len(groups)))
    cuts = sorted(rng.sample(range(1, len(groups)), n - 1)) if n > 1 else []
    out, last = [], 0
    for c in cuts + [len(groups)]:
        out.append(list(groups[last:c]))
        last = c
    return out


# --------------------------------------------------------------------------------------------
# Reading values back (used by the tests): digits and codes out of any rendering above
# --------------------------------------------------------------------------------------------

NUMBER_WORDS = {w: str(i) for i, w in enumerate(ONES)} | {w: str(10 + i) for i, w in enumerate(TEENS)} | {
    w: str(i * 10) for i, w in enumerate(TENS) if w} | {"oh": "0", "nought": "0"}
SPELLING = {w.lower(): w[0].upper() for w in _words(
    "Alpha Alfa Apple Bravo Boy Charlie Delta David Echo Edward Foxtrot Freddie Golf George Hotel Harry India "
    "Juliet Juliett Jack Kilo King Lima London Mike Mary November Nancy Oscar Papa Peter Quebec Queen Romeo "
    "Robert Sierra Sugar Tango Tommy Uniform Uncle Victor Whiskey William Xray X-ray Yankee Yellow Zulu Zebra"
)}


def code_of(text: str) -> str:
    """Letters and digits of a value however it was said or written: "D as in delta", "N for
    November", "forty-two", "double five", "4-2-4-2", "triple oh", "S-M-I-T-H" (upper case)."""
    out: list[str] = []
    mult = 1
    skip = False
    for tok in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*|\d+", text):
        low = tok.lower()
        if skip and low in SPELLING:
            skip = False
            continue
        if low in ("for", "like", "as"):
            skip = True
            continue
        if low == "in" and skip:
            continue
        if low in ("double", "triple"):
            mult = 2 if low == "double" else 3
            continue
        piece = ""
        if tok.isdigit():
            piece = tok
        elif "-" in tok:
            parts = tok.split("-")
            if all(len(p) == 1 for p in parts):
                piece = "".join(p.upper() if p != "o" else "0" for p in parts)
            elif len(parts) == 2 and parts[0].lower() in NUMBER_WORDS and parts[1].lower() in NUMBER_WORDS:
                piece = str(int(NUMBER_WORDS[parts[0].lower()]) + int(NUMBER_WORDS[parts[1].lower()]))
            elif low in SPELLING:
                piece = SPELLING[low]
        elif tok == "o" or (low in NUMBER_WORDS and tok != "O"):
            piece = "0" if tok == "o" else NUMBER_WORDS[low]
        elif low == "hundred":
            piece = "00"
        elif len(tok) == 1:
            piece = tok.upper()
        elif tok.isupper():
            piece = tok
        elif low in SPELLING:
            piece = SPELLING[low]
        if piece:
            out.append(piece * mult if len(piece) == 1 else piece)
        mult = 1
    return "".join(out)


def digits_of(text: str) -> str:
    """The digits of a value said or written any way above ("oh five double five" -> "0555")."""
    return "".join(c for c in code_of(text) if c.isdigit())


# --------------------------------------------------------------------------------------------
# Checksums
# --------------------------------------------------------------------------------------------


def luhn_ok(number: str) -> bool:
    """True when ``number`` (digits) passes the Luhn check (cards, Canadian SINs)."""
    total = 0
    for i, c in enumerate(reversed(number)):
        d = int(c)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return bool(number) and total % 10 == 0


def luhn_complete(partial: str) -> str:
    """``partial`` with the Luhn check digit appended."""
    return next(partial + d for d in "0123456789" if luhn_ok(partial + d))


def _iban_int(s: str) -> int:
    return int("".join(str(int(c, 36)) for c in s))


def iban_ok(iban: str) -> bool:
    """True when ``iban`` (no spaces) passes ISO 13616 mod-97."""
    return len(iban) > 4 and iban[:2].isalpha() and _iban_int(iban[4:] + iban[:4]) % 97 == 1


def iban_make(country: str, bban: str) -> str:
    """An IBAN with correct check digits for ``bban``."""
    check = 98 - _iban_int(bban + country + "00") % 97
    return f"{country}{check:02d}{bban}"


def aba_ok(routing: str) -> bool:
    """True when a 9-digit US routing number passes the ABA 3-7-1 checksum."""
    if len(routing) != 9 or not routing.isdigit():
        return False
    d = [int(c) for c in routing]
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + d[8]) % 10 == 0


IBAN_LENGTH = {"DE": 22, "FR": 27, "NL": 18, "ES": 24, "IT": 27, "IE": 22, "BE": 16, "AT": 20, "PT": 25,
               "PL": 28, "FI": 18, "SE": 24, "DK": 18, "GB": 22}
# BBAN layout: "a" a bank-code letter, "n" a digit
IBAN_BBAN = {"DE": "n" * 18, "FR": "n" * 23, "NL": "aaaa" + "n" * 10, "ES": "n" * 20, "IT": "a" + "n" * 22,
             "IE": "aaaa" + "n" * 14, "BE": "n" * 12, "AT": "n" * 16, "PT": "n" * 21, "PL": "n" * 24,
             "FI": "n" * 14, "SE": "n" * 20, "DK": "n" * 14, "GB": "aaaa" + "n" * 14}
CODE_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"  # no I or O, which read as 1 and 0


# --------------------------------------------------------------------------------------------
# Names, streets, places: written for this set, a wide mix of origins drawn independently
# --------------------------------------------------------------------------------------------

GIVEN_NAMES = tuple(dict.fromkeys(_words("""
Aoife Siobhan Niamh Ciaran Cormac Saoirse Oisin Tadhg Grainne Eoin Fionnuala Padraig Roisin Declan Aisling
Cathal Orla Donal Sinead Ruairi Clodagh Darragh Eimear Fiachra Muireann Katarzyna Wojciech Agnieszka Tomasz
Bartosz Zofia Grzegorz Magdalena Krzysztof Joanna Łukasz Dorota Przemysław Ewa Jędrzej Halina Mateusz
Chidinma Oluwaseun Ngozi Emeka Adaeze Babatunde Folasade Obinna Yetunde Chukwuemeka Ifeoma Tunde Nkechi
Olumide Amaka Kelechi Funmilayo Ikenna Zainab Musa Chiamaka Segun Temitope Priya Arjun Ananya Rohan Kavya
Vikram Deepika Sanjay Meera Rahul Lakshmi Aditya Nandini Karthik Shreya Harpreet Gurpreet Manpreet Rajesh
Sunita Tanvir Ishaan Divya Venkatesh Parvati Hardeep Anjali Nikhil Pooja Suresh Linh Minh Thao Tuan Huong
Quang Ngoc Duc Phuong Trang Hieu Thanh Lan Khanh Bao Anh Vy Alejandro Lucía Javier Carmen Mateo Valentina
Sergio Inés Álvaro Pilar Rocío Iñigo Marisol Andrés Beatriz Gonzalo Consuelo Joaquín Nerea Ramón Yusuf Fatima
Omar Layla Khalid Noor Tariq Samira Hamza Mariam Bilal Rania Karim Yasmin Amira Idris Hana Nabil Salma Zaid
Aisha Wei Xiaoming Mei Jun Jiahui Zhiwei Xinyi Haoran Yuting Meilin Jian Lei Qing Ying Fang Hui Ming Xiu
Eleni Dimitrios Yiannis Katerina Nikos Sofia Giorgos Despina Stavros Anastasia Vasilis Theodora Kostas
Evangelia Panagiotis Chrysa Giulia Matteo Francesca Lorenzo Chiara Alessandro Federica Giacomo Serena Davide
Ilaria Niccolò Lukas Annika Jonas Friederike Maximilian Ulrike Tobias Henrike Florian Gudrun Jannik Wiebke
Daan Femke Joris Sanne Thijs Marloes Bram Lieke Wouter Anouk Ruben Floor Élodie Mathieu Camille Baptiste
Océane Guillaume Margaux Thibault Amélie Clément Solène Loïc Astrid Henrik Ingrid Magnus Sigrid Lars Freja
Nils Linnea Espen Tuva Oskar Aino Juha Sanna Mikko Eeva Teemu Jessica Michael Brittany Tyler Ashley Brandon
Megan Cody Heather Dustin Courtney Travis Kayla Austin Lauren Hunter Madison Dalton Emily Wyatt Chloe
Harrison Imogen Rupert Poppy Alfie Ellie Callum Gemma Kieran Bethany Liam Nathan Charlotte Oliver Hannah
Daniel Rachel Benjamin Sarah Thomas Laura Eilidh Hamish Morag Fraser Isla Angus Rhiannon Gethin Cerys Dafydd
Sioned Iwan Catrin Owain Kwame Ama Kofi Abena Yaw Efua Akosua Kwabena Wanjiru Otieno Njeri Kamau Achieng
Mwangi Habiba Abdi Hodan Tigist Dawit Selam Yohannes Meron Maricel Jericho Rowena Jomar Analyn Ramil Rodel
Jonalyn Jiyeon Minjun Seoyeon Hyunwoo Eunji Dongha Soojin Haruka Takeshi Yuki Kenji Aiko Daisuke Emi Ryota
Emre Elif Burak Zeynep Mehmet Ayşe Cem Derya João Thiago Mariana Rafael Leticia Gonçalo Caio Fernanda
Andreea Bogdan Ioana Mihai Zsófia Bence Réka Levente Oksana Taras Olena Dmytro Kateřina Jiří Tereza Ondřej
Arash Shirin Dariush Negar Kian Parisa Babak Imran Sadia Farhan Nusrat Shahid Ruksana Asif Tahmina Avital
Eitan Noa Yael Moshe Shira Delroy Marcia Winston Shanice Jermaine Tamika Aroha Tane Mere Sione Losa Ximena
Santiago Guadalupe Rodrigo Itzel Esteban Paola Leonel Malak Youssef Nadia Rashid Gaurav Aparna Ritu Prakash
Bronwyn Tegan Lachlan Mackenzie Brody Jacinta Siddharth Marguerite Ottilie Bertrand Ansel Wilhelmina Ivo
Radek Milena Vesna Goran Dragana Nikola Ljubica Branimir Saskia Maarten Pieter Griet Ilse Benedikt Vroni
""")))

SURNAMES = tuple(dict.fromkeys(_words("""
O'Sullivan Murphy Kelly Byrne Ryan O'Brien Walsh McCarthy Doyle Gallagher Kavanagh Fitzgerald Brennan Lynch
Quinlan Donnellan Keane Mulcahy Tierney Cosgrave Higgins Flanagan Ó_Ceallaigh Mac_Lochlainn Ní_Bhriain
Kowalska Nowak Wiśniewski Wójcik Kamińska Lewandowski Zielińska Szymański Dąbrowski Kozłowska Jankowski Mazur
Krawczyk Piotrowski Grabowska Pawlak Michalski Zając Sikora Wróbel Okafor Adeyemi Okonkwo Balogun Eze
Olawale Nwosu Adebayo Chukwu Obi Ogunleye Afolabi Nnamdi Ibekwe Oyelaran Danjuma Bello Abubakar Okoro Ezeh
Olatunji Akinola Anyanwu Igwe Sharma Patel Iyer Reddy Nair Gupta Chatterjee Menon Pillai Srinivasan Kulkarni
Deshpande Banerjee Mukherjee Chaudhary Malhotra Kapoor Bhatt Rao Sandhu Gill Dhillon Grewal Raghunathan
Subramanian Venkataraman Joshi Trivedi Mehta Shah Nguyen Tran Le Pham Hoang Phan Vu Dang Bui Do Ho Ngo Duong
Ly Truong Dinh García Fernández Rodríguez López Martínez Sánchez Pérez Gómez Ruiz Hernández Jiménez Moreno
Álvarez Romero Navarro Domínguez Vázquez Ramos Gil Serrano Castillo Ortega Delgado Iglesias Etxeberria
Aguirre Haddad Khoury Mansour Al-Farsi Nasser Hamdan Saleh Aziz Rahman El-Amin Darwish Abboud Haddadin
Farouk Bakr Suleiman Al-Rashid Najjar Shalhoub Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu
Hu Guo He Lin Luo Gao Liang Zheng Xie Tang Feng Deng Cao Wong Chan Lau Cheung Leung Ng Yip Papadopoulos
Georgiou Konstantinidis Nikolaidis Vlachos Christodoulou Antonopoulou Dimitriou Karagiannis Economou
Stavrakis Mavromatis Panagiotou Theodorou Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino
Greco Bruno Gallo Conti De_Luca Mancini Costa Giordano Lombardi Moretti Barbieri Fontana Santoro Caruso
Rinaldi Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter Klein Wolf
Schröder Neumann Schwarz Zimmermann Braun Krüger Hartmann Lange Werner Krause de_Jong Jansen de_Vries
van_den_Berg van_Dijk Bakker Visser Smit Meijer de_Boer Mulder de_Groot Bos Vos Peters Hendriks van_Leeuwen
Dekker Brouwer van_der_Meer Martin Bernard Dubois Robert Richard Petit Durand Leroy Moreau Simon Laurent
Lefebvre Michel Garnier Faure Rousseau Blanc Guerin Boyer Chevalier Lemaire Andersson Johansson Karlsson
Nilsson Eriksson Larsen Hansen Pedersen Nielsen Solberg Halvorsen Lindqvist Bergström Virtanen Korhonen
Mäkinen Nieminen Lehtonen Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Moore
Jackson Harris Clark Lewis Walker Hall Allen Young King Wright Scott Green Baker Adams Nelson Hill Campbell
Mitchell Roberts Carter Phillips Evans Turner Parker Collins Edwards Stewart Morris Murray Cooper Reed Cook
Bell Bailey Hughes Price Bennett Wood Barnes Fletcher Pemberton Ashworth Holloway Whitfield Thornbury MacLeod
Fraser Morrison Sinclair Mackenzie Robertson Cameron Drummond Davies Llewellyn Pritchard Rees Vaughan Prosser
Griffiths Bevan Mensah Asante Owusu Boateng Osei Appiah Darko Acheampong Kamau Otieno Wanjiku Mwangi Ochieng
Kiptoo Njoroge Chebet Abdullahi Warsame Farah Hassan Tesfaye Bekele Haile Girma Alemu Santos Reyes Cruz
Bautista Ocampo Dela_Cruz Villanueva Mendoza Aquino Manalo Kim Park Choi Jung Kang Yoon Jang Lim Han Shin
Sato Suzuki Takahashi Tanaka Watanabe Ito Nakamura Kobayashi Yamamoto Matsumoto Yılmaz Kaya Demir Şahin
Çelik Yıldız Aydın Öztürk Arslan Doğan Silva Ferreira Pereira Oliveira Rodrigues Martins Sousa Carvalho
Gonçalves Almeida Popescu Ionescu Dumitru Stan Nagy Kovács Tóth Szabó Horváth Shevchenko Kovalenko
Bondarenko Tkachenko Novák Svoboda Dvořák Černý Procházka Rahimi Hosseini Karimi Tehrani Moradi Jafari
Sadeghi Qureshi Chaudhry Siddiqui Malik Butt Akhtar Mirza Sheikh Hussain Iqbal Cohen Levy Friedman Goldberg
Katz Rosenberg Abramowitz Mizrahi Gayle Thompson Grant McKenzie Blackwood Forbes Ngata Tuhiwai Faleolo Tupou
Fifita Ioane Quispe Mamani Flores Rojas Vargas Castro Cárdenas Espinoza Villalobos Guzmán Okwuosa Adeleke
Ravensworth Quartermain Brightwell Oyinlola Duchesne Kowalczyk Szczepańska Lindholm Vasquez Tshabalala
Dlamini Nkosi Mokoena Van_Wyk Botha
""")))
SURNAMES = tuple(s.replace("_", " ") for s in SURNAMES)

# How tiny.en tends to write some names it has not seen often (ASR form only, now and then)
NAMES_AS_HEARD = {
    "Siobhan": "Shivaun", "Niamh": "Neve", "Aoife": "Eefa", "Tadhg": "Tige", "Saoirse": "Sersha",
    "Grainne": "Grania", "Oisin": "Osheen", "Padraig": "Porrig", "Eoin": "Owen", "Clodagh": "Cloda",
    "Ruairi": "Rory", "Ciaran": "Keeran", "Fiachra": "Feekra", "Muireann": "Mirren", "Dafydd": "David",
    "Wojciech": "Voytek", "Przemysław": "Shemmy Swav", "Jędrzej": "Yendrej", "Łukasz": "Lukash",
    "Zsófia": "Sofia", "Jiří": "Yiri", "Chukwuemeka": "Chuck Emeka", "Xiaoming": "Shao Ming", "Xinyi": "Shin Yi",
    "Nguyen": "Win", "Xie": "Shay", "Zhou": "Joe", "Ó Ceallaigh": "O'Kelly", "Mac Lochlainn": "McLoughlin",
    "Ní Bhriain": "Nee Vreen", "Wiśniewski": "Vishnevsky", "Dąbrowski": "Dombrowski", "Etxeberria": "Echeverria",
    "Leung": "Leong", "Iñigo": "Inigo", "Yılmaz": "Yilmaz", "Tuhiwai": "Too He Why", "Eilidh": "Ayley",
    "Sioned": "Shon Ed", "Oluwaseun": "Oluwa Shaun", "Szczepańska": "Shcheh Panska", "Kateřina": "Katerina",
    "Tigist": "Tigest", "Ondřej": "Ondrej", "Dmytro": "Dmitro", "Yohannes": "Johannes", "Hyunwoo": "Hyun Woo",
}

TITLES = ("Mr", "Ms", "Mrs", "Dr", "Miss", "Mx")

# street stems invented for this set; suffixes and patterns per country below
STREET_STEMS = _lines("""
Ashcombe
Brindlewood
Corrowdale
Duncarrig
Elmsworth
Fennimore
Gallowbrook
Hazelgrave
Ivybridge Hollow
Juniper Rise
Kestrelmoor
Larchmere
Mossgiel
Netherfold
Oakhanger
Pellbrook
Quillon
Rushmere
Saltcote
Tamsin Ridge
Umberleigh
Vellacott
Wrenfield
Yarrowdale
Amberlow
Blackthorn Chase
Cinderford Hill
Drovers Gap
Eastwyn
Foxglove
Greyfriars Mill
Hollins Cross
Inchcolm
Kingsmere Vale
Lapwing
Marram
Nutley Heath
Orchard Leigh
Pippin
Ravensholt
Sorrelby
Thistledown
Underhill Green
Wickhamford
Alder Carr
Bellwood
Cloverdale
Dunmore Park
Rathmore
Glenaulin
Ardkeen
Ballinteer Wood
Carrigmore
Wattle Grove
Banksia
Jacaranda Hill
Kookaburra
Ironbark
Saltbush
Tamarack
Birchcliff
Maplecrest
Sumac
Cedarvale
Tallgrass
Prairie Rose
Willowbend
Copperleaf
Sandpiper
Heronsgate
Mistral
Cobble Reach
Harbourview
Lantern
Quarry Bank
Sextant
Tollgate
Windrush
""")
EU_STREETS = {
    "DE": _lines("Lindenhofstraße\nAm Erlengrund\nKastanienweg\nMühlbachstraße\nBirkenallee\nSonnenhang\n"
                 "Holunderweg\nAm Kiefernhain\nFalkensteiner Gasse\nWiesengrund"),
    "AT": _lines("Lindengasse\nMarillenweg\nAm Föhrenwald\nKlostergasse\nSchwalbenstraße\nEichengrund"),
    "FR": _lines("rue des Tilleuls Gris\nimpasse du Vieux Puits\nallée des Glycines\nrue de la Fontaine Claire\n"
                 "chemin des Vignes Hautes\nrue du Moulin Rouge\navenue des Platanes\nrue des Hirondelles"),
    "BE": _lines("Kastanjelaan\nrue des Glycines\nLindenstraat\nchaussée de la Forêt\nMeidoornlaan\nrue du Verger"),
    "NL": _lines("Vlierstraat\nMolenkade\nBerkenlaan\nZwanenwater\nHazelaarhof\nLijsterbesweg\nDistelvink\n"
                 "Kievitstraat"),
    "ES": _lines("Calle del Almendro Alto\nCalle de las Almenas\nAvenida de los Olivos\nCalle del Pozo Viejo\n"
                 "Paseo de las Acacias\nCalle de la Higuera"),
    "IT": _lines("Via dei Gelsomini\nVia del Melograno\nViale delle Querce\nVia della Fonte Chiara\n"
                 "Via dei Tigli\nVicolo del Pozzo"),
    "PT": _lines("Rua das Oliveiras\nRua do Pomar Velho\nAvenida das Acácias\nTravessa do Moinho"),
    "PL": _lines("ul. Lipowa\nul. Jaśminowa\nul. Kasztanowa\nul. Pod Wierzbami\nul. Słoneczna"),
    "SE": _lines("Björkvägen\nLönngatan\nRönnbärsstigen\nHasselbacken\nAlgränd"),
    "FI": _lines("Koivukatu\nPihlajatie\nKatajapolku\nTuomikuja\nHaapakuja"),
    "DK": _lines("Egevej\nBøgeallé\nHyldebærvej\nMågevej\nRønnevej"),
}
CITIES = {
    "US": (("Portland", "Oregon"), ("Tucson", "Arizona"), ("Columbus", "Ohio"), ("Raleigh", "North Carolina"),
           ("Madison", "Wisconsin"), ("Boise", "Idaho"), ("Tampa", "Florida"), ("Albany", "New York"),
           ("Omaha", "Nebraska"), ("Austin", "Texas"), ("Spokane", "Washington"), ("Lowell", "Massachusetts")),
    "CA": (("Toronto", "Ontario"), ("Halifax", "Nova Scotia"), ("Calgary", "Alberta"), ("Victoria", "BC"),
           ("Winnipeg", "Manitoba"), ("Ottawa", "Ontario"), ("Saskatoon", "Saskatchewan")),
    "AU": (("Brunswick", "Victoria"), ("Newtown", "NSW"), ("Fremantle", "WA"), ("Toowong", "Queensland"),
           ("Glenelg", "South Australia"), ("Sandy Bay", "Tasmania")),
    "UK": (("Leeds", ""), ("Bristol", ""), ("Manchester", ""), ("Cardiff", ""), ("Glasgow", ""), ("Norwich", ""),
           ("Leicester", ""), ("Brighton", ""), ("York", ""), ("Belfast", "")),
    "IE": (("Galway", "County Galway"), ("Cork", "County Cork"), ("Rathmines", "Dublin 6"),
           ("Drogheda", "County Louth"), ("Ennis", "County Clare"), ("Tralee", "County Kerry")),
    "DE": (("Berlin", ""), ("Leipzig", ""), ("Köln", ""), ("Hamburg", ""), ("Freiburg", "")),
    "AT": (("Wien", ""), ("Graz", ""), ("Linz", "")),
    "FR": (("Lyon", ""), ("Nantes", ""), ("Lille", ""), ("Toulouse", "")),
    "BE": (("Ixelles", ""), ("Gent", ""), ("Leuven", ""), ("Namur", "")),
    "NL": (("Utrecht", ""), ("Haarlem", ""), ("Groningen", ""), ("Delft", "")),
    "ES": (("Madrid", ""), ("Valencia", ""), ("Sevilla", ""), ("Bilbao", "")),
    "IT": (("Milano", ""), ("Bologna", ""), ("Torino", ""), ("Verona", "")),
    "PT": (("Lisboa", ""), ("Porto", ""), ("Braga", "")),
    "PL": (("Warszawa", ""), ("Kraków", ""), ("Gdańsk", "")),
    "SE": (("Stockholm", ""), ("Göteborg", ""), ("Uppsala", "")),
    "FI": (("Helsinki", ""), ("Tampere", ""), ("Turku", "")),
    "DK": (("København", ""), ("Aarhus", ""), ("Odense", "")),
}
EU = ("DE", "FR", "NL", "ES", "IT", "BE", "AT", "PL", "PT", "SE", "FI", "DK")
COUNTRY_WEIGHTS = {"US": 70, "UK": 58, "IE": 34, "CA": 30, "AU": 30, "DE": 11, "FR": 10, "NL": 10, "ES": 9, "IT": 9,
                   "BE": 6, "AT": 5, "PL": 5, "PT": 5, "SE": 4, "FI": 4, "DK": 4}
MONTH_FIRST = ("US", "CA")


# --------------------------------------------------------------------------------------------
# The call's cast and context
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """A fake person: first name and surname drawn independently."""

    first: str
    last: str
    title: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(frozen=True)
class Card:
    """A test-range card with its expiry and security code."""

    brand: str
    number: str
    groups: tuple[int, ...]
    month: int
    year: int
    cvv: str


@dataclass
class Ctx:
    """Everything one call draws from: its random generator and its cast."""

    rng: random.Random
    country: str
    scenario: str
    industry: str
    company: str
    domain: str
    rep: Person
    cust: Person
    products: tuple[str, ...]
    qty_nouns: tuple[str, ...]
    card: Card | None = None
    seen: dict[str, str] = field(default_factory=dict)

    def fits(self, tags: str) -> bool:
        """Whether a phrasing tagged ``[tags]`` suits this call (a tag names a scenario or an industry)."""
        where = f"{self.scenario} {self.industry}"
        return not tags or any(t in where for t in tags.split())

    def pick(self, pool: Sequence[str]) -> str:
        """One phrasing of ``pool`` that suits the call, not the one this call used last from the same pool."""
        key = str(id(pool))
        usable = [p for p in pool if self.fits(tag_of(p)[0])]
        choices = [p for p in usable if p != self.seen.get(key)] or usable
        out = self.rng.choice(choices)
        self.seen[key] = out
        return tag_of(out)[1]


def new_person(rng: random.Random) -> Person:
    """A person with a given name and a surname from different lists, drawn independently."""
    return Person(rng.choice(GIVEN_NAMES), rng.choice(SURNAMES), rng.choice(TITLES))


def fold(text: str) -> str:
    """ASCII letters of ``text`` (accents dropped), for e-mails and spellings."""
    text = text.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("ß", "ss").replace("ı", "i")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def name_asr(rng: random.Random, name: str) -> str:
    """A name as tiny.en may write it: now and then as heard ("Niamh" -> "Neve")."""
    if name in NAMES_AS_HEARD and rng.random() < 0.6:
        return NAMES_AS_HEARD[name]
    return " ".join(NAMES_AS_HEARD[w] if w in NAMES_AS_HEARD and rng.random() < 0.6 else w for w in name.split())


def person(ctx: Ctx, name: str, *, rep: bool = False, odd: bool = False) -> Slot:
    """A person's name as a labelled value."""
    return ent("person", name, name_asr(ctx.rng, name), rep=rep, odd=odd)


def spelled(ctx: Ctx, word: str) -> Slot:
    """A surname spelled out letter by letter ("S-M-Y-T-H"): its own person value."""
    words = [[c.upper() for c in fold(w) if c.isalpha()] for w in word.replace("'", " ' ").split()]
    dash = ctx.rng.random() < 0.6
    parts = []
    for w in words:
        if not w:
            parts.append("apostrophe")
        else:
            parts.append(("-" if dash else " ").join(w))
    written = ", ".join(parts) if len(words) > 1 and "apostrophe" not in parts else " ".join(parts)
    asr = ctx.rng.choice((written, " ".join(" ".join(w) if w else "apostrophe" for w in words),
                          "-".join("".join(w) for w in words if w)))
    return ent("person", written, asr, odd=True)


# --------------------------------------------------------------------------------------------
# Value makers: each returns written and ASR renderings
# --------------------------------------------------------------------------------------------

CARD_RANGES = (("Visa", "400000", 16), ("Visa", "411111", 16), ("Visa", "424242", 16), ("Visa", "401288", 16),
               ("Visa", "400005", 16), ("Mastercard", "555555", 16), ("Mastercard", "510510", 16),
               ("Mastercard", "222300", 16), ("Mastercard", "520082", 16), ("Amex", "378282", 15),
               ("Amex", "371449", 15), ("Amex", "340000", 15), ("Discover", "601111", 16),
               ("Discover", "601100", 16), ("JCB", "353011", 16), ("Diners", "362272", 14), ("Diners", "305693", 14))
KNOWN_TEST_CARDS = (("Visa", "4242424242424242"), ("Visa", "4000056655665556"), ("Visa", "4012888888881881"),
                    ("Mastercard", "5555555555554444"), ("Mastercard", "5105105105105100"),
                    ("Mastercard", "2223003122003222"), ("Amex", "378282246310005"), ("Amex", "371449635398431"),
                    ("Discover", "6011111111111117"), ("Discover", "6011000990139424"),
                    ("JCB", "3566002020360505"), ("Diners", "36227206271667"), ("Diners", "3056930009020004"))
CARD_GROUPS = {16: (4, 4, 4, 4), 15: (4, 6, 5), 14: (4, 6, 4)}


def make_card(rng: random.Random) -> Card:
    """A card from a published test number or a test prefix with a Luhn digit; expiry after today."""
    if rng.random() < 0.3:
        brand, number = rng.choice(KNOWN_TEST_CARDS)
    else:
        brand, prefix, n = rng.choice(CARD_RANGES)
        number = luhn_complete(prefix + "".join(str(rng.randrange(10)) for _ in range(n - len(prefix) - 1)))
    cvv_len = 4 if brand == "Amex" else 3
    cvv = "".join(str(rng.randrange(10)) for _ in range(cvv_len))
    return Card(brand, number, CARD_GROUPS[len(number)], rng.randint(1, 12), rng.randint(2027, 2032), cvv)


def other_grouping(rng: random.Random, n: int, groups: Sequence[int]) -> tuple[int, ...]:
    """A grouping of ``n`` digits unlike ``groups`` (how a rep reads a number back their own way)."""
    options = [(2,) * (n // 2) + ((1,) if n % 2 else ()), (4,) * (n // 4) + ((n % 4,) if n % 4 else ()),
               (3,) * (n // 3) + ((n % 3,) if n % 3 else ()), (n // 2, n - n // 2)]
    options = [o for o in options if tuple(o) != tuple(groups)]
    return tuple(rng.choice(options))


def expiry_say(rng: random.Random, month: int, year: int, form: str | None = None) -> tuple[str, str]:
    """An expiry date said one of the ways people say it ("oh nine twenty-eight", "09/28", ...)."""
    yy = year % 100
    mm = f"{month:02d}"
    zero = rng.choice(("oh", "oh", "zero"))
    mw = f"{zero} {ONES[month]}" if month < 10 else words_99(month)
    name, abbr = MONTHS[month - 1], MONTH_ABBR[month - 1]
    form = form or rng.choices(
        ("typed2", "typed1", "typed4", "spoken", "spoken_digits", "name_yy", "name_yyyy", "abbr", "slash_words",
         "zero_slash", "name_of"), (14, 8, 6, 16, 8, 14, 10, 6, 7, 5, 6))[0]
    if form == "typed2":
        return f"{mm}/{yy}", rng.choice((f"{mm}/{yy}", f"{month}/{yy}", f"{mm} {yy}", f"{mm}-{yy}"))
    if form == "typed1":
        return f"{month}/{yy}", rng.choice((f"{month}/{yy}", f"{month} {yy}"))
    if form == "typed4":
        return f"{mm}/{year}", rng.choice((f"{mm}/{year}", f"{month}/{year}", f"{mm} {year}"))
    if form == "spoken":
        asr = rng.choice((f"{mm} {yy}", f"{mm}/{yy}", f"{mm}{yy}", f"{month} {yy}",
                          f"o{month} {yy}" if month < 10 and zero == "oh" else f"{mm}, {yy}"))
        return f"{mw} {words_99(yy)}", asr
    if form == "spoken_digits":
        return f"{mw}, {ONES[yy // 10]} {ONES[yy % 10]}", rng.choice((f"{mm}, {yy}", " ".join(mm + str(yy))))
    if form == "name_yy":
        return f"{name} {words_99(yy)}", rng.choice((f"{name} {yy}", f"{name} 20{yy}", f"{name}, {yy}"))
    if form == "name_yyyy":
        return f"{name} {year}", rng.choice((f"{name} {year}", f"{name}, {year}"))
    if form == "abbr":
        return f"{abbr} '{yy}", rng.choice((f"{abbr} {yy}", f"{name} {yy}", f"{abbr}. {yy}"))
    if form == "slash_words":
        return (f"{words_99(month)} slash {ONES[yy // 10]} {ONES[yy % 10]}",
                rng.choice((f"{month}/{yy}", f"{month} slash {yy}")))
    if form == "zero_slash":
        return f"{mw} slash {words_99(yy)}", rng.choice((f"{mm}/{yy}", f"{mm} slash {yy}"))
    return f"{name} of {year}", rng.choice((f"{name} of {year}", f"{name} {year}"))


def cvv_say(rng: random.Random, cvv: str) -> tuple[str, str]:
    """A security code said bare ("seven three one", "seven thirty-one", "731")."""
    style = rng.choices(("typed", "single", "pairs", "mixed"), (35, 40, 15, 10))[0]
    if style == "pairs" and len(cvv) == 3 and cvv[1] == "0":
        style = "single"
    return say_digits(rng, cvv, (len(cvv),), style=style, typed_sep="")


NATO = {c: w for c, w in zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", _words(
    "Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliet Kilo Lima Mike November Oscar Papa Quebec "
    "Romeo Sierra Tango Uniform Victor Whiskey X-ray Yankee Zulu"), strict=True)}
EVERYDAY = {c: w for c, w in zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", _words(
    "Apple Boy Charlie David Edward Freddie George Harry India Jack King London Mary Nancy Oscar Peter Queen "
    "Robert Sugar Tommy Uncle Victor William X-ray Yellow Zebra"), strict=True)}


def letters_say(rng: random.Random, letters: str, style: str) -> tuple[str, str]:
    """Letters said plainly ("N W"), in the NATO alphabet ("November Whiskey") or "N for November"."""
    if style == "plain":
        w = " ".join(letters)
        return w, rng.choice((w, letters))
    if style == "nato":
        w = " ".join(NATO[c] for c in letters)
        return w, w
    book = NATO if rng.random() < 0.6 else EVERYDAY
    how = rng.choice((" for ", " as in "))
    w = ", ".join(f"{c}{how}{book[c]}" for c in letters)
    return w, w if rng.random() < 0.7 else w.replace(",", "")


def code_say(rng: random.Random, code: str, groups: Sequence[int], *, typed: bool, letter_style: str = "plain",
             digit_style: str = "single", zero: str = "oh", plain_prefix: int = 0) -> tuple[str, str]:
    """A code of letters and digits (an IBAN, an id) said group by group, or typed as its groups."""
    chunks, i = [], 0
    for g in groups:
        chunks.append(code[i:i + g])
        i += g
    if typed:
        written = " ".join(chunks)
        asr = rng.choice((written, written, "".join(chunks), " ".join(" ".join(c) if rng.random() < 0.3 else c
                                                                          for c in chunks)))
        return written, asr
    w_groups, a_groups = [], []
    pos = 0
    for chunk in chunks:
        w_parts, a_parts = [], []
        for run in re.findall(r"[A-Z]+|\d+", chunk):
            if run.isdigit():
                style = digit_style if len(run) > 1 else "single"
                plan = digit_plan(run, (len(run),), style)
                w_parts.append(plan_written(plan, zero))
                a_parts.append("".join(_tok_digits(t) for g in plan for t in g))
            else:
                style = "plain" if pos < plain_prefix else letter_style
                w, a = letters_say(rng, run, style)
                w_parts.append(w)
                a_parts.append(a)
            pos += len(run)
        w_groups.append(" ".join(w_parts))
        a_groups.append(" ".join(a_parts))
    return ", ".join(w_groups), rng.choice((" ", ", ", " ")).join(a_groups)


def make_iban(rng: random.Random, country: str) -> str:
    """A fake IBAN for ``country`` (random bank code and account, correct mod-97 check digits)."""
    bban = "".join(rng.choice(CODE_LETTERS) if c == "a" else str(rng.randrange(10)) for c in IBAN_BBAN[country])
    return iban_make(country, bban)


def make_routing(rng: random.Random) -> str:
    """A US routing number with a Federal Reserve prefix and a valid ABA checksum."""
    head = f"{rng.choice(list(range(1, 13)) + list(range(21, 33))):02d}" + "".join(
        str(rng.randrange(10)) for _ in range(6))
    return next(head + d for d in "0123456789" if aba_ok(head + d))


def dob_say(rng: random.Random, d: dt.date, month_first: bool, form: str | None = None) -> tuple[str, str]:
    """A date of birth said one of the many ways people say it, day-first or month-first."""
    name = MONTHS[d.month - 1]
    yw = year_words(rng, d.year)
    syw = short_year_words(d.year)
    yy = f"{d.year % 100:02d}"
    zero = rng.choice(("oh", "oh", "zero"))
    mw = f"{zero} {ONES[d.month]}" if d.month < 10 else words_99(d.month)
    dw = f"{zero} {ONES[d.day]}" if d.day < 10 else words_99(d.day)
    forms = ("long_digits", "spoken_ord", "typed_slash", "typed_short", "spoken_numbers", "short_year", "spoken_long")
    weights = (16, 18, 14, 8, 14, 10, 14)
    if not month_first:
        forms += ("ord_of_ord", "dotted")
        weights += (6, 4)
    form = form or rng.choices(forms, weights)[0]
    if form == "long_digits":
        if month_first:
            w = rng.choice((f"{name} {ordinal(d.day)}, {d.year}", f"{name} {d.day}, {d.year}"))
            return w, rng.choice((w, f"{name} {d.day} {d.year}", w.replace(",", "")))
        w = rng.choice((f"{ordinal(d.day)} {name} {d.year}", f"{d.day} {name} {d.year}",
                        f"the {ordinal(d.day)} of {name} {d.year}"))
        return w, rng.choice((w, w.replace("the ", ""), f"{d.day} {name} {d.year}"))
    if form == "spoken_ord":
        if month_first:
            return f"{name} {ordinal_words(d.day)}, {yw}", rng.choice(
                (f"{name} {ordinal(d.day)}, {d.year}", f"{name} {ordinal(d.day)} {d.year}"))
        return rng.choice((f"the {ordinal_words(d.day)} of {name}, {yw}", f"{ordinal_words(d.day)} of {name} {syw}")), \
            rng.choice((f"{ordinal(d.day)} of {name}, {d.year}", f"the {ordinal(d.day)} of {name} {yy}",
                        f"{ordinal(d.day)} of {name} {yy}"))
    if form == "typed_slash":
        w = f"{d.month:02d}/{d.day:02d}/{d.year}" if month_first else f"{d.day:02d}/{d.month:02d}/{d.year}"
        a = rng.choice((w, w.replace("/", " "), f"{d.month}/{d.day}/{d.year}" if month_first
                        else f"{d.day}/{d.month}/{d.year}"))
        return w, a
    if form == "typed_short":
        w = f"{d.month}/{d.day}/{yy}" if month_first else f"{d.day}/{d.month}/{yy}"
        return w, rng.choice((w, w.replace("/", "-")))
    if form == "spoken_numbers":
        w = f"{mw}, {dw}, {syw}" if month_first else f"{dw}, {mw}, {syw}"
        a_mm, a_dd = f"{d.month:02d}", f"{d.day:02d}"
        a = f"{a_mm} {a_dd} {yy}" if month_first else f"{a_dd} {a_mm} {yy}"
        return w, rng.choice((a, a.replace(" ", ", "), a.replace(" ", "-"), a.replace(" ", "")))
    if form == "short_year":
        if month_first:
            return f"{name} {ordinal(d.day)}, '{yy}", rng.choice((f"{name} {ordinal(d.day)}, {yy}",
                                                                f"{name} {ordinal(d.day)} {yy}"))
        return f"the {ordinal(d.day)} of {name} '{yy}", rng.choice((f"the {ordinal(d.day)} of {name} {yy}",
                                                                   f"{ordinal(d.day)} of {name} {yy}"))
    if form == "spoken_long":
        if month_first:
            return f"{name} {words_99(d.day)}, {yw}", f"{name} {d.day}, {d.year}"
        return f"{words_99(d.day)} {name} {yw}", rng.choice((f"{d.day} {name} {d.year}", f"{d.day}th {name} {d.year}"
                                                              if d.day > 3 and d.day not in (21, 22, 23, 31)
                                                              else f"{d.day} {name} {d.year}"))
    if form == "ord_of_ord":
        return (f"the {ordinal_words(d.day)} of the {ordinal_words(d.month)}, {syw}",
                f"{ordinal(d.day)} of the {ordinal(d.month)} {yy}")
    w = f"{d.day:02d}.{d.month:02d}.{d.year}"
    return w, rng.choice((w, f"{d.day} {d.month} {d.year}"))


def day_month_say(rng: random.Random, d: dt.date, month_first: bool) -> tuple[str, str]:
    """The day and month of a birthday without the year ("March twelfth", "the 12th of March")."""
    name = MONTHS[d.month - 1]
    if month_first:
        return rng.choice(((f"{name} {ordinal_words(d.day)}", f"{name} {ordinal(d.day)}"),
                           (f"{name} {ordinal(d.day)}", f"{name} {d.day}")))
    return rng.choice(((f"the {ordinal_words(d.day)} of {name}", f"the {ordinal(d.day)} of {name}"),
                       (f"{ordinal(d.day)} of {name}", f"{ordinal(d.day)} of {name}"),
                       (f"{ordinal_words(d.day)} of {name}", f"{d.day} {name}")))


def birth_year_say(rng: random.Random, d: dt.date) -> tuple[str, str]:
    """The year of a birthday said alone ("nineteen eighty-eight", "'88")."""
    yy = f"{d.year % 100:02d}"
    return rng.choice(((year_words(rng, d.year), str(d.year)), (f"'{yy}", yy), (str(d.year), str(d.year)),
                       (short_year_words(d.year), yy)))


def make_dob(rng: random.Random, young: bool = False) -> dt.date:
    """A birthday: an adult's, or a child's or student's when ``young``."""
    lo, hi = (2004, 2020) if young else (1942, 2005)
    return dt.date(rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28))


# --------------------------------------------------------------------------------------------
# Addresses
# --------------------------------------------------------------------------------------------

ADDR_TYPES = {
    "US": ("Street", "Avenue", "Road", "Lane", "Drive", "Court", "Boulevard", "Way", "Place", "Terrace", "Circle",
           "Trail", "Parkway"),
    "CA": ("Street", "Avenue", "Crescent", "Road", "Drive", "Boulevard", "Court", "Way", "Gate"),
    "AU": ("Street", "Road", "Parade", "Crescent", "Avenue", "Close", "Terrace", "Place", "Grove"),
    "UK": ("Road", "Lane", "Street", "Close", "Gardens", "Crescent", "Mews", "Grove", "Way", "Terrace", "Rise"),
    "IE": ("Park", "Road", "Avenue", "Grove", "Close", "Lawn", "Drive", "Court", "Heights", "View"),
}
UK_AREAS = ("LS", "M", "B", "BS", "CF", "G", "EH", "NR", "LE", "BN", "YO", "BT", "S", "NE", "L", "OX", "CB", "SW",
            "SE", "N", "E", "DN", "HU", "PL", "EX", "TQ")
UK_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
EIRCODE_KEYS = ("D06", "D08", "D6W", "A94", "T12", "H91", "V94", "F94", "X91", "R95", "P31", "W23")
EIRCODE_CHARS = "ACDEFHKNPRTVWXY0123456789"
CA_POST_LETTERS = "ABCEGHJKLMNPRSTVXY"


@dataclass(frozen=True)
class Address:
    """A fake address: street line, a unit said apart (or None), postcode and the town beside it."""

    street: tuple[str, str]
    unit: tuple[str, str] | None
    postcode: tuple[str, str]
    town: tuple[str, str]


def _house_number(rng: random.Random, n: int) -> tuple[str, str]:
    """A house number, now and then in words ("forty-eight twenty-one")."""
    s = str(n)
    if len(s) == 4 and rng.random() < 0.35 and s[2] != "0":
        return f"{words_99(int(s[:2]))} {words_99(int(s[2:]))}", s
    if len(s) == 3 and rng.random() < 0.25 and s[1] != "0":
        return f"{ONES[int(s[0])]} {words_99(int(s[1:]))}", s
    if len(s) <= 2 and rng.random() < 0.2:
        return words_99(n), s
    return s, s


def _letters_digits_say(rng: random.Random, code: str) -> tuple[str, str]:
    """A postcode said character by character ("L S six, two Q T"), or as typed."""
    if rng.random() < 0.45:
        return code, rng.choice((code, code.replace(" ", ""), code))
    words = []
    for part in code.split():
        said = []
        for c in part:
            said.append(c if c.isalpha() else rng.choice((ONES[int(c)], ONES[int(c)], "oh" if c == "0" else ONES[int(c)])))
        words.append(" ".join(said))
    return ", ".join(words), rng.choice((code, " ".join(code.replace(" ", "")), code.replace(" ", "")))


def make_address(ctx: Ctx) -> Address:
    """A fake street address in ``ctx.country``'s usual shape."""
    rng, c = ctx.rng, ctx.country
    stem = rng.choice(STREET_STEMS)
    unit: tuple[str, str] | None = None
    if c in ("US", "CA"):
        hw, ha = _house_number(rng, rng.randint(12, 9890))
        line = f"{stem} {rng.choice(ADDR_TYPES[c])}"
        apt_n = rng.choice((str(rng.randint(1, 30)), f"{rng.randint(1, 9)}{rng.choice('ABCDEF')}",
                            str(rng.randint(100, 950))))
        apt = rng.choice(("Apt", "Apartment", "Unit", "Suite", "#"))
        apt_w = f"#{apt_n}" if apt == "#" else f"{apt} {apt_n}"
        street = (f"{hw} {line}", f"{ha} {line}")
        r = rng.random()
        if r < 0.3:
            street = (f"{street[0]}, {apt_w}", f"{street[1]} {apt_w.replace('Apartment', 'apartment')}")
        elif r < 0.5:
            unit = (apt_w.replace("#", "number "), apt_w.replace("#", "number "))
        if c == "US":
            z = f"{rng.randint(1001, 99850):05d}"
            z = z + f"-{rng.randint(1000, 9999)}" if rng.random() < 0.15 else z
            pc = say_digits(rng, z.replace("-", ""), (5, 4) if "-" in z else (5,), style="single") \
                if rng.random() < 0.35 else (z, z)
        else:
            code = (f"{rng.choice(CA_POST_LETTERS)}{rng.randrange(10)}{rng.choice(CA_POST_LETTERS)} "
                    f"{rng.randrange(10)}{rng.choice(CA_POST_LETTERS)}{rng.randrange(10)}")
            pc = _letters_digits_say(rng, code)
        city, state = rng.choice(CITIES[c])
        return Address(street, unit, pc, (f"{city}, {state}", rng.choice((f"{city}, {state}", f"{city} {state}"))))
    if c == "AU":
        hw, ha = _house_number(rng, rng.randint(1, 240))
        line = f"{stem} {rng.choice(ADDR_TYPES['AU'])}"
        r = rng.random()
        u = rng.randint(1, 24)
        if r < 0.3:
            street = (f"Unit {u}, {hw} {line}", f"unit {u} {ha} {line}")
        elif r < 0.5:
            street = (f"{u}/{ha} {line}", rng.choice((f"{u}/{ha} {line}", f"{u} {ha} {line}")))
        else:
            street = (f"{hw} {line}", f"{ha} {line}")
        pcd = str(rng.randint(2000, 7999))
        pc = say_digits(rng, pcd, (4,), style=rng.choice(("single", "pairs", "typed")), typed_sep="")
        suburb, state = rng.choice(CITIES["AU"])
        return Address(street, unit, pc, (f"{suburb}, {state}", f"{suburb} {state}"))
    if c in ("UK", "IE"):
        hw, ha = _house_number(rng, rng.randint(1, 180))
        line = f"{stem} {rng.choice(ADDR_TYPES[c])}"
        flat = rng.choice(("Flat", "Flat", "Apartment")) + " " + rng.choice(
            (str(rng.randint(1, 40)), f"{rng.randint(1, 9)}{rng.choice('ABCD')}"))
        r = rng.random()
        if r < 0.35:
            street = (f"{flat}, {hw} {line}", f"{flat.lower() if rng.random() < 0.4 else flat} {ha} {line}")
        elif r < 0.5:
            street = (f"{hw} {line}", f"{ha} {line}")
            unit = (flat.lower(), flat.lower())
        else:
            street = (f"{hw} {line}", f"{ha} {line}")
        if c == "UK":
            code = (f"{rng.choice(UK_AREAS)}{rng.randint(1, 28)} {rng.randrange(10)}"
                    f"{rng.choice(UK_UNIT_LETTERS)}{rng.choice(UK_UNIT_LETTERS)}")
        else:
            code = f"{rng.choice(EIRCODE_KEYS)} " + "".join(rng.choice(EIRCODE_CHARS) for _ in range(4))
        pc = _letters_digits_say(rng, code)
        town, county = rng.choice(CITIES[c])
        town_text = f"{town}, {county}" if county else town
        return Address(street, unit, pc, (town_text, town_text.replace(",", "")))
    stem = rng.choice(EU_STREETS[c])
    n = rng.randint(1, 140)
    hw, ha = _house_number(rng, n)
    extra = {"DE": f"{rng.randint(1, 5)}. Stock", "AT": f"Tür {rng.randint(1, 20)}", "FR": f"appartement {rng.randint(2, 60)}",
             "BE": f"bus {rng.randint(1, 12)}", "NL": f"{rng.choice(('I', 'II', 'III'))}", "ES": f"{rng.randint(1, 8)}º {rng.choice('ABCD')}",
             "IT": f"interno {rng.randint(1, 30)}", "PT": f"{rng.randint(1, 6)}º Esq", "PL": f"m. {rng.randint(1, 80)}",
             "SE": f"lgh {rng.randint(1001, 1504)}", "FI": f"B {rng.randint(1, 40)}", "DK": f"{rng.randint(1, 5)}. tv"}[c]
    if c == "FR":
        base = (f"{hw} {stem}", f"{ha} {stem}")
    else:
        base = (f"{stem} {hw}", f"{stem} {ha}")
    r = rng.random()
    if r < 0.35:
        street = (f"{base[0]}, {extra}", f"{base[1]} {extra}")
    elif r < 0.5:
        street, unit = base, (extra, extra)
    else:
        street = base
    code = {"NL": f"{rng.randint(1000, 9999)} {rng.choice(CODE_LETTERS)}{rng.choice(CODE_LETTERS)}",
            "PL": f"{rng.randint(10, 99)}-{rng.randint(100, 999)}", "PT": f"{rng.randint(1000, 4999)}-{rng.randint(100, 999)}",
            "SE": f"{rng.randint(100, 989)} {rng.randint(10, 99)}", "AT": str(rng.randint(1010, 9990)),
            "BE": str(rng.randint(1000, 9990)), "DK": str(rng.randint(1000, 9990))}.get(c, f"{rng.randint(1000, 98999):05d}")
    if c == "NL" and rng.random() < 0.5:
        num, letters = code.split()
        pc = (f"{words_99(int(num[:2]))} {words_99(int(num[2:]))} {' '.join(letters)}" if num[2] != "0" else code,
              rng.choice((code, code.replace(" ", ""))))
    elif code.isdigit() and rng.random() < 0.4:
        pc = say_digits(rng, code, (len(code),), style="single")
    else:
        pc = (code, code)
    town, _ = rng.choice(CITIES[c])
    return Address(street, unit, pc, (town, town))


# --------------------------------------------------------------------------------------------
# Phones, e-mails, ids
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Phone:
    """A phone number: national digits and grouping, and the same without the trunk 0 after a country code."""

    national: str
    groups: tuple[int, ...]
    cc: str
    intl: str
    intl_groups: tuple[int, ...]


def _rand_digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(n))


US_AREAS = ("212", "312", "415", "503", "617", "702", "813", "919", "404", "206", "512", "608", "720", "614")
CA_AREAS = ("416", "604", "403", "902", "613", "204", "306", "587", "647")


def make_phone(ctx: Ctx) -> Phone:
    """A phone number in the country's format: US/CA 555-01xx, UK Ofcom drama ranges, AU ACMA ranges."""
    rng, c = ctx.rng, ctx.country
    if c in ("US", "CA"):
        n = rng.choice(US_AREAS if c == "US" else CA_AREAS) + "55501" + _rand_digits(rng, 2)
        return Phone(n, (3, 3, 4), "1", n, (3, 3, 4))
    if c == "UK":
        r = rng.random()
        if r < 0.55:
            n = "07700900" + _rand_digits(rng, 3)
            return Phone(n, rng.choice(((5, 3, 3), (5, 6))), "44", n[1:], (4, 3, 3))
        if r < 0.8:
            n = "02079460" + _rand_digits(rng, 3)
            return Phone(n, (3, 4, 4), "44", n[1:], (2, 4, 4))
        n = "01" + rng.choice(("13", "14", "15", "16", "17", "18")) + "4960" + _rand_digits(rng, 3)
        return Phone(n, (4, 3, 4), "44", n[1:], (3, 3, 4))
    if c == "IE":
        n = "08" + rng.choice("35679") + _rand_digits(rng, 7) if rng.random() < 0.75 else "01" + _rand_digits(rng, 7)
        return Phone(n, (3, 3, 4) if n[1] == "8" else (2, 3, 4), "353", n[1:], (2, 3, 4) if n[1] == "8" else (1, 3, 4))
    if c == "AU":
        if rng.random() < 0.7:
            n = "049157" + _rand_digits(rng, 4)
            return Phone(n, (4, 3, 3), "61", n[1:], (3, 3, 3))
        n = rng.choice(("0255500", "0370100")) + _rand_digits(rng, 3)
        return Phone(n, (2, 4, 4), "61", n[1:], (1, 4, 4))
    spec = {"DE": ("015" + rng.choice("1279") + _rand_digits(rng, 8), (4, 4, 4), "49"),
            "AT": ("066" + rng.choice("0448") + _rand_digits(rng, 7), (4, 3, 4), "43"),
            "FR": ("0" + rng.choice("67") + _rand_digits(rng, 8), (2, 2, 2, 2, 2), "33"),
            "NL": ("06" + _rand_digits(rng, 8), (2, 4, 4), "31"),
            "BE": ("04" + rng.choice("789") + _rand_digits(rng, 7), (4, 2, 2, 2), "32"),
            "ES": ("6" + _rand_digits(rng, 8), (3, 3, 3), "34"),
            "IT": ("3" + rng.choice("2345") + _rand_digits(rng, 8), (3, 3, 4), "39"),
            "PL": (rng.choice("5678") + _rand_digits(rng, 8), (3, 3, 3), "48"),
            "PT": ("9" + rng.choice("1236") + _rand_digits(rng, 7), (3, 3, 3), "351"),
            "SE": ("07" + rng.choice("0236") + _rand_digits(rng, 7), (3, 3, 2, 2), "46"),
            "FI": ("04" + rng.choice("0145") + _rand_digits(rng, 7), (3, 3, 4), "358"),
            "DK": (rng.choice("2345") + _rand_digits(rng, 7), (2, 2, 2, 2), "45")}[c]
    n, groups, cc = spec
    if n[0] == "0":
        first = groups[0] - 1
        return Phone(n, groups, cc, n[1:], ((first,) if first else ()) + groups[1:])
    return Phone(n, groups, cc, n, groups)


def phone_say(ctx: Ctx, ph: Phone, *, intl: bool | None = None, pieces: int = 1,
              style: str | None = None) -> list[tuple[str, str]]:
    """A phone number said whole or in ``pieces``, nationally or with its country code."""
    rng = ctx.rng
    intl = rng.random() < 0.25 if intl is None else intl
    digits, groups = (ph.intl, ph.intl_groups) if intl else (ph.national, ph.groups)
    style = style or rng.choices(("typed", "single", "mixed", "tailpairs", "pairs"), (28, 24, 26, 14, 8))[0]
    zero = rng.choice(("oh", "oh", "zero"))
    parts = split_groups(rng, groups, pieces)
    out, i = [], 0
    for k, gs in enumerate(parts):
        n = sum(gs)
        w, a = say_digits(rng, digits[i:i + n], gs, style=style, zero=zero, typed_sep=" ")
        i += n
        if k == 0 and intl:
            cc_w = rng.choice((f"+{ph.cc}", f"plus {' '.join(ONES[int(d)] for d in ph.cc)}",
                               f"plus {words_99(int(ph.cc))}" if len(ph.cc) == 2 else f"+{ph.cc}",
                               f"double {zero} {' '.join(ONES[int(d)] for d in ph.cc)}"))
            cc_a = f"00{ph.cc}" if cc_w.startswith("double") else rng.choice((f"+{ph.cc}", f"plus {ph.cc}"))
            if style == "typed" and not cc_w.startswith("+"):
                cc_w = f"+{ph.cc}"
            w, a = f"{cc_w} {w}", f"{cc_a} {a}"
        out.append((w, a))
    return out


PERSONAL_DOMAINS = {
    "US": ("gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "hotmail.com", "aol.com"),
    "CA": ("gmail.com", "shaw.ca", "rogers.com", "outlook.com", "icloud.com"),
    "AU": ("bigpond.com", "optusnet.com.au", "gmail.com", "outlook.com", "icloud.com"),
    "UK": ("gmail.com", "btinternet.com", "yahoo.co.uk", "sky.com", "hotmail.co.uk", "outlook.com"),
    "IE": ("gmail.com", "eircom.net", "outlook.ie", "hotmail.com", "icloud.com"),
    "DE": ("gmx.de", "web.de", "t-online.de", "gmail.com"), "AT": ("gmx.at", "aon.at", "gmail.com"),
    "FR": ("orange.fr", "free.fr", "laposte.net", "gmail.com"), "BE": ("telenet.be", "skynet.be", "gmail.com"),
    "NL": ("ziggo.nl", "kpnmail.nl", "gmail.com"), "ES": ("gmail.com", "hotmail.es", "yahoo.es"),
    "IT": ("libero.it", "virgilio.it", "gmail.com"), "PT": ("sapo.pt", "gmail.com"), "PL": ("wp.pl", "onet.pl", "gmail.com"),
    "SE": ("telia.com", "gmail.com"), "FI": ("elisanet.fi", "gmail.com"), "DK": ("mail.dk", "gmail.com"),
}


def make_email(ctx: Ctx, who: Person, business: bool = False) -> str:
    """A fake e-mail address built from ``who``'s name."""
    rng = ctx.rng
    f = re.sub(r"[^a-z]", "", fold(who.first).lower())
    last = re.sub(r"[^a-z]", "", fold(who.last).lower())
    nn = str(rng.choice((rng.randint(1, 99), rng.randint(60, 99), rng.randint(1970, 2005))))
    local = rng.choice((f"{f}.{last}", f"{f[0]}{last}", f"{f}_{last}{nn}", f"{last}.{f[0]}", f"{f}{nn}",
                        f"{f}.{last}{nn}", f"{f[0]}.{last}", f"{f}{last}", f"{f}-{last}", f"{last}{f[0]}{nn}"))
    if business:
        local = rng.choice((f"{f}.{last}", f"{f[0]}{last}", f, f"{f}.{last[0]}"))
        return f"{local}@{ctx.domain}"
    return f"{local}@{rng.choice(PERSONAL_DOMAINS[ctx.country])}"


def _email_words(rng: random.Random, s: str, digits_as_words: bool) -> str:
    out = []
    for tok in re.findall(r"[a-z]+|\d+|[._-]", s):
        if tok == ".":
            out.append("dot")
        elif tok == "_":
            out.append("underscore")
        elif tok == "-":
            out.append(rng.choice(("dash", "hyphen")))
        elif tok.isdigit():
            if not digits_as_words:
                out.append(tok)
            elif len(tok) == 2 and tok[0] != "0":
                out.append(words_99(int(tok)))
            elif len(tok) == 4:
                out.append(f"{words_99(int(tok[:2]))} {words_99(int(tok[2:]))}" if tok[2] != "0"
                           else " ".join(ONES[int(d)] for d in tok))
            else:
                out.append(" ".join(ONES[int(d)] for d in tok))
        else:
            out.append(tok)
    return " ".join(out)


def email_say(rng: random.Random, addr: str, who: Person | None = None) -> tuple[str, str]:
    """An e-mail address said out ("jane dot doe at outlook dot com"), spelled, typed, or as
    "first last, all one word" when the local part is ``who``'s names run together."""
    local, domain = addr.split("@")
    form = rng.choices(("typed", "spoken", "spelled", "one_word"), (22, 56, 12, 10))[0]
    dom_w = _email_words(rng, domain, True)
    if form == "typed":
        return addr, rng.choice((addr, f"{_email_words(rng, local, False)} at {domain}"))
    if form == "spelled" and len(re.sub(r"[^a-z]", "", local)) <= 12:
        parts = []
        for tok in re.findall(r"[a-z]+|\d+|[._-]", local):
            parts.append("-".join(tok.upper()) if tok.isalpha() else _email_words(rng, tok, True))
        w = f"{' '.join(parts)} at {dom_w}"
        return w, rng.choice((addr, f"{' '.join(parts)} at {domain}", f"{local} at {domain}"))
    first = re.sub(r"[^a-z]", "", fold(who.first).lower()) if who else ""
    if form == "one_word" and first and local.startswith(first) and re.fullmatch(r"[a-z]+", local) \
            and len(local) > len(first) + 1:
        cut = len(first)
        w = f"{local[:cut]} {local[cut:]}, all one word, at {dom_w}"
        return w, rng.choice((addr, f"{local[:cut]} {local[cut:]} all one word at {domain}", f"{local} at {domain}"))
    w = f"{_email_words(rng, local, True)} at {dom_w}"
    return w, rng.choice((addr, addr, f"{_email_words(rng, local, False)} at {domain}",
                          f"{local} at {domain}", f"{_email_words(rng, local, False)} at {_email_words(rng, domain, False)}"))


@dataclass(frozen=True)
class IdSpec:
    """A fake identity number: what it is called on the phone, its characters, spoken groups, printed form."""

    kind: str
    name: str
    code: str
    groups: tuple[int, ...]
    printed: str


ID_KINDS = {
    "US": (("ssn", "Social Security number"), ("passport", "passport number"), ("licence", "driver's license number")),
    "UK": (("ni", "National Insurance number"), ("nhs", "NHS number"), ("passport", "passport number"),
           ("licence_uk", "driving licence number")),
    "IE": (("pps", "PPS number"), ("passport_ie", "passport number"), ("licence_ie", "driving licence number")),
    "CA": (("sin", "social insurance number"), ("health_on", "health card number"), ("passport_ca", "passport number")),
    "AU": (("tfn", "tax file number"), ("medicare", "Medicare card number"), ("licence_au", "driver licence number"),
           ("passport_au", "passport number")),
    "ES": (("dni", "DNI number"), ("nie", "NIE number")),
    "NL": (("bsn", "BSN, your citizen service number"), ("passport_nl", "passport number")),
    "IT": (("cf", "codice fiscale"), ("cie", "identity card number")),
    "DE": (("perso", "ID card number"), ("perso", "Personalausweis number")),
    "FR": (("passport_fr", "passport number"), ("cni", "national ID card number")),
    "BE": (("rrn", "national register number"),),
    "AT": (("passport_at", "passport number"),),
    "PL": (("pesel", "PESEL number"),),
    "PT": (("cc_pt", "citizen card number"),),
    "SE": (("pnr", "personal identity number"),),
    "FI": (("hetu", "personal identity code"),),
    "DK": (("cpr", "CPR number"),),
}
CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                  (1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8,
                   12, 14, 16, 10, 22, 25, 24, 23)))


def _chars(rng: random.Random, n: int, alphabet: str) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


ID_FOR_SCENARIO = {"rental": ("licence", "perso", "dni", "passport"), "travel": ("passport", "perso", "cni", "dni", "nie", "cie"),
                   "healthcare": ("nhs", "health", "medicare", "pps", "bsn", "cf", "ssn", "rrn", "pesel", "pnr",
                                  "hetu", "cpr", "cc_pt", "passport_at"),
                   "insurance claim": ("licence", "ni", "ssn", "sin", "tfn")}


def make_id(ctx: Ctx, kind: str, name: str, who: Person) -> IdSpec:
    """A fake id of ``kind``: never-issued ranges where there are some, check characters where the
    real ones have them, else random in the right shape."""
    rng = ctx.rng
    d = make_dob(rng)
    ymd = f"{d.year % 100:02d}{d.month:02d}{d.day:02d}"
    dmy = f"{d.day:02d}{d.month:02d}{d.year % 100:02d}"
    if kind == "ssn":
        code = rng.choice(("666", str(rng.randint(900, 999)))) + f"{rng.randint(1, 99):02d}" + f"{rng.randint(1, 9999):04d}"
        return IdSpec(kind, name, code, (3, 2, 4), f"{code[:3]}-{code[3:5]}-{code[5:]}")
    if kind in ("passport", "licence_ie"):
        code = str(rng.randint(1, 9)) + _rand_digits(rng, 8)
        return IdSpec(kind, name, code, (3, 3, 3), code)
    if kind == "licence":
        code = rng.choice(CODE_LETTERS) + _rand_digits(rng, 8)
        return IdSpec(kind, name, code, (1, 4, 4), code)
    if kind == "ni":
        code = (rng.choice("DFQUV") + rng.choice("ABCEGHJKLMNPRSTWXYZ") + _rand_digits(rng, 6) + rng.choice("ABCD"))
        return IdSpec(kind, name, code, (2, 2, 2, 2, 1), " ".join((code[:2], code[2:4], code[4:6], code[6:8], code[8])))
    if kind == "nhs":
        while True:
            body = "999" + _rand_digits(rng, 6)
            check = 11 - sum(int(c) * (10 - i) for i, c in enumerate(body)) % 11
            if check != 10:
                code = body + str(0 if check == 11 else check)
                return IdSpec(kind, name, code, (3, 3, 4), f"{code[:3]} {code[3:6]} {code[6:]}")
    if kind == "licence_uk":
        sur = (re.sub(r"[^A-Z]", "", fold(who.last).upper()) + "99999")[:5]
        month = d.month + (50 if rng.random() < 0.5 else 0)
        code = (sur + str(d.year % 100)[0] + f"{month:02d}{d.day:02d}" + str(d.year % 10)
                + re.sub(r"[^A-Z]", "", fold(who.first).upper())[:1] + "9" + "9" + _chars(rng, 2, CODE_LETTERS))
        return IdSpec(kind, name, code, (5, 6, 5), code)
    if kind == "pps":
        body = _rand_digits(rng, 7)
        second = rng.choice(("", "A"))
        total = sum(int(c) * (8 - i) for i, c in enumerate(body)) + (9 if second else 0)
        code = body + ("W" if total % 23 == 0 else chr(64 + total % 23)) + second
        return IdSpec(kind, name, code, (7, len(code) - 7), code)
    if kind in ("passport_ie", "passport_au"):
        code = _chars(rng, 2, CODE_LETTERS) + _rand_digits(rng, 7)
        return IdSpec(kind, name, code, (2, 7), code)
    if kind == "sin":
        code = luhn_complete("0" + _rand_digits(rng, 7))
        return IdSpec(kind, name, code, (3, 3, 3), f"{code[:3]} {code[3:6]} {code[6:]}")
    if kind == "health_on":
        code = _rand_digits(rng, 10) + _chars(rng, 2, CODE_LETTERS)
        return IdSpec(kind, name, code, (4, 3, 3, 2), f"{code[:4]}-{code[4:7]}-{code[7:10]}-{code[10:]}")
    if kind == "passport_ca":
        code = _chars(rng, 2, CODE_LETTERS) + _rand_digits(rng, 6)
        return IdSpec(kind, name, code, (2, 6), code)
    if kind == "tfn":
        weights = (1, 4, 3, 7, 5, 8, 6, 9, 10)
        while True:
            code = _rand_digits(rng, 9)
            if sum(int(c) * w for c, w in zip(code, weights)) % 11 == 0:
                return IdSpec(kind, name, code, (3, 3, 3), f"{code[:3]} {code[3:6]} {code[6:]}")
    if kind == "medicare":
        body = str(rng.randint(2, 6)) + _rand_digits(rng, 7)
        check = sum(int(c) * w for c, w in zip(body, (1, 3, 7, 9, 1, 3, 7, 9))) % 10
        code = body + str(check) + str(rng.randint(1, 9))
        return IdSpec(kind, name, code, (4, 5, 1), f"{code[:4]} {code[4:9]} {code[9]}")
    if kind == "licence_au":
        code = _rand_digits(rng, rng.choice((8, 9)))
        return IdSpec(kind, name, code, (4, len(code) - 4), code)
    if kind in ("dni", "nie"):
        table = "TRWAGMYFPDXBNJZSQVHLCKE"
        if kind == "dni":
            num = f"{rng.randint(10000000, 99999999)}"
            code = num + table[int(num) % 23]
            return IdSpec(kind, name, code, (8, 1), code)
        lead = rng.choice("XYZ")
        num = _rand_digits(rng, 7)
        code = lead + num + table[int(str("XYZ".index(lead)) + num) % 23]
        return IdSpec(kind, name, code, (1, 7, 1), code)
    if kind == "bsn":
        while True:
            code = str(rng.randint(1, 9)) + _rand_digits(rng, 8)
            total = sum(int(c) * w for c, w in zip(code[:8], range(9, 1, -1))) - int(code[8])
            if total % 11 == 0:
                return IdSpec(kind, name, code, (4, 2, 3), f"{code[:4]}.{code[4:6]}.{code[6:]}")
    if kind == "passport_nl":
        code = _chars(rng, 2, CODE_LETTERS) + _chars(rng, 6, CODE_LETTERS + "0123456789") + str(rng.randrange(10))
        return IdSpec(kind, name, code, (3, 3, 3), code)
    if kind == "cf":
        cons = "BCDFGHLMNPRSTVZ"
        body = (_chars(rng, 6, cons) + f"{d.year % 100:02d}" + "ABCDEHLMPRST"[d.month - 1]
                + f"{d.day + (40 if rng.random() < 0.5 else 0):02d}" + rng.choice("ABCDEFGHLMZ") + _rand_digits(rng, 3))
        total = sum(CF_ODD[c] if i % 2 == 0 else (int(c) if c.isdigit() else ord(c) - 65) for i, c in enumerate(body))
        code = body + chr(65 + total % 26)
        return IdSpec(kind, name, code, (3, 3, 5, 5), code)
    if kind == "cie":
        code = "C" + rng.choice("ABD") + _rand_digits(rng, 5) + _chars(rng, 2, CODE_LETTERS)
        return IdSpec(kind, name, code, (2, 5, 2), code)
    if kind == "perso":
        code = rng.choice("CFGHJKLMNPRTVWXYZ") + _chars(rng, 7, "CFGHJKLMNPRTVWXYZ0123456789") + str(rng.randrange(10))
        return IdSpec(kind, name, code, (3, 3, 3), code)
    if kind == "passport_fr":
        code = _rand_digits(rng, 2) + _chars(rng, 2, CODE_LETTERS) + _rand_digits(rng, 5)
        return IdSpec(kind, name, code, (2, 2, 5), code)
    if kind == "cni":
        code = _chars(rng, 9, CODE_LETTERS + "0123456789")
        return IdSpec(kind, name, code, (3, 3, 3), code)
    if kind == "rrn":
        serial = f"{rng.randint(1, 997):03d}"
        check = 97 - int(ymd + serial) % 97
        code = ymd + serial + f"{check:02d}"
        return IdSpec(kind, name, code, (2, 2, 2, 3, 2), f"{ymd[:2]}.{ymd[2:4]}.{ymd[4:]}-{serial}.{check:02d}")
    if kind == "passport_at":
        code = "P" + _rand_digits(rng, 7)
        return IdSpec(kind, name, code, (1, 3, 4), code)
    if kind == "pesel":
        body = ymd + _rand_digits(rng, 4)
        check = (10 - sum(int(c) * w for c, w in zip(body, (1, 3, 7, 9, 1, 3, 7, 9, 1, 3))) % 10) % 10
        code = body + str(check)
        return IdSpec(kind, name, code, (6, 5), code)
    if kind == "cc_pt":
        code = _rand_digits(rng, 9) + _chars(rng, 2, CODE_LETTERS) + str(rng.randrange(10))
        return IdSpec(kind, name, code, (8, 1, 3), f"{code[:8]} {code[8]} {code[9:]}")
    if kind == "pnr":
        body = ymd + _rand_digits(rng, 3)
        code = luhn_complete(body)
        return IdSpec(kind, name, code, (6, 4), f"{code[:6]}-{code[6:]}")
    if kind == "hetu":
        body = dmy + f"{rng.randint(2, 899):03d}"
        code = body + "0123456789ABCDEFHJKLMNPRSTUVWXY"[int(body) % 31]
        return IdSpec(kind, name, code, (6, 4), f"{code[:6]}-{code[6:]}")
    code = dmy + _rand_digits(rng, 4)
    return IdSpec("cpr", name, code, (6, 4), f"{code[:6]}-{code[6:]}")


def id_say(rng: random.Random, spec: IdSpec, *, pieces: int = 1, letter_style: str | None = None,
           groups: Sequence[int] | None = None) -> list[tuple[str, str]]:
    """An id said whole or in ``pieces``: printed as typed, or group by group with letters plain,
    in the NATO alphabet or "Q for Quebec"."""
    groups = tuple(groups or spec.groups)
    typed = pieces == 1 and groups == spec.groups and rng.random() < 0.3
    if typed:
        w = spec.printed
        return [(w, rng.choice((w, spec.code, " ".join(spec.printed.replace("-", " ").replace(".", " ").split()))))]
    letter_style = letter_style or rng.choices(("plain", "nato", "for"), (60, 15, 25))[0]
    digit_style = rng.choice(("single", "single", "mixed", "pairs"))
    zero = rng.choice(("oh", "zero"))
    parts = split_groups(rng, groups, pieces)
    for _ in range(8):
        if min(sum(gs) for gs in parts) >= 3:
            break
        parts = split_groups(rng, groups, pieces)
    out, i = [], 0
    for gs in parts:
        n = sum(gs)
        out.append(code_say(rng, spec.code[i:i + n], gs, typed=False, letter_style=letter_style,
                            digit_style=digit_style, zero=zero))
        i += n
    return out


# --------------------------------------------------------------------------------------------
# Hard negatives (keeps): each a Slot with written and ASR renderings
# --------------------------------------------------------------------------------------------

CURRENCY = {"US": ("$", "dollars", "cents"), "CA": ("$", "dollars", "cents"), "AU": ("$", "dollars", "cents"),
            "UK": ("£", "pounds", "pence"), "PL": (" zł", "złoty", "grosze"), "SE": (" kr", "kronor", "öre"),
            "DK": (" kr", "kroner", "øre")}


def _money(ctx: Ctx, whole: int, cents: int) -> str:
    sym = CURRENCY.get(ctx.country, ("€", "euros", "cent"))[0]
    num = f"{whole:,}" + (f".{cents:02d}" if cents else "")
    return f"{num}{sym}" if sym.startswith(" ") else f"{sym}{num}"


def _amount(rng: random.Random, arg: str | None) -> tuple[int, int]:
    lo, hi = {"small": (4, 95), "big": (400, 14000)}.get(arg or "", (12, 900))
    whole = rng.randint(lo, hi)
    if whole > 2000:
        whole = whole // 50 * 50
    cents = rng.choice((0, 0, 0, 99, 50, 95, 49, 25, rng.randint(1, 99))) if whole < 2000 else 0
    return whole, cents


def k_price(ctx: Ctx, arg: str | None = None) -> Slot:
    """A price or amount in figures ("$249.99", "£1,250"), now and then in words."""
    if ctx.rng.random() < 0.15:
        return k_wprice(ctx, arg)
    whole, cents = _amount(ctx.rng, arg)
    w = _money(ctx, whole, cents)
    unit = CURRENCY.get(ctx.country, ("€", "euros", "cent"))[1]
    plain = f"{whole}" + (f".{cents:02d}" if cents else "")
    return keep("price", w, ctx.rng.choice((w, w, w.replace(",", ""), f"{plain} {unit}")))


def k_wprice(ctx: Ctx, arg: str | None = None) -> Slot:
    """An amount said in words ("two hundred and forty-nine ninety-nine", "sixty-five pounds")."""
    rng = ctx.rng
    whole, cents = _amount(rng, arg)
    _, unit, sub = CURRENCY.get(ctx.country, ("€", "euros", "cent"))
    if cents:
        w = rng.choice((f"{words_int(whole)} {words_99(cents)}", f"{words_int(whole)} {unit} {words_99(cents)}",
                        f"{words_int(whole)} {unit} and {words_99(cents)} {sub}"))
    else:
        w = f"{words_int(whole)} {unit}"
    return keep("price", w, rng.choice((_money(ctx, whole, cents), w.replace("-", " "), w)))


def _future(rng: random.Random, arg: str | None) -> dt.date:
    lo, hi = {"past": (-70, -2), "soon": (1, 16)}.get(arg or "", (1, 85))
    return TODAY + dt.timedelta(days=rng.randint(lo, hi))


def k_date(ctx: Ctx, arg: str | None = None) -> Slot:
    """A delivery, meeting, payment or incident date ("Thursday the 9th", "March 3rd") - never a birthday."""
    rng = ctx.rng
    d = _future(rng, arg)
    wd, mon = WEEKDAYS[d.weekday()], MONTHS[d.month - 1]
    forms = ((f"{wd} the {ordinal(d.day)}", f"{wd} the {ordinal(d.day)}"),
             (f"{wd} the {ordinal_words(d.day)}", f"{wd} the {ordinal(d.day)}"),
             (f"{mon} {ordinal(d.day)}", rng.choice((f"{mon} {ordinal(d.day)}", f"{mon} {d.day}"))),
             (f"the {ordinal(d.day)} of {mon}", rng.choice((f"the {ordinal(d.day)} of {mon}", f"{ordinal(d.day)} of {mon}"))),
             (f"{ordinal(d.day)} {mon}", f"{ordinal(d.day)} {mon}"),
             (f"{wd}, {mon} {d.day}", f"{wd} {mon} {d.day}"),
             (f"{wd} {d.day} {mon}", f"{wd} {d.day} {mon}"),
             (f"{mon} {ordinal_words(d.day)}", f"{mon} {ordinal(d.day)}"),
             (f"{ordinal(d.day)} of {mon} {d.year}", f"{ordinal(d.day)} of {mon} {d.year}"),
             (f"{mon} {d.day}, {d.year}", f"{mon} {d.day} {d.year}"),
             (f"{d.month}/{d.day}" if ctx.country in MONTH_FIRST else f"{d.day}/{d.month}",) * 2,
             (f"{wd} the {ordinal(d.day)} of {mon}", f"{wd} {ordinal(d.day)} of {mon}"))
    w, a = rng.choices(forms, (14, 8, 12, 12, 7, 8, 5, 7, 6, 5, 4, 8))[0]
    return keep("date", w, a)


def k_time(ctx: Ctx, arg: str | None = None) -> Slot:
    """A time of day ("10:30", "half two", "quarter past nine", "3 pm")."""
    rng = ctx.rng
    h = rng.randint(7, 19)
    m = rng.choice((0, 0, 15, 30, 30, 45, 10, 20, 40, 50))
    h12 = h - 12 if h > 12 else h
    ampm = "am" if h < 12 else "pm"
    forms = [(f"{h12}:{m:02d}", rng.choice((f"{h12}:{m:02d}", f"{h12}.{m:02d}"))),
             (f"{h12}:{m:02d} {ampm}", rng.choice((f"{h12}:{m:02d} {ampm}", f"{h12}:{m:02d}{ampm}",
                                                   f"{h12}:{m:02d} {ampm[0]}.m."))),
             (f"{words_99(h12)} {words_99(m) if m >= 10 else 'oh ' + ONES[m]}", f"{h12}:{m:02d}")]
    if m == 0:
        forms += [(f"{h12} {ampm}", rng.choice((f"{h12} {ampm}", f"{h12}{ampm}", f"{h12} {ampm[0]}.m."))),
                  (f"{words_99(h12)} o'clock", f"{h12} o'clock")]
    if m == 30 and ctx.country in ("UK", "IE", "AU"):
        forms += [(f"half {words_99(h12)}", f"half {h12}")] * 2
    if m == 15:
        forms += [(f"quarter past {words_99(h12)}", f"quarter past {h12}")]
    if m == 45:
        forms += [(f"quarter to {words_99(h12 % 12 + 1)}", f"quarter to {h12 % 12 + 1}")]
    w, a = rng.choice(forms)
    return keep("time", w, a)


def k_year(ctx: Ctx, arg: str | None = None) -> Slot:
    """A year that is not a birth year ("since 2014", "the 2019 model")."""
    y = ctx.rng.randint(1996, 2026)
    w = str(y) if ctx.rng.random() < 0.75 else year_words(ctx.rng, y)
    return keep("year", w, str(y))


BULK_SCENARIOS = ("b2b close", "utilities", "delivery", "support")


def k_qty(ctx: Ctx, arg: str | None = None) -> Slot:
    """A quantity with its noun ("twelve seats", "1,800 calls", "250 units")."""
    rng = ctx.rng
    noun = arg.replace("_", " ") if arg else ctx.pick(ctx.qty_nouns)
    band = rng.random()
    if arg in ("minutes", "seconds"):
        n = rng.choice((10, 15, 20, 30, 45))
        return keep("quantity", f"{words_99(n) if rng.random() < 0.5 else n} {noun}", f"{n} {noun}")
    if arg:
        n = rng.randint(2, 14)
        return keep("quantity", f"{words_99(n) if rng.random() < 0.6 else n} {noun}", f"{n} {noun}")
    if band < 0.5 or ctx.scenario not in BULK_SCENARIOS:
        n = rng.randint(2, 20)
        w = words_99(n) if rng.random() < 0.6 else str(n)
    elif band < 0.85:
        n = rng.choice((25, 30, 40, 50, 60, 75, 80, 120, 150, 200, 250, 300, 400, 480, 500, 600, 750))
        w = str(n) if rng.random() < 0.6 else words_int(n)
    else:
        n = rng.choice((1000, 1200, 1500, 1800, 2000, 2400, 3000, 5000, 10000))
        w = f"{n:,}" if rng.random() < 0.7 else words_int(n)
    return keep("quantity", f"{w} {noun}", f"{n} {noun}")


def k_dqty(ctx: Ctx, arg: str | None = None) -> Slot:
    """A quantity said or typed as a digit string ("1500 sheets", "one five oh oh sheets")."""
    rng = ctx.rng
    noun = arg.replace("_", " ") if arg else ctx.pick(ctx.qty_nouns)
    n = str(rng.choice((120, 240, 360, 480, 1500, 2500, 3600, 1200, 4800, 750, 9000)))
    w = n if rng.random() < 0.5 else " ".join("oh" if c == "0" and rng.random() < 0.5 else ONES[int(c)] for c in n)
    return keep("quantity", f"{w} {noun}", f"{n} {noun}")


def k_order(ctx: Ctx, arg: str | None = None) -> Slot:
    """An order or booking number ("A-48213", "ORD-559102", "4471 0093" said digit by digit)."""
    rng = ctx.rng
    L = rng.choice(CODE_LETTERS)
    form = rng.randrange(8)
    if form == 0:
        return keep("order", f"{L}-{rng.randint(10000, 99999)}")
    if form == 1:
        code = f"ORD-{rng.randint(100000, 999999)}"
        return keep("order", code, rng.choice((code, code.replace("-", " "))))
    if form == 2:
        return keep("order", f"{rng.randint(10000, 99999)}-{L}")
    if form == 3:
        code = f"#{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
        return keep("order", code, code.lstrip("#"))
    if form == 4:
        return keep("order", f"{L}{rng.randint(1000000, 9999999)}")
    if form == 5:
        code = _chars(rng, 3, CODE_LETTERS) + str(rng.randint(100000, 999999))
        return keep("order", code)
    digits = f"{rng.randint(1000, 9999)}{rng.randint(0, 9999):04d}"
    w, a = say_digits(rng, digits, (4, 4), style=rng.choice(("single", "mixed")))
    return keep("order", w, a)


def k_ticket(ctx: Ctx, arg: str | None = None) -> Slot:
    """A ticket, case, claim, policy or member reference ("CLM-2231-884", "case 0049-2217")."""
    rng = ctx.rng
    form = rng.randrange(9)
    if form == 0:
        return keep("ticket", f"CLM-{rng.randint(1000, 9999)}-{rng.randint(100, 999)}")
    if form == 1:
        return keep("ticket", str(rng.randint(10000, 99999)))
    if form == 2:
        code = f"{_chars(rng, 2, CODE_LETTERS)}-{rng.randint(10000, 99999)}-{rng.randrange(10)}"
        return keep("ticket", code, rng.choice((code, code.replace("-", " "))))
    if form == 3:
        return keep("ticket", f"{rng.randint(0, 999):04d}-{rng.randint(1000, 9999)}")
    if form == 4:
        code = f"INC{rng.randint(100000, 999999):07d}"
        return keep("ticket", code)
    if form == 5:
        code = f"{rng.randrange(10)}{rng.choice(CODE_LETTERS)}{rng.randrange(10)}-{rng.randint(10, 99)}{rng.choice(CODE_LETTERS)}"
        return keep("ticket", code)
    if form == 6:
        code = f"MBR-{rng.randint(100000, 999999)}"
        return keep("ticket", code, code.replace("-", " "))
    if form == 7:
        code = f"POL {rng.randint(1000, 9999)} {rng.randint(10, 99)}"
        return keep("ticket", code, code.replace(" ", ""))
    digits = f"{rng.randint(100, 999)}{rng.randint(100, 999)}"
    w, a = say_digits(rng, digits, (3, 3), style="single")
    return keep("ticket", w, a)


def k_product(ctx: Ctx, arg: str | None = None) -> Slot:
    """A product or plan name with a number in it ("Series 7 boiler", "Vantix 9 router")."""
    p = tag_of(ctx.pick(ctx.products))[1]
    return keep("product", p, p)


def k_percent(ctx: Ctx, arg: str | None = None) -> Slot:
    """A percentage ("15%", "twelve percent", "2.9%")."""
    rng = ctx.rng
    n = rng.choice((5, 10, 12, 15, 20, 25, 30, 40, 50, 8, 3))
    form = rng.randrange(4)
    if form == 0:
        return keep("percent", f"{n}%", rng.choice((f"{n}%", f"{n} percent")))
    if form == 1:
        return keep("percent", f"{words_99(n)} percent", f"{n}%")
    if form == 2:
        v = f"{rng.randint(1, 9)}.{rng.randint(1, 9)}"
        return keep("percent", f"{v}%", f"{v}%")
    return keep("percent", f"{n} percent", rng.choice((f"{n}%", f"{n} percent")))


MEASURES = {
    "weight": (("kilos", "kg"), ("kilograms", "kg"), ("pounds", "lbs")),
    "length": (("metres", "m"), ("centimetres", "cm"), ("feet", "feet"), ("inches", "inches")),
    "volume": (("litres", "litres"), ("millilitres", "ml"), ("gallons", "gallons")),
    "data": (("gigabytes", "GB"), ("gigs", "gigs"), ("megabits", "Mbps")),
    "energy": (("kilowatt hours", "kWh"), ("units", "units")),
    "area": (("square metres", "square metres"), ("square feet", "sq ft")),
    "distance": (("miles", "miles"), ("kilometres", "km"), ("k", "k")),
    "temp": (("degrees", "degrees"),),
}


def k_measure(ctx: Ctx, arg: str | None = None) -> Slot:
    """A measure with its unit ("2.4 metres", "40 kilos", "500 megabits", "1,200 kilowatt hours")."""
    rng = ctx.rng
    kind = arg or rng.choice(tuple(MEASURES))
    word, short = rng.choice(MEASURES[kind])
    n = {"weight": rng.choice((2, 5, 12, 18, 23, 30, 40)), "length": rng.choice((2, 3, 12, 40, 65, 180)),
         "volume": rng.choice((2, 5, 20, 250, 500)), "data": rng.choice((10, 20, 50, 100, 500, 900)),
         "energy": rng.choice((340, 812, 1200, 2650, 3100)), "area": rng.choice((14, 45, 65, 120, 900)),
         "distance": rng.choice((4, 12, 18, 40, 250)), "temp": rng.choice((18, 21, 45, 60))}[kind]
    dec = f".{rng.randint(1, 9)}" if rng.random() < 0.25 and n < 100 else ""
    num = f"{n:,}{dec}"
    w = f"{num} {word}" if dec or rng.random() < 0.6 else f"{words_int(n)} {word}"
    a = f"{n}{dec} {short}" if rng.random() < 0.5 else f"{n}{dec} {word}"
    return keep("measure", w, a)


def k_last4(ctx: Ctx, arg: str | None = None) -> Slot:
    """The last four digits of a card in a read-back ("ending 4242"): kept, never labelled."""
    rng = ctx.rng
    d = ctx.card.number[-4:] if ctx.card else _rand_digits(rng, 4)
    r = rng.random()
    if r < 0.6:
        return keep("last4", d, d)
    if r < 0.85 or d[2] == "0" or d[0] == "0":
        return keep("last4", " ".join("oh" if c == "0" else ONES[int(c)] for c in d), rng.choice((d, " ".join(d))))
    return keep("last4", f"{words_99(int(d[:2]))} {words_99(int(d[2:]))}", rng.choice((d, f"{d[:2]} {d[2:]}")))


KEEP_MAKERS: dict[str, Callable[[Ctx, str | None], Slot]] = {
    "price": k_price, "wprice": k_wprice, "date": k_date, "time": k_time, "year": k_year, "qty": k_qty,
    "dqty": k_dqty, "order": k_order, "ticket": k_ticket, "product": k_product, "percent": k_percent,
    "measure": k_measure, "lastfour": k_last4,
}


# --------------------------------------------------------------------------------------------
# Phrasings: written for this set. "{v}" is the value a pool carries; other slots are filled by
# name ({price}, {date}, {first}, {rep_first}, {company}, {brand}, ...). Rep and customer sides apart.
# --------------------------------------------------------------------------------------------

BACKCHANNEL = _lines("""
Go ahead.
Uh-huh.
Mm-hm.
Okay.
Yep.
Got it, keep going.
Mm-hm, next bit?
Okay, and then?
Yep, go on.
Right.
Uh-huh, yeah.
Okay, got that.
Yeah, go ahead.
Mm-hm, go on.
Sure, next.
Okay, carry on.
Yep, got that, next?
Mhm.
""")

CARD_ASK = _lines("""
Whenever you're ready, can I take the long number on the card?
Okay, what's the card number?
Go ahead with the number across the front of the card.
And which card will you be using? I'll need the full number.
Could you read me the card number, please?
Right, I'm on the secure payment screen now, so the card number when you're ready.
Can you pop the long card number over to me?
What's the number on the card you'd like to use?
I just need the card details. Starting with the number, please.
Let's get the card number first.
If you've got the card in front of you, read me the number across the middle.
Okay so, long number first, nice and slowly.
And the card number itself?
Could I have the card number, starting with the first four?
Which card's it going on? Read me the digits whenever.
Fire away with the card number.
I'll need the number on the front of the card, please.
Can I grab the full card number from you?
Just the long number to start, please.
So I can take that payment, what's the card number?
Alright, go ahead and give me the card number.
When you're ready, the number on the card, please.
Do you have the card handy? I'll need the full number.
First, the card number. Take your time.
And the card you want to use, what's the number on that one?
Lovely. The long number from the card, please.
Okay, read off the card number for me.
""")

CARD_CUST = _lines("""
Yeah, it's {v}.
Okay, um, {v}.
Sure. {v}.
It's a {brand}, {v}.
Got it here. {v}.
Right, so it's {v}.
Hang on, let me get it out of my wallet... okay, {v}.
The number is {v}.
{v}.
Okay, ready? {v}.
Um, {v}, I think that's right.
Card number's {v}.
Let me read it off. {v}.
Uh, yeah, {v}.
It's my {brand}, the number's {v}.
Okay, here goes: {v}.
I've got it, it's {v}.
Right, {v}, that's the one.
Use the {brand}, {v}.
Sure thing. It's {v}.
Yep, the long number is {v}.
Okay, it's a work card, {v}.
Bear with me, the numbers are a bit worn... {v}.
Mm, {v}.
Let's use this one: {v}.
It's the {brand}. {v}.
So the card is {v}.
""")

CARD_REP = _lines("""
Let me read that back: {v}.
So I have {v}, is that right?
That's {v}?
Okay, {v}. Correct?
Just to confirm, {v}.
I've got {v}.
Reading it back, {v}, yes?
{v}, have I got that right?
Okay so the card is {v}.
Let me double-check. {v}.
I've typed {v}, does that match?
Right, {v}, lovely.
So that's {v}, yeah?
And that's {v}. Perfect.
Hmm, it's showing {v}, is that what you said?
Okay, {v}, got it.
Just repeating back: {v}.
That gives me {v}.
I'm reading {v}, correct me if not.
The number I have is {v}.
So, {v}. Right?
Got it, {v}.
Okay, I've entered {v}.
Sorry, can I just check, {v}?
So {v}, and that's a {brand}?
Perfect, that's {v} then.
""")

CARD_FIRST = _lines("""
Okay, it starts {v}.
First four, {v}.
{v}...
Right, {v}.
It's a {brand}, {v}.
So, um, {v}.
Okay, so {v}.
Ready? {v}.
Starts with {v}.
The first bit's {v}.
Sure, {v}.
Okay, here we go, {v}.
""")

CARD_NEXT = _lines("""
{v}.
Then {v}.
Next is {v}.
And then {v}.
{v}, and...
Um, {v}.
Then it's {v}.
After that, {v}.
Okay, {v}.
Next four, {v}.
Sorry, it's a bit faded. {v}.
""")

CARD_LAST = _lines("""
And the last bit, {v}.
Last four are {v}.
Then {v}, that's it.
And {v}.
{v}, and that's the lot.
Finally {v}.
And it ends {v}.
Last group, {v}.
{v}. That's all of it.
""")

CARD_FIX = _lines("""
{p1}, {bad}... no, sorry, {good}, then {rest}.
{p1}, {bad}, wait, no, that's {good}, and {rest}.
Okay, {p1}, {bad}, sorry, scratch that, {good}, {rest}.
{p1} {bad}, no, hang on, {good}, then {rest}.
Um, {p1}, {bad}, no, {good}, sorry, and then {rest}.
""")

CARD_HOLD = _lines("""
Hold on, let me grab it, it's in my other bag.
Sorry, one sec, I need to find my glasses.
Bear with me, it's in the car... okay, got it.
Hang on, the kids have moved my purse. Right.
Let me just get my wallet.
""")
HOLD_REPLY = _lines("""
No rush at all.
Take your time.
That's fine, I'll wait.
Sure, no problem.
No worries.
""")

EXPIRY_ASK = _lines("""
And the expiry date?
When does it expire?
What's the expiry on it?
And the expiration date, month and year?
What's the valid-thru date?
Can I get the end date on the card?
And the date on the front, the expiry?
Expiry, please.
What month and year does it run out?
And when's it good until?
Can you read me the expiry?
What's the expiration on that card?
Okay, and the valid-to date?
And the expiry, month then year?
Lovely, expiry date?
Next I need the expiry.
When does that card run out?
What does it say under valid thru?
And the expiry date, please, just the month and the year.
Got it. Expiry?
And that card expires when?
Could I have the expiration date?
The date it's good through?
Right, and the expiry on the front?
And what's the end date on it?
""")

EXPIRY_CUST = _lines("""
{v}.
It expires {v}.
Expiry's {v}.
Valid thru {v}.
Good through {v}.
It says {v} on the front.
Um, {v}.
It runs out {v}.
The expiry is {v}.
Expires end of {v}.
It's good till {v}.
Valid until {v}, I think.
Oh, {v}.
That's {v}.
Hang on... {v}.
It's {v}.
{v}, so not long now.
It says valid thru {v}.
Expiration {v}.
It's {v}, expiry.
Uh, the date's {v}.
Good thru {v}.
It runs to {v}.
Let me see... {v}.
{v}, that's the expiry.
End of {v}.
""")

EXPIRY_REP = _lines("""
So expiry {v}.
{v}, great.
Expiring {v}, got it.
That's {v}?
Okay, valid through {v}.
{v}, thank you.
I've put {v}.
And that's {v}, yes?
Lovely, {v}.
Okay, so good thru {v}.
Right, expiry of {v}.
{v}. Perfect.
Got {v} for the expiry.
So it expires {v}.
Let me confirm, {v}?
Okay, {v}, noted.
Was that {v}?
Sorry, {v}, did you say?
So {v} on the expiry.
Grand, {v}.
Expiry {v}, okay.
Cheers, {v}.
Alright, {v} it is.
And {v}, lovely.
Mm-hm, {v}.
""")

EXPIRY_MONTH = _lines("""
The month is {v}.
Um, month's {v}...
So the month, {v}.
It's {v}, that's the month.
Okay, {v} for the month.
Month {v}.
""")
EXPIRY_YEAR = _lines("""
And the year's {v}.
Year is {v}.
{v} for the year.
Then {v}.
And {v}.
The year, {v}.
""")

CVV_ASK = _lines("""
And the three digits on the back?
What's the security code?
Can I get the CVV?
And the CVC, please?
The last three on the signature strip?
And the little code on the back by the signature?
Security number on the back, please.
And the card verification code?
What's the CVV2?
And the three-digit code?
Can you read me the CSC?
And the security digits?
Last thing on the card, the code on the back.
The three numbers on the back, please.
And the code on the reverse?
Could I have the security code?
What are the last three digits on the back strip?
And the CVV, just the three digits.
Security code, please.
And then the verification number?
I'll need the three digits from the signature panel.
And the code at the back, please?
Lastly, the security code.
Then the three on the back and we're done.
And that little number on the back?
""")
CVV_ASK_AMEX = _lines("""
For Amex it's the four digits on the front, above the number. What are those?
And the CID, the four little numbers on the front?
On an Amex the security code's on the front, four digits. Can you read those?
And the four-digit code printed above the card number?
The four small digits on the front, please.
And the Amex security code, the four on the front?
""")

CVV_CUST = _lines("""
{v}.
It's {v}.
{v} on the back.
The code's {v}.
Um, {v}.
Security code {v}.
Okay, {v}.
That's {v}.
Three digits, {v}.
It's {v}, I think, it's rubbed off a bit.
The back says {v}.
Ah, {v}.
CVV is {v}.
{v}, that's the last bit.
Right, {v}.
It's {v} on the strip.
Code is {v}.
Uh, {v}.
Yep, {v}.
The little number's {v}.
{v}, yeah.
It's, um, {v}.
Sure, {v}.
Let me flip it over... {v}.
Those are {v}.
""")
CVV_CUST_AMEX = _lines("""
On the front it says {v}.
The four on the front are {v}.
{v}, above the number.
Okay, the little ones, {v}.
""")

CVV_REP = _lines("""
{v}, thank you.
So {v}.
Security code {v}, got it.
That's {v}?
Okay, {v}.
{v}, lovely.
I've got {v}.
And {v} for the code.
Right, {v}, thanks.
CVV {v}, noted.
{v}. Great.
Just to check, {v}?
Perfect, {v}.
Okay so {v} on the back.
{v}, yep.
Thanks, that's {v}.
Code {v}.
{v}, confirmed.
Was that {v}?
{v}, okay, thank you.
So the code is {v}.
I've entered {v}.
Got it, {v}.
Mm, {v}.
Alright, {v}.
""")

EXP_CVV_CUST = _lines("""
Expiry {exp}, security code {cvv}.
{exp}, and {cvv} on the back.
It's {exp}, and the three digits are {cvv}.
Valid thru {exp}, CVC {cvv}.
Um, {exp}, and then the code is {cvv}.
{exp}. And you'll want the code, {cvv}.
Expires {exp}, CVV {cvv}.
Good through {exp}, and {cvv} is the code.
""")

LAST4_REP = _lines("""
Okay, that's {price} going on the {brand} ending {lastfour}.
So I'm charging {price} to the card ending in {lastfour}, is that okay?
Payment of {price} on the card ending {lastfour} has gone through.
That's been approved, {price} on the card ending {lastfour}.
Right, {price} to the {brand} ending {lastfour}. Shall I go ahead?
Great, the card ending {lastfour} has been charged {price}.
All done. {price}, card ending {lastfour}, you'll get a receipt by email.
Just confirming: {price} from the card ending in {lastfour}.
The {brand} ending {lastfour} has been accepted for {price}.
So, {price} on the card that ends {lastfour}. Happy for me to process that?
That's gone through, {price} on your card ending {lastfour}.
Okay, the {brand} ending {lastfour}, for {price}. Processing now.
I can see the payment of {price}, card ending {lastfour}, approved.
Perfect. {price} authorised on the card ending {lastfour}.
That's {price} with the {percent} discount, on the card ending {lastfour}.
With {percent} off, it's {price} on the {brand} ending {lastfour}. All done.
Alright, charging {price} to the one ending {lastfour}.
You should see {price} from the card ending {lastfour} in a day or two.
""")
LAST4_ONLY = _lines("""
I can see a card ending {lastfour} on the account, is that the one?
Is it still the {brand} ending {lastfour}?
We've got a card on file ending in {lastfour}. Same one?
[refund booking travel subscription] The refund will go back to the card ending {lastfour}.
It was charged to the card ending {lastfour} on {date}.
[subscription collections payment banking telecoms utilities] Your card ending {lastfour} was declined this morning, that's why it bounced.
""")
LAST4_CUST = _lines("""
Yeah, the one ending {lastfour}.
It should be the card ending {lastfour}.
Use the one ending in {lastfour}, please.
No, not that one, the one ending {lastfour}.
It's the {brand} ending {lastfour}, yes.
""")

IBAN_ASK = _lines("""
[refund insurance] Can I take the IBAN for the refund?
What's your IBAN, please?
And the IBAN, starting with the country code?
I'll need the IBAN of the account you want it paid into.
Can you read me the IBAN off your banking app?
Could you give me the international bank account number, the IBAN?
What IBAN should the direct debit come from?
Do you have your IBAN there? Read it out in groups if that's easier.
And the IBAN, please, nice and slowly.
Okay, the IBAN for the mandate?
Which account should we use? I just need the IBAN.
[insurance refund] For the payout I need an IBAN. Go ahead when you're ready.
Could I have the IBAN, please, all of it?
Right, and your IBAN?
What's the IBAN on the account?
I'll set up the mandate now. IBAN, please?
Can you give me the IBAN? It's usually on your statement.
The IBAN, starting with the two letters?
[refund insurance] And where should the money go? I'll take the IBAN.
Okay, IBAN next.
Go ahead with the IBAN whenever you're ready.
And the bank details, the IBAN please.
Have you got your IBAN handy?
I just need the IBAN to finish the form.
[insurance] What IBAN will the premium be collected from?
""")
IBAN_CUST = _lines("""
It's {v}.
{v}.
Okay, {v}.
The IBAN is {v}.
Right, from the app, {v}.
Um, {v}.
So, {v}.
Sure, it's {v}.
Let me read it: {v}.
Got it here, {v}.
Yeah, {v}.
Okay, ready? {v}.
It's an Irish account, {v}.
Here it is, {v}.
The account is {v}.
Use {v}.
Hang on... {v}.
I have it on my statement, {v}.
Let me check the app, it's {v}.
IBAN {v}.
Sure, {v}, that's my main account.
Right so it's {v}.
It's {v}, same as last time.
Okay, so {v}.
Erm, {v}.
""")
IBAN_REP = _lines("""
So that's {v}?
Let me read it back: {v}.
I've got {v}.
{v}, is that right?
Okay, {v}.
Reading back, {v}.
Just to confirm, {v}.
{v}, perfect.
I have the IBAN as {v}.
So the IBAN is {v}, yes?
That's {v}, validated.
Let me repeat that. {v}.
Got it, {v}.
So, {v}. Correct?
I'm entering {v}.
Right, {v}, the system accepts it.
And that's {v}.
Okay, {v}, thanks.
So {v}, yeah?
I've typed {v}.
{v}. Lovely.
One more time, {v}?
The IBAN reads {v}.
Okay, I have {v} on screen.
{v}, grand.
""")
IBAN_FIRST = _lines("""
It starts {v}.
Okay, first bit, {v}.
{v}...
So, {v}.
Right, it's {v}.
""")
IBAN_NEXT = _lines("""
Then {v}.
{v}.
Next, {v}.
And then {v}.
Okay, {v}.
""")
IBAN_LAST = _lines("""
And the last bit, {v}.
And finally {v}.
Then {v}, that's the end.
{v}, done.
Last part, {v}.
""")

ROUTING_ASK_US = _lines("""
What's the routing number?
And the nine-digit routing number on the bottom of your check?
The ABA routing number, please.
Could I get the bank's routing number?
Can you read me the routing number first?
Okay, routing number?
Start with the routing number, the first nine digits on the check.
""")
ROUTING_ASK_UK = _lines("""
What's the sort code?
Can I take the sort code first?
And your sort code, please?
Sort code, please, the six digits.
Okay, what's the sort code on the account?
Start with the sort code for me.
""")
ROUTING_CUST = _lines("""
Routing's {v}.
The routing number is {v}.
It's {v}.
{v}.
Okay, routing, {v}.
Um, {v}, that's the routing.
Routing number {v}.
From the check, {v}.
The bank one is {v}.
Sure, {v}.
It's {v}, that's the routing.
Okay, {v}.
Sort code's {v}.
The sort code is {v}.
Sort code, {v}.
It's {v}, the sort code.
Um, sort code {v}.
Right, {v}.
Yeah, {v}.
It's the Halifax, {v}.
So it's {v}.
Uh, {v}, I think.
The sort code, let me check, {v}.
Sort code {v}, it's a joint account.
Hang on... {v}.
""")
ROUTING_REP = _lines("""
Routing {v}, got it.
So {v} for the routing.
{v}, thank you.
That's {v}?
Okay, routing number {v}.
{v}, and that comes up as your bank, good.
So the routing is {v}.
I've got {v}.
{v}, perfect.
Routing number {v}, confirmed.
Let me read it back, {v}.
And that's {v}.
Sort code {v}, thanks.
So {v}.
{v}, lovely.
Sort code {v}, and that shows as your bank.
That's {v}, yeah?
I've put {v} as the sort code.
Okay, {v}.
{v}, got that.
Sort code {v}. Great.
Right, {v}.
Just checking, {v}?
Sort code is {v}, noted.
{v}, brilliant.
""")
ACCOUNT_ASK = _lines("""
And the account number?
Then the account number, please.
What's the account number?
And the account number on that?
Okay, and the account it's coming from?
Great. Account number?
And the checking account number?
Could you read me the account number?
And the eight-digit account number?
Next, the account number please.
And the number of the account itself?
Right, account number when you're ready.
Which account number should I use?
And then the account?
Okay, and your account number, please?
The account number, please.
Then just the account number and we're set.
Lovely, now the account number.
And the account number that goes with it?
Account number?
""")
ACCOUNT_CUST = _lines("""
Account number {v}.
It's {v}.
{v}.
The account is {v}.
Okay, account, {v}.
Um, {v}.
And the account's {v}.
Sure, {v}.
Account number is {v}.
That's {v}.
Right, it's {v}.
Okay, {v}.
Yep, {v}.
Let me see... {v}.
It's the savings one, {v}.
The checking account is {v}.
Account, {v}, and that's a personal account.
So it's {v}.
Erm, {v}.
Mine's {v}.
It's {v}, the current account.
Hmm, {v}.
Here we go, {v}.
It should be {v}.
Okay so {v}.
""")
ACCOUNT_REP = _lines("""
Account {v}, got it.
So the account number is {v}.
{v}, thank you.
That's {v}?
And account {v}.
I have {v}.
Okay, {v}.
{v}, perfect.
Account number {v}, confirmed.
Let me read it back: {v}.
So {v}, yes?
Right, account {v}.
{v}, lovely.
I've entered {v}.
Got {v} for the account.
Account ending... no, I'll read all of it: {v}.
Okay so {v}.
{v}. Thanks.
So that's account {v}.
Just to double check, {v}?
{v}, noted.
Alright, {v}.
Account {v}, and that's in your name?
Mm-hm, {v}.
Brilliant, {v}.
""")
BANK_ASK = _lines("""
Can I take your bank details, please?
I'll need the bank details for the direct debit.
Okay, what are the bank details?
""")
BANK_BOTH_CUST = _lines("""
Sort code {r}, account {a}.
{r}, and the account is {a}.
Routing {r}, account {a}.
It's {r} for the routing and {a} for the account.
Okay, sort code's {r}, and the account number's {a}.
The routing's {r}, then the account, {a}.
So {r}, then {a}.
Right, sort code {r}, account number {a}.
""")
ROUTING_CUST_US = ROUTING_CUST[:12]
ROUTING_CUST_UK = ROUTING_CUST[12:] + ("It's {v}.", "{v}.", "Sure, {v}.", "Okay, {v}.")
ROUTING_REP_US = ROUTING_REP[:12]
ROUTING_REP_UK = ROUTING_REP[12:] + ("{v}, thank you.", "That's {v}?", "I've got {v}.", "{v}, perfect.")
BANK_BOTH_US = tuple(t for t in BANK_BOTH_CUST if "ort code" not in t)
BANK_BOTH_UK = tuple(t for t in BANK_BOTH_CUST if "outing" not in t)

DOB_ASK = _lines("""
Can I take your date of birth?
And your date of birth, please?
For security, what's your date of birth?
Could you confirm your date of birth for me?
What's the date of birth on the account?
And when were you born?
I just need to verify you. Date of birth?
Okay, and the DOB please.
Can you give me your full date of birth?
And could I get your birthday, day, month and year?
Lovely. Date of birth?
To pass security, your date of birth please.
Next, your date of birth.
And your date of birth, just to check it's you.
What date of birth did you register with?
[healthcare] Can I confirm the patient's date of birth?
Okay, first thing, date of birth?
Could you tell me your date of birth?
And the date of birth?
I'll need your date of birth to pull that up.
Can you verify your date of birth?
And date of birth, please, day first.
Right, date of birth?
I'll just check your birthday. What is it?
And for the record, your date of birth?
""")
DOB_CUST = _lines("""
It's {v}.
{v}.
Born {v}.
I was born on {v}.
Date of birth is {v}.
Mm, {v}.
That'd be {v}.
Um, {v}.
Sure, {v}.
{v}, I'm afraid.
Yeah, {v}.
My birthday's {v}.
It should be {v}.
Okay, {v}.
Right, it's {v}.
{v}, that's me.
Born on {v}.
DOB's {v}.
It's, uh, {v}.
Oh, {v}.
I was born {v}.
{v}, same as on the account.
Hmm, {v}.
That's {v}.
It's {v}, yeah.
""")
DOB_REP = _lines("""
So {v}, yes?
I've got {v} here, that matches.
{v}, lovely.
That's {v}?
Thank you, {v}.
Okay, {v}, you're verified.
{v}. Great, that matches.
Let me confirm, {v}.
Got it, {v}.
So born {v}.
{v}, perfect, thanks.
Right, {v}.
Just to check, {v}?
I have {v} on file, so that's fine.
{v}, that's what I've got.
Okay so {v}.
Born {v}, thank you.
{v}, brilliant.
That matches, {v}.
Okay, date of birth {v}.
{v}. Thanks for that.
Mm-hm, {v}.
So your date of birth is {v}.
{v}, got it, thank you.
And {v}, yes, that's right.
""")
DOB_FIX_REP = _lines("""
{v}?
Sorry, was that {v}?
I have {v}, is that right?
{v}, okay.
""")
DOB_FIX_CUST = _lines("""
Oh sorry, {good}, not {bad}.
No, {good}. Not {bad}, sorry.
Sorry, I said that wrong, it's {good}, not {bad}.
Ah, no, {good}, I always do that, not {bad}.
Sorry, {good}. {bad} is my partner's.
""")
DOB_SPLIT_CUST = _lines("""
It's {v}...
Um, {v}...
Okay, {v}...
Born {v}...
""")
DOB_YEAR_CUST = _lines("""
{v}.
And {v}.
{v}, the year.
Year's {v}.
""")
DOB_YEAR_FIRST = _lines("""
I was born in {y}, {dm}.
Born in {y}, on {dm}.
It's {y}, {dm}.
{y}, and the day is {dm}.
""")
DOB_THIRD = _lines("""
{who}'s date of birth is {v}.
{who} was born {v}.
And {who}, that's {v}.
{who}'s birthday is {v}.
For {who} it's {v}.
""")
DOB_THIRD_ASK = _lines("""
And their date of birth?
What's {who}'s date of birth?
Can I take the date of birth for them too?
And when was {who} born?
And the date of birth for {who}?
""")
NOT_DOB_DATE = _lines("""
[healthcare support] Thank you. And the appointment we're moving is on {date}, yes?
Okay. I can see the last payment went out on {date}.
Great. Your renewal is due on {date}.
Thanks. The letter we sent was dated {date}.
[delivery subscription utilities] Lovely. And the next delivery is booked for {date}.
Right, I see a note from {date} on the account.
[subscription telecoms utilities banking insurance] Thanks. Your plan started on {date}.
Okay, that's you. The bill was issued on {date}.
""")

ADDRESS_ASK = _lines("""
What's the address on the account?
Can I take your full address, please?
[delivery refund subscription b2b rental] And the delivery address?
Where should we send it?
What's the first line of your address and the postcode?
[utilities telecoms support] Could you give me the address for the install?
And your home address?
What address are you at now?
[insurance utilities rental] Where's the property?
[payment booking rental subscription collections travel] And what's the billing address for the card?
Can you confirm the address we should post the letter to?
[insurance] Okay, and the address for the policy?
[utilities telecoms support] Where do you want the engineer to go?
And the street address, please?
Could I have the address including the flat number?
What's your current address?
[utilities telecoms banking] And where are you moving to?
Can I get the full address, with the ZIP or postcode?
[delivery refund] Where should the courier drop it?
[utilities] What address is the meter at?
[booking travel] And where will you be staying?
Could you read me the address off the letter?
[b2b payment support] Give me the address you'd like on the invoice.
[delivery rental] And the pickup address?
And what's your mailing address?
""")
ADDRESS_CUST = _lines("""
It's {addr}.
{addr}.
Sure, {addr}.
Okay, it's {addr}.
The address is {addr}.
We're at {addr}.
Um, {addr}.
It's {addr}, we moved in last year.
Right, {addr}.
Send it to {addr}.
I'm at {addr}.
Yeah, {addr}.
It's my work, {addr}.
Home is {addr}.
Okay so, {addr}.
It'll be {addr}.
The house is {addr}.
That's {addr}.
Let me think, we only just moved... {addr}.
It's {addr}, round the back.
My mum's place, {addr}.
It's still {addr}.
So that's {addr}.
Uh, {addr}, I think you have the old one.
Put {addr}.
""")
ADDRESS_REP = _lines("""
So {v}, is that right?
I've got {v}.
{v}, lovely.
Okay, {v}.
Let me read that back: {v}.
That's {v}?
Right, {v}, thank you.
And that's {v}.
{v}, perfect.
So the address is {v}.
Just checking, {v}?
Okay so {v}, got it.
{v}, and is that a house or a flat?
I've updated it to {v}.
Great, {v}.
The system has {v}, that matches.
Mm-hm, {v}.
{v}, noted.
So we'll send it to {v}.
Okay, {v}, thanks.
Perfect, {v}.
Got it, {v}.
{v}, is there a gate code or anything?
Alright, {v}.
Brilliant, so {v}.
""")
POSTCODE_ASK = _lines("""
And the postcode there?
What's the ZIP code?
And the Eircode?
And the postal code, please?
What's the postcode on the account?
And can you confirm the ZIP?
Could I just take your postcode to find you?
And the postcode?
""")
POSTCODE_CUST = _lines("""
{v}.
It's {v}.
Postcode's {v}.
Um, {v}.
The ZIP is {v}.
Oh, {v}.
{v}, I think.
Sure, {v}.
That's {v}.
Eircode is {v}.
""")
POSTCODE_REP = _lines("""
{v}, thanks.
So {v}.
That's {v}?
{v}, that matches what I have.
Okay, {v}.
And {v}, perfect.
""")
UNIT_CUST = _lines("""
And it's {v}.
Oh, and {v}, sorry.
Sorry, {v}, I forgot.
It's {v}, on the second floor.
""")

REP_INTRO = _lines("""
Thanks for calling {company}, this is {rep}, how can I help?
{company}, {rep} speaking.
Good morning, you've reached {company}. My name's {rep}. What can I do for you today?
Hi there, {rep} at {company}, how can I help you this afternoon?
Hello, {company} billing, {rep} here.
You're through to {rep} on the {company} accounts team.
Hiya, it's {rep} from {company} returning your call.
Hi, is that the account holder? This is {rep} calling from {company}.
Good afternoon, {company}, you're speaking with {rep}.
Thank you for holding. {rep} here, how can I help?
Morning! {company} customer care, this is {rep}.
Hi, {rep} from {company}, thanks for waiting.
{company}, hello, it's {rep}, what can I do for you?
Thanks for your patience. I'm {rep} with {company}. How can I help you today?
Hello, you're through to {company}. I'm {rep}.
Hey, this is {rep} over at {company}, got a minute?
Welcome to {company}, {rep} speaking, how may I help?
Good evening, {company}, my name is {rep}.
Hi, this is {rep} at {company}. I'm calling about your account.
{rep} speaking, {company} support. How can I help?
Hello, thanks for calling {company}. You've got {rep}.
Hi, you've reached {rep} at {company} reservations.
Good morning, this is {rep} from the {company} team, how can I help?
Hello, {company}, {rep} on the line. What can I help with?
Thanks for calling, this is {rep}. Is this about an existing order with {company}?
Hi, my name's {rep}, I'm calling from {company} about your enquiry.
Afternoon, {company} payments, {rep} here.
Hello there, it's {rep} at {company}. What can I sort out for you?
Hi, {rep} here from {company}. Thanks for calling back.
Good day, you're speaking with {rep} at {company}.
""")
NAME_ASK = _lines("""
Can I take your full name?
Who am I speaking with?
And your name, please?
Could I get the name on the account?
Can I start with your name?
And who's calling today?
What's the account holder's name?
Could you give me your first and last name?
May I have your name, please?
And your name is?
Let me bring you up. Full name?
Who do I have the pleasure of speaking to?
[booking travel rental] What name is the booking under?
[insurance] And the name on the policy?
[delivery refund b2b subscription] Could I take a name for the order?
[payment booking collections] What's the name on the card?
Can I confirm your name?
Okay, first and last name, please.
Is this the account holder? What's your name?
[insurance] And what name's the claim under?
Sorry, I didn't catch your name.
Whose name is the account in?
What name should I put it under?
And your surname?
[healthcare] Can you tell me the patient's name?
""")
NAME_CUST = _lines("""
It's {v}.
Yeah, {v}.
{v}, that's me.
My name's {v}.
Um, it's {v}.
The account's under {v}.
This is {v}.
You're speaking to {v}.
{v}.
Hi, it's {v}.
Sure, {v}.
Oh, {v}.
It should be under {v}.
{v}, the account holder.
Yes, it's {v} here.
Name's {v}.
I'm {v}.
{v}, and I'm calling for the family.
It's under my name, {v}.
That's {v}.
Okay, {v}.
Erm, {v}.
Hi, yes, {v}.
{v} speaking.
It's in the name {v}.
""")
NAME_SPELL_CUST = _lines("""
It's {v}. That's {s}.
{v}, surname spelled {s}.
{v}. {s} for the surname.
My name's {v}, the last name is {s}.
It's {v}, that's {s}.
""")
SPELL_ASK = _lines("""
Could you spell the surname for me?
How do you spell that?
Sorry, can you spell your last name?
And the spelling of the surname?
Just so I get it right, how's that spelled?
""")
SPELL_CUST = _lines("""
{s}.
Sure, {s}.
It's {s}.
Yep, {s}.
That's {s}.
""")
NAME_REP = _lines("""
Thanks, {v}.
Lovely, thank you {v}.
Okay, {v}, I've got your account up.
Great, thanks {v}.
Perfect. Bear with me, {v}.
Hi {v}, thanks for that.
Thank you, {v}. One moment.
Right, {v}, I can see you here.
Nice to speak to you, {v}.
Okay, {v}, let me have a look.
Brilliant, thanks {v}.
Cheers, {v}.
Thanks for that, {v}, just pulling it up.
Okay {v}, give me a second.
Lovely, {v}, found you.
Great, {v}. I've got the booking here.
Thank you {v}, that's all come up.
Okay, {v}, bear with me one sec.
Ah, {v}, yes, I see the notes.
Alright, {v}, thanks.
Perfect, {v}.
So, {v}, I can see the account.
Thanks, {v}, and how are you today?
Hello {v}, okay.
Great stuff, {v}.
""")
NAME_REP_TITLE = _lines("""
Thank you, {title} {v}.
Okay, {title} {v}, let me check.
Lovely, {title} {v}, I've found you.
Right, {title} {v}, one moment.
Thanks, {title} {v}.
""")
THIRD_TAGGED = _lines("""
payment booking healthcare education travel subscription | It's for my youngest, {v}.
booking travel | My partner, {v}, will be on the booking too.
b2b banking insurance | Can you add my business partner, {v}?
healthcare utilities banking telecoms collections payment insurance | I'm calling on behalf of a relative, {v}.
utilities telecoms banking subscription collections payment | It's actually my partner's account, {v}.
education | The student is my eldest, {v}.
b2b | My colleague {v} handles the invoices.
rental insurance | Please put {v} as the second driver.
banking subscription telecoms | I'd like to add {v} as an authorised user.
rental utilities | My flatmate, {v}, is moving in as well.
travel | The other passenger is {v}.
b2b | Our finance director, {v}, will sign it off.
healthcare telecoms utilities payment booking | It's for my neighbour, {v}, who isn't great on the phone.
delivery support rental | My partner {v} will be there for the delivery.
healthcare | The patient is my child, {v}.
delivery rental healthcare refund | Can {v} pick it up instead of me?
booking travel rental | Put the second name as {v}.
healthcare collections utilities | I'm the carer for {v}.
b2b support | Send a copy to our office manager, {v}.
rental | My cousin, {v}, is on the lease too.
healthcare | The appointment's for an elderly relative, {v}.
b2b banking collections | Our accountant is {v}, they might call you.
insurance | The claim is about my tenant, {v}.
education | My kid, {v}, is the one studying with you.
banking utilities insurance collections | It's still under {v}, who passed away last year.
education | It's for {v}, I'm their legal guardian.
education | {v} is my grandchild, starting in the new year.
travel booking | I'm travelling with my friend {v}.
refund delivery | My housemate, {v}, placed the order for me.
b2b | The contract should go to our operations lead, {v}.
""")
THIRD_CUST = tuple(line.split(" | ", 1)[1] for line in THIRD_TAGGED)
THIRD_BY_SCENARIO: dict[str, tuple[str, ...]] = {}
for _line in THIRD_TAGGED:
    _tags, _text = _line.split(" | ", 1)
    for _tag in _tags.split():
        THIRD_BY_SCENARIO[_tag] = THIRD_BY_SCENARIO.get(_tag, ()) + (_text,)
THIRD_ASK = _lines("""
Is there anyone else I should add?
Is it just you, or is someone else involved?
Is there anyone else I should note on the file?
Anyone else I need to know about?
And is it only for you?
Should anyone else be on this?
""")
THIRD_REP = _lines("""
Okay, I've added {v}.
So that's {v}. And their relationship to you?
Got it, {v} is on there now.
Thanks. I'll note {v} as the contact.
Right, {v}, and is that with an email I can use?
{v}, lovely, I'll add them.
Okay, I'll need {v} to confirm that themselves.
[rental insurance] Perfect, {v} is listed as the second driver.
[travel booking rental] And {v}, how old will they be at the time?
I've got {v} down.
""")

EMAIL_ASK = _lines("""
What's the best email for you?
And an email address for the receipt?
Can I take your email, please?
Which email should the confirmation go to?
What email do you use for the account?
And your email address?
Could you spell out your email for me?
Where should I send the quote?
Is there an email I can send the forms to?
What's your email, so I can send the link?
[booking travel rental] And the email on the booking?
Can you confirm the email we have?
I'll email you the mandate. Which address?
What's a good email to reach you?
Let me update your email. What's the new one?
[b2b payment support] And the invoice email?
[delivery refund] Could I get an email for the tracking updates?
Email address, please?
Where do you want the documents emailed?
Do you have an email I can use?
And what email did you sign up with?
Could you give me the email for your log-in?
Which email should the statements go to now?
And your work email?
What address should I email the summary to?
""")
EMAIL_CUST = _lines("""
It's {v}.
{v}.
Sure, {v}.
Yeah, it's {v}.
Um, {v}.
Use {v}.
Send it to {v}.
My email is {v}.
Okay, {v}.
It's {v}, all lower case.
The best one is {v}.
Right, {v}.
Erm, it's {v}.
That's {v}.
Oh, it's {v}.
It's my work one, {v}.
Just {v}.
{v}, please.
Try {v}.
The new one is {v}.
It should be {v}.
Put {v}.
I use {v} for everything.
Email's {v}.
So it's {v}.
""")
EMAIL_REP = _lines("""
So {v}, is that right?
I've got {v}.
Let me read that back: {v}.
{v}, perfect.
Okay, {v}.
That's {v}?
Just to confirm, {v}.
{v}, lovely.
I'm sending it to {v} now.
Okay so {v}, got it.
Great, {v}.
Right, {v}, and you'll get it in a few minutes.
And that's {v}.
{v}, thanks.
So the email is {v}.
Got it, {v}.
I have {v} on the account.
{v}, yep.
I've updated it to {v}.
{v}. Brilliant.
Alright, {v}.
Okay, {v}, noted.
So it goes to {v}.
Mm-hm, {v}.
Thanks, that's {v} then.
""")
PHONE_ASK = _lines("""
And a contact number?
What's the best number to reach you on?
Can I take a phone number?
And your mobile number?
[delivery rental] What number should the driver call?
Could I get a number in case we get cut off?
What's the phone number on the account?
And a daytime number?
Which number should we text the code to?
Can I confirm your phone number?
Is there a mobile I can use?
And your phone number, please?
What number are you calling from?
[utilities telecoms support] And a number for the engineer?
Best callback number?
[booking travel rental] Which phone number should go on the booking?
[delivery refund] And a number for the courier?
What's your current number?
Can I take a landline as well?
Could I have a number to reach you?
[telecoms] What number do you want to port over?
[healthcare support utilities] And the number we'd call for the appointment?
Is that the best number for you?
What's your cell number?
Could you give me a contact number, please?
""")
PHONE_CUST = _lines("""
It's {v}.
{v}.
Sure, {v}.
My mobile's {v}.
Um, {v}.
Best one is {v}.
Yeah, {v}.
Okay, {v}.
You can get me on {v}.
That's {v}.
It's {v}, my mobile.
Call {v}.
Oh, it's {v}.
Try {v}.
Erm, {v}.
Right, it's {v}.
The number is {v}.
Use {v}.
Home number is {v}.
My cell's {v}.
Okay so it's {v}.
Text {v}.
It's {v}, but I'm only free after {time}.
It's {v}, that's the one.
Work number is {v}.
Hmm, {v}.
Try {v} before {time}, I'm on shifts.
""")
PHONE_REP = _lines("""
So {v}, is that right?
I've got {v}.
Let me read that back, {v}.
{v}, perfect.
Okay, {v}.
That's {v}?
{v}, lovely.
Right, {v}.
Great, {v}.
So the number is {v}.
Just to confirm, {v}.
I have {v} on file.
{v}, thanks.
Got it, {v}.
Okay so {v}.
And that's {v}.
I'll put {v} for the driver.
{v}. Brilliant.
Sorry, was that {v}?
I've updated it to {v}.
{v}, yep.
Alright, {v}.
Mm-hm, {v}.
Perfect, {v}.
We'll text {v}.
""")
PHONE_EXT = _lines("""
It's {v}, extension {ext}.
{v}, and then extension {ext}.
Office is {v}, ask for extension {ext}.
{v}, ext {ext}.
""")

ID_AFTER = _exchanges("""
R: And what year was it issued?
C: {year}, I think.

R: Has it been renewed since it was issued in {year}?
C: No, it's the same one.

R: And it's still valid?
C: Yes, it runs until {date}.

R: Is that the one you used when you joined in {year}?
C: Yes, same one.
""")
ACCOUNT_CUST_YEAR = _lines("""
{v}, I've had it since {year}.
It's {v}. Opened it in {year}, so it's an old one.
{v}, that's the one I've had since {year}.
""")

ID_ASK = _lines("""
Can I take your {idname}?
And your {idname}, please?
For the application I need your {idname}.
Could you read me your {idname}?
What's your {idname}?
I'll just need the {idname} to verify you.
And the {idname}?
Do you have your {idname} handy?
Okay, next the {idname}.
Could I get the {idname}, please?
Can you confirm your {idname}?
To finish the check, your {idname}?
And the {idname}, nice and slowly?
Lastly, the {idname}.
I need your {idname} for the form.
Right, can you give me the {idname}?
Could you tell me the {idname}?
And just the {idname} for the record?
Have you got the {idname}?
And then your {idname}, please.
What's the {idname} you registered with?
Okay, the {idname}?
And the {idname} on your documents?
Can you read off the {idname}?
I'll also need the {idname}.
""")
ID_CUST = _lines("""
It's {v}.
{v}.
Sure, {v}.
Okay, {v}.
Um, {v}.
Yeah, it's {v}.
Let me grab it... {v}.
That's {v}.
Right, {v}.
It should be {v}.
Okay, it's {v}.
Got it here, {v}.
Hang on, {v}.
Erm, {v}.
Yep, {v}.
Oh, {v}.
From the card, {v}.
Mine is {v}.
So it's {v}.
It's {v}, I think.
Okay, ready, {v}.
Hmm, {v}.
It's {v}, on the card.
Here it is, {v}.
I know it by heart, {v}.
""")
ID_REP = _lines("""
So {v}, is that right?
I've got {v}.
{v}, thank you.
That's {v}?
Let me read it back: {v}.
Okay, {v}.
{v}, perfect.
Just to confirm, {v}.
Got it, {v}.
Okay so {v}.
I've entered {v}.
{v}, lovely.
Right, {v}.
And that's {v}.
So it's {v}, yes?
{v}. Great.
{v}, that's come up fine.
Thanks, {v}.
Alright, {v}.
{v}, noted.
Mm-hm, {v}.
Brilliant, {v}.
I have {v}, correct?
{v}, and that matches.
Sorry, was that {v}?
""")
PIECE_FIRST = _lines("""
It starts {v}...
Okay, {v}...
{v}...
So, {v}...
""")
PIECE_NEXT = _lines("""
Then {v}.
And {v}.
{v}.
And then {v}.
""")

CLOSE_ASK = _lines("""
Is there anything else I can help with today?
Anything else I can do for you, {first}?
Was there anything else?
That's all sorted. Anything else?
Is there anything more I can help with?
Okay, that's done. Anything else on your list?
Can I help with anything else while I have you?
And is that everything for today?
Great, that's all updated. Anything else, {first}?
Lovely. Is there anything else you need?
That's you all set. Anything else?
Okay, all done on my side. Was there something else?
""")
CLOSE_CUST = _lines("""
No, that's everything, thanks {rep_first}.
No, that's it. Thanks for your help.
That's all, cheers.
No, you've been great, thank you.
Nope, all good. Bye now.
No, that's all. Thanks {rep_first}, you've been really helpful.
I think that's it. Thanks a million.
That's everything. Have a good day.
No, that's grand, thanks.
All good, thank you. Bye.
No, that's sorted me out. Thanks.
That's it for now. Cheers, {rep_first}.
""")
CLOSE_BYE = _lines("""
Thanks for calling {company}, have a lovely day.
Take care, {first}. Bye.
You're welcome. Bye for now.
No problem at all. Have a good evening.
Thanks, {first}. Bye bye.
My pleasure. Take care now.
Thanks for your time today. Goodbye.
Okay, have a great weekend. Bye.
""")
RECAP = _lines("""
So that's booked for {date} at {time}, and you'll get a text the day before.
You'll see {price} leave your account on {date}.
That's {price} a month from {date}, and the first bill will be a bit less.
So we'll see you on {date}, any time after {time}.
Okay, I've set that up from {date}. The amount is {price}.
Your reference for all that is {ticket}, in case you need to call back.
Your order number is {order}, keep that handy.
I've logged it under order {order}, dated today.
That's on the account since {year}, so nothing changes there.
That's all confirmed for {date}. The total came to {price}.
You'll get an email within the hour with reference {ticket}.
Right, so {price} today and the rest on {date}.
That includes the {percent} discount we talked about, so {price} in total.
So that's {qty} on the account from {date}.
[utilities support telecoms] I've noted {qty} and {measure} on the job sheet.
""")
RECAP_NO_PRICE = tuple(line for line in RECAP if "{price}" not in line and "{measure}" not in line) + _lines("""
We'll send the receipt over by email within the hour.
The booking's confirmed for {date}, and you'll get a reminder the day before.
""")


@dataclass(frozen=True)
class Scenario:
    """A kind of call: who makes it, what its customers say first, its talk without personal data,
    and how likely each beat is."""

    industries: tuple[tuple[str, tuple[str, ...]], ...]
    products: tuple[str, ...]
    qty_nouns: tuple[str, ...]
    openers: tuple[str, ...]
    logistics: tuple[tuple[tuple[str, str], ...], ...]
    beats: dict[str, float]


def _industries(block: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((parts[0], tuple(parts[1:])) for parts in (line.split("|") for line in _lines(block)))


SHARED_LOGISTICS = _exchanges("""
R: Just so you know, the office is closed on {date}, so anything after that will be picked up on {date2}.
C: Okay, good to know.

R: Sorry, the system's slow today. It's been like this since {time}.
C: No worries.

C: Sorry, can you hold on a second? The dog's going mad at the door.
R: Of course, take your time.

R: Our lines are open until {time} tonight if you need us.
C: Okay, thanks.

C: I called about this on {date:past} and nobody got back to me.
R: I'm sorry about that. I can see the note from that call, I'll make sure it's sorted today.

R: I see you've been with us since {year}. Thanks for sticking with us.
C: Has it been that long?

C: We had the same problem back in {year}, to be honest.
R: I'm sorry to hear that. Let's get it fixed properly this time.

R: The prices were last changed in {year}, so this is the first rise in a while.
C: Fair enough.

R: For your records, the order number is {order}.
C: Okay, got it.

C: Can someone call me back after {time}? I'm at work until then.
R: Of course. I'll book a callback for {date} after {time2}.

C: Sorry, I've only got till {time}, I'm on my lunch break.
R: No problem, this won't take long.
""")

SCENARIOS: dict[str, Scenario] = {
    "payment": Scenario(
        _industries("""
dental clinic|Larkfield Dental|Brightsmile Dental Care
veterinary practice|Pawsley Vets|Greenacre Animal Hospital
driving school|Clearroad Driving School
accountancy|Hollis & Mbeki Accountants
private tutoring|Northstar Tutors
landscaping|Fernbrook Gardens
"""),
        ("Care 12 membership", "[dental] Hygiene Plus 2 plan", "[driving] Block 10 package",
         "[accountancy tutoring landscaping] Pro 3 bundle", "[veterinary] Pet Health 360 plan"),
        ("[driving tutoring] lessons", "sessions", "visits", "[accountancy landscaping tutoring] hours", "[dental veterinary] treatments"),
        _lines("""
Hi, I got a letter saying I owe {price} and I'd like to pay it today.
Hello, I'm ringing to pay an invoice, the reference is {order}.
Hi there, I want to settle my bill before {date}.
Yeah, hi, I need to pay for the {qty} I booked.
Hi, I missed a payment last month and want to clear it.
Hiya, I'd like to pay the balance, I think it's {wprice}.
Hello, I'm calling to pay for the {product}.
"""),
        _exchanges("""
R: I can see the balance is {price}, that's for the visit on {date:past}.
C: That sounds right.

R: Would you like to pay the full {price} or just the deposit of {price2:small}?
C: The full amount, please.

R: It's {price} for {qty}, and there's {percent} off if you pay today.
C: Oh nice, go on then.

C: Can you send the receipt as a PDF? It's for my {year} tax return.
R: Of course, it'll come straight through once we're done.

R: The next appointment is {date} at {time}. Shall I keep that?
C: Yes please, that works.

C: How much is it exactly? I thought it was {wprice}.
R: It's {price}, there was a small late fee added on {date:past}.

# landscaping
R: The quote was for {measure:area} of turf, and that's {price}.
C: Yes, that's the back garden.

# veterinary
R: She weighed in at {measure:weight} last time, so the dose is the same.
C: Good, thanks.

# physio
R: The exercises are {qty:sets} of ten, twice a day, and try to walk {measure:distance} a day.
C: Okay, I'll try.

R: And your weight, roughly? It's for the dose.
C: About {measure:weight}.
"""),
        {"identify": 1.0, "dob": 0.45, "postcode": 0.35, "card": 1.0, "bank": 0.25, "email": 0.4, "logistics": 1.0,
         "phone": 0.4, "reference": 0.3}),
    "booking": Scenario(
        _industries("""
boutique hotel|Saltmarsh Hotel|The Harbourlight Inn
restaurant events|Copper Pot Kitchen|Olive & Ember
holiday cottages|Heatherbrae Cottages|Quayside Lets
theatre box office|Lyric Lane Theatre
spa|Stillwater Spa
fitness studio|Corestrong Studios
"""),
        ("[hotel cottages] Deluxe 2 suite", "[hotel cottages] Garden Room 4", "[restaurant] Tasting Menu 7", "[spa] Spa Day 360",
         "[fitness] Studio 5 class pass", "[theatre] Premium Circle 2 seats"),
        ("[hotel cottages] nights", "[hotel cottages restaurant] guests", "[hotel cottages] rooms", "[theatre] tickets",
         "[restaurant] covers", "[spa fitness] places"),
        _lines("""
[hotel cottages] Hi, I'd like to book {qty:nights} from {date}.
[theatre] Hi, I'd like {qty:tickets} for the show on {date}.
[spa fitness] Hi, I'd like to book {qty:places} on {date}.
[restaurant] Hello, I'm calling to reserve a table for {qty:people} on {date} around {time}.
[hotel cottages] Hi, have you got availability for {qty:rooms} from {date}?
[hotel cottages restaurant spa] Hiya, I want to book the {product} for our anniversary.
Hello, I need to change a booking, it's reference {order}.
[hotel cottages spa] Hi, I saw the offer for {percent} off midweek stays and wanted to book.
"""),
        _exchanges("""
# hotel cottages
R: I've got {product} free from {date}, that's {price} a night including breakfast.
C: Perfect, I'll take it.

# hotel cottages
C: What time is check-in?
R: From {time}, and check-out is by {time2} on the last day.

R: We hold bookings with a deposit of {price:small}, and the rest is due on arrival.
C: That's fine.

# restaurant
R: For {qty}, the set menu is {price} per head.
C: Lovely, and can you do a vegan option?

C: Is parking included? We're bringing two cars.
R: There's {qty:spaces} in the car park, {price:small} a day each.

R: The cancellation window closes on {date}, after that it's non-refundable.
C: Okay, noted.

# theatre
R: The show starts at {time}, and doors open half an hour before.
C: Great, we'll be early.

# spa fitness
R: The session is {qty:minutes} long, and it's {price:small} for a drop-in.
C: Okay, that's fine.
"""),
        {"identify": 1.0, "phone": 0.65, "email": 0.55, "card": 0.75, "third": 0.35, "logistics": 1.0, "address": 0.15,
         "reference": 0.3}),
    "healthcare": Scenario(
        _industries("""
GP surgery|Meadowbank Medical Practice|Riverside Health Centre
physiotherapy clinic|Kinetic Physio
optician|Clearview Opticians
hospital outpatients|St Brendan's Outpatients
dermatology clinic|Dermacare Clinic
pharmacy|Wellspring Pharmacy
"""),
        ("[physio] Flexi 6 physio pack", "[optician] Series 3 lenses", "[optician] Vision 20 check", "Care Plus 2 plan"),
        ("[physio dermatology] sessions", "[GP pharmacy] tablets", "appointments", "[pharmacy] boxes", "[GP pharmacy] repeat items"),
        _lines("""
Hi, I need to book an appointment, ideally before {date}.
Hello, I'm calling to move my appointment on {date}.
Hi, I got a text about my results and was told to ring.
[GP pharmacy] Hiya, I want to order my repeat prescription, it's {qty:items}.
Hello, I'm calling for my daughter, she needs an appointment.
[physio dermatology hospital] Hi, I was referred for {qty:sessions} and wanted to book the first one.
"""),
        _exchanges("""
R: The first slot I have is {date} at {time}. Does that suit?
C: Could you do anything later?
R: There's {time2} on the same day.
C: That's better, thanks.

# hospital
R: It's a {measure:length} walk from the car park, so give yourself a few minutes.
C: Okay, thanks.

# optician
C: Do I need to bring anything?
R: Just your current glasses and a list of medication. It takes about {qty:minutes}.

# GP pharmacy
R: Your prescription will be ready on {date}, after {time}.
C: Great, I'll pop in then.

R: The follow-up is {price} if it's not covered, or free on the {product}.
C: I'm on that plan, I think.

# hospital GP dermatology
C: The letter says to drink {measure:volume} of water before the scan, is that right?
R: Yes, about an hour before. The scan is on {date} at {time}.
"""),
        {"identify": 1.0, "dob": 1.0, "id": 0.55, "phone": 0.5, "address": 0.3, "third": 0.35, "third_dob": 0.35,
         "logistics": 1.0, "email": 0.25}),
    "insurance claim": Scenario(
        _industries("""
home insurance|Keystone Home Insurance|Hearthguard Insurance
motor insurance|Roadwise Motor Cover
travel insurance|Globetrek Cover
pet insurance|Furfolk Pet Insurance
"""),
        ("[home] HomeSafe 3 policy", "[motor] Drive 360 cover", "[travel] Trek Plus 2 policy", "[pet] Paws 1000 plan",
         "[home] Series 7 boiler"),
        ("items", "rooms", "claims", "photos", "quotes"),
        _lines("""
Hi, I need to make a claim, my policy number is {ticket}.
Hello, I'm calling about claim {ticket}, I haven't heard anything since {date:past}.
[home] Hi, there was a leak on {date:past} and the kitchen ceiling came down.
[motor] Hiya, someone reversed into my car on {date:past}.
[travel] Hello, our luggage went missing on the flight and I want to claim.
[pet] Hi, the vet bill came to {price:big} and I want to claim it back.
"""),
        _exchanges("""
R: And roughly what's the damage worth?
C: The quote we got is {price:big}.
R: Okay, the excess on your policy is {price:small}, so we'd pay the rest if it's approved.

R: Your claim reference is {ticket}. A loss adjuster will call by {date}.
C: Thanks, I'll write that down.

# home
C: The water covered about {measure:area} of flooring.
R: Okay, I'll note that. Did you get a plumber out?
C: Yes, on {date:past}, it cost {price}.

R: Can you send us {qty:photos} of the damage and the receipts?
C: Sure, I'll do that tonight.

R: Your cover is {product}, and that includes accidental damage up to {price:big}.
C: Good, I wasn't sure.

R: We'll pay out within {qty:working_days} of approval.
C: Okay, great.
"""),
        {"identify": 1.0, "dob": 0.55, "address": 0.55, "bank": 0.65, "logistics": 1.0, "reference": 0.6,
         "phone": 0.45, "email": 0.2, "id": 0.15}),
    "utilities": Scenario(
        _industries("""
energy supplier|Brightwater Energy|Northwind Power
water company|Clearbrook Water
oil heating|Glenmore Fuels
"""),
        ("[energy] Fixed 24 tariff", "[energy water] Flex 12 tariff", "[energy] Green Saver 2 plan", "[energy water] Smart 5 meter",
         "[oil] Premium 28 kerosene"),
        ("[energy] units", "[oil water] litres", "[energy water] meters", "months"),
        _lines("""
Hi, I'm moving house on {date} and need to set up the account.
Hello, my bill's gone up to {price} and I don't understand why.
[energy water] Hi, I want to give a meter reading.
[energy water] Hiya, I'd like to switch to the {product}.
Hello, I want to set up a direct debit instead of paying by card.
[oil] Hi, I need {dqty:litres} of heating oil delivered.
"""),
        _exchanges("""
# energy water
R: What's the reading on the meter?
C: It says {measure:energy}.
R: Thanks, that's about {percent} lower than we estimated.

# energy water
R: On the {product} you'd pay {price} a month, fixed until {date}.
C: That sounds better than what I'm on.

# energy water
C: When will the engineer come?
R: We've got {date}, between {time} and {time2}.

R: Your last bill was {price}, and you're {price2:small} in credit now.
C: Oh, good.

# energy
R: The standing charge is {price:small} a day, and the unit rate is {percent} lower on the new plan.
C: Okay, let's do that.

# oil
R: The delivery's booked for {date}, the driver will need {measure:length} of access to the tank.
C: That's fine, the gate's wide.

# oil
R: That's {dqty:litres} at {price:small} a litre, delivered on {date}.
C: Fine, go ahead.
"""),
        {"identify": 0.85, "address": 1.0, "bank": 0.65, "phone": 0.4, "logistics": 1.0, "dob": 0.2, "email": 0.3}),
    "banking": Scenario(
        _industries("""
bank|Harbourside Bank|First Meridian Bank
credit union|Oakridge Credit Union
building society|Kingsgate Building Society
"""),
        ("Everyday Plus 2 account", "Saver 60 account", "Reward 3 card", "Premier 1 account"),
        ("payments", "cards", "transfers", "cheques"),
        _lines("""
Hi, I want to set up a direct debit for my rent.
Hello, I need to change the account my salary goes into.
Hi, there's a payment of {price} I don't recognise from {date:past}.
Hiya, I want to move {price:big} into my savings.
Hello, my card was swallowed by the machine this morning.
Hi, I need to add a new payee.
"""),
        _exchanges("""
R: The direct debit will start on {date}, {price} a month.
C: That's right.

R: The {product} pays {percent} on balances up to {price:big}.
C: Oh that's better than mine.

C: How long will the transfer take?
R: It should be there by {time} today, or {date} at the latest.

R: I've cancelled the old card. The new one will arrive within {qty:working_days}.
C: Okay, thanks.

R: There's a limit of {qty:transfers} a month on that account.
C: That's fine, I only do one or two.
"""),
        {"identify": 1.0, "dob": 0.8, "bank": 1.0, "id": 0.35, "address": 0.3, "postcode": 0.2, "logistics": 0.8,
         "email": 0.15, "phone": 0.25}),
    "rental": Scenario(
        _industries("""
car hire|Redline Car Hire|Northgate Rentals
van rental|Shiftit Van Hire
equipment hire|Toolbank Hire
apartment letting|Cityhaven Lettings
"""),
        ("[car] Compact 2 hatchback", "[van] Luton 3.5 van", "[equipment] Model X500 mini digger", "[apartment] Studio 4B flat",
         "[car] Estate 7 seater"),
        ("[car van equipment] days", "weeks", "[car van] drivers", "[apartment] keys", "[apartment] months"),
        _lines("""
[car] Hi, I'd like to hire a car from {date} to {date2}.
[van] Hello, I need a van for {qty:days}, ideally the {product}.
[car van equipment] Hi, I want to book the {product} for the weekend.
[apartment] Hiya, I'm interested in the flat you advertised for {price:big} a month.
Hello, I need to extend my rental, reference {order}.
[car van] Hi, I want to add a second driver to my booking.
"""),
        _exchanges("""
# car van
R: That's {price} a day, with unlimited mileage, and a deposit of {price2}.
C: Okay, that's fine.

# car van
R: Pickup is from {time} on {date}, and you'll need to return it with a full tank.
C: No problem.

# van
C: How big is the van inside?
R: About {measure:length} long, plenty for a one-bed flat.

# apartment
R: The rent is {price:big} a month, and the lease starts on {date}.
C: Great, and is the deposit the same?

# car van
R: There's a young driver fee of {price:small} a day if they're under twenty-five.
C: He's thirty, so that's fine.

# equipment
R: The digger weighs about {measure:weight}, so you'll need a trailer rated for that.
C: We've got one.

R: The hire runs from {date} to {date2}, and the total is {price}.
C: Perfect.
"""),
        {"identify": 1.0, "id": 0.75, "card": 0.8, "address": 0.4, "phone": 0.45, "third": 0.3, "logistics": 1.0,
         "dob": 0.2, "bank": 0.1, "email": 0.2}),
    "delivery": Scenario(
        _industries("""
courier|Swiftline Couriers|Parcelpoint
furniture store|Oakhaven Furniture
grocery delivery|Basketful Grocers
appliance retailer|Homeline Appliances
"""),
        ("[appliance] Series 7 washing machine", "[furniture] Nordby 3 sofa", "[appliance] Chef 900 range cooker",
         "[furniture] Dreamrest 5 mattress", "[courier grocery] Express 24 service"),
        ("parcels", "boxes", "items", "crates", "bags"),
        _lines("""
Hi, I'm calling about my order, it's {order}.
Hello, my parcel was meant to arrive on {date:past} and it hasn't.
Hi, I want to change the delivery address for order {order}.
Hiya, the driver left a card saying they tried at {time}.
[furniture appliance] Hello, I'd like to book a delivery slot for the {product}.
Hi, I got {qty} but one was missing.
"""),
        _exchanges("""
R: I can see the order, {qty}, out for delivery on {date}.
C: Great, can they come in the morning?
R: I've put a note for before {time}.

# furniture
R: The sofa's {measure:length} long, will it fit through the front door?
C: Yes, we measured.

R: The delivery charge is {price:small}, or free over {price}.
C: Oh, I'll add something then.

C: Can they leave it with a neighbour if I'm out?
R: Yes, I'll add that. They'll text you on the day with a one-hour window.

R: The parcel weighs {measure:weight}, so it'll need two people.
C: That's fine, my son's here.

R: Your new tracking number is {order}.
C: Thanks.

# courier grocery
R: The box is {measure:weight}, so it'll come on the van, not the bike.
C: Fine, I'm in all day.
"""),
        {"reference": 0.75, "identify": 0.75, "address": 1.0, "phone": 0.7, "logistics": 1.0, "email": 0.2}),
    "refund": Scenario(
        _industries("""
online retailer|Cartwheel Online|Lumen & Co
airline|Skylark Air
electronics retailer|Voltbay
fashion retailer|Thread & Loom
"""),
        ("[electronics online] AeroBook 14 laptop", "[electronics online] Pulse 2 earbuds", "[electronics] Vantix 9 router",
         "[fashion online] Trail 40 backpack", "[online] Flex 200 blender", "[airline] Economy Flex 2 fare"),
        ("[online electronics fashion] items", "[fashion] pairs", "[electronics] units", "[airline] seats"),
        _lines("""
[online electronics fashion] Hi, I returned {qty} on {date:past} and I still haven't had my refund.
[airline] Hello, my flight on {date:past} was cancelled and I want my money back.
Hi, I was charged twice for order {order}.
[online electronics fashion] Hiya, the {product} arrived broken and I'd like a refund.
Hello, I'm chasing a refund of {price}.
Hi, I cancelled within the cooling-off period but was still charged {wprice}.
"""),
        _exchanges("""
# online electronics fashion
R: I can see the return arrived on {date:past}. The refund is {price}.
C: That's the one.
R: It'll take {qty:working_days} to show.

R: You were charged {price} twice, so I'm refunding one of those now.
C: Thank you.

# online electronics fashion
C: Can I get store credit instead? I'd rather have the {product}.
R: Sure, that's {price} credit, plus {percent} as a goodwill gesture.

# airline
R: For the cancelled flight, the refund is {price:big} for {qty:seats}.
C: That's right.

# online electronics fashion
R: There's a restocking fee of {percent} on opened items, so it's {price} back.
C: Hmm, okay.

# airline
R: The refund covers {qty:seats} and the {price:small} seat fee.
C: Okay, thank you.
"""),
        {"reference": 0.85, "identify": 0.8, "last4": 0.7, "bank": 0.45, "email": 0.5, "logistics": 1.0,
         "phone": 0.25}),
    "subscription": Scenario(
        _industries("""
streaming service|Reelbox|Tunewave
meal kit|Greenplate Kitchen
magazine|The Weekly Ledger
software|Cloudnote Pro
gym|Ironhouse Gym
"""),
        ("[streaming] Premium 4K plan", "[streaming] Family 6 plan", "[meal] Box for 2", "[software] Pro 12 annual plan",
         "[gym magazine] Basic 1 plan"),
        ("[meal] boxes", "[magazine] issues", "[software] users", "[streaming] screens", "months"),
        _lines("""
Hi, I want to cancel my subscription before it renews on {date}.
Hello, I'd like to upgrade to the {product}.
Hi, I was charged {price} this month and I thought it was less.
[meal magazine] Hiya, I want to pause my deliveries for {qty:weeks}.
Hello, my card has expired and I need to update it.
Hi, I'm thinking of switching to annual billing.
"""),
        _exchanges("""
R: The {product} is {price} a month, or {price2:big} a year, which is {percent} cheaper.
C: I'll go annual then.

R: Your plan renews on {date}. If you cancel now you keep access until then.
C: Okay, that's fine.

# streaming
C: How many screens can we use at once?
R: On that plan it's {qty:screens}.

R: I can offer {percent} off for the next {qty:months} if you stay.
C: Okay, that's tempting.

# meal
R: Your next box ships on {date}, with {qty:recipes}.
C: Great.

# gym
R: The pool is {measure:length} long and opens at {time}.
C: Lovely.
"""),
        {"identify": 0.8, "email": 0.8, "card": 0.6, "logistics": 1.0, "phone": 0.3, "dob": 0.15, "bank": 0.3}),
    "b2b close": Scenario(
        _industries("""
payroll software|Ledgerline Payroll|Quantra HR
office supplies|Deskbound Supplies
print shop|Inkwell Print Co
catering|Feastly Catering
cloud hosting|Stackharbor Cloud
"""),
        ("[payroll] Team 50 plan", "[payroll cloud] Growth 3 tier", "[payroll cloud] Pro 200 licence",
         "[office print] A4 Premium 80 paper", "[cloud] Enterprise 5 bundle", "[catering] Buffet 3 menu"),
        ("[payroll cloud] seats", "[payroll cloud] licences", "[office] boxes", "[print] leaflets", "[payroll cloud] users",
         "[catering] covers"),
        _lines("""
Hi, I'm calling back about the quote for {qty}.
Hello, we'd like to go ahead with the {product}.
Hi, I had a demo on {date:past} and we're ready to sign.
[print catering office] Hiya, we need {dqty} for an event on {date}.
Hello, I'm the office manager, we want to open a trade account.
[payroll cloud] Hi, we're looking at moving our {qty} over to you.
"""),
        _exchanges("""
R: For {qty}, the {product} comes to {price:big} a year, with {percent} off in year one.
C: That works for us.

# payroll cloud
R: Onboarding would start on {date}, with a kickoff call at {time}.
C: Great, I'll block that out.

C: Can we pay quarterly?
R: Yes, that'd be {price:big} a quarter, invoiced on {date}.

# office print catering
R: Delivery of {dqty} is {date}, and the pallet weighs {measure:weight}.
C: We have a loading bay, so that's fine.

# payroll cloud
R: You're allowed {qty:users} on that tier, and extra ones are {price:small} each.
C: We'll need a few more by {year}, probably.

R: The contract runs {qty:months}, and the price is locked until {date}.
C: Okay, send it over.

# cloud
R: Each seat comes with {measure:data} of storage, and you can add more at {price:small} a month.
C: That's plenty.
"""),
        {"identify": 1.0, "third": 0.65, "email": 0.8, "phone": 0.6, "card": 0.45, "bank": 0.4, "logistics": 1.0,
         "address": 0.2}),
    "support": Scenario(
        _industries("""
software support|Cloudnote Pro|Ledgerline Payroll
appliance repair|FixRight Appliances
smart home|Nestwise Home
broadband support|Lumen Fibre
"""),
        ("[broadband] Vantix 9 router", "[smart] Gen 2 thermostat", "[appliance] Series 7 dishwasher", "[smart] Hub 3 camera",
         "[software smart] version 4.2 app", "[payroll] Ledgerline 7 desktop"),
        ("[smart broadband] devices", "[software] users", "[smart] cameras", "[software] licences", "[appliance] appliances"),
        _lines("""
Hi, I've got a ticket open, it's {ticket}.
Hello, my {product} keeps dropping the connection.
[appliance broadband smart] Hi, the engineer was supposed to come on {date:past} and never showed.
[software smart] Hiya, I can't log in since the update on {date:past}.
[appliance] Hello, my dishwasher is showing an error and it's only from {year}.
[broadband smart] Hi, I've had this router since {year} and it's finally given up.
Hi, I need help setting up {qty:devices}.
"""),
        _exchanges("""
# broadband smart
R: Can you unplug the {product} for {qty:seconds} and plug it back in?
C: Okay, done. The light's green now.

# appliance broadband smart
R: I've booked an engineer for {date}, between {time} and {time2}.
C: Thanks.

# appliance smart broadband
C: It's still under warranty, isn't it? I bought it in {year}.
R: Yes, the warranty runs until {date}.

# broadband
R: Your speed should be {measure:data}, and I can see you're getting about {percent} of that.
C: That's terrible.

# appliance broadband smart
R: The callout fee is {price}, waived if the part's faulty.
C: Okay.

R: Your ticket number is {ticket}. I've escalated it.
C: Great, thanks.

# software
R: I've reset your access, you'll get an email in {qty:minutes}.
C: Great, thanks.

# software
R: The fix is in the next release, out on {date}.
C: Okay, I'll wait for that.
"""),
        {"reference": 0.6, "identify": 0.8, "email": 0.55, "phone": 0.55, "logistics": 1.0, "address": 0.2}),
    "collections": Scenario(
        _industries("""
collections agency|Fairway Recoveries|Lowther Credit Management
utility arrears team|Brightwater Energy
council tax office|Eastvale Council
"""),
        ("Flexi 6 payment plan", "Plan 12 arrangement"),
        ("instalments", "payments", "months"),
        _lines("""
Hi, I got a letter about an overdue balance of {price:big}.
Hello, you left me a message about my account.
Hi, I've been paying this since {year} and now there's a problem.
Hi, I want to set up a payment plan.
Hiya, I can pay some of what I owe today.
Hello, I'm calling about reference {ticket}.
Hi, I lost my job in {year} and fell behind.
"""),
        _exchanges("""
R: The outstanding balance is {price:big}. Can you pay that today?
C: Not all of it. Could I do {price}?
R: Yes, and then {qty:instalments} of {price2} from {date}.

R: If we agree a plan today, we'll freeze interest, which is {percent} at the moment.
C: That would help a lot.

C: Can the payments be on {date}? That's when I get paid.
R: Of course, I'll set them for that day each month.

R: The first payment of {wprice} will be taken on {date}.
C: Okay.

R: I'll put a hold on the account until {date} so nothing else goes out.
C: Thank you, that's a relief.
"""),
        {"identify": 1.0, "dob": 0.9, "postcode": 0.45, "card": 0.7, "bank": 0.35, "logistics": 1.0, "phone": 0.2, "email": 0.15,
         "id": 0.15}),
    "travel": Scenario(
        _industries("""
travel agency|Wayfarer Holidays|Compass Rose Travel
ferry operator|Islandlink Ferries
rail tours|Silver Rail Journeys
tour operator|Blue Meridian Tours
"""),
        ("[tour agency] Coastal 7 tour", "[agency tour] Explorer 14 package", "[ferry] Cabin 2 berth", "[rail] Flexi 3 rail pass"),
        ("passengers", "[agency tour rail] nights", "[ferry] cabins", "bags", "[rail] seats"),
        _lines("""
Hi, I want to book the {product} for {qty:adults}.
Hello, I'm calling about booking {order}, we need to add a passenger.
Hi, we're travelling on {date} and I need to give you our passport details.
[ferry] Hiya, I'd like to book the ferry for {date} with a car.
Hello, I want to change our return date to {date}.
Hi, is the {product} still available in the spring?
"""),
        _exchanges("""
# ferry
R: The sailing leaves at {time} on {date}, please arrive {qty:minutes} before.
C: Okay.

R: The {product} is {price:big} per person, and the deposit is {price}.
C: That's fine.

C: What's the baggage allowance?
R: {measure:weight} per person, and one carry-on.

R: The total for {qty:passengers} comes to {price:big}, with {percent} off for booking early.
C: Lovely.

R: Your booking reference is {order}.
C: Got it.

# ferry
R: The car must be under {measure:length} tall, or it's the freight deck.
C: It's a normal hatchback, we're fine.

R: Check-in closes at {time}, and bags over {measure:weight} are {price:small} extra.
C: Okay, we'll travel light.
"""),
        {"identify": 1.0, "id": 0.85, "dob": 0.55, "third": 0.45, "third_dob": 0.25, "card": 0.6, "email": 0.45,
         "logistics": 1.0, "phone": 0.3, "reference": 0.3}),
    "telecoms": Scenario(
        _industries("""
mobile network|Skyreach Mobile|Ember Mobile
broadband provider|Lumen Fibre|Fibrelink
"""),
        ("[mobile] Unlimited 5G plan", "[mobile] SIM Only 30 plan", "[broadband] Fibre 900 package", "[mobile] Pixelon 8 phone",
         "[broadband] Home 4G router"),
        ("[mobile] lines", "[mobile] SIMs", "months", "[mobile] handsets", "[broadband] routers"),
        _lines("""
[mobile] Hi, I want to move my number over to you.
Hello, I'd like to upgrade my phone, I've been with you since {year}.
Hi, my bill was {price} this month and it's usually less.
Hiya, I'm interested in the {product}.
[mobile] Hello, I want to add {qty:lines} to my account.
[broadband] Hi, my broadband's been down since {date:past}.
"""),
        _exchanges("""
R: The {product} is {price} a month, with {measure:data} of data.
C: That's more than I need, but the price is good.

R: Your contract ends on {date}, so you can upgrade with no fee.
C: Great.

# broadband
C: How fast is the fibre, actually?
R: Up to {measure:data}, and the router's included.

# mobile
R: The port will happen on {date}, between {time} and {time2}.
C: Will I lose signal?
R: Only for a few minutes.

R: There's a {price:small} setup fee, but I can knock {percent} off the first {qty:months}.
C: Okay, deal.
"""),
        {"identify": 1.0, "dob": 0.6, "phone": 0.9, "id": 0.45, "address": 0.5, "logistics": 1.0, "email": 0.35,
         "card": 0.2, "bank": 0.2}),
    "education fees": Scenario(
        _industries("""
university fees office|Eastbridge University|Lakeview College
language school|Polyglot Language School
nursery|Little Acorns Nursery
summer camp|Pinecrest Summer Camp
"""),
        ("[university] Term 2 fees", "[university language] Module 101 course", "[nursery] Full Day 5 plan",
         "[language camp] Intensive 4 week course"),
        ("[university language] terms", "[university language] modules", "[nursery camp] days", "[university] credits",
         "[camp language] weeks"),
        _lines("""
[university language camp] Hi, I'm calling to pay my son's tuition fees.
Hello, my daughter starts on {date} and I need to pay the deposit.
Hi, we got an invoice for {price:big} and want to set up instalments.
Hiya, I want to enrol my son in the {product}.
[university language] Hello, I'm calling about a refund of fees for {qty:terms}.
[nursery] Hi, I need to pay for {qty:days} a week at the nursery.
"""),
        _exchanges("""
R: The fees for {qty:terms} are {price:big}, and you can pay in three instalments.
C: Instalments, please.

R: The first instalment of {price} is due on {date}.
C: Okay.

C: Is there a sibling discount?
R: Yes, {percent} off the second child's fees.

# nursery camp
R: Term starts on {date}, drop-off is from {time}.
C: Perfect.

R: The {product} runs for {qty:weeks} and costs {price}.
C: That's fine.

R: We charge a late fee of {price:small} after {date}.
C: We'll pay before then.
"""),
        {"identify": 1.0, "third": 1.0, "third_dob": 0.75, "card": 0.55, "bank": 0.4, "email": 0.5, "logistics": 1.0,
         "phone": 0.25}),
}
SCENARIO_WEIGHTS = {"payment": 26, "booking": 20, "healthcare": 22, "insurance claim": 20, "utilities": 17,
                    "banking": 22, "rental": 18, "delivery": 17, "refund": 17, "subscription": 16,
                    "b2b close": 17, "support": 15, "collections": 19, "travel": 20, "telecoms": 18,
                    "education fees": 18}

DOB_CUST_YEAR = _lines("""
It's {v}, and I've been with you since {year}.
{v}. The account's been open since {year}, if that helps.
Born {v}, but I only moved here in {year}.
{v}. I joined in {year}.
{v}, and the policy started in {year}.
""")
REFERENCE = _exchanges("""
R: Have you got the order number handy?
C: Yeah, it's {order}.

R: Do you have a reference number?
C: It's {ticket}, from the email.

R: What's the claim number?
C: Um, {ticket}.

R: Can I take the booking reference?
C: Sure, {order}.

R: And the policy number, if you have it?
C: It's {ticket}, I think.

R: Your member number should be on the card. What does it say?
C: It says {ticket}.

R: Is there an invoice number at the top of the letter?
C: Yes, {order}.

R: Do you have the case number from last time?
C: I do, {ticket}.
""")


# --------------------------------------------------------------------------------------------
# Beats: the parts of a call, each a few turns
# --------------------------------------------------------------------------------------------


def auto_slot(ctx: Ctx, name: str, arg: str | None) -> Piece:
    """The value for a slot the caller did not pass: a keep, a cast member's name or plain text."""
    if name in KEEP_MAKERS:
        return KEEP_MAKERS[name](ctx, arg)
    if name == "company":
        return ctx.company
    if name == "brand":
        return ctx.card.brand if ctx.card else "Visa"
    if name == "title":
        return ctx.cust.title
    if name == "first":
        return person(ctx, ctx.cust.first)
    if name == "rep_first":
        return person(ctx, ctx.rep.first, rep=True)
    raise KeyError(f"template slot {{{name}}} has no maker: pass it to say() or add it to KEEP_MAKERS")


def say(ctx: Ctx, speaker: str, template: str, **given: Piece | list[Piece]) -> Turn:
    """A turn from ``template``: each ``{slot}`` filled from ``given`` or made by :func:`auto_slot`."""
    pieces: list[Piece] = []
    pos = 0
    for m in SLOT_RE.finditer(template):
        if m.start() > pos:
            pieces.append(template[pos:m.start()])
        key = m.group(1) + m.group(2)
        val = given[key] if key in given else auto_slot(ctx, m.group(1), m.group(3))
        pieces.extend(val if isinstance(val, list) else [val])
        pos = m.end()
    if pos < len(template):
        pieces.append(template[pos:])
    return Turn(speaker, pieces)


def rep(ctx: Ctx, pool: Sequence[str], **given: Piece | list[Piece]) -> Turn:
    return say(ctx, "rep", ctx.pick(pool), **given)


def cust(ctx: Ctx, pool: Sequence[str], **given: Piece | list[Piece]) -> Turn:
    return say(ctx, "customer", ctx.pick(pool), **given)


def exchange(ctx: Ctx, ex: Sequence[tuple[str, str]]) -> list[Turn]:
    return [say(ctx, who, tag_of(text)[1]) for who, text in ex]


def suitable(ctx: Ctx, exs: Sequence[Sequence[tuple[str, str]]]) -> list[Sequence[tuple[str, str]]]:
    """The exchanges whose tags (on their first line) suit the call."""
    return [ex for ex in exs if ctx.fits(tag_of(ex[0][1])[0])]


def b_identify(ctx: Ctx, compact: bool) -> list[Turn]:
    """The rep asks who is calling; the customer gives a name, sometimes spelling the surname."""
    rng = ctx.rng
    turns = [rep(ctx, NAME_ASK)]
    full = person(ctx, ctx.cust.full)
    r = rng.random()
    if r < 0.18:
        turns.append(cust(ctx, NAME_SPELL_CUST, v=full, s=spelled(ctx, ctx.cust.last)))
    elif r < 0.32 and not compact:
        turns += [cust(ctx, NAME_CUST, v=full), rep(ctx, SPELL_ASK), cust(ctx, SPELL_CUST, s=spelled(ctx, ctx.cust.last))]
    else:
        turns.append(cust(ctx, NAME_CUST, v=full))
    if rng.random() < 0.55:
        if rng.random() < 0.3:
            turns.append(rep(ctx, NAME_REP_TITLE, v=person(ctx, ctx.cust.last)))
        else:
            turns.append(rep(ctx, NAME_REP, v=person(ctx, ctx.cust.first)))
    return turns


def _month_first(ctx: Ctx) -> bool:
    return ctx.country == "US" or (ctx.country == "CA" and ctx.rng.random() < 0.7)


def b_dob(ctx: Ctx, compact: bool) -> list[Turn]:
    """Date of birth for security: said plainly, read back another way, split over turns, year
    first, or with a slip that is corrected ("sorry, the 14th, not the 4th")."""
    rng = ctx.rng
    d = make_dob(rng)
    mf = _month_first(ctx)
    turns = [rep(ctx, DOB_ASK)]
    mode = rng.choices(("plain", "readback", "split", "yearfirst", "fix", "year_after"),
                       (30, 20, 11, 8, 9, 22))[0]
    if compact and mode in ("split", "fix"):
        mode = "plain"
    if mode in ("plain", "readback"):
        w, a = dob_say(rng, d, mf)
        turns.append(cust(ctx, DOB_CUST, v=ent("dob", w, a)))
        if mode == "readback":
            w2, a2 = dob_say(rng, d, mf)
            turns.append(rep(ctx, DOB_REP, v=ent("dob", w2, a2, odd=w2 != w)))
    elif mode == "year_after":
        w, a = dob_say(rng, d, mf)
        turns.append(cust(ctx, DOB_CUST_YEAR, v=ent("dob", w, a)))
    elif mode == "split":
        turns += [cust(ctx, DOB_SPLIT_CUST, v=ent("dob", *day_month_say(rng, d, mf), odd=True)),
                  rep(ctx, BACKCHANNEL),
                  cust(ctx, DOB_YEAR_CUST, v=ent("dob", *birth_year_say(rng, d), odd=True, cont=True))]
    elif mode == "yearfirst":
        turns.append(cust(ctx, DOB_YEAR_FIRST, y=ent("dob", *birth_year_say(rng, d), odd=True),
                          dm=ent("dob", *day_month_say(rng, d, mf), odd=True, cont=True)))
    else:
        good = d.day
        bad = good % 10 if good > 10 and good % 10 else (good + 10 if good < 10 else good - 1)
        wrong = d.replace(day=bad)
        w, a = dob_say(rng, wrong, mf)
        w2, a2 = dob_say(rng, wrong, mf)
        the = rng.random() < 0.6

        def day(n: int) -> Slot:
            return ent("dob", ("the " if the else "") + ordinal_words(n), ("the " if the else "") + ordinal(n),
                       odd=True, cont=True)

        turns += [cust(ctx, DOB_CUST, v=ent("dob", w, a, odd=True)), rep(ctx, DOB_FIX_REP, v=ent("dob", w2, a2, odd=True)),
                  cust(ctx, DOB_FIX_CUST, good=day(good), bad=day(bad))]
        if rng.random() < 0.6:
            w3, a3 = dob_say(rng, d, mf)
            turns.append(rep(ctx, DOB_REP, v=ent("dob", w3, a3, odd=True)))
    if rng.random() < 0.4:
        turns.append(rep(ctx, NOT_DOB_DATE))
    return turns


def addr_pieces(ctx: Ctx, a: Address, *, town: bool = True, code: bool = True) -> list[Piece]:
    """An address as said in one breath: street (and unit), town (ignored), postcode, in the
    country's usual order."""
    rng = ctx.rng
    out: list[Piece] = [ent("address", *a.street)]
    if a.unit:
        out += [", ", ent("address", *a.unit)]
    eu_code_first = ctx.country in EU and ctx.country not in ("PT",)
    if town and code and eu_code_first:
        out += [", ", ent("address", *a.postcode), " ", ign(*a.town)]
    else:
        if town:
            out += [", ", ign(*a.town)]
        if code:
            out += [rng.choice((", ", " ")) if town else ", ", ent("address", *a.postcode)]
    return out


def b_postcode(ctx: Ctx, compact: bool) -> list[Turn]:
    """The postcode or ZIP alone, to find or verify the account."""
    a = make_address(ctx)
    turns = [rep(ctx, POSTCODE_ASK), cust(ctx, POSTCODE_CUST, v=ent("address", *a.postcode))]
    if ctx.rng.random() < 0.3:
        turns.append(rep(ctx, POSTCODE_REP, v=ent("address", *a.postcode)))
    return turns


def b_address(ctx: Ctx, compact: bool) -> list[Turn]:
    """A full address: in one breath, or street then postcode; a unit remembered late; a read-back."""
    rng = ctx.rng
    a = make_address(ctx)
    turns = [rep(ctx, ADDRESS_ASK)]
    unit_late = a.unit is not None and rng.random() < 0.4 and not compact
    shown = Address(a.street, None, a.postcode, a.town) if unit_late else a
    if rng.random() < 0.65 or compact:
        turns.append(cust(ctx, ADDRESS_CUST, addr=addr_pieces(ctx, shown)))
    else:
        turns += [cust(ctx, ADDRESS_CUST, addr=addr_pieces(ctx, shown, code=False)), rep(ctx, POSTCODE_ASK),
                  cust(ctx, POSTCODE_CUST, v=ent("address", *a.postcode))]
    if unit_late and a.unit:
        turns.append(cust(ctx, UNIT_CUST, v=ent("address", *a.unit)))
    if rng.random() < 0.45:
        which = a.street if rng.random() < 0.5 else a.postcode
        turns.append(rep(ctx, ADDRESS_REP, v=ent("address", *which)))
    return turns


def b_phone(ctx: Ctx, compact: bool) -> list[Turn]:
    """A phone number: whole, in two pieces with a backchannel, with an extension (not labelled),
    and read back another way."""
    rng = ctx.rng
    ph = make_phone(ctx)
    turns = [rep(ctx, PHONE_ASK)]
    mode = rng.choices(("whole", "pieces", "ext"), (62, 26, 12))[0]
    if compact and mode == "pieces":
        mode = "whole"
    if mode == "pieces":
        p1, p2 = phone_say(ctx, ph, pieces=2)
        turns += [cust(ctx, PIECE_FIRST, v=ent("phone", *p1, odd=True)), rep(ctx, BACKCHANNEL),
                  cust(ctx, PIECE_NEXT, v=ent("phone", *p2, odd=True, cont=True))]
    elif mode == "ext":
        (w, a), = phone_say(ctx, ph, intl=False)
        ext = str(rng.randint(10, 4999))
        turns.append(cust(ctx, PHONE_EXT, v=ent("phone", w, a), ext=ext))
    else:
        (w, a), = phone_say(ctx, ph)
        turns.append(cust(ctx, PHONE_CUST, v=ent("phone", w, a)))
    if rng.random() < 0.5:
        (w, a), = phone_say(ctx, ph, intl=False)
        turns.append(rep(ctx, PHONE_REP, v=ent("phone", w, a, odd=True)))
    return turns


def b_email(ctx: Ctx, compact: bool, who: Person | None = None) -> list[Turn]:
    """An e-mail address said out, spelled or typed, often read back."""
    rng = ctx.rng
    who = who or ctx.cust
    addr = make_email(ctx, who, business=ctx.scenario == "b2b close" and rng.random() < 0.7)
    turns = [rep(ctx, EMAIL_ASK), cust(ctx, EMAIL_CUST, v=ent("email", *email_say(rng, addr, who)))]
    if rng.random() < 0.45:
        turns.append(rep(ctx, EMAIL_REP, v=ent("email", *email_say(rng, addr, who))))
    return turns


EXP_MONTH_FORMS = ("oh_digit", "name", "bare", "zero_digit")
EXP_YEAR_FORMS = ("words", "full", "apos", "digits")


def _expiry_month(rng: random.Random, month: int) -> tuple[str, str]:
    form = rng.choice(EXP_MONTH_FORMS)
    if form == "name":
        return MONTHS[month - 1], MONTHS[month - 1]
    if form == "bare" or month >= 10:
        return words_99(month), str(month)
    zero = "oh" if form == "oh_digit" else "zero"
    return f"{zero} {ONES[month]}", rng.choice((f"{month:02d}", f"0 {month}"))


def _expiry_year(rng: random.Random, year: int) -> tuple[str, str]:
    yy = year % 100
    return rng.choice(((words_99(yy), str(yy)), (str(year), str(year)), (f"'{yy}", str(yy)),
                       (f"{ONES[yy // 10]} {ONES[yy % 10]}", str(yy))))


def b_card(ctx: Ctx, compact: bool) -> list[Turn]:
    """A card payment: the number (whole, in pieces with backchannels, or with a corrected group),
    maybe read back in another grouping; expiry and security code; the rep confirms the amount on
    the card ending in its last four (a keep)."""
    rng = ctx.rng
    card = ctx.card = make_card(rng)
    turns: list[Turn] = [rep(ctx, CARD_ASK)]
    if rng.random() < 0.12 and not compact:
        turns += [cust(ctx, CARD_HOLD), rep(ctx, HOLD_REPLY)]
    mode = rng.choices(("whole", "pieces", "fix"), (64, 27, 9))[0]
    if compact:
        mode = "whole"
    style = rng.choices(("typed", "single", "mixed", "pairs"), (34, 30, 22, 14))[0]
    zero = rng.choice(("oh", "oh", "zero"))
    if mode == "whole":
        w, a = say_digits(rng, card.number, card.groups, style=style, zero=zero)
        turns.append(cust(ctx, CARD_CUST, v=ent("card", w, a)))
    elif mode == "pieces":
        parts = split_groups(rng, card.groups, rng.choice((2, 3, 3, 4)))
        i = 0
        for k, gs in enumerate(parts):
            n = sum(gs)
            w, a = say_digits(rng, card.number[i:i + n], gs, style=style, zero=zero)
            i += n
            pool = CARD_FIRST if k == 0 else CARD_LAST if k == len(parts) - 1 else CARD_NEXT
            if k:
                turns.append(rep(ctx, BACKCHANNEL))
            turns.append(cust(ctx, pool, v=ent("card", w, a, odd=True, cont=k > 0)))
    else:
        g0, g1 = card.groups[0], card.groups[1]
        good = card.number[g0:g0 + g1]
        pos = rng.randrange(g1)
        bad = good[:pos] + str((int(good[pos]) + rng.choice((1, 2, 7))) % 10) + good[pos + 1:]
        style = "single" if style == "typed" and rng.random() < 0.5 else style

        def sd(digits: str, gs: Sequence[int], cont: bool = True) -> Slot:
            return ent("card", *say_digits(rng, digits, gs, style=style, zero=zero), odd=True, cont=cont)

        turns.append(cust(ctx, CARD_FIX, p1=sd(card.number[:g0], (g0,), False), bad=sd(bad, (g1,)),
                          good=sd(good, (g1,)), rest=sd(card.number[g0 + g1:], card.groups[2:])))
    if rng.random() < (0.35 if mode != "whole" else 0.2) and not compact:
        gs = other_grouping(rng, len(card.number), card.groups)
        w, a = say_digits(rng, card.number, gs, style=rng.choice(("typed", "single", "pairs", "mixed")))
        turns.append(rep(ctx, CARD_REP, v=ent("card", w, a, odd=True)))
    # expiry and code
    emode = rng.choices(("plain", "split", "both"), (50, 32, 18))[0]
    if compact and emode == "split":
        emode = "plain"
    amex = card.brand == "Amex"
    if emode == "both":
        turns += [rep(ctx, EXPIRY_ASK),
                  cust(ctx, EXP_CVV_CUST if not amex else CVV_CUST_AMEX,
                       **({"exp": ent("expiry", *expiry_say(rng, card.month, card.year)),
                           "cvv": ent("cvv", *cvv_say(rng, card.cvv))} if not amex else
                          {"v": ent("cvv", *cvv_say(rng, card.cvv))}))]
        if amex:
            turns.insert(-1, cust(ctx, EXPIRY_CUST, v=ent("expiry", *expiry_say(rng, card.month, card.year))))
            turns.insert(-1, rep(ctx, CVV_ASK_AMEX))
    else:
        turns.append(rep(ctx, EXPIRY_ASK))
        if emode == "split":
            turns += [cust(ctx, EXPIRY_MONTH, v=ent("expiry", *_expiry_month(rng, card.month), odd=True)),
                      rep(ctx, BACKCHANNEL),
                      cust(ctx, EXPIRY_YEAR, v=ent("expiry", *_expiry_year(rng, card.year), odd=True, cont=True))]
        else:
            first = expiry_say(rng, card.month, card.year)
            turns.append(cust(ctx, EXPIRY_CUST, v=ent("expiry", *first)))
            if rng.random() < 0.45 and not compact:
                w, a = expiry_say(rng, card.month, card.year)
                turns.append(rep(ctx, EXPIRY_REP, v=ent("expiry", w, a, odd=w != first[0])))
        turns += [rep(ctx, CVV_ASK_AMEX if amex else CVV_ASK),
                  cust(ctx, CVV_CUST_AMEX if amex and rng.random() < 0.5 else CVV_CUST,
                       v=ent("cvv", *cvv_say(rng, card.cvv)))]
    if rng.random() < 0.25:
        turns.append(rep(ctx, CVV_REP, v=ent("cvv", *cvv_say(rng, card.cvv))))
    if rng.random() < 0.55:
        turns.append(rep(ctx, LAST4_REP))
        ctx.seen["charged"] = "yes"
    return turns


def b_last4(ctx: Ctx, compact: bool) -> list[Turn]:
    """A card on file mentioned by its last four digits only (a keep)."""
    if ctx.rng.random() < 0.6:
        return [rep(ctx, LAST4_ONLY)] + ([cust(ctx, LAST4_CUST)] if ctx.rng.random() < 0.4 else [])
    return [rep(ctx, _lines("Which card was it paid with?\nDo you know which card you used?")),
            cust(ctx, LAST4_CUST)]


def _iban_letters(rng: random.Random) -> str:
    return rng.choices(("plain", "nato", "for"), (55, 20, 25))[0]


def b_bank(ctx: Ctx, compact: bool) -> list[Turn]:
    """Bank details for a direct debit or a payout: US routing and account, UK sort code and account,
    or an IBAN (whole, in pieces, letters in the spelling alphabet), often read back."""
    rng = ctx.rng
    c = ctx.country
    if c == "US" or (c == "UK" and rng.random() < 0.8):
        if c == "US":
            r_digits, r_groups = make_routing(rng), rng.choice(((3, 3, 3), (9,), (4, 4, 1), (3, 3, 3)))
            acct = _rand_digits(rng, rng.choice((8, 9, 10, 12)))
            ask_r = ROUTING_ASK_US
        else:
            r_digits, r_groups = _rand_digits(rng, 6), (2, 2, 2)
            acct = _rand_digits(rng, 8)
            ask_r = ROUTING_ASK_UK
        a_groups = rng.choice(((4, 4) + ((len(acct) - 8,) if len(acct) > 8 else ()), (len(acct),),
                               (3, 3, len(acct) - 6)))
        r_style = rng.choice(("typed", "single", "pairs" if c == "UK" else "mixed", "single"))
        route = ent("routing", *say_digits(rng, r_digits, r_groups, style=r_style, typed_sep="-" if c == "UK" else ""))
        account = ent("account", *say_digits(rng, acct, a_groups, style=rng.choice(("typed", "single", "mixed")),
                                             typed_sep=""))
        if rng.random() < 0.3:
            both = BANK_BOTH_UK if c == "UK" else BANK_BOTH_US
            turns = [rep(ctx, BANK_ASK), cust(ctx, both, r=route, a=account)]
        else:
            turns = [rep(ctx, ask_r), cust(ctx, ROUTING_CUST_UK if c == "UK" else ROUTING_CUST_US, v=route),
                     rep(ctx, ACCOUNT_ASK),
                     cust(ctx, ACCOUNT_CUST_YEAR if rng.random() < 0.2 else ACCOUNT_CUST, v=account)]
        if rng.random() < 0.5:
            turns.append(rep(ctx, ROUTING_REP_UK if c == "UK" else ROUTING_REP_US,
                             v=ent("routing", *say_digits(rng, r_digits, r_groups, typed_sep="-" if c == "UK" else ""),
                                   odd=True)))
        if rng.random() < 0.5:
            turns.append(rep(ctx, ACCOUNT_REP, v=ent("account", *say_digits(rng, acct, a_groups, typed_sep=""),
                                                     odd=True)))
        return turns
    iban = make_iban(rng, "GB" if c == "UK" else c)
    groups = tuple([4] * (len(iban) // 4) + ([len(iban) % 4] if len(iban) % 4 else []))
    letters = _iban_letters(rng)
    typed = rng.random() < 0.3
    zero = rng.choice(("oh", "zero"))
    dstyle = rng.choice(("single", "single", "pairs", "mixed"))
    turns = [rep(ctx, IBAN_ASK)]
    n_pieces = 1 if compact else rng.choices((1, 2, 3), (50, 32, 18))[0]
    parts = split_groups(rng, groups, n_pieces)
    i = 0
    for k, gs in enumerate(parts):
        n = sum(gs)
        w, a = code_say(rng, iban[i:i + n], gs, typed=typed, letter_style=letters, digit_style=dstyle, zero=zero,
                        plain_prefix=2 if i == 0 else 0)
        i += n
        odd = n_pieces > 1 or (letters != "plain" and not typed and any(ch.isalpha() for ch in iban[4:]))
        if n_pieces == 1:
            turns.append(cust(ctx, IBAN_CUST, v=ent("iban", w, a, odd=odd)))
            break
        pool = IBAN_FIRST if k == 0 else IBAN_LAST if k == len(parts) - 1 else IBAN_NEXT
        if k:
            turns.append(rep(ctx, BACKCHANNEL))
        turns.append(cust(ctx, pool, v=ent("iban", w, a, odd=odd, cont=k > 0)))
    if rng.random() < 0.45 and not compact:
        w, a = code_say(rng, iban, groups, typed=not typed, letter_style="plain", digit_style="single", zero=zero,
                        plain_prefix=2)
        turns.append(rep(ctx, IBAN_REP, v=ent("iban", w, a, odd=True)))
    return turns


def b_id(ctx: Ctx, compact: bool) -> list[Turn]:
    """An identity number named as people name it ("your PPS number"): whole, in pieces, with
    letters in the spelling alphabet, read back in another grouping."""
    rng = ctx.rng
    kinds = ID_KINDS[ctx.country]
    wanted = [k for k in kinds if any(k[0].startswith(p) for p in ID_FOR_SCENARIO.get(ctx.scenario, ()))]
    kind, name = rng.choice(wanted or kinds)
    spec = make_id(ctx, kind, name, ctx.cust)
    turns = [rep(ctx, ID_ASK, idname=name)]
    letter_style = rng.choices(("plain", "nato", "for"), (65, 14, 21))[0]
    has_letters = any(c.isalpha() for c in spec.code)
    split = len(spec.groups) >= 3 and rng.random() < 0.2 and not compact
    if split:
        p1, p2 = id_say(rng, spec, pieces=2, letter_style=letter_style)
        turns += [cust(ctx, PIECE_FIRST, v=ent("id", *p1, odd=True)), rep(ctx, BACKCHANNEL),
                  cust(ctx, PIECE_NEXT, v=ent("id", *p2, odd=True, cont=True))]
    else:
        (w, a), = id_say(rng, spec, letter_style=letter_style)
        odd = has_letters and letter_style != "plain" and w != spec.printed
        turns.append(cust(ctx, ID_CUST, v=ent("id", w, a, odd=odd)))
    if rng.random() < 0.25 and not compact:
        gs = other_grouping(rng, len(spec.code), spec.groups) if not has_letters else spec.groups
        (w, a), = id_say(rng, spec, letter_style="plain", groups=gs)
        turns.append(rep(ctx, ID_REP, v=ent("id", w, a, odd=True)))
    if rng.random() < 0.3 and not compact:
        turns += exchange(ctx, rng.choice(suitable(ctx, ID_AFTER)))
    return turns


def b_third(ctx: Ctx, compact: bool) -> list[Turn]:
    """Someone else named: a partner, a child, a colleague; sometimes an e-mail for them."""
    rng = ctx.rng
    other = new_person(rng)
    ctx.seen["third"] = other.first
    pool = THIRD_BY_SCENARIO.get(ctx.scenario.split()[0], THIRD_CUST)
    turns = [rep(ctx, THIRD_ASK)] if rng.random() < 0.6 and not compact else []
    turns.append(cust(ctx, pool, v=person(ctx, other.full)))
    if rng.random() < 0.5:
        turns.append(rep(ctx, THIRD_REP, v=person(ctx, other.first if rng.random() < 0.5 else other.full)))
    if ctx.scenario == "b2b close" and rng.random() < 0.4 and not compact:
        turns += b_email(ctx, compact, other)
    return turns


def b_third_dob(ctx: Ctx, compact: bool) -> list[Turn]:
    """A third party's date of birth (a child, a student, a passenger)."""
    rng = ctx.rng
    who = ctx.seen.get("third") or rng.choice(GIVEN_NAMES)
    d = make_dob(rng, young=ctx.scenario in ("education fees", "healthcare") and rng.random() < 0.8)
    mf = _month_first(ctx)
    return [rep(ctx, DOB_THIRD_ASK, who=person(ctx, who)),
            cust(ctx, DOB_THIRD, who=person(ctx, who), v=ent("dob", *dob_say(rng, d, mf)))]


def b_logistics(ctx: Ctx, compact: bool, sc: Scenario) -> list[Turn]:
    """Talk with no personal data: prices, dates, times, quantities, products, measures."""
    rng = ctx.rng
    n = 1 if compact else rng.choice((1, 2, 2))
    pool = suitable(ctx, sc.logistics)
    exs = rng.sample(pool, min(n, len(pool)))
    if rng.random() < 0.35 and not compact:
        exs.append(rng.choice(SHARED_LOGISTICS))
    out: list[Turn] = []
    for ex in exs:
        out += exchange(ctx, ex)
    return out


def b_reference(ctx: Ctx, compact: bool) -> list[Turn]:
    """An order, ticket, claim, policy or member number (keeps)."""
    return exchange(ctx, ctx.rng.choice(suitable(ctx, REFERENCE)))


def b_close(ctx: Ctx, compact: bool) -> list[Turn]:
    """A recap with keeps now and then, anything else, goodbye (first names often)."""
    rng = ctx.rng
    turns = []
    if rng.random() < 0.5:
        turns.append(rep(ctx, RECAP))
        ctx.seen["recap"] = "yes"
    turns += [rep(ctx, CLOSE_ASK), cust(ctx, CLOSE_CUST)]
    if rng.random() < 0.6:
        turns.append(rep(ctx, CLOSE_BYE))
    return turns


BEAT_ORDER = ("reference", "identify", "dob", "postcode", "id", "third", "third_dob", "address", "phone", "email",
              "last4", "logistics", "card", "bank")
BEATS: dict[str, Callable[[Ctx, bool], list[Turn]]] = {
    "identify": b_identify, "dob": b_dob, "postcode": b_postcode, "address": b_address, "phone": b_phone,
    "email": b_email, "card": b_card, "last4": b_last4, "bank": b_bank, "id": b_id, "third": b_third,
    "third_dob": b_third_dob, "reference": b_reference,
}


# --------------------------------------------------------------------------------------------
# Calls: cast, beats, joining turns, rendering both forms
# --------------------------------------------------------------------------------------------


def merge(turns: list[Turn]) -> list[Turn]:
    """Consecutive turns of one speaker joined into one, as a transcript shows them."""
    out: list[Turn] = []
    for t in turns:
        if out and out[-1].speaker == t.speaker:
            out[-1] = Turn(t.speaker, out[-1].pieces + [" "] + t.pieces)
        else:
            out.append(Turn(t.speaker, list(t.pieces)))
    return out


def _domain(company: str, country: str) -> str:
    stem = re.sub(r"[^a-z]", "", fold(company).lower().replace("&", "and"))
    tld = {"UK": "co.uk", "IE": "ie", "AU": "com.au", "CA": "ca", "US": "com"}.get(country, country.lower())
    return f"{stem}.{tld}"


def plan_call(rng: random.Random, scenario: str, sc: Scenario, country: str) -> list[str]:
    """The beats a call would like to have, most wanted first: the scarce values (cards, bank
    details, ids) before the common ones, so the 14-turn limit drops the common ones."""
    chosen = []
    for beat, p in sc.beats.items():
        if beat == "bank" and country in ("CA", "AU"):
            beat = "card" if "card" not in sc.beats else ""
        if beat and rng.random() < p:
            chosen.append(beat)
    if "third_dob" in chosen and "third" not in chosen:
        chosen.append("third")
    chosen.append("logistics")
    return sorted(dict.fromkeys(chosen), key=PRIORITY.index)


PRIORITY = ("card", "bank", "id", "dob", "third", "third_dob", "phone", "address", "email", "logistics", "postcode",
            "reference", "last4", "identify")
NAME_OPEN = _lines("""
Hi, my name's {v}.
Hello, it's {v} here.
Hiya, {v} speaking.
Yeah, hi, this is {v}.
Hi there, I'm {v}.
Good morning, {v} here.
Hello, my name is {v}.
Hi, it's {v}.
""")


def build_turns(ctx: Ctx, sc: Scenario, attempt: int) -> list[Turn]:
    """One call's turns before joining: the rep's greeting, the customer's reason (with their name
    now and then), as many wanted beats as fit in 14 turns, and a close."""
    rng = ctx.rng
    rep_name = person(ctx, ctx.rep.full if rng.random() < 0.6 else ctx.rep.first, rep=True)
    opener = [rep(ctx, REP_INTRO, rep=rep_name)]
    named = rng.random() < 0.35
    if rng.random() < 0.12:
        opener.append(cust(ctx, _lines("Hi {rep_first}.\nOh hi {rep_first}, thanks.\nHello {rep_first}, "
                                       "hope you're well.")))
    reason = ctx.pick(sc.openers)
    if named:
        opener.append(cust(ctx, NAME_OPEN, v=person(ctx, ctx.cust.full)))
    if len(opener) > 1:
        reason = re.sub(r"^(?:Hi there|Hiya|Hello|Hi|Yeah, hi), ", "", reason)
        reason = reason[0].upper() + reason[1:]
    opener.append(say(ctx, "customer", reason))
    close = b_close(ctx, attempt > 0)
    wanted = plan_call(rng, ctx.scenario, sc, ctx.country)
    if named and "identify" in wanted:
        wanted.remove("identify")
    chosen: dict[str, list[Turn]] = {}

    def assemble(parts: dict[str, list[Turn]]) -> list[Turn]:
        body = [t for b in sorted(parts, key=BEAT_ORDER.index) for t in parts[b]]
        return opener + body + close

    for beat in wanted:
        for compact in (False, True):
            turns = b_logistics(ctx, compact, sc) if beat == "logistics" else BEATS[beat](ctx, compact)
            if len(merge(assemble(chosen | {beat: turns}))) <= 14:
                chosen[beat] = turns
                break
    if ctx.seen.get("recap") and ctx.seen.get("charged") and "card" in chosen:
        close[0] = rep(ctx, RECAP_NO_PRICE)  # the card confirmation already named the amount
    return assemble(chosen)


@dataclass
class AsrFlags:
    """How tiny.en treats one turn's plain text."""

    drop_q: bool
    drop_comma: bool
    lower: bool
    fillers: bool
    mishear: int


MISHEARD = {"plan": "plant", "contract": "contact", "quote": "coat", "week": "weak", "there": "their",
            "sure": "shore", "invoice": "invoices", "premium": "premier", "fine": "find", "deposit": "the posit",
            "renewal": "renew all", "cancel": "cancer", "receipt": "recede", "balance": "ballots", "lovely": "love lee",
            "cheers": "chairs", "brilliant": "brilliance", "great": "grate", "whole": "hole", "tariff": "terrific",
            "claim": "clean", "parcel": "partial", "courier": "career", "excess": "access", "mortgage": "more gauge",
            "check": "cheque", "warranty": "warrant", "bear": "bare", "grand": "grant", "weekend": "week end",
            "sorted": "sordid", "meter": "metre", "instalments": "installments", "suite": "sweet"}
FILLER_RE = re.compile(r"(?<![\w-])(?:um+|uh+|erm|er|hmm)(?![\w-])[,.]?\s*", re.IGNORECASE)
BACKCHANNEL_ASR = {"Mm-hm.": ("Mm-hmm.", "Mhm.", "Mm-hm."), "Uh-huh.": ("Uh-huh.", "Uh huh."), "Mhm.": ("Mm-hmm.",)}


def asr_text(text: str, flags: AsrFlags, rng: random.Random) -> str:
    """Plain (non-value) text as tiny.en tends to write it."""
    if text.strip() in BACKCHANNEL_ASR:
        text = text.replace(text.strip(), rng.choice(BACKCHANNEL_ASR[text.strip()]))
    if flags.fillers:
        text = FILLER_RE.sub("", text)
    text = text.replace(" — ", ", ").replace("...", rng.choice(("", ",", "...")))
    if flags.mishear:
        for word in sorted(MISHEARD):
            m = re.search(rf"\b{word}\b", text)
            if m:
                text = text[:m.start()] + MISHEARD[word] + text[m.end():]
                flags.mishear -= 1
                break
    if flags.drop_q:
        text = text.replace("?", "")
    if flags.drop_comma:
        text = text.replace(",", "")
    if flags.lower:
        text = re.sub(r"\bi\b", "I", text.lower())
    return re.sub(r" {2,}", " ", text)


class Invalid(Exception):
    """A rendered call broke a labelling rule; the call is drawn again."""


def render(turn: Turn, form: str, flags: AsrFlags, rng: random.Random, odd: Counter[str] | None) -> dict:
    """One turn as text with its labels: offsets recorded as the text is built."""
    text = ""
    entities, keeps, ignores = [], [], []
    first_plain = isinstance(turn.pieces[0], str)
    for piece in turn.pieces:
        if isinstance(piece, str):
            t = piece if form == "written" else asr_text(piece, flags, rng)
            t = re.sub(r" {2,}", " ", t)
            if not text or text.endswith(" "):
                t = t.lstrip(" ")
            text += t
            continue
        value = piece.written if form == "written" else piece.asr
        starts_sentence = not text.strip() or re.search(r"[.?!]\s*$", text) is not None
        if starts_sentence and value[0].islower() and "@" not in value and (form == "written" or not flags.lower):
            value = value[0].upper() + value[1:]
        if piece.cat == "entity":
            e = {"type": piece.type, "value": value, "start": len(text)}
            if piece.rep_name:
                e["rep_name"] = True
            entities.append(e)
            if odd is not None:
                odd[piece.type] += piece.odd
                odd[piece.type + " said"] += not piece.cont
                odd[piece.type + " said odd"] += piece.odd and not piece.cont
        elif piece.cat == "keep":
            keeps.append({"kind": piece.type, "value": value})
        else:
            ignores.append({"value": value, "start": len(text)})
        text += value
    text = text.rstrip()
    if form == "asr" and first_plain and text[:1].islower() and not flags.lower:
        text = text[0].upper() + text[1:]
    # punctuation left dangling at the start by a dropped filler
    lead = len(text) - len(text.lstrip(",. "))
    if lead:
        if any(e["start"] < lead for e in entities + ignores):
            raise Invalid("a value at the very start of a turn lost its place")
        text = text[lead:]
        for e in entities + ignores:
            e["start"] -= lead
        if form == "asr" and text[:1].islower() and not flags.lower:
            text = text[0].upper() + text[1:]
    out = {"speaker": turn.speaker, "text": text, "entities": entities, "keep": keeps}
    if ignores:
        out["ignore"] = ignores
    return out


def check_turn(turn: dict) -> None:
    """The labelling rules of README.md, raised as :class:`Invalid` when broken."""
    text = turn["text"]
    if not text or text != text.strip() or "  " in text:
        raise Invalid(f"bad spacing: {text!r}")
    spans = []
    for e in turn["entities"]:
        v = e["value"]
        if text[e["start"]:e["start"] + len(v)] != v:
            raise Invalid(f"value not at its offset: {e}")
        spans.append((e["start"], e["start"] + len(v)))
    for g in turn.get("ignore", ()):
        s0 = g["start"]
        if text[s0:s0 + len(g["value"])] != g["value"]:
            raise Invalid(f"ignore not at its offset: {g}")
        if any(a < s0 + len(g["value"]) and s0 < b for a, b in spans):
            raise Invalid("ignore overlaps a value")
    spans.sort()
    if any(a[1] > b[0] for a, b in itertools.pairwise(spans)):
        raise Invalid("values overlap")
    for k in turn["keep"]:
        v = k["value"]
        if any(v in e["value"] for e in turn["entities"]):
            raise Invalid(f"keep {v!r} inside a labelled value")
        hits = [m.start() for m in re.finditer(re.escape(v), text)]
        if not any(not any(a < h + len(v) and h < b for a, b in spans) for h in hits):
            raise Invalid(f"keep {v!r} not found outside the values")


def build_call(cid: str) -> tuple[dict, Counter[str]]:
    """Call ``cid`` from its own random generator; drawn again (same generator, going on) until it
    has 6-14 turns after joining and every label checks. Returns the record and its unusual-form counts."""
    rng = random.Random(SEED_NS + cid)
    country = rng.choices(tuple(COUNTRY_WEIGHTS), tuple(COUNTRY_WEIGHTS.values()))[0]
    scenario = rng.choices(tuple(SCENARIO_WEIGHTS), tuple(SCENARIO_WEIGHTS.values()))[0]
    sc = SCENARIOS[scenario]
    industry, companies = rng.choice(sc.industries)
    company = rng.choice(companies)
    for attempt in range(40):
        ctx = Ctx(rng, country, scenario, industry, company, _domain(company, country), new_person(rng),
                  new_person(rng), sc.products, sc.qty_nouns)
        turns = merge(build_turns(ctx, sc, attempt))
        if not 6 <= len(turns) <= 14 or turns[0].speaker != "rep":
            continue
        odd: Counter[str] = Counter()
        forms = {"written": [], "asr": []}
        try:
            for t in turns:
                flags = AsrFlags(drop_q=rng.random() < 0.6, drop_comma=rng.random() < 0.5, lower=rng.random() < 0.3,
                                 fillers=rng.random() < 0.9, mishear=int(rng.random() < 0.18))
                for form in ("written", "asr"):
                    r = render(t, form, flags, rng, odd if form == "written" else None)
                    check_turn(r)
                    forms[form].append(r)
        except Invalid:
            continue
        record = {"id": cid, "country": country, "industry": industry, "scenario": scenario, "company": company,
                  "written": forms["written"], "asr": forms["asr"]}
        return record, odd
    raise RuntimeError(f"{cid}: no valid call in 40 draws; loosen the beats of scenario {scenario!r}")


def call_ids() -> list[str]:
    return [f"h4-{i:04d}" for i in range(1, N_CALLS + 1)]


def generate() -> tuple[list[dict], Counter[str]]:
    """All calls, and how many values of each type were said in an unusual way."""
    records, odd = [], Counter()
    for cid in call_ids():
        rec, o = build_call(cid)
        records.append(rec)
        odd.update(o)
    return records, odd


def dumps(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


# --------------------------------------------------------------------------------------------
# Counts
# --------------------------------------------------------------------------------------------


def counts(calls: list[dict]) -> tuple[Counter[str], Counter[str]]:
    """Labelled values per type ("person (rep name)" apart as well) and keeps per kind ("price (in
    words)": prices with no digit), written form."""
    ent, kp = Counter(), Counter()
    for rec in calls:
        for turn in rec["written"]:
            for e in turn["entities"]:
                ent[e["type"]] += 1
                if e.get("rep_name"):
                    ent["person (rep name)"] += 1
            for k in turn["keep"]:
                kp[k["kind"]] += 1
                if k["kind"] == "price" and not re.search(r"\d", k["value"]):
                    kp["price (in words)"] += 1
    return ent, kp


def stats_markdown(calls: list[dict], odd: Counter[str] | None = None) -> str:
    """The count tables of HOLDOUT4.md, from the calls themselves."""
    ent, kp = counts(calls)
    lines = ["| entity | placeholder | values | brief asks |", "|---|---|---|---|"]
    for t in TYPES:
        lines.append(f"| {t} | `[{'NAME' if t == 'person' else t.upper()}]` | {ent[t]} | {MIN_ENTITIES[t]} |")
    lines.append(f"| of which person with `rep_name` | `[NAME]` | {ent['person (rep name)']} | |")
    lines.append(f"| **all** | | {sum(ent[t] for t in TYPES)} | |")
    lines += ["", "| hard negative (`keep`) | count | brief asks |", "|---|---|---|"]
    for k in KINDS + ("price (in words)",):
        lines.append(f"| {k} | {kp[k]} | {MIN_KEEPS.get(k, '')} |")
    lines.append(f"| **all** | {sum(kp[k] for k in KINDS)} | |")
    n_turns = sum(len(r["written"]) for r in calls)
    plain = sum(1 for r in calls for t in r["written"] if not t["entities"])
    lines += ["", "| calls | turns | turns with no labelled value |", "|---|---|---|",
              f"| {len(calls)} | {n_turns} | {plain} |"]
    countries = Counter(r["country"] for r in calls)
    scenarios = Counter(r["scenario"] for r in calls)
    lines += ["", "| country | calls |", "|---|---|"]
    lines += [f"| {c} | {n} |" for c, n in sorted(countries.items(), key=lambda x: (-x[1], x[0]))]
    lines += ["", "| scenario | calls |", "|---|---|"]
    lines += [f"| {s} | {n} |" for s, n in sorted(scenarios.items(), key=lambda x: (-x[1], x[0]))]
    if odd is not None:
        lines += ["", ("| said in an unusual way (split over turns, corrected, read back another way, spelling "
                       "alphabet) | numbers said | of them unusual | labelled values | of them unusual |"),
                  "|---|---|---|---|---|"]
        for t in ("card", "expiry", "dob", "id", "iban", "phone"):
            said, said_odd = odd[t + " said"], odd[t + " said odd"]
            lines.append(f"| {t} | {said} | {said_odd} ({said_odd / max(1, said):.0%}) | {ent[t]} | "
                         f"{odd[t]} ({odd[t] / max(1, ent[t]):.0%}) |")
    return "\n".join(lines)


def phrasing_counts() -> dict[str, tuple[int, int]]:
    """Distinct carrier phrasings (templates holding a value of the type), customer and rep side."""
    cust_pools = {"card": (CARD_CUST, CARD_FIRST, CARD_NEXT, CARD_LAST, CARD_FIX), "cvv": (CVV_CUST, CVV_CUST_AMEX,
                  EXP_CVV_CUST), "expiry": (EXPIRY_CUST, EXPIRY_MONTH, EXPIRY_YEAR, EXP_CVV_CUST),
                  "iban": (IBAN_CUST, IBAN_FIRST, IBAN_NEXT, IBAN_LAST), "account": (ACCOUNT_CUST, BANK_BOTH_CUST),
                  "routing": (ROUTING_CUST, BANK_BOTH_CUST),
                  "dob": (DOB_CUST, DOB_FIX_CUST, DOB_SPLIT_CUST, DOB_YEAR_CUST, DOB_YEAR_FIRST, DOB_THIRD, DOB_CUST_YEAR),
                  "address": (ADDRESS_CUST, POSTCODE_CUST, UNIT_CUST), "person": (NAME_CUST, NAME_SPELL_CUST,
                  SPELL_CUST, THIRD_CUST, CLOSE_CUST, DOB_THIRD), "email": (EMAIL_CUST,),
                  "phone": (PHONE_CUST, PHONE_EXT, PIECE_FIRST, PIECE_NEXT), "id": (ID_CUST, PIECE_FIRST, PIECE_NEXT)}
    rep_pools = {"card": (CARD_REP,), "cvv": (CVV_REP,), "expiry": (EXPIRY_REP,), "iban": (IBAN_REP,),
                 "account": (ACCOUNT_REP,), "routing": (ROUTING_REP,), "dob": (DOB_REP, DOB_FIX_REP, DOB_THIRD_ASK),
                 "address": (ADDRESS_REP, POSTCODE_REP), "person": (REP_INTRO, NAME_REP, NAME_REP_TITLE, THIRD_REP,
                 CLOSE_ASK, CLOSE_BYE), "email": (EMAIL_REP,), "phone": (PHONE_REP,), "id": (ID_REP,)}
    slot = {"cvv": "{cvv}", "expiry": "{exp}", "routing": "{r}", "account": "{a}"}

    def n(pools: tuple[tuple[str, ...], ...], t: str) -> int:
        keys = ("{v}", "{s}", "{rep}", "{first}", "{rep_first}", "{who}", "{good}", "{y}", "{dm}", "{addr}",
                "{p1}", slot.get(t, "{v}"))
        return len({p for pool in pools for p in pool if any(k in p for k in keys)})

    return {t: (n(cust_pools[t], t), n(rep_pools[t], t)) for t in TYPES}


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Write holdout4.jsonl (default), say whether it is current (--check), or print counts (--stats)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 0 iff holdout4.jsonl is what this script writes")
    ap.add_argument("--stats", action="store_true", help="print the count tables (markdown)")
    args = ap.parse_args(argv)
    records, odd = generate()
    text = dumps(records)
    if args.check:
        current = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print(f"{OUT.name} is {'current' if current else 'NOT current: run make_holdout4.py to rewrite it'}")
        return 0 if current else 1
    if args.stats:
        print(stats_markdown(records, odd))
        print()
        print("| type | customer phrasings | rep phrasings |\n|---|---|---|")
        for t, (c, r) in phrasing_counts().items():
            print(f"| {t} | {c} | {r} |")
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(records)} calls)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
