"""Redaction measured on ``data/redaction-eval`` (short calls written by this project, labelled
with the personal data in each turn and the hard negatives that must survive).

    python -m bench.redaction [--split dev|test] [--form written|asr|both] [--misses N] [--show]

Each call becomes a :class:`callcoach.call.Call` (utterances with text only, no words or times;
speakers ``rep`` and ``customer``) in its ``written`` form and in its ``asr`` form, and goes
through :func:`callcoach.redact.redact_call`. When that function takes an entity selection
(a parameter named ``entities``, ``kinds`` or ``types``) the bench asks for every type below;
otherwise, or when the selection is refused, it calls it as it is (the header says which).

Each output utterance is aligned with its input token by token (whitespace tokens,
:class:`difflib.SequenceMatcher`): a token of the input that is in an ``equal`` block
*survived*; a placeholder (``[CARD]``, ``[NAME]`` ... any ``[UPPER]`` word) in a changed block
*replaced* the input tokens of that block.

A labelled value is

* **left whole** when the value string is still in the output utterance, or every token it
  touches survived;
* **leaked** (partially) when it is not left whole but what survived of it, read as runs of
  consecutive surviving tokens (each clipped to the value), still gives it away: a run that
  holds 3 or more of its digits (numerals, and number words: ``oh`` 1, ``double five`` 2,
  ``forty-one`` 2, ``third`` 1), 3 or more spelled single letters (``S M I``), or, for person,
  address and e-mail values, a word of 2+ letters that is not a function word (``Mr``, ``of``,
  ``street``, ``apartment``, ``at``, ``dot``, ``gmail``, ``com`` ...; for IBANs and ids, a
  letter group of 3+ such as a bank code);
* **removed** otherwise.

Columns: **recall** = removed / labelled values; **typed recall** = removed and the type's
placeholder (``[CARD]``, ``[CVV]``, ``[EXPIRY]``, ``[IBAN]``, ``[ACCOUNT]``, ``[ROUTING]``,
``[DOB]``, ``[ADDRESS]``, ``[NAME]``, ``[EMAIL]``, ``[PHONE]``, ``[ID]``) appears in that
utterance; **leaked** and **whole** count the other two outcomes. **placeholders**: how many of
the type's placeholder the redactor wrote; **precision** = the share of them whose replaced
input overlaps any labelled value of that utterance (so a ``[CARD]`` over an expiry date counts
as a hit here), **typed precision** = overlaps a value of the type the placeholder stands for.
A placeholder over unlabelled text (a price, a company's name) is a false alarm; one that
covers only text listed in the turn's ``ignore`` (a city or state beside an address, neither
required nor forbidden) is left out of the counts.
Person names are split into customers and third parties (``person``) and the rep introducing
themself (``person (rep name)``, labelled with ``rep_name``); the ``all`` row leaves rep names out.
**keep rate** = hard negatives (``keep``: prices, quantities, dates, times, years, order and
ticket numbers, product names, percentages, the last four digits of a card) still present
verbatim in their utterance.

The dev split is for tuning: misses, dropped keeps and false alarms are listed (first
``--misses`` of each). The test split prints counts only, unless ``--show``.
"""

from __future__ import annotations

import argparse
import difflib
import inspect
import json
import re
import sys
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data" / "redaction-eval"
TYPES = ("card", "cvv", "expiry", "iban", "account", "routing", "dob", "address", "person", "email", "phone", "id")
PLACEHOLDER = {"card": "[CARD]", "cvv": "[CVV]", "expiry": "[EXPIRY]", "iban": "[IBAN]", "account": "[ACCOUNT]",
               "routing": "[ROUTING]", "dob": "[DOB]", "address": "[ADDRESS]", "person": "[NAME]", "email": "[EMAIL]",
               "phone": "[PHONE]", "id": "[ID]"}
FORMS = ("written", "asr")
SPLITS = ("dev", "test", "dev2", "dev3", "dev4", "holdout", "holdout2", "holdout3", "holdout4")
TUNING = ("dev", "dev2", "dev3", "dev4")  # the splits whose misses are listed
_TOKEN = re.compile(r"\S+")
_PLACEHOLDER = re.compile(r"\[[A-Z][A-Z_]*\]")
_PIECE = re.compile(r"[^\W_]+")

_UNITS = {"zero", "oh", "o", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
_TEENS = {"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
_TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
_ORD1 = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"}
_ORD2 = {"tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
         "eighteenth", "nineteenth", "twentieth", "thirtieth"}
_NUMBER_WORDS = _UNITS | _TEENS | _TENS | _ORD1 | _ORD2 | {"double", "triple", "hundred", "thousand"}
_FUNCTION = {"the", "of", "and", "in", "on", "at", "as", "a", "an", "is", "it", "its", "to", "for", "my", "no", "number",
             "dash", "slash", "dot", "hyphen", "underscore", "space", "uh", "um", "er", "st", "nd", "rd", "th"}
_PERSON_STOP = _FUNCTION | {"mr", "mrs", "ms", "miss", "dr", "van", "der", "de", "von", "la", "le", "o"}
_ADDRESS_STOP = _FUNCTION | {
    "street", "avenue", "drive", "lane", "road", "court", "boulevard", "way", "place", "close", "crescent", "gardens",
    "terrace", "mews", "apt", "apartment", "unit", "suite", "flat", "floor", "rue", "calle", "via", "des", "du", "del",
    "la", "de", "dei", "zip", "postcode"}
_EMAIL_STOP = _FUNCTION | {"com", "net", "org", "co", "uk", "me", "de", "fr", "io", "gmail", "googlemail", "yahoo",
                           "hotmail", "outlook", "icloud", "aol", "proton", "web", "orange", "mail", "email", "all",
                           "lowercase"}
_ID_STOP = _FUNCTION | {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
                        "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango",
                        "uniform", "victor", "whiskey", "xray", "yankee", "zulu"}


def split_of(call_id: str) -> str:
    """The fixed split of a call: CRC-32 of its id, even -> dev, odd -> test (as in make.py)."""
    return "dev" if zlib.crc32(call_id.encode()) % 2 == 0 else "test"


def load(split: str, data: Path = DATA) -> list[dict]:
    """The calls of one split, as written by ``data/redaction-eval/make.py``."""
    path = data / f"{split}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# ------------------------------------------------------------------------------------------
# Scoring one utterance


@dataclass(frozen=True)
class Alignment:
    """Which input tokens survived, and what each placeholder of the output replaced."""

    tokens: list[tuple[int, int]]  # input token character spans
    survived: frozenset[int]  # indices into tokens
    placeholders: list[tuple[str, tuple[int, int] | None]]  # (placeholder, input characters replaced)


def align(text_in: str, text_out: str) -> Alignment:
    a = [(m.start(), m.end()) for m in _TOKEN.finditer(text_in)]
    b = [m.group() for m in _TOKEN.finditer(text_out)]
    sm = difflib.SequenceMatcher(None, [text_in[s:e] for s, e in a], b, autojunk=False)
    survived: set[int] = set()
    placeholders: list[tuple[str, tuple[int, int] | None]] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            survived.update(range(i1, i2))
            continue
        span = (a[i1][0], a[i2 - 1][1]) if i2 > i1 else None
        for tok in b[j1:j2]:
            placeholders.extend((m.group(), span) for m in _PLACEHOLDER.finditer(tok))
    return Alignment(a, frozenset(survived), placeholders)


def count_digits(words: Sequence[str]) -> int:
    """Digits said or written in a run of word pieces: ``4111`` 4, ``oh`` 1, ``double five`` 2,
    ``forty-one`` (two pieces) 2, ``forty`` 2, ``third`` 1, ``3rd`` 1, ``NG5`` 1."""
    n = 0
    for i, w in enumerate(words):
        lw = w.lower()
        nxt = words[i + 1].lower() if i + 1 < len(words) else ""
        if lw in _TENS:
            n += 1 if nxt in _UNITS - {"o", "oh", "zero"} or nxt in _ORD1 else 2
        elif lw in _UNITS or lw in _ORD1:
            n += 1
        elif lw in _TEENS or lw in _ORD2:
            n += 2
        elif lw == "double":
            n += 1
        elif lw == "triple":
            n += 2
        elif lw in ("hundred", "thousand"):
            n += 2 if lw == "hundred" else 3
        else:
            n += sum(ch.isdigit() for ch in w)
    return n


def _runs_of_survivors(al: Alignment, start: int, end: int) -> tuple[list[list[tuple[int, int]]], bool]:
    """The value's surviving characters as runs of consecutive surviving tokens (each clipped
    to the value), and whether every token the value touches survived."""
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] | None = None
    touched, all_survived = False, True
    for k, (s, e) in enumerate(al.tokens):
        if e <= start or s >= end:
            continue
        touched = True
        if k in al.survived:
            if current is None:
                current = []
                runs.append(current)
            current.append((max(s, start), min(e, end)))
        else:
            all_survived, current = False, None
    return runs, touched and all_survived


def value_status(text_in: str, text_out: str, start: int, value: str, type_: str, al: Alignment | None = None) -> str:
    """``removed``, ``leaked`` or ``whole`` (see the module docstring)."""
    al = al or align(text_in, text_out)
    if value in text_out:
        return "whole"
    runs, all_survived = _runs_of_survivors(al, start, start + len(value))
    if all_survived:
        return "whole"
    for run in runs:
        pieces = [p for a, b in run for p in _PIECE.findall(text_in[a:b])]
        if _gives_away(pieces, type_):
            return "leaked"
    return "removed"


def _gives_away(pieces: list[str], type_: str) -> bool:
    if count_digits(pieces) >= 3:
        return True
    letters = 0
    for p in pieces:  # spelled letters: S M I T H, B V ... D
        if len(p) == 1 and p.isalpha() and p.lower() not in ("a", "o"):
            letters += 1
            if letters >= 3:
                return True
        else:
            letters = 0
    words = [p for p in pieces if p.isalpha() and p.lower() not in _NUMBER_WORDS]
    mixed = [p for p in pieces if not p.isalpha() and not p.isdigit()]  # NG5, 6JQ, C01X00T47
    if type_ in ("person", "address", "email"):
        stop = {"person": _PERSON_STOP, "address": _ADDRESS_STOP, "email": _EMAIL_STOP}[type_]
        if any(len(w) >= 2 and w.lower() not in stop for w in words):
            return True
        if type_ in ("address", "email") and mixed:
            return True
    return bool(type_ in ("iban", "id") and any(len(w) >= 3 and w.lower() not in _ID_STOP for w in words))


@dataclass
class Tally:
    """Counts for one form (or both)."""

    n: Counter = field(default_factory=Counter)
    outcome: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    typed: Counter = field(default_factory=Counter)
    produced: Counter = field(default_factory=Counter)
    on_label: Counter = field(default_factory=Counter)
    on_type: Counter = field(default_factory=Counter)
    keep_n: Counter = field(default_factory=Counter)
    keep_ok: Counter = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("n", "typed", "produced", "on_label", "on_type", "keep_n", "keep_ok"):
            getattr(self, name).update(getattr(other, name))
        for k, v in other.outcome.items():
            self.outcome[k].update(v)


def row_of(entity: dict) -> str:
    return "person (rep name)" if entity.get("rep_name") else entity["type"]


def score_utterance(tally: Tally, where: str, turn: dict, text_out: str) -> None:
    """Adds one utterance (its labels in ``turn``, its redacted text ``text_out``) to ``tally``."""
    text_in = turn["text"]
    al = align(text_in, text_out)
    spans = [(e["start"], e["start"] + len(e["value"]), e["type"]) for e in turn["entities"]]
    ignored = [(g["start"], g["start"] + len(g["value"])) for g in turn.get("ignore", ())]
    for e in turn["entities"]:
        row = row_of(e)
        status = value_status(text_in, text_out, e["start"], e["value"], e["type"], al)
        tally.n[row] += 1
        tally.outcome[row][status] += 1
        if status == "removed" and PLACEHOLDER[e["type"]] in text_out:
            tally.typed[row] += 1
        if status != "removed":
            tally.misses.append(f"{where} {row} {status}: {e['value']!r} -> {text_out!r}")
    for ph, span in al.placeholders:
        hit = [t for a, b, t in spans if span and a < span[1] and span[0] < b]
        if not hit and span and any(a < span[1] and span[0] < b for a, b in ignored):
            continue  # over a city beside an address only: not scored
        tally.produced[ph] += 1
        tally.on_label[ph] += bool(hit)
        tally.on_type[ph] += any(PLACEHOLDER[t] == ph for t in hit)
        if not hit:
            replaced = text_in[span[0]:span[1]] if span else ""
            tally.false_alarms.append(f"{where} {ph} over {replaced!r}: {text_in!r}")
    for k in turn["keep"]:
        tally.keep_n[k["kind"]] += 1
        if k["value"] in text_out:
            tally.keep_ok[k["kind"]] += 1
        else:
            tally.dropped.append(f"{where} {k['kind']} {k['value']!r} -> {text_out!r}")


# ------------------------------------------------------------------------------------------
# Running the redactor


def to_call(record: dict, form: str):
    """One form of a labelled call as a callcoach Call (text only, speakers ``rep``/``customer``)."""
    from callcoach.call import Attribution, Call, RoleAssignment, Speaker, Utterance

    utts = tuple(Utterance(i, t["speaker"], None, None, t["text"]) for i, t in enumerate(record[form]))
    speakers = (Speaker("rep", "rep"), Speaker("customer", "customer"))
    return Call(id=f"{record['id']}:{form}", source="redaction-eval", duration=None, channels=1, speakers=speakers,
                utterances=utts, attribution=Attribution("transcript", 2), roles=RoleAssignment("rep", "transcript", 1.0))


def redactor() -> tuple[Callable, str]:
    """``redact_call`` asked for every entity type, through whichever selection it takes: a
    parameter ``entities`` / ``kinds`` / ``types``, or a ``policy`` built from the module's
    ``RedactionPolicy(entities=...)``; as it is when it takes none or refuses every choice."""
    from callcoach import redact

    fn = redact.redact_call
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        params = {}
    probe = to_call({"id": "probe", "written": [{"speaker": "customer", "text": "it's 4111 1111 1111 1111"}]}, "written")
    known: list[tuple[str, ...]] = []
    for module in (redact, sys.modules.get("callcoach.pii")):
        for const in ("ENTITIES", "ALL_ENTITIES", "ENTITY_TYPES", "KINDS", "PLACEHOLDERS"):
            value = getattr(module, const, None)
            if isinstance(value, (dict, set, frozenset, tuple, list)) and value:
                known.append(tuple(value))
    choices = [tuple(TYPES), *known]
    attempts: list[tuple[str, Callable[[object], dict]]] = [
        (name, lambda choice, _n=name: {_n: choice}) for name in ("entities", "kinds", "types") if name in params]
    policy_cls = getattr(redact, "RedactionPolicy", None)
    if "policy" in params and policy_cls is not None:
        attempts.append(("policy", lambda choice: {"policy": policy_cls(entities=frozenset(choice))}))
    for name, make in attempts:
        for choice in choices:
            try:
                kwargs = make(choice)
                fn(probe, **kwargs)
            except (TypeError, ValueError, KeyError, AttributeError, redact.CallcoachError):
                continue

            def run(call, _kwargs=kwargs):
                return fn(call, **_kwargs)

            return run, f"redact_call(call, {name}=<entities {', '.join(sorted(choice))}>)"
    return fn, "redact_call(call) (its default entities)"


def evaluate(records: Sequence[dict], forms: Sequence[str], fn: Callable) -> dict[str, Tally]:
    out: dict[str, Tally] = {}
    for form in forms:
        tally = Tally()
        for rec in records:
            red = fn(to_call(rec, form))
            for i, (turn, utt) in enumerate(zip(rec[form], red.utterances)):
                score_utterance(tally, f"{rec['id']} {form} turn {i}", turn, utt.text)
        out[form] = tally
    if len(forms) > 1:
        both = Tally()
        for t in out.values():
            both.add(t)
        out["both"] = both
    return out


# ------------------------------------------------------------------------------------------
# Tables

ROWS = [*TYPES[:8], "person", "person (rep name)", "email", "phone", "id"]


def _pct(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "-"


def entity_table(form: str, t: Tally) -> list[str]:
    lines = ["| form | entity | n | recall | typed recall | leaked | whole | placeholders | precision | typed precision |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for row in ROWS:
        n = t.n[row]
        removed = t.outcome[row]["removed"]
        ph = PLACEHOLDER["person" if row.startswith("person") else row]
        show_ph = row != "person (rep name)"
        lines.append(
            f"| {form} | {row} | {n} | {_pct(removed, n)} | {_pct(t.typed[row], n)} | {t.outcome[row]['leaked']} | "
            f"{t.outcome[row]['whole']} | {t.produced[ph] if show_ph else ''} | "
            f"{_pct(t.on_label[ph], t.produced[ph]) if show_ph else ''} | {_pct(t.on_type[ph], t.produced[ph]) if show_ph else ''} |")
    other = [ph for ph in t.produced if ph not in PLACEHOLDER.values()]
    for ph in sorted(other):
        lines.append(f"| {form} | other {ph} | | | | | | {t.produced[ph]} | {_pct(t.on_label[ph], t.produced[ph])} | - |")
    rows = [r for r in ROWS if r != "person (rep name)"]
    n = sum(t.n[r] for r in rows)
    removed = sum(t.outcome[r]["removed"] for r in rows)
    produced = sum(t.produced.values())
    lines.append(
        f"| {form} | **all** (no rep names) | {n} | **{_pct(removed, n)}** | {_pct(sum(t.typed[r] for r in rows), n)} | "
        f"{sum(t.outcome[r]['leaked'] for r in rows)} | {sum(t.outcome[r]['whole'] for r in rows)} | {produced} | "
        f"**{_pct(sum(t.on_label.values()), produced)}** | {_pct(sum(t.on_type.values()), produced)} |")
    return lines


def keep_table(form: str, t: Tally) -> list[str]:
    lines = ["| form | hard negative | n | kept | keep rate |", "|---|---|---|---|---|"]
    for kind in sorted(t.keep_n):
        lines.append(f"| {form} | {kind} | {t.keep_n[kind]} | {t.keep_ok[kind]} | {_pct(t.keep_ok[kind], t.keep_n[kind])} |")
    n, ok = sum(t.keep_n.values()), sum(t.keep_ok.values())
    lines.append(f"| {form} | **all** | {n} | {ok} | **{_pct(ok, n)}** |")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Redaction recall, precision and keep rate on data/redaction-eval.")
    ap.add_argument("--split", choices=SPLITS, default="dev",
                    help="dev/test: make.py's set; dev2: a second writer's tuning set (make_dev2.py); "
                         "dev3: a fourth writer's tuning set (make_dev3.py); dev4: a seventh writer's (make_dev4.py); "
                         "holdout: a third writer's set, scored once (make_holdout.py); "
                         "holdout2: a fifth writer's set, scored once (make_holdout2.py); "
                         "holdout3: a sixth writer's set, scored once (make_holdout3.py); "
                         "holdout4: an eighth writer's set, scored once for the final figures (make_holdout4.py)")
    ap.add_argument("--form", choices=("written", "asr", "both"), default="both")
    ap.add_argument("--misses", type=int, default=20, help="how many misses, dropped keeps and false alarms to list")
    ap.add_argument("--show", action="store_true", help="list them on the test split too")
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args(argv)
    records = load(args.split, args.data)
    fn, how = redactor()
    forms = FORMS if args.form == "both" else (args.form,)
    results = evaluate(records, forms, fn)
    turns = sum(len(r["written"]) for r in records)
    print(f"redaction-eval {args.split}: {len(records)} calls, {turns} turns; {how}\n")
    for form, t in results.items():
        print("\n".join(entity_table(form, t)) + "\n")
    for form, t in results.items():
        print("\n".join(keep_table(form, t)) + "\n")
    listed = [(f, t) for f, t in results.items() if f != "both"]
    for title, attr in (("misses (leaked or whole)", "misses"), ("dropped keeps", "dropped"),
                        ("false alarms (placeholder over unlabelled text)", "false_alarms")):
        total = sum(len(getattr(t, attr)) for _, t in listed)
        print(f"{title}: {total}")
        if args.split in TUNING or args.show:
            for _, t in listed:
                for line in getattr(t, attr)[: args.misses]:
                    print(f"  {line}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
