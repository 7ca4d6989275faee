"""Tagging by example: labels are recognised by similarity to example phrases.

A rubric (or the built-in defaults) lists example phrases per label. They are embedded once
per process and encoder, and an encoder that names its weights (``cache_key``, as
:class:`~callcoach.tagging.nlp.MiniLMEncoder` does) also keeps them on disk, so a fresh process
(a batch worker, the next ``callcoach analyze``) does not embed them again: in
``$CALLCOACH_CACHE_DIR``, else ``$XDG_CACHE_HOME/callcoach``, else ``~/.cache/callcoach``, one
``examples/<sha256>.npy`` per encoder and phrase list. Only rubric phrases are stored there,
never anything said in a call; a cache that cannot be read or written is skipped.

Each sentence's embedding is compared with every label's examples, and a label's score is the
mean of its ``top_k`` best cosine similarities (robust to one odd example). Adding phrases to a
rubric changes tagging with no code change.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np

from callcoach.tagging.base import Encoder

_example_cache: dict[tuple[str, tuple[str, ...]], np.ndarray] = {}
_lock = threading.Lock()


def cache_dir() -> Path:
    """Where example embeddings are kept between processes."""
    explicit = os.environ.get("CALLCOACH_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "callcoach"


def _disk_path(encoder: Encoder, phrases: tuple[str, ...]) -> Path | None:
    key = getattr(encoder, "cache_key", None)
    if not key:
        return None
    digest = hashlib.sha256(json.dumps([key, phrases], ensure_ascii=False).encode("utf-8")).hexdigest()
    return cache_dir() / "examples" / f"{digest}.npy"


def _load(path: Path | None, n: int) -> np.ndarray | None:
    if path is None:
        return None
    try:
        arr = np.load(path, allow_pickle=False)
    except (OSError, ValueError):
        return None
    return arr if arr.ndim == 2 and arr.shape[0] == n and arr.dtype == np.float32 else None


def _store(path: Path | None, arr: np.ndarray) -> None:
    if path is None:
        return
    from callcoach.errors import CallcoachError
    from callcoach.output import atomic_write_bytes

    buf = io.BytesIO()
    np.save(buf, arr, allow_pickle=False)
    try:
        atomic_write_bytes(path, buf.getvalue())
    except (OSError, CallcoachError):
        pass  # no cache this time: the embeddings are still returned


def example_embeddings(encoder: Encoder, phrases: Sequence[str]) -> np.ndarray:
    """Embeddings of ``phrases``, computed once per encoder and phrase list."""
    return prepare_examples(encoder, [phrases])[0]


def prepare_examples(encoder: Encoder, lists: Sequence[Sequence[str]]) -> list[np.ndarray]:
    """Embeddings of each phrase list: from memory, from the disk cache, or computed, the
    missing lists in one batch."""
    keys = [(encoder.name, tuple(p)) for p in lists]
    out: dict[tuple[str, tuple[str, ...]], np.ndarray] = {}
    with _lock:
        for k in keys:
            if k in _example_cache:
                out[k] = _example_cache[k]
    missing: list[tuple[str, tuple[str, ...]]] = []
    for k in dict.fromkeys(keys):
        if k in out:
            continue
        hit = _load(_disk_path(encoder, k[1]), len(k[1]))
        if hit is not None:
            out[k] = hit
        else:
            missing.append(k)
    if missing:
        unique = list(dict.fromkeys(p for _, phrases in missing for p in phrases))
        emb = np.asarray(encoder.encode(unique), dtype=np.float32)
        row = {p: i for i, p in enumerate(unique)}
        for k in missing:
            out[k] = emb[[row[p] for p in k[1]]]
            _store(_disk_path(encoder, k[1]), out[k])
    with _lock:
        _example_cache.update(out)
    return [out[k] for k in keys]


@dataclass(frozen=True)
class ExampleMatcher:
    """Scores sentences against the example phrases of a set of labels."""

    labels: tuple[str, ...]
    examples: Mapping[str, tuple[str, ...]]
    encoder: Encoder
    top_k: int = 2

    @classmethod
    def for_prefix(cls, examples: Mapping[str, Sequence[str]], prefix: str, encoder: Encoder, top_k: int = 2) -> ExampleMatcher:
        chosen = {k: tuple(v) for k, v in examples.items() if k.startswith(prefix) and v}
        return cls(tuple(sorted(chosen)), chosen, encoder, top_k)

    def scores(self, embeddings: np.ndarray) -> np.ndarray:
        """Score matrix (sentences, labels) in [-1, 1]."""
        out = np.zeros((len(embeddings), len(self.labels)), dtype=np.float32)
        if len(embeddings) == 0:
            return out
        prepared = prepare_examples(self.encoder, [self.examples[label] for label in self.labels])
        for j, ex in enumerate(prepared):
            sims = embeddings @ ex.T
            k = min(self.top_k, sims.shape[1])
            out[:, j] = np.sort(sims, axis=1)[:, -k:].mean(axis=1)
        return out
