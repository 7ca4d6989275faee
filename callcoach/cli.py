"""The command line: thin click commands over importable functions.

Importing this module must stay cheap (no torch, faster-whisper or spaCy), so ``--help`` is
instant; each command imports what it needs when it runs. Errors become one line on stderr and
an exit code here and nowhere else: 0 ok, 1 failure, 2 usage.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any, Callable

import click

from callcoach import __version__
from callcoach.errors import CallcoachError

ENV_PREFIX = "CALLCOACH"


class _Group(click.Group):
    """Turns CallcoachError (and anything unexpected) into one line and exit 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CallcoachError as exc:
            click.echo(f"callcoach: error: {exc}", err=True)
            ctx.exit(1)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo("callcoach: interrupted", err=True)
            ctx.exit(130)
        except Exception as exc:  # noqa: BLE001 - never show a user a traceback
            if os.environ.get("CALLCOACH_DEBUG"):
                raise
            click.echo(
                f"callcoach: internal error: {type(exc).__name__}: {exc} "
                "(rerun with CALLCOACH_DEBUG=1 for details and report it)",
                err=True,
            )
            ctx.exit(1)


class StderrProgress:
    """A progress hook that writes short lines to stderr (at most one per stage per 10 %)."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self._last: dict[str, float] = {}

    def __call__(self, stage: str, fraction: float | None, message: str) -> None:
        if self.quiet:
            return
        if fraction is None or message:
            click.echo(f"[{stage}] {message}".rstrip(), err=True)
            return
        last = self._last.get(stage, -1.0)
        if fraction >= 1.0 or fraction - last >= 0.1:
            self._last[stage] = fraction
            click.echo(f"[{stage}] {fraction:.0%}", err=True)


def analysis_options(threads_help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The options shared by ``analyze`` and ``batch`` (each an AnalyzeOptions field), and --quiet."""
    options = [
        click.option("--model", default=None, help="ASR model: a name (default tiny.en, bundled) or a path to a CTranslate2 Whisper model."),
        click.option("--device", type=click.Choice(["cpu", "cuda", "auto"]), default="cpu", show_default=True, help="Where models run."),
        click.option("--compute-type", default="default", show_default=True, help="CTranslate2 compute type (default: int8 on CPU, float16 on CUDA)."),
        click.option("--threads", type=click.IntRange(min=0), default=0, show_default=True, help=threads_help),
        click.option("--speakers", type=click.IntRange(1, 10), default=None, help="Number of speakers on mono calls (default: estimated)."),
        click.option("--rep", default=None, help="Speaker id of the rep (A, B ... on mono calls; a name in a transcript). Stereo: --rep-channel."),
        click.option("--rep-channel", type=click.Choice(["left", "right"]), default=None, help="The rep's channel on stereo calls."),
        click.option("--speaker-model", default=None, help="Path to speaker-embedding weights (default: resemblyzer's pretrained.pt)."),
        click.option("--rubric", default=None, help="Built-in rubric name or rubric YAML file (default: discovery); its example phrases teach tagging."),
        click.option("--tagging/--no-tagging", default=True, show_default=True, help="Tag questions, objections, SPIN stages and trackers."),
        click.option("--redact/--no-redact", default=None,
                     help="Replace card data, bank details, e-mail addresses, phone numbers and id numbers with [CARD], [CVV], "
                          "[EXPIRY], [IBAN], [ACCOUNT], [ROUTING], [EMAIL], [PHONE], [ID] in every output "
                          "(default: the rubric's privacy.redact, off)."),
        click.option("--redact-entities", default=None, metavar="LIST",
                     help="What to redact, comma-separated (implies --redact): card, cvv, expiry, iban, account, routing, dob, "
                          "address, person, email, phone, id, or all (default: the rubric's privacy.entities, else all but "
                          "dob, address, person). The security code is always redacted."),
        click.option("--team", default=None, envvar="CALLCOACH_TEAM", metavar="DIR",
                     help="Team folder with enrolled reps' voices (callcoach enroll): on mono calls a speaker whose voice "
                          "matches one is that rep. Env: CALLCOACH_TEAM."),
        click.option("--rep-voice", default=None, metavar="NAME",
                     help="The enrolled rep of this call (needs --team): the speaker whose voice is most like theirs is the rep."),
        click.option("--quiet", "-q", is_flag=True, help="No progress on stderr."),
    ]

    def decorate(f: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options):
            f = option(f)
        return f

    return decorate


def output_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--format`` and ``--json``, shared by ``analyze`` and ``batch``."""
    f = click.option(
        "--json", "json_lines", is_flag=True,
        help="For scripts: one JSON line per call on stdout (input, status, outputs, score, duration; batch adds a "
             "last line with the totals) instead of the summary line; progress and the summary stay on stderr.",
    )(f)
    return click.option(
        "--format", "formats", default="json,html", show_default=True, metavar="LIST",
        help="What each call gets, a comma list of: json (the analysis: always written, since review, report, learn "
             "and a batch's resume read it), html (the scorecard), srt, vtt, txt (speaker-labelled transcripts: "
             "<stem>.callcoach.srt/.vtt/.txt, made from the same analysis, redacted with it).",
    )(f)  # fmt: skip


def _echo_json(record: dict[str, Any]) -> None:
    """One JSON line on stdout (keys in a fixed order, non-ASCII kept)."""
    import json

    click.echo(json.dumps(record, ensure_ascii=False))


def _shown_paths(paths: dict[str, Path]) -> dict[str, Path]:
    """The outputs as the terminal summary lists them: the transcripts on one line
    (``out/call.callcoach.{srt,vtt,txt}``), so the summary stays short."""
    shown = {k: p for k, p in paths.items() if k in ("analysis", "scorecard")}
    exports = [p for k, p in paths.items() if k not in shown]
    if len(exports) == 1:
        shown["export"] = exports[0]
    elif exports:
        stem = exports[0].name[: -len(exports[0].suffix)]
        shown["exports"] = exports[0].with_name(f"{stem}.{{{','.join(p.suffix.lstrip('.') for p in exports)}}}")
    return shown


def call_record(input: Path, call: Any, paths: dict[str, Path], seconds: float) -> dict[str, Any]:
    """The ``--json`` line of an analysed call."""
    sc, att = call.scorecard, call.attribution
    return {
        "type": "call",
        "input": str(input),
        "status": "analysed",
        "id": call.id,
        "outputs": {kind: str(p) for kind, p in paths.items()},
        "score": None if sc is None or sc.score is None else round(sc.score, 1),
        "score_status": None if sc is None else getattr(sc, "status", "scored"),  # scored, not_a_conversation
        "rubric": None if sc is None else sc.rubric,
        "duration": None if call.duration is None else round(call.duration, 3),
        "layout": call.layout,
        "speakers": att.num_speakers,
        "attribution": att.method,
        "confidence": round(att.confidence, 2),
        "rep": call.roles.rep,
        "rep_name": call.roles.name,
        "redactions": len(call.redactions),
        "warnings": list(att.warnings),
        "seconds": round(seconds, 2),
    }


def failed_record(input: Path, exc: BaseException) -> dict[str, Any]:
    """The ``--json`` line of a call that could not be analysed (the same message as on stderr)."""
    error = str(exc) if isinstance(exc, CallcoachError) else f"internal error: {type(exc).__name__}: {exc}"
    return {"type": "call", "input": str(input), "status": "failed", "error": error}


def _warn_untimed(call: Any, formats: tuple[str, ...]) -> None:
    """Say so when SRT/VTT leave out utterances that have no times (a transcript without them)."""
    if not {"srt", "vtt"} & set(formats):
        return
    from callcoach.report.transcript import untimed_utterances

    n = untimed_utterances(call)
    if n:
        click.echo(
            f"callcoach: warning: {call.source}: {n} of {len(call.utterances)} utterances have no times, so the "
            "SRT/VTT leave them out; the TXT and JSON have them",
            err=True,
        )


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "auto_envvar_prefix": ENV_PREFIX})
@click.version_option(__version__, prog_name="callcoach")
def cli() -> None:
    """callcoach: coaching scorecards from recorded sales calls, offline.

    \b
    Example:
      callcoach analyze call.wav --out results/
      callcoach info
    """


@cli.command()
@click.argument("input", type=click.Path(path_type=Path, readable=False))  # unreadable: our one-line error, exit 1
@click.option("--out", "-o", type=click.Path(path_type=Path), default=Path("."), show_default=True,
              help="Folder for <stem>.callcoach.json and <stem>.scorecard.html (and the --format transcripts).")
@output_options
@analysis_options(threads_help="CPU threads (0: one per core, at most 4).")
def analyze(input: Path, out: Path, quiet: bool, formats: str, json_lines: bool, **options: Any) -> None:
    """Analyse one call: who said what and when, questions, objections, SPIN stages, metrics.

    INPUT is a recording (WAV, FLAC, OGG/Opus, MP3, M4A/MP4) or an existing transcript
    (callcoach JSON, WebVTT or SRT with speaker names, analysed without ASR).
    Writes OUT/<stem>.callcoach.json (the full analysis) and OUT/<stem>.scorecard.html (a
    self-contained page), and with --format srt,vtt,txt speaker-labelled transcripts; prints a
    short summary on stderr and one line on stdout (with --json: one JSON line).

    \b
    Example:
      callcoach analyze samples/demo-call.flac --rep-channel left --out out/
      callcoach analyze call.mp3 --speakers 2 --rep A --format json,html,srt,vtt,txt
      callcoach analyze call.vtt --rep "Dana Smith"
      callcoach analyze call.wav --json -q | jq .score
    """
    from callcoach.output import output_paths, parse_formats
    from callcoach.pipeline import analyze as run_analysis

    started = time.perf_counter()
    fmts = parse_formats(formats)
    try:
        call = run_analysis(input, out=out, hook=StderrProgress(quiet), formats=fmts, **options)
    except Exception as exc:
        if json_lines:  # a script reading stdout learns of the failure too; the error stays on stderr
            _echo_json(failed_record(input, exc))
        raise
    paths = output_paths(call.id, out, fmts)
    _warn_untimed(call, fmts)
    if not quiet:
        from callcoach.report.terminal import print_summary

        print_summary(call, _shown_paths(paths))
    seconds = time.perf_counter() - started
    line = summary_line(call, paths["analysis"], seconds)
    if json_lines:
        if not quiet:
            click.echo(line, err=True)
        _echo_json(call_record(input, call, paths, seconds))
    else:
        click.echo(line)


def summary_line(call: Any, path: Path, seconds: float) -> str:
    """One line: duration, speakers and how they were found, rep, talk shares, output path."""
    total = sum(s.talk_time for s in call.speakers) or 1.0
    shares = " / ".join(f"{s.id} ({s.role}) {s.talk_time / total:.0%}" for s in call.speakers)
    att = call.attribution
    roles = call.roles
    dur = f"{call.duration / 60:.1f} min" if call.duration else "no timing"
    warn = f"; check: {att.warnings[0]}" if att.warnings else ""
    tags = [t.label for u in call.utterances for t in u.tags]
    rep = {s.id for s in call.speakers if s.role == "rep"}
    rep_q = sum(1 for u in call.utterances if u.speaker in rep for t in u.tags if t.label.startswith("question."))
    objections = sum(1 for lab in tags if lab.startswith("objection."))
    found = f"; {rep_q} rep questions, {objections} objections" if tags else ""
    score = _score_words(call.scorecard)
    return (
        f"{call.source}: {score}{dur}, {call.layout}, {att.num_speakers} speaker(s) by {att.method} "
        f"(confidence {att.confidence:.2f}), "
        f"rep {roles.rep}{f' = {roles.name}' if roles.name else ''} ({roles.method}, {roles.confidence:.2f}); talk {shares}{found}; "
        f"{len(call.utterances)} utterances -> {path} in {seconds:.1f} s{warn}"
    )


def _score_words(card: Any) -> str:
    """``score 72 (discovery@1); `` or ``not a conversation: voicemail (discovery@1); ``."""
    if card is None:
        return ""
    if card.score is None:
        name = card.conversation.name if card.conversation is not None else "not scored"
        return f"not a conversation: {name} ({card.rubric}); "
    return f"score {card.score:.0f} ({card.rubric}); "


def _format_seconds(s: float) -> str:
    s = int(round(s))
    return f"{s // 3600}h{s % 3600 // 60:02d}m" if s >= 3600 else (f"{s // 60}m{s % 60:02d}s" if s >= 60 else f"{s}s")


def _time_left(seconds: float) -> str:
    return "less than a minute left" if seconds < 60 else f"about {_format_seconds(seconds)} left"


class BatchProgressLine:
    """Renders :class:`callcoach.batch.BatchProgress` as one short stderr line per finished call."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet

    def __call__(self, p: Any) -> None:
        if self.quiet:
            return
        if p.status == "start":
            todo = p.total - p.done - p.to_rescore
            rescore = f", {p.to_rescore} to re-score (only the rubric changed)" if p.to_rescore else ""
            click.echo(f"[batch] {p.total} inputs: {todo} to analyse{rescore}, {p.skipped} already done, {p.failed} known failures", err=True)
            return
        if p.status == "end":
            return
        eta = f", {_time_left(p.eta_s)}" if p.eta_s is not None and p.done < p.total else ""
        what = {"failed": "FAILED", "rescored": "re-scored"}.get(p.status, "done")
        click.echo(f"[batch] {p.done}/{p.total} {what}: {p.path}{eta}", err=True)


class BatchJsonLines:
    """``batch --json``: a JSON line on stdout per call (as it finishes; skipped and known failures
    after the run) and one with the totals (see :func:`batch`)."""

    def __init__(self, input_dir: Path, out: Path) -> None:
        self.input_dir, self.out = Path(input_dir), Path(out)
        self.failed: set[str] = set()  # calls whose failure has had its line

    def _outputs(self, rels: Any) -> dict[str, str]:
        from callcoach.output import OUTPUT_KINDS, SUFFIXES

        found = {}
        for rel in sorted(rels):
            kind = next((OUTPUT_KINDS[f] for f, suffix in SUFFIXES.items() if rel.endswith(suffix)), None)
            if kind is not None:
                found[kind] = str(self.out / rel)
        return {k: found[k] for k in OUTPUT_KINDS.values() if k in found}

    def _line(self, key: str, status: str, rels: Any = (), row: dict[str, Any] | None = None, **extra: Any) -> None:
        row = row or {}
        _echo_json({
            "type": "call", "input": str(self.input_dir / key), "key": key, "status": status,
            "outputs": self._outputs(rels), "score": row.get("score"), "duration": row.get("duration_s"),
            "rep": row.get("rep"), **extra,
        })  # fmt: skip

    def __call__(self, p: Any) -> None:
        from callcoach.batch.plan import rel_out

        if p.status in ("analysed", "rescored"):
            self._line(p.path, p.status, [rel_out(o, self.out) for o in p.outputs], p.row)
        elif p.status == "failed":
            self.failed.add(p.path)
            self._line(p.path, "failed", error=p.error)

    def finish(self, result: Any) -> None:
        """The skipped calls, the failures without a line yet (known from an earlier run, or found
        while planning: unreadable, clashing outputs), then the totals."""
        import json

        from callcoach.batch.state import BatchState
        from callcoach.batch.team import summary_row

        state = BatchState.load(self.out)
        for key in result.skipped_keys:
            entry = state.entries.get(key)
            rels = list(entry.outputs) if entry is not None else []
            row = None
            analysis = [r for r in rels if r.endswith(".callcoach.json")]
            try:
                row = summary_row(json.loads((self.out / analysis[0]).read_text(encoding="utf-8")), key)
            except (OSError, ValueError, IndexError, AttributeError):
                pass
            self._line(key, "skipped", rels, row)
        for f in result.failures:
            if f.path not in self.failed:
                self._line(f.path, "failed", error=f.error, known=f.known)
        _echo_json({
            "type": "batch", "status": "ok" if result.ok else "failed", "out": str(self.out), "total": result.total,
            "analysed": result.analysed, "rescored": result.rescored, "skipped": result.skipped, "failed": result.failed, "stopped": result.stopped,
            "not_in_manifest": len(result.unlisted),
            "audio_s": round(result.audio_s, 3), "elapsed_s": round(result.elapsed_s, 3),
            "summary_csv": None if result.summary_csv is None else str(result.summary_csv),
            "team_html": None if result.team_html is None else str(result.team_html),
        })  # fmt: skip


@cli.command()
@click.argument("input_dir", metavar="INPUT", type=click.Path(path_type=Path, readable=False))
@click.option("--out", "-o", type=click.Path(path_type=Path), required=True,
              help="Output folder; mirrors INPUT's folders (<stem>.callcoach.json, <stem>.scorecard.html).")
@click.option("--glob", "glob_", default=None, help="Only inputs whose path relative to INPUT matches (fnmatch: '*.wav', 'alice/*').")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="Worker processes (default: min(cores, free GB / 2, files); 0: analyse in this process).")
@click.option("--fail-fast", is_flag=True, help="Stop at the first file that fails (finished calls are kept).")
@click.option("--manifest", type=click.Path(path_type=Path, readable=False), default=None,
              help="CSV with columns file,rep,team,date,stage,outcome (file relative to INPUT), and per call rep_channel, "
                   "rep_speaker or rep_voice. Default: INPUT/<rep>/<call>.")
@click.option("--stage-rubrics", type=click.Path(path_type=Path, readable=False), default=None, metavar="FILE",
              help="YAML map of the manifest's stage to a rubric (name or file), e.g. 'demo: team-demo.yaml': each call is "
                   "scored under its stage's rubric (others under --rubric).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Where calls run: processes on this machine, or Ray (pip install 'callcoach[ray]').")
@click.option("--ray-address", default=None, help="Ray cluster to join (default: start a local Ray instance).")
@output_options
@analysis_options(threads_help="CPU threads per worker (0: cores / workers).")
def batch(input_dir: Path, out: Path, glob_: str | None, workers: int | None, fail_fast: bool, manifest: Path | None,
          stage_rubrics: Path | None, engine: str, ray_address: str | None, quiet: bool, formats: str, json_lines: bool,
          **options: Any) -> None:
    """Analyse every call under a folder: resumable, parallel, one bad file never stops the rest.

    Finds recordings and transcripts under INPUT (recursively), writes each call's results to the
    same place under OUT, then OUT/summary.csv and OUT/team.html. A file that fails is recorded in
    OUT/failures.jsonl and the rest go on; run the same command again to resume: finished calls
    (same bytes, same settings) are skipped; a finished call given a new --format gets the new
    files from its stored analysis, without analysing again. Exit status 1 if any file failed.
    With --json: a JSON line on stdout per call as it finishes (status analysed or failed), then
    one per call skipped (skipped) or failing as before (failed, "known": true), then the totals
    ("type": "batch").

    \b
    Example:
      callcoach batch calls/ --out results/ --rep-channel left
      callcoach batch calls/ --out results/ --manifest calls.csv --glob '*.wav'
      callcoach batch calls/ --out results/ --manifest calls.csv --stage-rubrics team/stages.yaml
      callcoach batch calls/ --out results/ --format json,html,vtt --json > runs.jsonl
      callcoach batch calls/ --out results/ --engine ray --ray-address auto
    """
    from callcoach.batch import run_batch
    from callcoach.pipeline import AnalyzeOptions

    human = BatchProgressLine(quiet)
    lines = BatchJsonLines(input_dir, out) if json_lines else None

    def progress(p: Any) -> None:
        human(p)
        if lines is not None:
            lines(p)

    try:
        result = run_batch(
            input_dir, out, glob=glob_, workers=workers, fail_fast=fail_fast, options=AnalyzeOptions(**options),
            manifest=manifest, engine=engine, ray_address=ray_address, progress=progress, formats=formats,
            stage_rubrics=stage_rubrics,
        )
    except Exception as exc:
        if lines is not None:
            _echo_json({"type": "batch", "status": "failed", "error": failed_record(input_dir, exc)["error"]})
        raise
    if lines is not None:
        lines.finish(result)
    for warning in result.warnings:
        click.echo(f"callcoach: warning: {warning}", err=True)
    for f in result.failures:
        click.echo(f"callcoach: failed: {f.path}: {f.error}" + (" (unchanged since it last failed)" if f.known else ""), err=True)
    stopped = " (stopped at the first failure: --fail-fast)" if result.stopped else ""
    rescored = f"{result.rescored} re-scored (only the rubric changed), " if result.rescored else ""
    unlisted = f", {len(result.unlisted)} not in the manifest (rep from the folder)" if result.unlisted else ""
    click.echo(
        f"{result.total} calls: {result.analysed} analysed, {rescored}{result.skipped} already done, {result.failed} failed{stopped}{unlisted}; "
        f"{result.audio_s / 3600:.2f} h of audio in {_format_seconds(result.elapsed_s)} -> {result.summary_csv}, {result.team_html}",
        err=json_lines,  # with --json, stdout holds JSON lines only
    )
    if not result.ok:
        raise SystemExit(1)


@cli.command()
@click.argument("rep")
@click.argument("recordings", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@click.option("--team", default=None, envvar="CALLCOACH_TEAM", metavar="DIR",
              help="Team folder; the print goes to DIR/voices/<rep>.json. Env: CALLCOACH_TEAM.")
@click.option("--channel", type=click.Choice(["left", "right"]), default=None,
              help="The rep's channel on stereo recordings (a stereo call: one party per channel).")
@click.option("--speaker-model", default=None, help="Path to speaker-embedding weights (default: resemblyzer's pretrained.pt).")
@click.option("--device", type=click.Choice(["cpu", "cuda", "auto"]), default="cpu", show_default=True, help="Where the model runs.")
@click.option("--threads", type=click.IntRange(min=0), default=0, show_default=True, help="CPU threads (0: torch's default).")
@click.option("--quiet", "-q", is_flag=True, help="No progress on stderr.")
def enroll(rep: str, recordings: tuple[Path, ...], team: str | None, channel: str | None, speaker_model: str | None,
           device: str, threads: int, quiet: bool) -> None:
    """Store a rep's voice print, so mono calls analysed with --team name the rep by voice.

    REP is the rep's name (letters, digits, '.', '_', '-'); RECORDINGS are recordings of the rep
    alone (10 s of speech at least, 30 s or more is better), or stereo calls with --channel
    saying the rep's side. Writes DIR/voices/<rep>.json: an embedding of the voice, the model,
    seconds of speech and the recordings' file names; never audio or words. Enrolling a name
    again replaces its print (give all the recordings at once). Delete the file to forget the rep.

    \b
    Example:
      callcoach enroll dana dana-intro.wav --team team/
      callcoach enroll sam call-0412.wav call-0415.wav --channel left --team team/
      callcoach analyze call.mp3 --team team/
    """
    from callcoach.speakers.embedding import VoiceEncoder
    from callcoach.speakers.enroll import check_rep_name, enroll_voice, save_voiceprint, voice_path

    check_rep_name(rep)
    if not team:
        raise CallcoachError("say which team folder to enroll into: --team DIR (or set CALLCOACH_TEAM=DIR)")
    target = voice_path(team, rep)
    encoder = VoiceEncoder(speaker_model, device=device if device != "auto" else "cpu", threads=threads)
    result = enroll_voice(rep, list(recordings), encoder=encoder, channel=channel, hook=StderrProgress(quiet))
    replaced = target.is_file()
    path = save_voiceprint(team, result.voiceprint)
    for warning in result.warnings:
        click.echo(f"callcoach: warning: {warning}", err=True)
    vp = result.voiceprint
    band = "; telephone-band recordings: wideband calls will not match this print" if vp.narrowband else ""
    click.echo(
        f"{'re-enrolled' if replaced else 'enrolled'} {vp.name}: {vp.speech_seconds:.1f} s of speech from "
        f"{len(vp.recordings)} recording(s), consistency {vp.consistency:.2f}{band} -> {path}"
    )


@cli.command()
@click.argument("out", type=click.Path(path_type=Path))
def report(out: Path) -> None:
    """Rebuild a batch's summary.csv and team.html from its stored analyses (nothing is analysed again).

    Where coaches reviewed calls (callcoach review), those calls are re-scored under the current
    rubrics (earlier scores are kept in their history) and their scorecards show the comments.

    \b
    Example:
      callcoach report results/
    """
    from callcoach.batch import build_team_report
    from callcoach.review.store import has_review_data

    team = build_team_report(out)
    for warning in team.warnings:
        click.echo(f"callcoach: warning: {warning}", err=True)
    failed = f", {team.failed} failed (listed in team.html)" if team.failed else ""
    click.echo(f"{team.calls} calls{failed} -> {team.summary_csv}, {team.team_html}")
    if has_review_data(out):  # a coach reviewed calls here: re-score them under today's rubrics
        from callcoach.review.export import write_reviewed_scorecards
        from callcoach.review.store import ReviewStore

        store = ReviewStore(out, warn=lambda line: click.echo(line, err=True))  # a call's rubric file gone: said once
        rescored = store.rescore_all()
        pages = write_reviewed_scorecards(store)
        click.echo(f"review: {rescored} calls re-scored, {len(pages)} reviewed scorecards written")


@cli.command()
@click.argument("results_dir", metavar="RESULTS_DIR", type=click.Path(path_type=Path))
@click.option("--rubric", required=True, help="Built-in rubric name or rubric YAML file to score every stored analysis under.")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="Worker processes (default: one per core, none for a few analyses; 0: in this process).")
@click.option("--quiet", "-q", is_flag=True, help="No progress on stderr.")
def rescore(results_dir: Path, rubric: str, workers: int | None, quiet: bool) -> None:
    """Score every stored analysis again under another rubric, without transcribing anything.

    Finds every *.callcoach.json under RESULTS_DIR (the --out folder of analyze or batch) and
    rewrites it and its scorecard as `callcoach analyze` of the same call with that rubric would
    (words, speakers and roles kept; tags made again only where the rubric's examples or the tag
    model changed), in parallel. Then the team report of a batch folder is rebuilt, the batch
    state records the rubric (so `callcoach batch` skips those calls), and where coaches reviewed
    calls their corrections stay attached and the score history gains the new scores. A redacted
    analysis stays redacted. A stored analysis that cannot be read is named and left as it is;
    exit status 1 if any could not be re-scored.

    \b
    Example:
      callcoach rescore results/ --rubric team.yaml
      callcoach rescore results/ --rubric demo --workers 2 --quiet
    """
    from callcoach.batch.rescore import rescore_folder

    def progress(p: Any) -> None:
        if quiet or p.status == "start":
            return
        what = "FAILED" if p.status == "failed" else "re-scored"
        click.echo(f"[rescore] {p.done}/{p.total} {what}: {p.path}", err=True)

    run = rescore_folder(results_dir, rubric, workers=workers, progress=progress)
    for warning in run.warnings:
        click.echo(f"callcoach: warning: {warning}", err=True)
    if run.kept_redaction:
        click.echo(
            f"callcoach: warning: {run.kept_redaction} analyses stay redacted beyond what {run.rubric} asks "
            "(what was taken out cannot be put back; analyse the recordings again to change that)",
            err=True,
        )
    for f in run.failures:
        click.echo(f"callcoach: error: {f.error}", err=True)
    retagged = f" ({run.retagged} re-tagged: the rubric's examples or the tag model changed)" if run.retagged else ""
    failed = f", {len(run.failures)} failed" if run.failures else ""
    team = f" -> {run.team.summary_csv}, {run.team.team_html}" if run.team is not None else ""
    review = f"; review: {run.reviewed} calls re-scored" if run.reviewed else ""
    click.echo(
        f"{run.total} analyses: {run.rescored} re-scored under {run.rubric}{retagged}{failed} "
        f"in {_format_seconds(run.elapsed_s)}{team}{review}"
    )
    if not run.ok:
        raise SystemExit(1)


@cli.command()
@click.argument("results_dir", metavar="RESULTS_DIR", type=click.Path(path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Port on 127.0.0.1 (default: a free one).")
@click.option("--no-browser", is_flag=True, help="Only print the URL; do not open a browser.")
@click.option("--coach", default=None, help="Who makes the changes (default: your user name).")
@click.option("--audio-dir", type=click.Path(path_type=Path), default=None,
              help="Where the recordings are, when they moved (default: beside the analyses, the input folder "
                   "the batch recorded, or where `analyze` recorded them).")
@click.option("--rubric", default=None, help="Score every call under this rubric (name or YAML file; default: each call's own).")
@click.option("--rep", default=None, metavar="NAME",
              help="The rep view: only this rep's calls (the call's rep name, any case), where the rep reads the review, "
                   "acknowledges comments and disputes points; tags, scores and drills stay the coach's.")
def review(results_dir: Path, port: int, no_browser: bool, coach: str | None, audio_dir: Path | None,
           rubric: str | None, rep: str | None) -> None:
    """Review calls in the browser: listen, fix speakers and tags, comment, override scores, give drills.

    Starts a web app on 127.0.0.1 only and prints its URL. Corrections, comments, overrides,
    drills and disputes go to RESULTS_DIR/.callcoach-review.sqlite and files beside it (a
    <stem>.review.json beside each analysis, .callcoach-review/); the machine's
    <stem>.callcoach.json is never changed. Ctrl-C stops the server. With --rep NAME the same
    app shows one rep their own calls: other calls are not there, and the rep can only
    acknowledge a comment or dispute a point with a reason, which the coach resolves.

    \b
    Example:
      callcoach review results/
      callcoach review results/ --audio-dir calls/ --coach dana --port 8765 --no-browser
      callcoach review results/ --rep sam
    """
    from callcoach.review.server import serve

    serve(results_dir, port=port, coach=coach, audio_dirs=[audio_dir] if audio_dir else [], rubric=rubric,
          open_browser=not no_browser, announce=lambda line: click.echo(line),
          warn=lambda line: click.echo(line, err=True), rep=rep)  # fmt: skip


@cli.command()
@click.argument("results", metavar="RESULTS", type=click.Path(path_type=Path))
@click.argument("query", required=False, default="")
@click.option("--tag", "tags", multiple=True, metavar="LABEL",
              help="Only turns with this tag: a label (objection.price, spin.problem, tracker.competitor) or a family "
                   "(objection, spin, question, tracker, outcome). Repeat for any of several.")
@click.option("--rep", default=None, metavar="NAME", help="Only calls of this rep (the call's rep name, any case).")
@click.option("--speaker", type=click.Choice(["rep", "customer"], case_sensitive=False), default=None,
              help="Only what this side said.")
@click.option("--limit", type=click.IntRange(min=1), default=None, metavar="N", help="Stop after N moments.")
@click.option("--review-url", default=None, metavar="URL",
              help="Link each moment to a running `callcoach review` server (e.g. http://127.0.0.1:8765) "
                   "instead of the scorecard page.")
@click.option("--workers", type=click.IntRange(min=0), default=None, metavar="N",
              help="Processes reading the analyses (default: one per core up to 8 for 100 analyses or more; 0: this one).")
@click.option("--json", "json_lines", is_flag=True, help="One JSON object per moment on stdout (see README).")
@click.pass_context
def search(ctx: click.Context, results: Path, query: str, tags: tuple[str, ...], rep: str | None, speaker: str | None,
           limit: int | None, review_url: str | None, workers: int | None, json_lines: bool) -> None:
    """Find moments across calls: the turns whose words, tags, speaker and rep match.

    QUERY is words matched case-insensitively as whole words in one turn (all of them, any
    order; a "quoted phrase" in a row, quoted for the shell too; compet* for any word
    starting so); it may be left out
    with --tag to list every turn carrying that tag. Reads the stored analyses under RESULTS
    (with the coaches' corrections of `callcoach review` applied) and prints a line per moment:
    call, time, who, tags, the turn (matches in bold on a terminal) and a link that opens the
    call's scorecard page and plays the recording from that moment (file://...#t=SECONDS).
    Exit status 0 if moments were found, 1 if none (like grep), 2 if the search could not run
    (no such folder, an unknown tag). Unreadable analyses are skipped with a warning.

    \b
    Example:
      callcoach search results/ competitor
      callcoach search results/ '"too expensive"' --speaker customer --rep dana
      callcoach search results/ --tag objection.price --limit 20
      callcoach search results/ '"next step"' --tag tracker --json | jq -r .link
    """
    from callcoach import search as s

    def warn(line: str) -> None:
        click.echo(f"callcoach: warning: {line}", err=True)

    try:
        q = s.make_query(query, tags, rep, speaker)
        team_tags = [t for t in q.tags if s.is_team_tracker(t) and t not in s.builtin_labels()]
        found = s.search(
            s.analyses(results),
            q,
            limit=limit,
            warn=warn,
            collect_labels=bool(team_tags),
            workers=None if workers is None else max(1, workers),
        )
        if not found.limited:
            for tag in (t for t in team_tags if t not in found.labels):
                known = s.builtin_labels() + tuple(sorted(found.labels - set(s.builtin_labels())))
                raise s.SearchError(s.unknown_tag_message(tag, known, why=f"no analysis under {results} has the tag"))
    except CallcoachError as exc:  # grep-like: 2 when the search could not run, 1 is "nothing found"
        click.echo(f"callcoach: error: {exc}", err=True)
        ctx.exit(2)
    for hit in found.hits:
        if json_lines:
            _echo_json(hit.to_dict(review_url))
        else:
            click.echo(_moment_line(hit, review_url))
    _search_summary(found, q, results, review_url)
    if not found.hits:
        ctx.exit(1)


def _moment_line(hit: Any, review_url: str | None) -> str:
    """A moment on one line: call, time, role, tags, the turn with its matches in bold (bold only
    on a terminal: click drops the styling otherwise), and its link."""
    from callcoach.search import iter_pieces, printable, snippet

    text, spans = snippet(hit.turn.text, hit.spans)
    shown = "".join(click.style(piece, bold=True) if inside else piece for piece, inside in iter_pieces(text, spans))
    link = review_url.rstrip("/") + hit.review if review_url else (hit.link or "-")
    tags = ",".join(hit.turn.labels) or "-"
    return printable(f"{hit.call.key}  {hit.time}  {hit.turn.role}  {tags}  ") + shown + printable(f"  {link}")


def _search_summary(found: Any, query: Any, results: Path, review_url: str | None) -> None:
    """The totals on stderr (and why some moments have no link)."""
    n = found.searched
    searched = f"{n} {'analysis' if n == 1 else 'analyses'} searched"
    skipped = f", {len(found.unreadable)} unreadable skipped" if found.unreadable else ""
    if not found.hits:
        click.echo(f"no moments found for {query.describe()} ({searched}{skipped})", err=True)
        return
    m, c = len(found.hits), found.calls
    stopped = f"; stopped at --limit {m}" if found.limited else ""
    moments = f"{m} moment{'s' if m != 1 else ''} in {c} call{'s' if c != 1 else ''}"
    click.echo(f"{moments} ({searched}{skipped}){stopped}", err=True)
    pageless = len({h.call.key for h in found.hits if h.call.scorecard is None})
    if pageless and not review_url:
        click.echo(
            f"{pageless} of these calls have no scorecard page (analysed without html in --format): open them in "
            f"`callcoach review {results}` (link there with --review-url http://127.0.0.1:PORT)",
            err=True,
        )


@cli.command()
@click.argument("results_dir", metavar="RESULTS_DIR", type=click.Path(path_type=Path))
@click.option("--rubric", "rubric_file", required=True, type=click.Path(path_type=Path),
              help="The team's rubric YAML; the team model is written beside it and named in it.")
@click.option("--corpus", type=click.Path(path_type=Path), default=None,
              help="The sales-dialogue corpus (default: the one installed with callcoach).")
def learn(results_dir: Path, rubric_file: Path, corpus: Path | None) -> None:
    """Train the team's tag model on coaches' corrections and the rubric's examples.

    Reads every tag and role correction made in `callcoach review RESULTS_DIR` and the rubric's
    examples and negative_examples, retrains the tag heads they touch on the shipped corpus plus
    them, prints the dev-split and corrected-sentence scores before and after, writes
    <rubric>.tags.json/.npz beside the rubric and names it there (tag_model:). Calls analysed
    with that rubric afterwards use it; stored analyses are not changed (`callcoach rescore`
    tags them again with it, without transcribing).

    \b
    Example:
      callcoach learn results/ --rubric team.yaml
      callcoach rescore results/ --rubric team.yaml
    """
    from callcoach.training.learn import learn as run_learn

    run_learn(results_dir, rubric_file, corpus=corpus, cache=_cache_dir(), log=lambda line: click.echo(line, err=True))


@cli.command()
@click.argument("results", metavar="RESULTS", type=click.Path(path_type=Path))
@click.option("--outcome", required=True, metavar="NAME",
              help="The calls the targets come from: advance (also won), continuation, no_sale (also lost), or a word "
                   "of the manifest's outcome column.")
@click.option("--rubric", default=None, help="Built-in rubric name or rubric YAML file (default: discovery).")
@click.option("--out", "-o", type=click.Path(path_type=Path), default=None,
              help="The team rubric to write (default: <rubric id>-team.yaml in the current folder).")
@click.option("--min-calls", type=click.IntRange(min=5), default=20, show_default=True,
              help="Fewest matching calls (and, per dimension, values of its metric) a team target is derived from.")
def targets(results: Path, outcome: str, rubric: str | None, out: Path | None, min_calls: int) -> None:
    """Targets from the team's own successful calls, beside the published ones.

    For each dimension of the rubric, the band the calls of RESULTS (the --out folder of batch or
    analyze) with that outcome reach on its metric: the median, the interquartile range
    (p25-p75), n and a bootstrap 95% interval of each bound, printed beside the published target
    and its source. Writes a team rubric (the rubric's id with -team) whose targets are those
    bands (one-sided targets stay one-sided) and whose source says where they come from; a
    dimension too few calls have keeps its published target. A call's outcome is the manifest's
    outcome column, else the tagger's; its date the manifest's, else the file's. Fewer than
    --min-calls matching calls: an error, and nothing is written.

    \b
    Example:
      callcoach targets results/ --outcome advance --out team.yaml
      callcoach targets results/ --outcome won --rubric demo --min-calls 30
      callcoach rescore results/ --rubric team.yaml
    """
    from callcoach.targets import default_out, derive_targets, format_table, summary_line, write_team_rubric

    found = derive_targets(results, outcome, rubric, min_calls=min_calls)
    for warning in found.warnings:
        click.echo(f"callcoach: warning: {warning}", err=True)
    target = out if out is not None else default_out(found)
    path = write_team_rubric(found, target, command=f"callcoach targets {results} --outcome {outcome}")
    click.echo(summary_line(found))
    click.echo(format_table(found))
    kept = len(found.dimensions) - found.derived
    kept_note = f", {kept} kept published (too few values)" if kept else ""
    click.echo(f"wrote {path} ({found.derived} team targets{kept_note}); check it: callcoach rubric check {path}")


def _cache_dir() -> Path:
    from callcoach.tagging.matcher import cache_dir

    return cache_dir()


@cli.command()
@click.option("--model", default=None, help="ASR model name or path to resolve.")
def info(model: str | None) -> None:
    """Show the version and where each model resolves from (nothing is loaded or downloaded).

    Exit status 1 if a model is not found, so a script can check before a batch.

    \b
    Example:
      callcoach info
      CALLCOACH_MODELS_DIR=~/models callcoach info --model small.en
    """
    from callcoach.errors import ModelNotFound
    from callcoach.models import ENV_MODELS_DIR, resolve_asr, resolve_embeddings, resolve_nlp, resolve_speaker

    click.echo(f"callcoach {__version__} (Python {sys.version.split()[0]})")
    click.echo(f"{ENV_MODELS_DIR}: {os.environ.get(ENV_MODELS_DIR, '(not set)')}")
    resolvers = (("asr", resolve_asr, model), ("speaker", resolve_speaker, None), ("nlp", resolve_nlp, None), ("embeddings", resolve_embeddings, None))
    missing: list[str] = []
    for kind, resolve, arg in resolvers:
        try:
            r = resolve(arg)
            click.echo(f"{kind}: {r.name} {r.version} from {r.source} at {r.path}")
        except ModelNotFound as exc:
            click.echo(f"{kind}: NOT FOUND: {exc}")
            missing.append(f"{kind} ({arg})" if arg else kind)
    if missing:  # a script that checks `callcoach info --model X` before a batch must see it fail
        raise CallcoachError(
            f"not found: {', '.join(missing)} (the lines above say where callcoach looked and how to install)"
        )


@cli.group()
def rubric() -> None:
    """List, show and check rubrics, or start a team's own.

    \b
    Example:
      callcoach rubric list
      callcoach rubric init team.yaml
      callcoach rubric check team.yaml
    """


@rubric.command("list")
@click.option("--metrics", is_flag=True, help="Also list the metrics a rubric dimension can use.")
def rubric_list(metrics: bool) -> None:
    """List the built-in rubrics (name, version, dimensions).

    \b
    Example:
      callcoach rubric list --metrics
    """
    from callcoach.rubric import builtin_rubrics, parse_rubric

    for name, path in builtin_rubrics().items():
        r = parse_rubric(path)
        click.echo(f"{name:<12} {r.ref:<16} {len(r.dimensions):>2} dimensions  {r.name}")
    if metrics:
        from callcoach.scoring import KNOWN_METRICS

        click.echo("\nmetrics:")
        for key, (desc, unit) in sorted(KNOWN_METRICS.items()):
            click.echo(f"  {key:<40} {desc}" + (f" ({unit})" if unit else ""))


@rubric.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
def rubric_check(files: tuple[Path, ...]) -> None:
    """Validate rubric files: every error of every file, each with its line and field.

    Prints "FILE: ok" or "FILE: N errors" for each file, and on stderr one line per error and
    per warning (what loads but is likely not meant), in the file's order. Exits 1 if any
    file fails.

    \b
    Example:
      callcoach rubric check team.yaml
      callcoach rubric check rubrics/*.yaml
    """
    from callcoach.rubric import check_rubric

    failed = 0
    for f in files:
        try:
            checked = check_rubric(f)
        except CallcoachError as exc:
            failed += 1
            click.echo(f"callcoach: error: {exc}", err=True)
            continue
        found = [("warning", w) for w in checked.warnings] + [("error", e) for e in checked.errors]
        for kind, problem in sorted(found, key=lambda kp: kp[1].line or 0):  # in the file's order
            click.echo(f"callcoach: {kind}: {problem.describe(f)}", err=True)
        if checked.rubric is None:
            failed += 1
            n = len(checked.errors)
            click.echo(f"{f}: {n} error{'s' if n != 1 else ''}")
        else:
            r = checked.rubric
            click.echo(f"{f}: ok ({r.ref}, {len(r.dimensions)} dimensions)")
    if failed:
        raise SystemExit(1)


@rubric.command("show")
@click.argument("name")
def rubric_show(name: str) -> None:
    """Print a built-in rubric's YAML, as it ships.

    \b
    Example:
      callcoach rubric show discovery
      callcoach rubric show demo > demo-copy.yaml
    """
    from callcoach.rubric import builtin_rubric_file

    click.echo(builtin_rubric_file(name).read_text(encoding="utf-8"), nl=False)


@rubric.command("init")
@click.argument("file", required=False, default="team.yaml", type=click.Path(path_type=Path))
@click.option(
    "--from",
    "base",
    default="discovery",
    show_default=True,
    metavar="NAME",
    help="The built-in rubric to start from (`callcoach rubric list`).",
)
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
def rubric_init(file: Path, base: str, force: bool) -> None:
    """Write a team's starting rubric (default team.yaml), every field explained.

    The file is the built-in rubric (--from, default discovery) written out in full with a
    comment on every field, under an id from the file's name; until edited it scores calls
    exactly as the built-in does. An existing file is never overwritten without --force.

    \b
    Example:
      callcoach rubric init team.yaml
      callcoach rubric check team.yaml
      callcoach analyze call.wav --rubric team.yaml
    """
    from callcoach.output import atomic_write_text
    from callcoach.rubric_template import rubric_id_for, starter_rubric

    if file.suffix not in (".yaml", ".yml"):
        raise CallcoachError(
            f"{file}: name the rubric file .yaml (e.g. {file.name}.yaml), so --rubric reads it as a file"
        )
    if file.is_dir():
        raise CallcoachError(
            f"{file}: is a directory; give the path of the rubric file to write, e.g. {file}/team.yaml"
        )
    if file.exists() and not force:
        raise CallcoachError(f"{file}: already exists; give another FILE, or add --force to overwrite it")
    text = starter_rubric(rubric_id_for(file.stem), base, file.name)
    atomic_write_text(file, text)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(file, 0o666 & ~umask)  # a team's shared file, not a private one (the temporary file was 0600)
    click.echo(f"wrote {file} (from the built-in {base} rubric); edit it, then run: callcoach rubric check {file}")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="callcoach")
