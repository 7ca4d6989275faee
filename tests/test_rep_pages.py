"""A page per rep in the team report (``reps/<rep>.html``; fast: hand-built stored analyses, no
model weights).

Three reps over several weeks, dated by the manifest's ``date`` (one call by its file): every
rep has a page linked from the team page; the score chart has one point per week with calls,
each the mean of that week's scores as ``summary.csv`` has them, and a gap (no point) for each
week without; the stall reasons and the coaches' comments are there, escaped; overridden and
commented dimensions count as coached; nothing on any page comes from the network and each has
the Content-Security-Policy meta; a rep with one call gets one point and says so.
"""

from __future__ import annotations

import csv
import os
import re
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from callcoach.batch.rep_pages import named_dimensions, rep_slugs
from callcoach.batch.team import build_team_report
from callcoach.batch.team_html import CSP
from callcoach.batch.trends import week_label, week_of
from callcoach.output import write_outputs
from callcoach.review.corrections import Override
from callcoach.review.store import ReviewStore
from tests.test_targets import draw_advanced, stored_call

#: (rep, call id, manifest date or None: dated by its file, objection response or None)
CALLS = [
    ("dana", "d1", "2026-09-01", None),  # 2026-W36
    ("dana", "d2", "2026-09-03", "none"),  # 2026-W36
    ("dana", "d3", "2026-09-08", "none"),  # 2026-W37
    ("dana", "d4", "2026-09-24", None),  # 2026-W39 (W38: no calls)
    ("sam", "s1", "2026-09-02", "monologue"),  # 2026-W36
    ("sam", "s2", None, None),  # the file's date: 2026-10-01, 2026-W40 (W37-W39: no calls)
    ("lee", "l1", "2026-09-15", None),  # one call
]
FILE_DAY = date(2026, 10, 1)
SCRIPT = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A results folder of the calls above, reviewed a little, and its team report built."""
    root = tmp_path_factory.mktemp("reps") / "results"
    rng = np.random.default_rng(3)
    for i, (rep, cid, day, objection) in enumerate(CALLS):
        meta = {"rep": rep, **({"date": day} if day else {})}
        outcome = "advance" if i % 2 == 0 else None  # no Advance: the call stalls with no next step
        call = stored_call(cid, draw_advanced(rng), meta, outcome, (i % 3, i % 2), objection)
        paths = write_outputs(call, root / rep, None, formats=("json", "html"))
        if day is None:
            stamp = time.mktime((FILE_DAY.year, FILE_DAY.month, FILE_DAY.day, 12, 0, 0, 0, 0, -1))
            os.utime(paths["analysis"], (stamp, stamp))
    with ReviewStore(root) as store:
        store.add_comment("dana/d2", f"Your talk ratio ran high {SCRIPT} & then some", "coach <b>kim</b>")
        store.add_comment("dana/d3", "Good follow-up here", "kim", utterance_id=2)  # problem_questions' evidence
        store.set_override("sam/s1", Override("patience", 2.0, "answered over the buyer", author="lou"))
    build_team_report(root)
    return root


def page(results: Path, rep: str) -> str:
    return (results / "reps" / f"{rep}.html").read_text(encoding="utf-8")


def section(html: str, sid: str) -> str:
    m = re.search(rf"<section id={sid}>(.*?)</section>", html, re.DOTALL)
    assert m, f"no section {sid}"
    return m.group(1)


def points(svg: str, css: str = "rep") -> dict[str, float]:
    """``data-week`` -> ``data-value`` of the ``css`` series' points."""
    return {w: float(v) for w, v in re.findall(rf"<circle class='{css}' data-week='([^']+)' data-value='([^']+)'", svg)}


def gaps(svg: str) -> set[str]:
    return set(re.findall(r"<rect class=gap data-week='([^']+)'", svg))


def first_svg(html: str) -> str:
    m = re.search(r"<svg class=trend.*?</svg>", html, re.DOTALL)
    assert m
    return m.group(0)


def summary_scores(results: Path) -> dict[str, float]:
    with open(results / "summary.csv", encoding="utf-8", newline="") as fh:
        return {row["path"]: float(row["score"]) for row in csv.DictReader(fh)}


def expected_weeks(results: Path, rep: str) -> dict[str, float]:
    """The mean of the rep's scores per week, from summary.csv and the dates given above."""
    scores = summary_scores(results)
    weeks: dict[str, list[float]] = {}
    for r, cid, day, _ in CALLS:
        if r == rep:
            d = date.fromisoformat(day) if day else FILE_DAY
            weeks.setdefault(week_label(week_of(d)), []).append(scores[f"{rep}/{cid}.wav"])
    return {w: sum(v) / len(v) for w, v in weeks.items()}


def test_every_rep_has_a_page_linked_from_the_team_page(results: Path) -> None:
    team = (results / "team.html").read_text(encoding="utf-8")
    for rep in ("dana", "sam", "lee"):
        assert (results / "reps" / f"{rep}.html").is_file()
        assert f"<a href='reps/{rep}.html'>{rep}</a>" in team
        assert "<a href='../team.html'>" in page(results, rep)
    assert sorted(p.name for p in (results / "reps").iterdir()) == ["dana.html", "lee.html", "sam.html"]


def test_the_score_chart_has_a_point_per_week_with_calls_and_gaps_between(results: Path) -> None:
    dana = first_svg(section(page(results, "dana"), "score"))
    want = expected_weeks(results, "dana")
    assert set(want) == {"2026-W36", "2026-W37", "2026-W39"}
    got = points(dana)
    assert got.keys() == want.keys()
    for w, v in want.items():
        assert got[w] == pytest.approx(v, abs=0.051), w
    assert gaps(dana) == {"2026-W38"}  # a gap, not a zero
    # Lines join consecutive weeks only: W36-W37 is one line; W39 stands alone.
    assert len(re.findall(r"<polyline class='rep'", dana)) == 1

    sam = first_svg(section(page(results, "sam"), "score"))
    assert points(sam) == pytest.approx(expected_weeks(results, "sam"), abs=0.051)
    assert set(points(sam)) == {"2026-W36", "2026-W40"}  # s2 dated by its file
    assert gaps(sam) == {"2026-W37", "2026-W38", "2026-W39"}
    assert "<polyline class='rep'" not in sam
    assert points(sam, "team")  # the team's weekly median beside it
    assert "(file date)" in section(page(results, "sam"), "calls")


def test_the_team_page_shows_each_reps_trend_against_the_team(results: Path) -> None:
    team = (results / "team.html").read_text(encoding="utf-8")
    row = re.search(r"<tr><td>dana</td>.*?</tr>", team, re.DOTALL)
    assert row and "<a href='reps/dana.html' title='dana: rep page'><svg" in row.group(0)
    svg = first_svg(row.group(0))
    assert points(svg) == pytest.approx(expected_weeks(results, "dana"), abs=0.051)
    scores = summary_scores(results)
    w36 = [
        scores[f"{r}/{c}.wav"] for r, c, d, _ in CALLS if d and week_label(week_of(date.fromisoformat(d))) == "2026-W36"
    ]
    assert points(svg, "team")["2026-W36"] == pytest.approx(float(np.median(w36)), abs=0.051)


def test_dimension_charts_match_the_scorecards(results: Path) -> None:
    html = section(page(results, "dana"), "dimensions")
    figs = dict(re.findall(r"<figure data-dimension='([^']+)'>(.*?)</figure>", html, re.DOTALL))
    assert "talk_ratio" in figs and "patience" in figs
    talk = points(figs["talk_ratio"])
    assert set(talk) == {"2026-W36", "2026-W37", "2026-W39"} and gaps(figs["talk_ratio"]) == {"2026-W38"}
    import json

    d4 = json.loads((results / "dana" / "d4.callcoach.json").read_text(encoding="utf-8"))
    actual = next(d["actual"] for d in d4["scorecard"]["dimensions"] if d["id"] == "talk_ratio")
    assert talk["2026-W39"] == pytest.approx(actual, abs=0.051)


def test_stall_reasons_and_comments_appear_escaped(results: Path) -> None:
    dana = page(results, "dana")
    stalls = section(dana, "stalls")
    assert "data-stall='stall.objection_unexplored'" in stalls and "data-stall='stall.no_next_step'" in stalls
    assert "data-stall='stall.objection_monologue'" in section(page(results, "sam"), "stalls")
    comments = section(dana, "comments")
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; then some" in comments
    assert "coach &lt;b&gt;kim&lt;/b&gt;" in comments and "Good follow-up here" in comments
    assert "No comments on this rep" in section(page(results, "lee"), "comments")


def test_coached_and_not_yet_coached_dimensions(results: Path) -> None:
    def coached(rep: str) -> set[str]:
        table = re.search(r"<table class=coached>(.*?)</table>", section(page(results, rep), "coached"), re.DOTALL)
        return set(re.findall(r"data-dimension='([^']+)'", table.group(1))) if table else set()

    assert coached("dana") == {"talk_ratio", "problem_questions"}  # named; a comment on its evidence
    assert coached("sam") == {"patience"}  # a score override
    lee = section(page(results, "lee"), "coached")
    assert coached("lee") == set() and "No dimension coached yet" in lee
    not_yet = re.search(r"<table class=not-coached>(.*?)</table>", section(page(results, "dana"), "coached"), re.DOTALL)
    assert not_yet and "data-dimension='patience'" in not_yet.group(1)
    assert "data-dimension='talk_ratio'" not in not_yet.group(1)


def test_a_rep_with_one_call_gets_a_single_point_and_says_so(results: Path) -> None:
    lee = page(results, "lee")
    svg = first_svg(section(lee, "score"))
    assert list(points(svg)) == ["2026-W38"] and gaps(svg) == set()
    assert "One scored call so far" in lee


def test_no_page_loads_anything_from_the_network(results: Path) -> None:
    pages = [results / "team.html", *sorted((results / "reps").glob("*.html"))]
    assert len(pages) == 4
    for p in pages:
        html = p.read_text(encoding="utf-8")
        assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in html, p
        assert "http://" not in html and "https://" not in html, p
        assert not re.search(r"""(src|href)\s*=\s*['"]?\s*(//|[a-z][a-z0-9+.-]*:)""", html, re.IGNORECASE), p
        assert "<script" not in html, p
    assert "default-src 'none'" in CSP and "script-src" not in CSP


def test_rebuilding_gives_the_same_bytes_and_drops_a_gone_reps_page(results: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "results"
    shutil.copytree(results, copy)
    before = {p.name: p.read_bytes() for p in (copy / "reps").iterdir()}
    build_team_report(copy)
    assert {p.name: p.read_bytes() for p in (copy / "reps").iterdir()} == before
    (copy / "reps" / "notes.html").write_text("someone else's page", encoding="utf-8")
    shutil.rmtree(copy / "lee")
    report = build_team_report(copy)
    assert report.rep_pages == 2
    assert sorted(p.name for p in (copy / "reps").iterdir()) == ["dana.html", "notes.html", "sam.html"]
    assert "reps/lee.html" not in (copy / "team.html").read_text(encoding="utf-8")


def test_rep_file_names_are_safe_and_unique() -> None:
    names = rep_slugs(["Dana", "dana", "a/b c", "../x", "(no rep)", "José"])
    assert len({n.lower() for n in names.values()}) == 6
    assert all("/" not in n and not n.startswith(".") for n in names.values())
    assert names["a/b c"] == "a-b-c.html" and names["(no rep)"] == "no-rep.html" and names["José"] == "José.html"


def test_a_comment_names_the_longest_dimension_it_mentions() -> None:
    dims = [
        {"id": "questions", "name": "Rep questions"},
        {"id": "problem_questions", "name": "Problem questions"},
        {"id": "talk_ratio", "name": "Talk ratio (rep share)"},
        {"id": "need_payoff_questions", "name": "Need-payoff questions"},
    ]
    assert named_dimensions("Ask more problem questions", dims) == {"problem_questions"}
    assert named_dimensions("Too few questions; talk-ratio 70%", dims) == {"questions", "talk_ratio"}
    assert named_dimensions("#need_payoff_questions please", dims) == {"need_payoff_questions"}
    assert named_dimensions("Nice rapport", dims) == set()


# ------------------------------------------------------------------------------------------
# Drills on the rep page (read from the drill files, checked in memory, never written)


def add_call(root: Path, key: str, rep: str, day: date, implications: int, **kw: object) -> None:
    """A discovery call of ``rep`` as a batch writes it (:func:`tests.test_drills.add_with_scorecard`)."""
    from tests.test_drills import add_with_scorecard

    add_with_scorecard(root, key, rep, day, implications, **kw)


def drill_files(root: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (root / ".callcoach-review" / "drills").glob("*.json")}


@pytest.fixture
def drilled(tmp_path: Path) -> tuple[Path, str, str]:
    """dana's September calls, two drills set on 1 October (one cancelled), then her next calls
    (met, missed, met) and one of bob's; returns the folder and the two drills' ids."""
    from callcoach.review.drill_store import DrillStore
    from tests.test_drills import IMPLICATION_BEFORE_PRICE, SET_DAY

    root = tmp_path / "results"
    for i, day in enumerate((date(2026, 9, 8), date(2026, 9, 15), date(2026, 9, 22))):
        add_call(root, f"dana/sep-{i}", "dana", day, 2)
    add_call(root, "bob/sep-0", "bob", date(2026, 9, 9), 2)
    with ReviewStore(root) as store:
        drills = DrillStore(store)
        old = drills.set("dana", {"kind": "metric", "metric": "longest_monologue.duration_s", "op": "<=", "value": 90},
                         set_by="lou", today=SET_DAY)  # fmt: skip
        drills.cancel(old.id, "lou")
        drill = drills.set("Dana", IMPLICATION_BEFORE_PRICE, set_by="kim", calls=3, pass_at=2, from_call="dana/sep-2",
                           title=f"Two implication questions {SCRIPT}", note="Ask <b>before</b> price & wait", today=SET_DAY)  # fmt: skip
    for i, n in enumerate((2, 1, 3)):
        add_call(root, f"dana/next-{i}", "dana", SET_DAY + timedelta(days=i + 1), n, after=1 if n < 2 else 0)
    add_call(root, "bob/next", "bob", SET_DAY + timedelta(days=1), 0)
    return root, drill.id, old.id


def test_the_rep_page_shows_each_drill_and_its_checks_linked_to_the_moment(drilled: tuple[Path, str, str]) -> None:
    from callcoach.review.drill_store import drills_for_rep

    root, did, cancelled = drilled
    before = drill_files(root)
    build_team_report(root)
    assert drill_files(root) == before  # the checks were computed, not written back
    html = section(page(root, "dana"), "drills")
    arts = dict(re.findall(r"<article class=drill data-drill='([^']+)' data-status='(\w+)'>", html))
    assert arts == {did: "passed", cancelled: "cancelled"}
    assert html.index(did) < html.index(cancelled)  # newest first
    rows = re.findall(r"<tr class=check data-call='([^']+)' data-met='(\w+)'>", html)
    assert rows == [("dana/next-0", "yes"), ("dana/next-1", "no"), ("dana/next-2", "yes")]
    links = re.findall(r"<a class=moment href='([^']+)'>at (\d+:\d\d)</a>", html)
    assert links == [
        ("../dana/next-0.scorecard.html#t=48.000&amp;u=4", "0:48"),  # the second implication question
        ("../dana/next-1.scorecard.html#t=48.000&amp;u=4", "0:48"),  # the moment price came up
        ("../dana/next-2.scorecard.html#t=48.000&amp;u=4", "0:48"),
    ]
    assert (root / "dana" / "next-1.scorecard.html").is_file() and "id=\"u-4\"" in (root / "dana" / "next-1.scorecard.html").read_text()
    assert "only 1 implication question before pricing came up at 0:48 (needs 2)" in html
    assert "2 of 3 calls met (needs 2)." in html
    assert f"Two implication questions {SCRIPT}" not in html and "Two implication questions &lt;script&gt;" in html
    assert "Ask &lt;b&gt;before&lt;/b&gt; price &amp; wait" in html and "set by kim on " in html
    assert "cancelled by lou on" in html
    assert "No drills given to this rep yet" in section(page(root, "bob"), "drills")
    # The same checks the review app shows (its store computes them again and keeps them).
    app = {d["id"]: d for d in drills_for_rep(root, "dana")}
    assert app[did]["status"] == "passed" and [(c["call"], c["met"], c["fragment"]) for c in app[did]["checks"]] == [
        (c, m == "yes", "#t=48.000&u=4") for c, m in rows
    ]


def test_the_rep_page_checks_a_call_as_the_coach_corrected_it(drilled: tuple[Path, str, str]) -> None:
    from callcoach.review.corrections import new_correction

    root, _, _ = drilled
    with ReviewStore(root) as store:  # the opener of next-1 was an implication question too
        store.add_correction("dana/next-1", new_correction("add_tag", author="kim", utterance_ids=[0], label="spin.implication"))
    build_team_report(root)
    html = section(page(root, "dana"), "drills")
    assert re.findall(r"<tr class=check data-call='[^']+' data-met='(\w+)'>", html) == ["yes", "yes", "yes"]
    assert "3 of 3 calls met (needs 2)." in html


def test_a_report_build_never_makes_review_data(drilled: tuple[Path, str, str], tmp_path: Path) -> None:
    import shutil

    from callcoach.review.store import DB_NAME
    from tests.test_review_store import drop_db

    root, did, _ = drilled
    plain = tmp_path / "plain"  # no drill, no review: the build leaves no review file behind
    shutil.copytree(root, plain, ignore=shutil.ignore_patterns(".callcoach-review*"))
    build_team_report(plain)
    assert not list(plain.glob(".callcoach-review*"))
    assert "No drills given to this rep yet" in section(page(plain, "dana"), "drills")
    # Drill files without a database (deleted, or a fresh copy): read as they are, no database made.
    drop_db(root)
    before = drill_files(root)
    build_team_report(root)
    assert not (root / DB_NAME).exists() and drill_files(root) == before
    assert f"data-drill='{did}' data-status='passed'" in section(page(root, "dana"), "drills")


# ------------------------------------------------------------------------------------------
# The same page in the review app (GET /rep/<name>: built on request, read only)


def folder_files(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``root`` (review data and database included): bytes and mtime."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_the_review_app_serves_the_rep_page_with_links_on_the_app(drilled: tuple[Path, str, str]) -> None:
    from starlette.testclient import TestClient

    from callcoach.review.app import CSP as APP_CSP
    from callcoach.review.app import create_app
    from tests.test_drills import BASE

    root, did, cancelled = drilled
    coach = TestClient(create_app(ReviewStore(root), coach="kim"), base_url=BASE)
    queue = coach.get("/").text
    assert '<a class="rep-link" href="/rep/dana">dana</a>' in queue and 'href="/rep/bob"' in queue
    before = folder_files(root)  # after the queue (its first visit re-scores the folder)
    got = coach.get("/rep/Dana")  # any case
    assert got.status_code == 200 and got.headers["content-security-policy"] == APP_CSP
    assert got.headers["cache-control"] == "no-store" and got.headers["x-frame-options"] == "DENY"
    html = got.text
    assert folder_files(root) == before  # GET wrote nothing: no page, drill check or database row
    assert "<title>callcoach rep: dana</title>" in html and "<h1>Rep: dana</h1>" in html
    assert "<svg class=trend role='img'" in section(html, "score") and points(section(html, "score"))
    assert "<style>" not in html and "<link rel=stylesheet href='/static/rep-page.css'>" in html
    assert "style-src 'self'" in html and "unsafe-inline" not in html  # the meta allows the app's style sheet
    css = coach.get("/static/rep-page.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css") and ".grid{" in css.text
    drills = section(html, "drills")
    arts = dict(re.findall(r"<article class=drill data-drill='([^']+)' data-status='(\w+)'>", drills))
    assert arts == {did: "passed", cancelled: "cancelled"}
    assert "Two implication questions &lt;script&gt;" in drills and SCRIPT not in html
    links = re.findall(r"<a class=moment href='([^']+)'>at (\d+:\d\d)</a>", drills)
    assert [h for h, _ in links] == [f"/call/dana/next-{i}#t=48.000&amp;u=4" for i in range(3)]
    hrefs = set(re.findall(r"href='([^']+)'", html))
    assert "/" in hrefs and not any(h.startswith("..") or ".scorecard.html" in h for h in hrefs)
    assert "/call/dana/sep-0" in hrefs
    assert all(coach.get(h.split("#")[0]).status_code == 200 for h in hrefs if h.startswith("/call/"))
    assert coach.get("/rep/bob").status_code == 200 and coach.get("/rep/nobody").status_code == 404


def test_the_rep_view_serves_only_its_own_rep_page(drilled: tuple[Path, str, str]) -> None:
    from starlette.testclient import TestClient

    from callcoach.review.app import create_app
    from tests.test_drills import BASE

    root, _, _ = drilled
    bob = TestClient(create_app(ReviewStore(root), coach="ignored", rep="bob"), base_url=BASE)
    assert '<a href="/rep/bob" id="my-page">My page</a>' in bob.get("/").text
    assert bob.get("/rep/dana").status_code == 404 and bob.get("/rep/DANA").status_code == 404
    own = bob.get("/rep/bob")
    assert own.status_code == 200 and "<h1>Rep: bob</h1>" in own.text and "dana/" not in section(own.text, "calls")
