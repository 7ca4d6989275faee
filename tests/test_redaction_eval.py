"""The redaction evaluation set (``data/redaction-eval``) and the scoring of ``bench.redaction``."""

from __future__ import annotations

import importlib.util
import itertools
import re
import sys
import zlib
from pathlib import Path

import pytest

from bench.redaction import (
    DATA,
    PLACEHOLDER,
    TYPES,
    Tally,
    align,
    count_digits,
    load,
    score_utterance,
    split_of,
    to_call,
    value_status,
)


def _make_module():
    """``data/redaction-eval/make.py`` imported as a module (registered: its dataclasses need it)."""
    if "redaction_eval_make" in sys.modules:
        return sys.modules["redaction_eval_make"]
    spec = importlib.util.spec_from_file_location("redaction_eval_make", DATA / "make.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def calls() -> dict[str, list[dict]]:
    return {split: load(split) for split in ("dev", "test")}


def test_files_parse_and_have_the_documented_shape(calls):
    assert sum(len(v) for v in calls.values()) >= 300
    for records in calls.values():
        for rec in records:
            assert set(rec) >= {"id", "country", "industry", "scenario", "written", "asr"}
            assert len(rec["written"]) == len(rec["asr"])
            assert 4 <= len(rec["written"]) <= 12, rec["id"]
            for w, a in zip(rec["written"], rec["asr"]):
                assert w["speaker"] == a["speaker"] in ("rep", "customer")
                assert [e["type"] for e in w["entities"]] == [e["type"] for e in a["entities"]]


def test_every_label_is_its_turns_text(calls):
    for records in calls.values():
        for rec in records:
            for form in ("written", "asr"):
                for turn in rec[form]:
                    text = turn["text"]
                    for e in turn["entities"]:
                        assert e["type"] in TYPES
                        assert e["value"] and text[e["start"]:e["start"] + len(e["value"])] == e["value"], (rec["id"], e)
                    for k in turn["keep"]:
                        assert k["value"] in text
                        assert not any(k["value"] in e["value"] for e in turn["entities"])
                    for g in turn.get("ignore", ()):
                        assert text[g["start"]:g["start"] + len(g["value"])] == g["value"]
                    spans = sorted((e["start"], e["start"] + len(e["value"])) for e in turn["entities"])
                    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), (rec["id"], spans)


def test_ids_are_unique_and_the_split_is_the_crc32_of_the_id(calls):
    ids = [r["id"] for v in calls.values() for r in v]
    assert len(ids) == len(set(ids))
    for split, records in calls.items():
        assert all(split_of(r["id"]) == split for r in records)
    assert split_of("rx-0001") == ("dev" if zlib.crc32(b"rx-0001") % 2 == 0 else "test") == "test"
    assert split_of("rx-0004") == "dev"
    make = _make_module()
    assert all(make.split_of(i) == split_of(i) for i in ids)


def test_the_files_are_what_make_py_writes():
    assert _make_module().main(["--check"]) == 0


IBAN_LENGTH = {"GB": 22, "DE": 22, "FR": 27, "NL": 18, "ES": 24, "IT": 27, "IE": 22, "BE": 16}


def test_fake_values_pass_their_checksums(calls):
    make = _make_module()
    seen = {"card": 0, "iban": 0, "routing": 0}
    for records in calls.values():
        for rec in records:
            for turn in rec["written"]:
                for e in turn["entities"]:
                    compact = re.sub(r"[\s\-]", "", e["value"])
                    if e["type"] == "card" and compact.isdigit() and 13 <= len(compact) <= 19:
                        assert make.luhn_ok(compact), e
                        seen["card"] += 1
                    elif e["type"] == "iban" and len(compact) == IBAN_LENGTH.get(compact[:2]):  # whole, not a piece
                        assert make.iban_valid(compact), e
                        seen["iban"] += 1
                    elif e["type"] == "routing" and compact.isdigit() and len(compact) == 9:
                        assert make.aba_ok(compact), e
                        seen["routing"] += 1
    assert all(n >= 10 for n in seen.values()), seen


def test_counting_digits_said_or_written():
    assert count_digits(["4111"]) == 4
    assert count_digits(["forty", "one"]) == 2
    assert count_digits(["forty"]) == 2
    assert count_digits(["double", "five"]) == 2
    assert count_digits(["oh", "nine"]) == 2
    assert count_digits(["the", "third", "of", "March"]) == 1
    assert count_digits(["NG5"]) == 1


def test_a_removed_value_a_partial_leak_and_a_value_left_whole():
    text = "Sure, it's 4111 1111 1111 1111, and that's $1,299."
    start = text.index("4111")
    value = "4111 1111 1111 1111"
    assert value_status(text, "Sure, it's [CARD], and that's $1,299.", start, value, "card") == "removed"
    assert value_status(text, "Sure, it's 4111 [CARD], and that's $1,299.", start, value, "card") == "leaked"
    assert value_status(text, text, start, value, "card") == "whole"
    # Two surviving digits are not a leak; three are.
    spoken = "It's four one one one, one one one one."
    s0 = spoken.index("four")
    v0 = "four one one one, one one one one"
    assert value_status(spoken, "It's four one [CARD].", s0, v0, "card") == "removed"
    assert value_status(spoken, "It's four one one [CARD].", s0, v0, "card") == "leaked"
    # A surname left behind leaks a name; "Mr" does not.
    name = "This is Mr Jordan Baker calling."
    assert value_status(name, "This is Mr [NAME] Baker calling.", 8, "Mr Jordan Baker", "person") == "leaked"
    assert value_status(name, "This is Mr [NAME] calling.", 8, "Mr Jordan Baker", "person") == "removed"


def test_placeholders_are_traced_to_what_they_replaced():
    al = align("call me on 415 555 0134 at 3 pm", "call me on [PHONE] at [ID] pm")
    assert [(p, "call me on 415 555 0134 at 3 pm"[s[0]:s[1]]) for p, s in al.placeholders] == [
        ("[PHONE]", "415 555 0134"), ("[ID]", "3")]


def test_scoring_an_utterance():
    turn = {"speaker": "customer", "text": "Card ending 4242 is fine, the new one is 4000 0566 5566 5556 for $1,299.",
            "entities": [{"type": "card", "value": "4000 0566 5566 5556", "start": 41}],
            "keep": [{"kind": "last4", "value": "4242"}, {"kind": "price", "value": "$1,299"}]}
    assert turn["text"][41:41 + len(turn["entities"][0]["value"])] == turn["entities"][0]["value"]
    good = Tally()
    score_utterance(good, "x", turn, "Card ending 4242 is fine, the new one is [CARD] for $1,299.")
    assert good.outcome["card"]["removed"] == 1 and good.typed["card"] == 1
    assert good.produced[PLACEHOLDER["card"]] == 1 and good.on_type["[CARD]"] == 1
    assert good.keep_ok == good.keep_n
    bad = Tally()
    score_utterance(bad, "x", turn, "Card ending [CARD] is fine, the new one is 4000 [ID] for $1,299.")
    assert bad.outcome["card"]["leaked"] == 1 and bad.typed["card"] == 0
    assert bad.produced == {"[CARD]": 1, "[ID]": 1}
    assert bad.on_label == {"[CARD]": 0, "[ID]": 1} and bad.on_type["[ID]"] == 0
    assert bad.keep_ok == {"price": 1}
    assert len(bad.false_alarms) == 1 and len(bad.dropped) == 1 and len(bad.misses) == 1


def test_a_call_becomes_a_callcoach_call(calls):
    rec = calls["dev"][0]
    call = to_call(rec, "asr")
    assert [u.text for u in call.utterances] == [t["text"] for t in rec["asr"]]
    assert {u.speaker for u in call.utterances} <= {"rep", "customer"} and call.roles.rep == "rep"


def test_the_data_readme_matches_the_files(calls):
    readme = (Path(DATA) / "README.md").read_text(encoding="utf-8")
    n = sum(len(v) for v in calls.values())
    assert f"{n} calls" in readme
