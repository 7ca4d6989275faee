"""Train the shipped tag model: ``python -m callcoach.training.train``.

Reads ``data/sales-dialogue`` (train split: the written calls and their ASR-style copies) and
MRDA train (``../shared/data/text/mrda``, CC BY 4.0) for the question head, fits one small
network per task (seeded, one thread: the same data and seed give the same weights), chooses
each threshold on the dev split for precision first (:func:`choose_threshold`), and writes
``callcoach/tagging/models/sales-tags.{npz,json}`` with the data hash and dev scores.
The test split is never read here (``bench/tags.py --split test`` scores it, once).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from callcoach.tagging.classifier import OBJECTION_TYPES, SPIN_STAGES, TRACKERS, Head, TagModel, shipped_model_path
from callcoach.training.asrify import asr_copy
from callcoach.training.corpus import CallDoc, load_corpus
from callcoach.training.data import Dataset, EmbeddingCache, encode_all, mrda_dataset, split_of

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "data" / "sales-dialogue"
MRDA = REPO.parent / "shared" / "data" / "text" / "mrda"


@dataclass(frozen=True)
class FitOptions:
    """How a head is fitted."""

    hidden: int = 128  # 0 = linear
    epochs: int = 30
    lr: float = 2e-3
    weight_decay: float = 1e-4
    batch: int = 256
    seed: int = 13


def fit_head(x: np.ndarray, y: np.ndarray, classes: Sequence[str], kind: str, opts: FitOptions,
             weights: np.ndarray | None = None) -> Head:
    """Fit one head. ``y``: class indices (softmax) or a 0/1 matrix (sigmoid); rows < 0 skipped."""
    import torch

    torch.manual_seed(opts.seed)
    torch.set_num_threads(1)
    rng = np.random.RandomState(opts.seed)
    keep = (y >= 0) if y.ndim == 1 else (y >= 0).all(axis=1)
    x, y = x[keep], y[keep]
    w = np.ones(len(x), dtype=np.float32) if weights is None else weights[keep].astype(np.float32)
    xt = torch.from_numpy(np.ascontiguousarray(x, dtype=np.float32))
    yt = torch.from_numpy(y.astype(np.int64 if kind == "softmax" else np.float32))
    wt = torch.from_numpy(w)
    d, k = x.shape[1], len(classes)
    layers: list[torch.nn.Module] = [torch.nn.Linear(d, opts.hidden), torch.nn.ReLU(), torch.nn.Linear(opts.hidden, k)] if opts.hidden else [torch.nn.Linear(d, k)]
    net = torch.nn.Sequential(*layers)
    optim = torch.optim.AdamW(net.parameters(), lr=opts.lr, weight_decay=opts.weight_decay)
    for _ in range(opts.epochs):
        order = rng.permutation(len(x))
        for i in range(0, len(order), opts.batch):
            b = torch.from_numpy(order[i : i + opts.batch])
            logits = net(xt[b])
            if kind == "softmax":
                loss = (torch.nn.functional.cross_entropy(logits, yt[b], reduction="none") * wt[b]).mean()
            else:
                loss = (torch.nn.functional.binary_cross_entropy_with_logits(logits, yt[b], reduction="none").mean(1) * wt[b]).mean()
            optim.zero_grad()
            loss.backward()
            optim.step()
    ws: list[np.ndarray] = []
    for m in net:
        if isinstance(m, torch.nn.Linear):
            ws += [m.weight.detach().numpy().T.copy(), m.bias.detach().numpy().copy()]
    return Head(tuple(classes), kind, tuple(ws), {})


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


def hash_files(paths: Sequence[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def build(docs: Sequence[CallDoc], with_asr: bool) -> Dataset:
    ds = Dataset()
    for d in docs:
        ds.add_call(d)
        if with_asr:
            ds.add_call(asr_copy(d))
    return ds


def train_model(train: Dataset, dev: Dataset, encoder_name: str, dim: int, opts: FitOptions = FitOptions(),
                extra_question: Dataset | None = None, log: Callable[[str], None] = print,
                sample_weight: np.ndarray | None = None) -> TagModel:
    """Fit the four heads on ``train`` (+ ``extra_question`` for the question head), choose
    thresholds on ``dev``, return the model (without meta beyond scores)."""
    a = train.arrays()
    x = train.x
    w = sample_weight
    xq, yq, wq = x, a["question"], w
    if extra_question is not None and extra_question.x is not None and len(extra_question.items):
        xq = np.concatenate([x, extra_question.x])
        yq = np.concatenate([yq, extra_question.arrays()["question"]])
        # the corpus counts as much as the (larger) meeting data
        wq = np.concatenate([w if w is not None else np.ones(len(x)), np.full(len(extra_question.items), 0.5)])
    heads = {
        "question": fit_head(xq, yq, ("none", "open", "closed"), "softmax", opts, wq),
        "objection": fit_head(x, a["objection"], ("none",) + OBJECTION_TYPES, "softmax", opts, w),
        "spin": fit_head(x, a["spin"], ("none",) + SPIN_STAGES, "softmax", opts, w),
        "trackers": fit_head(x, a["trackers"], TRACKERS, "sigmoid", opts, w),
    }
    heads = calibrate(heads, dev)
    return TagModel(encoder_name, dim, heads, {})


MIN_PRECISION = {"question": 0.90, "objection": 0.90, "spin": 0.85, "trackers": 0.85}


def calibrate(heads: dict[str, Head], dev: Dataset) -> dict[str, Head]:
    """Thresholds on the dev split: precision first (:data:`MIN_PRECISION`), then F1."""
    a, x = dev.arrays(), dev.x
    out = {}
    pq = heads["question"].proba(x)
    out["question"] = _with(heads["question"], {"question": choose_threshold(1 - pq[:, 0], a["question"] > 0, MIN_PRECISION["question"])})
    po = heads["objection"].proba(x)
    m = a["objection"] >= 0
    correct = (a["objection"][m] > 0) & (np.argmax(po[m, 1:], axis=1) + 1 == a["objection"][m])
    out["objection"] = _with(heads["objection"], {"objection": choose_threshold(1 - po[m, 0], a["objection"][m] > 0, MIN_PRECISION["objection"], correct)})
    ps = heads["spin"].proba(x)
    m = a["spin"] >= 0
    correct = (a["spin"][m] > 0) & (np.argmax(ps[m, 1:], axis=1) + 1 == a["spin"][m])
    out["spin"] = _with(heads["spin"], {"spin": choose_threshold(1 - ps[m, 0], a["spin"][m] > 0, MIN_PRECISION["spin"], correct)})
    pt = heads["trackers"].proba(x)
    out["trackers"] = _with(heads["trackers"], {t: choose_threshold(pt[:, j], a["trackers"][:, j] > 0, MIN_PRECISION["trackers"]) for j, t in enumerate(TRACKERS)})
    return out


def _with(h: Head, thresholds: dict[str, float]) -> Head:
    return Head(h.classes, h.kind, h.weights, thresholds)


def background(ds: Dataset, emb: EmbeddingCache, n: int = 400) -> np.ndarray:
    """Embeddings of ``n`` ordinary written sentences of the train split (no tracker label,
    at least four words), evenly spaced: the negatives a team tracker learns against."""
    a = ds.arrays()
    pick = [i for i, it in enumerate(ds.items)
            if "#asr" not in ds.calls[a["call"][i]] and (a["trackers"][i] <= 0).all() and len(it.text.split()) >= 4]
    step = max(1, len(pick) // n)
    texts = [ds.items[i].text for i in pick[::step][:n]]
    return emb.encode(texts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m callcoach.training.train", description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--mrda", type=Path, default=MRDA, help="MRDA folder (train/ inside); question head only")
    ap.add_argument("--no-mrda", action="store_true")
    ap.add_argument("--out", type=Path, default=shipped_model_path())
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "callcoach")
    ap.add_argument("--hidden", type=int, default=FitOptions.hidden)
    ap.add_argument("--epochs", type=int, default=FitOptions.epochs)
    ap.add_argument("--seed", type=int, default=FitOptions.seed)
    args = ap.parse_args(argv)
    from callcoach.tagging.nlp import MiniLMEncoder, SpacyParser
    from callcoach.training.evaluate import evaluate, format_scores

    t0 = time.time()
    docs = load_corpus(args.corpus)
    train_docs = [d for d in docs if split_of(d.id) == "train"]
    dev_docs = [d for d in docs if split_of(d.id) == "dev"]
    encoder, parser = MiniLMEncoder(threads=0), SpacyParser()
    emb = EmbeddingCache(encoder, args.cache)
    train, dev = build(train_docs, True), build(dev_docs, True)
    for ds in (train, dev):
        encode_all(ds, emb, parser)
    extra = None
    mrda_files: list[Path] = []
    if not args.no_mrda and (args.mrda / "train").is_dir():
        extra = mrda_dataset(args.mrda / "train")
        mrda_files = sorted((args.mrda / "train").glob("*.txt"))
        encode_all(extra, emb, parser)
    print(f"encoded in {time.time() - t0:.0f} s: train {len(train.items)} sentences, dev {len(dev.items)}, "
          f"MRDA {len(extra.items) if extra else 0}", file=sys.stderr)
    opts = FitOptions(hidden=args.hidden, epochs=args.epochs, seed=args.seed)
    dim = int(emb.encode([train.items[0].text]).shape[1])
    model = train_model(train, dev, encoder.info.name, dim, opts, extra)
    scores = evaluate(model, dev)
    meta = {
        "name": "sales-tags",
        "trained_by": "python -m callcoach.training.train",
        "fit": opts.__dict__,
        "corpus_sha256": hash_files([p for p in (args.corpus / "calls").glob("*.txt") if split_of(p.stem) == "train"]),
        "mrda_sha256": hash_files(mrda_files) if mrda_files else None,
        "train": {"calls": len(train_docs), "sentences": sum(len(d.lines) for d in train_docs), "mrda_utterances": len(extra.items) if extra else 0},
        "dev_scores": scores,
    }
    model = TagModel(model.encoder, model.dim, model.heads, meta, background(train, emb))
    path = model.save(args.out)
    print(format_scores(scores))
    print(f"wrote {path} ({time.time() - t0:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
