"""Drills and the rep view: the checker of each drill kind with its evidence, a drill over a rep's
next calls (earlier calls and other reps' calls never checked), closing as passed or not, drills,
disputes and acknowledgements surviving a database rebuild, and the review app in both views
(a rep sees only their calls, changes nothing but disputes and acknowledgements; the coach
resolves). Fast: hand-built analyses (tests.test_review_core), no models.

The last two tests walk the loop in a real headless Chromium (marked slow, skipped without
Chromium): in the review app, and from a batch's folder through the team report's rep page.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from starlette.testclient import TestClient

from callcoach.call import NOT_A_CONVERSATION, ConversationCheck, Utterance
from callcoach.review.app import create_app
from callcoach.review.drill_store import DrillStore, drills_for_rep
from callcoach.review.drills import (
    Check,
    DrillError,
    Evidence,
    check_drill,
    new_drill,
    parse_spec,
    summarize,
)
from callcoach.review.feedback import FeedbackError, FeedbackStore
from callcoach.review.records import REVIEW_DATA_DIR
from callcoach.review.store import DB_NAME, ReviewStore
from tests.test_review_core import TURNS, U, make_call
from tests.test_review_store import drop_db, put

BASE = "http://127.0.0.1:8765"
SAME_SITE = {"origin": BASE, "sec-fetch-site": "same-origin"}
IMPLICATION_BEFORE_PRICE = {"kind": "tag_order", "tag": "spin.implication", "at_least": 2, "before": "tracker.pricing"}
SET_DAY = date(2026, 10, 1)


def turns(implications: int, *, price: bool = True, after: int = 0) -> list[Utterance]:
    """A discovery call: ``implications`` implication questions by the rep (R), then the customer
    (C) asks the price (unless not ``price``), then ``after`` more implication questions."""
    out: list[Utterance] = []

    def say(speaker: str, text: str, *labels: str) -> None:
        t = 12.0 * len(out)
        out.append(U(len(out), speaker, t, t + 10.0, text, *labels))

    say("R", "Thanks for the time today. How many reps are on the team?", "question.closed", "spin.situation")
    say("C", "About forty, across three offices, and we hire every quarter.")
    for i in range(implications):
        say("R", f"When a new hire stalls in week {i + 2}, what does that do to the quarter?", "question.open", "spin.implication")
        say("C", "We miss the number and everyone scrambles at the end.")
    if price:
        say("C", "Before we go on, what does this cost?", "tracker.pricing")
        say("R", "It depends on seats, and I will get to it, promise.")
    for i in range(after):
        say("R", f"And if ramp took {i + 3} weeks less, what would change?", "question.open", "spin.implication")
        say("C", "We would hit plan a month earlier.")
    say("C", "Let us meet Thursday at two with my VP.", "tracker.next_step")
    say("R", "Thursday at two works, I will send the invite.", "tracker.next_step")
    return out


def add(folder: Path, key: str, rep: str, day: date | str, implications: int = 2, **kw: Any) -> Path:
    return put(folder, key, turns=turns(implications, **kw), meta={"rep": rep, "date": str(day)})


def add_with_scorecard(folder: Path, key: str, rep: str, day: date, implications: int = 2, **kw: Any) -> None:
    """A call of ``rep`` as a batch writes it: the analysis and its scorecard page beside it
    (``<stem>.scorecard.html``), dated by the manifest's ``date``."""
    from callcoach.output import write_outputs

    stem = Path(key)
    call = make_call(turns(implications, **kw)).with_(id=stem.name, source=f"{stem.name}.wav",
                                                      meta={"rep": rep, "date": day.isoformat()})  # fmt: skip
    write_outputs(call, folder / stem.parent, None, formats=("json", "html"))


# ------------------------------------------------------------------------------------------
# The checker, one kind at a time


def test_metric_drill_met_and_missed_with_the_longest_monologue_as_evidence() -> None:
    call = make_call()  # the longest rep stretch: turn 0, 0-30 s
    met, ev = check_drill(parse_spec({"kind": "metric", "metric": "longest_monologue.duration_s", "op": "<=", "value": 90}), call)
    assert met is True and ev.value == 30.0 and (ev.utterance_id, ev.start) == (0, 0.0)
    assert ev.quote == TURNS[0].text and ev.fragment == "#t=0.000&u=0"
    assert "30 s" in ev.text and "≤ 90 s" in ev.text
    met, ev = check_drill(parse_spec({"kind": "metric", "metric": "longest_monologue.duration_s", "op": "<", "value": 30}), call)
    assert met is False and ev.utterance_id == 0 and "misses" in ev.text


def test_explore_every_objection_points_at_the_objection_left_unexplored() -> None:
    spec = parse_spec({"kind": "metric", "metric": "objections.explored_pct", "op": "==", "value": 100})
    met, ev = check_drill(spec, make_call())  # the price objection (turn 5) is explored by turn 6
    assert met is True and ev.value == 100.0 and ev.utterance_id == 5 and ev.start == 161.0
    answered = list(TURNS)
    answered[6] = U(6, "R", 191, 220, "We have a discount this month so it should be fine.")
    met, ev = check_drill(spec, make_call(answered))
    assert met is False and ev.value == 0.0 and ev.utterance_id == 5 and "too expensive" in ev.quote
    # No objection raised: the call cannot show the behaviour; not one of the drill's calls.
    met, ev = check_drill(spec, make_call(TURNS[:5]))
    assert met is None and ev.utterance_id is None and "not checked" in ev.text


def test_tag_order_counts_the_rep_tags_before_the_first_other_tag() -> None:
    spec = parse_spec(IMPLICATION_BEFORE_PRICE)
    met, ev = check_drill(spec, make_call(turns(2)))
    assert met is True and ev.value == 2.0 and ev.utterance_id == 4  # the second implication question
    assert "2 implication questions before pricing came up at 1:12" == ev.text
    met, ev = check_drill(spec, make_call(turns(1, after=3)))  # the later ones come after the price
    assert met is False and ev.value == 1.0
    assert ev.utterance_id == 4 and "what does this cost" in ev.quote  # the moment price came up
    assert ev.text == "only 1 implication question before pricing came up at 0:48 (needs 2)"
    # Price never came up: the whole call counts (default), or the call is not checked.
    assert check_drill(spec, make_call(turns(3, price=False)))[0] is True
    met, ev = check_drill(spec, make_call(turns(1, price=False)))
    assert met is False and ev.utterance_id == 2
    assert ev.text == "only 1 implication question in the call; pricing never came up (needs 2)"
    skip = parse_spec({**IMPLICATION_BEFORE_PRICE, "if_absent": "skip"})
    assert check_drill(skip, make_call(turns(3, price=False)))[0] is None


def test_tag_order_families_speakers_and_the_same_turn() -> None:
    # A family counts each of its labels; "by anyone" counts the customer's turns too.
    call = make_call(turns(2))
    any_question = parse_spec({"kind": "tag_order", "tag": "question", "at_least": 3, "before": "tracker.pricing"})
    assert check_drill(any_question, call)[0] is True  # the closed opener and two open questions
    customer = parse_spec({"kind": "tag_order", "tag": "tracker.next_step", "at_least": 2})
    assert check_drill(customer, call)[0] is False  # the rep said only one of the two
    assert check_drill(replace(customer, by="anyone"), call)[0] is True
    # Both tags on one turn: the one whose words come first is before.
    text = "What would a slow ramp cost you, and what is your price range?"

    def with_turn_2(*tags: Any) -> Any:
        utts = list(call.utterances)
        utts[2] = replace(utts[2], text=text, tags=tags)
        return call.with_(utterances=tuple(utts))

    one = parse_spec({"kind": "tag_order", "tag": "spin.implication", "at_least": 1, "before": "tracker.pricing"})
    first = with_turn_2(make_tag(2, "spin.implication", (0, 30)), make_tag(2, "tracker.pricing", (36, len(text))))
    assert check_drill(one, first)[0] is True
    later = with_turn_2(make_tag(2, "spin.implication", (36, len(text))), make_tag(2, "tracker.pricing", (0, 30)))
    assert check_drill(one, later)[0] is False


def make_tag(uid: int, label: str, span: tuple[int, int]) -> Any:
    from callcoach.call import Tag

    return Tag(label, uid, 1.0, span, "rules")


def test_dimension_drill_reads_the_corrected_points_and_skips_an_unknown_dimension() -> None:
    call = make_call()  # discovery@1: objections explored 10 of 10 (turn 5), implication questions 0 of 15
    met, ev = check_drill(parse_spec({"kind": "dimension", "dimension": "objections_explored", "min_points": 10}), call)
    assert met is True and ev.value == 10.0 and ev.utterance_id == 5 and "10 of 10 points" in ev.text
    met, ev = check_drill(parse_spec({"kind": "dimension", "dimension": "implication_questions", "min_points": 8}), call)
    assert met is False and ev.value == 0.0
    met, ev = check_drill(parse_spec({"kind": "dimension", "dimension": "rapport", "min_points": 1}), call)
    assert met is None and "no dimension rapport" in ev.text


def test_a_recording_that_is_not_a_conversation_is_not_checked() -> None:
    call = make_call()
    card = replace(call.scorecard, status=NOT_A_CONVERSATION, score=None, dimensions=(),
                   conversation=ConversationCheck("voicemail", "a message left on a machine", 1))  # fmt: skip
    met, ev = check_drill(parse_spec({"kind": "metric", "metric": "longest_monologue.duration_s", "op": "<=", "value": 90}),
                          call.with_(scorecard=card))  # fmt: skip
    assert met is None and "voicemail" in ev.text


def test_the_json_form_of_a_call_gives_the_same_answer() -> None:
    call = make_call(turns(1, after=2))
    spec = parse_spec(IMPLICATION_BEFORE_PRICE)
    assert check_drill(spec, call) == check_drill(spec, json.loads(json.dumps(call.to_dict())))


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"kind": "habit"}, "unknown drill kind 'habit'"),
        ({"kind": "metric", "metric": "monologue", "op": "<=", "value": 1}, "unknown metric 'monologue'"),
        ({"kind": "metric", "metric": "talk.rep_talk_pct", "op": "=<", "value": 1}, "unknown comparison '=<'"),
        ({"kind": "metric", "metric": "talk.rep_talk_pct", "op": "<="}, "value must be a number"),
        ({"kind": "tag_order", "tag": "Implication!", "at_least": 2}, "tag must be a tag label"),
        ({"kind": "tag_order", "tag": "spin.implication", "at_least": 0}, "at_least must be 1 or more"),
        ({"kind": "tag_order", "tag": "objection.price", "before": "objection"}, "tag and before must differ"),
        ({"kind": "dimension", "min_points": 3}, "needs the rubric dimension's id"),
    ],
)
def test_bad_specs_say_what_to_write(spec: dict[str, Any], message: str) -> None:
    with pytest.raises(DrillError, match=re.escape(message)):
        parse_spec(spec)


def test_pass_rule_defaults_to_four_of_five_and_closes_once_its_calls_are_checked() -> None:
    drill = new_drill(id="20261001-120000-000000-abcd", rep="dana", title="", spec=parse_spec(IMPLICATION_BEFORE_PRICE),
                      since="2026-10-01", set_by="kim", set_at="2026-10-01T12:00:00Z")  # fmt: skip
    assert (drill.calls, drill.pass_at) == (5, 4)
    assert drill.title == "at least 2 implication questions by the rep before pricing comes up"
    ev = Evidence("x")

    def checks(*met: bool | None) -> list[Check]:
        return [Check(f"c{i}", f"2026-10-{i + 2:02d}", m, ev) for i, m in enumerate(met)]

    assert summarize(drill, checks(True, True, True)).status == "open"
    passed = summarize(drill, checks(True, None, True, False, True, True, False))
    assert (passed.status, passed.met, passed.checked) == ("passed", 4, 5)
    assert [c.call for c in passed.counted] == ["c0", "c2", "c3", "c4", "c5"] and [c.call for c in passed.not_applicable] == ["c1"]
    assert summarize(drill, checks(True, False, True, False, True)).status == "not_passed"
    with pytest.raises(DrillError, match="pass_at must lie between 1 and 3"):
        new_drill(id=drill.id, rep="dana", title="", spec=drill.spec, calls=3, pass_at=4, since="2026-10-01", set_by="kim", set_at="")


# ------------------------------------------------------------------------------------------
# The store: which calls are checked, closing, a rebuild


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """dana's calls in September and one on the day the drill is set; bob's calls in October."""
    root = tmp_path / "results"
    for i, day in enumerate(("2026-09-08", "2026-09-15", "2026-09-22")):
        add(root, f"dana/sep-{i}", "dana", day, implications=2)
    add(root, "dana/oct-01-morning", "dana", SET_DAY, implications=2)
    for i in range(3):
        add(root, f"bob/oct-{i}", "bob", SET_DAY + timedelta(days=i + 1), implications=0)
    return root


def test_a_drill_checks_the_reps_next_five_calls_only_and_closes(team: Path) -> None:
    drills = DrillStore(ReviewStore(team))
    drill = drills.set("Dana", IMPLICATION_BEFORE_PRICE, set_by="kim", from_call="dana/sep-2", today=SET_DAY)
    assert drill.rep == "dana" and drill.since == "2026-10-01" and drill.checks == ()  # nothing later yet
    assert set(drill.excluded) == {"dana/sep-0", "dana/sep-1", "dana/sep-2", "dana/oct-01-morning"}
    # dana's next calls: met, met, missed, missed, met, then a sixth that is not one of the five.
    for i, n in enumerate((2, 3, 1, 1, 2, 2)):
        add(team, f"dana/next-{i}", "dana", SET_DAY + timedelta(days=i + 1), implications=n, after=1 if n < 2 else 0)
    add(team, "dana/backdated", "dana", "2026-09-30", implications=0)  # analysed now, dated before the drill
    view = drills.drill(drill.id)
    assert [c.call for c in view.outcome.counted] == [f"dana/next-{i}" for i in range(5)]
    assert [c.met for c in view.outcome.counted] == [True, True, False, False, True]
    assert view.outcome.status == "not_passed" and view.outcome.met == 3
    missed = view.outcome.counted[2]
    assert missed.evidence.utterance_id == 4 and missed.evidence.text.startswith("only 1 implication question before pricing")
    assert all(not c.call.startswith("bob/") for c in view.drill.checks)
    # A coach's correction re-checks the call: the opener of next-3 was an implication question too.
    fix_tag(drills.store, "dana/next-3", 0)
    view = drills.drill(drill.id)
    assert [c.met for c in view.outcome.counted] == [True, True, False, True, True]
    assert (view.outcome.status, view.outcome.met) == ("passed", 4)


def fix_tag(store: ReviewStore, key: str, uid: int) -> None:
    from callcoach.review.corrections import new_correction

    store.add_correction(key, new_correction("add_tag", author="kim", utterance_ids=[uid], label="spin.implication"))


def test_an_earlier_since_counts_the_calls_already_there_but_not_the_days_own(team: Path) -> None:
    drills = DrillStore(ReviewStore(team))
    drill = drills.set("dana", IMPLICATION_BEFORE_PRICE, set_by="kim", since="2026-09-14", calls=3, pass_at=2, today=SET_DAY)
    assert [c.call for c in drill.checks] == ["dana/sep-1", "dana/sep-2"]  # not sep-0, not the morning call
    add(team, "dana/oct-01-afternoon", "dana", SET_DAY, implications=0)  # made after the drill, the same day
    view = drills.drill(drill.id)
    assert [c.call for c in view.outcome.counted] == ["dana/sep-1", "dana/sep-2", "dana/oct-01-afternoon"]
    assert view.outcome.status == "passed"


def test_setting_a_drill_refuses_what_cannot_be_checked(team: Path) -> None:
    drills = DrillStore(ReviewStore(team))
    with pytest.raises(DrillError, match=r"no calls of rep 'zoe' in this folder \(reps: bob, dana\)"):
        drills.set("zoe", IMPLICATION_BEFORE_PRICE, set_by="kim")
    with pytest.raises(DrillError, match="has no dimension 'rapport'"):
        drills.set("dana", {"kind": "dimension", "dimension": "rapport", "min_points": 3}, set_by="kim")
    with pytest.raises(DrillError, match="bob/oct-0 is not a call of dana"):
        drills.set("dana", IMPLICATION_BEFORE_PRICE, set_by="kim", from_call="bob/oct-0")
    assert drills.drills() == []


def test_drills_disputes_and_acknowledgements_survive_a_database_rebuild(team: Path) -> None:
    store = ReviewStore(team)
    drills = DrillStore(store)
    drill = drills.set("dana", IMPLICATION_BEFORE_PRICE, set_by="kim", calls=2, pass_at=1, today=SET_DAY)
    add(team, "dana/next", "dana", SET_DAY + timedelta(days=3), implications=1)
    checked = drills.drill(drill.id)
    assert [c.met for c in checked.outcome.counted] == [False]
    comment = store.add_comment("dana/sep-0", "Ask one more implication question.", "kim")
    feedback = FeedbackStore(store)
    ack = feedback.acknowledge("dana/sep-0", comment.id, "dana", "will do")
    dispute = feedback.dispute_dimension("dana/sep-0", "dana", "implication_questions", "turn 4 counts too", 15)
    files = sorted(p.relative_to(team).as_posix() for p in (team / REVIEW_DATA_DIR).rglob("*.json"))
    assert files == [f".callcoach-review/acknowledgements/{ack.id}.json", f".callcoach-review/disputes/{dispute.id}.json",
                     f".callcoach-review/drills/{drill.id}.json"]  # fmt: skip
    side = json.loads((team / files[2]).read_text())
    assert side["schema"] == "callcoach.drills/1" and side["checks"][0]["call"] == "dana/next"
    store.close()
    drop_db(team)
    assert not (team / DB_NAME).exists()

    again = ReviewStore(team)
    view = DrillStore(again).drill(drill.id, refresh=False)
    assert view.drill == checked.drill  # the checks came back from the file, not recomputed
    assert view.drill.checks[0].fingerprint == checked.drill.checks[0].fingerprint
    back = FeedbackStore(again)
    assert back.disputes() == [dispute] and back.acknowledgements() == [ack]
    # A deleted file is written again from the database.
    (team / files[1]).unlink()
    assert FeedbackStore(again).dispute(dispute.id) == dispute and (team / files[1]).is_file()


def test_drills_for_rep_returns_plain_json_for_the_team_report(team: Path) -> None:
    assert drills_for_rep(team, "dana") == []
    assert not (team / DB_NAME).exists()  # reading leaves a folder without drills as it was
    with ReviewStore(team) as store:
        drill = DrillStore(store).set("dana", IMPLICATION_BEFORE_PRICE, set_by="kim", calls=2, today=SET_DAY)
    add(team, "dana/next", "dana", SET_DAY + timedelta(days=1), implications=3)
    add(team, "dana/later", "dana", SET_DAY + timedelta(days=2), implications=0)
    got = drills_for_rep(team, "DANA")
    assert len(got) == 1 and drills_for_rep(team, "bob") == []
    d = got[0]
    assert {k: d[k] for k in ("id", "rep", "status", "checked", "met", "calls", "pass_at", "since")} == {
        "id": drill.id, "rep": "dana", "status": "not_passed", "checked": 2, "met": 1, "calls": 2, "pass_at": 2,
        "since": "2026-10-01"}  # fmt: skip
    assert d["spec"] == IMPLICATION_BEFORE_PRICE | {"if_absent": "whole_call", "by": "rep"}
    first = d["checks"][0]
    assert first["call"] == "dana/next" and first["day"] == "2026-10-02" and first["met"] is True
    assert first["href"] == "/call/dana/next#t=48.000&u=4" and first["fragment"] == "#t=48.000&u=4"
    assert first["quote"].startswith("When a new hire stalls in week 3")
    assert json.loads(json.dumps(got)) == got


# ------------------------------------------------------------------------------------------
# The app: the coach's view and the rep's


def token(client: TestClient, path: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    assert found, f"no form on {path}"
    return found.group(1)


def post(client: TestClient, path: str, *, form: str | None = None, **data: Any) -> Any:
    """POST ``data`` to ``path`` with the token of the page ``form`` (default: the call page, or
    the drills page)."""
    data.setdefault("csrf", token(client, form or (path if path.startswith("/call/") else "/drills")))
    return client.post(path, data=data, headers=SAME_SITE, follow_redirects=False)


@pytest.fixture
def coach(team: Path) -> TestClient:
    return TestClient(create_app(ReviewStore(team), coach="kim"), base_url=BASE)


@pytest.fixture
def rep(team: Path) -> TestClient:
    return TestClient(create_app(ReviewStore(team), coach="ignored", rep="dana"), base_url=BASE)


def test_the_coach_sets_a_drill_and_its_page_shows_each_calls_check_with_a_link_to_the_moment(coach: TestClient, team: Path) -> None:
    form = coach.get("/drills?rep=dana&from_call=dana/sep-2")
    assert form.status_code == 200 and 'value="dana/sep-2"' in form.text
    r = post(coach, "/drills", rep="dana", kind="tag_order", tag="spin.implication", at_least="2", before="tracker.pricing",
             by="rep", if_absent="whole_call", calls="3", title="Two implication questions before price", from_call="dana/sep-2")  # fmt: skip
    assert r.status_code == 303, r.text
    page_url = r.headers["location"]
    assert "No call checked yet" in coach.get(page_url).text
    today = date.today()
    add(team, "dana/new-1", "dana", today + timedelta(days=1), implications=2)
    add(team, "dana/new-2", "dana", today + timedelta(days=2), implications=1)
    add(team, "bob/new", "bob", today + timedelta(days=1), implications=2)
    page = coach.get(page_url).text
    rows = re.findall(r'<tr class="check-row" data-call="([^"]+)" data-met="(\w+)"', page)
    assert rows == [("dana/new-1", "yes"), ("dana/new-2", "no")]
    links = re.findall(r'class="moment-link evidence-link" href="([^"]+)"', page)
    assert links == ["/call/dana/new-1#t=48.000&amp;u=4", "/call/dana/new-2#t=48.000&amp;u=4"]
    assert "only 1 implication question before pricing came up at 0:48 (needs 2)" in page
    assert coach.get("/call/dana/new-1").status_code == 200  # the link's call page
    call_page = coach.get("/call/dana/new-2").text
    assert "Two implication questions before price" in call_page and "not met" in call_page
    # The JSON, and a bad form that says what to fix.
    api = coach.get("/api/drills?rep=dana").json()["drills"]
    assert [c["met"] for c in api[0]["checks"]] == [True, False]
    bad = post(coach, "/drills", rep="dana", kind="metric", metric="longest_monologue.duration_s", op="<=", value="")
    assert bad.status_code == 400 and "value must be a number" in bad.text
    # Cancelling keeps the checks.
    did = page_url.rsplit("/", 1)[1]
    assert post(coach, f"/drills/{did}", action="cancel").status_code == 303
    assert 'data-status="cancelled"' in coach.get(page_url).text


def test_the_rep_view_shows_only_the_reps_calls(rep: TestClient) -> None:
    queue = rep.get("/")
    assert queue.status_code == 200 and "dana/sep-0" in queue.text and "bob/oct-0" not in queue.text
    assert "Your calls, dana" in queue.text and "/calibration" not in queue.text
    for path in ("/call/bob/oct-0", "/api/call/bob/oct-0", "/audio/bob/oct-0", "/scorecard/bob/oct-0", "/calibration"):
        assert rep.get(path).status_code == 404, path
    assert rep.get("/export.csv").status_code == 403
    found = rep.get("/?q=forty").text  # a word every call has: only dana's moments come back
    assert "dana/sep-0" in found and "bob/" not in found
    page = rep.get("/call/dana/sep-0").text
    assert "Dispute these points" in page and "Override the points" not in page and 'id="turn-editor"' not in page


def test_the_rep_changes_nothing_but_disputes_and_acknowledgements(coach: TestClient, rep: TestClient, team: Path) -> None:
    key = "dana/sep-0"
    analysis = (team / f"{key}.callcoach.json").read_bytes()
    for data in ({"action": "correct", "kind": "swap_roles"}, {"action": "override", "dimension": "questions", "points": "1",
                 "reason": "x"}, {"action": "comment", "text": "mine"}, {"action": "reviewed"}):  # fmt: skip
        r = post(rep, f"/call/{key}", **data)
        assert r.status_code == 403 and "the rep view cannot change tags, scores, comments or drills" in r.text
    assert post(rep, "/drills", form=f"/call/{key}", rep="dana", kind="metric").status_code == 403
    drill = DrillStore(ReviewStore(team)).set("dana", IMPLICATION_BEFORE_PRICE, set_by="kim")
    assert post(rep, f"/drills/{drill.id}", form=f"/call/{key}", action="cancel").status_code == 403
    assert rep.get(f"/drills/{drill.id}").status_code == 200  # the rep reads their drills
    bobs = DrillStore(ReviewStore(team)).set("bob", IMPLICATION_BEFORE_PRICE, set_by="kim")
    assert rep.get(f"/drills/{bobs.id}").status_code == 404 and [d["rep"] for d in rep.get("/api/drills").json()["drills"]] == ["dana"]
    assert rep.post("/rescore", data={"csrf": token(rep, f"/call/{key}")}, headers=SAME_SITE).status_code == 403
    assert post(rep, f"/call/{key}", action="dispute", target="dimension", dimension="questions", reason="").status_code == 400
    # ... and the coach does not dispute or acknowledge.
    assert post(coach, f"/call/{key}", action="dispute", target="dimension", dimension="questions", reason="x").status_code == 403
    state = ReviewStore(team).state(key)
    assert state.empty and (team / f"{key}.callcoach.json").read_bytes() == analysis


def test_the_rep_acknowledges_and_disputes_and_the_coach_resolves(coach: TestClient, rep: TestClient, team: Path) -> None:
    key = "dana/sep-1"
    store = ReviewStore(team)
    comment = store.add_comment(key, "Good: you waited before quoting.", "kim", utterance_id=4)
    assert post(rep, f"/call/{key}", action="acknowledge", id=comment.id, note="thanks").status_code == 303
    assert "acknowledged</span> by dana" in coach.get(f"/call/{key}").text
    # A dimension's points, and a tag.
    r = post(rep, f"/call/{key}", action="dispute", target="dimension", dimension="need_payoff_questions", points="10",
             reason="turn 4 asks what a faster ramp would be worth")  # fmt: skip
    assert r.status_code == 303
    r = post(rep, f"/call/{key}", action="dispute", target="tag", utterance_id="2", label="spin.implication",
             new_label="spin.problem", reason="that one asks about the problem, not its cost")  # fmt: skip
    assert r.status_code == 303
    bad = post(rep, f"/call/{key}", action="dispute", target="tag", utterance_id="2", label="spin.implication",
               new_label="objection.price", reason="x")  # fmt: skip
    assert bad.status_code == 400 and "a tag keeps its family" in bad.text
    queue = coach.get("/").text
    assert 'id="open-disputes"' in queue and "2 open disputes" in queue
    dim, tag = FeedbackStore(store).disputes(call=key)
    assert "x-" + dim.id in coach.get(f"/call/{key}").text
    # Accept: an override with the rep's points, stored as a coach's override is.
    before = store.rescored(key).score
    assert post(coach, f"/call/{key}", action="resolve_dispute", id=dim.id, decision="accept", note="fair").status_code == 303
    over = {o.dimension: o for o in store.state(key).overrides}["need_payoff_questions"]
    assert (over.points, over.author) == (10.0, "kim") and "dana's dispute accepted" in over.reason
    assert store.rescored(key).score > before
    side = json.loads((team / "dana" / "sep-1.review.json").read_text())
    assert [o["dimension"] for o in side["overrides"]] == ["need_payoff_questions"]
    # Reject: needs a note; the tag stays and the rep reads why.
    r = post(coach, f"/call/{key}", action="resolve_dispute", id=tag.id, decision="reject")
    assert r.status_code == 400 and "a rejection needs a note" in r.text
    assert post(coach, f"/call/{key}", action="resolve_dispute", id=tag.id, decision="reject",
                note="it asks what the stall costs: implication").status_code == 303  # fmt: skip
    tags = {t.label for t in next(u for u in store.rescored(key).call.utterances if u.id == 2).tags}
    assert "spin.implication" in tags and not store.state(key).corrections
    mine = rep.get(f"/call/{key}").text
    assert "it asks what the stall costs: implication" in mine and 'data-status="rejected"' in mine
    assert 'data-status="accepted"' in mine
    again = post(coach, f"/call/{key}", action="resolve_dispute", id=tag.id, decision="accept")
    assert again.status_code == 400 and "rejected by kim already" in again.text


def test_accepting_a_tag_dispute_corrects_the_tag(team: Path) -> None:
    store = ReviewStore(team)
    feedback = FeedbackStore(store)
    d = feedback.dispute_tag("dana/sep-2", "dana", 2, "a problem question", label="spin.implication", new_label="spin.problem")
    with pytest.raises(FeedbackError, match="already has the tag spin.implication"):
        feedback.dispute_tag("dana/sep-2", "dana", 2, "x", new_label="spin.implication")
    done = feedback.resolve(d.id, "kim", accept=True)
    fix = store.state("dana/sep-2").corrections[0]
    assert (fix.kind, fix.label, fix.new_label, fix.author) == ("change_tag", "spin.implication", "spin.problem", "kim")
    assert done.status == "accepted" and done.applied == f"correction:{fix.id}"


def test_review_rep_refuses_a_rep_with_no_calls(team: Path) -> None:
    from click.testing import CliRunner

    from callcoach.cli import cli

    r = CliRunner().invoke(cli, ["review", str(team), "--rep", "zoe", "--no-browser"])
    assert r.exit_code == 1 and "holds no calls of rep 'zoe' (give one of: bob, dana)" in r.output


# ------------------------------------------------------------------------------------------
# The loop in a real browser


class Server:
    """``callcoach review`` in a subprocess (a coach's, or with ``--rep`` a rep's)."""

    def __init__(self, folder: Path, *args: str) -> None:
        from tests.conftest import REPO

        cmd = [sys.executable, "-m", "callcoach", "review", str(folder), "--no-browser", *args]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
                                     env={**os.environ, "PYTHONUNBUFFERED": "1"})  # fmt: skip
        line = self.proc.stdout.readline() if self.proc.stdout else ""
        found = re.match(r"(http://127\.0\.0\.1:\d+)/", line)
        if not found:
            self.proc.kill()
            raise AssertionError(f"no URL from `callcoach review`: {line!r} {self.proc.stderr.read() if self.proc.stderr else ''}")
        self.url = found.group(1)

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGINT)
        _, err = self.proc.communicate(timeout=20)
        assert self.proc.returncode == 0 and "Traceback" not in err, err


@pytest.fixture
def browser_page() -> Iterator[Any]:
    from tests.browser import chromium

    hosts: set[str] = set()
    errors: list[str] = []
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})

        def record(route: Any) -> None:
            url = urlsplit(route.request.url)
            if url.scheme == "file":  # the static team report and its scorecards
                route.continue_()
                return
            hosts.add(url.hostname or route.request.url)
            if url.hostname == "127.0.0.1":
                route.continue_()
            else:
                route.abort()

        context.route("**/*", record)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and "404" not in m.text and errors.append(m.text))
        yield page
        context.close()
    assert hosts <= {"127.0.0.1"} and errors == [], (hosts, errors)


@pytest.mark.slow
def test_the_drill_and_dispute_loop_in_a_browser(browser_page: Any, tmp_path: Path) -> None:
    page = browser_page
    results = tmp_path / "results"
    start = date.today() - timedelta(weeks=5)
    for week in range(5):  # a batch's folder: two reps, a call a week each, dated by the manifest
        day = start + timedelta(weeks=week)
        add(results, f"dana/week-{week}", "dana", day, implications=week % 3)
        add(results, f"bob/week-{week}", "bob", day, implications=2)
    coach = Server(results, "--coach", "kim")
    rep: Server | None = None
    try:
        # The coach reviews dana's last call and gives her a drill from it.
        page.goto(f"{coach.url}/call/dana/week-4")
        page.click("#set-drill")
        page.wait_for_selector("#drill-form")
        assert page.input_value("#drill-form select[name=rep]") == "dana"
        page.fill("#drill-form input[name=title]", "Two implication questions before price")
        page.select_option("#drill-form select[name=tag]", "spin.implication")
        page.select_option("#drill-form select[name=before]", "tracker.pricing")
        page.fill("#drill-form input[name=calls]", "3")
        page.fill("#drill-form input[name=pass_at]", "2")
        page.click("#drill-form button[type=submit]")
        page.wait_for_selector("#drill[data-status=open]")
        drill_url = page.url
        assert "No call checked yet" in page.inner_text("#drill")

        # dana's next calls are analysed (and one of bob's).
        for i, n in enumerate((2, 1, 3)):
            add(results, f"dana/next-{i}", "dana", date.today() + timedelta(days=i + 1), implications=n)
        add(results, "bob/next", "bob", date.today() + timedelta(days=1), implications=0)
        page.goto(drill_url)
        page.wait_for_selector("#drill[data-status=passed]")
        rows = page.eval_on_selector_all("tr.check-row", "rs => rs.map(r => [r.dataset.call, r.dataset.met])")
        assert rows == [["dana/next-0", "yes"], ["dana/next-1", "no"], ["dana/next-2", "yes"]]
        assert page.locator("#drill-result .mark.met").count() == 2 and page.locator("#drill-result .mark.miss").count() == 1
        page.click("tr.check-row[data-call='dana/next-1'] a.evidence-link")  # the moment price came up
        page.wait_for_selector("#u-4.now")
        assert "/call/dana/next-1#t=48.000&u=4" in page.url
        assert "not met" in page.inner_text("#drills")

        # The rep, in her own view, sees the drill and disputes a point.
        rep = Server(results, "--rep", "Dana")
        page.goto(f"{rep.url}/")
        assert page.locator("#my-drills tr.drill-row[data-status=passed]").count() == 1
        assert "bob/" not in page.inner_text("#queue")
        page.goto(f"{rep.url}/call/bob/week-0")
        assert "404" in page.inner_text("main")
        page.goto(f"{rep.url}/call/dana/next-1")
        assert page.locator("#d-implication_questions details.dispute-form").count() == 1
        page.click("#d-implication_questions details.dispute-form summary")
        page.fill("#d-implication_questions .dispute-form input[name=points]", "15")
        page.fill("#d-implication_questions .dispute-form input[name=reason]", "turn 6 asks what missing plan costs them")
        page.click("#d-implication_questions .dispute-form button[type=submit]")
        page.wait_for_selector("#disputes li.dispute[data-status=open]")
        page.click("#u-4 [data-act=dispute]")  # a tag, from the transcript
        page.fill("#dispute-tag-form input[name=reason]", "the customer asked, not me")
        assert page.input_value("#dispute-tag-form input[name=utterance_id]") == "4"
        page.click("#dispute-tag-form button[type=submit]")
        page.wait_for_selector("#disputes li.dispute[data-status=open] >> nth=1")

        # The coach sees the open disputes and resolves them.
        page.goto(f"{coach.url}/")
        assert "2 open disputes" in page.inner_text("#queue")
        page.click("#open-disputes a >> nth=0")
        dim = page.locator("#disputes li.dispute[data-status=open]").first
        dim.locator(".accept-form input[name=note]").fill("agreed, it is an implication question")
        dim.locator(".accept-form button").click()
        page.wait_for_selector("#disputes li.dispute[data-status=accepted]")
        assert "dana's dispute accepted" in page.inner_text("#d-implication_questions .override-note")
        tag = page.locator("#disputes li.dispute[data-status=open]").first
        tag.locator(".reject-form input[name=note]").fill("pricing came up: the tag is about the call, not who spoke")
        tag.locator(".reject-form button").click()
        page.wait_for_selector("#disputes li.dispute[data-status=rejected]")

        # The rep reads both outcomes.
        page.goto(f"{rep.url}/call/dana/next-1")
        text = page.inner_text("#disputes")
        assert "Accepted by kim" in text and "Rejected by kim" in text and "not who spoke" in text
    finally:
        page.goto("about:blank")
        coach.stop()
        if rep is not None:
            rep.stop()


@pytest.mark.slow
def test_the_coaching_loop_from_a_batch_folder_to_the_rep_page_in_a_browser(browser_page: Any, tmp_path: Path) -> None:
    """The loop of issue 17 end to end: a batch's folder dated over six weeks, the team report's
    rep page, a drill set in review, dana's next calls analysed, the report rebuilt showing the
    drill's per-call checks (each linked to its moment in the call's scorecard) and the trend
    chart with a point per week, then a dispute in the rep view that the coach resolves, and the
    report rebuilt once more showing the dimension as coached."""
    from click.testing import CliRunner

    from callcoach.batch.trends import week_of
    from callcoach.cli import cli

    page = browser_page
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    results = tmp_path / "results"
    today = date.today()
    dana_days = [today - timedelta(weeks=6 - week) for week in range(6)]
    for week, day in enumerate(dana_days):  # as a batch leaves it: analyses and scorecards, manifest dates
        add_with_scorecard(results, f"dana/week-{week}", "dana", day, implications=week % 3)
        add_with_scorecard(results, f"bob/week-{week}", "bob", day, implications=2)
    rep_page = results / "reps" / "dana.html"

    def rebuild_and_open() -> None:
        r = CliRunner().invoke(cli, ["report", str(results)])
        assert r.exit_code == 0, r.output
        page.goto("about:blank")  # the review app's page (and its icon) done with
        page.wait_for_load_state("networkidle")
        requests.clear()
        page.goto(rep_page.as_uri())
        page.wait_for_selector("#drills")

    def chart_points() -> int:
        return page.locator("#score svg.trend circle.rep").count()

    rebuild_and_open()
    assert chart_points() == len({week_of(d) for d in dana_days}) == 6
    assert "No drills given to this rep yet" in page.inner_text("#drills")

    coach = Server(results, "--coach", "kim")
    rep: Server | None = None
    try:
        # The coach gives dana a drill from her last call.
        page.goto(f"{coach.url}/call/dana/week-5")
        page.click("#set-drill")
        page.wait_for_selector("#drill-form")
        page.fill("#drill-form input[name=title]", "Two implication questions before price")
        page.select_option("#drill-form select[name=tag]", "spin.implication")
        page.select_option("#drill-form select[name=before]", "tracker.pricing")
        page.fill("#drill-form input[name=calls]", "3")
        page.fill("#drill-form input[name=pass_at]", "2")
        page.click("#drill-form button[type=submit]")
        page.wait_for_selector("#drill[data-status=open]")
        drill_id = page.url.rsplit("/", 1)[1]

        # dana's next calls are analysed (one of bob's too), and the team report is rebuilt.
        next_days = [today + timedelta(days=i + 1) for i in range(3)]
        for i, (day, n) in enumerate(zip(next_days, (2, 1, 3), strict=True)):
            add_with_scorecard(results, f"dana/next-{i}", "dana", day, implications=n)
        add_with_scorecard(results, "bob/next", "bob", next_days[0], implications=0)
        rebuild_and_open()
        assert all(u.startswith("file://") for u in requests), requests  # nothing from the network
        drill = page.locator(f"#drills article.drill[data-drill='{drill_id}']")
        assert drill.get_attribute("data-status") == "passed"
        assert "Two implication questions before price" in drill.inner_text()
        assert "2 of 3 calls met (needs 2)." in drill.inner_text()
        rows = page.eval_on_selector_all("#drills tr.check", "rs => rs.map(r => [r.dataset.call, r.dataset.met])")
        assert rows == [["dana/next-0", "yes"], ["dana/next-1", "no"], ["dana/next-2", "yes"]]
        assert "only 1 implication question before pricing came up at 0:48 (needs 2)" in page.inner_text("tr.check >> nth=1")
        assert chart_points() == len({week_of(d) for d in dana_days + next_days})
        assert page.locator("#score svg.trend circle.team").count() >= 6  # the team's weekly median beside it
        # The evidence link opens the call's scorecard at the moment: price came up at 0:48, turn 4.
        page.click("#drills tr.check[data-call='dana/next-1'] a.moment")
        page.wait_for_selector("#u-4.flash")
        assert page.url == (results / "dana" / "next-1.scorecard.html").as_uri() + "#t=48.000&u=4"

        # The rep disputes a point of that call in her own view; the coach accepts it.
        rep = Server(results, "--rep", "dana")
        page.goto(f"{rep.url}/call/dana/next-1")
        page.click("#d-implication_questions details.dispute-form summary")
        page.fill("#d-implication_questions .dispute-form input[name=points]", "15")
        page.fill("#d-implication_questions .dispute-form input[name=reason]", "turn 2 asks what a stall costs the quarter")
        page.click("#d-implication_questions .dispute-form button[type=submit]")
        page.wait_for_selector("#disputes li.dispute[data-status=open]")
        page.goto(f"{coach.url}/")
        assert "1 open dispute" in page.inner_text("#queue")
        page.goto(f"{coach.url}/call/dana/next-1")
        dispute = page.locator("#disputes li.dispute[data-status=open]").first
        dispute.locator(".accept-form input[name=note]").fill("agreed")
        dispute.locator(".accept-form button").click()
        page.wait_for_selector("#disputes li.dispute[data-status=accepted]")
        page.goto(f"{rep.url}/call/dana/next-1")
        assert "Accepted by kim" in page.inner_text("#disputes")

        # The next report shows the resolution: the dimension counts as coached on dana's page.
        rebuild_and_open()
        assert page.locator("#coached table.coached tr[data-dimension=implication_questions]").count() == 1
        assert page.locator(f"#drills article.drill[data-drill='{drill_id}'][data-status=passed]").count() == 1
        assert all(u.startswith("file://") for u in requests), requests
    finally:
        page.goto("about:blank")
        coach.stop()
        if rep is not None:
            rep.stop()
