"""Fuzz fixtures: the case counter's summary at the end of the run."""

from __future__ import annotations

from typing import Any

from tests.fuzz.budget import CASES, summary
from tests.store.fixtures import db_url, pg_url, store
from tests.web.conftest import empty_db, planned_db, planned_db_file

__all__ = ["db_url", "empty_db", "pg_url", "planned_db", "planned_db_file", "store"]


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if CASES:
        for line in summary():
            terminalreporter.write_line(line)
