"""Re-scoring speed: ``callcoach rescore`` over a folder of stored analyses, and whether what it
writes is byte for byte what a fresh ``analyze`` of the same calls under that rubric writes.
Prints one markdown table.

    python -m bench.rescore [--calls 200] [--workers 2] [--encoder hashing|real|auto] [--keep DIR]

The calls are half-hour sales conversations made from the project's labelled corpus
(``data/sales-dialogue``: its calls strung together, several to a call, rep and customer lines
with word times at 150 words a minute), written as callcoach JSON transcripts and analysed by
the real pipeline (``analyze``: tags, metrics, scorecard, JSON and HTML) under the built-in
``discovery`` rubric. By default they are tagged with the weightless test encoder (the rules and
example phrases: seconds per call); ``--encoder real`` tags with MiniLM, spaCy and the shipped
tag model as in production (about 20 s per call to analyse on 2 cores, so use fewer ``--calls``).
The encoder changes which tags a call gets, not the size of what is stored, so re-scoring that
keeps the tags costs the same either way; re-tagging costs what tagging costs.

Rows:

* ``rescore, scoring only``: ``callcoach rescore OUT --rubric team.yaml --workers N`` in a fresh
  process (start-up, worker processes, team report and batch state included), where the team
  rubric changes dimensions and weights only: the stored tags are kept, no language model loads.
* ``rescore, examples changed``: the same with a tracker example added, so every call is tagged
  again (worker processes load the language models).
* ``identical to a fresh analyze``: each rewritten ``.callcoach.json`` (``timings`` aside) and
  ``.scorecard.html`` against ``analyze`` of the same transcript with the same rubric.

The ASR model is never loaded (the transcripts need none, and rescore never would). Speed
depends on the machine and its load: compare numbers within one run only.
"""

from __future__ import annotations

import argparse
import json
import os
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
CALLS_PER_CALL = 7  # corpus calls strung into one stored call: about half an hour of talk


def log(msg: str) -> None:
    print(f"[bench.rescore] {msg}", file=sys.stderr, flush=True)


def corpus_turns() -> list[list[tuple[str, str]]]:
    """The corpus's calls as (R|C, sentence) lists."""
    calls = []
    for path in sorted(CORPUS.glob("*.txt")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        turns = []
        for line in body.splitlines():
            side, _, rest = line.partition(":")
            text = rest.split("||", 1)[0].strip()
            if side.strip() in ("R", "C") and text:
                turns.append((side.strip(), text))
        if turns:
            calls.append(turns)
    return calls


def write_transcript(path: Path, turns: list[tuple[str, str]]) -> float:
    """A callcoach JSON transcript with word times; returns its length in seconds."""
    t, utterances = 0.5, []
    for side, text in turns:
        words = []
        for w in text.split():
            d = max(0.12, len(w) / (WORDS_PER_SECOND * 5.0))
            words.append({"start": round(t, 3), "end": round(t + d, 3), "text": w})
            t += d + 0.05
        speaker = "Rep" if side == "R" else "Customer"
        utterances.append(
            {"speaker": speaker, "start": words[0]["start"], "end": words[-1]["end"], "text": text, "words": words}
        )
        t += 0.6
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps({"utterances": utterances, "roles": {"Rep": "rep", "Customer": "customer"}}), encoding="utf-8"
    )
    return t


def make_transcripts(folder: Path, n: int) -> float:
    """``n`` transcripts of ``CALLS_PER_CALL`` corpus calls each (rotating through the corpus);
    returns their total seconds."""
    calls = corpus_turns()
    total = 0.0
    for i in range(n):
        turns = [x for k in range(CALLS_PER_CALL) for x in calls[(i * CALLS_PER_CALL + k) % len(calls)]]
        total += write_transcript(folder / f"rep{i % 8}" / f"call-{i:03d}.json", turns)
    return total


def real_models_available() -> bool:
    from callcoach.errors import ModelNotFound
    from callcoach.models import resolve_embeddings, resolve_nlp

    try:
        resolve_embeddings(None)
        resolve_nlp(None)
    except ModelNotFound:
        return False
    return True


def hashing_backend() -> dict[str, Any]:
    """Worker backend for ``--encoder hashing`` (imported by worker processes)."""
    from callcoach.pipeline import NlpModels
    from callcoach.tagging.base import HashingEncoder

    return {"nlp": NlpModels(HashingEncoder(), None)}


def nlp_for(encoder: str) -> Any:
    from callcoach.pipeline import AnalyzeOptions, default_nlp

    return default_nlp(AnalyzeOptions()) if encoder == "real" else hashing_backend()["nlp"]


def analyse_folder(transcripts: Path, out: Path, rubric: str, nlp: Any) -> None:
    """``analyze`` of every transcript into ``out`` (mirroring the folders)."""
    from callcoach.pipeline import analyze

    for src in sorted(transcripts.rglob("*.json")):
        analyze(src, nlp=nlp, rubric=rubric, out=out / src.parent.relative_to(transcripts))


def team_rubric(path: Path, examples: bool) -> Path:
    """The discovery rubric as a team's file: version 2, other weights and targets; with
    ``examples`` also a tracker example (so every call is tagged again)."""
    text = (REPO / "rubrics" / "discovery.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    lines = [("version: 2" if ln.startswith("version:") else ln) for ln in lines]
    weights = [i for i, ln in enumerate(lines) if ln.strip().startswith("weight:")]
    for k, i in enumerate(weights):
        lines[i] = lines[i].split("weight:")[0] + f"weight: {5 + 5 * (k % 3)}"
    text = "\n".join(lines) + "\n"
    if examples:
        text = text.replace(
            "\nexamples:\n",
            '\nexamples:\n  tracker.dialer: ["we already pay for a dialer", "our dialer does that"]\n',
            1,
        )
    path.write_text(text, encoding="utf-8")
    return path


def without_timings(raw: bytes) -> bytes:
    d = json.loads(raw)
    d["timings"] = {}
    return json.dumps(d, ensure_ascii=False, indent=1).encode("utf-8")


def identical(a: Path, b: Path) -> tuple[int, int, list[str]]:
    """(identical calls, calls, the first differences) between two result folders."""
    same, total, diffs = 0, 0, []
    for ja in sorted(a.rglob("*.callcoach.json")):
        rel = ja.relative_to(a)
        jb = b / rel
        ha, hb = (
            ja.with_name(ja.name.replace(".callcoach.json", ".scorecard.html")),
            b / rel.parent / ja.name.replace(".callcoach.json", ".scorecard.html"),
        )
        total += 1
        ok_json = without_timings(ja.read_bytes()) == without_timings(jb.read_bytes())
        ok_html = ha.read_bytes() == hb.read_bytes()
        if ok_json and ok_html:
            same += 1
        elif len(diffs) < 3:
            da, db = json.loads(ja.read_bytes()), json.loads(jb.read_bytes())
            keys = [k for k in da if k != "timings" and da[k] != db.get(k)]
            diffs.append(f"{rel}: {'json ' + ','.join(keys) if not ok_json else ''}{' html' if not ok_html else ''}")
    return same, total, diffs


def timed_rescore(folder: Path, rubric: Path, workers: int, backend: bool) -> tuple[float, float, str]:
    """``callcoach rescore`` in a fresh process; (wall seconds, CPU seconds of it and its worker
    processes, its summary line). With
    ``backend`` the worker processes tag with the weightless encoder (``rescore_folder`` with a
    backend: the command has no option for it)."""
    env = dict(os.environ)
    if backend:
        code = (
            "import sys; from callcoach.batch.rescore import rescore_folder; "
            f"r = rescore_folder(sys.argv[1], sys.argv[2], workers={workers}, backend='bench.rescore:hashing_backend'); "
            "print(f'{r.total} analyses: {r.rescored} re-scored, {r.retagged} re-tagged, {len(r.failures)} failed')"
        )
        cmd = [sys.executable, "-c", code, str(folder), str(rubric)]
        env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")])
    else:
        cmd = [
            sys.executable,
            "-m",
            "callcoach",
            "rescore",
            str(folder),
            "--rubric",
            str(rubric),
            "--workers",
            str(workers),
            "--quiet",
        ]
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=REPO, check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"rescore failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return wall, cpu, done.stdout.strip().splitlines()[-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=200, help="stored analyses (default 200)")
    parser.add_argument("--workers", type=int, default=2, help="rescore --workers (default 2)")
    parser.add_argument(
        "--encoder",
        choices=("auto", "real", "hashing"),
        default="hashing",
        help="tagging encoder (default hashing; real: MiniLM and spaCy, about 20 s a call to analyse; "
        "auto: real where installed)",
    )
    parser.add_argument("--keep", type=Path, default=None, help="keep the folders here instead of a temp dir")
    parser.add_argument("--no-retag", action="store_true", help="leave out the examples-changed rows")
    args = parser.parse_args(argv)
    from callcoach.batch.runner import cpu_count

    encoder = args.encoder if args.encoder != "auto" else ("real" if real_models_available() else "hashing")
    root = args.keep or Path(tempfile.mkdtemp(prefix="callcoach-bench-rescore-"))
    root.mkdir(parents=True, exist_ok=True)
    n = args.calls
    rows: list[tuple[str, str, str]] = []
    try:
        transcripts = root / "calls"
        shutil.rmtree(transcripts, ignore_errors=True)
        seconds = make_transcripts(transcripts, n)
        log(f"{n} transcripts, {seconds / n / 60:.1f} min of talk each; analysing them ({encoder} encoder)")
        nlp = nlp_for(encoder)
        stored = root / "stored"
        shutil.rmtree(stored, ignore_errors=True)
        t0 = time.perf_counter()
        analyse_folder(transcripts, stored, "discovery", nlp)
        made = time.perf_counter() - t0
        sizes = [p.stat().st_size for p in stored.rglob("*.callcoach.json")]
        words = sum(
            len(u["words"]) for u in json.loads(next(stored.rglob("*.callcoach.json")).read_text())["utterances"]
        )
        rows.append(
            (
                "stored analyses",
                f"{n}",
                (
                    f"{seconds / n / 60:.1f} min, ~{words} words each; JSON {sum(sizes) / len(sizes) / 1e3:.0f} kB mean; "
                    f"analysed in {made:.0f} s ({encoder} encoder)"
                ),
            )
        )
        cases = (("scoring only", False),) + ((("examples changed", True),) if not args.no_retag else ())
        for label, examples in cases:
            rubric = team_rubric(root / f"team-{'examples' if examples else 'weights'}.yaml", examples)
            work = root / f"rescored-{'examples' if examples else 'weights'}"
            shutil.rmtree(work, ignore_errors=True)
            shutil.copytree(stored, work)
            log(f"rescore ({label}) with {args.workers} workers")
            load = os.getloadavg()[0]
            wall, cpu, summary = timed_rescore(work, rubric, args.workers, examples and encoder == "hashing")
            rows.append(
                (
                    f"rescore, {label}, {args.workers} workers",
                    f"{wall:.1f} s",
                    (
                        f"wall, fresh process on {cpu_count()} cores (load {load:.1f} before), {wall / n * 1000:.0f} ms per call; "
                        f"CPU {cpu:.1f} s in all ({cpu / n * 1000:.0f} ms per call); `{summary}`"
                    ),
                )
            )
            fresh = root / f"fresh-{'examples' if examples else 'weights'}"
            shutil.rmtree(fresh, ignore_errors=True)
            log(f"fresh analyses under the same rubric ({label})")
            analyse_folder(transcripts, fresh, str(rubric), nlp)
            same, total, diffs = identical(work, fresh)
            rows.append(
                (
                    f"identical to a fresh analyze ({label})",
                    f"{same}/{total}",
                    "JSON (timings aside) and scorecard HTML byte for byte"
                    + (f"; differ: {'; '.join(diffs)}" if diffs else ""),
                )
            )
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    print("| row | value | note |")
    print("|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
