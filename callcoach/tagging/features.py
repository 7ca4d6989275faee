"""What the tag classifiers read of a sentence: one dense row and its hashed n-grams.

A sentence's dense row (:func:`features`) is its sentence embedding, the embedding of the turn
before it (the other side's last sentences: what it answers or reacts to), and the rule cues of
the rule stages as 0/1 columns (:data:`RULE_FEATURES`: the question rule that fired, objection
cue types, SPIN cues, tracker keywords), its side (rep / customer / unknown) and its place in
the call and its turn. The rules no longer decide; they inform the model. Beside the row go the
hashed ids of its words and word pairs (:func:`ngram_ids`), the lexical stance cues ("too",
"already", "can't") that a sentence embedding blurs.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from callcoach.tagging.base import Token

QUESTION_RULES = ("backchannel", "rhetorical", "reported", "wh", "wh-late", "inversion", "inv-late", "request", "tag",
                  "declarative", "elliptical", "qmark", "fragment", "unanswered")
OBJECTION_TYPES = ("price", "timing", "authority", "need", "competitor", "trust", "fit")
SPIN_STAGES = ("situation", "problem", "implication", "need_payoff")
TRACKERS = ("pricing", "budget", "competitor", "next_step", "decision_process", "timeline")
KINDS = ("question", "marked", "plain", "short")

RULE_FEATURES: tuple[str, ...] = (
    ("qmark", "q.is", "q.open", "q.closed", "q.score")
    + tuple(f"q.rule.{r}" for r in QUESTION_RULES)
    + tuple(f"obj.cue.{t}" for t in OBJECTION_TYPES) + ("obj.cue.hedge",)
    + tuple(f"obj.kind.{k}" for k in KINDS)
    + tuple(f"spin.cue.{s}" for s in SPIN_STAGES)
    + tuple(f"tr.kw.{t}" for t in TRACKERS)
    + ("role.rep", "role.customer", "pos", "pos.end", "turn.first", "turn.last", "turn.len", "words",
       "ctx.none", "ctx.question")
)


@dataclass(frozen=True, slots=True)
class Item:
    """What the features need of one sentence: who said it, their side, the words."""

    speaker: str
    role: str  # "rep" | "customer" | anything else = unknown
    text: str


def turns_of(items: Sequence[Item]) -> list[int]:
    """Turn number of each sentence: a turn is a run of sentences by one speaker."""
    out, turn, prev = [], -1, None
    for it in items:
        if it.speaker != prev:
            turn, prev = turn + 1, it.speaker
        out.append(turn)
    return out


def context_rows(items: Sequence[Item]) -> list[tuple[int, ...]]:
    """For each sentence, the last (up to two) sentences of the turn before its own."""
    turns = turns_of(items)
    starts: dict[int, int] = {}
    for i, t in enumerate(turns):
        starts.setdefault(t, i)
    out = []
    for i, t in enumerate(turns):
        if t == 0:
            out.append(())
            continue
        end = starts[t]  # the previous turn ends just before this turn starts
        begin = starts[t - 1]
        out.append(tuple(range(max(begin, end - 2), end)))
    return out


def rule_features(items: Sequence[Item], parses: Sequence[Sequence[Token]] | None = None) -> np.ndarray:
    """The rule cues and position of every sentence, columns :data:`RULE_FEATURES`."""
    from callcoach.tagging import objections, questions, spin, trackers

    n = len(items)
    col = {name: j for j, name in enumerate(RULE_FEATURES)}
    out = np.zeros((n, len(RULE_FEATURES)), dtype=np.float32)
    parses = parses if parses is not None else [[] for _ in items]
    decisions = [questions.classify(it.text, toks or None) for it, toks in zip(items, parses)]
    decisions = questions.in_context([(it.speaker, it.text) for it in items], decisions)
    turns = turns_of(items)
    ctx = context_rows(items)
    for i, (it, d) in enumerate(zip(items, decisions)):
        row = out[i]
        text = it.text
        low = text.lower()
        row[col["qmark"]] = "?" in text
        row[col["q.is"]] = d.is_question
        if d.is_question and d.kind:
            row[col[f"q.{d.kind}"]] = 1.0
        row[col["q.score"]] = d.score
        rule = {"wh-late-last": "wh-late", "inv-late-last": "inv-late"}.get(d.rule, d.rule)
        if f"q.rule.{rule}" in col:
            row[col[f"q.rule.{rule}"]] = 1.0
        for _name, typ in objections.lexical_cues(text):
            row[col[f"obj.cue.{typ}" if typ else "obj.cue.hedge"]] = 1.0
        row[col[f"obj.kind.{objections.sentence_kind(text)}"]] = 1.0
        for stage in SPIN_STAGES[1:]:
            if spin.CUES[f"spin.{stage}"].search(low):
                row[col[f"spin.cue.{stage}"]] = 1.0
        if spin.SITUATION_CUE.search(low):
            row[col["spin.cue.situation"]] = 1.0
        for t in TRACKERS:
            if trackers.PATTERNS[f"tracker.{t}"].search(text):
                row[col[f"tr.kw.{t}"]] = 1.0
        if it.role in ("rep", "customer"):
            row[col[f"role.{it.role}"]] = 1.0
        row[col["pos"]] = i / max(n - 1, 1)
        row[col["pos.end"]] = 1.0 if i >= n - max(6, n // 8) else 0.0
        row[col["turn.first"]] = i == 0 or turns[i - 1] != turns[i]
        row[col["turn.last"]] = i == n - 1 or turns[i + 1] != turns[i]
        row[col["turn.len"]] = math.log1p(turns.count(turns[i])) / 3
        row[col["words"]] = math.log1p(len(re.findall(r"\w+", text))) / 4
        row[col["ctx.none"]] = not ctx[i]
        row[col["ctx.question"]] = any(decisions[j].is_question for j in ctx[i])
    return out


NGRAM_BITS = 15
_WORD = re.compile(r"[a-z0-9']+|\?")


def ngram_ids(text: str) -> np.ndarray:
    """Hashed ids (``2**NGRAM_BITS`` buckets) of the sentence's lower-case words and word pairs,
    with sentence-start and -end marks: the lexical stance cues ("too", "already", "can't")
    that a sentence embedding blurs."""
    import zlib

    toks = ["<s>"] + _WORD.findall(text.lower()) + ["</s>"]
    grams = [f"w:{t}" for t in toks[1:-1]] + [f"b:{a} {b}" for a, b in zip(toks, toks[1:])]
    mask = (1 << NGRAM_BITS) - 1
    return np.array(sorted({zlib.crc32(g.encode()) & mask for g in grams}), dtype=np.int64)


@dataclass(frozen=True)
class Features:
    """Dense rows [embedding, context embedding, rule features] and each row's n-gram ids."""

    dense: np.ndarray
    ngrams: list[np.ndarray]

    def __len__(self) -> int:
        return self.dense.shape[0]

    def take(self, rows: np.ndarray) -> Features:
        return Features(self.dense[rows], [self.ngrams[i] for i in rows])

    @staticmethod
    def concat(parts: Sequence[Features]) -> Features:
        return Features(np.concatenate([p.dense for p in parts]), [g for p in parts for g in p.ngrams])


def features(items: Sequence[Item], embeddings: np.ndarray, parses: Sequence[Sequence[Token]] | None = None) -> Features:
    """One row per sentence: [embedding, context embedding, rule features] and its n-grams."""
    n, d = embeddings.shape[0], embeddings.shape[1] if embeddings.ndim == 2 else 0
    ctx_emb = np.zeros((n, d), dtype=np.float32)
    for i, rows in enumerate(context_rows(items)):
        if rows:
            ctx_emb[i] = embeddings[list(rows)].mean(axis=0)
    dense = np.concatenate([embeddings.astype(np.float32), ctx_emb, rule_features(items, parses)], axis=1)
    return Features(dense, [ngram_ids(it.text) for it in items])
