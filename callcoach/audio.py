"""Decode a call recording into 16 kHz float32 channels, or explain in one line why not.

WAV, FLAC, OGG/Vorbis, OGG/Opus and MP3 are read with soundfile (libsndfile); M4A/MP4/AAC and
anything else libsndfile refuses are tried with PyAV (FFmpeg, already a faster-whisper
dependency). Every input is resampled to 16 kHz with a polyphase filter and keeps its channels,
except that a "stereo" file whose two channels carry the same signal is treated as mono.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

from callcoach.errors import AudioError, InputError

SAMPLE_RATE = 16_000
AUDIO_EXTENSIONS = frozenset(
    {".wav", ".wave", ".flac", ".ogg", ".oga", ".opus", ".mp3", ".m4a", ".mp4", ".aac", ".webm"}
)
#: Below this RMS level (dBFS) over the whole file a recording counts as silence.
SILENCE_DBFS = -60.0
#: Two channels closer than this (residual energy relative to the signal, dB) are one signal.
DUPLICATE_CHANNEL_DB = -30.0


@dataclass(frozen=True, slots=True)
class Audio:
    """Decoded audio: ``samples`` has shape (channels, n) at ``SAMPLE_RATE``.

    ``source_rate`` and ``source_channels`` describe the file as it was; ``channels`` is what
    the analysis uses (a duplicated-mono stereo file has ``source_channels`` 2, ``channels`` 1).
    """

    path: str
    samples: np.ndarray
    source_rate: int
    source_channels: int
    format: str

    @property
    def channels(self) -> int:
        return int(self.samples.shape[0])

    @property
    def duration(self) -> float:
        return self.samples.shape[1] / SAMPLE_RATE

    def mono(self) -> np.ndarray:
        """The channels mixed down to one float32 array."""
        if self.channels == 1:
            return self.samples[0]
        return self.samples.mean(axis=0).astype(np.float32)


def check_input_path(path: str | Path) -> Path:
    """Return ``path`` as a Path if it names a readable, non-empty file; raise InputError if not."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "no such file", "check the path")
    if p.is_dir():
        raise InputError(p, "is a directory, not a file", "use 'callcoach batch' for folders")
    if not os.access(p, os.R_OK):
        raise InputError(p, "cannot be read (permission denied)", "check the file's permissions")
    if p.stat().st_size == 0:
        raise AudioError(p, "is empty (0 bytes)", "re-export or re-download the recording")
    return p


def load_audio(path: str | Path) -> Audio:
    """Decode ``path`` to 16 kHz float32 channels.

    Raises:
        InputError: the path is missing, a directory or unreadable.
        AudioError: the file is not audio, is corrupt or truncated, holds no samples, or is
            silent throughout.
    """
    p = check_input_path(path)
    data, rate, fmt = _decode(p)
    if data.size == 0 or data.shape[1] == 0:
        raise AudioError(p, "holds no audio samples (zero length)", "check the recording")
    if not np.all(np.isfinite(data)):
        raise AudioError(p, "contains invalid (NaN or infinite) samples", "re-export the recording")
    source_channels = data.shape[0]
    data = _collapse_duplicate_channels(data)
    if data.shape[0] > 2:
        # A multi-channel file is not a one-party-per-channel call: mix it down and diarize.
        data = data.mean(axis=0, keepdims=True)
    data = resample(data, rate, SAMPLE_RATE)
    rms = float(np.sqrt(np.mean(np.square(data, dtype=np.float64))))
    if rms <= 0 or 20 * math.log10(rms) < SILENCE_DBFS:
        raise AudioError(p, "is silent (no speech to analyse)", "check the recording's level")
    return Audio(str(p), data, rate, source_channels, fmt)


def _decode(p: Path) -> tuple[np.ndarray, int, str]:
    """Decode with soundfile, falling back to PyAV; returns (channels, n) float32, rate, format."""
    import soundfile as sf

    sf_error: str | None = None
    try:
        info = sf.info(str(p))
        data, rate = sf.read(str(p), dtype="float32", always_2d=True)
    except (sf.LibsndfileError, RuntimeError, TypeError, ValueError) as exc:
        sf_error = str(exc)
    else:
        expected = info.frames
        if info.format in ("WAV", "WAVEX", "RF64", "W64", "AIFF") and _pcm_truncated(p, info):
            raise AudioError(p, "is truncated (the file ends before its header says)", "re-export the recording")
        if expected > 0 and data.shape[0] < expected * 0.98 and info.format != "MP3":
            raise AudioError(p, "is truncated or corrupt (fewer samples than its header says)", "re-export the recording")
        return np.ascontiguousarray(data.T), int(rate), str(info.format)
    data, rate = _decode_with_av(p, sf_error)
    return data, rate, p.suffix.lstrip(".").upper() or "UNKNOWN"


def _pcm_truncated(p: Path, info: object) -> bool:
    """True when a PCM file's data chunk is shorter than its header claims."""
    subtype = getattr(info, "subtype", "")
    bits = {"PCM_16": 2, "PCM_24": 3, "PCM_32": 4, "FLOAT": 4, "DOUBLE": 8, "PCM_U8": 1, "PCM_S8": 1}
    width = bits.get(subtype)
    if width is None:
        return False
    frames = int(getattr(info, "frames", 0))
    channels = int(getattr(info, "channels", 1))
    needed = frames * channels * width
    # The header's frame count already reflects what libsndfile found on disk; compare the
    # declared data chunk size with the file size to catch a cut-off download.
    try:
        with open(p, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    idx = head.find(b"data")
    if idx < 0 or idx + 8 > len(head):
        return False
    declared = int.from_bytes(head[idx + 4 : idx + 8], "little")
    if declared in (0, 0xFFFFFFFF):  # streaming writers leave the size unset
        return False
    available = p.stat().st_size - (idx + 8)
    return declared > available and needed < declared


def _decode_with_av(p: Path, sf_error: str | None) -> tuple[np.ndarray, int]:
    """Decode with PyAV (FFmpeg): M4A/MP4/AAC and what libsndfile cannot read."""
    try:
        import av
    except ImportError as exc:  # pragma: no cover - av ships with faster-whisper
        raise AudioError(p, f"cannot be decoded ({sf_error})", "install PyAV to read this format") from exc
    hint = "convert it to WAV or FLAC, or check that it is a complete audio file"
    try:
        with av.open(str(p), metadata_errors="ignore") as container:
            streams = [s for s in container.streams if s.type == "audio"]
            if not streams:
                raise AudioError(p, "is not an audio file (no audio stream found)", "give a WAV, FLAC, OGG, MP3 or M4A recording")
            stream = streams[0]
            chunks: list[np.ndarray] = []
            rate = int(stream.codec_context.sample_rate or 0)
            for frame in container.decode(stream):
                arr = frame.to_ndarray()
                rate = int(frame.sample_rate)
                arr = _planar(arr, frame.format.is_planar, len(frame.layout.channels))
                chunks.append(_to_float(arr))
    except AudioError:
        raise
    except (av.error.FFmpegError, UnicodeDecodeError, ValueError, IndexError, OSError) as exc:
        raise AudioError(p, "is not a readable audio file or is corrupt", hint) from exc
    if not chunks:
        raise AudioError(p, "holds no decodable audio (corrupt or truncated)", hint)
    if rate <= 0:
        raise AudioError(p, "has no valid sample rate", hint)
    return np.concatenate(chunks, axis=1), rate


def _planar(arr: np.ndarray, planar: bool, channels: int) -> np.ndarray:
    if planar:
        return arr.reshape(channels, -1)
    return arr.reshape(-1, channels).T


def _to_float(arr: np.ndarray) -> np.ndarray:
    if arr.dtype == np.int16:
        return (arr / 32768.0).astype(np.float32)
    if arr.dtype == np.int32:
        return (arr / 2147483648.0).astype(np.float32)
    if arr.dtype == np.uint8:
        return ((arr.astype(np.float32) - 128.0) / 128.0).astype(np.float32)
    return arr.astype(np.float32)


def _collapse_duplicate_channels(data: np.ndarray) -> np.ndarray:
    """Treat a 2-channel file whose channels carry the same signal as mono."""
    if data.shape[0] != 2:
        return data
    left, right = data[0].astype(np.float64), data[1].astype(np.float64)
    energy = float(np.mean(left**2) + np.mean(right**2)) / 2
    if energy <= 0:
        return data[:1]
    residual = float(np.mean((left - right) ** 2))
    if residual <= energy * 10 ** (DUPLICATE_CHANNEL_DB / 10):
        return data.mean(axis=0, keepdims=True).astype(np.float32)
    return data


def resample(data: np.ndarray, rate: int, target: int = SAMPLE_RATE) -> np.ndarray:
    """Resample (channels, n) float audio from ``rate`` to ``target`` with a polyphase filter."""
    if rate == target:
        return np.ascontiguousarray(data, dtype=np.float32)
    from scipy.signal import resample_poly

    frac = Fraction(target, rate).limit_denominator(1000)
    out = resample_poly(data, frac.numerator, frac.denominator, axis=1)
    return np.ascontiguousarray(out, dtype=np.float32)


def frame_energy_db(x: np.ndarray, frame: int = 320) -> np.ndarray:
    """Energy in dBFS of consecutive frames of ``x`` (default 20 ms at 16 kHz)."""
    n = len(x) // frame
    if n == 0:
        return np.full(1, -120.0)
    frames = x[: n * frame].reshape(n, frame).astype(np.float64)
    power = np.mean(frames**2, axis=1)
    return 10 * np.log10(power + 1e-12)
