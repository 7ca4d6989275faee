"""Decode a call recording into 16 kHz float32 channels, or explain in one line why not.

WAV, FLAC, OGG/Vorbis and OGG/Opus are read with soundfile (libsndfile); MP3 is checked with
libsndfile (its header's frame count catches a truncated file) and decoded frame by frame with
PyAV (FFmpeg, already a faster-whisper dependency), as are M4A/MP4/AAC and anything else
libsndfile refuses. Every input is resampled to 16 kHz with a polyphase filter and keeps its channels,
except that a "stereo" file whose two channels carry the same signal is treated as mono.
"""

from __future__ import annotations

import itertools
import math
import os
import threading
from collections.abc import Iterable, Iterator
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
        data, rate, fmt, source_channels, frames = _decode(p)
    except PermissionError:  # read access lost after the check, or os.access was wrong (ACLs)
        raise InputError(p, "cannot be read (permission denied)", "check the file's permissions") from None
    if data.size == 0 or data.shape[1] == 0:
        raise AudioError(p, "holds no audio samples (zero length)", "check the recording")
    if frames < MIN_SECONDS * rate:
        n = frames
        samples = f"{n} sample{'s' if n != 1 else ''}"
        raise AudioError(p, f"is too short to analyse ({samples}, {n / rate:.3f} s)", "give the whole recording")
    if not _all_finite(data):
        raise AudioError(p, "contains invalid (NaN or infinite) samples", "re-export the recording")
    data = _collapse_duplicate_channels(data)
    rms = float(np.sqrt(_mean_square(data)))
    if rms <= 0 or 20 * math.log10(rms) < SILENCE_DBFS:
        raise AudioError(p, "is silent (no speech to analyse)", "check the recording's level")
    return Audio(str(p), data, rate, source_channels, fmt)


def _decode(p: Path) -> tuple[np.ndarray, int, str, int, int]:
    """Decode with soundfile, falling back to PyAV, streaming the file through the resampler.

    Returns (channels, n) float32 at ``SAMPLE_RATE`` (more than two channels mixed down to
    one), the source rate, the format, the source channel count and the source frame count.
    """
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
            if info.format != "MP3":
                data, frames = _read_sf(p, info)
    except (sf.LibsndfileError, RuntimeError, TypeError, ValueError) as exc:
        sf_error = str(exc)
    else:
        if info.format == "MP3":
            # libsndfile's MP3 decoder garbles a few thousand samples after every partial read
            # (the bit reservoir is lost between calls), so it could only read an MP3 whole: 2.5 GB
            # for two hours of 44.1 kHz stereo. FFmpeg decodes it frame by frame instead.
            data, rate, channels, frames = _decode_with_av(p, None)
            if estimated_mp3:
                return data, rate, "MP3", channels, frames
        expected = info.frames
        if info.format in ("WAV", "WAVEX", "RF64", "W64", "AIFF") and _pcm_truncated(p, info):
            raise AudioError(p, "is truncated (the file ends before its header says)", "re-export the recording")
        if info.format == "OGG" and _ogg_truncated(p):
            raise AudioError(p, "is truncated (the Ogg stream ends before its last page)", "re-export the recording")
        # Every other frame count libsndfile reports is exact (an MP3's comes from its header).
        if expected > 0 and frames < expected * 0.98:
            raise AudioError(p, "is truncated or corrupt (fewer samples than its header says)", "re-export the recording")
        return data, int(info.samplerate), str(info.format), int(info.channels), frames
    data, rate, channels, frames = _decode_with_av(p, sf_error)
    return data, rate, p.suffix.lstrip(".").upper() or "UNKNOWN", channels, frames


def _read_sf(p: Path, info: Any) -> tuple[np.ndarray, int]:
    """Read with libsndfile, streaming through the resampler; see :func:`_stream_to_16k`."""
    import soundfile as sf

    rate, channels = int(info.samplerate), int(info.channels)
    with sf.SoundFile(str(p)) as fh:
        return _stream_to_16k(_sf_blocks(fh), rate, channels, fh.frames)


_READ_BLOCK = 1 << 16  # source frames per block


def _sf_blocks(fh: Any) -> Iterator[np.ndarray]:
    """(channels, m) float32 blocks of an open ``soundfile.SoundFile`` until it ends.

    Stops at the reported frame count or where the decoder stops, whichever is first:
    ``SoundFile.blocks`` pads a short read (a truncated file) to the frame count in the
    header, which would hide the truncation.
    """
    left = fh.frames
    while left > 0:
        block = fh.read(min(_READ_BLOCK, left), dtype="float32", always_2d=True)
        if len(block) == 0:
            return
        left -= len(block)
        yield block.T


def _stream_to_16k(blocks: Iterable[np.ndarray], rate: int, channels: int, frames_hint: int | None) -> tuple[np.ndarray, int]:
    """Resample (channels, m) float32 source blocks into one array at ``SAMPLE_RATE``.

    A file with more than two channels is not a one-party-per-channel call: it is mixed down
    to one, block by block. About a minute of source audio is held at a time, so a 2-hour
    48 kHz stereo call never exists at its source rate (2.8 GB). Returns the array and the
    number of source frames read.
    """
    resampler = _Resampler(rate, SAMPLE_RATE)
    sink = _Sink(1 if channels > 2 else channels, resampler.output_length(frames_hint) if frames_hint else 0)
    frames = 0
    for block in blocks:
        if channels > 2:
            block = block.mean(axis=0, keepdims=True)
        frames += block.shape[1]
        sink.extend(resampler.push(block))
    sink.extend(resampler.finish())
    return sink.result(), frames


class _Resampler:
    """Polyphase resampling of a stream of (channels, m) blocks, equal to one
    ``scipy.signal.resample_poly`` call over all of them: its filter is local, so each step of
    ``step_seconds`` is filtered with ``margin`` neighbouring samples on either side."""

    def __init__(self, rate: int, target: int, step_seconds: int = 60) -> None:
        frac = Fraction(target, rate).limit_denominator(1000)
        self.up, self.down = frac.numerator, frac.denominator
        # resample_poly's default filter spans 10 * max(up, down) upsampled samples either side.
        reach = -(-10 * max(self.up, self.down) // self.up) + 1
        self.margin = -(-reach // self.down) * self.down  # source samples, a multiple of ``down``
        self.step = max(1, step_seconds * rate // self.down) * self.down
        self._buf: np.ndarray | None = None
        self._buf_start = 0  # source index of _buf[:, 0]
        self._done = 0  # source samples whose output has been emitted (a multiple of ``down``)
        # Blocks not yet joined to _buf: a decoder's small frames (an MP3's 1,152 samples) are
        # joined once per step, not each onto a buffer of a minute's samples.
        self._pending: list[np.ndarray] = []
        self._pending_n = 0

    def output_length(self, frames: int) -> int:
        return -(-frames * self.up // self.down)

    def push(self, block: np.ndarray) -> list[np.ndarray]:
        """Take the next source block; return the output that is now final."""
        if self.up == self.down:
            return [block]
        self._pending.append(block)
        self._pending_n += block.shape[1]
        held = 0 if self._buf is None else self._buf.shape[1]
        if self._done + self.step + self.margin > self._buf_start + held + self._pending_n:
            return []
        end = self._join_pending()
        out = []
        while self._done + self.step + self.margin <= end:
            out.append(self._emit(self._done + self.step, end, final=False))
        return out

    def finish(self) -> list[np.ndarray]:
        """The rest of the output, once the last block has been pushed."""
        if self.up == self.down or (self._buf is None and not self._pending):
            return []
        end = self._join_pending()
        out = []
        while self._done + self.step < end:
            out.append(self._emit(self._done + self.step, end, final=False))
        out.append(self._emit(end, end, final=True))
        return out

    def _join_pending(self) -> int:
        """Join the pending blocks onto the buffer; return the source index of its end."""
        parts = ([] if self._buf is None else [self._buf]) + self._pending
        self._buf = parts[0] if len(parts) == 1 else np.concatenate(parts, axis=1)
        self._pending, self._pending_n = [], 0
        return self._buf_start + self._buf.shape[1]

    def _emit(self, b: int, end: int, final: bool) -> np.ndarray:
        """Output for source samples ``_done``..``b`` (``end``: the last source sample held)."""
        from scipy.signal import resample_poly

        assert self._buf is not None
        a = self._done
        lo, hi = max(0, a - self.margin), min(end, b + self.margin)
        y = resample_poly(self._buf[:, lo - self._buf_start : hi - self._buf_start], self.up, self.down, axis=1)
        first = a * self.up // self.down
        last = self.output_length(b) if final else b * self.up // self.down
        skip = (a - lo) * self.up // self.down
        self._done = b
        keep = max(0, b - self.margin)
        self._buf, self._buf_start = self._buf[:, keep - self._buf_start :], keep
        return y[:, skip : skip + last - first].astype(np.float32)


class _Sink:
    """Collects output blocks into one preallocated array (in a list past its expected size)."""

    def __init__(self, channels: int, size: int) -> None:
        self._out = np.empty((channels, size), dtype=np.float32)
        self._pos = 0
        self._rest: list[np.ndarray] = []

    def extend(self, parts: Iterable[np.ndarray]) -> None:
        for part in parts:
            width = part.shape[1]
            if not self._rest and self._pos + width <= self._out.shape[1]:
                self._out[:, self._pos : self._pos + width] = part
                self._pos += width
            else:
                self._rest.append(part)

    def result(self) -> np.ndarray:
        head = self._out[:, : self._pos]
        return np.concatenate([head, *self._rest], axis=1) if self._rest else head


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


def _decode_with_av(p: Path, sf_error: str | None) -> tuple[np.ndarray, int, int, int]:
    """Decode with PyAV (FFmpeg): M4A/MP4/AAC and what libsndfile cannot read.

    Returns 16 kHz audio as :func:`_stream_to_16k` does, the source rate, channel count and
    frame count.
    """
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
            decoded = container.decode(stream)
            first = next(decoded, None)
            if first is None:
                raise AudioError(p, "holds no decodable audio (corrupt or truncated)", hint)
            rate = int(first.sample_rate or 0)
            if rate <= 0:
                raise AudioError(p, "has no valid sample rate", hint)
            channels = len(first.layout.channels)
            # In an MP4/M4A, FFmpeg drops the AAC priming samples (the edit list) but not the
            # padding of the last frame: the audio is cut to the exact duration the container
            # states. Only a small excess (at most two codec frames) is cut, never real audio.
            stated = round(stream.duration * stream.time_base * rate) if stream.duration and stream.time_base else None
            declared = stated if "mp4" in container.format.name.split(",") else None
            padding = 2 * max(int(stream.codec_context.frame_size or 0), 1024)
            blocks = _without_padding((_av_samples(f) for f in itertools.chain([first], decoded)), declared, padding)
            # The stated duration may be an estimate: room for a little more costs no memory
            # until it is written.
            data, n = _stream_to_16k(blocks, rate, channels, int(stated * 1.02) + rate if stated else None)
    except (AudioError, PermissionError):
        raise
    except (av.error.FFmpegError, UnicodeDecodeError, ValueError, IndexError, OSError) as exc:
        raise AudioError(p, "is not a readable audio file or is corrupt", hint) from exc
    return data, rate, channels, n


def _av_samples(frame: Any) -> np.ndarray:
    """A PyAV audio frame as (channels, m) float32."""
    arr = _planar(frame.to_ndarray(), frame.format.is_planar, len(frame.layout.channels))
    return _to_float(arr)


def _without_padding(blocks: Iterable[np.ndarray], declared: int | None, padding: int) -> Iterator[np.ndarray]:
    """The blocks up to ``declared`` samples; what follows is dropped if it is at most
    ``padding`` samples (a codec's last-frame padding), kept otherwise."""
    if declared is None:
        yield from blocks
        return
    passed = 0
    held: list[np.ndarray] = []
    blocks = iter(blocks)
    for block in blocks:
        if held or passed + block.shape[1] > declared:
            cut = max(0, declared - passed) if not held else 0
            if cut:
                yield block[:, :cut]
                passed += cut
            held.append(block[:, cut:])
            if sum(h.shape[1] for h in held) > padding:  # real audio past the stated duration
                yield from held
                yield from blocks
                return
        else:
            yield block
            passed += block.shape[1]


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

    Equal to one ``scipy.signal.resample_poly`` call, computed ``block_seconds`` at a time into
    one float32 array (see :class:`_Resampler`).
    """
    if rate == target:
        return np.ascontiguousarray(data, dtype=np.float32)
    resampler = _Resampler(rate, target, block_seconds)
    sink = _Sink(data.shape[0], resampler.output_length(data.shape[1]))
    sink.extend(resampler.push(data))
    sink.extend(resampler.finish())
    return sink.result()


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
