"""``mlroute cohort …``: cohorts of a team server (create, list, put a learner in one, set the shared roadmap) and
the mentor's view of their mentees (``mlroute --user MENTOR cohort status``), the same figures as /cohort."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from mlroute.cli.common import JsonOpt, console, emit
from mlroute.cli.context import app_context
from mlroute.errors import UserError

if TYPE_CHECKING:
    from mlroute.services.cohort import CohortView
    from mlroute.services.cohorts import CohortInfo, CohortList

cohort_app = typer.Typer(help="Cohorts: learners with a mentor and a shared roadmap.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(cohort_app, name="cohort")


def _info(c: CohortInfo | None) -> None:
    if c is None:
        console.print("[green]✓[/] no cohort")
        return
    road = f"{c.role} via {c.route}" if c.role else "no shared roadmap yet"
    members = ", ".join(c.members) or "no members yet"
    console.print(f"[green]✓[/] {c.name} · mentor {c.mentor or '—'} · {road} · {members}", highlight=False)


@cohort_app.command("create")
def create_cmd(
    ctx: typer.Context,
    name: str = typer.Argument(...),
    mentor: str | None = typer.Option(None, "--mentor", help="The mentor who leads it and sets its roadmap."),
    as_json: bool = JsonOpt,
) -> None:
    """Create a cohort."""
    from mlroute.services.cohorts import create

    context = app_context(ctx)
    emit(create(context.database, name, mentor=mentor, actor=context.actor()), as_json, _info)


@cohort_app.command("list")
def list_cmd(ctx: typer.Context, as_json: bool = JsonOpt) -> None:
    """Every cohort with its mentor, roadmap and members."""
    from mlroute.services.cohorts import listing

    def render(r: CohortList) -> None:
        if not r.cohorts:
            console.print("No cohorts yet: mlroute cohort create NAME --mentor MENTOR")
        for c in r.cohorts:
            _info(c)

    emit(listing(app_context(ctx).database), as_json, render)


@cohort_app.command("add")
def add_cmd(
    ctx: typer.Context,
    cohort: str = typer.Argument(..., help="The cohort ('-' for none)."),
    learner: str = typer.Argument(...),
    as_json: bool = JsonOpt,
) -> None:
    """Put LEARNER in COHORT (a learner is in one cohort at most)."""
    from mlroute.services.cohorts import set_member

    context = app_context(ctx)
    result = set_member(context.database, None if cohort == "-" else cohort, learner, actor=context.actor())
    emit(result, as_json, _info)


@cohort_app.command("roadmap")
def roadmap_cmd(
    ctx: typer.Context,
    cohort: str = typer.Argument(...),
    role: str = typer.Option(..., "--role", help="A role id of the knowledge base, e.g. ml-engineer."),
    route: str = typer.Option(..., "--route", help="A route id: software, platform, data-science, from-zero…"),
    as_json: bool = JsonOpt,
) -> None:
    """Set the cohort's shared roadmap (its mentor, named with --user, or any admin account)."""
    from mlroute.services.cohorts import set_roadmap
    from mlroute.services.users import account_id, listing

    context = app_context(ctx)
    actor = context.actor()
    if context.settings.user:
        accounts = {a.username: a.role for a in listing(context.database).accounts}
        uid = account_id(context.database, context.settings.user)
        actor = actor.model_copy(update={"user_id": uid, "role": accounts.get(context.settings.user.lower())})
    else:
        actor = actor.model_copy(update={"role": "admin"})  # whoever holds the database administers it
    emit(set_roadmap(context.database, context.kb, cohort, role=role, route=route, actor=actor), as_json, _info)


@cohort_app.command("status")
def status_cmd(ctx: typer.Context, as_json: bool = JsonOpt) -> None:
    """Your mentees (mlroute --user MENTOR cohort status): progress, pace, ETA and drift, who is stuck and why."""
    from rich.table import Table

    from mlroute.services.cohort import cohort
    from mlroute.services.users import account_id

    context = app_context(ctx)
    name = context.settings.user
    if not name:
        raise UserError("Whose mentees? Name the mentor.", hint="mlroute --user MENTOR cohort status")

    def render(r: CohortView) -> None:
        table = Table("learner", "progress", "pace h/wk", "ETA", "drift", "last activity", "state", box=None)
        for m in r.learners:
            if not m.has_plan:
                table.add_row(m.username, "no plan yet", "", "", "", "", "")
                continue
            pace = f"{m.pace_observed or 0:.1f} / {m.pace_planned:.1f}"
            drift = f"{m.drift_weeks:+.1f} wk" if m.drift_weeks else "0"
            last = m.last_activity.strftime("%Y-%m-%d") if m.last_activity else "—"
            state = "on track"
            if m.stuck is not None:
                state = (
                    f"stuck: no session for {m.stuck.idle_days} days"
                    if m.stuck.kind == "no-session"
                    else f"stuck: {m.stuck.logged_hours:.1f} h in 4 weeks of {m.stuck.planned_hours:.0f} h planned"
                )
            table.add_row(m.username, f"{m.progress:.0%}", pace, str(m.eta), drift, last, state)
        console.print(table if r.learners else "No mentees assigned yet: mlroute users assign MENTOR LEARNER")

    uid = account_id(context.database, name)
    emit(cohort(context.database, uid, name.lower()), as_json, render)
