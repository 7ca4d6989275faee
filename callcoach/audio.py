"""Decode a call recording into 16 kHz float32 channels, or explain in one line why not.

WAV, FLAC, OGG/Vorbis, OGG/Opus and MP3 are read with soundfile (libsndfile); M4A/MP4/AAC and
anything else libsndfile refuses are tried with PyAV (FFmpeg, already a faster-whisper
dependency). Every input is resampled to 16 kHz with a polyphase filter and keeps its channels,
except that a "stereo" file whose two channels carry the same signal is treated as mono.
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from callcoach.errors import AudioError, InputError

SAMPLE_RATE = 16_000
AUDIO_EXTENSIONS = frozenset(
    {".wav", ".wave", ".flac", ".ogg", ".oga", ".opus", ".mp3", ".m4a", ".mp4", ".aac", ".webm"}
)
#: Below this RMS level (dBFS) over the whole file a recording counts as silence.
SILENCE_DBFS = -60.0
#: Shorter than this (seconds) a file cannot hold a word, let alone a call.
MIN_SECONDS = 0.1
#: Two channels closer than this (residual energy relative to the signal, dB) are one signal.
#: Lossy stereo coding leaves duplicated channels apart by up to about -24 dB (FFmpeg's AAC
#: encoder at 22.05 kHz, whose noise substitution differs per channel); two parties on their
#: own channels stay above -10 dB even with -3 dB of crosstalk.
DUPLICATE_CHANNEL_DB = -20.0


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
        AudioError: the file is not audio, is corrupt or truncated, holds no samples or under
            ``MIN_SECONDS`` of them, holds NaN or infinite samples, or is silent throughout.
    """
    p = check_input_path(path)
    try:
        data, rate, fmt = _decode(p)
    except PermissionError:  # read access lost after the check, or os.access was wrong (ACLs)
        raise InputError(p, "cannot be read (permission denied)", "check the file's permissions") from None
    if data.size == 0 or data.shape[1] == 0:
        raise AudioError(p, "holds no audio samples (zero length)", "check the recording")
    if data.shape[1] < MIN_SECONDS * rate:
        n = data.shape[1]
        samples = f"{n} sample{'s' if n != 1 else ''}"
        raise AudioError(p, f"is too short to analyse ({samples}, {n / rate:.3f} s)", "give the whole recording")
    if not _all_finite(data):
        raise AudioError(p, "contains invalid (NaN or infinite) samples", "re-export the recording")
    source_channels = data.shape[0]
    data = _collapse_duplicate_channels(data)
    if data.shape[0] > 2:
        # A multi-channel file is not a one-party-per-channel call: mix it down and diarize.
        data = _mix_down(data)
    data = resample(data, rate, SAMPLE_RATE)
    rms = float(np.sqrt(_mean_square(data)))
    if rms <= 0 or 20 * math.log10(rms) < SILENCE_DBFS:
        raise AudioError(p, "is silent (no speech to analyse)", "check the recording's level")
    return Audio(str(p), data, rate, source_channels, fmt)


def _decode(p: Path) -> tuple[np.ndarray, int, str]:
    """Decode with soundfile, falling back to PyAV; returns (channels, n) float32, rate, format."""
    import soundfile as sf

    sf_error: str | None = None
    try:
        with _quiet_native_stderr():  # libmpg123 prints "Note: ..." lines on fd 2 for bad MP3s
            info = sf.info(str(p))
            # libsndfile reads an MP3 only up to the frame count it reports, and without a
            # Xing/Info/VBRI header that count is a guess from the file size and the first
            # frame's bitrate: a VBR file would lose most of its audio without a word. FFmpeg
            # decodes such a file to its end.
            estimated_mp3 = info.format == "MP3" and not _mp3_has_frame_count(p)
            if not estimated_mp3:
                data, rate = _read_planar(sf.SoundFile(str(p)))
    except (sf.LibsndfileError, RuntimeError, TypeError, ValueError) as exc:
        sf_error = str(exc)
    else:
        if estimated_mp3:
            data, rate = _decode_with_av(p, None)
            return data, rate, "MP3"
        expected = info.frames
        if info.format in ("WAV", "WAVEX", "RF64", "W64", "AIFF") and _pcm_truncated(p, info):
            raise AudioError(p, "is truncated (the file ends before its header says)", "re-export the recording")
        if info.format == "OGG" and _ogg_truncated(p):
            raise AudioError(p, "is truncated (the Ogg stream ends before its last page)", "re-export the recording")
        # Every other frame count libsndfile reports is exact (an MP3's comes from its header).
        if expected > 0 and data.shape[1] < expected * 0.98:
            raise AudioError(p, "is truncated or corrupt (fewer samples than its header says)", "re-export the recording")
        return data, int(rate), str(info.format)
    data, rate = _decode_with_av(p, sf_error)
    return data, rate, p.suffix.lstrip(".").upper() or "UNKNOWN"


def _read_planar(fh: Any, block: int = 1 << 18) -> tuple[np.ndarray, int]:
    """Read an open ``soundfile.SoundFile`` to its reported end as (channels, n) float32.

    Block by block into one array: ``soundfile.read`` returns (n, channels), and transposing
    that would hold a long stereo call twice. Stops where the decoder stops: a truncated file
    yields fewer frames than it reports (``SoundFile.blocks`` would pad the last block with
    stale samples and hide the truncation).
    """
    with fh:
        out = np.empty((fh.channels, fh.frames), dtype=np.float32)
        buf = np.empty((min(block, max(fh.frames, 1)), fh.channels), dtype=np.float32)
        pos = 0
        while pos < fh.frames:
            got = fh.read(dtype="float32", always_2d=True, out=buf[: fh.frames - pos])
            if len(got) == 0:
                break
            out[:, pos : pos + len(got)] = got.T
            pos += len(got)
        return out[:, :pos], int(fh.samplerate)


_stderr_lock = threading.Lock()
_stderr_depth = 0
_stderr_saved: int | None = None


@contextmanager
def _quiet_native_stderr() -> Iterator[None]:
    """Send what C libraries write to file descriptor 2 to /dev/null for the duration.

    libsndfile's MP3 decoder (libmpg123) prints notes such as "Illegal Audio-MPEG-Header" and
    "Xing stream size off" straight to fd 2, past Python; the CLI promises one error line.
    Reference-counted so that overlapping decodes in threads restore the real stderr once.
    Set CALLCOACH_DEBUG=1 to see the notes.
    """
    global _stderr_depth, _stderr_saved
    if os.environ.get("CALLCOACH_DEBUG"):
        yield
        return
    with _stderr_lock:
        if _stderr_depth == 0:
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
                try:
                    _stderr_saved = os.dup(2)
                    os.dup2(devnull, 2)
                finally:
                    os.close(devnull)
            except OSError:  # no fd 2 (or no /dev/null): nothing to silence
                _stderr_saved = None
        _stderr_depth += 1
    try:
        yield
    finally:
        with _stderr_lock:
            _stderr_depth -= 1
            if _stderr_depth == 0 and _stderr_saved is not None:
                os.dup2(_stderr_saved, 2)
                os.close(_stderr_saved)
                _stderr_saved = None


def _pcm_truncated(p: Path, info: object) -> bool:
    """True when a RIFF/WAVE file's data chunk is longer than the bytes left in the file.

    libsndfile quietly reads what is there (and reports that many frames), so a cut-off
    download would otherwise pass as a shorter call. The chunks are walked one by one: a
    search for the bytes ``data`` could hit the text of a LIST/INFO comment instead.
    """
    del info  # the frame count libsndfile reports already reflects what is on disk
    try:
        size = p.stat().st_size
        with open(p, "rb") as fh:
            riff = fh.read(12)
            if riff[:4] != b"RIFF" or riff[8:12] != b"WAVE":
                return False  # RIFX/RF64/W64/AIFF: not checked here
            pos = 12
            for _ in range(10_000):
                fh.seek(pos)
                head = fh.read(8)
                if len(head) < 8:
                    return False
                declared = int.from_bytes(head[4:8], "little")
                if head[:4] == b"data":
                    if declared in (0, 0xFFFFFFFF):  # streaming writers leave the size unset
                        return False
                    return declared > size - (pos + 8)
                pos += 8 + declared + (declared & 1)
    except OSError:
        return False
    return False


def _ogg_truncated(p: Path) -> bool:
    """True when an Ogg file ends inside a page, or its last page lacks the end-of-stream flag.

    Ogg headers carry no total length (libsndfile takes it from the last page it finds), so a
    cut-off Opus/Vorbis file would otherwise decode as a shorter call. The pages are walked by
    their headers only (a few bytes each). Anything unexpected (trailing junk, a tag appended
    after the stream) ends the walk without a verdict.
    """
    try:
        size = p.stat().st_size
        with open(p, "rb") as fh:
            pos = 0
            header_type = 0
            while pos < size:
                fh.seek(pos)
                head = fh.read(27)
                if len(head) < 27 and b"OggS".startswith(head[:4]):
                    return True  # the file ends inside a page header
                if head[:4] != b"OggS" or head[4] != 0:
                    return False  # not a page where one should start: no verdict
                header_type = head[5]
                table = fh.read(head[26])
                if len(table) < head[26]:
                    return True
                pos += 27 + head[26] + sum(table)
                if pos > size:
                    return True
            return pos > 0 and not header_type & 0x04
    except OSError:
        return False


def _mp3_has_frame_count(p: Path) -> bool:
    """True when the first MPEG audio frame is a Xing/Info (LAME) or VBRI header.

    Those state the exact number of frames, so libsndfile's frame count can be trusted.
    """
    try:
        with open(p, "rb") as fh:
            head = fh.read(10)
            start = 0
            if head[:3] == b"ID3" and len(head) == 10:
                tag = (head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9]
                start = 10 + tag + (10 if head[5] & 0x10 else 0)
            fh.seek(start)
            frame = fh.read(64)
    except OSError:
        return False
    if len(frame) < 40 or frame[0] != 0xFF or frame[1] & 0xE0 != 0xE0:
        return False
    mpeg1 = (frame[1] >> 3) & 0x03 == 0x03
    mono = (frame[3] >> 6) == 0x03
    side = (17 if mono else 32) if mpeg1 else (9 if mono else 17)
    return frame[4 + side : 8 + side] in (b"Xing", b"Info") or frame[36:40] == b"VBRI"


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
            frame_size = int(stream.codec_context.frame_size or 0)
            declared: int | None = None
            mp4 = "mp4" in container.format.name.split(",")
            if mp4 and stream.duration and stream.time_base and rate > 0:
                declared = round(stream.duration * stream.time_base * rate)
    except (AudioError, PermissionError):
        raise
    except (av.error.FFmpegError, UnicodeDecodeError, ValueError, IndexError, OSError) as exc:
        raise AudioError(p, "is not a readable audio file or is corrupt", hint) from exc
    if not chunks:
        raise AudioError(p, "holds no decodable audio (corrupt or truncated)", hint)
    if rate <= 0:
        raise AudioError(p, "has no valid sample rate", hint)
    data = np.concatenate(chunks, axis=1)
    # In an MP4/M4A, FFmpeg drops the AAC priming samples (the edit list) but not the padding
    # of the last frame: cut the decoded audio to the exact duration the container states.
    # Only a small excess (at most two codec frames) is trimmed, never real audio.
    if declared is not None and 0 < data.shape[1] - declared <= 2 * max(frame_size, 1024):
        data = data[:, :declared]
    return data, rate


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


#: Samples per channel that whole-signal statistics handle at once (float64 temporaries of a
#: long call would otherwise take twice its size).
_STAT_BLOCK = 1 << 20


def _column_blocks(data: np.ndarray) -> Iterator[np.ndarray]:
    """Consecutive (channels, <= _STAT_BLOCK) views of ``data``."""
    for a in range(0, data.shape[1], _STAT_BLOCK):
        yield data[:, a : a + _STAT_BLOCK]


def _all_finite(data: np.ndarray) -> bool:
    return all(bool(np.isfinite(b).all()) for b in _column_blocks(data))


def _mean_square(data: np.ndarray) -> float:
    """Mean of the squared samples, accumulated in float64."""
    total = sum(float(np.square(b, dtype=np.float64).sum()) for b in _column_blocks(data))
    return total / max(data.size, 1)


def _collapse_duplicate_channels(data: np.ndarray) -> np.ndarray:
    """Treat a 2-channel file whose channels carry the same signal as mono."""
    if data.shape[0] != 2:
        return data
    energy = _mean_square(data)
    if energy <= 0:
        return data[:1]
    residual = sum(float(np.square(b[0].astype(np.float64) - b[1]).sum()) for b in _column_blocks(data))
    residual /= data.shape[1]
    if residual <= energy * 10 ** (DUPLICATE_CHANNEL_DB / 10):
        return _mix_down(data)
    return data


def _mix_down(data: np.ndarray) -> np.ndarray:
    """The channels' mean as a (1, n) float32 array, computed without float64 copies."""
    out = np.empty((1, data.shape[1]), dtype=np.float32)
    for a in range(0, data.shape[1], _STAT_BLOCK):
        out[0, a : a + _STAT_BLOCK] = data[:, a : a + _STAT_BLOCK].mean(axis=0)
    return out


def resample(data: np.ndarray, rate: int, target: int = SAMPLE_RATE, block_seconds: int = 60) -> np.ndarray:
    """Resample (channels, n) float audio from ``rate`` to ``target`` with a polyphase filter.

    The signal is filtered ``block_seconds`` at a time, each block with enough neighbouring
    samples for the filter, into one float32 array: the result equals one ``resample_poly``
    call over the whole signal, without its float64 copies of a long call.
    """
    if rate == target:
        return np.ascontiguousarray(data, dtype=np.float32)
    from scipy.signal import resample_poly

    frac = Fraction(target, rate).limit_denominator(1000)
    up, down = frac.numerator, frac.denominator
    n = data.shape[1]
    n_out = -(-n * up // down)
    # resample_poly's default filter spans 10 * max(up, down) upsampled samples either side.
    reach = -(-10 * max(up, down) // up) + 1
    margin = -(-reach // down) * down  # input samples, a multiple of ``down``
    step = max(1, block_seconds * rate // down) * down
    out = np.empty((data.shape[0], n_out), dtype=np.float32)
    for a in range(0, n, step):
        b = min(n, a + step)
        lo, hi = max(0, a - margin), min(n, b + margin)
        y = resample_poly(data[:, lo:hi], up, down, axis=1)
        first, last = a * up // down, (n_out if b == n else b * up // down)
        skip = (a - lo) * up // down
        out[:, first:last] = y[:, skip : skip + last - first]
    return out


def frame_energy_db(x: np.ndarray, frame: int = 320, block: int = 100_000) -> np.ndarray:
    """Energy in dBFS of consecutive frames of ``x`` (default 20 ms at 16 kHz).

    Computed ``block`` frames at a time, so a long call is never copied whole in float64.
    """
    n = len(x) // frame
    if n == 0:
        return np.full(1, -120.0)
    power = np.empty(n)
    for a in range(0, n, block):
        b = min(n, a + block)
        frames = x[a * frame : b * frame].reshape(b - a, frame).astype(np.float64)
        power[a:b] = np.mean(frames**2, axis=1)
    return 10 * np.log10(power + 1e-12)
