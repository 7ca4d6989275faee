"""Checks every labelled redaction evaluation set (``data/redaction-eval/*.jsonl``) must pass,
shared by the tests of the sets that independent writers added (``test_redaction_<set>.py``):
ids and shape, and labels consistent in both forms. They read the labels only; they never run
the redactor on a set."""

from __future__ import annotations

import ast
import itertools
import json
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "redaction-eval"
TYPES = ("card", "cvv", "expiry", "iban", "account", "routing", "dob", "address", "person", "email", "phone", "id")
KINDS = ("price", "quantity", "date", "time", "year", "order", "ticket", "product", "percent", "measure", "last4")


def load(name: str) -> list[dict]:
    """The calls of ``data/redaction-eval/<name>.jsonl``."""
    with open(DATA / f"{name}.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def spans(turn: dict) -> list[tuple[int, int]]:
    """The character ranges of a turn's labelled values, in order."""
    return sorted((e["start"], e["start"] + len(e["value"])) for e in turn["entities"])


def check_shape(calls: list[dict], prefix: str, n: int, turns: tuple[int, int] = (6, 14)) -> None:
    """Ids ``<prefix>-0001`` ... ``<prefix>-<n>``; ``turns`` (fewest, most) alternating between rep and
    customer, the rep first giving their name; the written and ASR forms with the same turns and
    the same labels in the same order."""
    assert [r["id"] for r in calls] == [f"{prefix}-{i:04d}" for i in range(1, n + 1)]
    for rec in calls:
        assert set(rec) == {"id", "country", "industry", "scenario", "company", "written", "asr"}
        assert turns[0] <= len(rec["written"]) == len(rec["asr"]) <= turns[1], rec["id"]
        for w, a in zip(rec["written"], rec["asr"], strict=True):
            assert w["speaker"] == a["speaker"] in ("rep", "customer")
            assert set(w) <= {"speaker", "text", "entities", "keep", "ignore"}
            assert [(e["type"], e.get("rep_name", False)) for e in w["entities"]] == [
                (e["type"], e.get("rep_name", False)) for e in a["entities"]], rec["id"]
            assert [k["kind"] for k in w["keep"]] == [k["kind"] for k in a["keep"]], rec["id"]
            assert len(w.get("ignore", ())) == len(a.get("ignore", ()))
        speakers = [t["speaker"] for t in rec["written"]]
        assert all(s1 != s2 for s1, s2 in itertools.pairwise(speakers)), rec["id"]  # consecutive turns joined
        assert any(e.get("rep_name") for e in rec["written"][0]["entities"]), rec["id"]  # the rep's own name


def check_labels(calls: list[dict]) -> None:
    """Every value is the text at its offset, values never overlap, every kept look-alike
    stands outside every value, and ``ignore`` text is beside the values, not in them."""
    for rec in calls:
        for form in ("written", "asr"):
            for turn in rec[form]:
                text = turn["text"]
                assert text and text == text.strip() and "  " not in text, (rec["id"], text)
                for e in turn["entities"]:
                    assert e["type"] in TYPES
                    v = e["value"]
                    assert v and v == v.strip() and text[e["start"]:e["start"] + len(v)] == v, (rec["id"], e)
                ranges = spans(turn)
                assert all(a[1] <= b[0] for a, b in itertools.pairwise(ranges)), (rec["id"], ranges)
                for k in turn["keep"]:
                    assert k["kind"] in KINDS
                    assert k["value"] and k["value"] in text, (rec["id"], k)
                    assert not any(k["value"] in e["value"] for e in turn["entities"]), (rec["id"], k)
                    outside = [m.start() for m in re.finditer(re.escape(k["value"]), text)
                               if not any(s < m.start() + len(k["value"]) and m.start() < t for s, t in ranges)]
                    assert outside, (rec["id"], k)  # at least one occurrence lies outside every value
                for g in turn.get("ignore", ()):
                    s0 = g["start"]
                    assert text[s0:s0 + len(g["value"])] == g["value"]
                    assert not any(s < s0 + len(g["value"]) and s0 < t for s, t in ranges)


def standard_library_only(script: Path) -> set[str]:
    """The modules a generator imports that are not in the standard library (none, for a set
    anyone can regenerate)."""
    tree = ast.parse(script.read_text(encoding="utf-8"))
    mods = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    mods |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    return mods - set(sys.stdlib_module_names) - {"__future__"}
