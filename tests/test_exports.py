"""`--format json,html,srt,vtt,txt` and `--json`: speaker-labelled transcripts made from the
analysis, read back by callcoach itself, and one JSON line per call for scripts. Fake
transcriber and hand-built calls: no model weights."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import callcoach
from callcoach.asr import FakeTranscriber
from callcoach.batch.inputs import find_inputs
from callcoach.call import Attribution, Call, RoleAssignment, Speaker, Utterance, Word
from callcoach.cli import cli
from callcoach.report.transcript import (
    MAX_CUE_SECONDS,
    MAX_LINE_CHARS,
    MAX_LINES,
    cues,
    render_srt,
    render_txt,
    render_vtt,
    speaker_labels,
    split_utterance,
)
from callcoach.transcripts import load_transcript
from tests import test_batch as tb

ALL = "json,html,srt,vtt,txt"


def hand_call(utts: list[tuple[str, float | None, float | None, str]], roles: dict[str, str] | None = None,
              method: str = "diarization", rep_name: str | None = None) -> Call:  # fmt: skip
    """A call of (speaker, start, end, text) utterances; roles default to A rep, B customer."""
    roles = roles or {"A": "rep", "B": "customer"}
    ids = list(dict.fromkeys(s for s, *_ in utts))
    rep = next((s for s in ids if roles.get(s) == "rep"), None)
    return Call(
        id="c",
        source="c.wav",
        duration=max((e for _, _, e, _ in utts if e is not None), default=None),
        channels=1,
        speakers=tuple(Speaker(s, roles.get(s, "unknown"), None, 1.0) for s in ids),  # type: ignore[arg-type]
        utterances=tuple(Utterance(i, s, a, b, t) for i, (s, a, b, t) in enumerate(utts)),
        attribution=Attribution(method, len(ids), 0.9),
        roles=RoleAssignment(rep, "inferred", 0.9, (), name=rep_name),
    )


def worded(
    speaker: str, start: float, words: list[str], step: float = 0.4, gap_after: dict[int, float] | None = None
) -> Utterance:
    """An utterance whose words each last ``step`` seconds (plus a pause after word i in ``gap_after``)."""
    t, ws = start, []
    for i, w in enumerate(words):
        ws.append(Word(round(t, 3), round(t + step - 0.05, 3), w))
        t += step + (gap_after or {}).get(i, 0.0)
    return Utterance(0, speaker, ws[0].start, ws[-1].end, " ".join(words), tuple(ws))


# --------------------------------------------------------------------------------------------
# The formats
# --------------------------------------------------------------------------------------------


def test_srt_vtt_and_txt_are_labelled_timed_and_escaped() -> None:
    call = hand_call([
        ("A", 0.2, 4.7, "Hi Sam, how is the <b>team</b> & the pipeline?"),
        ("B", 3725.5, 3727.25, "Busy -> but good."),
    ])  # fmt: skip
    assert render_srt(call) == (
        "1\n00:00:00,200 --> 00:00:04,700\n[Rep] Hi Sam, how is the\n<b>team</b> & the pipeline?\n\n"
        "2\n01:02:05,500 --> 01:02:07,250\n[Customer] Busy -> but good.\n"
    )  # two lines of at most 42 characters, balanced
    assert render_vtt(call) == (
        "WEBVTT\n\n00:00:00.200 --> 00:00:04.700\n"
        "<v Rep>Hi Sam, how is the\n&lt;b&gt;team&lt;/b&gt; &amp; the pipeline?\n\n"
        "01:02:05.500 --> 01:02:07.250\n<v Customer>Busy -&gt; but good.\n"
    )
    assert render_txt(call) == (
        "[00:00:00] Rep: Hi Sam, how is the <b>team</b> & the pipeline?\n[01:02:05] Customer: Busy -> but good.\n"
    )


def test_labels_name_the_role_and_stay_unique() -> None:
    call = hand_call(
        [("A", 0, 1, "hi"), ("B", 1, 2, "hello"), ("C", 2, 3, "hey"), ("D", 3, 4, "yo")],
        roles={"A": "rep", "B": "customer", "C": "customer"},
    )
    assert speaker_labels(call) == {"A": "Rep", "B": "Customer B", "C": "Customer C", "D": "Speaker D"}
    enrolled = hand_call([("A", 0, 1, "hi"), ("B", 1, 2, "hello")], rep_name="dana")
    assert speaker_labels(enrolled) == {"A": "Rep (dana)", "B": "Customer"}
    named = hand_call([("Dana Smith", 0, 1, "hi"), ("Sam", 1, 2, "hello")],
                      roles={"Dana Smith": "rep", "Sam": "customer"}, method="transcript")  # fmt: skip
    assert speaker_labels(named) == {"Dana Smith": "Rep (Dana Smith)", "Sam": "Customer (Sam)"}


def test_untimed_utterances_are_left_out_of_subtitles_but_not_the_text() -> None:
    call = hand_call([("A", None, None, "How many reps?"), ("B", 2.0, 3.0, "Forty.")])
    assert [c.text for c in cues(call)] == ["Forty."]
    assert render_txt(call) == "Rep: How many reps?\n[00:00:02] Customer: Forty.\n"


def test_a_long_utterance_is_split_at_its_words_times() -> None:
    text = (
        "so the way we run the quarter today is mostly spreadsheets and a weekly call where every rep "
        "reads out their numbers and then we argue about the forecast. It takes hours and nobody trusts it "
        "at the end"
    )
    words = text.split()
    u = worded("A", 10.0, words, gap_after={20: 3.5})  # a long pause after the 21st word
    pieces = split_utterance(u)
    assert len(pieces) >= 3
    assert " ".join(t.replace("\n", " ") for _, _, t in pieces) == u.text  # nothing lost or reordered
    starts = {w.start for w in u.words}
    ends = {w.end for w in u.words}
    assert pieces[0][0] == u.start and pieces[-1][1] == u.end
    for k, (s, e, text) in enumerate(pieces):
        lines = text.split("\n")
        assert e - s <= MAX_CUE_SECONDS and len(lines) <= MAX_LINES and all(len(x) <= MAX_LINE_CHARS for x in lines)
        assert (k == 0 or s in starts) and (k == len(pieces) - 1 or e in ends)  # cut at word times
        assert k == 0 or s >= pieces[k - 1][1]
    # the pause after the 21st word ends a cue
    assert any(text.replace("\n", " ").endswith(" ".join(words[:21])[-20:]) for _, _, text in pieces)


def test_without_words_a_long_utterance_is_split_by_characters() -> None:
    text = " ".join(["we looked at three vendors last year and none of them fit how we sell"] * 3)
    u = Utterance(0, "B", 100.0, 121.0, text)
    pieces = split_utterance(u)
    assert len(pieces) >= 3 and pieces[0][0] == 100.0 and pieces[-1][1] == 121.0
    assert all(e - s <= MAX_CUE_SECONDS for s, e, _ in pieces)
    assert " ".join(t.replace("\n", " ") for _, _, t in pieces) == text


def test_a_wrapped_line_never_reads_back_as_a_speaker(tmp_path: Path) -> None:
    """A second line starting "Price:" or "[CARD]" would start a new speaker in SRT; such
    utterances stay on one line, and the SRT reads back with the speakers it was written with."""
    call = hand_call([
        ("A", 0.0, 5.0, "We went over the numbers for the whole team. Price: forty dollars a seat"),
        ("B", 5.0, 9.0, "Sure, my card number is on the form you sent. [CARD] expires soon"),
    ])  # fmt: skip
    path = tmp_path / "c.srt"
    path.write_text(render_srt(call), encoding="utf-8")
    back = load_transcript(path)
    assert [(u.speaker, u.text) for u in back.utterances] == [
        ("Rep", call.utterances[0].text),
        ("Customer", call.utterances[1].text),
    ]


def test_vtt_reads_back_as_the_same_utterances(tmp_path: Path) -> None:
    call = hand_call([
        ("A", 0.25, 3.5, "Hi Sam & team, is <this> a good time?"),
        ("B", 3.75, 6.125, "Agenda: pricing, then rollout."),
        ("A", 6.5, 9.0, "[CARD] stays hidden; what's the budget?"),
    ])  # fmt: skip
    path = tmp_path / "c.vtt"
    path.write_text(render_vtt(call), encoding="utf-8")
    back = load_transcript(path)
    labels = speaker_labels(call)
    assert [(labels[u.speaker], u.start, u.end, u.text) for u in call.utterances] == [
        (u.speaker, u.start, u.end, u.text) for u in back.utterances
    ]
    named = hand_call([("Dana <Acme>", 0.0, 1.0, "Hi."), ("Sam & Co", 1.0, 2.0, "Hello.")],
                      roles={"Dana <Acme>": "rep"}, method="transcript")  # fmt: skip
    path.write_text(render_vtt(named), encoding="utf-8")
    assert "<v Rep (Dana &lt;Acme&gt;)>" in path.read_text(encoding="utf-8")
    assert [u.speaker for u in load_transcript(path).utterances] == ["Rep (Dana <Acme>)", "Speaker (Sam & Co)"]


def test_analysing_the_exported_vtt_gives_the_same_call(stereo_call: Path, tmp_path: Path) -> None:
    fake = FakeTranscriber(scripts=[["how", "many", "reps", "do", "you", "have?", "and", "when"], ["about", "forty"]])
    call = callcoach.analyze(stereo_call, transcriber=fake, rep_channel="left", out=tmp_path / "a", formats="vtt")
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["call.callcoach.json", "call.callcoach.vtt"]
    again = callcoach.analyze(tmp_path / "a" / "call.callcoach.vtt", rep="Rep")
    labels = speaker_labels(call)
    assert [labels[u.speaker] for u in call.utterances] == [u.speaker for u in again.utterances]
    assert [u.text for u in call.utterances] == [u.text for u in again.utterances]
    for u, v in zip(call.utterances, again.utterances, strict=True):
        assert (v.start, v.end) == pytest.approx((u.start, u.end), abs=0.0006)
    assert [(s.id, s.role) for s in again.speakers] == [("Rep", "rep"), ("Customer", "customer")]
    assert again.metrics["talk"]["rep_talk_pct"] == pytest.approx(call.metrics["talk"]["rep_talk_pct"], abs=0.5)


# --------------------------------------------------------------------------------------------
# The CLI: --format and --json
# --------------------------------------------------------------------------------------------


@pytest.fixture
def fake_asr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("callcoach.pipeline.FasterWhisperTranscriber", lambda *a, **k: FakeTranscriber())


def test_format_writes_each_file_from_the_same_analysis(stereo_call: Path, tmp_path: Path, fake_asr: None) -> None:
    out = tmp_path / "o"
    res = CliRunner().invoke(
        cli, ["analyze", str(stereo_call), "-o", str(out), "--rep-channel", "left", "--format", ALL]
    )
    assert res.exit_code == 0, res.output
    names = sorted(p.name for p in out.iterdir())
    assert names == ["call.callcoach.json", "call.callcoach.srt", "call.callcoach.txt", "call.callcoach.vtt",
                     "call.scorecard.html"]  # fmt: skip
    data = json.loads((out / "call.callcoach.json").read_text(encoding="utf-8"))
    txt = (out / "call.callcoach.txt").read_text(encoding="utf-8").splitlines()
    assert [line.split("] ", 1)[1] for line in txt] == [
        f"{'Rep' if u['speaker'] == 'left' else 'Customer'}: {u['text']}" for u in data["utterances"]
    ]
    srt = (out / "call.callcoach.srt").read_text(encoding="utf-8")
    assert srt.count(" --> ") == len(data["utterances"]) and "[Rep] " in srt and "[Customer] " in srt


def test_the_default_is_json_and_html_and_the_json_is_always_written(stereo_call: Path, tmp_path: Path,
                                                                     fake_asr: None) -> None:  # fmt: skip
    res = CliRunner().invoke(cli, ["analyze", str(stereo_call), "-o", str(tmp_path / "d"), "-q"])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == ["call.callcoach.json", "call.scorecard.html"]
    res = CliRunner().invoke(cli, ["analyze", str(stereo_call), "-o", str(tmp_path / "s"), "-q", "--format", "srt"])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == ["call.callcoach.json", "call.callcoach.srt"]


def test_an_unknown_format_is_one_line_naming_the_known_ones(stereo_call: Path, tmp_path: Path, fake_asr: None) -> None:
    res = CliRunner().invoke(cli, ["analyze", str(stereo_call), "-o", str(tmp_path / "x"), "--format", "json,docx"])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert res.stderr.strip().splitlines()[-1] == (
        "callcoach: error: --format: unknown format 'docx'; give a comma list of json, html, srt, vtt, txt "
        "(e.g. --format json,html,vtt)"
    )
    assert not (tmp_path / "x").exists()


def test_json_prints_one_machine_readable_line_on_stdout(stereo_call: Path, tmp_path: Path, fake_asr: None) -> None:
    out = tmp_path / "o"
    res = CliRunner().invoke(cli, ["analyze", str(stereo_call), "-o", str(out), "--rep-channel", "left", "--json",
                                   "--format", "json,vtt"])  # fmt: skip
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    data = json.loads((out / "call.callcoach.json").read_text(encoding="utf-8"))
    assert record["type"] == "call" and record["status"] == "analysed" and record["input"] == str(stereo_call)
    assert record["outputs"] == {"analysis": str(out / "call.callcoach.json"), "vtt": str(out / "call.callcoach.vtt")}
    card = data["scorecard"]
    assert record["score"] == (None if card["score"] is None else round(card["score"], 1))
    assert record["score_status"] == card.get("status", "scored") and record["duration"] == data["duration"]
    assert (record["layout"], record["speakers"], record["attribution"], record["rep"]) == (
        "stereo", 2, "stereo-channels", "left")  # fmt: skip
    assert "[asr]" in res.stderr and "speaker(s) by stereo-channels" in res.stderr  # the human lines go to stderr


def test_json_reports_a_failure_on_stdout_too(tmp_path: Path) -> None:
    missing = tmp_path / "nope.wav"
    res = CliRunner().invoke(cli, ["analyze", str(missing), "-o", str(tmp_path / "o"), "--json"])
    assert res.exit_code == 1 and "Traceback" not in res.output
    record = json.loads(res.stdout)
    assert (record["status"], record["input"]) == ("failed", str(missing)) and "nope.wav" in record["error"]
    assert record["error"] in res.stderr


def test_untimed_transcript_warns_that_subtitles_leave_utterances_out(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_text(json.dumps({"utterances": [{"speaker": "A", "text": "How many reps?"},
                                               {"speaker": "B", "text": "Forty."}],
                                "roles": {"A": "rep"}}), encoding="utf-8")  # fmt: skip
    res = CliRunner().invoke(cli, ["analyze", str(path), "-o", str(tmp_path / "o"), "-q", "--format", "txt,vtt"])
    assert res.exit_code == 0, res.output
    assert "2 of 2 utterances have no times" in res.stderr
    assert (tmp_path / "o" / "notes.callcoach.vtt").read_text(encoding="utf-8") == "WEBVTT\n"
    txt = (tmp_path / "o" / "notes.callcoach.txt").read_text(encoding="utf-8")
    assert txt == "Rep (A): How many reps?\nCustomer (B): Forty.\n"


# --------------------------------------------------------------------------------------------
# batch --format / --json
# --------------------------------------------------------------------------------------------


def _batch(calls: Path, out: Path, *extra: str) -> tuple[int, list[dict], str]:
    res = CliRunner().invoke(cli, ["batch", str(calls), "--out", str(out), "--workers", "0", "--json", *extra])
    return res.exit_code, [json.loads(x) for x in res.stdout.splitlines()], res.stderr


def test_batch_json_lines_and_a_format_added_later_without_analysing_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("callcoach.pipeline.FasterWhisperTranscriber", lambda *a, **k: tb.CountingFake())
    calls, out = tmp_path / "calls", tmp_path / "results"
    tb.good_call(calls / "alice" / "call1.wav", 1)
    tb.good_call(calls / "call2.wav", 2)
    (calls / "bad.wav").write_bytes(b"not audio at all")
    tb.TRANSCRIBED.clear()
    code, lines, err = _batch(calls, out)
    assert code == 1  # bad.wav failed
    by = {x.get("key"): x for x in lines if x["type"] == "call"}
    assert {k: v["status"] for k, v in by.items()} == {"alice/call1.wav": "analysed", "call2.wav": "analysed",
                                                       "bad.wav": "failed"}  # fmt: skip
    assert by["alice/call1.wav"]["outputs"] == {
        "analysis": str(out / "alice" / "call1.callcoach.json"),
        "scorecard": str(out / "alice" / "call1.scorecard.html"),
    }
    row = json.loads((out / "alice" / "call1.callcoach.json").read_text(encoding="utf-8"))
    score = row["scorecard"]["score"]
    assert by["alice/call1.wav"]["score"] == (None if score is None else pytest.approx(score, abs=0.05))
    assert by["alice/call1.wav"]["rep"] == "alice" and "bad.wav" in by["bad.wav"]["error"]
    summary = lines[-1]
    assert (summary["type"], summary["status"], summary["analysed"], summary["failed"]) == ("batch", "failed", 2, 1)
    assert "2 analysed" in err  # the human summary is on stderr
    analysed = len(tb.TRANSCRIBED)

    code, lines, _ = _batch(calls, out, "--format", "json,html,vtt,txt")
    assert len(tb.TRANSCRIBED) == analysed  # nothing analysed again: the new files come from the analyses
    by = {x.get("key"): x for x in lines if x["type"] == "call"}
    assert by["call2.wav"]["status"] == "skipped"
    assert (by["bad.wav"]["status"], by["bad.wav"]["known"]) == ("failed", True)
    assert set(by["call2.wav"]["outputs"]) == {"analysis", "scorecard", "vtt", "txt"}
    vtt = out / "alice" / "call1.callcoach.vtt"
    assert load_transcript(vtt).utterances  # a real transcript, read back by callcoach
    state = json.loads((out / ".callcoach-batch.json").read_text(encoding="utf-8"))
    assert "alice/call1.callcoach.vtt" in state["inputs"]["alice/call1.wav"]["outputs"]
    # The exports are never taken for inputs (OUT may be INPUT): the calls are not analysed twice.
    assert [i.rel for i in find_inputs(out, tmp_path / "re")] == []
    assert [i.rel for i in find_inputs(calls, calls)] == ["alice/call1.wav", "bad.wav", "call2.wav"]


def test_a_reanalysed_call_drops_files_of_formats_no_longer_asked_for(tmp_path: Path) -> None:
    calls, out = tmp_path / "calls", tmp_path / "results"
    tb.good_call(calls / "a.wav", 1)
    from callcoach.batch import run_batch

    run_batch(calls, out, workers=0, options=tb.OPTIONS, backend=tb.BACKEND, formats="json,html,srt")
    assert (out / "a.callcoach.srt").is_file()
    tb.good_call(calls / "a.wav", 7)  # new bytes: analysed again, now without srt
    r = run_batch(calls, out, workers=0, options=tb.OPTIONS, backend=tb.BACKEND, formats="json,html")
    assert r.analysed == 1
    assert sorted(p.name for p in out.glob("a.*")) == ["a.callcoach.json", "a.scorecard.html"]


def test_batch_refuses_an_unknown_format_before_writing_anything(tmp_path: Path) -> None:
    calls = tmp_path / "calls"
    tb.good_call(calls / "a.wav", 1)
    code, lines, err = _batch(calls, tmp_path / "results", "--format", "json,pdf")
    assert code == 1 and "unknown format 'pdf'" in err and "Traceback" not in err
    assert lines == [{"type": "batch", "status": "failed", "error": lines[0]["error"]}] and "pdf" in lines[0]["error"]
    assert not (tmp_path / "results").exists()


def test_a_cue_never_holds_only_punctuation(tmp_path: Path) -> None:
    """Readers drop a cue without a word: "..." cut off by pauses joins a neighbouring cue."""
    u = worded("A", 0.0, ["we", "agreed", "on", "it", "...", "next", "steps"], gap_after={3: 3.5, 4: 3.5})
    pieces = split_utterance(u)
    assert [t for _, _, t in pieces] == ["we agreed on it ...", "next steps"]
    call = hand_call([("A", 0.0, 1.0, "Hi.")]).with_(utterances=(u,))
    path = tmp_path / "c.vtt"
    path.write_text(render_vtt(call), encoding="utf-8")
    assert " ".join(x.text for x in load_transcript(path).utterances) == u.text
