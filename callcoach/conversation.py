"""Is a recording a conversation worth scoring? Voicemails, calls that never connected and calls
with almost no two-way talk are labelled and left out of scores, averages and targets.

:func:`check_conversation` reads a call's turns and metrics and returns a
:class:`~callcoach.call.ConversationCheck` whose ``label`` is one of:

``conversation``
    Two voices or more, at least ``min_speech_s`` seconds of speech from all sides together
    (default 20) and at least ``min_speaker_changes`` substantive changes of speaker (default 3,
    so each side speaks at least twice; backchannels such as "mm-hmm" do not count): scored as
    usual.
``voicemail``
    A greeting or mailbox message ("you've reached", "leave a message after the tone", "not
    available to take your call", "the mailbox is full", "the person you are calling"), from
    either side, and from it on a single voice with nobody replying; or, on a call that is not a
    two-way conversation, mostly one voice saying at least two kinds of what a rep leaves on a
    machine ("I'm calling about", "give me a call back", "my number is", "sorry I missed you").
``one_voice``
    Only one voice was heard (a speaker counts once they say ``VOICE_MIN_WORDS`` words): a call
    that did not connect, or one side of a call.
``too_short``
    Two voices, but less two-way talk than the minimums.
``no_speech``
    No words were recognised at all.

A two-way conversation is never a voicemail, whatever its words: a rep who says "I'll leave a
message for your CFO" on a real call, or a customer who answers "you've reached the right
person", is still scored, because the other side replies. The phrases are families of patterns
(a greeting, a tone, a mailbox, a call-back request), not sentences; a rubric's
``conversation.voicemail_phrases`` adds a team's own (another language, a carrier's wording),
read as greetings.

The defaults keep a short exchange that is a real conversation (a 30-second telephone call in
which two people introduce themselves: 23 s of speech, 4 changes of speaker; 40 seconds, four
turns each, a meeting booked) and leave out the dialled calls that never became one: a greeting
and a message, a "hello?" into silence, a hang-up after the opener. A team that wants only
longer calls in its averages raises the minimums in its rubric.

Without timestamps, speech seconds are estimated from the words (150 words a minute) and the
reason says so.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from callcoach.call import Call, ConversationCheck, Utterance
from callcoach.rubric import Conversation

#: A speaker is heard once they say this many words ("hello?" alone is not a second voice).
VOICE_MIN_WORDS = 2
#: Speaking rate used to estimate speech seconds from words when a transcript has no times.
WORDS_PER_SECOND = 2.5
#: Diarization confidence below which "one voice" may be a merged pair of voices.
LOW_ATTRIBUTION = 0.6
#: Share of the words the message-leaver says when a voicemail is told by message phrases alone.
MOSTLY_ONE = 0.8
QUOTE_CHARS = 160

_W = r"[\w'-]+"
#: What a voicemail system or a mailbox greeting says (either side of the call may carry it).
GREETING: dict[str, str] = {
    "reached": r"\byou(?:'ve| have)? reached\b",
    "leave a message": (
        r"\bleave (?:me |us |him |her |them )?(?:a |your )?(?:brief |short |quick |detailed )?"
        r"(?:message|voice ?mail|name and (?:phone )?number|name,? number)\b"
    ),
    "tone": r"\b(?:after|at|following) the (?:tone|beep|signal)\b|\bwhen you hear the (?:tone|beep)\b",
    "unavailable": (
        r"\b(?:not |un)available (?:to (?:take|answer) (?:your|the|this) call|right now|at the moment|at this time)\b"
        r"|\b(?:can't|cannot|can not|unable to|couldn't) (?:come to|get to|take|answer) (?:the phone|your call|the call)\b"
        r"|\b(?:away from|not at) (?:my|the|our) (?:desk|phone)\b"
    ),
    "mailbox": (
        r"\b(?:mail ?box|voice ?mail ?box)\b|\bvoice ?mail (?:of|for)\b"
        r"|\b(?:automated|automatic) (?:voice|message)\w* (?:message|messaging|system)\b"
    ),
    "record": (
        r"\b(?:record|recording) your message\b|\bwhen you(?:'re| are) (?:done|finished)(?: recording)?\b"
        r"|\bto re-?record\b|\bfor more options\b|\bpress (?:pound|the pound key|star|hash)\b"
    ),
    "unreachable": (
        r"\bthe (?:person|party|number|subscriber|customer|mobile customer|wireless customer) you (?:are |were |have )?"
        r"(?:trying to reach|calling|called|dialed|dialled)\b"
        r"|\b(?:not|no longer) (?:accepting|able to accept|in service)\b|\b(?:can't|cannot) accept (?:any )?(?:calls|messages)\b"
        r"|\bplease (?:hang up and )?try (?:your call )?again\b"
    ),
}
#: What a rep says when leaving a message (at least two of these kinds, or one greeting).
MESSAGE: dict[str, str] = {
    "call back": (
        r"\b(?:give|gimme) (?:me|us) a (?:call|ring|buzz|shout)\b|\b(?:call|ring) (?:me|us) back\b"
        r"|\breturn (?:my|this|the) call\b|\bcall back (?:at|on)\b"
    ),
    "my number": (
        r"\b(?:my|our|the) (?:direct |cell |mobile |office |phone |callback |call back |best )*(?:number|line) (?:is|here is)\b"
        r"|\breach (?:me|us) (?:at|on|directly)\b"
    ),
    "calling about": (
        rf"\b(?:i'm|i am|i was|we're|just|this is {_W}(?: {_W})?(?: from {_W}(?: {_W})?)?,?) "
        r"(?:calling|reaching out|trying to (?:reach|get (?:a ?hold|in touch))|following up|checking in)\b"
    ),
    "missed you": (
        r"\bsorry (?:i|we) missed you\b|\b(?:hope|look(?:ing)? forward) to (?:hear|hearing|talk|talking) (?:from|back from|to|with) you\b"
        r"|\bwhen you (?:get|have) (?:a|this|the) (?:chance|moment|minute|message|second)\b"
        r"|\bleaving (?:you )?(?:a |this )?(?:quick |brief |short )?(?:message|voice ?mail)\b"
    ),
}

_COMPILED: dict[str, re.Pattern[str]] = {k: re.compile(v, re.IGNORECASE) for k, v in {**GREETING, **MESSAGE}.items()}


def _normal(text: str) -> str:
    """Lower case, straight apostrophes, single spaces (how the patterns read)."""
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").lower().split())


@dataclass(frozen=True, slots=True)
class PhraseHit:
    """A voicemail phrase found: its family (``reached``, ``call back`` ... or ``team``), the
    words, and the turn."""

    family: str
    text: str
    utterance_id: int

    @property
    def greeting(self) -> bool:
        return self.family in GREETING or self.family == "team"


def voicemail_phrases(call: Call, extra: tuple[str, ...] | list[str] = ()) -> list[PhraseHit]:
    """Every voicemail phrase in ``call`` (at most one per family and turn), in turn order;
    ``extra`` are a team's own patterns (counted as greetings)."""
    team = [re.compile(p, re.IGNORECASE) for p in extra]
    hits: list[PhraseHit] = []
    for u in call.utterances:
        text = _normal(u.text)
        for family, pattern in _COMPILED.items():
            m = pattern.search(text)
            if m:
                hits.append(PhraseHit(family, m.group(0), u.id))
        for pattern in team:
            m = pattern.search(text)
            if m:
                hits.append(PhraseHit("team", m.group(0), u.id))
    return hits


def _metrics(call: Call) -> dict[str, Any]:
    """The call's stored metrics (so a call re-scored without its word lists measures the same),
    computed here where they are missing or lack the speakers' word counts."""
    rows = (call.metrics or {}).get("speakers")
    if isinstance(rows, list) and rows and all(isinstance(s, dict) and isinstance(s.get("words"), int) for s in rows):
        return call.metrics
    from callcoach.metrics import compute_metrics

    return compute_metrics(call).to_dict()


def _num(v: Any) -> float | None:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


@dataclass(frozen=True, slots=True)
class TwoWay:
    """How much two-way talk a call has: the speakers heard (id -> words), the seconds of speech
    of all of them together (``estimated`` from words where there are no times), and the
    substantive changes of speaker."""

    heard: dict[str, int]
    speech_s: float
    estimated: bool
    changes: int
    words: int


def measure(call: Call) -> TwoWay:
    """The two-way talk of ``call``, from its metrics (computed here when it has none)."""
    m = _metrics(call)
    rows = [s for s in m.get("speakers") or [] if isinstance(s, dict)]
    words = {str(s.get("speaker")): int(_num(s.get("words")) or 0) for s in rows}
    heard = {spk: n for spk, n in words.items() if n >= VOICE_MIN_WORDS}
    talk = [_num(s.get("talk_s")) for s in rows if str(s.get("speaker")) in heard]
    estimated = not talk or any(t is None for t in talk)
    speech = sum(heard.values()) / WORDS_PER_SECOND if estimated else sum(t or 0.0 for t in talk)
    inter = m.get("interactivity") if isinstance(m.get("interactivity"), dict) else {}
    changes = _num(inter.get("substantive_speaker_switches"))
    if changes is None:
        changes = _changes(call)
    return TwoWay(heard, float(speech), estimated, int(changes), sum(words.values()))


def _changes(call: Call, max_words: int = 3) -> int:
    """Changes of speaker between turns longer than a backchannel (no metrics to read it from)."""
    turns = [u for u in call.utterances if len(u.text.split()) > max_words]
    return sum(1 for a, b in itertools.pairwise(turns) if a.speaker != b.speaker)


def _quote(u: Utterance, phrase: str) -> str:
    """The words around ``phrase`` in ``u``, at most :data:`QUOTE_CHARS` characters."""
    text = " ".join(u.text.split())
    at = _normal(text).find(phrase)
    if at < 0 or len(text) <= QUOTE_CHARS:
        return text[:QUOTE_CHARS] + ("\u2026" if len(text) > QUOTE_CHARS else "")
    start = max(0, at - 40)
    piece = text[start : start + QUOTE_CHARS]
    return ("\u2026" if start else "") + piece + ("\u2026" if start + QUOTE_CHARS < len(text) else "")


def _substantive(u: Utterance, max_words: int = 3, max_seconds: float = 1.5) -> bool:
    """Longer than a backchannel ("mm-hmm", "okay"), as the metrics count one."""
    if len(u.text.split()) > max_words:
        return True
    return u.start is not None and u.end is not None and u.end - u.start > max_seconds


def _one_voice_after_greeting(call: Call, hits: list[PhraseHit]) -> bool:
    """A greeting was heard first (only its own voice spoke before it: "Hi, this is Dana."), and
    every substantive turn after it that is not part of a greeting or mailbox message is by one
    voice, the message-leaver's: nobody ever answered."""
    greeting = {h.utterance_id for h in hits if h.greeting}
    if not greeting:
        return False
    ordered = sorted(call.utterances, key=lambda u: (u.start if u.start is not None else float("inf"), u.id))
    first = next(i for i, u in enumerate(ordered) if u.id in greeting)
    opener = ordered[first].speaker
    if any(_substantive(u) and u.speaker != opener for u in ordered[:first]):
        return False  # someone else talked before the greeting: it answers them, it is no machine
    others = {
        u.speaker
        for i, u in enumerate(ordered)
        if u.id not in greeting and _substantive(u) and not (i < first and u.speaker == opener)
    }
    return len(others) <= 1


def _message_left(hits: list[PhraseHit], two: TwoWay) -> bool:
    """At least two kinds of message phrase ("calling about", "call me back", "my number is"),
    mostly one speaker talking."""
    mostly_one = max(two.heard.values(), default=0) >= MOSTLY_ONE * max(1, two.words)
    return mostly_one and len({h.family for h in hits if not h.greeting}) >= 2


def _voicemail(
    call: Call, hits: list[PhraseHit], two: TwoWay, about: str, figures: dict[str, Any]
) -> ConversationCheck:
    by_id = {u.id: u for u in call.utterances}
    shown = [h for h in hits if h.greeting] + [h for h in hits if not h.greeting]
    evidence: list[str] = []
    ids: list[int] = []
    for h in shown:  # one quote per turn, around its first phrase
        if h.utterance_id not in ids:
            evidence.append(_quote(by_id[h.utterance_id], h.text))
            ids.append(h.utterance_id)
    kinds = ", ".join(dict.fromkeys(f"\u201c{h.text}\u201d" for h in shown[:3]))
    after = (
        "a greeting, then one voice with no reply" if any(h.greeting for h in hits) else "one voice leaving a message"
    )
    reason = (
        f"voicemail phrases ({kinds}): {after} ({about}{_secs(two.speech_s)} of speech, {_changes_words(two.changes)})"
    )
    return ConversationCheck("voicemail", reason, evidence=tuple(evidence[:3]), utterance_ids=tuple(ids[:3]), **figures)


def _changes_words(n: int) -> str:
    return f"{n} change{'s' if n != 1 else ''} of speaker"


def _secs(s: float) -> str:
    return f"{s:.0f} s"


def check_conversation(call: Call, rule: Conversation | None = None) -> ConversationCheck:
    """Label ``call`` as a conversation or as what it is instead, with the reason; see the module
    docstring. ``rule`` is the rubric's ``conversation`` block (defaults without one)."""
    rule = rule or Conversation()
    two = measure(call)
    voices, speech, changes = len(two.heard), two.speech_s, two.changes
    about = "about " if two.estimated else ""
    figures: dict[str, Any] = {
        "voices": voices,
        "speech_s": None if two.estimated else round(speech, 1),
        "speaker_changes": changes,
    }
    if two.words == 0:
        return ConversationCheck("no_speech", "no words were recognised in the recording", **figures)
    hits = voicemail_phrases(call, rule.voicemail_phrases)
    if _one_voice_after_greeting(call, hits):
        return _voicemail(call, hits, two, about, figures)
    if voices >= 2 and speech >= rule.min_speech_s and changes >= rule.min_speaker_changes:
        reason = f"{voices} voices, {about}{_secs(speech)} of speech and {_changes_words(changes)}"
        return ConversationCheck("conversation", reason, **figures)
    if _message_left(hits, two):
        return _voicemail(call, hits, two, about, figures)
    if voices <= 1:
        who = next(iter(two.heard), None)
        reason = (
            f"only one voice was heard ({who}: {about}{_secs(speech)} of speech); the call did not connect, "
            "or the other side was not recorded"
            if who
            else "nobody said more than a single word"
        )
        att = call.attribution
        if att.method == "diarization" and att.confidence < LOW_ATTRIBUTION:
            reason += f" (diarization confidence {att.confidence:.2f}: if two people spoke, analyse it again with --speakers 2)"
        return ConversationCheck("one_voice", reason, **figures)
    short = []
    if speech < rule.min_speech_s:
        short.append(f"{about}{_secs(speech)} of speech from both sides (minimum {rule.min_speech_s:g} s)")
    if changes < rule.min_speaker_changes:
        short.append(f"{_changes_words(changes)} (minimum {rule.min_speaker_changes})")
    return ConversationCheck("too_short", "too little two-way talk: " + " and ".join(short), **figures)
