"""What a re-plan changed, and why: items added, removed and moved, and the ETA before and after.

Weeks are compared on one calendar: each plan's weeks are shifted by the weeks between the first plan's start
and its own start, so an item that stays put on the calendar is not reported as moved.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mlroute.catalog import Catalog

T: dict[str, tuple[str, str]] = {
    "done": ("done", "已完成"),
    "skipped": ("skipped: you already know it", "已跳过：你已掌握"),
    "not_needed": (
        "no longer needed: its gaps are covered by what is done or by other items",
        "不再需要：它要补齐的差距已由已完成的内容或其他内容覆盖",
    ),
    "later": ("later by {n} week(s)", "推迟 {n} 周"),
    "earlier": ("earlier by {n} week(s)", "提前 {n} 周"),
    "slower": (
        "your observed pace, {pace:.1f} h a week over {weeks:g} weeks, is slower than the {planned:g} h you planned, "
        "so the weeks are re-packed at {pace:.1f} h",
        "你实际的学习速度（{weeks:g} 周内平均每周 {pace:.1f} 小时）慢于计划的每周 {planned:g} 小时，"
        "因此按每周 {pace:.1f} 小时重新排期",
    ),
    "faster": (
        "your observed pace, {pace:.1f} h a week over {weeks:g} weeks, is faster than the {planned:g} h you planned, "
        "so the weeks are re-packed at {pace:.1f} h",
        "你实际的学习速度（{weeks:g} 周内平均每周 {pace:.1f} 小时）快于计划的每周 {planned:g} 小时，"
        "因此按每周 {pace:.1f} 小时重新排期",
    ),
    "on_pace": (
        "your observed pace, {pace:.1f} h a week, is on plan ({planned:g} h)",
        "你实际的学习速度（每周 {pace:.1f} 小时）与计划一致（每周 {planned:g} 小时）",
    ),
    "nothing_logged": (
        "nothing logged since the plan began ({weeks:g} weeks): the weeks keep your stated {planned:g} h; log your "
        "study to see your real pace",
        "计划开始以来（{weeks:g} 周）还没有记录学习：仍按你填写的每周 {planned:g} 小时排期；记录学习后才能看到实际速度",
    ),
    "sparse": (
        "your log covers {logged} of the {weeks} weeks since the plan began, too few to judge your pace: the weeks "
        "keep your stated {planned:g} h (re-plan with --pace observed if the log is complete)",
        "计划开始以来的 {weeks} 周里只有 {logged} 周有学习记录，不足以判断你的实际速度：仍按你填写的每周 {planned:g} "
        "小时排期（如果记录是完整的，可以用 --pace observed 重新规划）",
    ),
    "stated": (
        "not enough data yet for an observed pace ({weeks:g} of {need:g} weeks): the weeks keep your stated "
        "{planned:g} h",
        "数据还不足以得出实际学习速度（已有 {weeks:g} 周，需要 {need:g} 周）：仍按你填写的每周 {planned:g} 小时排期",
    ),
    "chose_stated": (
        "re-packed at your stated {planned:g} h a week, as you asked",
        "按你的要求，以填写的每周 {planned:g} 小时重新排期",
    ),
    "done_n": (
        "{n} item(s) done: kept in your history, their skills count as covered",
        "已完成 {n} 项：保留在历史中，其技能视为已掌握",
    ),
    "skipped_n": (
        "{n} item(s) skipped as already known: their skills count as covered",
        "已跳过 {n} 项（已掌握）：其技能视为已掌握",
    ),
    "kb": ("knowledge base updated from {a} to {b}", "知识库已从 {a} 更新到 {b}"),
    "unchanged": (
        "nothing new since the last plan: the plan stays as it is",
        "自上次计划以来没有新情况：计划保持不变",
    ),
}


tr = Catalog(T).tr


def _reason_removed(item_id: str, statuses: Mapping[str, str], lang: str) -> str:
    status = statuses.get(item_id)
    if status == "done":
        return tr(lang, "done")
    if status == "skipped":
        return tr(lang, "skipped")
    return tr(lang, "not_needed")


def diff(
    before: dict[str, Any],
    before_offset: int,
    after: dict[str, Any],
    after_offset: int,
    statuses: Mapping[str, str],
    lang: str = "en",
) -> dict[str, list[dict[str, Any]]]:
    """``*_offset``: weeks from the first plan's start to this plan's week 1."""
    old = {it["id"]: it for it in before.get("items", [])}
    new = {it["id"]: it for it in after.get("items", [])}
    added = [
        {
            "id": i,
            "title": it.get("title", i),
            "week": it.get("week_start", 0) + after_offset,
            "why": it.get("why", ""),
        }
        for i, it in new.items()
        if i not in old
    ]
    removed = [
        {"id": i, "title": it.get("title", i), "why": _reason_removed(i, statuses, lang)}
        for i, it in old.items()
        if i not in new
    ]
    moved = []
    for i, it in new.items():
        if i not in old:
            continue
        was = old[i].get("week_start", 0) + before_offset
        now = it.get("week_start", 0) + after_offset
        if was != now:
            moved.append(
                {
                    "id": i,
                    "title": it.get("title", i),
                    "from_week": was,
                    "to_week": now,
                    "why": tr(lang, "later" if now > was else "earlier", n=abs(now - was)),
                }
            )
    moved.sort(key=lambda m: (-abs(m["to_week"] - m["from_week"]), m["to_week"], m["id"]))
    return {"added": added, "removed": removed, "moved": moved}


def reasons(
    *,
    pace: float | None,
    planned: float,
    weeks: float,
    need: float,
    chose_stated: bool,
    sparse: tuple[int, int] | None = None,
    done: int,
    skipped: int,
    kb_before: str,
    kb_after: str,
    lang: str = "en",
) -> list[str]:
    """The causes of a re-plan's changes, in words, in the plan's language."""
    out: list[str] = []
    if chose_stated:
        out.append(tr(lang, "chose_stated", planned=planned))
    elif pace is None and sparse is not None:
        out.append(tr(lang, "sparse", logged=sparse[0], weeks=sparse[1], planned=planned))
    elif pace is None and weeks >= need:
        out.append(tr(lang, "nothing_logged", weeks=round(weeks, 1), planned=planned))
    elif pace is None:
        out.append(tr(lang, "stated", weeks=round(weeks, 1), need=need, planned=planned))
    elif abs(pace - planned) >= 0.05 * planned:
        out.append(
            tr(lang, "slower" if pace < planned else "faster", pace=pace, weeks=round(weeks, 1), planned=planned)
        )
    else:
        out.append(tr(lang, "on_pace", pace=pace, planned=planned))
    if done:
        out.append(tr(lang, "done_n", n=done))
    if skipped:
        out.append(tr(lang, "skipped_n", n=skipped))
    if kb_before != kb_after:
        out.append(tr(lang, "kb", a=kb_before, b=kb_after))
    return out
