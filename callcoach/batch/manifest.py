"""Who made each call: a manifest CSV, or the folder convention ``<rep>/<call>.wav``.

A manifest (``--manifest FILE``) is a CSV with a header row; the ``file`` column is the path of
the input relative to the input folder; the known columns are ``rep``, ``team``, ``date``,
``stage`` and ``outcome``, and any other column is carried along too. Where a call has no rep
from the manifest, the first folder of its relative path names the rep
(``alice/2024-05-01.wav`` -> ``alice``); a call at the top of the input folder has no rep.

The result is the call's ``meta`` (carried into its JSON, the summary CSV and the team report):
``{"path": "alice/2024-05-01.wav", "rep": "alice", ...}`` with empty values left out.
"""

from __future__ import annotations

import csv
from pathlib import Path, PurePosixPath

from callcoach.errors import CallcoachError

KNOWN_COLUMNS = ("rep", "team", "date", "stage", "outcome")


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
            rel = _norm_rel(row.pop("file", ""))
            if not rel:
                raise CallcoachError(f"{p}, line {line_no}: the 'file' value is empty")
            if rel in rows:
                raise CallcoachError(f"{p}, line {line_no}: {rel!r} is listed twice")
            rows[rel] = row
    except csv.Error as exc:
        raise CallcoachError(f"{p}: not a valid CSV file ({exc})") from None
    return rows


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
