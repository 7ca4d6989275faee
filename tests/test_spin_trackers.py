"""SPIN and tracker stages, and tagging by example, with a weightless encoder."""

from __future__ import annotations

import pytest

from callcoach.call import Attribution, Call, RoleAssignment, Speaker, Tag, Utterance
from callcoach.tagging import default_examples, tag_call
from callcoach.tagging.base import HashingEncoder, TaggingContext, call_sentences, sentence_tag, split_sentences
from callcoach.tagging.spin import SpinStage, classify
from callcoach.tagging.trackers import TrackerStage


class MarkQuestions:
    """A stand-in question stage: any sentence ending in '?' is a question."""

    name = "questions"
    requires = ()
    assigns = ("question.",)

    def predict(self, ctx: TaggingContext) -> list[Tag]:
        return [sentence_tag(s, "question.open", 1.0, "test") for s in ctx.sentences if s.text.endswith("?")]


def make_call(lines: list[tuple[str, str]]) -> Call:
    utts = tuple(Utterance(i, spk, float(i * 5), float(i * 5 + 4), text) for i, (spk, text) in enumerate(lines))
    return Call(
        id="t",
        source="t.json",
        duration=len(lines) * 5.0,
        channels=0,
        speakers=(Speaker("R", "rep"), Speaker("C", "customer")),
        utterances=utts,
        attribution=Attribution("transcript", 2),
        roles=RoleAssignment("R", "transcript", 1.0),
    )


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("How many reps are on your team today?", "spin.situation"),
        ("Walk me through your process.", "spin.situation"),
        ("Where do new reps struggle most on calls?", "spin.problem"),
        ("Are you happy with your current vendor?", "spin.problem"),
        ("What does it cost you when a new rep takes six months to ramp?", "spin.implication"),
        ("What's the impact of not having everyone together?", "spin.implication"),
        ("How does that affect morale?", "spin.implication"),
        ("If every rep got feedback on each call, how would that help you hit the quarter?", "spin.need_payoff"),
        ("Would it be useful to see every call in one place?", "spin.need_payoff"),
        ("How was your vacation?", None),
    ],
)
def test_spin_rules_without_examples(text: str, label: str | None) -> None:
    assert classify(text, None)[0] == label


def test_rep_questions_get_stages_and_customer_questions_do_not() -> None:
    call = make_call(
        [
            ("R", "Thanks for the time. How many reps are on your team today?"),
            ("C", "About forty. Where do new reps struggle most?"),
            ("R", "What does it cost you when a deal slips?"),
        ]
    )
    tagged = tag_call(call, encoder=HashingEncoder(), parser=None, stages=[MarkQuestions(), SpinStage()])
    labels = {(u.id, t.label) for u in tagged.utterances for t in u.tags}
    assert (0, "spin.situation") in labels
    assert (2, "spin.implication") in labels
    assert not any(lab.startswith("spin.") for uid, lab in labels if uid == 1)
    # the tag points at the question sentence, not the greeting before it
    tag = next(t for t in tagged.utterances[0].tags if t.label == "spin.situation")
    assert tagged.utterances[0].text[tag.span[0] : tag.span[1]] == "How many reps are on your team today?"


def test_adding_examples_changes_tagging_without_code() -> None:
    call = make_call([("R", "Which quarterly kickoff venue suits you?")])
    before = tag_call(call, encoder=HashingEncoder(), parser=None, stages=[MarkQuestions(), SpinStage()])
    assert not before.utterances[0].tags[1:]
    extra = {"spin.situation": ["Which quarterly kickoff venue suits you?"]}
    after = tag_call(call, encoder=HashingEncoder(), parser=None, examples=extra, stages=[MarkQuestions(), SpinStage()])
    assert "spin.situation" in {t.label for t in after.utterances[0].tags}


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("What are the costs?", "tracker.pricing"),
        ("It's a monthly subscription per seat.", "tracker.pricing"),
        ("Do you have budget for this?", "tracker.budget"),
        ("We're also looking at another vendor.", "tracker.competitor"),
        ("Can we meet again next Thursday at two?", "tracker.next_step"),
        ("Let's book a demo with your VP.", "tracker.next_step"),
        ("But are you the primary decision maker?", "tracker.decision_process"),
        ("I'd have to run it by my boss.", "tracker.decision_process"),
        ("We want it live by the end of the quarter.", "tracker.timeline"),
    ],
)
def test_builtin_trackers(text: str, label: str) -> None:
    call = make_call([("C", text)])
    tagged = tag_call(call, encoder=None, parser=None, stages=[TrackerStage()])
    assert label in {t.label for t in tagged.utterances[0].tags}


def test_a_rubric_defines_its_own_tracker_by_example() -> None:
    call = make_call([("C", "One thing: is our data encrypted at rest?"), ("C", "The weather is nice.")])
    tagged = tag_call(
        call, encoder=HashingEncoder(), parser=None, examples={"tracker.security": ["is our data encrypted"]}, stages=[TrackerStage()]
    )
    assert "tracker.security" in {t.label for t in tagged.utterances[0].tags}
    assert "tracker.security" not in {t.label for t in tagged.utterances[1].tags}


def test_human_tags_survive_retagging() -> None:
    call = make_call([("R", "Hello there.")])
    human = Tag("objection.price", 0, 1.0, None, "human")
    call = call.with_(utterances=(call.utterances[0].__class__(0, "R", 0.0, 4.0, "Hello there.", (), (human,)),))
    tagged = tag_call(call, encoder=None, parser=None, stages=[TrackerStage()])
    assert human in tagged.utterances[0].tags


def test_default_examples_merge_rubric_phrases_per_label() -> None:
    merged = default_examples({"spin.problem": ["What keeps you up at night?"], "tracker.security": ["SOC 2"]})
    assert "What keeps you up at night?" in merged["spin.problem"]
    assert len(merged["spin.problem"]) > 1 and merged["tracker.security"] == ("SOC 2",)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Hi. How are you? Fine!", ["Hi.", "How are you?", "Fine!"]),
        ("No punctuation at all", ["No punctuation at all"]),
        ("Dr. Smith said so. Yes.", ["Dr. Smith said so.", "Yes."]),
        ("", []),
    ],
)
def test_split_sentences(text: str, sentences: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text)] == sentences


def test_sentences_carry_times_from_words_and_roles() -> None:
    call = make_call([("R", "One. Two three?")])
    sents = call_sentences(call)
    assert [(s.text, s.role) for s in sents] == [("One.", "rep"), ("Two three?", "rep")]
    assert sents[0].start == 0.0 and sents[1].end == pytest.approx(4.0)


@pytest.mark.parametrize(
    "text",
    ["What does it cost you when a deal slips?", "How was the weekend?", "Tell me about your team."],
)
def test_trackers_do_not_fire_on_unrelated_sentences(text: str) -> None:
    call = make_call([("R", text)])
    tagged = tag_call(call, encoder=None, parser=None, stages=[TrackerStage()])
    assert not {t.label for t in tagged.utterances[0].tags} & {"tracker.pricing", "tracker.budget", "tracker.next_step"}
