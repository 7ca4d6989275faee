"""Small synthetic recordings for tests: voice-like signals in any format, and broken files.

Everything is generated with numpy + soundfile (PyAV for M4A/AAC) in a few milliseconds, so
tests need no fixture files and no model weights.

The "voice" is a sum of harmonics of a fundamental between 120 and 220 Hz, with a gentle
vibrato and a ~4 Hz syllable-rate amplitude envelope, in 0.5 s bursts separated by pauses.
On stereo, bursts alternate between left and right (a two-party call recorded one party per
channel); the other channel is silent or carries faint bleed.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

import numpy as np

#: Formats this module writes: name -> (file suffix, soundfile format, soundfile subtype).
SF_FORMATS: dict[str, tuple[str, str, str | None]] = {
    "wav16": (".wav", "WAV", "PCM_16"),
    "wav24": (".wav", "WAV", "PCM_24"),
    "wavfloat": (".wav", "WAV", "FLOAT"),
    "flac": (".flac", "FLAC", "PCM_16"),
    "vorbis": (".ogg", "OGG", "VORBIS"),
    "opus": (".opus", "OGG", "OPUS"),
    "mp3": (".mp3", "MP3", "MPEG_LAYER_III"),
}
#: Formats written with PyAV.
AV_FORMATS: dict[str, str] = {"m4a": ".m4a"}
ALL_FORMATS = tuple(SF_FORMATS) + tuple(AV_FORMATS)


def suffix_of(fmt: str) -> str:
    return SF_FORMATS[fmt][0] if fmt in SF_FORMATS else AV_FORMATS[fmt]


# --------------------------------------------------------------------------------------------
# Signals
# --------------------------------------------------------------------------------------------


def voice_burst(duration: float, rate: int, f0: float = 150.0, level_db: float = -12.0, seed: int = 0) -> np.ndarray:
    """One voiced stretch: harmonics of ``f0`` (below Nyquist and 4 kHz) with a syllable envelope.

    Peak level is about ``level_db`` dBFS. Returns float32 of ``round(duration * rate)`` samples.
    """
    rng = np.random.default_rng(seed)
    n = int(round(duration * rate))
    t = np.arange(n) / rate
    # A slow vibrato so the spectrum is not a perfect line spectrum.
    f_inst = f0 * (1.0 + 0.02 * np.sin(2 * np.pi * 5.0 * t + rng.uniform(0, 2 * np.pi)))
    phase = 2 * np.pi * np.cumsum(f_inst) / rate
    x = np.zeros(n)
    top = min(4000.0, 0.45 * rate)
    k = 1
    while k * f0 < top:
        x += np.sin(k * phase + rng.uniform(0, 2 * np.pi)) / k
        k += 1
    # Syllable rate ~4 Hz, never fully closed, with 20 ms raised-cosine ramps at the edges.
    env = 0.6 + 0.4 * np.sin(2 * np.pi * 4.0 * t + rng.uniform(0, 2 * np.pi)) ** 2
    ramp = min(n // 2, int(0.02 * rate))
    if ramp > 0:
        r = 0.5 - 0.5 * np.cos(np.linspace(0, np.pi, ramp))
        env[:ramp] *= r
        env[n - ramp :] *= r[::-1]
    x *= env
    peak = float(np.max(np.abs(x))) or 1.0
    return (x / peak * 10 ** (level_db / 20)).astype(np.float32)


def voice(
    duration: float = 3.0,
    rate: int = 16_000,
    channels: int = 1,
    *,
    burst: float = 0.5,
    pause: float = 0.25,
    bleed_db: float | None = None,
    level_db: float = -12.0,
    seed: int = 0,
) -> np.ndarray:
    """A voice-like signal of shape (n, channels) (soundfile's layout), float32.

    Mono: bursts of ``burst`` s separated by ``pause`` s, fundamentals cycling through 120-220 Hz.
    Stereo (``channels=2``): bursts alternate left/right; the idle channel is digital silence,
    or carries the other party at ``bleed_db`` relative level if given. More than 2 channels:
    each channel gets its own voice (different fundamental and timing).
    """
    n = int(round(duration * rate))
    out = np.zeros((n, channels), dtype=np.float32)
    f0s = (120.0, 150.0, 185.0, 220.0)
    pos = 0.0
    i = 0
    while pos < duration:
        length = min(burst, duration - pos)
        start = int(round(pos * rate))
        seg = voice_burst(length, rate, f0=f0s[i % len(f0s)], level_db=level_db, seed=seed + i)
        stop = start + len(seg)
        if stop > n:
            seg = seg[: n - start]
            stop = n
        if channels == 1:
            out[start:stop, 0] += seg
        elif channels == 2:
            ch = i % 2
            out[start:stop, ch] += seg
            if bleed_db is not None:
                out[start:stop, 1 - ch] += seg * np.float32(10 ** (bleed_db / 20))
        else:
            for c in range(channels):
                if (i + c) % 2 == 0:
                    f0 = f0s[(i + c) % len(f0s)]
                    seg_c = voice_burst(length, rate, f0=f0, level_db=level_db, seed=seed + 97 * c + i)
                    out[start:stop, c] += seg_c[: stop - start]
        pos += burst + pause
        i += 1
    return out


def sine(freq: float, duration: float, rate: int, level_db: float = -6.0) -> np.ndarray:
    """A mono sine of shape (n,), float32."""
    t = np.arange(int(round(duration * rate))) / rate
    return (10 ** (level_db / 20) * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def noise(duration: float, rate: int, level_db: float, seed: int = 0) -> np.ndarray:
    """White noise of shape (n, 1) at RMS ``level_db`` dBFS, float32."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(int(round(duration * rate)))
    x *= 10 ** (level_db / 20) / np.sqrt(np.mean(x**2))
    return x.astype(np.float32)[:, None]


# --------------------------------------------------------------------------------------------
# Writers of good files
# --------------------------------------------------------------------------------------------


def write(path: str | Path, data: np.ndarray, rate: int, fmt: str) -> Path:
    """Write (n, channels) float ``data`` at ``rate`` as ``fmt`` (a key of SF_FORMATS/AV_FORMATS)."""
    import soundfile as sf

    p = Path(path)
    if data.ndim == 1:
        data = data[:, None]
    if fmt in SF_FORMATS:
        _suffix, major, subtype = SF_FORMATS[fmt]
        sf.write(str(p), data, rate, format=major, subtype=subtype)
    elif fmt == "m4a":
        write_m4a(p, data, rate)
    else:
        raise ValueError(f"unknown test format {fmt!r}")
    return p


def write_voice(
    folder: str | Path,
    fmt: str,
    *,
    rate: int = 16_000,
    channels: int = 1,
    duration: float = 3.0,
    name: str = "call",
    **kwargs: object,
) -> Path:
    """Write a voice-like recording ``folder/name.<suffix>`` and return its path."""
    data = voice(duration, rate, channels, **kwargs)  # type: ignore[arg-type]
    return write(Path(folder) / f"{name}{suffix_of(fmt)}", data, rate, fmt)


def write_m4a(
    path: str | Path, data: np.ndarray, rate: int, *, faststart: bool = False, container_format: str = "mp4"
) -> Path:
    """Encode (n, channels) float data as AAC with PyAV: in MP4 (``moov`` at the end, or at the
    front with ``faststart``), or as a raw ADTS stream with ``container_format="adts"``."""
    import av

    p = Path(path)
    if data.ndim == 1:
        data = data[:, None]
    channels = data.shape[1]
    layout = {1: "mono", 2: "stereo", 6: "5.1"}[channels]
    options = {"movflags": "faststart"} if faststart else {}
    with av.open(str(p), "w", format=container_format, options=options) as container:
        stream = container.add_stream("aac", rate=rate, layout=layout)
        planar = np.ascontiguousarray(data.T.astype(np.float32))  # fltp: (channels, n)
        frame_size = 1024
        for start in range(0, planar.shape[1], frame_size):
            chunk = np.ascontiguousarray(planar[:, start : start + frame_size])
            frame = av.AudioFrame.from_ndarray(chunk, format="fltp", layout=layout)
            frame.sample_rate = rate
            frame.pts = start
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return p


# --------------------------------------------------------------------------------------------
# Writers of broken files
# --------------------------------------------------------------------------------------------


def write_text_as(path: str | Path, text: str = "this is not audio, just some notes about a call\n" * 20) -> Path:
    p = Path(path)
    p.write_text(text, encoding="utf-8")
    return p


def write_random_bytes(path: str | Path, size: int = 8192, seed: int = 1) -> Path:
    p = Path(path)
    p.write_bytes(np.random.default_rng(seed).integers(0, 256, size, dtype=np.uint8).tobytes())
    return p


def write_empty(path: str | Path) -> Path:
    p = Path(path)
    p.write_bytes(b"")
    return p


def truncate_bytes(path: str | Path, keep: int | float) -> Path:
    """Cut ``path`` to ``keep`` bytes (an int) or to that fraction of its size (a float < 1)."""
    p = Path(path)
    raw = p.read_bytes()
    n = int(len(raw) * keep) if isinstance(keep, float) else int(keep)
    p.write_bytes(raw[:n])
    return p


def write_truncated_wav(path: str | Path, claimed: float = 5.0, present: float = 1.0, rate: int = 16_000) -> Path:
    """A PCM16 mono WAV whose header claims ``claimed`` s but whose bytes stop after ``present`` s."""
    p = Path(path)
    write(p, voice(claimed, rate), rate, "wav16")
    header = _wav_data_offset(p.read_bytes())
    truncate_bytes(p, header + int(present * rate) * 2)
    return p


def write_header_only_wav(path: str | Path, rate: int = 16_000, channels: int = 1) -> Path:
    """A valid 44-byte PCM16 WAV header with a data chunk of 0 bytes (0 frames)."""
    p = Path(path)
    block = channels * 2
    fmt_chunk = struct.pack("<4sIHHIIHH", b"fmt ", 16, 1, channels, rate, rate * block, block, 16)
    data_chunk = struct.pack("<4sI", b"data", 0)
    body = b"WAVE" + fmt_chunk + data_chunk
    p.write_bytes(struct.pack("<4sI", b"RIFF", len(body)) + body)
    return p


def write_nan_wav(path: str | Path, rate: int = 16_000, where: str = "middle", value: float = float("nan")) -> Path:
    """A float WAV of voice with a stretch of NaN (or ``value``) samples."""
    data = voice(2.0, rate)
    n = len(data)
    sl = {"start": slice(0, 100), "middle": slice(n // 2, n // 2 + 100), "end": slice(n - 100, n)}[where]
    data[sl] = value
    return write(path, data, rate, "wavfloat")


def write_png_as(path: str | Path) -> Path:
    """A tiny but valid PNG (1x1 pixel), under whatever name ``path`` has."""
    import zlib

    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00\xff\x00\x00")
    p = Path(path)
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
    return p


def write_zip_as(path: str | Path) -> Path:
    """A small ZIP archive holding a text file, under whatever name ``path`` has."""
    import zipfile

    p = Path(path)
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("notes.txt", "not audio\n" * 50)
    return p


def add_id3v2(path: str | Path, title: str = "Discovery call") -> Path:
    """Prepend a small ID3v2.3 tag (a TIT2 title) to an MP3, as taggers do."""
    p = Path(path)
    text = b"\x00" + title.encode("latin-1")
    frame = b"TIT2" + struct.pack(">I", len(text)) + b"\x00\x00" + text
    size = len(frame)
    syncsafe = bytes([(size >> 21) & 0x7F, (size >> 14) & 0x7F, (size >> 7) & 0x7F, size & 0x7F])
    p.write_bytes(b"ID3\x03\x00\x00" + syncsafe + frame + p.read_bytes())
    return p


_MP3_BITRATES = {
    "1": (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    "2": (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_MP3_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def mp3_frame_length(header: bytes) -> int:
    """Length in bytes of the MPEG-1/2/2.5 Layer III frame starting with ``header``."""
    version = (header[1] >> 3) & 0x03
    bitrate = _MP3_BITRATES["1" if version == 3 else "2"][header[2] >> 4]
    rate = _MP3_RATES[version][(header[2] >> 2) & 0x03]
    padding = (header[2] >> 1) & 0x01
    return (144_000 if version == 3 else 72_000) * bitrate // rate + padding


def strip_xing_frame(path: str | Path) -> Path:
    """Drop an MP3's first frame (its Xing/Info/LAME header), as a plain CBR stream would lack.

    Without it, nothing in the file states the total number of frames: decoders estimate it from
    the file size, so a cut-off file looks like a complete shorter one.
    """
    p = Path(path)
    raw = p.read_bytes()
    assert raw[0] == 0xFF and raw[1] & 0xE0 == 0xE0, "expected an MP3 starting with a frame"
    n = mp3_frame_length(raw[:4])
    assert raw[n] == 0xFF and raw[n + 1] & 0xE0 == 0xE0, "the second frame is not where expected"
    p.write_bytes(raw[n:])
    return p


def insert_wav_chunk(path: str | Path, chunk_id: bytes, payload: bytes) -> Path:
    """Insert a RIFF chunk just before the ``data`` chunk of a WAV (fixing the RIFF size)."""
    p = Path(path)
    raw = p.read_bytes()
    at = _wav_data_offset(raw) - 8
    chunk = chunk_id + struct.pack("<I", len(payload)) + payload + (b"\x00" if len(payload) % 2 else b"")
    new = raw[:at] + chunk + raw[at:]
    p.write_bytes(b"RIFF" + struct.pack("<I", len(new) - 8) + new[8:])
    return p


def list_info_chunk(comment: str) -> bytes:
    """The payload of a LIST/INFO chunk holding one ICMT comment."""
    text = comment.encode("latin-1") + b"\x00"
    if len(text) % 2:
        text += b"\x00"
    return b"INFO" + b"ICMT" + struct.pack("<I", len(text)) + text


def write_unreadable(path: str | Path) -> Path:
    """A valid WAV with mode 000 (still readable by root)."""
    p = write(path, voice(1.0, 16_000), 16_000, "wav16")
    os.chmod(p, 0)
    return p


def _wav_data_offset(raw: bytes) -> int:
    """Offset of the first sample byte of a RIFF/WAVE file's data chunk."""
    pos = 12
    while pos + 8 <= len(raw):
        kind, size = struct.unpack("<4sI", raw[pos : pos + 8])
        if kind == b"data":
            return pos + 8
        pos += 8 + size + (size & 1)
    raise ValueError("no data chunk")
