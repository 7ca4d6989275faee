"""The pipeline end to end with a fake transcriber and a fake diarizer: no model weights."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

import callcoach
from callcoach.asr import FakeTranscriber
from callcoach.call import SCHEMA, Attribution, Call
from callcoach.cli import cli
from callcoach.errors import CallcoachError, InputError
from callcoach.speakers.diarize import Diarization, Turn

SR = 16_000


class FakeSeparator:
    """Splits speech into turns at fixed times."""

    def __init__(self, turns: list[Turn]) -> None:
        self.turns = turns
        self.calls = 0

    def diarize(self, samples, speech, options, hook=None) -> Diarization:  # noqa: ANN001
        self.calls += 1
        return Diarization(tuple(self.turns), Attribution("diarization", 2, 0.9))


def test_stereo_channels_are_the_speakers(stereo_call: Path, tmp_path: Path) -> None:
    fake = FakeTranscriber(scripts=[["how", "many", "reps", "do", "you", "have?"], ["about", "forty"]])
    call = callcoach.analyze(stereo_call, transcriber=fake, rep_channel="left")
    assert fake.calls == 2  # one pass per channel
    assert call.attribution.method == "stereo-channels" and call.attribution.confidence == 1.0
    assert [(s.id, s.channel, s.role) for s in call.speakers] == [("left", 0, "rep"), ("right", 1, "customer")]
    # the left party talks 0.5-2.0 and 4.0-5.0, the right 2.5-3.5: no bleed words on either side
    for u in call.utterances:
        mid = (u.start + u.end) / 2
        assert u.speaker == ("right" if 2.4 < mid < 3.6 else "left")
    assert [u.speaker for u in call.utterances] == ["left", "right", "left"]
    left, right = call.speaker("left").talk_time, call.speaker("right").talk_time
    assert left == pytest.approx(2.5, abs=0.15) and right == pytest.approx(1.0, abs=0.15)
    assert call.roles.method == "rep-channel"


def test_mono_call_is_diarized_and_words_follow_turns(mono_call: Path) -> None:
    sep = FakeSeparator([Turn(0.0, 2.7, "A"), Turn(2.7, 6.0, "B")])
    call = callcoach.analyze(mono_call, transcriber=FakeTranscriber(), separator=sep, rep="B")
    assert sep.calls == 1
    assert call.channels == 1
    assert [u.speaker for u in call.utterances] == ["A", "B"]
    assert call.roles.rep == "B" and call.speaker("A").role == "customer"
    assert set(call.timings) >= {"decode", "asr", "diarization", "total"}


def test_speakers_1_skips_diarization(mono_call: Path) -> None:
    sep = FakeSeparator([])
    call = callcoach.analyze(mono_call, transcriber=FakeTranscriber(), separator=sep, speakers=1)
    assert sep.calls == 0 and call.attribution.method == "single-speaker"
    assert {u.speaker for u in call.utterances} == {"A"}


def test_bad_settings_are_clear_errors(mono_call: Path) -> None:
    with pytest.raises(InputError, match="--rep-channel needs a stereo recording"):
        callcoach.analyze(mono_call, transcriber=FakeTranscriber(), rep_channel="left")
    with pytest.raises(InputError, match="speakers are: A, B"):
        callcoach.analyze(mono_call, transcriber=FakeTranscriber(), separator=FakeSeparator([Turn(0, 2.7, "A"), Turn(2.7, 6, "B")]), rep="Z")
    with pytest.raises(TypeError, match="unknown analyze option"):
        callcoach.analyze(mono_call, transcriber=FakeTranscriber(), colour="red")
    with pytest.raises(CallcoachError, match="--speakers must be between"):
        callcoach.analyze(mono_call, transcriber=FakeTranscriber(), speakers=0)


def test_json_is_written_atomically_and_reloads(stereo_call: Path, tmp_path: Path) -> None:
    out = tmp_path / "results"
    call = callcoach.analyze(stereo_call, transcriber=FakeTranscriber(), out=out)
    files = sorted(p.name for p in out.iterdir())
    assert files == ["call.callcoach.json", "call.scorecard.html"]  # no temporary file left behind
    data = json.loads((out / "call.callcoach.json").read_text())
    assert data["schema"] == SCHEMA
    assert data["duration"] == pytest.approx(6.0)
    assert data["channels"] == 2 and data["sample_rate"] == SR
    assert data["models"][0]["name"] == "fake"
    assert Call.from_dict(data).to_dict() == call.to_dict()


@pytest.fixture
def fake_asr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("callcoach.pipeline.FasterWhisperTranscriber", lambda *a, **k: FakeTranscriber())


def test_cli_analyze_writes_json_and_prints_one_summary_line(stereo_call: Path, tmp_path: Path, fake_asr: None) -> None:
    out = tmp_path / "o"
    res = CliRunner().invoke(cli, ["analyze", str(stereo_call), "--out", str(out), "--rep-channel", "right"])
    assert res.exit_code == 0, res.output
    lines = res.stdout.strip().splitlines()
    assert len(lines) == 1
    assert "2 speaker(s) by stereo-channels" in lines[0] and "rep right" in lines[0]
    assert str(out / "call.callcoach.json") in lines[0]
    assert "[asr]" in res.stderr  # progress goes to stderr
    assert json.loads((out / "call.callcoach.json").read_text())["roles"]["rep"] == "right"


def test_cli_quiet_prints_no_progress(stereo_call: Path, tmp_path: Path, fake_asr: None) -> None:
    res = CliRunner().invoke(cli, ["analyze", str(stereo_call), "-o", str(tmp_path), "-q"])
    assert res.exit_code == 0 and res.stderr == ""


def test_cli_usage_error_exits_2(stereo_call: Path) -> None:
    res = CliRunner().invoke(cli, ["analyze", str(stereo_call), "--rep-channel", "middle"])
    assert res.exit_code == 2


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys; from callcoach.cli import cli\n"
        "try:\n    cli(['analyze', '--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('torch', 'faster_whisper', 'spacy', 'transformers', 'ctranslate2') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "HEAVY []" in out
    assert "Example:" in out


def test_python_dash_m_runs_the_cli() -> None:
    res = subprocess.run([sys.executable, "-m", "callcoach", "--version"], capture_output=True, text=True)
    assert res.returncode == 0 and callcoach.__version__ in res.stdout


VTT = """WEBVTT

00:00.000 --> 00:04.000
<v Dana>Hi Sam, thanks for the time. How many reps are on your team today?

00:04.500 --> 00:09.000
<v Sam>About forty. Honestly it sounds expensive, we already pay for a dialer.

00:09.500 --> 00:13.000
<v Dana>That's fair. What would make it worth it for you?

00:13.500 --> 00:16.000
<v Sam>Let's talk next Tuesday at ten with my VP.
"""


def test_a_transcript_is_analysed_without_asr(tmp_path: Path) -> None:
    path = tmp_path / "call.vtt"
    path.write_text(VTT)
    out = tmp_path / "o"

    class NoAsr:
        def __init__(self, *a, **k) -> None:  # noqa: ANN002, ANN003
            raise AssertionError("ASR must not load for a transcript")

    import callcoach.pipeline as pipeline

    orig = pipeline.FasterWhisperTranscriber
    pipeline.FasterWhisperTranscriber = NoAsr  # type: ignore[assignment, misc]
    try:
        call = callcoach.analyze(path, out=out, rep="Dana")
    finally:
        pipeline.FasterWhisperTranscriber = orig  # type: ignore[misc]
    assert [u.speaker for u in call.utterances] == ["Dana", "Sam", "Dana", "Sam"]
    assert call.attribution.method == "transcript"
    assert call.speaker("Dana").role == "rep" and call.speaker("Sam").role == "customer"
    labels = {t.label for u in call.utterances for t in u.tags}
    assert {"question.closed", "tracker.next_step"} <= labels or {"question.open", "tracker.next_step"} <= labels
    assert any(lab.startswith("objection.") for lab in labels)
    data = json.loads((out / "call.callcoach.json").read_text())
    assert data["metrics"]["questions"]["rep_questions"] == 2
    assert data["metrics"]["talk"]["rep_talk_pct"] is not None
    assert data["settings"]["rubric"] == "discovery@1"
    handled = data["metrics"]["objections"]
    assert handled and handled[0]["response"] == "explored"


def test_a_transcript_without_times_says_which_metrics_it_cannot_give(tmp_path: Path) -> None:
    path = tmp_path / "call.json"
    path.write_text(json.dumps({
        "utterances": [
            {"speaker": "A", "text": "How many reps are on your team?"},
            {"speaker": "B", "text": "Forty."},
        ],
        "roles": {"A": "rep", "B": "customer"},
    }))
    call = callcoach.analyze(path)
    assert call.metrics["talk"]["rep_talk_pct"] is None
    reasons = {u["metric"]: u["reason"] for u in call.metrics["unavailable"]}
    assert "talk" in reasons and "timestamps" in reasons["talk"]
    assert call.metrics["questions"]["rep_questions"] == 1


def test_no_tagging_reports_questions_unavailable_not_zero(stereo_call: Path) -> None:
    call = callcoach.analyze(stereo_call, transcriber=FakeTranscriber(), tagging=False)
    assert all(not u.tags for u in call.utterances)
    assert call.metrics["questions"] is None
    assert any(u["metric"] == "questions" for u in call.metrics["unavailable"])


class NoWindowSeparator:
    """What the embedding diarizer returns when every speech region is under 0.2 s: no windows."""

    def diarize(self, samples, speech, options, hook=None) -> Diarization:
        from callcoach.speakers.diarize import cluster_turns

        return cluster_turns(speech, [], np.zeros((0, 256)), options)


def test_speech_too_short_for_a_voice_window_is_one_speaker(mono_call: Path) -> None:
    """Issue 14: words but no voice window gave a call with utterances and num_speakers 0."""
    call = callcoach.analyze(mono_call, transcriber=FakeTranscriber(), separator=NoWindowSeparator())
    assert call.utterances and {u.speaker for u in call.utterances} == {"A"}
    assert call.attribution.num_speakers == 1 and [s.id for s in call.speakers] == ["A"]
    assert call.attribution.warnings and "one speaker" in call.attribution.warnings[0]


def test_whisper_word_times_are_kept_inside_the_audio() -> None:
    """Issue 14: Whisper timed the last word of a 0.5 s clip to 0.68 s."""
    from types import SimpleNamespace

    from callcoach.asr import AsrOptions, FasterWhisperTranscriber

    def word(start: float, end: float, text: str) -> SimpleNamespace:
        return SimpleNamespace(start=start, end=end, word=text, probability=0.9)

    class Pipeline:
        def transcribe(self, samples, **kwargs):
            return [SimpleNamespace(end=0.7, words=[word(-0.02, 0.2, " so"), word(0.3, 0.68, " yes"), word(0.6, 0.9, " ok")])], None

    asr = FasterWhisperTranscriber.__new__(FasterWhisperTranscriber)  # no model weights
    asr.options, asr._pipeline, asr._english_only = AsrOptions(), Pipeline(), True
    words = asr.transcribe(np.zeros(SR // 2, dtype=np.float32))
    assert [(w.start, w.end, w.text) for w in words] == [(0.0, 0.2, "so"), (0.3, 0.5, "yes"), (0.5, 0.5, "ok")]


def test_two_identical_channels_are_one_mono_call_in_the_json_and_the_cli(
    tmp_path: Path, fake_asr: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A "stereo" file whose channels carry the same signal is analysed as mono (diarized): the
    JSON's ``channels`` says 1 (``source_channels`` 2), and the CLI calls it mono, never stereo."""
    from tests import audio_factory as af

    mono = af.voice(6.0, SR, channels=1, seed=3)
    path = af.write(tmp_path / "dup.wav", np.repeat(mono, 2, axis=1), SR, "wav16")
    sep = FakeSeparator([Turn(0.0, 3.0, "A"), Turn(3.0, 6.0, "B")])
    monkeypatch.setattr("callcoach.pipeline.EmbeddingDiarizer", lambda *a, **k: sep)
    out = tmp_path / "o"
    res = CliRunner().invoke(cli, ["analyze", str(path), "--out", str(out), "--json", "-q"])
    assert res.exit_code == 0, res.output
    data = json.loads((out / "dup.callcoach.json").read_text(encoding="utf-8"))
    assert (data["channels"], data["source_channels"]) == (1, 2)
    assert data["attribution"]["method"] == "diarization" and sep.calls == 1
    assert {s["channel"] for s in data["speakers"]} == {None}
    assert json.loads(res.stdout)["layout"] == "mono (2 identical channels)"
    res = CliRunner().invoke(cli, ["analyze", str(path), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert ", mono (2 identical channels), 2 speaker(s) by diarization" in res.stdout and "stereo" not in res.stdout
    assert Call.from_dict(data).layout == "mono (2 identical channels)"
    res = CliRunner().invoke(cli, ["analyze", str(path), "--out", str(out), "--rep-channel", "left"])
    assert res.exit_code == 1 and "mono" in res.stderr and "Traceback" not in res.output


def test_a_true_stereo_call_says_stereo_in_the_json_and_the_cli(
    stereo_call: Path, tmp_path: Path, fake_asr: None
) -> None:
    args = ["analyze", str(stereo_call), "--out", str(tmp_path / "o"), "--rep-channel", "left"]
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 0, res.output
    data = json.loads((tmp_path / "o" / "call.callcoach.json").read_text(encoding="utf-8"))
    assert (data["channels"], data["source_channels"]) == (2, 2)
    assert ", stereo, 2 speaker(s) by stereo-channels" in res.stdout
