"""Where someone is speaking, whether or not the recogniser found words there.

Whisper leaves some speech without words: overlapped speech, a quiet participant, a mumbled
"yeah, no". On a mono call that speech still belongs to someone's talk time, so diarization
runs over the union of the words' spans and the voice-activity regions of Silero VAD (the
model that ships inside faster-whisper, run on the CPU through onnxruntime; nothing is
downloaded). Regions are kept only where they are at least ``MIN_REGION`` long.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

SR = 16_000
MIN_REGION = 0.25  # seconds: shorter voice-activity regions are clicks and breaths more than speech


def voice_activity(samples: np.ndarray, threshold: float = 0.5, pad_ms: int = 30) -> list[tuple[float, float]]:
    """Speech regions ``(start, end)`` in seconds of a 16 kHz mono signal (Silero VAD).

    Pauses of 0.3 s split regions; ``pad_ms`` of padding is kept either side. Returns an
    empty list when the VAD model cannot run (for instance faster-whisper built
    without onnxruntime): the caller then has the words' spans only, as before.
    """
    try:
        from faster_whisper.vad import VadOptions, get_speech_timestamps
    except ImportError:  # pragma: no cover - faster-whisper is a dependency
        return []
    if len(samples) < SR // 10:
        return []
    options = VadOptions(threshold=threshold, min_silence_duration_ms=300, speech_pad_ms=pad_ms, min_speech_duration_ms=250)
    stamps = get_speech_timestamps(np.ascontiguousarray(samples, dtype=np.float32), options)
    return [(t["start"] / SR, t["end"] / SR) for t in stamps if (t["end"] - t["start"]) / SR >= MIN_REGION]


def uncovered(regions: Sequence[tuple[float, float]], covered: Sequence[tuple[float, float]], min_len: float = MIN_REGION) -> list[tuple[float, float]]:
    """The parts of ``regions`` that ``covered`` does not reach, at least ``min_len`` long."""
    cov = sorted(covered)
    out: list[tuple[float, float]] = []
    j = 0
    for s, e in sorted(regions):
        while j < len(cov) and cov[j][1] <= s:
            j += 1
        cur = s
        k = j
        while k < len(cov) and cov[k][0] < e:
            if cov[k][0] > cur:
                out.append((cur, cov[k][0]))
            cur = max(cur, cov[k][1])
            k += 1
        if cur < e:
            out.append((cur, e))
    return [(s, e) for s, e in out if e - s >= min_len]
