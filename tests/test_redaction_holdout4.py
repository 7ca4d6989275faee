"""The fourth held-out redaction set (``data/redaction-eval/holdout4.jsonl``): current, labelled
consistently, as large as its brief asks, fake values that pass their checksums.

These tests read the labels and the values only; they never run the redactor on the set.
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
KINDS = ("price", "quantity", "date", "time", "year", "order", "ticket", "product", "percent", "measure", "last4")
EU = {"DE", "FR", "NL", "ES", "IT", "BE", "AT", "PL", "PT", "SE", "FI", "DK"}


def _make_module():
    """``data/redaction-eval/make_holdout4.py`` imported as a module (registered: its dataclasses need it)."""
    return import_script("redaction_holdout4_make", DATA / "make_holdout4.py")


@pytest.fixture(scope="module")
def calls() -> list[dict]:
    with open(DATA / "holdout4.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]




def test_the_file_is_what_make_holdout4_writes():
    assert _make_module().main(["--check"]) == 0


def test_ids_and_shape(calls):
    check_shape(calls, "h4", 300)


def test_every_label_is_consistent(calls):
    check_labels(calls)


def test_counts_meet_the_brief(calls):
    make = _make_module()
    ent, keep = make.counts(calls)
    for t, n in make.MIN_ENTITIES.items():
        assert ent[t] >= n, (t, ent[t], n)
    for k, n in make.MIN_KEEPS.items():
        assert keep[k] >= n, (k, keep[k], n)
    assert make.MIN_ENTITIES["person"] == 500 and make.MIN_KEEPS["price (in words)"] == 40
    assert set(keep) >= set(KINDS)
    countries = Counter(r["country"] for r in calls)
    assert {"US", "UK", "IE", "CA", "AU"} <= set(countries) and len(set(countries) & EU) >= 8, countries
    assert len({r["scenario"] for r in calls}) >= 14
    plain = sum(1 for r in calls for t in r["written"] if not t["entities"])
    assert plain >= 1000  # many turns carry no personal data at all


def test_the_names_and_phrasings_are_many(calls):
    make = _make_module()
    assert len(make.GIVEN_NAMES) >= 400 and len(make.SURNAMES) >= 400
    for t, (cust, rep) in make.phrasing_counts().items():
        assert cust >= 25 and rep >= 25, (t, cust, rep)


def test_the_counts_in_holdout4_md_are_the_files(calls):
    make = _make_module()
    doc = (DATA / "HOLDOUT4.md").read_text(encoding="utf-8")
    assert doc.lstrip().startswith("> **HELD OUT")
    for line in make.stats_markdown(calls).splitlines():
        if line.startswith("| ") and "brief asks" not in line and "calls |" not in line:
            assert line in doc, line


def _by_type(rec: dict, form: str, type_: str) -> list[str]:
    return [e["value"] for t in rec[form] for e in t["entities"] if e["type"] == type_]


def _numbers(parts: list[str], ok) -> list[str] | None:
    """``parts`` (the characters of values in call order) cut into whole numbers that pass ``ok``,
    pieces read over several turns joined; None when they cannot be."""
    if not parts:
        return []
    acc = ""
    for j, part in enumerate(parts):
        acc += part
        if ok(acc):
            rest = _numbers(parts[j + 1:], ok)
            if rest is not None:
                return [acc, *rest]
        if len(acc) > 34:
            break
    return None


def _numbers_allowing_one_slip(parts: list[str], ok) -> list[str] | None:
    """As :func:`_numbers`, letting one piece be a slip the caller corrected ("oh five six six,
    sorry, oh five five six")."""
    found = _numbers(parts, ok)
    for k in range(len(parts)):
        if found is not None:
            break
        found = _numbers(parts[:k] + parts[k + 1:], ok)
    return found


def test_fake_values_pass_their_checksums(calls):
    make = _make_module()
    seen = Counter()

    def card_ok(n: str) -> bool:
        return 14 <= len(n) <= 16 and make.luhn_ok(n)

    def iban_ok(s: str) -> bool:
        return s[:2] in make.IBAN_LENGTH and len(s) == make.IBAN_LENGTH[s[:2]] and make.iban_ok(s)

    for rec in calls:
        for form in ("written", "asr"):
            cards = _by_type(rec, form, "card")  # whole, in pieces, read back
            if cards:
                numbers = _numbers_allowing_one_slip([make.digits_of(v) for v in cards], card_ok)
                assert numbers, (rec["id"], form, cards)
                assert all(n[0] in "23456" for n in numbers), (rec["id"], numbers)  # test ranges
                seen["card"] += len(numbers)
            ibans = _by_type(rec, form, "iban")
            if ibans:
                numbers = _numbers([make.code_of(v) for v in ibans], iban_ok)
                assert numbers, (rec["id"], form, ibans)
                country = "GB" if rec["country"] == "UK" else rec["country"]
                assert all(n[:2] == country for n in numbers), (rec["id"], numbers)
                seen["iban"] += len(numbers)
            for v in _by_type(rec, form, "routing"):
                d = make.digits_of(v)
                if rec["country"] == "US":
                    assert len(d) == 9 and make.aba_ok(d), (rec["id"], v)
                    seen["routing"] += 1
                else:
                    assert rec["country"] == "UK" and len(d) == 6, (rec["id"], v)  # a sort code
            for v in _by_type(rec, form, "cvv"):
                assert len(make.digits_of(v)) in (3, 4), (rec["id"], v)
    assert seen["card"] >= 200 and seen["iban"] >= 60 and seen["routing"] >= 40, seen
    assert make.luhn_ok("4242424242424242") and not make.luhn_ok("4242424242424241")
    assert make.iban_ok("GB82WEST12345698765432") and not make.iban_ok("GB82WEST12345698765433")
    assert make.aba_ok("021000021") and not make.aba_ok("021000022")


def test_numbers_said_aloud_are_read_back():
    make = _make_module()
    assert make.digits_of("forty-two forty-two, oh five double five") == "42420555"
    assert make.digits_of("triple oh, 4-2, double 7, o 9") == "0004277" + "09"
    assert make.code_of("D E eight nine, N for November, W as in Whiskey, Bravo Kilo, 5001") == "DE89NWBK5001"
    assert make.code_of("Q Q, one two, three four, five six, C") == "QQ123456C"


def test_ids_and_phones_are_in_never_issued_or_fiction_ranges(calls):
    make = _make_module()
    n = Counter()
    for rec in calls:
        for form in ("written", "asr"):
            turns = rec[form]
            for prev, turn in itertools.pairwise(turns):
                ask = prev["text"].lower()
                for e in turn["entities"][:1]:
                    if e["type"] != "id":
                        continue
                    if "social security" in ask and rec["country"] == "US":
                        area = make.digits_of(e["value"])[:3]
                        assert area == "666" or area.startswith("9"), (rec["id"], e)
                        n["ssn"] += 1
                    elif "national insurance" in ask:
                        assert make.code_of(e["value"])[0] in "DFQUV", (rec["id"], e)
                        n["ni"] += 1
            for turn in turns:
                for e in turn["entities"]:
                    if e["type"] != "phone" or rec["country"] not in ("US", "CA", "UK"):
                        continue
                    d = make.digits_of(e["value"]).removeprefix("00")
                    if len(d) < 10:
                        continue  # a piece of a number read over two turns
                    if rec["country"] in ("US", "CA"):
                        d = d.removeprefix("1")
                        assert d[3:6] == "555" and d[6:8] == "01", (rec["id"], e)
                    else:
                        d = "0" + d[2:] if d.startswith("44") else d
                        assert d.startswith(("07700900", "02079460")) or re.match(r"01\d\d4960", d), (rec["id"], e)
                    n["phone"] += 1
    assert n["ssn"] >= 2 and n["ni"] >= 2 and n["phone"] >= 80, n
