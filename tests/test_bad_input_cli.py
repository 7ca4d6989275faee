"""Bad inputs: each fails with a CallcoachError naming the file, and through the CLI with exit 1,
one ``callcoach: error:`` line on stderr, no traceback and nothing written.

Product rule: a corrupt or truncated file is a clear error, never a quietly shorter analysis.
All these inputs fail in ``load_audio``, before any model would load; the ASR and diarization
classes are replaced by tripwires to prove it. Fast: synthetic files, no model weights.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from callcoach.asr import FakeTranscriber
from callcoach.audio import load_audio
from callcoach.cli import cli
from callcoach.errors import AudioError, CallcoachError, InputError
from tests import audio_factory as af

REPO = Path(__file__).resolve().parents[1]
ERROR_PREFIX = "callcoach: error:"

# --------------------------------------------------------------------------------------------
# The table: (id, make(tmp_path) -> path, error class, message pattern)
# --------------------------------------------------------------------------------------------


def _missing(d: Path) -> Path:
    return d / "no-such-call.wav"


def _directory(d: Path) -> Path:
    p = d / "calls.wav"  # a folder that even looks like a recording
    p.mkdir()
    return p


def _truncated(fmt: str, keep: float = 0.5, rate: int = 44100, **kw: object) -> Callable[[Path], Path]:
    def make(d: Path) -> Path:
        return af.truncate_bytes(af.write_voice(d, fmt, rate=rate, duration=5.0, name=f"cut-{fmt}", **kw), keep)

    return make


def _truncated_mp3_with_id3(d: Path) -> Path:
    return af.truncate_bytes(af.add_id3v2(af.write_voice(d, "mp3", rate=44100, duration=5.0, name="tagged")), 0.6)


def _truncated_m4a(faststart: bool) -> Callable[[Path], Path]:
    def make(d: Path) -> Path:
        p = af.write_m4a(d / "cut.m4a", af.voice(5.0, 44100), 44100, faststart=faststart)
        return af.truncate_bytes(p, 0.5)

    return make


def _silence(d: Path) -> Path:
    return af.write(d / "silence.wav", np.zeros((3 * 16000, 1), dtype=np.float32), 16000, "wav16")


def _near_silence(fmt: str) -> Callable[[Path], Path]:
    def make(d: Path) -> Path:
        return af.write(d / f"hiss{af.suffix_of(fmt)}", af.noise(3.0, 16000, -80.0), 16000, fmt)

    return make


def _quiet_stereo(d: Path) -> Path:
    """Both channels -75 dBFS noise (independent, so not collapsed to mono)."""
    data = np.hstack([af.noise(3.0, 16000, -75.0, seed=1), af.noise(3.0, 16000, -75.0, seed=2)])
    return af.write(d / "quiet-stereo.wav", data, 16000, "wavfloat")


TRUNCATED = "truncated"
NOT_AUDIO = r"not a readable audio file|not an audio file|corrupt"

BAD_INPUTS = [
    ("missing", _missing, InputError, "no such file"),
    ("directory", _directory, InputError, "is a directory"),
    ("text-as-wav", lambda d: af.write_text_as(d / "notes.wav"), AudioError, NOT_AUDIO),
    ("random-bytes-as-mp3", lambda d: af.write_random_bytes(d / "noise.mp3"), AudioError, NOT_AUDIO),
    ("truncated-wav-5s-header-1s-data", lambda d: af.write_truncated_wav(d / "cut.wav"), AudioError, TRUNCATED),
    ("truncated-wav-float", _truncated("wavfloat", 0.7), AudioError, TRUNCATED),
    ("truncated-flac-middle", _truncated("flac", 0.5), AudioError, f"{TRUNCATED}|corrupt"),
    ("truncated-flac-near-end", _truncated("flac", 0.95), AudioError, f"{TRUNCATED}|corrupt"),
    ("truncated-mp3-middle", _truncated("mp3", 0.5), AudioError, TRUNCATED),
    ("truncated-mp3-near-end", _truncated("mp3", 0.9), AudioError, TRUNCATED),
    ("truncated-mp3-8khz", _truncated("mp3", 0.5, rate=8000), AudioError, TRUNCATED),
    ("truncated-mp3-stereo", _truncated("mp3", 0.5, channels=2), AudioError, TRUNCATED),
    ("truncated-mp3-with-id3", _truncated_mp3_with_id3, AudioError, TRUNCATED),
    ("truncated-ogg-vorbis", _truncated("vorbis", 0.6), AudioError, TRUNCATED),
    ("truncated-ogg-opus", _truncated("opus", 0.6, rate=48000), AudioError, TRUNCATED),
    ("truncated-ogg-opus-in-header", _truncated("opus", 0.02, rate=48000), AudioError, f"{TRUNCATED}|corrupt"),
    ("truncated-m4a", _truncated_m4a(faststart=False), AudioError, NOT_AUDIO),
    ("truncated-m4a-faststart", _truncated_m4a(faststart=True), AudioError, NOT_AUDIO),
    ("zero-bytes", lambda d: af.write_empty(d / "empty.wav"), AudioError, r"empty \(0 bytes\)"),
    ("zero-bytes-m4a", lambda d: af.write_empty(d / "empty.m4a"), AudioError, r"empty \(0 bytes\)"),
    ("header-only-wav", lambda d: af.write_header_only_wav(d / "header.wav"), AudioError, "no audio samples"),
    ("silence-digital-zeros", _silence, AudioError, "silent"),
    ("near-silence-80dBFS-pcm16", _near_silence("wav16"), AudioError, "silent"),
    ("near-silence-80dBFS-float", _near_silence("wavfloat"), AudioError, "silent"),
    ("near-silence-stereo", _quiet_stereo, AudioError, "silent"),
    ("png-as-m4a", lambda d: af.write_png_as(d / "screenshot.m4a"), AudioError, NOT_AUDIO),
    ("zip-as-m4a", lambda d: af.write_zip_as(d / "archive.m4a"), AudioError, NOT_AUDIO),
    ("png-as-wav", lambda d: af.write_png_as(d / "screenshot.wav"), AudioError, NOT_AUDIO),
    ("nan-samples-float-wav", lambda d: af.write_nan_wav(d / "nan.wav"), AudioError, "NaN"),
    ("nan-first-sample", lambda d: af.write_nan_wav(d / "nan0.wav", where="start"), AudioError, "NaN"),
    ("inf-samples-float-wav", lambda d: af.write_nan_wav(d / "inf.wav", value=float("inf")), AudioError, "infinite"),
]
CASES = [pytest.param(make, cls, pattern, id=name) for name, make, cls, pattern in BAD_INPUTS]


@pytest.fixture(autouse=True)
def _no_models(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tripwires: a bad input must fail before any model is constructed (let alone loaded)."""

    def tripwire(*_a: object, **_k: object) -> None:
        raise AssertionError("a model was constructed for an input that should fail in load_audio")

    monkeypatch.setattr("callcoach.pipeline.FasterWhisperTranscriber", tripwire)
    monkeypatch.setattr("callcoach.pipeline.EmbeddingDiarizer", tripwire)
    monkeypatch.delenv("CALLCOACH_DEBUG", raising=False)


def _check_cli_failure(path: Path, out: Path, pattern: str, extra: tuple[str, ...] = ()) -> str:
    """Run ``callcoach analyze`` on ``path`` and check the failure contract; return the error line."""
    runner = CliRunner()
    res = runner.invoke(cli, ["analyze", str(path), "--out", str(out), *extra])
    assert res.exit_code == 1, (res.exit_code, res.output, res.exception)
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    assert res.stdout == ""
    assert "Traceback" not in res.stderr
    lines = res.stderr.splitlines()
    errors = [line for line in lines if line.startswith(ERROR_PREFIX)]
    assert len(errors) == 1, res.stderr
    # The error is the last thing said; anything before it is progress ("[decode] <path>").
    assert lines[-1] == errors[0]
    assert all(line.startswith("[") for line in lines[:-1]), res.stderr
    assert path.name in errors[0] and str(path) in errors[0]
    assert re.search(pattern, errors[0]), errors[0]
    # Nothing written: the out folder is not even created.
    assert not out.exists() or not any(out.iterdir()), sorted(out.iterdir())

    quiet = runner.invoke(cli, ["analyze", str(path), "--out", str(out), "--quiet", *extra])
    assert quiet.exit_code == 1
    assert quiet.stderr.splitlines() == errors  # with --quiet: exactly that one line
    assert not out.exists() or not any(out.iterdir())
    return errors[0]


# --------------------------------------------------------------------------------------------
# Every bad input: load_audio, then the CLI
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("make", "cls", "pattern"), CASES)
def test_load_audio_rejects_bad_input(tmp_path: Path, make: Callable[[Path], Path], cls: type, pattern: str) -> None:
    path = make(tmp_path)
    with pytest.raises(CallcoachError) as info:
        load_audio(path)
    exc = info.value
    assert type(exc) is cls, f"{type(exc).__name__}: {exc}"
    assert isinstance(exc, InputError) and exc.path == str(path)
    assert str(exc).startswith(f"{path}: ")
    assert exc.fix, "every error says how to fix it"
    assert "\n" not in str(exc)
    assert re.search(pattern, str(exc)), str(exc)


@pytest.mark.parametrize(("make", "cls", "pattern"), CASES)
def test_cli_rejects_bad_input(tmp_path: Path, make: Callable[[Path], Path], cls: type, pattern: str) -> None:
    path = make(tmp_path)
    _check_cli_failure(path, tmp_path / "out", pattern)


def test_cli_rejects_bad_input_with_relative_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The path is reported as the user typed it."""
    af.write_text_as(tmp_path / "notes.wav")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(cli, ["analyze", "notes.wav", "--out", "out", "-q"])
    assert res.exit_code == 1
    assert res.stderr.startswith(f"{ERROR_PREFIX} notes.wav: ")
    assert not (tmp_path / "out").exists()


def test_cli_rejects_bad_input_with_existing_out_dir(tmp_path: Path) -> None:
    """An existing out folder keeps what it had and gains nothing."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "earlier.callcoach.json").write_text("{}")
    res = CliRunner().invoke(cli, ["analyze", str(af.write_empty(tmp_path / "e.wav")), "--out", str(out), "-q"])
    assert res.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["earlier.callcoach.json"]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads a chmod 000 file anyway")
def test_unreadable_file(tmp_path: Path) -> None:
    path = af.write_unreadable(tmp_path / "locked.wav")
    try:
        with pytest.raises(InputError, match="permission denied") as info:
            load_audio(path)
        assert info.value.path == str(path)
        _check_cli_failure(path, tmp_path / "out", "permission denied")
    finally:
        os.chmod(path, 0o644)


def test_unreadable_file_as_root_is_read(tmp_path: Path) -> None:
    """Where tests run as root, chmod 000 does not stop reading: the file simply decodes."""
    if not (hasattr(os, "geteuid") and os.geteuid() == 0):
        pytest.skip("only meaningful as root (see test_unreadable_file)")
    path = af.write_unreadable(tmp_path / "locked.wav")
    assert load_audio(path).duration == pytest.approx(1.0, rel=0.01)


# --------------------------------------------------------------------------------------------
# Decodes fine, holds no speech: the ASR runs (a fake) and finds nothing
# --------------------------------------------------------------------------------------------


@pytest.fixture
def fake_asr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("callcoach.pipeline.FasterWhisperTranscriber", lambda *a, **k: FakeTranscriber())


@pytest.mark.parametrize(
    ("channels", "pattern"),
    [(1, "no speech was recognised in it"), (2, "no speech was recognised on either channel")],
    ids=["mono", "stereo"],
)
def test_cli_no_speech(tmp_path: Path, fake_asr: None, channels: int, pattern: str) -> None:
    """-50 dBFS noise: above the silence floor (-60 dBFS), below any word (fake ASR: -35 dB)."""
    data = np.hstack([af.noise(3.0, 16000, -50.0, seed=c) for c in range(channels)])
    path = af.write(tmp_path / "hum.wav", data, 16000, "wav16")
    audio = load_audio(path)  # decodes fine: the error comes from the ASR stage
    assert audio.channels == channels
    _check_cli_failure(path, tmp_path / "out", pattern)


# --------------------------------------------------------------------------------------------
# Truncation that cannot be detected
# --------------------------------------------------------------------------------------------


def test_truncated_mp3_without_frame_count_analyses_the_prefix(tmp_path: Path, fake_asr: None) -> None:
    """An MP3 without a Xing/Info/VBRI header states no length anywhere: a copy cut mid-file
    is, byte for byte, a complete shorter MP3 (frames are self-contained), so no decoder can
    tell. The product rule "truncated -> error" cannot hold here; what must hold is a correct
    analysis of what is there: no crash, the prefix's duration, its speech."""
    path = af.write_voice(tmp_path, "mp3", rate=44100, channels=2, duration=6.0, name="headerless")
    af.strip_xing_frame(path)
    full = load_audio(path).duration
    assert full == pytest.approx(6.0, rel=0.03)  # VBR without a header still decodes to its end
    af.truncate_bytes(path, 0.5)

    audio = load_audio(path)
    assert audio.channels == 2
    assert audio.duration == pytest.approx(full / 2, rel=0.15)

    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["analyze", str(path), "--out", str(out), "-q"])
    assert res.exit_code == 0, res.output
    data = json.loads((out / "headerless.callcoach.json").read_text())
    assert data["duration"] == pytest.approx(audio.duration, abs=0.01)
    assert len(data["speakers"]) == 2 and data["utterances"]
    assert max(u["end"] for u in data["utterances"]) <= audio.duration + 0.05


# --------------------------------------------------------------------------------------------
# The real process: C libraries write to file descriptor 2, which CliRunner does not capture
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda d: af.write_random_bytes(d / "noise.mp3"), id="random-bytes-as-mp3"),
        pytest.param(_truncated("mp3", 0.5), id="truncated-mp3"),
    ],
)
def test_real_process_stderr_is_one_line(tmp_path: Path, make: Callable[[Path], Path]) -> None:
    """libmpg123 prints "Note: Illegal Audio-MPEG-Header ..." / "Warning: Xing stream size off"
    straight to fd 2; the user must still see one line."""
    path = make(tmp_path)
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if k != "CALLCOACH_DEBUG"}
    proc = subprocess.run(
        [sys.executable, "-m", "callcoach", "analyze", str(path), "--out", str(out), "--quiet"],
        capture_output=True, text=True, cwd=REPO, env=env, timeout=60,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{ERROR_PREFIX} {path}: "), proc.stderr
    assert not out.exists()


# --------------------------------------------------------------------------------------------
# Settings that cannot fit the call, folders with nothing to analyse, missing models: exit 1
# --------------------------------------------------------------------------------------------


def _one_error_line(res: object) -> str:
    assert res.exit_code == 1, (res.exit_code, res.output, res.exception)  # type: ignore[attr-defined]
    lines = res.stderr.splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1 and lines[0].startswith(ERROR_PREFIX), lines
    assert "Traceback" not in res.output  # type: ignore[attr-defined]
    return lines[0]


def test_rep_on_a_stereo_call_fails_from_its_channels_before_any_model(
    tmp_path: Path, stereo_call: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a stereo call the speakers are its channels: ``--rep A`` names nobody, and that is
    known once the file is decoded, before the ASR model (or the language models, which load
    while the ASR runs) is even constructed."""
    loaded: list[str] = []
    monkeypatch.setattr("callcoach.pipeline.default_nlp", lambda opts: loaded.append("nlp"))
    pattern = r"--rep A names no speaker of this stereo call"
    line = _check_cli_failure(stereo_call, tmp_path / "out", pattern, ("--rep", "A"))
    assert "left and right" in line and "--rep-channel left" in line
    assert loaded == []


def test_rep_naming_a_channel_on_a_mono_call_fails_before_any_model(tmp_path: Path, mono_call: Path) -> None:
    pattern = r"--rep left names a channel, but this recording is mono"
    line = _check_cli_failure(mono_call, tmp_path / "out", pattern, ("--rep", "left"))
    assert "--rep A" in line


def test_rep_left_on_a_stereo_call_names_the_left_channel(stereo_call: Path, fake_asr: None) -> None:
    from callcoach.pipeline import analyze

    assert analyze(stereo_call, rep="left").roles.rep == "left"


@pytest.mark.parametrize("command", ["analyze", "batch"])
def test_rep_and_rep_channel_together_are_refused(tmp_path: Path, stereo_call: Path, command: str) -> None:
    out = tmp_path / "out"
    target = stereo_call if command == "analyze" else stereo_call.parent
    args = [command, str(target), "--out", str(out), "--rep-channel", "left", "--rep", "A", "-q"]
    res = CliRunner().invoke(cli, args)
    line = _one_error_line(res)
    assert "--rep A and --rep-channel left both say who the rep is; give one" in line
    assert not out.exists()


def test_batch_of_a_folder_with_nothing_to_analyse_fails(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("call list")
    res = CliRunner().invoke(cli, ["batch", str(empty), "--out", str(tmp_path / "out")])
    line = _one_error_line(res)
    assert f"{empty}: no recordings (" in line and ".wav" in line and ".vtt" in line
    assert not (tmp_path / "out").exists()


def test_batch_with_a_glob_that_matches_nothing_fails_and_shows_a_path(tmp_path: Path) -> None:
    calls = tmp_path / "calls"
    (calls / "alice").mkdir(parents=True)
    af.write_voice(calls / "alice", "wav16", duration=2.0, name="call1")
    res = CliRunner().invoke(cli, ["batch", str(calls), "--out", str(tmp_path / "out"), "--glob", "*.mp3"])
    line = _one_error_line(res)
    assert "none of its 1 recordings and transcripts matches --glob '*.mp3'" in line and "'alice/call1.wav'" in line


def test_batch_pointed_at_a_results_folder_says_to_rescore(tmp_path: Path) -> None:
    results = tmp_path / "results"
    (results / "alice").mkdir(parents=True)
    (results / "alice" / "call1.callcoach.json").write_text(json.dumps({"utterances": []}))
    (results / "summary.csv").write_text("path\n")
    res = CliRunner().invoke(cli, ["batch", str(results), "--out", str(tmp_path / "again")])
    line = _one_error_line(res)
    assert "holds stored analyses (*.callcoach.json), not recordings or transcripts" in line
    assert f"callcoach rescore {results} --rubric FILE" in line


def test_info_exits_1_when_a_model_is_not_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALLCOACH_MODELS_DIR", str(tmp_path))  # an empty models folder
    res = CliRunner().invoke(cli, ["info", "--model", "small.en"])
    assert "asr: NOT FOUND" in res.stdout
    line = _one_error_line(res)
    assert "not found: asr (small.en)" in line
