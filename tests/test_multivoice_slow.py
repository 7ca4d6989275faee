"""Multi-voice mono calls built from real recordings (bench.voices): the real models count the
voices and attribute the speech. Marked slow; skips where ../shared/data is absent.

The bench (``python -m bench.diarization``) measures 40 such calls; this test runs four of its
check split (two of 3 voices, two of 4) so that a regression in counting shows in CI.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import callcoach
from tests.conftest import SHARED_DATA, shared

pytestmark = pytest.mark.slow

bench_metrics = pytest.importorskip("bench.metrics")
bench_run = pytest.importorskip("bench.run")
bench_voices = pytest.importorskip("bench.voices")


def test_three_and_four_voice_calls_are_counted_and_attributed(tmp_path: Path) -> None:
    shared("audio/sales-demo/demo.json")
    pool = bench_voices.voice_pool(SHARED_DATA)
    plan = [p for p in bench_voices.call_plan(pool, (3, 4), 8, 1)]
    chosen = plan[:2] + plan[8:10]
    exact, errors, total = 0, 0.0, 0.0
    report = []
    for voices, seed in chosen:
        samples, ref = bench_voices.build_call(pool, voices, seed)
        path = bench_voices.write_wav(tmp_path / f"call-{seed}.wav", samples)
        call = callcoach.analyze(path, threads=2, tagging=False)
        r = bench_metrics.der(ref, bench_run.segments_from_call(call), collar=0.25)
        exact += call.attribution.num_speakers == len(voices)
        errors += r.missed + r.false_alarm + r.confusion
        total += r.total
        report.append((voices, call.attribution.num_speakers, round(r.der, 3)))
        if len(voices) >= 3 and call.attribution.num_speakers >= 3:
            assert any("multi-party" in w for w in call.attribution.warnings)
        assert 0.0 <= call.attribution.details["count_confidence"] <= 1.0
    assert exact >= 3, report
    assert errors / total <= 0.20, report


def test_voice_activity_finds_the_speech_of_a_real_recording() -> None:
    from callcoach.audio import load_audio
    from callcoach.speakers.vad import voice_activity

    audio = load_audio(shared("audio/jfk/jfk.flac"))
    regions = voice_activity(audio.mono())
    speech = sum(e - s for s, e in regions)
    assert 6.0 <= speech <= audio.duration
    assert regions[0][0] < 1.0 and regions[-1][1] > audio.duration - 2.0
