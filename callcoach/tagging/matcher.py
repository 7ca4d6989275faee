"""Tagging by example: labels are recognised by similarity to example phrases.

A rubric (or the built-in defaults) lists example phrases per label. They are embedded once
per process and encoder (cached); each sentence's embedding is compared with every label's
examples, and a label's score is the mean of its ``top_k`` best cosine similarities (robust to
one odd example). Adding phrases to a rubric changes tagging with no code change.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

from callcoach.tagging.base import Encoder

_example_cache: dict[tuple[str, tuple[str, ...]], np.ndarray] = {}
_lock = threading.Lock()


def example_embeddings(encoder: Encoder, phrases: Sequence[str]) -> np.ndarray:
    """Embeddings of ``phrases``, computed once per encoder and phrase list."""
    key = (encoder.name, tuple(phrases))
    with _lock:
        hit = _example_cache.get(key)
    if hit is None:
        hit = encoder.encode(list(phrases))
        with _lock:
            _example_cache[key] = hit
    return hit


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
        for j, label in enumerate(self.labels):
            ex = example_embeddings(self.encoder, self.examples[label])
            sims = embeddings @ ex.T
            k = min(self.top_k, sims.shape[1])
            out[:, j] = np.sort(sims, axis=1)[:, -k:].mean(axis=1)
        return out
