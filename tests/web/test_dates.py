"""One date for one thing: a milestone, the ready-to-apply forecast and the keep-growing one fall on the same day on
the dashboard, the timeline, the JSON API and the documents, and that day is the last of its week."""

from __future__ import annotations

import datetime as dt
import re

from .conftest import Browser


def shown(page: str, name: str) -> str:
    found = re.search(rf'data-testid="{name}"[^>]*>(.*?)</', page, flags=re.S)
    assert found, name
    return found.group(1)


def test_milestones_and_forecasts_show_the_same_days_everywhere(planned_db: str, browser: Browser) -> None:
    plan = browser.get("/api/current-plan").json()
    st = browser.get("/api/status").json()
    start = dt.date.fromisoformat(st["started_on"])
    timeline, dashboard = browser.get("/timeline").text, browser.get("/").text
    document = browser.get("/documents/transition-plan.md").text

    for m in plan["milestones"]:
        week = m["week"] + plan["offset_weeks"]
        assert dt.date.fromisoformat(m["date"]) == start + dt.timedelta(days=7 * week - 1)  # the week's last day
        assert f"week {week}, {m['date']}" in timeline
        assert f"| {week} | {m['date']} |" in document

    ready, ready_day = int(st["eta_weeks"]["p50"]), st["eta_dates"]["p50"]
    assert dt.date.fromisoformat(ready_day) == start + dt.timedelta(days=7 * ready - 1)
    assert shown(dashboard, "eta") == ready_day
    assert shown(timeline, "forecast-ready") == f"forecast: week {ready} ({ready_day})"
    assert f"around week {ready} of my plan (the week ending {ready_day})" in document

    grow = int(st["eta_weeks_grow"]["p50"])
    grow_day = (start + dt.timedelta(days=7 * grow - 1)).isoformat()
    assert f"about {grow} weeks ({grow_day})" in shown(dashboard, "eta-grow")
    assert shown(timeline, "forecast-grow") == f"forecast: week {grow} ({grow_day})"
    assert f"around week {grow} ({grow_day})" in document


def test_the_chinese_pages_and_documents_give_the_same_days(planned_db: str, browser: Browser) -> None:
    st = browser.get("/api/status").json()
    browser.post("/settings", {"lang": "zh"})
    ready, ready_day = int(st["eta_weeks"]["p50"]), st["eta_dates"]["p50"]
    assert shown(browser.get("/").text, "eta") == ready_day
    assert shown(browser.get("/timeline").text, "forecast-ready") == f"预测：第 {ready} 周（{ready_day}）"
    assert ready_day in browser.get("/documents/transition-plan.md").text
