"""A rep's answers to a review: acknowledging a coach's comment, disputing a point; a coach's
resolution of a dispute.

In the rep view (``callcoach review RESULTS --rep NAME``) a rep reads the review of their own calls
and may only

- acknowledge a comment (optionally with a short note): the coach sees who read what;
- dispute a point with a reason: a rubric dimension's points (``dimension``, with the points
  the rep thinks are right, optional), or a tag on a turn (``label``: the tag that is wrong;
  ``new_label``: what it should be, or the tag that was missed when there is no ``label``).

A coach resolves a dispute: *accept* applies the change the way a coach's own change is stored
(an :class:`~callcoach.review.corrections.Override` of the dimension, a ``remove_tag`` /
``change_tag`` / ``add_tag`` :class:`~callcoach.review.corrections.Correction` of the turn,
authored by the coach, re-scoring the call); *reject* keeps the point as it is, with the coach's
note. Both are records (:mod:`callcoach.review.records`)::

    results/.callcoach-review/disputes/<id>.json          {"schema": "callcoach.disputes/1",
        "id", "call", "rep", "created", "target": "dimension" | "tag", "reason", "dimension",
        "points", "utterance_id", "anchor_text", "label", "new_label",
        "status": "open" | "accepted" | "rejected", "resolved_by", "resolved_at", "note", "applied"}
    results/.callcoach-review/acknowledgements/<id>.json  {"schema": "callcoach.acknowledgements/1",
        "id", "call", "rep", "comment_id", "created", "note"}
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any

from callcoach.review.corrections import LABEL, Override, family, new_correction, normalise, now_iso
from callcoach.review.records import Index, Records, new_record_id
from callcoach.review.store import ReviewStore, coach_text

TARGETS = ("dimension", "tag")
STATUSES = ("open", "accepted", "rejected")
MAX_TEXT = 2000


class FeedbackError(ValueError):
    """A dispute, acknowledgement or resolution that cannot be made as asked (the message says
    what to do instead)."""


@dataclass(frozen=True, slots=True)
class Dispute:
    """A rep's dispute of one point of a call's review (see the module docstring)."""

    id: str
    call: str
    rep: str
    created: str
    target: str
    reason: str
    dimension: str | None = None
    points: float | None = None
    utterance_id: int | None = None
    anchor_text: str = ""
    label: str | None = None
    new_label: str | None = None
    status: str = "open"
    resolved_by: str | None = None
    resolved_at: str | None = None
    note: str = ""
    applied: str | None = None

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def describe(self) -> str:
        """What is disputed, in words."""
        if self.target == "dimension":
            asked = f" (the rep asks for {self.points:g} points)" if self.points is not None else ""
            return f"the points on {self.dimension}{asked}"
        turn = f"turn #{self.utterance_id}"
        if self.label and self.new_label:
            return f"{turn}: {self.label} should be {self.new_label}"
        if self.label:
            return f"{turn}: {self.label} is wrong"
        return f"{turn}: {self.new_label} was missed"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Dispute:
        """Raises KeyError/TypeError/ValueError on a malformed dispute."""
        target, status = str(d["target"]), str(d.get("status") or "open")
        if target not in TARGETS or status not in STATUSES:
            raise ValueError(f"bad dispute target or status ({target!r}, {status!r})")
        points, uid = d.get("points"), d.get("utterance_id")
        return cls(
            id=str(d["id"]), call=str(d["call"]), rep=str(d["rep"]), created=str(d.get("created") or ""), target=target,
            reason=str(d.get("reason") or ""), dimension=d.get("dimension"), points=None if points is None else float(points),
            utterance_id=None if uid is None else int(uid), anchor_text=str(d.get("anchor_text") or ""),
            label=d.get("label"), new_label=d.get("new_label"), status=status, resolved_by=d.get("resolved_by"),
            resolved_at=d.get("resolved_at"), note=str(d.get("note") or ""), applied=d.get("applied"),
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    """A rep's acknowledgement of a comment on their call."""

    id: str
    call: str
    rep: str
    comment_id: str
    created: str
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Acknowledgement:
        return cls(str(d["id"]), str(d["call"]), str(d["rep"]), str(d["comment_id"]), str(d.get("created") or ""),
                   str(d.get("note") or ""))  # fmt: skip


def _dispute_index(d: Mapping[str, Any]) -> Index:
    x = Dispute.from_dict(d)
    return Index(x.rep, x.call, x.status, x.created)


def _ack_index(d: Mapping[str, Any]) -> Index:
    x = Acknowledgement.from_dict(d)
    return Index(x.rep, x.call, "ack", x.created)


def _text(text: str, what: str) -> str:
    text = (text or "").strip()
    if len(text) > MAX_TEXT:
        raise FeedbackError(f"{what} is {len(text)} characters long: keep it under {MAX_TEXT}")
    return text


class FeedbackStore:
    """Disputes and acknowledgements of one results folder, over its :class:`ReviewStore`."""

    def __init__(self, store: ReviewStore) -> None:
        self.store = store
        self.disputes_ = Records(store, "disputes", _dispute_index)
        self.acks = Records(store, "acknowledgements", _ack_index)

    # -- reading ----------------------------------------------------------------------------

    def disputes(self, *, call: str | None = None, rep: str | None = None, status: str | None = None) -> list[Dispute]:
        """Disputes (of a call, a rep and a status, each: any where None), oldest first."""
        return [Dispute.from_dict(d) for d in self.disputes_.select(call=call, rep=rep, status=status)]

    def dispute(self, dispute_id: str) -> Dispute:
        """One dispute; KeyError if there is none."""
        return Dispute.from_dict(self.disputes_.get(dispute_id))

    def open_counts(self) -> dict[str, int]:
        """How many open disputes each call has."""
        return self.disputes_.counts("open")

    def acknowledgements(self, *, call: str | None = None, rep: str | None = None) -> list[Acknowledgement]:
        """Acknowledgements (of a call and a rep, each: any where None), oldest first."""
        return [Acknowledgement.from_dict(d) for d in self.acks.select(call=call, rep=rep)]

    # -- the rep ----------------------------------------------------------------------------

    def acknowledge(self, key: str, comment_id: str, rep: str, note: str = "") -> Acknowledgement:
        """``rep`` acknowledges the comment ``comment_id`` on ``key`` (again: the one already made).

        Raises:
            KeyError: the call has no such comment.
            FeedbackError: a note too long.
        """
        if not any(c.id == comment_id for c in self.store.state(key).comments):
            raise KeyError(f"comment {comment_id}")
        note = coach_text(self.store.analysis(key), _text(note, "the note"))
        done = [a for a in self.acknowledgements(call=key, rep=rep) if a.comment_id == comment_id]
        if done:
            return done[0]
        ack = Acknowledgement(new_record_id(), key, rep, comment_id, now_iso(), note)
        with self.acks.write() as db:
            self.acks.put(db, ack.to_dict())
        return ack

    def dispute_dimension(self, key: str, rep: str, dimension: str, reason: str, points: float | None = None) -> Dispute:
        """``rep`` disputes the points of ``dimension`` on ``key``, asking for ``points`` (optional).

        Raises:
            FeedbackError: no reason, a dimension the call's rubric lacks, points outside it.
        """
        reason = self._reason(key, reason)
        dims = {d.id: d for d in self.store.rubric_for(key).dimensions}
        if dimension not in dims:
            raise FeedbackError(f"this call's rubric has no dimension {dimension!r} (it has: {', '.join(dims)})")
        if points is not None and not (math.isfinite(points) and 0 <= points <= dims[dimension].weight):
            raise FeedbackError(f"{dimension}: points must lie between 0 and {dims[dimension].weight:g}")
        return self._add(Dispute(new_record_id(), key, rep, now_iso(), "dimension", reason, dimension=dimension, points=points))

    def dispute_tag(self, key: str, rep: str, utterance_id: int, reason: str, *, label: str | None = None,
                    new_label: str | None = None) -> Dispute:  # fmt: skip
        """``rep`` disputes a tag on turn ``utterance_id`` of ``key``: ``label`` is wrong (and
        should be ``new_label``, of the same family), or ``new_label`` was missed.

        Raises:
            FeedbackError: no reason, no such turn or tag, a label that is not a tag, a change
                across families, a missed tag the turn already has.
        """
        reason = self._reason(key, reason)
        label, new_label = (label or "").strip() or None, (new_label or "").strip() or None
        turn = next((u for u in self.store.rescored(key).call.utterances if u.id == utterance_id), None)
        if turn is None:
            raise FeedbackError(f"the call has no turn #{utterance_id}")
        have = {t.label for t in turn.tags}
        if label is None and new_label is None:
            raise FeedbackError("say which tag is wrong, or which tag was missed")
        if label is not None and label not in have:
            raise FeedbackError(f"turn #{utterance_id} has no tag {label} (it has: {', '.join(sorted(have)) or 'none'})")
        if new_label is not None:
            if not LABEL.match(new_label):
                raise FeedbackError(f"{new_label!r} is not a tag such as spin.problem, objection.price or tracker.pricing")
            if new_label in have:
                raise FeedbackError(f"turn #{utterance_id} already has the tag {new_label}")
            if label is not None and family(label) != family(new_label):
                raise FeedbackError(f"a tag keeps its family: dispute {label} as wrong and {new_label} as missed separately")
        return self._add(Dispute(new_record_id(), key, rep, now_iso(), "tag", reason, utterance_id=utterance_id,
                                 anchor_text=turn.text, label=label, new_label=new_label))  # fmt: skip

    def _reason(self, key: str, reason: str) -> str:
        reason = _text(reason, "the reason")
        if not reason:
            raise FeedbackError("a dispute needs a reason: say why the point is wrong")
        return coach_text(self.store.analysis(key), reason)

    def _add(self, dispute: Dispute) -> Dispute:
        with self.disputes_.write() as db:
            self.disputes_.put(db, dispute.to_dict())
        return dispute

    # -- the coach --------------------------------------------------------------------------

    def resolve(self, dispute_id: str, coach: str, *, accept: bool, note: str = "", points: float | None = None) -> Dispute:
        """Resolve a dispute. Accepting applies the change as the coach's own: an override of the
        dimension with ``points`` (default: the points the rep asked for) and the rep's reason,
        or the tag correction; rejecting keeps the point and records ``note``.

        Raises:
            KeyError: no such dispute.
            FeedbackError: it is resolved already; a rejection without a note; an accepted
                dimension with no points given or asked for.
            ValueError: the change does not apply to the call as it stands (its turn changed).
        """
        d = self.dispute(dispute_id)
        if not d.is_open:
            raise FeedbackError(f"this dispute was {d.status} by {d.resolved_by} already")
        note = _text(note, "the note")
        if not accept and not note:
            raise FeedbackError("say why the point stands: a rejection needs a note for the rep")
        applied = None
        if accept:
            applied = self._apply(d, coach, note, points)
        resolved = replace(d, status="accepted" if accept else "rejected", resolved_by=coach, resolved_at=now_iso(),
                           note=coach_text(self.store.analysis(d.call), note), applied=applied)  # fmt: skip
        with self.disputes_.write() as db:
            now = Dispute.from_dict(self.disputes_.read(db, d.id))
            if not now.is_open:
                raise FeedbackError(f"this dispute was {now.status} by {now.resolved_by} meanwhile")
            self.disputes_.put(db, resolved.to_dict())
        return resolved

    def _apply(self, d: Dispute, coach: str, note: str, points: float | None) -> str:
        """Apply an accepted dispute as the coach's change; returns what was applied."""
        if d.target == "dimension":
            pts = points if points is not None else d.points
            if pts is None:
                raise FeedbackError("give the points to accept this dispute with (the rep asked for none)")
            why = f"{d.rep}'s dispute accepted: {d.reason}" + (f" ({note})" if note else "")
            self.store.set_override(d.call, Override(d.dimension or "", float(pts), why, coach, now_iso()))
            return f"override:{d.dimension}"
        kind = "change_tag" if d.label and d.new_label else "remove_tag" if d.label else "add_tag"
        fields: dict[str, Any] = {"label": d.label or d.new_label}
        if kind == "change_tag":
            fields["new_label"] = d.new_label
        turn = next((u for u in self.store.analysis(d.call).utterances if u.id == d.utterance_id), None)
        if turn is None or normalise(turn.text) != normalise(d.anchor_text):
            raise ValueError(f"turn #{d.utterance_id} changed since the rep disputed it (the call was analysed again): "
                             "correct the tag on the call page instead")  # fmt: skip
        correction = new_correction(kind, author=coach, utterance_ids=[turn.id], **fields)  # type: ignore[arg-type]
        self.store.add_correction(d.call, correction)
        return f"correction:{correction.id}"
