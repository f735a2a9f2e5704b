"""The journey services the pages use (undo, finished work after a re-plan, a plan in the other language, a
profile change): a store holding the demo persona's first plan (made once per session, copied per test), and the
knowledge base."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from mlroute.kb import KBIndex
from mlroute.services.kb import index
from mlroute.store import Store

START = dt.date(2026, 12, 7)  # the demo persona's start date (a Monday)


@pytest.fixture(scope="session")
def kb() -> KBIndex:
    return index()


@pytest.fixture(scope="session")
def demo_db_file(tmp_path_factory: pytest.TempPathFactory, kb: KBIndex) -> Iterator[Path]:
    from mlroute.services import onboarding, planning

    path = tmp_path_factory.mktemp("demo") / "mlroute.db"
    store = Store(f"sqlite:///{path}")
    onboarding.start(store, kb, planning.demo_profile(), lang="en")
    store.close()
    yield path


@pytest.fixture
def demo_store(demo_db_file: Path, tmp_path: Path) -> Iterator[Store]:
    copy = tmp_path / "mlroute.db"
    shutil.copy(demo_db_file, copy)
    st = Store(f"sqlite:///{copy}")
    yield st
    st.close()
