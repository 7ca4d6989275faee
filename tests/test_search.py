"""``callcoach search`` and the review queue's search (fast: hand-built analyses, no model weights).

Words and phrases, tag families, the rep and speaker filters, "did you mean" for a misspelt tag,
JSON lines, the link that plays a moment, unreadable analyses, a coach's corrections, and the
queue's search box through Starlette's TestClient (escaped, linking to the call page at the moment).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from callcoach.call import Attribution, Call, RoleAssignment, Speaker, Tag, Utterance
from callcoach.cli import cli
from callcoach.output import write_outputs
from callcoach.search import (
    Query,
    SearchError,
    Term,
    Turn,
    analyses,
    fragment,
    make_query,
    match_turn,
    parse_terms,
    review_path,
    search,
    snippet,
)
from tests.test_report_html import XSS_SCRIPT

# (speaker, text, tags as (label, substring or None)); the rep is "R", the customer "C".
DANA_LINES = [
    ("R", "Thanks for making time. How do you coach reps today?", [("question.open", None), ("spin.situation", None)]),
    (
        "C",
        "We already use a Competitor, honestly, and it's fine.",
        [("objection.competitor", "already use a Competitor"), ("tracker.competitor", "Competitor")],
    ),
    ("R", "What would it cost you if ramp time stays at six months?", [("spin.implication", None)]),
    ("C", "That's too expensive for us this year.", [("objection.price", "too expensive")]),
    (
        "R",
        "Our competitors charge per seat; we don\u2019t. Is the data encrypted at rest?",
        [("tracker.security", None)],
    ),
    ("C", "Let's book the next step for Tuesday.", [("tracker.next_step", "next step")]),
]
ALICE_LINES = [
    ("R", "Who else is looking at call coaching with you?", [("question.open", None)]),
    ("C", f"Expensive is relative {XSS_SCRIPT} but the competitor quoted less.", [("objection.price", None)]),
    ("R", "What happens if the team misses its number?", [("spin.implication", None)]),
]
UNTIMED_LINES = [
    ("R", "Is the budget set for this year?", [("question.closed", None)]),
    ("C", "Price is the issue: it's expensive.", [("objection.price", "Price is the issue")]),
]


def build_call(call_id: str, lines: list, *, rep: str | None, step: float = 30.0, times: bool = True) -> Call:
    utts = []
    for i, (who, text, tags) in enumerate(lines):
        made = []
        for label, piece in tags:
            span = None if piece is None else (text.index(piece), text.index(piece) + len(piece))
            made.append(Tag(label, i, 0.9, span))
        start, end = (i * step + 5.0, i * step + step - 1.0) if times else (None, None)
        utts.append(Utterance(i, who, start, end, text, (), tuple(made)))
    return Call(
        id=call_id,
        source=f"{call_id}.wav",
        duration=len(lines) * step if times else None,
        channels=2,
        speakers=(Speaker("R", "rep", 0, 60.0), Speaker("C", "customer", 1, 50.0)),
        utterances=tuple(utts),
        attribution=Attribution("stereo-channels", 2, 1.0),
        roles=RoleAssignment("R", "rep-channel", 1.0),
        meta={} if rep is None else {"rep": rep},
    )


@pytest.fixture
def results(tmp_path: Path) -> Path:
    """dana/call-1 (scorecard page, rep Dana), alice/call 2 (analysis only: no page; a space in
    its name), untimed (a transcript without times, no rep)."""
    root = tmp_path / "results"
    write_outputs(build_call("call-1", DANA_LINES, rep="Dana"), root / "dana", None)
    write_outputs(build_call("call 2", ALICE_LINES, rep="alice"), root / "alice", None, formats=("json",))
    write_outputs(build_call("untimed", UNTIMED_LINES, rep=None, times=False), root, None)
    return root


def run(*args: str, color: bool = False) -> tuple[int, str, str]:
    res = CliRunner().invoke(cli, ["search", *args], color=color)
    return res.exit_code, res.stdout, res.stderr


def keys_and_ids(stdout: str) -> list[tuple[str, int]]:
    return [(d["key"], d["utterance_id"]) for d in map(json.loads, stdout.splitlines())]


# ------------------------------------------------------------------------------------------
# The query


def test_query_terms_words_phrases_and_prefixes() -> None:
    assert parse_terms('Competitor "too  Expensive" compet*') == (
        Term(("too", "expensive")),
        Term(("competitor",)),
        Term(("compet",), prefix=True),
    )
    assert parse_terms("follow-up don’t") == (Term(("follow", "up")), Term(("don't",)))
    assert parse_terms('"next step') == (Term(("next", "step")),)  # an unclosed quote runs to the end
    with pytest.raises(SearchError, match="nothing to search for"):
        make_query("?!")
    with pytest.raises(SearchError, match="give words"):
        make_query("", speaker="rep")


def test_words_are_whole_words_any_case_and_phrases_are_in_a_row() -> None:
    turn = Turn(3, "C", "customer", 10.0, 14.0, "We already use a Competitor, honestly; it's too expensive.")

    def found(text: str) -> list[str] | None:
        spans = match_turn(make_query(text), turn)
        return None if spans is None else [turn.text[a:b] for a, b in spans]

    assert found("competitor") == ["Competitor"]
    assert found("competitors") is None  # a whole word, not a piece of one
    assert found("compet*") == ["Competitor"]
    assert found("expensive already") == ["already", "expensive"]  # every word, in any order
    assert found("expensive zebra") is None
    assert found('"too expensive"') == ["too expensive"]
    assert found('"expensive too"') is None  # a phrase keeps its order
    assert found('"competitor honestly"') == ["Competitor, honestly"]  # the comma between is ignored
    assert found("it's") == ["it's"]
    assert found("its") is None


def test_tag_families_labels_and_did_you_mean() -> None:
    turn = Turn(1, "C", "customer", 0.0, 2.0, "Too expensive.", (("objection.price", (0, 13)),))
    assert match_turn(make_query(tags=["objection"]), turn) == ((0, 13),)  # the tag's span is the highlight
    assert match_turn(make_query(tags=["Objection.*"]), turn) == ((0, 13),)
    assert match_turn(make_query(tags=["objection.price"]), turn) is not None
    assert match_turn(make_query(tags=["objection.timing"]), turn) is None
    assert match_turn(make_query(tags=["objection.timing", "objection.price"]), turn) is not None  # any of them
    assert match_turn(make_query(tags=["spin"]), turn) is None
    with pytest.raises(SearchError, match=r"unknown tag 'objection\.pricing' \(did you mean 'objection\.price'\?\)"):
        make_query(tags=["objection.pricing"])
    with pytest.raises(SearchError, match=r"did you mean 'spin'\?"):
        make_query(tags=["spinn"])
    assert make_query(tags=["tracker.security"]).tags == ("tracker.security",)  # maybe a team's own tracker


def test_fragment_and_review_path() -> None:
    timed = Turn(12, "C", "customer", 65.2, 70.0, "x")
    untimed = Turn(3, "C", "customer", None, None, "x")
    assert fragment(timed) == "#t=65.200&u=12"
    assert fragment(untimed) == "#u-3"
    assert review_path("alice/call 2", timed) == "/call/alice/call%202#t=65.200&u=12"


def test_snippet_cuts_long_turns_around_the_match_and_drops_control_characters() -> None:
    text = "word " * 100 + "competitor" + " tail" * 100
    start = text.index("competitor")
    shown, spans = snippet(text, [(start, start + 10)], width=80)
    assert shown.startswith("…") and shown.endswith("…") and len(shown) <= 82
    ((a, b),) = spans
    assert shown[a:b] == "competitor"
    assert snippet("a\x1b[31mb\nc", []) == ("a [31mb c", ())


# ------------------------------------------------------------------------------------------
# The command


def test_search_finds_words_across_calls_with_links_that_play_the_moment(results: Path) -> None:
    code, out, err = run(str(results), "competitor")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2 and "2 moments in 2 calls (3 analyses searched)" in err
    alice, dana = lines  # by key: alice/call 2, dana/call-1
    assert alice.startswith("alice/call 2  0:35  customer  objection.price  Expensive is relative")
    assert alice.endswith("  -")  # no scorecard page: no file link ...
    assert "1 of these calls have no scorecard page" in err  # ... and stderr says where to open it
    assert dana.startswith(
        "dana/call-1  0:35  customer  objection.competitor,tracker.competitor  We already use a Competitor,"
    )
    link = dana.rsplit("  ", 1)[1]
    url = urlsplit(link)
    assert url.scheme == "file" and Path(unquote(url.path)) == (results / "dana" / "call-1.scorecard.html").resolve()
    assert url.fragment == "t=35.000&u=1"
    assert "competitors" not in out  # turn 4 says "competitors": not the word searched


def test_json_lines(results: Path) -> None:
    code, out, _ = run(str(results), "competitor", "--json")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["key"] for r in records] == ["alice/call 2", "dana/call-1"]
    r = records[1]
    assert r["type"] == "moment" and r["utterance_id"] == 1 and r["role"] == "customer" and r["rep"] == "Dana"
    assert r["start"] == 35.0 and r["time"] == "0:35" and r["tags"] == ["objection.competitor", "tracker.competitor"]
    assert [r["text"][a:b] for a, b in r["matches"]] == ["Competitor"]
    assert r["link"].endswith("/dana/call-1.scorecard.html#t=35.000&u=1")
    assert r["review"] == "/call/dana/call-1#t=35.000&u=1"
    assert records[0]["link"] is None and records[0]["scorecard"] is None
    code, out, _ = run(str(results), "competitor", "--json", "--review-url", "http://127.0.0.1:8765/")
    assert json.loads(out.splitlines()[0])["review_url"] == "http://127.0.0.1:8765/call/alice/call%202#t=35.000&u=1"


def test_phrases_and_several_words(results: Path) -> None:
    assert keys_and_ids(run(str(results), '"too expensive"', "--json")[1]) == [("dana/call-1", 3)]
    assert keys_and_ids(run(str(results), "expensive quoted", "--json")[1]) == [("alice/call 2", 1)]
    assert keys_and_ids(run(str(results), '"expensive too"', "--json")[1]) == []
    assert keys_and_ids(run(str(results), "compet*", "--json")[1]) == [
        ("alice/call 2", 1),
        ("dana/call-1", 1),
        ("dana/call-1", 4),
    ]


def test_tag_only_lists_every_moment_with_it_and_families(results: Path) -> None:
    code, out, _ = run(str(results), "--tag", "objection.price", "--json")
    assert code == 0
    assert keys_and_ids(out) == [("alice/call 2", 1), ("dana/call-1", 3), ("untimed", 1)]
    family = keys_and_ids(run(str(results), "--tag", "objection", "--json")[1])
    assert family == [("alice/call 2", 1), ("dana/call-1", 1), ("dana/call-1", 3), ("untimed", 1)]
    both = keys_and_ids(run(str(results), "--tag", "spin.implication", "--tag", "tracker.next_step", "--json")[1])
    assert both == [("alice/call 2", 2), ("dana/call-1", 2), ("dana/call-1", 5)]
    record = json.loads(run(str(results), "--tag", "objection.price", "--rep", "dana", "--json")[1])
    assert [record["text"][a:b] for a, b in record["matches"]] == ["too expensive"]  # the tag's words


def test_rep_and_speaker_filters(results: Path) -> None:
    assert keys_and_ids(run(str(results), "compet*", "--rep", "DANA", "--json")[1]) == [
        ("dana/call-1", 1),
        ("dana/call-1", 4),
    ]
    assert keys_and_ids(run(str(results), "compet*", "--rep", "dan", "--json")[1]) == []  # the rep's name, not a piece
    assert keys_and_ids(run(str(results), "compet*", "--speaker", "rep", "--json")[1]) == [("dana/call-1", 4)]
    code, _, err = run(str(results), "--tag", "question", "--speaker", "customer")
    assert code == 1 and "no moments found for tagged question.* said by the customer" in err


def test_untimed_turns_link_to_the_turn(results: Path) -> None:
    record = json.loads(run(str(results), "--tag", "objection", "--rep", "nobody", "--json")[1] or "null")
    assert record is None
    out = run(str(results), "issue", "--json")[1].splitlines()
    untimed = next(r for r in map(json.loads, out) if r["key"] == "untimed")
    assert (
        untimed["start"] is None
        and untimed["time"] == "-:--"
        and untimed["link"].endswith("untimed.scorecard.html#u-1")
    )


def test_no_moments_is_exit_1_with_a_message_and_nothing_on_stdout(results: Path) -> None:
    code, out, err = run(str(results), "zebra")
    assert (code, out) == (1, "")
    assert err.strip() == "no moments found for zebra (3 analyses searched)"
    code, out, _ = run(str(results), "zebra", "--json")
    assert (code, out) == (1, "")


def test_bad_input_is_one_line_and_exit_2(results: Path, tmp_path: Path) -> None:
    code, out, err = run(str(results), "--tag", "objection.pricing")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert err.startswith("callcoach: error: unknown tag 'objection.pricing' (did you mean 'objection.price'?)")
    code, _, err = run(str(tmp_path / "nowhere"), "competitor")
    assert (
        code == 2
        and err.strip()
        == f"callcoach: error: {tmp_path / 'nowhere'}: no such folder (give a results folder of callcoach analyze --out or batch --out)"
    )
    code, _, err = run(str(results))
    assert code == 2 and "nothing to search for" in err and "Traceback" not in err


def test_a_team_tracker_is_found_and_a_misspelt_one_refused(results: Path) -> None:
    assert keys_and_ids(run(str(results), "--tag", "tracker.security", "--json")[1]) == [("dana/call-1", 4)]
    code, _, err = run(str(results), "--tag", "tracker.securty")
    assert code == 2
    assert f"no analysis under {results} has the tag 'tracker.securty' (did you mean 'tracker.security'?)" in err


def test_unreadable_analyses_are_skipped_with_a_warning_each(results: Path) -> None:
    (results / "cut.callcoach.json").write_text(
        '{"schema": "callcoach.analysis/1", "utterances": [{"text": "competitor', encoding="utf-8"
    )
    (results / "old.callcoach.json").write_text(
        json.dumps({"schema": "callcoach.analysis/0", "utterances": [], "x": "competitor"}), encoding="utf-8"
    )
    code, out, err = run(str(results), "competitor")
    assert code == 0 and len(out.splitlines()) == 2
    warnings = [line for line in err.splitlines() if line.startswith("callcoach: warning:")]
    assert len(warnings) == 2
    assert warnings[0].startswith(
        f"callcoach: warning: {results / 'cut.callcoach.json'}: not a readable callcoach analysis"
    )
    assert "unsupported analysis schema 'callcoach.analysis/0'" in warnings[1] and warnings[1].endswith("; skipped")
    assert "2 unreadable skipped" in err


def test_bold_only_on_a_terminal_and_no_escape_sequences_from_transcripts(tmp_path: Path) -> None:
    lines = [("C", "Our competitor \x1b[2J cleared your screen.", [])]
    write_outputs(build_call("esc", lines, rep="dana"), tmp_path, None)
    _, plain, _ = run(str(tmp_path), "competitor")
    assert "\x1b" not in plain and "competitor  [2J cleared" in plain
    _, styled, _ = run(str(tmp_path), "competitor", color=True)
    assert "\x1b[1mcompetitor\x1b[0m" in styled and "\x1b[2J" not in styled


def test_limit_stops_early(results: Path) -> None:
    code, out, err = run(str(results), "--tag", "objection", "--limit", "2", "--json")
    assert code == 0 and keys_and_ids(out) == [("alice/call 2", 1), ("dana/call-1", 1)]
    assert "stopped at --limit 2" in err


def test_a_coachs_corrections_are_searched(results: Path) -> None:
    from callcoach.review.corrections import new_correction
    from callcoach.review.store import ReviewStore

    key = "dana/call-1"
    turn = DANA_LINES[5][1]
    with ReviewStore(results) as store:
        store.add_correction(key, new_correction("add_tag", author="dana", utterance_ids=(5,), anchor_texts=(turn,),
                                                 label="objection.timing"))  # fmt: skip
        price = DANA_LINES[3][1]
        store.add_correction(key, new_correction("remove_tag", author="dana", utterance_ids=(3,), anchor_texts=(price,),
                                                 label="objection.price"))  # fmt: skip
    record = json.loads(run(str(results), "--tag", "objection.timing", "--json")[1])
    assert (record["key"], record["utterance_id"], record["corrected"]) == (key, 5, True)
    assert ("dana/call-1", 3) not in keys_and_ids(run(str(results), "--tag", "objection.price", "--json")[1])
    assert keys_and_ids(run(str(results), "expensive", "--rep", "dana", "--json")[1]) == [
        ("dana/call-1", 3)
    ]  # words stay


def test_search_reads_only_files_that_can_match(results: Path) -> None:
    """The byte screen: a file without the word is never parsed (its count says so)."""
    found = search(analyses(results), make_query("encrypted"))
    assert found.searched == 3 and found.parsed == 1 and [h.turn.id for h in found.hits] == [4]
    assert search(analyses(results), Query((Term(("zebra",)),))).parsed == 0
    curly = search(analyses(results), make_query("don't"))  # the text says "don’t": still found
    assert curly.parsed == 1 and [(h.call.key, h.turn.id) for h in curly.hits] == [("dana/call-1", 4)]


# ------------------------------------------------------------------------------------------
# The review queue


BASE = "http://127.0.0.1:8765"


def queue(results: Path, **params: str) -> str:
    from callcoach.review.app import create_app
    from callcoach.review.store import ReviewStore

    client = TestClient(create_app(ReviewStore(results), coach="dana"), base_url=BASE)
    r = client.get("/", params=params)
    assert r.status_code == 200
    return r.text


def test_queue_search_lists_moments_linking_to_the_call_page_at_that_moment(results: Path) -> None:
    page = queue(results, q="expensive")
    rows = re.findall(r'<tr class="moment-row">(.*?)</tr>', page, re.DOTALL)
    assert len(rows) == 3  # alice/call 2, dana/call-1, untimed
    assert '<a href="/call/dana/call-1#t=95.000&amp;u=3"' in rows[1]
    assert "That&#x27;s too <mark>expensive</mark> for us this year." in rows[1]
    assert "<script>alert(1)</script>" not in page  # the transcript's markup is text
    assert "<mark>Expensive</mark> is relative &lt;script&gt;alert(1)&lt;/script&gt;" in rows[0]
    assert '<a href="/call/untimed#u-1"' in rows[2]
    assert "3 moments in 3 calls" in page

    tagged = queue(results, tag="objection.price", rep="Dana")
    assert re.findall(r'href="(/call/[^"]+)" class="moment-link"', tagged) == ["/call/dana/call-1#t=95.000&amp;u=3"]
    assert '<option value="objection.price" selected>' in tagged
    said = queue(results, q="compet*", speaker="rep")
    assert re.findall(r'href="(/call/[^"]+)" class="moment-link"', said) == ["/call/dana/call-1#t=125.000&amp;u=4"]


def test_queue_search_says_what_is_wrong_with_a_tag_and_escapes_the_query(results: Path) -> None:
    page = queue(results, tag="objection.pricing")
    assert "unknown tag &#39;objection.pricing&#39; (did you mean &#39;objection.price&#39;?)" in page
    page = queue(results, q='"<b>zebra</b>"')
    assert "No moments match" in page and "<b>zebra</b>" not in page and "&lt;b&gt;zebra&lt;/b&gt;" in page
    plain = queue(results)
    assert 'id="moments"' not in plain and 'table class="queue"' in plain  # no search: the call list


# ------------------------------------------------------------------------------------------
# Reading fast: the words left out, several processes


def test_the_words_are_left_out_of_the_parse_and_nothing_else_changes(tmp_path: Path) -> None:
    from callcoach.call import Word
    from callcoach.output import dumps
    from callcoach.search import parse_analysis, without_words

    call = build_call("w", DANA_LINES, rep="dana")
    tricky = ("]", "[CARD]", '"words": [', "\n   ]", "a]\\b")  # brackets, a redaction, the key itself, escapes
    utts = tuple(
        u.__class__(u.id, u.speaker, u.start, u.end, u.text + " " + tricky[u.id % len(tricky)],
                    tuple(Word(u.start + k, u.start + k + 0.5, w) for k, w in enumerate([*u.text.split()[:3], *tricky])), u.tags)
        for u in call.utterances
    )  # fmt: skip
    data = call.with_(utterances=utts).to_dict()
    raw = dumps(data).encode("utf-8")
    expected = json.loads(raw)
    for u in expected["utterances"]:
        u["words"] = []
    assert len(without_words(raw) or b"") < len(raw) / 2
    assert parse_analysis(raw) == expected
    compact = json.dumps(data).encode("utf-8")  # another layout: parsed whole, words and all
    assert without_words(compact) is None and parse_analysis(compact) == data


def test_several_processes_find_the_same_moments_in_the_same_order(
    results: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("callcoach.search.CHUNK", 1)  # one analysis per task: three tasks
    (results / "zz-cut.callcoach.json").write_text('{"utterances": [{"text": "competitor', encoding="utf-8")
    query = make_query("compet*")
    here = search(analyses(results), query, workers=1)
    lines: list[str] = []
    there = search(analyses(results), query, workers=2, warn=lines.append)
    assert [(h.call.key, h.turn.id, h.spans) for h in there.hits] == [
        (h.call.key, h.turn.id, h.spans) for h in here.hits
    ]
    assert len(here.hits) == 3 and there.searched == here.searched == 4
    assert len(lines) == 1 and lines[0].startswith(str(results / "zz-cut.callcoach.json"))
    limited = search(analyses(results), make_query(tags=["objection"]), workers=2, limit=2)
    assert [(h.call.key, h.turn.id) for h in limited.hits] == [
        ("alice/call 2", 1),
        ("dana/call-1", 1),
    ] and limited.limited


def test_a_broken_review_sidecar_is_named_and_the_machine_tags_searched(results: Path) -> None:
    (results / "dana" / "call-1.review.json").write_text("{not json", encoding="utf-8")
    code, out, err = run(str(results), "--tag", "objection.price", "--rep", "dana", "--json")
    assert code == 0 and keys_and_ids(out) == [("dana/call-1", 3)]
    assert (
        f"callcoach: warning: {results / 'dana' / 'call-1.review.json'}: the coach's corrections are not applied" in err
    )


def test_one_analysis_file_can_be_searched(results: Path) -> None:
    one = results / "dana" / "call-1.callcoach.json"
    assert analyses(one) == [("call-1", one)]
    assert keys_and_ids(run(str(one), "expensive", "--json")[1]) == [("call-1", 3)]
