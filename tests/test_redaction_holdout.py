"""The held-out redaction set (``data/redaction-eval/holdout.jsonl``): current, labelled consistently, fake values.

These tests read the labels and the values' checksums only; they never run the redactor on the set.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import import_script
from tests.redaction_sets import check_labels, check_shape

DATA = Path(__file__).resolve().parents[1] / "data" / "redaction-eval"
TYPES = ("card", "cvv", "expiry", "iban", "account", "routing", "dob", "address", "person", "email", "phone", "id")
KINDS = ("price", "quantity", "date", "time", "year", "order", "ticket", "product", "percent", "measure", "last4")


def _make_module():
    """``data/redaction-eval/make_holdout.py`` imported as a module (registered: its dataclasses need it)."""
    return import_script("redaction_holdout_make", DATA / "make_holdout.py")


@pytest.fixture(scope="module")
def calls() -> list[dict]:
    with open(DATA / "holdout.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]




def test_the_file_is_what_make_holdout_writes():
    assert _make_module().main(["--check"]) == 0


def test_ids_and_shape(calls):
    check_shape(calls, "rh", 300, turns=(4, 40))


def test_every_label_is_consistent(calls):
    check_labels(calls)


def test_counts_meet_the_brief(calls):
    ent, keep = Counter(), Counter()
    for rec in calls:
        for turn in rec["written"]:
            ent.update(e["type"] for e in turn["entities"])
            keep.update(k["kind"] for k in turn["keep"])
    assert sum(ent.values()) >= 1200
    assert all(ent[t] >= 50 for t in TYPES), ent
    assert sum(keep.values()) >= 350 and set(keep) == set(KINDS), keep
    assert {r["country"] for r in calls} >= {"US", "UK", "DE", "FR", "NL", "ES", "IT", "IE"}


def test_the_counts_in_holdout_md_are_the_files(calls):
    make = _make_module()
    doc = (DATA / "HOLDOUT.md").read_text(encoding="utf-8")
    for line in make.stats_markdown(calls).splitlines():
        if line.startswith("| ") and "values" not in line:
            assert line in doc, line


def _by_type(rec: dict, form: str, type_: str) -> list[str]:
    return [e["value"] for t in rec[form] for e in t["entities"] if e["type"] == type_]


def test_fake_values_pass_their_checksums(calls):
    make = _make_module()
    seen = Counter()
    for rec in calls:
        for form in ("written", "asr"):
            cards = _by_type(rec, form, "card")  # one card a call, whole or in pieces
            if cards:
                number = "".join(make.digits_of(v) for v in cards)
                assert 14 <= len(number) <= 16 and make.luhn_ok(number), (rec["id"], form, cards)
                seen["card"] += 1
            ibans = _by_type(rec, form, "iban")  # one IBAN a call, whole or in pieces
            if ibans:
                iban = "".join(make.code_of(v) for v in ibans)
                assert make.iban_ok(iban), (rec["id"], form, ibans)
                assert len(iban) == make.IBAN_LENGTH[iban[:2]]
                seen["iban"] += 1
            for v in _by_type(rec, form, "routing"):
                d = make.digits_of(v)
                if rec["country"] == "US":
                    assert len(d) == 9 and make.aba_ok(d), (rec["id"], v)
                    seen["routing"] += 1
                else:
                    assert len(d) == 6, (rec["id"], v)  # UK sort code
    assert seen["card"] >= 100 and seen["iban"] >= 50 and seen["routing"] >= 40, seen
    assert make.luhn_ok("4242424242424242") and not make.luhn_ok("4242424242424241")
    assert make.iban_ok("GB82WEST12345698765432") and not make.iban_ok("GB82WEST12345698765433")
    assert make.aba_ok("021000021") and not make.aba_ok("021000022")


def test_numbers_said_aloud_are_read_back():
    make = _make_module()
    assert make.digits_of("forty-two forty-two, oh five double five") == "42420555"
    assert make.digits_of("triple oh, 4-2, double 7, fifty hundred") == "000427750" + "00"
    assert make.code_of("D E four four, 5001 N W B K") == "DE445001NWBK"


def test_ids_and_phones_are_in_never_issued_or_fiction_ranges(calls):
    make = _make_module()
    n = Counter()
    for rec in calls:
        for form in ("written", "asr"):
            turns = rec[form]
            for prev, turn in itertools.pairwise(turns):
                for e in turn["entities"]:
                    if e["type"] != "id":
                        continue
                    ask = prev["text"].lower()
                    if "social security" in ask or "ssn" in ask or "your social" in ask:
                        if rec["country"] == "US":
                            area = make.digits_of(e["value"])[:3]
                            assert area == "666" or area.startswith("9"), (rec["id"], e)
                            n["ssn"] += 1
                    elif "national insurance" in ask or re.search(r"\bni number", ask):
                        assert make.code_of(e["value"])[0] in "DFIQUV", (rec["id"], e)
                        n["ni"] += 1
            for turn in turns:
                for e in turn["entities"]:
                    if e["type"] != "phone" or rec["country"] not in ("US", "UK"):
                        continue
                    d = make.digits_of(e["value"].split("ext")[0])
                    if len(d) < 10:
                        continue  # a piece or a corrected group
                    if rec["country"] == "US":
                        d = d.removeprefix("1")
                        assert d[3:6] == "555" and d[6:8] == "01", (rec["id"], e)
                    else:
                        d = "0" + d[2:] if d.startswith("44") else d
                        assert d.startswith(("07700900", "02079460")) or re.match(r"01\d\d4960", d), (rec["id"], e)
                    n["phone"] += 1
    assert n["ssn"] >= 10 and n["ni"] >= 5 and n["phone"] >= 40, n
