"""Unit tests for bench.metrics: hand-computed WER/DER/talk-share cases and reference loaders."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # plain `pytest` does not put the repo root on sys.path
    sys.path.insert(0, str(ROOT))

from bench.metrics import (  # noqa: E402
    der,
    load_gecko_json,
    load_osr_reference,
    load_rttm,
    load_stm,
    load_text,
    merge_segments,
    normalize_text,
    talk_share_errors,
    talk_shares,
    wer,
)

DATA = ROOT.parent / "shared" / "data"
AUDIO = DATA / "audio"


def _data(rel: str) -> Path:
    """Path of a file under ../shared/data/audio, skipping the test when the data is absent."""
    if not DATA.is_dir():
        pytest.skip("../shared/data not present")
    path = AUDIO / rel
    if not path.is_file():
        pytest.skip(f"../shared/data/audio/{rel} not present")
    return path


# ------------------------------------------------------------------------------------------
# normalize_text
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello, World!", ["hello", "world"]),
        ("I didn't know you were there.", ["i", "didn't", "know", "you", "were", "there"]),
        ("I don\u2019t", ["i", "don't"]),
        ("the neighbor's house", ["the", "neighbor's", "house"]),
        ("'quoted' words", ["quoted", "words"]),
        ("one-on-one, hands-on", ["one", "on", "one", "hands", "on"]),
        ("well \u2014 maybe", ["well", "maybe"]),
        ("OK then", ["okay", "then"]),
        ("Okay.", ["okay"]),
        ("Alright, all right", ["all", "right", "all", "right"]),
        ("Um, so, uh, hmm mm yes", ["so", "yes"]),
        ("Umm uhh mmm hm", []),
        ("50% off", ["50", "percent", "off"]),
        ("salt & pepper", ["salt", "and", "pepper"]),
        ("1,497 words", ["1497", "words"]),
        ("2.5 times. End.", ["2.5", "times", "end"]),
        ("$950", ["950"]),
        ("", []),
    ],
)
def test_normalize_text(text: str, expected: list[str]) -> None:
    assert normalize_text(text) == expected


def test_normalize_text_keeps_digits_unexpanded() -> None:
    assert normalize_text("nine hundred fifty") != normalize_text("950")


# ------------------------------------------------------------------------------------------
# WER
# ------------------------------------------------------------------------------------------


def test_wer_identical_is_zero() -> None:
    r = wer("And so my fellow Americans", "and so, my fellow americans!")
    assert (r.wer, r.substitutions, r.deletions, r.insertions, r.ref_words) == (0.0, 0, 0, 0, 5)


def test_wer_substitution_and_deletion() -> None:
    # the cat sat on the mat / the cat sit on mat: sat->sit (S), second "the" missing (D)
    r = wer("the cat sat on the mat", "the cat sit on mat")
    assert (r.substitutions, r.deletions, r.insertions, r.ref_words) == (1, 1, 0, 6)
    assert r.wer == pytest.approx(2 / 6)
    assert r.errors == 2


def test_wer_insertion() -> None:
    r = wer("a b c", "a x b c")
    assert (r.substitutions, r.deletions, r.insertions) == (0, 0, 1)
    assert r.wer == pytest.approx(1 / 3)


def test_wer_mixed_counts() -> None:
    # ref: one two three four five six ; hyp: one too three five six seven
    # two->too (S), four missing (D), seven extra (I)
    r = wer("one two three four five six", "one too three five six seven")
    assert (r.substitutions, r.deletions, r.insertions, r.ref_words) == (1, 1, 1, 6)
    assert r.wer == pytest.approx(0.5)


def test_wer_can_exceed_one() -> None:
    r = wer("yes", "no no no")
    assert (r.substitutions, r.deletions, r.insertions) == (1, 0, 2)
    assert r.wer == pytest.approx(3.0)


def test_wer_empty_hypothesis_is_all_deletions() -> None:
    r = wer("ask not what your country", "")
    assert (r.substitutions, r.deletions, r.insertions, r.wer) == (0, 5, 0, 1.0)


def test_wer_empty_reference() -> None:
    assert wer("", "").wer == 0.0
    r = wer("um", "hello")  # the reference normalises to nothing
    assert r.ref_words == 0 and r.insertions == 1 and math.isinf(r.wer)


def test_wer_ignores_normalised_differences() -> None:
    ref = "Okay, alright. It's 50% — um — one-on-one!"
    hyp = "ok all right it's 50 percent one on one"
    assert wer(ref, hyp).wer == 0.0


def test_wer_fillers_ignored_on_both_sides() -> None:
    assert wer("so um we start", "so we uh start").wer == 0.0


def test_wer_long_transcript_counts() -> None:
    words = [f"w{i}" for i in range(1500)]
    hyp = list(words)
    hyp[10] = "x"  # S
    del hyp[500]  # D
    hyp.insert(1000, "extra")  # I
    r = wer(" ".join(words), " ".join(hyp))
    assert (r.substitutions, r.deletions, r.insertions, r.ref_words) == (1, 1, 1, 1500)


# ------------------------------------------------------------------------------------------
# DER
# ------------------------------------------------------------------------------------------


def test_der_identical_with_relabelled_speakers_is_zero() -> None:
    ref = [(0.0, 5.0, "A"), (5.0, 10.0, "B"), (12.0, 15.0, "A")]
    hyp = [(0.0, 5.0, "spk1"), (5.0, 10.0, "spk0"), (12.0, 15.0, "spk1")]
    for collar in (0.0, 0.25):
        r = der(ref, hyp, collar=collar)
        assert r.der == 0.0
        assert r.missed == r.false_alarm == r.confusion == 0.0
        assert r.mapping == {"A": "spk1", "B": "spk0"}
    assert der(ref, hyp, collar=0.0).total == pytest.approx(13.0)


def test_der_confusion_hand_computed() -> None:
    # B speaks 10-20, but the hypothesis gives 10-15 to A's cluster x.
    ref = [(0.0, 10.0, "A"), (10.0, 20.0, "B")]
    hyp = [(0.0, 10.0, "x"), (10.0, 15.0, "x"), (15.0, 20.0, "y")]
    r = der(ref, hyp, collar=0.0)
    assert r.mapping == {"A": "x", "B": "y"}
    assert r.confusion == pytest.approx(5.0)
    assert r.missed == r.false_alarm == 0.0
    assert r.total == pytest.approx(20.0)
    assert r.der == pytest.approx(0.25)
    # collar 0.25 removes [-.25,.25], [9.75,10.25], [19.75,20.25]: total 19, confusion 10.25-15
    rc = der(ref, hyp, collar=0.25)
    assert rc.total == pytest.approx(19.0)
    assert rc.confusion == pytest.approx(4.75)
    assert rc.der == pytest.approx(4.75 / 19.0)


def test_der_extra_hypothesis_speaker_is_confusion() -> None:
    r = der([(0.0, 10.0, "A")], [(0.0, 6.0, "x"), (6.0, 10.0, "y")], collar=0.0)
    assert r.mapping == {"A": "x"}
    assert r.confusion == pytest.approx(4.0)
    assert r.der == pytest.approx(0.4)


def test_der_collar_excludes_boundary_errors() -> None:
    ref = [(0.0, 10.0, "A"), (10.0, 20.0, "B")]
    hyp = [(0.0, 10.2, "x"), (10.2, 20.0, "y")]  # turn change 0.2 s late
    r0 = der(ref, hyp, collar=0.0)
    assert r0.confusion == pytest.approx(0.2)
    assert r0.der == pytest.approx(0.01)
    r = der(ref, hyp, collar=0.25)
    assert r.der == 0.0
    # a 0.3 s late change leaves 0.05 s outside the +-0.25 s collar
    r3 = der(ref, [(0.0, 10.3, "x"), (10.3, 20.0, "y")], collar=0.25)
    assert r3.confusion == pytest.approx(0.05)


def test_der_missed_and_false_alarm() -> None:
    ref = [(0.0, 10.0, "A")]
    hyp = [(2.0, 12.0, "x")]
    r = der(ref, hyp, collar=0.0)
    assert r.missed == pytest.approx(2.0)
    assert r.false_alarm == pytest.approx(2.0)
    assert r.confusion == 0.0
    assert r.total == pytest.approx(10.0)
    assert r.der == pytest.approx(0.4)
    # with collar: scored [0.25, 9.75] and [10.25, 12]
    rc = der(ref, hyp, collar=0.25)
    assert rc.missed == pytest.approx(1.75)
    assert rc.false_alarm == pytest.approx(1.75)
    assert rc.total == pytest.approx(9.5)


def test_der_empty_sides() -> None:
    ref = [(0.0, 4.0, "A")]
    r = der(ref, [], collar=0.0)
    assert (r.der, r.missed, r.total) == (1.0, 4.0, 4.0)
    fa = der([], [(0.0, 1.0, "x")], collar=0.0)
    assert fa.false_alarm == pytest.approx(1.0) and math.isinf(fa.der)
    assert der([], [], collar=0.25).der == 0.0


def test_der_overlap_counts_each_reference_speaker() -> None:
    # A 0-10, B 5-15 (overlap 5-10); hypothesis has one speaker at a time.
    ref = [(0.0, 10.0, "A"), (5.0, 15.0, "B")]
    hyp = [(0.0, 10.0, "x"), (10.0, 15.0, "y")]
    r = der(ref, hyp, collar=0.0)
    assert r.total == pytest.approx(20.0)  # 10 s of A + 10 s of B
    assert r.missed == pytest.approx(5.0)  # B during the overlap
    assert r.confusion == 0.0 and r.false_alarm == 0.0
    assert r.der == pytest.approx(0.25)
    # skipping overlap scores only 0-5 and 10-15
    rs = der(ref, hyp, collar=0.0, skip_overlap=True)
    assert rs.total == pytest.approx(10.0)
    assert rs.der == 0.0
    # a hypothesis that also has both speakers in the overlap is perfect
    both = [(0.0, 10.0, "x"), (5.0, 15.0, "y")]
    assert der(ref, both, collar=0.0).der == 0.0


def test_der_merges_same_label_overlap() -> None:
    ref = [(0.0, 6.0, "A"), (4.0, 10.0, "A")]
    r = der(ref, [(0.0, 10.0, "x")], collar=0.0)
    assert r.total == pytest.approx(10.0)
    assert r.der == 0.0


def test_merge_segments_gap() -> None:
    segs = [(0.0, 1.0, "A"), (1.4, 2.0, "A"), (3.0, 4.0, "A"), (1.0, 1.5, "B"), (2.0, 2.0, "B")]
    assert merge_segments(segs, gap=0.5) == [(0.0, 2.0, "A"), (1.0, 1.5, "B"), (3.0, 4.0, "A")]
    assert merge_segments(segs) == [
        (0.0, 1.0, "A"),
        (1.0, 1.5, "B"),
        (1.4, 2.0, "A"),
        (3.0, 4.0, "A"),
    ]


# ------------------------------------------------------------------------------------------
# Talk shares
# ------------------------------------------------------------------------------------------


def test_talk_shares() -> None:
    assert talk_shares([(0.0, 30.0, "A"), (30.0, 40.0, "B")]) == pytest.approx(
        {"A": 0.75, "B": 0.25}
    )
    # same-label overlap counts once; cross-speaker overlap counts for both
    assert talk_shares([(0.0, 10.0, "A"), (5.0, 15.0, "A"), (15.0, 20.0, "B")]) == pytest.approx(
        {"A": 0.75, "B": 0.25}
    )
    assert talk_shares([(0.0, 10.0, "A"), (5.0, 15.0, "B")]) == pytest.approx(
        {"A": 0.5, "B": 0.5}
    )
    assert talk_shares([]) == {}


def test_talk_share_errors_in_points() -> None:
    ref = [(0.0, 30.0, "A"), (30.0, 40.0, "B")]  # 75 / 25
    hyp = [(0.0, 24.0, "x"), (24.0, 40.0, "y")]  # 60 / 40
    errs = talk_share_errors(ref, hyp, {"A": "x", "B": "y"})
    assert errs == pytest.approx({"A": 15.0, "B": 15.0})
    # B unmapped: compared against 0 %
    errs = talk_share_errors(ref, [(0.0, 40.0, "x")], {"A": "x"})
    assert errs == pytest.approx({"A": 25.0, "B": 25.0})


# ------------------------------------------------------------------------------------------
# Loaders on synthetic files
# ------------------------------------------------------------------------------------------


def test_load_rttm_synthetic(tmp_path: Path) -> None:
    p = tmp_path / "x.rttm"
    p.write_text(
        "SPKR-INFO f 1 <NA> <NA> <NA> unknown s1 <NA> <NA>\n"
        "SPEAKER f 1 2.50 1.00 <NA> <NA> s2 <NA> <NA>\n"
        "SPEAKER f 1 0.00 2.00 <NA> <NA> s1 <NA> <NA>\n"
        "SPEAKER g 1 9.00 1.00 <NA> <NA> s9 <NA> <NA>\n"
    )
    assert load_rttm(p, file_id="f") == [(0.0, 2.0, "s1"), (2.5, 3.5, "s2")]
    assert len(load_rttm(p)) == 3


def test_load_stm_synthetic(tmp_path: Path) -> None:
    p = tmp_path / "x.stm"
    p.write_text(
        ";; comment\n"
        "f 1 B 2.0 3.0 <o,f0,male> world again\n"
        "f 1 A 0.0 1.5 Hello,\n"
        "f 1 A 4.0 5.0 ignore_time_segment_in_scoring\n"
    )
    text, segs = load_stm(p)
    assert text == "Hello, world again"
    assert segs == [(0.0, 1.5, "A"), (2.0, 3.0, "B"), (4.0, 5.0, "A")]


def _term(start: float, end: float, text: str, kind: str = "WORD") -> dict[str, object]:
    return {"start": start, "end": end, "text": text, "type": kind}


def test_load_gecko_json_synthetic(tmp_path: Path) -> None:
    p = tmp_path / "x.json"
    r_terms = [_term(0.1, 0.4, "Hi"), _term(0.4, 0.4, ",", "PUNCTUATION"), _term(0.5, 0.9, "there")]
    v_terms = [_term(1.2, 1.5, "Hello"), _term(1.5, 1.5, ".", "PUNCTUATION")]
    monologues = [
        {"speaker": {"id": "R"}, "terms": r_terms},
        {"speaker": {"id": "V"}, "terms": v_terms},
        {"speaker": {"id": "V"}, "terms": []},
    ]
    p.write_text(json.dumps({"schemaVersion": "2.0", "monologues": monologues}))
    text, turns = load_gecko_json(p)
    assert text == "Hi there Hello"
    assert turns == [(0.1, 0.9, "R"), (1.2, 1.5, "V")]


def test_load_osr_reference_synthetic(tmp_path: Path) -> None:
    p = tmp_path / "t.json"
    p.write_text(json.dumps([{"filename": "a.wav", "transcription": "A b.", "duration": 1}]))
    assert load_osr_reference(p) == "A b."
    assert load_osr_reference(p, "a.wav") == "A b."
    with pytest.raises(KeyError):
        load_osr_reference(p, "zzz.wav")


# ------------------------------------------------------------------------------------------
# Loaders on ../shared/data (skipped when absent)
# ------------------------------------------------------------------------------------------


def test_load_gecko_json_sales_demo() -> None:
    text, turns = load_gecko_json(_data("sales-demo/demo.json"))
    assert len(turns) == 62
    assert len(text.split()) == 1497
    assert len(normalize_text(text)) == 1501  # "Hands-on", "one-on-one" split at hyphens
    assert sum(1 for t in turns if t[2] == "Roger") == 31
    assert sum(1 for t in turns if t[2] == "Virgil") == 31
    assert turns[0] == (0.03, 5.55, "Roger")
    assert turns[-1] == (567.95, 568.73, "Roger")
    shares = talk_shares(turns)  # README: word-time truth ~ seller 72 % / prospect 28 %
    assert shares["Roger"] == pytest.approx(0.7226, abs=1e-3)
    assert shares["Virgil"] == pytest.approx(0.2774, abs=1e-3)


def test_load_rttm_phone_2spk() -> None:
    segs = load_rttm(_data("phone-2spk/sample.rttm"))
    assert len(segs) == 10
    assert {s[2] for s in segs} == {"speaker90", "speaker91"}
    assert segs[0] == pytest.approx((6.69, 7.12, "speaker90"))
    assert segs[-1] == pytest.approx((27.85, 30.0, "speaker90"))
    # the reference has overlapped speech (18.15-18.59 inside 18.05-21.49)
    assert der(segs, segs, collar=0.0, skip_overlap=True).total < der(segs, segs, collar=0.0).total


def test_load_stm_phone_2spk() -> None:
    text, segs = load_stm(_data("phone-2spk/sample.stm"))
    assert len(segs) == 13
    assert {s[2] for s in segs} == {"Diane", "Sheila"}
    assert text.startswith("Hello? Hello? Oh, hello.")
    assert text.endswith("Oh, I don't hear that in New Jersey now.")
    assert len(normalize_text(text)) == 81
    # stm word turns agree with the rttm turns up to a few hundred ms
    rttm = load_rttm(_data("phone-2spk/sample.rttm"))
    r = der(rttm, segs, collar=0.25)
    assert r.mapping == {"speaker90": "Diane", "speaker91": "Sheila"}
    assert r.der < 0.05


def test_load_rttm_stereo_call() -> None:
    segs = load_rttm(_data("stereo-call/MUL1011.channel-energy-derived.rttm"))
    assert len(segs) == 63
    assert {s[2] for s in segs} == {"ch0_left", "ch1_right"}
    shares = talk_shares(segs)  # README: ~ 52/48 by channel
    assert shares["ch0_left"] == pytest.approx(0.522, abs=1e-3)


def test_load_osr_reference_osr_8k() -> None:
    text = load_osr_reference(_data("osr-8k/test_samples.json"), "OSR_us_000_0034_8k.wav")
    assert text.startswith("A gold ring will please most any girl.")
    assert text.endswith("When you hear the bell, come quickly.")
    assert len(normalize_text(text)) == 73


def test_load_text_jfk() -> None:
    text = load_text(_data("jfk/jfk.txt"))
    assert normalize_text(text)[:5] == ["and", "so", "my", "fellow", "americans"]
    assert len(normalize_text(text)) == 22
