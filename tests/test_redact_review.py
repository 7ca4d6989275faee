"""Redaction reaches the review: a coach's comments and override reasons on a redacted call are
stored redacted, so no seeded value is in any byte of the review database (its WAL too), the
sidecars, the exported CSV or the reviewed scorecards, whichever way the text came in."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from starlette.testclient import TestClient

from callcoach.cli import cli
from callcoach.review.app import create_app
from callcoach.review.corrections import Override, new_correction
from callcoach.review.export import export_csv, write_reviewed_scorecards
from callcoach.review.store import DB_NAME, ReviewStore
from tests.test_redact import CARD, PHONE, SSN, _seed, leaks

BASE = "http://127.0.0.1:8765"
SAME_SITE = {"origin": BASE, "sec-fetch-site": "same-origin"}
# What a coach might type about the call: the values the transcript had, quoted back.
QUOTED = (f"She read the card as {CARD[:4]} {CARD[4:8]} {CARD[8:12]} {CARD[12:]}, call her back on "
          "+1 (415) 555-0142 or zelda.quist@brightpath.io")
REASON = f"Customer gave SSN {SSN[:3]}-{SSN[3:5]}-{SSN[5:]} unprompted; the rep handled it well"


def _bytes(folder: Path) -> dict[str, str]:
    """Every file under ``folder``, binary ones (SQLite) included, read byte for byte."""
    return {str(p.relative_to(folder)): p.read_bytes().decode("latin-1") for p in sorted(folder.rglob("*")) if p.is_file()}


def _batch(tmp_path: Path, *flags: str) -> Path:
    calls = _seed(tmp_path)
    (calls / "broken.vtt").unlink()
    out = tmp_path / "results"
    res = CliRunner().invoke(cli, ["batch", str(calls), "--out", str(out), "--workers", "0", *flags])
    assert res.exit_code == 0, res.output
    return out


def _review(out: Path) -> None:
    """A coach at work on the redacted results: through the store and through the web app."""
    key = "sam/pii-call"
    with ReviewStore(out) as store:
        store.add_correction(key, new_correction("swap_roles", author="coach"))
        store.add_comment(key, QUOTED, "coach", utterance_id=1)
        dim = store.rubric_for(key).dimensions[0]
        store.set_override(key, Override(dim.id, 0.0, REASON, "coach"))
        store.mark_reviewed(key, "coach")
        client = TestClient(create_app(store, coach="dana"), base_url=BASE)
        page = client.get("/call/sam/pii-more").text
        csrf = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
        r = client.post("/call/sam/pii-more", data={"csrf": csrf, "action": "comment", "text": QUOTED},
                        headers=SAME_SITE, follow_redirects=False)
        assert r.status_code == 303, r.text
        for page_key in ("sam/pii-call", "sam/pii-more"):
            assert client.get(f"/call/{page_key}").status_code == 200
        export_csv(store, out / "scores.csv")
        write_reviewed_scorecards(store)
        store.rescore_all(workers=0)


def test_a_coachs_text_on_an_unredacted_call_is_kept_as_typed(tmp_path: Path) -> None:
    """The check below is not vacuous: without redaction the quoted values reach the database."""
    out = _batch(tmp_path)
    _review(out)
    db = _bytes(out)[DB_NAME] + _bytes(out).get(DB_NAME + "-wal", "")
    assert CARD in db.replace(" ", "") and "zelda.quist@brightpath.io" in db
    sidecar = json.loads((out / "sam" / "pii-call.review.json").read_text(encoding="utf-8"))
    assert sidecar["comments"][0]["text"] == QUOTED and sidecar["overrides"][0]["reason"] == REASON


def test_no_seeded_value_in_any_byte_of_the_review(tmp_path: Path) -> None:
    out = _batch(tmp_path, "--redact-entities", "all")
    _review(out)
    files = _bytes(out)
    assert DB_NAME in files and "sam/pii-call.review.json" in files and "sam/pii-more.review.json" in files
    assert "scores.csv" in files
    for name, blob in files.items():
        assert leaks(blob) == [], name
        assert PHONE[1:] not in blob and "brightpath" not in blob, name
    # The coach's words around the values are still there, and say what was taken out.
    sidecar = json.loads(files["sam/pii-call.review.json"])
    assert sidecar["comments"][0]["text"].startswith("She read the card as [CARD], call her back on [PHONE] or [EMAIL]")
    assert sidecar["overrides"][0]["reason"] == "Customer gave SSN [ID] unprompted; the rep handled it well"
    web = json.loads(files["sam/pii-more.review.json"])
    assert "[CARD]" in web["comments"][0]["text"] and "[EMAIL]" in web["comments"][0]["text"]
