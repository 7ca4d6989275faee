"""The ASR-style copy of the corpus: each sentence as tiny.en tends to write it.

A seeded, per-call transform (the same call always gives the same copy) that keeps one output
sentence per input sentence, so the labels carry over unchanged. What it does, each modelled on
what faster-whisper ``tiny.en`` does to phone speech (seen on the project's synthesized calls
and the sales demo):

- no "?" at all: a question ends in "." or in nothing (Whisper often drops the "?" of a
  question said with falling intonation; the copy drops every one, the hardest case);
- fillers ("um", "uh", "er") mostly removed, false-start dashes removed;
- commas dropped at random, the first letter sometimes lower-case, "--" cut-offs closed;
- spelled-out numbers written as digits ("twenty five thousand" -> "25,000", "ten" -> "10");
- a few misheard words: homophones and near-homophones ("their"/"there", "four"/"for",
  "we're"/"were", "quote"/"coat"), a dropped short word now and then.
"""

from __future__ import annotations

import random
import re
import zlib

from callcoach.training.corpus import CallDoc, Line

_FILLER = re.compile(r"(?i)(^|(?<=[\s,]))(um+|uh+|er+|erm|uhm)[,.]?\s*")
_DASH = re.compile(r"\s*--\s*")
_STUTTER = re.compile(r"\b(\w+)-\s+(?=\w)")  # "I- I mean" -> "I I mean"

CONFUSIONS: dict[str, tuple[str, ...]] = {
    "their": ("there",), "there": ("their",), "they're": ("there",), "to": ("too", "the"),
    "too": ("to",), "four": ("for",), "for": ("four", "from"), "we're": ("were", "where"),
    "were": ("we're",), "your": ("you're",), "you're": ("your",), "its": ("it's",),
    "it's": ("its", "is"), "then": ("than",), "than": ("then",), "quote": ("coat",),
    "quotes": ("coats",), "a": ("the", "uh"), "the": ("a",), "and": ("in", "an"), "in": ("and",),
    "right": ("write",), "know": ("no",), "no": ("know",), "weight": ("wait",), "our": ("are", "hour"),
    "would": ("wood",), "buy": ("by",), "by": ("buy",), "cost": ("cause",), "sale": ("sail",),
    "seats": ("sets",), "contract": ("contact",), "can't": ("can",), "don't": ("do",),
}
_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_MULT = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_NUMWORD = "|".join(sorted(list(_SMALL) + list(_MULT), key=len, reverse=True))
_NUMBER = re.compile(rf"\b(?:{_NUMWORD})(?:[\s-]+(?:and\s+)?(?:{_NUMWORD}))*\b", re.IGNORECASE)


def _to_int(words: list[str]) -> int | None:
    total = current = 0
    for w in words:
        if w == "and":
            continue
        if w in _SMALL:
            current += _SMALL[w]
        elif w in _MULT:
            current = max(current, 1) * _MULT[w]
            if _MULT[w] >= 1000:
                total, current = total + current, 0
        else:
            return None
    return total + current


def _digits(m: re.Match[str]) -> str:
    words = re.split(r"[\s-]+", m.group(0).lower())
    if len(words) == 1 and words[0] in ("one", "a"):
        return m.group(0)  # "one of them" stays words
    n = _to_int(words)
    if n is None:
        return m.group(0)
    return f"{n:,}" if n >= 10000 else str(n)


def asr_text(text: str, rng: random.Random) -> str:
    t = _FILLER.sub(lambda m: m.group(1) if rng.random() < 0.8 else m.group(0), text)
    t = _STUTTER.sub(r"\1 ", t)
    t = _DASH.sub(" " if rng.random() < 0.5 else ", ", t).strip(" ,")
    if rng.random() < 0.7:
        t = _NUMBER.sub(_digits, t)
    words = t.split()
    out: list[str] = []
    for w in words:
        core = w.strip(",.!?").lower()
        r = rng.random()
        if core in CONFUSIONS and r < 0.06:
            rep = rng.choice(CONFUSIONS[core])
            w = w.lower().replace(core, rep, 1)
        elif len(core) <= 3 and r > 0.985:
            continue
        out.append(w)
    t = " ".join(out) or text
    t = t.replace("?", "." if rng.random() < 0.6 else "")
    t = re.sub(r"\s+([,.!])", r"\1", t)
    if rng.random() < 0.5:
        t = t.replace(",", "")
    if rng.random() < 0.25:
        t = t[:1].lower() + t[1:]
    t = re.sub(r"\.{2,}", ".", t).strip()
    return t or text


def asr_copy(call: CallDoc) -> CallDoc:
    """The call as tiny.en might write it; same lines, same labels."""
    rng = random.Random(zlib.crc32(call.id.encode()))
    lines = tuple(Line(ln.speaker, asr_text(ln.text, rng), ln.turn, ln.labels, ln.lineno) for ln in call.lines)
    return CallDoc(call.path, {**call.header, "id": call.id + "#asr"}, lines)
