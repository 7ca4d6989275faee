"""Training examples: the corpus (and MRDA questions) as feature rows and label arrays.

A :class:`Dataset` holds, for a list of calls, every sentence's :class:`Item` and labels as
integer arrays (question 0 none / 1 open / 2 closed; objection 0 none / 1.. the types, -1 where
the sentence is not a customer's; SPIN 0 none / 1.. the stages, -1 unless a seller question;
trackers a 0/1 matrix; the call's outcome per sentence's call). :func:`encode_all` turns them
into features with an encoder and parser, caching embeddings on disk by text.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from callcoach.tagging.classifier import OBJECTION_TYPES, SPIN_STAGES, TRACKERS, Features, Item, features
from callcoach.training.corpus import OUTCOMES, CallDoc

SPLITS = ("train", "dev", "test")


def split_of(call_id: str) -> str:
    """The fixed split of a call: 70 % train, 15 % dev, 15 % test, by a hash of its id."""
    h = zlib.crc32(call_id.split("#")[0].encode()) % 20
    return "train" if h < 14 else ("dev" if h < 17 else "test")


@dataclass
class Dataset:
    items: list[Item] = field(default_factory=list)
    call_index: list[int] = field(default_factory=list)  # which call each sentence belongs to
    calls: list[str] = field(default_factory=list)
    question: list[int] = field(default_factory=list)
    objection: list[int] = field(default_factory=list)
    spin: list[int] = field(default_factory=list)
    trackers: list[list[int]] = field(default_factory=list)
    outcome: list[int] = field(default_factory=list)  # per call
    parses: list | None = None
    x: Features | None = None

    def add_call(self, doc: CallDoc) -> None:
        c = len(self.calls)
        self.calls.append(doc.id)
        self.outcome.append(OUTCOMES.index(doc.header["outcome"]))
        for ln in doc.lines:
            lab = ln.labels
            self.items.append(Item(ln.speaker, ln.side, ln.text))
            self.call_index.append(c)
            self.question.append({None: 0, "open": 1, "closed": 2}[lab.question])
            self.objection.append(-1 if ln.side != "customer" else (0 if lab.objection is None else 1 + OBJECTION_TYPES.index(lab.objection)))
            seller_q = ln.side == "rep" and lab.question is not None
            self.spin.append(-1 if not seller_q else (0 if lab.spin is None else 1 + SPIN_STAGES.index(lab.spin)))
            self.trackers.append([int(t in lab.trackers) for t in TRACKERS])

    def add_masked(self, call_id: str, items: Sequence[Item], labels: dict[int, dict[str, object]]) -> None:
        """A call whose sentences are labelled only where ``labels`` says (row -> {task: value});
        every other task and row is masked (-1): coach corrections, one family at a time."""
        c = len(self.calls)
        self.calls.append(call_id)
        self.outcome.append(-1)
        for i, it in enumerate(items):
            lab = labels.get(i, {})
            self.items.append(it)
            self.call_index.append(c)
            self.question.append(int(lab.get("question", -1)))  # type: ignore[arg-type]
            self.objection.append(int(lab.get("objection", -1)))  # type: ignore[arg-type]
            self.spin.append(int(lab.get("spin", -1)))  # type: ignore[arg-type]
            tr = lab.get("trackers", {})
            self.trackers.append([int(tr.get(t, -1)) for t in TRACKERS])  # type: ignore[union-attr]

    def joined(self, other: Dataset) -> Dataset:
        """This dataset followed by ``other`` (features too, when both have them)."""
        out = Dataset(self.items + other.items, self.call_index + [c + len(self.calls) for c in other.call_index],
                      self.calls + other.calls, self.question + other.question, self.objection + other.objection,
                      self.spin + other.spin, self.trackers + other.trackers, self.outcome + other.outcome)
        if self.x is not None and other.x is not None:
            out.x = Features.concat([self.x, other.x])
        return out

    def call_rows(self) -> list[np.ndarray]:
        """The row indices of each call, in spoken order."""
        idx = np.asarray(self.call_index, dtype=np.int64)
        order = np.argsort(idx, kind="stable")
        bounds = np.searchsorted(idx[order], np.arange(len(self.calls) + 1))
        return [order[bounds[c] : bounds[c + 1]] for c in range(len(self.calls))]

    def arrays(self) -> dict[str, np.ndarray]:
        return {
            "question": np.array(self.question, dtype=np.int64),
            "objection": np.array(self.objection, dtype=np.int64),
            "spin": np.array(self.spin, dtype=np.int64),
            "trackers": np.array(self.trackers, dtype=np.int64).reshape(-1, len(TRACKERS)),
            "call": np.array(self.call_index, dtype=np.int64),
        }


def _cache_file(cache: Path, encoder_key: str) -> Path:
    return cache / f"train-emb-{hashlib.sha256(encoder_key.encode()).hexdigest()[:16]}.npz"


class EmbeddingCache:
    """Sentence embeddings by text, kept on disk between training runs (never shipped)."""

    def __init__(self, encoder: object, cache: Path | None) -> None:
        self.encoder = encoder
        self.path = _cache_file(cache, getattr(encoder, "cache_key", getattr(encoder, "name", "enc"))) if cache else None
        self.table: dict[str, np.ndarray] = {}
        if self.path and self.path.is_file():
            z = np.load(self.path, allow_pickle=False)
            for t, v in zip(z["texts"].tolist(), z["vecs"]):
                self.table[t] = v

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        todo = sorted({t for t in texts if t not in self.table})
        if todo:
            vecs = self.encoder.encode(todo)
            for t, v in zip(todo, vecs):
                self.table[t] = v.astype(np.float32)
            if self.path:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                keys = sorted(self.table)
                tmp = self.path.with_suffix(".tmp.npz")
                np.savez(tmp, texts=np.array(keys), vecs=np.stack([self.table[k] for k in keys]))
                tmp.replace(self.path)
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        return np.stack([self.table[t] for t in texts])


def encode_all(ds: Dataset, emb: EmbeddingCache, parser: object | None) -> Features:
    """Feature rows for every sentence, call by call (context never crosses calls)."""
    rows = []
    idx = np.array(ds.call_index)
    vecs = emb.encode([it.text for it in ds.items])
    parses = parser.parse([it.text for it in ds.items]) if parser is not None else None
    for c in range(len(ds.calls)):
        sel = np.flatnonzero(idx == c)
        if not len(sel):
            continue
        items = [ds.items[i] for i in sel]
        p = [parses[i] for i in sel] if parses is not None else None
        rows.append(features(items, vecs[sel], p))
    ds.x = Features.concat(rows) if rows else Features(np.zeros((0, 0), dtype=np.float32), [])
    return ds.x


def mrda_dataset(folder: Path, keep: Callable[[int], bool] | None = None) -> Dataset:
    """MRDA meetings as question-only examples (general tags qy qw qo qr qrr = question;
    qh rhetorical and everything else = not). Roles are unknown in a meeting. ``keep``: which
    meetings (by index in name order) to read."""
    ds = Dataset()
    files = [f for i, f in enumerate(sorted(folder.glob("*.txt"))) if keep is None or keep(i)]
    for f in files:
        items, qs = [], []
        for line in f.read_text(encoding="utf-8").splitlines():
            parts = line.split("|")
            if len(parts) < 5 or not parts[1].strip():
                continue
            text = parts[1].strip()
            general = parts[3]
            q = mrda_question(general)
            items.append(Item(parts[0], "unknown", text))
            qs.append(q)
        ds.add_masked(f.stem, items, {i: {"question": q} for i, q in enumerate(qs)})
    return ds


MRDA_OPEN = frozenset({"qw", "qo"})
MRDA_QUESTION = frozenset({"qy", "qw", "qo", "qr", "qrr"})


def mrda_question(general: str) -> int:
    """0 none, 1 open, 2 closed from an MRDA general tag."""
    g = general.split("^")[0]
    if g not in MRDA_QUESTION:
        return 0
    return 1 if g in MRDA_OPEN else 2
