"""Long calls: the memory-bounded paths compute what the whole-signal paths compute.

Decoding, resampling, gating, mel frames and transcription work a block (or chunk) at a time and
diarization clusters a bounded sample of windows; these tests check each against the direct
computation on small inputs with small blocks, and that nothing builds an n x n matrix over
every window of a call. Timing is measured by ``bench/long.py``, never here.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from scipy.signal import resample_poly

from callcoach import asr
from callcoach import audio as audio_module
from callcoach.asr import FakeTranscriber, chunk_bounds, transcribe_chunked
from callcoach.audio import frame_energy_db, load_audio, resample
from callcoach.speakers import diarize
from callcoach.speakers.channels import FRAME, apply_mask
from callcoach.speakers.diarize import DiarizationOptions, cluster_sample, cluster_turns, initial_labels
from callcoach.speakers.embedding import mel_filterbank, mel_frames
from tests import audio_factory as af
from tests.audio_factory import voice_burst
from tests.test_diarize import voices, windows_for

SR = 16_000


@pytest.mark.parametrize("rate", [8000, 11025, 22050, 44100, 48000])
@pytest.mark.parametrize("seconds", [0.001, 0.3, 3.7])
def test_resampling_in_blocks_equals_one_resample_poly(rate: int, seconds: float) -> None:
    x = np.random.default_rng(rate).standard_normal((2, max(1, int(seconds * rate)))).astype(np.float32)
    frac = Fraction(SR, rate)
    whole = resample_poly(x, frac.numerator, frac.denominator, axis=1).astype(np.float32)
    blocked = resample(x, rate, SR, block_seconds=1)
    assert blocked.dtype == np.float32 and blocked.shape == whole.shape
    np.testing.assert_allclose(blocked, whole, atol=1e-6)


def test_a_stereo_file_decodes_block_by_block_to_the_same_samples(tmp_path: Path) -> None:
    rate = 44100
    left = voice_burst(2.0, rate, f0=130.0, seed=1)
    right = np.roll(voice_burst(2.0, rate, f0=210.0, seed=2), rate // 3)
    path = tmp_path / "call.wav"
    sf.write(path, np.stack([left, right], axis=1), rate, subtype="PCM_16")
    reference, _ = sf.read(path, dtype="float32", always_2d=True)
    expected = resample_poly(reference.T, 160, 441, axis=1).astype(np.float32)
    audio = load_audio(path)
    assert audio.channels == 2 and audio.source_rate == rate
    np.testing.assert_allclose(audio.samples, expected, atol=1e-6)


@pytest.mark.parametrize(("fmt", "channels"), [("wav16", 2), ("flac", 1), ("mp3", 1), ("mp3", 2)])
def test_a_file_streamed_through_the_resampler_in_small_blocks_decodes_as_a_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, channels: int
) -> None:
    rate = 44100
    path = af.write_voice(tmp_path, fmt, rate=rate, duration=6.0, name="call", channels=channels)
    whole, _ = sf.read(path, dtype="float32", always_2d=True)  # one read: the reference decode
    monkeypatch.setattr(audio_module, "_READ_BLOCK", 5000)  # many pushes, none a multiple of 441
    audio = load_audio(path)
    expected = resample_poly(whole.T, 160, 441, axis=1).astype(np.float32)
    if audio.channels == 1 and channels == 2:  # the factory's stereo may be one voice twice
        expected = expected.mean(axis=0, keepdims=True)
    assert audio.samples.shape == expected.shape and audio.source_channels == channels
    np.testing.assert_allclose(audio.samples, expected, atol=1e-5)


def test_more_than_two_channels_are_mixed_down_while_streaming(tmp_path: Path) -> None:
    rng = np.random.default_rng(9)
    data = (0.1 * rng.standard_normal((48000 * 2, 4))).astype(np.float32)
    path = tmp_path / "four.wav"
    sf.write(path, data, 48000, subtype="FLOAT")
    audio = load_audio(path)
    expected = resample_poly(data.mean(axis=1), 1, 3).astype(np.float32)
    assert audio.channels == 1 and audio.source_channels == 4
    np.testing.assert_allclose(audio.samples[0], expected, atol=1e-6)


def test_codec_padding_past_the_stated_duration_is_cut_but_real_audio_is_kept() -> None:
    blocks = [np.full((1, 3), float(i)) for i in range(3)]
    assert audio_module._without_padding(iter(blocks), None, 2).__next__().shape == (1, 3)
    cut = np.concatenate(list(audio_module._without_padding(iter(blocks), 7, padding=2)), axis=1)
    assert cut.tolist() == [[0, 0, 0, 1, 1, 1, 2]]
    kept = np.concatenate(list(audio_module._without_padding(iter(blocks), 6, padding=2)), axis=1)
    assert kept.shape == (1, 9)  # 3 samples past the stated end: more than padding, so audio


def test_frame_energy_in_blocks_equals_the_whole_signal() -> None:
    x = np.random.default_rng(0).standard_normal(SR * 3 + 123).astype(np.float32)
    np.testing.assert_array_equal(frame_energy_db(x, 320, block=7), frame_energy_db(x, 320))


def test_gating_in_blocks_equals_gating_the_whole_channel() -> None:
    rng = np.random.default_rng(3)
    x = rng.standard_normal(SR * 2 + 77).astype(np.float32)
    mask = rng.random(len(x) // FRAME - 2) > 0.5  # shorter than the channel: the rest is silenced
    gain = np.zeros(len(x), dtype=np.float32)
    gain[: len(mask) * FRAME] = np.repeat(mask, FRAME)
    gain = np.convolve(gain, np.ones(FRAME // 2, dtype=np.float32) / (FRAME // 2), mode="same")
    np.testing.assert_allclose(apply_mask(x, mask, block=1000), x * gain, atol=1e-6)


def test_mel_frames_in_blocks_equal_one_stft_over_the_call() -> None:
    torch = pytest.importorskip("torch")
    x = np.random.default_rng(4).standard_normal(SR * 5 + 321).astype(np.float32)
    spec = torch.stft(
        torch.from_numpy(x), n_fft=400, hop_length=160, window=torch.hann_window(400, periodic=True),
        center=True, pad_mode="constant", return_complex=True,
    )
    whole = (torch.from_numpy(mel_filterbank()) @ spec.abs().square()).T.numpy()
    blocked = mel_frames(x, block=37)
    assert blocked.shape == whole.shape
    np.testing.assert_allclose(blocked, whole, rtol=1e-4, atol=1e-6 * float(whole.max()))


def _bursts(seconds: float, seed: int = 0) -> np.ndarray:
    """Speech-like bursts (0.4-2 s) separated by pauses (0.15-1 s), 16 kHz float32."""
    rng = np.random.default_rng(seed)
    parts: list[np.ndarray] = []
    total = 0
    while total < seconds * SR:
        burst = voice_burst(float(rng.uniform(0.4, 2.0)), SR, f0=float(rng.uniform(120, 220)), seed=int(rng.integers(1e6)))
        pause = np.zeros(int(rng.uniform(0.15, 1.0) * SR), dtype=np.float32)
        parts += [burst, pause]
        total += len(burst) + len(pause)
    return np.concatenate(parts)[: int(seconds * SR)]


def test_chunks_cover_the_call_and_are_cut_in_pauses() -> None:
    x = _bursts(95.0)
    bounds = chunk_bounds(x, chunk_seconds=20.0, search_seconds=5.0)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(x)
    assert all(a < b <= a + 20 * SR for a, b in bounds)
    assert all(prev[1] == nxt[0] for prev, nxt in zip(bounds, bounds[1:]))
    loud = frame_energy_db(x, 320) > -35.0
    for _, cut in bounds[:-1]:
        assert cut % 320 == 0
        assert not loud[cut // 320 - 3 : cut // 320 + 3].any()  # 60 ms of silence either side


def test_a_normal_length_call_is_one_chunk() -> None:
    x = np.zeros(int(asr.CHUNK_SECONDS * SR), dtype=np.float32)
    assert chunk_bounds(x) == [(0, len(x))]


def test_chunked_transcription_offsets_words_and_never_splits_one() -> None:
    x = _bursts(95.0, seed=7)
    whole = FakeTranscriber().transcribe(x)
    progress: list[float] = []
    fake = FakeTranscriber()
    chunked = transcribe_chunked(fake, x, lambda stage, f, msg: progress.append(f), chunk_seconds=20.0)
    bounds = chunk_bounds(x, 20.0)
    assert fake.calls == len(bounds) > 1
    # the fake's words follow the audio's energy, so in-pause cuts change none of their times
    assert len(chunked) == len(whole)
    for got, want in zip(chunked, whole):
        assert got.start == pytest.approx(want.start, abs=1e-6) and got.end == pytest.approx(want.end, abs=1e-6)
    for w in chunked:
        assert any(a / SR <= w.start < w.end <= b / SR + 1e-6 for a, b in bounds)
    assert progress == sorted(progress) and 0.0 < progress[-1] <= 1.0


def test_cluster_sample_is_bounded_and_spread_over_the_call() -> None:
    assert cluster_sample(50, 100).tolist() == list(range(50))
    idx = cluster_sample(10_000, 1200)
    assert len(idx) <= 1200 and idx[0] == 0 and idx[-1] == 9999
    assert np.all(np.diff(idx) > 0) and np.diff(idx).max() <= 10


def test_the_bounded_clustering_labels_windows_as_the_exact_path() -> None:
    emb = voices([(0, 60), (1, 40), (0, 50), (2, 45), (1, 30)], seed=5)
    exact, _ = initial_labels(emb, DiarizationOptions(max_cluster_windows=len(emb)))
    bounded, _ = initial_labels(emb, DiarizationOptions(max_cluster_windows=60))
    # the same partition (cluster numbers may differ)
    pairs = set(zip(exact.tolist(), bounded.tolist()))
    assert len(pairs) == len(set(exact.tolist())) == len(set(bounded.tolist())) == 3


def test_long_call_diarization_never_builds_an_affinity_over_every_window(monkeypatch: pytest.MonkeyPatch) -> None:
    sizes: list[int] = []

    real = diarize._spectral_vectors

    def spy(emb: np.ndarray, fraction: float) -> tuple[np.ndarray, np.ndarray]:
        sizes.append(len(emb))
        return real(emb, fraction)

    monkeypatch.setattr(diarize, "_spectral_vectors", spy)
    emb = voices([(1, 150), (0, 200), (1, 150)], seed=2)
    speech, windows = windows_for(len(emb))
    bounded = cluster_turns(speech, windows, emb, DiarizationOptions(max_cluster_windows=80))
    exact = cluster_turns(speech, windows, emb, DiarizationOptions(max_cluster_windows=len(emb)))
    fractions = len(DiarizationOptions().neighbour_fractions)
    assert sizes == [80] * fractions + [len(emb)] * fractions
    assert bounded.turns == exact.turns
    assert [t.speaker for t in bounded.turns] == ["A", "B", "A"]
