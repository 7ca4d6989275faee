"""README.md's "A team's first week", run command by command as a new team would.

The walkthrough is the part of README.md between ``<!-- walkthrough -->`` and
``<!-- /walkthrough -->``. Every ``callcoach ...`` line of its fenced ``bash`` blocks is run, in
order, with the real CLI in a fresh folder; what the reader does by hand in between is done the
way the README says: its ``csv`` block becomes ``calls.csv`` (with a recording for every row), its
``yaml`` block's ``# was:`` lines are the edits made to the ``team.yaml`` that ``rubric init``
wrote, and "next week" adds a call. A renamed option, a changed output or a step that stops
working fails here.

Fast: the recordings are synthetic two-voice stereo calls and the speech recogniser is the
project's FakeTranscriber reading a scripted conversation (tagging gets the weightless encoder of
tests/conftest.py). The batch runs its calls in this process (its worker processes would not get
the fakes). ``review`` is a server: it runs as the installed ``callcoach`` in a subprocess with
``--no-browser``, its queue page is fetched once, then Ctrl-C stops it. The install lines are
checked against the README's other install command and the environment running the tests. The
sample step with the real models is the slow test at the end.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest
import yaml
from click.testing import CliRunner

from callcoach.asr import FakeTranscriber
from callcoach.cli import cli
from tests.conftest import REPO, voice

README = REPO / "README.md"
START, END = "<!-- walkthrough -->", "<!-- /walkthrough -->"
SR = 16_000
WORD_S = 0.4  # seconds per word of the fake recogniser

# The scripted conversation every synthetic call holds: (speaker, what is said); the rep is on
# the left channel, as the README's manifest says.
CONVERSATION = [
    ("rep", "Thanks for making time today, Sam."),
    ("customer", "Happy to, we have twenty minutes."),
    ("rep", "How do you onboard new reps today?"),
    ("customer", "We train them ourselves and it takes about six months."),
    ("rep", "What does a slow ramp cost you each quarter?"),
    ("customer", "Honestly, that sounds expensive for us this year."),
    ("rep", "Shall we book a demo with your team next Tuesday?"),
    ("customer", "Yes, Tuesday at ten works for us."),
]
REP_WORDS = [w for who, text in CONVERSATION if who == "rep" for w in text.split()]
CUSTOMER_WORDS = [w for who, text in CONVERSATION if who == "customer" for w in text.split()]
# The subcommands the walkthrough must take a team through (issue 16).
REQUIRED = {"info", "analyze", "batch", "rubric init", "rubric check", "rescore", "search", "review", "report"}


# --- the README's walkthrough ------------------------------------------------------------------


def section() -> str:
    text = README.read_text(encoding="utf-8")
    assert text.count(START) == 1 and text.count(END) == 1, f"README.md needs one {START} ... {END} section"
    return text[text.index(START) + len(START) : text.index(END)]


def blocks(lang: str) -> list[str]:
    """The bodies of the walkthrough's fenced blocks in ``lang``, in order."""
    return [
        body
        for fence, body in re.findall(r"^```(\w*)\n(.*?)^```", section(), re.MULTILINE | re.DOTALL)
        if fence == lang
    ]


def command_lines() -> list[list[str]]:
    """Every command line of the walkthrough's bash blocks as its words (as the shell splits
    them, comments dropped), in order."""
    return [
        words for body in blocks("bash") for line in body.splitlines() if (words := shlex.split(line, comments=True))
    ]


def subcommand(argv: list[str]) -> str:
    """``rubric init`` for ``callcoach rubric init team.yaml``; ``batch`` for a batch."""
    name = argv[1]
    return f"{name} {argv[2]}" if name == "rubric" else name


def heading_slugs() -> set[str]:
    """GitHub's anchors of README.md's headings."""
    text = README.read_text(encoding="utf-8")
    return {
        re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-")
        for h in re.findall(r"^#+ (.*)$", text, re.MULTILINE)
    }


def edits() -> list[tuple[str | None, str, str]]:
    """The rubric edits of the walkthrough's yaml block: (dimension id or None, old line, new line)."""
    (body,) = blocks("yaml")
    out: list[tuple[str | None, str, str]] = []
    dimension = None
    for line in body.splitlines():
        if m := re.match(r"\s*- id: (\w+)", line):
            dimension = m.group(1)
        if "# was:" in line:
            new, _, rest = line.partition("# was:")
            old = rest.split("(")[0].strip()
            out.append((dimension, old, new.strip()))
    return out


# --- what the reader does by hand --------------------------------------------------------------


def write_recording(path: Path, seed: int) -> None:
    """A stereo call of CONVERSATION: the rep on the left, the customer on the right; each turn
    lasts as long as its words take the fake recogniser, so each turn reads as its sentence."""
    import soundfile as sf

    gap = 0.5 + 0.05 * seed  # calls differ in their bytes
    spans = []
    t = 0.5
    for i, (who, text) in enumerate(CONVERSATION):
        seconds = len(text.split()) * WORD_S - 0.1
        spans.append((0 if who == "rep" else 1, t, seconds, i))
        t += seconds + gap
    x = np.zeros((2, int((t + 0.5) * SR)), dtype=np.float32)
    for ch, start, seconds, i in spans:
        seg = voice(seconds, 140 if ch == 0 else 210, seed=seed * 10 + i)
        x[ch, int(start * SR) : int(start * SR) + len(seg)] += seg
    path.parent.mkdir(parents=True, exist_ok=True)
    sf.write(path, x.T, SR)


def write_calls(folder: Path, manifest: Path) -> list[dict[str, str]]:
    """Step 3 by hand: the README's manifest saved as calls.csv, a recording for every row."""
    (body,) = blocks("csv")
    manifest.write_text(body, encoding="utf-8")
    rows = list(csv.DictReader(body.splitlines()))
    assert rows, "the walkthrough's manifest has no calls"
    for i, row in enumerate(rows):
        write_recording(folder / row["file"], seed=i)
    return rows


def edit_rubric(path: Path) -> None:
    """Step 4 by hand: each ``# was:`` line of the README changed where it is in team.yaml."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for dimension, old, new in edits():
        start = 0
        if dimension is not None:
            start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {dimension}")
        i = next((i for i in range(start, len(lines)) if lines[i].strip() == old), None)
        assert i is not None, f"the README says to change '{old}', but `rubric init` did not write that line"
        indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
        lines[i] = f"{indent}{new}\n"
    path.write_text("".join(lines), encoding="utf-8")


def add_next_weeks_call(folder: Path, manifest: Path, rows: list[dict[str, str]]) -> dict[str, str]:
    """Step 9 by hand: a new recording under calls/ and its row in calls.csv."""
    row = dict(rows[0], file=rows[0]["file"].rsplit("/", 1)[0] + "/next-week.wav", date="2024-05-13")
    write_recording(folder / row["file"], seed=len(rows))
    with open(manifest, "a", encoding="utf-8", newline="") as fh:
        csv.DictWriter(fh, fieldnames=list(row)).writerow(row)
    return row


# --- running and checking each command ---------------------------------------------------------


@dataclass
class Walk:
    """The folder the walkthrough runs in and what it has made so far."""

    root: Path
    rows: list[dict[str, str]] = field(default_factory=list)
    batches: int = 0
    coach: str = ""
    edited: Path | None = None  # the rubric edited in step 4
    reviewed: str | None = None  # the call the coach reviewed in step 7
    ran: list[str] = field(default_factory=list)

    def analyses(self, results: Path) -> dict[str, dict]:
        return {
            p.relative_to(results).as_posix(): json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(results.rglob("*.callcoach.json"))
        }


def invoke(argv: list[str]) -> tuple[int, str, str]:
    res = CliRunner().invoke(cli, argv[1:])
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        raise res.exception
    return res.exit_code, res.stdout, res.stderr


def option(argv: list[str], name: str) -> str | None:
    return argv[argv.index(name) + 1] if name in argv else None


def check_batch(walk: Walk, argv: list[str]) -> None:
    calls, results = Path(argv[2]), Path(option(argv, "--out") or option(argv, "-o") or "")
    manifest = Path(option(argv, "--manifest") or "calls.csv")
    new = None
    if walk.batches == 0:
        walk.rows = write_calls(calls, manifest)
    else:
        new = add_next_weeks_call(calls, manifest, walk.rows)
    walk.batches += 1
    code, out, err = invoke(argv)
    assert code == 0, f"{shlex.join(argv)} failed:\n{err}"
    rows = walk.rows + ([new] if new else [])
    if new is not None:  # next week: only the new call is analysed
        assert f": 1 analysed, {len(walk.rows)} already done, 0 failed" in out, out + err
        walk.rows = rows
    summary = list(csv.DictReader((results / "summary.csv").read_text(encoding="utf-8").splitlines()))
    assert {(r["path"], r["rep"], r["team"]) for r in summary} == {(r["file"], r["rep"], r["team"]) for r in rows}
    assert (results / "team.html").is_file()
    analyses = walk.analyses(results)
    rubric = option(argv, "--rubric")
    for row in rows:
        stem = row["file"].rsplit(".", 1)[0]
        data = analyses[f"{stem}.callcoach.json"]
        assert (results / f"{stem}.scorecard.html").is_file()
        assert data["roles"]["rep"] == row["rep_channel"] and data["scorecard"]["status"] == "scored", data["scorecard"]
        if rubric:
            assert Path(data["settings"]["rubric_file"]).resolve() == (walk.root / rubric).resolve()


def check_rubric_check(walk: Walk, argv: list[str]) -> None:
    path = Path(argv[3])
    edit_rubric(path)
    walk.edited = path
    code, out, err = invoke(argv)
    assert code == 0, err
    said = re.search(r"it prints `([^`]+)`", section())
    assert said, "the walkthrough says what `rubric check` prints"
    assert out.strip() == said.group(1)


def check_rescore(walk: Walk, argv: list[str]) -> None:
    results, name = Path(argv[2]), option(argv, "--rubric") or ""
    rubric_file = Path(name) if Path(name).is_file() else REPO / "rubrics" / f"{name}.yaml"  # a file, or a built-in
    rubric = yaml.safe_load(rubric_file.read_text(encoding="utf-8"))
    code, out, err = invoke(argv)
    assert code == 0, err
    rubric_id = f"{rubric['id']}@{rubric['version']}"
    assert f"{len(walk.rows)} re-scored under {rubric_id}" in out
    changed = {d for d, _, _ in edits() if d is not None} if Path(name) == walk.edited else set()
    analyses = walk.analyses(results)
    scores = {r["path"]: r["score"] for r in csv.DictReader((results / "summary.csv").read_text().splitlines())}
    for row in walk.rows:
        stem = row["file"].rsplit(".", 1)[0]
        card = analyses[f"{stem}.callcoach.json"]["scorecard"]
        assert card["rubric"] == rubric_id
        assert rubric_id in (results / f"{stem}.scorecard.html").read_text(encoding="utf-8")
        assert float(scores[row["file"]]) == pytest.approx(card["score"], abs=0.05)
        dims = {d["id"]: d for d in card["dimensions"]}
        for dim in changed:
            edited = next(d for d in rubric["dimensions"] if d["id"] == dim)
            assert dims[dim]["max_points"] == edited["weight"]
            assert dims[dim]["target"].startswith(f"{edited['target']['min']}-{edited['target']['max']}")


def words_searched(argv: list[str]) -> str | None:
    """The QUERY of ``callcoach search RESULTS [QUERY] [options]``, if given."""
    rest = argv[3:]
    i = 0
    while i < len(rest):
        if rest[i].startswith("-"):
            i += 2  # every option of the walkthrough's searches takes a value
            continue
        return rest[i]
    return None


def check_search(walk: Walk, argv: list[str]) -> None:
    code, out, err = invoke(argv)
    assert code == 0, f"{shlex.join(argv)}: {err}"
    lines = out.splitlines()
    assert lines, "the search found nothing"
    query = words_searched(argv)
    stems = {r["file"].rsplit(".", 1)[0] for r in walk.rows}
    for line in lines:
        call, _time, who, tags, *_ = line.split("  ")
        assert call in stems
        if tag := option(argv, "--tag"):
            assert any(t == tag or t.startswith(tag + ".") for t in tags.split(","))
        if speaker := option(argv, "--speaker"):
            assert who == speaker
        if query:
            assert query.lower() in line.lower()


def coach_reviews(url: str, key: str) -> None:
    """What step 7 says a coach does, through the app as the browser's forms do: override the
    edited dimension to its full points, with a reason, and mark the call reviewed."""
    with urllib.request.urlopen(f"{url}call/{key}", timeout=20) as page:
        csrf = re.search(r'data-csrf="([^"]+)"', page.read().decode("utf-8"))
    assert csrf, "the call page carries the form token"
    (dimension, _, new) = next(e for e in edits() if e[0] is not None and e[1].startswith("weight:"))
    forms = [
        {"action": "override", "dimension": dimension, "points": str(yaml.safe_load(new)["weight"]),
         "reason": "The buyer asked for the long product tour."},
        {"action": "reviewed"},
    ]  # fmt: skip
    for form in forms:
        body = urllib.parse.urlencode({"csrf": csrf.group(1), **form}).encode()
        request = urllib.request.Request(
            f"{url}call/{key}", data=body, headers={"accept": "application/json", "origin": url.rstrip("/")}
        )
        with urllib.request.urlopen(request, timeout=20) as answer:
            assert json.loads(answer.read())["ok"] is True


def check_review(walk: Walk, argv: list[str]) -> None:
    """The server runs until Ctrl-C: run the installed command, fetch its queue, review one call
    as a coach, stop it."""
    exe = Path(sys.executable).parent / "callcoach"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "callcoach"]
    cmd += argv[1:] + ([] if "--no-browser" in argv else ["--no-browser"])
    proc = subprocess.Popen(
        cmd, cwd=walk.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    watchdog = threading.Timer(60, proc.kill)
    watchdog.start()
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        if not first.startswith("http://127.0.0.1:"):
            _, err = proc.communicate(timeout=30)
            pytest.fail(f"{shlex.join(argv)} printed no URL: {first!r}\n{err}")
        url = first.split()[0]
        coach = re.search(r" as (.+); Ctrl-C stops", first)
        assert coach, first
        walk.coach = coach.group(1)
        with urllib.request.urlopen(url, timeout=20) as page:
            html = page.read().decode("utf-8")
        keys = [row["file"].rsplit(".", 1)[0] for row in walk.rows]
        for key in keys:
            assert f'href="/call/{key}"' in html, f"the queue does not list {key}"
        walk.reviewed = walk.rows[0]["file"]
        coach_reviews(url, keys[0])
        proc.send_signal(signal.SIGINT)  # Ctrl-C
        out, err = proc.communicate(timeout=30)
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert "review server stopped" in out


def check_report(walk: Walk, argv: list[str]) -> None:
    results = Path(argv[2])
    (results / "summary.csv").unlink()  # rebuilt by the command, not left from the batch
    code, out, err = invoke(argv)
    assert code == 0, err
    assert out.startswith(f"{len(walk.rows)} calls -> ")
    summary = {r["path"]: r for r in csv.DictReader((results / "summary.csv").read_text().splitlines())}
    assert set(summary) == {r["file"] for r in walk.rows}
    for path, row in summary.items():  # the call a coach reviewed counts with its corrected score
        if path == walk.reviewed:
            assert row["reviewed_by"] == walk.coach
            assert float(row["score"]) > float(row["machine_score"])
        else:
            assert row["reviewed_by"] == "" and row["score"] == row["machine_score"]


def check_plain(walk: Walk, argv: list[str]) -> None:
    code, _out, err = invoke(argv)
    assert code == 0, f"{shlex.join(argv)} failed:\n{err}"


def check_analyze(walk: Walk, argv: list[str]) -> None:
    check_plain(walk, argv)
    out = Path(option(argv, "--out") or ".")
    stem = Path(argv[2]).name.split(".")[0]
    data = json.loads((out / f"{stem}.callcoach.json").read_text(encoding="utf-8"))
    assert (out / f"{stem}.scorecard.html").is_file()
    assert data["roles"]["rep"] == option(argv, "--rep-channel")


def check_rubric_init(walk: Walk, argv: list[str]) -> None:
    check_plain(walk, argv)
    assert yaml.safe_load(Path(argv[3]).read_text(encoding="utf-8"))["id"] == Path(argv[3]).stem


CHECKS = {
    "analyze": check_analyze,
    "batch": check_batch,
    "rubric init": check_rubric_init,
    "rubric check": check_rubric_check,
    "rescore": check_rescore,
    "search": check_search,
    "review": check_review,
    "report": check_report,
}


def check_install(argv: list[str]) -> None:
    """The install lines: the README's own install command, and a venv whose bin holds callcoach."""
    try_it = re.search(
        r"^(python3 -m venv \.venv && \.venv/bin/pip install \S+) && \.venv/bin/callcoach ",
        README.read_text(),
        re.MULTILINE,
    )
    assert try_it, "README.md's 'Try it' command installs callcoach into .venv"
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m venv .venv && .venv/bin/pip install" in ci
    line = shlex.join(argv)
    if argv[:2] == ["python3", "-m"]:
        assert argv == shlex.split(try_it.group(1)), (
            f"the walkthrough installs with {line!r}, the README's 'Try it' with {try_it.group(1)!r}"
        )
    elif argv == ["source", ".venv/bin/activate"]:
        bin_dir = Path(sys.executable).parent
        if (bin_dir / "activate").exists():  # the tests run in a venv, as the README's test command does
            assert (bin_dir / "callcoach").exists(), "the installed venv has no callcoach script"
    else:
        pytest.fail(f"the walkthrough runs {line!r}, which this test does not know how to run")


# --- the tests ---------------------------------------------------------------------------------


def test_walkthrough_links_go_to_headings_of_the_readme() -> None:
    anchors = re.findall(r"\]\(#([^)]+)\)", section())
    assert anchors
    missing = set(anchors) - heading_slugs()
    assert not missing, f"the walkthrough links to headings README.md lacks: {sorted(missing)}"


def test_walkthrough_runs_every_command_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "samples").symlink_to(REPO / "samples")  # run from the checkout, as the README says
    monkeypatch.setattr(
        "callcoach.pipeline.FasterWhisperTranscriber",
        lambda *a, **k: FakeTranscriber(scripts=[REP_WORDS, CUSTOMER_WORDS], word_seconds=WORD_S),
    )
    monkeypatch.setattr("callcoach.batch.runner.default_workers", lambda n: 0)  # in this process, with the fakes
    walk = Walk(tmp_path)
    for argv in command_lines():
        if argv[0] != "callcoach":
            check_install(argv)
            continue
        name = subcommand(argv)
        CHECKS.get(name, check_plain)(walk, argv)
        walk.ran.append(name)
    assert REQUIRED <= set(walk.ran), f"the walkthrough leaves out {sorted(REQUIRED - set(walk.ran))}"
    assert walk.batches == 2, "the walkthrough runs a batch, then next week's"


@pytest.mark.slow
def test_walkthrough_sample_step_with_the_real_models(tmp_path: Path) -> None:
    """Step 2 as the reader runs it: the installed callcoach, the real models, the bundled sample."""
    (argv,) = [c for c in command_lines() if c[:2] == ["callcoach", "analyze"]]
    (tmp_path / "samples").symlink_to(REPO / "samples")
    exe = Path(sys.executable).parent / "callcoach"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "callcoach"]
    run = subprocess.run(cmd + argv[1:], cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stderr
    out = tmp_path / (option(argv, "--out") or ".")
    data = json.loads((out / "demo-call.callcoach.json").read_text(encoding="utf-8"))
    assert (out / "demo-call.scorecard.html").is_file()
    assert data["roles"]["rep"] == "left" and data["scorecard"]["status"] == "scored"
    words = " ".join(u["text"] for u in data["utterances"]).lower()
    reference = json.loads((REPO / "samples" / "demo-call.reference.json").read_text(encoding="utf-8"))
    said = {w.strip(".,?!").lower() for turn in reference["turns"] for w in turn["text"].split()}
    heard = {w.strip(".,?!") for w in words.split()}
    assert len(said & heard) / len(said) > 0.7, "the real recogniser heard little of the sample"
    assert "demo-call.flac: score " in run.stdout
