"""``callcoach rescore``: every stored analysis of a results folder scored under another rubric,
without the recordings and without speech recognition; then the team report and the review.

    find *.callcoach.json -> tasks -> engine (local pool or in-process, as a batch) -> per call:
    read, :func:`callcoach.pipeline.rescore_analysis`, rewrite JSON, scorecard (and the
    transcript exports beside it) atomically -> batch state, team report, review store

A team tries rubrics many times: re-scoring keeps the words, speakers and roles, re-tags only
where what the tags depend on changed (the rubric's ``examples``, the tag model, the callcoach
version), and writes what ``callcoach analyze`` of the same recording with that rubric writes
(its run times aside). The ASR model is never loaded; the language models only in workers that
re-tag a call.

A batch folder (``.callcoach-batch.json``) is kept in step: each re-scored call's state entry
records the new rubric, so the next ``callcoach batch`` with that rubric skips it and one with
another rubric re-scores it again (:mod:`callcoach.batch.plan`). Where coaches reviewed calls,
the review database is brought in step too: the corrections and overrides re-attach to the
rewritten analyses and every score history gains a row under the new rubric.

:func:`rescore_task` is also what a batch runs for a finished call whose only change is the
rubric (a :class:`~callcoach.batch.worker.Task` with ``rescore`` set).
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from callcoach.errors import CallcoachError, InputError

ANALYSIS_SUFFIX = ".callcoach.json"
#: Below this many analyses, starting worker processes costs more than it saves.
PARALLEL_MIN = 16
_FIX = "analyse the call again (callcoach analyze, or callcoach batch)"


@dataclass(frozen=True, slots=True)
class RescoreFailure:
    """A stored analysis that could not be re-scored: its path under the results folder and why."""

    path: str
    error: str


@dataclass(frozen=True, slots=True)
class RescoreProgress:
    """Where a rescore stands, passed to the ``progress`` callback after every analysis
    (``status``: ``start``, ``rescored``, ``failed``)."""

    done: int
    total: int
    path: str | None
    status: str


@dataclass(frozen=True, slots=True)
class RescoreRun:
    """What :func:`rescore_folder` did.

    Attributes:
        rubric: the rubric's ``id@version``.
        total: stored analyses found.
        rescored: analyses rewritten under the rubric.
        retagged: of those, the ones tagged again (their tags' inputs had changed).
        failures: the analyses that could not be read or re-scored (left as they were).
        kept_redaction: analyses that stay redacted beyond what the rubric's privacy asks.
        workers: worker processes used (0: this process).
        elapsed_s: wall seconds, team report and review included.
        team: the rebuilt team report (a batch folder), else None.
        reviewed: calls the review database re-scored (0 where nobody reviewed).
        warnings: lines for the user (an analysis the team report skipped ...).
    """

    rubric: str
    total: int
    rescored: int
    retagged: int
    failures: tuple[RescoreFailure, ...]
    kept_redaction: int
    workers: int
    elapsed_s: float
    team: Any = None
    reviewed: int = 0
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.failures


# ------------------------------------------------------------------------------------------
# One analysis


@dataclass(frozen=True, slots=True)
class StoredAnalysis:
    """A stored analysis as read: its path, its bytes, their JSON and the :class:`Call`."""

    path: Path
    raw: bytes
    data: dict[str, Any]
    call: Any


def read_analysis(path: str | Path) -> Any:
    """The stored analysis at ``path`` as a :class:`~callcoach.call.Call`.

    Raises:
        InputError: the file cannot be read, is not JSON, or is not an analysis this version
            reads; one line naming the file and the fix.
    """
    return _read(Path(path)).call


def _read(p: Path) -> StoredAnalysis:
    from callcoach.call import SCHEMA, Call
    from callcoach.errors import SchemaError

    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError(p, f"cannot be read ({exc.strerror or exc})", "check the file's permissions") from None
    try:
        data = json.loads(raw)
    except UnicodeDecodeError:
        raise InputError(p, "is not UTF-8 text, so not a callcoach analysis", _FIX) from None
    except ValueError as exc:
        raise InputError(p, f"is not valid JSON ({str(exc).split(':')[0]}): a damaged analysis", _FIX) from None
    except RecursionError:
        raise InputError(p, "is JSON nested too deeply to be a callcoach analysis", _FIX) from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        found = repr(data.get("schema"))[:40] if isinstance(data, dict) else "none"
        raise InputError(p, f"is not a callcoach analysis (schema {found}, expected {SCHEMA!r})", _FIX)
    try:
        call = Call.from_dict(data)
    except SchemaError as exc:
        raise InputError(p, str(exc), _FIX) from None
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        detail = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)[:80]
        raise InputError(p, f"is a callcoach analysis that cannot be read ({detail})", _FIX) from None
    if not call.utterances:
        raise InputError(p, "holds no utterances", _FIX)
    return StoredAnalysis(p, raw, data, call)


@dataclass(frozen=True, slots=True)
class TaskResult:
    """What :func:`rescore_task` did: the call's summary row, the files written, the run's
    timings, and whether it was re-scored (False: analysed again), re-tagged, and left redacted
    beyond what the rubric asks."""

    row: dict[str, Any]
    outputs: list[Path]
    timings: dict[str, float]
    rescored: bool = True
    retagged: bool = False
    kept_redaction: bool = False


def rescore_task(task: Any, options: Any, backend_kwargs: dict[str, Any]) -> TaskResult:
    """Run one re-scoring task in a worker.

    ``task.rescore`` is the stored analysis. Where ``task.path`` is that analysis itself
    (``callcoach rescore``), the analysis keeps its own settings and metadata and is rewritten
    where it lies, with its scorecard and the transcript exports found beside it. Otherwise (a
    batch) ``task.path`` is the call's input and ``options``, ``task.meta`` and ``task.formats``
    are the batch's, as for analysing it; a stored analysis that cannot be read back is then
    analysed again (re-scored False).

    Raises:
        CallcoachError: as :func:`read_analysis` and :func:`callcoach.pipeline.rescore_analysis`.
    """
    from callcoach.batch.team import summary_row
    from callcoach.pipeline import options_from_settings, rescore_analysis

    path = Path(task.rescore)
    nlp = backend_kwargs.get("nlp")
    if Path(task.path) == path:  # callcoach rescore: the analysis as it lies
        stored = _read(path)
        opts = options_from_settings(stored.call.settings, options.rubric)
        opts = replace(opts, threads=options.threads, device=options.device)
        result = rescore_analysis(stored.call, rubric=options.rubric, options=opts, nlp=nlp)
        call = result.call
        outputs, d = write_rescored(
            call, stored, _recorded_audio(call, path.parent), _formats_beside(call, path.parent)
        )
        return TaskResult(summary_row(d), outputs, dict(call.timings), True, result.retagged, result.kept_redaction)
    from callcoach.batch.manifest import call_options, with_voice_rep
    from callcoach.batch.worker import analyze_and_write, output_layout
    from callcoach.transcripts import is_transcript

    try:
        stored = _read(path)
    except InputError:  # damaged since it was written: analyse the call again
        row, outputs, timings = analyze_and_write(
            task.path, task.out_dir, options, task.meta, backend_kwargs, task.formats
        )
        return TaskResult(row, outputs, timings, rescored=False)
    result = rescore_analysis(stored.call, rubric=options.rubric, options=call_options(options, task.meta), nlp=nlp)
    call, name = result.call, result.call.roles.name
    # The metadata as analyze_and_write gives it: the analysis's own (an enrolled rep's name),
    # then the batch's (manifest, folder); no run times in a batch's outputs.
    call = call.with_(meta=with_voice_rep({**({"rep": name} if name else {}), **task.meta}, name), timings={})
    formats = tuple(f for f in task.formats if f != "html" or output_layout() == "json+html")
    audio = None if is_transcript(task.path) else task.path
    outputs, d = write_rescored(call, stored, audio, formats)
    return TaskResult(summary_row(d), outputs, dict(result.call.timings), True, result.retagged, result.kept_redaction)


def _recorded_audio(call: Any, folder: Path) -> Path | None:
    """The recording an analysis records (its absolute path, else relative to its folder), so the
    page's player and ``recording`` point where a fresh analysis's would; None for a transcript."""
    absolute = getattr(call, "recording_absolute", None)
    if absolute:
        return Path(absolute)
    return folder / call.recording if call.recording else None


def _formats_beside(call: Any, folder: Path) -> tuple[str, ...]:
    """The JSON, the scorecard (where its renderer is installed), and each transcript export
    (``--format srt,vtt,txt``) already beside the analysis."""
    from callcoach import output
    from callcoach.batch.worker import output_layout

    suffixes = getattr(output, "SUFFIXES", {"json": ANALYSIS_SUFFIX, "html": output.SCORECARD_SUFFIX})
    html = output_layout() == "json+html"
    return tuple(
        f for f, sfx in suffixes.items()
        if f == "json" or (f == "html" and html) or (f not in ("json", "html") and (folder / f"{call.id}{sfx}").is_file())
    )  # fmt: skip


def write_rescored(
    call: Any, stored: StoredAnalysis, audio: str | Path | None, formats: tuple[str, ...]
) -> tuple[list[Path], dict[str, Any]]:
    """Write a re-scored analysis over the stored one, atomically, with the files of ``formats``
    beside it, as :func:`callcoach.output.write_outputs` writes them; return their paths and
    the analysis's JSON form without its turns (enough for its ``summary.csv`` row).

    The JSON text is :func:`callcoach.output.dumps` of the call, made faster: each top-level
    field equal to the stored one keeps the stored text (``dumps`` writes it the same), so a
    re-scored half-hour call does not encode its ten thousand words again.
    """
    from callcoach import output

    folder = stored.path.parent
    call = output.with_recording(call, folder, audio)
    paths = output.output_paths(call.id, folder, formats)
    if paths["analysis"] != stored.path:
        raise InputError(
            stored.path,
            f"holds the analysis of call {call.id!r}, whose outputs are named {call.id}{ANALYSIS_SUFFIX}",
            f"rename it to {call.id}{ANALYSIS_SUFFIX}",
        )
    text, d = analysis_text(call, stored)
    output.atomic_write_text(paths["analysis"], text)
    if "html" in formats:
        from callcoach.report.html import audio_href_for, render_scorecard

        href = audio_href_for(paths["scorecard"], audio) if audio is not None else None
        output.atomic_write_text(paths["scorecard"], render_scorecard(call, href))
    exports = [f for f in formats if f not in ("json", "html")]
    if exports:
        from callcoach.report.transcript import RENDERERS

        for f in exports:
            output.atomic_write_text(paths[output.OUTPUT_KINDS[f]], RENDERERS[f](call))
    return list(paths.values()), d


#: A top-level field of an analysis as ``dumps`` writes it (``indent=1``): the only lines that
#: start with one space and a quote (nested ones have two spaces or more; strings hold no newline).
_MEMBER = re.compile(r'^ "((?:[^"\\\n]|\\.)*)": ', re.MULTILINE)


def analysis_text(call: Any, stored: StoredAnalysis) -> tuple[str, dict[str, Any]]:
    """``dumps(call.to_dict())``, reusing the stored text of every top-level field that is equal
    to the stored one (the turns: when they are the very ones read), and the JSON form of
    ``call`` without its turns."""
    same_turns = call.utterances is stored.call.utterances
    d = call.with_(utterances=()).to_dict()
    members = _members(stored)
    parts = []
    for key, value in d.items():
        if key == "utterances":
            if same_turns and members is not None:
                parts.append(members[key])
                continue
            value = [u.to_dict() for u in call.utterances]
        elif members is not None and key in members and stored.data.get(key) == value:
            parts.append(members[key])
            continue
        parts.append(json.dumps({key: value}, ensure_ascii=False, indent=1)[2:-2])
    return "{\n" + ",\n".join(parts) + "\n}\n", d


def _members(stored: StoredAnalysis) -> dict[str, str] | None:
    """The text of each top-level field of the stored analysis, by key; None where the file is
    not laid out as ``dumps`` writes it (then everything is encoded afresh)."""
    try:
        text = stored.raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not (text.startswith("{\n") and text.endswith("\n}\n")):
        return None
    found = list(_MEMBER.finditer(text))
    try:
        keys = [json.loads(f'"{m.group(1)}"') for m in found]
    except ValueError:
        return None
    if keys != list(stored.data):
        return None
    ends = [m.start() - 2 for m in found[1:]] + [len(text) - 3]
    if any(text[e : e + 2] != ",\n" for e in ends[:-1]):
        return None
    return {k: text[m.start() : e] for k, m, e in zip(keys, found, ends)}


# ------------------------------------------------------------------------------------------
# A results folder


def find_analyses(folder: str | Path) -> list[Path]:
    """Every ``*.callcoach.json`` under ``folder`` (hidden files and folders left out, as the team
    report and the review do), sorted by path."""
    root = Path(folder)
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(Path(dirpath) / n for n in filenames if n.endswith(ANALYSIS_SUFFIX) and not n.startswith("."))
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def default_workers(n: int) -> int:
    """Worker processes for ``n`` analyses: none (this process) for a few, else one per core."""
    from callcoach.batch.runner import cpu_count

    return 0 if n < PARALLEL_MIN else max(1, min(cpu_count(), n))


def rescore_folder(
    folder: str | Path,
    rubric: str | Path,
    *,
    workers: int | None = None,
    progress: Callable[[RescoreProgress], None] | None = None,
    backend: Any = None,
) -> RescoreRun:
    """Re-score every stored analysis under ``folder`` with ``rubric`` (see the module docstring).

    Args:
        folder: a results folder (``callcoach analyze --out`` or ``callcoach batch --out``).
        rubric: a built-in rubric name or a rubric file.
        workers: worker processes (None: one per core, none for under :data:`PARALLEL_MIN`
            analyses; 0: this process).
        progress: called with a :class:`RescoreProgress` after every analysis.
        backend: as for :func:`callcoach.batch.run_batch` (tests plug a fake ``nlp`` in).

    Raises:
        CallcoachError: no such folder, no analyses in it, or a bad rubric. An analysis that
            cannot be re-scored is not raised: it is in the result's ``failures``.
    """
    from callcoach.batch.local import run_inline, run_pool
    from callcoach.batch.runner import cpu_count
    from callcoach.batch.worker import Task
    from callcoach.pipeline import AnalyzeOptions, _cached_rubric, _rubric_arg

    started = time.perf_counter()
    root = Path(folder)
    if not root.is_dir():
        raise CallcoachError(
            f"{root}: no such folder; give the results folder of callcoach analyze --out or callcoach batch --out"
        )
    name = _rubric_arg(rubric)
    rules = _cached_rubric(name)  # a bad rubric fails here, once
    paths = find_analyses(root)
    if not paths:
        raise CallcoachError(
            f"{root}: no stored analyses (*{ANALYSIS_SUFFIX}) in it or its subfolders; "
            "give the folder that callcoach analyze --out or callcoach batch --out wrote"
        )
    if workers is not None and workers < 0:
        raise CallcoachError(f"--workers must be 0 or more, not {workers}")
    n_workers = default_workers(len(paths)) if workers is None else min(workers, len(paths))
    threads = max(1, cpu_count() // n_workers) if n_workers else 0
    options = AnalyzeOptions(rubric=name, threads=threads)
    tasks = [Task(p.relative_to(root).as_posix(), str(p), str(p.parent), {}, rescore=str(p)) for p in paths]
    outcomes: Iterator[Any] = (
        run_pool(tasks, options, backend, n_workers, threads) if n_workers else run_inline(tasks, options, backend)
    )
    done, rescored, retagged, kept = 0, [], 0, 0
    failures: list[RescoreFailure] = []
    if progress is not None:
        progress(RescoreProgress(0, len(tasks), None, "start"))
    try:
        for oc in outcomes:
            done += 1
            if oc.kind == "ok":
                rescored.append(oc.key)
                retagged += int(oc.retagged)
                kept += int(oc.kept_redaction)
            elif oc.kind == "fatal":
                raise CallcoachError(oc.error or "the rescore cannot run")
            else:
                error = oc.error or "internal error: unknown failure"
                named = str(root / oc.key)
                failures.append(RescoreFailure(oc.key, error if error.startswith(named) else f"{named}: {error}"))
            if progress is not None:
                progress(RescoreProgress(done, len(tasks), oc.key, "rescored" if oc.kind == "ok" else "failed"))
    finally:
        close = getattr(outcomes, "close", None)
        if close is not None:
            close()
        # Also when stopped (Ctrl-C, a fatal error): the calls already rewritten are recorded.
        sync_batch_state(root, [root / k for k in rescored], [root / f.path for f in failures], name)
    team, reviewed, warnings = _rebuild(root)
    return RescoreRun(
        rubric=rules.ref,
        total=len(tasks),
        rescored=len(rescored),
        retagged=retagged,
        failures=tuple(sorted(failures, key=lambda f: f.path)),
        kept_redaction=kept,
        workers=n_workers,
        elapsed_s=time.perf_counter() - started,
        team=team,
        reviewed=reviewed,
        warnings=tuple(warnings),
    )


def batch_root(folder: Path) -> Path | None:
    """The batch folder ``folder`` belongs to: itself or the nearest folder above it holding a
    batch state (``.callcoach-batch.json``); None where none does."""
    from callcoach.batch.state import STATE_NAME

    for d in (folder, *folder.resolve().parents):
        if (d / STATE_NAME).is_file():
            return d
    return None


def sync_batch_state(root: Path, rescored: list[Path], failed: list[Path], rubric: str | None) -> int:
    """Bring the state of the batch ``root`` belongs to (:func:`batch_root`) in step with
    re-scored analyses (their paths): each re-scored call's entry records the new rubric (the
    next batch with it skips the call; one with another rubric re-scores it); a call whose
    analysis failed to re-score, or whose entry predates rubric tracking, is marked to be
    analysed again. Returns the entries changed (0 outside a batch folder)."""
    from callcoach.batch.state import BatchState, rubric_sha256

    batch = batch_root(root)
    if batch is None:
        return 0
    state = BatchState.load(batch)
    if state.warning:
        return 0
    sha = rubric_sha256(rubric)
    by_output = {o: e for e in state.entries.values() for o in e.outputs if o.endswith(ANALYSIS_SUFFIX)}
    top = batch.resolve()
    changed = 0
    for path, again in [(r, False) for r in rescored] + [(f, True) for f in failed]:
        try:
            entry = by_output.get(path.resolve().relative_to(top).as_posix())
        except ValueError:
            entry = None
        if entry is None:
            continue
        if again or not entry.base:
            entry.settings, entry.base, entry.rubric_sha256 = "", "", ""
        else:
            entry.rubric_sha256 = sha
        changed += 1
    state.save()
    return changed


def _rebuild(root: Path) -> tuple[Any, int, list[str]]:
    """The review database in step, and the team report of the batch folder ``root`` belongs to
    (as ``callcoach report`` rebuilds it): (team report or None, calls the review re-scored,
    warnings). The review is the one of ``root`` or of the nearest folder above it that has a
    review database (``callcoach review`` of a batch folder keeps it there)."""
    from callcoach.batch.team import SUMMARY_NAME, TEAM_NAME, build_team_report
    from callcoach.review.store import DB_NAME, has_review_data

    warnings: list[str] = []
    reviewed = 0
    review = next((d for d in (root, *root.resolve().parents) if (d / DB_NAME).is_file()), None)
    if review is None and has_review_data(root):
        review = root
    if review is not None:
        from callcoach.review.export import write_reviewed_scorecards
        from callcoach.review.store import ReviewStore

        with ReviewStore(review) as store:
            reviewed = store.rescore_all()
            write_reviewed_scorecards(store)
    team = None
    report = batch_root(root) or (root if any((root / n).is_file() for n in (SUMMARY_NAME, TEAM_NAME)) else None)
    if report is not None:
        team = build_team_report(report)
        warnings.extend(team.warnings)
    return team, reviewed, warnings
