"""Shared fixtures. Fast tests need no model weights; slow ones skip where data is absent."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


def shared(path: str) -> Path:
    """A file under ../shared/data, or skip the test with a reason."""
    p = SHARED_DATA / path
    if not p.exists():
        pytest.skip(f"../shared/data/{path} not present (evaluation data lives beside the repo)")
    return p


def voice(seconds: float, f0: float, sr: int = 16_000, level: float = 0.3, seed: int = 0) -> np.ndarray:
    """A voice-like signal: harmonics of ``f0`` with a syllable-rate envelope."""
    t = np.arange(int(seconds * sr)) / sr
    rng = np.random.default_rng(seed)
    sig = sum(np.sin(2 * np.pi * f0 * k * t + rng.uniform(0, 6)) / k for k in range(1, 8))
    env = 0.6 + 0.4 * np.sin(2 * np.pi * 4 * t) ** 2
    out = sig * env
    return (level * out / np.max(np.abs(out))).astype(np.float32)


@pytest.fixture
def stereo_call(tmp_path: Path) -> Path:
    """A 6 s stereo call: left talks 0.5-2.0 s and 4.0-5.0 s, right 2.5-3.5 s (bleed -35 dB)."""
    import soundfile as sf

    sr = 16_000
    x = np.zeros((2, 6 * sr), dtype=np.float32)
    for ch, (a, b) in ((0, (0.5, 2.0)), (1, (2.5, 3.5)), (0, (4.0, 5.0))):
        seg = voice(b - a, 140 if ch == 0 else 210, seed=ch)
        x[ch, int(a * sr) : int(a * sr) + len(seg)] += seg
    bleed = 10 ** (-35 / 20)
    y = x + bleed * x[::-1]
    path = tmp_path / "call.wav"
    sf.write(path, y.T, sr)
    return path


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Example embeddings cached by the real encoder go to a folder of the test run, never to
    the user's ~/.cache (child processes inherit it)."""
    old = os.environ.get("CALLCOACH_CACHE_DIR")
    os.environ["CALLCOACH_CACHE_DIR"] = str(tmp_path_factory.mktemp("callcoach-cache"))
    yield
    if old is None:
        os.environ.pop("CALLCOACH_CACHE_DIR", None)
    else:
        os.environ["CALLCOACH_CACHE_DIR"] = old


@pytest.fixture(autouse=True)
def _no_language_models_in_fast_tests(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fast tests never load spaCy or MiniLM weights: tagging gets a weightless encoder."""
    if request.node.get_closest_marker("slow"):
        return
    from callcoach.pipeline import NlpModels
    from callcoach.tagging.base import HashingEncoder

    monkeypatch.setattr("callcoach.pipeline.default_nlp", lambda opts: NlpModels(HashingEncoder(), None))


@pytest.fixture
def mono_call(tmp_path: Path) -> Path:
    """A 6 s mono FLAC: two voice-like signals (140 Hz, then 210 Hz) with pauses around them."""
    import soundfile as sf

    sr = 16_000
    x = np.zeros(6 * sr, dtype=np.float32)
    x[int(0.5 * sr) : int(2.5 * sr)] = voice(2.0, 140)
    x[int(3.0 * sr) : int(5.0 * sr)] = voice(2.0, 210)
    path = tmp_path / "mono.flac"
    sf.write(path, x, sr)
    return path


def import_script(name: str, path: Path) -> ModuleType:
    """A script outside the package (``data/redaction-eval/make.py`` ...) imported as module
    ``name``, once; registered in ``sys.modules`` because its dataclasses need it."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
