"""The review store: SQLite + sidecars that lose nothing, concurrent writers, rebuild from
sidecars, re-attachment after re-analysis, rubric history, export and the reviewed scorecard."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from callcoach.cli import cli
from callcoach.output import write_analysis
from callcoach.report.html import render_scorecard
from callcoach.review.corrections import Comment, Override, new_correction
from callcoach.review.export import COLUMNS, export_csv, write_reviewed_scorecard
from callcoach.review.store import DB_NAME, SIDECAR_SUFFIX, ReviewState, ReviewStore, has_review_data
from callcoach.rubric import builtin_rubrics
from tests.test_review_core import TURNS, U, make_call

ROOT = Path(__file__).resolve().parents[1]


def put(folder: Path, key: str, rep: str = "R", turns=TURNS, meta: dict | None = None) -> Path:
    """Write the analysis ``<folder>/<key>.callcoach.json`` of a hand-built call (``rep``: the
    speaker the machine took for the rep)."""
    stem = Path(key)
    call = make_call(turns, rep=rep)
    call = call.with_(id=stem.name, source=f"{stem.name}.wav", meta=meta or {})
    return write_analysis(call, folder / stem.parent)


def drop_db(folder: Path) -> None:
    for p in folder.glob(DB_NAME + "*"):
        p.unlink()


def test_one_correction_fixes_a_swapped_call_and_the_analysis_stays_byte_identical(tmp_path: Path) -> None:
    path = put(tmp_path, "alice/call1", rep="C")  # the machine took the customer for the rep
    before = path.read_bytes()
    store = ReviewStore(tmp_path)
    entry = store.entry("alice/call1")
    r = store.add_correction("alice/call1", new_correction("swap_roles", author="kim"))
    talk = next(x for x in r.comparison() if x["key"] == "rep_talk_pct")
    assert talk["changed"] and talk["corrected"] == make_call(rep="R").metrics["talk"]["rep_talk_pct"]
    assert r.score == make_call(rep="R").scorecard.score != entry.score
    after = store.entry("alice/call1")
    assert after.score == r.score and after.machine_score == entry.machine_score
    assert path.read_bytes() == before
    side = json.loads((tmp_path / "alice" / f"call1{SIDECAR_SUFFIX}").read_text())
    assert side["schema"] == "callcoach.review/1" and side["call"] == "alice/call1"
    assert list(side) == ["schema", "call", "analysis_sha256", "corrections", "comments", "overrides", "reviewed", "score_history"]
    assert [c["kind"] for c in side["corrections"]] == ["swap_roles"]


def test_deleting_the_database_restores_everything_from_the_sidecars(tmp_path: Path) -> None:
    put(tmp_path, "a/one")
    put(tmp_path, "two")
    store = ReviewStore(tmp_path)
    store.add_correction("a/one", new_correction("remove_tag", author="kim", utterance_ids=[6], label="question.open"))
    store.add_correction("two", new_correction("reassign", author="lee", utterance_ids=[1], speaker="R"))
    top = store.add_comment("a/one", "Great <probe>", "kim", utterance_id=4)
    store.add_comment("a/one", "Agreed", "lee", parent_id=top.id)
    store.add_comment("two", "Whole call: good energy", "kim")
    store.resolve_comment("a/one", top.id)
    store.set_override("two", Override("talk_ratio", 4.0, "mis-split voices"))
    store.mark_reviewed("a/one", "kim")
    before = {k: (store.state(k), store.score_history(k), store.entry(k).score) for k in ("a/one", "two")}
    drop_db(tmp_path)
    rebuilt = ReviewStore(tmp_path)
    after = {k: (rebuilt.state(k), rebuilt.score_history(k), rebuilt.entry(k).score) for k in ("a/one", "two")}
    assert after == before
    assert after["a/one"][0].comments[1].parent_id == top.id and after["a/one"][0].comments[0].resolved


def test_a_deleted_sidecar_is_written_again_from_the_database(tmp_path: Path) -> None:
    put(tmp_path, "one")
    ReviewStore(tmp_path).add_comment("one", "note", "kim")
    side = tmp_path / f"one{SIDECAR_SUFFIX}"
    text = side.read_text()
    side.unlink()
    ReviewStore(tmp_path)
    assert side.read_text() == text


def test_a_sidecar_changed_outside_the_store_is_imported(tmp_path: Path) -> None:
    """As after a ``git pull`` bringing a colleague's review."""
    put(tmp_path, "one")
    other = tmp_path / "clone"
    other.mkdir()
    put(other, "one")
    ReviewStore(tmp_path)
    ReviewStore(other).add_comment("one", "from the other clone", "lee")
    shutil.copy(other / f"one{SIDECAR_SUFFIX}", tmp_path / f"one{SIDECAR_SUFFIX}")
    assert [c.text for c in ReviewStore(tmp_path).state("one").comments] == ["from the other clone"]


_WRITER = """
import sys
from callcoach.review.corrections import new_correction
from callcoach.review.store import ReviewStore
folder, name, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
store = ReviewStore(folder)
for i in range(n):
    key = ("one", "two")[i % 2]
    store.add_comment(key, f"{name} comment {i}", name, utterance_id=i % 9)
    store.add_correction(key, new_correction("add_tag", author=name, utterance_ids=[i % 9], label="tracker.next_step"))
"""


def test_concurrent_writers_in_threads_and_processes_lose_nothing(tmp_path: Path) -> None:
    put(tmp_path, "one")
    put(tmp_path, "two")
    store = ReviewStore(tmp_path)
    n = 6
    procs = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(tmp_path), f"proc{p}", str(n)], cwd=ROOT, stderr=subprocess.PIPE)
        for p in range(2)
    ]
    errors: list[BaseException] = []

    def write(name: str) -> None:
        try:
            for i in range(n):
                key = ("one", "two")[i % 2]
                store.add_comment(key, f"{name} comment {i}", name, start=float(i), end=float(i) + 1)
                store.add_correction(key, new_correction("add_tag", author=name, utterance_ids=[i % 9], label="tracker.next_step"))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(f"thread{t}",)) for t in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err.decode()
    assert not errors
    writers = 5
    states = {k: store.state(k) for k in ("one", "two")}
    assert sum(len(s.comments) for s in states.values()) == writers * n
    assert sum(len(s.corrections) for s in states.values()) == writers * n
    texts = {c.text for s in states.values() for c in s.comments}
    assert texts == {f"{w} comment {i}" for w in ("proc0", "proc1", "thread0", "thread1", "thread2") for i in range(n)}
    for key, state in states.items():  # every sidecar holds exactly what the database holds
        side = json.loads((tmp_path / f"{key}{SIDECAR_SUFFIX}").read_text())
        assert [c["id"] for c in side["comments"]] == [c.id for c in state.comments]
        assert [c["id"] for c in side["corrections"]] == [c.id for c in state.corrections]
    drop_db(tmp_path)
    assert {k: ReviewStore(tmp_path).state(k) for k in states} == states


def test_a_reanalysed_call_keeps_matching_review_and_marks_the_rest_stale(tmp_path: Path) -> None:
    put(tmp_path, "one")
    store = ReviewStore(tmp_path)
    fix = store.add_correction("one", new_correction("remove_tag", author="kim", utterance_ids=[6], label="question.open")).applied[0]
    kept = store.add_comment("one", "nice need-payoff", "kim", utterance_id=6)
    lost = store.add_comment("one", "price came up", "kim", utterance_id=5)
    whole = store.add_comment("one", "overall fine", "kim")
    # Re-analysed with another model: one turn more at the start, and turn 5 heard differently.
    turns = [U(0, "R", 0, 2, "Hello.")]
    for u in TURNS:
        text = "It's honestly too pricey right now." if u.id == 5 else u.text
        turns.append(U(u.id + 1, u.speaker, u.start + 2, u.end + 2, text, *(t.label for t in u.tags)))
    put(tmp_path, "one", turns=turns)
    state = ReviewStore(tmp_path).state("one")
    c = next(x for x in state.corrections if x.id == fix.id)
    assert c.utterance_ids == (7,) and not c.stale
    comments = {x.id: x for x in state.comments}
    assert (comments[kept.id].utterance_id, comments[kept.id].start, comments[kept.id].stale) == (7, 193.0, False)  # moved with its turn
    assert comments[lost.id].stale and comments[lost.id].utterance_id == 5  # not moved to other words
    assert not comments[whole.id].stale
    assert ReviewStore(tmp_path).rescored("one").applied[0].utterance_ids == (7,)


def test_overrides_need_a_reason_fit_the_rubric_and_survive_a_rubric_edit(tmp_path: Path) -> None:
    rubric = tmp_path / "team.yaml"
    text = builtin_rubrics()["discovery"].read_text(encoding="utf-8")
    rubric.write_text(text, encoding="utf-8")
    put(tmp_path, "one")
    store = ReviewStore(tmp_path, rubric=rubric)
    with pytest.raises(ValueError, match="needs a reason"):
        store.set_override("one", Override("talk_ratio", 3.0, "  "))
    with pytest.raises(ValueError, match="no dimension"):
        store.set_override("one", Override("nope", 1.0, "because"))
    with pytest.raises(ValueError, match="between 0 and"):
        store.set_override("one", Override("talk_ratio", 99.0, "because"))
    r = store.set_override("one", Override("talk_ratio", 3.0, "the rep read a script", "kim"))
    assert store.rescore_all() == 0  # nothing changed since
    first = store.score_history("one")
    assert len(first) == 1 and first[0]["score"] == r.score
    # The team edits the rubric: the talk-ratio target moves and a version bump.
    edited = text.replace("version: 1", "version: 2", 1)
    assert edited != text
    rubric.write_text(edited.replace("weight: 15", "weight: 20", 1), encoding="utf-8")
    assert ReviewStore(tmp_path, rubric=rubric).rescore_all() == 1
    history = ReviewStore(tmp_path, rubric=rubric).score_history("one")
    assert history[0] == first[0] and len(history) == 2
    assert history[1]["rubric_hash"] != history[0]["rubric_hash"] and history[1]["rubric_version"] == "2"
    again = ReviewStore(tmp_path, rubric=rubric).rescored("one")
    assert [o.reason for o in again.overrides] == ["the rep read a script"]
    dim = next(x for x in again.comparison() if x["key"] == "dimension.talk_ratio")
    # 3 of 15 under version 1 keeps its share under version 2's 20 points (see the next test).
    assert dim["corrected"] == 4.0 and dim["max_points"] == 20 and dim["override"] == "the rep read a script"


def test_the_queue_puts_doubtful_unreviewed_calls_first_and_filters(tmp_path: Path) -> None:
    put(tmp_path, "sure")
    doubtful = put(tmp_path, "doubt")
    d = json.loads(doubtful.read_text())
    d["attribution"]["confidence"] = 0.4
    doubtful.write_text(json.dumps(d))
    put(tmp_path, "third")
    store = ReviewStore(tmp_path)
    keys = [e.key for e in store.calls()]
    assert keys[0] == "doubt" and set(keys) == {"sure", "doubt", "third"}
    store.mark_reviewed("doubt", "kim")
    queue = store.calls()
    assert queue[-1].key == "doubt" and queue[-1].reviewed_by == ("kim",)
    assert [e.key for e in store.calls(rubric="discovery")] == [e.key for e in queue]
    assert store.calls(rubric="other") == []
    with pytest.raises(KeyError):
        store.entry("nope")
    with pytest.raises(KeyError):
        store.analysis("../outside")


def test_queue_filters_by_the_rep_in_the_call_metadata(tmp_path: Path) -> None:
    put(tmp_path, "a", meta={"rep": "ann"})
    put(tmp_path, "b", meta={"rep": "bob"})
    assert [e.key for e in ReviewStore(tmp_path).calls(rep="bob")] == ["b"]


def test_audio_path_stays_inside_the_folder_or_the_audio_roots(tmp_path: Path) -> None:
    put(tmp_path, "sub/one")
    store = ReviewStore(tmp_path)
    assert store.audio_path("sub/one") is None
    (tmp_path / "sub" / "one.wav").write_bytes(b"RIFF")
    assert store.audio_path("sub/one") == (tmp_path / "sub" / "one.wav").resolve()
    calls = tmp_path.parent / f"{tmp_path.name}-input"
    (calls / "sub").mkdir(parents=True)
    (calls / "sub" / "two.wav").write_bytes(b"RIFF")
    put(tmp_path, "sub/two")
    assert ReviewStore(tmp_path).audio_path("sub/two") is None
    assert ReviewStore(tmp_path, audio_roots=[calls]).audio_path("sub/two") == (calls / "sub" / "two.wav").resolve()
    path = tmp_path / "sub" / "one.callcoach.json"
    d = json.loads(path.read_text())
    d["source"] = "../../../etc/passwd"
    path.write_text(json.dumps(d))
    assert ReviewStore(tmp_path).audio_path("sub/one") is None


def test_bad_input_to_the_store_is_refused_clearly(tmp_path: Path) -> None:
    put(tmp_path, "one")
    store = ReviewStore(tmp_path)
    with pytest.raises(ValueError, match="no turn 99"):
        store.add_correction("one", new_correction("reassign", author="k", utterance_ids=[99], speaker="R"))
    with pytest.raises(ValueError, match="not a speaker"):
        store.add_correction("one", new_correction("set_rep", author="k", speaker="Z"))
    with pytest.raises(ValueError, match="does not apply"):
        store.add_correction("one", new_correction("remove_tag", author="k", utterance_ids=[1], label="spin.problem"))
    with pytest.raises(ValueError, match="needs some text"):
        store.add_comment("one", "  ", "k")
    with pytest.raises(ValueError, match="reply to"):
        store.add_comment("one", "hi", "k", parent_id="nope")
    with pytest.raises(KeyError):
        store.remove_correction("one", "nope")
    assert store.state("one") == ReviewState()
    assert not (tmp_path / f"one{SIDECAR_SUFFIX}").exists()


def test_removing_a_correction_or_override_restores_the_machine_score(tmp_path: Path) -> None:
    put(tmp_path, "one", rep="C")
    store = ReviewStore(tmp_path)
    machine = store.entry("one").score
    fix = store.add_correction("one", new_correction("swap_roles", author="kim")).applied[0]
    store.set_override("one", Override("patience", 0.0, "interrupted twice"))
    store.remove_override("one", "patience")
    assert store.remove_correction("one", fix.id).score == machine == store.entry("one").score
    assert [h["score"] for h in store.score_history("one")][-1] == machine


def test_export_csv_has_machine_corrected_and_override_per_dimension(tmp_path: Path) -> None:
    put(tmp_path, "one", rep="C")
    put(tmp_path, "two")
    store = ReviewStore(tmp_path)
    store.add_correction("one", new_correction("swap_roles", author="kim"))
    store.set_override("one", Override("patience", 1.0, "=cmd|' /C calc'!A0"))
    rows = list(csv.DictReader(export_csv(store, tmp_path / "scores.csv").read_text(encoding="utf-8").splitlines()))
    assert tuple(rows[0]) == COLUMNS
    dims = len(store.rubric_for("one").dimensions)
    assert len(rows) == 2 * dims and {r["key"] for r in rows} == {"one", "two"}
    patience = next(r for r in rows if r["key"] == "one" and r["dimension"] == "patience")
    assert patience["override_points"] == "1" and patience["override_reason"].startswith("'=")  # no formula
    talk = next(r for r in rows if r["key"] == "one" and r["dimension"] == "talk_ratio")
    assert talk["machine_points"] != talk["corrected_points"] and talk["override_points"] == ""
    assert float(talk["corrected_score"]) == store.entry("one").score


def test_the_reviewed_scorecard_shows_escaped_comments_with_time_links(tmp_path: Path) -> None:
    put(tmp_path, "one")
    store = ReviewStore(tmp_path)
    c = store.add_comment("one", "<script>alert(1)</script> good", "kim <b>", utterance_id=4)
    store.add_comment("one", "thanks", "lee", parent_id=c.id)
    store.resolve_comment("one", c.id)
    store.mark_reviewed("one", "kim")
    page = write_reviewed_scorecard(store, "one").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; good" in page
    assert "kim &lt;b&gt;" in page and 'data-t="131.000" data-u="4"' in page
    assert 'class="pill c-resolved"' in page and 'class="comments replies"' in page and "Reviewed by kim" in page
    plain = render_scorecard(store.analysis("one"), None)
    assert 'id="review"' not in plain
    stale = render_scorecard(store.analysis("one"), None, ReviewState(comments=(Comment("x", "t", "k", "now", stale=True),)))
    assert "whole call" in stale and "no longer in the transcript" in stale


def test_report_rescores_reviewed_folders_and_writes_their_scorecards(tmp_path: Path) -> None:
    put(tmp_path, "one")
    put(tmp_path, "two")
    runner = CliRunner()
    plain = runner.invoke(cli, ["report", str(tmp_path)])
    assert plain.exit_code == 0 and "review:" not in plain.output and not has_review_data(tmp_path)
    store = ReviewStore(tmp_path)
    store.add_comment("one", "listen to 2:10", "kim", start=130.0, end=135.0)
    result = runner.invoke(cli, ["report", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "review: 2 calls re-scored, 1 reviewed scorecards written" in result.output
    assert "listen to 2:10" in (tmp_path / "one.scorecard.html").read_text(encoding="utf-8")
    assert len(ReviewStore(tmp_path).score_history("two")) == 1
    assert "review: 0 calls re-scored" in runner.invoke(cli, ["report", str(tmp_path)]).output
    drop_db(tmp_path)  # a fresh clone of the results: sidecars only
    (tmp_path / "one.scorecard.html").unlink()
    again = runner.invoke(cli, ["report", str(tmp_path)])
    assert again.exit_code == 0 and "1 reviewed scorecards written" in again.output
    assert "listen to 2:10" in (tmp_path / "one.scorecard.html").read_text(encoding="utf-8")


def test_the_team_report_counts_reviewed_calls_as_the_coach_corrected_them(tmp_path: Path) -> None:
    analysis = put(tmp_path, "alice/swapped", rep="C", meta={"rep": "alice"})  # the machine took the customer for the rep
    before = analysis.read_bytes()
    put(tmp_path, "alice/fine", meta={"rep": "alice"})
    runner = CliRunner()
    assert runner.invoke(cli, ["report", str(tmp_path)]).exit_code == 0

    def rows() -> dict[str, dict[str, str]]:
        with open(tmp_path / "summary.csv", encoding="utf-8", newline="") as fh:
            return {r["path"]: r for r in csv.DictReader(fh)}

    machine = rows()
    assert all(r["machine_score"] == r["score"] and r["reviewed_by"] == "" for r in machine.values())
    store = ReviewStore(tmp_path)
    fixed = store.add_correction("alice/swapped", new_correction("swap_roles", author="kim"))
    store.mark_reviewed("alice/swapped", "kim")
    store.close()
    result = runner.invoke(cli, ["report", str(tmp_path)])
    assert result.exit_code == 0, result.output
    after = rows()
    swapped, fine = after["alice/swapped.wav"], after["alice/fine.wav"]
    assert float(swapped["score"]) == pytest.approx(fixed.score, abs=0.05) and fixed.score != fixed.machine_score
    assert float(swapped["machine_score"]) == pytest.approx(fixed.machine_score, abs=0.05)
    assert swapped["machine_score"] == machine["alice/swapped.wav"]["score"]
    assert float(swapped["rep_talk_pct"]) == pytest.approx(fixed.call.metrics["talk"]["rep_talk_pct"], abs=0.05)
    assert swapped["rep_talk_pct"] != machine["alice/swapped.wav"]["rep_talk_pct"]
    assert swapped["reviewed_by"] == "kim"
    assert fine == machine["alice/fine.wav"]  # a call nobody touched is as the machine scored it
    page = (tmp_path / "team.html").read_text(encoding="utf-8")
    assert "1 call reviewed by a coach: it counts with the coach's corrections." in page
    assert re.search(r"<td>[\d.]+ <span class=muted>\(machine [\d.]+\)</span></td>", page)
    assert "<td class=l>kim</td>" in page
    assert analysis.read_bytes() == before  # the stored analysis is never rewritten


def test_an_analysis_made_by_the_pipeline_rescored_as_is_and_with_its_channels_swapped(stereo_call: Path, tmp_path: Path) -> None:
    """A stereo call analysed with the channels the wrong way round (``--rep-channel right``)."""
    import callcoach
    from callcoach.asr import FakeTranscriber

    out = tmp_path / "out"
    scripts = [["how", "many", "reps", "do", "you", "have?", "and", "why?"], ["about", "forty"]]
    every_call = tmp_path / "every-call.yaml"  # a 6 s call is too short to be a conversation: score it anyway
    every_call.write_text(builtin_rubrics()["discovery"].read_text(encoding="utf-8") + "\nconversation: {check: false}\n", encoding="utf-8")
    call = callcoach.analyze(stereo_call, transcriber=FakeTranscriber(scripts=scripts), rep_channel="right", out=out, rubric=str(every_call))
    path = out / "call.callcoach.json"
    before = path.read_bytes()
    store = ReviewStore(out, audio_roots=[stereo_call.parent])
    as_is = store.rescored("call")
    assert as_is.call.scorecard == call.scorecard and as_is.score == call.scorecard.score  # same rubric, no input
    fixed = store.add_correction("call", new_correction("swap_roles", author="kim"))
    assert fixed.call.roles.rep == "left"
    talk = next(x for x in fixed.comparison() if x["key"] == "rep_talk_pct")
    assert talk["changed"] and talk["machine"] < 50 < talk["corrected"]  # left talks 2.5 s, right 1 s
    assert fixed.score != as_is.score
    assert path.read_bytes() == before
    assert store.audio_path("call") == stereo_call.resolve()


def test_a_reviewed_scorecard_keeps_the_player_of_a_batch_page(tmp_path: Path) -> None:
    put(tmp_path, "one")
    store = ReviewStore(tmp_path)
    page = tmp_path / "one.scorecard.html"
    page.write_text(render_scorecard(store.analysis("one"), "../calls/one%20a.wav"), encoding="utf-8")
    store.add_comment("one", "listen here", "kim", start=3.0)
    text = write_reviewed_scorecard(store, "one").read_text(encoding="utf-8")
    assert 'src="../calls/one%20a.wav"' in text and "listen here" in text


def test_unreadable_analyses_are_left_out_not_fatal(tmp_path: Path) -> None:
    put(tmp_path, "good")
    (tmp_path / "broken.callcoach.json").write_text("{not json", encoding="utf-8")
    other = json.loads((tmp_path / "good.callcoach.json").read_text())
    other["schema"] = "callcoach.analysis/99"
    (tmp_path / "future.callcoach.json").write_text(json.dumps(other), encoding="utf-8")
    store = ReviewStore(tmp_path)
    store.add_comment("good", "fine", "kim")
    assert {e.key for e in store.calls()} == {"good", "future"}  # listed from its JSON; not re-scorable
    assert store.rescore_all() == 1
    with pytest.raises(KeyError):
        store.entry("broken")
    from callcoach.errors import InputError

    with pytest.raises(InputError, match="future.callcoach.json: unsupported analysis schema"):
        store.analysis("future")


def test_scoring_a_call_without_its_words_gives_the_same_scorecard(stereo_call: Path, tmp_path: Path) -> None:
    """rescore_all() scores unreviewed calls from their turns, tags and stored metrics alone."""
    import callcoach
    from callcoach.asr import FakeTranscriber

    callcoach.analyze(stereo_call, transcriber=FakeTranscriber(), rep_channel="left", out=tmp_path)
    put(tmp_path, "hand")  # hand-built: turns without word times
    from callcoach.review.store import _load_for_scoring
    from callcoach.scoring import score_call

    store = ReviewStore(tmp_path)
    full, light = store.analysis("call"), _load_for_scoring(store.analysis_path_of("call"), whole=False)
    assert any(u.words for u in full.utterances) and not any(u.words for u in light.utterances)
    assert score_call(light, store.rubric_for("call")) == score_call(full, store.rubric_for("call"))
    assert store.rescore_all() == 2
    assert store.score_history("call")[0]["score"] == full.scorecard.score


def test_rescore_all_in_worker_processes_matches_one_process(tmp_path: Path) -> None:
    """A large folder is re-scored in worker processes; the recorded scores are the same."""
    from callcoach.review import store as store_module

    n = store_module._PARALLEL_MIN_JOBS + 6
    scores = {}
    for workers in (1, 2):
        folder = tmp_path / f"workers{workers}"
        for i in range(n):
            put(folder, f"c{i:02d}", rep="R" if i % 2 else "C")
        with ReviewStore(folder) as store:
            store.add_correction("c03", new_correction("swap_roles", author="dana"))
            assert store.rescore_all(workers=workers) == n - 1  # c03 was scored when it was corrected
            scores[workers] = {e.key: [(h["score"], h["machine_score"]) for h in store.score_history(e.key)] for e in store.calls()}
    assert scores[1] == scores[2]
    assert scores[2]["c03"][-1][0] != scores[2]["c03"][-1][1]  # the swap changed the score


def test_a_call_analysed_with_a_team_rubric_file_is_rescored_under_that_file(stereo_call: Path, tmp_path: Path) -> None:
    """Without --rubric, review scores a call under the rubric file it was analysed with (while
    that file exists), not under the built-in default."""
    import callcoach
    from callcoach.asr import FakeTranscriber

    team = tmp_path / "rubrics" / "team.yaml"
    team.parent.mkdir()
    text = builtin_rubrics()["discovery"].read_text(encoding="utf-8")
    team.write_text(text.replace("id: discovery", "id: team", 1), encoding="utf-8")
    out = tmp_path / "results"
    call = callcoach.analyze(stereo_call, transcriber=FakeTranscriber(), rep_channel="left", out=out, rubric=str(team))
    assert call.settings["rubric_file"] == str(team.resolve()) and call.scorecard.rubric.startswith("team@")
    with ReviewStore(out) as store:
        assert store.rubric_for("call").id == "team"
        store.rescore_all()
        assert store.score_history("call")[-1]["rubric_id"] == "team"
    team.unlink()  # the file is gone: the built-in default is the only rubric left to use
    with ReviewStore(out) as store:
        assert store.rubric_for("call").id == "discovery"
    builtin = callcoach.analyze(stereo_call, transcriber=FakeTranscriber(), rep_channel="left", rubric="demo")
    assert "rubric_file" not in builtin.settings


def _team_rubric(path: Path, version: int = 1, talk_weight: int = 15) -> str:
    """Write the discovery rubric as the team's ``team`` rubric at ``path`` (``version`` and the
    talk-ratio dimension's weight as given); returns the text."""
    text = builtin_rubrics()["discovery"].read_text(encoding="utf-8").replace("id: discovery", "id: team", 1)
    text = text.replace("version: 1", f"version: {version}", 1).replace("weight: 15", f"weight: {talk_weight}", 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return text


def test_a_rubric_edit_reaches_the_queue_and_the_history_without_reopening_the_store(tmp_path: Path) -> None:
    """`review --rubric live.yaml` running while the team edits the file: the next request
    (refresh_rubrics) re-scores, so the queue row says @2 with the new score and the history
    gains a row; with no edit it only stats the file."""
    from callcoach.rubric import load_rubric
    from callcoach.scoring import score_call

    rubric = tmp_path / "live.yaml"
    _team_rubric(rubric)
    put(tmp_path, "one", rep="C")
    store = ReviewStore(tmp_path, rubric=rubric)
    assert store.refresh_rubrics() == 1  # the first look scores it
    assert store.refresh_rubrics() == 0
    before = store.calls()[0]
    assert before.rubric == "team@1"
    _team_rubric(rubric, version=2, talk_weight=45)
    assert store.refresh_rubrics() == 1
    after = store.calls()[0]
    assert after.rubric == "team@2" and after.score != before.score
    assert after.score == score_call(store.analysis("one"), load_rubric(rubric)).score == store.rescored("one").score
    assert [h["rubric_version"] for h in store.score_history("one")] == ["1", "2"]
    assert store.refresh_rubrics() == 0


def test_a_rubric_edited_into_an_error_keeps_its_last_valid_version(tmp_path: Path) -> None:
    rubric = tmp_path / "live.yaml"
    text = _team_rubric(rubric)
    put(tmp_path, "one")
    lines: list[str] = []
    store = ReviewStore(tmp_path, rubric=rubric, warn=lines.append)
    store.refresh_rubrics()
    rubric.write_text(text.replace("weight: 15", "weight: fifteen", 1), encoding="utf-8")  # a half-made edit
    store.refresh_rubrics()
    store.refresh_rubrics()
    assert store.calls()[0].rubric == "team@1" and store.rubric_for("one").ref == "team@1"
    assert len(lines) == 1 and str(rubric) in lines[0] and "last valid version" in lines[0]
    assert any("last valid version" in n for n in store.rubric_notes("one")) and store.rubric_warnings()
    _team_rubric(rubric, version=2)
    store.refresh_rubrics()
    assert store.calls()[0].rubric == "team@2" and store.rubric_notes("one") == [] and store.rubric_warnings() == []


def _analysed_with(folder: Path, key: str, rubric_file: Path) -> None:
    """An analysis scored under the team rubric ``team@1`` from ``rubric_file``."""
    call = make_call().with_(id=key, source=f"{key}.wav")
    settings = {**call.settings, "rubric": "team@1", "rubric_file": str(rubric_file)}
    write_analysis(call.with_(scorecard=replace(call.scorecard, rubric="team@1"), settings=settings), folder)


def test_a_call_whose_rubric_file_is_missing_says_what_scores_it_once(tmp_path: Path) -> None:
    gone = tmp_path / "rubrics" / "team.yaml"
    _analysed_with(tmp_path, "one", gone)
    _analysed_with(tmp_path, "two", gone)
    lines: list[str] = []
    store = ReviewStore(tmp_path, warn=lines.append)
    store.rescore_all()
    store.rescore_all()
    store.refresh_rubrics()
    warning = f"the rubric file {gone} is missing: its 2 calls are scored under discovery@1 instead; put the file back"
    assert lines == [f"callcoach: warning: {warning}, or review with --rubric FILE"]
    assert {e.rubric for e in store.calls()} == {"discovery@1"}
    notes = store.rubric_notes("one")
    assert len(notes) == 1 and str(gone) in notes[0] and "this call is scored under discovery@1" in notes[0]
    assert len(store.rubric_warnings()) == 1
    _team_rubric(gone)  # the file is back: the next request scores the calls under it again
    assert store.refresh_rubrics() == 2
    assert {e.rubric for e in store.calls()} == {"team@1"}
    assert store.rubric_notes("one") == [] and store.rubric_warnings() == []
    assert ReviewStore(tmp_path, rubric="discovery").rubric_notes("one") == []  # --rubric: no call's own file is used


def test_an_override_keeps_its_share_when_the_rubric_changes_the_dimension_maximum(tmp_path: Path) -> None:
    from callcoach.review.rescore import rescore
    from callcoach.rubric import load_rubric

    rubric = tmp_path / "team.yaml"
    _team_rubric(rubric)
    put(tmp_path, "one")
    store = ReviewStore(tmp_path, rubric=rubric)
    store.set_override("one", Override("talk_ratio", 6.0, "the buyer was a talker", "kim"))
    saved = store.state("one").overrides[0]
    assert (saved.rubric, saved.max_points, saved.points) == ("team@1", 15.0, 6.0)
    side = json.loads((tmp_path / f"one{SIDECAR_SUFFIX}").read_text())
    assert side["overrides"][0]["rubric"] == "team@1" and side["overrides"][0]["max_points"] == 15.0
    _team_rubric(rubric, version=2, talk_weight=20)
    r = ReviewStore(tmp_path, rubric=rubric).rescored("one")
    dim = next(d for d in r.call.scorecard.dimensions if d.id == "talk_ratio")
    assert (dim.points, dim.max_points) == (8.0, 20.0)  # 6 of 15 is 8 of 20
    assert r.rescaled_overrides == (saved,) and r.stale_overrides == ()
    # An override saved before the maximum was recorded counts as given, and keeps its fingerprint.
    legacy = Override.from_dict({"dimension": "talk_ratio", "points": 6.0, "reason": "old", "author": "kim"})
    assert set(legacy.to_dict()) == {"dimension", "points", "reason", "author", "created"}
    old = rescore(store.analysis("one"), load_rubric(rubric), overrides=[legacy])
    assert next(d for d in old.call.scorecard.dimensions if d.id == "talk_ratio").points == 6.0
    assert old.rescaled_overrides == ()
