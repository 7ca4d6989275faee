"""SPIN stages of the rep's questions (Neil Rackham, *SPIN Selling*, 1988).

- ``spin.situation``: facts and background about the buyer's current state ("How many reps
  are on your team?"). Necessary, but too many of them bore buyers and go with failed calls.
- ``spin.problem``: difficulties, dissatisfactions, pain ("Where do new reps struggle?").
- ``spin.implication``: the consequences of a problem, making it bigger and more urgent
  ("What does that cost you when…?", "What's the impact of…?").
- ``spin.need_payoff``: the value of solving it, in the buyer's words ("How would it help
  if…?"). Implication and need-payoff questions go with successful large sales.

A rep question gets at most one stage. Two signals are combined: cue patterns that are
precise for the later stages (checked in the order need-payoff, implication, problem), and
similarity to the rubric's example phrases for each stage (MiniLM; a rubric adds phrases
without code changes). A cue wins when present; otherwise the best example match above
``EXAMPLE_THRESHOLD`` decides. Small talk ("How was the vacation?") gets no stage.
"""

from __future__ import annotations

import re

from callcoach.call import Tag
from callcoach.tagging.base import TaggingContext, sentence_tag
from callcoach.tagging.matcher import ExampleMatcher

STAGES = ("spin.situation", "spin.problem", "spin.implication", "spin.need_payoff")

#: Below this mean top-2 cosine similarity to a stage's examples, a question gets no stage.
#: Chosen on the project's own synthesized demo call and hand-written checks, not on
#: ../shared/data (which labels no SPIN stages); see bench/spin.py for the agreement figures.
EXAMPLE_THRESHOLD = 0.42

CUES: dict[str, re.Pattern[str]] = {
    "spin.need_payoff": re.compile(
        r"\b(how (would|could|might) (that|it|this|having|being)\b.*\b(help|change|improve|affect)"
        r"|what would (it|that|this) (mean|do|be worth)"
        r"|would (it|that|this) (help|be (useful|valuable|helpful|worth))"
        r"|if you (could|had|were able to)\b"
        r"|what if you (could|had)"
        r"|how (valuable|important|useful) (would|is)"
        r"|why is (that|it|this) important"
        r"|who else would benefit"
        r"|what would you do with"
        r"|how much (would|could) .{0,40}\b(save|gain|earn))",
        re.I,
    ),
    "spin.implication": re.compile(
        r"\b(impact|consequence|implication|ripple|knock-on"
        r"|what happens (if|when|to)"
        r"|(cost|costs|costing) you"
        r"|how much (time|money|revenue|business) (do|does|did|are|is|have) .{0,30}\b(lose|losing|lost|cost|spend|waste|wasting)"
        r"|what does (that|this|it) (mean|do) (for|to)"
        r"|(does|did|has|is) (that|this|it) (affect|affecting|hurt|hurting|slow|slowing|lead|leading)"
        r"|how (does|did|has|is) (that|this|it) (affect|affecting|hurt|hurting|impact|impacting)"
        r"|effect (of|on)|toll on|lead to|result in)",
        re.I,
    ),
    "spin.problem": re.compile(
        r"\b(problems?|challenges?|struggl\w*|difficult\w*|hard(er)? (to|for)|frustrat\w*|pain( points?)?"
        r"|issues?|concerns?|worr\w*|(satisfied|happy|unhappy|dissatisfied) with|bottlenecks?"
        r"|what('s| is) (not )?working|go(es)? wrong|fall(s|ing)? (short|behind|through)"
        r"|complain\w*|slow(s|er)? .{0,20}down|what (do you|don't you) (dislike|hate|wish)"
        r"|biggest (obstacle|headache|gap)|keep(s)? you up)",
        re.I,
    ),
}

#: Fact-finding openers: a situation question when nothing later in SPIN matched.
SITUATION_CUE = re.compile(
    r"\b(how many|how much|how long|how often|how big|what (tools?|software|systems?|crm|platforms?|vendors?) "
    r"|which (tools?|software|systems?|crm|platforms?|vendors?)|what do you (use|have|do)\b"
    r"|who (is|are|handles|owns|manages|runs)|where (are|is) (you|your)|tell me (a (little )?bit )?(more )?about (your|the)"
    r"|walk me through (your|how)|what does your .{1,40} look like|are you (all )?(in|using|on) |do you (use|have) )",
    re.I,
)

DEFAULT_EXAMPLES: dict[str, tuple[str, ...]] = {
    "spin.situation": (
        "How many people are on your team?",
        "What tools do you use today?",
        "Tell me about your company.",
        "How is your team organised?",
        "How long have you been using your current system?",
        "Where are your offices located?",
        "Who is responsible for this today?",
        "What does your current process look like?",
        "How many calls does your team make each week?",
        "Are you all in one location?",
    ),
    "spin.problem": (
        "Where do you struggle most?",
        "What challenges do you have with your current process?",
        "Are you satisfied with the tool you use now?",
        "What is the hardest part of onboarding new people?",
        "What isn't working the way you'd like?",
        "Is it difficult to keep everyone aligned?",
        "What frustrates your team about the current setup?",
        "Do you have problems with reliability?",
    ),
    "spin.implication": (
        "What's the impact of that on your business?",
        "What does it cost you when a deal slips?",
        "How does that affect your team's morale?",
        "What happens if you miss the quarter because of it?",
        "How much time do you lose because of that?",
        "Does that slow down your sales cycle?",
        "What effect does that have on your customers?",
        "What does that mean for your revenue this year?",
    ),
    "spin.need_payoff": (
        "How would it help if you could fix that?",
        "What would it mean for you if every rep ramped in half the time?",
        "Would it be useful to have that in one place?",
        "If you could cut that cost, what would you do with the savings?",
        "How valuable would it be to solve this?",
        "Why is it important for you to solve this?",
        "Who else would benefit if this were fixed?",
        "How would that change things for your team?",
    ),
}


class SpinStage:
    """Gives each rep question one SPIN stage (or none, for small talk)."""

    name = "spin"
    requires = ("question.",)
    assigns = ("spin.",)

    def predict(self, ctx: TaggingContext) -> list[Tag]:
        targets = [
            s for s in ctx.sentences if s.role in ("rep", "unknown") and ctx.labels_of(s, "question.")
        ]
        if not targets:
            return []
        matcher = None
        scores = None
        if ctx.encoder is not None:
            matcher = ExampleMatcher.for_prefix(ctx.examples or DEFAULT_EXAMPLES, "spin.", ctx.encoder)
            if matcher.labels:
                scores = matcher.scores(ctx.embeddings[[s.index for s in targets]])
        tags: list[Tag] = []
        for i, s in enumerate(targets):
            label, score, source = classify(s.text, None if scores is None or matcher is None else dict(zip(matcher.labels, scores[i].tolist())))
            if label:
                tags.append(sentence_tag(s, label, score, source))
        return tags


def classify(text: str, example_scores: dict[str, float] | None) -> tuple[str | None, float, str]:
    """The SPIN stage of one question: (label or None, score, source)."""
    for label in ("spin.need_payoff", "spin.implication", "spin.problem"):
        if CUES[label].search(text):
            sim = (example_scores or {}).get(label, 0.0)
            return label, max(0.75, sim), "rules"
    if example_scores:
        label = max(sorted(example_scores), key=lambda k: example_scores[k])
        if example_scores[label] >= EXAMPLE_THRESHOLD:
            return label, example_scores[label], "examples"
    if SITUATION_CUE.search(text):
        return "spin.situation", 0.6, "rules"
    return None, 0.0, ""
