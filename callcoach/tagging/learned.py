"""Teams' own trackers, learned from the rubric's positive and negative example sentences.

A rubric's ``examples: {tracker.security: [...]}`` are sentences that are the tracker and its
``negative_examples: {tracker.security: [...]}`` sentences that are not (the way Gong's Smart
Trackers learn from sentences users mark yes or no). Each such tracker is a logistic regression
over sentence embeddings (:func:`fit_tracker`), trained when the call is tagged against those
examples plus the tag model's background sentences (ordinary sales-call sentences from the
corpus's train split, shipped as embeddings), positives and negatives weighted equally.
Deterministic: full-batch gradient descent from zero. Built-in trackers come from the tag model
(``callcoach learn`` folds a rubric's examples for them into a team model).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from callcoach.call import Tag
from callcoach.tagging.base import Encoder, TaggingContext, sentence_tag
from callcoach.tagging.matcher import example_embeddings

THRESHOLD = 0.5
L2 = 1e-2
STEPS = 300


@dataclass(frozen=True)
class LinearTracker:
    label: str
    w: np.ndarray
    b: float

    def proba(self, emb: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(emb @ self.w + self.b)))


def fit_tracker(label: str, pos: np.ndarray, neg: np.ndarray, background: np.ndarray) -> LinearTracker:
    """Logistic regression, positives vs (negatives + background); the two sides weigh the same,
    explicit negatives three times a background sentence."""
    x = np.concatenate([pos, neg, background]).astype(np.float64)
    y = np.concatenate([np.ones(len(pos)), np.zeros(len(neg) + len(background))])
    wn = np.concatenate([np.full(len(neg), 3.0), np.ones(len(background))])
    w = np.concatenate([np.full(len(pos), wn.sum() / max(len(pos), 1)), wn])
    w = w / w.sum()
    coef, b = np.zeros(x.shape[1]), 0.0
    lr = 2.0
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-(x @ coef + b)))
        g = w * (p - y)
        coef -= lr * (x.T @ g + L2 * coef)
        b -= lr * g.sum()
    return LinearTracker(label, coef.astype(np.float32), float(b))


def _digest(*arrays: np.ndarray) -> str:
    import hashlib

    h = hashlib.sha256()
    for a in arrays:
        h.update(np.ascontiguousarray(a).tobytes())
    return h.hexdigest()


class LearnedTrackerStage:
    """Tags a rubric's own trackers (labels the tag model does not know) by their learned model."""

    name = "team-trackers"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("tracker.",)

    def __init__(self, positives: Mapping[str, Sequence[str]], negatives: Mapping[str, Sequence[str]],
                 background: np.ndarray, skip: Sequence[str] = (), extra: Mapping[str, np.ndarray] | None = None) -> None:
        self.positives = {k: tuple(v) for k, v in positives.items() if k.startswith("tracker.") and k not in skip and v}
        self.negatives = {k: tuple(v) for k, v in negatives.items()}
        self.background = background
        # sentences coaches marked in review (``callcoach learn``), as embeddings: "label|positive"
        self.extra = dict(extra or {})
        for key in self.extra:
            label = key.split("|")[0]
            if label not in skip and key.endswith("|positive"):
                self.positives.setdefault(label, ())

    def trackers(self, encoder: Encoder) -> list[LinearTracker]:
        """One fitted tracker per label, fitted once per process for the same examples (a batch
        tags many calls with one rubric)."""
        from callcoach.models import cached

        out = []
        dim = self.background.shape[1]
        encoder_key = getattr(encoder, "cache_key", getattr(encoder, "name", type(encoder).__name__))
        for label in sorted(self.positives):
            phrases, negs = self.positives[label], self.negatives.get(label, ())
            extra_pos = self.extra.get(f"{label}|positive", np.zeros((0, dim), np.float32))
            extra_neg = self.extra.get(f"{label}|negative", np.zeros((0, dim), np.float32))
            key = ("team-tracker", encoder_key, label, phrases, negs, _digest(extra_pos, extra_neg, self.background))

            def fit(label: str = label, phrases: tuple[str, ...] = phrases, negs: tuple[str, ...] = negs,
                    extra_pos: np.ndarray = extra_pos, extra_neg: np.ndarray = extra_neg) -> LinearTracker | None:
                pos = example_embeddings(encoder, phrases) if phrases else np.zeros((0, dim), dtype=np.float32)
                neg = example_embeddings(encoder, negs) if negs else np.zeros((0, dim), dtype=np.float32)
                pos, neg = np.concatenate([pos, extra_pos]), np.concatenate([neg, extra_neg])
                return fit_tracker(label, pos, neg, self.background) if len(pos) else None

            tracker = cached(key, fit)
            if tracker is not None:
                out.append(tracker)
        return out

    def predict(self, ctx: TaggingContext) -> list[Tag]:
        if not self.positives or not ctx.sentences or ctx.encoder is None:
            return []
        emb = ctx.embeddings
        tags = []
        for tr in self.trackers(ctx.encoder):
            p = tr.proba(emb)
            for s, prob in zip(ctx.sentences, p):
                if prob >= THRESHOLD:
                    tags.append(sentence_tag(s, tr.label, float(prob), "examples"))
        return tags
