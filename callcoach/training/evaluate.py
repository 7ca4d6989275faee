"""Per-label precision, recall and F1 of a :class:`~callcoach.tagging.classifier.TagModel` on a
labelled :class:`~callcoach.training.data.Dataset`, on the written text and the ASR-style copy."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from callcoach.tagging.classifier import OBJECTION_TYPES, SPIN_STAGES, TRACKERS, TagModel, predict
from callcoach.training.data import Dataset


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    from callcoach.training.fit import prf

    p, r, f = prf(tp, fp, fn)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": tp + fn}


def evaluate(model: TagModel, ds: Dataset, subsets: tuple[str, ...] = ("written", "asr")) -> dict[str, dict[str, dict[str, float]]]:
    """``{subset: {label: {precision, recall, f1, support}}}``; subsets split calls by the
    ``#asr`` suffix of the ASR-style copy."""
    a = ds.arrays()
    preds = predict(model, ds.items, ds.x, ds.call_rows())
    is_asr = np.array(["#asr" in ds.calls[c] for c in a["call"]])
    out = {}
    for sub in subsets:
        rows = np.flatnonzero(is_asr if sub == "asr" else ~is_asr)
        if not len(rows):
            continue
        c: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])

        def count(label: str, gold: bool, pred: bool) -> None:
            c[label][0] += gold and pred
            c[label][1] += pred and not gold
            c[label][2] += gold and not pred

        for i in rows:
            p = preds[i]
            gq = int(a["question"][i])
            count("question", gq > 0, p.question is not None)
            if gq > 0 and p.question is not None:
                count("question.kind", True, p.question[0] == ("open", "closed")[gq - 1])
            go = int(a["objection"][i])
            if go >= 0:
                count("objection", go > 0, p.objection is not None)
                gt = OBJECTION_TYPES[go - 1] if go > 0 else None
                pt = p.objection[0] if p.objection else None
                count("objection.typed", gt is not None, pt is not None and pt == gt)
                if pt is not None and gt is not None and pt != gt:
                    c["objection.typed"][1] += 1
                for t in OBJECTION_TYPES:
                    count(f"objection.{t}", gt == t, pt == t)
            gs = int(a["spin"][i])
            if gs >= 0 or (p.spin is not None):
                gst = SPIN_STAGES[gs - 1] if gs > 0 else None
                pst = p.spin[0] if p.spin else None
                for s in SPIN_STAGES:
                    count(f"spin.{s}", gst == s, pst == s)
            ptr = {t for t, _ in p.trackers}
            for j, t in enumerate(TRACKERS):
                if a["trackers"][i, j] >= 0:
                    count(f"tracker.{t}", bool(a["trackers"][i, j]), t in ptr)
        out[sub] = {k: _prf(*v) for k, v in sorted(c.items())}
        if model.outcome is not None:
            out[sub]["outcome (agreement)"] = _outcome_agreement(model, ds, sub == "asr")
    return out


def _outcome_agreement(model: TagModel, ds: Dataset, asr: bool) -> dict[str, float]:
    """Share of calls whose predicted outcome is the labelled one (in every column)."""
    from callcoach.tagging.features import Features
    from callcoach.training.fit import outcome_rows

    keep = Dataset()
    for c, rows in enumerate(ds.call_rows()):
        if ("#asr" in ds.calls[c]) == asr and ds.outcome[c] >= 0:
            keep.add_masked(ds.calls[c], [ds.items[i] for i in rows], {})
            keep.outcome[-1] = ds.outcome[c]
            keep.x = ds.x.take(rows) if keep.x is None else Features.concat([keep.x, ds.x.take(rows)])
    if not keep.calls:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0}
    x, y = outcome_rows(model, keep)
    assert model.outcome is not None
    pred = model.outcome.proba(Features(x, [np.zeros(0, np.int64)] * len(x))).argmax(axis=1)
    acc = round(float((pred == y).mean()), 4)
    return {"precision": acc, "recall": acc, "f1": acc, "support": len(y)}


def format_scores(scores: dict[str, dict[str, dict[str, float]]]) -> str:
    lines = ["| label | " + " | ".join(f"{s} P / R / F1 (n)" for s in scores) + " |", "|---|" + "---|" * len(scores)]
    labels = sorted({k for s in scores.values() for k in s})
    for lab in labels:
        cells = []
        for s in scores.values():
            v = s.get(lab)
            cells.append(f"{v['precision']:.3f} / {v['recall']:.3f} / {v['f1']:.3f} ({v['support']})" if v else "")
        lines.append(f"| {lab} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
