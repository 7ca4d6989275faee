"""Redaction: personal data out of a call before anything downstream reads its words.

:func:`redact_call` runs right after transcription (or transcript loading) and before tagging,
metrics and scoring, so tags, stall quotes, the scorecard, the terminal summary, batch tables
and every file written only ever see placeholders. It finds the entities of a
:class:`RedactionPolicy` (card data, bank details, contact details and national ids by default;
dates of birth, addresses and person names on request; see :mod:`callcoach.pii`) with
:func:`callcoach.pii.find_pii` and

- replaces the words of each find with one placeholder word naming its entity (``[CARD]``,
  ``[CVV]``, ``[EXPIRY]``, ``[IBAN]``, ``[ACCOUNT]``, ``[ROUTING]``, ``[DOB]``, ``[ADDRESS]``,
  ``[NAME]``, ``[EMAIL]``, ``[PHONE]``, ``[ID]``) spanning the first word's start to the last
  word's end, in the utterance text and in its words;
- records a :class:`~callcoach.call.Redaction` per placeholder: kind, utterance, time and the
  placeholder's characters in the text; never the value, nor a hash of it;
- keeps existing tag spans pointing at the same words, and redacts string values of
  ``Call.meta``.

A number read out over several utterances of one speaker (a card read in two breaths, or in
pieces while the other party says "mhm", "go ahead", "got it, please go on") is found as one:
each speaker's utterances form one token stream, broken by a pause over :data:`MAX_GAP_S` or by
the other party saying more than a backchannel (more than :data:`BACKCHANNEL_WORDS` words, not
all of them backchannel words). The words said before (by anyone: "what's your card number?",
"and the three digits on the back?") are context, the other party's words in between too.

A policy's ``allow`` patterns keep what a team whitelists (order numbers ...), never card data;
``keep_rep_name`` keeps the name the rep gives as their own ("this is Dana from Acme") wherever
it is said. Names and places are found by pattern, and by spaCy's named-entity recogniser when
``person`` or ``address`` is asked for and ``en_core_web_sm`` can be loaded (loaded once, only
then; without it the patterns alone run).

:func:`redact_text` does the same for a plain string, and :func:`redacting_errors` for the
messages of errors raised while a call is read, which may quote a line of the transcript.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from callcoach.call import Call, Redaction, Tag, Utterance, Word
from callcoach.errors import CallcoachError, InputError
from callcoach.pii import (
    ALWAYS,
    DEFAULT_ENTITIES,
    ENTITIES,
    FAR_CONTEXT_TOKENS,
    LEADING_PUNCTUATION,
    TRAILING_PUNCTUATION,
    PiiSpan,
    date_key,
    date_spans,
    expiry_key,
    expiry_spans,
    find_pii,
    id_chars,
    is_number,
    last_four_said,
    normalise,
    number_digits,
)

PLACEHOLDERS = {
    "card": "[CARD]", "cvv": "[CVV]", "expiry": "[EXPIRY]", "iban": "[IBAN]", "account": "[ACCOUNT]",
    "routing": "[ROUTING]", "dob": "[DOB]", "address": "[ADDRESS]", "person": "[NAME]", "email": "[EMAIL]",
    "phone": "[PHONE]", "id": "[ID]",
}
#: A longer pause between two utterances of one speaker ends a number being read out.
MAX_GAP_S = 5.0
#: The other party saying more than this many words in between also ends it, unless every word
#: is a backchannel word ("Right, I have written it down, please go ahead.").
BACKCHANNEL_WORDS = 4
_BACKCHANNEL_MAX = 12
_BACKCHANNEL = {
    "right", "okay", "ok", "yes", "yeah", "yep", "yup", "sure", "got", "it", "go", "ahead", "on", "please", "i",
    "have", "i've", "written", "write", "down", "that", "mhm", "mm", "mmhm", "mm-hmm", "uh-huh", "uh", "huh", "um",
    "hmm", "continue", "and", "next", "great", "perfect", "thanks", "thank", "you", "alright", "all", "keep",
    "going", "noted", "with", "so", "far", "good", "correct", "ready", "sorry", "again", "wait", "moment", "second",
    "ma'am", "sir", "fine", "cool", "exactly", "carry", "take", "your", "time", "then", "after", "what's", "the",
    "rest", "following", "gotcha", "understood", "that's", "there", "still", "here", "listening", "one", "a",
    "mhmm", "of", "last", "bit", "part", "me", "let", "just", "get", "is", "now", "done", "k", "for", "whenever",
    "when", "you're", "remaining", "piece", "chunk", "block", "group", "lot", "yours", "away",
}
#: What a named-entity recogniser gives: per text, (first character, end character, label).
NerFn = Callable[[Sequence[str]], list[list[tuple[int, int, str]]]]
_NER_KINDS = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place"}


@dataclass(frozen=True, slots=True)
class RedactionPolicy:
    """What to take out: ``entities`` (see :data:`callcoach.pii.ENTITIES`; ``cvv`` always),
    whether to keep the rep's own name, and regular expressions of what a team keeps (order
    numbers ...): a find is kept when one matches its text in full, or a stretch from up to
    four words before it to its end ("order no 48213345"), case ignored; card data never."""

    entities: frozenset[str] = DEFAULT_ENTITIES
    keep_rep_name: bool = False
    allow: tuple[str, ...] = ()

    @property
    def wanted(self) -> frozenset[str]:
        return self.entities | ALWAYS


DEFAULT_POLICY = RedactionPolicy()


def parse_entities(value: str | Iterable[str]) -> tuple[str, ...]:
    """Entity names from ``card,cvv,email`` (or a list; ``all`` for every one), in
    :data:`~callcoach.pii.ENTITIES` order; an unknown name is an error listing the valid ones."""
    names = value.split(",") if isinstance(value, str) else [str(v) for v in value]
    names = [n.strip().lower() for n in names if n.strip()]
    if "all" in names:
        return ENTITIES
    unknown = [n for n in names if n not in ENTITIES]
    if unknown or not names:
        what = f"unknown entity {unknown[0]!r}" if unknown else "no entity named"
        raise CallcoachError(f"--redact-entities: {what}; valid: {', '.join(ENTITIES)}, all")
    return tuple(e for e in ENTITIES if e in names)
_TOKEN = re.compile(r"\S+")
# Strict patterns for error messages, which may quote a clipped line ("4111 1111 11…").
_STRICT_EMAIL = re.compile(r"[^\s'\"…]*@[^\s'\"…]*")
_STRICT_DIGITS = re.compile(r"\+?\d(?:[\s\-.()/]*\d){6,}")


@dataclass(frozen=True, slots=True)
class _Hit:
    """Tokens ``start:end`` of one utterance's token list hold personal data of ``kind``."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class _Edit:
    """Characters ``old`` of a text became characters ``new``."""

    old: tuple[int, int]
    new: tuple[int, int]


def recorded_policy(settings: dict[str, Any]) -> RedactionPolicy | None:
    """The policy an analysis was redacted under, from its ``settings`` (``redact`` and
    ``redact_entities``), or None when it was not redacted. Text added to such an analysis
    later (a coach's comment, an override's reason) is redacted the same way."""
    if not settings.get("redact"):
        return None
    entities = settings.get("redact_entities")
    if not entities:
        return DEFAULT_POLICY
    return RedactionPolicy(frozenset(e for e in entities if e in ENTITIES) or DEFAULT_ENTITIES)


def redact_call(call: Call, policy: RedactionPolicy | None = None, ner: NerFn | str | None = "auto") -> Call:
    """A copy of ``call`` with personal data replaced by placeholders and recorded in
    ``call.redactions`` (appended to any made before, e.g. in a re-analysed analysis file).

    Args:
        call: the call, with speakers and roles known (the rep's name is kept by role).
        policy: what to take out (default: :data:`DEFAULT_POLICY`).
        ner: a named-entity recogniser for names and places; ``"auto"``: spaCy's, when the
            policy asks for ``person`` or ``address`` and it can be loaded; None: patterns only.
    """
    policy = policy or DEFAULT_POLICY
    if ner == "auto":
        ner = spacy_ner() if policy.wanted & {"person", "address"} else None
    utts = call.utterances
    texts = [[m.group() for m in _TOKEN.finditer(u.text)] for u in utts]
    mirrored = [bool(u.words) and [w.text for w in u.words] == t for u, t in zip(utts, texts)]
    rep_names = _rep_names(call) if policy.keep_rep_name else None
    text_hits = _find(utts, texts, policy, ner, rep_names, call.roles.rep)  # type: ignore[arg-type]
    word_hits = text_hits
    if any(u.words and not m for u, m in zip(utts, mirrored)):
        words = [[w.text for w in u.words] for u in utts]
        word_hits = _find(utts, words, policy, ner, rep_names, call.roles.rep)  # type: ignore[arg-type]
    new_utts: list[Utterance] = []
    redactions = list(call.redactions)
    for k, u in enumerate(utts):
        if not text_hits.get(k) and not word_hits.get(k):
            new_utts.append(u)
            continue
        new_u, edits, records = _redact_utterance(u, text_hits.get(k, []), word_hits.get(k, []), mirrored[k])
        new_utts.append(new_u)
        redactions = [_moved(r, edits) if r.utterance_id == u.id else r for r in redactions] + records
    return call.with_(utterances=tuple(new_utts), redactions=tuple(redactions), meta=redact_value(call.meta, policy))


def redact_text(text: str, strict: bool = False, policy: RedactionPolicy | None = None) -> str:
    """``text`` with personal data replaced by placeholders (patterns only, no recogniser).

    Args:
        text: any string (a title, an error message).
        strict: also replace anything with an ``@`` and any run of 7 or more digits, however
            written; for text with no coaching value, such as an error quoting a clipped line.
        policy: what to take out (default: :data:`DEFAULT_POLICY`).
    """
    policy = policy or DEFAULT_POLICY
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    tokens = [text[a:b] for a, b in spans]
    found = _allowed(find_pii(tokens, entities=policy.wanted), tokens, policy)
    hits = [_Hit(s.start, s.end, s.kind) for s in found]
    out, _ = _replace(text, spans, hits)
    if strict:
        out = _STRICT_DIGITS.sub(PLACEHOLDERS["id"], _STRICT_EMAIL.sub(PLACEHOLDERS["email"], out))
    return out


def spacy_ner() -> NerFn | None:
    """spaCy ``en_core_web_sm``'s named-entity recogniser alone (loaded once per process), or
    None when spaCy or the model is not installed."""
    try:
        from callcoach.models import cached, resolve_nlp

        resolved = resolve_nlp(None)
        nlp = cached(("nlp-ner", str(resolved.path)), lambda: _load_ner(str(resolved.path)))
    except Exception:  # noqa: BLE001 - optional: the patterns still run
        return None

    def run(texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in nlp.pipe(texts, batch_size=256)]

    return run


def _load_ner(path: str) -> Any:
    import spacy

    return spacy.load(path, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])


@contextmanager
def redacting_errors(enabled: bool) -> Iterator[None]:
    """Re-raise a :class:`CallcoachError` with personal data taken out of its message (when
    ``enabled``), without the original chained to it."""
    try:
        yield
    except CallcoachError as exc:
        if not enabled:
            raise
        raise _redacted_error(exc) from None


def _redacted_error(exc: CallcoachError) -> CallcoachError:
    if isinstance(exc, InputError):
        return type(exc)(exc.path, redact_text(exc.problem, strict=True), redact_text(exc.fix, strict=True))
    try:
        return type(exc)(redact_text(str(exc), strict=True))
    except TypeError:  # a subclass with its own constructor
        return CallcoachError(redact_text(str(exc), strict=True))


# ------------------------------------------------------------------------------------------
# Finding: one token stream per speaker


def _find(
    utts: Sequence[Utterance],
    tokens: list[list[str]],
    policy: RedactionPolicy,
    ner: NerFn | None,
    rep_names: set[str] | None,
    rep: str | None,
) -> dict[int, list[_Hit]]:
    """Hits per utterance index, found on each speaker's stream of tokens."""
    flat = [(k, i) for k in range(len(utts)) for i in range(len(tokens[k]))]
    first: dict[int, int] = {}
    for g, (k, i) in enumerate(flat):
        first.setdefault(k, g)
    extra = _ner_spans(tokens, ner) if ner is not None else {}
    found: list[tuple[str, list[str], list[tuple[int, int]], PiiSpan]] = []
    for segment in _segments(utts, tokens):
        g0 = first[segment[0][0]]
        context = [tokens[k][i] for k, i in flat[max(0, g0 - FAR_CONTEXT_TOKENS) : g0]]
        breaks: dict[int, list[str]] = {}
        prev = g0
        for p, (k, i) in enumerate(segment):
            g = first[k] + i
            if p and i == 0:
                breaks[p] = [tokens[kk][ii] for kk, ii in flat[prev + 1 : g]]
            prev = g
        stream = [tokens[k][i] for k, i in segment]
        where = {pos: p for p, pos in enumerate(segment)}
        seg_extra = [
            PiiSpan(where[(k, a)], where[(k, b - 1)] + 1, kind)
            for k in dict.fromkeys(k for k, _ in segment)
            for a, b, kind in extra.get(k, ())
        ]
        spans = find_pii(stream, context, policy.wanted, breaks, seg_extra)
        speaker = utts[segment[0][0]].speaker
        found.extend((speaker, stream, segment, s) for s in _allowed(spans, stream, policy))
    if rep_names is not None:
        for speaker, stream, _, s in found:
            if s.kind == "person" and s.note == "self" and speaker == rep:
                rep_names |= _name_words(stream[s.start : s.end])
    hits: dict[int, list[_Hit]] = {}
    for _, stream, segment, span in found:
        if rep_names and span.kind == "person" and _name_words(stream[span.start : span.end]) <= rep_names:
            continue  # the rep's own name (keep_rep_name)
        for k, a, b in _per_utterance(segment[span.start : span.end]):
            hits.setdefault(k, []).append(_Hit(a, b, span.kind))
    _read_backs(utts, tokens, hits)
    if "person" in policy.wanted:
        _said_again(tokens, hits, rep_names or set())
    return hits


#: Name words that are also common words: said again, they are a name only where a capital
#: letter in mid-sentence says so ("May Wright" found, "May I ask" kept).
_COMMON_NAME_WORDS = {
    "may", "will", "mark", "bill", "hope", "grace", "joy", "faith", "summer", "june", "april", "august", "rose", "pat",
    "sue", "art", "frank", "rich", "drew", "gene", "chase", "hunter", "lane", "page", "penny", "sunny", "dawn", "eve",
    "guy", "sky", "star", "major", "king", "bishop", "brown", "green", "white", "black", "young", "long", "little",
    "hill", "wood", "park", "field", "ford", "price", "cook", "baker", "hall", "mason", "carter", "miller", "porter",
    "walker", "turner", "cash", "best", "rush", "well", "wells", "case", "law", "day", "north", "south", "west",
    "east", "moss", "fox", "bird", "love", "ray", "dean", "don", "jean", "ben", "al", "van", "de", "la", "le", "del",
}


def _said_again(tokens: list[list[str]], hits: dict[int, list[_Hit]], keep: set[str]) -> None:
    """Add to ``hits`` a person's name said again anywhere in the call ("thanks, Amber",
    "Amber's date of birth?") once it was found somewhere (given, spelled, asked for): the
    same word, capitalised as a name (a common word such as "May" only in mid-sentence), or in
    a turn written all in lower case."""
    from callcoach.pii_words import name_word_ok

    names: set[str] = set()
    for k, hs in hits.items():
        for h in hs:
            if h.kind == "person":
                names |= {w for w in _name_words(tokens[k][h.start : h.end]) if name_word_ok(w)}
    names -= keep
    if not names:
        return
    for k, toks in enumerate(tokens):
        taken = {i for h in hits.get(k, []) for i in range(h.start, h.end)}
        lowered = not any(c.isupper() for t in toks if t not in ("I", "I'm", "I've", "I'll", "I'd") for c in t)
        i = 0
        while i < len(toks):
            j = i
            while j < len(toks) and j not in taken and _name_again(toks, j, names, lowered):
                j += 1
                if toks[j - 1].rstrip()[-1:] in ",.;:!?":
                    break
            if j > i:
                hits.setdefault(k, []).append(_Hit(i, j, "person"))
                i = j
            else:
                i += 1


def _name_again(toks: list[str], i: int, names: set[str], lowered: bool) -> bool:
    word = re.sub(r"['’]s$", "", toks[i].strip(LEADING_PUNCTUATION + TRAILING_PUNCTUATION))
    low = word.lower()
    if low not in names:
        return False
    mid = i > 0 and toks[i - 1].rstrip()[-1:] not in ".!?"
    if low in _COMMON_NAME_WORDS:
        return mid and word[:1].isupper() and word[1:].islower()
    return (word[:1].isupper() and (word[1:].islower() or "-" in word)) or (lowered and word.islower())


#: Kinds of numbers whose digits, read back by the other party, are as secret as the original.
_READ_BACK_KINDS = {"card", "cvv", "expiry", "iban", "account", "routing", "phone", "id"}
#: Words just before digits that make them the card's last four, kept: "the card ending 4242".
_LAST_FOUR = {"ending", "ends", "ended", "last", "finishing"}
#: How many turns after a number its digits may be read back ("0161, yes", "so that's 496 0753?").
READ_BACK_TURNS = 2


def _read_backs(utts: Sequence[Utterance], tokens: list[list[str]], hits: dict[int, list[_Hit]]) -> None:
    """Add to ``hits`` the digits of a number the other party reads back within
    :data:`READ_BACK_TURNS` turns ("07700, yes", "seven one eight, got it"): 3 or more digits
    that are part of a number found in the turns just before, said by the other speaker (of
    an address: all its digits, 4 or more, as a postcode or ZIP is read back); not the last
    four of a card said after "ending"."""
    _date_read_backs(utts, tokens, hits)
    _expiry_read_backs(tokens, hits)
    _id_read_backs(tokens, hits)
    for k, u in enumerate(utts):
        norms: list[str] | None = None
        for j in range(max(0, k - READ_BACK_TURNS), k):
            if utts[j].speaker == u.speaker or not hits.get(j):
                continue
            said = [(h.kind, "".join(d for _, _, d in number_digits([normalise(t) for t in tokens[j][h.start : h.end]])))
                    for h in hits[j] if h.kind in _READ_BACK_KINDS or h.kind == "address"]
            if not any(d for _, d in said):
                continue
            norms = norms if norms is not None else [normalise(t) for t in tokens[k]]
            taken = {i for h in hits.get(k, []) for i in range(h.start, h.end)}
            for a, b, digits in number_digits(norms):
                if len(digits) < 3 or taken & set(range(a, b)) or _LAST_FOUR & set(norms[max(0, a - 4) : a]):
                    continue
                # a postcode or ZIP read back whole ("Just to confirm, 49433"); not a house
                # number's digits inside a price
                kind = next((kd for kd, d in said if ((digits == d and len(d) >= 4) if kd == "address" else digits in d)), None)
                if kind is not None:
                    hits.setdefault(k, []).append(_Hit(a, b, kind))
                    taken |= set(range(a, b))


def _expiry_read_backs(tokens: list[list[str]], hits: dict[int, list[_Hit]]) -> None:
    """Add to ``hits`` a card's expiry date said again within :data:`DATE_READ_BACK_TURNS`
    turns, by either party, in another rendering ("eight thirty-one" read back as "August
    thirty-one", "February 2028" as "oh two two eight"); not after "ending"."""
    for k in range(len(tokens)):
        keys = {expiry_key([normalise(t) for t in tokens[j][h.start : h.end]])
                for j in range(max(0, k - DATE_READ_BACK_TURNS), k + 1) for h in hits.get(j, []) if h.kind == "expiry"}
        keys.discard(None)
        if not keys:
            continue
        norms = [normalise(t) for t in tokens[k]]
        taken = {i for h in hits.get(k, []) for i in range(h.start, h.end)}
        for key in keys:
            for a, b in expiry_spans(norms, key):  # type: ignore[arg-type]
                if taken & set(range(a, b)) or last_four_said(norms[max(0, a - 4) : a]):
                    continue
                hits.setdefault(k, []).append(_Hit(a, b, "expiry"))
                taken |= set(range(a, b))


def _id_read_backs(tokens: list[list[str]], hits: dict[int, list[_Hit]]) -> None:
    """Add to ``hits`` an id of letters and digits said again within :data:`READ_BACK_TURNS`
    turns ("I'm reading D R Z, seven zero P ..."), where no id words are near to say it is
    one: tokens whose characters (:func:`~callcoach.pii.id_chars`) spell the same id, words
    such as "as in Ivy" allowed between them."""
    for k in range(len(tokens)):
        keys = {"".join(id_chars(tokens[j][h.start : h.end]))
                for j in range(max(0, k - READ_BACK_TURNS), k) for h in hits.get(j, []) if h.kind == "id"}
        keys = {key for key in keys if len(key) >= 6 and any(c.isalpha() for c in key)}
        if not keys:
            continue
        chars = id_chars(tokens[k])
        taken = {i for h in hits.get(k, []) for i in range(h.start, h.end)}
        for a in range(len(chars)):
            if not chars[a] or a in taken:
                continue
            for key in keys:
                end = _spells_id(chars, a, key)
                if end is not None and not taken & set(range(a, end)):
                    hits.setdefault(k, []).append(_Hit(a, end, "id"))
                    taken |= set(range(a, end))


def _spells_id(chars: Sequence[str], a: int, key: str) -> int | None:
    """The end of the tokens from ``a`` whose characters are ``key`` (at most three tokens
    without characters between two that have them), or None."""
    got, b, gap = "", a, 0
    while b < len(chars) and len(got) < len(key):
        if chars[b]:
            got, gap = got + chars[b], 0
            if not key.startswith(got):
                return None
        else:
            gap += 1
            if gap > 3:
                return None
        b += 1
    return b if got == key else None


#: How many turns after a date of birth it may be read back ("I have 9 Apr 1998 on file, is that right?").
DATE_READ_BACK_TURNS = 3


def _date_read_backs(utts: Sequence[Utterance], tokens: list[list[str]], hits: dict[int, list[_Hit]]) -> None:
    """Add to ``hits`` a date of birth the other party says again within
    :data:`DATE_READ_BACK_TURNS` turns, in any rendering ("the eleventh, November, eighty-nine"
    read back as "11/11/89"): a date whose numbers are those of a date of birth found just
    before (the year may be left out), or, with three numbers, those of its parts given one by
    one or corrected. Other dates (an appointment) have other numbers."""
    for k, u in enumerate(utts):
        keys: set[tuple[int, ...]] = set()
        for j in range(max(0, k - DATE_READ_BACK_TURNS), k):
            if utts[j].speaker == u.speaker:
                continue
            keys |= {date_key([normalise(t) for t in tokens[j][h.start : h.end]])
                     for h in hits.get(j, []) if h.kind == "dob"}
        # the parts given one by one or put right ("June sixth" - "'55"; "the 18th, no, the 8th")
        # make one date together: "oh six, six, fifty-five", "08/09/2006"
        union = sum((Counter(key) for key in keys), Counter())
        keys = {key for key in keys if len(key) >= 3}
        if not keys and sum(union.values()) < 3:
            continue
        norms = [normalise(t) for t in tokens[k]]
        taken = {i for h in hits.get(k, []) for i in range(h.start, h.end)}
        for a, b in date_spans(norms):
            said = date_key(norms[a:b])
            if taken & set(range(a, b)) or len(said) < 2:
                continue
            if any(said == key or (len(said) == 2 and not Counter(said) - Counter(key)) for key in keys) or (
                    len(said) >= 3 and not Counter(said) - union):
                hits.setdefault(k, []).append(_Hit(a, b, "dob"))
                taken |= set(range(a, b))


def _name_words(tokens: Sequence[str]) -> set[str]:
    return {re.sub(r"'s$", "", normalise(t)) for t in tokens} - {""}


def _rep_names(call: Call) -> set[str]:
    """The rep's name as the call knows it: an enrolled voice's name, a transcript's speaker
    name (not ``A``, ``left`` ...); the names the rep gives in the call are added later."""
    names: set[str] = set()
    for name in (call.roles.name, call.roles.rep):
        if name and name not in ("left", "right") and len(name) > 1:
            names |= {w for w in re.split(r"[\s_.\-]+", name.lower()) if len(w) > 1}
    return names


def _allowed(spans: list[PiiSpan], stream: Sequence[str], policy: RedactionPolicy) -> list[PiiSpan]:
    """``spans`` without those a policy's allow patterns keep (never card data)."""
    if not policy.allow:
        return spans
    patterns = _compile(policy.allow)
    out = []
    for s in spans:
        if s.kind in ("card", "cvv", "expiry") or not _kept(patterns, stream, s):
            out.append(s)
    return out


def _kept(patterns: tuple[re.Pattern[str], ...], stream: Sequence[str], s: PiiSpan) -> bool:
    text = " ".join(stream[s.start : s.end]).strip(LEADING_PUNCTUATION + TRAILING_PUNCTUATION)
    candidates = [text, re.sub(r"[\W_]", "", text)]
    for b in range(s.start - 1, max(-1, s.start - 5), -1):
        candidates.append(" ".join(stream[b : s.end]).strip(LEADING_PUNCTUATION + TRAILING_PUNCTUATION))
    return any(p.fullmatch(c) for p in patterns for c in candidates)


@lru_cache(maxsize=64)
def _compile(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


def _ner_spans(tokens: list[list[str]], ner: NerFn) -> dict[int, list[tuple[int, int, str]]]:
    """Per utterance, the token ranges of names (``person``) and places (``place``) found by a
    recogniser on its tokens joined by spaces."""
    texts = [" ".join(t) for t in tokens]
    out: dict[int, list[tuple[int, int, str]]] = {}
    for k, ents in enumerate(ner(texts)):
        starts, pos = [], 0
        for t in tokens[k]:
            starts.append(pos)
            pos += len(t) + 1
        for a, b, label in ents:
            kind = _NER_KINDS.get(label)
            if kind is None:
                continue
            first = max(i for i, s in enumerate(starts) if s <= a)
            last = max(i for i, s in enumerate(starts) if s < b)
            words = [t.strip(LEADING_PUNCTUATION + TRAILING_PUNCTUATION) for t in tokens[k][first : last + 1]]
            if kind == "person" and not all(w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha() for w in words):
                continue  # "Order ORD-48213345" is not a name
            out.setdefault(k, []).append((first, last + 1, kind))
    return out


def _segments(utts: Sequence[Utterance], tokens: list[list[str]]) -> list[list[tuple[int, int]]]:
    """Each speaker's tokens as (utterance index, token index) streams, cut at long pauses and
    at the other party saying more than a backchannel."""
    segments: list[list[tuple[int, int]]] = []
    for speaker in dict.fromkeys(u.speaker for u in utts):
        current: list[tuple[int, int]] = []
        last: Utterance | None = None
        interrupted = False
        for k, u in enumerate(utts):
            if u.speaker != speaker:
                interrupted = interrupted or not _backchannel(tokens[k])
                continue
            if not tokens[k]:
                continue
            if current and (interrupted or _gap(last, u) > MAX_GAP_S):
                segments.append(current)
                current = []
            current.extend((k, i) for i in range(len(tokens[k])))
            last, interrupted = u, False
        if current:
            segments.append(current)
    return segments


def _backchannel(tokens: list[str]) -> bool:
    """A few words, or a few more that only keep the other party going ("Right, I have written
    it down, please go ahead.")."""
    if len(tokens) <= BACKCHANNEL_WORDS:
        return True
    # the digits just said, read back, keep the other party going too: "seven one eight, got it"
    return len(tokens) <= _BACKCHANNEL_MAX and all(normalise(t) in _BACKCHANNEL or is_number(normalise(t)) for t in tokens)


def _gap(a: Utterance | None, b: Utterance) -> float:
    if a is None or a.end is None or b.start is None:
        return 0.0
    return b.start - a.end


def _per_utterance(positions: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(utterance, first token, end token) for each utterance a span of positions touches."""
    out: list[tuple[int, int, int]] = []
    for k, i in positions:
        if out and out[-1][0] == k:
            out[-1] = (k, out[-1][1], i + 1)
        else:
            out.append((k, i, i + 1))
    return out


# ------------------------------------------------------------------------------------------
# Replacing


def _redact_utterance(
    u: Utterance, text_hits: list[_Hit], word_hits: list[_Hit], mirrored: bool
) -> tuple[Utterance, list[_Edit], list[Redaction]]:
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(u.text)]
    text, edits = _replace(u.text, spans, text_hits)
    words = _collapse(u.words, text_hits if mirrored else word_hits) if u.words else ()
    records: list[Redaction] = []
    for hit, edit in zip(sorted(text_hits, key=lambda h: h.start), edits):
        if mirrored:
            start, end = u.words[hit.start].start, u.words[hit.end - 1].end
        else:
            start, end = _interpolate(u, edit.old, len(u.text))
        records.append(Redaction(hit.kind, u.id, start, end, edit.new))
    tags = tuple(_moved_tag(t, edits) for t in u.tags)
    return Utterance(u.id, u.speaker, u.start, u.end, text, words, tags), edits, records


def _replace(text: str, spans: list[tuple[int, int]], hits: list[_Hit]) -> tuple[str, list[_Edit]]:
    """Replace tokens ``hit.start:hit.end`` (character ``spans``) by placeholders, keeping the
    punctuation around them; return the new text and the character edits made."""
    out: list[str] = []
    edits: list[_Edit] = []
    pos = 0
    length = 0
    for hit in sorted(hits, key=lambda h: h.start):
        a = spans[hit.start][0] + _lead(text[slice(*spans[hit.start])])
        b = spans[hit.end - 1][1] - _trail(text[slice(*spans[hit.end - 1])])
        out.append(text[pos:a])
        length += a - pos
        placeholder = PLACEHOLDERS[hit.kind]
        edits.append(_Edit((a, b), (length, length + len(placeholder))))
        out.append(placeholder)
        length += len(placeholder)
        pos = b
    out.append(text[pos:])
    return "".join(out), edits


def _lead(token: str) -> int:
    return len(token) - len(token.lstrip(LEADING_PUNCTUATION))


def _trail(token: str) -> int:
    return len(token) - len(token.rstrip(TRAILING_PUNCTUATION))


def _collapse(words: tuple[Word, ...], hits: list[_Hit]) -> tuple[Word, ...]:
    """Words with each hit's words replaced by one placeholder word over their time span."""
    if not hits:
        return words
    out: list[Word] = []
    pos = 0
    for hit in sorted(hits, key=lambda h: h.start):
        out.extend(words[pos : hit.start])
        first, last = words[hit.start], words[hit.end - 1]
        before, after = first.text[: _lead(first.text)], last.text[len(last.text) - _trail(last.text) :]
        text = before + PLACEHOLDERS[hit.kind] + after
        p = min(w.probability for w in words[hit.start : hit.end])
        out.append(Word(first.start, last.end, text, p))
        pos = hit.end
    out.extend(words[pos:])
    return tuple(out)


def _interpolate(u: Utterance, chars: tuple[int, int], length: int) -> tuple[float | None, float | None]:
    """Times of characters of an utterance without word times: in proportion to the text."""
    if u.start is None or u.end is None or length == 0:
        return u.start, u.end
    d = u.end - u.start
    return u.start + d * chars[0] / length, u.start + d * chars[1] / length


def _move(pos: int, edits: list[_Edit], is_end: bool) -> int:
    """Where character offset ``pos`` of the old text is in the new one (a position inside a
    replaced stretch goes to the placeholder's start, or its end for the end of a span)."""
    shift = 0
    for e in edits:
        a, b = e.old
        if pos <= a:
            break
        if pos < b:
            return e.new[1] if is_end else e.new[0]
        shift = e.new[1] - b
    return pos + shift


def _moved_tag(tag: Tag, edits: list[_Edit]) -> Tag:
    if tag.span is None or not edits:
        return tag
    a, b = tag.span
    return Tag(tag.label, tag.utterance_id, tag.score, (_move(a, edits, False), _move(b, edits, True)), tag.source)


def _moved(r: Redaction, edits: list[_Edit]) -> Redaction:
    span = (_move(r.span[0], edits, False), _move(r.span[1], edits, True))
    return Redaction(r.kind, r.utterance_id, r.start, r.end, span)


def redact_meta(meta: dict[str, Any], policy: RedactionPolicy | None = None) -> dict[str, Any]:
    """A batch manifest's columns for a call (notes, deal names ...) with personal data replaced;
    ``path``, like every file name, is kept so the outputs still point at their input, and the
    columns that name the team's own side (the rep, the rep's channel or speaker, the stage) so
    the report can group by them."""
    return {k: v if k in _META_KEPT else redact_value(v, policy) for k, v in meta.items()}


_META_KEPT = {"path", "rep", "rep_channel", "rep_speaker", "rep_voice", "stage", "team"}


def redact_value(value: Any, policy: RedactionPolicy | None = None) -> Any:
    """Strings inside ``value`` (dicts and lists walked) with personal data replaced."""
    if isinstance(value, str):
        return redact_text(value, policy=policy)
    if isinstance(value, dict):
        return {k: redact_value(v, policy) for k, v in value.items()}
    if isinstance(value, list):
        return [redact_value(v, policy) for v in value]
    return value
