"""Rubrics: YAML files that say what counts on a call, and teach tagging by example.

A rubric (at most 1 MB) is loaded with YAML's safe loader, refusing aliases that expand it past
2 MB (an alias bomb) or that contain themselves, and validated by pydantic with unknown keys
refused. :func:`check_rubric` lists every error (and warning) with its line and field path in
the file's words, and "did you mean" for a misspelt key, metric, stall or label (a label must
be a SPIN stage, an objection type callcoach tags, or a tracker); :func:`parse_rubric` raises
the first with a count of the rest. A dimension's target is read in the forms people write
(:func:`read_target`: ``{min, max}``, ``"35-50%"``, ``">= 2"``, ``[35, 50]`` ...). Built-in
rubrics ship inside the package (the repository's ``rubrics/`` folder is installed as
``callcoach.rubrics``), so a plain ``pip install .`` finds them.

Fields: ``id``, ``version``, ``name``, ``description``;
``dimensions`` (what is scored: a metric, its target, the tolerance that still earns partial
points, a weight, the coaching advice and the source of the target); ``stalls`` (which stall
detectors run, their severity, thresholds and advice); ``advice`` (``objection.<type>`` -> what
the objection stalls advise for that type); ``examples`` (label -> example phrases; labels
are ``spin.*``, ``objection.*``, ``tracker.*``; a rubric's phrases are added to the built-in
ones, and a new ``tracker.<name>`` defines a team's own tracker); ``privacy`` (``redact: true``
takes card data, bank details, e-mail addresses, phone numbers and id numbers out of every
output; ``entities: [...]`` picks what, ``keep_rep_name: true`` keeps the rep's own name,
``allow: [regex, ...]`` keeps what the team whitelists, such as order numbers); ``conversation``
(the minimum two-way talk a call needs to be scored, a team's own voicemail phrases, or
``check: false`` to score every recording; see :mod:`callcoach.conversation`).
"""

from __future__ import annotations

import difflib
import re
import types
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from callcoach.errors import RubricError

DEFAULT_RUBRIC = "discovery"
_TRACKER_NAME = re.compile(r"^[a-z_]+$")
_MAX_BYTES = 1_000_000
#: The most a rubric may hold once its YAML aliases are expanded (nodes plus characters of text):
#: twice what a 1 MB file can hold without aliases, so only alias expansion ever reaches it.
_MAX_EXPANDED = 2 * _MAX_BYTES


def closest(name: object, valid: Iterable[str]) -> str | None:
    """The one of ``valid`` a misspelt ``name`` most likely meant, or None. Dotted labels are
    compared within their family (``objection.competition``: the objection types), so the
    shared prefix does not make every label look close."""
    name, valid = str(name), list(valid)
    family, dot, rest = name.partition(".")
    if dot and any(v.startswith(family + ".") for v in valid):
        by_rest: dict[str, list[str]] = {}
        for v in valid:
            by_rest.setdefault(v.partition(".")[2], []).append(v)
        same = [v.partition(".")[2] for v in valid if v.startswith(family + ".")]
        close = difflib.get_close_matches(rest, same, n=1, cutoff=0.6)
        if close:
            return f"{family}.{close[0]}"
        close = difflib.get_close_matches(rest, list(by_rest), n=1, cutoff=0.8)  # objection.budget: tracker.budget
        return by_rest[close[0]][0] if close else None
    close = difflib.get_close_matches(name, valid, n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(name: object, valid: Iterable[str]) -> str:
    """``" (did you mean 'X'?)"`` naming the closest of ``valid`` to a misspelt ``name``, or ""."""
    close = closest(name, valid)
    return f" (did you mean {close!r}?)" if close else ""


def label_names() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The labels a rubric may name: the SPIN stages, the objection types and the built-in
    trackers, each with its prefix (a new ``tracker.<name>`` is a team's own tracker)."""
    from callcoach.tagging.features import OBJECTION_TYPES, SPIN_STAGES, TRACKERS

    return (
        tuple(f"spin.{s}" for s in SPIN_STAGES),
        tuple(f"objection.{t}" for t in OBJECTION_TYPES),
        tuple(f"tracker.{t}" for t in TRACKERS),
    )


def _check_label(label: str) -> str:
    """A label of ``examples:``/``negative_examples:``; an unknown one is refused with the closest
    valid label and the list of valid ones."""
    spin, objections, trackers = label_names()
    family, _, name = label.partition(".")
    if label in spin or label in objections or (family == "tracker" and _TRACKER_NAME.match(name)):
        return label
    lower = label.strip().lower()
    if lower != label and (lower in spin or lower in objections or lower.startswith("tracker.")):
        raise ValueError(f"labels are lowercase: write {lower.replace(' ', '_')!r}")
    hint = did_you_mean(label, spin + objections + trackers)
    if family == "objection":
        raise ValueError(
            f"unknown objection type {label!r}{hint}; objection types: {', '.join(objections)} "
            "(for a concern of the team's own, use tracker.<name>)"
        )
    if family == "spin":
        raise ValueError(f"unknown SPIN stage {label!r}{hint}; SPIN labels: {', '.join(spin)}")
    if family == "tracker":
        fixed = re.sub(r"[^a-z]+", "_", name.lower()).strip("_") or "security"
        raise ValueError(f"tracker names are lowercase letters and underscores: write 'tracker.{fixed}'")
    raise ValueError(
        f"unknown label {label!r}{hint}; labels: {', '.join(spin)}, objection.<type> "
        f"({', '.join(t.split('.', 1)[1] for t in objections)}), tracker.<name> (built-in: "
        f"{', '.join(t.split('.', 1)[1] for t in trackers)}; a new name defines the team's own tracker)"
    )


def _check_phrase(phrase: str) -> str:
    if not phrase.strip():
        raise ValueError("every example must be a non-empty phrase")
    return phrase


def _check_stall(name: str) -> str:
    from callcoach.stalls import DETECTORS

    if name not in DETECTORS:
        raise ValueError(
            f"unknown stall {name!r}{did_you_mean(name, DETECTORS)}; known: {', '.join(sorted(DETECTORS))}"
        )
    return name


Label = Annotated[str, AfterValidator(_check_label)]
Phrase = Annotated[str, AfterValidator(_check_phrase)]
StallName = Annotated[str, AfterValidator(_check_stall)]


#: What a coach may call an objection type, and the type callcoach tags it as.
_OBJECTION_SYNONYMS = {"budget": "price", "cost": "price", "status_quo": "need", "interest": "need",
                       "competition": "competitor", "risk": "trust", "proof": "trust", "decision_maker": "authority"}  # fmt: skip


def _check_objection_type(label: str) -> str:
    """A key of ``advice:``: one of the objection types callcoach tags."""
    _, objections, _ = label_names()
    if label in objections:
        return label
    same = _OBJECTION_SYNONYMS.get(label.strip().lower().removeprefix("objection.").replace(" ", "_"))
    hint = (
        f" (callcoach tags that as 'objection.{same}')"
        if same
        else did_you_mean(label, objections) or did_you_mean(f"objection.{label}", objections)
    )
    raise ValueError(f"unknown objection type {label!r}{hint}; valid: {', '.join(objections)}")


def _check_advice(text: str) -> str:
    if not text.strip():
        raise ValueError("advice must be a non-empty sentence (leave it out to keep the built-in advice)")
    return text.strip()


ObjectionType = Annotated[str, AfterValidator(_check_objection_type)]
AdviceText = Annotated[str, AfterValidator(_check_advice)]


class _Unparsed:
    """A dimension's target in none of the forms :func:`read_target` reads: validating it as a
    :class:`Target` reports ``message`` at the target's place in the file."""

    def __init__(self, message: str) -> None:
        self.message = message


_NUM = r"(\d+(?:\.\d+)?|\.\d+)"
_UNIT = r"\s*([^\d\s.<>=\u2264\u2265\u2013\u2014+-][^<>=\u2264\u2265\u2013\u2014+]*?)?"
_TARGET_TEXT: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("range", rf"{_NUM}{_UNIT}\s*(?:-|\u2013|\u2014|to|\.\.)\s*{_NUM}{_UNIT}"),
        ("min", rf"(?:>=|=>|\u2265|at least|min(?:imum)?:?)\s*{_NUM}{_UNIT}"),
        ("min", rf"{_NUM}{_UNIT}\s*(?:\+|or more|and above)"),
        ("max", rf"(?:<=|=<|\u2264|at most|max(?:imum)?:?)\s*{_NUM}{_UNIT}"),
        ("max", rf"{_NUM}{_UNIT}\s*(?:or (?:less|fewer)|and below)"),
        ("exact", rf"=?\s*{_NUM}{_UNIT}"),
    )
)
TARGET_FORMS = '{min: 35, max: 50}, {min: 2}, {max: 150}, "35-50", ">= 2", "<= 150" (a unit may follow a number: "35-50%"), [35, 50] or one number'
"""The target forms :func:`read_target` reads, as error messages list them."""


def _is_number(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _metric_unit(metric: object) -> str | None:
    from callcoach.scoring import KNOWN_METRICS

    known = KNOWN_METRICS.get(metric) if isinstance(metric, str) else None
    return known[1] if known else None


def _target_text(text: str, metric: object, unit: object) -> tuple[dict[str, float] | _Unparsed, bool]:
    """``"35-50%"``, ``">= 2"``, ``"<= 150 s"``, ``"at least 2"``, ``"12"`` ... as ``{min, max}``,
    and whether a unit was written. A unit after a number must be the metric's (or the
    dimension's ``unit``)."""
    text = text.strip()
    if re.match(r"^[<>](?!=)", text):
        return _Unparsed(
            f"a target includes its bounds: write '>=' or '<=' (as in \">= 3\", \"<= 150\"), not {text!r}"
        ), False
    for kind, pattern in _TARGET_TEXT:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        groups = m.groups()
        nums = [float(g) for g in groups[0::2]]
        metric_unit = _metric_unit(metric)
        allowed = {re.sub(r"\s+", "", u.lower()) for u in (metric_unit, unit) if isinstance(u, str) and u}
        written = [g for g in groups[1::2] if g]
        for w in written:
            if re.sub(r"\s+", "", w.lower()) not in allowed:
                measured = (
                    f"measured in {metric_unit}"
                    if metric_unit
                    else "a plain number"
                    if metric_unit == ""
                    else "measured in its own unit"
                )
                return _Unparsed(
                    f"target {text!r}: {w.strip()!r} is not the metric's unit ({metric} is {measured}); write the number alone or in that unit"
                ), True
        if kind == "range":
            return {"min": nums[0], "max": nums[1]}, bool(written)
        if kind == "exact":
            return {"min": nums[0], "max": nums[0]}, bool(written)
        return {kind: nums[0]}, bool(written)
    return _Unparsed(f"cannot read target {text!r}; write it as {TARGET_FORMS}"), False


def read_target(
    value: Any, metric: object = None, unit: object = None, tolerance: Any = None
) -> tuple[Any, Any, str | None]:
    """A dimension's target (and tolerance) in the forms people write, as :class:`Target` takes it.

    Reads ``{min, max}`` (either may be left out), ``[min, max]``, one number (exactly that) and
    text: ``"35-50"``, ``"35 to 50"``, ``">= 2"``, ``"at least 2"``, ``"2+"``, ``"<= 150"``,
    ``"at most 150"``, with the metric's unit after a number if wanted (``"35-50%"``,
    ``"<= 150 s"``). A percentage metric's target written as a fraction of 1 (every bound
    between 0 and 1, one strictly inside: ``{min: 0.4, max: 0.6}``) is read as that many
    percent, and its tolerance too where it is at most 1; write ``"<= 0.5%"`` to mean half a
    percent.

    Returns:
        The target (a mapping, a Target, or an ``_Unparsed`` that validation reports), the
        tolerance, and a note saying how a fraction was read (None when none was).
    """
    explicit_unit = False
    if isinstance(value, Target) or value is None:
        return value, tolerance, None
    if _is_number(value):
        value = {"min": value, "max": value}
    elif isinstance(value, (list, tuple)):
        if len(value) != 2 or not all(v is None or _is_number(v) for v in value):
            return (
                _Unparsed(
                    f"a target list is [min, max] (null for an open end), e.g. [35, 50]; or write {TARGET_FORMS}"
                ),
                tolerance,
                None,
            )
        value = {"min": value[0], "max": value[1]}
    elif isinstance(value, str):
        value, explicit_unit = _target_text(value, metric, unit)
    elif isinstance(value, bool) or not isinstance(value, dict):
        return _Unparsed(f"cannot read target {value!r}; write it as {TARGET_FORMS}"), tolerance, None
    if not isinstance(value, dict) or explicit_unit or _metric_unit(metric) != "%":
        return value, tolerance, None
    bounds = [value.get(k) for k in ("min", "max") if value.get(k) is not None]
    if not bounds or not all(_is_number(b) and 0 <= b <= 1 for b in bounds) or not any(0 < b < 1 for b in bounds):
        return value, tolerance, None
    scaled = {**value, **{k: round(value[k] * 100, 9) for k in ("min", "max") if value.get(k) is not None}}
    if _is_number(tolerance) and 0 <= tolerance <= 1:
        tolerance = round(tolerance * 100, 9)
    shown = ", ".join(f"{k} {_num(scaled[k])}" for k in ("min", "max") if scaled.get(k) is not None)
    return (
        scaled,
        tolerance,
        f"{metric} is a percentage: the target was read as a fraction of 1 ({shown} %); write percentages to be sure",
    )


class Target(BaseModel):
    """A target range: at least one of ``min`` and ``max``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min: float | None = None
    max: float | None = None

    @model_validator(mode="before")
    @classmethod
    def _readable(cls, data: Any) -> Any:
        if isinstance(data, _Unparsed):
            raise ValueError(data.message)  # noqa: TRY004 - pydantic reports ValueError at the field
        if data is not None and not isinstance(data, (dict, Target)):
            raise ValueError(f"cannot read target {data!r}; write it as {TARGET_FORMS}")
        return data

    @model_validator(mode="after")
    def _bounds(self) -> Target:
        if self.min is None and self.max is None:
            raise ValueError("give min, max or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min ({_num(self.min)}) is above max ({_num(self.max)})")
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

    @model_validator(mode="before")
    @classmethod
    def _target_forms(cls, data: Any) -> Any:
        """Reads the target forms people write (:func:`read_target`) into ``{min, max}``."""
        if not isinstance(data, dict) or "target" not in data:
            return data
        target, tolerance, _ = read_target(data["target"], data.get("metric"), data.get("unit"), data.get("tolerance"))
        out = {**data, "target": target}
        if "tolerance" in data:
            out["tolerance"] = tolerance
        return out

    @field_validator("metric")
    @classmethod
    def _known_metric(cls, v: str) -> str:
        from callcoach.scoring import KNOWN_METRICS

        if v not in KNOWN_METRICS:
            raise ValueError(
                f"unknown metric {v!r}{did_you_mean(v, KNOWN_METRICS)}; known: {', '.join(sorted(KNOWN_METRICS))} "
                "(`callcoach rubric list --metrics` says what each measures)"
            )
        return v


class StallRule(BaseModel):
    """Settings of one stall detector."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = True
    severity: float | None = Field(default=None, ge=0, le=1)
    threshold: float | None = None
    advice: AdviceText | None = None  # replaces the stall's "do this instead" text


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


class Conversation(BaseModel):
    """What counts as a conversation worth scoring (:mod:`callcoach.conversation`): a call with
    less two-way talk than this, a voicemail or a single voice is labelled, not scored, and left
    out of averages and targets. ``min_speech_s``: seconds of speech from both sides together;
    ``min_speaker_changes``: changes of speaker, backchannels ("mm-hmm") left out;
    ``voicemail_phrases``: a team's own greeting or message phrases (regular expressions, case
    ignored, e.g. in another language), added to the built-in ones; ``check: false`` scores
    every call (a team that coaches its voicemails)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    check: bool = True
    min_speech_s: float = Field(default=20.0, ge=0)
    min_speaker_changes: int = Field(default=3, ge=0)
    voicemail_phrases: list[str] = Field(default_factory=list)

    @field_validator("voicemail_phrases")
    @classmethod
    def _phrases(cls, v: list[str]) -> list[str]:
        for p in v:
            if not str(p).strip():
                raise ValueError("a voicemail phrase must not be empty")
            try:
                re.compile(p)
            except re.error as exc:
                raise ValueError(f"voicemail phrase {p!r} is not a regular expression ({exc})") from None
        return v


class Rubric(BaseModel):
    """A validated rubric."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    version: int | str
    name: str
    description: str = ""
    dimensions: list[Dimension] = Field(default_factory=list)
    stalls: dict[StallName, StallRule] = Field(default_factory=dict)
    examples: dict[Label, list[Phrase]] = Field(default_factory=dict)
    negative_examples: dict[Label, list[Phrase]] = Field(default_factory=dict)
    advice: dict[ObjectionType, AdviceText] = Field(default_factory=dict)  # objection.<type> -> "do this instead"
    tag_model: str | None = None  # a team's tag model (callcoach learn), relative to the rubric file
    privacy: Privacy = Field(default_factory=Privacy)
    conversation: Conversation = Field(default_factory=Conversation)

    @model_validator(mode="after")
    def _consistent(self) -> Rubric:
        """Checks across fields (:func:`_cross_problems`); the first is raised here, and
        :func:`check_rubric` lists them all with their places."""
        data = {
            "dimensions": [{"id": d.id} for d in self.dimensions],
            "examples": self.examples,
            "negative_examples": self.negative_examples,
        }
        problems = _cross_problems(data)
        if problems:
            raise PydanticCustomError(_CROSS, "{message}", {"message": problems[0][1]})
        return self

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


def builtin_rubric_file(name: str) -> Path:
    """The file of the built-in rubric ``name``.

    Raises:
        RubricError: no built-in rubric of that name; the message lists them.
    """
    found = builtin_rubrics()
    if name not in found:
        raise RubricError(
            f"no built-in rubric {name!r}{did_you_mean(name, found)}; built-in: {', '.join(found) or 'none'}"
        )
    return found[name]


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
        raise RubricError(
            f"no built-in rubric {name!r}{did_you_mean(name, found)}; built-in: {', '.join(found) or 'none'}; "
            "or give the path of a rubric file (.yaml)"
        )
    return found[name]


def rubric_file(name_or_path: str | Path | None) -> Path | None:
    """The absolute path of the team's rubric file ``name_or_path`` names, or None for a
    built-in rubric (found by name wherever callcoach is installed)."""
    if name_or_path is None or not _names_a_file(Path(name_or_path).expanduser()):
        return None
    path = Path(name_or_path).expanduser().resolve()
    builtin = builtin_dir()
    return None if builtin is not None and path.parent == builtin.resolve() else path


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a rubric file (or, as a warning, worth a second look): where, in the
    file's own words (``dimensions -> #2 (questions) -> target``), what, and the line."""

    where: str
    message: str
    line: int | None = None

    def describe(self, path: Path | str) -> str:
        """``team.yaml:14: [dimensions -> #2 (questions) -> target] min (60) is above max (50)``."""
        at = f"{path}:{self.line}" if self.line else str(path)
        return f"{at}: [{self.where}] {self.message}" if self.where else f"{at}: {self.message}"


@dataclass(frozen=True)
class RubricCheck:
    """What :func:`check_rubric` found: the rubric (None when it does not validate), every error
    and every warning, in the order of the file."""

    path: Path
    rubric: Rubric | None
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]


def parse_rubric(path: Path) -> Rubric:
    """Read and validate one rubric file.

    Raises:
        RubricError: the file cannot be read, is not YAML, or does not validate: the first
            error with its line and field path, and how many more ``callcoach rubric check``
            lists.
    """
    check = check_rubric(path)
    if check.rubric is None:
        first, more = check.errors[0], len(check.errors) - 1
        tail = f" (and {more} more: `callcoach rubric check {path}` lists them all)" if more else ""
        raise RubricError(first.describe(path) + tail)
    return check.rubric


def check_rubric(path: Path) -> RubricCheck:
    """Every error in a rubric file, each with its field path and line, and every warning.

    Raises:
        RubricError: the file itself cannot be used (missing, a directory, unreadable, over
            1 MB, not UTF-8, not YAML, an alias bomb, not a mapping); one line.
    """
    data, node = _read_yaml(path)
    if not isinstance(data, dict):
        raise RubricError(f"{path}: a rubric must be a YAML mapping with id, version, name ...")
    errors: list[Problem] = [Problem(" -> ".join(map(str, loc)), msg, line) for loc, msg, line in _duplicate_keys(node)]
    rubric: Rubric | None = None
    try:
        rubric = Rubric.model_validate(data)
    except ValidationError as exc:
        errors += _problems(exc, data, node)
        errors += _cross_problems_at(data, node)  # all of them, even where fields fail too
    tag_model = data.get("tag_model")
    if isinstance(tag_model, str) and tag_model:
        model = (path.parent / tag_model).expanduser().resolve().with_suffix(".json")
        if not model.is_file() or not model.with_suffix(".npz").is_file():
            errors.append(
                Problem(
                    "tag_model",
                    f"{model} (and its .npz) not found; run `callcoach learn` again or remove tag_model",
                    _line_of(node, ("tag_model",)),
                )
            )
        elif rubric is not None:
            rubric = rubric.model_copy(update={"tag_model": str(model)})
    errors.sort(key=lambda p: p.line or 0)
    return RubricCheck(path, None if errors else rubric, tuple(errors), tuple(_warnings(data, node)))


_CROSS = "rubric_cross"
"""The pydantic error type of :meth:`Rubric._consistent`; :func:`check_rubric` lists those
problems itself, each at its place."""


def _cross_problems(data: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    """Problems across fields, each with its field path: a dimension id used twice; negative
    examples for a team tracker that has no examples (a misspelt name learns nothing)."""
    out: list[tuple[tuple[Any, ...], str]] = []
    dims = data.get("dimensions")
    seen: dict[str, int] = {}
    for i, d in enumerate(dims if isinstance(dims, list) else []):
        did = d.get("id") if isinstance(d, dict) else None
        if isinstance(did, str) and did in seen:
            out.append(
                (
                    ("dimensions", i, "id"),
                    f"dimension id {did!r} appears twice (also #{seen[did] + 1}); give each dimension its own id",
                )
            )
        elif isinstance(did, str):
            seen[did] = i
    examples, negatives = data.get("examples"), data.get("negative_examples")
    own = [k for k in examples if isinstance(k, str)] if isinstance(examples, dict) else []
    builtin = label_names()[2]
    for label in negatives if isinstance(negatives, dict) else []:
        if isinstance(label, str) and label.startswith("tracker.") and label not in own and label not in builtin:
            trackers = [k for k in own if k.startswith("tracker.")] + list(builtin)
            message = (
                f"{label!r} has negative examples but no examples{did_you_mean(label, trackers)}; "
                "a team's own tracker learns from its examples: add them under examples:, or fix the name"
            )
            out.append((("negative_examples", label, "[key]"), message))
    return out


def _cross_problems_at(data: dict[str, Any], node: Any) -> list[Problem]:
    return [Problem(_where(loc, data), msg, _line_of(node, loc)) for loc, msg in _cross_problems(data)]


def _problems(exc: ValidationError, data: dict[str, Any], node: Any) -> list[Problem]:
    """Pydantic's errors in the file's words, each with its line. A misspelt key is reported
    once, with the closest field name, not also as the right key missing."""
    raw = exc.errors()
    missing = {tuple(e["loc"]) for e in raw if e["type"] == "missing"}
    out: list[Problem] = []
    covered: set[tuple[Any, ...]] = set()
    for e in raw:
        loc = tuple(e["loc"])
        if e["type"] != "extra_forbidden":
            continue
        model = _model_at(loc[:-1])
        hint = did_you_mean(loc[-1], model.model_fields if model else ())
        close = hint.split("'")[1] if hint else None
        if close is not None and loc[:-1] + (close,) in missing:
            covered.add(loc[:-1] + (close,))
        known = f"; fields here: {', '.join(model.model_fields)}" if model else ""
        out.append(Problem(_where(loc, data), f"unknown field{hint}{known}", _line_of(node, loc)))
    for e in raw:
        loc = tuple(e["loc"])
        if e["type"] in ("extra_forbidden", _CROSS) or loc in covered:
            continue
        out.append(Problem(_where(loc, data), _message(e), _line_of(node, loc)))
    return out


def _message(err: Any) -> str:
    kind, msg = err["type"], str(err["msg"])
    if kind == "missing":
        return "required field missing"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "should be a mapping (key: value lines)"
    if kind == "list_type":
        return "should be a list (lines starting with - )"
    msg = msg.removeprefix("Value error, ")
    return msg[len("Input ") :] if msg.startswith("Input should") else msg


def _where(loc: tuple[Any, ...], data: Any) -> str:
    """A field path in the file's words: a list item by its number (from 1) and id."""
    parts: list[str] = []
    value = data
    for part in loc:
        if part == "[key]":
            continue
        if isinstance(part, int) and isinstance(value, list):
            value = value[part] if 0 <= part < len(value) else None
            ident = value.get("id") if isinstance(value, dict) else None
            parts.append(f"#{part + 1}" + (f" ({ident})" if isinstance(ident, str) and ident else ""))
        else:
            parts.append(str(part))
            value = value.get(part) if isinstance(value, dict) else None
    return " -> ".join(parts) or "rubric"


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model a field path leads to (``("dimensions", 0)``: Dimension), or None."""
    tp: Any = Rubric
    for part in loc:
        tp = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            field = tp.model_fields.get(str(part))
            if field is None:
                return None
            tp = field.annotation
        elif get_origin(tp) is list:
            tp = get_args(tp)[0]
        elif get_origin(tp) is dict:
            tp = get_args(tp)[1]
        else:
            return None
    tp = _unwrap(tp)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _unwrap(tp: Any) -> Any:
    """``X | None`` and ``Annotated[X, ...]`` as ``X``."""
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            tp = next((a for a in get_args(tp) if a is not type(None)), tp)
            if get_origin(tp) in (Union, types.UnionType):
                return tp
        else:
            return tp


_KEYS: weakref.WeakKeyDictionary[Any, dict[str, tuple[Any, Any]]] = weakref.WeakKeyDictionary()
"""Each YAML mapping node's keys (the last of a repeated key, as YAML keeps it), for :func:`_line_of`."""


def _line_of(node: Any, loc: tuple[Any, ...]) -> int | None:
    """The line (from 1) of the deepest part of ``loc`` found in the YAML node graph (a key's
    own line for a key; a list item's first line), or None when not even the first part is
    there (a missing top-level field)."""
    import yaml

    line: int | None = None
    for part in loc:
        if part == "[key]":
            break
        if isinstance(node, yaml.MappingNode):
            keys = _KEYS.get(node)
            if keys is None:  # indexed once: a file with 20,000 errors is not searched 20,000 times
                keys = _KEYS[node] = {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}
            pair = keys.get(str(part))
            if pair is None:
                break
            line, node = pair[0].start_mark.line + 1, pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _duplicate_keys(node: Any, loc: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], str, int]]:
    """Keys given twice in one mapping (YAML keeps only the last, silently dropping the first:
    a second ``examples:`` block hides the first)."""
    import yaml

    out: list[tuple[tuple[Any, ...], str, int]] = []
    if isinstance(node, yaml.MappingNode):
        first: dict[str, int] = {}
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode):
                continue
            line = k.start_mark.line + 1
            if k.value in first:
                out.append(
                    (
                        loc + (k.value,),
                        f"given twice (first at line {first[k.value]}); YAML keeps only the last: merge the two",
                        line,
                    )
                )
            else:
                first[k.value] = line
            if len(loc) < 4:  # a rubric is a few levels deep; deeper is refused by validation anyway
                out += _duplicate_keys(v, loc + (k.value,))
    elif isinstance(node, yaml.SequenceNode) and len(loc) < 3:  # dimensions' items; not every example phrase
        for i, item in enumerate(node.value):
            out += _duplicate_keys(item, loc + (i,))
    return out


def _warnings(data: dict[str, Any], node: Any) -> list[Problem]:
    """What loads but is likely not meant: a new tracker named like a built-in one; a
    percentage target written as a fraction of 1 (read as percent)."""
    out: list[Problem] = []
    builtin = label_names()[2]
    for field in ("examples", "negative_examples"):
        labels = data.get(field)
        for label in labels if isinstance(labels, dict) else []:
            if isinstance(label, str) and label.startswith("tracker.") and label not in builtin:
                close = difflib.get_close_matches(
                    label.partition(".")[2], [t.partition(".")[2] for t in builtin], n=1, cutoff=0.8
                )
                if close:
                    out.append(
                        Problem(
                            f"{field} -> {label}",
                            f"a new tracker of the team's own, named like the built-in 'tracker.{close[0]}': "
                            "is that what you meant?",
                            _line_of(node, (field, label)),
                        )
                    )
    dims = data.get("dimensions")
    for i, d in enumerate(dims if isinstance(dims, list) else []):
        if isinstance(d, dict) and "target" in d:
            _, _, note = read_target(d["target"], d.get("metric"), d.get("unit"), d.get("tolerance"))
            if note:
                out.append(
                    Problem(
                        _where(("dimensions", i, "target"), data), note, _line_of(node, ("dimensions", i, "target"))
                    )
                )
    return sorted(out, key=lambda p: p.line or 0)


def _read_yaml(path: Path) -> tuple[object, Any]:
    """A rubric file's data and YAML node graph.

    Raises:
        RubricError: the file cannot be used; one line naming it and the fix.
    """
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
        return _safe_load_bounded(path, raw.decode("utf-8"))
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


def _safe_load_bounded(path: Path, text: str) -> tuple[object, Any]:
    """``yaml.safe_load`` that refuses an alias bomb before building anything; returns the data
    and the composed node graph (whose marks give each field's line).

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
            return None, None
        _check_expansion(path, node)
        return loader.construct_document(node), node
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
