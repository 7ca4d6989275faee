"""Drills: a behaviour a coach asks a rep to practise, checked on the rep's next calls (pure).

A drill's *spec* says what to check on one call. It is plain JSON, one of three kinds::

    {"kind": "metric", "metric": "longest_monologue.duration_s", "op": "<=", "value": 90}
    {"kind": "tag_order", "tag": "spin.implication", "at_least": 2, "before": "tracker.pricing"}
    {"kind": "dimension", "dimension": "objections_explored", "min_points": 10}

- ``metric``: a value of :func:`callcoach.scoring.derived_metrics` (the metrics rubrics score,
  :data:`callcoach.scoring.KNOWN_METRICS`) compared with ``op`` (``<=``, ``<``, ``>=``, ``>``,
  ``==``) and ``value``: "explore every objection" is ``objections.explored_pct == 100``.
- ``tag_order``: at least ``at_least`` turns tagged ``tag`` (a label, or a family such as
  ``objection`` for any of its labels) before the first turn tagged ``before``; ``by``: who
  must say ``tag`` (``rep``, the default, or ``anyone``; ``before`` may come from either side).
  Without ``before``, the tags are counted over the whole call. A call in which ``before``
  never comes up counts the whole call (``if_absent: "whole_call"``, the default) or is not
  checked (``if_absent: "skip"``).
- ``dimension``: the call's points on a rubric dimension (after a coach's corrections and
  overrides) are at least ``min_points``.

:func:`check_drill` answers for one call: met (True/False), or None where the call cannot show
the behaviour (no objection was raised, the metric could not be measured, the rubric has no
such dimension); such a call is not one of the drill's calls. The answer comes with
:class:`Evidence`: the value and the moment (turn, time, words) that decided it.

A :class:`Drill` is a spec given to a rep: a title, how many of the rep's next calls to check
(``calls``, default 5) and how many of them must meet it (``pass_at``, default 4 of 5). Which
calls are "next" (:func:`counts`): calls of that rep dated (:func:`callcoach.targets.call_date`:
the manifest's date, else the analysis file's) on or after ``since`` (the day the drill was
set, unless the coach gave an earlier day), leaving out ``excluded``: the calls already in the
folder when it was set, dated before ``since`` or on the day it was set (they were made before
the drill), so a later re-score, which rewrites the file, does not make an old call new.
:func:`summarize` orders the checked calls by date and closes the drill as ``passed`` or
``not_passed`` once ``calls`` of them were checked.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

from callcoach.call import Call, Utterance

KINDS = ("metric", "tag_order", "dimension")
OPS: dict[str, str] = {"<=": "≤", "<": "<", ">=": "≥", ">": ">", "==": "="}
BY = ("rep", "anyone")
IF_ABSENT = ("whole_call", "skip")
DEFAULT_CALLS = 5
MAX_CALLS = 50
#: Characters of a turn an evidence quote keeps.
QUOTE_CHARS = 160
_LABEL = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)?$")
Status = Literal["open", "passed", "not_passed", "cancelled"]


class DrillError(ValueError):
    """A drill that cannot be set as given (the message says what to write instead)."""


# ------------------------------------------------------------------------------------------
# The spec


@dataclass(frozen=True, slots=True)
class DrillSpec:
    """What to check on one call (see the module docstring); only the fields of its ``kind``
    are used and stored."""

    kind: str
    metric: str | None = None
    op: str | None = None
    value: float | None = None
    tag: str | None = None
    at_least: int = 1
    before: str | None = None
    by: str = "rep"
    if_absent: str = "whole_call"
    dimension: str | None = None
    min_points: float | None = None

    def to_dict(self) -> dict[str, Any]:
        if self.kind == "metric":
            return {"kind": "metric", "metric": self.metric, "op": self.op, "value": self.value}
        if self.kind == "tag_order":
            d: dict[str, Any] = {"kind": "tag_order", "tag": self.tag, "at_least": self.at_least}
            if self.before:
                d["before"] = self.before
                d["if_absent"] = self.if_absent
            d["by"] = self.by
            return d
        return {"kind": "dimension", "dimension": self.dimension, "min_points": self.min_points}

    def describe(self) -> str:
        """The spec in words: ``longest monologue ≤ 90 s``."""
        if self.kind == "metric":
            return f"{metric_words(self.metric or '')} {OPS.get(self.op or '', self.op)} {_value(self.value, self.metric or '')}"
        if self.kind == "tag_order":
            who = " by the rep" if self.by == "rep" else ""
            what = f"at least {self.at_least} {tag_words(self.tag or '', self.at_least)}{who}"
            return f"{what} before {tag_words(self.before, 1)} comes up" if self.before else f"{what} in the call"
        return f"at least {_num(self.min_points)} points on {self.dimension}"


def parse_spec(d: Mapping[str, Any]) -> DrillSpec:
    """A validated :class:`DrillSpec` from its JSON form.

    Raises:
        DrillError: an unknown kind, metric or operator, a missing field, a bad number or label.
    """
    from callcoach.scoring import KNOWN_METRICS

    if not isinstance(d, Mapping):
        raise DrillError('a drill spec is a JSON object such as {"kind": "metric", "metric": ..., "op": "<=", "value": 90}')
    kind = str(d.get("kind") or "")
    if kind not in KINDS:
        raise DrillError(f"unknown drill kind {kind!r}: use one of {', '.join(KINDS)}")
    if kind == "metric":
        metric = str(d.get("metric") or "")
        if metric not in KNOWN_METRICS:
            raise DrillError(f"unknown metric {metric!r}: use one of {', '.join(KNOWN_METRICS)}")
        op = str(d.get("op") or "")
        if op not in OPS:
            raise DrillError(f"unknown comparison {op!r}: use one of {' '.join(OPS)}")
        return DrillSpec("metric", metric=metric, op=op, value=_finite(d.get("value"), "value"))
    if kind == "tag_order":
        tag = _label(d.get("tag"), "tag")
        before = _label(d.get("before"), "before") if d.get("before") not in (None, "") else None
        at_least = _count(d.get("at_least", 1), "at_least", 1)
        by = str(d.get("by") or "rep")
        if by not in BY:
            raise DrillError(f"by must be one of {', '.join(BY)}, not {by!r}")
        if_absent = str(d.get("if_absent") or "whole_call")
        if if_absent not in IF_ABSENT:
            raise DrillError(f"if_absent must be one of {', '.join(IF_ABSENT)}, not {if_absent!r}")
        if before is not None and (_matches(before, tag) or _matches(tag, before)):
            raise DrillError(f"tag and before must differ ({tag} before {before} can never be counted)")
        return DrillSpec("tag_order", tag=tag, at_least=at_least, before=before, by=by, if_absent=if_absent)
    dim = str(d.get("dimension") or "").strip()
    if not dim:
        raise DrillError("a dimension drill needs the rubric dimension's id (e.g. objections_explored)")
    points = _finite(d.get("min_points"), "min_points")
    if points < 0:
        raise DrillError(f"min_points must be 0 or more, not {points:g}")
    return DrillSpec("dimension", dimension=dim, min_points=points)


def _finite(v: Any, name: str) -> float:
    try:
        x = float(v)
    except (TypeError, ValueError):
        raise DrillError(f"{name} must be a number, not {v!r}") from None
    if not math.isfinite(x):
        raise DrillError(f"{name} must be a finite number")
    return x


def _count(v: Any, name: str, least: int, most: int | None = None) -> int:
    try:
        n = int(v)
    except (TypeError, ValueError):
        raise DrillError(f"{name} must be a whole number, not {v!r}") from None
    if isinstance(v, float) and n != v:
        raise DrillError(f"{name} must be a whole number, not {v!r}")
    if n < least or (most is not None and n > most):
        raise DrillError(f"{name} must lie between {least} and {most}" if most is not None else f"{name} must be {least} or more")
    return n


def _label(v: Any, name: str) -> str:
    label = str(v or "").strip()
    if not _LABEL.match(label):
        raise DrillError(f"{name} must be a tag label (spin.implication, tracker.pricing) or a family (objection), not {v!r}")
    return label


# ------------------------------------------------------------------------------------------
# Words


def metric_words(metric: str) -> str:
    """``longest_monologue.duration_s`` -> ``longest monologue``; ``objections.explored_pct``
    -> ``objections explored``."""
    head, _, tail = metric.partition(".")
    tail = re.sub(r"_(s|pct|per_min|wpm)$", "", tail)
    words = head.replace("_", " ") if tail in ("duration", "") else f"{head} {tail}".replace("_", " ")
    return {"talk rep talk": "rep talk share", "next step advance": "next step is an advance"}.get(words, words)


def tag_words(label: str | None, n: int) -> str:
    """A tag in words for a count of ``n``: ``spin.implication`` -> ``implication questions``,
    ``tracker.pricing`` -> ``pricing``, ``objection`` -> ``objections``."""
    if not label:
        return ""
    kind, _, rest = label.partition(".")
    words = rest.replace("_", " ")
    s = "" if n == 1 else "s"
    if kind in ("spin", "question") and rest:
        return f"{words} question{s}"
    if kind == "objection":
        return f"{words} objection{s}" if rest else f"objection{s}"
    if kind == "question":
        return f"question{s}"
    return words or label


def _num(x: float | None) -> str:
    if x is None:
        return "n/a"
    return f"{x:.0f}" if float(x).is_integer() else f"{x:.1f}"


def _value(x: float | None, metric: str) -> str:
    if x is None:
        return "n/a"
    if metric.endswith("_pct"):
        return f"{_num(x)} %"
    if metric.endswith("_s"):
        return f"{_num(x)} s"
    return _num(x)


def clock(t: float | None) -> str:
    """``m:ss`` (``h:mm:ss`` from an hour on); ``-:--`` without a time."""
    if t is None:
        return "-:--"
    s = max(0, int(t))
    h, m = divmod(s // 60, 60)
    return f"{h}:{m:02d}:{s % 60:02d}" if h else f"{m}:{s % 60:02d}"


# ------------------------------------------------------------------------------------------
# Checking one call


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a call met a drill or not: a line of words, the value that decided it, and the
    moment (turn id, start time and the turn's words) where there is one."""

    text: str
    value: float | None = None
    utterance_id: int | None = None
    start: float | None = None
    quote: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "value": self.value, "utterance_id": self.utterance_id, "start": self.start, "quote": self.quote}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Evidence:
        def opt(v: Any) -> float | None:
            return None if v is None else float(v)

        uid = d.get("utterance_id")
        return cls(str(d.get("text") or ""), opt(d.get("value")), None if uid is None else int(uid), opt(d.get("start")),
                   str(d.get("quote") or ""))  # fmt: skip

    @property
    def fragment(self) -> str:
        """The call page's URL fragment that plays the moment (as search results link it):
        ``#t=65.200&u=12``, ``#u-12`` without a time, ``""`` without a moment."""
        if self.utterance_id is None:
            return ""
        return f"#u-{self.utterance_id}" if self.start is None else f"#t={self.start:.3f}&u={self.utterance_id}"


def _moment(text: str, u: Utterance | None, value: float | None = None) -> Evidence:
    if u is None:
        return Evidence(text, value)
    words = u.text if len(u.text) <= QUOTE_CHARS else u.text[: QUOTE_CHARS - 1] + "…"
    return Evidence(text, value, u.id, u.start, words)


def check_drill(drill: Drill | DrillSpec, analysis: Call | Mapping[str, Any]) -> tuple[bool | None, Evidence]:
    """Whether the call ``analysis`` meets ``drill`` (True/False; None: the call cannot show
    it, and is not one of the drill's calls), with the evidence.

    ``analysis`` is the call as scored (a :class:`Call` or its JSON form); pass the call with
    a coach's corrections applied (``ReviewStore.rescored(key).call``) so the check agrees with
    the corrected scorecard. Pure: the same call and spec give the same answer.
    """
    spec = drill.spec if isinstance(drill, Drill) else drill
    call = analysis if isinstance(analysis, Call) else Call.from_dict(dict(analysis))
    card = call.scorecard
    if card is not None and not card.is_conversation:
        what = card.conversation.name if card.conversation is not None else "not a conversation"
        return None, Evidence(f"not a conversation ({what}): not checked")
    if spec.kind == "metric":
        return _check_metric(spec, call)
    if spec.kind == "tag_order":
        return _check_tag_order(spec, call)
    return _check_dimension(spec, call)


def _compare(x: float, op: str, value: float) -> bool:
    if op == "==":
        return math.isclose(x, value, rel_tol=1e-9, abs_tol=1e-6)
    return {"<=": x <= value + 1e-9, "<": x < value, ">=": x >= value - 1e-9, ">": x > value}[op]


def _check_metric(spec: DrillSpec, call: Call) -> tuple[bool | None, Evidence]:
    from callcoach.scoring import derived_metrics

    metric, op, target = spec.metric or "", spec.op or "<=", float(spec.value or 0.0)
    x = derived_metrics(call).get(metric)
    name = metric_words(metric)
    if x is None:
        return None, Evidence(f"{name} could not be measured on this call (not checked)")
    met = _compare(float(x), op, target)
    text = f"{name} {_value(round(float(x), 2), metric)} ({'meets' if met else 'misses'} {OPS[op]} {_value(target, metric)})"
    return met, _moment(text, _metric_turn(call, metric, met), float(x))


def _metric_turn(call: Call, metric: str, met: bool) -> Utterance | None:
    """The turn that shows a metric's value, where it has one: the longest stretch's first
    turn, the first objection the rep did not explore (the first explored one when met), the
    first rep question of a SPIN stage."""
    by_id = {u.id: u for u in call.utterances}
    m = call.metrics or {}
    head, _, _ = metric.partition(".")
    block = m.get(head)
    if isinstance(block, dict) and block.get("utterance_ids"):
        return by_id.get(int(block["utterance_ids"][0]))
    if head == "objections" and isinstance(block, list):
        rows = [o for o in block if isinstance(o, dict)]
        pick = [o for o in rows if (o.get("response") == "explored") == met] or rows
        uid = pick[0].get("utterance_id") if pick else None
        return by_id.get(int(uid)) if uid is not None else None
    if head == "spin" and metric.endswith("_questions"):
        label = "spin." + metric.split(".", 1)[1][: -len("_questions")]
        return next((u for u in call.utterances if call.role_of(u.speaker) == "rep" and any(t.label == label for t in u.tags)), None)
    return None


def _matches(label: str, want: str) -> bool:
    """Whether the tag ``label`` is ``want``, or of the family ``want``."""
    return label == want or ("." not in want and label.startswith(want + "."))


def _tag_events(call: Call, want: str, rep_only: bool) -> list[tuple[int, int, Utterance]]:
    """(turn position, span start, turn) of each tag ``want`` in call order (one per tag)."""
    out = []
    for i, u in enumerate(call.utterances):
        if rep_only and call.role_of(u.speaker) != "rep":
            continue
        for t in u.tags:
            if _matches(t.label, want):
                out.append((i, t.span[0] if t.span else 0, u))
    return sorted(out, key=lambda e: (e[0], e[1]))


def _check_tag_order(spec: DrillSpec, call: Call) -> tuple[bool | None, Evidence]:
    tag, need = spec.tag or "", spec.at_least
    counted = _tag_events(call, tag, spec.by == "rep")
    what = tag_words(tag, 2)
    first_b = _tag_events(call, spec.before, False)[:1] if spec.before else []
    if first_b:
        bi, bs, bu = first_b[0]
        before = [e for e in counted if (e[0], e[1]) < (bi, bs)]
        n = len(before)
        when = f"{tag_words(spec.before, 1)} came up at {clock(bu.start)}"
        if n >= need:
            return True, _moment(f"{n} {tag_words(tag, n)} before {when}", before[need - 1][2], float(n))
        return False, _moment(f"only {n} {tag_words(tag, n)} before {when} (needs {need})", bu, float(n))
    if spec.before and spec.if_absent == "skip":
        return None, Evidence(f"{tag_words(spec.before, 1)} never came up (not checked)")
    n = len(counted)
    where = f"; {tag_words(spec.before, 1)} never came up" if spec.before else ""
    if n >= need:
        return True, _moment(f"{n} {tag_words(tag, n)} in the call{where}", counted[need - 1][2], float(n))
    if not counted:
        return False, Evidence(f"no {what} in the call{where} (needs {need})", 0.0)
    return False, _moment(f"only {n} {tag_words(tag, n)} in the call{where} (needs {need})", counted[-1][2], float(n))


def _check_dimension(spec: DrillSpec, call: Call) -> tuple[bool | None, Evidence]:
    card = call.scorecard
    dim = next((d for d in card.dimensions if d.id == spec.dimension), None) if card is not None else None
    if dim is None:
        rubric = card.rubric if card is not None else "its rubric"
        return None, Evidence(f"{rubric} has no dimension {spec.dimension} (not checked)")
    if dim.status == "unavailable":
        return None, Evidence(f"{dim.name} could not be measured on this call (not checked)")
    need = float(spec.min_points or 0.0)
    met = dim.points >= need - 1e-9
    text = f"{dim.name}: {_num(dim.points)} of {_num(dim.max_points)} points ({'meets' if met else 'misses'} ≥ {_num(need)})"
    by_id = {u.id: u for u in call.utterances}
    first = next((by_id[i] for i in dim.evidence if i in by_id), None)
    return met, _moment(text, first, float(dim.points))


# ------------------------------------------------------------------------------------------
# The drill and its calls


@dataclass(frozen=True, slots=True)
class Check:
    """One call checked against a drill: its date, the answer and its evidence, and the
    fingerprint of what the answer was computed from (analysis, coach's input, rubric)."""

    call: str
    day: str
    met: bool | None
    evidence: Evidence
    fingerprint: str = ""
    checked_at: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"call": self.call, "day": self.day, "met": self.met, "evidence": self.evidence.to_dict(),
                "fingerprint": self.fingerprint, "checked_at": self.checked_at}  # fmt: skip

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Check:
        met = d.get("met")
        return cls(str(d["call"]), str(d.get("day") or ""), None if met is None else bool(met),
                   Evidence.from_dict(d.get("evidence") or {}), str(d.get("fingerprint") or ""),
                   str(d.get("checked_at") or ""))  # fmt: skip


@dataclass(frozen=True, slots=True)
class Drill:
    """A spec given to a rep (see the module docstring).

    ``since`` is an ISO date; ``set_at`` the UTC time it was set; ``excluded`` the calls that
    were in the folder when it was set and are not "next"; ``from_call`` the call it was set on,
    if any. ``checks`` are the last answers per call (a cache: :func:`check_drill` of the call
    as it is now is the truth).
    """

    id: str
    rep: str
    title: str
    spec: DrillSpec
    calls: int
    pass_at: int
    since: str
    set_by: str
    set_at: str
    from_call: str | None = None
    note: str = ""
    excluded: tuple[str, ...] = ()
    cancelled_by: str | None = None
    cancelled_at: str | None = None
    checks: tuple[Check, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "rep": self.rep, "title": self.title, "spec": self.spec.to_dict(), "calls": self.calls,
            "pass_at": self.pass_at, "since": self.since, "set_by": self.set_by, "set_at": self.set_at,
            "from_call": self.from_call, "note": self.note, "excluded": list(self.excluded),
            "cancelled_by": self.cancelled_by, "cancelled_at": self.cancelled_at,
            "checks": [c.to_dict() for c in self.checks],
        }  # fmt: skip

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Drill:
        """Raises DrillError/KeyError/TypeError/ValueError on a malformed drill."""
        return new_drill(
            id=str(d["id"]), rep=str(d["rep"]), title=str(d.get("title") or ""), spec=parse_spec(d["spec"]),
            calls=d.get("calls", DEFAULT_CALLS), pass_at=d.get("pass_at"), since=str(d["since"]),
            set_by=str(d.get("set_by") or ""), set_at=str(d.get("set_at") or ""), from_call=d.get("from_call"),
            note=str(d.get("note") or ""), excluded=tuple(str(k) for k in d.get("excluded") or ()),
            cancelled_by=d.get("cancelled_by"), cancelled_at=d.get("cancelled_at"),
            checks=tuple(Check.from_dict(c) for c in d.get("checks") or ()),
        )  # fmt: skip

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None


def default_pass_at(calls: int) -> int:
    """Met on at least 4 of 5 (80 %, rounded up)."""
    return max(1, math.ceil(0.8 * calls - 1e-9))


def new_drill(*, id: str, rep: str, title: str, spec: DrillSpec, calls: Any = DEFAULT_CALLS, pass_at: Any = None,
              since: str, set_by: str, set_at: str, from_call: str | None = None, note: str = "",
              excluded: Iterable[str] = (), cancelled_by: str | None = None, cancelled_at: str | None = None,
              checks: Sequence[Check] = ()) -> Drill:  # fmt: skip
    """A validated :class:`Drill` (the title defaults to the spec in words).

    Raises:
        DrillError: no rep, a number of calls outside 1..50, ``pass_at`` outside 1..calls, a
            ``since`` that is not an ISO date.
    """
    if not rep.strip():
        raise DrillError("say which rep the drill is for")
    n = _count(DEFAULT_CALLS if calls in (None, "") else calls, "calls", 1, MAX_CALLS)
    k = default_pass_at(n) if pass_at in (None, "") else _count(pass_at, "pass_at", 1, n)
    try:
        day = date.fromisoformat(str(since).strip()[:10])
    except ValueError:
        raise DrillError(f"since must be a date such as 2026-10-05, not {since!r}") from None
    return Drill(id, rep.strip(), title.strip() or spec.describe(), spec, n, k, day.isoformat(), set_by, set_at,
                 from_call or None, note.strip(), tuple(excluded), cancelled_by, cancelled_at, tuple(checks))  # fmt: skip


def counts(drill: Drill, key: str, day: date) -> bool:
    """Whether the call ``key`` of the drill's rep, dated ``day``, is one of its next calls."""
    return key not in drill.excluded and key != drill.from_call and day >= date.fromisoformat(drill.since)


def excluded_at_start(since: str, set_day: date, present: Iterable[tuple[str, date]]) -> tuple[str, ...]:
    """The rep's calls in the folder when a drill is set that are not its next calls: dated
    before ``since``, or on the day it is set (made before it). Calls dated after ``since`` and
    before today (a coach giving an earlier ``since``) stay in."""
    start = date.fromisoformat(since)
    return tuple(sorted(k for k, day in present if day < start or day >= set_day))


@dataclass(frozen=True, slots=True)
class Outcome:
    """Where a drill stands: its status, the calls that count (the first ``calls`` checked,
    in date order) with their answers, how many met, and the calls seen that could not show it."""

    status: Status
    counted: tuple[Check, ...]
    met: int
    not_applicable: tuple[Check, ...]

    @property
    def checked(self) -> int:
        return len(self.counted)


def summarize(drill: Drill, checks: Sequence[Check] | None = None) -> Outcome:
    """The drill's outcome from ``checks`` (default: its own), ordered by (date, call)."""
    rows = sorted(drill.checks if checks is None else checks, key=lambda c: (c.day, c.call))
    applicable = [c for c in rows if c.met is not None]
    counted = tuple(applicable[: drill.calls])
    met = sum(1 for c in counted if c.met)
    if len(counted) >= drill.calls:  # closed: the calls after the last one that counts were not its calls
        last = (counted[-1].day, counted[-1].call)
        skipped = tuple(c for c in rows if c.met is None and (c.day, c.call) <= last)
    else:
        skipped = tuple(c for c in rows if c.met is None)
    status: Status
    if drill.cancelled:
        status = "cancelled"
    elif len(counted) < drill.calls:
        status = "open"
    else:
        status = "passed" if met >= drill.pass_at else "not_passed"
    return Outcome(status, counted, met, skipped)


def with_checks(drill: Drill, checks: Iterable[Check]) -> Drill:
    """``drill`` holding ``checks`` (ordered by date, then call)."""
    return replace(drill, checks=tuple(sorted(checks, key=lambda c: (c.day, c.call))))
