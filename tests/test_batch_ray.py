"""The Ray engine on a local Ray instance, with the fake transcriber: same outputs as in-process.

Ray is an optional extra (``pip install 'callcoach[ray]'``): without it these tests skip.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from callcoach.pipeline import AnalyzeOptions
from tests import audio_factory as af
from tests.test_batch import BACKEND, good_call, read_summary, snapshot

pytestmark = [pytest.mark.slow]


def test_ray_engine_writes_what_the_local_engine_writes(tmp_path: Path) -> None:
    pytest.importorskip("ray", reason="Ray is optional: pip install 'callcoach[ray]'")
    from callcoach.batch import run_batch

    calls = tmp_path / "calls"
    good_call(calls / "alice" / "a.wav", 1)
    good_call(calls / "alice" / "b.wav", 2)
    good_call(calls / "bob" / "c.flac", 3, fmt="flac")
    af.write_random_bytes(calls / "bob" / "bad.wav")
    local, on_ray = tmp_path / "local", tmp_path / "ray"
    run_batch(calls, local, workers=0, options=AnalyzeOptions(), backend=BACKEND)

    r = run_batch(calls, on_ray, workers=2, engine="ray", options=AnalyzeOptions(), backend=BACKEND)

    assert (r.engine, r.analysed, r.failed) == ("ray", 3, 1)
    assert "bad.wav" in r.failures[0].error
    assert [row["rep"] for row in read_summary(on_ray)] == ["alice", "alice", "bob"]
    assert snapshot(on_ray) == snapshot(local)
    # resumable on Ray too: nothing left to do, no Ray instance needed
    again = run_batch(calls, on_ray, workers=2, engine="ray", options=AnalyzeOptions(), backend=BACKEND)
    assert (again.analysed, again.skipped, again.failed) == (0, 3, 1)
