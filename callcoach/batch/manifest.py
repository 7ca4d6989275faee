"""Who made each call: a manifest CSV, or the folder convention ``<rep>/<call>.wav``.

A manifest (``--manifest FILE``) is a CSV with a header row; the ``file`` column is the path of
the input relative to the input folder; the known columns are ``rep``, ``team``, ``date``,
``stage`` and ``outcome``, and any other column is carried along too. Three columns also change
how a call is analysed: ``rep_channel`` (``left``/``right``: the rep's side of a stereo call),
``rep_speaker`` (the rep's speaker: ``A``, ``B`` ... on a mono call, a speaker's name in a
transcript) and ``rep_voice`` (the enrolled name of the call's rep, see ``callcoach enroll``;
needs ``--team``); a call's value overrides ``--rep``, ``--rep-channel`` and ``--rep-voice`` for
that call, and a row may give only one of them. ``stage`` picks the call's rubric where the batch
has a stage map (``--stage-rubrics``, :mod:`callcoach.batch.stages`).

Where a call has no rep from the manifest, the first folder of its relative path names the rep
(``alice/2024-05-01.wav`` -> ``alice``); a call at the top of the input folder has no rep. With a
manifest, a folder that names one of its reps loosely (case aside, the first name or the slug:
``sam``, ``Sam-Ortiz`` or ``samortiz`` for ``Sam Ortiz``) gives that rep's name as the manifest
writes it, so one rep is not counted twice (:func:`manifest_reps`).

The result is the call's ``meta`` (carried into its JSON, the summary CSV and the team report):
``{"path": "alice/2024-05-01.wav", "rep": "alice", ...}`` with empty values left out. A mono
call whose rep was recognised by an enrolled voice and that has no ``rep`` here gets the
enrolled name as ``rep`` (:func:`with_voice_rep`): the manifest and the folder win.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

from callcoach.errors import CallcoachError

KNOWN_COLUMNS = ("rep", "team", "date", "stage", "outcome")
#: Columns that change the analysis of a call (not only its metadata); a row gives one at most.
ANALYSIS_COLUMNS = ("rep_channel", "rep_speaker", "rep_voice")


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
    given = [k for k in ANALYSIS_COLUMNS if row.get(k)]
    if len(given) > 1:
        raise CallcoachError(
            f"{p}, line {line_no}: {' and '.join(given)} both say who the rep is; keep one (rep_channel for a "
            "stereo call, rep_speaker for a mono call or a transcript, rep_voice for an enrolled rep)"
        )
    speaker = row.get("rep_speaker")
    if speaker is not None and (len(speaker) > 100 or not speaker.isprintable()):
        raise CallcoachError(
            f"{p}, line {line_no}: rep_speaker must be a speaker id (A, B ...) or a transcript's speaker name"
        )
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
    """``options`` (an AnalyzeOptions) with this call's ``rep_channel``, ``rep_speaker`` or
    ``rep_voice`` from its manifest row, which override the batch's --rep, --rep-channel and
    --rep-voice."""
    meta = meta or {}
    if meta.get("rep_channel"):
        return replace(options, rep_channel=meta["rep_channel"], rep=None, rep_voice=None)
    if meta.get("rep_speaker"):
        return replace(options, rep=meta["rep_speaker"], rep_channel=None, rep_voice=None)
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


def _slug(text: str) -> str:
    """``Sam Ortiz`` -> ``sam-ortiz``, ``José`` -> ``jose``: case and accents folded, every run of
    other characters one ``-``."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return "-".join(re.findall(r"[^\W_]+", plain))


def manifest_reps(manifest: dict[str, dict[str, str]] | None) -> dict[str, str | None]:
    """The manifest's rep names by the folder names that mean them: the name's slug
    (``sam-ortiz``), the slug without its dashes (``samortiz``) and the first name (``sam``),
    each case folded (:func:`folder_rep` folds a folder's name the same way). A whole name wins
    over a first name (``sam`` is the rep ``Sam`` before ``Sam Ortiz``); a key two reps share
    (``sam`` of Sam Ortiz and Sam Lee) maps to None: such a folder keeps its own name."""
    whole: dict[str, str | None] = {}
    first: dict[str, str | None] = {}

    def claim(keys: dict[str, str | None], key: str, name: str) -> None:
        if key:
            keys[key] = name if keys.get(key, name) == name else None

    for name in sorted({row["rep"] for row in (manifest or {}).values() if row.get("rep")}):
        slug = _slug(name)
        claim(whole, slug, name)
        claim(whole, slug.replace("-", ""), name)
        claim(first, slug.split("-", 1)[0], name)
    return {**first, **whole}


def folder_rep(folder: str, reps: dict[str, str | None] | None) -> str | None:
    """The manifest's name of the rep a folder name means (see :func:`manifest_reps`); None when
    it names none of them, or more than one."""
    if not reps:
        return None
    slug = _slug(folder)
    return reps.get(slug, reps.get(slug.replace("-", "")))


#: How many of the files missing from a manifest its warning names.
SHOWN_UNLISTED = 5


def unlisted_warnings(manifest: Any, rows: dict[str, dict[str, str]], unlisted: Sequence[str]) -> list[str]:
    """Lines for the user about the inputs the manifest does not list (``unlisted``): how many and
    which (the first few), whose rep their folder gave them, and each folder taken for one of
    the manifest's reps (``sam/`` for ``Sam Ortiz``) or that could be more than one."""
    if not unlisted:
        return []
    more = len(unlisted) - SHOWN_UNLISTED
    shown = ", ".join(unlisted[:SHOWN_UNLISTED]) + (f" and {more} more" if more > 0 else "")
    are = "s are" if len(unlisted) != 1 else " is"
    fix = "so the rep is the name of the file's folder (none at the top of the input folder); add a row for each"
    lines = [f"{manifest}: {len(unlisted)} input file{are} not in the manifest ({shown}), {fix}"]
    reps = manifest_reps(rows)
    folders: dict[str, int] = {}
    for rel in unlisted:
        parts = PurePosixPath(rel).parts
        if len(parts) > 1:
            folders[parts[0]] = folders.get(parts[0], 0) + 1
    for folder, n in sorted(folders.items()):
        calls = f"{n} unlisted call{'s' if n != 1 else ''} in {folder}/"
        name = folder_rep(folder, reps)
        if name is not None and name != folder:
            lines.append(f"{manifest}: {calls} counted for the manifest's rep {name!r} (the folder's name means them)")
        elif name is None and (_slug(folder) in reps or _slug(folder).replace("-", "") in reps):
            names = " or ".join(sorted({repr(r["rep"]) for r in rows.values() if r.get("rep") and _means(folder, r["rep"])}))
            lines.append(f"{manifest}: {calls} kept the rep {folder!r}: the folder could be {names}; list the calls in the manifest")
    return lines


def _means(folder: str, name: str) -> bool:
    """Whether the folder name could mean the rep ``name`` (see :func:`manifest_reps`)."""
    slug, want = _slug(name), _slug(folder)
    return want in (slug, slug.split("-", 1)[0]) or want.replace("-", "") == slug.replace("-", "")


def call_meta(
    rel: str, manifest: dict[str, dict[str, str]] | None, reps: dict[str, str | None] | None = None
) -> dict[str, str]:
    """The ``meta`` of the input at ``rel``: its path, then the manifest's values, the rep
    falling back to the folder convention (the manifest's spelling of a rep the folder names,
    with ``reps`` from :func:`manifest_reps`). Keys in a fixed order (known columns first)."""
    row = dict((manifest or {}).get(rel, {}))
    parts = PurePosixPath(rel).parts
    if not row.get("rep") and len(parts) > 1:
        row["rep"] = folder_rep(parts[0], reps) or parts[0]
    meta = {"path": rel}
    for key in KNOWN_COLUMNS:
        if row.get(key):
            meta[key] = row[key]
    for key in sorted(set(row) - set(KNOWN_COLUMNS) - {"path"}):
        meta[key] = row[key]
    return meta
