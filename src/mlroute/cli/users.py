"""``mlroute users …``: the accounts of a team server (add, list, remove, reset a password, change a role, assign
a mentor) and the audit log of every such change. Whoever can run these against ``MLROUTE_DB`` administers the
team; each change is recorded with the account named by ``--user``/``MLROUTE_USER`` (else ``cli``) and the
system user who ran it.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from mlroute.cli.common import JsonOpt, console, emit
from mlroute.cli.context import app_context
from mlroute.errors import UserError

if TYPE_CHECKING:
    from mlroute.services.users import AccountAdded, AccountList, AuditLog, Changed

users_app = typer.Typer(help="Accounts of a team server: learners, mentors and admins.", no_args_is_help=True)
PasswordStdin = typer.Option(
    False, "--password-stdin", help="Read the password from the first line of standard input (for scripts)."
)


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")


def read_password(from_stdin: bool) -> str:
    """The password from stdin's first line, or typed twice at a hidden prompt."""
    if from_stdin:
        line = sys.stdin.readline()
        if not line.strip():
            raise UserError("No password on standard input.", hint="Pipe it in: printf '%s\\n' \"$PW\" | mlroute …")
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise UserError("No terminal to ask the password at.", hint="Use --password-stdin and pipe the password in.")
    password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password


def _changed(r: Changed) -> None:
    mark = "[green]✓[/]" if r.changed else "[yellow]·[/] no change:"
    extra = ", ".join(f"{k} {v}" for k, v in r.detail.items())
    console.print(f"{mark} {r.action} {r.target}" + (f" ({extra})" if extra else ""), highlight=False)


@users_app.command("add")
def add_cmd(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Account name: 2–40 letters, digits, '.', '_' or '-'."),
    role: str = typer.Option("learner", "--role", "-r", help="learner, mentor or admin."),
    password_stdin: bool = PasswordStdin,
    as_json: bool = JsonOpt,
) -> None:
    """Add an account. The first account takes over the data already in a single-user database."""
    from mlroute.services.users import add

    context = app_context(ctx)
    password = read_password(password_stdin)
    result = add(context.database, name, role, password, actor=context.actor())

    def render(r: AccountAdded) -> None:
        console.print(f"[green]✓[/] {r.account.role} {r.account.username} added", highlight=False)
        if r.claimed:
            rows = ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in r.claimed.items())
            console.print(f"  the data already here is now {r.account.username}'s: {rows}", highlight=False)

    emit(result, as_json, render)


@users_app.command("list")
def list_cmd(ctx: typer.Context, as_json: bool = JsonOpt) -> None:
    """Every account with its role, mentors or mentees, cohort and last sign-in."""
    from rich.table import Table

    from mlroute.services.users import listing

    def render(r: AccountList) -> None:
        if not r.accounts:
            console.print("No accounts yet: mlroute users add NAME --role admin")
            return
        table = Table("account", "role", "mentors", "mentees", "cohort", "last sign-in", box=None)
        for a in r.accounts:
            last = a.last_login_at.strftime("%Y-%m-%d %H:%M") if a.last_login_at else "never"
            table.add_row(a.username, a.role, ", ".join(a.mentors), ", ".join(a.mentees), a.cohort or "", last)
        console.print(table)

    emit(listing(app_context(ctx).database), as_json, render)


@users_app.command("remove")
def remove_cmd(
    ctx: typer.Context,
    name: str = typer.Argument(...),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
    as_json: bool = JsonOpt,
) -> None:
    """Remove an account and all of its data (plans, study log, journal, comments about it)."""
    from mlroute.services.users import remove

    if not yes:
        if not sys.stdin.isatty():
            raise UserError(f"Removing {name!r} deletes all of its data.", hint="Add --yes to confirm.")
        typer.confirm(f"Remove {name} and all of its data?", abort=True)
    context = app_context(ctx)
    emit(remove(context.database, name, actor=context.actor()), as_json, _changed)


@users_app.command("reset-password")
def reset_cmd(
    ctx: typer.Context, name: str = typer.Argument(...), password_stdin: bool = PasswordStdin, as_json: bool = JsonOpt
) -> None:
    """Set a new password; every browser signed in to the account is signed out."""
    from mlroute.services.users import reset_password

    context = app_context(ctx)
    password = read_password(password_stdin)
    emit(reset_password(context.database, name, password, actor=context.actor()), as_json, _changed)


@users_app.command("role")
def role_cmd(
    ctx: typer.Context,
    name: str = typer.Argument(...),
    role: str = typer.Argument(..., help="learner, mentor or admin."),
    as_json: bool = JsonOpt,
) -> None:
    """Change an account's role (there is always at least one admin)."""
    from mlroute.services.users import set_role

    context = app_context(ctx)
    emit(set_role(context.database, name, role, actor=context.actor()), as_json, _changed)


@users_app.command("assign")
def assign_cmd(
    ctx: typer.Context,
    mentor: str = typer.Argument(..., help="A mentor (or admin) account."),
    learner: str = typer.Argument(..., help="A learner account."),
    as_json: bool = JsonOpt,
) -> None:
    """Make MENTOR the mentor of LEARNER: they see the learner's progress and can comment on it."""
    from mlroute.services.users import assign

    context = app_context(ctx)
    emit(assign(context.database, mentor, learner, actor=context.actor()), as_json, _changed)


@users_app.command("unassign")
def unassign_cmd(
    ctx: typer.Context, mentor: str = typer.Argument(...), learner: str = typer.Argument(...), as_json: bool = JsonOpt
) -> None:
    """Take back an assignment: MENTOR no longer sees LEARNER's progress."""
    from mlroute.services.users import assign

    context = app_context(ctx)
    emit(assign(context.database, mentor, learner, actor=context.actor(), undo=True), as_json, _changed)


@users_app.command("audit")
def audit_cmd(
    ctx: typer.Context, limit: int = typer.Option(50, "--limit", min=1, max=10_000), as_json: bool = JsonOpt
) -> None:
    """The audit log: every administrative action, newest first."""
    from rich.table import Table

    from mlroute.services.users import audit_log

    def render(r: AuditLog) -> None:
        table = Table("when (UTC)", "who", "action", "target", "from", box=None)
        for e in r.entries:
            table.add_row(e.at.strftime("%Y-%m-%d %H:%M:%S"), e.actor, e.action, e.target or "", e.source)
        console.print(table if r.entries else "The audit log is empty.")

    emit(audit_log(app_context(ctx).database, limit), as_json, render)
