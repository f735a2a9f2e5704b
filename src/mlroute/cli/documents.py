"""``mlroute export …``, ``mlroute backup`` and ``mlroute restore``: documents and the whole database as files.

The services render bytes; these commands write them to the file named (atomically) and report what they wrote.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from mlroute.cli.common import JsonOpt, console, emit
from mlroute.cli.context import app_context
from mlroute.cli.words import tr

if TYPE_CHECKING:
    from mlroute.services.backup import Restored
    from mlroute.services.documents import Written

export_app = typer.Typer(
    help="Documents: transition plan, learning log, portfolio checklist, calendar.", no_args_is_help=True
)
OutOpt = typer.Option(..., "--output", "-o", help="The file to write.")
FormatOpt = typer.Option(None, "--format", "-f", help="md, html or pdf (default: from the file name).")
LangOpt = typer.Option(None, "--lang", help="en or zh: the document's language (default: your plan's).")


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")
    app.command("backup")(backup_cmd)
    app.command("restore")(restore_cmd)


def _wrote(r: Written, lang: str) -> None:
    console.print(tr(lang, "doc.wrote", path=r.path, format=r.format, size=r.bytes), highlight=False)


def _lang(ctx: typer.Context, lang: str | None) -> str:
    """The language the document is written in: ``--lang``, else the current plan's."""
    return app_context(ctx).reading(lang).lang


def _export(ctx: typer.Context, name: str, output: Path, fmt: str | None, lang: str | None, as_json: bool) -> None:
    from mlroute.services import documents

    chosen = documents.format_of(output, fmt)
    documents.check_lang(lang)
    app = app_context(ctx)
    rendered = documents.RENDERERS[name](app.store, app.kb_or_none(), chosen, font=app.settings.pdf_font, lang=lang)
    emit(documents.save(output, rendered), as_json, lambda r: _wrote(r, _lang(ctx, lang)))


@export_app.command("transition-plan")
def export_transition_plan_cmd(
    ctx: typer.Context,
    output: Path = OutOpt,
    fmt: str | None = FormatOpt,
    lang: str | None = LangOpt,
    as_json: bool = JsonOpt,
) -> None:
    """The transition plan for a 1:1 with your manager, or a mentor: goals, route, timeline, asks, evidence."""
    _export(ctx, "transition-plan", output, fmt, lang, as_json)


@export_app.command("learning-log")
def export_learning_log_cmd(
    ctx: typer.Context,
    output: Path = OutOpt,
    fmt: str | None = FormatOpt,
    lang: str | None = LangOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Your learning log, week by week: sessions, finished items, journal, evidence."""
    _export(ctx, "learning-log", output, fmt, lang, as_json)


@export_app.command("portfolio")
def export_portfolio_cmd(
    ctx: typer.Context,
    output: Path = OutOpt,
    fmt: str | None = FormatOpt,
    lang: str | None = LangOpt,
    as_json: bool = JsonOpt,
) -> None:
    """A portfolio checklist: each planned project with its rubric and the evidence so far."""
    _export(ctx, "portfolio", output, fmt, lang, as_json)


@export_app.command("calendar")
def export_calendar_cmd(
    ctx: typer.Context,
    output: Path = OutOpt,
    at: str = typer.Option("19:00", "--at", help="When study blocks start (HH:MM, local time)."),
    block: str = typer.Option("2h", "--block", help="Length of one study block, e.g. 90m or 2h."),
    lang: str | None = LangOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Study blocks for what is left of each plan week, and the milestones, as an iCalendar (.ics) file."""
    from mlroute.services import documents

    app = app_context(ctx)
    rendered = documents.calendar(app.store, app.kb_or_none(), at=at, block=block, lang=lang)
    emit(
        documents.save(output, rendered),
        as_json,
        lambda r: console.print(
            tr(_lang(ctx, lang), "doc.calendar", path=r.path, events=r.events, weeks=r.weeks), highlight=False
        ),
    )


def _counts(counts: dict[str, int] | None) -> str:
    return ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in (counts or {}).items() if n)


def backup_cmd(
    ctx: typer.Context, file: Path = typer.Argument(..., help="The JSON file to write."), as_json: bool = JsonOpt
) -> None:
    """Write everything (profiles, plans, sessions, statuses, journal, evidence, forecasts, reviews) to JSON."""
    from mlroute.services import backup, documents

    def render(r: Written) -> None:
        console.print(f"[green]✓[/] backed up to {r.path}: {_counts(r.counts) or 'an empty database'}", highlight=False)

    emit(documents.save(file, backup.backup(app_context(ctx).store)), as_json, render)


def restore_cmd(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="A file written by `mlroute backup`."),
    replace: bool = typer.Option(False, "--replace", help="Overwrite a database that already holds data."),
    as_json: bool = JsonOpt,
) -> None:
    """Restore a backup into an empty database (all or nothing)."""
    from mlroute.services import backup

    def render(r: Restored) -> None:
        console.print(f"[green]✓[/] restored {r.path}: {_counts(r.counts)}", highlight=False)

    source = str(file.expanduser())
    tables = backup.parse(backup.read_backup_file(file), source=source)
    emit(backup.restore(app_context(ctx).store, tables, source=source, replace=replace), as_json, render)
