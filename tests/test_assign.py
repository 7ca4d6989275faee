from __future__ import annotations

import pytest

from callcoach.call import Word
from callcoach.speakers.assign import SpeakerWord, assign_speakers, build_utterances, speech_regions, talk_time
from callcoach.speakers.diarize import Turn


def w(start: float, end: float, text: str = "x") -> Word:
    return Word(start, end, text)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        (w(0.1, 0.5), "A"),  # inside A's turn
        (w(1.9, 2.6), "B"),  # mostly in B's turn
        (w(1.7, 2.2), "A"),  # mostly in A's turn
        (w(5.5, 5.8), "B"),  # in a gap: nearest turn (B ends at 5.0)
        (w(9.0, 9.5), "A"),  # after the end: nearest turn is A's last
    ],
)
def test_assign_by_largest_overlap(word: Word, expected: str) -> None:
    turns = [Turn(0.0, 2.0, "A"), Turn(2.0, 5.0, "B"), Turn(7.0, 8.0, "A")]
    assert assign_speakers([word], turns)[0].speaker == expected


def test_assign_without_turns_gives_one_speaker() -> None:
    out = assign_speakers([w(0, 1), w(1, 2)], [])
    assert [x.speaker for x in out] == ["A", "A"]


def test_assign_returns_new_objects_and_keeps_words() -> None:
    words = [w(0, 1, "a"), w(1, 2, "b")]
    out = assign_speakers(words, [Turn(0, 2, "B")])
    assert [x.word for x in out] == words


def test_utterances_break_at_every_speaker_change() -> None:
    sw = [
        SpeakerWord(w(0.0, 0.3, "So"), "A"),
        SpeakerWord(w(0.3, 0.6, "what?"), "A"),
        SpeakerWord(w(0.6, 0.9, "Yes."), "B"),
        SpeakerWord(w(0.9, 1.2, "Good."), "A"),
    ]
    utts = build_utterances(sw)
    assert [(u.speaker, u.text) for u in utts] == [("A", "So what?"), ("B", "Yes."), ("A", "Good.")]
    assert [u.id for u in utts] == [0, 1, 2]
    assert utts[0].start == 0.0 and utts[0].end == 0.6


def test_utterances_break_at_long_pauses_and_after_long_sentences() -> None:
    sw = [SpeakerWord(w(0, 0.5, "one."), "A"), SpeakerWord(w(3.0, 3.5, "two"), "A")]
    assert len(build_utterances(sw, max_pause=2.0)) == 2
    long = [SpeakerWord(w(i, i + 0.9, "word." if i == 21 else "word"), "A") for i in range(30)]
    utts = build_utterances(long, soft_max_seconds=20.0)
    assert len(utts) == 2 and utts[0].words[-1].end == 21.9


def test_no_utterance_spans_two_speakers_even_when_unsorted() -> None:
    sw = [SpeakerWord(w(i * 0.5, i * 0.5 + 0.4), "AB"[i % 3 == 0]) for i in range(30)][::-1]
    for u in build_utterances(sw):
        speakers = {x.speaker for x in sw if x.word in u.words}
        assert speakers == {u.speaker}


def test_speech_regions_and_talk_time() -> None:
    words = [w(0, 1), w(1.2, 2), w(4, 5)]
    assert speech_regions(words, bridge=0.5) == [(0, 2), (4, 5)]
    assert talk_time(words, bridge=0.5) == pytest.approx(3.0)
    assert talk_time([], bridge=0.5) == 0.0


def test_unworded_spans_are_the_turns_no_word_reaches() -> None:
    from callcoach.call import VoiceSpan
    from callcoach.speakers.assign import talk_time_with, unworded_spans

    words = [Word(0.0, 1.0, "hi"), Word(1.1, 2.0, "there"), Word(6.0, 7.0, "ok")]
    turns = [Turn(0.0, 4.0, "A"), Turn(4.0, 5.0, "B"), Turn(5.0, 7.5, "A"), Turn(9.0, 9.1, "B")]
    spans = unworded_spans(turns, words, {"A", "B"})
    # the words cover 0-2 s (a 0.1 s pause bridged) and 6-7 s; B's 0.1 s turn is too short
    want = (VoiceSpan("A", 2.0, 4.0), VoiceSpan("B", 4.0, 5.0), VoiceSpan("A", 5.0, 6.0), VoiceSpan("A", 7.0, 7.5))
    assert spans == want
    assert unworded_spans(turns, words, {"A"}) == tuple(v for v in want if v.speaker == "A")
    assert talk_time_with(words[:2], [VoiceSpan("A", 2.0, 4.0)]) == pytest.approx(4.0)
