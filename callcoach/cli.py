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
        click.option("--rep", default=None, help="Speaker id of the rep (A, B ... on mono calls; a name in a transcript)."),
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
              help="Folder for <stem>.callcoach.json and <stem>.scorecard.html.")
@analysis_options(threads_help="CPU threads (0: one per core, at most 4).")
def analyze(input: Path, out: Path, quiet: bool, **options: Any) -> None:
    """Analyse one call: who said what and when, questions, objections, SPIN stages, metrics.

    INPUT is a recording (WAV, FLAC, OGG/Opus, MP3, M4A/MP4) or an existing transcript
    (callcoach JSON, WebVTT or SRT with speaker names, analysed without ASR).
    Writes OUT/<stem>.callcoach.json (the full analysis) and OUT/<stem>.scorecard.html (a
    self-contained page), prints a short summary on stderr and one line on stdout.

    \b
    Example:
      callcoach analyze samples/demo-call.flac --rep-channel left --out out/
      callcoach analyze call.mp3 --speakers 2 --rep A
      callcoach analyze call.vtt --rep "Dana Smith"
    """
    from callcoach.pipeline import analyze as run_analysis

    started = time.perf_counter()
    call = run_analysis(input, out=out, hook=StderrProgress(quiet), **options)
    from callcoach.output import SCORECARD_SUFFIX, analysis_path

    paths = {"analysis": analysis_path(call, out), "scorecard": Path(out) / f"{call.id}{SCORECARD_SUFFIX}"}
    if not quiet:
        from callcoach.report.terminal import print_summary

        print_summary(call, paths)
    click.echo(summary_line(call, paths["analysis"], time.perf_counter() - started))


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
    score = f"score {call.scorecard.score:.0f} ({call.scorecard.rubric}); " if call.scorecard else ""
    return (
        f"{call.source}: {score}{dur}, {att.num_speakers} speaker(s) by {att.method} (confidence {att.confidence:.2f}), "
        f"rep {roles.rep}{f' = {roles.name}' if roles.name else ''} ({roles.method}, {roles.confidence:.2f}); talk {shares}{found}; "
        f"{len(call.utterances)} utterances -> {path} in {seconds:.1f} s{warn}"
    )


def _format_seconds(s: float) -> str:
    s = int(round(s))
    return f"{s // 3600}h{s % 3600 // 60:02d}m" if s >= 3600 else (f"{s // 60}m{s % 60:02d}s" if s >= 60 else f"{s}s")


class BatchProgressLine:
    """Renders :class:`callcoach.batch.BatchProgress` as one short stderr line per finished call."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet

    def __call__(self, p: Any) -> None:
        if self.quiet:
            return
        if p.status == "start":
            todo = p.total - p.done
            click.echo(f"[batch] {p.total} inputs: {todo} to analyse, {p.skipped} already done, {p.failed} known failures", err=True)
            return
        if p.status == "end":
            return
        eta = f", about {_format_seconds(p.eta_s)} left" if p.eta_s is not None and p.done < p.total else ""
        what = "FAILED" if p.status == "failed" else "done"
        click.echo(f"[batch] {p.done}/{p.total} {what}: {p.path}{eta}", err=True)


@cli.command()
@click.argument("input_dir", metavar="INPUT", type=click.Path(path_type=Path, readable=False))
@click.option("--out", "-o", type=click.Path(path_type=Path), required=True,
              help="Output folder; mirrors INPUT's folders (<stem>.callcoach.json, <stem>.scorecard.html).")
@click.option("--glob", "glob_", default=None, help="Only inputs whose path relative to INPUT matches (fnmatch: '*.wav', 'alice/*').")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="Worker processes (default: min(cores, free GB / 2, files); 0: analyse in this process).")
@click.option("--fail-fast", is_flag=True, help="Stop at the first file that fails (finished calls are kept).")
@click.option("--manifest", type=click.Path(path_type=Path, readable=False), default=None,
              help="CSV with columns file,rep,team,date,stage,outcome (file relative to INPUT). Default: INPUT/<rep>/<call>.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Where calls run: processes on this machine, or Ray (pip install 'callcoach[ray]').")
@click.option("--ray-address", default=None, help="Ray cluster to join (default: start a local Ray instance).")
@analysis_options(threads_help="CPU threads per worker (0: cores / workers).")
def batch(input_dir: Path, out: Path, glob_: str | None, workers: int | None, fail_fast: bool, manifest: Path | None,
          engine: str, ray_address: str | None, quiet: bool, **options: Any) -> None:
    """Analyse every call under a folder: resumable, parallel, one bad file never stops the rest.

    Finds recordings and transcripts under INPUT (recursively), writes each call's results to the
    same place under OUT, then OUT/summary.csv and OUT/team.html. A file that fails is recorded in
    OUT/failures.jsonl and the rest go on; run the same command again to resume: finished calls
    (same bytes, same settings) are skipped. Exit status 1 if any file failed.

    \b
    Example:
      callcoach batch calls/ --out results/ --rep-channel left
      callcoach batch calls/ --out results/ --manifest calls.csv --glob '*.wav'
      callcoach batch calls/ --out results/ --engine ray --ray-address auto
    """
    from callcoach.batch import run_batch
    from callcoach.pipeline import AnalyzeOptions

    result = run_batch(
        input_dir, out, glob=glob_, workers=workers, fail_fast=fail_fast, options=AnalyzeOptions(**options),
        manifest=manifest, engine=engine, ray_address=ray_address, progress=BatchProgressLine(quiet),
    )
    for warning in result.warnings:
        click.echo(f"callcoach: warning: {warning}", err=True)
    for f in result.failures:
        click.echo(f"callcoach: failed: {f.path}: {f.error}" + (" (unchanged since it last failed)" if f.known else ""), err=True)
    stopped = " (stopped at the first failure: --fail-fast)" if result.stopped else ""
    click.echo(
        f"{result.total} calls: {result.analysed} analysed, {result.skipped} already done, {result.failed} failed{stopped}; "
        f"{result.audio_s / 3600:.2f} h of audio in {_format_seconds(result.elapsed_s)} -> {result.summary_csv}, {result.team_html}"
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
    click.echo(f"{team.calls} calls -> {team.summary_csv}, {team.team_html}")
    if has_review_data(out):  # a coach reviewed calls here: re-score them under today's rubrics
        from callcoach.review.export import write_reviewed_scorecards
        from callcoach.review.store import ReviewStore

        store = ReviewStore(out)
        rescored = store.rescore_all()
        pages = write_reviewed_scorecards(store)
        click.echo(f"review: {rescored} calls re-scored, {len(pages)} reviewed scorecards written")


@cli.command()
@click.argument("results_dir", metavar="RESULTS_DIR", type=click.Path(path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Port on 127.0.0.1 (default: a free one).")
@click.option("--no-browser", is_flag=True, help="Only print the URL; do not open a browser.")
@click.option("--coach", default=None, help="Who makes the changes (default: your user name).")
@click.option("--audio-dir", type=click.Path(path_type=Path), default=None,
              help="Where the recordings are, when they moved (default: beside the analyses, the input folder "
                   "the batch recorded, or where `analyze` recorded them).")
@click.option("--rubric", default=None, help="Score every call under this rubric (name or YAML file; default: each call's own).")
def review(results_dir: Path, port: int, no_browser: bool, coach: str | None, audio_dir: Path | None,
           rubric: str | None) -> None:
    """Review calls in the browser: listen, fix speakers and tags, comment, override scores.

    Starts a web app on 127.0.0.1 only and prints its URL. Corrections, comments and overrides
    go to RESULTS_DIR/.callcoach-review.sqlite and a <stem>.review.json beside each analysis;
    the machine's <stem>.callcoach.json is never changed. Ctrl-C stops the server.

    \b
    Example:
      callcoach review results/
      callcoach review results/ --audio-dir calls/ --coach dana --port 8765 --no-browser
    """
    from callcoach.review.server import serve

    serve(results_dir, port=port, coach=coach, audio_dirs=[audio_dir] if audio_dir else [], rubric=rubric,
          open_browser=not no_browser, announce=lambda line: click.echo(line),
          warn=lambda line: click.echo(line, err=True))  # fmt: skip


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
    with that rubric afterwards use it; stored analyses are not changed.

    \b
    Example:
      callcoach learn results/ --rubric team.yaml
      callcoach analyze results/alice/call1.callcoach.json --rubric team.yaml --out rescored/
    """
    from callcoach.training.learn import learn as run_learn

    run_learn(results_dir, rubric_file, corpus=corpus, cache=_cache_dir(), log=lambda line: click.echo(line, err=True))


def _cache_dir() -> Path:
    from callcoach.tagging.matcher import cache_dir

    return cache_dir()


@cli.command()
@click.option("--model", default=None, help="ASR model name or path to resolve.")
def info(model: str | None) -> None:
    """Show the version and where each model resolves from (nothing is loaded or downloaded).

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
    for kind, resolve, arg in resolvers:
        try:
            r = resolve(arg)
            click.echo(f"{kind}: {r.name} {r.version} from {r.source} at {r.path}")
        except ModelNotFound as exc:
            click.echo(f"{kind}: NOT FOUND: {exc}")


@cli.group()
def rubric() -> None:
    """List the built-in rubrics, or check rubric files.

    \b
    Example:
      callcoach rubric list
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
    """Validate rubric files; each error names the file and the field.

    \b
    Example:
      callcoach rubric check rubrics/*.yaml
    """
    from callcoach.rubric import parse_rubric

    failed = 0
    for f in files:
        try:
            r = parse_rubric(f)
        except CallcoachError as exc:
            failed += 1
            click.echo(f"callcoach: error: {exc}", err=True)
        else:
            click.echo(f"{f}: ok ({r.ref}, {len(r.dimensions)} dimensions)")
    if failed:
        raise SystemExit(1)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="callcoach")
