"""Team report speed: ``build_team_report`` (``summary.csv``, ``team.html`` and a page per rep
under ``reps/``) over a results folder of stored analyses. Prints one markdown table
``| analyses | reviewed | build | seconds | pages |``.

    python -m bench.team_report [--calls 1000] [--minutes 20] [--reps 12] [--drills 100] [--keep DIR]

The analyses are :func:`bench.review.synthetic_call`'s (tagged and scored by callcoach, word
times on every word, ``--minutes`` long, about 300 KB of JSON each at 20 minutes), spread over
``--reps`` reps and 26 weeks of manifest dates (each rep skips some weeks, so the charts have
gaps); every third call also holds a stall moment. Rows:

* ``first, no review``: the first build, no review data in the folder (no rep page yet).
* ``after a review``: a coach has since commented on 5 % of the calls and overridden a
  dimension on half of those: the review database is opened and those calls re-scored.
* ``again, nothing new``: the same build once more (every file is already as it should be).
* ``with N drills``: coaches have since given ``--drills`` drills (default 100) spread over the
  reps (a monologue bound, two implication questions before the price objection, a dimension's
  points; every tenth cancelled), each from a week of the 26 on: every rep page shows its
  drills, each open drill's next calls checked in memory from the stored analyses (the drill
  files are read, never written). Setting them (through the review store) is not timed.
* ``with N drills, again``: the same build once more.

The target (issue 17) is under 30 s for 1,000 analyses on 2 cores. Timings depend on the
machine and its load: compare numbers within one run only.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
START = date(2026, 3, 2)  # a Monday
WEEKS = 26


def _meta(index: int, reps: int) -> dict[str, str]:
    """The rep and manifest date of call ``index``: a rep skips every week in which
    ``(week + rep) % 5 == 0`` (gaps in the charts)."""
    rep = index % reps
    week = (index * 7 + index // reps) % WEEKS
    if (week + rep) % 5 == 0:
        week = (week + 1) % WEEKS
    day = START + timedelta(weeks=week, days=index % 5)
    return {"rep": f"rep{rep:02d}", "date": day.isoformat(), "team": f"team{rep % 3}"}


def _stall(call: Any) -> Any:
    """``call`` with one stall moment added to its scorecard (what a real call often has)."""
    from callcoach.call import Moment

    u = call.utterances[len(call.utterances) // 2]
    moment = Moment("stall.long_monologue", "A 3-minute monologue", u.start, u.end, (u.id,),
                    (f"rep: \u201c{u.text}\u201d",), "The customer stopped talking.", "Stop and ask.", 0.6)  # fmt: skip
    return call.with_(scorecard=replace(call.scorecard, stalls=(*call.scorecard.stalls, moment)))


def write_results(folder: Path, calls: int, minutes: float, reps: int) -> None:
    """``calls`` stored analyses under ``folder/<rep>/`` (as a batch lays them out)."""
    from bench.review import synthetic_call
    from callcoach.output import write_analysis
    from callcoach.rubric import load_rubric

    rubric = load_rubric("discovery")
    for i in range(calls):
        meta = _meta(i, reps)
        call = synthetic_call(i, minutes, rubric).with_(meta=meta)
        if i % 3 == 0:
            call = _stall(call)
        write_analysis(call, folder / meta["rep"])
        if (i + 1) % 100 == 0:
            print(f"  wrote {i + 1}/{calls} analyses", file=sys.stderr)


def review_some(folder: Path) -> int:
    """Comments on 5 % of the calls (one naming a dimension, one on a turn, one with markup) and
    an override on half of those; returns how many calls were reviewed."""
    from callcoach.review.corrections import Override
    from callcoach.review.store import ReviewStore

    with ReviewStore(folder) as store:
        keys = sorted(e.key for e in store.calls())[::20]
        for n, key in enumerate(keys):
            store.add_comment(key, "Talk ratio too high here: ask, then stop <b>talking</b>.", "kim")
            store.add_comment(key, "Good question.", "lou", utterance_id=1)
            if n % 2 == 0:
                store.set_override(key, Override("patience", 2.0, "answered over the buyer", author="kim"))
    return len(keys)


DRILL_SPECS = (
    {"kind": "metric", "metric": "longest_monologue.duration_s", "op": "<=", "value": 20},
    {"kind": "tag_order", "tag": "spin.implication", "at_least": 2, "before": "objection.price"},
    {"kind": "dimension", "dimension": "objections_explored", "min_points": 5},
)


def set_drills(folder: Path, drills: int, reps: int) -> int:
    """``drills`` drills spread over the reps, drill ``i`` counting the rep's calls from week
    ``i % 22`` on (so each has calls to check); every tenth cancelled. Returns how many checks
    the review store computed when they were set."""
    from callcoach.review.drill_store import DrillStore
    from callcoach.review.store import ReviewStore

    checks = 0
    with ReviewStore(folder) as store:
        ds = DrillStore(store)
        for i in range(drills):
            since = START + timedelta(weeks=i % 22, days=i % 5)
            drill = ds.set(f"rep{i % reps:02d}", DRILL_SPECS[i % len(DRILL_SPECS)], set_by="kim", calls=5,
                           since=since.isoformat(), title=f"drill {i}", today=date.today())  # fmt: skip
            checks += len(drill.checks)
            if i % 10 == 9:
                ds.cancel(drill.id, "kim")
    return checks


def timed_build(folder: Path) -> tuple[float, int]:
    from callcoach.batch.team import build_team_report

    t0 = time.perf_counter()
    report = build_team_report(folder)
    return time.perf_counter() - t0, report.rep_pages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--calls", type=int, default=1000)
    ap.add_argument("--minutes", type=float, default=20.0)
    ap.add_argument("--reps", type=int, default=12)
    ap.add_argument("--drills", type=int, default=100, help="drills for the last two builds (0: none)")
    ap.add_argument("--keep", type=Path, help="build the folder here and keep it")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(REPO))
    root = args.keep or Path(tempfile.mkdtemp(prefix="callcoach-team-bench-"))
    folder = root / "results"
    try:
        print(f"writing {args.calls} analyses of {args.minutes:g} min under {folder} ...", file=sys.stderr)
        write_results(folder, args.calls, args.minutes, args.reps)
        rows = []
        seconds, pages = timed_build(folder)
        rows.append((args.calls, 0, "first, no review", seconds, pages))
        reviewed = review_some(folder)
        seconds, pages = timed_build(folder)
        rows.append((args.calls, reviewed, "after a review", seconds, pages))
        seconds, pages = timed_build(folder)
        rows.append((args.calls, reviewed, "again, nothing new", seconds, pages))
        if args.drills:
            print(f"setting {args.drills} drills ...", file=sys.stderr)
            checks = set_drills(folder, args.drills, args.reps)
            print(f"  the review store checked {checks} calls", file=sys.stderr)
            seconds, pages = timed_build(folder)
            rows.append((args.calls, reviewed, f"with {args.drills} drills", seconds, pages))
            seconds, pages = timed_build(folder)
            rows.append((args.calls, reviewed, f"with {args.drills} drills, again", seconds, pages))
        print("| analyses | reviewed | build | seconds | pages |")
        print("|---:|---:|---|---:|---:|")
        for calls, rev, what, secs, pages in rows:
            print(f"| {calls} | {rev} | {what} | {secs:.2f} | {pages + 1} (team + {pages} reps) |")
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
