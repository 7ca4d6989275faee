"""Re-scoring a stored analysis with a coach's corrections and overrides: pure and deterministic.

    stored Call --(corrections)--> corrected Call --metrics, score_call--> scorecard --(overrides)-->

:func:`rescore` reads nothing, loads no model, runs no recogniser and looks at no clock: the same
analysis, rubric, corrections and overrides give an equal :class:`Rescored`. The machine's side
of every comparison is the stored analysis (its metrics as stored) scored under the same rubric,
so a rubric edit never shows up as a coach's change. Only what a correction touches is
recomputed: moved turns or roles redo every metric, a question tag the question counts, an
objection tag the objection handling, SPIN and tracker tags only the scorecard.

Corrections apply in order. A turn-anchored correction whose anchor text no longer matches its
turn (after collapsing whitespace and case) is re-attached to the turn with that text nearest in
time; if there is none it is *stale* and not applied. Role corrections that no longer fit the
call (a ``set_rep`` speaker who is not in it, ``swap_roles`` on a call without exactly two named
parties) and tag edits whose tag is gone are stale too.

Reassigned turns keep their ids and stay separate utterances even when they now follow a turn of
the same speaker: the metrics already treat consecutive utterances of one speaker as one turn
(no speaker switch, one monologue, one customer turn for patience), and comments stay anchored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from callcoach.call import Call, DimensionResult, RoleAssignment, Scorecard, Speaker, Tag, Utterance
from callcoach.review.corrections import TAG_KINDS, Comment, Correction, Override, family, normalise
from callcoach.rubric import Rubric

#: ``Tag.source`` of a tag a coach added or changed.
COACH_SOURCE = "coach"
_EPS = 1e-6


@dataclass(frozen=True, slots=True)
class Rescored:
    """A call re-scored with a coach's input.

    Attributes:
        machine: the stored analysis, untouched.
        call: corrections applied; metrics and scorecard recomputed; overrides applied.
        applied: the corrections applied (re-attached ones carry their new turn ids).
        stale: the corrections that no longer fit the analysis (``stale`` set), not applied.
        baseline: the stored analysis, its metrics as stored, scored under the same rubric
            with no corrections: the machine's side of :meth:`comparison`.
        overrides: the overrides applied to ``call.scorecard``.
        stale_overrides: overrides whose dimension is not in the rubric, or whose points lie
            outside its 0..max_points (after a rubric edit); not applied.
        rescaled_overrides: of ``overrides``, those given out of another maximum than this
            rubric's (``max_points`` recorded): applied at the same share of this rubric's
            points (see :func:`apply_overrides`).
    """

    machine: Call
    call: Call
    applied: tuple[Correction, ...]
    stale: tuple[Correction, ...]
    baseline: Call
    overrides: tuple[Override, ...] = ()
    stale_overrides: tuple[Override, ...] = ()
    rescaled_overrides: tuple[Override, ...] = ()

    @property
    def score(self) -> float | None:
        """The corrected score (overrides included)."""
        return None if self.call.scorecard is None else self.call.scorecard.score

    @property
    def machine_score(self) -> float | None:
        """The machine's score under this rubric."""
        return None if self.baseline.scorecard is None else self.baseline.scorecard.score

    def comparison(self) -> list[dict[str, Any]]:
        """Rows ``{"key", "label", "machine", "corrected", "changed"}``, machine value beside the
        corrected one: the score, talk shares, rep questions, longest monologue, patience, then
        every rubric dimension's points (``"override"``: the reason, where a coach set them;
        ``"max_points"`` too)."""
        rows = [_row("score", "Score", _score(self.baseline), _score(self.call))]
        for key, label, path in _METRIC_ROWS:
            rows.append(_row(key, label, _metric(self.baseline, path), _metric(self.call, path)))
        reasons = {o.dimension: o.reason for o in self.overrides}
        machine_dims = {d.id: d for d in (self.baseline.scorecard.dimensions if self.baseline.scorecard else ())}
        for d in self.call.scorecard.dimensions if self.call.scorecard else ():
            m = machine_dims.get(d.id)
            row = _row(f"dimension.{d.id}", d.name, None if m is None else _points(m), _points(d))
            row["max_points"] = round(d.max_points, 2)
            if d.id in reasons:
                row["override"] = reasons[d.id]
            rows.append(row)
        return rows


_METRIC_ROWS = (
    ("rep_talk_pct", "Rep talk share (%)", ("talk", "rep_talk_pct")),
    ("customer_talk_pct", "Customer talk share (%)", ("talk", "customer_talk_pct")),
    ("rep_questions", "Rep questions", ("questions", "rep_questions")),
    ("longest_monologue_s", "Longest monologue (s)", ("longest_monologue", "duration_s")),
    ("patience_s", "Patience (s)", ("patience", "mean_response_pause_s")),
)


def _row(key: str, label: str, machine: float | None, corrected: float | None) -> dict[str, Any]:
    changed = (machine is None) != (corrected is None) or (
        machine is not None and corrected is not None and abs(machine - corrected) > _EPS
    )
    return {"key": key, "label": label, "machine": machine, "corrected": corrected, "changed": changed}


def _score(call: Call) -> float | None:
    return None if call.scorecard is None else call.scorecard.score


def _points(d: DimensionResult) -> float | None:
    return None if d.status == "unavailable" else round(d.points, 2)


def _metric(call: Call, path: tuple[str, str]) -> float | None:
    group = (call.metrics or {}).get(path[0])
    v = group.get(path[1]) if isinstance(group, dict) else None
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


# ------------------------------------------------------------------------------------------
# Anchors


class TurnIndex:
    """Finds a turn by id, and turns by (normalised) text, for re-attaching anchors."""

    def __init__(self, utterances: Sequence[Utterance]) -> None:
        self.by_id = {u.id: u for u in utterances}
        self._utterances = utterances
        self._by_text: dict[str, list[Utterance]] | None = None

    def find(self, utterance_id: int | None, anchor_text: str) -> int | None:
        """The id of the turn ``anchor_text`` now belongs to: ``utterance_id`` if its text still
        matches (or no text was recorded), else the turn with that text nearest in time, else
        None (stale)."""
        u = None if utterance_id is None else self.by_id.get(utterance_id)
        if not anchor_text:
            return None if u is None else u.id
        want = normalise(anchor_text)
        if u is not None and normalise(u.text) == want:
            return u.id
        candidates = self._texts().get(want)
        if not candidates:
            return None
        ref_id = utterance_id if utterance_id is not None else 0
        ref_t = u.start if u is not None else None

        def distance(c: Utterance) -> tuple[float, int, int]:
            dt = abs(c.start - ref_t) if ref_t is not None and c.start is not None else float("inf")
            return (dt, abs(c.id - ref_id), c.id)

        return min(candidates, key=distance).id

    def _texts(self) -> dict[str, list[Utterance]]:
        if self._by_text is None:
            self._by_text = {}
            for u in self._utterances:
                self._by_text.setdefault(normalise(u.text), []).append(u)
        return self._by_text


def attach(correction: Correction, index: TurnIndex) -> Correction:
    """``correction`` with its turns re-attached to ``index``'s call (``stale`` cleared), or marked
    ``stale`` when one of its turns' words is no longer there."""
    if not correction.utterance_ids:
        return replace(correction, stale=False)
    texts = correction.anchor_texts or ("",) * len(correction.utterance_ids)
    ids: list[int] = []
    for uid, text in zip(correction.utterance_ids, texts):
        found = index.find(uid, text)
        if found is None or found in ids:
            return replace(correction, stale=True)
        ids.append(found)
    return replace(correction, utterance_ids=tuple(ids), stale=False)


def attach_comment(comment: Comment, index: TurnIndex) -> Comment:
    """``comment`` re-attached to its turn (times shifted with the turn), or marked ``stale``.
    A whole-call comment is never stale."""
    if comment.utterance_id is None:
        return replace(comment, stale=False)
    found = index.find(comment.utterance_id, comment.anchor_text)
    if found is None:
        return replace(comment, stale=True)
    if found == comment.utterance_id:
        return replace(comment, stale=False)
    # The old turn's times are gone with the old analysis: the comment moves to its new turn's
    # start, keeping its length.
    new = index.by_id[found]
    start, end = comment.start, comment.end
    if new.start is not None and start is not None:
        length = None if end is None else end - start
        start = new.start
        end = None if length is None else round(start + length, 3)
    return replace(comment, utterance_id=found, start=start, end=end, stale=False)


# ------------------------------------------------------------------------------------------
# Applying corrections


@dataclass(slots=True)
class _Draft:
    """The call being corrected: speakers, rep and turns, replaced as corrections apply."""

    speakers: list[Speaker]
    rep: str | None
    utterances: dict[int, Utterance]
    authors: list[str]
    reassigned: bool = False


def _apply(draft: _Draft, c: Correction) -> bool:
    """Apply one (attached) correction to ``draft``; False if it no longer fits the call."""
    named = [s.id for s in draft.speakers if s.id != "unknown"]
    if c.kind == "set_rep":
        if c.speaker not in named:
            return False
        draft.rep = c.speaker
    elif c.kind == "swap_roles":
        if len(named) != 2 or draft.rep not in named:
            return False
        draft.rep = named[1] if draft.rep == named[0] else named[0]
    elif c.kind == "reassign":
        speaker = str(c.speaker)
        if speaker not in {s.id for s in draft.speakers}:
            draft.speakers.append(Speaker(speaker))
        for uid in c.utterance_ids:
            draft.utterances[uid] = replace(draft.utterances[uid], speaker=speaker)
        draft.reassigned = True
    else:
        return _apply_tag(draft, c)
    draft.authors.append(c.author)
    return True


def _apply_tag(draft: _Draft, c: Correction) -> bool:
    uid = c.utterance_ids[0]
    u = draft.utterances[uid]
    labels = [t.label for t in u.tags]
    if c.kind == "add_tag":
        tags = u.tags if c.label in labels else u.tags + (Tag(str(c.label), uid, 1.0, None, COACH_SOURCE),)
    elif c.label not in labels:
        return False
    elif c.kind == "remove_tag":
        tags = tuple(t for t in u.tags if t.label != c.label)
    else:  # change_tag; if the new label is already there, the old tag just goes
        present = c.new_label in labels
        tags = tuple(
            Tag(str(c.new_label), uid, 1.0, t.span, COACH_SOURCE) if t.label == c.label else t
            for t in u.tags
            if not (present and t.label == c.label)
        )
    draft.utterances[uid] = replace(u, tags=tags)
    return True


def correct(call: Call, corrections: Sequence[Correction]) -> tuple[Call, tuple[Correction, ...], tuple[Correction, ...]]:
    """``call`` with ``corrections`` applied in order (metrics and scorecard not recomputed),
    the corrections applied and the stale ones."""
    index = TurnIndex(call.utterances)
    draft = _Draft(list(call.speakers), call.roles.rep, {u.id: u for u in call.utterances}, [])
    applied: list[Correction] = []
    stale: list[Correction] = []
    for c in corrections:
        a = attach(c, index)
        if not a.stale and _apply(draft, a):
            applied.append(a)
        else:
            stale.append(replace(a, stale=True))
    if not applied:
        return call, (), tuple(stale)
    changes: dict[str, Any] = {"utterances": tuple(draft.utterances[u.id] for u in call.utterances)}
    if draft.rep != call.roles.rep or draft.speakers != list(call.speakers):
        from callcoach.speakers.roles import apply_roles

        by = ", ".join(sorted({a for a in draft.authors if a})) or "a coach"
        roles = call.roles
        if draft.rep != call.roles.rep:
            roles = RoleAssignment(draft.rep, "coach", 1.0, (f"set by {by} in review",))
        changes["roles"] = roles
        changes["speakers"] = apply_roles(draft.speakers, roles)
    return call.with_(**changes), tuple(applied), tuple(stale)


# ------------------------------------------------------------------------------------------
# Scoring


def _tagged(call: Call) -> bool:
    """Whether the analysis was tagged (``--no-tagging`` leaves question counts unavailable)."""
    setting = call.settings.get("tagging")
    if isinstance(setting, bool):
        return setting
    return not (call.metrics and "questions" in call.metrics and call.metrics["questions"] is None)


def score(call: Call, rubric: Rubric, *, tagged: bool) -> Call:
    """``call`` with metrics and scorecard recomputed from its turns, as the pipeline does."""
    from callcoach.metrics import analysis_metrics
    from callcoach.scoring import score_call

    scored = call.with_(metrics=analysis_metrics(call, tagged=tagged))
    return scored.with_(scorecard=score_call(scored, rubric))


def _rescore_corrected(machine: Call, corrected: Call, applied: Sequence[Correction], rubric: Rubric, *, tagged: bool) -> Call:
    """Metrics and scorecard of the corrected call, recomputing only what the corrections touch:
    moving turns or roles changes every metric; a question tag the question counts; an objection
    tag the objection handling; SPIN and tracker tags only the scorecard (it reads the tags)."""
    from callcoach.metrics import analysis_metrics, objection_metrics
    from callcoach.scoring import score_call

    if not machine.metrics:
        return score(corrected, rubric, tagged=tagged)
    families = {family(label) for c in applied for label in (c.label, c.new_label) if label}
    moved = any(c.kind not in TAG_KINDS for c in applied)
    objections = objection_metrics(corrected) if moved or "objection" in families else machine.metrics.get("objections", [])
    if moved or "question" in families:
        metrics = analysis_metrics(corrected, tagged=tagged, objections=objections)
    else:
        metrics = {**machine.metrics, "objections": objections}
    scored = corrected.with_(metrics=metrics)
    return scored.with_(scorecard=score_call(scored, rubric))


def _with_talk_times(call: Call) -> Call:
    """Speakers' ``talk_time`` from the recomputed metrics (after turns moved between them)."""
    talk = {s.get("speaker"): s.get("talk_s") for s in call.metrics.get("speakers", ()) if isinstance(s, dict)}
    speakers = tuple(
        replace(s, talk_time=float(talk[s.id])) if isinstance(talk.get(s.id), (int, float)) else s for s in call.speakers
    )
    return call.with_(speakers=speakers)


def override_points(o: Override, max_points: float) -> float:
    """The points ``o`` gives a dimension worth ``max_points``: its points as given, or, where it
    was given out of another maximum (a rubric edit changed the dimension's weight), the same
    share of ``max_points`` (6 of 15 is 8 of 20): the coach's judgement of how well the rep did
    is kept, and the call page shows both."""
    share = o.share()
    if share is None or o.max_points is None or abs(o.max_points - max_points) <= _EPS:
        return float(o.points)
    return round(share * max_points, 2)


def apply_overrides(
    card: Scorecard, overrides: Sequence[Override]
) -> tuple[Scorecard, tuple[Override, ...], tuple[Override, ...], tuple[Override, ...]]:
    """``card`` with the coach's points in place of the machine's and the total recomputed; the
    overrides applied, those that no longer fit the rubric (a dimension it lacks; points outside
    its range, for an override whose maximum was not recorded), and those applied at another
    maximum than they were given out of (:func:`override_points`)."""
    dims = {d.id: d for d in card.dimensions}
    applied: dict[str, tuple[Override, float]] = {}
    stale: list[Override] = []
    rescaled: list[Override] = []
    for o in overrides:
        d = dims.get(o.dimension)
        points = None if d is None else override_points(o, d.max_points)
        if d is None or points is None or not -_EPS <= points <= d.max_points + _EPS:
            stale.append(o)
            continue
        applied[o.dimension] = (o, points)
        if o.max_points is not None and abs(o.max_points - d.max_points) > _EPS:
            rescaled.append(o)
    if not applied:
        return card, (), tuple(stale), ()
    results = []
    for d in card.dimensions:
        found = applied.get(d.id)
        if found is not None:
            points = found[1]
            share = points / d.max_points if d.max_points else 1.0
            status = "met" if share >= 1.0 - _EPS else ("near" if points > 0 else "missed")
            d = replace(d, points=float(points), status=status)
        results.append(d)
    available = sum(r.max_points for r in results if r.status != "unavailable")
    earned = sum(r.points for r in results if r.status != "unavailable")
    total = round(100.0 * earned / available, 1) if available else 0.0
    used = tuple(o for o, _ in applied.values())
    return replace(card, score=total, dimensions=tuple(results)), used, tuple(stale), tuple(rescaled)


def rescore(
    analysis: Call | dict[str, Any],
    rubric: Rubric,
    corrections: Sequence[Correction] = (),
    overrides: Sequence[Override] = (),
) -> Rescored:
    """Re-score a stored analysis with a coach's corrections and overrides.

    Pure and deterministic: no model loading, no ASR, no file or clock access.

    Args:
        analysis: the stored analysis (a :class:`Call` or its JSON form); never modified.
        rubric: the rubric to score under.
        corrections: applied in order; stale ones are skipped and returned in ``stale``.
        overrides: a coach's points per dimension, applied after scoring.
    """
    from callcoach.scoring import score_call

    machine = analysis if isinstance(analysis, Call) else Call.from_dict(analysis)
    tagged = _tagged(machine)
    # The machine's metrics do not depend on the rubric: only its scorecard is redone.
    baseline = machine.with_(scorecard=score_call(machine, rubric)) if machine.metrics else score(machine, rubric, tagged=tagged)
    corrected, applied, stale = correct(machine, corrections)
    if applied:
        corrected = _rescore_corrected(machine, corrected, applied, rubric, tagged=tagged)
        if any(c.kind == "reassign" for c in applied):
            corrected = _with_talk_times(corrected)
    else:
        corrected = baseline
    used: tuple[Override, ...] = ()
    stale_overrides: tuple[Override, ...] = ()
    rescaled: tuple[Override, ...] = ()
    if overrides and corrected.scorecard is not None:
        card, used, stale_overrides, rescaled = apply_overrides(corrected.scorecard, overrides)
        corrected = corrected.with_(scorecard=card)
    return Rescored(machine, corrected, applied, stale, baseline, used, stale_overrides, rescaled)
