"""Inter-annotator agreement of the sales-dialogue corpus: the writers' labels (``calls/``)
against the independent second pass (``second-pass/``), Cohen's kappa per label.

    python -m bench.agreement [--corpus data/sales-dialogue] [--first REV]

``--first REV`` reads the first labels as they were at a git revision (the labels before the
adjudication pass) instead of the working tree. Prints one markdown table.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections import Counter
from pathlib import Path

from callcoach.training.corpus import TRACKERS, CallDoc, parse_call

REPO = Path(__file__).resolve().parents[1]


def kappa(a: list[str], b: list[str]) -> float:
    """Cohen's kappa of two label sequences."""
    n = len(a)
    if not n:
        return float("nan")
    po = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return 1.0 if pe == 1 else (po - pe) / (1 - pe)


def pairs(first: CallDoc, second: CallDoc) -> dict[str, tuple[list[str], list[str]]]:
    if [ln.text for ln in first.lines] != [ln.text for ln in second.lines]:
        raise ValueError(f"{second.path}: sentences differ from {first.path}")
    out: dict[str, tuple[list[str], list[str]]] = {}

    def add(key: str, x: object, y: object) -> None:
        out.setdefault(key, ([], []))
        out[key][0].append(str(x))
        out[key][1].append(str(y))

    for l1, l2 in zip(first.lines, second.lines):
        a, b = l1.labels, l2.labels
        add("question (none/open/closed)", a.question, b.question)
        add("question (yes/no)", a.question is not None, b.question is not None)
        if l1.side == "customer":
            add("objection (yes/no)", a.objection is not None, b.objection is not None)
            add("objection (type or none)", a.objection, b.objection)
        if l1.side == "rep" and (a.question or b.question):
            add("spin (stage or none, seller questions)", a.spin, b.spin)
        for t in TRACKERS:
            add(f"tracker.{t}", t in a.trackers, t in b.trackers)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.agreement")
    ap.add_argument("--corpus", type=Path, default=REPO / "data" / "sales-dialogue")
    ap.add_argument("--first", help="git revision of the first labels (default: working tree)")
    args = ap.parse_args(argv)
    seconds = sorted((args.corpus / "second-pass").glob("*.txt"))
    total: dict[str, tuple[list[str], list[str]]] = {}
    outcomes: tuple[list[str], list[str]] = ([], [])
    for p in seconds:
        first_path = args.corpus / "calls" / p.name
        if args.first:
            rel = first_path.resolve().relative_to(REPO)
            text = subprocess.run(["git", "show", f"{args.first}:{rel}"], cwd=REPO, capture_output=True, text=True, check=True).stdout
            first = parse_call(first_path, text)
        else:
            first = parse_call(first_path)
        second = parse_call(p)
        for k, (x, y) in pairs(first, second).items():
            total.setdefault(k, ([], []))
            total[k][0].extend(x)
            total[k][1].extend(y)
        outcomes[0].append(first.header["outcome"])
        outcomes[1].append(second.header["outcome"])
    n_calls = len(list((args.corpus / "calls").glob("*.txt")))
    print(f"Second pass: {len(seconds)} of {n_calls} calls ({len(seconds) / max(n_calls, 1):.0%}), "
          f"{len(next(iter(total.values()))[0]) if total else 0} sentences; first labels: {args.first or 'working tree'}\n")
    print("| label | items | agreement | Cohen's kappa | positives (first / second) |")
    print("|---|---|---|---|---|")
    for k, (x, y) in total.items():
        agree = sum(a == b for a, b in zip(x, y)) / len(x)
        pos = (sum(v not in ("None", "False") for v in x), sum(v not in ("None", "False") for v in y))
        print(f"| {k} | {len(x)} | {agree:.3f} | {kappa(x, y):.3f} | {pos[0]} / {pos[1]} |")
    agree = sum(a == b for a, b in zip(*outcomes)) / max(len(outcomes[0]), 1)
    print(f"| call outcome | {len(outcomes[0])} | {agree:.3f} | {kappa(*outcomes):.3f} | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
