"""Writing results: atomically, so that nothing is ever half-written."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from callcoach.call import Call
from callcoach.errors import CallcoachError

ANALYSIS_SUFFIX = ".callcoach.json"
SCORECARD_SUFFIX = ".scorecard.html"


def atomic_write_text(path: str | Path, text: str) -> Path:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise CallcoachError(f"{target.parent}: cannot write results there ({exc.strerror}); choose another --out") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return target


def dumps(data: dict[str, Any]) -> str:
    """Stable JSON text: same data, same bytes."""
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def analysis_path(call: Call, out: str | Path) -> Path:
    return Path(out) / f"{call.id}{ANALYSIS_SUFFIX}"


def recording_ref(out: str | Path, audio_path: str | Path) -> str | None:
    """The recording's path relative to the output folder ``out`` (POSIX form), as the analysis
    records it under ``recording``; None where there is no relative path (another drive)."""
    try:
        rel = os.path.relpath(Path(audio_path).resolve(), Path(out).resolve())
    except ValueError:
        return None
    return Path(rel).as_posix()


def write_analysis(call: Call, out: str | Path, audio_path: str | Path | None = None) -> Path:
    """Write ``<out>/<stem>.callcoach.json`` atomically and return its path.

    With ``audio_path`` (the recording analysed), the analysis records where that recording is,
    relative to ``out`` (``recording``), so ``callcoach review`` finds it; nothing absolute.
    """
    if audio_path is not None:
        call = call.with_(recording=recording_ref(out, audio_path))
    return atomic_write_text(analysis_path(call, out), dumps(call.to_dict()))


def write_outputs(call: Call, out: str | Path, audio_path: str | Path | None) -> dict[str, Path]:
    """Write ``<stem>.callcoach.json`` and ``<stem>.scorecard.html`` atomically.

    ``audio_path`` is the recording the page's player points at (by a relative path), and the
    analysis records (``recording``), or None for a transcript input.
    """
    from callcoach.report.html import audio_href_for, render_scorecard

    paths = {"analysis": write_analysis(call, out, audio_path)}
    page = Path(out) / f"{call.id}{SCORECARD_SUFFIX}"
    href = audio_href_for(page, audio_path) if audio_path is not None else None
    paths["scorecard"] = atomic_write_text(page, render_scorecard(call, href))
    return paths
