"""Study blocks as valid iCalendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from icalendar import Calendar

from mlroute.export.calendar import blocks_for_week, calendar_ics, day_offsets

MON = date(2026, 12, 7)


def test_blocks_split_the_weeks_hours() -> None:
    assert blocks_for_week(10, 2) == [2, 2, 2, 2, 2]
    assert blocks_for_week(5, 2) == [2.5, 2.5]  # 2 blocks of about 2 h
    assert sum(blocks_for_week(7.3, 2)) == 7.25  # rounded to quarter hours
    assert len(blocks_for_week(30, 2)) == 7  # at most one a day
    assert blocks_for_week(0, 2) == []
    assert day_offsets(3) == [0, 2, 4]


def test_calendar_parses_back_with_every_block_and_milestone() -> None:
    weeks = [
        {"week": 1, "start": MON, "hours": 10.0, "items": ["Python for data work", "Find a mentor"]},
        {"week": 2, "start": MON + timedelta(weeks=1), "hours": 4.5, "items": ["线性代数"]},
    ]
    milestones = [{"id": "ready", "title": "Ready to show", "date": MON + timedelta(days=13), "skills": ["MLOps"]}]
    now = datetime(2026, 12, 1, 12, tzinfo=UTC)
    data = calendar_ics(weeks, milestones, plan_version=3, at=time(19, 30), block_hours=2, now=now, title="mlroute")
    cal = Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    study = [e for e in events if str(e["summary"]).startswith("Study")]
    assert len(study) == 5 + 2
    hours = sum((e.decoded("dtend") - e.decoded("dtstart")).total_seconds() / 3600 for e in study)
    assert hours == 14.5
    first = study[0]
    assert first.decoded("dtstart") == datetime(2026, 12, 7, 19, 30)
    assert str(first["summary"]) == "Study: Python for data work (+1)"
    assert "线性代数" in str(study[-1]["description"])
    (milestone,) = [e for e in events if str(e["summary"]).startswith("Milestone")]
    assert milestone.decoded("dtstart") == date(2026, 12, 20)
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids) and uids[0] == "mlroute-plan3-w1-b1@mlroute"
    assert data == calendar_ics(
        weeks, milestones, plan_version=3, at=time(19, 30), block_hours=2, now=now, title="mlroute"
    )


def test_finished_items_take_their_hours_out_of_a_week() -> None:
    from mlroute.export.calendar import remaining_hours

    week = {"week": 3, "hours": 7.0, "allocation": {"res:a": 4.0, "act:b": 0.5, "res:c": 2.5}}
    assert remaining_hours(week, {}, set()) == {"res:a": 4.0, "act:b": 0.5, "res:c": 2.5}
    assert remaining_hours(week, {}, {"res:a"}) == {"act:b": 0.5, "res:c": 2.5}
    assert remaining_hours(week, {}, {"res:a", "act:b", "res:c"}) == {}
    # a plan without allocations shares the week's hours by each item's hours per week
    items = {
        "res:a": {"hours": 20, "week_start": 1, "week_end": 4},
        "res:c": {"hours": 5, "week_start": 3, "week_end": 3},
    }
    shared = remaining_hours({"week": 3, "hours": 10.0, "items": ["res:a", "res:c"]}, items, set())
    assert shared == {"res:a": 5.0, "res:c": 5.0}
    assert remaining_hours({"week": 3, "hours": 10.0, "items": ["res:a", "res:c"]}, items, {"res:c"}) == {"res:a": 5.0}


def test_a_milestone_event_carries_its_note_and_the_calendar_speaks_chinese() -> None:
    weeks = [{"week": 2, "start": MON, "hours": 3.0, "items": ["线性代数", "概率论"]}]
    milestones = [
        {
            "id": "ready",
            "title": "可以开始申请",
            "date": MON + timedelta(days=6),
            "skills": ["MLOps"],
            "note": "预测：第 9 周",
        }
    ]
    now = datetime(2026, 12, 1, 12, tzinfo=UTC)
    data = calendar_ics(
        weeks, milestones, plan_version=1, at=time(19), block_hours=2, now=now, title="mlroute：Alex", lang="zh"
    )
    events = list(Calendar.from_ical(data).walk("VEVENT"))
    assert str(events[0]["summary"]) == "学习：线性代数（另 1 项）"
    assert str(events[0]["description"]).startswith("mlroute 计划第 2 周，共 3 小时：")
    assert str(events[-1]["summary"]) == "里程碑 · 可以开始申请"
    assert str(events[-1]["description"]) == "技能：MLOps\n预测：第 9 周"
