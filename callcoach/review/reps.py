"""Whose call it is and when: the rep and the date of every call in a review folder.

A call's rep is its metadata's ``rep`` (the manifest or the folder), else the enrolled rep's name,
as the team report and ``callcoach search --rep`` name it; reps are compared trimmed and
case-folded. A call's date is :func:`callcoach.targets.call_date`'s: the manifest's ``date``,
else the analysis file's modification time. Both come from the queue's summary of each call in
the review database, so listing them reads no analysis (a summary written by an older version,
without them, is brought up to date once).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from callcoach.review.records import rep_key

if TYPE_CHECKING:
    from callcoach.review.store import ReviewStore


@dataclass(frozen=True, slots=True)
class CallFacts:
    """One call as drills and the rep view see it."""

    key: str
    rep: str | None
    day: date
    date_from: str
    conversation: bool
    analysis_sha256: str
    rubric: str | None
    rubric_file: str | None


def call_rep(summary: dict[str, Any]) -> str | None:
    """The rep of a call from its queue summary (metadata ``rep``, else the enrolled name)."""
    rep = summary.get("rep") or summary.get("rep_name")
    return (str(rep).strip() or None) if rep else None


def same_rep(a: str | None, b: str | None) -> bool:
    """Whether two rep names name the same rep (trimmed, any case); None matches nothing."""
    return a is not None and b is not None and rep_key(a) == rep_key(b) != ""


def call_facts(store: ReviewStore, rep: str | None = None) -> list[CallFacts]:
    """Every present call of the folder (of ``rep`` only, where given), by key."""
    from callcoach.review.store import summarize
    from callcoach.targets import call_date

    with store._connect() as db:
        rows = db.execute("SELECT key, summary, analysis_sha256, analysis_stat FROM calls WHERE present = 1 ORDER BY key").fetchall()
    summaries = {key: json.loads(s) for key, s, _, _ in rows}
    old = [(key, stat) for key, _, _, stat in rows if "rep_name" not in summaries[key] or "date" not in summaries[key]]
    if old:
        fresh: list[tuple[str, str, str]] = []
        for key, stat in old:
            try:
                data = json.loads(store.analysis_path_of(key).read_bytes())
                summaries[key] = summarize(data)
                fresh.append((json.dumps(summaries[key]), key, stat))
            except (OSError, ValueError, AttributeError, TypeError):
                continue
        with store._write() as db:
            db.executemany("UPDATE calls SET summary = ? WHERE key = ? AND analysis_stat = ?", fresh)
    out = []
    for key, _, sha, _ in rows:
        s = summaries[key]
        who = call_rep(s)
        if rep is not None and not same_rep(who, rep):
            continue
        try:
            day, date_from = call_date({"date": s.get("date")}, store.analysis_path_of(key))
        except OSError:  # the analysis went away since the folder was scanned
            continue
        out.append(CallFacts(key, who, day, date_from, s.get("conversation") is None, sha, s.get("rubric") or None,
                             s.get("rubric_file") or None))  # fmt: skip
    return out


def rep_of(store: ReviewStore, key: str) -> str | None:
    """The rep of the call ``key`` (None if it names none or is unknown)."""
    with store._connect() as db:
        row = db.execute("SELECT summary FROM calls WHERE key = ? AND present = 1", (key,)).fetchone()
    if row is None:
        return None
    s = json.loads(row[0])
    if "rep_name" not in s:
        found = [f for f in call_facts(store) if f.key == key]
        return found[0].rep if found else None
    return call_rep(s)
