"""Batch runs over folders of synthetic calls with a fake transcriber: no model weights.

In-process runs (``workers=0``) count the transcriber's calls; worker processes do not inherit
monkeypatches, so every run plugs the fakes in through ``backend=`` ("module:function", imported
once in each worker), which is also what the process-pool and kill -9 tests use.
"""

from __future__ import annotations

import csv
import json
import os
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
    assert all(r["score"] and r["next_step"] for r in rows)
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
    assert snapshot(pool) == snapshot(inline)


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
    assert (rows["alice/call2.flac"]["rep"], rows["alice/call2.flac"]["team"]) == ("alice", "")

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
    assert "http" not in html and "<script" not in html.lower()
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
