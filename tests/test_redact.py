"""Redaction: the detector, its application to a call, and no personal data in any byte of any
output (JSON, HTML, CSV, team page, batch state and logs, terminal) with ``--redact``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

import callcoach
from callcoach.asr import FakeTranscriber
from callcoach.call import Attribution, Call, Redaction, RoleAssignment, Speaker, Tag, Utterance, Word
from callcoach.cli import cli
from callcoach.errors import RubricError, TranscriptError
from callcoach.pii import ENTITIES, find_pii, luhn_ok
from callcoach.redact import PLACEHOLDERS, redact_call, redact_text, redacting_errors
from callcoach.rubric import load_rubric
from tests import pii_call
from tests.conftest import voice


def found(text: str, context: str = "") -> list[tuple[str, str]]:
    tokens = text.split()
    return [(s.kind, " ".join(tokens[s.start : s.end])) for s in find_pii(tokens, context.split())]


# ------------------------------------------------------------------------------------------
# The detector


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my card is 4012 8888 8888 1881 thanks", [("card", "4012 8888 8888 1881")]),
        ("it's 4012-8888-8888-1881.", [("card", "4012-8888-8888-1881.")]),
        ("card 4012888888881881", [("card", "4012888888881881")]),
        ("three seven eight two eight two two four six three one zero zero zero five",
         [("card", "three seven eight two eight two two four six three one zero zero zero five")]),
        ("forty one eleven eleven eleven eleven eleven eleven eleven",
         [("card", "forty one eleven eleven eleven eleven eleven eleven eleven")]),
        ("five double five five five five five five five five five five four four four four",
         [("card", "five double five five five five five five five five five five four four four four")]),
        ("4012 8888 8888 1881 expires 12/27", [("card", "4012 8888 8888 1881"), ("expiry", "12/27")]),
        # the security code and the expiry date that a card payment reads out with the number
        ("the security code is 737", [("cvv", "737")]),
        ("and the CVV? It's one two three", [("cvv", "one two three")]),
        ("visa, expires oh four twenty seven", [("expiry", "oh four twenty seven")]),
        ("card expiration 04/2027", [("expiry", "04/2027")]),
        ("the card expires April twenty seven", [("expiry", "April twenty seven")]),
        ("the card expires in April of 2027", [("expiry", "April of 2027")]),
        ("4012 8888 8888 1881, expires twelve twenty seven, code four four seven",
         [("card", "4012 8888 8888 1881,"), ("expiry", "twelve twenty seven,"), ("cvv", "four four seven")]),
        ("email me at zelda.quist@brightpath.io please", [("email", "zelda.quist@brightpath.io")]),
        ("it's marlo dot vance at harborline dot net", [("email", "marlo dot vance at harborline dot net")]),
        ("It's Jordan .baker at dreamfield .com. Thanks", [("email", "Jordan .baker at dreamfield .com.")]),
        ("z q u s t at harbor dot co dot uk", [("email", "z q u s t at harbor dot co dot uk")]),
        ("call me on +1 (415) 555-0142 tomorrow", [("phone", "+1 (415) 555-0142")]),
        ("it is 415.555.0142", [("phone", "415.555.0142")]),
        ("it is 415-555-0142", [("phone", "415-555-0142")]),
        ("Sure, it's 415, 555, 0142.", [("phone", "415, 555, 0142.")]),
        ("+44 20 7946 0958", [("phone", "+44 20 7946 0958")]),
        ("six four six five five five oh one nine eight", [("phone", "six four six five five five oh one nine eight")]),
        ("four fifteen, five fifty five, oh one hundred", [("phone", "four fifteen, five fifty five, oh one hundred")]),
        ("the direct line is 555 0142", [("phone", "555 0142")]),
        ("ssn 078-05-1120", [("id", "078-05-1120")]),
        ("it's 078-05-1120.", [("id", "078-05-1120.")]),
        ("my social security number is two one nine zero nine nine nine nine nine",
         [("id", "two one nine zero nine nine nine nine nine")]),
        ("passport number 533380006", [("id", "533380006")]),
        ("my NI number is QQ 12 34 56 C", [("id", "QQ 12 34 56 C")]),
        ("QQ123456C", [("id", "QQ123456C")]),
        ("reference 4012 8888 8888 1882", [("id", "4012 8888 8888 1882")]),  # Luhn fails: a long id
    ],
)
def test_detector_finds(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "it costs two thousand dollars a year",
        "about $1,200 a month, or $14,400 a year",
        "we have twenty people and 12 reps",
        "in 2023, 2024 we grew 15%",
        "between 2019 and 2024",
        "for the tax years 2024, 2025",
        "that account grew 1200 400 users",
        "the meeting is on 3/4/2024 at 10:30",
        "starting 2024-03-04 for 2024-25",
        "twenty twenty three and twenty twenty four",
        "about 1,250,000 dollars",
        "so 123456 a year",
        "we had 1200 400 calls",
        "page 12 of 40",
        "it grew 3.5 percent",
        "forty five minutes",
        "twelve hundred dollars",
        "we met at the office",
        "reach us at acme dot com",
        "the card ending 4242",  # the last four alone may be shown
        "the quote expires 6/30",  # a deadline, no card in sight
        "the contract expires in 2026",
        "our trial expires in 14 days",
        "our area code is 415",
        "the promo code is 2024",
        "the card plan is 300 a seat",
        "put it on the card, it's 1200 dollars",
        "the card expires in April",
        "one two three",
    ],
)
def test_detector_leaves_coaching_numbers_alone(text: str) -> None:
    assert found(text) == []


def test_a_security_code_said_after_the_question_is_found() -> None:
    # the customer's stream starts with the digits; the rep's question is the context
    assert found("it's four four seven", "and the three digit code on the back of the card?") == [
        ("cvv", "four four seven")]
    assert found("it's four four seven", "what's the best code for the discount?") == []


def test_luhn() -> None:
    assert luhn_ok("4012888888881881") and luhn_ok("378282246310005")
    assert not luhn_ok("4012888888881882")


def test_context_decides_the_kind() -> None:
    # A card number the recogniser got one digit wrong (Luhn fails) is still a card after card words.
    assert found("4012 8888 8888 1882", "can I take the card number") == [("card", "4012 8888 8888 1882")]
    # Nine digits read out after "social security" are an id; the same after "phone" a phone number.
    nine = "two one nine zero nine nine nine nine nine"
    assert found(nine, "and your social security number") == [("id", nine)]
    assert found(nine, "what's the best phone number") == [("phone", nine)]
    # Eight written digits are nothing on their own, a phone number after "call".
    assert found("55501420") == [] and found("55501420", "you can call") == [("phone", "55501420")]


_TOKENS = st.sampled_from([
    "4012", "8888", "1881,", "four", "oh", "double", "forty", "one", "hundred", "at", "dot", "com", "acme",
    "$1,200", "2024", "-", "(415)", "+1", "555-0142", "QQ", "12", "C", "uh", "people", "card", "social", "@",
    "x@y.io", ".com", "zero", "Sure,", "j", "[CARD]",
])


def _luhn_complete(body: str) -> str:
    return next(body + d for d in "0123456789" if luhn_ok(body + d))


@settings(deadline=None)
@given(st.lists(_TOKENS, max_size=40), st.lists(_TOKENS, max_size=12))
def test_spans_are_ordered_disjoint_and_in_range(tokens: list[str], context: list[str]) -> None:
    spans = find_pii(tokens, context)
    assert all(0 <= s.start < s.end <= len(tokens) and s.kind in PLACEHOLDERS for s in spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))


@settings(deadline=None)
@given(
    st.lists(_TOKENS, max_size=12), st.from_regex(r"[1-9][0-9]{11,17}", fullmatch=True), st.lists(_TOKENS, max_size=12)
)
@example(before=[], body="100000000000", after=["8888", "at", "4012", ".com"])  # a card just before a spoken e-mail
def test_a_written_card_number_never_survives(before: list[str], body: str, after: list[str]) -> None:
    card = _luhn_complete(body)
    assert card not in redact_text(" ".join([*before, card, *after]))


# ------------------------------------------------------------------------------------------
# Applying it to a call


def _call(*utts: Utterance, meta: dict | None = None) -> Call:
    speakers = tuple(Speaker(s, "rep" if s == "A" else "customer") for s in dict.fromkeys(u.speaker for u in utts))
    return Call("c", "c.json", 20.0, 0, speakers, utts, Attribution("transcript", len(speakers)),
                RoleAssignment("A", "transcript", 1.0), meta=meta or {})


def _worded(i: int, speaker: str, start: float, text: str) -> Utterance:
    words = tuple(Word(start + 0.5 * k, start + 0.5 * k + 0.4, w) for k, w in enumerate(text.split()))
    return Utterance(i, speaker, words[0].start, words[-1].end, text, words)


def test_words_collapse_into_one_placeholder_over_their_time() -> None:
    u = _worded(0, "B", 1.0, "Sure, it's 4012 8888 8888 1881, and zelda.quist@brightpath.io.")
    call = redact_call(_call(u))
    out = call.utterances[0]
    assert out.text == "Sure, it's [CARD], and [EMAIL]."
    assert [w.text for w in out.words] == ["Sure,", "it's", "[CARD],", "and", "[EMAIL]."]
    card = out.words[2]
    assert (card.start, card.end) == (u.words[2].start, u.words[5].end)
    assert call.redactions == (
        Redaction("card", 0, u.words[2].start, u.words[5].end, (11, 17)),
        Redaction("email", 0, u.words[7].start, u.words[7].end, (23, 30)),
    )
    assert out.text[11:17] == "[CARD]" and out.text[23:30] == "[EMAIL]"


def test_a_number_read_over_utterances_around_a_backchannel_is_found() -> None:
    call = _call(
        Utterance(0, "A", 0.0, 2.0, "Can I take the card number?"),
        Utterance(1, "B", 2.5, 4.0, "four zero one two, eight eight eight eight,"),
        Utterance(2, "A", 4.1, 4.4, "mhm"),
        Utterance(3, "B", 4.6, 6.0, "eight eight eight eight, one eight eight one."),
    )
    out = redact_call(call)
    assert [u.text for u in out.utterances] == ["Can I take the card number?", "[CARD],", "mhm", "[CARD]."]
    assert [(r.kind, r.utterance_id) for r in out.redactions] == [("card", 1), ("card", 3)]
    assert (out.redactions[0].start, out.redactions[1].end) == (2.5, pytest.approx(6.0 - 1.4 / 45, abs=0.05))


def test_a_long_interruption_or_pause_ends_a_number() -> None:
    halves = ("four zero one two eight eight eight eight", "eight eight eight eight one eight eight one")
    talk = "Sorry, hold on, let me find my reading glasses first."
    interrupted = _call(Utterance(0, "B", 0.0, 2.0, halves[0]), Utterance(1, "A", 2.2, 5.0, talk),
                        Utterance(2, "B", 5.2, 7.0, halves[1]))
    paused = _call(Utterance(0, "B", 0.0, 2.0, halves[0]), Utterance(1, "B", 9.0, 11.0, halves[1]))
    for call in (interrupted, paused):
        assert [r.kind for r in redact_call(call).redactions] == ["phone", "phone"]  # 8 spoken digits each


def test_tags_keep_pointing_at_their_words_and_meta_is_redacted() -> None:
    text = "My number is 415-555-0142 and my budget is tight."
    tags = (Tag("objection.price", 0, span=(30, 49), source="human"), Tag("tracker.x", 0, span=(0, 20)))
    meta = {"title": "call back 415 555 0142", "date": "2024-05-01"}
    call = _call(Utterance(0, "B", 0.0, 5.0, text, (), tags), meta=meta)
    out = redact_call(call)
    u = out.utterances[0]
    assert u.text == "My number is [PHONE] and my budget is tight."
    assert u.text[slice(*u.tags[0].span)] == text[30:49] == "my budget is tight."
    assert u.text[slice(*u.tags[1].span)] == "My number is [PHONE]"
    assert out.meta == {"title": "call back [PHONE]", "date": "2024-05-01"}
    r = out.redactions[0]
    assert (r.kind, r.span) == ("phone", (13, 20)) and 0.0 < r.start < r.end < 5.0


def test_redacting_twice_changes_nothing_and_the_json_round_trips() -> None:
    once = redact_call(_call(_worded(0, "B", 0.0, "mail zelda.quist@brightpath.io or call 415-555-0142")))
    assert redact_call(once) == once
    d = once.to_dict()
    assert [set(r) for r in d["redactions"]] == [{"kind", "utterance_id", "start", "end", "span"}] * 2
    assert Call.from_dict(json.loads(json.dumps(d))).redactions == once.redactions


def test_redact_text_and_errors() -> None:
    assert redact_text("call 415 555 0142, cost $1,200") == "call [PHONE], cost $1,200"
    # A clipped quote has no Luhn and no shape: strict mode takes any 7+ digits and any '@'.
    clipped = "found 'card 4012 8888 88…' and 'zq@brightp…'"
    assert redact_text(clipped, strict=True) == "found 'card [ID]…' and '[EMAIL]…'"
    with pytest.raises(TranscriptError) as info, redacting_errors(True):
        raise TranscriptError("x.vtt", "line 3: found 'it is 4012 8888 8888 1881'", "fix it")
    assert "4012" not in str(info.value) and info.value.path == "x.vtt" and "line 3" in str(info.value)


# ------------------------------------------------------------------------------------------
# Every output, end to end

CARD, SPOKEN_CARD = "4012888888881881", "378282246310005"
PHONE, SPOKEN_PHONE, SSN, SPOKEN_SSN = "14155550142", "6465550198", "078051120", "219099999"
EMAIL_WORDS = ("zelda", "quist", "brightpath", "marlo", "vance", "harborline")
SPOKEN = ("three seven eight two", "eight two two four", "six four six five", "two one nine zero",
          "oh nine twenty eight", "seven three seven")  # the last two: the card's expiry and security code

VTT = """WEBVTT

00:00:01.000 --> 00:00:04.000
<v Dana>Thanks for joining. Can I take the card number for the deposit?

00:00:04.500 --> 00:00:09.000
<v Sam>Sure, it's 4012 8888 8888 1881, expires oh nine twenty eight, code seven three seven, and my email is zelda.quist@brightpath.io

00:00:09.500 --> 00:00:12.000
<v Dana>And the Amex for the second account, and a phone number?

00:00:12.500 --> 00:00:19.000
<v Sam>three seven eight two, eight two two four, six three one, zero zero zero five. Phone is +1 (415) 555-0142.

00:00:19.500 --> 00:00:22.000
<v Dana>What problems does that cause you? How much is it costing the team?

00:00:22.500 --> 00:00:28.000
<v Sam>My social security number is 078-05-1120 if you need it. Honestly the price worries me,
two thousand dollars for twenty people is a lot.
"""

# One value of every other entity (``--redact-entities all``): bank details, a date of birth,
# an address and a name.
MORE_VTT = """WEBVTT

00:00:01.000 --> 00:00:04.000
<v Dana>Thanks for holding. Can I take your bank details, date of birth and address?

00:00:04.500 --> 00:00:12.000
<v Sam>My name is Quentin Fairweather. The IBAN is GB82 WEST 1234 5698 7654 32, account number 31926819, routing number 021000021 and the sort code is 20-41-90.

00:00:12.500 --> 00:00:14.000
<v Dana>Thank you. And your date of birth?

00:00:14.500 --> 00:00:22.000
<v Sam>I was born on the ninth of November nineteen seventy-four, and I live at 742 Evergreen Terrace, Springfield, IL 62704. Twenty people at two thousand dollars worries me.
"""
MORE_DIGITS = ("12345698765432", "31926819", "021000021", "204190", "62704")
MORE_WORDS = ("quentin", "fairweather", "gb82", "november", "evergreen", "springfield")

JSON_TRANSCRIPT = {
    "roles": {"Dana": "rep"},
    "utterances": [
        {"speaker": "Dana", "start": 0.0, "end": 3.0, "text": "What is your social security number and email?"},
        {"speaker": "Sam", "start": 3.5, "end": 6.0, "text": "two one nine, zero nine,",
         "words": [{"start": 3.5 + 0.4 * k, "end": 3.8 + 0.4 * k, "text": w}
                   for k, w in enumerate("two one nine, zero nine,".split())]},
        {"speaker": "Dana", "start": 6.1, "end": 6.4, "text": "okay"},
        {"speaker": "Sam", "start": 6.6, "end": 9.0, "text": "nine nine nine nine.",
         "words": [{"start": 6.6 + 0.5 * k, "end": 6.9 + 0.5 * k, "text": w}
                   for k, w in enumerate("nine nine nine nine.".split())]},
        {"speaker": "Sam", "start": 9.5, "end": 13.0,
         "text": "And it's marlo dot vance at harborline dot net, or call six four six five five five oh one nine "
                 "eight."},
        {"speaker": "Dana", "start": 13.5, "end": 16.0,
         "text": "What would it cost you if nothing changes? We charge $1,200 a month."},
    ],
}


_DIGIT_WORDS = {"zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
                "six": "6", "seven": "7", "eight": "8", "nine": "9"}


def leaks(blob: str) -> list[str]:
    """Every seeded value found in ``blob``, in any rendering: digits with or without
    separators, read out digit by digit, any part of an e-mail address."""
    words = re.sub(r"[^a-z0-9]+", " ", blob.lower()).split()
    spoken = "".join(_DIGIT_WORDS.get(w, " ") for w in words).split()
    written = [re.sub(r"\D", "", r) for r in re.findall(r"\d(?:[\s\-.,()/+]*\d)*", blob)]
    seeds = (CARD, SPOKEN_CARD, PHONE[1:], SPOKEN_PHONE, SSN, SPOKEN_SSN, *MORE_DIGITS)
    digits = [v for v in seeds if any(v in r for r in written + spoken)]
    padded = f" {' '.join(words)} "
    return digits + [w for w in EMAIL_WORDS + SPOKEN + MORE_WORDS if f" {w} " in padded]


def _files(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones too), by relative path, decoded."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return {str(p.relative_to(folder)): p.read_bytes().decode("utf-8") for p in files}


def _seed(folder: Path) -> Path:
    calls = folder / "calls"
    (calls / "sam").mkdir(parents=True)
    (calls / "sam" / "pii-call.vtt").write_text(VTT, encoding="utf-8")
    (calls / "sam" / "pii-words.json").write_text(json.dumps(JSON_TRANSCRIPT), encoding="utf-8")
    (calls / "sam" / "pii-more.vtt").write_text(MORE_VTT, encoding="utf-8")
    # A broken file whose parse error quotes a line with a card number in it.
    broken = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>hi\n\nSam: card 4012 8888 8888 1881 ok\n"
    (calls / "broken.vtt").write_text(broken, encoding="utf-8")
    return calls


def test_the_seeded_transcripts_do_leak_without_redaction(tmp_path: Path) -> None:
    """The check below is not vacuous: without --redact every seeded value is in the outputs."""
    calls = _seed(tmp_path)
    runner = CliRunner()
    outs = []
    for name in ("pii-call.vtt", "pii-words.json", "pii-more.vtt"):
        res = runner.invoke(cli, ["analyze", str(calls / "sam" / name), "--out", str(tmp_path / "plain")])
        assert res.exit_code == 0, res.output
        outs.append(res.output)
    bad = runner.invoke(cli, ["analyze", str(calls / "broken.vtt"), "--out", str(tmp_path / "plain")])
    assert bad.exit_code == 1 and CARD[:4] in bad.output
    blob = "\n".join(_files(tmp_path / "plain").values())
    # (the spoken SSN is read over two utterances, so only its first words are found as such)
    assert leaks(blob) == [CARD, SPOKEN_CARD, PHONE[1:], SPOKEN_PHONE, SSN, *MORE_DIGITS, *EMAIL_WORDS, *SPOKEN, *MORE_WORDS]


def test_no_seeded_value_in_any_byte_of_any_output(tmp_path: Path) -> None:
    calls = _seed(tmp_path)
    runner = CliRunner()
    captured = []
    for name in ("pii-call.vtt", "pii-words.json", "pii-more.vtt"):
        res = runner.invoke(cli, ["analyze", str(calls / "sam" / name), "--out", str(tmp_path / "one"),
                                  "--redact-entities", "all", "--format", "json,html,srt,vtt,txt"])
        assert res.exit_code == 0, res.output
        assert "redacted " in res.stderr  # the terminal summary says what was taken out
        captured += [res.stdout, res.stderr]
    bad = runner.invoke(cli, ["analyze", str(calls / "broken.vtt"), "--out", str(tmp_path / "one"),
                              "--redact-entities", "all"])
    assert bad.exit_code == 1 and "expected a cue timing line" in bad.stderr
    captured += [bad.stdout, bad.stderr]
    # a manifest whose notes column holds a phone number and an e-mail address
    manifest = tmp_path / "calls.csv"
    manifest.write_text("file,rep,notes\nsam/pii-call.vtt,dana,\"call back on +1 (415) 555-0142 or zelda.quist@brightpath.io\"\n",
                        encoding="utf-8")
    res = runner.invoke(cli, ["batch", str(calls), "--out", str(tmp_path / "batch"), "--workers", "0",
                              "--redact-entities", "all", "--manifest", str(manifest),
                              "--format", "json,html,srt,vtt,txt"])
    assert res.exit_code == 1, res.output  # the broken file failed; the others were analysed
    captured += [res.stdout, res.stderr]

    files = _files(tmp_path / "one") | {f"batch/{k}": v for k, v in _files(tmp_path / "batch").items()}
    kinds = {Path(name).name.split(".", 1)[-1] if "." in name else name for name in files}
    assert {"callcoach.json", "scorecard.html", "csv", "html", "callcoach-batch.json", "jsonl",
            "callcoach.srt", "callcoach.vtt", "callcoach.txt"} <= kinds  # fmt: skip
    assert "failures.jsonl" in {Path(n).name for n in files}
    for name, text in files.items():
        assert leaks(text) == [], name
    for text in captured:
        assert leaks(text) == [], text
    # The redactions are recorded by kind and time, and the coaching numbers are all still there.
    analysis = json.loads(files["batch/sam/pii-call.callcoach.json"])
    assert analysis["settings"]["redact"] is True and analysis["settings"]["redact_entities"] == list(ENTITIES)
    more = json.loads(files["batch/sam/pii-more.callcoach.json"])
    assert {r["kind"] for r in more["redactions"]} == {"iban", "account", "routing", "dob", "address", "person"}
    assert "Twenty people at two thousand dollars" in more["utterances"][3]["text"]
    assert analysis["meta"] == {"path": "sam/pii-call.vtt", "rep": "dana", "notes": "call back on [PHONE] or [EMAIL]"}
    marks = [(r["kind"], r["utterance_id"]) for r in analysis["redactions"]]
    assert marks == [("card", 1), ("expiry", 1), ("cvv", 1), ("email", 1), ("card", 3), ("phone", 3), ("id", 5)]
    assert all(r["start"] is not None and r["end"] > r["start"] for r in analysis["redactions"])
    assert "two thousand dollars for twenty people" in analysis["utterances"][5]["text"]
    worded = json.loads(files["batch/sam/pii-words.callcoach.json"])
    marks = [(r["kind"], r["utterance_id"]) for r in worded["redactions"]]
    assert marks == [("id", 1), ("id", 3), ("email", 4), ("phone", 4)]  # the SSN read over two utterances
    assert [w["text"] for w in worded["utterances"][1]["words"]] == ["[ID],"]
    assert "$1,200 a month" in worded["utterances"][5]["text"]


def test_a_corrected_manifest_is_redacted_when_it_refreshes_a_finished_call(tmp_path: Path) -> None:
    calls = _seed(tmp_path)
    (calls / "broken.vtt").unlink()
    manifest = tmp_path / "calls.csv"
    manifest.write_text("file,rep,notes\nsam/pii-call.vtt,dana,first call\n", encoding="utf-8")
    args = ["batch", str(calls), "--out", str(tmp_path / "out"), "--workers", "0", "--redact", "--manifest", str(manifest)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    manifest.write_text("file,rep,notes\nsam/pii-call.vtt,dana,new number 415 555 0142\n", encoding="utf-8")
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 0 and "3 already done" in res.stdout, res.output  # new metadata, no new analysis
    analysis = json.loads((tmp_path / "out" / "sam" / "pii-call.callcoach.json").read_text(encoding="utf-8"))
    assert analysis["meta"]["notes"] == "new number [PHONE]"
    for name, text in _files(tmp_path / "out").items():
        assert "0142" not in text, name


def test_audio_input_is_redacted_before_tagging(tmp_path: Path) -> None:
    rep = "Can I take your card number and email please".split()
    customer = ("Sure it's 4012 8888 8888 1881 and zelda.quist@brightpath.io or call 415-555-0142 "
                "the price worries me though").split()
    sr = 16_000
    x = np.zeros((2, 16 * sr), dtype=np.float32)
    x[0, sr : sr + int(0.3 * len(rep) * sr)] = voice(0.3 * len(rep), 140)
    x[1, 5 * sr : 5 * sr + int(0.3 * len(customer) * sr)] = voice(0.3 * len(customer), 210)
    wav = tmp_path / "call.wav"
    sf.write(wav, x.T, sr)
    fake = FakeTranscriber(scripts=[rep, customer])
    call = callcoach.analyze(wav, transcriber=fake, rep_channel="left", redact=True, out=tmp_path / "out")
    said = " ".join(u.text for u in call.utterances)
    assert "[CARD]" in said and "[EMAIL]" in said and "[PHONE]" in said
    assert [r.kind for r in call.redactions] == ["card", "email", "phone"]
    assert all(5.0 <= r.start < r.end <= 5.0 + 0.3 * len(customer) + 0.1 for r in call.redactions)
    for text in _files(tmp_path / "out").values():
        assert leaks(text) == []


def test_rubric_default_flag_and_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rubric_text = (Path(callcoach.__file__).parent.parent / "rubrics" / "discovery.yaml").read_text(encoding="utf-8")
    private = tmp_path / "private.yaml"
    private_text = rubric_text.replace("id: discovery", "id: private") + "\nprivacy:\n  redact: true\n"
    private.write_text(private_text, encoding="utf-8")
    assert load_rubric(private).privacy.redact is True and load_rubric("discovery").privacy.redact is False
    vtt = tmp_path / "c.vtt"
    vtt.write_text(VTT, encoding="utf-8")

    def redacted(*args: str) -> bool:
        res = CliRunner().invoke(cli, ["analyze", str(vtt), "--out", str(tmp_path / "o"), "-q", *args])
        assert res.exit_code == 0, res.output
        d = json.loads((tmp_path / "o" / "c.callcoach.json").read_text(encoding="utf-8"))
        assert d["settings"]["redact"] is bool(d["redactions"])
        return bool(d["redactions"])

    assert not redacted() and redacted("--redact")
    assert redacted("--rubric", str(private)) and not redacted("--rubric", str(private), "--no-redact")
    monkeypatch.setenv("CALLCOACH_ANALYZE_REDACT", "1")
    assert redacted()
    bad = tmp_path / "bad.yaml"
    bad.write_text(rubric_text + "\nprivacy:\n  redcat: true\n", encoding="utf-8")
    with pytest.raises(RubricError, match=r"privacy -> redcat"):
        load_rubric(bad)


# ------------------------------------------------------------------------------------------
# A synthesized call through the real recogniser


def _synth_leaks(blob: str) -> list[str]:
    """Seven or more digits in a row of the card or phone number, however the recogniser wrote
    them, and the words of the e-mail address."""
    words = re.sub(r"[^a-z0-9]+", " ", blob.lower()).split()
    runs = [re.sub(r"\D", "", r) for r in re.findall(r"\d(?:[\s\-.,()/+]*\d)*", blob)]
    runs += "".join(_DIGIT_WORDS.get(w, " ") for w in words).split()
    found = []
    for name, seed in (("card", pii_call.CARD), ("phone", pii_call.PHONE)):
        if any(seed[i : i + 7] in r for i in range(len(seed) - 6) for r in runs):
            found.append(name)
    return found + [w for w in ("jordan", "baker") if w in words]


@pytest.mark.slow
def test_a_synthesized_call_read_by_the_recogniser_leaks_nothing(tmp_path: Path) -> None:
    from callcoach.errors import ModelNotFound
    from callcoach.models import resolve_asr

    if not pii_call.espeak_available():
        pytest.skip("espeak-ng is not installed (it synthesizes the call)")
    try:
        resolve_asr(None)
    except ModelNotFound as exc:
        pytest.skip(f"the tiny.en recogniser is not installed: {exc}")
    audio = tmp_path / "pii-call.flac"
    turns = pii_call.synthesize(audio)
    runner = CliRunner()
    plain = runner.invoke(cli, ["analyze", str(audio), "--rep-channel", "left", "--out", str(tmp_path / "plain")])
    assert plain.exit_code == 0, plain.output
    # Not vacuous: the recogniser did write every seeded value down.
    plain_json = (tmp_path / "plain" / "pii-call.callcoach.json").read_text(encoding="utf-8")
    # (tiny.en hears "Jordan .Baker" or "Jordan .Vaker" as the chunking around it varies)
    leaked = _synth_leaks(plain_json)
    assert leaked[:3] == ["card", "phone", "jordan"], leaked

    args = ["analyze", str(audio), "--rep-channel", "left", "--out", str(tmp_path / "red"), "--redact"]
    res = runner.invoke(cli, args)
    assert res.exit_code == 0, res.output
    files = _files(tmp_path / "red")
    assert sorted(files) == ["pii-call.callcoach.json", "pii-call.scorecard.html"]
    for name, text in [*files.items(), ("stdout", res.stdout), ("stderr", res.stderr)]:
        assert _synth_leaks(text) == [], name
    analysis = json.loads(files["pii-call.callcoach.json"])
    for kind, turn in pii_call.TURN_OF.items():
        _, start, end = turns[turn]
        assert any(
            r["kind"] == kind and r["start"] < end + 1.5 and r["end"] > start - 1.5 for r in analysis["redactions"]
        ), (kind, start, end, analysis["redactions"])
    said = " ".join(u["text"] for u in analysis["utterances"])
    assert "a year for 20 people" in said  # the price and the head count are kept
    # The expiry date and the security code read after the card: written down, then redacted.
    plain_said = " ".join(u["text"] for u in json.loads(plain_json)["utterances"])
    for seed in (pii_call.EXPIRY, pii_call.CODE):
        assert seed in re.sub(r"\D", "", plain_said)
        assert seed not in re.sub(r"\D", "", said)
