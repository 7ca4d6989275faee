"""SPIN agreement against the team's own labels, and the NLP stage's throughput.

    python -m bench.spin [--data ../shared/data]

No public data labels SPIN stages, so ``bench/labels/spin.json`` holds labels the callcoach
team wrote for the seller's questions in sales-demo (reference transcript sentences) and in
the bundled demo call. Each labelled sentence is tagged as a rep sentence with the real
models (spaCy, MiniLM) and the default rubric; agreement counts a match when the predicted
stage (or "none") equals the label.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from callcoach.call import Attribution, Call, RoleAssignment, Speaker, Utterance

REPO = Path(__file__).resolve().parents[1]
LABELS = REPO / "bench" / "labels" / "spin.json"


def _call_of(sentences: list[str]) -> Call:
    """One rep utterance per sentence (no customer turns needed to tag a question)."""
    utts = tuple(Utterance(i, "R", float(i * 5), float(i * 5 + 4), s) for i, s in enumerate(sentences))
    return Call(
        id="spin-labels",
        source="labels",
        duration=len(utts) * 5.0,
        channels=0,
        speakers=(Speaker("R", "rep"), Speaker("C", "customer")),
        utterances=utts,
        attribution=Attribution("transcript", 2),
        roles=RoleAssignment("R", "transcript", 1.0),
    )


def predicted_stages(sentences: list[str]) -> list[str]:
    """The SPIN stage (or "none") the default tagging gives each sentence."""
    from callcoach.pipeline import AnalyzeOptions, default_nlp
    from callcoach.rubric import load_rubric
    from callcoach.tagging import tag_call

    nlp = default_nlp(AnalyzeOptions(threads=2))
    call = tag_call(_call_of(sentences), encoder=nlp.encoder, parser=nlp.parser, examples=load_rubric().examples)
    out = []
    for u in call.utterances:
        stages = [t.label for t in u.tags if t.label.startswith("spin.")]
        out.append(stages[0] if stages else "none")
    return out


def spin_rows(data_dir: Path | None = None) -> list[tuple[str, str, str, str]]:
    """Agreement per labelled set, and the confusion of disagreements."""
    labels = json.loads(LABELS.read_text())
    rows: list[tuple[str, str, str, str]] = []
    for name in ("sales-demo", "demo-call"):
        items = labels[name]
        gold = [g for _, g in items]
        pred = predicted_stages([t for t, _ in items])
        agree = sum(p == g for p, g in zip(pred, gold))
        misses = Counter(f"{g}->{p}" for p, g in zip(pred, gold) if p != g)
        note = "labels are the callcoach team's own (bench/labels/spin.json)"
        if misses:
            note += "; disagreements: " + ", ".join(f"{k} x{v}" for k, v in sorted(misses.items()))
        rows.append((name, "SPIN stage agreement (seller questions)", f"{agree}/{len(items)} = {agree / len(items):.0%}", note))
    return rows


def nlp_rows(data_dir: Path) -> list[tuple[str, str, str, str]]:
    """Tagging throughput (sentences/s) on the sales-demo reference transcript, models loaded."""
    from bench.metrics import load_gecko_json
    from callcoach.pipeline import AnalyzeOptions, default_nlp
    from callcoach.rubric import load_rubric
    from callcoach.tagging import tag_call
    from callcoach.tagging.base import call_sentences

    text, turns = load_gecko_json(data_dir / "audio/sales-demo/demo.json")
    t0 = time.perf_counter()
    nlp = default_nlp(AnalyzeOptions(threads=2))
    load = time.perf_counter() - t0
    words = text.split()
    # Rebuild turn texts proportionally from the reference words (the loader gives the text
    # and the turns separately); sentence counts are what matters for throughput.
    per_turn = max(1, len(words) // max(1, len(turns)))
    utts = tuple(
        Utterance(i, spk, s, e, " ".join(words[i * per_turn : (i + 1) * per_turn]) + ".")
        for i, (s, e, spk) in enumerate(turns)
    )
    call = _call_of([]).with_(utterances=utts, speakers=(Speaker("Roger", "rep"), Speaker("Virgil", "customer")))
    n = len(call_sentences(call))
    t1 = time.perf_counter()
    tag_call(call, encoder=nlp.encoder, parser=nlp.parser, examples=load_rubric().examples)
    secs = time.perf_counter() - t1
    return [
        ("sales-demo", "NLP models load (spaCy + MiniLM)", f"{load:.1f} s", "once per process; overlaps ASR in analyze"),
        ("sales-demo", "tagging throughput", f"{n / secs:.0f} sentences/s", f"{n} sentences in {secs:.2f} s, models loaded"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.spin")
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    args = parser.parse_args()
    rows = spin_rows(args.data) + nlp_rows(args.data)
    print("| set | metric | value | note |\n|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
