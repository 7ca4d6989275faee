"""`callcoach review` finds the recordings by itself: a batch records its input folder (relative
to OUT) in its state and each call's path under it in ``meta["path"]``; ``analyze --out`` records
the recording's path relative to the output folder (``recording``). ``--audio-dir`` still comes
first (a folder that moved); a recorded folder that is gone gives one clear line. Fake
transcriber and weightless encoder: no model weights."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from callcoach.batch import run_batch
from callcoach.batch.state import STATE_NAME, input_dir_ref
from callcoach.cli import cli
from callcoach.output import write_analysis
from callcoach.review.app import create_app
from callcoach.review.store import ReviewStore
from tests.test_batch import BACKEND, OPTIONS, CountingFake, good_call
from tests.test_report_html import make_call

BASE = "http://127.0.0.1:8765"
KEYS = {"alice/call1": "alice/call1.wav", "alice/call2": "alice/call2.flac", "call5": "call5.wav"}


@pytest.fixture
def batch(tmp_path: Path) -> tuple[Path, Path]:
    """``callcoach batch calls --out results`` over three stereo calls (two in a rep's folder)."""
    calls, out = tmp_path / "calls", tmp_path / "results"
    good_call(calls / "alice" / "call1.wav", 1)
    good_call(calls / "alice" / "call2.flac", 2, fmt="flac")
    good_call(calls / "call5.wav", 5)
    r = run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND)
    assert (r.analysed, r.failed) == (3, 0)
    return calls, out


def client(store: ReviewStore) -> TestClient:
    return TestClient(create_app(store, coach="dana"), base_url=BASE)


def test_batch_records_its_input_folder_and_each_recording(batch: tuple[Path, Path]) -> None:
    calls, out = batch
    state = json.loads((out / STATE_NAME).read_text(encoding="utf-8"))
    assert state["input_dir"] == "../calls"  # relative to OUT: nothing absolute
    assert set(state["inputs"]) == set(KEYS.values())
    for key, rel in KEYS.items():
        d = json.loads((out / f"{key}.callcoach.json").read_text(encoding="utf-8"))
        assert d["meta"]["path"] == rel and d["source"] == Path(rel).name
        assert (out / key).parent.joinpath(d["recording"]).resolve() == (calls / rel).resolve()
        assert not Path(d["recording"]).is_absolute()


def test_review_finds_every_recording_of_a_batch_without_audio_dir(batch: tuple[Path, Path]) -> None:
    calls, out = batch
    store = ReviewStore(out)
    assert store.batch_input is not None and store.batch_input.resolve() == calls.resolve()
    app = client(store)
    for key, rel in KEYS.items():
        assert store.audio_path(key) == (calls / rel).resolve()
        assert 'id="audio"' in app.get(f"/call/{key}").text
        r = app.get(f"/audio/{key}")
        assert r.status_code == 200 and r.content == (calls / rel).read_bytes()
        assert r.headers["content-type"] == ("audio/flac" if rel.endswith(".flac") else "audio/wav")


def test_the_state_alone_or_the_analyses_alone_are_enough(batch: tuple[Path, Path]) -> None:
    """Analyses copied away from their batch state are found through ``recording``; analyses
    written before ``recording`` existed, through the batch state."""
    calls, out = batch
    state = (out / STATE_NAME).read_text(encoding="utf-8")
    (out / STATE_NAME).unlink()
    store = ReviewStore(out)
    assert store.batch_input is None
    assert all(store.audio_path(k) == (calls / rel).resolve() for k, rel in KEYS.items())

    (out / STATE_NAME).write_text(state, encoding="utf-8")
    for key in KEYS:
        path = out / f"{key}.callcoach.json"
        d = json.loads(path.read_text(encoding="utf-8"))
        del d["recording"]
        path.write_text(json.dumps(d), encoding="utf-8")
    assert all(ReviewStore(out).audio_path(k) == (calls / rel).resolve() for k, rel in KEYS.items())


def test_audio_dir_takes_precedence(batch: tuple[Path, Path], tmp_path: Path) -> None:
    calls, out = batch
    copy = tmp_path / "elsewhere"
    shutil.copytree(calls, copy)
    store = ReviewStore(out, audio_roots=[copy])
    for key, rel in KEYS.items():
        assert store.audio_path(key) == (copy / rel).resolve()
    assert client(store).get("/audio/alice/call1").content == (copy / "alice" / "call1.wav").read_bytes()


def test_a_moved_input_folder_says_where_it_looked_and_suggests_audio_dir(
    batch: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls, out = batch
    moved = tmp_path / "archive" / "calls-2024"
    moved.parent.mkdir()
    calls.rename(moved)
    store = ReviewStore(out)
    found = store.find_audio("alice/call1")
    assert found.path is None and found.gone is not None
    message = found.message
    assert "\n" not in message and "Traceback" not in message
    assert "No recording found" in message and "no longer exists" in message
    assert str(calls / "alice" / "call1.wav") in message  # where it looked
    assert f"callcoach review {out} --audio-dir" in message
    page = client(store).get("/call/alice/call1").text
    assert 'id="audio"' not in page and "no longer exists" in page and "--audio-dir" in page
    assert client(store).get("/audio/alice/call1").status_code == 404

    fixed = ReviewStore(out, audio_roots=[moved])
    assert fixed.audio_path("alice/call1") == (moved / "alice" / "call1.wav").resolve()

    # `callcoach review` says so once on stderr, before serving (the server itself not started here).
    import uvicorn

    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: None)
    res = CliRunner().invoke(cli, ["review", str(out), "--no-browser"])
    assert res.exit_code == 0, res.output
    warning = [line for line in res.output.splitlines() if "warning" in line]
    assert len(warning) == 1 and "no longer exists" in warning[0] and "--audio-dir" in warning[0]
    res = CliRunner().invoke(cli, ["review", str(out), "--no-browser", "--audio-dir", str(moved)])
    assert res.exit_code == 0 and "warning" not in res.output


def test_analyze_out_records_the_recording_relative_to_the_output_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("callcoach.pipeline.FasterWhisperTranscriber", lambda *a, **k: CountingFake())
    wav = good_call(tmp_path / "call.wav", 3)
    res = CliRunner().invoke(cli, ["analyze", str(wav), "--out", str(tmp_path / "results"), "-q"])
    assert res.exit_code == 0, res.output
    d = json.loads((tmp_path / "results" / "call.callcoach.json").read_text(encoding="utf-8"))
    assert d["recording"] == "../call.wav" and d["source"] == "call.wav"
    assert list(d)[:4] == ["schema", "callcoach_version", "id", "source"]  # earlier fields unchanged
    store = ReviewStore(tmp_path / "results")
    assert store.audio_path("call") == wav.resolve()
    wav.rename(tmp_path / "gone.wav")
    message = store.find_audio("call").message
    assert "No recording found" in message and str(wav) in message and "--audio-dir" in message


def test_a_transcript_has_no_recording_and_says_so(tmp_path: Path) -> None:
    vtt = tmp_path / "plan.vtt"
    vtt.write_text("WEBVTT\n\n00:00.000 --> 00:03.000\n<v Dana>How do you plan the quarter today?\n\n"
                   "00:03.500 --> 00:06.000\n<v Sam>Spreadsheets, mostly.\n", encoding="utf-8")  # fmt: skip
    res = CliRunner().invoke(cli, ["analyze", str(vtt), "--out", str(tmp_path / "results"), "-q"])
    assert res.exit_code == 0, res.output
    d = json.loads((tmp_path / "results" / "plan.callcoach.json").read_text(encoding="utf-8"))
    assert d["recording"] is None
    found = ReviewStore(tmp_path / "results").find_audio("plan")
    assert found.path is None and "analysed from a transcript" in found.message


def test_what_a_results_folder_records_never_serves_other_files(tmp_path: Path) -> None:
    """``recording`` and the state's ``input_dir`` come from the results folder: only a file with
    an audio extension, of the name the analysis gives as ``source``, inside the recorded input
    folder is served."""
    out = tmp_path / "results"
    (tmp_path / "secret.txt").write_text("not audio")
    (tmp_path / "other.wav").write_bytes(b"RIFF")
    write_analysis(make_call().with_(id="a", source="secret.txt", recording="../secret.txt"), out)
    write_analysis(make_call().with_(id="b", source="b.wav", recording="../other.wav"), out)  # not its name
    write_analysis(make_call().with_(id="c", source="passwd", meta={"path": "etc/passwd"}), out)
    (out / STATE_NAME).write_text(json.dumps({"schema": "callcoach.batch-state/1", "inputs": {}, "input_dir": "/"}))
    store = ReviewStore(out)
    assert [store.audio_path(k) for k in ("a", "b", "c")] == [None, None, None]
    write_analysis(make_call().with_(id="d", source="other.wav", recording="../other.wav"), out)
    assert ReviewStore(out).audio_path("d") == (tmp_path / "other.wav").resolve()


@pytest.mark.parametrize(("where", "expected"), [("sibling", "../calls"), ("inside", ".."), ("same", ".")])
def test_input_dir_is_recorded_relative_to_the_output_folder(tmp_path: Path, where: str, expected: str) -> None:
    calls = tmp_path / "calls"
    out = {"sibling": tmp_path / "results", "inside": calls / "results", "same": calls}[where]
    assert input_dir_ref(calls, out) == expected
    good_call(calls / "bob" / "c.wav", 4)
    run_batch(calls, out, workers=0, options=OPTIONS, backend=BACKEND)
    assert json.loads((out / STATE_NAME).read_text(encoding="utf-8"))["input_dir"] == expected
    assert ReviewStore(out).audio_path("bob/c") == (calls / "bob" / "c.wav").resolve()
    # Reviewing a subfolder of the results finds the state above it.
    assert ReviewStore(out / "bob").audio_path("c") == (calls / "bob" / "c.wav").resolve()


def test_analyze_records_the_absolute_path_so_a_moved_results_folder_still_plays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("callcoach.pipeline.FasterWhisperTranscriber", lambda *a, **k: CountingFake())
    wav = good_call(tmp_path / "calls" / "call.wav", 3)
    res = CliRunner().invoke(cli, ["analyze", str(wav), "--out", str(tmp_path / "results"), "-q"])
    assert res.exit_code == 0, res.output
    d = json.loads((tmp_path / "results" / "call.callcoach.json").read_text(encoding="utf-8"))
    assert d["recording"] == "../calls/call.wav" and d["recording_absolute"] == wav.resolve().as_posix()
    moved = tmp_path / "shared" / "week-1" / "results"
    moved.parent.mkdir(parents=True)
    (tmp_path / "results").rename(moved)  # the relative path now points at nothing
    assert not (moved / d["recording"]).exists()
    store = ReviewStore(moved)
    assert store.audio_path("call") == wav.resolve()
    assert client(store).get("/audio/call").content == wav.read_bytes()
    wav.rename(wav.with_name("gone.wav"))  # and where it looked, when the recording moved too
    message = ReviewStore(moved).find_audio("call").message
    assert "No recording found" in message and str(wav.resolve()) in message


def test_a_recorded_absolute_path_serves_only_an_audio_file_of_the_calls_name(tmp_path: Path) -> None:
    out = tmp_path / "results"
    (tmp_path / "secret.txt").write_text("not audio")
    (tmp_path / "other.wav").write_bytes(b"RIFF")
    for key, source, target in (("a", "secret.txt", "secret.txt"), ("b", "b.wav", "other.wav")):
        write_analysis(make_call().with_(id=key, source=source, recording_absolute=str(tmp_path / target)), out)
    write_analysis(make_call().with_(id="c", source="other.wav", recording_absolute="other.wav"), out)  # not absolute
    store = ReviewStore(out)
    assert [store.audio_path(k) for k in ("a", "b", "c")] == [None, None, None]
    write_analysis(make_call().with_(id="d", source="other.wav", recording_absolute=str(tmp_path / "other.wav")), out)
    assert ReviewStore(out).audio_path("d") == (tmp_path / "other.wav").resolve()
