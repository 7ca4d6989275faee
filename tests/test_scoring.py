"""Scoring and stall detection on hand-built calls: pure and deterministic."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from callcoach.call import Attribution, Call, RoleAssignment, Speaker, Tag, Utterance
from callcoach.cli import cli
from callcoach.metrics import compute_metrics
from callcoach.rubric import Conversation, Dimension, Rubric, StallRule, Target, load_rubric
from callcoach.scoring import credit, derived_metrics, score_call, spin_reached
from callcoach.stalls import detect_stalls, next_step


def U(i: int, spk: str, start: float, end: float, text: str, *labels: str) -> Utterance:
    tags = tuple(Tag(lab, i, 0.9, (0, len(text)), "test") for lab in labels)
    return Utterance(i, spk, start, end, text, (), tags)


def make_call(utts: list[Utterance], objections: list[dict] | None = None) -> Call:
    call = Call(
        id="c", source="c.wav", duration=max(u.end for u in utts), channels=2,
        speakers=(Speaker("R", "rep", 0), Speaker("C", "customer", 1)),
        utterances=tuple(utts), attribution=Attribution("stereo-channels", 2), roles=RoleAssignment("R", "rep-channel", 1.0),
    )
    metrics = compute_metrics(call).to_dict()
    metrics["objections"] = objections or []
    return call.with_(metrics=metrics)


def every_call(rubric: Rubric) -> Rubric:
    """``rubric`` scoring calls too short to count as conversations (these test the stall rules)."""
    return rubric.model_copy(update={"conversation": Conversation(check=False)})


GOOD = [
    U(0, "R", 0, 30, "Thanks for making the time today. How many reps do you have?", "question.closed", "spin.situation"),
    U(1, "C", 31, 60, "About forty reps across three offices and we hire every quarter so onboarding never stops."),
    U(2, "R", 61, 90, "That is a lot of onboarding. Where do new reps struggle?", "question.open", "spin.problem"),
    U(3, "C", 91, 130, "Discovery mostly, they pitch too early and the calls stall, which we only find out weeks later."),
    U(4, "R", 131, 160, "What does that cost you per quarter?", "question.open", "spin.implication"),
    U(5, "C", 161, 190, "Probably two deals a rep, it adds up fast."),
    U(6, "R", 191, 220, "How would it help if you heard every call?", "question.open", "spin.need_payoff"),
    U(7, "C", 221, 250, "We would coach the right things. Can we meet Thursday at 2 with my VP?", "tracker.next_step"),
    U(8, "R", 251, 254, "Sure, Thursday at 2 works, I'll send the invite.", "tracker.next_step"),
]


def test_credit_is_full_inside_and_falls_linearly_outside() -> None:
    d = Dimension(id="x", name="X", metric="talk.rep_talk_pct", target=Target(min=35, max=50), tolerance=20, weight=10, advice="a", source="s")
    assert credit(40, d) == 1.0
    assert credit(60, d) == pytest.approx(0.5)
    assert credit(25, d) == pytest.approx(0.5)
    assert credit(80, d) == 0.0


def test_a_good_call_scores_high_with_no_stalls_and_is_deterministic() -> None:
    call = make_call(GOOD)
    rubric = load_rubric("discovery")
    a, b = score_call(call, rubric), score_call(call, rubric)
    assert a == b  # same input, same scorecard
    assert a.rubric == "discovery@1"
    assert a.next_step["kind"] == "advance"
    assert spin_reached(call) == "spin.need_payoff"
    kinds = {m.kind for m in a.stalls}
    assert "stall.no_next_step" not in kinds and "stall.situation_only" not in kinds
    assert a.score >= 60
    dims = {d.id: d for d in a.dimensions}
    assert dims["talk_ratio"].status == "met" and dims["next_step"].status == "met"
    assert dims["objections_explored"].status == "unavailable"  # no objections: weight left out


def test_situation_only_price_early_and_no_next_step_are_found() -> None:
    bad = [
        U(0, "R", 0, 5, "How many reps do you have?", "question.closed", "spin.situation"),
        U(1, "C", 6, 10, "Forty."),
        U(2, "R", 11, 15, "What CRM do you use?", "question.open", "spin.situation"),
        U(3, "C", 16, 20, "Salesforce. What does it cost?", "tracker.pricing"),
        U(4, "R", 21, 25, "Where are your offices?", "question.open", "spin.situation"),
        U(5, "C", 26, 30, "Just send me some info and we'll talk again sometime."),
    ]
    call = make_call(bad)
    sc = score_call(call, load_rubric())
    kinds = [m.kind for m in sc.stalls]
    assert {"stall.situation_only", "stall.early_price", "stall.no_next_step"} <= set(kinds)
    assert kinds[0] == "stall.no_next_step"  # the most severe comes first
    ns = next(m for m in sc.stalls if m.kind == "stall.no_next_step")
    assert "Continuation" in ns.title and "send me some info" in ns.evidence[0]
    price = next(m for m in sc.stalls if m.kind == "stall.early_price")
    assert price.start == 16 and "What does it cost?" in price.evidence[0]
    assert len(sc.tips) == 3 and sc.tips[0] == ns.instead
    assert sc.score < score_call(make_call(GOOD), load_rubric()).score


def test_objection_met_by_monologue_is_a_stall_with_quotes() -> None:
    utts = [
        U(0, "R", 0, 5, "Where do you struggle?", "question.open", "spin.problem"),
        U(1, "C", 6, 10, "Honestly it sounds expensive.", "objection.price"),
        U(2, "R", 11, 80, "Well let me tell you about all our features " * 10),
        U(3, "C", 81, 83, "Okay."),
    ]
    handled = [{"utterance_id": 1, "label": "objection.price", "start": 6, "response": "monologue", "response_utterance_ids": [2]}]
    sc = score_call(make_call(utts, handled), every_call(load_rubric()))
    m = next(m for m in sc.stalls if m.kind == "stall.objection_monologue")
    assert m.start == 6 and m.utterance_ids == (1, 2)
    assert "sounds expensive" in m.evidence[0]
    dims = {d.id: d for d in sc.dimensions}
    assert dims["objections_explored"].actual == 0.0 and dims["objections_explored"].status == "missed"


def test_customer_going_quiet_after_the_pitch() -> None:
    utts = [
        U(0, "R", 0, 10, "Tell me about your team."),
        U(1, "C", 11, 60, "We have forty reps and a lot going on."),
        U(2, "R", 61, 70, "And how do you coach?"),
        U(3, "C", 71, 110, "Weekly reviews mostly."),
        U(4, "R", 111, 200, "Let me show you our platform. " * 20),
        U(5, "C", 201, 203, "Uh huh okay."),
        U(6, "R", 204, 290, "And another thing it does. " * 20),
        U(7, "C", 291, 293, "Right right sure."),
    ]
    sc = score_call(make_call(utts), Rubric(id="t", version=1, name="T", stalls={"long_monologue": StallRule(enabled=False)}))
    quiet = [m for m in sc.stalls if m.kind == "stall.customer_quiet"]
    assert quiet and quiet[0].start == 111


def test_disabled_stall_does_not_run() -> None:
    call = make_call([U(0, "R", 0, 5, "Hi.", "question.open"), U(1, "C", 6, 10, "Bye.")])
    rubric = Rubric(id="t", version=1, name="T", stalls={"no_next_step": StallRule(enabled=False)})
    assert not any(m.kind == "stall.no_next_step" for m in detect_stalls(call, rubric))


def test_untagged_call_has_unknown_next_step_and_unavailable_spin() -> None:
    call = make_call([U(0, "R", 0, 5, "Hi."), U(1, "C", 6, 10, "Bye.")])
    call = call.with_(metrics={**call.metrics, "questions": None})
    assert next_step(call)["kind"] == "unknown"
    assert derived_metrics(call)["spin.implication_questions"] is None


def test_rubric_cli_list_and_check(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["rubric", "list"])
    assert res.exit_code == 0 and "discovery@1" in res.stdout and "demo@1" in res.stdout
    bad = tmp_path / "team.yaml"
    bad.write_text("id: team\nversion: 1\nname: Team\ndimensions:\n  - id: x\n    name: X\n    metric: talk.rep_talk_pct\n"
                   "    target: {max: 50}\n    weight: 1\n    advise: typo\n    source: us\n")
    res = CliRunner().invoke(cli, ["rubric", "check", str(bad)])
    assert res.exit_code == 1
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and "advise" in lines[0] and "unknown field" in lines[0]


@pytest.mark.parametrize(
    ("yaml_text", "needle"),
    [
        ("metric: talk.rep_talk_ratio", "unknown metric"),
        ("target: {min: 60, max: 50}", "is above max"),
        ("target: {}", "give min, max or both"),
    ],
)
def test_dimension_errors(tmp_path: Path, yaml_text: str, needle: str) -> None:
    from callcoach.errors import RubricError

    base = {"metric": "metric: talk.rep_talk_pct", "target": "target: {max: 50}"}
    key = yaml_text.split(":")[0]
    base[key] = yaml_text
    p = tmp_path / "r.yaml"
    p.write_text("id: t\nversion: 1\nname: T\ndimensions:\n  - id: x\n    name: X\n    " + base["metric"] + "\n    "
                 + base["target"] + "\n    weight: 1\n    advice: a\n    source: s\n")
    with pytest.raises(RubricError, match=needle):
        load_rubric(p)
