"""Transcripts that already exist, read into a :class:`~callcoach.call.Call` with no audio.

Formats (chosen by extension):

``.json``
    a callcoach transcript::

        {"utterances": [{"speaker": "A", "start": 0.0, "end": 2.1, "text": "...",
                         "words": [{"start": 0.0, "end": 0.4, "text": "Hi"}]}],
         "roles": {"A": "rep", "B": "customer"}}

    ``start``/``end`` (both or neither), ``words`` and ``roles`` are optional; an utterance
    with words but no times takes its span from them. ``roles`` may name only the rep: the
    other speakers are then customers; speakers it leaves out otherwise stay ``unknown``, and
    a name that never speaks is an error. Or a full ``callcoach.analysis/1`` file (read with
    :meth:`Call.from_dict`, tags and all).
``.vtt``
    WebVTT. The speaker comes from a voice span ``<v Name>text</v>`` (``<v.class Name>`` too;
    several voices in one cue become several utterances that share the cue's time in
    proportion to their text), else from a ``Name: text`` or ``[Name] text`` prefix. Cue
    timings may omit the hours; cue settings, NOTE/STYLE/REGION blocks and other tags
    (``<c>``, ``<i>``, ``<b>``, timestamp tags) are dropped, HTML entities decoded.
``.srt``
    SubRip with ``Name: text``, ``NAME: text`` or ``[Name] text`` prefixes; lines of a cue are
    joined with a space, and a later line with its own prefix starts a new utterance.

A ``Name:`` prefix is at most five words, and a name of several words has no word starting in
lower case ("Dr. Smith:", "SPEAKER 1:" are names, "the options are:" is not). Timings accept
``.`` or ``,`` before the milliseconds in both formats.

Every cue (or voice) is one utterance, in input order, ids 0..n-1; consecutive cues of one
speaker are not merged. Cues with no speaker name get speaker ``unknown`` (and a warning on the
attribution); a file where no cue names a speaker is refused. Bracketed sound annotations
(``[Music]``, ``[laughter]`` ...) are dropped.

The call has ``attribution.method == "transcript"`` (confidence 1.0), ``channels == 0``, no
sample rate, ``duration`` = the last end time (None without times), speakers in order of first
appearance, and roles from the file, else ``RoleAssignment(None, "unknown", 0.0, ())`` so that
role inference can run afterwards. Every problem is a :class:`TranscriptError` that names the
file, the line (or utterance) and the fix; parsing is linear in the size of the input, and a
cue or utterance text over ``MAX_TEXT_CHARS`` (100,000) characters is refused.
"""

from __future__ import annotations

import html
import json
import math
import re
from pathlib import Path
from typing import Any, NoReturn

from callcoach.call import SCHEMA, Attribution, Call, RoleAssignment, Speaker, Utterance, Word
from callcoach.errors import TranscriptError
from callcoach.speakers.assign import talk_time

EXTENSIONS = (".json", ".vtt", ".srt")
UNKNOWN_SPEAKER = "unknown"

VTT_TIMING_FIX = "cue timings look like 00:01:02.500 --> 00:01:05.000 (the hours are optional)"
SRT_TIMING_FIX = "cue timings look like 00:00:01,000 --> 00:00:02,000"
SPEAKER_FIX = "add speaker names to the cues: a voice span '<v Name>text</v>' or a 'Name: text' prefix"

# Every pattern is linear: character classes stop at the delimiter they look for.
_TIME = re.compile(r"(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?")
_TAG = re.compile(r"<([^<>]*)>")
_ASS_TAG = re.compile(r"\{\\[^{}]*\}")
_PREFIX = re.compile(r"\s*([^\W\d_][\w'’.\- ]{0,39}?)\s*:(?:\s+|$)")
_BRACKET = re.compile(r"\s*\[([^\[\]]{1,40})\]\s*")
_ANNOTATION = re.compile(r"\[[^\[\]]{0,60}\]|\([^()]{0,60}\)")
_SOUNDS = {
    "music",
    "laughter",
    "laughs",
    "laughing",
    "applause",
    "inaudible",
    "crosstalk",
    "silence",
    "noise",
    "background noise",
    "pause",
    "unintelligible",
    "blank_audio",
    "no speech",
    "cough",
    "coughs",
    "sigh",
    "sighs",
    "static",
    "beep",
    "ringing",
    "phone ringing",
    "indistinct",
}
_BLOCK_KEYWORDS = ("NOTE", "STYLE", "REGION")
_HAS_WORD = re.compile(r"[^\W_]")
_MAX_NAME_WORDS = 5
#: The most characters one cue or one utterance's text may hold (about 17,000 words, well
#: over an hour of one person talking). Longer is not a transcript, and tagging a megabyte-long
#: utterance would take minutes: it is refused with a clear error.
MAX_TEXT_CHARS = 100_000


def is_transcript(path: str | Path) -> bool:
    """True for ``.vtt`` and ``.srt`` files, and for ``.json`` files whose top level holds an
    ``utterances`` list (a callcoach transcript or analysis). Never raises."""
    p = Path(path)
    ext = p.suffix.lower()
    if ext in (".vtt", ".srt"):
        return True
    if ext != ".json":
        return False
    try:
        d = json.loads(_decode(p, p.read_bytes()))
    except (OSError, ValueError, RecursionError, TranscriptError):
        return False
    return isinstance(d, dict) and isinstance(d.get("utterances"), list)


def load_transcript(path: str | Path) -> Call:
    """Read a transcript (``.json``, ``.vtt`` or ``.srt``) into a :class:`Call` with no audio.

    Raises:
        TranscriptError: the file cannot be read or parsed; the message names the file, the
            line or utterance where possible, and how to fix it.
    """
    p = Path(path)
    ext = p.suffix.lower()
    if ext not in EXTENSIONS:
        _fail(
            p,
            f"'{p.suffix or p.name}' is not a transcript format callcoach reads",
            "use a .json, .vtt or .srt transcript",
        )
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        _fail(p, "no such file", "check the path")
    except IsADirectoryError:
        _fail(p, "is a directory, not a transcript file", "give the path of a .json, .vtt or .srt file")
    except OSError as e:
        _fail(p, f"cannot be read ({e.strerror or e})", "check the file's permissions")
    text = _decode(p, data)
    try:
        if ext == ".json":
            return _load_json(p, text)
        return _load_cues(p, text, "webvtt" if ext == ".vtt" else "srt")
    except TranscriptError:
        raise
    except RecursionError:
        _fail(p, "is nested too deeply to read", "a transcript is a flat list of utterances")


# ------------------------------------------------------------------------------------------
# Shared


def _fail(path: Path, problem: str, fix: str) -> NoReturn:
    raise TranscriptError(path, problem, fix)


def _clip(s: str, n: int = 60) -> str:
    s = s.strip()
    return s if len(s) <= n else s[: n - 1] + "…"


def _decode(path: Path, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            _fail(path, "is not valid UTF-16 text although it starts with a UTF-16 mark", "save it as UTF-8")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        kind = _audio_kind(data)
        if kind is not None:
            _fail(path, f"is a {kind[0]} recording, not a transcript", f"rename it to {kind[1]} to analyse the audio")
        line = data[: e.start].count(b"\n") + 1
        _fail(
            path,
            f"is not UTF-8 text (byte 0x{data[e.start]:02x} on line {line})",
            "save the transcript as UTF-8",
        )


def _audio_kind(data: bytes) -> tuple[str, str] | None:
    """(format name, extension) when ``data`` starts like a recording, else None."""
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "WAV", ".wav"
    if data[:4] == b"fLaC":
        return "FLAC", ".flac"
    if data[:4] == b"OggS":
        return "Ogg", ".ogg"
    if data[:3] == b"ID3" or (len(data) > 1 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0):
        return "MP3", ".mp3"
    if data[4:8] == b"ftyp":
        return "MP4/M4A", ".m4a"
    return None


def _build(
    path: Path,
    utterances: list[Utterance],
    fmt: str,
    roles: dict[str, str] | None = None,
    warnings: tuple[str, ...] = (),
) -> Call:
    """The Call of a list of utterances (ids already 0..n-1 in input order)."""
    if not utterances:
        _fail(path, "holds no utterances", "a transcript needs at least one line of speech with a speaker")
    order: list[str] = []
    spans: dict[str, list[Word]] = {}
    for u in utterances:
        if u.speaker not in spans:
            order.append(u.speaker)
            spans[u.speaker] = []
        if u.words:
            spans[u.speaker].extend(u.words)
        elif u.start is not None and u.end is not None:
            spans[u.speaker].append(Word(u.start, u.end, ""))
    given = roles or {}
    rep = next((s for s in order if given.get(s) == "rep"), None)
    speakers = []
    for s in order:
        r = given.get(s, "customer" if rep is not None else "unknown")
        speakers.append(Speaker(s, r, None, talk_time(spans[s])))  # type: ignore[arg-type]
    if rep is not None:
        assignment = RoleAssignment(rep, "transcript", 1.0, ("roles given in the transcript",))
    else:
        assignment = RoleAssignment(None, "unknown", 0.0, ())
    ends = [u.end for u in utterances if u.end is not None]
    return Call(
        id=path.stem,
        source=path.name,
        duration=max(ends) if ends else None,
        channels=0,
        speakers=tuple(speakers),
        utterances=tuple(utterances),
        attribution=Attribution("transcript", len(speakers), 1.0, warnings, {"format": fmt}),
        roles=assignment,
        sample_rate=None,
    )


# ------------------------------------------------------------------------------------------
# JSON


def _load_json(path: Path, text: str) -> Call:
    try:
        d = json.loads(text)
    except json.JSONDecodeError as e:
        _fail(
            path, f"is not valid JSON: {e.msg} (line {e.lineno}, column {e.colno})", "fix the JSON syntax at that place"
        )
    except RecursionError:
        _fail(path, "is JSON nested too deeply to read", "a transcript is a flat list of utterances")
    if not isinstance(d, dict):
        _fail(path, f"the top level of the JSON is {_kind(d)}, not an object", 'write {"utterances": [...]}')
    if "schema" in d:
        return _load_analysis(path, d)
    us = d.get("utterances")
    if not isinstance(us, list):
        _fail(
            path,
            "has no 'utterances' list" if us is None else f"'utterances' is {_kind(us)}, not a list",
            'write {"utterances": [{"speaker": "A", "start": 0.0, "end": 2.1, "text": "..."}]}',
        )
    if not us:
        _fail(path, "holds no utterances ('utterances' is empty)", "add at least one utterance")
    utterances = [_json_utterance(path, i, u) for i, u in enumerate(us)]
    roles = _json_roles(path, d.get("roles"), [u.speaker for u in utterances])
    return _build(path, utterances, "callcoach-transcript", roles)


def _kind(x: Any) -> str:
    if x is None:
        return "null"
    return {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
    }.get(type(x), type(x).__name__)


def _time_field(path: Path, where: str, key: str, x: Any) -> float | None:
    if x is None:
        return None
    if isinstance(x, bool) or not isinstance(x, (int, float)) or not math.isfinite(x) or x < 0:
        _fail(
            path,
            f"{where}: '{key}' is {_clip(json.dumps(x), 30)}, not a time in seconds",
            f"give '{key}' as a number of seconds, 0 or more",
        )
    return float(x)


def _json_utterance(path: Path, i: int, u: Any) -> Utterance:
    where = f"utterances[{i}]"
    if not isinstance(u, dict):
        _fail(path, f"{where} is {_kind(u)}, not an object", 'each utterance is {"speaker": "A", "text": "..."}')
    spk = u.get("speaker")
    if isinstance(spk, bool) or not isinstance(spk, (str, int)) or not str(spk).strip():
        _fail(
            path,
            f"{where} has no speaker" if spk is None else f"{where}: 'speaker' is {_kind(spk)}, not a name",
            "give every utterance a 'speaker' name",
        )
    txt = u.get("text")
    if not isinstance(txt, str):
        _fail(
            path,
            f"{where} has no text" if txt is None else f"{where}: 'text' is {_kind(txt)}, not a string",
            "give every utterance its 'text' as a string",
        )
    if len(txt) > MAX_TEXT_CHARS:
        _fail(
            path,
            f"{where}: 'text' is {len(txt):,} characters long, "
            f"more than an utterance holds (at most {MAX_TEXT_CHARS:,})",
            "split the text into utterances of a few sentences each",
        )
    start = _time_field(path, where, "start", u.get("start"))
    end = _time_field(path, where, "end", u.get("end"))
    if (start is None) != (end is None):
        _fail(
            path,
            f"{where} has a{'n end' if start is None else ' start'} but no {'start' if start is None else 'end'}",
            "give both 'start' and 'end', or neither",
        )
    if start is not None and end is not None and end < start:
        _fail(path, f"{where} ends ({end:g} s) before it starts ({start:g} s)", "check the utterance's times")
    words = ()
    raw_words = u.get("words")
    if raw_words is not None:
        if not isinstance(raw_words, list):
            _fail(
                path,
                f"{where}: 'words' is {_kind(raw_words)}, not a list",
                'give words as [{"start": 0.0, "end": 0.4, "text": "Hi"}]',
            )
        words = tuple(_json_word(path, f"{where}.words[{j}]", w) for j, w in enumerate(raw_words))
        if words and start is None:
            start, end = min(w.start for w in words), max(w.end for w in words)
    return Utterance(i, str(spk).strip(), start, end, " ".join(txt.split()), words)


def _json_word(path: Path, where: str, w: Any) -> Word:
    if not isinstance(w, dict):
        _fail(path, f"{where} is {_kind(w)}, not an object", 'give words as [{"start": 0.0, "end": 0.4, "text": "Hi"}]')
    start = _time_field(path, where, "start", w.get("start"))
    end = _time_field(path, where, "end", w.get("end"))
    if start is None or end is None:
        _fail(path, f"{where} has no start or end", "every word needs 'start' and 'end' in seconds")
    if end < start:
        _fail(path, f"{where} ends before it starts", "check the word's times")
    t = w.get("text")
    if not isinstance(t, str):
        _fail(path, f"{where} has no text", "every word needs its 'text'")
    p = w.get("p", w.get("probability", 1.0))
    if isinstance(p, bool) or not isinstance(p, (int, float)) or not 0.0 <= p <= 1.0:
        _fail(path, f"{where}: the probability is not a number between 0 and 1", "drop it or give a number in [0, 1]")
    return Word(start, end, t, float(p))


def _json_roles(path: Path, roles: Any, speakers: list[str]) -> dict[str, str] | None:
    if roles is None:
        return None
    if not isinstance(roles, dict):
        _fail(path, f"'roles' is {_kind(roles)}, not an object", 'write "roles": {"A": "rep", "B": "customer"}')
    known = list(dict.fromkeys(speakers))
    out: dict[str, str] = {}
    for k, v in roles.items():
        if v not in ("rep", "customer", "unknown"):
            _fail(
                path,
                f"roles: {_clip(json.dumps(v), 30)} for speaker {k!r} is not a role",
                "each role is 'rep', 'customer' or 'unknown'",
            )
        if k not in known:
            _fail(
                path,
                f"roles: speaker {_clip(k, 40)!r} never speaks in the transcript",
                f"the speakers are: {', '.join(known[:20])}",
            )
        out[k] = v
    return out


def _load_analysis(path: Path, d: dict[str, Any]) -> Call:
    if d.get("schema") != SCHEMA:
        _fail(
            path,
            f"is an analysis of schema {_clip(str(d.get('schema')), 40)!r}, which this callcoach does not read",
            f"expected {SCHEMA!r}: re-run the analysis with this version",
        )
    try:
        call = Call.from_dict(d)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as e:
        detail = f"missing field {e}" if isinstance(e, KeyError) else _clip(str(e), 80)
        _fail(path, f"is a callcoach analysis that cannot be read ({detail})", "re-create it with callcoach analyze")
    if not call.utterances:
        _fail(path, "holds no utterances", "re-create it with callcoach analyze")
    return call


# ------------------------------------------------------------------------------------------
# WebVTT and SRT


def _parse_time(s: str) -> float | None:
    if len(s) > 20:
        return None
    m = _TIME.fullmatch(s)
    if not m:
        return None
    h, mi, sec, frac = m.groups()
    if int(sec) >= 60 or (h is not None and int(mi) >= 60):
        return None
    return int(h or 0) * 3600 + int(mi) * 60 + int(sec) + (int(frac.ljust(3, "0")) / 1000 if frac else 0.0)


def _parse_timing(path: Path, line: str, lineno: int, fmt: str) -> tuple[float, float]:
    fix = VTT_TIMING_FIX if fmt == "webvtt" else SRT_TIMING_FIX
    left, _, right = line.partition("-->")
    parts = right.split(None, 1)
    start = _parse_time(left.strip())
    end = _parse_time(parts[0]) if parts else None
    if start is None or end is None:
        _fail(path, f"line {lineno}: cannot read the cue timing {_clip(line)!r}", fix)
    if end < start:
        _fail(path, f"line {lineno}: the cue ends before it starts ({_clip(line)!r})", "check the cue's timing")
    return start, end


def _blocks(text: str) -> list[list[tuple[int, str]]]:
    """Blocks of non-blank (line number, line) separated by blank lines."""
    blocks: list[list[tuple[int, str]]] = []
    cur: list[tuple[int, str]] = []
    for i, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if line.strip():
            cur.append((i, line.rstrip()))
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    return blocks


def _load_cues(path: Path, text: str, fmt: str) -> Call:
    blocks = _blocks(text)
    for block in blocks:
        size = sum(len(line) for _, line in block)
        if size > MAX_TEXT_CHARS:
            _fail(
                path,
                f"the cue at line {block[0][0]} is {size:,} characters long, "
                f"more than a cue holds (at most {MAX_TEXT_CHARS:,})",
                "split the text into cues of a few sentences each, separated by blank lines",
            )
    if fmt == "webvtt" and blocks and blocks[0][0][1].lstrip("\ufeff").startswith("WEBVTT"):
        # The header block ends at the first blank line; a cue written right under it is kept.
        header = blocks[0]
        cue_at = next((k for k, (_, ln) in enumerate(header) if "-->" in ln), None)
        if cue_at is None:
            blocks = blocks[1:]
        else:
            blocks[0] = header[max(1, cue_at - 1) :]
    segments: list[tuple[str | None, str, float, float]] = []
    cues = 0
    for block in blocks:
        first = block[0][1].lstrip("\ufeff")
        if fmt == "webvtt" and first.split(None, 1)[0] in _BLOCK_KEYWORDS and "-->" not in first:
            continue
        if "-->" in first:
            t_idx = 0
        elif len(block) > 1 and "-->" in block[1][1]:
            t_idx = 1
        else:
            what = "a cue number and a timing line" if fmt == "srt" else "a cue timing line"
            fix = VTT_TIMING_FIX if fmt == "webvtt" else SRT_TIMING_FIX
            _fail(
                path,
                f"line {block[0][0]}: expected {what}, found {_clip(first)!r}",
                f"separate cues with one blank line; {fix}",
            )
        lineno, timing = block[t_idx]
        start, end = _parse_timing(path, timing, lineno, fmt)
        cues += 1
        payload = [ln for _, ln in block[t_idx + 1 :]]
        segments.extend(_cue_segments(payload, start, end))
    if cues == 0:
        _fail(path, "holds no cues", "a transcript needs cues: a timing line followed by the words")
    if not segments:
        _fail(path, "holds no speech: every cue is empty", "add the words of each cue under its timing line")
    named = sum(1 for s in segments if s[0] is not None)
    if named == 0:
        _fail(path, "no cue names its speaker", SPEAKER_FIX)
    unnamed = len(segments) - named
    warnings = (
        (f"{unnamed} of {len(segments)} utterances name no speaker; they are attributed to '{UNKNOWN_SPEAKER}'",)
        if unnamed
        else ()
    )
    utterances = [
        Utterance(i, spk if spk is not None else UNKNOWN_SPEAKER, round(s, 3), round(e, 3), t)
        for i, (spk, t, s, e) in enumerate(segments)
    ]
    return _build(path, utterances, fmt, None, warnings)


def _cue_segments(lines: list[str], start: float, end: float) -> list[tuple[str | None, str, float, float]]:
    """(speaker or None, text, start, end) of each voice in one cue; several voices share the
    cue's time in proportion to the length of their text."""
    parts: list[tuple[str | None, list[str]]] = []  # a new entry at every change of voice
    voice: str | None = None
    in_voice = False
    for k, line in enumerate(lines):
        if "{" in line:
            line = _ASS_TAG.sub("", line)
        pos = 0
        line_start = True
        for m in _TAG.finditer(line) if "<" in line else ():
            if m.start() > pos:
                _add_text(parts, line[pos : m.start()], voice, in_voice, line_start)
                line_start = False
            tag = m.group(1).strip()
            if tag[:1] == "v" and (len(tag) == 1 or tag[1] in " \t."):
                rest = tag.split(None, 1)
                # the name is text with character references (``<v A&amp;B>``), as the cue's words
                voice, in_voice = (html.unescape(" ".join(rest[1].split())) if len(rest) > 1 else None) or None, True
                parts.append((voice, []))
                line_start = False
            elif tag[:2] == "/v":
                voice, in_voice = None, False
                parts.append((None, []))
                line_start = False
            pos = m.end()
        _add_text(parts, line[pos:], voice, in_voice, line_start)
        if parts and k < len(lines) - 1:
            parts[-1][1].append(" ")
    # Clean each part, drop those without a word, merge neighbours of the same speaker.
    merged: list[tuple[str | None, list[str]]] = []
    for spk, chunks in parts:
        t = " ".join(_strip_annotations(html.unescape("".join(chunks))).split())
        if not _HAS_WORD.search(t):
            continue
        if merged and merged[-1][0] == spk:
            merged[-1][1].append(t)
        else:
            merged.append((spk, [t]))
    cleaned = [(spk, " ".join(ts)) for spk, ts in merged]
    total = sum(len(t) for _, t in cleaned) or 1
    out = []
    t0 = start
    for k, (spk, t) in enumerate(cleaned):
        t1 = end if k == len(cleaned) - 1 else t0 + (end - start) * len(t) / total
        out.append((spk, t, t0, t1))
        t0 = t1
    return out


def _add_text(
    parts: list[tuple[str | None, list[str]]], text: str, voice: str | None, in_voice: bool, line_start: bool
) -> None:
    """Append text to the current part; outside a voice span a ``Name:`` or ``[Name]`` prefix at
    the start of a line opens a new part for that speaker."""
    if not text:
        return
    if not in_voice and line_start:
        name, rest = _prefix(text)
        if name is not None:
            parts.append((name, [rest]))
            return
    if not parts:
        parts.append((voice, [text]))
    else:
        parts[-1][1].append(text)


def _prefix(text: str) -> tuple[str | None, str]:
    """A speaker-name prefix at the start of a cue line: ``Name:``, ``NAME:``, ``[Name]``, ``- Name:``."""
    head = text.lstrip()
    if ":" not in head[:70] and "[" not in head[:4]:  # the common case, cheaply
        return None, text
    if head.startswith(("- ", "– ", "— ")):
        head = head[2:]
    window = head[:64]
    m = _BRACKET.match(window)
    if m:
        name = " ".join(m.group(1).split())
        if name.lower() not in _SOUNDS and name and len(name.split()) <= _MAX_NAME_WORDS and not name[0].isdigit():
            return name, head[m.end() :]
        return None, text
    m = _PREFIX.match(window)
    if m:
        name = " ".join(m.group(1).split()).rstrip(".")
        words = name.split()
        # "Alice:", "SPEAKER 1:", "Dr. Smith:", "agent:" are names; "the options are:" is not.
        if words and len(words) <= _MAX_NAME_WORDS and (len(words) == 1 or not any(w[0].islower() for w in words)):
            return name, head[m.end() :]
    return None, text


def _strip_annotations(t: str) -> str:
    """Drop bracketed sound annotations such as ``[Music]`` or ``(laughs)``."""

    def repl(m: re.Match[str]) -> str:
        inner = m.group(0)[1:-1].strip().lower()
        return " " if inner in _SOUNDS else m.group(0)

    return _ANNOTATION.sub(repl, t)
