"""``reps/<rep>.html``: a page per rep beside the team report, built from the same entries.

Each page shows, for one rep:

- the calls over time: a call's date is the manifest's ``date``, else the analysis file's date
  (:func:`callcoach.targets.call_date`, carried on each :class:`~callcoach.batch.team.CallEntry`);
- the score and each rubric dimension's value by ISO week as small inline SVG charts, the rep's
  weekly mean against the team's weekly median (:mod:`callcoach.batch.trends`); a week without
  calls is a gap, not a zero, and a rep with one call gets one point and a sentence saying so;
- the rep's recurring stall reasons (the scorecards' stall moments), beside the team's share;
- the comments coaches left on the rep's calls in review (sidecars / database, read as the team
  report reads them: :func:`callcoach.batch.team.reviewed_calls`);
- the drills coaches gave the rep (:mod:`callcoach.review.drills`) and where each stands: open,
  passed, not passed or cancelled, and per checked call met or not with the evidence and a link
  to the moment in that call's scorecard page (``../<call>.scorecard.html#t=48.000&u=4``, which
  the scorecard's script seeks to). They are read once per build from the drill files, and each
  drill's calls checked in memory from the calls as this report counts them
  (:func:`report_drills`): the report never writes review data;
- which dimensions have been coached and which not yet. A dimension counts as coached on a call
  when a coach overrode its points, or left a comment on a turn that is the dimension's evidence,
  or a comment that names it (its id, as ``talk_ratio`` or "talk ratio", or its name; where one
  name holds another, "problem questions" and "questions", the longer one wins).

Pages hold no script, load nothing from the network (the team page's Content-Security-Policy)
and link only relatively (``../team.html``, ``../<call>.scorecard.html``); every string from a call
or a coach is escaped. Like the team page they hold no clock time, so the same analyses and
review give the same bytes.

The review app serves the same page at ``/rep/<name>`` (:func:`rep_page`, built on request,
read only) with its links on the app (:data:`APP_LINKS`: ``/call/<key>#t=..&u=..``, ``/``)
and a linked style sheet, as the app's Content-Security-Policy allows no inline style.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote

from callcoach.batch.state import write_if_changed
from callcoach.batch.team import ANALYSIS_SUFFIX, CallEntry, Reviewed, load_entries
from callcoach.batch.team_html import (
    CSS,
    REP_COLOR,
    TEAM_COLOR,
    _by_rep,
    _e,
    _fmt,
    _mean,
    _pct,
    page,
    scored_points,
    span_weeks,
)
from callcoach.batch.trends import SMALL, Frame, Series, WeekValue, legend, trend_svg, week_label, week_of, weekly

#: The ``<title>`` every rep page starts with: how a stale page (of a rep gone from the folder)
#: is told from a file someone else put in ``reps/``.
TITLE_PREFIX = "callcoach rep: "
SCORE_FRAME = Frame(640, 190)
_SLUG_ODD = re.compile(r"[^\w.-]+")


# ------------------------------------------------------------------------------------------
# File names


def rep_slugs(reps: Iterable[str]) -> dict[str, str]:
    """Each rep's page file name (``dana.html``): the name's letters, digits, ``.``, ``_`` and
    ``-`` (others become ``-``), made unique ignoring case (``-2``, ``-3``) so that no two reps
    share a page on a file system that ignores case."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for rep in sorted(set(reps)):
        base = _SLUG_ODD.sub("-", rep).strip("-.")[:80] or "rep"
        slug, k = base, 1
        while slug.lower() in used:
            k += 1
            slug = f"{base}-{k}"
        used.add(slug.lower())
        names[rep] = f"{slug}.html"
    return names


# ------------------------------------------------------------------------------------------
# Coached or not


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[-_]+", " ", text.lower()).split())


def _terms(dim: dict[str, Any]) -> set[str]:
    """What a comment may call a dimension: its id as words, its name, its name without the
    part in brackets."""
    name = str(dim.get("name") or "")
    terms = {_normal(str(dim.get("id") or "")), _normal(name), _normal(re.sub(r"\(.*?\)", "", name))}
    return {t for t in terms if t}


def named_dimensions(text: str, dims: Sequence[dict[str, Any]]) -> set[str]:
    """The ids of the dimensions ``text`` names (case, ``_`` and ``-`` ignored, a plural ``s``
    allowed); where a name only matched inside a longer dimension's name, the longer wins."""
    norm = _normal(text)
    spans: dict[str, list[tuple[int, int]]] = {}
    for d in dims:
        found = [(m.start(), m.end()) for t in _terms(d) for m in re.finditer(rf"(?<!\w){re.escape(t)}s?(?!\w)", norm)]
        if found:
            spans[str(d.get("id"))] = found
    kept = set()
    for dim_id, own in spans.items():
        others = [s for k, v in spans.items() if k != dim_id for s in v]
        inside = all(any(a <= s0 and e1 <= b and (b - a) > (e1 - s0) for a, b in others) for s0, e1 in own)
        if not inside:
            kept.add(dim_id)
    return kept


def comment_dimensions(comment: Any, dims: Sequence[dict[str, Any]]) -> set[str]:
    """The dimensions a coach's comment is about: those whose evidence holds the comment's
    turn, and those its text names (:func:`named_dimensions`)."""
    ids = named_dimensions(str(comment.text), dims)
    if comment.utterance_id is not None:
        ids |= {str(d.get("id")) for d in dims if comment.utterance_id in (d.get("evidence") or [])}
    return ids


@dataclass(slots=True)
class Coaching:
    """What coaches did about one dimension on a rep's calls: comments and overrides, by whom."""

    comments: int = 0
    overrides: int = 0
    coaches: set[str] = field(default_factory=set)
    calls: set[str] = field(default_factory=set)
    last: str = ""


def coaching(group: Sequence[CallEntry]) -> dict[str, Coaching]:
    """Per dimension id, the comments and score overrides coaches left on these calls."""
    found: dict[str, Coaching] = defaultdict(Coaching)
    for e in group:
        for c in e.comments:
            for dim_id in comment_dimensions(c, e.dimensions):
                k = found[dim_id]
                k.comments += 1
                k.calls.add(e.key)
                if c.author:
                    k.coaches.add(c.author)
                k.last = max(k.last, c.created[:10])
        for o in e.overrides:
            k = found[o.dimension]
            k.overrides += 1
            k.calls.add(e.key)
            if o.author:
                k.coaches.add(o.author)
            k.last = max(k.last, (o.created or "")[:10])
    return dict(found)


# ------------------------------------------------------------------------------------------
# Sections


def _dim_order(entries: Iterable[CallEntry]) -> dict[str, dict[str, Any]]:
    """Every rubric dimension in these calls, in the order the scorecards list them."""
    order: dict[str, dict[str, Any]] = {}
    for e in entries:
        for d in e.dimensions:
            order.setdefault(str(d.get("id")), d)
    return order


def _dim_points(entries: Iterable[CallEntry], dim_id: str) -> list[tuple[date, float]]:
    """``(day, value)`` of the dimension in every dated conversation that could measure it."""
    return [
        (e.day, float(d["actual"]))
        for e in entries
        if e.is_conversation and e.day is not None
        for d in e.dimensions
        if str(d.get("id")) == dim_id and d.get("status") != "unavailable" and isinstance(d.get("actual"), (int, float))
    ]


@dataclass(frozen=True, slots=True)
class Team:
    """What every rep page compares with, computed once for the whole team: the weekly median
    score and of each dimension's value, the mean score, and in how many conversations each
    stall kind occurred."""

    score: dict[date, WeekValue]
    dimensions: dict[str, dict[date, WeekValue]]
    mean_score: float | None
    conversations: int
    stall_calls: Counter[str]

    @classmethod
    def of(cls, entries: Sequence[CallEntry]) -> Team:
        points = scored_points(entries)
        by_dim: dict[str, list[tuple[date, float]]] = defaultdict(list)
        stall_calls: Counter[str] = Counter()
        convs = 0
        for e in entries:
            if not e.is_conversation:
                continue
            convs += 1
            stall_calls.update({str(m.get("kind") or "stall.other") for m in e.stalls})
            if e.day is None:
                continue
            for d in e.dimensions:
                if d.get("status") != "unavailable" and isinstance(d.get("actual"), (int, float)):
                    by_dim[str(d.get("id"))].append((e.day, float(d["actual"])))
        return cls(
            weekly(points, "median"),
            {k: weekly(v, "median") for k, v in by_dim.items()},
            _mean([s for _, s in points]),
            convs,
            stall_calls,
        )


def _team_line(values: dict[date, WeekValue], weeks: Sequence[date]) -> Series:
    """The team's weekly median over ``weeks`` only: the dashed grey line beside a rep's."""
    span = set(weeks)
    return Series("team", "team median", {w: v for w, v in values.items() if w in span}, TEAM_COLOR, dashed=True)


@dataclass(frozen=True, slots=True)
class Links:
    """Where a rep page's links point: the static report's relative files (:data:`STATIC_LINKS`:
    ``../team.html``, ``../<call>.scorecard.html``, inline CSS) or the review app's pages
    (:data:`APP_LINKS`: ``/``, ``/call/<key>``, a stylesheet, as the app's CSP has no inline style).

    ``call_base``: None links a call to its scorecard file beside the report (none where the
    call has no scorecard); else this prefix and the call's review key. ``stylesheet``: None
    inlines the CSS; else the page links this stylesheet (``team_html.CSS`` + :data:`EXTRA_CSS`).
    """

    back_href: str = "../team.html"
    back_text: str = "Team report"
    call_base: str | None = None
    stylesheet: str | None = None

    def call(self, e: CallEntry, fragment: str = "") -> str | None:
        """The link to the call ``e`` (at ``fragment``, ``#t=..&u=..``), unescaped; None: no page."""
        if self.call_base is not None:
            return f"{self.call_base}{quote(e.key, safe='/')}{fragment}"
        return f"../{e.scorecard_href}{fragment}" if e.scorecard_href else None


STATIC_LINKS = Links()
#: The review app's rep page (``GET /rep/<name>``): calls open on the app's call page.
APP_LINKS = Links(back_href="/", back_text="Review queue", call_base="/call/", stylesheet="/static/rep-page.css")


def _scorecard_link(e: CallEntry, text: str | None = None, links: Links = STATIC_LINKS) -> str:
    name = _e(text if text is not None else e.row.get("path"))
    href = links.call(e)
    return f"<a href='{_e(href)}'>{name}</a>" if href else name


def _date_cell(e: CallEntry) -> str:
    if e.day is None:
        return "–"
    note = " <span class=muted>(file date)</span>" if e.date_from.startswith("file") else ""
    return f"{e.day.isoformat()}{note}"


def _score_section(rep: str, group: Sequence[CallEntry], team_score: dict[date, WeekValue]) -> str:
    """The rep's weekly mean score against the team's weekly median, and the weeks as a table."""
    mine = scored_points(group)
    if not mine:
        return "<p class=muted>No scored conversation yet: nothing to chart.</p>"
    weeks = span_weeks(mine)
    rep_line = Series("rep", rep, weekly(mine), REP_COLOR)
    team = _team_line(team_score, weeks)
    chart = trend_svg(weeks, [rep_line, team], title=f"{rep}: score by week against the team median",
                      frame=SCORE_FRAME, fixed=(0.0, 100.0))  # fmt: skip
    rows = []
    for wk in weeks:
        v = rep_line.values.get(wk)
        t = team.values.get(wk)
        calls = f"{v[1]}" if v else "no calls"
        rows.append(
            f"<tr><td>{_e(week_label(wk))} <span class=muted>({wk.isoformat()})</span></td><td>{calls}</td>"
            f"<td>{_fmt(v[0]) if v else '–'}</td><td>{_fmt(t[0]) if t else '–'}</td></tr>"
        )
    table = (
        "<details><summary>The weeks as a table</summary><div class=wrap><table><tr><th>Week</th><th>Calls</th>"
        f"<th>Mean score</th><th>Team median</th></tr>{''.join(rows)}</table></div></details>"
    )
    return f"{legend([rep_line, team])}{chart}{table}"


def _dimension_section(rep: str, group: Sequence[CallEntry], team_dims: dict[str, dict[date, WeekValue]]) -> str:
    """A small chart per rubric dimension: the rep's weekly mean value against the team's median."""
    order = _dim_order(group)
    mine_all = scored_points(group)
    if not mine_all:
        return "<p class=muted>No scored conversation yet: nothing to chart.</p>"
    if not order:
        return "<p class=muted>No scorecards with rubric dimensions.</p>"
    weeks = span_weeks(mine_all)
    figures = []
    for dim_id, first in order.items():
        unit = str(first.get("unit") or "")
        name = str(first.get("name") or dim_id)
        mine = _dim_points(group, dim_id)
        scored = [d for e in group if e.is_conversation for d in e.dimensions
                  if str(d.get("id")) == dim_id and d.get("status") != "unavailable"]  # fmt: skip
        met = sum(1 for d in scored if d.get("status") == "met")
        caption = (
            f"<figcaption><b>{_e(name)}</b> <span class=muted>target {_e(first.get('target'))}"
            f"{_e(' ' + unit if unit and unit not in str(first.get('target')) else '')};"
            f" on target {met}/{len(scored)}</span></figcaption>"
        )
        if not mine:
            figures.append(f"<figure>{caption}<p class=muted>Not measured on these calls.</p></figure>")
            continue
        team = _team_line(team_dims.get(dim_id, {}), weeks)
        rep_line = Series("rep", rep, weekly(mine), REP_COLOR)
        chart = trend_svg(weeks, [rep_line, team], title=f"{rep}: {name} by week", frame=SMALL, unit=unit)
        figures.append(f"<figure data-dimension='{_e(dim_id)}'>{caption}{chart}</figure>")
    return f"<div class=grid>{''.join(figures)}</div>"


def _coached_section(group: Sequence[CallEntry]) -> str:
    """Which dimensions coaches have worked on with this rep (comments, overrides) and which not."""
    order = _dim_order(group)
    if not order:
        return "<p class=muted>No scorecards with rubric dimensions.</p>"
    done = coaching(group)
    coached, not_yet = [], []
    for dim_id, first in order.items():
        scored = [d for e in group if e.is_conversation for d in e.dimensions
                  if str(d.get("id")) == dim_id and d.get("status") != "unavailable"]  # fmt: skip
        met = sum(1 for d in scored if d.get("status") == "met")
        on_target = f"{met}/{len(scored)}" if scored else "–"
        name = _e(first.get("name") or dim_id)
        k = done.get(dim_id)
        if k is None:
            not_yet.append(f"<tr data-dimension='{_e(dim_id)}'><td>{name}</td><td>{on_target}</td></tr>")
            continue
        how = ", ".join(
            part
            for part in (
                f"{k.comments} comment{'s' if k.comments != 1 else ''}" if k.comments else "",
                f"{k.overrides} score override{'s' if k.overrides != 1 else ''}" if k.overrides else "",
            )
            if part
        )
        coached.append(
            f"<tr data-dimension='{_e(dim_id)}'><td>{name}</td><td class=l>{_e(how)} on {len(k.calls)}"
            f" call{'s' if len(k.calls) != 1 else ''}</td><td class=l>{_e(', '.join(sorted(k.coaches)) or '–')}</td>"
            f"<td class=l>{_e(k.last or '–')}</td><td>{on_target}</td></tr>"
        )
    out = ["<h3>Coached</h3>"]
    if coached:
        out.append(
            "<div class=wrap><table class=coached><tr><th>Dimension</th><th class=l>How</th><th class=l>By</th>"
            f"<th class=l>Last</th><th>On target</th></tr>{''.join(coached)}</table></div>"
        )
    else:
        out.append("<p class=muted>No dimension coached yet.</p>")
    out.append("<h3>Not yet coached</h3>")
    if not_yet:
        out.append(
            "<div class=wrap><table class=not-coached><tr><th>Dimension</th><th>On target</th></tr>"
            f"{''.join(not_yet)}</table></div>"
        )
    else:
        out.append("<p class=muted>Every dimension has been coached.</p>")
    return "".join(out)


def _stall_section(group: Sequence[CallEntry], team: Team, links: Links = STATIC_LINKS) -> str:
    """The rep's stall reasons by how many calls they stalled, with the team's share and the
    latest moment as an example."""
    convs = [e for e in group if e.is_conversation]
    calls: Counter[str] = Counter()
    moments: Counter[str] = Counter()
    latest: dict[str, tuple[CallEntry, dict[str, Any]]] = {}
    for e in sorted(convs, key=lambda e: (e.day or date.min, e.row.get("path") or "")):
        kinds = [str(m.get("kind") or "stall.other") for m in e.stalls]
        moments.update(kinds)
        calls.update(set(kinds))
        for m in e.stalls:
            latest[str(m.get("kind") or "stall.other")] = (e, m)
    if not calls:
        return "<p class=muted>No stall moments in this rep's calls.</p>"
    rows = []
    for kind, c in sorted(calls.items(), key=lambda kv: (-kv[1], kv[0])):
        e, m = latest[kind]
        quote_ = (m.get("evidence") or [""])[0]
        example = f"{_e(m.get('title'))}" + (f"<br><span class=muted>{_e(quote_)}</span>" if quote_ else "")
        example += (
            f"<br><span class=muted>{_scorecard_link(e, links=links)}, {_e(_date_cell(e) if e.day else '')}</span>"
        )
        rows.append(
            f"<tr data-stall='{_e(kind)}'><td>{_e(kind.split('.', 1)[-1].replace('_', ' '))}</td><td>{c}</td>"
            f"<td>{_fmt(_pct(c, len(convs)), 0, ' %')}</td><td>{moments[kind]}</td>"
            f"<td>{_fmt(_pct(team.stall_calls[kind], team.conversations), 0, ' %')}</td><td class='l reason'>{example}</td></tr>"
        )
    return (
        "<div class=wrap><table><tr><th>Stall reason</th><th>Calls</th><th>Share of calls</th><th>Moments</th>"
        f"<th>Team share</th><th class=l>Latest</th></tr>{''.join(rows)}</table></div>"
    )


def _clock(t: float | None) -> str:
    return "" if t is None else f"{int(t // 60)}:{int(t % 60):02d}"


def _comment_section(group: Sequence[CallEntry], links: Links = STATIC_LINKS) -> str:
    """Every comment coaches left on the rep's calls, newest first, with the call and moment."""
    found = [(c, e) for e in group for c in e.comments]
    if not found:
        return "<p class=muted>No comments on this rep's calls yet.</p>"
    found.sort(key=lambda ce: (ce[0].created, ce[0].id), reverse=True)
    rows = []
    for c, e in found:
        dims = sorted(comment_dimensions(c, e.dimensions))
        names = {str(d.get("id")): str(d.get("name") or d.get("id")) for d in e.dimensions}
        state = "stale" if c.stale else ("resolved" if c.resolved else "open")
        at = _clock(c.start)
        anchor = (c.anchor_text[:160] + (" …" if len(c.anchor_text) > 160 else "")) if c.anchor_text else ""
        where = (f" at {at}" if at else "") + (
            f"<br><span class=muted>on \u201c{_e(anchor)}\u201d</span>" if anchor else ""
        )
        rows.append(
            f"<tr class=comment><td class=l>{_e(c.created[:10])}</td><td class=l>{_scorecard_link(e, links=links)}{where}</td>"
            f"<td class=l>{_e(c.author) or '–'}</td>"
            f"<td class='l reason'>{'<span class=muted>reply:</span> ' if c.parent_id else ''}{_e(c.text)}</td>"
            f"<td class=l>{_e(', '.join(names.get(d, d) for d in dims)) or '–'}</td><td class=l>{state}</td></tr>"
        )
    return (
        "<div class=wrap><table><tr><th class=l>Date</th><th class=l>Call</th><th class=l>Coach</th>"
        f"<th class=l>Comment</th><th class=l>Dimension</th><th class=l>Status</th></tr>{''.join(rows)}</table></div>"
    )


# ------------------------------------------------------------------------------------------
# Drills


def _rep_key(rep: str | None) -> str:
    """A rep's name as drills compare it (:func:`callcoach.review.records.rep_key`)."""
    from callcoach.review.records import rep_key

    return rep_key(rep)


def _stored_call(out_dir: Path, key: str, reviewed: Mapping[str, Reviewed]) -> dict[str, Any]:
    """The call ``key`` as this report counts it: the coach's corrected analysis where the call was
    reviewed, else the stored one."""
    found = reviewed.get(key)
    if found is not None:
        return found.call
    data = json.loads((out_dir / f"{key}{ANALYSIS_SUFFIX}").read_bytes())
    if not isinstance(data, dict):
        raise TypeError("not a callcoach analysis")
    return data


def report_drills(out_dir: Path, entries: Sequence[CallEntry], reviewed: Mapping[str, Reviewed] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every rep's drills (:func:`callcoach.review.drill_store.all_drills`, read only), each
    open drill's calls checked now from ``entries`` (the calls as this report counts them: with
    the coaches' corrections where ``reviewed`` has them); {} where no drill was ever set.
    Reads the drill files and the analyses a drill needs; writes nothing."""
    from callcoach.review.drill_store import ReportCall, all_drills

    calls = [
        ReportCall(e.key, str(e.row["rep"]) if e.row.get("rep") else None, e.day, e.is_conversation,
                   partial(_stored_call, out_dir, e.key, reviewed or {}))
        for e in entries
    ]  # fmt: skip
    return all_drills(out_dir, calls=calls)


STATUS_WORDS = {"open": "open", "passed": "passed", "not_passed": "not passed", "cancelled": "cancelled"}


def _moment_cell(check: Mapping[str, Any], e: CallEntry | None, links: Links = STATIC_LINKS) -> str:
    """When in the call the evidence is, linked to that moment of the call's scorecard page where
    there is one (its script seeks to ``#t=..&u=..``), and the turn's words."""
    from callcoach.review.drills import clock

    start = check.get("start")
    quote_ = str(check.get("quote") or "")
    if check.get("utterance_id") is None:
        return "–"
    at = f"at {clock(start)}" if start is not None else f"turn {_e(check.get('utterance_id'))}"
    href = links.call(e, str(check.get("fragment") or "")) if e is not None else None
    if href:
        at = f"<a class=moment href='{_e(href)}'>{at}</a>"
    return at + (f"<br><span class=muted>\u201c{_e(quote_)}\u201d</span>" if quote_ else "")


def _check_rows(
    checks: Sequence[Mapping[str, Any]], by_key: Mapping[str, CallEntry], links: Links = STATIC_LINKS
) -> str:
    rows = []
    for c in checks:
        e = by_key.get(str(c.get("call")))
        call = _scorecard_link(e, links=links) if e is not None else _e(c.get("call"))
        met = c.get("met")
        mark = "<td class='l good'>met</td>" if met else "<td class='l bad'>not met</td>"
        rows.append(
            f"<tr class=check data-call='{_e(c.get('call'))}' data-met='{'yes' if met else 'no'}'>"
            f"<td class=l>{_e(c.get('day'))}</td><td class=l>{call}</td>{mark}"
            f"<td class='l reason'>{_e(c.get('text'))}</td><td class='l reason'>{_moment_cell(c, e, links)}</td></tr>"
        )
    return (
        "<div class=wrap><table class=checks><tr><th class=l>Date</th><th class=l>Call</th><th class=l>Result</th>"
        f"<th class=l>Evidence</th><th class=l>Moment</th></tr>{''.join(rows)}</table></div>"
    )


def _drill_article(d: Mapping[str, Any], by_key: Mapping[str, CallEntry], links: Links = STATIC_LINKS) -> str:
    """One drill: what it asks, where it stands, and each call it checked."""
    status = str(d.get("status") or "open")
    calls, checked, met, pass_at = (int(d.get(k) or 0) for k in ("calls", "checked", "met", "pass_at"))
    head = (
        f"<h3>{_e(d.get('title'))} <span class='badge {_e(status)}'>{_e(STATUS_WORDS.get(status, status))}</span></h3>"
    )
    about = []
    if d.get("describe") and d.get("describe") != d.get("title"):
        about.append(str(d["describe"]))
    about.append(f"met on at least {pass_at} of the next {calls} call{'s' if calls != 1 else ''} from {d.get('since')}")
    about.append(f"set by {d.get('set_by') or 'a coach'} on {str(d.get('set_at') or '')[:10] or '–'}")
    if d.get("from_call"):
        e = by_key.get(str(d["from_call"]))
        about.append(f"on {e.row.get('path') if e is not None else d['from_call']}")
    if status == "cancelled":
        about.append(f"cancelled by {d.get('cancelled_by') or 'a coach'} on {str(d.get('cancelled_at') or '')[:10]}")
    parts = [head, f"<p class=muted>{_e('; '.join(about))}</p>"]
    if d.get("note"):
        parts.append(f"<p class=reason>Note for the rep: {_e(d['note'])}</p>")
    checks = d.get("checks") or []
    if not checks:
        tally = "No call checked yet: the rep's next calls are checked once they are analysed."
        if status == "cancelled":
            tally = "Cancelled before any call was checked."
    elif status == "open":
        tally = f"{met} of {checked} call{'s' if checked != 1 else ''} met so far; {calls - checked} still to check."
    elif status == "cancelled":
        tally = f"{met} of {checked} call{'s' if checked != 1 else ''} met when it was cancelled."
    else:
        tally = f"{met} of {checked} calls met (needs {pass_at})."
    parts.append(f"<p class=tally>{_e(tally)}</p>")
    if checks:
        parts.append(_check_rows(checks, by_key, links))
    skipped = d.get("not_applicable") or []
    if skipped:
        items = "".join(
            f"<li data-call='{_e(c.get('call'))}'>{_scorecard_link(by_key[c['call']], links=links) if c.get('call') in by_key else _e(c.get('call'))}"
            f" ({_e(c.get('day'))}): {_e(c.get('text'))}</li>"
            for c in skipped
        )
        parts.append(f"<p class=muted>Calls that could not show it (not counted):</p><ul class='muted not-applicable'>{items}</ul>")
    return f"<article class=drill data-drill='{_e(d.get('id'))}' data-status='{_e(status)}'>{''.join(parts)}</article>"


def _drill_section(drills: Sequence[Mapping[str, Any]], group: Sequence[CallEntry], links: Links = STATIC_LINKS) -> str:
    """The rep's drills, newest first, each with its checked calls."""
    if not drills:
        return "<p class=muted>No drills given to this rep yet (a coach sets one in <code>callcoach review</code>).</p>"
    by_key = {e.key: e for e in group}
    return "".join(_drill_article(d, by_key, links) for d in drills)


def _calls_section(group: Sequence[CallEntry], links: Links = STATIC_LINKS) -> str:
    """The rep's calls in date order: date (and where it came from), scorecard, score, stalls."""
    rows = []
    for e in sorted(group, key=lambda e: (e.day or date.min, e.row.get("path") or "")):
        r = e.row
        if e.is_conversation:
            score = _fmt(r.get("score"))
            if e.reviewed and r.get("machine_score") != r.get("score"):
                score += f" <span class=muted>(machine {_fmt(r.get('machine_score'))})</span>"
        else:
            score = f"<span class=muted>{_e(str(r.get('conversation')).replace('_', ' '))}, not scored</span>"
        stalls = ", ".join(s.split(".", 1)[-1].replace("_", " ") for s in str(r.get("stalls") or "").split(";") if s)
        coaches = str(r.get("reviewed_by") or "").replace(";", ", ")
        reviewed = _e(coaches) if coaches else ("in review" if e.reviewed else "–")
        rows.append(
            f"<tr><td class=l>{_date_cell(e)}</td><td class=l>{_e(week_label(week_of(e.day)) if e.day else '')}</td>"
            f"<td class=l>{_scorecard_link(e, links=links)}</td><td>{score}</td><td class=l>{_e(stalls) or '–'}</td>"
            f"<td>{len(e.comments) or ''}</td><td class=l>{reviewed}</td></tr>"
        )
    head = (
        "<tr><th class=l>Date</th><th class=l>Week</th><th class=l>Call</th><th>Score</th><th class=l>Stalls</th>"
        "<th>Comments</th><th class=l>Reviewed</th></tr>"
    )
    return f"<div class=wrap><table>{head}{''.join(rows)}</table></div>"


def _lead(group: Sequence[CallEntry], team_mean: float | None) -> str:
    n = len(group)
    mine = scored_points(group)
    days = sorted(e.day for e in group if e.day is not None)
    span = f" from {days[0].isoformat()} to {days[-1].isoformat()}" if days and days[0] != days[-1] else (
        f" on {days[0].isoformat()}" if days else "")  # fmt: skip
    weeks_with = len(weekly(mine))
    weeks_all = len(span_weeks(mine))
    text = f"{n} call{'s' if n != 1 else ''}{span}"
    if mine:
        text += (
            f"; {len(mine)} scored, in {weeks_with} of {weeks_all} week{'s' if weeks_all != 1 else ''}."
            f" Mean score {_fmt(_mean([s for _, s in mine]))}"
            f" (team: {_fmt(team_mean)})."
        )
    else:
        text += "."
    if len(mine) == 1:
        text += " One scored call so far: each chart shows a single point, not yet a trend."
    elif not mine:
        text += " No scored conversation yet: there is no trend to show."
    by_file = sum(1 for e in group if e.date_from.startswith("file"))
    if by_file:
        text += (
            f" {by_file} call{'s are' if by_file != 1 else ' is'} dated by {'their' if by_file != 1 else 'its'}"
            " analysis file (the manifest gives no date)."
        )
    return f"<p class=lead>{_e(text)}</p>"


EXTRA_CSS = (
    ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(290px,1fr));gap:12px}"
    "figure{margin:0}figcaption{font-size:13px;margin-bottom:2px}h3{font-size:15px;margin:14px 0 6px}"
    "details{margin-top:8px}summary{cursor:pointer;color:#555}"
    "article.drill{border-top:1px solid #eceef2;padding-top:4px}article.drill:first-child{border-top:0}"
    ".badge{font-size:12px;font-weight:600;padding:1px 7px;border-radius:9px;background:#eef2fb;vertical-align:middle}"
    ".badge.passed{background:#e6f4ea}.badge.not_passed{background:#fde8e8}.badge.cancelled{background:#eceef2;color:#555}"
    "p.tally{margin:4px 0}table.checks td:nth-child(-n+3){white-space:nowrap}"
)


def render_rep_page(rep: str, group: Sequence[CallEntry], team: Team, drills: Sequence[Mapping[str, Any]] = (),
                    links: Links = STATIC_LINKS) -> str:  # fmt: skip
    """The text of one rep's page: ``group`` are the rep's calls, ``team`` the whole team's
    figures (:meth:`Team.of`), ``drills`` the rep's drills, newest first (the JSON form of
    :func:`callcoach.review.drill_store.drill_json`), ``links`` where its links point (the
    report's files, or the review app's pages: :data:`APP_LINKS`)."""
    body = [
        f"<p><a href='{_e(links.back_href)}'>\u2190 {_e(links.back_text)}</a></p>",
        f"<h1>Rep: {_e(rep)}</h1>",
        _lead(group, team.mean_score),
        "<section id=score><h2>Score by week</h2>",
        "<p class=muted>The rep's mean score each week against the team's weekly median; a week without calls is a gap.</p>",
        _score_section(rep, group, team.score),
        "</section>",
        "<section id=dimensions><h2>Rubric dimensions by week</h2>",
        "<p class=muted>Each dimension's value, the rep's weekly mean (blue) against the team's weekly median (grey).</p>",
        _dimension_section(rep, group, team.dimensions),
        "</section>",
        "<section id=drills><h2>Drills</h2>",
        (
            "<p class=muted>What coaches asked the rep to practise, checked on the rep's next calls"
            " (with the coaches' corrections): met or not on each, with the moment that decided it.</p>"
        ),
        _drill_section(drills, group, links),
        "</section>",
        "<section id=coached><h2>Coached behaviours</h2>",
        (
            "<p class=muted>A dimension is coached when a coach overrode its points on one of the rep's calls,"
            " or commented on a turn that is its evidence or by its name.</p>"
        ),
        _coached_section(group),
        "</section>",
        "<section id=stalls><h2>Recurring stall reasons</h2>",
        _stall_section(group, team, links),
        "</section>",
        "<section id=comments><h2>Comments from coaches</h2>",
        _comment_section(group, links),
        "</section>",
        "<section id=calls><h2>Calls over time</h2>",
        _calls_section(group, links),
        "</section>",
    ]
    return page(TITLE_PREFIX + rep, body, css=EXTRA_CSS, stylesheet=links.stylesheet)


def _ours(path: Path) -> bool:
    """Whether ``path`` is a rep page this module wrote (its title says so)."""
    try:
        with path.open("r", encoding="utf-8", errors="replace") as fh:
            return f"<title>{_e(TITLE_PREFIX)}" in fh.read(4096)
    except OSError:
        return False


def _drills_by_rep(drills: Mapping[str, Sequence[Mapping[str, Any]]] | None) -> dict[str, list[Mapping[str, Any]]]:
    """Every rep's drills by :func:`_rep_key` (names in any case are one rep), newest first."""
    by_rep: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for name, found in (drills or {}).items():
        by_rep[_rep_key(name)].extend(found)
    for mine in by_rep.values():
        mine.sort(key=lambda d: (str(d.get("set_at") or ""), str(d.get("id") or "")), reverse=True)
    return by_rep


def write_rep_pages(reps_dir: Path, entries: Sequence[CallEntry],
                    drills: Mapping[str, Sequence[Mapping[str, Any]]] | None = None) -> dict[str, str]:  # fmt: skip
    """Write a page per rep under ``reps_dir`` (only where its content changed), remove the pages
    of reps who have no call any more, and return each rep's page relative to the team page
    (``reps/dana.html``). ``drills``: every rep's drills (:func:`report_drills`), matched to the
    reps by name in any case."""
    groups = _by_rep(list(entries))
    slugs = rep_slugs(groups)
    team = Team.of(entries)
    by_rep = _drills_by_rep(drills)
    for rep, group in groups.items():
        write_if_changed(reps_dir / slugs[rep], render_rep_page(rep, group, team, by_rep.get(_rep_key(rep), ())))
    if reps_dir.is_dir():
        keep = set(slugs.values())
        for p in sorted(reps_dir.glob("*.html")):
            if p.name not in keep and not p.name.endswith(".scorecard.html") and _ours(p):
                p.unlink(missing_ok=True)
    return {rep: f"{quote(reps_dir.name)}/{quote(slugs[rep])}" for rep in groups}


def rep_page(out_dir: Path, rep: str, *, reviewed: Mapping[str, Reviewed] | None = None,
             links: Links = APP_LINKS) -> str | None:  # fmt: skip
    """The page of ``rep`` (any case) built now from the analyses in ``out_dir``, as
    :func:`callcoach.batch.team.build_team_report` builds it, with ``links`` (default: the review
    app's pages); None where the rep has no call there. ``reviewed``: the coaches' work
    (:func:`callcoach.batch.team.reviewed_calls`). Reads only: no page, drill or review file is
    written (the drills are checked in memory, :func:`report_drills`)."""
    entries, _ = load_entries(out_dir, dict(reviewed or {}))
    groups = _by_rep(entries)
    name = next((r for r in sorted(groups) if _rep_key(r) == _rep_key(rep) != ""), None)
    if name is None:
        return None
    drills = _drills_by_rep(report_drills(out_dir, entries, reviewed)).get(_rep_key(name), [])
    return render_rep_page(name, groups[name], Team.of(entries), drills, links)


def stylesheet() -> str:
    """The CSS a rep page inlines, for :attr:`Links.stylesheet` (the review app serves it)."""
    return CSS + EXTRA_CSS


__all__ = [
    "APP_LINKS",
    "STATIC_LINKS",
    "TITLE_PREFIX",
    "Links",
    "Team",
    "coaching",
    "comment_dimensions",
    "named_dimensions",
    "render_rep_page",
    "rep_page",
    "rep_slugs",
    "report_drills",
    "stylesheet",
    "write_rep_pages",
]  # fmt: skip
