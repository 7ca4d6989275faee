from __future__ import annotations

import json

import pytest

from callcoach.call import SCHEMA, Attribution, Call, ModelInfo, RoleAssignment, Speaker, Tag, Utterance, Word
from callcoach.errors import SchemaError


def make_call() -> Call:
    words = (Word(0.0, 0.4, "Hi", 0.91), Word(0.4, 0.9, "there?", 0.87))
    return Call(
        id="c1",
        source="c1.wav",
        duration=12.3456,
        channels=2,
        sample_rate=8000,
        speakers=(Speaker("left", "rep", 0, 5.0), Speaker("right", "customer", 1, 4.0)),
        utterances=(
            Utterance(0, "left", 0.0, 0.9, "Hi there?", words, (Tag("question.open", 0, 0.8, (0, 9), "rules"),)),
            Utterance(1, "right", None, None, "Hello."),
        ),
        attribution=Attribution("stereo-channels", 2, 1.0, ("w",), {"k": 1}),
        roles=RoleAssignment("left", "rep-channel", 1.0, ("set by the user",)),
        models=(ModelInfo("asr", "fake", "0", "test"),),
        settings={"model": None},
        timings={"total": 1.23456},
        callcoach_version="0.1.0",
    )


def test_round_trip_through_json() -> None:
    call = make_call()
    d = json.loads(json.dumps(call.to_dict()))
    assert d["schema"] == SCHEMA
    again = Call.from_dict(d)
    assert again.to_dict() == call.to_dict()
    assert again.utterances[0].words[1].text == "there?"
    assert again.utterances[0].tags[0].span == (0, 9)
    assert again.utterances[1].start is None


def test_times_are_rounded_to_milliseconds() -> None:
    d = make_call().to_dict()
    assert d["duration"] == 12.346
    assert d["timings"]["total"] == 1.235


def test_unknown_schema_is_refused() -> None:
    d = make_call().to_dict()
    d["schema"] = "callcoach.analysis/999"
    with pytest.raises(SchemaError, match="unsupported analysis schema"):
        Call.from_dict(d)


def test_call_is_immutable_and_with_returns_a_copy() -> None:
    call = make_call()
    with pytest.raises(AttributeError):
        call.id = "x"  # type: ignore[misc]
    other = call.with_(id="c2")
    assert other.id == "c2" and call.id == "c1"


def test_role_lookup() -> None:
    call = make_call()
    assert call.role_of("left") == "rep"
    assert call.role_of("nobody") == "unknown"
    assert call.speaker("right").channel == 1
