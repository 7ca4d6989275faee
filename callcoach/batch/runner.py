"""``run_batch``: analyse a folder of calls into a mirrored output folder, resumably, in
parallel, with one bad file never stopping the rest; then the team report.

    find inputs -> metadata -> plan (skip what the state says is done) -> engine (local pool,
    in-process, or Ray) -> per call: state, failures.jsonl, batch-log.jsonl, progress
    -> summary.csv + team.html

What lands in OUT:

- ``<rel dir>/<stem>.callcoach.json`` and ``<stem>.scorecard.html`` per call (the files of
  ``formats``: also ``<stem>.callcoach.srt``/``.vtt``/``.txt``), written atomically
  by the worker as soon as the call is done; no run times inside (they go to the log), so the
  outputs depend on the inputs and settings alone;
- ``failures.jsonl``: one line ``{"path", "error", "time"}`` appended per failed input; at the
  end of each run the inputs analysed since and the files no longer in the input folder are
  dropped, so it lists what still fails (the latest error of each);
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

from callcoach.batch.eta import estimator_for
from callcoach.batch.inputs import find_inputs, no_inputs_message
from callcoach.batch.manifest import read_manifest, unlisted_warnings
from callcoach.batch.plan import CallSettings, make_plan, rel_out, remove_outputs
from callcoach.batch.state import FAILURES_NAME, BatchState, input_dir_ref, prune_failures, settings_fingerprint
from callcoach.batch.worker import Backend, Outcome, Task, backend_name, output_layout
from callcoach.errors import CallcoachError
from callcoach.output import parse_formats

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
    ``failed`` or ``end``; ``eta_s`` estimates the seconds left from the audio still to analyse
    and the audio analysed per second so far (None until that means something: see
    :mod:`callcoach.batch.eta`).
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
    #: For an ``analysed`` call: its outputs (paths) and its ``summary.csv`` row; for a
    #: ``failed`` one: why.
    outputs: tuple[str, ...] = ()
    row: dict[str, Any] | None = None
    error: str | None = None
    #: Finished calls re-scored from their stored analyses so far (only the rubric changed;
    #: status ``rescored``), and how many the run re-scores in all (among ``total - done`` at
    #: ``start``).
    rescored: int = 0
    to_rescore: int = 0


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
    #: The inputs skipped as finished and unchanged (relative to the input folder).
    skipped_keys: tuple[str, ...] = ()
    #: Finished calls re-scored from their stored analyses, not analysed again: the rubric was
    #: the only change (counted apart from ``analysed``).
    rescored: int = 0
    #: With a manifest: the inputs it does not list (their rep comes from their folder).
    unlisted: tuple[str, ...] = ()

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
    formats: Any = None,
    stage_rubrics: str | Path | None = None,
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
        formats: what each call gets (:func:`callcoach.output.parse_formats`: ``json`` always,
            ``html``, ``srt``, ``vtt``, ``txt``; None: json and html). A finished call that lacks
            one gets it from its stored analysis, without analysing again.
        stage_rubrics: a stage map (YAML ``stage: rubric``, :mod:`callcoach.batch.stages`): a
            manifest row's ``stage`` picks its call's rubric; other calls get ``options.rubric``.

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
    formats = parse_formats(formats)  # an unknown format fails before anything is written
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
    if not inputs:  # nothing to do is a mistake (a wrong folder or glob), not a success
        raise CallcoachError(no_inputs_message(input_dir, out, glob))
    rows = read_manifest(manifest) if manifest is not None else None
    if rows is not None:
        _check_rep_voices(manifest, rows, opts.team, voices)
    stages = _stage_map(stage_rubrics, manifest)
    warnings: list[str] = []
    unlisted: tuple[str, ...] = ()
    if rows is not None:
        missing = sorted(r for r in rows if not (Path(input_dir) / r).is_file())
        if missing:
            warnings.append(f"{manifest}: {len(missing)} listed file(s) not found, e.g. {missing[0]!r}")
        unlisted = tuple(i.rel for i in inputs if i.rel not in rows)
        warnings.extend(unlisted_warnings(manifest, rows, unlisted))
    if stages:
        from callcoach.batch.stages import unmapped_stages

        unmapped = unmapped_stages(stages, rows.values() if rows else ())
        if unmapped:
            listed = ", ".join(f"{stage!r} ({n} call{'s' if n != 1 else ''})" for stage, n in sorted(unmapped.items()))
            warnings.append(
                f"{stage_rubrics}: the manifest's stages {listed} are not in the stage map, so they are scored "
                f"under {rubric.ref} (--rubric); add them to the map if they need their own rubric"
            )
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
    from callcoach.batch.state import analysis_fingerprint, rubric_sha256

    # Where only the rubric changed since a call was analysed, its stored analysis is re-scored.
    base = analysis_fingerprint(opts, backend_name(backend), output_layout(), policy)
    plan = make_plan(inputs, rows, state, fingerprint, out, redact=policy, formats=formats,
                     base=base, rubric_sha256=rubric_sha256(opts.rubric), per_call=_per_call(stages, opts, backend))
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
        to_analyse=n_run - plan.rescores,
        to_rescore=plan.rescores,
        skipped=plan.skipped,
        known_failures=len(plan.known_failures),
        engine=engine,
        workers=workers,
        threads=threads,
        settings=fingerprint,
        pid=os.getpid(),
    )
    counts = {"analysed": 0, "rescored": 0, "failed": len(failures), "skipped": plan.skipped}
    # Calls at once: the pool's workers, 1 in this process; a Ray cluster's size is unknown here.
    parallel = workers if workers is not None else cpu_count()
    eta = estimator_for(((t.key, t.path) for t in plan.tasks if t.rescore is None), plan.sizes, max(1, parallel))
    audio_s = 0.0
    stopped = fail_fast and bool(plan.new_failures)  # an unreadable or clashing input, found while planning

    def report(path: str | None, status: str, oc: Outcome | None = None) -> None:
        if progress is None:
            return
        done = counts["analysed"] + counts["rescored"] + counts["failed"] + counts["skipped"]
        progress(
            BatchProgress(
                done,
                len(inputs),
                counts["analysed"],
                counts["skipped"],
                counts["failed"],
                time.perf_counter() - started,
                eta.seconds_left(),
                path,
                status,
                oc.outputs if oc is not None else (),
                oc.row if oc is not None else None,
                oc.error if oc is not None else None,
                rescored=counts["rescored"],
                to_rescore=plan.rescores,
            )
        )

    report(None, "start")
    outcomes = _engine([] if stopped else plan.tasks, run_opts, backend, engine, workers, threads, ray_address)
    try:
        for oc in outcomes:
            eta.finished(oc.key, ok=oc.kind == "ok")
            entry = plan.entries[oc.key]
            if oc.kind == "ok":
                counts["rescored" if oc.rescored else "analysed"] += 1
                if not oc.rescored:  # nothing was transcribed: no audio to count
                    audio_s += float((oc.row or {}).get("duration_s") or 0.0)
                entry.status, entry.error = "done", None
                written = sorted(rel_out(p, out) for p in oc.outputs)
                _remove_stale(entry.outputs, written, out)
                entry.outputs = written
                entry.meta = plan.meta[oc.key]
                state.entries[oc.key] = entry
                state.save()
                journal.event(
                    "rescored" if oc.rescored else "analysed",
                    path=oc.key,
                    seconds=round(oc.seconds, 3),
                    audio_s=(oc.row or {}).get("duration_s"),
                    timings={k: round(v, 3) for k, v in oc.timings.items()},
                    **({"retagged": oc.retagged} if oc.rescored else {}),
                )
                report(oc.key, "rescored" if oc.rescored else "analysed", oc)
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
            report(oc.key, "failed", replace(oc, error=error))
            if fail_fast:
                stopped = True
                break
    except KeyboardInterrupt:
        journal.event("interrupted", **counts)
        raise
    finally:
        outcomes.close()

    # failures.jsonl holds what still fails: not inputs analysed since, nor files gone from INPUT.
    prune_failures(out, input_dir, state)
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
        skipped_keys=tuple(plan.skipped_keys),
        rescored=counts["rescored"],
        unlisted=unlisted,
    )


def _stage_map(stage_rubrics: str | Path | None, manifest: Any) -> dict[str, str] | None:
    """The stage map of ``--stage-rubrics`` (its rubrics checked), or None without one."""
    if stage_rubrics is None:
        return None
    if manifest is None:
        raise CallcoachError(
            f"--stage-rubrics {stage_rubrics} picks each call's rubric by the manifest's stage column: "
            "give --manifest CSV too"
        )
    from callcoach.batch.stages import read_stage_rubrics

    return read_stage_rubrics(stage_rubrics)


def _per_call(
    stages: dict[str, str] | None, opts: Any, backend: Backend
) -> Callable[[dict[str, Any]], CallSettings | None] | None:
    """What :func:`~callcoach.batch.plan.make_plan` asks for a call: the settings of its stage's
    rubric (worked out once per rubric), or None where its stage has none (the batch's rubric)."""
    if not stages:
        return None
    from callcoach.batch.stages import rubric_of

    made: dict[str, CallSettings] = {}

    def settings(meta: dict[str, Any]) -> CallSettings | None:
        arg = rubric_of(stages, meta)
        if arg is None:
            return None
        if arg not in made:
            made[arg] = _rubric_settings(opts, arg, backend)
        return made[arg]

    return settings


def _rubric_settings(opts: Any, rubric_arg: str, backend: Backend) -> CallSettings:
    """The plan's settings of calls scored under ``rubric_arg``: the fingerprints, the rubric's
    hash and the redaction policy its privacy block gives (it may redact other things)."""
    from callcoach.batch.state import analysis_fingerprint, rubric_sha256
    from callcoach.pipeline import redaction_policy
    from callcoach.rubric import load_rubric

    own = replace(opts, rubric=rubric_arg)
    policy = redaction_policy(own, load_rubric(rubric_arg))
    name, layout = backend_name(backend), output_layout()
    return CallSettings(
        settings_fingerprint(own, name, layout),
        analysis_fingerprint(own, name, layout, policy),
        rubric_sha256(rubric_arg),
        policy,
        rubric_arg,
    )


def _remove_stale(before: list[str], written: list[str], out: Path) -> None:
    """Remove the outputs of a call's earlier analysis that this one did not write again (a
    format no longer asked for): they would describe the earlier analysis."""
    for rel in sorted(set(before) - set(written)):
        try:
            (out / rel).unlink()
        except OSError:
            pass


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
