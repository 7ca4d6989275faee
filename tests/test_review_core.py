"""Coach corrections and overrides re-score a stored analysis: pure, deterministic, from the
transcript alone (hand-built calls; no models)."""

from __future__ import annotations

import json

import pytest

from callcoach.call import Attribution, Call, RoleAssignment, Speaker, Tag, Utterance
from callcoach.metrics import analysis_metrics
from callcoach.review.corrections import Comment, Correction, Override, new_correction
from callcoach.review.rescore import COACH_SOURCE, TurnIndex, attach, attach_comment, rescore
from callcoach.rubric import load_rubric
from callcoach.scoring import score_call


def U(i: int, spk: str, start: float, end: float, text: str, *labels: str) -> Utterance:
    tags = tuple(Tag(lab, i, 0.9, (0, len(text)), "rules") for lab in labels)
    return Utterance(i, spk, start, end, text, (), tags)


TURNS = [
    U(0, "R", 0, 30, "Thanks for making the time today. How many reps do you have?", "question.closed", "spin.situation"),
    U(1, "C", 31, 60, "About forty reps across three offices and we hire every quarter so onboarding never stops."),
    U(2, "R", 61, 90, "That is a lot of onboarding. Where do new reps struggle?", "question.open", "spin.problem"),
    U(3, "C", 91, 130, "Discovery mostly, they pitch too early and the calls stall, which we only find out weeks later."),
    U(4, "R", 131, 160, "What does that cost you per quarter?", "question.open", "spin.problem"),
    U(5, "C", 161, 190, "Honestly it is too expensive for us right now.", "objection.price"),
    U(6, "R", 191, 220, "How would it help if you heard every call?", "question.open", "spin.need_payoff"),
    U(7, "C", 221, 250, "We would coach the right things. Can we meet Thursday at 2 with my VP?", "tracker.next_step"),
    U(8, "R", 251, 254, "Sure, Thursday at 2 works, I'll send the invite.", "tracker.next_step"),
]


def make_call(turns: list[Utterance] = TURNS, rep: str = "R") -> Call:
    """A scored stereo call; ``rep`` names the speaker the machine took for the rep."""
    roles = RoleAssignment(rep, "inferred", 0.55)
    speakers = tuple(Speaker(s, "rep" if s == rep else "customer", ch) for s, ch in (("R", 0), ("C", 1)))
    call = Call(
        id="c", source="c.wav", duration=254.0, channels=2, speakers=speakers, utterances=tuple(turns),
        attribution=Attribution("stereo-channels", 2), roles=roles, settings={"tagging": True, "rubric": "discovery@1"},
    )  # fmt: skip
    call = call.with_(metrics=analysis_metrics(call))
    return call.with_(scorecard=score_call(call, load_rubric("discovery")))


@pytest.fixture(scope="module")
def rubric():
    return load_rubric("discovery")


def row(result, key: str) -> dict:
    return next(r for r in result.comparison() if r["key"] == key)


def test_no_corrections_reproduces_the_machine_scorecard(rubric) -> None:
    call = make_call()
    r = rescore(call, rubric)
    assert r.machine is call
    assert r.call.scorecard == call.scorecard
    assert r.call.metrics == call.metrics
    assert not any(x["changed"] for x in r.comparison())


def test_rescore_is_deterministic_and_takes_the_json_form(rubric) -> None:
    call = make_call(rep="C")
    fixes = [new_correction("swap_roles", author="kim")]
    a = rescore(call, rubric, fixes)
    b = rescore(json.loads(json.dumps(call.to_dict())), rubric, fixes)
    assert a.call.to_dict() == b.call.to_dict()
    assert a.comparison() == b.comparison()


def test_swapping_roles_of_a_mislabelled_call_changes_talk_ratio_and_score(rubric) -> None:
    swapped = make_call(rep="C")  # the machine took the customer for the rep
    right = make_call(rep="R")
    r = rescore(swapped, rubric, [new_correction("swap_roles", author="kim")])
    assert r.call.roles.rep == "R" and r.call.roles.method == "coach"
    assert {s.id: s.role for s in r.call.speakers} == {"R": "rep", "C": "customer"}
    talk = row(r, "rep_talk_pct")
    assert talk["changed"] and talk["machine"] == swapped.metrics["talk"]["rep_talk_pct"]
    assert talk["corrected"] == right.metrics["talk"]["rep_talk_pct"]
    assert r.score == right.scorecard.score != swapped.scorecard.score
    assert row(r, "score")["changed"]


def test_set_rep_is_the_same_fix_as_swap_and_stale_for_a_stranger(rubric) -> None:
    swapped = make_call(rep="C")
    a = rescore(swapped, rubric, [new_correction("set_rep", author="kim", speaker="R")])
    b = rescore(swapped, rubric, [new_correction("swap_roles", author="kim")])
    assert a.call.metrics == b.call.metrics and a.score == b.score
    gone = rescore(swapped, rubric, [new_correction("set_rep", author="kim", speaker="Z")])
    assert gone.applied == () and len(gone.stale) == 1 and gone.stale[0].stale
    assert gone.call.scorecard == gone.baseline.scorecard


def test_reassigning_a_turn_moves_its_talk_time_and_merges_the_turns(rubric) -> None:
    call = make_call()
    fix = new_correction("reassign", author="kim", utterance_ids=[1], anchor_texts=[TURNS[1].text], speaker="R")
    r = rescore(call, rubric, [fix])
    u1 = next(u for u in r.call.utterances if u.id == 1)
    assert u1.speaker == "R" and len(r.call.utterances) == len(call.utterances)  # ids kept
    m0, m1 = call.metrics, r.call.metrics
    assert m1["talk"]["rep_talk_s"] == pytest.approx(m0["talk"]["rep_talk_s"] + 29, abs=0.01)  # the 31-60 s turn
    # R R R in a row is one stretch: no switches between them, one long monologue.
    assert m1["interactivity"]["speaker_switches"] == m0["interactivity"]["speaker_switches"] - 2
    assert m1["longest_monologue"]["duration_s"] == 90.0
    assert m1["longest_monologue"]["utterance_ids"] == [0, 1, 2]
    assert r.call.speaker("R").talk_time > call.speaker("R").talk_time


def test_reassigning_a_range(rubric) -> None:
    call = make_call()
    fix = new_correction("reassign", author="kim", utterance_ids=[1, 2, 3], speaker="C")
    r = rescore(call, rubric, [fix])
    assert [u.speaker for u in r.call.utterances[:5]] == ["R", "C", "C", "C", "R"]
    assert r.call.metrics["questions"]["rep_questions"] == call.metrics["questions"]["rep_questions"] - 1


def test_tag_corrections_change_spin_and_question_counts(rubric) -> None:
    call = make_call()
    spin = new_correction("change_tag", author="kim", utterance_ids=[4], label="spin.problem", new_label="spin.implication")
    r = rescore(call, rubric, [spin])
    tags = next(u for u in r.call.utterances if u.id == 4).tags
    changed = next(t for t in tags if t.label == "spin.implication")
    assert changed.source == COACH_SOURCE and changed.score == 1.0 and changed.span == (0, len(TURNS[4].text))
    assert "spin.problem" not in {t.label for t in tags}
    assert row(r, "dimension.implication_questions")["changed"]
    assert r.call.scorecard.spin_reached == "spin.need_payoff"

    removed = rescore(call, rubric, [new_correction("remove_tag", author="kim", utterance_ids=[6], label="question.open")])
    assert removed.call.metrics["questions"]["rep_questions"] == 3
    assert row(removed, "rep_questions") == {"key": "rep_questions", "label": "Rep questions", "machine": 4.0, "corrected": 3.0, "changed": True}

    added = rescore(call, rubric, [new_correction("add_tag", author="kim", utterance_ids=[8], label="question.closed")])
    assert added.call.metrics["questions"]["rep_questions"] == 5
    again = rescore(call, rubric, [new_correction("add_tag", author="kim", utterance_ids=[0], label="question.closed")])
    assert again.call.utterances[0].tags == call.utterances[0].tags  # already there: nothing added


def test_changing_an_objection_type_and_removing_a_wrong_one(rubric) -> None:
    call = make_call()
    r = rescore(call, rubric, [new_correction("change_tag", author="kim", utterance_ids=[5], label="objection.price", new_label="objection.timing")])
    assert [o["label"] for o in r.call.metrics["objections"]] == ["objection.timing"]
    gone = rescore(call, rubric, [new_correction("remove_tag", author="kim", utterance_ids=[5], label="objection.price")])
    assert gone.call.metrics["objections"] == [] and call.metrics["objections"] != []


def test_a_tag_edit_whose_tag_is_gone_is_stale(rubric) -> None:
    call = make_call()
    r = rescore(call, rubric, [new_correction("remove_tag", author="kim", utterance_ids=[1], label="question.open")])
    assert r.applied == () and r.stale[0].stale


def test_anchors_reattach_to_the_same_words_or_go_stale(rubric) -> None:
    call = make_call()
    fix = new_correction("remove_tag", author="kim", utterance_ids=[4], anchor_texts=[TURNS[4].text], label="question.open")
    # Re-analysed: a turn was split off before, so every id after it moved by one.
    moved = [U(0, "R", 0, 10, "Hi there."), *(U(u.id + 1, u.speaker, u.start, u.end, u.text, *(t.label for t in u.tags)) for u in TURNS)]
    recut = make_call(moved)
    r = rescore(recut, rubric, [fix])
    assert r.applied[0].utterance_ids == (5,) and not r.applied[0].stale
    assert "question.open" not in {t.label for t in r.call.utterances[5].tags}
    # Re-analysed with other words in that turn: stale, and nothing else is touched.
    reworded = [u if u.id != 4 else U(4, "R", 131, 160, "And what does it cost?", "question.open") for u in TURNS]
    s = rescore(make_call(reworded), rubric, [fix])
    assert s.applied == () and s.stale[0].stale
    assert s.call.metrics == s.baseline.metrics


def test_reattach_matches_text_ignoring_case_and_spacing_nearest_in_time() -> None:
    turns = [U(0, "R", 0, 1, "Okay."), U(1, "C", 2, 3, "Yes"), U(2, "R", 50, 51, "okay. "), U(3, "C", 60, 61, "Sure")]
    index = TurnIndex(turns)
    assert index.find(1, "yes") == 1
    assert index.find(3, "OKAY.") == 2  # nearest in time to where turn 3 is now
    assert index.find(1, "never said") is None
    c = attach(Correction("x", "reassign", (1, 3), ("Sure", "Yes"), speaker="R"), index)
    assert c.utterance_ids == (3, 1) and not c.stale


def test_comment_reattach_moves_it_to_its_turn_keeping_its_length() -> None:
    index = TurnIndex([U(7, "R", 100, 110, "What does that cost you?")])
    c = Comment("id", "good probe", "kim", "t", 42.0, 44.0, 3, "what does that  cost you?")
    moved = attach_comment(c, index)
    assert (moved.utterance_id, moved.start, moved.end, moved.stale) == (7, 100.0, 102.0, False)
    assert attach_comment(Comment("id", "x", "kim", "t", 1, 2, 3, "gone words"), index).stale
    assert not attach_comment(Comment("id", "whole call", "kim", "t"), index).stale


def test_overrides_pin_points_and_recompute_the_total(rubric) -> None:
    call = make_call()
    r = rescore(call, rubric, overrides=[Override("talk_ratio", 0.0, "the rep read a script")])
    dims = {d.id: d for d in r.call.scorecard.dimensions}
    assert dims["talk_ratio"].points == 0.0
    available = sum(d.max_points for d in dims.values() if d.status != "unavailable")
    earned = sum(d.points for d in dims.values() if d.status != "unavailable")
    assert r.score == round(100 * earned / available, 1) < r.machine_score
    tr = row(r, "dimension.talk_ratio")
    assert tr["override"] == "the rep read a script" and tr["machine"] == 15.0 and tr["corrected"] == 0.0
    bad = rescore(call, rubric, overrides=[Override("nope", 1.0, "x"), Override("talk_ratio", 999.0, "x")])
    assert len(bad.stale_overrides) == 2 and bad.score == bad.machine_score


def test_an_override_needs_a_reason() -> None:
    for reason in ("", "   "):
        with pytest.raises(ValueError, match="needs a reason"):
            Override("talk_ratio", 5.0, reason)


@pytest.mark.parametrize(
    ("kind", "fields", "problem"),
    [
        ("set_rep", {}, "needs the speaker"),
        ("swap_roles", {"speaker": "A"}, "takes no"),
        ("reassign", {"speaker": "A"}, "needs the turn"),
        ("reassign", {"utterance_ids": [1, 1], "speaker": "A"}, "twice"),
        ("reassign", {"utterance_ids": [1]}, "needs the speaker"),
        ("add_tag", {"utterance_ids": [1, 2], "label": "question.open"}, "exactly one"),
        ("add_tag", {"utterance_ids": [1], "label": "stall.bad"}, "tag label"),
        ("change_tag", {"utterance_ids": [1], "label": "spin.problem", "new_label": "objection.price"}, "family"),
        ("change_tag", {"utterance_ids": [1], "label": "spin.problem", "new_label": "spin.problem"}, "different"),
        ("remove_tag", {"utterance_ids": [1], "label": "spin.problem", "anchor_texts": ["a", "b"]}, "one text per"),
        ("reassign", {"utterance_ids": [1], "speaker": "A", "colour": "red"}, "unknown correction field"),
    ],
)
def test_new_correction_refuses_fields_that_do_not_fit(kind: str, fields: dict, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        new_correction(kind, author="kim", **fields)  # type: ignore[arg-type]


def test_correction_comment_override_round_trip_through_json() -> None:
    c = new_correction("change_tag", author="kim", utterance_ids=[4], anchor_texts=["x"], label="spin.problem", new_label="spin.implication")
    assert Correction.from_dict(json.loads(json.dumps(c.to_dict()))) == c
    assert len(c.id) == 32 and c.created.endswith("Z")
    m = Comment("i", "t <b>", "kim", "2026-01-01T00:00:00Z", 1.5, 2.0, 3, "anchor", "p", True, True)
    assert Comment.from_dict(json.loads(json.dumps(m.to_dict()))) == m
    o = Override("talk_ratio", 2.5, "why", "kim", "t")
    assert Override.from_dict(json.loads(json.dumps(o.to_dict()))) == o
    with pytest.raises(ValueError, match="unknown correction kind"):
        Correction.from_dict({**c.to_dict(), "kind": "delete_call"})


def test_a_rubric_edit_rescored_keeps_corrections_applying(rubric) -> None:
    call = make_call(rep="C")
    fix = [new_correction("swap_roles", author="kim")]
    data = rubric.model_dump()
    for d in data["dimensions"]:
        if d["id"] == "talk_ratio":
            d["target"] = {"min": 5, "max": 10}
    edited = type(rubric).model_validate(data)
    a, b = rescore(call, rubric, fix), rescore(call, edited, fix)
    assert a.call.metrics == b.call.metrics
    assert row(b, "dimension.talk_ratio")["corrected"] < row(a, "dimension.talk_ratio")["corrected"]


@pytest.mark.parametrize(
    "fix",
    [
        {"kind": "swap_roles"},
        {"kind": "reassign", "utterance_ids": [3], "speaker": "R"},
        {"kind": "remove_tag", "utterance_ids": [6], "label": "question.open"},
        {"kind": "change_tag", "utterance_ids": [5], "label": "objection.price", "new_label": "objection.need"},
        {"kind": "change_tag", "utterance_ids": [4], "label": "spin.problem", "new_label": "spin.implication"},
        {"kind": "add_tag", "utterance_ids": [7], "label": "tracker.pricing"},
    ],
)
def test_recomputing_only_what_a_correction_touches_equals_recomputing_everything(rubric, fix: dict) -> None:
    from callcoach.review.rescore import correct, score

    call = make_call()
    kind = fix.pop("kind")
    fixes = [new_correction(kind, author="kim", **fix)]
    fast = rescore(call, rubric, fixes).call
    full = score(correct(call, fixes)[0], rubric, tagged=True)
    assert fast.metrics == full.metrics
    assert fast.scorecard == full.scorecard
