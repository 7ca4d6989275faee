from __future__ import annotations

import numpy as np
import pytest

from callcoach.speakers.diarize import (
    DiarizationOptions,
    _viterbi,
    cluster_turns,
    make_windows,
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
