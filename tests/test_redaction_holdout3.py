"""The third held-out redaction set (``data/redaction-eval/holdout3.jsonl``): current, labelled
consistently, as large as its brief asks, and made of fake values that pass their checksums.

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
MIN_VALUES = {"card": 100, "cvv": 80, "expiry": 80, "iban": 50, "account": 40, "routing": 40, "dob": 110,
              "address": 150, "person": 500, "email": 70, "phone": 120, "id": 60}  # person counts rep names too
MIN_KEEPS = {"price": 250, "quantity": 100, "date": 250, "time": 80, "year": 50, "order": 50, "ticket": 40,
             "product": 30, "percent": 30, "measure": 30, "last4": 40}
EU = {"DE", "FR", "NL", "ES", "IT", "BE", "PT", "AT", "PL"}


def _make():
    """``data/redaction-eval/make_holdout3.py`` imported as a module (registered: its dataclasses need it)."""
    return import_script("redaction_holdout3_make", DATA / "make_holdout3.py")


@pytest.fixture(scope="module")
def calls() -> list[dict]:
    with open(DATA / "holdout3.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]




def _values(rec: dict, form: str, type_: str) -> list[str]:
    return [e["value"] for t in rec[form] for e in t["entities"] if e["type"] == type_]


def test_the_file_is_what_make_holdout3_writes():
    assert _make().main(["--check"]) == 0


def test_ids_and_shape(calls):
    check_shape(calls, "h3", 300)


def test_every_label_is_consistent(calls):
    check_labels(calls)


def test_counts_meet_the_brief(calls):
    ent, keep, words = Counter(), Counter(), 0
    for rec in calls:
        for turn in rec["written"]:
            ent.update(e["type"] for e in turn["entities"])
            keep.update(k["kind"] for k in turn["keep"])
            words += sum(1 for k in turn["keep"] if k["kind"] == "price" and not re.search(r"\d", k["value"]))
    assert all(ent[t] >= n for t, n in MIN_VALUES.items()), ent
    assert all(keep[k] >= n for k, n in MIN_KEEPS.items()), keep
    assert keep["price"] - words >= 250 and words >= 40, (keep["price"], words)  # digits, and said in words
    countries = Counter(r["country"] for r in calls)
    assert {"US", "UK", "IE", "CA", "AU"} <= set(countries) and len(EU & set(countries)) >= 6, countries
    assert len({r["scenario"] for r in calls}) >= 14
    quiet = sum(1 for r in calls for t in r["written"] if not t["entities"])
    assert quiet >= 1000  # many turns hold no personal data at all


def test_the_counts_in_holdout3_md_are_the_files(calls):
    doc = (DATA / "HOLDOUT3.md").read_text(encoding="utf-8")
    head = doc.lstrip().splitlines()[0]
    assert "HELD OUT" in head, head
    for needle in ("python -m bench.redaction --split holdout3", "callcoach/pii.py", "callcoach/pii_words.py",
                   "callcoach/redact.py", "callcoach/names/", "make_holdout3.py"):
        assert needle in doc[:1500], needle  # said in the box at the top
    for line in _make().stats_markdown(calls).splitlines():
        if line.startswith("| ") and "values" not in line:
            assert line in doc, line


def test_fake_values_pass_their_checksums(calls):
    make = _make()
    seen = Counter()
    for rec in calls:
        for form in ("written", "asr"):
            cards = _values(rec, form, "card")  # one card a call, whole or in pieces
            if cards:
                number = "".join(make.digits_of(v) for v in cards)
                assert 14 <= len(number) <= 16 and make.luhn_ok(number), (rec["id"], form, cards)
                seen["card"] += 1
            code = ""  # IBANs: pieces add up to whole ones (a read-back is a second whole one)
            for v in _values(rec, form, "iban"):
                code += make.code_of(v)
                if len(code) == make.IBAN_LENGTH.get(code[:2], -1):
                    assert make.iban_ok(code), (rec["id"], form, code)
                    seen["iban"] += 1
                    code = ""
            assert code == "", (rec["id"], form, code)
            for v in _values(rec, form, "routing"):
                d = make.digits_of(v)
                if rec["country"] == "US":
                    assert len(d) == 9 and make.aba_ok(d), (rec["id"], v)
                    seen["aba"] += 1
                else:
                    assert rec["country"] == "UK" and len(d) == 6, (rec["id"], v)  # a sort code
    assert seen["card"] >= 150 and seen["iban"] >= 60 and seen["aba"] >= 40, seen
    assert make.luhn_ok("4242424242424242") and not make.luhn_ok("4242424242424241")
    assert make.iban_ok("GB82WEST12345698765432") and not make.iban_ok("GB82WEST12345698765433")
    assert make.aba_ok("021000021") and not make.aba_ok("021000022")


def test_numbers_said_aloud_are_read_back():
    make = _make()
    assert make.digits_of("forty-two forty-two, oh five double five") == "42420555"
    assert make.digits_of("twenty three forty five") == "2345" and make.digits_of("twenty, five") == "205"
    assert make.digits_of("triple oh, 4-2, o 7") == "0004207"
    assert make.code_of("D for delta, E as in Echo, four four, 5001 N W B K") == "DE445001NWBK"
    assert make.code_of("double Q, twelve, C for Charlie") == "QQ12C"


def _national(d: str, cc: str) -> str:
    """A phone number's digits as dialled at home: "0044 7700 ..." and "+44 7700 ..." -> "07700 ..."."""
    d = d.removeprefix("00")
    if cc == "1":
        return d.removeprefix("1")
    return "0" + d[len(cc):] if d.startswith(cc) else d


def test_ids_and_phones_are_in_never_issued_or_fiction_ranges(calls):
    make = _make()
    n = Counter()
    for rec in calls:
        for form in ("written", "asr"):
            turns = rec[form]
            for prev, turn in itertools.pairwise(turns):
                ask = (prev["text"] + " " + turn["text"]).lower()
                for e in turn["entities"]:
                    if e["type"] != "id":
                        continue
                    if rec["country"] == "US" and ("social" in ask or "ssn" in ask):
                        d = make.digits_of(e["value"])
                        if len(d) == 9:
                            assert d[:3] == "666" or d.startswith("9"), (rec["id"], e)
                            n["ssn"] += 1
                    elif "national insurance" in ask or re.search(r"\bni number", ask):
                        code = make.code_of(e["value"])
                        if len(code) == 9:
                            assert code[0] in "DFIQUV", (rec["id"], e)
                            n["ni"] += 1
            for turn in turns:
                for e in turn["entities"]:
                    if e["type"] != "phone" or rec["country"] not in ("US", "CA", "UK", "AU"):
                        continue
                    d = make.digits_of(e["value"])
                    if len(d) < 10:
                        continue  # a piece of a number read over two turns
                    cc = {"US": "1", "CA": "1", "UK": "44", "AU": "61"}[rec["country"]]
                    d = _national(d, cc)
                    if cc == "1":
                        assert len(d) == 10 and d[3:8] == "55501", (rec["id"], e)
                    elif cc == "44":
                        assert d.startswith(("07700900", "02079460")) or re.match(r"01\d\d4960", d), (rec["id"], e)
                    else:
                        assert re.match(r"04915701[1-5]\d$|0[2378]5550\d{4}$", d), (rec["id"], e)
                    n["phone"] += 1
    assert n["ssn"] >= 10 and n["ni"] >= 5 and n["phone"] >= 100, n


def test_phrasings_are_many_and_a_third_of_dobs_expiries_and_ids_are_said_unusually():
    make = _make()
    for type_, sides in make.PHRASINGS.items():
        for side, pool in sides.items():
            assert len(set(pool)) >= 25, (type_, side, len(set(pool)))
    built = make.build_all()
    for k in ("dob", "expiry", "id"):
        assert built.total[k] >= 50 and 0.25 <= built.odd[k] / built.total[k] <= 0.45, (k, built.odd, built.total)
