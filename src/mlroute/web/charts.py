"""The ETA chart: likely ranges (P10–P90) with the most likely week (P50) on one axis of weeks from the start,
positioned in percent so the page draws it with HTML and its text stays readable on a phone. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

NICE_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500)
MAX_TICKS = 6


@dataclass(frozen=True)
class Band:
    label: str
    kind: str  # start | now | grow
    p10: int
    p50: int
    p90: int
    left: float  # percent of the axis
    width: float
    mark: float


@dataclass(frozen=True)
class Chart:
    bands: list[Band]
    ticks: list[tuple[int, float]]  # (weeks, percent of the axis)


def nice_step(top: float) -> int:
    return next((s for s in NICE_STEPS if top / s <= MAX_TICKS), NICE_STEPS[-1])


def eta_chart(rows: Sequence[tuple[str, str, Mapping[str, float]]]) -> Chart:
    """``rows``: (label, kind, {p10, p50, p90} in weeks from the start)."""
    top = max([float(r[2]["p90"]) for r in rows] + [1.0]) * 1.05
    step = nice_step(top)
    ticks = [(w, round(w / top * 100, 2)) for w in range(0, int(top) + 1, step)]

    def pct(weeks: float) -> float:
        return round(max(0.0, weeks) / top * 100, 2)

    bands = [
        Band(
            label=label,
            kind=kind,
            p10=round(band["p10"]),
            p50=round(band["p50"]),
            p90=round(band["p90"]),
            left=pct(band["p10"]),
            width=round(max(0.5, pct(band["p90"]) - pct(band["p10"])), 2),
            mark=pct(band["p50"]),
        )
        for label, kind, band in rows
    ]
    return Chart(bands, ticks)
