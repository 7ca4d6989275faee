"""Team-derived targets (``callcoach targets``): what the team's own successful calls reach.

Published targets (Gong Labs, Rackham) describe other teams' calls. A manager also wants to know
what good looks like on *this* team: for each dimension of a rubric, the band that the team's
calls with a chosen outcome (advance, by default the successful ones) reach on its metric. The
band is the interquartile range (p25..p75) with the median, the number of calls behind it and a
seeded bootstrap 95 % interval of each bound, so a manager sees how firm it is.

Which calls count: every stored analysis under a results folder (``analyze --out`` or ``batch
--out``), found as ``callcoach search`` and the review queue find them
(:func:`callcoach.search.analyses`), read as the team report reads them (a coach's corrections
applied where the call was reviewed: :func:`callcoach.batch.team.reviewed_calls`; outcome, date
and conversation from :func:`callcoach.batch.team.summary_row`). A call's outcome is the
manifest's ``outcome`` column (``won`` and ``advance`` are one outcome) where its row has one,
else the outcome the tagger stored (the scorecard's next step: an Advance, a Continuation or
none). Its date is the manifest's ``date``, else the analysis file's modification time. A
voicemail or other recording that is not a conversation counts in no target. Metric values come
from :func:`callcoach.scoring.derived_metrics`, as scoring reads them.

:func:`derive_targets` refuses fewer than ``min_calls`` matching calls (never a target from 3
calls); a dimension whose metric fewer than ``min_calls`` of them have keeps its published
target. :func:`team_rubric_text` writes the team's rubric: a copy of the chosen one whose
dimensions use the bands, the published target and source kept in a comment above each.
"""

from __future__ import annotations

import json
import math
import os
import zlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from callcoach.errors import CallcoachError, SchemaError
from callcoach.rubric import Dimension, Rubric

#: Fewest calls (and, per dimension, values) a team target is derived from.
MIN_CALLS = 20
#: Bootstrap resamples behind each interval, and the default seed (same input, same output).
RESAMPLES = 2000
SEED = 0
#: The outcome names callcoach knows, and the words a manifest or a user may write for each.
OUTCOME_WORDS: dict[str, str] = {
    "advance": "advance",
    "advanced": "advance",
    "won": "advance",
    "win": "advance",
    "continuation": "continuation",
    "no_sale": "no_sale",
    "nosale": "no_sale",
    "none": "no_sale",
    "lost": "no_sale",
}
#: The tagger's verdict (the scorecard's ``next_step.kind``) as an outcome; ``unknown``: untagged.
_NEXT_STEP_OUTCOME = {"advance": "advance", "continuation": "continuation", "none": "no_sale"}
#: How a source line calls the calls of an outcome ("48 advanced calls").
_CALLED = {"advance": "advanced", "continuation": "continuation", "no_sale": "no-sale"}


class TooFewCalls(CallcoachError):
    """Fewer matching calls than a team target needs; nothing is written."""


# ------------------------------------------------------------------------------------------
# The calls


@dataclass(frozen=True, slots=True)
class TeamCall:
    """One stored analysis as targets see it: its outcome (and where that came from), its date
    (and where that came from), whether it is a conversation, and every metric's value."""

    key: str
    outcome: str | None
    outcome_from: str  # "manifest" or "tagger"
    day: date
    date_from: str  # "manifest", or "file" (with why, where the manifest's date did not read)
    conversation: bool
    values: dict[str, float | None]


def outcome_name(word: str) -> str:
    """The outcome a word means: ``won`` -> ``advance``, ``No sale`` -> ``no_sale``; a word
    callcoach does not know is kept (lowercase, ``_`` for spaces), so a team's own manifest
    words (``open``, ``demo booked``) still match themselves."""
    key = "_".join(str(word).strip().lower().replace("-", " ").split())
    return OUTCOME_WORDS.get(key, key)


def call_outcome(row: dict[str, Any]) -> tuple[str | None, str]:
    """A call's outcome from its team-report row (:func:`callcoach.batch.team.summary_row`): the
    manifest's ``outcome`` where its row had one, else the tagger's verdict (None: untagged)."""
    given = row.get("outcome")
    if isinstance(given, str) and given.strip():
        return outcome_name(given), "manifest"
    return _NEXT_STEP_OUTCOME.get(str(row.get("next_step") or "")), "tagger"


def call_date(row: dict[str, Any], path: Path) -> tuple[date, str]:
    """A call's date: the manifest's ``date`` (ISO, ``2026-09-14``; a time after it is ignored)
    where it reads as one, else the analysis file's modification time (local date)."""
    given = row.get("date")
    unread = ""
    if isinstance(given, str) and given.strip():
        try:
            return date.fromisoformat(given.strip()[:10].replace("/", "-")), "manifest"
        except ValueError:
            unread = f" (the manifest's date {given.strip()!r} is not YYYY-MM-DD)"
    return date.fromtimestamp(path.stat().st_mtime), "file" + unread


def _team_call(key: str, path: Path, d: dict[str, Any]) -> TeamCall:
    """A :class:`TeamCall` from an analysis's JSON form (already corrected where reviewed)."""
    from callcoach.batch.team import summary_row
    from callcoach.call import Call
    from callcoach.scoring import derived_metrics
    from callcoach.stalls import next_step

    call = Call.from_dict(d)
    row = summary_row(d, key)
    if not row.get("next_step") and not row.get("outcome"):  # no scorecard stored: ask the tagger's tags
        row["next_step"] = next_step(call)["kind"]
    outcome, outcome_from = call_outcome(row)
    day, date_from = call_date(row, path)
    return TeamCall(key, outcome, outcome_from, day, date_from, row["conversation"] == "conversation",
                    derived_metrics(call))  # fmt: skip


def read_team_calls(results: Path) -> tuple[list[TeamCall], list[str]]:
    """Every readable stored analysis under ``results``, by key, and a warning for each that
    could not be read (named, skipped, as the team report skips it).

    Raises:
        CallcoachError: ``results`` is not a folder, or holds no analyses.
    """
    from callcoach.batch.team import reviewed_calls
    from callcoach.search import analyses

    found = analyses(results)
    if not found:
        raise CallcoachError(
            f"{results}: holds no *.callcoach.json analyses; run `callcoach batch` or `callcoach analyze --out` first"
        )
    reviewed = reviewed_calls(results) if results.is_dir() else {}
    calls: list[TeamCall] = []
    warnings: list[str] = []
    for key, path in found:
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(d, dict) or "utterances" not in d:
                raise ValueError("not a callcoach analysis")
            if key in reviewed:
                d = reviewed[key].call
            calls.append(_team_call(key, path, d))
            if calls[-1].date_from.startswith("file ("):
                warnings.append(f"{path}: dated by the file's time{calls[-1].date_from[4:]}")
        except (OSError, ValueError, KeyError, TypeError, SchemaError) as exc:
            warnings.append(f"{path}: skipped ({exc})")
    return calls, warnings


# ------------------------------------------------------------------------------------------
# The statistics


@dataclass(frozen=True, slots=True)
class Band:
    """The interquartile band of one metric over the team's calls, with a bootstrap 95 %
    interval of each bound."""

    n: int
    median: float
    p25: float
    p75: float
    p25_ci: tuple[float, float]
    p75_ci: tuple[float, float]


def band(values: np.ndarray, seed: int = SEED, resamples: int = RESAMPLES) -> Band:
    """Median, p25 and p75 of ``values`` (linear interpolation), and the 2.5th and 97.5th
    percentiles of p25 and p75 over ``resamples`` bootstrap resamples drawn with ``seed``.

    Raises:
        ValueError: fewer than two values.
    """
    x = np.asarray(values, dtype=np.float64)
    if x.size < 2:
        raise ValueError("a band needs at least two values")
    p25, median, p75 = np.percentile(x, [25, 50, 75])
    rng = np.random.default_rng(seed)
    draws = x[rng.integers(0, x.size, size=(resamples, x.size))]
    boot = np.percentile(draws, [25, 75], axis=1)  # (2, resamples)
    lo25, hi25 = np.percentile(boot[0], [2.5, 97.5])
    lo75, hi75 = np.percentile(boot[1], [2.5, 97.5])
    return Band(
        int(x.size), float(median), float(p25), float(p75), (float(lo25), float(hi25)), (float(lo75), float(hi75))
    )


def metric_seed(seed: int, metric: str) -> int:
    """The bootstrap seed of one metric: fixed by ``seed`` and the metric's name, so a
    dimension's interval does not change with the rubric's order or other dimensions."""
    return (seed * 1_000_003 + zlib.crc32(metric.encode("utf-8"))) % 2**32


def rounded(x: float) -> float | int:
    """A bound as a rubric writes it: 1 decimal from 10 up, 2 below; whole numbers as ints."""
    r = round(x, 1 if abs(x) >= 10 else 2)
    return int(r) if float(r).is_integer() else r


def month_range(days: list[date]) -> str:
    """``2026-09..2026-11`` (the first and last month of ``days``), one month alone; "" for none."""
    if not days:
        return ""
    first, last = min(days).strftime("%Y-%m"), max(days).strftime("%Y-%m")
    return first if first == last else f"{first}..{last}"


# ------------------------------------------------------------------------------------------
# The targets


@dataclass(frozen=True, slots=True)
class DimensionTarget:
    """One dimension: its published target and source, and the team's band and target (None
    where too few calls have the metric: the published target is kept)."""

    dimension: Dimension
    n: int
    band: Band | None
    target: dict[str, float | int] | None
    source: str | None
    note: str = ""


@dataclass(frozen=True, slots=True)
class TeamTargets:
    """What :func:`derive_targets` found."""

    results: Path
    rubric: Rubric
    rubric_file: Path
    outcome: str
    calls: int  # conversations with the outcome
    others: int  # conversations with another outcome, or none
    not_conversations: int
    months: str
    dimensions: tuple[DimensionTarget, ...]
    warnings: tuple[str, ...] = field(default=())

    @property
    def derived(self) -> int:
        """How many dimensions got a team target."""
        return sum(1 for d in self.dimensions if d.target is not None)


def team_target(dim: Dimension, b: Band) -> dict[str, float | int]:
    """The team's target of a dimension from its band: ``{min: p25, max: p75}``, one-sided
    where the published target is (only ``min``: p25; only ``max``: p75)."""
    out: dict[str, float | int] = {}
    if dim.target.min is not None:
        out["min"] = rounded(b.p25)
    if dim.target.max is not None:
        out["max"] = rounded(b.p75)
    return out


def team_source(n: int, outcome: str, months: str) -> str:
    """``team: 48 advanced calls, 2026-09..2026-11``."""
    called = _CALLED.get(outcome, outcome.replace("_", " "))
    return f"team: {n} {called} call{'s' if n != 1 else ''}, {months}"


def dimension_target(dim: Dimension, calls: list[TeamCall], outcome: str, min_calls: int, seed: int) -> DimensionTarget:
    """The team's band and target of one dimension over ``calls`` (the matching ones); the
    published target kept, with the reason, where fewer than ``min_calls`` have the metric."""
    having = [(c.values.get(dim.metric), c.day) for c in calls]
    kept = [(v, d) for v, d in having if v is not None and math.isfinite(v)]
    if len(kept) < min_calls:
        note = f"published target kept: {len(kept)} of {len(calls)} calls have {dim.metric}, need {min_calls}"
        return DimensionTarget(dim, len(kept), None, None, None, note)
    values = np.array([v for v, _ in kept])
    b = band(values, metric_seed(seed, dim.metric))
    target = team_target(dim, b)
    source = team_source(b.n, outcome, month_range([d for _, d in kept]))
    lo, hi = target.get("min", -math.inf), target.get("max", math.inf)
    note = f"met by all {b.n} calls, so it tells none apart" if bool(np.all((values >= lo) & (values <= hi))) else ""
    return DimensionTarget(dim, b.n, b, target, source, note)


def derive_targets(
    results: str | Path,
    outcome: str,
    rubric: str | Path | None = None,
    min_calls: int = MIN_CALLS,
    seed: int = SEED,
) -> TeamTargets:
    """The team's bands and targets for every dimension of ``rubric`` (a built-in name or a
    file; None: the default) from the stored analyses under ``results`` whose outcome is
    ``outcome`` (any word :func:`outcome_name` reads).

    Raises:
        TooFewCalls: fewer than ``min_calls`` such calls; the message names both numbers.
        CallcoachError: no results folder, no analyses in it, or the rubric does not load.
    """
    from callcoach.rubric import parse_rubric, rubric_path

    results = Path(results)
    path = rubric_path(rubric)
    parsed = parse_rubric(path)
    wanted = outcome_name(outcome)
    calls, warnings = read_team_calls(results)
    talks = [c for c in calls if c.conversation]
    matching = [c for c in talks if c.outcome == wanted]
    if len(matching) < min_calls:
        raise TooFewCalls(_too_few(results, wanted, len(matching), min_calls, talks))
    dims = tuple(dimension_target(d, matching, wanted, min_calls, seed) for d in parsed.dimensions)
    return TeamTargets(
        results=results,
        rubric=parsed,
        rubric_file=path,
        outcome=wanted,
        calls=len(matching),
        others=len(talks) - len(matching),
        not_conversations=len(calls) - len(talks),
        months=month_range([c.day for c in matching]),
        dimensions=dims,
        warnings=tuple(warnings),
    )


def _too_few(results: Path, outcome: str, found: int, needed: int, talks: list[TeamCall]) -> str:
    """The one-line refusal; where no call matched, the outcomes the calls do have."""
    line = (
        f"{results}/: only {found} call{'s' if found != 1 else ''} with outcome {outcome}; "
        f"team targets need at least {needed} - analyse more calls or pass --min-calls"
    )
    if found == 0 and talks:
        counts: dict[str, int] = {}
        for c in talks:
            counts[c.outcome or "untagged"] = counts.get(c.outcome or "untagged", 0) + 1
        line += " (outcomes found: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) + ")"
    return line


# ------------------------------------------------------------------------------------------
# The table


def _num(x: float | None) -> str:
    return "-" if x is None else f"{rounded(x):g}"


def _cite(source: str) -> str:
    """A published source's citation, without the finding after `` - ``."""
    return source.split(" - ", 1)[0].strip()


def _describe(target: dict[str, float | int], unit: str) -> str:
    from callcoach.rubric import Target

    return Target(min=target.get("min"), max=target.get("max")).describe(unit)


def format_table(t: TeamTargets) -> str:
    """The targets as a text table: each dimension's n, median, band and bootstrap intervals,
    the team's target beside the published one and its source."""
    head = (
        "dimension",
        "metric",
        "n",
        "median",
        "p25-p75",
        "95% CI p25",
        "95% CI p75",
        "team target",
        "published",
        "source",
    )
    rows: list[tuple[str, ...]] = []
    for d in t.dimensions:
        dim, b = d.dimension, d.band
        published = dim.target.describe(dim.unit)
        mark = " *" if d.note else ""
        if b is None or d.target is None:
            rows.append((dim.id, dim.metric, str(d.n), "-", "-", "-", "-", "published kept" + mark, published,
                         _cite(dim.source)))  # fmt: skip
            continue
        rows.append((
            dim.id, dim.metric, str(b.n), _num(b.median), f"{_num(b.p25)}-{_num(b.p75)}",
            f"{_num(b.p25_ci[0])}-{_num(b.p25_ci[1])}", f"{_num(b.p75_ci[0])}-{_num(b.p75_ci[1])}",
            _describe(d.target, dim.unit) + mark, published, _cite(dim.source),
        ))  # fmt: skip
    widths = [max(len(r[i]) for r in (head, *rows)) for i in range(len(head) - 1)]
    right = {2, 3}

    def line(r: tuple[str, ...]) -> str:
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))]
        return "  ".join([*cells, r[-1]]).rstrip()

    notes = [f"* {d.dimension.id}: {d.note}" for d in t.dimensions if d.note]
    return "\n".join([line(head), *map(line, rows), *notes])


def summary_line(t: TeamTargets) -> str:
    """What the table is built from: ``48 calls with outcome advance in results/ (2026-09..2026-11); ...``."""
    left = [f"{t.others} with another outcome or none"] if t.others else []
    if t.not_conversations:
        left.append(f"{t.not_conversations} not conversations")
    out = f"; left out: {', '.join(left)}" if left else ""
    return (
        f"{t.calls} calls with outcome {t.outcome} in {t.results}/ ({t.months}){out}; "
        f"rubric {t.rubric.ref}; bands: p25-p75, bootstrap 95% intervals ({RESAMPLES} resamples)"
    )


# ------------------------------------------------------------------------------------------
# The team's rubric


def team_rubric_id(rubric: Rubric) -> tuple[str, int | str]:
    """The team rubric's id and version: the id with ``-team`` (kept when it has it already,
    and then an integer version is bumped, so re-derived targets score under a new ref)."""
    if rubric.id.endswith("-team"):
        return rubric.id, rubric.version + 1 if isinstance(rubric.version, int) else rubric.version
    return f"{rubric.id}-team", rubric.version


def _yaml_target(target: dict[str, float | int], unit: str) -> Any:
    """A target as the rubric file writes it: ``{min, max}``; for a percentage whose bounds all
    lie within 0..1 (which the loader would read as a fraction of 1), text with its ``%``."""
    bounds = list(target.values())
    if unit == "%" and all(0 <= b <= 1 for b in bounds) and any(0 < b < 1 for b in bounds):
        lo, hi = target.get("min"), target.get("max")
        if lo is not None and hi is not None:
            return f"{lo:g}-{hi:g}%"
        return f">= {lo:g}%" if lo is not None else f"<= {hi:g}%"
    return dict(target)


def _comment_lines(d: DimensionTarget, called: str) -> list[str]:
    dim, b = d.dimension, d.band
    lines = [f"published target: {dim.target.describe(dim.unit)} (source: {dim.source})"]
    if b is not None:
        lines.append(
            f"team, {b.n} {called} calls: median {_num(b.median)}, p25 {_num(b.p25)} "
            f"(95% CI {_num(b.p25_ci[0])}-{_num(b.p25_ci[1])}), p75 {_num(b.p75)} "
            f"(95% CI {_num(b.p75_ci[0])}-{_num(b.p75_ci[1])})"
        )
        if d.note:
            lines.append(f"note: {d.note}")
    else:
        lines.append(f"team target not derived: {d.note.removeprefix('published target kept: ')}")
    return ["  # " + " ".join(x.split()) for x in lines]


def _dump(value: Any) -> str:
    import yaml

    return yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)


def _relative_tag_model(data: dict[str, Any], source: Path, out: Path) -> None:
    """Point ``tag_model`` (relative to the rubric file) at the same model from ``out``'s folder."""
    model = data.get("tag_model")
    if not isinstance(model, str) or not model:
        return
    resolved = (source.parent / model).expanduser().resolve()
    try:
        data["tag_model"] = Path(os.path.relpath(resolved, out.parent.resolve())).as_posix()
    except ValueError:  # another drive
        data["tag_model"] = resolved.as_posix()


def team_rubric_text(t: TeamTargets, out: Path, command: str = "callcoach targets") -> str:
    """The YAML text of the team's rubric: the chosen rubric's own fields, copied, under its id
    with ``-team``, each derived dimension with the team's target and source, and above each
    dimension a comment with the published target and source and the team's band.

    Raises:
        CallcoachError: the text would not validate (a bug: nothing is written).
    """
    import yaml

    data = yaml.safe_load(t.rubric_file.read_text(encoding="utf-8"))  # validated, aliases bounded, by parse_rubric
    rid, version = team_rubric_id(t.rubric)
    data["id"], data["version"] = rid, version
    if not str(data.get("name", "")).endswith("(team targets)"):
        data["name"] = f"{data.get('name') or t.rubric.id} (team targets)"
    _relative_tag_model(data, t.rubric_file, out)
    called = _CALLED.get(t.outcome, t.outcome.replace("_", " "))
    header = [
        f"# Team rubric written by `{command}` from {t.rubric.ref} ({t.rubric_file.name}).",
        f"# A derived dimension's target is the band (p25-p75) its metric reached on the team's {t.calls}",
        f"# {called} calls ({t.months}); the published target and its source are in the comment above it.",
        "# Running the command again rewrites this file; check it with `callcoach rubric check`.",
    ]
    header = ["# " + " ".join(x.removeprefix("# ").split()) for x in header]  # a path's newline never ends a comment
    body: list[str] = []
    by_id = {d.dimension.id: d for d in t.dimensions}
    for key, value in data.items():
        if key != "dimensions" or not isinstance(value, list):
            body.append(_dump({key: value}).rstrip("\n"))
            continue
        body.append("dimensions:")
        for raw in value:
            found = by_id.get(raw.get("id")) if isinstance(raw, dict) else None
            if found is not None:
                body += _comment_lines(found, called)
                if found.target is not None:
                    raw = {**raw, "target": _yaml_target(found.target, found.dimension.unit), "source": found.source}
            body += ["  " + x if x else x for x in _dump([raw]).rstrip("\n").split("\n")]
    text = "\n".join(header + body) + "\n"
    try:
        Rubric.model_validate(yaml.safe_load(text))
    except Exception as exc:  # noqa: BLE001 - said as the one-line error, never a broken file
        raise CallcoachError(f"{out}: the team rubric did not validate ({exc}); nothing written") from None
    return text


def write_team_rubric(t: TeamTargets, out: str | Path, command: str = "callcoach targets") -> Path:
    """Write the team's rubric to ``out`` atomically (a temporary file and a rename).

    Raises:
        CallcoachError: ``out`` is not a ``.yaml`` file name, is a folder, or is the rubric the
            targets came from (a published rubric is never overwritten).
    """
    from callcoach.output import atomic_write_text

    out = Path(out)
    if out.suffix not in (".yaml", ".yml"):
        raise CallcoachError(
            f"{out}: name the team rubric .yaml (e.g. {out.name}.yaml), so --rubric reads it as a file"
        )
    if out.is_dir():
        raise CallcoachError(f"{out}: is a directory; give the path of the rubric file to write, e.g. {out}/team.yaml")
    if out.exists() and out.resolve() == t.rubric_file.resolve():
        raise CallcoachError(f"{out}: is the rubric the targets come from; write the team rubric to another --out")
    return atomic_write_text(out, team_rubric_text(t, out, command))


def default_out(t: TeamTargets) -> Path:
    """Where the team rubric goes without ``--out``: ``<team id>.yaml`` in the current folder."""
    return Path(f"{team_rubric_id(t.rubric)[0]}.yaml")
