"""Speech recognition: a transcriber protocol, the faster-whisper adapter, and a fake for tests.

A transcriber turns one channel of 16 kHz float32 audio into timed words. The default is
faster-whisper's ``BatchedInferencePipeline`` over the bundled CTranslate2 ``tiny.en`` model,
int8 on the CPU, with Silero VAD (shipped inside faster-whisper) and word timestamps.
:func:`transcribe_chunked` feeds a long recording to any transcriber in pieces of at most
10 minutes, cut at pauses, so memory does not grow with the length of the call.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from callcoach.call import ModelInfo, Word
from callcoach.hooks import Hook, null_hook
from callcoach.models import _dist_version, cached, resolve_asr


@dataclass(frozen=True, slots=True)
class AsrOptions:
    """How to run faster-whisper.

    Attributes:
        model: a model name (``tiny.en``, the bundled default) or a path to a CTranslate2
            Whisper model directory.
        device: ``cpu``, ``cuda`` or ``auto``.
        compute_type: CTranslate2 compute type; ``default`` picks int8 on CPU, float16 on CUDA.
        threads: CPU threads for inference; 0 means one per core (at most 4).
        batch_size: chunks decoded together by the batched pipeline.
        beam_size: beam width for decoding.
        language: spoken language; None lets a multilingual model detect it (``.en`` models
            are English).
    """

    model: str | None = None
    device: str = "cpu"
    compute_type: str = "default"
    threads: int = 0
    batch_size: int = 8
    beam_size: int = 5
    language: str | None = "en"

    def resolved_compute_type(self, device: str) -> str:
        if self.compute_type != "default":
            return self.compute_type
        return "float16" if device == "cuda" else "int8"

    def resolved_threads(self) -> int:
        if self.threads > 0:
            return self.threads
        return max(1, min(4, os.cpu_count() or 1))


class Transcriber(Protocol):
    """Turns one channel of 16 kHz float32 audio into words with times (seconds)."""

    info: ModelInfo

    def transcribe(self, samples: np.ndarray, hook: Hook = null_hook) -> list[Word]: ...


def _resolve_device(device: str) -> str:
    if device != "auto":
        return device
    try:
        import ctranslate2

        return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    except Exception:  # noqa: BLE001 - any failure to probe CUDA means CPU
        return "cpu"


#: Long recordings are transcribed in pieces of about this many seconds (cut at a pause):
#: faster-whisper's batched pipeline holds the VAD speech chunks and their log-mel features of
#: everything it is given at once (about 0.5 GB per hour of speech).
CHUNK_SECONDS = 600.0
#: A cut is made at the quietest moment of this many seconds before the chunk's nominal end.
CUT_SEARCH_SECONDS = 60.0
_CUT_FRAME = 320  # 20 ms at 16 kHz
_CUT_SMOOTH = 15  # frames (300 ms): a cut goes in the middle of the quietest such stretch


def chunk_bounds(
    samples: np.ndarray, chunk_seconds: float = CHUNK_SECONDS, search_seconds: float = CUT_SEARCH_SECONDS
) -> list[tuple[int, int]]:
    """Split 16 kHz audio into ``(start, end)`` sample ranges of at most ``chunk_seconds``.

    Each cut is placed in the middle of the quietest 300 ms within the last ``search_seconds``
    of a chunk, on a 20 ms frame boundary, so words are not cut in two (a call without any
    pause for a minute is cut at its least loud moment). Audio no longer than ``chunk_seconds``
    is one range.
    """
    from callcoach.audio import frame_energy_db

    n = len(samples)
    size = int(chunk_seconds * 16_000) // _CUT_FRAME * _CUT_FRAME
    search = min(int(search_seconds * 16_000) // _CUT_FRAME * _CUT_FRAME, size // 2)
    bounds: list[tuple[int, int]] = []
    start = 0
    while n - start > size:
        lo = start + size - search
        energy = frame_energy_db(samples[lo : start + size], _CUT_FRAME)
        smooth = np.convolve(energy, np.ones(_CUT_SMOOTH) / _CUT_SMOOTH, mode="same")
        cut = lo + int(np.argmin(smooth)) * _CUT_FRAME
        bounds.append((start, cut))
        start = cut
    bounds.append((start, n))
    return bounds


def transcribe_chunked(
    transcriber: Transcriber, samples: np.ndarray, hook: Hook = null_hook, chunk_seconds: float = CHUNK_SECONDS
) -> list[Word]:
    """Transcribe ``samples`` a chunk at a time (see :func:`chunk_bounds`) with word times
    relative to the start of ``samples``. Memory stays bounded on long calls; a call of
    normal length is a single chunk, transcribed exactly as by ``transcriber`` alone."""
    bounds = chunk_bounds(samples, chunk_seconds)
    total = max(len(samples), 1)
    words: list[Word] = []
    for start, end in bounds:
        offset = start / 16_000

        def scaled(stage: str, fraction: float | None, message: str, start: int = start, end: int = end) -> None:
            overall = None if fraction is None else (start + fraction * (end - start)) / total
            hook(stage, overall, message)

        piece = transcriber.transcribe(samples[start:end], scaled if len(bounds) > 1 else hook)
        words.extend(piece if start == 0 else (Word(w.start + offset, w.end + offset, w.text, w.probability) for w in piece))
    return words


class FasterWhisperTranscriber:
    """faster-whisper's batched pipeline with Silero VAD and word timestamps."""

    def __init__(self, options: AsrOptions | None = None) -> None:
        self.options = options or AsrOptions()
        resolved = resolve_asr(self.options.model)
        self.device = _resolve_device(self.options.device)
        self.compute_type = self.options.resolved_compute_type(self.device)
        self.threads = self.options.resolved_threads()
        self.info = ModelInfo(
            kind="asr",
            name=f"faster-whisper/{resolved.name}",
            version=f"{resolved.version} (faster-whisper {_dist_version('faster-whisper')}, {self.device}, {self.compute_type})",
            source=resolved.source,
        )
        key = ("asr", str(resolved.path), self.device, self.compute_type, self.threads)
        self._pipeline = cached(key, lambda: self._load(str(resolved.path)))
        self._english_only = resolved.name.endswith(".en")

    def _load(self, path: str) -> object:
        from faster_whisper import BatchedInferencePipeline, WhisperModel

        model = WhisperModel(path, device=self.device, compute_type=self.compute_type, cpu_threads=self.threads)
        return BatchedInferencePipeline(model)

    def transcribe(self, samples: np.ndarray, hook: Hook = null_hook) -> list[Word]:
        duration = len(samples) / 16_000
        language = "en" if self._english_only else self.options.language
        segments, _info = self._pipeline.transcribe(  # type: ignore[attr-defined]
            samples,
            language=language,
            word_timestamps=True,
            vad_filter=True,
            batch_size=self.options.batch_size,
            beam_size=self.options.beam_size,
        )
        words: list[Word] = []
        for seg in segments:
            for w in seg.words or ():
                text = w.word.strip()
                if text:
                    # Whisper may time the last word past the end of the audio: keep it inside.
                    start = min(max(float(w.start), 0.0), duration)
                    end = min(max(float(w.end), start), duration)
                    words.append(Word(start, end, text, float(w.probability)))
            if duration > 0:
                hook("asr", min(1.0, float(seg.end) / duration), "")
        return words


class FakeTranscriber:
    """A transcriber for tests: emits words wherever the audio has energy.

    Each stretch of audio louder than ``threshold_db`` becomes words of ``word_seconds`` each,
    their texts taken in turn from ``vocabulary`` (or from ``scripts``, a list of word lists
    consumed one per ``transcribe`` call, e.g. one per stereo channel). Deterministic, no
    weights, fast.
    """

    def __init__(
        self,
        vocabulary: tuple[str, ...] = ("hello", "there", "how", "are", "you"),
        scripts: list[list[str]] | None = None,
        threshold_db: float = -35.0,
        word_seconds: float = 0.3,
    ) -> None:
        self.vocabulary = vocabulary
        self.scripts = list(scripts) if scripts else []
        self.threshold_db = threshold_db
        self.word_seconds = word_seconds
        self.calls = 0
        self.info = ModelInfo(kind="asr", name="fake", version="0", source="test")

    def transcribe(self, samples: np.ndarray, hook: Hook = null_hook) -> list[Word]:
        from callcoach.audio import frame_energy_db

        script = self.scripts[self.calls] if self.calls < len(self.scripts) else None
        self.calls += 1
        frame = 320
        loud = frame_energy_db(samples, frame) > self.threshold_db
        words: list[Word] = []
        i = 0
        while i < len(loud):
            if not loud[i]:
                i += 1
                continue
            j = i
            while j < len(loud) and loud[j]:
                j += 1
            start, end = i * frame / 16_000, j * frame / 16_000
            t = start
            while t < end - 1e-6:
                w_end = min(end, t + self.word_seconds)
                k = len(words)
                source = script if script else list(self.vocabulary)
                text = source[k % len(source)]
                words.append(Word(round(t, 3), round(w_end, 3), text, 0.9))
                t = w_end
            i = j
        hook("asr", 1.0, "")
        return words
