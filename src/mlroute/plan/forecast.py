"""How many weeks the plan really takes: a seeded simulation of time → P10 / P50 / P90.

The time model (docs/planning.md, “Time model”); every parameter has a source, none is fitted to a persona:

* **Study time per item.** A provider's figure becomes study hours in ``effort`` (lecture-only figures × 3, the
  credit-hour rule). Item *i* then really takes ``planned_i × S × M_i`` hours. ``S ~ LogNormal(0, 0.30)`` is the
  person's learning speed, drawn once per simulated person: Koedinger et al. (PNAS 2023, "An astonishing regularity
  in student learning rate") found the 75th-percentile learner about 1.5× as fast as the 25th, and
  ln 1.5 / 1.349 = 0.30. ``M_i ~ LogNormal(0, σ_i)`` is how wrong the figure is for this item (``effort.SIGMA``).
  Both have median 1; the right skew makes overruns larger than underruns.
* **Time available.** Of the hours a person states, a share ``A`` is really studied over a year: holidays,
  illness, busy weeks, evenings that go elsewhere. The European Credit Transfer System sets a full-time study
  year at 1,500–1,800 hours of total work (ECTS Users' Guide 2015), against 52 × 40 = 2,080 nominal hours: 72–87 %.
  ``A`` is drawn once per simulated person from a Beta distribution with that range as its 10th–90th percentiles
  (mean 79 %). The weekly schedule packs the mean share, so the timeline and the ETA agree.
* **Observed pace** (re-planning, once enough weeks are logged): the hours a week the person really studied
  replace ``hours × A``, with the uncertainty of that average (log-scale ``pace_sigma`` from the caller).
* **Steps at work** that run for weeks (a secondment) end ``weeks`` after the week they start.
* An item is done in the week the cumulative hours reach the cumulative work up to it; a milestone in the week
  its last item is done (and its steps at work have ended).

Randomness comes only from ``numpy.random.default_rng(seed)``, so the same plan and seed give the same band.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

SIMULATIONS = 2000
PERSON_SIGMA = 0.30  # Koedinger et al. 2023: 75th/25th percentile learning rate ≈ 1.5
ECTS_YEAR_HOURS = (1500.0, 1800.0)  # ECTS Users' Guide 2015: workload of a full-time academic year
NOMINAL_YEAR_HOURS = 52 * 40.0
AVAILABILITY_P10 = ECTS_YEAR_HOURS[0] / NOMINAL_YEAR_HOURS  # 0.72
AVAILABILITY_P90 = ECTS_YEAR_HOURS[1] / NOMINAL_YEAR_HOURS  # 0.87
Z90 = 1.2816  # standard normal 90th percentile
MAX_HORIZON = 2080  # weeks (40 years): a simulated person slower than that is counted at the horizon


def availability_beta() -> tuple[float, float]:
    """Beta(a, b) with mean and spread from the ECTS range (moment matching: mean = midpoint, sd = range / 2·z90)."""
    mean = (AVAILABILITY_P10 + AVAILABILITY_P90) / 2
    sd = (AVAILABILITY_P90 - AVAILABILITY_P10) / (2 * Z90)
    k = mean * (1 - mean) / sd**2 - 1
    return mean * k, (1 - mean) * k


AVAILABILITY_MEAN = (AVAILABILITY_P10 + AVAILABILITY_P90) / 2  # the share of stated hours the schedule packs


@dataclass(frozen=True)
class Band:
    p10: int
    p50: int
    p90: int

    def to_json(self) -> dict[str, int]:
        return {"p10": self.p10, "p50": self.p50, "p90": self.p90}


@dataclass(frozen=True)
class Forecast:
    milestones: dict[str, Band]
    simulations: int
    seed: int
    basis: str  # stated | observed
    weekly_hours: float  # the weekly hours the simulation starts from (stated or observed)
    expected_weekly_hours: float  # mean hours a simulated week really gives


def model_description() -> dict[str, Any]:
    a, b = availability_beta()
    return {
        "effort_multiplier": (
            "planned × S × M_i; S ~ LogNormal(0, 0.30) per person (Koedinger et al., PNAS 2023), "
            "M_i ~ LogNormal(0, σ_i) per item by the basis of its figure"
        ),
        "lecture_factor": "lecture-only figures × 3 (credit hour, 34 CFR 600.2)",
        "stated_hours": (
            f"a share A ~ Beta({a:.1f}, {b:.1f}) of the stated hours, 10th–90th percentile "
            f"{AVAILABILITY_P10:.0%}–{AVAILABILITY_P90:.0%} (ECTS: 1,500–1,800 h in a full-time year of 2,080 "
            "nominal hours)"
        ),
        "observed_pace": "the observed hours a week × LogNormal(0, pace_sigma), the uncertainty of that average",
        "simulations": SIMULATIONS,
    }


def _band(x: np.ndarray) -> Band:
    q = np.quantile(x, [0.1, 0.5, 0.9], method="inverted_cdf")
    return Band(int(q[0]), int(q[1]), int(q[2]))


def simulate(
    work: Sequence[tuple[float, float]],
    milestones: Mapping[str, int],
    capacity: Callable[[int], float],
    *,
    spans: Mapping[int, int] | None = None,
    pace: float | None = None,
    pace_sigma: float = 0.15,
    seed: int = 0,
    n: int = SIMULATIONS,
) -> Forecast:
    """``work`` is (planned hours, σ) per item in schedule order; ``milestones`` maps an id to the index of its last
    item in that order; ``spans`` maps the index of a step at work to the weeks it runs; ``capacity(w)`` is the
    stated hours of week ``w`` (``pace``, when given, replaces it)."""
    rng = np.random.default_rng(seed)
    k = len(work)
    observed = pace is not None
    if k == 0:
        zero = Band(0, 0, 0)
        return Forecast(dict.fromkeys(milestones, zero), n, seed, "observed" if observed else "stated", 0.0, 0.0)
    planned = np.array([h for h, _ in work], dtype=float)
    sigma = np.array([s for _, s in work], dtype=float)
    person = rng.lognormal(0.0, PERSON_SIGMA, size=n)
    item = np.exp(rng.standard_normal((n, k)) * sigma)
    cum_work = np.cumsum(planned[None, :] * person[:, None] * item, axis=1)

    if observed:
        weekly = np.full(MAX_HORIZON, float(pace or 0.0))
        share = rng.lognormal(0.0, pace_sigma, size=n)
        base_hours = float(pace or 0.0)
        expected = base_hours
    else:
        weekly = np.array([capacity(w) for w in range(1, MAX_HORIZON + 1)], dtype=float)
        a, b = availability_beta()
        share = rng.beta(a, b, size=n)
        base_hours = float(capacity(1))
        expected = float(np.mean(weekly[:52])) * AVAILABILITY_MEAN
    cum_cap = np.cumsum(weekly)
    if cum_cap[-1] <= 0:
        raise ValueError("no hours in any week")

    def weeks_to(j: int) -> np.ndarray:
        need = cum_work[:, j] / np.maximum(share, 1e-9)
        return np.minimum(np.searchsorted(cum_cap, need - 1e-9, side="left") + 1, MAX_HORIZON)

    reach = {j: weeks_to(j) for j in {min(max(j, 0), k - 1) for j in milestones.values()} | set(spans or {})}
    bands = {}
    for m, last in milestones.items():
        j = min(max(last, 0), k - 1)
        weeks = reach[j]
        for s, length in (spans or {}).items():
            if s <= j:
                weeks = np.maximum(weeks, reach[s] + max(length, 1) - 1)
        bands[m] = _band(weeks)
    return Forecast(bands, n, seed, "observed" if observed else "stated", base_hours, round(expected, 2))


def planned_capacity(capacity: Callable[[int], float], pace: float | None = None) -> Callable[[int], float]:
    """The hours a week the schedule packs: the mean share of the stated hours the time model expects, or the
    observed pace."""
    if pace is not None:
        return lambda w: float(pace)
    return lambda w: round(capacity(w) * AVAILABILITY_MEAN, 2)


def weeks_for(hours: float, weekly: float) -> int:
    return max(1, math.ceil(hours / weekly)) if weekly > 0 else 0


NOT_BEFORE_APPLYING = ("job-search",)  # steps of applying itself: after the ready-to-apply milestone


def forecast_items(
    items: Sequence[Mapping[str, Any]],
    capacity: Callable[[int], float],
    *,
    remaining: Mapping[str, float] | None = None,
    pace: float | None = None,
    pace_sigma: float = 0.15,
    seed: int = 0,
) -> dict[str, Band]:
    """The time model over plan items (the plan document's ``items``): bands for ``ready`` (ready to apply),
    ``grow`` (everything) and each route phase (``phase:ID``), in weeks from the first week ``capacity`` gives.

    ``remaining`` (item id → hours still to do) makes it a forecast from today: finished items count 0 and
    time logged is taken off. The planner uses it when it makes a plan, and ``track.outlook`` every day after,
    so on a plan's first day the two agree exactly."""
    order = sorted(items, key=lambda i: int(i.get("order", 0)))
    left = remaining or {}
    work = [
        (
            float(left.get(str(i["id"]), i.get("hours", 0.0)) if remaining is not None else i.get("hours", 0.0)),
            float(i.get("effort_sigma") or 0.5),
        )
        for i in order
    ]
    milestones: dict[str, int] = {}
    for k, i in enumerate(order):
        if i.get("horizon") == "ready" and i.get("kind") != "career_action" and i.get("phase"):
            milestones[f"phase:{i['phase']}"] = k
    ready = [
        k
        for k, i in enumerate(order)
        if i.get("horizon", "ready") == "ready" and i.get("when") not in NOT_BEFORE_APPLYING
    ]
    milestones["ready"] = max(ready, default=len(order) - 1)
    milestones["grow"] = len(order) - 1
    spans = {
        k: int(i.get("span_weeks", 0))
        for k, i in enumerate(order)
        if int(i.get("span_weeks", 0)) > 1
        and k <= milestones["ready"]
        and (remaining is None or left.get(str(i["id"]), 1) > 0)
    }
    return simulate(work, milestones, capacity, spans=spans, pace=pace, pace_sigma=pace_sigma, seed=seed).milestones
