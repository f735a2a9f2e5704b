"""What a re-plan changed, on one calendar, and why."""

from __future__ import annotations

from mlroute.track.replan import diff, reasons
from tests.track.sample import ITEMS, sample_plan


def test_added_removed_and_moved_items_with_reasons() -> None:
    before = sample_plan()
    after_items = [row for row in ITEMS if row[0] not in ("res:python-course", "res:linear-algebra")]
    # the ML course stays at calendar week 4 (plan starts 2 weeks later, so plan week 2); the project moves
    after_items = [
        (
            i,
            k,
            t,
            (ws - 2 if i != "proj:tabular-app" else ws + 1 - 2),
            (we - 2 if i != "proj:tabular-app" else we - 1),
            h,
            c,
        )
        for i, k, t, ws, we, h, c in after_items
    ]
    after_items.append(("res:stats", "resource", "Statistics", 1, 2, 12, ["statistics"]))
    after = sample_plan(after_items)
    changes = diff(before, 0, after, 2, {"res:python-course": "done", "res:linear-algebra": "skipped"})
    assert [a["id"] for a in changes["added"]] == ["res:stats"]
    assert changes["added"][0]["week"] == 3
    assert changes["added"][0]["why"].startswith("Closes statistics")
    removed = {r["id"]: r["why"] for r in changes["removed"]}
    assert removed == {"res:python-course": "done", "res:linear-algebra": "skipped: you already know it"}
    assert [(m["id"], m["from_week"], m["to_week"]) for m in changes["moved"]] == [("proj:tabular-app", 11, 12)]
    assert changes["moved"][0]["why"] == "later by 1 week(s)"


def test_an_item_dropped_for_another_reason_says_so() -> None:
    before = sample_plan()
    after = sample_plan([row for row in ITEMS if row[0] != "res:hung-yi-lee-ml"])
    changes = diff(before, 0, after, 0, {})
    assert changes["removed"][0]["why"].startswith("no longer needed")
    assert changes["moved"] == [] and changes["added"] == []


def test_reasons_name_the_pace_progress_and_kb_change() -> None:
    common = {"weeks": 5.0, "need": 4.0, "chose_stated": False, "kb_before": "1"}
    out = reasons(pace=6.2, planned=10, done=2, skipped=1, kb_after="2", **common)
    assert out[0].startswith("your observed pace, 6.2 h a week over 5 weeks, is slower than the 10 h you planned")
    assert "re-packed at 6.2 h" in out[0]
    assert any("2 item(s) done" in r for r in out)
    assert any("1 item(s) skipped" in r for r in out)
    assert out[-1] == "knowledge base updated from 1 to 2"
    early = reasons(pace=None, planned=10, done=0, skipped=0, kb_after="1", **{**common, "weeks": 1.5})
    assert early == ["not enough data yet for an observed pace (1.5 of 4 weeks): the weeks keep your stated 10 h"]
    assert "on plan" in reasons(pace=10.2, planned=10, done=0, skipped=0, kb_after="1", **common)[0]
    zh = reasons(pace=6.2, planned=10, done=2, skipped=0, kb_after="1", lang="zh", **common)
    assert "慢于" in zh[0] and "已完成 2 项" in zh[1]
