"""Route tests: each page renders from the services' documents, each form changes what the services record and
says so (a notice), and every error is a page a person can act on, in English and Chinese."""

from __future__ import annotations

import re
from typing import Any

from mlroute.services import replan, study
from mlroute.services.current import current_plan
from mlroute.services.kb import index
from mlroute.services.status import status

from .conftest import Browser

CJK = re.compile(r"[\u4e00-\u9fff]")


def status_doc(browser: Browser) -> dict[str, Any]:
    """``mlroute status --json`` for the app's database."""
    return status(browser.store).model_dump(mode="json")


def plan_ids(browser: Browser) -> list[str]:
    current = current_plan(browser.store)
    assert current is not None
    return [it["id"] for it in current.plan["items"]]


def test_without_a_plan_the_pages_send_you_to_onboarding(empty_db: str, browser: Browser) -> None:
    for path in ("/", "/roadmap", "/timeline", "/journal", "/items/res:x"):
        r = browser.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/welcome", path
    page = browser.get("/welcome").text
    assert "Where are you starting from?" in page
    assert browser.get("/documents").status_code == 200  # restoring a backup needs no plan
    settings = browser.get("/settings").text
    assert "Your profile appears here once you have a plan." in settings and 'href="/welcome"' in settings


def test_onboarding_prefills_answers_for_the_background(empty_db: str, browser: Browser) -> None:
    page = browser.get("/welcome?background=data_scientist").text
    assert 'id="hours_per_week" name="hours_per_week" type="number" min="1" max="100" step="0.5" value="10"' in page
    assert re.search(r'name="skill.pandas" value="3" checked', page)
    assert 'value="ml-engineer" selected' in page
    assert page.count('class="pillar"') >= 5 and "I use these daily" in page  # grouped by pillar, with presets
    fragment = browser.get("/welcome/skills?background=data_scientist&target_role=mlops-engineer&skill.pandas=1").text
    assert 'id="skills"' in fragment and "<html" not in fragment
    assert re.search(r'name="skill.pandas" value="1" checked', fragment)
    assert 'name="skill.kubernetes"' in fragment


def answers(**extra: Any) -> dict[str, Any]:
    return {
        "background": "software_engineer",
        "name": "Alex",
        "years_experience": "6",
        "hours_per_week": "12",
        "start_date": "",
        "target_role": "ml-engineer",
        "budget_usd": "0",
        "languages": ["en", "zh"],
        "interests": ["nlp"],
        "skill.python": "3",
        "skill.git": "3",
        "skill.linear-algebra": "0",
        **extra,
    }


def test_onboarding_stores_the_profile_and_makes_the_plan_in_the_pages_language(
    empty_db: str, browser: Browser
) -> None:
    browser.post("/settings", {"lang": "zh"})
    r = browser.post("/welcome", answers(), follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/?welcome=1"
    st = status_doc(browser)
    assert st["name"] == "Alex" and st["items_total"] > 5
    current = current_plan(browser.store)
    assert current is not None and current.plan["lang"] == "zh" and CJK.search(current.plan["items"][0]["why"])
    assert current.profile["skills"] == {"python": 3, "git": 3}
    page = browser.get(r.headers["location"]).text
    assert "你好，Alex" in page and "你的计划已生成" in page


def test_studying_full_time_means_forty_hours_unless_you_say_otherwise(empty_db: str, browser: Browser) -> None:
    browser.post("/welcome", answers(background="none", hours_per_week="10", full_time="yes"))
    assert status_doc(browser)["pace"]["planned"] == 40


def test_onboarding_rejects_a_bad_answer_with_the_field_named(empty_db: str, browser: Browser) -> None:
    r = browser.post("/welcome", answers(hours_per_week="500"))
    assert r.status_code == 400
    assert "Hours a week: 500 is outside 1–100." in r.text and "Traceback" not in r.text
    assert "hours_per_week" not in re.sub(r"<[^>]+>", "", r.text)  # the label, not the field's id
    browser.post("/settings", {"lang": "zh"})
    zh = browser.post("/welcome", answers(hours_per_week="many"))
    assert zh.status_code == 400 and "每周小时数：“many”不是数字。" in zh.text


def test_a_resume_fills_in_levels_with_the_evidence(empty_db: str, browser: Browser) -> None:
    from pathlib import Path

    resume = (Path(__file__).resolve().parents[1] / "extract" / "fixtures" / "resume_en.md").read_bytes()
    r = browser.client.post(
        "/welcome/resume",
        data={"csrf_token": browser.token(), "background": "software_engineer"},
        files={"resume": ("my resume.md", resume, "text/markdown")},
    )
    assert r.status_code == 200
    assert "filled in from your resume" in r.text and "From your resume:" in r.text
    assert re.search(r'name="skill.python" value="[1-4]" checked', r.text)
    empty = browser.client.post(
        "/welcome/resume",
        data={"csrf_token": browser.token(), "background": "software_engineer"},
        files={"resume": ("cv.pdf", b"not a pdf", "application/pdf")},
    )
    assert empty.status_code == 400 and "PDF cannot be read" in empty.text and "/tmp" not in empty.text


def test_dashboard_headline_is_ready_to_apply_then_keep_growing(planned_db: str, browser: Browser) -> None:
    st = status_doc(browser)
    page = browser.get("/").text
    assert "Hello, Dana (demo)" in page
    assert f"0 of {st['items_total']} items done" in page
    headline = page.index('data-testid="eta"')
    assert st["eta_dates"]["p50"] in page[headline : headline + 200]
    assert page.index("Ready to apply") < headline < page.index('data-testid="eta-grow"')
    first = st["next_items"][0]
    assert f'href="/items/{first["id"]}"' in page and first["title"] in page
    assert "weeks from your start" in page and 'class="band grow"' in page


def test_finishing_an_item_says_so_and_can_be_undone(planned_db: str, browser: Browser) -> None:
    item = status_doc(browser)["next"][0]
    r = browser.post(f"/items/{item}/status?next=/", {"status": "done"})
    assert r.status_code == 200 and r.url.path == "/"
    assert "1 of " in r.text and " items done" in r.text
    assert "is done. Well done!" in r.text and f'action="/items/{item}/undo?next=' in r.text
    assert "Well done" not in browser.get("/").text  # a notice is said once
    undone = browser.post(f"/items/{item}/undo?next=/items/{item}")
    assert "is back on your list" in undone.text and status_doc(browser)["items_done"] == 0
    page = browser.get(f"/items/{item}").text
    assert "Mark done" in page and "Undo" not in page


def test_a_finished_item_page_offers_the_undo(planned_db: str, browser: Browser) -> None:
    browser.post("/items/act:find-mentor/status", {"status": "done"})
    page = browser.get("/items/act:find-mentor").text
    assert "You finished it." in page and "Undo: not finished yet" in page and "Mark done" not in page
    browser.post("/items/act:find-mentor/status", {"status": "skipped", "reason": "known"})
    assert "Undo the skip" in browser.get("/items/act:find-mentor").text


def test_start_skip_and_log_time_from_the_item_page(planned_db: str, browser: Browser) -> None:
    browser.post("/items/act:find-mentor/status", {"status": "doing"})
    browser.post("/items/act:find-niche/status", {"status": "skipped", "reason": "known"})
    r = browser.post("/items/act:find-mentor/log", {"duration": "1h30m", "day": "", "note": "met Sam <3"})
    assert r.status_code == 200 and r.url.path == "/items/act:find-mentor"
    assert "Logged 1.5 h on “Find a mentor”." in r.text
    assert "1.5 h" in r.text and "met Sam &lt;3" in r.text and "in progress" in r.text
    st = status_doc(browser)
    assert st["hours_logged"] == 1.5 and st["items_skipped"] == 1 and st["items_doing"] == 1


def test_a_bad_duration_is_a_clear_message_in_the_notice_area(planned_db: str, browser: Browser) -> None:
    r = browser.post("/items/act:find-mentor/log", {"duration": "ten minutes"})
    assert r.status_code == 400
    assert "“ten minutes” is not a duration mlroute can read." in r.text and "Traceback" not in r.text
    htmx = browser.post("/items/act:find-mentor/log", {"duration": "x"}, headers={"HX-Request": "true"})
    assert htmx.headers["HX-Retarget"] == "#flash" and 'id="error-card"' in htmx.text
    browser.post("/settings", {"lang": "zh"})
    zh = browser.post("/items/act:find-mentor/log", {"duration": "25h"})
    assert "“25h”超过了一天。" in zh.text and "--date" not in zh.text


def test_a_refused_form_during_an_htmx_action_is_a_message_not_a_blank_panel(planned_db: str, browser: Browser) -> None:
    browser.post("/settings", {"lang": "zh"})
    r = browser.client.post(
        "/items/act:find-mentor/status", data={"status": "done", "csrf_token": "stale"}, headers={"HX-Request": "true"}
    )
    assert r.status_code == 403
    assert 'id="error-card"' in r.text and "表单已过期" in r.text and "<html" in r.text
    assert r.headers["hx-retarget"] == "#flash" and r.headers["content-security-policy"]
    assert status_doc(browser)["items_done"] == 0


def test_an_unknown_item_suggests_the_close_ones_by_name(planned_db: str, browser: Browser) -> None:
    r = browser.get("/items/act:find-mentr")
    assert r.status_code == 404
    assert 'href="/items/act:find-mentor"' in r.text and ">Find a mentor</a>" in r.text


def test_unknown_addresses_are_a_friendly_page_in_both_languages(planned_db: str, browser: Browser) -> None:
    r = browser.get("/no/such/page")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "This page does not exist." in r.text and 'href="/roadmap"' in r.text
    assert browser.get("/api/no-such").json() == {"detail": "Not Found"}  # the API keeps its JSON
    browser.post("/settings", {"lang": "zh"})
    assert "这个页面不存在" in browser.get("/no/such/page").text
    assert "这个网址不能这样使用" in browser.client.put("/roadmap", headers={"X-CSRF-Token": browser.token()}).text


def test_a_bug_is_a_friendly_page_that_says_nothing_was_lost(empty_db: str) -> None:
    from fastapi.testclient import TestClient

    from mlroute.web.app import create_app
    from tests.web.conftest import ORIGIN

    app = create_app()

    def boom() -> None:
        raise RuntimeError("a bug")

    app.add_api_route("/boom", boom)
    with TestClient(app, base_url=ORIGIN, raise_server_exceptions=False, cookies={"lang": "zh"}) as client:
        r = client.get("/boom")
    assert r.status_code == 500 and "mlroute 内部出错了" in r.text and "Traceback" not in r.text


def test_a_backup_over_the_limit_says_so_for_a_backup(planned_db: str) -> None:
    from mlroute.web.app import create_app

    from .conftest import local_client, page_token

    with local_client(create_app(max_body=50_000)) as client:
        token = page_token(client)
        big = b"{" + b" " * 80_000 + b"}"
        r = client.post("/documents/restore", data={"csrf_token": token}, files={"backup_file": ("b.json", big)})
    assert r.status_code == 413 and r.headers["content-type"].startswith("text/html")
    assert "larger than the 48 KB limit" in r.text and "posting" not in r.text and "Download backup" in r.text
    assert '<a class="skip"' in r.text  # the app's own page, not a bare one


def test_roadmap_is_a_path_of_phases_with_cards_in_schedule_order(planned_db: str, browser: Browser) -> None:
    browser.post("/items/act:clarify-motivation/status", {"status": "done"})
    page = browser.get("/roadmap").text
    assert page.count('class="rcard ') == status_doc(browser)["items_total"]
    assert 'class="rcard s-done k-career_action"' in page
    assert page.index("1. Ready to apply") < page.index("2. Keep growing, after the switch")
    assert "graph-wrap" not in page and "<svg" not in page  # no inner scroll box, no wall of edges
    assert 'role="tooltip"' in page and "Builds on:" in page


def test_finished_work_stays_in_view_after_a_replan(planned_db: str, browser: Browser) -> None:
    study.done(browser.store, "act:clarify-motivation")
    study.skip(browser.store, "res:google-mlcc")
    replan.replan(browser.store, index(), lang="en")
    assert "act:clarify-motivation" not in plan_ids(browser)
    roadmap = browser.get("/roadmap").text
    card = roadmap[roadmap.index('id="c-act-clarify-motivation"') :][:1200]
    assert "s-done" in card[:100] and "from an earlier plan" in card
    assert 'id="c-res-google-mlcc" class="rcard s-skipped' in roadmap
    timeline = browser.get("/timeline").text
    assert re.search(
        r'class="tl-row s-done[^"]*">\s*<a class="tl-label" href="/items/act:clarify-motivation"', timeline
    )
    item = browser.get("/items/act:clarify-motivation").text
    assert "An earlier version of your plan listed this item" in item and "Undo: not finished yet" in item
    undone = browser.post("/items/act:clarify-motivation/undo?next=/roadmap")
    assert "Re-plan to give it weeks again." in undone.text


def test_timeline_has_a_row_per_item_a_legend_and_the_milestones(planned_db: str, browser: Browser) -> None:
    browser.post("/items/act:find-mentor/status", {"status": "doing"})
    browser.post("/items/act:find-mentor/log", {"duration": "3h"})
    page = browser.get("/timeline").text
    assert page.count('class="tl-row ') == status_doc(browser)["items_total"]
    assert re.search(r'class="fill" style="width: 50.0%"', page)  # 3 of 6 h
    assert "Ready to apply" in page and "Keep growing" in page and "week (and month)" in page
    assert 'class="legend"' in page


def test_journal_and_evidence_say_they_were_saved(planned_db: str, browser: Browser) -> None:
    empty = browser.get("/journal").text
    assert "No entries yet. Write one above" in empty
    r = browser.post(
        "/journal",
        {"text": "Backprop finally clicked", "kind": "insight", "tags": "dl, math", "item": "act:find-mentor"},
    )
    assert "Journal entry saved." in r.text
    r = browser.post("/evidence", {"url": "https://github.com/me/rag-demo", "title": "RAG demo"})
    assert "Link saved" in r.text
    page = browser.get("/journal").text
    assert "Backprop finally clicked" in page and "#dl" in page and "RAG demo" in page and "repository" in page
    assert "Backprop" not in browser.get("/journal?kind=challenge").text
    assert "Backprop finally clicked" in browser.get("/items/act:find-mentor").text


def test_settings_language_and_a_theme_that_follows_the_system(planned_db: str, browser: Browser) -> None:
    assert 'data-theme="auto"' in browser.get("/").text
    r = browser.post("/settings", {"lang": "zh", "theme": "dark"})
    assert '<html lang="zh-CN" data-theme="dark">' in r.text and "设置已保存。" in r.text
    r = browser.post("/settings", {"theme": "auto"})
    assert 'data-theme="auto"' in r.text and '<meta name="color-scheme" content="light dark">' in r.text


def test_settings_previews_a_profile_change_then_saves_it(planned_db: str, browser: Browser) -> None:
    page = browser.get("/settings").text
    assert 'name="hours_per_week" type="number" min="1" max="100" step="0.5" value="10.0"' in page
    form = re.findall(r'<input type="radio" id="s-([\w-]+)-(\d)" name="skill\.[\w-]+" value="\d" checked', page)
    levels = {f"skill.{s}": v for s, v in form}
    data = {
        "name": "Dana (demo)",
        "background": "devops_engineer",
        "hours_per_week": "20",
        "budget_usd": "200",
        "years_experience": "7",
        "target_role": "ml-engineer",
        "languages": ["en"],
        "interests": ["llm-applications"],
        **levels,
    }
    before = status_doc(browser)
    preview = browser.post("/settings/profile/preview", data, headers={"HX-Request": "true"})
    assert preview.status_code == 200 and "Preview: nothing is saved yet" in preview.text
    assert "weeks sooner" in preview.text
    assert status_doc(browser)["plan_version"] == before["plan_version"]  # nothing stored
    saved = browser.post("/settings/profile", data)
    assert saved.status_code == 200 and "Your plan changed" in saved.text
    after = status_doc(browser)
    assert after["plan_version"] == before["plan_version"] + 1 and after["pace"]["planned"] == 20
    shown = re.search(r'data-testid="eta-change">(\d+) → (\d+) weeks', saved.text)
    assert shown and int(shown.group(2)) == round(after["eta_weeks"]["p50"])
    current = current_plan(browser.store)
    assert current is not None and current.profile["skills"] == before_skills(browser)


def test_settings_hours_at_work_are_part_of_the_weekly_hours_and_reach_the_transition_plan(
    planned_db: str, browser: Browser
) -> None:
    page = browser.get("/settings").text
    assert 'name="hours_at_work" type="number" min="0" max="100" step="0.5" value="0"' in page
    data = {"name": "Dana (demo)", "background": "devops_engineer", "hours_per_week": "10", "languages": ["en"]}
    data |= {"target_role": "ml-engineer", "budget_usd": "0", "years_experience": "7"}
    refused = browser.post("/settings/profile/preview", {**data, "hours_at_work": "12"})
    assert refused.status_code == 400
    assert "Hours at work: 12 is more than the 10 hours a week you give in all." in refused.text
    browser.post("/settings", {"lang": "zh"})
    refused = browser.post("/settings/profile", {**data, "hours_at_work": "12"})
    assert refused.status_code == 400 and "工作时间内的学习小时数：12 超过了你每周总共投入的 10 小时。" in refused.text
    assert status_doc(browser)["plan_version"] == 1  # nothing stored
    browser.post("/settings", {"lang": "en"})
    saved = browser.post("/settings/profile", {**data, "hours_at_work": "4"})
    assert saved.status_code == 200
    current = current_plan(browser.store)
    assert current is not None and current.profile["hours_at_work"] == 4
    asks = browser.get("/documents/transition-plan.md").text
    assert "Protected learning time: 4 h a week in working hours" in asks[asks.index("## What I ask of my manager") :]


def before_skills(browser: Browser) -> dict[str, int]:
    """An untouched skills form stores the skills the profile stated, nothing the plan assumed."""
    from mlroute.services.planning import demo_profile

    return dict(demo_profile().skills)


def test_replan_says_what_changed_in_chinese(planned_db: str, browser: Browser) -> None:
    browser.post("/items/act:clarify-motivation/status", {"status": "done"})
    browser.post("/settings", {"lang": "zh"})
    r = browser.post("/replan")
    assert r.status_code == 200 and "你的新计划" in r.text and "什么时候可以开始申请" in r.text
    assert "已完成：它仍显示在路线图上" in r.text
    current = current_plan(browser.store)
    assert current is not None and current.plan["lang"] == "zh"


def test_job_match_adds_the_closing_items_in_one_click(planned_db: str, browser: Browser) -> None:
    wanted = "res:stanford-cs231n"
    assert wanted not in plan_ids(browser)
    r = browser.post("/match/add", {"items": [wanted]})
    assert r.status_code == 200 and "Added to your plan:" in r.text and "CS231n" in r.text
    assert wanted in plan_ids(browser)
    refused = browser.post("/match/add", {"items": []})
    assert refused.status_code == 400 and "No item was chosen." in refused.text


def test_knowledge_base_pages_show_names_not_ids(planned_db: str, browser: Browser) -> None:
    assert "Linear algebra" in browser.get("/kb?q=linear").text
    page = browser.get("/kb/skill:pytorch").text
    assert "Python</span></a> — working" in page and "Dive into Deep Learning" in page
    assert "python ≥" not in page and ">d2l<" not in page
    assert browser.get("/kb/skill:linear-algebr").status_code == 404


def test_reviews_due_on_the_dashboard_are_rated_there(planned_db: str, browser: Browser) -> None:
    import datetime as dt

    res = next(i for i in plan_ids(browser) if i.startswith("res:"))
    study.done(browser.store, res, now=dt.datetime.now(dt.UTC) - dt.timedelta(days=3))
    page = browser.get("/").text
    assert "Due for review" in page and f'action="/items/{res}/review?next=%2F"' in page
    r = browser.post(f"/items/{res}/review?next=%2F", {"rating": "good"})
    assert r.status_code == 200 and "Due for review" not in r.text and "Review saved" in r.text
    assert status_doc(browser)["reviews_due"] == []
