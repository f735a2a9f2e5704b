"""A stored plan in the other language: the same plan, its words remade."""

from __future__ import annotations

import datetime as dt
import json
import re

from mlroute.kb import KBIndex
from mlroute.services import plan_text, planning, replan, study
from mlroute.services.current import current_plan
from mlroute.store import Store

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_an_english_plan_in_chinese_is_the_same_plan_in_chinese_words(kb: KBIndex) -> None:
    doc = json.loads(json.dumps(planning.build_plan(planning.demo_profile(), index=kb, lang="en").to_json()))
    out = plan_text.in_language(doc, kb, "zh")
    assert out.complete and out.lang == "zh" and out.plan["lang"] == "zh"
    assert plan_text.shape(out.plan) == plan_text.shape(doc)
    assert out.plan["eta_weeks"] == doc["eta_weeks"] and out.plan["weeks"] == doc["weeks"]
    for it in out.plan["items"]:
        assert CJK.search(it["why"]), it["id"]
    assert all(CJK.search(m["title"]) for m in out.plan["milestones"])
    assert CJK.search(out.plan["route_reason"])
    assert doc["lang"] == "en" and not CJK.search(doc["items"][0]["why"])  # the stored document is not changed
    back = plan_text.in_language(out.plan, kb, "en")
    assert back.plan["items"][0]["why"] == doc["items"][0]["why"]


def test_a_replanned_plan_with_observed_pace_and_finished_items_translates(demo_store: Store, kb: KBIndex) -> None:
    now = dt.datetime(2027, 2, 1, 20, tzinfo=dt.UTC)
    study.log(demo_store, "3h", "act:clarify-motivation", day="2026-12-08", today=now.date(), now=now)
    for week in range(8):  # about 6 h a week: an observed pace, lower than the 10 h stated
        day = (dt.date(2026, 12, 9) + dt.timedelta(weeks=week)).isoformat()
        study.log(demo_store, "6h", "res:google-mlcc", day=day, today=now.date(), now=now)
    study.done(demo_store, "act:clarify-motivation", now=now)
    replan.replan(demo_store, kb, today=now.date(), now=now)
    current = current_plan(demo_store)
    assert current is not None and current.plan["pacing"]["basis"] == "observed"
    out = plan_text.in_language(current.plan, kb, "zh")
    assert out.complete and plan_text.shape(out.plan) == plan_text.shape(current.plan)


def test_words_are_taken_only_for_items_the_rerun_made_the_same(kb: KBIndex) -> None:
    doc = json.loads(json.dumps(planning.build_plan(planning.demo_profile(), index=kb, lang="en").to_json()))
    doc["items"][0]["hours"] += 1  # as if the knowledge base changed since the plan was made
    out = plan_text.in_language(doc, kb, "zh")
    assert not out.complete and out.lang == "en"
    assert not CJK.search(out.plan["items"][0]["why"]) and CJK.search(out.plan["items"][1]["why"])
    assert out.plan["route_reason"] == doc["route_reason"]


def test_a_plan_already_in_the_language_is_returned_as_it_is(kb: KBIndex) -> None:
    doc = {"lang": "zh", "items": []}
    assert plan_text.in_language(doc, kb, "zh") == plan_text.Translated(plan=doc, lang="zh", complete=True)


def test_an_item_a_replan_left_out_gets_its_words_from_the_version_that_listed_it(
    demo_store: Store, kb: KBIndex
) -> None:
    now = dt.datetime(2027, 1, 20, 20, tzinfo=dt.UTC)
    study.done(demo_store, "act:clarify-motivation", now=now)
    replan.replan(demo_store, kb, lang="en", today=now.date(), now=now)
    item = plan_text.earlier_words(demo_store, kb, 1, "act:clarify-motivation", "zh")
    assert item is not None and CJK.search(item["why"]) and item["week_start"] == 1
    assert plan_text.earlier_words(demo_store, kb, 1, "res:not-there", "zh") is None
    assert plan_text.earlier_words(demo_store, kb, 9, "act:clarify-motivation", "zh") is None
