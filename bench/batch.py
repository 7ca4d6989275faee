"""Batch speed: throughput of ``run_batch`` with 1 and 2 workers, and the per-call overhead of a
batch over plain ``analyze`` calls, with the real models. Prints one markdown table.

    python -m bench.batch [--copies 6] [--workers 1,2] [--keep DIR]

The folder of calls is made from ``samples/demo-call.flac`` (89 s, stereo): ``--copies`` files,
each the call rotated by a different number of seconds (so every file has its own bytes and
hash), written as FLAC under a temporary folder.

Rows:

* ``throughput, N worker(s)``: ``run_batch(workers=N)`` on a fresh output folder, wall time from
  the call to its return (worker start-up and model loading included, as in a nightly run);
  audio hours analysed per wall hour. Each worker gets max(1, cores // N) threads.
* ``re-run (nothing to do)``: the same batch again: hashing and the team report only.
* ``analyze, models loaded``: mean seconds of ``analyze(path)`` in this process after a warm-up
  call (``threads`` = cores).
* ``batch in-process, models loaded``: ``run_batch(workers=0)`` in the same process, so with the
  same loaded models. Its overhead per call is its wall time minus the time ``analyze`` itself
  took on each call (``timings.total`` in ``batch-log.jsonl``), over the number of calls; split
  into the worker's part (meta, writing JSON and scorecard: run time minus analyze time) and the
  driver's (hashing, state, logs, team report). Measured on the same calls, so it does not drift
  with the machine's load the way two separate runs would.

Speed depends on the machine and its load: compare numbers within one run only.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "samples" / "demo-call.flac"


def make_calls(folder: Path, copies: int) -> float:
    """Write ``copies`` rotated versions of the sample call; return their total seconds."""
    import numpy as np
    import soundfile as sf

    data, rate = sf.read(SAMPLE, dtype="float32", always_2d=True)
    total = 0.0
    for i in range(copies):
        shift = int(i * 7.5 * rate) % len(data)
        rep = ("dana", "lee")[i % 2]
        path = folder / rep / f"call-{i:02d}.flac"
        path.parent.mkdir(parents=True, exist_ok=True)
        sf.write(path, np.roll(data, -shift, axis=0), rate, format="FLAC", subtype="PCM_16")
        total += len(data) / rate
    return total


def log(msg: str) -> None:
    print(f"[bench.batch] {msg}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=6, help="calls in the folder (default 6)")
    parser.add_argument("--workers", default="1,2", help="worker counts to measure (default 1,2)")
    parser.add_argument("--keep", type=Path, default=None, help="keep the folders here instead of a temp dir")
    args = parser.parse_args(argv)

    from callcoach.batch import run_batch
    from callcoach.batch.runner import cpu_count
    from callcoach.pipeline import AnalyzeOptions, analyze

    cores = cpu_count()
    root = args.keep or Path(tempfile.mkdtemp(prefix="callcoach-bench-batch-"))
    root.mkdir(parents=True, exist_ok=True)
    calls = root / "calls"
    audio_s = make_calls(calls, args.copies)
    n = args.copies
    options = AnalyzeOptions(rep_channel="left")
    rows: list[tuple[str, str, str]] = []
    try:
        for w in (int(x) for x in args.workers.split(",")):
            out = root / f"out-{w}"
            shutil.rmtree(out, ignore_errors=True)
            log(f"run_batch workers={w} over {n} calls ({audio_s / 60:.1f} min of audio)")
            t0 = time.perf_counter()
            r = run_batch(calls, out, workers=w, options=options)
            wall = time.perf_counter() - t0
            assert r.analysed == n and r.failed == 0, r.failures
            threads = max(1, cores // w)
            rows.append(
                (
                    f"throughput, {w} worker{'s' if w > 1 else ''}",
                    f"{audio_s / wall:.1f} audio h / wall h",
                    (
                        f"{wall:.1f} s wall for {n} calls ({audio_s / 60:.1f} min), {threads} thread(s) each, "
                        f"models loaded once per worker; {wall / n:.1f} s per call"
                    ),
                )
            )
            if w == 1:
                t0 = time.perf_counter()
                again = run_batch(calls, out, workers=w, options=options)
                rerun = time.perf_counter() - t0
                assert again.skipped == n, again
                rows.append(
                    ("re-run (nothing to do)", f"{rerun:.2f} s", f"{n} calls skipped by content + settings hash")
                )

        log("analyze in this process (warm-up loads the models)")
        files = sorted(calls.rglob("*.flac"))
        local = AnalyzeOptions(rep_channel="left", threads=cores)
        analyze(files[0], options=local)
        single = []
        for f in files:
            t0 = time.perf_counter()
            analyze(f, options=local)
            single.append(time.perf_counter() - t0)
        mean_single = sum(single) / len(single)
        rows.append(
            (
                "analyze, models loaded",
                f"{mean_single:.2f} s per call",
                f"mean of {n}, {cores} thread(s), no output written",
            )
        )

        log("run_batch workers=0 in this process (models already loaded)")
        out = root / "out-inline"
        shutil.rmtree(out, ignore_errors=True)
        t0 = time.perf_counter()
        r = run_batch(calls, out, workers=0, options=local)
        wall = time.perf_counter() - t0
        assert r.analysed == n, r.failures
        events = [json.loads(x) for x in (out / "batch-log.jsonl").read_text().splitlines()]
        calls_done = [e for e in events if e.get("event") == "analysed"]
        analyse_s = sum(e["timings"]["total"] for e in calls_done)
        task_s = sum(e["seconds"] for e in calls_done)
        overhead = (wall - analyse_s) / n
        rows.append(
            (
                "batch in-process, models loaded",
                f"{overhead * 1000:.0f} ms overhead per call",
                (
                    f"{wall / n:.2f} s per call, of which analyze {analyse_s / n:.2f} s; overhead "
                    f"{100 * overhead / (analyse_s / n):.1f} % = worker {(task_s - analyse_s) / n * 1000:.0f} ms (meta, JSON, "
                    f"scorecard) + driver {(wall - task_s) / n * 1000:.0f} ms (hashes, state, logs, team report)"
                ),
            )
        )
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)

    print(
        f"\nbatch speed: {n} copies of samples/demo-call.flac, {cores} cores, "
        f"Python {sys.version.split()[0]}, pid {os.getpid()}\n"
    )
    print("| measurement | value | note |")
    print("|---|---|---|")
    for name, value, note in rows:
        print(f"| {name} | {value} | {note} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
