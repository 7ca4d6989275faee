"""A short summary of one analysed call for the terminal (stderr): at most 15 lines on a
terminal of 100 columns (a long warning takes more on a narrow one).

Score, what was redacted (counts by kind), the top three stall moments, the three tips and
where the files went; without a scorecard, the key metrics instead; for a recording that is not
a conversation (a voicemail, one voice), what it is and why, in place of a score. The warning
about how the speakers were told apart is wrapped to the terminal's width between words, never
cut. Strings from the analysis are printed as plain text, never as rich markup.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from callcoach.call import Call
from callcoach.report.html import fmt_secs, fmt_time

if TYPE_CHECKING:
    from rich.console import Console


def _num(x: Any, fmt: str = "{:.0f}") -> str:
    return "n/a" if x is None else fmt.format(x)


def _metric_lines(metrics: Mapping[str, Any]) -> list[str]:
    talk = metrics.get("talk") or {}
    q = metrics.get("questions") or {}
    mono = (metrics.get("longest_monologue") or {}).get("duration_s")
    pause = (metrics.get("patience") or {}).get("mean_response_pause_s")
    objections = metrics.get("objections") or ()
    return [
        f"talk ratio {_num(talk.get('rep_talk_pct'))} % rep · longest monologue {fmt_secs(mono)}",
        (
            f"rep questions {_num(q.get('rep_questions'))} · patience {_num(pause, '{:.2f} s')}"
            f" · objections {len(objections)}"
        ),
    ]


def wrap_words(text: str, width: int, first: str = "", rest: str = "") -> str:
    """``text`` wrapped to ``width`` columns between words (never inside one: a word longer than
    a line gets a line of its own), the first line after ``first``, the others after ``rest``."""
    return textwrap.fill(
        " ".join(text.split()),
        width=max(width, len(first) + 1, len(rest) + 1),
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )


def print_summary(call: Call, paths: Mapping[str, Path], console: Console | None = None) -> None:
    """Print a short summary of ``call`` and the files written.

    Args:
        call: the analysed call (its scorecard may be None: metrics are shown instead).
        paths: what was written, by kind (``{"analysis": ..., "scorecard": ...}``).
        console: where to print; a stderr console by default (results go to files, logs to
            stderr).
    """
    from rich.console import Console
    from rich.text import Text

    con = console if console is not None else Console(stderr=True, highlight=False)
    sc = call.scorecard
    dur = f" · {fmt_time(round(call.duration))} min" if call.duration is not None else ""
    head = Text.assemble(("callcoach ", "bold"), call.id, dur)
    if sc is None:
        head.append(" · no scorecard (metrics only)", style="dim")
    elif sc.score is None:
        name = sc.conversation.name if sc.conversation is not None else "not scored"
        head.append(" · not a conversation: ")
        head.append(name, style="bold yellow")
        head.append(f" ({sc.rubric})", style="dim")
    else:
        colour = "green" if sc.score >= 75 else "yellow" if sc.score >= 50 else "red"
        head.append(" · score ")
        head.append(f"{sc.score:.0f}/100", style=f"bold {colour}")
        head.append(f" ({sc.rubric})", style="dim")
    con.print(head)
    att = call.attribution
    if att.method not in ("stereo-channels", "transcript") or att.warnings:
        note = f"speaker attribution is estimated ({att.method}, confidence {att.confidence:.2f})"
        if att.method in ("stereo-channels", "transcript"):
            note = f"speaker attribution: {att.method}"
        warning = wrap_words("; ".join([note, *att.warnings]), con.width, first="! ", rest="  ")
        con.print(Text(warning, style="yellow"), no_wrap=True, overflow="ignore", crop=False)
    if call.redactions:
        counts = Counter(r.kind for r in call.redactions)
        con.print(Text("redacted " + ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())), style="dim"))
    if sc is None:
        for line in _metric_lines(call.metrics) if call.metrics else ["metrics were not computed"]:
            con.print(Text("  " + line))
    elif not sc.is_conversation:
        why = sc.conversation.reason if sc.conversation is not None else ""
        con.print(Text(f"Not a conversation: {why}" if why else "Not a conversation", style="yellow"))
        con.print(Text("  not scored, and left out of the rep's and the team's averages", style="dim"))
    else:
        if sc.stalls:
            con.print(Text("Where it stalled", style="bold"))
            for m in sorted(sc.stalls, key=lambda m: -m.severity)[:3]:
                when = fmt_time(m.start) or "  -  "
                con.print(Text.assemble("  ", (f"{when:>5}", "cyan"), "  ", m.title), overflow="ellipsis", no_wrap=True)
        else:
            con.print(Text("No stall moments found", style="green"))
        if sc.tips:
            con.print(Text("Tips", style="bold"))
            for tip in sc.tips[:3]:
                con.print(Text(f"  • {tip}"), overflow="ellipsis", no_wrap=True)
    for kind, path in list(paths.items())[:3]:
        con.print(Text.assemble((f"{kind:>9} ", "dim"), str(path)), overflow="ellipsis", no_wrap=True, soft_wrap=False)
