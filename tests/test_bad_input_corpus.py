"""The bad-input corpus (issue 6): every malformed input a user may hand callcoach, generated
into ``tmp_path`` and run through the CLI under a time bound, so a hang fails the test.

Each case either fails with exit 1, exactly one ``callcoach: error: <path>: <problem> (<fix>)``
line (the wording asserted in full), nothing on stdout, no traceback and no output file; or is
a case where analysing it is the right thing, and the result is checked:

==========================  =================================================================
input                       behaviour (decided here; README "Using it" says the same)
==========================  =================================================================
truncated WAV / MP3         error: truncated (never a quietly shorter call)
wrong extension, not audio  error: not a readable audio file (text named ``.wav``); audio named
                            ``.vtt``/``.json``: "is a WAV recording ... rename it to .wav"
wrong extension, audio      analysed by content (a WAV named ``.mp3``, a FLAC named ``.wav``)
0 bytes / header only       error: empty / holds no audio samples
one sample                  error: too short to analyse
6 channels                  analysed: mixed down to mono and diarized, with a warning on the
                            attribution (a 5.1 or conference recorder is not one party per
                            channel, so channel = speaker would be wrong)
NaN samples                 error: a broken export; zeroing them would analyse a different
                            recording than the one the coach hears
192 kHz                     analysed: resampled to 16 kHz, ``sample_rate`` 192000 kept
non-UTF-8 transcript        error naming the byte and line: guessing an encoding garbles names
VTT with a 10 MB line       error: no cue holds 100,000 characters (parsing a 10 MB utterance
                            took 400 s in tagging before the cap)
deeply nested JSON          error: nested too deeply (RecursionError caught)
YAML alias bomb as rubric   error from ``--rubric`` and ``rubric check``: aliases may expand a
                            rubric to at most 2 MB; a recursive alias is refused
directory named like a file error: is a directory (``batch`` treats it as the folder it is)
unreadable file             error: permission denied (chmod 000 where not root; a patched
                            ``os.access`` and a decoder raising PermissionError everywhere)
==========================  =================================================================

``tests/test_bad_input_cli.py`` covers the decoder in breadth (every format truncated, PNG/ZIP
as audio, silence ...); this file is the issue's checklist end to end, plus ``batch`` over the
whole corpus and ``python -m callcoach`` in a real process. Fast: synthetic files, fake ASR and
diarizer, no model weights.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile as sf
from click.testing import CliRunner

from callcoach.asr import FakeTranscriber
from callcoach.call import Attribution
from callcoach.cli import cli
from callcoach.speakers.diarize import Diarization, Turn
from tests import audio_factory as af

REPO = Path(__file__).resolve().parents[1]
ERROR = "callcoach: error:"
#: Seconds any one case may take (the slowest, 192 kHz through the whole pipeline, takes ~2 s).
LIMIT_S = 30


# --------------------------------------------------------------------------------------------
# Time bound, fake models
# --------------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _time_bound() -> Iterator[None]:
    """Fail (rather than hang) a case that runs past LIMIT_S; pytest's Failed is not an
    Exception, so the CLI's catch-all cannot turn it into an error line."""

    def expire(_signum: int, _frame: object) -> None:
        pytest.fail(f"still running after {LIMIT_S} s: a hang", pytrace=False)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(LIMIT_S)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


class HalvesSeparator:
    """A diarizer without weights: the first half of the call is A, the second B."""

    def diarize(self, samples: np.ndarray, speech: Any, options: Any, hook: Any = None) -> Diarization:
        mid = len(samples) / 16_000 / 2
        return Diarization((Turn(0.0, mid, "A"), Turn(mid, 2 * mid, "B")), Attribution("diarization", 2, 0.8))


@pytest.fixture(autouse=True)
def _fake_models(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("callcoach.pipeline.FasterWhisperTranscriber", lambda *a, **k: FakeTranscriber())
    monkeypatch.setattr("callcoach.pipeline.EmbeddingDiarizer", lambda *a, **k: HalvesSeparator())
    monkeypatch.delenv("CALLCOACH_DEBUG", raising=False)


# --------------------------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------------------------


def _voice_file(path: Path, *, rate: int = 16_000, channels: int = 2, fmt: str = "wav16", seconds: float = 3.0) -> Path:
    return af.write(path, af.voice(seconds, rate, channels), rate, fmt)


def _sf_as(path: Path, major: str, subtype: str | None = None) -> Path:
    """A stereo voice call written as ``major`` whatever ``path``'s extension says."""
    sf.write(str(path), af.voice(3.0, 16_000, 2), 16_000, format=major, subtype=subtype)
    return path


def _vtt(path: Path, body: str) -> Path:
    path.write_text("WEBVTT\n\n" + body, encoding="utf-8")
    return path


def _nested_json(path: Path) -> Path:
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="ascii")
    return path


def _latin1_vtt(path: Path) -> Path:
    path.write_bytes("WEBVTT\n\n00:00.000 --> 00:02.000\n<v José>¿Qué tal?\n".encode("latin-1"))
    return path


def _latin1_json(path: Path) -> Path:
    utterances = [{"speaker": "José", "start": 0, "end": 2, "text": "hola"}]
    path.write_bytes(json.dumps({"utterances": utterances}, ensure_ascii=False).encode("latin-1"))
    return path


def _long_line_vtt(path: Path) -> Path:
    return _vtt(path, "00:00.000 --> 00:01.000\nA: " + "word " * 2_000_000 + "\n")


def _directory(path: Path) -> Path:
    path.mkdir()
    return path


def _one_sample(path: Path) -> Path:
    sf.write(str(path), np.array([0.5], dtype=np.float32), 16_000, subtype="PCM_16")
    return path


@dataclass(frozen=True)
class Bad:
    """A malformed input that must fail: its file name, how to write it, and the exact problem
    and fix of the error line. ``batch``: whether ``callcoach batch`` picks it up as an input
    (a ``.json`` is an input unless it is well-formed JSON without ``utterances``; a folder is walked)."""

    name: str
    make: Callable[[Path], Path]
    problem: str
    fix: str
    batch: bool = True

    def line(self, path: Path) -> str:
        return f"{ERROR} {path}: {self.problem} ({self.fix})"


NOT_AUDIO = (
    "is not a readable audio file or is corrupt",
    "convert it to WAV or FLAC, or check that it is a complete audio file",
)

BAD = [
    Bad(
        "truncated-wav.wav",
        lambda p: af.write_truncated_wav(p),
        "is truncated (the file ends before its header says)",
        "re-export the recording",
    ),
    Bad(
        "truncated-mp3.mp3",
        lambda p: af.truncate_bytes(af.write(p, af.voice(5.0, 44_100, 2), 44_100, "mp3"), 0.5),
        "is truncated or corrupt (fewer samples than its header says)",
        "re-export the recording",
    ),
    Bad("notes.wav", lambda p: af.write_text_as(p), *NOT_AUDIO),
    Bad(
        "recording.vtt",
        lambda p: _sf_as(p, "WAV", "PCM_16"),
        "is a WAV recording, not a transcript",
        "rename it to .wav to analyse the audio",
    ),
    Bad(
        "recording-flac.json",
        lambda p: _sf_as(p, "FLAC", "PCM_16"),
        "is a FLAC recording, not a transcript",
        "rename it to .flac to analyse the audio",
    ),
    Bad("empty.wav", af.write_empty, "is empty (0 bytes)", "re-export or re-download the recording"),
    Bad("header-only.wav", af.write_header_only_wav, "holds no audio samples (zero length)", "check the recording"),
    Bad("one-sample.wav", _one_sample, "is too short to analyse (1 sample, 0.000 s)", "give the whole recording"),
    Bad("nan.wav", af.write_nan_wav, "contains invalid (NaN or infinite) samples", "re-export the recording"),
    Bad("latin1-vtt.vtt", _latin1_vtt, "is not UTF-8 text (byte 0xe9 on line 4)", "save the transcript as UTF-8"),
    Bad(
        "latin1-json.json",
        _latin1_json,
        "is not UTF-8 text (byte 0xe9 on line 1)",
        "save the transcript as UTF-8",
    ),
    Bad(
        "long-line.vtt",
        _long_line_vtt,
        "the cue at line 3 is 10,000,025 characters long, more than a cue holds (at most 100,000)",
        "split the text into cues of a few sentences each, separated by blank lines",
    ),
    Bad(
        "nested.json",
        _nested_json,
        "is JSON nested too deeply to read",
        "a transcript is a flat list of utterances",
    ),
    Bad("folder.wav", _directory, "is a directory, not a file", "use 'callcoach batch' for folders", batch=False),
    Bad("folder-vtt.vtt", _directory, "is a directory, not a file", "use 'callcoach batch' for folders", batch=False),
]
BAD_CASES = [pytest.param(b, id=b.name) for b in BAD]


def _check_failure(result: Any, path: Path, expected_line: str, out: Path) -> None:
    """Exit 1, exactly the expected line on stderr (nothing else with --quiet), no traceback,
    nothing on stdout, nothing written."""
    assert result.exit_code == 1, (result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert result.stderr.splitlines() == [expected_line]
    assert str(path) in expected_line
    assert not out.exists() or not any(out.rglob("*")), sorted(out.rglob("*"))


def _analyze(path: Path, out: Path, *extra: str) -> Any:
    return CliRunner().invoke(cli, ["analyze", str(path), "--out", str(out), "--quiet", *extra])


@pytest.mark.parametrize("bad", BAD_CASES)
def test_analyze_refuses_bad_input_with_one_clear_line(tmp_path: Path, bad: Bad) -> None:
    path = bad.make(tmp_path / bad.name)
    out = tmp_path / "out"
    _check_failure(_analyze(path, out), path, bad.line(path), out)


# --------------------------------------------------------------------------------------------
# Unreadable: chmod 000 does not stop root, so the code paths are also driven by patching
# --------------------------------------------------------------------------------------------

UNREADABLE = ("cannot be read (permission denied)", "check the file's permissions")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads a chmod 000 file anyway")
def test_unreadable_file_chmod(tmp_path: Path) -> None:
    path = af.write_unreadable(tmp_path / "locked.wav")
    try:
        _check_failure(
            _analyze(path, tmp_path / "out"),
            path,
            f"{ERROR} {path}: {UNREADABLE[0]} ({UNREADABLE[1]})",
            tmp_path / "out",
        )
    finally:
        os.chmod(path, 0o644)


def test_unreadable_file_refused_by_the_access_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a non-root user gets from chmod 000: os.access says no."""
    path = _voice_file(tmp_path / "locked.wav")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **k: False if Path(p) == path else real_access(p, mode, **k))
    _check_failure(
        _analyze(path, tmp_path / "out"), path, f"{ERROR} {path}: {UNREADABLE[0]} ({UNREADABLE[1]})", tmp_path / "out"
    )


@pytest.mark.parametrize("libsndfile", ["raises-permission-error", "refuses-the-file"])
def test_unreadable_file_refused_by_the_decoders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, libsndfile: str
) -> None:
    """Access lost after the check (or an ACL that os.access misjudges): libsndfile raises
    PermissionError or refuses the file, then FFmpeg raises its PermissionError; neither may
    read as "not an audio file"."""
    import av
    import soundfile

    path = _voice_file(tmp_path / "locked.wav")

    def raising(exc: BaseException) -> Callable[..., None]:
        def fail(*_a: object, **_k: object) -> None:
            raise exc

        return fail

    sf_error = (
        PermissionError(13, "Permission denied")
        if libsndfile == "raises-permission-error"
        else soundfile.LibsndfileError(2, "System error")
    )
    monkeypatch.setattr(soundfile, "info", raising(sf_error))
    monkeypatch.setattr(av, "open", raising(av.error.PermissionError(13, "Permission denied")))
    _check_failure(
        _analyze(path, tmp_path / "out"), path, f"{ERROR} {path}: {UNREADABLE[0]} ({UNREADABLE[1]})", tmp_path / "out"
    )


# --------------------------------------------------------------------------------------------
# A YAML alias bomb as a rubric: --rubric and `rubric check`
# --------------------------------------------------------------------------------------------

RUBRIC_HEAD = "id: team\nversion: 1\nname: Team\n"
BOMB = (
    "its YAML aliases (*name) expand it to more than 2,000,000 characters (an alias bomb?); "
    "write the repeated parts out, or use fewer aliases"
)


def _laughs(path: Path) -> Path:
    """Billion laughs: 9 levels of 9 aliases each, 9**9 "lol"s once expanded, in 600 bytes."""
    names = "abcdefghi"
    lines = [RUBRIC_HEAD + "examples:", '  tracker.a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"  tracker.{n}: &{n} [" + ",".join([f"*{names[i]}"] * 9) + "]" for i, n in enumerate(names[1:])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _amplifier(path: Path) -> Path:
    """No nesting at all: one 400 kB phrase repeated 100,000 times by alias in an 800 kB file,
    which validates (a list of strings) and hands tagging 40 GB of example phrases."""
    phrase = "lol " * 100_000
    path.write_text(
        RUBRIC_HEAD + f'examples:\n  tracker.x: [&s "{phrase}", ' + ", ".join(["*s"] * 100_000) + "]\n",
        encoding="utf-8",
    )
    return path


def _recursive(path: Path) -> Path:
    path.write_text(RUBRIC_HEAD + "examples: &e\n  tracker.x: [*e]\n", encoding="utf-8")
    return path


RUBRIC_BOMBS = [
    pytest.param(_laughs, BOMB, id="billion-laughs"),
    pytest.param(_amplifier, BOMB, id="linear-amplifier"),
    pytest.param(
        _recursive,
        "the YAML node at line 4 holds an alias to itself; a rubric cannot be recursive",
        id="recursive-alias",
    ),
]


@pytest.mark.parametrize(("make", "message"), RUBRIC_BOMBS)
def test_rubric_alias_bomb_fails_fast(tmp_path: Path, make: Callable[[Path], Path], message: str) -> None:
    rubric = make(tmp_path / "team.yaml")
    call = _voice_file(tmp_path / "call.wav")
    out = tmp_path / "out"
    _check_failure(_analyze(call, out, "--rubric", str(rubric)), rubric, f"{ERROR} {rubric}: {message}", out)

    checked = CliRunner().invoke(cli, ["rubric", "check", str(rubric)])
    assert checked.exit_code == 1 and "Traceback" not in checked.output
    assert checked.stderr.splitlines() == [f"{ERROR} {rubric}: {message}"]


def test_rubric_aliases_in_normal_use_still_load(tmp_path: Path) -> None:
    """The guard measures expansion; it does not forbid anchors, which teams use for shared text."""
    rubric = tmp_path / "team.yaml"
    rubric.write_text(
        RUBRIC_HEAD
        + "examples:\n  tracker.budget: &money [what is your budget, how much can you spend]\n"
        + "  tracker.pricing: *money\n",
        encoding="utf-8",
    )
    checked = CliRunner().invoke(cli, ["rubric", "check", str(rubric)])
    assert checked.exit_code == 0, checked.output
    assert checked.stdout == f"{rubric}: ok (team@1, 0 dimensions)\n"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(
            lambda p: _directory(p), "is a directory, not a rubric file; give the path of a .yaml file", id="directory"
        ),
        pytest.param(
            lambda p: (p.write_bytes(b"id: caf\xe9\n"), p)[1], "not UTF-8 text; save the rubric as UTF-8", id="not-utf8"
        ),
        pytest.param(
            lambda p: (p.write_text(RUBRIC_HEAD + "description: " + "[" * 50_000 + "]" * 50_000 + "\n"), p)[1],
            "not valid YAML at line 4: exceeded maximum nesting depth",
            id="deep-nesting",
        ),
    ],
)
def test_other_bad_rubric_files(tmp_path: Path, make: Callable[[Path], Path], message: str) -> None:
    rubric = make(tmp_path / "team.yaml")
    checked = CliRunner().invoke(cli, ["rubric", "check", str(rubric)])
    assert checked.exit_code == 1 and "Traceback" not in checked.output
    assert checked.stderr.splitlines() == [f"{ERROR} {rubric}: {message}"]


# --------------------------------------------------------------------------------------------
# Inputs where analysing is right: the result is checked
# --------------------------------------------------------------------------------------------


def _analysis(tmp_path: Path, path: Path) -> dict[str, Any]:
    out = tmp_path / "out"
    res = _analyze(path, out)
    assert res.exit_code == 0, res.output
    assert "Traceback" not in res.output and res.stderr == ""
    data = json.loads((out / f"{path.stem}.callcoach.json").read_text(encoding="utf-8"))
    assert (out / f"{path.stem}.scorecard.html").is_file()
    assert data["utterances"] and all(
        0 <= u["start"] <= u["end"] <= data["duration"] + 0.05 for u in data["utterances"]
    )
    return data


def test_192_khz_is_resampled_and_analysed(tmp_path: Path) -> None:
    data = _analysis(tmp_path, _voice_file(tmp_path / "hifi.wav", rate=192_000))
    assert data["sample_rate"] == 192_000 and data["channels"] == 2
    assert data["duration"] == pytest.approx(3.0, abs=0.01)
    assert data["attribution"]["method"] == "stereo-channels"
    assert sorted(s["id"] for s in data["speakers"]) == ["left", "right"]
    # The same call recorded at 16 kHz gives the same words at the same times.
    (tmp_path / "16k").mkdir()
    same = _analysis(tmp_path / "16k", _voice_file(tmp_path / "16k" / "hifi.wav", rate=16_000))
    assert [(u["speaker"], u["text"]) for u in data["utterances"]] == [
        (u["speaker"], u["text"]) for u in same["utterances"]
    ]
    times = [t for u in data["utterances"] for t in (u["start"], u["end"])]
    assert times == pytest.approx([t for u in same["utterances"] for t in (u["start"], u["end"])], abs=0.03)


def test_six_channels_are_mixed_down_diarized_and_flagged(tmp_path: Path) -> None:
    data = _analysis(tmp_path, af.write(tmp_path / "room.flac", af.voice(3.0, 48_000, channels=6), 48_000, "flac"))
    assert (data["channels"], data["source_channels"]) == (1, 6)  # analysed as mono: one truth with the CLI
    assert data["attribution"]["method"] == "diarization"
    assert (
        data["attribution"]["warnings"][0]
        == "a 6-channel recording, mixed down to mono: speakers were told apart by voice"
    )
    assert [s["id"] for s in data["speakers"]] == ["A", "B"]
    assert all(s["channel"] is None for s in data["speakers"])


@pytest.mark.parametrize(
    ("name", "major", "subtype", "fmt"),
    [
        ("call.mp3", "WAV", "PCM_16", "WAV"),
        ("call.wav", "FLAC", "PCM_16", "FLAC"),
        ("call.m4a", "OGG", "VORBIS", "OGG"),
    ],
    ids=["wav-named-mp3", "flac-named-wav", "vorbis-named-m4a"],
)
def test_wrong_extension_with_real_audio_is_analysed_by_content(
    tmp_path: Path, name: str, major: str, subtype: str, fmt: str
) -> None:
    data = _analysis(tmp_path, _sf_as(tmp_path / name, major, subtype))
    assert data["source"] == name
    assert data["channels"] == 2 and data["sample_rate"] == 16_000
    assert data["duration"] == pytest.approx(3.0, abs=0.01)
    assert data["attribution"]["method"] == "stereo-channels"


# --------------------------------------------------------------------------------------------
# A real process: no traceback reaches stderr, bounded by a subprocess timeout
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["nested.json", "long-line.vtt", "latin1-json.json"])
def test_python_dash_m_prints_one_line(tmp_path: Path, name: str) -> None:
    bad = next(b for b in BAD if b.name == name)
    path = bad.make(tmp_path / name)
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if k != "CALLCOACH_DEBUG"}
    proc = subprocess.run(
        [sys.executable, "-m", "callcoach", "analyze", str(path), "--out", str(out), "--quiet"],
        capture_output=True, text=True, cwd=REPO, env=env, timeout=LIMIT_S - 5,
    )  # fmt: skip
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == [bad.line(path)]
    assert not out.exists()


def test_python_dash_m_rubric_bomb(tmp_path: Path) -> None:
    rubric = _laughs(tmp_path / "team.yaml")
    proc = subprocess.run(
        [sys.executable, "-m", "callcoach", "rubric", "check", str(rubric)],
        capture_output=True, text=True, cwd=REPO, timeout=LIMIT_S - 5,
    )  # fmt: skip
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [f"{ERROR} {rubric}: {BOMB}"]


# --------------------------------------------------------------------------------------------
# The whole corpus through `callcoach batch`
# --------------------------------------------------------------------------------------------


@pytest.fixture
def corpus(tmp_path: Path) -> dict[str, Path]:
    """Every malformed input of BAD, written into one folder (``tmp_path/calls``)."""
    calls = tmp_path / "calls"
    calls.mkdir()
    return {b.name: b.make(calls / b.name) for b in BAD}


def test_batch_over_the_corpus(tmp_path: Path, corpus: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """Every bad input the batch picks up lands in failures.jsonl with the same reason analyze
    gives; the good calls (and the inputs that are analysed by design) still get results; exit 1.
    In-process (--workers 0) so the fake models apply."""
    calls = tmp_path / "calls"
    bad_paths = corpus
    locked = _voice_file(calls / "locked.wav")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **k: False if Path(p) == locked else real_access(p, mode, **k))
    good = {
        "good-call.wav": _voice_file(calls / "good-call.wav"),
        "good-transcript.vtt": _vtt(
            calls / "good-transcript.vtt",
            "00:00.000 --> 00:02.000\n<v Dana>How do you plan today?\n\n"
            "00:02.000 --> 00:04.000\n<v Sam>With a spreadsheet.\n",
        ),  # fmt: skip
        "hifi.wav": _voice_file(calls / "hifi.wav", rate=192_000),
        "room.flac": af.write(calls / "room.flac", af.voice(3.0, 48_000, channels=6), 48_000, "flac"),
        "wav-named.mp3": _sf_as(calls / "wav-named.mp3", "WAV", "PCM_16"),
        "folder.wav/inner.wav": _voice_file(calls / "folder.wav" / "inner.wav"),  # a folder is walked
    }
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["batch", str(calls), "--out", str(out), "--workers", "0", "--quiet"])
    assert res.exit_code == 1, res.output
    assert "Traceback" not in res.output

    failures = {
        d["path"]: d["error"]
        for d in (json.loads(line) for line in (out / "failures.jsonl").read_text(encoding="utf-8").splitlines())
    }
    expected = {b.name: f"{bad_paths[b.name]}: {b.problem} ({b.fix})" for b in BAD if b.batch}
    expected["locked.wav"] = f"{locked}: {UNREADABLE[0]} ({UNREADABLE[1]})"
    assert failures == expected
    for rel in good:
        stem = Path(rel).with_suffix("").as_posix()
        assert (out / f"{stem}.callcoach.json").is_file(), rel
    analysed = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.callcoach.json"))
    assert analysed == sorted(f"{Path(rel).with_suffix('').as_posix()}.callcoach.json" for rel in good)
    assert re.search(
        rf"{len(good) + len(expected)} calls: {len(good)} analysed, 0 already done, {len(expected)} failed", res.stdout
    )
