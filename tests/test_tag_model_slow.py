"""The shipped tag model on real dialogue it never saw: the sales demo's reference transcript
(BSD-3-Clause, ../shared/data), and the model file itself (slow: MiniLM and spaCy)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.tags import DEMO_EXPECTED, labels_at, sales_demo_call
from callcoach.call import Call

pytestmark = pytest.mark.slow
DEMO = Path(__file__).resolve().parents[2] / "shared" / "data" / "audio" / "sales-demo" / "demo.json"


@pytest.fixture(scope="module")
def demo_call() -> Call:
    if not DEMO.is_file():
        pytest.skip(f"{DEMO} is absent (../shared/data is not beside this checkout)")
    from callcoach.pipeline import AnalyzeOptions, default_nlp

    nlp = default_nlp(AnalyzeOptions(threads=2))
    return sales_demo_call(DEMO, nlp.encoder, nlp.parser)


def test_sales_demo_moments_a_coach_expects(demo_call: Call):
    """Most of them; the misses are reported by ``python -m bench.tags`` (sales-demo rows)."""
    hits = [label in labels_at(demo_call, fragment) for fragment, label in DEMO_EXPECTED]
    assert sum(hits) >= 3, list(zip(DEMO_EXPECTED, hits))


def test_sales_demo_praise_is_not_an_objection_and_every_tag_has_a_probability(demo_call: Call):
    assert not any(lab.startswith("objection.") for lab in labels_at(demo_call, "Oh, that sounds great"))
    tags = [t for u in demo_call.utterances for t in u.tags]
    assert tags and all(t.source == "model" and 0.0 < t.score <= 1.0 for t in tags)
    assert sum(t.label.startswith("outcome.") for t in tags) == 1


def test_the_shipped_model_says_what_trained_it():
    from callcoach.tagging.classifier import shipped_model_path

    meta = json.loads(shipped_model_path().read_text())
    assert meta["trained_by"] == "python -m callcoach.training.train"
    assert len(meta["corpus_sha256"]["train"]) == 64 and meta["fit"]["seed"] == 13
    assert meta["dev_scores"]["written"]["question"]["f1"] > 0.9
    size = shipped_model_path().with_suffix(".npz").stat().st_size
    assert size < 5_000_000  # a few MB at most (4.8 MB: three sequence heads over three encoder layers)
