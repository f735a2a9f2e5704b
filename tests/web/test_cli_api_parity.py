"""The CLI's ``--json`` and the JSON API are one schema: for every command that has both, the same state gives
the same document. Reads run against one database; each write runs on two copies of it (one through the CLI,
one through the API) so that both start from the same state.

Only what differs by construction is set aside, each named where it is: the solver's wall-clock seconds, when a
plan or forecast was stored, and the database's own address.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mlroute.web.app import create_app

from .conftest import Browser, local_client

Cli = Callable[..., Any]
ITEM = "act:find-mentor"


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """``mlroute ARGS --json`` on the database at ``db`` (in this process, through ``mlroute.cli.main``)."""

    def run(db: Path, *args: str) -> Any:
        from mlroute.cli import main

        with monkeypatch.context() as m:
            m.setenv("MLROUTE_DB", f"sqlite:///{db}")
            m.setattr(sys, "argv", ["mlroute", *args, "--json"])
            capsys.readouterr()
            try:
                main()
            except SystemExit as exc:
                assert not exc.code, capsys.readouterr().err
            return json.loads(capsys.readouterr().out)

    return run


@pytest.fixture
def twins(planned_db_file: Path, tmp_path: Path) -> Iterator[tuple[Path, Browser]]:
    """Two copies of the planned database: one for the CLI, one behind the web app."""
    for name in ("cli.db", "api.db"):
        shutil.copy(planned_db_file, tmp_path / name)
    with local_client(create_app(store=None, settings=_settings(tmp_path / "api.db"))) as client:
        yield tmp_path / "cli.db", Browser(client)


def _settings(db: Path) -> Any:
    from mlroute.settings import Settings

    return Settings(db=f"sqlite:///{db}")


def test_reads_are_the_same_documents(twins: tuple[Path, Browser], cli: Cli) -> None:
    _, api = twins
    same_db = api.store.url.removeprefix("sqlite:///")
    pairs = [
        (("status",), "/api/status"),
        (("current",), "/api/current-plan"),
        (("history",), "/api/history"),
        (("journal", "list"), "/api/journal"),
        (("evidence", "list"), "/api/evidence"),
        (("kb", "stats"), "/api/kb/stats"),
        (("kb", "search", "pytorch", "--limit", "5"), "/api/kb/search?q=pytorch&limit=5"),
        (("kb", "search", "线性代数", "--lang", "zh"), "/api/kb/search?q=线性代数&lang=zh"),
        (("kb", "show", "skill:linear-algebra"), "/api/kb/skill:linear-algebra"),
        (("kb", "show", "res:fastai-course"), "/api/kb/res:fastai-course"),
    ]
    for args, url in pairs:
        response = api.get(url)
        assert response.status_code == 200, (url, response.text[:300])
        assert response.json() == cli(Path(same_db), *args), args


def test_writes_return_the_same_documents(twins: tuple[Path, Browser], cli: Cli) -> None:
    db, api = twins
    steps: list[tuple[tuple[str, ...], Callable[[], Any]]] = [
        (
            ("log", "45m", "--item", ITEM, "--note", "first call", "--date", "yesterday"),
            lambda: api.post_json(
                "/api/log", {"duration": "45m", "item": ITEM, "note": "first call", "date": "yesterday"}
            ),
        ),
        (("start", "act:find-niche"), lambda: api.post_json("/api/items/act:find-niche/start")),
        (("done", ITEM), lambda: api.post_json(f"/api/items/{ITEM}/done")),
        (
            ("skip", "act:explore-ml-roles", "--reason", "did it"),
            lambda: api.post_json("/api/items/act:explore-ml-roles/skip", {"reason": "did it"}),
        ),
        (
            ("journal", "add", "Read the attention paper", "--kind", "insight", "--tag", "nlp", "--item", ITEM),
            lambda: api.post_json(
                "/api/journal", {"text": "Read the attention paper", "tags": ["nlp"], "items": [ITEM]}
            ),
        ),
        (
            ("evidence", "add", "https://github.com/me/x", "--item", ITEM),
            lambda: api.post_json("/api/evidence", {"url": "https://github.com/me/x", "item": ITEM}),
        ),
        (("replan",), lambda: api.post_json("/api/replan")),
        (("status",), lambda: api.get("/api/status")),
        (("current",), lambda: api.get("/api/current-plan")),
        (("history",), lambda: api.get("/api/history")),
    ]
    for args, call in steps:
        response = call()
        assert response.status_code == 200, (args, response.text[:300])
        web, shell = response.json(), cli(db, *args)
        if args[0] == "history":
            for doc in (web, shell):  # when each plan and forecast was stored
                for row in doc["plans"] + doc["forecasts"]:
                    del row["created_at"]
        if args[0] == "current":
            for doc in (web, shell):  # the re-plan ran twice, once per copy
                del doc["optimality"]["seconds"]
        assert web == shell, args


def test_plan_demo_and_init_are_the_same_documents(empty_db: str, browser: Browser, cli: Cli, tmp_path: Path) -> None:
    profile = {"name": "Kim", "background": "data_scientist", "hours_per_week": 8, "start_date": "2027-01-04"}
    path = tmp_path / "kim.json"
    path.write_text(json.dumps(profile), encoding="utf-8")
    db = tmp_path / "cli.db"

    def seconds_aside(doc: dict[str, Any]) -> dict[str, Any]:
        plan = doc.get("plan", doc)
        del plan["optimality"]["seconds"]  # the solver's wall-clock time
        return doc

    assert seconds_aside(browser.get("/api/demo").json()) == seconds_aside(cli(db, "demo"))
    assert seconds_aside(browser.post_json("/api/plan", profile).json()) == seconds_aside(
        cli(db, "plan", "--profile", str(path))
    )
    web, shell = browser.post_json("/api/init", profile).json(), cli(db, "init", "--profile", str(path))
    del web["stored"]["database"], shell["stored"]["database"]  # two databases, as above
    assert seconds_aside(web) == seconds_aside(shell)
