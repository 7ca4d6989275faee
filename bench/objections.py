"""Objection detection on real buyer utterances: ``text/bargaining-resistance`` (RESPER labels).

    python -m bench.objections                 # report tune and test figures with the stage's constants
    python -m bench.objections --tune          # calibrate the margins on the tune split only and
                                               # write models/objection-calibration.json
    python -m bench.objections --record        # report, and add the test figures to that file

**Data.** CraigslistBargain buyer/seller chats with a resistance-strategy label per utterance. Only
buyer utterances (``User`` 0) are scored. Positive = any resistance label except Information
Inquiry (a question, not an objection); blank = none. Hygiene: the file repeats some dialogues in a
block marked ``Dupe``; a dialogue id seen again later keeps only its first contiguous block, and a
dialogue that appears only inside that block with no label at all is dropped as unannotated.

**Split.** By dialogue: ``sha1(f"{SEED}:{dialogue id}")``, first byte even -> tune, odd -> test.
Margins are tuned on tune only; test is reported with the constants in
``callcoach/tagging/objections.py``.

**Unit.** An utterance counts as predicted positive when the stage tags any of its sentences
(each dialogue becomes a :class:`~callcoach.call.Call`, buyer = customer, seller = rep).

**Types.** RESPER strategies are mapped to callcoach objection types (:data:`TYPE_MAP`); an
utterance's predicted type is that of its highest-scoring tag. By-type figures are one-vs-rest
over buyer utterances.

Embeddings of every sentence are computed once and cached under ``/tmp`` (keyed by the model).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from callcoach.call import Attribution, Call, RoleAssignment, Speaker, Utterance
from callcoach.tagging import objections as obj
from callcoach.tagging.base import TaggingContext, call_sentences

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
REL = "text/bargaining-resistance/annotations.csv"
CALIBRATION = REPO / "models" / "objection-calibration.json"
SEED = "callcoach-objections-1"
CACHE_DIR = Path("/tmp/callcoach-bench-cache")

NOT_OBJECTION = {"", "Information Inquiry"}
TYPE_MAP: dict[str, str] = {
    "Self Pity": "price",  # "out of my price range", "I can only afford 105"
    "Self Assertion": "price",  # "$2825 is my final offer", "the most I can pay is 7k": a firm price stance
    "Counter Argumentation": "price",  # "the price is pretty steep considering ...": price/value pushback
    "Source Derogation": "trust",  # "any mechanical problems?", "seems weird": doubting the seller/product
    "Hesitance": "timing",  # stall/hesitation (in this data mostly tentative counter-offers)
    "Personal Choice": "need",  # the buyer's own conditions/alternatives (delivery, add-ons, own plans)
}
TYPES = ("price", "timing", "authority", "need", "competitor", "trust", "fit")


# ------------------------------------------------------------------------------------------
# Data
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Turn:
    user: int  # 0 buyer, 1 seller
    text: str
    strategy: str  # RESPER strategy without the "-Contesting"/"-Empowerment" suffix; "" = none


@dataclass(frozen=True)
class Dialogue:
    id: str
    turns: tuple[Turn, ...]


def load_dialogues(path: Path) -> list[Dialogue]:
    """Dialogues in file order, cleaned of repeated blocks (see the module docstring)."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))[1:]
    blocks: list[tuple[str, list[list[str]], bool]] = []  # (id, rows, in the Dupe-marked block)
    in_dupes = False
    for r in rows:
        note = r[5].strip() if len(r) > 5 else ""
        if note.startswith("Dupes start"):
            in_dupes = True
        if blocks and blocks[-1][0] == r[0]:
            blocks[-1][1].append(r)
        else:
            blocks.append((r[0], [r], in_dupes))
        if note.startswith("Dupes till"):
            in_dupes = False
    seen: set[str] = set()
    out: list[Dialogue] = []
    for did, rs, dupe in blocks:
        if did in seen:
            continue
        seen.add(did)
        if dupe and not any(r[3].strip() for r in rs):
            continue
        turns = tuple(Turn(int(r[1]), r[2].strip(), r[3].split("-")[0].strip()) for r in rs if r[2].strip())
        out.append(Dialogue(did, turns))
    return out


def split_of(dialogue_id: str, seed: str = SEED) -> str:
    return "tune" if hashlib.sha1(f"{seed}:{dialogue_id}".encode()).digest()[0] % 2 == 0 else "test"


def to_call(d: Dialogue) -> Call:
    utts = tuple(Utterance(i, "buyer" if t.user == 0 else "seller", None, None, t.text) for i, t in enumerate(d.turns))
    return Call(
        id=d.id,
        source=REL,
        duration=None,
        channels=1,
        speakers=(Speaker("seller", "rep"), Speaker("buyer", "customer")),
        utterances=utts,
        attribution=Attribution("transcript", 2),
        roles=RoleAssignment("seller", "transcript", 1.0),
    )


# ------------------------------------------------------------------------------------------
# Embeddings, once
# ------------------------------------------------------------------------------------------


class CachedEncoder:
    """Wraps an encoder with a text -> vector cache kept in one ``.npz`` under :data:`CACHE_DIR`."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.name = inner.name  # type: ignore[attr-defined]
        self.path = CACHE_DIR / f"emb-{hashlib.sha1(self.name.encode()).hexdigest()[:12]}.npz"
        self.cache: dict[str, np.ndarray] = {}
        self.seconds = 0.0
        self.encoded = 0
        if self.path.is_file():
            z = np.load(self.path, allow_pickle=False)
            self.cache = dict(zip(z["texts"].tolist(), z["vecs"]))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self.cache))
        if missing:
            t0 = time.perf_counter()
            vecs = self.inner.encode(missing)  # type: ignore[attr-defined]
            self.seconds += time.perf_counter() - t0
            self.encoded += len(missing)
            self.cache.update(zip(missing, vecs))
        dim = next(iter(self.cache.values())).shape[0] if self.cache else 384
        return np.stack([self.cache[t] for t in texts]) if texts else np.zeros((0, dim), np.float32)

    def save(self) -> None:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        texts = list(self.cache)
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(tmp, texts=np.array(texts), vecs=np.stack([self.cache[t] for t in texts]))
        tmp.replace(self.path)


def minilm_encoder() -> CachedEncoder:
    from callcoach.tagging.nlp import MiniLMEncoder

    return CachedEncoder(MiniLMEncoder(threads=2))


# ------------------------------------------------------------------------------------------
# Scoring
# ------------------------------------------------------------------------------------------


@dataclass
class SentenceScores:
    """What the stage computes for one buyer sentence before deciding."""

    dialogue: str
    utterance_id: int
    text: str
    labels: tuple[str, ...]
    sims: np.ndarray
    neutral: float
    cues: list[tuple[str, str]]
    cue_label: str | None
    kind: str
    margin: float


def sentence_scores(dialogues: Iterable[Dialogue], encoder: CachedEncoder) -> list[SentenceScores]:
    """Embed every sentence of every dialogue once (batched), then each buyer sentence's scores."""
    calls = [to_call(d) for d in dialogues]
    ctxs = [TaggingContext(c, call_sentences(c), encoder=encoder) for c in calls]
    encoder.encode([s.text for ctx in ctxs for s in ctx.sentences])  # one batch fills the cache
    stage = obj.ObjectionStage()
    out: list[SentenceScores] = []
    for ctx in ctxs:
        chosen = obj._candidates(ctx.sentences)
        if not chosen:
            continue
        labels, sims, neutral = stage._similarities(ctx, chosen)
        for row, s in enumerate(chosen):
            cues = obj.lexical_cues(s.text)
            margin = float(sims[row].max() - neutral[row]) if len(labels) else float("-inf")
            out.append(
                SentenceScores(
                    ctx.call.id,
                    s.utterance_id,
                    s.text,
                    labels,
                    sims[row],
                    float(neutral[row]),
                    cues,
                    obj.cue_label(s.text, labels, sims[row], cues),
                    obj.sentence_kind(s.text),
                    margin,
                )
            )
    return out


def predictions(
    scores: list[SentenceScores], statement: float, question: float, plain: float
) -> dict[tuple[str, int], tuple[str, float]]:
    """``(dialogue, utterance id) -> (type, score)`` for utterances with a tagged sentence."""
    out: dict[tuple[str, int], tuple[str, float]] = {}
    for s in scores:
        d = obj.decide(s.text, s.labels, s.sims, s.neutral, statement, question, plain, s.cues)
        if d is None:
            continue
        key = (s.dialogue, s.utterance_id)
        if key not in out or d[1] > out[key][1]:
            out[key] = (d[0].removeprefix(obj.PREFIX), d[1])
    return out


def gold(dialogues: Iterable[Dialogue]) -> dict[tuple[str, int], str]:
    """``(dialogue, utterance id) -> strategy`` for every buyer utterance."""
    return {(d.id, i): t.strategy for d in dialogues for i, t in enumerate(d.turns) if t.user == 0}


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def binary(g: dict[tuple[str, int], str], pred: dict) -> dict[str, float]:
    tp = sum(1 for k, s in g.items() if s not in NOT_OBJECTION and k in pred)
    fp = sum(1 for k, s in g.items() if s in NOT_OBJECTION and k in pred)
    fn = sum(1 for k, s in g.items() if s not in NOT_OBJECTION and k not in pred)
    p, r, f = prf(tp, fp, fn)
    pos = tp + fn
    base_f = prf(pos, len(g) - pos, 0)[2]
    return {
        "precision": p,
        "recall": r,
        "f1": f,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "utterances": len(g),
        "positives": pos,
        "all_positive_f1": base_f,
    }


def by_type(g: dict[tuple[str, int], str], pred: dict) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for typ in TYPES:
        gold_t = {k for k, s in g.items() if TYPE_MAP.get(s) == typ}
        pred_t = {k for k, (t, _) in pred.items() if t == typ and k in g}
        tp = len(gold_t & pred_t)
        p, r, f = prf(tp, len(pred_t) - tp, len(gold_t) - tp)
        out[typ] = {"precision": p, "recall": r, "f1": f, "gold": len(gold_t), "predicted": len(pred_t)}
    return out


def per_strategy_recall(g: dict[tuple[str, int], str], pred: dict) -> dict[str, str]:
    """For each RESPER strategy: share of its utterances tagged, and the predicted types."""
    out: dict[str, str] = {}
    for strat in sorted({s for s in g.values()}):
        keys = [k for k, s in g.items() if s == strat]
        hit = [pred[k][0] for k in keys if k in pred]
        top = ", ".join(f"{t} {n}" for t, n in Counter(hit).most_common(3))
        out[strat or "(none)"] = f"{len(hit)}/{len(keys)} tagged ({top})"
    return out


# ------------------------------------------------------------------------------------------
# Tune, report
# ------------------------------------------------------------------------------------------

GRID = tuple(round(float(x), 3) for x in np.arange(-0.05, 0.401, 0.01))
MIN_PRECISION = 0.85
MIN_HITS = 10
"""Calibration rule, per route: a margin is the smallest on :data:`GRID` at which the sentences of
that kind with no lexical cue and at least that margin are tagged with tune precision >= 0.85
(sentence gold = its utterance's label; at least :data:`MIN_HITS` such sentences). Each route that
can fire on its own is then about as precise as the overall target. Why not the F1 optimum: a false
objection costs a coach more than a missed one, and the B2B calls this runs on are not bargaining
chats; the joint F1-optimal margins are reported beside it for reference."""


def _route_margins(scores: list[SentenceScores], g: dict[tuple[str, int], str]) -> dict[str, tuple[float, float, int]]:
    """``kind -> (margin, tune precision, hits)`` under the :data:`MIN_PRECISION` rule."""
    out: dict[str, tuple[float, float, int]] = {}
    for kind in ("marked", "question", "plain"):
        rows = [
            (s.margin, g[(s.dialogue, s.utterance_id)] not in NOT_OBJECTION)
            for s in scores
            if s.kind == kind and s.cue_label is None
        ]
        margins = np.array([m for m, _ in rows])
        pos = np.array([p for _, p in rows])
        chosen = (GRID[-1], float("nan"), 0)
        for m in GRID:
            sel = margins >= m
            n = int(sel.sum())
            if n >= MIN_HITS and pos[sel].mean() >= MIN_PRECISION:
                chosen = (m, round(float(pos[sel].mean()), 4), n)
                break
        out[kind] = chosen
    return out


def _f1_optimum(scores: list[SentenceScores], g: dict[tuple[str, int], str]) -> tuple[float, float, float, float]:
    """Vectorised search for the (statement, question, plain) margins with the best tune F1.

    Same decision as :func:`callcoach.tagging.objections.decide` (:func:`tune` checks it).
    """
    keys = list(g)
    index = {k: i for i, k in enumerate(keys)}
    utt = np.array([index[(s.dialogue, s.utterance_id)] for s in scores])
    cue = np.array([s.cue_label is not None for s in scores])
    margin = np.array([s.margin for s in scores])
    kind = np.array([s.kind for s in scores])
    gold_pos = np.array([g[k] not in NOT_OBJECTION for k in keys])
    n_pos = int(gold_pos.sum())
    best = (-1.0, 0.0, 0.0, 0.0)
    for sm in GRID:
        for qm in GRID:
            for pm in GRID:
                thr = np.where(
                    kind == "question", qm, np.where(kind == "marked", sm, np.where(kind == "plain", pm, np.inf))
                )
                pred = np.bincount(utt[cue | (margin >= thr)], minlength=len(keys)) > 0
                tp = int((pred & gold_pos).sum())
                f = prf(tp, int(pred.sum()) - tp, n_pos - tp)[2]
                if f > best[0] + 1e-12:
                    best = (f, sm, qm, pm)
    return best


def tune(data_dir: Path = DEFAULT_DATA) -> dict:
    """Calibrate the three margins on the tune split (:data:`MIN_PRECISION` rule per route)."""
    dialogues = load_dialogues(data_dir / REL)
    tune_d = [d for d in dialogues if split_of(d.id) == "tune"]
    enc = minilm_encoder()
    scores = sentence_scores(tune_d, enc)
    enc.save()
    g = gold(tune_d)
    routes = _route_margins(scores, g)
    sm, qm, pm = routes["marked"][0], routes["question"][0], routes["plain"][0]
    f1_opt = _f1_optimum(scores, g)
    check = binary(g, predictions(scores, *f1_opt[1:]))
    assert abs(check["f1"] - f1_opt[0]) < 1e-9, "vectorised search and decide() disagree"
    return {
        "what": "margins (best objection-example similarity - best neutral similarity) a sentence needs without a lexical cue, by sentence kind",
        "statement_margin": sm,
        "question_margin": qm,
        "plain_margin": pm,
        "encoder": "all-MiniLM-L6-v2",
        "data": REL,
        "split": {
            "seed": SEED,
            "rule": "sha1(seed:dialogue id)[0] even -> tune, odd -> test",
            "tune_dialogues": len(tune_d),
            "test_dialogues": len(dialogues) - len(tune_d),
        },
        "rule": f"per route (marked statement / question / plain statement, no cue): smallest margin on {GRID[0]}..{GRID[-1]} step 0.01 with tune sentence precision >= {MIN_PRECISION} over >= {MIN_HITS} sentences",
        "routes": {k: {"margin": v[0], "tune_precision": v[1], "tune_sentences": v[2]} for k, v in routes.items()},
        "tune": _rounded(binary(g, predictions(scores, sm, qm, pm))),
        "tune_f1_optimum_for_reference": {
            "statement_margin": f1_opt[1],
            "question_margin": f1_opt[2],
            "plain_margin": f1_opt[3],
            **_rounded(check),
        },
        "tune_cues_only": _rounded(binary(g, predictions(scores, 9.0, 9.0, 9.0))),
        "data_cleaning": "buyer (User 0) utterances; a dialogue id seen again keeps its first block; dialogues only in the 'Dupe' block with no label dropped",
        "positive": "any resistance strategy except Information Inquiry",
        "script": "python -m bench.objections --tune",
    }


def _rounded(m: dict) -> dict:
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in m.items()}


def evaluate(data_dir: Path = DEFAULT_DATA, splits: Sequence[str] = ("tune", "test")) -> dict:
    """Binary and by-type figures per split with the stage's constants, plus speed."""
    dialogues = load_dialogues(data_dir / REL)
    enc = minilm_encoder()
    result: dict = {"speed": {}}
    for split in splits:
        ds = [d for d in dialogues if split_of(d.id) == split]
        t0 = time.perf_counter()
        scores = sentence_scores(ds, enc)
        t_scores = time.perf_counter() - t0
        t1 = time.perf_counter()
        pred = predictions(scores, obj.STATEMENT_MARGIN, obj.QUESTION_MARGIN, obj.PLAIN_MARGIN)
        t_decide = time.perf_counter() - t1
        g = gold(ds)
        result[split] = {
            "dialogues": len(ds),
            "binary": binary(g, pred),
            "by_type": by_type(g, pred),
            "by_strategy": per_strategy_recall(g, pred),
        }
        result["speed"][split] = {"sentences": len(scores), "scoring_s": t_scores, "decide_s": t_decide}
    result["speed"]["embedded_now"] = enc.encoded
    result["speed"]["embed_s"] = enc.seconds
    enc.save()
    return result


def objection_rows(data_dir: Path) -> list[tuple[str, str, str, str]]:
    """Rows ``(set, metric, value, note)`` for the main bench runner (tune and test splits)."""
    set_name = "bargaining-resistance"
    if not (data_dir / REL).is_file():
        return [(set_name, "objection F1 (test)", "n/a", f"missing {data_dir / REL}")]
    try:
        res = evaluate(data_dir)
    except Exception as exc:  # noqa: BLE001 - reported in the table
        return [(set_name, "objection F1 (test)", "n/a", f"{type(exc).__name__}: {exc}")]
    rows: list[tuple[str, str, str, str]] = []
    for split in ("test", "tune"):
        b = res[split]["binary"]
        note = (
            f"buyer utterances {b['utterances']} ({b['positives']} resist); P {b['precision']:.3f} R {b['recall']:.3f}; "
            f"all-positive baseline F1 {b['all_positive_f1']:.3f}; margins {obj.STATEMENT_MARGIN}/{obj.QUESTION_MARGIN}/{obj.PLAIN_MARGIN} tuned on tune"
        )
        rows.append((set_name, f"objection F1 ({split})", f"{b['f1']:.3f}", note))
    for typ, m in res["test"]["by_type"].items():
        if m["gold"]:
            rows.append(
                (
                    set_name,
                    f"objection.{typ} F1 (test)",
                    f"{m['f1']:.3f}",
                    f"P {m['precision']:.3f} R {m['recall']:.3f}; gold {m['gold']}, predicted {m['predicted']}; mapping in bench/objections.py TYPE_MAP",
                )
            )
        else:
            rows.append(
                (
                    set_name,
                    f"objection.{typ} F1 (test)",
                    "n/a",
                    f"no RESPER strategy maps to {typ}; predicted {m['predicted']}",
                )
            )
    sp = res["speed"]
    n = sum(sp[s]["sentences"] for s in ("tune", "test"))
    dec = sum(sp[s]["decide_s"] for s in ("tune", "test"))
    rows.append(
        (
            set_name,
            "objection decide time",
            f"{1e6 * dec / max(n, 1):.0f} us/sentence",
            f"{n} buyer sentences, cues + margins; MiniLM embeddings (cached in {CACHE_DIR}) not included",
        )
    )
    if sp["embedded_now"] >= 100:
        rows.append(
            (
                set_name,
                "MiniLM embedding time",
                f"{1e3 * sp['embed_s'] / sp['embedded_now']:.1f} ms/sentence",
                f"{sp['embedded_now']} sentences embedded this run (2 threads)",
            )
        )
    return rows


def _table(res: dict) -> str:
    lines = [
        "| split | dialogues | utterances | positives | P | R | F1 | all-positive F1 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for split in ("tune", "test"):
        if split not in res:
            continue
        b = res[split]["binary"]
        lines.append(
            f"| {split} | {res[split]['dialogues']} | {b['utterances']} | {b['positives']} | {b['precision']:.3f} | {b['recall']:.3f} | {b['f1']:.3f} | {b['all_positive_f1']:.3f} |"
        )
    for split in ("tune", "test"):
        if split not in res:
            continue
        lines += ["", f"by type ({split}) | gold | predicted | P | R | F1", "|---|---|---|---|---|---|"]
        for typ, m in res[split]["by_type"].items():
            if m["gold"]:
                lines.append(
                    f"| {typ} | {m['gold']} | {m['predicted']} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} |"
                )
            else:
                lines.append(f"| {typ} | 0 | {m['predicted']} | n/a | n/a | n/a |")
        lines += ["", f"by strategy ({split})"] + [f"- {k}: {v}" for k, v in res[split]["by_strategy"].items()]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--tune", action="store_true", help="tune the margins on the tune split and write the calibration")
    ap.add_argument("--split", choices=("tune", "test", "both"), default="both")
    ap.add_argument("--record", action="store_true", help="write the test figures into the calibration file")
    args = ap.parse_args(argv)
    if args.tune:
        cal = tune(args.data)
        CALIBRATION.write_text(json.dumps(cal, indent=2) + "\n")
        print(json.dumps(cal, indent=2))
        return 0
    splits = ("tune", "test") if args.split == "both" else (args.split,)
    res = evaluate(args.data, splits)
    print(_table(res))
    if args.record and "test" in res:
        cal = json.loads(CALIBRATION.read_text())
        cal["test"] = {**_rounded(res["test"]["binary"]), "dialogues": res["test"]["dialogues"]}
        cal["test_by_type"] = {t: _rounded(m) for t, m in res["test"]["by_type"].items()}
        cal["type_map"] = TYPE_MAP
        cal["test_note"] = "test split evaluated once, after the margins, cues and examples were frozen on tune"
        CALIBRATION.write_text(json.dumps(cal, indent=2) + "\n")
    print(json.dumps(res["speed"], indent=2), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
