"""Writing results: atomically, so that nothing is ever half-written."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from callcoach.call import Call
from callcoach.errors import CallcoachError

ANALYSIS_SUFFIX = ".callcoach.json"
SCORECARD_SUFFIX = ".scorecard.html"
#: What ``--format`` can ask for, and the file each one writes (``<stem><suffix>``).
SUFFIXES = {
    "json": ANALYSIS_SUFFIX,
    "html": SCORECARD_SUFFIX,
    "srt": ".callcoach.srt",
    "vtt": ".callcoach.vtt",
    "txt": ".callcoach.txt",
}
FORMATS = tuple(SUFFIXES)
#: What is written without ``--format``: the analysis and the scorecard.
DEFAULT_FORMATS = ("json", "html")
#: The name of each format's path in what :func:`write_outputs` returns.
OUTPUT_KINDS = {"json": "analysis", "html": "scorecard", "srt": "srt", "vtt": "vtt", "txt": "txt"}


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


def parse_formats(value: str | Sequence[str] | None) -> tuple[str, ...]:
    """The formats of ``--format json,html,srt,vtt,txt`` (a comma list, or a list), in that order.

    The analysis JSON is always among them: ``review``, ``report``, ``learn`` and a batch's
    resume read it. None or an empty value: :data:`DEFAULT_FORMATS`.

    Raises:
        CallcoachError: an unknown format (the message lists the known ones).
    """
    if value is None:
        return DEFAULT_FORMATS
    items = value.split(",") if isinstance(value, str) else list(value)
    wanted = {str(x).strip().lower().lstrip(".") for x in items} - {""}
    if not wanted:
        return DEFAULT_FORMATS
    unknown = sorted(wanted - set(FORMATS))
    if unknown:
        raise CallcoachError(
            f"--format: unknown format {', '.join(repr(u) for u in unknown)}; "
            f"give a comma list of {', '.join(FORMATS)} (e.g. --format json,html,vtt)"
        )
    return tuple(f for f in FORMATS if f in wanted or f == "json")


def output_paths(
    call_id: str, out: str | Path, formats: str | Sequence[str] | None = DEFAULT_FORMATS
) -> dict[str, Path]:
    """Where :func:`write_outputs` writes each format of call ``call_id``, by kind
    (``analysis``, ``scorecard``, ``srt``, ``vtt``, ``txt``)."""
    return {OUTPUT_KINDS[f]: Path(out) / f"{call_id}{SUFFIXES[f]}" for f in parse_formats(formats)}


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

    With ``audio_path`` (the recording analysed), the analysis records where that recording is:
    relative to ``out`` (``recording``) and absolute (``recording_absolute``, a path on this
    machine), so ``callcoach review`` finds it, also after the results folder moved.
    """
    return atomic_write_text(analysis_path(call, out), dumps(with_recording(call, out, audio_path).to_dict()))


def with_recording(call: Call, out: str | Path, audio_path: str | Path | None) -> Call:
    """``call`` with ``recording`` and ``recording_absolute`` set for outputs written to ``out``
    (unchanged without ``audio_path``: a transcript has no recording)."""
    if audio_path is None:
        return call
    absolute = Path(audio_path).resolve().as_posix()
    return call.with_(recording=recording_ref(out, audio_path), recording_absolute=absolute)


def write_outputs(
    call: Call,
    out: str | Path,
    audio_path: str | Path | None,
    formats: str | Sequence[str] | None = DEFAULT_FORMATS,
    *,
    keep_existing: bool = False,
) -> dict[str, Path]:
    """Write the outputs of ``formats`` (see :func:`parse_formats`; the analysis JSON always)
    atomically, each from the same ``call``, and return their paths by kind.

    ``audio_path`` is the recording the page's player points at (by a relative path, with the
    absolute one as a fallback), and the analysis records (``recording``), or None for a
    transcript input. ``keep_existing``: write only the files that do not exist yet (a batch
    asked for a format its finished calls lack).
    """
    formats = parse_formats(formats)
    call = with_recording(call, out, audio_path)
    paths = output_paths(call.id, out, formats)
    if keep_existing:
        formats = tuple(f for f in formats if not paths[OUTPUT_KINDS[f]].is_file())
    if "json" in formats:
        atomic_write_text(paths["analysis"], dumps(call.to_dict()))
    if "html" in formats:
        from callcoach.report.html import audio_href_for, render_scorecard

        href = audio_href_for(paths["scorecard"], audio_path) if audio_path is not None else None
        atomic_write_text(paths["scorecard"], render_scorecard(call, href))
    exports = [f for f in formats if f in ("srt", "vtt", "txt")]
    if exports:
        from callcoach.report.transcript import RENDERERS

        for f in exports:
            atomic_write_text(paths[OUTPUT_KINDS[f]], RENDERERS[f](call))
    return paths
