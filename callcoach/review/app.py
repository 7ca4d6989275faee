"""The review web app: a coach listens to a call, fixes what the machine got wrong, comments and
overrides scores, all stored by :class:`~callcoach.review.store.ReviewStore`.

Server-rendered pages (Jinja2, autoescape on) over Starlette; the little JavaScript and CSS are
package files under ``static/``. Every response carries a strict Content-Security-Policy (only
this app, no inline script or style), ``nosniff`` and ``no-referrer``; requests for any other
host name are refused (DNS rebinding), and a state-changing request must come from this app's own
pages (``Sec-Fetch-Site``/``Origin``) and carry the server's CSRF token.

    GET  /                       the review queue (filters ?rep= &rubric= &page=)
    GET  /call/<key>             the call page
    POST /call/<key>             one change: form field ``action`` (see :data:`ACTIONS`)
    GET  /api/call/<key>         score, comparison rows and review state as JSON
    GET  /audio/<key>            the call's recording (HTTP Range)
    GET  /scorecard/<key>        the reviewed HTML scorecard (a download)
    GET  /rep/<name>             a rep's page as the team report has it (trends, drills, coaching)
    GET  /export.csv             every call x rubric dimension, machine and corrected (a download)
    POST /rescore                re-score calls whose rubric changed
    /calibration...              calibration rounds (:mod:`callcoach.review.calibration_app`);
                                 a call the coach scores blind there shows no points here
    /drills...                   drills given to reps and their checks on the reps' next calls
                                 (:mod:`callcoach.review.drill_app`)

The rep view (``create_app(..., rep="dana")``, ``callcoach review RESULTS --rep dana``) is the same
app limited to one rep's calls: every other call answers 404, as if it were not there; the rep
reads the review, acknowledges comments and disputes points (:data:`REP_ACTIONS`,
:mod:`callcoach.review.feedback`), and every change a coach makes (:data:`ACTIONS`, drills, a
re-score) and the calibration pages and the CSV export are refused (403, 404). The coach sees
the open disputes in the queue and on the call page and resolves them (``resolve_dispute``).

A POST answers with a redirect to the updated page, or with JSON (score and comparison rows)
when the request accepts ``application/json`` (the page's script uses that).
"""

from __future__ import annotations

import math
import mimetypes
import re
import secrets
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from callcoach.call import Call, Utterance
from callcoach.report.html import fmt_secs, fmt_time, fmt_value, highlight, tag_class, tag_name
from callcoach.review.corrections import Override, new_correction, now_iso
from callcoach.review.rescore import Rescored
from callcoach.review.store import AudioLookup, CallEntry, ReviewStore
from callcoach.search import (
    FAMILIES,
    SearchError,
    TurnCache,
    builtin_labels,
    highlight_html,
    make_query,
    search,
    snippet,
)

#: Every response's Content-Security-Policy: only this app; no inline script, style or plugin;
#: never framed; forms post only here.
CSP = (
    "default-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)
SECURITY_HEADERS: dict[str, str] = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
#: Host names the app answers to (anything else is a DNS-rebinding attempt).
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PAGE_SIZE = 100
#: Moments the queue's search lists at most (the count says how many matched).
MOMENTS_SHOWN = 200
#: Turns of context an evidence quote shows.
QUOTE_CHARS = 160
ACTIONS = ("correct", "uncorrect", "comment", "resolve", "override", "unoverride", "reviewed", "resolve_dispute")
#: What a rep may do on their own call in the rep view (and nothing else).
REP_ACTIONS = ("acknowledge", "dispute")
#: Tag labels a coach can add or change a tag to, by family.
TAG_CHOICES: dict[str, tuple[str, ...]] = {
    "SPIN": ("spin.situation", "spin.problem", "spin.implication", "spin.need_payoff"),
    "Objection": ("objection.price", "objection.timing", "objection.authority", "objection.need",
                  "objection.fit", "objection.competitor", "objection.trust"),
    "Question": ("question.open", "question.closed"),
    "Tracker": ("tracker.next_step", "tracker.pricing", "tracker.budget", "tracker.timeline",
                "tracker.competitor", "tracker.decision_process"),
}  # fmt: skip
AUDIO_TYPES = {".wav": "audio/wav", ".flac": "audio/flac", ".mp3": "audio/mpeg", ".ogg": "audio/ogg",
               ".opus": "audio/ogg", ".m4a": "audio/mp4", ".mp4": "audio/mp4", ".webm": "audio/webm"}  # fmt: skip
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
_CHUNK = 256 * 1024


# ------------------------------------------------------------------------------------------
# Security headers, host and cross-site checks (outermost, so errors carry them too)


class Guard:
    """ASGI middleware: security headers on every response; foreign hosts and cross-site writes refused.

    It wraps the whole Starlette app (outside Starlette's own error handling), so even a 500
    page carries the headers.
    """

    def __init__(self, app: ASGIApp, hosts: frozenset[str] = LOCAL_HOSTS) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", ())}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", ())}
                extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items() if k.encode() not in present]
                message = {**message, "headers": [*message.get("headers", ()), *extra]}
            await send(message)

        refusal = self.refusal(scope["method"], headers)
        if refusal is not None:
            status, text = refusal
            await PlainError(status, text)(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    def refusal(self, method: str, headers: dict[str, str]) -> tuple[int, str] | None:
        """(status, why) when the request must be refused before the app sees it."""
        host = headers.get("host", "")
        name = host.rsplit(":", 1)[0] if not host.startswith("[") else host.split("]")[0] + "]"
        if name.lower() not in self.hosts:
            return 421, f"this review server only answers at 127.0.0.1, not {host!r}"
        if method in SAFE_METHODS:
            return None
        site = headers.get("sec-fetch-site")
        if site is not None and site != "same-origin":
            return 403, f"cross-site request refused (Sec-Fetch-Site: {site})"
        origin = headers.get("origin")
        if origin is not None and origin != "null" and urlsplit(origin).netloc.lower() != host.lower():
            return 403, f"cross-site request refused (Origin {origin} is not this server)"
        return None


class PlainError(Response):
    """A short text error for requests refused before routing."""

    def __init__(self, status: int, text: str) -> None:
        super().__init__(f"{text}\n", status_code=status, media_type="text/plain")


# ------------------------------------------------------------------------------------------
# Audio: only the recording of a known call, inside an allowed root, with HTTP Range


def canonical_key(key: str) -> bool:
    """Whether ``key`` is a plain relative posix path: no ``.``/``..``/empty segments, backslashes
    or control characters (anything else is refused before the store is asked)."""
    parts = key.split("/")
    return (
        bool(key)
        and all(part not in ("", ".", "..") for part in parts)
        and "\\" not in key
        and all(ch.isprintable() for ch in key)
    )


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """The inclusive byte range ``header`` asks of a ``size``-byte file.

    Raises:
        ValueError: the range is malformed or cannot be satisfied (answered with 416).
    Returns:
        None for a multi-range request (answered with the whole file, as RFC 9110 allows).
    """
    spec = header.strip()
    if "," in spec:
        return None
    m = _RANGE.match(spec)
    if not m or (not m.group(1) and not m.group(2)):
        raise ValueError(f"malformed range {header!r}")
    if not m.group(1):  # suffix: the last n bytes
        n = int(m.group(2))
        if n == 0 or size == 0:
            raise ValueError("empty suffix range")
        return max(0, size - n), size - 1
    start = int(m.group(1))
    end = int(m.group(2)) if m.group(2) else size - 1
    if start > end or start >= size:
        raise ValueError(f"range {header!r} is outside the {size}-byte file")
    return start, min(end, size - 1)


def _read(path: Path, start: int, length: int) -> Iterator[bytes]:
    with path.open("rb") as fh:
        fh.seek(start)
        left = length
        while left > 0:
            chunk = fh.read(min(_CHUNK, left))
            if not chunk:
                return
            left -= len(chunk)
            yield chunk


def audio_response(path: Path, range_header: str | None, method: str) -> Response:
    """The file at ``path``: 200 whole, 206 for one satisfiable range, 416 otherwise."""
    size = path.stat().st_size
    media = AUDIO_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    headers = {"accept-ranges": "bytes", "cache-control": "no-store"}
    span = None
    if range_header:
        try:
            span = parse_range(range_header, size)
        except ValueError:
            return Response(status_code=416, headers={**headers, "content-range": f"bytes */{size}"})
    start, end = span if span is not None else (0, size - 1)
    length = max(0, end - start + 1)
    headers["content-length"] = str(length)
    status = 200
    if span is not None:
        status = 206
        headers["content-range"] = f"bytes {start}-{end}/{size}"
    body: Iterator[bytes] = iter(()) if method == "HEAD" else _read(path, start, length)
    return StreamingResponse(body, status_code=status, headers=headers, media_type=media)


# ------------------------------------------------------------------------------------------
# Templates


def _num(x: Any, digits: int = 1) -> str:
    if x is None:
        return "n/a"
    return f"{x:.0f}" if float(x).is_integer() else f"{x:.{digits}f}"


@cache
def templates() -> Environment:
    """The Jinja2 environment: package templates, autoescape on, undefined names are errors."""
    env = Environment(
        loader=PackageLoader("callcoach.review", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        time=fmt_time, secs=fmt_secs, value=fmt_value, num=_num, tag_name=tag_name, tag_class=tag_class,
        highlight=lambda text, tags: Markup(highlight(text, tags)),  # highlight() escapes every piece
        quote_key=lambda key: quote(key, safe="/"),
    )  # fmt: skip
    return env


@cache
def _scorecard_css() -> str:
    return resources.files("callcoach.report").joinpath("scorecard.css").read_text(encoding="utf-8")


@cache
def _rep_page_css() -> str:
    from callcoach.batch.rep_pages import stylesheet

    return stylesheet()


def render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = templates().get_template(name).render(**context)
    return HTMLResponse(html, status_code=status, headers={"cache-control": "no-store"})


# ------------------------------------------------------------------------------------------
# View models


@dataclass(frozen=True, slots=True)
class Marker:
    """A point on the timeline and in the moment list: a SPIN stage, an objection or a stall."""

    kind: str  # sit|pro|imp|need|obj|stall
    t: float
    label: str
    utterance_id: int | None


def _tag_time(u: Utterance, span: tuple[int, int] | None) -> float | None:
    if u.start is None or u.end is None:
        return None
    if not span or not u.text:
        return u.start
    return u.start + (u.end - u.start) * max(0, min(len(u.text), span[0])) / len(u.text)


def markers(call: Call) -> list[Marker]:
    """SPIN stages, objections and stall moments of ``call``, in time order."""
    out: list[Marker] = []
    for u in call.utterances:
        for t in u.tags:
            cls = tag_class(t.label)
            at = _tag_time(u, t.span)
            if cls in ("sit", "pro", "imp", "need", "obj") and at is not None:
                out.append(Marker(cls, at, tag_name(t.label), u.id))
    for m in call.scorecard.stalls if call.scorecard else ():
        if m.start is not None:
            out.append(Marker("stall", m.start, m.title, m.utterance_ids[0] if m.utterance_ids else None))
    return sorted(out, key=lambda m: (m.t, m.kind))


def timeline(call: Call) -> dict[str, Any] | None:
    """Rows of the timeline SVG (viewBox 1000 wide, 20 units a row), or None without timestamps."""
    utts = call.utterances
    if not utts or any(u.start is None or u.end is None for u in utts):
        return None
    dur = max(float(call.duration or max(u.end or 0.0 for u in utts)), 1e-3)

    def x(t: float) -> float:
        return round(1000 * max(0.0, min(t, dur)) / dur, 1)

    rank = {"rep": 0, "customer": 1, "unknown": 2}
    ids = sorted(dict.fromkeys([s.id for s in call.speakers] + [u.speaker for u in utts]), key=lambda i: rank[call.role_of(i)])
    rows: list[dict[str, Any]] = []
    for sid in ids:
        role = call.role_of(sid)
        bars = [{"x": x(u.start or 0.0), "w": round(max(1.0, 1000 * u.duration / dur), 1), "role": role,
                 "title": f"{fmt_time(u.start)} {u.text[:80]}"} for u in utts if u.speaker == sid]  # fmt: skip
        rows.append({"label": f"{sid} ({role})", "bars": bars, "lines": []})
    ms = markers(call)
    for label, kinds in (("SPIN", {"sit", "pro", "imp", "need"}), ("Objections", {"obj"}), ("Stalls", {"stall"})):
        lines = [{"x": x(m.t), "kind": m.kind, "title": f"{fmt_time(m.t)} {m.label}"} for m in ms if m.kind in kinds]
        if lines:
            rows.append({"label": label, "bars": [], "lines": lines})
    for i, row in enumerate(rows):
        row["y"] = 20 * i + 4
    return {"duration": round(dur, 3), "rows": rows, "height": 20 * len(rows)}


def quote_of(call: Call, uid: int) -> dict[str, Any] | None:
    """A turn as evidence: id, time, speaker, role and (shortened) text."""
    u = next((u for u in call.utterances if u.id == uid), None)
    if u is None:
        return None
    text = u.text if len(u.text) <= QUOTE_CHARS else u.text[: QUOTE_CHARS - 1] + "…"
    return {"id": u.id, "start": u.start, "speaker": u.speaker, "role": call.role_of(u.speaker), "text": text}


def comment_threads(state_comments: Sequence[Any]) -> list[dict[str, Any]]:
    """Top-level comments in call order (whole-call ones first), each with its replies."""
    replies: dict[str, list[Any]] = {}
    for c in state_comments:
        if c.parent_id:
            replies.setdefault(c.parent_id, []).append(c)
    tops = [c for c in state_comments if not c.parent_id]
    tops.sort(key=lambda c: (c.start is not None, c.start or 0.0, c.created))
    return [{"comment": c, "replies": sorted(replies.get(c.id, []), key=lambda r: r.created)} for c in tops]


def describe(c: Any) -> str:
    """A correction in words."""
    turns = ", ".join(f"#{i}" for i in c.utterance_ids)
    return {
        "swap_roles": "Swapped rep and customer",
        "set_rep": f"{c.speaker} is the rep",
        "reassign": f"Turn{'s' if len(c.utterance_ids) > 1 else ''} {turns} said by {c.speaker}",
        "remove_tag": f"Removed {tag_name(c.label or '')} from turn {turns}",
        "add_tag": f"Added {tag_name(c.label or '')} to turn {turns}",
        "change_tag": f"Turn {turns}: {tag_name(c.label or '')} is really {tag_name(c.new_label or '')}",
    }.get(c.kind, c.kind)


def rescaled_note(o: Override, points: float, max_points: float, rubric: str) -> str:
    """What the call page says of an override given out of another maximum than this rubric's:
    ``6/15 under discovery@1, shown as 8/20 under discovery@2 (the same share)``."""
    given = f"{_num(o.points, 2)}/{_num(o.max_points, 2)}" + (f" under {o.rubric}" if o.rubric else "")
    return f"{given}, shown as {_num(points, 2)}/{_num(max_points, 2)} under {rubric} (the same share of the points)"


def flags(e: CallEntry, low_confidence: float = 0.8) -> list[str]:
    """Why a call needs a human, in words (the queue's reason column); a recording that is not a
    conversation says what it is instead (it has no score to review)."""
    out = []
    if e.conversation:
        out.append(f"not a conversation: {e.conversation.replace('_', ' ')}")
    elif not e.reviewed_by:
        out.append("not reviewed")
    if e.attribution_confidence is not None and e.attribution_confidence < low_confidence:
        out.append(f"speakers uncertain ({e.attribution_confidence:.2f})")
    if e.stall_count:
        out.append(f"{e.stall_count} stall moment{'s' if e.stall_count != 1 else ''}")
    return out


# ------------------------------------------------------------------------------------------
# The application


class BadRequest(Exception):
    """A form the app cannot act on; answered with ``status`` (400) and the message."""

    status = 400


class StaleForm(BadRequest):
    """A change without this server's CSRF token (a cross-site form, or a page from before a restart)."""

    status = 403


class Forbidden(BadRequest):
    """A change this view may not make (a rep changing a score, a coach disputing one)."""

    status = 403


#: What the rep view answers a coach's change with.
REP_REFUSAL = ("the rep view cannot change tags, scores, comments or drills: acknowledge a comment or dispute a point "
               "with a reason, and your coach resolves it")  # fmt: skip


class ReviewApp:
    """The review server's state and endpoints over one results folder."""

    def __init__(self, store: ReviewStore, *, coach: str, rep: str | None = None) -> None:
        self.store = store
        #: Who makes the changes: the coach, or in the rep view the rep.
        self.coach = coach
        #: The rep whose calls the rep view shows (None: the coach's review of every call).
        self.rep = rep.strip() if rep and rep.strip() else None
        #: The per-server CSRF token every form and script request must carry.
        self.csrf = secrets.token_urlsafe(32)
        # One coach, one process: store calls are serialised so concurrent requests never race.
        self._lock = threading.RLock()
        #: The calls' turns as the queue's search read them (read again when a file changes).
        self._turns = TurnCache()
        from callcoach.review.calibration_app import CalibrationPages

        #: Calibration rounds; also says which calls this coach scores blind (no points shown).
        self.calibration = CalibrationPages(self)
        from callcoach.review.drill_app import DrillPages
        from callcoach.review.feedback import FeedbackStore

        #: A rep's acknowledgements and disputes.
        self.feedback = FeedbackStore(store)
        #: Drills given to reps and their checks.
        self.drills = DrillPages(self)

    @property
    def rep_view(self) -> bool:
        """Whether this is the rep view (one rep's calls, read-only but for disputes)."""
        return self.rep is not None

    def owns(self, key: str) -> bool:
        """Whether the call ``key`` is one the view shows (any call, or in the rep view the rep's)."""
        from callcoach.review.reps import rep_of, same_rep

        return self.rep is None or same_rep(self._locked(rep_of, self.store, key), self.rep)

    def rep_keys(self) -> set[str] | None:
        """The calls of the rep view's rep (None: every call)."""
        from callcoach.review.reps import call_facts

        if self.rep is None:
            return None
        return {f.key for f in self._locked(call_facts, self.store, self.rep)}

    def guard(self, key: str) -> None:
        """Refuse what would show the coach the points of a call they score blind in calibration
        (a rep is no rater in a round: the rep view shows the rep their own calls' points)."""
        if self.rep is None:
            self.calibration.guard(key)

    def refuse_in_rep_view(self) -> None:
        """403 for what the rep view may not do."""
        if self.rep is not None:
            raise HTTPException(403, REP_REFUSAL)

    # -- helpers ------------------------------------------------------------------------------

    def _locked(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            return fn(*args, **kwargs)

    def fresh(self) -> None:
        """Re-score the folder where a rubric file changed on disk since it was last scored (one
        ``stat`` per rubric file otherwise): every page follows a rubric edit without a restart."""
        self._locked(self.store.refresh_rubrics)

    def entry(self, key: str) -> CallEntry:
        """The queue entry of ``key``; 404 unless ``key`` is a known call's canonical key."""
        if not canonical_key(key):
            raise HTTPException(404, "no such call in this folder")
        self.fresh()
        try:
            found = self._locked(self.store.entry, key)
        except KeyError:
            raise HTTPException(404, f"no call {key!r} in this folder") from None
        if not self.owns(key):  # another rep's call does not exist in the rep view
            raise HTTPException(404, f"no call {key!r} of {self.rep} in this folder")
        return found

    def recording(self, key: str) -> Path | None:
        """The recording of a known call, as :meth:`ReviewStore.find_audio` finds it (else None)."""
        return self.audio_lookup(key).path

    def audio_lookup(self, key: str) -> AudioLookup:
        """Where the recording of a known call is, or where it was looked for."""
        self.entry(key)
        return self._locked(self.store.find_audio, key)

    # -- pages --------------------------------------------------------------------------------

    def queue(self, request: Request) -> Response:
        from callcoach.training.learn import unlearned as corrections_not_learned
        rep = request.query_params.get("rep") or None
        rubric = request.query_params.get("rubric") or None
        try:
            page = max(1, int(request.query_params.get("page", "1")))
        except ValueError:
            page = 1
        self.fresh()
        mine = self.rep_keys()
        with self._lock:
            everything = self.store.calls()
            rubric_warnings = self.store.rubric_warnings()
            if mine is not None:  # the rep view: the rep's calls only
                rep = None
                everything = [e for e in everything if e.key in mine]
                listed = [e for e in everything if rubric is None or rubric in (e.rubric, e.rubric.split("@", 1)[0])]
                unlearned = 0
            else:
                listed = self.store.calls(rep=rep, rubric=rubric) if rep or rubric else everything
                unlearned = corrections_not_learned(self.store)
            open_disputes = self.feedback.disputes(status="open", rep=self.rep)
            disputes_by_call = self.feedback.open_counts()
            my_disputes = self.feedback.disputes(rep=self.rep) if self.rep is not None else []
        drills = self.drills.store_views(self.rep) if self.rep is not None else []
        pages = max(1, -(-len(listed) // PAGE_SIZE))
        page = min(page, pages)
        shown = listed[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        reps = sorted({e.rep for e in everything if e.rep})
        rubrics = sorted({e.rubric for e in everything if e.rubric})

        text, tag, speaker = (request.query_params.get(k, "").strip() for k in ("q", "tag", "speaker"))
        found = self.moments(listed, text, tag, speaker) if text or tag else None

        def page_url(n: int) -> str:
            q = {k: v for k, v in (("rep", rep), ("rubric", rubric), ("page", str(n))) if v}
            return "/?" + urlencode(q)

        return render(
            "queue.html", entries=shown, flags=flags, total=len(everything), matching=len(listed), page=page,
            pages=pages, page_url=page_url, rep=rep, rubric=rubric, reps=reps, rubrics=rubrics,
            folder=str(self.store.folder), coach=self.coach, reviewed=sum(1 for e in everything if e.reviewed_by),
            unlearned=unlearned, rubric_warnings=rubric_warnings, search=found, q=text, tag=tag, speaker=speaker,
            tag_options=self.tag_options(tag), rep_view=self.rep_view, viewer_rep=self.rep, open_disputes=open_disputes,
            disputes_by_call=disputes_by_call, my_disputes=my_disputes, drills=drills,
        )  # fmt: skip

    def moments(self, entries: Sequence[CallEntry], text: str, tag: str, speaker: str) -> dict[str, Any]:
        """The queue's search: the moments of ``entries`` (the calls the rep and rubric filters
        leave) matching ``text``, ``tag`` and ``speaker``, as ``callcoach search`` finds them."""
        out: dict[str, Any] = {"hits": [], "total": 0, "calls": 0, "error": None, "unreadable": 0, "describe": ""}
        try:
            with self._lock:
                query = make_query(text, [tag] if tag else [], speaker=speaker or None, seen_labels=self._turns.labels())
                items = sorted((e.key, e.analysis_path) for e in entries)
                found = search(items, query, load=lambda key, path: self._turns.load(key, path))
        except SearchError as exc:
            out["error"] = str(exc)
            return out
        for hit in found.hits[:MOMENTS_SHOWN]:
            shown, spans = snippet(hit.turn.text, hit.spans, width=320)
            out["hits"].append({
                "key": hit.call.key, "href": hit.review, "time": hit.time, "start": hit.turn.start,
                "role": hit.turn.role, "speaker": hit.turn.speaker, "tags": hit.turn.labels, "rep": hit.call.rep,
                "html": Markup(highlight_html(shown, spans)),  # every piece escaped
            })  # fmt: skip
        out.update(total=len(found.hits), calls=found.calls, unreadable=len(found.unreadable), describe=query.describe())
        return out

    def tag_options(self, selected: str) -> list[tuple[str, list[str]]]:
        """The search's tag choices: each family (any of its labels), then its labels, the
        built-in ones and those of the team's trackers the search has seen; ``selected`` kept."""
        with self._lock:
            labels = set(builtin_labels()) | self._turns.labels()
        if selected:
            labels.add(selected)
        return [(f, [lab for lab in sorted(labels) if lab.startswith(f + ".")]) for f in FAMILIES]

    def rep_page(self, request: Request) -> Response:
        """A rep's page as the team report has it (``reps/<rep>.html``: trends, drills, coaching),
        built now from the folder with the coaches' work, its links on this app's pages. The rep
        view serves its own rep's page only (any other answers 404). Reads only."""
        from callcoach.batch.rep_pages import rep_page
        from callcoach.batch.team import reviewed_calls
        from callcoach.review.reps import same_rep

        name = request.path_params["name"]
        if self.rep is not None and not same_rep(name, self.rep):
            raise HTTPException(404, f"no rep {name!r} in this view")
        reviewed = self._locked(reviewed_calls, self.store.folder, self.store)
        html = rep_page(self.store.folder, name, reviewed=reviewed)
        if html is None:
            raise HTTPException(404, f"no call of a rep named {name!r} in this folder")
        return HTMLResponse(html, headers={"cache-control": "no-store"})

    def call_page(self, request: Request) -> Response:
        key = request.path_params["key"]
        blind = self.calibration.blind_round(key) if self.rep is None else None
        if blind is not None:  # its points would show: the blind view of the round instead
            return RedirectResponse(f"/calibration/{blind.id}/call/{quote(key, safe='/')}", status_code=303)
        return render("call.html", **self.call_context(key, error=request.query_params.get("error")))

    def call_context(self, key: str, error: str | None = None) -> dict[str, Any]:
        entry = self.entry(key)
        audio = self.audio_lookup(key)
        with self._lock:
            state = self.store.state(key)
            r: Rescored = self.store.rescored(key)
            history = self.store.score_history(key)
            rubric_notes = self.store.rubric_notes(key)
            disputes = self.feedback.disputes(call=key)
            acks: dict[str, list[Any]] = {}
            for a in self.feedback.acknowledgements(call=key):
                acks.setdefault(a.comment_id, []).append(a)
        from callcoach.review.reps import rep_of

        call_rep = self._locked(rep_of, self.store, key)
        drills = self.drills.for_call(key, call_rep)
        call = r.call
        machine_speaker = {u.id: u.speaker for u in r.machine.utterances}
        machine_tags = {u.id: {t.label for t in u.tags} for u in r.machine.utterances}
        stale_ids = {c.id for c in r.stale}
        overrides = {o.dimension: o for o in state.overrides}
        stale_overrides = {o.dimension for o in getattr(r, "stale_overrides", ())}
        rescaled = {o.dimension for o in r.rescaled_overrides}
        card = call.scorecard
        dims = []
        for d in card.dimensions if card else ():
            quotes = [q for q in (quote_of(call, i) for i in d.evidence[:3]) if q]
            o = overrides.get(d.id)
            note = rescaled_note(o, d.points, d.max_points, card.rubric) if o is not None and d.id in rescaled else ""
            dims.append({"d": d, "quotes": quotes, "override": o, "rescaled": note})
        return {
            "key": key, "entry": entry, "state": state, "r": r, "call": call, "card": card,
            "rows": r.comparison(), "dims": dims, "timeline": timeline(call), "markers": markers(call),
            "stall_moments": sorted(card.stalls, key=lambda m: -m.severity) if card else [],
            "threads": comment_threads(state.comments), "history": history,
            "corrections": [{"c": c, "text": describe(c), "stale": c.id in stale_ids} for c in state.corrections],
            "stale_overrides": stale_overrides, "machine_speaker": machine_speaker, "machine_tags": machine_tags,
            "speakers": list(call.speakers), "tag_choices": TAG_CHOICES,
            "has_audio": audio.path is not None, "audio_note": audio.message, "coach": self.coach, "csrf": self.csrf, "error": error,
            "reviewed_by_me": any(c == self.coach for c, _ in state.reviewed), "rubric_notes": rubric_notes,
            "rep_view": self.rep_view, "viewer_rep": self.rep, "call_rep": call_rep, "disputes": disputes, "acks": acks,
            "open_disputes": [d for d in disputes if d.is_open], "drills": drills,
            "tagged_labels": sorted({t.label for u in call.utterances for t in u.tags}),
        }  # fmt: skip

    def call_json(self, request: Request) -> Response:
        key = request.path_params["key"]
        self.entry(key)
        self.guard(key)
        return JSONResponse(self._summary(key), headers={"cache-control": "no-store"})

    def _summary(self, key: str) -> dict[str, Any]:
        with self._lock:
            r = self.store.rescored(key)
            state = self.store.state(key)
        return {
            "key": key,
            "score": r.score,
            "machine_score": r.machine_score,
            # "not_a_conversation" for a voicemail, one voice ...: no score, and why in "conversation"
            "status": card.status if (card := r.call.scorecard) is not None else None,
            "conversation": None if card is None or card.conversation is None else card.conversation.to_dict(),
            "comparison": r.comparison(),
            "corrections": [c.to_dict() for c in state.corrections],
            "overrides": [o.to_dict() for o in state.overrides],
            "comments": [c.to_dict() for c in state.comments],
            "reviewed": [list(x) for x in state.reviewed],
        }

    def audio(self, request: Request) -> Response:
        key = request.path_params["key"]
        path = self.recording(key)
        if path is None:
            raise HTTPException(404, f"no recording found for {key!r}")
        return audio_response(path, request.headers.get("range"), request.method)

    def scorecard(self, request: Request) -> Response:
        """The reviewed scorecard page, as a download: it carries its own inline CSS and JS, so it
        is meant to be opened from disk (saved beside the recording its player links to)."""
        from callcoach.report.html import render_scorecard

        key = request.path_params["key"]
        entry = self.entry(key)
        self.guard(key)
        with self._lock:
            r = self.store.rescored(key)
            state = self.store.state(key)
        audio = self.recording(key)
        href = quote(audio.name) if audio is not None else None
        page = render_scorecard(r.call, href, review=state)
        name = f"{Path(entry.key).name}.reviewed.scorecard.html"
        return Response(page, media_type="text/html", headers=_attachment(name))

    def export(self, request: Request) -> Response:
        from callcoach.review.export import export_csv

        if self.rep is not None:
            raise HTTPException(403, "the rep view exports nothing: the CSV holds every rep's calls")
        self.fresh()
        with tempfile.TemporaryDirectory(prefix="callcoach-export-") as tmp:
            with self._lock:
                path = export_csv(self.store, Path(tmp) / "review-export.csv")
            data = path.read_bytes()
        return Response(data, media_type="text/csv; charset=utf-8", headers=_attachment("review-export.csv"))

    # -- changes ------------------------------------------------------------------------------

    async def change(self, request: Request) -> Response:
        key = request.path_params["key"]
        self.entry(key)
        self.guard(key)
        form = await request.form()
        try:
            self._check_token(request, form)
            action = str(form.get("action") or "")
            self._check_action(action)
            anchor = await run_in_threadpool(self._locked, getattr(self, f"_do_{action}"), key, form)
        except BadRequest as exc:
            return await self._refuse(request, key, exc.status, str(exc))
        except ValueError as exc:
            return await self._refuse(request, key, 400, str(exc))
        except KeyError as exc:
            return await self._refuse(request, key, 404, f"not found: {exc.args[0] if exc.args else exc}")
        finally:
            await form.close()
        if _wants_json(request):
            return JSONResponse({"ok": True, **self._summary(key)}, headers={"cache-control": "no-store"})
        return RedirectResponse(f"/call/{quote(key, safe='/')}{anchor}", status_code=303)

    async def rescore(self, request: Request) -> Response:
        self.refuse_in_rep_view()
        form = await request.form()
        try:
            self._check_token(request, form)
        except BadRequest as exc:
            return _error(request, exc.status, str(exc))
        finally:
            await form.close()
        n = await run_in_threadpool(self._locked, self.store.rescore_all)
        if _wants_json(request):
            return JSONResponse({"ok": True, "rescored": n})
        return RedirectResponse("/", status_code=303)

    def _check_action(self, action: str) -> None:
        """Refuse an unknown action (400) and one this view may not make (403)."""
        if action not in ACTIONS + REP_ACTIONS:
            raise BadRequest(f"unknown action {action!r}; one of {', '.join(REP_ACTIONS if self.rep else ACTIONS)}")
        if self.rep is not None and action not in REP_ACTIONS:
            raise Forbidden(REP_REFUSAL)
        if self.rep is None and action in REP_ACTIONS:
            raise Forbidden(f"only a rep {action}s, in the rep view: callcoach review {self.store.folder} --rep NAME")

    def _check_token(self, request: Request, form: FormData) -> None:
        token = str(form.get("csrf") or request.headers.get("x-csrf-token") or "")
        if not secrets.compare_digest(token, self.csrf):
            raise StaleForm("this form is out of date (the review server was restarted?): reload the page and try again")

    async def _refuse(self, request: Request, key: str, status: int, message: str) -> Response:
        if _wants_json(request):
            return JSONResponse({"ok": False, "error": message}, status_code=status)
        context = await run_in_threadpool(self.call_context, key, message)
        return render("call.html", status=status, **context)

    def _do_correct(self, key: str, form: FormData) -> str:
        kind = str(form.get("kind") or "")
        call = self.store.rescored(key).call
        fields: dict[str, Any] = {}
        if kind in ("reassign", "remove_tag", "add_tag", "change_tag"):
            ids = _turn_ids(call, form, many=kind == "reassign")
            texts = {u.id: u.text for u in call.utterances}
            fields.update(utterance_ids=ids, anchor_texts=tuple(texts[i] for i in ids))
        if kind in ("set_rep", "reassign"):
            fields["speaker"] = _field(form, "speaker")
        if kind in ("remove_tag", "add_tag", "change_tag"):
            fields["label"] = _field(form, "label")
        if kind == "change_tag":
            fields["new_label"] = _field(form, "new_label")
        correction = new_correction(kind, author=self.coach, **fields)  # type: ignore[arg-type]
        self.store.add_correction(key, correction)
        return f"#u-{fields['utterance_ids'][0]}" if fields.get("utterance_ids") else "#corrections"

    def _do_uncorrect(self, key: str, form: FormData) -> str:
        self.store.remove_correction(key, _field(form, "id"))
        return "#corrections"

    def _do_comment(self, key: str, form: FormData) -> str:
        text = str(form.get("text") or "").strip()
        if not text:
            raise BadRequest("a comment needs some text")
        uid = _opt_int(form, "utterance_id")
        start = _opt_float(form, "start")
        end = None
        if uid is not None:
            u = next((u for u in self.store.analysis(key).utterances if u.id == uid), None)
            if u is None:
                raise BadRequest(f"no turn #{uid} in this call")
            start = u.start if start is None else start
            end = u.end
        parent = str(form.get("parent_id") or "") or None
        c = self.store.add_comment(key, text, self.coach, start=start, end=end, utterance_id=uid, parent_id=parent)
        return f"#c-{c.parent_id or c.id}"

    def _do_resolve(self, key: str, form: FormData) -> str:
        cid = _field(form, "id")
        self.store.resolve_comment(key, cid, str(form.get("resolved", "1")) == "1")
        return f"#c-{cid}"

    def _do_override(self, key: str, form: FormData) -> str:
        reason = str(form.get("reason") or "").strip()
        if not reason:
            raise BadRequest("an override needs a reason: say why these points are right")
        dimension = _field(form, "dimension")
        points = _opt_float(form, "points")
        if points is None:
            raise BadRequest("an override needs the points")
        self.store.set_override(key, Override(dimension, points, reason, self.coach, now_iso()))
        return f"#d-{dimension}"

    def _do_unoverride(self, key: str, form: FormData) -> str:
        dimension = _field(form, "dimension")
        self.store.remove_override(key, dimension)
        return f"#d-{dimension}"

    def _do_reviewed(self, key: str, form: FormData) -> str:
        self.store.mark_reviewed(key, self.coach)
        return ""

    def _do_acknowledge(self, key: str, form: FormData) -> str:
        cid = _field(form, "id")
        self.feedback.acknowledge(key, cid, self.rep or self.coach, str(form.get("note") or ""))
        return f"#c-{cid}"

    def _do_dispute(self, key: str, form: FormData) -> str:
        target = str(form.get("target") or "")
        reason = str(form.get("reason") or "").strip()
        if not reason:
            raise BadRequest("a dispute needs a reason: say why the point is wrong")
        rep = self.rep or self.coach
        if target == "dimension":
            dimension = _field(form, "dimension")
            self.feedback.dispute_dimension(key, rep, dimension, reason, _opt_float(form, "points"))
            return f"#d-{dimension}"
        if target == "tag":
            uid = _opt_int(form, "utterance_id")
            if uid is None:
                raise BadRequest("say which turn's tag you dispute (its # number)")
            self.feedback.dispute_tag(key, rep, uid, reason, label=str(form.get("label") or ""),
                                      new_label=str(form.get("new_label") or ""))  # fmt: skip
            return "#disputes"
        raise BadRequest("dispute a rubric dimension's points (target=dimension) or a tag (target=tag)")

    def _do_resolve_dispute(self, key: str, form: FormData) -> str:
        did = _field(form, "id")
        decision = str(form.get("decision") or "")
        if decision not in ("accept", "reject"):
            raise BadRequest("resolve a dispute with decision=accept or decision=reject")
        if self.feedback.dispute(did).call != key:
            raise KeyError(f"dispute {did}")
        self.feedback.resolve(did, self.coach, accept=decision == "accept", note=str(form.get("note") or ""),
                              points=_opt_float(form, "points"))  # fmt: skip
        return f"#x-{did}"

    # -- errors -------------------------------------------------------------------------------

    async def http_error(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return _error(request, exc.status_code, str(exc.detail))

    async def server_error(self, request: Request, exc: Exception) -> Response:
        return _error(request, 500, f"internal error: {type(exc).__name__} (see the server's terminal)")

    def starlette(self) -> Starlette:
        static = Path(str(resources.files("callcoach.review").joinpath("static")))
        routes = [
            Route("/", self.queue),
            Route("/call/{key:path}", self.call_page, methods=["GET"]),
            Route("/call/{key:path}", self.change, methods=["POST"]),
            Route("/api/call/{key:path}", self.call_json),
            Route("/audio/{key:path}", self.audio),
            Route("/scorecard/{key:path}", self.scorecard),
            Route("/rep/{name:path}", self.rep_page),
            Route("/export.csv", self.export),
            Route("/rescore", self.rescore, methods=["POST"]),
            *(self.calibration.routes() if self.rep is None else ()),  # a rep is no rater
            *self.drills.routes(),
            Route("/static/scorecard.css", lambda r: Response(_scorecard_css(), media_type="text/css")),
            Route("/static/rep-page.css", lambda r: Response(_rep_page_css(), media_type="text/css")),
            Mount("/static", StaticFiles(directory=static), name="static"),
        ]
        return Starlette(
            routes=routes,
            exception_handlers={HTTPException: self.http_error, Exception: self.server_error},
        )


def _attachment(name: str) -> dict[str, str]:
    return {"content-disposition": f"attachment; filename*=UTF-8''{quote(name)}", "cache-control": "no-store"}


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


def _error(request: Request, status: int, message: str) -> Response:
    if _wants_json(request) or request.url.path.startswith(("/api/", "/audio/", "/static/")):
        return JSONResponse({"ok": False, "error": message}, status_code=status)
    return render("error.html", status=status, status_code=status, message=message)


def _field(form: FormData, name: str) -> str:
    value = str(form.get(name) or "").strip()
    if not value:
        raise BadRequest(f"the form is missing {name!r}")
    return value


def _opt_int(form: FormData, name: str) -> int | None:
    raw = str(form.get(name) or "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise BadRequest(f"{name} must be a whole number, not {raw!r}") from None


def _opt_float(form: FormData, name: str) -> float | None:
    raw = str(form.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise BadRequest(f"{name} must be a number, not {raw!r}") from None
    if not math.isfinite(value):
        raise BadRequest(f"{name} must be a finite number")
    return value


def _turn_ids(call: Call, form: FormData, many: bool) -> tuple[int, ...]:
    """The turn a tag edit names, or the range ``utterance_id``..``last`` a reassignment names."""
    first = _opt_int(form, "utterance_id")
    if first is None:
        raise BadRequest("the form is missing the turn ('utterance_id')")
    last = _opt_int(form, "last") if many else None
    last = first if last is None else last
    lo, hi = min(first, last), max(first, last)
    ids = tuple(u.id for u in call.utterances if lo <= u.id <= hi)
    if first not in {u.id for u in call.utterances}:
        raise BadRequest(f"no turn #{first} in this call")
    return ids


def create_app(store: ReviewStore, *, coach: str, hosts: frozenset[str] = LOCAL_HOSTS, rep: str | None = None) -> Guard:
    """The review app over ``store``: a Starlette app inside the :class:`Guard` middleware.

    Args:
        store: the results folder's review store (its ``audio_roots`` say where else
            recordings may lie).
        coach: who makes the changes (recorded with each).
        hosts: host names the app answers to.
        rep: the rep view of this rep (their calls only; they acknowledge and dispute, and
            change nothing else); None: the coach's review.
    """
    return Guard(ReviewApp(store, coach=coach, rep=rep).starlette(), hosts)
