"""What a batch has already done, so that a re-run skips it: ``OUT/.callcoach-batch.json``.

Per input (keyed by its path relative to the input folder) the state records:

- ``sha256``: the content hash of the file (streamed), with its ``size`` and ``mtime_ns`` so an
  unchanged file is not read again on the next run (as git's index does);
- ``settings``: the fingerprint of everything else that changes the outputs
  (:func:`settings_fingerprint`: ``AnalyzeOptions.settings()``, the rubric file's content
  hash, the callcoach version, the backend and the kinds of output written);
- ``base`` and ``rubric_sha256``: :func:`analysis_fingerprint` (the settings less the rubric's
  scoring) and the hash of the rubric the outputs are scored under, so that a run whose only
  change is the rubric re-scores the stored analyses (``callcoach rescore`` updates the rubric);
- ``status``: ``done`` (with the ``outputs`` written, relative to OUT, and the ``meta``
  carried into them) or ``failed`` (with the ``error``; only input errors are remembered: the
  same bytes with the same settings fail the same way, so a re-run does not retry them).

Beside the inputs it records ``input_dir``: where the inputs were, relative to OUT where there
is a relative path (``../calls``), else absolute. With each call's ``meta["path"]`` (its path
under that folder) it lets ``callcoach review OUT`` find the recordings by itself.

The file is rewritten atomically after every call, and holds no times (those go to
``batch-log.jsonl``), so a re-run that does nothing writes the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from callcoach import __version__
from callcoach.output import atomic_write_text

STATE_NAME = ".callcoach-batch.json"
STATE_SCHEMA = "callcoach.batch-state/1"


def file_sha256(path: str | Path, chunk: int = 1 << 20) -> str:
    """The sha256 of a file's bytes, read in chunks (never the whole file in memory)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


def rubric_sha256(rubric: str | None) -> str:
    """The content hash of the rubric file a name or path resolves to (as ``load_rubric`` does)."""
    from callcoach.rubric import DEFAULT_RUBRIC, builtin_rubrics

    name = str(rubric or DEFAULT_RUBRIC)
    path = Path(name).expanduser()
    if not (path.suffix in (".yaml", ".yml") or path.exists()):
        found = builtin_rubrics()
        if name not in found:
            return "missing"
        path = found[name]
    try:
        return file_sha256(path)
    except OSError:
        return "missing"


def settings_fingerprint(options: Any, backend: str, layout: str) -> str:
    """A hash of everything besides the input bytes that changes a batch's outputs."""
    data = {
        "settings": options.settings(),
        "rubric_sha256": rubric_sha256(options.rubric),
        "callcoach": __version__,
        "backend": backend,
        "layout": layout,
    }
    team = getattr(options, "team", None)
    if team:  # enrolling a rep anew can change who the rep of a mono call is: analyse again
        from callcoach.speakers.enroll import team_fingerprint

        data["voices_sha256"] = team_fingerprint(team)
    text = json.dumps(data, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def analysis_fingerprint(options: Any, backend: str, layout: str, policy: Any = None) -> str:
    """:func:`settings_fingerprint` less the rubric's scoring: a hash of what the words, speakers,
    roles and redaction of a batch's analyses depend on (the settings, the redaction ``policy``
    that the flags and the rubric's ``privacy`` give, the callcoach version, the backend, the
    outputs' layout, enrolled voices). A finished call whose entry records this fingerprint and
    another rubric is re-scored from its stored analysis, not analysed again."""
    redaction = None
    if policy is not None:
        redaction = {
            "entities": sorted(policy.wanted),
            "keep_rep_name": policy.keep_rep_name,
            "allow": list(policy.allow),
        }
    data: dict[str, Any] = {
        "settings": options.settings(),
        "redaction": redaction,
        "callcoach": __version__,
        "backend": backend,
        "layout": layout,
    }
    team = getattr(options, "team", None)
    if team:
        from callcoach.speakers.enroll import team_fingerprint

        data["voices_sha256"] = team_fingerprint(team)
    text = json.dumps(data, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def input_dir_ref(input_dir: str | Path, out_dir: str | Path) -> str:
    """Where the inputs are, as the state records it: relative to ``out_dir`` (POSIX form) where
    there is a relative path, else absolute."""
    source, out = Path(input_dir).resolve(), Path(out_dir).resolve()
    try:
        return Path(os.path.relpath(source, out)).as_posix()
    except ValueError:  # another drive
        return source.as_posix()


def recorded_input_dir(out_dir: str | Path) -> Path | None:
    """The input folder recorded in ``out_dir``'s state (made absolute against ``out_dir``, not
    checked for existence); None where there is no readable state or it records none."""
    out = Path(out_dir)
    try:
        data = json.loads((out / STATE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = data.get("input_dir") if isinstance(data, dict) and data.get("schema") == STATE_SCHEMA else None
    if not isinstance(value, str) or not value or "\0" in value:
        return None
    return out / value


@dataclass(slots=True)
class Entry:
    """The state of one input (see the module docstring)."""

    sha256: str
    size: int
    mtime_ns: int
    settings: str = ""
    status: str = ""  # "done" | "failed" | "" (hashed, not finished)
    outputs: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    #: :func:`analysis_fingerprint` and the rubric file's sha256 the outputs were scored under
    #: (empty in states written before they were recorded): where only the rubric differs, the
    #: call is re-scored from its stored analysis instead of analysed again.
    base: str = ""
    rubric_sha256: str = ""

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entry:
        return cls(
            sha256=str(d["sha256"]),
            size=int(d.get("size", -1)),
            mtime_ns=int(d.get("mtime_ns", -1)),
            settings=str(d.get("settings", "")),
            status=str(d.get("status", "")),
            outputs=[str(o) for o in d.get("outputs", [])],
            meta=dict(d.get("meta", {})),
            error=d.get("error"),
            base=str(d.get("base", "")),
            rubric_sha256=str(d.get("rubric_sha256", "")),
        )


class BatchState:
    """The state file of one output folder."""

    def __init__(
        self,
        out_dir: Path,
        entries: dict[str, Entry] | None = None,
        warning: str | None = None,
        input_dir: str | None = None,
    ) -> None:
        self.out_dir = out_dir
        self.path = out_dir / STATE_NAME
        self.entries: dict[str, Entry] = entries or {}
        #: Where the inputs are (see :func:`input_dir_ref`); set by each run.
        self.input_dir = input_dir
        #: Set when an unreadable state file was ignored (the batch then starts afresh).
        self.warning = warning

    @classmethod
    def load(cls, out_dir: Path) -> BatchState:
        path = out_dir / STATE_NAME
        if not path.exists():
            return cls(out_dir)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("schema") != STATE_SCHEMA:
                raise ValueError(f"unknown schema {data.get('schema')!r}")
            entries = {str(k): Entry.from_dict(v) for k, v in data.get("inputs", {}).items()}
            input_dir = data.get("input_dir")
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            return cls(out_dir, warning=f"{path}: unreadable batch state ({exc}); every input is analysed again")
        return cls(out_dir, entries, input_dir=input_dir if isinstance(input_dir, str) else None)

    def content_hash(self, rel: str, path: Path) -> Entry:
        """The entry for ``path`` with its current hash: the stored one when size and mtime are
        unchanged, else a fresh one (status cleared)."""
        st = path.stat()
        old = self.entries.get(rel)
        if old is not None and old.size == st.st_size and old.mtime_ns == st.st_mtime_ns:
            return old
        return Entry(file_sha256(path), st.st_size, st.st_mtime_ns)

    def to_text(self) -> str:
        inputs = {k: asdict(self.entries[k]) for k in sorted(self.entries)}
        data: dict[str, Any] = {"schema": STATE_SCHEMA, "inputs": inputs}
        if self.input_dir is not None:
            data["input_dir"] = self.input_dir
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    def save(self) -> None:
        """Rewrite the state file atomically (only when its content changed)."""
        write_if_changed(self.path, self.to_text())


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` atomically unless the file already holds exactly it; True if written."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    atomic_write_text(path, text)
    return True


FAILURES_NAME = "failures.jsonl"


@dataclass(frozen=True, slots=True)
class FailureRecord:
    """One input that has no analysis, as ``failures.jsonl`` holds it: its path relative to the
    input folder and why it failed (one line)."""

    path: str
    error: str


def _still_failing(rel: str, input_dir: Path | None, state: BatchState | None) -> bool:
    entry = state.entries.get(rel) if state is not None else None
    if entry is not None and entry.status == "done":
        return False  # analysed since
    # The input folder moved or is on a drive not mounted now: keep what is recorded.
    return input_dir is None or not input_dir.is_dir() or (input_dir / rel).exists()


def _current_failure_lines(
    out_dir: Path, input_dir: Path | None, state: BatchState | None
) -> tuple[str | None, list[tuple[str, FailureRecord | None]]]:
    """The text of ``failures.jsonl`` (None without one) and the lines still current, each with
    its record (None for a line that is not a failure record: kept as it is)."""
    try:
        text = (out_dir / FAILURES_NAME).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None, []
    parsed: list[tuple[str, FailureRecord | None]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            record = FailureRecord(str(d["path"]), str(d.get("error") or "failed"))
        except (ValueError, KeyError, TypeError):
            record = None
        parsed.append((line, record))
    last = {r.path: i for i, (_, r) in enumerate(parsed) if r is not None}
    kept = [
        (line, r)
        for i, (line, r) in enumerate(parsed)
        if r is None or (last[r.path] == i and _still_failing(r.path, input_dir, state))
    ]
    return text, kept


def current_failures(out_dir: str | Path) -> list[FailureRecord]:
    """The inputs of the batch in ``out_dir`` that failed and still have no analysis, sorted by
    path: ``failures.jsonl`` less the inputs analysed since (the batch state says ``done``) and
    those no longer in the recorded input folder; the latest error where one failed twice."""
    out = Path(out_dir)
    state = BatchState.load(out) if (out / STATE_NAME).exists() else None
    _, kept = _current_failure_lines(out, recorded_input_dir(out), state)
    return sorted((r for _, r in kept if r is not None), key=lambda r: r.path)


def prune_failures(out_dir: Path, input_dir: str | Path, state: BatchState) -> bool:
    """Rewrite ``failures.jsonl`` (atomically, only when it changes) to hold only the inputs that
    still fail: one line each, the latest, for files still in ``input_dir`` and not analysed since
    (:func:`current_failures`). Lines are kept byte for byte. True if the file was rewritten."""
    text, kept = _current_failure_lines(Path(out_dir), Path(input_dir), state)
    if text is None:
        return False
    new = "".join(line + "\n" for line, _ in kept)
    if new == text:
        return False
    return write_if_changed(Path(out_dir) / FAILURES_NAME, new)
