from __future__ import annotations

import json
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from callcoach.call import Attribution, Call, RoleAssignment, Speaker, Tag, Utterance, Word
from callcoach.metrics import (
    NO_TIMES,
    ROLES_UNKNOWN,
    Metrics,
    compute_metrics,
    count_fillers,
    intersect,
)

LONG = "so here is a long explanation of how our platform works"  # 11 words, never a backchannel


def u(
    i: int,
    spk: str,
    start: float | None,
    end: float | None,
    text: str = LONG,
    tags: Sequence[Tag] = (),
    words: Sequence[Word] = (),
) -> Utterance:
    return Utterance(i, spk, start, end, text, tuple(words), tuple(tags))


def make_call(
    utts: Sequence[Utterance],
    roles: dict[str, str] | None = None,
    method: str = "stereo-channels",
    duration: float | None = None,
) -> Call:
    roles = {"R": "rep", "C": "customer"} if roles is None else roles
    order: list[str] = []
    for x in utts:
        if x.speaker not in order:
            order.append(x.speaker)
    rep = next((s for s in order if roles.get(s) == "rep"), None)
    return Call(
        id="t",
        source="t.wav",
        duration=duration,
        channels=2,
        speakers=tuple(Speaker(s, roles.get(s, "unknown")) for s in order),  # type: ignore[arg-type]
        utterances=tuple(utts),
        attribution=Attribution(method, len(order)),
        roles=RoleAssignment(rep, "rep-flag" if rep else "unknown", 1.0 if rep else 0.0),
    )


def roundtrip(m: Metrics) -> None:
    d = json.loads(json.dumps(m.to_dict()))
    assert Metrics.from_dict(d) == m


# ------------------------------------------------------------------------------------------
# talk


@pytest.mark.parametrize(
    ("rep", "cust", "rep_pct"),
    [
        ([(0, 30)], [(30, 70)], 42.9),
        ([(0, 50)], [(50, 100)], 50.0),
        ([(0, 10), (20, 30)], [(10, 20), (30, 80)], 25.0),
        ([(0, 60)], [], 100.0),
    ],
)
def test_talk_ratio_from_utterance_spans(rep: list, cust: list, rep_pct: float) -> None:
    utts = [u(i, "R", s, e) for i, (s, e) in enumerate(rep)]
    utts += [u(len(utts) + i, "C", s, e) for i, (s, e) in enumerate(cust)]
    if not cust:
        utts.append(u(len(utts), "C", 60.0, 60.0, "hi"))  # a customer who says nothing timed
    m = compute_metrics(make_call(utts))
    rep_s = sum(e - s for s, e in rep)
    cust_s = sum(e - s for s, e in cust)
    assert m.talk.rep_talk_s == pytest.approx(rep_s)
    assert m.talk.customer_talk_s == pytest.approx(cust_s)
    assert m.talk.rep_talk_pct == rep_pct
    assert m.talk.customer_talk_pct == pytest.approx(100 - rep_pct)
    roundtrip(m)


def test_talk_time_uses_word_times_with_short_pauses_bridged() -> None:
    words = [Word(0.0, 1.0, "a"), Word(1.3, 2.0, "b"), Word(5.0, 6.0, "c")]  # 0.3 s bridged, 3 s not
    rep = u(0, "R", 0.0, 6.0, "a b c", words=words)
    cust = u(1, "C", 7.0, 10.0, "well we tried that before")
    m = compute_metrics(make_call([rep, cust]))
    assert m.speaker("R").talk_s == pytest.approx(3.0)
    assert m.speaker("C").talk_s == pytest.approx(3.0)
    assert m.talk.rep_talk_pct == 50.0


def test_per_speaker_counts_and_speech_rate() -> None:
    utts = [
        u(0, "R", 0.0, 30.0, "um so this is, like, our uh tool ok"),  # 9 words, 3 fillers, 30 s
        u(1, "C", 30.0, 45.0, "sounds good to me"),  # 4 words, 15 s
        u(2, "R", 45.0, 60.0, "great"),
    ]
    m = compute_metrics(make_call(utts))
    r, c = m.speaker("R"), m.speaker("C")
    assert (r.utterances, r.words, r.filler_words, r.talk_s) == (2, 10, 3, 45.0)
    assert r.words_per_min == 13.33
    assert r.fillers_per_min == 4.0
    assert (c.utterances, c.words, c.filler_words, c.talk_s) == (1, 4, 0, 15.0)
    assert c.words_per_min == 16.0
    assert m.duration_s == 60.0


def test_duration_prefers_the_recording_length() -> None:
    utts = [u(0, "R", 0.0, 10.0), u(1, "C", 10.0, 20.0)]
    assert compute_metrics(make_call(utts, duration=25.0)).duration_s == 25.0
    assert compute_metrics(make_call(utts)).duration_s == 20.0


# ------------------------------------------------------------------------------------------
# monologue and customer story


@pytest.mark.parametrize(
    ("interjection", "seconds", "kwargs", "expected"),
    [
        ("right", 0.6, {}, (0.0, 120.0, [0, 1, 2], 1)),  # a backchannel: not broken
        ("mm-hmm okay sure", 1.2, {}, (0.0, 120.0, [0, 1, 2], 1)),  # 3 words: still one
        ("okay sure got it", 1.2, {}, (0.0, 60.0, [0], 0)),  # 4 words: broken
        ("okay sure got it", 1.2, {"backchannel_max_words": 4}, (0.0, 120.0, [0, 1, 2], 1)),
        ("mm-hmm", 2.0, {}, (0.0, 60.0, [0], 0)),  # too long to be a backchannel
        ("we actually use another tool", 2.5, {}, (0.0, 60.0, [0], 0)),
    ],
)
def test_monologue_broken_or_not_by_a_backchannel(
    interjection: str, seconds: float, kwargs: dict, expected: tuple
) -> None:
    utts = [
        u(0, "R", 0.0, 60.0),
        u(1, "C", 60.1, 60.1 + seconds, interjection),
        u(2, "R", 61.0, 120.0),  # 59 s: shorter than the first part when broken
    ]
    m = compute_metrics(make_call(utts), **kwargs)
    mono = m.longest_monologue
    assert (mono.start_s, mono.end_s, list(mono.utterance_ids), mono.backchannels) == expected
    assert mono.duration_s == pytest.approx(expected[1] - expected[0])


def test_monologue_spans_several_rep_utterances_and_ends_at_the_last_rep_one() -> None:
    utts = [
        u(0, "C", 0.0, 10.0),
        u(1, "R", 10.5, 40.0),
        u(2, "R", 41.0, 70.0),
        u(3, "C", 70.2, 70.6, "yeah"),  # trailing backchannel: not part of the stretch
        u(4, "C", 71.0, 90.0),
        u(5, "R", 90.5, 100.0),
    ]
    mono = compute_metrics(make_call(utts)).longest_monologue
    assert (mono.duration_s, mono.start_s, mono.end_s, mono.utterance_ids, mono.backchannels) == (
        59.5,
        10.5,
        70.0,
        (1, 2),
        0,
    )


def test_monologue_is_zero_when_the_rep_never_talks() -> None:
    utts = [u(0, "C", 0.0, 10.0), u(1, "R", 10.0, 10.0, "")]  # a rep utterance of no length
    mono = compute_metrics(make_call(utts)).longest_monologue
    assert (mono.duration_s, mono.start_s, mono.utterance_ids) == (0.0, None, ())


def test_customer_story_tolerates_rep_backchannels_only() -> None:
    utts = [
        u(0, "R", 0.0, 5.0),
        u(1, "C", 6.0, 40.0),
        u(2, "R", 40.1, 40.5, "okay"),
        u(3, "C", 40.6, 70.0),
        u(4, "R", 70.5, 75.0, "and how many people use it today"),
        u(5, "C", 76.0, 100.0),
    ]
    m = compute_metrics(make_call(utts))
    story = m.longest_customer_story
    assert (story.duration_s, story.start_s, story.end_s, story.utterance_ids, story.backchannels) == (
        64.0,
        6.0,
        70.0,
        (1, 2, 3),
        1,
    )
    assert m.longest_monologue.duration_s == pytest.approx(5.0)


def test_unknown_role_speaker_breaks_a_monologue() -> None:
    utts = [u(0, "R", 0.0, 30.0), u(1, "X", 30.0, 40.0), u(2, "R", 40.0, 50.0), u(3, "C", 50.0, 60.0)]
    m = compute_metrics(make_call(utts))
    assert m.longest_monologue.utterance_ids == (0,)


# ------------------------------------------------------------------------------------------
# interactivity


def test_switches_per_minute_all_and_substantive() -> None:
    utts = [
        u(0, "R", 0.0, 10.0),
        u(1, "C", 10.5, 20.0),
        u(2, "R", 20.5, 30.0),
        u(3, "C", 30.1, 30.5, "mm-hmm"),
        u(4, "R", 30.6, 50.0),
        u(5, "R", 50.5, 55.0),
    ]
    it = compute_metrics(make_call(utts, duration=60.0)).interactivity
    assert (it.speaker_switches, it.switches_per_min) == (4, 4.0)
    assert (it.substantive_speaker_switches, it.substantive_switches_per_min) == (2, 2.0)


def test_switches_follow_time_order_not_input_order() -> None:
    # stereo: each channel's utterances come in a block, ids not in time order
    utts = [u(0, "R", 0.0, 10.0), u(1, "R", 12.0, 20.0), u(2, "C", 10.2, 11.5)]
    it = compute_metrics(make_call(utts, duration=30.0)).interactivity
    assert it.speaker_switches == 2
    assert it.switches_per_min == 4.0


def test_interactivity_needs_no_roles() -> None:
    utts = [u(0, "A", 0.0, 10.0), u(1, "B", 10.0, 20.0), u(2, "A", 20.0, 30.0)]
    m = compute_metrics(make_call(utts, roles={}))
    assert m.interactivity.speaker_switches == 2
    assert m.interactivity.switches_per_min == 4.0


# ------------------------------------------------------------------------------------------
# patience


def test_patience_mean_pause_overlap_rushed_and_long_gaps() -> None:
    utts = [
        u(0, "C", 0.0, 5.0), u(1, "R", 5.8, 9.0),  # 0.8 s
        u(2, "C", 10.0, 14.0), u(3, "R", 13.5, 18.0),  # overlap: 0 s, rushed
        u(4, "C", 20.0, 24.0), u(5, "R", 24.2, 28.0),  # 0.2 s, rushed
        u(6, "C", 30.0, 34.0), u(7, "R", 40.0, 45.0),  # 6 s: left out
        u(8, "C", 45.1, 45.4, "mm-hmm"), u(9, "R", 45.5, 50.0),  # a backchannel opens no turn
        u(10, "C", 51.0, 52.0, "right"), u(11, "C", 52.0, 56.0), u(12, "R", 56.5, 60.0),  # turn of 2: 0.5 s
    ]  # fmt: skip
    p = compute_metrics(make_call(utts)).patience
    assert p.responses == 4
    assert p.rushed_responses == 2
    assert p.mean_response_pause_s == pytest.approx((0.8 + 0.0 + 0.2 + 0.5) / 4, abs=1e-3)


@pytest.mark.parametrize(
    ("gap", "responses", "rushed", "mean"),
    [(0.29, 1, 1, 0.29), (0.3, 1, 0, 0.3), (4.99, 1, 0, 4.99), (5.0, 0, 0, None), (-1.0, 1, 1, 0.0)],
)
def test_patience_boundaries(gap: float, responses: int, rushed: int, mean: float | None) -> None:
    utts = [u(0, "C", 0.0, 10.0), u(1, "R", 10.0 + gap, 20.0)]
    m = compute_metrics(make_call(utts))
    assert (m.patience.responses, m.patience.rushed_responses) == (responses, rushed)
    assert m.patience.mean_response_pause_s == (None if mean is None else pytest.approx(mean))
    if mean is None:
        assert m.unavailable_reason("patience.mean_response_pause_s")


# ------------------------------------------------------------------------------------------
# questions


def test_question_counts_rates_and_spread_from_tags() -> None:
    utts = [
        u(
            0,
            "R",
            10.0,
            20.0,
            "What do you use? Is it good?",
            [Tag("question.open", 0, span=(0, 16)), Tag("question.closed", 0, span=(17, 28))],
        ),
        u(
            1,
            "C",
            30.0,
            35.0,
            "Is it pricey?",
            [Tag("question.closed", 1, span=(0, 13)), Tag("objection.price", 1, span=(0, 13))],
        ),
        u(
            2,
            "R",
            210.0,
            220.0,
            "How does it work?",
            [Tag("question.open", 2, span=(0, 17)), Tag("question.closed", 2, span=(0, 17))],
        ),
        u(3, "R", 230.0, 240.0, "We help teams coach.", [Tag("spin.situation", 3, span=(0, 20))]),
    ]
    q = compute_metrics(make_call(utts, duration=400.0)).questions
    assert (q.rep_questions, q.rep_open_questions, q.rep_closed_questions, q.customer_questions) == (3, 2, 2, 1)
    assert q.rep_questions_per_10_min == 4.5
    assert q.rep_questions_by_quarter == (2, 0, 1, 0)
    assert q.rep_question_spread_pct == 50.0


def test_a_call_without_tags_has_zero_questions() -> None:
    q = compute_metrics(make_call([u(0, "R", 0.0, 10.0), u(1, "C", 10.0, 20.0)])).questions
    assert (q.rep_questions, q.customer_questions, q.rep_questions_per_10_min, q.rep_question_spread_pct) == (
        0,
        0,
        0.0,
        0.0,
    )
    assert q.rep_questions_by_quarter == (0, 0, 0, 0)


@pytest.mark.parametrize(("with_words", "quarter"), [(True, 2), (False, 1)])
def test_question_time_comes_from_words_else_its_place_in_the_text(with_words: bool, quarter: int) -> None:
    text = "Okay. So what now?"
    words = [Word(0.0, 1.0, "Okay."), Word(250.0, 251.0, "So"), Word(251.0, 252.0, "what"), Word(252.0, 300.0, "now?")]
    rep = u(0, "R", 0.0, 300.0, text, [Tag("question.open", 0, span=(6, 18))], words if with_words else ())
    q = compute_metrics(make_call([rep, u(1, "C", 300.0, 400.0)], duration=400.0)).questions
    expected = [0, 0, 0, 0]
    expected[quarter] = 1
    assert q.rep_questions_by_quarter == tuple(expected)
    assert q.rep_question_spread_pct == 25.0


# ------------------------------------------------------------------------------------------
# fillers


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("um so uh we um tried", 3),
        ("Umm, hmm. Erm uhh", 4),
        ("mm-hmm", 0),
        ("I like it", 0),
        ("It was, like, fine", 1),
        ("things like that", 0),
        ("it was great, like really great", 1),  # the comma heuristic (a lower bound, not exact)
        ("like, whatever", 1),
        ("You know, it's hard", 1),
        ("it's, you know, hard", 1),
        ("it's expensive, you know?", 1),
        ("do you know what I mean?", 0),
        ("I mean, we tried", 1),
        ("I mean it", 0),
        ("um, you know, I mean, like, uh", 5),
        ("", 0),
    ],
)
def test_filler_words(text: str, n: int) -> None:
    assert count_fillers(u(0, "R", None, None, text)) == n


@pytest.mark.parametrize(("like_start", "n"), [(1.2, 1), (0.6, 0)])
def test_like_after_a_pause_is_a_filler(like_start: float, n: int) -> None:
    words = [
        Word(0.0, 0.3, "it"),
        Word(0.3, 0.5, "was"),
        Word(like_start, like_start + 0.2, "like"),
        Word(2.0, 2.4, "great"),
    ]
    assert count_fillers(u(0, "R", 0.0, 2.4, "it was like great", words=words)) == n


# ------------------------------------------------------------------------------------------
# overlap


@pytest.mark.parametrize(
    ("method", "accuracy"),
    [
        ("stereo-channels", "exact"),
        ("diarization", "estimated"),
        ("transcript", "estimated"),
        ("single-speaker", "estimated"),
    ],
)
def test_overlap_share_of_customer_talk_exact_or_estimated(method: str, accuracy: str) -> None:
    utts = [u(0, "R", 0.0, 10.0), u(1, "C", 8.0, 12.0), u(2, "C", 20.0, 30.0)]
    ov = compute_metrics(make_call(utts, method=method)).overlap
    assert ov.customer_talk_overlapped_s == pytest.approx(2.0)
    assert ov.customer_talk_overlapped_pct == 14.3  # 2 of 14 s
    assert (ov.accuracy, ov.attribution_method) == (accuracy, method)


def test_overlap_uses_word_regions() -> None:
    rep_words = [Word(0.0, 2.0, "a"), Word(6.0, 8.0, "b")]  # a 4 s pause: not rep talk
    cust = u(1, "C", 3.0, 7.0, "we tried it")
    m = compute_metrics(make_call([u(0, "R", 0.0, 8.0, "a b", words=rep_words), cust]))
    assert m.overlap.customer_talk_overlapped_s == pytest.approx(1.0)
    assert m.overlap.customer_talk_overlapped_pct == 25.0


@pytest.mark.parametrize(
    ("a", "b", "both"),
    [
        ([(0, 10)], [(5, 15)], 5.0),
        ([(0, 1), (2, 3), (4, 5)], [(0.5, 4.5)], 2.0),
        ([], [(0, 1)], 0.0),
        ([(0, 1)], [(1, 2)], 0.0),
    ],
)
def test_intersect(a: list, b: list, both: float) -> None:
    assert intersect(a, b) == pytest.approx(both)
    assert intersect(b, a) == pytest.approx(both)


# ------------------------------------------------------------------------------------------
# what cannot be computed


TIME_BASED = ["duration_s", "talk", "longest_monologue", "longest_customer_story", "patience", "overlap"]


def test_no_timestamps_makes_time_metrics_none_and_keeps_counts() -> None:
    utts = [
        u(0, "R", None, None, "Hi, um, what do you use?", [Tag("question.open", 0, span=(0, 24))]),
        u(1, "C", None, None, "We use spreadsheets for everything"),
        u(2, "R", None, None, "Got it."),
    ]
    m = compute_metrics(make_call(utts, method="transcript"))
    assert m.has_timestamps is False and m.roles_known is True
    assert m.duration_s is None
    assert m.talk.rep_talk_pct is None and m.talk.rep_talk_s is None
    assert m.longest_monologue.duration_s is None and m.longest_customer_story.duration_s is None
    assert m.patience.mean_response_pause_s is None
    assert m.overlap.customer_talk_overlapped_pct is None
    assert m.interactivity.speaker_switches == 2 and m.interactivity.switches_per_min is None
    assert (m.questions.rep_questions, m.questions.rep_open_questions) == (1, 1)
    assert m.questions.rep_questions_per_10_min is None and m.questions.rep_question_spread_pct is None
    r = m.speaker("R")
    assert (r.words, r.filler_words, r.talk_s, r.words_per_min) == (8, 1, None, None)
    listed = {x.metric: x.reason for x in m.unavailable}
    for name in [
        *TIME_BASED,
        "speakers.talk_s",
        "interactivity.switches_per_min",
        "questions.rep_questions_per_10_min",
        "questions.rep_question_spread_pct",
    ]:
        assert listed[name] == NO_TIMES, name
    assert m.unavailable_reason("talk.rep_talk_pct") == NO_TIMES
    assert m.unavailable_reason("questions.rep_questions") is None
    roundtrip(m)


def test_some_utterances_without_times_make_time_metrics_unavailable() -> None:
    m = compute_metrics(make_call([u(0, "R", 0.0, 5.0), u(1, "C", None, None)]))
    assert m.has_timestamps is False
    assert m.unavailable_reason("talk") == "1 of 2 utterances have no timestamps"


def test_words_without_utterance_times_still_give_times() -> None:
    rep = u(0, "R", None, None, "a b", words=[Word(0.0, 1.0, "a"), Word(1.0, 2.0, "b")])
    m = compute_metrics(make_call([rep, u(1, "C", 2.0, 4.0)]))
    assert m.has_timestamps and m.talk.rep_talk_pct == 50.0


def test_unknown_roles_make_role_metrics_none() -> None:
    utts = [u(0, "A", 0.0, 10.0, "What do you use?", [Tag("question.open", 0, span=(0, 16))]), u(1, "B", 10.5, 20.0)]
    m = compute_metrics(make_call(utts, roles={}))
    assert m.roles_known is False
    assert m.talk == type(m.talk)()
    assert m.questions.rep_questions is None and m.questions.customer_questions is None
    assert m.longest_monologue.duration_s is None and m.patience.responses is None
    assert m.overlap.customer_talk_overlapped_pct is None
    for name in ["talk", "longest_monologue", "longest_customer_story", "patience", "overlap", "questions"]:
        assert m.unavailable_reason(name) == ROLES_UNKNOWN, name
    assert m.speaker("A").talk_s == 10.0  # per speaker numbers need no roles
    assert m.interactivity.speaker_switches == 1
    roundtrip(m)


def test_a_rep_without_a_customer_is_named_as_the_reason() -> None:
    m = compute_metrics(make_call([u(0, "R", 0.0, 10.0)]))
    assert m.roles_known is False
    assert m.unavailable_reason("talk") == "no speaker has the customer role"


def test_no_timestamps_and_unknown_roles_give_both_reasons() -> None:
    m = compute_metrics(make_call([u(0, "A", None, None), u(1, "B", None, None)], roles={}))
    assert m.unavailable_reason("patience") == f"{NO_TIMES}; {ROLES_UNKNOWN}"
    assert m.unavailable_reason("questions") == ROLES_UNKNOWN


def test_an_empty_call_does_not_fail() -> None:
    m = compute_metrics(make_call([]))
    assert m.speakers == () and m.duration_s is None and m.has_timestamps is False
    roundtrip(m)


def test_settings_are_recorded() -> None:
    m = compute_metrics(make_call([u(0, "R", 0.0, 1.0)]), backchannel_max_words=2, backchannel_max_seconds=1.0)
    assert m.to_dict()["settings"]["backchannel_max_words"] == 2
    assert m.settings.backchannel_max_seconds == 1.0


def test_json_keys_carry_units() -> None:
    d = compute_metrics(make_call([u(0, "R", 0.0, 10.0), u(1, "C", 10.0, 20.0)])).to_dict()
    assert set(d) == {
        "duration_s", "has_timestamps", "roles_known", "speakers", "talk", "longest_monologue", "longest_customer_story",
        "interactivity", "patience", "questions", "overlap", "settings", "unavailable",
    }  # fmt: skip
    assert set(d["talk"]) == {"rep_talk_s", "customer_talk_s", "rep_talk_pct", "customer_talk_pct"}
    assert set(d["speakers"][0]) == {
        "speaker",
        "role",
        "utterances",
        "words",
        "filler_words",
        "talk_s",
        "words_per_min",
        "fillers_per_min",
    }


# ------------------------------------------------------------------------------------------
# properties


@st.composite
def calls(draw: st.DrawFn) -> Call:
    n = draw(st.integers(0, 12))
    utts = []
    for i in range(n):
        spk = draw(st.sampled_from(["R", "C", "X"]))
        if draw(st.booleans()):
            start = draw(st.floats(0, 500, allow_nan=False))
            dur = draw(st.floats(0, 60, allow_nan=False))
            s, e = start, start + dur
        else:
            s = e = None
        text = draw(st.sampled_from(["ok", "mm-hmm", "um, like, you know, yes", LONG, "What now?", ""]))
        tags = (Tag("question.open", i, span=(0, len(text))),) if text.endswith("?") else ()
        utts.append(u(i, spk, s, e, text, tags))
    all_timed = draw(st.booleans())
    if all_timed:
        utts = [x if x.start is not None else u(x.id, x.speaker, 1.0, 2.0, x.text, x.tags) for x in utts]
    method = draw(st.sampled_from(["stereo-channels", "diarization"]))
    return make_call(utts, roles={"R": "rep", "C": "customer"}, method=method)


@settings(max_examples=150, deadline=None)
@given(calls())
def test_metrics_stay_in_range_and_round_trip(call: Call) -> None:
    m = compute_metrics(call)
    roundtrip(m)
    if m.talk.rep_talk_pct is not None:
        assert 0.0 <= m.talk.rep_talk_pct <= 100.0
        assert m.talk.rep_talk_pct + m.talk.customer_talk_pct == pytest.approx(100.0)  # type: ignore[operator]
    if m.overlap.customer_talk_overlapped_pct is not None:
        assert 0.0 <= m.overlap.customer_talk_overlapped_pct <= 100.0
    if m.questions.rep_question_spread_pct is not None:
        assert m.questions.rep_question_spread_pct in (0.0, 25.0, 50.0, 75.0, 100.0)
        assert sum(m.questions.rep_questions_by_quarter or ()) == m.questions.rep_questions
    if m.patience.mean_response_pause_s is not None:
        assert 0.0 <= m.patience.mean_response_pause_s < 5.0
        assert m.patience.rushed_responses <= m.patience.responses  # type: ignore[operator]
    if m.longest_monologue.duration_s is not None and m.duration_s is not None:
        assert m.longest_monologue.duration_s <= m.duration_s + 1e-6
    assert m.interactivity.substantive_speaker_switches <= max(0, len(call.utterances) - 1)
    assert sum(s.utterances for s in m.speakers) == len(call.utterances)
    for x in m.unavailable:
        assert x.reason


def test_speech_without_words_counts_as_talk_time_and_overlap() -> None:
    from callcoach.call import VoiceSpan

    rep = u(0, "R", 0.0, 10.0)
    cust = u(1, "C", 10.0, 14.0)
    plain = compute_metrics(make_call([rep, cust], method="diarization"))
    # the customer also spoke 4 s over the rep (no words recognised) and 2 s alone after
    call = make_call([rep, cust], method="diarization").with_(
        unworded_speech=(VoiceSpan("C", 5.0, 9.0), VoiceSpan("C", 20.0, 22.0), VoiceSpan("X", 30.0, 31.0)))
    m = compute_metrics(call)
    assert plain.talk.customer_talk_s == pytest.approx(4.0)
    assert m.talk.customer_talk_s == pytest.approx(10.0)
    assert m.talk.rep_talk_s == pytest.approx(10.0)
    assert m.talk.rep_talk_pct == 50.0
    assert m.speaker("C").talk_s == pytest.approx(10.0)
    assert m.overlap.customer_talk_overlapped_s == pytest.approx(4.0)
    roundtrip(m)
    back = Call.from_dict(json.loads(json.dumps(call.to_dict())))
    assert back.unworded_speech == call.unworded_speech
