"""What every tracking use case shares: reading the journey from the store, and reading what the user typed
(plan item ids, dates, choices) into values, with a ``UserError`` that says how to fix a mistake.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from mlroute.errors import UnknownIdError, UserError
from mlroute.store import repo
from mlroute.store.models import PlanRow
from mlroute.track.journey import EvidenceLink, JournalNote, Journey, PlanVersion, Session

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as DbSession

ITEM_PREFIXES = ("res", "proj", "act")
LONG_PREFIXES = {"resource": "res", "project": "proj", "action": "act", "career_action": "act"}
EARLIEST_DAYS = 3653  # ten years: older dates are typos of the year
NO_PLAN_HINT = "Create your plan first: mlroute init --profile FILE"


def now_or(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now(UTC)


def today_or(today: date | None) -> date:
    return today if today is not None else date.today()


def plan_version(row: PlanRow) -> PlanVersion:
    return PlanVersion(
        version=row.version,
        created_at=row.created_at,
        starts_on=row.starts_on,
        kb_version=row.kb_version,
        reason=row.reason,
        pace=row.pace,
        data=row.data,
    )


def load_journey(s: DbSession, *, records: bool = False) -> Journey:
    """The journey so far; ``records`` adds the journal and evidence links (documents need them)."""
    profile, plans = repo.latest_profile(s), repo.plans(s)
    if profile is None or not plans:
        raise UserError("There is no plan yet.", hint=NO_PLAN_HINT)
    items = {it["id"]: it for p in plans for it in p.data.get("items", [])}
    rows = repo.statuses(s)
    journal = links = None
    if records:
        journal = [JournalNote(j.id, j.day, j.kind, j.text, list(j.tags), list(j.items)) for j in repo.journal(s)]
        links = [EvidenceLink(e.id, e.kind, e.url, e.title, e.item_id, e.created_at) for e in repo.evidence(s)]
    return Journey(
        profile=profile.data,
        profile_version=profile.version,
        name=profile.name,
        plan=plan_version(plans[-1]),
        first=plan_version(plans[0]),
        statuses={i: r.status for i, r in rows.items()},
        reasons={i: r.reason for i, r in rows.items()},
        finished_at={i: r.finished_at for i, r in rows.items()},
        sessions=[Session(x.day, x.minutes, x.item_id, x.note) for x in repo.sessions(s)],
        items=items,
        journal=journal or [],
        links=links or [],
    )


def resolve_item(ref: str, journey: Journey) -> str:
    """A plan item id from what the user typed: exact, prefix added (``fastai`` → ``res:fastai``), or an
    ``UnknownIdError`` with the closest ids of the plan."""
    ref = ref.strip()
    head, sep, rest = ref.partition(":")
    if sep and head in LONG_PREFIXES:
        ref = f"{LONG_PREFIXES[head]}:{rest}"
    if ref in journey.items:
        return ref
    if not sep:
        matches = [f"{p}:{ref}" for p in ITEM_PREFIXES if f"{p}:{ref}" in journey.items]
        if len(matches) == 1:
            return matches[0]
    from rapidfuzz import fuzz, process

    current = [it["id"] for it in journey.plan_items]
    pool = current + [i for i in journey.items if i not in current]
    bare = [i.partition(":")[2] for i in pool]
    hits = process.extract(ref.partition(":")[2] or ref, bare, scorer=fuzz.WRatio, limit=3, score_cutoff=60)
    error = UnknownIdError("plan item", ref, [pool[i] for _, _, i in hits])
    if not error.suggestions:
        error.hint = "Your plan's items are listed by `mlroute status` (next) and `mlroute plan`."
    raise error


def parse_day(text: str | None, today: date) -> date:
    if text is None or text == "today":
        return today
    if text == "yesterday":
        return today - timedelta(days=1)
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise UserError(
            f"Cannot read the date {text!r}.", hint="Use YYYY-MM-DD (e.g. 2026-12-07), 'today' or 'yesterday'."
        ) from None
    if day > today:
        raise UserError(f"The date {day} is in the future.", hint="Log study after it happened.")
    if day < today - timedelta(days=EARLIEST_DAYS):
        raise UserError(f"The date {day} is more than ten years ago.", hint="Check the year (YYYY-MM-DD).")
    return day


def choice(value: str, allowed: tuple[str, ...], what: str) -> str:
    """``value`` if it is one of ``allowed`` (case and spaces aside), else a ``UserError`` with the closest."""
    value = value.strip().lower()
    if value in allowed:
        return value
    from rapidfuzz import process

    close = [m for m, _, _ in process.extract(value, list(allowed), limit=2, score_cutoff=50)]
    hint = f"Did you mean {' or '.join(close)}? " if close else ""
    raise UserError(f"Unknown {what} {value!r}.", hint=hint + f"Choose one of: {', '.join(allowed)}.")
