"""What the transition plan asks of its reader, and what the person promises in return.

The reader is the manager when the person has an employer (``Profile.has_employer``), else a mentor or study
partner. The rule for career steps:

* a step is asked of the reader only when the reader can give it — a task, a slot, a move, working time, an
  introduction, feedback — which is what ``ASKS`` lists for each reader;
* a step about the reader, or that is this document itself (``ABOUT_THE_READER``: finding a supportive manager,
  writing and discussing the transition plan, earning the manager's trust, keeping the manager informed; finding a
  mentor), is never asked of that reader; some of those become promises instead (``PROMISES``);
* every other step is the person's own work and is not mentioned among the asks.

The tables are disjoint and cover every step the knowledge base says needs an employer or is done at work
(tested), so a new career step in the knowledge base forces a decision here.

Time: hours given in working time (``hours_at_work``) are asked for as protected time, exactly those hours; study
in the person's own time is said to be so, and nothing more than flexibility around milestones is asked.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mlroute.export.words import tr, week_list, weeks

READERS = ("manager", "mentor")
ABOUT_THE_READER: dict[str, frozenset[str]] = {
    "manager": frozenset({"find-supportive-manager", "transition-plan", "earn-trust", "communicate-proactively"}),
    "mentor": frozenset({"find-mentor", "transition-plan"}),
}
ASKS: dict[str, tuple[str, ...]] = {
    "manager": (
        "find-mentor",
        "small-ml-tasks",
        "ml-platform-work",
        "internal-tech-talk",
        "performance-evaluation",
        "secondment",
        "hackathon",
        "expand-horizons",
    ),
    "mentor": (
        "join-ml-communities",
        "learn-in-public",
        "hackathon",
        "build-portfolio",
        "do-internships",
        "interview-prep",
        "network-and-referrals",
        "apply-for-jobs",
    ),
}
PROMISES: dict[str, tuple[str, ...]] = {
    "manager": ("communicate-proactively", "earn-trust", "learning-log"),
    "mentor": ("learning-log",),
}


def action_id(row: Mapping[str, Any]) -> str | None:
    prefix, _, rid = str(row["id"]).partition(":")
    return rid if prefix == "act" and row.get("kind") == "career_action" else None


def is_open(row: Mapping[str, Any]) -> bool:
    return row["status"] not in ("done", "skipped")


def checkin_weeks(ctx: Mapping[str, Any]) -> list[int]:
    """The schedule weeks of the ready-to-apply milestones still ahead."""
    now = int(ctx.get("week_now") or 0)
    return sorted({m["week"] for m in ctx["milestones"] if m["horizon"] == "ready" and m["week"] >= now})


def _time(ctx: Mapping[str, Any]) -> tuple[str | None, list[str]]:
    """The manager's time ask: exactly the hours at work as protected time; own-time study asks for none."""
    lang, person = ctx["lang"], ctx["person"]
    total, at_work = float(person["hours_per_week"]), float(person["hours_at_work"])
    if at_work > 0:
        ask = tr(lang, "a.protected", w=at_work, d=at_work / 5)
        if total > at_work:
            ask += tr(lang, "a.protected_rest", o=total - at_work)
        return None, [ask]
    milestones = checkin_weeks(ctx)
    flex = [tr(lang, "a.flex", weeks=week_list(lang, milestones))] if milestones else []
    return tr(lang, "a.own_time", h=total), flex


def _steps(ctx: Mapping[str, Any], reader: str) -> list[str]:
    lang, out = ctx["lang"], []
    for row in ctx["items"]:
        act = action_id(row)
        if act is None or not is_open(row) or act not in ASKS[reader] or act in ABOUT_THE_READER[reader]:
            continue
        work = tr(lang, "a.work", h=row["work_hours"]) if row.get("work_hours") else ""
        out.append(tr(lang, f"ask.{reader}.{act}", weeks=weeks(lang, row["week_start"], row["week_end"]), work=work))
    return out


def _projects(ctx: Mapping[str, Any], reader: str) -> list[str]:
    lang = ctx["lang"]
    return [
        tr(lang, f"a.project.{reader}", title=row["title"], weeks=weeks(lang, row["week_start"], row["week_end"]))
        for row in ctx["items"]
        if row["kind"] == "project" and is_open(row) and row["horizon"] == "ready"
    ]


def asks(ctx: Mapping[str, Any]) -> tuple[str | None, list[str]]:
    """(a sentence said before the asks, or None; the asks), for the document's reader."""
    lang, reader = ctx["lang"], ctx["reader"]
    intro, out = _time(ctx) if reader == "manager" else (None, [])
    out += _projects(ctx, reader)
    out += _steps(ctx, reader)
    if reader == "manager":
        cost = sum(float(r.get("cost_usd") or 0) for r in ctx["items"] if is_open(r))
        if cost > 0:
            out.append(tr(lang, "a.budget", usd=cost))
    milestones = checkin_weeks(ctx)
    if milestones:
        out.append(tr(lang, f"a.checkins.{reader}", weeks=week_list(lang, milestones)))
    return intro, out


def promises(ctx: Mapping[str, Any]) -> list[str]:
    """What the person commits to: their study hours, then the plan's steps that are promises to this reader."""
    lang, reader = ctx["lang"], ctx["reader"]
    out = [tr(lang, "c.study", h=float(ctx["person"]["hours_per_week"]))]
    planned = {action_id(r) for r in ctx["items"] if is_open(r)}
    out += [tr(lang, f"c.{act}") for act in PROMISES[reader] if act in planned]
    if reader == "mentor":
        out.append(tr(lang, "c.prepared"))
    return out
