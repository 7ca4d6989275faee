"""Calibration rounds: Krippendorff's alpha against hand-computed and published values, a simulated
round of 3 coaches and 10 calls with known disagreement, the machine as one more rater and as
the outlier, blindness enforced by the server, and rounds that survive a database rebuild.

Fast: hand-built calls (tests.test_review_core), no models.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from callcoach.review.app import create_app
from callcoach.review.calibration import (
    alpha,
    coach_distances,
    consensus,
    dimension_agreement,
    machine_distance,
    machine_is_outlier,
    round_report,
)
from callcoach.review.calibration_store import (
    REVIEW_DATA_DIR,
    ROUND_SCHEMA,
    ROUNDS_DIR,
    CalibrationError,
    CalibrationStore,
    sample_calls,
)
from callcoach.review.store import ReviewStore
from tests.test_review_core import TURNS
from tests.test_review_store import drop_db, put

BASE = "http://127.0.0.1:8765"
SAME_SITE = {"origin": BASE, "sec-fetch-site": "same-origin"}
N = None


# ------------------------------------------------------------------------------------------
# Independent reference: interval alpha by the variance form of the coincidence formula.
#
# For the interval metric, sum over ordered pairs i != j of (x_i - x_j)^2 = 2 m SS (SS: the sum of
# squared deviations from the mean of those m values). Putting that into Krippendorff's
# D_o = (1/n) sum_u 1/(m_u - 1) sum_{i!=j} delta2 and D_e = 1/(n(n-1)) sum_{i!=j over all n} delta2:
#     alpha = 1 - (n - 1) * sum_u [m_u SS_u / (m_u - 1)] / (n * SS_total)
# Written out here separately from the module's coincidence-matrix code.


def hand_alpha_interval(rows: Sequence[Sequence[float | None]]) -> float:
    units = [[float(v) for v in r if v is not None] for r in rows]
    units = [u for u in units if len(u) >= 2]
    values = [v for u in units for v in u]
    n = len(values)

    def ss(xs: list[float]) -> float:
        mu = sum(xs) / len(xs)
        return sum((x - mu) ** 2 for x in xs)

    within = sum(len(u) * ss(u) / (len(u) - 1) for u in units)
    return 1 - (n - 1) * within / (n * ss(values))


def hand_alpha_nominal(rows: Sequence[Sequence[float | None]]) -> float:
    """Nominal alpha from a dense coincidence matrix over the categories, as in Krippendorff
    (2011) section C: o_ck, n_c, then 1 - (n-1) sum_{c!=k} o_ck / sum_{c!=k} n_c n_k."""
    cats = sorted({v for r in rows for v in r if v is not None})
    ix = {c: i for i, c in enumerate(cats)}
    o = [[0.0] * len(cats) for _ in cats]
    for r in rows:
        vals = [v for v in r if v is not None]
        m = len(vals)
        for a in range(m):
            for b in range(m):
                if a != b:
                    o[ix[vals[a]]][ix[vals[b]]] += 1 / (m - 1)
    n_c = [sum(row) for row in o]
    n = sum(n_c)
    off = sum(o[c][k] for c in range(len(cats)) for k in range(len(cats)) if c != k)
    exp = sum(n_c[c] * n_c[k] for c in range(len(cats)) for k in range(len(cats)) if c != k)
    return 1 - (n - 1) * off / exp


# ------------------------------------------------------------------------------------------
# Alpha


#: Krippendorff (2011), "Computing Krippendorff's alpha-reliability", example C (also the
#: example on Wikipedia's page): 4 observers, 12 units, values 1..5, missing data. Published:
#: nominal alpha = 0.743, interval alpha = 0.849. Rows are units, columns observers A..D.
TEXTBOOK = [
    [1, 1, N, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
    [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [N, 5, 5, 5], [N, N, 1, 1], [N, 3, N, N],
]  # fmt: skip


def test_the_textbook_example_gives_the_published_alphas() -> None:
    assert round(alpha(TEXTBOOK, "nominal"), 3) == 0.743
    assert round(alpha(TEXTBOOK, "interval"), 3) == 0.849
    assert alpha(TEXTBOOK, "interval") == pytest.approx(hand_alpha_interval(TEXTBOOK))
    assert alpha(TEXTBOOK, "nominal") == pytest.approx(hand_alpha_nominal(TEXTBOOK))


def test_two_observers_binary_example_a() -> None:
    # Krippendorff (2011) example A: two observers, ten units, 0/1; published alpha = 0.095.
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert round(alpha(list(zip(a, b, strict=True)), "nominal"), 3) == 0.095


def test_a_small_matrix_by_hand() -> None:
    # Units (1,2), (2,3), (3,3): n = 6 pairable values.
    # Interval: D_o = [(1+1) + (1+1) + 0] / 6 = 4/6 (each unit's two ordered pairs, weight 1/(2-1)).
    #   All values 1,2,2,3,3,3: mean 7/3, SS = 16/9 + 2/9 + 12/9 = 10/3, so the sum over ordered
    #   pairs of (x_i - x_j)^2 = 2 * 6 * 10/3 = 40 and D_e = 40 / (6 * 5) = 4/3. alpha = 1 - (4/6)/(4/3) = 0.5.
    # Nominal: D_o = 4/6; n_1 = 1, n_2 = 2, n_3 = 3, sum_{c!=k} n_c n_k = 36 - 14 = 22, D_e = 22/30;
    #   alpha = 1 - (4/6) / (22/30) = 1 - 10/11 = 1/11.
    m = [[1, 2], [2, 3], [3, 3]]
    assert alpha(m) == pytest.approx(0.5)
    assert alpha(m, "nominal") == pytest.approx(1 / 11)


def test_missing_values_and_lone_values_are_left_out() -> None:
    m = [[1, 2, N], [N, 2, 3], [3, 3, N], [N, N, 5], [float("nan"), 4, N]]
    # the last two units have one value each: not pairable, so alpha is that of the first three
    assert alpha(m) == pytest.approx(alpha([[1, 2], [2, 3], [3, 3]]))
    assert alpha(m) == pytest.approx(0.5)


def test_alpha_is_one_for_perfect_agreement_and_undefined_without_variation() -> None:
    assert alpha([[1, 1, 1], [4, 4, 4], [2, 2, N]]) == pytest.approx(1.0)
    assert alpha([[3, 3], [3, 3]]) is None  # no variation: agreement cannot be told from chance
    assert alpha([[1, N], [N, 2]]) is None  # nothing pairable
    assert alpha([]) is None
    with pytest.raises(ValueError, match="interval"):
        alpha([[1, 2]], "ordinalish")  # type: ignore[arg-type]


def test_alpha_below_chance_is_negative() -> None:
    assert alpha([[0, 10], [10, 0], [0, 10]]) < 0


def test_consensus_is_the_median_of_two_or_more_coaches() -> None:
    assert consensus([0, 0, 9]) == 0  # one coach far off does not move it
    assert consensus([2, 4]) == 3
    assert consensus([5, None]) is None  # one opinion is not a consensus
    assert consensus([1, 3, 8, 10]) == 5.5


# ------------------------------------------------------------------------------------------
# A simulated round: 3 coaches, 10 calls, known disagreement

CALLS = [f"c{i}" for i in range(10)]
T = list(range(10))  # what the calls deserve, 0..9 points (of 10)
ANA = T
BEN = T
CY = [t + 1 if t % 2 == 0 else t - 1 for t in T]  # one point off on every call, up and down in turn
IN_LINE = T  # the machine agrees with Ana and Ben
REVERSED = [9 - t for t in T]  # the machine has it backwards


def simulated() -> tuple[dict, dict]:
    coaches = {name: {k: {"discovery": a, "next_step": a} for k, a in zip(CALLS, pts, strict=True)}
               for name, pts in (("ana", ANA), ("ben", BEN), ("cy", CY))}  # fmt: skip
    machine = {k: {"discovery": m, "next_step": r} for k, m, r in zip(CALLS, IN_LINE, REVERSED, strict=True)}
    return coaches, machine


def test_a_simulated_round_reports_the_alpha_computed_by_hand() -> None:
    # Coaches only, on either dimension: every call has values (t, t, t+-1), SS_u = 2/9 + 2/9 + ...
    # = (1/3)^2 * 2 + (2/3)^2 = 2/3, so m SS/(m-1) = 3 * (2/3) / 2 = 1 per call, 10 in all; n = 30.
    # Cy's values are a permutation of 0..9, so all 30 values are three copies of 0..9:
    # SS_total = 3 * 82.5 = 247.5. alpha = 1 - 29 * 10 / (30 * 247.5) = 1 - 290/7425 = 0.96094.
    #
    # With the machine in line on "discovery" (values t, t, t+-1, t): SS_u = 3/16 + 9/16 = 3/4,
    # m SS/(m-1) = 4 * (3/4) / 3 = 1 per call; n = 40, four copies of 0..9: SS_total = 330;
    # alpha = 1 - 39 * 10 / (40 * 330) = 1 - 390/13200 = 0.97045 (the machine helps).
    #
    # With the machine reversed on "next_step" (values t, t, t+-1, 9-t): SS_u per call is
    # 57, 41, 17, 9, 1, 1, 9, 17, 41, 57 (e.g. 0,0,1,9: mean 2.5, 6.25+6.25+2.25+42.25 = 57),
    # sum of 4 SS/3 = 4 * 250 / 3 = 1000/3; SS_total = 330 (still four copies of 0..9);
    # alpha = 1 - 39 * (1000/3) / (40 * 330) = 1 - 13000/13200 = 1/66 = 0.01515.
    coaches, machine = simulated()
    report = round_report([("discovery", "Discovery", 10.0), ("next_step", "Next step", 10.0)], CALLS, coaches, machine)
    disc, nxt = report.dimensions
    assert disc.alpha_coaches == pytest.approx(1 - 290 / 7425) and round(disc.alpha_coaches, 3) == 0.961
    assert nxt.alpha_coaches == pytest.approx(1 - 290 / 7425)
    assert disc.alpha_with_machine == pytest.approx(1 - 390 / 13200) and round(disc.alpha_with_machine, 3) == 0.970
    assert nxt.alpha_with_machine == pytest.approx(1 / 66) and round(nxt.alpha_with_machine, 3) == 0.015
    # and the independent variance-form computation agrees
    rows = [[a, b, c] for a, b, c in zip(ANA, BEN, CY, strict=True)]
    assert disc.alpha_coaches == pytest.approx(hand_alpha_interval(rows))
    assert nxt.alpha_with_machine == pytest.approx(hand_alpha_interval([[*r, m] for r, m in zip(rows, REVERSED, strict=True)]))
    # Outlier rule. Machine in line: |t - mean(t, t, t+-1)| = 1/3 on every call. Coaches: Ana and
    # Ben are |t - mean(t, t+-1)| = 0.5 from the others, Cy |t+-1 - t| = 1. Margin: 10% of 10 points.
    assert disc.machine_distance == pytest.approx(1 / 3)
    assert disc.coach_distances == pytest.approx({"ana": 0.5, "ben": 0.5, "cy": 1.0})
    assert not disc.machine_outlier
    # Machine reversed: mean |(9 - t) - coaches' mean| = 74/15 = 4.93 points >= 1.0 + 1.0.
    assert nxt.machine_distance == pytest.approx(74 / 15)
    assert nxt.machine_outlier and [d.dimension for d in report.outliers] == ["next_step"]
    assert nxt.alpha_change == pytest.approx((1 - 290 / 7425) - 1 / 66)
    # Consensus: the median of (t, t, t+-1) is t on every call.
    assert [report.consensus[k]["discovery"] for k in CALLS] == T
    assert report.coaches_per_cell["c3"]["next_step"] == 3


def test_the_outlier_rule_needs_a_clear_margin() -> None:
    rows = [[4, 4, 4], [6, 6, 6], [2, 2, 2]]  # the coaches agree exactly
    assert machine_distance(rows, [4.5, 6.5, 2.5]) == pytest.approx(0.5)
    assert coach_distances(rows) == [0, 0, 0]
    assert not machine_is_outlier(0.5, [0, 0, 0], margin=1.0)  # half a point off a 10-point dimension
    assert machine_is_outlier(3.0, [0, 0, 0], margin=1.0)
    assert not machine_is_outlier(None, [0.0], margin=0) and not machine_is_outlier(1.0, [None], margin=0)
    a = dimension_agreement("d", ["a", "b", "c"], {"x": {"a": 4, "b": 6, "c": 2}, "y": {"a": 4, "b": 6, "c": 2}},
                            {"a": 10, "b": 0, "c": 10}, max_points=10)  # fmt: skip
    assert a.machine_outlier and a.margin == pytest.approx(1.0) and a.alpha_coaches == pytest.approx(1.0)
    assert a.alpha_with_machine < 0


# ------------------------------------------------------------------------------------------
# Sampling


def test_sampling_is_seeded_and_stratified_spans_the_scores() -> None:
    entries = [(f"k{i:02d}", float(i)) for i in range(12)]
    assert sample_calls(entries, 4, "random", 7) == sample_calls(list(reversed(entries)), 4, "random", 7)
    strat = sample_calls(entries, 4, "stratified", 7)
    assert sorted(int(k[1:]) // 3 for k in strat) == [0, 1, 2, 3]  # one call from each quarter of the scores
    assert strat == sample_calls(entries, 4, "stratified", 7)
    seeds = {tuple(sample_calls(entries, 4, "stratified", s)) for s in range(20)}
    assert len(seeds) > 1
    with pytest.raises(CalibrationError, match="between 2 and 12"):
        sample_calls(entries, 13, "random", 1)
    with pytest.raises(CalibrationError, match="random or stratified"):
        sample_calls(entries, 3, "alphabetical", 1)


# ------------------------------------------------------------------------------------------
# Store and app


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Twelve scored calls of two reps (different lengths and roles, so different scores) and a
    voicemail-like one-line call that has no score."""
    root = tmp_path / "results"
    root.mkdir()
    n = 0
    for k in range(4, 10):
        for rep in "RC":
            put(root, f"{'dana' if n % 2 else 'eli'}/call{n:02d}", rep=rep, turns=TURNS[:k],
                meta={"rep": "<script>alert(1)</script>" if n == 0 else ("dana" if n % 2 else "eli")})  # fmt: skip
            n += 1
    put(root, "eli/short", turns=TURNS[:3])
    return root


def client(folder: Path, coach: str) -> TestClient:
    return TestClient(create_app(ReviewStore(folder), coach=coach), base_url=BASE)


def token(c: TestClient) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', c.get("/calibration").text)
    assert found
    return found.group(1)


def start_round(c: TestClient, **fields: str) -> str:
    data = {"csrf": token(c), "size": "10", "method": "stratified", "seed": "11", **fields}
    r = c.post("/calibration", data=data, headers=SAME_SITE, follow_redirects=False)
    assert r.status_code == 303, r.text
    return r.headers["location"].rsplit("/", 1)[1]


def sheet(rid_calls: Sequence[str], dims: dict[str, Sequence[float]]) -> dict[str, str]:
    """Form fields: ``dims[dimension][i]`` points for the i-th call of the round."""
    return {f"p.{i}.{d}": str(v[i]) for d, v in dims.items() for i in range(len(rid_calls))}


def submit(c: TestClient, rid: str, fields: dict[str, str], action: str = "submit") -> None:
    r = c.post(f"/calibration/{rid}", data={"csrf": token(c), "action": action, **fields}, headers=SAME_SITE, follow_redirects=False)
    assert r.status_code == 303, r.text


def test_a_round_through_the_app_reports_the_hand_computed_alpha(folder: Path) -> None:
    ana, ben, cy = (client(folder, n) for n in ("ana", "ben", "cy"))
    rid = start_round(ana)
    info = ana.get(f"/api/calibration/{rid}").json()
    assert len(info["calls"]) == 10 and "eli/short" not in info["calls"]  # no score, not sampled
    assert info["rubric"] == "discovery@1" and info["sampling"] == {"method": "stratified", "seed": 11, "size": 10, "pool": 12}
    assert info["rubric_hash"] == ReviewStore(folder).resolved_rubric(info["calls"][0]).sha256
    for c, pts in ((ana, ANA), (ben, BEN), (cy, CY)):
        submit(c, rid, sheet(info["calls"], {"questions": pts, "next_step": pts}))
    got = cy.get(f"/api/calibration/{rid}").json()
    dims = {d["id"]: d for d in got["report"]["dimensions"]}
    for dim in ("questions", "next_step"):
        assert round(dims[dim]["alpha_coaches"], 3) == 0.961
        machine = [got["machine"][k][dim] for k in info["calls"]]
        rows = [[a, b, c, m] for a, b, c, m in zip(ANA, BEN, CY, machine, strict=True)]
        assert dims[dim]["alpha_with_machine"] == pytest.approx(hand_alpha_interval(rows))
    assert dims["talk_ratio"]["alpha_coaches"] is None and dims["talk_ratio"]["calls"] == 0  # nobody scored it
    page = cy.get(f"/calibration/{rid}").text
    assert 'id="agree-questions"' in page and "0.961" in page


def test_the_server_keeps_a_coach_blind_until_they_submit(folder: Path) -> None:
    kim, lee = client(folder, "kim"), client(folder, "lee")
    rid = start_round(kim, size="4")
    calls = kim.get(f"/api/calibration/{rid}").json()["calls"]
    submit(lee, rid, sheet(calls, {"questions": [6.75] * 4}))
    submit(kim, rid, sheet(calls, {"questions": [3.25] * 4}), action="save")  # a draft

    before = kim.get(f"/calibration/{rid}").text
    assert "6.75" not in before and 'id="report"' not in before and ">Machine<" not in before
    assert 'value="3.25"' in before and 'id="sheet-form"' in before  # her own draft, editable
    blind = kim.get(f"/api/calibration/{rid}").json()
    assert not blind["revealed"] and blind["submitted"] == ["lee"]
    assert not {"others", "machine", "report"} & set(blind)
    assert blind["own"]["scores"][calls[0]] == {"questions": 3.25}
    # nor does the rest of the app show her the sampled calls' points
    r = kim.get(f"/call/{calls[0]}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/calibration/{rid}/call/{calls[0]}"
    listen = kim.get(r.headers["location"]).text
    assert 'id="dimensions"' not in listen and "data-tags" not in listen and "pts" not in listen
    assert kim.get(f"/api/call/{calls[0]}").status_code == 403
    assert kim.get(f"/scorecard/{calls[0]}").status_code == 403
    override = {"csrf": token(kim), "action": "override", "dimension": "questions", "points": "1", "reason": "x"}
    assert kim.post(f"/call/{calls[0]}", data=override, headers=SAME_SITE).status_code == 403
    unsampled = next(k for k in (f"dana/call{n:02d}" for n in range(1, 12, 2)) if k not in calls)
    assert kim.get(f"/call/{unsampled}").status_code == 200  # other calls are as always

    submit(kim, rid, sheet(calls, {"questions": [3.25] * 4}))
    after = kim.get(f"/calibration/{rid}").text
    assert "6.75" in after and 'id="report"' in after and ">Machine<" in after and 'id="sheet-form"' not in after
    seen = kim.get(f"/api/calibration/{rid}").json()
    assert seen["revealed"] and seen["others"]["lee"][calls[0]] == {"questions": 6.75} and set(seen["machine"]) == set(calls)
    assert kim.get(f"/call/{calls[0]}").status_code == 200
    # a submitted sheet stays as it was
    r = kim.post(f"/calibration/{rid}", data={"csrf": token(kim), "action": "submit", **sheet(calls, {"questions": [9] * 4})},
                 headers=SAME_SITE)  # fmt: skip
    assert r.status_code == 400 and "already submitted" in r.text


def test_forms_need_the_token_and_points_in_range(folder: Path) -> None:
    kim = client(folder, "kim")
    r = kim.post("/calibration", data={"size": "3"}, headers=SAME_SITE, follow_redirects=False)
    assert r.status_code == 303 and "error=" in r.headers["location"]  # refused, said on the page
    assert "out of date" in kim.get(r.headers["location"]).text
    assert kim.get("/api/calibration/20260101-000000-abcdef").status_code == 404
    rid = start_round(kim, size="3")
    r = kim.post(f"/calibration/{rid}", data={"action": "save", "p.0.questions": "1"}, headers=SAME_SITE)
    assert r.status_code == 403
    r = kim.post(f"/calibration/{rid}", data={"csrf": token(kim), "action": "save", "p.0.questions": "11"}, headers=SAME_SITE)
    assert r.status_code == 400 and "between 0 and 10" in r.text
    r = kim.post(f"/calibration/{rid}", data={"csrf": token(kim), "action": "submit"}, headers=SAME_SITE)
    assert r.status_code == 400 and "at least one call" in r.text
    r = kim.post(f"/calibration/{rid}", data={"csrf": token(kim), "action": "close"}, headers=SAME_SITE)
    assert r.status_code == 400 and "at least two coaches" in r.text
    r = kim.post("/calibration", data={"csrf": token(kim), "size": "40"}, headers=SAME_SITE, follow_redirects=False)
    assert "between%202%20and%2012" in r.headers["location"]


def rounds_dir(folder: Path) -> Path:
    return folder / REVIEW_DATA_DIR / ROUNDS_DIR


def test_a_round_and_its_gold_survive_a_database_rebuild(folder: Path) -> None:
    store = ReviewStore(folder)
    cal = CalibrationStore(store)
    rnd = cal.start(size=5, created_by="ana", method="random", seed=3)
    keys = rnd.calls
    for coach, pts in (("ana", [0, 2, 4, 6, 8]), ("ben", [0, 2, 4, 6, 9]), ("cy", [1, 2, 5, 6, 8])):
        cal.save(rnd.id, coach, {k: {"questions": p, "next_step": 15 - p} for k, p in zip(keys, pts, strict=True)}, submit=True)
    cal.save(rnd.id, "dee", {keys[0]: {"questions": 10}})  # a draft: never counted
    report = cal.close(rnd.id, "ana")
    assert [report.consensus[k]["questions"] for k in keys] == [0, 2, 4, 6, 8]
    gold = cal.gold(keys[4])
    assert gold["questions"].points == 8 and gold["next_step"].points == 7 and gold["questions"].coaches == 3
    assert gold["questions"].rubric == "discovery@1" and "talk_ratio" not in gold  # nobody scored it
    path = rounds_dir(folder) / f"{rnd.id}.json"
    side = json.loads(path.read_text())
    assert side["schema"] == ROUND_SCHEMA and side["status"] == "closed" and side["rubric"] == "discovery@1"
    assert [r["coach"] for r in side["raters"]] == ["ana", "ben", "cy", "dee"] and side["raters"][3]["submitted_at"] is None
    assert not [p for p in rounds_dir(folder).iterdir() if p.name.startswith(".")]  # no temp file left
    before = (cal.rounds(), cal.view(rnd.id, "ben"), cal.view(rnd.id, "dee"), {k: cal.gold(k) for k in keys})
    store.close()

    drop_db(folder)
    rebuilt = CalibrationStore(ReviewStore(folder))
    after = (rebuilt.rounds(), rebuilt.view(rnd.id, "ben"), rebuilt.view(rnd.id, "dee"), {k: rebuilt.gold(k) for k in keys})
    assert after == before
    assert dict(rebuilt.all_gold())  # the rest of review reads gold from the table
    # a deleted round file is written again from the database
    path.unlink()
    rebuilt.rounds()
    assert json.loads(path.read_text()) == side


def test_a_round_file_changed_elsewhere_is_imported(folder: Path) -> None:
    cal = CalibrationStore(ReviewStore(folder))
    rnd = cal.start(size=3, created_by="ana", seed=1)
    path = rounds_dir(folder) / f"{rnd.id}.json"
    side = json.loads(path.read_text())
    side["raters"].append({"coach": "far", "submitted_at": "2026-01-02T03:04:05Z", "scores": {rnd.calls[0]: {"questions": 4}}})
    path.write_text(json.dumps(side))  # a colleague's copy, arrived through the file share
    assert cal.view(rnd.id, "ana").submitted == ("far",)
    # an unreadable file keeps what the database has
    path.write_text("{not json")
    assert cal.view(rnd.id, "ana").submitted == ("far",)


def test_the_blind_call_page_and_rounds_list_escape_what_they_show(folder: Path) -> None:
    kim = client(folder, "kim")
    rid = start_round(kim, size="12", method="random")
    listing = kim.get("/calibration").text
    assert rid in listing and "you: not yet" in listing
    page = kim.get(f"/calibration/{rid}").text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?:", page)  # nothing from the network
    assert kim.get(f"/calibration/{rid}/call/not/in/round").status_code == 404
    assert kim.get(f"/api/calibration/{rid}").json()["sampling"]["pool"] == 12
