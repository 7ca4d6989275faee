"""The HTML scorecard and the terminal summary, on calls built by hand (no browser, no models)."""

from __future__ import annotations

import io
import itertools
import re
from dataclasses import replace
from pathlib import Path

import pytest

from callcoach.call import (
    Attribution,
    Call,
    DimensionResult,
    Moment,
    RoleAssignment,
    Scorecard,
    Speaker,
    Tag,
    Utterance,
)
from callcoach.report import audio_href_for, print_summary, render_scorecard
from callcoach.report.html import CSP, esc, fmt_time, highlight

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_ATTR = '"><img src=x onerror=alert(1)>'

LINES = [
    ("rep", "Hi Sam, it's Dana. How is your week going?"),
    ("cust", "Busy, but good."),
    ("rep", "How many reps are on your team today?"),
    ("cust", f"Twelve. {XSS_SCRIPT} and we're hiring."),
    ("rep", "What does it cost you when a new rep takes six months to ramp?"),
    ("cust", "Honestly, that sounds expensive."),
    ("rep", "Our platform scores every call and every rep gets notes the same day, which is great."),
    ("cust", "Let's talk next Tuesday at 10."),
]
# (utterance index, label, substring of its text) -> a tag with that span
TAGS = [
    (0, "question.open", "How is your week going?"),
    (2, "question.closed", "How many reps are on your team today?"),
    (2, "spin.situation", "How many reps are on your team today?"),
    (4, "spin.implication", "What does it cost you when a new rep takes six months to ramp?"),
    (5, "objection.price", "sounds expensive"),
    (7, "tracker.next_step", "next Tuesday at 10"),
]


def _tag(text: str, uid: int, label: str, piece: str) -> Tag:
    a = text.index(piece)
    return Tag(label, uid, 0.9, (a, a + len(piece)))


def make_scorecard(stall_start: float | None = 20.0, rubric: str = "discovery@1") -> Scorecard:
    return Scorecard(
        rubric=rubric,
        score=58.0,
        spin_reached="implication",
        tips=("Ask a problem question before you pitch.", f"Tip with {XSS_ATTR}", "Wait a beat before replying."),
        stalls=(
            Moment(
                kind="stall.objection_monologue",
                title=f"Price objection met with a pitch {XSS_SCRIPT}",
                start=stall_start,
                end=None if stall_start is None else stall_start + 5,
                utterance_ids=(5, 6),
                evidence=(f'"Honestly, that sounds expensive." {XSS_ATTR}',),
                why="An unexplored objection returns at the end.",
                instead="Ask what they compare the price with.",
                severity=0.8,
            ),
            Moment(
                "stall.situation_only", "Mostly situation questions", None, None, (2,), (), "Few problems surfaced.",
                "Ask what is hard today.", 0.4,
            ),
        ),
        dimensions=(
            DimensionResult("talk_ratio", "Talk ratio", "talk.rep_talk_pct", "<= 43 % rep", 55.0, "%", 5, 10, "near",
                            "Let the customer talk.", f"Gong Labs {XSS_SCRIPT}"),
            DimensionResult("questions", "Rep questions", "questions.rep_questions", "11-14", 3, "", 2, 10, "missed",
                            "Ask more open questions.", "Gong Labs", (2,)),
            DimensionResult("next_step", "Next step", "next_step", "an Advance", None, "", 0, 10, "unavailable"),
        ),
    )  # fmt: skip


def make_call(
    lines: list[tuple[str, str]] = LINES,
    *,
    times: bool = True,
    scorecard: bool = True,
    step: float = 5.0,
    rep_name: str = "rep",
    extra_tags: bool = True,
) -> Call:
    """A small stereo call: rep and customer alternate, ``step`` seconds per utterance."""
    spk = {"rep": rep_name, "cust": "cust"}
    utts = []
    for i, (who, text) in enumerate(lines):
        tags = (
            tuple(_tag(text, i, lab, piece) for (j, lab, piece) in TAGS if j == i and piece in text)
            if extra_tags
            else ()
        )
        start, end = (i * step + 0.2, i * step + step - 0.3) if times else (None, None)
        utts.append(Utterance(i, spk[who], start, end, text, (), tags))
    duration = len(lines) * step if times else None
    metrics = {
        "duration_s": duration,
        "talk": {"rep_talk_s": 20.0, "customer_talk_s": 16.0, "rep_talk_pct": 55.6, "customer_talk_pct": 44.4},
        "longest_monologue": {"duration_s": 4.7, "start_s": 30.2, "end_s": 34.9, "utterance_ids": [6]},
        "longest_customer_story": {"duration_s": None},
        "interactivity": {"speaker_switches": 7, "switches_per_min": 10.5},
        "patience": {"mean_response_pause_s": None, "responses": None, "rushed_responses": None},
        "questions": {"rep_questions": 3, "rep_open_questions": 2, "rep_closed_questions": 1, "customer_questions": 0,
                      "rep_questions_per_10_min": 45.0},
        "overlap": {"customer_talk_overlapped_pct": 1.2, "accuracy": "exact"},
        "speakers": [{"speaker": rep_name, "role": "rep", "words_per_min": 160.0, "fillers_per_min": 1.0}],
        "unavailable": [{"metric": "patience", "reason": "no customer turns"},
                        {"metric": "longest_customer_story", "reason": "roles unknown"}],
        "objections": [{"utterance_id": 5, "label": "objection.price", "start": 25.2, "response": "monologue",
                        "response_utterance_ids": [6], "evidence": f'50 s without a question: "{XSS_SCRIPT}"'}],
    }  # fmt: skip
    return Call(
        id="call-42",
        source=f"calls/{XSS_ATTR}.wav",
        duration=duration,
        channels=2,
        speakers=(Speaker(rep_name, "rep", 0, 20.0), Speaker("cust", "customer", 1, 16.0)),
        utterances=tuple(utts),
        attribution=Attribution("diarization", 2, 0.72, (f"speaker {XSS_SCRIPT} may be split",)),
        roles=RoleAssignment(rep_name, "inferred", 0.64, ("asks the most questions",)),
        meta={"date": "2024-05-01"},
        metrics=metrics,
        scorecard=make_scorecard() if scorecard else None,
    )


def _pos(page: str, marker: str) -> int:
    i = page.find(marker)
    assert i >= 0, f"{marker} not in page"
    return i


# ------------------------------------------------------------------------------------------


def test_sections_in_order():
    page = render_scorecard(make_call(), "call-42.wav")
    order = ['class="hero"', 'id="stalls"', 'id="dimensions"', 'id="timeline"', 'id="metrics"', 'id="objections"',
             'id="transcript"', "<audio"]  # fmt: skip
    positions = [_pos(page, m) for m in order]
    assert positions == sorted(positions)
    assert page.startswith("<!DOCTYPE html>")
    assert "58" in page[: _pos(page, 'id="stalls"')]  # the score is in the header


def test_header_shows_estimated_attribution_and_rep_inference():
    page = render_scorecard(make_call(), None)
    header = page[: _pos(page, 'id="stalls"')]
    assert "speaker attribution is estimated (diarization, confidence 0.72)" in header.lower()
    assert "inferred" in header and "0.64" in header
    assert "may be split" in header and "2024-05-01" in header and "discovery@1" in header


@pytest.mark.parametrize("audio", ["call-42.wav", None])
def test_untrusted_strings_are_escaped(audio):
    page = render_scorecard(make_call(), audio)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script>alert" not in page
    assert "<img" not in page
    assert "onerror=alert" not in page.replace("&lt;img src=x onerror=alert", "")
    assert page.count("<script>") == 1  # only the page's own script


def test_no_network_urls_and_csp():
    page = render_scorecard(make_call(), "call-42.wav")
    assert not re.search(r"(https?|wss?|ftp):|//[a-z0-9]", page.replace("\\/\\/", ""), re.IGNORECASE)
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in page
    assert "default-src 'none'" in CSP and "connect-src" not in CSP


@pytest.mark.parametrize("href", ["http://example.com/a.wav", "https://x/a.wav", "//host/a.wav", "javascript:alert(1)"])
def test_network_audio_href_is_refused(href):
    with pytest.raises(ValueError):
        render_scorecard(make_call(), href)


def test_timestamps_are_buttons_with_seconds():
    page = render_scorecard(make_call(), "call-42.wav")
    buttons = re.findall(r'<button type="button" class="t" data-t="([0-9.]+)"( data-u="(\d+)")?', page)
    assert buttons
    turn = re.search(r'id="u-3"[^>]*>.*?data-t="([0-9.]+)" data-u="3"', page, re.DOTALL)
    assert turn and float(turn.group(1)) == pytest.approx(15.2)
    stalls = page[_pos(page, 'id="stalls"') : _pos(page, 'id="dimensions"')]
    assert 'data-t="20.000" data-u="5"' in stalls
    assert '<a href="#u-2">' in stalls  # the untimed stall still links to its turn


def test_no_time_buttons_without_times():
    call = make_call(times=False)
    call = call.with_(scorecard=replace(make_scorecard(stall_start=None)), metrics={})
    page = render_scorecard(call, None)
    assert "data-t=" not in page
    assert 'class="turn' in page and "no timestamps" in page
    assert "<audio" not in page and "No audio" in page


def test_audio_element_and_relative_href(tmp_path: Path):
    page = render_scorecard(make_call(), 'a "b" <c>.wav')
    assert '<audio id="audio" controls preload="metadata" src="a &quot;b&quot; &lt;c&gt;.wav">' in page
    href = audio_href_for(tmp_path / "out" / "x.scorecard.html", tmp_path / "in" / "my call#1.wav")
    assert href == "../in/my%20call%231.wav"
    assert f'src="{href}"' in render_scorecard(make_call(), href)


def test_no_audio_element_without_href():
    page = render_scorecard(make_call(), None)
    assert "<audio" not in page
    assert "No audio linked" in page


def test_tag_spans_are_highlighted_exactly():
    call = make_call()
    page = render_scorecard(call, None)
    for uid, label, piece in TAGS:
        if label in ("question.closed", "spin.situation"):
            continue  # those two share a span: checked below
        assert re.search(rf'<mark class="hl [^"]+" title="[^"]*">{re.escape(piece)}</mark>', page), label
    # two tags on one span: one mark, coloured by the SPIN stage, both labels after it
    piece = "How many reps are on your team today?"
    m = re.search(
        rf'<mark class="hl hl-sit" title="([^"]*)">{re.escape(piece)}</mark>((<span class="lab[^>]*>[^<]*</span>)+)',
        page,
    )
    assert m and "closed Q" in m.group(2) and "Situation" in m.group(2)


def test_highlight_escapes_every_piece():
    text = f"a {XSS_SCRIPT} b"
    a = text.index("<script>")
    out = highlight(text, [Tag("objection.price", 0, 1.0, (a, a + len(XSS_SCRIPT)))])
    assert out.startswith("a <mark") and "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</mark>" in out
    # overlapping spans split the text but never lose or repeat it
    out = highlight(
        "abcdefgh",
        [Tag("spin.problem", 0, 1, (0, 5)), Tag("tracker.pricing", 0, 1, (3, 8)), Tag("question.open", 0, 1, None)],
    )
    assert re.sub(r"<[^>]+>", "", re.sub(r'<span class="lab[^>]*>[^<]*</span>', "", out)) == "abcdefgh"
    assert highlight("abc", [Tag("spin.problem", 0, 1, (2, 99)), Tag("spin.problem", 0, 1, (5, 9))]).count("<mark") == 1


def test_metrics_show_na_with_reason():
    page = render_scorecard(make_call(), None)
    metrics = page[_pos(page, 'id="metrics"') : _pos(page, 'id="objections"')]
    assert "56 % rep" in metrics and "n/a" in metrics and "no customer turns" in metrics
    assert "roles unknown" in metrics


def test_objections_show_handling():
    page = render_scorecard(make_call(), None)
    obj = page[_pos(page, 'id="objections"') : _pos(page, 'id="transcript"')]
    assert "met with a monologue" in obj and "sounds expensive" in obj and 'data-t="25.200"' in obj


def test_page_without_scorecard_or_metrics():
    page = render_scorecard(make_call(scorecard=False).with_(metrics={}), None)
    assert 'id="stalls"' not in page and 'id="dimensions"' not in page
    assert 'id="transcript"' in page and "no score" in page and "Metrics were not computed" in page


def test_long_call_page_is_small():
    words = ["we", "spend", "a", "lot", "of", "time", "on", "onboarding", "and", "it", "is", "hard", "to", "coach"]
    words += ["every", "new", "rep", "in", "time"]
    lines = [("rep" if i % 2 == 0 else "cust", " ".join(words[(i * 7) % 10 :] + words)[:140] + "?") for i in range(60)]
    call = make_call(lines, step=9.5)
    labels = ("question.open", "spin.problem", "objection.timing", "tracker.timeline")
    call = call.with_(
        utterances=tuple(
            replace(u, tags=tuple(Tag(lab, u.id, 0.9, (3 * k, 3 * k + 40)) for k, lab in enumerate(labels)))
            for u in call.utterances
        )
    )
    assert sum(len(u.text.split()) for u in call.utterances) >= 1500
    page = render_scorecard(call, "call.wav")
    assert len(page.encode("utf-8")) < 250_000
    assert fmt_time(9.5 * 60) == "9:30" and fmt_time(3725) == "1:02:05"


# ------------------------------------------------------------------------------------------
# Terminal summary


def _console():
    from rich.console import Console

    buf = io.StringIO()
    return Console(file=buf, width=100, color_system=None, force_terminal=False), buf


def test_terminal_summary_is_short_and_plain():
    con, buf = _console()
    print_summary(
        make_call(),
        {"analysis": Path("out/call-42.callcoach.json"), "scorecard": Path("out/call-42.scorecard.html")},
        con,
    )
    out = buf.getvalue()
    lines = out.strip().splitlines()
    assert len(lines) <= 15
    assert "58/100" in out and "0:20" in out and "Ask a problem question" in out
    assert "out/call-42.scorecard.html" in out and "estimated" in out
    assert XSS_SCRIPT[:8] in out  # printed as text, not interpreted as markup


@pytest.mark.parametrize("width", [40, 120])
def test_terminal_summary_wraps_the_attribution_warning_between_words(width: int) -> None:
    from rich.console import Console

    warning = ("two of the voices are alike (140 and 150 Hz): check who is the rep in the scorecard, or "
               "analyse the stereo recording with --rep-channel left|right")  # fmt: skip
    call = make_call().with_(attribution=Attribution("diarization", 2, 0.41, (warning,)))
    buf = io.StringIO()
    con = Console(file=buf, width=width, color_system=None)
    print_summary(call, {"analysis": Path("out/call-42.callcoach.json")}, con)
    lines = buf.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("! "))
    block = [lines[start]]
    for line in lines[start + 1 :]:
        if not line.startswith("  ") or line.startswith("  •"):
            break
        block.append(line)
    said = "speaker attribution is estimated (diarization, confidence 0.41); " + warning
    assert " ".join(line[2:] for line in block) == said  # every word, whole, in order
    assert all(len(line) <= width for line in block)
    assert len(block) >= 2  # wrapped, not cut; and each line is full: its next word would not fit
    assert all(len(a) + 1 + len(b.split()[0]) > width for a, b in itertools.pairwise(block))
    assert "…" not in buf.getvalue().split("Where it stalled")[0]


def test_terminal_summary_without_scorecard():
    con, buf = _console()
    print_summary(make_call(scorecard=False), {"analysis": Path("a.json")}, con)
    out = buf.getvalue()
    assert "no scorecard" in out and "56 % rep" in out and len(out.strip().splitlines()) <= 15
    con, buf = _console()
    print_summary(make_call(scorecard=False).with_(metrics={}), {}, con)
    assert "metrics were not computed" in buf.getvalue()


def test_a_relative_audio_link_says_it_needs_the_page_beside_the_recording():
    call = make_call().with_(recording_absolute=f"/home/dana/calls/{XSS_ATTR} #1.wav")
    page = render_scorecard(call, "../calls/a%20b.wav")
    note = re.search(r'<p class="audio-where"([^>]*)>(.*?)</p>', page)
    assert note is not None
    assert "<code>../calls/a b.wav</code>" in note.group(2) and "beside the recording" in note.group(2)
    assert "mailed" in note.group(2)
    assert f"<code>/home/dana/calls/{esc(XSS_ATTR)} #1.wav</code>" in note.group(2)  # escaped, like every string
    # the player tries the absolute path when the relative link finds nothing (the page moved)
    fallback = Path(f"/home/dana/calls/{XSS_ATTR} #1.wav").as_uri()
    assert note.group(1) == f' data-fallback="{esc(fallback)}"' and fallback.startswith("file:///home/dana/calls/")
    assert "data-fallback" in _asset_js()


def test_no_link_note_without_audio_or_for_an_absolute_file_url():
    call = make_call().with_(recording_absolute="/home/dana/calls/a.wav")
    assert 'class="audio-where"' not in render_scorecard(call, None)
    assert 'class="audio-where"' not in render_scorecard(call, "file:///home/dana/calls/a.wav")
    bare = render_scorecard(make_call(), "a.wav")  # no absolute path known: the note, without a fallback
    assert '<p class="audio-where">' in bare and "data-fallback" not in bare.split("<script>")[0]


def _asset_js() -> str:
    from callcoach.report.html import _asset

    return _asset("scorecard.js")
