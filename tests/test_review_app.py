"""The review web app through Starlette's TestClient (fast: hand-made calls, no model weights).

Security headers on every kind of response, HTTP Range on the recording, 404 for every way out
of the folder, refusal of cross-site and reason-less changes, escaping, and the change flows.
"""

from __future__ import annotations

import asyncio
import os
import re
import socket
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from callcoach.cli import cli
from callcoach.output import write_outputs
from callcoach.review import app as review_app
from callcoach.review.app import CSP, create_app, parse_range
from callcoach.review.store import ReviewStore
from tests.test_report_browser import write_tone
from tests.test_report_html import XSS_ATTR, XSS_SCRIPT, make_call

BASE = "http://127.0.0.1:8765"
SAME_SITE = {"origin": BASE, "sec-fetch-site": "same-origin"}
KEY = "call-42"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A results folder: one call with its recording beside it, one in a subfolder without a
    recording, one whose recording is a symlink to a file outside the folder."""
    root = tmp_path / "results"
    root.mkdir()
    call = make_call().with_(source="call-42.wav")
    write_tone(root / "call-42.wav", call.duration or 40.0)
    write_outputs(call, root, root / "call-42.wav")
    write_outputs(make_call().with_(id="call-7", source="call-7.wav", meta={"rep": "alice"}), root / "alice", None)
    outside = tmp_path / "outside"
    outside.mkdir()
    write_tone(outside / "secret.wav", 1.0)
    (root / "linked.wav").symlink_to(outside / "secret.wav")
    write_outputs(make_call().with_(id="linked", source="linked.wav"), root, None)
    return root


@pytest.fixture
def client(folder: Path) -> TestClient:
    return TestClient(create_app(ReviewStore(folder), coach="dana"), base_url=BASE)


def token(client: TestClient, key: str = KEY) -> str:
    page = client.get(f"/call/{key}").text
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "every form carries the CSRF token"
    return found.group(1)


def post(client: TestClient, key: str = KEY, *, headers: dict[str, str] | None = None, **data: Any) -> Any:
    data.setdefault("csrf", token(client, key))
    return client.post(f"/call/{key}", data=data, headers=headers or SAME_SITE, follow_redirects=False)


def raw_get(client: TestClient, raw_path: bytes) -> tuple[int, dict[str, str]]:
    """GET a raw, un-normalised request path (as uvicorn passes it: ``path`` percent-decoded once)."""
    sent: list[dict[str, Any]] = []
    requested = False
    done = asyncio.Event()

    async def receive() -> dict[str, Any]:
        nonlocal requested
        if not requested:
            requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await done.wait()  # the client stays connected until the response is complete
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)
        if message["type"] == "http.response.body" and not message.get("more_body"):
            done.set()

    path, _, query = raw_path.partition(b"?")
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
        "path": unquote(path.decode("latin-1")), "raw_path": path, "query_string": query, "root_path": "",
        "headers": [(b"host", b"127.0.0.1:8765")], "client": ("127.0.0.1", 5555), "server": ("127.0.0.1", 8765),
    }  # fmt: skip
    asyncio.run(asyncio.wait_for(client.app(scope, receive, send), 30))
    start = next(m for m in sent if m["type"] == "http.response.start")
    return start["status"], {k.decode().lower(): v.decode() for k, v in start["headers"]}


def assert_secure(headers: Any) -> None:
    assert headers["content-security-policy"] == CSP
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


# ------------------------------------------------------------------------------------------
# Headers


def test_csp_forbids_everything_but_the_app() -> None:
    directives = dict(d.strip().split(" ", 1) for d in CSP.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert directives["base-uri"] == "'none'"
    assert "unsafe" not in CSP and "http" not in CSP and "data:" not in CSP


def test_every_kind_of_response_carries_the_security_headers(client: TestClient, folder: Path) -> None:
    seen: dict[str, int] = {}

    def check(name: str, response: Any) -> None:
        assert_secure(response.headers)
        seen[name] = response.status_code

    check("queue", client.get("/"))
    check("call page", client.get(f"/call/{KEY}"))
    check("json", client.get(f"/api/call/{KEY}"))
    for asset in ("review.js", "review.css", "scorecard.css", "favicon.svg"):
        check(asset, client.get(f"/static/{asset}"))
    check("audio", client.get(f"/audio/{KEY}"))
    check("audio range", client.get(f"/audio/{KEY}", headers={"range": "bytes=0-9"}))
    check("audio 416", client.get(f"/audio/{KEY}", headers={"range": "bytes=999999999-"}))
    check("csv", client.get("/export.csv"))
    check("scorecard download", client.get(f"/scorecard/{KEY}"))
    check("404 page", client.get("/call/no-such-call"))
    check("404 static", client.get("/static/nope.js"))
    check("405", client.put(f"/call/{KEY}", headers=SAME_SITE))
    check("400", post(client, action="override", dimension="talk_ratio", points="3", reason=""))
    check("403", post(client, action="reviewed", headers={"origin": "http://evil.example"}))
    check("421", client.get("/", headers={"host": "attacker.example:8765"}))
    check("redirect", post(client, action="reviewed"))

    store = ReviewStore(folder)

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("disk on fire")

    store.calls = fail  # type: ignore[method-assign]
    broken = TestClient(create_app(store, coach="dana"), base_url=BASE, raise_server_exceptions=False)
    check("500", broken.get("/"))
    assert seen == {
        "queue": 200, "call page": 200, "json": 200, "review.js": 200, "review.css": 200, "scorecard.css": 200,
        "favicon.svg": 200, "audio": 200, "audio range": 206, "audio 416": 416, "csv": 200, "scorecard download": 200,
        "404 page": 404, "404 static": 404, "405": 405, "400": 400, "403": 403, "421": 421, "redirect": 303, "500": 500,
    }  # fmt: skip
    assert "disk on fire" not in broken.get("/").text  # no internals in the page


class _Markup(HTMLParser):
    """Collects what the CSP would block: inline scripts, event-handler and style attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {k for k, _ in attrs}
        if tag == "script":
            self._in_script = True
            if "src" not in names:
                self.problems.append("inline <script>")
        if tag == "style":
            self.problems.append("<style> element")
        self.problems += [f"<{tag} {k}>" for k in names if k.startswith("on") or k == "style"]
        src = dict(attrs).get("src") or dict(attrs).get("href") or ""
        if re.match(r"^[a-z]+:|^//", src) and not src.startswith("data:,"):
            self.problems.append(f"external URL {src}")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False if tag == "script" else self._in_script

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.problems.append("script body")


def test_pages_hold_nothing_the_csp_would_block(client: TestClient) -> None:
    post(client, action="comment", text=f"see {XSS_ATTR}")
    for path in ("/", f"/call/{KEY}", "/call/alice/call-7", "/call/nope"):
        parser = _Markup()
        parser.feed(client.get(path).text)
        assert parser.problems == [], path


def test_transcript_and_comments_are_escaped(client: TestClient) -> None:
    post(client, action="comment", text=f"{XSS_SCRIPT} {XSS_ATTR}")
    page = client.get(f"/call/{KEY}").text
    assert XSS_SCRIPT not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the transcript line and the comment, as text
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 2


# ------------------------------------------------------------------------------------------
# Audio


def test_audio_ranges(client: TestClient, folder: Path) -> None:
    data = (folder / "call-42.wav").read_bytes()
    size = len(data)
    full = client.get(f"/audio/{KEY}")
    assert full.status_code == 200 and full.content == data
    assert full.headers["accept-ranges"] == "bytes" and full.headers["content-type"] == "audio/wav"
    assert int(full.headers["content-length"]) == size
    for header, (a, b) in {"bytes=0-99": (0, 99), "bytes=100-": (100, size - 1), "bytes=-50": (size - 50, size - 1),
                           f"bytes=10-{size + 500}": (10, size - 1), f"bytes={size - 1}-{size - 1}": (size - 1, size - 1)}.items():  # fmt: skip
        r = client.get(f"/audio/{KEY}", headers={"range": header})
        assert r.status_code == 206, header
        assert r.headers["content-range"] == f"bytes {a}-{b}/{size}"
        assert r.content == data[a : b + 1] and int(r.headers["content-length"]) == b - a + 1
        assert r.headers["content-type"] == "audio/wav"
    for bad in (f"bytes={size}-", "bytes=50-10", "bytes=-0", "bytes=abc", "items=0-1", "bytes=-", "bytes=1-2-3"):
        r = client.get(f"/audio/{KEY}", headers={"range": bad})
        assert r.status_code == 416, bad
        assert r.headers["content-range"] == f"bytes */{size}" and r.content == b""
    many = client.get(f"/audio/{KEY}", headers={"range": "bytes=0-1,5-6"})
    assert many.status_code == 200 and many.content == data  # multi-range: the whole file (RFC 9110 allows it)
    head = client.head(f"/audio/{KEY}", headers={"range": "bytes=0-9"})
    assert head.status_code == 206 and head.content == b"" and head.headers["content-length"] == "10"


def test_parse_range_edges() -> None:
    assert parse_range("bytes=0-0", 1) == (0, 0)
    assert parse_range("bytes=-5", 3) == (0, 2)
    with pytest.raises(ValueError):
        parse_range("bytes=0-", 0)


ESCAPES = [
    b"/audio/../call-42.wav", b"/audio/..%2fcall-42.wav", b"/audio/%2e%2e/%2e%2e/etc/passwd", b"/audio/%2e%2e%2fcall-42.wav",
    b"/audio/%252e%252e%252fcall-42.wav", b"/audio/%252E%252E/etc/passwd", b"/audio//etc/passwd", b"/audio/%2fetc%2fpasswd",
    b"/audio/..\\..\\etc\\passwd", b"/audio/..%5c..%5cetc%5cpasswd", b"/audio/call-42\\..\\linked", b"/audio/C:%5cWindows%5cwin.ini",
    b"/audio/call-42.wav", b"/audio/call-42.callcoach.json", b"/audio/call-42.scorecard.html", b"/audio/.callcoach-review.sqlite",
    b"/audio/linked", b"/audio/alice/call-7", b"/audio/alice/../call-42", b"/audio/./call-42/", b"/audio/call-42%00.wav",
    b"/static/../app.py", b"/static/..%2fapp.py", b"/static/%2e%2e/%2e%2e/cli.py", b"/static/..%5capp.py",
]  # fmt: skip


@pytest.mark.parametrize("raw", ESCAPES, ids=[p.decode() for p in ESCAPES])
def test_every_way_out_of_the_folder_is_404(client: TestClient, raw: bytes) -> None:
    status, headers = raw_get(client, raw)
    assert status == 404
    assert_secure(headers)


def test_the_known_recording_is_served_and_a_symlink_out_is_not(client: TestClient, folder: Path) -> None:
    assert raw_get(client, b"/audio/call-42")[0] == 200
    assert (folder / "linked.wav").is_symlink() and (folder / "linked.wav").resolve().is_file()
    assert raw_get(client, b"/audio/linked")[0] == 404
    page = client.get("/call/linked").text
    assert "No recording found" in page and 'id="audio"' not in page


def test_recording_under_audio_dir(tmp_path: Path) -> None:
    """--audio-dir: the same relative place under the batch's INPUT folder."""
    root, inputs = tmp_path / "out", tmp_path / "in"
    write_outputs(make_call().with_(id="c1", source="c1.wav"), root / "bob", None)
    (inputs / "bob").mkdir(parents=True)
    write_tone(inputs / "bob" / "c1.wav", 2.0)
    without = TestClient(create_app(ReviewStore(root), coach="x"), base_url=BASE)
    assert without.get("/audio/bob/c1").status_code == 404
    with_dir = TestClient(create_app(ReviewStore(root, audio_roots=[inputs]), coach="x"), base_url=BASE)
    r = with_dir.get("/audio/bob/c1")
    assert r.status_code == 200 and r.content == (inputs / "bob" / "c1.wav").read_bytes()


# ------------------------------------------------------------------------------------------
# Changes: cross-site refusal, overrides, corrections, comments


def test_cross_site_changes_are_refused(client: TestClient) -> None:
    tok = token(client)
    attempts = {
        "foreign origin": {"origin": "http://evil.example", "sec-fetch-site": "cross-site"},
        "foreign origin only": {"origin": "http://evil.example"},
        "same-site other port": {"origin": "http://127.0.0.1:9999", "sec-fetch-site": "same-site"},
        "cross-site fetch": {"sec-fetch-site": "cross-site"},
        "rebinding host": {"host": "evil.example:8765", "origin": "http://evil.example:8765", "sec-fetch-site": "same-origin"},
    }  # fmt: skip
    for name, headers in attempts.items():
        r = post(client, action="comment", text="from elsewhere", csrf=tok, headers=headers)
        assert r.status_code in (403, 421), name
    no_token = post(client, action="comment", text="from elsewhere", csrf="guessed")
    assert no_token.status_code == 403 and "reload the page" in no_token.text
    assert client.get(f"/api/call/{KEY}").json()["comments"] == []
    assert post(client, action="comment", text="from here", csrf=tok).status_code == 303
    assert [c["text"] for c in client.get(f"/api/call/{KEY}").json()["comments"]] == ["from here"]


def test_override_needs_a_reason(client: TestClient) -> None:
    page = client.get(f"/call/{KEY}").text
    assert re.search(r'<input type="text" name="reason" required', page)  # the browser refuses too
    for reason in ("", "   "):
        r = post(client, action="override", dimension="talk_ratio", points="9", reason=reason)
        assert r.status_code == 400
        assert "an override needs a reason" in r.text
    js = client.post(f"/call/{KEY}", data={"csrf": token(client), "action": "override", "dimension": "talk_ratio",
                     "points": "9"}, headers={**SAME_SITE, "accept": "application/json"})  # fmt: skip
    assert js.status_code == 400 and "needs a reason" in js.json()["error"]
    assert client.get(f"/api/call/{KEY}").json()["overrides"] == []

    ok = post(client, action="override", dimension="talk_ratio", points="9", reason="rep let the customer talk")
    assert ok.status_code == 303 and ok.headers["location"] == f"/call/{KEY}#d-talk_ratio"
    data = client.get(f"/api/call/{KEY}").json()
    row = next(r for r in data["comparison"] if r["key"] == "dimension.talk_ratio")
    assert row["corrected"] == 9 and row["override"] == "rep let the customer talk" and row["changed"]
    assert "rep let the customer talk" in client.get(f"/call/{KEY}").text
    assert post(client, action="override", dimension="talk_ratio", points="99", reason="x").status_code == 400


def test_swap_roles_changes_talk_share_and_leaves_the_analysis_alone(client: TestClient, folder: Path) -> None:
    analysis = folder / "call-42.callcoach.json"
    before = analysis.read_bytes()
    first = client.get(f"/api/call/{KEY}").json()
    r = client.post(f"/call/{KEY}", data={"csrf": token(client), "action": "correct", "kind": "swap_roles"},
                    headers={**SAME_SITE, "accept": "application/json"})  # fmt: skip
    assert r.status_code == 200
    rows = {row["key"]: row for row in r.json()["comparison"]}
    talk = rows["rep_talk_pct"]
    assert talk["changed"] and talk["machine"] == first["comparison"][1]["machine"]
    assert talk["corrected"] != talk["machine"]
    assert rows["customer_talk_pct"]["corrected"] == pytest.approx(100 - talk["corrected"], abs=0.2)
    page = client.get(f"/call/{KEY}").text
    assert "Swapped rep and customer" in page
    assert re.search(r'<tr class="changed" data-key="rep_talk_pct">', page)
    assert analysis.read_bytes() == before
    correction = r.json()["corrections"][0]
    assert post(client, action="uncorrect", id=correction["id"]).status_code == 303
    assert client.get(f"/api/call/{KEY}").json()["comparison"] == first["comparison"]


def test_turn_corrections_from_the_editor_forms(client: TestClient) -> None:
    call = client.get(f"/api/call/{KEY}").json()
    assert post(client, action="correct", kind="reassign", utterance_id="1", last="2", speaker="rep").status_code == 303
    assert post(client, action="correct", kind="add_tag", utterance_id="0", label="spin.situation").status_code == 303
    bad = post(client, action="correct", kind="change_tag", utterance_id="0", label="spin.situation",
               new_label="objection.price")  # fmt: skip
    assert bad.status_code == 400 and "family" in bad.text
    assert post(client, action="correct", kind="reassign", utterance_id="999", speaker="rep").status_code == 400
    kinds = [c["kind"] for c in client.get(f"/api/call/{KEY}").json()["corrections"]]
    assert kinds == ["reassign", "add_tag"] and call["corrections"] == []
    page = client.get(f"/call/{KEY}").text
    assert "was cust" in page  # the machine's speaker beside the corrected one


def test_comments_replies_resolve_and_reviewed(client: TestClient) -> None:
    assert post(client, action="comment", text="Good discovery here", utterance_id="2").status_code == 303
    top = client.get(f"/api/call/{KEY}").json()["comments"][0]
    assert top["utterance_id"] == 2 and top["start"] == 10.2 and top["end"] == 14.7 and top["author"] == "dana"
    assert post(client, action="comment", text="Agreed", parent_id=top["id"]).status_code == 303
    assert post(client, action="resolve", id=top["id"], resolved="1").status_code == 303
    assert post(client, action="comment", text="   ").status_code == 400
    assert post(client, action="reviewed").status_code == 303
    data = client.get(f"/api/call/{KEY}").json()
    assert [(c["text"], c["parent_id"], c["resolved"]) for c in data["comments"]] == [
        ("Good discovery here", None, True), ("Agreed", top["id"], False)]  # fmt: skip
    assert [r[0] for r in data["reviewed"]] == ["dana"]
    queue = client.get("/").text
    assert "dana" in queue


def test_queue_filters_and_pages(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    page = client.get("/").text
    assert all(f'href="/call/{k}"' in page for k in (KEY, "alice/call-7", "linked"))
    only_alice = client.get("/", params={"rep": "alice"}).text
    assert 'href="/call/alice/call-7"' in only_alice and f'href="/call/{KEY}"' not in only_alice
    monkeypatch.setattr(review_app, "PAGE_SIZE", 2)
    first, second = client.get("/").text, client.get("/", params={"page": "2"}).text
    links = re.findall(r'href="/call/([^"]+)"', first) + re.findall(r'href="/call/([^"]+)"', second)
    assert sorted(links) == sorted([KEY, "alice/call-7", "linked"]) and "page 2 of 2" in second


def test_downloads(client: TestClient) -> None:
    post(client, action="comment", text="Nice pause before the price answer")
    csv = client.get("/export.csv")
    assert csv.headers["content-disposition"].startswith("attachment")
    assert csv.text.splitlines()[0].startswith("key,rep,rubric,dimension")
    card = client.get(f"/scorecard/{KEY}")
    assert card.headers["content-disposition"] == "attachment; filename*=UTF-8''call-42.reviewed.scorecard.html"
    assert "Nice pause before the price answer" in card.text and 'src="call-42.wav"' in card.text


def test_rubric_edits_missing_rubric_files_and_rescaled_overrides_show_without_a_restart(tmp_path: Path) -> None:
    """One server: the rubric file is edited (version 2, talk ratio worth 20 instead of 15), and
    the next requests show it in the queue, the call page, the score history and the override
    (6 of 15 shown as 8 of 20); a call whose rubric file is missing says so on both pages."""
    from tests.test_review_store import _analysed_with, _team_rubric, put

    root = tmp_path / "results"
    live = tmp_path / "live.yaml"
    _team_rubric(live)
    put(root, "one")
    client = TestClient(create_app(ReviewStore(root, rubric=live), coach="dana"), base_url=BASE)
    assert "team@1" in client.get("/").text
    saved = post(client, "one", action="override", dimension="talk_ratio", points="6", reason="a talker")
    assert saved.status_code == 303
    _team_rubric(live, version=2, talk_weight=20)
    queue = client.get("/").text
    assert "team@2" in queue and "team@1" not in queue
    page = client.get("/call/one").text
    assert "6/15 under team@1, shown as 8/20 under team@2 (the same share of the points)" in page
    assert re.search(r"<td>team@1</td>.*<td>team@2</td>", page, re.DOTALL)  # the score history, one row per version
    assert client.get("/api/call/one").json()["score"] == ReviewStore(root, rubric=live).rescored("one").score

    other = tmp_path / "other"
    gone = tmp_path / "gone.yaml"
    _analysed_with(other, "two", gone)
    missing = TestClient(create_app(ReviewStore(other), coach="dana"), base_url=BASE)
    assert f"the rubric file {gone} is missing: its 1 call is scored under discovery@1" in missing.get("/").text
    assert f"the rubric file {gone} is missing: this call is scored under discovery@1" in missing.get("/call/two").text


# ------------------------------------------------------------------------------------------
# The command


def test_review_command_errors_are_one_line(tmp_path: Path, folder: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(cli, ["review", str(tmp_path / "nope"), "--no-browser"])
    assert missing.exit_code == 1 and missing.output.count("\n") == 1 and "not a folder" in missing.output
    empty = tmp_path / "empty"
    empty.mkdir()
    r = runner.invoke(cli, ["review", str(empty), "--no-browser"])
    assert r.exit_code == 1 and "no *.callcoach.json" in r.output
    r = runner.invoke(cli, ["review", str(folder), "--no-browser", "--audio-dir", str(tmp_path / "nope")])
    assert r.exit_code == 1 and "--audio-dir is not a folder" in r.output
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        r = runner.invoke(cli, ["review", str(folder), "--no-browser", "--port", str(port)])
    assert r.exit_code == 1 and f"port {port} on 127.0.0.1 is in use" in r.output
    assert "Traceback" not in r.output and os.environ.get("CALLCOACH_DEBUG") is None
