"""Levels earned rather than declared: what a quiz showed, and when.

The planner takes an evidenced level as the person's own (it replaces the declared one), and every place that
says where a level comes from marks it: "Python 3 (quiz, 2026-12-01; you said 1)". Dates are passed in by the
caller (the service that read the accepted quiz results); nothing here reads a clock or a store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

SOURCES = ("quiz",)


@dataclass(frozen=True)
class Evidence:
    level: int
    on: dt.date | None = None  # the day the evidence was accepted; None when the caller does not know it
    source: str = "quiz"

    def to_json(self) -> dict[str, Any]:
        return {"level": self.level, "source": self.source, "on": self.on.isoformat() if self.on else None}

    @classmethod
    def from_json(cls, row: Mapping[str, Any] | int) -> Evidence:
        """A row of the plan document's ``evidenced_skills`` (a bare level from an older caller)."""
        if not isinstance(row, Mapping):
            return cls(int(row))
        on = row.get("on")
        return cls(int(row["level"]), dt.date.fromisoformat(on) if on else None, str(row.get("source") or "quiz"))


# What ``make_plan(..., evidenced=)`` takes: a bare level counts as a quiz level of unknown date.
Evidenced = Mapping[str, int | Evidence]


def as_evidence(evidenced: Evidenced | None) -> dict[str, Evidence]:
    """Every evidenced level as an ``Evidence``."""
    out: dict[str, Evidence] = {}
    for skill, ev in (evidenced or {}).items():
        out[skill] = ev if isinstance(ev, Evidence) else Evidence(int(ev))
    return out


def evidence_from_json(data: Mapping[str, Any] | None) -> dict[str, Evidence]:
    """The plan document's ``evidenced_skills`` back as ``Evidence`` (to plan again from a stored document)."""
    return {skill: Evidence.from_json(row) for skill, row in (data or {}).items()}


@dataclass(frozen=True)
class Origin:
    """Where the level a plan starts from comes from: ``quiz`` (with its date), ``said`` (declared in the profile)
    or ``assumed`` (from the background)."""

    kind: str
    level: int
    on: dt.date | None = None
    said: int | None = None  # quiz levels: what the person had declared, when that differs
