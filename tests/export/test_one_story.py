"""The documents a person shows tell one story (issue 10): one ETA, the one ``mlroute status`` prints; finished work
stays after a re-plan; a manager is addressed only when there is an employer; time is asked for only when it is
work time; no step about the reader is asked of them; and every heading is in the person's language.

Journeys come from the real planner and knowledge base (``tests.export.journeys``), ten weeks in, two re-plans.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from mlroute.errors import UserError
from mlroute.export.asks import ABOUT_THE_READER
from mlroute.export.words import T
from mlroute.services import documents
from mlroute.services.current import current_plan
from mlroute.services.status import status
from tests.export.journeys import Walked, walk

READY = re.compile(
    r"Ready to apply: around week (\d+) of my plan \(the week ending ([\d-]+)\), likely between week (\d+) "
    r"\(([\d-]+)\) and week (\d+) \(([\d-]+)\)\."
)
READY_ZH = re.compile(
    r"可以开始申请：预计在计划的第 (\d+) 周（到 ([\d-]+) 为止），大概率在第 (\d+) 周（([\d-]+)）到第 (\d+) 周"
)


@pytest.fixture(scope="module")
def devops(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Walked]:
    walked = walk("devops", tmp_path_factory.mktemp("devops") / "db.sqlite")
    yield walked
    walked.store.close()


@pytest.fixture(scope="module")
def newcomer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Walked]:
    walked = walk("newcomer", tmp_path_factory.mktemp("newcomer") / "db.sqlite", weeks=6)
    yield walked
    walked.store.close()


def render(w: Walked, name: str, fmt: str = "md", lang: str | None = None) -> str:
    rendered = documents.RENDERERS[name](w.store, w.kb, fmt, today=w.today, now=w.now, lang=lang)
    if fmt == "pdf":
        return "".join(p.extract_text() for p in PdfReader(io.BytesIO(rendered.data)).pages)
    return rendered.data.decode("utf-8")


def status_of(w: Walked) -> dict[str, Any]:
    """What ``mlroute status --json`` prints on the walk's day."""
    return status(w.store, today=w.today, now=w.now).model_dump(mode="json", by_alias=True)


def section(md: str, heading: str) -> str:
    """The text of the ``## heading`` section of a Markdown document."""
    return md.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_the_transition_plan_gives_the_eta_of_mlroute_status(devops: Walked) -> None:
    st = status_of(devops)
    eta, dates, grow = st["eta_weeks"], st["eta_dates"], st["eta_weeks_grow"]
    assert st["plan_version"] == 3 and st["week"] == 11
    for lang, pattern in (("en", READY), ("zh", READY_ZH)):
        md = render(devops, "transition-plan", lang=lang)
        (found,) = pattern.findall(md)
        assert found[:4] == (f"{eta['p50']:g}", dates["p50"], f"{eta['p10']:g}", dates["p10"])
        assert found[4] == f"{eta['p90']:g}"
    md = render(devops, "transition-plan")
    assert f"Everything in the plan, including what I keep learning after the switch: around week {grow['p50']:g}" in md
    # the timeline's ready row carries the same forecast beside its schedule week, and says which is which
    timeline = section(md, "Timeline")
    ready_row = next(line for line in timeline.splitlines() if "Ready to apply" in line)
    assert f"(forecast: week {eta['p50']:g}, likely {eta['p10']:g}–{eta['p90']:g})" in ready_row
    schedule_week = int(ready_row.split("|")[1])
    explained = f"In the schedule, ready to apply falls in week {schedule_week}." in timeline
    assert explained == (schedule_week != eta["p50"])
    assert "placed by the week-by-week schedule" in timeline
    # no other "ready in N weeks" figure anywhere
    assert re.findall(r"[Rr]eady (?:to apply )?in [\d.]+ weeks", md) == []


def test_the_calendar_puts_ready_to_apply_on_the_status_date(devops: Walked) -> None:
    st = status_of(devops)
    data = documents.calendar(devops.store, devops.kb, today=devops.today, now=devops.now).data
    events = list(Calendar.from_ical(data).walk("VEVENT"))
    (ready,) = [e for e in events if str(e["summary"]) == "Milestone: Ready to apply"]
    assert ready.decoded("dtstart").isoformat() == st["eta_dates"]["p50"]
    assert f"Forecast: week {st['eta_weeks']['p50']:g} of the plan" in str(ready["description"])


def test_finished_items_stay_in_every_document_after_a_replan(devops: Walked) -> None:
    current = current_plan(devops.store)
    assert current is not None and current.plan_version == 3
    earlier = current.finished  # done or skipped under versions 1 and 2, no longer in version 3
    assert {f.status for f in earlier} == {"done", "skipped"}
    plan, log = render(devops, "transition-plan"), render(devops, "learning-log")
    portfolio = render(devops, "portfolio")
    table = section(plan, "The plan, item by item")
    for f in earlier:
        row = next(line for line in table.splitlines() if f"| {f.title} |" in line)
        assert re.search(rf"\| {f.status} \d{{4}}-\d\d-\d\d( \(already known\))? \|$", row), row
        assert f"- {f.title}: {f.status} " in section(plan, "Evidence so far")
        assert f"- {f.title}: {f.status}" in log
        if f.kind == "career_action":
            assert f"{f.title} (" in section(portfolio, "Career steps")
    skipped = next(f for f in earlier if f.status == "skipped")
    assert f"{skipped.title}: skipped" in log and "(already known)" in log
    zh = render(devops, "transition-plan", lang="zh")
    assert re.search(r"\| \d{4}-\d\d-\d\d 完成 \|", zh) and "跳过（已掌握）" in zh


def test_employed_without_work_hours_asks_no_protected_time(devops: Walked) -> None:
    asks = section(render(devops, "transition-plan"), "What I ask of my manager")
    assert "I study in my own time, 10 h a week outside working hours" in asks
    assert "Protected learning time" not in asks and "protected" not in asks.lower()
    assert "Some flexibility in the weeks around my milestones" in asks
    zh = render(devops, "transition-plan", lang="zh")
    assert "受保护的学习时间" not in zh and "因此不需要占用工作时间" in zh


def test_hours_at_work_are_asked_for_exactly(tmp_path: Path) -> None:
    walked = walk("devops", tmp_path / "db.sqlite", weeks=1, hours_at_work=4)
    md = render(walked, "transition-plan")
    asks = section(md, "What I ask of my manager")
    assert asks.count("Protected learning time") == 1
    assert "Protected learning time: 4 h a week in working hours (about 0.8 h a working day)" in asks
    assert "The other 6 h a week I study in my own time." in asks
    assert "Study time: 10 h a week: 4 h in working hours and 6 h in my own time." in md
    assert "Some flexibility" not in asks
    walked.store.close()


def test_without_an_employer_the_plan_is_for_a_mentor(newcomer: Walked) -> None:
    md = render(newcomer, "transition-plan")
    assert "manager" not in md.lower()
    assert "to share with a mentor or study partner" in md
    helps = section(md, "What would help me")
    assert "Feedback on my portfolio project" in helps and "A regular check-in" in helps
    assert "Find a mentor" not in helps  # the reader is the mentor
    assert "Study time: 40 h a week, full time." in md
    zh = render(newcomer, "transition-plan", lang="zh")
    assert "经理" not in zh and "## 哪些帮助对我最有用" in zh
    html = render(newcomer, "transition-plan", "html")
    assert "<h2>What would help me</h2>" in html and "manager" not in html.lower()


def test_no_step_about_the_reader_is_asked_of_them(devops: Walked, newcomer: Walked) -> None:
    for walked, heading, reader in (
        (devops, "What I ask of my manager", "manager"),
        (newcomer, "What would help me", "mentor"),
    ):
        asks = section(render(walked, "transition-plan"), heading)
        for act in ABOUT_THE_READER[reader]:
            rec = walked.kb.career_actions[act]
            assert rec.title.en not in asks and rec.title.en.lower()[:20] not in asks.lower()
    manager = section(render(devops, "transition-plan"), "What I ask of my manager")
    assert "supportive manager" not in manager and "transition plan" not in manager and "trust" not in manager
    assert "Your support for a secondment to an ML team" in manager  # a step the manager can give
    promises = section(render(devops, "transition-plan"), "What I commit to")
    assert "Keep you posted on progress" in promises and "Keep my current work reliable" in promises


def test_every_document_is_in_chinese_with_lang_zh(devops: Walked) -> None:
    plan_md = render(devops, "transition-plan", lang="zh")
    headings = re.findall(r"^## (.+)$", plan_md, flags=re.M)
    assert headings == [
        "目标",
        "我的起点",
        "路线",
        "时间线",
        "作品集项目",
        "希望经理给予的支持",
        "我的承诺",
        "目前的成果",
        "面试准备度",
        "计划明细",
    ]
    assert plan_md.startswith("# 转型计划：Sam → 机器学习工程师")
    english = [en for en, _ in T.values() if len(en) > 12 and "{" not in en]
    for name in ("transition-plan", "learning-log", "portfolio"):
        md = render(devops, name, lang="zh")
        assert [e for e in english if e in md] == [], name
        html = render(devops, name, "html", lang="zh")
        assert '<html lang="zh">' in html
        assert "<h2>" in html and not re.search(r"<h2>[A-Za-z ]+</h2>", html), name
    log = render(devops, "learning-log", lang="zh")
    assert "## 计划开始之前 · " in log and "## 第 1 周 · " in log
    portfolio = render(devops, "portfolio", lang="zh")
    assert "### 评审会看什么" in portfolio and "基于自有文档的检索增强生成" in portfolio
    pdf = render(devops, "transition-plan", "pdf", lang="zh")
    assert "希望经理给予的支持" in pdf and "计划明细" in pdf
    ics = documents.calendar(devops.store, devops.kb, today=devops.today, now=devops.now, lang="zh").data.decode()
    summaries = [str(e["summary"]) for e in Calendar.from_ical(ics).walk("VEVENT")]
    assert all(s.startswith(("学习：", "里程碑 · ")) for s in summaries)


def test_the_documents_default_to_the_plans_language(tmp_path: Path) -> None:
    walked = walk("data-scientist", tmp_path / "db.sqlite", weeks=1)  # languages: [zh, en]
    assert render(walked, "learning-log").startswith("# Mei的学习日志")
    assert render(walked, "transition-plan", lang="en").startswith("# Transition plan: Mei")
    with pytest.raises(UserError, match="English or Chinese"):
        render(walked, "portfolio", lang="fr")
    walked.store.close()
