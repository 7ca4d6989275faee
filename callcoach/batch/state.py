"""What a batch has already done, so that a re-run skips it: ``OUT/.callcoach-batch.json``.

Per input (keyed by its path relative to the input folder) the state records:

- ``sha256``: the content hash of the file (streamed), with its ``size`` and ``mtime_ns`` so an
  unchanged file is not read again on the next run (as git's index does);
- ``settings``: the fingerprint of everything else that changes the outputs
  (:func:`settings_fingerprint`: ``AnalyzeOptions.settings()``, the rubric file's content
  hash, the callcoach version, the backend and the kinds of output written);
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
