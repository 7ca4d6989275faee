"""A synthesized stereo call in which the customer reads out a card number (with its expiry date
and security code), a phone number and an e-mail address: the seeded personal data of the redaction tests.

Voices and channel layout are those of ``samples/make_demo_call.py`` (espeak-ng, rep on the
left, customer on the right, faint bleed and line noise), whose helpers render each turn.
"""

from __future__ import annotations

import importlib.util
import shutil
import tempfile
from pathlib import Path
from types import ModuleType

import numpy as np

REPO = Path(__file__).resolve().parents[1]

#: The values seeded into the call (the card passes the Luhn check; its expiry and security code
#: are read out after it).
CARD = "4242424242424242"
EXPIRY, CODE = "0928", "737"
PHONE = "4155550134"
EMAIL = "jordan.baker@greenfield.com"

# (speaker, pause before the turn in seconds, text as espeak-ng reads it)
SCRIPT: list[tuple[str, float, str]] = [
    ("rep", 0.0, "Thanks for signing up today. What email should the invoice go to?"),
    ("customer", 0.6, "It's jordan dot baker at greenfield dot com."),
    ("rep", 0.5, "Thank you. And a phone number where we can reach you?"),
    ("customer", 0.6, "Sure, my number is four one five, five five five, zero one three four."),
    ("rep", 0.5, "Great. Can I take the card number for the deposit?"),
    ("customer", 0.6, "Yes. It is four two four two, four two four two, four two four two, four two four two. "
                      "It expires oh nine twenty eight, and the security code is seven three seven."),
    ("rep", 0.5, "Perfect. The plan is two thousand dollars a year for twenty people."),
    ("customer", 0.6, "That works for us."),
]
#: Which customer turn (index into SCRIPT) holds which kind of data.
TURN_OF = {"email": 1, "phone": 3, "card": 5}


def demo_module() -> ModuleType:
    """``samples/make_demo_call.py`` imported as a module (for its voices and helpers)."""
    spec = importlib.util.spec_from_file_location("make_demo_call", REPO / "samples" / "make_demo_call.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def espeak_available() -> bool:
    return shutil.which("espeak-ng") is not None


def synthesize(path: Path, script: list[tuple[str, float, str]] = SCRIPT) -> list[tuple[str, float, float]]:
    """Write the call (``script``: by default :data:`SCRIPT`) to ``path`` (stereo 16 kHz FLAC) and
    return each turn's (speaker, start, end) in seconds."""
    import soundfile as sf

    demo = demo_module()
    rate = demo.RATE
    with tempfile.TemporaryDirectory(prefix="pii-call-") as d:
        rendered = [(spk, pause, demo._render(spk, text, Path(d))) for spk, pause, text in script]
    t = demo.LEAD_IN_S
    placed: list[tuple[str, int, np.ndarray]] = []
    for i, (spk, pause, audio) in enumerate(rendered):
        start = int(round((t + (pause if i else 0.0)) * rate))
        placed.append((spk, start, audio))
        t = (start + len(audio)) / rate
    total = int(round((t + demo.TAIL_S) * rate))
    mix = np.zeros((total, 2))
    for spk, start, audio in placed:
        mix[start : start + len(audio), demo.CHANNEL[spk]] += audio
    delay = int(round(demo.BLEED_DELAY_S * rate))
    bleed = 10 ** (demo.BLEED_DB / 20) * mix[:-delay, ::-1]
    mix[delay:] += bleed
    rng = np.random.default_rng(demo.SEED)
    for c in range(2):
        mix[:, c] += 10 ** (demo.NOISE_DBFS / 20) * demo._noise(total, rng)
    mix *= 10 ** (demo.PEAK_DBFS / 20) / np.max(np.abs(mix))
    sf.write(path, mix, rate, format="FLAC", subtype="PCM_16")
    return [(spk, start / rate, (start + len(audio)) / rate) for spk, start, audio in placed]
