"""The HTML scorecard in a real headless Chromium (Debian's ``chromium``, driven by playwright).

Checks what only a browser can: no console errors, no request leaves file://, the audio beside
the page loads under the page's CSP, a stall button seeks it, no horizontal scroll at phone
width. Saves a screenshot to ``$CALLCOACH_SCREENSHOT`` (else ``tmp_path/scorecard.png``) and to
``/tmp/callcoach-scorecard.png``. Where Chromium or playwright is missing this skips, except
under CI (``CI`` set), where it fails.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile as sf

from callcoach.call import Call, DimensionResult, Moment, Scorecard
from callcoach.report import render_scorecard
from tests.browser import chromium
from tests.test_report_html import XSS_SCRIPT, make_call

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


class Watched:
    """A page with every console error, page error, dialog and request recorded."""

    def __init__(self, browser: Any, width: int = 1024) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": 800})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("websocket", lambda ws: self.requests.append(ws.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def open(self, path: Path) -> None:
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")

    def check_clean(self) -> None:
        assert self.errors == []
        assert self.dialogs == []
        assert self.requests and all(u.startswith("file://") for u in self.requests), self.requests

    def audio(self, prop: str) -> Any:
        return self.page.evaluate(f"document.getElementById('audio').{prop}")

    def wait_for_audio(self) -> None:
        self.page.wait_for_function("document.getElementById('audio').readyState >= 1", timeout=10_000)

    def phone_screenshot(self, path: Path) -> None:
        self.page.set_viewport_size({"width": 375, "height": 800})
        self.page.wait_for_timeout(100)
        assert self.page.evaluate("document.documentElement.scrollWidth") <= 375
        self.page.evaluate("window.scrollTo(0, 0)")
        path.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000


def write_tone(path: Path, seconds: float, sr: int = 8000) -> None:
    t = np.arange(int(sr * seconds)) / sr
    sf.write(path, (0.05 * np.sin(2 * np.pi * 330 * t)).astype(np.float32), sr, subtype="PCM_16")


def test_scorecard_in_chromium(browser: Any, tmp_path: Path) -> None:
    call = make_call()
    write_tone(tmp_path / "call-42.wav", call.duration or 40.0)
    page_path = tmp_path / "call-42.scorecard.html"
    page_path.write_text(render_scorecard(call, "call-42.wav"), encoding="utf-8")

    w = Watched(browser)
    w.open(page_path)
    w.wait_for_audio()  # the relative recording loads under the page's CSP
    assert w.audio("duration") == pytest.approx(call.duration, abs=0.1)
    assert XSS_SCRIPT in w.page.inner_text("#transcript")  # shown as text, never run

    stall = w.page.locator("#stalls button.t").first
    t = float(stall.get_attribute("data-t"))
    stall.click()
    assert abs(w.audio("currentTime") - t) < 0.2
    w.page.wait_for_function("document.getElementById('u-5').classList.contains('flash')", timeout=2000)

    turn = w.page.locator("#u-2 button.t")
    turn.click()
    assert abs(w.audio("currentTime") - float(turn.get_attribute("data-t"))) < 0.2

    timeline = w.page.locator(".tl-svg")
    timeline.click(position={"x": timeline.bounding_box()["width"] * 0.75, "y": 3})
    assert abs(w.audio("currentTime") - 0.75 * call.duration) < 1.0
    w.page.evaluate("document.getElementById('audio').pause()")

    shot = Path(os.environ.get("CALLCOACH_SCREENSHOT") or tmp_path / "scorecard.png")
    w.phone_screenshot(shot)
    shutil.copyfile(shot, "/tmp/callcoach-scorecard.png")
    w.check_clean()


def test_page_without_audio_or_times(browser: Any, tmp_path: Path) -> None:
    page_path = tmp_path / "t.scorecard.html"
    page_path.write_text(
        render_scorecard(make_call(times=False, scorecard=False).with_(metrics={}), None), encoding="utf-8"
    )
    w = Watched(browser, width=375)
    w.open(page_path)
    assert w.page.locator("button.t").count() == 0
    assert w.page.evaluate("document.documentElement.scrollWidth") <= 375
    w.check_clean()


def made_up_scorecard(call: Call) -> Scorecard:
    """A plausible scorecard for a call analysed before scoring existed (for the screenshot)."""
    objections = [(u, t) for u in call.utterances for t in u.tags if t.label.startswith("objection.")][:3]
    stalls = tuple(
        Moment(f"stall.{t.label}", f"{t.label.split('.')[1].capitalize()} objection not explored", u.start, u.end,
               (u.id,), (f'"{u.text}"',), "An objection left unexplored tends to come back at the end of the call.",
               "Acknowledge it, then ask a question that opens it up: compared with what? what would change that?",
               0.9 - 0.25 * i)
        for i, (u, t) in enumerate(objections)
    )  # fmt: skip
    m = call.metrics
    rep_pct = (m.get("talk") or {}).get("rep_talk_pct")
    mono = (m.get("longest_monologue") or {}).get("duration_s")
    reps = (m.get("questions") or {}).get("rep_questions")
    dims = (
        DimensionResult("talk_ratio", "Talk ratio", "talk.rep_talk_pct", "≤ 43 % rep", rep_pct, "%", 6, 10, "near",
                        "Let the customer talk more: ask, then wait.", "Gong Labs (2017), 519k discovery calls"),
        DimensionResult("questions", "Rep questions", "questions.rep_questions", "11–14", reps, "", 8, 10, "near",
                        "Spread a few more open questions across the call.", "Gong Labs (2017)"),
        DimensionResult("implication", "Implication questions", "spin.implication", "≥ 2", 1, "", 3, 10, "missed",
                        "Ask what the problem costs before presenting.", "Rackham, SPIN Selling (1988)"),
        DimensionResult("monologue", "Longest monologue", "longest_monologue.duration_s", "< 150 s", mono, "s", 10,
                        10, "met", "", "Gong Labs (2017)"),
    )  # fmt: skip
    tips = ("Ask one more problem question before presenting.", "When price comes up, explore it before defending it.",
            "Wait a beat after the customer stops talking.")  # fmt: skip
    return Scorecard("discovery@1", 64.0, dims, stalls, tips, spin_reached="need_payoff")


def test_bundled_sample_analysed_end_to_end_in_chromium(browser: Any, tmp_path: Path) -> None:
    """The real pipeline on the bundled sample: the page it writes next to a copy of the audio."""
    import callcoach
    from callcoach.output import write_outputs

    sample = Path(__file__).resolve().parents[1] / "samples" / "demo-call.flac"
    audio = tmp_path / "in" / "demo call #1.flac"  # a name that needs URL quoting
    audio.parent.mkdir()
    shutil.copyfile(sample, audio)
    call = callcoach.analyze(audio, rep_channel="left", threads=2)
    assert call.scorecard is not None
    paths = write_outputs(call, tmp_path / "out", audio)
    page_path = paths["scorecard"]
    assert page_path.stat().st_size < 1_000_000
    w = Watched(browser)
    w.open(page_path)
    w.wait_for_audio()
    if call.scorecard.stalls and call.scorecard.stalls[0].start is not None:
        b = w.page.locator("#stalls button.t").first
        b.click()
        assert abs(w.audio("currentTime") - float(b.get_attribute("data-t"))) < 0.2
        w.page.evaluate("document.getElementById('audio').pause()")
    w.phone_screenshot(tmp_path / "demo.png")
    shutil.copyfile(tmp_path / "demo.png", "/tmp/callcoach-scorecard-demo.png")
    w.check_clean()


def test_missing_recording_is_explained(browser: Any, tmp_path: Path) -> None:
    page_path = tmp_path / "m.scorecard.html"
    page_path.write_text(render_scorecard(make_call(), "not-here.wav"), encoding="utf-8")
    w = Watched(browser, width=375)
    w.open(page_path)
    w.page.wait_for_selector(".audio-missing", state="visible", timeout=5000)
    assert w.page.locator("#audio").is_hidden()
    w.page.locator("#u-3 button.t").click()  # seeking a broken player must not throw
    assert w.dialogs == [] and [e for e in w.errors if "ERR_FILE_NOT_FOUND" not in e] == []
    assert all(u.startswith("file://") for u in w.requests)


def test_team_report_in_chromium(browser: Any, tmp_path: Path) -> None:
    """A batch over a folder with a corrupt file: team.html opens clean and links the scorecards."""
    from callcoach.batch import run_batch
    from callcoach.pipeline import AnalyzeOptions
    from tests.test_batch import BACKEND, six_calls

    out = tmp_path / "out"
    result = run_batch(six_calls(tmp_path / "calls"), out, workers=0, options=AnalyzeOptions(), backend=BACKEND)
    assert result.failed == 2 and result.analysed == 4
    w = Watched(browser)
    w.open(out / "team.html")
    links = w.page.eval_on_selector_all("a[href$='.scorecard.html']", "els => els.map(e => e.getAttribute('href'))")
    assert len(links) == 4 and all((out / href).is_file() for href in links)
    w.phone_screenshot(tmp_path / "team.png")
    shutil.copyfile(tmp_path / "team.png", "/tmp/callcoach-team.png")
    w.check_clean()


def test_a_moment_link_from_search_seeks_the_player(browser: Any, tmp_path: Path) -> None:
    """``callcoach search`` links a moment as the scorecard page with ``#t=SECONDS&u=ID``:
    opening it seeks the recording there and flashes the turn; another moment's fragment on the
    open page (a hashchange) seeks again."""
    import time

    from callcoach.output import write_outputs
    from callcoach.search import analyses, make_query, search

    call = make_call().with_(source="call-42.wav")
    write_tone(tmp_path / "call-42.wav", call.duration or 40.0)
    write_outputs(call, tmp_path, tmp_path / "call-42.wav")
    (hit,) = search(analyses(tmp_path), make_query("expensive")).hits
    assert hit.link is not None and hit.link.endswith("call-42.scorecard.html#t=25.200&u=5")

    def settle(expression: str) -> None:  # polled here: no string predicate evaluated in the page
        deadline = time.monotonic() + 10
        while not w.page.evaluate(expression):
            assert time.monotonic() < deadline, f"timed out waiting for {expression}"
            time.sleep(0.02)

    w = Watched(browser)
    w.page.goto(hit.link)
    settle("document.getElementById('audio').readyState >= 1")
    settle("Math.abs(document.getElementById('audio').currentTime - 25.2) < 0.2")
    settle("document.getElementById('u-5').classList.contains('flash')")
    w.page.evaluate("location.hash = '#t=10.200&u=2'")
    settle("Math.abs(document.getElementById('audio').currentTime - 10.2) < 0.2")
    settle("document.getElementById('u-2').classList.contains('flash')")
    w.page.evaluate("document.getElementById('audio').pause()")
    w.check_clean()
