"""Scoring a call against a rubric: pure, deterministic, from the stored analysis alone.

Each rubric dimension names a metric (``KNOWN_METRICS``), a target range, a tolerance and a
weight. A value inside the target earns the full weight; outside it, credit falls linearly to
zero at ``tolerance`` beyond the nearer bound (``near``); further out it earns nothing
(``missed``). A metric that cannot be computed (no timestamps, no objections raised) is
``unavailable`` and its weight leaves the denominator, so a transcript without times is not
punished for missing talk-time data. The overall score is 100 x points / available weight.

A recording that is not a conversation (a voicemail, one voice, too little two-way talk; see
:mod:`callcoach.conversation`) gets no score at all, rather than a score of 0 from dimensions
it could never meet.
"""

from __future__ import annotations

from typing import Any

from callcoach.call import NOT_A_CONVERSATION, Call, DimensionResult, Scorecard
from callcoach.rubric import Dimension, Rubric

SPIN_ORDER = ("spin.situation", "spin.problem", "spin.implication", "spin.need_payoff")

#: Metric name -> (description, unit). Values come from ``derived_metrics``.
KNOWN_METRICS: dict[str, tuple[str, str]] = {
    "talk.rep_talk_pct": ("rep's share of rep + customer talk time", "%"),
    "longest_monologue.duration_s": ("longest rep stretch without a substantive customer turn", "s"),
    "longest_customer_story.duration_s": ("longest customer stretch", "s"),
    "interactivity.switches_per_min": ("speaker switches per minute", "/min"),
    "patience.mean_response_pause_s": ("mean pause before the rep answers the customer", "s"),
    "questions.rep_questions": ("questions the rep asked", ""),
    "questions.rep_questions_per_10_min": ("rep questions per 10 minutes", "/10 min"),
    "questions.rep_open_pct": ("share of rep questions that are open", "%"),
    "questions.rep_question_spread_pct": ("share of the call's quarters with a rep question", "%"),
    "questions.customer_questions": ("questions the customer asked", ""),
    "spin.situation_questions": ("situation questions", ""),
    "spin.problem_questions": ("problem questions", ""),
    "spin.implication_questions": ("implication questions", ""),
    "spin.need_payoff_questions": ("need-payoff questions", ""),
    "spin.situation_share_pct": ("share of SPIN questions that are situation questions", "%"),
    "objections.count": ("objections the customer raised", ""),
    "objections.explored_pct": ("objections the rep acknowledged and explored with a question", "%"),
    "next_step.advance": ("the call ends with an Advance (1) rather than a Continuation (0)", ""),
    "overlap.customer_talk_overlapped_pct": ("share of customer talk the rep talked over", "%"),
    "fillers.rep_per_min": ("rep filler words per minute", "/min"),
    "speech_rate.rep_wpm": ("rep words per minute", "wpm"),
}


def _get(d: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(d, dict):
            return None
        d = d.get(part)
    return d


def derived_metrics(call: Call) -> dict[str, float | None]:
    """Every ``KNOWN_METRICS`` value for ``call`` (None where it cannot be computed)."""
    from callcoach.stalls import next_step

    m = call.metrics or {}
    out: dict[str, float | None] = {}
    for key in KNOWN_METRICS:
        v = _get(m, key)
        out[key] = float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None
    q = m.get("questions") or {}
    if q.get("rep_questions"):
        out["questions.rep_open_pct"] = 100.0 * q.get("rep_open_questions", 0) / q["rep_questions"]
    rep = {s.id for s in call.speakers if s.role == "rep"}
    counts = {label: 0 for label in SPIN_ORDER}
    for u in call.utterances:
        if u.speaker in rep:
            for t in u.tags:
                if t.label in counts:
                    counts[t.label] += 1
    tagged = m.get("questions") is not None
    for label in SPIN_ORDER:
        out[f"spin.{label.split('.')[1]}_questions"] = float(counts[label]) if tagged else None
    total = sum(counts.values())
    out["spin.situation_share_pct"] = 100.0 * counts["spin.situation"] / total if total else None
    handled = m.get("objections") or []
    out["objections.count"] = float(len(handled)) if tagged else None
    if handled:
        explored = sum(1 for h in handled if h.get("response") == "explored")
        out["objections.explored_pct"] = 100.0 * explored / len(handled)
    ns = next_step(call)
    out["next_step.advance"] = None if ns["kind"] == "unknown" else (1.0 if ns["kind"] == "advance" else 0.0)
    speakers = {s.get("speaker"): s for s in m.get("speakers", []) if isinstance(s, dict)}
    rep_rows = [speakers[r] for r in rep if r in speakers]
    if rep_rows:
        fpm = [r.get("fillers_per_min") for r in rep_rows]
        wpm = [r.get("words_per_min") for r in rep_rows]
        out["fillers.rep_per_min"] = fpm[0] if len(fpm) == 1 else None
        out["speech_rate.rep_wpm"] = wpm[0] if len(wpm) == 1 else None
    return out


def credit(value: float, dim: Dimension) -> float:
    """Share of a dimension's weight earned by ``value`` (1 inside the target)."""
    lo, hi = dim.target.min, dim.target.max
    if lo is not None and value < lo:
        miss = lo - value
    elif hi is not None and value > hi:
        miss = value - hi
    else:
        return 1.0
    if dim.tolerance <= 0:
        return 0.0
    return max(0.0, 1.0 - miss / dim.tolerance)


def spin_reached(call: Call) -> str | None:
    """The furthest SPIN stage the rep's questions reached, or None."""
    rep = {s.id for s in call.speakers if s.role == "rep"}
    seen = {t.label for u in call.utterances if u.speaker in rep for t in u.tags if t.label in SPIN_ORDER}
    reached = [label for label in SPIN_ORDER if label in seen]
    return reached[-1] if reached else None


def score_call(call: Call, rubric: Rubric) -> Scorecard:
    """The scorecard of ``call`` under ``rubric``: dimensions, stalls and the top three tips.

    A recording that is not a conversation (:func:`callcoach.conversation.check_conversation`
    under the rubric's ``conversation`` settings: a voicemail, one voice, too little two-way
    talk) is not scored: its scorecard has status ``not_a_conversation``, no score, dimensions,
    stalls or tips, and says what it is and why.
    """
    from callcoach.conversation import check_conversation
    from callcoach.stalls import detect_stalls, next_step

    check = check_conversation(call, rubric.conversation) if rubric.conversation.check else None
    if check is not None and not check.is_conversation:
        return Scorecard(rubric.ref, None, (), (), (), None, {}, status=NOT_A_CONVERSATION, conversation=check)
    values = derived_metrics(call)
    results: list[DimensionResult] = []
    for dim in rubric.dimensions:
        value = values.get(dim.metric)
        target = dim.target.describe(dim.unit)
        if value is None:
            results.append(
                DimensionResult(dim.id, dim.name, dim.metric, target, None, dim.unit, 0.0, dim.weight, "unavailable", dim.advice, dim.source)
            )
            continue
        c = credit(value, dim)
        status = "met" if c >= 1.0 else ("near" if c > 0 else "missed")
        results.append(
            DimensionResult(
                dim.id, dim.name, dim.metric, target, value, dim.unit, dim.weight * c, dim.weight, status, dim.advice, dim.source,
                _evidence(call, dim.metric),
            )
        )
    available = sum(r.max_points for r in results if r.status != "unavailable")
    earned = sum(r.points for r in results if r.status != "unavailable")
    score = round(100.0 * earned / available, 1) if available else 0.0
    stalls = detect_stalls(call, rubric)
    tips = _tips(stalls, results)
    return Scorecard(rubric.ref, score, tuple(results), tuple(stalls), tips, spin_reached(call), next_step(call), conversation=check)


def _evidence(call: Call, metric: str) -> tuple[int, ...]:
    """Utterance ids behind a metric, where it has any."""
    m = call.metrics or {}
    if metric.startswith("longest_monologue") or metric.startswith("longest_customer_story"):
        return tuple((m.get(metric.split(".")[0]) or {}).get("utterance_ids", ()))
    if metric.startswith("spin."):
        stage = "spin." + metric.split(".")[1].rsplit("_questions", 1)[0].replace("_share_pct", "")
        return tuple(u.id for u in call.utterances for t in u.tags if t.label == stage)
    if metric.startswith("objections."):
        return tuple(h["utterance_id"] for h in m.get("objections", []))
    if metric.startswith("questions."):
        rep = {s.id for s in call.speakers if s.role == "rep"}
        return tuple(sorted({u.id for u in call.utterances if u.speaker in rep for t in u.tags if t.label.startswith("question.")}))
    return ()


def _tips(stalls: list, results: list[DimensionResult]) -> tuple[str, ...]:
    """The three most important coaching tips: the top stalls first, then the costliest misses."""
    tips: list[str] = []
    for s in stalls:
        if s.instead and s.instead not in tips:
            tips.append(s.instead)
    misses = sorted((r for r in results if r.status in ("missed", "near")), key=lambda r: -(r.max_points - r.points))
    for r in misses:
        if r.advice and r.advice not in tips:
            tips.append(r.advice)
    return tuple(tips[:3])
