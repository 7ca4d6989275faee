"""Which rubric scores a call, its fingerprint, and the rows of a call's score history.

A score is only meaningful with the rubric it was computed under, so every history row records
the rubric's ``id``, ``version`` and ``hash`` (sha256 of the rubric file's bytes, built-in
rubrics included) and the hash of the coach's inputs (corrections and overrides). A row is
appended when either changes; earlier rows are kept.
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from callcoach.review.corrections import Correction, Override
from callcoach.rubric import DEFAULT_RUBRIC, Rubric, builtin_rubrics, parse_rubric
from callcoach.rubric import rubric_path as _rubric_path

HISTORY_FIELDS = ("rubric_id", "rubric_version", "rubric_hash", "inputs_sha256", "score", "machine_score", "computed_at")


@dataclass(frozen=True, slots=True)
class ResolvedRubric:
    """A validated rubric with the file it came from and the sha256 of that file's bytes."""

    rubric: Rubric
    path: Path
    sha256: str


_cache: dict[tuple[str, str], ResolvedRubric] = {}
_lock = threading.Lock()


@functools.cache
def _builtin() -> dict[str, Path]:
    """Built-in rubric names and files (package data: they do not change while running)."""
    return builtin_rubrics()


def rubric_path(name_or_path: str | Path | None) -> Path:
    """The file behind a built-in rubric name or a path (:func:`callcoach.rubric.rubric_path`
    with the built-ins looked up once per process)."""
    return _rubric_path(name_or_path, _builtin())


def resolve_rubric(name_or_path: str | Path | None) -> ResolvedRubric:
    """Load a rubric with its hash. The file is read and hashed every time (a few kB), but
    parsed and validated only once per content.

    Raises:
        RubricError: the rubric is missing or invalid.
    """
    from callcoach.errors import RubricError

    path = rubric_path(name_or_path)
    try:
        raw = path.read_bytes()
    except OSError:
        raise RubricError(f"{path}: no such rubric file") from None
    key = (str(path.absolute()), hashlib.sha256(raw).hexdigest())
    with _lock:
        hit = _cache.get(key)
    if hit is None:
        hit = ResolvedRubric(parse_rubric(path), path, key[1])
        with _lock:
            _cache[key] = hit
    return hit


def own_rubric_name(ref: str | None, file: str | None = None) -> str:
    """The rubric an analysis was scored with: the team's rubric file it names where that file
    is still there, else the built-in rubric of its ``id@version`` ref, else the default."""
    if file and Path(file).is_file():
        return file
    rubric_id = (ref or "").split("@", 1)[0]
    return rubric_id if rubric_id in _builtin() else DEFAULT_RUBRIC


def inputs_sha256(corrections: Sequence[Correction], overrides: Sequence[Override]) -> str:
    """Fingerprint of what a coach changed that can move the score (comments cannot)."""
    data = {
        "corrections": [c.to_dict() for c in corrections],
        "overrides": sorted((o.to_dict() for o in overrides), key=lambda o: o["dimension"]),
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode("utf-8")).hexdigest()


def history_row(
    resolved: ResolvedRubric, inputs: str, score: float | None, machine_score: float | None, computed_at: str
) -> dict[str, Any]:
    """One score-history row (keys in :data:`HISTORY_FIELDS` order)."""
    return {
        "rubric_id": resolved.rubric.id,
        "rubric_version": str(resolved.rubric.version),
        "rubric_hash": resolved.sha256,
        "inputs_sha256": inputs,
        "score": score,
        "machine_score": machine_score,
        "computed_at": computed_at,
    }
