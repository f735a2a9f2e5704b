"""The item page marks where a level comes from: a quiz with its date next to the level it starts from, in the
reason, in English and Chinese; and before a re-plan, it says a quiz level is not in its reasons yet."""

from __future__ import annotations

import re
from datetime import datetime

from mlroute.services import quiz
from mlroute.services.kb import index

from .conftest import Browser


def _accept(browser: Browser, skill: str, right: int) -> str:
    """Take and accept a quiz of ``skill`` through the services, ``right`` answers right and then wrong ones; the
    day it was accepted."""
    from tests.services.test_quiz_service import SEED, answers

    kb = index()
    pattern = "r" * right + "w"
    result = quiz.take(browser.store, kb, skill, answers(kb, skill, pattern), seed=SEED)
    accepted = quiz.accept(browser.store, kb, result_id=result.id)
    assert accepted.accepted_at is not None
    return datetime.fromisoformat(str(accepted.accepted_at)).astimezone().date().isoformat()


def _python_item(browser: Browser) -> str:
    """The first item of the current plan that starts Python from the person's own level."""
    plan = browser.get("/api/current-plan").json()
    rows = [(it["id"], r) for it in plan["items"] for r in it["skills"]]
    return next(ref for ref, r in rows if r["skill"] == "python" and r.get("from_origin"))


def _why(page: str, heading: str) -> str:
    found = re.search(rf"<h2>{heading}</h2>.*?<p>([^<]+)</p>", page, flags=re.S)
    assert found
    return found.group(1)


def test_the_item_page_shows_the_quiz_and_its_date_next_to_the_level(planned_db: str, browser: Browser) -> None:
    ref = _python_item(browser)
    page = browser.get(f"/items/{ref}").text
    assert 'data-origin="said"' in page and 'data-origin="quiz"' not in page  # the demo persona said Python 2
    assert "You said Python 2" in _why(page, "Why it is in your plan")
    day = _accept(browser, "python", 6)  # levels 1 and 2 right: the quiz agrees with the claim of 2
    stale = browser.get(f"/items/{ref}").text
    assert 'data-testid="newer-levels"' in stale and f"Python: level 2 (quiz, {day})" in stale
    settings = browser.get("/settings").text  # the declared levels' form says the quiz level counts over them
    assert 'data-testid="quiz-over-said"' in settings and f"Python: level 2 (quiz, {day})" in settings
    assert browser.post("/replan").status_code == 200
    ref = _python_item(browser)
    page = browser.get(f"/items/{ref}").text
    assert f'<span class="tag" data-origin="quiz">quiz, {day}</span>' in page
    assert 'data-testid="newer-levels"' not in page
    assert f"You are at Python 2 (quiz, {day}); the role asks 3." in _why(page, "Why it is in your plan")
    browser.post("/settings", {"lang": "zh"})
    zh = browser.get(f"/items/{ref}").text
    assert f'<span class="tag" data-origin="quiz">测验，{day}</span>' in zh
    assert f"你的Python为2级（测验，{day}）；岗位要求3级。" in _why(zh, "为什么在你的计划中")
