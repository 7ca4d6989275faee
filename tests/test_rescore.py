"""``callcoach rescore`` and a batch that re-scores when only the rubric changed: hand-built
transcripts and synthetic stereo dialogues with a fake transcriber, no model weights.

The analyses are made by the real pipeline (``analyze``/``run_batch``); a re-scored analysis must
be byte for byte what a fresh analysis of the same call under the new rubric writes, its
``timings`` aside (the only run times an analysis holds; the scorecard page holds none).
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import pytest
from click.testing import CliRunner

from callcoach.asr import FakeTranscriber
from callcoach.batch import run_batch
from callcoach.batch.rescore import find_analyses, rescore_folder
from callcoach.batch.state import STATE_NAME, BatchState
from callcoach.cli import cli
from callcoach.output import dumps
from callcoach.pipeline import AnalyzeOptions, NlpModels, analyze
from callcoach.tagging.base import HashingEncoder
from tests import audio_factory as af

REPO = Path(__file__).resolve().parents[1]
DISCOVERY = REPO / "rubrics" / "discovery.yaml"

REP_LINES = (
    "Hi Sam, thanks for taking the time today.",
    "How many reps are on your team right now?",
    "What happens when a deal slips at the end of the quarter?",
    "How does that affect your forecast and the board?",
    "If you could fix that, what would it be worth to you?",
    "Could we meet next Tuesday with your VP to go through pricing?",
)
CUSTOMER_LINES = (
    "Sure, happy to chat for a bit.",
    "About forty reps across two offices.",
    "Honestly it sounds expensive, we already pay for a dialer.",
    "We miss the number and the board gets nervous.",
    "Is our data encrypted, and where is it stored?",
    "Yes, Tuesday at ten works, you can reach me at sam.lee@acme.com.",
)


def transcript(path: Path, seed: int, rounds: int = 20) -> Path:
    """A timed two-party sales call (rep Dana, customer Sam) as a callcoach JSON transcript."""
    t, utterances = 0.0, []
    for i in range(rounds):
        for speaker, lines in (("Dana", REP_LINES), ("Sam", CUSTOMER_LINES)):
            text = lines[(i + seed) % len(lines)]
            d = 1.5 + 0.1 * len(text.split())
            utterances.append({"speaker": speaker, "start": round(t, 3), "end": round(t + d, 3), "text": text})
            t += d + 0.4 + 0.05 * (seed % 3)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps({"utterances": utterances, "roles": {"Dana": "rep", "Sam": "customer"}}), encoding="utf-8"
    )
    return path


def dialogue(path: Path, seed: int, turns: int = 18, turn_s: float = 4.0) -> Path:
    """A stereo recording of two voices taking turns (rep left, customer right): a conversation
    for the fake transcriber, which makes words wherever a channel is loud."""
    rate = 16_000
    gap = int(0.6 * rate)
    n = turns * (int(turn_s * rate) + gap) + gap
    x = np.zeros((n, 2), dtype=np.float32)
    pos = gap
    for k in range(turns):
        length = turn_s + 0.25 * ((k + seed) % 3)
        burst = af.voice_burst(length, rate, f0=140.0 if k % 2 == 0 else 210.0, seed=seed * 100 + k)
        end = min(n, pos + len(burst))
        x[pos:end, k % 2] = burst[: end - pos]
        pos = end + gap
    path.parent.mkdir(parents=True, exist_ok=True)
    return af.write(path, x[:pos], rate, "wav16")


def team_rubric(
    path: Path, *, version: int = 7, weight: int = 3, examples: dict[str, list[str]] | None = None, privacy: str = ""
) -> Path:
    """The discovery rubric as a team's file: another version, its first dimension's weight
    changed (so scores move), optionally more examples (so tags change) or a privacy block."""
    text = DISCOVERY.read_text(encoding="utf-8")
    lines = text.splitlines()
    lines = [f"version: {version}" if ln.startswith("version:") else ln for ln in lines]
    first = next(i for i, ln in enumerate(lines) if ln.strip().startswith("weight:"))
    lines[first] = lines[first].split("weight:")[0] + f"weight: {weight}"
    text = "\n".join(lines) + "\n"
    if examples:
        block = "".join(f"  {label}: {json.dumps(phrases)}\n" for label, phrases in examples.items())
        text = text.replace("\nexamples:\n", "\nexamples:\n" + block, 1)
    if privacy:
        text += privacy
    path.write_text(text, encoding="utf-8")
    return path


def without_timings(raw: bytes) -> bytes:
    """An analysis's bytes with its run times emptied; the rest must be the canonical dump."""
    d = json.loads(raw)
    assert dumps(d).encode("utf-8") == raw  # nothing else differs from the canonical form
    d["timings"] = {}
    return dumps(d).encode("utf-8")


def assert_same_outputs(a: Path, b: Path, stem: str) -> None:
    ja, jb = (a / f"{stem}.callcoach.json").read_bytes(), (b / f"{stem}.callcoach.json").read_bytes()
    assert without_timings(ja) == without_timings(jb)
    assert (a / f"{stem}.scorecard.html").read_bytes() == (b / f"{stem}.scorecard.html").read_bytes()


NLP = NlpModels(HashingEncoder(), None)


class CountingFake(FakeTranscriber):
    calls_made: ClassVar[list[int]] = []

    def __init__(self) -> None:
        super().__init__(
            vocabulary=("so", "what", "does", "your", "team", "use", "today?", "we", "use", "spreadsheets")
        )

    def transcribe(self, samples: np.ndarray, hook: Any = None) -> list:  # type: ignore[override]
        CountingFake.calls_made.append(1)
        return super().transcribe(samples)


def fake_backend() -> dict[str, Any]:
    return {"transcriber": CountingFake(), "nlp": NlpModels(HashingEncoder(), None)}


BACKEND = "tests.test_rescore:fake_backend"


@pytest.fixture
def no_asr(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to construct or load the speech recogniser fails the test."""

    class NoAsr:
        def __init__(self, *a: Any, **k: Any) -> None:
            raise AssertionError("the ASR model must not be constructed")

    def no_load(*a: Any, **k: Any) -> Any:
        raise AssertionError("the ASR model must not be loaded")

    monkeypatch.setattr("callcoach.pipeline.FasterWhisperTranscriber", NoAsr)
    monkeypatch.setattr("callcoach.asr.FasterWhisperTranscriber", NoAsr)
    monkeypatch.setattr("callcoach.asr.resolve_asr", no_load)


def analysed_folder(tmp: Path, n: int = 3, rubric: str | None = None, **kw: Any) -> tuple[Path, list[Path]]:
    """``n`` transcripts analysed into ``tmp/results`` (the real pipeline, the weightless encoder)."""
    sources = [transcript(tmp / "calls" / f"call{i}.json", i) for i in range(n)]
    for src in sources:
        analyze(src, nlp=NLP, out=tmp / "results", rubric=rubric, **kw)
    return tmp / "results", sources


# --------------------------------------------------------------------------------------------
# callcoach rescore


def test_rescore_equals_a_fresh_analysis_under_the_rubric_without_asr_or_language_models(
    tmp_path: Path, no_asr: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    results, sources = analysed_folder(tmp_path)
    team = team_rubric(tmp_path / "team.yaml")
    before = {p.name: json.loads(p.read_text()) for p in find_analyses(results)}

    def no_nlp(opts: Any) -> Any:
        raise AssertionError("only the scoring changed: no language model may load")

    monkeypatch.setattr("callcoach.pipeline.default_nlp", no_nlp)
    run = rescore_folder(results, str(team), workers=0)
    assert (run.total, run.rescored, run.retagged, run.failures) == (3, 3, 0, ())
    monkeypatch.undo()

    fresh = tmp_path / "fresh"
    for src in sources:
        analyze(src, nlp=NLP, out=fresh, rubric=str(team))
    for src in sources:
        assert_same_outputs(results, fresh, src.stem)
    after = json.loads((results / "call0.callcoach.json").read_text())
    old = before["call0.callcoach.json"]
    assert after["scorecard"]["rubric"] == "discovery@7" and old["scorecard"]["rubric"] == "discovery@1"
    assert after["settings"]["rubric_file"] == str(team.resolve())
    assert after["settings"]["rubric_sha256"] != old["settings"]["rubric_sha256"]
    import hashlib

    assert after["settings"]["rubric_sha256"] == hashlib.sha256(team.read_bytes()).hexdigest()
    assert after["scorecard"]["score"] != old["scorecard"]["score"]  # the weight moved it
    assert after["utterances"] == old["utterances"]  # words and tags kept


def test_changed_examples_retag_and_still_match_a_fresh_analysis(tmp_path: Path, no_asr: None) -> None:
    results, sources = analysed_folder(tmp_path)
    team = team_rubric(tmp_path / "team.yaml", examples={"tracker.dialer": ["we already pay for a dialer"]})
    run = rescore_folder(results, str(team), workers=0)
    assert (run.rescored, run.retagged) == (3, 3)
    fresh = tmp_path / "fresh"
    for src in sources:
        analyze(src, nlp=NLP, out=fresh, rubric=str(team))
        assert_same_outputs(results, fresh, src.stem)
    d = json.loads((results / "call0.callcoach.json").read_text())
    assert any(t["label"] == "tracker.dialer" for u in d["utterances"] for t in u["tags"])
    # The same rubric again: the tags' inputs are those recorded, nothing is tagged again.
    again = rescore_folder(results, str(team), workers=0)
    assert (again.rescored, again.retagged) == (3, 0)
    assert_same_outputs(results, fresh, sources[0].stem)


def test_recordings_rescored_keep_their_player_and_match_a_fresh_analysis(tmp_path: Path, no_asr: None) -> None:
    rec = dialogue(tmp_path / "calls" / "dana" / "call1.wav", 1)
    analyze(rec, rep_channel="left", transcriber=CountingFake(), nlp=NLP, out=tmp_path / "results")
    team = team_rubric(tmp_path / "team.yaml")
    run = rescore_folder(tmp_path / "results", str(team), workers=0)
    assert run.rescored == 1
    analyze(rec, rep_channel="left", rubric=str(team), transcriber=CountingFake(), nlp=NLP, out=tmp_path / "fresh")
    assert_same_outputs(tmp_path / "results", tmp_path / "fresh", "call1")
    d = json.loads((tmp_path / "results" / "call1.callcoach.json").read_text())
    assert d["recording"] == "../calls/dana/call1.wav" and d["settings"]["rep_channel"] == "left"
    assert d["timings"] and "asr" not in d["timings"]  # this run's times: nothing was transcribed


def test_in_worker_processes_the_result_is_the_same(tmp_path: Path) -> None:
    results, _ = analysed_folder(tmp_path, n=4)
    copy = tmp_path / "copy"
    shutil.copytree(results, copy)
    team = team_rubric(tmp_path / "team.yaml")
    inline = rescore_folder(results, str(team), workers=0)
    pooled = rescore_folder(copy, str(team), workers=2)
    assert (inline.rescored, pooled.rescored, pooled.workers) == (4, 4, 2)
    for p in find_analyses(results):
        assert_same_outputs(results, copy, p.name.removesuffix(".callcoach.json"))


def test_a_corrupt_analysis_is_named_the_rest_rescored_and_the_exit_status_is_1(tmp_path: Path) -> None:
    results, _ = analysed_folder(tmp_path)
    (results / "call1.callcoach.json").write_text('{"schema": "callcoach.analysis/1", "utter', encoding="utf-8")
    (results / "sub").mkdir()
    (results / "sub" / "notes.callcoach.json").write_text('{"hello": 1}', encoding="utf-8")
    team = team_rubric(tmp_path / "team.yaml")
    res = CliRunner().invoke(cli, ["rescore", str(results), "--rubric", str(team), "--workers", "0"])
    assert res.exit_code == 1, res.output
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("callcoach: error:")]
    assert len(errors) == 2 and "Traceback" not in res.output
    assert "call1.callcoach.json: is not valid JSON" in errors[0] and "analyse the call again" in errors[0]
    assert "notes.callcoach.json: is not a callcoach analysis" in errors[1]
    assert "4 analyses: 2 re-scored under discovery@7, 2 failed" in res.stdout
    for name in ("call0", "call2"):
        assert json.loads((results / f"{name}.callcoach.json").read_text())["scorecard"]["rubric"] == "discovery@7"
    assert (results / "call1.callcoach.json").read_text().endswith('"utter')  # left as it was


def test_usage_errors_are_one_line(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    runner = CliRunner()
    res = runner.invoke(cli, ["rescore", str(tmp_path / "empty"), "--rubric", "demo"])
    assert res.exit_code == 1 and "no stored analyses" in res.stderr and "Traceback" not in res.output
    res = runner.invoke(cli, ["rescore", str(tmp_path / "nope"), "--rubric", "demo"])
    assert res.exit_code == 1 and "no such folder" in res.stderr
    results, _ = analysed_folder(tmp_path, n=1)
    (tmp_path / "bad.yaml").write_text("id: x\nversion: 1\n", encoding="utf-8")
    res = runner.invoke(cli, ["rescore", str(results), "--rubric", str(tmp_path / "bad.yaml")])
    assert res.exit_code == 1 and "bad.yaml" in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_a_redacted_analysis_stays_redacted_and_a_privacy_rubric_redacts(tmp_path: Path, no_asr: None) -> None:
    src = transcript(tmp_path / "calls" / "call0.json", 1)
    analyze(src, nlp=NLP, out=tmp_path / "plain")
    analyze(src, nlp=NLP, out=tmp_path / "redacted", redact=True)
    private = team_rubric(tmp_path / "private.yaml", privacy="privacy:\n  redact: true\n")
    # Unredacted, under a rubric that asks for redaction: redacted as a fresh analysis would be.
    run = rescore_folder(tmp_path / "plain", str(private), workers=0)
    assert (run.rescored, run.retagged, run.kept_redaction) == (1, 1, 0)
    analyze(src, nlp=NLP, out=tmp_path / "fresh", rubric=str(private))
    assert_same_outputs(tmp_path / "plain", tmp_path / "fresh", "call0")
    # Redacted, under a rubric that does not ask: it stays redacted, and says so.
    team = team_rubric(tmp_path / "team.yaml")
    res = CliRunner().invoke(cli, ["rescore", str(tmp_path / "redacted"), "--rubric", str(team), "--quiet"])
    assert res.exit_code == 0, res.output
    assert "1 analyses stay redacted" in res.stderr
    raw = (tmp_path / "redacted" / "call0.callcoach.json").read_text() + (
        tmp_path / "redacted" / "call0.scorecard.html"
    ).read_text()
    assert "sam.lee@acme.com" not in raw and "[EMAIL]" in raw
    d = json.loads((tmp_path / "redacted" / "call0.callcoach.json").read_text())
    assert d["settings"]["redact"] is True and d["redactions"] and d["scorecard"]["rubric"] == "discovery@7"


def test_review_corrections_stay_attached_and_the_history_gets_the_new_rubric(tmp_path: Path) -> None:
    from callcoach.review.corrections import Override, new_correction
    from callcoach.review.store import ReviewStore

    results, _ = analysed_folder(tmp_path, n=2)
    key = "call0"
    with ReviewStore(results) as store:
        call = store.analysis(key)
        customer = next(u for u in call.utterances if u.speaker == "Sam")
        store.add_correction(
            key, new_correction("add_tag", author="dana", utterance_ids=[customer.id], label="objection.need")
        )
        dim = store.rubric_for(key).dimensions[1].id
        store.set_override(key, Override(dim, 0.0, "missed the point", "dana"))
        before = store.score_history(key)
        assert before and {h["rubric_version"] for h in before} == {"1"}
    team = team_rubric(tmp_path / "team.yaml")
    run = rescore_folder(results, str(team), workers=0)
    assert run.reviewed >= 1
    with ReviewStore(results) as store:
        history = store.score_history(key)
        assert history[: len(before)] == before and [h["rubric_version"] for h in history[len(before) :]] == ["7"]
        state = store.state(key)
        assert len(state.corrections) == 1 and not state.corrections[0].stale and len(state.overrides) == 1
        r = store.rescored(key)
        assert r.applied and r.overrides and r.call.scorecard.rubric == "discovery@7"
        entry = store.entry(key)
        assert entry.rubric == "discovery@7" and entry.score == history[-1]["score"]


# --------------------------------------------------------------------------------------------
# Batch folders


def batch_calls(root: Path) -> Path:
    dialogue(root / "dana" / "call1.wav", 1)
    dialogue(root / "lee" / "call2.wav", 2)
    transcript(root / "lee" / "call3.json", 3)
    return root


def snapshot(out: Path) -> dict[str, bytes]:
    skip = {"batch-log.jsonl", "failures.jsonl"}
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name not in skip
    }


def test_batch_with_only_a_new_rubric_rescores_instead_of_transcribing(tmp_path: Path) -> None:
    calls = batch_calls(tmp_path / "calls")
    out = tmp_path / "results"
    opts = AnalyzeOptions()
    first = run_batch(calls, out, workers=0, options=opts, backend=BACKEND)
    assert (first.analysed, first.rescored) == (3, 0)
    transcribed = len(CountingFake.calls_made)
    team = team_rubric(tmp_path / "team.yaml")
    team_opts = AnalyzeOptions(rubric=str(team))
    second = run_batch(calls, out, workers=0, options=team_opts, backend=BACKEND)
    assert (second.analysed, second.rescored, second.skipped, second.failed) == (0, 3, 0, 0)
    assert len(CountingFake.calls_made) == transcribed  # nothing transcribed
    # The same as a fresh batch under the team rubric, state and team report included.
    fresh = tmp_path / "fresh"
    run_batch(calls, fresh, workers=0, options=team_opts, backend=BACKEND)
    assert snapshot(out) == snapshot(fresh)
    with open(out / "summary.csv", encoding="utf-8", newline="") as fh:
        scores = {r["path"]: r["score"] for r in csv.DictReader(fh)}
    d = json.loads((out / "dana" / "call1.callcoach.json").read_text())
    assert scores["dana/call1.wav"] == f"{d['scorecard']['score']:.1f}" and d["scorecard"]["rubric"] == "discovery@7"
    # Nothing changed now: skipped. A changed setting other than the rubric: analysed again.
    assert run_batch(calls, out, workers=0, options=team_opts, backend=BACKEND).skipped == 3
    third = run_batch(calls, out, workers=0, options=AnalyzeOptions(rubric=str(team), tagging=False), backend=BACKEND)
    assert (third.analysed, third.rescored) == (3, 0)


def test_batch_summary_says_re_scored(tmp_path: Path) -> None:
    calls = tmp_path / "calls"
    transcript(calls / "a.json", 1)
    transcript(calls / "b.json", 2)
    out = tmp_path / "results"
    # Transcripts need no recogniser; in this process the conftest's weightless encoder tags.
    runner = CliRunner()
    res = runner.invoke(cli, ["batch", str(calls), "--out", str(out), "--workers", "0", "--quiet"])
    assert res.exit_code == 0, res.output
    team = team_rubric(tmp_path / "team.yaml")
    res = runner.invoke(cli, ["batch", str(calls), "--out", str(out), "--workers", "0", "--rubric", str(team)])
    assert res.exit_code == 0, res.output
    assert "2 re-scored (only the rubric changed)" in res.output
    assert "[batch] 2 inputs: 0 to analyse, 2 to re-score" in res.stderr


def test_rescore_of_a_batch_folder_updates_its_state_and_team_report(tmp_path: Path) -> None:
    calls = batch_calls(tmp_path / "calls")
    out = tmp_path / "results"
    opts = AnalyzeOptions()
    run_batch(calls, out, workers=0, options=opts, backend=BACKEND)
    team = team_rubric(tmp_path / "team.yaml")
    csv_before = (out / "summary.csv").read_text()
    run = rescore_folder(out, str(team), workers=0)
    assert run.rescored == 3 and run.team is not None
    assert (out / "summary.csv").read_text() != csv_before  # the team report has the new scores
    d = json.loads((out / "lee" / "call3.callcoach.json").read_text())
    with open(out / "summary.csv", encoding="utf-8", newline="") as fh:
        rows = {r["path"]: r for r in csv.DictReader(fh)}
    assert rows["lee/call3.json"]["score"] == f"{d['scorecard']['score']:.1f}"
    fresh = tmp_path / "fresh"
    run_batch(calls, fresh, workers=0, options=AnalyzeOptions(rubric=str(team)), backend=BACKEND)
    for name in ("summary.csv", "team.html"):  # as a batch under the team rubric makes them
        assert (out / name).read_bytes() == (fresh / name).read_bytes()
    state = BatchState.load(out)
    assert all(e.rubric_sha256 for e in state.entries.values())
    transcribed = len(CountingFake.calls_made)
    # The batch with the rubric the folder is now scored under has nothing to do ...
    same = run_batch(calls, out, workers=0, options=AnalyzeOptions(rubric=str(team)), backend=BACKEND)
    assert (same.skipped, same.rescored, same.analysed) == (3, 0, 0)
    # ... and the batch with the old rubric re-scores back, transcribing nothing.
    back = run_batch(calls, out, workers=0, options=opts, backend=BACKEND)
    assert (back.rescored, back.analysed) == (3, 0) and len(CountingFake.calls_made) == transcribed
    assert json.loads((out / "lee" / "call3.callcoach.json").read_text())["scorecard"]["rubric"] == "discovery@1"
    assert (out / STATE_NAME).is_file()


def test_rescore_of_a_subfolder_keeps_the_batch_above_it_in_step(tmp_path: Path) -> None:
    calls = tmp_path / "calls"
    transcript(calls / "dana" / "a.json", 1)
    transcript(calls / "lee" / "b.json", 2)
    out = tmp_path / "results"
    run_batch(calls, out, workers=0, backend=BACKEND)
    team = team_rubric(tmp_path / "team.yaml")
    run = rescore_folder(out / "dana", str(team), workers=0)
    assert run.rescored == 1 and run.team is not None and run.team.summary_csv == out / "summary.csv"
    with open(out / "summary.csv", encoding="utf-8", newline="") as fh:
        rows = {r["path"]: r["score"] for r in csv.DictReader(fh)}
    d = json.loads((out / "dana" / "a.callcoach.json").read_text())
    assert rows["dana/a.json"] == f"{d['scorecard']['score']:.1f}" and d["scorecard"]["rubric"] == "discovery@7"
    # The batch under the team rubric re-scores only lee's call; dana's is already under it.
    again = run_batch(calls, out, workers=0, options=AnalyzeOptions(rubric=str(team)), backend=BACKEND)
    assert (again.skipped, again.rescored, again.analysed) == (1, 1, 0)
