"""Voice-activity regions and their arithmetic (the Silero model itself runs in the slow tests)."""

from __future__ import annotations

import numpy as np
import pytest

from callcoach.speakers.vad import uncovered, voice_activity


@pytest.mark.parametrize(
    ("regions", "covered", "expected"),
    [
        ([(0.0, 10.0)], [(2.0, 3.0), (5.0, 6.0)], [(0.0, 2.0), (3.0, 5.0), (6.0, 10.0)]),
        ([(0.0, 10.0)], [], [(0.0, 10.0)]),
        ([(0.0, 1.0)], [(0.0, 1.0)], []),
        ([(0.0, 1.0), (4.0, 5.0)], [(0.9, 4.1)], [(0.0, 0.9), (4.1, 5.0)]),
        ([(0.0, 1.0)], [(0.1, 0.9)], []),  # the pieces left are under 0.25 s
    ],
)
def test_uncovered(regions: list, covered: list, expected: list) -> None:
    got = uncovered(regions, covered)
    assert [(round(a, 6), round(b, 6)) for a, b in got] == expected


def test_voice_activity_of_silence_and_of_a_tiny_signal_is_empty() -> None:
    assert voice_activity(np.zeros(16_000 * 2, dtype=np.float32)) == []
    assert voice_activity(np.zeros(100, dtype=np.float32)) == []
