"""Question detection: which sentences are real questions, and are they open or closed.

ASR punctuation is unreliable (a question often ends in "." or nothing), so "?" is one cue
among several and every syntactic rule fires without it. The rules read a light token list:
the spaCy parse when ``ctx.parser`` is set (tag source ``rules+parse``), else a small lexical
tokenizer that splits words the way spaCy does (``don't`` -> ``do n't``, ``what's`` ->
``what 's``), so both paths share the same word rules (source ``rules``). The parse only
makes rules stricter or surer where it is more precise.

A *clause start* is the sentence start or the word after a comma, ";", ":" or "--". Fillers
("uh", "um") and discourse markers ("and", "but", "so", "well", "oh", "okay", "I mean", "you
know", "let me ask you", "I'm sorry" ...) are skipped there; immediate repetitions ("did, did
the judge") are collapsed. The rules read the first clause, the main clause after a leading
subordinate clause ("if you could change one thing, what would it be") or after a one-word
vocative ("Lynn, do you want to start"), and a clause after an abandoned start ("is, are we,
should we ..."); any later clause only when the sentence ends in "?". A sentence is decided by
the first rule that applies (:func:`classify` names it):

1. ``backchannel`` - not a question: "oh really?", "yeah?", "right?", "huh?", "is that
   right?", "you're kidding", and short aux+pronoun echoes ("do you?", "oh, you did?", "is
   it?", "are you really?"), "uh-huh", "I'm sorry, what?".
2. ``rhetorical`` - not a question, where detectable (modest list): "who doesn't want ...",
   "who knows", "why not", "why bother", "why don't we/you ..." (a proposal), "what can I
   say", "what are you gonna do", "guess what", "you know what I mean", "isn't that funny",
   "what a ...", "how cool is that", "boy, was that fun"; self-talk without "?" ("what's his
   name", "what's the word I'm looking for", "what is it, two thousand dollars a seat").
   ``reported`` - a question after a quotative is quoted, not asked: "and I'm like, well why
   can't ...", "she's like, what are you doing", "it's like, how do you know", "I said, how
   are you doing?".
3. ``wh`` - a wh-word (what how why who where when which whose) at a clause start, optionally
   with its phrase ("how many reps", "what kind of tool"), then an auxiliary ("what do you",
   "how many reps do you have", "what's your budget") or a finite verb ("what happened", "who
   decides", "what time works for you"; "who else is ..."). wh + subject ("what I did was",
   "when you get there", "which is good") is a free relative, a subordinate clause or a
   relative clause, and "what happens is ..." / "what bothers me is ..." a pseudo-cleft: not
   questions. After a comma the auxiliary must also be followed by a subject (", which is
   fine" is not a question). "what about X", "how about X" and "how come" are questions. A
   bare wh-word ("what?", "who?") signals non-understanding; a wh-question without "?" needs
   three words. With a parse, the wh-word must be tagged WDT/WP/WP$/WRB and a verb must be
   tagged as one; lexically a finite verb is a word that looks like one ("-ed", "-s", a few
   irregular pasts).
4. ``inversion`` - an auxiliary or modal at a clause start followed by a subject: "are you the
   decision maker", "do you have a budget", "does your team use ...", "is the price fixed".
   Lexically a subject is a pronoun, or (after does/did/is/are/was/were) a determiner or
   possessive; with a parse a token with dep nsubj/nsubjpass/expl must follow the auxiliary
   within its noun phrase (which also rejects "have a nice day", "do the demo").
5. ``request`` - an indirect or imperative request for information at a clause start: "tell
   me about/how/more ...", "walk/talk/take me through", "describe", "explain", "help me
   understand", "share ...", "give me a sense of", "I'm curious", "I'd love to hear", "I'd
   like to know", "I was wondering if you", "I wonder if you", "I don't know if you ...".
6. ``tag`` - a tag question at the end: "..., right?", "..., correct?" (", right" also
   without "?"), "..., isn't it", "..., don't you" (aux + n't + pronoun after at least three
   words; without "n't" it needs "?" or a comma: not "so do I" / "than you do"), or a
   trailing "or not" / "or what" (not after "if/whether": "I don't know if ... or not").
   A tag said as its own sentence with "?" ("Right?", "Isn't it?", "You know what I mean?",
   "Like what?") is one too (checked first, before the backchannel rule: without "?" the same
   words are agreement).
7. ``declarative`` - a declarative question with a strong cue, also without "?": "you mean
   ...", "you're saying ...", "so what you're saying is ...", and "so you ..." ending in
   "today/now/then/currently" ("so you're using Salesforce today") (score 0.6). Other "So you
   ..." without "?" is too often a statement in conversation ("so you don't have to ...").
   ``elliptical`` - "any questions", "any other comments", "any thoughts so far".
8. ``qmark`` - anything else ending in "?" with at least two words; a one-word "?" that is
   not a wh-word ("Tuesday?", "Bore?") is a ``fragment``, as is anything of fewer than three
   words without "?".

**In context** (:func:`in_context`, run by the stage over the whole call): a wh- or tag question
without "?" that nobody answers (the speaker goes straight on with a statement, or the other
side only says "uh-huh" before the speaker goes on) was not asked: it is rhetorical. Only in a
punctuated transcript, where a missing "?" means something.

**Open vs closed** follows the sales-coaching convention "does it invite an elaborated
answer?". OPEN: what, how (but not how many/much/long/often/far/old/big/soon ...), why, how
come, what about/how about, and requests (tell me, walk me through, describe, explain, I'm
curious how, and "can/could you tell me about / walk me through / describe / explain ...").
CLOSED: answerable with yes/no or one fact: subject-aux inversion, how many/much/long ...,
when, where, which, who, whose, what time/year/day/date/size/color/percentage, tag questions,
or-questions, declarative and elliptical questions, "I wonder if / I don't know if you ...",
"?" echoes. "I don't know if/whether ..." that is not about "you" and has no "?" is an
indirect statement, as is "do I ..." / "what should I ..." without "?" (thinking aloud).

The score is a rough confidence: 0.95 when "?" and syntax agree, 0.85 for syntax alone at the
sentence start, 0.7 for syntax after a comma or "?" alone, 0.6 for declarative and elliptical
cues without "?".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from callcoach.call import Tag
from callcoach.tagging.base import TaggingContext, Token, is_backchannel, sentence_tag

__all__ = ["Decision", "QuestionStage", "classify", "in_context", "is_question", "lexical_tokens"]

# ------------------------------------------------------------------------------------------
# word classes
# ------------------------------------------------------------------------------------------

FILLERS = frozenset("uh um uhm umm er erm ah ahh hm hmm mm mmm mhm eh".split())
MARKERS = frozenset(
    """and but or so well oh okay ok now then see yeah yes yep no nope right alright anyway anyways also
    plus hey hi hello actually because cause like just sure good great cool fine gosh wow boy alrighty sorry pardon
    uh-huh uh-hum um-hum um-hm mm-hmm mm-hm huh-uh uh-uh""".split()
)
MULTI_MARKERS = (
    ("let", "me", "ask", "you"), ("let", "me", "ask"), ("by", "the", "way"),
    ("out", "of", "curiosity"), ("just", "curious"), ("quick", "question"), ("one", "more", "question"),
    ("i", "mean"), ("you", "know"), ("all", "right"), ("i", "guess"), ("i", "'m", "sorry"), ("excuse", "me"),
    ("pardon", "me"),
)
SELF_TALK = re.compile(
    r"^(what|who) (is|was|'s) (it|his name|her name|his face|her face|their name|the name|the word|the term"
    r"|that called|it called)( again)?$"
    r"|^where was i$"
    r"|^what 's the word (i 'm|i am) looking for|^what 's the word i want"
    r"|^what (am|was) i (trying|thinking|going)\b"
    r"|^what do you call (it|them|that|those)\b"
)
# "what is it, two thousand dollars a seat": the speaker recalls a figure (the next clause starts with RECALLED)
SEARCHING = r"what (is|was|'s) (it|that)"
INTERJECTIONS = frozenset("boy man gosh oh wow god gee golly geez".split())
RECALLED = frozenset(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
    eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion half a
    an about around like maybe oh""".split()
)
CLEFT_VERB = re.compile(r"^what (happens|happened|bothers|bugs|gets|got|makes|made|worries|scares|strikes|concerns|surprised"
                        r"|surprises|matters|helps|helped|works|worked|i|we|they|he|she|you)\b.* (is|was|'s)\b")
WH = frozenset("what how why who where when which whose whom".split())
WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
CLOSED_WH = frozenset("when where which who whose whom".split())
HOW_CLOSED = frozenset("many much long often far old big soon late early tall large fast".split())
WHAT_CLOSED = frozenset(
    "time year day date size color colour percentage percent age number month state city town".split()
)
INV_AUX = frozenset(
    "do does did is are was were am have has had can ca could will wo would should shall may might must".split()
)
CLITIC_AUX = frozenset({"'s", "'re", "'m", "'ve", "'ll", "'d"})
NEG = frozenset({"n't", "not"})
SUBJ_PRON = frozenset(
    """you i we they he she it there that this these those y'all ya anybody anyone somebody someone everybody
    everyone anything something everything nobody""".split()
)
DET = frozenset("the a an your my his her our their its any some all many most both each every no".split())
TAG_PRON = frozenset("you it they he she we i there that".split())
REQUEST_VERBS = frozenset("tell walk talk take describe explain share elaborate expand clarify".split())
BACKCHANNELS = frozenset(
    s.strip()
    for s in """really | right | yeah | yes | no | huh | what | who | where | when | how | sorry | pardon | pardon me
    | excuse me | is that right | is that so | is that true | is it really | yeah right | no kidding | no way
    | you 're kidding | you are kidding | are you serious | seriously | how about that | you know
    | know what i mean | you know what i mean | you think so | think so | you think | is that a fact | i know
    | okay | ok | sure | correct | true | is n't it | is n't that right | how so | i see | really now
    | wow | gosh | oh my | my goodness | say what | come again | you 're joking | for real | honestly | is that it
    | so | and | or | but | oh | right right | really really | i 'm sorry | i beg your pardon | beg your pardon
    | i beg you pardon | what did you say | what was that | say again | you know what i 'm saying
    | know what i 'm saying | you know what i 'm talking about | you know what i mean
    | are you kidding | are you joking | are you serious | you 're joking""".split("|")
)
EXCLAIM = "funny|amazing|interesting|something|neat|great|nice|terrible|sad|wild|awful|weird|strange|incredible|" \
    "crazy|cool|wonderful|good|bad|scary|ironic|unbelievable|sick|ridiculous|frustrating|neat|fun|exciting"
RHETORICAL = tuple(
    re.compile(p)
    for p in (
        r"^who (does n't|would n't|ca n't|does not|would not|doesn't|wouldn't|cares|knows|would have (thought|guessed))\b",
        r"^who (did n't|has n't|is n't|does n't)$",
        r"^why (bother|stop|spend|keep|waste|worry|make|get)\b",
        r"^why not\b",
        r"^why (do n't|don't|not) (we|you|i)\b",
        r"^what (can|could) (i|you|we|one) (say|do)$",
        r"^what (can|could) (i|you|we|one) say\b",
        r"^what (are|were) (you|we|they) (gon na|going to|gonna) do\b",
        r"^what (can|could) (you|we|they) do$",
        r"^what do you know$",
        r"^what else is new\b",
        r"^what 's the (point|use|harm|difference)$",
        r"^(you )?guess what\b",
        r"^(you )?know what i mean\b",
        rf"^(is|was) n't (that|it|this) (so |really |just |pretty |kind of |a )?({EXCLAIM}|the truth|fabulous|mind boggling)\b",
        r"^(is|was|did|does|do|has|have|are|were) n't (he|she|it|they|you|that) though$",
        r"^would n't (it|that) be (nice|great|wonderful|good|something|fun)\b",
        r"^how (about|bout) that\b",
        r"^what (a|an)\b",
        rf"^how ({EXCLAIM})$",
        rf"^how ({EXCLAIM}|sweet|lucky|stupid|dumb|silly|smart|bizarre|convenient) (is|was) (that|this)$",
        r"^how (can|could) (you|anyone|anybody|one) (not|beat|argue)\b",
    )
)
REQUESTS = tuple(
    (re.compile(p), kind)
    for p, kind in (
        (r"^(please )?(tell|show) (me|us) (a (little |bit |little bit )*|some |more |about |how |what |why |the story"
         r"|your )", "open"),
        (r"^(please )?give (me|us) (a sense|an idea|an overview|a picture|a feel|a rundown)\b", "open"),
        (r"^(please )?(walk|talk|take) (me|us) through\b", "open"),
        (r"^(please )?(describe|explain|elaborate|expand on)\b", "open"),
        (r"^help (me|us) understand\b", "open"),
        (r"^(please )?share (with (me|us) )?(a (little |bit )*|some |more |how |what |why |your )", "open"),
        (r"^i ('m|am|was|'d be|would be) (just |really |kind of |a little |so )*curious (to (know|hear|learn|see) )?"
         r"(if|whether)\b", "closed"),
        (r"^i ('m|am|was|'d be|would be) (just |really |kind of |a little |so )*curious (to |about |how |what |why "
         r"|who |where |when |which )", "open"),
        (r"^i ('d|would) (really )?(love|like|want) to (hear|know|learn|understand|get a sense|find out) (if|whether)\b",
         "closed"),
        (r"^i ('d|would) (really )?(love|like|want) to (hear|know|learn|understand|get a sense|find out) (about|more|how|"
         r"what|why|who|where|when|which|your|from you)\b", "open"),
        (r"^i ('m|am|was) (just |really )?wondering (if|whether) (you|your)\b", "closed"),
        (r"^i ('m|am|was) (just |really )?wondering (what|how|why) (you|your)\b", "open"),
        (r"^i wonder (if|whether) (you|your)\b", "closed"),
        (r"^i (do n't|don't|do not) know (if|whether) (you|your)\b", "closed"),
        (r"^(i 'm|i am) not sure (if|whether) (you|your)\b", "closed"),
    )
)
DECLARATIVE = re.compile(r"^(so (what )?you ('re|are) saying|you ('re|are) saying|so you mean|you mean)\b")
# "so you're using Salesforce today": a checking question; "so you don't have to pay up front" is not
SO_YOU_NOW = re.compile(
    r"^so you (?!know\b)(?!.* (if|when|because|so|that|to|and|until|since|by|from|till)\b)"
    r".* (today|now|then|currently)$"
)
# "any questions": an elliptical question (checked against the whole core)
ELLIPTICAL = re.compile(
    r"(any|got any|any other|any more|anymore|other) (questions?|thoughts|comments|concerns|objections)"
    r"( so far| for me| for us| on that| about that)?"
)
# a tag question said as a sentence of its own, with rising intonation ("?"): it asks the
# listener to confirm what the speaker just said. Without "?" the same words are agreement.
STANDALONE_TAG = re.compile(
    r"right|okay|ok|correct|you know|(you )?know what i (mean|'m saying)|like what"
    r"|(is|are|was|were|do|does|did|have|has|had|ca|could|would|wo|should) n't"
    r" (it|he|she|they|you|we|there|that|i)"
)
_LEADERS = frozenset({"oh", "well", "and", "so", "but"})
TRUNCATED = frozenset(
    "the a an your my our their his her its of to and in for with from at on by is are was were do does did can would "
    "will this that or but if so".split()
)
SUBORDINATORS = frozenset("if when whenever once since because as while before after unless suppose assuming say".split())
PREPOSITIONS = frozenset("in to for from at on with by about of".split())
_RESTART = INV_AUX | WH | SUBJ_PRON | MARKERS | CLITIC_AUX | NEG
_NOSUBJ_STRICT = False
PUNCT = frozenset({",", ";", ".", "!", "?", ":", "--", "-", "...", '"', "'", "(", ")", "[", "]"})
BREAKS = frozenset({",", ";", "--", ":", "..."})


# ------------------------------------------------------------------------------------------
# tokens
# ------------------------------------------------------------------------------------------

_CONTRACTION = re.compile(r"(?<=[a-z])(n't|'s|'re|'ve|'ll|'d|'m)\b")
_TOKEN = re.compile(r"n't|'[a-z]+|[a-z0-9]+(?:[-.'][a-z0-9]+)*|\.\.\.|--|[?!.,;:]")


def lexical_tokens(text: str) -> list[Token]:
    """Tokens without a model: lowercase words split like spaCy (``don't`` -> ``do n't``,
    ``can't`` -> ``ca n't``) and punctuation; pos/tag/dep are empty and head is -1."""
    t = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    t = _CONTRACTION.sub(lambda m: " " + m.group(1), t)
    return [Token(w, w, w, "", "", "", -1) for w in _TOKEN.findall(t)]


@dataclass(frozen=True, slots=True)
class _W:
    """A word (punctuation removed) with its index ``i`` in the token list."""

    i: int
    w: str
    pos: str
    tag: str
    dep: str
    head: int


def _words(tokens: Sequence[Token]) -> tuple[list[_W], list[int]]:
    """Words without punctuation and fillers, and the word positions that start a clause.

    Immediate repetitions (restarts such as "did, did the judge", "do you, do you think") are
    collapsed to their last copy.
    """
    words: list[_W] = []
    brk: list[bool] = []
    pending = False
    for i, t in enumerate(tokens):
        low = t.lower.replace("\u2019", "'")
        if low in PUNCT or (t.pos == "PUNCT" and not low[:1].isalnum()):
            pending = pending or (low in BREAKS and bool(words))
            continue
        if low in FILLERS:
            continue
        words.append(_W(i, low, t.pos, t.tag, t.dep, t.head))
        brk.append(pending)
        pending = False
    changed = True
    while changed:
        changed = False
        for size in (3, 2, 1):
            for a in range(len(words) - 2 * size + 1):
                if [x.w for x in words[a : a + size]] == [x.w for x in words[a + size : a + 2 * size]]:
                    first_brk = brk[a]
                    del words[a : a + size], brk[a : a + size]
                    brk[a] = first_brk
                    changed = True
                    break
            if changed:
                break
    starts = [0] + [m for m in range(1, len(words)) if brk[m]]
    return words, starts


def _skip(words: list[_W], k: int, starts: Sequence[int] = ()) -> int:
    """Skip fillers and discourse markers from word position ``k``."""
    n = len(words)
    while k < n:
        if words[k].w in FILLERS or words[k].w in MARKERS:
            k += 1
            continue
        for mm in MULTI_MARKERS:
            if k + len(mm) < n and tuple(x.w for x in words[k : k + len(mm)]) == mm:
                if mm == ("you", "know") and (k + 2) not in starts:
                    continue  # "you know what X is?" asks; "you know, ..." is a filler
                k += len(mm)
                break
        else:
            break
    return k


def _text(words: Sequence[_W]) -> str:
    return " ".join(x.w for x in words if x.w not in FILLERS)


# ------------------------------------------------------------------------------------------
# rules
# ------------------------------------------------------------------------------------------


def _is_subject(words: list[_W], j: int, aux: str, parsed: bool, starts: Sequence[int] = ()) -> bool:
    """Does a subject start at word position ``j`` (right after the auxiliary ``aux``)?

    Lexically: a subject pronoun, or a determiner/possessive after does/did/is/are/was/were (a
    possessive also after can/could/will/would/should/do). With a parse, also a noun phrase that
    holds a token with dep nsubj/nsubjpass/expl ("does insurance pay", "didn't Kansas City put"),
    except after have/has/had ("have fun", "has Jeff Bridges") and when the auxiliary is parsed as
    a main verb taking that phrase as its object ("do the dishes").
    """
    n = len(words)
    if j >= n or j in starts or words[j].w in WH:
        return False  # "was, two years ago, we went"; "is what I listen to"
    x = words[j]
    if j + 1 < n and words[j + 1].w in CLITIC_AUX:
        return False  # "is I've got ...", "is it's hard"
    if x.w in SUBJ_PRON:
        return not (x.w in ("that", "this", "there", "it") and aux in ("have", "has", "had", "do"))  # "do it"
    if x.w in DET and x.w not in ("a", "an", "no"):  # "was a Visa card", "is a lovely lady": fragments
        if aux in ("does", "did", "is", "are", "was", "were"):
            return True  # "does your team", "is the price", "are the reps"
        if aux in ("can", "could", "will", "would", "should", "do") and x.w in ("your", "my", "our", "their", "his", "her"):
            return True  # "can your team", "do your reps"
    if not parsed or aux in ("have", "has", "had") or x.w in ("a", "an", "no"):
        return False
    for m in range(j, min(n, j + 5)):
        y = words[m]
        if m > j and m in starts:
            break
        if y.dep in ("nsubj", "nsubjpass", "expl", "csubj"):
            return True
        if y.dep in ("dobj", "attr", "acomp", "xcomp", "ccomp", "prep", "advcl"):
            return False
        if y.pos not in ("DET", "ADJ", "NOUN", "PROPN", "NUM") and y.dep not in (
            "det", "poss", "amod", "compound", "nummod", "quantmod", "nmod", "predet", "case"
        ):
            return False
    return False


_IRREGULAR_PAST = frozenset(
    "went came made said got happen happened knew thought saw took gave told brought bought kept left put found".split()
)


def _verbish(w: str) -> bool:
    """Lexically: does ``w`` look like a finite verb ("happened", "works", "made")?"""
    if w in _IRREGULAR_PAST:
        return True
    return bool(re.fullmatch(r"[a-z]+(ed|es)|[a-z]+[^s'u]s", w)) and w not in (
        "this", "its", "his", "yes", "as", "us", "is", "was", "does", "has", "thus", "plus", "less", "unless", "else",
        "times", "kinds", "sorts", "types", "things", "ones", "days", "years", "others", "sides", "ways",
    )


_NOT_AFTER_VERB = INV_AUX | CLITIC_AUX | SUBJ_PRON | {"of"}


def _wh(words: list[_W], k: int, initial: bool, parsed: bool, qmark: bool, starts: Sequence[int]) -> str | None:
    """The kind ("open"/"closed") of a wh-question starting at word ``k``, or None."""
    n = len(words)
    w = words[k].w
    if w not in WH:
        return None
    if parsed and words[k].tag and words[k].tag not in WH_TAGS:
        return None
    if k + 1 >= n:
        return "open" if (w == "why" and qmark and initial) else None  # "why?"; "what?" / "who?" are backchannels
    nxt = words[k + 1].w
    if w in ("what", "how") and nxt in ("about", "bout"):
        return "open" if k + 2 < n and (initial or qmark) else None
    if w == "how" and nxt == "come":
        return "open" if initial else None
    if w == "what" and not qmark and CLEFT_VERB.match(_text(words[k:])):
        return None  # "what happens is ...", "what bothers me is ...": a pseudo-cleft
    kind = "closed" if w in CLOSED_WH else "open"
    j = k + 1
    if nxt == "else" and w in ("who", "whom", "where", "when", "why"):
        j = k + 2  # "who else is involved"
    if w == "how" and nxt in HOW_CLOSED:
        kind, j = "closed", k + 2
    elif w == "what" and nxt in WHAT_CLOSED:
        kind = "closed"
    if w in ("what", "which", "whose") or (w == "how" and j == k + 2):
        # skip the wh-phrase: "what kind of insurance do you have", "how many reps do you have"
        m = j
        while m < min(n, j + 4) and words[m].w not in INV_AUX and words[m].w not in CLITIC_AUX:
            if words[m].w in SUBJ_PRON:
                break
            if parsed and words[m].pos in ("AUX", "VERB"):
                break
            if not parsed and _verbish(words[m].w) and (not words[m].w.endswith("s") or (
                    m + 1 < n and m + 1 not in starts and words[m + 1].w not in _NOT_AFTER_VERB)):
                # "what happened to ...", "what time works for you"; not "what cars are you", "what kind of foods"
                break
            m += 1
        j = m
    elif w == "how" and nxt not in INV_AUX and nxt not in CLITIC_AUX and nxt not in SUBJ_PRON and nxt not in DET:
        j = k + 2  # "how important is it", "how big is your team"
    if j >= n:
        # elliptical: "what time?", "how many?", "which one?"
        return kind if (qmark and initial and j - k <= 3) else None
    v = words[j]
    if v.w in INV_AUX or v.w in CLITIC_AUX:
        if initial and w in ("what", "who", "how", "where", "why", "when") and j + 1 >= n and not qmark:
            return None  # "what is", "where is" alone: a fragment
        sj = j + 1 + (j + 1 < n and words[j + 1].w in NEG)
        subj = _is_subject(words, sj, v.w, parsed, starts)
        if subj and not qmark and words[sj].w == "i":
            return None  # "what else do I do", "what should I say": thinking aloud or a quote
        if not initial and not subj:
            return None  # ", which is fine", ", who was ..."
        if not subj and not qmark and _NOSUBJ_STRICT:
            return None
        if w == "which" and (not subj or (v.w in ("is", "was", "'s") and not qmark)):
            return None  # "Which is good.", "which is a good deal"
        if v.w in ("'s", "is", "was") and w == "what" and not qmark and any(x.w in ("is", "was") for x in words[j + 2 :]):
            return None  # "what's funny is that ..."
        return kind
    if v.w in SUBJ_PRON or v.w in DET:
        return None  # "what I did", "when you get there", "how the system works"
    if w == "what" and not qmark and (CLEFT_VERB.match(_text(words[k:])) or any(
            x.w in ("is", "are", "was", "were") for x in words[j + 1 :])):
        return None  # "what happens is ...", "what most annoys me are ...": a pseudo-cleft
    if not initial or n - k < 3 or (w == "which" and not qmark):
        return None  # "which makes me wonder ...": a relative clause continuing the last sentence
    if parsed:
        if v.pos in ("VERB", "AUX") and v.tag in ("VBD", "VBZ", "VBP", "MD"):
            return kind  # "what happened", "who decides"
        return None
    if _verbish(v.w):
        return kind  # lexically: something like a finite verb
    return None


def _inversion(words: list[_W], k: int, parsed: bool, qmark: bool, starts: Sequence[int]) -> str | None:
    """The kind of a subject-auxiliary inversion question starting at word ``k``, or None."""
    n = len(words)
    w = words[k].w
    if w not in INV_AUX:
        return None
    if parsed and words[k].pos not in ("AUX", "VERB", "") and words[k].tag != "MD":
        return None
    j = k + 1
    if j < n and words[j].w in NEG:
        j += 1
    if not _is_subject(words, j, w, parsed, starts):
        return None
    if k > 0 and words[k - 1].w in ("so", "neither", "nor") and n - j <= 3 and not qmark:
        return None  # "so does my husband", "neither do I"
    if words[j].w == "i" and not qmark and not (j + 1 < n and words[j + 1].w == "ask"):
        return None  # "do I want to ...": thinking aloud; "can I ask ..." stays
    # requests phrased as yes/no questions invite an elaborated answer
    rest = [x.w for x in words[j + 1 : j + 6]]
    if any(v in ("describe", "explain", "elaborate", "expand") for v in rest[:3]):
        return "open"
    if any(v in REQUEST_VERBS for v in rest[:3]) and any(v in ("me", "us", "about", "through", "more") for v in rest):
        return "open"
    return "closed"


_NOT_VOCATIVE = WH | INV_AUX | SUBJ_PRON | SUBORDINATORS | PREPOSITIONS | DET | NEG | CLITIC_AUX | frozenset(
    "to not never me us him them what said says say like one two three first second third last next finally".split())


def _vocative(x: _W) -> bool:
    """Could the one-word clause ``x`` be a name or another vocative ("Lynn, do you ...")?"""
    if x.w in _NOT_VOCATIVE or not x.w.isalpha():
        return False
    return not x.pos or x.pos in ("PROPN", "NOUN", "INTJ", "ADV", "ADJ")


QUOTATIVE = re.compile(
    r"^(then |and |so |but )*("
    r"(i|you|he|she|it|we|they|that|this|everybody|everyone|people) ('s|'m|'re|is|am|are|was|were)"
    r"( just| all| kind of| sort of)? (like|going|all)"
    r"|(i|he|she|they|we|people|everybody|everyone) (just |then |always )?(said|says|asked|asks|ask)"
    r"( (him|her|them|me|us|myself|himself|herself))?)$"
)


def _reported(words: list[_W], k0: int, starts: Sequence[int]) -> bool:
    """A question introduced by a quotative is quoted, not asked: "and I'm like, well why can't
    ...", "she's like, what are you doing", "it's like, how do you know", "I'm going, well how about"."""
    n = len(words)
    for q in range(k0 + 2, min(n, k0 + 8)):
        if not QUOTATIVE.match(_text(words[k0:q])):
            continue
        k = _skip(words, q, starts)
        if k < n and (words[k].w in WH or (words[k].w in INV_AUX and k + 1 < n and _is_subject(
                words, k + 1 + (words[k + 1].w in NEG), words[k].w, False, starts))):
            return True
    return False


def _request(rest: str) -> str | None:
    for rx, kind in REQUESTS:
        if rx.match(rest):
            return kind
    return None


def _tag_question(words: list[_W], starts: list[int], qmark: bool) -> bool:
    """"..., right?", "..., isn't it", "..., don't you", "... or not"."""
    n = len(words)
    if n < 4:
        return False
    last, prev = words[-1].w, words[-2].w
    if last in ("right", "correct", "yeah", "eh", "huh", "true", "okay", "ok"):
        # after a comma; without "?" only "right" / "correct" / "eh"
        return (n - 1) in starts and (qmark or last in ("right", "correct", "eh"))
    if last in TAG_PRON:
        m = n - 2
        neg = words[m].w in NEG
        if neg:
            m -= 1
        if m < 3 or words[m].w not in INV_AUX:
            return False
        if words[m - 1].w == "to" or words[m - 1].w in INV_AUX or words[m - 1].w in NEG:
            return False  # "to do it", "won't do it"
        if not neg and last in ("it", "that", "there") and words[m].w in ("do", "have"):
            return False  # "..., do that", "you don't really have that": a verb and its object
        if m in starts:
            return True  # "..., isn't it", "..., can you"
        if words[m - 1].w in ("so", "neither", "nor", "as", "than", "if", "like", "what", "how", "where", "when", "why",
                              "who", "which", "that", "whether", "because", "and", "or", "know", "wonder", "think"):
            return False
        if not neg and words[m - 1].w in ("them", "there", "it", "they", "he", "she", "we", "you", "i", "this"):
            return False  # "none of them are there", "I didn't know they had that"
        # "..., doesn't it"; a positive tag after a negative clause: "they weren't that bad, were they"
        if neg or qmark:
            return True
        return words[m].w not in ("do", "does", "did") and any(x.w in NEG or x.w == "never" for x in words[: m - 1])
    if prev == "or" and last in ("not", "what") and n >= 3:
        return not any(x.w in ("if", "whether") for x in words)  # not "I don't know if ... or not"
    return False


def _echo(words: Sequence[_W]) -> bool:
    """A short echo backchannel: "do you", "oh you did", "are you really", "is it", "you don't"."""
    ws = [x.w for x in words if x.w not in FILLERS and x.w not in ("oh", "really", "and", "well", "so", "wow", "now")]
    if len(ws) < 2 or len(ws) > 3:
        return False
    if ws[0] in INV_AUX and ws[-1] in TAG_PRON and all(x in NEG for x in ws[1:-1]):
        return True  # do you, is it, didn't you
    if ws[0] in TAG_PRON and ws[1] in INV_AUX and all(x in NEG for x in ws[2:]):
        return True  # you do, they didn't
    return False


@dataclass(frozen=True, slots=True)
class Decision:
    """The verdict on one sentence and the rule that gave it (see the module docstring)."""

    is_question: bool
    kind: str | None
    score: float
    rule: str


_NO = Decision(False, None, 0.0, "none")


def classify(text: str, tokens: Sequence[Token] | None = None) -> Decision:
    """Decide whether ``text`` (one sentence) is a question; ``tokens`` is its parse (None or
    empty: lexical tokens). See the module docstring for the rules, in order."""
    raw = text.strip()
    qmark = raw.rstrip("\"')]} ").endswith("?")
    parsed = bool(tokens) and any(t.pos for t in tokens or ())
    words, starts = _words(list(tokens) if parsed and tokens else lexical_tokens(raw))
    content = [x for x in words if x.w not in FILLERS]
    if not content:
        return _NO
    if qmark and STANDALONE_TAG.fullmatch(_text([x for x in words if x.w not in _LEADERS])):
        return Decision(True, "closed", 0.8, "tag")  # "Right?", "Isn't it?", "You know what I mean?"
    tail = _text(words[-4:])
    if qmark and len(content) > 2 and re.search(r"(^| )(you know|know what i mean|you know what i mean|you see)$", tail):
        qmark = False  # the "?" belongs to a filler: "I haven't quite adjusted, you know?"
    k0 = _skip(words, 0, starts)
    core = _text(words[k0:])
    full = _text(words)
    if full in BACKCHANNELS or core in BACKCHANNELS or _echo(words[k0:]) or not core:
        return Decision(False, None, 0.0, "backchannel")
    if any(rx.search(core) for rx in RHETORICAL) or re.fullmatch(r"((?!do |did |does )\w+ )?you know", core):
        return Decision(False, None, 0.0, "rhetorical")
    if k0 >= 2 and (words[k0 - 2].w, words[k0 - 1].w) == ("you", "know") and k0 in starts and words[k0].w in WH | INV_AUX:
        return Decision(False, None, 0.0, "rhetorical")  # "you know, what's the point of ...": musing aloud
    if _reported(words, k0, starts):
        return Decision(False, None, 0.0, "reported")  # "and I'm like, well why can't ...": a quote
    s1 = next((s for s in starts if s > k0), 0)
    if s1 and re.fullmatch(SEARCHING, _text(words[k0:s1])) and (
            words[s1].w in RECALLED or words[s1].w[:1].isdigit()):
        return Decision(False, None, 0.0, "rhetorical")  # "what is it, two thousand dollars a seat": recalling a figure
    if core.endswith("what") and len(core.split()) <= 3 and not core.startswith("or"):
        return Decision(False, None, 0.0, "backchannel")  # "a what?", "being what?": non-understanding
    exclaim = rf"(boy |man )?(is|was) (that|it|this) (so |really |just |pretty )?({EXCLAIM}|fabulous)"
    if not qmark and re.fullmatch(exclaim, core) and (" so " in core or any(x.w in INTERJECTIONS for x in words[:k0])):
        return Decision(False, None, 0.0, "rhetorical")  # "boy, was that fun": an exclamation
    if not qmark and SELF_TALK.search(core):
        return Decision(False, None, 0.0, "rhetorical")  # "what's his name", "where was I"
    if not qmark and words[-1].w in TRUNCATED and 1 < len(core.split()) <= 3:
        return Decision(False, None, 0.0, "fragment")  # cut off: "what's your, uh,", "do you have the"
    # wh / inversion / request at each clause start (the first clause start that decides wins)
    main_next = False
    for s in starts:
        k = _skip(words, s, starts)
        if k >= len(words):
            continue
        if k + 1 < len(words) and words[k].w in PREPOSITIONS and words[k + 1].w in WH:
            k += 1  # "in what section do you work", "for how long have you"
        # the first clause, the main clause after a leading subordinate clause ("if you could
        # change one thing, what would it be"), or one after an abandoned start ("is, are we, should we")
        initial = (k == k0 or main_next or (s - k0 <= 4 and all(x.w in _RESTART for x in words[k0:s]))
                   or (s - k0 == 1 and s == next((x for x in starts if x > k0), -1) and _vocative(words[k0])))
        main_next = initial and words[k].w in SUBORDINATORS
        rest = _text(words[k:])
        if not initial and not qmark:
            break  # later clauses only with "?": mid-sentence clauses are mostly quotes and relatives
        if any(rx.search(rest) for rx in RHETORICAL) or (not qmark and SELF_TALK.search(rest)):
            continue
        kind = _wh(words, k, initial, parsed, qmark, starts)
        if kind:
            return Decision(True, kind, 0.95 if qmark else (0.85 if initial else 0.7), "wh" if initial else ("wh-late-last" if s == starts[-1] else "wh-late"))
        if words[k].w in WH:
            continue
        kind = _inversion(words, k, parsed, qmark, starts)
        if kind and not _echo(words[k:]):
            return Decision(True, kind, 0.95 if qmark else (0.85 if initial else 0.7), "inversion" if initial else ("inv-late-last" if s == starts[-1] else "inv-late"))
        kind = _request(rest)
        if kind:
            return Decision(True, kind, 0.9 if qmark else 0.8, "request")
    if _tag_question(words, starts, qmark):
        return Decision(True, "closed", 0.9 if qmark else 0.75, "tag")
    n_core = len(core.split())
    lead = _text([x for x in words if x.w not in ("and", "but", "oh", "well", "okay", "ok", "uh", "um")])
    if n_core >= 3 and (DECLARATIVE.match(lead) or SO_YOU_NOW.match(lead)):
        return Decision(True, "closed", 0.85 if qmark else 0.6, "declarative")
    if ELLIPTICAL.fullmatch(core):
        return Decision(True, "closed", 0.85 if qmark else 0.6, "elliptical")
    if qmark:
        if n_core < 2:
            return Decision(False, None, 0.0, "fragment")
        return Decision(True, "closed", 0.7, "qmark")
    if n_core < 3:
        return Decision(False, None, 0.0, "fragment")
    return _NO


def is_question(text: str, tokens: list[Token] | None = None) -> tuple[bool, str | None, float]:
    """Is ``text`` (one sentence) a question? Returns (is question, "open"/"closed" or None, score).

    ``tokens`` is the sentence's parse (a list of :class:`~callcoach.tagging.base.Token`); None
    or [] uses lexical rules only.
    """
    d = classify(text, tokens)
    return d.is_question, d.kind, d.score


# ------------------------------------------------------------------------------------------
# context: a question nobody was meant to answer
# ------------------------------------------------------------------------------------------

CONTEXT_RULES = frozenset({"wh", "tag"})
"""Rules whose unpunctuated questions :func:`in_context` may overturn."""


def _acknowledgement(text: str) -> bool:
    """ "uh-huh", "yeah, right", "oh okay": at most three words, all acknowledgements."""
    return is_backchannel(text, max_words=3)


def in_context(sentences: Sequence[tuple[str, str]], decisions: Sequence[Decision]) -> list[Decision]:
    """Overturn questions that the conversation shows were not asked (rhetorical in use).

    ``sentences`` are ``(speaker, text)`` in call order and ``decisions`` their
    :func:`classify` verdicts. A wh- or tag question without "?" (ASR heard no rising
    intonation) is rhetorical when nobody answers it:

    * the same speaker goes straight on with a statement of at least three words ("what do
      they get, nothing. They get nothing at all."), or
    * the other side only acknowledges it ("uh-huh", "yeah") and the speaker goes on with a
      statement.

    A real question is answered by the other side or followed by another question of the same
    speaker ("what do you use today, and who owns it?"). Inversion questions ("do you ...")
    and anything with "?" are kept: they are questions far more often than not even when the
    speaker carries on. The rule needs a punctuated transcript: where no sentence of the call
    ends in "?" (a recogniser or export that writes none), the missing "?" is no evidence and
    nothing is overturned. Measured on SwDA train (see ``bench/questions.py``): F1 0.829 ->
    0.833 as given; unchanged with every "?" removed.
    """
    out = list(decisions)
    n = len(out)
    if not any("?" in text for _, text in sentences):
        return out  # an unpunctuated transcript: a missing "?" says nothing about intonation
    for k, (d, (speaker, text)) in enumerate(zip(decisions, sentences)):
        if not d.is_question or d.rule.split("-")[0] not in CONTEXT_RULES or k + 1 >= n:
            continue
        if text.rstrip("\"')]} ").endswith("?"):
            continue
        nxt_speaker, nxt_text = sentences[k + 1]
        if nxt_speaker == speaker:
            j = k + 1
        elif _acknowledgement(nxt_text) and k + 2 < n and sentences[k + 2][0] == speaker:
            j = k + 2
        else:
            continue
        statement = not decisions[j].is_question and not _acknowledgement(sentences[j][1])
        if statement and len(re.findall(r"[a-z']+", sentences[j][1].lower())) >= 3:
            out[k] = Decision(False, None, 0.0, "unanswered")
    return out


# ------------------------------------------------------------------------------------------
# stage
# ------------------------------------------------------------------------------------------


class QuestionStage:
    """Tags each sentence (of any speaker) that is a question ``question.open`` or
    ``question.closed``; source ``rules+parse`` with a parser, else ``rules``."""

    name = "questions"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("question.",)

    def predict(self, ctx: TaggingContext) -> list[Tag]:
        parses = ctx.parses if ctx.parser is not None else [[] for _ in ctx.sentences]
        decisions = [classify(s.text, toks or None) for s, toks in zip(ctx.sentences, parses)]
        decisions = in_context([(s.speaker, s.text) for s in ctx.sentences], decisions)
        out: list[Tag] = []
        for sentence, toks, d in zip(ctx.sentences, parses, decisions):
            if d.is_question and d.kind:
                parsed = bool(toks) and any(t.pos for t in toks)
                out.append(sentence_tag(sentence, f"question.{d.kind}", d.score, "rules+parse" if parsed else "rules"))
        return out
