"""Speaker-labelled transcripts of an analysed call: SubRip (``.srt``), WebVTT (``.vtt``) and
plain text (``.txt``), as ``callcoach analyze/batch --format`` writes them.

They are made from the same :class:`~callcoach.call.Call` as the JSON analysis (redacted when
redaction is on), never from the recording. Each speaker is labelled by role, so a player
shows who talks: ``Rep``, ``Customer``, ``Speaker A`` for a speaker of no known role, the
speaker id added where several share a role (``Customer B``, ``Customer C``) and a name where
one is known (``Rep (dana)`` for an enrolled rep; transcripts' speaker names, ``Rep (Dana
Smith)``). Labels are unique within a call, so reading an exported file back keeps the speakers
apart.

- SRT: ``[Rep] text`` cues, ``00:01:05,250`` times (comma before the milliseconds).
- VTT: ``<v Rep>text`` cues, ``00:01:05.250`` times, ``&``, ``<`` and ``>`` escaped. Read back by
  :mod:`callcoach.transcripts` it gives the same utterances, speakers and times (to the
  millisecond) wherever no utterance was split.
- TXT: one line per utterance, ``[00:01:05] Rep: text`` (no time where the transcript had none).

A cue is one utterance, except that a long one is split, as WhisperX splits its subtitles, into
cues of at most :data:`MAX_CUE_SECONDS` seconds and :data:`MAX_LINES` lines of
:data:`MAX_LINE_CHARS` characters, cut between words at the words' times (at times spread by
characters where the utterance has no word times), after a sentence where one ends late enough
in the cue, and at any pause of :data:`PAUSE_SECONDS` or more; two lines are balanced, a line
after the first never looks like a speaker prefix (``Price: ...`` would read back as a speaker
"Price"), and a piece holding no word (``...``) joins its neighbour, since readers drop a cue
without words. Utterances without times (a
transcript that gave none) have no place in a subtitle file and are left out of SRT and VTT
(:func:`untimed_utterances` counts them).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from callcoach.call import Call, Utterance

MAX_CUE_SECONDS = 7.0
MAX_LINE_CHARS = 42
MAX_LINES = 2
#: A pause between two words at least this long always starts a new cue.
PAUSE_SECONDS = 3.0
_ROLE_NAMES = {"rep": "Rep", "customer": "Customer"}
_SENTENCE_END = (".", "?", "!", "…")
_HAS_WORD = re.compile(r"[^\W_]")
#: What the SRT reader takes for a speaker at the start of a line: ``Name:`` or ``[Name]``.
_LOOKS_LIKE_SPEAKER = re.compile(r"^\s*(?:[-–—]\s)?(?:\[|[^\W\d_][\w'’.\- ]{0,39}?\s*:(?:\s|$))")


@dataclass(frozen=True, slots=True)
class Cue:
    """One subtitle: a speaker's label, its time span and its text (lines joined by ``\\n``)."""

    label: str
    start: float
    end: float
    text: str


def speaker_labels(call: Call) -> dict[str, str]:
    """Every speaker id of ``call`` -> its label (see the module docstring); labels are unique."""
    ids = [s.id for s in call.speakers]
    ids += [u.speaker for u in call.utterances if u.speaker not in ids]
    ids = list(dict.fromkeys(ids))
    shared = {r: sum(1 for i in ids if call.role_of(i) == r) for r in _ROLE_NAMES}
    named = call.attribution.method == "transcript"  # a transcript's speaker ids are its names
    labels: dict[str, str] = {}
    for sid in ids:
        role = call.role_of(sid)
        base = _ROLE_NAMES.get(role, "Speaker")
        name = call.roles.name if sid == call.roles.rep and call.roles.name else (sid if named else None)
        if name:
            label = f"{base} ({name})"
        elif role in _ROLE_NAMES and shared[role] == 1:
            label = base
        else:
            label = f"{base} {sid}"
        labels[sid] = " ".join(label.split())
    seen: dict[str, int] = {}
    for sid, label in labels.items():  # two names that differ only in spacing, say
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            labels[sid] = f"{label} #{seen[label]}"
    return labels


def untimed_utterances(call: Call) -> int:
    """How many utterances have no time (they are left out of SRT and VTT)."""
    return sum(1 for u in call.utterances if u.start is None or u.end is None)


def cues(call: Call) -> list[Cue]:
    """The subtitle cues of ``call``, in utterance order (long utterances split)."""
    labels = speaker_labels(call)
    out: list[Cue] = []
    for u in call.utterances:
        if u.start is None or u.end is None:
            continue
        out.extend(Cue(labels[u.speaker], s, e, t) for s, e, t in split_utterance(u))
    return out


def split_utterance(u: Utterance) -> list[tuple[float, float, str]]:
    """(start, end, text) of each cue of a timed utterance: one cue when it fits, else pieces cut
    between words (see the module docstring). The pieces' words, joined, are the utterance's."""
    assert u.start is not None and u.end is not None
    tokens = u.text.split()
    if not tokens:
        return []
    start, end = u.start, max(u.start, u.end)
    whole = _wrap(tokens)
    if end - start <= MAX_CUE_SECONDS and whole is not None:
        return [(start, end, "\n".join(whole))]
    times = _token_times(u, tokens)
    pieces: list[list[int]] = [[]]
    for i, (t0, _t1) in enumerate(times):
        cur = pieces[-1]
        if cur:
            first, last = times[cur[0]][0], times[cur[-1]][1]
            too_long = max(times[i][1], last) - first > MAX_CUE_SECONDS
            too_wide = not _fits([tokens[k] for k in cur] + [tokens[i]])
            paused = t0 - last >= PAUSE_SECONDS
            chars = sum(len(tokens[k]) + 1 for k in cur)
            sentence = tokens[cur[-1]].endswith(_SENTENCE_END) and chars >= MAX_LINE_CHARS
            if too_long or too_wide or paused or sentence:
                pieces.append([])
        pieces[-1].append(i)
    pieces = _no_wordless(pieces, tokens)
    result = []
    for n, piece in enumerate(pieces):
        words = [tokens[k] for k in piece]
        s = start if n == 0 else times[piece[0]][0]
        e = end if n == len(pieces) - 1 else times[piece[-1]][1]
        s = min(max(s, result[-1][1] if result else start), end)
        e = min(max(e, s), end)
        lines = _wrap(words) or [" ".join(words)]  # a single word wider than a cue: one line
        result.append((s, e, "\n".join(lines)))
    return result


def _no_wordless(pieces: list[list[int]], tokens: list[str]) -> list[list[int]]:
    """``pieces`` with each one that holds no word (``-->``, ``...``) joined to its neighbour: a
    cue without a word is dropped by transcript readers (callcoach's too)."""
    out: list[list[int]] = []
    for piece in pieces:
        if out and not any(_HAS_WORD.search(tokens[k]) for k in out[-1]):
            out[-1] = out[-1] + piece  # a wordless first piece takes the next one in
        elif out and not any(_HAS_WORD.search(tokens[k]) for k in piece):
            out[-1] = out[-1] + piece
        else:
            out.append(piece)
    return out


def _token_times(u: Utterance, tokens: list[str]) -> list[tuple[float, float]]:
    """A (start, end) per token of the utterance's text: its word's times where the words spell
    the text, else times spread over the utterance in proportion to the characters before it."""
    assert u.start is not None and u.end is not None
    if u.words:
        per_word = [(w, w.text.split()) for w in u.words]
        if [t for _, ts in per_word for t in ts] == tokens:
            return [(w.start, w.end) for w, ts in per_word for _ in ts]
    total = sum(len(t) + 1 for t in tokens) or 1
    span = max(0.0, u.end - u.start)
    times, pos = [], 0
    for t in tokens:
        a = u.start + span * pos / total
        pos += len(t) + 1
        times.append((a, u.start + span * pos / total))
    return times


def _fits(words: Sequence[str]) -> bool:
    """Whether ``words`` fit in :data:`MAX_LINES` lines of :data:`MAX_LINE_CHARS` characters
    (greedy filling: linear, where :func:`_wrap` tries every break)."""
    lines, width = 0, 0
    for w in words:
        if lines and width + 1 + len(w) <= MAX_LINE_CHARS:
            width += 1 + len(w)
            continue
        lines, width = lines + 1, len(w)
        if lines > MAX_LINES or width > MAX_LINE_CHARS:
            return False
    return True


def _wrap(words: Sequence[str]) -> list[str] | None:
    """``words`` in at most :data:`MAX_LINES` lines of at most :data:`MAX_LINE_CHARS` characters,
    two lines balanced (the break that makes the longer line shortest); never a second line that
    looks like a speaker prefix (a line starting ``Price:`` or ``[CARD]`` would read back as a
    speaker: the words then go on one line). None when they do not fit."""
    line = " ".join(words)
    if len(line) <= MAX_LINE_CHARS:
        return [line]
    if len(line) > MAX_LINES * MAX_LINE_CHARS + 1:
        return None
    best: tuple[int, list[str]] | None = None
    speaker_like = False
    for k in range(1, len(words)):
        first, second = " ".join(words[:k]), " ".join(words[k:])
        longer = max(len(first), len(second))
        if longer > MAX_LINE_CHARS:
            continue
        if _LOOKS_LIKE_SPEAKER.match(second + " "):
            speaker_like = True
        elif best is None or longer < best[0]:
            best = (longer, [first, second])
    if best is not None:
        return best[1]
    return [line] if speaker_like else None


def srt_time(t: float) -> str:
    """``HH:MM:SS,mmm`` (SubRip)."""
    return _clock(t, ",")


def vtt_time(t: float) -> str:
    """``HH:MM:SS.mmm`` (WebVTT)."""
    return _clock(t, ".")


def _clock(t: float, sep: str) -> str:
    ms = max(0, round(float(t) * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def vtt_escape(text: str) -> str:
    """Text for a WebVTT cue or voice name: ``&``, ``<`` and ``>`` as character references."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_srt(call: Call) -> str:
    """The call as SubRip: numbered cues, ``[Label] text``."""
    blocks = []
    for n, c in enumerate(cues(call), 1):
        blocks.append(f"{n}\n{srt_time(c.start)} --> {srt_time(c.end)}\n[{c.label}] {c.text}\n")
    return "\n".join(blocks)


def render_vtt(call: Call) -> str:
    """The call as WebVTT: ``<v Label>text`` cues, text escaped."""
    blocks = ["WEBVTT\n"]
    for c in cues(call):
        blocks.append(f"{vtt_time(c.start)} --> {vtt_time(c.end)}\n<v {vtt_escape(c.label)}>{vtt_escape(c.text)}\n")
    return "\n".join(blocks)


def render_txt(call: Call) -> str:
    """The call as plain text: ``[HH:MM:SS] Label: text``, one line per utterance."""
    labels = speaker_labels(call)
    lines = []
    for u in call.utterances:
        when = f"[{_clock(u.start, '.')[:8]}] " if u.start is not None else ""
        lines.append(f"{when}{labels[u.speaker]}: {' '.join(u.text.split())}")
    return "\n".join(lines) + ("\n" if lines else "")


RENDERERS = {"srt": render_srt, "vtt": render_vtt, "txt": render_txt}
