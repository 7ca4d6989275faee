from __future__ import annotations

import numpy as np
import pytest

from callcoach.speakers.diarize import (
    DiarizationOptions,
    _viterbi,
    cluster_turns,
    estimate_speakers,
    make_windows,
    separation,
    speaker_name,
    spectral_cluster,
)
from callcoach.speakers.embedding import Window


def voices(pattern: list[tuple[int, int]], seed: int = 0, spread: float = 0.25) -> np.ndarray:
    """Embeddings of windows: ``(speaker, count)`` runs around fixed random centres."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(4, 256))
    rows = []
    for spk, n in pattern:
        rows.append(centres[spk] + spread * rng.normal(size=(n, 256)) * np.linalg.norm(centres[spk]) / 16)
    x = np.abs(np.concatenate(rows))
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def windows_for(n: int, length: float = 1.5, hop: float = 0.75) -> tuple[list[tuple[float, float]], list[Window]]:
    speech = [(0.0, hop * (n - 1) + length)]
    return speech, make_windows(speech, length, hop)


def test_make_windows_covers_regions() -> None:
    ws = make_windows([(0.0, 4.0), (5.0, 5.6), (7.0, 7.1)], 1.5, 0.75)
    assert ws[0].start == 0.0 and ws[0].end == 1.5
    assert max(w.end for w in ws if w.start < 4.0) == pytest.approx(4.0)
    assert Window(5.0, 5.6) in ws  # a short region makes one short window
    assert all(w.start >= 7.0 or w.end <= 5.6 or w.start >= 5.0 for w in ws)
    assert not any(w.start == 7.0 for w in ws)  # 0.1 s is too short to embed


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ([(0, 40), (1, 30), (0, 30), (1, 40)], 2),
        ([(0, 30), (1, 30), (2, 30), (0, 20)], 3),
    ],
)
def test_estimates_the_number_of_speakers(pattern: list[tuple[int, int]], expected: int) -> None:
    emb = voices(pattern)
    labels = spectral_cluster(emb, None, 6)
    assert len(set(labels.tolist())) == expected
    # each true run is labelled consistently
    i = 0
    for _spk, n in pattern:
        assert len(set(labels[i : i + n].tolist())) == 1
        i += n


def test_forced_number_of_speakers_is_respected() -> None:
    emb = voices([(0, 40), (1, 40), (2, 40)])
    assert len(set(spectral_cluster(emb, 2, 6).tolist())) == 2
    assert len(set(spectral_cluster(emb, 1, 6).tolist())) == 1


def test_turns_follow_the_voices_and_first_voice_is_a() -> None:
    pattern = [(1, 20), (0, 20), (1, 20)]
    emb = voices(pattern)
    speech, windows = windows_for(len(emb))
    diar = cluster_turns(speech, windows, emb, DiarizationOptions())
    assert diar.attribution.num_speakers == 2
    assert diar.turns[0].speaker == "A"
    assert [t.speaker for t in diar.turns] == ["A", "B", "A"]
    # the switches fall near the true ones (window 20 starts at 15 s, 40 at 30 s)
    assert abs(diar.turns[1].start - 15.75) < 1.6
    assert abs(diar.turns[2].start - 30.75) < 1.6
    assert diar.attribution.confidence > 0.8


def test_a_tiny_cluster_is_absorbed_and_warned_about_when_kept() -> None:
    emb = voices([(0, 60), (1, 2), (0, 60)])
    speech, windows = windows_for(len(emb))
    diar = cluster_turns(speech, windows, emb, DiarizationOptions())
    assert diar.attribution.num_speakers == 1
    assert any("one voice" in w for w in diar.attribution.warnings)


def test_no_windows_gives_no_turns_and_a_warning() -> None:
    diar = cluster_turns([], [], np.zeros((0, 256)), DiarizationOptions())
    assert diar.turns == () and diar.attribution.confidence == 0.0


def test_viterbi_ignores_a_one_frame_blip_but_follows_a_real_change() -> None:
    scores = np.array([[1.0, 0.0]] * 5 + [[0.0, 0.3]] + [[1.0, 0.0]] * 5 + [[0.0, 1.0]] * 6)
    path = _viterbi(scores, np.full(len(scores), 0.6))
    assert path.tolist() == [0] * 11 + [1] * 6


def test_speaker_names() -> None:
    assert [speaker_name(i) for i in (0, 1, 25, 26)] == ["A", "B", "Z", "S27"]


def test_two_halves_of_one_voice_are_merged_unless_the_count_is_forced() -> None:
    from callcoach.speakers.diarize import _merge_alike

    emb = voices([(0, 40), (0, 40)], spread=0.1)
    split = np.array([0] * 40 + [1] * 40)
    assert set(_merge_alike(emb, split, DiarizationOptions()).tolist()) == {0}
    assert set(_merge_alike(emb, split, DiarizationOptions(num_speakers=2)).tolist()) == {0, 1}
    two = voices([(0, 40), (1, 40)])
    assert set(_merge_alike(two, split, DiarizationOptions()).tolist()) == {0, 1}


def _turn_runs(pattern: list[tuple[int, int]], run: int) -> list[tuple[int, int]]:
    """``(speaker, n)`` runs cut into turns of at most ``run`` windows, interleaved in order."""
    out: list[tuple[int, int]] = []
    for spk, n in pattern:
        while n > 0:
            out.append((spk, min(run, n)))
            n -= run
    return out


def test_a_quiet_third_voice_is_counted() -> None:
    # a lead with 120 windows, a second voice with 40 and a third with only 12 (about 9 s)
    pattern = [(0, 30), (1, 10), (0, 30), (2, 6), (1, 15), (0, 30), (2, 6), (1, 15), (0, 30)]
    emb = voices(pattern, seed=3)
    speech, windows = windows_for(len(emb))
    diar = cluster_turns(speech, windows, emb, DiarizationOptions())
    assert diar.attribution.num_speakers == 3
    assert {t.speaker for t in diar.turns} == {"A", "B", "C"}
    assert any("multi-party" in w for w in diar.attribution.warnings)
    assert diar.attribution.details["count_confidence"] > 0.5
    assert set(diar.voiceprints) == {"A", "B", "C"}


def test_scattered_single_windows_are_not_a_voice() -> None:
    # two voices in long turns; 15 windows of a third kind scattered one at a time (cross-talk
    # at turn changes): a cluster of lone windows is not a person
    rng = np.random.default_rng(0)
    pattern = []
    for i in range(15):
        pattern += [(i % 2, int(rng.integers(6, 12))), (2, 1)]
    emb = voices(pattern, seed=4)
    speech, windows = windows_for(len(emb))
    diar = cluster_turns(speech, windows, emb, DiarizationOptions())
    assert diar.attribution.num_speakers == 2


def test_one_varied_voice_stays_one_speaker() -> None:
    emb = voices([(0, 200)], seed=6, spread=0.35)
    speech, windows = windows_for(len(emb))
    diar = cluster_turns(speech, windows, emb, DiarizationOptions())
    assert diar.attribution.num_speakers == 1


def test_too_little_speech_falls_back_to_one_speaker_with_the_reason() -> None:
    emb = voices([(0, 3), (1, 3)])
    speech, windows = windows_for(len(emb))
    diar = cluster_turns(speech, windows, emb, DiarizationOptions())
    att = diar.attribution
    assert att.num_speakers == 1 and att.confidence <= 0.2
    assert any("too little speech" in w for w in att.warnings)
    # a forced count is still honoured on the same few windows
    forced = cluster_turns(speech, windows, emb, DiarizationOptions(num_speakers=2))
    assert forced.attribution.num_speakers == 2


def test_the_count_reports_its_separations() -> None:
    emb = voices([(0, 40), (1, 30), (0, 40), (1, 30)])
    labels, count = estimate_speakers(emb, windows_for(len(emb))[1], DiarizationOptions())
    assert count.k == 2 and len(set(labels.tolist())) == 2
    assert count.separations[2] >= DiarizationOptions().min_separation
    assert all(s < DiarizationOptions().min_separation for k, s in count.separations.items() if k > 2)


def test_separation_is_near_zero_for_one_voice_and_large_for_two() -> None:
    one = voices([(0, 60)], seed=1)
    two = voices([(0, 30), (1, 30)], seed=1)
    assert abs(separation(one[:30], one[30:])) < 0.03
    assert separation(two[:30], two[30:]) > 0.1


def test_speech_without_words_is_labelled_with_the_nearest_voice() -> None:
    emb = voices([(0, 20), (1, 20)], seed=2)
    speech, windows = windows_for(len(emb))
    end = speech[-1][1]
    # 3 s of speech after the words end, sounding like the second voice
    regions = [(end + 1.0, end + 4.0)]
    extra = make_windows(regions, 1.5, 0.75)
    extra_emb = voices([(1, len(extra))], seed=2)
    diar = cluster_turns(speech, windows, emb, DiarizationOptions(), unworded=(regions, extra, extra_emb))
    last = diar.turns[-1]
    assert last.speaker == "B" and last.start >= end + 0.9 and last.end == pytest.approx(end + 4.0, abs=0.11)
