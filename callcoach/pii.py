"""Finding personal data in a stream of recognised tokens: card numbers, e-mail addresses,
phone numbers and national-id-like numbers.

A recogniser writes the same number many ways: ``4111 1111 1111 1111``, ``4111-1111-…``,
``four one one one``, ``oh``, ``double five``, ``forty one``, spread over several words (and, in
:mod:`callcoach.redact`, over consecutive utterances of one speaker). So detection works on
tokens, not on one string: each token is normalised, digit tokens and spoken number words are
parsed into *pieces* (a piece is the digits of one written token, or of one spoken chunk such
as ``forty one`` or ``double five``), and each maximal run of pieces is classified:

========  =================================================================================
card      13-19 digits passing the Luhn check; or 12+ digits after card words ("card",
          "visa" ...), which catches a card number the recogniser got wrong; the security
          code (3-4 digits after "CVV", "security code", or "code" with card words around)
          and the expiry date (``12/27``, ``oh four twenty seven``, ``April 2027`` after
          "expires" / "expiration" with card words around or a card number just before).
          The last four digits alone ("the card ending 4242") are kept: card rules allow
          showing them, and a coach may need them to tell two cards apart
id        SSN-shaped (3-2-4 digits); 6+ digits after id words ("social security", "ssn",
          "passport", "id number" ...); a UK National Insurance number (``QQ 12 34 56 C``);
          any other run of 12+ digits, or of 9+ spoken digit by digit or written as one token
phone     7-15 digits that look like a phone number (a leading ``+``, 3-3-4 or 3-4 groups,
          one token with separators, spoken digit by digit) or follow phone words
email     ``name@domain.tld``, or spoken: ``john dot smith at acme dot com``
========  =================================================================================

Amounts, dates, times and counts keep their coaching value and are left alone: a token with a
currency sign, ``%``, thousands separators or a time's colon ends a run, dates (``3/4/2024``,
``2024-03-04``) and year ranges are not pieces, a run followed by a unit ("dollars", "people",
"minutes" ...) is a quantity, runs of years (``2023, 2024``) are years, and ``thousand`` or
``million`` are not digits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

LEADING_PUNCTUATION = "\"'([{<“‘«"
TRAILING_PUNCTUATION = ".,;:!?\"')]}>”’»…"

_UNITS = {"zero": 0, "oh": 0, "o": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
          "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_REPEAT = {"double": 2, "triple": 3}
_NUMBER_WORDS = set(_UNITS) | set(_TEENS) | set(_TENS) | set(_REPEAT) | {"hundred"}
#: Tokens that may sit inside a spoken or written number without ending it.
_FILLERS = {"uh", "um", "er", "erm", "ah", "hmm", "mm", "dash", "hyphen", "-", "–", "/", "space"}

_DIGIT_TOKEN = re.compile(r"^\+?[\d()./\-]*\d[\d()./\-]*$")
_NOT_PIECE = (
    re.compile(r"^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}$"),  # a date: 3/4/2024, 04.03.24
    re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$"),  # an ISO date
    re.compile(r"^(1[89]|20)\d\d[\-–/](1[89]|20)?\d\d$"),  # a year range: 2023-24
    re.compile(r"^\d{1,2}\.\d+$|^\d+\.\d{1,2}$"),  # a decimal: 3.5, 12.99
)
_YEAR = re.compile(r"^(19|20)\d\d$")
_EMAIL = re.compile(r"^[a-z0-9][\w.+\-]*@[a-z0-9\-]+(\.[a-z0-9\-]+)*\.[a-z]{2,24}$")
_DOMAIN = re.compile(r"^[a-z0-9\-]+(\.[a-z0-9\-]+)*\.[a-z]{2,24}$")
_LABEL = re.compile(r"^[a-z0-9][\w+\-]*(\.[\w+\-]+)*$")
_TLD = re.compile(r"^[a-z]{2,24}$")
_UK_NI = re.compile(r"^[A-Z]{2}\d{6}[A-D]$")

#: Words after a number that make it a quantity, not an identifier.
_QUANTITY_AFTER = {
    "dollars", "dollar", "bucks", "grand", "euros", "euro", "pounds", "cents", "k", "percent",
    "per", "people", "persons", "reps", "users", "seats", "licenses", "licences", "employees",
    "customers", "calls", "deals", "units", "times", "seconds", "minutes", "hours", "days",
    "weeks", "months", "years", "am", "pm", "a.m", "p.m", "o'clock", "thousand", "million",
    "billion", "hundred",
}
_CARD_WORDS = {"card", "visa", "mastercard", "amex", "credit", "debit", "cvv", "cc"}
#: Words that name a card's security code (with card words around it, a bare "code" does too).
_CODE_WORDS = {"cvv", "cvv2", "cvc", "cvc2", "csc", "cid"}
_EXPIRY_WORDS = {"expires", "expire", "expired", "expiring", "expiry", "expiration", "exp", "thru"}
_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_ID_WORDS = {"social", "ssn", "passport", "id", "identification", "license", "licence",
             "insurance", "nino", "tax", "tin", "itin", "ein", "account", "routing", "iban"}
_PHONE_WORDS = {"phone", "number", "cell", "mobile", "call", "reach", "text", "fax",
                "extension", "ext", "landline", "dial", "direct"}
#: Words that cannot be the local part of a spoken e-mail address ("reach me at ...").
_NOT_LOCAL = {"me", "us", "him", "her", "them", "you", "it", "is", "it's", "its", "email",
              "e-mail", "address", "mail", "be", "at", "look", "home", "work", "least", "all",
              "that", "this", "the", "a", "an", "and", "or", "to", "here", "there", "dot"}
_LOCAL_JOINERS = {"dot", "period", "underscore", "dash", "hyphen"}
#: How many tokens before a number are searched for words that say what it is.
CONTEXT_TOKENS = 12


@dataclass(frozen=True, slots=True)
class PiiSpan:
    """Tokens ``start`` (inclusive) to ``end`` (exclusive) of a stream hold personal data of
    ``kind`` (``card``, ``email``, ``phone`` or ``id``)."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class _Piece:
    """The digits of one written token or one spoken chunk, and the tokens it covers."""

    start: int
    end: int
    digits: str
    groups: tuple[int, ...]
    spoken: bool
    plus: bool = False


def normalise(token: str) -> str:
    """A token lower-cased, without the punctuation around it (``"(415)"`` -> ``"415"``)."""
    return token.strip().lstrip(LEADING_PUNCTUATION).rstrip(TRAILING_PUNCTUATION).lower()


def luhn_ok(digits: str) -> bool:
    """The Luhn checksum of payment card numbers."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def find_pii(tokens: Sequence[str], context: Sequence[str] = ()) -> list[PiiSpan]:
    """The spans of personal data in a stream of tokens.

    Args:
        tokens: the stream (recognised words, or whitespace-separated pieces of a text).
        context: the tokens said just before the stream (by anyone), whose words ("card",
            "social security", "phone") help to classify a number at its start.

    Returns:
        Non-overlapping spans in token order.
    """
    norms = [normalise(t) for t in tokens]
    before = [normalise(t) for t in context][-CONTEXT_TOKENS:]
    emails = _emails(norms)
    in_email = {i for span in emails for i in range(span.start, span.end)}
    # A token of an e-mail address is never part of a number: a card read out just before a
    # spoken address ("... 8888 at 4012 dot com") is still found whole, not dropped as overlapping.
    digits = [n if i not in in_email else "" for i, n in enumerate(norms)]
    found = emails + _uk_ni(tokens) + _numbers(digits, before)
    chosen: list[PiiSpan] = []
    taken: set[int] = set()
    for span in found:  # in priority order: e-mails, then NI numbers, then digit runs
        if not taken.intersection(range(span.start, span.end)):
            chosen.append(span)
            taken.update(range(span.start, span.end))
    return sorted(chosen, key=lambda s: s.start)


# ------------------------------------------------------------------------------------------
# E-mail addresses


def _emails(norms: list[str]) -> list[PiiSpan]:
    spans: list[PiiSpan] = []
    i = 0
    while i < len(norms):
        t = norms[i]
        end = None
        if _EMAIL.match(t.lstrip(".")):
            end = _domain_tail(norms, i + 1)
        elif "@" in t and t != "@":
            local, _, domain = t.partition("@")
            end = _domain_end(norms, i + 1, first=domain) if _is_local(local) else None
        elif t in ("at", "@") and i > 0 and _is_local(norms[i - 1]):
            end = _domain_end(norms, i + 1)
        if end is not None:
            spans.append(PiiSpan(_local_start(norms, i - 1 if t in ("at", "@") else i), end, "email"))
            i = end
        else:
            i += 1
    return spans


def _is_local(norm: str) -> bool:
    return norm not in _NOT_LOCAL and bool(_LABEL.match(norm.lstrip(".")))


def _local_start(norms: list[str], k: int) -> int:
    """Where the local part ending at token ``k`` starts: ``john dot smith``, ``john .smith``
    (a recogniser's way of writing "dot"), ``j o h n``."""
    while True:
        if norms[k].startswith(".") and k >= 1 and _is_local(norms[k - 1]):
            k -= 1
        elif k >= 2 and norms[k - 1] in _LOCAL_JOINERS and _is_local(norms[k - 2]):
            k -= 2
        else:
            break
    while k >= 1 and len(norms[k - 1]) == 1 and norms[k - 1].isalpha() and norms[k - 1] not in ("a", "i"):
        k -= 1
    return k


def _domain_end(norms: list[str], j: int, first: str = "") -> int | None:
    """The end of a domain starting at token ``j`` (or continuing ``first``, the text after an
    ``@`` in the previous token), or None when no domain with a top-level part follows."""
    if first:
        if _DOMAIN.match(first):
            return _domain_tail(norms, j)
        if not _LABEL.match(first):
            return None
    elif j < len(norms) and _DOMAIN.match(norms[j]):
        return _domain_tail(norms, j + 1)
    elif j < len(norms) and _LABEL.match(norms[j]) and norms[j] not in _NOT_LOCAL:
        j += 1
    else:
        return None
    end = _domain_tail(norms, j)
    return end if end > j else None


def _domain_tail(norms: list[str], j: int) -> int:
    """Past any ``dot label`` pairs (or ``.label`` tokens) that continue a domain at token ``j``."""
    while j < len(norms):
        if j + 1 < len(norms) and norms[j] in ("dot", ".") and _TLD.match(norms[j + 1]):
            j += 2
        elif norms[j].startswith(".") and _TLD.match(norms[j][1:]):  # "greenfield .com"
            j += 1
        else:
            break
    return j


# ------------------------------------------------------------------------------------------
# UK National Insurance numbers


def _compact(token: str) -> str:
    """A token's letters and digits, case kept; a spoken digit becomes the digit."""
    norm = normalise(token)
    if norm in _UNITS and norm != "o":
        return str(_UNITS[norm])
    return re.sub(r"[^A-Za-z0-9]", "", token)


def _uk_ni(tokens: Sequence[str]) -> list[PiiSpan]:
    """``QQ 12 34 56 C``, ``QQ123456C``, ``Q Q one two three four five six C``: the letters
    must be capitals as written, so "so 123456 a year" is not one."""
    spans: list[PiiSpan] = []
    compact = [_compact(t) for t in tokens]
    i = 0
    while i < len(tokens):
        text, hit = "", None
        for j in range(i, min(len(tokens), i + 10)):
            text += compact[j]
            if len(text) > 9:
                break
            if _UK_NI.match(text):
                hit = j + 1
                break
        if hit is not None and compact[i][:1].isalpha():
            spans.append(PiiSpan(i, hit, "id"))
            i = hit
        else:
            i += 1
    return spans


# ------------------------------------------------------------------------------------------
# Digit runs: cards, phone numbers, ids


def _numbers(norms: list[str], before: list[str]) -> list[PiiSpan]:
    spans: list[PiiSpan] = []
    for start, end in _runs(norms):
        pieces = _pieces(norms, start, end)
        if not pieces:
            continue
        context = set((before + norms)[max(0, len(before) + start - CONTEXT_TOKENS) : len(before) + start])
        if any(s.kind == "card" and s.end > start - CONTEXT_TOKENS for s in spans):
            context.add("card")  # "4012 8888 8888 1881, expires 12/27, code 123": the card was just read out
        after = norms[end] if end < len(norms) else ""
        month = _month_before(norms, start)
        if month is not None and _card_expiry(pieces, context, month=True):
            spans.append(PiiSpan(month, pieces[-1].end, "card"))  # "expires April twenty seven"
            continue
        spans.extend(_classify(pieces, context, after))
    return spans


def _month_before(norms: list[str], start: int) -> int | None:
    """The token of a month name just before token ``start`` ("April 27", "April of 2027")."""
    k = start - 1
    if k >= 1 and norms[k] == "of":
        k -= 1
    return k if k >= 0 and norms[k] in _MONTHS else None


def _card_expiry(pieces: list[_Piece], context: set[str], month: bool = False) -> bool:
    """A card's expiry date after expiry words, with card words around: ``12/27``, ``1227``,
    ``oh four twenty seven``, ``4/2027``; after a month name the year alone (``27``, ``2027``).
    A date with no card in sight ("the quote expires 6/30") keeps its coaching value."""
    if not (context & _EXPIRY_WORDS and context & _CARD_WORDS):
        return False
    digits = "".join(p.digits for p in pieces)
    if month:
        return len(digits) == 2 or (len(digits) == 4 and digits.startswith("20"))
    if len(digits) == 3:
        return digits[0] != "0"
    if len(digits) in (4, 6):
        return 1 <= int(digits[:2]) <= 12 and (len(digits) == 4 or digits[2:4] == "20")
    return False


def _security_code(n: int, context: set[str]) -> bool:
    """3 or 4 digits after "CVV", "security code" or, with card words around, "code"."""
    if n not in (3, 4):
        return False
    if context & _CODE_WORDS or {"security", "code"} <= context:
        return True  # a security code is a secret whatever it opens
    return "code" in context and bool(context & _CARD_WORDS)


def _is_number_token(norm: str) -> bool:
    if _DIGIT_TOKEN.match(norm):
        return not any(p.match(norm) for p in _NOT_PIECE)
    parts = norm.split("-")
    return all(p in _NUMBER_WORDS for p in parts) and norm not in ("o", "hundred", "double", "triple")


def _runs(norms: list[str]) -> list[tuple[int, int]]:
    """Maximal token ranges of number tokens (fillers allowed inside, not at the ends)."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(norms):
        if not _is_number_token(norms[i]):
            i += 1
            continue
        j = last = i
        while j < len(norms) and (_is_number_token(norms[j]) or norms[j] in _FILLERS or norms[j] in _NUMBER_WORDS):
            if _is_number_token(norms[j]) or norms[j] in _NUMBER_WORDS:
                last = j
            j += 1
        runs.append((i, last + 1))
        i = last + 1
    return runs


def _pieces(norms: list[str], start: int, end: int) -> list[_Piece]:
    """Parse tokens ``start:end`` into pieces; spoken words are parsed across tokens."""
    pieces: list[_Piece] = []
    words: list[tuple[str, int]] = []  # spoken words waiting to be parsed, with their token

    def flush() -> None:
        pieces.extend(_spoken(words))
        words.clear()

    for k in range(start, end):
        t = norms[k]
        if _DIGIT_TOKEN.match(t):
            flush()
            groups = tuple(len(g) for g in re.findall(r"\d+", t))
            pieces.append(_Piece(k, k + 1, re.sub(r"\D", "", t), groups, False, t.startswith("+")))
        elif t not in _FILLERS:
            words.extend((w, k) for w in t.split("-") if w)
    flush()
    return pieces


def _spoken(words: list[tuple[str, int]]) -> list[_Piece]:
    """Spoken chunks: ``four`` -> 4, ``double five`` -> 55, ``forty one`` -> 41, ``twelve``
    -> 12, ``five hundred fifty five`` -> 555, ``oh one hundred`` -> 0 and 100."""
    out: list[_Piece] = []
    i = 0
    while i < len(words):
        w, k = words[i]
        nxt = words[i + 1][0] if i + 1 < len(words) else ""
        if w in _REPEAT and nxt in _UNITS:
            digits, used = str(_UNITS[nxt]) * _REPEAT[w], 2
        elif w in _UNITS or w in _TEENS:
            value = _UNITS.get(w, _TEENS.get(w, 0))
            if nxt == "hundred":
                rest, used = _below_hundred(words, i + 2)
                digits = str(value * 100 + rest)
                used += 2
            else:
                digits, used = str(value), 1
        elif w in _TENS:
            unit = _UNITS.get(nxt, 0) if nxt not in ("oh", "o", "zero") else 0
            digits, used = str(_TENS[w] + unit), 2 if unit else 1
        else:
            i += 1
            continue
        last_token = words[i + used - 1][1]
        out.append(_Piece(k, last_token + 1, digits, (len(digits),), True))
        i += used
    return out


def _below_hundred(words: list[tuple[str, int]], i: int) -> tuple[int, int]:
    """The value and word count of a number below 100 at ``words[i]`` (0, 0 if none)."""
    w = words[i][0] if i < len(words) else ""
    if w in _TEENS:
        return _TEENS[w], 1
    if w in _TENS:
        nxt = words[i + 1][0] if i + 1 < len(words) else ""
        unit = _UNITS[nxt] if nxt in _UNITS and nxt not in ("oh", "o", "zero") else 0
        return _TENS[w] + unit, 2 if unit else 1
    if w in _UNITS and w not in ("oh", "o", "zero"):
        return _UNITS[w], 1
    return 0, 0


def _classify(pieces: list[_Piece], context: set[str], after: str) -> list[PiiSpan]:
    """What a run of pieces is; a card inside a longer run is cut out, the rest classified."""
    if not pieces:
        return []
    card = _luhn_window(pieces)
    if card is not None:
        i, j = card
        span = PiiSpan(pieces[i].start, pieces[j - 1].end, "card")
        return _classify(pieces[:i], context, "") + [span] + _classify(pieces[j:], context, after)
    kind = _kind(pieces, sum(len(p.digits) for p in pieces), context, after)
    return [PiiSpan(pieces[0].start, pieces[-1].end, kind)] if kind else []


def _luhn_window(pieces: list[_Piece]) -> tuple[int, int] | None:
    """The longest run of whole pieces with 13-19 digits that passes the Luhn check."""
    best: tuple[int, int] | None = None
    for i in range(len(pieces)):
        total = 0
        for j in range(i, len(pieces)):
            total += len(pieces[j].digits)
            if total > 19:
                break
            if total >= 13 and luhn_ok("".join(p.digits for p in pieces[i : j + 1])):
                if best is None or j + 1 - i > best[1] - best[0]:
                    best = (i, j + 1)
    return best


def _kind(pieces: list[_Piece], n: int, context: set[str], after: str) -> str | None:
    """The kind of a run of ``n`` digits that is not a Luhn-valid card, or None."""
    if after in _QUANTITY_AFTER:
        return None  # "1200 400 seats"
    if _security_code(n, context) or _card_expiry(pieces, context):
        return "card"  # what a card payment reads out with the number
    if all(_YEAR.match(p.digits) for p in pieces):
        return None  # "the tax years 2024, 2025"
    groups = tuple(g for p in pieces for g in p.groups)
    single_digits = sum(1 for p in pieces if p.spoken and len(p.digits) == 1)
    spoken_digits = single_digits >= 4 and single_digits * 2 >= len(pieces)
    if context & _CARD_WORDS and n >= 12:  # a card number the recogniser got wrong
        return "card"
    if groups == (3, 2, 4) or (context & _ID_WORDS and n >= 6):
        return "id"
    if 7 <= n <= 15 and (context & _PHONE_WORDS or spoken_digits or _phone_shaped(pieces, groups, n)):
        return "phone"
    if 10 <= n <= 15 and len(pieces) >= 3 and all(p.spoken for p in pieces):
        return "phone"  # "four fifteen, five fifty five, oh one hundred"
    one_token = len(pieces) == 1 and not pieces[0].spoken
    if n >= 12 or (n >= 9 and (one_token or spoken_digits)):
        return "id"
    return None


def _phone_shaped(pieces: list[_Piece], groups: tuple[int, ...], n: int) -> bool:
    if pieces[0].plus:
        return True
    if groups in ((3, 3, 4), (1, 3, 3, 4), (3, 4), (3, 7), (1, 3, 7), (1, 10)):
        return True
    token = pieces[0] if len(pieces) == 1 and not pieces[0].spoken else None
    return token is not None and (len(token.groups) > 1 or n in (10, 11))
