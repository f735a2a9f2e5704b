"""Progress over the plan's scope: done, doing, skipped, partial time, items finished under older plans."""

from __future__ import annotations

from datetime import date

from mlroute.track.progress import LoggedSession, plan_order, progress
from tests.track.sample import sample_plan

D = date(2026, 12, 8)


def test_nothing_done_yet() -> None:
    items = sample_plan()["items"]
    p = progress(items, {}, [], {})
    assert (p.items_total, p.items_done, p.hours_logged, p.fraction) == (6, 0, 0.0, 0.0)
    assert p.hours_total == p.hours_remaining == 160.0
    assert p.next == [
        "act:find-a-mentor",
        "res:python-course",
        "res:linear-algebra",
        "res:ml-course",
        "res:hung-yi-lee-ml",
    ]


def test_done_skipped_and_partial_time() -> None:
    items = sample_plan()["items"]
    statuses = {"res:python-course": "done", "res:linear-algebra": "skipped", "res:ml-course": "doing"}
    sessions = [LoggedSession(D, 600, "res:python-course"), LoggedSession(D, 300, "res:ml-course")]
    p = progress(items, statuses, sessions, {})
    assert p.items_total == 5  # the skipped item is out of scope
    assert (p.items_done, p.items_doing, p.items_skipped) == (1, 1, 1)
    assert p.hours_logged == 15.0
    # remaining: mentor 2 + ml 50-5 + lee 26 + project 40
    assert p.hours_remaining == 113.0
    assert p.hours_total == 136.0
    assert p.fraction == round(23 / 136, 4)
    assert p.next[0] == "res:ml-course"  # what is in progress comes first
    assert "res:linear-algebra" not in p.next and "res:python-course" not in p.next


def test_time_beyond_an_items_hours_does_not_count_twice() -> None:
    items = sample_plan()["items"]
    p = progress(items, {}, [LoggedSession(D, 60 * 100, "act:find-a-mentor")], {})
    assert p.hours_remaining == 158.0


def test_items_done_under_an_earlier_plan_still_count() -> None:
    items = [it for it in sample_plan()["items"] if it["id"] != "res:python-course"]
    p = progress(items, {"res:python-course": "done"}, [], {"res:python-course": 18.0})
    assert (p.items_total, p.items_done, p.hours_total) == (6, 1, 160.0)


def test_plan_order_is_by_weeks_then_plan_order() -> None:
    items = [
        {"id": "b", "week_start": 2, "week_end": 3},
        {"id": "a", "week_start": 1, "week_end": 5},
        {"id": "c", "week_start": 2, "week_end": 3},
    ]
    assert [i["id"] for i in plan_order(items)] == ["a", "b", "c"]
