"""The data model that flows from audio to scorecard, and its JSON form.

Every stage reads and writes named fields of these frozen dataclasses; none edits a dict in
place. Times are seconds (``start``/``end``), rounded to milliseconds in JSON. Audio samples
never live here, so a saved analysis can be reloaded and re-scored without the recording.

    audio -> Word -> (speakers) -> Utterance -> Tag -> metrics -> scorecard
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any, Literal

SCHEMA = "callcoach.analysis/1"

Role = Literal["rep", "customer", "unknown"]


def _absolute(value: Any) -> str | None:
    """An absolute path as an analysis records it (``recording_absolute``), else None."""
    if not isinstance(value, str) or not value or "\0" in value:
        return None
    return value if PurePosixPath(value).is_absolute() or PureWindowsPath(value).is_absolute() else None


def _t(x: float) -> float:
    """Round a time to milliseconds for JSON."""
    return round(float(x), 3)


@dataclass(frozen=True, slots=True)
class Word:
    """One recognised word with its time span and the recogniser's confidence."""

    start: float
    end: float
    text: str
    probability: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": _t(self.start),
            "end": _t(self.end),
            "text": self.text,
            "p": round(float(self.probability), 3),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Word:
        return cls(float(d["start"]), float(d["end"]), str(d["text"]), float(d.get("p", 1.0)))


@dataclass(frozen=True, slots=True)
class Tag:
    """A label on an utterance: ``question.open``, ``objection.price``, ``spin.problem`` ...

    ``span`` is a character range into the utterance text (or None for the whole utterance);
    ``source`` names the stage that produced it (``rules``, ``examples``, ``human``).
    """

    label: str
    utterance_id: int
    score: float = 1.0
    span: tuple[int, int] | None = None
    source: str = "rules"

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "utterance_id": self.utterance_id,
            "score": round(float(self.score), 3),
            "span": list(self.span) if self.span else None,
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Tag:
        span = d.get("span")
        return cls(
            label=str(d["label"]),
            utterance_id=int(d["utterance_id"]),
            score=float(d.get("score", 1.0)),
            span=(int(span[0]), int(span[1])) if span else None,
            source=str(d.get("source", "rules")),
        )


@dataclass(frozen=True, slots=True)
class Utterance:
    """A stretch of speech by one speaker: it never spans a change of speaker."""

    id: int
    speaker: str
    start: float | None
    end: float | None
    text: str
    words: tuple[Word, ...] = ()
    tags: tuple[Tag, ...] = ()

    @property
    def duration(self) -> float:
        if self.start is None or self.end is None:
            return 0.0
        return max(0.0, self.end - self.start)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "speaker": self.speaker,
            "start": None if self.start is None else _t(self.start),
            "end": None if self.end is None else _t(self.end),
            "text": self.text,
            "words": [w.to_dict() for w in self.words],
            "tags": [t.to_dict() for t in self.tags],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Utterance:
        return cls(
            id=int(d["id"]),
            speaker=str(d["speaker"]),
            start=None if d.get("start") is None else float(d["start"]),
            end=None if d.get("end") is None else float(d["end"]),
            text=str(d["text"]),
            words=tuple(Word.from_dict(w) for w in d.get("words", ())),
            tags=tuple(Tag.from_dict(t) for t in d.get("tags", ())),
        )


@dataclass(frozen=True, slots=True)
class VoiceSpan:
    """Speech the recogniser found no words in, attributed to a speaker by voice (mono calls):
    overlapped speech, a quiet participant, a mumble. It counts as the speaker's talk time."""

    speaker: str
    start: float
    end: float

    def to_dict(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "start": _t(self.start), "end": _t(self.end)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> VoiceSpan:
        return cls(str(d["speaker"]), float(d["start"]), float(d["end"]))


@dataclass(frozen=True, slots=True)
class Redaction:
    """Personal data removed from an utterance: its kind, where and when; never the value.

    ``kind`` is one of :data:`callcoach.pii.ENTITIES` (``card``, ``cvv``, ``email`` ...); ``span`` is the character range of
    the placeholder (``[CARD]`` ...) in the redacted utterance text; ``start``/``end`` are the
    seconds the removed words were spoken (None for a transcript without times).
    """

    kind: str
    utterance_id: int
    start: float | None
    end: float | None
    span: tuple[int, int]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "utterance_id": self.utterance_id,
            "start": None if self.start is None else _t(self.start),
            "end": None if self.end is None else _t(self.end),
            "span": list(self.span),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Redaction:
        span = d["span"]
        return cls(
            kind=str(d["kind"]),
            utterance_id=int(d["utterance_id"]),
            start=None if d.get("start") is None else float(d["start"]),
            end=None if d.get("end") is None else float(d["end"]),
            span=(int(span[0]), int(span[1])),
        )


@dataclass(frozen=True, slots=True)
class Speaker:
    """A party in the call. ``channel`` is set when the speaker is a stereo channel."""

    id: str
    role: Role = "unknown"
    channel: int | None = None
    talk_time: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "role": self.role,
            "channel": self.channel,
            "talk_time": _t(self.talk_time),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Speaker:
        role = d.get("role", "unknown")
        if role not in ("rep", "customer", "unknown"):
            role = "unknown"
        ch = d.get("channel")
        return cls(str(d["id"]), role, None if ch is None else int(ch), float(d.get("talk_time", 0.0)))


@dataclass(frozen=True, slots=True)
class Attribution:
    """How speakers were told apart, and how far that can be trusted.

    ``method`` is ``stereo-channels`` (exact), ``diarization`` (estimated from voices),
    ``single-speaker`` or ``transcript`` (speakers given by the input). ``confidence`` is in
    [0, 1]; ``warnings`` says what a coach should check (a likely split or merged speaker).
    """

    method: str
    num_speakers: int
    confidence: float = 1.0
    warnings: tuple[str, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "num_speakers": self.num_speakers,
            "confidence": round(float(self.confidence), 3),
            "warnings": list(self.warnings),
            "details": self.details,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Attribution:
        return cls(
            method=str(d["method"]),
            num_speakers=int(d["num_speakers"]),
            confidence=float(d.get("confidence", 1.0)),
            warnings=tuple(d.get("warnings", ())),
            details=dict(d.get("details", {})),
        )


@dataclass(frozen=True, slots=True)
class RoleAssignment:
    """Who is the rep, how that was decided (``rep-channel``, ``rep-flag``, ``transcript``,
    ``enrolled-voice``, ``inferred``), the confidence in [0, 1], and the evidence a coach can
    check. ``name`` is the rep's enrolled name when their voice was recognised (``rep`` stays
    the speaker id, ``A``, ``B`` ...); it is left out of the JSON when None."""

    rep: str | None
    method: str
    confidence: float
    evidence: tuple[str, ...] = ()
    name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "rep": self.rep,
            "method": self.method,
            "confidence": round(float(self.confidence), 3),
            "evidence": list(self.evidence),
        }
        if self.name is not None:
            d["name"] = self.name
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> RoleAssignment:
        name = d.get("name")
        return cls(
            rep=d.get("rep"),
            method=str(d.get("method", "unknown")),
            confidence=float(d.get("confidence", 0.0)),
            evidence=tuple(d.get("evidence", ())),
            name=None if name is None else str(name),
        )


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """A model used for the analysis: its kind, name, version and where it was loaded from."""

    kind: str
    name: str
    version: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name, "version": self.version, "source": self.source}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ModelInfo:
        return cls(str(d["kind"]), str(d["name"]), str(d["version"]), str(d["source"]))


@dataclass(frozen=True, slots=True)
class Moment:
    """A timestamped finding a coach acts on: a stall moment, with evidence and advice.

    ``kind`` is a dotted id (``stall.situation_only``, ``stall.objection_monologue`` ...);
    ``evidence`` quotes the words that show it; ``why`` says why it matters and ``instead``
    what to do differently. ``severity`` in [0, 1] ranks moments.
    """

    kind: str
    title: str
    start: float | None
    end: float | None
    utterance_ids: tuple[int, ...]
    evidence: tuple[str, ...]
    why: str
    instead: str
    severity: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "title": self.title,
            "start": None if self.start is None else _t(self.start),
            "end": None if self.end is None else _t(self.end),
            "utterance_ids": list(self.utterance_ids),
            "evidence": list(self.evidence),
            "why": self.why,
            "instead": self.instead,
            "severity": round(float(self.severity), 3),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Moment:
        return cls(
            kind=str(d["kind"]),
            title=str(d.get("title", "")),
            start=None if d.get("start") is None else float(d["start"]),
            end=None if d.get("end") is None else float(d["end"]),
            utterance_ids=tuple(int(i) for i in d.get("utterance_ids", ())),
            evidence=tuple(str(e) for e in d.get("evidence", ())),
            why=str(d.get("why", "")),
            instead=str(d.get("instead", "")),
            severity=float(d.get("severity", 0.5)),
        )


@dataclass(frozen=True, slots=True)
class DimensionResult:
    """One rubric dimension scored: the target, what the call did, and the points earned.

    ``status`` is ``met``, ``near`` (partial points), ``missed`` or ``unavailable`` (the
    metric could not be computed, e.g. no timestamps; its weight is left out of the score).
    """

    id: str
    name: str
    metric: str
    target: str
    actual: float | None
    unit: str
    points: float
    max_points: float
    status: str
    advice: str = ""
    source: str = ""
    evidence: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "metric": self.metric,
            "target": self.target,
            "actual": None if self.actual is None else round(float(self.actual), 3),
            "unit": self.unit,
            "points": round(float(self.points), 2),
            "max_points": round(float(self.max_points), 2),
            "status": self.status,
            "advice": self.advice,
            "source": self.source,
            "evidence": list(self.evidence),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DimensionResult:
        return cls(
            id=str(d["id"]),
            name=str(d.get("name", d["id"])),
            metric=str(d.get("metric", "")),
            target=str(d.get("target", "")),
            actual=None if d.get("actual") is None else float(d["actual"]),
            unit=str(d.get("unit", "")),
            points=float(d.get("points", 0.0)),
            max_points=float(d.get("max_points", 0.0)),
            status=str(d.get("status", "unavailable")),
            advice=str(d.get("advice", "")),
            source=str(d.get("source", "")),
            evidence=tuple(int(i) for i in d.get("evidence", ())),
        )


#: ``Scorecard.status`` of a scored call, and of a recording that is not a conversation.
SCORED = "scored"
NOT_A_CONVERSATION = "not_a_conversation"


@dataclass(frozen=True, slots=True)
class ConversationCheck:
    """Whether a call is a conversation worth scoring (:mod:`callcoach.conversation`).

    ``label`` is ``conversation``, or what it is instead: ``voicemail`` (a message left on a
    machine), ``one_voice`` (only one voice heard: the call never connected, or one side of it),
    ``too_short`` (two voices, too little two-way talk) or ``no_speech`` (no words at all).
    ``reason`` says why in a sentence; ``voices`` is how many speakers were heard, ``speech_s``
    the seconds of speech of all of them together (None without timestamps), ``speaker_changes``
    the substantive changes of speaker (backchannels left out); ``evidence`` quotes the voicemail
    phrases found and ``utterance_ids`` their turns.
    """

    label: str
    reason: str
    voices: int = 0
    speech_s: float | None = None
    speaker_changes: int = 0
    evidence: tuple[str, ...] = ()
    utterance_ids: tuple[int, ...] = ()

    @property
    def is_conversation(self) -> bool:
        return self.label == "conversation"

    @property
    def name(self) -> str:
        """The label in words: ``voicemail``, ``one voice``, ``too short`` ..."""
        return self.label.replace("_", " ")

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "reason": self.reason,
            "voices": self.voices,
            "speech_s": None if self.speech_s is None else round(float(self.speech_s), 1),
            "speaker_changes": self.speaker_changes,
            "evidence": list(self.evidence),
            "utterance_ids": list(self.utterance_ids),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ConversationCheck:
        speech = d.get("speech_s")
        return cls(
            label=str(d.get("label") or "conversation"),
            reason=str(d.get("reason", "")),
            voices=int(d.get("voices") or 0),
            speech_s=float(speech) if isinstance(speech, (int, float)) and not isinstance(speech, bool) else None,
            speaker_changes=int(d.get("speaker_changes") or 0),
            evidence=tuple(str(e) for e in d.get("evidence") or ()),
            utterance_ids=tuple(int(i) for i in d.get("utterance_ids") or ()),
        )


@dataclass(frozen=True, slots=True)
class Scorecard:
    """The coaching scorecard: overall 0-100 score, dimensions, ranked stall moments and the
    top coaching tips, for one rubric (``rubric`` is ``id@version``).

    A recording that is not a conversation (a voicemail, one voice, too little two-way talk) is
    not scored: ``status`` is ``not_a_conversation``, ``score`` None, and there are no
    dimensions, stalls or tips; ``conversation`` says what it is and why. Analyses made before
    this check existed have neither field and read as scored conversations.
    """

    rubric: str
    score: float | None
    dimensions: tuple[DimensionResult, ...]
    stalls: tuple[Moment, ...]
    tips: tuple[str, ...]
    spin_reached: str | None = None
    next_step: dict[str, Any] = field(default_factory=dict)
    status: str = SCORED
    conversation: ConversationCheck | None = None

    @property
    def is_conversation(self) -> bool:
        """Whether the call was scored as a conversation (and counts in averages and targets)."""
        return self.status != NOT_A_CONVERSATION

    def to_dict(self) -> dict[str, Any]:
        return {
            "rubric": self.rubric,
            "status": self.status,
            "score": None if self.score is None else round(float(self.score), 1),
            "conversation": None if self.conversation is None else self.conversation.to_dict(),
            "spin_reached": self.spin_reached,
            "next_step": self.next_step,
            "tips": list(self.tips),
            "stalls": [m.to_dict() for m in self.stalls],
            "dimensions": [d.to_dict() for d in self.dimensions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Scorecard:
        return cls(
            rubric=str(d["rubric"]),
            score=None if d.get("score") is None else float(d["score"]),
            dimensions=tuple(DimensionResult.from_dict(x) for x in d.get("dimensions", ())),
            stalls=tuple(Moment.from_dict(x) for x in d.get("stalls", ())),
            tips=tuple(str(t) for t in d.get("tips", ())),
            spin_reached=d.get("spin_reached"),
            next_step=dict(d.get("next_step", {})),
            status=NOT_A_CONVERSATION if d.get("status") == NOT_A_CONVERSATION else SCORED,
            conversation=ConversationCheck.from_dict(d["conversation"]) if isinstance(d.get("conversation"), dict) else None,
        )


@dataclass(frozen=True, slots=True)
class Call:
    """One analysed call: the root of the data model and of the JSON file."""

    id: str
    source: str
    duration: float | None
    channels: int
    speakers: tuple[Speaker, ...]
    utterances: tuple[Utterance, ...]
    attribution: Attribution
    roles: RoleAssignment
    sample_rate: int | None = None
    models: tuple[ModelInfo, ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    callcoach_version: str = ""
    #: The JSON form of :class:`callcoach.metrics.Metrics` (empty before metrics run).
    metrics: dict[str, Any] = field(default_factory=dict)
    scorecard: Scorecard | None = None
    #: Personal data removed by ``--redact`` (kind, utterance, time; never the value).
    redactions: tuple[Redaction, ...] = ()
    #: Speech without recognised words, attributed to speakers by voice (mono calls).
    unworded_speech: tuple[VoiceSpan, ...] = ()
    #: The recording's path relative to the folder the analysis was written to (POSIX form, set
    #: when the outputs are written, so ``callcoach review`` can play it); None for a transcript,
    #: a call not written anywhere, or a recording with no relative path from there.
    recording: str | None = None
    #: The recording's absolute path on the machine that analysed it (set with ``recording``),
    #: so ``callcoach review`` finds it after the results folder moved; a local path only.
    recording_absolute: str | None = None
    #: The channels of the file as it was (``channels`` is what the analysis used: a stereo file
    #: whose two channels are identical, or one of more than two channels, is analysed as mono);
    #: None: the same as ``channels``.
    source_channels: int | None = None

    @property
    def layout(self) -> str:
        """How the call was analysed, in the words the CLI uses: ``stereo``, ``mono``,
        ``mono (2 identical channels)``, ``mono (6 channels mixed down)`` or ``transcript``."""
        if self.channels == 0:
            return "transcript"
        if self.channels == 2:
            return "stereo"
        src = self.source_channels if self.source_channels is not None else self.channels
        if src == 2:
            return "mono (2 identical channels)"
        return f"mono ({src} channels mixed down)" if src > 2 else "mono"

    def speaker(self, speaker_id: str) -> Speaker:
        for s in self.speakers:
            if s.id == speaker_id:
                return s
        raise KeyError(speaker_id)

    def role_of(self, speaker_id: str) -> Role:
        for s in self.speakers:
            if s.id == speaker_id:
                return s.role
        return "unknown"

    def with_(self, **changes: Any) -> Call:
        """A copy with some fields replaced (stages return new calls, never mutate)."""
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form. Everything but ``timings`` is deterministic for the same input."""
        return {
            "schema": SCHEMA,
            "callcoach_version": self.callcoach_version,
            "id": self.id,
            "source": self.source,
            "recording": self.recording,
            "recording_absolute": self.recording_absolute,
            "duration": None if self.duration is None else _t(self.duration),
            "sample_rate": self.sample_rate,
            "channels": self.channels,
            "source_channels": self.channels if self.source_channels is None else self.source_channels,
            "speakers": [s.to_dict() for s in self.speakers],
            "roles": self.roles.to_dict(),
            "attribution": self.attribution.to_dict(),
            "utterances": [u.to_dict() for u in self.utterances],
            "unworded_speech": [v.to_dict() for v in self.unworded_speech],
            "redactions": [r.to_dict() for r in self.redactions],
            "metrics": self.metrics,
            "scorecard": None if self.scorecard is None else self.scorecard.to_dict(),
            "models": [m.to_dict() for m in self.models],
            "settings": self.settings,
            "meta": self.meta,
            "timings": {k: round(float(v), 3) for k, v in self.timings.items()},
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Call:
        schema = d.get("schema")
        if schema != SCHEMA:
            from callcoach.errors import SchemaError

            raise SchemaError(f"unsupported analysis schema {schema!r}; expected {SCHEMA!r}")
        return cls(
            id=str(d["id"]),
            source=str(d.get("source", "")),
            recording=d["recording"] if isinstance(d.get("recording"), str) and d["recording"] else None,
            duration=None if d.get("duration") is None else float(d["duration"]),
            sample_rate=d.get("sample_rate"),
            channels=int(d.get("channels", 1)),
            source_channels=int(d["source_channels"]) if isinstance(d.get("source_channels"), int) else None,
            recording_absolute=_absolute(d.get("recording_absolute")),
            speakers=tuple(Speaker.from_dict(s) for s in d.get("speakers", ())),
            roles=RoleAssignment.from_dict(d.get("roles", {})),
            attribution=Attribution.from_dict(d["attribution"]),
            utterances=tuple(Utterance.from_dict(u) for u in d.get("utterances", ())),
            redactions=tuple(Redaction.from_dict(r) for r in d.get("redactions", ())),
            unworded_speech=tuple(VoiceSpan.from_dict(v) for v in d.get("unworded_speech", ()) if isinstance(v, dict)),
            models=tuple(ModelInfo.from_dict(m) for m in d.get("models", ())),
            settings=dict(d.get("settings", {})),
            meta=dict(d.get("meta", {})),
            metrics=dict(d.get("metrics", {})),
            scorecard=None if not d.get("scorecard") else Scorecard.from_dict(d["scorecard"]),
            timings={k: float(v) for k, v in d.get("timings", {}).items()},
            callcoach_version=str(d.get("callcoach_version", "")),
        )
