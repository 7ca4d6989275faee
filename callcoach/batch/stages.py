"""Which rubric scores the calls of each sales stage: a team's stage map (``--stage-rubrics FILE``).

    # team/stages.yaml: the manifest's stage -> a built-in rubric's name, or a rubric file
    # (a relative path is relative to this file)
    discovery: discovery
    demo: team-demo.yaml

A manifest row's ``stage`` (case and surrounding spaces aside) picks the rubric its call is
scored under; a call without a stage, or with a stage the map does not name, is scored under the
batch's ``--rubric`` (default ``discovery``), and the batch warns about the stages it did not find
(:func:`unmapped_stages`). Every rubric of the map is loaded when the map is read, so a broken one
stops the batch before anything is analysed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from callcoach.errors import CallcoachError

#: A stage map is a few lines; anything larger is the wrong file.
MAX_BYTES = 64 * 1024
_FIX = "write one 'stage: rubric' per line, e.g. 'demo: team-demo.yaml'"


def stage_key(stage: str) -> str:
    """A stage as the map and the manifest are matched: case folded, spaces trimmed."""
    return " ".join(stage.split()).casefold()


def read_stage_rubrics(path: str | Path) -> dict[str, str]:
    """The stage map at ``path``: :func:`stage_key` of each stage -> its rubric (a built-in name,
    or the absolute path of a rubric file), each rubric checked by loading it.

    Raises:
        CallcoachError: the file is missing, unreadable, not a YAML mapping of stage to rubric
            name or file, or names a rubric that does not load; one line naming the file, the
            stage and the fix.
    """
    import yaml

    from callcoach.rubric import load_rubric

    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise CallcoachError(f"{p}: no such stage map file (--stage-rubrics); {_FIX}") from None
    except IsADirectoryError:
        raise CallcoachError(
            f"{p}: is a folder; give the stage map file (--stage-rubrics), e.g. team/stages.yaml"
        ) from None
    except OSError as exc:
        raise CallcoachError(f"{p}: cannot read the stage map ({exc.strerror or exc})") from None
    if len(raw) > MAX_BYTES:
        raise CallcoachError(f"{p}: a stage map larger than 64 kB; is this the right file? {_FIX}")
    try:
        data: Any = yaml.safe_load(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise CallcoachError(f"{p}: the stage map is not UTF-8 text; save it as UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise CallcoachError(f"{p}: not valid YAML{where}: {getattr(exc, 'problem', exc)}; {_FIX}") from None
    if not isinstance(data, dict) or not data:
        raise CallcoachError(f"{p}: the stage map must be a mapping of stage to rubric; {_FIX}")
    out: dict[str, str] = {}
    for stage, rubric in data.items():
        if not isinstance(stage, str) or not stage.strip():
            raise CallcoachError(f"{p}: stage {stage!r} is not a stage name; {_FIX}")
        if not isinstance(rubric, str) or not rubric.strip():
            raise CallcoachError(f"{p}: stage {stage!r}: give a rubric's name or file, not {rubric!r}; {_FIX}")
        key = stage_key(stage)
        if key in out:
            raise CallcoachError(f"{p}: stage {stage!r} is given twice (stages are matched without regard to case)")
        out[key] = _rubric_arg(p, rubric.strip())
        try:
            load_rubric(out[key])
        except CallcoachError as exc:
            raise CallcoachError(f"{p}: stage {stage!r}: {exc}") from None
    return out


def _rubric_arg(stage_file: Path, rubric: str) -> str:
    """A rubric as the map names it: a built-in name as it is, a file as its absolute path
    (relative to the map's folder)."""
    path = Path(rubric).expanduser()
    if not path.is_absolute():
        path = stage_file.parent / path
    if path.suffix in (".yaml", ".yml") or path.exists():
        return str(path.resolve())
    return rubric


def rubric_of(stages: dict[str, str] | None, meta: dict[str, Any]) -> str | None:
    """The rubric of a call whose metadata is ``meta`` (its manifest row): its stage's, or None
    (the batch's rubric)."""
    stage = meta.get("stage")
    if not stages or not isinstance(stage, str):
        return None
    return stages.get(stage_key(stage))


def unmapped_stages(stages: dict[str, str], metas: Iterable[dict[str, Any]]) -> dict[str, int]:
    """The manifest's stages the map does not name, with how many calls each."""
    out: dict[str, int] = {}
    for meta in metas:
        stage = meta.get("stage")
        if isinstance(stage, str) and stage.strip() and stage_key(stage) not in stages:
            out[stage] = out.get(stage, 0) + 1
    return out
