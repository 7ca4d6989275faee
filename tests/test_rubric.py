from __future__ import annotations

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
        ("id: t\nversion: 1\nname: T\nexamples:\n  spin.discovery: [a]\n", "[examples] "),
        ("id: t\nversion: 1\nname: T\nexamples:\n  tracker.x: ['']\n", "non-empty phrase"),
        ("id: t\nname: T\n", "[version] Field required"),
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
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--target", str(target), str(repo)],
        check=True, capture_output=True, timeout=300,
    )
    probe = ("import callcoach.rubric as r; print(r.builtin_dir()); print(sorted(r.builtin_rubrics())); print(r.load_rubric().ref);"
             "import callcoach.tagging.classifier as c, callcoach.training.corpus as k;"
             "print(c.shipped_model_path().with_suffix('.npz').is_file()); print(k.corpus_dir()); print(len(k.load_corpus(k.corpus_dir())) >= 200)")
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        check=True, capture_output=True, text=True, timeout=120,
    ).stdout.splitlines()
    assert out[0] == str(target / "callcoach" / "rubrics")
    assert out[1] == "['demo', 'discovery']"
    assert out[2].startswith("discovery@")
    # the tag model and the corpus `callcoach learn` retrains on ship too
    assert out[3] == "True" and out[4] == str(target / "callcoach" / "corpus") and out[5] == "True"
