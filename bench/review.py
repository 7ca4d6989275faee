"""Coach-review speed: re-scoring stored analyses after a rubric edit, and building the review
queue of a large folder. Prints one markdown table ``| set | metric | value | note |``.

    python -m bench.review [--calls 200] [--queue 1000] [--minutes 20] [--keep DIR]

The analyses are synthetic but shaped like real ones: ``--minutes`` long, a turn every ~4 s
alternating between rep and customer, word times on every word, question / SPIN / objection /
tracker tags on some turns, metrics and a scorecard computed by callcoach itself (so the JSON
is what ``callcoach analyze`` writes). A quarter of the calls get coach corrections (a swap of
roles, a reassigned turn, a changed SPIN tag) and an override before the rubric is edited.

Rows:

* ``rescore() per call``: the pure function on an analysis already in memory, mean and p95 over
  the calls (the target is <= 20 ms on 2 cores).
* ``rescore_all() after a rubric edit, per call``: the whole path a ``callcoach report`` takes
  after the team edits its rubric: read each analysis, re-score, append history, rewrite the
  sidecar, commit.
* ``queue: ReviewStore(...).calls()``: for ``--queue`` calls, with no database yet (the first
  start: every analysis is read once) and with the database in place (every later start).

Timings depend on the machine and its load: compare numbers within one run only.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]

_REP = [
    "Thanks for making the time today.", "How many reps are on the team right now?",
    "What happens when a new hire struggles in the first month?", "What does that cost you each quarter?",
    "How would it help if you could hear every call?", "Our platform records and scores every call.",
    "Would it make sense to set up a pilot next week?", "Let me show you how the scorecard works.",
]
_CUSTOMER = [
    "We have about forty reps across three offices.", "Honestly it is too expensive for us right now.",
    "Onboarding never really stops because we hire every quarter.", "Mm-hmm.", "Right.",
    "We already use another tool for recording.", "Can we meet Thursday at two with my VP?",
    "They pitch too early and the calls stall, and we only find out weeks later.",
]
_TAGS = {
    1: ("question.open", "spin.situation"), 2: ("question.open", "spin.problem"),
    3: ("question.open", "spin.implication"), 4: ("question.open", "spin.need_payoff"),
    6: ("question.closed", "tracker.next_step"),
}
_CUSTOMER_TAGS = {1: ("objection.price",), 5: ("objection.competitor",), 6: ("tracker.next_step",)}


def synthetic_call(index: int, minutes: float, rubric: Any) -> Any:
    """A tagged, scored call of about ``minutes`` minutes (deterministic for ``index``)."""
    from callcoach.call import Attribution, Call, RoleAssignment, Speaker, Tag, Utterance, Word
    from callcoach.metrics import analysis_metrics
    from callcoach.scoring import score_call

    rng = random.Random(index)
    utterances = []
    t = 0.0
    i = 0
    while t < minutes * 60:
        rep = i % 2 == 0
        k = rng.randrange(8)
        text = (_REP if rep else _CUSTOMER)[k]
        if rng.random() < 0.3:
            text += " " + (_REP if rep else _CUSTOMER)[rng.randrange(8)]
        words = []
        for w in text.split():
            d = 0.18 + 0.04 * len(w) / 4
            words.append(Word(round(t, 3), round(t + d, 3), w, 0.9))
            t += d + 0.05
        labels = (_TAGS if rep else _CUSTOMER_TAGS).get(k, ())
        tags = tuple(Tag(lab, i, 0.8, (0, len(text))) for lab in labels)
        utterances.append(Utterance(i, "left" if rep else "right", words[0].start, words[-1].end, text, tuple(words), tags))
        t += rng.uniform(0.2, 1.5)
        i += 1
    call = Call(
        id=f"call{index:04d}", source=f"call{index:04d}.wav", duration=round(t, 3), channels=2,
        speakers=(Speaker("left", "rep", 0), Speaker("right", "customer", 1)), utterances=tuple(utterances),
        attribution=Attribution("stereo-channels", 2, 1.0), roles=RoleAssignment("left", "rep-channel", 1.0),
        settings={"tagging": True, "rubric": rubric.ref}, meta={"rep": f"rep{index % 7}"},
    )  # fmt: skip
    call = call.with_(metrics=analysis_metrics(call))
    return call.with_(scorecard=score_call(call, rubric))


def write_folder(folder: Path, calls: int, minutes: float, rubric: Any) -> list[Any]:
    """Write ``calls`` analyses under ``folder`` (10 subfolders) and return the calls."""
    from callcoach.output import write_analysis

    made = []
    for i in range(calls):
        call = synthetic_call(i, minutes, rubric)
        write_analysis(call, folder / f"team{i % 10}")
        made.append(call)
    return made


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _correct(store: Any, keys: list[str]) -> None:
    from callcoach.review.corrections import Override, new_correction

    for key in keys[::4]:
        call = store.analysis(key)
        store.add_correction(key, new_correction("swap_roles", author="bench"))
        store.add_correction(key, new_correction("reassign", author="bench", utterance_ids=[3], speaker="left"))
        spin = next(u for u in call.utterances if any(t.label == "spin.problem" for t in u.tags))
        store.add_correction(
            key, new_correction("change_tag", author="bench", utterance_ids=[spin.id], label="spin.problem", new_label="spin.implication")
        )
        store.set_override(key, Override("patience", 2.0, "bench"))


def rescore_rows(root: Path, calls: int, minutes: float) -> list[tuple[str, str, str, str]]:
    """Rows for re-scoring ``calls`` stored analyses after a rubric edit."""
    from callcoach.review.rescore import rescore
    from callcoach.review.store import ReviewStore
    from callcoach.rubric import builtin_rubrics, parse_rubric

    folder = root / "rescore"
    rubric_file = root / "team.yaml"
    text = builtin_rubrics()["discovery"].read_text(encoding="utf-8")
    rubric_file.write_text(text, encoding="utf-8")
    rubric = parse_rubric(rubric_file)
    made = write_folder(folder, calls, minutes, rubric)
    turns = statistics.mean(len(c.utterances) for c in made)
    store = ReviewStore(folder, rubric=rubric_file)
    keys = [e.key for e in store.calls()]
    _correct(store, sorted(keys))
    store.rescore_all()

    pure, cpu = [], []
    for key in sorted(keys):
        call, state = store.analysis(key), store.state(key)
        start, start_cpu = time.perf_counter(), time.process_time()
        rescore(call, rubric, state.corrections, state.overrides)
        pure.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    pure.sort()
    store.close()

    rubric_file.write_text(text.replace("version: 1", "version: 2", 1).replace("weight: 15", "weight: 12", 1), encoding="utf-8")
    start, start_cpu = time.perf_counter(), time.process_time()
    with ReviewStore(folder, rubric=rubric_file) as fresh:
        n = fresh.rescore_all()
    elapsed, elapsed_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    note = f"{calls} calls of {minutes:g} min, {turns:.0f} turns each; a quarter with corrections"
    return [
        ("review", "rescore() per call, mean", _ms(statistics.mean(pure)),
         f"{note}; CPU {_ms(statistics.mean(cpu))}; target <= 20 ms"),
        ("review", "rescore() per call, p95", _ms(pure[int(0.95 * (len(pure) - 1))]), "analysis in memory"),
        ("review", "rescore_all() after a rubric edit, per call", _ms(elapsed / max(1, n)),
         f"{n} re-scored in {elapsed:.2f} s on {_workers()} worker processes (this process: CPU {_ms(elapsed_cpu / max(1, n))}): "
         "read JSON, re-score, history row, sidecar, commit"),
    ]  # fmt: skip


def _workers() -> int:
    from callcoach.review.store import _default_workers

    return _default_workers()


def queue_rows(root: Path, calls: int, minutes: float) -> list[tuple[str, str, str, str]]:
    """Rows for building the queue of a folder of ``calls`` analyses."""
    from callcoach.review.store import DB_NAME, ReviewStore
    from callcoach.rubric import load_rubric

    folder = root / "queue"
    base = write_folder(folder / "base", min(calls, 50), minutes, load_rubric("discovery"))
    from callcoach.output import write_analysis

    for i in range(len(base), calls):  # copies under new names: the queue reads every file
        write_analysis(base[i % len(base)].with_(id=f"copy{i:05d}"), folder / f"batch{i % 20}")
    start, start_cpu = time.perf_counter(), time.process_time()
    with ReviewStore(folder) as store:
        n = len(store.calls())
    cold, cold_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    warm = []
    for _ in range(3):
        start = time.perf_counter()
        with ReviewStore(folder) as store:
            store.calls()
        warm.append(time.perf_counter() - start)
    assert (folder / DB_NAME).is_file()
    return [
        ("review", f"queue of {n} calls, no database yet", f"{cold:.2f} s", f"CPU {cold_cpu:.2f} s; first start: each analysis read once"),
        ("review", f"queue of {n} calls, database in place", _ms(min(warm)), "best of 3; every later start: a stat per file"),
    ]


def review_rows(calls: int = 200, queue: int = 1000, minutes: float = 20.0, keep: Path | None = None) -> list[tuple[str, str, str, str]]:
    """Every row of this bench (also the ``review`` group of ``bench.run``)."""
    root = Path(tempfile.mkdtemp(prefix="callcoach-bench-review-")) if keep is None else keep
    root.mkdir(parents=True, exist_ok=True)
    try:
        return rescore_rows(root, calls, minutes) + queue_rows(root, queue, minutes)
    finally:
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.review", description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200, help="stored analyses to re-score (200)")
    parser.add_argument("--queue", type=int, default=1000, help="calls in the queue folder (1000)")
    parser.add_argument("--minutes", type=float, default=20.0, help="length of each synthetic call (20)")
    parser.add_argument("--keep", type=Path, help="build the folders here and keep them")
    args = parser.parse_args(argv)
    rows = review_rows(args.calls, args.queue, args.minutes, args.keep)
    print("| set | metric | value | note |\n|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
