"""What every command shares: one console, JSON output, and turning user mistakes into exit code 2."""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import typer
from rich.console import Console

from mlroute.errors import UserError

# Terminal control characters (escape sequences, C1 codes, bidi overrides) a stored note must not send.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

console = Console()
err_console = Console(stderr=True)

JsonOpt = typer.Option(False, "--json", help="Print one JSON document on stdout and nothing else.")
T = TypeVar("T")


def jsonable(data: Any) -> Any:
    """A typed service result as its JSON document (``model_dump(mode="json")``); plain data as it is."""
    dump = getattr(data, "model_dump", None)
    return dump(mode="json") if callable(dump) else data


def emit(data: T, as_json: bool, render: Callable[[T], None]) -> None:
    """Print ``data`` as a single JSON document, or hand it to ``render`` for the Rich view."""
    if as_json:
        sys.stdout.write(json.dumps(jsonable(data), ensure_ascii=False, indent=2, default=str) + "\n")
        sys.stdout.flush()
    else:
        render(data)


def shown(text: str) -> str:
    """What the person typed, safe to print: no terminal control characters, and Rich markup as literal text."""
    from rich.markup import escape

    return escape(CONTROL.sub("", text))


def fail(error: UserError) -> None:
    err_console.print(f"[bold red]Error:[/] {error.message}", highlight=False, soft_wrap=True)
    if error.hint:
        err_console.print(error.hint, highlight=False, soft_wrap=True)
    raise SystemExit(error.exit_code)


def configure_logging(verbosity: int) -> None:
    """Quiet by default (warnings only, on stderr); ``-v`` adds what mlroute does, ``-vv`` the details."""
    level = logging.WARNING if verbosity <= 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("mlroute")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False
