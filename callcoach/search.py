"""Search across calls: the moments (turns) whose words, tags, speaker and rep match a query.

Used by ``callcoach search RESULTS QUERY`` and by the review queue's search box, so both find the
same moments. It reads the stored ``<stem>.callcoach.json`` analyses only (never audio, never a
model), with a coach's corrections from ``<stem>.review.json`` applied where a call was reviewed
(a tag a coach added is found, one removed is not; a role swap changes who said it).

    query      words, case-insensitive, each a whole word: ``competitor`` matches "Competitor,"
               but not "competitors"; ``compet*`` matches any word starting so; several words
               must all be in the turn, in any order; a "quoted phrase" must be there as written
               (punctuation between its words ignored).
    --tag      a label (``objection.price``) or a family (``objection``: every objection.*);
               several: a turn with any of them. An unknown label is refused, with the closest
               known one.
    --rep      the call's rep (the ``rep`` of its metadata, else the enrolled rep's name),
               case-insensitive.
    --speaker  ``rep`` or ``customer``: who said it.

Each moment links to the call's scorecard page with a fragment its player reads:
``#t=65.200&u=12`` seeks the recording to 65.2 s and shows turn 12 (``#u-12`` for a turn without
times); the review app's call page reads the same fragment.

Speed: a file whose bytes lack a query word, the tag or the rep (compared in lower case) is never
parsed; a turn is split into words only when its lower-cased text holds every query word.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote

from callcoach.errors import CallcoachError

ANALYSIS_SUFFIX = ".callcoach.json"
SCORECARD_SUFFIX = ".scorecard.html"
SIDECAR_SUFFIX = ".review.json"
#: Tag families a ``--tag`` may name on its own (every label of the family).
FAMILIES = ("question", "spin", "objection", "tracker", "outcome")
ROLES = ("rep", "customer")
#: Characters of context shown around the first match of a long turn on the terminal.
SNIPPET_CHARS = 200

#: A word: letters and digits, with inner apostrophes ("don't", "customer's").
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_QUOTED = re.compile(r"[\"\u201c\u201d]([^\"\u201c\u201d]*)(?:[\"\u201c\u201d]|$)")
_LABEL_IN_JSON = re.compile(rb'"label":\s*"([a-z_]+\.[a-z_]+)"')
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


class SearchError(CallcoachError):
    """A query that cannot be run: nothing to search for, an unknown tag or speaker."""


def _norm(word: str) -> str:
    return word.lower().replace("\u2019", "'")


# ------------------------------------------------------------------------------------------
# The query


@dataclass(frozen=True, slots=True)
class Term:
    """One thing the turn must say: a word, or a phrase (several words in a row). With
    ``prefix`` the last word matches any word starting with it (``compet*``)."""

    words: tuple[str, ...]
    prefix: bool = False

    def __str__(self) -> str:
        text = " ".join(self.words) + ("*" if self.prefix else "")
        return f'"{text}"' if len(self.words) > 1 else text


def parse_terms(text: str) -> tuple[Term, ...]:
    """The terms of a query: each "quoted phrase", then each other word (a word with inner
    punctuation, ``follow-up``, is a phrase of its parts). An unclosed quote runs to the end."""
    terms: list[Term] = []
    rest: list[str] = []
    pos = 0
    for m in _QUOTED.finditer(text):
        rest.append(text[pos : m.start()])
        pos = m.end()
        term = _term(m.group(1))
        if term is not None:
            terms.append(term)
    rest.append(text[pos:])
    for chunk in " ".join(rest).split():
        term = _term(chunk)
        if term is not None:
            terms.append(term)
    return tuple(dict.fromkeys(terms))


def _term(chunk: str) -> Term | None:
    words = tuple(_norm(w) for w in _WORD.findall(chunk))
    if not words:
        return None
    return Term(words, prefix=chunk.rstrip().endswith("*"))


def builtin_labels() -> tuple[str, ...]:
    """Every label the tagger writes: questions, SPIN stages, objection types, built-in trackers
    and call outcomes (a team's own ``tracker.<name>`` comes on top, from its analyses)."""
    from callcoach.tagging.features import OBJECTION_TYPES, SPIN_STAGES, TRACKERS

    return (
        ("question.open", "question.closed")
        + tuple(f"spin.{s}" for s in SPIN_STAGES)
        + tuple(f"objection.{t}" for t in OBJECTION_TYPES)
        + tuple(f"tracker.{t}" for t in TRACKERS)
        + ("outcome.advance", "outcome.continuation", "outcome.no_sale")
    )


def normalise_tag(tag: str) -> str:
    """A ``--tag`` as matched: lower case, ``objection.*`` and ``objection.`` are ``objection``."""
    tag = tag.strip().lower()
    for suffix in (".*", "."):
        tag = tag.removesuffix(suffix)
    return tag


def is_team_tracker(tag: str) -> bool:
    """Whether ``tag`` could be a team's own tracker (``tracker.security``): known only from the
    analyses that carry it."""
    family, dot, name = tag.partition(".")
    return family == "tracker" and bool(dot) and re.fullmatch(r"[a-z_]+", name) is not None


def check_tag(tag: str, seen: Iterable[str] = ()) -> str:
    """``tag`` normalised if it is a family, a built-in label, a label found in the analyses
    (``seen``) or a possible team tracker; else SearchError with the closest known label."""
    norm = normalise_tag(tag)
    known = builtin_labels()
    seen = set(seen)
    if norm in FAMILIES or norm in known or norm in seen or is_team_tracker(norm):
        return norm
    raise SearchError(unknown_tag_message(tag, known + tuple(sorted(seen - set(known)))))


def unknown_tag_message(tag: str, known: Sequence[str], why: str = "unknown tag") -> str:
    """``unknown tag 'objection.pricing' (did you mean 'objection.price'?); ...`` in one line."""
    from callcoach.rubric import did_you_mean

    norm = normalise_tag(tag)
    hint = did_you_mean(norm, [*known, *FAMILIES])
    labels = ", ".join(known)
    return (
        f"{why} {tag!r}{hint}; give a family ({', '.join(FAMILIES)}) or a label: {labels} "
        "(a team's own tracker is tracker.<name>, as its rubric names it)"
    )


@dataclass(frozen=True, slots=True)
class Query:
    """What a moment must match: every term, any of the tags, the speaker's role, the call's rep."""

    terms: tuple[Term, ...] = ()
    tags: tuple[str, ...] = ()
    rep: str | None = None
    speaker: str | None = None

    @property
    def empty(self) -> bool:
        return not self.terms and not self.tags

    def describe(self) -> str:
        """The query in words, for messages: ``competitor tagged objection.* in calls of rep dana``."""
        parts = [" ".join(str(t) for t in self.terms)] if self.terms else []
        if self.tags:
            parts.append("tagged " + " or ".join(t if "." in t else f"{t}.*" for t in self.tags))
        if self.speaker:
            parts.append(f"said by the {self.speaker}")
        if self.rep:
            parts.append(f"in calls of rep {self.rep}")
        return " ".join(parts) or "everything"


def make_query(
    text: str = "",
    tags: Sequence[str] = (),
    rep: str | None = None,
    speaker: str | None = None,
    *,
    seen_labels: Iterable[str] = (),
) -> Query:
    """A checked :class:`Query`.

    Raises:
        SearchError: an unknown tag (with "did you mean"), an unknown speaker role, or nothing to
            search for (no word and no tag).
    """
    terms = parse_terms(text or "")
    if (text or "").strip() and not terms:
        raise SearchError(f"nothing to search for in {text!r}: give words (letters or digits)")
    seen = tuple(seen_labels)
    checked = tuple(dict.fromkeys(check_tag(t, seen) for t in tags if t.strip()))
    role = (speaker or "").strip().lower() or None
    if role is not None and role not in ROLES:
        raise SearchError(f"unknown speaker {speaker!r}: give rep or customer")
    query = Query(terms, checked, (rep or "").strip() or None, role)
    if query.empty:
        raise SearchError("nothing to search for: give words (QUERY) or a tag (--tag objection.price)")
    return query


# ------------------------------------------------------------------------------------------
# What is searched: each call's turns


class Turn(NamedTuple):
    """One utterance as search sees it; ``tags`` are (label, character span or None). A named
    tuple: a thousand calls hold hundreds of thousands of them, made in bulk."""

    id: int
    speaker: str
    role: str
    start: float | None
    end: float | None
    text: str
    tags: tuple[tuple[str, tuple[int, int] | None], ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(label for label, _ in self.tags))


@dataclass(frozen=True, slots=True)
class CallTurns:
    """A call's turns and what a moment's line names: its key (the analysis path under the
    results folder, less ``.callcoach.json``), id, rep, analysis and scorecard files."""

    key: str
    call_id: str
    rep: str | None
    analysis: Path
    scorecard: Path | None
    turns: tuple[Turn, ...]
    #: Whether a coach's corrections (from the review sidecar) were applied.
    corrected: bool = False

    @property
    def labels(self) -> set[str]:
        return {label for t in self.turns for label, _ in t.tags}


def _span(value: Any) -> tuple[int, int] | None:
    if isinstance(value, (list, tuple)) and len(value) == 2:
        return int(value[0]), int(value[1])
    return None


def _time(value: Any) -> float | None:
    if value is None or type(value) is float:
        return value
    if type(value) is int:
        return float(value)
    raise TypeError(f"a time must be a number, not {value!r}")


def turns_of_json(data: dict[str, Any]) -> tuple[Turn, ...]:
    """The turns of an analysis in its JSON form (no :class:`~callcoach.call.Call` is built: the
    words are never read). Raises KeyError, TypeError or ValueError for a malformed one."""
    roles = {str(s["id"]): str(s.get("role") or "unknown") for s in data.get("speakers") or ()}
    out = []
    for u in data["utterances"]:  # the common types pass as they are: this loop runs for every turn
        speaker, text, uid = u["speaker"], u["text"], u["id"]
        if type(speaker) is not str or type(text) is not str or type(uid) is not int:
            speaker, text, uid = str(speaker), str(text), int(uid)
        tags = u.get("tags")
        if tags:
            tags = tuple(
                (sys.intern(str(t["label"])), _span(t.get("span"))) for t in tags
            )  # shared: the cache keeps them
        out.append(
            Turn(
                uid,
                speaker,
                roles.get(speaker, "unknown"),
                _time(u.get("start")),
                _time(u.get("end")),
                text,
                tags or (),
            )
        )
    return tuple(out)


def turns_of_call(call: Any) -> tuple[Turn, ...]:
    """The turns of a :class:`~callcoach.call.Call` (a corrected one)."""
    return tuple(
        Turn(u.id, u.speaker, call.role_of(u.speaker), u.start, u.end, u.text, tuple((t.label, t.span) for t in u.tags))
        for u in call.utterances
    )


def call_rep(data: dict[str, Any]) -> str | None:
    """The call's rep by name: its metadata's ``rep`` (manifest or folder), else the enrolled
    rep's name (as the team report names it)."""
    rep = (data.get("meta") or {}).get("rep") or (data.get("roles") or {}).get("name")
    return None if rep is None else str(rep)


_WORDS_KEY = b'"words": ['


def without_words(raw: bytes) -> bytes | None:
    """``raw`` (an analysis as ``analyze`` writes it, indented) with every utterance's ``words``
    list emptied, or None where that layout is not found. The words are four fifths of an
    analysis and search never reads them: parsing the rest is four times faster. Each list
    ends at the first line break indented as its key's line followed by ``]``: a raw line
    break is never inside a JSON string, so that bracket is the list's own."""
    parts, pos = [], 0
    while (i := raw.find(_WORDS_KEY, pos)) >= 0:
        j = i + len(_WORDS_KEY)
        if raw[j : j + 1] == b"]":  # already empty
            parts.append(raw[pos : j + 1])
            pos = j + 1
            continue
        indent = raw[raw.rfind(b"\n", 0, i) + 1 : i]
        if not indent or indent.strip(b" "):
            return None
        end = raw.find(b"\n" + indent + b"]", j)
        if end < 0:
            return None
        parts += [raw[pos:j], b"]"]
        pos = end + len(indent) + 2
    parts.append(raw[pos:])
    return b"".join(parts)


def parse_analysis(raw: bytes) -> Any:
    """The JSON of an analysis, its words left out where :func:`without_words` can (else all of
    it: a hand-written or compact file parses as it is). Raises ValueError for bad JSON."""
    stripped = without_words(raw)
    if stripped is not None:
        try:
            return json.loads(stripped)
        except ValueError:
            pass  # not the layout it looked like: parse the whole file, which names the error
    return json.loads(raw)


class Unreadable(Exception):
    """An analysis search cannot read; the message says why and what to do."""


def _check_analysis(data: Any) -> dict[str, Any]:
    from callcoach.call import SCHEMA

    if not isinstance(data, dict) or not isinstance(data.get("utterances"), list):
        raise Unreadable("not a callcoach analysis (no utterances); analyse the call again")
    if data.get("schema") != SCHEMA:
        raise Unreadable(
            f"unsupported analysis schema {data.get('schema')!r}; analyse the call again with this version"
        )
    return data


def _corrections(sidecar: Path) -> list[Any]:
    """The coach's corrections in a review sidecar (none if there is no sidecar)."""
    try:
        raw = sidecar.read_bytes()
    except FileNotFoundError:
        return []
    side = json.loads(raw)
    if not isinstance(side, dict):
        raise TypeError("not a review sidecar")
    items = side.get("corrections") or []
    if not items:
        return []
    from callcoach.review.corrections import Correction

    return [Correction.from_dict(c) for c in items]


def load_call(
    key: str, analysis: Path, raw: bytes | None = None, *, warn: Callable[[str], None] | None = None
) -> CallTurns:
    """The turns of the analysis at ``analysis`` (``raw``: its bytes, when already read), with
    the corrections of its review sidecar applied.

    Raises:
        Unreadable: not a readable analysis of this version (the message says what to do).
    """
    try:
        data = _check_analysis(parse_analysis(analysis.read_bytes() if raw is None else raw))
        turns = turns_of_json(data)
    except Unreadable:
        raise
    except OSError as exc:
        raise Unreadable(f"cannot be read ({exc.strerror or exc})") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise Unreadable(
            f"not a readable callcoach analysis ({type(exc).__name__}: {exc}); analyse the call again"
        ) from None
    corrected = False
    stem = analysis.name[: -len(ANALYSIS_SUFFIX)] if analysis.name.endswith(ANALYSIS_SUFFIX) else analysis.stem
    sidecar = analysis.with_name(stem + SIDECAR_SUFFIX)
    try:
        corrections = _corrections(sidecar)
        if corrections:
            from callcoach.call import Call
            from callcoach.review.rescore import correct

            fixed, applied, _ = correct(Call.from_dict(data), corrections)
            if applied:
                turns, corrected = turns_of_call(fixed), True
    except (OSError, ValueError, KeyError, TypeError, CallcoachError) as exc:
        if warn is not None:
            warn(
                f"{sidecar}: the coach's corrections are not applied ({type(exc).__name__}: {exc}); searching the machine's tags"
            )
    page = analysis.with_name(stem + SCORECARD_SUFFIX)
    return CallTurns(
        key=key, call_id=str(data.get("id") or stem), rep=call_rep(data), analysis=analysis,
        scorecard=page if page.is_file() else None, turns=turns, corrected=corrected,
    )  # fmt: skip


def analyses(results: Path) -> list[tuple[str, Path]]:
    """Every ``*.callcoach.json`` under ``results`` as (key, path), by key; hidden folders and
    files are left out, as the review queue does. ``results`` may be one analysis file.

    Raises:
        SearchError: ``results`` is neither a folder nor an analysis file.
    """
    results = Path(results)
    if results.is_file() and results.name.endswith(ANALYSIS_SUFFIX):
        return [(results.name[: -len(ANALYSIS_SUFFIX)], results)]
    if not results.is_dir():
        what = "is not a folder" if results.exists() else "no such folder"
        raise SearchError(f"{results}: {what} (give a results folder of callcoach analyze --out or batch --out)")
    found = []
    for root, dirs, files in os.walk(results):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.endswith(ANALYSIS_SUFFIX) and not name.startswith("."):
                path = Path(root) / name
                found.append((path.relative_to(results).as_posix()[: -len(ANALYSIS_SUFFIX)], path))
    return sorted(found)


# ------------------------------------------------------------------------------------------
# Matching


def _occurrences(term: Term, words: Sequence[tuple[str, int, int]]) -> list[tuple[int, int]]:
    """The character spans where ``term`` occurs among ``words`` (word, start, end)."""
    n = len(term.words)
    out = []
    for i in range(len(words) - n + 1):
        ok = True
        for j, want in enumerate(term.words):
            have = words[i + j][0]
            last = j == n - 1
            if not (have == want or (last and term.prefix and have.startswith(want))):
                ok = False
                break
        if ok:
            out.append((words[i][1], words[i + n - 1][2]))
    return out


def _merge(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[list[int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return tuple((a, b) for a, b in out)


def _tag_matches(label: str, tags: Sequence[str]) -> bool:
    return any(label == t or label.startswith(t + ".") for t in tags)


def match_turn(query: Query, turn: Turn) -> tuple[tuple[int, int], ...] | None:
    """The spans of ``turn``'s text to highlight if it matches ``query`` (the words found; with
    no words, the spans of the matching tags), else None. The rep is a call's, not a turn's:
    see :func:`search_call`."""
    if query.speaker is not None and turn.role != query.speaker:
        return None
    tag_spans: list[tuple[int, int]] = []
    if query.tags:
        matched = [span for label, span in turn.tags if _tag_matches(label, query.tags)]
        if not matched:
            return None
        tag_spans = [s for s in matched if s is not None]
    if not query.terms:
        n = len(turn.text)
        return _merge((max(0, a), min(n, b)) for a, b in tag_spans if min(n, b) > max(0, a))
    low = _norm(turn.text)
    if any(w not in low for t in query.terms for w in t.words):  # cheap: most turns stop here
        return None
    words = [(_norm(m.group()), m.start(), m.end()) for m in _WORD.finditer(turn.text)]
    spans: list[tuple[int, int]] = []
    for term in query.terms:
        found = _occurrences(term, words)
        if not found:
            return None
        spans.extend(found)
    return _merge(spans)


def rep_matches(query: Query, rep: str | None) -> bool:
    return query.rep is None or (rep is not None and rep.strip().casefold() == query.rep.casefold())


# ------------------------------------------------------------------------------------------
# Moments


def fmt_clock(t: float | None) -> str:
    """``m:ss`` (``h:mm:ss`` from an hour on); ``-:--`` for a turn without times."""
    from callcoach.report.html import fmt_time

    return fmt_time(t) or "-:--"


def fragment(turn: Turn) -> str:
    """The URL fragment that plays ``turn``: ``#t=65.200&u=12`` (seek there, show the turn), or
    ``#u-12`` (show the turn) when it has no times. The scorecard page and the review app's call
    page both read it."""
    if turn.start is None:
        return f"#u-{turn.id}"
    return f"#t={turn.start:.3f}&u={turn.id}"


def review_path(key: str, turn: Turn) -> str:
    """The review app's call page at ``turn``: ``/call/alice/call-7#t=65.200&u=12``."""
    return f"/call/{quote(key, safe='/')}{fragment(turn)}"


@dataclass(frozen=True, slots=True)
class Hit:
    """A moment found: the call, the turn and the spans of its text that matched."""

    call: CallTurns
    turn: Turn
    spans: tuple[tuple[int, int], ...]

    @property
    def time(self) -> str:
        return fmt_clock(self.turn.start)

    @property
    def link(self) -> str | None:
        """A ``file://`` URL of the scorecard page that plays the moment; None without a page."""
        if self.call.scorecard is None:
            return None
        return self.call.scorecard.resolve().as_uri() + fragment(self.turn)

    @property
    def review(self) -> str:
        return review_path(self.call.key, self.turn)

    def to_dict(self, review_url: str | None = None) -> dict[str, Any]:
        """The ``--json`` line of the moment."""
        t = self.turn
        d: dict[str, Any] = {
            "type": "moment", "key": self.call.key, "call": self.call.call_id, "rep": self.call.rep,
            "utterance_id": t.id, "start": None if t.start is None else round(t.start, 3),
            "end": None if t.end is None else round(t.end, 3), "time": self.time, "speaker": t.speaker,
            "role": t.role, "tags": list(t.labels), "text": t.text, "matches": [list(s) for s in self.spans],
            "analysis": str(self.call.analysis), "scorecard": None if self.call.scorecard is None else str(self.call.scorecard),
            "link": self.link, "review": self.review, "corrected": self.call.corrected,
        }  # fmt: skip
        if review_url:
            d["review_url"] = review_url.rstrip("/") + self.review
        return d


def search_call(query: Query, call: CallTurns) -> list[Hit]:
    """The moments of one call that match ``query``, in call order."""
    if not rep_matches(query, call.rep):
        return []
    out = []
    for turn in call.turns:
        spans = match_turn(query, turn)
        if spans is not None:
            out.append(Hit(call, turn, spans))
    return out


def _needles(query: Query) -> tuple[list[bytes], bytes | None]:
    """Lower-case byte strings every matching analysis file holds (a file without one of them
    is never parsed): the ASCII query words and the rep; and the tag, which a coach may have
    added in the review sidecar instead."""
    out = []
    for term in query.terms:  # "it's" may be written "it’s": its parts are in the file either way
        out.extend(part.encode() for w in term.words if w.isascii() for part in w.split("'") if part)
    if query.rep is not None and query.rep.isascii() and '"' not in query.rep and "\\" not in query.rep:
        out.append(query.rep.lower().encode())
    tag = None
    if len(query.tags) == 1 and query.tags[0].isascii():
        tag = (f'"{query.tags[0]}"' if "." in query.tags[0] else f'"{query.tags[0]}.').encode()
    return out, tag


def _screened_out(path: Path, raw: bytes, needles: tuple[list[bytes], bytes | None]) -> bool:
    """Whether the analysis ``raw`` (at ``path``) cannot hold a match (see :func:`_needles`)."""
    words, tag = needles
    if not words and tag is None:
        return False
    low = raw.lower()
    if any(n not in low for n in words):
        return True
    if tag is None or tag in raw:
        return False
    sidecar = path.with_name(path.name[: -len(ANALYSIS_SUFFIX)] + SIDECAR_SUFFIX)
    try:
        return tag not in sidecar.read_bytes()
    except OSError:
        return True


@dataclass(slots=True)
class SearchResult:
    """What :func:`search` found: the moments, how many analyses were searched and read, the
    ones it could not read, and the labels seen in them (for a team tracker's check)."""

    hits: list[Hit] = field(default_factory=list)
    searched: int = 0
    parsed: int = 0
    unreadable: list[tuple[Path, str]] = field(default_factory=list)
    labels: set[str] = field(default_factory=set)
    limited: bool = False

    @property
    def calls(self) -> int:
        return len({h.call.key for h in self.hits})


#: Analyses one worker process searches at a time (``search(..., workers=N)``).
CHUNK = 25


def default_workers(files: int) -> int:
    """Worker processes for searching ``files`` analyses: one per core up to 8, none (this
    process) for under a hundred files, where starting them costs more than they save."""
    return max(1, min(os.cpu_count() or 1, 8, files // 50)) if files >= 100 else 1


def search(
    items: Iterable[tuple[str, Path]],
    query: Query,
    *,
    limit: int | None = None,
    warn: Callable[[str], None] | None = None,
    collect_labels: bool = False,
    load: Callable[[str, Path], CallTurns] | None = None,
    workers: int | None = 1,
) -> SearchResult:
    """The moments of the analyses ``items`` ((key, path), see :func:`analyses`) that match
    ``query``, call by call in the order given, stopping at ``limit`` moments.

    An analysis that cannot be read is skipped and named through ``warn`` (one line each).
    ``collect_labels`` also gathers every tag label of every file (a cheap scan of its bytes),
    to tell a team's own tracker from a misspelt one. ``load`` replaces :func:`load_call`
    (the review app passes its cache; files are then not pre-screened, and read here).
    ``workers`` > 1 searches in that many processes, ``CHUNK`` files at a time, with the same
    moments in the same order; None: :func:`default_workers`.
    """
    items = list(items)
    if workers is None:
        workers = default_workers(len(items))
    if load is not None or workers <= 1 or len(items) <= CHUNK:
        return _search_here(items, query, limit=limit, warn=warn, collect_labels=collect_labels, load=load)
    from concurrent.futures import ProcessPoolExecutor

    result = SearchResult()
    chunks = [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]
    pool = ProcessPoolExecutor(min(workers, len(chunks)))
    try:
        futures = [pool.submit(_search_chunk, chunk, query, limit, collect_labels) for chunk in chunks]
        for i, future in enumerate(futures):
            part, lines = future.result()
            for line in lines:
                if warn is not None:
                    warn(line)
            result.searched += part.searched
            result.parsed += part.parsed
            result.unreadable += part.unreadable
            result.labels |= part.labels
            room = None if limit is None else limit - len(result.hits)
            if room is not None and (len(part.hits) > room or part.limited):
                result.hits += part.hits[:room]
                result.limited = True
                break
            result.hits += part.hits
            if limit is not None and len(result.hits) >= limit and i < len(futures) - 1:
                result.limited = True
                break
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return result


def _search_chunk(
    items: list[tuple[str, Path]], query: Query, limit: int | None, collect_labels: bool
) -> tuple[SearchResult, list[str]]:
    """One worker's part of :func:`search`: its moments (their calls without the turns, which
    need not travel back) and its warnings."""
    from dataclasses import replace

    lines: list[str] = []
    part = _search_here(items, query, limit=limit, warn=lines.append, collect_labels=collect_labels)
    light: dict[str, CallTurns] = {}
    part.hits = [Hit(light.setdefault(h.call.key, replace(h.call, turns=())), h.turn, h.spans) for h in part.hits]
    return part, lines


def _search_here(
    items: Iterable[tuple[str, Path]],
    query: Query,
    *,
    limit: int | None,
    warn: Callable[[str], None] | None,
    collect_labels: bool,
    load: Callable[[str, Path], CallTurns] | None = None,
) -> SearchResult:
    """:func:`search` in this process."""
    result = SearchResult()
    needles = _needles(query)
    for key, path in items:
        if limit is not None and len(result.hits) >= limit:
            result.limited = True
            break
        result.searched += 1
        try:
            if load is not None:
                call = load(key, path)
            else:
                raw = path.read_bytes()
                if collect_labels:
                    result.labels.update(m.decode() for m in _LABEL_IN_JSON.findall(raw))
                if _screened_out(path, raw, needles):
                    continue
                call = load_call(key, path, raw, warn=warn)
        except OSError as exc:
            _unreadable(result, path, f"cannot be read ({exc.strerror or exc})", warn)
            continue
        except Unreadable as exc:
            _unreadable(result, path, str(exc), warn)
            continue
        result.parsed += 1
        if collect_labels:
            result.labels |= call.labels
        hits = search_call(query, call)
        if limit is not None and len(hits) > limit - len(result.hits):
            hits = hits[: limit - len(result.hits)]
            result.limited = True
        result.hits.extend(hits)
    return result


def _unreadable(result: SearchResult, path: Path, why: str, warn: Callable[[str], None] | None) -> None:
    result.unreadable.append((path, why))
    if warn is not None:
        warn(f"{path}: {why}; skipped")


class TurnCache:
    """Calls' turns kept between searches (the review app): a call is read again only when its
    analysis or review sidecar changed (by size and modification time)."""

    def __init__(self) -> None:
        self._calls: dict[str, tuple[tuple[str, str], CallTurns]] = {}

    @staticmethod
    def _stamp(path: Path) -> str:
        try:
            st = path.stat()
        except OSError:
            return ""
        return f"{st.st_mtime_ns}:{st.st_size}"

    def load(
        self, key: str, path: Path, raw: bytes | None = None, warn: Callable[[str], None] | None = None
    ) -> CallTurns:
        stem = path.name[: -len(ANALYSIS_SUFFIX)]
        stamps = (self._stamp(path), self._stamp(path.with_name(stem + SIDECAR_SUFFIX)))
        cached = self._calls.get(key)
        if cached is not None and cached[0] == stamps:
            return cached[1]
        call = load_call(key, path, raw, warn=warn)
        self._calls[key] = (stamps, call)
        return call

    def labels(self) -> set[str]:
        """Every label of the calls read so far."""
        return {label for _, call in self._calls.values() for label in call.labels}


# ------------------------------------------------------------------------------------------
# Showing a moment


def snippet(
    text: str, spans: Sequence[tuple[int, int]], width: int = SNIPPET_CHARS
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """``text`` cut to about ``width`` characters around its first span (``…`` where cut), with the
    spans moved to match; control characters (a terminal's escape sequences) become spaces."""
    text = printable(text)
    if len(text) <= width:
        return text, tuple(spans)
    first = spans[0][0] if spans else 0
    lo = max(0, min(first - width // 3, len(text) - width))
    hi = min(len(text), lo + width)
    if lo > 0:  # start at a word
        space = text.find(" ", lo, max(lo, first))
        lo = space + 1 if space >= 0 else lo
    cut = text[lo:hi]
    head, tail = ("…" if lo > 0 else ""), ("…" if hi < len(text) else "")
    shift = len(head) - lo
    moved = tuple((max(0, a + shift), min(len(cut) + len(head), b + shift)) for a, b in spans if b > lo and a < hi)
    return head + cut + tail, moved


def printable(text: str) -> str:
    """``text`` with control characters (a terminal's escape sequences, line breaks) as spaces."""
    return _CONTROL.sub(lambda m: " " * len(m.group()), text)


def highlight_html(text: str, spans: Sequence[tuple[int, int]], tag: str = "mark") -> str:
    """``text`` as HTML with each span in a ``<mark>``; every piece escaped."""
    out, pos = [], 0
    for a, b in _merge(spans):
        a, b = max(pos, a), min(len(text), b)
        if b <= a:
            continue
        out.append(escape(text[pos:a]))
        out.append(f"<{tag}>{escape(text[a:b])}</{tag}>")
        pos = b
    out.append(escape(text[pos:]))
    return "".join(out)


def iter_pieces(text: str, spans: Sequence[tuple[int, int]]) -> Iterator[tuple[str, bool]]:
    """``text`` in pieces, each with whether it is inside a span (for a terminal's bold)."""
    pos = 0
    for a, b in _merge(spans):
        a, b = max(pos, a), min(len(text), b)
        if b <= a:
            continue
        if a > pos:
            yield text[pos:a], False
        yield text[a:b], True
        pos = b
    if pos < len(text):
        yield text[pos:], False
