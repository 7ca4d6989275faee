"""A corpus of short real-speech clips cut from every recording in ../shared/data/audio.

Issue 14: clips of 2.5-5 s of real mono speech crashed the diarizer, and no test cut real
speech that short. :func:`plan_clips` draws, from a seed, clips of every recording at random
offsets and at lengths from 0.3 s to 60 s (log-uniform, so short clips are well represented,
plus the edge lengths in :data:`EDGE_LENGTHS`), in every form the source allows:

- ``mono``: a mono recording as it is, or the left channel of a stereo one;
- ``stereo``: both channels of a stereo recording, kept as two channels;
- ``downmix``: a stereo recording mixed down to one channel.

:func:`write_clips` writes them (WAV or FLAC, at the source's sample rate) into a folder:
the evaluation data is never copied into the repository, only cut into a test's tmp dir.
Sources are decoded with soundfile (libsndfile), as :mod:`callcoach.audio` does for WAV,
FLAC and Ogg/Opus (this MP3 callcoach decodes with PyAV; libsndfile agrees to 5e-6).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from tests.conftest import SHARED_DATA, shared

#: Every recording under ../shared/data/audio, and how many random-length clips to draw for
#: each of its forms (edge lengths come on top).
SOURCES: dict[str, dict[str, int]] = {
    "audio/jfk/jfk.flac": {"mono": 8, "stereo": 8, "downmix": 8},  # 44.1 kHz, duplicated mono
    "audio/osr-8k/OSR_us_000_0034_8k.wav": {"mono": 25},  # 8 kHz telephone band
    "audio/phone-2spk/sample.wav": {"mono": 30},
    "audio/sales-demo/demo.mp3": {"mono": 50},
    "audio/stereo-call/MUL1011.opus": {"mono": 15, "stereo": 20, "downmix": 30},  # one speaker a channel
    "audio/stereo-channels/stereo_diarization.wav": {"mono": 6, "stereo": 8, "downmix": 8},
}
#: Lengths (seconds) every (source, form) gets, where the source is long enough.
EDGE_LENGTHS = (0.3, 0.5, 1.0, 2.5, 3.0, 4.0, 5.0)
MIN_LENGTH, MAX_LENGTH = 0.3, 60.0
FORMS = ("mono", "stereo", "downmix")


@dataclass(frozen=True, slots=True)
class ClipSpec:
    """One clip: where it comes from, how it is cut and written, and how it is analysed."""

    index: int
    source: str  # path under ../shared/data
    form: str  # mono | stereo | downmix
    offset: float  # seconds into the source
    length: float  # seconds
    fmt: str  # wav | flac
    speakers: int | None  # --speakers (None: estimated)
    tagging: bool

    @property
    def name(self) -> str:
        stem = Path(self.source).stem.replace("_", "-")
        return f"{self.index:04d}-{stem}-{self.form}-{self.offset:.3f}-{self.length:.3f}.{self.fmt}"

    def describe(self) -> str:
        return (
            f"{self.source} form={self.form} offset={self.offset:.3f}s length={self.length:.3f}s "
            f"({self.fmt}, speakers={self.speakers}, tagging={self.tagging})"
        )


def available() -> bool:
    return all((SHARED_DATA / s).exists() for s in SOURCES)


@cache
def decoded(source: str) -> tuple[np.ndarray, int]:
    """A source as (channels, n) float32 at its own rate (skips the test where it is absent)."""
    import soundfile as sf

    data, rate = sf.read(str(shared(source)), dtype="float32", always_2d=True)
    return np.ascontiguousarray(data.T), int(rate)


def _forms(channels: int) -> tuple[str, ...]:
    return ("mono",) if channels == 1 else FORMS


def _lengths(rng: np.random.Generator, count: int, duration: float) -> list[float]:
    """Edge lengths that fit, the whole source if it is under 60 s, then ``count`` log-uniform."""
    top = min(MAX_LENGTH, duration)
    out = [x for x in EDGE_LENGTHS if x <= duration]
    if duration <= MAX_LENGTH and duration not in out:
        out.append(duration)
    out += [float(math.exp(rng.uniform(math.log(MIN_LENGTH), math.log(top)))) for _ in range(count)]
    return out


def plan_clips(seed: int = 14, sources: dict[str, dict[str, int]] | None = None) -> list[ClipSpec]:
    """The clips of the corpus, the same for the same seed (needs the sources' durations)."""
    rng = np.random.default_rng(seed)
    specs: list[ClipSpec] = []
    for source, counts in (sources or SOURCES).items():
        data, rate = decoded(source)
        duration = data.shape[1] / rate
        for form in _forms(data.shape[0]):
            for length in _lengths(rng, counts.get(form, 0), duration):
                length = round(length, 3)
                offset = round(float(rng.uniform(0.0, max(duration - length, 0.0))), 3)
                i = len(specs)
                speakers = (None, None, None, None, 2, 3)[int(rng.integers(6))]
                specs.append(ClipSpec(i, source, form, offset, length, ("wav", "flac")[i % 2], speakers, i % 4 == 0))
    return specs


def cut(spec: ClipSpec) -> tuple[np.ndarray, int]:
    """The clip's samples, (n, channels) for soundfile, and their rate."""
    data, rate = decoded(spec.source)
    a = round(spec.offset * rate)
    b = min(a + max(1, round(spec.length * rate)), data.shape[1])
    x = data[:, a:b]
    if spec.form == "mono":
        x = x[:1]
    elif spec.form == "downmix":
        x = x.mean(axis=0, keepdims=True)
    # demo.mp3 decodes with a few samples past full scale: clip rather than let PCM wrap.
    return np.clip(x, -1.0, 1.0).T, rate


def write_clips(specs: list[ClipSpec], folder: Path) -> dict[Path, ClipSpec]:
    """Write each clip into ``folder`` (16-bit WAV or FLAC); returns path -> spec."""
    import soundfile as sf

    folder.mkdir(parents=True, exist_ok=True)
    out: dict[Path, ClipSpec] = {}
    for spec in specs:
        x, rate = cut(spec)
        path = folder / spec.name
        sf.write(str(path), x, rate, format=spec.fmt.upper(), subtype="PCM_16")
        out[path] = spec
    return out


def bucket(length: float) -> str:
    """A length bucket for reports: <1, 1-2.5, 2.5-5, 5-15, 15-30, >=30 s."""
    for top, name in ((1.0, "<1s"), (2.5, "1-2.5s"), (5.0001, "2.5-5s"), (15.0, "5-15s"), (30.0, "15-30s")):
        if length < top:
            return name
    return ">=30s"
