"""The fifth writer's held-out redaction set (``data/redaction-eval/holdout2.jsonl``): current,
labelled consistently, as large as its brief asks, and made of fake values that pass their checksums.

These tests read the labels and the values only; they never run the redactor on the set (that
would be a scoring, and this set is scored once, for the final figures).
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
KINDS = ("price", "quantity", "date", "time", "year", "order", "ticket", "product", "percent", "measure", "last4")
EU = {"DE", "FR", "NL", "ES", "IT", "BE", "PL", "PT", "AT"}


def _make():
    """``data/redaction-eval/make_holdout2.py`` imported as a module (registered: its dataclasses need it)."""
    return import_script("redaction_holdout2_make", DATA / "make_holdout2.py")


@pytest.fixture(scope="module")
def calls() -> list[dict]:
    with open(DATA / "holdout2.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]




def _values(rec: dict, form: str, type_: str) -> list[str]:
    return [e["value"] for t in rec[form] for e in t["entities"] if e["type"] == type_]


def _repeated(s: str, lengths: tuple[int, ...]) -> str | None:
    """``s`` when it is one string of a length in ``lengths`` said once or more (a read-back repeats it)."""
    for n in lengths:
        if s and len(s) % n == 0 and s == s[:n] * (len(s) // n):
            return s[:n]
    return None


def test_the_file_is_what_make_holdout2_writes():
    assert _make().main(["--check"]) == 0


def test_ids_and_shape(calls):
    check_shape(calls, "h2", 300)


def test_every_label_is_consistent(calls):
    check_labels(calls)


def test_the_asr_form_is_not_a_copy(calls):
    pairs = [(w["text"], a["text"]) for r in calls for w, a in zip(r["written"], r["asr"])]
    assert sum(w != a for w, a in pairs) > 0.5 * len(pairs)
    card_digits = [v for r in calls for v in _values(r, "asr", "card")]
    assert sum(bool(re.search(r"\d", v)) for v in card_digits) > 0.7 * len(card_digits)  # mostly digits


def test_counts_meet_the_brief(calls):
    make = _make()
    ent, keep, rep_names = Counter(), Counter(), 0
    for rec in calls:
        for turn in rec["written"]:
            ent.update(e["type"] for e in turn["entities"])
            rep_names += sum(bool(e.get("rep_name")) for e in turn["entities"])
            keep.update(k["kind"] for k in turn["keep"])
    for t, n in make.MINIMA.items():
        assert ent[t] >= n, (t, ent[t], n)
    assert ent["person"] - rep_names >= 500  # even without the reps' own names
    assert sum(keep.values()) >= 1000 and set(keep) == set(KINDS), keep
    countries = Counter(r["country"] for r in calls)
    assert {"US", "UK", "IE", "CA", "AU"} <= set(countries) and len(set(countries) & EU) >= 7, countries
    assert len({r["scenario"] for r in calls}) >= 15


def test_the_counts_in_holdout2_md_are_the_files(calls):
    doc = (DATA / "HOLDOUT2.md").read_text(encoding="utf-8")
    for line in _make().stats_markdown(calls).splitlines():
        if line.startswith("| "):
            assert line in doc, line
    assert "held out" in doc.lower() and "MIT" in doc


def test_phrasings_and_names_are_many(calls):
    make = _make()
    for t, (cust, rep) in make.carrier_counts().items():
        assert cust >= 25 and rep >= 25, (t, cust, rep)
    assert len(set(make.GIVEN_F + make.GIVEN_M)) >= 400 and len(set(make.SURNAMES)) >= 400
    names = {e["value"] for r in calls for t in r["written"] for e in t["entities"] if e["type"] == "person"}
    assert len(names) >= 400


def test_fake_values_pass_their_checksums(calls):
    make = _make()
    seen = Counter()
    for rec in calls:
        for form in ("written", "asr"):
            cards = _values(rec, form, "card")  # one card a call, in pieces or whole, maybe read back
            if cards:
                number = _repeated("".join(make.digits_of(v) for v in cards), (15, 16))
                assert number and make.luhn_ok(number), (rec["id"], form, cards)
                seen["card"] += 1
            ibans = _values(rec, form, "iban")  # one IBAN a call, likewise
            if ibans:
                code = "".join(make.code_of(v) for v in ibans)
                iban = _repeated(code, (make.IBAN_LENGTH.get(code[:2], 0),))
                assert iban and make.iban_ok(iban), (rec["id"], form, ibans)
                seen["iban"] += 1
            for v in _values(rec, form, "routing"):
                d = make.digits_of(v)
                if rec["country"] == "US":
                    assert len(d) == 9 and make.aba_ok(d), (rec["id"], v)
                    seen["aba"] += 1
                else:
                    assert rec["country"] in ("UK", "AU") and len(d) == 6, (rec["id"], v)  # sort code, BSB
            for v in _values(rec, form, "id"):
                checked = make.id_check(rec["country"], make.code_of(v))
                if checked is not None:
                    kind, ok = checked
                    assert ok, (rec["id"], kind, v)
                    seen[kind] += 1
    assert seen["card"] >= 100 and seen["iban"] >= 50 and seen["aba"] >= 20, seen
    assert seen["SSN"] >= 4 and seen["NI number"] >= 4 and sum(seen.values()) - seen["card"] - seen["iban"] >= 60, seen
    assert make.luhn_ok("4242424242424242") and not make.luhn_ok("4242424242424241")
    assert make.iban_ok("GB82WEST12345698765432") and not make.iban_ok("GB82WEST12345698765433")
    assert make.aba_ok("021000021") and not make.aba_ok("021000022")
    assert make.dni_ok("12345678Z") and make.bsn_ok("111222333") and make.nhs_ok("9434765919")
    assert make.pps_ok("1234567T") and make.tfn_ok("123456782") and make.cf_ok("RSSMRA85T10A562S")


def test_phones_are_in_ranges_kept_for_fiction(calls):
    make = _make()
    n = Counter()
    for rec in calls:
        c = rec["country"]
        for form in ("written", "asr"):
            for v in _values(rec, form, "phone"):
                d = make.digits_of(v)
                if c in ("US", "CA"):
                    d = d[1:] if len(d) == 11 and d[0] == "1" else d
                    if len(d) == 10:
                        assert d[3:6] == "555" and d[6:8] == "01", (rec["id"], v)
                        n[c] += 1
                elif c in ("UK", "AU", "FR"):
                    cc = {"UK": "44", "AU": "61", "FR": "33"}[c]
                    for p in ("00" + cc, cc):
                        if d.startswith(p) and len(d) > 10:
                            d = "0" + d[len(p):]
                            break
                    if len(d) < 10:
                        continue  # a piece of a number read over two turns
                    if c == "UK":
                        assert d.startswith(("07700900", "02079460")) or re.match(r"01\d\d4960", d), (rec["id"], v)
                    elif c == "AU":
                        assert d.startswith(("0491", "025550", "037010")), (rec["id"], v)
                        assert d[:4] != "0491" or d[4:] in make.AU_FICTION_MOBILES, (rec["id"], v)
                    else:
                        assert d.startswith("063998"), (rec["id"], v)
                    n[c] += 1
    assert n["US"] >= 20 and n["UK"] >= 20 and n["AU"] >= 10, n


def test_spoken_values_read_back():
    make = _make()
    assert make.digits_of("forty-two forty-two, oh five double five") == "42420555"
    assert make.digits_of("triple oh, 4-2, double 7, fifteen hundred") == "00042771500"
    assert make.digits_of("plus four four, seven seven double oh") == "447700"
    assert make.code_of("D E four four, 5001 N W B K") == "DE445001NWBK"
    assert make.code_of("Q as in Queen, Quebec, double 1, two three") == "QQ1123"
    assert make.code_of("nl91 kwzt 0417") == "NL91KWZT0417"
