"""The labelled sales-dialogue corpus: one text file per call, one sentence per line.

A call file is a header of ``key: value`` lines, a line ``---``, then the sentences::

    id: energy-smb-cold-03
    industry: energy brokerage
    situation: cold call
    segment: smb
    buyers: 1
    outcome: continuation
    commitment: Agreed to look at an e-mailed comparison; no meeting set.
    ---
    R: Hi, is this Maria? || q=closed
    C: Speaking. ||
    R: What's your average monthly bill right now? || q=closed spin=situation tr=pricing
    C: Honestly the price is what worries me. || obj=price tr=pricing

Speakers: ``R``/``R2`` are the seller's side (rep, a colleague such as a sales engineer),
``C``/``C2``/``C3`` the buyer's side. Consecutive lines of one speaker form one turn.
Labels after ``||`` are space-separated ``key=value`` (none at all means no label):
``q=open|closed`` · ``obj=<type>`` (customer sentences only) · ``spin=<stage>`` (seller
questions only) · ``tr=<tracker>[,<tracker>...]``. ``docs/labelling.md`` defines them.

Run ``python -m callcoach.training.corpus check FILE...`` to validate files.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

QUESTION = ("open", "closed")
OBJECTIONS = ("price", "timing", "authority", "need", "competitor", "trust", "fit")
SPIN = ("situation", "problem", "implication", "need_payoff")
TRACKERS = ("pricing", "budget", "competitor", "next_step", "decision_process", "timeline")
OUTCOMES = ("advance", "continuation", "no_sale")
SITUATIONS = ("cold call", "inbound", "discovery", "demo", "negotiation", "renewal", "churn save")
SEGMENTS = ("smb", "mid-market", "enterprise")
SPEAKERS = ("R", "R2", "C", "C2", "C3", "C4")
HEADER_KEYS = ("id", "industry", "situation", "segment", "buyers", "outcome", "commitment")

_LINE = re.compile(r"^(R2?|C[2-4]?):\s*(.*?)\s*\|\|\s*(.*)$")


class CorpusError(ValueError):
    """A call file that does not follow the format; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Labels:
    question: str | None = None  # "open" | "closed"
    objection: str | None = None  # one of OBJECTIONS
    spin: str | None = None  # one of SPIN
    trackers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Line:
    """One sentence of a call, with its speaker, its turn's number and its labels."""

    speaker: str
    text: str
    turn: int
    labels: Labels
    lineno: int

    @property
    def side(self) -> str:
        return "rep" if self.speaker.startswith("R") else "customer"


@dataclass(frozen=True, slots=True)
class CallDoc:
    path: Path
    header: dict[str, str]
    lines: tuple[Line, ...] = field(default_factory=tuple)

    @property
    def id(self) -> str:
        return self.header["id"]


def parse_labels(spec: str, where: str) -> Labels:
    q = obj = spin = None
    trackers: list[str] = []
    for item in spec.split():
        key, sep, value = item.partition("=")
        if not sep or not value:
            raise CorpusError(f"{where}: label {item!r} is not key=value")
        if key == "q":
            if value not in QUESTION:
                raise CorpusError(f"{where}: q={value!r}; use one of {', '.join(QUESTION)}")
            q = value
        elif key == "obj":
            if value not in OBJECTIONS:
                raise CorpusError(f"{where}: obj={value!r}; use one of {', '.join(OBJECTIONS)}")
            obj = value
        elif key == "spin":
            if value not in SPIN:
                raise CorpusError(f"{where}: spin={value!r}; use one of {', '.join(SPIN)}")
            spin = value
        elif key == "tr":
            for t in value.split(","):
                if t not in TRACKERS:
                    raise CorpusError(f"{where}: tracker {t!r}; use one of {', '.join(TRACKERS)}")
                if t not in trackers:
                    trackers.append(t)
        else:
            raise CorpusError(f"{where}: unknown label key {key!r}; keys are q, obj, spin, tr")
    return Labels(q, obj, spin, tuple(trackers))


def parse_call(path: Path | str, text: str | None = None) -> CallDoc:
    """Read one call file (``text``: its content, if already read)."""
    path = Path(path)
    raw = path.read_text(encoding="utf-8") if text is None else text
    head, sep, body = raw.partition("\n---\n")
    if not sep:
        raise CorpusError(f"{path}: no '---' line between the header and the sentences")
    header: dict[str, str] = {}
    for n, ln in enumerate(head.splitlines(), 1):
        if not ln.strip():
            continue
        key, colon, value = ln.partition(":")
        if not colon:
            raise CorpusError(f"{path}:{n}: header line {ln!r} is not 'key: value'")
        header[key.strip()] = value.strip()
    missing = [k for k in HEADER_KEYS if k not in header]
    if missing:
        raise CorpusError(f"{path}: header lacks {', '.join(missing)}")
    if header["situation"] not in SITUATIONS:
        raise CorpusError(f"{path}: situation {header['situation']!r}; use one of {', '.join(SITUATIONS)}")
    if header["segment"] not in SEGMENTS:
        raise CorpusError(f"{path}: segment {header['segment']!r}; use one of {', '.join(SEGMENTS)}")
    if header["outcome"] not in OUTCOMES:
        raise CorpusError(f"{path}: outcome {header['outcome']!r}; use one of {', '.join(OUTCOMES)}")
    offset = head.count("\n") + 2
    lines: list[Line] = []
    turn, prev = -1, None
    for n, ln in enumerate(body.splitlines(), offset + 1):
        if not ln.strip() or ln.lstrip().startswith("#"):
            continue
        where = f"{path}:{n}"
        m = _LINE.match(ln)
        if m is None:
            raise CorpusError(f"{where}: expected 'R: sentence || labels' (speaker R, R2, C, C2, C3 or C4), got {ln[:60]!r}")
        speaker, sentence, spec = m.group(1), m.group(2), m.group(3)
        if not sentence:
            raise CorpusError(f"{where}: empty sentence")
        labels = parse_labels(spec, where)
        side = "rep" if speaker.startswith("R") else "customer"
        if labels.objection and side != "customer":
            raise CorpusError(f"{where}: obj= is for customer sentences only")
        if labels.spin and (side != "rep" or labels.question is None):
            raise CorpusError(f"{where}: spin= is for the seller's questions only (needs q=)")
        if speaker != prev:
            turn += 1
            prev = speaker
        lines.append(Line(speaker, sentence, turn, labels, n))
    if not lines:
        raise CorpusError(f"{path}: no sentences")
    return CallDoc(path, header, tuple(lines))


def corpus_dir() -> Path | None:
    """The corpus: installed with the package (``callcoach/corpus``), else the source tree's
    ``data/sales-dialogue``."""
    from importlib import resources

    installed = Path(str(resources.files("callcoach"))) / "corpus"
    if (installed / "calls").is_dir():
        return installed
    src = Path(__file__).resolve().parents[2] / "data" / "sales-dialogue"
    return src if (src / "calls").is_dir() else None


def load_corpus(root: Path | str) -> list[CallDoc]:
    """Every call under ``root/calls`` in file-name order."""
    root = Path(root)
    return [parse_call(p) for p in sorted((root / "calls").glob("*.txt"))]


#: Held-out sets that were scored once, for the figures they gave, and then joined the training
#: data: the ``test`` split of ``calls/`` (by :func:`~callcoach.training.data.split_of`) and the
#: folders ``test2/`` and ``test3/``. ``test4/`` is the held-out set now: training never reads it.
SCORED_SETS = ("test2", "test3")
HELD_OUT = "test4"


def split_files(root: Path | str, split: str) -> list[Path]:
    """The call files of one split, in file-name order. ``train``: the train and (scored, used)
    test splits of ``calls/`` and the folders of :data:`SCORED_SETS`; ``dev``: the dev split of
    ``calls/`` (thresholds are chosen on it); ``test4``: the held-out folder."""
    from callcoach.training.data import split_of

    root = Path(root)
    calls = sorted((root / "calls").glob("*.txt"))
    if split == "train":
        scored = [p for s in SCORED_SETS for p in sorted((root / s).glob("*.txt"))]
        return [p for p in calls if split_of(p.stem) in ("train", "test")] + scored
    if split == "dev":
        return [p for p in calls if split_of(p.stem) == "dev"]
    if split == HELD_OUT:
        return sorted((root / HELD_OUT).glob("*.txt"))
    raise ValueError(f"unknown split {split!r}: train, dev or {HELD_OUT}")


def split_calls(root: Path | str, split: str) -> list[CallDoc]:
    """The parsed calls of :func:`split_files`."""
    return [parse_call(p) for p in split_files(root, split)]


def summary(calls: list[CallDoc]) -> str:
    from collections import Counter

    c: Counter[str] = Counter()
    for call in calls:
        for ln in call.lines:
            c["sentences"] += 1
            c[f"q.{ln.labels.question}"] += bool(ln.labels.question)
            c[f"obj.{ln.labels.objection}"] += bool(ln.labels.objection)
            c[f"spin.{ln.labels.spin}"] += bool(ln.labels.spin)
            for t in ln.labels.trackers:
                c[f"tr.{t}"] += 1
        c[f"outcome.{call.header['outcome']}"] += 1
        c[f"situation.{call.header['situation']}"] += 1
    return "\n".join(f"{k:28s} {v}" for k, v in sorted(c.items()) if v)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in ("check", "summary"):
        print("usage: python -m callcoach.training.corpus check|summary FILE...", file=sys.stderr)
        return 2
    calls, bad = [], 0
    for f in argv[1:]:
        try:
            calls.append(parse_call(f))
        except (CorpusError, OSError, UnicodeDecodeError) as e:
            print(e, file=sys.stderr)
            bad += 1
    ids = [c.id for c in calls]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        print(f"duplicate call ids: {', '.join(sorted(dup))}", file=sys.stderr)
        bad += 1
    print(f"{len(calls)} calls ok, {bad} with errors, {sum(len(c.lines) for c in calls)} sentences")
    if argv[0] == "summary":
        print(summary(calls))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
