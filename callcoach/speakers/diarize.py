"""Who spoke when on a mono recording: voice embeddings, clustering and smoothing.

1. Speech regions (from the recogniser's word times) are cut into overlapping windows
   (1.5 s, hop 0.75 s; shorter regions make one shorter window).
2. Each window gets a GE2E voice embedding (:mod:`callcoach.speakers.embedding`).
3. The windows are clustered by spectral clustering on a pruned cosine-affinity graph; the
   number of speakers is the largest eigengap of its Laplacian unless ``num_speakers`` is
   given, and clusters holding almost no speech are absorbed by their nearest neighbour.
   The affinity matrix is dense (n x n) and its eigendecomposition O(n^3), so on a long call
   only ``max_cluster_windows`` windows spread evenly over the call are clustered this way;
   every window then joins its nearest cluster centroid. Memory and time stay linear in the
   length of the call; a call of normal length (up to about 15 minutes of speech) is
   clustered whole.
4. A 0.1 s frame grid is labelled by Viterbi decoding over the windows' similarity to each
   speaker's centroid, with a penalty on switching, so turns change at plausible places.

The result carries a confidence and warnings (a speaker with very little speech may be a split
of another; voices that are too alike may be merged) for the JSON and the scorecard.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from callcoach.call import Attribution, ModelInfo
from callcoach.hooks import Hook, null_hook
from callcoach.speakers.embedding import VoiceEncoder, Window

FRAME = 0.1  # seconds per label frame


@dataclass(frozen=True, slots=True)
class Turn:
    """A stretch of time attributed to one speaker."""

    start: float
    end: float
    speaker: str


@dataclass(frozen=True, slots=True)
class DiarizationOptions:
    """Diarization settings.

    Attributes:
        num_speakers: force this many speakers (``--speakers N``); None estimates it.
        max_speakers: upper bound when estimating.
        window: embedding window length, seconds.
        hop: hop between windows, seconds.
        min_speaker_share: a cluster with less than this share of the speech (and under
            ``min_speaker_seconds``) is absorbed by the nearest speaker.
        min_speaker_seconds: see ``min_speaker_share``.
        switch_penalty: Viterbi cost of a change of speaker between frames (similarity units).
        merge_similarity: two speakers whose voice centroids are at least this similar
            (cosine) are one speaker split in two, and are merged (unless ``num_speakers``
            is given). Set from the evaluation recordings: one-speaker splits measured
            0.89, true pairs 0.80-0.86 (bench/README.md).
        max_cluster_windows: at most this many windows (an even sample of a longer call)
            enter spectral clustering; 1,200 windows are about 15 minutes of speech and a
            12 MB affinity matrix.
    """

    num_speakers: int | None = None
    max_speakers: int = 6
    window: float = 1.5
    hop: float = 0.75
    min_speaker_share: float = 0.04
    min_speaker_seconds: float = 8.0
    switch_penalty: float = 0.6
    merge_similarity: float = 0.88
    max_cluster_windows: int = 1200


@dataclass(frozen=True, slots=True)
class Diarization:
    """The turns found and how far they can be trusted."""

    turns: tuple[Turn, ...]
    attribution: Attribution
    models: tuple[ModelInfo, ...] = ()


class SpeakerSeparator(Protocol):
    """Splits mono speech into speaker turns."""

    def diarize(
        self, samples: np.ndarray, speech: list[tuple[float, float]], options: DiarizationOptions, hook: Hook = null_hook
    ) -> Diarization: ...


def speaker_name(i: int) -> str:
    """Speaker ids on mono calls: A, B, C ..."""
    return chr(ord("A") + i) if i < 26 else f"S{i + 1}"


def make_windows(speech: list[tuple[float, float]], window: float, hop: float) -> list[Window]:
    """Cut speech regions into windows of ``window`` s every ``hop`` s (short regions: one)."""
    out: list[Window] = []
    for s, e in speech:
        if e - s <= window:
            out.append(Window(s, e))
            continue
        n = int(np.ceil((e - s - window) / hop)) + 1
        step = (e - s - window) / (n - 1) if n > 1 else 0.0
        out.extend(Window(s + i * step, s + i * step + window) for i in range(n))
    return [w for w in out if w.end - w.start >= 0.2]


def _kmeans(x: np.ndarray, k: int, iters: int = 30) -> np.ndarray:
    """Deterministic k-means (farthest-point initialisation) returning labels."""
    centers = [x[int(np.argmax(np.linalg.norm(x - x.mean(0), axis=1)))]]
    for _ in range(1, k):
        d = np.min(np.stack([np.linalg.norm(x - c, axis=1) for c in centers]), axis=0)
        centers.append(x[int(np.argmax(d))])
    c = np.stack(centers)
    labels = np.zeros(len(x), dtype=int)
    for _ in range(iters):
        d = ((x[:, None, :] - c[None, :, :]) ** 2).sum(-1)
        new = d.argmin(1)
        if np.array_equal(new, labels) and _ > 0:
            break
        labels = new
        for j in range(k):
            if np.any(labels == j):
                c[j] = x[labels == j].mean(0)
    return labels


def spectral_cluster(emb: np.ndarray, num: int | None, max_speakers: int) -> np.ndarray:
    """Cluster L2-normalised embeddings; estimate the count by eigengap when ``num`` is None."""
    n = len(emb)
    if n <= 2 or num == 1:
        return np.zeros(n, dtype=int)
    sim = np.clip(emb @ emb.T, 0, 1)
    # Keep each row's strongest links only: a p-nearest-neighbour graph (NME-SC style).
    p = int(max(4, min(n - 1, round(0.15 * n))))
    thresh = -np.sort(-sim, axis=1)[:, p - 1 : p]
    aff = np.where(sim >= thresh, sim, 0.0)
    aff = np.maximum(aff, aff.T)
    np.fill_diagonal(aff, 0.0)
    deg = aff.sum(1)
    deg[deg == 0] = 1e-9
    d_inv = 1.0 / np.sqrt(deg)
    lap = np.eye(n) - d_inv[:, None] * aff * d_inv[None, :]
    vals, vecs = np.linalg.eigh(lap)
    kmax = int(min(max_speakers, n - 1))
    if num is None:
        gaps = np.diff(vals[: kmax + 1])
        k = int(np.argmax(gaps)) + 1
    else:
        k = int(min(num, n))
    if k <= 1:
        return np.zeros(n, dtype=int)
    v = vecs[:, :k]
    v = v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)
    return _kmeans(v, k)


def cluster_sample(n: int, cap: int) -> np.ndarray:
    """Indices of at most ``cap`` of ``n`` windows, spread evenly over the call (all if n <= cap)."""
    if n <= cap:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, cap).round().astype(int))


def initial_labels(emb: np.ndarray, options: DiarizationOptions) -> np.ndarray:
    """Spectral clustering of a bounded sample of windows; the rest join the nearest centroid."""
    idx = cluster_sample(len(emb), options.max_cluster_windows)
    labels = spectral_cluster(emb[idx], options.num_speakers, options.max_speakers)
    if len(idx) == len(emb):
        return labels
    ks = sorted(set(labels.tolist()))
    nearest = (emb @ _centroids(emb[idx], labels).T).argmax(1)
    return np.asarray(ks)[nearest]


def _centroids(emb: np.ndarray, labels: np.ndarray) -> np.ndarray:
    ks = sorted(set(labels.tolist()))
    c = np.stack([emb[labels == k].mean(0) for k in ks])
    return c / np.maximum(np.linalg.norm(c, axis=1, keepdims=True), 1e-9)


def _absorb_small(emb: np.ndarray, labels: np.ndarray, dur: np.ndarray, opts: DiarizationOptions) -> np.ndarray:
    """Merge clusters that hold almost no speech into their nearest neighbour."""
    labels = labels.copy()
    total = dur.sum()
    while True:
        ks = sorted(set(labels.tolist()))
        if len(ks) <= 1 or (opts.num_speakers is not None and len(ks) <= opts.num_speakers):
            return labels
        sizes = {k: dur[labels == k].sum() for k in ks}
        small = min(ks, key=lambda k: sizes[k])
        if sizes[small] >= opts.min_speaker_seconds or sizes[small] >= opts.min_speaker_share * total:
            return labels
        cent = {k: emb[labels == k].mean(0) for k in ks}
        others = [k for k in ks if k != small]
        target = max(others, key=lambda k: float(cent[small] @ cent[k]))
        labels[labels == small] = target


def _merge_alike(emb: np.ndarray, labels: np.ndarray, opts: DiarizationOptions) -> np.ndarray:
    """Merge the closest pair of speakers while their centroids are more alike than
    ``merge_similarity``: one voice split in two, not two voices."""
    labels = labels.copy()
    while opts.num_speakers is None:
        ks = sorted(set(labels.tolist()))
        if len(ks) <= 1:
            return labels
        cent = _centroids(emb, labels)
        sim = cent @ cent.T
        np.fill_diagonal(sim, -1.0)
        i, j = np.unravel_index(int(np.argmax(sim)), sim.shape)
        if sim[i, j] < opts.merge_similarity:
            return labels
        labels[labels == ks[j]] = ks[i]
    return labels


def _viterbi(scores: np.ndarray, penalty: np.ndarray) -> np.ndarray:
    """Best label path through frame scores (n, k); ``penalty[t]`` is the cost to switch at t."""
    n, k = scores.shape
    back = np.zeros((n, k), dtype=int)
    acc = scores[0].copy()
    for t in range(1, n):
        stay = acc
        best_prev = int(np.argmax(acc))
        switch = acc[best_prev] - penalty[t]
        choose_switch = switch > stay
        back[t] = np.where(choose_switch, best_prev, np.arange(k))
        acc = np.where(choose_switch, switch, stay) + scores[t]
    path = np.zeros(n, dtype=int)
    path[-1] = int(np.argmax(acc))
    for t in range(n - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path


def label_frames(
    speech: list[tuple[float, float]],
    windows: list[Window],
    emb: np.ndarray,
    centroids: np.ndarray,
    switch_penalty: float,
) -> list[Turn]:
    """Label 0.1 s speech frames with Viterbi over window-centroid similarity; return turns."""
    k = len(centroids)
    if not speech:
        return []
    t_end = max(e for _, e in speech)
    n = int(np.ceil(t_end / FRAME)) + 1
    score = np.zeros((n, k))
    weight = np.zeros(n)
    sims = emb @ centroids.T  # (windows, k)
    for w, s in zip(windows, sims):
        a, b = int(w.start / FRAME), max(int(w.start / FRAME) + 1, int(np.ceil(w.end / FRAME)))
        score[a:b] += s
        weight[a:b] += 1
    in_speech = np.zeros(n, dtype=bool)
    for s, e in speech:
        in_speech[int(s / FRAME) : max(int(s / FRAME) + 1, int(np.ceil(e / FRAME)))] = True
    idx = np.flatnonzero(in_speech & (weight > 0))
    if len(idx) == 0:
        return []
    frame_scores = score[idx] / weight[idx, None]
    # Switching is cheap across a pause (new region), dear in the middle of speech.
    gap = np.diff(idx, prepend=idx[0]) > 1
    penalty = np.where(gap, switch_penalty * 0.25, switch_penalty)
    path = _viterbi(frame_scores, penalty) if k > 1 else np.zeros(len(idx), dtype=int)
    turns: list[Turn] = []
    for i, f in enumerate(idx):
        start, end, spk = f * FRAME, (f + 1) * FRAME, speaker_name(int(path[i]))
        if turns and turns[-1].speaker == spk and abs(turns[-1].end - start) < 1e-6:
            turns[-1] = Turn(turns[-1].start, end, spk)
        else:
            turns.append(Turn(start, end, spk))
    return turns


class EmbeddingDiarizer:
    """Diarization with the GE2E voice encoder and spectral clustering."""

    def __init__(self, model: str | None = None, device: str = "cpu", threads: int = 0) -> None:
        self.encoder = VoiceEncoder(model, device=device, threads=threads)

    def diarize(
        self, samples: np.ndarray, speech: list[tuple[float, float]], options: DiarizationOptions, hook: Hook = null_hook
    ) -> Diarization:
        windows = make_windows(speech, options.window, options.hop)
        hook("diarization", 0.0, f"{len(windows)} voice windows")
        emb = self.encoder.embed(samples, windows)
        hook("diarization", 0.7, "clustering")
        return cluster_turns(speech, windows, emb, options, (self.encoder.info,))


def cluster_turns(
    speech: list[tuple[float, float]],
    windows: list[Window],
    emb: np.ndarray,
    options: DiarizationOptions,
    models: tuple[ModelInfo, ...] = (),
) -> Diarization:
    """Pure part of diarization: embeddings of windows -> speaker turns with a confidence."""
    if len(windows) == 0:
        att = Attribution("diarization", 0, 0.0, ("no speech found to attribute",))
        return Diarization((), att, models)
    labels = initial_labels(emb, options)
    dur = np.array([w.end - w.start for w in windows])
    labels = _absorb_small(emb, labels, dur, options)
    # Two rounds of nearest-centroid refinement sharpen the clusters' edges.
    for _ in range(2):
        cent = _centroids(emb, labels)
        ks = sorted(set(labels.tolist()))
        labels = np.array([ks[i] for i in (emb @ cent.T).argmax(1)])
        labels = _absorb_small(emb, labels, dur, options)
    labels = _merge_alike(emb, labels, options)
    # Number speakers by first appearance so the first voice heard is A.
    order: dict[int, int] = {}
    for lab in labels.tolist():
        order.setdefault(lab, len(order))
    labels = np.array([order[x] for x in labels.tolist()])
    cent = _centroids(emb, labels)
    turns = label_frames(speech, windows, emb, cent, options.switch_penalty)
    return Diarization(tuple(turns), _attribution(emb, labels, cent, dur, turns), models)


def _attribution(emb: np.ndarray, labels: np.ndarray, cent: np.ndarray, dur: np.ndarray, turns: list[Turn]) -> Attribution:
    k = len(cent)
    warnings: list[str] = []
    details: dict[str, object] = {"windows": int(len(emb))}
    if k == 1:
        warnings.append("only one voice found: if this is a two-party call, the talk ratio cannot be trusted")
        return Attribution("diarization", 1, 0.3, tuple(warnings), details)
    sims = emb @ cent.T
    srt = np.sort(sims, axis=1)
    margin = srt[:, -1] - srt[:, -2]
    # Share of windows whose own cluster wins clearly (margin over 0.05) is the confidence.
    confidence = float(np.average(margin > 0.05, weights=dur))
    inter = cent @ cent.T
    np.fill_diagonal(inter, -1)
    closest = float(inter.max())
    details["closest_speaker_similarity"] = round(closest, 3)
    details["mean_margin"] = round(float(np.average(margin, weights=dur)), 3)
    talk = {}
    for t in turns:
        talk[t.speaker] = talk.get(t.speaker, 0.0) + (t.end - t.start)
    total = sum(talk.values()) or 1.0
    for spk, secs in sorted(talk.items()):
        if secs / total < 0.08:
            warnings.append(f"speaker {spk} has only {secs / total:.0%} of the speech: possibly a split of another speaker")
    if closest > 0.85:
        warnings.append("two voices are very alike: some turns may be attributed to the wrong speaker")
        confidence *= 0.7
    if confidence < 0.6:
        warnings.append("low confidence in who said what: check the speaker labels before trusting the talk ratio")
    return Attribution("diarization", k, round(confidence, 3), tuple(warnings), details)
