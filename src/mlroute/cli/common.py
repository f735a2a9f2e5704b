"""What every command shares: one console, JSON output, and turning user mistakes into exit code 2."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

import typer
from rich.console import Console

from mlroute.errors import UserError

console = Console()
err_console = Console(stderr=True)

JsonOpt = typer.Option(False, "--json", help="Print one JSON document on stdout and nothing else.")


def emit(data: Any, as_json: bool, render: Callable[[Any], None]) -> None:
    """Print ``data`` as a single JSON document, or hand it to ``render`` for the Rich view."""
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
        sys.stdout.flush()
    else:
        render(data)


def fail(error: UserError) -> None:
    err_console.print(f"[bold red]Error:[/] {error.message}", highlight=False, soft_wrap=True)
    if error.hint:
        err_console.print(error.hint, highlight=False, soft_wrap=True)
    raise SystemExit(error.exit_code)
