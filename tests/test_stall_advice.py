"""Stall advice fits the objection type, a rubric can replace it, and one turn gives one card."""

from __future__ import annotations

from pathlib import Path

import pytest

from callcoach.call import Attribution, Call, RoleAssignment, Speaker, Tag, Utterance
from callcoach.errors import RubricError
from callcoach.metrics import analysis_metrics
from callcoach.rubric import Rubric, StallRule, load_rubric
from callcoach.scoring import score_call
from callcoach.stalls import OBJECTION_ADVICE, detect_stalls
from callcoach.tagging.features import OBJECTION_TYPES
from callcoach.tagging.objections import DEFAULT_EXAMPLES

PRICE_LINE = "What would need to be true for the price to make sense?"

#: Words the advice for each type must contain: what a coach would have the rep explore.
FITS = {
    "price": ("price",),
    "timing": ("timing", "nothing changes"),
    "authority": ("who else", "decide"),
    "need": ("today", "falls short"),
    "competitor": ("what they use", "like"),
    "trust": ("worries", "confident"),
    "fit": ("would not fit", "how much"),
}

#: A customer sentence of each type the rep then ignores or talks over.
SAID = {
    "price": "Honestly that is way more than we budgeted for.",
    "timing": "We cannot look at anything new until next quarter.",
    "authority": "I would have to run it by my boss first.",
    "need": "We are happy with what we have right now.",
    "competitor": "We already use another vendor for this.",
    "trust": "I am skeptical it will deliver what you say.",
    "fit": "It does not integrate with our systems.",
}


def U(i: int, spk: str, start: float, end: float, text: str, *tags: tuple[str, tuple[int, int]]) -> Utterance:
    return Utterance(i, spk, start, end, text, (), tuple(Tag(lab, i, 0.9, span, "test") for lab, span in tags))


def tagged(i: int, spk: str, start: float, end: float, *sentences: tuple[str, str | None]) -> Utterance:
    """An utterance of ``sentences`` (text, objection label or None), each tagged on its own span."""
    text, tags, at = "", [], 0
    for s, label in sentences:
        text += ("" if not text else " ") + s
        at = len(text) - len(s)
        if label:
            tags.append((label, (at, len(text))))
    return U(i, spk, start, end, text, *tags)


def make_call(utts: list[Utterance]) -> Call:
    """A stereo call (R the rep, C the customer) with its metrics, objection handling included."""
    call = Call(
        id="c", source="c.wav", duration=max(u.end for u in utts), channels=2,
        speakers=(Speaker("R", "rep", 0), Speaker("C", "customer", 1)),
        utterances=tuple(utts), attribution=Attribution("stereo-channels", 2), roles=RoleAssignment("R", "rep-channel", 1.0),
    )  # fmt: skip
    return call.with_(metrics=analysis_metrics(call))


def unexplored(typ: str) -> Call:
    """The customer objects, the rep walks straight past it (answers an earlier point, then the customer moves on)."""
    return make_call([
        U(0, "R", 0, 8, "How many people are on the team?"),
        tagged(1, "C", 9, 20, ("About forty.", None), (SAID[typ], f"objection.{typ}")),
        U(2, "C", 21, 40, "Anyway, the onboarding is what I really wanted to ask you about, how long does it take "
                          "for a team of forty people to get going with the whole thing, the reporting side and the "
                          "coaching side, and who on your side helps us set it all up?"),
        U(3, "R", 41, 50, "Usually about two weeks."),
    ])  # fmt: skip


def monologue(typ: str) -> Call:
    return make_call([
        U(0, "R", 0, 8, "How many people are on the team?"),
        tagged(1, "C", 9, 20, (SAID[typ], f"objection.{typ}")),
        U(2, "R", 21, 100, "Let me walk you through everything our platform does for teams like yours. " * 8),
        U(3, "C", 101, 104, "Okay, thanks for that."),
    ])  # fmt: skip


def stalls_of(call: Call, rubric: Rubric, kind: str) -> list:
    return [m for m in detect_stalls(call, rubric) if m.kind == kind]


def test_every_tagged_objection_type_has_its_own_advice() -> None:
    types = {lab.removeprefix("objection.") for lab in DEFAULT_EXAMPLES}
    assert set(OBJECTION_ADVICE) == set(OBJECTION_TYPES) == types
    lines = [a.line for a in OBJECTION_ADVICE.values()]
    assert len(set(lines)) == len(lines)  # no type borrows another's line


@pytest.mark.parametrize("typ", OBJECTION_TYPES)
def test_unexplored_objection_advice_fits_its_type(typ: str) -> None:
    call = unexplored(typ)
    assert [h["response"] for h in call.metrics["objections"]] == ["none"]
    [m] = stalls_of(call, Rubric(id="t", version=1, name="T"), "stall.objection_unexplored")
    assert m.title.lower().startswith(f"{typ} objection")
    assert OBJECTION_ADVICE[typ].line in m.instead
    assert all(w in m.instead for w in FITS[typ]), m.instead
    if typ != "price":
        assert PRICE_LINE not in m.instead and "price" not in m.instead.lower()
    assert SAID[typ] in m.evidence[0] and "About forty" not in m.evidence[0]  # the objecting sentence is quoted


@pytest.mark.parametrize("typ", OBJECTION_TYPES)
def test_objection_monologue_advice_fits_its_type(typ: str) -> None:
    call = monologue(typ)
    assert [h["response"] for h in call.metrics["objections"]] == ["monologue"]
    [m] = stalls_of(call, Rubric(id="t", version=1, name="T"), "stall.objection_monologue")
    assert m.instead.startswith("Stop pitching") and OBJECTION_ADVICE[typ].line in m.instead
    assert OBJECTION_ADVICE[typ].why in m.why
    if typ != "price":
        assert "expensive" not in m.instead and "price" not in m.instead.lower()


def write(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "team.yaml"
    p.write_text("id: team\nversion: 1\nname: Team\n" + body, encoding="utf-8")
    return p


def test_rubric_advice_replaces_the_advice_of_one_objection_type(tmp_path: Path) -> None:
    rubric = load_rubric(write(tmp_path, (
        "advice:\n"
        "  objection.timing: Ask what the next quarter changes for them, and book the call for then.\n"
        "stalls:\n"
        "  objection_unexplored: {advice: Ask about it before you answer anything else.}\n"
        "  long_monologue: {threshold: 30, advice: \"Show one screen, then ask how they would use it.\"}\n"
    )))  # fmt: skip
    [timing] = stalls_of(unexplored("timing"), rubric, "stall.objection_unexplored")
    assert timing.instead == "Ask what the next quarter changes for them, and book the call for then."
    [auth] = stalls_of(unexplored("authority"), rubric, "stall.objection_unexplored")
    assert auth.instead == "Ask about it before you answer anything else."  # the stall's own advice, no type override
    call = monologue("timing")
    [mono] = stalls_of(call, rubric, "stall.objection_monologue")
    assert mono.instead == timing.instead  # the type's advice holds for both objection stalls
    [longest] = stalls_of(call, rubric, "stall.long_monologue")
    assert longest.instead == "Show one screen, then ask how they would use it."
    default = load_rubric()
    [builtin] = stalls_of(unexplored("timing"), default, "stall.objection_unexplored")
    assert builtin.instead != timing.instead and OBJECTION_ADVICE["timing"].line in builtin.instead


def test_an_objection_type_without_advice_of_its_own_gets_an_exploring_question() -> None:
    """A label from elsewhere (an older analysis, a team's model): a generic probe, never the price line."""
    call = make_call([
        U(0, "R", 0, 8, "How do you buy software?"),
        tagged(1, "C", 9, 20, ("Legal will never approve a cloud tool.", "objection.legal")),
        U(2, "C", 21, 40, "Anyway, tell me how the onboarding works for a team of forty people and how long it "
                          "takes to get everyone set up and trained on the reporting side of it all, and who on your "
                          "side helps us with it?"),
    ])  # fmt: skip
    [m] = stalls_of(call, Rubric(id="t", version=1, name="T"), "stall.objection_unexplored")
    assert m.title == "Legal objection left unexplored"
    assert "What's behind it for you?" in m.instead and PRICE_LINE not in m.instead


@pytest.mark.parametrize(
    ("body", "needles"),
    [
        (
            "advice:\n  objection.budget: Ask about it.\n",
            [
                "[advice -> objection.budget]",
                "unknown objection type",
                "tags that as 'objection.price'",
                "objection.timing",
            ],
        ),
        (
            "advice:\n  timing: Ask about it.\n",
            ["[advice -> timing]", "did you mean 'objection.timing'", "objection.fit"],
        ),
        ("advice:\n  objection.timing: '  '\n", ["[advice -> objection.timing]", "non-empty"]),
        ("stalls:\n  long_monologue: {advice: ''}\n", ["[stalls -> long_monologue -> advice]", "non-empty"]),
    ],
)
def test_invalid_advice_is_refused_with_the_valid_types(tmp_path: Path, body: str, needles: list[str]) -> None:
    path = write(tmp_path, body)
    with pytest.raises(RubricError) as exc:
        load_rubric(path)
    msg = str(exc.value)
    assert str(path) in msg and "\n" not in msg
    assert all(n in msg for n in needles), msg


def test_two_objections_of_one_type_in_one_turn_give_one_stall() -> None:
    call = make_call([
        U(0, "R", 0, 20, "Thanks for making the time today. How does your team handle coaching at the moment?"),
        U(1, "C", 21, 60, "Mostly the managers listen to a few calls a week and give feedback in one-on-ones."),
        U(2, "R", 61, 80, "Got it. And what does the rest of your stack look like, CRM and dialer and so on?"),
        U(3, "C", 81, 107, "We run everything out of our own CRM that we built in house years ago."),
        tagged(4, "C", 108, 120, ("It does not integrate with our systems.", "objection.fit"),
                                 ("And we are too small for something like this.", "objection.fit")),
        U(5, "C", 121, 140, "Anyway, tell me how the onboarding works for a team of forty people and how long it "
                            "takes to get everyone set up and trained on the reporting side of it all, and who on your "
                            "side helps us with it?"),
        U(6, "R", 141, 170, "Usually about two weeks, and we run the training sessions with your managers ourselves."),
        U(7, "C", 171, 190, "Okay, that sounds reasonable, we can look at dates for that later on."),
    ])  # fmt: skip
    assert [h["response"] for h in call.metrics["objections"]] == ["none", "none"]
    sc = score_call(call, load_rubric())
    cards = [m for m in sc.stalls if m.kind == "stall.objection_unexplored"]
    assert len(cards) == 1
    [m] = cards
    assert m.title == "2 fit objections left unexplored" and m.start == 108
    assert any("integrate with our systems" in e for e in m.evidence)
    assert any("too small for something" in e for e in m.evidence)
    saved = [s for s in sc.to_dict()["stalls"] if s["kind"] == "stall.objection_unexplored"]
    assert len(saved) == 1 and saved[0]["evidence"] == list(m.evidence)


def test_one_stall_per_turn_and_type() -> None:
    """Same type across one customer turn of two utterances: one card; another type in that turn
    or the same type in a later turn: cards of their own."""
    call = make_call([
        U(0, "R", 0, 8, "How does your team work today?"),
        tagged(1, "C", 9, 15, ("It does not integrate with our systems.", "objection.fit")),
        tagged(2, "C", 16, 22, ("It is too complicated for our people.", "objection.fit"),
                               ("And we cannot look at anything new until next quarter.", "objection.timing")),
        U(3, "C", 23, 40, "Anyway, tell me how the onboarding works for a team of forty people and how long it "
                          "takes to get everyone set up and trained on the reporting side of it all, and who on your "
                            "side helps us with it?"),
        U(4, "R", 41, 50, "Usually about two weeks. Anything else?"),
        tagged(5, "C", 51, 60, ("It does not integrate with our systems.", "objection.fit")),
    ])  # fmt: skip
    cards = stalls_of(call, Rubric(id="t", version=1, name="T"), "stall.objection_unexplored")
    cards.sort(key=lambda m: m.start)
    assert [m.title for m in cards] == [
        "2 fit objections left unexplored",
        "Timing objection left unexplored",
        "Fit objection left unexplored",
    ]
    # each card starts where its (first) objecting sentence starts
    assert cards[0].start == 9.0 and 16.0 < cards[1].start < 22.0 and cards[2].start == 51.0
    two = cards[0]
    assert two.utterance_ids[:2] == (1, 2) and len(two.evidence) == 2


def test_other_stalls_advise_for_their_situation() -> None:
    rubric = Rubric(id="t", version=1, name="T", stalls={"long_monologue": StallRule(threshold=180)})
    pitch = make_call([
        U(0, "R", 0, 10, "Tell me about your team."),
        U(1, "C", 11, 30, "Forty reps."),
        U(2, "R", 31, 250, "Let me show you our platform. " * 80),
        U(3, "C", 251, 255, "Send me some info and we'll talk again sometime."),
    ])  # fmt: skip
    stalls = {m.kind: m for m in detect_stalls(pitch, rubric)}
    assert "under 3 minutes" in stalls["stall.long_monologue"].instead  # the rubric's limit, not a fixed one
    # a Continuation ("send me some info"): turn the request into a commitment
    assert "Happy to send it" in stalls["stall.no_next_step"].instead
    early = make_call([
        U(0, "R", 0, 5, "Thanks for the time. How many reps do you have?"),
        U(1, "C", 6, 10, "Forty."),
        U(2, "R", 11, 20, "Our price is forty dollars a seat per month.", ("tracker.pricing", (0, 44))),
        U(3, "C", 21, 25, "Okay."),
    ])  # fmt: skip
    by_rep = next(m for m in detect_stalls(early, rubric) if m.kind == "stall.early_price")
    assert by_rep.instead.startswith("Hold the numbers")
    asked = make_call([
        U(0, "R", 0, 5, "Thanks for the time. How many reps do you have?"),
        U(1, "C", 6, 10, "Forty. What does it cost?", ("tracker.pricing", (7, 25))),
        U(2, "R", 11, 20, "Let me tell you."),
    ])  # fmt: skip
    by_customer = next(m for m in detect_stalls(asked, rubric) if m.kind == "stall.early_price")
    assert "range" in by_customer.instead and by_customer.instead != by_rep.instead
