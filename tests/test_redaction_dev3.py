"""The fourth writer's tuning set (``data/redaction-eval/dev3.jsonl``): current, labelled consistently, fake values.

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
from tests.redaction_sets import check_labels, check_shape, standard_library_only

DATA = Path(__file__).resolve().parents[1] / "data" / "redaction-eval"
TYPES = ("card", "cvv", "expiry", "iban", "account", "routing", "dob", "address", "person", "email", "phone", "id")
KINDS = ("price", "quantity", "date", "time", "year", "order", "ticket", "product", "percent", "measure", "last4")
# the brief's minimum counts of labelled values (written form); person counts customers and third parties only
MINIMUM = {"card": 90, "cvv": 70, "expiry": 80, "iban": 50, "account": 40, "routing": 40, "dob": 120, "address": 150,
           "person": 500, "email": 70, "phone": 130, "id": 60}
MIN_KEEPS = 900


def _make_module():
    """``data/redaction-eval/make_dev3.py`` imported as a module (registered: its dataclasses need it)."""
    return import_script("redaction_dev3_make", DATA / "make_dev3.py")


@pytest.fixture(scope="module")
def calls() -> list[dict]:
    with open(DATA / "dev3.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]




def test_the_file_is_what_make_dev3_writes():
    assert _make_module().main(["--check"]) == 0


def test_the_generator_uses_the_standard_library_only():
    assert not standard_library_only(DATA / "make_dev3.py")


def test_ids_and_shape(calls):
    check_shape(calls, "r3", 250)


def test_every_label_is_consistent(calls):
    check_labels(calls)


def test_counts_meet_the_brief(calls):
    ent, keep = Counter(), Counter()
    for rec in calls:
        for turn in rec["written"]:
            ent.update(e["type"] for e in turn["entities"] if not e.get("rep_name"))
            keep.update(k["kind"] for k in turn["keep"])
    assert all(ent[t] >= n for t, n in MINIMUM.items()), {t: (ent[t], n) for t, n in MINIMUM.items()}
    assert sum(keep.values()) >= MIN_KEEPS and set(keep) == set(KINDS), keep
    countries = Counter(r["country"] for r in calls)
    assert {"US", "UK", "IE", "CA", "AU"} <= set(countries), countries
    assert len(set(countries) - {"US", "UK", "IE", "CA", "AU"}) >= 6, countries  # EU countries
    assert len({r["scenario"] for r in calls}) >= 15


def test_every_entity_has_25_phrasings_on_each_side():
    make = _make_module()
    make.check_pools()  # raises when a side of an entity has fewer than 25 distinct carrier phrasings
    for t in TYPES:
        for side in ("customer", "rep"):
            assert len({x for p in make.CARRIERS[t][side] for x in make.POOLS[p]}) >= 25, (t, side)
    assert len(set(make.GIVEN)) >= 400 and len(set(make.SURNAMES)) >= 400


def test_the_counts_in_dev3_md_are_the_files(calls):
    make = _make_module()
    doc = (DATA / "DEV3.md").read_text(encoding="utf-8")
    for line in make.stats_markdown(calls).splitlines():
        if line.startswith("| ") and "values |" not in line and "calls |" not in line:
            assert line in doc, line


def _by_type(rec: dict, form: str, type_: str) -> list[str]:
    return [e["value"] for t in rec[form] for e in t["entities"] if e["type"] == type_]


def _repeats(s: str, lengths: tuple[int, ...]) -> str | None:
    """The unit ``s`` repeats (a number read, then read back whole), of one of ``lengths``, or None."""
    for n in lengths:
        if s and len(s) % n == 0 and s == s[:n] * (len(s) // n):
            return s[:n]
    return None


def test_fake_values_pass_their_checksums(calls):
    make = _make_module()
    seen = Counter()
    for rec in calls:
        for form in ("written", "asr"):
            cards = _by_type(rec, form, "card")  # one card a call: whole, in pieces, and maybe read back whole
            if cards:
                number = _repeats("".join(make.digits_of(v) for v in cards), (14, 15, 16))
                assert number and make.luhn_ok(number), (rec["id"], form, cards)
                seen["card"] += 1
            ibans = _by_type(rec, form, "iban")  # one IBAN a call, whole or in pieces, maybe read back
            if ibans:
                joined = "".join(make.code_of(v) for v in ibans)
                iban = _repeats(joined, tuple(sorted(set(make.IBAN_LENGTH.values()))))
                assert iban and make.iban_ok(iban), (rec["id"], form, ibans)
                assert len(iban) == make.IBAN_LENGTH[iban[:2]]
                seen["iban"] += 1
            for v in _by_type(rec, form, "routing"):
                d = make.digits_of(v)
                if rec["country"] == "US":
                    assert len(d) == 9 and make.aba_ok(d), (rec["id"], v)
                    seen["aba"] += 1
                elif rec["country"] == "CA":
                    assert len(d) in (5, 3), (rec["id"], v)  # transit, institution
                else:
                    assert len(d) == 6, (rec["id"], v)  # UK sort code, Australian BSB
    assert seen["card"] >= 100 and seen["iban"] >= 50 and seen["aba"] >= 20, seen
    assert make.luhn_ok("4242424242424242") and not make.luhn_ok("4242424242424241")
    assert make.iban_ok("GB82WEST12345698765432") and not make.iban_ok("GB82WEST12345698765433")
    assert make.aba_ok("021000021") and not make.aba_ok("021000022")


def test_numbers_said_aloud_are_read_back():
    make = _make_module()
    assert make.digits_of("forty-two forty-two, oh five double five") == "42420555"
    assert make.digits_of("four oh three five fifty-five oh one one four") == "4035550114"
    assert make.digits_of("one thirty, four") == "1304"  # a pause ends a tens word
    assert make.digits_of("forty-two hundred, triple oh") == "4200000"
    assert make.code_of("D E four four, 5001 N W B K") == "DE445001NWBK"
    assert make.code_of("N as in November L as in Lima zero five, x-ray") == "NL05X"
    assert make.code_of("delta echo 44, nwbk") == "DE44NWBK"


def _uk_national(d: str) -> str:
    if d.startswith("0044"):
        return "0" + d[4:]
    return "0" + d[2:] if d.startswith("44") else d


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
                    asked = (prev["text"] + " " + turn["text"]).lower()
                    d, code = make.digits_of(e["value"]), make.code_of(e["value"])
                    if rec["country"] == "US" and re.search(r"\bsocial\b|\bssn\b", asked) and len(d) == 9:
                        assert d[:3] == "666" or d.startswith("9"), (rec["id"], e)
                        n["ssn"] += 1
                    elif rec["country"] == "UK" and re.fullmatch(r"[A-Z]{2}\d{6}[A-D]", code):
                        assert code[0] in "DFIQUV", (rec["id"], e)  # prefixes never used for NI numbers
                        n["ni"] += 1
                    elif rec["country"] == "UK" and "nhs" in asked and len(d) == 10:
                        assert d.startswith("999"), (rec["id"], e)
                        n["nhs"] += 1
            for turn in turns:
                for e in turn["entities"]:
                    if e["type"] != "phone":
                        continue
                    d = make.digits_of(e["value"])
                    if len(d) < 10:
                        continue  # a piece of a number read over two turns
                    if rec["country"] in ("US", "CA"):
                        d = d.removeprefix("00").removeprefix("1")
                        assert d[3:6] == "555" and d[6:8] == "01", (rec["id"], e)
                        n["nanp"] += 1
                    elif rec["country"] == "UK":
                        d = _uk_national(d)
                        assert d.startswith(("07700900", "02079460")) or re.match(r"01\d\d4960", d), (rec["id"], e)
                        n["uk"] += 1
                    elif rec["country"] == "AU":
                        d = d.removeprefix("00")
                        d = "0" + d[2:] if d.startswith("61") else d
                        assert d.startswith("0491570") or re.match(r"0[2378]5550", d), (rec["id"], e)
                        n["au"] += 1
    assert n["ssn"] >= 6 and n["ni"] >= 4 and n["nanp"] >= 40 and n["uk"] >= 20 and n["au"] >= 10, n
