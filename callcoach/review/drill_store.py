"""Drills given to reps, and their checks on the reps' next calls, stored with the review data.

A drill (:mod:`callcoach.review.drills`) is one record (:mod:`callcoach.review.records`)::

    results/.callcoach-review/drills/<id>.json    {"schema": "callcoach.drills/1", "id", "rep",
        "title", "spec", "calls", "pass_at", "since", "set_by", "set_at", "from_call", "note",
        "excluded", "cancelled_by", "cancelled_at", "checks": [{"call", "day", "met",
        "evidence": {"text", "value", "utterance_id", "start", "quote"}, "fingerprint",
        "checked_at"}]}

Checks are computed when drills are read (:meth:`DrillStore.drills`: the review pages,
:func:`drills_for_rep`), from the stored analyses with the coaches' corrections applied, so a call
analysed, re-analysed, re-scored or corrected since is checked without any hook in ``batch`` or
``rescore``. Each check is kept with the drill (its row and its file) with a fingerprint of
what it was computed from: the analysis's sha256, the coach's corrections and overrides, and the
rubric's sha256; only a call whose fingerprint changed is checked again. Calls are taken in
date order until ``calls`` of them could show the behaviour; a cancelled drill keeps the checks
it had.

The team report reads drills without the store (:func:`all_drills` with ``calls``): the drill
files only, each drill's calls checked in memory from the calls as the report counts them,
nothing written (no database, no file, no cached check).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from hashlib import sha256
from pathlib import Path
from typing import Any, TypeVar

from callcoach.call import Call
from callcoach.errors import CallcoachError
from callcoach.review.calibration_store import REVIEW_DATA_DIR
from callcoach.review.corrections import now_iso
from callcoach.review.db import read_state
from callcoach.review.drills import (
    Check,
    Drill,
    DrillError,
    DrillSpec,
    Outcome,
    check_drill,
    counts,
    excluded_at_start,
    new_drill,
    parse_spec,
    summarize,
    with_checks,
)
from callcoach.review.history import inputs_sha256
from callcoach.review.records import RECORD_ID, Index, Records, new_record_id, rep_key
from callcoach.review.reps import CallFacts, call_facts, same_rep
from callcoach.review.store import ReviewStore

KIND = "drills"
#: Bumped when what a check computes changes, so every cached check is computed again.
CHECK_VERSION = "1"
_T = TypeVar("_T")


def _index(d: Mapping[str, Any]) -> Index:
    drill = Drill.from_dict(d)
    return Index(drill.rep, None, summarize(drill).status, drill.set_at)


@dataclass(frozen=True, slots=True)
class DrillView:
    """A drill with its outcome (:func:`callcoach.review.drills.summarize`)."""

    drill: Drill
    outcome: Outcome


class DrillStore:
    """The drills of one results folder, over its :class:`ReviewStore`. Creating one makes its
    table and imports drill files the database does not know (a rebuilt database gets every
    drill back)."""

    def __init__(self, store: ReviewStore) -> None:
        self.store = store
        self.records = Records(store, KIND, _index)

    # -- writing ----------------------------------------------------------------------------

    def set(self, rep: str, spec: DrillSpec | Mapping[str, Any], *, set_by: str, title: str = "", calls: Any = None,
            pass_at: Any = None, since: str | None = None, from_call: str | None = None, note: str = "",
            today: date | None = None) -> Drill:  # fmt: skip
        """Give ``rep`` a drill (see :mod:`callcoach.review.drills` for the spec and the rules)
        and check the calls it already has; returns it with its checks.

        Args:
            rep: the rep (as the calls name them, any case).
            spec: what to check on a call.
            set_by: the coach.
            title: the drill in the coach's words (default: the spec in words).
            calls: how many of the rep's next calls to check (default 5).
            pass_at: on how many of them it must be met (default 80 %, 4 of 5).
            since: the first day a call counts from (default ``today``).
            from_call: the call the drill was set on (never one of its calls).
            note: a note for the rep.
            today: the day it is set (default: today's local date).

        Raises:
            DrillError: an invalid spec, no calls of ``rep`` in the folder, a dimension no rubric
                of the rep's calls has, ``from_call`` not a call of ``rep``, bad numbers or date.
        """
        if not set_by.strip():
            raise DrillError("say which coach sets the drill")
        spec = spec if isinstance(spec, DrillSpec) else parse_spec(spec)
        facts = call_facts(self.store, rep)
        if not facts:
            known = sorted({f.rep for f in call_facts(self.store) if f.rep}, key=str.casefold)
            raise DrillError(f"no calls of rep {rep!r} in this folder (reps: {', '.join(known) or 'none named'})")
        rep = facts[0].rep or rep.strip()
        if spec.kind == "dimension":
            self._check_dimension(spec.dimension or "", facts)
        if from_call is not None and from_call not in {f.key for f in facts}:
            raise DrillError(f"{from_call} is not a call of {rep}")
        day = today or date.today()
        since = since or day.isoformat()
        drill = new_drill(id=new_record_id(), rep=rep, title=title, spec=spec, calls=calls, pass_at=pass_at, since=since,
                          set_by=set_by.strip(), set_at=now_iso(), from_call=from_call, note=note)  # fmt: skip
        drill = replace(drill, excluded=excluded_at_start(drill.since, day, ((f.key, f.day) for f in facts)))
        with self.records.write() as db:
            self.records.put(db, drill.to_dict())
        return self.refresh(drill, facts)

    def _check_dimension(self, dim: str, facts: Sequence[CallFacts]) -> None:
        dims: dict[str, None] = {}
        for ref, file in sorted({(f.rubric, f.rubric_file) for f in facts}, key=str):
            with contextlib.suppress(CallcoachError):
                dims.update(dict.fromkeys(d.id for d in self.store._rubric_named(ref, file).rubric.dimensions))
        if dim not in dims:
            raise DrillError(f"the rubric of these calls has no dimension {dim!r} (it has: {', '.join(dims)})")

    def cancel(self, drill_id: str, by: str) -> Drill:
        """Cancel a drill: its checks stay as they were and no call is checked any more.

        Raises:
            KeyError: no such drill.
            DrillError: it was cancelled already.
        """
        self.records.sync()
        with self.records.write() as db:
            drill = Drill.from_dict(self.records.read(db, drill_id))
            if drill.cancelled:
                raise DrillError(f"drill {drill_id} was cancelled already")
            drill = replace(drill, cancelled_by=by, cancelled_at=now_iso())
            self.records.put(db, drill.to_dict())
        return drill

    # -- reading ----------------------------------------------------------------------------

    def drill(self, drill_id: str, *, refresh: bool = True) -> DrillView:
        """One drill with its outcome (its calls checked first); KeyError if there is none."""
        drill = Drill.from_dict(self.records.get(drill_id))
        if refresh and not drill.cancelled:
            self.store.sync()
            drill = self.refresh(drill)
        return DrillView(drill, summarize(drill))

    def drills(self, rep: str | None = None, *, refresh: bool = True) -> list[DrillView]:
        """The drills (of ``rep`` only, where given), newest first, each with its outcome; open
        ones have their calls checked first (one pass over the folder's calls)."""
        found = [Drill.from_dict(d) for d in self.records.select(rep=rep)]
        if refresh and any(not d.cancelled for d in found):
            self.store.sync()  # calls analysed since the folder was last scanned (a stat per file)
            facts = call_facts(self.store)
            found = [self.refresh(d, [f for f in facts if same_rep(f.rep, d.rep)]) for d in found]
        found.sort(key=lambda d: (d.set_at, d.id), reverse=True)
        return [DrillView(d, summarize(d)) for d in found]

    def for_call(self, key: str, rep: str | None) -> list[tuple[DrillView, Check | None]]:
        """The drills of the rep of ``key`` (newest first), each with this call's check where the
        call is one of its calls."""
        if rep is None:
            return []
        out = []
        for view in self.drills(rep):
            check = next((c for c in view.outcome.counted + view.outcome.not_applicable if c.call == key), None)
            out.append((view, check))
        return out

    # -- checking ---------------------------------------------------------------------------

    def _fingerprint(self, f: CallFacts, corrections: Sequence[Any], overrides: Sequence[Any]) -> str:
        rubric = self.store._rubric_named(f.rubric, f.rubric_file).sha256
        parts = (CHECK_VERSION, f.analysis_sha256, inputs_sha256(corrections, overrides), rubric)
        return sha256(":".join(parts).encode()).hexdigest()

    def refresh(self, drill: Drill, facts: Iterable[CallFacts] | None = None) -> Drill:
        """Check the drill's calls whose analysis, coach's input or rubric changed since they were
        last checked, in date order until ``calls`` of them could show it; store the checks
        when they changed. A cancelled drill is returned as it is."""
        if drill.cancelled:
            return drill
        rep_facts = [f for f in (call_facts(self.store, drill.rep) if facts is None else facts) if same_rep(f.rep, drill.rep)]
        todo = sorted((f for f in rep_facts if f.conversation and counts(drill, f.key, f.day)), key=lambda f: (f.day, f.key))
        cached = {c.call: c for c in drill.checks}
        checks = next_checks(drill, todo, lambda f: self._check(drill, f, cached.get(f.key)))
        if [c.to_dict() for c in checks] == [c.to_dict() for c in drill.checks]:
            return drill
        with self.records.write() as db:
            try:
                now = Drill.from_dict(self.records.read(db, drill.id))
            except KeyError:  # deleted meanwhile (its file removed and the database rebuilt)
                return with_checks(drill, checks)
            if now.cancelled:
                return now
            drill = with_checks(now, checks)
            self.records.put(db, drill.to_dict())
        return drill

    def _check(self, drill: Drill, f: CallFacts, cached: Check | None) -> Check | None:
        """The check of one call: the cached one while its fingerprint holds, else computed
        again; None where the call cannot be read (left out, as the queue leaves it out)."""
        try:
            with self.store._connect() as db:
                state = read_state(db, f.key)
            fingerprint = self._fingerprint(f, state.corrections, state.overrides)
            if cached is not None and cached.fingerprint == fingerprint and cached.day == f.day.isoformat():
                return cached
            call = self.store.rescored(f.key).call
        except (KeyError, CallcoachError, OSError, ValueError):
            return None
        met, evidence = check_drill(drill, call)
        return Check(f.key, f.day.isoformat(), met, evidence, fingerprint, now_iso())


def next_checks(drill: Drill, todo: Iterable[_T], check: Callable[[_T], Check | None]) -> list[Check]:
    """The checks of ``todo`` (the rep's calls that count, in date order) until ``drill.calls``
    of them could show the behaviour; a call ``check`` answers None for (unreadable) is left out.
    The one walk both the store and the read-only path (:func:`checked_read_only`) take."""
    checks: list[Check] = []
    applicable = 0
    for item in todo:
        if applicable >= drill.calls:
            break
        found = check(item)
        if found is None:
            continue
        checks.append(found)
        applicable += found.met is not None
    return checks


# ------------------------------------------------------------------------------------------
# Reading without the store: the team report


@dataclass(frozen=True, slots=True)
class ReportCall:
    """One call as a reader outside review counts it (the team report): its review key (the
    analysis path without ``.callcoach.json``), rep, date (:func:`callcoach.targets.call_date`),
    whether it is a conversation, and how to load it: the call with the coaches' corrections
    applied where a coach reviewed it, else as stored (a :class:`Call` or its JSON form; raising
    OSError, ValueError, KeyError, TypeError or CallcoachError leaves the call out, as the store
    leaves out a call it cannot read)."""

    key: str
    rep: str | None
    day: date | None
    conversation: bool
    load: Callable[[], Call | Mapping[str, Any]]


def read_drill_files(results_dir: str | Path) -> list[Drill]:
    """Every drill in ``<results>/.callcoach-review/drills/*.json``, read only: no database is
    opened or made. A file that is not a drill (another schema, an id that is not its name, a
    malformed spec) is skipped, as the store skips it. A drill whose file was deleted, kept only
    in the database until the store writes its file again, is not seen."""
    folder = Path(results_dir) / REVIEW_DATA_DIR / KIND
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.json")):
        if not RECORD_ID.match(path.stem):
            continue
        try:
            side = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(side, dict) or side.get("schema") != f"callcoach.{KIND}/1" or str(side.get("id")) != path.stem:
                continue
            found.append(Drill.from_dict({k: v for k, v in side.items() if k != "schema"}))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue
    return found


def _without_words(d: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON form of a call without its word timings: no check reads them (turns, their
    times, text and tags, the metrics and the scorecard do), and in a long call they are most of
    the objects :meth:`Call.from_dict` would build."""
    turns = [{k: v for k, v in u.items() if k != "words"} if isinstance(u, Mapping) else u for u in d.get("utterances") or ()]
    return {**d, "utterances": turns}


def _loaded(c: ReportCall, cache: dict[str, Call | None]) -> Call | None:
    """The call ``c`` loaded once per reading (several drills of a rep check the same calls)."""
    if c.key not in cache:
        try:
            got = c.load()
            cache[c.key] = got if isinstance(got, Call) else Call.from_dict(_without_words(got))
        except (OSError, ValueError, KeyError, TypeError, AttributeError, CallcoachError):
            cache[c.key] = None
    return cache[c.key]


def checked_read_only(drill: Drill, calls: Sequence[ReportCall], cache: dict[str, Call | None] | None = None) -> Drill:
    """``drill`` with its calls among ``calls`` checked now, in memory (as :meth:`DrillStore.refresh`
    walks them, without its cache or writing anything); a cancelled drill keeps the checks it has.
    ``cache`` holds the calls loaded so far, by key, to share between drills."""
    if drill.cancelled:
        return drill
    cache = {} if cache is None else cache
    todo = sorted((c for c in calls if c.conversation and c.day is not None and same_rep(c.rep, drill.rep)
                   and counts(drill, c.key, c.day)), key=lambda c: (c.day, c.key))  # fmt: skip

    def check(c: ReportCall) -> Check | None:
        call = _loaded(c, cache)
        if call is None or c.day is None:
            return None
        met, evidence = check_drill(drill, call)
        return Check(c.key, c.day.isoformat(), met, evidence)

    return with_checks(drill, next_checks(drill, todo, check))


# ------------------------------------------------------------------------------------------
# For the team report and other readers


def drill_json(view: DrillView) -> dict[str, Any]:
    """A drill and its outcome as plain JSON (see :func:`drills_for_rep`)."""
    d, o = view.drill, view.outcome

    def check(c: Check) -> dict[str, Any]:
        ev = c.evidence
        return {"call": c.call, "day": c.day, "met": c.met, "text": ev.text, "value": ev.value, "utterance_id": ev.utterance_id,
                "start": ev.start, "quote": ev.quote, "fragment": ev.fragment,
                "href": f"/call/{_quote(c.call)}{ev.fragment}"}  # fmt: skip

    return {
        "id": d.id, "rep": d.rep, "title": d.title, "spec": d.spec.to_dict(), "describe": d.spec.describe(),
        "calls": d.calls, "pass_at": d.pass_at, "since": d.since, "set_by": d.set_by, "set_at": d.set_at,
        "from_call": d.from_call, "note": d.note, "status": o.status, "checked": o.checked, "met": o.met,
        "cancelled_by": d.cancelled_by, "cancelled_at": d.cancelled_at,
        "checks": [check(c) for c in o.counted], "not_applicable": [check(c) for c in o.not_applicable],
    }  # fmt: skip


def _quote(key: str) -> str:
    from urllib.parse import quote

    return quote(key, safe="/")


def drills_for_rep(results_dir: str | Path, rep: str) -> list[dict[str, Any]]:
    """The drills given to ``rep`` (any case) in the results folder, newest first, with their calls
    checked now (as the review app would show them), as plain JSON (:func:`drill_json`)::

        {"id", "rep", "title", "spec", "describe", "calls", "pass_at", "since", "set_by", "set_at",
         "from_call", "note", "status": "open" | "passed" | "not_passed" | "cancelled",
         "checked", "met", "cancelled_by", "cancelled_at",
         "checks": [{"call", "day", "met": true | false, "text", "value", "utterance_id",
                     "start", "quote", "fragment": "#t=65.200&u=12", "href": "/call/KEY#t=..."}],
         "not_applicable": [the calls seen that could not show it, same fields, "met": null]}

    ``checks`` are the calls that count, in date order (at most ``calls``); ``href`` is the
    moment in the review app (``callcoach review``), ``fragment`` the same moment for a
    scorecard page. A folder where no drill was ever set gives [] and is left as it was.
    """
    root = Path(results_dir)
    if not (root / ".callcoach-review" / KIND).is_dir():
        return []
    with ReviewStore(root) as store:
        return [drill_json(v) for v in DrillStore(store).drills(rep)]


def all_drills(results_dir: str | Path, *, calls: Sequence[ReportCall] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every rep's drills (:func:`drills_for_rep`), by rep as the drills name them, newest first,
    in one pass.

    Without ``calls`` the drills are read through the review store, as the review app reads them
    (the database opened, checks that changed stored). With ``calls`` (every call of the folder
    as the caller counts it: :class:`ReportCall`) nothing is written: the drill files are read
    (:func:`read_drill_files`) and each open drill's calls checked in memory from ``calls``
    (:func:`checked_read_only`), so the team report shows the checks the review app would, for
    the calls as the report counts them, and leaves the review data as it was.
    """
    root = Path(results_dir)
    if not (root / REVIEW_DATA_DIR / KIND).is_dir():
        return {}
    if calls is None:
        with ReviewStore(root) as store:
            views = DrillStore(store).drills()
    else:
        cache: dict[str, Call | None] = {}
        by_rep: dict[str, list[ReportCall]] = {}
        for c in calls:
            by_rep.setdefault(rep_key(c.rep), []).append(c)
        checked = [checked_read_only(d, by_rep.get(rep_key(d.rep), []), cache) for d in read_drill_files(root)]
        views = [DrillView(d, summarize(d)) for d in sorted(checked, key=lambda d: (d.set_at, d.id), reverse=True)]
    out: dict[str, list[dict[str, Any]]] = {}
    for v in views:
        out.setdefault(v.drill.rep, []).append(drill_json(v))
    return out
