"""What a batch run has to do: per input, skip it (done, same bytes and settings, outputs
present), refresh its metadata only, remember it as failed, or analyse it."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from callcoach.batch.inputs import Input
from callcoach.batch.manifest import ANALYSIS_COLUMNS, call_meta, manifest_reps, with_voice_rep
from callcoach.batch.state import BatchState, Entry
from callcoach.batch.worker import Task
from callcoach.errors import CallcoachError
from callcoach.output import DEFAULT_FORMATS, SUFFIXES, output_paths
from callcoach.redact import RedactionPolicy, redact_meta


@dataclass(slots=True)
class Plan:
    tasks: list[Task]
    entries: dict[str, Entry]
    meta: dict[str, dict[str, Any]]
    sizes: dict[str, int]
    skipped: int
    known_failures: list[tuple[str, str]]
    new_failures: list[tuple[str, str]]
    #: The inputs skipped (finished, unchanged), in input order.
    skipped_keys: list[str] = field(default_factory=list)
    #: Of ``tasks``, how many re-score a stored analysis (only the rubric changed).
    rescores: int = 0


def make_plan(
    inputs: list[Input],
    rows: Any,
    state: BatchState,
    fingerprint: str,
    out: Path,
    redact: Any = None,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    base: str = "",
    rubric_sha256: str = "",
    per_call: Callable[[dict[str, Any]], CallSettings | None] | None = None,
) -> Plan:
    """Decide, per input, to skip it, to refresh its metadata only, to re-score its stored
    analysis (``base``, :func:`~callcoach.batch.state.analysis_fingerprint`, is what it was
    analysed with and only ``rubric_sha256`` differs), or to analyse it. With
    ``redact`` (True or a :class:`~callcoach.redact.RedactionPolicy`) the manifest's values are
    redacted here, before the state, a task or an output holds them. A finished call that lacks
    a file of ``formats`` (``--format`` asked for one more) gets it from its stored analysis,
    without analysing again. ``per_call`` gives the settings of a call scored under another
    rubric than the batch's (its stage's), from its metadata before redaction; None: the batch's."""
    plan = Plan([], {}, {}, {}, 0, [], [])
    owners: dict[str, str] = {}
    reps = manifest_reps(rows)
    batch = CallSettings(fingerprint, base, rubric_sha256, redact)
    for inp in inputs:
        meta = call_meta(inp.rel, rows, reps)
        own = per_call(meta) if per_call is not None else None
        settings = own or batch
        fingerprint, base, rubric_sha256 = settings.fingerprint, settings.base, settings.rubric_sha256
        redact = settings.redact
        if redact:
            meta = redact_meta(meta, redact if isinstance(redact, RedactionPolicy) else None)
        plan.meta[inp.rel] = meta
        try:
            current = state.content_hash(inp.rel, inp.path)
        except OSError as exc:
            plan.new_failures.append((inp.rel, f"{inp.path}: cannot read it ({exc.strerror})"))
            continue
        old = state.entries.get(inp.rel)
        entry = Entry(
            current.sha256, current.size, current.mtime_ns, fingerprint, base=base, rubric_sha256=rubric_sha256
        )
        same = (
            old is not None and old.sha256 == current.sha256 and _same_settings(old, fingerprint, base, rubric_sha256)
        )
        owner = owners.setdefault(inp.output_key(), inp.rel)
        if owner != inp.rel:
            error = (
                f"{inp.path}: its outputs would overwrite those of {owner!r} (same folder and name); "
                "rename one of them or leave one out with --glob"
            )
            entry.status, entry.error = "failed", error
            if same and old is not None and old.status == "failed" and old.error == error:
                plan.known_failures.append((inp.rel, error))
            else:
                plan.new_failures.append((inp.rel, error))
            state.entries[inp.rel] = entry
            continue
        if (
            same
            and old is not None
            and old.status == "done"
            and all((out / o).is_file() for o in old.outputs)
            and old.outputs
        ):
            old.size, old.mtime_ns = current.size, current.mtime_ns
            # New metadata (a corrected manifest) is written into the outputs without analysing
            # again; if the stored analysis cannot be read back, the call is analysed again.
            # A changed rep_channel or rep_voice changes the analysis itself: analyse again.
            refreshed = old.meta == meta or (
                _same_analysis_columns(old.meta, meta) and _refresh_meta(inp, old, meta, out, formats)
            )
            if refreshed and _add_formats(inp, old, out, formats):
                if base:  # recorded (a state from before it was gets it now)
                    old.settings, old.base, old.rubric_sha256 = fingerprint, base, rubric_sha256
                plan.skipped += 1
                plan.skipped_keys.append(inp.rel)
                continue
        if same and old is not None and old.status == "failed" and old.error:
            old.size, old.mtime_ns = current.size, current.mtime_ns
            plan.known_failures.append((inp.rel, old.error))
            continue
        if old is not None:
            entry.outputs = list(old.outputs)  # removed if it now fails
        stored = _rescorable(old, current.sha256, base, meta, out)
        plan.rescores += stored is not None
        plan.entries[inp.rel] = entry
        plan.sizes[inp.rel] = current.size
        task = Task(inp.rel, str(inp.path.resolve()), str(inp.out_dir.resolve()), meta, formats, rescore=stored)
        plan.tasks.append(task if own is None else replace(task, rubric=own.rubric))
    return plan


@dataclass(frozen=True, slots=True)
class CallSettings:
    """What a call is planned and analysed with when it is scored under another rubric than the
    batch's: :func:`make_plan`'s ``fingerprint``, ``base``, ``rubric_sha256`` and ``redact`` for
    that rubric, and the rubric (``Task.rubric``)."""

    fingerprint: str
    base: str = ""
    rubric_sha256: str = ""
    redact: Any = None
    rubric: str | None = None


def _same_settings(old: Entry, fingerprint: str, base: str, rubric_sha256: str) -> bool:
    """Whether a finished input's outputs were made with these settings: by the analysis
    fingerprint and the rubric where the state records them, else by the settings fingerprint."""
    if old.base and base:
        return (old.base, old.rubric_sha256) == (base, rubric_sha256)
    return old.settings == fingerprint


def _rescorable(old: Entry | None, sha256: str, base: str, meta: dict[str, Any], out: Path) -> str | None:
    """The stored analysis of a finished input whose bytes and analysis settings are unchanged
    (only the rubric, the metadata or a missing output differ), to re-score rather than analyse
    again; None otherwise. A changed ``rep_channel``/``rep_voice`` changes the analysis itself."""
    if old is None or not base or old.base != base or old.sha256 != sha256 or old.status != "done":
        return None
    if not _same_analysis_columns(old.meta, meta):
        return None
    analysis = [o for o in old.outputs if o.endswith(".callcoach.json")]
    if not analysis or not (out / analysis[0]).is_file():
        return None
    return str((out / analysis[0]).resolve())


def _same_analysis_columns(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return all(a.get(k) == b.get(k) for k in ANALYSIS_COLUMNS)


def _refresh_meta(inp: Input, entry: Entry, meta: dict[str, Any], out: Path, formats: tuple[str, ...]) -> bool:
    """Rewrite a finished call's outputs with new metadata (a corrected manifest), without
    analysing it again. False if its analysis cannot be read back."""
    from callcoach.batch.worker import write_call
    from callcoach.call import Call
    from callcoach.transcripts import is_transcript

    analysis = [o for o in entry.outputs if o.endswith(".callcoach.json")]
    try:
        call = Call.from_dict(json.loads((out / analysis[0]).read_text(encoding="utf-8")))
        call = call.with_(meta=with_voice_rep(meta, call.roles.name))
        audio = None if is_transcript(inp.path) else inp.path
        outputs = write_call(call, inp.out_dir, audio, _formats_of(entry, formats))
    except (OSError, ValueError, KeyError, IndexError, TypeError, CallcoachError):
        return False
    entry.outputs = sorted(rel_out(str(p), out) for p in outputs)
    entry.meta = meta
    return True


def _formats_of(entry: Entry, formats: tuple[str, ...]) -> tuple[str, ...]:
    """``formats`` and those of the call's outputs already written (a refresh rewrites them
    all, so none is left describing the old metadata)."""
    had = {f for f, suffix in SUFFIXES.items() for o in entry.outputs if o.endswith(suffix)}
    return tuple(f for f in SUFFIXES if f in had or f in formats)


def _add_formats(inp: Input, entry: Entry, out: Path, formats: tuple[str, ...]) -> bool:
    """Write the files of ``formats`` a finished call lacks, from its stored analysis (nothing
    is analysed again); True when none is missing any more, False if the analysis cannot be
    read back (the call is then analysed again)."""
    from callcoach.batch.worker import write_call
    from callcoach.call import Call
    from callcoach.transcripts import is_transcript

    wanted = output_paths(inp.stem, inp.out_dir, formats)
    if all(p.is_file() for p in wanted.values()):
        return True
    try:
        call = Call.from_dict(json.loads(wanted["analysis"].read_text(encoding="utf-8")))
        audio = None if is_transcript(inp.path) else inp.path
        outputs = write_call(call, inp.out_dir, audio, formats, keep_existing=True)
    except (OSError, ValueError, KeyError, IndexError, TypeError, CallcoachError):
        return False
    entry.outputs = sorted({*entry.outputs, *(rel_out(str(p), out) for p in outputs)})
    return True


def rel_out(path: str, out: Path) -> str:
    return Path(path).resolve().relative_to(out.resolve()).as_posix()


def remove_outputs(entry: Entry, out: Path) -> None:
    """Outputs of an earlier version of an input that now fails describe a file that no longer
    exists: remove them, so the team report does not count them."""
    for rel in entry.outputs:
        try:
            (out / rel).unlink()
        except OSError:
            pass
    entry.outputs = []
