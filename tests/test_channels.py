from __future__ import annotations

import numpy as np

from callcoach.call import Word
from callcoach.speakers.channels import FRAME, apply_mask, drop_bleed_words, gate_masks
from tests.conftest import voice

SR = 16_000


def two_party(bleed_db: float = -35.0) -> np.ndarray:
    x = np.zeros((2, 4 * SR), dtype=np.float32)
    x[0, : 2 * SR] = voice(2.0, 140)
    x[1, 2 * SR :] = voice(2.0, 210)
    noise = np.random.default_rng(0).normal(scale=10 ** (-65 / 20), size=x.shape).astype(np.float32)
    return x + 10 ** (bleed_db / 20) * x[::-1] + noise


def test_gate_keeps_each_party_on_its_channel_and_drops_bleed() -> None:
    masks = gate_masks(two_party())
    frames_per_s = SR // FRAME
    left, right = masks
    assert left[5 : 2 * frames_per_s - 20].all()  # left speaks in the first 2 s
    assert not left[2 * frames_per_s + 20 :].any()  # its bleed of the right party is gated
    assert right[2 * frames_per_s + 20 : -5].all()
    assert not right[5 : 2 * frames_per_s - 20].any()


def test_gate_keeps_real_overlap_on_both_channels() -> None:
    x = np.zeros((2, 2 * SR), dtype=np.float32)
    x[0] = voice(2.0, 140)
    x[1] = 0.5 * voice(2.0, 210)
    masks = gate_masks(x + 10 ** (-65 / 20))
    assert masks[0].mean() > 0.95 and masks[1].mean() > 0.95


def test_apply_mask_silences_outside_the_mask() -> None:
    ch = np.ones(10 * FRAME, dtype=np.float32)
    mask = np.array([True] * 5 + [False] * 5)
    out = apply_mask(ch, mask)
    assert out[FRAME : 4 * FRAME].min() > 0.99
    assert np.abs(out[6 * FRAME :]).max() == 0.0


def test_words_in_bleed_are_dropped() -> None:
    x = two_party()
    words = [Word(0.5, 1.0, "mine"), Word(2.5, 3.0, "bleed")]
    kept = drop_bleed_words(words, 0, x)
    assert [w.text for w in kept] == ["mine"]
    assert [w.text for w in drop_bleed_words(words, 1, x)] == ["bleed"]


def test_gate_of_a_clip_shorter_than_the_hangover() -> None:
    """Issue 14: a stereo clip under 0.5 s (25 frames, the hangover's kernel) crashed the gate."""
    for seconds in (0.1, 0.3, 0.48, 0.5, 0.52):
        x = two_party()[:, : int(seconds * SR)]
        masks = gate_masks(x)
        assert masks.shape == (2, x.shape[1] // FRAME)
        assert masks[0].all() and not masks[1].any()  # the left party talks, the right is bleed
