"""The stored journey as plain values: the profile, the plan versions, item status, sessions, journal, evidence.

The services read it from the store in one transaction and hand it to the pure code that computes progress and
the forecast (``track``) or assembles documents (``export``); none of those touch the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from mlroute.track.progress import LoggedSession


@dataclass(frozen=True)
class PlanVersion:
    version: int
    created_at: datetime
    starts_on: date  # the date week 1 of this plan begins
    kb_version: str
    reason: str
    pace: float | None  # the weekly hours a re-plan packed its weeks with (None: the profile's hours)
    data: dict[str, Any]  # the plan document (``Plan.to_json()``)


@dataclass(frozen=True)
class Session:
    day: date
    minutes: int
    item_id: str
    note: str | None = None


@dataclass(frozen=True)
class JournalNote:
    id: int
    day: date
    kind: str
    text: str
    tags: list[str]
    items: list[str]


@dataclass(frozen=True)
class EvidenceLink:
    id: int
    kind: str
    url: str
    title: str | None
    item_id: str | None
    created_at: datetime


@dataclass(frozen=True)
class Journey:
    profile: dict[str, Any]
    profile_version: int
    name: str
    plan: PlanVersion  # the current plan
    first: PlanVersion  # the first plan: its start date is week 1 of the whole journey
    statuses: dict[str, str]
    reasons: dict[str, str | None]
    finished_at: dict[str, datetime | None]
    sessions: list[Session]
    items: dict[str, dict[str, Any]]  # every item any plan listed (the latest version of each wins)
    journal: list[JournalNote] = field(default_factory=list)
    links: list[EvidenceLink] = field(default_factory=list)

    @property
    def plan_items(self) -> list[dict[str, Any]]:
        return list(self.plan.data.get("items", []))

    @property
    def offset(self) -> int:
        """Weeks from the first plan's week 1 to the current plan's week 1."""
        return (self.plan.starts_on - self.first.starts_on).days // 7

    @property
    def hours_per_week(self) -> float:
        return float(self.profile.get("hours_per_week") or 0)

    @property
    def logged(self) -> list[LoggedSession]:
        return [LoggedSession(s.day, s.minutes, s.item_id) for s in self.sessions]

    def title(self, item_id: str) -> str:
        return str(self.items.get(item_id, {}).get("title", item_id))

    def status(self, item_id: str) -> str:
        return self.statuses.get(item_id, "todo")
