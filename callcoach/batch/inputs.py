"""Which files of a folder a batch analyses, and where each one's outputs go.

Inputs are recordings (:data:`callcoach.audio.AUDIO_EXTENSIONS`) and transcripts
(:func:`callcoach.transcripts.is_transcript`) anywhere under the input folder, in sorted order.
A ``.json`` counts when it holds an ``utterances`` list, and also when it cannot be read as JSON
at all or its ``utterances`` is not a list (a transcript cut short or mangled by an export): the
batch then records why in ``failures.jsonl`` rather than leave the call out without a word.
Well-formed JSON without ``utterances`` (a manifest, a CRM export) is not an input.
Never inputs: our own outputs (``*.callcoach.json``, ``*.review.json``, the ``--format``
transcripts ``*.callcoach.srt``/``.vtt``/``.txt``), anything inside the
output folder when it lies under the input folder, and hidden files and folders (names starting
with ``.``, such as macOS ``._call.wav`` resource forks). A glob filters on the path relative to
the input folder with :func:`fnmatch.fnmatch` (``*`` also matches ``/``: ``*.wav`` matches at
any depth, ``alice/*`` everything under ``alice/``).

The output tree mirrors the input tree: ``a/b/call.wav`` -> ``OUT/a/b/call.callcoach.json``.
"""

from __future__ import annotations

import fnmatch
import json
import os
from dataclasses import dataclass
from pathlib import Path

from callcoach.errors import CallcoachError

#: Files we write ourselves: never inputs, even though they are JSON with utterances or
#: transcripts (``--format srt,vtt``: ``<stem>.callcoach.vtt`` read back would be the call again).
OWN_SUFFIXES = (".callcoach.json", ".review.json", ".callcoach.srt", ".callcoach.vtt", ".callcoach.txt")
TRANSCRIPT_EXTENSIONS = (".json", ".vtt", ".srt")


@dataclass(frozen=True, slots=True)
class Input:
    """One file to analyse: its path, its path relative to the input folder (POSIX form, the
    key of everything a batch records), and the folder its outputs go to."""

    path: Path
    rel: str
    out_dir: Path

    @property
    def stem(self) -> str:
        return self.path.stem

    def output_key(self) -> str:
        """Where its analysis goes, relative to OUT: inputs with the same key collide."""
        parent = Path(self.rel).parent.as_posix()
        return f"{self.stem}.callcoach.json" if parent == "." else f"{parent}/{self.stem}.callcoach.json"


def _is_input(path: Path) -> bool:
    from callcoach.audio import AUDIO_EXTENSIONS
    from callcoach.transcripts import is_transcript

    name = path.name.lower()
    if name.startswith(".") or name.endswith(OWN_SUFFIXES):
        return False
    ext = path.suffix.lower()
    if ext in AUDIO_EXTENSIONS:
        return True
    if ext == ".json":
        return _json_input(path)
    return ext in TRANSCRIPT_EXTENSIONS and is_transcript(path)


def _json_input(path: Path) -> bool:
    """A ``.json`` is an input when it holds ``utterances`` (a transcript, or one whose
    ``utterances`` is not a list) and when it may be a transcript we cannot read: unreadable, not
    UTF-8, not JSON (truncated by an export, say). The batch then records why in
    ``failures.jsonl`` instead of silently leaving a call out. Well-formed JSON without
    ``utterances`` (a CRM export, a manifest) is other data."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return True
    return isinstance(data, dict) and "utterances" in data


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def find_inputs(input_dir: str | Path, out_dir: str | Path, glob: str | None = None) -> list[Input]:
    """Every input under ``input_dir`` (sorted by relative path), filtered by ``glob``.

    Raises:
        CallcoachError: ``input_dir`` is missing or not a folder.
    """
    root = Path(input_dir)
    if not root.exists():
        raise CallcoachError(f"{root}: no such folder (give the folder that holds the calls)")
    if not root.is_dir():
        raise CallcoachError(f"{root}: not a folder; to analyse one file use `callcoach analyze {root}`")
    out = Path(out_dir)
    out_real, root_real = out.resolve(), root.resolve()
    # The output folder is left out when it lies inside the input folder (OUT == INPUT, or INPUT
    # inside OUT, are fine: our outputs are recognised by name).
    prune = out_real if out_real != root_real and _inside(out_real, root_real) else None
    found: list[Input] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        # Prune hidden folders and the output folder (when it lies under the input folder).
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and (prune is None or (here / d).resolve() != prune)
        )
        for name in filenames:
            p = here / name
            rel = p.relative_to(root).as_posix()
            if glob and not fnmatch.fnmatch(rel, glob):
                continue
            if not p.is_file() or not _is_input(p):
                continue
            found.append(Input(p, rel, out / Path(rel).parent))
    return sorted(found, key=lambda i: i.rel)


def no_inputs_message(input_dir: str | Path, out_dir: str | Path, glob: str | None = None) -> str:
    """Why :func:`find_inputs` found nothing, in one line with the fix: the glob matched none of
    the inputs, the folder holds stored analyses (a results folder, to re-score with
    ``callcoach rescore``), or it holds no recordings or transcripts at all."""
    root = Path(input_dir)
    if glob:
        everything = find_inputs(root, out_dir)
        if everything:
            return (
                f"{root}: none of its {len(everything)} recordings and transcripts matches --glob {glob!r} "
                f"(matched against the path under {root}, e.g. {everything[0].rel!r}); fix the pattern or leave it out"
            )
    if _holds_analyses(root):
        return (
            f"{root}: holds stored analyses (*{OWN_SUFFIXES[0]}), not recordings or transcripts; to score them "
            f"again use `callcoach rescore {root} --rubric FILE`, or give batch the folder that holds the calls"
        )
    return (
        f"{root}: no recordings ({', '.join(sorted(_audio_extensions()))}) or transcripts "
        f"({', '.join(TRANSCRIPT_EXTENSIONS)}) found in it or its subfolders; give the folder that holds the calls"
    )


def _audio_extensions() -> frozenset[str]:
    from callcoach.audio import AUDIO_EXTENSIONS

    return AUDIO_EXTENSIONS


def _holds_analyses(root: Path) -> bool:
    """True when any non-hidden ``*.callcoach.json`` lies under ``root`` (stops at the first)."""
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        if any(n.endswith(OWN_SUFFIXES[0]) and not n.startswith(".") for n in filenames):
            return True
    return False
