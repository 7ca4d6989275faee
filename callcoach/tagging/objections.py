"""Objections: customer sentences that resist, their type, and how the rep handled each one.

Detection (:class:`ObjectionStage`) combines two signals on every customer sentence (every
sentence when no speaker is known to be the rep):

1. **Lexical cues** (:data:`CUES`): precise patterns of resistance, mostly negation or a limit
   next to a value word: "too expensive", "can't afford", "not interested", "not right now",
   "need to talk to my boss", "we already use", "why would I", "can you come down on the price",
   and hedges ("I'm not sure", "I don't know if"). A cue alone makes a sentence an objection.
2. **Examples** (:class:`~callcoach.tagging.matcher.ExampleMatcher`): the sentence's MiniLM
   embedding against the example phrases of every ``objection.*`` label (the context's merged
   rubric + default phrases, else :data:`DEFAULT_EXAMPLES`); its *margin* is the best label's
   score minus its score against neutral phrases (:data:`NEUTRAL_EXAMPLES`: information
   questions, agreement, small talk, situation answers). The margin must reach a threshold that
   depends on the sentence's kind (:func:`sentence_kind`): questions need the most, because a
   question that only asks for information ("what does it cost?") is not an objection while one
   that pushes back ("why is it so expensive?") is (and usually carries a cue); statements with
   a resistance marker (negation, contrast, hedge, limit) need the least; sentences under three
   words never object by similarity alone.

The type is the cue's type, or the best-matching label (for hedges and example-only hits).
The three margins are constants calibrated by ``bench/objections.py`` on the tune half of
``text/bargaining-resistance`` (Craigslist bargaining chats, the only public resistance labels;
``models/objection-calibration.json`` has the rule, split and figures). That data is not a B2B
call: its buyers mostly resist by counter-offering, so the cues include generic negotiation
pushback ("would you take 40k?", "the best we can do is ..."), and the margins were chosen for
precision (each example route >= 85 % precise on tune) rather than for the bargaining F1 optimum.

Handling (:func:`objection_handling`) is a pure function of the call and the objection tags;
its outcomes are defined in its docstring.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from callcoach.call import Call, Tag, Utterance
from callcoach.tagging.base import Sentence, TaggingContext, call_sentences, sentence_tag
from callcoach.tagging.matcher import ExampleMatcher, example_embeddings

PREFIX = "objection."

DEFAULT_EXAMPLES: dict[str, tuple[str, ...]] = {
    "objection.price": (
        "that's more than we budgeted",
        "it sounds expensive",
        "that's way too expensive for us",
        "we can't afford that right now",
        "the price is just too high",
        "that's out of our price range",
        "we don't have the budget for this",
        "is there any flexibility on the price?",
        "can you do any better on the price?",
        "that's a lot of money for what it does",
        "I can't justify that cost to finance",
        "we were hoping to spend a lot less than that",
        "the most we could pay is about half that",
        "why is it so expensive?",
    ),
    "objection.timing": (
        "we can't look at anything new until next quarter",
        "now's not a good time for us",
        "let's revisit this next year",
        "we're in the middle of a reorg, maybe later",
        "can you call me back in a few months?",
        "I need some time to think about it",
        "we're not ready to make a decision yet",
        "just send me some information and I'll get back to you",
        "we've got too much going on right now",
        "maybe after our busy season",
        "let me sleep on it",
        "it's not a priority at the moment",
    ),
    "objection.authority": (
        "I'd have to run it by my boss",
        "I'm not the one who makes that decision",
        "I need to talk to my team first",
        "procurement would have to sign off on this",
        "that's really up to our CFO",
        "I'd need to get approval from legal",
        "my manager would have to approve it",
        "I can't commit to anything without our VP",
        "let me check with my partner before we go further",
        "the board decides on purchases like this",
    ),
    "objection.need": (
        "we're happy with what we have",
        "we don't really need this",
        "I'm not interested",
        "we already handle that in house",
        "that's not a problem for us",
        "our current process works fine",
        "I don't see why we'd need that",
        "why would I change something that's working?",
        "we get by with spreadsheets just fine",
        "it's a nice-to-have, not a must-have",
        "we don't have that problem",
        "I don't think we'd use it enough",
    ),
    "objection.competitor": (
        "we already use a competitor",
        "we're already working with another vendor",
        "we're locked into a contract with someone else",
        "we're talking to a few other companies too",
        "another vendor offered us a better deal",
        "how are you any different from the others?",
        "we just signed with one of your competitors",
        "we've been with our current provider for years",
        "I found something similar for a lot less elsewhere",
        "the other tool we looked at does the same thing",
    ),
    "objection.trust": (
        "how do I know this actually works",
        "I've heard some bad things about your company",
        "that sounds too good to be true",
        "we got burned by a tool like this before",
        "I'm worried about the risk of switching",
        "can you prove those numbers?",
        "I'm skeptical it'll deliver what you say",
        "what if it doesn't work for us?",
        "I don't know much about your company",
        "have other customers had problems with it?",
        "I'm not convinced it's worth it",
        "your reviews aren't great",
    ),
    "objection.fit": (
        "I'm not sure it would work with our setup",
        "it doesn't integrate with our systems",
        "we're too small for something like this",
        "it's missing a feature we need",
        "that won't work for how our team operates",
        "our use case is pretty different",
        "it seems too complicated for our people",
        "we'd need it to run on premises",
        "I don't think it fits our workflow",
        "it looks built for bigger companies than us",
        "I don't know if our team would actually use it",
    ),
}
"""Example phrases per objection type (spoken B2B sales-call phrasing). A rubric adds more."""

NEUTRAL_EXAMPLES: tuple[str, ...] = (
    "what does it cost?",
    "how does it work?",
    "can you tell me more about the features?",
    "what's included in the package?",
    "how long does setup take?",
    "when can we get started?",
    "that sounds great",
    "sounds good to me",
    "okay, let's do it",
    "yes, that works for us",
    "great, we'll take it",
    "that makes sense, thank you",
    "hi, thanks for calling",
    "we have about fifty people on the team",
    "right now we track this in spreadsheets",
    "deal",
    "hi, how are you doing today?",
    "good morning",
    "we're interested in learning more",
    "thanks so much",
    "that price works for us",
    "we can go with that",
    "we have offices in a few different countries",
    "most of our team works remotely",
    "we use video calls for most of our meetings",
    "our managers fly in every quarter for training",
    "wow, that's really interesting",
    "I just got back from vacation",
    "let me pull up the numbers from last month",
    "I'd love to see a demo of that",
    "what integrations do you support?",
    "what does the implementation process look like?",
    "who are some of your other customers?",
    "where is the data stored?",
)
"""Non-objections the example score is contrasted with (information questions, agreement)."""

# Calibrated by `python -m bench.objections --tune` on the tune split of text/bargaining-resistance
# (models/objection-calibration.json: rule, seed, split sizes, tune and test figures; a fast test
# checks these constants match it). A margin is best objection similarity - best neutral similarity.
STATEMENT_MARGIN = 0.06
QUESTION_MARGIN = 0.16
PLAIN_MARGIN = 0.10
CUE_SCORE = 0.9
"""Score of a cue-only objection (example hits score their objection similarity)."""

# ------------------------------------------------------------------------------------------
# Lexical cues: (name, objection type or "" for a hedge whose type comes from the examples, pattern)
# ------------------------------------------------------------------------------------------

_NEG = r"(?:not|n't|never|no)"
_WHO = r"(?:my|our|the)\s+(?:boss|manager|team|partner|wife|husband|spouse|cfo|ceo|cto|vp|board|director|procurement|legal|finance|accountant|owner|head\s+of\s+\w+)"
_AMOUNT = r"(?:\$\s?\d[\d,.]*k?|\d[\d,.]*\s?(?:k|grand|dollars|bucks)\b|\d{2,}[\d,.]*)"
# A number with a currency marker. A bare number is an answer in a sales call ("12, and we're
# hiring four more"), so a lone amount counts as a counter-offer only when it is money.
_MONEY = r"(?:\$\s?\d[\d,.]*k?|\d[\d,.]*\s?(?:k|grand|dollars|bucks|euros|pounds)\b)"

# fmt: off
CUES: tuple[tuple[str, str, str], ...] = (
    # price / budget / negotiation pushback
    ("too-expensive", "price", r"\btoo\s+(?:expensive|pricey|costly|much|high|steep|rich)\b"),
    ("cant-afford", "price", r"\b(?:can'?t|cannot|could\s?n'?t|unable\s+to|not\s+able\s+to)\s+(?:really\s+)?afford\b"),
    ("over-budget", "price", r"\b(?:out\s+of|over|above|outside|beyond|exceeds?)\s+(?:my|our|the)\s+(?:budget|price\s+range|range)\b"),
    ("no-budget", "price", rf"\b(?:no|{_NEG}\s+(?:have\s+)?(?:the|a|any|enough))\s+(?:budget|money|funds?)\b"),
    ("budget-limit", "price", r"\b(?:my|our)\s+budget\s+(?:is|was|only|max|tops)|\b(?:tight|limited|small|fixed)\s+budget\b|\bon\s+a\s+(?:tight\s+)?budget\b"),
    ("more-than", "price", r"\b(?:more|higher)\s+than\s+(?:i|we)\s+(?:budgeted|can|could|wanted|want|expected|planned|hoped)\b"),
    ("price-high", "price", r"\b(?:price|cost|that|it|this|sounds|seems|looks)\s*(?:'s|is|seems|sounds|looks)?\s+(?:a\s+(?:bit|little)\s+|really\s+|pretty\s+|kind\s+of\s+|quite\s+|awfully\s+)?(?:high|steep|expensive|pricey|hefty|costly|a\s+bit\s+much)\b"),
    ("why-so", "price", r"\bwhy\s+(?:is\s+(?:it|this|that)|so)\s+(?:so\s+)?(?:expensive|much|pricey|high|costly)\b"),
    ("come-down", "price", r"\b(?:come|go|bring\s+(?:it|that|the\s+price))\s+down\b|\blower\s+(?:the|your)\s+price\b|\b(?:go|come)\s+(?:any\s+)?lower\b"),
    ("flexibility", "price", r"\b(?:flexib\w+|wiggle\s+room|negotiable|discount\w*|better\s+(?:price|deal|offer|rate))\b"),
    ("offer-amount", "price", rf"\b(?:i|we)\s*(?:can|could|would|'d|will|'ll|am|'m|are|'re|was|were)\s+(?:\w+\s+){{0,3}}?(?:do|pay|offer|give|go|spend|swing|take|settle|thinking|willing)\b(?:\W+\w+){{0,6}}?\W+{_AMOUNT}"),
    ("ask-amount", "price", rf"\b(?:you|we)\s+(?:[\w']+\s+){{0,4}}?(?:take|accept|do|go|settle|consider|sell|give|let|meet)\b(?:\W+\w+){{0,5}}?\W+{_AMOUNT}|\bhow\s+(?:about|does|is|'s)\s+(?:\w+\s+){{0,4}}?{_AMOUNT}|{_AMOUNT}\s+(?:sound|work)"),
    ("bare-amount", "price", rf"^\W*(?:(?:how|what)\s+about|maybe|ok(?:ay)?|so|well|then|hmm+|um+)?\W*{_MONEY}\W*(?:please|then|cash|firm|even|max|tops)?\W*$|^\W*{_MONEY}\s+and\s+"),
    ("cash-offer", "price", rf"{_AMOUNT}\s+(?:in\s+)?cash\b|\bcash\s+(?:offer\s+)?(?:of\s+)?{_AMOUNT}"),
    ("meet-middle", "price", r"\b(?:lowest|least|bare\s+minimum)\s+(?:that\s+)?(?:you|price|amount)|\bhow\s+low\b|\b(?:meet|split)\s+(?:you\s+)?(?:\w+\s+)?(?:in\s+the\s+middle|halfway|half\s+way|the\s+difference)\b|\b(?:best|final|last|top)\s+offer\b|\bmy\s+(?:max|limit|ceiling)\b"),
    ("most-i-can", "price", r"\b(?:best|most|max|highest|all)\s+(?:i|we)\s+(?:can|could|'d\s+be\s+able\s+to|am\s+willing\s+to|'m\s+willing\s+to|am\s+able\s+to)\s+(?:do|pay|go|offer|spend|afford)\b|\bfinal\s+offer\b|\bonly\s+(?:have|afford|pay)\b|\bcan\s+only\s+(?:do|pay|go|afford|spend)\b"),
    ("not-worth", "price", rf"\b(?:{_NEG}|isn'?t)\s+worth\b|\bworth\s+(?:more\s+like|only|about)\b"),
    ("strapped", "price", r"\b(?:strapped|short\s+on\s+(?:cash|money)|money\s+is\s+tight|tight\s+on\s+(?:money|cash))\b"),
    # timing / stall
    ("not-now", "timing", r"\bnot\s+(?:right\s+)?now\b|\bnot\s+(?:a\s+good|the\s+right)\s+time\b|\bbad\s+time\b"),
    ("later", "timing", r"\b(?:maybe|perhaps|try\s+again|revisit\s+(?:this|it))\s+(?:later|next\s+(?:week|month|quarter|year))\b|\buntil\s+next\s+(?:month|quarter|year)\b"),
    ("think-it-over", "timing", r"\bthink\s+(?:about\s+it|it\s+over|on\s+it)\b|\bsleep\s+on\s+it\b|\bnot\s+ready\b|\bhold\s+off\b|\bget\s+back\s+to\s+you\b|\bcall\s+(?:me\s+)?back\s+(?:in|next|later)\b"),
    ("send-info", "timing", r"\bsend\s+(?:me|us)\s+(?:some\s+)?(?:info|information|details|a\s+brochure|something)\b"),
    # authority
    ("run-by", "authority", rf"\b(?:run\s+(?:it|this|that)\s+by|check\s+with|talk\s+(?:to|with)|speak\s+(?:to|with)|ask|consult)\s+{_WHO}\b"),
    ("not-my-call", "authority", r"\bnot\s+(?:my\s+(?:decision|call)|up\s+to\s+me|the\s+(?:one|person)\s+who)\b|\bdecision[\s-]?makers?\b|\bsign\s+off\b|\bneeds?\s+(?:to\s+be\s+)?approv\w+\b"),
    # need / status quo
    ("not-interested", "need", r"\b(?:not|n't)\s+(?:really\s+|that\s+)?interested\b"),
    ("no-need", "need", r"\b(?:do\s?n'?t|do\s+not|doesn'?t)\s+(?:really\s+)?need\b|\bno\s+need\b|\bdon'?t\s+see\s+(?:the\s+)?(?:need|point|value)\b"),
    ("happy-with", "need", r"\b(?:happy|fine|good|satisfied)\s+with\s+(?:what\s+we|our|my|the\s+one)\b"),
    ("why-would", "need", r"\bwhy\s+(?:would|should)\s+(?:i|we)\b"),
    # competitor / alternative
    ("already-use", "competitor", r"\b(?:already|currently)\s+(?:use|using|have|working\s+with|work\s+with|signed\s+with|got)\b"),
    ("other-vendor", "competitor", r"\b(?:another|other)\s+(?:vendors?|providers?|suppliers?|compan(?:y|ies)|offers?|quotes?|sellers?)\b|\bcompetitors?\b|\b(?:elsewhere|somewhere\s+else)\b"),
    ("seen-cheaper", "competitor", rf"\b(?:seen|found|saw|see)\s+(?:\w+\s+){{0,5}}(?:for|at|selling\s+for)\s+(?:less|{_AMOUNT})"),
    # trust / risk
    ("how-know", "trust", r"\bhow\s+(?:do|can|would|will)\s+(?:i|we)\s+(?:know|be\s+sure|trust)\b|\btoo\s+good\s+to\s+be\s+true\b"),
    ("worry", "trust", r"\b(?:skeptic\w*|sceptic\w*|worried|concerned|nervous|wary|risky|doubt\w*|burned)\b"),
    ("problems", "trust", r"\b(?:any|been|had|have|with)\s+(?:\w+\s+)?(?:problems?|issues?|damage|defects?|complaints?)\b|\banything\s+wrong\b|\bwhat'?s\s+wrong\b"),
    ("doubt-claim", "trust", r"\b(?:doesn'?t|does\s+not|don'?t)\s+(?:sound|seem|look)\s+(?:right|realistic|possible|likely|true)\b|\bsounds?\s+(?:fishy|off)\b|\bhard\s+to\s+believe\b"),
    ("not-convinced", "trust", r"\bnot\s+convinced\b|\bprove\b|\bguarantee\b"),
    # fit
    ("wont-work", "fit", r"\b(?:won'?t|wouldn'?t|doesn'?t|don'?t|not\s+going\s+to)\s+(?:really\s+)?(?:work|fit|integrate)\s+(?:with|for|in)\s+(?:us|our|my)\b|\bnot\s+(?:a\s+)?(?:good\s+|great\s+)?fit\b"),
    ("too-small", "fit", r"\btoo\s+(?:small|big|large|complicated|complex)\s+(?:for|to)\b|\bwe'?re\s+too\s+(?:small|big|large)\b"),
    # hedges: resistance whose type the examples decide
    ("not-sure", "", r"\b(?:i'?m|i\s+am|we'?re|we\s+are)\s+not\s+(?:so\s+|too\s+|really\s+)?sure\b|\bi\s+do\s?n'?t\s+know\s+(?:if|whether|about)\b|\b(?:hesitant|iffy|unsure)\b"),
)
# fmt: on
"""The lexical cues, in order; the compiled forms are in :data:`_CUES`."""

_ACCEPT = re.compile(
    r"\b(?:it\s+is|sounds\s+(?:good|great|fair|perfect)|works\s+for\s+(?:me|us)|can\s+work|agreed|(?:i'?ll|i\s+will)\s+take\s+it|it'?s\s+a\s+deal|that'?s\s+fine)\b"
)
"""An accepted price ("$175 it is", "2600 can work") is not a counter-offer."""

_MARKER = re.compile(
    r"\b(?:not|no|never|nothing|none|nobody|but|though|although|however|yet|maybe|probably|might|guess|suppose|"
    r"wonder\w*|unsure|only|just|too|enough|if|unless|worried|concern\w*|afraid|risk\w*|problems?|issues?|wrong)\b|n't\b"
)
"""Resistance markers (negation, contrast, hedge, limit, condition, concern): a statement needs one
to be an objection by similarity alone."""

_WORD = re.compile(r"[a-z0-9']+")

_OFFERS = {"offer-amount", "ask-amount", "bare-amount", "cash-offer"}

_CUES = tuple((name, typ, re.compile(p)) for name, typ, p in CUES)

_WH = {"what", "why", "how", "when", "where", "which", "who", "whose", "whom"}
_AUX = {
    "is",
    "are",
    "was",
    "were",
    "do",
    "does",
    "did",
    "can",
    "could",
    "would",
    "will",
    "should",
    "shall",
    "have",
    "has",
    "had",
    "may",
    "might",
    "am",
    "isn't",
    "aren't",
    "don't",
    "doesn't",
    "didn't",
    "can't",
    "won't",
    "wouldn't",
}


def _norm(text: str) -> str:
    return text.lower().replace("\u2019", "'").replace("`", "'")


def is_question(text: str) -> bool:
    """A small question check: ends in "?", or opens with a wh-word or an inverted auxiliary.

    Used only inside objection detection, whose margins were calibrated with it; how the rep
    answered is judged with the question stage's rules (:func:`rep_asks`).
    """
    t = _norm(text).strip()
    if t.rstrip("\"') ").endswith("?"):
        return True
    words = re.findall(r"[a-z']+", t)
    if not words:
        return False
    if words[0] in _WH:
        return len(words) > 1 and words[1] not in {"a", "an", "the", "i", "we"}  # "what a ..." / "how we ..."
    return (
        words[0] in _AUX
        and len(words) > 1
        and words[1] in {"you", "we", "they", "it", "there", "that", "this", "i", "he", "she", "your", "the", "any"}
    )


def rep_asks(text: str) -> bool:
    """Whether a rep sentence is a question, by the question stage's lexical rules."""
    from callcoach.tagging.questions import is_question as stage_is_question

    return stage_is_question(text)[0]


def lexical_cues(text: str) -> list[tuple[str, str]]:
    """The cues that fire on ``text``: ``(name, type)`` pairs in :data:`CUES` order (type "" = hedge)."""
    t = _norm(text)
    return [(name, typ) for name, typ, rx in _CUES if rx.search(t)]


class ObjectionStage:
    """Tags customer sentences that resist with ``objection.<type>`` (see the module docstring).

    Args:
        statement_margin: example margin a statement with a resistance marker needs without a cue.
        question_margin: example margin a question needs without a cue.
        plain_margin: example margin a statement without a marker needs without a cue.
    """

    name = "objections"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = (PREFIX,)

    def __init__(
        self,
        statement_margin: float = STATEMENT_MARGIN,
        question_margin: float = QUESTION_MARGIN,
        plain_margin: float = PLAIN_MARGIN,
    ) -> None:
        self.statement_margin = statement_margin
        self.question_margin = question_margin
        self.plain_margin = plain_margin

    def predict(self, ctx: TaggingContext) -> list[Tag]:
        """One ``objection.<type>`` tag per objecting sentence."""
        chosen = _candidates(ctx.sentences)
        if not chosen:
            return []
        labels, sims, neutral = self._similarities(ctx, chosen)
        tags: list[Tag] = []
        for row, s in enumerate(chosen):
            decision = decide(
                s.text,
                labels,
                sims[row],
                float(neutral[row]),
                self.statement_margin,
                self.question_margin,
                self.plain_margin,
            )
            if decision is not None:
                label, score, source = decision
                tags.append(sentence_tag(s, label, score, source))
        return tags

    def _similarities(
        self, ctx: TaggingContext, chosen: list[Sentence]
    ) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
        """Labels, (sentences, labels) objection similarities and each sentence's neutral similarity.

        The one place that touches the encoder, so a test can replace it.
        """
        examples = _examples(ctx.examples)
        if ctx.encoder is None:
            labels = tuple(sorted(examples))
            # No encoder: cues only (a margin of -inf never reaches a threshold).
            return labels, np.zeros((len(chosen), len(labels)), np.float32), np.full(len(chosen), np.inf, np.float32)
        emb = ctx.embeddings[[s.index for s in chosen]]
        matcher = ExampleMatcher.for_prefix(examples, PREFIX, ctx.encoder)
        neutral_ex = example_embeddings(ctx.encoder, NEUTRAL_EXAMPLES)
        sims = emb @ neutral_ex.T
        neutral = np.sort(sims, axis=1)[:, -matcher.top_k :].mean(axis=1)
        return matcher.labels, matcher.scores(emb), neutral


def _examples(examples: Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
    """The context's ``objection.*`` examples when it has any, else :data:`DEFAULT_EXAMPLES`."""
    chosen = {k: tuple(v) for k, v in examples.items() if k.startswith(PREFIX) and v}
    return chosen or dict(DEFAULT_EXAMPLES)


def _candidates(sentences: Sequence[Sentence]) -> list[Sentence]:
    """Sentences that may object: everything not said by the rep (all of them when roles are unknown)."""
    return [s for s in sentences if s.role != "rep" and s.text.strip()]


SentenceKind = Literal["question", "marked", "plain", "short"]


def sentence_kind(text: str) -> SentenceKind:
    """``question``; a statement of 3+ words with a resistance marker (``marked``: negation,
    contrast, hedge, limit, condition, concern) or without one (``plain``); or ``short``."""
    if is_question(text):
        return "question"
    norm = _norm(text)
    if len(_WORD.findall(norm)) < 3:
        return "short"
    return "marked" if _MARKER.search(norm) else "plain"


def cue_label(
    text: str, labels: Sequence[str], similarities: np.ndarray, cues: Sequence[tuple[str, str]] | None = None
) -> str | None:
    """The objection label a lexical cue gives ``text``, or None when no cue fires.

    Several typed cues: the type the examples score highest. Only hedges: the best example label.
    """
    norm = _norm(text)
    found = lexical_cues(text) if cues is None else list(cues)
    found = [c for c in found if not (c[0] in _OFFERS and _ACCEPT.search(norm))]
    if not found:
        return None
    typed = [PREFIX + t for t in dict.fromkeys(t for _, t in found if t)]
    score = {lab: float(similarities[i]) for i, lab in enumerate(labels)}
    if typed:
        return max(typed, key=lambda lab: score.get(lab, -1.0))
    return max(score, key=score.__getitem__) if score else PREFIX + "trust"


def decide(
    text: str,
    labels: Sequence[str],
    similarities: np.ndarray,
    neutral: float,
    statement_margin: float = STATEMENT_MARGIN,
    question_margin: float = QUESTION_MARGIN,
    plain_margin: float = PLAIN_MARGIN,
    cues: Sequence[tuple[str, str]] | None = None,
) -> tuple[str, float, str] | None:
    """Whether one sentence objects: ``(label, score, source)`` or None.

    A cue decides on its own (source ``rules``, score at least :data:`CUE_SCORE`). Otherwise
    (source ``examples``, score = the best label's similarity) the margin of the best objection
    label over the neutral phrases must reach the margin of the sentence's kind
    (:func:`sentence_kind`): ``question_margin``, ``statement_margin`` (marked statements) or
    ``plain_margin``; a ``short`` sentence never objects by similarity alone.

    Args:
        text: the sentence.
        labels: the ``objection.*`` labels, in the column order of ``similarities``.
        similarities: the sentence's example score per label.
        neutral: its example score against :data:`NEUTRAL_EXAMPLES`.
        cues: ``lexical_cues(text)`` when the caller has it already.
    """
    best = int(np.argmax(similarities)) if len(labels) else -1
    best_sim = float(similarities[best]) if best >= 0 else 0.0
    label = cue_label(text, labels, similarities, cues)
    if label is not None:
        return label, max(CUE_SCORE, best_sim), "rules"
    kind = sentence_kind(text)
    if best < 0 or kind == "short":
        return None
    need = {"question": question_margin, "marked": statement_margin, "plain": plain_margin}[kind]
    if best_sim - neutral >= need:
        return labels[best], best_sim, "examples"
    return None


# ------------------------------------------------------------------------------------------
# Objection handling
# ------------------------------------------------------------------------------------------

Response = Literal["explored", "acknowledged", "answered", "monologue", "none"]

MONOLOGUE_SECONDS = 45.0
"""A rep reply longer than this without a question is a monologue (PRODUCT.md: explore, don't pitch)."""
MONOLOGUE_WORDS = 120
"""The same limit in words (about 45 s of speech) for utterances without times."""
BACKCHANNEL_WORDS = 3
"""A customer utterance of at most this many words (or only backchannel words) doesn't end a reply."""
KEEP_GOING_WORDS = 40
"""When the customer says more than this after the objection before the rep speaks, the rep's
next turn answers what came after it, and the objection itself went unanswered."""

_ACK = re.compile(
    r"\b(?:i\s+(?:totally\s+|completely\s+|definitely\s+)?(?:understand|hear\s+you|get\s+(?:it|that)|see\s+(?:that|where|what))|"
    r"that'?s\s+(?:totally\s+|completely\s+|very\s+)?(?:fair|understandable|reasonable|a\s+(?:fair|good|great|valid)\s+(?:point|question|concern))|"
    r"(?:that|it)\s+makes\s+sense|makes\s+(?:total\s+|complete\s+)?sense|fair\s+(?:point|enough)|totally|absolutely|i\s+appreciate|"
    r"good\s+(?:point|question)|no\s+worries|of\s+course|i\s+hear\s+(?:that|what)|you'?re\s+right)\b"
)
_CHECK_QUESTION = re.compile(
    r"^(?:(?:does\s+that|that)\s+makes?\s+sense|right|okay|ok|you\s+know|sounds?\s+good|yeah|see|agreed|correct)\W*$"
)
_PROBE = re.compile(
    r"\b(?:tell\s+me\s+(?:more|about)|walk\s+me\s+through|help\s+me\s+understand|talk\s+me\s+through|say\s+more|i'?m\s+curious\s+(?:about|what|why|how))\b"
)
_TAG_QUESTION = re.compile(
    r"[,\s]+(?:right|okay|ok|you\s+know|yeah|correct|huh|no|see|agreed|does\s+that\s+make\s+sense|make\s+sense)\W*$"
)
_BACKCHANNEL = {
    "yeah",
    "yes",
    "yep",
    "yup",
    "uh-huh",
    "mm-hmm",
    "mhm",
    "mm",
    "hmm",
    "right",
    "okay",
    "ok",
    "sure",
    "uh",
    "um",
    "huh",
    "oh",
    "ah",
    "alright",
    "cool",
    "i",
    "see",
    "got",
    "it",
}


def _explores(text: str, is_question: Callable[[str], bool]) -> bool:
    """A question or probe that invites the customer to say more ("tell me more about that"); a
    comprehension check ("does that make sense?") or a statement with a tag ("we cut your costs,
    right?") is not one."""
    t = _norm(text).strip()
    if _PROBE.search(t):
        return True
    if _CHECK_QUESTION.match(t):
        return False
    if _TAG_QUESTION.search(t):
        return is_question(_TAG_QUESTION.sub("", t).rstrip(" ,.?!"))  # "is it fast, right?" still asks
    return is_question(text)


@dataclass(frozen=True, slots=True)
class ObjectionHandling:
    """How the rep met one objection.

    ``response`` is one of ``explored``, ``acknowledged``, ``answered``, ``monologue``, ``none``
    (defined in :func:`objection_handling`); ``evidence`` quotes the words that decided it.
    """

    utterance_id: int
    label: str
    start: float | None
    response: Response
    response_utterance_ids: tuple[int, ...]
    evidence: str

    def to_dict(self) -> dict[str, object]:
        return {
            "utterance_id": self.utterance_id,
            "label": self.label,
            "start": None if self.start is None else round(float(self.start), 3),
            "response": self.response,
            "response_utterance_ids": list(self.response_utterance_ids),
            "evidence": self.evidence,
        }


def objection_handling(
    call: Call, tags: Sequence[Tag], is_question: Callable[[str], bool] | None = None
) -> list[ObjectionHandling]:
    """How the rep responded to each ``objection.*`` tag, in call order.

    The **reply** to an objection is what the rep says after the objecting customer's turn (the
    objection's utterance and any directly following ones by the same speaker) until the customer
    speaks substantively again; customer backchannels ("yeah", "mm-hmm", <= 3 words) don't end it.
    When roles are unknown, anyone other than the objecting speaker counts as the rep.

    - ``explored``: the rep asks a question (``is_question``) or a probe ("tell me more") within
      the first 45 s of the reply (120 words without times), acknowledged or not. Comprehension
      checks ("does that make sense?") and tags ("..., right?") don't count.
    - ``monologue``: the reply runs longer than 45 s (first to last word of the rep's utterances;
      over 120 words when there are no times) before any question.
    - ``acknowledged``: a shorter reply with no question but an acknowledgement ("I understand",
      "that's fair", "makes sense", "I hear you", "totally").
    - ``answered``: a shorter reply with neither (a direct rebuttal or answer).
    - ``none``: no reply: the call ends, or the customer speaks substantively again first, or goes
      on for more than 40 words after the objection (the rep then answers what came after it).

    Args:
        call: the call the tags belong to.
        tags: tags of any kind; only ``objection.*`` ones are used.
        is_question: decides whether a rep sentence is a question (default: the question
            stage's rules, :func:`rep_asks`).

    Returns:
        One :class:`ObjectionHandling` per objection tag; ``evidence`` quotes the deciding words.
    """
    asks = is_question or rep_asks
    pos_of = {u.id: i for i, u in enumerate(call.utterances)}
    by_utt: dict[int, list[Sentence]] = {}
    for s in call_sentences(call):
        by_utt.setdefault(s.utterance_id, []).append(s)
    objections = sorted(
        (t for t in tags if t.label.startswith(PREFIX) and t.utterance_id in pos_of),
        key=lambda t: (pos_of[t.utterance_id], t.span or (0, 0)),
    )
    out: list[ObjectionHandling] = []
    for tag in objections:
        pos = pos_of[tag.utterance_id]
        utt = call.utterances[pos]
        sent = next((s for s in by_utt.get(utt.id, []) if s.span == tag.span), None)
        start = sent.start if sent is not None else utt.start
        after, reply = _turn_rest_and_reply(call, pos, tag.span)
        response: Response
        if reply and after > KEEP_GOING_WORDS:
            response, evidence = "none", f"the customer went on for {after} more words before the rep replied"
        else:
            response, evidence = _classify(reply, by_utt, asks)
        ids = tuple(u.id for u in reply) if response != "none" else ()
        out.append(ObjectionHandling(utt.id, tag.label, start, response, ids, evidence))
    return out


def _is_rep(call: Call, speaker: str, objector: str) -> bool:
    if speaker == objector:
        return False
    role = call.role_of(speaker)
    return role == "rep" or (role == "unknown" and call.role_of(objector) != "rep")


def _is_backchannel(text: str) -> bool:
    words = re.findall(r"[a-z'-]+", _norm(text))
    return len(words) <= BACKCHANNEL_WORDS or all(w in _BACKCHANNEL for w in words)


def _turn_rest_and_reply(call: Call, pos: int, span: tuple[int, int] | None) -> tuple[int, list[Utterance]]:
    """Words the customer says after the objection in the same turn, and the rep's reply."""
    utts = call.utterances
    objector = utts[pos].speaker
    after = len(utts[pos].text[span[1] :].split()) if span else 0
    i = pos + 1
    while i < len(utts) and utts[i].speaker == objector:  # the customer is still talking
        after += len(utts[i].text.split())
        i += 1
    reply: list[Utterance] = []
    for u in utts[i:]:
        if _is_rep(call, u.speaker, objector):
            reply.append(u)
        elif not reply or not _is_backchannel(u.text):
            break  # the customer (or a third party) speaks substantively: the reply is over
    return after, reply


def _classify(
    reply: list[Utterance], by_utt: dict[int, list[Sentence]], is_question: Callable[[str], bool]
) -> tuple[Response, str]:
    if not reply:
        return "none", "no reply from the rep before the customer spoke again"
    sentences = [s for u in reply for s in by_utt.get(u.id, [])]
    t0 = reply[0].start
    timed = t0 is not None and all(u.start is not None and u.end is not None for u in reply)
    words = 0
    for s in sentences:
        elapsed = (s.start - t0) if timed and s.start is not None and t0 is not None else None
        over = elapsed > MONOLOGUE_SECONDS if elapsed is not None else (not timed and words > MONOLOGUE_WORDS)
        if over:
            break
        if _explores(s.text, is_question):
            return "explored", _quote(s.text)
        words += len(s.text.split())
    total_words = sum(len(u.text.split()) for u in reply)
    seconds = (reply[-1].end - t0) if timed and reply[-1].end is not None and t0 is not None else None
    if (seconds is not None and seconds > MONOLOGUE_SECONDS) or (seconds is None and total_words > MONOLOGUE_WORDS):
        size = f"{seconds:.0f} s" if seconds is not None else f"{total_words} words"
        first = next((s.text for s in sentences if len(s.text.split()) >= 5), sentences[0].text if sentences else "")
        return "monologue", f"{size} before any question: {_quote(first)}"
    for s in sentences:
        if _ACK.search(_norm(s.text)):
            return "acknowledged", _quote(s.text)
    return "answered", _quote(sentences[0].text) if sentences else ""


def _quote(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return f'"{text if len(text) <= limit else text[: limit - 3] + "..."}"'
