"""How many weeks the plan really takes: a seeded simulation of pace → P10 / P50 / P90.

The pacing model (docs/planning.md, “Planning model”), from first principles and the same for everyone:

* **Work.** Item *i* really takes ``planned_i × S × M_i`` hours. ``S ~ LogNormal(0, 0.25)`` is this person's
  speed relative to the typical learner the figures describe, drawn once per simulated person and shared by all
  items (people are consistently faster or slower). ``M_i ~ LogNormal(0, σ_i)`` is how wrong the figure is for
  this item, with ``σ_i`` from ``effort.SIGMA`` (0.3 for a provider's own figure up to 0.7 for a default). Both
  have median 1: a figure is taken as the typical outcome; the right skew makes overruns larger than underruns.
* **Time.** Week *w* gives ``capacity_w × F_w`` hours. For hours a person *states*, a week is lost entirely
  (illness, holidays, crunch at work) with probability 2/52, and otherwise ``F_w ~ Beta(9, 1)`` (mean 0.9: some
  evenings go elsewhere). For an *observed* pace (re-planning), the pace already contains lost weeks and
  slack, so ``F_w ~ Gamma`` with mean 1 and coefficient of variation 0.3 around it.
* The plan is done in the week the cumulative hours reach the cumulative work; a milestone in the week they
  reach the work of every item up to its last one (items in schedule order).

Randomness comes only from ``numpy.random.default_rng(seed)``, so the same plan and seed give the same band.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

SIMULATIONS = 2000
PERSON_SIGMA = 0.25
LOST_WEEK_P = 2 / 52
STATED_BETA = (9.0, 1.0)
OBSERVED_CV = 0.3
MAX_HORIZON = 2080


@dataclass(frozen=True)
class Band:
    p10: int
    p50: int
    p90: int

    def to_json(self) -> dict[str, int]:
        return {"p10": self.p10, "p50": self.p50, "p90": self.p90}


@dataclass(frozen=True)
class Forecast:
    total: Band
    milestones: dict[str, Band]
    simulations: int
    seed: int
    basis: str  # stated | observed
    weekly_hours: float  # the weekly hours the simulation starts from (stated or observed)
    expected_weekly_hours: float  # mean hours a simulated week really gives


def model_description() -> dict[str, Any]:
    return {
        "effort_multiplier": "planned × S × M_i; S ~ LogNormal(0, 0.25) per person, M_i ~ LogNormal(0, σ_i) per item",
        "sigma_by_basis": None,  # filled in by the caller from effort.SIGMA
        "stated_hours": "a week is lost with p = 2/52; otherwise Beta(9, 1) of the capacity (mean 0.9)",
        "observed_pace": "Gamma with mean 1 and CV 0.3 around the observed hours per week",
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
    hours_per_week: float,
    pace: float | None = None,
    seed: int = 0,
    n: int = SIMULATIONS,
) -> Forecast:
    """``work`` is (planned hours, σ) per item in schedule order; ``milestones`` maps an id to the index of its
    last item in that order."""
    rng = np.random.default_rng(seed)
    k = len(work)
    if k == 0:
        zero = Band(0, 0, 0)
        return Forecast(zero, dict.fromkeys(milestones, zero), n, seed, "stated", hours_per_week, 0.0)
    planned = np.array([h for h, _ in work], dtype=float)
    sigma = np.array([s for _, s in work], dtype=float)
    person = rng.lognormal(0.0, PERSON_SIGMA, size=n)
    item = np.exp(rng.standard_normal((n, k)) * sigma)
    cum_work = np.cumsum(planned[None, :] * person[:, None] * item, axis=1)

    observed = pace is not None
    observed_hours = float(pace) if pace is not None else 0.0
    scale = observed_hours / hours_per_week if observed and hours_per_week > 0 else 1.0

    def caps(weeks: int) -> np.ndarray:
        c = np.array([capacity(w) for w in range(1, weeks + 1)], dtype=float)
        if observed:
            c = c * scale if hours_per_week > 0 else np.full(weeks, observed_hours)
        return c

    mean_cap = max(float(np.mean(caps(52))), 1e-9)
    horizon = min(MAX_HORIZON, max(8, math.ceil(float(np.quantile(cum_work[:, -1], 0.99)) / (0.75 * mean_cap)) + 8))
    week_rng = np.random.default_rng([seed, 1])
    while True:
        c = caps(horizon)
        if observed:
            shape = 1 / OBSERVED_CV**2
            frac = week_rng.gamma(shape, 1 / shape, size=(n, horizon))
        else:
            lost = week_rng.random((n, horizon)) < LOST_WEEK_P
            frac = np.where(lost, 0.0, week_rng.beta(*STATED_BETA, size=(n, horizon)))
        cum_hours = np.cumsum(c[None, :] * frac, axis=1)
        if horizon >= MAX_HORIZON or bool(np.all(cum_hours[:, -1] >= cum_work[:, -1])):
            break
        horizon = min(MAX_HORIZON, horizon * 2)
        week_rng = np.random.default_rng([seed, 1])

    def weeks_to(j: int) -> np.ndarray:
        return np.sum(cum_hours < cum_work[:, j][:, None], axis=1) + 1

    total = _band(weeks_to(k - 1))
    bands = {m: _band(weeks_to(min(max(j, 0), k - 1))) for m, j in milestones.items()}
    if observed:
        expected = float(np.mean(c[:52])) if len(c) else 0.0
    else:
        expected = float(np.mean(c[:52])) * (1 - LOST_WEEK_P) * STATED_BETA[0] / sum(STATED_BETA)
    base_hours = observed_hours if observed else hours_per_week
    return Forecast(total, bands, n, seed, "observed" if observed else "stated", base_hours, round(expected, 2))
