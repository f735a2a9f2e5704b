"""Interview practice in the documents: readiness for the target role (overall and per kind of question) in the
transition plan and the portfolio, and levels earned in quizzes next to the declared ones, in English and
Chinese."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from mlroute.export.document import Document, to_markdown
from mlroute.export.portfolio import portfolio
from mlroute.export.practice import interview_section, quiz_levels_line
from mlroute.services import documents, interview, quiz
from mlroute.services.kb import index
from mlroute.store import Store
from tests.export.test_exports import NOW, TODAY, fill_records
from tests.services.test_quiz_service import SEED, answers


@pytest.fixture
def records(store: Store) -> Store:
    fill_records(store)
    return store


def _practise(store: Store) -> None:
    kb = index()
    for n in range(4):
        card = interview.next_card(store, kb, all_questions=True, now=NOW + timedelta(minutes=n))
        assert card.card is not None
        interview.rate(store, kb, card.card.id, "good", now=NOW + timedelta(minutes=n))
    result = quiz.take(store, kb, "python", answers(kb, "python", "rrrrw"), seed=SEED, now=NOW)
    quiz.accept(store, kb, result_id=result.id, now=NOW)


def test_the_transition_plan_shows_readiness_and_quiz_levels(records: Store) -> None:
    empty = documents.transition_plan(records, index(), "md", today=TODAY, now=NOW).data.decode()
    assert "## Interview readiness" in empty and "mlroute interview starts the drills" in empty
    assert "Levels earned in quizzes" not in empty
    _practise(records)
    md = documents.transition_plan(records, index(), "md", today=TODAY, now=NOW).data.decode()
    section = md[md.index("## Interview readiness") : md.index("## The plan, item by item")]
    assert "Ready for Machine Learning Engineer interviews:" in section
    assert "| Kind of question | Practised | Retained | Score |" in section and "| Behavioural |" in section
    assert "Skills to practise most:" in section
    level = quiz.history(records, index(), "python")[-1].proposed_level
    start = md[md.index("## Where I start") : md.index("## Route")]
    assert f"Levels earned in quizzes: Python {level} (quiz, {NOW.astimezone().date()}; I had said 3)." in start
    assert level < 3 and "Strengths to build on: Git and GitHub." in start  # the quiz level counts, not the claim
    without_kb = documents.transition_plan(records, None, "md", today=TODAY, now=NOW).data.decode()
    assert "## Interview readiness" not in without_kb and "python " in without_kb  # ids where names would be


def test_the_portfolio_shows_them_too(records: Store) -> None:
    _practise(records)
    md = documents.portfolio(records, index(), "md", today=TODAY, now=NOW).data.decode()
    assert "## Skill levels shown by quizzes" in md and "(quiz, " in md
    assert "## Interview readiness" in md and "| Coding and data |" in md


def _ctx(lang: str) -> dict[str, Any]:
    ready = {
        "role_name": "机器学习工程师" if lang == "zh" else "Machine Learning Engineer",
        "overall": 0.42,
        "status": "on-the-way",
        "kinds": [{"kind": "coding", "questions": 10, "practised": 4, "retained": 3, "score": 0.35}],
        "skills": [{"name": "SQL", "score": 0.2, "weight": 0.6, "status": "not-ready", "quiz": 0.5}],
    }
    level = {"name": "Python", "level": 3, "declared": 4, "accepted_on": "2026-12-01", "counts": False}
    return {"lang": lang, "interview": ready, "quiz_levels": [level]}


def test_both_languages_and_a_claim_the_quiz_could_not_test() -> None:
    en = _ctx("en")
    assert quiz_levels_line(en) == (
        "Levels earned in quizzes: Python 4 (my own level; the quiz of 2026-12-01 tests up to 3 and I passed it)."
    )
    doc = Document("x", lang="zh")
    interview_section(doc, _ctx("zh"))
    zh = to_markdown(doc)
    assert "## 面试准备度" in zh and "机器学习工程师面试的总体准备度：42%（进行中）" in zh
    assert "| 编程与数据 | 4/10 | 3 | 35% |" in zh and "最需要练习的技能：SQL。" in zh
    assert (
        quiz_levels_line(_ctx("zh"))
        == "测验得出的水平：Python 4 级（自评；2026-12-01 的测验最高只考到 3 级，已全部通过）。"
    )
    ctx = {**en, "generated_on": "2026-12-09", "person": {"name": "A"}, "projects": [], "other_links": [], "career": []}
    assert "Skill levels shown by quizzes" in to_markdown(portfolio(ctx))
