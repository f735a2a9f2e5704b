"""Tracking use cases: store the profile and plans, log study, change item status, status and forecast,
re-plan, journal and evidence, reviews, documents, backup and restore.

Shared by the CLI and the web app; every function returns a JSON-serialisable dict. The clock comes in as
``now`` / ``today`` (defaults: the real clock) so tests can pin it. Input is checked before the database is
opened, and every change happens in one transaction, so a bad command changes nothing.

Imports of the planner, the knowledge base and the document renderers happen inside the functions that need
them: ``mlroute log`` must start fast, because people (and tests) run many of them.
"""

from __future__ import annotations

import json
import os
import tempfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlroute.errors import UnknownIdError, UserError
from mlroute.export.escape import check_web_url
from mlroute.store import Store, open_store, repo
from mlroute.store.models import EVIDENCE_KINDS, JOURNAL_KINDS, PlanRow, ProfileRow
from mlroute.track.duration import format_minutes, parse_duration
from mlroute.track.forecast import forecast, shift
from mlroute.track.pace import pace
from mlroute.track.progress import LoggedSession, plan_order, progress
from mlroute.track.streak import streak
from mlroute.track.weeks import week_of, week_start, weeks_between

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mlroute.kb import KBIndex
    from mlroute.plan import Plan
    from mlroute.profile import Profile

ITEM_PREFIXES = ("res", "proj", "act")
LONG_PREFIXES = {"resource": "res", "project": "proj", "action": "act", "career_action": "act"}
# What is worth revisiting with spaced repetition: what a resource taught (not a career step).
REVIEWED_PREFIXES = ("res:",)
# What makes two plan documents the same plan (solver timings and the like may differ between runs).
SAME_PLAN_KEYS = ("route", "items", "weeks", "milestones", "eta_weeks", "start_date")
NO_PLAN_HINT = "Create your plan first: mlroute init --profile FILE"

_stores: dict[str, Store] = {}


def store() -> Store:
    """The store for the current ``MLROUTE_DB`` (opened once per URL in a process)."""
    from mlroute.store.engine import database_url

    url = database_url()
    if url not in _stores:
        _stores[url] = open_store(url)
    return _stores[url]


def _now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now(UTC)


def _today(today: date | None) -> date:
    return today if today is not None else date.today()


# ---- reading the state ---------------------------------------------------------------------------------------


@dataclass
class State:
    profile: ProfileRow
    plan: PlanRow
    first: PlanRow
    statuses: dict[str, str]
    reasons: dict[str, str | None]
    finished_at: dict[str, datetime | None]
    sessions: list[LoggedSession]
    items: dict[str, dict[str, Any]]  # every item any plan listed (latest version wins)

    @property
    def plan_items(self) -> list[dict[str, Any]]:
        return list(self.plan.data.get("items", []))

    def title(self, item_id: str) -> str:
        return str(self.items.get(item_id, {}).get("title", item_id))

    @property
    def hours_per_week(self) -> float:
        return float(self.profile.data.get("hours_per_week") or 0)


def _load(s: Session) -> State:
    profile, plans = repo.latest_profile(s), repo.plans(s)
    if profile is None or not plans:
        raise UserError("There is no plan yet.", hint=NO_PLAN_HINT)
    items: dict[str, dict[str, Any]] = {}
    for p in plans:
        for it in p.data.get("items", []):
            items[it["id"]] = it
    rows = repo.statuses(s)
    return State(
        profile=profile,
        plan=plans[-1],
        first=plans[0],
        statuses={i: r.status for i, r in rows.items()},
        reasons={i: r.reason for i, r in rows.items()},
        finished_at={i: r.finished_at for i, r in rows.items()},
        sessions=[LoggedSession(x.day, x.minutes, x.item_id) for x in repo.sessions(s)],
        items=items,
    )


def resolve_item(ref: str, state: State) -> str:
    """A plan item id from what the user typed: exact, prefix added (``fastai`` → ``res:fastai``), or an
    ``UnknownIdError`` with the closest ids of the plan."""
    ref = ref.strip()
    head, sep, rest = ref.partition(":")
    if sep and head in LONG_PREFIXES:
        ref = f"{LONG_PREFIXES[head]}:{rest}"
    if ref in state.items:
        return ref
    if not sep:
        matches = [f"{p}:{ref}" for p in ITEM_PREFIXES if f"{p}:{ref}" in state.items]
        if len(matches) == 1:
            return matches[0]
    from rapidfuzz import fuzz, process

    current = [it["id"] for it in state.plan_items]
    pool = current + [i for i in state.items if i not in current]
    bare = [i.partition(":")[2] for i in pool]
    hits = process.extract(ref.partition(":")[2] or ref, bare, scorer=fuzz.WRatio, limit=3, score_cutoff=60)
    error = UnknownIdError("plan item", ref, [pool[i] for _, _, i in hits])
    if not error.suggestions:
        error.hint = "Your plan's items are listed by `mlroute status` (next) and `mlroute plan`."
    raise error


def _parse_day(text: str | None, today: date) -> date:
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
    return day


# ---- profile and plans -----------------------------------------------------------------------------------------


def adopt_plan(
    profile_data: dict[str, Any],
    plan_doc: dict[str, Any],
    *,
    kb_version: str,
    starts_on: date,
    reason: str,
    pace_used: float | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Store a profile (a new version only if it changed) and a plan made from it, in one transaction."""
    now = _now(now)
    name = str(profile_data.get("name") or "")

    normalised_plan = json.loads(json.dumps(plan_doc))

    def tx(s: Session) -> dict[str, Any]:
        latest = repo.latest_profile(s)
        current = repo.latest_plan(s)
        if (
            latest is not None
            and latest.data == profile_data
            and current is not None
            and all(current.data.get(k) == normalised_plan.get(k) for k in SAME_PLAN_KEYS)
            and current.starts_on == starts_on
        ):
            # The same profile and the same plan again (init run twice): nothing new to keep.
            eta = shift(current.data["eta_weeks"], _offset_weeks(current, repo.first_plan(s) or current))
            return {
                "profile_version": latest.version,
                "plan_version": current.version,
                "eta_weeks": eta,
                "unchanged": True,
            }
        if latest is not None and latest.data == profile_data:
            profile_version = latest.version
        else:
            profile_version = repo.add_profile(s, profile_data, name=name, now=now)
        plan_version = repo.add_plan(
            s,
            plan_doc,
            profile_version=profile_version,
            kb_version=kb_version,
            starts_on=starts_on,
            reason=reason,
            pace=pace_used,
            now=now,
        )
        first = repo.first_plan(s)
        offset = (starts_on - first.starts_on).days // 7 if first else 0
        eta = shift(plan_doc["eta_weeks"], offset)
        hours = sum(x.minutes for x in repo.sessions(s)) / 60
        repo.add_forecast(s, plan_version=plan_version, hours_logged=hours, pace=pace_used, eta=eta, now=now)
        return {"profile_version": profile_version, "plan_version": plan_version, "eta_weeks": eta, "unchanged": False}

    out = store().write(tx)
    return {
        **out,
        "starts_on": starts_on.isoformat(),
        "kb_version": kb_version,
        "reason": "unchanged" if out["unchanged"] else reason,
        "items_total": len(plan_doc.get("items", [])),
        "total_hours": plan_doc.get("total_hours"),
    }


def _resolved_start(profile: Profile, today: date) -> date:
    if profile.start_date is not None:
        return profile.start_date
    from mlroute.profile import next_monday

    return next_monday(today)


def init_profile(
    profile: Profile,
    *,
    plan: Plan | dict[str, Any] | None = None,
    today: date | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Store the profile and its first plan (``mlroute init``). ``plan``: the plan the caller already made from
    this profile, to avoid planning twice. Running it again with a changed profile stores a new profile version
    and plans again, keeping what is done and skipped."""
    from mlroute.services.kb import index

    today = _today(today)
    start = _resolved_start(profile, today)
    profile = profile.model_copy(update={"start_date": start})
    idx = index()
    done, skipped = (_in_kb(ids, idx) for ids in _done_and_skipped())
    if plan is None or done or skipped:
        from mlroute.plan import make_plan

        plan = make_plan(profile, idx, done=done, skipped=skipped, seed=0)
    doc = plan if isinstance(plan, dict) else plan.to_json()
    starts_on = date.fromisoformat(doc["start_date"]) if doc.get("start_date") else start
    first = not store().read(lambda s: repo.latest_plan(s) is not None)
    result = adopt_plan(
        profile.model_dump(mode="json"),
        doc,
        kb_version=str(doc.get("kb_version") or idx.kb.meta.version),
        starts_on=starts_on,
        reason="init" if first else "profile",
        now=now,
    )
    result["database"] = _describe_db()
    return result


def _done_and_skipped() -> tuple[frozenset[str], frozenset[str]]:
    rows = store().read(repo.statuses)
    done = frozenset(i for i, r in rows.items() if r.status == "done")
    skipped = frozenset(i for i, r in rows.items() if r.status == "skipped")
    return done, skipped


def _in_kb(ids: Iterable[str], idx: KBIndex) -> frozenset[str]:
    """The item ids the knowledge base still has (an item removed by a KB update keeps its status in the
    history, but the planner cannot take it as done)."""
    tables: dict[str, Mapping[str, object]] = {
        "res": idx.resources,
        "proj": idx.projects,
        "act": idx.career_actions,
    }
    out = set()
    for ref in ids:
        prefix, _, rid = ref.partition(":")
        if rid in tables.get(prefix, {}):
            out.add(ref)
    return frozenset(out)


def _describe_db() -> str:
    st = store()
    return st.engine.url.render_as_string(hide_password=True)


# ---- logging and status changes --------------------------------------------------------------------------------


def log(
    duration: str,
    item: str,
    *,
    note: str | None = None,
    day: str | None = None,
    today: date | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Record a study session; an item still 'todo' becomes 'doing'."""
    minutes = parse_duration(duration)
    today, now = _today(today), _now(now)
    when = _parse_day(day, today)
    note = note.strip() if note and note.strip() else None

    def tx(s: Session) -> dict[str, Any]:
        state = _load(s)
        item_id = resolve_item(item, state)
        session_id = repo.add_session(s, day=when, minutes=minutes, item_id=item_id, note=note, now=now)
        started = state.statuses.get(item_id, "todo") == "todo"
        if started:
            repo.set_status(s, item_id, "doing", now=now)
        logged = sum(x.minutes for x in state.sessions if x.item_id == item_id) + minutes
        return {
            "session_id": session_id,
            "item": item_id,
            "title": state.title(item_id),
            "minutes": minutes,
            "duration": format_minutes(minutes),
            "day": when.isoformat(),
            "note": note,
            "started": started,
            "item_hours_logged": round(logged / 60, 2),
            "item_hours_planned": state.items.get(item_id, {}).get("hours"),
        }

    return store().write(tx)


def set_status(item: str, status: str, *, reason: str | None = None, now: datetime | None = None) -> dict[str, Any]:
    """Mark an item doing, done or skipped. Finishing a resource schedules its first review."""
    from mlroute.track.review import new_card

    now = _now(now)

    def tx(s: Session) -> dict[str, Any]:
        state = _load(s)
        item_id = resolve_item(item, state)
        previous, _ = repo.set_status(s, item_id, status, now=now, reason=reason)
        review_due = None
        if status == "done" and item_id.startswith(REVIEWED_PREFIXES) and repo.review_card(s, item_id) is None:
            card, due = new_card(zlib.crc32(item_id.encode()), now)
            repo.put_review_card(s, item_id, card=card, due=due, rating=None, now=now)
            review_due = due.isoformat()
        return {
            "item": item_id,
            "title": state.title(item_id),
            "previous": previous,
            "status": status,
            "reason": reason if status == "skipped" else None,
            "review_due": review_due,
        }

    return store().write(tx)


def done(item: str, *, now: datetime | None = None) -> dict[str, Any]:
    return set_status(item, "done", now=now)


def start(item: str, *, now: datetime | None = None) -> dict[str, Any]:
    return set_status(item, "doing", now=now)


def skip(item: str, *, reason: str = "known", now: datetime | None = None) -> dict[str, Any]:
    reason = reason.strip() or "known"
    return set_status(item, "skipped", reason=reason, now=now)


# ---- status and forecast ---------------------------------------------------------------------------------------


def _offset_weeks(plan: PlanRow, first: PlanRow) -> int:
    return (plan.starts_on - first.starts_on).days // 7


def _summary(state: State, today: date) -> dict[str, Any]:
    """Progress, pace and the forecast for ``state`` on ``today``."""
    items = state.plan_items
    known_hours = {i: float(it.get("hours", 0)) for i, it in state.items.items()}
    prog = progress(items, state.statuses, state.sessions, known_hours)
    planned = float(state.plan.pace or state.hours_per_week or 1.0)
    # Pace is measured from the first logged session: a late start already shows in the weeks elapsed.
    first_day = min((x.day for x in state.sessions), default=today)
    pc = pace(state.sessions, started=first_day, today=today, planned=planned)
    plan_total = sum(float(it.get("hours", 0)) for it in items)
    eta_now = forecast(
        state.plan.data["eta_weeks"],
        plan_total_hours=plan_total,
        remaining_hours=prog.hours_remaining,
        planned_pace=planned,
        pace=pc.hours_per_week,
        weeks_into_plan=weeks_between(state.plan.starts_on, today),
        plan_offset_weeks=_offset_weeks(state.plan, state.first),
    )
    return {"progress": prog, "pace": pc, "eta": eta_now, "planned_pace": planned}


def status(*, today: date | None = None, now: datetime | None = None) -> dict[str, Any]:
    """Where the person stands: progress, this week against plan, streak, ETA then and now, what is next."""
    today, now = _today(today), _now(now)

    def read(s: Session) -> tuple[State, list[dict[str, Any]]]:
        cards = [
            {"item": c.item_id, "due": c.due.isoformat(), "reviews": c.reviews}
            for c in repo.review_cards(s)
            if c.due <= now
        ]
        return _load(s), cards

    state, due_cards = store().read(read)
    summary = _summary(state, today)
    prog, pc = summary["progress"], summary["pace"]
    base = state.first.starts_on
    week = week_of(state.plan.starts_on, today)
    week_from = week_start(state.plan.starts_on, week)
    planned_week = next(
        (float(w.get("hours", 0)) for w in state.plan.data.get("weeks", []) if w.get("week") == week), 0.0
    )
    logged_week = sum(x.minutes for x in state.sessions if week_from <= x.day < week_from + timedelta(7)) / 60
    st = streak((x.day for x in state.sessions), today)
    items_by_id = {it["id"]: it for it in state.plan_items}
    offset = _offset_weeks(state.plan, state.first)

    def brief(item_id: str) -> dict[str, Any]:
        it = state.items.get(item_id, {})
        return {
            "id": item_id,
            "title": state.title(item_id),
            "kind": it.get("kind"),
            "status": state.statuses.get(item_id, "todo"),
            "week_start": (it["week_start"] + offset) if item_id in items_by_id and "week_start" in it else None,
            "hours": it.get("hours"),
            "hours_logged": round(sum(x.minutes for x in state.sessions if x.item_id == item_id) / 60, 2),
        }

    eta = summary["eta"]
    return {
        "name": state.profile.name,
        "target_role": state.profile.data.get("target_role"),
        "today": today.isoformat(),
        "started_on": base.isoformat(),
        "week": max(0, week_of(base, today)),  # 0: the plan has not started yet
        "plan_version": state.plan.version,
        "kb_version": state.plan.kb_version,
        "hours_logged": prog.hours_logged,
        "hours_total": prog.hours_total,
        "hours_remaining": prog.hours_remaining,
        "items_done": prog.items_done,
        "items_doing": prog.items_doing,
        "items_skipped": prog.items_skipped,
        "items_total": prog.items_total,
        "progress": prog.fraction,
        "this_week": {
            "week": max(0, week_of(base, today)),
            "from": week_from.isoformat(),
            "hours_logged": round(logged_week, 2),
            "hours_planned": planned_week,
        },
        "streak": {
            "current_days": st.current_days,
            "longest_days": st.longest_days,
            "current_weeks": st.current_weeks,
            "longest_weeks": st.longest_weeks,
            "last_day": st.last_day.isoformat() if st.last_day else None,
        },
        "pace": {
            "hours_per_week": pc.hours_per_week,
            "observed": pc.observed,
            "weeks_observed": pc.weeks_observed,
            "planned": summary["planned_pace"],
        },
        "eta_weeks": eta,
        "eta_dates": {b: (base + timedelta(weeks=w)).isoformat() for b, w in eta.items()},
        "eta_weeks_initial": shift(state.first.data["eta_weeks"], 0),
        "eta_weeks_plan": shift(state.plan.data["eta_weeks"], offset),
        "next": prog.next,
        "next_items": [brief(i) for i in prog.next],
        "reviews_due": due_cards,
    }


# ---- re-planning ---------------------------------------------------------------------------------------------


def replan(*, today: date | None = None, now: datetime | None = None) -> dict[str, Any]:
    """A new plan from what is done and skipped and the observed pace, from this week on; shows what changed."""
    from mlroute.plan import make_plan
    from mlroute.profile import Profile
    from mlroute.services.kb import index
    from mlroute.track.replan import diff, reasons

    today, now = _today(today), _now(now)
    state = store().read(_load)
    before = _summary(state, today)
    base = state.first.starts_on
    week = max(1, week_of(base, today))
    starts_on = week_start(base, week)
    profile = Profile.model_validate(state.profile.data)
    profile = profile.model_copy(
        update={
            "start_date": starts_on,
            "availability": {d: h for d, h in profile.availability.items() if d >= starts_on},
        }
    )
    idx: KBIndex = index()
    done = _in_kb((i for i, st in state.statuses.items() if st == "done"), idx)
    skipped = _in_kb((i for i, st in state.statuses.items() if st == "skipped"), idx)
    observed = before["pace"].hours_per_week if state.sessions else None
    plan = make_plan(profile, idx, done=done, skipped=skipped, pace=observed, seed=0)
    doc = plan.to_json()
    stored = adopt_plan(
        state.profile.data,
        doc,
        kb_version=idx.kb.meta.version,
        starts_on=starts_on,
        reason="replan",
        pace_used=observed,
        now=now,
    )
    offset = (starts_on - base).days // 7
    changes = diff(state.plan.data, _offset_weeks(state.plan, state.first), doc, offset, state.statuses)
    return {
        "plan_version": stored["plan_version"],
        "previous_version": state.plan.version,
        "starts_on": starts_on.isoformat(),
        "week": week,
        "eta_weeks_before": before["eta"],
        "eta_weeks_after": shift(doc["eta_weeks"], offset),
        "eta_weeks_initial": shift(state.first.data["eta_weeks"], 0),
        "pace": observed,
        "planned_pace": before["planned_pace"],
        "changes": changes,
        "reasons": reasons(
            pace=observed,
            planned=before["planned_pace"],
            done=len(done),
            skipped=len(skipped),
            kb_before=state.plan.kb_version,
            kb_after=idx.kb.meta.version,
        ),
        "items_total": len(doc.get("items", [])),
    }


def history() -> dict[str, Any]:
    """Every plan version and forecast: how the plan and the ETA moved over time."""

    def read(s: Session) -> dict[str, Any]:
        return {
            "plans": [
                {
                    "version": p.version,
                    "created_at": p.created_at.isoformat(),
                    "reason": p.reason,
                    "starts_on": p.starts_on.isoformat(),
                    "kb_version": p.kb_version,
                    "pace": p.pace,
                    "items": len(p.data.get("items", [])),
                    "eta_weeks": p.data.get("eta_weeks"),
                }
                for p in repo.plans(s)
            ],
            "forecasts": [
                {
                    "created_at": f.created_at.isoformat(),
                    "plan_version": f.plan_version,
                    "hours_logged": f.hours_logged,
                    "pace": f.pace,
                    "eta_weeks": {"p10": f.p10, "p50": f.p50, "p90": f.p90},
                }
                for f in repo.forecasts(s)
            ],
        }

    return store().read(read)


# ---- journal, evidence, reviews ------------------------------------------------------------------------------


def _choice(value: str, allowed: tuple[str, ...], what: str) -> str:
    value = value.strip().lower()
    if value in allowed:
        return value
    from rapidfuzz import process

    close = [m for m, _, _ in process.extract(value, list(allowed), limit=2, score_cutoff=50)]
    hint = f"Did you mean {' or '.join(close)}? " if close else ""
    raise UserError(f"Unknown {what} {value!r}.", hint=hint + f"Choose one of: {', '.join(allowed)}.")


def journal_add(
    text: str,
    *,
    kind: str = "insight",
    tags: list[str] | None = None,
    items: list[str] | None = None,
    day: str | None = None,
    today: date | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    kind = _choice(kind, JOURNAL_KINDS, "journal kind")
    if not text.strip():
        raise UserError("The journal entry is empty.", hint="Write what you designed, learned or struggled with.")
    today, now = _today(today), _now(now)
    when = _parse_day(day, today)
    clean_tags = sorted({t.strip().lstrip("#").lower() for t in tags or [] if t.strip()})

    def tx(s: Session) -> dict[str, Any]:
        linked: list[str] = []
        if items:
            state = _load(s)
            linked = [resolve_item(i, state) for i in items]
        entry_id = repo.add_journal(s, day=when, kind=kind, text=text.strip(), tags=clean_tags, items=linked, now=now)
        return {
            "id": entry_id,
            "day": when.isoformat(),
            "kind": kind,
            "text": text.strip(),
            "tags": clean_tags,
            "items": linked,
        }

    return store().write(tx)


def journal_list(
    *, kind: str | None = None, tag: str | None = None, item: str | None = None, limit: int | None = None
) -> dict[str, Any]:
    if kind:
        kind = _choice(kind, JOURNAL_KINDS, "journal kind")

    def read(s: Session) -> list[dict[str, Any]]:
        wanted_item = resolve_item(item, _load(s)) if item else None
        rows = [
            {"id": r.id, "day": r.day.isoformat(), "kind": r.kind, "text": r.text, "tags": r.tags, "items": r.items}
            for r in repo.journal(s)
            if (kind is None or r.kind == kind)
            and (tag is None or tag.lstrip("#").lower() in r.tags)
            and (wanted_item is None or wanted_item in r.items)
        ]
        return rows[-limit:] if limit else rows

    entries = store().read(read)
    return {"entries": entries, "count": len(entries)}


def _guess_evidence_kind(url: str) -> str:
    host = url.split("://", 1)[-1].split("/", 1)[0].lower()
    if any(h in host for h in ("github.", "gitlab.", "bitbucket.", "gitee.", "huggingface.")):
        return "repository"
    if any(h in host for h in ("youtube.", "youtu.be", "bilibili.", "vimeo.", "slideshare.", "speakerdeck.")):
        return "talk"
    return "post"


def evidence_add(
    url: str,
    *,
    kind: str | None = None,
    title: str | None = None,
    item: str | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    url = check_web_url(url)  # export.escape: http(s) only; no spaces, quotes or angle brackets
    kind = _choice(kind, EVIDENCE_KINDS, "evidence kind") if kind else _guess_evidence_kind(url)
    now = _now(now)

    def tx(s: Session) -> dict[str, Any]:
        item_id = resolve_item(item, _load(s)) if item else None
        link_id = repo.add_evidence(s, kind=kind, url=url, title=title, item_id=item_id, now=now)
        return {"id": link_id, "kind": kind, "url": url, "title": title, "item": item_id}

    return store().write(tx)


def evidence_list() -> dict[str, Any]:
    links = store().read(
        lambda s: [
            {
                "id": e.id,
                "kind": e.kind,
                "url": e.url,
                "title": e.title,
                "item": e.item_id,
                "added": e.created_at.date().isoformat(),
            }
            for e in repo.evidence(s)
        ]
    )
    return {"links": links, "count": len(links)}


def review(item: str, rating: str, *, now: datetime | None = None) -> dict[str, Any]:
    """Record how well you recalled a finished item (again | hard | good | easy); FSRS sets the next review."""
    from mlroute.track.review import RATINGS
    from mlroute.track.review import review as fsrs_review

    rating = _choice(rating, RATINGS, "rating")
    now = _now(now)

    def tx(s: Session) -> dict[str, Any]:
        item_id = resolve_item(item, _load(s))
        card = repo.review_card(s, item_id)
        if card is None:
            raise UserError(
                f"{item_id} has no review scheduled.", hint=f"Reviews start when you finish it: mlroute done {item_id}"
            )
        updated, due = fsrs_review(card.card, rating, now)
        repo.put_review_card(s, item_id, card=updated, due=due, rating=rating, now=now)
        return {"item": item_id, "rating": rating, "next_review": due.isoformat(), "reviews": card.reviews}

    return store().write(tx)


# ---- documents -------------------------------------------------------------------------------------------------


def _write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it over: a crash never leaves half a file."""
    path = path.expanduser()
    if path.is_dir():
        raise UserError(f"{path} is a folder.", hint="Give a file name, e.g. -o plan.pdf")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        raise UserError(f"Cannot write {path}: {exc.strerror}.", hint="Choose a writable location.") from exc


def _kb_or_none() -> KBIndex | None:
    """The knowledge base for names and rubrics; documents still work (with ids) when it cannot be loaded."""
    from mlroute.services.kb import index

    try:
        return index()
    except UserError:
        return None


def _skill_name(idx: KBIndex | None, skill: str) -> str:
    rec = idx.skills.get(skill) if idx else None
    return rec.name.en if rec else skill


def _format_of(path: Path, fmt: str | None, allowed: tuple[str, ...]) -> str:
    chosen = (fmt or path.suffix.lstrip(".") or allowed[0]).lower()
    chosen = {"markdown": "md", "htm": "html"}.get(chosen, chosen)
    if chosen not in allowed:
        raise UserError(f"Unknown format {chosen!r} for {path.name}.", hint=f"Use --format {' | '.join(allowed)}.")
    return chosen


def _render(doc: Any, fmt: str, now: datetime) -> bytes:
    from mlroute.export.document import to_html, to_markdown

    if fmt == "md":
        return to_markdown(doc).encode("utf-8")
    if fmt == "html":
        return to_html(doc).encode("utf-8")
    from mlroute.export.pdf import render_pdf

    return render_pdf(doc, created=now)


def _read_everything(s: Session) -> tuple[State, list[Any], list[Any], list[Any]]:
    return _load(s), repo.journal(s), repo.evidence(s), repo.sessions(s)


def _item_rows(state: State, idx: KBIndex | None) -> list[dict[str, Any]]:
    base = state.first.starts_on
    offset = _offset_weeks(state.plan, state.first)
    rows = []
    for it in plan_order(state.plan_items):
        ws, we = it.get("week_start", 1) + offset, it.get("week_end", it.get("week_start", 1)) + offset
        rows.append(
            {
                "id": it["id"],
                "kind": it.get("kind", "resource"),
                "title": it.get("title", it["id"]),
                "week_start": ws,
                "week_end": we,
                "start_date": week_start(base, ws).isoformat(),
                "hours": float(it.get("hours", 0)),
                "closes": [_skill_name(idx, c) for c in it.get("closes", [])],
                "why": it.get("why", ""),
                "status": state.statuses.get(it["id"], "todo"),
                "cost_usd": float(it.get("cost_usd") or 0),
                "requires_employer": _requires_employer(it["id"], idx),
            }
        )
    return rows


def _requires_employer(item_id: str, idx: KBIndex | None) -> bool:
    prefix, _, rid = item_id.partition(":")
    action = idx.career_actions.get(rid) if idx and prefix == "act" else None
    return bool(action and action.requires_employer)


def _person(state: State, idx: KBIndex | None) -> dict[str, Any]:
    data = state.profile.data
    skills: dict[str, int] = data.get("skills") or {}
    strengths = [_skill_name(idx, k) for k, v in sorted(skills.items(), key=lambda kv: -kv[1]) if v >= 3][:8]
    return {
        "name": data.get("name") or "",
        "background": data.get("background", "other"),
        "years_experience": data.get("years_experience") or 0,
        "hours_per_week": float(data.get("hours_per_week") or 0),
        "start_date": state.first.starts_on.isoformat(),
        "interests": [_skill_name(idx, i) for i in data.get("interests") or []],
        "strengths": strengths,
    }


def _role(state: State, idx: KBIndex | None) -> dict[str, str]:
    rid = str(state.profile.data.get("target_role") or "ml-engineer")
    rec = idx.roles.get(rid) if idx else None
    return {"id": rid, "name": rec.name.en if rec else rid.replace("-", " ").title()}


def _route(plan: dict[str, Any], idx: KBIndex | None) -> dict[str, Any]:
    """The plan's route as {name, reason, phases}."""
    rid = str(plan.get("route") or "")
    rec = idx.routes.get(rid) if idx and rid else None
    name = plan.get("route_name") or (rec.name.en if rec else rid.replace("-", " ").title() or "Route")
    phases = [_phase_name(p) for p in plan.get("phases") or []] or ([p.name.en for p in rec.phases] if rec else [])
    return {"name": str(name), "reason": str(plan.get("route_reason") or ""), "phases": [p for p in phases if p]}


def _phase_name(phase: Any) -> str:
    if isinstance(phase, dict):
        name = phase.get("name") or phase.get("id") or ""
        return str(name.get("en", "") if isinstance(name, dict) else name)
    return str(phase)


def _milestones(state: State, idx: KBIndex | None) -> list[dict[str, Any]]:
    base = state.first.starts_on
    offset = _offset_weeks(state.plan, state.first)
    out = []
    for m in state.plan.data.get("milestones", []):
        week = int(m.get("week", 1)) + offset
        out.append(
            {
                "id": str(m.get("id", f"m{week}")),
                "title": str(m.get("title", "")),
                "week": week,
                "date": (week_start(base, week) + timedelta(days=6)).isoformat(),
                "skills": [_skill_name(idx, k) for k in m.get("skills", [])],
            }
        )
    return out


def _main_gaps(plan: dict[str, Any], idx: KBIndex | None, limit: int = 8) -> list[str]:
    """The plan's largest open gaps by weight, as skill names."""
    rows = [g for g in plan.get("gaps", []) if isinstance(g, dict) and (g.get("need") or 0) > 0]
    rows.sort(key=lambda g: (-(g.get("weight") or 0), -(g.get("need") or 0), str(g.get("skill"))))
    return [_skill_name(idx, str(g["skill"])) for g in rows[:limit] if g.get("skill")]


def export_transition_plan(
    path: Path, *, fmt: str | None = None, today: date | None = None, now: datetime | None = None
) -> dict[str, Any]:
    from mlroute.export.transition_plan import transition_plan

    fmt = _format_of(path, fmt, ("md", "html", "pdf"))
    today, now = _today(today), _now(now)
    state, journal, links, _ = store().read(_read_everything)
    st = status(today=today, now=now)
    idx = _kb_or_none()
    base = state.first.starts_on
    done_items = sorted(
        (i for i, s in state.statuses.items() if s == "done"),
        key=lambda i: state.finished_at.get(i) or datetime.min.replace(tzinfo=UTC),
    )
    ctx = {
        "generated_on": today.isoformat(),
        "person": _person(state, idx),
        "role": _role(state, idx),
        "route": _route(state.plan.data, idx),
        "eta": {
            "now": st["eta_weeks"],
            "initial": st["eta_weeks_initial"],
            "dates": {b: (base + timedelta(weeks=w)).isoformat() for b, w in st["eta_weeks"].items()},
        },
        "milestones": _milestones(state, idx),
        "items": _item_rows(state, idx),
        "gaps": _main_gaps(state.plan.data, idx),
        "progress": st,
        "evidence": {
            "done": [
                {
                    "id": i,
                    "title": state.title(i),
                    "date": (state.finished_at.get(i) or now).date().isoformat(),
                }
                for i in done_items
            ],
            "links": [{"kind": e.kind, "url": e.url, "title": e.title} for e in links],
            "journal": [{"day": j.day.isoformat(), "kind": j.kind, "text": j.text} for j in journal[-12:]],
        },
    }
    doc = transition_plan(ctx)
    data = _render(doc, fmt, now)
    _write_atomically(path, data)
    return {"path": str(path), "format": fmt, "bytes": len(data), "sections": _sections(doc)}


def _sections(doc: Any) -> list[str]:
    from mlroute.export.document import Heading

    return [b.text for b in doc.blocks if isinstance(b, Heading) and b.level == 1]


def export_learning_log(
    path: Path, *, fmt: str | None = None, today: date | None = None, now: datetime | None = None
) -> dict[str, Any]:
    from mlroute.export.learning_log import learning_log

    fmt = _format_of(path, fmt, ("md", "html", "pdf"))
    today, now = _today(today), _now(now)
    state, journal, links, sessions = store().read(_read_everything)
    base = state.first.starts_on
    plan_weeks = {
        int(w.get("week", 0)) + _offset_weeks(state.plan, state.first): float(w.get("hours", 0))
        for w in state.plan.data.get("weeks", [])
    }
    weeks: dict[int, dict[str, Any]] = {}

    def bucket(day: date) -> dict[str, Any]:
        w = week_of(base, day)
        if w not in weeks:
            first_day = week_start(base, w)
            weeks[w] = {
                "week": w,
                "from": first_day.isoformat(),
                "to": (first_day + timedelta(6)).isoformat(),
                "hours": 0.0,
                "planned_hours": plan_weeks.get(w),
                "sessions": [],
                "finished": [],
                "journal": [],
                "links": [],
            }
        return weeks[w]

    for x in sessions:
        b = bucket(x.day)
        b["sessions"].append(
            {"day": x.day.isoformat(), "title": state.title(x.item_id), "minutes": x.minutes, "note": x.note}
        )
        b["hours"] = round(b["hours"] + x.minutes / 60, 2)
    for item_id, st in state.statuses.items():
        finished = state.finished_at.get(item_id)
        if st in ("done", "skipped") and finished:
            bucket(finished.date())["finished"].append(
                {"title": state.title(item_id), "status": st, "reason": state.reasons.get(item_id)}
            )
    for j in journal:
        bucket(j.day)["journal"].append({"day": j.day.isoformat(), "kind": j.kind, "text": j.text, "tags": j.tags})
    for e in links:
        bucket(e.created_at.date())["links"].append({"kind": e.kind, "url": e.url, "title": e.title})
    st_ = streak((x.day for x in sessions), today)
    hours = sum(x.minutes for x in sessions) / 60
    ordered = [weeks[k] for k in sorted(weeks)]
    days = [x.day for x in sessions] + [j.day for j in journal]
    span_weeks = max(1.0, weeks_between(base, today)) if sessions else 1.0
    ctx = {
        "generated_on": today.isoformat(),
        "person": _person(state, None),
        "role": _role(state, _kb_or_none()),
        "period": {"from": min(days).isoformat() if days else "", "to": max(days).isoformat() if days else ""},
        "totals": {
            "hours": round(hours, 2),
            "sessions": len(sessions),
            "hours_per_week": round(hours / span_weeks, 1),
            "items_done": sum(1 for s in state.statuses.values() if s == "done"),
            "journal": len(journal),
            "links": len(links),
            "longest_days": st_.longest_days,
            "longest_weeks": st_.longest_weeks,
        },
        "weeks": ordered,
    }
    doc = learning_log(ctx)
    data = _render(doc, fmt, now)
    _write_atomically(path, data)
    return {"path": str(path), "format": fmt, "bytes": len(data), "weeks": len(ordered)}


def export_portfolio(
    path: Path, *, fmt: str | None = None, today: date | None = None, now: datetime | None = None
) -> dict[str, Any]:
    from mlroute.export.portfolio import portfolio

    fmt = _format_of(path, fmt, ("md", "html", "pdf"))
    today, now = _today(today), _now(now)
    state, _, links, _ = store().read(_read_everything)
    idx = _kb_or_none()
    rows = _item_rows(state, idx)
    projects = []
    for r in rows:
        if r["kind"] != "project":
            continue
        rec = idx.projects.get(r["id"].partition(":")[2]) if idx else None
        projects.append(
            {
                **r,
                "skills": r["closes"],
                "rubric": [line.text.en for line in rec.rubric] if rec else [],
                "evidence": [{"kind": e.kind, "url": e.url, "title": e.title} for e in links if e.item_id == r["id"]],
            }
        )
    project_ids = {p["id"] for p in projects}
    ctx = {
        "generated_on": today.isoformat(),
        "person": _person(state, idx),
        "projects": projects,
        "other_links": [
            {"kind": e.kind, "url": e.url, "title": e.title} for e in links if e.item_id not in project_ids
        ],
        "career": [r for r in rows if r["kind"] == "career_action"],
    }
    doc = portfolio(ctx)
    data = _render(doc, fmt, now)
    _write_atomically(path, data)
    return {"path": str(path), "format": fmt, "bytes": len(data), "projects": len(projects)}


def export_calendar(
    path: Path,
    *,
    at: str = "19:00",
    block: str = "2h",
    now: datetime | None = None,
) -> dict[str, Any]:
    """The current plan's weeks as study blocks (and milestones as all-day events) in an .ics file."""
    from mlroute.export.calendar import calendar_ics

    try:
        at_time = time.fromisoformat(at)
    except ValueError:
        raise UserError(f"Cannot read the time {at!r}.", hint="Use HH:MM, e.g. --at 19:30") from None
    block_hours = parse_duration(block) / 60
    now = _now(now)
    state = store().read(_load)
    base = state.first.starts_on
    offset = _offset_weeks(state.plan, state.first)
    titles = {i: state.title(i) for i in state.items}
    weeks = [
        {
            "week": int(w["week"]) + offset,
            "start": week_start(base, int(w["week"]) + offset),
            "hours": float(w.get("hours", 0)),
            "items": [
                titles.get(str(i), str(i)) if isinstance(i, str) else str(i.get("title", i.get("id")))
                for i in w.get("items", [])
            ],
        }
        for w in state.plan.data.get("weeks", [])
    ]
    milestones = [{**m, "date": date.fromisoformat(m["date"])} for m in _milestones(state, None)]
    data = calendar_ics(
        weeks,
        milestones,
        plan_version=state.plan.version,
        at=at_time,
        block_hours=block_hours,
        now=now,
        title=f"mlroute: {state.profile.name or 'study plan'}",
    )
    _write_atomically(path, data)
    return {
        "path": str(path),
        "format": "ics",
        "bytes": len(data),
        "events": data.count(b"BEGIN:VEVENT"),
        "weeks": len(weeks),
    }


# ---- backup and restore ----------------------------------------------------------------------------------------


def backup(path: Path, *, now: datetime | None = None) -> dict[str, Any]:
    """Everything in the database as one JSON file (format ``mlroute-backup``)."""

    from mlroute import __version__
    from mlroute.export.backup import make_backup
    from mlroute.store.dump import dump
    from mlroute.store.migrate import HEAD

    now = _now(now)
    tables = store().read(dump)
    doc = make_backup(tables, schema_revision=HEAD, app_version=__version__, now=now)
    data = json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
    _write_atomically(path, data)
    return {"path": str(path), "bytes": len(data), "counts": doc["counts"]}


def restore(path: Path, *, replace: bool = False) -> dict[str, Any]:
    """Load a backup into an empty database (or replace everything with ``replace``), all or nothing."""
    from sqlalchemy.exc import IntegrityError

    from mlroute.export.backup import read_backup
    from mlroute.store.dump import clear, load, schema

    path = path.expanduser()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(
            f"{path} does not exist.", hint="Give the path of a file written by `mlroute backup`."
        ) from None
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror}.") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UserError(
            f"{path} is not a text file.", hint="Choose a file written by `mlroute backup`; nothing was restored."
        ) from None
    tables = read_backup(text, source=str(path), schema=schema())

    def tx(s: Session) -> dict[str, int]:
        if not repo.is_empty(s):
            if not replace:
                raise UserError(
                    "The database already holds data; restore only fills an empty one.",
                    hint="Use --replace to overwrite everything in it (back it up first with `mlroute backup`), "
                    "or set MLROUTE_DB to a new database.",
                )
            clear(s)
        return load(s, tables)

    try:
        counts = store().write(tx)
    except IntegrityError as exc:
        raise UserError(
            f"{path} has conflicting records (duplicate ids): {exc.orig}",
            hint="The file was edited or damaged; nothing was restored.",
        ) from exc
    return {"path": str(path), "counts": counts, "replaced": replace}
