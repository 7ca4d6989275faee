from __future__ import annotations

import numpy as np
import pytest

from callcoach.speakers.embedding import mel_filterbank, mel_frames
from tests.conftest import voice


def test_mel_front_end_matches_librosa() -> None:
    librosa = pytest.importorskip("librosa", reason="librosa (a resemblyzer dependency) not installed")
    x = voice(1.3, 150) + np.random.default_rng(0).normal(scale=0.01, size=int(1.3 * 16000)).astype(np.float32)
    ours = mel_frames(x)
    ref = librosa.feature.melspectrogram(y=x, sr=16000, n_fft=400, hop_length=160, n_mels=40).T
    assert ours.shape == ref.shape
    assert np.max(np.abs(ours - ref)) <= 1e-4 * np.max(ref)
    fb = librosa.filters.mel(sr=16000, n_fft=400, n_mels=40)
    assert np.allclose(mel_filterbank(), fb, atol=1e-6)


def test_mel_frames_of_nothing_is_empty() -> None:
    assert mel_frames(np.zeros(0, dtype=np.float32)).shape == (0, 40)


@pytest.mark.slow
def test_encoder_tells_two_synthetic_voices_apart() -> None:
    pytest.importorskip("torch")
    from callcoach.errors import ModelNotFound
    from callcoach.speakers.embedding import VoiceEncoder, Window

    try:
        enc = VoiceEncoder(threads=2)
    except ModelNotFound as exc:
        pytest.skip(str(exc))
    x = np.concatenate([voice(3.0, 110, seed=1), voice(3.0, 260, seed=2)])
    emb = enc.embed(x, [Window(0, 1.5), Window(1.5, 3.0), Window(3.0, 4.5), Window(4.5, 5.93)])
    assert emb.shape == (4, 256)
    assert np.allclose(np.linalg.norm(emb, axis=1), 1.0, atol=1e-5)
    same = emb[0] @ emb[1]
    different = emb[0] @ emb[2]
    assert same > different
