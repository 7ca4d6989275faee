"""The scorecard page: one self-contained HTML file a rep or coach reads and shares.

``render_scorecard(call, audio_href)`` returns the whole page as text: inline CSS, inline SVG and
a little inline JS (``scorecard.css`` / ``scorecard.js`` beside this module), and a
Content-Security-Policy that forbids every network request; only the local recording beside the
page may load. Every string that comes from the analysis (transcript, speaker ids, evidence,
advice, rubric text, file names) is escaped with :func:`html.escape`; tagged spans are
highlighted by slicing the raw text and escaping each piece. The JS reads ``data-t`` (seconds)
and ``data-u`` (utterance id) attributes, so no JSON is embedded in the page.

Order of the page: header (score, attribution) -> stall moments and tips -> dimensions ->
timeline -> key metrics -> objections -> transcript, with the audio player fixed at the bottom.
"""

from __future__ import annotations

import html
import itertools
import os
import re
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote, unquote

from callcoach.call import Call, DimensionResult, Scorecard, Tag, Utterance

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
    "media-src 'self' file: blob:; base-uri 'none'; form-action 'none'"
)
SPIN = {"situation": ("sit", "Situation"), "problem": ("pro", "Problem"),
        "implication": ("imp", "Implication"), "need_payoff": ("need", "Need-payoff")}  # fmt: skip
RESPONSES = {
    "explored": "explored with a question",
    "acknowledged": "acknowledged, not explored",
    "answered": "answered, not explored",
    "monologue": "met with a monologue",
    "none": "no response",
}
_PRIORITY = ("obj", "sit", "pro", "imp", "need", "q", "trk", "other")  # colour of an overlap
_ROLE_METHODS = {"rep-channel": "set with --rep-channel", "rep-flag": "set with --rep",
                 "transcript": "named in the transcript", "inferred": "inferred from the call",
                 "enrolled-voice": "recognised by an enrolled voice"}  # fmt: skip
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]+):")


def esc(value: Any) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    return html.escape(str(value), quote=True)


@cache
def _asset(name: str) -> str:
    return resources.files("callcoach.report").joinpath(name).read_text(encoding="utf-8")


def audio_href_for(page: str | Path, audio: str | Path) -> str:
    """The relative, percent-encoded URL of ``audio`` as seen from the HTML file ``page``."""
    rel = os.path.relpath(Path(audio).resolve(), Path(page).resolve().parent)
    return quote(Path(rel).as_posix(), safe="/")


def fmt_time(t: float | None) -> str:
    """``m:ss`` (``h:mm:ss`` from an hour on); an empty string for no time."""
    if t is None:
        return ""
    s = int(max(0.0, t))
    h, m = divmod(s // 60, 60)
    return f"{h}:{m:02d}:{s % 60:02d}" if h else f"{m}:{s % 60:02d}"


def fmt_secs(s: float | None) -> str:
    """A duration for people: ``0.39 s``, ``42 s``, ``2:35 min``; ``n/a`` for None."""
    if s is None:
        return "n/a"
    if s < 10:
        return f"{s:.2f} s".replace(".00 s", " s")
    return f"{s:.0f} s" if s < 90 else f"{fmt_time(s)} min"


def _num(x: float | None, digits: int = 1) -> str:
    if x is None:
        return "n/a"
    return f"{x:.0f}" if float(x).is_integer() else f"{x:.{digits}f}"


def fmt_value(x: float | None, unit: str) -> str:
    """A dimension's actual value with its unit."""
    if x is None:
        return "n/a"
    if unit in ("s", "seconds"):
        return fmt_secs(x)
    if unit in ("%", "pct", "percent"):
        return f"{_num(x)} %"
    return f"{_num(x)} {unit}".strip()


def time_button(t: float | None, uid: int | None = None, label: str | None = None) -> str:
    """A button that seeks the audio to ``t`` seconds (and shows utterance ``uid``)."""
    if t is None:
        return ""
    u = "" if uid is None else f' data-u="{int(uid)}"'
    text = esc(label or fmt_time(t))
    return f'<button type="button" class="t" data-t="{float(t):.3f}"{u} aria-label="Play from {fmt_time(t)}">{text}</button>'


# ------------------------------------------------------------------------------------------
# Tags


def tag_class(label: str) -> str:
    """The colour class of a tag label: ``q``, ``obj``, ``sit``/``pro``/``imp``/``need``, ``trk``."""
    kind, _, rest = label.partition(".")
    if kind == "spin":
        return SPIN[rest][0] if rest in SPIN else "other"
    return {"question": "q", "objection": "obj", "tracker": "trk"}.get(kind, "other")


def tag_name(label: str) -> str:
    """A short human label: ``open Q``, ``objection: price``, ``Need-payoff``, ``next step``."""
    kind, _, rest = label.partition(".")
    words = rest.replace("_", " ")
    if kind == "question":
        return f"{words} Q"
    if kind == "spin" and rest in SPIN:
        return SPIN[rest][1]
    if kind == "objection":
        return f"objection: {words}"
    return words or label


def _spans(text: str, tags: Iterable[Tag]) -> list[tuple[int, int, Tag]]:
    n, out = len(text), []
    for t in tags:
        a, b = t.span if t.span else (0, n)
        a = max(0, min(n, a))
        b = max(a, min(n, b))
        if b > a:
            out.append((a, b, t))
    return out


def highlight(text: str, tags: Iterable[Tag]) -> str:
    """``text`` as HTML with every tagged span in a ``<mark>`` and a label where a tag ends.

    Overlapping tags split the text at every span edge; each piece is escaped on its own and
    coloured by the most telling tag covering it (objection > SPIN > question > tracker).
    """
    spans = _spans(text, tags)
    if not spans:
        return esc(text)
    cuts = sorted({0, len(text), *(a for a, _, _ in spans), *(b for _, b, _ in spans)})
    out: list[str] = []
    for a, b in itertools.pairwise(cuts):
        cover = [t for s, e, t in spans if s <= a and b <= e]
        piece = esc(text[a:b])
        if cover:
            cls = min((tag_class(t.label) for t in cover), key=_PRIORITY.index)
            title = ", ".join(dict.fromkeys(tag_name(t.label) for t in cover))
            out.append(f'<mark class="hl hl-{cls}" title="{esc(title)}">{piece}</mark>')
        else:
            out.append(piece)
        ending = dict.fromkeys(t.label for s, e, t in spans if e == b)
        out.extend(f'<span class="lab l-{tag_class(lab)}">{esc(tag_name(lab))}</span>' for lab in ending)
    return "".join(out)


def _tag_time(u: Utterance, tag: Tag) -> float | None:
    """Where in the audio a tag starts: its place in the text, spread over the utterance."""
    if u.start is None or u.end is None:
        return None
    if not tag.span or not u.text:
        return u.start
    return u.start + (u.end - u.start) * max(0, min(len(u.text), tag.span[0])) / len(u.text)


# ------------------------------------------------------------------------------------------
# Sections


def _speaker_order(call: Call) -> list[str]:
    rank = {"rep": 0, "customer": 1, "unknown": 2}
    ids = [s.id for s in call.speakers]
    ids += [u.speaker for u in call.utterances if u.speaker not in ids]
    return sorted(dict.fromkeys(ids), key=lambda i: rank[call.role_of(i)])


def _header(call: Call, audio_href: str | None) -> str:
    sc, att, roles = call.scorecard, call.attribution, call.roles
    meta = [f"{fmt_time(round(call.duration))} min" if call.duration is not None else ""]
    for key in ("date", "recorded_at", "started_at", "created_at"):
        if call.meta.get(key):
            meta.append(esc(call.meta[key]))
            break
    if call.source:
        meta.append(f"file {esc(Path(call.source).name)}")
    if sc is not None:
        meta.append(f"rubric {esc(sc.rubric)}")
    title = call.meta.get("title") or call.id
    if sc is None:
        ring = '<div class="score none" aria-label="no score"><div class="num"><b>no score</b></div></div>'
    elif sc.score is None:
        label = sc.conversation.name if sc.conversation is not None else "not scored"
        ring = (
            f'<div class="score none" role="img" aria-label="not a conversation: {esc(label)}">'
            f'<div class="num"><b>{esc(label)}</b><span>not scored</span></div></div>'
        )
    else:
        pct = max(0.0, min(100.0, sc.score))
        colour = "#15803d" if pct >= 75 else "#d97706" if pct >= 50 else "#b91c1c"
        ring = (
            f'<div class="score" role="img" aria-label="score {_num(sc.score, 0)} out of 100">'
            '<svg viewBox="0 0 100 100" aria-hidden="true"><circle cx="50" cy="50" r="42" fill="none" '
            'stroke="#e5e7eb" stroke-width="10"/><circle cx="50" cy="50" r="42" fill="none" '
            f'stroke="{colour}" stroke-width="10" stroke-linecap="round" '
            f'stroke-dasharray="{2.63894 * pct:.1f} 263.9"/></svg>'
            f'<div class="num"><b>{_num(sc.score, 0)}</b><span>/ 100</span></div></div>'
        )
    how = {"stereo-channels": "exact (one speaker per stereo channel)",
           "transcript": "given by the transcript", "single-speaker": "only one speaker was heard"}  # fmt: skip
    estimated = att.method not in how
    attribution = f"estimated ({esc(att.method)}, confidence {att.confidence:.2f})" if estimated else how[att.method]
    rep = esc(roles.rep) if roles.rep else "unknown"
    if roles.rep and roles.name:
        rep = f"{rep} ({esc(roles.name)})"
    facts = [
        ("Speakers", f"{attribution} · {att.num_speakers} speaker{'s' if att.num_speakers != 1 else ''}"),
        ("Rep", f"{rep} — {esc(_ROLE_METHODS.get(roles.method, roles.method))}, confidence {roles.confidence:.2f}"),
    ]
    if sc is not None and sc.next_step and sc.is_conversation:
        ns = sc.next_step
        kind = str(ns.get("kind") or "")
        names = {"advance": "Advance (a specific commitment)", "continuation": "Continuation (no commitment)",
                 "none": "none agreed", "unknown": "unknown (not tagged)"}  # fmt: skip
        evidence = ns.get("evidence") or []
        ev = " ".join(str(e) for e in evidence) if isinstance(evidence, list) else str(evidence)
        facts.append(("Next step", esc(names.get(kind, kind)) + (f' <span class="muted">{esc(ev)}</span>' if ev else "")))
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts)
    parts = [
        '<header class="hero" id="top"><div class="hero-top"><div class="hero-title">',
        f'<h1>{esc(title)}</h1><div class="meta">{"".join(f"<span>{m}</span>" for m in meta if m)}</div>',
        f'</div>{ring}</div><dl class="facts">{dl}</dl>',
    ]
    warn = [esc(w) for w in att.warnings]
    if roles.method == "inferred" and roles.confidence < 0.8:
        warn.append(f"the rep was inferred with confidence {roles.confidence:.2f}: check who is the rep")
    if estimated or warn:
        items = "".join(f"<li>{w}</li>" for w in warn)
        parts.append(
            f'<div class="alert" role="note"><strong>Speaker attribution is {attribution}.</strong>'
            "Talk ratio, monologues and who asked what depend on it."
            f"{f'<ul>{items}</ul>' if items else ''}</div>"
        )
    if roles.evidence and roles.method in ("inferred", "enrolled-voice"):
        parts.append(f'<p class="small muted">Rep evidence: {esc("; ".join(roles.evidence))}</p>')
    if sc is not None and not sc.is_conversation:
        parts.append(_not_a_conversation(sc))
    elif sc is not None:
        short = (sc.spin_reached or "").removeprefix("spin.")
        stage = short if short in SPIN else None
        reached = list(SPIN).index(stage) if stage else -1
        steps = "".join(
            f'<li class="{c}{" on" if i <= reached else ""}">{n}</li>' for i, (c, n) in enumerate(SPIN.values())
        )
        label = SPIN[stage][1] if stage else "none"
        parts.append(f'<p class="cap">SPIN stages reached: {esc(label)}</p><ol class="stepper">{steps}</ol>')
    if audio_href is None:
        parts.append('<p class="note">No audio linked to this scorecard (e.g. made from a transcript): '
                     "timestamps jump to the transcript only.</p>")  # fmt: skip
    parts.append("</header>")
    return "".join(parts)


def _not_a_conversation(sc: Scorecard) -> str:
    """The notice of a recording that is not a conversation: what it is, why, and that it is not
    scored and counts in no average (instead of a score of 0)."""
    check = sc.conversation
    name = check.name if check is not None else "not scored"
    reason = f" ({esc(check.reason)})" if check is not None and check.reason else ""
    quotes = "".join(f"<blockquote>{esc(q)}</blockquote>" for q in (check.evidence if check is not None else ()))
    return (
        f'<div class="alert not-conversation" role="note" id="not-conversation"><strong>Not a conversation: '
        f"{esc(name)}{reason}.</strong> This recording is not scored against the rubric and is left out of "
        f"the rep's and the team's averages and targets, so it has no stall moments or tips.{quotes}</div>"
    )


def _stalls(call: Call, sc: Scorecard) -> str:
    by_id = {u.id: u for u in call.utterances}
    items = []
    for rank, m in enumerate(sorted(sc.stalls, key=lambda m: -m.severity), 1):
        sev = "high" if m.severity >= 0.67 else "mid" if m.severity >= 0.34 else "low"
        first = m.utterance_ids[0] if m.utterance_ids else None
        jump = time_button(m.start, first)
        if not jump and first in by_id:
            jump = f'<a href="#u-{int(first)}">in transcript</a>'
        quotes = "".join(f"<blockquote>{esc(q)}</blockquote>" for q in m.evidence)
        items.append(
            f'<li class="stall sev-{sev}" id="stall-{rank}"><div class="stall-head"><span class="rank">{rank}</span>'
            f"{jump}<h3>{esc(m.title)}</h3></div>{quotes}"
            f'<p class="why"><b>Why it matters</b>{esc(m.why)}</p>'
            f'<p class="instead"><b>Do this instead</b>{esc(m.instead)}</p></li>'
        )
    body = f'<ol class="stalls">{"".join(items)}</ol>' if items else '<p class="good">No stall moments found.</p>'
    tips = "".join(f"<li>{esc(t)}</li>" for t in sc.tips[:3])
    tips_html = f'<h2 style="margin-top:18px">Top tips</h2><ol class="tips">{tips}</ol>' if tips else ""
    return (
        f'<section id="stalls"><h2>Where the deal stalled <span class="count">{len(items)}</span></h2>'
        f"{body}{tips_html}</section>"
    )


def _dimension(call: Call, d: DimensionResult) -> str:
    status = d.status if d.status in ("met", "near", "missed", "unavailable") else "unavailable"
    frac = 0.0 if d.max_points <= 0 else max(0.0, min(1.0, d.points / d.max_points))
    bar = (
        '<svg class="bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">'
        f'<rect class="f-{status}" width="{100 * frac:.1f}" height="8" rx="2"/></svg>'
    )
    by_id = {u.id: u for u in call.utterances}
    ev = next((by_id[i] for i in d.evidence if i in by_id and by_id[i].start is not None), None)
    listen = time_button(ev.start, ev.id) if ev else ""
    return (
        f'<div class="dim"><div class="dim-head"><h3>{esc(d.name)}</h3>'
        f'<span class="pill st-{status}">{esc(status)}</span></div>'
        f'<div class="dim-nums"><span class="actual">{esc(fmt_value(d.actual, d.unit))}</span>'
        f'<span class="muted">target {esc(d.target)}</span>'
        f'<span class="muted small">{_num(d.points)}/{_num(d.max_points)} pts</span>{listen}</div>{bar}'
        + (f"<p>{esc(d.advice)}</p>" if d.advice else "")
        + (f'<p class="small src">Source: {esc(d.source)}</p>' if d.source else "")
        + "</div>"
    )


def _dimensions(call: Call, sc: Scorecard) -> str:
    rows = "".join(_dimension(call, d) for d in sc.dimensions) or '<p class="muted">No dimensions.</p>'
    return f'<section id="dimensions"><h2>Against the targets</h2><div class="dims">{rows}</div></section>'


def _timeline(call: Call) -> str:
    utts = call.utterances
    timed = bool(utts) and all(u.start is not None and u.end is not None for u in utts)
    head = '<section id="timeline"><h2>Who spoke when</h2>'
    if not timed:
        why = "The transcript has no timestamps, so there is no timeline." if utts else "No speech was found."
        return f'{head}<p class="muted">{why}</p></section>'
    dur = call.duration or call.metrics.get("duration_s") or max(u.end or 0.0 for u in utts)
    dur = max(float(dur), 1e-3)

    def x(t: float) -> str:
        return f"{1000 * max(0.0, min(t, dur)) / dur:.1f}"

    rows: list[tuple[str, list[str]]] = []
    order = _speaker_order(call)
    roles = [call.role_of(s) for s in order]
    for sid, role in zip(order, roles):
        name = role.capitalize() if role != "unknown" and roles.count(role) == 1 else sid
        bars = [
            f'<rect class="b-{role}" x="{x(u.start or 0.0)}" width="{max(1.0, 1000 * u.duration / dur):.1f}" '
            f'height="1"><title>{fmt_time(u.start)} {esc(u.text[:80])}</title></rect>'
            for u in utts
            if u.speaker == sid
        ]
        rows.append((esc(name), bars))
    spin: list[str] = []
    objs: list[str] = []
    for u in utts:
        for t in u.tags:
            cls = tag_class(t.label)
            if cls in ("sit", "pro", "imp", "need", "obj"):
                tt = _tag_time(u, t) or 0.0
                line = (f'<line class="m-{cls}" x1="{x(tt)}" x2="{x(tt)}" y1="0" y2="1"><title>{fmt_time(tt)} '
                        f"{esc(tag_name(t.label))}</title></line>")  # fmt: skip
                (objs if cls == "obj" else spin).append(line)
    stalls = []
    if call.scorecard is not None:
        stalls = [
            f'<line class="m-stall" x1="{x(m.start)}" x2="{x(m.start)}" y1="0" y2="1"><title>{fmt_time(m.start)} '
            f"{esc(m.title)}</title></line>"
            for m in call.scorecard.stalls
            if m.start is not None
        ]
    rows += [(lab, ms) for lab, ms in (("SPIN", spin), ("Objections", objs), ("Stalls", stalls)) if ms]
    n = len(rows)
    g = []
    for i, (_, items) in enumerate(rows):
        y = 20 * i
        g.append(f'<g transform="translate(0 {y + 4}) scale(1 12)">{"".join(items)}</g>')
    labels = "".join(f'<div title="{lab}">{lab}</div>' for lab, _ in rows)
    step = next((s for s in (10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600) if dur / s <= 5), 7200)
    ticks = "".join(
        f'<span style="left:{100 * k * step / dur:.2f}%">{fmt_time(k * step)}</span>'
        for k in range(int(dur // step) + 1)
        if k == 0 or k * step / dur <= 0.93
    )
    counts = {k: sum(1 for u in utts for t in u.tags if t.label == f"spin.{k}") for k in SPIN}
    legend = [f'<li><i class="k-{c}"></i>{name} ({counts[k]})</li>' for k, (c, name) in SPIN.items()]
    legend.append('<li><i class="k-obj"></i>objection</li>')
    if stalls:
        legend.append('<li><i class="k-stall"></i>stall moment</li>')
    return (
        f'{head}<div class="tl"><div class="tl-labels">{labels}</div><div class="tl-plot">'
        f'<svg class="tl-svg" data-duration="{dur:.3f}" viewBox="0 0 1000 {20 * n}" preserveAspectRatio="none" '
        f'style="height:{28 * n}px" role="img" aria-label="Timeline of who spoke when; click to play from there">'
        f"{''.join(g)}</svg>"
        f'<div class="playhead"></div><div class="tl-axis">{ticks}</div></div></div>'
        f'<ul class="legend">{"".join(legend)}</ul></section>'
    )


def _metrics(call: Call) -> str:
    m = call.metrics
    if not m:
        return '<section id="metrics"><h2>Key metrics</h2><p class="muted">Metrics were not computed.</p></section>'

    def get(path: str) -> Any:
        node: Any = m
        for part in path.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        return node

    def why(path: str) -> str:
        for u in m.get("unavailable") or ():
            if path == u.get("metric") or path.startswith(f"{u.get('metric')}."):
                return str(u.get("reason", ""))
        return ""

    def card(key: str, path: str, value: str, sub: str = "", extra: str = "") -> str:
        na = value == "n/a"
        note = esc(why(path)) if na else sub
        return (
            f'<div class="metric"><div class="k">{key}</div><div class="v{" na" if na else ""}">{esc(value)}</div>'
            f'{extra if not na else ""}<div class="small muted">{note}</div></div>'
        )

    rep_pct = get("talk.rep_talk_pct")
    split = "" if rep_pct is None else (
        f'<div class="split" aria-hidden="true"><div class="r" style="width:{rep_pct:.1f}%"></div>'
        f'<div class="c" style="width:{100 - rep_pct:.1f}%"></div></div>'
    )  # fmt: skip
    talk = "n/a" if rep_pct is None else f"{_num(rep_pct, 0)} % rep"
    cards = [
        card("Talk ratio", "talk.rep_talk_pct", talk, f"customer {_num(get('talk.customer_talk_pct'), 0)} %", split)
    ]
    for key, path in (("Longest monologue", "longest_monologue"), ("Longest customer story", "longest_customer_story")):
        d = get(f"{path}.duration_s")
        cards.append(card(key, path, fmt_secs(d), time_button(get(f"{path}.start_s")) if d else ""))
    q = get("questions.rep_questions")
    qs = (f"{_num(get('questions.rep_open_questions'))} open · {_num(get('questions.rep_closed_questions'))} closed · "
          f"{_num(get('questions.rep_questions_per_10_min'))} per 10 min · customer asked "
          f"{_num(get('questions.customer_questions'))}")  # fmt: skip
    cards.append(card("Rep questions", "questions", _num(q), esc(qs)))
    pause = get("patience.mean_response_pause_s")
    rushed = (f"mean pause before the rep replies; {_num(get('patience.rushed_responses'))} of "
              f"{_num(get('patience.responses'))} replies under 0.3 s")  # fmt: skip
    cards.append(card("Patience", "patience", "n/a" if pause is None else f"{pause:.2f} s", esc(rushed)))
    spm = get("interactivity.switches_per_min")
    inter = "n/a" if spm is None else f"{_num(spm)} / min"
    cards.append(
        card("Interactivity", "interactivity", inter, f"{_num(get('interactivity.speaker_switches'))} speaker switches")
    )
    ov = get("overlap.customer_talk_overlapped_pct")
    cards.append(card("Talking over", "overlap", "n/a" if ov is None else f"{_num(ov)} %",
                      f"of the customer's talk ({esc(get('overlap.accuracy') or 'estimated')})"))  # fmt: skip
    pace = [
        f"{esc(s.get('speaker'))} ({esc(s.get('role'))}): {_num(s.get('words_per_min'), 0)} wpm, "
        f"{_num(s.get('fillers_per_min'))} fillers/min"
        for s in m.get("speakers") or ()
    ]
    rep_wpm = next((s.get("words_per_min") for s in m.get("speakers") or () if s.get("role") == "rep"), None)
    if pace:
        cards.append(
            card("Pace", "speakers", "n/a" if rep_wpm is None else f"{_num(rep_wpm, 0)} wpm", "<br>".join(pace))
        )
    return f'<section id="metrics"><h2>Key metrics</h2><div class="metrics">{"".join(cards)}</div></section>'


def _objections(call: Call) -> str:
    by_id = {u.id: u for u in call.utterances}
    handled: Sequence[dict[str, Any]] | None = call.metrics.get("objections")
    if handled is None:  # handling not analysed: list the tags
        handled = [{"utterance_id": u.id, "label": t.label, "start": _tag_time(u, t)}
                   for u in call.utterances for t in u.tags if t.label.startswith("objection.")]  # fmt: skip
    seen: dict[int, int] = {}
    items = []
    for o in handled:
        raw = o.get("utterance_id")
        uid = int(raw) if isinstance(raw, int | float) else -1
        u = by_id.get(uid)
        said = ""
        if u is not None:  # the k-th entry of an utterance is its k-th objection span
            tags = sorted((t for t in u.tags if t.label.startswith("objection.")), key=lambda t: t.span or (0, 0))
            k = seen[uid] = seen.get(uid, -1) + 1
            a, b = (tags[k].span if k < len(tags) else None) or (0, len(u.text))
            said = u.text[a:b].strip()
        resp = str(o.get("response") or "")
        pill = (f'<span class="pill r-{esc(resp)}">{esc(RESPONSES.get(resp, resp))}</span>' if resp else "")  # fmt: skip
        who = "" if resp == "none" else '<span class="muted">Rep:</span> '
        reply = f'<p class="reply">{who}{esc(o["evidence"])}</p>' if o.get("evidence") else ""
        items.append(
            f'<li class="obj"><div class="obj-head">{time_button(o.get("start"), uid if u else None)}'
            f'<span class="lab l-obj">{esc(tag_name(str(o.get("label", "objection"))))}</span>{pill}</div>'
            + (f"<blockquote>{esc(said)}</blockquote>" if said else "")
            + f"{reply}</li>"
        )
    body = f'<ul class="objs">{"".join(items)}</ul>' if items else '<p class="muted">No objections were raised.</p>'
    return f'<section id="objections"><h2>Objections <span class="count">{len(items)}</span></h2>{body}</section>'


def _transcript(call: Call) -> str:
    turns = []
    for u in call.utterances:
        role = call.role_of(u.speaker)
        times = "" if u.start is None or u.end is None else f' data-start="{u.start:.3f}" data-end="{u.end:.3f}"'
        turns.append(
            f'<div class="turn {role}" id="u-{u.id}"{times}><div class="who"><span class="name">{esc(u.speaker)}</span>'
            f'<span class="role {role}">{role}</span>{time_button(u.start, u.id)}</div>'
            f"<p>{highlight(u.text, u.tags)}</p></div>"
        )
    body = "".join(turns) or '<p class="muted">No speech was found.</p>'
    return f'<section id="transcript"><h2>Transcript</h2><div class="turns">{body}</div></section>'


def _review(review: Any) -> str:
    """A coach's comments (threads: replies under the comment they answer) and who reviewed the
    call; ``review`` is a :class:`callcoach.review.store.ReviewState` or anything shaped like it."""
    comments = list(getattr(review, "comments", ()) or ())
    reviewed = list(getattr(review, "reviewed", ()) or ())
    ids = {c.id for c in comments}
    replies: dict[str, list[Any]] = {}
    for c in comments:
        if c.parent_id in ids:
            replies.setdefault(c.parent_id, []).append(c)

    def item(c: Any) -> str:
        where = time_button(c.start, c.utterance_id) if c.start is not None else ""
        if c.utterance_id is None and c.start is None:
            where = '<span class="muted">whole call</span>'
        state = [("resolved", "resolved") if c.resolved else ("open", "open")]
        if c.stale:
            state.append(("stale", "words no longer in the transcript"))
        pills = "".join(f'<span class="pill c-{k}">{esc(v)}</span>' for k, v in state)
        quote_ = f"<blockquote>{esc(c.anchor_text)}</blockquote>" if c.anchor_text and c.parent_id is None else ""
        thread = "".join(item(r) for r in replies.get(c.id, ()))
        return (
            f'<li class="comment{" resolved" if c.resolved else ""}"><div class="c-head">{where}'
            f'<span class="c-author">{esc(c.author or "coach")}</span><span class="muted small">{esc(c.created)}</span>'
            f"{pills}</div>{quote_}<p>{esc(c.text)}</p>"
            + (f'<ul class="comments replies">{thread}</ul>' if thread else "")
            + "</li>"
        )

    top = [c for c in comments if c.parent_id not in ids]
    body = f'<ul class="comments">{"".join(item(c) for c in top)}</ul>' if top else '<p class="muted">No comments yet.</p>'
    by = ", ".join(f"{esc(coach)} ({esc(at)})" for coach, at in reviewed)
    done = f'<p class="small muted">Reviewed by {by}.</p>' if by else ""
    return f'<section id="review"><h2>Coach\'s comments <span class="count">{len(comments)}</span></h2>{done}{body}</section>'


def _audio_where(call: Call, audio_href: str) -> str:
    """Under the player, when it finds the recording by a relative path: a note that the link
    holds only while the page stays where it was written, with the recording's absolute path
    (``call.recording_absolute``, a path on the machine that analysed the call), which the
    player also tries when the relative link finds nothing (the page moved on that machine)."""
    if _SCHEME.match(audio_href) or audio_href.startswith("/"):
        return ""
    where = call.recording_absolute
    url = _file_url(where) if where else None
    fallback = f' data-fallback="{esc(url)}"' if url else ""
    where_note = (
        f" It was analysed at <code>{esc(where)}</code> (a path on that machine), which the player tries "
        "when the relative link finds nothing."
        if where
        else ""
    )
    return (
        f'<p class="audio-where"{fallback}>The recording is linked by a path relative to this page '
        f"(<code>{esc(unquote(audio_href))}</code>): it plays while the page stays beside the recording, "
        f"not once the page is mailed or copied elsewhere on its own.{where_note}</p>"
    )


def _file_url(path: str) -> str | None:
    """A ``file:`` URL of an absolute path (POSIX or Windows); None for any other path."""
    try:
        p = PurePosixPath(path)
        return p.as_uri() if p.is_absolute() else PureWindowsPath(path).as_uri()
    except ValueError:
        return None


def render_scorecard(call: Call, audio_href: str | None, review: Any = None) -> str:
    """The scorecard of ``call`` as one self-contained HTML page (no network requests).

    Args:
        call: an analysed call; ``call.scorecard`` may be None (the page then shows the
            timeline, metrics, objections and transcript only).
        audio_href: the recording as a URL relative to the page (see :func:`audio_href_for`),
            or None when there is no audio (transcript input): the player is left out.
        review: a coach's review of the call (a :class:`callcoach.review.store.ReviewState`);
            its comments are shown after the header, each with a link to its moment.

    Raises:
        ValueError: ``audio_href`` names a network location (only relative paths and
            ``file:`` URLs are allowed, so the page never reaches the network).
    """
    scheme = _SCHEME.match(audio_href or "")
    if (scheme and scheme.group(1).lower() != "file") or (audio_href or "").startswith(("//", "\\\\")):
        raise ValueError(f"audio_href must be a relative path or a file: URL, not {audio_href!r}")
    sc = call.scorecard
    sections = [_header(call, audio_href)]
    if review is not None:
        sections.append(_review(review))
    if sc is not None and sc.is_conversation:
        sections += [_stalls(call, sc), _dimensions(call, sc)]
    sections += [_timeline(call), _metrics(call), _objections(call), _transcript(call)]
    player = (
        ""
        if audio_href is None
        else f'<div class="player"><audio id="audio" controls preload="metadata" src="{esc(audio_href)}">'
        "Your browser cannot play this recording.</audio>"
        f'<p class="audio-missing" hidden>The recording ({esc(audio_href)}) could not be loaded: keep it next '
        f"to this page.</p>{_audio_where(call, audio_href)}</div>"
    )
    version = f" {esc(call.callcoach_version)}" if call.callcoach_version else ""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>Scorecard: {esc(call.meta.get('title') or call.id)}</title>"
        f"<style>{_asset('scorecard.css')}</style></head>"
        f'<body class="{"has-audio" if audio_href is not None else "no-audio"}"><main>{"".join(sections)}</main>'
        f"<footer>Made offline by callcoach{version}. Nothing on this page loads from the network.</footer>"
        f"{player}<script>{_asset('scorecard.js')}</script></body></html>\n"
    )
