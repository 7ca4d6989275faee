from __future__ import annotations

import os
from pathlib import Path

import pytest

from callcoach.errors import RubricError
from callcoach.rubric import builtin_rubrics, load_rubric


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "team.yaml"
    p.write_text(text)
    return p


def test_builtin_discovery_rubric_loads() -> None:
    assert "discovery" in builtin_rubrics()
    r = load_rubric()
    assert r.ref == "discovery@1"
    assert "tracker.security" in r.examples


def test_misspelt_key_names_the_field_and_file(tmp_path: Path) -> None:
    p = write(tmp_path, "id: t\nversion: 1\nname: T\nexampels: {}\n")
    with pytest.raises(RubricError) as exc:
        load_rubric(p)
    assert str(p) in str(exc.value) and "[exampels] unknown field" in str(exc.value)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        (
            "id: t\nversion: 1\nname: T\nexamples:\n  spin.discovery: [a]\n",
            ":5: [examples -> spin.discovery] unknown SPIN stage",
        ),
        (
            "id: t\nversion: 1\nname: T\nexamples:\n  tracker.x: ['']\n",
            ":5: [examples -> tracker.x -> #1] every example must be a non-empty phrase",
        ),
        ("id: t\nname: T\n", "team.yaml: [version] required field missing"),
        ("id: [\n", "not valid YAML at line"),
        ("- a\n- b\n", "must be a YAML mapping"),
    ],
)
def test_invalid_rubrics_are_clear(tmp_path: Path, text: str, needle: str) -> None:
    with pytest.raises(RubricError, match=None) as exc:
        load_rubric(write(tmp_path, text))
    assert needle in str(exc.value)


def test_unknown_builtin_name_lists_the_builtins() -> None:
    with pytest.raises(RubricError, match="built-in: .*discovery"):
        load_rubric("no-such-rubric")


@pytest.mark.slow
def test_builtin_rubrics_are_found_in_a_plain_install(tmp_path: Path) -> None:
    """A non-editable install (no source tree beside it) still finds the built-in rubrics, the
    tag model and the sales-dialogue corpus."""
    import subprocess
    import sys

    repo = Path(__file__).resolve().parents[1]
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(repo),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    probe = (
        "import callcoach.rubric as r; print(r.builtin_dir()); print(sorted(r.builtin_rubrics())); print(r.load_rubric().ref);"
        "import callcoach.tagging.classifier as c, callcoach.training.corpus as k;"
        "print(c.shipped_model_path().with_suffix('.npz').is_file()); print(k.corpus_dir()); print(len(k.load_corpus(k.corpus_dir())) >= 200)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout.splitlines()
    assert out[0] == str(target / "callcoach" / "rubrics")
    assert out[1] == "['demo', 'discovery']"
    assert out[2].startswith("discovery@")
    # the tag model and the corpus `callcoach learn` retrains on ship too
    assert out[3] == "True" and out[4] == str(target / "callcoach" / "corpus") and out[5] == "True"


# ------------------------------------------------------------------------------------------
# `rubric check`: every error, with its line; "did you mean" for what is misspelt
# ------------------------------------------------------------------------------------------

BROKEN = """\
id: team
version: 1
name: Team
dimensions:
  - id: talk_ratio
    metric: talk.rep_talk_ratio
    target: {min: 60, max: 50}
    weight: 10
    advise: talk less
    source: us
  - id: talk_ratio
    name: Questions
    metric: questions.rep_questions
    target: at least 11
    weight: 0
    advice: ask
    source: us
stalls:
  long_monolog: {threshold: 150}
examples:
  objection.competition: [We use Gong already]
  tracker.x: ['']
negative_examples:
  tracker.securty: [is the price per seat?]
exampels: {}
"""


def _check(*paths: Path) -> tuple[int, str, list[str]]:
    from click.testing import CliRunner

    from callcoach.cli import cli

    res = CliRunner().invoke(cli, ["rubric", "check", *map(str, paths)])
    assert "Traceback" not in res.output
    return res.exit_code, res.stdout, res.stderr.splitlines()


def test_check_lists_every_error_with_its_line_and_field(tmp_path: Path) -> None:
    p = write(tmp_path, BROKEN)
    code, out, err = _check(p)
    expected = [
        (5, "[dimensions -> #1 (talk_ratio) -> name] required field missing"),
        (
            6,
            "[dimensions -> #1 (talk_ratio) -> metric] unknown metric 'talk.rep_talk_ratio' (did you mean 'talk.rep_talk_pct'?)",
        ),
        (7, "[dimensions -> #1 (talk_ratio) -> target] min (60) is above max (50)"),
        (9, "[dimensions -> #1 (talk_ratio) -> advise] unknown field (did you mean 'advice'?)"),
        (11, "[dimensions -> #2 (talk_ratio) -> id] dimension id 'talk_ratio' appears twice (also #1)"),
        (15, "[dimensions -> #2 (talk_ratio) -> weight] should be greater than 0"),
        (19, "[stalls -> long_monolog] unknown stall 'long_monolog' (did you mean 'long_monologue'?)"),
        (
            21,
            "[examples -> objection.competition] unknown objection type 'objection.competition' (did you mean 'objection.competitor'?)",
        ),
        (22, "[examples -> tracker.x -> #1] every example must be a non-empty phrase"),
        (24, "[negative_examples -> tracker.securty] 'tracker.securty' has negative examples but no examples"),
        (25, "[exampels] unknown field (did you mean 'examples'?)"),
    ]
    assert code == 1 and out == f"{p}: {len(expected)} errors\n"
    assert len(err) == len(expected), err
    for line, (n, text) in zip(err, expected):
        assert line.startswith(f"callcoach: error: {p}:{n}: {text}"), line
    # the misspelt key is reported once, not also as "advice" missing
    assert not any("advice] required" in line for line in err)
    # the valid ones are listed with each unknown name
    assert "objection types: objection.price, objection.timing" in err[7] and "known: customer_quiet" in err[6]


def test_check_many_files_exits_1_if_any_fails(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(builtin_rubrics()["demo"].read_text())
    bad = write(tmp_path, "id: t\nversion: 1\nname: T\nexamples:\n  objection.competition: [x]\n")
    code, out, err = _check(good, bad, tmp_path / "missing.yaml")
    assert code == 1
    assert out.splitlines() == [f"{good}: ok (demo@1, 7 dimensions)", f"{bad}: 1 error"]
    assert err[0].startswith(f"callcoach: error: {bad}:5: [examples -> objection.competition]")
    assert err[1] == f"callcoach: error: {tmp_path / 'missing.yaml'}: no such rubric file"
    assert _check(good)[0] == 0


def test_loading_a_broken_rubric_names_the_first_error_and_counts_the_rest(tmp_path: Path) -> None:
    p = write(tmp_path, BROKEN)
    with pytest.raises(RubricError) as exc:
        load_rubric(p)
    assert str(exc.value) == (
        f"{p}:5: [dimensions -> #1 (talk_ratio) -> name] required field missing "
        f"(and 10 more: `callcoach rubric check {p}` lists them all)"
    )


@pytest.mark.parametrize(
    ("label", "needle"),
    [
        (
            "objection.competition",
            "unknown objection type 'objection.competition' (did you mean 'objection.competitor'?)",
        ),
        ("objection.budget", "(did you mean 'tracker.budget'?)"),
        ("objection.security", "for a concern of the team's own, use tracker.<name>"),
        ("spin.problm", "unknown SPIN stage 'spin.problm' (did you mean 'spin.problem'?); SPIN labels: spin.situation"),
        ("traker.pricing", "unknown label 'traker.pricing' (did you mean 'tracker.pricing'?)"),
        ("question.open", "unknown label 'question.open'; labels: spin.situation"),
        ("Tracker.Security", "labels are lowercase: write 'tracker.security'"),
        ("tracker.soc-2", "tracker names are lowercase letters and underscores: write 'tracker.soc'"),
    ],
)
def test_unknown_labels_are_refused_with_the_closest_one(tmp_path: Path, label: str, needle: str) -> None:
    for field in ("examples", "negative_examples"):
        p = write(tmp_path, f"id: t\nversion: 1\nname: T\n{field}:\n  {label}: [a phrase]\n")
        with pytest.raises(RubricError) as exc:
            load_rubric(p)
        assert f":5: [{field} -> {label}] " in str(exc.value) and needle in str(exc.value)


def test_team_labels_and_every_builtin_label_load(tmp_path: Path) -> None:
    from callcoach.rubric import label_names

    labels = [*sum(label_names(), ()), "tracker.security", "tracker.data_residency"]
    body = "".join(f"  {lab}: [a phrase]\n" for lab in labels)
    r = load_rubric(write(tmp_path, f"id: t\nversion: 1\nname: T\nexamples:\n{body}negative_examples:\n{body}"))
    assert list(r.examples) == labels and list(r.negative_examples) == labels


def test_a_key_given_twice_is_an_error(tmp_path: Path) -> None:
    p = write(tmp_path, "id: t\nversion: 1\nname: T\nexamples:\n  tracker.a: [x]\nexamples:\n  tracker.b: [y]\n")
    code, _, err = _check(p)
    assert code == 1 and err == [
        f"callcoach: error: {p}:6: [examples] given twice (first at line 4); YAML keeps only the last: merge the two"
    ]


def test_a_new_tracker_named_like_a_builtin_one_is_a_warning(tmp_path: Path) -> None:
    p = write(tmp_path, "id: t\nversion: 1\nname: T\nexamples:\n  tracker.next_steps: [let's book it]\n")
    code, out, err = _check(p)
    assert code == 0 and out == f"{p}: ok (t@1, 0 dimensions)\n"
    assert err == [
        (
            f"callcoach: warning: {p}:5: [examples -> tracker.next_steps] a new tracker of the team's own, "
            "named like the built-in 'tracker.next_step': is that what you meant?"
        )
    ]


# ------------------------------------------------------------------------------------------
# Targets in the forms people write
# ------------------------------------------------------------------------------------------


def dimension(target: object, metric: str = "questions.rep_questions", **extra: object):
    from callcoach.rubric import Dimension

    return Dimension.model_validate(
        {"id": "x", "name": "X", "metric": metric, "target": target, "weight": 1, "advice": "a", "source": "s", **extra}
    )


@pytest.mark.parametrize(
    ("target", "metric", "bounds"),
    [
        ({"min": 11, "max": 14}, "questions.rep_questions", (11, 14)),
        ([11, 14], "questions.rep_questions", (11, 14)),
        ([None, 150], "longest_monologue.duration_s", (None, 150)),
        ("11-14", "questions.rep_questions", (11, 14)),
        ("11 \u2013 14", "questions.rep_questions", (11, 14)),
        ("11 to 14", "questions.rep_questions", (11, 14)),
        ("35%-50%", "talk.rep_talk_pct", (35, 50)),
        ("\u2265 2", "spin.problem_questions", (2, None)),
        ("2 or more", "spin.problem_questions", (2, None)),
        ("at most 2.5 min", "longest_monologue.duration_s", None),
        ("<= 150s", "longest_monologue.duration_s", (None, 150)),
        ("max 150 s", "longest_monologue.duration_s", (None, 150)),
        ("<= 4 /10 min", "questions.rep_questions_per_10_min", (None, 4)),
        (12, "questions.rep_questions", (12, 12)),
        ("0.6-1.0", "patience.mean_response_pause_s", (0.6, 1.0)),
    ],
)
def test_target_forms(target: object, metric: str, bounds: tuple | None) -> None:
    if bounds is None:
        from pydantic import ValidationError

        with pytest.raises(
            ValidationError, match=r"'min' is not the metric's unit \(longest_monologue.duration_s is measured in s\)"
        ):
            dimension(target, metric)
        return
    d = dimension(target, metric)
    assert (d.target.min, d.target.max) == bounds


@pytest.mark.parametrize(
    ("target", "needle"),
    [
        ("> 2", "a target includes its bounds: write '>=' or '<='"),
        ("about a dozen", "cannot read target 'about a dozen'; write it as {min: 35, max: 50}"),
        ([1, 2, 3], "a target list is [min, max]"),
        (True, "cannot read target True"),
        ("12 questions", "'questions' is not the metric's unit (questions.rep_questions is a plain number)"),
        ({"min": 5, "max": 2}, "min (5) is above max (2)"),
        ({"minimum": 5}, "unknown field (did you mean 'min'?)"),
    ],
)
def test_unreadable_targets_say_how_to_write_them(tmp_path: Path, target: object, needle: str) -> None:
    import yaml

    dim = {
        "id": "q",
        "name": "Q",
        "metric": "questions.rep_questions",
        "target": target,
        "weight": 1,
        "advice": "a",
        "source": "s",
    }
    p = write(tmp_path, yaml.safe_dump({"id": "t", "version": 1, "name": "T", "dimensions": [dim]}, sort_keys=False))
    with pytest.raises(RubricError) as exc:
        load_rubric(p)
    assert "[dimensions -> #1 (q) -> target" in str(exc.value) and needle in str(exc.value)


def test_a_percentage_target_written_as_a_fraction_is_read_as_percent(tmp_path: Path) -> None:
    d = dimension({"min": 0.4, "max": 0.6}, "talk.rep_talk_pct", tolerance=0.2)
    assert (d.target.min, d.target.max, d.tolerance) == (40, 60, 20)
    assert dimension({"max": 0.5}, "overlap.customer_talk_overlapped_pct").target.max == 50
    # a sign says percent; a bound of 1 or more, or a metric that is not a percentage, is as written
    assert dimension("<= 0.5%", "overlap.customer_talk_overlapped_pct").target.max == 0.5
    assert dimension({"min": 1}, "objections.explored_pct").target.min == 1
    assert dimension({"min": 0.6, "max": 1}, "patience.mean_response_pause_s").target.min == 0.6
    p = write(
        tmp_path,
        "id: t\nversion: 1\nname: T\ndimensions:\n  - {id: talk, name: Talk, metric: talk.rep_talk_pct, "
        "target: {min: 0.4, max: 0.6}, tolerance: 0.2, weight: 1, advice: a, source: s}\n",
    )
    code, _, err = _check(p)
    assert code == 0 and err == [
        (
            f"callcoach: warning: {p}:5: [dimensions -> #1 (talk) -> target] talk.rep_talk_pct is a percentage: "
            "the target was read as a fraction of 1 (min 40, max 60 %); write percentages to be sure"
        )
    ]


@pytest.mark.parametrize(
    "metric",
    [
        "talk.rep_talk_pct",
        "longest_monologue.duration_s",
        "questions.rep_questions",
        "interactivity.switches_per_min",
        "questions.rep_questions_per_10_min",
    ],
)
@pytest.mark.parametrize("bounds", [(35, 50), (0.6, 1.5), (2, None), (None, 150)])
def test_what_the_scorecard_shows_as_a_target_reads_back(metric: str, bounds: tuple) -> None:
    from callcoach.rubric import Target
    from callcoach.scoring import KNOWN_METRICS

    unit = KNOWN_METRICS[metric][1]
    shown = Target(min=bounds[0], max=bounds[1]).describe(unit)
    d = dimension(shown, metric, unit=unit)
    assert (d.target.min, d.target.max) == bounds, shown


# ------------------------------------------------------------------------------------------
# `rubric show` and `rubric init`
# ------------------------------------------------------------------------------------------


def _cli(*args: str):
    from click.testing import CliRunner

    from callcoach.cli import cli

    res = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in res.output
    return res


@pytest.mark.parametrize("name", ["discovery", "demo"])
def test_show_prints_the_builtin_yaml_verbatim(name: str) -> None:
    res = _cli("rubric", "show", name)
    assert res.exit_code == 0 and res.stdout == builtin_rubrics()[name].read_text(encoding="utf-8")


def test_show_an_unknown_name_is_one_line_listing_the_builtins() -> None:
    res = _cli("rubric", "show", "dicovery")
    assert res.exit_code == 1 and res.stdout == ""
    assert res.stderr.splitlines() == [
        "callcoach: error: no built-in rubric 'dicovery' (did you mean 'discovery'?); built-in: demo, discovery"
    ]


LONG_CALL = [
    ("R", "Thanks for the time today. How many reps do you have on the team?", ("question.closed", "spin.situation")),
    ("C", "About forty reps across three offices, and we hire every quarter.", ()),
    ("R", "Which CRM do you use for the pipeline at the moment?", ("question.open", "spin.situation")),
    ("C", "Salesforce, for about five years now. What does your tool cost per seat?", ("tracker.pricing",)),
    ("R", "Where are the three offices, and who runs each of them day to day?", ("question.open", "spin.situation")),
    ("C", "That's more than we budgeted for this year, honestly.", ("objection.price",)),
    (
        "R",
        (
            "Let me walk you through everything the platform does, from recording to coaching to reporting, "
            "and how our customers roll it out over a quarter with their managers and their enablement team."
        ),
        (),
    ),
    ("C", "Okay. Just send me some information and we'll see.", ()),
]


def _long_call():
    from callcoach.call import Attribution, Call, RoleAssignment, Speaker, Tag, Utterance
    from callcoach.metrics import compute_metrics

    utts, t = [], 0.0
    for i, (spk, text, labels) in enumerate(LONG_CALL):
        length = 200.0 if i == 6 else 20.0
        tags = tuple(Tag(lab, i, 0.9, (0, len(text)), "test") for lab in labels)
        utts.append(Utterance(i, spk, t, t + length, text, (), tags))
        t += length + 1
    call = Call(
        id="c",
        source="c.wav",
        duration=t,
        channels=2,
        speakers=(Speaker("R", "rep", 0), Speaker("C", "customer", 1)),
        utterances=tuple(utts),
        attribution=Attribution("stereo-channels", 2),
        roles=RoleAssignment("R", "rep-channel", 1.0),
    )
    metrics = compute_metrics(call).to_dict()
    metrics["objections"] = [
        {"utterance_id": 5, "label": "objection.price", "response": "monologue", "response_ids": [6]}
    ]
    return call.with_(metrics=metrics)


@pytest.mark.parametrize("base", ["discovery", "demo"])
def test_init_writes_a_commented_rubric_that_scores_like_the_builtin(tmp_path: Path, base: str) -> None:
    from dataclasses import replace

    from callcoach.rubric import Rubric
    from callcoach.scoring import score_call

    target = tmp_path / "West Team.yaml"
    res = _cli("rubric", "init", str(target), "--from", base)
    assert res.exit_code == 0, res.output
    assert (
        res.stdout
        == f"wrote {target} (from the built-in {base} rubric); edit it, then run: callcoach rubric check {target}\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["West Team.yaml"]  # no temporary file left behind
    text = target.read_text(encoding="utf-8")
    assert _check(target) == (0, f"{target}: ok (west-team@1, {len(load_rubric(base).dimensions)} dimensions)\n", [])
    # every field the loader knows is in the file, explained
    for field in Rubric.model_fields:
        assert f"\n# {field} (" in text, field
    for key in ("tolerance", "weight", "unit", "advice", "source", "enabled", "severity", "threshold"):
        assert f"#   {key} " in text, key
    # ... and it is the built-in, field for field, under the team's id
    team, builtin = load_rubric(target), load_rubric(base)
    assert team.model_dump(exclude={"id", "description"}) == builtin.model_dump(exclude={"id", "description"})
    assert " ".join(team.description.split()) == " ".join(builtin.description.split())
    call = _long_call()
    mine, theirs = score_call(call, team), score_call(call, builtin)
    assert theirs.stalls and theirs.score is not None and 0 < theirs.score < 100  # a call with something to score
    assert replace(mine, rubric=theirs.rubric) == theirs


def test_init_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "team.yaml"
    target.write_text("# ours\n")
    res = _cli("rubric", "init", str(target))
    assert res.exit_code == 1 and target.read_text() == "# ours\n"
    assert res.stderr.splitlines() == [
        f"callcoach: error: {target}: already exists; give another FILE, or add --force to overwrite it"
    ]
    assert _cli("rubric", "init", str(target), "--force").exit_code == 0
    assert load_rubric(target).ref == "team@1"
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # a team's shared file: as the umask says, not 0600


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["rubric", "init", "team"], "team: name the rubric file .yaml (e.g. team.yaml)"),
        (
            ["rubric", "init", "x.yaml", "--from", "dmeo"],
            "no built-in rubric 'dmeo' (did you mean 'demo'?); built-in: demo, discovery",
        ),
    ],
)
def test_init_bad_input_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], needle: str
) -> None:
    monkeypatch.chdir(tmp_path)
    res = _cli(*args)
    assert res.exit_code == 1 and len(res.stderr.splitlines()) == 1 and needle in res.stderr
    assert list(tmp_path.iterdir()) == []


def test_init_id_from_the_file_name_never_a_builtins() -> None:
    from callcoach.rubric_template import rubric_id_for

    assert rubric_id_for("team") == "team"
    assert rubric_id_for("West Team (2025)") == "west-team-2025"
    assert rubric_id_for("discovery") == "discovery-team"
    assert rubric_id_for("___") == "team"


# ------------------------------------------------------------------------------------------
# The README's "Writing a rubric" section is what the loader reads
# ------------------------------------------------------------------------------------------


def _readme_section() -> str:
    from tests.conftest import REPO

    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index("### Writing a rubric")
    end = text.index("\n### ", start + 1)
    return text[start:end]


def _table(section: str, header: str) -> list[list[str]]:
    lines = section[section.index(header) :].splitlines()
    rows = []
    for line in lines[2:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in line.strip().strip("|").split(" | ")])
    return rows


def test_readme_rubric_example_loads_with_the_real_loader(tmp_path: Path) -> None:
    import re

    section = _readme_section()
    blocks = re.findall(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert len(blocks) == 1
    p = tmp_path / "readme.yaml"
    p.write_text(blocks[0], encoding="utf-8")
    assert _check(p) == (0, f"{p}: ok (west-discovery@1, 3 dimensions)\n", [])
    r = load_rubric(p)
    assert r.dimensions[1].target.min == 2 and r.privacy.redact and not r.stalls["situation_only"].enabled


def test_readme_documents_every_rubric_key_and_no_other() -> None:
    from callcoach.rubric import Dimension, Rubric

    section = _readme_section()
    top = [row[0].strip("`") for row in _table(section, "| key | type | default | what it is |")]
    dims_at = section.index("Each dimension:")
    dim = [row[0].strip("`") for row in _table(section[dims_at:], "| key | type | default | what it is |")]
    assert sorted(top) == sorted(Rubric.model_fields)
    assert sorted(dim) == sorted(Dimension.model_fields)


def test_readme_target_forms_read_as_documented() -> None:
    import re

    import yaml

    rows = _table(_readme_section(), "| target | means |")
    assert len(rows) >= 6
    for written, means in rows:
        bounds = dict(re.findall(r"(min|max) ([\d.]+)", means))
        expected = (
            float(bounds["min"]) if "min" in bounds else None,
            float(bounds["max"]) if "max" in bounds else None,
        )
        for form in re.findall(r"`([^`]+)`", written):
            value = yaml.safe_load(f"target: {form}")["target"]
            metric = (
                "talk.rep_talk_pct"
                if "percentage" in written
                else "longest_monologue.duration_s"
                if "seconds" in written
                else "questions.rep_questions"
            )
            d = dimension(value, metric)
            assert (d.target.min, d.target.max) == expected, form
