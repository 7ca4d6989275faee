"""The redaction evaluation set (``data/redaction-eval``) and the scoring of ``bench.redaction``."""

from __future__ import annotations

import itertools
import re
import zlib
from collections import Counter
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
from tests.conftest import import_script


def _make_module():
    """``data/redaction-eval/make.py`` imported as a module (registered: its dataclasses need it)."""
    return import_script("redaction_eval_make", DATA / "make.py")


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


# ------------------------------------------------------------------------------------------
# dev2: a second tuning set, written by another writer (make_dev2.py, DEV2.md)

DEV2_KEEP_KINDS = {"price", "quantity", "date", "time", "year", "order", "ticket", "product", "percent", "measure",
                   "last4"}


def _dev2_module():
    """``data/redaction-eval/make_dev2.py`` imported as a module."""
    return import_script("redaction_eval_make_dev2", DATA / "make_dev2.py")


@pytest.fixture(scope="module")
def dev2() -> list[dict]:
    return load("dev2")


def test_dev2_is_what_make_dev2_writes():
    assert _dev2_module().main(["--check"]) == 0


def test_dev2_has_the_documented_shape(dev2):
    assert [r["id"] for r in dev2] == [f"r2-{i:04d}" for i in range(1, 251)]
    for rec in dev2:
        assert set(rec) == {"id", "country", "industry", "scenario", "company", "written", "asr"}
        assert len(rec["written"]) == len(rec["asr"])
        assert 4 <= len(rec["written"]) <= 14, rec["id"]
        for w, a in zip(rec["written"], rec["asr"]):
            assert w["speaker"] == a["speaker"] in ("rep", "customer")
            assert [(e["type"], e.get("rep_name", False)) for e in w["entities"]] == \
                [(e["type"], e.get("rep_name", False)) for e in a["entities"]], rec["id"]
            assert [k["kind"] for k in w["keep"]] == [k["kind"] for k in a["keep"]], rec["id"]
            assert len(w.get("ignore", ())) == len(a.get("ignore", ()))


def test_every_dev2_label_is_its_turns_text(dev2):
    for rec in dev2:
        for form in ("written", "asr"):
            for turn in rec[form]:
                text = turn["text"]
                for e in turn["entities"]:
                    assert e["type"] in TYPES
                    assert e["value"] == e["value"].strip() != ""
                    assert text[e["start"]:e["start"] + len(e["value"])] == e["value"], (rec["id"], form, e)
                spans = sorted((e["start"], e["start"] + len(e["value"])) for e in turn["entities"])
                assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), (rec["id"], spans)
                for k in turn["keep"]:
                    assert k["kind"] in DEV2_KEEP_KINDS
                    assert k["value"] and k["value"] in text, (rec["id"], form, k)
                    assert not any(k["value"] in e["value"] for e in turn["entities"]), (rec["id"], k)
                for g in turn.get("ignore", ()):
                    assert text[g["start"]:g["start"] + len(g["value"])] == g["value"]
                    assert not any(s < g["start"] + len(g["value"]) and g["start"] < t for s, t in spans)


def test_dev2_covers_every_type_and_kind(dev2):
    types = Counter(e["type"] for r in dev2 for t in r["written"] for e in t["entities"])
    kinds = Counter(k["kind"] for r in dev2 for t in r["written"] for k in t["keep"])
    assert sum(types.values()) >= 1000 and sum(kinds.values()) >= 300
    assert set(types) == set(TYPES) and min(types.values()) >= 25, types
    assert set(kinds) == DEV2_KEEP_KINDS and min(kinds.values()) >= 10, kinds
    assert sum(e.get("rep_name", False) for r in dev2 for t in r["written"] for e in t["entities"]) >= 200
    assert {r["country"] for r in dev2} >= {"US", "UK", "DE", "FR", "NL", "ES", "IT", "IE", "BE"}


def test_dev2_fake_values_pass_their_checksums(dev2):
    make = _dev2_module()
    seen = {"card": 0, "iban": 0, "routing": 0, "phone_us": 0, "phone_uk": 0, "ni": 0}
    for rec in dev2:
        for turn in rec["written"]:
            for e in turn["entities"]:
                chars = make.spoken_chars(e["value"])
                digits = re.sub(r"\D", "", chars)
                if e["type"] == "card" and chars.isdigit() and 13 <= len(chars) <= 19:
                    assert make.luhn_ok(chars), e
                    seen["card"] += 1
                elif e["type"] == "iban" and len(chars) == make.IBAN_LENGTH.get(chars[:2]):  # whole, not a piece
                    assert make.iban_valid(chars), e
                    seen["iban"] += 1
                elif e["type"] == "routing" and rec["country"] == "US" and len(chars) == 9:
                    assert make.aba_ok(chars), e
                    seen["routing"] += 1
                elif e["type"] == "phone" and rec["country"] == "US" and chars.isdigit() and len(chars) in (7, 10, 11):
                    assert make.us_phone_fake(chars), e  # 555-0100 .. 555-0199
                    seen["phone_us"] += 1
                elif e["type"] == "phone" and rec["country"] == "UK" and chars.lstrip("+").isdigit():
                    national = "0" + digits[2:].lstrip("0") if digits.startswith("44") else digits
                    if len(national) == 11:
                        assert make.uk_phone_fake(national), e  # Ofcom's drama ranges
                        seen["phone_uk"] += 1
                elif e["type"] == "id" and rec["country"] == "UK" and re.fullmatch(r"[A-Z]{2}\d{6}[A-D]", chars):
                    assert make.ni_fake(chars), e  # a prefix never issued
                    seen["ni"] += 1
    assert min(seen.values()) >= 1 and seen["card"] >= 20 and seen["iban"] >= 10 and seen["routing"] >= 10, seen
    assert seen["phone_us"] >= 10 and seen["phone_uk"] >= 10, seen


def test_dev2_generated_ids_are_fake_by_construction():
    make = _dev2_module()
    _, facts = make.generate()
    check = {"card": make.luhn_ok, "iban": make.iban_valid, "aba": make.aba_ok, "ssn": make.ssn_fake,
             "ni": make.ni_fake, "nhs": make.nhs_fake, "bsn": make.bsn_ok, "dni": make.dni_ok, "pps": make.pps_ok,
             "cf": make.cf_ok, "nrn": make.be_nrn_ok, "nif": make.nif_ok, "phone_us": make.us_phone_fake,
             "phone_uk": make.uk_phone_fake, "nir": lambda v: 97 - int(v[:13]) % 97 == int(v[13:]),
             "email": lambda v: "@" in v}
    kinds = {k for k, _ in facts}
    assert kinds >= {"card", "iban", "aba", "ssn", "ni", "phone_us", "phone_uk"}, kinds
    for kind, value in facts:
        assert check[kind](value), (kind, value)


def test_spoken_values_read_back_to_their_characters():
    make = _dev2_module()
    assert make.spoken_chars("D as in delta, E eight nine, three seven oh four") == "DE893704"
    assert make.spoken_chars("oh seven seven double oh, nine double oh, one two three") == "07700900123"
    assert make.spoken_chars("forty-two forty-two, oh one thirty-four") == "42420134"
    assert make.spoken_chars("four one five, triple five, oh one hundred") == "4155550100"
    assert make.spoken_chars("Delta Kilo twelve thirty-four fifty-six, A") == "DK123456A"
    assert make.say_pairs("0134") == "oh one thirty-four" and make.say_digits("07700", doubles=True) == \
        "oh double seven double oh"


def test_the_dev2_notes_match_the_file(dev2):
    notes = (Path(DATA) / "DEV2.md").read_text(encoding="utf-8")
    n_values = sum(len(t["entities"]) for r in dev2 for t in r["written"])
    n_keep = sum(len(t["keep"]) for r in dev2 for t in r["written"])
    assert f"{len(dev2)} calls" in notes
    assert f"{n_values:,} labelled values" in notes and f"{n_keep:,} hard negatives" in notes
