"""Where a coach's input lives: one SQLite database per results folder, mirrored to sidecars.

    results/
      .callcoach-review.sqlite        corrections, comments, overrides, reviews, score history
      alice/call1.callcoach.json      the machine's analysis: read, never written here
      alice/call1.review.json         the human input of that call, rewritten on every change
                                      (a call nobody reviewed has none)

The database runs in WAL mode with foreign keys on; each thread has its own connection (the web
app runs handlers in threads) and every write is one short ``BEGIN IMMEDIATE`` transaction.
Tables and the sidecar format are in :mod:`callcoach.review.db`. The call's sidecar is rewritten atomically *inside* that transaction, so writers in
other threads or processes, which wait for the database lock, can never leave a sidecar older
than the database.

On opening, the folder is scanned (a stat per file; a file is read again only when it changed):

- a sidecar the database does not know (no database yet, a fresh clone, a ``git pull``) is
  imported, so deleting the database loses nothing;
- an analysis whose bytes changed (re-analysed with another model) gets its corrections and
  comments re-attached by turn and text; those whose words are gone are marked stale for the
  coach, never moved to other words.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from hashlib import sha256
from pathlib import Path
from typing import Any

from callcoach.batch.state import STATE_NAME, recorded_input_dir
from callcoach.call import Call
from callcoach.errors import CallcoachError, InputError, SchemaError
from callcoach.redact import recorded_policy, redact_text
from callcoach.review import db as rows
from callcoach.review.corrections import Comment, Correction, Override, now_iso, validate
from callcoach.review.db import SIDECAR_SCHEMA, ReviewState, file_stamp, read_state, to_json
from callcoach.review.history import (
    ResolvedRubric,
    history_row,
    inputs_sha256,
    own_rubric_name,
    resolve_rubric,
    rubric_path,
)
from callcoach.review.rescore import Rescored, rescore
from callcoach.rubric import Rubric

__all__ = [
    "ANALYSIS_SUFFIX", "DB_NAME", "SIDECAR_SCHEMA", "SIDECAR_SUFFIX", "AudioLookup", "CallEntry", "ReviewState", "ReviewStore",
    "has_review_data", "priority", "summarize",
]  # fmt: skip

DB_NAME = ".callcoach-review.sqlite"
SIDECAR_SUFFIX = ".review.json"
ANALYSIS_SUFFIX = ".callcoach.json"
BUSY_TIMEOUT_S = 60.0


@dataclass(frozen=True, slots=True)
class CallEntry:
    """One row of the review queue.

    ``score`` is the corrected score where a coach changed something, else the machine's;
    ``priority`` is higher for calls that need a human sooner (see :func:`priority`).
    """

    key: str
    analysis_path: Path
    rep: str | None
    rubric: str
    score: float | None
    machine_score: float | None
    top_stall: str | None
    stall_count: int
    attribution_confidence: float | None
    reviewed_by: tuple[str, ...]
    comments: int
    priority: float
    duration: float | None
    #: What the recording is when it is not a conversation (``voicemail``, ``one_voice`` ...:
    #: not scored, listed last), with why; None for a conversation.
    conversation: str | None = None
    conversation_reason: str = ""


#: Inputs that are transcripts: a call analysed from one has no recording.
TRANSCRIPT_EXTENSIONS = (".json", ".vtt", ".srt")


@dataclass(frozen=True, slots=True)
class AudioLookup:
    """Where a call's recording is (``path``), or, when it was not found, where it was looked
    for (``looked``, as a person would type those paths), the recorded batch input folder that
    no longer exists (``gone``), and whether the call came from a transcript."""

    path: Path | None
    looked: tuple[str, ...] = ()
    gone: str | None = None
    transcript: bool = False
    folder: str = ""

    @property
    def message(self) -> str:
        """One line for the call page when there is no recording; empty when there is one."""
        if self.path is not None:
            return ""
        if self.transcript and not self.gone:
            return "This call was analysed from a transcript: there is no recording to play."
        places = ", ".join(self.looked[:4]) + (" ..." if len(self.looked) > 4 else "")
        where = f" (looked for {places})" if self.looked else " (the analysis names no recording)"
        why = f": the batch's input folder {self.gone} no longer exists{where}" if self.gone else where
        moved = "moved" if self.gone else "are elsewhere"
        fix = f"`callcoach review {self.folder or 'RESULTS'} --audio-dir FOLDER`"
        return f"No recording found for this call{why}; if the recordings {moved}, give their folder: {fix}. Timestamps jump to the transcript only."


def _shown(path: Path) -> str:
    """A path as a person would type it (``results/../calls/a.wav`` -> ``calls/a.wav``)."""
    return os.path.normpath(path)


def batch_input_dir(folder: Path) -> Path | None:
    """The input folder recorded by the batch whose state (``.callcoach-batch.json``) is in
    ``folder`` or the nearest folder above it that has one; None where none records one."""
    for d in (folder, *folder.resolve().parents):
        if (d / STATE_NAME).is_file():
            return recorded_input_dir(d)
    return None


def priority(summary: dict[str, Any], score: float | None, reviewed: bool, open_comments: int) -> float:
    """How soon a call needs a human (higher first): doubtful speakers or roles weigh most, then a
    low score, stall moments and open comments; a reviewed call drops below every unreviewed one,
    and a recording that is not a conversation (a voicemail, one voice: nothing to coach, no
    score) below every unreviewed conversation."""
    p = -100.0 if _not_conversation(summary, score) else 0.0
    p += 40.0 * (1.0 - _num(summary.get("attribution_confidence"), 1.0))
    p += 30.0 * (1.0 - _num(summary.get("roles_confidence"), 1.0))
    if score is not None:
        p += 20.0 * (1.0 - min(100.0, max(0.0, score)) / 100.0)
    p += 2.0 * min(int(summary.get("stall_count") or 0), 5)
    p += 3.0 * min(open_comments, 5)
    return round(p - (200.0 if reviewed else 0.0), 2)


def _num(v: Any, default: float) -> float:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else default


def _not_conversation(summary: dict[str, Any], score: float | None) -> str | None:
    """The label of a call the machine found not to be a conversation and nobody's corrections
    made one (it still has no score); None otherwise."""
    label = summary.get("conversation")
    return str(label) if label and score is None else None


def summarize(d: dict[str, Any]) -> dict[str, Any]:
    """The queue fields of an analysis (its JSON form), so the queue never re-reads analyses."""
    card = d.get("scorecard") or {}
    stalls = [m for m in card.get("stalls") or [] if isinstance(m, dict)]
    meta = d.get("meta") or {}
    return {
        "rep": None if meta.get("rep") is None else str(meta["rep"]),
        # the enrolled rep's name and the manifest's date: whose call it is and when, for drills
        # and the rep view (callcoach.review.reps)
        "rep_name": None if (d.get("roles") or {}).get("name") is None else str(d["roles"]["name"]),
        "date": None if meta.get("date") is None else str(meta["date"]),
        "rubric": str(card.get("rubric") or (d.get("settings") or {}).get("rubric") or ""),
        "rubric_file": str((d.get("settings") or {}).get("rubric_file") or ""),
        "machine_score": card.get("score"),
        "top_stall": str(stalls[0].get("title") or stalls[0].get("kind")) if stalls else None,
        "stall_count": len(stalls),
        "attribution_confidence": (d.get("attribution") or {}).get("confidence"),
        "roles_confidence": (d.get("roles") or {}).get("confidence"),
        "duration": d.get("duration"),
        **_conversation_summary(card),
    }


def _conversation_summary(card: dict[str, Any]) -> dict[str, Any]:
    """``conversation`` (the label, None for a conversation) and its reason, from a scorecard's
    JSON form; a scorecard from before the check is a conversation."""
    from callcoach.batch.team import conversation_of

    found = conversation_of(card)
    if found["conversation"] == "conversation":
        return {"conversation": None, "conversation_reason": ""}
    return found


class ReviewStore:
    """The review data of one results folder (see the module docstring).

    Args:
        folder: the results folder holding ``*.callcoach.json`` analyses.
        rubric: a built-in rubric name or file to score every call under; None: each call's own
            rubric (the team rubric file its analysis names, where that is still there, else
            the built-in one of its id), falling back to the default.
        audio_roots: further folders the recordings may live in (``--audio-dir``: a batch's input
            folder that moved); looked in before the input folder the batch recorded.
        warn: receives one line per rubric problem, once: a call's rubric file that is missing
            (the rubric used instead), a rubric file edited into an invalid one (the last valid
            version is kept). None: the lines are only kept (:meth:`rubric_warnings`).

    Rubric files are watched: :meth:`refresh_rubrics` (one ``stat`` per rubric file in use; the
    review app calls it on every request) re-scores every call when one changed since the last
    :meth:`rescore_all`, so the queue, the score history and the call pages follow an edit.

    Raises:
        CallcoachError: ``folder`` is not a folder.
    """

    def __init__(
        self,
        folder: str | Path,
        rubric: str | Path | None = None,
        *,
        audio_roots: Sequence[str | Path] = (),
        warn: Callable[[str], None] | None = None,
    ) -> None:
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise CallcoachError(f"{self.folder}: no such folder (give a results folder with *.callcoach.json files)")
        self.rubric = rubric
        self.audio_roots = tuple(Path(r) for r in audio_roots)
        self.warn = warn
        #: The stamp of every rubric file the last :meth:`rescore_all` scored under (and of the
        #: missing files it replaced), taken before reading it; None before the first.
        self._rubric_stamps: dict[str, str] | None = None
        #: The last valid version of each rubric (by name or path), kept while an edit is invalid.
        self._good_rubrics: dict[str, ResolvedRubric] = {}
        #: A rubric file's problem (invalid since an edit), by name or path.
        self._rubric_problems: dict[str, str] = {}
        #: Missing rubric files that calls were analysed with: how many calls, and the rubric used.
        self._missing_rubrics: dict[str, tuple[int, str]] = {}
        self._warned: set[str] = set()
        self._warned_files: set[str] = set()
        #: The input folder a batch into this folder (or one above) recorded; None if none did.
        self.batch_input = batch_input_dir(self.folder)
        self.db_path = self.folder / DB_NAME
        self._calls: dict[str, tuple[str, Call]] = {}
        self._calls_lock = threading.Lock()
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        if rubric is not None:
            self._resolve(rubric)  # a bad rubric fails now, not on the first page
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(rows.SCHEMA)
        self.sync()

    # -- connections ----------------------------------------------------------------------

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """This thread's connection (opened on first use; reused, so the WAL is not checkpointed
        on every close)."""
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.db_path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA foreign_keys=ON")
            db.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
            db.execute("PRAGMA synchronous=NORMAL")
            self._local.db = db
            with self._calls_lock:
                self._connections.append(db)
        yield db

    def close(self) -> None:
        """Close every thread's connection (a later call opens a new one)."""
        with self._calls_lock:
            connections, self._connections = self._connections, []
        for db in connections:
            with contextlib.suppress(sqlite3.ProgrammingError):  # made in a thread that is gone
                db.close()
        self._local = threading.local()

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction (``BEGIN IMMEDIATE``: writers queue on the lock)."""
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    # -- paths ----------------------------------------------------------------------------

    def analysis_path_of(self, key: str) -> Path:
        return self.folder / f"{key}{ANALYSIS_SUFFIX}"

    def sidecar_path(self, key: str) -> Path:
        """``<stem>.review.json`` beside the call's analysis."""
        return self.folder / f"{key}{SIDECAR_SUFFIX}"

    def _scan(self) -> dict[str, Path]:
        found: dict[str, Path] = {}
        for root, dirs, files in os.walk(self.folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in files:
                if name.endswith(ANALYSIS_SUFFIX) and not name.startswith("."):
                    p = Path(root) / name
                    found[p.relative_to(self.folder).as_posix()[: -len(ANALYSIS_SUFFIX)]] = p
        return found

    # -- keeping the database in step with the folder -------------------------------------

    def sync(self) -> int:
        """Bring the database in step with the folder: new or changed analyses, sidecars the
        database does not know, analyses gone. Returns how many calls were refreshed."""
        found = self._scan()
        with self._connect() as db:
            known = {r[0]: (r[1], r[2], r[3]) for r in db.execute("SELECT key, analysis_stat, sidecar_stat, present FROM calls")}
        todo = [k for k in sorted(found) if self._needs_refresh(k, known.get(k))]
        gone = [k for k, r in known.items() if r[2] and k not in found]
        for start in range(0, len(todo), 50):
            chunk = todo[start : start + 50]
            read = {k: self._read_analysis(k) for k in chunk}  # outside the lock: keeps writes short
            with self._write() as db:
                for key in chunk:
                    self._refresh(db, key, read[key])
        if gone:
            with self._write() as db:
                db.executemany("UPDATE calls SET present = 0 WHERE key = ?", [(k,) for k in gone])
        return len(todo)

    def _needs_refresh(self, key: str, row: tuple[str, str, int] | None) -> bool:
        if row is None or not row[2]:
            return True
        return row[0] != file_stamp(self.analysis_path_of(key)) or row[1] != file_stamp(self.sidecar_path(key))

    def _read_analysis(self, key: str) -> tuple[str, str, dict[str, Any]] | None:
        """(stamp, sha256, JSON) of the analysis of ``key``; None if it is not a readable analysis
        (left out of the queue, as the team report does)."""
        path = self.analysis_path_of(key)
        stamp = file_stamp(path)
        try:
            raw = path.read_bytes()
            data = json.loads(raw)
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or "utterances" not in data:
            return None
        return stamp, sha256(raw).hexdigest(), data

    def _refresh(self, db: sqlite3.Connection, key: str, read: tuple[str, str, dict[str, Any]] | None = None) -> None:
        """Bring one call's rows in step with its analysis and sidecar, inside a write transaction
        (checked again there: another process may have done it meanwhile). ``read`` is the
        analysis as read before the transaction began; it is read again if it changed since."""
        row = db.execute("SELECT analysis_stat, sidecar_stat, analysis_sha256, present FROM calls WHERE key = ?", (key,)).fetchone()
        s_path = self.sidecar_path(key)
        a_stat, s_stat = file_stamp(self.analysis_path_of(key)), file_stamp(s_path)
        if row is not None and row[3] and (row[0], row[1]) == (a_stat, s_stat):
            return
        if read is None or read[0] != a_stat:
            read = self._read_analysis(key)
        if read is None:
            return
        a_stat, sha, data = read
        old_sha = row[2] if row is not None else ""
        db.execute(
            "INSERT INTO calls (key, present, analysis_stat, analysis_sha256, summary) VALUES (?, 1, ?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET present = 1, analysis_stat = excluded.analysis_stat, "
            "analysis_sha256 = excluded.analysis_sha256, summary = excluded.summary",
            (key, a_stat, sha, json.dumps(summarize(data))),
        )
        if s_stat and (row is None or row[1] != s_stat):
            old_sha = rows.import_sidecar(db, key, s_path) or old_sha
        changed = bool(old_sha) and old_sha != sha
        has_input = not read_state(db, key).empty
        call = _call(data) if has_input else None
        if call is not None and changed:
            rows.reattach(db, key, call)
        if has_input and (changed or not s_stat):
            rows.write_sidecar(db, key, self.sidecar_path(key))  # re-attached, or the sidecar was deleted
        elif s_stat != (row[1] if row is not None else ""):
            db.execute("UPDATE calls SET sidecar_stat = ? WHERE key = ?", (s_stat, key))
        if call is not None and (changed or row is None or row[1] != s_stat):
            self._cache_score(db, key, call)

    def _cache_score(self, db: sqlite3.Connection, key: str, call: Call) -> None:
        """Set the queue's scores of a call whose human input arrived from a sidecar: from its last
        history row when that was computed from the same rubric and input, else by re-scoring."""
        state = read_state(db, key)
        resolved = self._rubric_of(call)
        row = rows.last_history(db, key) or {}
        if (row.get("rubric_hash"), row.get("inputs_sha256")) == (resolved.sha256, inputs_sha256(state.corrections, state.overrides)):
            score, machine = row.get("score"), row.get("machine_score")
        else:
            result = rescore(call, resolved.rubric, state.corrections, state.overrides)
            score, machine = result.score, result.machine_score
        db.execute(
            "UPDATE calls SET rubric_ref = ?, score = ?, machine_score = ? WHERE key = ?",
            (resolved.rubric.ref, score, machine, key),
        )

    # -- reading --------------------------------------------------------------------------

    def calls(self, rep: str | None = None, rubric: str | None = None) -> list[CallEntry]:
        """The review queue: every present call, most in need of a human first (then by key).

        Args:
            rep: only calls of this rep (the ``rep`` of the call's metadata).
            rubric: only calls scored under this rubric (``id`` or ``id@version``).
        """
        with self._connect() as db:
            return self._entries(db, None, rep, rubric)

    def entry(self, key: str) -> CallEntry:
        """The queue row of one call (an analysis written since the store opened included);
        KeyError for an unknown or unreadable one."""
        with contextlib.suppress(KeyError, InputError):
            self.analysis(key)  # brings a new or changed analysis into the database
        with self._connect() as db:
            found = self._entries(db, key, None, None)
        if not found:
            raise KeyError(key)
        return found[0]

    def _entries(self, db: sqlite3.Connection, key: str | None, rep: str | None, rubric: str | None) -> list[CallEntry]:
        where, args = ("AND c.key = ?", (key,)) if key is not None else ("", ())
        rows = db.execute(
            "SELECT c.key, c.summary, c.rubric_ref, c.score, c.machine_score,"
            " (SELECT group_concat(coach, char(10)) FROM (SELECT coach FROM reviewed r WHERE r.call = c.key ORDER BY coach)),"
            " (SELECT count(*) FROM comments m WHERE m.call = c.key),"
            " (SELECT count(*) FROM comments m WHERE m.call = c.key AND json_extract(m.data, '$.resolved') = 0)"
            f" FROM calls c WHERE c.present = 1 {where}",
            args,
        ).fetchall()
        out = []
        for k, summary_json, ref, score, machine, coaches, n_comments, n_open in rows:
            s = json.loads(summary_json)
            ref = ref or s.get("rubric") or ""
            if rep is not None and s.get("rep") != rep:
                continue
            if rubric is not None and rubric not in (ref, ref.split("@", 1)[0]):
                continue
            machine = machine if machine is not None else s.get("machine_score")
            score = score if score is not None else machine
            reviewed_by = tuple(coaches.split("\n")) if coaches else ()
            out.append(
                CallEntry(
                    key=k,
                    analysis_path=self.analysis_path_of(k),
                    rep=s.get("rep"),
                    rubric=ref,
                    score=score,
                    machine_score=machine,
                    top_stall=s.get("top_stall"),
                    stall_count=int(s.get("stall_count") or 0),
                    attribution_confidence=s.get("attribution_confidence"),
                    reviewed_by=reviewed_by,
                    comments=int(n_comments),
                    priority=priority(s, score, bool(reviewed_by), int(n_open)),
                    duration=s.get("duration"),
                    conversation=_not_conversation(s, score),
                    conversation_reason=str(s.get("conversation_reason") or "") if _not_conversation(s, score) else "",
                )
            )
        out.sort(key=lambda e: (-e.priority, e.key))
        return out

    def analysis(self, key: str) -> Call:
        """The machine's analysis of ``key`` (cached while the file is unchanged).

        Raises:
            KeyError: no analysis ``key`` in the folder.
            InputError: the file is not an analysis this version reads.
        """
        path = self.analysis_path_of(key)
        stat = file_stamp(path)
        if not stat or not path.resolve().is_relative_to(self.folder.resolve()):
            raise KeyError(key)
        with self._calls_lock:
            cached = self._calls.get(key)
        if cached is not None and cached[0] == stat:
            return cached[1]
        with self._connect() as db:
            row = db.execute("SELECT analysis_stat FROM calls WHERE key = ? AND present = 1", (key,)).fetchone()
        if row is None or row[0] != stat:
            with self._write() as db:
                self._refresh(db, key)
        try:
            call = Call.from_dict(json.loads(path.read_bytes()))
        except SchemaError as exc:
            raise InputError(path, str(exc), "analyse the call again with this version of callcoach") from None
        except _UNREADABLE as exc:
            raise InputError(path, f"not a readable callcoach analysis ({exc})", "analyse the call again") from None
        with self._calls_lock:
            if len(self._calls) >= 64:
                self._calls.pop(next(iter(self._calls)))
            self._calls[key] = (stat, call)
        return call

    def state(self, key: str) -> ReviewState:
        """The human input on ``key``."""
        self.analysis(key)
        with self._connect() as db:
            return read_state(db, key)

    def correction_ids(self) -> dict[str, list[str]]:
        """The ids of every call's corrections that still apply (not stale), by call."""
        import json as _json

        out: dict[str, list[str]] = {}
        with self._connect() as db:
            for key, data in db.execute("SELECT call, data FROM corrections ORDER BY call, seq"):
                c = _json.loads(data)
                if not c.get("stale"):
                    out.setdefault(key, []).append(c["id"])
        return out

    def resolved_rubric(self, key: str) -> ResolvedRubric:
        """The rubric ``key`` is scored under, with its file and hash."""
        return self._rubric_of(self.analysis(key))

    def _rubric_of(self, call: Call) -> ResolvedRubric:
        ref = call.scorecard.rubric if call.scorecard is not None else call.settings.get("rubric")
        return self._rubric_named(ref, call.settings.get("rubric_file"))

    def _rubric_named(self, ref: str | None, file: str | None = None) -> ResolvedRubric:
        """The store's rubric, else the one an analysis was scored with: its team rubric file
        where that is still there, else the built-in one its ``id@version`` names."""
        return self._resolve(self._rubric_name(ref, file))

    def _rubric_name(self, ref: str | None, file: str | None) -> str | Path:
        """The name or file of the rubric :meth:`_rubric_named` resolves (nothing is read)."""
        return self.rubric if self.rubric is not None else own_rubric_name(ref, file)

    def _resolve(self, name: str | Path) -> ResolvedRubric:
        """:func:`resolve_rubric`, or, while a rubric that was valid is missing or invalid (a
        coach saving a half-made edit), its last valid version, with the problem noted (and
        warned about once).

        Raises:
            RubricError: the rubric is invalid and was never valid in this store.
        """
        from callcoach.errors import RubricError

        key = str(name)
        try:
            resolved = resolve_rubric(name)
        except RubricError as exc:
            last = self._good_rubrics.get(key)
            if last is None:
                raise
            self._rubric_problems[key] = (
                f"{exc}; calls stay scored under {last.rubric.ref}, its last valid version, until the file is fixed"
            )
            self._warn_once(self._rubric_problems[key])
            return last
        self._good_rubrics[key] = resolved
        self._rubric_problems.pop(key, None)
        return resolved

    def _warn_once(self, line: str) -> None:
        if line not in self._warned:
            self._warned.add(line)
            if self.warn is not None:
                self.warn(f"callcoach: warning: {line}")

    def refresh_rubrics(self) -> int:
        """Re-score every call (:meth:`rescore_all`) when a rubric file the calls are scored under
        changed on disk, appeared or went missing since the last :meth:`rescore_all` (or when there
        was none yet); otherwise only one ``stat`` per rubric file. Returns how many calls were
        re-scored."""
        stamps = self._rubric_stamps
        if stamps is not None and all(file_stamp(Path(p)) == stamp for p, stamp in stamps.items()):
            return 0
        return self.rescore_all()

    def rubric_notes(self, key: str) -> list[str]:
        """What the call page must say about the rubric of ``key``: the rubric file it was
        analysed with is missing (and what it is scored under instead); its rubric file has an
        error since an edit (and which version still scores it)."""
        call = self.analysis(key)
        notes = []
        file = call.settings.get("rubric_file")
        ref = call.scorecard.rubric if call.scorecard is not None else call.settings.get("rubric")
        name = self._rubric_name(ref, file)
        if self.rubric is None and file and str(name) != str(file):
            notes.append(_missing_note(str(file), self._resolve(name).rubric.ref))
        problem = self._rubric_problems.get(str(name))
        if problem:
            notes.append(problem)
        return notes

    def rubric_warnings(self) -> list[str]:
        """Rubric problems of the whole folder, for the queue: each missing rubric file (how many
        calls it scored and the rubric used instead) and each rubric file with an error."""
        out = [_missing_note(file, ref, n) for file, (n, ref) in sorted(self._missing_rubrics.items())]
        return out + [self._rubric_problems[k] for k in sorted(self._rubric_problems)]

    def rubric_for(self, key: str) -> Rubric:
        """The rubric ``key`` is scored under."""
        return self.resolved_rubric(key).rubric

    def rescored(self, key: str) -> Rescored:
        """``key`` re-scored with its corrections and overrides."""
        state = self.state(key)
        return rescore(self.analysis(key), self.rubric_for(key), state.corrections, state.overrides)

    def score_history(self, key: str) -> list[dict[str, Any]]:
        """Every score recorded for ``key``, oldest first."""
        self.analysis(key)
        with self._connect() as db:
            return rows.read_history(db, key)

    def audio_path(self, key: str) -> Path | None:
        """The call's recording (see :meth:`find_audio`); None if not found."""
        return self.find_audio(key).path

    def find_audio(self, key: str) -> AudioLookup:
        """Where the call's recording is, or where it was looked for. In this order:

        1. under each of ``audio_roots`` (``--audio-dir``): the input path a batch recorded
           (``meta["path"]``), then the analysis's own place and ``source``;
        2. beside the analysis (``<analysis folder>/<source>``);
        3. under the batch's input folder, as the batch state records it (``input_dir`` in
           ``.callcoach-batch.json`` of this folder or the nearest folder above): ``meta["path"]``;
        4. where the analysis says the recording is (``recording``, relative to its folder);
        5. where it was when analysed (``recording_absolute``): found after the results folder
           moved on the machine that analysed the call.

        A path from 1 or 2 that resolves outside its folder is never returned; one from 3 to 5
        (what the results folder itself records) only when it is a file with an audio extension,
        3 inside the recorded input folder and 4 and 5 with the name the analysis gives as ``source``.
        """
        from callcoach.audio import AUDIO_EXTENSIONS  # numpy: loaded on first use, not on import

        call = self.analysis(key)
        here = self.analysis_path_of(key).parent
        source = call.source if call.source and not Path(call.source).is_absolute() else None
        rel = call.meta.get("path")
        rel = rel if isinstance(rel, str) and rel and not Path(rel).is_absolute() else None
        # (candidate, the folder it must stay in or None, whether it must be an audio file)
        tries: list[tuple[Path, Path | None, bool]] = []
        for root in self.audio_roots:
            if rel:
                tries.append((root / rel, root, False))
            if source:
                tries.append((root / Path(key).parent / source, root, False))
        if source:
            tries.append((here / source, self.folder, False))
        gone = None
        if self.batch_input is not None and rel:
            tries.append((self.batch_input / rel, self.batch_input, True))
            if not self.batch_input.is_dir():
                gone = _shown(self.batch_input)
        recorded = call.recording
        if recorded and not Path(recorded).is_absolute() and (source is None or Path(recorded).name == source):
            tries.append((here / recorded, None, True))
        absolute = Path(call.recording_absolute) if call.recording_absolute else None
        if absolute is not None and absolute.is_absolute() and source is not None and absolute.name == source:
            tries.append((absolute, None, True))
        looked: list[str] = []
        for candidate, root, audio in tries:
            real = candidate.resolve()
            if (
                real.is_file()
                and (root is None or real.is_relative_to(root.resolve()))
                and (not audio or real.suffix.lower() in AUDIO_EXTENSIONS)
            ):
                return AudioLookup(real)
            if _shown(candidate) not in looked:
                looked.append(_shown(candidate))
        transcript = not recorded and Path(call.source).suffix.lower() in TRANSCRIPT_EXTENSIONS
        return AudioLookup(None, tuple(looked), gone, transcript, str(self.folder))

    # -- writing --------------------------------------------------------------------------

    def _mutate(self, key: str, change: Any) -> Rescored:
        """Run ``change(db, call, state)`` in one write transaction, then re-score the call,
        record the score and rewrite its sidecar before committing."""
        call = self.analysis(key)
        with self._write() as db:
            change(db, call, read_state(db, key))
            return self._rescore_in(db, key, call, force_history=False)

    def _rescore_in(self, db: sqlite3.Connection, key: str, call: Call, *, force_history: bool) -> Rescored:
        state = read_state(db, key)
        resolved = self._rubric_of(call)
        result = rescore(call, resolved.rubric, state.corrections, state.overrides)
        self._record(db, key, resolved, result.score, result.machine_score, force_history=force_history)
        return result

    def add_correction(self, key: str, correction: Correction) -> Rescored:
        """Add a correction (anchor texts filled from the analysis where not given) and re-score.

        Raises:
            ValueError: the correction names a turn or speaker the call lacks, or does not apply.
        """
        call = self.analysis(key)
        by_id = {u.id: u for u in call.utterances}
        missing = [i for i in correction.utterance_ids if i not in by_id]
        if missing:
            raise ValueError(f"the call has no turn {missing[0]}")
        if correction.kind == "set_rep" and correction.speaker not in {s.id for s in call.speakers}:
            raise ValueError(f"{correction.speaker!r} is not a speaker of this call ({', '.join(s.id for s in call.speakers)})")
        if not correction.anchor_texts:
            correction = replace(correction, anchor_texts=tuple(by_id[i].text for i in correction.utterance_ids))
        correction = validate(replace(correction, stale=False))

        def change(db: sqlite3.Connection, call: Call, state: ReviewState) -> None:
            trial = rescore(call, self._rubric_of(call).rubric, (*state.corrections, correction))
            if any(c.id == correction.id for c in trial.stale):
                raise ValueError(f"this {correction.kind} correction does not apply to the call as it stands")
            seq = db.execute("SELECT coalesce(max(seq), -1) + 1 FROM corrections WHERE call = ?", (key,)).fetchone()[0]
            db.execute("INSERT INTO corrections (id, call, seq, data) VALUES (?, ?, ?, ?)", (correction.id, key, seq, to_json(correction.to_dict())))

        return self._mutate(key, change)

    def remove_correction(self, key: str, correction_id: str) -> Rescored:
        """Remove a correction and re-score; KeyError if the call has no such correction."""

        def change(db: sqlite3.Connection, call: Call, state: ReviewState) -> None:
            if db.execute("DELETE FROM corrections WHERE call = ? AND id = ?", (key, correction_id)).rowcount == 0:
                raise KeyError(correction_id)

        return self._mutate(key, change)

    def add_comment(
        self,
        key: str,
        text: str,
        author: str,
        *,
        start: float | None = None,
        end: float | None = None,
        utterance_id: int | None = None,
        parent_id: str | None = None,
    ) -> Comment:
        """Add a comment on a moment (a time range and/or a turn), on the whole call (no anchor),
        or in reply to ``parent_id``.

        Raises:
            ValueError: empty text, an unknown turn or parent, or a time range that is reversed.
        """
        if not text.strip():
            raise ValueError("a comment needs some text")
        call = self.analysis(key)
        anchor = ""
        if utterance_id is not None:
            u = next((u for u in call.utterances if u.id == utterance_id), None)
            if u is None:
                raise ValueError(f"the call has no turn {utterance_id}")
            anchor = u.text
            if start is None and end is None:
                start, end = u.start, u.end
        if start is not None and end is not None and end < start:
            raise ValueError("a comment's time range ends before it starts")
        comment = Comment(uuid.uuid4().hex, coach_text(call, text.strip()), author, now_iso(), start, end, utterance_id,
                          anchor, parent_id)
        with self._write() as db:
            if parent_id is not None and db.execute("SELECT 1 FROM comments WHERE id = ? AND call = ?", (parent_id, key)).fetchone() is None:
                raise ValueError(f"no comment {parent_id} on this call to reply to")
            db.execute(
                "INSERT INTO comments (id, call, parent_id, created, data) VALUES (?, ?, ?, ?, ?)",
                (comment.id, key, parent_id, comment.created, to_json(comment.to_dict())),
            )
            rows.write_sidecar(db, key, self.sidecar_path(key))
        return comment

    def resolve_comment(self, key: str, comment_id: str, resolved: bool = True) -> None:
        """Mark a comment resolved (or open again); KeyError if the call has no such comment."""
        self.analysis(key)
        with self._write() as db:
            row = db.execute("SELECT data FROM comments WHERE id = ? AND call = ?", (comment_id, key)).fetchone()
            if row is None:
                raise KeyError(comment_id)
            c = replace(Comment.from_dict(json.loads(row[0])), resolved=resolved)
            db.execute("UPDATE comments SET data = ? WHERE id = ?", (to_json(c.to_dict()), comment_id))
            rows.write_sidecar(db, key, self.sidecar_path(key))

    def set_override(self, key: str, override: Override) -> Rescored:
        """Pin a coach's points for one rubric dimension (replacing an earlier override of it).

        Raises:
            ValueError: no reason, a dimension the rubric lacks, or points outside 0..max_points.
        """
        if not override.reason.strip():
            raise ValueError("an override needs a reason")
        rubric = self.rubric_for(key)
        dims = {d.id: d for d in rubric.dimensions}
        dim = dims.get(override.dimension)
        if dim is None:
            raise ValueError(f"rubric {rubric.ref} has no dimension {override.dimension!r} (it has: {', '.join(dims)})")
        if not 0 <= override.points <= dim.weight:
            raise ValueError(f"{override.dimension}: points must lie between 0 and {dim.weight:g}")
        if not override.created:
            override = replace(override, created=now_iso())
        # What the points are out of, so that a rubric giving the dimension another maximum
        # keeps the coach's share of it (rescore.override_points).
        override = replace(override, reason=coach_text(self.analysis(key), override.reason), rubric=rubric.ref,
                           max_points=float(dim.weight))  # fmt: skip

        def change(db: sqlite3.Connection, call: Call, state: ReviewState) -> None:
            db.execute(
                "INSERT OR REPLACE INTO overrides (call, dimension, data) VALUES (?, ?, ?)",
                (key, override.dimension, to_json(override.to_dict())),
            )

        return self._mutate(key, change)

    def remove_override(self, key: str, dimension: str) -> Rescored:
        """Remove the override of ``dimension`` (the machine's points count again)."""

        def change(db: sqlite3.Connection, call: Call, state: ReviewState) -> None:
            if db.execute("DELETE FROM overrides WHERE call = ? AND dimension = ?", (key, dimension)).rowcount == 0:
                raise KeyError(dimension)

        return self._mutate(key, change)

    def mark_reviewed(self, key: str, coach: str) -> None:
        """Record that ``coach`` reviewed the call, now (again: the time is updated)."""
        if not coach.strip():
            raise ValueError("say which coach reviewed the call")
        self.analysis(key)
        with self._write() as db:
            db.execute("INSERT OR REPLACE INTO reviewed (call, coach, at) VALUES (?, ?, ?)", (key, coach.strip(), now_iso()))
            rows.write_sidecar(db, key, self.sidecar_path(key))

    def rescore_all(self, workers: int | None = None) -> int:
        """Re-score every call whose rubric (hash) or coach's input changed since its last recorded
        score, appending a history row (earlier rows are kept). Returns how many were re-scored.

        Deciding that nothing changed reads no analysis (the rubric ref is in the queue row). The
        re-scoring itself (reading each analysis and :func:`rescore`) is pure, so a large folder
        is spread over ``workers`` processes (default: one per CPU, at most 4); the database and
        the sidecars are written here, in short transactions of up to 50 calls.

        Each rubric is read once; its file's stamp, taken before, is what
        :meth:`refresh_rubrics` compares with. A call whose rubric file is missing is scored under
        the built-in rubric of its id (else the default), and :attr:`warn` gets one line per
        missing file.
        """
        self.sync()
        stamps: dict[str, str] = {}
        by_name: dict[str, ResolvedRubric] = {}
        missing: dict[str, tuple[int, str]] = {}
        with self._connect() as db:
            todo = db.execute("SELECT key, summary FROM calls WHERE present = 1 ORDER BY key").fetchall()
            last = {
                k: json.loads(d)
                for k, d in db.execute("SELECT call, data FROM score_history WHERE id IN (SELECT max(id) FROM score_history GROUP BY call)")
            }
            jobs: list[_ScoreJob] = []
            resolved_of: dict[str, ResolvedRubric] = {}
            for key, summary in todo:
                brief = json.loads(summary)
                file = str(brief.get("rubric_file") or "") or None
                name = self._rubric_name(brief.get("rubric"), file)
                resolved = by_name.get(str(name))
                if resolved is None:
                    path = rubric_path(name)
                    stamps[str(path)] = file_stamp(path)  # before reading: an edit meanwhile is seen next time
                    resolved = by_name[str(name)] = self._resolve(name)
                if self.rubric is None and file and str(name) != file:
                    stamps[file] = ""  # missing: its coming back is a change
                    missing[file] = (missing.get(file, (0, ""))[0] + 1, resolved.rubric.ref)
                state = read_state(db, key)
                row = last.get(key, {})
                if (row.get("rubric_hash"), row.get("inputs_sha256")) == (resolved.sha256, inputs_sha256(state.corrections, state.overrides)):
                    continue
                resolved_of[key] = resolved
                jobs.append(_ScoreJob(key, str(self.analysis_path_of(key)), not state.empty, resolved.rubric,
                                      tuple(c.to_dict() for c in state.corrections), tuple(o.to_dict() for o in state.overrides)))
        self._rubric_stamps = stamps
        self._missing_rubrics = missing
        for file, (n, ref) in sorted(missing.items()):
            if file not in self._warned_files and self.warn is not None:
                self.warn(f"callcoach: warning: {_missing_note(file, ref, n)}")
        self._warned_files = set(missing)  # a file that comes back and goes again is told again
        scored = [r for r in _run_jobs(jobs, workers) if r is not None]
        for start in range(0, len(scored), 50):
            with self._write() as db:
                for key, score, machine_score in scored[start : start + 50]:
                    self._record(db, key, resolved_of[key], score, machine_score, force_history=True)
        return len(scored)

    def _record(self, db: sqlite3.Connection, key: str, resolved: ResolvedRubric, score: float | None,
                machine_score: float | None, *, force_history: bool) -> None:
        """Store a call's new score: its queue row, a history row where the rubric or the coach's
        input changed (or ``force_history``), and its sidecar."""
        state = read_state(db, key)
        db.execute(
            "UPDATE calls SET rubric_ref = ?, score = ?, machine_score = ? WHERE key = ?",
            (resolved.rubric.ref, score, machine_score, key),
        )
        inputs = inputs_sha256(state.corrections, state.overrides)
        last = rows.last_history(db, key)
        if (force_history or last is not None or not state.empty) and (
            (last or {}).get("rubric_hash"),
            (last or {}).get("inputs_sha256"),
        ) != (resolved.sha256, inputs):
            rows.append_history(db, key, history_row(resolved, inputs, score, machine_score, now_iso()))
        rows.write_sidecar(db, key, self.sidecar_path(key))


@dataclass(frozen=True, slots=True)
class _ScoreJob:
    """One call to re-score in a worker: plain data, so it crosses process boundaries."""

    key: str
    path: str
    whole: bool  # corrections or overrides need the whole call (words); else a scoring view
    rubric: Rubric
    corrections: tuple[dict[str, Any], ...]
    overrides: tuple[dict[str, Any], ...]


_PARALLEL_MIN_JOBS = 24
"""Below this many calls, starting worker processes costs more than it saves."""


def _default_workers() -> int:
    """One worker process per CPU this process may use, at most 4."""
    return min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def _run_jobs(jobs: Sequence[_ScoreJob], workers: int | None) -> list[tuple[str, float | None, float | None] | None]:
    """:func:`_score_job` over ``jobs``, in order; in worker processes for a large folder."""
    if workers is None:
        workers = _default_workers()
    if workers <= 1 or len(jobs) < _PARALLEL_MIN_JOBS:
        return [_score_job(j) for j in jobs]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: the review server calls this from a thread of a running event loop.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return list(pool.map(_score_job, jobs, chunksize=max(1, len(jobs) // (workers * 4))))


def _score_job(job: _ScoreJob) -> tuple[str, float | None, float | None] | None:
    """(key, corrected score, machine score) of one stored analysis; None if it is unreadable
    (the team report names it)."""
    call = _load_for_scoring(Path(job.path), whole=job.whole)
    if call is None:
        return None
    result = rescore(
        call, job.rubric, [Correction.from_dict(c) for c in job.corrections], [Override.from_dict(o) for o in job.overrides]
    )
    return job.key, result.score, result.machine_score


def _load_for_scoring(path: Path, *, whole: bool) -> Call | None:
    """The analysis at ``path``; unless ``whole``, without its word lists: the scorecard reads the
    stored metrics, turns and tags, never word times, and building ten thousand words is most of
    the cost of loading a long call. A call without stored metrics is loaded whole (its metrics
    must be computed from the words). None if it is not a readable analysis."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("utterances"), list):
        return None
    if not whole and data.get("metrics"):
        for u in data["utterances"]:
            if isinstance(u, dict):
                u["words"] = []
    return _call(data)


_UNREADABLE = (KeyError, OSError, ValueError, TypeError, SchemaError)


def _call(data: dict[str, Any]) -> Call | None:
    """The analysis JSON as a :class:`Call`, or None if it is not one this version reads."""
    try:
        return Call.from_dict(data)
    except _UNREADABLE:
        return None


def coach_text(call: Call, text: str) -> str:
    """A coach's free text about ``call`` (a comment, an override's reason) as it is stored: with
    personal data replaced, as in the transcript, when the call was analysed with redaction (a
    coach may quote what the redacted transcript hides: "she read her card as 4111 ...")."""
    policy = recorded_policy(call.settings)
    return text if policy is None else redact_text(text, policy=policy)


def _missing_note(file: str, used: str, calls: int | None = None) -> str:
    """One line about a missing rubric file that calls were analysed with and the rubric scoring
    them instead (``calls``: how many, for the folder's line; None: the call page's line)."""
    whose = "this call is" if calls is None else f"its {calls} call{'s are' if calls != 1 else ' is'}"
    fix = "put the file back, or review with --rubric FILE"
    return f"the rubric file {file} is missing: {whose} scored under {used} instead; {fix}"


def has_review_data(folder: str | Path) -> bool:
    """Whether ``folder`` holds a review database or any ``*.review.json`` sidecar."""
    root = Path(folder)
    if (root / DB_NAME).is_file():
        return True
    for _, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        if any(f.endswith(SIDECAR_SUFFIX) for f in files):
            return True
    return False
