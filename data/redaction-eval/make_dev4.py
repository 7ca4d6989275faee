"""Writes ``dev4.jsonl``: 250 short phone calls labelled for redaction, a tuning set by a seventh writer.

Every call (``d4-0001`` ... ``d4-0250``) is built from its own ``random.Random("dev4:" + id)``, so the
file is deterministic. A turn is a list of parts (plain text, an entity, a keep or an ``ignore``), each
holding a written and an ASR rendering; both forms are rendered from the same parts, so their labels
are identical and every offset is recorded while the text is built.

    python data/redaction-eval/make_dev4.py            # rewrite dev4.jsonl
    python data/redaction-eval/make_dev4.py --check    # exit 0 iff dev4.jsonl is current
    python data/redaction-eval/make_dev4.py --stats    # print the count tables (markdown)

Standard library only. Written for callcoach on 8 December 2026 (see DEV4.md); MIT licence.
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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "dev4.jsonl"
N_CALLS = 250
MIN_TURNS, MAX_TURNS = 6, 14

ENTITY_TYPES = ("card", "cvv", "expiry", "iban", "account", "routing", "dob", "address", "person", "email",
                "phone", "id")
KEEP_KINDS = ("price", "quantity", "date", "time", "year", "order", "ticket", "product", "percent", "measure",
              "last4")

# ----------------------------------------------------------------------------------------------------------
# Parts and turns
# ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One piece of a turn: ``w`` is the written rendering, ``a`` the ASR one; ``label`` is None for plain
    text, ``("entity", type, "rep"|"")``, ``("keep", kind)`` or ``("ignore",)``."""

    w: str
    a: str
    label: tuple[str, ...] | None = None


def plain(text: str) -> Part:
    """Plain carrier text (the ASR form is derived from it when the turn is rendered)."""
    return Part(text, text)


def ent(type_: str, w: str, a: str, rep: bool = False) -> Part:
    """A labelled value of entity ``type_``."""
    assert type_ in ENTITY_TYPES, type_
    return Part(w, a, ("entity", type_, "rep" if rep else ""))


def keep(kind: str, w: str, a: str | None = None) -> Part:
    """A hard negative that must survive verbatim."""
    assert kind in KEEP_KINDS, kind
    return Part(w, w if a is None else a, ("keep", kind))


def ign(w: str, a: str | None = None) -> Part:
    """Text beside an address (a city, a state) that is neither removed nor kept on purpose."""
    return Part(w, w if a is None else a, ("ignore",))


@dataclass
class Turn:
    """A speaker's turn before rendering."""

    speaker: str
    parts: list[Part]


SLOT_RE = re.compile(r"\{(\w+)\}")


def fill(template: str, slots: dict[str, Part | str]) -> list[Part]:
    """The parts of ``template`` with each ``{slot}`` replaced by its part (a str slot is plain text)."""
    parts: list[Part] = []
    pos = 0
    for m in SLOT_RE.finditer(template):
        if m.start() > pos:
            parts.append(plain(template[pos:m.start()]))
        val = slots[m.group(1)]
        parts.append(plain(val) if isinstance(val, str) else val)
        pos = m.end()
    if pos < len(template):
        parts.append(plain(template[pos:]))
    return parts


# ----------------------------------------------------------------------------------------------------------
# Saying numbers
# ----------------------------------------------------------------------------------------------------------

ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
         "nineteen")
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
ORDINALS = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
            "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
            "eighteenth", "nineteenth", "twentieth", "twenty-first", "twenty-second", "twenty-third",
            "twenty-fourth", "twenty-fifth", "twenty-sixth", "twenty-seventh", "twenty-eighth", "twenty-ninth",
            "thirtieth", "thirty-first")
MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
MONTH_ABBR = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec")


def two_words(n: int) -> str:
    """0-99 as words, compounds hyphenated ("forty-two")."""
    if n < 10:
        return ONES[n]
    if n < 20:
        return TEENS[n - 10]
    t, u = divmod(n, 10)
    return TENS[t] + ("-" + ONES[u] if u else "")


def number_words(n: int, uk_and: bool = True) -> str:
    """0-999,999 as words ("two hundred and forty-nine"; US style leaves out the "and")."""
    if n < 100:
        return two_words(n)
    if n < 1000:
        h, r = divmod(n, 100)
        head = ONES[h] + " hundred"
        return head if r == 0 else head + (" and " if uk_and else " ") + two_words(r)
    th, r = divmod(n, 1000)
    head = number_words(th, uk_and) + " thousand"
    if r == 0:
        return head
    if r < 100:
        return head + (" and " if uk_and else " ") + two_words(r)
    return head + " " + number_words(r, uk_and)


def ordinal_suffix(n: int) -> str:
    """1 -> "1st", 22 -> "22nd"."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}" + {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def year_words(y: int) -> str:
    """A year as said: 1988 "nineteen eighty-eight", 2005 "two thousand and five", 2014 "twenty fourteen"."""
    if 2000 <= y < 2010:
        return "two thousand and " + ONES[y - 2000] if y > 2000 else "two thousand"
    hi, lo = divmod(y, 100)
    if lo == 0:
        return two_words(hi) + " hundred"
    if lo < 10:
        return two_words(hi) + " oh " + ONES[lo]
    return two_words(hi) + " " + two_words(lo)


@dataclass(frozen=True)
class Unit:
    """One spoken chunk of a digit string: its written words and its ASR token, plus the digits it stands for."""

    w: str
    a: str
    digits: str


class Speaker:
    """How one caller says digits (their zero word, how often they double) with a random source."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.zero = rng.choice(("oh", "oh", "zero", "mix"))
        self.doubles = rng.choice((0.0, 0.5, 0.8))
        self.asr_words = rng.choice((0.0, 0.05, 0.15))

    def zero_word(self) -> str:
        return self.zero if self.zero != "mix" else self.rng.choice(("oh", "zero"))

    def digit(self, d: str) -> Unit:
        """A single digit said on its own."""
        r = self.rng
        if d == "0":
            w = self.zero_word()
            a = r.choice(("0", "0", "0", "o")) if w == "oh" else r.choice(("0", "0", "zero"))
            return Unit(w, a, d)
        return Unit(ONES[int(d)], ONES[int(d)] if r.random() < self.asr_words else d, d)

    def pair(self, p: str) -> Unit:
        """Two digits said as one number ("forty-two", "oh five", "double oh")."""
        r = self.rng
        if p == "00":
            return Unit(r.choice(("double oh", "oh oh", "double zero")), r.choice(("00", "double 0", "00")), p)
        if p[0] == "0":
            z = self.zero_word()
            return Unit(f"{z} {ONES[int(p[1])]}", r.choice((p, p, "o" + p[1], "0 " + p[1])), p)
        w = two_words(int(p))
        return Unit(w, w if r.random() < self.asr_words else p, p)

    def units(self, digits: str, mode: str) -> list[Unit]:
        """``digits`` as spoken units: ``single`` digit by digit (with double/triple), ``pairs``, or
        ``hundreds`` (a 3-digit group as "seven twenty-six")."""
        r = self.rng
        out: list[Unit] = []
        i = 0
        if mode == "hundreds" and len(digits) == 3 and digits[1] != "0":
            return [self.digit(digits[0]), self.pair(digits[1:])]
        if mode == "pairs" and len(digits) % 2:
            out.append(self.digit(digits[0]))
            i = 1
        while i < len(digits):
            d = digits[i]
            if mode == "pairs" and i + 1 < len(digits):
                out.append(self.pair(digits[i:i + 2]))
                i += 2
                continue
            run = 1
            while i + run < len(digits) and digits[i + run] == d and run < 3:
                run += 1
            word = self.digit(d)
            if run == 3 and r.random() < self.doubles:
                out.append(Unit("triple " + word.w, r.choice(("triple " + word.a, d * 3)), d * 3))
                i += 3
                continue
            if run >= 2 and r.random() < self.doubles:
                out.append(Unit("double " + word.w, r.choice(("double " + word.a, d * 2, d * 2)), d * 2))
                i += 2
                continue
            out.append(word)
            i += 1
        return out

    def join_asr(self, units: Sequence[Unit], style: str) -> str:
        """ASR tokens of one group: ``run`` digits run together, ``spaced`` one token a unit, ``dash``
        "4-2-4-2" (only when every unit is one digit)."""
        toks = [u.a for u in units]
        if style == "dash" and all(len(t) == 1 and t.isdigit() for t in toks):
            return "-".join(toks)
        if style == "run":
            out, prev = "", ""
            for t in toks:
                if out and not (t.isdigit() and prev.isdigit()):
                    out += " "
                out += t
                prev = t
            return out
        return " ".join(toks)

    def group(self, digits: str, mode: str | None = None, style: str | None = None) -> tuple[str, str]:
        """One digit group said aloud: (written words, ASR text)."""
        r = self.rng
        mode = mode or r.choice(("single", "single", "pairs"))
        us = self.units(digits, mode)
        style = style or r.choice(("run", "run", "spaced", "dash"))
        return " ".join(u.w for u in us), self.join_asr(us, style)

    def asr_regroup(self, digits: str) -> str:
        """Digits as tiny.en groups them: as said, run together, or split oddly ("4242 4242 42 42")."""
        r = self.rng
        out: list[str] = []
        i = 0
        while i < len(digits):
            n = r.choice((2, 3, 4, 4, 4, 5))
            out.append(digits[i:i + n])
            i += n
        return " ".join(out)


def chunk(digits: str, sizes: Sequence[int]) -> list[str]:
    """``digits`` cut into consecutive groups of ``sizes`` (the remainder, if any, as a last group)."""
    out, i = [], 0
    for n in sizes:
        if i >= len(digits):
            break
        out.append(digits[i:i + n])
        i += n
    if i < len(digits):
        out.append(digits[i:])
    return out


# ----------------------------------------------------------------------------------------------------------
# Reading digits and codes back out of a value (for the checks)
# ----------------------------------------------------------------------------------------------------------

NUM_WORDS = {w: str(i) for i, w in enumerate(ONES)} | {"oh": "0", "o": "0", "nought": "0"}
NUM_WORDS |= {w: str(10 + i) for i, w in enumerate(TEENS)}
NUM_WORDS |= {w: f"{i}0" for i, w in enumerate(TENS) if w}
TOKEN_RE = re.compile(r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|"
                      r"seven|eight|nine)|x-ray|[a-z]+|\d+")
NATO = {"alpha": "A", "alfa": "A", "bravo": "B", "charlie": "C", "delta": "D", "echo": "E", "foxtrot": "F",
        "golf": "G", "hotel": "H", "india": "I", "juliet": "J", "juliett": "J", "kilo": "K", "lima": "L",
        "mike": "M", "november": "N", "oscar": "O", "papa": "P", "quebec": "Q", "romeo": "R", "sierra": "S",
        "tango": "T", "uniform": "U", "victor": "V", "whiskey": "W", "whisky": "W", "x-ray": "X", "xray": "X",
        "yankee": "Y", "zulu": "Z"}


def _number_token(tok: str) -> str | None:
    """The digits a token stands for, or None."""
    if tok.isdigit():
        return tok
    if "-" in tok and tok != "x-ray":
        a, b = tok.split("-")
        return NUM_WORDS[a][0] + NUM_WORDS[b]
    return NUM_WORDS.get(tok)


def digits_of(text: str) -> str:
    """The digits a spoken or written number stands for: "forty-two forty-two, oh five double five" ->
    "42420555" (compounds count only when hyphenated, as every value here writes them)."""
    out: list[str] = []
    mult = 1
    for tok in TOKEN_RE.findall(text.lower()):
        if tok in ("double", "triple"):
            mult = 2 if tok == "double" else 3
            continue
        d = _number_token(tok)
        if d is None:
            mult = 1
            continue
        out.append(d * mult if len(d) == 1 else d)
        mult = 1
    return "".join(out)


def code_of(text: str) -> str:
    """Letters and digits of a spelled code: "D as in delta, E four four, N W B K" -> "DE44NWBK"; NATO words
    stand for their letter, "X as in Word" and "X for Word" for X; "oh" and "o" are zeros (no code here
    holds the letter O)."""
    out: list[str] = []
    mult = 1
    toks = TOKEN_RE.findall(text.lower())
    i = 0
    while i < len(toks):
        tok = toks[i]
        i += 1
        if tok == "as" and i < len(toks) and toks[i] == "in":
            i += 2
            continue
        if tok == "for":
            i += 1
            continue
        if tok in ("double", "triple"):
            mult = 2 if tok == "double" else 3
            continue
        d = _number_token(tok)
        if d is not None:
            out.append(d * mult if len(d) == 1 else d)
        elif tok in NATO:
            out.append(NATO[tok] * mult)
        elif tok.isalpha():
            out.append(tok.upper() * (mult if len(tok) == 1 else 1))
        mult = 1
    return "".join(out)


# ----------------------------------------------------------------------------------------------------------
# Checksums
# ----------------------------------------------------------------------------------------------------------


def luhn_ok(number: str) -> bool:
    """Luhn check (cards, Canadian SIN)."""
    if not number.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def luhn_complete(stem: str) -> str:
    """``stem`` with the Luhn check digit appended."""
    return next(stem + c for c in "0123456789" if luhn_ok(stem + c))


def _iban_int(s: str) -> int:
    return int("".join(str(int(ch, 36)) for ch in s))


def iban_ok(iban: str) -> bool:
    """IBAN mod-97 check (country letters and check digits moved to the end, letters as 10-35)."""
    return bool(re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]+", iban)) and _iban_int(iban[4:] + iban[:4]) % 97 == 1


def iban_make(country: str, bban: str) -> str:
    """An IBAN for ``bban`` with correct check digits."""
    check = 98 - _iban_int(bban + country + "00") % 97
    return f"{country}{check:02d}{bban}"


def aba_ok(d: str) -> bool:
    """US ABA routing checksum: 3, 7, 1 weights over the nine digits."""
    if not re.fullmatch(r"\d{9}", d):
        return False
    w = (3, 7, 1) * 3
    return sum(int(c) * k for c, k in zip(d, w)) % 10 == 0


IBAN_LENGTH = {"DE": 22, "FR": 27, "NL": 18, "ES": 24, "IT": 27, "BE": 16, "PL": 28, "PT": 25, "AT": 20,
               "IE": 22, "GB": 22}


# ----------------------------------------------------------------------------------------------------------
# People, places, companies (invented mixes: a given name and a surname are drawn independently)
# ----------------------------------------------------------------------------------------------------------

def _names(block: str) -> list[str]:
    """The names of a whitespace-separated block ("_" stands for a space inside a name)."""
    return [n.replace("_", " ") for n in block.split()]


GIVEN_NAMES = _names("""
Aoife Siobhan Niamh Saoirse Caoimhe Oisin Cian Tadhg Ciaran Eoin Roisin Orla Grainne Padraig Declan Fionnuala Eimear
Ruairi Donal Sinead Aisling Clodagh Darragh Fiachra Muireann Blathnaid Cathal Colm Dearbhla Eithne
Wojciech Grzegorz Agnieszka Malgorzata Katarzyna Krzysztof Zofia Bartosz Lukasz Magdalena Pawel Jadwiga Tomasz Dorota
Marek Beata Jakub Joanna Zbigniew Ewa Kacper Halina Mikolaj Wiktoria Radoslaw
Chukwuemeka Oluwaseun Adaeze Ngozi Chinonso Folasade Babatunde Temitope Ifeoma Obinna Yetunde Emeka Funmilayo Chiamaka
Adebayo Nnamdi Kelechi Damilola Uchenna Amarachi Tobenna Bolanle Aminu Hadiza Musa
Priya Arjun Siddharth Ananya Rohan Kavya Vikram Deepika Aditya Meera Rahul Lakshmi Sanjay Nandini Harpreet Gurpreet
Karthik Divya Anil Pooja Ishaan Shreya Venkatesh Aparna Manoj
Thanh Phuong Linh Minh Huong Tuan Anh Quang Thao Duc Hoa Khanh Lan Bao Trang Hieu Ngoc Vinh Mai Long
Alejandro Lucia Javier Carmen Mateo Valentina Joaquin Ines Diego Pilar Santiago Rocio Alvaro Marisol Ignacio Catalina
Rodrigo Nerea Esteban Beatriz Gonzalo Ximena Pablo Lorena Raul
Youssef Fatima Omar Layla Khalid Amira Tariq Noor Hassan Yasmin Karim Salma Ibrahim Rania Mahmoud Huda Samir Leila
Walid Dina Faisal Mariam Bilal Hanan Ziad
Wei Xiaoling Jun Mei Hao Yan Zhiwei Lihua Jing Qiang Xiu Bo Yifan Ruoxi Tao Jiahui Shu Lei Ming Xin Yuxuan Hui Dong
Nikolaos Eleni Giannis Dimitra Konstantinos Sofia Georgios Katerina Panagiotis Despina Vasilis Ioanna Christos Athina
Stavros Spyros Eirini Thanasis Chrysa
James Olivia Harry Charlotte Jack Emily Thomas Grace William Sophie George Amelia Oliver Hannah Edward Lucy Samuel
Chloe Daniel Megan Benjamin Rachel Matthew Laura Christopher Jessica Andrew Rebecca Nathan Abigail Tyler Madison
Brandon Ashley Cody Brittany Dylan Kayla Logan Savannah
Lukas Anneliese Matthias Friederike Jonas Hannelore Florian Ursula Tobias Gisela Maximilian Henrike Dieter Sabine
Jannik Wiebke Klaus Ingrid Niklas Brigitte
Mathilde Antoine Camille Etienne Amandine Baptiste Margaux Thibault Elodie Guillaume Solene Quentin Clemence
Aurelien Oceane Benoit Sandrine Yannick Manon Corentin
Joost Anouk Sanne Pieter Femke Bram Maartje Thijs Lieke Ruud Floor Sjoerd Marloes Daan Ilse
Giulia Lorenzo Chiara Matteo Francesca Alessandro Federica Riccardo Martina Giacomo Serena Davide Alessia Tommaso
Benedetta Gianluca Ilaria Marco Elisa Stefano
Joao Tiago Mariana Rui Leonor Goncalo Duarte Filipa Afonso Carolina
Sigrid Magnus Astrid Henrik Freya Lars Soren Liv Anders Ingeborg
Haruto Yuki Sakura Kenji Aiko Minjun Seoyeon Jiwoo Hyunwoo Eunji
Emre Elif Mehmet Zeynep Burak Ayse Kerem Defne
Kwame Akosua Kofi Ama Yaw Abena Wanjiru Otieno Njeri Kamau Achieng Mwangi
Maricel Jomar Rhea Jericho Analyn Rodel Marivic Arnel
Jamal Keisha DeShawn Aaliyah Tyrone Imani Malik Shanice Darnell Latoya
Dariush Shirin Arash Parisa Kian Roya
Avi Noa Yael Eitan Tamar Oren
Aroha Tane Mere Sione Losa
Ioana Bogdan Zsofia Levente Tereza Ondrej Vaclav Andreea
Rhys Cerys Gethin Eilidh Angus Morag Iain Seren Dafydd Catriona
Oksana Taras Olena Dmytro Yulia Anatoliy
Abdirahman Hodan Faduma Tesfaye Meseret Dawit
Imran Ayesha Farhan Nusrat Tanvir Sadia
""")

SURNAMES = _names("""
Brennan O'Sullivan Donoghue Kavanagh Fitzgerald McGrath Moynihan Gallagher Coughlan Delaney Halloran Keogh Lenihan
McNamara Nolan Quinlan Redmond Sheehy Tierney Whelan Flanagan Cullinane Mulcahy Breathnach Hennessy Cosgrave
Mac_Giolla Ni_Bhriain O_Ceallaigh Ni_Dhomhnaill
Kowalczyk Wisniewski Przybylski Zielinska Wojcik Szczepanski Lewandowska Grabowski Jablonska Nowakowski Pietrzak
Krawczyk Dabrowski Sobczak Wrobel Chmielewska Kaczmarek Mazur Zawadzki Sikorska Bielecki Ostrowska Gorski Wieczorek
Brzezinski
Okafor Adeyemi Nwosu Olawale Eze Chukwu Okonkwo Balogun Obi Nwachukwu Ogunleye Ibekwe Afolabi Onyekachi Uzoma
Akinola Danjuma Bello Oyelaran Anyanwu Ezeani Ogbonna Adewale Fashola Adebisi
Sharma Iyer Reddy Banerjee Chatterjee Nair Menon Gupta Patel Deshpande Kulkarni Srinivasan Venkataraman Mukherjee
Rao Pillai Chaudhary Joshi Malhotra Bhattacharya Sandhu Gill Dhillon Agarwal Subramaniam
Nguyen Tran Le Pham Hoang Phan Vu Dang Bui Do Ho Ngo Duong Ly Truong
Fernandez Gutierrez Moreno Castillo Ortega Navarro Dominguez Ramos Iglesias Vazquez Serrano Molina Delgado Morales
Herrera Cabrera Aguilar Santana Medina Cortes Pascual Vidal Ibarra Echeverria Zubizarreta
Haddad Al-Mansour Khoury Saleh Nasser Hamdan El-Amin Farouk Aziz Rahman Qureshi Boutros Mansour Khalil Suleiman
Abboud Darwish Yousef Jaber Hijazi Barakat Tahir Mahfouz Shalaby Al-Rashid
Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo Gao Cheung Wong Leung Chan Lau
Papadopoulos Georgiou Konstantinidis Nikolaidis Papageorgiou Dimitriou Karagiannis Vlachos Oikonomou Alexiou
Christodoulou Antonopoulou Stavrou Makris Pappas
Smith Smyth Thompson Whitfield Ashworth Hargreaves Pemberton Caldwell Fairbanks Holloway Thornton Blackwood
Merriweather Lockhart Sutherland Pennington Bradshaw Goodwin Harcourt Kingsley Ainsworth Radcliffe Winslow Hollister
McAllister Prescott Sinclair Townsend Underwood Wakefield Yardley Barnes Fletcher Harper Jenkins Porter Reeves
Spencer Turner Walsh
Schneider Fischer Weber Hoffmann Schaefer Becker Zimmermann Krueger Hartmann Lange Schmitt Wolff Neumann Brandt Vogel
Friedrich Engel Kuehn Seidel Lorenz
Lefevre Moreau Girard Bonnet Dupont Lambert Fontaine Rousseau Chevalier Gauthier Perrin Morel Mercier Blanchard
Guerin Faure Roussel Marchand Dufour Lemaire
de_Vries van_den_Berg Jansen Bakker Visser Smit Meijer de_Boer Mulder de_Groot Bos Vos Peters Hendriks van_Leeuwen
Dekker Brouwer van_Dijk Kuipers Verhoeven
Rossi Bianchi Colombo Ricci Marino Greco Bruno Gallo Conti De_Luca Mancini Costa Giordano Rizzo Lombardi Moretti
Barbieri Fontana Santoro Mariani
Silva Santos Ferreira Pereira Oliveira Rodrigues Martins Sousa Fernandes Goncalves Carvalho Azevedo
Lindqvist Johansson Nystrom Halvorsen Bergstrom Christensen Eriksen Sandberg Virtanen Korhonen
Tanaka Watanabe Yamamoto Nakamura Kobayashi Sato Kim Park Choi Jeong Kang Yoon
Yilmaz Demir Sahin Celik Aydin Ozturk Arslan Dogan
Mensah Boateng Asante Owusu Osei Appiah Kamau Otieno Wanjiku Mwangi Odhiambo Kiprop
Reyes Dela_Cruz Bautista Villanueva Mendoza Aquino Manalo Pangilinan
Hosseini Tehrani Karimi Rostami Moradi Jafari
Cohen Levi Mizrahi Friedman Katz Ben-David
Popescu Ionescu Nagy Horvath Novak Dvorak Kovacs Constantin
MacLeod Campbell Fraser Davies Llewellyn Pritchard Morgan Rees MacKinnon Buchanan
Shevchenko Kovalenko Bondarenko Tkachenko Melnyk Kravchuk
Warsame Abdullahi Hersi Gebremedhin Haile Tadesse
Chowdhury Hussain Siddiqui Akhtar Rahim Khan
Baptiste Charles Joseph Pierre Francis
""")

# How tiny.en tends to hear some of these names (used in the ASR form only).
HEARD_AS = {
    "Siobhan": "Shivaun", "Niamh": "Neeve", "Aoife": "Eefa", "Saoirse": "Seersha", "Caoimhe": "Keeva",
    "Tadhg": "Tige", "Oisin": "Osheen", "Grainne": "Grawnya", "Dearbhla": "Dervla", "Blathnaid": "Blawnid",
    "Muireann": "Mirran", "Fiachra": "Feeakra", "Eithne": "Enya", "Ruairi": "Rory", "Sinead": "Shinade",
    "Wojciech": "Voytek", "Grzegorz": "Gregosh", "Przybylski": "Shibilski", "Szczepanski": "Shepanski",
    "Nguyen": "Win", "Chukwuemeka": "Chuckwu Emeka", "Oluwaseun": "Oluwa Shaun", "Xiaoling": "Shao Ling",
    "Zhiwei": "Jer Way", "Thanh": "Tan", "Phuong": "Fong", "Giannis": "Yiannis", "Nikolaos": "Nicholas",
    "Breathnach": "Brannock", "Youssef": "Yusuf", "Zubizarreta": "Zubi Zaretta", "Ni Dhomhnaill": "Nee Gonnell",
    "Joaquin": "Wakeen", "Sjoerd": "Sure", "Mikolaj": "Mikolai", "Hoang": "Wong", "Mac Giolla": "McGiller",
    "Tkachenko": "Ka Chenko", "Xiu": "Shoe", "Qiang": "Chang", "Ngoc": "Knock", "Duong": "Zoom",
    "Chmielewska": "Mielevska", "Dafydd": "David", "Eilidh": "Ailey", "Catriona": "Katrina", "Seoyeon": "So Yeon",
}

EMAIL_DOMAINS = {
    "US": ("gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "aol.com"),
    "UK": ("gmail.com", "outlook.com", "hotmail.co.uk", "btinternet.com", "yahoo.co.uk", "icloud.com"),
    "IE": ("gmail.com", "eircom.net", "outlook.ie", "hotmail.com", "icloud.com"),
    "CA": ("gmail.com", "outlook.com", "shaw.ca", "rogers.com", "sympatico.ca"),
    "AU": ("gmail.com", "bigpond.com", "outlook.com.au", "optusnet.com.au", "icloud.com"),
    "EU": ("gmail.com", "outlook.com", "web.de", "orange.fr", "libero.it", "ziggo.nl", "telefonica.net",
           "proton.me", "wp.pl", "sapo.pt", "gmx.at", "skynet.be"),
}

CITIES = {
    "US": (("Columbus", "Ohio"), ("Tucson", "Arizona"), ("Raleigh", "North Carolina"), ("Spokane", "Washington"),
           ("Madison", "Wisconsin"), ("Savannah", "Georgia"), ("Boise", "Idaho"), ("Omaha", "Nebraska"),
           ("Albany", "New York"), ("Fresno", "California"), ("Austin", "Texas"), ("Duluth", "Minnesota")),
    "UK": (("Leeds", ""), ("Bristol", ""), ("Norwich", ""), ("Cardiff", ""), ("Sheffield", ""), ("Glasgow", ""),
           ("Leicester", ""), ("Exeter", ""), ("York", ""), ("Brighton", ""), ("Derby", ""), ("Swansea", "")),
    "IE": (("Galway", ""), ("Ballincollig", "County Cork"), ("Drogheda", ""), ("Tralee", "County Kerry"),
           ("Swords", "County Dublin"), ("Ennis", "County Clare"), ("Sligo", ""), ("Naas", "County Kildare")),
    "CA": (("Winnipeg", "Manitoba"), ("Halifax", "Nova Scotia"), ("Kelowna", "British Columbia"),
           ("Sherbrooke", "Quebec"), ("Regina", "Saskatchewan"), ("Hamilton", "Ontario"), ("Red Deer", "Alberta")),
    "AU": (("Geelong", "Victoria"), ("Toowoomba", "Queensland"), ("Newcastle", "New South Wales"),
           ("Fremantle", "Western Australia"), ("Launceston", "Tasmania"), ("Wollongong", "New South Wales")),
    "DE": (("Leipzig", ""), ("Freiburg", ""), ("Kassel", ""), ("Bremen", ""), ("Regensburg", "")),
    "FR": (("Rennes", ""), ("Lyon", ""), ("Nantes", ""), ("Grenoble", ""), ("Lille", "")),
    "NL": (("Utrecht", ""), ("Groningen", ""), ("Haarlem", ""), ("Eindhoven", ""), ("Leiden", "")),
    "ES": (("Zaragoza", ""), ("Valencia", ""), ("Bilbao", ""), ("Malaga", ""), ("Salamanca", "")),
    "IT": (("Bologna", ""), ("Torino", ""), ("Verona", ""), ("Bari", ""), ("Padova", "")),
    "BE": (("Ghent", ""), ("Leuven", ""), ("Namur", ""), ("Bruges", ""), ("Liege", "")),
    "PL": (("Poznan", ""), ("Gdansk", ""), ("Wroclaw", ""), ("Lodz", ""), ("Lublin", "")),
    "PT": (("Braga", ""), ("Coimbra", ""), ("Porto", ""), ("Faro", ""), ("Aveiro", "")),
    "AT": (("Graz", ""), ("Linz", ""), ("Salzburg", ""), ("Innsbruck", ""), ("Klagenfurt", "")),
}

EN_STEMS = ("Larkspur", "Copper", "Wren", "Marl", "Thistle", "Bramble", "Heron", "Kestrel", "Alder", "Quill",
            "Saffron", "Juniper", "Hollin", "Fenwick", "Ashdown", "Morrow", "Linnet", "Briar", "Calder", "Tansy",
            "Ember", "Sorrel", "Harrow", "Willet", "Pebble", "Cinder", "Starling", "Tamsin", "Greyfriar", "Oriel")
EN_TAILS = ("field", "brook", "gate", "wood", "mere", "ridge", "hollow", "croft", "stead", "vale", "bank", "combe",
            "well", "holt", "ford", "moor")
EN_TYPES = {
    "US": ("Street", "Avenue", "Drive", "Lane", "Court", "Boulevard", "Parkway", "Road", "Way", "Terrace"),
    "UK": ("Road", "Street", "Lane", "Close", "Crescent", "Gardens", "Grove", "Terrace", "Mews", "Way"),
    "IE": ("Road", "Avenue", "Park", "Grove", "Lawn", "Drive", "Court", "Heights", "Crescent"),
    "CA": ("Street", "Avenue", "Drive", "Crescent", "Road", "Boulevard", "Trail", "Court"),
    "AU": ("Street", "Road", "Parade", "Avenue", "Close", "Drive", "Terrace", "Crescent"),
}
EU_STREETS = {
    "DE": ("Kiebitzsteig", "Holunderweg", "Distelallee", "Wachtelstrasse", "Ginsterring", "Mohnblumenweg",
           "Falkenhorstgasse", "Birkenhainstrasse"),
    "FR": ("rue des Vanniers", "allee des Glycines", "rue du Moulin Vert", "impasse des Cordiers",
           "avenue des Tilleuls Blancs", "rue de la Tannerie Haute"),
    "NL": ("Kievitstraat", "Lijsterbeslaan", "Zwaluwhof", "Reigersingel", "Meidoornweg", "Klaproosgracht"),
    "ES": ("Calle de los Alfareros", "Avenida de las Acacias", "Calle del Romero Alto", "Paseo de los Olmos",
           "Calle Tejedores"),
    "IT": ("Via dei Gelsi", "Viale delle Ortensie", "Via dei Carbonai", "Via del Mandorlo", "Vicolo dei Tessitori"),
    "BE": ("Kastanjestraat", "Rue des Bleuets", "Vlierbessenlaan", "Rue du Vieux Pressoir"),
    "PL": ("ul. Jaskolcza", "ul. Kasztanowa", "ul. Leszczynowa", "ul. Wrzosowa"),
    "PT": ("Rua das Andorinhas", "Rua das Oliveiras Velhas", "Travessa dos Camelos", "Rua do Moinho"),
    "AT": ("Holundergasse", "Kirschblutenweg", "Ahornzeile", "Fliederhofgasse"),
}

COUNTRY_WEIGHTS = (("US", 20), ("UK", 17), ("IE", 11), ("CA", 8), ("AU", 8), ("DE", 6), ("FR", 5), ("NL", 4),
                   ("ES", 5), ("IT", 5), ("BE", 3), ("PL", 3), ("PT", 3), ("AT", 2))
EU = ("DE", "FR", "NL", "ES", "IT", "BE", "PL", "PT", "AT")
CURRENCY = {"US": ("$", "dollars", "cents"), "CA": ("$", "dollars", "cents"), "AU": ("$", "dollars", "cents"),
            "UK": ("£", "pounds", "pence")}

COMPANY_STEMS = ("Bluefinch", "Harbourline", "Northgate", "Kestrel", "Silverbirch", "Meridian", "Oakhollow",
                 "Brightwater", "Lanterne", "Corrib", "Tidewell", "Foxglove", "Granite", "Everly", "Wattle",
                 "Maplestone", "Ridgeway", "Saltmarsh", "Quayside", "Aldergrove", "Pinecrest", "Skylark", "Copperleaf",
                 "Riverbend", "Stonebridge", "Amberline", "Westmoor", "Clearpath", "Fernhill", "Halcyon")


# ----------------------------------------------------------------------------------------------------------
# The call context
# ----------------------------------------------------------------------------------------------------------


@dataclass
class Ctx:
    """Everything one call draws: its random source, country, people and the card it pays with."""

    rng: random.Random
    cid: str
    country: str
    scenario: str
    industry: str
    company: str
    sp: Speaker
    rep: tuple[str, str]
    cust: tuple[str, str]
    used: set[str] = field(default_factory=set)
    card: str = ""
    brand: str = ""
    dob: tuple[int, int, int] = (1, 1, 1980)
    paid_by: str = ""
    max_turns: int = MAX_TURNS

    def pick(self, pool: Sequence[str]) -> str:
        """A phrasing from ``pool`` not used yet in this call where possible."""
        fresh = [t for t in pool if t not in self.used]
        t = self.rng.choice(fresh or list(pool))
        self.used.add(t)
        return t

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def read_back(self, p: float, short: bool) -> bool:
        """Whether the rep reads a value back (less often in a compact beat; a read-back joins the rep's next turn,
        so it costs no turn)."""
        return self.rng.random() < (p * 0.7 if short else p)

    @property
    def eu(self) -> bool:
        return self.country in EU

    def say(self, speaker: str, template: str, **slots: Part | str) -> Turn:
        """A turn of ``speaker`` from ``template``."""
        return Turn(speaker, fill(template, slots))


def strip_accents(s: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))


def heard(c: Ctx, text: str) -> str:
    """``text`` as tiny.en may hear it: some names respelled, accents dropped."""
    for k, v in HEARD_AS.items():
        if k in text and c.chance(0.6):
            text = text.replace(k, v)
    return strip_accents(text)


def name_part(c: Ctx, first: str, last: str, form: str = "full", rep: bool = False) -> Part:
    """A person's name: ``full``, ``first``, ``last`` or ``lastfirst`` ("Brennan, Aoife")."""
    text = {"full": f"{first} {last}", "first": first, "last": last, "lastfirst": f"{last}, {first}"}[form]
    a = heard(c, text)
    if form == "lastfirst" and c.chance(0.5):
        a = a.replace(",", "")
    return ent("person", text, a, rep)


def spellable(surname: str) -> bool:
    return surname.isalpha() and 3 <= len(surname) <= 11


def spelled_part(c: Ctx, surname: str) -> Part:
    """A surname spelled out: "S-M-Y-T-H"."""
    letters = list(surname.upper())
    w = "-".join(letters) if c.chance(0.7) else " ".join(letters)
    a = c.rng.choice(("-".join(letters), " ".join(letters), " ".join(letters).lower(), surname))
    return ent("person", w, a)


# ----------------------------------------------------------------------------------------------------------
# Money and the other hard negatives
# ----------------------------------------------------------------------------------------------------------


def currency(c: Ctx) -> tuple[str, str, str]:
    return CURRENCY.get(c.country, ("€", "euros", "cent"))


def price(c: Ctx, lo: float = 5, hi: float = 900, cents: bool | None = None) -> Part:
    """A price keep: "$249.99", "£1,200", "€45.50"; the ASR form sometimes says the unit ("249.99 dollars")."""
    r = c.rng
    sym, unit, _ = currency(c)
    v = r.uniform(lo, hi)
    cents = r.random() < 0.55 if cents is None else cents
    if cents:
        amount = round(v) - r.choice((0.01, 0.01, 0.05, 0.5, 0.25)) if r.random() < 0.6 else round(v, 2)
        num = f"{max(amount, 0.99):,.2f}"
    else:
        num = f"{round(v / (10 if v > 100 else 1)) * (10 if v > 100 else 1):,}"
    w = f"{sym}{num}"
    a = w if r.random() < 0.7 else f"{num.replace(',', '')} {unit}"
    return keep("price", w, a)


def price_words(c: Ctx) -> Part:
    """An amount said in words: "two hundred and forty-nine ninety-nine", "twelve pounds fifty"."""
    r = c.rng
    sym, unit, small = currency(c)
    uk_and = c.country != "US"
    whole = r.choice((r.randint(11, 99), r.randint(100, 999), r.randint(1, 25) * 100, r.randint(1000, 4999)))
    cts = r.choice((0, 0, 50, 99, 25, 95, r.randint(1, 98)))
    style = r.randint(0, 4)
    if style == 0 and cts:
        w = f"{number_words(whole, uk_and)} {two_words(cts)}"
    elif style == 1:
        w = f"{number_words(whole, uk_and)} {unit}" + (f" and {two_words(cts)} {small}" if cts else "")
    elif style == 2 and cts:
        w = f"{number_words(whole, uk_and)} {unit} {two_words(cts)}"
    elif style == 3 and whole % 100 == 0 and 1000 < whole < 10000:
        w = f"{two_words(whole // 100)} hundred {unit}"
    else:
        w = f"{number_words(whole, uk_and)} {unit}"
        cts = 0
    num = f"{whole:,}" + (f".{cts:02d}" if cts else "")
    roll = r.random()
    if roll < 0.45:
        a = f"{sym}{num}"
    elif roll < 0.6:
        a = f"{num.replace(',', '')} {unit}"
    else:
        a = w.replace("-", " ")
    return keep("price", w, a)


QUANTITY_NOUNS = {
    "payment": ("visits", "sessions", "hours", "invoices", "permits"), "booking": ("guests", "nights", "rooms",
                                                                                   "people"),
    "healthcare": ("sessions", "appointments", "visits", "treatments"),
    "insurance": ("claims", "drivers", "vehicles", "pets", "items"), "utilities": ("meters", "bills", "readings",
                                                                                   "panels"),
    "banking": ("payments", "cards", "standing orders", "transfers"), "rental": ("days", "nights", "vans", "drivers",
                                                                                 "weeks"),
    "delivery": ("boxes", "parcels", "cartons", "items", "pallets"), "refund": ("items", "tickets", "boxes", "pairs"),
    "subscription": ("boxes", "screens", "users", "issues", "months"),
    "b2b": ("seats", "licences", "units", "laptops", "chairs", "headsets", "panels"),
    "support": ("devices", "users", "units", "sensors"), "collections": ("payments", "instalments", "months",
                                                                         "letters"),
    "travel": ("passengers", "adults", "nights", "children", "bags"), "telecoms": ("SIMs", "lines", "handsets",
                                                                                   "users"),
    "education": ("lessons", "students", "terms", "places", "modules"), "account update": ("cards", "accounts",
                                                                                           "payees"),
    "onboarding": ("accounts", "cards", "users", "directors"),
}
BULK_SCENARIOS = ("b2b", "delivery", "support", "telecoms", "subscription")
SCENARIO_TOPICS = {
    "payment": ("money", "care", "any"), "booking": ("stay", "any"), "healthcare": ("care", "any"),
    "insurance": ("money", "any"), "utilities": ("service", "money", "any"), "banking": ("money", "any"),
    "rental": ("stay", "shop", "any"), "delivery": ("shop", "any"), "refund": ("shop", "money", "any"),
    "subscription": ("service", "any"), "b2b": ("shop", "money", "any"), "support": ("shop", "service", "any"),
    "collections": ("money", "any"), "travel": ("stay", "any"), "telecoms": ("service", "any"),
    "education": ("care", "money", "any"), "account update": ("money", "service", "any"), "onboarding": ("money",
                                                                                                         "any"),
}


def quantity(c: Ctx) -> Part:
    """A quantity keep: "twelve seats", "250 licences", "a pack of 24", "1,500 minutes"."""
    r = c.rng
    noun = r.choice(QUANTITY_NOUNS[c.scenario])
    style = r.randint(0, 4) if c.scenario in BULK_SCENARIOS else r.choice((0, 0, 5))
    if style == 5:
        n = r.randint(2, 30)
        return keep("quantity", f"{n} {noun}", f"{n} {noun}")
    if style == 0:
        n = r.randint(2, 19)
        return keep("quantity", f"{two_words(n)} {noun}",
                    f"{n} {noun}" if r.random() < 0.7 else f"{two_words(n)} {noun}")
    if style == 1:
        n = r.choice((24, 36, 48, 120, 250, 400, 600, 750))
        return keep("quantity", f"{n} {noun}", f"{n} {noun}")
    if style == 2:
        n = r.choice((6, 12, 24, 50))
        return keep("quantity", f"a pack of {n}", f"a pack of {n}")
    if style == 3 and c.scenario == "telecoms":
        n = r.choice((1200, 1500, 2400, 3000, 5000, 12000))
        return keep("quantity", f"{n:,} minutes", f"{n} minutes" if r.random() < 0.5 else f"{n:,} minutes")
    n = r.randint(101, 999)
    return keep("quantity", f"{n} {noun}", f"{n} {noun}" if r.random() < 0.7 else f"{n:,} {noun}")


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def date_keep(c: Ctx) -> Part:
    """A meeting or delivery date (never a date of birth): "Thursday the 9th", "March 3rd", "the 14th of June"."""
    r = c.rng
    d, m = r.randint(1, 28), r.randint(1, 12)
    wd = r.choice(WEEKDAYS)
    us = c.country in ("US", "CA")
    style = r.randint(0, 8)
    if style == 0:
        w, a = f"{wd} the {ordinal_suffix(d)}", f"{wd} the {ordinal_suffix(d)}"
    elif style == 1:
        w, a = f"{MONTHS[m]} {ordinal_suffix(d)}", f"{MONTHS[m]} {ordinal_suffix(d)}"
    elif style == 2:
        w = f"the {ORDINALS[d]} of {MONTHS[m]}"
        a = f"the {ordinal_suffix(d)} of {MONTHS[m]}"
    elif style == 3:
        w = f"{wd} {d} {MONTHS[m]}" if not us else f"{wd}, {MONTHS[m]} {d}"
        a = w.replace(",", "")
    elif style == 4:
        w = f"next {wd} the {ordinal_suffix(d)}"
        a = w
    elif style == 5:
        w = f"{m}/{d}" if us else f"{d}/{m}"
        a = w
    elif style == 6:
        w = f"{MONTHS[m]} {ordinal_suffix(d)}, 2027"
        a = w.replace(",", "")
    elif style == 7:
        w = f"the {ordinal_suffix(d)}"
        a = w
    else:
        w = f"{d} {MONTH_ABBR[m]}"
        a = f"{d} {MONTHS[m]}"
    return keep("date", w, a)


def time_keep(c: Ctx) -> Part:
    """A time keep: "3:30", "10 am", "half past two", "14:00"."""
    r = c.rng
    h = r.randint(7, 18)
    mm = r.choice((0, 15, 30, 45))
    h12 = h - 12 if h > 12 else h
    ap = "pm" if h >= 12 else "am"
    style = r.randint(0, 5)
    if style == 0:
        w = f"{h12}:{mm:02d}" if mm else f"{h12} o'clock"
        a = f"{h12}:{mm:02d}" if mm else f"{h12} o'clock"
    elif style == 1:
        w = f"{h12}:{mm:02d} {ap}"
        a = r.choice((f"{h12}:{mm:02d}{ap}", f"{h12}.{mm:02d} {ap[0]}.m.", f"{h12}:{mm:02d} {ap}"))
    elif style == 2:
        w = f"{h12} {ap}"
        a = r.choice((f"{h12} {ap[0]}.m.", f"{h12}{ap}", f"{h12} {ap}"))
    elif style == 3:
        phrase = {0: f"{two_words(h12)} o'clock", 15: f"quarter past {two_words(h12)}",
                  30: f"half past {two_words(h12)}", 45: f"quarter to {two_words(h12 % 12 + 1)}"}[mm]
        w = phrase
        a = phrase if r.random() < 0.5 else re.sub(r"\b(" + "|".join(ONES[1:] + TEENS[:3]) + r")\b",
                                                    lambda m_: str((ONES + TEENS).index(m_.group(1))), phrase)
    elif style == 4:
        w = f"{h:02d}:{mm:02d}"
        a = w
    else:
        w = "noon" if h == 12 and mm == 0 else f"{h12}.{mm:02d}"
        a = w
    return keep("time", w, a)


def year_keep(c: Ctx, lo: int = 2006, hi: int = 2026) -> Part:
    y = c.rng.randint(lo, hi)
    return keep("year", str(y), str(y))


def order_keep(c: Ctx) -> Part:
    """An order number (member and account numbers of a shop count here too)."""
    r = c.rng
    L = "ABCDEFGHJKLMNPRSTUVWXYZ"
    style = r.randint(0, 6)
    if style == 0:
        v = f"{r.choice(L)}-{r.randint(10000, 99999)}"
        a = r.choice((v, v.replace("-", ""), v.replace("-", " ")))
    elif style == 1:
        v = f"ORD-{r.randint(10000, 99999)}"
        a = r.choice((v, v.replace("-", " "), v.lower()))
    elif style == 2:
        v = f"{r.randint(1000000, 9999999)}"
        a = v
    elif style == 3:
        v = f"{r.choice(L)}{r.choice(L)}-{r.randint(1000, 9999)}-{r.randint(10, 99)}"
        a = r.choice((v, v.replace("-", " ")))
    elif style == 4:
        v = f"SO{r.randint(100000, 999999)}"
        a = r.choice((v, "SO " + v[2:]))
    elif style == 5:
        v = f"{r.randint(100, 999)}-{r.randint(1000, 9999)}"
        a = r.choice((v, v.replace("-", " ")))
    else:
        v = f"MB{r.randint(10000, 99999)}"
        a = r.choice((v, "MB " + v[2:], "M B " + v[2:]))
    return keep("order", v, a)


def ticket_keep(c: Ctx) -> Part:
    """A ticket, claim, case or policy reference."""
    r = c.rng
    style = r.randint(0, 6)
    if style == 0:
        v = f"CLM-{r.randint(10000, 99999)}"
    elif style == 1:
        v = f"{r.randint(100, 999)}-{r.randint(1000, 9999)}"
    elif style == 2:
        v = f"00{r.randint(100000, 999999)}"
    elif style == 3:
        v = f"INC{r.randint(1000000, 9999999)}"
    elif style == 4:
        v = f"PX-{r.randint(10000, 99999)}-{r.choice('KRTWX')}"
    elif style == 5:
        v = f"CS{r.randint(100000, 999999)}"
    else:
        v = f"POL {r.randint(100, 999)} {r.randint(100, 999)}"
    a = r.choice((v, v.replace("-", " "), v.replace("-", "")))
    return keep("ticket", v, a)


PRODUCTS = {
    "shop": ("the X200 router", "the Series 9 dishwasher", "the AquaPure 3000 filter", "the Pro 14 laptop",
             "the Nimbus 7 headset", "the TrailLite 40 tent", "the Volta 2 kettle", "the K-90 printer",
             "the Orbit 360 camera", "the Stride 5 treadmill", "the BrewMaster 4 coffee machine", "the Atlas 2 sofa",
             "the Max 65 TV", "the Model T4 scanner", "the CityRide 3 e-bike", "the Cirrus 11 tablet"),
    "service": ("the Fibre 500 package", "the Core 12 plan", "the Unlimited 5G plan", "the Premier 250 bundle",
                "the Family 4 plan", "the Hub 3 router", "the Stream 4K plan", "the Data 40 add-on"),
    "utilities": ("the HeatWise 25 boiler", "the EcoFlow 8 heat pump", "the Lumen 60 panel", "the Flex 30 tariff",
                  "the Fixed 24 tariff", "the Smart 2 meter"),
    "stay": ("the Transit 350 van", "the Compact 2 hatchback", "the Tourer 9 minibus", "the Deluxe 12 cabin",
             "the Coastal 7 tour", "the Suite 21 package"),
    "care": ("the Level 3 course", "the Grade 5 exam", "the Plan 2 membership", "the Module 4 workshop",
             "the Care 10 package", "the Stage 1 assessment"),
    "money": ("the Saver 90 account", "the Gold 30 card", "the Fixed 5 mortgage", "the Plus 1 account",
              "the Cover 100 policy", "the Flex 12 loan"),
}


def product_keep(c: Ctx) -> Part:
    topic = "utilities" if c.scenario == "utilities" else SCENARIO_TOPICS[c.scenario][0]
    v = c.rng.choice(PRODUCTS[topic])
    a = v if c.chance(0.6) else (v.replace("-", " ") if "-" in v else v.lower())
    return keep("product", v, a)


def percent_keep(c: Ctx) -> Part:
    r = c.rng
    n = r.choice((5, 10, 12, 15, 20, 25, 30, 40))
    style = r.randint(0, 3)
    if style == 0:
        return keep("percent", f"{n}%", r.choice((f"{n}%", f"{n} percent")))
    if style == 1:
        return keep("percent", f"{two_words(n)} percent", r.choice((f"{n}%", f"{two_words(n)} percent")))
    if style == 2:
        x = r.choice(("4.9", "2.5", "3.75", "0.5", "7.9", "1.5"))
        return keep("percent", f"{x}%", r.choice((f"{x}%", f"{x} percent")))
    return keep("percent", f"{n} per cent", f"{n}%")


def measure_keep(c: Ctx) -> Part:
    r = c.rng
    choices = (("40 kilos", "40 kilos"), ("2.4 metres", "2.4 meters"), ("500 ml", "500 mils"),
               (f"{r.randint(120, 980)} kWh", f"{r.randint(120, 980)} kilowatt hours"), ("65-inch", "65 inch"),
               ("20 GB", "20 gigs"), ("3 by 4 metres", "3 by 4 meters"), ("18 square metres", "18 square meters"),
               ("1.5 litres", "1.5 liters"), ("30 miles", "30 miles"), ("7 kg", "7 kilograms"),
               ("12 feet", "12 feet"), ("250 square feet", "250 sq ft"), ("6 cubic metres", "6 cubic meters"),
               ("100 megabits", "100 meg"), ("45 centimetres", "45 cm"))
    w, a = r.choice(choices)
    if "kWh" in w:
        a = w if r.random() < 0.5 else w.replace("kWh", "kilowatt hours")
    return keep("measure", w, a if r.random() < 0.6 else w)


def last4_keep(c: Ctx, digits: str | None = None) -> Part:
    """The last four of a card in a read-back ("the card ending 4242")."""
    d = digits or c.card[-4:] or luhn_complete("4000" + "".join(c.rng.choice("0123456789") for _ in range(11)))[-4:]
    a = d if c.chance(0.75) else f"{d[:2]} {d[2:]}"
    return keep("last4", d, a)


# ----------------------------------------------------------------------------------------------------------
# Cards, expiry dates, security codes
# ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CardKind:
    """A network and length with its usual grouping, published test numbers and test prefixes."""

    key: str
    brand: str
    length: int
    groups: tuple[int, ...]
    published: tuple[str, ...]
    prefixes: tuple[str, ...]


CARD_KINDS = (
    CardKind("visa16", "Visa", 16, (4, 4, 4, 4), ("4242424242424242", "4111111111111111", "4000056655665556",
                                                  "4012888888881881"), ("400000", "411111", "424242", "453201")),
    CardKind("visa13", "Visa", 13, (4, 4, 5), ("4222222222222",), ("422222", "400000", "401288")),
    CardKind("visa19", "Visa", 19, (4, 4, 4, 4, 3), (), ("400000", "411111", "424242")),
    CardKind("mc5", "Mastercard", 16, (4, 4, 4, 4), ("5555555555554444", "5105105105105100", "5200828282828210"),
             ("555555", "510510", "520082", "545454")),
    CardKind("mc2", "Mastercard", 16, (4, 4, 4, 4), ("2223003122003222",), ("222300", "222100", "227100", "272011")),
    CardKind("amex", "American Express", 15, (4, 6, 5), ("378282246310005", "371449635398431", "378734493671000"),
             ("378282", "371449", "340000", "347700")),
    CardKind("discover", "Discover", 16, (4, 4, 4, 4), ("6011111111111117", "6011000990139424"),
             ("601100", "601111", "644564", "650000")),
    CardKind("jcb", "JCB", 16, (4, 4, 4, 4), ("3566002020360505", "3530111333300000"), ("353011", "356600")),
    CardKind("diners", "Diners Club", 14, (4, 6, 4), ("30569309025904", "38520000023237", "36227206271667"),
             ("305693", "385200", "362272")),
    CardKind("maestro", "Maestro", 16, (4, 4, 4, 4), ("6759649826438453",), ("675964", "501800", "630400")),
    CardKind("maestro19", "Maestro", 19, (4, 4, 4, 4, 3), ("6799990100000000019",), ("679999", "675900")),
    CardKind("unionpay", "UnionPay", 16, (4, 4, 4, 4), ("6200000000000005",), ("620000", "622126", "625094")),
    CardKind("unionpay19", "UnionPay", 19, (4, 4, 4, 4, 3), ("6205500000000000004",), ("620550", "621483")),
)
CARD_WEIGHTS = {"visa16": 14, "visa13": 5, "visa19": 5, "mc5": 10, "mc2": 7, "amex": 10, "discover": 7, "jcb": 6,
                "diners": 6, "maestro": 6, "maestro19": 4, "unionpay": 5, "unionpay19": 4}
REGROUPINGS = {13: ((4, 4, 5), (3, 3, 3, 4), (2, 2, 2, 2, 2, 3)), 14: ((4, 6, 4), (2,) * 7, (4, 4, 4, 2)),
               15: ((4, 6, 5), (3,) * 5, (4, 4, 4, 3), (5, 5, 5)), 16: ((4, 4, 4, 4), (2,) * 8, (3, 3, 3, 3, 4)),
               19: ((4, 4, 4, 4, 3), (3, 3, 3, 3, 3, 4), (2,) * 8 + (3,))}


def card_network(number: str) -> str | None:
    """The network a test number belongs to by its prefix and length (None when it fits none)."""
    n, k = number, len(number)
    if n[0] == "4" and k in (13, 16, 19):
        return "Visa"
    if k == 16 and (51 <= int(n[:2]) <= 55 or 2221 <= int(n[:4]) <= 2720):
        return "Mastercard"
    if k == 15 and n[:2] in ("34", "37"):
        return "American Express"
    if k == 16 and (n.startswith(("6011", "65")) or 644 <= int(n[:3]) <= 649):
        return "Discover"
    if k == 16 and 3528 <= int(n[:4]) <= 3589:
        return "JCB"
    if k == 14 and (300 <= int(n[:3]) <= 305 or n[:2] in ("36", "38")):
        return "Diners Club"
    if k in (16, 19) and n[:4] in ("5018", "5020", "5038", "6304", "6759", "6799"):
        return "Maestro"
    if k in (16, 19) and n.startswith("62"):
        return "UnionPay"
    return None


def make_card(rng: random.Random, kind: CardKind) -> str:
    """A published test number (about a third of the time) or a test prefix completed with a Luhn digit."""
    pub = [p for p in kind.published if luhn_ok(p) and len(p) == kind.length]
    if pub and rng.random() < 0.35:
        return rng.choice(pub)
    stem = rng.choice(kind.prefixes)
    stem += "".join(rng.choice("0123456789") for _ in range(kind.length - 1 - len(stem)))
    return luhn_complete(stem)


def read_groups(c: Ctx, groups: Sequence[str], how: str) -> tuple[str, str]:
    """Digit groups read aloud: ``typed`` (the transcriber types digits), ``digits``, ``pairs`` or ``mixed``."""
    r, sp = c.rng, c.sp
    if how == "typed":
        w = (" " if r.random() < 0.9 else "-").join(groups)
        roll = r.random()
        if roll < 0.4:
            a = " ".join(groups)
        elif roll < 0.8:
            a = sp.asr_regroup("".join(groups))
        else:
            a = "".join(groups)
        return w, a
    ws, as_ = [], []
    for g in groups:
        mode = {"digits": "single", "pairs": "pairs"}.get(how) or r.choice(("single", "pairs"))
        gw, ga = sp.group(g, mode)
        ws.append(gw)
        as_.append(ga)
    w = (", " if r.random() < 0.8 else " ").join(ws)
    a = (" " if r.random() < 0.7 else ", ").join(as_)
    return w, a


def card_how(c: Ctx) -> str:
    return c.rng.choice(("typed", "typed", "typed", "digits", "digits", "pairs", "mixed", "mixed"))


def card_piece(c: Ctx, groups: Sequence[str], how: str) -> Part:
    w, a = read_groups(c, groups, how)
    return ent("card", w, a)


def card_regrouped(c: Ctx, used: tuple[int, ...]) -> Part:
    """The whole card read back by the rep in a grouping other than the customer's."""
    options = [g for g in REGROUPINGS[len(c.card)] if g != used] or list(REGROUPINGS[len(c.card)])
    sizes = c.rng.choice(options)
    how = "pairs" if sizes[0] == 2 else c.rng.choice(("typed", "digits", "mixed"))
    return card_piece(c, chunk(c.card, sizes), how)


def expiry_part(c: Ctx, m: int, y: int, form: str) -> Part:
    """An expiry date in one of ``EXPIRY_FORMS``."""
    r, sp = c.rng, c.sp
    yy = y % 100
    zm = f"{sp.zero_word()} {ONES[m]}" if m < 10 else two_words(m)
    mm = f"{m:02d}"
    if form == "mm/yy":
        w, a = f"{mm}/{yy:02d}", r.choice((f"{mm}/{yy:02d}", f"{mm} {yy:02d}", f"{mm}{yy:02d}", f"{m}/{yy}"))
    elif form == "m/yy":
        w, a = f"{m}/{yy:02d}", r.choice((f"{m}/{yy:02d}", f"{m} {yy}"))
    elif form == "mm/yyyy":
        w, a = f"{mm}/{y}", r.choice((f"{mm}/{y}", f"{mm} {y}"))
    elif form == "mm-yy":
        w, a = f"{mm}-{yy:02d}", r.choice((f"{mm}-{yy}", f"{mm} {yy}"))
    elif form == "oh_m_yy":
        w, a = f"{zm} {two_words(yy)}", r.choice((f"{mm} {yy}", f"o{m} {yy}" if m < 10 else f"{m} {yy}", f"{mm}{yy}"))
    elif form == "month_yy":
        w, a = f"{MONTHS[m]} {two_words(yy)}", r.choice((f"{MONTHS[m]} {yy}", f"{MONTHS[m]} {two_words(yy)}"))
    elif form == "month_yyyy":
        w = f"{MONTHS[m]} {y}" if r.random() < 0.5 else f"{MONTHS[m]} twenty {two_words(yy)}"
        a = f"{MONTHS[m]} {y}"
    elif form == "abbr_apos":
        w, a = f"{MONTH_ABBR[m]} '{yy:02d}", r.choice((f"{MONTH_ABBR[m]} {yy}", f"{MONTHS[m]} {yy}"))
    elif form == "slash_digits":
        ms = " ".join(ONES[int(ch)] for ch in str(m))
        ys = " ".join(ONES[int(ch)] if ch != "0" else sp.zero_word() for ch in f"{yy:02d}")
        w, a = f"{ms} slash {ys}", r.choice((f"{m}/{yy}", f"{m} slash {yy}"))
    elif form == "oh_slash":
        w, a = f"{zm} slash {two_words(yy)}", r.choice((f"{mm}/{yy}", f"{mm} slash {yy}"))
    elif form == "month_of_year":
        w, a = f"{MONTHS[m]} of {year_words(y)}", f"{MONTHS[m]} of {y}"
    elif form == "word_word":
        w, a = f"{two_words(m)} {two_words(yy)}", r.choice((f"{m} {yy}", f"{two_words(m)} {yy}"))
    elif form == "oh_m_full":
        w = f"{zm}, two oh {' '.join(ONES[int(ch)] for ch in f'{yy:02d}')}"
        a = r.choice((f"{mm} {y}", f"{mm} 20 {yy}"))
    elif form == "compact":
        w, a = f"{mm}{yy:02d}", r.choice((f"{mm}{yy:02d}", f"{mm} {yy}"))
    elif form == "abbr_dot_yyyy":
        w = f"{MONTH_ABBR[m]}{'' if m == 5 else '.'} {y}"
        a = f"{MONTHS[m]} {y}"
    elif form == "month_apos":
        w, a = f"{MONTHS[m]} '{yy:02d}", f"{MONTHS[m]} {yy}"
    elif form == "dash_spoken":
        w, a = f"{zm} dash {two_words(yy)}", r.choice((f"{mm}-{yy}", f"{mm} dash {yy}"))
    else:
        raise ValueError(f"unknown expiry form {form!r}: add it to EXPIRY_FORMS and expiry_part")
    return ent("expiry", w, a)


EXPIRY_FORMS = ("mm/yy", "m/yy", "mm/yyyy", "mm-yy", "oh_m_yy", "month_yy", "month_yyyy", "abbr_apos",
                "slash_digits", "oh_slash", "month_of_year", "word_word", "oh_m_full", "compact", "abbr_dot_yyyy",
                "month_apos", "dash_spoken")
MONTH_FORMS = ("month_yy", "month_yyyy", "abbr_apos", "month_of_year", "abbr_dot_yyyy", "month_apos")


def cvv_part(c: Ctx, code: str, how: str | None = None) -> Part:
    """A security code: typed, digit by digit, "seven twenty-six", or in pairs for Amex."""
    r, sp = c.rng, c.sp
    how = how or r.choice(("typed", "single", "single", "hundreds" if len(code) == 3 else "pairs"))
    if how == "typed":
        return ent("cvv", code, code)
    us = sp.units(code, how)
    style = r.choice(("run", "run", "spaced", "dash"))
    return ent("cvv", " ".join(u.w for u in us), sp.join_asr(us, style))


# ----------------------------------------------------------------------------------------------------------
# Bank details
# ----------------------------------------------------------------------------------------------------------

CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I or O: a spoken "oh" is a zero here
FOR_WORDS = {"A": "apple", "B": "boy", "C": "Charlie", "D": "David", "E": "Edward", "F": "Freddie", "G": "George",
             "H": "Harry", "I": "Ireland", "J": "Jack", "K": "King", "L": "London", "M": "Mary", "N": "Nellie",
             "P": "Peter",
             "Q": "Queen", "R": "Robert", "S": "Sugar", "T": "Tommy", "U": "uncle", "V": "Victor", "W": "William",
             "X": "x-ray", "Y": "yellow", "Z": "zebra"}
NATO_OF = {"A": "Alpha", "B": "Bravo", "C": "Charlie", "D": "Delta", "E": "Echo", "F": "Foxtrot", "G": "Golf",
           "H": "Hotel", "I": "India", "J": "Juliet", "K": "Kilo", "L": "Lima", "M": "Mike", "N": "November",
           "P": "Papa",
           "Q": "Quebec", "R": "Romeo", "S": "Sierra", "T": "Tango", "U": "Uniform", "V": "Victor", "W": "Whiskey",
           "X": "X-ray", "Y": "Yankee", "Z": "Zulu"}


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _letters(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(CODE_LETTERS) for _ in range(n))


def make_iban(rng: random.Random, country: str) -> str:
    """An IBAN with a random (fake) bank code and correct check digits."""
    if country == "BE":
        first = _digits(rng, 10)
        chk = int(first) % 97 or 97
        bban = f"{first}{chk:02d}"
    else:
        bban = {
            "DE": lambda: _digits(rng, 18), "FR": lambda: _digits(rng, 23), "NL": lambda: _letters(rng,
                                                                                                   4) + _digits(rng,
                                                                                                                10),
            "ES": lambda: _digits(rng, 20), "IT": lambda: _letters(rng, 1) + _digits(rng, 22),
            "PL": lambda: _digits(rng, 24), "PT": lambda: _digits(rng, 21), "AT": lambda: _digits(rng, 16),
            "IE": lambda: _letters(rng, 4) + _digits(rng, 14), "GB": lambda: _letters(rng, 4) + _digits(rng, 14),
        }[country]()
    iban = iban_make(country, bban)
    assert len(iban) == IBAN_LENGTH[country] and iban_ok(iban), iban
    return iban


def say_letter(c: Ctx, ch: str, style: str) -> tuple[str, str]:
    """A letter spelled: plain "N", NATO "November", "N as in November" or "N for Nellie"."""
    if style == "nato":
        return NATO_OF[ch], NATO_OF[ch]
    if style == "as_in":
        return f"{ch} as in {NATO_OF[ch]}", c.rng.choice((f"{ch} as in {NATO_OF[ch]}",
                                                          f"{ch} as in {NATO_OF[ch].lower()}"))
    if style == "for":
        return f"{ch} for {FOR_WORDS[ch]}", f"{ch} for {FOR_WORDS[ch]}"
    return ch, ch


def say_code(c: Ctx, groups: Sequence[str], letter_style: str, digit_mode: str | None = None) -> tuple[str, str]:
    """Groups of letters and digits said aloud (IBANs, ids, postcodes)."""
    r, sp = c.rng, c.sp
    ws, as_ = [], []
    for g in groups:
        gw, ga = [], []
        for run in re.findall(r"[A-Z]+|\d+", g):
            if run.isalpha():
                style = letter_style if letter_style != "mixed" else r.choice(("plain", "plain", "as_in", "nato"))
                for ch in run:
                    lw, la = say_letter(c, ch, style)
                    gw.append(lw)
                    ga.append(la)
            else:
                us = sp.units(run, digit_mode or r.choice(("single", "single", "pairs")))
                gw.extend(u.w for u in us)
                ga.append(sp.join_asr(us, r.choice(("run", "run", "spaced"))))
        ws.append(" ".join(gw))
        as_.append(" ".join(ga))
    return ", ".join(ws), " ".join(as_)


def iban_pieces(c: Ctx, iban: str, n_pieces: int, how: str) -> list[Part]:
    """An IBAN in ``n_pieces`` (split at its groups of four), typed or spoken."""
    groups = chunk(iban, [4] * 10)
    cut = sorted(c.rng.sample(range(1, len(groups)), n_pieces - 1)) if n_pieces > 1 else []
    bounds = [0, *cut, len(groups)]
    letter_style = c.rng.choice(("plain", "plain", "nato", "as_in", "mixed", "for"))
    out = []
    for a, b in itertools.pairwise(bounds):
        gs = groups[a:b]
        if how == "typed":
            w = " ".join(gs)
            roll = c.rng.random()
            asr = " ".join(gs) if roll < 0.5 else ("".join(gs) if roll < 0.7 else " ".join(
                re.findall(r"[A-Z]+|\d+", "".join(gs))))
        else:
            w, asr = say_code(c, gs, letter_style)
        out.append(ent("iban", w, asr))
    return out


def make_aba(rng: random.Random) -> str:
    """A nine-digit US routing number with a valid ABA checksum."""
    while True:
        stem = f"{rng.choice(list(range(1, 13)) + list(range(21, 33))):02d}" + _digits(rng, 6)
        for d in "0123456789":
            if aba_ok(stem + d):
                return stem + d


def routing_part(c: Ctx, digits: str) -> Part:
    """A routing code: US ABA (9 digits), UK sort code or AU BSB (6), Canadian transit-institution (5+3)."""
    r, sp = c.rng, c.sp
    if len(digits) == 9:
        groups = chunk(digits, (3, 3, 3))
        if r.random() < 0.5:
            return ent("routing", digits, r.choice((digits, " ".join(groups), sp.asr_regroup(digits))))
        w, a = read_groups(c, groups, r.choice(("digits", "digits", "mixed")))
        return ent("routing", w, a)
    if len(digits) == 8:  # Canada: transit then institution
        t, i = digits[:5], digits[5:]
        if r.random() < 0.5:
            return ent("routing", f"{t}-{i}", r.choice((f"{t}-{i}", f"{t} {i}")))
        w, a = read_groups(c, (t, i), "digits")
        return ent("routing", w, a)
    groups = chunk(digits, (2, 2, 2)) if c.country == "UK" else chunk(digits, (3, 3))
    if r.random() < 0.45:
        w = "-".join(groups)
        return ent("routing", w, r.choice((w, " ".join(groups), digits)))
    w, a = read_groups(c, groups, r.choice(("pairs", "digits")) if c.country == "UK" else "digits")
    return ent("routing", w, a)


def account_part(c: Ctx, digits: str) -> Part:
    r = c.rng
    if r.random() < 0.45:
        return ent("account", digits, r.choice((digits, c.sp.asr_regroup(digits))))
    sizes = (4, 4, 4) if len(digits) % 4 == 0 else (3, 3, 3, 3)
    w, a = read_groups(c, chunk(digits, sizes), r.choice(("digits", "pairs", "mixed")))
    return ent("account", w, a)


# ----------------------------------------------------------------------------------------------------------
# Dates of birth
# ----------------------------------------------------------------------------------------------------------

DOB_FORMS = ("ord_of", "num_spoken", "slash4", "slash2", "month_ord_year", "ord_of_ord", "day_month_year",
             "month_the_ord", "compact_words", "dotted", "abbr", "year_first", "ord_month_apos", "month_num_yy",
             "full_words_of", "iso")


def yy_words(c: Ctx, y: int) -> str:
    """A two-digit year as said ("eighty-eight", "oh five")."""
    yy = y % 100
    return f"{c.sp.zero_word()} {ONES[yy]}" if yy < 10 else two_words(yy)


def dob_part(c: Ctx, d: int, m: int, y: int, form: str) -> Part:
    """A date of birth in one of ``DOB_FORMS`` (month first for US callers, day first elsewhere)."""
    r = c.rng
    us = c.country == "US" or (c.country == "CA" and r.random() < 0.5)
    yy = y % 100
    long_y = r.random() < 0.5
    ys_w = year_words(y) if long_y else yy_words(c, y)
    ys_a = str(y) if long_y else f"{yy:02d}"
    if form == "ord_of":
        w = f"the {ORDINALS[d]} of {MONTHS[m]}, {ys_w}"
        a = r.choice((f"the {ordinal_suffix(d)} of {MONTHS[m]} {ys_a}", f"{ordinal_suffix(d)} of {MONTHS[m]}, {ys_a}"))
    elif form == "num_spoken":
        first, second = (m, d) if us else (d, m)

        def nn(n: int) -> str:
            return f"{c.sp.zero_word()} {ONES[n]}" if n < 10 else two_words(n)
        w = f"{nn(first)}, {nn(second)}, {yy_words(c, y)}"
        a = r.choice((f"{first:02d} {second:02d} {yy:02d}", f"{first} {second} {yy:02d}",
                      f"o{first} {second} {yy:02d}" if first < 10 else f"{first} {second:02d} {yy:02d}"))
    elif form == "slash4":
        w = f"{m:02d}/{d:02d}/{y}" if us else f"{d:02d}/{m:02d}/{y}"
        a = r.choice((w, w.replace("/", " "), w.replace("/", "-")))
    elif form == "slash2":
        w = f"{m}/{d}/{yy:02d}" if us else f"{d}/{m}/{yy:02d}"
        a = w
    elif form == "month_ord_year":
        w = f"{MONTHS[m]} {ordinal_suffix(d)} {y}" if r.random() < 0.5 else f"{MONTHS[m]} {ordinal_suffix(d)}, {y}"
        a = f"{MONTHS[m]} {ordinal_suffix(d)}, {y}" if r.random() < 0.5 else f"{MONTHS[m]} {d}, {y}"
    elif form == "ord_of_ord":
        w = f"the {ORDINALS[d]} of the {ORDINALS[m]}, {ys_w}"
        a = f"{ordinal_suffix(d)} of the {ordinal_suffix(m)} {ys_a}"
    elif form == "day_month_year":
        w = f"{d} {MONTHS[m]} {y}"
        a = r.choice((w, f"{ordinal_suffix(d)} {MONTHS[m]} {y}"))
    elif form == "month_the_ord":
        w = f"{MONTHS[m]} the {ORDINALS[d]}, {ys_w}"
        a = f"{MONTHS[m]} the {ordinal_suffix(d)}, {ys_a}"
    elif form == "compact_words":
        first, second = (m, d) if us else (d, m)
        w = f"{two_words(first)} {two_words(second)} {yy_words(c, y)}"
        a = f"{first} {second} {yy:02d}"
    elif form == "dotted":
        w = f"{d:02d}.{m:02d}.{y}"
        a = r.choice((w, f"{d:02d} {m:02d} {y}"))
    elif form == "abbr":
        w = f"{MONTH_ABBR[m]} {d}, {y}" if us else f"{d} {MONTH_ABBR[m]} {y}"
        a = f"{MONTHS[m]} {d} {y}" if us else f"{d} {MONTHS[m]} {y}"
    elif form == "year_first":
        w = f"{year_words(y)}, {MONTHS[m]} the {ORDINALS[d]}"
        a = f"{y}, {MONTHS[m]} the {ordinal_suffix(d)}"
    elif form == "ord_month_apos":
        w = f"{ordinal_suffix(d)} {MONTHS[m]} '{yy:02d}"
        a = f"{ordinal_suffix(d)} {MONTHS[m]} {yy:02d}"
    elif form == "month_num_yy":
        w = f"{MONTHS[m]} {two_words(d)}, {yy_words(c, y)}"
        a = f"{MONTHS[m]} {d}, {yy:02d}"
    elif form == "full_words_of":
        w = f"the {ORDINALS[d]} of {MONTHS[m]}, {year_words(y)}"
        a = f"the {ordinal_suffix(d)} of {MONTHS[m]} {y}"
    elif form == "iso":
        w = f"{y}-{m:02d}-{d:02d}"
        a = r.choice((w, f"{y} {m:02d} {d:02d}"))
    else:
        raise ValueError(f"unknown DOB form {form!r}: add it to DOB_FORMS and dob_part")
    return ent("dob", w, a)


def day_part(c: Ctx, d: int) -> Part:
    """A day of a date of birth said alone in a correction ("the fourteenth")."""
    return ent("dob", f"the {ORDINALS[d]}" if c.chance(0.6) else f"the {ordinal_suffix(d)}", f"the {ordinal_suffix(d)}")


def born_in_part(c: Ctx, d: int, m: int, y: int) -> Part:
    """"'88, March twelfth" (after "born in")."""
    yy = y % 100
    return ent("dob", f"'{yy:02d}, {MONTHS[m]} {ORDINALS[d]}", f"{yy:02d}, {MONTHS[m]} {ordinal_suffix(d)}")


def draw_dob(rng: random.Random, lo: int = 1941, hi: int = 2006) -> tuple[int, int, int]:
    return rng.randint(1, 28), rng.randint(1, 12), rng.randint(lo, hi)


# ----------------------------------------------------------------------------------------------------------
# Addresses
# ----------------------------------------------------------------------------------------------------------

UK_AREAS = ("LS", "M", "B", "BS", "EH", "G", "CF", "NE", "SW", "NR", "EX", "YO", "BN", "DE", "SA", "LE", "S", "HU")
UK_INWARD = "ABDEFGHJLNPQRSTUWXYZ"
IE_KEYS = ("D04", "D6W", "T12", "H91", "V94", "A94", "P31", "F91", "X91", "W23", "R95", "N37")
IE_CHARS = "ACDEFHKNPRTVWXY0123456789"
CA_FIRST = "ABCEGHJKLMNPRSTVXY"
CA_OTHER = "ABCEGHJKLMNPRSTVWXYZ"


def make_postcode(rng: random.Random, country: str) -> str:
    """A postcode of the country's shape (random, so not tied to a real address)."""
    d = rng.randint
    if country == "US":
        z = f"{d(1, 99999):05d}"
        return z if rng.random() < 0.85 else f"{z}-{d(0, 9999):04d}"
    if country == "UK":
        area = rng.choice(UK_AREAS)
        return f"{area}{d(1, 19 if len(area) == 2 else 9)} {d(0, 9)}{rng.choice(UK_INWARD)}{rng.choice(UK_INWARD)}"
    if country == "IE":
        return f"{rng.choice(IE_KEYS)} {''.join(rng.choice(IE_CHARS) for _ in range(4))}"
    if country == "CA":
        return f"{rng.choice(CA_FIRST)}{d(0, 9)}{rng.choice(CA_OTHER)} {d(0, 9)}{rng.choice(CA_OTHER)}{d(0, 9)}"
    if country == "NL":
        return f"{d(1000, 9999)} {rng.choice('BCDEGHJKLMNPRTVWXZ')}{rng.choice('ABCDEGHJKLMNPRTVWXZ')}"
    if country in ("AU", "BE", "AT"):
        return f"{d(2000, 7999) if country == 'AU' else d(1000, 9999)}"
    if country == "PL":
        return f"{d(10, 99)}-{d(100, 999)}"
    if country == "PT":
        return f"{d(1000, 9999)}-{d(100, 999)}"
    return f"{d(10000, 95999)}"


def postcode_part(c: Ctx, code: str) -> Part:
    """A postcode or ZIP: typed, or spoken ("L S six, two Q T", "four three two one five")."""
    r = c.rng
    spoken = c.country in ("US", "UK", "IE", "CA") and r.random() < 0.45
    if not spoken:
        a = code
        if c.country in ("UK", "IE", "CA"):
            a = r.choice((code, code, code.replace(" ", ""), " ".join(code.replace(" ", ""))))
        return ent("address", code, a)
    groups = code.split(" ") if " " in code else code.split("-")
    w, a = say_code(c, [g.replace("-", "") for g in groups], "plain", "single")
    if r.random() < 0.5:
        a = code
    return ent("address", w, a)


def _en_street(rng: random.Random, country: str) -> str:
    return f"{rng.choice(EN_STEMS)}{rng.choice(EN_TAILS)} {rng.choice(EN_TYPES[country])}"


def street_part(c: Ctx) -> Part:
    """A street line with a house number and often a flat, apartment, unit or suite."""
    r, k = c.rng, c.country
    n = r.randint(1, 240)
    L = "ABCDEF"
    if k == "US":
        num = r.choice((n, r.randint(100, 9899), r.randint(1000, 9899)))
        st = _en_street(r, k)
        unit = r.choice(("", "", f"Apt {r.randint(1, 30)}{r.choice(L)}", f"Apartment {r.randint(2, 40)}",
                         f"Unit {r.randint(1, 20)}", f"Suite {r.randint(100, 950)}", f"#{r.randint(2, 60)}"))
        if 1000 <= num and num % 100 >= 10 and r.random() < 0.35:
            w_num, a_num = f"{two_words(num // 100)} {two_words(num % 100)}", r.choice((str(num),
                                                                                        f"{num // 100} {num % 100}"))
        else:
            w_num = a_num = str(num)
        w = f"{w_num} {st}" + (f", {unit}" if unit else "")
        a = f"{a_num} {st}" + (f", {unit.replace('Apt ', 'apartment ')}" if unit else "")
        return ent("address", w, a)
    if k in ("UK", "IE", "CA", "AU"):
        st = _en_street(r, k)
        flat_word = {"UK": "Flat", "IE": "Apartment", "CA": "Unit", "AU": "Unit"}[k]
        flat = f"{flat_word} {r.randint(1, 40)}{r.choice(('', '', 'A', 'B'))}"
        style = r.randint(0, 3)
        if style == 0:
            w = f"{flat}, {n} {st}"
        elif style == 1:
            w = f"{n} {st}"
        elif style == 2 and k in ("AU", "CA"):
            w = f"{r.randint(1, 30)}/{n} {st}" if k == "AU" else f"{r.randint(101, 2400)}-{n} {st}"
        else:
            w = f"{n} {st}, {flat}"
        a = w if r.random() < 0.6 else w.replace(",", "")
        return ent("address", w, a)
    st = r.choice(EU_STREETS[k])
    if k in ("FR",):
        w = f"{n} {st}" + (f", appartement {r.randint(1, 30)}" if r.random() < 0.4 else "")
    elif k == "ES":
        w = f"{st} {n}, {r.randint(1, 9)}{r.choice('ABCD')}"
    elif k == "IT":
        w = f"{st} {n}" + (f", interno {r.randint(1, 20)}" if r.random() < 0.4 else "")
    elif k == "BE":
        w = f"{st} {n}" + (f" bus {r.randint(1, 9)}" if r.random() < 0.5 else "")
    elif k in ("PL", "AT"):
        w = f"{st} {n}/{r.randint(1, 40)}"
    elif k == "PT":
        w = f"{st} {n}, {r.randint(1, 6)} Esq"
    elif k == "NL":
        w = f"{st} {n}" + (r.choice(("-II", "-3", " A")) if r.random() < 0.4 else "")
    else:
        w = f"{st} {n}" + (r.choice(("a", "b")) if r.random() < 0.3 else "")
    return ent("address", w, w if r.random() < 0.7 else w.replace(",", ""))


def city_parts(c: Ctx) -> tuple[Part, str]:
    """The city (and state or county) beside an address, as an ``ignore`` part, and the city's bare name."""
    city, region = c.rng.choice(CITIES[c.country])
    text = f"{city}, {region}" if region else city
    return ign(text, text.replace(",", "") if c.chance(0.5) else text), city


# ----------------------------------------------------------------------------------------------------------
# E-mail addresses and phone numbers
# ----------------------------------------------------------------------------------------------------------


def _ascii_lower(s: str) -> str:
    return re.sub(r"[^a-z]", "", strip_accents(s).lower())


def make_email(c: Ctx, first: str, last: str) -> tuple[str, str]:
    """A local part built from the name and a domain of the country: ("aoife.brennan", "gmail.com")."""
    r = c.rng
    f, la = _ascii_lower(first), _ascii_lower(last)
    nn = f"{r.randint(1, 99):02d}" if r.random() < 0.5 else str(r.randint(70, 99))
    local = r.choice((f"{f}.{la}", f"{f[0]}.{la}", f"{f}{la}{nn}", f"{f}_{la[0]}", f"{la}.{f}", f"{f}-{la}",
                      f"{f}{nn}", f"{f[0]}{la}{nn}", f"{f}.{la}{nn}", f"{f}_{la}"))
    dom = r.choice(EMAIL_DOMAINS["EU" if c.eu else c.country] + (("gmail.com",) * 2))
    return local, dom


def email_part(c: Ctx, local: str, dom: str, first: str, spell: bool = False) -> Part:
    """An e-mail typed, spoken ("jane dot doe at outlook dot com") or partly spelled ("J-A-N-E dot doe at ...")."""
    r = c.rng
    f = _ascii_lower(first)
    typed = f"{local}@{dom}"

    def spoken_local(s: str, spell: bool) -> str:
        out = []
        for tok in re.findall(r"[a-z]+|\d+|[._-]", s):
            if tok == ".":
                out.append("dot")
            elif tok == "_":
                out.append("underscore")
            elif tok == "-":
                out.append(r.choice(("dash", "hyphen")))
            elif tok.isdigit():
                out.append(two_words(int(tok)) if len(tok) == 2 and tok[0] != "0" and r.random() < 0.6
                           else " ".join(ONES[int(ch)] for ch in tok))
            else:
                out.append("-".join(tok.upper()) if spell and len(tok) > 1 else tok)
        return " ".join(out)

    spoken_dom = " dot ".join(dom.split("."))
    style = 3 if spell else r.randint(0, 5)
    spell = style == 3
    if style in (0, 1):
        w = typed
    elif style == 5:
        w = f"{spoken_local(local, spell)} at {dom}"
    else:
        w = f"{spoken_local(local, spell)} at {spoken_dom}"
    local_a = local
    if first in HEARD_AS and f in local and r.random() < 0.5:
        local_a = local.replace(f, _ascii_lower(HEARD_AS[first]), 1)
    roll = r.random()
    if roll < 0.4:
        a = f"{local_a}@{dom}"
    elif roll < 0.6:
        a = f"{spoken_local(local_a, False)} at {dom}"
    elif roll < 0.75:
        a = f"{local_a} at {dom}"
    elif roll < 0.85:
        a = f"{local_a} at {spoken_dom}"
    else:
        a = f"{spoken_local(local_a, spell)} at {dom}"
    return ent("email", w, a)


@dataclass(frozen=True)
class Phone:
    """A phone number: country code, the national groups (with trunk 0) and the international ones."""

    cc: str
    national: tuple[str, ...]
    intl: tuple[str, ...]
    us_style: bool = False


def make_phone(rng: random.Random, country: str) -> Phone:
    """A number in a range set aside for fiction where the country has one, else random in the right shape."""
    d = lambda n: _digits(rng, n)
    k = country
    if k in ("US", "CA"):
        area = rng.choice(("312", "614", "503", "919", "402", "608", "208", "512", "716", "209") if k == "US"
                          else ("416", "604", "613", "780", "902", "204", "306", "519", "250"))
        last = f"01{d(2)}"
        return Phone("1", (area, "555", last), (area, "555", last), True)
    if k == "UK":
        pick = rng.randint(0, 2)
        if pick == 0:
            g = ("07700", f"900{d(3)}")
            return Phone("44", (g[0], g[1][:3], g[1][3:]), ("7700", g[1][:3], g[1][3:]))
        if pick == 1:
            return Phone("44", ("020", "7946", f"0{d(3)}"), ("20", "7946", f"0{d(3)}"))
        city = rng.choice(("0113", "0117", "0121", "0131", "0161"))
        tail = f"0{d(3)}"
        return Phone("44", (city, "496", tail), (city[1:], "496", tail))
    if k == "AU":
        if rng.random() < 0.5:
            area, mid = rng.choice((("02", "5550"), ("03", "7010")))
            tail = d(4)
            return Phone("61", (f"({area})", mid, tail), (area[1:], mid, tail))
        mid, tail = f"57{d(1)}", d(3)
        return Phone("61", ("0491", mid, tail), ("491", mid, tail))
    if k == "IE":
        pre = rng.choice(("083", "085", "086", "087", "089"))
        a, b = d(3), d(4)
        return Phone("353", (pre, a, b), (pre[1:], a, b))
    spec = {"DE": ("49", ("0151", d(4), d(4))), "FR": ("33", ("06", d(2), d(2), d(2), d(2))),
            "NL": ("31", ("06", d(4), d(4))), "ES": ("34", ("6" + d(2), d(2), d(2), d(2))),
            "IT": ("39", ("3" + d(2), d(3), d(4))), "BE": ("32", ("04" + d(2), d(2), d(2), d(2))),
            "PL": ("48", ("5" + d(2), d(3), d(3))), "PT": ("351", ("9" + d(2), d(3), d(3))),
            "AT": ("43", ("0664", d(3), d(4)))}[k]
    cc, nat = spec
    intl = (nat[0][1:],) + nat[1:] if nat[0].startswith("0") else nat
    return Phone(cc, nat, intl)


def phone_pieces(c: Ctx, ph: Phone, n_pieces: int = 1) -> list[Part]:
    """A phone number typed or said in groups, national or with the country code, in one or two pieces."""
    r = c.rng
    intl = r.random() < 0.3
    groups = list(ph.intl if intl else ph.national)
    if ph.us_style and intl is False and r.random() < 0.15:
        groups = ["1", *groups]
    typed = r.random() < 0.5 and n_pieces == 1
    if typed:
        if ph.us_style and not intl:
            w = r.choice((f"({groups[-3]}) {groups[-2]}-{groups[-1]}", "-".join(groups[-3:]), ".".join(groups[-3:])))
            a = r.choice(("-".join(groups[-3:]), " ".join(groups[-3:]), "".join(groups[-3:])))
        else:
            w = (f"+{ph.cc} " if intl else "") + " ".join(groups)
            a = (f"+{ph.cc} " if intl else "") + r.choice((" ".join(groups),
                                                           c.sp.asr_regroup("".join(groups).strip("()"))))
        return [ent("phone", w, a.replace("(", "").replace(")", "") if r.random() < 0.5 else a)]
    clean = [g.strip("()") for g in groups]
    cut = r.randint(1, len(clean) - 1) if n_pieces == 2 else len(clean)
    out = []
    for i, gs in enumerate((clean[:cut], clean[cut:]) if n_pieces == 2 else (clean,)):
        w, a = read_groups(c, gs, r.choice(("digits", "digits", "mixed")))
        if i == 0 and intl:
            cw, ca = c.sp.group(ph.cc, "single" if len(ph.cc) > 1 and r.random() < 0.6 else "pairs")
            w = f"plus {cw}, {w}"
            a = r.choice((f"+{ph.cc} {a}", f"plus {ca} {a}"))
        out.append(ent("phone", w, a))
    return out


# ----------------------------------------------------------------------------------------------------------
# Identity numbers
# ----------------------------------------------------------------------------------------------------------

ID_KINDS = {"US": ("ssn", "ssn", "us_passport", "us_dl"), "UK": ("ni", "ni", "nhs", "uk_passport", "uk_dl"),
            "IE": ("pps", "pps", "ie_passport"), "CA": ("sin", "sin", "ca_passport"), "AU": ("tfn", "medicare"),
            "ES": ("dni", "nie"), "NL": ("bsn",), "IT": ("cf",), "DE": ("de_id",), "FR": ("fr_nir",),
            "BE": ("be_rrn",), "PL": ("pesel",), "PT": ("pt_nif",), "AT": ("at_svnr",)}
ID_NAMES = {"ssn": ("Social Security number", "social", "SSN"), "us_passport": ("passport number",),
            "us_dl": ("driver's license number", "license number"), "ni": ("National Insurance number", "NI number"),
            "nhs": ("NHS number",), "uk_passport": ("passport number",), "uk_dl": ("driving licence number",),
            "pps": ("PPS number", "PPSN"), "ie_passport": ("passport number",),
            "sin": ("social insurance number", "SIN"), "ca_passport": ("passport number",),
            "tfn": ("tax file number", "TFN"), "medicare": ("Medicare number", "Medicare card number"),
            "dni": ("DNI", "DNI number"), "nie": ("NIE", "NIE number"), "bsn": ("BSN", "citizen service number"),
            "cf": ("codice fiscale", "tax code"), "de_id": ("ID card number", "Personalausweis number"),
            "fr_nir": ("social security number", "carte Vitale number"), "be_rrn": ("national register number",),
            "pesel": ("PESEL number", "PESEL"), "pt_nif": ("NIF", "tax number"),
            "at_svnr": ("social insurance number",)}
DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                  (1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8,
                   12, 14, 16, 10, 22, 25, 24, 23)))


def _pps_check(digits: str, second: str = "") -> str:
    total = sum(int(ch) * w for ch, w in zip(digits, range(8, 1, -1)))
    if second:
        total += 9 * (ord(second) - 64)
    r = total % 23
    return "W" if r == 0 else chr(64 + r)


def _tfn_ok(d: str) -> bool:
    return len(d) == 9 and sum(int(ch) * w for ch, w in zip(d, (1, 4, 3, 7, 5, 8, 6, 9, 10))) % 11 == 0


def _medicare_ok(d: str) -> bool:
    return (len(d) in (10, 11) and d[0] in "23456"
            and sum(int(ch) * w for ch, w in zip(d[:8], (1, 3, 7, 9, 1, 3, 7, 9))) % 10 == int(d[8]))


def _bsn_ok(d: str) -> bool:
    return len(d) == 9 and (sum(int(ch) * w for ch, w in zip(d[:8], range(9, 1, -1))) - int(d[8])) % 11 == 0


def _pesel_ok(d: str) -> bool:
    s = sum(int(ch) * w for ch, w in zip(d[:10], (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)))
    return len(d) == 11 and (10 - s % 10) % 10 == int(d[10])


def _nif_ok(d: str) -> bool:
    if len(d) != 9:
        return False
    r = sum(int(ch) * w for ch, w in zip(d[:8], range(9, 1, -1))) % 11
    return int(d[8]) == (0 if r < 2 else 11 - r)


def _svnr_ok(d: str) -> bool:
    s = sum(int(ch) * w for ch, w in zip(d, (3, 7, 9, 0, 5, 8, 4, 2, 1, 6))) % 11
    return len(d) == 10 and s == int(d[3])


def _nhs_ok(d: str) -> bool:
    if len(d) != 10:
        return False
    chk = 11 - sum(int(ch) * w for ch, w in zip(d[:9], range(10, 1, -1))) % 11
    return (0 if chk == 11 else chk) == int(d[9])


def _cf_check(s15: str) -> str:
    total = sum(CF_ODD[ch] if i % 2 == 0 else (int(ch) if ch.isdigit() else ord(ch) - 65) for i, ch in enumerate(s15))
    return chr(65 + total % 26)


def _nir_ok(d: str) -> bool:
    return len(d) == 15 and 97 - int(d[:13]) % 97 == int(d[13:])


def _rrn_ok(d: str) -> bool:
    return len(d) == 11 and (97 - int(d[:9]) % 97 == int(d[9:]) or 97 - int("2" + d[:9]) % 97 == int(d[9:]))


ID_CHECKS: dict[str, tuple[tuple[str, Callable[[str], bool]], ...]] = {
    "US": (("ssn", lambda s: bool(re.fullmatch(r"(666|9\d\d)\d{6}", s))),
           ("us_passport", lambda s: bool(re.fullmatch(r"[A-Z]\d{8}", s))),
           ("us_dl", lambda s: bool(re.fullmatch(r"[A-Z](\d{7}|\d{12})", s)))),
    "UK": (("ni", lambda s: bool(re.fullmatch(r"[DFQUV][A-Z]\d{6}[A-D]", s))), ("nhs", _nhs_ok),
           ("uk_passport", lambda s: bool(re.fullmatch(r"\d{9}", s))),
           ("uk_dl", lambda s: bool(re.fullmatch(r"[A-Z9]{5}\d{6}[A-Z9]{2}\d[A-Z]{2}", s)))),
    "IE": (("pps", lambda s: bool(re.fullmatch(r"\d{7}[A-W]A?", s)) and _pps_check(s[:7], s[8:]) == s[7]),
           ("ie_passport", lambda s: bool(re.fullmatch(r"[A-Z]{2}\d{7}", s)))),
    "CA": (("sin", lambda s: bool(re.fullmatch(r"0\d{8}", s)) and luhn_ok(s)),
           ("ca_passport", lambda s: bool(re.fullmatch(r"[A-Z]{2}\d{6}", s)))),
    "AU": (("tfn", _tfn_ok), ("medicare", _medicare_ok)),
    "ES": (("dni", lambda s: bool(re.fullmatch(r"\d{8}[A-Z]", s)) and DNI_LETTERS[int(s[:8]) % 23] == s[8]),
           ("nie", lambda s: bool(re.fullmatch(r"[XYZ]\d{7}[A-Z]", s))
            and DNI_LETTERS[int(str("XYZ".index(s[0])) + s[1:8]) % 23] == s[8])),
    "NL": (("bsn", _bsn_ok),),
    "IT": (("cf", lambda s: len(s) == 16 and _cf_check(s[:15]) == s[15]),),
    "DE": (("de_id", lambda s: bool(re.fullmatch(r"[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8}", s))),),
    "FR": (("fr_nir", _nir_ok),),
    "BE": (("be_rrn", _rrn_ok),),
    "PL": (("pesel", _pesel_ok),),
    "PT": (("pt_nif", _nif_ok),),
    "AT": (("at_svnr", _svnr_ok),),
}


def id_kind_of(country: str, code: str) -> str | None:
    """Which of the country's id kinds ``code`` (letters and digits only) is, with its check passed; else None."""
    return next((k for k, ok in ID_CHECKS[country] if ok(code)), None)


def make_id(rng: random.Random, kind: str, dob: tuple[int, int, int]) -> tuple[str, bool]:
    """An id of ``kind`` in its printed form, and whether it is said aloud (False: always typed)."""
    d, L = lambda n: _digits(rng, n), lambda n: _letters(rng, n)
    day, month, year = dob
    while True:
        if kind == "ssn":
            v = f"{rng.choice(('666', str(rng.randint(900, 999))))}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"
            return v, True
        if kind == "us_passport":
            return L(1) + d(8), True
        if kind == "us_dl":
            return (L(1) + d(7), True) if rng.random() < 0.5 else (f"{L(1)}{d(3)}-{d(4)}-{d(5)}", True)
        if kind == "ni":
            prefix = rng.choice("DFQUV") + rng.choice("ABCEGHJKLMNPRSTWXYZ")
            return f"{prefix} {d(2)} {d(2)} {d(2)} {rng.choice('ABCD')}", True
        if kind == "nhs":
            v = "999" + d(6)
            chk = 11 - sum(int(ch) * w for ch, w in zip(v, range(10, 1, -1))) % 11
            if chk == 10:
                continue
            v += str(0 if chk == 11 else chk)
            return f"{v[:3]} {v[3:6]} {v[6:]}", True
        if kind == "uk_passport":
            return d(9), True
        if kind == "uk_dl":
            sur = L(5).replace("I", "9")
            return f"{sur}{d(6)}{L(2)}9{L(2)}", False
        if kind == "pps":
            digits = d(7)
            second = "A" if rng.random() < 0.3 else ""
            chk = _pps_check(digits, second)
            if chk in "IO":
                continue
            return f"{digits}{chk}{second}", True
        if kind == "ie_passport":
            return L(2) + d(7), True
        if kind == "sin":
            v = luhn_complete("0" + d(7))
            return f"{v[:3]} {v[3:6]} {v[6:]}", True
        if kind == "ca_passport":
            return L(2) + d(6), True
        if kind == "tfn":
            stem = d(8)
            for last in "0123456789":
                if _tfn_ok(stem + last):
                    v = stem + last
                    return f"{v[:3]} {v[3:6]} {v[6:]}", True
            continue
        if kind == "medicare":
            stem = rng.choice("23456") + d(7)
            chk = sum(int(ch) * w for ch, w in zip(stem, (1, 3, 7, 9, 1, 3, 7, 9))) % 10
            v = f"{stem}{chk}{rng.randint(1, 9)}"
            return f"{v[:4]} {v[4:9]} {v[9]}", True
        if kind == "dni":
            n = d(8)
            return f"{n}{DNI_LETTERS[int(n) % 23]}", True
        if kind == "nie":
            p = rng.choice("XYZ")
            n = d(7)
            return f"{p}{n}{DNI_LETTERS[int(str('XYZ'.index(p)) + n) % 23]}", True
        if kind == "bsn":
            stem = d(8)
            s = sum(int(ch) * w for ch, w in zip(stem, range(9, 1, -1))) % 11
            if s == 10:
                continue
            return stem + str(s), True
        if kind == "cf":
            months = "ABCDEHLMPRST"
            s15 = f"{L(3)}{L(3)}{year % 100:02d}{months[month - 1]}{day + rng.choice((0, 40)):02d}{L(1)}{d(3)}"
            return s15 + _cf_check(s15), False
        if kind == "de_id":
            chars = "CFGHJKLMNPRTVWXYZ"
            return rng.choice(chars) + "".join(rng.choice(chars + "0123456789") for _ in range(8)), False
        if kind == "fr_nir":
            body = f"{rng.choice('12')}{year % 100:02d}{month:02d}{rng.randint(1, 95):02d}{d(3)}{d(3)}"
            key = 97 - int(body) % 97
            return f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:13]} {key:02d}", True
        if kind == "be_rrn":
            body = f"{year % 100:02d}{month:02d}{day:02d}{rng.randint(1, 997):03d}"
            key = 97 - int(("2" if year >= 2000 else "") + body) % 97
            return f"{body[:2]}.{body[2:4]}.{body[4:6]}-{body[6:9]}.{key:02d}", True
        if kind == "pesel":
            mm = month + (20 if year >= 2000 else 0)
            stem = f"{year % 100:02d}{mm:02d}{day:02d}{d(4)}"
            s = sum(int(ch) * w for ch, w in zip(stem, (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)))
            return stem + str((10 - s % 10) % 10), True
        if kind == "pt_nif":
            stem = rng.choice("123") + d(7)
            r_ = sum(int(ch) * w for ch, w in zip(stem, range(9, 1, -1))) % 11
            return stem + str(0 if r_ < 2 else 11 - r_), True
        if kind == "at_svnr":
            serial = str(rng.randint(100, 999))
            tail = f"{day:02d}{month:02d}{year % 100:02d}"
            s = sum(int(ch) * w for ch, w in zip(serial + "0" + tail, (3, 7, 9, 0, 5, 8, 4, 2, 1, 6))) % 11
            if s == 10:
                continue
            return f"{serial}{s} {tail}", True
        raise ValueError(f"unknown id kind {kind!r}: add it to ID_KINDS and make_id")


def id_part(c: Ctx, printed: str, sayable: bool) -> Part:
    """An id typed as printed, or said aloud group by group (letters plain or with a spelling word)."""
    r = c.rng
    if not sayable or r.random() < 0.5:
        a = r.choice((printed, printed, printed.replace(" ", ""), printed.replace("-", " "), printed.lower()))
        return ent("id", printed, a)
    groups = re.split(r"[\s.-]+", printed)
    w, a = say_code(c, groups, r.choice(("plain", "plain", "as_in", "for")))
    return ent("id", w, a)


# ----------------------------------------------------------------------------------------------------------
# Phrasings. {v} is the value; other slots are named. Written for this set; every pool is a tuple of templates.
# ----------------------------------------------------------------------------------------------------------

OPENERS = (
    "Thanks for calling {company}, this is {rep}, how can I help?",
    "Good morning, {company}, you're speaking with {rep}.",
    "Hi there, {rep} at {company}. What can I do for you today?",
    "{company} billing, {rep} speaking.",
    "Hello, you've reached {company}. My name's {rep}, how can I help?",
    "Afternoon! {rep} here from {company}, how can I help?",
    "Welcome to {company}, I'm {rep}. How can I help you this morning?",
    "Hiya, it's {rep} at {company}, what can I sort out for you?",
    "Thank you for holding, {rep} at {company}, sorry about the wait.",
    "{company}, good afternoon, {rep} on the line.",
    "Hello, this is {rep} calling from {company}, is now a good time?",
    "Hi, {rep} returning your call from {company}.",
    "You're through to {company} customer care, my name is {rep}.",
    "Morning, {company} accounts team, {rep} speaking, how can I help?",
    "Hey, thanks for holding. {rep} with {company}.",
    "Good evening, {company}, {rep} here. How can I help tonight?",
    "Hi, you're speaking to {rep} on the {company} support line.",
    "{rep} from {company}, thanks for getting back to me.",
    "Hello and thanks for calling {company}. I'm {rep}, and I'll be looking after you today.",
    "Hi there, {company} reception, it's {rep}.",
    "Thanks for waiting, my name is {rep} and I'm with {company}.",
    "Good morning, {rep} at the {company} front desk.",
    "Hello, {rep} in the {company} team, what can I do for you?",
    "Hi, this is {rep}, I look after accounts at {company}.",
    "Cheers for holding, {rep} at {company} here.",
    "Hi, {company}, {rep} speaking, how can I help you today?",
    "Good afternoon, thank you for calling {company}, my name's {rep}, how may I help?",
    "Hello, {company} helpdesk, {rep} here, go ahead.",
)

NAME_ASK = (
    "Can I take your full name, please?", "Who am I speaking with today?", "And your name, please?",
    "Could I get the name on the account?", "What name is it under?", "May I have your first and last name?",
    "Can I grab your name to start?", "Who do I have the pleasure of speaking with?", "And who's calling, please?",
    "Could you tell me the account holder's name?", "Just your full name for me first.",
    "Can you confirm your name for me?", "Could I start with your name?", "What name should I put this under?",
    "And what's your name, sorry?", "Whose name is the account in?", "Let me start with your full name, please.",
    "Before we go on, your name?", "Whom am I speaking to?", "Your name please, first and last.",
    "Sorry, I didn't catch your name.", "First things first, what's your name?",
)
NAME_GIVE = (
    "It's {v}.", "My name is {v}.", "Yeah, {v} speaking.", "This is {v}.", "Um, {v}.",
    "It's {v}, I'm the account holder.", "{v}, hi.", "The name on the account is {v}.", "You've got {v} here.",
    "Hi, it's {v} calling.", "I'm {v}.", "Sure, it's {v}.", "{v}. That's me.", "Should be under {v}.",
    "It'll be under my name, {v}.", "Yes, hello, {v} here.", "Hi, my name's {v}.", "Oh, sorry, it's {v}.",
    "That's {v}.", "Name's {v}.", "It's under {v}, I think.", "Er, {v}, yeah.", "You'll have me down as {v}.",
    "Right, {v}, hello.", "{v}, good morning.", "Ah, {v}. Sorry, bad line.",
)
NAME_BACK = (
    "Thanks, {v}.", "Lovely, thank you {v}.", "Great, {v}, let me pull that up.", "Okay {v}, I've found you.",
    "Perfect, thanks {v}.", "Alright {v}, bear with me.", "Got it, {v}.", "Thanks for that, {v}, just a moment.",
    "Brilliant, {v}.", "Right then, {v}, I can see the account.", "Appreciate it, {v}.", "Okay, so {v}, is that right?",
    "I have {v} on screen.", "Cheers, {v}.", "So I'm speaking with {v}?", "Super, {v}, one second.",
    "Thanks {v}, I'll just bring up your file.", "I see you here, {v}.", "{v}, thanks for confirming.",
    "Lovely, {v}, that's you found.", "Great stuff, {v}.", "Fab, {v}, let me have a look.",
    "Nice to speak to you, {v}.", "Okay, {v}, give me two secs.", "Thank you, {v}, and how can I help today?",
)
TITLE_BACK = (
    "Thank you, {title} {v}.", "Okay, {title} {v}, I've got the file open.", "Right, {title} {v}, one moment.",
    "Lovely, {title} {v}.", "Thanks, {title} {v}, I can see you.", "Perfect, {title} {v}, let me check.",
)
SPELL_ASK = (
    "And how do you spell the surname?", "Could you spell the last name for me?", "Can I get that spelled?",
    "Sorry, how's that spelled?", "Spell the surname for me?", "Just so I get it right, the spelling?",
)
SPELL_GIVE = ("{v}.", "It's {v}.", "Sure, {v}.", "{v}, like it sounds.", "That's {v}.", "It goes {v}.")
NAME_SPELLED_GIVE = (
    "It's {n}, that's {s}.", "{n}. The surname's {s}.", "My name is {n}, spelled {s}.",
    "{n}, and that's {s} for the last name.", "It's {n}. {s}.",
)
SPELL_BACK = ("So {v}.", "{v}, got it.", "Okay, {v}.", "That's {v}, thanks.", "Lovely, {v}.")

CARD_ASK = (
    "Could I take the long number on the front of the card?", "Whenever you're ready, the card number please.",
    "What's the card number you'd like to use?", "Can you read me the number across the front?",
    "Okay, and which card are we putting this on? I'll need the number.",
    "Right, let's take payment. The card number, please.", "I'm ready for the card details, starting with the number.",
    "If you could read out the card number slowly for me.", "And the number on the card?",
    "So I'll need the long card number first, then the expiry.", "Pop the card number over whenever you're ready.",
    "What are the digits on the card?", "Let me get the card number from you, please.",
    "Can I have the number on the debit card?", "Read me the card number in groups, if that's easier.",
    "First, the number embossed on the card.", "What's the number on the credit card?",
    "Shall we do the card number now?", "Take your time, the card number, please.",
    "I'll just need the main number on the card to start.", "And what card number should I charge?",
)
CARD_ASK_PRICE = (
    "The total comes to {p}. What card would you like to use?", "That's {p} today. Can I take the card number?",
    "So it's {p} in all. Ready for the card number when you are.",
    "Your balance is {p}. If you want to clear it now, I'll need the card number.",
    "That'll be {p} for the deposit. Which card, and what's the number?",
    "Okay, {p} to pay. Go ahead with the card number.", "So that's {q}, {p} altogether. What's the card number?",
    "For {q} it comes to {p}. Which card would you like to use?", "Right, {q} at {p}. Can I take the long number?",
)
CARD_GIVE = (
    "Sure, it's {v}.", "Okay, {v}.", "Um, {v}.", "Yeah, so it's {v}.", "Right, {v}.", "Got it here. {v}.",
    "It's a {brand}. {v}.", "{v}.", "The number is {v}.", "Let me read it off. {v}.", "Okay, ready? {v}.",
    "Card number's {v}.", "Hang on, let me find my glasses... okay, {v}.", "It's my {brand}: {v}.",
    "So that's {v}.", "Here we go, {v}.", "Alright, it's {v}.", "Yeah, {v}, that's the debit card.",
    "{v}, and it's in my name.", "Sure thing. {v}.", "Long number is {v}.", "Okay so on the front it says {v}.",
    "It's the business card, {v}.", "Ehm, {v}, I think that's right.", "Reading it now: {v}.",
)
PIECE_FIRST = (
    "Okay, the first bit is {v}.", "It starts {v}...", "{v}...", "So, {v}.", "Right, {v}.", "First group, {v}.",
    "Um, {v}.", "It begins with {v}.", "Ready? {v}.", "Okay, {v}, that's the first lot.", "Here goes. {v}.",
)
PIECE_NEXT = ("{v}.", "Then {v}.", "Next is {v}.", "And {v}.", "Then it's {v}.", "Okay, {v}.", "After that, {v}.",
              "Next lot, {v}.", "Uh, {v}.")
PIECE_LAST = ("And the last bit, {v}.", "Last ones are {v}.", "And finally {v}.", "Then {v}, that's it.",
              "{v}. That's the lot.", "And it ends {v}.", "Last few, {v}.", "And {v} to finish.")
BACKCHANNEL = ("Go ahead.", "Uh-huh.", "Mm-hm.", "Okay.", "Yep.", "Got that.", "Mm-hm, keep going.", "Yes, go on.",
               "Okay, next bit?", "Right.", "Sure.", "Uh-huh, and then?", "Yep, with you.", "Lovely, carry on.",
               "Okay, ready for the next.", "Mhm.")
CARD_FIX_INLINE = (
    "{a}, {x}, no sorry, {b}.", "{a}, {x}... hang on, that's wrong, {b}.", "{a}, {x}. Wait, no, {b}.",
    "{a}, {x}, sorry, I mean {b}.", "{a}, {x}, no, scratch that, {b}.", "{a}, {x}, oops, {b}.",
)
CARD_FIX_RESTART = (
    "{x}... oh hang on, let me start again. {v}.", "{x}, sorry, I've muddled it. It's {v}.",
    "{x}. No wait, I read that wrong. From the top: {v}.", "{x}... sorry, wrong card. This one: {v}.",
)
CARD_BACK = (
    "Let me read that back: {v}.", "So I have {v}, is that right?", "Just to confirm, {v}?", "That's {v}. Correct?",
    "Okay, I've got {v}.", "Reading it back, {v}.", "So {v}, yeah?", "I've typed {v}, does that match?",
    "Let me double-check: {v}.", "{v}, is that the one?", "Lovely. So the card is {v}.",
    "Right, that's {v} on my screen.", "I'll repeat it: {v}.", "Can I just confirm {v}?",
    "Okay so {v}, have I got that right?", "So that's {v}, and it's a {brand}.", "I'm seeing {v}, is that correct?",
    "And just checking I heard {v}.", "Sorry, was that {v}?", "I've got it down as {v}.", "Perfect. {v}, got it.",
    "Okay, {v}, thanks.", "Great, so {v}.", "One sec, {v}, yep?", "I'll just read it back, {v}.",
)
YES = ("Yes.", "Yep, that's it.", "That's right.", "Correct.", "Yeah.", "Spot on.", "That's the one.", "Yes, perfect.")
LAST4 = (
    "Thanks, that's the {brand} ending {l4}.", "So the card ending in {l4}, lovely.",
    "I'll put it on the card ending {l4}.", "That's gone through on the card ending {l4}.",
    "Payment of {p} taken from the card ending {l4}.", "Just to confirm, the card ending {l4}?",
    "You'll see {p} on the card ending {l4} in a few days.", "Great, card ending {l4}, all done.",
    "Your card ending {l4} has been charged {p}.", "I've saved the card ending {l4} for next time.",
    "That {brand} ending {l4} is now the default card.", "So it's the one that ends {l4}, yes?",
    "Card ending {l4}, expiry as you said.", "Okay, {p} on the {brand} ending in {l4}.",
    "That's {q} paid for on the card ending {l4}.",
)
REFUND_LAST4 = (
    "The refund goes back to the card ending {l4}.",
    "You'll see {p} back on the card ending {l4} in three to five days.",
    "I've refunded {p} to the {brand} ending {l4}.", "It's on its way back to the card ending in {l4}.",
    "So that's {p} back to the {brand} that ends {l4}.", "Done, {p} to the card ending {l4}, allow a few days.",
)
LAST4_EXP = (
    "So that's the card ending {l4}, expiring {e}.", "Lovely, the {brand} ending {l4}, valid thru {e}.",
    "Right, card ending {l4}, expiry {e}, all saved.", "Done: {p} on the card ending {l4}, good through {e}.",
    "I've got the one ending {l4}, expiring {e}.",
)
EXP_ASK = (
    "And the expiry date?", "When does the card expire?", "What's the expiry on it?", "And the valid-thru date?",
    "What's the end date on the card?", "And the expiry, month and year?", "Could I get the expiration date?",
    "When's it good until?", "What does it say under valid thru?", "And the date it runs out?", "Expiry, please.",
    "The expiry date on the front?", "Month and year of expiry?", "And when does that one expire?",
    "Then the expiry date, please.", "What's the exp date?", "What's the good thru date?",
    "And it's valid until when?", "And the card's expiry, please?",
)
EXP_GIVE = (
    "{v}.", "It expires {v}.", "Valid thru {v}.", "Good through {v}.", "It says {v}.", "Um, {v}.", "{v}, I think.",
    "Expiry's {v}.", "It runs till {v}.", "The date is {v}.", "Valid until {v}.", "It's {v}.", "Expiration {v}.",
    "Under valid thru it's {v}.", "Let me see... {v}.", "Okay, {v}.", "Right, {v}.", "It's good till {v}.",
    "That's {v}.", "Thru {v}.", "Expires {v}, it's fairly new.", "Says exp {v}.", "Erm, the expiry is {v}.",
    "{v}, yeah.", "Goes out {v}.",
)
EXP_GIVE_MONTH = ("End of {v}.", "It expires at the end of {v}.", "Runs out end of {v}.",
                  "Good through the end of {v}.",
                  "Expires end of {v}.")
EXP_BACK = (
    "So {v}.", "Expiring {v}, thanks.", "Okay, {v}.", "Got it, valid thru {v}.", "That's {v}, lovely.",
    "So the expiry is {v}?", "{v}, perfect.", "Thanks, I've put {v}.", "Expiry {v}, noted.", "Just confirming {v}.",
    "And that's {v} for the expiry.", "Okay, good through {v}.", "I've got {v} as the expiry.", "{v}, yep.",
    "Great, {v}.", "So it runs to {v}.", "Thanks, so {v}.", "Lovely, expires {v}.", "Okay so {v}, right?",
    "Right, {v} on the expiry.", "{v}, thank you.", "And {v}, got that.", "Cool, {v}.", "Noted, {v}.",
    "{v} for the end date, yes?",
)
CVV_ASK = (
    "And the security code on the back?", "What are the three digits on the back?",
    "Could I have the last three on the signature strip?", "And the CVC, please?", "What's the CVV?",
    "The CVV2, please.", "And the little three-digit code by the signature?",
    "Can I get the CSC on the back of the card?",
    "Last thing, the three-digit security number.", "Then the code on the back, three digits.",
    "And the three numbers on the reverse?", "What's the card verification code?", "And the security digits, please?",
    "Finally, the three on the back by the strip.", "What's the code printed on the back?",
)
CVV_ASK_AMEX = (
    "And the four-digit code on the front, above the number?",
    "For Amex there's a CID, four digits on the front. What is it?",
    "And the four little digits printed on the front?", "Can I have the four-digit security code from the front?",
    "And the CID, the four on the front of the card?",
)
CVV_GIVE = (
    "{v}.", "It's {v}.", "Security code is {v}.", "Um, {v}.", "On the back it says {v}.", "That'd be {v}.",
    "The digits are {v}.", "Let me flip it over... {v}.", "CVV's {v}.", "Okay, {v}.", "It's a bit worn, but {v}.",
    "Right, {v}.", "Sure, {v}.", "Code is {v}.", "Those are {v}.", "The last ones are {v}.", "{v}, that's the one.",
    "Hm, {v}.", "I can see {v}.", "The CVC is {v}.", "Yep, {v}.", "Should be {v}.", "{v}, sorry it's hard to read.",
    "It says {v} next to the signature.", "Er, {v}.",
)
CVV_BACK = (
    "{v}, thanks.", "So {v}.", "Got {v}.", "That's {v}, lovely.", "Okay, {v} for the security code.", "{v}, perfect.",
    "Thanks, I've entered {v}.", "Security code {v}, yes?", "And {v}, great.", "{v}, noted.", "Was that {v}?",
    "Okay, {v}.", "Lovely, {v}.", "Right, {v}, thank you.", "{v}. Cheers.", "I've put {v} in.", "Code {v}, got it.",
    "So the CVC is {v}.", "{v}, yeah?", "Thanks, {v}.", "Great, {v}, that's everything for the card.",
    "And that's {v} on the back.", "Brill, {v}.", "{v}, okay.", "Perfect, {v} it is.",
)
EXP_CVV_GIVE = (
    "Expires {e}, and the code on the back is {v}.", "{e}, and the three digits are {v}.",
    "It's {e}. Security code {v}.", "Valid thru {e}, CVV {v}.", "Um, {e}, then {v} on the back.",
    "{e}. And {v}.", "Good through {e}, and the CVC is {v}.", "Expiry {e}, code {v}.",
)

IBAN_ASK = (
    "Could you read me the IBAN, please?", "What's the IBAN for the account?",
    "I'll need the IBAN for the direct debit.",
    "Can I take the IBAN the refund should go to?", "And the IBAN? It starts with the country letters.",
    "Please give me the full IBAN.", "What's your IBAN, slowly if you can?", "Could you spell out the IBAN for me?",
    "Which IBAN do you want us to pay into?", "And the IBAN for the payout?",
    "Can you read the IBAN from your banking app?", "Let's do the bank details. IBAN first.",
    "I need the IBAN for the mandate.", "What's the IBAN on the statement?",
)
IBAN_GIVE = (
    "It's {v}.", "Sure, {v}.", "{v}.", "Okay, {v}.", "The IBAN is {v}.", "Let me open the app... right, {v}.",
    "Um, it's {v}.", "Got it: {v}.", "Here it is, {v}.", "Yeah, {v}.", "It should be {v}.",
    "I have it written down: {v}.", "Right, ready? {v}.", "My IBAN's {v}.", "So, {v}.",
    "{v}, that's my current account.", "Okay so {v}.", "The number is {v}.", "It goes {v}.", "Alright, {v}.",
    "That's {v}.", "From my statement, {v}.", "Hold on... {v}.", "Sure thing, {v}.", "It's the joint account, {v}.",
)
IBAN_BACK = (
    "So that's {v}.", "Let me read it back: {v}.", "I have {v}, correct?", "Okay, {v}.", "Just checking, {v}?",
    "Reading back, {v}.", "Thanks, so {v}.", "Lovely, {v}.", "So the IBAN is {v}, yes?", "Got it, {v}.",
    "Okay so {v}, right?", "That's {v} on my side.", "I've entered {v}.", "{v}, is that right?",
    "Right, {v}.", "Perfect, {v}.", "And to confirm, {v}.", "Great, {v} it is.", "So {v}?", "Mm, {v}, yes?",
    "I've typed {v}.", "Thanks, that's {v}.", "Right, so I've got {v}.", "Double-checking: {v}.", "{v}, got that.",
)
ACCOUNT_ASK = (
    "And the account number?", "What's the account number?", "Which account number should we debit?",
    "The account number, please.", "Can you read me the account number?", "And your bank account number?",
    "Account number next, please.", "What account number is it going into?",
    "And the account number, from your app or a statement?", "Then the account itself, the number?",
    "What's the number of the account you want to use?", "Could I take the account number?",
)
ACCOUNT_ASK_US = ("And the checking account number?", "What's the checking or savings account number?",
                  "And the account number at the bottom of a check?")
ACCOUNT_GIVE = (
    "It's {v}.", "{v}.", "Account number's {v}.", "The account is {v}.", "Okay, {v}.", "Um, {v}.", "That's {v}.",
    "Right, {v}.", "Here, {v}.", "My account number is {v}.", "{v}, I believe.", "Sure, it's {v}.",
    "Let me check... {v}.", "It goes {v}.", "From the statement, {v}.", "So {v}.", "The number is {v}.", "Yep, {v}.",
    "{v}, with no spaces.", "Reading it out, {v}.", "It's the joint one, {v}.", "Alright, {v}.", "That one's {v}.",
    "Okay so it's {v}.", "Er, {v}.",
)
ACCOUNT_GIVE_YEAR = ("{v}. I opened it in {y}.", "It's {v}, had it since {y}.", "{v}, same one since {y}.")
ACCOUNT_BACK = (
    "So account {v}.", "Account number {v}, thanks.", "I have {v}.", "That's {v}, correct?", "Okay, {v}.",
    "Got it, {v}.", "Reading back {v}.", "So {v}, yes?", "Lovely, {v}.", "Thanks, {v} entered.", "{v}, right?",
    "Let me confirm, {v}.", "Right, {v}.", "Okay, so the account is {v}.", "Great, {v}.", "{v}, perfect.",
    "I've got {v} for the account.", "And that's {v}.", "{v}, thanks for that.", "Okay, {v}, noted.",
    "Just checking, {v}?", "Brilliant, {v}.", "{v}. Lovely.", "So that's account {v}.", "Cheers, {v}.",
)
ROUTING_ASK = {
    "US": ("And the routing number?", "What's the nine-digit routing number?", "The ABA routing number, please.",
           "Could I get the routing number from the bottom left of a check?", "And the bank's routing number?",
           "Routing number, please?"),
    "UK": ("And the sort code?", "What's the sort code?", "Six-digit sort code, please.",
           "The sort code for that account?",
           "And the sort code, in pairs is fine."),
    "AU": ("And the BSB?", "What's the BSB number?", "And the six-digit BSB?"),
    "CA": ("And the transit and institution numbers?", "What are the transit and institution numbers?",
           "And the branch transit number, then the institution?"),
}
ROUTING_NAME = {"US": ("routing number", "routing"), "UK": ("sort code",), "AU": ("BSB",),
                "CA": ("transit and institution", "transit number")}
ROUTING_GIVE = (
    "It's {v}.", "{v}.", "That's {v}.", "Okay, {v}.", "Um, {v}.", "The {rn} is {v}.", "It's {v}, I think.",
    "Sure, {v}.", "That one is {v}.", "Right, {v}.", "{rn}'s {v}.", "Let me look... {v}.", "Yeah, {v}.",
    "It should be {v}.", "{v}, that's the branch.", "So the {rn} is {v}.", "Got it, {v}.", "Erm, {v}.",
    "Here you go, {v}.", "{v}, yeah.", "Okay, {rn}, {v}.", "The {rn}? {v}.", "Easy, {v}.", "{v}, for the {rn}.",
    "On the card it says {v}.",
)
ROUTING_BACK = (
    "So {rn} {v}.", "{v}, thanks.", "Got {v}.", "Okay, the {rn} is {v}.", "Lovely, {v}.", "That's {v}, yes?",
    "I have {v} for the {rn}.", "{v}, correct?", "Right, {v}.", "Thanks, {v}.", "Reading it back, {v}.",
    "Okay, {v} entered.", "Perfect, {v}.", "So that's {v}.", "And {v}, got it.", "{v}, okay.", "Just to check, {v}?",
    "Great, {rn} {v}.", "{v}, brilliant.", "Mm, {v}.", "So {v} for the {rn}.", "That matches, {v}.",
    "Okay, {v}, thank you.", "I've put {v}.", "Cheers, {v}.",
)
BANK_COMBO_GIVE = (
    "{rn} {r}, account {a}.", "It's {r}, and the account is {a}.", "{rn} is {r}, account number {a}.",
    "Okay, {r} for the {rn}, then {a}.", "Um, {r}, and then account {a}.", "{r}, then {a}.",
)

DOB_ASK = (
    "Can you confirm your date of birth?", "And your date of birth, please?",
    "For security, what's your date of birth?",
    "Could I take your DOB?", "And when were you born?", "Your birthday, day, month and year?",
    "Can I have your date of birth to verify?", "Date of birth, please.",
    "And just your birth date to confirm identity.",
    "Could you give me your date of birth?", "What's your DOB?", "To get into the account, I need your date of birth.",
    "And the date you were born?", "Sorry, remind me of your date of birth?", "And your birthdate for the form?",
    "Last security question: date of birth.", "What's the date of birth on the policy?",
    "Can you tell me your date of birth?", "Let's verify you. Date of birth?",
)
DOB_GIVE = (
    "{v}.", "It's {v}.", "Date of birth is {v}.", "Um, {v}.", "Sure, {v}.", "Born {v}.",
    "It's {v}, same as my passport.",
    "That'd be {v}.", "My birthday's {v}.", "Right, {v}.", "Okay, it's {v}.", "{v}. Don't tell anyone my age!",
    "Yeah, {v}.", "It should say {v}.", "DOB is {v}.", "Let me think, {v}.", "{v}, I believe that's what you have.",
    "Er, {v}.", "My date of birth? {v}.", "You'll have {v}.", "{v}, yes.", "So, {v}.", "Of course, {v}.",
    "It's on the form, {v}.", "I was born {v}.",
)
DOB_GIVE_YEAR = (
    "{v}. I've been with you since {y}.", "{v}, and I opened the account in {y}.",
    "It's {v}. Moved here in {y}, if that helps.",
    "{v}. Customer since {y}.", "{v}, and I joined in {y}.",
)
DOB_BORN_IN = ("Born in {v}.", "I was born in {v}.", "Um, born in {v}.")
DOB_FIX = (
    "It's {v}... sorry, {d}, not {x}.", "{v}. No wait, {d}, not {x}.", "Um, {v}, sorry, I mean {d}, not {x}.",
    "{v}... hang on, {d}. Not {x}.",
)
DOB_BACK = (
    "So {v}.", "Thanks, {v}.", "I have {v}, that matches.", "{v}, lovely.", "Great, {v} is what we've got.",
    "Okay, born {v}.", "Perfect, {v}.", "{v}, thank you.", "Right, {v}.", "Let me check, {v}, yes.", "Got it, {v}.",
    "That's {v}, thanks for confirming.", "{v}, that's what I've got.", "Lovely, {v}, you're verified.",
    "So {v}, correct?", "Okay, {v}.", "Brilliant, {v}.", "Thanks, so that's {v}.", "I've got {v} on file.",
    "{v}, great.", "Cheers, {v}.", "And that's {v}.", "So the date of birth is {v}.", "{v}, noted.", "Mm, {v}, yes.",
)
DOB_BACK_DATE = (
    "Thanks, {v}. I can see you're booked in for {d}.", "{v}, lovely. I've got you down for {d}.",
    "Great, {v}. And the appointment is {d} at {tm}.", "So {v}. The letter went out on {d}.",
    "Okay, {v}, that matches. The account was updated {d}.",
)
THIRD_DOB_ASK = ("And their date of birth?", "What's {p}'s date of birth?", "And when was {p} born?",
                 "Could I have the date of birth for {p} too?", "And the date of birth for the patient?",
                 "And {p}'s birthday, for the record?")
THIRD_DOB_GIVE = ("{v}.", "{p} was born {v}.", "That's {v}.", "Um, {v}.", "Their birthday is {v}.",
                  "It's {v}, I think.",
                  "Born {v}.")
THIRD_PARTY = (
    "It's for my {rel}, {v}.", "I'd like to add my {rel}, {v}.", "My {rel} {v} will be using it too.",
    "Can you put my {rel} on it? {v}.", "It's actually my {rel}'s, {v}.", "I'm calling on behalf of my {rel}, {v}.",
    "Add {v} as a named driver, please, that's my {rel}.", "The other person is my {rel}, {v}.",
)
RELATIONS = ("wife", "husband", "partner", "son", "daughter", "mum", "dad", "colleague", "business partner",
             "flatmate", "brother", "sister", "father-in-law", "tenant", "carer")

ADDR_ASK = (
    "What's the address on the account?", "Can I take your home address?", "Where should we send it?",
    "What's the delivery address?", "Could I get your full address, please?", "And the billing address?",
    "What address is the card registered to?", "Where are you living now?",
    "Can you confirm the address we should use?",
    "What's the property address?", "And your street address?", "And where's the installation going?",
    "Which address is the meter at?", "What's the new address?", "And the address for the paperwork?",
)
ADDR_GIVE = (
    "It's {s}, {c}, {z}.", "{s}, in {c}. Postcode {z}.", "Sure, {s}, {c}, and the postcode is {z}.",
    "We're at {s}, {c} {z}.", "Um, {s}, that's {c}, {z}.", "It's {s}. {c}. {z}.", "New address is {s}, {c}, {z}.",
    "I've just moved to {s}, {c}, {z}.", "Okay, {s}, {c}... {z}.", "That's {s}, {c}, {z}, the blue door.",
    "It's {s}, up in {c}, {z}.", "Right, so {s}, {c}, {z}.", "Send it to {s}, {c}, {z}.",
    "My place is {s}, {c}, {z}.", "{s}, {c}, {z}, it's above the chemist.",
)
ADDR_GIVE_NOCITY = (
    "{s}, {z}.", "It's {s}, the postcode's {z}.", "{s}. Postal code {z}.", "Send it to {s}, {z}.",
    "It's {s}, and {z}.", "{s}, then {z}.", "Um, {s}, code {z}.", "We live at {s}, {z}.", "It's {s}, {z}.",
    "Okay, {s}... {z}.",
)
POSTCODE_ASK = {"US": ("And the ZIP code?", "What's the ZIP?", "ZIP code, please?"),
                "CA": ("And the postal code?", "What's the postal code?"),
                "IE": ("And the Eircode?", "Do you have the Eircode?"),
                "OTHER": ("And the postcode?", "What's the postcode there?", "And the postal code, please?")}
POSTCODE_GIVE = ("{v}.", "It's {v}.", "Um, {v}.", "That's {v}.", "{v}, I think.", "Yeah, {v}.", "Should be {v}.")
ADDR_BACK = (
    "So {s}, {z}?", "I've got {s}, {z}, is that right?", "Lovely, {s}.", "Okay, {s}, and {z}.", "So {z}, {s}.",
    "Thanks, {s}.", "Right, that's {s}, {z}.", "Perfect, {z}.", "Let me read it back: {s}, {z}.", "Got it, {s}.",
    "So the postcode is {z}.", "{s}, lovely, and {z}.", "Okay, {z}, {s}, yes?", "Great, {s}, {z}.",
    "That's {s}. And {z}.", "Just to confirm, {s}, {z}.", "I'll update it to {s}, {z}.", "Mm, {s}. {z}.",
    "Cool, {z}.", "Cheers, {s}, {z}.", "Brilliant, {s}.", "Noted, {z}.", "So it's {s}?", "And that's {z}, right?",
    "{s}, {z}, got it.",
)

EMAIL_ASK = (
    "What's your email address?", "Where should I send the receipt?", "Can I get an email for the confirmation?",
    "What's the best email for you?", "And an email address, please?", "Which email should the invoice go to?",
    "Could I take an email so we can send the paperwork?", "What email is on the account?",
    "Do you have an email I can use?", "And the email you'd like us to use?", "Can you give me your email?",
    "What's the email address for the login?",
)
EMAIL_GIVE = (
    "It's {v}.", "{v}.", "Sure, {v}.", "Um, {v}.", "My email is {v}.", "Okay, {v}.", "It's {v}, all lower case.",
    "Use {v}.", "Send it to {v}.", "That's {v}.", "Er, {v}.", "Right, {v}.", "You can use {v}.",
    "It's {v}, that's my work one.", "Best one is {v}.", "Yeah, {v}.", "So it's {v}.", "Email's {v}.",
    "All one word, {v}.", "{v}, thanks.", "It'll be {v}.", "Go with {v}.", "Okay so {v}.", "Ah, {v}.",
    "Let me think. {v}.",
)
EMAIL_BACK = (
    "So that's {v}.", "I have {v}.", "Let me read that back, {v}.", "Okay, {v}, correct?", "Got it, {v}.",
    "Lovely, {v}.", "Thanks, {v}.", "So {v}?", "I'll send it to {v}.", "Right, {v}.", "Perfect, {v}.",
    "And that's {v}, yes?", "{v}, got it.", "Okay, {v}.", "Just to check, {v}.", "So the email is {v}.",
    "Great, {v}.", "I've typed {v}.", "Is that {v}?", "Cheers, {v}.", "That's gone to {v}.", "Noted, {v}.",
    "Brill, {v}.", "{v}, thank you.", "Mm, {v}.",
)

PHONE_ASK = (
    "What's the best number to reach you on?", "Can I take a contact number?", "And a mobile number?",
    "Which number should the driver call?", "What number are you calling from?", "Is there a daytime phone number?",
    "Could I have a callback number in case we get cut off?", "What's your phone number?",
    "And a number we can text?", "Can I get a contact phone?", "Which number's best for the engineer?",
    "And your mobile, please?",
)
PHONE_GIVE = (
    "It's {v}.", "My mobile's {v}.", "{v}.", "Best number is {v}.", "You can reach me on {v}.", "Call me on {v}.",
    "Okay, {v}.", "Um, {v}.", "Sure, {v}.", "That's {v}.", "It's {v}, that's my mobile.", "Use {v}.",
    "Text me on {v}.", "Right, {v}.", "So it's {v}.", "Er, {v}.", "Yeah, {v}.", "The landline's {v}.",
    "{v}, anytime.", "Try {v}.", "It's {v}, mornings are best.", "Okay, it's {v}.", "{v}, that's the house phone.",
    "Go on {v}.", "Just {v}.",
)
PHONE_GIVE_EXT = ("It's {v}, extension {x}.", "{v}, then extension {x}.", "Office is {v}, ext {x}.")
PHONE_BACK = (
    "So {v}.", "That's {v}?", "I have {v}.", "Got it, {v}.", "Okay, {v}.", "Lovely, {v}.", "Reading back {v}.",
    "Thanks, {v}.", "So the number is {v}.", "{v}, correct?", "Let me confirm, {v}.", "Perfect, {v}.",
    "Right, {v}.", "{v}, yep.", "Great, {v}.", "I've updated it to {v}.", "And {v}, is that right?", "Noted, {v}.",
    "Okay so {v}.", "Cheers, {v}.", "{v}, brilliant.", "So we'll call {v}.", "Mm, {v}.", "Brill, {v}.",
    "{v}, got that.",
)

ID_ASK = (
    "Could I have your {k}?", "What's your {k}, please?", "For the check I'll need your {k}.",
    "And your {k}?", "Can you read me your {k}?", "I'll need the {k} to verify you.", "Could you give me the {k}?",
    "Then the {k}, please.", "What's the {k} on your card?", "And can I take your {k} for the form?",
    "Last bit, the {k}.", "Could you confirm the {k} we have on file?", "Do you have your {k} handy?",
)
ID_GIVE = (
    "It's {v}.", "Sure, {v}.", "{v}.", "Okay, {v}.", "Um, {v}.", "My {k} is {v}.", "That's {v}.", "Right, {v}.",
    "Let me get it... {v}.", "Yeah, {v}.", "It should be {v}.", "Here, {v}.", "Er, {v}.", "I have it here, {v}.",
    "So, {v}.", "It goes {v}.", "Okay, it's {v}.", "{v}, I think.", "Reading off the card, {v}.", "{v}, yes.",
    "Got it: {v}.", "The {k} is {v}.", "Alright, {v}.", "Sure thing, {v}.", "Mine's {v}.",
)
ID_BACK = (
    "So {v}.", "Thanks, {v}.", "I have {v}.", "{v}, correct?", "Okay, {v}.", "Got it, {v}.", "Lovely, {v}.",
    "Reading back, {v}.", "That's {v}, yes?", "Perfect, {v}.", "Right, {v}.", "So your {k} is {v}.", "{v}, thank you.",
    "Let me confirm {v}.", "Great, {v}.", "Okay, {v}, that matches.", "Brilliant, {v}.", "Noted, {v}.",
    "I've entered {v}.", "{v}, got it.", "And that's {v}.", "Mm, {v}.", "Cheers, {v}.", "So {v}, is that right?",
    "Just checking, {v}?",
)

CLOSE_REP = (
    "Is there anything else I can help with?", "Anything else today?", "Was there anything else?",
    "Can I help with anything else?", "Is that everything for today?", "Anything more I can do for you?",
    "Okay, that's all done. Anything else?", "Right, you're all set. Anything else on your mind?",
)
CLOSE_CUST = (
    "No, that's everything, thanks.", "That's all, cheers.", "No, you've been great.", "Nope, all good. Bye.",
    "No thanks, have a good day.", "That's it, thank you so much.", "All sorted, thanks. Bye now.",
    "No, that's grand, thanks.", "Nothing else, ta.", "No, brilliant, thank you.",
)
CLOSE_CUST_NAME = (
    "No, that's everything, thanks {v}.", "That's all, thank you {v}.", "No, you've been a great help, {v}.",
    "Thanks {v}, bye.", "Cheers, {v}, have a good one.", "That's it. Thanks so much, {v}.",
)
CLOSE_REP_KEEP = (
    "Your reference is {t}, if you need it.", "I've logged it under {t}.", "You'll get a text by {tm}.",
    "Someone will call you back {d}.", "That's booked for {d} at {tm}.", "The case number is {t}.",
    "Thanks for being with us since {y}.", "Your next statement comes out {d}.", "Your order number is {o}.",
    "That's {p} paid today.", "That's {pw} taken today.", "We'll see you {d} at {tm}.",
    "You'll get a confirmation by {tm} on {d}.",
)

CHAT: dict[str, tuple[tuple[tuple[str, str], ...], ...]] = {
    "shop": (
        (("rep", "Right now {pr} is {p}, or {p2} with the extended warranty."), ("customer",
                                                                                 "I'll take the warranty, I think.")),
        (("rep", "We can deliver {d}, between {tm} and {tm2}."), ("customer", "That works, someone will be in.")),
        (("rep", "It's {q} in total, so {p}."), ("customer", "Fine, go ahead.")),
        (("rep", "Your order {o} left the warehouse on {d}."), ("customer", "Great, so it should arrive soon?")),
        (("rep", "The box weighs {m}, so it comes on a pallet."), ("customer", "Fine, there's space in the drive.")),
        (("customer", "Can I get {q} instead?"), ("rep", "Of course, that brings it to {p}.")),
        (("rep", "It's {m} wide, so measure the doorway first."), ("customer", "Good idea.")),
        (("customer", "Do you price-match?"), ("rep", "We do, within {pc}, up to {p}.")),
        (("customer", "Can you send it by {d}?"), ("rep", "If you order before {tm} today, yes.")),
        (("rep", "Order {o}: {q}, total {p}."), ("customer", "Yes, that's it.")),
        (("rep", "That's {q} at {p} each, less {pc} for volume."), ("customer", "Can you do better on the price?"),
         ("rep", "I can go to {pc2} if you sign by {d}.")),
        (("rep", "The warranty on {pr} runs until {d}."), ("customer", "Good to know.")),
        (("customer", "And the delivery charge?"), ("rep", "{pw}, or free on orders over {p}.")),
        (("customer", "Do you have {pr} in stock?"), ("rep", "We've got {q} left, at {p}.")),
        (("rep", "It's {m}, so it fits in a car boot."), ("customer", "Perfect.")),
    ),
    "money": (
        (("customer", "What's the interest rate on that?"), ("rep", "It's {pc} representative, fixed for the term.")),
        (("rep", "Your policy {t} renews on {d}."), ("customer", "And how much will it be?"),
         ("rep", "{p}, that's up {pc} on last year.")),
        (("rep", "Claim {t} is with the assessor, you'll hear by {d}."), ("customer", "Thank you.")),
        (("rep", "We changed our terms in {y}, so the fee is now {p}."), ("customer", "I see.")),
        (("customer", "How much is the excess?"), ("rep", "{p}, or {p2} if you add the waiver.")),
        (("rep", "Your balance is {p} and the minimum payment is {p2}, due {d}."), ("customer",
                                                                                    "I'll pay the full amount.")),
        (("customer", "What's the late fee?"), ("rep", "It's {p}, or {pc} of the balance, whichever's lower.")),
        (("rep", "You've made {q} so far, {p} in total."), ("customer", "Good, fewer to go then.")),
        (("rep", "The account's been open since {y}, so the fee's waived."), ("customer", "Oh, great.")),
    ),
    "stay": (
        (("rep", "The room's {m}, sleeps two, breakfast included, {p} a night."), ("customer", "Lovely.")),
        (("customer", "What time's check-in?"), ("rep", "From {tm}, and check-out is by {tm2}.")),
        (("rep", "The flight leaves at {tm} on {d}."), ("customer", "And baggage?"),
         ("rep", "{m} checked, and {p} for a second bag.")),
        (("rep", "The deposit is {pw}, and the balance is due {d}."), ("customer", "Fine.")),
        (("rep", "That's for {q}, and the total is {p}."), ("customer", "Perfect, thanks.")),
        (("customer", "Is parking included?"), ("rep", "It's {p} a day, or {pw} for the week.")),
    ),
    "care": (
        (("rep", "The course starts {d}, and the fee is {p} per term."), ("customer", "And the books?"),
         ("rep", "Around {p2}.")),
        (("rep", "The first slot I have is {d} at {tm}."), ("customer", "Nothing earlier?"),
         ("rep", "I could do {d2} at {tm2}, but it's with the locum.")),
        (("rep", "Your last visit was in {y}, so you're due a full check."), ("customer",
                                                                              "Has it really been that long?")),
        (("customer", "How long is the appointment?"), ("rep", "Forty minutes, and the fee is {p}.")),
        (("rep", "That's {q} booked, and the first one's {d}."), ("customer", "Great.")),
    ),
    "service": (
        (("rep", "There's {pc} off if you pay annually."), ("customer", "Oh, nice. How much is that a year?"),
         ("rep", "{p} instead of {p2}.")),
        (("customer", "How long does the installation take?"),
         ("rep", "About two hours, and the engineer arrives between {tm} and {tm2}.")),
        (("rep", "I've opened ticket {t} for this."), ("customer", "Okay, thanks.")),
        (("rep", "Your last bill was {p}, and this one's {p2}."), ("customer", "Why has it gone up so much?"),
         ("rep", "Usage went up to {m} over the winter.")),
        (("rep", "The model you have, {pr}, came out in {y}."), ("customer", "Yes, we bought it in {y2}.")),
        (("rep", "Your allowance is {m}, and you've used about {pc}."), ("customer", "I'd like a bigger plan.")),
        (("rep", "We'll need {m} of clearance around the unit."), ("customer", "We have that.")),
        (("rep", "You're on {pr}, which gives you {m}."), ("customer", "I never use that much.")),
        (("rep", "That's {q} on the account, {p} a month all in."), ("customer", "Okay, that's fine.")),
    ),
    "any": (
        (("customer", "Is there a charge for changing the date?"), ("rep", "No, you can move it to {d} for free.")),
        (("customer", "When does the offer end?"), ("rep", "{d}, so you've got time.")),
        (("rep", "That's {pw}, including tax."), ("customer", "Okay.")),
        (("customer", "Is it still {pw}?"), ("rep", "Yes, same price as in {y}.")),
        (("rep", "Bear with me, the system's a bit slow today."), ("customer", "No problem, take your time.")),
        (("customer", "Sorry, the line's a bit crackly."), ("rep", "I can hear you fine now.")),
        (("rep", "Okay, just adding a note to the account."), ("customer", "Sure.")),
        (("customer", "Will I get something in writing?"), ("rep", "Yes, an email confirmation goes out tonight.")),
        (("rep", "I'm just going to put you on a short hold."), ("customer", "That's fine.")),
        (("customer", "Sorry, my dog's barking, one sec."), ("rep", "Ha, no worries.")),
        (("rep", "You've been with us since {y}, so there's a loyalty discount of {pc}."), ("customer", "Oh, lovely.")),
        (("rep", "We've been doing this since {y}, you're in good hands."), ("customer", "Good to hear.")),
    ),
}

REASONS = {
    "payment": ("Hi, I got a letter saying I owe {p} and I'd like to pay it.",
                "I want to pay my bill, it's {p} I think.",
                "I'm calling to pay the invoice from {d}.", "Hi, I'd like to settle my balance, please.",
                "Hello, I need to pay for the work you did on {d}.", "I'd like to pay for {q}, please."),
    "booking": ("Hi, I'd like to book for {d}.", "I want to make a booking for {d} at {tm}.",
                "Hello, have you got anything on {d}, around {tm}?", "I'd like to book for {q}, if you have space.",
                "Hi, I need to make a reservation for {d}."),
    "healthcare": ("Hi, I need to book a check-up.", "I'm calling to move my appointment on {d}.",
                   "I need an appointment for my {rel}.", "Hello, I've had a letter about a follow-up.",
                   "I haven't been in since {y}, so I'd like to register again."),
    "insurance": ("I need to make a claim, there was an accident on {d}.", "I'm calling about claim {t}.",
                  "There's been a leak in the kitchen and I want to claim.", "Hi, something was stolen on {d}.",
                  "I'm calling about the policy I took out in {y}."),
    "utilities": ("I'm moving house and need to set up an account.", "My bill jumped to {p} this month.",
                  "I want to give a meter reading.", "Hi, I'd like to switch to a fixed tariff.",
                  "We've lived here since {y} but the account's in the old name."),
    "banking": ("I'd like to set up a direct debit.", "I want to change the account my salary goes into.",
                "There's a payment of {p} I don't recognise.", "Hi, I need to update my bank details.",
                "I opened my account in {y} and need to change something."),
    "rental": ("I'd like to book a rental from {d}, something with {m} of space.",
               "I'm calling about the listing for {p} a month.",
               "I want to extend my rental to {d}.", "Hi, I need to reserve for {q}, from {d}."),
    "delivery": ("My parcel was due {d} and it hasn't come, it's {m}, hard to miss.",
                 "I need to change the delivery address for order {o}.",
                 "The courier left a card, order {o}.", "Hi, I'm waiting on {q}, order {o}."),
    "refund": ("I returned {pr} and haven't had my refund.", "I was charged twice, {p} each time.",
               "I'd like a refund for order {o}.",
               "Hi, the thing I ordered on {d} never came and I want my money back."),
    "subscription": ("I want to upgrade to {pr}.", "I'd like to cancel before it renews on {d}.",
                     "My subscription went up {pc} and I want to change plan.",
                     "Hi, I'd like to restart my subscription."),
    "b2b": ("Hi, following up on the quote for {q}.", "We're ready to go ahead with the order for {q}.",
            "I'd like to talk pricing for {q}.", "Hello, we got your proposal, the one for {p}."),
    "support": ("Hi, {pr} keeps dropping the connection.", "I have a problem with {pr}, ticket {t}.",
                "The app won't let me log in since {d}.", "Hi, {pr} won't turn on.",
                "I bought {pr} in {y} and it's stopped working."),
    "collections": ("Oh, right, yes, I know I'm behind.", "Yes, I got your letters, sorry.",
                    "Hi, yes, I've been meaning to call you back.", "Right, is this about the {p}?"),
    "travel": ("I'd like to book flights for {d}.", "I need to change my return to {d}.",
               "I'm booking the tour for {q}.", "Hi, I want to add a passenger to my booking."),
    "telecoms": ("I want to move my number over to you.", "I'd like a new SIM on {pr}.",
                 "My broadband's been down since {d}.", "Hi, I'm thinking of switching to you."),
    "education": ("I'm calling about my son's term fees.", "I'd like to pay the course deposit of {p}.",
                  "I need to enrol my daughter for September.", "Hi, it's about the fees for the summer course."),
    "account update": ("I've moved and need to update my details.", "I need to change my email and phone number.",
                       "I got married and need to change my details.",
                       "I've been with you since {y} and need to update my address."),
    "onboarding": ("I'd like to open an account.", "I'm signing up as a new customer.",
                   "I want to register for the business account.", "Hi, I saw your offer and want to join."),
}

SCENARIOS: dict[str, tuple[tuple[tuple[str, str], ...], tuple[str, ...], tuple[str, ...], int]] = {
    # scenario: ((industry, company suffix), ...), core beats, extra beats, weight
    "payment": ((("dental clinic", "Dental"), ("veterinary practice", "Vets"), ("plumbing firm", "Plumbing"),
                 ("law firm", "Solicitors"), ("parking operator", "Parking")),
                ("name", "card", "email"), ("phone", "address", "chat"), 22),
    "booking": ((("boutique hotel", "Hotel"), ("restaurant", "Kitchen"), ("wedding venue", "House"), ("spa", "Spa"),
                 ("driving school", "Driving School")),
                ("name", "schedule", "card", "email"), ("phone", "id"), 15),
    "healthcare": ((("dental clinic", "Dental Care"), ("physiotherapy clinic", "Physio"), ("GP surgery",
                                                                                           "Medical Centre"),
                    ("optician", "Opticians"), ("hearing clinic", "Hearing")),
                   ("name", "dob", "schedule"), ("phone", "third", "address", "id", "card"), 9),
    "insurance": ((("car insurance", "Insurance"), ("home insurance", "Home Cover"), ("pet insurance", "Pet Cover"),
                   ("travel insurance", "Travel Cover")),
                  ("name", "claim", "dob"), ("bank", "phone", "address", "email", "card", "id"), 8),
    "utilities": ((("energy supplier", "Energy"), ("water utility", "Water"), ("broadband provider", "Broadband")),
                  ("name", "address", "bank"), ("meter", "phone", "email"), 8),
    "banking": ((("credit union", "Credit Union"), ("building society", "Building Society"), ("online bank", "Bank"),
                 ("payroll provider", "Payroll")),
                ("name", "dob", "bank"), ("phone", "address", "id"), 11),
    "rental": ((("car hire", "Car Hire"), ("van rental", "Van Hire"), ("letting agency", "Lettings"),
                ("equipment hire", "Tool Hire")),
               ("name", "card", "id"), ("phone", "address", "schedule"), 12),
    "delivery": ((("furniture retailer", "Furniture"), ("grocery delivery", "Fresh"), ("courier", "Couriers"),
                  ("appliance store", "Appliances")),
                 ("order", "address", "phone"), ("name", "email", "card"), 7),
    "refund": ((("online fashion retailer", "Clothing"), ("electronics store", "Electronics"), ("airline", "Air"),
                ("event ticketing", "Tickets")),
               ("order", "refund"), ("bank", "email", "phone", "name"), 8),
    "subscription": ((("streaming service", "Stream"), ("meal kit", "Meals"), ("software subscription", "Cloud"),
                      ("magazine", "Press"), ("gym", "Fitness")),
                     ("name", "email", "pay"), ("phone", "chat", "bank"), 9),
    "b2b": ((("office furniture supplier", "Workspace"), ("payroll SaaS", "HR"), ("print supplier", "Print"),
             ("IT hardware reseller", "Systems"), ("solar installer", "Solar")),
            ("sales", "name", "email", "phone"), ("card", "address"), 7),
    "support": ((("broadband provider", "Broadband"), ("smart home devices", "Home Tech"), ("software vendor",
                                                                                            "Software"),
                 ("appliance manufacturer", "Appliances")),
                ("ticket", "chat", "phone"), ("email", "name", "card"), 6),
    "collections": ((("debt recovery agency", "Recoveries"), ("energy supplier", "Energy"), ("phone network", "Mobile"),
                     ("credit card issuer", "Card Services")),
                    ("name", "dob", "words", "pay"), ("phone", "address", "bank"), 9),
    "travel": ((("travel agency", "Travel"), ("tour operator", "Tours"), ("ferry company", "Ferries"),
                ("airline", "Airways")),
               ("name", "card", "id", "email"), ("dob", "phone"), 12),
    "telecoms": ((("mobile network", "Mobile"), ("broadband provider", "Fibre"), ("landline provider", "Telecom")),
                 ("name", "phone", "address"), ("id", "card", "bank"), 7),
    "education": ((("private school", "School"), ("language school", "Language School"), ("music academy",
                                                                                          "Music Academy"),
                   ("coding bootcamp", "Academy")),
                  ("name", "third", "words", "pay"), ("email", "phone"), 8),
    "account update": ((("online bank", "Bank"), ("energy supplier", "Energy"), ("pension provider", "Pensions"),
                        ("loyalty programme", "Rewards")),
                       ("name", "dob", "address", "phone"), ("email", "id", "bank"), 6),
    "onboarding": ((("online bank", "Bank"), ("brokerage", "Invest"), ("accountancy firm", "Accountants"),
                    ("mortgage broker", "Mortgages")),
                   ("name", "dob", "id", "bank"), ("address", "email", "phone"), 8),
}
PREFACE = {
    "shop": ("So that's {q}.", "Right, {pr}, got it.", "It's {m}, so it ships separately.",
             "I can see {q} on the order.",
             "That's {pc} off, by the way.", "I've added {q}.", "I've set aside {pr} for {d}.",
             "It weighs {m}, just so you know.", "It'll arrive {d}, before {tm}.", "That comes to {p}."),
    "money": ("There's {pc} interest on that, just so you know.", "The rate's {pc}, fixed.",
              "That's {pc} of the balance.",
              "I can see {pr} on your profile.", "You've had {pr} since {y}.", "That's {q} this month.",
              "Your next payment of {p} is due {d}.", "The last payment was {d}, for {p}.",
              "That leaves {pw} outstanding."),
    "stay": ("So that's {q}.", "That's {pc} off for booking direct.", "I've noted {q}.", "You're booked on {pr}.",
             "It has {m} of luggage space.", "That's {q}, and {m} of space.", "Check-in is from {tm} on {d}.",
             "That's {p} a night."),
    "care": ("So that's {q}.", "I've put {q} on the plan.", "There's {pc} off for students.", "You last came in {y}.",
             "You're down for {pr}.", "Your appointment is {d} at {tm}.", "The fee is {p} a session."),
    "service": ("You're on {pr} at the moment.", "That's {m} a month on average.", "There's {pc} off this month.",
                "I can see {q} on the account.", "I see {pr} here, from {y}.", "You've used {m} so far.",
                "The engineer can come {d}, from {tm}.", "Your bill is {p} this month."),
    "any": ("Thanks for your patience.", "Okay.", "Lovely.", "Right, bear with me."),
}
EXTRA_CHANCE = {"contact": 0.9, "phone": 0.8, "card": 0.75, "bank": 0.8, "email": 0.85, "address": 0.75, "dob": 0.5,
                "id": 0.9,
                "chat": 0.6, "schedule": 0.5, "third": 0.5, "name": 0.6, "meter": 0.6}


# ----------------------------------------------------------------------------------------------------------
# Beats: short exchanges a call is made of. Each returns turns; ``short`` asks for a compact version.
# ----------------------------------------------------------------------------------------------------------


def keep_slots(c: Ctx) -> dict[str, Part]:
    """One fresh keep of every kind, for the templates that hold them."""
    return {"p": price(c), "p2": price(c), "pw": price_words(c), "pw2": price_words(c), "q": quantity(c),
            "d": date_keep(c),
            "d2": date_keep(c), "tm": time_keep(c), "tm2": time_keep(c), "y": year_keep(c), "y2": year_keep(c),
            "o": order_keep(c), "t": ticket_keep(c), "pr": product_keep(c), "pc": percent_keep(c),
            "pc2": percent_keep(c), "m": measure_keep(c)}


def ask(c: Ctx, pool: Sequence[str], **slots: Part | str) -> Turn:
    """A rep's question from ``pool``, now and then after a remark holding a hard negative ("So that's twelve
    seats. And your email?")."""
    t = c.pick(pool)
    if c.chance(0.4):
        t = c.pick(PREFACE[c.rng.choice(SCENARIO_TOPICS[c.scenario][:2])]) + " " + t
        slots = {**keep_slots(c), **slots}
    return c.say("rep", t, **slots)


def opener(c: Ctx) -> Turn:
    first, last = c.rep
    rep = name_part(c, first, last, "full" if c.chance(0.5) else "first", rep=True)
    return c.say("rep", c.pick(OPENERS), company=c.company, rep=rep)


INTRO = ("Hi, it's {v}.", "Hello, this is {v}.", "{v} here.", "Hi, my name's {v}.", "Morning, it's {v} calling.",
         "Hiya, {v} speaking.", "Hello, you're talking to {v}.")


def reason(c: Ctx, intro: bool) -> Turn:
    """The customer's reason for calling, after their name when ``intro``."""
    slots: dict[str, Part | str] = {**keep_slots(c), "rel": c.rng.choice(RELATIONS)}
    t = c.pick(REASONS[c.scenario])
    if intro:
        t = re.sub(r"^(?:Hi|Hello|Hiya),? ", "", t)
        t = c.pick(INTRO) + " " + t[0].upper() + t[1:]
        slots["v"] = name_part(c, *c.cust)
    return c.say("customer", t, **slots)


def b_name(c: Ctx, short: bool) -> list[Turn]:
    first, last = c.cust
    out = [c.say("rep", c.pick(NAME_ASK))]
    r = c.rng.random()
    if r < 0.18 and spellable(last):
        out.append(c.say("customer", c.pick(NAME_SPELLED_GIVE), n=name_part(c, first, last), s=spelled_part(c, last)))
    elif r < 0.3 and spellable(last) and not short:
        out.append(c.say("customer", c.pick(NAME_GIVE), v=name_part(c, first, last)))
        out.append(c.say("rep", c.pick(SPELL_ASK)))
        out.append(c.say("customer", c.pick(SPELL_GIVE), v=spelled_part(c, last)))
        if c.chance(0.5):
            out.append(c.say("rep", c.pick(SPELL_BACK), v=spelled_part(c, last)))
        return out
    else:
        form = c.rng.choice(("full", "full", "full", "lastfirst"))
        out.append(c.say("customer", c.pick(NAME_GIVE), v=name_part(c, first, last, form)))
    if c.read_back(0.65, short):
        if c.chance(0.3):
            title = c.rng.choice(("Mr", "Ms", "Mrs", "Dr", "Mx"))
            out.append(c.say("rep", c.pick(TITLE_BACK), title=title, v=name_part(c, first, last, "last")))
        else:
            out.append(c.say("rep", c.pick(NAME_BACK), v=name_part(c, first, last, c.rng.choice(("first", "first",
                                                                                                 "full")))))
    return out


def b_dob(c: Ctx, short: bool) -> list[Turn]:
    d, m, y = c.dob
    forms = list(DOB_FORMS)
    form = c.rng.choice(forms)
    out = [ask(c, DOB_ASK)]
    roll = c.rng.random()
    if roll < 0.12:
        wrong = c.rng.choice([x for x in (d + 10, d - 10, d + 1, d - 1, (d % 10) or 1) if 1 <= x <= 28 and x != d])
        out.append(c.say("customer", c.pick(DOB_FIX), v=dob_part(c, wrong, m, y, form), d=day_part(c, d),
                         x=day_part(c, wrong)))
    elif roll < 0.2:
        out.append(c.say("customer", c.pick(DOB_BORN_IN), v=born_in_part(c, d, m, y)))
    elif roll < 0.42:
        out.append(c.say("customer", c.pick(DOB_GIVE_YEAR), v=dob_part(c, d, m, y, form), y=year_keep(c, y + 18, 2025)))
    else:
        out.append(c.say("customer", c.pick(DOB_GIVE), v=dob_part(c, d, m, y, form)))
    if roll < 0.12 or (c.read_back(0.55, short)):
        other = c.rng.choice([f for f in forms if f != form])
        if c.chance(0.3):
            out.append(c.say("rep", c.pick(DOB_BACK_DATE), v=dob_part(c, d, m, y, other), d=date_keep(c),
                             tm=time_keep(c)))
        else:
            out.append(c.say("rep", c.pick(DOB_BACK), v=dob_part(c, d, m, y, other)))
    return out


def b_third(c: Ctx, short: bool) -> list[Turn]:
    first = c.rng.choice(GIVEN_NAMES)
    last = c.cust[1] if c.chance(0.6) else c.rng.choice(SURNAMES)
    rel = c.rng.choice(RELATIONS)
    kid = rel in ("son", "daughter")
    d, m, y = draw_dob(c.rng, 2008, 2020) if kid else draw_dob(c.rng, 1936, 2004)
    out = [c.say("customer", c.pick(THIRD_PARTY), rel=rel, v=name_part(c, first, last))]
    out.append(c.say("rep", c.pick(THIRD_DOB_ASK), p=name_part(c, first, last, "first")))
    out.append(c.say("customer", c.pick(THIRD_DOB_GIVE), p=name_part(c, first, last, "first"),
                     v=dob_part(c, d, m, y, c.rng.choice(DOB_FORMS))))
    if c.read_back(0.4, short):
        out.append(c.say("rep", c.pick(DOB_BACK), v=dob_part(c, d, m, y, c.rng.choice(DOB_FORMS))))
    return out


def b_address(c: Ctx, short: bool) -> list[Turn]:
    code = make_postcode(c.rng, c.country)
    street_w = street_part(c)
    out = [ask(c, ADDR_ASK)]
    roll = c.rng.random()
    if roll < 0.55:
        city, _ = city_parts(c)
        out.append(c.say("customer", c.pick(ADDR_GIVE), s=street_w, c=city, z=postcode_part(c, code)))
    elif roll < 0.8 or short:
        out.append(c.say("customer", c.pick(ADDR_GIVE_NOCITY), s=street_w, z=postcode_part(c, code)))
    else:
        out.append(c.say("customer", c.pick(("It's {s}.", "{s}.", "Um, {s}.", "We're at {s}.", "{s}, by the park.")),
                         s=street_w))
        key = c.country if c.country in POSTCODE_ASK else "OTHER"
        out.append(c.say("rep", c.pick(POSTCODE_ASK[key])))
        out.append(c.say("customer", c.pick(POSTCODE_GIVE), v=postcode_part(c, code)))
    if c.read_back(0.5, short):
        out.append(c.say("rep", c.pick(ADDR_BACK), s=ent("address", street_w.w, street_w.a), z=postcode_part(c, code)))
    return out


def b_email(c: Ctx, short: bool) -> list[Turn]:
    first, last = c.cust
    local, dom = make_email(c, first, last)
    out = [ask(c, EMAIL_ASK), c.say("customer", c.pick(EMAIL_GIVE), v=email_part(c, local, dom, first))]
    if not short and c.chance(0.25):
        out.append(c.say("rep", c.pick(("Sorry, could you spell that for me?", "Can you spell the first part?",
                                        "Sorry, spell that out?"))))
        out.append(c.say("customer", c.pick(("Sure, {v}.", "It's {v}.", "Okay, {v}.")),
                         v=email_part(c, local, dom, first, spell=True)))
    if c.read_back(0.6, short):
        out.append(c.say("rep", c.pick(EMAIL_BACK), v=email_part(c, local, dom, first)))
    return out


def b_phone(c: Ctx, short: bool) -> list[Turn]:
    ph = make_phone(c.rng, c.country)
    out = [ask(c, PHONE_ASK)]
    roll = c.rng.random()
    if roll < 0.25 and not short:
        p1, p2 = phone_pieces(c, ph, 2)
        out.append(c.say("customer", c.pick(PIECE_FIRST), v=p1))
        out.append(c.say("rep", c.pick(BACKCHANNEL)))
        out.append(c.say("customer", c.pick(PIECE_LAST), v=p2))
    elif roll < 0.35 and c.country in ("US", "UK", "CA"):
        ext = c.sp.group(str(c.rng.randint(10, 499)), "single")
        out.append(c.say("customer", c.pick(PHONE_GIVE_EXT), v=phone_pieces(c, ph)[0], x=Part(ext[0], ext[1])))
    else:
        out.append(c.say("customer", c.pick(PHONE_GIVE), v=phone_pieces(c, ph)[0]))
    if c.read_back(0.45, short):
        out.append(c.say("rep", c.pick(PHONE_BACK), v=phone_pieces(c, ph)[0]))
    return out


CONTACT_ASK = ("Can I take a phone number and an email?", "What's the best number and email for you?",
               "And your contact details, phone and email?", "Could I get a mobile and an email address?")
CONTACT_GIVE = ("Sure, {ph}, and the email's {em}.", "It's {ph}. Email is {em}.", "Mobile's {ph}, and {em}.",
                "Um, {ph}, and for email, {em}.", "Phone {ph}, email {em}.")


def b_contact(c: Ctx, short: bool) -> list[Turn]:
    """Phone and e-mail asked together and given in one breath."""
    first, last = c.cust
    local, dom = make_email(c, first, last)
    ph = make_phone(c.rng, c.country)
    out = [ask(c, CONTACT_ASK), c.say("customer", c.pick(CONTACT_GIVE), ph=phone_pieces(c, ph)[0],
                                      em=email_part(c, local, dom, first))]
    if c.read_back(0.5, short):
        if c.chance(0.5):
            out.append(c.say("rep", c.pick(PHONE_BACK), v=phone_pieces(c, ph)[0]))
        else:
            out.append(c.say("rep", c.pick(EMAIL_BACK), v=email_part(c, local, dom, first)))
    return out


def b_id(c: Ctx, short: bool) -> list[Turn]:
    kind = c.rng.choice(ID_KINDS[c.country])
    printed, sayable = make_id(c.rng, kind, c.dob)
    k = c.rng.choice(ID_NAMES[kind])
    out = [ask(c, ID_ASK, k=k), c.say("customer", c.pick(ID_GIVE), k=k, v=id_part(c, printed, sayable))]
    if c.read_back(0.6, short):
        out.append(c.say("rep", c.pick(ID_BACK), k=k, v=id_part(c, printed, sayable)))
    return out


def _wrong(c: Ctx, digits: str) -> str:
    """``digits`` with one or two digits changed (a misread)."""
    out = list(digits)
    for i in c.rng.sample(range(len(digits)), min(len(digits), c.rng.choice((1, 1, 2)))):
        out[i] = c.rng.choice([d for d in "0123456789" if d != digits[i]])
    return "".join(out)


def b_card(c: Ctx, short: bool) -> list[Turn]:
    keys = list(CARD_WEIGHTS)
    key = c.rng.choices(keys, [CARD_WEIGHTS[k] for k in keys])[0]
    kind = next(k for k in CARD_KINDS if k.key == key)
    c.card, c.brand = make_card(c.rng, kind), kind.brand
    sizes = kind.groups if c.chance(0.8) else c.rng.choice(REGROUPINGS[kind.length])
    groups = chunk(c.card, sizes)
    how = card_how(c)
    brand = kind.brand if c.chance(0.7) else {"American Express": "Amex", "Mastercard": "Mastercard"}.get(kind.brand,
                                                                                                          kind.brand)
    out = [c.say("rep", c.pick(CARD_ASK_PRICE), p=price(c, 20, 3000), q=quantity(c)) if c.chance(0.5)
           else ask(c, CARD_ASK)]
    roll = c.rng.random()
    if roll < 0.4:
        out.append(c.say("customer", c.pick(CARD_GIVE), v=card_piece(c, groups, how), brand=brand))
    elif roll < 0.78 and len(groups) >= 3:
        k = 2 if short else c.rng.randint(2, min(4, len(groups)))
        cut = sorted(c.rng.sample(range(1, len(groups)), k - 1))
        bounds = [0, *cut, len(groups)]
        for i, (a, b) in enumerate(itertools.pairwise(bounds)):
            pool = PIECE_FIRST if i == 0 else (PIECE_LAST if b == len(groups) else PIECE_NEXT)
            if i:
                out.append(c.say("rep", c.pick(BACKCHANNEL)))
            out.append(c.say("customer", c.pick(pool), v=card_piece(c, groups[a:b], how)))
    elif c.chance(0.6):
        j = c.rng.randint(1, len(groups) - 1)
        x = _wrong(c, groups[j])
        out.append(c.say("customer", c.pick(CARD_FIX_INLINE), a=card_piece(c, groups[:j], how),
                         x=card_piece(c, [x], how), b=card_piece(c, groups[j:], how)))
    else:
        j = c.rng.randint(1, len(groups) - 1)
        x = [*groups[:j - 1], _wrong(c, groups[j - 1])]
        out.append(c.say("customer", c.pick(CARD_FIX_RESTART), x=card_piece(c, x, how), v=card_piece(c, groups, how)))
    m, y = c.rng.randint(1, 12), c.rng.randint(2027, 2034)
    form = c.rng.choice(EXPIRY_FORMS)
    code = _digits(c.rng, 4 if kind.key == "amex" else 3)
    readback = c.read_back(0.35, short)
    ask_exp = ask(c, EXP_ASK)
    if readback:
        out.append(c.say("rep", c.pick(CARD_BACK), v=card_regrouped(c, tuple(len(g) for g in groups)), brand=brand))
    out.append(ask_exp)
    yes = [c.say("customer", c.pick(YES))] if readback else []
    cvv_ask = CVV_ASK_AMEX if kind.key == "amex" else CVV_ASK
    if short or c.chance(0.3):
        out += yes + [c.say("customer", c.pick(EXP_CVV_GIVE), e=expiry_part(c, m, y, form), v=cvv_part(c, code))]
    else:
        pool = EXP_GIVE_MONTH if form in MONTH_FORMS and c.chance(0.3) else EXP_GIVE
        out += yes + [c.say("customer", c.pick(pool), v=expiry_part(c, m, y, form))]
        if c.chance(0.4):
            other = c.rng.choice([f for f in EXPIRY_FORMS if f != form])
            out.append(c.say("rep", c.pick(EXP_BACK), v=expiry_part(c, m, y, other)))
        out.append(c.say("rep", c.pick(cvv_ask)))
        out.append(c.say("customer", c.pick(CVV_GIVE), v=cvv_part(c, code)))
        if not short and c.chance(0.2):
            out.append(c.say("rep", c.pick(CVV_BACK), v=cvv_part(c, code)))
    if c.chance(0.35):
        other = c.rng.choice([f for f in EXPIRY_FORMS if f != form])
        out.append(c.say("rep", c.pick(LAST4_EXP), l4=last4_keep(c), brand=brand, p=price(c, 20, 3000),
                         e=expiry_part(c, m, y, other)))
    elif c.chance(0.45):
        out.append(c.say("rep", c.pick(LAST4), l4=last4_keep(c), brand=brand, p=price(c, 20, 3000), q=quantity(c)))
    return out


def b_bank(c: Ctx, short: bool) -> list[Turn]:
    k = c.country
    use_iban = c.eu or k == "IE" or (k == "UK" and c.chance(0.15))
    if use_iban:
        iban = make_iban(c.rng, "GB" if k == "UK" else k)
        how = c.rng.choice(("typed", "typed", "spoken"))
        n = 1 if short else c.rng.choice((1, 1, 2, 2, 3))
        pieces = iban_pieces(c, iban, n, how)
        out = [ask(c, IBAN_ASK)]
        for i, p in enumerate(pieces):
            if len(pieces) == 1:
                out.append(c.say("customer", c.pick(IBAN_GIVE), v=p))
                continue
            if i:
                out.append(c.say("rep", c.pick(BACKCHANNEL)))
            pool = PIECE_FIRST if i == 0 else (PIECE_LAST if i == len(pieces) - 1 else PIECE_NEXT)
            out.append(c.say("customer", c.pick(pool), v=p))
        if c.read_back(0.4, short):
            out.append(c.say("rep", c.pick(IBAN_BACK), v=iban_pieces(c, iban, 1, c.rng.choice(("typed", "spoken")))[0]))
        return out
    if k == "US":
        routing, account = make_aba(c.rng), _digits(c.rng, c.rng.randint(8, 12))
    elif k == "UK":
        routing, account = _digits(c.rng, 6), _digits(c.rng, 8)
    elif k == "AU":
        routing, account = _digits(c.rng, 6), _digits(c.rng, c.rng.randint(6, 9))
    else:
        routing, account = _digits(c.rng, 5) + _digits(c.rng, 3), _digits(c.rng, 7)
    rn = c.rng.choice(ROUTING_NAME[k])
    out = []
    if c.chance(0.25):
        out.append(c.say("rep", c.rng.choice(("I'll need the {rn} and account number.",
                                              "Can I take the {rn} and the account number?",
                                              "Go ahead with the {rn} and then the account number."))
                         .replace("{rn}", rn)))
        tmpl = c.pick(BANK_COMBO_GIVE)
        out.append(c.say("customer", tmpl, rn=cap_at_start(tmpl, "rn", rn), r=routing_part(c, routing),
                         a=account_part(c, account)))
    else:
        out.append(ask(c, ROUTING_ASK[k]))
        tmpl = c.pick(ROUTING_GIVE)
        out.append(c.say("customer", tmpl, rn=cap_at_start(tmpl, "rn", rn), v=routing_part(c, routing)))
        out.append(ask(c, ACCOUNT_ASK + (ACCOUNT_ASK_US if k == "US" else ())))
        if c.chance(0.2):
            out.append(c.say("customer", c.pick(ACCOUNT_GIVE_YEAR), v=account_part(c, account), y=year_keep(c)))
        else:
            out.append(c.say("customer", c.pick(ACCOUNT_GIVE), v=account_part(c, account)))
    if c.read_back(0.8, short):
        if c.chance(0.8):
            out.append(c.say("rep", c.pick(ROUTING_BACK), rn=rn, v=routing_part(c, routing)))
        out.append(c.say("rep", c.pick(ACCOUNT_BACK), v=account_part(c, account)))
    return out


def cap_at_start(template: str, slot: str, text: str) -> str:
    """``text`` with a capital first letter when ``{slot}`` opens ``template``."""
    return text[0].upper() + text[1:] if template.startswith("{" + slot + "}") else text


def b_pay(c: Ctx, short: bool) -> list[Turn]:
    """A card payment (three times in five) or bank details."""
    c.paid_by = c.paid_by or ("card" if c.chance(0.7) else "bank")
    return b_card(c, short) if c.paid_by == "card" else b_bank(c, short)


def b_chat(c: Ctx, short: bool) -> list[Turn]:
    pool = [x for topic in SCENARIO_TOPICS[c.scenario] for x in CHAT[topic]]
    fresh = [x for x in pool if repr(x) not in c.used]
    exchange = c.rng.choice(fresh or pool)
    c.used.add(repr(exchange))
    slots = keep_slots(c)
    return [c.say(sp_, t, **slots) for sp_, t in (exchange[:2] if short else exchange)]


def b_schedule(c: Ctx, short: bool) -> list[Turn]:
    s = keep_slots(c)
    ask = c.rng.choice(("When would suit you?", "What day works best?", "Do you have a day in mind?",
                        "When were you hoping for?"))
    offer = c.rng.choice(("I can do {d} at {tm}, or {d2} at {tm2}.", "The next free slot is {d}, {tm}.",
                          "How about {d} at {tm}?", "We've got {d} in the morning, say {tm}, or {d2} after {tm2}."))
    take = c.rng.choice(("The first one, please.", "That's perfect.", "Yes, put me down for that.",
                         "Could it be a bit later? Maybe {tm2}.", "Great, {tm} it is."))
    out = [c.say("rep", ask), c.say("customer", c.rng.choice(("Sometime around {d} if possible.", "Any day after {d}.",
                                                                 "Mornings are best, before {tm}.",
                                                                 "Not fussy, really.")), **s)]
    out += [c.say("rep", offer, **s), c.say("customer", take, **s)]
    return out[2:] if short else out


def b_meter(c: Ctx, short: bool) -> list[Turn]:
    s = keep_slots(c)
    return [c.say("rep", c.rng.choice(("Can you read me the meter?", "What does the meter say today?",
                                        "Have you got a reading for me?"))),
            c.say("customer", c.rng.choice(("It says {m}.", "Um, {m}, as of {d}.", "Reading's {m}.")), **s),
            c.say("rep", c.rng.choice(("Thanks. Your new monthly payment will be {p}.",
                                       "Great, that puts your bill at {p}.",
                                        "Lovely, so {p} a month from {d}.")), **s)]


def b_claim(c: Ctx, short: bool) -> list[Turn]:
    s = keep_slots(c)
    out = [c.say("rep", c.rng.choice(("Do you have the policy number?", "What's the policy reference?",
                                       "Have you got your claim reference?"))),
           c.say("customer", c.rng.choice(("Yes, it's {t}.", "It's {t}, I think.", "Policy {t}.")), **s)]
    if not short:
        out += [c.say("rep", c.rng.choice(("And when did it happen?", "What date was the incident?"))),
                c.say("customer", c.rng.choice(("On {d}, around {tm}.", "{d}, in the evening.", "It was {d}.")), **s)]
    return out


def b_order(c: Ctx, short: bool) -> list[Turn]:
    s = keep_slots(c)
    out = [c.say("rep", c.rng.choice(("Do you have the order number?", "Can I take the order reference?",
                                       "What's the order number on the email?"))),
           c.say("customer", c.rng.choice(("Yes, it's {o}.", "It's {o}.", "Um, {o}.", "Order {o}.")), **s)]
    if not short:
        out.append(c.say("rep", c.rng.choice(("I can see it, {pr}, ordered {d}.",
                                              "Found it, {q}, {m} in all, placed {d}.",
                                              "Okay, {o} for {p}, due {d}.")), **s))
    return out


def b_refund(c: Ctx, short: bool) -> list[Turn]:
    s = keep_slots(c)
    out = [c.say("rep", c.rng.choice(("I can see the charge of {p} on {d}.", "There's a refund of {p} due to you.",
                                       "I've found the duplicate payment, {p}.")), **s),
           c.say("customer", c.rng.choice(("Yes, that's the one.", "That's it, can you send it back?",
                                            "Right, and how long will it take?")))]
    out.append(c.say("rep", c.pick(REFUND_LAST4), l4=last4_keep(c), brand=c.rng.choice(("Visa", "Mastercard",
                                                                                        "debit card")),
                     p=s["p"]))
    return out


def b_words(c: Ctx, short: bool) -> list[Turn]:
    s = keep_slots(c)
    out = [c.say("rep", c.rng.choice(("The outstanding amount is {pw}.", "You owe {pw} as of today.",
                                       "The fees for the term come to {pw}.", "There's {pw} left to pay."))
                 , **s),
           c.say("customer", c.rng.choice(("Can I pay part of it now?", "Could I split it? Maybe {pw2} now.",
                                            "Okay, I'll pay it all today.", "Can I do {p} a month?")), **s)]
    if not short:
        out.append(c.say("rep", c.rng.choice(("Yes, and the rest by {d}.",
                                              "That's fine, {pw2} today and the balance on {d}.",
                                              "We can do that, first payment on {d}.")), **s))
    return out


def b_sales(c: Ctx, short: bool) -> list[Turn]:
    s = keep_slots(c)
    out = [c.say("rep", c.rng.choice(("So that's {q} at {p} each, with {pc} off on the annual plan.",
                                       "For {q} we can do {p} a unit, and delivery {d}.",
                                       "The quote's {p} for {q}, valid until {d}."))
                 , **s),
           c.say("customer", c.rng.choice(("Can you do {pc2} off if we sign this week?",
                                           "That works. Who do I send the PO to?",
                                            "Okay, and the setup fee?")), **s)]
    if not short:
        out.append(c.say("rep", c.rng.choice(("I can do that. I'll just need a contact name.", "Setup is {p}, one-off.",
                                              "Each unit is {m}, and we deliver on pallets.",
                                              "Great, I'll send it over today."))
                         , **s))
    return out


def b_ticket(c: Ctx, short: bool) -> list[Turn]:
    s = keep_slots(c)
    return [c.say("rep", c.rng.choice(("Do you have a ticket number?", "Is there a case reference?",
                                        "Have you spoken to us about this before?"))),
            c.say("customer", c.rng.choice(("Yes, {t}.", "It's {t}, from {d}.", "I think it's {t}.")), **s)]


BEATS: dict[str, Callable[[Ctx, bool], list[Turn]]] = {
    "name": b_name, "dob": b_dob, "third": b_third, "address": b_address, "email": b_email, "phone": b_phone,
    "id": b_id, "contact": b_contact, "card": b_card, "bank": b_bank, "pay": b_pay, "chat": b_chat,
    "schedule": b_schedule, "meter": b_meter,
    "claim": b_claim, "order": b_order, "refund": b_refund, "words": b_words, "sales": b_sales, "ticket": b_ticket,
}


def closing(c: Ctx) -> list[Turn]:
    s = keep_slots(c)
    rep_line = c.pick(CLOSE_REP)
    if c.chance(0.6):
        rep_line = c.pick(CLOSE_REP_KEEP) + " " + rep_line
    if c.chance(0.3):
        cust = c.say("customer", c.pick(CLOSE_CUST_NAME), v=name_part(c, c.rep[0], c.rep[1], "first", rep=True))
    else:
        cust = c.say("customer", c.pick(CLOSE_CUST))
    out = [c.say("rep", rep_line, **s), cust]
    if c.chance(0.4):
        out.append(c.say("rep", c.pick(("You're welcome, take care.", "Thanks for calling, bye now.",
                                        "No problem at all. Bye!",
                                         "Have a lovely day.", "Cheers, bye.", "My pleasure. Goodbye."))))
    return out


def joined(turns: Sequence[Turn]) -> list[Turn]:
    """Consecutive turns of one speaker joined into one, as a transcript shows them."""
    out: list[Turn] = []
    for t in turns:
        if out and out[-1].speaker == t.speaker:
            out[-1] = Turn(t.speaker, [*out[-1].parts, plain(" "), *t.parts])
        else:
            out.append(Turn(t.speaker, list(t.parts)))
    return out


# The carrier phrasings that hold a value of each type, by the side that says them (written for this set).
PIECES = PIECE_FIRST + PIECE_NEXT + PIECE_LAST
CARRIERS: dict[str, dict[str, tuple[str, ...]]] = {
    "card": {"customer": CARD_GIVE + PIECES + CARD_FIX_INLINE + CARD_FIX_RESTART, "rep": CARD_BACK},
    "cvv": {"customer": CVV_GIVE + EXP_CVV_GIVE, "rep": CVV_BACK},
    "expiry": {"customer": EXP_GIVE + EXP_GIVE_MONTH + EXP_CVV_GIVE, "rep": EXP_BACK + LAST4_EXP},
    "iban": {"customer": IBAN_GIVE + PIECES, "rep": IBAN_BACK},
    "account": {"customer": ACCOUNT_GIVE + ACCOUNT_GIVE_YEAR + BANK_COMBO_GIVE, "rep": ACCOUNT_BACK},
    "routing": {"customer": ROUTING_GIVE + BANK_COMBO_GIVE, "rep": ROUTING_BACK},
    "dob": {"customer": DOB_GIVE + DOB_GIVE_YEAR + DOB_BORN_IN + DOB_FIX + THIRD_DOB_GIVE,
            "rep": DOB_BACK + DOB_BACK_DATE},
    "address": {"customer": ADDR_GIVE + ADDR_GIVE_NOCITY + POSTCODE_GIVE, "rep": ADDR_BACK},
    "person": {"customer": NAME_GIVE + NAME_SPELLED_GIVE + SPELL_GIVE + THIRD_PARTY + INTRO + CLOSE_CUST_NAME,
               "rep": OPENERS + NAME_BACK + TITLE_BACK + SPELL_BACK + THIRD_DOB_ASK},
    "email": {"customer": EMAIL_GIVE + CONTACT_GIVE, "rep": EMAIL_BACK},
    "phone": {"customer": PHONE_GIVE + PHONE_GIVE_EXT + CONTACT_GIVE + PIECE_FIRST + PIECE_LAST, "rep": PHONE_BACK},
    "id": {"customer": ID_GIVE, "rep": ID_BACK},
}
ASKS: dict[str, tuple[str, ...]] = {
    "card": CARD_ASK + CARD_ASK_PRICE, "cvv": CVV_ASK + CVV_ASK_AMEX, "expiry": EXP_ASK, "iban": IBAN_ASK,
    "account": ACCOUNT_ASK + ACCOUNT_ASK_US, "routing": sum(ROUTING_ASK.values(), ()),
    "dob": DOB_ASK + THIRD_DOB_ASK, "address": ADDR_ASK + sum(POSTCODE_ASK.values(), ()),
    "person": NAME_ASK + SPELL_ASK,
    "email": EMAIL_ASK + CONTACT_ASK, "phone": PHONE_ASK + CONTACT_ASK, "id": ID_ASK,
}


# ----------------------------------------------------------------------------------------------------------
# Assembling a call
# ----------------------------------------------------------------------------------------------------------


def new_ctx(rng: random.Random, cid: str) -> Ctx:
    """The draws a call starts from: country, scenario, industry, company, people, date of birth."""
    countries, weights = zip(*COUNTRY_WEIGHTS)
    country = rng.choices(countries, weights)[0]
    names = list(SCENARIOS)
    scenario = rng.choices(names, [SCENARIOS[n][3] for n in names])[0]
    industry, suffix = rng.choice(SCENARIOS[scenario][0])
    company = f"{rng.choice(COMPANY_STEMS)} {suffix}"
    rep = (rng.choice(GIVEN_NAMES), rng.choice(SURNAMES))
    cust = (rng.choice(GIVEN_NAMES), rng.choice(SURNAMES))
    c = Ctx(rng, cid, country, scenario, industry, company, Speaker(rng), rep, cust)
    c.dob = draw_dob(rng)
    c.max_turns = rng.choices(range(MIN_TURNS, MAX_TURNS + 1), (1, 1, 2, 3, 4, 7, 14, 28, 40))[0]
    return c


PAYMENT_BEATS = ("card", "bank", "pay")


def assemble(c: Ctx) -> list[Turn]:
    """Opener, the customer's reason, the scenario's core beats, some extras and a close, in at most the call's
    ``max_turns`` once consecutive turns of a speaker are joined. When the core does not fit, beats are made compact,
    then left out, payment beats last."""
    _, core, extras, _ = SCENARIOS[c.scenario]
    intro = "name" in core and c.chance(0.45)
    head = [opener(c), reason(c, intro)]
    if intro:
        core = tuple(b for b in core if b != "name")
    extras = tuple(extras)
    if "phone" in extras and "email" in extras and c.chance(0.5):
        extras = tuple(b for b in extras if b not in ("phone", "email")) + ("contact",)
    close = closing(c)
    variants = [(BEATS[name](c, False), BEATS[name](c, True), []) for name in core]
    level = [0] * len(core)  # 0 full, 1 compact, 2 left out

    def body() -> list[Turn]:
        return [t for v, lv in zip(variants, level) for t in v[lv]]

    def fits(more: list[Turn]) -> bool:
        return len(joined(head + body() + more + close)) <= c.max_turns

    order = sorted(range(len(core)), key=lambda i: (core[i] in PAYMENT_BEATS, -i))
    for lv in (1, 2):
        for i in order:
            if fits([]):
                break
            level[i] = max(level[i], lv)
    done = {c.paid_by if name == "pay" else name for name, lv in zip(core, level) if lv < 2}
    more: list[Turn] = []
    shuffled = list(extras)
    c.rng.shuffle(shuffled)
    for name in shuffled:
        if name in done or not c.chance(EXTRA_CHANCE[name]):
            continue
        for short in ((False, True) if c.chance(0.5) else (True,)):
            t = BEATS[name](c, short)
            if fits(more + t):
                more += t
                done.add(name)
                break
    while len(joined(head + body() + more + close)) < MIN_TURNS:
        more += b_chat(c, True)
    return joined(head + body() + more + close)


# ----------------------------------------------------------------------------------------------------------
# Rendering: written and ASR forms of the same parts
# ----------------------------------------------------------------------------------------------------------

FILLER_RE = re.compile(r"(?<!-)\b(?:[Uu]m+|[Uu]h+|[Ee]r|[Ee]rm|[Ee]hm|[Hh]m+)\b(?!-)[,.]?\s*")
MISHEAR = (("plan", "plant"), ("contract", "contact"), ("quote", "coat"), ("bill", "bell"), ("renewal", "renew all"),
           ("premium", "premier"), ("invoice", "in voice"), ("receipt", "recipe"), ("courier", "carrier"),
           ("mandate", "man date"), ("deposit", "the posit"), ("installation", "insulation"), ("excess", "access"),
           ("statement", "state meant"), ("tariff", "terrific"), ("appointment", "a point meant"),
           ("balance", "ballads"), ("engineer", "engine ear"), ("parcel", "partial"), ("cancel", "council"),
           ("checking", "chicken"), ("claim", "clean"), ("warranty", "warrant he"), ("assessor", "a sesser"),
           ("locum", "local"), ("subscription", "prescription"), ("allowance", "a lounge"))
ASR_SWAPS = (("Mm-hm", ("Mm-hmm", "Mhm", "Mm-hm")), ("Uh-huh", ("Uh-huh", "uh-huh")),
             ("Okay", ("Okay", "OK", "Ok")), ("okay", ("okay", "OK", "ok")))


def asr_plain(text: str, rng: random.Random, flags: dict[str, bool]) -> str:
    """Carrier text as tiny.en tends to write it: fillers dropped, '?' and commas often lost, a word misheard."""
    for word, swaps in ASR_SWAPS:
        if word in text:
            text = text.replace(word, rng.choice(swaps))
    if rng.random() < 0.85:
        text = FILLER_RE.sub("", text)
    for word, wrong in MISHEAR:
        if re.search(rf"\b{word}\b", text) and rng.random() < 0.3:
            text = re.sub(rf"\b{word}\b", wrong, text, count=1)
    if "..." in text:
        text = text.replace("...", rng.choice(("...", ".", ",")))
    if flags["q"]:
        text = text.replace("?", ".")
    if flags["comma"]:
        text = text.replace(",", "")
    return text


def render_turn(turn: Turn, form: str, rng: random.Random) -> dict:
    """One turn as text with its labels (offsets recorded as the text is built)."""
    flags = {"q": rng.random() < 0.6, "comma": rng.random() < 0.5, "lower": rng.random() < 0.3}
    text = ""
    ents: list[dict] = []
    keeps: list[dict] = []
    ignores: list[dict] = []
    for p in turn.parts:
        s = p.w if form == "written" else (p.a if p.label else asr_plain(p.a, rng, flags))
        if form == "asr" and flags["lower"]:
            s = s.lower()
        if p.label is None:
            s = re.sub(r"\s{2,}", " ", s)
            if not text or text.endswith(" "):
                s = s.lstrip()
            if s[:1] in (",", ".", "?", "!") and text.endswith(" "):
                text = text.rstrip()
            if s[:1] == "." and text.endswith("."):
                s = s[1:]
            text += s
            continue
        assert s and s == s.strip(), (turn, s)
        if (form == "written" and p.label[0] == "entity" and p.label[1] not in ("person", "email")
                and re.search(r"(^|[.?!] )$", text)):
            s = s[0].upper() + s[1:]
        start = len(text)
        text += s
        if p.label[0] == "entity":
            e = {"type": p.label[1], "value": s, "start": start}
            if p.label[2] == "rep":
                e["rep_name"] = True
            ents.append(e)
        elif p.label[0] == "keep":
            keeps.append({"kind": p.label[1], "value": s})
        else:
            ignores.append({"value": s, "start": start})
    out = {"speaker": turn.speaker, "text": text.rstrip(), "entities": ents, "keep": keeps}
    if ignores:
        out["ignore"] = ignores
    return out


class Collision(Exception):
    """A drawn call breaks a labelling rule by chance (a keep inside a value): it is drawn again."""


def check_turn(country: str, w: dict, a: dict) -> None:
    """Labelling rules for one turn in both forms; a value whose two forms disagree is a bug (AssertionError)."""
    for t in (w, a):
        text = t["text"]
        if text != text.strip() or "  " in text or not text:
            raise AssertionError(f"badly spaced text: {text!r}")
        for k in t["keep"]:
            if any(k["value"] in e["value"] for e in t["entities"]):
                raise Collision(k["value"])
    for ew, ea in zip(w["entities"], a["entities"], strict=True):
        typ, vw, va = ew["type"], ew["value"], ea["value"]
        if typ in ("card", "account", "routing", "phone"):
            assert digits_of(vw) == digits_of(va), (typ, vw, va)
        if typ in ("iban", "id"):
            assert code_of(vw) == code_of(va), (typ, vw, va)
        if typ == "id":
            assert id_kind_of(country, code_of(vw)), (country, vw)


def build_call(cid: str) -> dict:
    """Call ``cid`` drawn from ``random.Random("dev4:" + cid)`` (drawn again while a keep falls inside a value)."""
    rng = random.Random("dev4:" + cid)
    for _ in range(80):
        c = new_ctx(rng, cid)
        turns = assemble(c)
        rec = {"id": cid, "country": c.country, "industry": c.industry, "scenario": c.scenario, "company": c.company,
               "written": [render_turn(t, "written", rng) for t in turns],
               "asr": [render_turn(t, "asr", rng) for t in turns]}
        try:
            for w, a in zip(rec["written"], rec["asr"], strict=True):
                check_turn(c.country, w, a)
        except Collision:
            continue
        problems = check_call(rec)
        assert not problems, (cid, problems)
        return rec
    raise RuntimeError(f"{cid}: every draw put a keep inside a value; widen the keep generators")


# ----------------------------------------------------------------------------------------------------------
# Whole-call checks (also used by the tests and the stats)
# ----------------------------------------------------------------------------------------------------------


def card_ok(number: str) -> bool:
    return 13 <= len(number) <= 19 and luhn_ok(number) and card_network(number) is not None


def whole_iban_ok(code: str) -> bool:
    return len(code) >= 15 and code[:2] in IBAN_LENGTH and len(code) == IBAN_LENGTH[code[:2]] and iban_ok(code)


@dataclass(frozen=True)
class Reading:
    """One reading of a number: the number, how many labelled pieces it took, and whether a misread was corrected."""

    number: str
    pieces: int
    corrected: bool


def cuts(pieces: Sequence[str], ok: Callable[[str], bool]) -> Iterator[list[Reading]]:
    """Every way to cut ``pieces`` (a call's values of one type, in order) into consecutive readings that pass
    ``ok``; inside a reading one piece may be a misread that the next piece corrects (same length at the start
    of the next piece, one or two characters different), and it is left out."""
    if not pieces:
        yield []
        return
    for j in range(1, len(pieces) + 1):
        grp = list(pieces[:j])
        cands = {("".join(grp), False)}
        for k in range(j - 1):
            x, nxt = grp[k], grp[k + 1]
            if len(x) <= len(nxt) and 1 <= sum(p != q for p, q in zip(x, nxt)) <= 2:
                cands.add(("".join(grp[:k] + grp[k + 1:]), True))
        for cand, fixed in sorted(cands):
            if ok(cand):
                for rest in cuts(pieces[j:], ok):
                    yield [Reading(cand, j, fixed), *rest]


def readings(pieces: Sequence[str], ok: Callable[[str], bool]) -> Iterator[list[str]]:
    """The numbers of every cut of ``pieces`` (see ``cuts``)."""
    for cut in cuts(pieces, ok):
        yield [r.number for r in cut]


def card_readings(rec: dict, form: str = "written") -> list[Reading]:
    """How the call's card was read: the first cut whose readings all give one valid card ([] without a card)."""
    pieces = [digits_of(v) for v in values(rec, form, "card")]
    for cut in cuts(pieces, card_ok):
        if cut and all(r.number == cut[0].number for r in cut):
            return cut
    return []


def one_number(pieces: Sequence[str], ok: Callable[[str], bool]) -> str | None:
    """The one number all readings of a call agree on, or None when no cut gives one."""
    for rs in readings(pieces, ok):
        if rs and all(r == rs[0] for r in rs):
            return rs[0]
    return None


def values(rec: dict, form: str, typ: str) -> list[str]:
    return [e["value"] for t in rec[form] for e in t["entities"] if e["type"] == typ]


def check_call(rec: dict) -> list[str]:
    """Problems with a call's card and IBAN readings (each call uses one card and one IBAN at most)."""
    problems = []
    for form in ("written", "asr"):
        cards = [digits_of(v) for v in values(rec, form, "card")]
        if cards and one_number(cards, card_ok) is None:
            problems.append(f"{form} card pieces {cards} give no single valid card")
        ibans = [code_of(v) for v in values(rec, form, "iban")]
        if ibans and one_number(ibans, whole_iban_ok) is None:
            problems.append(f"{form} IBAN pieces {ibans} give no single valid IBAN")
        for v in values(rec, form, "routing"):
            d = digits_of(v)
            if rec["country"] == "US" and not aba_ok(d):
                problems.append(f"routing {v!r} fails the ABA checksum")
    return problems


# ----------------------------------------------------------------------------------------------------------
# Counts
# ----------------------------------------------------------------------------------------------------------

PLACEHOLDER = {"card": "[CARD]", "cvv": "[CVV]", "expiry": "[EXPIRY]", "iban": "[IBAN]", "account": "[ACCOUNT]",
               "routing": "[ROUTING]", "dob": "[DOB]", "address": "[ADDRESS]", "person": "[NAME]", "email": "[EMAIL]",
               "phone": "[PHONE]", "id": "[ID]"}
MINIMUM = {"card": 110, "cvv": 80, "expiry": 100, "iban": 50, "account": 40, "routing": 40, "dob": 110,
           "address": 150, "person": 450, "email": 70, "phone": 110, "id": 60}
KEEP_MINIMUM = {"price": 200, "quantity": 80, "date": 200, "time": 60, "year": 40, "order": 40, "ticket": 30,
                "product": 25, "percent": 25, "measure": 25, "last4": 40, "price in words": 30}


def counts(calls: Sequence[dict]) -> dict[str, Counter]:
    """Labelled values per type (person counts rep names too; ``rep name`` counts them apart) and keeps per kind
    (``price in words`` counts the prices with no digit) in the written form, plus calls per country, scenario and
    card network."""
    ent, keep_, country, scenario, network, how = Counter(), Counter(), Counter(), Counter(), Counter(), Counter()
    for rec in calls:
        country[rec["country"]] += 1
        scenario[rec["scenario"]] += 1
        for t in rec["written"]:
            for e in t["entities"]:
                ent[e["type"]] += 1
                if e.get("rep_name"):
                    ent["rep name"] += 1
            for k in t["keep"]:
                keep_[k["kind"]] += 1
                if k["kind"] == "price" and not re.search(r"\d", k["value"]):
                    keep_["price in words"] += 1
        cut = card_readings(rec)
        if cut:
            n = cut[0].number
            how["read whole, in one value"] += cut[0].pieces == 1 and not cut[0].corrected
            how["read in 2 to 4 pieces over several turns"] += cut[0].pieces > 1 and not cut[0].corrected
            how["with a misread group or false start corrected"] += any(r.corrected for r in cut)
            how["read back in full by the rep (another grouping)"] += len(cut) > 1
            net = card_network(n) or "none"
            if net == "Mastercard":
                net += f" {n[0]}-series"
            network[f"{net}, {len(n)} digits"] += 1
    return {"entity": ent, "keep": keep_, "country": country, "scenario": scenario, "network": network,
            "card reading": how}


def stats_markdown(calls: Sequence[dict]) -> str:
    """The count tables of DEV4.md."""
    cs = counts(calls)
    ent, kp = cs["entity"], cs["keep"]
    n_turns = sum(len(r["written"]) for r in calls)
    n_industries = len({r["industry"] for r in calls})
    head = (f"{len(calls)} calls, {n_turns} turns, {len(cs['scenario'])} scenarios, {n_industries} industries, "
            f"{len(cs['country'])} countries (counts in the written form; the ASR form has the same labels).")
    lines = [head, "",
             "| entity | placeholder | labelled values | brief's minimum |", "|---|---|---|---|"]
    for t in ENTITY_TYPES:
        note = " (customers, third parties and reps)" if t == "person" else ""
        lines.append(f"| {t}{note} | `{PLACEHOLDER[t]}` | {ent[t]} | {MINIMUM[t]} |")
    lines.append(f"| of which the rep's own name (`rep_name`) | `[NAME]` | {ent['rep name']} | |")
    lines.append(f"| **all** | | {sum(ent[t] for t in ENTITY_TYPES)} | |")
    lines += ["", "| hard negative (`keep`) | values | brief's minimum |", "|---|---|---|"]
    for k in (*KEEP_KINDS, "price in words"):
        label = "price said in words (counted in price too)" if k == "price in words" else k
        lines.append(f"| {label} | {kp[k]} | {KEEP_MINIMUM[k]} |")
    lines.append(f"| **all** | {sum(kp[k] for k in KEEP_KINDS)} | |")
    lines += ["", "| entity | customer carriers | rep carriers (read-backs) | rep questions |", "|---|---|---|---|"]
    lines += [f"| {t} | {len(set(CARRIERS[t]['customer']))} | {len(set(CARRIERS[t]['rep']))} | {len(set(ASKS[t]))} |"
              for t in ENTITY_TYPES]
    lines += ["", "| card network and length | calls |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in sorted(cs["network"].items())]
    lines += ["", "| how the card was read (calls with a card) | calls |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in cs["card reading"].items()]
    lines += ["", "| country | calls |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in cs["country"].most_common()]
    lines += ["", "| scenario | calls |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in cs["scenario"].most_common()]
    lines += ["", "| turns in the call | calls |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in sorted(Counter(len(r["written"]) for r in calls).items())]
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------------------------------------
# Command line
# ----------------------------------------------------------------------------------------------------------


def all_calls() -> list[dict]:
    return [build_call(f"d4-{i:04d}") for i in range(1, N_CALLS + 1)]


def dump(calls: Sequence[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in calls)


def main(argv: Sequence[str] | None = None) -> int:
    """Write dev4.jsonl, or with ``--check`` say whether it is current (0 yes, 1 no), or print ``--stats``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 0 iff dev4.jsonl is what this script writes")
    ap.add_argument("--stats", action="store_true", help="print the count tables (markdown)")
    args = ap.parse_args(argv)
    calls = all_calls()
    text = dump(calls)
    if args.check:
        current = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("dev4.jsonl is current" if current else "dev4.jsonl is out of date: run make_dev4.py")
        return 0 if current else 1
    if args.stats:
        print(stats_markdown(calls), end="")
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.name}: {len(calls)} calls")
    return 0


if __name__ == "__main__":
    sys.exit(main())
