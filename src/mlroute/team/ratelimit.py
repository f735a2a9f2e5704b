"""How many failed sign-ins are allowed before the next attempt must wait: per account name (guessing one
person's password) and per client address (trying many names). Failures are counted in a sliding window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

WINDOW = timedelta(minutes=15)
PER_NAME = 5
PER_CLIENT = 20


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds; 0 when allowed


def verdict(name_failures: list[datetime], client_failures: list[datetime], now: datetime) -> Verdict:
    """Refuse while either count within the window is at its limit; the wait is until the oldest failure that
    keeps the count at the limit leaves the window."""
    waits = []
    for failures, limit in ((name_failures, PER_NAME), (client_failures, PER_CLIENT)):
        recent = sorted(t for t in failures if now - t < WINDOW)
        if len(recent) >= limit:
            waits.append(recent[len(recent) - limit] + WINDOW - now)
    if not waits:
        return Verdict(True, 0)
    return Verdict(False, max(1, int(max(waits).total_seconds() + 0.999)))
