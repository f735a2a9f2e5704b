"""Interview drills: FSRS scheduling properties, the deck that follows the plan, the queue, retention."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlroute.kb.practice import InterviewQuestion
from mlroute.track import drill

NOW = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)


def question(qid: str, skill: str = "sql", level: int = 2, kind: str = "concept") -> InterviewQuestion:
    return InterviewQuestion.model_validate(
        {
            "id": qid,
            "kind": kind,
            "level": level,
            "skills": [skill],
            "question": {"en": f"Question {qid}?", "zh": f"问题 {qid}？"},
            "points": {"en": ["one", "two"], "zh": ["一", "二"]},
            **(
                {"star": {part: {"en": part, "zh": "中文"} for part in ("situation", "task", "action", "result")}}
                if kind == "behavioural"
                else {"answer": {"en": "An answer.", "zh": "一个答案。"}}
            ),
        }
    )


def history(ratings: list[str], gaps: list[float]) -> tuple[dict, datetime]:  # type: ignore[type-arg]
    """A card after ``ratings``, each given ``gap`` days after the previous due time; returns (card, last time)."""
    card, now = drill.new_card("q", NOW), NOW
    for rating, gap in zip(ratings, gaps, strict=False):
        done = drill.review(card, rating, now)
        card, now = done.card, done.due + timedelta(days=gap)
    return card, now


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(drill.RATINGS), max_size=8),
    st.lists(st.floats(min_value=0, max_value=30), min_size=8, max_size=8),
)
def test_a_better_rating_never_brings_a_card_back_sooner(ratings: list[str], gaps: list[float]) -> None:
    card, now = history(ratings, gaps)
    due = {r: drill.review(card, r, now).due for r in drill.RATINGS}
    assert due["again"] <= due["hard"] <= due["good"] <= due["easy"]
    assert due["good"] > due["again"]
    assert all(d > now for d in due.values())


def test_first_sight_intervals_and_the_same_history_gives_the_same_schedule() -> None:
    card = drill.new_card("bias-variance", NOW)
    again, good = drill.review(card, "again", NOW), drill.review(card, "good", NOW)
    assert again.due - NOW == drill.STEP  # a failed card comes back in the same session
    assert good.due - NOW >= timedelta(days=1)
    assert again.retrievability == 0.0 and not again.lapse
    assert drill.review(card, "good", NOW).card == good.card  # no fuzzing: deterministic
    # a learnt card that is forgotten is a lapse
    later = drill.review(good.card, "again", good.due)
    assert later.lapse and 0.8 < later.retrievability <= 1.0


def test_retrievability_decays_and_is_zero_before_any_review() -> None:
    card = drill.new_card("q", NOW)
    assert drill.retrievability(card, NOW) == 0.0
    good = drill.review(card, "good", NOW)
    soon = drill.retrievability(good.card, NOW + timedelta(hours=1))
    late = drill.retrievability(good.card, NOW + timedelta(days=60))
    assert 0.95 < soon <= 1.0 and late < soon


@pytest.mark.parametrize(
    ("typed", "rating"), [("again", "again"), ("1", "again"), ("H", "hard"), ("3", "good"), (" easy ", "easy")]
)
def test_ratings_by_word_letter_or_number(typed: str, rating: str) -> None:
    assert drill.rating_of(typed) == rating


def test_an_unknown_rating_is_refused() -> None:
    with pytest.raises(ValueError, match="again, hard, good or easy"):
        drill.rating_of("great")


def test_the_deck_follows_the_plan() -> None:
    items = [
        {"id": "res:sql", "week_start": 1, "skills": [{"skill": "sql", "from": 0, "to": 2}]},
        {"id": "res:ml", "week_start": 5, "skills": [{"skill": "model-evaluation", "from": 0, "to": 3}]},
        {"id": "res:dl", "week_start": 9, "skills": [{"skill": "deep-learning", "from": 0, "to": 2}]},
        {"id": "res:skip", "week_start": 1, "skills": [{"skill": "pandas", "from": 0, "to": 2}]},
    ]
    statuses = {"res:dl": "done", "res:skip": "skipped"}
    held = {"python": 3, "git": 0}
    reached = drill.reached_levels(items, statuses, week=2, held=held)
    # held skills, items whose week came, items done early; never skipped ones, never what is not held
    assert reached == {"python": 3, "sql": 2, "deep-learning": 2}
    bank = [
        question("sql-easy", "sql", 1),
        question("sql-hard", "sql", 3),
        question("py", "python", 3, "coding"),
        question("eval", "model-evaluation", 2),
        question("beh", "python", 2, "behavioural"),
    ]
    assert [q.id for q in drill.deck(bank, reached)] == ["sql-easy", "py", "beh"]
    assert len(drill.deck(bank, None)) == 5  # the whole bank
    assert [q.id for q in drill.deck(bank, reached, drill.Filters(kind="coding"))] == ["py"]
    assert [q.id for q in drill.deck(bank, None, drill.Filters(skill="sql"))] == ["sql-easy", "sql-hard"]
    role = frozenset({"model-evaluation"})
    assert [q.id for q in drill.deck(bank, None, drill.Filters(role_skills=role))] == ["eval"]
    # later in the plan the deck grows
    later = drill.reached_levels(items, statuses, week=6, held=held)
    assert "eval" in [q.id for q in drill.deck(bank, later)]


def test_the_queue_puts_the_most_overdue_first_then_a_limited_number_of_new_cards() -> None:
    bank = [question(f"q{i}", level=1 + i % 3) for i in range(6)]
    cards = {
        "q0": drill.CardView("q0", NOW - timedelta(days=3), {}, 2, NOW - timedelta(days=9)),
        "q1": drill.CardView("q1", NOW - timedelta(days=1), {}, 1, NOW - timedelta(days=4)),
        "q2": drill.CardView("q2", NOW + timedelta(days=2), {}, 1, NOW - timedelta(days=4)),
    }
    due, new = drill.queue(bank, cards, NOW, new_left=2)
    assert [q.id for q in due] == ["q0", "q1"]
    assert len(new) == 2 and {q.id for q in new} <= {"q3", "q4", "q5"}
    assert new[0].level <= new[1].level  # easier first
    assert drill.queue(bank, cards, NOW, new_left=0)[1] == []
    assert drill.new_today(cards.values(), NOW - timedelta(days=5)) == 2


def test_true_retention_counts_reviews_of_learnt_cards_in_the_window() -> None:
    reviews = [
        drill.ReviewView("a", "good", NOW - timedelta(days=1), True),
        drill.ReviewView("b", "again", NOW - timedelta(days=2), True),
        drill.ReviewView("c", "easy", NOW - timedelta(days=3), True),
        drill.ReviewView("d", "again", NOW - timedelta(days=3), False),  # still learning: not a memory test
        drill.ReviewView("e", "again", NOW - timedelta(days=45), True),  # outside the window
    ]
    assert drill.true_retention(reviews, NOW) == round(2 / 3, 4)
    assert drill.true_retention(reviews[3:4], NOW) is None
