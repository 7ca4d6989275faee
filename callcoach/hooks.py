"""One progress callable threaded through the stages, so that stages never print.

A hook is called as ``hook(stage, fraction, message)``: ``stage`` names the stage (``decode``,
``asr``, ``diarization`` ...), ``fraction`` is its progress in [0, 1] or None when unknown, and
``message`` is a short human-readable note. The CLI renders it on stderr; the API default
ignores it.
"""

from __future__ import annotations

from typing import Callable, Optional

Hook = Callable[[str, Optional[float], str], None]


def null_hook(stage: str, fraction: float | None, message: str) -> None:
    """A hook that ignores everything."""
