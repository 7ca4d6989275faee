"""Review records kept one JSON file each: drills, a rep's disputes and acknowledgements.

Where they live (the review database and, mirrored, one file per record)::

    results/
      .callcoach-review.sqlite                 table review_records (kind, id, rep, call,
                                               status, created, data, sidecar_stat)
      .callcoach-review/<kind>/<id>.json       {"schema": "callcoach.<kind>/1", ...the record}

The same pattern as calibration rounds (:mod:`callcoach.review.calibration_store`): a record's row
and its file are written in one ``BEGIN IMMEDIATE`` transaction (the file atomically: temp file
and rename), so no writer leaves a file older than the database; reading first imports files the
database does not know or that changed outside this store (a file share, a ``git pull``), so
deleting the database loses no record, and writes again the file of a record whose file was
deleted. One file per record keeps a rep's dispute and a coach's drill, written from two
computers into a shared folder, from overwriting each other.
"""

from __future__ import annotations

import json
import re
import secrets
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from callcoach.output import atomic_write_text
from callcoach.review.calibration_store import REVIEW_DATA_DIR
from callcoach.review.db import file_stamp, to_json

if TYPE_CHECKING:
    from callcoach.review.store import ReviewStore

SCHEMA = """
CREATE TABLE IF NOT EXISTS review_records (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    rep TEXT NOT NULL DEFAULT '',
    call TEXT,
    status TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL,
    sidecar_stat TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (kind, id)
);
CREATE INDEX IF NOT EXISTS review_records_rep ON review_records(kind, rep, created);
CREATE INDEX IF NOT EXISTS review_records_call ON review_records(kind, call, created);
"""

#: A record id: the UTC time it was made, to the microsecond, and four random hex digits (safe as
#: a file name and in a URL; ids made one after the other sort in that order).
RECORD_ID = re.compile(r"^[0-9]{8}-[0-9]{6}-[0-9]{6}-[0-9a-f]{4}$")


def new_record_id(now: datetime | None = None) -> str:
    """``YYYYMMDD-HHMMSS-ffffff-xxxx``: the UTC time and four random hex digits."""
    return f"{(now or datetime.now(UTC)).strftime('%Y%m%d-%H%M%S-%f')}-{secrets.token_hex(2)}"


class Index(NamedTuple):
    """The columns a record is looked up by: its rep (compared case-folded), its call (None for
    a record about no one call), its status and when it was made."""

    rep: str
    call: str | None
    status: str
    created: str


def rep_key(rep: str | None) -> str:
    """A rep's name as records compare it: trimmed, case-folded."""
    return (rep or "").strip().casefold()


class Records:
    """The records of one ``kind`` in a results folder, over its :class:`ReviewStore`.

    Args:
        store: the folder's review store (its connections and write transactions).
        kind: the records' name: their folder and their files' schema (``callcoach.<kind>/1``).
        index: the columns of a record (its JSON form); raising KeyError/TypeError/ValueError
            marks a file as unreadable (it is skipped and the database kept).
    """

    def __init__(self, store: ReviewStore, kind: str, index: Callable[[Mapping[str, Any]], Index]) -> None:
        self.store = store
        self.kind = kind
        self.schema = f"callcoach.{kind}/1"
        self.index = index
        self.folder = store.folder / REVIEW_DATA_DIR / kind
        with store._connect() as db:
            db.executescript(SCHEMA)
        self.sync()

    def path(self, record_id: str) -> Path:
        """``<results>/.callcoach-review/<kind>/<id>.json``."""
        return self.folder / f"{record_id}.json"

    def write(self) -> AbstractContextManager[sqlite3.Connection]:
        """One write transaction of the store."""
        return self.store._write()

    # -- files ------------------------------------------------------------------------------

    def sync(self) -> int:
        """Import files that are new or changed since the database last saw them, and write again
        the file of a record whose file is gone. One ``stat`` per record when nothing changed.
        Returns how many files were imported."""
        files: dict[str, Path] = {}
        if self.folder.is_dir():
            files = {p.stem: p for p in sorted(self.folder.glob("*.json")) if RECORD_ID.match(p.stem)}
        with self.store._connect() as db:
            known = dict(db.execute("SELECT id, sidecar_stat FROM review_records WHERE kind = ?", (self.kind,)).fetchall())
        todo = [rid for rid, p in files.items() if known.get(rid) != file_stamp(p)]
        lost = [rid for rid in known if rid not in files]
        imported = 0
        for rid in todo:
            with self.write() as db:
                row = db.execute("SELECT sidecar_stat FROM review_records WHERE kind = ? AND id = ?", (self.kind, rid)).fetchone()
                if row is not None and row[0] == file_stamp(files[rid]):
                    continue  # another process imported it meanwhile
                imported += self._import(db, files[rid])
        for rid in lost:
            with self.write() as db:
                row = db.execute("SELECT data FROM review_records WHERE kind = ? AND id = ?", (self.kind, rid)).fetchone()
                if row is not None:
                    self._write_file(db, json.loads(row[0]))
        return imported

    def _import(self, db: sqlite3.Connection, path: Path) -> int:
        """Replace the row of the record in the file at ``path`` by the file's; 1 if imported, 0
        if the file is unreadable (the database is kept; the file is read again once it changes)."""
        try:
            side = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(side, dict) or side.get("schema") != self.schema:
                raise ValueError(f"schema {side.get('schema') if isinstance(side, dict) else None!r}")
            record = {k: v for k, v in side.items() if k != "schema"}
            if str(record.get("id")) != path.stem:
                raise ValueError(f"the file of {path.stem} holds {record.get('id')!r}")
            ix = self.index(record)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return 0
        db.execute(
            "INSERT OR REPLACE INTO review_records (kind, id, rep, call, status, created, data, sidecar_stat) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (self.kind, path.stem, rep_key(ix.rep), ix.call, ix.status, ix.created, to_json(record), file_stamp(path)),
        )
        return 1

    def _write_file(self, db: sqlite3.Connection, record: Mapping[str, Any]) -> None:
        path = self.path(str(record["id"]))
        atomic_write_text(path, json.dumps({"schema": self.schema, **record}, ensure_ascii=False, indent=1) + "\n")
        db.execute("UPDATE review_records SET sidecar_stat = ? WHERE kind = ? AND id = ?", (file_stamp(path), self.kind, record["id"]))

    # -- reading and writing ------------------------------------------------------------------

    def put(self, db: sqlite3.Connection, record: Mapping[str, Any]) -> None:
        """Write ``record`` (its JSON form, with an ``id``) to the database and its file, inside
        the caller's write transaction."""
        rid = str(record["id"])
        if not RECORD_ID.match(rid):
            raise ValueError(f"bad record id {rid!r}")
        ix = self.index(record)
        db.execute(
            "INSERT OR REPLACE INTO review_records (kind, id, rep, call, status, created, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (self.kind, rid, rep_key(ix.rep), ix.call, ix.status, ix.created, to_json(dict(record))),
        )
        self._write_file(db, record)

    def read(self, db: sqlite3.Connection, record_id: str) -> dict[str, Any]:
        """One record inside a transaction; KeyError if there is none."""
        row = db.execute("SELECT data FROM review_records WHERE kind = ? AND id = ?", (self.kind, record_id)).fetchone()
        if row is None:
            raise KeyError(record_id)
        return dict(json.loads(row[0]))

    def get(self, record_id: str) -> dict[str, Any]:
        """One record (files synced first); KeyError if there is none."""
        if not RECORD_ID.match(record_id):
            raise KeyError(record_id)
        self.sync()
        with self.store._connect() as db:
            return self.read(db, record_id)

    def select(self, *, rep: str | None = None, call: str | None = None, status: str | None = None) -> Iterator[dict[str, Any]]:
        """The records (files synced first) of a rep, a call and a status (each: any where None),
        oldest first."""
        self.sync()
        where, args = ["kind = ?"], [self.kind]
        for col, value in (("rep", None if rep is None else rep_key(rep)), ("call", call), ("status", status)):
            if value is not None:
                where.append(f"{col} = ?")
                args.append(value)
        sql = f"SELECT data FROM review_records WHERE {' AND '.join(where)} ORDER BY created, id"
        with self.store._connect() as db:
            rows = db.execute(sql, args).fetchall()
        for (data,) in rows:
            yield dict(json.loads(data))

    def counts(self, status: str) -> dict[str, int]:
        """How many records of ``status`` each call has (files synced first)."""
        self.sync()
        with self.store._connect() as db:
            return dict(db.execute(
                "SELECT call, count(*) FROM review_records WHERE kind = ? AND status = ? AND call IS NOT NULL GROUP BY call",
                (self.kind, status)).fetchall())  # fmt: skip
