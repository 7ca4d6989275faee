from __future__ import annotations

from callcoach.call import Speaker, Utterance
from callcoach.speakers.roles import apply_roles, given_rep, infer_rep


def utt(i: int, spk: str, text: str, start: float, end: float) -> Utterance:
    return Utterance(i, spk, start, end, text)


SPEAKERS = (Speaker("A"), Speaker("B"))


def test_the_question_asker_who_pitches_is_the_rep_even_if_second() -> None:
    utts = [
        utt(0, "A", "Hello, this is Sam.", 0, 2),
        utt(1, "B", "Hi Sam, my name is Dana from Acme, thanks for taking the time.", 2, 6),
        utt(2, "B", "How many reps are on your team? What do you use today?", 6, 10),
        utt(3, "A", "About forty reps. We currently use spreadsheets and our budget is tight, to be honest.", 10, 20),
        utt(4, "B", "Walk me through how you coach them.", 20, 23),
        utt(5, "A", "Mostly ride-alongs and a weekly meeting where we listen to a couple of calls together.", 23, 33),
    ]
    roles = infer_rep(SPEAKERS, utts)
    assert roles.rep == "B"
    assert roles.method == "inferred"
    assert roles.confidence > 0.7
    assert any("questions" in e for e in roles.evidence)


def test_a_tie_has_low_confidence() -> None:
    utts = [utt(0, "A", "Okay.", 0, 1), utt(1, "B", "Okay.", 1, 2)]
    roles = infer_rep(SPEAKERS, utts)
    assert roles.confidence < 0.65


def test_one_speaker_is_a_guess() -> None:
    roles = infer_rep((Speaker("A"),), [utt(0, "A", "hi", 0, 1)])
    assert roles.rep == "A" and roles.confidence <= 0.2


def test_given_rep_and_applying_roles() -> None:
    roles = given_rep(SPEAKERS, "B", "rep-flag")
    assert roles.confidence == 1.0
    out = apply_roles(SPEAKERS, roles)
    assert [(s.id, s.role) for s in out] == [("A", "customer"), ("B", "rep")]
