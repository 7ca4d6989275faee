"""Teams' own tags: trackers learned from a rubric's positive and negative examples, and
`callcoach learn` folding coaches' corrections into a team model (fast: a weightless encoder,
a tiny corpus and a tiny base model; the slow test runs the real models)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from callcoach.output import write_analysis
from callcoach.review.corrections import new_correction
from callcoach.review.store import ReviewStore
from callcoach.rubric import RubricError, builtin_rubrics, parse_rubric
from callcoach.tagging.base import HashingEncoder, TaggingContext, call_sentences
from callcoach.tagging.classifier import Item, features, load_model, predict
from callcoach.tagging.learned import LearnedTrackerStage, fit_tracker
from callcoach.training.corpus import corpus_dir
from callcoach.training.data import split_of
from callcoach.training.learn import learn, unlearned
from tests.test_classifier import DIM, NamedHashing, _tiny_model
from tests.test_review_core import make_call

SECURITY = ["Is our data encrypted at rest?", "Where are your servers and who can access our data?", "Do you have SOC 2 Type II?"]
NOT_SECURITY = ["Is the price per seat or per site?", "Who else is on your team?"]


def test_a_tracker_learns_from_positive_and_negative_examples():
    enc = HashingEncoder(DIM)
    background = enc.encode(["We have forty drivers across three sites.", "Tuesday at two works for me.",
                             "That sounds good, send it over.", "What does onboarding look like?"])
    pos, neg = enc.encode(SECURITY), enc.encode(NOT_SECURITY)
    tr = fit_tracker("tracker.security", pos, neg, background)
    p = tr.proba(enc.encode(["Is our data encrypted?", "Is the price per seat?", "Tuesday at two works."]))
    assert p[0] > 0.5 > p[1] and p[2] < 0.5
    without_negatives = fit_tracker("tracker.security", pos, neg[:0], background)
    assert without_negatives.proba(enc.encode(["Is the price per seat?"]))[0] > p[1]  # the negatives pushed it down


def test_learned_tracker_stage_tags_only_the_teams_own_trackers():
    from callcoach.call import Attribution, Call, RoleAssignment, Speaker, Utterance

    enc = HashingEncoder(DIM)
    utts = (Utterance(0, "C", 0, 1, "Is our data encrypted?"), Utterance(1, "C", 1, 2, "Is the price per seat?"))
    call = Call(id="c", source="t", duration=2.0, channels=1, speakers=(Speaker("C", "customer"),), utterances=utts,
                attribution=Attribution("transcript", 1), roles=RoleAssignment(None, "transcript", 0.0))
    ctx = TaggingContext(call, call_sentences(call), enc, None)
    stage = LearnedTrackerStage({"tracker.security": SECURITY, "tracker.pricing": ["what does it cost"]},
                                {"tracker.security": NOT_SECURITY}, enc.encode(["Tuesday works.", "We have forty drivers."]),
                                skip=["tracker.pricing"])
    tags = stage.predict(ctx)
    assert [(t.label, t.utterance_id) for t in tags] == [("tracker.security", 0)]
    assert 0.5 <= tags[0].score <= 1.0 and tags[0].source == "examples"


def test_rubric_negative_examples_are_validated(tmp_path):
    src = builtin_rubrics()["discovery"].read_text()
    bad = tmp_path / "bad.yaml"
    bad.write_text(src + "\nnegative_examples:\n  tracker.security: ['']\n")
    with pytest.raises(RubricError, match="non-empty phrase"):
        parse_rubric(bad)
    missing = tmp_path / "missing.yaml"
    missing.write_text(src + "\ntag_model: nowhere.tags.json\n")
    with pytest.raises(RubricError, match=r"\[tag_model\].*run `callcoach learn` again"):
        parse_rubric(missing)


@pytest.fixture()
def tiny_team(tmp_path):
    """A tiny corpus (12 train and 4 dev calls of the real one), a tiny base model for the
    weightless encoder, a team rubric naming it, and a results folder with one stored call."""
    corpus = tmp_path / "corpus" / "calls"
    corpus.mkdir(parents=True)
    files = sorted((corpus_dir() / "calls").glob("*.txt"))
    train = [f for f in files if split_of(f.stem) == "train"][:12]
    dev = [f for f in files if split_of(f.stem) == "dev"][:4]
    for f in train + dev:
        shutil.copy(f, corpus / f.name)
    from callcoach.training.corpus import load_corpus
    from callcoach.training.data import EmbeddingCache, encode_all
    from callcoach.training.train import build

    docs = load_corpus(corpus.parent)
    ds = build([d for d in docs if split_of(d.id) == "train"], True)
    encode_all(ds, EmbeddingCache(NamedHashing(), None), None)
    base = _tiny_model(ds).with_(background=NamedHashing().encode(["Tuesday works.", "We have forty drivers."]))
    base.save(tmp_path / "base.tags.json")
    rubric = tmp_path / "team.yaml"
    rubric.write_text(builtin_rubrics()["discovery"].read_text() + "\ntag_model: base.tags.json\n")
    results = tmp_path / "results"
    write_analysis(make_call().with_(id="call1", source="call1.wav"), results / "alice")
    return tmp_path, corpus.parent, rubric, results


def test_learn_folds_corrections_into_a_team_model_named_by_the_rubric(tiny_team):
    root, corpus, rubric, results = tiny_team
    store = ReviewStore(results)
    fix = store.add_correction("alice/call1", new_correction(
        "change_tag", author="kim", utterance_ids=[5], label="objection.price", new_label="objection.timing")).applied[-1]
    store.add_correction("alice/call1", new_correction("add_tag", author="kim", utterance_ids=[1], label="tracker.security"))
    store.close()
    corrections = ReviewStore(results).state("alice/call1").corrections
    assert unlearned(ReviewStore(results)) == 2
    assert "2 corrections not yet learned" in _queue(results)
    lines: list[str] = []
    path = learn(results, rubric, encoder=NamedHashing(), parser=None, corpus=corpus, cache=None, log=lines.append)
    assert path == root / "team.tags.json" and (root / "team.tags.npz").is_file()
    team = parse_rubric(rubric)
    assert team.tag_model == str(path)  # the rubric names the new model
    model = load_model(team.tag_model)
    assert set(model.meta["learned_corrections"]) == {c.id for c in corrections}
    assert unlearned(ReviewStore(results, rubric=rubric)) == 0
    assert "not yet learned" not in _queue(results, rubric)
    # objection from the correction; spin and trackers from the rubric's examples for spin.* and tracker.next_step
    assert model.meta["retrained"] == ["objection", "spin", "trackers"] and model.meta["team_trackers"] == ["tracker.security"]
    assert any(line.startswith("| before |") for line in lines) and any(line.startswith("| after |") for line in lines)
    # the corrected sentence, in its call, now tags as the coach said
    call = ReviewStore(results).rescored("alice/call1").call
    sents = call_sentences(call)
    items = [Item(s.speaker, s.role, s.text) for s in sents]
    preds = predict(model, items, features(items, NamedHashing().encode([i.text for i in items]), None))
    row = next(i for i, s in enumerate(sents) if s.utterance_id == fix.utterance_ids[0])
    assert preds[row].objection is not None and preds[row].objection[0] == "timing"
    assert model.custom["tracker.security|positive"].shape == (1, DIM)  # as an embedding, not text


def _queue(results: Path, rubric: Path | None = None) -> str:
    """The review queue page's text (under ``rubric``, else each call's own)."""
    from starlette.testclient import TestClient

    from callcoach.review.app import create_app

    app = create_app(ReviewStore(results, rubric=rubric), coach="dana")
    return TestClient(app, base_url="http://127.0.0.1").get("/").text


def test_learn_refuses_a_missing_folder_or_rubric(tmp_path, tiny_team):
    from callcoach.errors import CallcoachError

    _, corpus, rubric, results = tiny_team
    with pytest.raises(CallcoachError, match="not a folder"):
        learn(tmp_path / "nope", rubric, encoder=NamedHashing(), corpus=corpus)
    with pytest.raises(CallcoachError, match="no such rubric file"):
        learn(results, tmp_path / "nope.yaml", encoder=NamedHashing(), corpus=corpus)


def test_learn_steps_back_from_a_refit_that_costs_dev_f1(monkeypatch):
    """A full refit whose dev F1 falls too far is not taken whole: learn moves part of the way
    from the base heads (a blend of the weights) to the longest step that keeps dev and the
    corrections."""
    import numpy as np

    import callcoach.training.evaluate as ev
    import callcoach.training.learn as lrn
    from callcoach.tagging.heads import Head, TagModel

    base_head = Head(("none", "price"), "softmax", (np.zeros((2, 2), np.float32), np.zeros(2, np.float32)), np.zeros((4, 2), np.float32))
    new_head = Head(("none", "price"), "softmax", (np.ones((2, 2), np.float32), np.ones(2, np.float32)), np.ones((4, 2), np.float32))
    half_way = lrn.blend(base_head, new_head, 0.5)
    assert np.allclose(half_way.weights[0], 0.5) and np.allclose(half_way.ngram, 0.5)
    assert lrn.blend(base_head, new_head, 1.0) is new_head
    base = TagModel("enc", 2, {"objection": base_head}, None, {"objection": {"objection": 0.5}}, {})

    def how_far(model: TagModel) -> float:
        return float(model.heads["objection"].weights[1][0])  # the step taken, read back from the blend

    # dev F1 falls 0.025 per unit of step; the corrections hold from a step of 0.5 on
    monkeypatch.setattr(ev, "evaluate", lambda model, dev: {"step": how_far(model)})
    monkeypatch.setattr(lrn, "summary_scores", lambda s: {"objection": 0.60 - 0.025 * s["step"]})
    monkeypatch.setattr(lrn, "check_scores", lambda model, rows, checks: 1.0 if how_far(model) >= 0.5 else 0.0)
    lines: list[str] = []
    model, _, step = lrn.take_step(base, {"objection": new_head}, None, {"objection": 0.60}, None, [(0, "objection", 1)],
                                   lambda m, d: {"objection": {"objection": 0.4}}, lines.append)
    assert step == 0.5 and how_far(model) == 0.5 and model.thresholds["objection"] == {"objection": 0.4}
    assert len(lines) == 3 and "-0.019" in lines[1]  # 1.0 and 0.75 lose more than MAX_DEV_LOSS
    # where no step keeps dev, the one that loses least
    monkeypatch.setattr(lrn, "summary_scores", lambda s: {"objection": 0.50})
    _, _, step = lrn.take_step(base, {"objection": new_head}, None, {"objection": 0.60}, None, [],
                                   lambda m, d: {"objection": {"objection": 0.4}}, lines.append)
    assert step == 1.0  # all lose alike: the longest


def test_a_team_model_remembers_the_sentences_its_coaches_corrected(tmp_path):
    """Corrected sentences and near paraphrases (cosine >= MEMORY_SIMILARITY) take the coach's
    label whatever the heads say; other sentences keep the heads' probabilities; the memory
    survives save and load."""
    import numpy as np

    from callcoach.tagging.classifier import OBJECTION_TYPES, TagModel
    from callcoach.tagging.heads import MEMORY_SIMILARITY
    from tests.test_classifier import _dataset

    ds = _dataset(2)
    base = _tiny_model(ds)
    price = 1 + OBJECTION_TYPES.index("price")
    emb = ds.x.dense[:, : base.embed_dim]
    model = base.with_(memory={"objection": emb[3:4].copy(), "trackers": emb[5:6].copy()},
                       meta=dict(base.meta, memory={"objection": [price], "trackers": [{"next_step": 1, "pricing": 0}]}))
    before, after = base.probabilities(ds.x, ds.call_rows()), model.probabilities(ds.x, ds.call_rows())
    unit = emb / np.linalg.norm(emb, axis=1, keepdims=True)
    near = unit @ unit[3] >= MEMORY_SIMILARITY
    assert near[3] and near[3 + len(ds.items) // 2]  # the sentence itself, and its copy in the second call
    assert np.array_equal(after["objection"][near], np.eye(len(OBJECTION_TYPES) + 1)[[price] * int(near.sum())])
    np.testing.assert_array_equal(after["objection"][~near], before["objection"][~near])
    classes = model.classes("trackers")
    near5 = unit @ unit[5] >= MEMORY_SIMILARITY
    assert (after["trackers"][near5, classes.index("next_step")] == 1.0).all()
    assert (after["trackers"][near5, classes.index("pricing")] == 0.0).all()
    other = [j for j, c in enumerate(classes) if c not in ("next_step", "pricing")]
    np.testing.assert_array_equal(after["trackers"][:, other], before["trackers"][:, other])
    loaded = TagModel.load(model.save(tmp_path / "team.tags.json"))
    again = loaded.probabilities(ds.x, ds.call_rows())
    assert np.array_equal(again["objection"][near], after["objection"][near])
