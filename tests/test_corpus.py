"""The labelled sales-dialogue corpus: its file format, its size and spread, its fixed split,
the second labelling pass and the ASR-style copy."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from callcoach.training.asrify import asr_copy, asr_text
from callcoach.training.corpus import (
    SITUATIONS,
    CorpusError,
    corpus_dir,
    load_corpus,
    parse_call,
    split_calls,
    split_files,
)
from callcoach.training.data import split_of

HEAD = "id: x\nindustry: test\nsituation: demo\nsegment: smb\nbuyers: 1\noutcome: advance\ncommitment: a demo\n---\n"


@pytest.mark.parametrize(
    "body, message",
    [
        ("R: Hello there. || q=maybe\n", "q='maybe'"),
        ("R: That's too expensive. || obj=price\n", "obj= is for customer sentences only"),
        ("R: We help fleets. || spin=problem\n", "spin= is for the seller's questions only"),
        ("C: What does it cost? || q=closed spin=situation\n", "spin= is for the seller's questions only"),
        ("C: Fine. || tr=prices\n", "tracker 'prices'"),
        ("C: Fine. || colour=red\n", "unknown label key"),
        ("Q: Who is this? || q=closed\n", "expected 'R: sentence || labels'"),
    ],
)
def test_bad_lines_name_the_file_and_line(body: str, message: str):
    with pytest.raises(CorpusError) as e:
        parse_call("calls/x.txt", HEAD + body)
    assert message in str(e.value) and "calls/x.txt:9" in str(e.value)


def test_header_is_checked():
    with pytest.raises(CorpusError, match="header lacks outcome"):
        parse_call("x.txt", HEAD.replace("outcome: advance\n", "") + "R: Hi. ||\n")
    with pytest.raises(CorpusError, match="situation 'webinar'"):
        parse_call("x.txt", HEAD.replace("situation: demo", "situation: webinar") + "R: Hi. ||\n")


def test_turns_are_runs_of_one_speaker():
    doc = parse_call("x.txt", HEAD + "R: Hi. ||\nR: How are you? || q=open\nC: Good. ||\nR: Great. ||\n")
    assert [ln.turn for ln in doc.lines] == [0, 0, 1, 2]
    assert doc.lines[1].labels.question == "open" and doc.lines[2].side == "customer"


def test_the_shipped_corpus_is_large_varied_and_valid():
    root = corpus_dir()
    assert root is not None
    calls = load_corpus(root)  # every file parses
    sentences = sum(len(c.lines) for c in calls)
    assert len(calls) >= 200 and sentences >= 6000
    assert len({c.header["industry"] for c in calls}) >= 20
    assert {c.header["situation"] for c in calls} == set(SITUATIONS)
    assert {c.header["segment"] for c in calls} >= {"smb", "enterprise"}
    assert any(int(c.header["buyers"]) >= 2 for c in calls) and any(int(c.header["buyers"]) == 1 for c in calls)
    assert Counter(c.header["outcome"] for c in calls).keys() == {"advance", "continuation", "no_sale"}
    assert len({c.id for c in calls}) == len(calls)
    labels = Counter(ln.labels.objection for c in calls for ln in c.lines if ln.labels.objection)
    assert len(labels) == 7 and min(labels.values()) >= 30


def test_split_is_fixed_by_call_and_covers_all_three():
    calls = load_corpus(corpus_dir())
    splits = Counter(split_of(c.id) for c in calls)
    assert set(splits) == {"train", "dev", "test"} and splits["train"] > splits["dev"] + splits["test"]
    assert split_of("w1-01-diner-energy-cold") == split_of("w1-01-diner-energy-cold#asr")  # the ASR copy stays with its call


def test_second_pass_covers_15_percent_with_the_same_sentences():
    root = Path(__file__).resolve().parents[1] / "data" / "sales-dialogue"
    seconds = sorted((root / "second-pass").glob("*.txt"))
    calls = list((root / "calls").glob("*.txt"))
    assert len(seconds) >= 0.15 * len(calls)
    for p in seconds:
        first, second = parse_call(root / "calls" / p.name), parse_call(p)
        assert [ln.text for ln in first.lines] == [ln.text for ln in second.lines]
    assert len(calls) >= len(seconds)


def test_held_out_calls_of_new_writers_are_valid_and_apart_from_the_corpus():
    """``test4/``: calls by writers who saw only the labelling guide, never read by training."""
    root = Path(__file__).resolve().parents[1] / "data" / "sales-dialogue"
    held = split_calls(root, "test4")
    assert len(held) >= 40 and sum(len(c.lines) for c in held) >= 2000
    assert {c.header["situation"] for c in held} == set(SITUATIONS)
    training = split_calls(root, "train") + split_calls(root, "dev")
    assert not {c.id for c in training} & {c.id for c in held} and len({c.id for c in held}) == len(held)
    corpus_text = {ln.text for c in training for ln in c.lines}
    shared = [ln.text for c in held for ln in c.lines if len(ln.text.split()) >= 8 and ln.text in corpus_text]
    assert len(shared) <= 10, shared  # stock phrases only ("Did you get a chance to look at it?")


def test_training_reads_the_scored_sets_and_never_the_held_out_one():
    """The earlier held-out sets (the ``test`` split of ``calls/``, ``test2/``, ``test3/``) were
    scored once and joined training; dev stays the dev split; ``test4/`` is read by no split but its own."""
    root = Path(__file__).resolve().parents[1] / "data" / "sales-dialogue"
    train, dev = split_files(root, "train"), split_files(root, "dev")
    assert {split_of(p.stem) for p in train if p.parent.name == "calls"} == {"train", "test"}
    assert {split_of(p.stem) for p in dev} == {"dev"} and all(p.parent.name == "calls" for p in dev)
    assert any(p.parent.name == "test2" for p in train) and any(p.parent.name == "test3" for p in train)
    assert not any(p.parent.name == "test4" for p in train + dev)
    assert len(train) + len(dev) == sum(len(list((root / d).glob("*.txt"))) for d in ("calls", "test2", "test3"))
    with pytest.raises(ValueError, match="unknown split"):
        split_files(root, "test")


def test_asr_copy_keeps_labels_and_drops_question_marks():
    doc = parse_call("x.txt", HEAD + "R: Um, so what does it run per month? || q=open tr=pricing\n"
                     "C: Twenty five thousand, roughly. || tr=pricing\n")
    copy = asr_copy(doc)
    assert copy.id == "x#asr" and [ln.labels for ln in copy.lines] == [ln.labels for ln in doc.lines]
    assert all("?" not in ln.text for ln in copy.lines)
    assert asr_copy(doc) == copy  # seeded per call
    rng = random.Random(3)
    outs = {asr_text("I- I mean, we have twenty five thousand users?", rng) for _ in range(30)}
    assert any("25" in o for o in outs) and not any("?" in o for o in outs)
