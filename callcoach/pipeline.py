"""The one place that knows the order of the stages.

    decode -> transcribe (per channel on stereo) -> speakers (channels or diarization)
           -> utterances -> roles -> Call (-> <stem>.callcoach.json)
"""

from __future__ import annotations

import time
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from callcoach import __version__
from callcoach.asr import AsrOptions, FasterWhisperTranscriber, Transcriber
from callcoach.audio import Audio, load_audio
from callcoach.call import Attribution, Call, ModelInfo, RoleAssignment, Speaker, Word
from callcoach.errors import AudioError, CallcoachError, InputError
from callcoach.hooks import Hook, null_hook
from callcoach.speakers.assign import SpeakerWord, assign_speakers, build_utterances, speech_regions, talk_time
from callcoach.speakers.channels import apply_mask, channel_name, drop_bleed_words, gate_masks
from callcoach.speakers.diarize import DiarizationOptions, EmbeddingDiarizer, SpeakerSeparator
from callcoach.speakers.roles import apply_roles, given_rep, infer_rep


@dataclass(frozen=True, slots=True)
class AnalyzeOptions:
    """Settings for :func:`analyze` (each has a CLI flag of the same name).

    Attributes:
        model: ASR model name or path (default: the bundled ``tiny.en``).
        device: ``cpu``, ``cuda`` or ``auto``.
        compute_type: CTranslate2 compute type (``default``: int8 on CPU, float16 on CUDA).
        threads: CPU threads (0: one per core, at most 4).
        speakers: number of speakers on a mono call (None: estimate).
        rep: the speaker id of the rep (``A``, ``B`` ... on mono; ``left``/``right`` on stereo).
        rep_channel: ``left`` or ``right``: the rep's channel on a stereo call.
        speaker_model: path to speaker-embedding weights (default: resemblyzer's).
    """

    model: str | None = None
    device: str = "cpu"
    compute_type: str = "default"
    threads: int = 0
    speakers: int | None = None
    rep: str | None = None
    rep_channel: str | None = None
    speaker_model: str | None = None

    def settings(self) -> dict[str, Any]:
        """The settings that change results (recorded in the JSON)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("threads",)}


def _options(options: AnalyzeOptions | None, overrides: dict[str, Any]) -> AnalyzeOptions:
    base = options or AnalyzeOptions()
    known = {f.name for f in fields(AnalyzeOptions)}
    unknown = sorted(set(overrides) - known)
    if unknown:
        raise TypeError(f"unknown analyze option(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    values = {f.name: getattr(base, f.name) for f in fields(AnalyzeOptions)}
    values.update({k: v for k, v in overrides.items() if v is not None})
    opts = AnalyzeOptions(**values)
    if opts.rep_channel not in (None, "left", "right"):
        raise CallcoachError(f"--rep-channel must be 'left' or 'right', not {opts.rep_channel!r}")
    if opts.speakers is not None and not 1 <= opts.speakers <= 10:
        raise CallcoachError(f"--speakers must be between 1 and 10, not {opts.speakers}")
    return opts


def analyze(
    path: str | Path,
    *,
    options: AnalyzeOptions | None = None,
    transcriber: Transcriber | None = None,
    separator: SpeakerSeparator | None = None,
    hook: Hook = null_hook,
    out: str | Path | None = None,
    **overrides: Any,
) -> Call:
    """Analyse one call recording and return its :class:`~callcoach.call.Call`.

    Args:
        path: the recording (WAV, FLAC, OGG/Opus, MP3, M4A/MP4).
        options: settings; keyword arguments named like its fields override it
            (``analyze("call.wav", rep_channel="left")``).
        transcriber: replaces faster-whisper (tests pass a fake).
        separator: replaces the embedding diarizer on mono calls.
        hook: progress callable, see :mod:`callcoach.hooks`.
        out: if given, a folder where ``<stem>.callcoach.json`` is written atomically.

    Raises:
        CallcoachError: bad input, a missing model or an impossible setting; the message
            names the file and the fix.
    """
    opts = _options(options, overrides)
    timings: dict[str, float] = {}
    t_start = time.perf_counter()

    def lap(stage: str, since: float) -> float:
        now = time.perf_counter()
        timings[stage] = timings.get(stage, 0.0) + (now - since)
        return now

    t = t_start
    audio = load_audio(path)
    t = lap("decode", t)
    if opts.rep_channel and audio.channels != 2:
        raise InputError(path, "--rep-channel needs a stereo recording, but this one is mono", "use --rep SPEAKER instead")
    if transcriber is None:
        transcriber = FasterWhisperTranscriber(
            AsrOptions(opts.model, opts.device, opts.compute_type, opts.threads)
        )
    t = lap("load_models", t)
    models: list[ModelInfo] = [transcriber.info]

    if audio.channels == 2:
        sw, speakers, attribution, t = _stereo(audio, transcriber, hook, lap, t)
    else:
        hook("asr", 0.0, f"transcribing {audio.duration / 60:.1f} min")
        words = transcriber.transcribe(audio.mono(), hook)
        t = lap("asr", t)
        if not words:
            raise AudioError(path, "no speech was recognised in it", "check that the recording holds speech")
        sw, attribution, diar_models, t = _mono(audio, words, opts, separator, hook, lap, t)
        models.extend(diar_models)
        speakers = _speakers_from(sw, None)

    utterances = build_utterances(sw)
    roles = _roles(path, speakers, utterances, opts, audio)
    speakers = apply_roles(speakers, roles)
    t = lap("utterances_roles", t)
    timings["total"] = time.perf_counter() - t_start
    call = Call(
        id=Path(path).stem,
        source=Path(path).name,
        duration=audio.duration,
        sample_rate=audio.source_rate,
        channels=audio.source_channels,
        speakers=speakers,
        utterances=tuple(utterances),
        attribution=attribution,
        roles=roles,
        models=tuple(models),
        settings=opts.settings(),
        timings=timings,
        callcoach_version=__version__,
    )
    if out is not None:
        from callcoach.output import write_analysis

        write_analysis(call, out)
    return call


def _stereo(audio: Audio, transcriber: Transcriber, hook: Hook, lap: Any, t: float) -> tuple:
    masks = gate_masks(audio.samples)
    sw: list[SpeakerWord] = []
    empty: list[str] = []
    for c in range(2):
        hook("asr", 0.0, f"transcribing the {channel_name(c)} channel")
        words = transcriber.transcribe(apply_mask(audio.samples[c], masks[c]), hook)
        words = drop_bleed_words(words, c, audio.samples)
        if not words:
            empty.append(channel_name(c))
        sw.extend(SpeakerWord(w, channel_name(c)) for w in words)
    t = lap("asr", t)
    if not sw:
        raise AudioError(audio.path, "no speech was recognised on either channel", "check that the recording holds speech")
    warnings = tuple(f"no speech on the {name} channel: is this really a two-party stereo call?" for name in empty)
    speakers = _speakers_from(sw, {channel_name(c): c for c in range(2)})
    attribution = Attribution("stereo-channels", len(speakers), 0.5 if warnings else 1.0, warnings)
    return sw, speakers, attribution, t


def _mono(
    audio: Audio, words: list[Word], opts: AnalyzeOptions, separator: SpeakerSeparator | None, hook: Hook, lap: Any, t: float
) -> tuple:
    if opts.speakers == 1:
        attribution = Attribution("single-speaker", 1, 1.0, ("--speakers 1: everything is attributed to one speaker",))
        return [SpeakerWord(w, "A") for w in words], attribution, [], t
    if separator is None:
        separator = EmbeddingDiarizer(opts.speaker_model, device=opts.device if opts.device != "auto" else "cpu", threads=opts.threads)
    t = lap("load_models", t)
    hook("diarization", 0.0, "telling voices apart")
    diar = separator.diarize(audio.mono(), speech_regions(words, 0.3), DiarizationOptions(num_speakers=opts.speakers), hook)
    t = lap("diarization", t)
    return assign_speakers(words, diar.turns), diar.attribution, list(diar.models), t


def _speakers_from(sw: list[SpeakerWord], channels: dict[str, int] | None) -> tuple[Speaker, ...]:
    order: list[str] = []
    by_spk: dict[str, list[Word]] = {}
    for x in sorted(sw, key=lambda x: x.word.start):
        if x.speaker not in by_spk:
            order.append(x.speaker)
            by_spk[x.speaker] = []
        by_spk[x.speaker].append(x.word)
    return tuple(
        Speaker(s, "unknown", channels.get(s) if channels else None, talk_time(by_spk[s])) for s in order
    )


def _roles(path: str | Path, speakers: tuple[Speaker, ...], utterances: list, opts: AnalyzeOptions, audio: Audio) -> RoleAssignment:
    ids = [s.id for s in speakers]
    if opts.rep_channel:
        return given_rep(speakers, opts.rep_channel, "rep-channel")
    if opts.rep:
        if opts.rep not in ids:
            raise InputError(path, f"--rep {opts.rep!r} is not a speaker of this call", f"speakers are: {', '.join(ids)}")
        return given_rep(speakers, opts.rep, "rep-flag")
    return infer_rep(speakers, utterances)
