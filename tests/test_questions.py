"""Question detection: rule tables (lexical and with a tiny fake parse), the stage, the SwDA
cleaner. Fast tests load no model; one slow test runs the real spaCy parse."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from callcoach.call import Attribution, Call, RoleAssignment, Speaker, Utterance
from callcoach.tagging.base import TaggingContext, Token, call_sentences
from callcoach.tagging.questions import Decision, QuestionStage, classify, in_context, is_question, lexical_tokens

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # plain `pytest` does not put the repo root on sys.path
    sys.path.insert(0, str(ROOT))

from bench.questions import clean_swda, load_casino, load_swda, prf, strip_qmarks  # noqa: E402

# ------------------------------------------------------------------------------------------
# tables: (sentence without "?", expected kind or None, rule)
# Every positive is checked as written and with "?" appended; the rule must fire without "?".
# ------------------------------------------------------------------------------------------

QUESTIONS = [
    # subject-auxiliary inversion -> closed
    ("are you the decision maker", "closed", "inversion"),
    ("do you have a budget", "closed", "inversion"),
    ("Does your team use Salesforce", "closed", "inversion"),
    ("is the price fixed", "closed", "inversion"),
    ("have you looked at other vendors", "closed", "inversion"),
    ("would it make sense to set up a demo next week", "closed", "inversion"),
    ("Can you share your pricing", "closed", "inversion"),
    ("and, uh, do you handle renewals yourself", "closed", "inversion"),
    ("Did, did the board approve it", "closed", "inversion"),  # restart collapsed
    ("Is, are we, should we still be talking to procurement", "closed", "inversion"),  # abandoned starts
    ("Before we go on, do you have a hard stop at two", "closed", "inversion"),  # after a subordinate clause
    ("Lynn, do you want to start", "closed", "inversion"),  # after a name
    ("can I ask what you pay today", "closed", "inversion"),
    # inversion that asks for elaboration -> open
    ("can you walk me through the workflow", "open", "inversion"),
    ("could you tell me a bit about your role", "open", "inversion"),
    ("would you describe the setup", "open", "inversion"),
    # wh-questions
    ("how many reps do you have", "closed", "wh"),
    ("how much are you paying right now", "closed", "wh"),
    ("how long have you been using it", "closed", "wh"),
    ("when are you planning to roll this out", "closed", "wh"),
    ("where are you based", "closed", "wh"),
    ("which tool do you use", "closed", "wh"),
    ("who else is involved in the decision", "closed", "wh"),
    ("what time works for you", "closed", "wh"),
    ("what does your current process look like", "open", "wh"),
    ("what kind of insurance do you have up there", "open", "wh"),
    ("What made you start looking at this now", "open", "wh"),
    ("why did you choose that vendor", "open", "wh"),
    ("how do you handle onboarding today", "open", "wh"),
    ("how important is it to fix this quarter", "open", "wh"),
    ("so what's the next step", "open", "wh"),
    ("what about security", "open", "wh"),
    ("how come you switched", "open", "wh"),
    ("in what city do you work", "closed", "wh"),
    ("if you could change one thing, what would it be", "open", "wh"),
    # requests for information
    ("walk me through your sales process", "open", "request"),
    ("Tell me about your team", "open", "request"),
    ("tell me more about that", "open", "request"),
    ("describe your ideal outcome", "open", "request"),
    ("help me understand the problem", "open", "request"),
    ("give me a sense of the timeline", "open", "request"),
    ("I'm curious how you handle renewals today", "open", "request"),
    ("I'd love to hear how your team does forecasting", "open", "request"),
    ("I'd like to know more about the rollout", "open", "request"),
    ("I'm curious whether you have a budget", "closed", "request"),
    ("I was wondering if you had a chance to look at the proposal", "closed", "request"),
    ("I don't know if you've heard of us", "closed", "request"),
    # tag questions and or-questions
    ("you're using HubSpot, right", "closed", "tag"),
    ("that's a big problem, isn't it", "closed", "tag"),
    ("you use it every day, don't you", "closed", "tag"),
    ("it takes a bit of a shift doesn't it", "closed", "tag"),
    ("they weren't that bad when they came out were they", "closed", "tag"),
    ("so the budget is approved or not", "closed", "tag"),
    # declarative questions with strong cues
    ("you mean the enterprise plan", "closed", "declarative"),
    ("so you're saying the budget is frozen", "closed", "declarative"),
    ("so you're using Salesforce today", "closed", "declarative"),
    ("any questions", "closed", "elliptical"),
]

NOT_QUESTIONS = [
    # backchannels
    ("oh really?", "backchannel"),
    ("Really?", "backchannel"),
    ("yeah?", "backchannel"),
    ("right.", "backchannel"),
    ("Right", "backchannel"),
    ("huh?", "backchannel"),
    ("Is that right?", "backchannel"),
    ("oh, you did?", "backchannel"),
    ("Do you?", "backchannel"),
    ("are you really?", "backchannel"),
    ("you're kidding", "backchannel"),
    ("What?", "backchannel"),
    ("A what?", "backchannel"),
    ("Uh-huh.", "backchannel"),
    ("Okay.", "backchannel"),
    # rhetorical, fillers, exclamations, self-talk
    ("Who doesn't want more revenue?", "rhetorical"),
    ("why not", "rhetorical"),
    ("why don't we schedule a follow up", "rhetorical"),
    ("you know", "backchannel"),
    ("You know what I mean.", "backchannel"),
    ("isn't it.", "backchannel"),
    ("what can I say", "rhetorical"),
    ("what are you gonna do", "rhetorical"),
    ("Isn't that funny.", "rhetorical"),
    ("what a great day", "rhetorical"),
    ("how cool is that", "rhetorical"),
    ("Boy, was that fun.", "rhetorical"),
    ("what's his name", "rhetorical"),
    ("You know, what's the point of all that paperwork", "rhetorical"),
    # statements that look like questions
    ("what we did was build our own tool", "none"),
    ("when I was at my last company we used Outreach", "none"),
    ("how we do it is pretty manual", "none"),
    ("What happens is the leads go cold.", "none"),
    ("Which is a good deal.", "none"),
    ("I don't know what the budget is", "none"),
    ("let me know if you have questions", "none"),
    ("So does my manager.", "none"),
    ("and do it that way", "none"),
    ("was a Visa card", "none"),
    ("what else do I do", "none"),
    ("I haven't quite adjusted, you know?", "none"),
    ("I don't know if that would really work or not.", "none"),
    ("so you don't have to pay up front", "none"),
    ("we have about fifty reps", "none"),
    ("and, you know, what is it, two thousand dollars a seat", "rhetorical"),
    ("and what is it, two thousand dollars a seat", "rhetorical"),
    # fragments
    ("Tuesday?", "fragment"),
    ("what's your, uh,", "fragment"),
    ("any", "fragment"),
]


@pytest.mark.parametrize(("text", "kind", "rule"), QUESTIONS)
@pytest.mark.parametrize("mark", ["", "?"])
def test_questions_lexical(text: str, kind: str, rule: str, mark: str) -> None:
    d = classify(text + mark)
    assert (d.is_question, d.kind) == (True, kind), d
    assert is_question(text + mark) == (True, kind, d.score)
    if not mark:
        assert d.rule == rule
    assert 0.5 <= d.score <= 1.0


@pytest.mark.parametrize(("text", "rule"), NOT_QUESTIONS)
def test_not_questions_lexical(text: str, rule: str) -> None:
    d = classify(text)
    assert (d.is_question, d.kind, d.score) == (False, None, 0.0), d
    assert d.rule == rule


@pytest.mark.parametrize(
    "text", ["Right?", "right?", "Oh, right?", "Okay?", "Correct?", "Isn't it?", "didn't he?", "Don't you?",
             "You know?", "You know what I mean?", "know what I'm saying?", "Like what?"]
)
def test_a_tag_said_on_its_own_with_a_question_mark_is_a_tag_question(text: str) -> None:
    # "That saves you an hour. Right?" asks for the same confirmation as "That saves you an hour, right?"
    d = classify(text)
    assert (d.is_question, d.kind, d.rule) == (True, "closed", "tag"), d
    # without the rising intonation the same words agree or acknowledge
    assert classify(text.rstrip("?") + ".").is_question is False


def test_question_mark_alone_makes_a_closed_question_of_a_statement() -> None:
    assert is_question("You live in Garland?")[:2] == (True, "closed")
    assert classify("You live in Garland?").rule == "qmark"
    assert is_question("You live in Garland.") == (False, None, 0.0)


def test_score_is_higher_when_the_question_mark_agrees() -> None:
    assert is_question("do you have a budget?")[2] > is_question("do you have a budget")[2]


def test_late_clause_needs_a_question_mark() -> None:
    # a wh-clause after a comma is usually a quote or thinking aloud ...
    assert not is_question("they just go, oh, how do you do that")[0]
    # ... unless the sentence ends in "?"
    assert is_question("they just go, oh, how do you do that?")[0]


def test_empty_and_punctuation_only() -> None:
    assert is_question("") == (False, None, 0.0)
    assert is_question(" ?! ") == (False, None, 0.0)
    assert is_question("...", []) == (False, None, 0.0)


def test_lexical_tokens_split_like_spacy() -> None:
    assert [t.lower for t in lexical_tokens("Don't you think it's what's needed, right?")] == [
        "do", "n't", "you", "think", "it", "'s", "what", "'s", "needed", ",", "right", "?"
    ]
    assert [t.lower for t in lexical_tokens("I can\u2019t")] == ["i", "ca", "n't"]


# ------------------------------------------------------------------------------------------
# a tiny fake parser: a lexicon of POS/tag/dep, heads pointing at the first verb
# ------------------------------------------------------------------------------------------

_LEX: dict[str, tuple[str, str, str]] = {
    **{w: ("AUX", "VBZ", "aux") for w in "do does did is are was were have has had can ca could will would should".split()},
    **{w: ("PRON", "PRP", "nsubj") for w in "you i we they he she it".split()},
    **{w: ("PRON", "WP", "dobj") for w in "what who".split()},
    "which": ("DET", "WDT", "det"),
    **{w: ("SCONJ", "WRB", "advmod") for w in "how why where when".split()},
    **{w: ("DET", "DT", "det") for w in "the a an your my".split()},
    "n't": ("PART", "RB", "neg"),
    "pay": ("VERB", "VB", "ROOT"), "emphasize": ("VERB", "VB", "ROOT"), "use": ("VERB", "VB", "ROOT"),
    "fun": ("NOUN", "NN", "dobj"), "dishes": ("NOUN", "NNS", "dobj"), "happened": ("VERB", "VBD", "ROOT"),
    "growing": ("VERB", "VBG", "ROOT"), "works": ("VERB", "VBZ", "ROOT"), "made": ("VERB", "VBD", "ROOT"),
}
# nouns the fake parser calls subjects (what spaCy does for these sentences)
_SUBJECTS = {"insurance", "schools", "kansas", "city", "team", "price"}


class FakeParser:
    """Looks words up in a lexicon: enough to exercise the parse path without a model."""

    def __init__(self) -> None:
        self.calls = 0

    def parse(self, texts: Sequence[str]) -> list[list[Token]]:
        self.calls += 1
        return [self._one(t) for t in texts]

    def _one(self, text: str) -> list[Token]:
        out: list[Token] = []
        for t in lexical_tokens(text):
            w = t.lower
            if not w[0].isalnum() and w not in ("n't",) and not w.startswith("'"):
                pos, tag, dep = "PUNCT", ".", "punct"
            elif w in _LEX:
                pos, tag, dep = _LEX[w]
            elif w in _SUBJECTS:
                pos, tag, dep = "NOUN", "NN", "nsubj"
            else:
                pos, tag, dep = "NOUN", "NN", "dobj"
            out.append(Token(w, w, w, pos, tag, dep, 0))
        return out


@pytest.mark.parametrize(
    ("text", "lexical", "parsed"),
    [
        # noun subjects only the parse can see
        ("does insurance pay for the damage", False, True),
        ("do the schools emphasize it", False, True),
        ("didn't Kansas City pay for their pitching staff", False, True),
        # the parse agrees with the words
        ("do you use it every day", True, True),
        ("what happened", False, False),  # two words without "?": a fragment either way
        ("what happened to the deal", True, True),
        # objects, not subjects
        ("have fun", False, False),
        ("do the dishes", False, False),
    ],
)
def test_fake_parse_path(text: str, lexical: bool, parsed: bool) -> None:
    toks = FakeParser().parse([text])[0]
    assert is_question(text)[0] is lexical
    assert is_question(text, toks)[0] is parsed


@pytest.mark.parametrize(("text", "kind", "rule"), QUESTIONS)
def test_questions_with_fake_parse(text: str, kind: str, rule: str) -> None:
    # the lexicon is crude, but nothing that the words decide may be lost with a parse
    toks = FakeParser().parse([text])[0]
    assert is_question(text, toks)[:2] == (True, kind)


def test_parse_rejects_a_wh_word_not_tagged_as_one() -> None:
    toks = [Token(w, w, w, p, t, d, 0) for w, p, t, d in [
        ("what", "PRON", "WP", "dobj"), ("do", "AUX", "VBP", "aux"), ("you", "PRON", "PRP", "nsubj"),
        ("use", "VERB", "VB", "ROOT")]]
    assert is_question("what do you use", toks)[:2] == (True, "open")
    toks[0] = Token("what", "what", "what", "PRON", "DT", "det", 0)  # e.g. an exclamative "what"
    assert is_question("what do you use", toks)[0] is False


# ------------------------------------------------------------------------------------------
# the stage
# ------------------------------------------------------------------------------------------


def make_call(texts: list[tuple[str, str]] | None = None) -> Call:
    texts = texts or [
        ("rep", "Thanks for joining. So how many reps do you have today? Walk me through your process."),
        ("cust", "We have about fifty. Honestly it is a mess."),
        ("rep", "Oh really? Is the price a problem for you"),
        ("cust", "Yeah. Can you share your pricing? I mean, who doesn't want a discount."),
        ("rep", "Sure. You're on Salesforce, right?"),
    ]
    utts = tuple(Utterance(i, spk, float(i), float(i) + 0.9, text) for i, (spk, text) in enumerate(texts))
    return Call(
        id="q",
        source="q.json",
        duration=5.0,
        channels=1,
        speakers=(Speaker("rep", "rep"), Speaker("cust", "customer")),
        utterances=utts,
        attribution=Attribution("transcript", 2),
        roles=RoleAssignment("rep", "transcript", 1.0),
    )


EXPECTED = [
    (0, "So how many reps do you have today?", "question.closed"),
    (0, "Walk me through your process.", "question.open"),
    (2, "Is the price a problem for you", "question.closed"),
    (3, "Can you share your pricing?", "question.closed"),
    (4, "You're on Salesforce, right?", "question.closed"),
]


def _tagged(call: Call, tags: list) -> list[tuple[int, str, str]]:
    by_id = {u.id: u for u in call.utterances}
    return [(t.utterance_id, by_id[t.utterance_id].text[t.span[0] : t.span[1]], t.label) for t in tags]


def test_stage_attributes() -> None:
    stage = QuestionStage()
    assert stage.name == "questions" and stage.requires == () and stage.assigns == ("question.",)


def test_stage_predicts_without_a_parser() -> None:
    call = make_call()
    ctx = TaggingContext(call, call_sentences(call))
    tags = QuestionStage().predict(ctx)
    assert _tagged(call, tags) == EXPECTED
    assert {t.source for t in tags} == {"rules"}
    assert all(0.5 <= t.score <= 1.0 for t in tags)
    # both speakers ask questions; the backchannel "Oh really?" and the rhetorical one are not tagged
    assert {t.utterance_id for t in tags} == {0, 2, 3, 4}


def test_stage_uses_the_parse_once() -> None:
    call = make_call()
    parser = FakeParser()
    ctx = TaggingContext(call, call_sentences(call), parser=parser)
    tags = QuestionStage().predict(ctx)
    assert _tagged(call, tags) == EXPECTED
    assert {t.source for t in tags} == {"rules+parse"}
    assert parser.calls == 1


def test_stage_on_an_empty_call() -> None:
    call = make_call().with_(utterances=())
    assert QuestionStage().predict(TaggingContext(call, call_sentences(call), parser=FakeParser())) == []


# ------------------------------------------------------------------------------------------
# benchmark helpers (no data needed)
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("{D Well, } {F uh, } do you have kids? /", "Well, uh, do you have kids?"),
        ("[ I think, + I think ] it's <laughter> fine. #", "I think, I think it's fine."),
        ("that school up there? *listen--is there overlap?", "that school up there?"),
        ("and th- the price -/", "and the price"),
        ("((Carrollton)) is nice -- ", "Carrollton is nice"),
        ("Plain text, as given.", "Plain text, as given."),
    ],
)
def test_clean_swda(raw: str, clean: str) -> None:
    assert clean_swda(raw) == clean


def test_strip_qmarks_and_prf() -> None:
    assert strip_qmarks("Really? Do you ?") == "Really Do you"
    p, r, f, tp, fp, fn = prf([True, True, False, False], [True, False, True, False])
    assert (tp, fp, fn) == (1, 1, 1) and p == r == f == 0.5
    assert prf([False], [False])[:3] == (0.0, 0.0, 0.0)


def test_loaders_read_the_documented_layout(tmp_path: Path) -> None:
    swda = tmp_path / "text" / "swda"
    (swda / "metadata").mkdir(parents=True)
    (swda / "val").mkdir()
    (swda / "metadata" / "val_split.txt").write_text("1\n2\n")  # 2 is missing: skipped
    (swda / "val" / "1.txt").write_text("A|Do you {F uh} ski?|qy\nB|Oh really?|bh\nA|Which one?|qw^d\nB|no tag\n")
    data = load_swda(tmp_path, "validation")
    assert [(e.text, e.positive, e.tag) for e in data] == [
        ("Do you uh ski?", True, "qy"), ("Oh really?", False, "bh"), ("Which one?", True, "qw^d")
    ]
    casino = tmp_path / "text" / "casino" / "split"
    casino.mkdir(parents=True)
    dialogues = [{"annotations": [["What do you need most?", "elicit-pref"], ["I need water", "self-need,other-need"]]},
                 {"annotations": None}]
    (casino / "casino_train.json").write_text(json.dumps(dialogues))
    got = load_casino(tmp_path)
    assert [(e.text, e.positive) for e in got] == [("What do you need most?", True), ("I need water", False)]


# ------------------------------------------------------------------------------------------
# the real parse
# ------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_real_spacy_parse_path() -> None:
    from callcoach.errors import ModelNotFound

    try:
        from callcoach.tagging.nlp import SpacyParser

        parser = SpacyParser()
    except (ModelNotFound, ImportError) as exc:
        pytest.skip(f"spaCy model not installed: {exc}")
    texts = [t for t, _, _ in QUESTIONS] + [t for t, _ in NOT_QUESTIONS] + [
        "does insurance pay for the damage", "didn't Kansas City pay for their pitching staff"]
    parses = parser.parse(texts)
    got = {t: is_question(t, p)[:2] for t, p in zip(texts, parses)}
    wrong = [(t, k, got[t]) for t, k, _ in QUESTIONS if got[t] != (True, k)]
    wrong += [(t, None, got[t]) for t, _ in NOT_QUESTIONS if got[t][0]]
    assert not wrong
    assert got["does insurance pay for the damage"][0] and got["didn't Kansas City pay for their pitching staff"][0]
    call = make_call()
    tags = QuestionStage().predict(TaggingContext(call, call_sentences(call), parser=parser))
    assert _tagged(call, tags) == EXPECTED and {t.source for t in tags} == {"rules+parse"}


# ------------------------------------------------------------------------------------------
# context: unanswered questions are rhetorical
# ------------------------------------------------------------------------------------------


def _in_context(turns: list[tuple[str, str]]) -> list[bool]:
    return [d.is_question for d in in_context(turns, [classify(t) for _, t in turns])]


PUNCTUATED = ("cust", "Is this the demo?")  # the transcript writes "?" where it hears one


def test_a_wh_question_the_speaker_answers_himself_is_rhetorical() -> None:
    turns = [PUNCTUATED, ("rep", "And what do they get out of it."), ("rep", "They get nothing at all, honestly.")]
    assert _in_context(turns) == [True, False, False]
    d = in_context(turns, [classify(t) for _, t in turns])[1]
    assert (d.kind, d.score, d.rule) == (None, 0.0, "unanswered")
    # the sentence alone is a question: only the context overturns it
    assert classify(turns[1][1]).is_question


def test_a_question_only_acknowledged_before_the_speaker_goes_on_is_rhetorical() -> None:
    turns = [PUNCTUATED, ("rep", "what do they get out of it"), ("cust", "Uh-huh."), ("rep", "They get nothing at all.")]
    assert _in_context(turns) == [True, False, False, False]


@pytest.mark.parametrize(
    "turns",
    [
        # the other side answers
        [("rep", "what do they get out of it"), ("cust", "Mostly the reporting, I think.")],
        # another question follows
        [("rep", "what tools do you use today"), ("rep", "And who owns the budget for them?")],
        # "?" heard: a question even when the speaker carries on
        [("rep", "What do they get out of it?"), ("rep", "I mean in terms of reporting.")],
        # inversion questions are questions far more often than not
        [("rep", "do you use Salesforce today"), ("rep", "Most of our customers do.")],
        # a short clarifier is not a statement that answers it
        [("rep", "what's your timeline"), ("rep", "Roughly.")],
        # the last sentence of the call
        [("rep", "what do they get out of it")],
    ],
)
def test_questions_kept_in_context(turns: list[tuple[str, str]]) -> None:
    got = _in_context([PUNCTUATED, *turns])
    assert got[1] is True
    assert got == _in_context([PUNCTUATED]) + [classify(t).is_question for _, t in turns]


def test_an_unpunctuated_transcript_overturns_nothing() -> None:
    # no "?" anywhere: a missing "?" is no evidence that nobody was asked
    turns = [("rep", "what do they get out of it"), ("rep", "they get nothing at all honestly")]
    assert _in_context(turns) == [True, False]
    decisions = [classify(t) for _, t in turns]
    assert in_context(turns, decisions) == decisions


def test_in_context_leaves_non_questions_and_lengths_alone() -> None:
    assert in_context([], []) == []
    d = Decision(False, None, 0.0, "none")
    assert in_context([("a", "Hello?"), ("a", "We sell software.")], [d, d]) == [d, d]


def test_stage_drops_a_rhetorical_question_in_a_call() -> None:
    texts = [
        ("rep", "How many reps do you have?"),
        ("cust", "About forty."),
        ("rep", "And what do most teams do about it. They buy another tool and hope."),
        ("cust", "Right."),
        ("rep", "What do you do about it today"),
        ("cust", "We mostly use spreadsheets."),
    ]
    call = make_call(texts)
    tags = QuestionStage().predict(TaggingContext(call, call_sentences(call)))
    assert _tagged(call, tags) == [
        (0, "How many reps do you have?", "question.closed"),
        (4, "What do you do about it today", "question.open"),
    ]
