"""Tracking commands: log, done, start, skip, status, replan, history, journal, evidence, review, export,
backup, restore.

Thin: parse, call ``mlroute.services.tracking``, render. The service is imported inside each command so that
``mlroute log`` does not pay for anything it does not use.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from mlroute.cli.common import JsonOpt, console, emit

journal_app = typer.Typer(
    help="Your learning journal: design notes, insights, challenges, solutions, feedback.", no_args_is_help=True
)
evidence_app = typer.Typer(help="Links that show your work: repositories, posts, talks.", no_args_is_help=True)
export_app = typer.Typer(
    help="Documents: transition plan, learning log, portfolio checklist, calendar.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    for name, fn in (
        ("log", log_cmd),
        ("done", done_cmd),
        ("start", start_cmd),
        ("skip", skip_cmd),
        ("status", status_cmd),
        ("replan", replan_cmd),
        ("history", history_cmd),
        ("review", review_cmd),
        ("backup", backup_cmd),
        ("restore", restore_cmd),
    ):
        app.command(name)(fn)
    app.add_typer(journal_app, name="journal")
    app.add_typer(evidence_app, name="evidence")
    app.add_typer(export_app, name="export")


def _svc() -> Any:
    from mlroute.services import tracking

    return tracking


# ---- logging and status --------------------------------------------------------------------------------------


def log_cmd(
    duration: str = typer.Argument(..., help="How long: 90m, 1h30m, 2h, 1.5h."),
    item: str = typer.Option(..., "--item", "-i", help="The plan item, e.g. res:fastai-practical-dl."),
    note: str | None = typer.Option(None, "--note", "-n", help="What you did or noticed."),
    day: str | None = typer.Option(None, "--date", "-d", help="YYYY-MM-DD, 'today' (default) or 'yesterday'."),
    as_json: bool = JsonOpt,
) -> None:
    """Log a study session on a plan item."""
    result = _svc().log(duration, item, note=note, day=day)

    def render(r: dict[str, Any]) -> None:
        planned = f" of {r['item_hours_planned']:g} h" if r["item_hours_planned"] else ""
        console.print(
            f"[green]✓[/] logged {r['duration']} on [bold]{r['title']}[/] ({r['day']}) · "
            f"{r['item_hours_logged']:g} h{planned} so far",
            highlight=False,
        )
        if r["started"]:
            console.print(f"  {r['item']} is now in progress.", highlight=False)

    emit(result, as_json, render)


def _status_change(result: dict[str, Any], as_json: bool) -> None:
    def render(r: dict[str, Any]) -> None:
        word = {"done": "done", "doing": "in progress", "skipped": "skipped"}[r["status"]]
        extra = f" ({r['reason']})" if r.get("reason") else ""
        same = " (it already was)" if r["previous"] == r["status"] else ""
        console.print(f"[green]✓[/] [bold]{r['title']}[/] is {word}{extra}{same}.", highlight=False)
        if r.get("review_due"):
            console.print(
                f"  First review due {r['review_due'][:10]}: mlroute review {r['item']} --rating good", highlight=False
            )

    emit(result, as_json, render)


def done_cmd(item: str = typer.Argument(..., help="The plan item you finished."), as_json: bool = JsonOpt) -> None:
    """Mark an item done."""
    _status_change(_svc().done(item), as_json)


def start_cmd(item: str = typer.Argument(..., help="The plan item you are starting."), as_json: bool = JsonOpt) -> None:
    """Mark an item in progress."""
    _status_change(_svc().start(item), as_json)


def skip_cmd(
    item: str = typer.Argument(..., help="The plan item to skip."),
    reason: str = typer.Option("known", "--reason", "-r", help="Why: 'known' (you already know it) or your words."),
    as_json: bool = JsonOpt,
) -> None:
    """Skip an item (e.g. what you already know); the next replan drops it and counts its skills as covered."""
    _status_change(_svc().skip(item, reason=reason), as_json)


def _band(eta: dict[str, Any]) -> str:
    return f"{eta['p50']:g} weeks [dim]({eta['p10']:g}–{eta['p90']:g})[/]"


def status_cmd(as_json: bool = JsonOpt) -> None:
    """Progress, this week against plan, streak, ETA at the start and now, and what is next."""

    def render(r: dict[str, Any]) -> None:
        from rich.table import Table

        who = f"{r['name']} → " if r["name"] else ""
        console.print(
            f"[bold]{who}{r['target_role']}[/] · "
            + (f"week {r['week']}" if r["week"] else f"starts {r['started_on']}")
            + f" · plan v{r['plan_version']}",
            highlight=False,
        )
        bar_len = 30
        filled = round(r["progress"] * bar_len)
        console.print(
            f"progress  [green]{'█' * filled}[/][dim]{'░' * (bar_len - filled)}[/] {r['progress']:.0%}  "
            f"{r['items_done']}/{r['items_total']} items · {r['hours_logged']:g} h logged, "
            f"{r['hours_remaining']:g} h to go",
            highlight=False,
        )
        w = r["this_week"]
        console.print(f"this week {w['hours_logged']:g} h of {w['hours_planned']:g} h planned", highlight=False)
        s = r["streak"]
        console.print(
            f"streak    {s['current_days']} day(s) · {s['current_weeks']} week(s) "
            f"[dim](longest {s['longest_days']} days, {s['longest_weeks']} weeks)[/]",
            highlight=False,
        )
        p = r["pace"]
        observed = f"{p['observed']:g} h/week observed" if p["observed"] is not None else "nothing observed yet"
        console.print(
            f"pace      {p['hours_per_week']:g} h/week [dim]({observed}; planned {p['planned']:g})[/]", highlight=False
        )
        console.print(
            f"ETA       now {_band(r['eta_weeks'])} → {r['eta_dates']['p50']} · at the start "
            f"{_band(r['eta_weeks_initial'])}",
            highlight=False,
        )
        if r["next_items"]:
            t = Table(title="Next", title_justify="left", show_edge=False)
            for col in ("item", "title", "status", "week", "hours"):
                t.add_column(col)
            for it in r["next_items"]:
                hours = f"{it['hours_logged']:g}/{it['hours']:g}" if it["hours"] is not None else ""
                t.add_row(it["id"], it["title"], it["status"], str(it["week_start"] or ""), hours)
            console.print(t)
        if r["reviews_due"]:
            console.print("reviews due: " + ", ".join(c["item"] for c in r["reviews_due"]), highlight=False)

    emit(_svc().status(), as_json, render)


def replan_cmd(as_json: bool = JsonOpt) -> None:
    """Plan again from this week: keeps what is done, drops what you skipped, uses your observed pace."""

    def render(r: dict[str, Any]) -> None:
        console.print(
            f"[bold]Plan v{r['previous_version']} → v{r['plan_version']}[/] from week {r['week']} ({r['starts_on']})",
            highlight=False,
        )
        console.print(
            f"ETA {_band(r['eta_weeks_before'])} → {_band(r['eta_weeks_after'])} "
            f"[dim](at the start: {_band(r['eta_weeks_initial'])})[/]",
            highlight=False,
        )
        for reason in r["reasons"]:
            console.print(f"  · {reason}", highlight=False)
        ch = r["changes"]
        for label, key, color in (
            ("added", "added", "green"),
            ("removed", "removed", "red"),
            ("moved", "moved", "yellow"),
        ):
            if ch[key]:
                console.print(f"[{color}]{label} ({len(ch[key])})[/]")
                for it in ch[key][:15]:
                    where = f" week {it['from_week']}→{it['to_week']}" if key == "moved" else ""
                    console.print(f"  {it['id']}{where}: {it['why']}", highlight=False)
                if len(ch[key]) > 15:
                    console.print(f"  … and {len(ch[key]) - 15} more (--json lists all)")
        if not any(ch.values()):
            console.print("No items changed.")

    emit(_svc().replan(), as_json, render)


def history_cmd(as_json: bool = JsonOpt) -> None:
    """Every plan version and forecast so far."""

    def render(r: dict[str, Any]) -> None:
        for p in r["plans"]:
            pace = f", pace {p['pace']:g} h/week" if p["pace"] else ""
            console.print(
                f"v{p['version']} {p['created_at'][:10]} {p['reason']}: {p['items']} items, "
                f"ETA {p['eta_weeks']['p50']:g} weeks from {p['starts_on']}{pace} (kb {p['kb_version']})",
                highlight=False,
            )

    emit(_svc().history(), as_json, render)


def review_cmd(
    item: str = typer.Argument(..., help="A finished plan item."),
    rating: str = typer.Option(..., "--rating", help="How well you recalled it: again, hard, good, easy."),
    as_json: bool = JsonOpt,
) -> None:
    """Review a finished item; spaced repetition (FSRS) schedules the next review."""
    emit(
        _svc().review(item, rating),
        as_json,
        lambda r: console.print(f"[green]✓[/] next review of {r['item']} on {r['next_review'][:10]}", highlight=False),
    )


# ---- journal and evidence --------------------------------------------------------------------------------------


@journal_app.command("add")
def journal_add_cmd(
    text: str = typer.Argument(..., help="The entry."),
    kind: str = typer.Option("insight", "--kind", "-k", help="design-note, insight, challenge, solution or feedback."),
    tag: list[str] = typer.Option([], "--tag", "-t", help="A tag (repeat for more)."),
    item: list[str] = typer.Option([], "--item", "-i", help="A plan item it is about (repeat for more)."),
    day: str | None = typer.Option(None, "--date", "-d", help="YYYY-MM-DD (default today)."),
    as_json: bool = JsonOpt,
) -> None:
    """Add a journal entry."""
    emit(
        _svc().journal_add(text, kind=kind, tags=tag, items=item, day=day),
        as_json,
        lambda r: console.print(f"[green]✓[/] journal entry {r['id']} ({r['kind']}, {r['day']})", highlight=False),
    )


@journal_app.command("list")
def journal_list_cmd(
    kind: str | None = typer.Option(None, "--kind", "-k"),
    tag: str | None = typer.Option(None, "--tag", "-t"),
    item: str | None = typer.Option(None, "--item", "-i"),
    limit: int | None = typer.Option(None, "--limit", min=1, help="Only the latest N entries."),
    as_json: bool = JsonOpt,
) -> None:
    """List journal entries, oldest first."""

    def render(r: dict[str, Any]) -> None:
        if not r["entries"]:
            console.print('No journal entries yet: mlroute journal add "what I learned" --kind insight')
        for e in r["entries"]:
            tags = f" [dim]#{' #'.join(e['tags'])}[/]" if e["tags"] else ""
            items = f" [dim]({', '.join(e['items'])})[/]" if e["items"] else ""
            console.print(f"{e['day']} [bold]{e['kind']}[/] {e['text']}{tags}{items}", highlight=False)

    emit(_svc().journal_list(kind=kind, tag=tag, item=item, limit=limit), as_json, render)


@evidence_app.command("add")
def evidence_add_cmd(
    url: str = typer.Argument(..., help="https://… link to the repository, post or talk."),
    kind: str | None = typer.Option(
        None, "--kind", "-k", help="repository, post, talk, certificate or other (default: guessed from the link)."
    ),
    title: str | None = typer.Option(None, "--title"),
    item: str | None = typer.Option(None, "--item", "-i", help="The plan item it shows, e.g. a project."),
    as_json: bool = JsonOpt,
) -> None:
    """Add an evidence link."""
    emit(
        _svc().evidence_add(url, kind=kind, title=title, item=item),
        as_json,
        lambda r: console.print(f"[green]✓[/] {r['kind']} {r['url']} added", highlight=False),
    )


@evidence_app.command("list")
def evidence_list_cmd(as_json: bool = JsonOpt) -> None:
    """List evidence links."""

    def render(r: dict[str, Any]) -> None:
        for e in r["links"]:
            item = f" [dim]({e['item']})[/]" if e["item"] else ""
            console.print(f"{e['added']} [bold]{e['kind']}[/] {e['title'] or ''} {e['url']}{item}", highlight=False)
        if not r["links"]:
            console.print("No evidence yet: mlroute evidence add https://github.com/you/project --item proj:…")

    emit(_svc().evidence_list(), as_json, render)


# ---- documents, backup, restore ----------------------------------------------------------------------------------

OutOpt = typer.Option(..., "--output", "-o", help="The file to write.")
FormatOpt = typer.Option(None, "--format", "-f", help="md, html or pdf (default: from the file name).")


def _wrote(r: dict[str, Any]) -> None:
    console.print(f"[green]✓[/] wrote {r['path']} ({r['format']}, {r['bytes']:,} bytes)", highlight=False)


@export_app.command("transition-plan")
def export_transition_plan_cmd(output: Path = OutOpt, fmt: str | None = FormatOpt, as_json: bool = JsonOpt) -> None:
    """The transition plan for a 1:1 with your manager: goals, route, timeline, projects, asks, evidence."""
    emit(_svc().export_transition_plan(output, fmt=fmt), as_json, _wrote)


@export_app.command("learning-log")
def export_learning_log_cmd(output: Path = OutOpt, fmt: str | None = FormatOpt, as_json: bool = JsonOpt) -> None:
    """Your learning log, week by week: sessions, finished items, journal, evidence."""
    emit(_svc().export_learning_log(output, fmt=fmt), as_json, _wrote)


@export_app.command("portfolio")
def export_portfolio_cmd(output: Path = OutOpt, fmt: str | None = FormatOpt, as_json: bool = JsonOpt) -> None:
    """A portfolio checklist: each planned project with its rubric and the evidence so far."""
    emit(_svc().export_portfolio(output, fmt=fmt), as_json, _wrote)


@export_app.command("calendar")
def export_calendar_cmd(
    output: Path = OutOpt,
    at: str = typer.Option("19:00", "--at", help="When study blocks start (HH:MM, local time)."),
    block: str = typer.Option("2h", "--block", help="Length of one study block, e.g. 90m or 2h."),
    as_json: bool = JsonOpt,
) -> None:
    """Study blocks for each plan week and the milestones, as an iCalendar (.ics) file."""
    emit(
        _svc().export_calendar(output, at=at, block=block),
        as_json,
        lambda r: console.print(
            f"[green]✓[/] wrote {r['path']} ({r['events']} events over {r['weeks']} weeks)", highlight=False
        ),
    )


def backup_cmd(file: Path = typer.Argument(..., help="The JSON file to write."), as_json: bool = JsonOpt) -> None:
    """Write everything (profiles, plans, sessions, statuses, journal, evidence, forecasts, reviews) to JSON."""

    def render(r: dict[str, Any]) -> None:
        counts = ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in r["counts"].items() if n)
        console.print(f"[green]✓[/] backed up to {r['path']}: {counts or 'an empty database'}", highlight=False)

    emit(_svc().backup(file), as_json, render)


def restore_cmd(
    file: Path = typer.Argument(..., help="A file written by `mlroute backup`."),
    replace: bool = typer.Option(False, "--replace", help="Overwrite a database that already holds data."),
    as_json: bool = JsonOpt,
) -> None:
    """Restore a backup into an empty database (all or nothing)."""

    def render(r: dict[str, Any]) -> None:
        counts = ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in r["counts"].items() if n)
        console.print(f"[green]✓[/] restored {r['path']}: {counts}", highlight=False)

    emit(_svc().restore(file, replace=replace), as_json, render)
