"""The review app in a real headless Chromium (Debian's ``chromium``, driven by playwright),
against the real server (``python -m callcoach review`` in a subprocess on a free port).

The call is built here: a stereo recording of voice-like bursts, transcribed by the fake
transcriber, analysed by the real pipeline with the rep deliberately on the wrong channel.
Every request the browser makes is routed through a recorder: all must go to 127.0.0.1. Takes a
screenshot of the call page (``CALLCOACH_DOCS_SCREENSHOT=1`` writes it to
``docs/review-call-page.png``). Where Chromium or playwright is missing it fails under CI and
skips elsewhere (:mod:`tests.browser`).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np
import pytest
import soundfile as sf

from tests.browser import chromium
from tests.conftest import REPO, voice

pytestmark = pytest.mark.slow

SR = 16_000
#: (channel, start, end): left is the real rep (asks the questions, talks most), right the customer.
BURSTS = [(0, 0.5, 4.0), (1, 4.5, 6.5), (0, 7.0, 9.5), (1, 10.0, 11.5)]
REP_WORDS = ("so how do you onboard new reps today? what happens when a rep starts and what does that cost "
             "you each quarter? how would it help if they ramped faster?").split()  # fmt: skip
CUSTOMER_WORDS = "we mostly use spreadsheets and honestly it is too expensive for us right now".split()
HOSTS: set[str] = set()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium(["--autoplay-policy=no-user-gesture-required"]) as b:
        yield b
    assert HOSTS == {"127.0.0.1"}, f"requests left 127.0.0.1: {HOSTS}"  # the whole suite, every page


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A results folder with one analysed call (rep and customer swapped) and its recording,
    and a copy of the default rubric the server scores it with."""
    import callcoach
    from callcoach.asr import FakeTranscriber
    from callcoach.pipeline import NlpModels
    from callcoach.tagging.base import HashingEncoder

    root = tmp_path_factory.mktemp("review")
    x = np.zeros((2, 12 * SR), dtype=np.float32)
    for ch, a, b in BURSTS:
        seg = voice(b - a, 140 if ch == 0 else 210, seed=ch)
        x[ch, int(a * SR) : int(a * SR) + len(seg)] = seg
    out = root / "results"
    out.mkdir()
    sf.write(out / "discovery-call.wav", x.T, SR, subtype="PCM_16")
    # the 12-second call is shorter than a conversation's minimum two-way talk: score it anyway
    rubric_text = (REPO / "rubrics" / "discovery.yaml").read_text(encoding="utf-8")
    (root / "team.yaml").write_text(rubric_text + "\nconversation:\n  check: false\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:  # tagging without language-model weights
        mp.setattr("callcoach.pipeline.default_nlp", lambda opts: NlpModels(HashingEncoder(), None))
        fake = FakeTranscriber(scripts=[REP_WORDS, CUSTOMER_WORDS])
        call = callcoach.analyze(out / "discovery-call.wav", transcriber=fake, rep_channel="right", out=out,
                                 rubric=str(root / "team.yaml"))  # fmt: skip
    assert call.roles.rep == "right" and len(call.utterances) == 4
    return out


class Server:
    """``callcoach review`` in a subprocess; ``stop()`` sends Ctrl-C and checks it stops cleanly."""

    def __init__(self, folder: Path, rubric: Path | None) -> None:
        cmd = [sys.executable, "-m", "callcoach", "review", str(folder), "--no-browser", "--coach", "dana",
               *(["--rubric", str(rubric)] if rubric is not None else [])]  # fmt: skip
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)
        line = self.proc.stdout.readline() if self.proc.stdout else ""
        found = re.match(r"(http://127\.0\.0\.1:\d+/)", line)
        if not found:
            self.proc.kill()
            raise AssertionError(f"no URL from `callcoach review`: {line!r} {self.proc.stderr.read() if self.proc.stderr else ''}")
        self.url = found.group(1)

    def stop(self) -> str:
        """Stop the server; returns what it wrote on stderr."""
        self.proc.send_signal(signal.SIGINT)
        out, err = self.proc.communicate(timeout=20)
        assert self.proc.returncode == 0, err
        assert "Traceback" not in err and "review server stopped" in out
        return err


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    errors: list[str] = []

    def record(route: Any) -> None:
        HOSTS.add(urlsplit(route.request.url).hostname or route.request.url)
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            route.abort()

    context.route("**/*", record)
    p = context.new_page()
    p.on("console", lambda m: m.type == "error" and errors.append(m.text))
    p.on("pageerror", lambda e: errors.append(str(e)))
    yield p
    context.close()
    assert [e for e in errors if "400 (Bad Request)" not in e] == []  # no CSP violation, no script error


def wait_until(page: Any, expression: str, timeout_ms: int) -> None:
    """Poll ``expression`` until it is true. Not ``page.wait_for_function``: that re-evaluates a
    string predicate with ``eval`` inside the page, which the app's Content-Security-Policy
    forbids, so it failed whenever the first check was false (``page.evaluate`` is not subject to
    the page's CSP)."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_ms} ms waiting for {expression}")
        time.sleep(0.02)


def open_call(page: Any, server: Server) -> None:
    page.goto(server.url)
    page.click("a[href='/call/discovery-call']")
    page.wait_for_selector("#audio")
    wait_until(page, "document.getElementById('audio').readyState >= 1", 10_000)


def audio(page: Any, prop: str) -> Any:
    return page.evaluate(f"document.getElementById('audio').{prop}")


def row(page: Any, key: str) -> tuple[str, str]:
    r = page.locator(f"#compare tr[data-key='{key}']")
    return r.locator("td.machine").inner_text(), r.locator("td.corrected").inner_text()


def test_turns_seek_keys_work_and_comments_survive_a_restart(page: Any, results: Path) -> None:
    server = Server(results, results.parent / "team.yaml")
    try:
        open_call(page, server)
        turn = page.locator("#u-2 button.t")
        start = float(page.get_attribute("#u-2", "data-start"))
        turn.click()
        assert abs(audio(page, "currentTime") - start) < 0.1
        wait_until(page, "document.getElementById('u-2').classList.contains('now')", 3000)
        page.keyboard.press("k")  # pause
        wait_until(page, "document.getElementById('audio').paused", 3000)

        page.keyboard.press("n")  # the next moment after turn 2
        moments = sorted(float(t) for t in page.eval_on_selector_all(".moment[data-t]", "els => els.map(e => e.dataset.t)"))
        later = [t for t in moments if t > start + 0.25]
        if later:
            assert abs(audio(page, "currentTime") - later[0]) < 0.1
        page.evaluate("document.getElementById('audio').pause()")
        page.locator("#u-1 [data-act=comment]").click()  # anchors the comment to turn 1
        box = page.locator("#comment-form textarea")
        box.type("Price came up: explore it before answering. k j r")  # keys typed into a box do nothing
        assert page.evaluate("document.getElementById('audio').paused")
        page.click("#comment-form button[type=submit]")
        page.wait_for_selector(".comment .c-text")
        assert "explore it before answering" in page.inner_text("#comments")
    finally:
        page.goto("about:blank")  # nothing left loading from the server being stopped
        server.stop()

    server = Server(results, results.parent / "team.yaml")  # a fresh process: the comment is on disk
    try:
        open_call(page, server)
        comment = page.locator(".comment").first
        assert "explore it before answering. k j r" in comment.inner_text()
        comment.locator("button.t").click()  # anchored to turn 1
        assert abs(audio(page, "currentTime") - float(page.get_attribute("#u-1", "data-start"))) < 0.1
        page.keyboard.press("k")
        page.keyboard.press("r")  # mark reviewed
        page.wait_for_selector("text=reviewed by dana")
    finally:
        page.goto("about:blank")  # nothing left loading from the server being stopped
        server.stop()


def test_swap_roles_changes_the_score_and_not_the_analysis(page: Any, results: Path) -> None:
    analysis = results / "discovery-call.callcoach.json"
    before = analysis.read_bytes()
    server = Server(results, results.parent / "team.yaml")
    try:
        open_call(page, server)
        machine_talk, corrected_talk = row(page, "rep_talk_pct")
        assert machine_talk == corrected_talk
        score_before = page.inner_text("#score .big")
        page.click("#swap-form button")
        page.wait_for_selector("text=Swapped rep and customer")
        machine_after, corrected_after = row(page, "rep_talk_pct")
        assert machine_after == machine_talk and corrected_after != machine_talk  # both visible
        assert float(corrected_after.split()[0]) == pytest.approx(100 - float(machine_talk.split()[0]), abs=0.2)
        assert page.locator("#compare tr[data-key='rep_talk_pct']").get_attribute("class") == "changed"
        score_after = page.inner_text("#score .big")
        assert score_after != score_before
        machine_score, corrected_score = (float(v) for v in row(page, "score"))
        assert (round(machine_score), round(corrected_score)) == (int(score_before), int(score_after))
        assert f"machine {score_before}" in page.inner_text("#score")
        assert page.locator("#u-0 .role").text_content() == "rep"  # left, the real rep
        page.evaluate("window.scrollTo(0, 0)")
        # CALLCOACH_DOCS_SCREENSHOT=1 refreshes the committed docs/review-call-page.png; a plain test
        # run leaves the working tree as it was.
        docs = os.environ.get("CALLCOACH_DOCS_SCREENSHOT")
        shot = REPO / "docs" / "review-call-page.png" if docs else results / "call-page.png"
        page.screenshot(path=str(shot), full_page=False)
        assert shot.stat().st_size > 20_000
    finally:
        page.goto("about:blank")  # nothing left loading from the server being stopped
        server.stop()
    assert analysis.read_bytes() == before


def test_override_needs_a_reason_and_survives_a_rubric_edit(page: Any, results: Path) -> None:
    rubric = results.parent / "team.yaml"
    server = Server(results, rubric)
    try:
        open_call(page, server)
        dim = page.locator("#d-questions")
        dim.locator("summary").click()
        form = dim.locator("form").last
        form.locator("input[name=points]").fill("1")
        form.locator("button[type=submit]").click()  # no reason: the browser refuses (required)
        assert form.evaluate("f => f.querySelector('[name=reason]').validity.valueMissing")
        # Bypassing the browser's check, the server refuses with a clear message.
        status = page.evaluate(
            """async () => { const f = document.querySelector('#d-questions form:last-of-type');
                const d = new FormData(f); d.set('reason', '  ');
                const r = await fetch(f.getAttribute('action'), {method: 'POST', body: d, headers: {accept: 'application/json'}});
                return [r.status, (await r.json()).error]; }"""
        )
        assert status == [400, "an override needs a reason: say why these points are right"]
        form.locator("input[name=reason]").fill("Two of the 'questions' were statements")
        form.locator("button[type=submit]").click()
        page.wait_for_selector("#d-questions .override-note")
    finally:
        page.goto("about:blank")  # nothing left loading from the server being stopped
        server.stop()

    text = rubric.read_text(encoding="utf-8")
    rubric.write_text(text.replace("name: Longest rep monologue", "name: Longest rep monologue (team)"), encoding="utf-8")
    server = Server(results, rubric)
    try:
        open_call(page, server)
        assert "Longest rep monologue (team)" in page.inner_text("#dimensions")  # the edit is in effect
        note = page.inner_text("#d-questions .override-note")
        assert "Two of the 'questions' were statements" in note and "not applied" not in note
        assert page.locator("#compare tr[data-key='dimension.questions'] .pill.ov").count() == 1
        assert row(page, "dimension.questions")[1].startswith("1")
    finally:
        page.goto("about:blank")  # nothing left loading from the server being stopped
        server.stop()
        rubric.write_text(text, encoding="utf-8")


def test_queue_lists_the_call_and_filters(page: Any, results: Path) -> None:
    server = Server(results, results.parent / "team.yaml")
    try:
        page.goto(server.url)
        assert page.locator("table.queue tbody tr").count() == 1
        assert page.locator("a[href='/call/discovery-call']").count() == 1
        # On a narrow window no header word is split across lines ("Sco re"): the table scrolls.
        page.set_viewport_size({"width": 360, "height": 800})
        lines = page.evaluate(
            """() => [...document.querySelectorAll('table.queue thead th')].map(th => {
                const r = document.createRange(); r.selectNodeContents(th);
                const tops = new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top)));
                return [th.textContent, tops.size]; })"""
        )
        assert [name for name, _ in lines][:3] == ["Call", "Rep", "Score"]
        assert [name for name, n in lines if n != 1] == [], lines
        assert page.evaluate("(w => w.scrollWidth > w.clientWidth)(document.querySelector('.table-wrap'))")
        page.set_viewport_size({"width": 1280, "height": 900})
        with page.expect_download() as dl:
            page.click("a[href='/export.csv']")
        assert dl.value.suggested_filename == "review-export.csv"
    finally:
        page.goto("about:blank")  # nothing left loading from the server being stopped
        server.stop()


def test_after_a_batch_the_call_page_plays_the_recording_without_audio_dir(
    page: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``callcoach batch calls/ --out results/`` then ``callcoach review results/`` (no
    --audio-dir): the batch recorded its input folder, so the call page's player loads the
    recording from ``calls/`` (HTTP 200, an audio content type)."""
    from click.testing import CliRunner

    from callcoach.asr import FakeTranscriber
    from callcoach.cli import cli
    from callcoach.pipeline import NlpModels
    from callcoach.tagging.base import HashingEncoder

    x = np.zeros((2, 12 * SR), dtype=np.float32)
    for ch, a, b in BURSTS:
        seg = voice(b - a, 140 if ch == 0 else 210, seed=ch)
        x[ch, int(a * SR) : int(a * SR) + len(seg)] = seg
    (tmp_path / "calls" / "alice").mkdir(parents=True)
    sf.write(tmp_path / "calls" / "alice" / "call1.wav", x.T, SR, subtype="PCM_16")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("callcoach.pipeline.default_nlp", lambda opts: NlpModels(HashingEncoder(), None))
    monkeypatch.setattr(
        "callcoach.pipeline.FasterWhisperTranscriber", lambda *a, **k: FakeTranscriber(scripts=[REP_WORDS, CUSTOMER_WORDS])
    )
    res = CliRunner().invoke(cli, ["batch", "calls/", "--out", "results/", "--workers", "0", "-q"])
    assert res.exit_code == 0, res.output

    server = Server(tmp_path / "results", REPO / "rubrics" / "discovery.yaml")
    try:
        page.goto(server.url)
        with page.expect_response(lambda r: "/audio/" in r.url, timeout=10_000) as loaded:
            page.click("a[href='/call/alice/call1']")
            page.wait_for_selector("#audio")
        response = loaded.value
        assert response.status in (200, 206) and response.headers["content-type"] == "audio/wav"
        wait_until(page, "document.getElementById('audio').readyState >= 1", 10_000)
        assert audio(page, "duration") == pytest.approx(12.0, abs=0.05)
        # The whole file, as a plain GET from the page: HTTP 200 and the recording's bytes.
        status = page.evaluate(
            """async () => { const r = await fetch(document.getElementById('audio').currentSrc);
                return [r.status, r.headers.get('content-type'), (await r.arrayBuffer()).byteLength]; }"""
        )
        assert status == [200, "audio/wav", (tmp_path / "calls" / "alice" / "call1.wav").stat().st_size]
    finally:
        page.goto("about:blank")  # nothing left loading from the server being stopped
        server.stop()


def test_a_rubric_edit_shows_in_the_queue_and_a_missing_rubric_file_on_the_call_page(
    page: Any, results: Path, tmp_path: Path
) -> None:
    """`callcoach review --rubric live.yaml` running: the team bumps the version and makes talk
    ratio worth 30 instead of 15; reloading the queue shows @2 and the new score (the coach's
    override of 6 of 15 now counts as 12 of 30, and the call page says so). Then, without
    --rubric, a call whose rubric file is gone says which rubric scores it instead, and the
    server's stderr says it once."""
    import json

    from callcoach.review.corrections import Override
    from callcoach.review.rescore import rescore
    from callcoach.review.store import ReviewStore
    from callcoach.rubric import load_rubric

    folder = tmp_path / "results"
    folder.mkdir()
    for name in ("discovery-call.wav", "discovery-call.callcoach.json"):
        shutil.copyfile(results / name, folder / name)
    live = tmp_path / "live.yaml"
    text = (REPO / "rubrics" / "discovery.yaml").read_text(encoding="utf-8").replace("id: discovery", "id: live", 1)
    text += "\nconversation: {check: false}\n"  # a 12 s call is too short to be a conversation: score it anyway
    live.write_text(text, encoding="utf-8")

    def queue_row() -> tuple[str, str]:
        page.goto(server.url)
        tr = page.locator("table.queue tbody tr").first
        return tr.locator("td").nth(2).inner_text(), tr.locator("td").nth(5).inner_text()

    server = Server(folder, live)
    try:
        assert queue_row()[1] == "live@1"
        open_call(page, server)
        dim = page.locator("#d-talk_ratio")
        dim.locator("summary").click()
        form = dim.locator("form").last
        form.locator("input[name=points]").fill("6")
        form.locator("input[name=reason]").fill("The buyer kept going: let them")
        form.locator("button[type=submit]").click()
        page.wait_for_selector("#d-talk_ratio .override-note")
        edited = text.replace("version: 1", "version: 2", 1).replace("weight: 15", "weight: 30", 1)
        live.write_text(edited.replace("name: ", "name: (team) ", 1), encoding="utf-8")  # and the size changes
        score, rubric = queue_row()  # no restart
        assert rubric == "live@2"
        analysis = ReviewStore(folder, rubric=live).analysis("discovery-call")
        override = Override("talk_ratio", 6.0, "x", rubric="live@1", max_points=15.0)
        expected = rescore(analysis, load_rubric(live), overrides=[override]).score
        assert score.split()[0] == f"{expected:.0f}"
        page.goto(server.url + "call/discovery-call")
        note = page.inner_text("#d-talk_ratio .override-note")
        assert "6/15 under live@1, shown as 12/30 under live@2" in note
        assert page.locator("#d-talk_ratio .pts b").inner_text() == "12"
        versions = page.locator("#history tbody tr td:first-child").all_inner_texts()
        assert versions[0] == "live@1" and versions[-1] == "live@2"
    finally:
        page.goto("about:blank")  # nothing left loading from the server being stopped
        server.stop()

    stored = folder / "discovery-call.callcoach.json"
    data = json.loads(stored.read_text(encoding="utf-8"))
    gone = tmp_path / "gone" / "team.yaml"
    data["settings"]["rubric_file"] = str(gone)
    stored.write_text(json.dumps(data), encoding="utf-8")
    server = Server(folder, None)
    try:
        page.goto(server.url)
        assert f"the rubric file {gone} is missing: its 1 call is scored under discovery@1" in page.inner_text("#queue")
        page.goto(server.url + "call/discovery-call")
        assert f"the rubric file {gone} is missing: this call is scored under discovery@1" in page.inner_text("#bar")
        page.reload()
    finally:
        page.goto("about:blank")
        err = server.stop()
    assert err.count(f"the rubric file {gone} is missing") == 1  # once, not once per request


def test_queue_search_opens_the_call_page_at_the_moment(page: Any, results: Path) -> None:
    """The queue's search box lists the moments that say a word; a moment's link opens the call
    page at ``#t=SECONDS&u=ID``, which seeks the player there and marks the turn."""
    server = Server(results, results.parent / "team.yaml")
    try:
        page.goto(server.url)
        page.fill("input[name=q]", "expensive")
        page.click(".filters button[type=submit]")
        page.wait_for_selector("#moments .moment-link")
        assert "<mark>expensive</mark>" in page.inner_html("#moments td.said")
        link = page.locator("#moments .moment-link").first
        found = re.search(r"#t=([\d.]+)&u=(\d+)$", link.get_attribute("href") or "")
        assert found, link.get_attribute("href")
        t, uid = float(found.group(1)), found.group(2)
        link.click()
        page.wait_for_selector("#audio")
        played = "document.getElementById('audio').currentTime"
        wait_until(page, f"(t => t >= {t - 0.05} && t < {t + 1.5})({played})", 10_000)
        wait_until(page, f"document.getElementById('u-{uid}').classList.contains('now')", 5000)
        page.evaluate("document.getElementById('audio').pause()")
    finally:
        page.goto("about:blank")  # nothing left loading from the server being stopped
        server.stop()
