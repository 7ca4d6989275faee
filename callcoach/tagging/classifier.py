"""Trained tag classifiers: questions, objections, SPIN stages and trackers from one feature row
per sentence, learned from the project's labelled sales dialogue (``data/sales-dialogue``).

A sentence's features (:func:`features`) are its sentence embedding, the embedding of the turn
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

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from callcoach.call import Tag
from callcoach.tagging.base import TaggingContext, Token, sentence_tag

QUESTION_RULES = ("backchannel", "rhetorical", "reported", "wh", "wh-late", "inversion", "inv-late", "request", "tag",
                  "declarative", "elliptical", "qmark", "fragment", "unanswered")
OBJECTION_TYPES = ("price", "timing", "authority", "need", "competitor", "trust", "fit")
SPIN_STAGES = ("situation", "problem", "implication", "need_payoff")
TRACKERS = ("pricing", "budget", "competitor", "next_step", "decision_process", "timeline")
KINDS = ("question", "marked", "plain", "short")

RULE_FEATURES: tuple[str, ...] = (
    ("qmark", "q.is", "q.open", "q.closed", "q.score")
    + tuple(f"q.rule.{r}" for r in QUESTION_RULES)
    + tuple(f"obj.cue.{t}" for t in OBJECTION_TYPES) + ("obj.cue.hedge",)
    + tuple(f"obj.kind.{k}" for k in KINDS)
    + tuple(f"spin.cue.{s}" for s in SPIN_STAGES)
    + tuple(f"tr.kw.{t}" for t in TRACKERS)
    + ("role.rep", "role.customer", "pos", "pos.end", "turn.first", "turn.last", "turn.len", "words",
       "ctx.none", "ctx.question")
)


@dataclass(frozen=True, slots=True)
class Item:
    """What the features need of one sentence: who said it, their side, the words."""

    speaker: str
    role: str  # "rep" | "customer" | anything else = unknown
    text: str


def turns_of(items: Sequence[Item]) -> list[int]:
    """Turn number of each sentence: a turn is a run of sentences by one speaker."""
    out, turn, prev = [], -1, None
    for it in items:
        if it.speaker != prev:
            turn, prev = turn + 1, it.speaker
        out.append(turn)
    return out


def context_rows(items: Sequence[Item]) -> list[tuple[int, ...]]:
    """For each sentence, the last (up to two) sentences of the turn before its own."""
    turns = turns_of(items)
    starts: dict[int, int] = {}
    for i, t in enumerate(turns):
        starts.setdefault(t, i)
    out = []
    for i, t in enumerate(turns):
        if t == 0:
            out.append(())
            continue
        end = starts[t]  # the previous turn ends just before this turn starts
        begin = starts[t - 1]
        out.append(tuple(range(max(begin, end - 2), end)))
    return out


def rule_features(items: Sequence[Item], parses: Sequence[Sequence[Token]] | None = None) -> np.ndarray:
    """The rule cues and position of every sentence, columns :data:`RULE_FEATURES`."""
    from callcoach.tagging import objections, questions, spin, trackers

    n = len(items)
    col = {name: j for j, name in enumerate(RULE_FEATURES)}
    out = np.zeros((n, len(RULE_FEATURES)), dtype=np.float32)
    parses = parses if parses is not None else [[] for _ in items]
    decisions = [questions.classify(it.text, toks or None) for it, toks in zip(items, parses)]
    decisions = questions.in_context([(it.speaker, it.text) for it in items], decisions)
    turns = turns_of(items)
    ctx = context_rows(items)
    for i, (it, d) in enumerate(zip(items, decisions)):
        row = out[i]
        text = it.text
        low = text.lower()
        row[col["qmark"]] = "?" in text
        row[col["q.is"]] = d.is_question
        if d.is_question and d.kind:
            row[col[f"q.{d.kind}"]] = 1.0
        row[col["q.score"]] = d.score
        rule = {"wh-late-last": "wh-late", "inv-late-last": "inv-late"}.get(d.rule, d.rule)
        if f"q.rule.{rule}" in col:
            row[col[f"q.rule.{rule}"]] = 1.0
        for _name, typ in objections.lexical_cues(text):
            row[col[f"obj.cue.{typ}" if typ else "obj.cue.hedge"]] = 1.0
        row[col[f"obj.kind.{objections.sentence_kind(text)}"]] = 1.0
        for stage in SPIN_STAGES[1:]:
            if spin.CUES[f"spin.{stage}"].search(low):
                row[col[f"spin.cue.{stage}"]] = 1.0
        if spin.SITUATION_CUE.search(low):
            row[col["spin.cue.situation"]] = 1.0
        for t in TRACKERS:
            if trackers.PATTERNS[f"tracker.{t}"].search(text):
                row[col[f"tr.kw.{t}"]] = 1.0
        if it.role in ("rep", "customer"):
            row[col[f"role.{it.role}"]] = 1.0
        row[col["pos"]] = i / max(n - 1, 1)
        row[col["pos.end"]] = 1.0 if i >= n - max(6, n // 8) else 0.0
        row[col["turn.first"]] = i == 0 or turns[i - 1] != turns[i]
        row[col["turn.last"]] = i == n - 1 or turns[i + 1] != turns[i]
        row[col["turn.len"]] = math.log1p(turns.count(turns[i])) / 3
        row[col["words"]] = math.log1p(len(re.findall(r"\w+", text))) / 4
        row[col["ctx.none"]] = not ctx[i]
        row[col["ctx.question"]] = any(decisions[j].is_question for j in ctx[i])
    return out


def features(items: Sequence[Item], embeddings: np.ndarray, parses: Sequence[Sequence[Token]] | None = None) -> np.ndarray:
    """One row per sentence: [embedding, context embedding, rule features]."""
    n, d = embeddings.shape[0], embeddings.shape[1] if embeddings.ndim == 2 else 0
    ctx_emb = np.zeros((n, d), dtype=np.float32)
    for i, rows in enumerate(context_rows(items)):
        if rows:
            ctx_emb[i] = embeddings[list(rows)].mean(axis=0)
    return np.concatenate([embeddings.astype(np.float32), ctx_emb, rule_features(items, parses)], axis=1)


@dataclass(frozen=True)
class Head:
    """One task's network: ``relu(x W1 + b1) W2 + b2`` (or ``x W + b`` without a hidden layer),
    then softmax over ``classes`` (``kind="softmax"``) or a sigmoid per class (``"sigmoid"``)."""

    classes: tuple[str, ...]
    kind: str
    weights: tuple[np.ndarray, ...]  # (W, b) or (W1, b1, W2, b2)
    thresholds: dict[str, float]

    def proba(self, x: np.ndarray) -> np.ndarray:
        h = x.astype(np.float32)
        ws = self.weights
        for k in range(0, len(ws), 2):
            h = h @ ws[k] + ws[k + 1]
            if k + 2 < len(ws):
                h = np.maximum(h, 0.0)
        if self.kind == "sigmoid":
            return 1.0 / (1.0 + np.exp(-h))
        h = h - h.max(axis=1, keepdims=True)
        e = np.exp(h)
        return e / e.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class TagModel:
    """The heads of one trained tag model and what they were trained with."""

    encoder: str  # the encoder's model name ("all-MiniLM-L6-v2")
    dim: int
    heads: dict[str, Head]
    meta: dict
    background: np.ndarray | None = None  # ordinary sentences' embeddings: negatives for team trackers

    def fits(self, encoder: object) -> bool:
        info = getattr(encoder, "info", None)
        return info is not None and getattr(info, "name", None) == self.encoder

    @classmethod
    def load(cls, path: str | Path) -> TagModel:
        """``path`` is the ``.json`` (or the stem); its ``.npz`` lies beside it."""
        path = Path(path)
        meta_path = path if path.suffix == ".json" else path.with_suffix(".json")
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        arrays = np.load(meta_path.with_suffix(".npz"))
        heads = {}
        for task, spec in meta["tasks"].items():
            ws = tuple(arrays[f"{task}.{k}"].astype(np.float32) for k in range(spec["layers"]))
            heads[task] = Head(tuple(spec["classes"]), spec["kind"], ws, dict(spec["thresholds"]))
        bg = arrays["background"].astype(np.float32) if "background" in arrays.files else None
        return cls(meta["encoder"], int(meta["dim"]), heads, meta, bg)

    def save(self, path: str | Path) -> Path:
        path = Path(path).with_suffix(".json")
        arrays = {f"{task}.{k}": w.astype(np.float32) for task, h in self.heads.items() for k, w in enumerate(h.weights)}
        if self.background is not None:
            arrays["background"] = self.background.astype(np.float16)
        meta = dict(self.meta, encoder=self.encoder, dim=self.dim, tasks={
            t: {"classes": list(h.classes), "kind": h.kind, "layers": len(h.weights), "thresholds": h.thresholds}
            for t, h in self.heads.items()})
        from callcoach.output import atomic_write_bytes, atomic_write_text
        import io

        buf = io.BytesIO()
        np.savez_compressed(buf, **arrays)
        atomic_write_bytes(path.with_suffix(".npz"), buf.getvalue())
        atomic_write_text(path, json.dumps(meta, indent=1, sort_keys=True) + "\n")
        return path


@dataclass(frozen=True, slots=True)
class Prediction:
    """The tags of one sentence, each ``(label, probability)``."""

    question: tuple[str, float] | None
    objection: tuple[str, float] | None
    spin: tuple[str, float] | None
    trackers: tuple[tuple[str, float], ...]


def predict(model: TagModel, items: Sequence[Item], x: np.ndarray) -> list[Prediction]:
    """Turn the heads' probabilities into tags with the model's thresholds."""
    n = len(items)
    out: list[Prediction] = []
    pq = model.heads["question"].proba(x) if n else np.zeros((0, 3))
    po = model.heads["objection"].proba(x) if n else None
    ps = model.heads["spin"].proba(x) if n else None
    pt = model.heads["trackers"].proba(x) if n else None
    hq, ho, hs, ht = (model.heads[k] for k in ("question", "objection", "spin", "trackers"))
    for i, it in enumerate(items):
        q = o = s = None
        p_q = float(1.0 - pq[i, 0])
        if p_q >= hq.thresholds["question"]:
            k = 1 + int(np.argmax(pq[i, 1:]))
            q = (hq.classes[k], p_q)
        if it.role != "rep":
            p_o = float(1.0 - po[i, 0])
            if p_o >= ho.thresholds["objection"]:
                o = (ho.classes[1 + int(np.argmax(po[i, 1:]))], p_o)
        if it.role != "customer" and q is not None:
            p_s = float(1.0 - ps[i, 0])
            if p_s >= hs.thresholds["spin"]:
                s = (hs.classes[1 + int(np.argmax(ps[i, 1:]))], p_s)
        tr = tuple((c, float(pt[i, j])) for j, c in enumerate(ht.classes) if pt[i, j] >= ht.thresholds[c])
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
    """Tags questions, objections, SPIN stages and the built-in trackers with a :class:`TagModel`."""

    name = "classifier"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("question.", "objection.", "spin.", "tracker.")

    def __init__(self, model: TagModel) -> None:
        self.model = model

    def predict(self, ctx: TaggingContext) -> list[Tag]:
        sents = ctx.sentences
        if not sents:
            return []
        items = [Item(s.speaker, s.role, s.text) for s in sents]
        parses = ctx.parses if ctx.parser is not None else None
        x = features(items, ctx.embeddings, parses)
        tags: list[Tag] = []
        for s, p in zip(sents, predict(self.model, items, x)):
            if p.question:
                tags.append(sentence_tag(s, f"question.{p.question[0]}", p.question[1], "model"))
            if p.objection:
                tags.append(sentence_tag(s, f"objection.{p.objection[0]}", p.objection[1], "model"))
            if p.spin:
                tags.append(sentence_tag(s, f"spin.{p.spin[0]}", p.spin[1], "model"))
            for label, prob in p.trackers:
                tags.append(sentence_tag(s, f"tracker.{label}", prob, "model"))
        return tags
