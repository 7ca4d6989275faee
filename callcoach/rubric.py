"""Rubrics: YAML files that say what counts on a call, and teach tagging by example.

A rubric is loaded with ``yaml.safe_load`` and validated by pydantic with unknown keys
refused; every error names the file and the field path. Built-in rubrics ship inside the
package (the repository's ``rubrics/`` folder is installed as ``callcoach.rubrics``), so a
plain ``pip install .`` finds them.

Fields: ``id``, ``version``, ``name``, ``description``;
``dimensions`` (what is scored: a metric, its target, the tolerance that still earns partial
points, a weight, the coaching advice and the source of the target); ``stalls`` (which stall
detectors run, their severity and thresholds); ``examples`` (label -> example phrases; labels
are ``spin.*``, ``objection.*``, ``tracker.*``; a rubric's phrases are added to the built-in
ones, and a new ``tracker.<name>`` defines a team's own tracker).
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from callcoach.errors import RubricError

DEFAULT_RUBRIC = "discovery"
_LABEL = re.compile(r"^(spin\.(situation|problem|implication|need_payoff)|objection\.[a-z_]+|tracker\.[a-z_]+)$")
_MAX_BYTES = 1_000_000


class Target(BaseModel):
    """A target range: at least one of ``min`` and ``max``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min: float | None = None
    max: float | None = None

    @model_validator(mode="after")
    def _bounds(self) -> Target:
        if self.min is None and self.max is None:
            raise ValueError("give min, max or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min}) is above max ({self.max})")
        return self

    def describe(self, unit: str = "") -> str:
        u = unit if unit in ("%", "") else f" {unit}"
        if self.min is not None and self.max is not None:
            return f"{_num(self.min)}-{_num(self.max)}{u}"
        if self.min is not None:
            return f">= {_num(self.min)}{u}"
        return f"<= {_num(self.max)}{u}"


def _num(x: float | None) -> str:
    return "" if x is None else (f"{x:.0f}" if float(x).is_integer() else f"{x:g}")


class Dimension(BaseModel):
    """One scored behaviour."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str
    metric: str
    target: Target
    tolerance: float = Field(default=0.0, ge=0)
    weight: float = Field(gt=0)
    unit: str = ""
    advice: str
    source: str

    @field_validator("metric")
    @classmethod
    def _known_metric(cls, v: str) -> str:
        from callcoach.scoring import KNOWN_METRICS

        if v not in KNOWN_METRICS:
            raise ValueError(f"unknown metric {v!r}; known: {', '.join(sorted(KNOWN_METRICS))}")
        return v


class StallRule(BaseModel):
    """Settings of one stall detector."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = True
    severity: float | None = Field(default=None, ge=0, le=1)
    threshold: float | None = None


class Rubric(BaseModel):
    """A validated rubric."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    version: int | str
    name: str
    description: str = ""
    dimensions: list[Dimension] = Field(default_factory=list)
    stalls: dict[str, StallRule] = Field(default_factory=dict)
    examples: dict[str, list[str]] = Field(default_factory=dict)

    @field_validator("stalls")
    @classmethod
    def _known_stalls(cls, v: dict[str, StallRule]) -> dict[str, StallRule]:
        from callcoach.stalls import DETECTORS

        unknown = sorted(set(v) - set(DETECTORS))
        if unknown:
            raise ValueError(f"unknown stall {unknown[0]!r}; known: {', '.join(sorted(DETECTORS))}")
        return v

    @model_validator(mode="after")
    def _unique_dimensions(self) -> Rubric:
        seen: set[str] = set()
        for d in self.dimensions:
            if d.id in seen:
                raise ValueError(f"dimension id {d.id!r} appears twice")
            seen.add(d.id)
        return self

    @field_validator("examples")
    @classmethod
    def _labels(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        for label, phrases in v.items():
            if not _LABEL.match(label):
                raise ValueError(
                    f"unknown label {label!r}: use spin.situation|problem|implication|need_payoff, "
                    "objection.<type> or tracker.<name> (lowercase, underscores)"
                )
            if any(not isinstance(p, str) or not p.strip() for p in phrases):
                raise ValueError(f"{label}: every example must be a non-empty phrase")
        return v

    @property
    def ref(self) -> str:
        """``id@version``, recorded with every scorecard."""
        return f"{self.id}@{self.version}"


def builtin_dir() -> Path | None:
    """Where the built-in rubrics are: the installed package data, else the source tree."""
    try:
        base = resources.files("callcoach.rubrics")
        p = Path(str(base))
        if p.is_dir():
            return p
    except (ModuleNotFoundError, TypeError):
        pass
    src = Path(__file__).resolve().parents[1] / "rubrics"
    return src if src.is_dir() else None


def builtin_rubrics() -> dict[str, Path]:
    """Built-in rubric names and files."""
    d = builtin_dir()
    return {p.stem: p for p in sorted(d.glob("*.yaml"))} if d else {}


def load_rubric(name_or_path: str | Path | None = None) -> Rubric:
    """Load a built-in rubric by name or a rubric file by path.

    Raises:
        RubricError: the rubric is missing, is not valid YAML, or does not validate; the
            message names the file and the field path.
    """
    name = str(name_or_path or DEFAULT_RUBRIC)
    path = Path(name).expanduser()
    if not (path.suffix in (".yaml", ".yml") or path.exists()):
        found = builtin_rubrics()
        if name not in found:
            raise RubricError(f"no built-in rubric {name!r} (built-in: {', '.join(found) or 'none'}); give a path to a YAML file instead")
        path = found[name]
    return parse_rubric(path)


def parse_rubric(path: Path) -> Rubric:
    """Read and validate one rubric file."""
    import yaml

    if not path.is_file():
        raise RubricError(f"{path}: no such rubric file")
    raw = path.read_bytes()
    if len(raw) > _MAX_BYTES:
        raise RubricError(f"{path}: rubric is larger than 1 MB; is this the right file?")
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise RubricError(f"{path}: not UTF-8 text; save the rubric as UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise RubricError(f"{path}: not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise RubricError(f"{path}: a rubric must be a YAML mapping with id, version, name ...")
    try:
        return Rubric.model_validate(data)
    except ValidationError as exc:
        # A misspelt key also makes the right key "missing": report the misspelling first.
        errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
        err = errors[0]
        loc = " -> ".join(str(x) for x in err["loc"]) or "rubric"
        msg = "unknown field (check its spelling)" if err["type"] == "extra_forbidden" else err["msg"]
        more = f" (and {len(exc.errors()) - 1} more)" if len(exc.errors()) > 1 else ""
        raise RubricError(f"{path}: [{loc}] {msg}{more}") from None
