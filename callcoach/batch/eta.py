"""The time a batch has left, from the audio it still has to transcribe.

A batch's time goes into recognising speech, so the work of a call is the length of its
recording: read from the file's header before the batch starts (:func:`audio_seconds`; no
decoding), else estimated from its size. A transcript has no speech to recognise: it costs
next to nothing, and a call that fails leaves the work, not the throughput.

The estimate is the audio still to analyse divided by the audio analysed per second so far,
and only once it means something (:class:`EtaEstimator`): not before a recording has finished,
and not before as many recordings as there are workers have, since with N workers the first
call to finish stands for N calls in flight. Until then there is no estimate rather than a wild
one (a transcript that finishes first, just after the models loaded, says nothing about hours of
audio still to transcribe).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from callcoach.batch.inputs import TRANSCRIPT_EXTENSIONS

#: Bytes per second of audio assumed for a recording whose header gives no length, until the
#: batch's other recordings say better (16 kB/s: a 128 kbit/s MP3, or 8 kHz 16-bit mono WAV).
DEFAULT_BYTES_PER_SECOND = 16_000.0


def _now() -> float:
    return time.perf_counter()


def audio_seconds(path: str | Path) -> float | None:
    """A recording's length in seconds from its header (libsndfile, else FFmpeg's container
    duration), without decoding it; None where the header does not say or cannot be read."""
    seconds = _libsndfile_seconds(str(path))
    return seconds if seconds is not None else _ffmpeg_seconds(str(path))


def _libsndfile_seconds(path: str) -> float | None:
    from callcoach.audio import _quiet_native_stderr

    try:
        import soundfile as sf

        with _quiet_native_stderr():  # libmpg123 prints notes about bad MP3 headers on fd 2
            info = sf.info(path)
    except Exception:  # noqa: BLE001 - an estimate: an unreadable header just says "unknown"
        return None
    # An MP3's frame count may be a guess from its size: FFmpeg's duration is no worse.
    if info.format != "MP3" and info.frames > 0 and info.samplerate > 0:
        return float(info.frames) / float(info.samplerate)
    return None


def _ffmpeg_seconds(path: str) -> float | None:
    try:
        import av

        with av.open(path, metadata_errors="ignore") as container:
            duration = container.duration
    except Exception:  # noqa: BLE001 - as above
        return None
    return float(duration) / av.time_base if duration and duration > 0 else None


def is_transcript_path(path: str | Path) -> bool:
    """A transcript by its extension (no speech to recognise)."""
    return Path(path).suffix.lower() in TRANSCRIPT_EXTENSIONS


def task_costs(
    paths: Mapping[str, str | Path],
    sizes: Mapping[str, int],
    probe: Callable[[str | Path], float | None] = audio_seconds,
) -> dict[str, float]:
    """Seconds of audio per input key: 0 for a transcript, the header's length for a recording,
    else its size over the bytes per second of the batch's other recordings."""
    costs: dict[str, float] = {}
    unknown: list[str] = []
    probed_s = probed_bytes = 0.0
    for key, path in paths.items():
        if is_transcript_path(path):
            costs[key] = 0.0
            continue
        seconds = probe(path)
        if seconds is None:
            unknown.append(key)
            continue
        costs[key] = seconds
        probed_s += seconds
        probed_bytes += sizes.get(key, 0)
    rate = probed_bytes / probed_s if probed_s > 0 and probed_bytes > 0 else DEFAULT_BYTES_PER_SECOND
    for key in unknown:
        costs[key] = sizes.get(key, 0) / rate
    return costs


class EtaEstimator:
    """Seconds left in a batch, from the audio analysed per second of wall time so far.

    ``costs``: seconds of audio per key still to analyse (0 for a transcript); ``workers``:
    how many calls run at once. Call :meth:`finished` as each call ends and
    :meth:`seconds_left` for the estimate (None until it is meaningful, see the module doc).
    ``clock`` returns seconds (tests pass a fake one); the count starts at construction.
    """

    def __init__(self, costs: Mapping[str, float], workers: int, clock: Callable[[], float] | None = None) -> None:
        self._clock = clock if clock is not None else _now
        self._start = self._clock()
        self._left = {k: max(0.0, float(c)) for k, c in costs.items()}
        # With recordings to transcribe, their audio is the work; a batch of transcripts alone
        # counts files instead.
        self._by_audio = any(c > 0 for c in self._left.values())
        units = sum(1 for c in self._left.values() if c > 0) if self._by_audio else len(self._left)
        self._needed = max(1, min(max(1, workers), units))
        self._done_work = 0.0
        self._done_calls = 0

    def finished(self, key: str, ok: bool) -> None:
        """``key`` ended: analysed (``ok``) or failed (its work is dropped, no credit)."""
        cost = self._left.pop(key, None)
        if cost is None or not ok:
            return
        if self._by_audio and cost <= 0:
            return  # a transcript among recordings: it says nothing about the speed of the ASR
        self._done_work += cost if self._by_audio else 1.0
        self._done_calls += 1

    def _remaining(self) -> float:
        return sum(self._left.values()) if self._by_audio else float(len(self._left))

    def seconds_left(self) -> float | None:
        """The estimate, or None: nothing left, or too little finished to say."""
        remaining = self._remaining()
        if remaining <= 0 or self._done_calls < self._needed or self._done_work <= 0:
            return None
        elapsed = max(0.0, self._clock() - self._start)
        return elapsed / self._done_work * remaining


def estimator_for(
    tasks: Iterable[tuple[str, str]], sizes: Mapping[str, int], workers: int, clock: Callable[[], float] | None = None
) -> EtaEstimator:
    """An :class:`EtaEstimator` for ``(key, path)`` tasks, with each recording's length read
    from its header."""
    return EtaEstimator(task_costs(dict(tasks), sizes), workers, clock)
