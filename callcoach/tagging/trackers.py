"""Trackers: mentions of topics a sales team follows across calls (Gong's "trackers").

Built-in trackers (``tracker.pricing``, ``tracker.competitor``, ``tracker.next_step``,
``tracker.decision_process``, ``tracker.budget``, ``tracker.timeline``) fire on keyword
patterns, which are precise for these topics, or on similarity to their example phrases.
A rubric adds phrases to a built-in tracker or defines a new one (``tracker.security``:
["is our data encrypted", ...]); a rubric tracker fires when a sentence contains one of its
phrases or is close to one (``EXAMPLE_THRESHOLD``), so paraphrases count too.
"""

from __future__ import annotations

import re

from callcoach.call import Tag
from callcoach.tagging.base import TaggingContext, sentence_tag
from callcoach.tagging.matcher import ExampleMatcher

#: Cosine similarity (mean of the top 2 examples) above which a paraphrase counts.
EXAMPLE_THRESHOLD = 0.62

_DAY = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
PATTERNS: dict[str, re.Pattern[str]] = {
    "tracker.pricing": re.compile(
        r"\b(price|prices|pricing|priced|costs?(?! (you|your|us|them|the (business|company|team)))|fees?|subscriptions?|per (seat|user|license|month|year)|discounts?"
        r"|quotes?|invoice|how much (is|does|would|will)|\$\s?\d|\d+ (dollars|bucks|euros|pounds)|expensive|cheap(er)?)\b",
        re.I,
    ),
    "tracker.budget": re.compile(r"\b(budgets?|budgeted|afford|funding|funds|spend(ing)? (on|for)|allocated)\b", re.I),
    "tracker.competitor": re.compile(
        r"\b(competitors?|competition|alternatives?|other (vendors?|providers?|options|tools|solutions|companies)"
        r"|(also|currently) (looking at|evaluating|talking to|using)|switch(ing|ed)? (from|to|over)|compared? (to|with))\b",
        re.I,
    ),
    "tracker.next_step": re.compile(
        r"\b(next steps?|follow[- ]?up|schedule|book (a|the|some)|set up (a|the|some) (call|meeting|demo|time)"
        r"|(calendar )?invite|(next|this) (week|" + _DAY[1:-1] + r")|on " + _DAY + r"|" + _DAY + r" at \d"
        r"|(free )?trial|pilot|proof of concept|demo|meet (again|next)|get together|circle back|reconvene)\b",
        re.I,
    ),
    "tracker.decision_process": re.compile(
        r"\b(decision[- ]?makers?|decide|decision|sign[- ]?off|signs? off|approv\w+|who else|stakeholders?|committee"
        r"|procurement|legal (team|review)|(my|your|our|the) (boss|manager|vp|ceo|cfo|cto|director|board)"
        r"|final say|buy[- ]in|run it by|loop in)\b",
        re.I,
    ),
    "tracker.timeline": re.compile(
        r"\b(timelines?|time ?frames?|deadlines?|go[- ]live|roll ?out|by (q[1-4]|the end of|end of)|(this|next) (quarter|year|month)"
        r"|when (do|would|will) you (need|want|plan|like)|how soon|urgent(ly)?|asap)\b",
        re.I,
    ),
}
BUILT_IN = tuple(PATTERNS)

DEFAULT_EXAMPLES: dict[str, tuple[str, ...]] = {
    "tracker.pricing": ("What does it cost?", "How is the pricing structured?", "The subscription is per seat per month."),
    "tracker.budget": ("Do you have budget set aside for this?", "That's more than we budgeted.", "Who owns the budget?"),
    "tracker.competitor": ("Are you looking at other vendors?", "We're also evaluating another provider.", "How do you compare to the alternatives?"),
    "tracker.next_step": ("Let's set up a demo next week.", "I'll send you a calendar invite.", "Can we meet again on Thursday?"),
    "tracker.decision_process": ("Are you the decision maker?", "Who else needs to sign off on this?", "What does your approval process look like?"),
    "tracker.timeline": ("When do you need this in place?", "We want to roll it out by the end of the quarter.", "What's your timeline?"),
}


class TrackerStage:
    """Tags every sentence (any speaker) that mentions a tracked topic."""

    name = "trackers"
    requires = ()
    assigns = ("tracker.",)

    def predict(self, ctx: TaggingContext) -> list[Tag]:
        examples = ctx.examples or DEFAULT_EXAMPLES
        custom = {k: tuple(v) for k, v in examples.items() if k.startswith("tracker.") and k not in BUILT_IN and v}
        scores = None
        matcher = None
        if ctx.encoder is not None and ctx.sentences:
            matcher = ExampleMatcher.for_prefix(examples, "tracker.", ctx.encoder)
            if matcher.labels:
                scores = matcher.scores(ctx.embeddings)
        tags: list[Tag] = []
        for s in ctx.sentences:
            lower = s.text.lower()
            for label, pattern in PATTERNS.items():
                if pattern.search(s.text):
                    tags.append(sentence_tag(s, label, 0.9, "rules"))
            for label, phrases in custom.items():
                if any(p.lower().strip(" .?!") in lower for p in phrases):
                    tags.append(sentence_tag(s, label, 0.9, "examples"))
            if scores is not None and matcher is not None:
                have = {t.label for t in tags if t.utterance_id == s.utterance_id and t.span == s.span}
                for j, label in enumerate(matcher.labels):
                    if label not in have and scores[s.index, j] >= EXAMPLE_THRESHOLD:
                        tags.append(sentence_tag(s, label, float(scores[s.index, j]), "examples"))
        return tags
