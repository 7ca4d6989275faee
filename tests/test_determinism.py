"""Determinism: the same input and settings give byte-identical ``<stem>.callcoach.json``
apart from the ``timings`` block, which is the file's last key and the only one that varies.

What must match, byte for byte, once ``timings`` is cut off:

- two ``analyze`` runs in one process, and in two processes with different string-hash seeds
  (``PYTHONHASHSEED``: set and dict orders of strings differ between them);
- ``batch`` and ``analyze`` of the same call with the same settings, except that ``batch`` adds
  the call's ``meta`` (its path under INPUT; rep, team ... from the folder or manifest) and leaves ``timings`` empty
  (a batch's run times go to ``batch-log.jsonl``, so its outputs depend on inputs and settings
  alone).

Fast tests use the fake transcriber, a fixed diarizer and the weightless encoder; the slow
test runs the real models (tiny.en, resemblyzer diarization, spaCy and MiniLM) in separate
processes, with 2 and with 1 CPU thread, on the bundled sample and on a short mono recording.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from callcoach.asr import FakeTranscriber
from callcoach.call import Attribution
from callcoach.cli import cli
from callcoach.speakers.diarize import Diarization, Turn
from tests import audio_factory as af
from tests.conftest import REPO, shared

TIMINGS = '\n "timings": '


def split_timings(text: str) -> tuple[str, dict[str, float]]:
    """The analysis text before its ``timings`` block, and the block; checks that the block is
    the last key of the file (so cutting it off leaves everything else whole)."""
    head, sep, tail = text.rpartition(TIMINGS)
    assert sep, "no timings block"
    data = json.loads(text)
    assert list(data)[-1] == "timings"
    # After the key: the block, then the file's closing brace and nothing else.
    assert tail.endswith("\n}\n") and json.loads(tail[: -len("\n}\n")]) == data["timings"]
    assert all(isinstance(v, float | int) for v in data["timings"].values())
    return head, data["timings"]


VOCABULARY = ("so", "what", "does", "your", "team", "use", "today?", "we", "use", "spreadsheets", "and", "price?")


class FixedSeparator:
    """Two voices: A before 1.5 s, B after."""

    def diarize(self, samples: np.ndarray, speech: object, options: object, hook: object = None) -> Diarization:
        end = len(samples) / 16_000
        return Diarization((Turn(0.0, 1.5, "A"), Turn(1.5, end, "B")), Attribution("diarization", 2, 0.85))


@pytest.fixture(autouse=True)
def _fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("callcoach.pipeline.FasterWhisperTranscriber", lambda *a, **k: FakeTranscriber(VOCABULARY))
    monkeypatch.setattr("callcoach.pipeline.EmbeddingDiarizer", lambda *a, **k: FixedSeparator())


VTT = """WEBVTT

00:00.000 --> 00:04.000
<v Dana>Thanks for the time. How does your team plan the quarter today?

00:04.500 --> 00:09.000
<v Sam>Mostly spreadsheets, honestly. It takes us two weeks and the price of the tools is high.

00:09.200 --> 00:12.000
<v Dana>What happens when the numbers are late?

00:12.100 --> 00:16.000
<v Sam>The board waits, and we lose a month. We looked at a competitor last year.

00:16.500 --> 00:19.000
<v Dana>Could we book thirty minutes next Tuesday with your finance lead?
"""


def _inputs(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "plan.vtt").write_text(VTT, encoding="utf-8")
    return {
        "stereo": af.write(folder / "stereo.wav", af.voice(6.0, 16_000, 2, seed=3), 16_000, "wav16"),
        "mono": af.write(folder / "mono.flac", af.voice(5.0, 22_050, 1, seed=4), 22_050, "flac"),
        "transcript": folder / "plan.vtt",
    }


def _analyze(path: Path, out: Path) -> str:
    res = CliRunner().invoke(cli, ["analyze", str(path), "--out", str(out), "-q"])
    assert res.exit_code == 0, res.output
    return (out / f"{path.stem}.callcoach.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["stereo", "mono", "transcript"])
def test_two_runs_in_one_process_match_apart_from_timings(tmp_path: Path, kind: str) -> None:
    path = _inputs(tmp_path / "in")[kind]
    first, timings = split_timings(_analyze(path, tmp_path / "a"))
    second, _ = split_timings(_analyze(path, tmp_path / "b"))
    assert first == second
    assert timings["total"] > 0  # the block is real, and it is the only thing cut off
    data = json.loads((tmp_path / "a" / f"{path.stem}.callcoach.json").read_text(encoding="utf-8"))
    assert data["utterances"] and data["scorecard"] is not None


RUNNER = """
import sys
import callcoach.pipeline as pipeline
from callcoach.pipeline import NlpModels
from callcoach.tagging.base import HashingEncoder
from tests.test_determinism import VOCABULARY, FakeTranscriber, FixedSeparator
pipeline.FasterWhisperTranscriber = lambda *a, **k: FakeTranscriber(VOCABULARY)
pipeline.EmbeddingDiarizer = lambda *a, **k: FixedSeparator()
pipeline.default_nlp = lambda opts: NlpModels(HashingEncoder(), None)
from callcoach.cli import cli
cli(sys.argv[1:], prog_name="callcoach")
"""


def _analyze_in_process(path: Path, out: Path, hash_seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    env.pop("CALLCOACH_DEBUG", None)
    proc = subprocess.run(
        [sys.executable, "-c", RUNNER, "analyze", str(path), "--out", str(out), "-q"],
        capture_output=True, text=True, cwd=REPO, env=env, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return (out / f"{path.stem}.callcoach.json").read_text(encoding="utf-8")


def test_two_processes_with_different_hash_seeds_match_apart_from_timings(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in")
    for kind in ("stereo", "transcript"):
        path = inputs[kind]
        a, _ = split_timings(_analyze_in_process(path, tmp_path / f"{kind}-1", "1"))
        b, _ = split_timings(_analyze_in_process(path, tmp_path / f"{kind}-2", "2"))
        assert a == b, kind
        here, _ = split_timings(_analyze(path, tmp_path / f"{kind}-here"))  # and this process too
        assert here == a, kind


def test_batch_writes_what_analyze_writes_plus_its_meta(tmp_path: Path) -> None:
    calls = tmp_path / "calls" / "dana"  # folder convention: the rep is "dana"
    inputs = _inputs(calls)
    res = CliRunner().invoke(
        cli, ["batch", str(tmp_path / "calls"), "--out", str(tmp_path / "batch"), "--workers", "0", "-q"]
    )
    assert res.exit_code == 0, res.output
    for kind, path in inputs.items():
        single = json.loads(_analyze(path, tmp_path / "single" / kind))
        batched = json.loads((tmp_path / "batch" / "dana" / f"{path.stem}.callcoach.json").read_text(encoding="utf-8"))
        assert batched["timings"] == {}
        assert batched["meta"] == {**single["meta"], "path": f"dana/{path.name}", "rep": "dana"}
        for key in ("timings", "meta"):
            del single[key], batched[key]
        assert json.dumps(batched, ensure_ascii=False, indent=1) == json.dumps(single, ensure_ascii=False, indent=1), (
            kind
        )


# --------------------------------------------------------------------------------------------
# Real models, separate processes
# --------------------------------------------------------------------------------------------


def _real_analysis(path: Path, out: Path, *extra: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "CALLCOACH_DEBUG"}
    proc = subprocess.run(
        [sys.executable, "-m", "callcoach", "analyze", str(path), "--out", str(out), "-q", *extra],
        capture_output=True, text=True, cwd=REPO, env=env, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return (out / f"{path.stem}.callcoach.json").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("source", "extra"),
    [
        pytest.param(
            lambda: REPO / "samples" / "demo-call.flac", ("--rep-channel", "left"), id="bundled-stereo-sample"
        ),
        pytest.param(lambda: shared("audio/phone-2spk/sample.wav"), (), id="mono-diarized"),
    ],
)
def test_real_models_in_two_processes_give_the_same_bytes(tmp_path: Path, source, extra: tuple[str, ...]) -> None:  # noqa: ANN001
    """Also across thread counts: ``threads`` is not among the recorded settings (a batch worker
    gets a share of the cores), so it must not change a byte."""
    path = source()
    first, _ = split_timings(_real_analysis(path, tmp_path / "a", "--threads", "2", *extra))
    second, _ = split_timings(_real_analysis(path, tmp_path / "b", "--threads", "1", *extra))
    assert first == second
    data = json.loads((tmp_path / "a" / f"{path.stem}.callcoach.json").read_text(encoding="utf-8"))
    assert data["utterances"] and {m["kind"] for m in data["models"]} >= {"asr", "nlp"}
