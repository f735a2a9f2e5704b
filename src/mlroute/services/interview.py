"""Interview drills: the next due card (FSRS), rating it, and one question shown with its answer.

The deck follows the stored current plan (``services.drill_context``); ``all_questions`` practises the whole bank
instead. Each use case takes the store and the knowledge-base index, and the clock; results are typed models
shared by the CLI and the web app.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from mlroute.errors import UserError
from mlroute.kb.practice import QUESTION_KINDS, InterviewQuestion
from mlroute.services.drill_context import NO_PLAN_HINT, bare_id, question, read_context, role_skills, start_of_day
from mlroute.services.results import Result
from mlroute.store import Store, drill_repo
from mlroute.track import drill

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mlroute.kb import KBIndex


class Source(Result):
    collection: str
    url: str
    licence: str


class StarAnswer(Result):
    situation: str
    task: str
    action: str
    result: str


class DrillCard(Result):
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


class NextCard(Result):
    card: DrillCard | None
    due_now: int
    new_left: int
    next_due: datetime | None
    deck_size: int


class Rated(Result):
    id: str
    rating: str
    reviewed_at: datetime
    next_due: datetime
    interval_days: float
    reviews: int
    lapses: int
    recall_before: float


def card_document(
    q: InterviewQuestion, lang: str, index: KBIndex, view: drill.CardView | None, now: datetime
) -> DrillCard:
    """A question as the drill shows it in ``lang``, with its schedule when it has been practised."""
    names = [index.skills[s].name.get(lang) if s in index.skills else s for s in q.skills]
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


def _filters(index: KBIndex, kind: str | None, skill: str | None, role: str | None) -> drill.Filters:
    if kind is not None and kind not in QUESTION_KINDS:
        raise UserError(f"Unknown kind of question {kind!r}.", hint="Choose one of: " + ", ".join(QUESTION_KINDS))
    if skill is not None:
        skill = bare_id(skill, "skill")
        index.skill(skill)  # an UnknownIdError with suggestions for a typo
    return drill.Filters(kind=kind, skill=skill, role_skills=role_skills(role, index))


def _lang(lang: str) -> str:
    if lang not in ("en", "zh"):
        raise UserError(f"Unknown language {lang!r}.", hint="Use en or zh.")
    return lang


def read_rating(text: str) -> str | None:
    """again, hard, good or easy from what the person typed (the word, its first letter, 1–4); None otherwise."""
    try:
        return drill.rating_of(text)
    except ValueError:
        return None


def show(index: KBIndex, question_id: str, *, lang: str = "en", now: datetime | None = None) -> DrillCard:
    """One question with its key points and worked answer (``mlroute interview show``)."""
    return card_document(question(index, question_id), _lang(lang), index, None, now or datetime.now(UTC))


def next_card(
    store: Store,
    index: KBIndex,
    *,
    kind: str | None = None,
    skill: str | None = None,
    role: str | None = None,
    lang: str = "en",
    all_questions: bool = False,
    new_per_day: int = drill.NEW_PER_DAY,
    now: datetime | None = None,
) -> NextCard:
    """The card to practise now: the most overdue one, else a new one while today's new-card allowance lasts."""
    lang = _lang(lang)
    now = now or datetime.now(UTC)
    filters = _filters(index, kind, skill, role)
    ctx = store.read(lambda s: read_context(s, now, all_questions=all_questions))
    if not ctx.has_plan and not all_questions:
        raise UserError("There is no plan yet, so there is no deck to practise.", hint=NO_PLAN_HINT)
    cards = drill.deck(index.kb.interview_questions, ctx.reached, filters)
    new_left = max(0, new_per_day - drill.new_today(ctx.cards.values(), start_of_day(now)))
    due, new = drill.queue(cards, ctx.cards, now, new_left=new_left)
    pick = due[0] if due else (new[0] if new else None)
    upcoming = [ctx.cards[q.id].due for q in cards if q.id in ctx.cards and ctx.cards[q.id].reviews > 0]
    return NextCard(
        card=card_document(pick, lang, index, ctx.cards.get(pick.id), now) if pick else None,
        due_now=len(due),
        new_left=len(new),
        next_due=min((d for d in upcoming if d > now), default=None),
        deck_size=len(cards),
    )


def rate(
    store: Store,
    index: KBIndex,
    question_id: str,
    rating: str,
    *,
    seconds: int | None = None,
    mode: str = "drill",
    mock_id: int | None = None,
    now: datetime | None = None,
) -> Rated:
    """Record the person's own rating of their answer (again, hard, good, easy, or 1–4) and schedule the card."""
    now = now or datetime.now(UTC)
    try:
        value = drill.rating_of(rating)
    except ValueError as exc:
        raise UserError(str(exc).capitalize() + ".") from None
    q = question(index, question_id)
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

    return store.write(tx)
