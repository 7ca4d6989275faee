"""The trained tag model, measured: corpus split, questions on SwDA and MRDA, objections on the
bargaining chats, call outcomes, and the share of tagging in ``analyze``.

    python -m bench.tags [--split dev|test4] [--data ../shared/data] [--only corpus,swda,mrda,bargaining,outcome]

* **corpus** (``data/sales-dialogue``, written by this project): per-label precision, recall and
  F1 on the chosen split, on the written text and on its ASR-style copy (no "?" at all). The
  dev split chose the thresholds; ``test4`` (calls by writers who never saw the corpus or the
  model) is for the final figures only. The earlier held-out sets (the test split of ``calls/``,
  ``test2/`` and ``test3/``) were each scored once and then joined the training data
  (:func:`callcoach.training.corpus.split_files`).
* **outcome**: the call's outcome (advance / continuation / no sale) from the scorecard's next
  step (:func:`callcoach.stalls.next_step` over the model's tags) against the corpus header.
* **swda** (``text/swda`` validation, evaluation only) and **mrda** (``text/mrda`` validation,
  CC BY 4.0; its train split trained the question head): question F1 as given and with every
  "?" removed, the model against the rules and against "contains ?". A conversation is read as
  one call (speakers known, roles unknown), an utterance is a question when any of its
  sentences is tagged one. SwDA positives are ``bench.questions.POSITIVE_TAGS``; MRDA positives
  are the general tags qy, qw, qo, qr, qrr (qh, rhetorical, is not a question).
* **bargaining** (``text/bargaining-resistance``, evaluation only): buyer utterances of the
  ``bench.objections`` test split, objection or not, the model against the rules.

Prints one markdown table ``| set | label | P | R | F1 | n | note |``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
Row = tuple[str, str, str, str, str, str, str]


def _row(set_: str, label: str, tp: int, fp: int, fn: int, note: str = "") -> Row:
    from callcoach.training.fit import prf

    p, r, f = prf(tp, fp, fn)
    return (set_, label, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", str(tp + fn), note)


class Models:
    """The shipped tag model with MiniLM and spaCy, loaded once."""

    def __init__(self) -> None:
        from callcoach.tagging.classifier import load_model
        from callcoach.tagging.nlp import MiniLMEncoder, SpacyParser

        self.encoder, self.parser = MiniLMEncoder(), SpacyParser()
        self.model = load_model()
        if self.model is None or not self.model.fits(self.encoder):
            raise SystemExit("no tag model for MiniLM in callcoach/tagging/models; run python -m callcoach.training.train")

    def predict(self, dialogues: Sequence[Sequence[tuple[str, str, str]]]) -> list[list]:
        """Per dialogue of (speaker, role, sentence): the model's predictions, in order."""
        from callcoach.tagging.base import layered
        from callcoach.tagging.classifier import Item, features, predict

        flat = [s for d in dialogues for s in d]
        texts = [t for _, _, t in flat]
        emb = layered(self.encoder, self.model.layers).encode(texts) if texts else np.zeros((0, self.model.dim), np.float32)
        parses = self.parser.parse(texts)
        out, pos = [], 0
        for d in dialogues:
            items = [Item(s, r, t) for s, r, t in d]
            sl = slice(pos, pos + len(d))
            out.append(predict(self.model, items, features(items, emb[sl], parses[sl])) if d else [])
            pos += len(d)
        return out


def split_docs(split: str) -> list:
    """The corpus calls of ``split`` (``dev`` or ``test4``: :func:`~callcoach.training.corpus.split_files`)."""
    from callcoach.training.corpus import split_calls
    from callcoach.training.train import CORPUS

    return split_calls(CORPUS, split)


def corpus_rows(models: Models, split: str) -> list[Row]:
    from callcoach.tagging.base import layered
    from callcoach.training.data import EmbeddingCache, encode_all
    from callcoach.training.evaluate import evaluate
    from callcoach.training.train import build

    ds = build(split_docs(split), with_asr=True)
    encode_all(ds, EmbeddingCache(layered(models.encoder, models.model.layers), None), models.parser)
    scores = evaluate(models.model, ds)
    rows = []
    for sub, res in scores.items():
        for label, v in res.items():
            rows.append((f"corpus {split} ({sub})", label, f"{v['precision']:.3f}", f"{v['recall']:.3f}", f"{v['f1']:.3f}", str(v["support"]), ""))
    return rows


def outcome_rows(models: Models, split: str) -> list[Row]:
    """Next step (advance / continuation / none) against the corpus's outcome per call."""
    from callcoach.call import Attribution, Call, RoleAssignment, Speaker, Utterance
    from callcoach.stalls import next_step
    from callcoach.tagging import tag_call

    docs = split_docs(split)
    agree, confusion = 0, {}
    for d in docs:
        utts, turn, buf, who = [], None, [], None
        for ln in d.lines + (None,):  # type: ignore[operator]
            if ln is None or ln.turn != turn:
                if buf:
                    utts.append(Utterance(len(utts), who, None, None, " ".join(buf)))
                if ln is None:
                    break
                turn, who, buf = ln.turn, ln.speaker, []
            buf.append(ln.text)
        speakers = tuple(Speaker(s, "rep" if s.startswith("R") else "customer") for s in sorted({u.speaker for u in utts}))
        call = Call(id=d.id, source="corpus", duration=None, channels=1, speakers=speakers, utterances=tuple(utts),
                    attribution=Attribution("transcript", len(speakers)), roles=RoleAssignment("R", "transcript", 1.0))
        call = tag_call(call, encoder=models.encoder, parser=models.parser)
        kind = next_step(call)["kind"]
        pred = {"advance": "advance", "continuation": "continuation"}.get(kind, "no_sale")
        gold = d.header["outcome"]
        agree += pred == gold
        confusion[(gold, pred)] = confusion.get((gold, pred), 0) + 1
    note = ", ".join(f"{g}->{p} {n}" for (g, p), n in sorted(confusion.items()) if g != p)
    n = len(docs)
    return [(f"corpus {split}", "call outcome (next step)", "", "", f"{agree / max(n, 1):.3f}", str(n), f"agreement; misses: {note}")]


def _question_dialogues(examples: Sequence) -> tuple[list[list[tuple[str, str, str]]], list[list[int]]]:
    """Examples grouped by dialogue as (speaker, role, sentence) and each sentence's example."""
    from callcoach.tagging.base import split_sentences

    dialogues: list[list[tuple[str, str, str]]] = []
    owners: list[list[int]] = []
    current = None
    for i, ex in enumerate(examples):
        if ex.dialogue != current:
            dialogues.append([])
            owners.append([])
            current = ex.dialogue
        for a, b in split_sentences(ex.text) or [(0, len(ex.text))]:
            s = ex.text[a:b].strip()
            if s:
                dialogues[-1].append((ex.speaker or "?", "unknown", s))
                owners[-1].append(i)
    return dialogues, owners


def question_rows(models: Models, name: str, examples: Sequence, qmark_baseline: bool = True) -> list[Row]:
    from bench.questions import predict as rule_predict
    from bench.questions import strip_qmarks

    rows: list[Row] = []
    for variant in ("as given", '"?" removed'):
        exs = examples if variant == "as given" else [type(e)(strip_qmarks(e.text), e.positive, e.tag, e.speaker, e.dialogue) for e in examples]
        dialogues, owners = _question_dialogues(exs)
        preds = models.predict(dialogues)
        hit = [False] * len(exs)
        for d_preds, d_owners in zip(preds, owners):
            for p, i in zip(d_preds, d_owners):
                hit[i] = hit[i] or p.question is not None
        gold = [e.positive for e in exs]

        def counts(pred: Sequence[bool], gold: Sequence[bool] = gold) -> tuple[int, int, int]:
            tp = sum(p and g for p, g in zip(pred, gold))
            return tp, sum(p and not g for p, g in zip(pred, gold)), sum(g and not p for p, g in zip(pred, gold))

        rows.append(_row(name, f"question, model ({variant})", *counts(hit)))
        rules, _, _ = rule_predict([e.text for e in exs], models.parser, exs)
        rows.append(_row(name, f"question, rules ({variant})", *counts([r[0] for r in rules])))
        if qmark_baseline and variant == "as given":
            rows.append(_row(name, 'question, "contains ?" baseline', *counts(["?" in e.text for e in exs])))
    return rows


def load_mrda(data_dir: Path, split: str = "val") -> list:
    from bench.questions import Example
    from callcoach.training.data import mrda_question

    out = []
    for f in sorted((data_dir / "text" / "mrda" / split).glob("*.txt")):
        for line in f.read_text(encoding="utf-8").splitlines():
            parts = line.split("|")
            if len(parts) >= 5 and parts[1].strip():
                out.append(Example(parts[1].strip(), mrda_question(parts[3]) > 0, parts[3], parts[0], f.stem))
    return out


def bargaining_rows(models: Models, data_dir: Path) -> list[Row]:
    from bench import objections as ob
    from callcoach.tagging.base import call_sentences

    dialogues = [d for d in ob.load_dialogues(data_dir / ob.REL) if ob.split_of(d.id) == "test"]
    g = ob.gold(dialogues)
    calls = [ob.to_call(d) for d in dialogues]
    sent_lists = [call_sentences(c) for c in calls]
    preds = models.predict([[(s.speaker, s.role, s.text) for s in ss] for ss in sent_lists])
    pred: dict = {}
    for d, ss, ps in zip(dialogues, sent_lists, preds):
        for s, p in zip(ss, ps):
            if p.objection is not None:
                key = (d.id, s.utterance_id)
                if key not in pred or p.objection[1] > pred[key][1]:
                    pred[key] = (p.objection[0], p.objection[1])
    b = ob.binary(g, pred)
    rows = [_row("bargaining test (buyer utterances)", "objection, model", int(b["tp"]), int(b["fp"]), int(b["fn"]),
                 f"all-positive F1 {b['all_positive_f1']:.3f}")]
    res = ob.evaluate(data_dir, ("test",))["test"]["binary"]
    rows.append(("bargaining test (buyer utterances)", "objection, rules+examples", f"{res['precision']:.3f}", f"{res['recall']:.3f}",
                 f"{res['f1']:.3f}", str(int(res["positives"])), ""))
    return rows


#: What a coach listening to the sales demo would tag (the project's own reading of that call).
DEMO_EXPECTED = (
    ("what's the impact of not having everyone together", "spin.implication"),
    ("what are the costs", "tracker.pricing"),
    ("Sounds hefty", "objection.price"),
    ("are you the primary decision maker", "tracker.decision_process"),
    ("next Thursday afternoon", "tracker.next_step"),
)


def sales_demo_call(demo_json: Path, encoder: object, parser: object):
    """The sales demo's reference transcript (``audio/sales-demo/demo.json``) as a tagged call:
    one utterance per monologue, Roger the rep."""
    import json

    from callcoach.call import Attribution, Call, RoleAssignment, Speaker, Utterance
    from callcoach.tagging import tag_call

    turns = []
    for m in json.loads(demo_json.read_text())["monologues"]:
        text = "".join(w["text"] if w["type"] == "PUNCTUATION" else " " + w["text"] for w in m["terms"]).strip()
        turns.append(Utterance(len(turns), m["speaker"]["id"], m["terms"][0]["start"], m["terms"][-1]["end"], text))
    call = Call(id="demo", source="demo.json", duration=turns[-1].end, channels=1,
                speakers=(Speaker("Roger", "rep"), Speaker("Virgil", "customer")), utterances=tuple(turns),
                attribution=Attribution("transcript", 2), roles=RoleAssignment("Roger", "transcript", 1.0))
    return tag_call(call, encoder=encoder, parser=parser)


def labels_at(call, fragment: str) -> set[str]:
    """The labels of the tags whose sentence contains ``fragment`` (case-insensitive)."""
    return {t.label for u in call.utterances for t in u.tags
            if t.span and fragment.lower() in u.text[t.span[0] : t.span[1]].lower()}


def sales_demo_rows(models: Models, data_dir: Path) -> list[Row]:
    """:data:`DEMO_EXPECTED` in the sales demo: tagged or missed."""
    call = sales_demo_call(data_dir / "audio" / "sales-demo" / "demo.json", models.encoder, models.parser)
    rows = []
    for fragment, label in DEMO_EXPECTED:
        got = labels_at(call, fragment)
        rows.append(("sales-demo check", f'"{fragment}" -> {label}', "", "", "hit" if label in got else "miss", "1",
                     "tagged " + (", ".join(sorted(got)) or "nothing")))
    return rows


def render(rows: Sequence[Row]) -> str:
    lines = ["| set | label | P | R | F1 | n | note |", "|---|---|---|---|---|---|---|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.tags", description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("dev", "test4"), default="dev",
                    help="dev: tuning; test4: calls by new writers, scored once for the final figures")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--only", default="corpus,outcome,swda,mrda,bargaining,demo")
    args = ap.parse_args(argv)
    only = set(args.only.split(","))
    t0 = time.time()
    models = Models()
    rows: list[Row] = []
    if "corpus" in only:
        rows += corpus_rows(models, args.split)
    if "outcome" in only:
        rows += outcome_rows(models, args.split)
    if "swda" in only and (args.data / "text" / "swda").is_dir():
        from bench.questions import load_swda

        rows += question_rows(models, "SwDA validation", load_swda(args.data, "validation"))
    if "mrda" in only and (args.data / "text" / "mrda").is_dir():
        rows += question_rows(models, "MRDA validation", load_mrda(args.data))
    if "bargaining" in only and (args.data / "text" / "bargaining-resistance").is_dir():
        rows += bargaining_rows(models, args.data)
    if "demo" in only and (args.data / "audio" / "sales-demo").is_dir():
        rows += sales_demo_rows(models, args.data)
    print(render(rows))
    print(f"\n({time.time() - t0:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
