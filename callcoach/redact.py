"""Redaction: personal data out of a call before anything downstream reads its words.

:func:`redact_call` runs right after transcription (or transcript loading) and before tagging,
metrics and scoring, so tags, stall quotes, the scorecard, the terminal summary, batch tables
and every file written only ever see placeholders. It finds card numbers, e-mail addresses,
phone numbers and national-id-like numbers with :func:`callcoach.pii.find_pii` and

- replaces the words of each find with one placeholder word (``[CARD]``, ``[EMAIL]``,
  ``[PHONE]``, ``[ID]``) spanning the first word's start to the last word's end, in the
  utterance text and in its words;
- records a :class:`~callcoach.call.Redaction` per placeholder: kind, utterance, time and the
  placeholder's characters in the text; never the value, nor a hash of it;
- keeps existing tag spans pointing at the same words, and redacts string values of
  ``Call.meta``.

A number read out over several utterances of one speaker (a card read in two breaths, or
around the other party's "mhm") is found as one: each speaker's utterances form one token
stream, broken by a pause over :data:`MAX_GAP_S` or by the other party saying more than a
backchannel. The words said just before (by anyone: "what's your card number?") are context.

:func:`redact_text` does the same for a plain string, and :func:`redacting_errors` for the
messages of errors raised while a call is read, which may quote a line of the transcript.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from callcoach.call import Call, Redaction, Tag, Utterance, Word
from callcoach.errors import CallcoachError, InputError
from callcoach.pii import CONTEXT_TOKENS, LEADING_PUNCTUATION, TRAILING_PUNCTUATION, find_pii

PLACEHOLDERS = {"card": "[CARD]", "email": "[EMAIL]", "phone": "[PHONE]", "id": "[ID]"}
#: A longer pause between two utterances of one speaker ends a number being read out.
MAX_GAP_S = 5.0
#: The other party saying more than this many words in between also ends it.
BACKCHANNEL_WORDS = 4
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


def redact_call(call: Call) -> Call:
    """A copy of ``call`` with personal data replaced by placeholders and recorded in
    ``call.redactions`` (appended to any made before, e.g. in a re-analysed analysis file)."""
    utts = call.utterances
    texts = [[m.group() for m in _TOKEN.finditer(u.text)] for u in utts]
    mirrored = [bool(u.words) and [w.text for w in u.words] == t for u, t in zip(utts, texts)]
    text_hits = _find(utts, texts)
    word_hits = text_hits
    if any(u.words and not m for u, m in zip(utts, mirrored)):
        word_hits = _find(utts, [[w.text for w in u.words] for u in utts])
    new_utts: list[Utterance] = []
    redactions = list(call.redactions)
    for k, u in enumerate(utts):
        if not text_hits.get(k) and not word_hits.get(k):
            new_utts.append(u)
            continue
        new_u, edits, records = _redact_utterance(u, text_hits.get(k, []), word_hits.get(k, []), mirrored[k])
        new_utts.append(new_u)
        redactions = [_moved(r, edits) if r.utterance_id == u.id else r for r in redactions] + records
    return call.with_(utterances=tuple(new_utts), redactions=tuple(redactions), meta=redact_value(call.meta))


def redact_text(text: str, strict: bool = False) -> str:
    """``text`` with personal data replaced by placeholders.

    Args:
        text: any string (a title, an error message).
        strict: also replace anything with an ``@`` and any run of 7 or more digits, however
            written; for text with no coaching value, such as an error quoting a clipped line.
    """
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    hits = [_Hit(s.start, s.end, s.kind) for s in find_pii([text[a:b] for a, b in spans])]
    out, _ = _replace(text, spans, hits)
    if strict:
        out = _STRICT_DIGITS.sub(PLACEHOLDERS["id"], _STRICT_EMAIL.sub(PLACEHOLDERS["email"], out))
    return out


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


def _find(utts: Sequence[Utterance], tokens: list[list[str]]) -> dict[int, list[_Hit]]:
    """Hits per utterance index, found on each speaker's stream of tokens."""
    flat = [(k, i) for k in range(len(utts)) for i in range(len(tokens[k]))]
    first: dict[int, int] = {}
    for g, (k, i) in enumerate(flat):
        first.setdefault(k, g)
    hits: dict[int, list[_Hit]] = {}
    for segment in _segments(utts, tokens):
        g0 = first[segment[0][0]]
        context = [tokens[k][i] for k, i in flat[max(0, g0 - CONTEXT_TOKENS) : g0]]
        for span in find_pii([tokens[k][i] for k, i in segment], context):
            for k, a, b in _per_utterance(segment[span.start : span.end]):
                hits.setdefault(k, []).append(_Hit(a, b, span.kind))
    return hits


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
                interrupted = interrupted or len(tokens[k]) > BACKCHANNEL_WORDS
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


def redact_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """A batch manifest's columns for a call (notes, deal names ...) with personal data replaced;
    ``path``, like every file name, is kept so the outputs still point at their input."""
    return {k: v if k == "path" else redact_value(v) for k, v in meta.items()}


def redact_value(value: Any) -> Any:
    """Strings inside ``value`` (dicts and lists walked) with personal data replaced."""
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {k: redact_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [redact_value(v) for v in value]
    return value
