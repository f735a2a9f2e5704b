"""Finished work stays in view: the recorded items a re-plan left out come with the current plan, as the last plan
that listed them had them, in one list the pages, ``mlroute current --json`` and the documents share."""

from __future__ import annotations

import datetime as dt

from mlroute.kb import KBIndex
from mlroute.services import replan, study
from mlroute.services.current import current_plan
from mlroute.store import Store

NOW = dt.datetime(2027, 1, 20, 20, tzinfo=dt.UTC)


def test_items_finished_before_a_replan_come_back_with_their_status_and_weeks(demo_store: Store, kb: KBIndex) -> None:
    first = current_plan(demo_store)
    assert first is not None and first.finished == []
    study.done(demo_store, "act:clarify-motivation", now=NOW)
    study.skip(demo_store, "res:google-mlcc", now=NOW)
    replan.replan(demo_store, kb, today=NOW.date(), now=NOW)
    now = current_plan(demo_store)
    assert now is not None and now.plan_version == 2
    listed = {it["id"] for it in now.plan["items"]}
    assert "act:clarify-motivation" not in listed
    finished = {f.id: f for f in now.finished}
    assert set(finished) == {"act:clarify-motivation", "res:google-mlcc"}
    assert [f.id for f in now.finished] == sorted(finished, key=lambda i: (finished[i].week_start, i))
    done = finished["act:clarify-motivation"]
    assert (done.status, done.plan_version, done.offset, done.lang) == ("done", 1, 0, "en")
    week_one = next(it for it in first.plan["items"] if it["id"] == "act:clarify-motivation")
    assert done.item == week_one and done.title == week_one["title"]
    assert (done.week_start, done.week_end) == (week_one["week_start"], week_one["week_end"])
    assert finished["res:google-mlcc"].status == "skipped"


def test_an_item_taken_back_after_the_replan_stays_in_the_list_as_it_is_now(demo_store: Store, kb: KBIndex) -> None:
    study.log(demo_store, "90m", item="act:clarify-motivation", today=NOW.date(), now=NOW)
    study.done(demo_store, "act:clarify-motivation", now=NOW)
    replan.replan(demo_store, kb, today=NOW.date(), now=NOW)
    study.undo(demo_store, "act:clarify-motivation", now=NOW)
    now = current_plan(demo_store)
    assert now is not None
    (back,) = [f for f in now.finished if f.id == "act:clarify-motivation"]
    assert (back.status, back.hours_logged) == ("doing", 1.5)


def test_the_plan_document_lists_them_without_the_pages_copy_of_the_item(demo_store: Store, kb: KBIndex) -> None:
    study.done(demo_store, "act:clarify-motivation", now=NOW)
    replan.replan(demo_store, kb, today=NOW.date(), now=NOW)
    now = current_plan(demo_store)
    assert now is not None
    (row,) = now.document()["finished"]
    assert row["id"] == "act:clarify-motivation" and row["status"] == "done" and "item" not in row
    assert {"title", "kind", "hours", "hours_logged", "horizon", "week_start", "week_end", "plan_version"} <= set(row)
