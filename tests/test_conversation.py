"""Recordings that are not conversations (voicemails, one voice, too little two-way talk): labelled
with a reason, not scored, and left out of averages, targets and the review queue's ranking.

Fast tests use hand-built calls; the slow ones run the real pipeline (tiny.en) on recordings in
../shared/data and skip where that folder is absent.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from callcoach.batch.team import build_team_report
from callcoach.call import NOT_A_CONVERSATION, Attribution, Call, RoleAssignment, Scorecard, Speaker, Tag, Utterance
from callcoach.conversation import check_conversation, voicemail_phrases
from callcoach.errors import RubricError
from callcoach.metrics import analysis_metrics
from callcoach.output import write_outputs
from callcoach.rubric import Conversation, load_rubric, parse_rubric
from callcoach.scoring import score_call

RUBRIC = load_rubric()

Turn = tuple[str, float | None, float | None, str]


def make_call(
    turns: list[Turn], *, speakers: tuple[str, ...] = ("R", "C"), mono: bool = False, call_id: str = "c"
) -> Call:
    """A call of ``turns`` (speaker, start, end, text), metrics computed and scored under the
    default rubric; R is the rep. ``mono``: speakers told apart by diarization (confidence 0.3
    when only one was found)."""
    utts = tuple(Utterance(i, spk, a, b, text) for i, (spk, a, b, text) in enumerate(turns))
    roles = {"R": "rep", "C": "customer"}
    people = tuple(Speaker(s, roles.get(s, "unknown"), None if mono else i) for i, s in enumerate(speakers))  # type: ignore[arg-type]
    ends = [b for _, _, b, _ in turns if b is not None]
    attribution = (
        Attribution("diarization", len(speakers), 0.3 if len(speakers) == 1 else 0.9)
        if mono
        else Attribution("stereo-channels", len(speakers))
    )
    call = Call(
        id=call_id, source=f"{call_id}.wav", duration=max(ends) if ends else None, channels=1 if mono else 2,
        speakers=people, utterances=utts, attribution=attribution, roles=RoleAssignment(speakers[0], "rep-channel", 1.0),
    )  # fmt: skip
    call = call.with_(metrics=analysis_metrics(call))
    return call.with_(scorecard=score_call(call, RUBRIC))


GREETING = "Hi, you've reached Dana Reyes at Northwind. I'm not available to take your call, please leave a message after the tone."
MESSAGE = (
    "Hi Dana, this is Sam from Acme. I'm calling about the demo you asked for last week. "
    "Give me a call back at five five five, one two three four. Thanks, talk soon."
)
GREETING_THEN_MESSAGE: list[Turn] = [("C", 0.4, 7.5, GREETING), ("R", 8.6, 27.0, MESSAGE)]

#: A two-way call of 46 s in which the rep mentions leaving a message and the customer says
#: "you've reached": both sides reply, so it is a conversation.
SHORT_REAL: list[Turn] = [
    ("R", 0.5, 6.0, "Hi Dana, it's Sam from Acme. I tried you Monday and had to leave a message with your assistant."),
    ("C", 6.5, 10.0, "Yes, sorry, you've reached the right person now. What's it about?"),
    ("R", 10.5, 17.0, "You asked about call coaching. How many reps are on your team today?"),
    ("C", 17.5, 24.0, "Twelve, and we're hiring four more before the summer."),
    ("R", 24.5, 31.0, "How do you coach them at the moment, when a deal stalls?"),
    ("C", 31.5, 38.0, "Mostly in one on ones, but I only reach half the team."),
    ("R", 38.5, 42.0, "Could we look at it together on Thursday at ten?"),
    ("C", 42.5, 46.0, "Thursday at ten works, send me the invite."),
]

#: The same call without any voicemail phrase.
PLAIN: list[Turn] = [
    ("R", 0.5, 6.0, "Hi Dana, it's Sam from Acme. I tried you on Monday, so thanks for picking up."),
    ("C", 6.5, 10.0, "Yes, sorry about that, I was travelling. What's it about?"),
    *SHORT_REAL[2:],
]


def test_a_greeting_then_a_message_is_a_voicemail_not_a_zero_score() -> None:
    call = make_call(GREETING_THEN_MESSAGE)
    card = call.scorecard
    assert card is not None and not card.is_conversation
    assert card.status == NOT_A_CONVERSATION and card.score is None
    check = card.conversation
    assert check is not None and check.label == "voicemail" and check.voices == 2
    assert "you've reached" in check.reason and "no reply" in check.reason
    assert check.utterance_ids == (0, 1) and check.evidence[0] == GREETING  # one quote per turn, greeting first
    assert card.dimensions == () and card.stalls == () and card.tips == ()  # no advice for a voicemail
    data = card.to_dict()
    assert (
        data["score"] is None
        and data["status"] == "not_a_conversation"
        and data["conversation"]["label"] == "voicemail"
    )
    assert Scorecard.from_dict(json.loads(json.dumps(data))) == card


def test_an_automated_greeting_in_the_same_voice_and_an_outro_are_still_a_voicemail() -> None:
    one_voice = make_call(
        [
            (
                "A",
                0.5,
                9.0,
                "The person you are trying to reach is not available. At the tone, please record your message.",
            ),
            ("A", 10.0, 24.0, "Hey, it's Sam again, just following up on our chat about onboarding, speak soon."),
        ],
        speakers=("A",),
        mono=True,
    )
    assert one_voice.scorecard.conversation.label == "voicemail"
    # The machine speaks again after the message ("to re-record ..."): two changes of speaker, still nobody replied.
    outro = make_call(
        [*GREETING_THEN_MESSAGE, ("C", 27.5, 33.0, "To re-record your message, press three. Otherwise, hang up.")]
    )
    assert outro.scorecard.conversation.label == "voicemail" and outro.scorecard.conversation.speaker_changes == 2


def test_a_message_left_without_a_greeting_is_a_voicemail_by_its_phrases() -> None:
    call = make_call(
        [
            ("R", 0.5, 12.0, "Hi Dana, this is Sam from Acme, I'm calling about the proposal we sent on Friday."),
            (
                "R",
                12.5,
                22.0,
                "My direct line is five five five zero one hundred, or give me a call back whenever suits.",
            ),
        ]
    )
    check = call.scorecard.conversation
    assert check.label == "voicemail" and "one voice leaving a message" in check.reason


def test_one_voice_without_voicemail_phrases_is_one_voice() -> None:
    # Read sentences, one of them close to a tone phrase ("hear the bell", not "the tone").
    call = make_call(
        [
            ("A", 0.5, 14.0, "A gold ring will please most any girl. The long journey home took a year."),
            ("A", 15.0, 30.0, "She called his name many times. When you hear the bell, come quickly."),
        ],
        speakers=("A",),
        mono=True,
    )
    check = call.scorecard.conversation
    assert check.label == "one_voice" and call.scorecard.score is None
    assert "only one voice was heard (A: 28 s of speech)" in check.reason
    assert "--speakers 2" in check.reason  # diarization found one voice with low confidence
    assert voicemail_phrases(call) == []


def test_a_hello_into_silence_is_one_voice() -> None:
    call = make_call(
        [
            ("C", 0.5, 1.0, "Hello?"),
            (
                "R",
                1.5,
                25.0,
                "Hi, this is Sam from Acme, we help sales teams coach every call, do you have a minute to talk today?",
            ),
        ]
    )
    assert call.scorecard.conversation.label == "one_voice"  # "Hello?" alone is not a second voice


def test_a_brief_exchange_is_too_short_and_says_which_minimum_it_missed() -> None:
    call = make_call(
        [
            ("R", 0.5, 3.5, "Hi, is this Dana? This is Sam from Acme."),
            ("C", 4.0, 6.5, "Yes, but I'm about to go into a meeting."),
            ("R", 7.0, 9.5, "No problem, when is a good time to try again?"),
            ("C", 10.0, 11.8, "Try me next week please. Bye."),
        ]
    )
    check = call.scorecard.conversation
    assert check.label == "too_short" and check.voices == 2 and check.speaker_changes == 3
    assert check.reason == "too little two-way talk: 10 s of speech from both sides (minimum 20 s)"


def test_a_short_genuine_call_that_mentions_leaving_a_message_is_scored() -> None:
    call = make_call(SHORT_REAL)
    card = call.scorecard
    assert card.is_conversation and card.status == "scored" and card.score is not None
    assert card.conversation.label == "conversation" and card.conversation.speaker_changes == 7
    assert {h.family for h in voicemail_phrases(call)} >= {"leave a message", "reached"}  # heard, and outweighed
    assert card.dimensions  # scored as usual


def test_a_real_call_that_ends_with_not_available_is_not_a_voicemail() -> None:
    turns = [
        *SHORT_REAL[:6],
        ("C", 38.5, 44.0, "Sorry, I'm not available right now, I have to run to the next meeting."),
        ("R", 44.5, 47.0, "Of course, I'll send you an email this afternoon."),
    ]
    assert make_call(turns).scorecard.conversation.label == "conversation"


def test_without_timestamps_speech_is_estimated_from_the_words() -> None:
    untimed = [(spk, None, None, text) for spk, _, _, text in PLAIN]
    check = make_call(untimed).scorecard.conversation
    assert (
        check.label == "conversation" and check.speech_s is None and "about 36 s of speech" in check.reason
    )  # 90 words
    check = make_call(untimed[:3]).scorecard.conversation
    assert (
        check.label == "too_short" and "about 16 s of speech from both sides (minimum 20 s)" in check.reason
    )  # 39 words


def test_the_minimums_voicemail_phrases_and_the_check_are_rubric_settings(tmp_path: Path) -> None:
    brief = [
        ("R", 0.5, 3.5, "Hi, is this Dana? This is Sam from Acme."),
        ("C", 4.0, 6.5, "Yes, but I'm about to go into a meeting."),
        ("R", 7.0, 9.5, "No problem, when is a good time to try again?"),
        ("C", 10.0, 11.8, "Try me next week please. Bye."),
    ]
    call = make_call(brief)
    assert check_conversation(call, Conversation(min_speech_s=8, min_speaker_changes=3)).label == "conversation"
    assert check_conversation(call, Conversation(min_speech_s=8, min_speaker_changes=4)).label == "too_short"
    spanish = make_call([("C", 0.5, 6.0, "Hola, ha llamado a Dana. Por favor deje su mensaje."),
                         ("R", 7.0, 20.0, "Hola Dana, soy Sam de Acme, te llamo por la propuesta.")])  # fmt: skip
    assert check_conversation(spanish).label == "too_short"
    team = Conversation(voicemail_phrases=[r"\bdeje (?:su|un) mensaje\b"])
    assert check_conversation(spanish, team).label == "voicemail"
    # From a rubric file: a team that coaches its voicemails scores them all.
    every_call = tmp_path / "every-call.yaml"
    every_call.write_text("id: team\nversion: 1\nname: Team\nconversation:\n  check: false\n", encoding="utf-8")
    every = parse_rubric(every_call)
    scored = score_call(make_call(GREETING_THEN_MESSAGE), every)
    assert scored.is_conversation and scored.score is not None and scored.conversation is None
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "id: team\nversion: 1\nname: Team\nconversation:\n  voicemail_phrases: ['(unclosed']\n", encoding="utf-8"
    )
    with pytest.raises(RubricError, match=r"bad\.yaml.*conversation.*voicemail_phrases"):
        parse_rubric(bad)
    negative = tmp_path / "negative.yaml"
    negative.write_text("id: team\nversion: 1\nname: Team\nconversation:\n  min_speech_s: -5\n", encoding="utf-8")
    with pytest.raises(RubricError, match=r"conversation.*min_speech_s"):
        parse_rubric(negative)


def test_an_analysis_from_before_the_check_reads_as_a_scored_conversation() -> None:
    call = make_call(GREETING_THEN_MESSAGE)
    data = call.to_dict()
    data["scorecard"] = {"rubric": "discovery@1", "score": 0.0, "dimensions": [], "stalls": [], "tips": []}
    old = Call.from_dict(data)
    assert old.scorecard.is_conversation and old.scorecard.score == 0.0 and old.scorecard.conversation is None
    assert Call.from_dict(call.to_dict()).scorecard == call.scorecard  # and the new fields round-trip


# ------------------------------------------------------------------------------------------
# Where the label shows: scorecard page, terminal, CLI line


def test_the_scorecard_page_says_not_a_conversation_and_has_no_score_or_stalls() -> None:
    from callcoach.report.html import render_scorecard

    turns = list(GREETING_THEN_MESSAGE)
    turns[0] = ("C", 0.4, 7.5, "Hi, you've reached <b>Dana</b>. Please leave a message after the tone.")
    page = render_scorecard(make_call(turns), None)
    assert "Not a conversation: voicemail (voicemail phrases" in page
    assert "left out of the rep's and the team's averages" in page
    assert 'id="stalls"' not in page and 'id="dimensions"' not in page and "/ 100" not in page
    assert "&lt;b&gt;Dana&lt;/b&gt;" in page and "<b>Dana" not in page  # the quoted greeting is escaped
    assert 'id="transcript"' in page  # the transcript is still there to listen to


def test_terminal_and_cli_summary_name_the_label_instead_of_a_score(tmp_path: Path) -> None:
    from rich.console import Console

    from callcoach.cli import summary_line
    from callcoach.report.terminal import print_summary

    call = make_call(GREETING_THEN_MESSAGE)
    buf = io.StringIO()
    print_summary(call, {"analysis": tmp_path / "c.callcoach.json"}, Console(file=buf, width=100, color_system=None))
    text = buf.getvalue()
    assert "not a conversation: voicemail (discovery@1)" in text and "Not a conversation: voicemail phrases" in text
    assert "score" not in text.split("\n")[0] and "Where it stalled" not in text and "Tips" not in text
    line = summary_line(call, tmp_path / "c.callcoach.json", 1.0)
    assert "c.wav: not a conversation: voicemail (discovery@1); " in line


# ------------------------------------------------------------------------------------------
# Team report


def _scored_call(call_id: str, rep: str) -> Call:
    """A conversation the rep scores well in (tags, an Advance)."""
    turns = [
        ("R", 0.0, 30.0, "Thanks for making the time today. How many reps do you have?"),
        ("C", 31.0, 60.0, "About forty reps across three offices and we hire every quarter."),
        ("R", 61.0, 90.0, "Where do new reps struggle?"),
        ("C", 91.0, 130.0, "Discovery mostly, they pitch too early and the calls stall."),
        ("R", 131.0, 160.0, "What does that cost you per quarter?"),
        ("C", 161.0, 190.0, "Probably two deals a rep. Can we meet Thursday at 2 with my VP?"),
        ("R", 191.0, 194.0, "Sure, Thursday at 2 works, I'll send the invite."),
    ]
    labels = {0: ("question.closed", "spin.situation"), 2: ("question.open", "spin.problem"),
              4: ("question.open", "spin.implication"), 5: ("tracker.next_step",), 6: ("tracker.next_step",)}  # fmt: skip
    call = make_call(turns, call_id=call_id)
    utts = tuple(
        Utterance(
            u.id, u.speaker, u.start, u.end, u.text, (), tuple(Tag(lab, u.id, 0.9) for lab in labels.get(u.id, ()))
        )
        for u in call.utterances
    )
    call = call.with_(utterances=utts, meta={"rep": rep})
    call = call.with_(metrics=analysis_metrics(call))
    return call.with_(scorecard=score_call(call, RUBRIC))


def _write(out: Path, call: Call, rep: str) -> None:
    write_outputs(call.with_(meta={**call.meta, "rep": rep, "path": f"{rep}/{call.id}.wav"}), out / rep, None)


def team_folder(out: Path) -> dict[str, Call]:
    calls = {
        "alice/good": _scored_call("good", "alice"),
        "alice/vm": make_call(GREETING_THEN_MESSAGE, call_id="vm"),
        "bob/fine": make_call(SHORT_REAL, call_id="fine"),
        "bob/dead": make_call([("A", 0.5, 20.0, "Hello? Hello, is anyone there? I can't hear you, I'll try again later.")],
                              speakers=("A",), mono=True, call_id="dead"),
    }  # fmt: skip
    for key, call in calls.items():
        _write(out, call, key.split("/")[0])
    return calls


def test_the_team_report_leaves_non_conversations_out_of_means_and_targets_and_counts_them(tmp_path: Path) -> None:
    calls = team_folder(tmp_path)
    good, fine = calls["alice/good"].scorecard.score, calls["bob/fine"].scorecard.score
    assert good is not None and fine is not None and good > 0 and fine > 0
    report = build_team_report(tmp_path)
    assert report.calls == 4
    rows = {r["path"]: r for r in csv.DictReader(io.StringIO(report.summary_csv.read_text(encoding="utf-8")))}
    assert rows["alice/vm.wav"]["conversation"] == "voicemail" and rows["alice/vm.wav"]["score"] == ""
    assert "you've reached" in rows["alice/vm.wav"]["conversation_reason"]
    assert rows["bob/dead.wav"]["conversation"] == "one_voice" and rows["bob/dead.wav"]["score"] == ""
    assert (
        rows["alice/good.wav"]["conversation"] == "conversation" and rows["alice/good.wav"]["conversation_reason"] == ""
    )
    page = report.team_html.read_text(encoding="utf-8")
    lead = page.split("<p class=lead>", 1)[1].split("</p>", 1)[0]
    assert f"Mean score {(good + fine) / 2:.1f}." in lead  # not pulled down by a voicemail's 0
    assert "2 voicemails / non-conversations left out</a> of every mean and target (1 one voice, 1 voicemail)" in lead
    reps = page.split("<h2>Reps</h2>", 1)[1].split("</section>", 1)[0]
    alice = reps.split("<td>alice</td>", 1)[1].split("</tr>", 1)[0]
    assert alice.startswith(f"<td>1</td><td>{good:.1f}</td>") and alice.endswith("<td>1</td>")  # 1 call, 1 left out
    targets = page.split("Rubric targets by rep", 1)[1].split("</section>", 1)[0]
    assert "/2</span>" not in targets  # each rep has one conversation; the others are no call's target
    left_out = page.split("id=not-conversations>", 1)[1].split("</section>", 1)[0]
    assert "Not conversations, left out (2)" in left_out
    assert "alice/vm.wav" in left_out and "bob/dead.wav" in left_out and "alice/good.wav" not in left_out
    assert "only one voice was heard" in left_out and "voicemail" in left_out
    calls_table = page.split("<h2>Calls</h2>", 1)[1]
    assert "alice/good.wav" in calls_table.split("id=not-conversations", 1)[0]
    assert "alice/vm.wav" not in calls_table.split("id=not-conversations", 1)[0]


def test_a_team_page_without_non_conversations_says_nothing_about_them(tmp_path: Path) -> None:
    _write(tmp_path, _scored_call("good", "alice"), "alice")
    page = build_team_report(tmp_path).team_html.read_text(encoding="utf-8")
    assert "left out</a>" not in page and "not-conversations" not in page


# ------------------------------------------------------------------------------------------
# Review queue


def test_the_review_queue_labels_non_conversations_and_ranks_them_after_the_calls_to_coach(tmp_path: Path) -> None:
    from starlette.testclient import TestClient

    from callcoach.review.app import create_app, flags
    from callcoach.review.store import ReviewStore

    team_folder(tmp_path)
    store = ReviewStore(tmp_path)
    queue = store.calls()
    keys = [e.key for e in queue]
    assert set(keys[:2]) == {"alice/good", "bob/fine"} and set(keys[2:]) == {"alice/vm", "bob/dead"}
    vm = store.entry("alice/vm")
    assert vm.conversation == "voicemail" and vm.score is None and "you've reached" in vm.conversation_reason
    assert flags(vm) == ["not a conversation: voicemail"]
    assert store.entry("alice/good").conversation is None and "not reviewed" in flags(store.entry("alice/good"))
    client = TestClient(create_app(store, coach="dana"), base_url="http://127.0.0.1:8765")
    page = client.get("/").text
    assert "voicemail, not scored" in page and "one voice, not scored" in page
    call_page = client.get("/call/alice/vm").text
    assert 'id="not-conversation"' in call_page and "Not a conversation: voicemail phrases" in call_page
    api = client.get("/api/call/alice/vm").json()
    assert (
        api["score"] is None and api["status"] == "not_a_conversation" and api["conversation"]["label"] == "voicemail"
    )


def test_a_coach_who_separates_the_voices_turns_one_voice_into_a_scored_conversation(tmp_path: Path) -> None:
    from callcoach.review.corrections import new_correction
    from callcoach.review.store import ReviewStore

    turns = PLAIN
    merged = [("A", a, b, text) for _, a, b, text in turns]  # diarization heard one voice
    call = make_call(merged, speakers=("A",), mono=True, call_id="merged")
    assert call.scorecard.conversation.label == "one_voice"
    write_outputs(call, tmp_path, None)
    store = ReviewStore(tmp_path)
    customer_turns = [1, 3, 5, 7]
    fixed = store.add_correction(
        "merged",
        new_correction("reassign", author="kim", utterance_ids=customer_turns, speaker="B",
                       anchor_texts=[turns[i][3] for i in customer_turns]),
    )  # fmt: skip
    assert fixed.call.scorecard.is_conversation and fixed.score is not None and fixed.machine_score is None
    assert store.entry("merged").conversation is None  # scored now, ranked with the calls to coach


# ------------------------------------------------------------------------------------------
# Real recordings (slow)


@pytest.mark.slow
def test_real_recordings_one_voice_is_not_scored_and_a_short_phone_call_is(tmp_path: Path) -> None:
    import callcoach
    from tests.conftest import shared

    osr = callcoach.analyze(shared("audio/osr-8k/OSR_us_000_0034_8k.wav"), out=tmp_path)
    assert osr.scorecard.score is None and osr.scorecard.conversation.label == "one_voice"
    stored = json.loads((tmp_path / "OSR_us_000_0034_8k.callcoach.json").read_text(encoding="utf-8"))
    assert stored["scorecard"]["status"] == "not_a_conversation" and stored["scorecard"]["score"] is None
    phone = callcoach.analyze(shared("audio/phone-2spk/sample.wav"))  # 30 s, two people on a telephone line
    check = phone.scorecard.conversation
    assert check.label == "conversation" and phone.scorecard.score is not None, check.reason


@pytest.mark.slow
def test_a_synthesized_voicemail_through_speech_recognition_is_a_voicemail_and_the_demo_call_is_scored(
    tmp_path: Path,
) -> None:
    import callcoach
    from tests import pii_call

    if not pii_call.espeak_available():
        pytest.skip("espeak-ng is not installed (apt-get install espeak-ng): it speaks the voicemail")
    path = tmp_path / "voicemail.flac"
    pii_call.synthesize(
        path, [("customer", 0.0, GREETING.replace("I'm not available to", "I can't")), ("rep", 1.2, MESSAGE)]
    )
    call = callcoach.analyze(path, rep_channel="left")
    check = call.scorecard.conversation
    assert check.label == "voicemail" and call.scorecard.score is None, [u.text for u in call.utterances]
    demo = callcoach.analyze(Path(__file__).resolve().parents[1] / "samples" / "demo-call.flac", rep_channel="left")
    assert demo.scorecard.conversation.label == "conversation" and demo.scorecard.score is not None
