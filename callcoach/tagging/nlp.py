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
    """all-MiniLM-L6-v2 (or another sentence encoder): mean pooling, L2 normalisation.

    A plain BERT checkpoint with a ``tokenizer.json`` and ``model.safetensors`` (the bundled
    MiniLM is one) runs through :class:`_TorchBert`: its Hugging Face tokenizer and a torch
    forward pass written out here, equal to transformers' ``BertModel`` (3e-7 on the bundled
    MiniLM; tests hold it to 1e-5) and loaded in 0.03 s instead of the 2 CPU-seconds that importing transformers'
    modelling code costs, which ran beside the recogniser and slowed it. Any other model goes
    through transformers' ``AutoModel``.
    """

    def __init__(self, model: str | None = None, device: str = "cpu", threads: int = 0) -> None:
        resolved = resolve_embeddings(model)
        self.name = f"minilm:{resolved.path}"
        self.info = ModelInfo("embeddings", resolved.name, resolved.version, resolved.source)
        # names the weights for the on-disk cache of example embeddings (callcoach.tagging.matcher)
        self.cache_key = f"{self.name}|{resolved.version}|{_weights_stamp(resolved.path)}"
        self.device = "cuda" if device == "cuda" else "cpu"
        self.threads = threads
        self._forward = cached(("embeddings", str(resolved.path), self.device), lambda: _load_encoder(str(resolved.path), self.device))

    def encode(self, texts: Sequence[str], batch: int = 128) -> np.ndarray:
        import torch

        if self.threads > 0:
            torch.set_num_threads(self.threads)
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        # Sorting by length keeps padding (wasted compute) small within each batch.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out: np.ndarray | None = None
        with torch.inference_mode():
            for i in range(0, len(order), batch):
                ids = order[i : i + batch]
                pooled, _ = self._forward([texts[j] for j in ids], ())
                if out is None:
                    out = np.zeros((len(texts), pooled.shape[1]), dtype=np.float32)
                out[ids] = pooled
        assert out is not None
        return out

    def encode_layers(self, texts: Sequence[str], layers: Sequence[int], batch: int = 128) -> tuple[np.ndarray, np.ndarray]:
        """The sentence embeddings (as :meth:`encode`) and, from the same forward pass, the
        L2-normalised mean-pooled hidden states of ``layers`` side by side (0 = the embedding
        layer's output, the last = the sentence embedding itself). The tag model reads the
        lower layers too: they keep the wording ("too", "already", "can't") that the last
        layer, trained for topic similarity, blurs."""
        import torch

        if self.threads > 0:
            torch.set_num_threads(self.threads)
        layers = tuple(layers)
        if not texts:
            return np.zeros((0, 384), dtype=np.float32), np.zeros((0, 384 * len(layers)), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        emb: np.ndarray | None = None
        lay: np.ndarray | None = None
        with torch.inference_mode():
            for i in range(0, len(order), batch):
                ids = order[i : i + batch]
                pooled, stacked = self._forward([texts[j] for j in ids], layers)
                if emb is None or lay is None:
                    emb = np.zeros((len(texts), pooled.shape[1]), dtype=np.float32)
                    lay = np.zeros((len(texts), stacked.shape[1]), dtype=np.float32)
                emb[ids], lay[ids] = pooled, stacked
        assert emb is not None and lay is not None
        return emb, lay


def _load_encoder(path: str, device: str) -> object:
    """A function texts -> normalised mean-pooled embeddings (np.float32) for the model at ``path``."""
    if _TorchBert.fits(path):
        return _TorchBert(path, device)
    return _TransformersEncoder(path, device)


class _TorchBert:
    """A BERT encoder (absolute positions, GELU, post-layer-norm: BERT and MiniLM checkpoints) run
    with torch alone from ``model.safetensors``, tokenised by its ``tokenizer.json``."""

    @staticmethod
    def fits(path: str) -> bool:
        import json
        from pathlib import Path

        root = Path(path)
        if not ((root / "model.safetensors").is_file() and (root / "tokenizer.json").is_file()):
            return False
        try:
            cfg = json.loads((root / "config.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return (
            cfg.get("model_type") == "bert"
            and cfg.get("hidden_act", "gelu") == "gelu"
            and cfg.get("position_embedding_type", "absolute") == "absolute"
        )

    def __init__(self, path: str, device: str) -> None:
        import json
        from pathlib import Path

        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        root = Path(path)
        cfg = json.loads((root / "config.json").read_text(encoding="utf-8"))
        self.heads = int(cfg["num_attention_heads"])
        self.layers = int(cfg["num_hidden_layers"])
        self.eps = float(cfg.get("layer_norm_eps", 1e-12))
        self.hidden = int(cfg["hidden_size"])
        self.device = device
        weights = load_file(str(root / "model.safetensors"), device=device)
        # checkpoints saved from BertForMaskedLM etc. prefix the encoder's names with "bert."
        self.w = {k[5:] if k.startswith("bert.") else k: v for k, v in weights.items()}
        self.tok = Tokenizer.from_file(str(root / "tokenizer.json"))
        self.tok.no_padding()
        self.tok.enable_truncation(128)

    def __call__(self, texts: list[str], layers: Sequence[int] = ()) -> tuple[np.ndarray, np.ndarray]:
        """Normalised mean-pooled embeddings, and those of ``layers`` side by side."""
        import torch
        import torch.nn.functional as F

        encs = self.tok.encode_batch(texts)
        n, length = len(encs), max(len(e.ids) for e in encs)
        ids = torch.zeros((n, length), dtype=torch.long)
        mask = torch.zeros((n, length), dtype=torch.bool)
        for i, e in enumerate(encs):
            ids[i, : len(e.ids)] = torch.tensor(e.ids, dtype=torch.long)
            mask[i, : len(e.ids)] = True
        ids, mask = ids.to(self.device), mask.to(self.device)
        w, d, h = self.w, self.hidden, self.heads

        def linear(x: torch.Tensor, name: str) -> torch.Tensor:
            return F.linear(x, w[name + ".weight"], w[name + ".bias"])

        def norm(x: torch.Tensor, name: str) -> torch.Tensor:
            return F.layer_norm(x, (d,), w[name + ".weight"], w[name + ".bias"], self.eps)

        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = norm(x, "embeddings.LayerNorm")
        m = mask[..., None].to(x.dtype)
        kept = {0: x} if 0 in layers else {}
        visible = mask[:, None, None, :]
        for layer in range(self.layers):
            p = f"encoder.layer.{layer}."
            q, k, v = (linear(x, p + f"attention.self.{m}").view(n, length, h, d // h).transpose(1, 2) for m in ("query", "key", "value"))
            att = F.scaled_dot_product_attention(q, k, v, attn_mask=visible).transpose(1, 2).reshape(n, length, d)
            x = norm(x + linear(att, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            x = norm(x + linear(F.gelu(linear(x, p + "intermediate.dense")), p + "output.dense"), p + "output.LayerNorm")
            if layer + 1 in layers:
                kept[layer + 1] = x

        def pool(h: torch.Tensor) -> np.ndarray:
            return F.normalize((h * m).sum(1) / m.sum(1).clamp_min(1e-9), dim=1).float().cpu().numpy()

        stacked = np.concatenate([pool(kept[k]) for k in layers], axis=1) if layers else np.zeros((n, 0), np.float32)
        return pool(x), stacked


class _TransformersEncoder:
    """Any other sentence encoder, through transformers' AutoTokenizer and AutoModel."""

    def __init__(self, path: str, device: str) -> None:
        self.device = device
        self.tok, self.model = _load_minilm(path, device)

    def __call__(self, texts: list[str], layers: Sequence[int] = ()) -> tuple[np.ndarray, np.ndarray]:
        import torch

        enc = self.tok(texts, padding=True, truncation=True, max_length=128, return_tensors="pt")  # type: ignore[operator]
        enc = {k: v.to(self.device) for k, v in enc.items()}
        out = self.model(**enc, output_hidden_states=bool(layers))  # type: ignore[operator]
        mask = enc["attention_mask"].unsqueeze(-1).to(out.last_hidden_state.dtype)

        def pool(h: torch.Tensor) -> np.ndarray:
            return torch.nn.functional.normalize((h * mask).sum(1) / mask.sum(1).clamp_min(1e-9), dim=1).cpu().numpy()

        stacked = np.concatenate([pool(out.hidden_states[k]) for k in layers], axis=1) if layers else np.zeros((len(texts), 0), np.float32)
        return pool(out.last_hidden_state), stacked


def _weights_stamp(path: object) -> str:
    """Size and modification time of the weights file(s), so replaced weights miss the cache."""
    from pathlib import Path

    root = Path(str(path))
    files = sorted(root.glob("*.safetensors")) + sorted(root.glob("*.bin")) if root.is_dir() else [root]
    parts = []
    for f in files:
        try:
            st = f.stat()
        except OSError:
            continue
        parts.append(f"{f.name}:{st.st_size}:{st.st_mtime_ns}")
    return ",".join(parts)


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
