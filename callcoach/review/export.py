"""What leaves the review: a CSV of scores per rubric item, and scorecards that show the coach's
comments. Both are written atomically.

CSV columns (one row per call and rubric dimension, calls sorted by key)::

    key, rep, rubric            the call, its rep (metadata) and the rubric (id@version)
    dimension                   the rubric dimension's id
    machine_points              the machine's points (empty: the metric was unavailable)
    corrected_points            the points after the coach's corrections and override
    override_points, override_reason   the coach's override, if any
    max_points                  the dimension's weight
    machine_score, corrected_score     the call's 0-100 scores
"""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path
from typing import Any

from callcoach.output import atomic_write_text
from callcoach.review.store import ReviewStore

COLUMNS = (
    "key",
    "rep",
    "rubric",
    "dimension",
    "machine_points",
    "corrected_points",
    "override_points",
    "override_reason",
    "max_points",
    "machine_score",
    "corrected_score",
)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    text = str(value)
    # A cell starting like a formula would run as one in a spreadsheet (CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def score_rows(store: ReviewStore) -> list[dict[str, Any]]:
    """The CSV rows (dicts keyed by :data:`COLUMNS`)."""
    rows: list[dict[str, Any]] = []
    for key in sorted(e.key for e in store.calls()):
        entry = store.entry(key)
        result = store.rescored(key)
        overrides = {o.dimension: o for o in result.overrides}
        machine = {d.id: d for d in result.baseline.scorecard.dimensions} if result.baseline.scorecard else {}
        for d in result.call.scorecard.dimensions if result.call.scorecard else ():
            m = machine.get(d.id)
            o = overrides.get(d.id)
            rows.append(
                {
                    "key": key,
                    "rep": entry.rep,
                    "rubric": result.call.scorecard.rubric if result.call.scorecard else "",
                    "dimension": d.id,
                    "machine_points": None if m is None or m.status == "unavailable" else round(m.points, 2),
                    "corrected_points": None if d.status == "unavailable" else round(d.points, 2),
                    "override_points": None if o is None else float(o.points),
                    "override_reason": None if o is None else o.reason,
                    "max_points": float(d.max_points),
                    "machine_score": result.machine_score,
                    "corrected_score": result.score,
                }
            )
    return rows


def export_csv(store: ReviewStore, path: Path) -> Path:
    """Write the scores of every call in ``store`` per rubric dimension to ``path`` (CSV)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in score_rows(store):
        writer.writerow([_cell(row[c]) for c in COLUMNS])
    return atomic_write_text(path, buf.getvalue())


_PLAYER = re.compile(r'<audio id="audio"[^>]*\bsrc="([^"]*)"')


def _player_href(page: Path) -> str | None:
    """The recording the existing page plays (a batch points it into its input folder, which the
    results folder does not record), or None."""
    try:
        found = _PLAYER.search(page.read_text(encoding="utf-8"))
    except OSError:
        return None
    return html.unescape(found.group(1)) if found else None


def write_reviewed_scorecard(store: ReviewStore, key: str) -> Path:
    """Rewrite ``<stem>.scorecard.html`` of ``key`` from the corrected call, with the coach's
    comments (the analysis JSON is left as it is). The player keeps pointing at the recording:
    the one the store finds, else the one the page already played."""
    from callcoach.output import SCORECARD_SUFFIX
    from callcoach.report.html import audio_href_for, render_scorecard

    page = store.folder / f"{key}{SCORECARD_SUFFIX}"
    audio = store.audio_path(key)
    href = audio_href_for(page, audio) if audio is not None else _player_href(page)
    return atomic_write_text(page, render_scorecard(store.rescored(key).call, href, store.state(key)))


def write_reviewed_scorecards(store: ReviewStore) -> list[Path]:
    """:func:`write_reviewed_scorecard` for every call a coach has touched."""
    return [write_reviewed_scorecard(store, e.key) for e in store.calls() if not store.state(e.key).empty]
