"""Interview drill use cases: the next due card, rating it, due counts and retention, readiness.

The deck follows the stored current plan (``track.drill``); ``all_questions`` practises the whole bank instead.
Results are pydantic models (JSON = ``model_dump(mode="json")``) shared by the CLI and the web app; the store and
the knowledge-base index can be passed in, the clock too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from pydantic import BaseModel

from mlroute.errors import UnknownIdError, UserError
from mlroute.kb.practice import QUESTION_KINDS, InterviewQuestion
from mlroute.store import drill_repo, repo
from mlroute.track import drill
from mlroute.track.drill_mock import Requirement
from mlroute.track.weeks import week_of

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mlroute.kb import KBIndex
    from mlroute.store import Store

NO_PLAN_HINT = "Create your plan first (mlroute init --profile FILE), or practise the whole bank with --all."


# ---- documents -------------------------------------------------------------------------------------------------


class Source(BaseModel):
    collection: str
    url: str
    licence: str


class StarAnswer(BaseModel):
    situation: str
    task: str
    action: str
    result: str


class DrillCard(BaseModel):
    id: str
    kind: str
    level: int
    skills: list[str]
    skill_names: list[str]
    question: str
    points: list[str]
    answer: str | None
    code: str | None
    language: str | None
    star: StarAnswer | None
    answer_url: str | None
    minutes: int
    source: Source | None
    new: bool
    reviews: int
    due: datetime | None
    recall: float | None


class NextCard(BaseModel):
    card: DrillCard | None
    due_now: int
    new_left: int
    next_due: datetime | None
    deck_size: int


class Rated(BaseModel):
    id: str
    rating: str
    reviewed_at: datetime
    next_due: datetime
    interval_days: float
    reviews: int
    lapses: int
    recall_before: float


class KindCount(BaseModel):
    deck: int
    due_now: int
    practised: int


class DrillSummary(BaseModel):
    """Due counts and retention (for ``status --json`` and the dashboard)."""

    has_plan: bool
    deck_size: int
    bank_size: int
    practised: int
    learnt: int
    new_available: int
    new_left_today: int
    due_now: int
    due_today: int
    due_this_week: int
    reviews_today: int
    reviews_30d: int
    retention_30d: float | None
    average_recall: float | None
    next_due: datetime | None
    by_kind: dict[str, KindCount]


# ---- reading the state ------------------------------------------------------------------------------------------


def resolve_index(index: KBIndex | None) -> KBIndex:
    if index is not None:
        return index
    from mlroute.services import kb as kb_service

    return kb_service.index()


def resolve_store(store: Store | None) -> Store:
    if store is not None:
        return store
    from mlroute.services import tracking

    return tracking.store()


def start_of_day(now: datetime) -> datetime:
    """Midnight of ``now``'s day in the local time zone (when "today" begins for new-card limits and counts)."""
    local = now.astimezone()
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)


@dataclass
class Context:
    has_plan: bool
    role: str
    reached: dict[str, int] | None
    cards: dict[str, drill.CardView]
    reviews: list[drill.ReviewView]
    quiz: dict[str, tuple[int, int]]  # skill → (proposed level, highest level tested) of the latest quiz


def read_context(s: Session, now: datetime, *, all_questions: bool = False) -> Context:
    """Everything the deck and the counts need, read in one transaction."""
    from mlroute.services.quiz import AcceptedLevel, AcceptedLevels, merge_evidenced

    profile, plan = repo.latest_profile(s), repo.latest_plan(s)
    results = drill_repo.quiz_results(s)
    accepted = {r.skill: r for r in results if r.accepted_at is not None}
    quiz = {r.skill: (r.proposed_level, r.max_level_tested) for r in results}
    reached: dict[str, int] | None = None
    if plan is not None and profile is not None and not all_questions:
        evidenced = AcceptedLevels(
            levels=[
                AcceptedLevel(
                    skill=r.skill,
                    level=r.proposed_level,
                    max_level_tested=r.max_level_tested,
                    result_id=r.id,
                    taken_at=r.taken_at,
                    accepted_at=r.accepted_at or r.taken_at,
                )
                for r in accepted.values()
            ]
        )
        held = merge_evidenced(dict(profile.data.get("skills") or {}), evidenced)
        statuses = {i: r.status for i, r in repo.statuses(s).items()}
        week = week_of(plan.starts_on, now.astimezone().date())
        reached = drill.reached_levels(plan.data.get("items", []), statuses, week, held)
    cards = {
        c.question_id: drill.CardView(c.question_id, c.due, c.card, c.reviews, c.first_reviewed_at)
        for c in drill_repo.drill_cards(s)
    }
    reviews = [
        drill.ReviewView(r.question_id, r.rating, r.reviewed_at, bool(r.was_learnt))
        for r in drill_repo.drill_reviews(s, since=now - drill.RETENTION_WINDOW)
    ]
    role = str((profile.data.get("target_role") if profile else None) or "ml-engineer")
    return Context(plan is not None, role, reached, cards, reviews, quiz)


def role_filter(role: str | None, idx: KBIndex) -> frozenset[str] | None:
    if role is None:
        return None
    rid = role.partition(":")[2] if role.startswith("role:") else role
    return frozenset(r.skill for r in idx.role(rid).requirements)


def _filters(kind: str | None, skill: str | None, role: str | None, idx: KBIndex) -> drill.Filters:
    if kind is not None and kind not in QUESTION_KINDS:
        raise UserError(f"Unknown kind of question {kind!r}.", hint="Choose one of: " + ", ".join(QUESTION_KINDS))
    if skill is not None:
        skill = skill.partition(":")[2] if skill.startswith("skill:") else skill
        idx.skill(skill)  # an UnknownIdError with suggestions for a typo
    return drill.Filters(kind=kind, skill=skill, role_skills=role_filter(role, idx))


def question(question_id: str, idx: KBIndex) -> InterviewQuestion:
    found = next((q for q in idx.kb.interview_questions if q.id == question_id), None)
    if found is not None:
        return found
    from rapidfuzz import fuzz, process

    ids = [q.id for q in idx.kb.interview_questions]
    close = [m for m, _, _ in process.extract(question_id, ids, scorer=fuzz.WRatio, limit=3, score_cutoff=60)]
    raise UnknownIdError("interview question", question_id, close)


def card_document(
    q: InterviewQuestion, lang: str, idx: KBIndex, view: drill.CardView | None, now: datetime
) -> DrillCard:
    names = [idx.skills[s].name.get(lang) if s in idx.skills else s for s in q.skills]
    star = None
    if q.star is not None:
        star = StarAnswer(
            situation=q.star.situation.get(lang),
            task=q.star.task.get(lang),
            action=q.star.action.get(lang),
            result=q.star.result.get(lang),
        )
    seen = view is not None and view.reviews > 0
    return DrillCard(
        id=q.id,
        kind=q.kind,
        level=q.level,
        skills=list(q.skills),
        skill_names=names,
        question=q.question.get(lang),
        points=q.points.get(lang),
        answer=q.answer.get(lang) if q.answer else None,
        code=q.code,
        language=q.language,
        star=star,
        answer_url=str(q.answer_url) if q.answer_url else None,
        minutes=q.budget_minutes,
        source=Source(collection=q.source.collection, url=str(q.source.url), licence=q.source.licence)
        if q.source
        else None,
        new=not seen,
        reviews=view.reviews if view else 0,
        due=view.due if seen and view else None,
        recall=round(drill.retrievability(view.card, now), 4) if seen and view else None,
    )


# ---- use cases ---------------------------------------------------------------------------------------------------


def _lang(lang: str) -> str:
    if lang not in ("en", "zh"):
        raise UserError(f"Unknown language {lang!r}.", hint="Use en or zh.")
    return lang


def next_card(
    *,
    kind: str | None = None,
    skill: str | None = None,
    role: str | None = None,
    lang: str = "en",
    all_questions: bool = False,
    new_per_day: int = drill.NEW_PER_DAY,
    now: datetime | None = None,
    index: KBIndex | None = None,
    store: Store | None = None,
) -> NextCard:
    """The card to practise now: the most overdue one, else a new one while today's new-card allowance lasts."""
    idx, lang = resolve_index(index), _lang(lang)
    now = now or datetime.now(UTC)
    filters = _filters(kind, skill, role, idx)
    ctx = resolve_store(store).read(lambda s: read_context(s, now, all_questions=all_questions))
    if not ctx.has_plan and not all_questions:
        raise UserError("There is no plan yet, so there is no deck to practise.", hint=NO_PLAN_HINT)
    cards = drill.deck(idx.kb.interview_questions, ctx.reached, filters)
    new_left = max(0, new_per_day - drill.new_today(ctx.cards.values(), start_of_day(now)))
    due, new = drill.queue(cards, ctx.cards, now, new_left=new_left)
    pick = due[0] if due else (new[0] if new else None)
    upcoming = [ctx.cards[q.id].due for q in cards if q.id in ctx.cards and ctx.cards[q.id].reviews > 0]
    return NextCard(
        card=card_document(pick, lang, idx, ctx.cards.get(pick.id), now) if pick else None,
        due_now=len(due),
        new_left=len(new),
        next_due=min((d for d in upcoming if d > now), default=None),
        deck_size=len(cards),
    )


def rate(
    question_id: str,
    rating: str,
    *,
    seconds: int | None = None,
    mode: str = "drill",
    mock_id: int | None = None,
    now: datetime | None = None,
    index: KBIndex | None = None,
    store: Store | None = None,
) -> Rated:
    """Record the person's own rating of their answer (again, hard, good, easy, or 1–4) and schedule the card."""
    idx = resolve_index(index)
    now = now or datetime.now(UTC)
    try:
        value = drill.rating_of(rating)
    except ValueError as exc:
        raise UserError(str(exc).capitalize() + ".") from None
    q = question(question_id, idx)
    if seconds is not None and seconds < 0:
        raise UserError("The time spent cannot be negative.")

    def tx(s: Session) -> Rated:
        row = drill_repo.drill_card(s, q.id)
        card = dict(row.card) if row is not None else drill.new_card(q.id, now)
        done = drill.review(card, value, now)
        drill_repo.record_drill(
            s,
            q.id,
            card=done.card,
            due=done.due,
            rating=value,
            lapse=done.lapse,
            mode=mode,
            seconds=seconds,
            retrievability=done.retrievability,
            mock_id=mock_id,
            now=now,
        )
        stored = drill_repo.drill_card(s, q.id)
        assert stored is not None
        return Rated(
            id=q.id,
            rating=value,
            reviewed_at=now,
            next_due=done.due,
            interval_days=round((done.due - now) / timedelta(days=1), 4),
            reviews=stored.reviews,
            lapses=stored.lapses,
            recall_before=round(done.retrievability, 4),
        )

    return resolve_store(store).write(tx)


def summary(*, now: datetime | None = None, index: KBIndex | None = None, store: Store | None = None) -> DrillSummary:
    """Due counts and retention of the deck the plan has reached (for ``status --json`` and the dashboard)."""
    idx = resolve_index(index)
    now = now or datetime.now(UTC)
    ctx = resolve_store(store).read(lambda s: read_context(s, now))
    bank = idx.kb.interview_questions
    cards = drill.deck(bank, ctx.reached, drill.Filters()) if ctx.has_plan else []
    in_deck = {q.id for q in cards}
    seen = {i: c for i, c in ctx.cards.items() if c.reviews > 0}
    midnight = start_of_day(now)
    new_left = max(0, drill.NEW_PER_DAY - drill.new_today(ctx.cards.values(), midnight))
    unseen = [q for q in cards if q.id not in seen]
    recalls = [drill.retrievability(c.card, now) for c in seen.values()]

    def due_by(limit: datetime, ids: set[str]) -> int:
        return sum(1 for i, c in seen.items() if i in ids and c.due <= limit)

    by_kind = {}
    for kind in QUESTION_KINDS:
        ids = {q.id for q in cards if q.kind == kind}
        by_kind[kind] = KindCount(deck=len(ids), due_now=due_by(now, ids), practised=sum(1 for i in ids if i in seen))
    return DrillSummary(
        has_plan=ctx.has_plan,
        deck_size=len(cards),
        bank_size=len(bank),
        practised=len(seen),
        learnt=sum(1 for c in seen.values() if int(c.card.get("state", 1)) == 2),
        new_available=len(unseen),
        new_left_today=min(new_left, len(unseen)),
        due_now=due_by(now, in_deck),
        due_today=due_by(midnight + timedelta(days=1), in_deck),
        due_this_week=due_by(now + timedelta(days=7), in_deck),
        reviews_today=sum(1 for r in ctx.reviews if r.reviewed_at >= midnight),
        reviews_30d=len(ctx.reviews),
        retention_30d=drill.true_retention(ctx.reviews, now),
        average_recall=round(sum(recalls) / len(recalls), 4) if recalls else None,
        next_due=min((c.due for i, c in seen.items() if i in in_deck and c.due > now), default=None),
        by_kind=by_kind,
    )


def role_requirements(role: str, idx: KBIndex) -> list[Requirement]:
    rec = idx.role(role)
    return [
        Requirement(r.skill, r.level, r.weight, idx.skills[r.skill].pillar if r.skill in idx.skills else "")
        for r in rec.requirements
    ]


def recall_now(cards: Mapping[str, drill.CardView], last: Mapping[str, str], now: datetime) -> dict[str, float]:
    """Question id → chance of recall now, for practised cards; a card last rated "again" counts as not recalled."""
    return {
        i: (0.0 if last.get(i) == "again" else drill.retrievability(c.card, now))
        for i, c in cards.items()
        if c.reviews > 0
    }


def last_ratings(s: Session) -> dict[str, str]:
    return {c.question_id: c.last_rating or "" for c in drill_repo.drill_cards(s)}


def today(now: datetime | None = None) -> date:
    return (now or datetime.now(UTC)).astimezone().date()
