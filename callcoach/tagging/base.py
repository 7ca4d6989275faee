"""What every tagging stage shares: sentences, the stage protocol, and the two model seams.

Tags are given to sentences (a question is a sentence, not a 40-second turn) and stored on
their utterance with the sentence's character span. Stages are small objects with a pure
``predict(ctx) -> list[Tag]``; the models they lean on sit behind two protocols that tests
replace with fakes that need no weights:

- :class:`Encoder` turns texts into L2-normalised sentence embeddings (MiniLM by default);
- :class:`Parser` turns texts into light parses (spaCy by default).
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from typing import Protocol, Sequence

import numpy as np

from callcoach.call import Call, Tag

_SENT_END = re.compile(r"(?<=[.?!])[\"')\]]*\s+(?=\S)")
_ABBREV = re.compile(r"\b(mr|mrs|ms|dr|prof|st|vs|etc|e\.g|i\.e|inc|ltd|approx)\.$", re.I)


BACKCHANNEL_WORDS = frozenset(
    "yeah yes yep yup uh huh uh-huh um-hum uh-hum mhm mm mm-hmm mm-hm hmm hm right okay ok sure wow oh ah cool nice "
    "great got it i see totally absolutely really interesting alright".split()
)


def is_backchannel(text: str, max_words: int = 4) -> bool:
    """A short listener response ("uh huh, okay", "right right", "oh, I see") that does not take
    the turn: at most ``max_words`` words, all of them acknowledgements."""
    words = re.findall(r"[a-z'-]+", text.lower())
    return 0 < len(words) <= max_words and all(w in BACKCHANNEL_WORDS for w in words)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an utterance: ``span`` indexes the utterance text."""

    index: int  # position among all sentences of the call
    utterance_id: int
    speaker: str
    role: str
    text: str
    span: tuple[int, int]
    start: float | None
    end: float | None


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (split after . ? ! and a space)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        end = m.start() + len(m.group(0).rstrip())
        if _ABBREV.search(text[pos:end]):
            continue
        if text[pos:end].strip():
            spans.append((pos, end))
        pos = m.end()
    if text[pos:].strip():
        spans.append((pos, len(text.rstrip())))
    return spans


def call_sentences(call: Call) -> list[Sentence]:
    """Every sentence of the call in order, with speaker, role and approximate times."""
    out: list[Sentence] = []
    for u in call.utterances:
        role = call.role_of(u.speaker)
        spans = split_sentences(u.text)
        words = list(u.words)
        consumed = 0
        for a, b in spans:
            text = u.text[a:b].strip()
            start = end = None
            if words:
                n = len(text.split())
                chunk = words[consumed : consumed + n] or words[-1:]
                consumed += n
                start, end = chunk[0].start, chunk[-1].end
            elif u.start is not None and u.end is not None and len(u.text) > 0:
                start = u.start + (u.end - u.start) * a / len(u.text)
                end = u.start + (u.end - u.start) * b / len(u.text)
            out.append(Sentence(len(out), u.id, u.speaker, role, text, (a, b), start, end))
    return out


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a light parse (the spaCy attributes the rules use)."""

    text: str
    lower: str
    lemma: str
    pos: str  # coarse universal POS: AUX, VERB, PRON, NOUN ...
    tag: str  # fine Penn tag: VBZ, MD, WP ...
    dep: str  # dependency label: nsubj, aux, ROOT ...
    head: int  # index of the head token in the sentence


class Parser(Protocol):
    """Parses sentences into tokens."""

    def parse(self, texts: Sequence[str]) -> list[list[Token]]: ...


class Encoder(Protocol):
    """Embeds texts as L2-normalised vectors, shape (len(texts), dim)."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class HashingEncoder:
    """A weightless encoder for tests: hashed bag of lowercase words and word pairs.

    Texts sharing words are similar; unrelated texts are near-orthogonal. Deterministic.
    """

    name = "hashing"

    def __init__(self, dim: int = 512) -> None:
        self.dim = dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            toks = re.findall(r"[a-z0-9']+", t.lower())
            feats = toks + [f"{a} {b}" for a, b in zip(toks, toks[1:])]
            for f in feats:
                out[i, zlib.crc32(f.encode()) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-9)


class LayeredEncoder:
    """An encoder seen through the layers a tag model reads: ``encode`` returns the layer
    features of ``encode_layers`` (:meth:`callcoach.tagging.nlp.MiniLMEncoder.encode_layers`) (training and ``callcoach learn`` build
    feature rows with it). With no layers it is the encoder itself (:func:`layered`)."""

    def __init__(self, encoder: object, layers: Sequence[int]) -> None:
        self.encoder = encoder
        self.layers = tuple(layers)
        self.info = getattr(encoder, "info", None)
        self.name = f"{getattr(encoder, 'name', 'enc')}|layers={','.join(map(str, self.layers))}"
        self.cache_key = f"{getattr(encoder, 'cache_key', self.name)}|layers={','.join(map(str, self.layers))}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self.encoder.encode_layers(texts, self.layers)[1]  # type: ignore[attr-defined]


def layered(encoder: object, layers: Sequence[int]) -> object:
    """``encoder`` as a tag model with ``layers`` reads it (unchanged without layers)."""
    return LayeredEncoder(encoder, layers) if layers else encoder


@dataclass
class TaggingContext:
    """What the stages of one call share: sentences, their parses and embeddings (computed
    once, in batches, on first use) and the tags earlier stages produced."""

    call: Call
    sentences: list[Sentence]
    encoder: Encoder | None = None
    parser: Parser | None = None
    examples: dict[str, tuple[str, ...]] = field(default_factory=dict)
    tags: list[Tag] = field(default_factory=list)
    _embeddings: np.ndarray | None = None
    _parses: list[list[Token]] | None = None
    _layers: tuple[tuple[int, ...], np.ndarray] | None = None

    @property
    def embeddings(self) -> np.ndarray:
        if self._embeddings is None:
            if self.encoder is None:
                raise RuntimeError("no sentence encoder configured")
            self._embeddings = self.encoder.encode([s.text for s in self.sentences])
        return self._embeddings

    def layer_features(self, layers: Sequence[int]) -> np.ndarray:
        """The sentences' encoder layers side by side (``MiniLMEncoder.encode_layers``), from the
        same forward pass as :attr:`embeddings` when they come first; without ``layers``, the
        embeddings."""
        layers = tuple(layers)
        if not layers:
            return self.embeddings
        if self._layers is None or self._layers[0] != layers:
            if self.encoder is None or not hasattr(self.encoder, "encode_layers"):
                raise RuntimeError("the tag model reads encoder layers; this encoder has none")
            emb, lay = self.encoder.encode_layers([s.text for s in self.sentences], layers)
            if self._embeddings is None:
                self._embeddings = emb
            self._layers = (layers, lay)
        return self._layers[1]

    @property
    def parses(self) -> list[list[Token]]:
        if self._parses is None:
            self._parses = self.parser.parse([s.text for s in self.sentences]) if self.parser else [[] for _ in self.sentences]
        return self._parses

    def labels_of(self, sentence: Sentence, prefix: str) -> list[Tag]:
        """Tags already given to ``sentence`` whose label starts with ``prefix``."""
        return [t for t in self.tags if t.utterance_id == sentence.utterance_id and t.span == sentence.span and t.label.startswith(prefix)]


class Stage(Protocol):
    """A tagging stage: ``requires`` label prefixes earlier stages produce; ``assigns`` its own."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def predict(self, ctx: TaggingContext) -> list[Tag]: ...


def sentence_tag(sentence: Sentence, label: str, score: float, source: str) -> Tag:
    """A tag on one sentence of an utterance."""
    return Tag(label, sentence.utterance_id, round(float(score), 3), sentence.span, source)
