"""Pure evaluation metrics and reference loaders for the callcoach benchmark.

Everything here is deterministic and side-effect free (apart from reading reference files) and
depends only on numpy and scipy, so it can be unit-tested without audio or models.

Conventions:

* A *segment* is ``(start, end, label)`` with times in seconds, ``end >= start``.
* Word error rate is computed on :func:`normalize_text` tokens, never on raw strings.
* Diarization error rate follows NIST md-eval: a ``collar`` of ``c`` seconds removes
  ``[b - c, b + c]`` around every reference turn boundary ``b`` from scoring (md-eval ``-c 0.25``
  equals pyannote.metrics ``collar=0.5``, whose collar is the *total* width).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

Segment = tuple[float, float, str]
"""``(start_seconds, end_seconds, label)``."""

# --------------------------------------------------------------------------------------------
# Text normalisation and WER
# --------------------------------------------------------------------------------------------

FILLERS: frozenset[str] = frozenset({"um", "umm", "uh", "uhh", "hmm", "hm", "mm", "mmm"})
"""Hesitation tokens dropped from reference *and* hypothesis before WER.

Whisper usually omits them while human transcripts sometimes keep them (or the reverse), so they
would count as errors that say nothing about recognition quality.
"""

_TOKEN_MAP: dict[str, tuple[str, ...]] = {
    "ok": ("okay",),
    "okay": ("okay",),
    "alright": ("all", "right"),
}
"""Single-token spelling variants mapped to one canonical form (possibly several tokens)."""

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_DASHES = re.compile(r"[-\u2010\u2011\u2012\u2013\u2014\u2015/]")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_TOKEN = re.compile(r"\d+(?:\.\d+)+|[^\W_]+(?:'[^\W_]+)*")


def normalize_text(s: str) -> list[str]:
    """Tokenise a transcript so that only recognition differences count as WER errors.

    Steps, in order:

    1. Unicode NFKC, lowercase; curly apostrophes become ``'``.
    2. ``%`` becomes ``percent`` and ``&`` becomes ``and``.
    3. Thousands separators inside numbers are removed (``1,497`` -> ``1497``). Digits are *not*
       spelled out: ``950`` and ``nine hundred fifty`` stay different (kept modest on purpose).
    4. Hyphens, dashes and slashes become spaces (``one-on-one`` -> ``one on one``).
    5. Punctuation is dropped; apostrophes survive only inside a word (``don't``, ``neighbor's``)
       and a decimal point only between digits (``2.5``).
    6. ``ok``/``okay`` -> ``okay``; ``alright`` -> ``all right``.
    7. Filler tokens in :data:`FILLERS` (``um``, ``uh``, ``hmm``, ``mm`` and their doubled
       spellings) are removed. Apply this to both sides of a comparison.

    Args:
        s: Raw transcript text.

    Returns:
        The normalised tokens.
    """
    text = unicodedata.normalize("NFKC", s).lower().translate(_APOSTROPHES)
    text = text.replace("%", " percent ").replace("&", " and ")
    text = _THOUSANDS.sub("", text)
    text = _DASHES.sub(" ", text)
    tokens: list[str] = []
    for raw in _TOKEN.findall(text):
        for tok in _TOKEN_MAP.get(raw, (raw,)):
            if tok not in FILLERS:
                tokens.append(tok)
    return tokens


@dataclass(frozen=True, slots=True)
class WerResult:
    """Word error rate and its error counts.

    Attributes:
        wer: ``(substitutions + deletions + insertions) / ref_words``; ``0.0`` when both sides are
            empty and ``inf`` when only the reference is empty.
        substitutions: Reference words recognised as a different word.
        deletions: Reference words missing from the hypothesis.
        insertions: Hypothesis words with no reference counterpart.
        ref_words: Number of normalised reference tokens.
    """

    wer: float
    substitutions: int
    deletions: int
    insertions: int
    ref_words: int

    @property
    def errors(self) -> int:
        """Total edit operations ``S + D + I``."""
        return self.substitutions + self.deletions + self.insertions


def _edit_matrix(ref: Sequence[int], hyp: Sequence[int]) -> np.ndarray:
    """Levenshtein cost matrix ``D[i, j]`` between ``ref[:i]`` and ``hyp[:j]`` (unit costs)."""
    n, m = len(ref), len(hyp)
    d = np.empty((n + 1, m + 1), dtype=np.int32)
    d[0] = np.arange(m + 1)
    d[:, 0] = np.arange(n + 1)
    if m == 0:
        return d
    hyp_arr = np.asarray(hyp, dtype=np.int64)
    cols = np.arange(1, m + 1)
    for i in range(1, n + 1):
        prev = d[i - 1]
        sub = prev[:-1] + (hyp_arr != ref[i - 1])
        row = np.minimum(sub, prev[1:] + 1)  # substitution/match or deletion
        # insertions chain along the row: row[j] = min_k (row[k] + j - k), with d[i, 0] = i
        row = np.minimum(row, i + cols)
        d[i, 1:] = np.minimum.accumulate(row - cols) + cols
    return d


def _backtrace(d: np.ndarray, ref: Sequence[int], hyp: Sequence[int]) -> tuple[int, int, int]:
    """Count substitutions, deletions and insertions on one optimal alignment.

    Ties prefer a diagonal move (match or substitution), then a deletion, then an insertion.
    """
    i, j = len(ref), len(hyp)
    s = dl = ins = 0
    while i > 0 or j > 0:
        if i > 0 and j > 0:
            cost = int(ref[i - 1] != hyp[j - 1])
            if d[i, j] == d[i - 1, j - 1] + cost:
                s += cost
                i, j = i - 1, j - 1
                continue
        if i > 0 and d[i, j] == d[i - 1, j] + 1:
            dl += 1
            i -= 1
        else:
            ins += 1
            j -= 1
    return s, dl, ins


def wer(ref: str, hyp: str) -> WerResult:
    """Word error rate of ``hyp`` against ``ref`` after :func:`normalize_text` on both.

    Uses a minimum-edit-distance (Levenshtein) alignment with unit costs; O(len(ref) * len(hyp))
    time and memory, fine for transcripts of a few thousand words.

    Args:
        ref: Reference transcript.
        hyp: Hypothesis (recognised) transcript.

    Returns:
        The :class:`WerResult`.
    """
    ref_tokens, hyp_tokens = normalize_text(ref), normalize_text(hyp)
    vocab: dict[str, int] = {}
    r = [vocab.setdefault(t, len(vocab)) for t in ref_tokens]
    h = [vocab.setdefault(t, len(vocab)) for t in hyp_tokens]
    s, dl, ins = _backtrace(_edit_matrix(r, h), r, h)
    n = len(r)
    if n:
        rate = (s + dl + ins) / n
    else:
        rate = 0.0 if ins == 0 else float("inf")
    return WerResult(rate, s, dl, ins, n)


# --------------------------------------------------------------------------------------------
# Diarization error rate
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DerResult:
    """Diarization error rate and its components, all in seconds of speaker time.

    Attributes:
        der: ``(missed + false_alarm + confusion) / total``; ``0.0`` when nothing is scored and
            nothing is wrong, ``inf`` when there is no scored reference speech but errors.
        missed: Reference speaker-time with too few hypothesis speakers.
        false_alarm: Hypothesis speaker-time in excess of the reference speakers.
        confusion: Speaker-time attributed to the wrong (unmapped) hypothesis speaker.
        total: Scored reference speaker-time (overlap counts once per speaker).
        mapping: The optimal one-to-one ``reference label -> hypothesis label`` mapping (only
            pairs that overlap in scored time).
    """

    der: float
    missed: float
    false_alarm: float
    confusion: float
    total: float
    mapping: dict[str, str] = field(default_factory=dict)


def merge_segments(segments: Iterable[Segment], gap: float = 0.0) -> list[Segment]:
    """Merge same-label segments that overlap or are separated by at most ``gap`` seconds.

    Zero- or negative-length segments are dropped. The result is sorted by ``(start, label)``.

    Args:
        segments: Segments in any order.
        gap: Largest silence (seconds) bridged between two segments of one label.

    Returns:
        The merged segments.
    """
    by_label: dict[str, list[tuple[float, float]]] = {}
    for start, end, label in segments:
        if end > start:
            by_label.setdefault(label, []).append((float(start), float(end)))
    merged: list[Segment] = []
    for label, spans in by_label.items():
        spans.sort()
        cur_s, cur_e = spans[0]
        for s, e in spans[1:]:
            if s <= cur_e + gap:
                cur_e = max(cur_e, e)
            else:
                merged.append((cur_s, cur_e, label))
                cur_s, cur_e = s, e
        merged.append((cur_s, cur_e, label))
    merged.sort(key=lambda seg: (seg[0], seg[2]))
    return merged


def _activity(
    segments: Sequence[Segment], labels: Sequence[str], edges: np.ndarray
) -> np.ndarray:
    """Boolean ``(n_intervals, n_labels)`` matrix: is the label active in each elementary interval."""
    act = np.zeros((len(edges) - 1, len(labels)), dtype=bool)
    index = {lab: k for k, lab in enumerate(labels)}
    for start, end, label in segments:
        a = int(np.searchsorted(edges, start))
        b = int(np.searchsorted(edges, end))
        act[a:b, index[label]] = True
    return act


def der(
    reference: Sequence[Segment],
    hypothesis: Sequence[Segment],
    collar: float = 0.25,
    skip_overlap: bool = False,
) -> DerResult:
    """NIST-style diarization error rate, computed exactly on segment boundaries.

    Conventions (md-eval):

    * Same-label segments that overlap or touch are merged first (on both sides).
    * ``collar``: the span ``[b - collar, b + collar]`` around every reference turn start and end
      ``b`` is not scored (md-eval ``-c``; pyannote.metrics ``collar=2*collar``).
    * The scored extent is the union of reference and hypothesis extents (no UEM): hypothesis
      speech outside the reference extent is false alarm.
    * In every scored instant with ``R`` reference and ``H`` hypothesis speakers active:
      total += R, missed += max(0, R - H), false alarm += max(0, H - R),
      confusion += min(R, H) - (reference speakers whose mapped hypothesis speaker is active).
      Overlapped reference speech therefore counts once per speaker.
    * ``skip_overlap``: instants with two or more reference speakers are not scored.
    * The mapping is one-to-one and maximises scored co-occurrence time
      (:func:`scipy.optimize.linear_sum_assignment`).

    Args:
        reference: Reference segments ``(start, end, label)``.
        hypothesis: Hypothesis segments; labels need not match the reference's.
        collar: Seconds not scored on each side of each reference boundary.
        skip_overlap: Exclude overlapped reference speech from scoring.

    Returns:
        The :class:`DerResult`.
    """
    ref = merge_segments(reference)
    hyp = merge_segments(hypothesis)
    boundaries = np.array(sorted({t for s, e, _ in ref for t in (s, e)}), dtype=float)
    points = {t for s, e, _ in ref + hyp for t in (s, e)}
    if collar > 0:
        points.update((boundaries - collar).tolist())
        points.update((boundaries + collar).tolist())
    edges = np.array(sorted(points), dtype=float)
    if len(edges) < 2:
        return DerResult(0.0, 0.0, 0.0, 0.0, 0.0, {})

    ref_labels = sorted({lab for _, _, lab in ref})
    hyp_labels = sorted({lab for _, _, lab in hyp})
    r_act = _activity(ref, ref_labels, edges)
    h_act = _activity(hyp, hyp_labels, edges)
    dur = np.diff(edges)

    scored = np.ones(len(dur), dtype=bool)
    if collar > 0 and len(boundaries):
        mid = (edges[:-1] + edges[1:]) / 2
        near = np.abs(mid[:, None] - boundaries[None, :]) < collar
        scored &= ~near.any(axis=1)
    n_ref = r_act.sum(axis=1)
    n_hyp = h_act.sum(axis=1)
    if skip_overlap:
        scored &= n_ref <= 1
    w = np.where(scored, dur, 0.0)

    mapping: dict[str, str] = {}
    correct = np.zeros(len(dur), dtype=float)
    if ref_labels and hyp_labels:
        overlap = (r_act * w[:, None]).T.astype(float) @ h_act.astype(float)
        rows, cols = linear_sum_assignment(overlap, maximize=True)
        for r, h in zip(rows, cols):
            if overlap[r, h] > 0:
                mapping[ref_labels[r]] = hyp_labels[h]
                correct += r_act[:, r] & h_act[:, h]

    total = float(np.sum(w * n_ref))
    missed = float(np.sum(w * np.maximum(0, n_ref - n_hyp)))
    false_alarm = float(np.sum(w * np.maximum(0, n_hyp - n_ref)))
    confusion = float(np.sum(w * (np.minimum(n_ref, n_hyp) - correct)))
    errors = missed + false_alarm + confusion
    if total > 0:
        rate = errors / total
    else:
        rate = 0.0 if errors == 0 else float("inf")
    return DerResult(rate, missed, false_alarm, confusion, total, mapping)


# --------------------------------------------------------------------------------------------
# Talk shares
# --------------------------------------------------------------------------------------------


def talk_shares(segments: Iterable[Segment]) -> dict[str, float]:
    """Each label's share of the total talk time, as a fraction in ``[0, 1]``.

    A label's talk time is the length of the union of its segments; overlapped speech counts for
    every speaker, so shares are relative to the sum of per-speaker times.

    Args:
        segments: Segments ``(start, end, label)``.

    Returns:
        ``{label: share}`` (empty when there is no speech).
    """
    times: dict[str, float] = {}
    for start, end, label in merge_segments(segments):
        times[label] = times.get(label, 0.0) + (end - start)
    total = sum(times.values())
    if total <= 0:
        return {}
    return {label: t / total for label, t in sorted(times.items())}


def talk_share_errors(
    ref_segments: Iterable[Segment],
    hyp_segments: Iterable[Segment],
    mapping: Mapping[str, str],
) -> dict[str, float]:
    """Absolute talk-share error per reference speaker, in percentage points.

    Args:
        ref_segments: Reference segments.
        hyp_segments: Hypothesis segments.
        mapping: ``reference label -> hypothesis label`` (e.g. :attr:`DerResult.mapping`); a
            reference speaker with no mapped hypothesis speaker is compared against a share of 0.

    Returns:
        ``{reference label: |ref share - hyp share| * 100}``.
    """
    ref_shares = talk_shares(ref_segments)
    hyp_shares = talk_shares(hyp_segments)
    errors: dict[str, float] = {}
    for label, share in ref_shares.items():
        hyp_label = mapping.get(label)
        hyp_share = hyp_shares.get(hyp_label, 0.0) if hyp_label is not None else 0.0
        errors[label] = abs(share - hyp_share) * 100.0
    return errors


# --------------------------------------------------------------------------------------------
# Reference loaders
# --------------------------------------------------------------------------------------------


def load_rttm(path: str | Path, file_id: str | None = None) -> list[Segment]:
    """Read the ``SPEAKER`` lines of an RTTM file.

    RTTM fields: ``SPEAKER file channel onset duration <NA> <NA> name <NA> <NA>``.

    Args:
        path: The ``.rttm`` file.
        file_id: Keep only lines for this file id (all lines when None).

    Returns:
        Segments ``(onset, onset + duration, name)`` sorted by start.
    """
    segments: list[Segment] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if len(fields) < 8 or fields[0] != "SPEAKER":
            continue
        if file_id is not None and fields[1] != file_id:
            continue
        onset, duration = float(fields[3]), float(fields[4])
        segments.append((onset, onset + duration, fields[7]))
    segments.sort(key=lambda seg: (seg[0], seg[2]))
    return segments


def load_stm(path: str | Path) -> tuple[str, list[Segment]]:
    """Read an STM transcript: ``file channel speaker start end [<labels>] text``.

    Comment lines (``;;``) are skipped, as is the text of ``ignore_time_segment_in_scoring``
    segments.

    Args:
        path: The ``.stm`` file.

    Returns:
        ``(text, segments)``: all segment texts joined in time order, and one
        ``(start, end, speaker)`` per line sorted by start.
    """
    rows: list[tuple[float, float, str, str]] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(";;"):
            continue
        fields = line.split(maxsplit=5)
        if len(fields) < 5:
            continue
        text = fields[5] if len(fields) > 5 else ""
        if text.startswith("<"):
            text = text.split(">", 1)[1].strip() if ">" in text else ""
        if text.strip().lower() == "ignore_time_segment_in_scoring":
            text = ""
        rows.append((float(fields[3]), float(fields[4]), fields[2], text))
    rows.sort(key=lambda r: (r[0], r[1]))
    text = " ".join(r[3] for r in rows if r[3])
    return text, [(s, e, spk) for s, e, spk, _ in rows]


def load_gecko_json(path: str | Path) -> tuple[str, list[Segment]]:
    """Read a Gecko transcript (``{"monologues": [{"speaker": {"id"}, "terms": [...]}]}``).

    Only terms of type ``WORD`` are used; punctuation terms are ignored.

    Args:
        path: The ``.json`` file (e.g. ``audio/sales-demo/demo.json``).

    Returns:
        ``(text, turns)``: the words joined in monologue order, and per monologue with at least
        one word ``(start of first word, end of last word, speaker id)``.
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    words: list[str] = []
    turns: list[Segment] = []
    for mono in data["monologues"]:
        speaker = str(mono["speaker"]["id"])
        terms = [t for t in mono.get("terms", []) if t.get("type", "WORD") == "WORD"]
        if not terms:
            continue
        words.extend(str(t["text"]) for t in terms)
        turns.append((float(terms[0]["start"]), float(terms[-1]["end"]), speaker))
    return " ".join(words), turns


def load_osr_reference(path: str | Path, filename: str | None = None) -> str:
    """Read the reference transcription from an Open Speech Repository ``test_samples.json``.

    The file is a list of ``{"filename", "transcription", "duration"}`` entries.

    Args:
        path: The ``test_samples.json`` file.
        filename: Entry to return; when None the file must hold exactly one entry.

    Returns:
        The transcription text.

    Raises:
        KeyError: ``filename`` is not in the file.
        ValueError: ``filename`` is None and the file holds several entries.
    """
    entries = json.loads(Path(path).read_text(encoding="utf-8"))
    if filename is None:
        if len(entries) != 1:
            raise ValueError(f"{path}: {len(entries)} entries, name the one wanted")
        return str(entries[0]["transcription"])
    for entry in entries:
        if entry["filename"] == filename:
            return str(entry["transcription"])
    raise KeyError(f"{path}: no entry for {filename}")


def load_text(path: str | Path) -> str:
    """Read a plain-text reference transcript (e.g. ``audio/jfk/jfk.txt``), whitespace-collapsed."""
    return " ".join(Path(path).read_text(encoding="utf-8").split())
