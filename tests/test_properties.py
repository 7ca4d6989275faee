"""Property-based tests (hypothesis) of the pure core: transcript parsers, word-to-speaker
assignment, utterance building and metrics.

Complements the properties beside each module (random text and bytes into the parsers and
VTT/SRT cues read back in ``test_transcripts.py``; metric ranges in ``test_metrics.py``) with
structured inputs: arbitrary JSON documents, escaped multi-line cues, a brute-force oracle for
speaker assignment, and metric invariants (no NaN/inf, bounds, shift invariance).

Derandomized (a fixed example sequence, no example database), so CI is reproducible; example
counts keep the whole file to a few seconds.
"""

from __future__ import annotations

import html
import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callcoach.call import SCHEMA, Attribution, Call, RoleAssignment, Speaker, Tag, Utterance, Word
from callcoach.errors import CallcoachError
from callcoach.metrics import compute_metrics
from callcoach.rubric import load_rubric
from callcoach.scoring import score_call
from callcoach.speakers.assign import assign_speakers, build_utterances
from callcoach.speakers.diarize import Turn
from callcoach.transcripts import load_transcript

FAST = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Times are whole eighths of a second: exact in binary floating point, so sums, differences
# and shifts are exact and a property never hinges on rounding.
TICK = 0.125


def ticks(lo: int = 0, hi: int = 4_000) -> st.SearchStrategy[float]:
    return st.integers(lo, hi).map(lambda k: k * TICK)


# --------------------------------------------------------------------------------------------
# Transcript parsers
# --------------------------------------------------------------------------------------------

JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
)
KEYS = st.sampled_from(
    ["utterances", "speaker", "text", "start", "end", "words", "roles", "p", "probability", "schema", "x"]
)


def json_documents() -> st.SearchStrategy[object]:
    """Arbitrary JSON, biased towards the keys a transcript (or an analysis) uses."""
    values = st.recursive(
        JSON_SCALARS | st.sampled_from(["rep", "customer", "A", SCHEMA]),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS | st.text(max_size=6), inner, max_size=5),
        max_leaves=25,
    )
    utterance = st.fixed_dictionaries(
        {},
        optional={"speaker": values, "text": values, "start": values, "end": values, "words": values},
    )
    transcript = st.fixed_dictionaries(
        {"utterances": st.lists(utterance | values, max_size=4)}, optional={"roles": values, "schema": values}
    )
    return transcript | values


@FAST
@given(doc=json_documents())
def test_json_parser_raises_only_callcoach_errors(tmp_path: Path, doc: object) -> None:
    p = tmp_path / "t.json"
    p.write_text(json.dumps(doc), encoding="utf-8")
    try:
        call = load_transcript(p)
    except CallcoachError as e:
        assert str(e).startswith(f"{p}: ") and "\n" not in str(e)
    else:
        assert [u.id for u in call.utterances] == list(range(len(call.utterances)))
        json.dumps(call.to_dict(), allow_nan=False)  # what was read can be written as JSON


NAME_WORD = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=1).flatmap(
    lambda first: st.text(alphabet="abcdefghijklmnopqrstuvwxyz", max_size=6).map(lambda rest: first + rest)
)
NAMES = st.lists(NAME_WORD, min_size=1, max_size=3).map(" ".join)
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789éü", min_size=1, max_size=8)
TEXTS = (
    st.lists(WORDS | st.sampled_from([",", "?", "!", "&", "it's"]), min_size=1, max_size=8)
    .map(" ".join)
    .filter(lambda t: any(c.isalnum() for c in t))
)


@st.composite
def utterance_lists(draw: st.DrawFn) -> list[tuple[str, str, int, int]]:
    """(speaker, text, start ms, end ms), in time order as a transcript writes them."""
    n = draw(st.integers(1, 8))
    out, t = [], 0
    for _ in range(n):
        t += draw(st.integers(0, 90_000))
        end = t + draw(st.integers(0, 20_000))
        out.append((draw(NAMES), draw(TEXTS), t, end))
    return out


def _ts(ms: int, sep: str) -> str:
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}{sep}{ms % 1000:03d}"


def _split_lines(text: str) -> list[str]:
    """A cue's text over up to two lines (a reader joins them with one space)."""
    words = text.split(" ")
    half = len(words) // 2
    return [" ".join(words[:half]), " ".join(words[half:])] if half else [text]


@FAST
@given(utts=utterance_lists(), fmt=st.sampled_from(["json", "vtt", "srt"]))
def test_utterances_written_and_parsed_back_are_the_same(tmp_path: Path, utts: list, fmt: str) -> None:
    """Speakers, order, texts and times survive each format (times to its millisecond)."""
    if fmt == "json":
        doc = {"utterances": [{"speaker": s, "text": t, "start": a / 1000, "end": b / 1000} for s, t, a, b in utts]}
        body = json.dumps(doc, ensure_ascii=False)
    elif fmt == "vtt":
        # Voice spans, HTML escapes, and the text over two lines.
        cues = [
            f"{_ts(a, '.')} --> {_ts(b, '.')}\n<v {s}>"
            + "\n".join(html.escape(x, quote=False) for x in _split_lines(t))
            for s, t, a, b in utts
        ]
        body = "WEBVTT\n\n" + "\n\n".join(cues) + "\n"
    else:
        cues = [
            f"{k}\n{_ts(a, ',')} --> {_ts(b, ',')}\n{s}: " + "\n".join(_split_lines(t))
            for k, (s, t, a, b) in enumerate(utts, 1)
        ]
        body = "\n\n".join(cues) + "\n"
    p = tmp_path / f"t.{fmt}"
    p.write_text(body, encoding="utf-8")
    call = load_transcript(p)
    got = [(u.speaker, u.text, u.start, u.end) for u in call.utterances]
    assert got == [(s, " ".join(t.split()), a / 1000, b / 1000) for s, t, a, b in utts]
    assert [s.id for s in call.speakers] == list(dict.fromkeys(s for s, *_ in utts))
    assert call.duration == max(b for *_, b in utts) / 1000


@FAST
@given(
    doc=st.dictionaries(
        KEYS | st.sampled_from(["id", "source", "duration", "speakers", "attribution"]), JSON_SCALARS, max_size=6
    )
)
def test_a_broken_analysis_file_is_a_clear_error(tmp_path: Path, doc: dict) -> None:
    p = tmp_path / "a.json"
    p.write_text(json.dumps({**doc, "schema": SCHEMA, "utterances": doc.get("utterances", [])}), encoding="utf-8")
    with pytest.raises(CallcoachError, match=r"a\.json: "):
        load_transcript(p)


# --------------------------------------------------------------------------------------------
# Word-to-speaker assignment and utterances
# --------------------------------------------------------------------------------------------

SPEAKERS = st.sampled_from(["A", "B", "C"])


@st.composite
def words_and_turns(draw: st.DrawFn) -> tuple[list[Word], list[Turn]]:
    words = [
        Word(s, s + d, f"w{i}", 0.9)
        for i, (s, d) in enumerate(draw(st.lists(st.tuples(ticks(0, 800), ticks(0, 16)), max_size=25)))
    ]
    turns = [
        Turn(s, s + d, spk)
        for s, d, spk in draw(st.lists(st.tuples(ticks(0, 800), ticks(0, 120), SPEAKERS), max_size=8))
    ]
    return words, turns


def oracle_speaker(w: Word, turns: list[Turn]) -> str:
    """Brute force over every turn: the most overlap (ties: the first name in sorted order), else
    the turn nearest the word's middle (ties: the earliest turn)."""
    ts = sorted(turns, key=lambda t: (t.start, t.end))
    overlap: dict[str, float] = {}
    for t in ts:
        ov = min(w.end, t.end) - max(w.start, t.start)
        if ov > 0:
            overlap[t.speaker] = overlap.get(t.speaker, 0.0) + ov
    if overlap:
        best = max(overlap.values())
        return min(s for s, v in overlap.items() if v == best)
    mid = (w.start + w.end) / 2
    return min(ts, key=lambda t: 0.0 if t.start <= mid <= t.end else min(abs(t.start - mid), abs(t.end - mid))).speaker


@FAST
@given(data=words_and_turns())
def test_every_word_gets_exactly_the_best_speaker(data: tuple[list[Word], list[Turn]]) -> None:
    words, turns = data
    out = assign_speakers(words, turns)
    assert [x.word for x in out] == words  # one entry per word, in order, times untouched
    assert all(x.word is w for x, w in zip(out, words))
    expected = [oracle_speaker(w, turns) if turns else "A" for w in words]
    assert [x.speaker for x in out] == expected


@FAST
@given(data=words_and_turns(), max_pause=st.sampled_from([0.5, 2.0]), soft_max=st.sampled_from([1.0, 20.0]))
def test_utterances_hold_every_word_once_and_never_span_a_speaker_change(
    data: tuple[list[Word], list[Turn]], max_pause: float, soft_max: float
) -> None:
    words, turns = data
    attributed = assign_speakers(words, turns)
    speaker_of = {id(x.word): x.speaker for x in attributed}
    utts = build_utterances(attributed, max_pause=max_pause, soft_max_seconds=soft_max)

    assert [u.id for u in utts] == list(range(len(utts)))
    held = [w for u in utts for w in u.words]
    assert sorted(map(id, held)) == sorted(map(id, words))  # every word exactly once
    for u in utts:
        assert {speaker_of[id(w)] for w in u.words} == {u.speaker}  # one speaker per utterance
        assert u.start == u.words[0].start and u.end == max(w.end for w in u.words)
        assert u.text == " ".join(w.text for w in u.words)
        assert all(b.start - a.end <= max_pause for a, b in zip(u.words, u.words[1:]))
    starts = [(w.start, w.end) for w in held]
    assert starts == sorted(starts)  # in time order, within and across utterances
    for a, b in zip(utts, utts[1:]):  # a break between two of one speaker's words has a reason
        if a.speaker == b.speaker:
            gap = b.words[0].start - a.words[-1].end
            assert gap > max_pause or (a.words[-1].end - a.words[0].start) > soft_max


# --------------------------------------------------------------------------------------------
# Metrics (and the scorecard built from them)
# --------------------------------------------------------------------------------------------

TEXT_CHOICES = ["ok", "mm-hmm", "um, like, you know, yes", "so here is a long explanation of how our platform works",
                "What does your team use today?", "Is that right?", ""]  # fmt: skip


@st.composite
def calls(draw: st.DrawFn) -> Call:
    """A timed call of rep R, customer C and an unknown X, with overlaps, gaps, zero-length
    utterances, at most one question tag per utterance, and a recording length or none."""
    n = draw(st.integers(0, 14))
    utts = []
    for i in range(n):
        start = draw(ticks(0, 2_400))
        end = start + draw(ticks(0, 240))
        text = draw(st.sampled_from(TEXT_CHOICES))
        label = draw(st.sampled_from(["question.open", "question.closed"]))
        tags = (Tag(label, i, span=(0, len(text))),) if text.endswith("?") else ()
        utts.append(Utterance(i, draw(st.sampled_from(["R", "C", "X"])), start, end, text, (), tags))
    order = list(dict.fromkeys(u.speaker for u in utts))
    roles = {"R": "rep", "C": "customer", "X": "unknown"}
    last = max((u.end for u in utts), default=0.0)
    duration = draw(st.one_of(st.none(), ticks(0, 80).map(lambda extra: last + extra)))
    return Call(
        id="p",
        source="p.wav",
        duration=duration,
        channels=2,
        speakers=tuple(Speaker(s, roles[s]) for s in order),  # type: ignore[arg-type]
        utterances=tuple(utts),
        attribution=Attribution(draw(st.sampled_from(["stereo-channels", "diarization"])), len(order)),
        roles=RoleAssignment("R" if "R" in order else None, "rep-flag", 1.0),
    )


def _shift(call: Call, by: float) -> Call:
    utts = tuple(Utterance(u.id, u.speaker, u.start + by, u.end + by, u.text, u.words, u.tags) for u in call.utterances)  # type: ignore[operator]
    return call.with_(utterances=utts, duration=None if call.duration is None else call.duration + by)


def _finite_json(d: object) -> None:
    text = json.dumps(d, allow_nan=False)  # raises on NaN or infinity anywhere
    assert "NaN" not in text and "Infinity" not in text


@FAST
@given(call=calls())
def test_metrics_are_finite_bounded_and_consistent(call: Call) -> None:
    m = compute_metrics(call)
    d = m.to_dict()
    _finite_json(d)
    dur = m.duration_s
    talked = [s for s in m.speakers if s.talk_s]
    if dur is not None:
        for s in m.speakers:
            assert s.talk_s is None or 0.0 <= s.talk_s <= dur + 1e-9
        for stretch in (m.longest_monologue, m.longest_customer_story):
            assert stretch.duration_s is None or 0.0 <= stretch.duration_s <= dur + 1e-9
    if talked:  # shares of talk over the speakers who talked: each in [0, 100], summing to 100
        total = sum(s.talk_s for s in talked)  # type: ignore[misc]
        shares = [100 * s.talk_s / total for s in talked]  # type: ignore[operator]
        assert all(0.0 <= x <= 100.0 for x in shares) and sum(shares) == pytest.approx(100.0)
    if m.talk.rep_talk_pct is not None:
        assert 0.0 <= m.talk.rep_talk_pct <= 100.0
        assert m.talk.rep_talk_pct + m.talk.customer_talk_pct == pytest.approx(100.0)  # type: ignore[operator]
    by_side = {side: sum(1 for u in call.utterances if call.role_of(u.speaker) == side) for side in ("rep", "customer")}
    q = m.questions
    if q.rep_questions is not None:
        assert 0 <= q.rep_questions <= by_side["rep"]
        assert q.customer_questions is not None and 0 <= q.customer_questions <= by_side["customer"]
        assert max(q.rep_open_questions or 0, q.rep_closed_questions or 0) <= q.rep_questions
    assert m.interactivity.speaker_switches <= max(0, len(call.utterances) - 1)
    assert sum(s.utterances for s in m.speakers) == len(call.utterances)


RUBRIC = load_rubric()
#: The same rubric scoring every call, conversation or not (``conversation: {check: false}``).
RUBRIC_EVERY_CALL = RUBRIC.model_copy(update={"conversation": RUBRIC.conversation.model_copy(update={"check": False})})


@FAST
@given(call=calls())
def test_the_scorecard_of_any_call_is_finite_and_in_range(call: Call) -> None:
    scored = call.with_(metrics=compute_metrics(call).to_dict())
    card = score_call(scored, RUBRIC)
    _finite_json(card.to_dict())
    if card.is_conversation:
        assert card.score is not None and 0.0 <= card.score <= 100.0
    else:  # a voicemail, one voice, too short: labelled with a reason, nothing scored
        assert card.score is None and card.conversation is not None and card.conversation.reason
        assert not card.dimensions and not card.stalls and not card.tips
    every = score_call(scored, RUBRIC_EVERY_CALL)
    _finite_json(every.to_dict())
    assert every.is_conversation and every.score is not None and 0.0 <= every.score <= 100.0


#: The metrics that do not depend on where the call sits on the clock (rates per minute and
#: question quarters use the recording length, which a shift changes).
SHIFT_INVARIANT = (
    ("speakers",),
    ("talk",),
    ("longest_monologue", "duration_s"),
    ("longest_monologue", "utterance_ids"),
    ("longest_customer_story", "duration_s"),
    ("longest_customer_story", "utterance_ids"),
    ("interactivity", "speaker_switches"),
    ("interactivity", "substantive_speaker_switches"),
    ("patience",),
    ("overlap",),
    ("questions", "rep_questions"),
    ("questions", "customer_questions"),
)


def _pick(d: dict, path: tuple[str, ...]) -> object:
    for key in path:
        d = d[key]
    return d


@FAST
@given(call=calls(), by=ticks(1, 20_000))
def test_metrics_do_not_change_when_the_whole_call_is_shifted(call: Call, by: float) -> None:
    before, after = compute_metrics(call).to_dict(), compute_metrics(_shift(call, by)).to_dict()
    for path in SHIFT_INVARIANT:
        assert _pick(after, path) == _pick(before, path), path
    start_b, start_a = before["longest_monologue"]["start_s"], after["longest_monologue"]["start_s"]
    if start_b is not None:
        assert math.isclose(start_a - start_b, by, abs_tol=1e-3)
