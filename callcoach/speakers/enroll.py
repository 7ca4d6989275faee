"""Enrolled reps: a rep's voice print, stored in a team folder, and matching it on mono calls.

``callcoach enroll dana rep-alone.wav --team team/`` stores ``team/voices/dana.json``: the
L2-normalised mean GE2E embedding of the speech windows of the recordings (the windows the
diarizer uses, 1.5 s every 0.75 s, over the speech found by faster-whisper's Silero VAD), the
same over the recordings put through a telephone band (:func:`telephone_band`), the speaker
model's name and version, the seconds of speech and windows used, the recordings' file names
(never their folders), the date, and the mean similarity of the windows to the print. No audio
and no words are stored. Enrolling a name again **replaces** its print (enroll all of a rep's
recordings at once to use them all); names are compared without regard to case.

On a mono call analysed with ``--team``, each diarized speaker's voice print
(:attr:`callcoach.speakers.diarize.Diarization.voiceprints`) is compared with the enrolled
prints by cosine similarity; speakers and prints are paired greedily from the most similar pair
down, each used once, and a pair at or above :data:`MATCH_THRESHOLD` names that speaker as the
enrolled rep (:func:`match_rep`).

Why two prints: the recording chain moves every similarity. Measured in ``bench/enroll.py``,
telephone-band calls against a print enrolled from telephone-band audio give a median of 0.95-0.97
for the rep and up to 0.87 for strangers, while against a print from wideband audio the rep
scores about 0.80 and strangers up to 0.76: no one threshold serves both. A speaker's
similarity to a rep is therefore the higher of its similarities to the two prints (the one whose
chain matches the call's wins; mismatched pairs score lower for everyone), and the threshold is
set for a matched chain. A print enrolled from telephone audio has no wideband version, so a
wideband call against it is a mismatch that lowers every similarity: the rep is then missed
(inference takes over), never a stranger named. The threshold and the figures behind it are in
``bench/enroll.py`` and bench/README.md.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from callcoach.call import ModelInfo, RoleAssignment
from callcoach.errors import CallcoachError, InputError
from callcoach.hooks import Hook, null_hook

FORMAT = "callcoach.voiceprint/1"
VOICES_DIR = "voices"
ENV_TEAM = "CALLCOACH_TEAM"
#: Seconds of speech an enrollment needs at least (over all its recordings).
MIN_SPEECH_SECONDS = 10.0
#: A speaker whose voice print is at least this similar (cosine) to an enrolled print is that
#: rep. bench/enroll.py chooses it on one split of the evaluation voices (the highest stranger
#: plus 0.02: 0.88 with today's diarizer, 0.90 before its rewrite) and reports on the other
#: (strangers up to 0.869, reps 0.97 median); the larger value is kept for safety.
MATCH_THRESHOLD = 0.90
#: A recording is telephone-band when its source rate is at most 8 kHz, or when the energy
#: above NARROWBAND_HZ in its louder frames is this many dB or more below the energy from
#: 300 Hz up to it (wideband speech measured -12 to -22 dB; telephone calls -36 to -53 dB).
NARROWBAND_HZ = 4100.0
NARROWBAND_DB = -30.0
#: A second voice in an enrollment recording: a diarized speaker other than the main one with
#: at least this share of the recording's speech and at least SECOND_VOICE_SECONDS of it.
SECOND_VOICE_SHARE = 0.15
SECOND_VOICE_SECONDS = 8.0
#: Recordings of one enrollment whose telephone-band prints are less alike than this are
#: probably not the same person (the same rep measured 0.93-0.98, other people 0.65-0.88).
UNLIKE_RECORDINGS = 0.80
_NAME = re.compile(r"[^\W_][\w.-]{0,63}")

SpeechFinder = Callable[[np.ndarray], list[tuple[float, float]]]


@dataclass(frozen=True, slots=True, eq=False)  # compared by identity: it holds arrays
class VoicePrint:
    """An enrolled rep's voice: what ``DIR/voices/<name>.json`` holds (see the module docstring).

    ``path`` is where it was read from (not stored)."""

    name: str
    embedding: np.ndarray
    model: ModelInfo
    speech_seconds: float
    windows: int
    recordings: tuple[str, ...]
    created: str
    consistency: float
    channel: str | None = None
    callcoach_version: str = ""
    #: The print of the same windows put through a telephone band (None in a print without it).
    embedding_narrowband: np.ndarray | None = None
    #: Whether the enrollment recordings were themselves telephone-band.
    narrowband: bool = False
    path: Path | None = field(default=None, compare=False)

    def embeddings(self) -> list[np.ndarray]:
        """The prints a speaker is compared with: as recorded, and through a telephone band."""
        return [self.embedding] if self.embedding_narrowband is None else [self.embedding, self.embedding_narrowband]

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "name": self.name,
            "model": self.model.to_dict(),
            "speech_seconds": round(float(self.speech_seconds), 2),
            "windows": int(self.windows),
            "recordings": list(self.recordings),
            "channel": self.channel,
            "created": self.created,
            "consistency": round(float(self.consistency), 4),
            "callcoach_version": self.callcoach_version,
            "narrowband": bool(self.narrowband),
            "embedding": [round(float(x), 6) for x in self.embedding],
            "embedding_narrowband": None if self.embedding_narrowband is None
            else [round(float(x), 6) for x in self.embedding_narrowband],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any], path: Path | None = None) -> VoicePrint:
        """Raises ValueError, KeyError or TypeError on anything that is not a voice print."""
        if d.get("format") != FORMAT:
            raise ValueError(f"format is {d.get('format')!r}, not {FORMAT!r}")
        emb = _vector(d["embedding"])
        narrow = None if d.get("embedding_narrowband") is None else _vector(d["embedding_narrowband"])
        if narrow is not None and narrow.shape != emb.shape:
            raise ValueError("the two embeddings differ in length")
        return cls(
            name=check_rep_name(str(d["name"])),
            embedding=emb,
            embedding_narrowband=narrow,
            narrowband=bool(d.get("narrowband", False)),
            model=ModelInfo.from_dict(d["model"]),
            speech_seconds=float(d["speech_seconds"]),
            windows=int(d.get("windows", 0)),
            recordings=tuple(str(r) for r in d.get("recordings", ())),
            created=str(d.get("created", "")),
            consistency=float(d.get("consistency", math.nan)),
            channel=d.get("channel"),
            callcoach_version=str(d.get("callcoach_version", "")),
            path=path,
        )


def _vector(values: Any) -> np.ndarray:
    emb = np.asarray(values, dtype=np.float32)
    norm = float(np.linalg.norm(emb)) if emb.ndim == 1 and emb.size else 0.0
    if emb.ndim != 1 or emb.size == 0 or not np.all(np.isfinite(emb)) or norm < 1e-6:
        raise ValueError("an embedding is not a non-zero vector of numbers")
    return emb / norm


# --------------------------------------------------------------------------------------------
# Storage
# --------------------------------------------------------------------------------------------


def check_rep_name(name: str) -> str:
    """``name`` if it can name a voice print (it becomes a file name), else CallcoachError.

    Letters and digits, then also ``.``, ``_`` or ``-``; at most 64 characters.
    """
    if not _NAME.fullmatch(name) or name.endswith("."):
        shown = name if len(name) <= 70 else name[:67] + "..."
        raise CallcoachError(
            f"{shown!r} cannot name an enrolled rep: use letters and digits, then also '.', '_' or '-' "
            "(at most 64 characters, no spaces or slashes), e.g. dana or dana.smith"
        )
    return name


def voice_path(team: str | Path, name: str) -> Path:
    """Where the print of ``name`` lives: ``TEAM/voices/<name, lower case>.json``."""
    return Path(team).expanduser() / VOICES_DIR / f"{check_rep_name(name).casefold()}.json"


def save_voiceprint(team: str | Path, vp: VoicePrint) -> Path:
    """Write ``vp`` to ``TEAM/voices/<name>.json`` atomically (a temporary file in the same
    folder, then a rename), readable by the owner alone; replaces an earlier print."""
    from callcoach.output import atomic_write_text, dumps

    target = voice_path(team, vp.name)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CallcoachError(f"{target.parent}: cannot create the voices folder ({exc.strerror}); choose another --team") from None
    try:
        return atomic_write_text(target, dumps(vp.to_dict()))  # mkstemp: mode 0600
    except CallcoachError:
        raise CallcoachError(f"{target.parent}: cannot write the voice print there; choose another --team") from None


def load_voiceprint(path: str | Path) -> VoicePrint:
    """Read one voice print; CallcoachError naming the file and the fix if it is not one."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise TypeError("not a JSON object")
        return VoicePrint.from_dict(data, p)
    except OSError as exc:
        raise CallcoachError(f"{p}: cannot read the voice print ({exc.strerror})") from None
    except CallcoachError as exc:
        raise CallcoachError(f"{p}: {exc}") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise CallcoachError(
            f"{p}: not a callcoach voice print ({type(exc).__name__}: {exc}); enroll the rep again or delete the file"
        ) from None


def load_team(team: str | Path) -> tuple[VoicePrint, ...]:
    """The enrolled prints of a team folder, sorted by name.

    Raises:
        CallcoachError: the folder is missing or holds no prints, or a print cannot be read.
    """
    root = Path(team).expanduser()
    folder = root / VOICES_DIR
    hint = f"enroll a rep first: callcoach enroll REP RECORDING --team {root}"
    if not root.is_dir():
        raise CallcoachError(f"{root}: no such team folder ({hint})")
    files = sorted(p for p in folder.glob("*.json") if not p.name.startswith(".")) if folder.is_dir() else []
    if not files:
        raise CallcoachError(f"{folder}: no enrolled voices ({hint})")
    prints = [load_voiceprint(p) for p in files]
    seen: dict[str, Path] = {}
    for vp in prints:
        key = vp.name.casefold()
        if key in seen:
            raise CallcoachError(f"{vp.path}: rep {vp.name!r} is enrolled twice (also {seen[key]}); delete one of the files")
        seen[key] = vp.path or folder
    return tuple(sorted(prints, key=lambda v: v.name.casefold()))


def find_print(prints: Sequence[VoicePrint], name: str) -> VoicePrint | None:
    """The print of ``name`` (case-insensitive), or None."""
    key = name.casefold()
    return next((vp for vp in prints if vp.name.casefold() == key), None)


def team_fingerprint(team: str | Path | None) -> str | None:
    """A hash of the team's prints (names and bytes), so a batch analyses its mono calls again
    after a rep is enrolled anew. None without a team or prints."""
    import hashlib

    if not team:
        return None
    folder = Path(team).expanduser() / VOICES_DIR
    h = hashlib.sha256()
    try:
        for p in sorted(folder.glob("*.json")):
            if not p.name.startswith("."):
                h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    except OSError:
        return None
    return h.hexdigest()[:16]


# --------------------------------------------------------------------------------------------
# Enrollment
# --------------------------------------------------------------------------------------------


def vad_speech(samples: np.ndarray) -> list[tuple[float, float]]:
    """Speech regions (seconds) of 16 kHz audio by Silero VAD (:func:`callcoach.speakers.vad.voice_activity`),
    with 0.1 s of padding, so windows hold speech, not the silence between sentences."""
    from callcoach.speakers.vad import voice_activity

    return voice_activity(samples, pad_ms=100)


def telephone_band(samples: np.ndarray) -> np.ndarray:
    """16 kHz audio as a telephone line passes it: through 8 kHz and a 300-3400 Hz band-pass."""
    from scipy.signal import butter, resample_poly, sosfilt

    x = np.asarray(samples, dtype=np.float32)
    if len(x) < 64:
        return x.copy()
    y = resample_poly(resample_poly(x, 1, 2), 2, 1)[: len(x)]
    sos = butter(4, [300, 3400], btype="bandpass", fs=16_000, output="sos")
    return sosfilt(sos, y).astype(np.float32)


def is_narrowband(samples: np.ndarray, source_rate: int | None = None, max_frames: int = 4000) -> bool:
    """Whether 16 kHz audio is telephone-band: recorded at 8 kHz or less, or with almost no
    energy above ``NARROWBAND_HZ`` (see ``NARROWBAND_DB``) in its louder half of 32 ms frames
    (at most ``max_frames`` frames, spread evenly over the recording)."""
    if source_rate is not None and source_rate <= 8000:
        return True
    n = 512
    frames = len(samples) // n
    if frames < 4:
        return False
    idx = np.unique(np.linspace(0, frames - 1, min(frames, max_frames)).astype(int))
    x = np.stack([samples[i * n : (i + 1) * n] for i in idx]).astype(np.float64) * np.hanning(n)
    power = np.abs(np.fft.rfft(x, axis=1)) ** 2
    loud = power.sum(1) >= np.median(power.sum(1))
    freqs = np.fft.rfftfreq(n, 1 / 16_000)
    high = power[loud][:, freqs >= NARROWBAND_HZ].sum()
    low = power[loud][:, (freqs >= 300) & (freqs < NARROWBAND_HZ)].sum()
    if low <= 0:
        return False
    return bool(10 * np.log10(max(high, 1e-30) / low) < NARROWBAND_DB)


@dataclass(frozen=True, slots=True)
class Enrollment:
    """The print made from some recordings, and one-line warnings for the user."""

    voiceprint: VoicePrint
    warnings: tuple[str, ...] = ()


def _speech_of(path: Path, channel: str | None, find_speech: SpeechFinder) -> tuple[np.ndarray, list[tuple[float, float]], str | None, bool]:
    """The samples to embed (the rep's channel on stereo), their speech regions, the channel
    used and whether the recording is telephone-band."""
    from callcoach.audio import load_audio
    from callcoach.speakers.channels import CHANNEL_NAMES, apply_mask, gate_masks

    audio = load_audio(path)
    if audio.channels == 2:
        if channel is None:
            raise InputError(
                path, "is a stereo recording (one party per channel?)",
                "say which channel holds the rep with --channel left|right",
            )
        c = CHANNEL_NAMES.index(channel)
        samples = apply_mask(audio.samples[c], gate_masks(audio.samples)[c])  # the other party's bleed gated out
        used = channel
    else:
        samples, used = audio.mono(), None
    return samples, find_speech(samples), used, is_narrowband(samples, audio.source_rate)


def _second_voice(regions: list[tuple[float, float]], windows: list[Any], emb: np.ndarray) -> float | None:
    """Share of the speech held by a second voice, as the diarizer hears it, or None."""
    from callcoach.speakers.diarize import DiarizationOptions, cluster_turns

    if len(windows) < 3:
        return None
    diar = cluster_turns(regions, windows, emb, DiarizationOptions())
    talk: dict[str, float] = {}
    for t in diar.turns:
        talk[t.speaker] = talk.get(t.speaker, 0.0) + (t.end - t.start)
    total = sum(talk.values())
    if len(talk) < 2 or total <= 0:
        return None
    main = max(talk, key=lambda k: talk[k])
    others = [s for k, s in talk.items() if k != main and s >= SECOND_VOICE_SECONDS and s / total >= SECOND_VOICE_SHARE]
    return max(others) / total if others else None


def enroll_voice(
    name: str,
    recordings: Sequence[str | Path],
    *,
    encoder: Any,
    channel: str | None = None,
    find_speech: SpeechFinder | None = None,
    hook: Hook = null_hook,
    now: datetime | None = None,
) -> Enrollment:
    """Make the voice print of rep ``name`` from ``recordings`` (nothing is written).

    Args:
        name: the rep's name (checked by :func:`check_rep_name`).
        recordings: recordings of the rep, alone on mono, or stereo calls with ``channel``.
        encoder: a :class:`~callcoach.speakers.embedding.VoiceEncoder` (or any object with
            ``info`` and ``embed(samples, windows)``).
        channel: ``left`` or ``right``: the rep's channel on the stereo recordings.
        find_speech: samples -> speech regions in seconds (default: :func:`vad_speech`).

    Raises:
        CallcoachError: a bad name or channel; a recording that is unreadable, not audio,
            stereo without ``channel``, or holds no speech; less than ``MIN_SPEECH_SECONDS``
            of speech in all.
    """
    from callcoach import __version__
    from callcoach.speakers.diarize import DiarizationOptions, make_windows

    check_rep_name(name)
    find_speech = find_speech or vad_speech
    if channel not in (None, "left", "right"):
        raise CallcoachError(f"--channel must be 'left' or 'right', not {channel!r}")
    if not recordings:
        raise CallcoachError("give at least one recording of the rep to enroll")
    dopts = DiarizationOptions()
    all_emb: list[np.ndarray] = []
    all_narrow: list[np.ndarray] = []
    narrow_recordings = 0
    per_rec: list[tuple[Path, np.ndarray]] = []
    seconds = 0.0
    warnings: list[str] = []
    multi: list[str] = []
    stereo_seen = False
    channels_used: set[str] = set()
    for i, rec in enumerate(recordings):
        p = Path(rec)
        hook("enroll", i / len(recordings), f"reading {p.name}")
        samples, regions, used, narrow = _speech_of(p, channel, find_speech)
        narrow_recordings += narrow
        if used:
            stereo_seen = True
            channels_used.add(used)
        speech = sum(e - s for s, e in regions)
        windows = make_windows(regions, dopts.window, dopts.hop)
        if speech <= 0 or not windows:
            where = f"on the {used} channel" if used else ""
            raise InputError(p, f"no speech was found in it{' ' + where if where else ''}",
                             "give a recording where the rep speaks" + (", or the other --channel" if used else ""))
        emb = np.asarray(encoder.embed(samples, windows), dtype=np.float32)
        all_narrow.append(np.asarray(encoder.embed(telephone_band(samples), windows), dtype=np.float32))
        seconds += speech
        all_emb.append(emb)
        per_rec.append((p, all_narrow[-1]))  # compared in one band, whatever each was recorded on
        share = _second_voice(regions, windows, emb)
        if share is not None:
            multi.append(f"{p.name} ({share:.0%})")
    if channel is not None and not stereo_seen:
        raise CallcoachError(
            f"--channel {channel} needs a stereo recording, but {', '.join(Path(r).name for r in recordings)} "
            "is mono; leave --channel out"
        )
    if seconds < MIN_SPEECH_SECONDS:
        names = ", ".join(Path(r).name for r in recordings)
        raise InputError(
            names, f"only {seconds:.1f} s of speech found; enrolling needs at least {MIN_SPEECH_SECONDS:.0f} s",
            "give a longer recording of the rep, or several",
        )
    emb = np.concatenate(all_emb)
    centroid = _unit_mean(emb)
    consistency = float(np.mean(emb @ centroid))
    if multi:
        warnings.append(
            f"more than one voice seems to speak in {', '.join(multi)}: the print mixes them; enroll from a recording "
            "of the rep alone, or the rep's channel of a stereo call (--channel left|right)"
        )
    if len(per_rec) > 1:
        odd = []
        for p, e in per_rec:
            rest = np.concatenate([x for q, x in per_rec if q is not p]).mean(0)
            c = e.mean(0)
            sim = float(c @ rest / max(float(np.linalg.norm(c) * np.linalg.norm(rest)), 1e-9))
            if sim < UNLIKE_RECORDINGS:
                odd.append(f"{p.name} ({sim:.2f})")
        if odd:
            warnings.append(
                f"{', '.join(odd)} sounds unlike the other recordings (similarity below {UNLIKE_RECORDINGS:.2f}): "
                "is it the same rep?"
            )
    created = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    vp = VoicePrint(
        name=name,
        embedding=centroid.astype(np.float32),
        model=encoder.info,
        speech_seconds=seconds,
        windows=len(emb),
        recordings=tuple(Path(r).name for r in recordings),
        created=created,
        consistency=consistency,
        channel=channel if channels_used else None,
        callcoach_version=__version__,
        embedding_narrowband=_unit_mean(np.concatenate(all_narrow)),
        narrowband=narrow_recordings == len(recordings),
    )
    hook("enroll", 1.0, "")
    return Enrollment(vp, tuple(warnings))


def _unit_mean(emb: np.ndarray) -> np.ndarray:
    c = emb.mean(0)
    return (c / max(float(np.linalg.norm(c)), 1e-9)).astype(np.float32)


# --------------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VoiceMatch:
    """A diarized speaker paired with an enrolled print; ``runner_up`` is the similarity of
    the print's next most similar speaker (``runner_up_speaker``), None on a one-speaker call."""

    speaker: str
    name: str
    similarity: float
    runner_up: float | None = None
    runner_up_speaker: str | None = None


def _normed(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float64).ravel()
    return v / max(float(np.linalg.norm(v)), 1e-12)


def similarities(voiceprints: dict[str, np.ndarray], prints: Sequence[VoicePrint]) -> np.ndarray:
    """Cosine similarity of each speaker (rows, in ``voiceprints`` order) to each enrolled rep:
    the higher of its similarities to the rep's print as recorded and through a telephone band."""
    if not voiceprints or not prints:
        return np.zeros((len(voiceprints), len(prints)))
    s = np.stack([_normed(v) for v in voiceprints.values()])
    cols = [np.max(np.stack([s @ _normed(e) for e in vp.embeddings()]), axis=0) for vp in prints]
    return np.stack(cols, axis=1)


def match_speakers(
    voiceprints: dict[str, np.ndarray], prints: Sequence[VoicePrint], threshold: float = MATCH_THRESHOLD
) -> list[VoiceMatch]:
    """Pairs of (speaker, enrolled rep) at or above ``threshold``, most similar first; each
    speaker and each print is used once (greedy from the most similar pair down)."""
    speakers = list(voiceprints)
    sim = similarities(voiceprints, prints)
    out: list[VoiceMatch] = []
    used_s: set[int] = set()
    used_p: set[int] = set()
    order = sorted(((float(sim[i, j]), i, j) for i in range(len(speakers)) for j in range(len(prints))), key=lambda x: (-x[0], x[1], x[2]))
    for s, i, j in order:
        if s < threshold:
            break
        if i in used_s or j in used_p:
            continue
        used_s.add(i)
        used_p.add(j)
        out.append(VoiceMatch(speakers[i], prints[j].name, s, *_runner_up(sim[:, j], i, speakers)))
    return out


def _runner_up(column: np.ndarray, i: int, speakers: list[str]) -> tuple[float | None, str | None]:
    others = [(float(column[k]), speakers[k]) for k in range(len(speakers)) if k != i]
    if not others:
        return None, None
    return max(others)


def _confidence(sim: float, runner_up: float | None, threshold: float) -> float:
    """1 well above the threshold with a clear margin over the next speaker; 0.5 at the
    threshold or with no margin."""
    above = min(1.0, max(0.0, (sim - threshold) / 0.05))
    margin = 1.0 if runner_up is None else min(1.0, max(0.0, (sim - runner_up) / 0.1))
    return round(0.5 + 0.45 * above * margin, 3)


def _compatible(prints: Sequence[VoicePrint], models: Sequence[ModelInfo]) -> tuple[list[VoicePrint], str | None]:
    """The prints made with the call's speaker model (all of them when the call names none)."""
    speaker_models = [m for m in models if m.kind == "speaker"]
    if not speaker_models:
        return list(prints), None
    used = speaker_models[0]
    ok = [vp for vp in prints if (vp.model.name, vp.model.version) == (used.name, used.version)]
    if len(ok) == len(prints):
        return ok, None
    bad = sorted({f"{vp.model.name} {vp.model.version}" for vp in prints if vp not in ok})
    note = (
        f"{len(prints) - len(ok)} enrolled voice(s) were made with speaker model {', '.join(bad)}, this call used "
        f"{used.name} {used.version}: enroll them again to compare them"
    )
    return ok, note


def match_rep(
    voiceprints: dict[str, np.ndarray],
    prints: Sequence[VoicePrint],
    *,
    threshold: float = MATCH_THRESHOLD,
    models: Sequence[ModelInfo] = (),
    rep_voice: str | None = None,
) -> tuple[RoleAssignment | None, tuple[str, ...]]:
    """The rep of a mono call by enrolled voice.

    Args:
        voiceprints: each diarized speaker's L2-normalised voice print.
        prints: the team's enrolled prints.
        models: the models of the diarization; prints made with another speaker model are not
            compared.
        rep_voice: the enrolled name of this call's rep (a manifest's ``rep_voice``): the
            speaker most like that print is the rep, even below the threshold.

    Returns:
        ``(assignment, notes)``: the assignment (method ``enrolled-voice``, ``name`` the
        enrolled rep) or None when no speaker matches; ``notes`` say why none matched, for the
        evidence of the fallback.
    """
    if not prints:
        return None, ()
    if not voiceprints:
        return None, ("no voice prints of this call's speakers: enrolled reps were not compared",)
    usable, note = _compatible(prints, models)
    notes = (note,) if note else ()
    if not usable:
        return None, notes
    speakers = list(voiceprints)
    sim = similarities(voiceprints, usable)
    if rep_voice is not None:
        vp = find_print(usable, rep_voice)
        if vp is None:
            return None, (*notes, f"rep_voice {rep_voice!r} is not enrolled (or was made with another speaker model)")
        j = usable.index(vp)
        i = int(np.argmax(sim[:, j]))
        s = float(sim[i, j])
        ru, ru_spk = _runner_up(sim[:, j], i, speakers)
        below = s < threshold
        evidence = [
            f"the rep of this call is {vp.name} (rep_voice); speaker {speakers[i]} sounds most like {vp.name}: "
            f"similarity {s:.2f}, threshold {threshold:.2f}" + (f"; next best {ru:.2f} (speaker {ru_spk})" if ru is not None else ""),
        ]
        if below:
            evidence.append(f"below the threshold: check that {vp.name} is on this call and that the speakers were told apart")
        conf = _confidence(max(s, threshold), ru, threshold) if not below else 0.5
        return RoleAssignment(speakers[i], "enrolled-voice", conf, (*evidence, *notes), name=vp.name), ()
    matches = match_speakers(voiceprints, usable, threshold)
    if not matches:
        i, j = np.unravel_index(int(np.argmax(sim)), sim.shape)
        best = f"speaker {speakers[i]} ~ {usable[j].name} {float(sim[i, j]):.2f}"
        return None, (*notes, f"no speaker matched an enrolled rep (best: {best}; threshold {threshold:.2f})")
    top = matches[0]
    evidence = [
        f"speaker {top.speaker} matches enrolled rep {top.name}: similarity {top.similarity:.2f}, threshold {threshold:.2f}"
        + (f"; next best {top.runner_up:.2f} (speaker {top.runner_up_speaker})" if top.runner_up is not None else "")
    ]
    evidence += [f"speaker {m.speaker} also matches enrolled rep {m.name} ({m.similarity:.2f})" for m in matches[1:]]
    conf = _confidence(top.similarity, top.runner_up, threshold)
    return RoleAssignment(top.speaker, "enrolled-voice", conf, (*evidence, *notes), name=top.name), ()
