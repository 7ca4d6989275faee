"""Finding personal data in a stream of recognised tokens: payment card data (number, security
code, expiry date), bank details (IBAN, account number, routing number or sort code), dates of
birth, street addresses, person names, e-mail addresses, phone numbers and national ids.

A recogniser writes the same number many ways: ``4111 1111 1111 1111``, ``4111-1111-…``,
``four one one one``, ``oh``, ``double five``, ``forty one``, spread over several words (and, in
:mod:`callcoach.redact`, over utterances of one speaker while the other says "go ahead"). So
detection works on tokens, not on one string: each token is normalised, digit tokens and spoken
number words are parsed into *pieces* (a piece is the digits of one written token, or of one
spoken chunk such as ``forty one`` or ``double five``), and each maximal run of pieces is
classified by its digits and by the words said before it (by either party, over the previous
turns):

========  =================  ==================================================================
entity    placeholder        what is found
========  =================  ==================================================================
card      ``[CARD]``         13-19 digits passing the Luhn check; or 12+ digits after card words
                             ("card", "visa" ...), a card number the recogniser got wrong. The
                             last four digits alone ("the card ending 4242") are kept: card rules
                             allow showing them, and a coach may need them to tell cards apart
cvv       ``[CVV]``          3-4 digits after "CVV", "CVC", "CID", "security code", or, with a
                             card in the conversation, "code", "the three digits on the back",
                             "four-digit code on the front", "PIN". Never kept (PCI DSS): redacted
                             whenever redaction is on, whatever the entity list
expiry    ``[EXPIRY]``       after expiry words ("expires", "exp", "good thru", "valid through")
                             with a card in the conversation: ``09/28``, ``9/2028``, ``0928``,
                             "oh nine slash twenty eight", "September twenty-eight", "end of 2027"
iban      ``[IBAN]``         country code, check digits and account, mod-97 checksum valid,
                             grouped (``GB82 WEST 1234 5698 7654 32``), in one token or spoken
account   ``[ACCOUNT]``      6+ digits after account words ("account", "acct", "checking" ...)
routing   ``[ROUTING]``      9 digits after routing words ("routing", "ABA", "transit"), or
                             passing the ABA checksum after bank words; a UK sort code
                             (``20-41-90``, "twenty forty-one ninety") after "sort code"
dob       ``[DOB]``          a date after birth words ("born", "date of birth", "DOB",
                             "birthday"): ``03/03/1982``, "the third of March eighty-two",
                             "March 3rd, 1982", "oh three oh three eighty two", "born in 1982"
address   ``[ADDRESS]``      house number + street name + street suffix ("221B Baker Street"),
                             with apartment/unit, city, state, ZIP or postcode after it; a UK
                             postcode; a US ZIP after a state or "zip"; European streets and
                             postal codes, spelled UK postcodes, Eircodes (see
                             :mod:`callcoach.pii_words`); optionally places found by spaCy's NER
                             after address words (see :mod:`callcoach.redact`)
person    ``[NAME]``         after "my name is", "this is X from", "I'm X", "Mr/Ms/Dr",
                             "speaking with", a name spelled out ("S-M-I-T-H") after name or
                             spell words; optionally spaCy's PERSON entities, less labels, brands
                             and companies (:func:`callcoach.pii_words.real_names`)
email     ``[EMAIL]``        ``name@domain.tld``, or spoken: ``john dot smith at acme dot com``
phone     ``[PHONE]``        7-15 digits that look like a phone number (a leading ``+``, 3-3-4 or
                             3-4 groups, one token with separators, spoken digit by digit) or
                             follow phone words
id        ``[ID]``           SSN-shaped (3-2-4 digits); 6+ digits after id words ("social
                             security", "ssn", "passport", "id number", "DNI", "BSN" ...), or 6-18
                             letters and digits (``MORGA 753116 SM9IJ``); a UK National
                             Insurance number (``QQ 12 34 56 C``); any other run of 12+ digits,
                             or of 9+ spoken digit by digit or written as one token
========  =================  ==================================================================

Amounts, dates, times and counts keep their coaching value and are left alone: a token with a
currency sign, ``%``, thousands separators or a time's colon ends a run, dates (``3/4/2024``,
``2024-03-04``) and year ranges are not pieces (a date is a date of birth only after birth
words, an expiry date only after expiry words with a card in sight), a run followed by a unit
("dollars", "people", "minutes" ...) is a quantity, runs of years (``2023, 2024``) are years,
and ``thousand`` or ``million`` are not digits.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

LEADING_PUNCTUATION = "\"'([{<“‘«"
TRAILING_PUNCTUATION = ".,;:!?\"')]}>”’»…"

#: Every entity that can be redacted, in the order the docs list them.
ENTITIES = ("card", "cvv", "expiry", "iban", "account", "routing", "dob", "address", "person", "email", "phone", "id")
#: What ``--redact`` takes out without an entity list: payment card data, bank details, contact
#: details and national ids (not dates of birth, addresses or names, which need context to tell
#: from a meeting date, an office or a product).
DEFAULT_ENTITIES = frozenset(("card", "cvv", "expiry", "iban", "account", "routing", "email", "phone", "id"))
#: Always redacted when redaction is on: card security data must never be stored (PCI DSS 3.3).
ALWAYS = frozenset(("cvv",))

_UNITS = {"zero": 0, "oh": 0, "o": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
          "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_REPEAT = {"double": 2, "triple": 3}
_NUMBER_WORDS = set(_UNITS) | set(_TEENS) | set(_TENS) | set(_REPEAT) | {"hundred"}
#: Tokens that may sit inside a spoken or written number without ending it.
_FILLERS = {"uh", "um", "er", "erm", "ah", "hmm", "mm", "dash", "hyphen", "-", "–", "/", "space", "slash", ""}
#: Words that may start an utterance that goes on with a number read out in pieces
#: ("... 1, 2, 5, 6," - "go ahead" - "and 7, 2, double 9." - "and last 1, 1, double 7, 8.").
_CONNECTORS = {"and", "then", "last", "lastly", "finally", "next", "the", "rest", "is", "it's", "okay", "ok", "so",
               "followed", "by", "after", "that"}

_DIGIT_TOKEN = re.compile(r"^\+?[\d()./\-]*\d[\d()./\-]*$")
_NOT_PIECE = (
    re.compile(r"^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$|^\d{1,2}-\d{1,2}-\d{4}$|^\d-\d{1,2}-\d{2}$|^\d{2}-\d-\d{2}$"),  # 3/4/2024
    re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$"),  # an ISO date
    re.compile(r"^(1[89]|20)\d\d[\-–/](1[89]|20)?\d\d$"),  # a year range: 2023-24
    re.compile(r"^\d{1,2}\.\d+$|^\d+\.\d{1,2}$"),  # a decimal: 3.5, 12.99
)
_DATE_TOKEN = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$|^(\d{4})-(\d{1,2})-(\d{1,2})$")
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
    # things counted: "43 tablets", "2 nights", "3 adults"
    "tablets", "pills", "capsules", "doses", "items", "boxes", "packs", "bags", "pieces", "nights", "rooms",
    "adults", "children", "kids", "guests", "passengers", "tickets", "gigs", "gb", "mb", "kg", "miles", "km",
}
_CARD_WORDS = {"card", "visa", "mastercard", "amex", "credit", "debit", "cvv", "cc", "discover"}
#: Words that name a card's security code (with card words around it, a bare "code" does too).
_CODE_WORDS = {"cvv", "cvv2", "cvc", "cvc2", "csc", "cid", "cvn", "cav2", "cvd"}
#: "code" after one of these is another code: "area code", "promo code", "sort code".
_OTHER_CODES = {"area", "zip", "postal", "post", "postcode", "promo", "promotional", "discount", "coupon", "sort",
                "country", "dialing", "dialling", "referral", "access", "voucher", "gift", "tracking", "confirmation",
                "reference", "order", "booking", "product", "tax", "swift", "bic", "bank", "routing", "branch"}
_EXPIRY_WORDS = {"expires", "expire", "expired", "expiring", "expiry", "expiration", "exp", "thru"}
_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}
_ORDINAL_TOKEN = re.compile(r"^([12]?\d|3[01])(st|nd|rd|th)$")
_ID_WORDS = {"social", "ssn", "passport", "id", "identification", "license", "licence",
             "insurance", "nino", "tax", "tin", "itin", "ein", "member", "medicare", "nhs",
             # national ids in Europe: "NI number", DNI/NIE/NIF, BSN, PPS, "carta d'identità",
             # "carte d'identité", "Personalausweis", "codice fiscale"; a driving licence
             "ni", "dni", "nie", "nif", "bsn", "burgerservicenummer", "pps", "ppsn", "identity", "identité",
             "d'identité", "identità", "d'identità", "identidad", "identiteitskaart", "identiteitsbewijs",
             "personalausweis", "ausweis", "ausweisnummer", "fiscale", "steuer", "steuernummer", "permis",
             "driver's", "drivers", "driving", "sozialversicherungsnummer", "versicherungsnummer", "svnr", "ahv",
             "pesel", "personnummer", "cpr", "amka", "insee", "nir", "sécurité", "securite", "rijksregisternummer",
             "rijksregister", "codice", "nss", "naf", "cf",
             # Australia's tax file number, Canada's social insurance number
             "tfn", "sin"}
#: Words that say which kind of number follows; the nearest one before a number decides.
_CUES = {
    **{w: "id" for w in _ID_WORDS},
    "account": "account", "acct": "account", "checking": "account", "savings": "account", "a/c": "account",
    "routing": "routing", "aba": "routing", "transit": "routing", "rtn": "routing", "bsb": "routing",
    "institution": "routing",
    "sort": "sort", "iban": "iban", "zip": "zip", "zipcode": "zip", "postcode": "zip",
    **{w: "ref" for w in ("order", "invoice", "reference", "ref", "confirmation", "booking", "ticket", "case",
                          "tracking", "po", "quote", "reservation", "item", "sku", "model", "part", "serial", "claim",
                          "incident", "complaint", "rma", "shipment", "parcel", "job", "appointment",
                          # an insurer's, a club's, a shop's or an employer's own number: not personal data
                          "policy", "membership", "transaction", "employee")},
    "born": "dob", "birth": "dob", "birthday": "dob", "dob": "dob", "d.o.b": "dob", "birthdate": "dob",
}
_BANK_WORDS = {"bank", "banking", "ach", "wire", "deposit", "checking", "savings", "routing", "aba", "check", "cheque"}
_PHONE_WORDS = {"phone", "number", "cell", "mobile", "call", "reach", "text", "fax",
                "extension", "ext", "landline", "dial", "direct", "callback", "telephone", "tel", "cellphone",
                "whatsapp", "line", "mob", "ring", "contact", "reachable"}
#: Words that cannot be the local part of a spoken e-mail address ("reach me at ...").
_NOT_LOCAL = {"me", "us", "him", "her", "them", "you", "it", "is", "it's", "its", "email",
              "e-mail", "address", "mail", "be", "at", "look", "home", "work", "least", "all",
              "that", "this", "the", "a", "an", "and", "or", "to", "here", "there", "dot"}
_LOCAL_JOINERS = {"dot", "period", "underscore", "dash", "hyphen", "-", "–"}
#: Words before digits said ahead of "at" that are not the start of an e-mail's local part
#: ("it's seven three at ..." has no name before the digits).
_NOT_LOCAL_WORDS = {"sure", "okay", "ok", "yes", "yeah", "yep", "so", "um", "uh", "er", "well", "right", "just",
                    "was", "are", "on", "in", "for", "of", "with", "number", "box", "room", "floor", "until",
                    "from", "by", "about", "around", "after", "before", "till", "like", "maybe", "or", "and", "then"}
#: How many tokens before a number are searched for words that say what it is.
CONTEXT_TOKENS = 12
#: How many tokens before are searched for a card in the conversation (a few turns).
FAR_CONTEXT_TOKENS = 80
#: IBAN lengths by country (ISO 13616 registry); other two-letter codes take 15-34 characters.
_IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29, "CH": 21,
    "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18,
    "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23,
    "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27,
    "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29,
    "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "TN": 24, "TR": 26,
    "UA": 29, "VG": 24, "XK": 20, "BI": 27, "BY": 28, "DJ": 27, "FK": 18, "HN": 28, "IQ": 23, "LC": 32, "LY": 25,
    "MN": 20, "NI": 28, "OM": 23, "RU": 33, "SC": 31, "SD": 18, "SO": 23, "ST": 25, "SV": 28, "TL": 23, "VA": 22,
    "YE": 30,
}
#: The longest letter group an IBAN holds after its country code (a bank code: WEST, ABNA, AIBK).
_IBAN_MAX_LETTERS = 4


@dataclass(frozen=True, slots=True)
class PiiSpan:
    """Tokens ``start`` (inclusive) to ``end`` (exclusive) of a stream hold personal data of
    ``kind`` (one of :data:`ENTITIES`); ``note`` is ``"self"`` for a name a speaker gave as
    their own ("my name is ...", "this is ... from ...")."""

    start: int
    end: int
    kind: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class _Piece:
    """The digits of one written token or one spoken chunk, and the tokens it covers."""

    start: int
    end: int
    digits: str
    groups: tuple[int, ...]
    spoken: bool
    plus: bool = False


@dataclass(frozen=True, slots=True)
class _Context:
    """The words said before a number: the last :data:`CONTEXT_TOKENS` (in order, hyphenated
    words split) and whether a card is in the conversation."""

    near: tuple[str, ...]
    card_near: bool
    card_far: bool
    dob: bool = False
    #: Which of the card's expiry date and security code, both asked for, is still to come
    #: ("expiry" or "cvv"; "" when not both were asked).
    next_card: str = ""

    @property
    def words(self) -> set[str]:
        return set(self.near)


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


def aba_ok(digits: str) -> bool:
    """The checksum of a 9-digit US routing (ABA) number."""
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    d = [int(c) for c in digits]
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])) % 10 == 0


def iban_ok(text: str) -> bool:
    """``text`` (letters and digits, upper case) is an IBAN: known length, mod-97 check."""
    if not re.fullmatch(r"[A-Z]{2}\d\d[A-Z0-9]{11,30}", text):
        return False
    if len(text) != _IBAN_LENGTHS.get(text[:2], 0):
        return False
    moved = text[4:] + text[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def find_pii(
    tokens: Sequence[str],
    context: Sequence[str] = (),
    entities: frozenset[str] | set[str] | None = None,
    breaks: Mapping[int, Sequence[str]] | None = None,
    extra: Sequence[PiiSpan] = (),
) -> list[PiiSpan]:
    """The spans of personal data in a stream of tokens.

    Args:
        tokens: the stream (recognised words, or whitespace-separated pieces of a text).
        context: the tokens said just before the stream (by anyone), whose words ("card",
            "social security", "phone") help to classify a number at its start.
        entities: the kinds to find (default :data:`DEFAULT_ENTITIES`; ``cvv`` always).
        breaks: stream positions where a new utterance starts, each with the other party's
            tokens said in between ("go ahead"): a number may go on across them, and their
            words are context.
        extra: spans found elsewhere (a named-entity recogniser's ``person``, and ``place``
            spans that count as an address only after address words or beside an address).

    Returns:
        Non-overlapping spans in token order.
    """
    wanted = (DEFAULT_ENTITIES if entities is None else frozenset(entities)) | ALWAYS
    raw = list(tokens)
    norms = [normalise(t) for t in raw]
    before = [normalise(t) for t in context][-FAR_CONTEXT_TOKENS:]
    timeline, pos = _timeline(norms, before, breaks or {})
    emails = _emails(norms) if "email" in wanted else []
    in_email = {i for span in emails for i in range(span.start, span.end)}
    # A token of an e-mail address is never part of a number: a card read out just before a
    # spoken address ("... 8888 at 4012 dot com") is still found whole, not dropped as overlapping.
    digits = [n if i not in in_email else "\x00" for i, n in enumerate(norms)]
    bridges = _bridges(breaks or {})
    found = emails + _uk_ni(raw) + _ibans(raw, in_email, bridges) + _alnum_ids(raw, norms, timeline, pos, bridges)
    births = _dates(digits, timeline, pos)
    found += births
    found += _expiry_phrases(digits, timeline, pos)
    places: list[PiiSpan] = []
    if "address" in wanted:
        from callcoach.pii_words import addresses

        # before the digit runs: "Keizersgracht 120, 1015 CW" is a house number and a postcode,
        # not a phone number
        places = addresses(raw, norms, timeline, pos)
        found += places
    found += _numbers(digits, timeline, pos, breaks or {}, [pos[b.end] for b in births])
    if wanted & {"address", "person"}:
        from callcoach.pii_words import persons, real_names

        if "address" in wanted:
            found += _places(extra, places, timeline, pos)
        if "person" in wanted:
            named = persons(raw, norms, timeline, pos) + [s for s in extra if s.kind == "person"]
            found += real_names(named, raw, norms)
    chosen: list[PiiSpan] = []
    taken: set[int] = set()
    for span in found:  # in priority order; a later span keeps only its tokens not yet taken
        if span.kind not in wanted:
            continue
        for a, b in _free(span, taken):
            chosen.append(PiiSpan(a, b, span.kind, span.note))
            taken.update(range(a, b))
    return sorted(chosen, key=lambda s: s.start)


def _bridges(breaks: Mapping[int, Sequence[str]]) -> set[int]:
    """The breaks a number may go on across: the other party said nothing that asks for
    another number ("go ahead", "uh-huh"; not "and the CVV?")."""
    asking = ((set(_CUES) - _WEAK_REFS) | _CODE_WORDS | _EXPIRY_WORDS | _CARD_WORDS
              | {"code", "security", "digits", "expire", "date", "phone", "mobile", "cell", "telephone", "landline",
                 "cellphone", "email", "e-mail", "birth", "born", "birthday", "dob"})
    asking |= {"valid", "until", "till", "thru", "through", "month", "year", "ending", "expiring"}
    return {i for i, words in breaks.items() if not {w for t in words for w in _split(normalise(t))} & asking}


def _free(span: PiiSpan, taken: set[int]) -> list[tuple[int, int]]:
    """The maximal ranges of ``span``'s tokens not in ``taken``."""
    out: list[tuple[int, int]] = []
    for i in range(span.start, span.end):
        if i in taken:
            continue
        if out and out[-1][1] == i:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def _timeline(norms: list[str], before: list[str], breaks: Mapping[int, Sequence[str]]) -> tuple[list[str], list[int]]:
    """Everything said, in order: the context, the stream and the other party's words at its
    breaks (hyphenated words split); and where each stream token is in it."""
    timeline = [w for t in before for w in _split(t)]
    pos: list[int] = []
    for i, n in enumerate(norms):
        for t in breaks.get(i, ()):
            timeline.extend(_split(normalise(t)))
        pos.append(len(timeline))
        timeline.extend(_split(n) or [""])
    pos.append(len(timeline))
    return timeline, pos


def _split(norm: str) -> list[str]:
    return [w for w in norm.split("-") if w] if "-" in norm and not norm[:1].isdigit() else ([norm] if norm else [])


def _context(timeline: list[str], pos: list[int], start: int, card_before: bool = False) -> _Context:
    at = pos[start]
    near = tuple(_possessive(w) for w in timeline[max(0, at - CONTEXT_TOKENS) : at])  # "phone's", "account's"
    card_near = card_before or bool(set(near) & _CARD_WORDS)
    card_far = card_near or card_in(timeline[max(0, at - FAR_CONTEXT_TOKENS) : at])
    return _Context(near, card_near, card_far)


def card_in(words: Sequence[str]) -> bool:
    """A card is in the conversation: named ("card", "Visa", "CVV" ...), or its number read out
    (:func:`_card_shaped`) after a question that did not name it ("read me the long number on
    the front")."""
    if set(words) & _CARD_WORDS:
        return True
    runs = number_digits(words)
    if any(_card_shaped(d) for _, _, d in runs):
        return True
    # read with a pause: "two oh one seven, wait, let me grab it, nine three nine three"
    return any(a2 - b1 <= CARD_PAUSE_TOKENS and len(d1) >= 8 and _card_shaped(d1 + d2)
               for (_, b1, d1), (a2, _, d2) in itertools.pairwise(runs))


def _card_shaped(digits: str) -> bool:
    """Digits a card number has when nothing says it is one: 14-16 of them, the first those of
    the card networks (2-6; a phone number starts with 0 or 1 more often), passing Luhn."""
    return 14 <= len(digits) <= 16 and digits[0] in "23456" and luhn_ok(digits)


def _cue(near: Sequence[str]) -> str | None:
    """The kind named by the nearest cue word before a number ("account", "routing", "sort
    code", "born" ...), or None; an order or booking word only where no other cue is near
    ("the passport number for the booking" asks for a passport)."""
    # "your account reference is ...": the company's reference, not a bank account
    near = [w for k, w in enumerate(near) if not (w == "account" and tuple(near[k + 1 : k + 2]) in (("reference",), ("ref",)))]
    kind = _nearest_cue(near)
    if kind == "ref":
        # right before the number, the reference word names it: "I've opened claim TKT-3385",
        # "the claim as INC5157442", "ticket number 4471"
        named = any(_CUES.get(w) == "ref" and w not in _WEAK_REFS for w in near[-3:])
        if named and not any(_CUES.get(w) not in (None, "ref") for w in near[-7:]):
            return kind
        other = _nearest_cue([w for w in near if _CUES.get(w) != "ref"])
        return other or kind
    return kind


#: Words after "case" that make it "in case ...", not a case number: "in case we get cut off".
_NOT_CASE_NEXT = {"we", "you", "i", "it", "they", "he", "she", "of", "there", "the", "anything", "something",
                  "that", "this", "your", "my", "our", "i'm", "you're", "we're", "it's", "something's", "anyone"}
#: Order and booking words that name a number only with "number" after them.
_WEAK_REFS = {"part", "item", "model", "job", "appointment", "parcel", "shipment", "quote", "confirmation"}


def _nearest_cue(near: Sequence[str]) -> str | None:
    for k in range(len(near) - 1, -1, -1):
        w = near[k]
        kind = _CUES.get(w)
        if kind is not None and "not" in near[max(0, k - 5) : k]:
            continue  # "it's not the same as your ID": the number asked for is another one
        if kind == "account" and near[k + 1 : k + 2] in (("reference",), ("ref",)):
            return "ref"  # "your account reference is ...": the company's reference, not a bank account
        if kind == "sort" and (k + 1 >= len(near) or near[k + 1] != "code"):
            continue
        if w in _WEAK_REFS and (k + 1 >= len(near) or near[k + 1] not in ("number", "no", "#", "id", "ref", "reference")):
            continue  # "ready for the next part", "the item", not "part number"
        if w == "case" and (k and near[k - 1] in ("in", "just") or near[k + 1 : k + 2] and near[k + 1] in _NOT_CASE_NEXT):
            continue  # "a callback number in case we get cut off" (the "in" may be out of the window)
        if w == "date" and k + 2 < len(near) and near[k + 1] == "of" and near[k + 2] == "birth":
            return "dob"
        if kind is not None:
            return kind
    return None


def _places(extra: Sequence[PiiSpan], addresses: list[PiiSpan], timeline: list[str], pos: list[int]) -> list[PiiSpan]:
    """Places a recogniser found that are part of someone's address: after address words
    ("I live in", "ship it to", "my address is") or right beside an address found by pattern."""
    from callcoach.pii_words import ADDRESS_CUES

    out: list[PiiSpan] = []
    for s in extra:
        if s.kind != "place":
            continue
        near = set(timeline[max(0, pos[s.start] - 3) : pos[s.start]])
        beside = any(a.start - 3 <= s.end and s.start <= a.end + 3 for a in addresses)
        if beside or near & ADDRESS_CUES:
            out.append(PiiSpan(s.start, s.end, "address"))
    return out


# ------------------------------------------------------------------------------------------
# E-mail addresses


_SPELLED_OUT = re.compile(r"^[a-z](-[a-z]){2,}$")


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
        elif t in ("at", "@") and i > 1 and _SPELLED_OUT.match(norms[i - 1]) and _is_local(norms[i - 2]):
            end = _domain_end(norms, i + 1)  # "william dot hall, H-A-L-L, at ...": skip the spelling
            if end is not None:
                spans.append(PiiSpan(_local_start(norms, i - 2), end, "email"))
                i = end
                continue
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
    (a recogniser's way of writing "dot"), ``j o h n``, ``priya underscore shah 88``."""
    while True:
        while True:
            if norms[k].startswith(".") and k >= 1 and _is_local(norms[k - 1]):
                k -= 1
            elif k >= 2 and norms[k - 1] in _LOCAL_JOINERS and _is_local(norms[k - 2]):
                k -= 2
            else:
                break
        k0 = k
        while k >= 1 and len(norms[k - 1]) == 1 and norms[k - 1].isalpha() and norms[k - 1] not in ("a", "i"):
            k -= 1
        if k == k0 - 1 and _is_number_word(norms[k0].split("-")[0]) and k >= 1 and _name_word(norms[k - 1]):
            k -= 1  # "okafor j seven at ...": a name, an initial, then digits
        if k >= 1 and _spells(norms[k], norms[k - 1]):
            k -= 1  # "navarro, N-A-V-A-R-R-O, eighty-eight at ...": the name before its spelling
            continue
        before = _name_before_digits(norms, k)
        if before is None:
            return k
        k = before
        if len(norms[k]) == 1 and k >= 1 and _name_word(norms[k - 1]):
            k -= 1  # "okafor j seven at ...": a name, an initial, then digits


def _spells(spelled: str, word: str) -> bool:
    """``spelled`` ("N-A-V-A-R-R-O") spells out ``word`` ("navarro") letter by letter."""
    return bool(_SPELLED_OUT.match(spelled)) and spelled.replace("-", "") == re.sub(r"[^a-z]", "", word)


def _name_word(norm: str) -> bool:
    """A word that can start an e-mail's local part before an initial: a name, or a name
    spelled out ("B-E-V-A-N")."""
    if _SPELLED_OUT.match(norm):
        return True
    return (len(norm) >= 2 and _is_local(norm) and norm.isalpha() and norm not in _NOT_LOCAL_WORDS
            and not _is_number_word(norm))


def _name_before_digits(norms: list[str], k: int) -> int | None:
    """Digits said after the name: "jamal whitman seven three at ...", "jwhitman 7 3 at ...":
    where the name before the digits ending at token ``k`` is, or None."""
    m = k
    while m >= 1 and (norms[m] in _UNITS or norms[m] in _TEENS or norms[m] in _TENS or norms[m].isdigit()
                      or all(p in _TENS or p in _UNITS for p in norms[m].split("-") if p) and "-" in norms[m]
                      or (norms[m] in _UNITS and norms[m - 1] in _REPEAT)):
        if norms[m - 1] in _REPEAT:
            m -= 1
        if m >= 1 and _is_local(norms[m - 1]) and not _is_number_word(norms[m - 1]) and norms[m - 1] not in _NOT_LOCAL_WORDS:
            return m - 1
        if m >= 1 and (_is_number_word(norms[m - 1]) or "-" in norms[m - 1] and all(
                p in _TENS or p in _UNITS for p in norms[m - 1].split("-") if p)):
            m -= 1
            continue
        break
    return None


def _is_number_word(norm: str) -> bool:
    return norm in _UNITS or norm in _TEENS or norm in _TENS or norm in _REPEAT or norm.isdigit()


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
# Ids of letters and digits


def _alnum_ids(tokens: Sequence[str], norms: list[str], timeline: list[str], pos: list[int],
               bridges: set[int] = frozenset()) -> list[PiiSpan]:
    """Passport, licence, national id and member numbers of letters and digits after id words:
    ``HN8LC7M3R``, ``S-3517645``, "U N, one three double nine five three, D", "Y as in
    yankee, six zero ...", ``TNWRL9YVF``, a UK driving licence ``MORGA 753116 SM9IJ`` (groups of
    capitals count): 6-18 characters, at least one letter and one digit. An id read in pieces
    goes on across ``bridges`` (the other party's "got it" between two turns: "C A..." -
    "Yep." - "Then four one one five six, B A."); a recogniser's lower-case letters count
    inside one ("nx 4 7 ts")."""
    spans: list[PiiSpan] = []
    spelled = _spelling_runs(norms)
    i = 0
    while i < len(tokens):
        near = timeline[max(0, pos[i] - CONTEXT_TOKENS) : pos[i]]
        cue = _cue(near)
        # "the NIE and the date of birth?": letters and digits are the id asked for, not the date
        asked = cue == "id" or (cue == "dob" and any(_CUES.get(w) == "id" for w in near))
        lower_start = (bool(_lower_id_letters(tokens[i])) and i + 1 < len(tokens)
                       and any(c.isdigit() for c in _id_char(norms[i + 1], tokens[i + 1], True, spelled, i + 1)))
        if not (_id_char(norms[i], tokens[i], True, spelled, i) or lower_start) or not asked:
            i += 1
            continue
        j, parts = i, []  # (last token, characters) of each part read
        skipped: set[int] = set()
        while j < len(tokens):
            if parts and j in bridges:
                while j < len(tokens) and norms[j] in _IBAN_SKIP:
                    skipped.add(j)  # "Then ...", "Okay, and ...": not part of the id
                    j += 1
                if j >= len(tokens):
                    break
            if norms[j] == "as" and j + 2 < len(tokens) and norms[j + 1] == "in" and parts:
                parts.append((j + 2, ""))  # "Y as in yankee": the word spelling the letter is part of the id
                j += 3
                continue
            if norms[j] in _REPEAT and j + 1 < len(tokens) and (norms[j + 1] in _UNITS or re.fullmatch(r"\d", norms[j + 1])):
                digit = norms[j + 1] if norms[j + 1].isdigit() else str(_UNITS[norms[j + 1]])
                parts.append((j + 1, digit * _REPEAT[norms[j]]))  # "double nine", "double 9"
                j += 2
            else:
                part = _id_char(norms[j], tokens[j], True, spelled, j) or (_lower_id_letters(tokens[j]) if parts or j == i else "")
                if not part:
                    break
                parts.append((j, part))
                j += 1
            if tokens[parts[-1][0]].rstrip()[-1:] in ".?!" and parts[-1][0] + 1 not in bridges:
                break  # the end of a sentence ends the id, unless the other party only said "got it"
        # a group of 3+ capitals alone does not end an id ("... LE9WZ. THANKS"); two letters may ("... 8 WZ")
        while parts and parts[-1][1].isalpha() and len(parts[-1][1]) > 2:
            parts.pop()
        text = "".join(p for _, p in parts)
        while len(text) > 18:
            parts.pop()
            text = "".join(p for _, p in parts)
        letters, digits = sum(c.isalpha() for c in text), sum(c.isdigit() for c in text)
        if 6 <= len(text) <= 18 and letters and digits:
            last = parts[-1][0]
            spans.extend(PiiSpan(a, b, "id") for a, b in _free(PiiSpan(i, last + 1, "id"), skipped))
            i = last + 1
        else:
            i += 1
    return spans


def id_chars(tokens: Sequence[str]) -> list[str]:
    """The characters each token adds to an id read out (:func:`_id_char`, lower-case letters
    too, "double 9" as "99"; "" for a word): for telling that a read-back says the same id."""
    norms = [normalise(t) for t in tokens]
    spelled = _spelling_runs(norms)
    out = []
    for j, (t, n) in enumerate(zip(tokens, norms, strict=True)):
        if n in _REPEAT and j + 1 < len(norms) and (norms[j + 1] in _UNITS or re.fullmatch(r"\d", norms[j + 1])):
            out.append("")
            continue
        if j and norms[j - 1] in _REPEAT and (n in _UNITS or re.fullmatch(r"\d", n)):
            out.append((n if n.isdigit() else str(_UNITS[n])) * _REPEAT[norms[j - 1]])
            continue
        out.append(_id_char(n, t, True, spelled, j) or _lower_id_letters(t))
    return out


def _lower_id_letters(token: str) -> str:
    """One or two letters a recogniser wrote in lower case inside an id read out ("9 9 k h",
    "nx 4 7 ts"), in capitals; "" for a word ("on", "is", "so" ...)."""
    word = token.strip(LEADING_PUNCTUATION + TRAILING_PUNCTUATION)
    if re.fullmatch(r"[a-z]{1,2}", word) and word not in _IBAN_NOT_LETTERS and word not in ("a", "i", "am", "he", "we"):
        return word.upper()
    return ""


#: Capitals that are words, not the letters of an id ("my ID is ...", "the DNI").
_CAPS_WORDS = {"ID", "DNI", "NIE", "NIF", "BSN", "PPS", "PPSN", "NI", "SSN", "OK", "UK", "US", "USA", "EU", "IBAN",
               "PIN", "DOB", "NHS", "TIN", "EIN", "ITIN", "ZIP", "PO", "CVV", "CVC", "ABA", "BIC", "SWIFT", "SEPA"}


SPELLING_ALPHABET = {"alpha": "A", "alfa": "A", "bravo": "B", "charlie": "C", "delta": "D", "echo": "E",
                      "foxtrot": "F", "golf": "G", "hotel": "H", "india": "I", "juliet": "J", "juliett": "J",
                      "kilo": "K", "lima": "L", "mike": "M", "november": "N", "oscar": "O", "papa": "P", "quebec": "Q",
                      "romeo": "R", "sierra": "S", "tango": "T", "uniform": "U", "victor": "V", "whiskey": "W",
                      "whisky": "W", "xray": "X", "x-ray": "X", "yankee": "Y", "zulu": "Z"}


def _spelling_runs(norms: list[str]) -> set[int]:
    """Tokens that are spelling-alphabet words in a run of two or more of them (digit words
    may sit between): "hotel victor whiskey golf five tango" spells letters, "a hotel" does not."""
    out: set[int] = set()
    run: list[int] = []
    for k, n in enumerate([*norms, ""]):
        if n in SPELLING_ALPHABET:
            run.append(k)
        elif n in _UNITS and n != "o" or n in _TEENS or n.split("-")[0] in _TENS:
            continue
        else:
            if len(run) >= 2:
                out.update(run)
            run = []
    return out


def _id_char(norm: str, token: str, groups: bool = False, spelled: set[int] = frozenset(), k: int = -1) -> str:
    """The characters a token adds to an id read out: a letter, a digit word ("seventy",
    "twenty-eight" too), or a token of capitals and digits (``HN8LC7M3R``, ``S-3517645``);
    with ``groups``, a group of 2-6 capitals too (``KOWAL``); a spelling-alphabet word
    capitalised or at a position in ``spelled``; "" for anything else."""
    if norm in _UNITS and norm != "o":
        return str(_UNITS[norm])
    if norm in _TEENS or norm.split("-")[0] in _TENS:
        chunk = _spoken([(w, 0) for w in norm.split("-")])
        if len(chunk) == 1 and all(w in _NUMBER_WORDS for w in norm.split("-")):
            return chunk[0].digits  # "seventy P four five", "M oh twenty-eight C"
    if norm in SPELLING_ALPHABET and (token[:1].isupper() or k in spelled):
        return SPELLING_ALPHABET[norm]  # "Romeo Zulu Zulu, five seven Lima"
    word = token.strip(LEADING_PUNCTUATION + TRAILING_PUNCTUATION)
    bare = re.sub(r"[^A-Za-z0-9]", "", word)
    if len(bare) == 1 and (bare.isdigit() or bare.isupper()):
        return bare
    if bare and re.fullmatch(r"[A-Z0-9]+(-[A-Z0-9]+)*", word) and any(c.isdigit() for c in bare):
        return bare
    if groups and re.fullmatch(r"[A-Z]{2,6}", word) and word not in _CAPS_WORDS:
        return bare
    if re.fullmatch(r"(?=[a-z]*\d)(?=\d*[a-z])[a-z0-9]{2,12}", word) and not _NOT_ID_TOKEN.fullmatch(word):
        return word.upper()  # a recogniser's lower case: "70p45", "m028c"
    return ""


#: Lower-case tokens of letters and digits that are not part of an id: "1st", "10am", "4k", "5g".
_NOT_ID_TOKEN = re.compile(r"\d+(st|nd|rd|th|am|pm|s|k|m|g|x|d|p|kg|km|mb|gb|tb|ml|mm|cm|ft|hrs?|mins?)")


# ------------------------------------------------------------------------------------------
# IBANs


def _not_iban_letters(compact: str) -> bool:
    """A word (a token's letters, spoken digits already digits) no IBAN is read with: longer
    than a bank code, or a function word ("on 0161 496 0753 during the day" is a phone number,
    whatever its mod 97)."""
    return compact.isalpha() and (len(compact) > _IBAN_MAX_LETTERS or compact.lower() in _IBAN_NOT_LETTERS)


#: Words between the pieces of an IBAN read over several turns.
_IBAN_SKIP = {"then", "okay", "ok", "and", "so", "um", "uh", "next", "it's", "its", "that's", "rest", "yes", "yeah",
              "right", "sure", "after", "that", "last", "few", "ones", "are", "is", "bit", "the", "first", "lot", "ends",
              "part", "group", "finally"}
_IBAN_NOT_LETTERS = {"on", "in", "at", "to", "the", "and", "for", "is", "it", "its", "of", "or", "but", "my", "me",
                     "we", "you", "our", "so", "if", "as", "by", "up", "an", "be", "do", "no", "yes", "ok", "day",
                     "thx", "ta", "uh", "um", "er", "ah", "mhm"}


def _ibans(tokens: Sequence[str], skip: set[int], bridges: set[int] = frozenset()) -> list[PiiSpan]:
    """``GB82 WEST 1234 5698 7654 32``, ``GB82WEST12345698765432``, ``G B eight two W E S T
    one two ...``: the longest run of tokens from a country code whose letters and digits pass
    the IBAN checks (read on across ``bridges``, turns split by the other party's "mm-hm")."""
    spans: list[PiiSpan] = []
    norms = [normalise(t) for t in tokens]
    compact = [_compact(t).upper() if i not in skip else "" for i, t in enumerate(tokens)]
    i = 0
    while i < len(tokens):
        head = ""
        for j in range(i, min(len(tokens), i + 4)):
            head += compact[j]
            if len(head) >= 4 or not compact[j]:
                break
        if not re.match(r"^[A-Z]{2}\d\d", head) or not compact[i][:1].isalpha():
            country = re.fullmatch(r"[A-Z]{1,2},?", tokens[i]) or norms[i] in SPELLING_ALPHABET or _lower_country(norms, i)
            spoken = _spoken_iban_end(tokens, norms, i, bridges) if country else None
            if spoken is not None:
                spans.append(PiiSpan(i, spoken, "iban"))
                i = spoken
            else:
                i += 1
            continue
        text, best, skipped = "", None, set()
        for j in range(i, min(len(tokens), i + 40)):
            if j > i and normalise(tokens[j]) in _IBAN_SKIP:
                skipped.add(j)
                continue  # "IE44 AIBK... (keep going) Then 9202 4987 ...", "... that's the first bit." - "Last few, ..."
            if not compact[j] or (j > i and _not_iban_letters(compact[j])):
                break
            text += compact[j]
            if len(text) > 34:
                break
            if len(text) >= 15 and iban_ok(text):
                best = j + 1
        if best is None:
            best, skipped = _spoken_iban_end(tokens, norms, i, bridges), set()
        if best is not None:
            spans.extend(PiiSpan(a, b, "iban") for a, b in _free(PiiSpan(i, best, "iban"), skipped))
            i = best
        else:
            i += 1
    return spans


def _lower_country(norms: list[str], i: int) -> bool:
    """A recogniser's lower-case country code at token ``i``: "gb", "g b", "i e"."""
    code = norms[i].strip(",")
    if len(code) == 1 and i + 1 < len(norms) and len(norms[i + 1].strip(",")) == 1:
        code += norms[i + 1].strip(",")
    return len(code) == 2 and code.isalpha() and code.upper() in _IBAN_LENGTHS


def _spoken_iban_end(tokens: Sequence[str], norms: list[str], i: int, bridges: set[int] = frozenset()) -> int | None:
    """An IBAN read out in words from token ``i``: "D E zero four, two nine double four, ...",
    "I E forty-four, A I B K, ninety-two zero two, ...", "D as in delta, E as in echo, ...",
    "november lima seven four, mike ...", and in pieces over several turns ("... and then",
    the other party's "mm-hm" between): the furthest end whose characters pass the IBAN checks."""
    best = None
    for end, texts in _iban_chars(tokens, norms, i, bridges):
        if min(len(t) for t in texts) > 34:
            break
        if any(len(t) >= 15 and iban_ok(t) for t in texts):
            best = end
    return best


#: Words said between the pieces of an IBAN, skipped when more of it follows ("and then", "the
#: last bit", "that's it, no wait").
_IBAN_FILLERS = _IBAN_SKIP | {"last", "bit", "part", "finally", "lastly", "the", "then", "um", "er", "erm", "uh",
                              "continuing", "continues", "carry", "on", "followed", "by", "starts", "with", "ends",
                              "comma", "space", "dash", "-", "–", "hmm", "mm"}
#: Candidate readings kept at once (a recogniser's "sixty three" is 63 or 6, 3).
_IBAN_READINGS = 8


def _iban_chars(tokens: Sequence[str], norms: list[str], i: int, bridges: set[int]) -> list[tuple[int, list[str]]]:
    """The characters of an IBAN read out from token ``i``, after each token that adds some:
    letters (capitals, a recogniser's lower case, spelling-alphabet words, "N as in Nelly"),
    groups of up to four, digit words ("double three", "twenty-nine", a recogniser's "sixty
    three" read both ways). Filler words between pieces are passed over; a sentence ends it
    unless the speaker goes on after the other party's backchannel (``bridges``)."""
    out: list[tuple[int, list[str]]] = []
    texts, k = [""], i
    while k < len(tokens) and k - i < 80:
        word, norm = _iban_word(tokens[k]), norms[k].strip(",")
        add: list[str] | None = None
        step = 1
        if norm in _REPEAT and k + 1 < len(tokens):
            nxt = _iban_unit(tokens[k + 1], norms[k + 1])
            if nxt is None or len(nxt) != 1:
                break
            add, step = [nxt * _REPEAT[norm]], 2
        elif re.fullmatch(r"[A-Za-z]", word) and k + 2 < len(tokens) and (
                norms[k + 1] == "for" or (norms[k + 1] == "as" and norms[k + 2] == "in")):
            add, step = [word.upper()], 3 if norms[k + 1] == "for" else 4
        elif norm in _TENS and k + 1 < len(tokens) and norms[k + 1].strip(",") in _UNITS and \
                norms[k + 1].strip(",") not in ("o", "oh", "zero") and not tokens[k].endswith(","):
            tens, unit = _TENS[norm], _UNITS[norms[k + 1].strip(",")]
            add, step = [str(tens + unit), f"{tens}{unit}"], 2
        else:
            part = _iban_unit(tokens[k], norms[k])
            if part is None:
                # fillers, and the last few words of a turn the other party answers with "mm-hm"
                if out and (norm in _IBAN_FILLERS or any(b in bridges for b in range(k + 1, k + 4))):
                    k += 1
                    continue
                break
            add = [part]
        if k + step > len(tokens):
            break
        texts = list(dict.fromkeys(t + a for t in texts for a in add))[:_IBAN_READINGS]
        k += step
        out.append((k, texts))
        if tokens[k - 1].rstrip()[-1:] in ".;:!?" and k not in bridges:
            break
    return out


def _iban_word(token: str) -> str:
    return token.strip().strip("\"'()[]{},.;:!?")


def _iban_unit(token: str, norm: str) -> str | None:
    """The characters one token adds to an IBAN read out, or None: a group of capitals and
    digits (``WEST``, ``3412``, ``GB82``), a short lower-case letter group (``dpzp``), a
    spelling-alphabet word, a digit word, a teen or a tens word ("twenty-nine" 29)."""
    norm = norm.strip(",")
    if norm in SPELLING_ALPHABET:
        return SPELLING_ALPHABET[norm]
    if norm in _UNITS and norm != "o":
        return str(_UNITS[norm])
    if norm in _TEENS:
        return str(_TEENS[norm])
    parts = [p for p in norm.split("-") if p]
    if parts and parts[0] in _TENS and len(parts) <= 2:
        if len(parts) == 1:
            return str(_TENS[parts[0]])
        return str(_TENS[parts[0]] + _UNITS[parts[1]]) if parts[1] in _UNITS and _UNITS[parts[1]] else None
    word = _iban_word(token)
    if re.fullmatch(r"[A-Z0-9]{1,4}|[A-Z]{2}\d\d[A-Z0-9]*|\d{1,30}", word):
        return word
    if re.fullmatch(r"[a-z]{1,4}", word) and norm not in _IBAN_NOT_LETTERS and norm not in _IBAN_FILLERS \
            and norm not in _NUMBER_WORDS:
        return word.upper()
    if re.fullmatch(r"[a-z]{0,2}\d{1,4}[a-z]{0,4}", word):
        return word.upper()
    return None


# ------------------------------------------------------------------------------------------
# Dates (of birth)


def _dates(norms: list[str], timeline: list[str], pos: list[int]) -> list[PiiSpan]:
    """Dates said after birth words: ``03/03/1982``, "the third of March eighty-two", "March
    3rd, 1982", "3 March 1982", "my birthday is June fifth". Other dates are left alone."""
    spans: list[PiiSpan] = []
    given = -1
    i = 0
    while i < len(norms):
        end = (_year_first_date_at(norms, i) or _date_at(norms, i)) if norms[i] else None
        first = _year_before(norms, i, spans) if end is not None else i
        if end is not None and _dob_asked(timeline, pos[first], given):
            spans.append(PiiSpan(first, end, "dob"))
            for a, b in _date_corrections(norms, end):
                spans.append(PiiSpan(a, b, "dob"))
                end = b
            given = pos[end]
            i = end
        elif end is None and norms[i] and (year := _year_alone(norms, i, timeline, pos)) is not None:
            spans.append(PiiSpan(i, year, "dob"))
            i = year
        else:
            i += 1
    return spans


def _year_first_date_at(norms: list[str], i: int) -> int | None:
    """The end of a date said year first at token ``i`` ("two thousand and four, July the
    second", "1997, July the 25th"), or None: read whole, not as "four, July" and "the second"."""
    if norms[i] in _MONTHS or _ORDINAL_TOKEN.match(norms[i]) or norms[i] == "the":
        return None
    y = _year_at(norms, i)
    if y is None or y - i < 2 and not _YEAR.match(norms[i]) or y >= len(norms) or norms[y] not in _MONTHS:
        return None
    return _date_at(norms, y)


def _year_before(norms: list[str], i: int, spans: Sequence[PiiSpan]) -> int:
    """Where a date of birth starting at token ``i`` starts when its year was said first
    ("nineteen ninety-seven, July the twenty-fifth", "'88, March twelfth"): that year's first
    token, else ``i``."""
    floor = spans[-1].end if spans else 0
    return min((s for s in range(max(floor, i - 4), i) if norms[s] and _year_at(norms, s) == i), default=i)


#: How far back (timeline tokens) "what year?" still opens a year said alone.
YEAR_QUESTION_TOKENS = 12


def _year_alone(norms: list[str], i: int, timeline: list[str], pos: list[int]) -> int | None:
    """The end of a year said alone at token ``i`` that completes a date of birth given
    without one ("June sixth." - "And what year?" - "'55", "Nineteen sixty-seven."), or None:
    the first number after a question with "year" in it, a date said after birth words just
    before that question, and no other date asked for ("what year did you move in?")."""
    end = _year_at(norms, i)
    if end is None or (end == i + 1 and norms[i] in _TEENS):
        return None
    at = pos[i]
    near = [_possessive(w) for w in timeline[max(0, at - YEAR_QUESTION_TOKENS) : at]]
    if "year" not in near:
        return None
    y = at - len(near) + max(m for m, w in enumerate(near) if w == "year")
    after = timeline[y + 1 : at]
    if any(w in _OTHER_DATE_WORDS for w in after) or any(is_number(w) for w in after):
        return None
    lo = max(0, y - 2 * DOB_CONTEXT_TOKENS)
    k = max((m for m in range(lo, y) if _birth_word(timeline, m)), default=-1)
    if k < 0 or not any(_date_said(timeline, m) for m in range(k + 1, y)):
        return None
    return end


#: Words that ask for, or say, a date of birth.
_BIRTH_WORDS = {"born", "birth", "birthday", "dob", "d.o.b", "birthdate", "bday", "b-day"}
#: How far back (tokens of the timeline) a question for the date of birth still opens the
#: answer: the rep's question and the customer's answer a turn or two later, past a "sure, hang
#: on" or a "go ahead".
DOB_CONTEXT_TOKENS = 40
#: Words after a birth question that ask about another date ("when did it happen?", "the
#: delivery date?"): a date said after them is not the date of birth.
_OTHER_DATE_WORDS = {
    "happen", "happened", "appointment", "deliver", "delivery", "delivered", "arrive", "arrived", "arrival",
    "booked", "booking", "moved", "move", "start", "started", "starts", "since", "until", "till", "expire",
    "expires", "expired", "expiry", "expiration", "renew", "renewal", "renews", "due", "scheduled", "meeting",
    "visit", "incident", "accident", "flight", "depart", "departure", "joined", "purchased", "bought", "ordered",
    "installed", "installation", "collect", "collection", "cancel", "cancelled", "canceled", "today", "tomorrow",
    "yesterday", "ago", "when's", "effective", "issued", "issue",
}
_WHEN_ASKING = {"did", "does", "do", "is", "was", "will", "would", "can", "could", "should", "are", "were"}


def _dob_asked(timeline: list[str], at: int, given: int = -1) -> bool:
    """A date at timeline position ``at`` answers a question for the date of birth: birth words
    ("date of birth", "DOB", "when were you born", "birthday") said in the last
    :data:`DOB_CONTEXT_TOKENS` tokens, whatever other cue words follow in the same question
    ("the date of birth on the account", "your DOB and then your postcode"); not after a question
    for another date ("when did it happen?"), nor once a date of birth was given (at ``given``)
    unless it is corrected right away ("... 1982, sorry, 1983")."""
    lo = max(0, at - DOB_CONTEXT_TOKENS)
    k = max((m for m in range(lo, at) if _birth_word(timeline, m)), default=-1)
    if k < 0:
        return False
    if given > k:  # answered already: only a correction right after it ("..., sorry, 1983"), not "the appointment's ..."
        return at - given <= 8 and not any(_possessive(w) in _OTHER_DATE_WORDS for w in timeline[given:at])
    if any(_date_said(timeline, m) for m in range(k + 1, at)):
        return False  # answered in the other party's words: "4 May 1980." - "Thanks. Shall we say the 9th of June?"
    after = timeline[k + 1 : at]
    if any(w in _OTHER_DATE_WORDS for w in after):
        return False
    return not any(a == "when" and b in _WHEN_ASKING for a, b in itertools.pairwise(after))


#: Words between a date of birth and the part of it put right: "'63, March 11th, sorry, the
#: 21st, not the 11th", "... hang on, '72", "I said ... but I meant the second".
_DATE_CORRECTION_WORDS = {"actually", "sorry", "no", "wait", "i", "mean", "meant", "said", "but", "it's", "its", "is",
                          "that", "not", "oh", "um", "uh", "er", "hang", "hold", "on", "rather", "correction", "oops",
                          "should", "be", "was", "that's", "my", "bad", "pardon", "i've", "got", "it", "wrong"}
_DATE_CORRECTING = {"sorry", "no", "not", "actually", "wait", "mean", "meant", "hang", "correction", "rather", "oops"}


def _date_corrections(norms: list[str], end: int) -> list[tuple[int, int]]:
    """The parts of a date of birth (ending at token ``end``) that the speaker puts right
    straight after it, each after correction words: a day ("sorry, the 21st, not the 11th")
    or a year ("hang on, '72", "no, sorry, sixty-one", "I mean nineteen sixty-seven")."""
    out: list[tuple[int, int]] = []
    k = end
    while True:
        j = k
        while j < len(norms) and j - k <= 6 and (not norms[j] or norms[j] in _DATE_CORRECTION_WORDS) and norms[j] != "the":
            j += 1
        if j == k or not {w for w in norms[k:j]} & _DATE_CORRECTING or j >= len(norms):
            return out
        b = _date_part_at(norms, j)
        if b is None:
            return out
        out.append((j, b))
        k = b


def _date_part_at(norms: list[str], j: int) -> int | None:
    """The end of a day ("the 21st", "the eighth", "the 16") or a year ("'72", "sixty-one",
    "1967", "nineteen sixty-seven") said alone at token ``j``, or None."""
    if norms[j] == "the":
        return _day_at(norms, j + 1)
    if _ORDINAL_TOKEN.match(norms[j]) or norms[j] in _ORDINALS:
        return j + 1
    t = norms[j]
    if _YEAR.match(t) or re.fullmatch(r"'\d\d|[2-9]\d", t):
        return j + 1
    if t in _TEENS or t in _UNITS:
        return None
    return _year_at(norms, j)


def _date_said(timeline: list[str], m: int) -> bool:
    """A date starts at timeline position ``m``: the birth question was answered."""
    w = timeline[m]
    return bool(_DATE_TOKEN.match(w)) or (w[:1].isalnum() and _date_at(timeline, m) is not None)


def _birth_word(timeline: Sequence[str], m: int) -> bool:
    """Timeline word ``m`` asks for or says a date of birth: a birth word, "D-O-B" spelled out
    (split into its letters), or "date of berth" as a recogniser may hear it."""
    w = _possessive(timeline[m])
    if w in _BIRTH_WORDS:
        return True
    if w == "b" and m >= 2 and timeline[m - 2] == "d" and timeline[m - 1] == "o":
        return True
    return w == "berth" and m >= 2 and timeline[m - 1] == "of" and timeline[m - 2] == "date"


def _possessive(word: str) -> str:
    """A word without its "'s" ("birthday's" -> "birthday")."""
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _date_at(norms: list[str], i: int) -> int | None:
    """The end of a date starting at token ``i`` (a day and a month, with or without a year;
    or a month and a year), or None."""
    m = _DATE_TOKEN.match(norms[i])
    if m:
        return i + 1 if _valid_date_token(m) else None
    j = i + 1 if norms[i] == "the" else i
    day = _day_at(norms, j)
    if day is not None:
        k = day + 1 if day < len(norms) and norms[day] == "of" else day
        if k < len(norms) and norms[k] in _MONTHS:
            return _year_at(norms, k + 1) or k + 1
        if k > day and k + 1 < len(norms) and norms[k] == "the" and _month_ordinal(norms[k + 1]):
            return _year_at(norms, k + 2) or k + 2  # "the second of the fifth", "11th of the 9th"
        return None
    if j < len(norms) and norms[j] in _MONTHS:
        k = j + 1
        k2 = k + 1 if k < len(norms) and norms[k] == "the" else k
        day = _day_at(norms, k2)
        if day is not None:
            return _year_at(norms, day) or day
        year = _year_at(norms, k + 1 if k < len(norms) and norms[k] == "of" else k)
        if year is not None and norms[j] != "may":
            return year
    return None


def _month_ordinal(norm: str) -> bool:
    """A month said as its ordinal number: "fifth", "5th", "twelfth"."""
    m = _ORDINAL_TOKEN.match(norm)
    value = int(m.group(1)) if m else _ORDINALS.get(norm, 0)
    return 1 <= value <= 12


def _valid_date_token(m: re.Match[str]) -> bool:
    if m.group(4):
        return 1 <= int(m.group(5)) <= 12 and 1 <= int(m.group(6)) <= 31
    a, b = int(m.group(1)), int(m.group(2))
    return 1 <= a <= 31 and 1 <= b <= 31 and min(a, b) <= 12


def _day_at(norms: list[str], j: int) -> int | None:
    """The end of a day of the month at token ``j`` ("3", "3rd", "third", "twenty-first",
    "twenty first", "three"), or None."""
    if j >= len(norms):
        return None
    t = norms[j]
    if _ORDINAL_TOKEN.match(t) or (t.isdigit() and 1 <= int(t) <= 31 and len(t) <= 2):
        return j + 1
    if t in _ORDINALS:
        return j + 1
    parts = t.split("-")
    if len(parts) == 2 and parts[0] in ("twenty", "thirty") and (parts[1] in _ORDINALS or parts[1] in _UNITS):
        return j + 1
    if t in ("twenty", "thirty"):
        nxt = norms[j + 1] if j + 1 < len(norms) else ""
        if nxt in _ORDINALS and _ORDINALS[nxt] < 10 or (nxt in _UNITS and nxt not in ("oh", "o", "zero")):
            return j + 2
        return j + 1
    if (t in _UNITS and t not in ("oh", "o", "zero")) or t in _TEENS:
        return j + 1
    return None


def _year_at(norms: list[str], j: int) -> int | None:
    """The end of a year at token ``j`` ("1982", "'82", "82", "nineteen eighty two",
    "eighty-two", "two thousand and one", "twenty oh one"), or None."""
    if j >= len(norms):
        return None
    t = norms[j]
    if _YEAR.match(t) or re.fullmatch(r"'?\d\d", t):
        return j + 1
    words: list[tuple[str, int]] = []
    for k in range(j, min(len(norms), j + 5)):
        parts = [p for p in norms[k].split("-") if p]
        if not parts or not all(p in _NUMBER_WORDS or p in ("thousand", "and") for p in parts):
            break
        words.extend((p, k) for p in parts)
    if not words:
        return None
    ws = [w for w, _ in words]
    used = 0
    if ws[0] in ("nineteen", "twenty") and len(ws) > 1 and ws[1] != "thousand":
        used = 1 + _two_digit_words(ws, 1)
        if used == 1:
            return None
    elif ws[:2] == ["two", "thousand"]:
        used = 2
        if used < len(ws) and ws[used] == "and":
            used += 1
        used += _two_digit_words(ws, used)
    elif ws[0] in _TENS:
        used = _two_digit_words(ws, 0)
    else:
        return None
    return words[used - 1][1] + 1 if used else None


def _two_digit_words(ws: list[str], i: int) -> int:
    """How many words from ``ws[i]`` say a number below 100 ("eighty two", "oh one", "ten")."""
    w = ws[i] if i < len(ws) else ""
    nxt = ws[i + 1] if i + 1 < len(ws) else ""
    if w in _TENS:
        return 2 if nxt in _UNITS and nxt not in ("oh", "o", "zero") else 1
    if w in ("oh", "o") and nxt in _UNITS:
        return 2
    if w in _TEENS or (w in _UNITS and w not in ("oh", "o", "zero")):
        return 1
    return 0


def _date_pieces(pieces: list[_Piece]) -> bool:
    """Three numbers said as a date: "seven, twelve, eighty-eight", "12 7 1988"."""
    if len(pieces) != 3 or len(pieces[2].digits) not in (2, 4) or any(len(p.digits) > 2 for p in pieces[:2]):
        return False
    a, b = int(pieces[0].digits), int(pieces[1].digits)
    return 1 <= a <= 31 and 1 <= b <= 31 and min(a, b) <= 12


def _date_split(digits: str) -> bool:
    """5 to 8 digits said as a date in some grouping: a day and a month (1 or 2 digits each,
    either way round) and a 2- or 4-digit year ("oh one eight ninety-four", "seven zero eight
    seventy-one", "zero three, seven, eighty")."""
    if not 4 <= len(digits) <= 8:
        return False
    for i in (1, 2):
        for j in (i + 1, i + 2):
            year = digits[j:]
            if len(year) not in (2, 4) or (len(year) == 4 and year[:2] not in ("19", "20")):
                continue
            a, b = int(digits[:i]), int(digits[i:j])
            if 1 <= a <= 31 and 1 <= b <= 31 and min(a, b) <= 12:
                return True
    return False


def date_key(norms: Sequence[str]) -> tuple[int, ...]:
    """The numbers a date is said with, sorted, for telling that two renderings say the same date:
    months as numbers, years as their last two digits, no zeros ("the 15th of January '42",
    "15/01/1942" and "fifteen, oh one, forty-two" all give (1, 15, 42))."""
    nums: list[int] = []
    words: list[tuple[str, int]] = []

    def flush() -> None:
        nums.extend(int(p.digits) for p in _spoken(words))
        words.clear()

    for t in norms:
        t = t.strip("'")
        if t in _MONTHS or _ORDINAL_TOKEN.match(t) or t in _ORDINALS or re.search(r"\d", t):
            flush()
            if t in _MONTHS:
                nums.append(_MONTHS[t])
            elif _ORDINAL_TOKEN.match(t):
                nums.append(int(_ORDINAL_TOKEN.match(t).group(1)))
            elif t in _ORDINALS:
                nums.append(_ORDINALS[t])
            else:
                nums.extend(int(g) % 100 if len(g) == 4 else int(g) for g in re.findall(r"\d+", t))
            continue
        parts = t.split("-")
        if len(parts) == 2 and parts[0] in _TENS and parts[1] in _ORDINALS:
            flush()
            nums.append(_TENS[parts[0]] + _ORDINALS[parts[1]])
            continue
        words.extend((p, 0) for p in parts if p in _NUMBER_WORDS)
    flush()
    out = [n for k, n in enumerate(nums) if n and not (n in (19, 20) and k + 1 < len(nums) and nums[k + 1] >= 10
                                                       and k + 1 == len(nums) - 1)]
    return tuple(sorted(n % 100 for n in out))


def date_spans(norms: list[str]) -> list[tuple[int, int]]:
    """Every date said in normalised tokens (by :func:`_date_at`, or a run of 2+ numbers that
    reads as one: "oh six, six, fifty-five"), as token ranges."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(norms):
        end = (_year_first_date_at(norms, i) or _date_at(norms, i)) if norms[i] else None
        if end is not None:
            out.append((_year_before(norms, i, [PiiSpan(*out[-1], "dob")] if out else []), end))  # "1997, July the 25th"
            i = end
        else:
            i += 1
    for a, b in _runs(norms, set(), set()):
        pieces = _pieces(norms, a, b)
        digits = "".join(p.digits for p in pieces)
        if len(pieces) >= 2 and (_date_split(digits) or _date_pieces(pieces)) and not any(
                x < b and a < y for x, y in out):
            out.append((a, b))
    return sorted(out)


def _date_digits(digits: str) -> bool:
    """6 or 8 digits that read as a date (day and month either way round, a 2- or 4-digit year)."""
    if len(digits) == 8:
        if digits[:2] in ("19", "20"):
            a, b = int(digits[4:6]), int(digits[6:8])
        else:
            a, b = int(digits[:2]), int(digits[2:4])
    elif len(digits) == 6:
        a, b = int(digits[:2]), int(digits[2:4])
    else:
        return False
    return 1 <= a <= 31 and 1 <= b <= 31 and min(a, b) <= 12


# ------------------------------------------------------------------------------------------
# Digit runs: cards, security codes, expiry dates, bank numbers, phone numbers, ids


def _numbers(norms: list[str], timeline: list[str], pos: list[int], breaks: Mapping[int, Sequence[str]],
             births: Sequence[int] = ()) -> list[PiiSpan]:
    """Runs of digits classified (``births``: where the dates of birth found in words end)."""
    spans: list[PiiSpan] = []
    runs = _runs(norms, set(breaks), _bridges(breaks))
    in_parts = _card_in_parts(norms, runs, set(breaks), _bridges(breaks), timeline, pos)
    for r, (start, end) in enumerate(runs):
        if r in in_parts:
            spans.append(PiiSpan(start, end, "card"))
            continue
        pieces = _pieces(norms, start, end)
        if not pieces:
            continue
        # "4012 8888 8888 1881, expires 12/27, code 123": the card was just read out
        card_before = any(s.kind == "card" and s.end > start - CONTEXT_TOKENS for s in spans)
        ctx = _context(timeline, pos, start, card_before)
        given = max([b for b in births if b <= pos[start]] + [pos[s.end] for s in spans if s.kind == "dob"], default=-1)
        ctx = _Context(ctx.near, ctx.card_near, ctx.card_far, _dob_asked(timeline, pos[start], given),
                       _next_card_detail(ctx, spans, pos, start))
        after = norms[end] if end < len(norms) else ""
        month = _month_before(norms, start)
        if month is not None and _card_expiry(pieces, ctx, month=True):
            spans.append(PiiSpan(month, pieces[-1].end, "expiry"))  # "expires April twenty seven"
            continue
        if month is not None and len(pieces) > 1 and _card_expiry(pieces[:1], ctx, month=True) and _code_digits(pieces[1:]):
            spans += [PiiSpan(month, pieces[0].end, "expiry"), PiiSpan(pieces[1].start, pieces[-1].end, "cvv")]
            continue  # "April twenty-seven, nine nine one"
        found = _expiry_then_code(pieces, ctx) or _code_after_expiry(pieces, ctx, spans, norms)
        if found:
            spans.extend(found)
            continue
        found = _classify(pieces, ctx, after, lambda k: _context(timeline, pos, k, True))
        if found and found[-1].kind == "phone" and found[-1].end == pieces[-1].end:
            found[-1] = PiiSpan(found[-1].start, _extension_end(norms, found[-1].end), "phone")
        if found and found[0].kind == "phone" and found[0].start == start and start and norms[start - 1] == "plus":
            found[0] = PiiSpan(start - 1, found[0].end, "phone")  # "plus four four, ..."
        if not found and spans and _corrects(norms, spans[-1], start, pieces):
            found = [PiiSpan(pieces[0].start, pieces[-1].end, spans[-1].kind)]  # "..., zero one four two. Sorry, four three"
        spans.extend(found)
    # a date of birth in numbers put right straight after ("twenty-three eleven oh one. No wait, the 22nd, not the 23rd")
    fixes = [PiiSpan(a, b, "dob") for sp in spans if sp.kind == "dob" for a, b in _date_corrections(norms, sp.end)]
    fixes = [f for f in fixes if not any(f.start < sp.end and sp.start < f.end for sp in spans)]
    return spans + fixes + _misreads(norms, runs, spans)


#: Words that take back digits just said ("... sorry, wrong card", "hang on, that's wrong", "let me start again").
_TAKING_BACK = {"sorry", "wait", "wrong", "hang", "oops", "again", "scratch", "no", "mean", "top", "restart"}


def _misreads(norms: list[str], runs: list[tuple[int, int]], spans: list[PiiSpan]) -> list[PiiSpan]:
    """Digits a speaker takes back before reading a card again ("Four zero five two... sorry,
    wrong card. This one: ...", "6790. No wait, I read that wrong. From the top: ..."): a run
    no kind claimed, 2 to 12 digits, with words taking it back between it and a card number that
    follows within :data:`CARD_PAUSE_TOKENS` tokens. They are card digits all the same."""
    out: list[PiiSpan] = []
    cards = [sp for sp in spans if sp.kind == "card"]
    for a, b in runs:
        if any(sp.start < b and a < sp.end for sp in spans):
            continue
        n = sum(len(p.digits) for p in _pieces(norms, a, b))
        nxt = next((c for c in cards if c.start >= b), None)
        if 2 <= n <= 12 and nxt is not None and nxt.start - b <= CARD_PAUSE_TOKENS and set(norms[b : nxt.start]) & _TAKING_BACK:
            out.append(PiiSpan(a, b, "card"))
    return out


# ------------------------------------------------------------------------------------------
# Expiry dates said in words of their own


#: How far back (tokens of the timeline) a question for a card's expiry date still opens an
#: answer in words ("And the expiry?" - "Sure, hang on ..." - "oh nine of thirty-one").
EXPIRY_CONTEXT_TOKENS = 40
_EXPIRY_ASKED = _EXPIRY_WORDS | {"valid", "good", "until", "till", "through", "runs", "run", "date", "end", "month"}


def _expiry_phrases(norms: list[str], timeline: list[str], pos: list[int]) -> list[PiiSpan]:
    """A card's expiry date said as a month and a year in words of their own, with a card in the
    conversation: "month oh four, year twenty-eight", "the ninth month, thirty-one" (said only of
    a card), and, after a question for the expiry date, "oh nine of thirty-one", "zero nine, two
    thousand twenty-eight", "August thirty-one", "April of thirty", "February '30"."""
    spans: list[PiiSpan] = []
    i = 0
    while i < len(norms):
        found = _expiry_phrase_at(norms, i) if norms[i] else None
        if found is not None and _expiry_asked(timeline, pos[i], strong=found[1]):
            spans.append(PiiSpan(i, found[0], "expiry"))
            i = found[0]
        else:
            i += 1
    return spans


def _expiry_asked(timeline: list[str], at: int, strong: bool) -> bool:
    """A card in the last :data:`FAR_CONTEXT_TOKENS` tokens before ``at``, and (unless the form
    says it is an expiry date) an expiry question after any birth words; not a card's last four."""
    far = timeline[max(0, at - FAR_CONTEXT_TOKENS) : at]
    if not card_in(far) or last_four_said(timeline[max(0, at - 3) : at]):
        return False
    if strong:
        return True
    near = timeline[max(0, at - EXPIRY_CONTEXT_TOKENS) : at]
    return _last_at(near, _EXPIRY_ASKED) > _last_at(near, _BIRTH_WORDS)


def _expiry_phrase_at(norms: list[str], i: int) -> tuple[int, bool] | None:
    """The end of an expiry date in words at token ``i``, and whether its form alone says it is
    one ("month ..., year ...", "the fifth month, ..."), or None."""
    t = norms[i]
    if t == "month":
        m = _card_month(norms, i + 1)
        if m is None:
            return None
        j = m + 1 if m < len(norms) and norms[m] == "year" else m
        y = _card_year(norms, j)
        return (y, True) if y is not None else None
    j = i + 1 if t == "the" else i
    if j + 1 < len(norms) and _month_ordinal(norms[j]) and norms[j + 1] == "month":
        y = _card_year(norms, j + 2)
        return (y, True) if y is not None else None
    if t in _MONTHS and t != "may" and (i == 0 or norms[i - 1] not in _DATE_BEFORE):
        j = i + 2 if i + 1 < len(norms) and norms[i + 1] == "of" else i + 1
        y = _card_year(norms, j)
        # "September twenty-eight", "April of thirty", "Sept '28"; "September 2026" is left to the
        # expiry words right before it (see _month_before): a month and a full year is most often a date
        four = j < len(norms) and (_YEAR.match(norms[j]) or norms[j] == "two")
        return (y, False) if y is not None and not four and not _ORDINAL_TOKEN.match(norms[j]) else None
    m = _card_month(norms, i)
    if m is None or m >= len(norms):
        return None
    if norms[m] == "of":
        y = _card_year(norms, m + 1)
        return (y, False) if y is not None else None
    if norms[m] == "two" and m + 1 < len(norms) and norms[m + 1] == "thousand" or _YEAR.match(norms[m]):
        y = _card_year(norms, m)
        return (y, False) if y is not None else None
    return None


def expiry_key(norms: Sequence[str]) -> tuple[int, int] | None:
    """The month and the year's last two digits of an expiry date in normalised tokens
    ("August thirty-one", "oh eight thirty-one", "08/31", "month oh eight, year thirty-one",
    "8/2031" all give (8, 31)), or None."""
    month = next((_MONTHS[t] for t in norms if t in _MONTHS), None)
    digits = "".join(d for _, _, d in number_digits([t for t in norms if t not in _MONTHS]))
    if month is not None:
        return (month, int(digits[-2:])) if len(digits) in (2, 4) else None
    return _expiry_digits(digits)


def _expiry_digits(digits: str) -> tuple[int, int] | None:
    """(month, year % 100) of an expiry date's digits: MYY, MMYY, MYYYY or MMYYYY."""
    n = len(digits)
    if n in (5, 6) and digits[n - 4 : n - 2] != "20":
        return None
    if n not in (3, 4, 5, 6):
        return None
    month = int(digits[: 2 if n in (4, 6) else 1])
    return (month, int(digits[-2:])) if 1 <= month <= 12 else None


def expiry_spans(norms: Sequence[str], key: tuple[int, int]) -> list[tuple[int, int]]:
    """Where normalised tokens say the expiry date ``key`` (:func:`expiry_key`) again, in any
    rendering: digits ("0831", "oh eight three one", "eight thirty-one") or a month and a year
    ("August thirty-one", "Aug '31")."""
    tokens = list(norms)
    out: list[tuple[int, int]] = []
    for i, t in enumerate(tokens):
        if t in _MONTHS and _MONTHS[t] == key[0]:
            j = i + 2 if i + 1 < len(tokens) and tokens[i + 1] == "of" else i + 1
            end = _card_year(tokens, j)
            if end is not None and expiry_key(tokens[i:end]) == key:
                out.append((i, end))
    for a, b, digits in number_digits(tokens):
        if _expiry_digits(digits) == key and not any(x < b and a < y for x, y in out):
            out.append((a, b))
    return sorted(out)


#: Words before a month that make it a date, not a card's expiry: "arrive by September", "from October".
_DATE_BEFORE = {"by", "from", "since", "on", "in", "before", "after", "booked", "due"}


def _card_month(norms: list[str], j: int) -> int | None:
    """The end of a month said as a number at token ``j`` ("oh nine", "zero two", "nine", "11",
    "09"), or None."""
    if j >= len(norms):
        return None
    t = norms[j]
    if re.fullmatch(r"\d{1,2}", t):
        if t == "0" and j + 1 < len(norms) and re.fullmatch(r"[1-9]", norms[j + 1]):
            return j + 2  # "0 6", as a recogniser writes "oh six"
        return j + 1 if 1 <= int(t) <= 12 else None
    if re.fullmatch(r"o[1-9]", t):
        return j + 1  # "o3"
    if t in ("oh", "zero", "o") and j + 1 < len(norms) and (_UNITS.get(norms[j + 1], 0) >= 1 or re.fullmatch(r"[1-9]", norms[j + 1])):
        return j + 2
    if _UNITS.get(t, 0) >= 1 or t in ("ten", "eleven", "twelve"):
        return j + 1
    return None


def _card_year(norms: list[str], j: int) -> int | None:
    """The end of a card's expiry year at token ``j`` (2020 to 2049: "28", "'28", "2028",
    "twenty-eight", "thirty", "two eight", "two thousand twenty-eight", "twenty twenty-eight"),
    or None."""
    if j >= len(norms):
        return None
    t = norms[j]
    if re.fullmatch(r"'?[234]\d|20[234]\d|(twenty|thirty|forty)(one|two|three|four|five|six|seven|eight|nine)", t):
        return j + 1  # "28", "'28", "2028", "thirtyone" (run together by a recogniser)
    if re.fullmatch(r"[234]", t) and j + 1 < len(norms) and re.fullmatch(r"\d", norms[j + 1]):
        return j + 2  # "3 3"
    words: list[tuple[str, int]] = []
    for k in range(j, min(len(norms), j + 4)):
        parts = [p for p in norms[k].split("-") if p]
        if not parts or not all(p in _NUMBER_WORDS or p in ("thousand", "and") for p in parts):
            break
        words.extend((p, k) for p in parts)
    ws = [w for w, _ in words]
    used = 0
    if ws[:2] == ["two", "thousand"]:
        used = 3 if ws[2:3] == ["and"] else 2
        used = used + _two_digit_words(ws, used) if ws[used : used + 1] and ws[used] in _TENS else 0
    elif ws[:1] == ["twenty"] and len(ws) > 1 and ws[1] in ("twenty", "thirty", "forty"):
        used = 1 + _two_digit_words(ws, 1)
    elif ws[:1] and ws[0] in ("twenty", "thirty", "forty"):
        used = _two_digit_words(ws, 0)
    elif len(ws) >= 2 and ws[0] in ("two", "three", "four") and ws[1] in _UNITS:
        used = 2  # "two eight", "three three"
    return words[used - 1][1] + 1 if used else None


#: How many words a speaker may put between two parts of a card number read in one turn
#: ("..., wait, let me grab it, sorry, ...", "... hang on, the light's bad ...").
CARD_PAUSE_TOKENS = 10


def _card_in_parts(norms: list[str], runs: list[tuple[int, int]], breaks: set[int], bridges: set[int],
                   timeline: list[str], pos: list[int]) -> set[int]:
    """The runs that are 2 to 4 parts of one card number: read in one turn with a pause between
    them, or over several turns while the other party only says "right", "carry on" ("thirty-seven
    eighty-two, that's the first lot." - "Right." - "And it ends ..."), with a card in the
    conversation (or :func:`_card_shaped`, 8 digits before a pause with "wait", "sorry", "hang on"
    ... or the other party's "carry on"). No part is a card alone; together they have 13-19 digits, start as card networks'
    numbers do (2-6) and pass the Luhn check."""
    out: set[int] = set()
    digits = ["".join(p.digits for p in _pieces(norms, a, b)) for a, b in runs]
    r = 0
    while r < len(runs) - 1:
        first = digits[r]
        if len(first) < 4 or (len(first) >= 13 and luhn_ok(first)) or first[0] not in "23456":
            r += 1
            continue
        total, best, paused, crossed = first, None, False, False
        for q in range(r + 1, min(len(runs), r + 4)):
            b1, a2 = runs[q - 1][1], runs[q][0]
            crossing = [k for k in breaks if b1 <= k <= a2]
            if a2 - b1 > CARD_PAUSE_TOKENS or any(k not in bridges for k in crossing) or len(digits[q]) < 2:
                break
            paused |= bool(set(norms[b1:a2]) & _PAUSE_WORDS)
            crossed |= bool(crossing)
            total += digits[q]
            if len(total) > 19:
                break
            if len(total) >= 13 and luhn_ok(total):
                best = q
        if best is None or (best == r + 1 and not crossed and len(digits[best]) < 3):
            r += 1
            continue
        # a card's length, most of it before the pause, is a card even when nobody named one
        # ("read me the long number": "... two oh one seven, wait, let me grab it, nine three nine three")
        joined = "".join(digits[r : best + 1])
        if _context(timeline, pos, runs[r][0]).card_far or (_card_shaped(joined) and len(first) >= 8 and (paused or crossed)):
            out |= set(range(r, best + 1))
            r = best + 1
        else:
            r += 1
    return out


#: Words of a speaker pausing in the middle of a number ("wait, let me grab it, sorry").
_PAUSE_WORDS = {"wait", "sorry", "hang", "hold", "sec", "second", "moment", "grab", "um", "uh", "er", "erm", "hmm"}


def _code_digits(pieces: Sequence[_Piece]) -> bool:
    """3 or 4 digits: a card's security code."""
    return sum(len(p.digits) for p in pieces) in (3, 4)


def _next_card_detail(ctx: _Context, spans: Sequence[PiiSpan], pos: list[int], start: int) -> str:
    """With both the expiry date and the security code asked for ("the expiry and the CVV,
    please"), the one still to come: the one not given since it was asked, else the one asked
    first; "" when not both are in the question."""
    near = ctx.near
    e, c = _last_at(near, _EXPIRY_CUES), _last_at(near, _CODE_CUES)
    if e < 0 or c < 0 or not _expiry_words(near) or not ctx.card_far:
        return ""
    lo, hi = min(e, c), max(e, c)
    if any(_said_number(near, k) for k in range(lo, hi)):
        return ""  # asked one after the other, with an answer between: the nearer question wins
    base = pos[start] - len(near)
    said = {s.kind for s in spans if pos[s.start] >= base + lo}
    if "expiry" in said:
        return "cvv"
    if "cvv" in said or any(_said_number(near, k) for k in range(hi + 1, len(near))):
        return "expiry" if e > c else "cvv"  # the first one asked was answered
    return "expiry" if e < c else "cvv"


def _said_number(near: Sequence[str], k: int) -> bool:
    """``near[k]`` is a number said, not one that describes a code ("the three digits")."""
    if not _is_number_token(near[k]):
        return False
    return k + 1 >= len(near) or near[k + 1] not in ("digit", "digits", "numbers", "number", "letters", "on")


#: Expiry dates as digits, most likely first: MMYY, MM/YYYY, M/YYYY, MYY.
_EXPIRY_LENGTHS = (4, 6, 5, 3)


def _expiry_then_code(pieces: list[_Piece], ctx: _Context) -> list[PiiSpan]:
    """An expiry date and the security code said in one breath after expiry words with a card
    in sight ("04/28, 991", "oh four twenty-eight, nine nine one"): the run cut in two."""
    n = sum(len(p.digits) for p in pieces)
    if len(pieces) < 2 or not 6 <= n <= 10 or _card_expiry(pieces, ctx):
        return []
    for length in _EXPIRY_LENGTHS:
        for k in range(1, len(pieces)):
            head = pieces[:k]
            if sum(len(p.digits) for p in head) == length and _code_digits(pieces[k:]) and _card_expiry(head, ctx):
                return [PiiSpan(head[0].start, head[-1].end, "expiry"),
                        PiiSpan(pieces[k].start, pieces[-1].end, "cvv")]
    return []


def _code_after_expiry(pieces: list[_Piece], ctx: _Context, spans: Sequence[PiiSpan], norms: list[str]) -> list[PiiSpan]:
    """3 or 4 digits said right after a card's expiry date (within a few words: "11/27, and then
    208 on the back"): the security code, which is read next when a card is being taken."""
    if not spans or spans[-1].kind != "expiry" or not _code_digits(pieces) or not ctx.card_far:
        return []
    between = norms[spans[-1].end : pieces[0].start]
    if len(between) > 6 or {"ending", "ends", "last", "postcode", "zip", "area", "since"} & set(between):
        return []
    if set(between) & (_PRICE_BEFORE | _AMOUNT_NOUNS | {"charged"}):
        return []  # "... expiring 7/28. The fee is 180 a session": an amount, not the code
    return [PiiSpan(pieces[0].start, pieces[-1].end, "cvv")]


#: Words right before an amount of money: "a deposit of 76.99", "I'm putting 180 through".
_PRICE_BEFORE = {"putting", "charging", "charge", "refunding", "paying", "pay", "costs", "cost", "priced", "total",
                 "totals", "totalling", "totaling"}
_PRICE_OF = {(w, "of") for w in ("deposit", "payment", "charge", "total", "amount", "balance", "fee", "price", "cost",
                                 "refund", "excess", "premium", "instalment", "installment", "sum", "credit")}


#: Nouns an amount of money is said after ("the fee is 180", "the balance was 212").
_AMOUNT_NOUNS = {"fee", "fees", "price", "balance", "deposit", "rate", "amount", "total", "cost", "charge", "premium"}


def _extension_end(norms: list[str], end: int) -> int:
    """The end of a phone number's extension said right after it ("ext 204", "extension two oh
    four", "x12"), or ``end`` when none follows."""
    if end >= len(norms) or norms[end] not in ("ext", "extension", "x", "ext.", "extn"):
        return end
    k = end + 1
    while k < len(norms) and k - end <= 6 and (_DIGIT_TOKEN.match(norms[k]) or norms[k] in _UNITS):
        k += 1
    return k if k > end + 1 else end


#: Words between a number and the digits that correct it ("0142, sorry, 0143", "no wait, it's 43").
_CORRECTION_WORDS = {"actually", "sorry", "no", "wait", "i", "mean", "it's", "its", "is", "make", "that", "scratch",
                     "correction", "oops", "not", "rather", "um", "uh", "er", "so", "oh", "hang", "on", "let", "me",
                     "start", "again", "the", "should", "be", "was", "that's", "wrong", "my", "bad", "pardon"}
_CORRECTED_KINDS = {"phone", "account", "id", "iban", "routing", "card"}


def _corrects(norms: list[str], last: PiiSpan, start: int, pieces: list[_Piece]) -> bool:
    """Digits said right after a phone, bank or id number with only correction words between
    ("sorry", "no wait, it's"): the speaker putting part of it right, as secret as the rest."""
    if last.kind not in _CORRECTED_KINDS or not 0 <= start - last.end <= 6:
        return False
    between = norms[last.end : start]
    n = sum(len(p.digits) for p in pieces)
    return 2 <= n <= 8 and any(w in _CORRECTION_WORDS - {"the", "is", "it's", "its", "on"} for w in between) and all(
        w in _CORRECTION_WORDS or not w for w in between)

def _month_before(norms: list[str], start: int) -> int | None:
    """The token of a month name just before token ``start`` ("April 27", "April of 2027")."""
    k = start - 1
    if k >= 1 and norms[k] == "of":
        k -= 1
    return k if k >= 0 and norms[k] in _MONTHS else None


#: Words of a question for the expiry date, and for the security code (which is nearer decides).
_EXPIRY_CUES = {"expires", "expire", "expired", "expiring", "expiry", "expiration", "exp", "thru", "through", "valid",
                "good", "until", "till", "date", "runs", "run"}
_CODE_CUES = {"cvv", "cvv2", "cvc", "cvc2", "csc", "cid", "cvn", "cav2", "cvd", "code", "security", "digits", "pin",
              "signature", "strip", "back", "verification"}
#: Sides of a card where its security code is printed.
_CODE_PLACES = {"back", "signature", "strip", "front", "reverse"}


def _last_at(near: Sequence[str], words: set[str]) -> int:
    """The position of the last of ``words`` in ``near`` (-1: none)."""
    return max((k for k, w in enumerate(near) if w in words), default=-1)


def _expiry_words(near: Sequence[str]) -> bool:
    """Expiry words: "expires", "exp", "expiration date", "good thru", "valid through/until"."""
    words = set(near)
    if words & _EXPIRY_WORDS:
        return True
    if any(a in ("runs", "run", "running") and b == "out" for a, b in itertools.pairwise(near)):
        return True  # "it runs out in September 2030"
    return bool(words & {"good", "valid"} and words & {"through", "till", "until", "thru"})


def _card_expiry(pieces: list[_Piece], ctx: _Context, month: bool = False) -> bool:
    """A card's expiry date after expiry words, with a card in the conversation: ``12/27``,
    ``1227``, ``oh four twenty seven``, ``4/2027``, ``9/2028``; after a month name the year
    alone (``27``, ``2027``); with card words just before, a year alone ("end of 2027"). A date
    with no card in sight ("the quote expires 6/30") keeps its coaching value."""
    date_on_card = "date" in ctx.near and ctx.card_near and not set(ctx.near) & {"birth", "born", "birthday"}
    if not ((_expiry_words(ctx.near) or date_on_card) and ctx.card_far):
        return False
    if last_four_said(ctx.near[-3:]):
        return False  # "the card ending one one one seven": its last four, kept
    digits = "".join(p.digits for p in pieces)
    groups = tuple(g for p in pieces for g in p.groups)
    if month:
        return len(digits) == 2 or (len(digits) == 4 and digits.startswith("20"))
    if len(digits) == 3:
        return digits[0] != "0"
    if len(digits) == 4 and _YEAR.match(digits):  # "the end of 2027" after "when does it expire?"
        return (ctx.card_near or bool(set(ctx.near) & _EXPIRY_WORDS)) and digits.startswith("20")
    if len(digits) in (4, 6):
        return 1 <= int(digits[:2]) <= 12 and (len(digits) == 4 or digits[2:4] == "20")
    if len(digits) == 5 and groups == (1, 4):
        return digits[0] != "0" and digits[1:3] == "20"
    return False


def last_four_said(near: Sequence[str]) -> bool:
    """The words just before a number say it is a card's last four ("the card ending", "the
    last"), not an expiry said after them ("the card ending 8627, expiring 4/29")."""
    cue = max((k for k, w in enumerate(near) if w in ("ending", "ends", "ended", "finishing", "last")), default=-1)
    return cue >= 0 and not any(w in _EXPIRY_CUES for w in near[cue + 1 :])


def _security_code(n: int, ctx: _Context) -> bool:
    """3 or 4 digits after "CVV", "CVC", "CID", "security code" or, with a card in the
    conversation, "code", "the three digits on the back", "PIN"; never the card's last four
    ("ending 4242", "the last four are 4242")."""
    if n not in (3, 4):
        return False
    near = ctx.near
    words = set(near)
    if set(near[-4:]) & {"ending", "ends"} or ("last" in near[-4:] and "three" not in near[-4:]):
        return False  # the card's last four, not "the last three are ..."
    if words & _CODE_WORDS or {"security", "code"} <= words or _spelled_code_word(near):
        return True  # a security code is a secret whatever it opens
    if ctx.card_far and "social" not in words and any(
        a == "security" and b in ("number", "numbers", "digits", "value", "no") for a, b in itertools.pairwise(near)
    ):
        return True  # "and the security number?" with a card being taken
    if not ctx.card_far:
        return False
    if "code" in near:
        k = len(near) - 1 - near[::-1].index("code")
        if not (k >= 1 and near[k - 1] in _OTHER_CODES):
            return True
    if words & {"digits", "digit", "numbers"} and words & {"back", "front", "security", "verification", "signature"}:
        return True
    if words & _CODE_PLACES and words & {"three", "four", "number", "numbers", "code"} and not words & _PHONE_WORDS - {"number"}:
        return True  # "last three on the signature strip?", "the number on the back?"
    return "pin" in words or ("verification" in words and bool(words & {"number", "value"}))


def _spelled_code_word(near: Sequence[str]) -> bool:
    """"C V V", "C V C", "C V two", as a recogniser writes the letters of a security code's name."""
    letters = "".join(w for w in near if len(w) == 1 and w.isalpha() or w in ("two", "2"))
    return any(code in letters for code in ("cvv", "cvc", "cv2", "cvtwo"))


def number_digits(norms: Sequence[str]) -> list[tuple[int, int, str]]:
    """The runs of numbers in normalised tokens, each as (first token, end token, digits):
    ``["it's", "oh", "seven", "7700"]`` -> ``[(1, 4, "077700")]``."""
    out = []
    for start, end in _runs(list(norms), set(), set()):
        digits = "".join(p.digits for p in _pieces(list(norms), start, end))
        if digits:
            out.append((start, end, digits))
    return out


_OH_DIGIT = re.compile(r"o\d")


def is_number(norm: str) -> bool:
    """A normalised token that says digits ("4111", "oh", "forty-one", "double")."""
    return norm in _REPEAT or norm in _UNITS or _is_number_token(norm)


def _is_number_token(norm: str) -> bool:
    if _OH_DIGIT.fullmatch(norm):
        return True  # "o3": a recogniser's "oh three"
    if _DIGIT_TOKEN.match(norm):
        return not any(p.match(norm) for p in _NOT_PIECE)
    parts = norm.split("-")
    # "two-7-2-0": a recogniser's mix of words and digits
    return all(p in _NUMBER_WORDS or p.isdigit() for p in parts) and norm not in ("o", "hundred", "double", "triple")


def _runs(norms: list[str], breaks: set[int], bridges: set[int]) -> list[tuple[int, int]]:
    """Maximal token ranges of number tokens (fillers allowed inside, not at the ends; at the
    start of an utterance that goes on with a number, "and last" too). A run goes on across the
    start of an utterance only where the other party said nothing asking for another number."""
    runs: list[tuple[int, int]] = []
    def starts(k: int) -> bool:  # "double five", "double 0", "o two 9", "o 9 4 2" (oh said as the letter)
        nxt = norms[k + 1] if k + 1 < len(norms) else ""
        return (norms[k] in _REPEAT and (nxt in _UNITS or bool(re.fullmatch(r"\d", nxt)))) or (
            norms[k] == "o" and (nxt in _UNITS or _is_number_token(nxt)) and nxt != "o")

    numeric = [_is_number_token(t) or starts(k) for k, t in enumerate(norms)]
    i = 0
    while i < len(norms):
        if not numeric[i]:
            i += 1
            continue
        j = last = i
        while j < len(norms):
            t = norms[j]
            if j > i and j in breaks and j not in bridges:
                break
            if numeric[j] or t in _NUMBER_WORDS:
                last = j
            elif t == "and" and j > i and norms[j - 1] in ("hundred", "thousand") and j + 1 < len(norms) and numeric[j + 1]:
                pass  # "four hundred and forty-three pounds": one amount
            elif not (t in _FILLERS or (t in _CONNECTORS and _after_break(norms, breaks, j))):
                break
            j += 1
        runs.append((i, last + 1))
        i = last + 1
    return runs


def _after_break(norms: list[str], breaks: set[int], j: int) -> bool:
    """Token ``j`` is among the first words of an utterance, all connectors so far."""
    k = j
    while k not in breaks:
        k -= 1
        if k < 0 or j - k > 3 or norms[k] not in _CONNECTORS:
            return False
    return True


def _pieces(norms: list[str], start: int, end: int) -> list[_Piece]:
    """Parse tokens ``start:end`` into pieces; spoken words are parsed across tokens."""
    pieces: list[_Piece] = []
    words: list[tuple[str, int]] = []  # spoken words waiting to be parsed, with their token

    def flush() -> None:
        pieces.extend(_spoken(words))
        words.clear()

    for k in range(start, end):
        t = norms[k]
        if re.fullmatch(r"\d", t) and words and words[-1][0] in _REPEAT:
            # "double 5", "triple 0": a recogniser's digit after a spoken repeat
            word, first = words.pop()
            flush()
            pieces.append(_Piece(first, k + 1, t * _REPEAT[word], (_REPEAT[word],), True))
        elif _OH_DIGIT.fullmatch(t):
            flush()
            pieces.append(_Piece(k, k + 1, "0" + t[1], (2,), False))
        elif _DIGIT_TOKEN.match(t):
            flush()
            groups = tuple(len(g) for g in re.findall(r"\d+", t))
            pieces.append(_Piece(k, k + 1, re.sub(r"\D", "", t), groups, False, t.startswith("+")))
        elif t not in _FILLERS and t not in _CONNECTORS:
            for w in t.split("-"):
                if w.isdigit():
                    flush()
                    pieces.append(_Piece(k, k + 1, w, (len(w),), False))
                elif w:
                    words.append((w, k))
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


def _classify(pieces: list[_Piece], ctx: _Context, after: str,
              ctx_at: Callable[[int], _Context] | None = None) -> list[PiiSpan]:
    """What a run of pieces is; a card inside a longer run is cut out, the rest classified (in
    the words said before it, from ``ctx_at``, when given: "... 0004" - "valid until?" - "08/29")."""
    if not pieces:
        return []
    # an account number or an id asked for by name may pass the Luhn check (one in ten does)
    cue = _cue(ctx.near)
    bank = cue in ("account", "routing", "iban", "sort") and not ctx.card_near
    card = _luhn_window(pieces) if not bank else None
    if card is not None and cue == "id" and not ctx.card_near and _kind(pieces, sum(len(p.digits) for p in pieces), ctx, after) == "id":
        card = None
    if card is not None:
        i, j = card
        span = PiiSpan(pieces[i].start, pieces[j - 1].end, "card")
        rest = _Context(ctx.near, True, True)
        if ctx_at is not None and j < len(pieces):  # the expiry asked for after the card: "0004" - "valid until?" - "08/29"
            here = ctx_at(pieces[j].start)
            here = _Context(here.near, True, True, here.dob, here.next_card)
            tail = _expiry_then_code(pieces[j:], here)
            if not tail and _card_expiry(pieces[j:], here):
                tail = [PiiSpan(pieces[j].start, pieces[-1].end, "expiry")]
            if tail:
                return _classify(pieces[:i], ctx, "") + [span] + tail
        return _classify(pieces[:i], ctx, "") + [span] + _classify(pieces[j:], rest, after)
    kind = _kind(pieces, sum(len(p.digits) for p in pieces), ctx, after)
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
            longer = best is None or j + 1 - i > best[1] - best[0]
            if total >= 13 and longer and luhn_ok("".join(p.digits for p in pieces[i : j + 1])):
                best = (i, j + 1)
    return best


def _kind(pieces: list[_Piece], n: int, ctx: _Context, after: str) -> str | None:
    """The kind of a run of ``n`` digits that is not a Luhn-valid card, or None."""
    if after in _QUANTITY_AFTER:
        return None  # "1200 400 seats"
    if ctx.near[-1:] in (("since",), ("in",)) and all(_YEAR.match(p.digits) for p in pieces):
        return None  # "member since 2019", "I signed up in 2004": a year
    if n <= 6 and ctx.near and (ctx.near[-1] in _PRICE_BEFORE or ctx.near[-2:] in _PRICE_OF
                                or set(ctx.near[-3:]) & _AMOUNT_NOUNS and ctx.near[-1] in ("is", "was", "of", "be", "'s")):
        return None  # "the deposit of seventy-six ninety-nine", "putting four hundred ... through", "the fee is 180"
    if n == 3 and ctx.near[-2:-1] == ("area",) and ctx.near[-1] in ("code", "code's"):
        return "phone"  # "area code 555, then 010 0147"
    if n == 3 and ctx.words & (_PHONE_WORDS - {"number"}) and any(
        a == "area" and b in ("code", "code's") for a, b in itertools.pairwise(ctx.near[-4:])
    ):
        return "phone"  # a phone number asked for: "area code is 303, then ..." ("our area code is 415" alone is kept)
    # the nearer question wins: "the code? 562. And the expiration? 0327."
    expiry_first = _last_at(ctx.near, _EXPIRY_CUES) > _last_at(ctx.near, _CODE_CUES)
    if ctx.next_card:  # both asked for: "the expiry and the CVV?" - "0428 and 991"
        expiry_first = ctx.next_card == "expiry"
    if expiry_first:
        if _card_expiry(pieces, ctx):
            return "expiry"
        if _security_code(n, ctx):
            return "cvv"
    else:
        if _security_code(n, ctx):
            return "cvv"
        if _card_expiry(pieces, ctx):
            return "expiry"
    digits = "".join(p.digits for p in pieces)
    cue = _cue(ctx.near)
    if ctx.dob and (_date_digits(digits) or _date_pieces(pieces) or _birth_year(pieces, ctx.near)
                    or (len(pieces) >= 3 and _date_split(digits))
                    or (len(pieces) >= 2 and 3 <= len(digits) <= 8 and all(p.spoken for p in pieces)
                        and not _YEAR.match(digits) and ctx.near[-1:] not in (("in",), ("since",), ("from",)))):
        return "dob"  # ... or number words answering the question ("twenty seven forty-seven")
    if all(_YEAR.match(p.digits) for p in pieces):
        return None  # "the tax years 2024, 2025"
    groups = tuple(g for p in pieces for g in p.groups)
    single_digits = sum(1 for p in pieces if p.spoken and len(p.digits) == 1)
    spoken_digits = single_digits >= 4 and single_digits * 2 >= len(pieces)
    if ctx.card_near and n >= 12 and cue not in ("account", "routing", "iban"):
        return "card"  # a card number the recogniser got wrong
    if cue == "sort" and n == 6:
        return "routing"  # a UK sort code: 20-41-90, "twenty forty-one ninety"
    if cue == "routing" and n >= 6 or _bank_branch(n, ctx.near, cue):
        return "routing"
    if n == 9 and aba_ok(digits) and ctx.words & _BANK_WORDS:
        return "routing"
    if cue == "account" and n >= 6 and not _phone_after_cue(ctx.near, cue):
        return "account"
    if cue == "zip" and n in (5, 9):
        return "address"  # "the ZIP code? nine six oh seven oh"
    if cue == "ref" and n < 12 and not _phone_after_ref(ctx.near):
        return None  # "order number 4821 3345": a team's allow list can keep longer ones
    if cue == "iban" and n >= 8:
        return "iban"  # the digits of an IBAN whose letters the recogniser missed
    if cue == "id" and n == 4 and any(a == "last" and b in ("four", "4") for a, b in itertools.pairwise(ctx.near)):
        return "id"  # "the last four of your social?": a part of the id, as secret as the rest
    if groups == (3, 2, 4) or (cue in ("id", "sort") and n >= 6 and not _phone_after_cue(ctx.near, cue)):
        return "id"
    if 7 <= n <= 15 and (ctx.words & _PHONE_WORDS or spoken_digits or _phone_shaped(pieces, groups, n)):
        return "phone"
    if 10 <= n <= 15 and len(pieces) >= 3 and all(p.spoken for p in pieces):
        return "phone"  # "four fifteen, five fifty five, oh one hundred"
    one_token = len(pieces) == 1 and not pieces[0].spoken
    if n >= 12 or (n >= 9 and (one_token or spoken_digits)):
        return "id"
    return None


def _bank_branch(n: int, near: Sequence[str], cue: str | None) -> bool:
    """A Canadian bank's branch said in its two parts: the 5-digit transit number and the
    3-digit institution number ("transit and institution numbers?" - "71585, institution 006"),
    also when the account number was asked for in the same breath."""
    if cue not in ("routing", "account"):
        return False
    if n == 5:
        return "transit" in near
    return n == 3 and "institution" in near


def _phone_after_ref(near: Sequence[str]) -> bool:
    """Phone words said after the order or booking words: "your order number and phone?"."""
    return _phone_after_cue(near, "ref")


def _phone_after_cue(near: Sequence[str], kind: str) -> bool:
    """Phone words said after the last cue word of ``kind``: "that's my BSN. And a number to
    reach you?" asks for a phone number."""
    last = max((k for k, w in enumerate(near) if _CUES.get(w) == kind), default=-1)
    return any(w in _PHONE_WORDS - {"number"} for w in near[last + 1 :])


def _birth_year(pieces: list[_Piece], near: Sequence[str]) -> bool:
    """A year right after "born" or "born in" ("born in 1982", "born in eighty two")."""
    digits = "".join(p.digits for p in pieces)
    said = near[-1:] == ("born",) or near[-2:] == ("born", "in")
    asked = "year" in near[-8:] and any(_possessive(w) in _BIRTH_WORDS for w in near[-8:])  # "your year of birth?"
    if not (said or asked):
        return False
    return bool(_YEAR.match(digits)) or (len(digits) == 2 and len(pieces) == 1)


def _phone_shaped(pieces: list[_Piece], groups: tuple[int, ...], n: int) -> bool:
    if pieces[0].plus:
        return True
    if groups in ((3, 3, 4), (1, 3, 3, 4), (3, 4), (3, 7), (1, 3, 7), (1, 10)):
        return True
    token = pieces[0] if len(pieces) == 1 and not pieces[0].spoken else None
    if token is not None and (len(token.groups) > 1 or n in (10, 11)):
        return True
    # a national number with its trunk zero, in groups: "07700 900 461", "020 7946 0958"
    return n in (10, 11) and len(groups) >= 2 and not pieces[0].spoken and pieces[0].digits[:1] == "0" and 2 <= groups[0] <= 5
