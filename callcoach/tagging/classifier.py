"""Trained tag classifiers: questions, objections, SPIN stages and trackers from one feature row
per sentence, learned from the project's labelled sales dialogue (``data/sales-dialogue``).

A sentence's features (:func:`features`) are its encoding (MiniLM's sentence embedding; a model
trained with ``--layers`` also reads lower layers, pooled the same way), that of the turn
before it (the other side's last sentences: what it answers or reacts to), and the rule cues
of the rule stages as 0/1 features (the question rule that fired, objection cue types, SPIN
cues, tracker keywords), its side (rep / customer / unknown) and its place in the call. The
rules no longer decide; they inform the model and explain its tags.

Each task is a small head (:class:`Head`: a one-hidden-layer network or a linear layer, run in
numpy) in one :class:`TagModel` file pair, ``<name>.npz`` (weights) and ``<name>.json`` (the
encoder it was trained with, the feature names, per-task classes and thresholds chosen on the
dev split for precision first, the training data's hash and dev scores). Thresholds turn
probabilities into tags; every tag carries its probability as ``score`` (source ``model``).

``python -m callcoach.training.train`` writes the shipped model; ``callcoach learn`` writes a
team's. A model is used only with the encoder it was trained with (:meth:`TagModel.fits`);
otherwise tagging falls back to the rule and example stages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from callcoach.call import Tag
from callcoach.tagging.base import TaggingContext, sentence_tag
from callcoach.tagging.features import (  # noqa: F401 (the names training and tests use)
    NGRAM_BITS,
    OBJECTION_TYPES,
    RULE_FEATURES,
    SPIN_STAGES,
    TRACKERS,
    Features,
    Item,
    features,
)
from callcoach.tagging.heads import Head, SequenceHead, TagModel  # noqa: F401


@dataclass(frozen=True, slots=True)
class Prediction:
    """The tags of one sentence, each ``(label, probability)``."""

    question: tuple[str, float] | None
    objection: tuple[str, float] | None
    spin: tuple[str, float] | None
    trackers: tuple[tuple[str, float], ...]


def predict(model: TagModel, items: Sequence[Item], x: Features, calls: list[np.ndarray] | None = None,
            probs: dict[str, np.ndarray] | None = None) -> list[Prediction]:
    """Turn the model's probabilities (``probs``, else computed) into tags with its thresholds.
    ``calls``: the row indices of each call in ``x`` (default: all rows are one call)."""
    if not items:
        return []
    probs = model.probabilities(x, calls) if probs is None else probs
    th = model.thresholds
    pq, po, ps, pt = (probs[t] for t in ("question", "objection", "spin", "trackers"))
    cq, co, cs, ct = (model.classes(t) for t in ("question", "objection", "spin", "trackers"))
    out: list[Prediction] = []
    for i, it in enumerate(items):
        q = o = s = None
        p_q = float(1.0 - pq[i, 0])
        if p_q >= th["question"]["question"]:
            q = (cq[1 + int(np.argmax(pq[i, 1:]))], p_q)
        if it.role != "rep":
            p_o = float(1.0 - po[i, 0])
            if p_o >= th["objection"]["objection"]:
                o = (co[1 + int(np.argmax(po[i, 1:]))], p_o)
        if it.role != "customer" and q is not None:
            p_s = float(1.0 - ps[i, 0])
            if p_s >= th["spin"]["spin"]:
                s = (cs[1 + int(np.argmax(ps[i, 1:]))], p_s)
        tr = tuple((c, float(pt[i, j])) for j, c in enumerate(ct) if pt[i, j] >= th["trackers"][c])
        out.append(Prediction(q, o, s, tr))
    return out


_SHIPPED = Path(__file__).with_name("models") / "sales-tags.json"


def shipped_model_path() -> Path:
    return _SHIPPED


def load_model(path: str | Path | None = None) -> TagModel | None:
    """The shipped model (or ``path``), loaded once per process; None when absent."""
    from callcoach.models import cached

    p = Path(path) if path else _SHIPPED
    if not p.with_suffix(".json").is_file():
        return None
    return cached(("tag-model", str(p.resolve())), lambda: TagModel.load(p))


class ClassifierStage:
    """Tags questions, objections, SPIN stages and the built-in trackers with a :class:`TagModel`,
    and the call's outcome (one ``outcome.*`` tag) where the model has an outcome head."""

    name = "classifier"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("question.", "objection.", "spin.", "tracker.", "outcome.")

    def __init__(self, model: TagModel) -> None:
        self.model = model

    def predict(self, ctx: TaggingContext) -> list[Tag]:
        sents = ctx.sentences
        if not sents:
            return []
        items = [Item(s.speaker, s.role, s.text) for s in sents]
        parses = ctx.parses if ctx.parser is not None else None
        x = features(items, ctx.layer_features(self.model.layers), parses)
        probs = self.model.probabilities(x)
        tags: list[Tag] = []
        for s, p in zip(sents, predict(self.model, items, x, probs=probs)):
            if p.question:
                tags.append(sentence_tag(s, f"question.{p.question[0]}", p.question[1], "model"))
            if p.objection:
                tags.append(sentence_tag(s, f"objection.{p.objection[0]}", p.objection[1], "model"))
            if p.spin:
                tags.append(sentence_tag(s, f"spin.{p.spin[0]}", p.spin[1], "model"))
            for label, prob in p.trackers:
                tags.append(sentence_tag(s, f"tracker.{label}", prob, "model"))
        if self.model.outcome is not None:
            from callcoach.tagging.outcome import anchor, call_features

            roles = [it.role for it in items]
            trackers = self.model.classes("trackers")
            row = call_features(roles, np.asarray(ctx.embeddings), probs, trackers)
            p = self.model.outcome.proba(Features(row[None, :], [np.zeros(0, np.int64)]))[0]
            k = int(np.argmax(p))
            kind = self.model.outcome.classes[k]
            tags.append(sentence_tag(sents[anchor(roles, probs, trackers, kind)], f"outcome.{kind}", float(p[k]), "model"))
        return tags
