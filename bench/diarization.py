"""Speaker counting and DER on multi-voice mono calls built from real recordings.

```bash
.venv/bin/python -m bench.diarization                 # the check split: 40 calls of 1-5 voices (~8 min)
.venv/bin/python -m bench.diarization --split tune    # the split the thresholds were chosen on
.venv/bin/python -m bench.diarization --real          # also the two-party recordings (bench.run's diar rows)
```

The calls come from :mod:`bench.voices` (single-speaker stretches of every recording in
``../shared/data/audio`` taking turns, some overlap, a telephone channel); each call is written
to a temporary WAV and analysed by ``callcoach.analyze`` with automatic speaker counting,
exactly as a user's call (tagging off: it does not touch speakers). The ``tune`` split
(plan seed 0) chose ``DiarizationOptions.min_separation``, ``min_voice_run`` and the
neighbour fractions; the ``check`` split (plan seed 1) is reported. Both splits draw on the
same eight voices, which is the limit of ``../shared/data``.

Rows per number of voices: the share of calls whose count is exact, the counts found, DER
(collar 0.25 s, overlap scored, pooled over the calls: total errors / total reference time)
with its parts, and the mean talk-share error per reference speaker (percentage points,
speakers paired by the DER mapping). The hypothesis is the words' speakers merged along time
plus the call's ``unworded_speech``. The reference turns are the source recordings' turns
(first to last word of each turn, or the RTTM turn), so pauses inside a turn count as speech.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from bench.metrics import der, talk_share_errors
from bench.run import ANALYZE_KWARGS, Row, diarization_rows, print_table, segments_from_call
from bench.voices import build_call, call_plan, voice_pool, write_wav

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
SPLITS = {"tune": 0, "check": 1}


def run_split(data_dir: Path, split: str, counts: tuple[int, ...], per_count: int) -> list[dict]:
    """Analyse every planned call of ``split``; one result dict per call."""
    import callcoach

    pool = voice_pool(data_dir)
    results = []
    with tempfile.TemporaryDirectory(prefix="callcoach-diar-") as tmp:
        for voices, seed in call_plan(pool, counts, per_count, SPLITS[split]):
            samples, ref = build_call(pool, voices, seed)
            path = write_wav(Path(tmp) / f"{split}-{len(voices)}-{seed}.wav", samples)
            t0 = time.perf_counter()
            call = callcoach.analyze(str(path), tagging=False, **ANALYZE_KWARGS)
            hyp = segments_from_call(call)
            r = der(ref, hyp, collar=0.25)
            results.append({
                "name": path.stem, "voices": voices, "ref_count": len(set(voices)),
                "found": call.attribution.num_speakers,
                "count_confidence": call.attribution.details.get("count_confidence"),
                "der": r, "share_errors": talk_share_errors(ref, hyp, r.mapping),
                "seconds": time.perf_counter() - t0, "audio_s": len(samples) / 16000,
            })
            print(f"{path.stem}: {len(set(voices))} voices, found {call.attribution.num_speakers}, "
                  f"DER {r.der:.1%} ({time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    return results


def rows_for(split: str, results: list[dict]) -> list[Row]:
    rows: list[Row] = []
    by_count: dict[int, list[dict]] = defaultdict(list)
    for r in results:
        by_count[r["ref_count"]].append(r)
    for k, rs in sorted(by_count.items()):
        name = f"{split}: {k} voice{'s' if k > 1 else ''}"
        exact = sum(r["found"] == k for r in rs)
        found = ", ".join(str(r["found"]) for r in rs)
        rows.append(Row(name, "speaker count exact", f"{exact}/{len(rs)}", f"found {found}"))
        missed = sum(r["der"].missed for r in rs)
        fa = sum(r["der"].false_alarm for r in rs)
        conf = sum(r["der"].confusion for r in rs)
        total = sum(r["der"].total for r in rs)
        rows.append(Row(name, "DER (collar 0.25)", f"{(missed + fa + conf) / total:.1%}",
                        f"missed {missed:.0f} s, false alarm {fa:.0f} s, confusion {conf:.0f} s of {total:.0f} s"))
        errs = [e for r in rs for e in r["share_errors"].values()]
        rows.append(Row(name, "talk-share error", f"{np.mean(errs):.1f} pts", f"mean over {len(errs)} reference speakers"))
    multi = [r for r in results if r["ref_count"] in (3, 4)]
    if multi:
        exact = sum(r["found"] == r["ref_count"] for r in multi)
        total = sum(r["der"].total for r in multi)
        err = sum(r["der"].missed + r["der"].false_alarm + r["der"].confusion for r in multi)
        rows.append(Row(f"{split}: 3-4 voices", "speaker count exact", f"{exact / len(multi):.0%}", f"{exact}/{len(multi)} calls"))
        rows.append(Row(f"{split}: 3-4 voices", "DER (collar 0.25)", f"{err / total:.1%}", "pooled"))
    speed = sum(r["seconds"] for r in results) / max(sum(r["audio_s"] for r in results), 1e-9)
    rows.append(Row(split, "analyze time / audio time", f"{speed:.3f}", f"{len(results)} calls, tagging off"))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--split", choices=[*SPLITS, "both"], default="check")
    ap.add_argument("--counts", default="1,2,3,4,5")
    ap.add_argument("--per-count", type=int, default=8)
    ap.add_argument("--real", action="store_true", help="also the two-party recordings (DER, count, talk share)")
    args = ap.parse_args(argv)
    if not (args.data / "audio").is_dir():
        print(f"bench.diarization: no audio under {args.data}; pass --data PATH/TO/shared/data", file=sys.stderr)
        return 1
    counts = tuple(int(x) for x in args.counts.split(","))
    rows: list[Row] = []
    for split in (list(SPLITS) if args.split == "both" else [args.split]):
        rows += rows_for(split, run_split(args.data, split, counts, args.per_count))
    if args.real:
        rows += diarization_rows(args.data)
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
