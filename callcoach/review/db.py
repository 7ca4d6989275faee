"""The review database's tables, one call's rows, and their mirror in the call's sidecar.

Every function takes an open connection and works inside the caller's transaction, so the store
decides where a transaction begins and ends. Human items are stored as their JSON form (one
column ``data``), the same form the sidecar holds, so a round trip through either loses nothing.

Sidecar (``<stem>.review.json``, keys in this order)::

    {"schema": "callcoach.review/1", "call": key, "analysis_sha256": sha256 of the analysis
     file the input was made against, "corrections": [...], "comments": [...],
     "overrides": [...], "reviewed": [{"coach", "at"}], "score_history": [...]}
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from callcoach.call import Call
from callcoach.output import atomic_write_text
from callcoach.review.corrections import Comment, Correction, Override
from callcoach.review.rescore import TurnIndex, attach, attach_comment

SIDECAR_SCHEMA = "callcoach.review/1"

SCHEMA = """
CREATE TABLE IF NOT EXISTS calls (
    key TEXT PRIMARY KEY,
    present INTEGER NOT NULL DEFAULT 1,
    analysis_stat TEXT NOT NULL DEFAULT '',
    analysis_sha256 TEXT NOT NULL DEFAULT '',
    sidecar_stat TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '{}',
    rubric_ref TEXT,
    score REAL,
    machine_score REAL
);
CREATE TABLE IF NOT EXISTS corrections (
    id TEXT PRIMARY KEY,
    call TEXT NOT NULL REFERENCES calls(key) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS comments (
    id TEXT PRIMARY KEY,
    call TEXT NOT NULL REFERENCES calls(key) ON DELETE CASCADE,
    parent_id TEXT REFERENCES comments(id) ON DELETE CASCADE,
    created TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS overrides (
    call TEXT NOT NULL REFERENCES calls(key) ON DELETE CASCADE,
    dimension TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (call, dimension)
);
CREATE TABLE IF NOT EXISTS reviewed (
    call TEXT NOT NULL REFERENCES calls(key) ON DELETE CASCADE,
    coach TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (call, coach)
);
CREATE TABLE IF NOT EXISTS score_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    call TEXT NOT NULL REFERENCES calls(key) ON DELETE CASCADE,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS corrections_call ON corrections(call, seq);
CREATE INDEX IF NOT EXISTS comments_call ON comments(call, created);
CREATE INDEX IF NOT EXISTS history_call ON score_history(call, id);
"""


@dataclass(frozen=True, slots=True)
class ReviewState:
    """Everything human about one call."""

    corrections: tuple[Correction, ...] = ()
    comments: tuple[Comment, ...] = ()
    overrides: tuple[Override, ...] = ()
    reviewed: tuple[tuple[str, str], ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.corrections or self.comments or self.overrides or self.reviewed)


def to_json(d: dict[str, Any]) -> str:
    return json.dumps(d, ensure_ascii=False)


def file_stamp(path: Path) -> str:
    """``mtime_ns:size`` of a file, or ``""`` if there is none: tells when to read it again."""
    try:
        st = path.stat()
    except OSError:
        return ""
    return f"{st.st_mtime_ns}:{st.st_size}"


def read_state(db: sqlite3.Connection, key: str) -> ReviewState:
    """The human input on ``key``: corrections in the order made, comments oldest first."""

    def rows(sql: str) -> list[dict[str, Any]]:
        return [json.loads(d) for (d,) in db.execute(sql, (key,))]

    return ReviewState(
        tuple(Correction.from_dict(d) for d in rows("SELECT data FROM corrections WHERE call = ? ORDER BY seq")),
        tuple(Comment.from_dict(d) for d in rows("SELECT data FROM comments WHERE call = ? ORDER BY created, rowid")),
        tuple(Override.from_dict(d) for d in rows("SELECT data FROM overrides WHERE call = ? ORDER BY dimension")),
        tuple((c, at) for c, at in db.execute("SELECT coach, at FROM reviewed WHERE call = ? ORDER BY coach", (key,))),
    )


def read_history(db: sqlite3.Connection, key: str) -> list[dict[str, Any]]:
    """Every score recorded for ``key``, oldest first."""
    return [json.loads(d) for (d,) in db.execute("SELECT data FROM score_history WHERE call = ? ORDER BY id", (key,))]


def last_history(db: sqlite3.Connection, key: str) -> dict[str, Any] | None:
    """The latest score recorded for ``key``, or None."""
    row = db.execute("SELECT data FROM score_history WHERE call = ? ORDER BY id DESC LIMIT 1", (key,)).fetchone()
    return None if row is None else json.loads(row[0])


def append_history(db: sqlite3.Connection, key: str, row: dict[str, Any]) -> None:
    db.execute("INSERT INTO score_history (call, data) VALUES (?, ?)", (key, to_json(row)))


def write_sidecar(db: sqlite3.Connection, key: str, path: Path) -> None:
    """Rewrite the sidecar of ``key`` at ``path`` from the database and record its stamp. A call
    nobody reviewed gets none (its machine-only score history stays in the database)."""
    state = read_state(db, key)
    if state.empty and not path.exists():
        return
    sha = db.execute("SELECT analysis_sha256 FROM calls WHERE key = ?", (key,)).fetchone()[0]
    data = {
        "schema": SIDECAR_SCHEMA,
        "call": key,
        "analysis_sha256": sha,
        "corrections": [c.to_dict() for c in state.corrections],
        "comments": [c.to_dict() for c in state.comments],
        "overrides": [o.to_dict() for o in state.overrides],
        "reviewed": [{"coach": c, "at": at} for c, at in state.reviewed],
        "score_history": read_history(db, key),
    }
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    db.execute("UPDATE calls SET sidecar_stat = ? WHERE key = ?", (file_stamp(path), key))


def import_sidecar(db: sqlite3.Connection, key: str, path: Path) -> str | None:
    """Replace the human rows of ``key`` by those of the sidecar at ``path``. Returns the analysis
    hash the sidecar was written against, or None if it is unreadable (the database is kept)."""
    try:
        side = json.loads(path.read_text(encoding="utf-8"))
        if side.get("schema") != SIDECAR_SCHEMA:
            raise ValueError(f"schema {side.get('schema')!r}")
        corrections = [Correction.from_dict(c) for c in side.get("corrections", ())]
        comments = [Comment.from_dict(c) for c in side.get("comments", ())]
        overrides = [Override.from_dict(o) for o in side.get("overrides", ())]
        reviewed = [(str(r["coach"]), str(r["at"])) for r in side.get("reviewed", ())]
        history = [dict(h) for h in side.get("score_history", ())]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    db.execute("PRAGMA defer_foreign_keys=ON")  # a reply may come before the comment it answers
    for table in ("corrections", "comments", "overrides", "reviewed", "score_history"):
        db.execute(f"DELETE FROM {table} WHERE call = ?", (key,))  # noqa: S608 - fixed names
    for seq, c in enumerate(corrections):
        db.execute("INSERT INTO corrections (id, call, seq, data) VALUES (?, ?, ?, ?)", (c.id, key, seq, to_json(c.to_dict())))
    ids = {c.id for c in comments}
    for c in comments:
        parent = c.parent_id if c.parent_id in ids else None
        db.execute(
            "INSERT OR REPLACE INTO comments (id, call, parent_id, created, data) VALUES (?, ?, ?, ?, ?)",
            (c.id, key, parent, c.created, to_json(replace(c, parent_id=parent).to_dict())),
        )
    for o in overrides:
        db.execute("INSERT OR REPLACE INTO overrides (call, dimension, data) VALUES (?, ?, ?)", (key, o.dimension, to_json(o.to_dict())))
    db.executemany("INSERT OR REPLACE INTO reviewed (call, coach, at) VALUES (?, ?, ?)", [(key, c, at) for c, at in reviewed])
    for h in history:
        append_history(db, key, h)
    db.execute("UPDATE calls SET sidecar_stat = ? WHERE key = ?", (file_stamp(path), key))
    return str(side.get("analysis_sha256") or "") or None


def reattach(db: sqlite3.Connection, key: str, call: Call) -> None:
    """Re-attach the corrections and comments of ``key`` to its changed analysis ``call`` (stale
    where the words are gone)."""
    index = TurnIndex(call.utterances)
    for cid, data in db.execute("SELECT id, data FROM corrections WHERE call = ?", (key,)).fetchall():
        c = attach(Correction.from_dict(json.loads(data)), index)
        db.execute("UPDATE corrections SET data = ? WHERE id = ?", (to_json(c.to_dict()), cid))
    for cid, data in db.execute("SELECT id, data FROM comments WHERE call = ?", (key,)).fetchall():
        m = attach_comment(Comment.from_dict(json.loads(data)), index)
        db.execute("UPDATE comments SET data = ? WHERE id = ?", (to_json(m.to_dict()), cid))
