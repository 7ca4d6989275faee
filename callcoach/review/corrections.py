"""What a coach records about a call: corrections, score overrides and comments.

All three are frozen dataclasses with a ``to_dict``/``from_dict`` pair, so they round-trip
through the review database and the ``<stem>.review.json`` sidecar unchanged.

A :class:`Correction` fixes what the machine got wrong and is applied by
:func:`callcoach.review.rescore.rescore`:

    swap_roles   the rep becomes the other party (two-party calls; on stereo this is
                 "swap the channels")
    set_rep      ``speaker`` is the rep
    reassign     the turns ``utterance_ids`` were said by ``speaker``
    remove_tag   the tag ``label`` on one turn is wrong
    add_tag      the tag ``label`` on one turn was missed
    change_tag   the tag ``label`` on one turn is really ``new_label`` (same family: a
                 question's SPIN stage, an objection's type)

Turn-anchored items keep the text of their turns (``anchor_texts``), so they can be
re-attached when the analysis is redone, and marked ``stale`` when the words are gone.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from typing import Any, Literal, get_args

CorrectionKind = Literal["swap_roles", "set_rep", "reassign", "remove_tag", "add_tag", "change_tag"]
KINDS: tuple[str, ...] = get_args(CorrectionKind)
TAG_KINDS = ("remove_tag", "add_tag", "change_tag")

#: Labels a coach may put on a turn: the tagging stage's families.
LABEL = re.compile(
    r"^(question\.(open|closed)|spin\.(situation|problem|implication|need_payoff)|objection\.[a-z_]+|tracker\.[a-z_]+)$"
)
_SPACE = re.compile(r"\s+")


def now_iso() -> str:
    """The current UTC time, ISO-8601 to the second (``2026-01-31T14:05:09Z``)."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def normalise(text: str) -> str:
    """Text as anchors compare it: whitespace collapsed, case folded."""
    return _SPACE.sub(" ", text).strip().casefold()


def family(label: str) -> str:
    """``spin.problem`` -> ``spin``."""
    return label.split(".", 1)[0]


@dataclass(frozen=True, slots=True)
class Correction:
    """One fix to the machine's analysis (see the module docstring for each kind)."""

    id: str
    kind: CorrectionKind
    utterance_ids: tuple[int, ...] = ()
    anchor_texts: tuple[str, ...] = ()
    speaker: str | None = None
    label: str | None = None
    new_label: str | None = None
    author: str = ""
    created: str = ""
    stale: bool = False

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["utterance_ids"] = list(self.utterance_ids)
        d["anchor_texts"] = list(self.anchor_texts)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Correction:
        kind = str(d["kind"])
        if kind not in KINDS:
            raise ValueError(f"unknown correction kind {kind!r}; known: {', '.join(KINDS)}")
        return cls(
            id=str(d["id"]),
            kind=kind,  # type: ignore[arg-type]
            utterance_ids=tuple(int(i) for i in d.get("utterance_ids", ())),
            anchor_texts=tuple(str(t) for t in d.get("anchor_texts", ())),
            speaker=None if d.get("speaker") is None else str(d["speaker"]),
            label=None if d.get("label") is None else str(d["label"]),
            new_label=None if d.get("new_label") is None else str(d["new_label"]),
            author=str(d.get("author", "")),
            created=str(d.get("created", "")),
            stale=bool(d.get("stale", False)),
        )


def _check_label(label: str | None, what: str) -> None:
    if not label or not LABEL.match(label):
        raise ValueError(
            f"{what} must be a tag label like question.open, spin.problem, objection.price or "
            f"tracker.next_step, not {label!r}"
        )


def validate(c: Correction) -> Correction:
    """``c`` if its fields fit its kind; raises ValueError naming what is wrong."""
    if c.kind not in KINDS:
        raise ValueError(f"unknown correction kind {c.kind!r}; known: {', '.join(KINDS)}")
    if c.anchor_texts and len(c.anchor_texts) != len(c.utterance_ids):
        raise ValueError("anchor_texts needs one text per utterance id")
    if c.kind == "swap_roles":
        if c.utterance_ids or c.speaker or c.label or c.new_label:
            raise ValueError("swap_roles takes no turns, speaker or labels")
    elif c.kind == "set_rep":
        if not c.speaker:
            raise ValueError("set_rep needs the speaker who is the rep")
        if c.utterance_ids or c.label or c.new_label:
            raise ValueError("set_rep takes only a speaker")
    elif c.kind == "reassign":
        if not c.utterance_ids:
            raise ValueError("reassign needs the turn(s) to move")
        if len(set(c.utterance_ids)) != len(c.utterance_ids):
            raise ValueError("reassign lists a turn twice")
        if not c.speaker:
            raise ValueError("reassign needs the speaker the turns belong to")
        if c.label or c.new_label:
            raise ValueError("reassign takes no labels")
    else:
        if len(c.utterance_ids) != 1:
            raise ValueError(f"{c.kind} needs exactly one turn")
        if c.speaker:
            raise ValueError(f"{c.kind} takes no speaker")
        _check_label(c.label, "label")
        if c.kind == "change_tag":
            _check_label(c.new_label, "new_label")
            if c.new_label == c.label:
                raise ValueError("change_tag needs a new label different from the old one")
            if family(c.new_label or "") != family(c.label or ""):
                raise ValueError(f"change_tag keeps the tag's family: {c.label} cannot become {c.new_label}")
        elif c.new_label:
            raise ValueError(f"{c.kind} takes no new_label")
    return c


def new_correction(kind: CorrectionKind, *, author: str, **fields: Any) -> Correction:
    """A new, validated correction with a fresh id and the current time.

    Args:
        kind: one of :data:`KINDS`.
        author: who made it (a coach's name).
        **fields: the other :class:`Correction` fields (``utterance_ids``, ``anchor_texts``,
            ``speaker``, ``label``, ``new_label``).

    Raises:
        ValueError: a field the kind needs is missing, or one it does not take is given.
    """
    allowed = {"utterance_ids", "anchor_texts", "speaker", "label", "new_label"}
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise ValueError(f"unknown correction field(s): {', '.join(unknown)}")
    ids = tuple(int(i) for i in fields.pop("utterance_ids", ()) or ())
    anchors = tuple(str(t) for t in fields.pop("anchor_texts", ()) or ())
    c = Correction(uuid.uuid4().hex, kind, ids, anchors, author=author, created=now_iso(), **fields)
    return validate(c)


@dataclass(frozen=True, slots=True)
class Override:
    """A coach's points for one rubric dimension, pinned until removed.

    The machine's value stays beside it (:meth:`Rescored.comparison`); ``points`` must lie
    within the dimension's 0..max_points, which is checked where the rubric is known.
    ``rubric`` (``id@version``) and ``max_points`` record what the points were given out of:
    under a rubric whose dimension has another maximum the override keeps its share of the
    points (6 of 15 counts as 8 of 20), and the call page says so
    (:func:`callcoach.review.rescore.apply_overrides`). Overrides saved before these were
    recorded have neither and count as given.
    """

    dimension: str
    points: float
    reason: str
    author: str = ""
    created: str = ""
    rubric: str = ""
    max_points: float | None = None

    def __post_init__(self) -> None:
        if not str(self.reason or "").strip():
            raise ValueError("an override needs a reason")
        if not self.dimension:
            raise ValueError("an override needs the rubric dimension it replaces")

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        # Left out when unknown, so an override from before they were recorded keeps its
        # fingerprint (and its call's score history gains no row on upgrading).
        if not self.rubric:
            d.pop("rubric")
        if self.max_points is None:
            d.pop("max_points")
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Override:
        top = d.get("max_points")
        return cls(
            str(d["dimension"]),
            float(d["points"]),
            str(d.get("reason", "")),
            str(d.get("author", "")),
            str(d.get("created", "")),
            str(d.get("rubric") or ""),
            None if top is None else float(top),
        )

    def share(self) -> float | None:
        """The share of the dimension's points the coach gave (``points / max_points``); None
        when the maximum was not recorded."""
        if self.max_points is None or self.max_points <= 0:
            return None
        return self.points / self.max_points


@dataclass(frozen=True, slots=True)
class Comment:
    """A coach's note on a moment (time range and turn) or, with no anchor, on the whole call.

    Replies carry the ``parent_id`` of the comment they answer. ``stale`` is set when the
    analysis was redone and the anchored words are no longer there.
    """

    id: str
    text: str
    author: str
    created: str
    start: float | None = None
    end: float | None = None
    utterance_id: int | None = None
    anchor_text: str = ""
    parent_id: str | None = None
    resolved: bool = False
    stale: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Comment:
        def opt_float(v: Any) -> float | None:
            return None if v is None else float(v)

        return cls(
            id=str(d["id"]),
            text=str(d["text"]),
            author=str(d.get("author", "")),
            created=str(d.get("created", "")),
            start=opt_float(d.get("start")),
            end=opt_float(d.get("end")),
            utterance_id=None if d.get("utterance_id") is None else int(d["utterance_id"]),
            anchor_text=str(d.get("anchor_text", "")),
            parent_id=None if d.get("parent_id") is None else str(d["parent_id"]),
            resolved=bool(d.get("resolved", False)),
            stale=bool(d.get("stale", False)),
        )
