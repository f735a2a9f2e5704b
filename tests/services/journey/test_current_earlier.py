"""Finished work stays in view: items a re-plan left out come with the current plan, as their last plan had them."""

from __future__ import annotations

import datetime as dt

from mlroute.kb import KBIndex
from mlroute.services import replan, study
from mlroute.services.current import current_plan
from mlroute.store import Store

NOW = dt.datetime(2027, 1, 20, 20, tzinfo=dt.UTC)


def test_items_finished_before_a_replan_come_back_with_their_status_and_weeks(demo_store: Store, kb: KBIndex) -> None:
    first = current_plan(demo_store)
    assert first is not None and first.earlier == []
    study.done(demo_store, "act:clarify-motivation", now=NOW)
    study.skip(demo_store, "res:google-mlcc", now=NOW)
    replan.replan(demo_store, kb, today=NOW.date(), now=NOW)
    now = current_plan(demo_store)
    assert now is not None and now.plan_version == 2
    listed = {it["id"] for it in now.plan["items"]}
    assert "act:clarify-motivation" not in listed
    earlier = {e.item["id"]: e for e in now.earlier}
    assert set(earlier) == {"act:clarify-motivation", "res:google-mlcc"}
    finished = earlier["act:clarify-motivation"]
    assert finished.plan_version == 1 and finished.offset == 0 and finished.lang == "en"
    week_one = next(it for it in first.plan["items"] if it["id"] == "act:clarify-motivation")
    assert finished.item == week_one
    assert now.statuses["res:google-mlcc"] == "skipped"
