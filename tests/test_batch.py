"""Batch runs over folders of synthetic calls with a fake transcriber: no model weights.

In-process runs (``workers=0``) count the transcriber's calls; worker processes do not inherit
monkeypatches, so every run plugs the fakes in through ``backend=`` ("module:function", imported
once in each worker), which is also what the process-pool and kill -9 tests use.
"""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from callcoach.asr import FakeTranscriber
from callcoach.batch import BatchProgress, analyze_one, build_team_report, run_batch
from callcoach.batch.inputs import find_inputs
from callcoach.batch.manifest import call_meta, read_manifest
from callcoach.batch.state import STATE_NAME
from callcoach.batch.worker import scorecard_renderer_available
from callcoach.errors import CallcoachError
from callcoach.pipeline import AnalyzeOptions
from tests import audio_factory as af

REPO = Path(__file__).resolve().parents[1]
LOGS = {"batch-log.jsonl", "failures.jsonl"}
OPTIONS = AnalyzeOptions()


# --------------------------------------------------------------------------------------------
# Backends (imported by worker processes as "tests.test_batch:<name>")
# --------------------------------------------------------------------------------------------

TRANSCRIBED: list[int] = []  # one entry per transcribe() in this process
INTERRUPT_AFTER: list[int] = []  # set: Ctrl-C once TRANSCRIBED reaches this many


class CountingFake(FakeTranscriber):
    def __init__(self, delay: float = 0.0, crash_at_seconds: float | None = None) -> None:
        super().__init__(
            vocabulary=("so", "what", "does", "your", "team", "use", "today?", "we", "use", "spreadsheets")
        )
        self.delay = delay
        self.crash_at_seconds = crash_at_seconds

    def transcribe(self, samples: np.ndarray, hook: Any = None) -> list:  # type: ignore[override]
        if INTERRUPT_AFTER and len(TRANSCRIBED) >= INTERRUPT_AFTER[0]:
            raise KeyboardInterrupt  # Ctrl-C in the middle of a call
        if self.crash_at_seconds is not None and abs(len(samples) / 16_000 - self.crash_at_seconds) < 0.01:
            import multiprocessing

            if multiprocessing.parent_process() is not None:
                os._exit(3)  # a native crash in a worker process
            raise RuntimeError("simulated decoder bug")
        TRANSCRIBED.append(1)
        if self.delay:
            time.sleep(self.delay)
        return super().transcribe(samples)


def _nlp() -> Any:
    from callcoach.pipeline import NlpModels
    from callcoach.tagging.base import HashingEncoder

    return NlpModels(HashingEncoder(), None)


def fake_backend() -> dict[str, Any]:
    # A delay (for the kill -9 test's subprocess) changes no result, so it is not a new backend.
    return {"transcriber": CountingFake(delay=float(os.environ.get("TEST_BATCH_DELAY", "0"))), "nlp": _nlp()}


def crashing_backend() -> dict[str, Any]:
    """Dies (in a worker process) on the 7 s call."""
    return {"transcriber": CountingFake(crash_at_seconds=7.0), "nlp": _nlp()}


BACKEND = "tests.test_batch:fake_backend"

FAKE_NOW: list[float] = [0.0]  # the ETA's clock in the ETA test: advanced by the fakes below
LOAD_S, ASR_S_PER_S = 5.0, 1.0  # loading the models; recognising one second of one channel


class ClockedFake(CountingFake):
    """Takes ASR_S_PER_S of fake time per second of audio it transcribes."""

    def transcribe(self, samples: np.ndarray, hook: Any = None) -> list:  # type: ignore[override]
        FAKE_NOW[0] += ASR_S_PER_S * len(samples) / 16_000
        return super().transcribe(samples)


def clocked_backend() -> dict[str, Any]:
    FAKE_NOW[0] += LOAD_S  # once per worker, as the real models load
    return {"transcriber": ClockedFake(), "nlp": _nlp()}


# --------------------------------------------------------------------------------------------
# Folders of calls
# --------------------------------------------------------------------------------------------


def good_call(path: Path, seed: int, duration: float = 4.0, fmt: str = "wav16") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = af.voice(duration, 16_000, channels=2, seed=seed, burst=0.5 + 0.1 * (seed % 3))
    return af.write(path, data, 16_000, fmt)


def six_calls(root: Path) -> Path:
    """alice: 2 good calls; bob: 1 good, 1 corrupt (random bytes); top level: 1 good, 1 truncated."""
    good_call(root / "alice" / "call1.wav", 1)
    good_call(root / "alice" / "call2.flac", 2, fmt="flac")
    good_call(root / "bob" / "call3.wav", 3)
    (root / "bob").mkdir(exist_ok=True)
    af.write_random_bytes(root / "bob" / "broken.wav")
    good_call(root / "call5.wav", 5)
    af.write_truncated_wav(root / "cut.wav")
    return root


def snapshot(out: Path, skip: frozenset[str] | set[str] = frozenset(LOGS)) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name not in skip
    }


def failures_without_time(out: Path) -> list[dict[str, Any]]:
    lines = (
        (out / "failures.jsonl").read_text(encoding="utf-8").splitlines() if (out / "failures.jsonl").exists() else []
    )
    return sorted(
        ({k: v for k, v in json.loads(line).items() if k != "time"} for line in lines), key=lambda d: d["path"]
    )


def read_summary(out: Path) -> list[dict[str, str]]:
    with open(out / "summary.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(autouse=True)
def _reset_counter() -> None:
    TRANSCRIBED.clear()
    INTERRUPT_AFTER.clear()
    FAKE_NOW[0] = 0.0


# --------------------------------------------------------------------------------------------
# A folder with bad files; re-runs
# --------------------------------------------------------------------------------------------


def test_bad_files_are_recorded_and_the_rest_is_analysed(tmp_path: Path) -> None:
    calls, out = six_calls(tmp_path / "calls"), tmp_path / "out"
    seen: list[BatchProgress] = []
    result = run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND, progress=seen.append)

    assert (result.total, result.analysed, result.skipped, result.failed) == (6, 4, 0, 2)
    assert not result.ok and not result.stopped
    assert len(TRANSCRIBED) == 8  # 4 stereo calls, one pass per channel
    for rel in ("alice/call1", "alice/call2", "bob/call3", "call5"):
        d = json.loads((out / f"{rel}.callcoach.json").read_text(encoding="utf-8"))
        assert d["timings"] == {}  # run times go to the batch log, not into results
        assert d["meta"]["path"].startswith(rel)
        if scorecard_renderer_available():
            assert (out / f"{rel}.scorecard.html").is_file()
    assert not (out / "bob" / "broken.callcoach.json").exists()
    failed = failures_without_time(out)
    assert [f["path"] for f in failed] == ["bob/broken.wav", "cut.wav"]
    assert "broken.wav" in failed[0]["error"] and "internal error" not in failed[0]["error"]
    assert "cut.wav" in failed[1]["error"] and "internal error" not in failed[1]["error"]
    assert [f.path for f in result.failures] == ["bob/broken.wav", "cut.wav"]
    rows = read_summary(out)
    assert [r["path"] for r in rows] == ["alice/call1.wav", "alice/call2.flac", "bob/call3.wav", "call5.wav"]
    assert [r["rep"] for r in rows] == ["alice", "alice", "bob", ""]  # folder convention
    # 4 s fake calls are analysed and labelled, never scored as conversations (callcoach.conversation)
    assert all(r["conversation"] == "too_short" and r["conversation_reason"] and not r["score"] for r in rows)
    # progress: start, one report per input run, end; counts add up
    assert seen[0].status == "start" and seen[-1].status == "end"
    assert (seen[-1].done, seen[-1].total, seen[-1].analysed, seen[-1].failed) == (6, 6, 4, 2)
    assert any(p.eta_s is not None for p in seen[1:-1])
    log = [json.loads(x) for x in (out / "batch-log.jsonl").read_text().splitlines()]
    assert [e["event"] for e in log].count("analysed") == 4 and log[-1]["event"] == "end"


def test_rerun_skips_everything_and_changes_no_byte(tmp_path: Path) -> None:
    calls, out = six_calls(tmp_path / "calls"), tmp_path / "out"
    run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND)
    before = snapshot(out, skip={"batch-log.jsonl"})
    TRANSCRIBED.clear()

    again = run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND)

    assert TRANSCRIBED == []
    assert (again.analysed, again.skipped, again.failed) == (0, 4, 2)
    assert all(f.known for f in again.failures)
    assert snapshot(out, skip={"batch-log.jsonl"}) == before  # failures.jsonl included: not re-appended


def test_failed_calls_are_on_the_team_page_and_leave_failures_jsonl_once_gone_or_fixed(tmp_path: Path) -> None:
    calls, out = six_calls(tmp_path / "calls"), tmp_path / "out"
    af.write_random_bytes(calls / "bob" / "<i>odd.wav")  # a name that must be escaped on the page
    r = run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND)
    assert r.failed == 3
    page = (out / "team.html").read_text(encoding="utf-8")
    assert "<a href='#failed'>3 calls failed</a> and are not counted" in page
    assert "Failed calls (3)" in page and "bob/broken.wav" in page and "cut.wav" in page
    assert "bob/&lt;i&gt;odd.wav" in page and "<i>odd" not in page
    reason = next(f.error for f in r.failures if f.path == "cut.wav")
    assert reason.split(": ", 1)[1] in page  # the one-line reason, as failures.jsonl has it

    # One bad file is deleted: `callcoach report` (nothing re-run) already leaves it out.
    (calls / "bob" / "broken.wav").unlink()
    assert build_team_report(out).failed == 2
    assert "bob/broken.wav" not in (out / "team.html").read_text(encoding="utf-8")

    # Another is replaced by a good recording; the next run drops both from failures.jsonl.
    good_call(calls / "cut.wav", 9)
    r = run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND)
    assert (r.analysed, r.failed) == (1, 1)
    assert [f["path"] for f in failures_without_time(out)] == ["bob/<i>odd.wav"]
    page = (out / "team.html").read_text(encoding="utf-8")
    assert "1 call failed</a> and is not counted" in page and "Failed calls (1)" in page
    assert "cut.wav" not in page.split("id=failed", 1)[1]

    (calls / "bob" / "<i>odd.wav").unlink()
    before = snapshot(out, skip={"batch-log.jsonl", "failures.jsonl", "team.html"})
    r = run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND)
    assert (r.total, r.failed, r.skipped) == (5, 0, 5)
    assert failures_without_time(out) == []
    page = (out / "team.html").read_text(encoding="utf-8")
    assert "failed" not in page.lower()
    assert snapshot(out, skip={"batch-log.jsonl", "failures.jsonl", "team.html"}) == before


def test_a_call_that_fails_again_keeps_one_line_with_its_latest_error(tmp_path: Path) -> None:
    calls, out = tmp_path / "calls", tmp_path / "out"
    good_call(calls / "a.wav", 1)
    af.write_random_bytes(calls / "b.wav", seed=1)
    run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND)
    af.truncate_bytes(good_call(calls / "b.wav", 2), 0.5)  # new bytes, a new way to fail
    run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND)
    failed = failures_without_time(out)
    assert [f["path"] for f in failed] == ["b.wav"] and "truncated" in failed[0]["error"]


def test_the_first_eta_after_a_transcript_is_sane(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A transcript that finishes first (just after the models load) says nothing about the
    speed of the ASR: no estimate then; the first one comes from a recording and is close."""
    from callcoach.batch import eta

    calls, out = tmp_path / "calls", tmp_path / "out"
    calls.mkdir()
    (calls / "a-intro.vtt").write_text(
        "WEBVTT\n\n00:00.000 --> 00:02.000\n<v Dana>What does your team use today?\n\n"
        "00:02.500 --> 00:04.000\n<v Sam>Spreadsheets, mostly.\n"
    )
    for i in range(4):
        good_call(calls / f"call{i}.wav", i + 1, duration=4.0)
    monkeypatch.setattr(eta, "_now", lambda: FAKE_NOW[0])
    seen: list[BatchProgress] = []
    clocked = "tests.test_batch:clocked_backend"
    r = run_batch(calls, out, workers=0, options=OPTIONS, backend=clocked, progress=seen.append)
    assert (r.analysed, r.failed) == (5, 0)
    runs = [p for p in seen if p.status == "analysed"]
    assert runs[0].path == "a-intro.vtt" and runs[0].eta_s is None  # the old estimate: hours
    assert runs[1].path == "call0.wav" and runs[1].eta_s is not None
    per_call = 2 * 4.0 * ASR_S_PER_S  # two channels of 4 s
    for left, p in zip((3, 2, 1), runs[1:4], strict=True):
        # the truth, and at most the models' load time on top, spread over the calls done
        assert left * per_call <= p.eta_s <= left * per_call * 2, (p.path, p.eta_s)
    assert runs[-1].eta_s is None  # nothing left
    from callcoach.cli import BatchProgressLine

    capsys.readouterr()
    for p in runs[:2]:
        BatchProgressLine()(p)
    assert capsys.readouterr().err.splitlines() == [
        "[batch] 1/5 done: a-intro.vtt",
        "[batch] 2/5 done: call0.wav, less than a minute left",
    ]


def test_eta_waits_for_a_call_per_worker_and_drops_failed_work() -> None:
    from callcoach.batch.eta import EtaEstimator

    now = [0.0]
    costs = {"a": 60.0, "b": 60.0, "c": 60.0, "d": 60.0, "bad": 600.0, "t.vtt": 0.0}
    est = EtaEstimator(costs, workers=2, clock=lambda: now[0])
    now[0] = 1.0
    est.finished("bad", ok=False)  # fails at once: its 600 s of audio are no longer work to do
    est.finished("t.vtt", ok=True)  # no ASR: says nothing about the speed
    assert est.seconds_left() is None
    now[0] = 40.0
    est.finished("a", ok=True)
    assert est.seconds_left() is None  # two workers: the first call done stands for two in flight
    now[0] = 45.0
    est.finished("b", ok=True)
    assert est.seconds_left() == pytest.approx(45.0)  # 120 s of audio in 45 s, 120 s left
    only_transcripts = EtaEstimator({"x.vtt": 0.0, "y.vtt": 0.0, "z.vtt": 0.0}, workers=1, clock=lambda: now[0])
    now[0] += 2.0
    only_transcripts.finished("x.vtt", ok=True)
    assert only_transcripts.seconds_left() == pytest.approx(4.0)  # by files: 2 s each, 2 left


def test_task_costs_read_the_headers_and_estimate_the_rest_from_size(tmp_path: Path) -> None:
    from callcoach.batch.eta import task_costs

    wav = good_call(tmp_path / "a.wav", 1, duration=4.0)
    flac = good_call(tmp_path / "b.flac", 2, duration=6.0, fmt="flac")
    junk = af.write_random_bytes(tmp_path / "c.mp3", size=64_000)
    vtt = tmp_path / "d.vtt"
    vtt.write_text("WEBVTT\n")
    paths = {p.name: p for p in (wav, flac, junk, vtt)}
    sizes = {k: p.stat().st_size for k, p in paths.items()}
    costs = task_costs(paths, sizes)
    assert costs["a.wav"] == pytest.approx(4.0) and costs["b.flac"] == pytest.approx(6.0) and costs["d.vtt"] == 0.0
    rate = (sizes["a.wav"] + sizes["b.flac"]) / 10.0  # the batch's own bytes per second
    assert costs["c.mp3"] == pytest.approx(64_000 / rate)


def test_changed_input_or_settings_are_analysed_again(tmp_path: Path) -> None:
    calls, out = tmp_path / "calls", tmp_path / "out"
    good_call(calls / "a.wav", 1)
    good_call(calls / "b.wav", 2)
    run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND)
    TRANSCRIBED.clear()
    good_call(calls / "b.wav", 7, duration=5.0)  # new content
    r = run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND)
    assert (r.analysed, r.skipped) == (1, 1) and len(TRANSCRIBED) == 2
    os.utime(calls / "a.wav", ns=(1, 1))  # touched, same bytes: still skipped
    r = run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND)
    assert (r.analysed, r.skipped) == (0, 2)
    r = run_batch(calls, out, workers=0, options=AnalyzeOptions(rep_channel="right"), backend=BACKEND)
    assert (r.analysed, r.skipped) == (2, 0)
    # threads do not change results: not a reason to analyse again
    r = run_batch(calls, out, workers=0, options=AnalyzeOptions(rep_channel="right", threads=1), backend=BACKEND)
    assert (r.analysed, r.skipped) == (0, 2)


def test_a_file_that_becomes_corrupt_loses_its_stale_outputs(tmp_path: Path) -> None:
    calls, out = tmp_path / "calls", tmp_path / "out"
    good_call(calls / "a.wav", 1)
    good_call(calls / "b.wav", 2)
    run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND)
    af.truncate_bytes(calls / "b.wav", 0.3)
    r = run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND)
    assert (r.analysed, r.skipped, r.failed) == (0, 1, 1)
    assert not (out / "b.callcoach.json").exists()
    assert [row["path"] for row in read_summary(out)] == ["a.wav"]


# --------------------------------------------------------------------------------------------
# Interruptions
# --------------------------------------------------------------------------------------------


def test_ctrl_c_then_resume_gives_the_same_outputs_as_an_uninterrupted_run(tmp_path: Path) -> None:
    calls = six_calls(tmp_path / "calls")
    clean = tmp_path / "clean"
    run_batch(calls, clean, workers=0, options=OPTIONS, backend=BACKEND)

    out = tmp_path / "out"
    TRANSCRIBED.clear()
    INTERRUPT_AFTER.append(4)  # after 2 stereo calls
    with pytest.raises(KeyboardInterrupt):
        run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND)
    assert len(TRANSCRIBED) == 4
    INTERRUPT_AFTER.clear()
    assert json.loads((out / STATE_NAME).read_text())["inputs"]["alice/call2.flac"]["status"] == "done"
    TRANSCRIBED.clear()
    r = run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND)
    assert r.analysed == 2 and len(TRANSCRIBED) == 4  # only what was left
    assert snapshot(out) == snapshot(clean)
    assert failures_without_time(out) == failures_without_time(clean)


def test_kill_9_then_resume_gives_the_same_outputs_as_an_uninterrupted_run(tmp_path: Path) -> None:
    calls = six_calls(tmp_path / "calls")
    clean, out = tmp_path / "clean", tmp_path / "out"
    run_batch(calls, clean, workers=0, options=OPTIONS, backend=BACKEND)
    code = (
        "import sys; from callcoach.batch import run_batch; from callcoach.pipeline import AnalyzeOptions; "
        "run_batch(sys.argv[1], sys.argv[2], workers=0, options=AnalyzeOptions(), backend='tests.test_batch:fake_backend')"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO), "TEST_BATCH_DELAY": "0.4"}
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(calls), str(out)], cwd=REPO, env=env, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                inputs = json.loads((out / STATE_NAME).read_text())["inputs"]
            except (OSError, ValueError):
                inputs = {}
            if sum(1 for e in inputs.values() if e["status"] == "done") >= 2:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the batch finished before it could be killed"
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    done = [p for p in out.rglob("*.callcoach.json")]
    assert 2 <= len(done) < 4

    r = run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND)
    assert r.analysed == 4 - len(done)
    assert snapshot(out, skip=LOGS | {p.name for p in out.rglob("*.tmp")}) == snapshot(clean)


# --------------------------------------------------------------------------------------------
# The process pool
# --------------------------------------------------------------------------------------------


def test_process_pool_writes_what_in_process_writes_and_survives_a_worker_crash(tmp_path: Path) -> None:
    calls = tmp_path / "calls"
    good_call(calls / "a.wav", 1)
    good_call(calls / "b.wav", 2)
    good_call(calls / "c.wav", 3, duration=7.0)  # kills its worker process
    good_call(calls / "d.wav", 4)
    af.write_text_as(calls / "e.wav")
    inline, pool = tmp_path / "inline", tmp_path / "pool"
    backend = "tests.test_batch:crashing_backend"
    r1 = run_batch(calls, inline, workers=0, options=OPTIONS, backend=backend)
    r2 = run_batch(calls, pool, workers=2, options=OPTIONS, backend=backend)

    assert (r2.analysed, r2.failed, r2.workers) == (3, 2, 2)
    errors = {f.path: f.error for f in r2.failures}
    assert "worker process died" in errors["c.wav"] and "e.wav" in errors["e.wav"]
    assert "simulated decoder bug" in {f.path: f.error for f in r1.failures}["c.wav"]
    assert snapshot(pool, LOGS | {"team.html"}) == snapshot(inline, LOGS | {"team.html"})
    # The team page lists the same failed calls; only why c.wav failed differs (a crash here).
    pages = [(d / "team.html").read_text(encoding="utf-8").split("<section id=failed>") for d in (pool, inline)]
    assert pages[0][0] == pages[1][0]
    assert [re.findall(r"<tr><td>([^<]*)</td>", p[1]) for p in pages] == [["c.wav", "e.wav"]] * 2


def test_fail_fast_stops_at_the_first_failure(tmp_path: Path) -> None:
    calls, out = tmp_path / "calls", tmp_path / "out"
    good_call(calls / "1.wav", 1)
    af.write_random_bytes(calls / "2.wav")
    good_call(calls / "3.wav", 3)
    good_call(calls / "4.wav", 4)
    r = run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND, fail_fast=True)
    assert (r.analysed, r.failed, r.stopped) == (1, 1, True)
    assert len(TRANSCRIBED) == 2
    assert sorted(p.name for p in out.rglob("*.callcoach.json")) == ["1.callcoach.json"]
    assert [row["path"] for row in read_summary(out)] == ["1.wav"]


def test_fail_fast_in_a_pool_stops_the_workers(tmp_path: Path) -> None:
    calls, out = tmp_path / "calls", tmp_path / "out"
    calls.mkdir()
    af.write_random_bytes(calls / "0.wav")
    for i in range(1, 5):
        good_call(calls / f"{i}.wav", i)
    r = run_batch(calls, out, workers=1, options=OPTIONS, backend=BACKEND, fail_fast=True)
    assert r.stopped and r.failed == 1 and r.analysed == 0


# --------------------------------------------------------------------------------------------
# Inputs, glob, metadata
# --------------------------------------------------------------------------------------------


def test_inputs_exclude_our_outputs_hidden_files_and_the_output_folder(tmp_path: Path) -> None:
    calls = tmp_path / "calls"
    good_call(calls / "a.wav", 1)
    (calls / "notes.txt").write_text("x")
    (calls / "._a.wav").write_bytes(b"\0" * 10)  # macOS resource fork
    (calls / "old.callcoach.json").write_text(json.dumps({"utterances": []}))
    (calls / "old.review.json").write_text(json.dumps({"utterances": []}))
    (calls / "other.json").write_text(json.dumps({"not": "a transcript"}))
    (calls / "t.vtt").write_text(
        "WEBVTT\n\n00:00.000 --> 00:02.000\n<v Dana>What does your team use today?\n\n"
        "00:02.500 --> 00:04.000\n<v Sam>Spreadsheets, mostly.\n"
    )
    out = calls / "results"
    assert [i.rel for i in find_inputs(calls, out)] == ["a.wav", "t.vtt"]
    r = run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND)
    assert (r.total, r.analysed, r.failed) == (2, 2, 0)
    assert [i.rel for i in find_inputs(calls, out)] == ["a.wav", "t.vtt"]  # our outputs are not inputs
    assert run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND).skipped == 2


def test_a_broken_json_transcript_is_a_recorded_failure_not_silently_left_out(tmp_path: Path) -> None:
    calls = tmp_path / "calls"
    calls.mkdir()
    good = {"utterances": [{"speaker": "A", "text": "What do you use today?"}, {"speaker": "B", "text": "Salesforce."}]}
    (calls / "good.json").write_text(json.dumps(good))
    (calls / "cut.json").write_text(json.dumps(good)[:40])  # an export cut short
    (calls / "wrong.json").write_text(json.dumps({"utterances": "A: hi"}))
    (calls / "latin1.json").write_bytes('{"utterances": [{"speaker": "Ren\xe9", "text": "hi"}]}'.encode("latin-1"))
    (calls / "crm.json").write_text(json.dumps({"deal": 42, "stage": "discovery"}))  # other data
    (calls / "list.json").write_text("[1, 2, 3]")
    out = tmp_path / "out"
    assert [i.rel for i in find_inputs(calls, out)] == ["cut.json", "good.json", "latin1.json", "wrong.json"]
    r = run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND)
    assert (r.total, r.analysed, r.failed) == (4, 1, 3)
    failures = {f["path"]: f["error"] for f in map(json.loads, (out / "failures.jsonl").read_text().splitlines())}
    assert sorted(failures) == ["cut.json", "latin1.json", "wrong.json"]
    assert "is not valid JSON" in failures["cut.json"] and "line 1" in failures["cut.json"]
    assert "'utterances' is a string, not a list" in failures["wrong.json"]
    assert all("\n" not in e and str(calls) in e for e in failures.values())
    assert (out / "good.callcoach.json").is_file() and not (out / "crm.callcoach.json").exists()


@pytest.mark.parametrize("where", ["same", "parent"])
def test_output_folder_equal_to_or_above_the_input_folder(tmp_path: Path, where: str) -> None:
    calls = tmp_path / "calls"
    good_call(calls / "alice" / "a.wav", 1)
    out = calls if where == "same" else tmp_path
    r = run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND)
    assert (r.total, r.analysed) == (1, 1)
    assert (out / "alice" / "a.callcoach.json").is_file()
    assert [i.rel for i in find_inputs(calls, out)] == ["alice/a.wav"]
    assert run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND).skipped == 1


def test_two_inputs_with_one_output_name_do_not_overwrite_each_other(tmp_path: Path) -> None:
    calls, out = tmp_path / "calls", tmp_path / "out"
    good_call(calls / "call.flac", 1, fmt="flac")
    good_call(calls / "call.wav", 2)
    r = run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND)
    assert (r.analysed, r.failed) == (1, 1)
    assert "call.wav" in r.failures[0].error and "rename" in r.failures[0].error
    assert run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND).failures[0].known
    stopped = run_batch(calls, tmp_path / "out2", workers=0, options=OPTIONS, backend=BACKEND, fail_fast=True)
    assert (stopped.stopped, stopped.analysed, stopped.failed) == (True, 0, 1)  # found before analysing anything


@pytest.mark.parametrize(
    ("glob", "expected"),
    [
        ("alice/*", ["alice/call1.wav", "alice/call2.flac"]),
        ("*.flac", ["alice/call2.flac"]),
        ("call5.wav", ["call5.wav"]),
    ],
)
def test_glob_filters_on_the_relative_path(tmp_path: Path, glob: str, expected: list[str]) -> None:
    calls, out = six_calls(tmp_path / "calls"), tmp_path / "out"
    r = run_batch(calls, out, glob=glob, workers=0, options=OPTIONS, backend=BACKEND)
    assert r.total == len(expected) and r.failed == 0
    assert [row["path"] for row in read_summary(out)] == expected


def test_manifest_and_folder_metadata_reach_the_json_and_the_summary(tmp_path: Path) -> None:
    calls, out = six_calls(tmp_path / "calls"), tmp_path / "out"
    manifest = tmp_path / "calls.csv"
    manifest.write_text(
        "\ufefffile,Rep,team,date,stage,outcome,deal id\n"
        "alice/call1.wav,Alice Ng,East,2024-05-01,discovery,won,D-1\n"
        "./call5.wav,Carol,West,2024-05-03,demo,,\n"
        "bob/call3.wav,,East,2024-05-02,,,\n",
        encoding="utf-8",
    )
    r = run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND, manifest=manifest)
    assert r.analysed == 4
    meta = json.loads((out / "alice" / "call1.callcoach.json").read_text())["meta"]
    assert meta == {
        "path": "alice/call1.wav",
        "rep": "Alice Ng",
        "team": "East",
        "date": "2024-05-01",
        "stage": "discovery",
        "outcome": "won",
        "deal_id": "D-1",
    }
    assert json.loads((out / "bob" / "call3.callcoach.json").read_text())["meta"]["rep"] == "bob"  # folder fallback
    rows = {row["path"]: row for row in read_summary(out)}
    assert (rows["call5.wav"]["rep"], rows["call5.wav"]["team"], rows["call5.wav"]["stage"]) == (
        "Carol",
        "West",
        "demo",
    )
    # Not in the manifest: its folder alice/ names the manifest's rep Alice Ng (one rep, not two).
    assert (rows["alice/call2.flac"]["rep"], rows["alice/call2.flac"]["team"]) == ("Alice Ng", "")

    # A corrected manifest updates the outputs without analysing again.
    TRANSCRIBED.clear()
    manifest.write_text("file,rep\nalice/call1.wav,Alice Ng-Smith\n", encoding="utf-8")
    r = run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND, manifest=manifest)
    assert TRANSCRIBED == [] and r.skipped == 4
    assert json.loads((out / "alice" / "call1.callcoach.json").read_text())["meta"]["rep"] == "Alice Ng-Smith"
    assert {row["path"]: row["rep"] for row in read_summary(out)}["alice/call1.wav"] == "Alice Ng-Smith"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rep,team\nx,y\n", "no 'file' column"),
        ("file,rep\na.wav,x\na.wav,y\n", "listed twice"),
        ("file,rep\n,x\n", "'file' value is empty"),
    ],
)
def test_bad_manifests_name_the_problem(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "m.csv").write_text(text)
    with pytest.raises(CallcoachError, match=message):
        read_manifest(tmp_path / "m.csv")


def test_call_meta_folder_convention() -> None:
    assert call_meta("alice/2024/x.wav", None) == {"path": "alice/2024/x.wav", "rep": "alice"}
    assert call_meta("x.wav", None) == {"path": "x.wav"}


# --------------------------------------------------------------------------------------------
# The team report
# --------------------------------------------------------------------------------------------


def test_team_report_is_offline_escaped_and_rebuilt_from_the_jsons_alone(tmp_path: Path) -> None:
    calls, out = six_calls(tmp_path / "calls"), tmp_path / "out"
    manifest = tmp_path / "m.csv"
    manifest.write_text('file,rep,team\nalice/call1.wav,<script>x</script>,"A&B ""East"""\n', encoding="utf-8")
    run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND, manifest=manifest)
    html = (out / "team.html").read_text(encoding="utf-8")
    assert "://" not in html and "<script" not in html.lower()  # the CSP meta says http-equiv; no URL anywhere
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "A&amp;B &quot;East&quot;" in html
    for section in ("Reps", "Distribution of scores", "SPIN funnel", "Objections", "Recurring stall reasons", "<svg"):
        assert section in html
    if scorecard_renderer_available():
        assert "href='alice/call1.scorecard.html'" in html
    before = {n: (out / n).read_bytes() for n in ("summary.csv", "team.html")}
    (out / "summary.csv").unlink()
    (out / "team.html").unlink()
    TRANSCRIBED.clear()
    report = build_team_report(out)
    assert TRANSCRIBED == [] and report.calls == 4
    assert {n: (out / n).read_bytes() for n in ("summary.csv", "team.html")} == before


def test_summary_csv_neutralises_formulas(tmp_path: Path) -> None:
    calls, out = tmp_path / "calls", tmp_path / "out"
    good_call(calls / "a.wav", 1)
    (tmp_path / "m.csv").write_text("file,rep\na.wav,=HYPERLINK(1)\n")
    run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND, manifest=tmp_path / "m.csv")
    assert read_summary(out)[0]["rep"] == "'=HYPERLINK(1)"


def test_build_team_report_needs_a_folder(tmp_path: Path) -> None:
    with pytest.raises(CallcoachError, match="no such folder"):
        build_team_report(tmp_path / "nope")


# --------------------------------------------------------------------------------------------
# API edges
# --------------------------------------------------------------------------------------------


def test_analyze_one_writes_the_call_with_its_meta_and_returns_its_row(tmp_path: Path) -> None:
    from callcoach.batch import worker

    path = good_call(tmp_path / "x.wav", 1)
    saved = dict(worker._worker)
    worker.init_worker(BACKEND, threads=0, ignore_sigint=False)
    try:
        row = analyze_one(path, tmp_path / "o", OPTIONS, {"path": "x.wav", "rep": "dana"})
    finally:
        worker._worker.update(saved)
    assert row["path"] == "x.wav" and row["rep"] == "dana" and row["duration_s"] == 4.0
    assert json.loads((tmp_path / "o" / "x.callcoach.json").read_text())["meta"]["rep"] == "dana"


def test_usage_errors_are_clear(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(CallcoachError, match="no such folder"):
        run_batch(tmp_path / "missing", tmp_path / "out")
    with pytest.raises(CallcoachError, match="unknown engine"):
        run_batch(tmp_path, tmp_path / "out", engine="spark")
    with pytest.raises(CallcoachError, match="no built-in rubric"):
        run_batch(tmp_path, tmp_path / "out", options=AnalyzeOptions(rubric="nope"))
    monkeypatch.setitem(sys.modules, "ray", None)  # as if Ray were not installed
    with pytest.raises(CallcoachError, match=r"pip install 'callcoach\[ray\]'"):
        run_batch(tmp_path, tmp_path / "out", engine="ray")


def test_a_broken_backend_stops_the_batch_with_its_error(tmp_path: Path) -> None:
    good_call(tmp_path / "calls" / "a.wav", 1)
    with pytest.raises(CallcoachError, match="cannot be loaded"):
        run_batch(tmp_path / "calls", tmp_path / "out", workers=0, backend="tests.nope:factory")


def test_default_workers_follow_cores_memory_and_files(monkeypatch: pytest.MonkeyPatch) -> None:
    from callcoach.batch import runner

    monkeypatch.setattr(runner, "cpu_count", lambda: 8)
    monkeypatch.setattr(runner, "available_gb", lambda: 5.5)
    assert runner.default_workers(100) == 2  # memory: 2 GB a worker
    assert runner.default_workers(1) == 1
    monkeypatch.setattr(runner, "available_gb", lambda: 0.5)
    assert runner.default_workers(100) == 1  # never 0


def test_importing_batch_is_cheap() -> None:
    code = "import sys, callcoach.batch; print(sorted(m for m in ('torch', 'ray', 'faster_whisper', 'spacy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "[]"


# --------------------------------------------------------------------------------------------
# A team's manifest: files it misses, a rubric per stage, the rep per call
# --------------------------------------------------------------------------------------------


def transcript(path: Path, rep: str = "Dana Smith", buyer: str = "Pat Buyer") -> Path:
    """A 48 s call as a WebVTT transcript with named speakers: ``rep`` asks, ``buyer`` answers."""
    lines = ["WEBVTT", ""]
    turns = [
        (rep, "How does your team onboard new reps today?"),
        (buyer, "Mostly with spreadsheets and a lot of shadowing, honestly."),
        (rep, "What happens when a new rep starts and the spreadsheet is out of date?"),
        (buyer, "They lose a couple of weeks and we lose deals, it is expensive."),
        (rep, "What would it mean for the quarter if they ramped a month sooner?"),
        (buyer, "That would be a lot of pipeline, maybe two more deals each."),
        (rep, "Shall we book a demo with your sales lead next Tuesday at ten?"),
        (buyer, "Yes, Tuesday at ten works, send the invite."),
    ]
    for i, (who, text) in enumerate(turns):
        lines += [f"00:{6 * i:02d}.000 --> 00:{6 * i + 5:02d}.500", f"{who}: {text}", ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def analysis_of(out: Path, rel: str) -> dict[str, Any]:
    return json.loads((out / rel).with_suffix(".callcoach.json").read_text(encoding="utf-8"))


def test_files_missing_from_the_manifest_are_listed_and_a_folder_naming_a_rep_counts_for_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`sam/` and the manifest's `Sam Ortiz` are one rep; the files the manifest misses are named
    on stderr (the first few and how many) and counted in the summary line."""
    from click.testing import CliRunner

    from callcoach.cli import cli

    calls = tmp_path / "calls"
    for rel in ("sam/a.vtt", "sam/b.vtt", "dana/c.vtt", "smith/d.vtt", "lee/e.vtt", "top.vtt"):
        transcript(calls / rel)
    manifest = tmp_path / "calls.csv"
    manifest.write_text("file,rep\nsam/a.vtt,Sam Ortiz\nsmith/d.vtt,Dana Smith\nlee/e.vtt,Dana Lee\n", encoding="utf-8")
    monkeypatch.setattr("callcoach.pipeline.default_nlp", lambda opts: _nlp())
    out = tmp_path / "out"
    args = ["batch", str(calls), "--out", str(out), "--manifest", str(manifest), "--workers", "0"]
    res = CliRunner().invoke(cli, [*args, "-q"])
    assert res.exit_code == 0, res.output
    assert analysis_of(out, "sam/b.vtt")["meta"]["rep"] == "Sam Ortiz"  # not a second rep "sam"
    assert analysis_of(out, "dana/c.vtt")["meta"]["rep"] == "dana"  # Dana Smith or Dana Lee: kept as it is
    assert "rep" not in analysis_of(out, "top.vtt")["meta"]
    assert {row["rep"] for row in read_summary(out)} == {"Sam Ortiz", "Dana Smith", "Dana Lee", "dana", ""}
    err = res.stderr
    assert f"{manifest}: 3 input files are not in the manifest (dana/c.vtt, sam/b.vtt, top.vtt)" in err
    assert f"{manifest}: 1 unlisted call in sam/ counted for the manifest's rep 'Sam Ortiz'" in err
    assert f"{manifest}: 1 unlisted call in dana/ kept the rep 'dana': the folder could be 'Dana Lee' or 'Dana" in err
    assert "6 calls: 6 analysed, 0 already done, 0 failed, 3 not in the manifest (rep from the folder)" in res.stdout
    js = CliRunner().invoke(cli, [*args, "--json"])
    assert json.loads(js.stdout.splitlines()[-1])["not_in_manifest"] == 3


def test_many_unlisted_files_are_named_first_few_and_counted() -> None:
    from callcoach.batch.manifest import unlisted_warnings

    lines = unlisted_warnings("m.csv", {"a.wav": {"rep": "Ann"}}, [f"x/{i:02d}.wav" for i in range(12)])
    named = "x/00.wav, x/01.wav, x/02.wav, x/03.wav, x/04.wav and 7 more"
    assert lines[0].startswith(f"m.csv: 12 input files are not in the manifest ({named})")
    assert unlisted_warnings("m.csv", {}, []) == []


def test_the_manifest_stage_picks_the_rubric_from_the_stage_map(tmp_path: Path) -> None:
    """`stage: demo` is scored under the team's demo rubric, `discovery` under discovery, a
    stage the map lacks under --rubric with a warning; a re-run skips all, and a changed map
    re-scores only the calls of that stage (nothing transcribed again)."""
    calls = tmp_path / "calls"
    for name in ("a", "b", "c", "d"):
        transcript(calls / f"{name}.vtt")
    team = tmp_path / "team"
    team.mkdir()
    demo = (REPO / "rubrics" / "demo.yaml").read_text(encoding="utf-8")
    (team / "team-demo.yaml").write_text(demo.replace("id: demo", "id: team-demo", 1), encoding="utf-8")
    stages = team / "stages.yaml"
    stages.write_text("# stage -> rubric\ndiscovery: discovery\nDemo: team-demo.yaml\n", encoding="utf-8")
    manifest = tmp_path / "calls.csv"
    rows = "a.vtt,Dana,demo\nb.vtt,Dana,Discovery\nc.vtt,Dana,negotiation\nd.vtt,Dana,\n"
    manifest.write_text(f"file,rep,stage\n{rows}", encoding="utf-8")
    opts = AnalyzeOptions(rubric="demo")

    def run() -> Any:
        return run_batch(
            calls, tmp_path / "out", workers=0, options=opts, backend=BACKEND, manifest=manifest, stage_rubrics=stages
        )

    r = run()
    out = tmp_path / "out"
    rubrics = {k: analysis_of(out, f"{k}.vtt")["scorecard"]["rubric"] for k in "abcd"}
    assert rubrics == {"a": "team-demo@1", "b": "discovery@1", "c": "demo@1", "d": "demo@1"}
    assert analysis_of(out, "a.vtt")["settings"]["rubric_file"] == str((team / "team-demo.yaml").resolve())
    unmapped = "'negotiation' (1 call) are not in the stage map, so they are scored under demo@1"
    assert any(unmapped in w for w in r.warnings)
    assert run().skipped == 4  # the state recorded each call's own rubric
    stages.write_text("discovery: discovery\ndemo: demo\n", encoding="utf-8")
    r = run()
    assert (r.rescored, r.skipped, r.analysed) == (1, 3, 0)
    assert analysis_of(out, "a.vtt")["scorecard"]["rubric"] == "demo@1"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- demo\n", "must be a mapping of stage to rubric"),
        ("demo: [a, b]\n", "stage 'demo': give a rubric's name or file"),
        ("demo: nope\n", "stage 'demo': no built-in rubric 'nope'"),
        ("demo: missing.yaml\n", "stage 'demo': .*missing.yaml: no such rubric file"),
        ("demo: demo\nDemo: discovery\n", "stage 'Demo' is given twice"),
        ("demo: [\n", "not valid YAML at line"),
    ],
)
def test_bad_stage_maps_name_the_file_and_the_stage(tmp_path: Path, text: str, message: str) -> None:
    from callcoach.batch.stages import read_stage_rubrics

    (tmp_path / "stages.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CallcoachError, match=message):
        read_stage_rubrics(tmp_path / "stages.yaml")


def test_a_stage_map_needs_a_manifest_and_an_existing_file(tmp_path: Path) -> None:
    transcript(tmp_path / "calls" / "a.vtt")
    with pytest.raises(CallcoachError, match="give --manifest CSV too"):
        run_batch(tmp_path / "calls", tmp_path / "out", workers=0, backend=BACKEND, stage_rubrics=tmp_path / "s.yaml")
    (tmp_path / "m.csv").write_text("file,stage\na.vtt,demo\n", encoding="utf-8")
    with pytest.raises(CallcoachError, match="no such stage map file"):
        run_batch(tmp_path / "calls", tmp_path / "out", workers=0, backend=BACKEND, manifest=tmp_path / "m.csv",
                  stage_rubrics=tmp_path / "s.yaml")  # fmt: skip


def test_the_manifest_names_the_rep_speaker_of_each_call(tmp_path: Path) -> None:
    """``rep_speaker`` overrides --rep for its call: here the buyer's name in the transcript,
    against the inference (which takes the one asking the questions)."""
    calls = tmp_path / "calls"
    transcript(calls / "a.vtt")
    transcript(calls / "b.vtt")
    manifest = tmp_path / "calls.csv"
    manifest.write_text("file,rep,rep_speaker\na.vtt,Dana Smith,\nb.vtt,Pat,Pat Buyer\n", encoding="utf-8")
    run_batch(calls, tmp_path / "out", workers=0, options=OPTIONS, backend=BACKEND, manifest=manifest)
    assert analysis_of(tmp_path / "out", "a.vtt")["roles"]["rep"] == "Dana Smith"  # inferred
    assert analysis_of(tmp_path / "out", "b.vtt")["roles"]["rep"] == "Pat Buyer"  # as the manifest says


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("a.vtt,left,A,", r"m.csv, line 2: rep_channel and rep_speaker both say who the rep is; keep one"),
        ("a.vtt,,A,dana", r"m.csv, line 2: rep_speaker and rep_voice both say who the rep is"),
        ("a.vtt,middle,,", r"m.csv, line 2: rep_channel is 'middle'; write left or right"),
        ("a.vtt,,,dana smith", r"m.csv, line 2: rep_voice 'dana smith' cannot name an enrolled rep"),
    ],
)
def test_per_call_rep_columns_are_checked_with_the_manifest_line(tmp_path: Path, row: str, message: str) -> None:
    (tmp_path / "m.csv").write_text(f"file,rep_channel,rep_speaker,rep_voice\n{row}\n", encoding="utf-8")
    with pytest.raises(CallcoachError, match=message):
        read_manifest(tmp_path / "m.csv")
