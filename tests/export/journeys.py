"""Real journeys for the document tests: a persona's first plan from the real planner, ten weeks of study at
about 70 % of the stated hours (items finished as their hours are reached, one skipped as known), a journal entry
and a link, and two re-plans, on a clock passed in (no test depends on today's date)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from mlroute.kb.index import KBIndex
from mlroute.profile import Profile
from mlroute.profile.load import load_profile
from mlroute.services import journal, onboarding, replan, study
from mlroute.services.current import current_document
from mlroute.services.kb import index
from mlroute.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "profiles"


def at(day: date, hour: int = 21) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=UTC).replace(hour=hour)


@dataclass(frozen=True)
class Walked:
    store: Store
    kb: KBIndex
    profile: Profile
    today: date
    now: datetime


def _study_week(store: Store, profile: Profile, monday: date, logged: dict[str, float], skip: bool) -> None:
    """One week at 70 % of the stated hours, in plan order; the third open item is skipped as known if ``skip``."""
    todo = [
        i
        for i in sorted(current_document(store)["items"], key=lambda i: (i["week_start"], i["order"]))
        if i["status"] in ("todo", "doing") and i["hours"] > 0
    ]
    if skip and len(todo) > 3:
        study.skip(store, todo.pop(2)["id"], reason="known", now=at(monday))
    budget, day = profile.hours_per_week * 0.7, 0
    while budget > 0.5 and todo:
        it = todo[0]
        minutes = max(30, int(min(budget, it["hours"] - logged.get(it["id"], 0), 3) * 60) // 15 * 15)
        d = monday + timedelta(days=min(day, 6))
        study.log(store, f"{minutes}m", it["id"], note=f"on {it['id']}", day=d.isoformat(), today=d, now=at(d))
        logged[it["id"]] = logged.get(it["id"], 0) + minutes / 60
        budget, day = budget - minutes / 60, day + 1
        if logged[it["id"]] >= it["hours"] - 0.25:
            study.done(store, it["id"], now=at(d, 22))
            todo.pop(0)


def walk(persona: str, db: Path, *, weeks: int = 10, **changes: Any) -> Walked:
    """The persona's journey, ``weeks`` weeks in; ``changes`` edit the example profile (e.g. hours_at_work=4)."""
    store = Store(f"sqlite:///{db}")
    kb = index()
    profile = load_profile(EXAMPLES / f"{persona}.yaml").model_copy(update=changes)
    start = profile.start_date
    assert start is not None
    onboarding.start(store, kb, profile, today=start - timedelta(days=10), now=at(start - timedelta(days=10)))
    first = current_document(store)["items"][0]["id"]
    early = start - timedelta(days=3)
    study.log(store, "90m", first, note="read ahead", day=early.isoformat(), today=early, now=at(early))
    logged: dict[str, float] = {}
    for w in range(weeks):
        monday = start + timedelta(weeks=w)
        _study_week(store, profile, monday, logged, skip=w == 0)
        if w == 2:
            journal.journal_add(
                store, "Design note: the evaluation split", kind="design-note", day=monday.isoformat(), today=monday
            )
            journal.evidence_add(store, f"https://github.com/example/{persona}-notes", title="notes", now=at(monday))
        if w in (5, 9):
            next_monday = monday + timedelta(days=7)
            replan.replan(store, kb, today=next_monday, now=at(next_monday))
    today = start + timedelta(weeks=weeks, days=2)
    return Walked(store, kb, profile, today, at(today))
