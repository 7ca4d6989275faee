"""Who is the rep: given by the user, or inferred from how each speaker talks.

Inference weighs cues that hold across sales calls: the rep introduces themself and their
company, talks about "our product / our platform", proposes next steps and asks most of the
questions; the customer describes "our team / we currently use". Talk share is a weak cue
(reps usually talk more, but top performers less), and speaking first a weaker one. The
decision records its evidence and a confidence so a coach can correct it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from callcoach.call import RoleAssignment, Speaker, Utterance

REP_PHRASES = (
    r"\bmy name is\b", r"\bthis is \w+ (from|with|at)\b", r"\b(calling|reaching out) (from|with|about)\b",
    r"\bour (product|platform|solution|software|tool|service|team can|customers|clients|pricing)\b",
    r"\bwe (help|offer|provide|work with)\b", r"\b(demo|free trial|pilot|proposal|quote)\b",
    r"\bthanks for (taking|your time|making the time)\b", r"\bwould it make sense\b",
    r"\b(tell me|walk me through|can you share) (more )?about\b", r"\bwhat does (that|it) cost you\b",
    r"\bnext steps?\b", r"\bsend (you|over) (an?|the) (invite|proposal|calendar)\b",
)
CUSTOMER_PHRASES = (
    r"\bwe (currently|already) (use|have|pay)\b", r"\bour (budget|current|boss|vp|director|ceo)\b",
    r"\bmy (boss|manager|team lead)\b", r"\bhow much (does|is|would)\b", r"\bsend me (some )?info\b",
    r"\btoo expensive\b", r"\bnot (interested|the right time)\b", r"\bwe're (looking|evaluating)\b",
)
_REP = [re.compile(p, re.I) for p in REP_PHRASES]
_CUST = [re.compile(p, re.I) for p in CUSTOMER_PHRASES]
def _is_question(text: str) -> bool:
    """The question rules of the tagging stage, lexical only (no parse needed here)."""
    from callcoach.tagging.questions import is_question

    return is_question(text)[0]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!])\s+", text) if s.strip()]


def given_rep(speakers: Sequence[Speaker], rep: str, method: str) -> RoleAssignment:
    """The rep named by the user (``--rep`` or ``--rep-channel``)."""
    return RoleAssignment(rep, method, 1.0, (f"set by the user ({method})",))


def infer_rep(speakers: Sequence[Speaker], utterances: Sequence[Utterance]) -> RoleAssignment:
    """Infer the rep among ``speakers`` from the utterances; confidence in [0, 1]."""
    ids = [s.id for s in speakers if s.id != "unknown"] or [s.id for s in speakers]
    if not ids:
        return RoleAssignment(None, "inferred", 0.0, ("no speakers",))
    if len(ids) == 1:
        return RoleAssignment(ids[0], "inferred", 0.2, ("only one speaker was found",))
    talk = {i: 0.0 for i in ids}
    questions = {i: 0 for i in ids}
    rep_hits = {i: 0 for i in ids}
    cust_hits = {i: 0 for i in ids}
    for u in utterances:
        if u.speaker not in talk:
            continue
        talk[u.speaker] += u.duration or len(u.text.split()) / 2.5
        questions[u.speaker] += sum(_is_question(s) for s in _sentences(u.text))
        rep_hits[u.speaker] += sum(bool(p.search(u.text)) for p in _REP)
        cust_hits[u.speaker] += sum(bool(p.search(u.text)) for p in _CUST)
    first = next((u.speaker for u in utterances if u.speaker in talk), ids[0])
    total_talk = sum(talk.values()) or 1.0
    total_q = sum(questions.values()) or 1
    score = {}
    for i in ids:
        score[i] = (
            2.0 * (questions[i] / total_q)
            + 0.6 * (rep_hits[i] - cust_hits[i])
            + 1.0 * (talk[i] / total_talk)
            + (0.15 if i == first else 0.0)
        )
    ranked = sorted(ids, key=lambda i: (-score[i], ids.index(i)))
    rep, runner = ranked[0], ranked[1]
    margin = score[rep] - score[runner]
    confidence = 1 / (1 + math.exp(-2.5 * margin))  # 0.5 at a tie
    evidence = [
        f"{rep} asked {questions[rep]} questions, {runner} asked {questions[runner]}",
        f"{rep} used {rep_hits[rep]} seller phrases and {cust_hits[rep]} buyer phrases; "
        f"{runner} used {rep_hits[runner]} and {cust_hits[runner]}",
        f"{rep} talked {talk[rep] / total_talk:.0%} of the time",
    ]
    if first == rep:
        evidence.append(f"{rep} spoke first")
    return RoleAssignment(rep, "inferred", round(confidence, 3), tuple(evidence))


def apply_roles(speakers: Sequence[Speaker], roles: RoleAssignment) -> tuple[Speaker, ...]:
    """Speakers with ``role`` set: the rep, and every other named party a customer.

    A speaker a transcript left unnamed (id ``unknown``) stays of unknown role.
    """
    out = []
    for s in speakers:
        if roles.rep is None or (s.id == "unknown" and s.id != roles.rep):
            role = "unknown"
        else:
            role = "rep" if s.id == roles.rep else "customer"
        out.append(Speaker(s.id, role, s.channel, s.talk_time))  # type: ignore[arg-type]
    return tuple(out)
