"""The trained tag classifier's machinery, without model weights: features, the numpy heads
against their torch twins, saving and loading, thresholds, role gating and determinism."""

from __future__ import annotations

import numpy as np
import pytest

from callcoach.call import Attribution, Call, RoleAssignment, Speaker, Utterance
from callcoach.tagging import tag_call
from callcoach.tagging.base import HashingEncoder
from callcoach.tagging.classifier import RULE_FEATURES, ClassifierStage, Item, TagModel, features, predict
from callcoach.tagging.features import context_rows, ngram_ids, turns_of
from callcoach.tagging.heads import Head, SequenceHead, gru
from callcoach.training.corpus import parse_call
from callcoach.training.data import Dataset, EmbeddingCache, encode_all
from callcoach.training.fit import FitOptions, calibrate, choose_threshold, fit_head, fit_sequence

DIM = 64


class NamedHashing(HashingEncoder):
    """A weightless encoder that a test model can be trained for (models match by info.name)."""

    class info:
        name = "hashing-64"

    def __init__(self) -> None:
        super().__init__(DIM)


CALL = """id: t-01
industry: test
situation: discovery
segment: smb
buyers: 1
outcome: advance
commitment: demo on Tuesday
---
R: How many drivers do you run today? || q=closed spin=situation
C: About forty, give or take. ||
R: What happens when a truck breaks down? || q=open spin=implication
C: Honestly that's way too expensive for us. || obj=price tr=pricing
C: We already use Samsara and it works. || obj=competitor tr=competitor
R: Can we set up a demo on Tuesday at two? || q=closed tr=next_step
C: Tuesday at two works. || tr=next_step
"""


def _dataset(copies: int = 6) -> Dataset:
    ds = Dataset()
    for i in range(copies):
        ds.add_call(parse_call(f"t-{i:02d}.txt", CALL.replace("id: t-01", f"id: t-{i:02d}")))
    encode_all(ds, EmbeddingCache(NamedHashing(), None), None)
    return ds


def test_turns_and_context_follow_speaker_changes():
    items = [Item("R", "rep", "a"), Item("R", "rep", "b"), Item("C", "customer", "c"), Item("R", "rep", "d")]
    assert turns_of(items) == [0, 0, 1, 2]
    # the context of a sentence is the end (up to two sentences) of the turn before its own
    assert context_rows(items) == [(), (), (0, 1), (2,)]


def test_feature_rows_carry_embedding_context_and_rule_cues():
    items = [Item("R", "rep", "What are you using today?"), Item("C", "customer", "That's too expensive.")]
    emb = NamedHashing().encode([i.text for i in items])
    x = features(items, emb, None)
    assert x.dense.shape == (2, 2 * DIM + len(RULE_FEATURES))
    np.testing.assert_allclose(x.dense[1, DIM : 2 * DIM], emb[0])  # the customer reacts to the rep's question
    rules = dict(zip(RULE_FEATURES, x.dense[0, 2 * DIM :]))
    assert rules["qmark"] == 1 and rules["q.is"] == 1 and rules["role.rep"] == 1
    rules = dict(zip(RULE_FEATURES, x.dense[1, 2 * DIM :]))
    assert rules["role.customer"] == 1 and rules["ctx.question"] == 1
    assert len(ngram_ids("too expensive")) == len(set(ngram_ids("too expensive"))) > 0


def test_numpy_sequence_head_matches_its_torch_twin():
    torch = pytest.importorskip("torch")
    from callcoach.training.fit import _SequenceNet

    ds = _dataset(2)
    net = _SequenceNet(ds.x.dense.shape[1], FitOptions(seq_hidden=8, seq_proj=16))
    with torch.no_grad():
        for p in net.parameters():
            p.uniform_(-0.3, 0.3)
    head = net.export()  # rounded to float16 as shipped
    net.load(head)
    net.eval()
    rows = ds.call_rows()[0]
    from callcoach.training.fit import _offsets

    with torch.no_grad():
        out = net(torch.from_numpy(ds.x.dense[rows]), *_offsets(ds.x.ngrams, rows))
    ours = head.proba(ds.x, [rows])
    np.testing.assert_allclose(ours["objection"][rows], torch.softmax(out["objection"], 1).numpy(), atol=1e-5)
    np.testing.assert_allclose(ours["trackers"][rows], torch.sigmoid(out["trackers"]).numpy(), atol=1e-5)


def test_numpy_gru_matches_torch_gru_both_directions():
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    g = torch.nn.GRU(5, 3, batch_first=True, bidirectional=True)
    x = torch.randn(1, 7, 5)
    with torch.no_grad():
        ref = g(x)[0][0].numpy()
    fwd = gru(x[0].numpy(), *(getattr(g, n).detach().numpy() for n in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")), False)
    bwd = gru(x[0].numpy(), *(getattr(g, n + "_reverse").detach().numpy() for n in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")), True)
    np.testing.assert_allclose(np.concatenate([fwd, bwd], 1), ref, atol=1e-5)


def _tiny_model(ds: Dataset) -> TagModel:
    opts = FitOptions(epochs=3, seq_epochs=3, seq_hidden=8, seq_proj=16)
    q = fit_head(ds.x, ds.arrays()["question"], ("none", "open", "closed"), "softmax", opts)
    seq = fit_sequence(ds, opts)
    model = TagModel(NamedHashing.info.name, DIM, {"question": q}, seq, {}, {"fit": opts.to_dict()})
    return model.with_(thresholds=calibrate(model, ds))


def test_training_is_deterministic_and_save_load_round_trips(tmp_path):
    ds = _dataset()
    a, b = _tiny_model(ds), _tiny_model(ds)
    pa, pb = a.probabilities(ds.x, ds.call_rows()), b.probabilities(ds.x, ds.call_rows())
    for task in pa:
        assert np.array_equal(pa[task], pb[task])
    path = a.save(tmp_path / "m.json")
    assert (tmp_path / "m.npz").is_file()
    loaded = TagModel.load(path)
    assert loaded.thresholds == a.thresholds
    pl = loaded.probabilities(ds.x, ds.call_rows())
    for task in pa:
        np.testing.assert_allclose(pl[task], pa[task], atol=1e-6)
    b.save(tmp_path / "m2.json")
    assert (tmp_path / "m.npz").read_bytes() == (tmp_path / "m2.npz").read_bytes()  # byte-identical weights
    assert path.read_bytes() == (tmp_path / "m2.json").read_bytes()


def test_predict_gates_by_side_and_questions():
    ds = _dataset(1)
    seq = SequenceHead(
        {"objection": ("none", "price"), "spin": ("none", "situation"), "trackers": ("pricing",)},
        {"objection": "softmax", "spin": "softmax", "trackers": "sigmoid"},
        {},
    )

    class Always(TagModel):
        def probabilities(self, x, calls=None):
            n = len(x)
            return {"question": np.tile([0.0, 0.0, 1.0], (n, 1)), "objection": np.tile([0.0, 1.0], (n, 1)),
                    "spin": np.tile([0.0, 1.0], (n, 1)), "trackers": np.ones((n, 1))}

    model = Always("h", DIM, {"question": Head(("none", "open", "closed"), "softmax", ())}, seq,
                   {"question": {"question": 0.5}, "objection": {"objection": 0.5}, "spin": {"spin": 0.5},
                    "trackers": {"pricing": 0.5}}, {})
    items = [Item("R", "rep", "a"), Item("C", "customer", "b"), Item("X", "unknown", "c")]
    preds = predict(model, items, ds.x.take(np.arange(3)))
    assert preds[0].objection is None and preds[0].spin == ("situation", 1.0)  # a rep never objects
    assert preds[1].objection == ("price", 1.0) and preds[1].spin is None  # a customer has no SPIN stage
    assert preds[2].objection is not None and preds[2].spin is not None  # unknown side: both allowed
    assert all(p.trackers == (("pricing", 1.0),) for p in preds)


def test_choose_threshold_prefers_precision():
    score = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4])
    gold = np.array([True, True, False, True, False, False])
    t = choose_threshold(score, gold, min_precision=0.9)
    assert t > 0.7 and t <= 0.8  # the two top ones: precision 1.0


def test_classifier_stage_tags_a_call_with_probabilities():
    ds = _dataset()
    model = _tiny_model(ds)
    utts = (Utterance(0, "A", 0.0, 2.0, "How many drivers do you run today?"),
            Utterance(1, "B", 2.0, 4.0, "Honestly that's way too expensive for us."))
    call = Call(id="c", source="t", duration=4.0, channels=1, speakers=(Speaker("A", "rep"), Speaker("B", "customer")),
                utterances=utts, attribution=Attribution("transcript", 2), roles=RoleAssignment("A", "transcript", 1.0))
    tagged = tag_call(call, encoder=NamedHashing(), parser=None, model=model)
    tags = [t for u in tagged.utterances for t in u.tags]
    assert tags and all(t.source == "model" and 0.0 < t.score <= 1.0 for t in tags)
    assert not any(t.label.startswith("objection.") for t in tagged.utterances[0].tags)
    # the stage is the classifier only when the model fits the encoder; the rules otherwise
    plain = tag_call(call, encoder=HashingEncoder(), parser=None, model=model)
    assert all(t.source != "model" for u in plain.utterances for t in u.tags)
    assert ClassifierStage(model).assigns == ("question.", "objection.", "spin.", "tracker.", "outcome.")


class LayeredHashing(NamedHashing):
    """A weightless encoder with "layers": layer k is the hashing embedding rolled by k, so each
    block differs and the first (the last layer) is the embedding itself."""

    def __init__(self) -> None:
        super().__init__()
        self.layer_calls = 0

    def encode_layers(self, texts, layers):
        self.layer_calls += 1
        emb = self.encode(texts)
        return emb, np.concatenate([np.roll(emb, k, axis=1) for k in layers], axis=1)


def test_a_model_reading_encoder_layers_trains_saves_and_tags_through_them(tmp_path):
    from callcoach.tagging.base import TaggingContext, call_sentences, layered

    enc = LayeredHashing()
    ds = Dataset()
    for i in range(6):
        ds.add_call(parse_call(f"t-{i:02d}.txt", CALL.replace("id: t-01", f"id: t-{i:02d}")))
    encode_all(ds, EmbeddingCache(layered(enc, (6, 2)), None), None)
    assert ds.x.dense.shape[1] == 2 * 2 * DIM + len(RULE_FEATURES)  # two layer blocks, for the sentence and its context
    opts = FitOptions(epochs=3, seq_epochs=2, seq_hidden=8, seq_proj=16)
    model = TagModel("hashing-64", 2 * DIM, {"question": fit_head(ds.x, ds.arrays()["question"], ("none", "open", "closed"), "softmax", opts)},
                     fit_sequence(ds, opts), {}, {}, layers=(6, 2))
    model = model.with_(thresholds=calibrate(model, ds))
    assert model.embed_dim == DIM
    loaded = TagModel.load(model.save(tmp_path / "m.json"))
    assert loaded.layers == (6, 2) and loaded.embed_dim == DIM
    utts = (Utterance(0, "A", 0.0, 2.0, "How many drivers do you run today?"),
            Utterance(1, "B", 2.0, 4.0, "Honestly that's way too expensive for us."))
    call = Call(id="c", source="t", duration=4.0, channels=1, speakers=(Speaker("A", "rep"), Speaker("B", "customer")),
                utterances=utts, attribution=Attribution("transcript", 2), roles=RoleAssignment("A", "transcript", 1.0))
    # the stage reads the layers, and the embeddings come from the same encoder pass
    enc.layer_calls = 0
    ctx = TaggingContext(call, call_sentences(call), enc, None)
    x = features([Item(s.speaker, s.role, s.text) for s in ctx.sentences], ctx.layer_features(loaded.layers), None)
    assert enc.layer_calls == 1 and ctx.embeddings.shape == (2, DIM) and enc.layer_calls == 1
    ClassifierStage(loaded).predict(ctx)
    assert enc.layer_calls == 1  # cached per call
    np.testing.assert_allclose(loaded.probabilities(x)["objection"], model.probabilities(x)["objection"], atol=1e-6)
    tagged = tag_call(call, encoder=LayeredHashing(), parser=None, model=loaded)
    assert any(t.source == "model" for u in tagged.utterances for t in u.tags)


def test_a_seed_ensemble_of_sequence_heads_averages_and_round_trips_as_int8(tmp_path):
    from dataclasses import replace

    from callcoach.tagging.heads import int8_round, quantize
    from callcoach.training.fit import fit_sequences

    ds = _dataset()
    opts = FitOptions(epochs=3, seq_epochs=2, seq_hidden=8, seq_proj=16, members=3)
    seq = fit_sequences(ds, opts)
    assert len(seq.more) == 2
    singles = [fit_sequence(ds, replace(opts, seed=opts.seed + m)) for m in range(3)]
    calls = ds.call_rows()
    mean = np.mean([s.proba(ds.x, calls)["objection"] for s in singles], axis=0)
    np.testing.assert_allclose(seq.proba(ds.x, calls)["objection"], mean, atol=1e-6)
    model = TagModel(NamedHashing.info.name, DIM, {}, seq, {"objection": {"objection": 0.5}}, {})
    loaded = TagModel.load(model.save(tmp_path / "m.json"))
    assert len(loaded.sequence.more) == 2
    np.testing.assert_allclose(loaded.sequence.proba(ds.x, calls)["objection"], mean, atol=1e-5)
    with np.load(tmp_path / "m.npz") as z:
        assert z["seq.proj.W"].dtype == np.int8 and z["seq@2.objection.ngram"].dtype == np.int8 and z["seq.gru.fwd.hh"].dtype == np.float16
    a = np.random.RandomState(0).randn(50, 4).astype(np.float32)
    assert np.abs(int8_round(a) - a).max() <= np.abs(a).max(axis=0).max() / 254 + 1e-7
    np.testing.assert_array_equal(quantize(int8_round(a))[0], quantize(a)[0])  # saving a loaded model changes nothing
