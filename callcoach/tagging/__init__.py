"""Tagging: questions, objections, SPIN stages and trackers on the sentences of a call.

Stages run in order (questions first: SPIN needs them), share one :class:`TaggingContext`
(sentence embeddings computed once per call, in batches; parses likewise) and return tags;
:func:`tag_call` attaches them to their utterances and returns a new :class:`Call`.
Example phrases come from each stage's defaults plus the rubric's ``examples``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from callcoach.call import Call, Tag
from callcoach.hooks import Hook, null_hook
from callcoach.tagging.base import Encoder, Parser, Stage, TaggingContext, call_sentences


def default_stages(encoder: Encoder | None = None, model: object | None = None,
                   examples: Mapping[str, Sequence[str]] | None = None,
                   negatives: Mapping[str, Sequence[str]] | None = None) -> list[Stage]:
    """The trained classifier (when a tag model fits ``encoder``) and the team's own trackers
    learned from the rubric's examples; otherwise the rule and example stages: questions,
    objections, SPIN, trackers, in the order their requirements need."""
    from callcoach.tagging.classifier import ClassifierStage, TagModel, load_model

    tag_model = model if isinstance(model, TagModel) else (load_model(model) if encoder is not None else None)
    if tag_model is not None and tag_model.fits(encoder):
        from callcoach.tagging.learned import LearnedTrackerStage

        stages: list[Stage] = [ClassifierStage(tag_model)]
        if tag_model.background is not None:
            known = [f"tracker.{c}" for c in tag_model.classes("trackers")]
            stages.append(LearnedTrackerStage(examples or {}, negatives or {}, tag_model.background, skip=known, extra=tag_model.custom))
        return stages
    return rule_stages()


def rule_stages() -> list[Stage]:
    """Questions, objections, SPIN, trackers by rules and example similarity."""
    from callcoach.tagging.objections import ObjectionStage
    from callcoach.tagging.questions import QuestionStage
    from callcoach.tagging.spin import SpinStage
    from callcoach.tagging.trackers import TrackerStage

    return [QuestionStage(), ObjectionStage(), SpinStage(), TrackerStage()]


def default_examples(extra: Mapping[str, Sequence[str]] | None = None) -> dict[str, tuple[str, ...]]:
    """Every stage's built-in example phrases, with ``extra`` (a rubric's) appended per label."""
    from callcoach.tagging import objections, spin, trackers

    merged: dict[str, list[str]] = {}
    for module in (objections, spin, trackers):
        for label, phrases in module.DEFAULT_EXAMPLES.items():
            merged.setdefault(label, []).extend(phrases)
    for label, phrases in (extra or {}).items():
        bucket = merged.setdefault(label, [])
        bucket.extend(p for p in phrases if p not in bucket)
    return {k: tuple(v) for k, v in merged.items()}


def tag_call(
    call: Call,
    *,
    encoder: Encoder | None,
    parser: Parser | None,
    examples: Mapping[str, Sequence[str]] | None = None,
    stages: Sequence[Stage] | None = None,
    hook: Hook = null_hook,
    negatives: Mapping[str, Sequence[str]] | None = None,
    model: object | None = None,
) -> Call:
    """Run the tagging stages over ``call`` and return a copy whose utterances carry the tags.

    ``model``: a :class:`~callcoach.tagging.classifier.TagModel` or the path of one (a team's);
    default the shipped model. Tags produced by ``source="human"`` corrections are kept;
    machine tags are replaced.
    """
    sentences = call_sentences(call)
    ctx = TaggingContext(call, sentences, encoder, parser, default_examples(examples))
    for stage in stages if stages is not None else default_stages(encoder, model, examples, negatives):
        hook("tagging", None, stage.name)
        ctx.tags.extend(stage.predict(ctx))
    by_utt: dict[int, list[Tag]] = {}
    for t in ctx.tags:
        by_utt.setdefault(t.utterance_id, []).append(t)
    utterances = []
    for u in call.utterances:
        kept = [t for t in u.tags if t.source == "human"]
        new = sorted(by_utt.get(u.id, []), key=lambda t: (t.span or (0, 0), t.label))
        utterances.append(u.__class__(u.id, u.speaker, u.start, u.end, u.text, u.words, tuple(kept + new)))
    return call.with_(utterances=tuple(utterances))
