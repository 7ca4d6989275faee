"""Question detection benchmark: SwDA dialogue acts and CaSiNo ``elicit-pref``.

    python -m bench.questions [--data ../shared/data] [--split train|validation] [--no-parse]

Prints one markdown table ``| set | metric | value | note |``; :func:`question_rows` returns the
same rows for another runner.

**SwDA** (``text/swda/``: ``train/`` and ``val/``, conversation ids in
``metadata/{train,val}_split.txt``; one utterance a line ``Speaker|text|tag``). The corpus copy here
uses the 41 clustered SWBD-DAMSL tags listed in ``metadata/labels.txt`` (variants such as
``qy^r`` or ``qw^h`` are already folded into their cluster), so tags are matched **exactly**:

* positives: ``qy`` (yes-no), ``qw`` (wh), ``qo`` (open), ``qrr`` (or-clause), ``qy^d``
  (declarative yes-no), ``qw^d`` (declarative wh), ``^g`` (tag question);
* negatives: everything else, notably ``qh`` (rhetorical), ``bh`` (backchannel in question
  form, "oh really?") and ``br`` (signal of non-understanding, "huh?").

One utterance is one unit: it is split into sentences like a call transcript
(:func:`callcoach.tagging.base.split_sentences`) and predicted a question when any sentence is.
The sentences of each conversation are read in order with their speakers, as the question stage
reads a call, so :func:`callcoach.tagging.questions.in_context` can overturn a question nobody
answered.
Before classification :func:`clean_swda` turns the transcript into plain words like ASR output:
annotator comments (``*listen ...``), ``<laughter>``-style tags, ``{D ...}``/``{F ...}`` brace
markup (the words are kept), repair brackets and ``+``, ``/`` slash units, ``#`` overlap marks,
``((...))`` and ``--`` go; truncated words (``th-``) are dropped. Each split is scored as given
and with every "?" removed (the way ASR often punctuates), with the spaCy parse and lexically.
Two "?"-only baselines give the scale.

**CaSiNo** (``text/casino/split/casino_{train,valid,test}.json``): every utterance of the
annotated dialogues; positives carry ``elicit-pref`` (asking the other side's needs, a discovery
question), negatives are the other annotated utterances. "Is a question" is not the same thing as
``elicit-pref`` (offers like "can I take 2?" are questions too), so this is a cross-domain check of
recall on discovery questions, with precision for information only. Rules were tuned on SwDA train
only; CaSiNo and SwDA validation were not looked at while tuning.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from callcoach.tagging.base import Parser, Token, split_sentences
from callcoach.tagging.questions import classify, in_context

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
POSITIVE_TAGS = frozenset({"qy", "qw", "qo", "qrr", "qy^d", "qw^d", "^g"})
CLOSED_TAGS = frozenset({"qy", "qy^d", "qrr", "^g"})
SPLIT_DIRS = {"train": ("train", "train_split.txt"), "validation": ("val", "val_split.txt")}

Row = tuple[str, str, str, str]


# ------------------------------------------------------------------------------------------
# data
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    positive: bool
    tag: str = ""
    speaker: str = ""
    dialogue: str = ""  # examples of one dialogue, in order, are read in context


def clean_swda(text: str) -> str:
    """SwDA transcript markup -> plain words and punctuation (what an ASR transcript looks like)."""
    t = re.sub(r"(^|\s)\*.*$", " ", text)  # annotator comments run to the end of the line
    t = re.sub(r"<+[^<>]*>+", " ", t)  # <laughter>, <<long pause>>
    t = re.sub(r"\{[A-Za-z]\s*", " ", t).replace("}", " ")  # {D so} {F uh} {C and} {E I mean} {A aside}
    t = t.replace("((", " ").replace("))", " ")  # uncertain transcription: keep the words
    t = re.sub(r"[\[\]+]", " ", t)  # [ repair + repair ]
    t = re.sub(r"-*/", " ", t)  # slash units, "-/" (incomplete)
    t = t.replace("#", " ").replace("--", " ")
    t = re.sub(r"(?<![\w'])[A-Za-z]+-(?=[\s,.?!]|$)", " ", t)  # truncated words: th- sh-
    t = re.sub(r"\s+", " ", t)
    t = re.sub(r"\s+([,.?!;:])", r"\1", t)
    t = re.sub(r"([,;])(?:\s*[,;])+", r"\1", t)  # ", ," left by removals
    t = re.sub(r"^[\s,.;]+", "", t)
    return t.strip()


def strip_qmarks(text: str) -> str:
    """Every "?" removed (as if the recogniser never wrote one)."""
    return re.sub(r"\s+", " ", text.replace("?", "")).strip()


def load_swda(data_dir: Path, split: str) -> list[Example]:
    """Cleaned SwDA utterances of ``split`` (train or validation)."""
    sub, ids_file = SPLIT_DIRS[split]
    root = Path(data_dir) / "text" / "swda"
    ids = [x.strip() for x in (root / "metadata" / ids_file).read_text().split() if x.strip()]
    out: list[Example] = []
    for cid in ids:
        path = root / sub / f"{cid}.txt"
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            parts = line.split("|")
            if len(parts) < 3:
                continue
            tag = parts[-1].strip()
            text = clean_swda("|".join(parts[1:-1]))
            out.append(Example(text, tag in POSITIVE_TAGS, tag, parts[0].strip(), cid))
    return out


def load_casino(data_dir: Path) -> list[Example]:
    """Annotated CaSiNo utterances; positive = annotated ``elicit-pref``."""
    out: list[Example] = []
    for split in ("train", "valid", "test"):
        path = Path(data_dir) / "text" / "casino" / "split" / f"casino_{split}.json"
        if not path.exists():
            continue
        for dialogue in json.loads(path.read_text(encoding="utf-8")):
            for text, labels in dialogue.get("annotations") or ():
                names = {x.strip() for x in str(labels).split(",") if x.strip()}
                if names:
                    out.append(Example(str(text), "elicit-pref" in names, ",".join(sorted(names))))
    return out


# ------------------------------------------------------------------------------------------
# scoring
# ------------------------------------------------------------------------------------------


def prf(pred: Sequence[bool], gold: Sequence[bool]) -> tuple[float, float, float, int, int, int]:
    """Precision, recall, F1 and tp/fp/fn."""
    tp = sum(p and g for p, g in zip(pred, gold))
    fp = sum(p and not g for p, g in zip(pred, gold))
    fn = sum(g and not p for p, g in zip(pred, gold))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, tp, fp, fn


def _sentences(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in split_sentences(text)] or ([text] if text.strip() else [])


def predict(
    texts: Sequence[str], parser: Parser | None, examples: Sequence[Example] | None = None
) -> tuple[list[tuple[bool, str | None]], int, float]:
    """Per text: (any sentence a question, kind of the first question); plus the sentence count and
    the seconds spent (parse and rules).

    With ``examples`` (parallel to ``texts``) the sentences of each dialogue are read in order
    with their speakers, as the question stage reads a call (:func:`in_context`); without, each
    text stands alone.
    """
    sents = [_sentences(t) for t in texts]
    flat = [s for ss in sents for s in ss]
    t0 = time.perf_counter()
    parses: list[list[Token]] = parser.parse(flat) if parser is not None else [[] for _ in flat]
    decisions = [classify(s, toks or None) for s, toks in zip(flat, parses)]
    if examples is not None:
        owner = [i for i, ss in enumerate(sents) for _ in ss]
        a = 0
        while a < len(flat):
            b = a
            while b < len(flat) and examples[owner[b]].dialogue == examples[owner[a]].dialogue:
                b += 1
            decisions[a:b] = in_context([(examples[owner[i]].speaker, flat[i]) for i in range(a, b)], decisions[a:b])
            a = b
    out: list[tuple[bool, str | None]] = []
    pos = 0
    for ss in sents:
        hit: tuple[bool, str | None] = (False, None)
        for _ in ss:
            d = decisions[pos]
            pos += 1
            if d.is_question and not hit[0]:
                hit = (True, d.kind)
        out.append(hit)
    return out, len(flat), time.perf_counter() - t0


def _fmt(p: float, r: float, f: float, tp: int, fp: int, fn: int) -> tuple[str, str]:
    return f"{f:.3f}", f"P {p:.3f} R {r:.3f} (tp {tp}, fp {fp}, fn {fn})"


def _spacy() -> tuple[Parser | None, str]:
    try:
        from callcoach.tagging.nlp import SpacyParser

        p = SpacyParser()
        return p, f"{p.info.name} {p.info.version}"
    except Exception as exc:  # noqa: BLE001 - the row says why the parse is missing
        return None, f"spaCy unavailable: {type(exc).__name__}: {exc}"


def question_rows(
    data_dir: Path | str = DEFAULT_DATA,
    split: str = "validation",
    parse: bool = True,
    parser: Parser | None = None,
    log: Callable[[str], None] = lambda m: print(m, file=sys.stderr),
) -> list[Row]:
    """The benchmark rows ``(set, metric, value, note)`` for SwDA ``split`` and CaSiNo."""
    data_dir = Path(data_dir)
    rows: list[Row] = []
    parsers: list[tuple[str, Parser | None, str]] = [("lexical", None, "rules only, no parse")]
    if parse:
        p, note = (parser, "given parser") if parser is not None else _spacy()
        if p is not None:
            parsers.insert(0, ("spaCy", p, note))
        else:
            rows.append((f"swda-{split}", "question F1 (spaCy)", "n/a", note))

    swda_root = data_dir / "text" / "swda"
    if not swda_root.exists():
        rows.append((f"swda-{split}", "question F1", "n/a", f"{swda_root} not present"))
    else:
        log(f"loading SwDA {split} ...")
        data = load_swda(data_dir, split)
        gold = [e.positive for e in data]
        n_pos = sum(gold)
        base = f"{len(data)} utterances, {n_pos} questions"
        for variant, texts in (("as given", [e.text for e in data]), ('"?" removed', [strip_qmarks(e.text) for e in data])):
            for pname, p, pnote in parsers:
                log(f"SwDA {split} {variant} {pname} ...")
                preds, n_sent, secs = predict(texts, p, data)
                value, note = _fmt(*prf([x[0] for x in preds], gold))
                rows.append((f"swda-{split}", f"question F1, {variant}, {pname}", value, f"{note}; {base}"))
                if variant == "as given":
                    speed = n_sent / secs if secs > 0 else float("inf")
                    rows.append((f"swda-{split}", f"speed, {pname}", f"{speed:.0f} sentences/s",
                                 f"{n_sent} sentences in {secs:.1f} s, parse + rules ({pnote}), one process"))
                if variant == "as given" and pname == parsers[0][0]:
                    rows.extend(_kind_rows(split, data, preds))
        qpred = [t.rstrip().endswith("?") for t in (e.text for e in data)]
        value, note = _fmt(*prf(qpred, gold))
        rows.append((f"swda-{split}", 'baseline: ends with "?"', value, note))
        qpred = ["?" in e.text for e in data]
        value, note = _fmt(*prf(qpred, gold))
        rows.append((f"swda-{split}", 'baseline: contains "?"', value, note))

    casino = load_casino(data_dir)
    if not casino:
        rows.append(("casino", "elicit-pref F1", "n/a", f"{data_dir / 'text' / 'casino'} not present"))
    else:
        gold = [e.positive for e in casino]
        for pname, p, _ in parsers:
            log(f"CaSiNo {pname} ...")
            preds, _, _ = predict([e.text for e in casino], p)
            value, note = _fmt(*prf([x[0] for x in preds], gold))
            rows.append(("casino", f"question vs elicit-pref F1, {pname}", value,
                         f"{note}; {len(casino)} annotated utterances, {sum(gold)} elicit-pref"))
            preds, _, _ = predict([strip_qmarks(e.text) for e in casino], p)
            value, note = _fmt(*prf([x[0] for x in preds], gold))
            rows.append(("casino", f'question vs elicit-pref F1, "?" removed, {pname}', value, note))
    return rows


def _kind_rows(split: str, data: Sequence[Example], preds: Sequence[tuple[bool, str | None]]) -> list[Row]:
    """Open/closed agreement on detected questions whose SwDA tag implies the kind."""
    closed = [(e, k) for e, (ok, k) in zip(data, preds) if ok and e.tag in CLOSED_TAGS]
    opened = [(e, k) for e, (ok, k) in zip(data, preds) if ok and e.tag == "qo"]
    wh = [(e, k) for e, (ok, k) in zip(data, preds) if ok and e.tag in ("qw", "qw^d")]
    rows: list[Row] = []
    if closed:
        acc = sum(k == "closed" for _, k in closed) / len(closed)
        rows.append((f"swda-{split}", "kind: closed on qy/qy^d/qrr/^g", f"{acc:.3f}", f"{len(closed)} detected"))
    if opened:
        acc = sum(k == "open" for _, k in opened) / len(opened)
        rows.append((f"swda-{split}", "kind: open on qo", f"{acc:.3f}", f"{len(opened)} detected"))
    if wh:
        acc = sum(k == "open" for _, k in wh) / len(wh)
        rows.append((f"swda-{split}", "kind: share open on qw/qw^d", f"{acc:.3f}",
                     f"{len(wh)} detected; how many/when/where/who/which count as closed"))
    return rows


def render(rows: Iterable[Row]) -> str:
    lines = ["| set | metric | value | note |", "|---|---|---|---|"]
    lines += [f"| {s} | {m} | {v} | {n} |" for s, m, v, n in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.questions", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--split", choices=sorted(SPLIT_DIRS), default="validation")
    ap.add_argument("--no-parse", action="store_true", help="lexical rules only (no spaCy)")
    args = ap.parse_args(argv)
    print(render(question_rows(args.data, args.split, parse=not args.no_parse)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
