"""The whole journey in real headless Chromium (Debian's, driven by Playwright): onboarding → plan → finish an item
→ the dashboard shows it; the roadmap by keyboard; log time, journal, job match, a download; 中文; dark mode.

The app runs as a user runs it (``mlroute serve`` in a subprocess, loopback, a temporary database). A screenshot
of every page goes to ``tests/web/screenshots/``. Skipped when ``/usr/bin/chromium`` is missing, unless
``MLROUTE_REQUIRE_BROWSER=1`` (CI) makes that a failure.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MLROUTE

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path(__file__).resolve().parent / "screenshots"
POSTING = Path(__file__).resolve().parents[1] / "extract" / "fixtures" / "posting_en.md"

pytestmark = [pytest.mark.browser, pytest.mark.slow]

if not CHROMIUM.exists():
    if os.environ.get("MLROUTE_REQUIRE_BROWSER") == "1":
        raise RuntimeError("MLROUTE_REQUIRE_BROWSER=1 but /usr/bin/chromium is missing: apt-get install chromium")
    pytest.skip(
        "headless Chromium not installed (/usr/bin/chromium); install Debian's chromium to run the browser tests",
        allow_module_level=True,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    db = tmp_path_factory.mktemp("e2e") / "mlroute.db"
    env = {**os.environ, "MLROUTE_DB": f"sqlite:///{db}"}
    proc = subprocess.Popen(
        [str(MLROUTE), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                reason = proc.stderr.read().decode() if proc.stderr else ""
                raise RuntimeError(f"mlroute serve did not start: {reason}") from None
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        pg = context.new_page()
        pg.set_default_timeout(20_000)
        pg.requests = []  # type: ignore[attr-defined]
        pg.errors = []  # type: ignore[attr-defined]
        pg.on("request", lambda r: pg.requests.append(r.url))  # type: ignore[attr-defined]
        pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)  # type: ignore[attr-defined]
        pg.on("pageerror", lambda e: pg.errors.append(str(e)))  # type: ignore[attr-defined]
        yield pg
        context.close()
        chromium.close()


def expect(locator: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def shot(page: Any, name: str, full: bool = True) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def test_onboarding_makes_a_plan(page: Any, server: str) -> None:
    page.goto(server + "/")
    assert page.url == server + "/welcome"
    shot(page, "01-welcome")
    page.get_by_label("Data scientist").check()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Your name (for the plan's title)").fill("Alex")
    page.get_by_label("Hours a week you can give").fill("12")
    page.get_by_role("checkbox", name="Natural language processing").check()
    page.get_by_label("pandas").select_option("2")
    assert page.locator("#skill-kubernetes").count() == 0
    page.get_by_label("Target role").select_option(label="MLOps Engineer")  # HTMX swaps in that role's skills
    expect(page.locator("#skill-kubernetes")).to_be_visible()
    assert page.get_by_label("pandas").input_value() == "2"  # what was already chosen survives
    page.get_by_label("Target role").select_option(label="Machine Learning Engineer")
    expect(page.locator("#skill-kubernetes")).to_have_count(0)
    shot(page, "02-questionnaire")
    page.get_by_role("button", name="Make my plan").click()
    page.wait_for_url(server + "/?welcome=1")
    assert page.get_by_role("heading", name="Hello, Alex").is_visible()
    shot(page, "03-dashboard")


def test_finishing_an_item_updates_the_dashboard_in_place(page: Any, server: str) -> None:
    done = page.get_by_test_id("items-done")
    before = done.inner_text()
    assert before.startswith("0 of ")
    total = before.split(" of ")[1].split()[0]
    page.evaluate("window.__stayed = true")  # survives only if HTMX swaps part of the page
    first = page.locator("#next ol.next > li").first
    title = first.locator("a").first.inner_text()
    first.get_by_role("button", name="Mark done").click()
    expect(done).to_have_text(re.compile(f"^1 of {total} "))
    assert page.evaluate("window.__stayed") is True
    assert title not in page.locator("#next").inner_text()
    shot(page, "04-dashboard-after-done")


def test_roadmap_by_keyboard(page: Any, server: str) -> None:
    page.goto(server + "/roadmap")
    shot(page, "05-roadmap")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('svg a.node.item.s-todo')"):
            break
    else:
        pytest.fail("Tab never reached an item of the roadmap graph")
    outline = page.evaluate("getComputedStyle(document.activeElement.querySelector('rect')).strokeWidth")
    assert outline == "4px"  # the focus ring on a graph node
    page.keyboard.press("Enter")
    page.wait_for_selector("#panel-title:not(:has-text('Choose an item'))")
    selected = page.locator("#panel-title").inner_text()
    page.locator(".panel").get_by_role("button", name="Start").click()
    page.wait_for_selector("svg a.node.item.s-doing.selected")
    assert page.locator("#panel-title").inner_text() == selected
    assert "in progress" in page.locator(".panel").inner_text()
    shot(page, "06-roadmap-selected", full=False)


def test_timeline(page: Any, server: str) -> None:
    page.goto(server + "/timeline")
    assert page.locator("svg.gantt a.bar-link").count() > 5
    assert page.locator("svg.gantt a.s-done").count() == 1
    shot(page, "07-timeline")


def test_item_page_log_time_and_note(page: Any, server: str) -> None:
    page.goto(server + "/roadmap")
    page.locator("svg a.node.item.s-doing").first.click()
    page.locator(".panel").get_by_role("link", name="Details, notes and log time").click()
    page.get_by_label("How long").fill("1h30m")
    page.get_by_label("Note (optional)").fill("chapter 1 and the exercises")
    page.get_by_role("button", name="Log", exact=True).click()
    page.wait_for_selector("text=chapter 1 and the exercises")
    page.get_by_label("Journal note on this item").fill("Worth redoing the exercises")
    page.get_by_role("button", name="Add note").click()
    page.wait_for_selector("text=Worth redoing the exercises")
    assert "1.5 h" in page.locator("#item").inner_text()
    shot(page, "08-item")


def test_journal(page: Any, server: str) -> None:
    page.goto(server + "/journal")
    page.get_by_label("What happened").fill("Gradient descent clicked after drawing it by hand.")
    page.get_by_label("Tags").fill("math")
    page.get_by_role("button", name="Add entry").click()
    page.wait_for_selector("text=Gradient descent clicked")
    shot(page, "09-journal")


def test_job_match(page: Any, server: str) -> None:
    page.goto(server + "/match")
    page.get_by_label("Posting text").fill(POSTING.read_text())
    page.get_by_role("button", name="Match").click()
    page.wait_for_selector("[data-testid=readiness]", timeout=60_000)
    assert page.get_by_test_id("readiness").inner_text().endswith("%")
    shot(page, "10-match")


def test_documents_download(page: Any, server: str, tmp_path: Path) -> None:
    page.goto(server + "/documents")
    shot(page, "11-documents")
    with page.expect_download() as info:
        page.locator("a[href='/documents/transition-plan.md']").click()
    path = tmp_path / "plan.md"
    info.value.save_as(path)
    assert "Alex" in path.read_text(encoding="utf-8")


def test_chinese(page: Any, server: str) -> None:
    page.goto(server + "/settings")
    shot(page, "12-settings")
    page.get_by_role("button", name="中文").click()
    page.wait_for_selector("html[lang=zh-CN]")
    page.goto(server + "/")
    assert page.get_by_role("link", name="路线图").is_visible()
    assert "接下来做什么" in page.inner_text("main")
    shot(page, "13-dashboard-zh")
    page.goto(server + "/roadmap")
    assert "深度学习" in page.locator("svg.graph").text_content()  # a knowledge-base name in Chinese
    shot(page, "14-roadmap-zh", full=False)
    page.goto(server + "/timeline")
    shot(page, "15-timeline-zh", full=False)


def test_dark_mode(page: Any, server: str) -> None:
    page.goto(server + "/")
    page.get_by_role("button", name="深色模式").click()
    page.wait_for_selector("html[data-theme=dark]")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(18, 20, 23)"
    page.get_by_role("button", name="English").click()
    page.wait_for_selector("html[lang=en]")
    shot(page, "16-dashboard-dark")
    for path, name in (("/roadmap", "17-roadmap-dark"), ("/timeline", "18-timeline-dark"), ("/match", "19-match-dark")):
        page.goto(server + path)
        shot(page, name, full=False)


def test_nothing_left_the_machine_and_no_script_errors(page: Any, server: str) -> None:
    assert page.requests  # type: ignore[attr-defined]
    assert all(url.startswith(server) for url in page.requests), [  # type: ignore[attr-defined]
        u
        for u in page.requests
        if not u.startswith(server)  # type: ignore[attr-defined]
    ]
    assert page.errors == []  # type: ignore[attr-defined]
