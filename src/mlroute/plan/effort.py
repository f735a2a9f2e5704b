"""Hours and money per item, and how much each figure can be trusted.

Rules (also in docs/planning.md, “Planning model”):

* A resource with a figure (``effort.hours``: the provider's, a third party's, or derived from the provider's
  structure) starts from exactly that figure.
* A resource without one is sized by what it teaches: ``hours = rate × Σ levels taught``, where ``rate`` is the
  median hours per taught level of the knowledge-base resources **of the same kind** that have a figure (when at
  least ``MIN_SAMPLE`` do), else of all resources with a figure. The default moves with the catalogue instead of
  being a guess in code; only a catalogue with almost no figures falls back to ``FALLBACK_HOURS_PER_LEVEL``.
  The item's ``why`` says so.
* What the person already knows: a resource teaching skill *s* to level *L* is taken to spend its time on levels
  1…L in proportion 1 : 2 : … : L (each level takes longer than the one before). The share of that level-work the
  person already has (their current levels, capped at L) is left out of the planned hours, and the ``why`` says
  how much. Nothing else is discounted: a provider figure is never cut for any other reason.
* Prices work the same way: the stated price, else the median stated price of paid resources of that kind (or
  of all kinds), else ``FALLBACK_PRICE_USD``.
* ``SIGMA`` is the spread (log-scale standard deviation) of the actual-to-planned ratio per item, used by the
  ETA simulation: the less direct the figure, the wider.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mlroute.kb.models import CareerAction, Project, Resource

KINDS = ("course", "book", "tutorial", "docs", "video-series", "practice-platform")
MIN_SAMPLE = 5  # figures needed before a kind gets its own rate instead of the pooled one
FALLBACK_HOURS_PER_LEVEL = 2.5  # only when fewer than MIN_SAMPLE resources in the whole catalogue have a figure
FALLBACK_PRICE_USD = 50.0  # only when fewer than MIN_SAMPLE paid resources in the catalogue state a price

# Log-scale spread of actual / planned hours for one item, by where the figure came from.
SIGMA = {
    "provider": 0.30,  # the provider's own figure for its typical learner
    "third-party": 0.40,  # reviews and learners' reports: one person's experience
    "derived": 0.40,  # arithmetic on the provider's structure (weeks × hours, ECTS × hours)
    "estimate": 0.50,  # project and career-action estimates in the knowledge base
    "default": 0.70,  # no figure at all: a median of other resources of the same kind
}


@dataclass(frozen=True)
class Effort:
    hours: float  # planned hours
    basis: str  # provider | third-party | derived | estimate | default
    note: str
    sigma: float
    figure: float = 0.0  # the whole resource's hours before what the person knows is left out
    known_share: float = 0.0


@dataclass(frozen=True)
class Price:
    usd: float
    known: bool
    note: str


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


def kind_defaults(resources: Iterable[Resource]) -> Defaults:
    resources = list(resources)
    known = [r for r in resources if r.effort.hours is not None and levels_taught(r) > 0]
    pooled = _median(r.effort.hours / levels_taught(r) for r in known if r.effort.hours)
    rate: dict[str, tuple[float, int, str]] = {}
    for kind in KINDS:
        mine = [r.effort.hours / levels_taught(r) for r in known if r.kind == kind and r.effort.hours]
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
    """Planned hours for a resource, with a note saying where they come from."""
    e = res.effort
    if e.hours is not None:
        figure = e.hours
        basis: str = e.basis if e.basis in SIGMA else "derived"
        words = {"provider": "the provider's figure", "third-party": "a third-party figure", "derived": "derived"}
        note = f"{e.hours:g} h, {words.get(basis, basis)}"
        if e.stated and basis == "provider":
            note += f" ({e.stated.strip().rstrip('.')})"
        elif e.conversion:
            note += f" ({e.conversion.strip().rstrip('.')})"
        if e.needs_check:
            note += "; flagged for a check against the provider's page"
    else:
        rate, n, scope = defaults.rate.get(res.kind, (FALLBACK_HOURS_PER_LEVEL, 0, ""))
        levels = levels_taught(res)
        figure = round(rate * levels, 1)
        basis = "default"
        source = f"the median of the {n} {scope} with a figure" if n else "mlroute's fallback rate"
        note = (
            f"no effort figure is known, so it is sized by what it teaches: {levels} levels × {rate:g} h per level "
            f"({source}) = {figure:g} h"
        )
    teaches: dict[str, int] = {}
    for t in res.teaches:
        teaches[t.skill] = max(teaches.get(t.skill, 0), t.level)
    share = known_share(teaches, current or {})
    hours = round(figure * (1 - share), 1)
    if share > 0:
        note += f"; you already have {share:.0%} of what it teaches, so {hours:g} h are planned — skim what you know"
    return Effort(hours, basis, note, SIGMA[basis], figure=figure, known_share=round(share, 3))


def project_effort(project: Project) -> Effort:
    """Projects are planned at their estimate in full: building takes the time whatever one knows."""
    note = f"{project.hours:g} h, estimated ({project.hours_basis.strip().rstrip('.')})"
    return Effort(project.hours, "estimate", note, SIGMA["estimate"], figure=project.hours)


def action_effort(action: CareerAction) -> Effort:
    note = f"{action.hours:g} h, estimated ({action.hours_basis.strip().rstrip('.')})"
    return Effort(action.hours, "estimate", note, SIGMA["estimate"], figure=action.hours)


def resource_price(res: Resource, defaults: Defaults) -> Price:
    """What taking the resource costs; free-to-audit resources are planned as audited (free)."""
    if res.cost.kind == "free":
        return Price(0.0, True, "free")
    if res.cost.kind == "free-to-audit":
        return Price(0.0, True, "free to audit (a certificate costs extra)")
    if res.cost.price_usd is not None:
        return Price(res.cost.price_usd, True, f"${res.cost.price_usd:g}")
    usd, n = defaults.price.get(res.kind, (FALLBACK_PRICE_USD, 0))
    basis = f"the median of {n} priced resources" if n else "mlroute's default"
    return Price(usd, False, f"paid, price not stated; planned at ${usd:g} ({basis})")
