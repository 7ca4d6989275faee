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

from dataclasses import dataclass, field
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
            is given). A safety net behind ``min_separation``: different voices on the
            bench's calls measured 0.60-0.89.
        max_cluster_windows: at most this many windows (an even sample of a longer call)
            enter spectral clustering; 1,200 windows are about 15 minutes of speech and a
            12 MB affinity matrix.
        min_separation: two clusters are two voices only if their windows are, on average,
            at least this much more like their own cluster (leave-one-out centroid) than the
            other's. Chosen on the ``tune`` calls of ``bench.diarization`` (one voice cut in
            two measured 0.03-0.07 for clusters of 20 windows or more; different voices
            0.07-0.34).
        min_voice_windows: a voice needs at least this many windows (about 3.75 s of speech).
        min_voice_run: a voice needs a mean run of at least this many consecutive windows: a
            cluster of scattered single windows is turn changes and cross-talk, not a person.
        voice_activity: also label speech that has no words (Silero VAD regions, see
            :mod:`callcoach.speakers.vad`), so it counts as talk time.
        neighbour_fractions: the nearest-neighbour graphs (share of windows each keeps) whose
            spectral partitions are tried when counting; a small share lets a quiet voice
            form its own cluster, a large one keeps a varied voice whole.
    """

    num_speakers: int | None = None
    max_speakers: int = 6
    window: float = 1.5
    hop: float = 0.75
    min_speaker_share: float = 0.04
    min_speaker_seconds: float = 8.0
    switch_penalty: float = 0.6
    merge_similarity: float = 0.90
    max_cluster_windows: int = 1200
    min_separation: float = 0.08
    min_voice_windows: int = 4
    min_voice_run: float = 1.5
    neighbour_fractions: tuple[float, ...] = (0.05, 0.10, 0.15)
    voice_activity: bool = True


@dataclass(frozen=True, slots=True)
class Diarization:
    """The turns found and how far they can be trusted."""

    turns: tuple[Turn, ...]
    attribution: Attribution
    models: tuple[ModelInfo, ...] = ()
    #: Each speaker's voice print: the L2-normalised mean embedding of its windows (256-d),
    #: for matching enrolled reps. Empty when the separator has none.
    voiceprints: dict[str, np.ndarray] = field(default_factory=dict)


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


def _spectral_vectors(emb: np.ndarray, fraction: float) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues and eigenvectors of the normalised Laplacian of a pruned cosine graph.

    Each window keeps its ``p`` strongest links, ``p`` = ``fraction`` of the windows (at least
    4, at most all: p counts the window itself, whose self-similarity is 1), then the graph is
    symmetrised (NME-SC style).
    """
    n = len(emb)
    sim = np.clip(emb @ emb.T, 0, 1)
    p = int(min(n, max(4, round(fraction * n))))
    thresh = -np.sort(-sim, axis=1)[:, p - 1 : p]
    aff = np.where(sim >= thresh, sim, 0.0)
    aff = np.maximum(aff, aff.T)
    np.fill_diagonal(aff, 0.0)
    deg = aff.sum(1)
    deg[deg <= 0] = 1e-9
    d_inv = 1.0 / np.sqrt(deg)
    lap = np.eye(n) - d_inv[:, None] * aff * d_inv[None, :]
    return np.linalg.eigh(lap)


def _partition(vecs: np.ndarray, k: int) -> np.ndarray:
    v = vecs[:, :k]
    v = v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)
    return _kmeans(v, k)


def spectral_cluster(emb: np.ndarray, num: int | None, max_speakers: int, fraction: float = 0.15) -> np.ndarray:
    """Cluster L2-normalised embeddings into ``num`` clusters (at most one per window), or,
    when ``num`` is None, into the number given by the largest eigengap."""
    n = len(emb)
    if n == 0:
        return np.zeros(0, dtype=int)
    if num == 1 or n == 1 or (n == 2 and num is None):
        return np.zeros(n, dtype=int)
    if num is not None and num >= n:
        return np.arange(n)
    vals, vecs = _spectral_vectors(emb, fraction)
    if num is None:
        kmax = int(min(max_speakers, n - 1))
        k = int(np.argmax(np.diff(vals[: kmax + 1]))) + 1
    else:
        k = int(num)
    if k <= 1:
        return np.zeros(n, dtype=int)
    return _partition(vecs, k)


def separation(a: np.ndarray, b: np.ndarray) -> float:
    """How much more alike each cluster's windows are to their own cluster than to the other.

    The mean, over both clusters, of ``cos(window, own centroid without it) - cos(window,
    other centroid)``. Leaving the window out of its own centroid keeps small clusters honest:
    a handful of windows is always close to its own mean.
    """
    def side(x: np.ndarray, other: np.ndarray) -> float:
        total = x.sum(0)
        own = total[None, :] - x if len(x) > 1 else x
        own = own / np.maximum(np.linalg.norm(own, axis=1, keepdims=True), 1e-9)
        c = other.sum(0)
        c = c / max(float(np.linalg.norm(c)), 1e-9)
        return float(np.mean(np.sum(x * own, axis=1) - x @ c))

    return (side(a, b) + side(b, a)) / 2


def _min_separation(emb: np.ndarray, labels: np.ndarray) -> float:
    ks = sorted(set(labels.tolist()))
    if len(ks) < 2:
        return float("inf")
    return min(separation(emb[labels == a], emb[labels == b]) for i, a in enumerate(ks) for b in ks[i + 1 :])


def _reassign(emb: np.ndarray, labels: np.ndarray, drop: int) -> np.ndarray:
    """Labels with cluster ``drop`` dissolved: each of its windows joins the nearest other centroid."""
    keys = [k for k in sorted(set(labels.tolist())) if k != drop]
    out = labels.copy()
    if not keys:
        return out
    cent = _centroids(emb, np.where(labels == drop, keys[0], labels))
    mask = labels == drop
    out[mask] = np.asarray(keys)[(emb[mask] @ cent.T).argmax(1)]
    return out


def _mean_run(labels: np.ndarray, k: int, starts: np.ndarray, ends: np.ndarray, tol: float) -> float:
    """Mean length, in windows, of the runs of consecutive windows labelled ``k``."""
    runs: list[int] = []
    cur = 0
    for i in range(len(labels)):
        touching = i > 0 and starts[i] <= ends[i - 1] + tol
        if labels[i] == k:
            cur = cur + 1 if cur and touching else 1
        elif cur:
            runs.append(cur)
            cur = 0
    if cur:
        runs.append(cur)
    return float(np.mean(runs)) if runs else 0.0


def _voices_only(emb: np.ndarray, labels: np.ndarray, starts: np.ndarray, ends: np.ndarray, tol: float, opts: DiarizationOptions) -> np.ndarray:
    """Dissolve clusters that are not a voice: too few windows, or scattered single windows;
    then two rounds of nearest-centroid refinement."""
    for _round in range(2):
        while True:
            ks, counts = np.unique(labels, return_counts=True)
            if len(ks) <= 1:
                break
            if counts.min() < opts.min_voice_windows:
                labels = _reassign(emb, labels, int(ks[counts.argmin()]))
                continue
            runs = {int(k): _mean_run(labels, int(k), starts, ends, tol) for k in ks}
            worst = min(runs, key=lambda k: runs[k])
            if runs[worst] >= opts.min_voice_run:
                break
            labels = _reassign(emb, labels, worst)
        if _round == 0 and len(set(labels.tolist())) > 1:
            cent = _centroids(emb, labels)
            keys = np.asarray(sorted(set(labels.tolist())))
            for _ in range(2):
                labels = keys[(emb @ cent.T).argmax(1)]
                if len(set(labels.tolist())) < len(keys):
                    break
                cent = _centroids(emb, labels)
    return labels


@dataclass(frozen=True, slots=True)
class SpeakerCount:
    """How many voices a call holds, and how sure that is.

    ``separations`` gives, for each number of voices tried, the best partition's weakest
    separation between two of its voices; a count holds when that is at least
    ``min_separation``. ``confidence`` is high when the chosen count clears the threshold
    well and the next larger count misses it well.
    """

    k: int
    confidence: float
    separations: dict[int, float]
    reason: str = ""


def estimate_speakers(emb: np.ndarray, windows: list[Window], opts: DiarizationOptions, gap_tolerance: float = 0.5) -> tuple[np.ndarray, SpeakerCount]:
    """Count the voices and cluster the windows (``opts.num_speakers`` None).

    For each nearest-neighbour graph in ``opts.neighbour_fractions`` and each count
    2..``max_speakers``, the spectral partition is cleaned of clusters that are not a voice
    (:func:`_voices_only`); a partition is valid when every pair of its voices is separated by
    at least ``min_separation``. The largest valid count wins (its best-separated partition);
    one voice is always valid.
    """
    n = len(emb)
    zero = np.zeros(n, dtype=int)
    if n < 2 * opts.min_voice_windows:
        return zero, SpeakerCount(1, 0.2, {}, "too little speech to tell voices apart")
    starts = np.array([w.start for w in windows])
    ends = np.array([w.end for w in windows])
    best: dict[int, tuple[float, np.ndarray]] = {1: (float("inf"), zero)}
    kmax = int(min(opts.max_speakers, n // opts.min_voice_windows))
    for fraction in opts.neighbour_fractions:
        _vals, vecs = _spectral_vectors(emb, fraction)
        for k in range(2, kmax + 1):
            labels = _voices_only(emb, _partition(vecs, k), starts, ends, gap_tolerance, opts)
            found = len(set(labels.tolist()))
            if found < 2:
                continue
            sep = _min_separation(emb, labels)
            if found not in best or sep > best[found][0]:
                best[found] = (sep, labels)
    seps = {k: round(v[0], 3) for k, v in sorted(best.items()) if k > 1}
    valid = [k for k, (sep, _) in best.items() if sep >= opts.min_separation]
    k = max(valid)
    above = [sep for kk, (sep, _) in best.items() if kk > k]
    scale = 0.02  # separation units: a margin of 0.04 either side gives ~0.88
    sure_here = 1.0 if k == 1 else 1 / (1 + np.exp(-(best[k][0] - opts.min_separation) / scale))
    sure_not_more = 1.0 if not above else 1 / (1 + np.exp(-(opts.min_separation - max(above)) / scale))
    return _renumber(best[k][1]), SpeakerCount(k, round(float(sure_here * sure_not_more), 3), seps)


def _renumber(labels: np.ndarray) -> np.ndarray:
    order: dict[int, int] = {}
    for lab in labels.tolist():
        order.setdefault(lab, len(order))
    return np.array([order[x] for x in labels.tolist()], dtype=int)


def cluster_sample(n: int, cap: int) -> np.ndarray:
    """Indices of at most ``cap`` of ``n`` windows, spread evenly over the call (all if n <= cap)."""
    if n <= cap:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, cap).round().astype(int))


def initial_labels(emb: np.ndarray, options: DiarizationOptions, windows: list[Window] | None = None) -> tuple[np.ndarray, SpeakerCount]:
    """Cluster a bounded sample of windows (counting the voices unless ``num_speakers`` is
    given); the rest join the nearest centroid."""
    idx = cluster_sample(len(emb), options.max_cluster_windows)
    if options.num_speakers is not None:
        labels = spectral_cluster(emb[idx], options.num_speakers, options.max_speakers)
        count = SpeakerCount(len(set(labels.tolist())), 1.0, {}, "given")
    else:
        ws = windows if windows is not None else [Window(i * options.hop, i * options.hop + options.window) for i in range(len(emb))]
        step = len(emb) / max(len(idx), 1)
        labels, count = estimate_speakers(emb[idx], [ws[i] for i in idx], options, gap_tolerance=0.5 + (step - 1) * options.hop)
    if len(idx) == len(emb):
        return labels, count
    ks = sorted(set(labels.tolist()))
    nearest = (emb @ _centroids(emb[idx], labels).T).argmax(1)
    return np.asarray(ks)[nearest], count


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
        unworded: list[tuple[float, float]] = []
        if options.voice_activity:
            from callcoach.speakers.vad import uncovered, voice_activity

            unworded = uncovered(voice_activity(samples), speech)
        extra = make_windows(unworded, options.window, options.hop)
        hook("diarization", 0.0, f"{len(windows) + len(extra)} voice windows")
        emb = self.encoder.embed(samples, windows + extra)
        hook("diarization", 0.7, "clustering")
        return cluster_turns(speech, windows, emb[: len(windows)], options, (self.encoder.info,),
                             unworded=(unworded, extra, emb[len(windows) :]))


def cluster_turns(
    speech: list[tuple[float, float]],
    windows: list[Window],
    emb: np.ndarray,
    options: DiarizationOptions,
    models: tuple[ModelInfo, ...] = (),
    unworded: tuple[list[tuple[float, float]], list[Window], np.ndarray] | None = None,
) -> Diarization:
    """Pure part of diarization: embeddings of windows -> speaker turns with a confidence.

    ``unworded`` is speech the recogniser found no words in (voice-activity regions, their
    windows and embeddings): it does not shape the clusters, but its frames are labelled
    with the speakers found, so that speech counts as someone's talk time.
    """
    if len(windows) == 0:
        att = Attribution("diarization", 0, 0.0, ("no speech found to attribute",))
        return Diarization((), att, models)
    labels, count = initial_labels(emb, options, windows)
    dur = np.array([w.end - w.start for w in windows])
    labels = _absorb_small(emb, labels, dur, options)
    # Two rounds of nearest-centroid refinement sharpen the clusters' edges.
    for _ in range(2):
        cent = _centroids(emb, labels)
        ks = sorted(set(labels.tolist()))
        labels = np.array([ks[i] for i in (emb @ cent.T).argmax(1)])
        labels = _absorb_small(emb, labels, dur, options)
    labels = _merge_alike(emb, labels, options)
    labels = _renumber(labels)
    cent = _centroids(emb, labels)
    if unworded is not None and len(unworded[1]):
        regions, extra, extra_emb = unworded
        turns = label_frames(sorted([*speech, *regions]), [*windows, *extra], np.concatenate([emb, extra_emb]), cent,
                             options.switch_penalty)
    else:
        turns = label_frames(speech, windows, emb, cent, options.switch_penalty)
    # A cluster that wins no frame is not a speaker of the call: number the speakers as they
    # first speak (the first voice heard is A) and keep only those.
    order: dict[str, str] = {}
    for t in turns:
        order.setdefault(t.speaker, speaker_name(len(order)))
    turns = [Turn(t.start, t.end, order[t.speaker]) for t in turns]
    index = {speaker_name(i): i for i in range(len(cent))}
    kept = [index[old] for old in order]
    cent = cent[kept] if kept else cent[:0]
    remap = {k: i for i, k in enumerate(kept)}
    labels = np.array([remap.get(x, -1) for x in labels.tolist()])
    if len(kept) and (labels < 0).any():  # windows of a dropped cluster join the nearest speaker
        labels[labels < 0] = (emb[labels < 0] @ cent.T).argmax(1)
    prints = {speaker_name(i): cent[i] for i in range(len(cent))}
    att = _attribution(emb, labels, cent, dur, turns)
    if options.num_speakers is None and len(cent):
        att = _with_count(att, count, len(cent), float(dur.sum()))
    return Diarization(tuple(turns), att, models, prints)


def _with_count(att: Attribution, count: SpeakerCount, k: int, speech_s: float) -> Attribution:
    """The attribution with the speaker count's confidence, evidence and warnings."""
    details = {**att.details, "count_confidence": count.confidence,
               "count_separation": {str(n): s for n, s in count.separations.items()}}
    warnings = list(att.warnings)
    confidence = att.confidence
    if count.reason and k == 1:
        warnings = [w for w in warnings if not w.startswith("only one voice found")]
        warnings.insert(0, f"only {speech_s:.1f} s of speech: {count.reason}, so everything is attributed to one speaker; "
                           "if this is a two-party call, the talk ratio cannot be trusted")
        confidence = min(confidence, 0.2)
    if k >= 3:
        warnings.append(f"{k} voices found: a multi-party call; every voice but the rep's counts as the customer side")
    if count.confidence < 0.5 and not count.reason:
        warnings.append(f"the number of speakers ({k}) is uncertain (confidence {count.confidence:.2f}): "
                        "if you know it, give it with --speakers N")
        confidence = min(confidence, max(count.confidence, 0.2))  # who said what is no surer than how many spoke
    return Attribution(att.method, k, round(confidence, 3), tuple(warnings), details)


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
