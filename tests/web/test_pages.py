"""Route tests: each page renders from the services' documents, and each form changes what the services record."""

from __future__ import annotations

import re
from typing import Any

from mlroute.services import study
from mlroute.services.status import status

from .conftest import Browser


def status_doc(browser: Browser) -> dict[str, Any]:
    """``mlroute status --json`` for the app's database."""
    return status(browser.store).model_dump(mode="json")


def test_without_a_plan_the_pages_send_you_to_onboarding(empty_db: str, browser: Browser) -> None:
    for path in ("/", "/roadmap", "/timeline", "/journal", "/items/res:x"):
        r = browser.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/welcome", path
    page = browser.get("/welcome").text
    assert "Where are you starting from?" in page
    assert browser.get("/documents").status_code == 200  # restoring a backup needs no plan


def test_onboarding_prefills_answers_for_the_background(empty_db: str, browser: Browser) -> None:
    page = browser.get("/welcome?background=data_scientist").text
    assert 'name="hours_per_week" type="number" min="1" max="100" step="0.5" value="10.0"' in page
    assert re.search(r'name="skill.pandas">.*?<option value="3" selected>', page, flags=re.S)
    assert 'value="ml-engineer" selected' in page
    fragment = browser.get("/welcome/skills?background=data_scientist&target_role=mlops-engineer&skill.pandas=1").text
    assert 'id="skills"' in fragment and "<html" not in fragment
    assert re.search(r'name="skill.pandas">.*?<option value="1" selected>', fragment, flags=re.S)


def test_onboarding_stores_the_profile_and_makes_the_first_plan(empty_db: str, browser: Browser) -> None:
    form = {
        "background": "software_engineer",
        "name": "Alex",
        "years_experience": "6",
        "hours_per_week": "12",
        "start_date": "2026-12-07",
        "target_role": "ml-engineer",
        "budget_usd": "0",
        "languages": ["en", "zh"],
        "interests": ["nlp"],
        "skill.python": "3",
        "skill.git": "3",
        "skill.linear-algebra": "0",
    }
    r = browser.post("/welcome", form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/")
    st = status_doc(browser)
    assert st["name"] == "Alex" and st["started_on"] == "2026-12-07" and st["items_total"] > 5
    page = browser.get(r.headers["location"]).text
    assert "Hello, Alex" in page and "Your plan is ready" in page


def test_onboarding_rejects_a_bad_answer_with_the_field_named(empty_db: str, browser: Browser) -> None:
    r = browser.post("/welcome", {"background": "student", "hours_per_week": "500", "target_role": "ml-engineer"})
    assert r.status_code == 400
    assert "hours_per_week" in r.text and "hours from 0 to 100" in r.text
    assert "Traceback" not in r.text


def test_dashboard_shows_progress_this_week_streak_eta_and_next(planned_db: str, browser: Browser) -> None:
    st = status_doc(browser)
    page = browser.get("/").text
    assert "Hello, Dana (demo)" in page
    assert f"0 of {st['items_total']} items done" in page
    assert st["eta_dates"]["p50"] in page
    first = st["next_items"][0]
    assert f'href="/items/{first["id"]}"' in page and first["title"] in page
    assert "At the start" in page and '<svg class="eta"' in page


def test_finishing_an_item_shows_on_the_dashboard(planned_db: str, browser: Browser) -> None:
    item = status_doc(browser)["next"][0]
    r = browser.post(f"/items/{item}/status?next=/", {"status": "done"})
    assert r.status_code == 200 and r.url.path == "/"
    assert "1 of " in r.text and " items done" in r.text
    assert status_doc(browser)["items_done"] == 1


def test_start_skip_and_log_time_from_the_item_page(planned_db: str, browser: Browser) -> None:
    browser.post("/items/act:find-mentor/status", {"status": "doing"})
    browser.post("/items/act:find-niche/status", {"status": "skipped", "reason": "known"})
    r = browser.post("/items/act:find-mentor/log", {"duration": "1h30m", "day": "", "note": "met Sam <3"})
    assert r.status_code == 200 and r.url.path == "/items/act:find-mentor"
    assert "1.5 h" in r.text and "met Sam &lt;3" in r.text and "in progress" in r.text
    st = status_doc(browser)
    assert st["hours_logged"] == 1.5 and st["items_skipped"] == 1 and st["items_doing"] == 1


def test_a_bad_duration_is_a_clear_message(planned_db: str, browser: Browser) -> None:
    r = browser.post("/items/act:find-mentor/log", {"duration": "ten minutes"})
    assert r.status_code == 400
    assert "duration" in r.text.lower() and "Traceback" not in r.text
    htmx = browser.post("/items/act:find-mentor/log", {"duration": "x"}, headers={"HX-Request": "true"})
    assert htmx.headers["HX-Retarget"] == "#flash" and 'id="error-card"' in htmx.text


def test_an_unknown_item_suggests_close_ids(planned_db: str, browser: Browser) -> None:
    r = browser.get("/items/act:find-mentr")
    assert r.status_code == 404
    assert "act:find-mentor" in r.text


def test_roadmap_draws_items_and_skills_and_selects_one(planned_db: str, browser: Browser) -> None:
    browser.post("/items/act:clarify-motivation/status", {"status": "done"})
    page = browser.get("/roadmap").text
    assert page.count('class="node item') == status_doc(browser)["items_total"]
    assert 'class="node item k-career_action s-done' in page
    assert 'class="node skill' in page and 'href="/kb/skill:' in page
    selected = browser.get("/roadmap?item=act:find-mentor").text
    assert 'id="panel-title"' in selected and "Find a mentor" in selected
    assert 'action="/items/act:find-mentor/status?next=/roadmap%3Fitem%3Dact%3Afind-mentor"' in selected


def test_roadmap_status_change_answers_with_the_updated_graph(planned_db: str, browser: Browser) -> None:
    r = browser.post(
        "/items/act:find-mentor/status?next=%2Froadmap%3Fitem%3Dact%3Afind-mentor",
        {"status": "done"},
        headers={"HX-Request": "true"},
    )
    assert r.status_code == 200
    assert 'id="roadmap-area"' in r.text
    assert re.search(r'class="node item k-career_action s-done selected"', r.text)


def test_timeline_has_a_bar_per_item_and_the_milestones(planned_db: str, browser: Browser) -> None:
    current = status_doc(browser)
    page = browser.get("/timeline").text
    assert page.count('class="bar-link') == current["items_total"]
    assert "M1" in page and "End of " in page


def test_journal_and_evidence(planned_db: str, browser: Browser) -> None:
    browser.post(
        "/journal",
        {"text": "Backprop finally clicked", "kind": "insight", "tags": "dl, math", "item": "act:find-mentor"},
    )
    browser.post("/evidence", {"url": "https://github.com/me/rag-demo", "title": "RAG demo"})
    page = browser.get("/journal").text
    assert "Backprop finally clicked" in page and "#dl" in page and "RAG demo" in page
    assert "repository" in page
    assert "Backprop" not in browser.get("/journal?kind=challenge").text
    item_page = browser.get("/items/act:find-mentor").text
    assert "Backprop finally clicked" in item_page


def test_settings_language_theme_and_hours(planned_db: str, browser: Browser) -> None:
    r = browser.post("/settings", {"lang": "zh", "theme": "dark"})
    assert '<html lang="zh-CN" data-theme="dark">' in r.text
    assert "设置" in r.text
    before = status_doc(browser)["plan_version"]
    r = browser.post("/settings/hours", {"hours_per_week": "20"})
    assert r.status_code == 200
    st = status_doc(browser)
    assert st["plan_version"] == before + 1 and st["pace"]["planned"] == 20


def test_replan_shows_what_changed(planned_db: str, browser: Browser) -> None:
    browser.post("/items/act:clarify-motivation/status", {"status": "done"})
    r = browser.post("/replan")
    assert r.status_code == 200 and "Your new plan" in r.text
    assert "Plan version 2 replaces version 1" in r.text


def test_knowledge_base_pages(planned_db: str, browser: Browser) -> None:
    assert "Linear algebra" in browser.get("/kb?q=linear").text
    assert browser.get("/kb/skill:linear-algebra").status_code == 200
    assert browser.get("/kb/skill:linear-algebr").status_code == 404


def test_reviews_due_on_the_dashboard_are_rated_there(planned_db: str, browser: Browser) -> None:
    import datetime as dt

    from mlroute.web import state

    current = state.current(browser.store).model_dump(mode="json")
    assert current is not None
    res = next(it["id"] for it in current["plan"]["items"] if it["id"].startswith("res:"))
    study.done(browser.store, res, now=dt.datetime.now(dt.UTC) - dt.timedelta(days=3))
    page = browser.get("/").text
    assert "Due for review" in page and f'action="/items/{res}/review?next=%2F"' in page
    r = browser.post(f"/items/{res}/review?next=%2F", {"rating": "good"})
    assert r.status_code == 200 and "Due for review" not in r.text
    assert status_doc(browser)["reviews_due"] == []
