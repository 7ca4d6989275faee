"""Coaching metrics of one call: pure functions over a (tagged) :class:`~callcoach.call.Call`.

``compute_metrics(call)`` returns a frozen :class:`Metrics`; ``Metrics.to_dict()`` is its JSON
form. Every JSON key carries its unit: ``_s`` seconds, ``_pct`` percent (0-100), ``_per_min`` per
minute, ``_per_10_min`` per ten minutes; bare names are counts.

Sides and roles
    The *rep side* is every speaker whose role is ``rep``, the *customer side* every speaker
    whose role is ``customer``. Speakers of role ``unknown`` belong to neither side. Metrics
    that need sides are None (and listed in ``unavailable``) unless the call has at least one
    rep and one customer.

Time
    A speaker's speech regions are the spans of their words (or of their utterances where a
    transcript has no word times), with their speech that has no words (``unworded_speech``:
    voice-activity regions attributed by voice on mono calls), merged across pauses of at most
    0.5 s, as in
    :func:`callcoach.speakers.assign.talk_time`. Utterances are taken in time order (start,
    then id). When any utterance lacks a time, every time-based metric is None and listed in
    ``unavailable`` ("the transcript has no timestamps"); counts still work.

Unavailable
    A metric that cannot be computed is None, and ``unavailable`` lists it once with its
    reason(s), joined by "; ": ``{"metric": "talk", "reason": "roles unknown"}``. ``metric`` is
    a JSON path: a group (``talk``, ``longest_monologue``, ``longest_customer_story``,
    ``patience``, ``overlap``, ``questions``: all its fields) or one field
    (``questions.rep_questions_per_10_min``, ``speakers.talk_s``: that field of every
    speaker). :meth:`Metrics.unavailable_reason` answers for any path.

Backchannel
    An utterance of at most ``backchannel_max_words`` words (default 3) lasting at most
    ``backchannel_max_seconds`` (default 1.5 s): "right", "okay", "mm-hmm", "got it".

Definitions
    ``duration_s``
        ``call.duration`` (the recording), else the end of the last utterance.
    ``speakers[]``
        per speaker: ``utterances``, ``words`` (tokens holding a letter or digit),
        ``filler_words``, ``talk_s`` (speech regions), ``words_per_min`` (words / talk
        minutes) and ``fillers_per_min`` (fillers / talk minutes).
    ``talk``
        ``rep_talk_s`` / ``customer_talk_s``: the sum of the talk seconds of the side's speakers;
        ``rep_talk_pct`` = rep / (rep + customer) * 100 and ``customer_talk_pct`` = 100 - it.
    ``longest_monologue``
        the longest stretch in which only the rep side speaks, apart from customer (or other)
        backchannels; any other utterance ends it. ``duration_s`` is wall-clock time from the
        start of its first rep utterance to the end of its last (pauses and backchannels
        inside count); ``utterance_ids`` lists every utterance inside it, tolerated
        backchannels included; ``backchannels`` counts those. 0 s with no ids if the rep never
        speaks.
    ``longest_customer_story``
        the same for the customer side (rep backchannels do not end it).
    ``interactivity``
        ``speaker_switches``: changes of speaker between consecutive utterances, all of them,
        backchannels included (the way Gong counts, so published targets apply);
        ``substantive_speaker_switches``: the same after dropping every backchannel, i.e. real
        exchanges of the floor. Each also ``_per_min`` of ``duration_s``. Needs no roles; the
        counts need no times either (input order is used).
    ``patience``
        a *customer turn* is a run of consecutive customer utterances; if it holds at least
        one utterance that is not a backchannel and the next utterance is the rep's, the
        response pause is the rep's start minus the turn's end. Overlaps (negative pauses)
        count as 0 s; pauses of 5 s or more are left out (a hold or a change of topic, not a
        response). ``mean_response_pause_s`` averages the rest (None if there are none);
        ``responses`` counts them and ``rushed_responses`` those under 0.3 s. Customer
        backchannels do not open a turn: the rep carrying on after "mm-hmm" is not rushing.
    ``questions``
        from the tags ``question.open`` / ``question.closed`` on utterances (a call without
        tags has zero questions). A question is one (utterance, span); a span tagged both ways
        counts once in the totals and once in each of ``rep_open_questions`` and
        ``rep_closed_questions``. ``rep_questions_per_10_min`` uses ``duration_s``;
        ``rep_questions_by_quarter`` counts rep questions by the quarter of [0, duration_s] in
        which the question starts (from word times, else by its place in the utterance text);
        ``rep_question_spread_pct`` is the share of the four quarters with at least one.
    ``overlap``
        ``customer_talk_overlapped_s``: the time in which the customer side's speech regions
        and the rep side's intersect; ``customer_talk_overlapped_pct``: that over the customer
        side's talk time (union of its regions) * 100. ``accuracy`` is ``exact`` when speakers
        were told apart by stereo channels, else ``estimated``: on mono each word is given to
        one speaker, so overlap there comes mostly from bridged pauses and is a rough figure.
    Filler words
        "um", "uh", "erm", "hmm" (and stretched spellings: "umm", "uhh"); "like" when a comma
        or a pause of 0.5 s or more (word times) precedes it or a comma follows it; "you know"
        and "I mean" when set off on both sides (start of utterance or punctuation before,
        punctuation or end of utterance after: "it's, you know, hard", "I mean, we tried").
        Each occurrence is one filler. This is a lower bound: Whisper drops many fillers from
        its transcripts.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from callcoach.call import Call, Utterance, Word
from callcoach.speakers.assign import speech_regions

BRIDGE_S = 0.5  # pauses bridged inside a speech region (as talk_time)
PATIENCE_MAX_GAP_S = 5.0  # response pauses this long or longer are left out
RUSHED_BELOW_S = 0.3  # a response pause under this is "rushed"
FILLER_PAUSE_S = 0.5  # a pause this long before "like" marks it as a filler

NO_TIMES = "the transcript has no timestamps"
ROLES_UNKNOWN = "roles unknown"
NO_REP = "no speaker has the rep role"
NO_CUSTOMER = "no speaker has the customer role"
NO_UTTERANCES = "the call has no utterances"
QUESTION_LABELS = ("question.open", "question.closed")

_FILLER = re.compile(r"u+m+|u+h+m*|e+r+m+|h+m+")
_EDGE_PUNCT = re.compile(r"^[^\w']+|[^\w']+$")
_BREAK_PUNCT = (",", ".", "?", "!", ";", ":", "…", "-", "—")
_HAS_ALNUM = re.compile(r"[^\W_]")


# ------------------------------------------------------------------------------------------
# The result


def _opt(x: Any, cast: Callable[[Any], Any]) -> Any:
    return None if x is None else cast(x)


@dataclass(frozen=True, slots=True)
class SpeakerMetrics:
    """Counts and rates of one speaker."""

    speaker: str
    role: str
    utterances: int
    words: int
    filler_words: int
    talk_s: float | None
    words_per_min: float | None
    fillers_per_min: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "role": self.role,
            "utterances": self.utterances,
            "words": self.words,
            "filler_words": self.filler_words,
            "talk_s": self.talk_s,
            "words_per_min": self.words_per_min,
            "fillers_per_min": self.fillers_per_min,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SpeakerMetrics:
        return cls(
            str(d["speaker"]),
            str(d.get("role", "unknown")),
            int(d["utterances"]),
            int(d["words"]),
            int(d["filler_words"]),
            _opt(d.get("talk_s"), float),
            _opt(d.get("words_per_min"), float),
            _opt(d.get("fillers_per_min"), float),
        )


@dataclass(frozen=True, slots=True)
class TalkMetrics:
    """Talk time of each side and the rep's share."""

    rep_talk_s: float | None = None
    customer_talk_s: float | None = None
    rep_talk_pct: float | None = None
    customer_talk_pct: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rep_talk_s": self.rep_talk_s,
            "customer_talk_s": self.customer_talk_s,
            "rep_talk_pct": self.rep_talk_pct,
            "customer_talk_pct": self.customer_talk_pct,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TalkMetrics:
        return cls(
            *(_opt(d.get(k), float) for k in ("rep_talk_s", "customer_talk_s", "rep_talk_pct", "customer_talk_pct"))
        )


@dataclass(frozen=True, slots=True)
class Stretch:
    """The longest monologue of the rep, or the longest story of the customer."""

    duration_s: float | None = None
    start_s: float | None = None
    end_s: float | None = None
    utterance_ids: tuple[int, ...] = ()
    backchannels: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "duration_s": self.duration_s,
            "start_s": self.start_s,
            "end_s": self.end_s,
            "utterance_ids": list(self.utterance_ids),
            "backchannels": self.backchannels,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Stretch:
        return cls(
            _opt(d.get("duration_s"), float),
            _opt(d.get("start_s"), float),
            _opt(d.get("end_s"), float),
            tuple(int(i) for i in d.get("utterance_ids", ())),
            _opt(d.get("backchannels"), int),
        )


@dataclass(frozen=True, slots=True)
class Interactivity:
    """Changes of speaker: all of them, and those between non-backchannel utterances."""

    speaker_switches: int = 0
    switches_per_min: float | None = None
    substantive_speaker_switches: int = 0
    substantive_switches_per_min: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker_switches": self.speaker_switches,
            "switches_per_min": self.switches_per_min,
            "substantive_speaker_switches": self.substantive_speaker_switches,
            "substantive_switches_per_min": self.substantive_switches_per_min,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Interactivity:
        return cls(
            int(d["speaker_switches"]),
            _opt(d.get("switches_per_min"), float),
            int(d["substantive_speaker_switches"]),
            _opt(d.get("substantive_switches_per_min"), float),
        )


@dataclass(frozen=True, slots=True)
class Patience:
    """How long the rep waits after the customer finishes."""

    mean_response_pause_s: float | None = None
    responses: int | None = None
    rushed_responses: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "mean_response_pause_s": self.mean_response_pause_s,
            "responses": self.responses,
            "rushed_responses": self.rushed_responses,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Patience:
        return cls(
            _opt(d.get("mean_response_pause_s"), float),
            _opt(d.get("responses"), int),
            _opt(d.get("rushed_responses"), int),
        )


@dataclass(frozen=True, slots=True)
class Questions:
    """Questions from the ``question.open`` / ``question.closed`` tags."""

    rep_questions: int | None = None
    rep_open_questions: int | None = None
    rep_closed_questions: int | None = None
    customer_questions: int | None = None
    rep_questions_per_10_min: float | None = None
    rep_questions_by_quarter: tuple[int, int, int, int] | None = None
    rep_question_spread_pct: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rep_questions": self.rep_questions,
            "rep_open_questions": self.rep_open_questions,
            "rep_closed_questions": self.rep_closed_questions,
            "customer_questions": self.customer_questions,
            "rep_questions_per_10_min": self.rep_questions_per_10_min,
            "rep_questions_by_quarter": None
            if self.rep_questions_by_quarter is None
            else list(self.rep_questions_by_quarter),
            "rep_question_spread_pct": self.rep_question_spread_pct,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Questions:
        q = d.get("rep_questions_by_quarter")
        return cls(
            _opt(d.get("rep_questions"), int),
            _opt(d.get("rep_open_questions"), int),
            _opt(d.get("rep_closed_questions"), int),
            _opt(d.get("customer_questions"), int),
            _opt(d.get("rep_questions_per_10_min"), float),
            None if q is None else tuple(int(x) for x in q),  # type: ignore[arg-type]
            _opt(d.get("rep_question_spread_pct"), float),
        )


@dataclass(frozen=True, slots=True)
class Overlap:
    """Customer talk time during which the rep talks too."""

    customer_talk_overlapped_s: float | None = None
    customer_talk_overlapped_pct: float | None = None
    accuracy: str = "estimated"  # "exact" (stereo channels) or "estimated"
    attribution_method: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "customer_talk_overlapped_s": self.customer_talk_overlapped_s,
            "customer_talk_overlapped_pct": self.customer_talk_overlapped_pct,
            "accuracy": self.accuracy,
            "attribution_method": self.attribution_method,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Overlap:
        return cls(
            _opt(d.get("customer_talk_overlapped_s"), float),
            _opt(d.get("customer_talk_overlapped_pct"), float),
            str(d.get("accuracy", "estimated")),
            str(d.get("attribution_method", "")),
        )


@dataclass(frozen=True, slots=True)
class Unavailable:
    """A metric that could not be computed, and why. ``metric`` is a JSON path: a group
    (``patience``: all its fields) or one field (``questions.rep_questions_per_10_min``)."""

    metric: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"metric": self.metric, "reason": self.reason}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Unavailable:
        return cls(str(d["metric"]), str(d["reason"]))


@dataclass(frozen=True, slots=True)
class MetricSettings:
    """The thresholds the metrics were computed with (recorded so numbers can be reproduced)."""

    backchannel_max_words: int = 3
    backchannel_max_seconds: float = 1.5
    talk_bridge_s: float = BRIDGE_S
    patience_max_gap_s: float = PATIENCE_MAX_GAP_S
    rushed_below_s: float = RUSHED_BELOW_S

    def to_dict(self) -> dict[str, Any]:
        return {
            "backchannel_max_words": self.backchannel_max_words,
            "backchannel_max_seconds": self.backchannel_max_seconds,
            "talk_bridge_s": self.talk_bridge_s,
            "patience_max_gap_s": self.patience_max_gap_s,
            "rushed_below_s": self.rushed_below_s,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> MetricSettings:
        return cls(
            int(d.get("backchannel_max_words", 3)),
            float(d.get("backchannel_max_seconds", 1.5)),
            float(d.get("talk_bridge_s", BRIDGE_S)),
            float(d.get("patience_max_gap_s", PATIENCE_MAX_GAP_S)),
            float(d.get("rushed_below_s", RUSHED_BELOW_S)),
        )


@dataclass(frozen=True, slots=True)
class Metrics:
    """Every metric of one call; see the module docstring for the definitions."""

    duration_s: float | None
    has_timestamps: bool
    roles_known: bool
    speakers: tuple[SpeakerMetrics, ...]
    talk: TalkMetrics
    longest_monologue: Stretch
    longest_customer_story: Stretch
    interactivity: Interactivity
    patience: Patience
    questions: Questions
    overlap: Overlap
    settings: MetricSettings
    unavailable: tuple[Unavailable, ...] = ()

    def speaker(self, speaker_id: str) -> SpeakerMetrics:
        for s in self.speakers:
            if s.speaker == speaker_id:
                return s
        raise KeyError(speaker_id)

    def unavailable_reason(self, metric: str) -> str | None:
        """Why ``metric`` (a JSON path like ``talk.rep_talk_pct``) is None, or None if it is
        available. A listed group covers all its fields."""
        for u in self.unavailable:
            if metric == u.metric or metric.startswith(u.metric + "."):
                return u.reason
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "duration_s": self.duration_s,
            "has_timestamps": self.has_timestamps,
            "roles_known": self.roles_known,
            "speakers": [s.to_dict() for s in self.speakers],
            "talk": self.talk.to_dict(),
            "longest_monologue": self.longest_monologue.to_dict(),
            "longest_customer_story": self.longest_customer_story.to_dict(),
            "interactivity": self.interactivity.to_dict(),
            "patience": self.patience.to_dict(),
            "questions": self.questions.to_dict(),
            "overlap": self.overlap.to_dict(),
            "settings": self.settings.to_dict(),
            "unavailable": [u.to_dict() for u in self.unavailable],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Metrics:
        return cls(
            duration_s=_opt(d.get("duration_s"), float),
            has_timestamps=bool(d["has_timestamps"]),
            roles_known=bool(d["roles_known"]),
            speakers=tuple(SpeakerMetrics.from_dict(s) for s in d.get("speakers", ())),
            talk=TalkMetrics.from_dict(d["talk"]),
            longest_monologue=Stretch.from_dict(d["longest_monologue"]),
            longest_customer_story=Stretch.from_dict(d["longest_customer_story"]),
            interactivity=Interactivity.from_dict(d["interactivity"]),
            patience=Patience.from_dict(d["patience"]),
            questions=Questions.from_dict(d["questions"]),
            overlap=Overlap.from_dict(d["overlap"]),
            settings=MetricSettings.from_dict(d.get("settings", {})),
            unavailable=tuple(Unavailable.from_dict(u) for u in d.get("unavailable", ())),
        )


# ------------------------------------------------------------------------------------------
# Helpers


def _r(x: float | None, digits: int) -> float | None:
    """Round for JSON (at computation, so ``from_dict(to_dict(m)) == m``)."""
    if x is None or not math.isfinite(x):
        return None
    return round(float(x), digits)


def _s(x: float | None) -> float | None:
    return _r(x, 3)


def _pct(x: float | None) -> float | None:
    return _r(x, 1)


def _rate(x: float | None) -> float | None:
    return _r(x, 2)


def utterance_span(u: Utterance) -> tuple[float, float] | None:
    """The time span of an utterance: its start/end, else its words' span, else None."""
    if u.start is not None and u.end is not None:
        return (u.start, max(u.start, u.end))
    if u.words:
        return (min(w.start for w in u.words), max(w.end for w in u.words))
    return None


def _speech(us: Iterable[Utterance], extra: Iterable[Word] = ()) -> list[Word]:
    """Word spans of the utterances, or the utterance span where there are no words; plus
    ``extra`` spans (speech without words, :attr:`Call.unworded_speech`)."""
    out: list[Word] = list(extra)
    for u in us:
        if u.words:
            out.extend(u.words)
        else:
            span = utterance_span(u)
            if span is not None:
                out.append(Word(span[0], span[1], ""))
    return out


def _side_unworded(unworded: dict[str, list[Word]], role: dict[str, str], side: str) -> list[Word]:
    return [w for spk, ws in unworded.items() if role.get(spk) == side for w in ws]


def _length(regions: Sequence[tuple[float, float]]) -> float:
    return sum(e - s for s, e in regions)


def intersect(a: Sequence[tuple[float, float]], b: Sequence[tuple[float, float]]) -> float:
    """Seconds in both of two sorted lists of disjoint intervals."""
    i = j = 0
    total = 0.0
    while i < len(a) and j < len(b):
        lo = max(a[i][0], b[j][0])
        hi = min(a[i][1], b[j][1])
        if hi > lo:
            total += hi - lo
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


def _tokens(u: Utterance) -> list[tuple[str, str, float | None, float | None]]:
    """(raw, normalised, start, end) of each token; times only when words match tokens."""
    if u.words and all(len(w.text.split()) == 1 for w in u.words):
        return [(w.text.strip(), _EDGE_PUNCT.sub("", w.text.strip().lower()), w.start, w.end) for w in u.words]
    return [(t, _EDGE_PUNCT.sub("", t.lower()), None, None) for t in u.text.split()]


def word_count(u: Utterance) -> int:
    """Tokens of the utterance text that hold a letter or a digit."""
    return sum(1 for t in u.text.split() if _HAS_ALNUM.search(t))


def count_fillers(u: Utterance) -> int:
    """Filler words in one utterance (see the module docstring; a lower bound)."""
    toks = _tokens(u)
    n = 0
    i = 0
    while i < len(toks):
        raw, norm, start, _ = toks[i]
        if _FILLER.fullmatch(norm):
            n += 1
        elif norm == "like":
            prev = toks[i - 1] if i > 0 else None
            after_comma = raw.endswith(",")
            before_comma = prev is not None and prev[0].endswith(",")
            paused = (
                prev is not None and start is not None and prev[3] is not None and start - prev[3] >= FILLER_PAUSE_S
            )
            if after_comma or before_comma or paused:
                n += 1
        elif i + 1 < len(toks) and (norm, toks[i + 1][1]) in (("you", "know"), ("i", "mean")):
            prev = toks[i - 1] if i > 0 else None
            set_off_before = prev is None or prev[0].endswith(_BREAK_PUNCT) or bool(_FILLER.fullmatch(prev[1]))
            second = toks[i + 1][0]
            set_off_after = i + 2 == len(toks) or second.endswith(_BREAK_PUNCT)
            if set_off_before and set_off_after:
                n += 1
                i += 2
                continue
        i += 1
    return n


# ------------------------------------------------------------------------------------------
# The metrics


def compute_metrics(call: Call, *, backchannel_max_words: int = 3, backchannel_max_seconds: float = 1.5) -> Metrics:
    """All the metrics of ``call``; see the module docstring for each definition."""
    settings = MetricSettings(backchannel_max_words, backchannel_max_seconds)
    utts = list(call.utterances)
    unavailable: dict[str, list[str]] = {}

    def missing(metric: str, reason: str) -> None:
        reasons = unavailable.setdefault(metric, [])
        if reason not in reasons:
            reasons.append(reason)

    # What the call allows.
    spans = {u.id: utterance_span(u) for u in utts}
    untimed = sum(1 for u in utts if spans[u.id] is None)
    has_times = bool(utts) and untimed == 0
    if not utts:
        time_reason = NO_UTTERANCES
    elif untimed == len(utts):
        time_reason = NO_TIMES
    else:
        time_reason = f"{untimed} of {len(utts)} utterances have no timestamps"

    role = {s.id: s.role for s in call.speakers}
    side = {u.id: role.get(u.speaker, "unknown") for u in utts}
    unworded: dict[str, list[Word]] = {}
    for v in call.unworded_speech:
        unworded.setdefault(v.speaker, []).append(Word(v.start, v.end, ""))
    has_rep = "rep" in role.values()
    has_customer = "customer" in role.values()
    roles_known = has_rep and has_customer
    role_reason = ROLES_UNKNOWN if not (has_rep or has_customer) else (NO_REP if not has_rep else NO_CUSTOMER)

    duration: float | None = call.duration if call.duration is not None and call.duration > 0 else None
    if duration is None and has_times:
        duration = max(spans[u.id][1] for u in utts)  # type: ignore[index]
        duration = duration if duration > 0 else None
    if duration is None:
        missing("duration_s", time_reason if not has_times else "the call has no length")
    minutes = None if duration is None else duration / 60.0

    # Each utterance's word count and backchannel flag, once (the stretch, switch and patience
    # scans ask about the same utterances again and again).
    n_words = {u.id: word_count(u) for u in utts}
    backchannel = {
        u.id: n_words[u.id] <= backchannel_max_words
        and (spans[u.id] is None or spans[u.id][1] - spans[u.id][0] <= backchannel_max_seconds)  # type: ignore[index]
        for u in utts
    }

    def is_backchannel(u: Utterance) -> bool:
        return backchannel[u.id]

    if has_times:
        ordered = sorted(utts, key=lambda u: (spans[u.id][0], u.id))  # type: ignore[index]
    else:
        ordered = sorted(utts, key=lambda u: u.id)

    # Per speaker.
    order = [s.id for s in call.speakers]
    for u in utts:
        if u.speaker not in order:
            order.append(u.speaker)
    by_spk: dict[str, list[Utterance]] = {s: [] for s in order}
    for u in utts:
        by_spk[u.speaker].append(u)
    speakers = []
    talk_raw: dict[str, float] = {}
    for spk in order:
        us = by_spk[spk]
        words = sum(n_words[u.id] for u in us)
        fillers = sum(count_fillers(u) for u in us)
        talk = _length(speech_regions(_speech(us, unworded.get(spk, ())), BRIDGE_S)) if has_times else None
        talk_raw[spk] = talk or 0.0
        tmin = talk / 60.0 if talk else None
        speakers.append(
            SpeakerMetrics(
                spk,
                role.get(spk, "unknown"),
                len(us),
                words,
                fillers,
                _s(talk),
                _rate(words / tmin) if tmin else None,
                _rate(fillers / tmin) if tmin else None,
            )
        )
    if not has_times:
        for m in ("speakers.talk_s", "speakers.words_per_min", "speakers.fillers_per_min"):
            missing(m, time_reason)

    # Interactivity: counts in (time) order; rates need the duration.
    def switches(seq: Sequence[Utterance]) -> int:
        return sum(1 for a, b in itertools.pairwise(seq) if a.speaker != b.speaker)

    all_sw = switches(ordered)
    sub_sw = switches([u for u in ordered if not is_backchannel(u)])
    interactivity = Interactivity(
        all_sw,
        _rate(all_sw / minutes) if minutes else None,
        sub_sw,
        _rate(sub_sw / minutes) if minutes else None,
    )
    if minutes is None:
        for m in ("interactivity.switches_per_min", "interactivity.substantive_switches_per_min"):
            missing(m, unavailable.get("duration_s", [time_reason])[0])

    # Questions: counts need roles; rates and spread need times.
    questions = Questions()
    if roles_known:
        keys: dict[str, set[tuple[int, tuple[int, int] | None]]] = {"rep": set(), "customer": set()}
        rep_open: set[tuple[int, tuple[int, int] | None]] = set()
        rep_closed: set[tuple[int, tuple[int, int] | None]] = set()
        times: list[float] = []
        for u in utts:
            s = side[u.id]
            for t in u.tags:
                if t.label not in QUESTION_LABELS or s not in keys:
                    continue
                key = (u.id, t.span)
                if s == "rep":
                    (rep_open if t.label == "question.open" else rep_closed).add(key)
                    if key not in keys["rep"] and has_times:
                        times.append(_time_in(u, t.span))
                keys[s].add(key)
        n_rep = len(keys["rep"])
        per_10 = quarters = spread = None
        if minutes:
            per_10 = _rate(n_rep / minutes * 10)
        else:
            missing("questions.rep_questions_per_10_min", unavailable.get("duration_s", [time_reason])[0])
        if has_times and duration:
            q = [0, 0, 0, 0]
            for t_ in times:
                q[min(3, max(0, int(4 * t_ / duration)))] += 1
            quarters = (q[0], q[1], q[2], q[3])
            spread = _pct(100.0 * sum(1 for x in q if x) / 4)
        else:
            for m in ("questions.rep_questions_by_quarter", "questions.rep_question_spread_pct"):
                missing(m, time_reason if not has_times else unavailable["duration_s"][0])
        questions = Questions(n_rep, len(rep_open), len(rep_closed), len(keys["customer"]), per_10, quarters, spread)
    else:
        missing("questions", role_reason)

    method = call.attribution.method
    overlap = Overlap(accuracy="exact" if method == "stereo-channels" else "estimated", attribution_method=method)
    talk_m = TalkMetrics()
    mono = Stretch()
    story = Stretch()
    patience = Patience()
    if roles_known and has_times:
        rep_us = [u for u in utts if side[u.id] == "rep"]
        cus_us = [u for u in utts if side[u.id] == "customer"]
        rep_talk = sum(t for spk, t in talk_raw.items() if role.get(spk) == "rep")
        cus_talk = sum(t for spk, t in talk_raw.items() if role.get(spk) == "customer")
        total = rep_talk + cus_talk
        if total > 0:
            rep_pct = _pct(100.0 * rep_talk / total)
            talk_m = TalkMetrics(_s(rep_talk), _s(cus_talk), rep_pct, _pct(100.0 - rep_pct))  # type: ignore[operator]
        else:
            talk_m = TalkMetrics(0.0, 0.0, None, None)
            missing("talk.rep_talk_pct", "nobody talked")
            missing("talk.customer_talk_pct", "nobody talked")

        mono = _longest_stretch(ordered, spans, side, "rep", is_backchannel)
        story = _longest_stretch(ordered, spans, side, "customer", is_backchannel)
        patience = _patience(ordered, spans, side, is_backchannel)
        if patience.mean_response_pause_s is None:
            missing(
                "patience.mean_response_pause_s",
                f"the rep never responded to the customer within {PATIENCE_MAX_GAP_S:g} s",
            )

        rep_regions = speech_regions(_speech(rep_us, _side_unworded(unworded, role, "rep")), BRIDGE_S)
        cus_regions = speech_regions(_speech(cus_us, _side_unworded(unworded, role, "customer")), BRIDGE_S)
        cus_len = _length(cus_regions)
        both = intersect(rep_regions, cus_regions)
        overlap = Overlap(_s(both), _pct(100.0 * both / cus_len) if cus_len > 0 else None, overlap.accuracy, method)
        if cus_len <= 0:
            missing("overlap.customer_talk_overlapped_pct", "the customer has no talk time")
    else:
        for m in ("talk", "longest_monologue", "longest_customer_story", "patience", "overlap"):
            if not has_times:
                missing(m, time_reason)
            if not roles_known:
                missing(m, role_reason)

    return Metrics(
        duration_s=_s(duration),
        has_timestamps=has_times,
        roles_known=roles_known,
        speakers=tuple(speakers),
        talk=talk_m,
        longest_monologue=mono,
        longest_customer_story=story,
        interactivity=interactivity,
        patience=patience,
        questions=questions,
        overlap=overlap,
        settings=settings,
        unavailable=tuple(Unavailable(m, "; ".join(rs)) for m, rs in unavailable.items()),
    )


def analysis_metrics(call: Call, *, tagged: bool = True, objections: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The ``metrics`` JSON of an analysis: :func:`compute_metrics` plus how the rep handled each
    objection (:func:`objection_metrics`, unless ``objections`` gives it already). With ``tagged``
    False the question counts are None and say why (untagged is not the same as "asked no
    questions"). Shared by the pipeline and coach re-scoring."""
    metrics = compute_metrics(call).to_dict()
    if not tagged:
        metrics["questions"] = None
        metrics.setdefault("unavailable", []).append({"metric": "questions", "reason": "tagging was turned off (--no-tagging)"})
    metrics["objections"] = objection_metrics(call) if objections is None else objections
    return metrics


def objection_metrics(call: Call) -> list[dict[str, Any]]:
    """How the rep handled each ``objection.*`` tag of ``call`` (the ``objections`` metric)."""
    from callcoach.tagging.objections import objection_handling

    tags = [t for u in call.utterances for t in u.tags]
    return [h.to_dict() for h in objection_handling(call, tags)]


def _time_in(u: Utterance, span: tuple[int, int] | None) -> float:
    """When the text at character ``span`` of ``u`` starts (word times, else interpolated)."""
    start, end = utterance_span(u)  # type: ignore[misc]
    a = 0 if span is None else max(0, min(span[0], len(u.text)))
    if u.words:
        idx = len(u.text[:a].split())
        return u.words[min(idx, len(u.words) - 1)].start
    if not u.text:
        return start
    return start + (end - start) * a / len(u.text)


def _longest_stretch(
    ordered: Sequence[Utterance],
    spans: dict[int, tuple[float, float] | None],
    side: dict[int, str],
    who: str,
    is_backchannel: Callable[[Utterance], bool],
) -> Stretch:
    """The longest run of ``who``'s utterances that only others' backchannels interrupt."""
    best: Stretch = Stretch(0.0, None, None, (), 0)
    cur: list[int] = []
    cur_start = cur_end = 0.0
    bcs = 0
    pending: list[int] = []

    def close() -> None:
        nonlocal best
        if cur and (cur_end - cur_start) > (best.duration_s or 0.0) + 1e-9:
            best = Stretch(_s(cur_end - cur_start), _s(cur_start), _s(cur_end), tuple(cur), bcs)  # type: ignore[arg-type]

    for u in ordered:
        s, e = spans[u.id]  # type: ignore[misc]
        if side[u.id] == who:
            if not cur:
                cur, cur_start, cur_end, bcs = [u.id], s, e, 0
            else:
                cur.extend(pending)
                bcs += len(pending)
                cur.append(u.id)
                cur_end = max(cur_end, e)
            pending = []
        elif cur and is_backchannel(u):
            pending.append(u.id)
        elif not is_backchannel(u):
            close()
            cur, pending = [], []
    close()
    return best


def _patience(
    ordered: Sequence[Utterance],
    spans: dict[int, tuple[float, float] | None],
    side: dict[int, str],
    is_backchannel: Callable[[Utterance], bool],
) -> Patience:
    """Response pauses of the rep after customer turns (see the module docstring)."""
    pauses: list[float] = []
    in_turn = substantive = False
    turn_end = 0.0
    for u in ordered:
        s, e = spans[u.id]  # type: ignore[misc]
        who = side[u.id]
        if who == "customer":
            turn_end = max(turn_end, e) if in_turn else e
            substantive = (substantive if in_turn else False) or not is_backchannel(u)
            in_turn = True
        else:
            if who == "rep" and in_turn and substantive:
                gap = s - turn_end
                if gap < PATIENCE_MAX_GAP_S:
                    pauses.append(max(0.0, gap))
            in_turn = False
    if not pauses:
        return Patience(None, 0, 0)
    return Patience(_s(sum(pauses) / len(pauses)), len(pauses), sum(1 for p in pauses if p < RUSHED_BELOW_S))
