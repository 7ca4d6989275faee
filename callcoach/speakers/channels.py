"""Stereo calls: one party per channel, so the channel is the speaker.

Dialer recordings leak each party faintly into the other channel (bleed). Before recognition,
each channel is gated: a 20 ms frame is kept only where that channel is clearly active (above
its own noise floor) and not far below the other channel, so bleed and line noise become
silence that the VAD skips. After recognition, any word whose energy on its channel is still
far below the other channel's is dropped as bleed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from callcoach.audio import SAMPLE_RATE, frame_energy_db
from callcoach.call import Word

FRAME = 320  # 20 ms at 16 kHz
CHANNEL_NAMES = ("left", "right")


@dataclass(frozen=True, slots=True)
class GateOptions:
    """Bleed gate settings.

    Attributes:
        bleed_db: a frame this many dB below the other channel is bleed.
        floor_db: a frame must be this many dB above the channel's noise floor to count.
        hangover: seconds kept on either side of an active stretch, so word edges survive.
    """

    bleed_db: float = 15.0
    floor_db: float = 9.0
    hangover: float = 0.25


def channel_name(index: int) -> str:
    return CHANNEL_NAMES[index] if index < len(CHANNEL_NAMES) else f"ch{index}"


def gate_masks(samples: np.ndarray, options: GateOptions | None = None) -> np.ndarray:
    """Boolean masks (channels, frames): where each channel carries its own speaker."""
    opts = options or GateOptions()
    energies = np.stack([frame_energy_db(ch, FRAME) for ch in samples])
    # The noise floor is the quietest tenth of frames, but never within 35 dB of the loud
    # frames: a channel that carries speech throughout has no quiet tenth.
    floors = np.minimum(
        np.percentile(energies, 10, axis=1, keepdims=True),
        np.percentile(energies, 99, axis=1, keepdims=True) - 35.0,
    )
    masks = np.zeros_like(energies, dtype=bool)
    for c in range(len(samples)):
        other = np.max(np.delete(energies, c, axis=0), axis=0) if len(samples) > 1 else np.full(energies.shape[1], -120.0)
        active = energies[c] > floors[c] + opts.floor_db
        not_bleed = energies[c] > other - opts.bleed_db
        masks[c] = _dilate(active & not_bleed, int(round(opts.hangover * SAMPLE_RATE / FRAME)))
    return masks


def _dilate(mask: np.ndarray, n: int) -> np.ndarray:
    if n <= 0 or not mask.any():
        return mask
    kernel = np.ones(2 * n + 1)
    # Not mode="same": that returns the longer of the two, the kernel on a clip under 0.5 s.
    return np.convolve(mask.astype(float), kernel)[n : n + len(mask)] > 0


def apply_mask(channel: np.ndarray, mask: np.ndarray, block: int = 1_000_000) -> np.ndarray:
    """Silence a channel outside its mask, with 10 ms ramps so no clicks reach the recogniser.

    Works ``block`` samples at a time, so a long call holds only the gated copy.
    """
    n = len(channel)
    out = np.empty(n, dtype=np.float32)
    ramp = np.ones(FRAME // 2, dtype=np.float32) / (FRAME // 2)
    margin = FRAME  # wider than the ramp: each block's edges are exact
    padded = np.append(mask, False)  # samples past the mask's last frame are silenced
    for a in range(0, n, block):
        b = min(n, a + block)
        lo, hi = max(0, a - margin), min(n, b + margin)
        frames = np.arange(lo, hi) // FRAME
        gain = padded[np.minimum(frames, len(mask))].astype(np.float32)
        gain = np.convolve(gain, ramp, mode="same")[a - lo : a - lo + (b - a)]
        out[a:b] = channel[a:b] * gain
    return out


def drop_bleed_words(words: list[Word], channel: int, samples: np.ndarray, bleed_db: float = 15.0) -> list[Word]:
    """Remove words whose energy on ``channel`` is ``bleed_db`` below another channel's."""
    if samples.shape[0] < 2:
        return words
    kept = []
    for w in words:
        a, b = int(w.start * SAMPLE_RATE), max(int(w.end * SAMPLE_RATE), int(w.start * SAMPLE_RATE) + 1)
        seg = samples[:, a:b].astype(np.float64)
        if seg.shape[1] == 0:
            kept.append(w)
            continue
        power = 10 * np.log10(np.mean(seg**2, axis=1) + 1e-12)
        if power[channel] >= np.max(np.delete(power, channel)) - bleed_db:
            kept.append(w)
    return kept
