"""``team.html``: one self-contained page (inline CSS and SVG, no scripts, no network) for a
sales manager: scores per rep against the rubric's targets, the distribution of scores, the SPIN
funnel, the common objections and how often they were explored, the stall reasons that recur,
a link to every call's scorecard, and the calls that failed (file and why; counted in the lead).
Every rep's own page (``reps/<rep>.html``: :mod:`callcoach.batch.rep_pages`) is linked by name
above the reps table and from a small chart in each rep's row: the rep's mean score by week
against the team's weekly median.
Recordings that are not conversations (voicemails, one voice, too little two-way talk:
:mod:`callcoach.conversation`) count in no mean, target or chart; the lead counts them and
their own section lists them with what each is and why.
Every string from a call is escaped; the page holds no times, so the same analyses give the same
bytes. A Content-Security-Policy meta (:data:`CSP`) forbids every network request and every
script.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from html import escape
from typing import Any

from callcoach.batch.state import FailureRecord
from callcoach.batch.team import SPIN_STAGES, CallEntry
from callcoach.batch.trends import SPARK, Series, trend_svg, week_range, weekly

NO_REP = "(no rep)"
#: The team page's and rep pages' Content-Security-Policy: nothing from the network, no script,
#: inline style and ``data:`` images only.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
#: The same, for a page served with a linked style sheet (no inline style): what the review app
#: serves a rep page under, beside its own stricter header.
LINKED_CSP = "default-src 'none'; style-src 'self'; img-src data:; base-uri 'none'; form-action 'none'"
REP_COLOR, TEAM_COLOR = "#1a56c4", "#8a8f99"

CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
main{max-width:1100px;margin:0 auto;padding:16px}
h1{font-size:22px;margin:8px 0 4px}h2{font-size:17px;margin:28px 0 8px}
p.lead{color:#555;margin:0 0 12px}
section{background:#fff;border:1px solid #e2e5ea;border-radius:8px;padding:12px 16px;margin:12px 0}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:5px 8px;border-bottom:1px solid #eceef2;text-align:right;vertical-align:top}
th:first-child,td:first-child{text-align:left}
th{font-weight:600;background:#fafbfc;font-size:13px}
td.l,th.l{text-align:left}
td.reason{overflow-wrap:anywhere}
.good{background:#e6f4ea}.near{background:#fff4d6}.bad{background:#fde8e8}
.muted{color:#777;font-size:12px}
.wrap{overflow-x:auto;max-width:100%}
svg{max-width:100%;height:auto}
p,li,h1,h2{overflow-wrap:anywhere}
.wrap table{min-width:480px}
svg text{font:12px system-ui,sans-serif;fill:#1d2330}
a{color:#1a56c4}
svg.trend{display:block}
.legend svg{vertical-align:middle}
.legend .key{margin-right:14px}
"""


def _e(v: Any) -> str:
    return escape("" if v is None else str(v), quote=True)


def _fmt(v: float | None, digits: int = 1, unit: str = "") -> str:
    return "–" if v is None else f"{v:.{digits}f}{unit}"


def _mean(values: list[Any]) -> float | None:
    vals = [v for v in values if v is not None]
    return sum(vals) / len(vals) if vals else None


def _pct(n: int, d: int) -> float | None:
    return 100.0 * n / d if d else None


def _band(share: float | None) -> str:
    if share is None:
        return ""
    return "good" if share >= 75 else ("near" if share >= 40 else "bad")


def _rep(e: CallEntry) -> str:
    return str(e.row.get("rep") or NO_REP)


def _by_rep(entries: list[CallEntry]) -> dict[str, list[CallEntry]]:
    groups: dict[str, list[CallEntry]] = defaultdict(list)
    for e in entries:
        groups[_rep(e)].append(e)
    return dict(sorted(groups.items()))


def scored_points(entries: Sequence[CallEntry]) -> list[tuple[date, float]]:
    """``(day, score)`` of every dated conversation with a score: what the trend charts plot."""
    return [
        (e.day, float(e.row["score"]))
        for e in entries
        if e.is_conversation and e.day is not None and e.row.get("score") is not None
    ]


def span_weeks(points: Sequence[tuple[date, float]]) -> list[date]:
    """The weeks (Mondays) from the first to the last of ``points``; [] with none."""
    if not points:
        return []
    days = [d for d, _ in points]
    return week_range(min(days), max(days))


def team_series(points: Sequence[tuple[date, float]], label: str = "team median") -> Series:
    """The team's weekly median of ``points``, the dashed grey line of every trend chart."""
    return Series("team", label, weekly(points, "median"), TEAM_COLOR, dashed=True)


def _rep_trend(rep: str, group: Sequence[CallEntry], weeks: Sequence[date], team: Series, href: str | None) -> str:
    """A table cell's chart: the rep's mean score by week against the team's weekly median,
    linked to the rep's page."""
    mine = weekly(scored_points(group))
    chart = "–"
    if weeks and mine:
        rep_line = Series("rep", rep, mine, REP_COLOR)
        chart = trend_svg(weeks, [rep_line, team], title=f"{rep}: score by week against the team median",
                          frame=SPARK, fixed=(0.0, 100.0), gaps_of=None)  # fmt: skip
    return f"<a href='{_e(href)}' title='{_e(rep)}: rep page'>{chart}</a>" if href else chart


def _rep_links(reps: Sequence[str], rep_hrefs: Mapping[str, str] | None) -> str:
    """One line linking every rep's page by name."""
    links = [f"<a href='{_e(rep_hrefs[r])}'>{_e(r)}</a>" for r in reps if rep_hrefs and r in rep_hrefs]
    return f"<p class=rep-pages>Rep pages: {' · '.join(links)}</p>" if links else ""


def _rep_table(entries: list[CallEntry], rep_hrefs: Mapping[str, str] | None = None) -> str:
    """Per rep: the conversations and their means, the rep's score by week against the team's
    median (linked to the rep's page, as is the rep's name in the line above the table); the
    recordings that are not conversations (voicemails, one voice) are only counted, in their own
    column."""
    points = scored_points(entries)
    weeks, team = span_weeks(points), team_series(points)
    head = (
        "<tr><th>Rep</th><th>Calls</th><th>Mean score</th><th class=l>Score by week</th><th>Rep talk %</th><th>Rep questions</th>"
        "<th>Reached implication</th><th>Objections explored</th><th>Ended in an Advance</th>"
        "<th>Not conversations</th></tr>"
    )
    rows = []
    for rep, everything in _by_rep(entries).items():
        group = [e for e in everything if e.is_conversation]
        left_out = len(everything) - len(group)
        n = len(group)
        deep = sum(1 for e in group if e.row.get("spin_reached") in ("implication", "need_payoff"))
        objections = sum(len(e.objections) for e in group)
        explored = sum(1 for e in group for o in e.objections if o.get("response") == "explored")
        tagged = [e for e in group if e.row.get("next_step") not in (None, "unknown")]
        advance = sum(1 for e in tagged if e.row.get("next_step") == "advance")
        rows.append(
            f"<tr><td>{_e(rep)}</td><td>{n}</td>"
            f"<td>{_fmt(_mean([e.row.get('score') for e in group]))}</td>"
            f"<td class=l>{_rep_trend(rep, group, weeks, team, (rep_hrefs or {}).get(rep))}</td>"
            f"<td>{_fmt(_mean([e.row.get('rep_talk_pct') for e in group]), unit=' %')}</td>"
            f"<td>{_fmt(_mean([e.row.get('rep_questions') for e in group]))}</td>"
            f"<td>{_fmt(_pct(deep, n), 0, ' %')}</td>"
            f"<td>{_fmt(_pct(explored, objections), 0, ' %')} <span class=muted>of {objections}</span></td>"
            f"<td>{_fmt(_pct(advance, len(tagged)), 0, ' %')}</td><td>{left_out or ''}</td></tr>"
        )
    links = _rep_links(list(_by_rep(entries)), rep_hrefs)
    return f"{links}<div class=wrap><table>{head}{''.join(rows)}</table></div>"


def _dimension_table(entries: list[CallEntry]) -> str:
    """Rubric dimensions (rows) by rep (columns): mean value and share of calls on target."""
    order: dict[str, dict[str, Any]] = {}
    for e in entries:
        for d in e.dimensions:
            order.setdefault(str(d.get("id")), d)
    if not order:
        return "<p class=muted>No scorecards with rubric dimensions.</p>"
    groups = _by_rep(entries)
    head = "<tr><th>Dimension</th><th>Target</th>" + "".join(f"<th>{_e(r)}</th>" for r in groups) + "</tr>"
    rows = []
    for dim_id, first in order.items():
        unit = str(first.get("unit") or "")
        cells = []
        for group in groups.values():
            found = [d for e in group for d in e.dimensions if str(d.get("id")) == dim_id]
            scored = [d for d in found if d.get("status") != "unavailable"]
            met = sum(1 for d in scored if d.get("status") == "met")
            share = _pct(met, len(scored))
            mean = _mean([d.get("actual") for d in scored])
            text = (
                "–"
                if not scored
                else f"{_fmt(mean)}{_e(' ' + unit if unit else '')}<br><span class=muted>on target {met}/{len(scored)}</span>"
            )
            cells.append(f"<td class='{_band(share)}'>{text}</td>")
        rows.append(
            f"<tr><td>{_e(first.get('name') or dim_id)}</td><td>{_e(first.get('target'))}</td>{''.join(cells)}</tr>"
        )
    return f"<div class=wrap><table>{head}{''.join(rows)}</table></div>"


def _histogram(scores: list[float]) -> str:
    """An SVG histogram of scores in ten bins of 10 points."""
    bins = [0] * 10
    for s in scores:
        bins[min(9, max(0, int(s // 10)))] += 1
    top = max(bins) or 1
    w, h, pad, bw = 560, 180, 28, 50
    bars = []
    for i, n in enumerate(bins):
        bh = (h - 2 * pad) * n / top
        x, y = pad + i * bw, h - pad - bh
        bars.append(
            f"<rect x='{x + 3}' y='{y:.1f}' width='{bw - 6}' height='{bh:.1f}' fill='#4a7fd6'><title>{i * 10}-{i * 10 + 10}: {n} call{'s' if n != 1 else ''}</title></rect>"
            f"<text x='{x + bw / 2}' y='{h - pad + 14}' text-anchor='middle'>{i * 10}</text>"
            + (f"<text x='{x + bw / 2}' y='{y - 4:.1f}' text-anchor='middle'>{n}</text>" if n else "")
        )
    axis = f"<line x1='{pad}' y1='{h - pad}' x2='{pad + 10 * bw}' y2='{h - pad}' stroke='#999'/>"
    label = f"<text x='{pad + 10 * bw}' y='{h - 2}' text-anchor='end'>score</text>"
    return f"<svg role='img' aria-label='Distribution of scores' viewBox='0 0 {w} {h}' width='{w}' height='{h}'>{axis}{''.join(bars)}{label}</svg>"


def _funnel(entries: list[CallEntry]) -> str:
    """Share of calls whose rep reached each SPIN stage (the furthest stage or beyond)."""
    n = len(entries)
    rank = {s: i for i, s in enumerate(SPIN_STAGES)}
    reached = [rank.get(str(e.row.get("spin_reached")), -1) for e in entries]
    w, row_h, label_w = 560, 30, 130
    bars = []
    for i, stage in enumerate(SPIN_STAGES):
        k = sum(1 for r in reached if r >= i)
        share = k / n if n else 0.0
        bw = (w - label_w - 80) * share
        y = i * row_h
        bars.append(
            f"<text x='0' y='{y + 19}'>{_e(stage.replace('_', '-'))}</text>"
            f"<rect x='{label_w}' y='{y + 5}' width='{bw:.1f}' height='{row_h - 10}' fill='#3c9a6b'/>"
            f"<text x='{label_w + bw + 6:.1f}' y='{y + 19}'>{share:.0%} ({k})</text>"
        )
    h = row_h * len(SPIN_STAGES)
    return (
        f"<svg role='img' aria-label='SPIN funnel' viewBox='0 0 {w} {h}' width='{w}' height='{h}'>{''.join(bars)}</svg>"
    )


def _objections(entries: list[CallEntry]) -> str:
    counts: Counter[str] = Counter()
    explored: Counter[str] = Counter()
    for e in entries:
        for o in e.objections:
            label = str(o.get("label") or "objection.other")
            typ = label.split(".", 1)[1] if "." in label else label
            counts[typ] += 1
            explored[typ] += o.get("response") == "explored"
    if not counts:
        return "<p class=muted>No objections were found in these calls.</p>"
    rows = "".join(
        f"<tr><td>{_e(t.replace('_', ' '))}</td><td>{n}</td><td class='{_band(_pct(explored[t], n))}'>{_fmt(_pct(explored[t], n), 0, ' %')}</td></tr>"
        for t, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return f"<div class=wrap><table><tr><th>Objection</th><th>Times raised</th><th>Explored</th></tr>{rows}</table></div>"


def _stalls(entries: list[CallEntry]) -> str:
    calls: Counter[str] = Counter()
    moments: Counter[str] = Counter()
    for e in entries:
        kinds = [str(m.get("kind") or "stall.other") for m in e.stalls]
        moments.update(kinds)
        calls.update(set(kinds))
    if not calls:
        return "<p class=muted>No stall moments in these calls.</p>"
    n = len(entries)
    rows = "".join(
        f"<tr><td>{_e(k.split('.', 1)[-1].replace('_', ' '))}</td><td>{c}</td><td>{_fmt(_pct(c, n), 0, ' %')}</td><td>{moments[k]}</td></tr>"
        for k, c in sorted(calls.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return f"<div class=wrap><table><tr><th>Stall reason</th><th>Calls</th><th>Share of calls</th><th>Moments</th></tr>{rows}</table></div>"


def _call_cells(e: CallEntry) -> str:
    """A call row's first cells: the call (linked to its scorecard), rep, team, date, minutes."""
    r = e.row
    name = _e(r.get("path"))
    link = f"<a href='{_e(e.scorecard_href)}'>{name}</a>" if e.scorecard_href else name
    minutes = _fmt((r.get("duration_s") or 0) / 60 if r.get("duration_s") is not None else None)
    return (f"<td>{link}</td><td class=l>{_e(r.get('rep'))}</td><td class=l>{_e(r.get('team'))}</td>"
            f"<td class=l>{_e(r.get('date'))}</td><td>{minutes}</td>")


def _calls(entries: list[CallEntry]) -> str:
    rows = []
    for e in entries:
        r = e.row
        stalls = ", ".join(s.split(".", 1)[-1].replace("_", " ") for s in str(r.get("stalls") or "").split(";") if s)
        score = _fmt(r.get("score"))
        if e.reviewed and r.get("machine_score") != r.get("score"):
            score += f" <span class=muted>(machine {_fmt(r.get('machine_score'))})</span>"
        coaches = str(r.get("reviewed_by") or "").replace(";", ", ")
        reviewed = _e(coaches) if coaches else ("in review" if e.reviewed else "–")
        rows.append(
            f"<tr>{_call_cells(e)}<td>{score}</td><td class=l>{_e((r.get('spin_reached') or '–').replace('_', '-'))}</td>"
            f"<td class=l>{_e(r.get('next_step'))}</td><td class=l>{_e(stalls)}</td><td class=l>{reviewed}</td></tr>"
        )
    head = (
        "<tr><th>Call</th><th class=l>Rep</th><th class=l>Team</th><th class=l>Date</th><th>Minutes</th><th>Score</th>"
        "<th class=l>SPIN reached</th><th class=l>Next step</th><th class=l>Stalls</th><th class=l>Reviewed</th></tr>"
    )
    return f"<div class=wrap><table>{head}{''.join(rows)}</table></div>"


def _reviewed_note(entries: list[CallEntry]) -> str:
    k = sum(e.reviewed for e in entries)
    if not k:
        return ""
    return f" {k} call{'s' if k != 1 else ''} reviewed by a coach: {'they count' if k != 1 else 'it counts'} with the coach's corrections."


def _left_out_note(left_out: list[CallEntry]) -> str:
    """The lead's count of recordings that are not conversations, by kind."""
    k = len(left_out)
    if not k:
        return ""
    kinds = Counter(str(e.row.get("conversation")).replace("_", " ") for e in left_out)
    detail = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
    return (
        f" <a href='#not-conversations'>{k} voicemail{'s' if k != 1 else ''} / non-conversation{'s' if k != 1 else ''}"
        f" left out</a> of every mean and target ({_e(detail)})."
    )


def _not_conversations(left_out: list[CallEntry]) -> str:
    """The recordings that are not conversations: what each is and why, with its scorecard."""
    rows = []
    for e in left_out:
        r = e.row
        rows.append(
            f"<tr>{_call_cells(e)}<td class=l>{_e(str(r.get('conversation')).replace('_', ' '))}</td>"
            f"<td class='l reason'>{_e(r.get('conversation_reason'))}</td></tr>"
        )
    head = (
        "<tr><th>Call</th><th class=l>Rep</th><th class=l>Team</th><th class=l>Date</th><th>Minutes</th>"
        "<th class=l>What</th><th class=l>Why</th></tr>"
    )
    return f"<div class=wrap><table>{head}{''.join(rows)}</table></div>"


def _failed_note(failures: Sequence[FailureRecord]) -> str:
    k = len(failures)
    if not k:
        return ""
    return (
        f" <a href='#failed'>{k} call{'s' if k != 1 else ''} failed</a> and {'are' if k != 1 else 'is'}"
        " not counted: fix or replace the file and run the batch again."
    )


def _reason(f: FailureRecord) -> str:
    """The error without the input's path in front (the page names the file beside it, and the
    folder the batch ran in is nobody's business on a shared page)."""
    head = f"{f.path}: "
    at = f.error.find(head)
    if at == 0 or (at > 0 and f.error[at - 1] in "/\\"):
        return f.error[at + len(head) :]
    return f.error


def _failed(failures: Sequence[FailureRecord]) -> str:
    """The inputs that have no analysis: file and the one-line reason."""
    rows = "".join(f"<tr><td>{_e(f.path)}</td><td class='l reason'>{_e(_reason(f))}</td></tr>" for f in failures)
    return f"<div class=wrap><table><tr><th>File</th><th class=l>Why it failed</th></tr>{rows}</table></div>"


def page(title: str, body: Sequence[str], css: str = "", stylesheet: str | None = None) -> str:
    """A whole self-contained page: the CSP meta, the shared CSS (and ``css``) and ``body``
    (already escaped). ``stylesheet``: link this style sheet (same origin) instead of inlining
    the CSS, for a server whose CSP forbids inline style (the review app: :data:`LINKED_CSP`)."""
    if stylesheet is None:
        csp, style = CSP, f"<style>{CSS}{css}</style>"
    else:
        csp, style = LINKED_CSP, f"<link rel=stylesheet href='{_e(stylesheet)}'>"
    return (
        "<!doctype html>\n<html lang=en><head><meta charset=utf-8>"
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        "<meta name=viewport content='width=device-width,initial-scale=1'><meta name=referrer content=no-referrer>"
        f"<title>{_e(title)}</title>{style}</head><body><main>{''.join(body)}</main></body></html>\n"
    )


def render_team_html(
    entries: list[CallEntry], failures: Sequence[FailureRecord] = (), rep_hrefs: Mapping[str, str] | None = None
) -> str:
    """The text of ``team.html`` for these analyses, and the inputs that failed (listed with why,
    and counted in the lead, so nobody reads the numbers as the whole team's); ``rep_hrefs``:
    each rep's page, relative to the team page, linked from the rep's name."""
    n = len(entries)
    reps = len({_rep(e) for e in entries})
    hours = sum(e.row.get("duration_s") or 0.0 for e in entries) / 3600
    left_out = [e for e in entries if not e.is_conversation]
    entries = [e for e in entries if e.is_conversation]  # every number below is over conversations
    scores = [e.row["score"] for e in entries if e.row.get("score") is not None]
    body = [
        "<h1>Team report</h1>",
        (
            f"<p class=lead>{n} call{'s' if n != 1 else ''}, {reps} rep{'s' if reps != 1 else ''},"
            f" {hours:.1f} hours of calls. Mean score {_fmt(_mean(scores))}.{_reviewed_note(entries)}"
            f"{_left_out_note(left_out)}{_failed_note(failures)}</p>"
        ),
        "<section><h2>Reps</h2>",
        (
            "<p class=muted>Score by week: the rep's mean score each week (blue) against the team's weekly median"
            " (grey, dashed); a week without calls is a gap. The chart opens the rep's page.</p>"
        ),
        _rep_table(entries + left_out, rep_hrefs),
        "</section>",
        "<section><h2>Rubric targets by rep</h2>",
        "<p class=muted>Mean value over each rep's calls, and how many calls met the target.</p>",
        _dimension_table(entries),
        "</section>",
        "<section><h2>Distribution of scores</h2>",
        _histogram(scores),
        "</section>",
        "<section><h2>SPIN funnel</h2>",
        "<p class=muted>Share of calls whose rep asked questions at least as far as each stage.</p>",
        _funnel(entries),
        "</section>",
        "<section><h2>Objections</h2>",
        _objections(entries),
        "</section>",
        "<section><h2>Recurring stall reasons</h2>",
        _stalls(entries),
        "</section>",
        "<section><h2>Calls</h2>",
        _calls(entries),
        "</section>",
    ]
    if left_out:
        body += [
            f"<section id=not-conversations><h2>Not conversations, left out ({len(left_out)})</h2>",
            (
                "<p class=muted>Voicemails, calls where one voice was heard and calls with too little two-way talk"
                " are not scored: they are left out of every mean, target and chart above.</p>"
            ),
            _not_conversations(left_out),
            "</section>",
        ]
    if failures:
        body += [
            f"<section id=failed><h2>Failed calls ({len(failures)})</h2>",
            "<p class=muted>These inputs have no analysis and are left out of every number above.</p>",
            _failed(failures),
            "</section>",
        ]
    return page("callcoach team report", body)
