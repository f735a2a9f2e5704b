"""Hours and money per item, and how much each figure can be trusted.

Rules (also in docs/planning.md, “Time model”):

* A resource with a figure (``effort.hours``: the provider's, a third party's, or derived from the provider's
  structure) starts from that figure. When the figure counts only recorded lectures (``scope: video``), the
  study time is ``LECTURE_STUDY_FACTOR`` × the figure: the US federal definition of a credit hour (34 CFR 600.2)
  pairs each hour of instruction with at least two hours of out-of-class work, so an hour of lecture is about three
  hours of study once exercises and reading are done.
* A resource without a figure is sized by what it teaches: ``hours = rate × Σ levels taught``, where ``rate`` is
  the median hours per taught level of the knowledge-base resources **of the same kind** that have a figure (when
  at least ``MIN_SAMPLE`` do), else of all resources with a figure. The item's ``why`` says so.
* What the person already knows: a resource teaching skill *s* to level *L* is taken to spend its time on levels
  1…L in proportion 1 : 2 : … : L. The share of that level-work the person already has is left out of the
  planned hours, and the ``why`` says how much.
* Prices: the stated price, else the median stated price of paid resources of that kind (or of all kinds), else
  ``FALLBACK_PRICE_USD``. A subscription (``per: month``) costs its monthly price for each month the person needs
  at their weekly hours.
* ``SIGMA`` is the spread (log-scale standard deviation) of the actual-to-planned ratio per item, used by the
  ETA simulation: the less direct the figure, the wider.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mlroute.kb.models import CareerAction, Project, Resource

KINDS = ("course", "book", "tutorial", "docs", "video-series", "practice-platform")
MIN_SAMPLE = 5  # figures needed before a kind gets its own rate instead of the pooled one
FALLBACK_HOURS_PER_LEVEL = 2.5  # only when fewer than MIN_SAMPLE resources in the whole catalogue have a figure
FALLBACK_PRICE_USD = 50.0  # only when fewer than MIN_SAMPLE paid resources in the catalogue state a price
LECTURE_STUDY_FACTOR = 3.0  # 1 h of lecture + 2 h of out-of-class work (34 CFR 600.2, the credit-hour definition)
WEEKS_PER_MONTH = 52 / 12

# Log-scale spread of actual / planned hours for one item, by where the figure came from. Wider the less direct:
# the knowledge base records third-party figures for one resource that differ by 2× or more (CS50x: 47 h from one
# learner, 100–200 h from another), so a single third-party figure gets a wider spread than a provider's own.
SIGMA = {
    "provider": 0.30,  # the provider's own figure for its typical learner
    "third-party": 0.40,  # reviews and learners' reports: one person's experience
    "derived": 0.40,  # arithmetic on the provider's structure (weeks × hours, ECTS × hours)
    "estimate": 0.50,  # project and career-action estimates in the knowledge base
    "default": 0.70,  # no figure at all: a median of other resources of the same kind
}


@dataclass(frozen=True)
class Effort:
    """Planned hours and the facts behind them; ``explain`` turns the facts into a sentence in either language."""

    hours: float  # planned hours
    basis: str  # provider | third-party | derived | estimate | default
    sigma: float
    figure: float = 0.0  # the whole resource's study hours before what the person knows is left out
    known_share: float = 0.0
    stated: str = ""  # the provider's words, or how a figure was converted
    raw: float = 0.0  # the figure as published (before the lecture factor)
    scope: str = "complete"  # complete | video
    rate: float = 0.0  # default sizing: hours per level, levels, and how many resources the rate comes from
    levels: int = 0
    sample: int = 0
    sample_scope: str = ""
    needs_check: bool = False
    basis_text: str = ""  # projects and career actions: how the estimate was made


@dataclass(frozen=True)
class Price:
    usd: float
    known: bool
    kind: str  # free | free-to-audit | paid | paid-default
    per_month: float = 0.0  # subscriptions: the monthly price
    months: int = 0
    sample: int = 0


@dataclass(frozen=True)
class Defaults:
    """Per-kind medians from the knowledge base, for resources that give no figure."""

    rate: dict[str, tuple[float, int, str]]  # kind → (hours per taught level, resources it comes from, scope)
    price: dict[str, tuple[float, int]]


def _median(values: Iterable[float]) -> float | None:
    vals = sorted(values)
    return float(statistics.median(vals)) if vals else None


def levels_taught(res: Resource) -> int:
    return sum(t.level for t in res.teaches)


def study_figure(res: Resource) -> float | None:
    """The resource's figure as study hours (lecture-only figures × ``LECTURE_STUDY_FACTOR``)."""
    if res.effort.hours is None:
        return None
    factor = LECTURE_STUDY_FACTOR if res.effort.scope == "video" else 1.0
    return res.effort.hours * factor


def kind_defaults(resources: Iterable[Resource]) -> Defaults:
    resources = list(resources)
    known = [(r, study_figure(r) or 0.0) for r in resources if r.effort.hours is not None and levels_taught(r) > 0]
    pooled = _median(h / levels_taught(r) for r, h in known)
    rate: dict[str, tuple[float, int, str]] = {}
    for kind in KINDS:
        mine = [h / levels_taught(r) for r, h in known if r.kind == kind]
        if len(mine) >= MIN_SAMPLE:
            rate[kind] = (round(_median(mine) or 0.0, 2), len(mine), f"{kind.replace('-', ' ')}s")
        elif pooled is not None and len(known) >= MIN_SAMPLE:
            rate[kind] = (round(pooled, 2), len(known), "resources")
        else:
            rate[kind] = (FALLBACK_HOURS_PER_LEVEL, 0, "")
    price: dict[str, tuple[float, int]] = {}
    all_paid = [r.cost.price_usd for r in resources if r.cost.kind == "paid" and r.cost.price_usd]
    for kind in KINDS:
        paid = [r.cost.price_usd for r in resources if r.kind == kind and r.cost.kind == "paid" and r.cost.price_usd]
        if len(paid) >= MIN_SAMPLE:
            price[kind] = (round(_median(paid) or 0.0, 2), len(paid))
        elif len(all_paid) >= MIN_SAMPLE:
            price[kind] = (round(_median(all_paid) or 0.0, 2), len(all_paid))
        else:
            price[kind] = (FALLBACK_PRICE_USD, 0)
    return Defaults(rate=rate, price=price)


def _work(level: int) -> int:
    """Level-work up to ``level`` when level k takes k units: 1, 3, 6, 10."""
    return level * (level + 1) // 2


def known_share(teaches: Mapping[str, int], current: Mapping[str, int]) -> float:
    """The share of a resource's level-work the person already has."""
    total = sum(_work(lvl) for lvl in teaches.values())
    if total == 0:
        return 0.0
    have = sum(_work(min(current.get(s, 0), lvl)) for s, lvl in teaches.items())
    return have / total


def resource_effort(res: Resource, defaults: Defaults, current: Mapping[str, int] | None = None) -> Effort:
    """Planned hours for a resource, with the facts a sentence about them needs."""
    e = res.effort
    figure = study_figure(res)
    basis: str
    if figure is not None:
        basis = e.basis if e.basis in SIGMA else "derived"
        words = (e.stated or "") if basis == "provider" else (e.conversion or "")
        facts: dict[str, object] = {"stated": words.strip().rstrip("."), "raw": float(e.hours or 0.0)}
    else:
        rate, n, scope = defaults.rate.get(res.kind, (FALLBACK_HOURS_PER_LEVEL, 0, ""))
        levels = levels_taught(res)
        figure = round(rate * levels, 1)
        basis = "default"
        facts = {"rate": rate, "levels": levels, "sample": n, "sample_scope": scope}
    teaches: dict[str, int] = {}
    for t in res.teaches:
        teaches[t.skill] = max(teaches.get(t.skill, 0), t.level)
    share = known_share(teaches, current or {})
    hours = round(figure * (1 - share), 1)
    return Effort(
        hours,
        basis,
        SIGMA[basis],
        figure=round(figure, 1),
        known_share=round(share, 3),
        scope=e.scope,
        needs_check=e.needs_check,
        **facts,  # type: ignore[arg-type]
    )


def project_effort(project: Project) -> Effort:
    """Projects are planned at their estimate in full: building takes the time whatever one knows."""
    return Effort(
        project.hours,
        "estimate",
        SIGMA["estimate"],
        figure=project.hours,
        basis_text=project.hours_basis.strip().rstrip("."),
    )


def action_effort(action: CareerAction) -> Effort:
    return Effort(
        action.hours, "estimate", SIGMA["estimate"], figure=action.hours, basis_text=action.hours_basis.strip()
    )


def resource_price(res: Resource, defaults: Defaults, hours: float = 0.0, weekly_hours: float = 0.0) -> Price:
    """What taking the resource costs; free-to-audit resources are planned as audited (free).

    A subscription costs its monthly price for every month the person needs at ``weekly_hours`` (at least one).
    """
    if res.cost.kind in ("free", "free-to-audit"):
        return Price(0.0, True, res.cost.kind)
    if res.cost.price_usd is not None:
        if res.cost.per == "month":
            months = max(1, math.ceil(hours / (weekly_hours * WEEKS_PER_MONTH))) if weekly_hours > 0 else 1
            return Price(round(res.cost.price_usd * months, 2), True, "paid", res.cost.price_usd, months)
        return Price(res.cost.price_usd, True, "paid")
    usd, n = defaults.price.get(res.kind, (FALLBACK_PRICE_USD, 0))
    return Price(usd, False, "paid-default", sample=n)
