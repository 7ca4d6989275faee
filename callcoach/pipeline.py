"""The one place that knows the order of the stages.

    decode -> transcribe (per channel on stereo) -> speakers (channels or diarization)
           -> utterances -> roles -> Call (-> <stem>.callcoach.json)
"""

from __future__ import annotations

import time
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from callcoach import __version__
from callcoach.asr import AsrOptions, FasterWhisperTranscriber, Transcriber, transcribe_chunked
from callcoach.audio import Audio, check_input_path, load_audio
from callcoach.call import Attribution, Call, ModelInfo, RoleAssignment, Speaker, VoiceSpan, Word
from callcoach.errors import AudioError, CallcoachError, InputError
from callcoach.hooks import Hook, null_hook
from callcoach.redact import redact_call, redacting_errors
from callcoach.speakers.assign import SpeakerWord, assign_speakers, build_utterances, speech_regions, talk_time_with, unworded_spans
from callcoach.speakers.channels import apply_mask, channel_name, drop_bleed_words, gate_masks
from callcoach.speakers.diarize import DiarizationOptions, EmbeddingDiarizer, SpeakerSeparator
from callcoach.speakers.roles import apply_roles, given_rep, infer_rep
from callcoach.tagging.base import Encoder, Parser


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
        rubric: a built-in rubric name or a rubric file (default: ``discovery``); its
            example phrases teach tagging.
        tagging: tag questions, objections, SPIN stages and trackers (needs spaCy, MiniLM).
        redact: replace card data, bank details, e-mail addresses, phone numbers and id
            numbers with placeholders before anything else reads the words (None: the rubric's
            ``privacy.redact``, off by default); see :mod:`callcoach.redact`.
        redact_entities: which entities to redact (``"card,cvv,dob"``, a list, or ``"all"``;
            see :data:`callcoach.pii.ENTITIES`); implies ``redact``. None: the rubric's
            ``privacy.entities``, else the default set.
        team: a team folder with enrolled reps' voice prints (``callcoach enroll``): on a mono
            call, a speaker whose voice matches one is that rep (see
            :mod:`callcoach.speakers.enroll`).
        rep_voice: the enrolled name of this call's rep (needs ``team``): the speaker whose
            voice is most like that print is the rep.
    """

    model: str | None = None
    device: str = "cpu"
    compute_type: str = "default"
    threads: int = 0
    speakers: int | None = None
    rep: str | None = None
    rep_channel: str | None = None
    speaker_model: str | None = None
    rubric: str | None = None
    tagging: bool = True
    redact: bool | None = None
    team: str | None = None
    rep_voice: str | None = None
    redact_entities: tuple[str, ...] | None = None

    def settings(self) -> dict[str, Any]:
        """The settings that change results (recorded in the JSON); ``team``, ``rep_voice`` and
        ``redact_entities`` only when set, so analyses and batch states made before they existed
        stay the same."""
        optional = ("team", "rep_voice", "redact_entities")
        return {
            f.name: list(v) if isinstance(v := getattr(self, f.name), tuple) else v
            for f in fields(self)
            if f.name not in ("threads", "rubric") and not (f.name in optional and getattr(self, f.name) is None)
        }


def _options(options: AnalyzeOptions | None, overrides: dict[str, Any]) -> AnalyzeOptions:
    base = options or AnalyzeOptions()
    known = {f.name for f in fields(AnalyzeOptions)}
    unknown = sorted(set(overrides) - known)
    if unknown:
        raise TypeError(f"unknown analyze option(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    values = {f.name: getattr(base, f.name) for f in fields(AnalyzeOptions)}
    values.update({k: v for k, v in overrides.items() if v is not None})
    if values.get("redact_entities") is not None:
        from callcoach.redact import parse_entities

        values["redact_entities"] = parse_entities(values["redact_entities"])
        if values.get("redact") is False:
            raise CallcoachError("--redact-entities needs redaction, but --no-redact turns it off; drop one of them")
    opts = AnalyzeOptions(**values)
    if opts.rep_channel not in (None, "left", "right"):
        raise CallcoachError(f"--rep-channel must be 'left' or 'right', not {opts.rep_channel!r}")
    if opts.rep_channel and opts.rep:
        raise CallcoachError(
            f"--rep {opts.rep} and --rep-channel {opts.rep_channel} both say who the rep is; give one: "
            "--rep-channel on stereo calls, --rep on mono calls and transcripts"
        )
    if opts.speakers is not None and not 1 <= opts.speakers <= 10:
        raise CallcoachError(f"--speakers must be between 1 and 10, not {opts.speakers}")
    if opts.rep_voice is not None:
        from callcoach.speakers.enroll import check_rep_name

        check_rep_name(opts.rep_voice)
        if not opts.team:
            raise CallcoachError(f"--rep-voice {opts.rep_voice} needs --team DIR, the team folder where the rep is enrolled")
    return opts


def redaction_policy(opts: AnalyzeOptions, rubric: Any) -> Any:
    """The :class:`~callcoach.redact.RedactionPolicy` of an analysis, or None when nothing is
    redacted: ``--redact``/``--no-redact``, else ``--redact-entities`` (which implies it), else
    the rubric's ``privacy`` block."""
    from callcoach.pii import DEFAULT_ENTITIES
    from callcoach.redact import RedactionPolicy

    privacy = rubric.privacy
    on = opts.redact if opts.redact is not None else (True if opts.redact_entities else privacy.redact)
    if not on:
        return None
    entities = opts.redact_entities if opts.redact_entities is not None else privacy.entities
    return RedactionPolicy(
        frozenset(entities) if entities is not None else DEFAULT_ENTITIES, privacy.keep_rep_name, tuple(privacy.allow)
    )


def _team_voices(opts: AnalyzeOptions) -> tuple:
    """The enrolled prints of ``opts.team`` (empty without one); a missing team, a bad print
    or an unknown ``rep_voice`` fail here, before any model runs."""
    if not opts.team:
        return ()
    from callcoach.speakers.enroll import find_print, load_team, voice_path

    prints = load_team(opts.team)
    if opts.rep_voice is not None and find_print(prints, opts.rep_voice) is None:
        raise CallcoachError(
            f"{voice_path(opts.team, opts.rep_voice)}: rep {opts.rep_voice!r} is not enrolled "
            f"(enrolled: {', '.join(vp.name for vp in prints)}); enroll them with callcoach enroll {opts.rep_voice} RECORDING"
        )
    return prints


@dataclass(frozen=True, slots=True)
class NlpModels:
    """The models behind tagging: a sentence encoder and a parser (either may be None)."""

    encoder: Encoder | None
    parser: Parser | None

    def infos(self) -> list[ModelInfo]:
        return [m.info for m in (self.parser, self.encoder) if m is not None and hasattr(m, "info")]


def default_nlp(opts: AnalyzeOptions) -> NlpModels:
    """spaCy and MiniLM, loaded once per process."""
    from callcoach.tagging.nlp import MiniLMEncoder, SpacyParser

    device = opts.device if opts.device != "auto" else "cpu"
    return NlpModels(MiniLMEncoder(device=device, threads=opts.threads), SpacyParser())


class _Clock:
    """Wall seconds per stage."""

    def __init__(self) -> None:
        self.start = self.last = time.perf_counter()
        self.timings: dict[str, float] = {}

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = self.timings.get(stage, 0.0) + (now - self.last)
        self.last = now

    def total(self) -> dict[str, float]:
        return {**self.timings, "total": time.perf_counter() - self.start}


def analyze(
    path: str | Path,
    *,
    options: AnalyzeOptions | None = None,
    transcriber: Transcriber | None = None,
    separator: SpeakerSeparator | None = None,
    nlp: NlpModels | None = None,
    hook: Hook = null_hook,
    out: str | Path | None = None,
    formats: str | tuple[str, ...] | list[str] | None = None,
    **overrides: Any,
) -> Call:
    """Analyse one call recording (or an existing transcript) and return its :class:`Call`.

    Args:
        path: a recording (WAV, FLAC, OGG/Opus, MP3, M4A/MP4) or a transcript (callcoach
            JSON, WebVTT or SRT with speaker names).
        options: settings; keyword arguments named like its fields override it
            (``analyze("call.wav", rep_channel="left")``).
        transcriber: replaces faster-whisper (tests pass a fake).
        separator: replaces the embedding diarizer on mono calls.
        nlp: replaces the tagging models (spaCy, MiniLM).
        hook: progress callable, see :mod:`callcoach.hooks`.
        out: if given, a folder where ``<stem>.callcoach.json`` and ``<stem>.scorecard.html``
            are written atomically.
        formats: what to write to ``out`` (see :func:`callcoach.output.parse_formats`: ``json``,
            ``html``, ``srt``, ``vtt``, ``txt``; the JSON always); None: the JSON and the HTML.

    Raises:
        CallcoachError: bad input, a missing model or an impossible setting; the message
            names the file and the fix.
    """
    from callcoach.rubric import load_rubric
    from callcoach.transcripts import EXTENSIONS as TRANSCRIPT_EXTENSIONS
    from callcoach.transcripts import load_transcript

    opts = _options(options, overrides)
    if out is not None:
        from callcoach.output import parse_formats

        formats = parse_formats(formats)  # an unknown format fails before anything runs
    clock = _Clock()
    rubric = load_rubric(opts.rubric)
    voices = _team_voices(opts)
    check_input_path(path)
    nlp_loader = None
    audio_path: Path | None = None
    policy = redaction_policy(opts, rubric)
    redact = policy is not None
    # Chosen by extension: a .json/.vtt/.srt that cannot be parsed (not UTF-8, nested too deeply)
    # gets the transcript parser's error, never the audio decoder's "not an audio file".
    if Path(path).suffix.lower() in TRANSCRIPT_EXTENSIONS:
        with redacting_errors(redact):  # a parse error may quote a line of the transcript
            call = load_transcript(path)
        clock.lap("read_transcript")
        call = _transcript_roles(path, call, opts)
    else:
        audio = load_audio(path)
        audio_path = Path(path)
        clock.lap("decode")
        _check_rep_fits(path, audio, opts)  # before any model loads: the channels decide
        if nlp is None and opts.tagging:
            nlp_loader = _Preload(lambda: default_nlp(opts))
        call = _from_audio(path, audio, opts, transcriber, separator, hook, clock, voices)
    if redact:  # before tagging, metrics and scoring: nothing downstream sees the values
        call = redact_call(call, policy)
        clock.lap("redact")
    if opts.tagging:
        if nlp is None:
            hook("tagging", None, "loading language models")
            nlp = nlp_loader.result() if nlp_loader else default_nlp(opts)
            clock.lap("load_models")
        from callcoach.tagging import tag_call

        call = tag_call(call, encoder=nlp.encoder, parser=nlp.parser, examples=rubric.examples, hook=hook,
                        negatives=rubric.negative_examples, model=rubric.tag_model)
        call = call.with_(models=call.models + tuple(nlp.infos()))
        clock.lap("tagging")
    call = call.with_(metrics=_metrics(call, tagged=opts.tagging), settings=analysis_settings(opts, rubric, policy))
    clock.lap("metrics")
    from callcoach.scoring import score_call

    call = call.with_(scorecard=score_call(call, rubric))
    clock.lap("scoring")
    call = call.with_(timings=clock.total())
    if out is not None:
        from callcoach.output import with_recording, write_outputs

        call = with_recording(call, out, audio_path)  # as written: where the recording is
        write_outputs(call, out, audio_path, formats)
    return call


class _Preload:
    """Loads models in a background thread while the recogniser runs (the thread mostly reads
    files and imports modules, so it overlaps well with inference)."""

    def __init__(self, load: Any) -> None:
        import threading

        self._load = load
        self._value: Any = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="callcoach-preload", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._load()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            self._error = exc

    def result(self) -> Any:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value


def _entities_setting(opts: AnalyzeOptions, rubric: Any, policy: Any) -> dict[str, Any]:
    """``{"redact_entities": [...]}`` when an entity list was asked for (by flag or rubric);
    nothing otherwise, so analyses made before entity lists existed stay the same."""
    from callcoach.pii import ENTITIES

    if policy is None or (opts.redact_entities is None and rubric.privacy.entities is None):
        return {}
    return {"redact_entities": [e for e in ENTITIES if e in policy.wanted]}


def analysis_settings(opts: AnalyzeOptions, rubric: Any, policy: Any) -> dict[str, Any]:
    """The ``settings`` an analysis records: the options that change results, the rubric (its
    ``id@version``, its file for a team's rubric, and ``rubric_sha256``: the sha256 of the rubric
    file's bytes), ``tag_inputs`` (what the tags depend on besides the words, see
    :func:`tag_inputs`; only when tagging ran) and the redaction. Shared by :func:`analyze` and
    :func:`rescore_analysis`, so a re-scored analysis records exactly what a fresh one would."""
    return {
        **opts.settings(),
        "rubric": rubric.ref,
        **_rubric_file(opts.rubric),
        "rubric_sha256": _rubric_sha256(opts.rubric),
        **({"tag_inputs": tag_inputs(rubric)} if opts.tagging else {}),
        "redact": policy is not None,
        **_entities_setting(opts, rubric, policy),
    }


def _rubric_sha256(rubric: str | None) -> str:
    """The sha256 of the bytes of the rubric file ``rubric`` names (a built-in one by name), as
    the review's score history records it."""
    import hashlib

    from callcoach.rubric import rubric_path

    return hashlib.sha256(rubric_path(rubric).read_bytes()).hexdigest()


def tag_inputs(rubric: Any) -> str:
    """A fingerprint (16 hex digits) of everything a call's tags depend on besides its words,
    speakers and roles: the callcoach version (its rules, built-in example phrases and tagging
    code), the tag model's files (the shipped model, or the team's ``tag_model`` from ``callcoach
    learn``) and the rubric's ``examples`` and ``negative_examples`` (in their order).
    :func:`rescore_analysis` tags a stored analysis again only when this differs from the
    fingerprint it records."""
    import hashlib
    import json

    from callcoach.tagging.classifier import shipped_model_path

    model = Path(rubric.tag_model) if rubric.tag_model else shipped_model_path()
    data = {
        "callcoach": __version__,
        "tag_model": [_file_sha256(model.with_suffix(ext)) for ext in (".json", ".npz")],
        "examples": rubric.examples,
        "negative_examples": rubric.negative_examples,
    }
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


_file_hashes: dict[tuple[str, int, int], str] = {}


def _file_sha256(path: Path) -> str | None:
    """The sha256 of a file's bytes (remembered while its size and mtime stay the same); None
    where there is no such file."""
    import hashlib

    try:
        st = path.stat()
    except OSError:
        return None
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    if key not in _file_hashes:
        _file_hashes[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return _file_hashes[key]


def _rubric_file(rubric: str | None) -> dict[str, str]:
    """``{"rubric_file": path}`` for a team's rubric file (so a coach's review re-scores the call
    under it), nothing for a built-in rubric."""
    from callcoach.rubric import rubric_file

    path = rubric_file(rubric)
    return {"rubric_file": str(path)} if path is not None else {}


def _metrics(call: Call, tagged: bool) -> dict[str, Any]:
    from callcoach.metrics import analysis_metrics

    return analysis_metrics(call, tagged=tagged)


def _transcript_roles(path: str | Path, call: Call, opts: AnalyzeOptions) -> Call:
    if opts.rep_channel:
        raise InputError(path, "--rep-channel needs a stereo recording, but this is a transcript", "use --rep SPEAKER instead")
    if call.roles.rep is not None and not opts.rep:
        return call
    roles = _roles(path, call.speakers, list(call.utterances), opts)
    return call.with_(roles=roles, speakers=apply_roles(call.speakers, roles))


def _check_rep_fits(path: str | Path, audio: Audio, opts: AnalyzeOptions) -> None:
    """Refuse a ``--rep-channel`` or ``--rep`` that cannot name a speaker of this recording,
    from its decoded channels, before any model loads or a word is transcribed: on a stereo call
    the speakers are its channels (``left``, ``right``), on a mono one diarization's ``A``, ``B``
    ... (a "stereo" file whose channels carry the same signal is mono here)."""
    stereo = audio.channels == 2
    if opts.rep_channel and not stereo:
        raise InputError(
            path, "--rep-channel needs a stereo recording, but this one is mono", "use --rep SPEAKER instead"
        )
    if not opts.rep:
        return
    sides = tuple(channel_name(c) for c in range(2))
    if stereo and opts.rep not in sides:
        raise InputError(
            path,
            f"--rep {opts.rep} names no speaker of this stereo call: its speakers are its channels, {' and '.join(sides)}",
            f"say the rep's side with --rep-channel {sides[0]} or --rep-channel {sides[1]}",
        )
    if not stereo and opts.rep in sides:
        raise InputError(
            path,
            f"--rep {opts.rep} names a channel, but this recording is mono: its speakers are told apart by voice (A, B ...)",
            "use --rep A or --rep B, or leave --rep out to find the rep",
        )


def _from_audio(
    path: str | Path,
    audio: Audio,
    opts: AnalyzeOptions,
    transcriber: Transcriber | None,
    separator: SpeakerSeparator | None,
    hook: Hook,
    clock: _Clock,
    voices: tuple = (),
) -> Call:
    if transcriber is None:
        transcriber = FasterWhisperTranscriber(AsrOptions(opts.model, opts.device, opts.compute_type, opts.threads))
    clock.lap("load_models")
    models: list[ModelInfo] = [transcriber.info]
    voiceprints: dict = {}
    unworded: tuple[VoiceSpan, ...] = ()
    if audio.channels == 2:
        sw, speakers, attribution = _stereo(audio, transcriber, hook)
        clock.lap("asr")
    else:
        hook("asr", 0.0, f"transcribing {audio.duration / 60:.1f} min")
        words = transcribe_chunked(transcriber, audio.mono(), hook)
        clock.lap("asr")
        if not words:
            raise AudioError(path, "no speech was recognised in it", "check that the recording holds speech")
        sw, attribution, diar_models, voiceprints, unworded = _mono(audio, words, opts, separator, hook, clock)
        if audio.source_channels > 2:  # load_audio mixed it down: a channel is not a party here
            mixed = f"a {audio.source_channels}-channel recording, mixed down to mono: speakers were told apart by voice"
            attribution = replace(attribution, warnings=(mixed, *attribution.warnings))
        models.extend(diar_models)
        speakers = _speakers_from(sw, None, unworded)
    utterances = build_utterances(sw)
    by_voice = _enrolled_roles(voices, voiceprints, models, opts, audio.channels == 2)
    roles = _roles(path, speakers, utterances, opts, by_voice)
    speakers = apply_roles(speakers, roles)
    clock.lap("utterances_roles")
    return Call(
        id=Path(path).stem,
        source=Path(path).name,
        duration=audio.duration,
        sample_rate=audio.source_rate,
        channels=audio.channels,
        source_channels=audio.source_channels,
        speakers=speakers,
        utterances=tuple(utterances),
        attribution=attribution,
        roles=roles,
        models=tuple(models),
        callcoach_version=__version__,
        meta={"rep": roles.name} if roles.name else {},
        unworded_speech=unworded,
    )


def _stereo(audio: Audio, transcriber: Transcriber, hook: Hook) -> tuple:
    masks = gate_masks(audio.samples)
    sw: list[SpeakerWord] = []
    empty: list[str] = []
    for c in range(2):
        hook("asr", 0.0, f"transcribing the {channel_name(c)} channel")
        words = transcribe_chunked(transcriber, apply_mask(audio.samples[c], masks[c]), hook)
        words = drop_bleed_words(words, c, audio.samples)
        if not words:
            empty.append(channel_name(c))
        sw.extend(SpeakerWord(w, channel_name(c)) for w in words)
    if not sw:
        raise AudioError(audio.path, "no speech was recognised on either channel", "check that the recording holds speech")
    warnings = tuple(f"no speech on the {name} channel: is this really a two-party stereo call?" for name in empty)
    speakers = _speakers_from(sw, {channel_name(c): c for c in range(2)})
    attribution = Attribution("stereo-channels", len(speakers), 0.5 if warnings else 1.0, warnings)
    return sw, speakers, attribution


def _mono(
    audio: Audio, words: list[Word], opts: AnalyzeOptions, separator: SpeakerSeparator | None, hook: Hook, clock: _Clock
) -> tuple:
    if opts.speakers == 1:
        attribution = Attribution("single-speaker", 1, 1.0, ("--speakers 1: everything is attributed to one speaker",))
        return [SpeakerWord(w, "A") for w in words], attribution, [], {}, ()
    if separator is None:
        separator = EmbeddingDiarizer(opts.speaker_model, device=opts.device if opts.device != "auto" else "cpu", threads=opts.threads)
    clock.lap("load_models")
    hook("diarization", 0.0, "telling voices apart")
    diar = separator.diarize(audio.mono(), speech_regions(words, 0.3), DiarizationOptions(num_speakers=opts.speakers), hook)
    clock.lap("diarization")
    # The speakers' voice prints go on to match enrolled reps (callcoach.speakers.enroll).
    voiceprints = dict(diar.voiceprints)
    attribution = diar.attribution
    if not diar.turns:  # no voice window (speech under 0.2 s): assign_speakers gives every word to A
        too_short = "too little speech to tell voices apart: everything is attributed to one speaker"
        attribution = replace(attribution, num_speakers=1, confidence=0.0, warnings=(too_short,))
    sw = assign_speakers(words, diar.turns)
    return sw, attribution, list(diar.models), voiceprints, unworded_spans(diar.turns, words, {x.speaker for x in sw})


def _speakers_from(sw: list[SpeakerWord], channels: dict[str, int] | None, unworded: tuple[VoiceSpan, ...] = ()) -> tuple[Speaker, ...]:
    order: list[str] = []
    by_spk: dict[str, list[Word]] = {}
    for x in sorted(sw, key=lambda x: x.word.start):
        if x.speaker not in by_spk:
            order.append(x.speaker)
            by_spk[x.speaker] = []
        by_spk[x.speaker].append(x.word)
    return tuple(
        Speaker(s, "unknown", channels.get(s) if channels else None,
                talk_time_with(by_spk[s], [v for v in unworded if v.speaker == s]))
        for s in order
    )


def _enrolled_roles(
    voices: tuple, voiceprints: dict, models: list[ModelInfo], opts: AnalyzeOptions, stereo: bool
) -> tuple[RoleAssignment | None, tuple[str, ...]]:
    """The rep by enrolled voice on a mono call (see :func:`callcoach.speakers.enroll.match_rep`),
    or None and notes for the evidence of the fallback."""
    if not voices:
        return None, ()
    if stereo:
        return None, ("enrolled voices are matched on mono calls; on stereo calls say the rep's channel with --rep-channel",)
    from callcoach.speakers.enroll import match_rep

    return match_rep(voiceprints, voices, models=models, rep_voice=opts.rep_voice)


def _roles(
    path: str | Path,
    speakers: tuple[Speaker, ...],
    utterances: list,
    opts: AnalyzeOptions,
    by_voice: tuple[RoleAssignment | None, tuple[str, ...]] = (None, ()),
) -> RoleAssignment:
    """The user's --rep-channel or --rep, else an enrolled rep's voice, else inference."""
    ids = [s.id for s in speakers]
    if opts.rep_channel:
        return given_rep(speakers, opts.rep_channel, "rep-channel")
    if opts.rep:
        if opts.rep not in ids:
            raise InputError(path, f"--rep {opts.rep!r} is not a speaker of this call", f"speakers are: {', '.join(ids)}")
        return given_rep(speakers, opts.rep, "rep-flag")
    voiced, notes = by_voice
    if voiced is not None and voiced.rep in ids:
        return voiced
    inferred = infer_rep(speakers, utterances)
    return replace(inferred, evidence=(*inferred.evidence, *notes)) if notes else inferred


# ------------------------------------------------------------------------------------------
# Re-scoring a stored analysis under another rubric (callcoach rescore)

#: ``ModelInfo.kind`` of the tagging models (replaced when a stored analysis is tagged again).
_NLP_KINDS = ("nlp", "embeddings")


@dataclass(frozen=True, slots=True)
class RescoreResult:
    """A stored analysis re-scored by :func:`rescore_analysis`.

    Attributes:
        call: the analysis under the new rubric, as :func:`analyze` would make it.
        retagged: its tags were made again (the rubric's examples, the tag model, the callcoach
            version or the words changed since it was tagged).
        redacted: the new rubric's privacy policy took more personal data out now.
        kept_redaction: the analysis had more taken out than the new rubric asks; it stays so
            (nothing removed can be put back without analysing the recording again).
    """

    call: Call
    retagged: bool
    redacted: bool = False
    kept_redaction: bool = False


def options_from_settings(settings: dict[str, Any], rubric: str | None = None) -> AnalyzeOptions:
    """The :class:`AnalyzeOptions` a stored analysis was made with (its ``settings``), with
    ``rubric`` in place of its own. ``redact`` is left to the rubric: whether an analysis was
    redacted by ``--redact`` or by its rubric is not recorded (and :func:`rescore_analysis` never
    takes a redaction away). An entity list recorded among the options (before ``rubric``) came
    from ``--redact-entities`` and is kept."""
    names = {f.name for f in fields(AnalyzeOptions)} - {"threads", "rubric", "redact", "redact_entities"}
    values: dict[str, Any] = {k: v for k, v in settings.items() if k in names}
    keys = list(settings)
    entities = settings.get("redact_entities")
    if isinstance(entities, list) and "rubric" in settings and keys.index("redact_entities") < keys.index("rubric"):
        values["redact_entities"] = tuple(str(e) for e in entities)
    return AnalyzeOptions(**values, rubric=rubric)


def rescore_analysis(
    call: Call,
    *,
    rubric: str | Path | None,
    options: AnalyzeOptions | None = None,
    nlp: NlpModels | None = None,
    hook: Hook = null_hook,
) -> RescoreResult:
    """Score a stored analysis under ``rubric`` as :func:`analyze` of the same input with that
    rubric would, without the recording and without speech recognition.

    Words, speakers and roles are kept. The tags are made again only when what they depend on
    changed (:func:`tag_inputs`: the rubric's examples, the tag model, the callcoach version),
    which loads the language models; otherwise the stored tags and metrics are kept and only the
    scorecard is redone. The rubric's privacy policy applies on top of the analysis's own
    redaction: more is taken out where it asks for more, nothing is put back where it asks for
    less (see :class:`RescoreResult`). ``timings`` are this run's where the analysis had any
    (``analyze``'s), else none (a batch's outputs hold no run times).

    Args:
        call: the stored analysis (:meth:`Call.from_dict` of its JSON).
        rubric: a built-in rubric name or a rubric file.
        options: the options the analysis was made with (a batch knows them); None: read from
            its ``settings`` (:func:`options_from_settings`).
        nlp: replaces the tagging models (spaCy, MiniLM) where tags are made again.
        hook: progress callable, see :mod:`callcoach.hooks`.

    Raises:
        RubricError: the rubric is missing or invalid.
    """
    from callcoach.scoring import score_call

    clock = _Clock()
    name = _rubric_arg(rubric)
    rules = _cached_rubric(name)
    opts = options_from_settings(call.settings, name) if options is None else replace(options, rubric=name)
    opts, policy, apply, kept = _rescore_redaction(call, opts, rules)
    redacted = False
    if apply is not None:
        done = redact_call(call, apply)
        redacted = done.utterances != call.utterances
        call = done if redacted else done.with_(utterances=call.utterances)  # the very turns: kept as stored
        clock.lap("redact")
    retag = opts.tagging and (redacted or call.settings.get("tag_inputs") != tag_inputs(rules))
    if retag:
        if nlp is None:
            hook("tagging", None, "loading language models")
            nlp = default_nlp(opts)
            clock.lap("load_models")
        from callcoach.tagging import tag_call

        call = tag_call(call, encoder=nlp.encoder, parser=nlp.parser, examples=rules.examples, hook=hook,
                        negatives=rules.negative_examples, model=rules.tag_model)
        call = call.with_(models=tuple(m for m in call.models if m.kind not in _NLP_KINDS) + tuple(nlp.infos()))
        clock.lap("tagging")
    metrics = _metrics(call, tagged=opts.tagging) if retag or not call.metrics else call.metrics
    call = call.with_(metrics=metrics, settings=analysis_settings(opts, rules, policy))
    clock.lap("metrics")
    call = call.with_(scorecard=score_call(call, rules))
    clock.lap("scoring")
    call = call.with_(timings=clock.total() if call.timings else {})
    return RescoreResult(call, retag, redacted, kept)


def _rubric_arg(rubric: str | Path | None) -> str | None:
    """A rubric file as its absolute path (workers may run in another folder), a name as it is."""
    from callcoach.rubric import rubric_file

    path = rubric_file(rubric)
    return str(path) if path is not None else (None if rubric is None else str(rubric))


_rubrics: dict[tuple[str, int, int], Any] = {}


def _cached_rubric(rubric: str | None) -> Any:
    """:func:`callcoach.rubric.load_rubric`, parsed once per file content (size and mtime)."""
    from callcoach.rubric import parse_rubric, rubric_path

    path = rubric_path(rubric)
    try:
        st = path.stat()
    except OSError:
        return parse_rubric(path)  # its one-line error
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    if key not in _rubrics:
        _rubrics[key] = parse_rubric(path)
    return _rubrics[key]


def _rescore_redaction(call: Call, opts: AnalyzeOptions, rubric: Any) -> tuple[AnalyzeOptions, Any, Any, bool]:
    """(options as the settings record them, the policy recorded, the policy to apply to the
    stored words now or None, whether the analysis keeps more redaction than the rubric asks).

    The stored analysis's redaction (:func:`callcoach.redact.recorded_policy`) stays; the new
    rubric's policy (with the analysis's own ``--redact-entities``) runs over the words where
    there is one, finding what it asks for that is still there (nothing, where the policy is
    unchanged: placeholders are not personal data)."""
    from callcoach.pii import ENTITIES
    from callcoach.redact import RedactionPolicy, recorded_policy

    old = recorded_policy(call.settings)
    new = redaction_policy(opts, rubric)
    if old is None:
        return opts, new, new, False
    if new is None:  # the rubric asks for none: what was taken out stays out, and is recorded
        listed = call.settings.get("redact_entities")
        entities = tuple(e for e in ENTITIES if e in old.wanted) if listed else None
        return replace(opts, redact=True, redact_entities=entities), old, None, True
    if old.wanted <= new.wanted:
        return opts, new, new, False
    merged = RedactionPolicy(old.entities | new.entities, new.keep_rep_name, new.allow)
    return replace(opts, redact_entities=tuple(e for e in ENTITIES if e in merged.wanted)), merged, merged, True
