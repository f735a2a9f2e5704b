"""Tracking commands: log, start, done, skip, undo, status, current, replan, history, review.

Thin: parse, call the service with the context's store, render (``cli.render_track``) in the plan's language or
``--lang``'s. Services are imported inside each command so that ``mlroute log`` imports only what logging needs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import typer

from mlroute.cli.common import JsonOpt, emit
from mlroute.cli.context import app_context
from mlroute.cli.words import check

LangOpt = typer.Option(None, "--lang", help="en or zh: the language of what is printed (default: your plan's).")
R = TypeVar("R")


def register(app: typer.Typer) -> None:
    for name, fn in (
        ("log", log_cmd),
        ("start", start_cmd),
        ("done", done_cmd),
        ("skip", skip_cmd),
        ("undo", undo_cmd),
        ("status", status_cmd),
        ("current", current_cmd),
        ("replan", replan_cmd),
        ("history", history_cmd),
        ("review", review_cmd),
    ):
        app.command(name)(fn)


def _show(ctx: typer.Context, result: R, as_json: bool, lang: str | None, render: Callable[[R, str], None]) -> None:
    """``--json`` as it is; for people, ``render`` in the language ``--lang`` names, else the current plan's."""
    emit(result, as_json, lambda r: render(r, app_context(ctx).reading(lang).lang))


def log_cmd(
    ctx: typer.Context,
    duration: str = typer.Argument(..., help="How long: 90m, 1h30m, 2h, 1.5h."),
    item: str = typer.Option(..., "--item", "-i", help="The plan item, e.g. res:fastai-practical-dl."),
    note: str | None = typer.Option(None, "--note", "-n", help="What you did or noticed."),
    day: str | None = typer.Option(None, "--date", "-d", help="YYYY-MM-DD, 'today' (default) or 'yesterday'."),
    lang: str | None = LangOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Log a study session on a plan item."""
    from mlroute.cli.render_track import render_logged
    from mlroute.services import study

    check(lang)
    _show(ctx, study.log(app_context(ctx).store, duration, item, note=note, day=day), as_json, lang, render_logged)


def done_cmd(
    ctx: typer.Context,
    item: str = typer.Argument(..., help="The plan item you finished."),
    lang: str | None = LangOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Mark an item done."""
    from mlroute.cli.render_track import render_change
    from mlroute.services import study

    check(lang)
    _show(ctx, study.done(app_context(ctx).store, item), as_json, lang, render_change)


def start_cmd(
    ctx: typer.Context,
    item: str = typer.Argument(..., help="The plan item you are starting."),
    lang: str | None = LangOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Mark an item in progress."""
    from mlroute.cli.render_track import render_change
    from mlroute.services import study

    check(lang)
    _show(ctx, study.start(app_context(ctx).store, item), as_json, lang, render_change)


def skip_cmd(
    ctx: typer.Context,
    item: str = typer.Argument(..., help="The plan item to skip."),
    reason: str = typer.Option("known", "--reason", "-r", help="Why: 'known' (you already know it) or your words."),
    lang: str | None = LangOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Skip an item (e.g. what you already know); the next replan drops it and counts its skills as covered."""
    from mlroute.cli.render_track import render_change
    from mlroute.services import study

    check(lang)
    _show(ctx, study.skip(app_context(ctx).store, item, reason=reason), as_json, lang, render_change)


def undo_cmd(
    ctx: typer.Context,
    item: str = typer.Argument(..., help="The item you marked done or skipped by mistake."),
    lang: str | None = LangOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Take back a done or a skip: the item is in progress again if you logged time on it, else to do."""
    from mlroute.cli.render_track import render_undo
    from mlroute.services import study

    check(lang)
    _show(ctx, study.undo(app_context(ctx).store, item), as_json, lang, render_undo)


def status_cmd(ctx: typer.Context, lang: str | None = LangOpt, as_json: bool = JsonOpt) -> None:
    """Progress, this week against plan, streak, ETA at the start and now, and what is next."""
    from mlroute.cli.render_track import render_status
    from mlroute.services.status import Status, status

    check(lang)
    app = app_context(ctx)

    def render(r: Status) -> None:
        reading = app.reading(lang)
        render_status(r, reading.lang, reading.role if reading.lang == "zh" else None)

    emit(status(app.store, kb=app.kb_or_none()), as_json, render)


def current_cmd(ctx: typer.Context, lang: str | None = LangOpt, as_json: bool = JsonOpt) -> None:
    """The current plan with each item's status (the same document as GET /api/current-plan)."""
    from mlroute.cli.render_track import render_current
    from mlroute.services.current import current_document

    chosen = check(lang)
    emit(current_document(app_context(ctx).store), as_json, lambda d: render_current(d, chosen))


def replan_cmd(
    ctx: typer.Context,
    pace: str = typer.Option(
        "auto",
        "--pace",
        help="Pack the weeks at your observed pace or your stated hours (auto: observed once 4 weeks are logged).",
    ),
    lang: str | None = typer.Option(
        None, "--lang", help="en or zh: the new plan's language, and this summary's (default: the current plan's)."
    ),
    as_json: bool = JsonOpt,
) -> None:
    """Plan again from this week: keeps what is done, drops what you skipped, uses your observed pace."""
    from mlroute.cli.render_track import render_replan
    from mlroute.services.replan import replan

    chosen = check(lang)
    app = app_context(ctx)
    _show(ctx, replan(app.store, app.kb, use=pace.strip().lower(), lang=chosen), as_json, chosen, render_replan)


def history_cmd(ctx: typer.Context, lang: str | None = LangOpt, as_json: bool = JsonOpt) -> None:
    """Every plan version and forecast so far."""
    from mlroute.cli.render_track import render_history
    from mlroute.services.plans import history

    check(lang)
    _show(ctx, history(app_context(ctx).store), as_json, lang, render_history)


def review_cmd(
    ctx: typer.Context,
    item: str = typer.Argument(..., help="A finished plan item."),
    rating: str = typer.Option(..., "--rating", help="How well you recalled it: again, hard, good, easy."),
    lang: str | None = LangOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Review a finished item; spaced repetition (FSRS) schedules the next review."""
    from mlroute.cli.render_track import render_review
    from mlroute.services.reviews import review

    check(lang)
    _show(ctx, review(app_context(ctx).store, item, rating), as_json, lang, render_review)
