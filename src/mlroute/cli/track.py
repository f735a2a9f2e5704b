"""Tracking commands: log, start, done, skip, status, replan, history, review.

Thin: parse, call the service with the context's store, render. Services are imported inside each command so
that ``mlroute log`` imports only what logging needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import typer

from mlroute.cli.common import JsonOpt, console, emit, shown
from mlroute.cli.context import app_context

if TYPE_CHECKING:
    from mlroute.services.plans import History as PlanHistory
    from mlroute.services.replan import Added, Removed, Replanned
    from mlroute.services.results import Band
    from mlroute.services.status import Status
    from mlroute.services.study import Logged, StatusChange


def register(app: typer.Typer) -> None:
    for name, fn in (
        ("log", log_cmd),
        ("start", start_cmd),
        ("done", done_cmd),
        ("skip", skip_cmd),
        ("status", status_cmd),
        ("current", current_cmd),
        ("replan", replan_cmd),
        ("history", history_cmd),
        ("review", review_cmd),
    ):
        app.command(name)(fn)


def log_cmd(
    ctx: typer.Context,
    duration: str = typer.Argument(..., help="How long: 90m, 1h30m, 2h, 1.5h."),
    item: str = typer.Option(..., "--item", "-i", help="The plan item, e.g. res:fastai-practical-dl."),
    note: str | None = typer.Option(None, "--note", "-n", help="What you did or noticed."),
    day: str | None = typer.Option(None, "--date", "-d", help="YYYY-MM-DD, 'today' (default) or 'yesterday'."),
    as_json: bool = JsonOpt,
) -> None:
    """Log a study session on a plan item."""
    from mlroute.services import study

    def render(r: Logged) -> None:
        planned = f" of {r.item_hours_planned:g} h" if r.item_hours_planned else ""
        console.print(
            f"[green]✓[/] logged {r.duration} on [bold]{r.title}[/] ({r.day}) · "
            f"{r.item_hours_logged:g} h{planned} so far",
            highlight=False,
        )
        if r.started:
            console.print(f"  {r.item} is now in progress.", highlight=False)

    emit(study.log(app_context(ctx).store, duration, item, note=note, day=day), as_json, render)


def _status_change(result: StatusChange, as_json: bool) -> None:
    def render(r: StatusChange) -> None:
        word = {"done": "done", "doing": "in progress", "skipped": "skipped"}[r.status]
        extra = f" ({shown(r.reason)})" if r.reason else ""
        same = " (it already was)" if r.previous == r.status else ""
        console.print(f"[green]✓[/] [bold]{r.title}[/] is {word}{extra}{same}.", highlight=False)
        if r.review_due:
            console.print(
                f"  First review due {r.review_due[:10]}: mlroute review {r.item} --rating good", highlight=False
            )

    emit(result, as_json, render)


def done_cmd(
    ctx: typer.Context, item: str = typer.Argument(..., help="The plan item you finished."), as_json: bool = JsonOpt
) -> None:
    """Mark an item done."""
    from mlroute.services import study

    _status_change(study.done(app_context(ctx).store, item), as_json)


def start_cmd(
    ctx: typer.Context, item: str = typer.Argument(..., help="The plan item you are starting."), as_json: bool = JsonOpt
) -> None:
    """Mark an item in progress."""
    from mlroute.services import study

    _status_change(study.start(app_context(ctx).store, item), as_json)


def skip_cmd(
    ctx: typer.Context,
    item: str = typer.Argument(..., help="The plan item to skip."),
    reason: str = typer.Option("known", "--reason", "-r", help="Why: 'known' (you already know it) or your words."),
    as_json: bool = JsonOpt,
) -> None:
    """Skip an item (e.g. what you already know); the next replan drops it and counts its skills as covered."""
    from mlroute.services import study

    _status_change(study.skip(app_context(ctx).store, item, reason=reason), as_json)


def _band(eta: Band) -> str:
    return f"{eta.p50:g} weeks [dim]({eta.p10:g}–{eta.p90:g})[/]"


def render_status(r: Status) -> None:
    from rich.table import Table

    who = f"{shown(r.name)} → " if r.name else ""
    when = f"week {r.week}" if r.week else f"starts {r.started_on}"
    console.print(f"[bold]{who}{r.target_role}[/] · {when} · plan v{r.plan_version}", highlight=False)
    bar_len = 30
    filled = round(r.progress * bar_len)
    console.print(
        f"progress  [green]{'█' * filled}[/][dim]{'░' * (bar_len - filled)}[/] {r.progress:.0%}  "
        f"{r.items_done}/{r.items_total} items · {r.hours_logged:g} h logged, {r.hours_remaining:g} h to go",
        highlight=False,
    )
    w, s, p = r.this_week, r.streak, r.pace
    console.print(f"this week {w.hours_logged:g} h of {w.hours_planned:g} h planned", highlight=False)
    console.print(
        f"streak    {s.current_days} day(s) · {s.current_weeks} week(s) "
        f"[dim](longest {s.longest_days} days, {s.longest_weeks} weeks)[/]",
        highlight=False,
    )
    if p.basis == "observed":
        pace_line = (
            f"{p.hours_per_week:g} h/week observed over {p.weeks_observed:g} weeks [dim](planned {p.planned:g})[/]"
        )
    elif p.weeks_needed == 0:
        pace_line = (
            f"{p.planned:g} h/week as stated [dim](nothing logged in {p.weeks_observed:g} weeks: log your study "
            "to see your real pace)[/]"
        )
    else:
        so_far = f"{p.observed:g} h/week so far; " if p.observed is not None else ""
        pace_line = (
            f"{p.planned:g} h/week as stated [dim]({so_far}not enough data yet: "
            f"{p.weeks_needed:g} more week(s) before your observed pace is used)[/]"
        )
    console.print(f"pace      {pace_line}", highlight=False)
    console.print(
        f"ETA       ready to apply in {_band(r.eta_weeks)} → {r.eta_dates.p50} · "
        f"at the start {_band(r.eta_weeks_initial)}",
        highlight=False,
    )
    console.print(f"          everything, keep growing included: {_band(r.eta_weeks_grow)}", highlight=False)
    if r.next_items:
        t = Table(title="Next", title_justify="left", show_edge=False)
        for col in ("item", "title", "status", "week", "hours"):
            t.add_column(col)
        for it in r.next_items:
            hours = f"{it.hours_logged:g}/{it.hours:g}" if it.hours is not None else ""
            t.add_row(it.id, it.title, it.status, str(it.week_start or ""), hours)
        console.print(t)
    if r.reviews_due:
        console.print("reviews due: " + ", ".join(c.item for c in r.reviews_due), highlight=False)
    from mlroute.cli.interview_render import render_practice

    render_practice(r.drills, r.quiz_levels)


def status_cmd(ctx: typer.Context, as_json: bool = JsonOpt) -> None:
    """Progress, this week against plan, streak, ETA at the start and now, and what is next."""
    from mlroute.services.status import status

    app = app_context(ctx)
    emit(status(app.store, kb=app.kb_or_none()), as_json, render_status)


CURRENT_WORDS = {
    "en": (
        "Plan v{v} · journey began {d}",
        ("weeks", "item", "title", "status", "hours"),
        "from earlier versions, no longer in this plan ({n}):",
        {"todo": "todo", "doing": "doing", "done": "done", "skipped": "skipped"},
    ),
    "zh": (
        "计划 v{v} · 开始于 {d}",
        ("周", "编号", "名称", "状态", "小时"),
        "早先版本中有记录、本计划不再列出的（{n}）：",
        {"todo": "未开始", "doing": "进行中", "done": "已完成", "skipped": "已跳过"},
    ),
}


def render_current(doc: dict[str, Any]) -> None:
    """Each item of the current plan by its weeks (journey weeks), with status and hours; then finished items."""
    from rich.table import Table

    title, columns, finished_title, states = CURRENT_WORDS["zh" if doc.get("lang") == "zh" else "en"]
    offset = int(doc.get("offset_weeks", 0))
    t = Table(
        title=title.format(v=doc.get("plan_version"), d=doc.get("first_start_date")),
        title_justify="left",
        show_edge=False,
    )
    for col in columns:
        t.add_column(col)
    items = sorted(doc.get("items", []), key=lambda it: (it.get("week_start") or 0, it.get("order") or 0))
    for it in items:
        start, end = it.get("week_start"), it.get("week_end")
        weeks = f"{start + offset}–{end + offset}" if start is not None and end is not None else ""
        status = it.get("status", "todo")
        t.add_row(weeks, it["id"], it.get("title", ""), states.get(status, status), f"{it.get('hours', 0):g}")
    console.print(t)
    _print_quiz_levels(doc)
    finished = doc.get("finished", [])
    if finished:
        console.print(f"[dim]{finished_title.format(n=len(finished))}[/]")
        for f in finished:
            console.print(f"  {states.get(f['status'], f['status'])} {f['id']}  {f['title']}", highlight=False)


def _print_quiz_levels(doc: dict[str, Any]) -> None:
    """The levels the plan took from quizzes, with their dates, under the table."""
    from mlroute.plan.explain_levels import evidenced_note

    note = evidenced_note(doc, "zh" if doc.get("lang") == "zh" else "en")
    if note:
        console.print(note, highlight=False)


def current_cmd(ctx: typer.Context, as_json: bool = JsonOpt) -> None:
    """The current plan with each item's status (the same document as GET /api/current-plan)."""
    from mlroute.services.current import current_document

    emit(current_document(app_context(ctx).store), as_json, render_current)


def render_replan(r: Replanned) -> None:
    from mlroute.services.replan import Moved

    console.print(
        f"[bold]Plan v{r.previous_version} → v{r.plan_version}[/] from week {r.week} ({r.starts_on})", highlight=False
    )
    console.print(
        f"ETA {_band(r.eta_weeks_before)} → {_band(r.eta_weeks_after)} "
        f"[dim](at the start: {_band(r.eta_weeks_initial)})[/]",
        highlight=False,
    )
    for reason in r.reasons:
        console.print(f"  · {reason}", highlight=False)
    ch = r.changes
    lists: tuple[tuple[str, Sequence[Added | Removed | Moved], str], ...] = (
        ("added", ch.added, "green"),
        ("removed", ch.removed, "red"),
        ("moved", ch.moved, "yellow"),
    )
    for label, rows, color in lists:
        if not rows:
            continue
        console.print(f"[{color}]{label} ({len(rows)})[/]")
        for it in rows[:15]:
            where = f" week {it.from_week}→{it.to_week}" if isinstance(it, Moved) else ""
            console.print(f"  {it.id}{where}: {it.why}", highlight=False)
        if len(rows) > 15:
            console.print(f"  … and {len(rows) - 15} more (--json lists all)")
    if r.unchanged:
        console.print("Nothing new since the last plan: the plan stays as it is.")
    elif not (ch.added or ch.removed or ch.moved):
        console.print("No items changed.")


def replan_cmd(
    ctx: typer.Context,
    pace: str = typer.Option(
        "auto",
        "--pace",
        help="Pack the weeks at your observed pace or your stated hours (auto: observed once 4 weeks are logged).",
    ),
    as_json: bool = JsonOpt,
) -> None:
    """Plan again from this week: keeps what is done, drops what you skipped, uses your observed pace."""
    from mlroute.services.replan import replan

    app = app_context(ctx)
    emit(replan(app.store, app.kb, use=pace.strip().lower()), as_json, render_replan)


def history_cmd(ctx: typer.Context, as_json: bool = JsonOpt) -> None:
    """Every plan version and forecast so far."""
    from mlroute.services.plans import history

    def render(r: PlanHistory) -> None:
        for p in r.plans:
            pace = f", packed at {p.pace:g} h/week observed" if p.pace else ""
            console.print(
                f"v{p.version} {p.created_at.date()} {p.reason}: {p.items} items from {p.starts_on}{pace} "
                f"(kb {p.kb_version})",
                highlight=False,
            )
        for f in r.forecasts:
            console.print(
                f"  {f.created_at.date()} plan v{f.plan_version}: ready in {_band(f.eta_weeks)} "
                f"[dim]({f.hours_logged:g} h logged)[/]",
                highlight=False,
            )

    emit(history(app_context(ctx).store), as_json, render)


def review_cmd(
    ctx: typer.Context,
    item: str = typer.Argument(..., help="A finished plan item."),
    rating: str = typer.Option(..., "--rating", help="How well you recalled it: again, hard, good, easy."),
    as_json: bool = JsonOpt,
) -> None:
    """Review a finished item; spaced repetition (FSRS) schedules the next review."""
    from mlroute.services.reviews import review

    emit(
        review(app_context(ctx).store, item, rating),
        as_json,
        lambda r: console.print(f"[green]✓[/] next review of {r.item} on {r.next_review[:10]}", highlight=False),
    )
