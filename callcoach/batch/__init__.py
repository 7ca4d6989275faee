"""Batch analysis of folders of calls: resumable, parallel, one bad file never stops the rest.

    runner.py      run_batch: find inputs, plan, drive an engine, record, team report
    plan.py        per input: skip, refresh metadata, known failure, or analyse
    inputs.py      which files are inputs; the mirrored output tree
    manifest.py    rep/team/date/stage/outcome from a CSV or the folder convention
    state.py       OUT/.callcoach-batch.json: content and settings hashes, so re-runs skip
    worker.py      analyze_one and the per-process worker set-up shared by every engine
    local.py       the local engine: a spawn process pool (or in-process)
    ray_engine.py  the Ray engine (optional extra ``callcoach[ray]``)
    team.py        summary.csv and build_team_report; team_html.py renders team.html

Importing this package is cheap (no models, no Ray).
"""

from __future__ import annotations

from callcoach.batch.runner import BatchFailure, BatchProgress, BatchResult, run_batch
from callcoach.batch.team import TeamReport, build_team_report
from callcoach.batch.worker import analyze_one

__all__ = [
    "BatchFailure",
    "BatchProgress",
    "BatchResult",
    "TeamReport",
    "analyze_one",
    "build_team_report",
    "run_batch",
]
