"""Interview practice, mock interviews and quizzes in the web app (TestClient): the pages in English and Chinese,
forms that post and redirect, and the JSON API that mirrors the CLI's ``--json``."""

from __future__ import annotations

import re

from mlroute.kb.questions import english_words
from mlroute.services import kb as kb_service
from mlroute.services.drill_summary import DrillSummary, summary
from mlroute.services.interview import NextCard
from mlroute.services.quiz_levels import accepted_levels
from tests.services.test_quiz_service import answers as paper_answers

from .conftest import Browser


def answers(skill: str, pattern: str, seed: int) -> list[str]:
    return paper_answers(kb_service.index(), skill, pattern, seed=seed)


def visible_text(html: str) -> str:
    """The words a reader sees: no scripts, styles, code, attributes or tags."""
    html = re.sub(r"<(script|style|pre|code|kbd)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'<(\w+)[^>]*\blang="en"[^>]*>.*?</\1>', " ", html, flags=re.S)  # names marked as English
    html = re.sub(r"<input[^>]*>", " ", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_drill_needs_a_plan_unless_the_whole_bank_is_asked_for(empty_db: str, browser: Browser) -> None:
    first = browser.get("/interview", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/welcome"
    page = browser.get("/interview?all=1")
    assert page.status_code == 200 and 'id="rate-form"' in page.text and '<details id="answer"' in page.text


def test_rating_a_card_shows_the_next_one(planned_db: str, browser: Browser) -> None:
    page = browser.get("/interview?all=1&kind=concept").text
    shown = re.search(r'name="question_id" value="([^"]+)"', page)
    assert shown is not None
    answer = browser.post(
        "/interview/rate",
        {"question_id": shown[1], "rating": "good", "shown_at": "0", "kind": "concept", "all": "1"},
        follow_redirects=False,
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/interview?kind=concept&all=1"
    after = browser.get(answer.headers["location"]).text
    assert f'value="{shown[1]}"' not in after
    assert summary(browser.store, kb_service.index()).practised == 1
    refused = browser.post("/interview/rate", {"question_id": shown[1], "rating": "superb"})
    assert refused.status_code == 400 and "again, hard, good or easy" in refused.text


def test_the_chinese_drill_shows_no_english(planned_db: str, browser: Browser) -> None:
    browser.post("/settings", {"lang": "zh"})
    bank = kb_service.index().kb.interview_questions
    for kind in ("concept", "coding", "system-design", "behavioural"):
        if not any(q.kind == kind for q in bank):
            continue
        page = browser.get(f"/interview?all=1&kind={kind}").text
        assert '<html lang="zh-CN"' in page and "答题要点" in page
        words = english_words(visible_text(page).replace("mlroute", "").replace("English", ""))
        assert words == [], (kind, words)


def test_a_mock_interview_in_the_browser(planned_db: str, browser: Browser) -> None:
    form = browser.get("/interview/mock")
    assert form.status_code == 200 and 'name="minutes"' in form.text
    started = browser.post("/interview/mock", {"minutes": "20", "role": ""}, follow_redirects=False)
    assert started.status_code == 303
    url = started.headers["location"]
    page = browser.get(url).text
    assert "data-seconds-left" in page
    qid = re.search(r'name="question_id" value="([^"]+)"', page)
    assert qid is not None
    answered = browser.post(f"{url}/answer", {"question_id": qid[1], "rating": "hard", "shown_at": "0"})
    assert answered.status_code == 200
    summary = browser.post(f"{url}/finish", {}).text
    assert 'id="mock-summary"' in summary and "Answered 1 of" in summary


def test_a_quiz_from_paper_to_accepted_level(planned_db: str, browser: Browser) -> None:
    listing = browser.get("/quiz").text
    assert "/quiz/python" in listing and "/quiz/docker" in listing
    paper = browser.get("/quiz/sql?seed=5").text
    assert 'name="seed" value="5"' in paper
    count = int(re.search(r'name="count" value="(\d+)"', paper)[1])  # type: ignore[index]
    form = {"seed": "5", "count": str(count)}
    form |= {f"answer_{n}": a for n, a in enumerate(answers("sql", "r", seed=5), start=1)}
    graded = browser.post("/quiz/sql", form, follow_redirects=False)
    assert graded.status_code == 303
    result_url = graded.headers["location"]
    page = browser.get(result_url).text
    assert 'data-testid="proposed-level"' in page and "Accept this level" in page
    accepted = browser.post(f"{result_url}/accept", {}).text
    assert "your next plan uses this level" in accepted
    assert accepted_levels(browser.store).as_dict()["sql"].level == 3
    broken = browser.post("/quiz/sql", {"seed": "x"})
    assert broken.status_code == 400


def test_quiz_pages_in_chinese(planned_db: str, browser: Browser) -> None:
    browser.post("/settings", {"lang": "zh"})
    paper = browser.get("/quiz/calculus?seed=2").text
    assert "批改我的答案" in paper
    assert english_words(visible_text(paper).replace("mlroute", "").replace("English", "")) == []


def test_the_json_api_mirrors_the_services(planned_db: str, browser: Browser) -> None:
    nxt = browser.get("/api/interview/next?all=true&lang=zh").json()
    assert nxt["card"]["id"] and set(nxt) == set(NextCard.model_fields)
    rated = browser.post_json("/api/interview/rate", {"id": nxt["card"]["id"], "rating": "easy", "seconds": 30})
    assert rated.status_code == 200 and rated.json()["rating"] == "easy"
    assert browser.post_json("/api/interview/rate", {"rating": "easy"}).status_code == 422
    summary = browser.get("/api/interview/summary").json()
    assert summary["practised"] == 1 and set(summary) == set(DrillSummary.model_fields)
    assert browser.get("/api/interview/readiness").json()["role"] == "ml-engineer"
    paper = browser.get("/api/quiz/git/paper?seed=4").json()
    taken = browser.post_json("/api/quiz/git", {"answers": answers("git", "r", seed=4), "seed": 4, "accept": True})
    assert len(paper["questions"]) == taken.json()["asked"] and taken.json()["accepted_at"]
    assert browser.get("/api/quiz").json()["skills"]
    assert browser.get("/api/quiz/nothing/paper").status_code == 404


def test_onboarding_offers_a_quick_quiz_and_the_dashboard_shows_practice(empty_db: str, browser: Browser) -> None:
    form = {
        "background": "software_engineer",
        "name": "Alex",
        "years_experience": "5",
        "hours_per_week": "10",
        "budget_usd": "0",
        "start_date": "2026-12-07",
        "target_role": "ml-engineer",
        "skill.python": "2",
        "skill.git": "3",
    }
    made = browser.post("/welcome", form, follow_redirects=False)
    assert made.status_code == 303, made.text[-900:]
    assert made.headers["location"] == "/?welcome=1"
    page = browser.get(made.headers["location"]).text
    offer = page[page.index('id="quick-quiz"') :]
    offer = offer[: offer.index("</section>")]
    links = re.findall(r'href="/quiz/([a-z0-9-]+)"', offer)
    assert 2 <= len(links) <= 3 and links[0] == "python" and "you said level 2" in offer
    practice = page[page.index('id="practice"') :]
    assert 'href="/interview"' in practice and 'data-testid="drills-due"' in practice
    assert "Interview readiness for Machine Learning Engineer" in practice
    status = browser.get("/api/status").json()
    assert status["drills"]["deck_size"] > 0 and status["drills"]["retention_30d"] is None
    quick = browser.get("/api/quiz/quick").json()
    assert [q["skill"] for q in quick["skills"]] == links
    listing = browser.get("/quiz").text
    assert listing.count("worth taking first") == len(links)


def test_an_accepted_quiz_level_shows_on_the_dashboard_and_a_replan_uses_it(planned_db: str, browser: Browser) -> None:
    paper = browser.get("/quiz/python?seed=5").text
    count = int(re.search(r'name="count" value="(\d+)"', paper)[1])  # type: ignore[index]
    form = {"seed": "5", "count": str(count)}
    form |= {f"answer_{n}": a for n, a in enumerate(answers("python", "r", seed=5), start=1)}
    result_url = browser.post("/quiz/python", form, follow_redirects=False).headers["location"]
    accepted = browser.post(f"{result_url}/accept", {}).text
    assert 'action="/replan"' in accepted  # re-plan right away, from the result
    dash = browser.get("/").text
    levels = dash[dash.index('data-testid="quiz-levels"') :]
    assert re.search(r"Python: level 3 \(quiz, \d{4}-\d\d-\d\d\)", levels) and "you said 2" in levels
    assert 'id="quick-quiz"' not in dash  # offered until a level is accepted, then only on the quiz page
    replanned = browser.post("/replan", {}).text
    assert re.search(r"Levels earned in quizzes count as your own: python 3 \(\d{4}-\d\d-\d\d\)\.", replanned)
    assert browser.get("/api/status").json()["quiz_levels"][0]["level"] == 3


def test_the_dashboard_practice_panel_in_chinese(planned_db: str, browser: Browser) -> None:
    browser.post("/settings", {"lang": "zh"})
    page = browser.get("/?welcome=1").text
    for part in ('id="quick-quiz"', 'id="practice"'):
        section = page[page.rindex("<section", 0, page.index(part)) :]
        section = section[: section.index("</section>")]
        assert english_words(visible_text(section)) == [], part
