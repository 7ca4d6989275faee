"""Search speed: ``callcoach search`` and the review queue's search over a folder of stored
analyses. Prints one markdown table.

    python -m bench.search [--calls 1000] [--minutes 30] [--keep DIR]

The analyses are half-hour sales calls made from the project's labelled corpus
(``data/sales-dialogue``: its calls strung together, several to a call, with the corpus's own
labels as tags: ``q=open`` is ``question.open``, ``obj=price`` ``objection.price``, ``spin=...``
and ``tr=...`` likewise), with word times at 150 words a minute, written as ``analyze`` writes
them (``<stem>.callcoach.json`` with every word, ``indent=1``: about 0.5 MB for 30 minutes) under
``<rep>/`` folders of twelve reps. No scorecard pages are written (search does not read them).

Rows, one per query:

* ``cli``: ``callcoach search`` in a fresh process (start-up included) with ``--json``, its
  output read to the end: the wall time and the moments found;
* ``in-process``: :func:`callcoach.search.search` over the same files: wall time, and how many
  analyses were parsed (a file whose bytes lack a query word, the tag or the rep is not);
* ``review queue, first`` / ``again``: ``GET /?q=...`` of the review app (TestClient), the first
  request reading every analysis into the turn cache, the next served from it (after a plain
  ``GET /``, whose own first load, the queue's scores, is logged and not counted);
* ``baseline``: ``json.loads`` of every whole analysis, what reading them naively costs on this
  machine now (search leaves the words' times out of the parse).

Files are read from the page cache (just written): a cold disk adds its read time. Speed depends
on the machine and its load: compare numbers within one run only.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "data" / "sales-dialogue" / "calls"
WORDS_PER_SECOND = 2.5
REPS = [f"rep-{i:02d}" for i in range(1, 13)]
KEYS = {"q": "question", "obj": "objection", "spin": "spin", "tr": "tracker"}
#: (name, QUERY, --tag, --rep, --speaker): a rare word, a common word, a phrase, a prefix, tags.
QUERIES: list[tuple[str, str, str | None, str | None, str | None]] = [
    ("rare word", "encrypted", None, None, None),
    ("common word", "price", None, None, None),
    ("phrase", '"next step"', None, None, None),
    ("prefix", "compet*", None, None, None),
    ("tag family", "", "objection", None, None),
    ("tag + rep", "", "objection.price", "rep-07", None),
    ("words + tag + speaker", "budget", "objection", None, "customer"),
]


def cli_args(text: str, tag: str | None, rep: str | None, speaker: str | None) -> list[str]:
    args = [text] if text else []
    for flag, value in (("--tag", tag), ("--rep", rep), ("--speaker", speaker)):
        if value:
            args += [flag, value]
    return args


def log(msg: str) -> None:
    print(f"[bench.search] {msg}", file=sys.stderr, flush=True)


def corpus_calls() -> list[list[tuple[str, str, list[str]]]]:
    """The corpus's calls as (R|C, sentence, labels) lists."""
    calls = []
    for path in sorted(CORPUS.glob("*.txt")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        turns = []
        for line in body.splitlines():
            side, _, rest = line.partition(":")
            text, _, labels = rest.partition("||")
            tags = []
            for item in labels.split():
                key, _, values = item.partition("=")
                tags += [f"{KEYS[key]}.{v}" for v in values.split(",") if key in KEYS and v]
            if side.strip() in ("R", "C") and text.strip():
                turns.append((side.strip(), text.strip(), tags))
        if turns:
            calls.append(turns)
    return calls


def make_call(call_id: str, rep: str, turns: list[tuple[str, str, list[str]]]) -> Any:
    from callcoach.call import Attribution, Call, RoleAssignment, Speaker, Tag, Utterance, Word

    t, utts = 0.5, []
    for i, (side, text, labels) in enumerate(turns):
        words = []
        for w in text.split():
            d = max(0.12, len(w) / (WORDS_PER_SECOND * 5.0))
            words.append(Word(round(t, 3), round(t + d, 3), w, 0.9))
            t += d + 0.05
        tags = tuple(Tag(lab, i, 0.8, None, "model") for lab in labels)
        utts.append(Utterance(i, "R" if side == "R" else "C", words[0].start, words[-1].end, text, tuple(words), tags))
        t += 0.4
    return Call(
        id=call_id, source=f"{call_id}.wav", duration=round(t, 3), channels=2,
        speakers=(Speaker("R", "rep", 0), Speaker("C", "customer", 1)), utterances=tuple(utts),
        attribution=Attribution("stereo-channels", 2, 1.0), roles=RoleAssignment("R", "rep-channel", 1.0),
        meta={"rep": rep, "path": f"{rep}/{call_id}.wav"},
    )  # fmt: skip


def build(folder: Path, n: int, minutes: float) -> tuple[int, float]:
    """``n`` analyses under ``folder``; returns their bytes and seconds of audio."""
    from callcoach.output import dumps

    corpus = corpus_calls()
    rng = random.Random(7)
    size, audio = 0, 0.0
    for i in range(n):
        turns: list[tuple[str, str, list[str]]] = []
        while sum(len(x[1].split()) for x in turns) < minutes * 60 * WORDS_PER_SECOND * 0.85:
            turns += rng.choice(corpus)
        rep = REPS[i % len(REPS)]
        call = make_call(f"call-{i:04d}", rep, turns)
        path = folder / rep / f"call-{i:04d}.callcoach.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = dumps(call.to_dict()).encode("utf-8")
        path.write_bytes(data)
        size += len(data)
        audio += call.duration or 0.0
        if (i + 1) % 100 == 0:
            log(f"wrote {i + 1}/{n} analyses")
    return size, audio


def cli(folder: Path, args: list[str]) -> tuple[float, int, int]:
    """(wall seconds, moments, exit status) of ``callcoach search FOLDER ARGS --json``."""
    cmd = [sys.executable, "-m", "callcoach", "search", str(folder), *args, "--json"]
    t0 = time.perf_counter()
    res = subprocess.run(cmd, check=False, capture_output=True, text=True, cwd=REPO)
    wall = time.perf_counter() - t0
    if res.returncode not in (0, 1):
        raise SystemExit(f"callcoach search failed: {res.stderr.strip()}")
    return wall, sum(1 for line in res.stdout.splitlines() if json.loads(line)["type"] == "moment"), res.returncode


def in_process(
    folder: Path, text: str, tag: str | None, rep: str | None, speaker: str | None
) -> tuple[float, int, int]:
    """(wall seconds, moments, analyses parsed) of :func:`callcoach.search.search`."""
    from callcoach.search import analyses, make_query, search

    query = make_query(text, [tag] if tag else [], rep, speaker)
    t0 = time.perf_counter()
    found = search(analyses(folder), query)
    return time.perf_counter() - t0, len(found.hits), found.parsed


def review_queue(folder: Path, q: str) -> tuple[float, float, int]:
    """(first request s, next request s, moments) of the review queue's search for ``q``."""
    import re

    from starlette.testclient import TestClient

    from callcoach.review.app import create_app
    from callcoach.review.store import ReviewStore

    t0 = time.perf_counter()
    store = ReviewStore(folder)
    log(f"review store opened in {time.perf_counter() - t0:.1f} s (not counted)")
    client = TestClient(create_app(store, coach="bench"), base_url="http://127.0.0.1:8765")
    t0 = time.perf_counter()
    client.get("/")
    log(f"review queue without a search, first load: {time.perf_counter() - t0:.1f} s (not counted)")
    times = []
    for _ in range(2):
        t0 = time.perf_counter()
        page = client.get("/", params={"q": q}).text
        times.append(time.perf_counter() - t0)
    found = re.search(r"<h2>(\d+) moment", page)
    return times[0], times[1], int(found.group(1)) if found else 0


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--calls", type=int, default=1000)
    ap.add_argument("--minutes", type=float, default=30.0)
    ap.add_argument("--keep", type=Path, default=None, help="Build (or reuse) the analyses here and keep them.")
    ap.add_argument("--no-review", action="store_true", help="Leave out the review queue rows.")
    a = ap.parse_args(argv)

    tmp = None
    folder = a.keep
    if folder is None:
        tmp = Path(tempfile.mkdtemp(prefix="callcoach-bench-search-"))
        folder = tmp / "results"
    try:
        existing = sorted(folder.rglob("*.callcoach.json")) if folder.is_dir() else []
        if len(existing) != a.calls:
            shutil.rmtree(folder, ignore_errors=True)
            t0 = time.perf_counter()
            size, audio = build(folder, a.calls, a.minutes)
            log(
                f"built {a.calls} analyses ({size / 1e6:.0f} MB, {audio / 3600:.0f} h of calls) in {time.perf_counter() - t0:.0f} s"
            )
        else:
            size = sum(p.stat().st_size for p in existing)
        n = a.calls
        print(f"{n} analyses, {size / 1e6:.0f} MB ({size / n / 1e3:.0f} kB each)\n")
        print(
            "| query | arguments | moments | cli s (fresh process) | in-process s | ms per analysis | analyses parsed |"
        )
        print("|---|---|---:|---:|---:|---:|---:|")
        for name, *query in QUERIES:
            args = cli_args(*query)
            wall, moments, _ = cli(folder, args)
            t, hits, parsed = in_process(folder, *query)
            assert hits == moments, (name, hits, moments)
            shown = " ".join(args).replace("|", "\\|")
            print(
                f"| {name} | `{shown}` | {moments} | {wall:.2f} | {t:.2f} | {1000 * t / n:.2f} | {parsed} |", flush=True
            )
        t0 = time.perf_counter()
        for p in existing or sorted(folder.rglob("*.callcoach.json")):
            json.loads(p.read_bytes())
        t = time.perf_counter() - t0
        print(f"| baseline: json.loads of each whole analysis | | | | {t:.2f} | {1000 * t / n:.2f} | {n} |", flush=True)
        if not a.no_review:
            first, again, moments = review_queue(folder, "price")
            print(f"| review queue, first | `?q=price` | {moments} | | {first:.2f} | {1000 * first / n:.2f} | {n} |")
            print(f"| review queue, again | `?q=price` | {moments} | | {again:.2f} | {1000 * again / n:.2f} | 0 |")
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
