"""Train the shipped tag model: ``python -m callcoach.training.train``.

Reads ``data/sales-dialogue`` (the train split of :func:`~callcoach.training.corpus.split_files`:
the written calls and their ASR-style copies) and MRDA train (``../shared/data/text/mrda``, CC BY
4.0) for the question head, encodes each sentence with MiniLM's last layer and two lower ones
(:data:`LAYERS`), fits the heads (:mod:`callcoach.training.fit`: seeded, one thread, three
sequence heads averaged), chooses each threshold on the dev split for precision first, and writes
``callcoach/tagging/models/sales-tags.{npz,json}`` with the data's hashes, the options and the
dev scores. The held-out set ``test4/`` is never read here (``python -m bench.tags --split
test4`` scores it).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from callcoach.tagging.classifier import TagModel, shipped_model_path
from callcoach.training.asrify import asr_copy
from callcoach.training.corpus import CallDoc, split_calls, split_files
from callcoach.training.data import Dataset, EmbeddingCache, encode_all, mrda_dataset
from callcoach.training.fit import FitOptions, calibrate, fit_head, fit_outcome, fit_sentence_heads, fit_sequences

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "data" / "sales-dialogue"
MRDA = REPO.parent / "shared" / "data" / "text" / "mrda"
MRDA_WEIGHT = 0.5  # a meeting utterance counts half a sales-call sentence for the question head
LAYERS: tuple[int, ...] = (6, 4, 2)  # the last layer (the sentence embedding) and two lower ones, read side by side


def hash_files(paths: Sequence[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def build(docs: Sequence[CallDoc], with_asr: bool) -> Dataset:
    """The calls (and their ASR-style copies) as a dataset, in file order."""
    ds = Dataset()
    for d in docs:
        ds.add_call(d)
        if with_asr:
            ds.add_call(asr_copy(d))
    return ds


def question_head(train: Dataset, opts: FitOptions, extra: Dataset | None = None, weights: np.ndarray | None = None):
    """The question head on ``train`` (+ MRDA ``extra`` at :data:`MRDA_WEIGHT`)."""
    from callcoach.tagging.features import Features

    assert train.x is not None
    x, y = train.x, train.arrays()["question"]
    w = np.ones(len(y)) if weights is None else weights
    if extra is not None and extra.x is not None and len(extra.items):
        x = Features.concat([x, extra.x])
        y = np.concatenate([y, extra.arrays()["question"]])
        w = np.concatenate([w, np.full(len(extra.items), MRDA_WEIGHT)])
    return fit_head(x, y, ("none", "open", "closed"), "softmax", opts, w)


def phrase_rows() -> Dataset:
    """The rule stages' example phrases (written by this project for the earlier example
    matcher) as one-sentence training rows: canonical objections ("it sounds expensive") and
    their neutral counterparts ("what does it cost?"), SPIN questions and tracker phrases. Only
    the family a phrase speaks for is labelled."""
    from callcoach.tagging import objections, spin, trackers
    from callcoach.training.learn import TeamData, _examples

    data = TeamData()
    for module in (objections, spin, trackers):
        for label, phrases in module.DEFAULT_EXAMPLES.items():
            _examples(data, label, list(phrases), positive=True)
    _examples(data, "objection.price", list(objections.NEUTRAL_EXAMPLES), positive=False)
    return data.rows


def train_model(train: Dataset, dev: Dataset, encoder_name: str, dim: int, opts: FitOptions | None = None,
                extra_question: Dataset | None = None, log: Callable[[str], None] = print,
                question_dev: Dataset | None = None, layers: Sequence[int] = ()) -> TagModel:
    """Fit every head on ``train`` and choose thresholds on ``dev`` (the question mix also on
    ``question_dev``). ``layers``: the encoder layers the features were built from."""
    opts = opts or FitOptions()
    heads = {"question": question_head(train, opts, extra_question), **fit_sentence_heads(train, opts)}
    seq = fit_sequences(train, opts, log=log)
    model = TagModel(encoder_name, dim, heads, seq, {}, {}, layers=tuple(layers))
    model = model.with_(thresholds=calibrate(model, dev, question_dev))
    return model.with_(outcome=fit_outcome(model, train, opts))


def background(ds: Dataset, emb: EmbeddingCache, n: int = 400) -> np.ndarray:
    """Embeddings of ``n`` ordinary written sentences of the train split (no tracker label,
    at least four words), evenly spaced: the negatives a team tracker learns against."""
    a = ds.arrays()
    pick = [i for i, it in enumerate(ds.items)
            if "#asr" not in ds.calls[a["call"][i]] and not ds.calls[a["call"][i]].startswith("example:")
            and (a["trackers"][i] == 0).all() and len(it.text.split()) >= 4]
    step = max(1, len(pick) // n)
    texts = [ds.items[i].text for i in pick[::step][:n]]
    return emb.encode(texts)


def load_splits(corpus: Path, encoder: object, parser: object, cache: Path | None, splits: Sequence[str] = ("train", "dev"),
                with_asr: bool = True) -> dict[str, Dataset]:
    """The corpus's splits as encoded datasets (written calls and, with ``with_asr``, their copies)."""
    emb = EmbeddingCache(encoder, cache)
    out = {}
    for split in splits:
        ds = build(split_calls(corpus, split), with_asr)
        encode_all(ds, emb, parser)
        out[split] = ds
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m callcoach.training.train", description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--mrda", type=Path, default=MRDA, help="MRDA folder (train/ inside); question head only")
    ap.add_argument("--no-mrda", action="store_true")
    ap.add_argument("--out", type=Path, default=shipped_model_path())
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "callcoach", help="sentence-embedding cache (corpus text only)")
    ap.add_argument("--seed", type=int, default=FitOptions.seed)
    ap.add_argument("--seq-epochs", type=int, default=FitOptions.seq_epochs)
    ap.add_argument("--dropout", type=float, default=FitOptions.dropout)
    ap.add_argument("--members", type=int, default=FitOptions.members, help="sequence heads from consecutive seeds, averaged")
    ap.add_argument("--layers", default=",".join(map(str, LAYERS)),
                    help="encoder layers read side by side, the last layer first (empty: the sentence embedding alone)")
    args = ap.parse_args(argv)
    from callcoach.tagging.base import layered
    from callcoach.tagging.nlp import MiniLMEncoder, SpacyParser
    from callcoach.training.evaluate import evaluate, format_scores

    def log(s: str) -> None:
        print(s, file=sys.stderr, flush=True)

    t0 = time.time()
    layers = tuple(int(k) for k in args.layers.split(",") if k.strip())
    encoder, parser = MiniLMEncoder(), SpacyParser()
    tag_encoder = layered(encoder, layers)  # what the heads read; team trackers' background stays the embedding
    data = load_splits(args.corpus, tag_encoder, parser, args.cache)
    train, dev = data["train"], data["dev"]
    phrases = phrase_rows()
    encode_all(phrases, EmbeddingCache(tag_encoder, args.cache), parser)
    train = train.joined(phrases)
    extra = mrda_dev = None
    mrda_files: list[Path] = []
    if not args.no_mrda and (args.mrda / "train").is_dir():
        # every tenth meeting of MRDA train is held out to choose the question mix
        extra, mrda_dev = mrda_dataset(args.mrda / "train", keep=lambda i: i % 10 != 9), mrda_dataset(args.mrda / "train", keep=lambda i: i % 10 == 9)
        mrda_files = sorted((args.mrda / "train").glob("*.txt"))
        for ds in (extra, mrda_dev):
            encode_all(ds, EmbeddingCache(tag_encoder, args.cache), parser)
    log(f"encoded in {time.time() - t0:.0f} s: train {len(train.items)} sentences, dev {len(dev.items)}, MRDA {len(extra.items) if extra else 0}")
    opts = FitOptions(seed=args.seed, seq_epochs=args.seq_epochs, dropout=args.dropout, members=args.members)
    model = train_model(train, dev, encoder.info.name, tag_encoder.encode(["x"]).shape[1], opts, extra, log, mrda_dev, layers)
    scores = evaluate(model, dev)
    meta = {
        "name": "sales-tags",
        "trained_by": "python -m callcoach.training.train",
        "fit": opts.to_dict(),
        "corpus_sha256": {s: hash_files(split_files(args.corpus, s)) for s in ("train", "dev")},
        "mrda_sha256": hash_files(mrda_files) if mrda_files else None,
        "train": {"calls": len({c.split("#")[0] for c in train.calls if not c.startswith("example:")}),
                  "sentences": len(train.items) - len(phrases.items), "example_phrases": len(phrases.items),
                  "mrda_utterances": len(extra.items) if extra else 0},
        "dev_scores": scores,
    }
    model = model.with_(meta=meta, background=background(train, EmbeddingCache(encoder, args.cache)))
    path = model.save(args.out)
    print(format_scores(scores))
    log(f"wrote {path} ({time.time() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
