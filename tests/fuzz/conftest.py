"""Fuzz fixtures: the case counter's summary at the end of the run."""

from __future__ import annotations

from typing import Any

from tests.fuzz.budget import CASES, summary
from tests.store.fixtures import db_url, pg_url, tracking_db

__all__ = ["db_url", "pg_url", "tracking_db"]


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if CASES:
        for line in summary():
            terminalreporter.write_line(line)
