"""The sentence encoder: a plain BERT checkpoint runs through callcoach's own torch forward pass
(no transformers modelling code is imported) and must give transformers' embeddings. The fast
tests use a tiny randomly initialised BERT written to a temporary folder (no model weights);
the slow one the bundled MiniLM."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from callcoach.tagging.nlp import MiniLMEncoder, _load_encoder, _TorchBert, _TransformersEncoder  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
TEXTS = ["What's the impact of not having everyone together?", "hi", "", "naïve café: 12 reps, $1,200 a month",
         "so " * 200]  # the last one is truncated at 128 tokens


def _tiny_bert(folder: Path, head: str = "model") -> Path:
    """A 2-layer BERT with random weights and a word-piece tokenizer, saved like a checkpoint."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors

    words = sorted(set(" ".join(TEXTS).lower().replace(",", " , ").replace(":", " : ").replace("?", " ? ").split()))
    vocab = {w: i for i, w in enumerate(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words, *"abcdefghijklmnopqrstuvwxyz"])}
    tok = Tokenizer(models.WordPiece(vocab, unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", vocab["[CLS]"]), ("[SEP]", vocab["[SEP]"])]
    )
    tok.enable_padding(length=128)  # as the bundled MiniLM's tokenizer.json says: the encoder must undo it
    folder.mkdir(parents=True, exist_ok=True)
    tok.save(str(folder / "tokenizer.json"))
    torch.manual_seed(0)
    config = transformers.BertConfig(vocab_size=len(vocab), hidden_size=48, num_hidden_layers=2, num_attention_heads=4,
                                     intermediate_size=96, max_position_embeddings=160)
    model = transformers.BertForMaskedLM(config) if head == "mlm" else transformers.BertModel(config)
    model.save_pretrained(folder, safe_serialization=True)
    transformers.PreTrainedTokenizerFast(tokenizer_file=str(folder / "tokenizer.json"), pad_token="[PAD]",
                                         unk_token="[UNK]", cls_token="[CLS]", sep_token="[SEP]").save_pretrained(folder)
    return folder


@pytest.mark.parametrize("head", ["model", "mlm"])
def test_the_torch_forward_pass_equals_transformers(tmp_path: Path, head: str) -> None:
    path = str(_tiny_bert(tmp_path / head, head))
    assert _TorchBert.fits(path)
    ours = _TorchBert(path, "cpu")
    theirs = _TransformersEncoder(path, "cpu")
    theirs.model = transformers.BertModel.from_pretrained(path) if head == "mlm" else theirs.model
    with torch.inference_mode():
        (a, la), (b, lb) = ours(TEXTS, (2, 0, 1)), theirs(TEXTS, (2, 0, 1))
    assert a.shape == b.shape == (len(TEXTS), 48) and a.dtype == np.float32
    assert np.abs(a - b).max() < 1e-5
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    # the layer features: the same layers as transformers' hidden states, the last one = the embedding
    assert la.shape == lb.shape == (len(TEXTS), 3 * 48) and np.abs(la - lb).max() < 1e-5
    assert np.abs(la[:, :48] - a).max() < 1e-6
    # one text alone gives the same embedding as in a padded batch
    with torch.inference_mode():
        assert np.abs(ours(TEXTS[1:2])[0][0] - a[1]).max() < 1e-5


def test_the_encoder_picks_its_forward_pass(tmp_path: Path) -> None:
    path = _tiny_bert(tmp_path / "bert")
    enc = MiniLMEncoder(str(path))
    assert isinstance(enc._forward, _TorchBert)
    assert enc.encode(TEXTS).shape == (len(TEXTS), 48) and enc.encode([]).shape == (0, 384)
    cfg = json.loads((path / "config.json").read_text())
    for change in ({"model_type": "roberta"}, {"position_embedding_type": "relative_key"}, {"hidden_act": "relu"}):
        (path / "config.json").write_text(json.dumps({**cfg, **change}))
        assert not _TorchBert.fits(str(path))
    (path / "config.json").write_text(json.dumps(cfg))
    (path / "tokenizer.json").rename(path / "tokenizer.json.off")
    assert not _TorchBert.fits(str(path))
    assert not _TorchBert.fits(str(tmp_path / "missing"))


def test_another_architecture_goes_through_transformers(tmp_path: Path) -> None:
    path = _tiny_bert(tmp_path / "bert")
    cfg = json.loads((path / "config.json").read_text())
    (path / "config.json").write_text(json.dumps({**cfg, "position_embedding_type": "relative_key"}))
    assert isinstance(_load_encoder(str(path), "cpu"), _TransformersEncoder)


@pytest.mark.slow
def test_the_bundled_minilm_equals_transformers_and_never_imports_it() -> None:
    from callcoach.errors import ModelNotFound
    from callcoach.models import resolve_embeddings

    try:
        path = str(resolve_embeddings(None).path)
    except ModelNotFound as exc:
        pytest.skip(f"MiniLM is not installed: {exc}")
    ours = MiniLMEncoder().encode(TEXTS)
    emb, lay = MiniLMEncoder().encode_layers(TEXTS, (6, 4, 2))
    with torch.inference_mode():
        theirs, their_layers = _TransformersEncoder(path, "cpu")(TEXTS, (6, 4, 2))
    assert ours.shape == (len(TEXTS), 384) and np.abs(ours - theirs).max() < 1e-5
    assert np.abs(emb - ours).max() < 1e-6 and lay.shape == (len(TEXTS), 3 * 384)
    assert np.abs(lay - their_layers).max() < 1e-5 and np.abs(lay[:, :384] - ours).max() < 1e-6
    code = ("import sys; from callcoach.tagging.nlp import MiniLMEncoder; MiniLMEncoder().encode(['hello there']); "
            "print('transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "False", out.stderr
