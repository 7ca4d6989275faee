"""Who made each call: a manifest CSV, or the folder convention ``<rep>/<call>.wav``.

A manifest (``--manifest FILE``) is a CSV with a header row; the ``file`` column is the path of
the input relative to the input folder; the known columns are ``rep``, ``team``, ``date``,
``stage`` and ``outcome``, and any other column is carried along too. Two columns also change how
a call is analysed: ``rep_channel`` (``left``/``right``: the rep's side of a stereo call) and
``rep_voice`` (the enrolled name of the call's rep, see ``callcoach enroll``; needs ``--team``);
a call's value overrides ``--rep``, ``--rep-channel`` and ``--rep-voice`` for that call. Where a call has no rep
from the manifest, the first folder of its relative path names the rep
(``alice/2024-05-01.wav`` -> ``alice``); a call at the top of the input folder has no rep.

The result is the call's ``meta`` (carried into its JSON, the summary CSV and the team report):
``{"path": "alice/2024-05-01.wav", "rep": "alice", ...}`` with empty values left out. A mono
call whose rep was recognised by an enrolled voice and that has no ``rep`` here gets the
enrolled name as ``rep`` (:func:`with_voice_rep`): the manifest and the folder win.
"""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

from callcoach.errors import CallcoachError

KNOWN_COLUMNS = ("rep", "team", "date", "stage", "outcome")
#: Columns that change the analysis of a call (not only its metadata).
ANALYSIS_COLUMNS = ("rep_channel", "rep_voice")


def _norm_key(name: str) -> str:
    return "_".join(name.strip().lower().replace("-", " ").split())


def _norm_rel(value: str) -> str:
    p = PurePosixPath(value.strip().replace("\\", "/"))
    parts = [x for x in p.parts if x not in (".", "")]
    return "/".join(parts)


def read_manifest(path: str | Path) -> dict[str, dict[str, str]]:
    """The manifest's rows by input path (relative, POSIX form).

    Raises:
        CallcoachError: the file is missing, not UTF-8 CSV, lacks a ``file`` column, or lists a
            file twice; the message names the file and the line.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CallcoachError(f"{p}: no such manifest file") from None
    except UnicodeDecodeError:
        raise CallcoachError(f"{p}: the manifest is not UTF-8 text; save it as UTF-8 CSV") from None
    except OSError as exc:
        raise CallcoachError(f"{p}: cannot read the manifest ({exc.strerror})") from None
    try:
        reader = csv.reader(text.splitlines())
        header = next(reader, None)
        if not header:
            raise CallcoachError(f"{p}: the manifest is empty; it needs a header row with a 'file' column")
        keys = [_norm_key(h) for h in header]
        if "file" not in keys:
            raise CallcoachError(
                f"{p}: the manifest has no 'file' column (columns: {', '.join(h.strip() for h in header)}); "
                "add one holding each call's path relative to the input folder"
            )
        rows: dict[str, dict[str, str]] = {}
        for line_no, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            if len(values) > len(keys):
                raise CallcoachError(f"{p}, line {line_no}: {len(values)} values but only {len(keys)} columns")
            row = {k: v.strip() for k, v in zip(keys, values) if k and v.strip()}
            _check_analysis_columns(p, line_no, row)
            rel = _norm_rel(row.pop("file", ""))
            if not rel:
                raise CallcoachError(f"{p}, line {line_no}: the 'file' value is empty")
            if rel in rows:
                raise CallcoachError(f"{p}, line {line_no}: {rel!r} is listed twice")
            rows[rel] = row
    except csv.Error as exc:
        raise CallcoachError(f"{p}: not a valid CSV file ({exc})") from None
    return rows


def _check_analysis_columns(p: Path, line_no: int, row: dict[str, str]) -> None:
    channel = row.get("rep_channel")
    if channel is not None:
        row["rep_channel"] = channel = channel.lower()
        if channel not in ("left", "right"):
            raise CallcoachError(f"{p}, line {line_no}: rep_channel is {channel!r}; write left or right (or leave it empty)")
    if row.get("rep_voice") is not None:
        from callcoach.speakers.enroll import check_rep_name

        try:
            check_rep_name(row["rep_voice"])
        except CallcoachError as exc:
            raise CallcoachError(f"{p}, line {line_no}: rep_voice {exc}") from None


def call_options(options: Any, meta: dict[str, Any] | None) -> Any:
    """``options`` (an AnalyzeOptions) with this call's ``rep_channel`` or ``rep_voice`` from its
    manifest row, which override the batch's --rep, --rep-channel and --rep-voice."""
    meta = meta or {}
    if meta.get("rep_channel"):
        return replace(options, rep_channel=meta["rep_channel"], rep=None, rep_voice=None)
    if meta.get("rep_voice"):
        return replace(options, rep_voice=meta["rep_voice"], rep=None, rep_channel=None)
    return options


def with_voice_rep(meta: dict[str, Any], roles_name: str | None) -> dict[str, Any]:
    """``meta`` with ``rep`` set to the enrolled rep recognised by voice when it has none."""
    if not roles_name or meta.get("rep"):
        return meta
    out = {k: v for k, v in meta.items() if k == "path"}
    out["rep"] = roles_name
    out.update((k, v) for k, v in meta.items() if k not in out)
    return out


def call_meta(rel: str, manifest: dict[str, dict[str, str]] | None) -> dict[str, str]:
    """The ``meta`` of the input at ``rel``: its path, then the manifest's values, the rep
    falling back to the folder convention. Keys in a fixed order (known columns first)."""
    row = dict((manifest or {}).get(rel, {}))
    parts = PurePosixPath(rel).parts
    if not row.get("rep") and len(parts) > 1:
        row["rep"] = parts[0]
    meta = {"path": rel}
    for key in KNOWN_COLUMNS:
        if row.get(key):
            meta[key] = row[key]
    for key in sorted(set(row) - set(KNOWN_COLUMNS) - {"path"}):
        meta[key] = row[key]
    return meta
