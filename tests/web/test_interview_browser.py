"""Interview practice in real headless Chromium: Space reveals the answer and 1–4 rate it, a quiz is answered with
the mouse and its level accepted, a mock interview runs by keyboard to its summary, and the Chinese drill page
shows no English. ``mlroute serve`` runs in a subprocess on a temporary database holding the demo persona's plan.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest

from mlroute.kb.questions import english_words
from tests.conftest import MLROUTE, ROOT
from tests.web import live
from tests.web.live import SHOTS, expect
from tests.web.test_interview_pages import visible_text

pytestmark = [pytest.mark.browser, pytest.mark.slow]
live.require_chromium()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("interview-e2e") / "mlroute.db"
    demo = ROOT / "src" / "mlroute" / "profile" / "demo.yaml"
    env = {**os.environ, "MLROUTE_DB": f"sqlite:///{db}"}
    subprocess.run([str(MLROUTE), "init", "--profile", str(demo)], env=env, check=True, capture_output=True)
    with live.serve(db) as url:
        yield url


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Any]:
    with live.chromium() as chromium:
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        pg = live.watch(context.new_page())
        yield pg
        context.close()


def card_id(page: Any) -> str:
    return str(page.locator('#rate-form input[name="question_id"]').get_attribute("value"))


def test_space_reveals_and_number_keys_rate(page: Any, server: str) -> None:
    page.goto(server + "/interview?all=1")
    first = card_id(page)
    answer = page.locator("details#answer")
    assert answer.get_attribute("open") is None
    page.keyboard.press("Space")
    expect(answer).to_have_attribute("open", "")
    page.screenshot(path=str(SHOTS / "20-interview-revealed.png"), full_page=True)
    page.keyboard.press("3")  # good
    page.wait_for_url(re.compile(r"/interview\?all=1$"))
    expect(page.locator('#rate-form input[name="question_id"]')).not_to_have_attribute("value", first)
    second = card_id(page)
    page.keyboard.press("1")  # again, without revealing: still recorded
    page.wait_for_load_state()
    expect(page.get_by_test_id("due-now")).to_have_text("0")  # "again" comes back in ten minutes, not now
    assert card_id(page) not in (first, second)
    # typing in a field does not rate a card
    page.get_by_label("Skill").fill("3")
    assert card_id(page) not in (first, second)
    assert page.errors == []  # type: ignore[attr-defined]


def test_a_quiz_answered_with_the_mouse_and_its_level_accepted(page: Any, server: str) -> None:
    page.goto(server + "/quiz")
    page.locator('a[href="/quiz/docker"]').click()
    page.wait_for_url(re.compile(r"/quiz/docker$"))
    for fieldset in page.locator("fieldset").all():
        radios = fieldset.locator('input[type="radio"]')
        if radios.count():
            radios.first.check()
    page.get_by_role("button", name="Grade my answers").click()
    page.wait_for_url(re.compile(r"/quiz/results/\d+$"))
    expect(page.get_by_test_id("proposed-level")).to_be_visible()
    page.get_by_role("button", name="Accept this level into my profile").click()
    expect(page.locator("text=your next plan uses this level")).to_be_visible()
    page.screenshot(path=str(SHOTS / "21-quiz-result.png"), full_page=True)


def test_a_mock_interview_by_keyboard(page: Any, server: str) -> None:
    page.goto(server + "/interview/mock")
    page.get_by_label("Minutes").fill("15")
    page.get_by_role("button", name="Start").click()
    page.wait_for_url(re.compile(r"/interview/mock/\d+$"))
    expect(page.locator(".clock")).to_have_text(re.compile(r"^1[45]:\d\d$"))  # the clock counts down
    for _ in range(12):
        if page.locator("#mock-summary").count():
            break
        page.keyboard.press("Space")
        with page.expect_navigation():  # the next question (or the summary) is loaded before the next key
            page.keyboard.press("4")
    expect(page.locator("#mock-summary")).to_be_visible()
    page.screenshot(path=str(SHOTS / "22-mock-summary.png"), full_page=True)


def test_the_chinese_drill_page_shows_no_english(page: Any, server: str) -> None:
    page.goto(server + "/settings")
    page.locator('button[name="lang"][value="zh"]').click()
    page.goto(server + "/interview?all=1")
    expect(page.locator("h1")).to_have_text("面试练习")
    page.keyboard.press("Space")
    text = visible_text(page.content()).replace("mlroute", "").replace("English", "")
    assert english_words(text) == []
    page.screenshot(path=str(SHOTS / "23-interview-zh.png"), full_page=True)


def test_the_quick_quiz_from_the_welcome_dashboard_to_a_new_plan(page: Any, server: str) -> None:
    page.goto(server + "/settings")
    english = page.locator('button[name="lang"][value="en"]')
    if english.count():  # an earlier test switched to Chinese
        english.click()
    page.goto(server + "/?welcome=1")
    offer = page.locator("#quick-quiz")
    expect(offer).to_be_visible()
    first = offer.locator("a").first
    skill = str(first.get_attribute("href")).rsplit("/", 1)[1]
    first.click()
    page.wait_for_url(re.compile(rf"/quiz/{skill}$"))
    for fieldset in page.locator("fieldset").all():
        radios = fieldset.locator('input[type="radio"]')
        if radios.count():
            radios.first.check()
    page.get_by_role("button", name="Grade my answers").click()
    page.get_by_role("button", name="Accept this level into my profile").click()
    page.get_by_role("button", name="Re-plan now").click()
    expect(page.locator("h1")).to_have_text("Your new plan")
    reason = page.locator("li", has_text="Levels earned in quizzes count as your own:")
    expect(reason).to_contain_text(re.compile(rf"\b{skill} \d"))
    page.goto(server + "/")
    expect(page.get_by_test_id("quiz-levels")).to_contain_text("(quiz, ")
    expect(page.locator("#practice a[href='/interview']")).to_be_visible()
    page.screenshot(path=str(SHOTS / "24-dashboard-practice.png"), full_page=True)
    assert page.errors == []  # type: ignore[attr-defined]
