"""A team's starting rubric (``callcoach rubric init``): a built-in rubric written out in full,
every field explained in comments, so a team edits a file that already scores calls exactly as
the built-in does.

The text is built from the validated built-in (never copied from its file), so it holds every
field the loader knows, and what the built-in leaves at a default is shown as a commented line.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

from pydantic import BaseModel

from callcoach.rubric import DEFAULT_RUBRIC, Rubric, builtin_rubric_file, builtin_rubrics, label_names, parse_rubric

WIDTH = 96

_STALLS = {
    "no_next_step": "the call ended without an Advance (a next step with a date the customer agreed to)",
    "situation_only": "the rep's questions never got past situation questions; threshold: the share of SPIN "
    "questions that are situation questions at which it fires (default 0.75)",
    "objection_monologue": "an objection answered with a long rep monologue",
    "objection_unexplored": "an objection left without an acknowledgement or a question back",
    "early_price": "price came up before any problem or implication question",
    "customer_quiet": "the customer went quiet after the pitch began; threshold: it fires when the customer's "
    "share of talk after the pitch falls under this fraction of their share before it (default 0.5)",
    "long_monologue": "a rep monologue longer than threshold seconds (default 150)",
}


def rubric_id_for(stem: str) -> str:
    """A rubric id from a file name (``Team West.yaml``: ``team-west``): lowercase letters,
    digits, ``-`` and ``_``; never a built-in's id, which would mix the team's scores with it."""
    rid = re.sub(r"[^a-z0-9_-]+", "-", stem.lower()).strip("-_") or "team"
    return f"{rid}-team" if rid in builtin_rubrics() else rid


def starter_rubric(rubric_id: str = "team", base: str = DEFAULT_RUBRIC, file_name: str = "team.yaml") -> str:
    """The commented YAML text of a team's rubric that scores as the built-in ``base`` does.

    Raises:
        RubricError: no built-in rubric ``base``.
    """
    rubric = parse_rubric(builtin_rubric_file(base))
    out: list[str] = []
    out += _comment(
        f"A callcoach rubric: what counts on a call, and example phrases that teach tagging. Written by "
        f"`callcoach rubric init` from the built-in {base!r} rubric ({rubric.name}); until you change it, it "
        f"scores every call exactly as that rubric does (`callcoach rubric show {base}` prints it)."
    )
    out += [
        "#",
        f"# After each change:  callcoach rubric check {file_name}     (every error, with its line)",
        f"# Then use it:        callcoach analyze call.wav --rubric {file_name}",
        "#",
    ]
    out += _comment(
        "A key that is not one of those below is refused: a misspelling is an error, never ignored. "
        'README.md ("Writing a rubric") documents every key.'
    )
    for field in Rubric.model_fields:
        out.append("")
        out += _FIELDS.get(field, _other)(rubric, field, rubric_id)
    return "\n".join(out).rstrip("\n") + "\n"


def _comment(text: str, indent: str = "") -> list[str]:
    return [f"{indent}# {line}".rstrip() for line in textwrap.wrap(text, WIDTH - len(indent) - 2)]


def _hanging(text: str, indent: int) -> list[str]:
    """``#   key  text`` wrapped with its continuation lines under the text."""
    return ["#   " + line for line in textwrap.wrap(text, WIDTH - 4, subsequent_indent=" " * indent)]


def _scalar(value: Any) -> str:
    """One YAML scalar or flow collection on one line."""
    import yaml

    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    text = yaml.safe_dump(value, default_flow_style=True, width=10**9, allow_unicode=True)
    return text.removesuffix("\n...\n").strip()


def _header(rubric: Rubric, field: str, rubric_id: str) -> list[str]:
    value = {"id": rubric_id, "version": 1, "name": rubric.name}[field]
    notes = {
        "id": "id (required): recorded with every score as id@version; lowercase letters, digits, - and _. "
        "Keep it apart from the built-in rubrics' ids.",
        "version": "version (required): a number or a word. Raise it whenever you change what is scored, so "
        "scores under the old and the new rubric are told apart.",
        "name": "name (required): the title on the scorecard.",
    }
    return [*_comment(notes[field]), f"{field}: {_scalar(value)}"]


def _description(rubric: Rubric, field: str, rubric_id: str) -> list[str]:
    lines = _comment("description (optional, default empty): what kind of call this rubric is for.")
    text = rubric.description
    if not text:
        return [*lines, '# description: "A first call with a new prospect."']
    body = text.rstrip("\n")
    if "\n" in body or "  " in body or body != body.strip():
        return [*lines, f"description: {_scalar(text)}"]
    style = ">" if text.endswith("\n") and not text.endswith("\n\n") else ">-"
    return [*lines, f"description: {style}", *("  " + line for line in textwrap.wrap(body, WIDTH - 2))]


def _dimensions(rubric: Rubric, field: str, rubric_id: str) -> list[str]:
    lines = _comment(
        "dimensions (optional, default none): what is scored. A call's score is 100 x the points it earned / "
        "the weight of the dimensions that could be measured on it (a metric that cannot be computed, such as "
        "talk time on a transcript without times, leaves the sum). Each dimension has:"
    )
    lines += [
        "#   id         (required) lowercase letters, digits and _; unique in the rubric",
        "#   name       (required) shown on the scorecard",
        "#   metric     (required) what is measured; `callcoach rubric list --metrics` lists them all",
        "#   target     (required) the range that earns the full weight, bounds included:",
        "#              {min: 35, max: 50}, {min: 2} (at least), {max: 150} (at most); or written",
        '#              "35-50", ">= 2", "<= 150" (the metric\'s unit may follow a number:',
        '#              "35-50%", "<= 150 s"), [35, 50], or one number (exactly that). Percentages',
        "#              are 0-100; a fraction such as {min: 0.4, max: 0.6} is read as 40-60 %",
        "#   tolerance  (default 0) how far outside the target still earns part of the weight,",
        "#              falling linearly to nothing at that distance; 0: all or nothing",
        "#   weight     (required, above 0) the dimension's share of the score, against the others",
        '#   unit       (default none) shown after the values on the scorecard: "%", "s", "/min"',
        "#   advice     (required) the coaching tip a rep sees when the target is missed",
        "#   source     (required) where the target comes from (research, your team's own data)",
    ]
    if not rubric.dimensions:
        return [*lines, "dimensions: []"]
    lines.append("dimensions:")
    for d in rubric.dimensions:
        target = {k: v for k, v in (("min", d.target.min), ("max", d.target.max)) if v is not None}
        rows = [("id", d.id), ("name", d.name), ("metric", d.metric), ("target", target)]
        rows += [("tolerance", d.tolerance)] if d.tolerance else []
        rows += [("weight", d.weight)] + ([("unit", d.unit)] if d.unit else [])
        rows += [("advice", d.advice), ("source", d.source)]
        for i, (key, value) in enumerate(rows):
            lines.append(f"{'  - ' if i == 0 else '    '}{key}: {_scalar(value)}")
    return lines


def _stalls(rubric: Rubric, field: str, rubric_id: str) -> list[str]:
    from callcoach.stalls import DEFAULT_SEVERITY, DETECTORS

    lines = _comment(
        "stalls (optional): the moments where a deal stalls, found on every call and ranked by severity. "
        "A detector left out runs with its defaults. Each takes:"
    )
    lines += [
        "#   enabled    (default true) false switches the detector off",
        "#   severity   (0 to 1, default in brackets below) how high its moments rank",
        "#   threshold  (only where a detector below has one) when it fires",
        '#   advice     (default: callcoach\'s own) the "do this instead" text of its moments',
        "# The detectors:",
    ]
    for name in DETECTORS:
        what = _STALLS.get(name, "see README.md")
        severity = DEFAULT_SEVERITY.get(name)
        wrapped = textwrap.wrap(f"{name} [{_scalar(severity)}]: {what}", WIDTH - 6, subsequent_indent="  ")
        lines += [f"#   {line}" for line in wrapped]
    lines.append("stalls:")
    for name in DETECTORS:
        rule = rubric.stalls.get(name)
        if rule is None:
            lines.append(f"  # {name}: {{severity: {_scalar(DEFAULT_SEVERITY.get(name))}}}")
        else:
            lines.append(f"  {name}: {_scalar(rule.model_dump(exclude_defaults=True))}")
    return lines


def _advice(rubric: Rubric, field: str, rubric_id: str) -> list[str]:
    objections = label_names()[1]
    lines = _comment(
        'advice (optional): per objection type, the "do this instead" text of the two objection stalls '
        "(objection_monologue, objection_unexplored); it wins over a stall's own advice. Keys: "
        f"{', '.join(objections)}."
    )
    values = getattr(rubric, field)
    if not values:
        return [
            *lines,
            "# advice:",
            '#   objection.timing: "Ask what changes next quarter, then book the call for then."',
        ]
    return [*lines, "advice:", *(f"  {k}: {_scalar(v)}" for k, v in values.items())]


def _examples(rubric: Rubric, field: str, rubric_id: str) -> list[str]:
    spin, objections, trackers = label_names()
    if field == "examples":
        lines = _comment(
            "examples (optional): phrases that teach tagging, by label; they are added to callcoach's own, and "
            "paraphrases are recognised, not only these words. Labels: "
            f"{', '.join(spin)}; objection.<type> ({', '.join(o.split('.', 1)[1] for o in objections)}); "
            f"tracker.<name> (built-in: {', '.join(t.split('.', 1)[1] for t in trackers)}; a new name defines a "
            "tracker of the team's own, learned from these phrases). An unknown label is refused."
        )
        sample = ["#   tracker.security: [Is our data encrypted?]"]
    else:
        lines = _comment(
            "negative_examples (optional): phrases that are NOT the label, in the same form: what a team's own "
            'tracker must not match ("Is the price per seat?" for tracker.security).'
        )
        sample = ["#   tracker.security: [Is the price per seat?, Where is your office?]"]
    values: dict[str, list[str]] = getattr(rubric, field)
    if not values:
        return [*lines, f"# {field}:", *sample]
    lines.append(f"{field}:")
    for label, phrases in values.items():
        lines.append(f"  {label}:")
        lines += [f"    - {_scalar(p)}" for p in phrases]
    return lines


def _tag_model(rubric: Rubric, field: str, rubric_id: str) -> list[str]:
    lines = _comment(
        "tag_model (optional): the team's own tag model, a path relative to this file. `callcoach learn "
        "results/ --rubric this-file` trains it on the coaches' corrections and writes this line; leave it to "
        "that command."
    )
    return [*lines, "# tag_model: team.tags.json"]


def _privacy(rubric: Rubric, field: str, rubric_id: str) -> list[str]:
    from callcoach.pii import DEFAULT_ENTITIES, ENTITIES

    p = rubric.privacy
    lines = _comment("privacy (optional): what the outputs of calls scored with this rubric may keep.")
    lines += [
        "#   redact         (default false) true takes personal data out of every output, right after",
        "#                  transcription (--redact / --no-redact override it)",
        *_hanging(
            f"entities       (default: {', '.join(e for e in ENTITIES if e in DEFAULT_ENTITIES)}) what is taken "
            f"out: any of {', '.join(ENTITIES)}, or [all]",
            15,
        ),
        "#   keep_rep_name  (default false) true keeps the name the rep gives as their own",
        "#   allow          (default none) regular expressions of what is kept (order numbers ...),",
        "#                  matched in full, case ignored; never card data",
        "privacy:",
        f"  redact: {_scalar(p.redact)}",
        f"  entities: {_scalar(p.entities)}" if p.entities is not None else "  # entities: [card, cvv, email, phone]",
        f"  keep_rep_name: {_scalar(p.keep_rep_name)}",
        f"  allow: {_scalar(p.allow)}" if p.allow else "  # allow: ['ORD-\\d{6,9}']",
    ]
    return lines


def _conversation(rubric: Rubric, field: str, rubric_id: str) -> list[str]:
    c = getattr(rubric, field)
    lines = _comment(
        "conversation (optional): what counts as a conversation worth scoring. A recording with less two-way "
        "talk than this, a voicemail or a single voice is labelled, not scored, and left out of averages."
    )
    defaults = {k: _scalar(f.get_default(call_default_factory=True)) for k, f in type(c).model_fields.items()}
    what = {
        "check": "false scores every recording",
        "min_speech_s": "seconds of speech from both sides together",
        "min_speaker_changes": 'changes of speaker, backchannels ("mm-hmm") left out',
        "voicemail_phrases": "the team's own greeting or message phrases (regular expressions, case ignored), "
        "added to the built-in ones",
    }
    for key, default in defaults.items():
        lines += _hanging(f"{key:<21}(default {default}) {what.get(key, 'see README.md')}", 21)
    lines.append(f"{field}:")
    return lines + [f"  {k}: {_scalar(v)}" for k, v in c.model_dump().items()]


def _other(rubric: Rubric, field: str, rubric_id: str) -> list[str]:
    """A field this template does not describe yet: its value as the built-in has it."""
    value = getattr(rubric, field)
    dumped = value.model_dump(exclude_defaults=True) if isinstance(value, BaseModel) else value
    lines = _comment(f"{field} (optional): see README.md.")
    if field in rubric.model_fields_set and dumped not in (None, {}, [], ""):
        return [*lines, f"{field}: {_scalar(dumped)}"]
    default = Rubric.model_fields[field].get_default(call_default_factory=True)
    shown = default.model_dump() if isinstance(default, BaseModel) else default
    return [*lines, f"# {field}: {_scalar(shown)}"]


_FIELDS = {
    "id": _header,
    "version": _header,
    "name": _header,
    "description": _description,
    "dimensions": _dimensions,
    "stalls": _stalls,
    "advice": _advice,
    "examples": _examples,
    "negative_examples": _examples,
    "tag_model": _tag_model,
    "privacy": _privacy,
    "conversation": _conversation,
}
