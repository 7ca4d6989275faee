"""``callcoach targets``: team-derived targets (fast: hand-built stored analyses, no model weights).

A synthetic team whose metrics are drawn from known distributions: the bands recovered from its
advanced calls lie within 10 % of the true quartiles, while calls with another outcome (from the
manifest or the tagger) and a voicemail are left out; the written team rubric passes the rubric
check, keeps one-sided targets one-sided, names its source and keeps the published one; 10
calls are refused (exit 1, one line, nothing written); the CLI end to end.
"""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

import numpy as np
import pytest
import yaml
from click.testing import CliRunner

from callcoach.call import (
    NOT_A_CONVERSATION,
    Attribution,
    Call,
    ConversationCheck,
    RoleAssignment,
    Scorecard,
    Speaker,
    Tag,
    Utterance,
)
from callcoach.cli import cli
from callcoach.output import write_outputs
from callcoach.rubric import check_rubric, load_rubric, parse_rubric, rubric_path
from callcoach.scoring import score_call
from callcoach.targets import (
    TooFewCalls,
    band,
    derive_targets,
    month_range,
    outcome_name,
    team_rubric_id,
    write_team_rubric,
)

RUBRIC = load_rubric("discovery")
Z75 = 0.6744897501960817  # the standard normal's 75th percentile

#: metric -> (distribution, true p25, true p75) of the advanced calls.
TRUE = {
    "talk.rep_talk_pct": ("uniform 30..60", 37.5, 52.5),
    "longest_monologue.duration_s": ("normal 100, 20", 100 - 20 * Z75, 100 + 20 * Z75),
    "longest_customer_story.duration_s": ("uniform 40..200", 80.0, 160.0),
    "questions.rep_questions": ("normal 12, 3", 12 - 3 * Z75, 12 + 3 * Z75),
    "patience.mean_response_pause_s": ("uniform 0.4..1.2", 0.6, 1.0),
}


def draw_advanced(rng: np.random.Generator) -> dict[str, float]:
    return {
        "talk.rep_talk_pct": rng.uniform(30, 60),
        "longest_monologue.duration_s": rng.normal(100, 20),
        "longest_customer_story.duration_s": rng.uniform(40, 200),
        "questions.rep_questions": rng.normal(12, 3),
        "patience.mean_response_pause_s": rng.uniform(0.4, 1.2),
    }


def draw_other(rng: np.random.Generator) -> dict[str, float]:
    """Calls with another outcome: far from the advanced calls, so counting them would show."""
    return {
        "talk.rep_talk_pct": rng.uniform(75, 90),
        "longest_monologue.duration_s": rng.normal(400, 20),
        "longest_customer_story.duration_s": rng.uniform(5, 20),
        "questions.rep_questions": rng.normal(3, 1),
        "patience.mean_response_pause_s": rng.uniform(0.05, 0.2),
    }


def metrics_of(values: dict[str, float]) -> dict:
    """The stored ``metrics`` of an analysis holding ``values`` (dotted metric names)."""
    out: dict = {}
    for key, v in values.items():
        group, name = key.split(".")
        out.setdefault(group, {})[name] = round(float(v), 3)
    return out


def stored_call(
    call_id: str,
    values: dict[str, float],
    meta: dict,
    tagged_outcome: str | None = None,
    spin: tuple[int, int] = (0, 0),
    objection: str | None = None,
) -> Call:
    """A scored two-sided conversation holding ``values``; ``tagged_outcome`` puts the tagger's
    ``outcome.<kind>`` tag on the customer's last turn; ``spin``: how many problem and
    implication questions the rep asked; ``objection``: one objection, answered so."""
    lines = [("R", "Thanks for the time today."), ("C", "Sure, glad to talk."), ("R", "How do you run it now?"),
             ("C", "Mostly by hand, and it is slow."), ("R", "What does that cost you?"), ("C", "Let's talk again then.")]  # fmt: skip
    utts = []
    for i, (who, text) in enumerate(lines):
        tags: tuple[Tag, ...] = ()
        if i == 2:
            tags = (Tag("spin.problem", i, 0.9),) * spin[0] + (Tag("spin.implication", i, 0.9),) * spin[1]
        if tagged_outcome and i == len(lines) - 1:
            tags = (Tag(f"outcome.{tagged_outcome}", i, 0.9),)
        utts.append(Utterance(i, who, i * 30.0, i * 30.0 + 28.0, text, (), tags))
    metrics = metrics_of(values)
    if objection is not None:
        metrics["objections"] = [{"utterance_id": 3, "type": "objection.need", "response": objection}]
    call = Call(
        id=call_id,
        source=f"{call_id}.wav",
        duration=len(lines) * 30.0,
        channels=2,
        speakers=(Speaker("R", "rep", 0, 84.0), Speaker("C", "customer", 1, 84.0)),
        utterances=tuple(utts),
        attribution=Attribution("stereo-channels", 2, 1.0),
        roles=RoleAssignment("R", "rep-channel", 1.0),
        meta=meta,
        metrics=metrics,
    )
    return call.with_(scorecard=score_call(call, RUBRIC))


def build_team(root: Path, advanced: int = 120, seed: int = 7) -> dict[str, int]:
    """A results folder: ``advanced`` calls with outcome advance (two thirds from the manifest,
    'won'/'advance', dated 2026-09..2026-11; a third from the tagger, dated by the file in
    2026-10), 40 lost (manifest), 20 continuations (tagger), 5 where the manifest says lost but
    the tagger heard an Advance (the manifest wins), and a voicemail marked won."""
    rng = np.random.default_rng(seed)
    counts = {"advance": 0, "other": 0}
    for i in range(advanced):
        rep = f"rep{i % 4}"
        spin = (int(rng.poisson(3)), int(rng.poisson(2)))
        objection = ("explored", "argued")[i % 2] if i % 8 == 0 else None  # 15 calls: too few for a target
        if i % 3 == 2:  # the tagger's outcome, no manifest outcome or date
            call = stored_call(f"adv-{i:03d}", draw_advanced(rng), {"rep": rep}, "advance", spin, objection)
            paths = write_outputs(call, root / rep, None, formats=("json",))
            stamp = time.mktime((2026, 10, 15, 12, 0, 0, 0, 0, -1))
            os.utime(paths["analysis"], (stamp, stamp))
        else:  # the manifest's outcome and date; the tagger mostly agrees
            day = date(2026, 9, 1).toordinal() + (i * 89) // advanced  # 2026-09-01 .. 2026-11-28
            meta = {"rep": rep, "date": date.fromordinal(day).isoformat(), "outcome": "won" if i % 2 else "advance"}
            heard = "continuation" if i % 10 == 0 else "advance"
            call = stored_call(f"adv-{i:03d}", draw_advanced(rng), meta, heard, spin, objection)
            write_outputs(call, root / rep, None, formats=("json",))
        counts["advance"] += 1
    for i in range(40):
        meta = {"rep": "rep9", "date": "2026-08-03", "outcome": "lost"}
        write_outputs(stored_call(f"lost-{i:03d}", draw_other(rng), meta), root / "rep9", None, formats=("json",))
    for i in range(20):
        call = stored_call(f"cont-{i:03d}", draw_other(rng), {"rep": "rep8"}, tagged_outcome="continuation")
        write_outputs(call, root / "rep8", None, formats=("json",))
    for i in range(5):
        call = stored_call(f"clash-{i}", draw_other(rng), {"rep": "rep7", "outcome": "Lost"}, tagged_outcome="advance")
        write_outputs(call, root / "rep7", None, formats=("json",))
    counts["other"] = 65
    vm = stored_call("voicemail", draw_other(rng), {"rep": "rep0", "date": "2026-09-02", "outcome": "won"})
    check = ConversationCheck("voicemail", "a greeting and a message, no one answered", voices=1)
    vm = vm.with_(
        scorecard=Scorecard(RUBRIC.ref, None, (), (), (), None, {}, status=NOT_A_CONVERSATION, conversation=check)
    )
    write_outputs(vm, root / "rep0", None, formats=("json",))
    return counts


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("team") / "results"
    build_team(root)
    return root


def run(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(cli, list(args))
    return res.exit_code, res.stdout, res.stderr


# ------------------------------------------------------------------------------------------
# The pieces


def test_outcome_words() -> None:
    assert outcome_name("won") == outcome_name("Advance") == outcome_name(" advanced ") == "advance"
    assert outcome_name("lost") == outcome_name("No sale") == outcome_name("no-sale") == "no_sale"
    assert outcome_name("continuation") == "continuation"
    assert outcome_name("Demo booked") == "demo_booked"  # a team's own word matches itself


def test_band_is_seeded_and_brackets_the_quartiles() -> None:
    x = np.random.default_rng(1).uniform(0, 100, 400)
    a, b = band(x, seed=3), band(x, seed=3)
    assert a == b
    assert a.n == 400 and a.p25 == pytest.approx(np.percentile(x, 25)) and a.p75 == pytest.approx(np.percentile(x, 75))
    assert a.p25_ci[0] <= a.p25 <= a.p25_ci[1] and a.p75_ci[0] <= a.p75 <= a.p75_ci[1]
    assert a.p25_ci[1] - a.p25_ci[0] < 15  # a firm interval from 400 values
    assert band(x, seed=4) != a  # the seed is what fixes it


def test_month_range() -> None:
    assert month_range([date(2026, 11, 2), date(2026, 9, 30), date(2026, 10, 1)]) == "2026-09..2026-11"
    assert month_range([date(2026, 9, 3)]) == "2026-09"
    assert month_range([]) == ""


def test_team_rubric_id_adds_team_once() -> None:
    assert team_rubric_id(RUBRIC) == ("discovery-team", RUBRIC.version)
    again = RUBRIC.model_copy(update={"id": "discovery-team", "version": 3})
    assert team_rubric_id(again) == ("discovery-team", 4)


# ------------------------------------------------------------------------------------------
# The synthetic team


def test_recovers_the_known_bands_from_the_advanced_calls_only(team: Path) -> None:
    t = derive_targets(team, "advance")
    assert t.calls == 120  # not the lost, continuation, clashing calls, nor the voicemail marked won
    assert t.others == 65 and t.not_conversations == 1
    assert t.months == "2026-09..2026-11"
    by_metric = {d.dimension.metric: d for d in t.dimensions}
    for metric, (dist, p25, p75) in TRUE.items():
        b = by_metric[metric].band
        assert b is not None and b.n == 120, metric
        assert abs(b.p25 - p25) <= 0.10 * p25, f"{metric} ({dist}): p25 {b.p25:.2f}, true {p25:.2f}"
        assert abs(b.p75 - p75) <= 0.10 * p75, f"{metric} ({dist}): p75 {b.p75:.2f}, true {p75:.2f}"
        assert b.p25_ci[0] <= b.p25 <= b.p25_ci[1] and b.p75_ci[0] <= b.p75 <= b.p75_ci[1]


def test_won_and_advance_are_one_outcome_and_others_can_be_asked_for(team: Path) -> None:
    assert derive_targets(team, "won").calls == 120
    lost = derive_targets(team, "lost", min_calls=20)
    assert lost.outcome == "no_sale" and lost.calls == 45  # 40 lost, 5 the manifest says lost over the tagger
    talk = next(d for d in lost.dimensions if d.dimension.metric == "talk.rep_talk_pct")
    assert talk.band is not None and talk.band.p25 > 70


def test_a_dimension_few_calls_have_keeps_its_published_target(team: Path) -> None:
    t = derive_targets(team, "advance")
    explored = next(d for d in t.dimensions if d.dimension.id == "objections_explored")
    assert explored.target is None and explored.band is None
    assert (
        explored.n == 15
        and explored.note == "published target kept: 15 of 120 calls have objections.explored_pct, need 20"
    )


def test_written_team_rubric_passes_the_check_with_one_sided_targets_kept_one_sided(team: Path, tmp_path: Path) -> None:
    t = derive_targets(team, "advance")
    path = write_team_rubric(t, tmp_path / "team.yaml")
    checked = check_rubric(path)
    assert checked.errors == () and checked.warnings == ()
    r = checked.rubric
    assert r is not None and r.id == "discovery-team" and r.version == RUBRIC.version
    dims = {d.id: d for d in r.dimensions}
    published = {d.id: d for d in RUBRIC.dimensions}
    bands = {d.dimension.id: d.band for d in t.dimensions}
    talk = bands["talk_ratio"]
    assert talk is not None
    assert dims["talk_ratio"].target.min == pytest.approx(talk.p25, abs=0.05)
    assert dims["talk_ratio"].target.max == pytest.approx(talk.p75, abs=0.05)
    assert dims["longest_monologue"].target.min is None  # published: max only
    assert dims["longest_monologue"].target.max == pytest.approx(bands["longest_monologue"].p75, abs=0.05)
    assert dims["customer_story"].target.max is None  # published: min only
    assert dims["customer_story"].target.min == pytest.approx(bands["customer_story"].p25, abs=0.05)
    assert dims["talk_ratio"].source == "team: 120 advanced calls, 2026-09..2026-11"
    assert dims["objections_explored"].target == published["objections_explored"].target  # too few: kept
    assert dims["objections_explored"].source == published["objections_explored"].source
    for did, dim in dims.items():  # everything else as published: weights, tolerance, advice
        assert (dim.weight, dim.tolerance, dim.advice) == (
            published[did].weight, published[did].tolerance, published[did].advice)  # fmt: skip
    assert r.stalls == RUBRIC.stalls and r.examples == RUBRIC.examples
    text = path.read_text(encoding="utf-8")
    assert f"# published target: 35-50% (source: {published['talk_ratio'].source})" in text
    assert "# team target not derived: 15 of 120 calls have objections.explored_pct, need 20" in text
    again = write_team_rubric(derive_targets(team, "advance"), tmp_path / "again.yaml")
    assert again.read_bytes() == path.read_bytes()  # seeded: the same calls give the same file
    assert not list(tmp_path.glob(".*.tmp"))


def test_the_published_rubric_is_never_overwritten(team: Path) -> None:
    t = derive_targets(team, "advance")
    with pytest.raises(Exception, match="is the rubric the targets come from"):
        write_team_rubric(t, rubric_path("discovery"))


# ------------------------------------------------------------------------------------------
# The command


def test_cli_end_to_end_table_rubric_and_check(team: Path, tmp_path: Path) -> None:
    out = tmp_path / "team targets.yaml"
    code, stdout, stderr = run("targets", str(team), "--outcome", "won", "--out", str(out))
    assert code == 0, stderr
    lines = stdout.splitlines()
    assert lines[0].startswith(f"120 calls with outcome advance in {team}/ (2026-09..2026-11)")
    assert lines[1].split()[:5] == ["dimension", "metric", "n", "median", "p25-p75"]
    talk = next(line for line in lines if line.startswith("talk_ratio "))
    assert "35-50%" in talk and "Gong Labs" in talk
    assert any(line.startswith("objections_explored ") and "published kept" in line for line in lines)
    assert lines[-1].startswith(f"wrote {out} (") and "kept published" in lines[-1]
    assert parse_rubric(out).id == "discovery-team"
    code, stdout, _ = run("rubric", "check", str(out))
    assert code == 0 and stdout.strip().endswith("ok (discovery-team@1, 12 dimensions)")


def test_cli_refuses_ten_calls_with_one_line_and_writes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "results"
    rng = np.random.default_rng(0)
    for i in range(10):
        meta = {"rep": "dana", "date": "2026-09-10", "outcome": "won"}
        write_outputs(stored_call(f"c{i}", draw_advanced(rng), meta), root, None, formats=("json",))
    before = sorted(p.name for p in root.iterdir())
    out = tmp_path / "team.yaml"
    code, stdout, stderr = run("targets", str(root), "--outcome", "advance", "--out", str(out))
    assert code == 1 and stdout == ""
    assert stderr == (
        f"callcoach: error: {root}/: only 10 calls with outcome advance; team targets need at least 20 "
        "- analyse more calls or pass --min-calls\n"
    )
    assert "Traceback" not in stderr
    assert not out.exists() and sorted(p.name for p in root.iterdir()) == before
    assert not list(tmp_path.glob("*.yaml")) and not list(tmp_path.glob(".*.tmp"))
    with pytest.raises(TooFewCalls, match="outcomes found: advance 10"):
        derive_targets(root, "continuation")


def test_cli_bad_results_folder_and_out_name(tmp_path: Path, team: Path) -> None:
    code, _, stderr = run("targets", str(tmp_path / "nope"), "--outcome", "advance")
    assert code == 1 and "no such folder" in stderr and "Traceback" not in stderr
    code, _, stderr = run("targets", str(team), "--outcome", "advance", "--out", str(tmp_path / "team.txt"))
    assert code == 1 and "name the team rubric .yaml" in stderr
    assert not (tmp_path / "team.txt").exists()


def test_percentage_band_within_one_is_written_as_percent(tmp_path: Path) -> None:
    """A percentage band inside 0..1 (most calls at 0 %) must not be read back as a fraction of 1."""
    root = tmp_path / "results"
    for i in range(24):
        values = {"talk.rep_talk_pct": 0.0 if i % 4 else 0.8}
        meta = {"date": "2026-10-01", "outcome": "won"}
        write_outputs(stored_call(f"c{i}", values, meta), root, None, formats=("json",))
    t = derive_targets(root, "advance")
    path = write_team_rubric(t, tmp_path / "t.yaml")
    checked = check_rubric(path)
    assert checked.errors == () and checked.warnings == ()
    talk = next(d for d in checked.rubric.dimensions if d.id == "talk_ratio")  # type: ignore[union-attr]
    assert (talk.target.min, talk.target.max) == (0, 0.2)
    assert yaml.safe_load(path.read_text())["dimensions"][0]["target"] == "0-0.2%"


def test_a_coachs_corrections_count(tmp_path: Path) -> None:
    """Reviewed calls count as the coach corrected them, as in the team report."""
    from callcoach.review.corrections import new_correction
    from callcoach.review.store import ReviewStore
    from callcoach.targets import read_team_calls

    root = tmp_path / "results"
    call = stored_call("c1", draw_advanced(np.random.default_rng(0)), {"outcome": "won"})
    write_outputs(call, root, None, formats=("json",))
    assert read_team_calls(root)[0][0].values["spin.implication_questions"] == 0
    with ReviewStore(root) as store:
        store.add_correction("c1", new_correction("add_tag", author="kim", utterance_ids=[4], label="spin.implication"))
    (found,), warnings = read_team_calls(root)
    assert warnings == [] and found.outcome == "advance" and found.values["spin.implication_questions"] == 1
