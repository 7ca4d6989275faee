"""Calibration rounds: the calls sampled, each coach's blind points, the consensus saved as gold.

A round is kept with the rubric version it was scored under (``id@version`` and the sha256 of the
rubric file), the rubric's dimensions as they were (id, name, points), and the machine's own
points on every sampled call under that rubric, taken when the round starts: a later rubric
edit or re-analysis never changes what the coaches were compared with.

Where it lives (the review database and, mirrored, one JSON file per round)::

    results/
      .callcoach-review.sqlite               tables calibration_rounds, calibration_raters,
                                             calibration_scores, calibration_gold
      .callcoach-review/calibration/<id>.json  one round, rewritten atomically (temp file +
                                             rename) inside every write transaction

As with the calls' sidecars (:mod:`callcoach.review.store`), a round file the database does not
know, or one changed outside this store (a file share, a ``git pull``), is imported when the
rounds are next read, so deleting the database loses no round; a round whose file was deleted
gets it written again.

Gold: closing a round saves the consensus (:func:`callcoach.review.calibration.consensus`, the
median of the submitted coaches' points; none where fewer than two coaches scored) in the table
``calibration_gold`` (call, dimension, round, rubric, points, max_points, coaches, at) and in the
round's file (``"gold"``), which a rebuild restores it from. :meth:`CalibrationStore.gold` gives
a call's gold points per dimension, from the latest closed round that has them.

Round file (``schema: callcoach.calibration/1``, keys in this order)::

    {"schema", "id", "rubric", "rubric_id", "rubric_version", "rubric_hash",
     "dimensions": [{"id", "name", "max_points"}], "created_by", "created",
     "sampling": {"method": "random" | "stratified", "seed", "size", "pool"},
     "calls": [key, ...], "machine": {key: {dimension: points | null}},
     "status": "open" | "closed", "closed_by", "closed_at",
     "raters": [{"coach", "submitted_at" | null, "scores": {key: {dimension: points}}}],
     "gold": [{"call", "dimension", "points", "coaches"}]}
"""

from __future__ import annotations

import json
import math
import random
import re
import secrets
import sqlite3
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from callcoach.output import atomic_write_text
from callcoach.review.calibration import RoundReport, round_report
from callcoach.review.corrections import now_iso
from callcoach.review.db import file_stamp, to_json

if TYPE_CHECKING:
    from callcoach.review.store import CallEntry, ReviewStore

ROUND_SCHEMA = "callcoach.calibration/1"
#: The results folder's review data directory (hidden: the store's scan of analyses skips it).
REVIEW_DATA_DIR = ".callcoach-review"
ROUNDS_DIR = "calibration"
Method = Literal["random", "stratified"]
METHODS: tuple[str, ...] = ("random", "stratified")
#: A round id: the UTC time it started and six hex digits (safe as a file name and in a URL).
ROUND_ID = re.compile(r"^[0-9]{8}-[0-9]{6}-[0-9a-f]{6}$")
MIN_ROUND_CALLS = 2
MAX_ROUND_CALLS = 200

SCHEMA = """
CREATE TABLE IF NOT EXISTS calibration_rounds (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL,
    status TEXT NOT NULL,
    data TEXT NOT NULL,
    sidecar_stat TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS calibration_raters (
    round TEXT NOT NULL REFERENCES calibration_rounds(id) ON DELETE CASCADE,
    coach TEXT NOT NULL,
    submitted_at TEXT,
    PRIMARY KEY (round, coach)
);
CREATE TABLE IF NOT EXISTS calibration_scores (
    round TEXT NOT NULL,
    coach TEXT NOT NULL,
    call TEXT NOT NULL,
    dimension TEXT NOT NULL,
    points REAL NOT NULL,
    PRIMARY KEY (round, coach, call, dimension),
    FOREIGN KEY (round, coach) REFERENCES calibration_raters(round, coach) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS calibration_gold (
    call TEXT NOT NULL,
    dimension TEXT NOT NULL,
    round TEXT NOT NULL REFERENCES calibration_rounds(id) ON DELETE CASCADE,
    rubric TEXT NOT NULL,
    points REAL NOT NULL,
    max_points REAL NOT NULL,
    coaches INTEGER NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (call, dimension, round)
);
CREATE INDEX IF NOT EXISTS calibration_gold_call ON calibration_gold(call, at);
"""


class CalibrationError(ValueError):
    """A calibration request that cannot be done as asked (the message says what to do)."""


class Blind(CalibrationError):
    """What was asked would show a coach others' or the machine's points before they submitted."""


@dataclass(frozen=True, slots=True)
class RoundDimension:
    """A rubric dimension as the round scored it."""

    id: str
    name: str
    max_points: float


@dataclass(frozen=True, slots=True)
class Round:
    """A calibration round's definition and state (see the module docstring's file format)."""

    id: str
    rubric: str
    rubric_id: str
    rubric_version: str
    rubric_hash: str
    dimensions: tuple[RoundDimension, ...]
    created_by: str
    created: str
    method: str
    seed: int
    size: int
    pool: int
    calls: tuple[str, ...]
    machine: dict[str, dict[str, float | None]]
    status: str = "open"
    closed_by: str | None = None
    closed_at: str | None = None

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def dimension(self, dim: str) -> RoundDimension:
        found = next((d for d in self.dimensions if d.id == dim), None)
        if found is None:
            raise CalibrationError(f"round {self.id} has no dimension {dim!r} (it has: {', '.join(d.id for d in self.dimensions)})")
        return found

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "rubric": self.rubric, "rubric_id": self.rubric_id, "rubric_version": self.rubric_version,
            "rubric_hash": self.rubric_hash,
            "dimensions": [{"id": d.id, "name": d.name, "max_points": d.max_points} for d in self.dimensions],
            "created_by": self.created_by, "created": self.created,
            "sampling": {"method": self.method, "seed": self.seed, "size": self.size, "pool": self.pool},
            "calls": list(self.calls), "machine": {k: dict(v) for k, v in self.machine.items()},
            "status": self.status, "closed_by": self.closed_by, "closed_at": self.closed_at,
        }  # fmt: skip

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Round:
        """Raises KeyError/TypeError/ValueError on a malformed round."""
        rid = str(d["id"])
        if not ROUND_ID.match(rid):
            raise ValueError(f"bad round id {rid!r}")
        sampling = d.get("sampling") or {}
        status = str(d.get("status") or "open")
        if status not in ("open", "closed"):
            raise ValueError(f"bad status {status!r}")
        return cls(
            id=rid, rubric=str(d["rubric"]), rubric_id=str(d.get("rubric_id") or ""),
            rubric_version=str(d.get("rubric_version") or ""), rubric_hash=str(d.get("rubric_hash") or ""),
            dimensions=tuple(RoundDimension(str(x["id"]), str(x.get("name") or x["id"]), float(x["max_points"]))
                             for x in d["dimensions"]),
            created_by=str(d.get("created_by") or ""), created=str(d.get("created") or ""),
            method=str(sampling.get("method") or "random"), seed=int(sampling.get("seed") or 0),
            size=int(sampling.get("size") or len(d["calls"])), pool=int(sampling.get("pool") or 0),
            calls=tuple(str(k) for k in d["calls"]),
            machine={str(k): {str(dim): _opt_float(p) for dim, p in (v or {}).items()} for k, v in (d.get("machine") or {}).items()},
            status=status, closed_by=d.get("closed_by"), closed_at=d.get("closed_at"),
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Sheet:
    """One coach's points in a round: ``points[call][dimension]``; ``submitted_at`` None while a
    draft (a draft never counts in the report and is never shown to anyone else)."""

    coach: str
    submitted_at: str | None
    points: dict[str, dict[str, float]] = field(default_factory=dict)

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None


@dataclass(frozen=True, slots=True)
class Gold:
    """A call's gold points on one dimension: the consensus of a closed round."""

    dimension: str
    points: float
    max_points: float
    round: str
    rubric: str
    coaches: int
    at: str


@dataclass(frozen=True, slots=True)
class RoundView:
    """What one coach may see of a round. Built only by :meth:`CalibrationStore.view`, which
    leaves ``others``, ``machine`` and ``report`` empty until that coach has submitted (or the
    round is closed): the page cannot show what it was never given.

    Attributes:
        round: the definition, with ``machine`` emptied while blind.
        own: this coach's sheet (None before they saved anything).
        revealed: whether this coach may see others' and the machine's points.
        submitted: the coaches who have submitted (names only, never points, while blind).
        others: other coaches' submitted sheets (empty while blind).
        machine: ``{call: {dimension: points}}`` of the machine (empty while blind).
        report: the round's report over the submitted coaches (None while blind).
    """

    round: Round
    own: Sheet | None
    revealed: bool
    submitted: tuple[str, ...]
    others: dict[str, Sheet]
    machine: dict[str, dict[str, float | None]]
    report: RoundReport | None


# ------------------------------------------------------------------------------------------
# Sampling (pure)


def sample_calls(entries: Sequence[tuple[str, float]], size: int, method: str, seed: int) -> list[str]:
    """``size`` call keys out of ``entries`` (``(key, score)``), reproducibly for a ``seed``.

    - ``random``: a simple random sample.
    - ``stratified``: the calls sorted by score (then key) are cut into ``size`` strata of equal
      count (quantiles) and one call is drawn from each, so the sample spans the score range.

    Either way the sample comes back in a random order (the same seed, the same order): a list in
    score order would tell a blind coach what the machine thought.

    Raises:
        CalibrationError: an unknown method, or ``size`` outside 2..the number of calls.
    """
    if method not in METHODS:
        raise CalibrationError(f"unknown sampling method {method!r}: use random or stratified")
    pool = sorted(entries, key=lambda e: (e[1], e[0]))
    if not MIN_ROUND_CALLS <= size <= len(pool):
        raise CalibrationError(
            f"a round needs between {MIN_ROUND_CALLS} and {len(pool)} calls (the scored calls available), not {size}"
        )
    rng = random.Random(seed)
    if method == "random":
        return rng.sample([k for k, _ in sorted(pool)], size)
    picked = [rng.choice(pool[i * len(pool) // size : (i + 1) * len(pool) // size])[0] for i in range(size)]
    rng.shuffle(picked)
    return picked


def new_round_id(now: datetime | None = None) -> str:
    """``YYYYMMDD-HHMMSS-xxxxxx`` (UTC time and six random hex digits)."""
    t = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    return f"{t}-{secrets.token_hex(3)}"


def _opt_float(v: Any) -> float | None:
    if v is None:
        return None
    x = float(v)
    return None if math.isnan(x) else x


# ------------------------------------------------------------------------------------------
# The store


class CalibrationStore:
    """Calibration rounds of one results folder, over the folder's :class:`ReviewStore` (its
    database connections and calls). Creating one makes its tables and imports round files the
    database does not know (a rebuilt database gets every round back)."""

    def __init__(self, store: ReviewStore) -> None:
        self.store = store
        self.folder = store.folder / REVIEW_DATA_DIR / ROUNDS_DIR
        with store._connect() as db:
            db.executescript(SCHEMA)
        self.sync()

    # -- files ----------------------------------------------------------------------------

    def sidecar_path(self, round_id: str) -> Path:
        """``<results>/.callcoach-review/calibration/<id>.json``."""
        return self.folder / f"{round_id}.json"

    def sync(self) -> int:
        """Import round files that are new or changed since the database last saw them, and write
        again the file of a round whose file is gone. One ``stat`` per round when nothing
        changed. Returns how many files were imported."""
        files = {}
        if self.folder.is_dir():
            files = {p.stem: p for p in sorted(self.folder.glob("*.json")) if not p.name.startswith(".") and ROUND_ID.match(p.stem)}
        with self.store._connect() as db:
            known = dict(db.execute("SELECT id, sidecar_stat FROM calibration_rounds").fetchall())
        todo = [rid for rid, p in files.items() if known.get(rid) != file_stamp(p)]
        lost = [rid for rid in known if rid not in files]
        imported = 0
        for rid in todo:
            with self._write() as db:
                row = db.execute("SELECT sidecar_stat FROM calibration_rounds WHERE id = ?", (rid,)).fetchone()
                if row is not None and row[0] == file_stamp(files[rid]):
                    continue  # another process imported it meanwhile
                imported += _import(db, files[rid])
        for rid in lost:
            with self._write() as db:
                if db.execute("SELECT 1 FROM calibration_rounds WHERE id = ?", (rid,)).fetchone() is not None:
                    self._write_sidecar(db, rid)
        return imported

    def _write(self) -> Any:
        return self.store._write()

    def _write_sidecar(self, db: sqlite3.Connection, round_id: str) -> None:
        """Rewrite the round's file from the database (inside the caller's transaction, so a
        writer elsewhere never leaves the file older than the database) and record its stamp."""
        rnd = _read_round(db, round_id)
        data: dict[str, Any] = {"schema": ROUND_SCHEMA, **rnd.to_dict()}
        data["raters"] = [
            {"coach": s.coach, "submitted_at": s.submitted_at, "scores": s.points} for s in _read_sheets(db, round_id).values()
        ]
        data["gold"] = [
            {"call": k, "dimension": dim, "points": p, "coaches": n}
            for k, dim, p, n in db.execute(
                "SELECT call, dimension, points, coaches FROM calibration_gold WHERE round = ? ORDER BY call, dimension", (round_id,)
            )
        ]
        path = self.sidecar_path(round_id)
        atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        db.execute("UPDATE calibration_rounds SET sidecar_stat = ? WHERE id = ?", (file_stamp(path), round_id))

    # -- reading --------------------------------------------------------------------------

    def rounds(self) -> list[Round]:
        """Every round, newest first."""
        self.sync()
        with self.store._connect() as db:
            return [Round.from_dict(json.loads(d)) for (d,) in db.execute("SELECT data FROM calibration_rounds ORDER BY created DESC, id DESC")]

    def round(self, round_id: str) -> Round:
        """One round; KeyError if there is none with that id."""
        if not ROUND_ID.match(round_id):
            raise KeyError(round_id)
        self.sync()
        with self.store._connect() as db:
            return _read_round(db, round_id)

    def submitted(self, round_id: str) -> tuple[str, ...]:
        """The coaches who submitted in ``round_id`` (names only)."""
        with self.store._connect() as db:
            return tuple(c for (c,) in db.execute(
                "SELECT coach FROM calibration_raters WHERE round = ? AND submitted_at IS NOT NULL ORDER BY coach", (round_id,)))  # fmt: skip

    def view(self, round_id: str, coach: str) -> RoundView:
        """What ``coach`` may see of the round: their own sheet always; the other coaches'
        submitted points, the machine's points and the report only once ``coach`` has submitted
        or the round is closed. This is the only reader the app's round pages use."""
        rnd = self.round(round_id)
        with self.store._connect() as db:
            sheets = _read_sheets(db, round_id)
        own = sheets.get(coach)
        submitted = tuple(sorted(c for c, s in sheets.items() if s.submitted))
        revealed = not rnd.is_open or (own is not None and own.submitted)
        if not revealed:
            blind = replace(rnd, machine={})
            return RoundView(blind, own, False, submitted, {}, {}, None)
        others = {c: s for c, s in sheets.items() if c != coach and s.submitted}
        return RoundView(rnd, own, True, submitted, others, rnd.machine, _report(rnd, sheets))

    def report(self, round_id: str, coach: str) -> RoundReport:
        """The round's report, for ``coach``.

        Raises:
            Blind: the round is open and ``coach`` has not submitted.
        """
        view = self.view(round_id, coach)
        if view.report is None:
            raise Blind(f"submit your own scores in round {round_id} first: the report shows the other coaches' and the machine's points")
        return view.report

    def blind_round(self, key: str, coach: str) -> Round | None:
        """The open round in which ``coach`` still scores the call ``key`` blind (has not
        submitted), if any: while there is one, the call's points must not be shown to them."""
        self.sync()
        with self.store._connect() as db:
            rows = db.execute(
                "SELECT r.data FROM calibration_rounds r WHERE r.status = 'open' AND NOT EXISTS "
                "(SELECT 1 FROM calibration_raters a WHERE a.round = r.id AND a.coach = ? AND a.submitted_at IS NOT NULL) "
                "ORDER BY r.created, r.id",
                (coach,),
            ).fetchall()
        for (data,) in rows:
            rnd = Round.from_dict(json.loads(data))
            if key in rnd.calls:
                return rnd
        return None

    def gold(self, key: str) -> dict[str, Gold]:
        """The gold points of the call ``key`` by dimension: from the latest closed round that
        has a consensus on that dimension (empty if no round closed on the call)."""
        out: dict[str, Gold] = {}
        with self.store._connect() as db:
            for dim, p, mx, rid, rubric, n, at in db.execute(
                "SELECT dimension, points, max_points, round, rubric, coaches, at FROM calibration_gold WHERE call = ? ORDER BY at, round",
                (key,),
            ):
                out[dim] = Gold(dim, p, mx, rid, rubric, n, at)
        return out

    def all_gold(self) -> Iterator[tuple[str, Gold]]:
        """Every call's gold points, ``(call, Gold)``, oldest round first (a later one wins)."""
        with self.store._connect() as db:
            rows = db.execute(
                "SELECT call, dimension, points, max_points, round, rubric, coaches, at FROM calibration_gold ORDER BY at, round"
            ).fetchall()
        for k, dim, p, mx, rid, rubric, n, at in rows:
            yield k, Gold(dim, p, mx, rid, rubric, n, at)

    # -- writing --------------------------------------------------------------------------

    def start(self, *, size: int, created_by: str, method: str = "random", seed: int | None = None,
              rubric: str | None = None) -> Round:  # fmt: skip
        """Start a round on ``size`` calls sampled from the scored conversations of one rubric.

        Args:
            size: how many calls (2 .. the calls available).
            created_by: the coach starting it.
            method: ``random`` or ``stratified`` (by the machine's score; :func:`sample_calls`).
            seed: the sampling seed (recorded; default: a random one).
            rubric: the rubric ``id@version`` (or ``id``) whose calls to sample; default: the one
                most calls are scored under.

        Raises:
            CalibrationError: no scored calls (under that rubric), a bad size or method.
        """
        if not created_by.strip():
            raise CalibrationError("say which coach starts the round")
        entries = eligible(self.store.calls())
        refs = Counter(e.rubric for e in entries)
        if not refs:
            raise CalibrationError("no scored calls in this folder to calibrate on (voicemails and one-voice recordings have no score)")
        if rubric:
            matches = [r for r in refs if rubric in (r, r.split("@", 1)[0])]
            if not matches:
                raise CalibrationError(f"no scored calls under rubric {rubric!r} (there are: {', '.join(sorted(refs))})")
            ref = min(matches, key=lambda r: (-refs[r], r))
        else:
            ref = min(refs, key=lambda r: (-refs[r], r))
        pool = [e for e in entries if e.rubric == ref]
        seed = secrets.randbelow(2**31) if seed is None else int(seed)
        keys = sample_calls([(e.key, float(e.machine_score)) for e in pool], int(size), method, seed)  # type: ignore[arg-type]
        resolved = self.store.resolved_rubric(keys[0])
        rub = resolved.rubric
        dims = tuple(RoundDimension(d.id, d.name, float(d.weight)) for d in rub.dimensions)
        machine = {k: _machine_points(self.store, k, dims) for k in keys}
        rnd = Round(
            id=new_round_id(), rubric=rub.ref, rubric_id=rub.id, rubric_version=str(rub.version), rubric_hash=resolved.sha256,
            dimensions=dims, created_by=created_by.strip(), created=now_iso(), method=method, seed=seed, size=len(keys),
            pool=len(pool), calls=tuple(keys), machine=machine,
        )  # fmt: skip
        with self._write() as db:
            db.execute(
                "INSERT INTO calibration_rounds (id, created, status, data) VALUES (?, ?, ?, ?)",
                (rnd.id, rnd.created, rnd.status, to_json(rnd.to_dict())),
            )
            self._write_sidecar(db, rnd.id)
        return rnd

    def save(self, round_id: str, coach: str, points: Mapping[str, Mapping[str, float | None]], *, submit: bool = False) -> Sheet:
        """Save ``coach``'s points (``{call: {dimension: points}}``; None or a missing one: not
        scored) as their sheet, replacing their draft; ``submit`` makes it final.

        Raises:
            KeyError: no such round.
            CalibrationError: the round is closed, ``coach`` already submitted, a call or
                dimension not in the round, points outside 0..the dimension's points, or a
                submission with no points at all.
        """
        coach = coach.strip()
        if not coach:
            raise CalibrationError("say which coach is scoring")
        rnd = self.round(round_id)
        clean: dict[str, dict[str, float]] = {}
        for key, dims in points.items():
            if key not in rnd.calls:
                raise CalibrationError(f"call {key!r} is not in round {round_id}")
            for dim, p in dims.items():
                d = rnd.dimension(dim)
                if p is None:
                    continue
                if not (math.isfinite(p) and 0 <= p <= d.max_points):
                    raise CalibrationError(f"{key}, {d.name}: points must lie between 0 and {d.max_points:g}, not {p:g}")
                clean.setdefault(key, {})[dim] = float(p)
        if submit and not clean:
            raise CalibrationError("score at least one call before submitting")
        at = now_iso() if submit else None
        with self._write() as db:
            status = db.execute("SELECT status FROM calibration_rounds WHERE id = ?", (round_id,)).fetchone()
            if status is None:
                raise KeyError(round_id)
            if status[0] != "open":
                raise CalibrationError(f"round {round_id} is closed: its scores can no longer change")
            row = db.execute("SELECT submitted_at FROM calibration_raters WHERE round = ? AND coach = ?", (round_id, coach)).fetchone()
            if row is not None and row[0] is not None:
                raise CalibrationError(f"{coach} already submitted in round {round_id}: submitted scores stay as they were")
            db.execute("INSERT OR REPLACE INTO calibration_raters (round, coach, submitted_at) VALUES (?, ?, ?)", (round_id, coach, at))
            db.execute("DELETE FROM calibration_scores WHERE round = ? AND coach = ?", (round_id, coach))
            db.executemany(
                "INSERT INTO calibration_scores (round, coach, call, dimension, points) VALUES (?, ?, ?, ?, ?)",
                [(round_id, coach, k, dim, p) for k, dims in clean.items() for dim, p in dims.items()],
            )
            self._write_sidecar(db, round_id)
        return Sheet(coach, at, clean)

    def close(self, round_id: str, coach: str) -> RoundReport:
        """Close the round: scores freeze and the consensus is saved as gold (see the module
        docstring). Returns the report.

        Raises:
            KeyError: no such round.
            CalibrationError: it is closed already, or fewer than two coaches submitted.
        """
        rnd = self.round(round_id)
        with self._write() as db:
            status = db.execute("SELECT status FROM calibration_rounds WHERE id = ?", (round_id,)).fetchone()
            if status is None:
                raise KeyError(round_id)
            if status[0] != "open":
                raise CalibrationError(f"round {round_id} is closed already")
            sheets = _read_sheets(db, round_id)
            done = [c for c, s in sheets.items() if s.submitted]
            if len(done) < 2:
                raise CalibrationError(
                    f"a round needs at least two coaches' submitted scores to close ({len(done)} so far: {', '.join(done) or 'none'})"
                )
            report = _report(rnd, sheets)
            at = now_iso()
            closed = replace(rnd, status="closed", closed_by=coach, closed_at=at)
            db.execute("UPDATE calibration_rounds SET status = 'closed', data = ? WHERE id = ?", (to_json(closed.to_dict()), round_id))
            db.execute("DELETE FROM calibration_gold WHERE round = ?", (round_id,))
            maxes = {d.id: d.max_points for d in rnd.dimensions}
            db.executemany(
                "INSERT INTO calibration_gold (call, dimension, round, rubric, points, max_points, coaches, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(k, dim, round_id, rnd.rubric, p, maxes[dim], report.coaches_per_cell[k][dim], at)
                 for k, dims in report.consensus.items() for dim, p in dims.items() if p is not None],
            )  # fmt: skip
            self._write_sidecar(db, round_id)
        return report


# ------------------------------------------------------------------------------------------
# Rows


def eligible(entries: Sequence[CallEntry]) -> list[CallEntry]:
    """Calls a round may sample: scored conversations (a voicemail has no points to agree on)."""
    return [e for e in entries if e.conversation is None and e.machine_score is not None and e.rubric]


def _machine_points(store: ReviewStore, key: str, dims: Sequence[RoundDimension]) -> dict[str, float | None]:
    """The machine's own points on each dimension of ``key``: the stored analysis scored under
    the round's rubric with no coach's corrections or overrides (None: the dimension could not
    be measured on this call)."""
    card = store.rescored(key).baseline.scorecard
    got = {d.id: d for d in (card.dimensions if card is not None else ())}
    out: dict[str, float | None] = {}
    for d in dims:
        r = got.get(d.id)
        out[d.id] = None if r is None or r.status == "unavailable" else round(float(r.points), 2)
    return out


def _report(rnd: Round, sheets: Mapping[str, Sheet]) -> RoundReport:
    """The round's report over the coaches who submitted."""
    scores = {c: s.points for c, s in sheets.items() if s.submitted}
    return round_report([(d.id, d.name, d.max_points) for d in rnd.dimensions], rnd.calls, scores, rnd.machine)


def _read_round(db: sqlite3.Connection, round_id: str) -> Round:
    row = db.execute("SELECT data FROM calibration_rounds WHERE id = ?", (round_id,)).fetchone()
    if row is None:
        raise KeyError(round_id)
    return Round.from_dict(json.loads(row[0]))


def _read_sheets(db: sqlite3.Connection, round_id: str) -> dict[str, Sheet]:
    points: dict[str, dict[str, dict[str, float]]] = {}
    for coach, key, dim, p in db.execute(
        "SELECT coach, call, dimension, points FROM calibration_scores WHERE round = ? ORDER BY coach, call, dimension", (round_id,)
    ):
        points.setdefault(coach, {}).setdefault(key, {})[dim] = p
    return {
        coach: Sheet(coach, at, points.get(coach, {}))
        for coach, at in db.execute("SELECT coach, submitted_at FROM calibration_raters WHERE round = ? ORDER BY coach", (round_id,))
    }


def _import(db: sqlite3.Connection, path: Path) -> int:
    """Replace the rows of the round in the file at ``path`` by the file's; 1 if imported, 0 if
    the file is unreadable (the database is kept, and the file is read again once it changes)."""
    try:
        side = json.loads(path.read_text(encoding="utf-8"))
        if side.get("schema") != ROUND_SCHEMA:
            raise ValueError(f"schema {side.get('schema')!r}")
        rnd = Round.from_dict(side)
        if rnd.id != path.stem:
            raise ValueError(f"the file of round {path.stem} holds round {rnd.id}")
        raters = [(str(r["coach"]), r.get("submitted_at"), dict(r.get("scores") or {})) for r in side.get("raters", ())]
        scores = [(c, str(k), str(dim), float(p)) for c, _, s in raters for k, dims in s.items() for dim, p in dims.items()]
        gold = [(str(g["call"]), str(g["dimension"]), float(g["points"]), int(g.get("coaches") or 0)) for g in side.get("gold", ())]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return 0
    db.execute("DELETE FROM calibration_rounds WHERE id = ?", (rnd.id,))  # cascades to raters, scores and gold
    db.execute(
        "INSERT INTO calibration_rounds (id, created, status, data, sidecar_stat) VALUES (?, ?, ?, ?, ?)",
        (rnd.id, rnd.created, rnd.status, to_json(rnd.to_dict()), file_stamp(path)),
    )
    db.executemany("INSERT INTO calibration_raters (round, coach, submitted_at) VALUES (?, ?, ?)",
                   [(rnd.id, c, None if at is None else str(at)) for c, at, _ in raters])  # fmt: skip
    db.executemany("INSERT OR REPLACE INTO calibration_scores (round, coach, call, dimension, points) VALUES (?, ?, ?, ?, ?)",
                   [(rnd.id, *s) for s in scores])  # fmt: skip
    maxes = {d.id: d.max_points for d in rnd.dimensions}
    db.executemany(
        "INSERT OR REPLACE INTO calibration_gold (call, dimension, round, rubric, points, max_points, coaches, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(k, dim, rnd.id, rnd.rubric, p, maxes.get(dim, 0.0), n, rnd.closed_at or rnd.created) for k, dim, p, n in gold],
    )
    return 1

