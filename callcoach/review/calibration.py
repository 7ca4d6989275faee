"""Agreement between coaches, with the machine as one more rater: pure, no storage, no clock.

A calibration round asks several coaches to score the same calls on every rubric dimension,
blind. This module turns their points into the round's report:

- :func:`alpha`: Krippendorff's alpha over a *units x raters* matrix (one row per call, one column
  per rater, ``None`` where a rater gave no value), interval metric (points) or nominal;
- :func:`dimension_agreement`: for one dimension, alpha among the coaches and alpha with the
  machine counted as one more rater, the machine's distance from the coaches and the coaches'
  own spread, and whether the machine is the outlier (:func:`machine_is_outlier`);
- :func:`consensus`: the gold score of one call and dimension, the median of the coaches' points.

Krippendorff's alpha (Krippendorff 2011, "Computing Krippendorff's alpha-reliability", Annenberg
School for Communication, University of Pennsylvania, sections C and E) from the coincidence
matrix of the pairable values:

- a unit (call) with ``m_u >= 2`` values contributes, for every ordered pair of values ``(c, k)``
  given by two different raters, ``1 / (m_u - 1)`` to the coincidence ``o_ck``; a unit with fewer
  than two values is not pairable and is left out;
- ``n_c = sum_k o_ck`` and ``n = sum_c n_c`` (the number of pairable values);
- observed disagreement ``D_o = (1/n) sum_c sum_k o_ck delta2(c, k)``;
- expected disagreement ``D_e = 1/(n (n-1)) sum_c sum_k n_c n_k delta2(c, k)``;
- ``alpha = 1 - D_o / D_e`` (= ``1 - (n-1) sum o_ck delta2 / sum n_c n_k delta2``).

``delta2`` is the metric: interval ``(c - k)^2``; nominal 0 when ``c == k``, else 1. Alpha is 1
for perfect agreement, 0 for agreement at chance, negative below it, and undefined (``None``
here) when there are no pairable values or no variation at all (``D_e == 0``: every value is the
same, so agreement cannot be told from chance).
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

Metric = Literal["interval", "nominal"]
Value = float | int | None
#: A margin of this share of a dimension's points: the machine must be farther from the
#: coaches than the farthest coach by at least this much to be called the outlier.
OUTLIER_MARGIN_SHARE = 0.10
#: Coaches' values a call and dimension needs before it has a consensus (one opinion is none).
MIN_CONSENSUS_RATERS = 2


def _present(v: Value) -> bool:
    return v is not None and not (isinstance(v, float) and math.isnan(v))


def _delta2(metric: Metric) -> Callable[[float, float], float]:
    if metric == "interval":
        return lambda c, k: (c - k) ** 2
    if metric == "nominal":
        return lambda c, k: 0.0 if c == k else 1.0
    raise ValueError(f"unknown metric {metric!r}: use 'interval' or 'nominal'")


def coincidences(matrix: Sequence[Sequence[Value]]) -> dict[tuple[float, float], float]:
    """The coincidence matrix ``o_ck`` of a units x raters ``matrix`` (Krippendorff 2011, C.2):
    each pairable unit adds ``1/(m_u - 1)`` for every ordered pair of values from two raters.
    Only the non-zero cells are returned."""
    o: dict[tuple[float, float], float] = defaultdict(float)
    for row in matrix:
        values = [float(v) for v in row if _present(v)]  # type: ignore[arg-type]
        m = len(values)
        if m < 2:
            continue
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    o[(c, k)] += 1.0 / (m - 1)
    return dict(o)


def pairable(matrix: Sequence[Sequence[Value]]) -> int:
    """``n``: how many values lie in units with at least two values (those alpha reads)."""
    counts = (sum(1 for v in row if _present(v)) for row in matrix)
    return sum(m for m in counts if m >= 2)


def alpha(matrix: Sequence[Sequence[Value]], metric: Metric = "interval") -> float | None:
    """Krippendorff's alpha of a units x raters ``matrix`` (``None``/NaN: no value); see the
    module docstring for the formula. None when undefined: no unit has two values, or every
    pairable value is the same (no variation, ``D_e == 0``).

    Raises:
        ValueError: an unknown ``metric``.
    """
    delta2 = _delta2(metric)
    o = coincidences(matrix)
    n_c: dict[float, float] = defaultdict(float)
    for (c, _), w in o.items():
        n_c[c] += w
    n = sum(n_c.values())
    if n < 2:
        return None
    observed = sum(w * delta2(c, k) for (c, k), w in o.items())
    expected = sum(n_c[c] * n_c[k] * delta2(c, k) for c in n_c for k in n_c)
    if expected <= 0:
        return None
    return 1.0 - (n - 1) * observed / expected


def consensus(values: Sequence[Value], min_raters: int = MIN_CONSENSUS_RATERS) -> float | None:
    """The gold score of one call and dimension: the **median** of the coaches' points (the mean
    of the middle two for an even number). The median, not the mean, so one coach far off moves
    it least, and with three coaches it is a score one of them actually gave. None with fewer
    than ``min_raters`` values: one coach's opinion is not a consensus. The machine is never
    passed here: gold is the coaches' judgement, to measure the machine against."""
    present = [float(v) for v in values if _present(v)]  # type: ignore[arg-type]
    if len(present) < max(1, min_raters):
        return None
    return float(statistics.median(present))


def _mean(xs: Sequence[float]) -> float | None:
    return sum(xs) / len(xs) if xs else None


def machine_distance(coaches: Sequence[Sequence[Value]], machine: Sequence[Value]) -> float | None:
    """Mean over calls of ``|machine - mean of the coaches|``, over the calls where the machine
    has points and at least two coaches do. ``coaches`` is units x coaches, ``machine`` one value
    per unit. None where no call qualifies."""
    out = []
    for row, m in zip(coaches, machine, strict=True):
        values = [float(v) for v in row if _present(v)]  # type: ignore[arg-type]
        if len(values) >= 2 and _present(m):
            out.append(abs(float(m) - sum(values) / len(values)))  # type: ignore[arg-type]
    return _mean(out)


def coach_distances(coaches: Sequence[Sequence[Value]]) -> list[float | None]:
    """Each coach's distance from the others, measured as the machine's is: the mean over calls
    of ``|this coach - mean of the other coaches|``, over the calls where this coach and at least
    one other coach gave points (with two coaches, each one's distance is ``|a - b|``). One value
    per coach (column); None for a coach with no such call."""
    width = max((len(r) for r in coaches), default=0)
    out: list[float | None] = []
    for i in range(width):
        found = []
        for row in coaches:
            if i >= len(row) or not _present(row[i]):
                continue
            others = [float(v) for j, v in enumerate(row) if j != i and _present(v)]  # type: ignore[arg-type]
            if others:
                found.append(abs(float(row[i]) - sum(others) / len(others)))  # type: ignore[arg-type]
        out.append(_mean(found))
    return out


def machine_is_outlier(distance: float | None, spreads: Sequence[float | None], margin: float) -> bool:
    """The outlier rule: the machine is the outlier on a dimension when it is farther from the
    coaches than **every** coach is from the other coaches, by at least ``margin`` points:

        machine_distance >= max(coach_distances) + margin

    Distances are in the dimension's points (:func:`machine_distance`, :func:`coach_distances`),
    so the report can say "the machine is 6.0 points from the coaches' mean; the farthest coach
    1.2 from the others". The margin (a round uses :data:`OUTLIER_MARGIN_SHARE` of the
    dimension's points) keeps a near-perfect panel from flagging a machine that is a fraction of
    a point off. Chosen over "alpha rises when the machine is left out" because alpha's rise
    depends on how many coaches there are and is undefined without variation, while a distance in
    points means the same on every dimension and is what a coach would act on. Alpha with and
    without the machine is reported beside it. False when either side cannot be measured."""
    known = [s for s in spreads if s is not None]
    if distance is None or not known:
        return False
    return distance >= max(known) + margin - 1e-9


@dataclass(frozen=True, slots=True)
class DimensionAgreement:
    """One rubric dimension of a round.

    Attributes:
        dimension, name, max_points: the rubric's dimension.
        calls: calls with at least two coaches' points (those agreement is measured on).
        alpha_coaches: interval alpha among the coaches (None: undefined).
        alpha_with_machine: interval alpha with the machine as one more rater.
        machine_distance: see :func:`machine_distance` (points).
        coach_distances: see :func:`coach_distances`, by coach.
        machine_outlier: :func:`machine_is_outlier` with ``margin``.
        margin: the margin used (points).
    """

    dimension: str
    name: str
    max_points: float
    calls: int
    alpha_coaches: float | None
    alpha_with_machine: float | None
    machine_distance: float | None
    coach_distances: dict[str, float | None]
    machine_outlier: bool
    margin: float

    @property
    def alpha_change(self) -> float | None:
        """How much alpha rises when the machine is left out (negative: the machine helps)."""
        if self.alpha_coaches is None or self.alpha_with_machine is None:
            return None
        return self.alpha_coaches - self.alpha_with_machine

    @property
    def coach_spread(self) -> float | None:
        """The farthest coach's distance from the others (what the machine is compared with)."""
        known = [d for d in self.coach_distances.values() if d is not None]
        return max(known) if known else None


def dimension_agreement(
    dimension: str,
    calls: Sequence[str],
    coach_points: Mapping[str, Mapping[str, Value]],
    machine_points: Mapping[str, Value],
    *,
    name: str = "",
    max_points: float = 0.0,
    margin: float | None = None,
) -> DimensionAgreement:
    """Agreement on one dimension over ``calls``.

    Args:
        coach_points: ``{coach: {call: points}}``; a missing call or None is a missing value.
        machine_points: ``{call: points}`` of the machine.
        margin: the outlier margin in points; default :data:`OUTLIER_MARGIN_SHARE` of ``max_points``.
    """
    coaches = sorted(coach_points)
    rows = [[coach_points[c].get(k) for c in coaches] for k in calls]
    machine = [machine_points.get(k) for k in calls]
    with_machine = [[*row, m] for row, m in zip(rows, machine, strict=True)]
    margin = OUTLIER_MARGIN_SHARE * max_points if margin is None else margin
    distance = machine_distance(rows, machine)
    spreads = coach_distances(rows)
    return DimensionAgreement(
        dimension=dimension,
        name=name or dimension,
        max_points=float(max_points),
        calls=sum(1 for r in rows if sum(1 for v in r if _present(v)) >= 2),
        alpha_coaches=alpha(rows),
        alpha_with_machine=alpha(with_machine),
        machine_distance=distance,
        coach_distances=dict(zip(coaches, spreads, strict=True)),
        machine_outlier=machine_is_outlier(distance, spreads, margin),
        margin=margin,
    )


@dataclass(frozen=True, slots=True)
class RoundReport:
    """A round's report: agreement per dimension and the consensus (gold) per call and dimension.

    ``consensus[call][dimension]`` is None where fewer than :data:`MIN_CONSENSUS_RATERS` coaches
    gave points; ``coaches_per_cell`` says how many did.
    """

    dimensions: tuple[DimensionAgreement, ...]
    consensus: dict[str, dict[str, float | None]]
    coaches_per_cell: dict[str, dict[str, int]]
    coaches: tuple[str, ...]

    @property
    def outliers(self) -> list[DimensionAgreement]:
        """The dimensions the machine is the outlier on."""
        return [d for d in self.dimensions if d.machine_outlier]


def round_report(
    dimensions: Sequence[tuple[str, str, float]],
    calls: Sequence[str],
    coach_scores: Mapping[str, Mapping[str, Mapping[str, Value]]],
    machine: Mapping[str, Mapping[str, Value]],
) -> RoundReport:
    """The report of a round.

    Args:
        dimensions: ``(id, name, max_points)`` of each rubric dimension, in rubric order.
        calls: the round's calls.
        coach_scores: ``{coach: {call: {dimension: points}}}`` (submitted coaches only).
        machine: ``{call: {dimension: points}}`` of the machine.
    """
    agreements = []
    gold: dict[str, dict[str, float | None]] = {k: {} for k in calls}
    counts: dict[str, dict[str, int]] = {k: {} for k in calls}
    for dim, name, max_points in dimensions:
        per_coach = {c: {k: s.get(k, {}).get(dim) for k in calls} for c, s in coach_scores.items()}
        agreements.append(
            dimension_agreement(dim, calls, per_coach, {k: machine.get(k, {}).get(dim) for k in calls},
                                name=name, max_points=max_points)
        )  # fmt: skip
        for k in calls:
            values = [per_coach[c][k] for c in per_coach]
            gold[k][dim] = consensus(values)
            counts[k][dim] = sum(1 for v in values if _present(v))
    return RoundReport(tuple(agreements), gold, counts, tuple(sorted(coach_scores)))
