"""Enrolled voices with the real GE2E encoder and Silero VAD on real recordings. Marked slow.

Skips with a reason where ``../shared/data`` is absent. Nothing from it is copied into the repo:
clips are cut into the test's temporary folder.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from click.testing import CliRunner

from tests.conftest import shared

pytestmark = pytest.mark.slow
SR = 16_000


@pytest.fixture(scope="module")
def demo() -> tuple[np.ndarray, list[tuple[float, float, str]]]:
    from callcoach.audio import load_audio

    bench_metrics = pytest.importorskip("bench.metrics")
    mp3 = shared("audio/sales-demo/demo.mp3")
    _, turns = bench_metrics.load_gecko_json(shared("audio/sales-demo/demo.json"))
    return load_audio(mp3).mono(), turns


@pytest.fixture(scope="module")
def encoder() -> object:
    from callcoach.speakers.embedding import VoiceEncoder

    return VoiceEncoder(threads=2)


def _clip(x: np.ndarray, turns: list, who: str, seconds: float, path: Path) -> Path:
    """The first ``seconds`` of ``who``'s turns, with short pauses between them."""
    parts, total = [], 0.0
    for s, e, spk in turns:
        if spk != who or total >= seconds:
            continue
        parts += [x[int(s * SR) : int(e * SR)], np.zeros(int(0.3 * SR), dtype=np.float32)]
        total += e - s
    sf.write(path, np.concatenate(parts), SR)
    return path


def _speaker_of(diar: object, turns: list, who: str) -> str:
    """The diarized speaker that overlaps ``who``'s reference turns most."""
    ov: dict[str, float] = {}
    for t in diar.turns:  # type: ignore[attr-defined]
        for s, e, spk in turns:
            if spk == who:
                ov[t.speaker] = ov.get(t.speaker, 0.0) + max(0.0, min(t.end, e) - max(t.start, s))
    return max(ov, key=lambda k: ov[k])


def test_enrolled_seller_is_named_on_the_demo_call_and_a_stranger_is_not(demo, encoder, tmp_path: Path) -> None:
    from callcoach.speakers.diarize import DiarizationOptions, EmbeddingDiarizer
    from callcoach.speakers.enroll import enroll_voice, load_team, match_rep, save_voiceprint, vad_speech

    x, turns = demo
    roger = enroll_voice("roger", [_clip(x, turns, "Roger", 30, tmp_path / "roger.wav")], encoder=encoder)
    assert roger.warnings == ()
    vp = roger.voiceprint
    assert 15 < vp.speech_seconds < 35 and vp.model.kind == "speaker" and vp.consistency > 0.75
    save_voiceprint(tmp_path / "team", vp)
    osr = enroll_voice("osr", [shared("audio/osr-8k/OSR_us_000_0034_8k.wav")], encoder=encoder).voiceprint
    diar = EmbeddingDiarizer(threads=2).diarize(x, vad_speech(x), DiarizationOptions())
    seller = _speaker_of(diar, turns, "Roger")
    roles, _ = match_rep(diar.voiceprints, load_team(tmp_path / "team"), models=diar.models)
    assert roles is not None and roles.rep == seller and roles.name == "roger" and roles.method == "enrolled-voice"
    # A voice from another recording is enrolled, but nobody on this call is that person.
    stranger, notes = match_rep(diar.voiceprints, [osr], models=diar.models)
    assert stranger is None and "no speaker matched" in notes[0]


def test_a_whole_two_party_call_warns_and_a_stereo_channel_enrols_one_voice(demo, encoder, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from callcoach.cli import cli
    from callcoach.speakers.enroll import enroll_voice, load_voiceprint

    x, _ = demo
    sf.write(tmp_path / "whole.wav", x[: 240 * SR], SR)
    whole = enroll_voice("roger", [tmp_path / "whole.wav"], encoder=encoder)
    assert len(whole.warnings) == 1 and "more than one voice" in whole.warnings[0]

    stereo = shared("audio/stereo-call/MUL1011.opus")
    monkeypatch.delenv("CALLCOACH_TEAM", raising=False)
    res = CliRunner().invoke(cli, ["enroll", "agent", str(stereo), "--channel", "left", "--team", str(tmp_path / "t"), "-q"])
    assert res.exit_code == 0, res.output
    assert "warning" not in res.stderr
    vp = load_voiceprint(tmp_path / "t" / "voices" / "agent.json")
    assert vp.channel == "left" and vp.recordings == ("MUL1011.opus",) and vp.speech_seconds > 20
