"""What a batch run has to do: per input, skip it (done, same bytes and settings, outputs
present), refresh its metadata only, remember it as failed, or analyse it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from callcoach.batch.inputs import Input
from callcoach.batch.manifest import ANALYSIS_COLUMNS, call_meta, with_voice_rep
from callcoach.batch.state import BatchState, Entry
from callcoach.batch.worker import Task
from callcoach.errors import CallcoachError
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


def make_plan(
    inputs: list[Input], rows: Any, state: BatchState, fingerprint: str, out: Path, redact: Any = None
) -> Plan:
    """Decide, per input, to skip it, to refresh its metadata only, or to analyse it. With
    ``redact`` (True or a :class:`~callcoach.redact.RedactionPolicy`) the manifest's values are
    redacted here, before the state, a task or an output holds them."""
    plan = Plan([], {}, {}, {}, 0, [], [])
    owners: dict[str, str] = {}
    for inp in inputs:
        meta = call_meta(inp.rel, rows)
        if redact:
            meta = redact_meta(meta, redact if isinstance(redact, RedactionPolicy) else None)
        plan.meta[inp.rel] = meta
        try:
            current = state.content_hash(inp.rel, inp.path)
        except OSError as exc:
            plan.new_failures.append((inp.rel, f"{inp.path}: cannot read it ({exc.strerror})"))
            continue
        old = state.entries.get(inp.rel)
        entry = Entry(current.sha256, current.size, current.mtime_ns, fingerprint)
        same = old is not None and old.sha256 == current.sha256 and old.settings == fingerprint
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
            if old.meta == meta or (_same_analysis_columns(old.meta, meta) and _refresh_meta(inp, old, meta, out)):
                plan.skipped += 1
                continue
        if same and old is not None and old.status == "failed" and old.error:
            old.size, old.mtime_ns = current.size, current.mtime_ns
            plan.known_failures.append((inp.rel, old.error))
            continue
        if old is not None:
            entry.outputs = list(old.outputs)  # removed if it now fails
        plan.entries[inp.rel] = entry
        plan.sizes[inp.rel] = current.size
        plan.tasks.append(Task(inp.rel, str(inp.path.resolve()), str(inp.out_dir.resolve()), meta))
    return plan


def _same_analysis_columns(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return all(a.get(k) == b.get(k) for k in ANALYSIS_COLUMNS)


def _refresh_meta(inp: Input, entry: Entry, meta: dict[str, Any], out: Path) -> bool:
    """Rewrite a finished call's outputs with new metadata (a corrected manifest), without
    analysing it again. False if its analysis cannot be read back."""
    from callcoach.batch.worker import write_call
    from callcoach.call import Call
    from callcoach.transcripts import is_transcript

    analysis = [o for o in entry.outputs if o.endswith(".callcoach.json")]
    try:
        call = Call.from_dict(json.loads((out / analysis[0]).read_text(encoding="utf-8")))
        outputs = write_call(call.with_(meta=with_voice_rep(meta, call.roles.name)), inp.out_dir, None if is_transcript(inp.path) else inp.path)
    except (OSError, ValueError, KeyError, IndexError, TypeError, CallcoachError):
        return False
    entry.outputs = sorted(rel_out(str(p), out) for p in outputs)
    entry.meta = meta
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
