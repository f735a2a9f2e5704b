"""The ``mlroute`` command: a thin shell over ``mlroute.services``.

Each area's commands live in their own module (``cli/track.py``, ``cli/kb.py``…), which registers them with
``register(app)``. The table below maps each command to its module, and the group imports a module only when
one of its commands runs: ``mlroute log`` never pays for the planner, numpy or the knowledge base.
``main`` turns a ``UserError`` from anywhere into one clear message and exit code 2.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping
from typing import Any

import typer
from typer.core import TyperGroup

from mlroute.cli.common import configure_logging, fail
from mlroute.errors import UserError

# command → the module under mlroute.cli that registers it (in the order `mlroute --help` lists them).
COMMANDS = {
    "demo": "plan",
    "init": "plan",
    "plan": "plan",
    "log": "track",
    "start": "track",
    "done": "track",
    "skip": "track",
    "undo": "track",
    "status": "track",
    "current": "track",
    "replan": "track",
    "history": "track",
    "review": "track",
    "journal": "journal",
    "evidence": "journal",
    "export": "documents",
    "backup": "documents",
    "restore": "documents",
    "extract": "extract",
    "profile": "extract",
    "match": "extract",
    "market": "extract",
    "kb": "kb",
    "serve": "web",
    "interview": "interview",
    "quiz": "interview",
    "users": "users",
    "cohort": "cohort",
}


class LazyCommands(MutableMapping[str, Any]):
    """The group's commands, each module imported the first time one of its commands is looked up."""

    def __init__(self, table: dict[str, str], loaded: MutableMapping[str, Any]) -> None:
        self.table = table
        self.loaded = dict(loaded)
        self.modules: set[str] = set()

    def _load(self, module_name: str) -> None:
        self.modules.add(module_name)
        module = importlib.import_module(f"mlroute.cli.{module_name}")
        holder = typer.Typer()
        module.register(holder)
        for name, command in typer.main.get_group(holder).commands.items():
            self.loaded.setdefault(name, command)

    def __getitem__(self, name: str) -> Any:
        if name not in self.loaded and name in self.table and self.table[name] not in self.modules:
            self._load(self.table[name])
        return self.loaded[name]

    def __iter__(self) -> Iterator[str]:
        yield from self.table
        yield from (name for name in self.loaded if name not in self.table)

    def __len__(self) -> int:
        return len(set(self.table) | set(self.loaded))

    def __setitem__(self, name: str, command: Any) -> None:
        self.loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self.loaded[name]


class LazyGroup(TyperGroup):
    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = LazyCommands(COMMANDS, self.commands)


app = typer.Typer(
    name="mlroute",
    cls=LazyGroup,
    help="Plan your way to a Machine Learning Engineer job: skills, resources, projects, schedule and ETA.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _print_version(value: bool) -> None:
    if value:
        from mlroute import __version__

        typer.echo(f"mlroute {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    verbose: int = typer.Option(0, "--verbose", "-v", count=True, help="Say what mlroute does (-vv: details)."),
    version: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
    ),
    user: str | None = typer.Option(None, "--user", help="Act for this account (team mode; or MLROUTE_USER)."),
) -> None:
    """Read the settings once and set up logging; the store opens when a command first needs it."""
    from mlroute.cli.context import AppContext
    from mlroute.settings import Settings

    configure_logging(verbose)
    ctx.obj = AppContext(Settings(user=user) if user else Settings())
    ctx.call_on_close(ctx.obj.close)


def main() -> None:
    try:
        app()
    except UserError as exc:
        fail(exc)
