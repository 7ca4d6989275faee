"""The trained heads of a tag model, run in numpy, and the model's files.

- :class:`Head`: one task's network over a sentence's dense row and n-grams (the question head).
- :class:`SequenceHead`: the objection, SPIN and tracker heads read the whole call: each
  sentence's row is projected, a bidirectional GRU runs over the call's sentences in order
  (what came before and after: a complaint in a churn call, the lead-in of an objection, the
  agreement that makes a next step), and per task a linear layer plus an n-gram bag gives the
  sentence's probabilities. A model trained with ``--members N`` averages N such networks
  trained from consecutive seeds (``more``).
- :class:`TagModel`: the heads, the encoder they were trained with, thresholds chosen on the dev
  split, the training data's hash and dev scores; ``<name>.npz`` (weights: float16, the large
  n-gram and projection tables int8 with a scale per column) + ``<name>.json``.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from callcoach.tagging.features import Features


@dataclass(frozen=True)
class Head:
    """One task's network: ``relu(x W1 + b1) W2 + b2`` (or ``x W + b`` without a hidden layer)
    plus the mean of the sentence's n-gram rows of ``ngram`` (a linear bag of words), then
    softmax over ``classes`` (``kind="softmax"``) or a sigmoid per class (``"sigmoid"``)."""

    classes: tuple[str, ...]
    kind: str
    weights: tuple[np.ndarray, ...]  # (W, b) or (W1, b1, W2, b2)
    ngram: np.ndarray | None = None  # (2**NGRAM_BITS, len(classes))

    def proba(self, x: Features) -> np.ndarray:
        h = x.dense.astype(np.float32)
        ws = self.weights
        for k in range(0, len(ws), 2):
            h = h @ ws[k] + ws[k + 1]
            if k + 2 < len(ws):
                h = np.maximum(h, 0.0)
        return _activate(h + _bag(self.ngram, x, h.shape[1]), self.kind)


def _bag(table: np.ndarray | None, x: Features, k: int) -> np.ndarray:
    """The mean n-gram row of every sentence (zeros without a table)."""
    if table is None or not len(x):
        return np.zeros((len(x), k), dtype=np.float32)
    return np.stack([table[g].mean(axis=0) if len(g) else np.zeros(k, np.float32) for g in x.ngrams])


def _activate(h: np.ndarray, kind: str) -> np.ndarray:
    if kind == "sigmoid":
        return 1.0 / (1.0 + np.exp(-h))
    h = h - h.max(axis=1, keepdims=True)
    e = np.exp(h)
    return e / e.sum(axis=1, keepdims=True)


def _sigmoid(v: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-v))


def gru(x: np.ndarray, w_ih: np.ndarray, w_hh: np.ndarray, b_ih: np.ndarray, b_hh: np.ndarray, reverse: bool) -> np.ndarray:
    """One direction of a GRU over the rows of ``x`` (torch's gate order r, z, n)."""
    hidden = w_hh.shape[1]
    gates_x = x @ w_ih.T + b_ih
    out = np.zeros((len(x), hidden), dtype=np.float32)
    h = np.zeros(hidden, dtype=np.float32)
    steps = range(len(x) - 1, -1, -1) if reverse else range(len(x))
    for t in steps:
        gh = w_hh @ h + b_hh
        gx = gates_x[t]
        r = _sigmoid(gx[:hidden] + gh[:hidden])
        z = _sigmoid(gx[hidden : 2 * hidden] + gh[hidden : 2 * hidden])
        n = np.tanh(gx[2 * hidden :] + r * gh[2 * hidden :])
        h = (1.0 - z) * n + z * h
        out[t] = h
    return out


@dataclass(frozen=True)
class SequenceHead:
    """Objection, SPIN and tracker heads over a whole call (see the module docstring).

    ``w`` holds ``proj.W``/``proj.b`` (dense row -> 256, ReLU), the GRU's ``gru.{fwd,bwd}.{ih,hh,bih,bhh}``,
    and per task ``<task>.W``/``<task>.b`` over [projection, GRU forward, GRU backward] and the
    n-gram bag ``<task>.ngram``."""

    classes: dict[str, tuple[str, ...]]
    kinds: dict[str, str]
    w: dict[str, np.ndarray]
    more: tuple[dict[str, np.ndarray], ...] = ()  # further members of a seed ensemble (same shapes)

    def proba(self, x: Features, calls: list[np.ndarray]) -> dict[str, np.ndarray]:
        """Probabilities per task for every row of ``x``; ``calls`` are the row indices of each
        call in spoken order (the GRU never reads across calls). With ``more`` members (the
        same network trained from other seeds) their probabilities are averaged: one GRU's
        verdict on a sentence swings with its seed; the mean of three does not."""
        outs = [self._proba(w, x, calls) for w in (self.w, *self.more)]
        if len(outs) == 1:
            return outs[0]
        return {t: np.mean([o[t] for o in outs], axis=0).astype(np.float32) for t in outs[0]}

    def with_members(self, others: Sequence[SequenceHead]) -> SequenceHead:
        """This head with the weights of ``others`` as further members."""
        return SequenceHead(self.classes, self.kinds, self.w, tuple(self.more) + tuple(o.w for o in others))

    def _proba(self, w: dict[str, np.ndarray], x: Features, calls: list[np.ndarray]) -> dict[str, np.ndarray]:
        n = len(x)
        out = {t: np.zeros((n, len(c)), dtype=np.float32) for t, c in self.classes.items()}
        for rows in calls:
            if not len(rows):
                continue
            part = x.take(rows)
            p = np.maximum(part.dense.astype(np.float32) @ w["proj.W"] + w["proj.b"], 0.0)
            fwd = gru(p, w["gru.fwd.ih"], w["gru.fwd.hh"], w["gru.fwd.bih"], w["gru.fwd.bhh"], False)
            bwd = gru(p, w["gru.bwd.ih"], w["gru.bwd.hh"], w["gru.bwd.bih"], w["gru.bwd.bhh"], True)
            h = np.concatenate([p, fwd, bwd], axis=1)
            for t, kind in self.kinds.items():
                logits = h @ w[f"{t}.W"] + w[f"{t}.b"] + _bag(w.get(f"{t}.ngram"), part, len(self.classes[t]))
                out[t][rows] = _activate(logits, kind)
        return out


@dataclass(frozen=True)
class TagModel:
    """The heads of one trained tag model, their thresholds and what they were trained with."""

    encoder: str  # the encoder's model name ("all-MiniLM-L6-v2")
    dim: int
    heads: dict[str, Head]  # per-sentence heads ("question"; "objection", "spin", "trackers" beside the sequence's)
    sequence: SequenceHead | None  # call-level heads ("objection", "spin", "trackers")
    thresholds: dict[str, dict[str, float]]
    meta: dict
    background: np.ndarray | None = None  # ordinary sentences' embeddings: negatives for team trackers
    custom: dict[str, np.ndarray] = field(default_factory=dict)  # "tracker.x|positive" -> coach-marked sentences' embeddings
    outcome: Head | None = None  # call-level: advance / continuation / no_sale (callcoach.tagging.outcome)
    layers: tuple[int, ...] = ()  # encoder layers read side by side (nlp.MiniLMEncoder.encode_layers); () = the embedding
    memory: dict[str, np.ndarray] = field(default_factory=dict)  # family -> corrected sentences' embeddings (callcoach learn)

    @property
    def embed_dim(self) -> int:
        """The sentence embedding's width (the first block of a layered row)."""
        return self.dim // len(self.layers) if self.layers else self.dim

    def fits(self, encoder: object) -> bool:
        info = getattr(encoder, "info", None)
        layered_ok = not self.layers or hasattr(encoder, "encode_layers")
        return info is not None and getattr(info, "name", None) == self.encoder and layered_ok

    def classes(self, task: str) -> tuple[str, ...]:
        if task in self.heads:
            return self.heads[task].classes
        assert self.sequence is not None
        return self.sequence.classes[task]

    def probabilities(self, x: Features, calls: list[np.ndarray] | None = None) -> dict[str, np.ndarray]:
        """Every task's probabilities; ``calls``: row indices per call (default: one call).

        The question probability is mixed with the question rules' verdict: ``mix * model +
        (1 - mix) * rule score`` (``thresholds["question"]["mix"]``, chosen on the dev split);
        the rules generalise across kinds of dialogue better than a head trained on two."""
        out = {t: h.proba(x) for t, h in self.heads.items()}
        mix = self.thresholds.get("question", {}).get("mix", 1.0)
        if self.sequence is not None:
            # the call-level heads and the per-sentence heads of the same task are averaged
            for t, p in self.sequence.proba(x, calls if calls is not None else [np.arange(len(x))]).items():
                out[t] = 0.5 * (out[t] + p) if t in out else p
        if "question" in out and mix < 1.0 and len(x):
            out["question"] = mix_rules(out["question"], x, self.dim, mix)
        if self.memory and len(x):
            self._remember(out, x)
        return out

    def _remember(self, out: dict[str, np.ndarray], x: Features) -> None:
        """A sentence this close (cosine of the sentence embeddings, :data:`MEMORY_SIMILARITY`) to
        one a coach corrected takes the coach's label for that family (``callcoach learn``): the
        corrections themselves and their near paraphrases tag as the coach said, whatever the
        call-level heads, which learn does not retrain, make of them."""
        emb = x.dense[:, : self.embed_dim].astype(np.float32)
        emb = emb / np.maximum(np.linalg.norm(emb, axis=1, keepdims=True), 1e-9)
        values = self.meta.get("memory", {})
        for family, mem in self.memory.items():
            if family not in out or not len(mem):
                continue
            m = mem / np.maximum(np.linalg.norm(mem, axis=1, keepdims=True), 1e-9)
            sims = emb @ m.T
            best = np.argmax(sims, axis=1)
            for i in np.flatnonzero(sims[np.arange(len(emb)), best] >= MEMORY_SIMILARITY):
                value = values[family][int(best[i])]
                row = out[family][i].copy()
                if isinstance(value, dict):  # trackers: {name: 0 or 1}
                    for name, v in value.items():
                        if name in self.classes(family):
                            row[self.classes(family).index(name)] = float(v)
                else:  # softmax families: the class index (0: none)
                    row[:] = 0.0
                    row[int(value)] = 1.0
                out[family][i] = row

    def with_(self, **changes: object) -> TagModel:
        from dataclasses import replace

        return replace(self, **changes)

    @classmethod
    def load(cls, path: str | Path) -> TagModel:
        """``path`` is the ``.json`` (or the stem); its ``.npz`` lies beside it."""
        path = Path(path)
        meta_path = path if path.suffix == ".json" else path.with_suffix(".json")
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        with np.load(meta_path.with_suffix(".npz")) as z:
            raw = {k: z[k] for k in z.files}
        arrays = {k: (v.astype(np.float32) * raw[k + SCALE] if v.dtype == np.int8 else v.astype(np.float32))
                  for k, v in raw.items() if not k.endswith(SCALE)}
        heads = {}
        for task, spec in meta["heads"].items():
            ws = tuple(arrays[f"{task}.{k}"] for k in range(spec["layers"]))
            heads[task] = Head(tuple(spec["classes"]), spec["kind"], ws, arrays.get(f"{task}.ngram"))
        seq = None
        if meta.get("sequence"):
            spec = meta["sequence"]
            members = sorted({k.split(".", 1)[0] for k in arrays if k.startswith("seq@")}, key=lambda m: int(m[4:]))
            seq = SequenceHead({t: tuple(v["classes"]) for t, v in spec.items()}, {t: v["kind"] for t, v in spec.items()},
                               {k[4:]: v for k, v in arrays.items() if k.startswith("seq.")},
                               tuple({k[len(m) + 1 :]: v for k, v in arrays.items() if k.startswith(m + ".")} for m in members))
        custom = {k[len("custom."):]: v for k, v in arrays.items() if k.startswith("custom.")}
        memory = {k[len("memory."):]: v for k, v in arrays.items() if k.startswith("memory.")}
        outcome = None
        if meta.get("outcome"):
            outcome = Head(tuple(meta["outcome"]["classes"]), "softmax", (arrays["outcome.W"], arrays["outcome.b"]))
        return cls(meta["encoder"], int(meta["dim"]), heads, seq, meta["thresholds"], meta, arrays.get("background"), custom, outcome,
                   tuple(int(k) for k in meta.get("layers") or ()), memory)

    def save(self, path: str | Path) -> Path:
        """Write ``<path>.npz`` and ``<path>.json`` atomically; weights as float16."""
        from callcoach.output import atomic_write_bytes, atomic_write_text

        path = Path(path).with_suffix(".json")
        arrays: dict[str, np.ndarray] = {}
        for task, h in self.heads.items():
            for k, w in enumerate(h.weights):
                arrays[f"{task}.{k}"] = w
            if h.ngram is not None:
                arrays[f"{task}.ngram"] = h.ngram
        if self.sequence is not None:
            arrays.update({f"seq.{k}": v for k, v in self.sequence.w.items()})
            for m, w in enumerate(self.sequence.more, start=1):
                arrays.update({f"seq@{m}.{k}": v for k, v in w.items()})
        if self.background is not None:
            arrays["background"] = self.background
        arrays.update({f"custom.{k}": v for k, v in self.custom.items()})
        arrays.update({f"memory.{k}": v for k, v in self.memory.items()})
        if self.outcome is not None:
            arrays["outcome.W"], arrays["outcome.b"] = self.outcome.weights
        meta = dict(self.meta, encoder=self.encoder, dim=self.dim, thresholds=self.thresholds, layers=list(self.layers),
                    heads={t: {"classes": list(h.classes), "kind": h.kind, "layers": len(h.weights)} for t, h in self.heads.items()},
                    sequence={t: {"classes": list(c), "kind": self.sequence.kinds[t]} for t, c in self.sequence.classes.items()}
                    if self.sequence else None,
                    outcome={"classes": list(self.outcome.classes)} if self.outcome else None)
        stored: dict[str, np.ndarray] = {}
        for k, v in sorted(arrays.items()):
            if is_int8(k):
                stored[k], stored[k + SCALE] = quantize(v)
            else:
                stored[k] = np.asarray(v, dtype=np.float16)
        buf = io.BytesIO()
        np.savez_compressed(buf, **stored)
        atomic_write_bytes(path.with_suffix(".npz"), buf.getvalue())
        atomic_write_text(path, json.dumps(meta, indent=1, sort_keys=True) + "\n")
        return path


def mix_rules(pq: np.ndarray, x: Features, dim: int, mix: float) -> np.ndarray:
    """[none, open, closed] with P(question) = mix * model + (1 - mix) * rules (open/closed
    split as the model splits them)."""
    from callcoach.tagging.features import RULE_FEATURES

    base = 2 * dim
    rule = x.dense[:, base + RULE_FEATURES.index("q.is")] * x.dense[:, base + RULE_FEATURES.index("q.score")]
    p = mix * (1.0 - pq[:, 0]) + (1.0 - mix) * rule
    kinds = pq[:, 1:] / np.maximum(pq[:, 1:].sum(axis=1, keepdims=True), 1e-9)
    return np.concatenate([(1.0 - p)[:, None], p[:, None] * kinds], axis=1).astype(np.float32)


def half(a: np.ndarray) -> np.ndarray:
    """``a`` as it will be after saving (float16) and loading (float32)."""
    return np.asarray(a, dtype=np.float16).astype(np.float32)


SCALE = ".scale"  # beside an int8 array in the .npz: its per-column scale
MEMORY_SIMILARITY = 0.8  # cosine from which a sentence counts as a coach-corrected one (a near paraphrase)


def is_int8(name: str) -> bool:
    """The large tables stored as int8 with a scale per column: the n-gram bags, the sequence
    heads' input projection and GRU input weights, and the background sentences (most of the
    file; their rounding costs nothing measurable on the dev split)."""
    return name.endswith((".ngram", "proj.W", ".ih")) or name == "background"


def quantize(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``a`` (2-d) as int8 and a float32 scale per column: ``a ≈ q * scale``."""
    a = np.asarray(a, dtype=np.float32)
    scale = (np.abs(a).max(axis=0) / 127.0).astype(np.float32)
    scale[scale == 0] = 1.0
    return np.clip(np.rint(a / scale), -127, 127).astype(np.int8), scale


def int8_round(a: np.ndarray) -> np.ndarray:
    """``a`` as it will be after saving (:func:`quantize`) and loading."""
    q, scale = quantize(a)
    return q.astype(np.float32) * scale
