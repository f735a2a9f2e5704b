"""Per-process caches of what pages compute from a person's whole journey (status, the dashboard, a mentee's
summary), so a page asked for again when nothing changed costs one small query instead of the whole computation.

An entry is kept under whose data it is (``Store.cache_key``) with a stamp of what makes it stale: the data's
version (``Store.data_version``, moved by every committed change), the day, the language and whatever else the
caller names. It also expires on its own (``until``): figures that move with the clock (a review falling due,
recall decaying, a 30-day window) are recomputed when the next card falls due and at least every ``MAX_AGE``.
Bounded (least recently used goes first) and safe under threads (FastAPI runs sync routes in a thread pool); two
threads missing together both compute, and the last one's answer stays, which is harmless. Values are shared:
callers must not change them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Generic, TypeVar

V = TypeVar("V")
MAX_AGE = timedelta(minutes=5)


@dataclass(frozen=True)
class _Entry(Generic[V]):
    stamp: Hashable
    until: datetime
    value: V


class SummaryCache(Generic[V]):
    """At most ``size`` values, one per key, each valid for one stamp and until its own deadline."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, _Entry[V]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Hashable, stamp: Hashable, now: datetime) -> V | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry.stamp != stamp or now >= entry.until:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry.value

    def put(self, key: Hashable, stamp: Hashable, value: V, until: datetime) -> None:
        with self._lock:
            self._entries[key] = _Entry(stamp, until, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


def cached(
    cache: SummaryCache[V],
    key: Hashable,
    stamp: Hashable | None,
    compute: Callable[[], V],
    *,
    now: datetime | None = None,
    until: Callable[[V], datetime | None] = lambda _: None,
) -> V:
    """``cache``'s value for ``key`` and ``stamp``, else ``compute()`` kept until the earliest of ``MAX_AGE`` from
    now and ``until(value)``. A ``stamp`` of None (no cheap version of the data) computes every time."""
    if stamp is None:
        return compute()
    now = now or datetime.now(UTC)
    found = cache.get(key, stamp, now)
    if found is not None:
        return found
    value = compute()
    deadline = now + MAX_AGE
    own = until(value)
    cache.put(key, stamp, value, min(deadline, own) if own is not None else deadline)
    return value
