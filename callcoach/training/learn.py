"""``callcoach learn RESULTS``: a team's tag model from the shipped corpus, its coaches'
corrections and its rubric's examples.

What is learned:

- **tag corrections** from the review app (``add_tag``, ``remove_tag``, ``change_tag``) become
  labelled sentences of their call, with the call's corrected speakers and roles (``swap_roles``,
  ``set_rep`` and ``reassign`` are applied first, so a sentence is learned with its true side);
  a turn-level correction lands on the turn's sentence that the current model finds likeliest
  for the label (removals and changes on the sentence the machine tagged). Only the corrected
  family is labelled; the rest of the call gives context and is masked out.
- **rubric examples** (``examples:`` and ``negative_examples:``) for built-in labels are
  labelled sentences on their own; for a team's own trackers they stay rubric examples
  (learned at tagging time, :mod:`callcoach.tagging.learned`), and corrections of those
  trackers are stored in the team model as embeddings (never as text).

The per-sentence heads of every family with corrections or examples are retrained on the
corpus's train split (written and ASR-style, with the canonical phrases, as the base model was)
plus these rows (each weighing :data:`CORRECTION_WEIGHT` corpus sentences); the team model moves
from the base heads towards the retrained ones as far as the dev split allows
(:func:`take_step`), with those families' thresholds chosen again on dev; the call-level sequence heads and the other heads
are kept from the base model (retraining the sequence heads on a few corrections moved the dev
scores more and carried the corrections to paraphrases less). The corrected sentences are also
kept as the model's memory (:func:`remembering`: their sentence embeddings and the coach's label,
never the text), so they and their near paraphrases tag as the coach said even where the
call-level heads disagree. The model is written beside the rubric as ``<rubric>.tags.json`` /
``.npz`` and the rubric names it (``tag_model:``); the stored analyses are never changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from callcoach.errors import CallcoachError
from callcoach.tagging.base import layered
from callcoach.tagging.classifier import OBJECTION_TYPES, SPIN_STAGES, TRACKERS, Item, TagModel, features, load_model
from callcoach.tagging.heads import Head, half, int8_round
from callcoach.training.data import Dataset

CORRECTION_WEIGHT = 100.0  # a corrected sentence or example weighs this many corpus sentences
STEPS = (1.0, 0.75, 0.5, 0.25)  # how far learn may move from the base heads towards the refitted ones
MAX_DEV_LOSS = 0.015  # a step may lose at most this much dev F1 in a retrained family (the test allows 0.02)


@dataclass
class TeamData:
    """Labelled rows from corrections and examples, and what they came from."""

    rows: Dataset = field(default_factory=Dataset)
    correction_ids: list[str] = field(default_factory=list)
    families: set[str] = field(default_factory=set)
    custom: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # label -> positive/negative texts
    checks: list[tuple[int, str, Any]] = field(default_factory=list)  # (row in rows, family, value): corrected sentences
    calls: int = 0


def _value(label: str) -> tuple[str, Any] | None:
    """``objection.price`` -> ("objection", index); ``tracker.next_step`` -> ("trackers", name)."""
    fam, _, name = label.partition(".")
    if fam == "question" and name in ("open", "closed"):
        return "question", 1 + ("open", "closed").index(name)
    if fam == "objection" and name in OBJECTION_TYPES:
        return "objection", 1 + OBJECTION_TYPES.index(name)
    if fam == "spin" and name in SPIN_STAGES:
        return "spin", 1 + SPIN_STAGES.index(name)
    if fam == "tracker" and name in TRACKERS:
        return "trackers", name
    return None


def _negative(label: str) -> tuple[str, Any] | None:
    v = _value(label)
    if v is None:
        return None
    return (v[0], {v[1]: 0}) if v[0] == "trackers" else (v[0], 0)


def _put(labels: dict[int, dict[str, Any]], row: int, fam: str, value: Any) -> None:
    slot = labels.setdefault(row, {})
    if fam == "trackers":
        slot.setdefault("trackers", {}).update(value if isinstance(value, dict) else {value: 1})
    else:
        slot[fam] = value


def collect(folder: Path, rubric_examples: dict[str, list[str]], rubric_negatives: dict[str, list[str]],
            model: TagModel, encoder: Any, parser: Any) -> TeamData:
    """Corrections of every reviewed call in ``folder`` and the rubric's examples as rows."""
    from callcoach.review.store import ReviewStore
    from callcoach.tagging.base import call_sentences

    data = TeamData()
    with ReviewStore(folder) as store:
        for entry in store.calls():
            state = store.state(entry.key)
            if not state.corrections:
                continue
            res = store.rescored(entry.key)
            applied = [c for c in res.applied if not c.stale]
            if not applied:
                continue
            data.calls += 1
            call = res.call
            sents = call_sentences(call)
            items = [Item(s.speaker, s.role, s.text) for s in sents]
            if not items:
                continue
            x = features(items, layered(encoder, model.layers).encode([it.text for it in items]),
                         parser.parse([it.text for it in items]) if parser else None)
            probs = model.probabilities(x)
            machine_spans = {(t.utterance_id, t.label): t.span for u in res.machine.utterances for t in u.tags}
            labels: dict[int, dict[str, Any]] = {}
            for c in applied:
                data.correction_ids.append(c.id)
                if c.kind not in ("add_tag", "remove_tag", "change_tag"):
                    continue  # roles: already applied to ``call``
                uid = c.utterance_ids[0]
                rows = [i for i, s in enumerate(sents) if s.utterance_id == uid]
                if not rows:
                    continue
                label = str(c.label)
                target = c.new_label if c.kind == "change_tag" else label
                if target and target.startswith("tracker.") and _value(target) is None:
                    bucket = data.custom.setdefault(target, {"positive": [], "negative": []})
                    if c.kind == "remove_tag":
                        span = machine_spans.get((uid, target))
                        row = next((i for i in rows if sents[i].span == span), rows[0])
                        bucket["negative"].append(sents[row].text)
                    else:
                        bucket["positive"].append(sents[_longest(rows, sents)].text)
                    continue
                if c.kind == "add_tag":
                    v = _value(label)
                    if v is None:
                        continue
                    row = _best_row(rows, probs, v)
                    _put(labels, row, v[0], v[1])
                else:
                    span = machine_spans.get((uid, label))
                    row = next((i for i in rows if sents[i].span == span), rows[0])
                    v = _negative(label) if c.kind == "remove_tag" else _value(str(c.new_label))
                    if v is None:
                        continue
                    _put(labels, row, v[0], v[1])
                data.families.add(v[0])
            base = len(data.rows.items)
            data.rows.add_masked(f"review:{entry.key}", items, labels)
            for row, lab in labels.items():
                for fam, value in lab.items():
                    data.checks.append((base + row, fam, value))
    for label, phrases in rubric_examples.items():
        _examples(data, label, phrases, positive=True)
    for label, phrases in rubric_negatives.items():
        _examples(data, label, phrases, positive=False)
    return data


def _longest(rows: list[int], sents: list) -> int:
    """Where a turn-level correction of a team tracker lands (it has no head to ask): the
    turn's longest sentence."""
    return max(rows, key=lambda i: len(sents[i].text))


def _best_row(rows: list[int], probs: dict[str, np.ndarray], v: tuple[str, Any]) -> int:
    fam, value = v
    if fam == "trackers":
        j = TRACKERS.index(value)
        return max(rows, key=lambda i: probs[fam][i, j])
    return max(rows, key=lambda i: probs[fam][i, value])


def _examples(data: TeamData, label: str, phrases: list[str], positive: bool) -> None:
    v = _value(label) if positive else _negative(label)
    if v is None:
        return  # a team's own tracker: its examples stay in the rubric and are learned at tagging time
    fam = v[0]
    role = "customer" if fam == "objection" else ("rep" if fam == "spin" else "unknown")
    for i, p in enumerate(phrases):
        lab: dict[int, dict[str, Any]] = {}
        _put(lab, 0, fam, v[1])
        if fam == "spin":
            _put(lab, 0, "question", -1)
        data.rows.add_masked(f"example:{label}:{i}", [Item("X", role, p)], lab)
        data.families.add(fam)


def check_scores(model: TagModel, rows: Dataset, checks: list[tuple[int, str, Any]]) -> float | None:
    """Share of corrected sentences the model now tags as the coach said."""
    if not checks or rows.x is None:
        return None
    from callcoach.tagging.classifier import predict

    preds = predict(model, rows.items, rows.x, rows.call_rows())
    ok = 0
    for row, fam, value in checks:
        p = preds[row]
        if fam == "question":
            ok += (p.question is not None) == (value > 0) and (value <= 0 or p.question[0] == ("open", "closed")[value - 1])
        elif fam == "objection":
            ok += (p.objection[0] if p.objection else None) == (OBJECTION_TYPES[value - 1] if value > 0 else None)
        elif fam == "spin":
            ok += (p.spin[0] if p.spin else None) == (SPIN_STAGES[value - 1] if value > 0 else None)
        else:
            names = {t for t, _ in p.trackers}
            ok += all((t in names) == bool(v) for t, v in (value.items() if isinstance(value, dict) else [(value, 1)]))
    return ok / len(checks)


def summary_scores(scores: dict[str, dict[str, dict[str, float]]]) -> dict[str, float]:
    """Headline dev F1s: question, objection (typed), SPIN (mean of stages), trackers (mean)."""
    w = scores.get("written", {})

    def f(k: str) -> float:
        return w.get(k, {}).get("f1", 0.0)

    return {
        "question": f("question"),
        "objection": f("objection.typed"),
        "spin": float(np.mean([f(f"spin.{s}") for s in SPIN_STAGES])),
        "trackers": float(np.mean([f(f"tracker.{t}") for t in TRACKERS])),
    }


def remembering(model: TagModel, team: TeamData) -> TagModel:
    """``model`` with the team's corrected sentences as its memory (their sentence embeddings
    and the coach's label per family, :meth:`TagModel._remember`): they, and sentences as close
    as a near paraphrase, tag as the coach said. Built from the current corrections alone (a
    model learned before keeps none of its own)."""
    assert team.rows.x is not None or not team.checks
    rows: dict[str, list[int]] = {}
    values: dict[str, list[Any]] = {}
    for row, fam, value in team.checks:
        rows.setdefault(fam, []).append(row)
        values.setdefault(fam, []).append({k: int(v) for k, v in value.items()} if isinstance(value, dict)
                                          else ({value: 1} if isinstance(value, str) else int(value)))
    memory = {fam: half(team.rows.x.dense[r, : model.embed_dim]) for fam, r in rows.items()} if rows else {}  # type: ignore[union-attr]
    meta = {k: v for k, v in model.meta.items() if k != "memory"}
    return model.with_(memory=memory, meta=dict(meta, memory=values) if values else meta)


def blend(base: Head, new: Head, step: float) -> Head:
    """``base + step * (new - base)``, weight by weight, rounded as the model is saved (the heads
    are linear in their weights, so a part step is a model between the two)."""
    if step >= 1.0 or len(base.weights) != len(new.weights) or any(a.shape != b.shape for a, b in zip(base.weights, new.weights)):
        return new
    ws = tuple(half(b + step * (n - b)) for b, n in zip(base.weights, new.weights))
    if new.ngram is None or base.ngram is None or base.ngram.shape != new.ngram.shape:
        return Head(new.classes, new.kind, ws, new.ngram)
    return Head(new.classes, new.kind, ws, int8_round(base.ngram + step * (new.ngram - base.ngram)))


def take_step(base: TagModel, refit: dict[str, Head], dev: Dataset, before: dict[str, float], rows: Dataset,
              checks: list[tuple[int, str, Any]], calibrate: Callable[[TagModel, Dataset], dict[str, Any]],
              log: Callable[[str], None]) -> tuple[TagModel, dict[str, Any], float]:
    """How far to move from the base heads towards the refitted ones: the longest of
    :data:`STEPS` whose dev F1 falls by at most :data:`MAX_DEV_LOSS` in every retrained family
    and which tags the most corrected sentences as the coach said (thresholds of the retrained
    families chosen again on dev at each step). A full refit can move a threshold chosen for
    precision first across a cliff of the precision curve and lose more dev F1 than the
    corrections are worth; a part step keeps the corrections and the dev split both. Where no
    step keeps dev, the one that loses least. Returns the model, its dev scores and the step."""
    from callcoach.training.evaluate import evaluate

    touched = set(refit)
    best: tuple[tuple[bool, float, float], TagModel, dict[str, Any], float] | None = None
    for step in STEPS:
        heads = {**base.heads, **{t: blend(base.heads[t], h, step) if t in base.heads else h for t, h in refit.items()}}
        model = base.with_(heads=heads)
        fresh = calibrate(model, dev)
        model = model.with_(thresholds={t: (fresh[t] if t in touched else base.thresholds[t]) for t in base.thresholds})
        scores = evaluate(model, dev)
        after = summary_scores(scores)
        loss = max(before[f] - after[f] for f in touched)
        done = check_scores(model, rows, checks)
        log(f"step {step:.2f} towards the refitted heads: dev F1 change {-loss:+.3f} (worst retrained family), "
            f"corrected sentences as the coach said {'-' if done is None else f'{done:.0%}'}")
        key = (loss <= MAX_DEV_LOSS, (done or 0.0) if loss <= MAX_DEV_LOSS else -loss, step)
        if best is None or key > best[0]:
            best = (key, model, scores, step)
        if loss <= MAX_DEV_LOSS and done in (None, 1.0):
            break  # the longest step that keeps dev and every correction: nothing shorter can beat it
    assert best is not None
    return best[1], best[2], best[3]


def set_rubric_model(rubric_file: Path, model_name: str) -> None:
    """Name the team model in the rubric (``tag_model: NAME``), keeping the file's comments."""
    from callcoach.output import atomic_write_text

    text = rubric_file.read_text(encoding="utf-8")
    line = f"tag_model: {model_name}"
    if re.search(r"(?m)^tag_model:.*$", text):
        text = re.sub(r"(?m)^tag_model:.*$", line, text)
    else:
        text = text.rstrip("\n") + f"\n\n# The team's tag model, written by `callcoach learn`.\n{line}\n"
    atomic_write_text(rubric_file, text)


def learn(folder: str | Path, rubric_file: str | Path, *, encoder: Any = None, parser: Any = None,
          corpus: str | Path | None = None, cache: Path | None = None, log: Callable[[str], None] = print) -> Path:
    """Train a team model for ``rubric_file`` from the corrections in ``folder``; returns its path."""
    from callcoach.rubric import parse_rubric
    from callcoach.training.corpus import corpus_dir
    from callcoach.training.data import EmbeddingCache, encode_all
    from callcoach.training.evaluate import evaluate
    from callcoach.training.fit import FitOptions, calibrate, fit_sentence_heads
    from callcoach.training.train import load_splits, phrase_rows, question_head

    folder, rubric_file = Path(folder), Path(rubric_file)
    if not folder.is_dir():
        raise CallcoachError(f"{folder}: not a folder; give the results folder of `callcoach batch` or `analyze --out`")
    if not rubric_file.is_file():
        raise CallcoachError(f"{rubric_file}: no such rubric file; the team model is written beside a team rubric (copy a built-in one)")
    rubric = parse_rubric(rubric_file)
    if encoder is None:
        from callcoach.tagging.nlp import MiniLMEncoder, SpacyParser

        encoder, parser = MiniLMEncoder(), SpacyParser()
    base = load_model(rubric.tag_model) if rubric.tag_model else load_model()
    if base is None or not base.fits(encoder):
        raise CallcoachError("no tag model for this encoder; reinstall callcoach (its tag model ships in the package)")
    root = Path(corpus) if corpus else corpus_dir()
    if root is None:
        raise CallcoachError("the sales-dialogue corpus is not installed; reinstall callcoach or pass --corpus DIR")
    team = collect(folder, rubric.examples, rubric.negative_examples, base, encoder, parser)
    custom_encoder, encoder = encoder, layered(encoder, base.layers)  # team trackers: the embedding; heads: the layers
    log(f"{team.calls} corrected calls, {len(team.correction_ids)} corrections, "
        f"{len(team.checks)} corrected sentences, {sum(len(v['positive']) + len(v['negative']) for v in team.custom.values())} team-tracker sentences")
    log(f"reading the corpus's train and dev splits ({root}; about a minute while its embeddings are not cached yet)")
    splits = load_splits(root, encoder, parser, cache)  # corpus sentences only are cached; corrections never
    train, dev = splits["train"], splits["dev"]
    emb = EmbeddingCache(encoder, cache)
    if team.rows.items:
        encode_all(team.rows, EmbeddingCache(encoder, None), parser)
    before = summary_scores(evaluate(base, dev))
    fit = FitOptions(**{k: v for k, v in base.meta.get("fit", {}).items() if k in FitOptions.__dataclass_fields__})
    model = base
    if team.families:
        phrases = phrase_rows()
        encode_all(phrases, emb, parser)
        train = train.joined(phrases)  # as the base model was trained
        both = train.joined(team.rows) if team.rows.items else train
        weights = np.concatenate([np.ones(len(train.items)), np.full(len(team.rows.items), CORRECTION_WEIGHT)])
        refit: dict[str, Head] = {}
        if "question" in team.families:
            refit["question"] = question_head(both, fit, weights=weights)
        if team.families - {"question"}:
            sentence = fit_sentence_heads(both, fit, weights)
            refit.update({t: sentence[t] for t in sentence if t in team.families})
        model, after_scores, step = take_step(remembering(base, team), refit, dev, before, team.rows, team.checks, calibrate, log)
    else:
        model = remembering(base, team)
        after_scores, step = evaluate(model, dev), 0.0
    custom = _custom_arrays(team.custom, custom_encoder)
    meta = dict(model.meta, name=f"{rubric.id}-team", trained_by="callcoach learn", base=base.meta.get("name"),
                learned_corrections=sorted(set(team.correction_ids)), retrained=sorted(team.families), step=step,
                team_trackers=sorted({k.split("|")[0] for k in custom}))
    model = model.with_(meta=dict(meta, dev_scores=after_scores), custom={**base.custom, **custom})
    after = summary_scores(after_scores)
    cb, ca = check_scores(base, team.rows, team.checks), check_scores(model, team.rows, team.checks)
    log("| | " + " | ".join(f"dev F1 {k}" for k in before) + " | corrected sentences as the coach said |")
    log("|---|" + "---|" * (len(before) + 1))
    for name, s, c in (("before", before, cb), ("after", after, ca)):
        log(f"| {name} | " + " | ".join(f"{v:.3f}" for v in s.values()) + f" | {'-' if c is None else f'{c:.0%}'} |")
    name = f"{rubric_file.stem}.tags.json"
    path = model.save(rubric_file.with_name(name))
    set_rubric_model(rubric_file, name)
    log(f"wrote {path} and named it in {rubric_file} (tag_model: {name})")
    return path


def _custom_arrays(custom: dict[str, dict[str, list[str]]], encoder: Any) -> dict[str, np.ndarray]:
    """Corrected sentences of a team's own trackers, as embeddings (the text is not stored)."""
    out: dict[str, np.ndarray] = {}
    for label, sides in sorted(custom.items()):
        for side in ("positive", "negative"):
            if sides[side]:
                out[f"{label}|{side}"] = encoder.encode(sides[side]).astype(np.float32)
    return out


def unlearned(store: Any) -> int:
    """How many of the corrections in a :class:`~callcoach.review.store.ReviewStore` the tag
    model of their call's rubric has not learned (all of them where the rubric has none)."""
    learned: dict[str | None, set[str]] = {}
    count = 0
    for key, ids in store.correction_ids().items():
        try:
            model_path = store.rubric_for(key).tag_model
        except CallcoachError:  # a call whose rubric cannot be read: nothing of it is learned
            model_path = None
        if model_path not in learned:
            model = load_model(model_path) if model_path else None
            learned[model_path] = set(model.meta.get("learned_corrections", ())) if model else set()
        count += sum(1 for i in ids if i not in learned[model_path])
    return count
