"""``mlroute replan``: a new plan from what is done and skipped and the observed pace, from this week on, and
what changed (items added, removed, moved; the ETA before and after; the reasons)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from mlroute.errors import UserError
from mlroute.services.journey import load_journey, now_or, today_or
from mlroute.services.plans import adopt_plan
from mlroute.services.quiz_levels import evidence_reasons, plan_evidence
from mlroute.services.results import Band, Result
from mlroute.store import Store
from mlroute.track.outlook import outlook
from mlroute.track.pace import MIN_WEEKS, Pace
from mlroute.track.replan import tr
from mlroute.track.weeks import week_of, week_start

if TYPE_CHECKING:
    from mlroute.kb import KBIndex
    from mlroute.plan.evidence import Evidenced
    from mlroute.track.journey import Journey


class Added(Result):
    id: str
    title: str
    week: int
    why: str


class Removed(Result):
    id: str
    title: str
    why: str


class Moved(Result):
    id: str
    title: str
    from_week: int
    to_week: int
    why: str


class Changes(Result):
    added: list[Added]
    removed: list[Removed]
    moved: list[Moved]


class Replanned(Result):
    plan_version: int
    previous_version: int
    starts_on: date
    week: int
    eta_weeks_before: Band
    eta_weeks_after: Band
    eta_weeks_initial: Band
    pace: float | None
    planned_pace: float
    changes: Changes
    reasons: list[str]
    items_total: int
    unchanged: bool = False


def in_kb(ids: Iterable[str], kb: KBIndex) -> frozenset[str]:
    """The item ids the knowledge base still has (an item removed by a KB update keeps its status in the
    history, but the planner cannot take it as done)."""
    tables: dict[str, Mapping[str, object]] = {"res": kb.resources, "proj": kb.projects, "act": kb.career_actions}
    return frozenset(ref for ref in ids if ref.partition(":")[2] in tables.get(ref.partition(":")[0], {}))


def plan_from(
    journey: Journey,
    kb: KBIndex,
    starts_on: date,
    done: frozenset[str],
    skipped: frozenset[str],
    pace: float | None,
    pc: Pace,
    evidenced: Evidenced,
    lang: str | None,
    *,
    profile_data: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The stored profile (or ``profile_data``, a changed one) planned again from ``starts_on``, with the same
    seed as the plan it follows and its language unless ``lang`` asks for another (so that nothing new means the
    same plan), at ``pace`` (None: the stated hours)."""
    from mlroute.plan import make_plan
    from mlroute.plan.schedule import TooLong
    from mlroute.profile import Profile

    profile = Profile.model_validate(journey.profile if profile_data is None else profile_data)
    profile = profile.model_copy(
        update={
            "start_date": starts_on,
            "availability": {d: h for d, h in profile.availability.items() if d >= starts_on},
        }
    )
    try:
        plan = make_plan(
            profile,
            kb,
            done=done,
            skipped=skipped,
            pace=pace,
            pace_sigma=pc.observed_sigma if pace is not None else 0.15,
            seed=int(journey.plan.data.get("seed", 0)),
            lang=lang or journey.plan.data.get("lang"),
            evidenced=evidenced,
        )
    except TooLong:
        if pace is None:
            raise
        raise UserError(
            f"At your observed pace, {pace:g} h a week over {pc.weeks_observed:g} weeks, the rest of the plan "
            "would take more than 20 years; nothing was changed.",
            hint="Re-plan at your stated hours with --pace stated (and log the study you do), or set "
            "hours_per_week to what you can really give and run mlroute init --replace.",
        ) from None
    return plan.to_json()


def _pace_to_use(pc: Pace, use: str) -> float | None:
    """The observed hours a week the re-plan packs at, or None for the stated hours; refuses an impossible choice."""
    if use not in ("auto", "observed", "stated"):
        raise UserError(f"--pace {use!r} is not allowed.", hint="Use --pace observed, --pace stated or leave it out.")
    if use == "observed" and pc.nothing_logged:
        raise UserError(
            f"Nothing is logged since your plan began {pc.weeks_observed:g} weeks ago, so there is no observed pace.",
            hint="Log your study with mlroute log, or re-plan at your stated hours (leave out --pace).",
        )
    if use == "observed" and pc.sparse and pc.observed:
        return pc.observed  # asked for: the person says the log is complete
    if use == "observed" and not pc.enough:
        raise UserError(
            f"There is not enough study logged yet for an observed pace: {pc.weeks_observed:g} of {MIN_WEEKS} weeks.",
            hint="Re-plan at your stated hours (leave out --pace), or log your study for a few more weeks.",
        )
    return pc.hours_per_week if pc.enough and use != "stated" else None


def replan(
    store: Store,
    kb: KBIndex,
    *,
    use: str = "auto",
    lang: str | None = None,
    today: date | None = None,
    now: datetime | None = None,
) -> Replanned:
    """A new plan from what is done and skipped, from this week on, packed at the observed pace once there is
    enough of it (``use``: auto | observed | stated); shows what changed. Twice in a row with nothing new, it
    changes nothing. ``lang``: the new plan's language (default: the current plan's; the web app asks for the
    page's)."""
    from mlroute.plan.words import lang_of
    from mlroute.track.replan import diff, reasons

    today, now = today_or(today), now_or(now)
    journey = store.read(load_journey)
    before = outlook(journey, today)
    pc = before.pace
    observed = _pace_to_use(pc, use)
    base = journey.first.starts_on
    week = max(1, week_of(base, today))
    starts_on = week_start(base, week)
    done = in_kb((i for i, st in journey.statuses.items() if st == "done"), kb)
    skipped = in_kb((i for i, st in journey.statuses.items() if st == "skipped"), kb)
    evidenced = plan_evidence(store, journey.profile.get("skills") or {})  # levels earned in accepted quizzes
    doc = plan_from(journey, kb, starts_on, done, skipped, observed, pc, evidenced, lang)
    stored = adopt_plan(
        store,
        journey.profile,
        doc,
        kb_version=kb.kb.meta.version,
        starts_on=starts_on,
        reason="replan",
        pace_used=observed,
        today=today,
        now=now,
    )
    lang = lang_of(doc.get("lang"))
    offset = (starts_on - base).days // 7
    why = reasons(
        pace=observed,
        planned=before.planned_pace,
        weeks=pc.weeks_observed,
        need=MIN_WEEKS,
        sparse=(pc.weeks_logged, pc.full_weeks) if pc.sparse and observed is None else None,
        chose_stated=use == "stated",
        done=len(done),
        skipped=len(skipped),
        kb_before=journey.plan.kb_version,
        kb_after=kb.kb.meta.version,
        lang=lang,
    ) + evidence_reasons(evidenced, lang)
    if stored.unchanged:
        changes = Changes(added=[], removed=[], moved=[])
        why = [tr(lang, "unchanged"), *why]
    else:
        changes = Changes.model_validate(
            diff(journey.plan.data, journey.offset, doc, offset, journey.statuses, lang=lang)
        )
    return Replanned(
        plan_version=stored.plan_version,
        previous_version=journey.plan.version,
        starts_on=starts_on,
        week=week,
        eta_weeks_before=Band.of(before.eta),
        eta_weeks_after=stored.eta_weeks,
        eta_weeks_initial=Band.of(journey.first.data["eta_weeks"]),
        pace=observed,
        planned_pace=before.planned_pace,
        changes=changes,
        reasons=why,
        items_total=len(doc.get("items", [])),
        unchanged=stored.unchanged,
    )
