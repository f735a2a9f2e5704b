"""The ``mlroute`` command: a thin shell over ``mlroute.services``.

Each area registers its commands from its own module; ``main`` turns a ``UserError`` from anywhere
into one clear message and exit code 2.
"""

from __future__ import annotations

import importlib
import sys

import typer

from mlroute.cli.common import fail
from mlroute.errors import UserError

app = typer.Typer(
    name="mlroute",
    help="Plan your way to a Machine Learning Engineer job: skills, resources, projects, schedule and ETA.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

COMMAND_MODULES = ("kb", "plan", "track", "extract", "web", "interview")
# Commands run many times a day (and by scripts) import only their own module: `mlroute log` must not pay for
# the planner, numpy or the knowledge base.
FAST_COMMANDS = dict.fromkeys(
    (
        "log",
        "done",
        "start",
        "skip",
        "status",
        "replan",
        "history",
        "journal",
        "evidence",
        "review",
        "export",
        "backup",
        "restore",
    ),
    "track",
)


def _modules(argv: list[str]) -> tuple[str, ...]:
    first = next((a for a in argv[1:] if not a.startswith("-")), "")
    return (FAST_COMMANDS[first],) if first in FAST_COMMANDS else COMMAND_MODULES


for _name in _modules(sys.argv):
    try:
        _module = importlib.import_module(f"mlroute.cli.{_name}")
    except ModuleNotFoundError as _exc:  # an area still under construction in this checkout
        if _exc.name != f"mlroute.cli.{_name}":
            raise
        continue
    _module.register(app)


def main() -> None:
    try:
        app()
    except UserError as exc:
        fail(exc)
