"""Values by week, drawn as small inline SVG trend charts for the team report and the rep pages.

A week is an ISO week (Monday to Sunday), named ``2026-W37``. A chart spans every week from its
first to its last, so a week in which a rep had no calls is a *gap*: the line breaks there and a
pale band says "no calls", never a point at zero. Each point carries its week and value
(``data-week``, ``data-value``) and a tooltip with the number of calls behind it.

Pure functions of their inputs (no clock, no network, no script): the same values give the same
bytes.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

#: A week's value and how many calls it is over.
WeekValue = tuple[float, int]


def week_of(day: date) -> date:
    """The Monday of the ISO week ``day`` falls in (the key every weekly series uses)."""
    return day - timedelta(days=day.weekday())


def week_label(monday: date) -> str:
    """``2026-W37``: the ISO year and week of ``monday``."""
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def week_range(first: date, last: date) -> list[date]:
    """Every Monday from the week of ``first`` to the week of ``last``, both included."""
    start, end = week_of(first), week_of(last)
    return [start + timedelta(weeks=i) for i in range((end - start).days // 7 + 1)]


def weekly(points: Iterable[tuple[date, float | None]], how: str = "mean") -> dict[date, WeekValue]:
    """``(day, value)`` pairs grouped by week: the ``mean`` or ``median`` of each week's values
    and their count; a None value counts nowhere, and a week without values has no entry."""
    groups: dict[date, list[float]] = defaultdict(list)
    for day, value in points:
        if value is not None:
            groups[week_of(day)].append(float(value))
    pick = statistics.median if how == "median" else statistics.fmean
    return {w: (pick(vals), len(vals)) for w, vals in sorted(groups.items())}


@dataclass(frozen=True, slots=True)
class Series:
    """One line of a chart: ``css`` names it in the SVG (``rep``, ``team``), ``label`` in the
    tooltips and legend; ``values`` by week (Monday)."""

    css: str
    label: str
    values: dict[date, WeekValue]
    color: str
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class Frame:
    """A chart's size in pixels; ``compact`` leaves out the axis labels (a table cell's chart)."""

    width: int = 560
    height: int = 160
    compact: bool = False


SMALL = Frame(280, 110)
SPARK = Frame(170, 42, compact=True)


def y_range(series: Sequence[Series], fixed: tuple[float, float] | None = None) -> tuple[float, float]:
    """The values' span with a little room, or ``fixed`` (the score's 0..100)."""
    if fixed is not None:
        return fixed
    vals = [v for s in series for v, _ in s.values.values()]
    if not vals:
        return (0.0, 1.0)
    lo, hi = min(vals), max(vals)
    if hi - lo < 1e-9:
        return (lo - 1.0, hi + 1.0)
    room = (hi - lo) * 0.08
    return (lo - room, hi + room)


def _num(v: float) -> str:
    return f"{v:.1f}"


def _runs(weeks: Sequence[date], values: dict[date, WeekValue]) -> list[list[int]]:
    """Indexes of ``weeks`` in runs of consecutive weeks that have a value."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, w in enumerate(weeks):
        if w in values:
            current.append(i)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def trend_svg(
    weeks: Sequence[date],
    series: Sequence[Series],
    *,
    title: str,
    frame: Frame = SMALL,
    fixed: tuple[float, float] | None = None,
    gaps_of: int | None = 0,
    unit: str = "",
) -> str:
    """A line chart of ``series`` over ``weeks`` (consecutive Mondays): a point per week with a
    value, lines only between consecutive weeks, and a pale band for each week the series
    ``gaps_of`` (an index into ``series``; None: none) has no value. ``title`` is the chart's
    accessible name; every string is escaped here."""
    w, h = frame.width, frame.height
    left = 6 if frame.compact else 42
    right, top = 6, 6
    bottom = 6 if frame.compact else 20
    plot_w, plot_h = w - left - right, h - top - bottom
    lo, hi = y_range(series, fixed)
    n = len(weeks)
    step = plot_w / (n - 1) if n > 1 else 0.0

    def x_at(i: int) -> float:
        return left + (i * step if n > 1 else plot_w / 2)

    def y_at(v: float) -> float:
        return top + plot_h * (1 - (v - lo) / (hi - lo))

    parts: list[str] = []
    band = max(4.0, min(step, 24.0)) if n > 1 else 24.0
    if gaps_of is not None and gaps_of < len(series):
        for i, wk in enumerate(weeks):
            if wk not in series[gaps_of].values:
                label = escape(week_label(wk))
                parts.append(
                    f"<rect class=gap data-week='{label}' x='{x_at(i) - band / 2:.1f}' y='{top}' width='{band:.1f}'"
                    f" height='{plot_h}' fill='#eef0f3'><title>{label}: no calls</title></rect>"
                )
    if not frame.compact:
        unit_text = escape(f" {unit}" if unit else "")
        parts.append(
            f"<line x1='{left}' y1='{top + plot_h}' x2='{left + plot_w}' y2='{top + plot_h}' stroke='#bbb'/>"
            f"<text x='{left - 4}' y='{top + 10}' text-anchor='end'>{_num(hi) if fixed is None else f'{hi:g}'}</text>"
            f"<text x='{left - 4}' y='{top + plot_h}' text-anchor='end'>{_num(lo) if fixed is None else f'{lo:g}'}</text>"
            f"<text x='{left}' y='{h - 4}'>{escape(week_label(weeks[0]))}</text>"
            + (
                f"<text x='{left + plot_w}' y='{h - 4}' text-anchor='end'>{escape(week_label(weeks[-1]))}</text>"
                if n > 1
                else ""
            )
            + (
                f"<text x='{left + plot_w}' y='{top + 10}' text-anchor='end' class=unit>{unit_text}</text>"
                if unit_text
                else ""
            )
        )
    r = 2.2 if frame.compact else 3.2
    for s in series:
        css, label = escape(s.css, quote=True), escape(s.label)
        dash = " stroke-dasharray='4 3'" if s.dashed else ""
        for run in _runs(weeks, s.values):
            if len(run) > 1:
                pts = " ".join(f"{x_at(i):.1f},{y_at(s.values[weeks[i]][0]):.1f}" for i in run)
                parts.append(
                    f"<polyline class='{css}' points='{pts}' fill='none' stroke='{s.color}' stroke-width='1.6'{dash}/>"
                )
        for i, wk in enumerate(weeks):
            if wk not in s.values:
                continue
            v, k = s.values[wk]
            wl = escape(week_label(wk))
            calls = f"{k} call{'s' if k != 1 else ''}"
            parts.append(
                f"<circle class='{css}' data-week='{wl}' data-value='{_num(v)}' cx='{x_at(i):.1f}' cy='{y_at(v):.1f}'"
                f" r='{r}' fill='{s.color}'><title>{label}, {wl}: {_num(v)}{escape(' ' + unit if unit else '')}"
                f" ({calls})</title></circle>"
            )
    return (
        f"<svg class=trend role='img' aria-label='{escape(title, quote=True)}' viewBox='0 0 {w} {h}' width='{w}'"
        f" height='{h}'>{''.join(parts)}</svg>"
    )


def legend(series: Sequence[Series]) -> str:
    """A one-line legend naming each series' line (HTML, escaped)."""
    items = []
    for s in series:
        dash = " stroke-dasharray='4 3'" if s.dashed else ""
        swatch = (
            f"<svg width='22' height='10' aria-hidden='true'><line x1='1' y1='5' x2='21' y2='5' stroke='{s.color}'"
            f" stroke-width='2'{dash}/></svg>"
        )
        items.append(f"<span class=key>{swatch} {escape(s.label)}</span>")
    return f"<p class='muted legend'>{' '.join(items)}</p>"
