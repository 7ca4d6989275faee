"""Where the deal stalls: timestamped moments, each with evidence, why it matters, and what to
do instead. Pure functions over a tagged call with metrics; a rubric turns detectors on or off
and sets their severity and threshold.

Detectors (the ids a rubric's ``stalls`` section uses):

- ``situation_only``: the rep's questions never got past situation questions (or most of
  them were situation questions), so no problem was ever established (Rackham).
- ``objection_monologue``: an objection answered with a long rep monologue.
- ``objection_unexplored``: an objection left without acknowledgement or a question back.
- ``early_price``: price came up before any problem or implication question.
- ``customer_quiet``: the customer's share of talk collapsed after the rep's pitch began.
- ``long_monologue``: a rep monologue longer than the rubric's threshold (default 150 s).
- ``no_next_step``: the call ended without an Advance (a specific action the customer commits
  to: a meeting on a date, a trial, an introduction), e.g. with "send me some info".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from callcoach.call import Call, Moment, Utterance
from callcoach.tagging.base import is_backchannel

if TYPE_CHECKING:  # pragma: no cover
    from callcoach.rubric import Rubric, StallRule

QUOTE_WORDS = 25


def _quote(u: Utterance, span: tuple[int, int] | None = None) -> str:
    text = u.text[span[0] : span[1]] if span else u.text
    words = text.split()
    short = " ".join(words[:QUOTE_WORDS]) + (" …" if len(words) > QUOTE_WORDS else "")
    return f"{u.speaker}: \u201c{short}\u201d"


def _rep_ids(call: Call) -> set[str]:
    return {s.id for s in call.speakers if s.role == "rep"}


def _tagged(call: Call, prefix: str, speakers: set[str] | None = None) -> list[tuple[Utterance, Any]]:
    return [
        (u, t)
        for u in call.utterances
        if speakers is None or u.speaker in speakers
        for t in u.tags
        if t.label.startswith(prefix)
    ]


def _fmt(t: float | None) -> str:
    if t is None:
        return "?"
    return f"{int(t // 60)}:{int(t % 60):02d}"


def situation_only(call: Call, rule: StallRule) -> list[Moment]:
    rep = _rep_ids(call)
    spin = _tagged(call, "spin.", rep)
    if not spin:
        return []
    situation = [(u, t) for u, t in spin if t.label == "spin.situation"]
    share = len(situation) / len(spin)
    deeper = len(spin) - len(situation)
    limit = rule.threshold if rule.threshold is not None else 0.75
    if deeper > 0 and share < limit:
        return []
    u, t = situation[-1] if situation else spin[-1]
    title = "Never got past situation questions" if deeper == 0 else f"{share:.0%} of the SPIN questions were situation questions"
    return [
        Moment(
            "stall.situation_only",
            title,
            u.start,
            u.end,
            tuple(x.id for x, _ in situation[-3:]),
            tuple(_quote(x, tt.span) for x, tt in situation[-2:]),
            "Situation questions gather facts but give the buyer no reason to change; in Rackham's research "
            "they were the only SPIN type with no link to success, and too many of them bore buyers.",
            "Once you have the basics, ask what is hard or not working (\u201cWhere does that break down?\u201d), "
            "then what it costs them (\u201cWhat does that do to the quarter?\u201d).",
            rule.severity,
        )
    ]


def _handling(call: Call) -> list[dict[str, Any]]:
    return [h for h in (call.metrics or {}).get("objections", []) if isinstance(h, dict)]


def objection_monologue(call: Call, rule: StallRule) -> list[Moment]:
    return _objection_moments(call, rule, ("monologue",), "stall.objection_monologue")


def objection_unexplored(call: Call, rule: StallRule) -> list[Moment]:
    return _objection_moments(call, rule, ("none",), "stall.objection_unexplored")


def _objection_moments(call: Call, rule: StallRule, responses: tuple[str, ...], kind: str) -> list[Moment]:
    by_id = {u.id: u for u in call.utterances}
    out = []
    for h in _handling(call):
        if h.get("response") not in responses or h.get("utterance_id") not in by_id:
            continue
        u = by_id[h["utterance_id"]]
        replies = [by_id[i] for i in h.get("response_utterance_ids", ()) if i in by_id]
        evidence = [_quote(u)] + [_quote(r) for r in replies[:1]]
        typ = h.get("label", "objection").split(".")[-1].replace("_", " ")
        if kind == "stall.objection_monologue":
            title = f"{typ.capitalize()} objection met with a monologue"
            why = "Answering an objection with a long pitch treats it as an argument to win; the buyer stops talking and the real concern stays hidden."
            instead = "Acknowledge the concern in one sentence, then ask about it (\u201cWhat makes it feel expensive?\u201d) before answering."
        else:
            title = f"{typ.capitalize()} objection left unexplored"
            why = "An objection nobody picks up resurfaces later as a lost deal; the buyer has to feel heard before they listen."
            instead = "Stop and explore it: \u201cThat's fair. What would need to be true for the price to make sense?\u201d"
        end = replies[-1].end if replies else u.end
        out.append(
            Moment(kind, title, u.start, end, (u.id, *(r.id for r in replies)), tuple(evidence), why, instead, rule.severity)
        )
    return out


def early_price(call: Call, rule: StallRule) -> list[Moment]:
    price = [(u, t) for u in call.utterances for t in u.tags if t.label in ("tracker.pricing", "objection.price", "tracker.budget")]
    if not price:
        return []
    rep = _rep_ids(call)
    deep = [u for u, t in _tagged(call, "spin.", rep) if t.label in ("spin.problem", "spin.implication", "spin.need_payoff")]
    first_price = min(price, key=lambda x: (x[0].start if x[0].start is not None else x[0].id, x[0].id))
    u, t = first_price
    if deep and min(d.id for d in deep) < u.id:
        return []
    return [
        Moment(
            "stall.early_price",
            "Price came up before any problem was established",
            u.start,
            u.end,
            (u.id,),
            (_quote(u, t.span),),
            "Without an agreed problem and its cost, price is compared with nothing, so any number sounds expensive.",
            "Before talking numbers, establish a problem and what it costs them; if they ask early, give a range and "
            "ask what it is costing them today.",
            rule.severity,
        )
    ]


PITCH_SECONDS = 45.0  # a rep stretch this long is where the pitch begins


def _first_long_rep_stretch(timed: list[Utterance], rep: set[str], seconds: float) -> Utterance | None:
    """The first utterance of the first rep stretch of at least ``seconds`` (the rep's
    consecutive utterances, customer backchannels such as "uh huh, okay" in between allowed),
    returned as one utterance spanning the stretch."""
    start: Utterance | None = None
    last: Utterance | None = None
    for u in timed:
        if u.speaker in rep:
            start = start or u
            last = u
            if last.end - start.start >= seconds:
                return Utterance(start.id, start.speaker, start.start, last.end, start.text, start.words)
        elif not is_backchannel(u.text):
            start = last = None
    return None


def customer_quiet(call: Call, rule: StallRule) -> list[Moment]:
    """The customer's share of talk in the stretch after the pitch starts, against before."""
    rep = _rep_ids(call)
    timed = [u for u in call.utterances if u.start is not None and u.end is not None]
    if not rep or len(timed) < 6:
        return []
    pitch = _first_long_rep_stretch(timed, rep, PITCH_SECONDS)
    if pitch is None:
        return []
    before = [u for u in timed if u.end <= pitch.start]
    after = [u for u in timed if u.start >= pitch.start]

    def share(us: list[Utterance]) -> float | None:
        total = sum(u.duration for u in us)
        return None if total < 30 else sum(u.duration for u in us if u.speaker not in rep) / total

    s_before, s_after = share(before), share(after)
    drop = rule.threshold if rule.threshold is not None else 0.5
    if s_before is None or s_after is None or s_before < 0.2 or s_after > s_before * drop:
        return []
    return [
        Moment(
            "stall.customer_quiet",
            f"The customer went quiet after the pitch began ({s_before:.0%} of the talk before, {s_after:.0%} after)",
            pitch.start,
            pitch.end,
            (pitch.id,),
            (_quote(pitch),),
            "When the buyer stops talking, you stop learning: their silence during a pitch usually means it is not landing.",
            "Break the pitch into short pieces and check in after each (\u201cHow would that work for your team?\u201d).",
            rule.severity,
        )
    ]


def long_monologue(call: Call, rule: StallRule) -> list[Moment]:
    mono = (call.metrics or {}).get("longest_monologue") or {}
    dur = mono.get("duration_s")
    limit = rule.threshold if rule.threshold is not None else 150.0
    if dur is None or dur <= limit:
        return []
    ids = tuple(mono.get("utterance_ids", ()))
    by_id = {u.id: u for u in call.utterances}
    first = by_id.get(ids[0]) if ids else None
    return [
        Moment(
            "stall.long_monologue",
            f"A {dur / 60:.1f}-minute monologue",
            mono.get("start_s"),
            mono.get("end_s"),
            ids,
            (_quote(first),) if first else (),
            f"Top performers rarely talk more than {limit / 60:.1f} minutes without letting the buyer in; long monologues lose attention.",
            "Keep each stretch under two minutes and hand the conversation back with a question.",
            rule.severity,
        )
    ]


_CONTINUATION = re.compile(
    r"\b(send (me|us|over) (some |more )?(info|information|details|material|a deck|something)|"
    r"(talk|speak|catch up|chat) (again )?(sometime|some time|later|soon)|i('ll| will) (think about|get back)|"
    r"let me (think|get back)|keep in touch|reach out (later|in a few)|circle back)\b",
    re.I,
)
_SPECIFIC = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|next week|\d{1,2}(:\d\d)? ?(am|pm|a\.m\.|p\.m\.)|"
    r"at \d{1,2}\b|(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) ?(pm|am|o'clock)|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"trial|pilot|introduc\w+|invite)\b",
    re.I,
)
_AGREE = re.compile(r"\b(sure|yes|yeah|sounds good|works|perfect|great|okay|ok|let's do|that's fine|deal|absolutely)\b", re.I)


def next_step(call: Call) -> dict[str, Any]:
    """Rackham's Advance or Continuation at the end of the call.

    ``advance``: a next-step mention that is specific (a day, a time, a trial, an
    introduction) in the last third of the call (or last 3 minutes) that the customer agrees
    to; ``continuation``: a polite ending with no commitment ("send me some info");
    ``none``: neither; ``unknown``: the call was not tagged.
    """
    if not any(u.tags for u in call.utterances) and not (call.metrics or {}).get("questions"):
        return {"kind": "unknown", "utterance_ids": [], "evidence": []}
    judged = [(u, t) for u in call.utterances for t in u.tags if t.label.startswith("outcome.")]
    if judged:  # the tag model's call-level verdict (callcoach.tagging.outcome)
        u, t = judged[-1]
        kind = {"outcome.advance": "advance", "outcome.continuation": "continuation"}.get(t.label, "none")
        return {"kind": kind, "utterance_ids": [u.id], "evidence": [_quote(u)], "probability": t.score}
    n = len(call.utterances)
    if n == 0:
        return {"kind": "none", "utterance_ids": [], "evidence": []}
    end = max((u.end or 0.0) for u in call.utterances) or None
    def late(u: Utterance, i: int) -> bool:
        if end and u.start is not None:
            return u.start >= min(end * 2 / 3, end - 180.0) if end > 180 else True
        return i >= n * 2 / 3

    customers = {s.id for s in call.speakers if s.role == "customer"}
    tail = [(i, u) for i, u in enumerate(call.utterances) if late(u, i)]
    for i, u in tail:
        if any(t.label == "tracker.next_step" for t in u.tags) and _SPECIFIC.search(u.text):
            replies = [v for _, v in tail if v.id > u.id][:3] + [u]
            agreed = any(v.speaker in customers and _AGREE.search(v.text) for v in replies) or u.speaker in customers
            if agreed:
                ev = [_quote(u)] + [_quote(v) for v in replies if v.speaker in customers and v.id != u.id][:1]
                return {"kind": "advance", "utterance_ids": [u.id], "evidence": ev}
    for _, u in tail:
        if _CONTINUATION.search(u.text):
            return {"kind": "continuation", "utterance_ids": [u.id], "evidence": [_quote(u)]}
    return {"kind": "none", "utterance_ids": [], "evidence": []}


def no_next_step(call: Call, rule: StallRule) -> list[Moment]:
    ns = next_step(call)
    if ns["kind"] in ("advance", "unknown"):
        return []
    by_id = {u.id: u for u in call.utterances}
    last = call.utterances[-1] if call.utterances else None
    at = by_id.get(ns["utterance_ids"][0]) if ns["utterance_ids"] else last
    title = "The call ended in a Continuation, not an Advance" if ns["kind"] == "continuation" else "No concrete next step was agreed"
    return [
        Moment(
            "stall.no_next_step",
            title,
            at.start if at else None,
            at.end if at else None,
            tuple(ns["utterance_ids"]),
            tuple(ns["evidence"]) or ((_quote(last),) if last else ()),
            "Rackham found that successful calls end in an Advance: a specific action the customer commits to. "
            "\u201cSend me some info\u201d feels positive but moves nothing.",
            "Before you hang up, propose a specific next step with a date: \u201cCan we get 30 minutes with your VP on Thursday at 2?\u201d",
            rule.severity,
        )
    ]


DETECTORS: dict[str, Callable[[Call, Any], list[Moment]]] = {
    "situation_only": situation_only,
    "objection_monologue": objection_monologue,
    "objection_unexplored": objection_unexplored,
    "early_price": early_price,
    "customer_quiet": customer_quiet,
    "long_monologue": long_monologue,
    "no_next_step": no_next_step,
}

DEFAULT_SEVERITY = {
    "no_next_step": 0.9,
    "situation_only": 0.8,
    "objection_monologue": 0.75,
    "objection_unexplored": 0.7,
    "early_price": 0.6,
    "customer_quiet": 0.6,
    "long_monologue": 0.5,
}


def detect_stalls(call: Call, rubric: Rubric) -> list[Moment]:
    """Every enabled detector's moments, most severe first (then by time)."""
    from callcoach.rubric import StallRule

    moments: list[Moment] = []
    for name, detect in DETECTORS.items():
        rule = rubric.stalls.get(name) or StallRule()
        if rule.severity is None:
            rule = rule.model_copy(update={"severity": DEFAULT_SEVERITY[name]})
        if rule.enabled:
            moments.extend(detect(call, rule))
    return sorted(moments, key=lambda m: (-m.severity, m.start if m.start is not None else float("inf"), m.kind))
