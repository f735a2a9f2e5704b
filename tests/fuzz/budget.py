"""Counting fuzz cases, so CI prints how many ran (issue 11 asks for at least 2,000 per run) and how long the
slowest took against its bound."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

CASES: Counter[str] = Counter()
SLOWEST: dict[str, float] = {}


def count(area: str, n: int = 1) -> None:
    CASES[area] += n


@contextmanager
def bounded(area: str, seconds: float) -> Iterator[None]:
    """One case: counted, timed, and failed when it takes longer than ``seconds``."""
    start = time.perf_counter()
    yield
    took = time.perf_counter() - start
    count(area)
    SLOWEST[area] = max(SLOWEST.get(area, 0.0), took)
    assert took <= seconds, f"{area}: a case took {took:.2f} s, over its {seconds:g} s bound"


def summary() -> list[str]:
    total = sum(CASES.values())
    lines = [f"fuzz and attack suite: {total} cases"]
    for area, n in sorted(CASES.items()):
        slow = f", slowest {SLOWEST[area]:.2f} s" if area in SLOWEST else ""
        lines.append(f"  {area}: {n}{slow}")
    return lines
