"""Analysing one file of a batch, in whichever process runs it (this one, a pool worker, or a
Ray actor): the same functions, so every engine writes the same bytes.

A worker analyses many calls; models load once per process (:func:`callcoach.models.cached`).
A *backend* (a callable, or a ``"module:function"`` path that a fresh process can import) runs
once per worker and returns keyword arguments for :func:`callcoach.pipeline.analyze`
(``transcriber``, ``separator``, ``nlp``): it plugs other models in, and tests plug fakes in.
"""

from __future__ import annotations

import importlib
import os
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from callcoach.errors import CallcoachError, InputError, ModelNotFound, RubricError
from callcoach.output import DEFAULT_FORMATS

Backend = Callable[[], dict[str, Any]] | str | None
BACKEND_KEYS = frozenset({"transcriber", "separator", "nlp"})
#: Errors that are about the setup, not the file: every other file would fail the same way.
FATAL_ERRORS = (ModelNotFound, RubricError)
THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")


@dataclass(frozen=True, slots=True)
class Task:
    """One input to analyse: ``key`` is its path relative to the input folder; ``formats`` what
    to write (:func:`callcoach.output.parse_formats`). With ``rescore`` (a stored analysis) the
    call is re-scored from it instead (:func:`callcoach.batch.rescore.rescore_task`). ``rubric``:
    the call's own rubric (its stage's, :mod:`callcoach.batch.stages`) in place of the batch's."""

    key: str
    path: str
    out_dir: str
    meta: dict[str, Any]
    formats: tuple[str, ...] = DEFAULT_FORMATS
    rescore: str | None = None
    rubric: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of a task. ``kind`` is ``ok``, ``input`` (the file is bad: an
    :class:`~callcoach.errors.InputError`), ``error`` (anything else about this file),
    ``crash`` (the worker process died) or ``fatal`` (the setup is broken: stop the batch)."""

    key: str
    kind: str
    row: dict[str, Any] | None = None
    outputs: tuple[str, ...] = ()
    error: str | None = None
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    detail: str | None = None
    #: Re-scored from its stored analysis (nothing transcribed); re-tagged on the way; left
    #: redacted beyond what the rubric asks (see :func:`callcoach.pipeline.rescore_analysis`).
    rescored: bool = False
    retagged: bool = False
    kept_redaction: bool = False


def backend_name(backend: Backend) -> str:
    """A stable name for the fingerprint of the settings (``default`` for the real models)."""
    if backend is None:
        return "default"
    if isinstance(backend, str):
        return backend
    return f"{getattr(backend, '__module__', '?')}:{getattr(backend, '__qualname__', repr(backend))}"


def load_backend(backend: Backend) -> dict[str, Any]:
    """Call the backend and check what it returns.

    Raises:
        CallcoachError: the ``module:function`` path cannot be imported, or the result is not
            a dict of ``transcriber``/``separator``/``nlp``.
    """
    if backend is None:
        return {}
    factory = backend
    if isinstance(backend, str):
        module, _, attr = backend.partition(":")
        try:
            factory = getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError) as exc:
            raise CallcoachError(
                f"backend {backend!r} cannot be loaded ({exc}); give 'package.module:function'"
            ) from None
    kwargs = factory()  # type: ignore[operator]
    if not isinstance(kwargs, dict) or not set(kwargs) <= BACKEND_KEYS:
        raise CallcoachError(
            f"backend {backend_name(backend)} must return a dict with keys among {sorted(BACKEND_KEYS)}"
        )
    return kwargs


def scorecard_renderer_available() -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec("callcoach.report.html") is not None
    except ModuleNotFoundError:
        return False


def output_layout() -> str:
    """Which files each call gets: ``json+html`` where the scorecard renderer is installed."""
    from callcoach import output

    return "json+html" if hasattr(output, "write_outputs") and scorecard_renderer_available() else "json"


def write_call(
    call: Any,
    out_dir: str | Path,
    audio_path: str | Path | None,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    keep_existing: bool = False,
) -> list[Path]:
    """Write one call's outputs of ``formats`` atomically (the scorecard only where its renderer
    is installed); return their paths. ``keep_existing``: only those not written yet."""
    from callcoach import output

    if output_layout() != "json+html":
        formats = tuple(f for f in formats if f != "html")
    return list(output.write_outputs(call, out_dir, audio_path, formats, keep_existing=keep_existing).values())


def analyze_and_write(
    path: str | Path,
    out_dir: str | Path,
    options: Any,
    meta: dict[str, Any] | None = None,
    backend_kwargs: dict[str, Any] | None = None,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
) -> tuple[dict[str, Any], list[Path], dict[str, float]]:
    """Analyse, write the outputs (``meta`` carried in, no run times inside: they go to the batch
    log, so a batch's outputs depend on its inputs and settings alone), return
    (summary row, output paths, timings)."""
    from callcoach.batch.manifest import call_options, with_voice_rep
    from callcoach.batch.team import summary_row
    from callcoach.pipeline import analyze
    from callcoach.transcripts import is_transcript

    call = analyze(path, options=call_options(options, meta), **(backend_kwargs or {}))
    timings = dict(call.timings)
    call = call.with_(meta=with_voice_rep({**call.meta, **(meta or {})}, call.roles.name), timings={})
    outputs = write_call(call, out_dir, None if is_transcript(path) else path, formats)
    return summary_row(call.to_dict()), outputs, timings


def analyze_one(
    path: str | Path, out_dir: str | Path, options: Any, meta: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Analyse one call and write ``<out_dir>/<stem>.callcoach.json`` (and its scorecard).

    Picklable and importable, so every engine runs this same function. Uses the models of
    the worker's backend (see :func:`init_worker`), else the default models.

    Returns:
        The call's row of ``summary.csv`` (see :func:`callcoach.batch.team.summary_row`).

    Raises:
        CallcoachError: as :func:`callcoach.pipeline.analyze`.
    """
    return analyze_and_write(path, out_dir, options, meta, _worker["kwargs"])[0]


# Per-process worker state, set by init_worker.
_worker: dict[str, Any] = {"kwargs": {}, "error": None}


def init_worker(backend: Backend, threads: int, ignore_sigint: bool = True) -> None:
    """Set up a worker process: its share of the cores, its backend (once), and Ctrl-C left to
    the driver. Never raises: a failure is reported by every task as a fatal outcome."""
    if ignore_sigint:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    if threads > 0:
        for var in THREAD_VARIABLES:
            os.environ[var] = str(threads)
    try:
        _worker["kwargs"] = load_backend(backend)
        _worker["error"] = None
    except Exception as exc:  # noqa: BLE001 - reported per task
        _worker["error"] = _message(exc)


def _message(exc: BaseException) -> str:
    if isinstance(exc, CallcoachError):
        return str(exc)
    return f"internal error: {type(exc).__name__}: {exc}"


def run_task(task: Task, options: Any) -> Outcome:
    """Run one task in a worker and turn every failure into an :class:`Outcome`."""
    if _worker["error"] is not None:
        return Outcome(task.key, "fatal", error=f"worker setup failed: {_worker['error']}")
    started = time.perf_counter()
    flags: dict[str, bool] = {}
    if task.rubric is not None:
        options = replace(options, rubric=task.rubric)
    try:
        if task.rescore is not None:
            from callcoach.batch.rescore import rescore_task

            done = rescore_task(task, options, _worker["kwargs"])
            row, outputs, timings = done.row, done.outputs, done.timings
            flags = {"rescored": done.rescored, "retagged": done.retagged, "kept_redaction": done.kept_redaction}
        else:
            row, outputs, timings = analyze_and_write(
                task.path, task.out_dir, options, task.meta, _worker["kwargs"], task.formats
            )
    except FATAL_ERRORS as exc:
        return Outcome(task.key, "fatal", error=str(exc), seconds=time.perf_counter() - started)
    except InputError as exc:
        return Outcome(task.key, "input", error=str(exc), seconds=time.perf_counter() - started)
    except Exception as exc:  # noqa: BLE001 - one bad file never stops the rest
        detail = None if isinstance(exc, CallcoachError) else traceback.format_exc(limit=-8)
        return Outcome(task.key, "error", error=_message(exc), seconds=time.perf_counter() - started, detail=detail)
    return Outcome(
        task.key,
        "ok",
        row=row,
        outputs=tuple(str(p) for p in outputs),
        seconds=time.perf_counter() - started,
        timings=timings,
        **flags,
    )


def crash_outcome(task: Task, how: str = "") -> Outcome:
    return Outcome(
        task.key,
        "crash",
        error="internal error: the worker process died while analysing this file "
        f"(a crash in a decoder or model, or out of memory){': ' + how if how else ''}",
    )
