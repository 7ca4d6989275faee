"""Example embeddings: computed once per encoder and phrase list, in one batch, and kept on disk
between processes for an encoder that names its weights."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from callcoach.tagging import matcher
from callcoach.tagging.base import HashingEncoder
from callcoach.tagging.matcher import ExampleMatcher, cache_dir, example_embeddings, prepare_examples


class CountingEncoder(HashingEncoder):
    """A weightless encoder that records what it was asked to encode."""

    def __init__(self, cache_key: str | None = "fake-weights-v1") -> None:
        super().__init__()
        self.name = f"counting:{cache_key}"
        if cache_key is not None:
            self.cache_key = cache_key
        self.calls: list[list[str]] = []

    def encode(self, texts):  # type: ignore[override]
        self.calls.append(list(texts))
        return super().encode(texts)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CALLCOACH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(matcher, "_example_cache", {})
    return tmp_path / "cache"


LISTS = [("what does it cost", "is there a discount"), ("who else decides",), ("what does it cost",)]


def test_missing_lists_are_embedded_in_one_batch_and_kept_on_disk(cache: Path) -> None:
    enc = CountingEncoder()
    first = prepare_examples(enc, LISTS)
    assert enc.calls == [["what does it cost", "is there a discount", "who else decides"]]  # one batch, no repeat
    assert [a.shape for a in first] == [(2, 512), (1, 512), (1, 512)]
    assert np.array_equal(first[0][0], first[2][0])  # one phrase, one embedding
    assert len(list((cache / "examples").glob("*.npy"))) == 3
    assert prepare_examples(enc, LISTS) and len(enc.calls) == 1  # memory
    matcher._example_cache.clear()  # a fresh process
    again = prepare_examples(CountingEncoder(), LISTS)
    assert all(np.array_equal(a, b) for a, b in zip(first, again))
    assert not list(cache.glob("examples/.*"))  # no temporary file left behind


def test_other_weights_or_phrases_miss_the_cache(cache: Path) -> None:
    prepare_examples(CountingEncoder("v1"), LISTS[:1])
    matcher._example_cache.clear()
    other = CountingEncoder("v2")
    prepare_examples(other, LISTS[:1])
    assert other.calls == [list(LISTS[0])]
    more = CountingEncoder("v1")
    prepare_examples(more, [(*LISTS[0], "one more phrase")])
    assert more.calls == [[*LISTS[0], "one more phrase"]]


def test_an_encoder_without_a_cache_key_writes_nothing(cache: Path) -> None:
    enc = CountingEncoder(cache_key=None)
    example_embeddings(enc, LISTS[0])
    assert not cache.exists()


def test_a_broken_or_unwritable_cache_is_skipped(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    enc = CountingEncoder()
    expected = example_embeddings(enc, LISTS[0])
    for f in (cache / "examples").glob("*.npy"):
        f.write_bytes(b"not an array")
    matcher._example_cache.clear()
    enc2 = CountingEncoder()
    assert np.array_equal(example_embeddings(enc2, LISTS[0]), expected) and len(enc2.calls) == 1
    blocker = cache.parent / "file"
    blocker.write_text("x")
    monkeypatch.setenv("CALLCOACH_CACHE_DIR", str(blocker))  # a file, not a folder
    matcher._example_cache.clear()
    assert np.array_equal(example_embeddings(CountingEncoder(), LISTS[0]), expected)


def test_cache_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CALLCOACH_CACHE_DIR", str(tmp_path / "x"))
    assert cache_dir() == tmp_path / "x"
    monkeypatch.delenv("CALLCOACH_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "callcoach"


def test_matcher_scores_use_the_prepared_examples(cache: Path) -> None:
    enc = CountingEncoder()
    m = ExampleMatcher.for_prefix({"spin.problem": ["what is hard about it"], "spin.situation": ["how many reps"], "x": ["y"]},
                                  "spin.", enc)
    scores = m.scores(enc.encode(["how many reps do you have"]))
    assert m.labels == ("spin.problem", "spin.situation") and scores.shape == (1, 2)
    assert scores[0, 1] > scores[0, 0]
    assert enc.calls[-1] == ["what is hard about it", "how many reps"]  # both labels in one batch
