"""``run_batch``: analyse a folder of calls into a mirrored output folder, resumably, in
parallel, with one bad file never stopping the rest; then the team report.

    find inputs -> metadata -> plan (skip what the state says is done) -> engine (local pool,
    in-process, or Ray) -> per call: state, failures.jsonl, batch-log.jsonl, progress
    -> summary.csv + team.html

What lands in OUT:

- ``<rel dir>/<stem>.callcoach.json`` and ``<stem>.scorecard.html`` per call, written atomically
  by the worker as soon as the call is done; no run times inside (they go to the log), so the
  outputs depend on the inputs and settings alone;
- ``failures.jsonl``: one line ``{"path", "error", "time"}`` appended per failed input;
- ``.callcoach-batch.json``: the state that makes a re-run skip finished inputs
  (:mod:`callcoach.batch.state`), rewritten atomically after every call; it also records the
  input folder (relative to OUT where it can), so ``callcoach review OUT`` finds the recordings;
- ``batch-log.jsonl``: run times, per-call timings, workers: the only file a no-op re-run changes;
- ``summary.csv`` and ``team.html`` (:mod:`callcoach.batch.team`).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from callcoach.batch.inputs import find_inputs
from callcoach.batch.manifest import read_manifest
from callcoach.batch.plan import make_plan, rel_out, remove_outputs
from callcoach.batch.state import BatchState, input_dir_ref, settings_fingerprint
from callcoach.batch.worker import Backend, Outcome, Task, backend_name, output_layout
from callcoach.errors import CallcoachError

FAILURES_NAME = "failures.jsonl"
LOG_NAME = "batch-log.jsonl"
ENGINES = ("local", "ray")
#: Memory a worker needs with every model loaded (faster-whisper, MiniLM, spaCy, resemblyzer).
WORKER_GB = 2


@dataclass(frozen=True, slots=True)
class BatchFailure:
    """An input that has no analysis: its path (relative to the input folder) and why.
    ``known``: it failed on an earlier run with the same bytes and settings and was not retried."""

    path: str
    error: str
    known: bool = False


@dataclass(frozen=True, slots=True)
class BatchProgress:
    """Where a batch stands, passed to the ``progress`` callback after every input.

    ``status`` is ``start`` (skipped and known-failed inputs already counted), ``analysed``,
    ``failed`` or ``end``; ``eta_s`` estimates the seconds left from the bytes still to analyse
    (None until a call has finished).
    """

    done: int
    total: int
    analysed: int
    skipped: int
    failed: int
    elapsed_s: float
    eta_s: float | None
    path: str | None
    status: str


@dataclass(frozen=True, slots=True)
class BatchResult:
    """The counts of a batch run (the CLI derives its exit status from them)."""

    out_dir: Path
    total: int
    analysed: int
    skipped: int
    failed: int
    failures: tuple[BatchFailure, ...]
    stopped: bool
    engine: str
    workers: int
    elapsed_s: float
    audio_s: float
    summary_csv: Path | None
    team_html: Path | None
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.failed == 0 and not self.stopped


def cpu_count() -> int:
    """Cores this process may use (the affinity mask, where the platform has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def available_gb() -> float | None:
    """Memory available for new processes (Linux ``MemAvailable``), in GB; None if unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) / 1024**2
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 1024**3
    except (AttributeError, ValueError, OSError):
        return None


def default_workers(n_files: int) -> int:
    """min(cores, available GB // 2, files), at least 1."""
    gb = available_gb()
    by_memory = int(gb // WORKER_GB) if gb is not None else cpu_count()
    return max(1, min(cpu_count(), by_memory, n_files))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class _Journal:
    """Appends to failures.jsonl (fsynced: a record of failure must survive a crash) and
    batch-log.jsonl."""

    def __init__(self, out: Path) -> None:
        self.failures = out / FAILURES_NAME
        self.log = out / LOG_NAME

    @staticmethod
    def _append(path: Path, record: dict[str, Any], sync: bool) -> None:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            if sync:
                fh.flush()
                os.fsync(fh.fileno())

    def failure(self, rel: str, error: str) -> None:
        self._append(self.failures, {"path": rel, "error": error, "time": _now()}, sync=True)

    def event(self, event: str, **fields: Any) -> None:
        self._append(self.log, {"time": _now(), "event": event, **fields}, sync=False)


def run_batch(
    input_dir: str | Path,
    out_dir: str | Path,
    *,
    glob: str | None = None,
    workers: int | None = None,
    fail_fast: bool = False,
    options: Any = None,
    manifest: str | Path | None = None,
    engine: str = "local",
    ray_address: str | None = None,
    progress: Callable[[BatchProgress], None] | None = None,
    backend: Backend = None,
) -> BatchResult:
    """Analyse every call under ``input_dir`` into ``out_dir`` (mirroring the folder tree).

    Args:
        input_dir: folder searched recursively for recordings and transcripts.
        out_dir: output folder (created); may lie inside ``input_dir``.
        glob: only inputs whose path relative to ``input_dir`` matches (``fnmatch``).
        workers: worker processes (None: min(cores, available GB // 2, files); 0: analyse in
            this process). Each worker gets max(1, cores // workers) threads unless
            ``options.threads`` is set.
        fail_fast: stop at the first failure (finished calls are kept).
        options: :class:`~callcoach.pipeline.AnalyzeOptions` for every call.
        manifest: CSV with ``file,rep,team,date,stage,outcome`` (see :mod:`callcoach.batch.manifest`).
        engine: ``local`` (processes on this machine) or ``ray``.
        ray_address: a Ray cluster to join (None: start a local Ray instance).
        progress: called with a :class:`BatchProgress` after every input.
        backend: a callable or ``"module:function"`` run once per worker that returns
            ``analyze`` keyword arguments (``transcriber``, ``separator``, ``nlp``).

    Raises:
        CallcoachError: unusable folders, manifest, rubric, options or engine, or a setup error
            that would fail every file (a missing model). Failures of single files are not
            raised: they are in the result and ``failures.jsonl``.
        KeyboardInterrupt: after stopping the workers; finished calls are kept.
    """
    from callcoach.pipeline import _options, _team_voices, redaction_policy
    from callcoach.rubric import load_rubric

    started = time.perf_counter()
    opts = _options(options, {})
    if engine not in ENGINES:
        raise CallcoachError(f"unknown engine {engine!r}; use one of: {', '.join(ENGINES)}")
    if engine == "ray":
        from callcoach.batch.ray_engine import import_ray

        import_ray()
    if workers is not None and workers < 0:
        raise CallcoachError(f"--workers must be 0 or more, not {workers}")
    rubric = load_rubric(opts.rubric)  # a bad rubric fails here, once, not once per file
    policy = redaction_policy(opts, rubric)
    if opts.rubric and Path(opts.rubric).expanduser().is_file():
        # Workers may run elsewhere (another cwd, a Ray node): give them the full path. The
        # results record the rubric's id@version, not its path, so nothing else changes.
        opts = replace(opts, rubric=str(Path(opts.rubric).expanduser().resolve()))
    voices = _team_voices(opts)  # a missing team or a bad voice print fails here, once
    if opts.team:
        opts = replace(opts, team=str(Path(opts.team).expanduser().resolve()))
    out = Path(out_dir)
    inputs = find_inputs(input_dir, out, glob)
    rows = read_manifest(manifest) if manifest is not None else None
    if rows is not None:
        _check_rep_voices(manifest, rows, opts.team, voices)
    warnings: list[str] = []
    if rows is not None:
        missing = sorted(r for r in rows if not (Path(input_dir) / r).is_file())
        if missing:
            warnings.append(f"{manifest}: {len(missing)} listed file(s) not found, e.g. {missing[0]!r}")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CallcoachError(f"{out}: cannot create the output folder ({exc.strerror}); choose another --out") from None
    state = BatchState.load(out)
    if state.warning:
        warnings.append(state.warning)
    state.input_dir = input_dir_ref(input_dir, out)  # where `callcoach review OUT` finds the recordings
    journal = _Journal(out)
    fingerprint = settings_fingerprint(opts, backend_name(backend), output_layout())
    plan = make_plan(inputs, rows, state, fingerprint, out, redact=policy)
    failures: list[BatchFailure] = [BatchFailure(rel, err, known=True) for rel, err in plan.known_failures]
    for rel, err in plan.new_failures:
        failures.append(BatchFailure(rel, err))
        journal.failure(rel, err)
    state.save()

    n_run = len(plan.tasks)
    cores = cpu_count()
    if workers is None:
        workers = None if (engine == "ray" and ray_address) else default_workers(n_run)
    threads = opts.threads or (max(1, cores // workers) if workers else (1 if engine == "ray" else 0))
    run_opts = replace(opts, threads=threads)
    journal.event(
        "start",
        inputs=len(inputs),
        to_analyse=n_run,
        skipped=plan.skipped,
        known_failures=len(plan.known_failures),
        engine=engine,
        workers=workers,
        threads=threads,
        settings=fingerprint,
        pid=os.getpid(),
    )
    counts = {"analysed": 0, "failed": len(failures), "skipped": plan.skipped}
    sizes = {t.key: plan.sizes[t.key] for t in plan.tasks}
    total_bytes, done_bytes = sum(sizes.values()) or 1, 0
    engine_started = time.perf_counter()
    audio_s = 0.0
    stopped = fail_fast and bool(plan.new_failures)  # an unreadable or clashing input, found while planning

    def report(path: str | None, status: str) -> None:
        if progress is None:
            return
        done = counts["analysed"] + counts["failed"] + counts["skipped"]
        spent = time.perf_counter() - engine_started
        eta = spent / done_bytes * (total_bytes - done_bytes) if done_bytes else None
        progress(
            BatchProgress(
                done,
                len(inputs),
                counts["analysed"],
                counts["skipped"],
                counts["failed"],
                time.perf_counter() - started,
                eta,
                path,
                status,
            )
        )

    report(None, "start")
    outcomes = _engine([] if stopped else plan.tasks, run_opts, backend, engine, workers, threads, ray_address)
    try:
        for oc in outcomes:
            done_bytes += sizes.get(oc.key, 0)
            entry = plan.entries[oc.key]
            if oc.kind == "ok":
                counts["analysed"] += 1
                audio_s += float((oc.row or {}).get("duration_s") or 0.0)
                entry.status, entry.error = "done", None
                entry.outputs = sorted(rel_out(p, out) for p in oc.outputs)
                entry.meta = plan.meta[oc.key]
                state.entries[oc.key] = entry
                state.save()
                journal.event(
                    "analysed",
                    path=oc.key,
                    seconds=round(oc.seconds, 3),
                    audio_s=(oc.row or {}).get("duration_s"),
                    timings={k: round(v, 3) for k, v in oc.timings.items()},
                )
                report(oc.key, "analysed")
                continue
            if oc.kind == "fatal":
                journal.event("fatal", path=oc.key, error=oc.error)
                raise CallcoachError(oc.error or "the batch cannot run")
            counts["failed"] += 1
            error = oc.error or "internal error: unknown failure"
            remove_outputs(entry, out)
            entry.status, entry.error = ("failed", error) if oc.kind == "input" else ("", None)
            state.entries[oc.key] = entry
            state.save()
            failures.append(BatchFailure(oc.key, error))
            journal.failure(oc.key, error)
            journal.event("failed", path=oc.key, kind=oc.kind, error=error, detail=oc.detail)
            report(oc.key, "failed")
            if fail_fast:
                stopped = True
                break
    except KeyboardInterrupt:
        journal.event("interrupted", **counts)
        raise
    finally:
        outcomes.close()

    from callcoach.batch.team import build_team_report

    team = build_team_report(out)
    warnings.extend(team.warnings)
    elapsed = time.perf_counter() - started
    journal.event(
        "end",
        **counts,
        stopped=stopped,
        elapsed_s=round(elapsed, 3),
        audio_s=round(audio_s, 3),
        audio_hours_per_hour=round(audio_s / elapsed, 3) if elapsed > 0 else None,
    )
    report(None, "end")
    return BatchResult(
        out_dir=out,
        total=len(inputs),
        analysed=counts["analysed"],
        skipped=counts["skipped"],
        failed=counts["failed"],
        failures=tuple(sorted(failures, key=lambda f: f.path)),
        stopped=stopped,
        engine=engine,
        workers=workers or 0,
        elapsed_s=elapsed,
        audio_s=audio_s,
        summary_csv=team.summary_csv,
        team_html=team.team_html,
        warnings=tuple(warnings),
    )


def _check_rep_voices(manifest: Any, rows: dict[str, dict[str, str]], team: str | None, voices: tuple) -> None:
    """Every ``rep_voice`` of the manifest names a rep enrolled in ``team``."""
    from callcoach.speakers.enroll import find_print

    for rel, row in rows.items():
        name = row.get("rep_voice")
        if not name:
            continue
        if not team:
            raise CallcoachError(f"{manifest}: {rel!r} has rep_voice {name!r} but no team folder was given; add --team DIR")
        if find_print(voices, name) is None:
            enrolled = ", ".join(vp.name for vp in voices)
            raise CallcoachError(
                f"{manifest}: {rel!r} has rep_voice {name!r}, who is not enrolled in {team} (enrolled: {enrolled}); "
                f"enroll them with callcoach enroll {name} RECORDING --team {team}, or fix the manifest"
            )


def _engine(
    tasks: list[Task],
    options: Any,
    backend: Backend,
    engine: str,
    workers: int | None,
    threads: int,
    ray_address: str | None,
) -> Generator[Outcome, None, None]:
    """The outcomes of ``tasks`` from the chosen engine (closing this closes the engine)."""
    if not tasks:
        return
    if engine == "ray":
        from callcoach.batch.ray_engine import run_ray

        yield from run_ray(tasks, options, backend, workers, threads, ray_address)
        return
    from callcoach.batch.local import run_inline, run_pool

    if workers == 0:
        yield from run_inline(tasks, options, backend)
    else:
        yield from run_pool(tasks, options, backend, workers or 1, threads)
