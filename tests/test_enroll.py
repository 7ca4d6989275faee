"""Enrolled reps' voice prints and recognising the rep by voice on mono calls: no model weights.

A fake encoder maps each window to the voice of its pitch (the synthetic voices of
``tests.conftest.voice`` differ by fundamental), so enrollment runs end to end; matching gets
hand-built voice prints.
"""

from __future__ import annotations

import csv
import json
import os
import stat
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile as sf
from click.testing import CliRunner

import callcoach
from callcoach.asr import FakeTranscriber
from callcoach.batch import run_batch
from callcoach.batch.manifest import call_options, read_manifest, with_voice_rep
from callcoach.batch.team import summary_row
from callcoach.call import Attribution, ModelInfo, RoleAssignment
from callcoach.cli import cli
from callcoach.errors import CallcoachError, InputError
from callcoach.pipeline import AnalyzeOptions
from callcoach.speakers.diarize import Diarization, Turn
from callcoach.speakers.enroll import (
    MATCH_THRESHOLD,
    VoicePrint,
    check_rep_name,
    enroll_voice,
    is_narrowband,
    load_team,
    load_voiceprint,
    match_rep,
    match_speakers,
    save_voiceprint,
    telephone_band,
)
from tests.conftest import voice

SR = 16_000
MODEL = ModelInfo("speaker", "fake-ge2e", "1", "test")
F0 = {"dana": 140.0, "cust": 210.0, "sam": 300.0}


def unit(seed: int, dim: int = 256) -> np.ndarray:
    v = np.abs(np.random.default_rng(seed).normal(size=dim))  # GE2E embeddings are non-negative
    return (v / np.linalg.norm(v)).astype(np.float32)


VOICES = {name: unit(i) for i, name in enumerate(F0)}


def near(v: np.ndarray, sim: float, seed: int = 99) -> np.ndarray:
    """A unit vector whose cosine similarity to unit ``v`` is ``sim``."""
    r = np.random.default_rng(seed).normal(size=v.shape)
    r -= (r @ v) * v
    r /= np.linalg.norm(r)
    return (sim * v + np.sqrt(1 - sim**2) * r).astype(np.float32)


class FakeEncoder:
    """Embeds a window as the voice whose fundamental is nearest its spectral peak (plus noise)."""

    info = MODEL

    def __init__(self) -> None:
        self.calls = 0

    def embed(self, wav: np.ndarray, windows: list[Any]) -> np.ndarray:
        self.calls += 1
        out = []
        for k, w in enumerate(windows):
            seg = wav[int(w.start * SR) : int(w.end * SR)].astype(np.float64)
            ac = np.correlate(seg[:4000], seg[:4000], mode="full")[len(seg[:4000]) - 1 :]
            lo, hi = SR // 400, SR // 80  # pitch from the autocorrelation: survives a band-pass
            f0 = SR / (lo + int(np.argmax(ac[lo:hi])))
            name = min(F0, key=lambda n: abs(F0[n] - f0))
            out.append(near(VOICES[name], 0.9, seed=k))
        return np.stack(out)


def energy_speech(x: np.ndarray) -> list[tuple[float, float]]:
    """Speech = 20 ms frames louder than -40 dBFS, merged."""
    frame = 320
    n = len(x) // frame
    db = 10 * np.log10(np.mean(x[: n * frame].reshape(n, frame) ** 2, axis=1) + 1e-12)
    out: list[tuple[float, float]] = []
    for i in np.flatnonzero(db > -40):
        s, e = i * frame / SR, (i + 1) * frame / SR
        if out and s - out[-1][1] < 0.05:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def write_voice(path: Path, parts: list[tuple[str, float]], channels: int = 1, gap: float = 0.5) -> Path:
    """Write voices one after another (name, seconds), with ``gap`` s of silence between.
    On stereo, each part goes to its own channel: dana left, anyone else right."""
    chunks = []
    for i, (name, secs) in enumerate(parts):
        v = voice(secs, F0[name], seed=i)
        if channels == 2:
            z = np.zeros((2, len(v)), dtype=np.float32)
            z[0 if name == "dana" else 1] = v
            v = z
        chunks.append(v)
        chunks.append(np.zeros((channels, int(gap * SR)) if channels == 2 else int(gap * SR), dtype=np.float32))
    x = np.concatenate(chunks, axis=-1)
    sf.write(path, x.T if channels == 2 else x, SR)
    return path


def enroll(name: str, paths: list[Path], **kw: Any) -> Any:
    return enroll_voice(name, paths, encoder=FakeEncoder(), find_speech=energy_speech, **kw)


def make_print(name: str, emb: np.ndarray, model: ModelInfo = MODEL) -> VoicePrint:
    return VoicePrint(name, emb, model, 30.0, 40, (f"{name}.wav",), "2026-01-01T00:00:00Z", 0.9)


# --------------------------------------------------------------------------------------------
# Names and storage
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["dana", "dana.smith", "Dana_S-2", "José"])
def test_good_names(name: str) -> None:
    assert check_rep_name(name) == name


@pytest.mark.parametrize("name", ["", "../evil", "a/b", "dana smith", ".hidden", "x" * 65, "-dash", "dana.", "a\\b", "_x"])
def test_bad_names_are_one_line_errors(name: str) -> None:
    with pytest.raises(CallcoachError, match="cannot name an enrolled rep") as exc:
        check_rep_name(name)
    assert "\n" not in str(exc.value)


def test_enroll_save_load_round_trip(tmp_path: Path) -> None:
    (tmp_path / "calls").mkdir()
    rec = write_voice(tmp_path / "calls" / "dana-intro.wav", [("dana", 8), ("dana", 8)])
    result = enroll("dana", [rec])
    vp = result.voiceprint
    assert result.warnings == ()
    assert vp.speech_seconds == pytest.approx(16, abs=0.5) and vp.windows > 10
    assert vp.recordings == ("dana-intro.wav",)  # the file name only, never its folder
    assert float(vp.embedding @ VOICES["dana"]) > 0.95 and np.linalg.norm(vp.embedding) == pytest.approx(1.0, abs=1e-5)
    assert 0.85 < vp.consistency <= 1.0
    path = save_voiceprint(tmp_path / "team", vp)
    assert path == tmp_path / "team" / "voices" / "dana.json"
    data = json.loads(path.read_text())
    assert set(data) == {"format", "name", "model", "speech_seconds", "windows", "recordings", "channel", "created",
                         "consistency", "callcoach_version", "narrowband", "embedding", "embedding_narrowband"}  # no audio, no words
    assert data["model"] == MODEL.to_dict() and len(data["embedding"]) == 256
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # biometric data: the owner's alone
    back = load_voiceprint(path)
    assert back.name == "dana" and back.recordings == vp.recordings and back.model == MODEL
    assert np.allclose(back.embedding, vp.embedding, atol=1e-5)
    assert back.embedding_narrowband is not None and float(back.embedding_narrowband @ VOICES["dana"]) > 0.95
    assert [p.name for p in load_team(tmp_path / "team")] == ["dana"]


def test_write_is_atomic_and_replaces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    team = tmp_path / "team"
    first = save_voiceprint(team, make_print("dana", VOICES["dana"]))
    before = first.read_bytes()

    def broken_replace(src: Any, dst: Any) -> None:
        assert Path(src).parent == Path(dst).parent and Path(src).name.startswith(".")  # a temp file beside it
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        save_voiceprint(team, make_print("Dana", VOICES["sam"]))
    monkeypatch.undo()
    assert first.read_bytes() == before  # the old print is whole
    assert sorted(p.name for p in (team / "voices").iterdir()) == ["dana.json"]  # no temp file left
    save_voiceprint(team, make_print("Dana", VOICES["sam"]))  # names are case-insensitive: replaces
    assert sorted(p.name for p in (team / "voices").iterdir()) == ["dana.json"]
    assert load_voiceprint(first).name == "Dana"


def test_team_errors(tmp_path: Path) -> None:
    with pytest.raises(CallcoachError, match="no such team folder.*callcoach enroll"):
        load_team(tmp_path / "nope")
    (tmp_path / "t" / "voices").mkdir(parents=True)
    with pytest.raises(CallcoachError, match="no enrolled voices"):
        load_team(tmp_path / "t")
    (tmp_path / "t" / "voices" / "x.json").write_text("{not json")
    with pytest.raises(CallcoachError, match=r"x\.json: not a callcoach voice print.*enroll the rep again or delete"):
        load_team(tmp_path / "t")


# --------------------------------------------------------------------------------------------
# Enrollment errors and warnings
# --------------------------------------------------------------------------------------------


def test_too_little_speech_says_how_much_is_needed(tmp_path: Path) -> None:
    rec = write_voice(tmp_path / "short.wav", [("dana", 4)])
    with pytest.raises(InputError, match=r"short\.wav: only 4\.\d s of speech found; enrolling needs at least 10 s"):
        enroll("dana", [rec])


def test_no_speech_names_the_file(tmp_path: Path) -> None:
    rec = write_voice(tmp_path / "hum.wav", [("dana", 4)])
    with pytest.raises(InputError, match=r"hum\.wav: no speech was found"):
        enroll_voice("dana", [rec], encoder=FakeEncoder(), find_speech=lambda x: [])


def test_unreadable_audio_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.wav"
    bad.write_text("not audio at all " * 100)
    with pytest.raises(InputError, match=r"notes\.wav"):
        enroll("dana", [bad])


def test_stereo_needs_a_channel_and_uses_it(tmp_path: Path) -> None:
    rec = write_voice(tmp_path / "call.wav", [("dana", 7), ("cust", 7), ("dana", 7)], channels=2)
    with pytest.raises(InputError, match="stereo.*--channel left\\|right"):
        enroll("dana", [rec])
    vp = enroll("dana", [rec], channel="left").voiceprint
    assert vp.channel == "left" and float(vp.embedding @ VOICES["dana"]) > 0.95
    assert vp.speech_seconds == pytest.approx(14, abs=1)
    mono = write_voice(tmp_path / "mono.wav", [("dana", 12)])
    with pytest.raises(CallcoachError, match="--channel left needs a stereo recording"):
        enroll("dana", [mono], channel="left")


def test_a_two_voice_mono_recording_warns_in_one_line(tmp_path: Path) -> None:
    rec = write_voice(tmp_path / "whole-call.wav", [("dana", 12), ("cust", 10), ("dana", 8), ("cust", 6)])
    result = enroll("dana", [rec])
    assert len(result.warnings) == 1 and "\n" not in result.warnings[0]
    assert "more than one voice" in result.warnings[0] and "whole-call.wav" in result.warnings[0]
    assert "--channel" in result.warnings[0]


def test_a_recording_of_someone_else_is_flagged(tmp_path: Path) -> None:
    a = write_voice(tmp_path / "a.wav", [("dana", 12)])
    b = write_voice(tmp_path / "b.wav", [("sam", 12)])
    result = enroll("dana", [a, b])
    assert any("sounds unlike the other recordings" in w for w in result.warnings)


# --------------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------------

PRINTS = (make_print("dana", VOICES["dana"]), make_print("sam", VOICES["sam"]))


def test_matching_picks_the_right_speaker() -> None:
    sim = round(MATCH_THRESHOLD + 0.06, 2)
    prints = {"A": near(VOICES["cust"], 0.95), "B": near(VOICES["dana"], sim)}
    roles, notes = match_rep(prints, PRINTS)
    assert roles is not None and notes == ()
    assert roles.rep == "B" and roles.name == "dana" and roles.method == "enrolled-voice"
    ev = roles.evidence[0]
    assert ev.startswith(f"speaker B matches enrolled rep dana: similarity {sim:.2f}, threshold {MATCH_THRESHOLD:.2f}")
    assert "next best" in ev
    assert roles.confidence > 0.9


def test_assignment_is_unique() -> None:
    # Both speakers are closest to dana; B is closer, so A goes to sam, not to dana too.
    prints = {"A": (0.6 * VOICES["dana"] + 0.8 * VOICES["sam"]), "B": near(VOICES["dana"], 0.97)}
    pairs = match_speakers(prints, PRINTS, threshold=0.5)
    assert [(m.speaker, m.name) for m in pairs] == [("B", "dana"), ("A", "sam")]


def test_below_threshold_is_no_match_and_unknown_voices_are_not_named() -> None:
    prints = {"A": VOICES["cust"], "B": near(VOICES["dana"], MATCH_THRESHOLD - 0.05)}
    roles, notes = match_rep(prints, PRINTS)
    assert roles is None and "no speaker matched an enrolled rep" in notes[0]
    roles, _ = match_rep({"A": unit(50), "B": unit(51)}, PRINTS)
    assert roles is None


def test_a_speaker_is_compared_with_both_prints_of_a_rep() -> None:
    wide, narrow = near(VOICES["dana"], 0.8), VOICES["dana"]
    speakers = {"A": VOICES["cust"], "B": VOICES["dana"]}
    only_wide = VoicePrint("dana", wide, MODEL, 30.0, 40, ("d.wav",), "", 0.9)
    assert match_rep(speakers, [only_wide])[0] is None  # 0.80 < threshold
    both = VoicePrint("dana", wide, MODEL, 30.0, 40, ("d.wav",), "", 0.9, embedding_narrowband=narrow)
    roles, _ = match_rep(speakers, [both])  # the telephone-band print matches this call's chain
    assert roles is not None and roles.rep == "B" and "similarity 1.00" in roles.evidence[0]


def test_narrowband_detection() -> None:
    noise = np.random.default_rng(0).normal(0, 0.1, 5 * SR).astype(np.float32)
    assert not is_narrowband(noise, 16_000)
    assert is_narrowband(telephone_band(noise), 16_000)
    assert is_narrowband(noise, 8_000)  # recorded at 8 kHz


def test_prints_of_another_speaker_model_are_not_compared() -> None:
    prints = {"A": VOICES["cust"], "B": VOICES["dana"]}
    roles, notes = match_rep(prints, PRINTS, models=[ModelInfo("speaker", "other", "2", "x")])
    assert roles is None and "enroll them again" in notes[0]


def test_rep_voice_names_the_closest_speaker_even_below_threshold() -> None:
    prints = {"A": VOICES["cust"], "B": near(VOICES["sam"], 0.7)}
    roles, _ = match_rep(prints, PRINTS, rep_voice="sam")
    assert roles is not None and roles.rep == "B" and roles.name == "sam" and roles.confidence == 0.5
    assert any("below the threshold" in e for e in roles.evidence)


# --------------------------------------------------------------------------------------------
# The pipeline
# --------------------------------------------------------------------------------------------


class VoiceSeparator:
    """Turns at fixed times, and a voice print per speaker."""

    def __init__(self, voiceprints: dict[str, np.ndarray]) -> None:
        self.voiceprints = voiceprints

    def diarize(self, samples, speech, options, hook=None) -> Diarization:
        turns = (Turn(0.0, 2.7, "A"), Turn(2.7, 6.0, "B"))
        return Diarization(turns, Attribution("diarization", 2, 0.9), (MODEL,), self.voiceprints)


@pytest.fixture
def team(tmp_path: Path) -> Path:
    for vp in PRINTS:
        save_voiceprint(tmp_path / "team", vp)
    return tmp_path / "team"


def analyze(path: Path, prints: dict[str, np.ndarray], **kw: Any) -> Any:
    return callcoach.analyze(path, transcriber=FakeTranscriber(), separator=VoiceSeparator(prints), tagging=False, **kw)


def test_analyze_names_the_enrolled_rep(mono_call: Path, team: Path) -> None:
    call = analyze(mono_call, {"A": near(VOICES["cust"], 0.9), "B": near(VOICES["dana"], MATCH_THRESHOLD + 0.03)}, team=str(team))
    assert call.roles.rep == "B" and call.roles.name == "dana" and call.roles.method == "enrolled-voice"
    assert call.speaker("B").role == "rep" and call.speaker("A").role == "customer"
    assert call.meta["rep"] == "dana"
    d = call.to_dict()
    assert d["roles"]["name"] == "dana" and d["settings"]["team"] == str(team)
    assert summary_row(d)["rep"] == "dana"


def test_no_match_falls_back_to_inference_with_the_reason(mono_call: Path, team: Path) -> None:
    call = analyze(mono_call, {"A": unit(60), "B": unit(61)}, team=str(team))
    assert call.roles.method == "inferred" and call.roles.name is None and "rep" not in call.meta
    assert any("no speaker matched an enrolled rep" in e for e in call.roles.evidence)


def test_explicit_rep_wins_over_voice(mono_call: Path, team: Path) -> None:
    call = analyze(mono_call, {"A": VOICES["cust"], "B": VOICES["dana"]}, team=str(team), rep="A")
    assert call.roles.rep == "A" and call.roles.method == "rep-flag"


def test_without_team_nothing_changes(mono_call: Path) -> None:
    call = analyze(mono_call, {"A": VOICES["cust"], "B": VOICES["dana"]})
    assert call.roles.method == "inferred" and "team" not in call.to_dict()["settings"]
    assert "name" not in call.to_dict()["roles"]


def test_team_and_rep_voice_errors(mono_call: Path, team: Path, tmp_path: Path) -> None:
    with pytest.raises(CallcoachError, match="--rep-voice dana needs --team"):
        analyze(mono_call, {}, rep_voice="dana")
    with pytest.raises(CallcoachError, match="rep 'kim' is not enrolled.*callcoach enroll kim"):
        analyze(mono_call, {}, team=str(team), rep_voice="kim")
    with pytest.raises(CallcoachError, match="no such team folder"):
        analyze(mono_call, {}, team=str(tmp_path / "missing"))


def test_role_assignment_json_round_trip() -> None:
    r = RoleAssignment("B", "enrolled-voice", 0.9, ("x",), name="dana")
    assert RoleAssignment.from_dict(r.to_dict()) == r
    assert "name" not in RoleAssignment("B", "inferred", 0.9).to_dict()


# --------------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------------


@pytest.fixture
def fake_models(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("callcoach.speakers.embedding.VoiceEncoder", lambda *a, **k: FakeEncoder())
    monkeypatch.setattr("callcoach.speakers.enroll.vad_speech", energy_speech)
    monkeypatch.setattr("callcoach.pipeline.FasterWhisperTranscriber", lambda *a, **k: FakeTranscriber())


def test_cli_enroll_writes_the_print_and_prints_one_line(tmp_path: Path, fake_models: None, monkeypatch: pytest.MonkeyPatch) -> None:
    rec = write_voice(tmp_path / "dana.wav", [("dana", 12)])
    monkeypatch.setenv("CALLCOACH_TEAM", str(tmp_path / "team"))
    res = CliRunner().invoke(cli, ["enroll", "dana", str(rec), "-q"])
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("enrolled dana: 12.") and str(tmp_path / "team" / "voices" / "dana.json") in res.stdout
    res = CliRunner().invoke(cli, ["enroll", "dana", str(rec), "-q"])
    assert res.stdout.startswith("re-enrolled dana")


def test_cli_analyze_with_team_names_the_rep_in_the_summary_line(tmp_path: Path, team: Path, mono_call: Path,
                                                                 fake_models: None, monkeypatch: pytest.MonkeyPatch) -> None:
    prints = {"A": VOICES["cust"], "B": VOICES["dana"]}
    monkeypatch.setattr("callcoach.pipeline.EmbeddingDiarizer", lambda *a, **k: VoiceSeparator(prints))
    monkeypatch.setenv("CALLCOACH_TEAM", str(team))
    res = CliRunner().invoke(cli, ["analyze", str(mono_call), "--out", str(tmp_path / "o"), "--no-tagging", "-q"])
    assert res.exit_code == 0, res.output
    assert "rep B = dana (enrolled-voice" in res.stdout
    page = (tmp_path / "o" / "mono.scorecard.html").read_text(encoding="utf-8")
    assert "B (dana)" in page and "recognised by an enrolled voice" in page and "matches enrolled rep dana" in page


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["enroll", "dana smith", "{rec}", "--team", "{team}"], "cannot name an enrolled rep"),
        (["enroll", "dana", "{rec}"], "--team DIR"),
        (["enroll", "dana", "{missing}", "--team", "{team}"], "no such file"),
        (["enroll", "dana", "{short}", "--team", "{team}"], "enrolling needs at least 10 s"),
        (["analyze", "{rec}", "--team", "{missing}"], "no such team folder"),
        (["analyze", "{rec}", "--rep-voice", "dana"], "needs --team"),
    ],
)
def test_cli_errors_are_one_line_with_exit_1(tmp_path: Path, fake_models: None, monkeypatch: pytest.MonkeyPatch,
                                             args: list[str], needle: str) -> None:
    monkeypatch.delenv("CALLCOACH_TEAM", raising=False)
    paths = {"rec": write_voice(tmp_path / "dana.wav", [("dana", 12)]), "short": write_voice(tmp_path / "s.wav", [("dana", 3)]),
             "missing": tmp_path / "missing.wav", "team": tmp_path / "team"}
    res = CliRunner().invoke(cli, [a.format(**paths) for a in args] + ["-q"])
    assert res.exit_code == 1, res.output
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("callcoach: error:") and needle in lines[0], res.stderr


# --------------------------------------------------------------------------------------------
# Batch: manifest columns
# --------------------------------------------------------------------------------------------


def test_manifest_columns_become_options_and_meta(tmp_path: Path) -> None:
    m = tmp_path / "m.csv"
    m.write_text("file,rep_channel,rep_voice\na.wav,Left,\nb.wav,,dana\n")
    rows = read_manifest(m)
    assert rows["a.wav"] == {"rep_channel": "left"} and rows["b.wav"] == {"rep_voice": "dana"}
    base = AnalyzeOptions(rep="A", rep_channel="right")
    assert call_options(base, {"rep_channel": "left"}).rep_channel == "left"
    o = call_options(base, {"rep_voice": "dana"})
    assert (o.rep_voice, o.rep, o.rep_channel) == ("dana", None, None)
    assert call_options(base, {}) is base
    assert with_voice_rep({"path": "x.wav", "team": "east"}, "dana") == {"path": "x.wav", "rep": "dana", "team": "east"}
    assert with_voice_rep({"path": "x.wav", "rep": "alice"}, "dana")["rep"] == "alice"  # the manifest wins


@pytest.mark.parametrize(("row", "needle"), [("a.wav,middle,", "line 2: rep_channel is 'middle'"),
                                             ("a.wav,,../x", "line 2: rep_voice")])
def test_bad_manifest_values_name_the_line(tmp_path: Path, row: str, needle: str) -> None:
    m = tmp_path / "m.csv"
    m.write_text(f"file,rep_channel,rep_voice\n{row}\n")
    with pytest.raises(CallcoachError, match=needle):
        read_manifest(m)


SEPARATOR_PRINTS: dict[str, np.ndarray] = {"A": VOICES["cust"], "B": VOICES["dana"]}


def voice_backend() -> dict[str, Any]:
    return {"transcriber": FakeTranscriber(), "separator": VoiceSeparator(SEPARATOR_PRINTS)}


def test_batch_names_reps_by_voice_and_reanalyses_when_rep_voice_changes(tmp_path: Path, team: Path, mono_call: Path) -> None:
    calls = tmp_path / "calls"
    calls.mkdir()
    for name in ("one", "two"):
        (calls / f"{name}.flac").write_bytes(mono_call.read_bytes())
    manifest = tmp_path / "m.csv"
    manifest.write_text("file,team\none.flac,east\ntwo.flac,east\n")
    out = tmp_path / "out"
    opts = AnalyzeOptions(team=str(team), tagging=False)
    res = run_batch(calls, out, workers=0, options=opts, manifest=manifest, backend="tests.test_enroll:voice_backend")
    assert res.ok and res.analysed == 2
    with (out / "summary.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["rep"] for r in rows} == {"dana"}
    data = json.loads((out / "one.callcoach.json").read_text())
    assert data["meta"]["rep"] == "dana" and data["roles"]["name"] == "dana"
    # a new team column only refreshes the metadata; the voice's rep stays
    manifest.write_text("file,team\none.flac,west\ntwo.flac,east\n")
    res = run_batch(calls, out, workers=0, options=opts, manifest=manifest, backend="tests.test_enroll:voice_backend")
    assert res.analysed == 0 and res.skipped == 2
    assert json.loads((out / "one.callcoach.json").read_text())["meta"] == {"path": "one.flac", "rep": "dana", "team": "west"}
    # rep_voice changes the analysis: that call is analysed again
    manifest.write_text("file,team,rep_voice\none.flac,west,sam\ntwo.flac,east,\n")
    res = run_batch(calls, out, workers=0, options=opts, manifest=manifest, backend="tests.test_enroll:voice_backend")
    assert res.analysed == 1 and res.skipped == 1
    data = json.loads((out / "one.callcoach.json").read_text())
    assert data["roles"]["name"] == "sam" and data["meta"]["rep"] == "sam"
    # enrolling anew changes the settings: everything is analysed again
    save_voiceprint(team, make_print("kim", VOICES["cust"]))
    res = run_batch(calls, out, workers=0, options=opts, manifest=manifest, backend="tests.test_enroll:voice_backend")
    assert res.analysed == 2


def test_batch_rejects_unknown_rep_voice_up_front(tmp_path: Path, team: Path, mono_call: Path) -> None:
    calls = tmp_path / "calls"
    calls.mkdir()
    (calls / "one.flac").write_bytes(mono_call.read_bytes())
    manifest = tmp_path / "m.csv"
    manifest.write_text("file,rep_voice\none.flac,kim\n")
    with pytest.raises(CallcoachError, match="rep_voice 'kim', who is not enrolled"):
        run_batch(calls, tmp_path / "out", workers=0, options=AnalyzeOptions(team=str(team)), manifest=manifest)
    with pytest.raises(CallcoachError, match="no team folder was given"):
        run_batch(calls, tmp_path / "out", workers=0, options=AnalyzeOptions(), manifest=manifest)
