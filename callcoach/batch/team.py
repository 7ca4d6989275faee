"""The team report of a batch: ``OUT/summary.csv`` and ``OUT/team.html``, built from the stored
``*.callcoach.json`` files alone (never by analysing again), so ``callcoach report OUT``
rebuilds them at any time.

Both are deterministic: rows sorted by path, no times or run details inside, so a batch that
finds nothing new leaves them byte for byte as they were.

``team.html`` also lists the calls that failed and still have no analysis (file and reason, from
``failures.jsonl`` as the batch keeps it: :func:`callcoach.batch.state.current_failures`), so a
manager sees what the numbers leave out.

``summary.csv`` columns (one row per analysed call; failed calls have no analysis, so no row):

    path, rep, team, date, stage, outcome   from the call's ``meta`` (manifest or folder)
    duration_s                              the recording's length
    score                                   the scorecard's 0-100 score
    rep_talk_pct                            the rep's share of the talk time
    rep_questions                           questions the rep asked (empty if untagged)
    spin_reached                            furthest SPIN stage the rep's questions reached
    objections                              objections the customer raised
    objections_explored_pct                 share of them the rep explored with a question
    next_step                               advance, continuation, none or unknown
    stalls                                  stall kinds, most severe first, joined by ';'
    machine_score                           the machine's score (the same as ``score`` unless
                                            a coach reviewed the call)
    reviewed_by                             the coaches who marked the call reviewed, by ';'
    conversation                            ``conversation``, or what the recording is
                                            instead (``voicemail``, ``one_voice``,
                                            ``too_short``, ``no_speech``): such a call has no
                                            score and counts in no mean or target
    conversation_reason                     why it is not a conversation (empty for one)

Where a coach reviewed calls in the folder (``callcoach review``: ``*.review.json`` sidecars or
the review database), those calls count with the coach's corrections and overrides applied
(:func:`callcoach.review.rescore.rescore`): score, talk share, questions, SPIN, objections,
stalls and rubric targets are the corrected ones, in the CSV and on the team page alike.

Beside ``team.html``, ``reps/<rep>.html`` is a page per rep (:mod:`callcoach.batch.rep_pages`):
the rep's calls over time by week (a call's date is the manifest's ``date``, else the analysis
file's date: :func:`callcoach.targets.call_date`), the score and each rubric dimension as a
trend against the team's weekly median, the rep's recurring stall reasons, the drills coaches
gave the rep with each checked call (met or not, linked to the moment in its scorecard; read
from the drill files and checked in memory, never written back), the coaches' comments and which
dimensions have been coached. A call dated by its file carries that file's date, so
an analysis written again on another day may move to another week.
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from callcoach.batch.state import current_failures, write_if_changed
from callcoach.call import NOT_A_CONVERSATION

if TYPE_CHECKING:  # pragma: no cover
    from callcoach.review.corrections import Comment, Override
    from callcoach.review.store import ReviewStore

SUMMARY_NAME = "summary.csv"
TEAM_NAME = "team.html"
REPS_DIR = "reps"
ANALYSIS_SUFFIX = ".callcoach.json"
SCORECARD_SUFFIX = ".scorecard.html"
COLUMNS = (
    "path",
    "rep",
    "team",
    "date",
    "stage",
    "outcome",
    "duration_s",
    "score",
    "rep_talk_pct",
    "rep_questions",
    "spin_reached",
    "objections",
    "objections_explored_pct",
    "next_step",
    "stalls",
    "machine_score",
    "reviewed_by",
    "conversation",
    "conversation_reason",
)
SPIN_STAGES = ("situation", "problem", "implication", "need_payoff")


def _num(v: Any, digits: int = 1) -> float | None:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    return round(float(v), digits)


def _get(d: Any, *keys: str) -> Any:
    for k in keys:
        if not isinstance(d, dict):
            return None
        d = d.get(k)
    return d


def summary_row(d: dict[str, Any], path: str | None = None) -> dict[str, Any]:
    """The ``summary.csv`` row of one analysis (the JSON form of a :class:`~callcoach.call.Call`)."""
    meta = d.get("meta") or {}
    metrics = d.get("metrics") or {}
    card = d.get("scorecard") or {}
    objections = metrics.get("objections") or []
    explored = sum(1 for o in objections if isinstance(o, dict) and o.get("response") == "explored")
    reached = card.get("spin_reached")
    duration = d.get("duration") if d.get("duration") is not None else metrics.get("duration_s")
    return {
        "path": str(meta.get("path") or path or d.get("source") or d.get("id", "")),
        "rep": meta.get("rep") or (d.get("roles") or {}).get("name"),
        "team": meta.get("team"),
        "date": meta.get("date"),
        "stage": meta.get("stage"),
        "outcome": meta.get("outcome"),
        "duration_s": _num(duration),
        "score": _num(card.get("score")),
        "rep_talk_pct": _num(_get(metrics, "talk", "rep_talk_pct")),
        "rep_questions": _get(metrics, "questions", "rep_questions"),
        "spin_reached": reached.split(".", 1)[1] if isinstance(reached, str) and "." in reached else reached,
        "objections": len(objections),
        "objections_explored_pct": round(100.0 * explored / len(objections), 1) if objections else None,
        "next_step": _get(card, "next_step", "kind"),
        "stalls": ";".join(str(m.get("kind", "")) for m in card.get("stalls") or [] if isinstance(m, dict)),
        "machine_score": _num(card.get("score")),
        "reviewed_by": "",
        **conversation_of(card),
    }


def conversation_of(card: dict[str, Any]) -> dict[str, str]:
    """``conversation`` and ``conversation_reason`` of a scorecard's JSON form: a scorecard without
    the check (made before it existed) or with status ``scored`` is a conversation."""
    check = card.get("conversation") if isinstance(card.get("conversation"), dict) else {}
    if card.get("status") != NOT_A_CONVERSATION:
        return {"conversation": "conversation", "conversation_reason": ""}
    return {"conversation": str(check.get("label") or "not_a_conversation"), "conversation_reason": str(check.get("reason") or "")}


@dataclass(slots=True)
class CallEntry:
    """One stored analysis as the team report sees it.

    ``key``: the review key (the analysis path under the results folder, without
    ``.callcoach.json``); ``day`` and ``date_from``: the call's date and where it came from
    (``manifest`` or ``file``: :func:`callcoach.targets.call_date`); ``comments`` and
    ``overrides``: what coaches left on the call in review (none where nobody did).
    """

    row: dict[str, Any]
    scorecard_href: str | None
    dimensions: list[dict[str, Any]] = field(default_factory=list)
    objections: list[dict[str, Any]] = field(default_factory=list)
    stalls: list[dict[str, Any]] = field(default_factory=list)
    reviewed: bool = False
    key: str = ""
    day: date | None = None
    date_from: str = ""
    comments: tuple[Comment, ...] = ()
    overrides: tuple[Override, ...] = ()

    @property
    def is_conversation(self) -> bool:
        """Whether the call counts in means and targets (a voicemail or one voice does not)."""
        return self.row.get("conversation", "conversation") == "conversation"


@dataclass(frozen=True, slots=True)
class Reviewed:
    """A call a coach worked on: the corrected analysis (JSON form), the machine's score under
    the same rubric, who marked it reviewed, and the coaches' comments (oldest first) and
    score overrides on it."""

    call: dict[str, Any]
    machine_score: float | None
    reviewed_by: tuple[str, ...] = ()
    comments: tuple[Comment, ...] = ()
    overrides: tuple[Override, ...] = ()


def reviewed_calls(out_dir: Path, store: ReviewStore | None = None) -> dict[str, Reviewed]:
    """The calls under ``out_dir`` that a coach corrected, overrode, commented on or marked
    reviewed, by review key (the analysis path without ``.callcoach.json``); {} where nobody
    reviewed anything.

    The human input of every call is read from the review database in one connection
    (:func:`callcoach.review.db.read_state`, a few small queries a call), so only the calls a
    coach touched have their analysis read and re-scored here (asking the store for each call's
    state would read every analysis in the folder once more).

    ``store``: the folder's store, already open (the review app's), read instead of opening
    another (which would bring the database in step with the folder: a write).
    """
    import sqlite3
    from contextlib import closing

    from callcoach.review.db import read_state
    from callcoach.review.store import BUSY_TIMEOUT_S, ReviewStore, has_review_data

    if store is None:
        if not has_review_data(out_dir):
            return {}
        with ReviewStore(out_dir) as opened:
            return reviewed_calls(out_dir, opened)
    found: dict[str, Reviewed] = {}
    reviewers = {e.key: e.reviewed_by for e in store.calls()}
    with closing(sqlite3.connect(store.db_path, timeout=BUSY_TIMEOUT_S)) as db:
        states = [(key, read_state(db, key)) for key in sorted(reviewers)]
    for key, state in states:
        if state.empty:
            continue
        r = store.rescored(key)
        found[key] = Reviewed(r.call.to_dict(), r.machine_score, tuple(reviewers[key]), state.comments, state.overrides)
    return found


@dataclass(frozen=True, slots=True)
class TeamReport:
    """What :func:`build_team_report` wrote, and the analyses it could not read; ``failed``:
    the inputs that failed and still have no analysis (listed on the team page);
    ``rep_pages``: how many ``reps/<rep>.html`` pages the report has."""

    summary_csv: Path
    team_html: Path
    calls: int
    warnings: tuple[str, ...] = ()
    failed: int = 0
    rep_pages: int = 0


def load_entries(out_dir: Path, reviewed: dict[str, Reviewed] | None = None) -> tuple[list[CallEntry], list[str]]:
    """Every readable ``*.callcoach.json`` under ``out_dir``, sorted by the call's path; a call in
    ``reviewed`` (by review key) counts as the coach corrected it."""
    from callcoach.targets import call_date

    entries: list[CallEntry] = []
    warnings: list[str] = []
    for root, dirs, files in os.walk(out_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.endswith(ANALYSIS_SUFFIX) or name.startswith("."):
                continue
            p = Path(root) / name
            try:
                d = json.loads(p.read_text(encoding="utf-8"))
                if not isinstance(d, dict) or "utterances" not in d:
                    raise ValueError("not a callcoach analysis")
            except (OSError, ValueError) as exc:
                warnings.append(f"{p}: skipped in the team report ({exc})")
                continue
            rel_json = p.relative_to(out_dir).as_posix()
            stem = name[: -len(ANALYSIS_SUFFIX)]
            fallback = rel_json[: -len(name)] + str(d.get("source") or stem)
            card_path = p.with_name(stem + SCORECARD_SUFFIX)
            href = quote(card_path.relative_to(out_dir).as_posix()) if card_path.is_file() else None
            key = rel_json[: -len(ANALYSIS_SUFFIX)]
            review = (reviewed or {}).get(key)
            row = summary_row(review.call if review is not None else d, fallback)
            if review is not None:
                d = review.call
                row["machine_score"], row["reviewed_by"] = _num(review.machine_score), ";".join(review.reviewed_by)
            card = d.get("scorecard") or {}
            day, date_from = call_date(row, p)
            entries.append(
                CallEntry(
                    row=row,
                    scorecard_href=href,
                    dimensions=[x for x in card.get("dimensions") or [] if isinstance(x, dict)],
                    objections=[x for x in _get(d, "metrics", "objections") or [] if isinstance(x, dict)],
                    stalls=[x for x in card.get("stalls") or [] if isinstance(x, dict)],
                    reviewed=review is not None,
                    key=key,
                    day=day,
                    date_from=date_from,
                    comments=review.comments if review is not None else (),
                    overrides=review.overrides if review is not None else (),
                )
            )
    entries.sort(key=lambda e: (e.row["path"], e.scorecard_href or ""))
    return entries, warnings


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    text = str(value)
    # A cell starting like a formula would run as one in a spreadsheet (CSV injection).
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text
    return text


def summary_csv(entries: list[CallEntry]) -> str:
    """The text of ``summary.csv``."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for e in entries:
        writer.writerow([_csv_cell(e.row.get(c)) for c in COLUMNS])
    return buf.getvalue()


def build_team_report(out_dir: str | Path) -> TeamReport:
    """Rebuild ``OUT/summary.csv``, ``OUT/team.html`` and a page per rep (``OUT/reps/<rep>.html``)
    from the stored analyses in ``out_dir``, with the coaches' corrections where they reviewed
    calls (:func:`reviewed_calls`).

    Files are written atomically, and only when their content changes; a rep page of a rep who
    has no call left is removed.

    Raises:
        CallcoachError: ``out_dir`` is not a folder.
    """
    from callcoach.batch.rep_pages import report_drills, write_rep_pages
    from callcoach.batch.team_html import render_team_html
    from callcoach.errors import CallcoachError

    out = Path(out_dir)
    if not out.is_dir():
        raise CallcoachError(f"{out}: no such folder (give the --out folder of a batch)")
    reviewed = reviewed_calls(out)
    entries, warnings = load_entries(out, reviewed)
    failures = current_failures(out)
    csv_path, html_path = out / SUMMARY_NAME, out / TEAM_NAME
    write_if_changed(csv_path, summary_csv(entries))
    rep_hrefs = write_rep_pages(out / REPS_DIR, entries, drills=report_drills(out, entries, reviewed))
    write_if_changed(html_path, render_team_html(entries, failures=failures, rep_hrefs=rep_hrefs))
    return TeamReport(
        csv_path, html_path, len(entries), tuple(warnings), failed=len(failures), rep_pages=len(rep_hrefs)
    )
