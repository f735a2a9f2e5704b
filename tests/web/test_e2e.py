"""Journeys in real headless Chromium (Debian's, driven by Playwright), the app run as a person runs it
(``mlroute serve`` in a subprocess, loopback, a temporary database).

- On a 390 px phone, in Chinese: the first page → onboarding → a plan → the roadmap → log a session → mark done →
  undo → done again → re-plan, and the finished item still on the roadmap and the timeline.
- On a desktop, in English: the demo persona, the roadmap by keyboard, an error in the notice area (never a blank
  panel) cleared by the next success, a refused form, job match adding items to the plan in one click, a profile
  change previewed then saved, a download, the theme following the system until chosen.

Screenshots of the steps go to ``tests/web/screenshots/journey-*.png``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.live import (
    CHROMIUM,
    CHROMIUM_ARGS,
    chromium,
    expect,
    free_port,
    overflow,
    require_chromium,
    serve,
    shot,
    watch,
)

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "free_port"]  # tests/fuzz launches its own Chromium with them

require_chromium()
pytestmark = [pytest.mark.browser, pytest.mark.slow]

POSTING = Path(__file__).resolve().parents[1] / "extract" / "fixtures" / "posting_en.md"
POSTING_ZH = POSTING.with_name("posting_zh.txt")
FAILED_LOAD = re.compile(r"^Failed to load resource: the server responded with a status of 4\d\d")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def phone_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(tmp_path_factory.mktemp("phone") / "mlroute.db") as url:
        yield url


@pytest.fixture(scope="module")
def desk_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(tmp_path_factory.mktemp("desk") / "mlroute.db") as url:
        yield url


@pytest.fixture(scope="module")
def phone(browser: Any, phone_site: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True)
    page = watch(context.new_page())
    yield page
    context.close()


@pytest.fixture(scope="module")
def desk(browser: Any, desk_site: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, color_scheme="dark")
    page = watch(context.new_page())
    yield page
    context.close()


def flash(page: Any) -> Any:
    return page.locator("#flash")


def test_a_newcomer_on_a_phone_in_chinese_gets_a_plan_they_can_read(phone: Any, phone_site: str) -> None:
    page = phone
    page.goto(phone_site + "/")
    assert page.url == phone_site + "/welcome"  # no plan yet: the first page is onboarding, in the browser's language
    assert page.locator("html").get_attribute("lang") == "zh-CN" and overflow(page) == 0
    shot(page, "journey-01-welcome-zh-390")
    page.get_by_label("数据科学家").check()
    page.get_by_role("button", name="下一步").click()
    page.get_by_label("你的名字（用于计划标题）").fill("小明")
    assert page.get_by_label("每周可投入的小时数").input_value() == "10"
    page.get_by_label("每周可投入的小时数").fill("8")
    page.get_by_role("checkbox", name="推荐系统").check()
    page.locator("label[for='s-python-3']").click()  # Python: 熟练, in the first pillar (open)
    assert overflow(page) == 0
    shot(page, "journey-02-questionnaire-zh-390")
    page.get_by_role("button", name="生成我的计划").click()
    page.wait_for_url(phone_site + "/?welcome=1")
    expect(page.get_by_role("heading", name="你好，小明")).to_be_visible()
    assert page.get_by_test_id("eta").is_visible() and overflow(page) == 0
    shot(page, "journey-03-dashboard-zh-390")


def test_on_the_phone_the_roadmap_is_read_from_the_menu(phone: Any, phone_site: str) -> None:
    page = phone
    nav = page.locator("#site-nav")
    assert not nav.is_visible()  # a compact menu, not 300 px of links
    page.get_by_role("button", name="菜单").click()
    expect(nav).to_be_visible()
    nav.get_by_role("link", name="路线图").click()
    page.wait_for_url(phone_site + "/roadmap")
    assert page.get_by_role("heading", name="一、可以开始申请").is_visible() and overflow(page) == 0
    assert page.locator(".phase").count() >= 3 and page.locator(".milestone-step").count() >= 2
    shot(page, "journey-04-roadmap-zh-390")


def test_log_a_session_finish_undo_and_finish_again(phone: Any, phone_site: str) -> None:
    page = phone
    card = page.locator(".phase:not(:first-child) .rcard.k-resource").first
    title = card.locator("a.title").inner_text()
    card.locator("a.title").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    page.evaluate("window.__stayed = true")  # survives only if HTMX updates the page in place
    page.get_by_role("textbox", name="时长").fill("45m")
    page.get_by_role("button", name="记录", exact=True).click()
    expect(flash(page)).to_contain_text(f"已为“{title}”记录 0.75 小时。")
    expect(page.locator("#status-card")).to_contain_text("进行中")
    page.get_by_role("button", name="标记完成").click()
    expect(flash(page)).to_contain_text("干得好")
    expect(page.locator("#status-card")).to_contain_text("你已完成这一项")
    shot(page, "journey-05-item-done-zh-390", full=False)
    flash(page).get_by_role("button", name="撤销").click()  # the notice's own Undo
    expect(flash(page)).to_contain_text("已重新列入待办")
    expect(page.locator("#status-card")).to_contain_text("进行中")  # time was logged: back in progress
    page.locator("#status-card").get_by_role("button", name="标记完成").click()
    expect(page.locator("#status-card")).to_contain_text("你已完成这一项")
    assert page.evaluate("window.__stayed") is True and overflow(page) == 0
    page.context.item_title = title  # type: ignore[attr-defined]


def test_a_replan_keeps_the_finished_item_in_view(phone: Any, phone_site: str) -> None:
    page = phone
    title = page.context.item_title  # type: ignore[attr-defined]
    page.goto(phone_site + "/")
    page.get_by_role("button", name="立即重新规划").click()
    expect(page.get_by_role("heading", name="你的新计划")).to_be_visible()
    assert "什么时候可以开始申请" in page.inner_text("main") and overflow(page) == 0
    shot(page, "journey-06-replan-zh-390")
    page.goto(phone_site + "/roadmap")
    card = page.locator(".rcard", has=page.get_by_role("link", name=title, exact=True))
    expect(card).to_have_class(re.compile(r"\bs-done\b"))
    assert "来自之前的计划" in card.inner_text()
    page.goto(phone_site + "/timeline")
    row = page.locator(".tl-row", has=page.get_by_role("link", name=re.compile(re.escape(title))))
    expect(row).to_have_class(re.compile(r"\bs-done\b"))
    assert overflow(page) == 0  # the chart scrolls inside its own box
    shot(page, "journey-07-timeline-zh-390")
    assert [e for e in page.errors if not FAILED_LOAD.match(e)] == []  # type: ignore[attr-defined]


def test_a_job_match_on_the_phone_names_everything_in_chinese(phone: Any, phone_site: str) -> None:
    page = phone
    page.goto(phone_site + "/match")
    page.get_by_label("招聘启事文本").fill(POSTING_ZH.read_text(encoding="utf-8"))
    page.get_by_role("button", name="匹配", exact=True).click()
    page.wait_for_selector("[data-testid=readiness]", timeout=60_000)
    result = page.locator("#match-result").inner_text()
    assert "粘贴的文字" in result and "如何补齐差距" in result and "pasted text" not in result
    assert overflow(page) == 0  # the table of missing skills stacks on a phone
    shot(page, "journey-08-match-zh-390")


def test_the_demo_persona_and_the_roadmap_by_keyboard(desk: Any, desk_site: str) -> None:
    page = desk
    page.goto(desk_site + "/welcome")
    page.get_by_role("button", name="Use the demo persona").click()
    page.wait_for_url(desk_site + "/?welcome=1")
    page.goto(desk_site + "/roadmap")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.rcard')"):
            break
    else:
        pytest.fail("Tab never reached a card of the roadmap")
    first = page.locator(".rcard a.title").first
    assert page.evaluate("document.activeElement") == first.element_handle().evaluate("e => e")
    href = first.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(desk_site + str(href))


def test_an_error_goes_to_the_notice_area_and_the_next_success_clears_it(desk: Any, desk_site: str) -> None:
    page = desk
    page.goto(desk_site + "/items/act:find-mentor")
    page.get_by_label("How long").fill("ten minutes")
    page.get_by_role("button", name="Log", exact=True).click()
    expect(flash(page).locator("[role=alert]")).to_contain_text("“ten minutes” is not a duration mlroute can read.")
    expect(page.locator("#item h1")).to_be_visible()  # the panel is still there
    page.get_by_label("How long").fill("30m")
    page.get_by_role("button", name="Log", exact=True).click()
    expect(flash(page)).to_contain_text("Logged 0.5 h on “Find a mentor”.")
    expect(flash(page).locator("[role=alert]")).to_have_count(0)


def test_a_refused_form_says_why_instead_of_blanking_the_panel(desk: Any, desk_site: str) -> None:
    page = desk
    page.goto(desk_site + "/items/act:find-niche")
    page.context.clear_cookies(name="mlroute_csrf")  # as if the server had restarted since the page was loaded
    page.get_by_role("button", name="Start").click()
    expect(flash(page).locator("[role=alert]")).to_contain_text("The form had expired")
    expect(page.locator("#status-card").get_by_role("button", name="Start")).to_be_visible()
    shot(page, "journey-09-refused-en-1280", full=False)
    page.reload()
    page.get_by_role("button", name="Start").click()
    expect(flash(page)).to_contain_text("Started")


def test_job_match_adds_the_closing_items_to_the_plan_in_one_click(desk: Any, desk_site: str) -> None:
    page = desk
    page.goto(desk_site + "/match")
    page.get_by_label("Posting text").fill(POSTING.read_text())
    page.get_by_role("button", name="Match").click()
    page.wait_for_selector("[data-testid=readiness]", timeout=60_000)
    shot(page, "journey-10-match-en-1280")
    add = page.get_by_role("button", name=re.compile(r"^Add .* to my plan$"))
    if add.count() == 0:
        pytest.skip("this posting asks for nothing the demo plan leaves out")
    ticked = page.locator("input[name=items]:checked").count()
    add.click()
    expect(page.get_by_role("heading", name="Your plan changed")).to_be_visible()
    assert "Added to your plan:" in page.inner_text("main") and ticked >= 1


def test_a_profile_change_is_previewed_before_it_is_saved(desk: Any, desk_site: str) -> None:
    page = desk
    page.goto(desk_site + "/settings")
    page.get_by_label("Hours per week").fill("20")
    page.get_by_role("button", name="Preview the change").click()
    preview = page.locator("#preview")
    expect(preview).to_contain_text("Preview: nothing is saved yet", timeout=30_000)
    expect(preview).to_contain_text("weeks sooner")
    assert page.url == desk_site + "/settings"  # shown in place
    shot(page, "journey-11-settings-preview-en-1280")
    page.get_by_role("button", name="Save and re-plan").click()
    expect(page.get_by_role("heading", name="Your plan changed")).to_be_visible()
    assert re.search(r"\d+ → \d+ weeks", page.get_by_test_id("eta-change").inner_text())


def test_documents_download(desk: Any, desk_site: str, tmp_path: Path) -> None:
    page = desk
    page.goto(desk_site + "/documents")
    with page.expect_download() as info:
        page.locator("a[href='/documents/transition-plan.md']").click()
    path = tmp_path / "plan.md"
    info.value.save_as(path)
    assert "Dana" in path.read_text(encoding="utf-8")


def test_the_theme_follows_the_system_until_one_is_chosen(desk: Any, desk_site: str) -> None:
    page = desk  # the system is dark
    page.goto(desk_site + "/")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(18, 20, 23)"
    page.get_by_role("button", name="Light mode").click()
    page.wait_for_selector("html[data-theme=light]")
    page.goto(desk_site + "/timeline")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"


def test_nothing_left_the_machine_and_no_script_errors(desk: Any, desk_site: str) -> None:
    page = desk
    assert page.requests  # type: ignore[attr-defined]
    assert [u for u in page.requests if not u.startswith(desk_site)] == []  # type: ignore[attr-defined]
    assert [e for e in page.errors if not FAILED_LOAD.match(e)] == []  # type: ignore[attr-defined]
