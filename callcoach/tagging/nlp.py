"""The default models behind the tagging seams: spaCy for parses, MiniLM for embeddings.

Both load once per process (:func:`callcoach.models.cached`) and run in batches over all
sentences of a call. Heavy imports happen here, inside the loaders, never at import time.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from callcoach.call import ModelInfo
from callcoach.models import cached, resolve_embeddings, resolve_nlp
from callcoach.tagging.base import Token


class SpacyParser:
    """spaCy ``en_core_web_sm`` (tagger, parser, lemmatizer; NER off) as a :class:`Parser`."""

    def __init__(self, model: str | None = None) -> None:
        resolved = resolve_nlp(model)
        self.info = ModelInfo("nlp", f"spacy/{resolved.name}", resolved.version, resolved.source)
        self._nlp = cached(("nlp", str(resolved.path)), lambda: _load_spacy(str(resolved.path)))

    def parse(self, texts: Sequence[str]) -> list[list[Token]]:
        out: list[list[Token]] = []
        for doc in self._nlp.pipe(texts, batch_size=128):
            out.append(
                [Token(t.text, t.lower_, t.lemma_.lower(), t.pos_, t.tag_, t.dep_, t.head.i) for t in doc]
            )
        return out


def _load_spacy(path: str) -> object:
    import spacy

    return spacy.load(path, exclude=["ner"])


class MiniLMEncoder:
    """all-MiniLM-L6-v2 through transformers + torch: mean pooling, L2 normalisation."""

    def __init__(self, model: str | None = None, device: str = "cpu", threads: int = 0) -> None:
        resolved = resolve_embeddings(model)
        self.name = f"minilm:{resolved.path}"
        self.info = ModelInfo("embeddings", resolved.name, resolved.version, resolved.source)
        self.device = "cuda" if device == "cuda" else "cpu"
        self.threads = threads
        self._tok, self._model = cached(("embeddings", str(resolved.path), self.device), lambda: _load_minilm(str(resolved.path), self.device))

    def encode(self, texts: Sequence[str], batch: int = 128) -> np.ndarray:
        import torch

        if self.threads > 0:
            torch.set_num_threads(self.threads)
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        # Sorting by length keeps padding (wasted compute) small within each batch.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), 384), dtype=np.float32)
        with torch.inference_mode():
            for i in range(0, len(order), batch):
                ids = order[i : i + batch]
                enc = self._tok([texts[j] for j in ids], padding=True, truncation=True, max_length=128, return_tensors="pt")
                enc = {k: v.to(self.device) for k, v in enc.items()}
                hidden = self._model(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp_min(1e-9)
                pooled = torch.nn.functional.normalize(pooled, dim=1)
                out[ids] = pooled.cpu().numpy()
        return out


def _load_minilm(path: str, device: str) -> tuple[object, object]:
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    tok = AutoTokenizer.from_pretrained(path, local_files_only=True)
    model = AutoModel.from_pretrained(path, local_files_only=True).eval().to(device)
    return tok, model
