"""Rubrics: YAML files that say what counts on a call, and teach tagging by example.

A rubric (at most 1 MB) is loaded with YAML's safe loader, refusing aliases that expand it past
2 MB (an alias bomb) or that contain themselves, and validated by pydantic with unknown keys
refused; every error names the file and the field path. Built-in rubrics ship inside the
package (the repository's ``rubrics/`` folder is installed as ``callcoach.rubrics``), so a
plain ``pip install .`` finds them.

Fields: ``id``, ``version``, ``name``, ``description``;
``dimensions`` (what is scored: a metric, its target, the tolerance that still earns partial
points, a weight, the coaching advice and the source of the target); ``stalls`` (which stall
detectors run, their severity and thresholds); ``examples`` (label -> example phrases; labels
are ``spin.*``, ``objection.*``, ``tracker.*``; a rubric's phrases are added to the built-in
ones, and a new ``tracker.<name>`` defines a team's own tracker); ``privacy`` (``redact: true``
takes card data, bank details, e-mail addresses, phone numbers and id numbers out of every
output; ``entities: [...]`` picks what, ``keep_rep_name: true`` keeps the rep's own name,
``allow: [regex, ...]`` keeps what the team whitelists, such as order numbers).
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
#: The most a rubric may hold once its YAML aliases are expanded (nodes plus characters of text):
#: twice what a 1 MB file can hold without aliases, so only alias expansion ever reaches it.
_MAX_EXPANDED = 2 * _MAX_BYTES


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


class Privacy(BaseModel):
    """What a team's calls may keep: ``redact`` turns on :mod:`callcoach.redact` for every
    analysis with this rubric (``--redact``/``--no-redact`` override it); ``entities`` the
    kinds taken out (:data:`callcoach.pii.ENTITIES` or ``all``; default the card, bank,
    contact and id kinds; ``--redact-entities`` overrides it); ``keep_rep_name`` keeps the
    name the rep gives as their own; ``allow`` regular expressions of what is kept (order
    numbers ...; matched in full, case ignored; never card data)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    redact: bool = False
    entities: list[str] | None = None
    keep_rep_name: bool = False
    allow: list[str] = Field(default_factory=list)

    @field_validator("entities")
    @classmethod
    def _known_entities(cls, v: list[str] | None) -> list[str] | None:
        if v is None:
            return v
        from callcoach.pii import ENTITIES

        names = [str(e).strip().lower() for e in v]
        if "all" in names:
            return list(ENTITIES)
        unknown = [n for n in names if n not in ENTITIES]
        if unknown or not names:
            what = f"unknown entity {unknown[0]!r}" if unknown else "no entity named"
            raise ValueError(f"{what}; valid: {', '.join(ENTITIES)}, all")
        return [e for e in ENTITIES if e in names]

    @field_validator("allow")
    @classmethod
    def _patterns(cls, v: list[str]) -> list[str]:
        for p in v:
            try:
                re.compile(p)
            except re.error as exc:
                raise ValueError(f"allow pattern {p!r} is not a regular expression ({exc})") from None
        return v


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
    negative_examples: dict[str, list[str]] = Field(default_factory=dict)
    tag_model: str | None = None  # a team's tag model (callcoach learn), relative to the rubric file
    privacy: Privacy = Field(default_factory=Privacy)

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

    @field_validator("examples", "negative_examples")
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
    # callcoach.rubrics has no __init__.py (it is the repository's rubrics/ folder installed
    # under the package), so it is reached through its parent package, never imported.
    installed = Path(str(resources.files("callcoach"))) / "rubrics"
    if installed.is_dir():
        return installed
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
    return parse_rubric(rubric_path(name_or_path))


def _names_a_file(path: Path) -> bool:
    """Whether a ``--rubric`` value is a file path rather than a built-in rubric's name."""
    return path.suffix in (".yaml", ".yml") or path.exists()


def rubric_path(name_or_path: str | Path | None, builtins: dict[str, Path] | None = None) -> Path:
    """The file behind a built-in rubric name or a path (None: the default rubric).

    Args:
        builtins: the built-in rubrics, where the caller has them already.

    Raises:
        RubricError: no such built-in rubric.
    """
    name = str(name_or_path or DEFAULT_RUBRIC)
    path = Path(name).expanduser()
    if _names_a_file(path):
        return path
    found = builtin_rubrics() if builtins is None else builtins
    if name not in found:
        raise RubricError(f"no built-in rubric {name!r} (built-in: {', '.join(found) or 'none'}); give a path to a YAML file instead")
    return found[name]


def rubric_file(name_or_path: str | Path | None) -> Path | None:
    """The absolute path of the team's rubric file ``name_or_path`` names, or None for a
    built-in rubric (found by name wherever callcoach is installed)."""
    if name_or_path is None or not _names_a_file(Path(name_or_path).expanduser()):
        return None
    path = Path(name_or_path).expanduser().resolve()
    builtin = builtin_dir()
    return None if builtin is not None and path.parent == builtin.resolve() else path


def parse_rubric(path: Path) -> Rubric:
    """Read and validate one rubric file."""
    import yaml

    if path.is_dir():
        raise RubricError(f"{path}: is a directory, not a rubric file; give the path of a .yaml file")
    if not path.is_file():
        raise RubricError(f"{path}: no such rubric file")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RubricError(f"{path}: cannot be read ({exc.strerror or exc}); check the file's permissions") from None
    if len(raw) > _MAX_BYTES:
        raise RubricError(f"{path}: rubric is larger than 1 MB; is this the right file?")
    try:
        data = _safe_load_bounded(path, raw.decode("utf-8"))
    except RecursionError:
        raise RubricError(
            f"{path}: nested too deeply to read; a rubric is a few levels of mappings and lists"
        ) from None
    except UnicodeDecodeError:
        raise RubricError(f"{path}: not UTF-8 text; save the rubric as UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise RubricError(f"{path}: not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise RubricError(f"{path}: a rubric must be a YAML mapping with id, version, name ...")
    try:
        rubric = Rubric.model_validate(data)
    except ValidationError as exc:
        # A misspelt key also makes the right key "missing": report the misspelling first.
        errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
        err = errors[0]
        loc = " -> ".join(str(x) for x in err["loc"]) or "rubric"
        msg = "unknown field (check its spelling)" if err["type"] == "extra_forbidden" else err["msg"]
        more = f" (and {len(exc.errors()) - 1} more)" if len(exc.errors()) > 1 else ""
        raise RubricError(f"{path}: [{loc}] {msg}{more}") from None
    if rubric.tag_model:
        model = (path.parent / rubric.tag_model).expanduser().resolve().with_suffix(".json")
        if not model.is_file() or not model.with_suffix(".npz").is_file():
            raise RubricError(f"{path}: [tag_model] {model} (and its .npz) not found; run `callcoach learn` again or remove tag_model")
        rubric = rubric.model_copy(update={"tag_model": str(model)})
    return rubric


def _safe_load_bounded(path: Path, text: str) -> object:
    """``yaml.safe_load`` that refuses an alias bomb before building anything.

    PyYAML shares an aliased node rather than copying it, so "billion laughs" loads in
    milliseconds; but the rubric's consumers walk every reference (a 1 MB file that repeats a
    400 kB phrase 100,000 times by alias hands tagging 40 GB of examples). The composed node
    graph is measured first, as it would be expanded, and refused past ``_MAX_EXPANDED``;
    a recursive alias is refused too.

    Raises:
        RubricError: the aliases expand too far, or an alias contains itself.
        yaml.YAMLError: the text is not valid YAML.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)  # libyaml where PyYAML has it
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_expansion(path, node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _check_expansion(path: Path, root: object) -> None:
    """Raise RubricError if the node graph, aliases expanded, exceeds ``_MAX_EXPANDED`` or has a
    cycle. Iterative (a deep graph cannot overflow the stack) and linear in the number of
    distinct nodes: each node's expanded size is computed once and reused by every alias."""
    import yaml

    def children(node: object) -> list[object]:
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        if isinstance(node, yaml.MappingNode):
            return [n for pair in node.value for n in pair]
        return []

    size: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            on_path.discard(key)
            own = len(node.value) if isinstance(node, yaml.ScalarNode) else 0  # type: ignore[attr-defined]
            size[key] = 1 + own + sum(size[id(c)] for c in children(node))
            if size[key] > _MAX_EXPANDED:
                raise RubricError(
                    f"{path}: its YAML aliases (*name) expand it to more than {_MAX_EXPANDED:,} characters "
                    "(an alias bomb?); write the repeated parts out, or use fewer aliases"
                )
            continue
        if key in size:
            continue
        if key in on_path:
            line = node.start_mark.line + 1  # type: ignore[attr-defined]
            raise RubricError(
                f"{path}: the YAML node at line {line} holds an alias to itself; a rubric cannot be recursive"
            )
        on_path.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in children(node) if id(c) not in size)
