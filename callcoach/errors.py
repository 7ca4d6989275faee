"""Errors callcoach raises on purpose. The CLI turns each into one line on stderr and exit 1.

    CallcoachError
    ├── InputError            a path that cannot be used (missing, a directory, unreadable)
    │   ├── AudioError        not audio, corrupt, truncated, empty, silent, unsupported
    │   └── TranscriptError   a transcript file that cannot be parsed
    ├── ModelNotFound         a model that is not installed where callcoach looked
    ├── SchemaError           a saved analysis of an unknown schema
    └── RubricError           a rubric that does not validate

Every message names the file and says how to fix it.
"""

from __future__ import annotations

from pathlib import Path


class CallcoachError(Exception):
    """Base class: a failure callcoach explains to the user in one line."""


class InputError(CallcoachError):
    """An input path that cannot be used."""

    def __init__(self, path: str | Path, problem: str, fix: str = "") -> None:
        self.path = str(path)
        self.problem = problem
        self.fix = fix
        msg = f"{self.path}: {problem}"
        if fix:
            msg += f" ({fix})"
        super().__init__(msg)


class AudioError(InputError):
    """Audio that cannot be decoded or holds nothing to analyse."""


class TranscriptError(InputError):
    """A transcript file that cannot be parsed."""


class ModelNotFound(CallcoachError):
    """A model that is not where callcoach looked; the message lists every place tried."""


class SchemaError(CallcoachError):
    """A saved analysis whose schema callcoach does not read."""


class RubricError(CallcoachError):
    """A rubric that does not validate; the message names the file and the field path."""
