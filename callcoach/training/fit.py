"""Fitting a tag model's heads (torch, seeded, one thread) and choosing its thresholds.

- :func:`fit_head`: the per-sentence question head (a one-hidden-layer network + n-gram bag).
- :func:`fit_sequence`: the call-level objection / SPIN / tracker heads (projection, a
  bidirectional GRU over the call's sentences, per task a linear layer + n-gram bag), trained
  call by call on the tasks each sentence is labelled for (-1 = not labelled: masked out).
- :func:`calibrate`: thresholds on the dev split, precision first (:data:`MIN_PRECISION`).

Weights come back rounded to float16, as they ship, so thresholds are chosen for the weights
that are saved. The same data, options and thread count give the same weights.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

import numpy as np

from callcoach.tagging.features import NGRAM_BITS, OBJECTION_TYPES, SPIN_STAGES, TRACKERS, Features
from callcoach.tagging.heads import Head, SequenceHead, TagModel, half, int8_round, is_int8
from callcoach.training.data import Dataset

SEQUENCE_TASKS = {"objection": (("none",) + OBJECTION_TYPES, "softmax"), "spin": (("none",) + SPIN_STAGES, "softmax"),
                  "trackers": (TRACKERS, "sigmoid")}
MIN_PRECISION = {"question": 0.90, "objection": 0.85, "spin": 0.80, "trackers": 0.80}


@dataclass(frozen=True)
class FitOptions:
    """How the heads are fitted (the defaults are the shipped model's)."""

    hidden: int = 0  # question head's hidden layer (0 = linear)
    epochs: int = 20  # question head
    lr: float = 1e-2
    batch: int = 64
    weight_decay: float = 1e-4
    seq_hidden: int = 128  # GRU units per direction
    seq_proj: int = 256
    seq_epochs: int = 15
    seq_lr: float = 2e-3
    dropout: float = 0.4
    seed: int = 13
    members: int = 3  # sequence heads trained from seeds seed, seed+1, ... and averaged (--members)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def _seed(seed: int) -> np.random.RandomState:
    import torch

    torch.manual_seed(seed)
    torch.set_num_threads(1)
    return np.random.RandomState(seed)


def _offsets(ngrams: Sequence[np.ndarray], rows: Sequence[int]) -> tuple[object, object]:
    import torch

    parts = [ngrams[r] for r in rows]
    ids = torch.from_numpy(np.concatenate(parts) if parts else np.zeros(0, np.int64))
    offs = torch.from_numpy(np.concatenate([[0], np.cumsum([len(p) for p in parts])[:-1]]).astype(np.int64))
    return ids, offs


def fit_head(feats: Features, y: np.ndarray, classes: Sequence[str], kind: str, opts: FitOptions,
             weights: np.ndarray | None = None) -> Head:
    """Fit a per-sentence head. ``y``: class indices (softmax; rows < 0 skipped) or a 0/1
    matrix (sigmoid; entries < 0 masked out)."""
    import torch
    import torch.nn.functional as F

    rng = _seed(opts.seed)
    keep = np.flatnonzero(y >= 0 if y.ndim == 1 else (y >= 0).any(axis=1))
    feats, y = feats.take(keep), y[keep]
    w = torch.from_numpy((np.ones(len(y)) if weights is None else weights[keep]).astype(np.float32))
    xt = torch.from_numpy(np.ascontiguousarray(feats.dense, dtype=np.float32))
    yt = torch.from_numpy(y.astype(np.int64 if kind == "softmax" else np.float32))
    d, k = xt.shape[1], len(classes)
    layers = [torch.nn.Linear(d, opts.hidden), torch.nn.ReLU(), torch.nn.Linear(opts.hidden, k)] if opts.hidden else [torch.nn.Linear(d, k)]
    net = torch.nn.Sequential(*layers)
    bag = torch.nn.EmbeddingBag(1 << NGRAM_BITS, k, mode="mean")
    torch.nn.init.zeros_(bag.weight)
    optim = torch.optim.AdamW(list(net.parameters()) + list(bag.parameters()), lr=opts.lr, weight_decay=opts.weight_decay)
    for _ in range(opts.epochs):
        order = rng.permutation(len(y))
        for i in range(0, len(order), opts.batch):
            rows = order[i : i + opts.batch]
            b = torch.from_numpy(rows)
            logits = net(xt[b]) + bag(*_offsets(feats.ngrams, rows))
            if kind == "softmax":
                loss = (F.cross_entropy(logits, yt[b], reduction="none") * w[b]).mean()
            else:
                known = (yt[b] >= 0).float()
                bce = F.binary_cross_entropy_with_logits(logits, yt[b].clamp(min=0), reduction="none")
                loss = ((bce * known).sum(1) / known.sum(1).clamp(min=1) * w[b]).mean()
            optim.zero_grad()
            loss.backward()
            optim.step()
    ws = [half(a) for m in net if isinstance(m, torch.nn.Linear) for a in (m.weight.detach().numpy().T, m.bias.detach().numpy())]
    return Head(tuple(classes), kind, tuple(ws), int8_round(bag.weight.detach().numpy()))


def fit_sentence_heads(train: Dataset, opts: FitOptions, weights: np.ndarray | None = None) -> dict[str, Head]:
    """Per-sentence objection, SPIN and tracker heads (linear + n-gram bag), averaged with the
    sequence heads at tagging time (:meth:`TagModel.probabilities`)."""
    assert train.x is not None
    a = train.arrays()
    linear = FitOptions(**{**opts.to_dict(), "hidden": 0})
    return {t: fit_head(train.x, a[t], classes, kind, linear, weights) for t, (classes, kind) in SEQUENCE_TASKS.items()}


def fit_sequence(train: Dataset, opts: FitOptions, weights: np.ndarray | None = None, init: SequenceHead | None = None,
                 epochs: int | None = None, log: Callable[[str], None] = lambda s: None) -> SequenceHead:
    """Fit the call-level heads on ``train`` (its calls in order), optionally from ``init``."""
    import torch
    import torch.nn.functional as F

    rng = _seed(opts.seed)
    assert train.x is not None
    a = train.arrays()
    dense = torch.from_numpy(np.ascontiguousarray(train.x.dense, dtype=np.float32))
    calls = [r for r in train.call_rows() if len(r)]
    w_all = torch.from_numpy((np.ones(len(train.items)) if weights is None else weights).astype(np.float32))
    net = _SequenceNet(dense.shape[1], opts)
    if init is not None:
        net.load(init)
    optim = torch.optim.AdamW(net.parameters(), lr=opts.seq_lr, weight_decay=opts.weight_decay)
    ys = {t: torch.from_numpy(a[t]) for t in SEQUENCE_TASKS}
    n_epochs = opts.seq_epochs if epochs is None else epochs
    for epoch in range(n_epochs):
        net.train()
        total = 0.0
        for ci in rng.permutation(len(calls)):
            rows = calls[ci]
            b = torch.from_numpy(rows)
            out = net(dense[b], *_offsets(train.x.ngrams, rows))
            loss = torch.zeros(())
            for t, (_, kind) in SEQUENCE_TASKS.items():
                y, wb = ys[t][b], w_all[b]
                if kind == "sigmoid":
                    known = (y >= 0).float()
                    bce = F.binary_cross_entropy_with_logits(out[t], y.clamp(min=0).float(), reduction="none")
                    loss = loss + (bce * known * wb[:, None]).sum() / known.sum().clamp(min=1)
                else:
                    keep = y >= 0
                    if keep.any():
                        loss = loss + (F.cross_entropy(out[t][keep], y[keep], reduction="none") * wb[keep]).sum() / keep.sum()
            optim.zero_grad()
            loss.backward()
            optim.step()
            total += float(loss.detach())
        if (epoch + 1) % 10 == 0 or epoch + 1 == n_epochs:
            log(f"sequence heads: epoch {epoch + 1}/{n_epochs}, loss {total / max(len(calls), 1):.4f}")
    return net.export()


def fit_sequences(train: Dataset, opts: FitOptions, log: Callable[[str], None] = lambda s: None) -> SequenceHead:
    """:data:`FitOptions.members` sequence heads, from seeds ``seed``, ``seed + 1`` ..., as one
    averaging :class:`SequenceHead` (a GRU's tags swing with its seed; their mean does not)."""
    from dataclasses import replace

    heads = []
    for m in range(max(1, opts.members)):
        log(f"sequence heads: member {m + 1} of {max(1, opts.members)} (seed {opts.seed + m})")
        heads.append(fit_sequence(train, replace(opts, seed=opts.seed + m), log=log))
    return heads[0].with_members(heads[1:])


class _SequenceNet:
    """The torch twin of :class:`SequenceHead` (built lazily so this module imports without torch)."""

    def __new__(cls, d_in: int, opts: FitOptions):  # type: ignore[misc]
        import torch

        class Net(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.proj = torch.nn.Linear(d_in, opts.seq_proj)
                self.gru = torch.nn.GRU(opts.seq_proj, opts.seq_hidden, batch_first=True, bidirectional=True)
                width = opts.seq_proj + 2 * opts.seq_hidden
                self.heads = torch.nn.ModuleDict({t: torch.nn.Linear(width, len(c)) for t, (c, _) in SEQUENCE_TASKS.items()})
                self.bags = torch.nn.ModuleDict({t: torch.nn.EmbeddingBag(1 << NGRAM_BITS, len(c), mode="mean") for t, (c, _) in SEQUENCE_TASKS.items()})
                for bag in self.bags.values():
                    torch.nn.init.zeros_(bag.weight)
                self.drop = torch.nn.Dropout(opts.dropout)

            def forward(self, x, ids, offs):  # type: ignore[no-untyped-def]
                p = torch.relu(self.proj(self.drop(x)))
                h, _ = self.gru(p.unsqueeze(0))
                h = self.drop(torch.cat([p, h[0]], dim=1))
                return {t: self.heads[t](h) + self.bags[t](ids, offs) for t in SEQUENCE_TASKS}

            def _pairs(self) -> list[tuple[str, object]]:
                g = self.gru
                pairs = [("proj.W", (self.proj.weight, True)), ("proj.b", (self.proj.bias, False))]
                for d, suf in (("fwd", ""), ("bwd", "_reverse")):
                    pairs += [(f"gru.{d}.ih", (getattr(g, f"weight_ih_l0{suf}"), False)), (f"gru.{d}.hh", (getattr(g, f"weight_hh_l0{suf}"), False)),
                              (f"gru.{d}.bih", (getattr(g, f"bias_ih_l0{suf}"), False)), (f"gru.{d}.bhh", (getattr(g, f"bias_hh_l0{suf}"), False))]
                for t in SEQUENCE_TASKS:
                    pairs += [(f"{t}.W", (self.heads[t].weight, True)), (f"{t}.b", (self.heads[t].bias, False)),
                              (f"{t}.ngram", (self.bags[t].weight, False))]
                return pairs

            def export(self) -> SequenceHead:
                w = {}
                for name, (param, transpose) in self._pairs():
                    v = param.detach().numpy()
                    w[name] = (int8_round if is_int8(name) else half)(v.T if transpose else v)
                return SequenceHead({t: c for t, (c, _) in SEQUENCE_TASKS.items()}, {t: k for t, (_, k) in SEQUENCE_TASKS.items()}, w)

            def load(self, head: SequenceHead) -> None:
                with torch.no_grad():
                    for name, (param, transpose) in self._pairs():
                        v = head.w[name]
                        param.copy_(torch.from_numpy(np.ascontiguousarray(v.T if transpose else v)))

        return Net()


def outcome_rows(model: TagModel, ds: Dataset) -> tuple[np.ndarray, np.ndarray]:
    """Per labelled call of ``ds``: its :func:`~callcoach.tagging.outcome.call_features` row
    (from ``model``'s own probabilities) and its outcome index."""
    from callcoach.tagging.outcome import call_features

    assert ds.x is not None
    rows, ys = [], []
    probs = model.probabilities(ds.x, ds.call_rows())
    for c, idx in enumerate(ds.call_rows()):
        if ds.outcome[c] < 0 or not len(idx):
            continue
        roles = [ds.items[i].role for i in idx]
        rows.append(call_features(roles, ds.x.dense[idx, : model.embed_dim], {t: p[idx] for t, p in probs.items()}, model.classes("trackers")))
        ys.append(ds.outcome[c])
    return np.array(rows, dtype=np.float32), np.array(ys, dtype=np.int64)


def fit_outcome(model: TagModel, train: Dataset, opts: FitOptions) -> Head:
    """The call-outcome head: linear softmax over :func:`outcome_rows` of the train calls."""
    from callcoach.tagging.outcome import OUTCOMES

    x, y = outcome_rows(model, train)
    feats = Features(x, [np.zeros(0, np.int64) for _ in range(len(x))])
    head = fit_head(feats, y, OUTCOMES, "softmax", FitOptions(**{**opts.to_dict(), "hidden": 0, "epochs": 60, "batch": 16, "lr": 3e-3}))
    return Head(head.classes, head.kind, head.weights)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def choose_threshold(score: np.ndarray, gold: np.ndarray, min_precision: float, correct: np.ndarray | None = None) -> float:
    """The threshold with the best F1 among those whose precision reaches ``min_precision``
    (else the one with the best precision-weighted F0.5). ``correct``: where a positive
    prediction is also of the right type (multi-class), else ``gold``."""
    correct = gold if correct is None else correct
    best, best_t = (-1.0, -1.0), 0.5
    for t in np.round(np.arange(0.20, 0.96, 0.01), 2):
        pred = score >= t
        tp = int((pred & correct).sum())
        fp = int(pred.sum()) - tp
        fn = int(gold.sum()) - tp
        p, r, f = prf(tp, fp, fn)
        f05 = 1.25 * p * r / (0.25 * p + r) if p + r else 0.0
        key = (1.0, f) if p >= min_precision else (0.0, f05)
        if key > best:
            best, best_t = key, float(t)
    return best_t


MIXES = (1.0, 0.75, 0.5, 0.25)


def _question_mix(model: TagModel, dev: Dataset, a: dict[str, np.ndarray], other: Dataset | None = None) -> dict[str, float]:
    """The mix of model and rules (:meth:`TagModel.probabilities`) and the threshold with the
    best dev F1 (written and ASR-style copies together); with ``other`` (held-out dialogue of
    another kind: MRDA meetings) the best mean of the two F1s at one threshold, so the mix is
    chosen for carrying across kinds of dialogue, not for the sales corpus alone."""
    from callcoach.tagging.heads import mix_rules

    sets = [(dev, a["question"] > 0)] + ([(other, other.arrays()["question"] > 0)] if other is not None else [])
    best: tuple[float, float, float] = (-1.0, 1.0, 0.5)
    for mix in MIXES:
        scores = []
        for ds, gold in sets:
            assert ds.x is not None
            raw = model.heads["question"].proba(ds.x)
            pq = mix_rules(raw, ds.x, model.dim, mix) if mix < 1.0 else raw
            scores.append((1 - pq[:, 0], gold))
        t = choose_threshold(scores[0][0], scores[0][1], MIN_PRECISION["question"])
        f = float(np.mean([prf(*_counts(p >= t, g))[2] for p, g in scores]))
        if f > best[0] + 1e-9:
            best = (f, mix, t)
    return {"question": best[2], "mix": best[1]}


def _counts(pred: np.ndarray, gold: np.ndarray) -> tuple[int, int, int]:
    tp = int((pred & gold).sum())
    return tp, int(pred.sum()) - tp, int(gold.sum()) - tp


def calibrate(model: TagModel, dev: Dataset, question_dev: Dataset | None = None) -> dict[str, dict[str, float]]:
    """Thresholds on the dev split: precision first (:data:`MIN_PRECISION`), then F1.
    ``question_dev``: held-out dialogue of another kind for the question mix (:func:`_question_mix`)."""
    assert dev.x is not None
    a = dev.arrays()
    p = model.probabilities(dev.x, dev.call_rows())
    out = {"question": _question_mix(model, dev, a, question_dev)}
    for task in ("objection", "spin"):
        m = a[task] >= 0
        # a SPIN tag is only right with the right stage; an objection is worth flagging (the
        # stall moments, objection handling) even when its type is wrong, so its precision is
        # that of "an objection here" (the type's own accuracy is reported beside it)
        correct = (a[task][m] > 0) & (np.argmax(p[task][m, 1:], axis=1) + 1 == a[task][m]) if task == "spin" else None
        out[task] = {task: choose_threshold(1 - p[task][m, 0], a[task][m] > 0, MIN_PRECISION[task], correct)}
    pt = p["trackers"]
    out["trackers"] = {t: choose_threshold(pt[:, j], a["trackers"][:, j] > 0, MIN_PRECISION["trackers"]) for j, t in enumerate(TRACKERS)}
    return out
