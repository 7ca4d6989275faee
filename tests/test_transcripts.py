from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callcoach.call import Attribution, Call, RoleAssignment, Speaker, Tag, Utterance, Word
from callcoach.errors import InputError, TranscriptError
from callcoach.transcripts import is_transcript, load_transcript


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    p = tmp_path / name
    if isinstance(content, str):
        p.write_text(content, encoding="utf-8")
    else:
        p.write_bytes(content)
    return p


def rows(call: Call) -> list[tuple]:
    return [(u.id, u.speaker, u.start, u.end, u.text) for u in call.utterances]


# ------------------------------------------------------------------------------------------
# callcoach transcript JSON


def test_json_transcript_with_roles(tmp_path: Path) -> None:
    doc = {
        "utterances": [
            {"speaker": "A", "start": 0.0, "end": 2.1, "text": "Hi, this is Dana."},
            {"speaker": "B", "start": 2.5, "end": 4.0, "text": "Hi   Dana."},
            {"speaker": "B", "start": 4.0, "end": 5.5, "text": "What's up?"},
        ],
        "roles": {"A": "rep", "B": "customer"},
    }
    call = load_transcript(write(tmp_path, "call.json", json.dumps(doc)))
    assert rows(call) == [
        (0, "A", 0.0, 2.1, "Hi, this is Dana."),
        (1, "B", 2.5, 4.0, "Hi Dana."),
        (2, "B", 4.0, 5.5, "What's up?"),
    ]
    assert [(s.id, s.role) for s in call.speakers] == [("A", "rep"), ("B", "customer")]
    assert call.speakers[1].talk_time == pytest.approx(3.0)
    assert call.roles == RoleAssignment("A", "transcript", 1.0, ("roles given in the transcript",))
    assert (call.attribution.method, call.attribution.confidence, call.channels, call.sample_rate) == (
        "transcript",
        1.0,
        0,
        None,
    )
    assert call.attribution.num_speakers == 2
    assert (call.id, call.source, call.duration) == ("call", "call.json", 5.5)
    assert all(u.words == () for u in call.utterances)


def test_json_without_times_or_roles(tmp_path: Path) -> None:
    doc = {
        "utterances": [
            {"speaker": "B", "text": "Hello?"},
            {"speaker": 7, "text": "Hi."},
            {"speaker": "B", "text": "Bye."},
        ]
    }
    call = load_transcript(write(tmp_path, "c.json", json.dumps(doc)))
    assert rows(call) == [(0, "B", None, None, "Hello?"), (1, "7", None, None, "Hi."), (2, "B", None, None, "Bye.")]
    assert call.duration is None
    assert [s.id for s in call.speakers] == ["B", "7"]
    assert all(s.role == "unknown" for s in call.speakers)
    assert call.roles == RoleAssignment(None, "unknown", 0.0, ())


def test_json_with_words_and_only_a_rep_named(tmp_path: Path) -> None:
    doc = {
        "utterances": [
            {
                "speaker": "A",
                "text": "Hi there",
                "words": [
                    {"start": 0.5, "end": 0.8, "text": "Hi"},
                    {"start": 0.8, "end": 1.2, "text": "there", "p": 0.5},
                ],
            },
            {"speaker": "B", "start": 2.0, "end": 3.0, "text": "Hey"},
        ],
        "roles": {"A": "rep"},
    }
    call = load_transcript(write(tmp_path, "c.json", json.dumps(doc)))
    u0 = call.utterances[0]
    assert (u0.start, u0.end) == (0.5, 1.2)
    assert u0.words == (Word(0.5, 0.8, "Hi"), Word(0.8, 1.2, "there", 0.5))
    assert [(s.id, s.role) for s in call.speakers] == [("A", "rep"), ("B", "customer")]


def test_full_analysis_json_is_read_as_is(tmp_path: Path) -> None:
    call = Call(
        id="x",
        source="x.wav",
        duration=3.0,
        channels=2,
        speakers=(Speaker("left", "rep", 0, 1.0), Speaker("right", "customer", 1, 1.0)),
        utterances=(
            Utterance(0, "left", 0.0, 1.0, "Why?", (Word(0.0, 1.0, "Why?"),), (Tag("question.open", 0, 1.0, (0, 4)),)),
            Utterance(1, "right", 1.5, 2.5, "Because."),
        ),
        attribution=Attribution("stereo-channels", 2),
        roles=RoleAssignment("left", "rep-channel", 1.0),
    )
    p = write(tmp_path, "x.callcoach.json", json.dumps(call.to_dict()))
    assert is_transcript(p)
    assert load_transcript(p).to_dict() == call.to_dict()


# ------------------------------------------------------------------------------------------
# WebVTT

VTT = """WEBVTT
Kind: captions
Language: en

NOTE written by a meeting tool,
over two lines

STYLE
::cue { color: yellow }

REGION
id:fred width:40%

intro
00:00:00.000 --> 00:00:02.500 align:start position:10%
<v Dana Smith>Hi Sam, <b>this</b> is <i>Dana</i>.</v>

00:00:02.500 --> 00:00:04.000
<v.loud Sam>Hi &amp; hello &lt;3</v>

00:00:04.000 --> 00:00:06.000
<v Sam>Still me, <00:00:05.000><c.yellow>talking</c>.

01:02.500 --> 01:05.000
<v Sam>Hours are optional.
And lines join.
"""


def test_vtt_voice_spans(tmp_path: Path) -> None:
    call = load_transcript(write(tmp_path, "meet.vtt", VTT))
    assert rows(call) == [
        (0, "Dana Smith", 0.0, 2.5, "Hi Sam, this is Dana."),
        (1, "Sam", 2.5, 4.0, "Hi & hello <3"),
        (2, "Sam", 4.0, 6.0, "Still me, talking."),  # consecutive cues of one speaker stay apart
        (3, "Sam", 62.5, 65.0, "Hours are optional. And lines join."),
    ]
    assert [s.id for s in call.speakers] == ["Dana Smith", "Sam"]
    assert call.duration == 65.0
    assert call.attribution.details == {"format": "webvtt"}
    assert call.attribution.warnings == ()


def test_vtt_name_prefixes_and_unnamed_cues(tmp_path: Path) -> None:
    text = "WEBVTT\n\n1\n00:01.000 --> 00:02.000\nAlice: Hello there.\n\n2\n00:02.000 --> 00:03.500\nBOB: Hi.\n\n3\n00:04.000 --> 00:05.000\nthe options are: none\n"
    call = load_transcript(write(tmp_path, "p.vtt", text))
    assert rows(call) == [
        (0, "Alice", 1.0, 2.0, "Hello there."),
        (1, "BOB", 2.0, 3.5, "Hi."),
        (2, "unknown", 4.0, 5.0, "the options are: none"),
    ]
    assert call.attribution.warnings == ("1 of 3 utterances name no speaker; they are attributed to 'unknown'",)


def test_vtt_cue_with_two_voices_splits_its_time_by_text(tmp_path: Path) -> None:
    text = "WEBVTT\n\n00:10.000 --> 00:14.000\n<v A>Yes.</v> <v B>No no no no.</v>\n"
    call = load_transcript(write(tmp_path, "two.vtt", text))
    assert rows(call) == [(0, "A", 10.0, 11.0, "Yes."), (1, "B", 11.0, 14.0, "No no no no.")]


def test_vtt_cue_right_under_the_header_and_sound_annotations(tmp_path: Path) -> None:
    text = "WEBVTT\n00:00.000 --> 00:01.000\nA: Hi [laughs] there\n\n00:01.000 --> 00:02.000\n[Music]\n\n00:02.000 --> 00:03.000\n[Sam] Hello (inaudible).\n"
    call = load_transcript(write(tmp_path, "h.vtt", text))
    assert rows(call) == [(0, "A", 0.0, 1.0, "Hi there"), (1, "Sam", 2.0, 3.0, "Hello .")]


def test_crlf_and_bom_are_accepted(tmp_path: Path) -> None:
    text = "\ufeffWEBVTT\r\n\r\n00:00.000 --> 00:01.000\r\n<v A>Hi\r\n"
    assert rows(load_transcript(write(tmp_path, "w.vtt", text))) == [(0, "A", 0.0, 1.0, "Hi")]
    utf16 = "WEBVTT\n\n00:00.000 --> 00:01.000\n<v A>Hi\n".encode("utf-16")
    assert rows(load_transcript(write(tmp_path, "u16.vtt", utf16))) == [(0, "A", 0.0, 1.0, "Hi")]


# ------------------------------------------------------------------------------------------
# SRT

SRT = """1
00:00:01,000 --> 00:00:02,500
Dana: Hi Sam,
how are you?

2
00:00:03,000 --> 00:00:04,000
[Sam] Fine.

3
00:00:04,000 --> 00:00:06,000
SAM: Busy week.
DANA: Same here.

4
00:00:06,500 --> 00:00:07,000
<i>Dana: Great.</i>
"""


def test_srt_prefixes_and_multiline_cues(tmp_path: Path) -> None:
    call = load_transcript(write(tmp_path, "call.srt", SRT))
    assert rows(call) == [
        (0, "Dana", 1.0, 2.5, "Hi Sam, how are you?"),
        (1, "Sam", 3.0, 4.0, "Fine."),
        (2, "SAM", 4.0, 5.0, "Busy week."),  # two speakers in one cue share its time
        (3, "DANA", 5.0, 6.0, "Same here."),
        (4, "Dana", 6.5, 7.0, "Great."),
    ]
    assert call.attribution.details == {"format": "srt"}
    assert call.roles.rep is None


def test_srt_with_no_trailing_newline_and_extra_blank_lines(tmp_path: Path) -> None:
    text = "\n\n1\n00:00:00,000 --> 00:00:01,000\nA: one\n\n\n\n2\n00:00:01,000 --> 00:00:02,000\nB: two"
    assert [u.text for u in load_transcript(write(tmp_path, "s.srt", text)).utterances] == ["one", "two"]


# ------------------------------------------------------------------------------------------
# is_transcript


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.vtt", "WEBVTT\n", True),
        ("a.SRT", "", True),
        ("a.json", '{"utterances": []}', True),
        ("a.json", '{"turns": []}', False),
        ("a.json", "[1, 2]", False),
        ("a.json", "not json", False),
        ("a.json", b"\xff\xfe\x00", False),
        ("a.wav", "RIFF", False),
        ("a.txt", "A: hi", False),
    ],
)
def test_is_transcript(tmp_path: Path, name: str, content: str | bytes, expected: bool) -> None:
    assert is_transcript(write(tmp_path, name, content)) is expected


def test_is_transcript_on_a_missing_json_is_false(tmp_path: Path) -> None:
    assert is_transcript(tmp_path / "none.json") is False


# ------------------------------------------------------------------------------------------
# errors


@pytest.mark.parametrize(
    ("name", "content", "problem", "fix"),
    [
        (
            "bad.json",
            '{"utterances": [\n{"speaker": "A",, "text": "x"}]}',
            "not valid JSON: Expecting property name enclosed in double quotes (line 2",
            "JSON syntax",
        ),
        ("bad.json", "[1, 2]", "top level of the JSON is a list", '{"utterances"'),
        ("bad.json", '{"turns": []}', "has no 'utterances' list", "utterances"),
        ("bad.json", '{"utterances": {}}', "'utterances' is an object, not a list", "utterances"),
        ("bad.json", '{"utterances": []}', "holds no utterances", "at least one"),
        ("bad.json", '{"utterances": [{"speaker": "A", "text": "x"}, "hi"]}', "utterances[1] is a string", "speaker"),
        ("bad.json", '{"utterances": [{"text": "x"}]}', "utterances[0] has no speaker", "'speaker'"),
        ("bad.json", '{"utterances": [{"speaker": "A"}]}', "utterances[0] has no text", "'text'"),
        ("bad.json", '{"utterances": [{"speaker": "A", "text": 5}]}', "'text' is a number", "string"),
        (
            "bad.json",
            '{"utterances": [{"speaker": "A", "text": "x", "start": "0:01", "end": 2}]}',
            "'start' is \"0:01\"",
            "seconds",
        ),
        ("bad.json", '{"utterances": [{"speaker": "A", "text": "x", "start": 1}]}', "has a start but no end", "both"),
        (
            "bad.json",
            '{"utterances": [{"speaker": "A", "text": "x", "start": 3, "end": 1}]}',
            "ends (1 s) before it starts (3 s)",
            "times",
        ),
        (
            "bad.json",
            '{"utterances": [{"speaker": "A", "text": "x", "start": NaN, "end": 1}]}',
            "'start' is NaN",
            "seconds",
        ),
        (
            "bad.json",
            '{"utterances": [{"speaker": "A", "text": "x", "words": [{"text": "x"}]}]}',
            "words[0] has no start or end",
            "'start'",
        ),
        (
            "bad.json",
            '{"utterances": [{"speaker": "A", "text": "x"}], "roles": {"Z": "rep"}}',
            "speaker 'Z' never speaks",
            "the speakers are: A",
        ),
        (
            "bad.json",
            '{"utterances": [{"speaker": "A", "text": "x"}], "roles": {"A": "boss"}}',
            "\"boss\" for speaker 'A' is not a role",
            "'rep'",
        ),
        ("bad.json", '{"utterances": [{"speaker": "A", "text": "x"}], "roles": ["A"]}', "'roles' is a list", "roles"),
        (
            "bad.json",
            '{"schema": "callcoach.analysis/9", "utterances": []}',
            "schema 'callcoach.analysis/9'",
            "callcoach.analysis/1",
        ),
        (
            "bad.json",
            '{"schema": "callcoach.analysis/1", "utterances": []}',
            "analysis that cannot be read (missing field 'id')",
            "callcoach analyze",
        ),
        ("bad.json", "[" * 100_000 + "]" * 100_000, "nested too deeply", "flat list"),
        ("bad.json", "", "not valid JSON", "syntax"),
        (
            "bad.vtt",
            "WEBVTT\n\n00:00.000 --> 00:01.000\n<v A>hi\n\n00:01.000 --> 00:0x.000\n<v A>x\n",
            "line 6: cannot read the cue timing '00:01.000 --> 00:0x.000'",
            "00:01:02.500",
        ),
        ("bad.vtt", "WEBVTT\n\n00:02.000 --> 00:01.000\n<v A>hi\n", "line 3: the cue ends before it starts", "timing"),
        (
            "bad.vtt",
            "WEBVTT\n\n00:00.000 --> 00:01.000\n<v A>hi\n\nstray text\nmore\n",
            "line 6: expected a cue timing line, found 'stray text'",
            "blank line",
        ),
        ("bad.vtt", "WEBVTT\n\nNOTE only a note\n", "holds no cues", "timing line"),
        ("bad.vtt", "", "holds no cues", "timing line"),
        ("bad.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\n[Music]\n", "holds no speech", "words"),
        (
            "bad.vtt",
            "WEBVTT\n\n00:00.000 --> 00:01.000\nhello\n\n00:01.000 --> 00:02.000\nthere\n",
            "no cue names its speaker",
            "<v Name>",
        ),
        (
            "bad.srt",
            "1\n00:00:01,000 --> 00:00:xx,000\nA: hi\n",
            "line 2: cannot read the cue timing",
            "00:00:01,000 --> 00:00:02,000",
        ),
        (
            "bad.srt",
            "1\n00:00:01,000 -> 00:00:02,000\nA: hi\n",
            "line 1: expected a cue number and a timing line",
            "00:00:01,000",
        ),
        ("bad.srt", "1\n00:00:01,000 --> 00:00:02,000\nhi there\n", "no cue names its speaker", "Name:"),
        ("bad.srt", "\n\n   \n", "holds no cues", "timing"),
        ("bad.srt", b"1\n00:00:01,000 --> 00:00:02,000\nA: caf\xe9\n", "not UTF-8 text (byte 0xe9 on line 3)", "UTF-8"),
        ("bad.txt", "A: hi", "'.txt' is not a transcript format", ".vtt"),
    ],
)
def test_errors_name_the_file_the_problem_and_the_fix(
    tmp_path: Path, name: str, content: str | bytes, problem: str, fix: str
) -> None:
    p = write(tmp_path, name, content)
    with pytest.raises(TranscriptError) as info:
        load_transcript(p)
    e = info.value
    assert name in str(e)
    assert problem in e.problem, e.problem
    assert fix in e.fix, e.fix


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(TranscriptError, match="no such file"):
        load_transcript(tmp_path / "gone.vtt")
    d = tmp_path / "dir.srt"
    d.mkdir()
    with pytest.raises(InputError, match="is a directory"):
        load_transcript(d)


def test_a_10_mb_line_does_not_hang(tmp_path: Path) -> None:
    big = 10_000_000
    cases = {
        "a.vtt": "WEBVTT\n\n00:00.000 --> 00:01.000\nA: " + "<" * big + "\n",
        "b.vtt": "WEBVTT\n\n00:00.000 --> 00:01.000\n" + "<v " * (big // 3) + "\n",
        "c.srt": "1\n00:00:00,000 --> 00:00:01,000\n" + "[" * big + "\n",
        "d.srt": "1\n" + "0" * big + " --> 00:00:01,000\nA: x\n",
        "e.vtt": "WEBVTT\n\n00:00.000 --> 00:01.000\nA: " + "{\\" * (big // 2) + "(" * 1000 + "\n",
        "f.json": '{"utterances": [{"speaker": "A", "text": "' + "x" * big + '"}]}',
    }
    for name, content in cases.items():
        p = write(tmp_path, name, content)
        t0 = time.perf_counter()
        try:
            load_transcript(p)
        except TranscriptError:
            pass
        assert time.perf_counter() - t0 < 5.0, name


# ------------------------------------------------------------------------------------------
# properties


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    ext=st.sampled_from([".vtt", ".srt", ".json"]),
    body=st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300),
        st.lists(
            st.sampled_from(
                [
                    "WEBVTT",
                    "",
                    "1",
                    "00:01.000 --> 00:02.000",
                    "00:00:01,000 --> 00:00:02,000",
                    "A: hi",
                    "<v B>yo</v>",
                    "NOTE x",
                    "[Sam] ok",
                    "-->",
                    "<",
                    "{",
                    '{"utterances": [',
                    '{"speaker": "A", "text": "x"}',
                    "]}",
                    "99:99.999 --> 1:2",
                ]
            ),
            max_size=20,
        ).map("\n".join),
    ),
)
def test_random_input_raises_only_transcript_errors(tmp_path: Path, ext: str, body: str | bytes) -> None:
    p = tmp_path / f"r{ext}"
    if isinstance(body, str):
        p.write_text(body, encoding="utf-8")
    else:
        p.write_bytes(body)
    try:
        call = load_transcript(p)
    except TranscriptError as e:
        assert p.name in str(e) and e.problem and e.fix
    else:
        assert call.utterances and [u.id for u in call.utterances] == list(range(len(call.utterances)))
        assert all(u.text for u in call.utterances) or ext == ".json"
    is_transcript(p)


NAMES = st.sampled_from(["Alice", "Bob Smith", "SPEAKER 1", "José", "李雷"])
TEXTS = st.text(
    alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd"), whitelist_characters=" ,.?!'"),
    min_size=1,
    max_size=40,
).filter(lambda t: any(c.isalnum() for c in t))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.tuples(NAMES, TEXTS, st.integers(0, 5_000_000), st.integers(0, 60_000)), min_size=1, max_size=8),
    st.booleans(),
)
def test_written_cues_read_back(tmp_path: Path, cues: list, use_voice: bool) -> None:
    def ts(ms: int, sep: str) -> str:
        return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}{sep}{ms % 1000:03d}"

    vtt = ["WEBVTT", ""]
    srt = []
    for k, (name, text, start, dur) in enumerate(cues, start=1):
        line = f"<v {name}>{text}</v>" if use_voice else f"{name}: {text}"
        vtt += [f"{ts(start, '.')} --> {ts(start + dur, '.')}", line, ""]
        srt += [str(k), f"{ts(start, ',')} --> {ts(start + dur, ',')}", f"{name}: {text}", ""]
    expected = [(name, " ".join(text.split()), start / 1000, (start + dur) / 1000) for name, text, start, dur in cues]
    for fname, content in (("w.vtt", "\n".join(vtt)), ("w.srt", "\n".join(srt))):
        call = load_transcript(write(tmp_path, fname, content))
        got = [(u.speaker, u.text, u.start, u.end) for u in call.utterances]
        assert got == [(n, t, pytest.approx(s), pytest.approx(e)) for n, t, s, e in expected]


def test_a_loaded_transcript_round_trips_through_the_analysis_json(tmp_path: Path) -> None:
    call = load_transcript(write(tmp_path, "meet.vtt", VTT))
    again = Call.from_dict(json.loads(json.dumps(call.to_dict())))
    assert again.to_dict() == call.to_dict()
