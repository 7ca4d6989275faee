"""callcoach.audio on good input: every supported format and sample rate, channel handling,
resampling. Fast: synthetic audio written on the fly (tests/audio_factory.py), no model weights."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from callcoach.audio import SAMPLE_RATE, Audio, check_input_path, frame_energy_db, load_audio, resample
from callcoach.errors import AudioError
from tests import audio_factory as af

RATES = (8000, 22050, 44100, 48000)
#: Opus runs at 8, 12, 16, 24 or 48 kHz only (libsndfile refuses other rates).
OPUS_RATES = (8000, 48000)
#: The ``Audio.format`` each test format reports.
FORMAT_NAME = {
    "wav16": "WAV",
    "wav24": "WAV",
    "wavfloat": "WAV",
    "flac": "FLAC",
    "vorbis": "OGG",
    "opus": "OGG",
    "mp3": "MP3",
    "m4a": "M4A",
}
LOSSLESS = {"wav16", "wav24", "wavfloat", "flac"}

FORMAT_RATE_CASES = [
    pytest.param(fmt, rate, id=f"{fmt}-{rate}")
    for fmt in af.ALL_FORMATS
    for rate in (OPUS_RATES if fmt == "opus" else RATES)
]
#: One rate per format for the (slower, less rate-dependent) channel tests.
ONE_RATE = {fmt: (48000 if fmt == "opus" else 44100) for fmt in af.ALL_FORMATS}


def _rms_db(x: np.ndarray) -> float:
    return 10 * float(np.log10(np.mean(np.square(x, dtype=np.float64)) + 1e-20))


# --------------------------------------------------------------------------------------------
# Formats x sample rates
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "rate"), FORMAT_RATE_CASES)
def test_load_audio_reads_format_at_rate(tmp_path: Path, fmt: str, rate: int) -> None:
    duration = 3.0
    ref = af.voice(duration, rate)
    path = af.write(tmp_path / f"call{af.suffix_of(fmt)}", ref, rate, fmt)

    audio = load_audio(path)

    assert isinstance(audio, Audio)
    assert audio.path == str(path)
    assert audio.format == FORMAT_NAME[fmt]
    assert audio.source_rate == rate
    assert audio.source_channels == 1 and audio.channels == 1
    assert audio.samples.dtype == np.float32 and audio.samples.ndim == 2
    assert np.all(np.isfinite(audio.samples))
    assert audio.duration == pytest.approx(duration, rel=0.01)
    assert audio.samples.shape[1] == pytest.approx(duration * SAMPLE_RATE, rel=0.01)
    # Same signal, same place: compare with the reference resampled to 16 kHz (lag 0, so a
    # codec delay or a missing/extra priming block would show up here).
    expected = resample(ref.T, rate)[0]
    n = min(len(expected), audio.samples.shape[1])
    corr = float(np.corrcoef(audio.samples[0, :n], expected[:n])[0, 1])
    assert corr > (0.9999 if fmt in LOSSLESS else 0.99)
    assert _rms_db(audio.samples[0]) == pytest.approx(_rms_db(expected), abs=0.5)


def test_load_audio_accepts_str_and_path(tmp_path: Path) -> None:
    path = af.write_voice(tmp_path, "wav16", duration=1.0)
    assert load_audio(str(path)).samples.shape == load_audio(path).samples.shape


def test_m4a_end_padding_is_trimmed(tmp_path: Path) -> None:
    """AAC pads its last 1024-sample frame; the decoded length follows the container instead."""
    rate = 8000
    path = af.write_m4a(tmp_path / "pad.m4a", af.voice(2.0, rate), rate)
    assert load_audio(path).samples.shape[1] == 2 * SAMPLE_RATE


def test_m4a_faststart(tmp_path: Path) -> None:
    path = af.write_m4a(tmp_path / "fs.m4a", af.voice(2.0, 44100), 44100, faststart=True)
    assert path.read_bytes()[:128].find(b"moov") > 0  # the index really is at the front
    assert load_audio(path).duration == pytest.approx(2.0, rel=0.01)


def test_raw_aac_adts(tmp_path: Path) -> None:
    """A bare .aac (ADTS) stream has only an estimated duration; nothing real is cut off."""
    path = af.write_m4a(tmp_path / "call.aac", af.voice(3.0, 44100), 44100, container_format="adts")
    audio = load_audio(path)
    assert audio.format == "AAC"
    assert audio.duration == pytest.approx(3.0, rel=0.03)
    assert audio.duration >= 3.0


def test_mp3_with_id3_tag(tmp_path: Path) -> None:
    path = af.add_id3v2(af.write_voice(tmp_path, "mp3", rate=44100, duration=2.0))
    assert load_audio(path).duration == pytest.approx(2.0, rel=0.01)


def test_wav_with_list_chunk_mentioning_data(tmp_path: Path) -> None:
    """Regression: a LIST/INFO comment containing the bytes ``data`` before the data chunk was
    taken for the data chunk's header, and the valid file reported as truncated."""
    path = af.write_voice(tmp_path, "wav16", duration=2.0)
    af.insert_wav_chunk(path, b"LIST", af.list_info_chunk("call data \xff\xff\xff\x7f exported by the dialler"))
    assert load_audio(path).duration == pytest.approx(2.0, rel=0.01)


def test_wav_with_large_chunk_before_data(tmp_path: Path) -> None:
    """A data chunk far into the file (big bext/iXML/JUNK chunk first) still reads, and its
    truncation is still caught."""
    path = af.write_voice(tmp_path, "wav16", duration=2.0)
    af.insert_wav_chunk(path, b"JUNK", b"\x00" * 10_000)
    assert load_audio(path).duration == pytest.approx(2.0, rel=0.01)
    af.truncate_bytes(path, path.stat().st_size - 16_000)  # cut the last 0.5 s
    with pytest.raises(AudioError, match="truncated"):
        load_audio(path)


# --------------------------------------------------------------------------------------------
# Channels
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("bleed_db", [None, -30.0], ids=["silent-other", "bleed-30dB"])
@pytest.mark.parametrize("fmt", af.ALL_FORMATS)
def test_stereo_with_distinct_channels_keeps_two(tmp_path: Path, fmt: str, bleed_db: float | None) -> None:
    rate = ONE_RATE[fmt]
    data = af.voice(3.0, rate, channels=2, bleed_db=bleed_db)
    audio = load_audio(af.write(tmp_path / f"stereo{af.suffix_of(fmt)}", data, rate, fmt))

    assert audio.channels == 2 and audio.source_channels == 2
    assert audio.duration == pytest.approx(3.0, rel=0.01)
    # Bursts alternate: 0-0.5 s on the left, 0.75-1.25 s on the right. Left stays left.
    first = slice(int(0.1 * SAMPLE_RATE), int(0.4 * SAMPLE_RATE))
    second = slice(int(0.85 * SAMPLE_RATE), int(1.15 * SAMPLE_RATE))
    left, right = audio.samples
    assert _rms_db(left[first]) > _rms_db(right[first]) + 20
    assert _rms_db(right[second]) > _rms_db(left[second]) + 20
    mono = audio.mono()
    assert mono.shape == (audio.samples.shape[1],) and mono.dtype == np.float32


@pytest.mark.parametrize(("fmt", "rate"), FORMAT_RATE_CASES)
def test_stereo_with_identical_channels_becomes_mono(tmp_path: Path, fmt: str, rate: int) -> None:
    """Includes AAC at 22.05 kHz, whose encoder leaves duplicated channels about -25 dB apart."""
    ref = af.voice(3.0, rate)
    audio = load_audio(af.write(tmp_path / f"dup{af.suffix_of(fmt)}", np.hstack([ref, ref]), rate, fmt))
    assert audio.source_channels == 2
    assert audio.channels == 1
    assert audio.duration == pytest.approx(3.0, rel=0.01)
    assert np.array_equal(audio.mono(), audio.samples[0])


@pytest.mark.parametrize("seed", [0, 2, 4, 6])
def test_identical_stereo_aac_22k_becomes_mono(tmp_path: Path, seed: int) -> None:
    """Regression for DUPLICATE_CHANNEL_DB: these seeds decode -23.8 to -31 dB apart."""
    ref = af.voice(3.0, 22050, seed=seed)
    audio = load_audio(af.write_m4a(tmp_path / "dup.m4a", np.hstack([ref, ref]), 22050))
    assert audio.channels == 1


def test_stereo_with_heavy_crosstalk_is_still_stereo(tmp_path: Path) -> None:
    """Heavy (-6 dB) crosstalk is still two parties, not a duplicated mono file."""
    audio = load_audio(af.write(tmp_path / "x.wav", af.voice(3.0, 16000, channels=2, bleed_db=-6.0), 16000, "wav16"))
    assert audio.channels == 2


@pytest.mark.parametrize("fmt", ["wav16", "wavfloat", "flac", "vorbis", "opus"])
def test_six_channels_are_mixed_to_mono(tmp_path: Path, fmt: str) -> None:
    rate = 48000
    data = af.voice(2.0, rate, channels=6)
    audio = load_audio(af.write(tmp_path / f"six{af.suffix_of(fmt)}", data, rate, fmt))
    assert audio.source_channels == 6
    assert audio.channels == 1
    assert audio.duration == pytest.approx(2.0, rel=0.01)
    expected = resample(data.mean(axis=1, keepdims=True).T, rate)[0]
    n = min(len(expected), audio.samples.shape[1])
    # Lossy 5.1 coding (channel coupling, a band-limited LFE) blurs the mix a little.
    assert float(np.corrcoef(audio.samples[0, :n], expected[:n])[0, 1]) > (0.999 if fmt in LOSSLESS else 0.95)


def test_mono_of_stereo_is_the_channel_mean() -> None:
    samples = np.array([[0.5, -0.5, 0.25], [0.1, 0.3, -0.25]], dtype=np.float32)
    audio = Audio("x.wav", samples, 16000, 2, "WAV")
    assert audio.channels == 2
    assert audio.duration == pytest.approx(3 / SAMPLE_RATE)
    np.testing.assert_allclose(audio.mono(), [0.3, -0.1, 0.0], atol=1e-7)
    assert audio.mono().dtype == np.float32


# --------------------------------------------------------------------------------------------
# Resampling, energy, path checks
# --------------------------------------------------------------------------------------------


SINE_CASES = [
    pytest.param(rate, freq, id=f"{rate}Hz-{freq:g}Hz")
    for rate in RATES + (11025, 16000, 32000, 96000)
    for freq in (150.0, 1000.0, 3400.0, 7000.0)
    if freq < 0.45 * rate  # below the source's Nyquist frequency (and its filter's transition)
]


@pytest.mark.parametrize(("rate", "freq"), SINE_CASES)
def test_resample_preserves_sine_frequency(rate: int, freq: float) -> None:
    x = af.sine(freq, 1.0, rate, level_db=-6.0)[None, :]
    y = resample(x, rate)
    assert y.dtype == np.float32 and y.shape[0] == 1
    assert y.shape[1] == pytest.approx(SAMPLE_RATE, abs=2)
    core = y[0, 800:-800]  # away from the filter's edge effects
    spectrum = np.abs(np.fft.rfft(core * np.hanning(len(core))))
    peak_hz = np.argmax(spectrum) * SAMPLE_RATE / len(core)
    assert peak_hz == pytest.approx(freq, abs=2 * SAMPLE_RATE / len(core))
    # In-band tones keep their level (polyphase filter passband).
    assert _rms_db(core) == pytest.approx(_rms_db(x[0]), abs=0.5)


@pytest.mark.parametrize("rate", [22050, 44100, 48000])
def test_resample_removes_tones_above_8khz_instead_of_aliasing(rate: int) -> None:
    x = af.sine(10_000.0, 1.0, rate, level_db=-6.0)[None, :]
    y = resample(x, rate)
    assert _rms_db(y[0, 800:-800]) < _rms_db(x[0]) - 40


def test_resample_keeps_channels_and_is_identity_at_16k() -> None:
    x = np.stack([af.sine(300, 0.5, 44100), af.sine(900, 0.5, 44100)])
    y = resample(x, 44100)
    assert y.shape == (2, 8000)
    same = resample(y, SAMPLE_RATE)
    np.testing.assert_array_equal(same, y)
    assert same.flags["C_CONTIGUOUS"]


def test_resample_to_another_target() -> None:
    x = af.sine(440, 1.0, 16000)[None, :]
    y = resample(x, 16000, 8000)
    assert y.shape == (1, 8000)


def test_frame_energy_db() -> None:
    x = af.sine(1000, 1.0, SAMPLE_RATE, level_db=-20.0)  # RMS = -23 dBFS
    db = frame_energy_db(x)
    assert db.shape == (50,)
    np.testing.assert_allclose(db, -20.0 - 3.01, atol=0.1)
    assert np.all(frame_energy_db(np.zeros(1600, dtype=np.float32)) == pytest.approx(-120.0))
    assert frame_energy_db(np.zeros(10, dtype=np.float32)).tolist() == [-120.0]  # shorter than a frame


def test_check_input_path_returns_path(tmp_path: Path) -> None:
    path = af.write_voice(tmp_path, "wav16", duration=0.5)
    assert check_input_path(str(path)) == path
