"""The fourth tuning set for redaction (``data/redaction-eval/dev4.jsonl``): current, labelled consistently,
counts as briefed, fake values that pass their checksums.

These tests read the labels and the values only; they never run the redactor on the set. The checksums are
computed here, independently of ``make_dev4.py``, and compared with the generator's own.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import import_script
from tests.redaction_sets import check_labels, check_shape

DATA = Path(__file__).resolve().parents[1] / "data" / "redaction-eval"
# The brief's minimums (written form; person counts the rep's own name too).
MIN_VALUES = {"card": 110, "cvv": 80, "expiry": 100, "iban": 50, "account": 40, "routing": 40, "dob": 110,
              "address": 150, "person": 450, "email": 70, "phone": 110, "id": 60}
MIN_KEEPS = {"price": 200, "quantity": 80, "date": 200, "time": 60, "year": 40, "order": 40, "ticket": 30,
             "product": 25, "percent": 25, "measure": 25, "last4": 40}
MIN_PRICES_IN_WORDS = 30
IBAN_LENGTHS = {"DE": 22, "FR": 27, "NL": 18, "ES": 24, "IT": 27, "BE": 16, "PL": 28, "PT": 25, "AT": 20, "IE": 22,
                "GB": 22}


def _make_module():
    """``data/redaction-eval/make_dev4.py`` imported as a module (registered: its dataclasses need it)."""
    return import_script("redaction_dev4_make", DATA / "make_dev4.py")


@pytest.fixture(scope="module")
def calls() -> list[dict]:
    with open(DATA / "dev4.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]




def _values(rec: dict, form: str, type_: str) -> list[str]:
    return [e["value"] for t in rec[form] for e in t["entities"] if e["type"] == type_]


# Checksums written again here, so that a bug in the generator's own cannot hide.
def _luhn(number: str) -> bool:
    digits = [int(ch) for ch in number]
    odd = digits[-1::-2]
    even = [sum(divmod(2 * d, 10)) for d in digits[-2::-2]]
    return (sum(odd) + sum(even)) % 10 == 0


def _iban(code: str) -> bool:
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]+", code) or IBAN_LENGTHS.get(code[:2]) != len(code):
        return False
    moved = code[4:] + code[:4]
    return int("".join(str(int(ch, 36)) for ch in moved)) % 97 == 1


def _aba(d: str) -> bool:
    return len(d) == 9 and d.isdigit() and (3 * sum(map(int, d[0::3])) + 7 * sum(map(int, d[1::3]))
                                            + sum(map(int, d[2::3]))) % 10 == 0


def _card(number: str) -> bool:
    return 13 <= len(number) <= 19 and number.isdigit() and _luhn(number)


def test_the_file_is_what_make_dev4_writes():
    assert _make_module().main(["--check"]) == 0


def test_ids_and_shape(calls):
    check_shape(calls, "d4", 250)


def test_every_label_is_consistent(calls):
    check_labels(calls)


def test_counts_meet_the_brief(calls):
    ent, keep = Counter(), Counter()
    for rec in calls:
        for turn in rec["written"]:
            ent.update(e["type"] for e in turn["entities"])
            keep.update(k["kind"] for k in turn["keep"])
            keep["in words"] += sum(k["kind"] == "price" and not re.search(r"\d", k["value"]) for k in turn["keep"])
    assert all(ent[t] >= n for t, n in MIN_VALUES.items()), ent
    assert all(keep[k] >= n for k, n in MIN_KEEPS.items()), keep
    assert keep["in words"] >= MIN_PRICES_IN_WORDS, keep
    countries = Counter(r["country"] for r in calls)
    assert {"US", "UK", "IE", "CA", "AU"} <= set(countries), countries
    assert len(set(countries) - {"US", "UK", "IE", "CA", "AU"}) >= 5, countries  # EU countries
    assert len({r["scenario"] for r in calls}) >= 15


def test_the_counts_in_dev4_md_are_the_files(calls):
    make = _make_module()
    doc = (DATA / "DEV4.md").read_text(encoding="utf-8")
    assert "tuning" in doc.lower() and "MIT" in doc
    for line in make.stats_markdown(calls).splitlines():
        if line.startswith("| ") or line[:1].isdigit():
            assert line in doc, line


def test_fake_values_pass_their_checksums(calls):
    make = _make_module()
    seen, networks = Counter(), set()
    for rec in calls:
        for form in ("written", "asr"):
            # one card a call, whole or in pieces, perhaps with a misread group corrected and read back in
            # another grouping: every reading is the same number and passes Luhn
            cards = [make.digits_of(v) for v in _values(rec, form, "card")]
            if cards:
                number = make.one_number(cards, _card)
                assert number and make.card_network(number), (rec["id"], form, cards)
                assert make.luhn_ok(number)
                networks.add((make.card_network(number), len(number), number[0]))
                seen["card"] += 1
            ibans = [make.code_of(v) for v in _values(rec, form, "iban")]
            if ibans:
                iban = make.one_number(ibans, _iban)
                assert iban and make.iban_ok(iban), (rec["id"], form, ibans)
                seen["iban"] += 1
            for v in _values(rec, form, "routing"):
                d = make.digits_of(v)
                expected = {"US": 9, "CA": 8}.get(rec["country"], 6)  # ABA; transit + institution; sort code, BSB
                assert len(d) == expected, (rec["id"], v)
                if rec["country"] == "US":
                    assert _aba(d) and make.aba_ok(d), (rec["id"], v)
                    seen["aba"] += 1
    assert seen["card"] >= 150 and seen["iban"] >= 40 and seen["aba"] >= 20, seen
    for network, length in (("Visa", 13), ("Visa", 16), ("Visa", 19), ("American Express", 15), ("Discover", 16),
                            ("JCB", 16), ("Diners Club", 14), ("Maestro", 16), ("UnionPay", 16)):
        assert any(n == network and k == length for n, k, _ in networks), (network, length)
    assert {first for n, _, first in networks if n == "Mastercard"} == {"2", "5"}  # 2-series and 5-series
    assert _luhn("4242424242424242") and not _luhn("4242424242424241")
    assert _iban("GB82WEST12345698765432") and not _iban("GB82WEST12345698765433")
    assert _aba("021000021") and not _aba("021000022")
    assert make.luhn_ok("4242424242424242") and not make.luhn_ok("4242424242424241")
    assert make.iban_ok("GB82WEST12345698765432") and not make.iban_ok("GB82WEST12345698765433")


def test_a_corrected_card_group_is_read_as_one_number():
    make = _make_module()
    pieces = ["4242 4242", "4243", "4242 4242"]  # "4242 4242, 4243, sorry, 4242 4242"
    assert make.one_number([make.digits_of(p) for p in pieces], _card) == "4242" * 4
    assert make.one_number(["42424242", "4242424242424242"], _card) is None  # not a misread: two different lengths


def test_written_and_asr_values_say_the_same_digits(calls):
    make = _make_module()
    for rec in calls:
        for w, a in zip(rec["written"], rec["asr"]):
            for ew, ea in zip(w["entities"], a["entities"]):
                if ew["type"] in ("card", "account", "routing", "phone"):
                    assert make.digits_of(ew["value"]) == make.digits_of(ea["value"]), (rec["id"], ew, ea)
                if ew["type"] in ("iban", "id"):
                    assert make.code_of(ew["value"]) == make.code_of(ea["value"]), (rec["id"], ew, ea)


def test_numbers_said_aloud_are_read_back():
    make = _make_module()
    assert make.digits_of("forty-two forty-two, oh five double five") == "42420555"
    assert make.digits_of("triple oh, 4-2, double 7, o9") == "000427709"
    assert make.code_of("D E four four, 5001 N W B K") == "DE445001NWBK"
    assert make.code_of("N as in November, L for London, zero one") == "NL01"


def test_ids_pass_their_national_checks(calls):
    make = _make_module()
    kinds = Counter()
    for rec in calls:
        for form in ("written", "asr"):
            for v in _values(rec, form, "id"):
                code = make.code_of(v)
                kind = make.id_kind_of(rec["country"], code)
                assert kind, (rec["id"], v)
                kinds[kind] += 1
                if kind == "ssn":
                    assert code[:3] == "666" or code[0] == "9"  # areas never issued
                if kind == "ni":
                    assert code[0] in "DFQUV"  # prefix letters never used
                if kind == "nhs":
                    assert code.startswith("999")
    assert len(kinds) >= 12 and kinds["ssn"] >= 5, kinds


def test_phones_are_in_fiction_ranges_where_the_country_has_one(calls):
    make = _make_module()
    n = Counter()
    for rec in calls:
        for form in ("written", "asr"):
            for v in _values(rec, form, "phone"):
                d = make.digits_of(v)
                if len(d) < 9:
                    continue  # a piece of a number read over two turns
                country = rec["country"]
                if country in ("US", "CA"):
                    d = d.removeprefix("1")
                    assert d[3:6] == "555" and d[6:8] == "01", (rec["id"], v)
                elif country == "UK":
                    d = "0" + d[2:] if d.startswith("44") else d
                    assert d.startswith(("07700900", "02079460")) or re.match(r"01\d\d4960", d), (rec["id"], v)
                elif country == "AU":
                    d = "0" + d[2:] if d.startswith("61") else d
                    assert re.match(r"049157\d|025550|037010", d), (rec["id"], v)
                else:
                    continue
                n[country] += 1
    assert n["US"] >= 20 and n["UK"] >= 20 and n["AU"] >= 5, n


def test_phrasings_and_names_are_many():
    make = _make_module()
    for type_, sides in make.CARRIERS.items():
        for side, pool in sides.items():
            assert len(set(pool)) >= 25, (type_, side, len(set(pool)))
    assert len(set(make.GIVEN_NAMES)) >= 400 and len(set(make.SURNAMES)) >= 400


def test_the_asr_form_differs_from_the_written_one(calls):
    turns = [(w["text"], a["text"]) for rec in calls for w, a in zip(rec["written"], rec["asr"])]
    changed = sum(w != a for w, a in turns)
    lowered = sum(a == a.lower() and w != w.lower() for w, a in turns)
    assert changed >= len(turns) // 2 and lowered >= len(turns) // 10, (changed, lowered, len(turns))
