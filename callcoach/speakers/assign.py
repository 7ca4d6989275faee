"""Pure functions from words and speaker turns to utterances.

Words get speakers by time overlap with the turns (the interval idea of whisperX's
``assign_word_speakers``, on sorted turns with bisection), and utterances break at every change
of speaker, so no utterance ever spans two people.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Iterable, Sequence

from callcoach.call import Utterance, VoiceSpan, Word
from callcoach.speakers.diarize import Turn


@dataclass(frozen=True, slots=True)
class SpeakerWord:
    """A word and the speaker it was attributed to."""

    word: Word
    speaker: str


def speech_regions(words: Iterable[Word], bridge: float = 0.5) -> list[tuple[float, float]]:
    """Merge word spans whose gaps are at most ``bridge`` seconds into speech regions."""
    spans = sorted((w.start, max(w.end, w.start)) for w in words)
    out: list[tuple[float, float]] = []
    for s, e in spans:
        if out and s - out[-1][1] <= bridge:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def talk_time(words: Iterable[Word], bridge: float = 0.5) -> float:
    """Seconds of speech: word spans merged across pauses of at most ``bridge`` seconds."""
    return sum(e - s for s, e in speech_regions(words, bridge))


def unworded_spans(turns: Sequence[Turn], words: Sequence[Word], speakers: set[str], min_len: float = 0.25) -> tuple[VoiceSpan, ...]:
    """The parts of ``turns`` (of the given speakers) that no word's speech region reaches:
    speech the recogniser found no words in, at least ``min_len`` seconds long."""
    from callcoach.speakers.vad import uncovered

    covered = speech_regions(words, 0.3)
    out: list[VoiceSpan] = []
    for t in sorted(turns, key=lambda t: (t.start, t.end)):
        if t.speaker in speakers:
            out.extend(VoiceSpan(t.speaker, s, e) for s, e in uncovered([(t.start, t.end)], covered, min_len))
    return tuple(out)


def talk_time_with(words: Iterable[Word], extra: Iterable[VoiceSpan], bridge: float = 0.5) -> float:
    """:func:`talk_time` of the words together with speech spans that have no words."""
    spans = [*words, *(Word(v.start, v.end, "") for v in extra)]
    return talk_time(spans, bridge)


def assign_speakers(words: Sequence[Word], turns: Sequence[Turn]) -> list[SpeakerWord]:
    """Give each word the speaker whose turns overlap it most (nearest turn if none overlaps).

    Returns new objects; ``words`` and ``turns`` are not changed. With no turns every word gets
    speaker ``A``.
    """
    if not turns:
        return [SpeakerWord(w, "A") for w in words]
    ts = sorted(turns, key=lambda t: (t.start, t.end))
    starts = [t.start for t in ts]
    # Turns never nest deeply, so the longest turn bounds how far back an overlap can start.
    longest = max(t.end - t.start for t in ts)
    out: list[SpeakerWord] = []
    for w in words:
        lo = bisect.bisect_left(starts, w.start - longest)
        hi = bisect.bisect_right(starts, w.end)
        overlap: dict[str, float] = {}
        for t in ts[lo:hi]:
            ov = min(w.end, t.end) - max(w.start, t.start)
            if ov > 0:
                overlap[t.speaker] = overlap.get(t.speaker, 0.0) + ov
        if overlap:
            spk = max(sorted(overlap), key=lambda s: overlap[s])
        else:
            mid = (w.start + w.end) / 2
            near = min(ts, key=lambda t: 0.0 if t.start <= mid <= t.end else min(abs(t.start - mid), abs(t.end - mid)))
            spk = near.speaker
        out.append(SpeakerWord(w, spk))
    return out


def build_utterances(
    words: Sequence[SpeakerWord],
    max_pause: float = 2.0,
    soft_max_seconds: float = 20.0,
) -> list[Utterance]:
    """Group time-ordered attributed words into utterances.

    An utterance ends at a change of speaker (always), at a pause longer than ``max_pause``,
    or at the end of a sentence once it has run longer than ``soft_max_seconds``.
    """
    ordered = sorted(words, key=lambda sw: (sw.word.start, sw.word.end))
    utts: list[Utterance] = []
    cur: list[Word] = []
    cur_spk = ""

    def flush() -> None:
        if cur:
            text = " ".join(w.text for w in cur)
            utts.append(Utterance(len(utts), cur_spk, cur[0].start, max(w.end for w in cur), text, tuple(cur)))

    for sw in ordered:
        w = sw.word
        if cur:
            pause = w.start - cur[-1].end
            long_and_done = (cur[-1].end - cur[0].start) > soft_max_seconds and cur[-1].text.endswith((".", "?", "!"))
            if sw.speaker != cur_spk or pause > max_pause or long_and_done:
                flush()
                cur = []
        if not cur:
            cur_spk = sw.speaker
        cur.append(w)
    flush()
    return utts
