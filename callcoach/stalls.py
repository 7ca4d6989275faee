"""Where the deal stalls: timestamped moments, each with evidence, why it matters, and what to
do instead. Pure functions over a tagged call with metrics; a rubric turns detectors on or off
and sets their severity, threshold and advice.

Detectors (the ids a rubric's ``stalls`` section uses):

- ``situation_only``: the rep's questions never got past situation questions (or most of
  them were situation questions), so no problem was ever established (Rackham).
- ``objection_monologue``: an objection answered with a long rep monologue.
- ``objection_unexplored``: an objection left without acknowledgement or a question back.
  Both give one moment per objection type and customer turn, and advise by the objection's
  type (:data:`OBJECTION_ADVICE`: what to find out, and a line the rep could say).
- ``early_price``: price came up before any problem or implication question.
- ``customer_quiet``: the customer's share of talk collapsed after the rep's pitch began.
- ``long_monologue``: a rep monologue longer than the rubric's threshold (default 150 s).
- ``no_next_step``: the call ended without an Advance (a specific action the customer commits
  to: a meeting on a date, a trial, an introduction), e.g. with "send me some info".

A rubric replaces the "do this instead" text of a stall (``stalls: {<id>: {advice: ...}}``) and,
for the two objection stalls, of an objection type (``advice: {objection.<type>: ...}``, which
wins over the stall's).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
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


@dataclass(frozen=True, slots=True)
class ObjectionAdvice:
    """Coaching for one objection type: what it usually hides (``why``), what to find out
    (``explore``, a clause that follows "acknowledge it and") and a line the rep could say."""

    why: str
    explore: str
    line: str


OBJECTION_ADVICE: dict[str, ObjectionAdvice] = {
    "price": ObjectionAdvice(
        "A price objection usually means the value is not clear yet, or the number is being compared with the wrong thing.",
        "find out what they are comparing the price with (their budget, another quote, the cost of the problem) "
        "before you defend or discount it",
        "That's fair. What would need to be true for the price to make sense?",
    ),
    "timing": ObjectionAdvice(
        "\u201cNot now\u201d is often a polite no or a priority call; without knowing what drives the date, the deal slips "
        "from quarter to quarter.",
        "find out what is driving the timing and what it costs them if nothing changes until then",
        "Understood. What's driving that timing, and what happens to the problem if nothing changes until then?",
    ),
    "authority": ObjectionAdvice(
        "If you don't know who decides and how, you end up selling through someone who cannot say yes.",
        "find out who else is involved, how they decide and what each of them will care about, and offer to help "
        "make the case",
        "Makes sense. Who else weighs in on a decision like this, and how do they usually decide?",
    ),
    "need": ObjectionAdvice(
        "\u201cWe're fine as we are\u201d means the buyer has not connected their situation to a problem worth solving; "
        "arguing the need makes them defend the status quo.",
        "find out how they handle it today and where that falls short, rather than arguing that they need it",
        "Fair enough. How are you handling that today, and where does it take more effort than you'd like?",
    ),
    "competitor": ObjectionAdvice(
        "Knocking the alternative makes the buyer defend their choice; learning what it lacks shows where you can win.",
        "find out what they use or are weighing, what they like about it and what it doesn't do for them, "
        "without criticising it",
        "Good to know. What do you like most about them, and what would you change if you could?",
    ),
    "trust": ObjectionAdvice(
        "Doubt doesn't yield to more claims; it yields to the proof this buyer needs (a reference, a pilot, their own numbers).",
        "find out exactly what worries them and what would settle it, instead of repeating your claims",
        "That's a fair concern. What would you need to see to be confident it would work for you?",
    ),
    "fit": ObjectionAdvice(
        "A fit concern may be a real gap or a misunderstanding, and you can't tell which until you know exactly what they mean.",
        "find out what specifically would not fit (a system, their size, a workflow, a missing feature) and how much "
        "it matters before you answer",
        "Help me understand: which part of how you work do you see it not fitting, and how much does that matter?",
    ),
}
"""Advice per objection type (:data:`callcoach.tagging.features.OBJECTION_TYPES`); a rubric's
``advice: {objection.<type>: ...}`` replaces the "do this instead" text of a type."""

GENERIC_OBJECTION_ADVICE = ObjectionAdvice(
    "The stated concern is rarely the whole story; until you know what is behind it, any answer is a guess.",
    "find out what is behind the concern before answering it",
    "That's a fair concern. What's behind it for you?",
)
"""For a type without advice of its own (a label from an older analysis or another tag model)."""


def objection_instead(
    kind: str, label: str, rule: StallRule | None = None, overrides: Mapping[str, str] | None = None
) -> str:
    """The "do this instead" text of an objection stall: the rubric's advice for the objection
    type (``advice: {objection.<type>: ...}``), else the stall's own (``stalls: {<kind>: {advice:
    ...}}``), else the built-in advice for the type framed for the stall kind."""
    if overrides and overrides.get(label):
        return overrides[label]
    if rule is not None and rule.advice:
        return rule.advice
    a = OBJECTION_ADVICE.get(label.removeprefix("objection."), GENERIC_OBJECTION_ADVICE)
    if kind == "stall.objection_monologue":
        return f"Stop pitching: acknowledge it in one sentence and {a.explore}. Try: \u201c{a.line}\u201d"
    return f"Don't move past it: acknowledge it and {a.explore}. Try: \u201c{a.line}\u201d"


def objection_monologue(call: Call, rule: StallRule, advice: Mapping[str, str] | None = None) -> list[Moment]:
    return _objection_moments(call, rule, ("monologue",), "stall.objection_monologue", advice)


def objection_unexplored(call: Call, rule: StallRule, advice: Mapping[str, str] | None = None) -> list[Moment]:
    return _objection_moments(call, rule, ("none",), "stall.objection_unexplored", advice)


def _turns(call: Call) -> dict[int, int]:
    """Utterance id -> id of the first utterance of its turn (one speaker's consecutive utterances)."""
    out: dict[int, int] = {}
    first, prev = -1, None
    for u in call.utterances:
        if prev is None or u.speaker != prev:
            first = u.id
        out[u.id] = first
        prev = u.speaker
    return out


def _objection_spans(call: Call, handling: list[dict[str, Any]]) -> list[tuple[int, int] | None]:
    """The sentence span of each handled objection: the k-th entry of an utterance is its k-th
    ``objection.*`` tag (handling is in span order); None where the tags don't match."""
    by_id = {u.id: u for u in call.utterances}
    seen: dict[int, int] = {}
    out: list[tuple[int, int] | None] = []
    for h in handling:
        u = by_id.get(h.get("utterance_id"))  # type: ignore[arg-type]
        if u is None:
            out.append(None)
            continue
        tags = sorted((t for t in u.tags if t.label.startswith("objection.")), key=lambda t: t.span or (0, 0))
        k = seen[u.id] = seen.get(u.id, -1) + 1
        out.append(tags[k].span if k < len(tags) and tags[k].label == h.get("label") else None)
    return out


def _objection_moments(
    call: Call, rule: StallRule, responses: tuple[str, ...], kind: str, advice: Mapping[str, str] | None
) -> list[Moment]:
    """One moment per objection type and customer turn: two objections of one type in a turn
    (the same reply, or none, met both) are one moment quoting both."""
    by_id = {u.id: u for u in call.utterances}
    turn_of = _turns(call)
    handling = _handling(call)
    groups: dict[tuple[int, str], list[tuple[dict[str, Any], tuple[int, int] | None]]] = {}
    for h, span in zip(handling, _objection_spans(call, handling)):
        if h.get("response") in responses and h.get("utterance_id") in by_id:
            key = (turn_of[h["utterance_id"]], str(h.get("label") or "objection"))
            groups.setdefault(key, []).append((h, span))
    out = []
    for (_, label), group in groups.items():
        objecting = [by_id[h["utterance_id"]] for h, _ in group]
        reply_ids = dict.fromkeys(i for h, _ in group for i in h.get("response_utterance_ids", ()) if i in by_id)
        replies = [by_id[i] for i in reply_ids]
        evidence = [*dict.fromkeys(_quote(by_id[h["utterance_id"]], span) for h, span in group)]
        evidence += [_quote(r) for r in replies[:1]]
        typ = label.split(".")[-1].replace("_", " ")
        n = len(group)
        what = f"{typ.capitalize()} objection" if n == 1 else f"{n} {typ} objections"
        a = OBJECTION_ADVICE.get(label.removeprefix("objection."), GENERIC_OBJECTION_ADVICE)
        if kind == "stall.objection_monologue":
            title = f"{what} met with a monologue"
            why = "Answering an objection with a long pitch treats it as an argument to win; the buyer stops talking and the real concern stays hidden. "
        else:
            title = f"{what} left unexplored"
            why = "An objection nobody picks up resurfaces later as a lost deal; the buyer has to feel heard before they listen. "
        first = group[0][0].get("start")
        start = float(first) if isinstance(first, int | float) else objecting[0].start
        end = replies[-1].end if replies else max((u.end for u in objecting if u.end is not None), default=None)
        ids = tuple(dict.fromkeys([*(u.id for u in objecting), *reply_ids]))
        instead = objection_instead(kind, label, rule, advice)
        out.append(Moment(kind, title, start, end, ids, tuple(evidence), why + a.why, instead, rule.severity))
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
            _early_price_instead(t.label, u.speaker in rep),
            rule.severity,
        )
    ]


def _early_price_instead(label: str, by_rep: bool) -> str:
    """What to do when price came up early: it depends on who raised it and how."""
    if label == "objection.price":
        return (
            "Don't defend the number yet: acknowledge it and go back to the problem and what it costs them, so the price "
            "has something to be weighed against. Try: \u201cFair. Before we get into price, what is this costing you today?\u201d"
        )
    if by_rep:
        return (
            "Hold the numbers until the buyer has agreed a problem and what it costs them; then the price lands against "
            "that cost. Ask first: \u201cWhat is this costing you today?\u201d"
        )
    return (
        "Answer honestly with a range, then turn to the cost of the problem before any detail: \u201cIt usually runs "
        "between X and Y depending on the team. To tell you where you'd land, what is this costing you today?\u201d"
    )


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
            f"Keep each stretch under {_minutes(limit)}: make one point, then hand the conversation back with a question "
            "(\u201cHow does that compare with how you do it today?\u201d).",
            rule.severity,
        )
    ]


def _minutes(seconds: float) -> str:
    """``150`` -> "2.5 minutes", ``60`` -> "1 minute", ``45`` -> "45 seconds"."""
    if seconds < 60:
        return f"{seconds:.0f} seconds"
    m = round(seconds / 60, 1)
    return f"{m:g} minute{'' if m == 1 else 's'}"


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


_NEXT_STEP_INSTEAD = (
    (
        "Before you hang up, propose a specific next step with a date and who should be there: "
        "\u201cCan we take 30 minutes on Thursday at 2, with you and whoever signs off on this?\u201d"
    ),
    (
        "Say yes to what they ask, then tie it to a commitment with a date: \u201cHappy to send it. Can we take "
        "20 minutes on Thursday to go through it together, with anyone else who should see it?\u201d"
    ),
)
"""The advice when no next step was agreed, and when the call ended in a Continuation."""


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
            _NEXT_STEP_INSTEAD[ns["kind"] == "continuation"],
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

BY_OBJECTION_TYPE = frozenset({"objection_monologue", "objection_unexplored"})
"""Detectors whose advice depends on the objection's type (a rubric's ``advice: {objection.<type>: ...}``)."""

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
        if not rule.enabled:
            continue
        if name in BY_OBJECTION_TYPE:  # they resolve the rubric's per-type and per-stall advice themselves
            moments.extend(detect(call, rule, rubric.advice))
        else:
            moments.extend(replace(m, instead=rule.advice) if rule.advice else m for m in detect(call, rule))
    return sorted(moments, key=lambda m: (-m.severity, m.start if m.start is not None else float("inf"), m.kind))
