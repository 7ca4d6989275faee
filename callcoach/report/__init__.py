"""Reports of one analysed call: the self-contained HTML scorecard and the terminal summary.

``render_scorecard(call, audio_href)`` returns the page as text (writing it is the caller's job,
through :func:`callcoach.output.atomic_write_text`); ``audio_href_for(page, audio)`` builds the
relative link to the recording; ``print_summary(call, paths)`` prints a short summary to stderr.
"""

from __future__ import annotations

from callcoach.output import SCORECARD_SUFFIX
from callcoach.report.html import audio_href_for, render_scorecard
from callcoach.report.terminal import print_summary

__all__ = ["SCORECARD_SUFFIX", "audio_href_for", "print_summary", "render_scorecard"]
