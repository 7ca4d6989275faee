"""Long calls: time and peak memory of ``callcoach analyze`` on 10- to 120-minute recordings.

    python -m bench.long [--minutes 10,30,60,120] [--source FILE] [--rate HZ] [--keep DIR]

Each call is synthesised from real speech: the source recording (by default
``../shared/data/audio/sales-demo/demo.mp3``, 9 min 29 s of a two-person sales call, mono) is
looped with 1.5 s of silence between copies and cut to the length asked, then written as a
16-bit FLAC in a temporary folder (never in the repository). ``--rate`` writes the FLAC at another
sample rate (e.g. 44100) so that decoding has to resample.

Every call is analysed by ``python -m callcoach analyze`` in a fresh process (2 threads, int8, CPU)
while this process samples the child's resident memory (``/proc/PID/status``, all threads) every
0.2 s; the child's CPU time and ``ru_maxrss`` come from ``os.wait4``. The table gives wall and CPU
time per hour of audio and their ratio to the first (shortest) row: a pipeline whose cost grows
linearly with duration keeps those ratios near 1.0. On a shared machine the CPU time is the
steadier measure; wall time includes waiting for the cores.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "audio" / "sales-demo" / "demo.mp3"
DEFAULT_MINUTES = (10, 30, 60, 120)
GAP_SECONDS = 1.5
BLOCK_SECONDS = 60
ANALYZE_ARGS = ("--device", "cpu", "--compute-type", "int8", "--threads", "2", "--quiet")


@dataclass(frozen=True, slots=True)
class Result:
    """One analysed call."""

    minutes: float
    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    maxrss_mb: float
    timings: dict[str, float]

    @property
    def hours(self) -> float:
        return self.minutes / 60


def synthesize(source: Path, minutes: float, dst: Path, rate: int | None = None) -> Path:
    """Write ``minutes`` of ``source`` looped (with short silences) to the FLAC file ``dst``.

    The source is decoded once with callcoach's own decoder (so it is 16 kHz mono or stereo);
    the output is written block by block, so this process never holds the long call.
    """
    import soundfile as sf
    from scipy.signal import resample_poly

    from callcoach.audio import SAMPLE_RATE, load_audio

    audio = load_audio(source)
    loop = audio.samples.T  # (n, channels)
    out_rate = rate or SAMPLE_RATE
    if out_rate != SAMPLE_RATE:
        loop = resample_poly(loop, out_rate, SAMPLE_RATE, axis=0).astype(np.float32)
    gap = np.zeros((int(GAP_SECONDS * out_rate), loop.shape[1]), dtype=np.float32)
    piece = np.clip(np.concatenate([loop, gap]), -1.0, 1.0)
    total = int(round(minutes * 60 * out_rate))
    block = BLOCK_SECONDS * out_rate
    with sf.SoundFile(str(dst), "w", samplerate=out_rate, channels=piece.shape[1], format="FLAC", subtype="PCM_16") as fh:
        written = 0
        while written < total:
            start = written % len(piece)
            n = min(block, total - written, len(piece) - start)
            fh.write(piece[start : start + n])
            written += n
    return dst


def _rss_mb(pid: int) -> float:
    """Resident memory of process ``pid`` in MB (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_analyze(audio: Path, out_dir: Path, minutes: float) -> Result:
    """Analyse ``audio`` in a fresh process and measure it."""
    cmd = [sys.executable, "-m", "callcoach", "analyze", str(audio), "--out", str(out_dir), *ANALYZE_ARGS]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _rss_mb(proc.pid))
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = b""
    try:
        assert proc.stderr is not None
        stderr = proc.stderr.read()  # drains the pipe until the child exits
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    finally:
        done.set()
        sampler.join()
        if proc.returncode is None:
            proc.kill()
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        tail = (stderr.decode(errors="replace").strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"analyze failed on {audio.name} (exit {proc.returncode}): {tail}")
    result_json = out_dir / f"{audio.stem}.callcoach.json"
    timings = json.loads(result_json.read_text(encoding="utf-8")).get("timings", {})
    return Result(
        minutes=minutes,
        wall_s=wall,
        cpu_s=usage.ru_utime + usage.ru_stime,
        peak_rss_mb=max(peak, usage.ru_maxrss / 1024),
        maxrss_mb=usage.ru_maxrss / 1024,
        timings=timings,
    )


def _analysis_s(r: Result) -> float:
    """Seconds the pipeline's stages took, model loading left out (it is paid once per process)."""
    return sum(v for k, v in r.timings.items() if k not in ("total", "load_models"))


def format_table(results: Sequence[Result]) -> str:
    """Markdown table of the results, ratios relative to the first row, and a linear fit.

    ``marginal CPU s per audio h`` is the extra CPU time per extra hour of audio since the
    previous row: it leaves out what every run pays once (imports, model loading), which
    makes short calls dearer per hour. ``analysis s per audio h`` does the same for one row: the
    wall time of the pipeline's stages from the JSON's ``timings`` (decoding to scoring), without
    process start-up, imports and ``load_models``.
    """
    head = (
        "| minutes | wall s | CPU s | wall s per audio h | CPU s per audio h | wall ratio | CPU ratio "
        "| marginal CPU s per audio h | analysis s per audio h | analysis ratio | peak RSS MB | stages (wall s) |"
        "\n|---|---|---|---|---|---|---|---|---|---|---|---|"
    )
    lines = [head]
    for i, r in enumerate(results):
        base = results[0]
        wall_h, cpu_h = r.wall_s / r.hours, r.cpu_s / r.hours
        wall_ratio = wall_h / (base.wall_s / base.hours)
        cpu_ratio = cpu_h / (base.cpu_s / base.hours)
        prev = results[i - 1] if i else None
        marginal = f"{(r.cpu_s - prev.cpu_s) / (r.hours - prev.hours):.0f}" if prev and r.hours != prev.hours else "-"
        analysis_h, base_analysis_h = _analysis_s(r) / r.hours, _analysis_s(base) / base.hours
        stages = ", ".join(f"{k} {v:.0f}" for k, v in r.timings.items() if k != "total" and v >= 0.5)
        lines.append(
            f"| {r.minutes:g} | {r.wall_s:.0f} | {r.cpu_s:.0f} | {wall_h:.0f} | {cpu_h:.0f} "
            f"| {wall_ratio:.2f} | {cpu_ratio:.2f} | {marginal} | {analysis_h:.0f} | {analysis_h / base_analysis_h:.2f} "
            f"| {r.peak_rss_mb:.0f} | {stages} |"
        )
    if len({r.hours for r in results}) > 1:
        per_hour, fixed = np.polyfit([r.hours for r in results], [r.cpu_s for r in results], 1)
        lines.append(f"\nLeast-squares fit: CPU s = {fixed:.0f} + {per_hour:.0f} x audio hours")
    return "\n".join(lines)


def measure_long(source: Path, minutes: Sequence[float], rate: int | None = None, work: Path | None = None) -> list[Result]:
    """Synthesise and analyse one call per entry of ``minutes`` (in a temporary folder unless
    ``work`` is given); progress goes to stderr."""
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="callcoach-long-") as tmp:
        folder = work or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for m in minutes:
            audio = synthesize(source, m, folder / f"long-{m:g}min.flac", rate)
            print(f"analysing {audio.name} ...", file=sys.stderr, flush=True)
            res = run_analyze(audio, folder, m)
            print(f"  {res.wall_s:.0f} s wall, {res.cpu_s:.0f} s CPU, peak {res.peak_rss_mb:.0f} MB", file=sys.stderr, flush=True)
            results.append(res)
    return results


def long_rows(data_dir: Path, minutes: Sequence[float] = DEFAULT_MINUTES) -> list[tuple[str, str, str, str]]:
    """``(set, metric, value, note)`` rows for ``bench.run --only long``."""
    source = data_dir / "audio" / "sales-demo" / "demo.mp3"
    if not source.is_file():
        raise FileNotFoundError(f"{source} is missing")
    results = measure_long(source, minutes)
    base = results[0]
    rows: list[tuple[str, str, str, str]] = []
    for r in results:
        name = f"long-{r.minutes:g}min"
        note = f"sales-demo looped, 16 kHz mono FLAC; ratio to the {base.minutes:g}-min row"
        rows.append((name, "wall s per audio hour", f"{r.wall_s / r.hours:.0f}", f"{note}: {r.wall_s / r.hours / (base.wall_s / base.hours):.2f}"))
        rows.append((name, "CPU s per audio hour", f"{r.cpu_s / r.hours:.0f}", f"{note}: {r.cpu_s / r.hours / (base.cpu_s / base.hours):.2f}"))
        rows.append((name, "peak RSS", f"{r.peak_rss_mb:.0f} MB", "fresh process; sampled every 0.2 s and ru_maxrss"))
    return rows


def _minutes(value: str) -> list[float]:
    try:
        out = [float(x) for x in value.split(",") if x.strip()]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"--minutes takes numbers separated by commas, not {value!r}") from exc
    if not out or any(m <= 0 for m in out):
        raise argparse.ArgumentTypeError("--minutes needs at least one positive number")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.long", description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=_minutes, default=list(DEFAULT_MINUTES), help="comma list of call lengths")
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="recording to loop (default: sales-demo)")
    parser.add_argument("--rate", type=int, default=None, help="sample rate of the synthesised FLAC (default 16000)")
    parser.add_argument("--keep", type=Path, default=None, help="write the calls and results here instead of a temporary folder")
    args = parser.parse_args(argv)
    if not args.source.is_file():
        print(f"bench.long: {args.source}: no such file (pass --source or provide ../shared/data)", file=sys.stderr)
        return 1
    results = measure_long(args.source, args.minutes, args.rate, args.keep)
    print(f"source: {args.source.name} looped into FLAC at {args.rate or 16000} Hz; "
          f"analyze {' '.join(ANALYZE_ARGS)}; {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f} at the end")
    print(format_table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
