"""The mentor's cohort page in real headless Chromium, served as a team server runs (``mlroute serve --team`` in a
subprocess, on a team database): sign in, see each mentee's state with the stuck one explained, open a mentee,
comment on a journal entry; the learner signs in and reads it. Screenshots at 1280 and 390 px wide go to
``tests/web/screenshots/``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.web import live
from tests.web.live import SHOTS
from tests.web.team_fixtures import PASSWORD, build_team_db

pytestmark = [pytest.mark.browser, pytest.mark.slow]
live.require_chromium()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("team-e2e") / "team.db"
    build_team_db(db)
    with live.serve(db, "--team") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with live.chromium() as chromium:
        yield chromium


def sign_in(browser: Any, server: str, name: str, width: int = 1280) -> Any:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda e: page.errors.append(str(e)))  # type: ignore[attr-defined]
    page.goto(server + "/cohort")
    assert page.url.endswith("/cohort")  # the sign-in form answers in place (401) and returns here
    page.get_by_label("Account name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    return page


def test_the_mentor_reviews_the_cohort_and_the_learner_reads_the_comment(browser: Any, server: str) -> None:
    from playwright.sync_api import expect

    page = sign_in(browser, server, "mia")
    expect(page.get_by_role("heading", name="Your mentees")).to_be_visible()
    row = page.locator('tr[data-learner="ann"]')
    expect(row).to_contain_text("stuck")
    expect(row.get_by_test_id("state")).to_contain_text("h in 4 weeks against 40")
    expect(page.get_by_test_id("stuck-count")).to_contain_text("1 learner looks stuck.")
    assert page.locator('tr[data-learner="ben"]').count() == 0  # not mia's mentee
    page.screenshot(path=str(SHOTS / "team-cohort-1280.png"), full_page=True)

    row.get_by_role("link", name="ann").click()
    expect(page.get_by_role("heading", name="Journal")).to_be_visible()
    note = page.locator(".card", has_text="Ann's private note")
    note.get_by_label("Your comment").fill("Turn this into a blog post?")
    note.get_by_role("button", name="Send").click()
    expect(page.locator(".thread")).to_contain_text("Turn this into a blog post?")
    assert page.errors == []  # type: ignore[attr-defined]

    narrow = sign_in(browser, server, "mia", width=390)
    expect(narrow.locator('tr[data-learner="ann"]')).to_be_visible()
    narrow.screenshot(path=str(SHOTS / "team-cohort-390.png"), full_page=True)
    width = narrow.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the cohort page scrolls sideways at 390 px ({width} px)"

    learner = sign_in(browser, server, "ann")
    learner.goto(server + "/feedback")
    expect(learner.locator(".thread")).to_contain_text("Turn this into a blog post?")
    learner.get_by_label("Your answer").fill("Yes, this weekend.")
    learner.get_by_role("button", name="Answer").click()
    expect(learner.locator(".thread")).to_contain_text("Yes, this weekend.")
    learner.screenshot(path=str(SHOTS / "team-feedback-1280.png"), full_page=True)
    learner.get_by_role("button", name="Sign out").click()
    expect(learner.get_by_role("heading", name="Sign in")).to_be_visible()
    learner.goto(server + "/")
    expect(learner.get_by_role("heading", name="Sign in")).to_be_visible()
