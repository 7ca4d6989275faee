"""Multi-voice test calls built from the real recordings in ``../shared/data/audio``.

There is no multi-speaker meeting audio in ``../shared/data``, so the diarization bench makes
its own: single-speaker stretches are cut from every recording whose reference says who spoke
when, and concatenated into mono calls of 1 to 5 voices with their reference turns.

Voices (the pool, :func:`voice_pool`)
    ``demo-roger`` and ``demo-virgil``: the seller and the prospect of ``sales-demo/demo.mp3``, cut at
    the ``demo.json`` turns; ``phone-a`` / ``phone-b``: ``phone-2spk/sample.wav`` at the
    ``sample.rttm`` turns; ``woz-left`` / ``woz-right``: each channel of
    ``stereo-call/MUL1011.opus`` on its own, at the channel-energy turns; ``jfk``: the
    ``jfk.flac`` sentence; ``osr``: the Harvard sentences of ``osr-8k`` (8 kHz). Stretches that
    overlap another speaker's turn are dropped, long turns are cut into pieces of at most
    ``MAX_PIECE`` seconds, and each voice's stretches are kept in recording order (so the
    first stretches can enrol a voice and the rest test it).

Calls (:func:`build_call`)
    Turns alternate between the chosen voices at random (no voice twice in a row), each turn
    one stretch not used before in that call (a voice whose stretches run out stops talking;
    a voice with little audio is a quiet participant, as on a real call). Gaps between turns
    are 0.15-1.0 s; one turn in ``overlap_rate`` starts 0.3-1.0 s before the previous one ends.
    Every voice gets a random level within +/-4 dB of -26 dBFS. The mix is then put through a
    telephone channel: 8 kHz resampling, a 300-3400 Hz band-pass and noise at 35 dB SNR, so
    that voices from different recordings differ less by their recording chain.

What it cannot do: voices from one recording share its channel, and voices from different
recordings still differ by microphone and room despite the phone band; a real meeting mixes
all voices through one chain. Two recordings (phone, JFK) hold little speech, so those voices
speak little. The figures measured on these calls are therefore a check, not a substitute for
real meetings (which callcoach is also measured on, outside this repository).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

SR = 16_000
MAX_PIECE = 12.0  # seconds: a longer reference turn is cut into pieces of at most this
MIN_PIECE = 0.8  # seconds: shorter stretches are not used

Segment = tuple[float, float, str]


@dataclass(frozen=True)
class Voice:
    """One real speaker: mono 16 kHz stretches of their speech, in recording order."""

    name: str
    source: str
    pieces: tuple[np.ndarray, ...]

    @property
    def seconds(self) -> float:
        return sum(len(p) for p in self.pieces) / SR


def _load(path: Path) -> np.ndarray:
    """(channels, n) float32 at 16 kHz, through callcoach's own decoder."""
    from callcoach.audio import load_audio

    return load_audio(path).samples


def _solo(turns: list[Segment], label: str) -> list[tuple[float, float]]:
    """The parts of ``label``'s turns that no other speaker's turn overlaps."""
    others = sorted((s, e) for s, e, lab in turns if lab != label)
    out: list[tuple[float, float]] = []
    for s, e, lab in sorted(turns):
        if lab != label:
            continue
        spans = [(s, e)]
        for os_, oe in others:
            nxt = []
            for a, b in spans:
                if oe <= a or os_ >= b:
                    nxt.append((a, b))
                    continue
                if os_ > a:
                    nxt.append((a, os_))
                if oe < b:
                    nxt.append((oe, b))
            spans = nxt
        out.extend(spans)
    return out


def _pieces(samples: np.ndarray, spans: list[tuple[float, float]]) -> list[np.ndarray]:
    out = []
    for s, e in spans:
        if e - s < MIN_PIECE:
            continue
        n = max(1, math.ceil((e - s) / MAX_PIECE))
        step = (e - s) / n
        for i in range(n):
            a, b = int((s + i * step) * SR), int((s + (i + 1) * step) * SR)
            piece = samples[a:b].astype(np.float32)
            if len(piece) >= MIN_PIECE * SR:
                out.append(piece)
    return out


def _vad_spans(samples: np.ndarray) -> list[tuple[float, float]]:
    """Speech spans of a one-speaker recording (faster-whisper's bundled Silero VAD)."""
    from callcoach.speakers.vad import voice_activity

    return voice_activity(samples, pad_ms=100)


@lru_cache(maxsize=2)
def voice_pool(data_dir: str | Path) -> dict[str, Voice]:
    """Every voice that the recordings in ``data_dir/audio`` give (missing files are skipped)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.metrics import load_gecko_json, load_rttm

    audio = Path(data_dir) / "audio"
    pool: dict[str, Voice] = {}

    def add(name: str, source: str, pieces: list[np.ndarray]) -> None:
        if pieces:
            pool[name] = Voice(name, source, tuple(pieces))

    demo = audio / "sales-demo" / "demo.mp3"
    if demo.exists():
        _, turns = load_gecko_json(audio / "sales-demo" / "demo.json")
        x = _load(demo)[0]
        labels = sorted({lab for *_, lab in turns})
        for lab in labels:
            add(f"demo-{lab.lower()}", "sales-demo/demo.mp3", _pieces(x, _solo(turns, lab)))
    phone = audio / "phone-2spk" / "sample.wav"
    if phone.exists():
        turns = load_rttm(audio / "phone-2spk" / "sample.rttm")
        x = _load(phone)[0]
        for i, lab in enumerate(sorted({lab for *_, lab in turns})):
            add(f"phone-{'ab'[i]}", "phone-2spk/sample.wav", _pieces(x, _solo(turns, lab)))
    woz = audio / "stereo-call" / "MUL1011.opus"
    if woz.exists():
        turns = load_rttm(audio / "stereo-call" / "MUL1011.channel-energy-derived.rttm")
        x = _load(woz)
        for c, lab in enumerate(("ch0_left", "ch1_right")):
            spans = _solo(turns, lab)
            add(f"woz-{'left' if c == 0 else 'right'}", "stereo-call/MUL1011.opus", _pieces(x[c], spans))
    for name, rel in (("jfk", "jfk/jfk.flac"), ("osr", "osr-8k/OSR_us_000_0034_8k.wav")):
        p = audio / rel
        if p.exists():
            x = _load(p)[0]
            add(name, rel, _pieces(x, _vad_spans(x)))
    return pool


def _phone_channel(x: np.ndarray, rng: np.random.Generator, snr_db: float = 35.0) -> np.ndarray:
    from callcoach.speakers.enroll import telephone_band

    y = telephone_band(x).astype(np.float64)
    speech = np.sqrt(np.mean(y[np.abs(y) > 1e-4] ** 2)) if np.any(np.abs(y) > 1e-4) else 1e-3
    y = y + rng.normal(0.0, speech / 10 ** (snr_db / 20), len(y))
    return np.clip(y, -1.0, 1.0).astype(np.float32)


def _level(x: np.ndarray, dbfs: float) -> np.ndarray:
    rms = float(np.sqrt(np.mean(np.square(x, dtype=np.float64)))) or 1e-9
    return (x * (10 ** (dbfs / 20) / rms)).astype(np.float32)


def build_call(
    pool: dict[str, Voice],
    voices: list[str],
    seed: int,
    seconds: float = 120.0,
    overlap_rate: float = 0.1,
    start_piece: dict[str, int] | None = None,
    phone: bool = True,
) -> tuple[np.ndarray, list[Segment]]:
    """A mono call of ``voices`` taking turns, and its reference turns ``(start, end, voice)``.

    Args:
        pool: from :func:`voice_pool`.
        voices: the voices in the call (at least one).
        seed: makes the call (order, gaps, levels, noise) reproducible.
        seconds: stop adding turns once the call is this long.
        overlap_rate: share of turns that start before the previous one ends.
        start_piece: per voice, the first stretch it may use (e.g. past those used to enrol).
        phone: put the mix through the telephone channel.
    """
    rng = np.random.default_rng(seed)
    nxt = {v: (start_piece or {}).get(v, 0) for v in voices}
    gain = {v: -26.0 + rng.uniform(-4, 4) for v in voices}
    placed: list[tuple[int, np.ndarray, str]] = []
    t = int(0.3 * SR)
    last: str | None = None
    prev_end = t
    while t < seconds * SR:
        left = [v for v in voices if nxt[v] < len(pool[v].pieces)]
        live = [v for v in left if v != last] or left  # the last voice left goes on talking
        if not live:
            break
        v = live[int(rng.integers(len(live)))]
        piece = _level(pool[v].pieces[nxt[v]], gain[v])
        nxt[v] += 1
        if placed and rng.random() < overlap_rate:
            start = max(placed[-1][0], prev_end - int(rng.uniform(0.3, 1.0) * SR))
        else:
            start = prev_end + int(rng.uniform(0.15, 1.0) * SR)
        placed.append((start, piece, v))
        prev_end = max(prev_end, start + len(piece))
        t, last = prev_end, v
    n = prev_end + int(0.5 * SR)
    mix = np.zeros(n, dtype=np.float32)
    ref: list[Segment] = []
    for start, piece, v in placed:
        mix[start : start + len(piece)] += piece
        ref.append((start / SR, (start + len(piece)) / SR, v))
    if phone:
        mix = _phone_channel(mix, rng)
    return mix, ref


def write_wav(path: str | Path, samples: np.ndarray) -> Path:
    import soundfile as sf

    sf.write(str(path), samples, SR, subtype="PCM_16")
    return Path(path)


def call_plan(pool: dict[str, Voice], counts: tuple[int, ...], per_count: int, seed: int) -> list[tuple[list[str], int]]:
    """``per_count`` voice sets for each count: voices drawn at random, with at least one
    voice that has 40 s or more of speech (someone must lead the call)."""
    rng = np.random.default_rng(seed)
    names = sorted(pool)
    leads = [v for v in names if pool[v].seconds >= 40]
    plan = []
    for k in counts:
        for i in range(per_count):
            lead = leads[int(rng.integers(len(leads)))]
            rest = [v for v in names if v != lead]
            others = list(rng.choice(rest, size=k - 1, replace=False)) if k > 1 else []
            plan.append(([lead, *map(str, others)], seed * 1000 + k * 100 + i))
    return plan
