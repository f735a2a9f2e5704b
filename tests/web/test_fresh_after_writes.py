"""The dashboard and ``/api/status`` are cached (``services.summary_cache``), and after every kind of write the
next request shows the new figures: the same page a computation from scratch gives, in the single-user app (SQLite)
and in team mode (SQLite and PostgreSQL), through the forms a person uses. A write from another process (``mlroute
log`` in a terminal while the app runs) shows too."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mlroute.services import status as status_service
from mlroute.services.kb import index
from mlroute.web import pages
from tests.conftest import run_cli
from tests.services.test_quiz_service import answers
from tests.store import fixtures as store_fixtures
from tests.web.conftest import Browser
from tests.web.team_fixtures import build_team_db, copy_db, sign_in, team_app

pg_url = store_fixtures.pg_url


@dataclass
class Visitor:
    """A signed-in browser (or the local one): GET, and POST a form with its CSRF token."""

    get: Callable[..., Any]
    post: Callable[..., Any]


def clear_caches() -> None:
    status_service._cache.clear()
    pages._dashboards.clear()


def seen(v: Visitor) -> tuple[str, dict[str, Any]]:
    page, api = v.get("/"), v.get("/api/status")
    assert page.status_code == 200 and api.status_code == 200, (page.status_code, api.text[:300])
    return page.text, api.json()


def item_of(v: Visitor, prefix: str = "") -> str:
    """The next item to do (not started) whose id starts with ``prefix``."""
    items = v.get("/api/status").json()["next_items"]
    item: str = next(i["id"] for i in items if i["id"].startswith(prefix) and i["status"] == "todo")
    return item


def profile_form(v: Visitor, hours: str) -> dict[str, Any]:
    page = v.get("/settings").text
    levels = re.findall(r'<input type="radio" id="s-([\w-]+)-(\d)" name="skill\.[\w-]+" value="\d" checked', page)
    return {
        "name": "Dana (demo)",
        "background": "devops_engineer",
        "hours_per_week": hours,
        "budget_usd": "200",
        "years_experience": "7",
        "target_role": "ml-engineer",
        "languages": ["en"],
        "interests": ["llm-applications"],
        **{f"skill.{s}": n for s, n in levels},
    }


def take_quiz(v: Visitor) -> Any:
    given = answers(index(), "sql", "r", seed=5)
    form = {"seed": "5", "count": str(len(given))} | {f"answer_{n}": a for n, a in enumerate(given, start=1)}
    graded = v.post("/quiz/sql", form, follow_redirects=False)
    assert graded.status_code == 303, graded.text[:300]
    return v.post(graded.headers["location"] + "/accept", {})


def rate_a_card(v: Visitor) -> Any:
    shown = re.search(r'name="question_id" value="([^"]+)"', v.get("/interview?all=1").text)
    assert shown is not None
    return v.post("/interview/rate", {"question_id": shown[1], "rating": "good", "all": "1"})


# (what the person does, and the figure of /api/status it must move; None: it may leave the figures alone)
WRITES: list[tuple[str, Callable[[Visitor, dict[str, Any]], Any], Callable[[dict[str, Any]], Any] | None]] = [
    ("log", lambda v, c: v.post(f"/items/{c['item']}/log", {"duration": "45m"}), lambda s: s["hours_logged"]),
    ("done", lambda v, c: v.post(f"/items/{c['item']}/status", {"status": "done"}), lambda s: s["items_done"]),
    ("review", lambda v, c: v.post(f"/items/{c['item']}/review", {"rating": "easy"}), None),
    ("undo", lambda v, c: v.post(f"/items/{c['item']}/undo", {}), lambda s: s["items_done"]),
    ("start", lambda v, c: v.post(f"/items/{c['other']}/status", {"status": "doing"}), lambda s: s["items_doing"]),
    ("skip", lambda v, c: v.post(f"/items/{c['other']}/status", {"status": "skipped"}), lambda s: s["items_skipped"]),
    ("replan", lambda v, c: v.post("/replan", {}), lambda s: s["plan_version"]),
    ("profile", lambda v, c: v.post("/settings/profile", profile_form(v, "14")), lambda s: s["pace"]["planned"]),
    ("quiz accepted", lambda v, c: take_quiz(v), lambda s: s["quiz_levels"]),
    ("drill", lambda v, c: rate_a_card(v), lambda s: s["drills"]["reviews_30d"]),
    ("restore", lambda v, c: restore(v, c["backup"]), lambda s: s["plan_version"]),
]


def restore(v: Visitor, backup: bytes) -> Any:
    files = {"backup_file": ("backup.json", backup, "application/json")}
    r = v.post("/documents/restore", {"replace": "yes"}, files=files)
    assert "Backup restored" in r.text, r.text[:300]
    return r


def walk_the_writes(v: Visitor) -> None:
    """Every write, and after each: the cached page and status are what a fresh computation shows, and moved."""
    context = {
        "item": item_of(v, "res:"),
        "other": item_of(v, "act:"),
        "backup": v.get("/documents/backup.json").content,
    }
    page, doc = seen(v)
    hits = pages._dashboards.hits
    assert seen(v) == (page, doc) and pages._dashboards.hits == hits + 1  # nothing changed: from the cache
    for name, write, figure in WRITES:
        response = write(v, context)
        assert response is None or response.status_code == 200, f"{name}: {response.text[:300]}"
        after_page, after_doc = seen(v)
        clear_caches()
        assert seen(v) == (after_page, after_doc), f"stale after {name}"
        if figure is not None:
            assert figure(after_doc) != figure(doc), f"{name} did not move what it should"
        page, doc = after_page, after_doc


def test_the_local_app_shows_every_write_at_once(planned_db: str, browser: Browser) -> None:
    walk_the_writes(Visitor(browser.get, browser.post))


def test_a_write_from_another_process_shows_at_once(planned_db: str, browser: Browser) -> None:
    before = browser.get("/api/status").json()
    assert browser.get("/api/status").json() == before  # cached now
    item = before["next"][0]
    logged = run_cli("log", "1h", "--item", item, env={"MLROUTE_DB": planned_db})
    assert logged.returncode == 0, logged.stderr
    after = browser.get("/api/status").json()
    assert after["hours_logged"] == pytest.approx(before["hours_logged"] + 1)
    assert "1 h" in browser.get("/").text or after["hours_logged"] != before["hours_logged"]


@pytest.fixture(scope="module")
def team_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("team-fresh") / "team.db"
    build_team_db(path)
    return path


def team_visitor(app: Any, name: str) -> Visitor:
    person = sign_in(app, name)

    def post(url: str, data: dict[str, Any], **kw: Any) -> Any:
        return person.client.post(url, data={"csrf_token": person.token, **data}, **kw)

    return Visitor(person.client.get, post)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def team(request: pytest.FixtureRequest, team_source: Path, tmp_path: Path) -> Iterator[Any]:
    if request.param == "sqlite":
        url = copy_db(team_source, tmp_path)
    else:
        url = request.getfixturevalue("pg_url")
        build_team_db(url)
    application = team_app(url)
    yield application
    application.state.store.close()


def test_a_learner_sees_every_write_at_once_in_team_mode(team: Any) -> None:
    walk_the_writes(team_visitor(team, "ann"))


def test_one_learners_write_leaves_the_others_cache_alone(team: Any) -> None:
    ann, ben = team_visitor(team, "ann"), team_visitor(team, "ben")
    ben_before = seen(ben)
    hits = status_service._cache.hits
    ann.post(f"/items/{item_of(ann)}/log", {"duration": "1h"})
    assert seen(ben) == ben_before and status_service._cache.hits > hits
    mentor = team_visitor(team, "mia")
    row = next(x for x in mentor.get("/api/cohort").json()["learners"] if x["username"] == "ann")
    assert row["hours_logged"] == pytest.approx(seen(ann)[1]["hours_logged"])


def test_a_kept_page_is_the_readers_own(team: Any) -> None:
    """The dashboard's page is kept per browser (its CSRF token), theme, language and address."""
    first, second = sign_in(team, "ann"), sign_in(team, "ann")
    pages_seen = [first.client.get("/").text, second.client.get("/").text, first.client.get("/").text]
    assert first.token != second.token
    assert first.token in pages_seen[0] and second.token in pages_seen[1] and second.token not in pages_seen[2]
    first.client.cookies.set("theme", "dark")
    assert 'data-theme="dark"' in first.client.get("/").text
    assert 'data-theme="auto"' in second.client.get("/").text
    first.client.cookies.set("lang", "zh")
    assert '<html lang="zh-CN"' in first.client.get("/").text
    ben = sign_in(team, "ben")
    assert "Ann" not in ben.client.get("/").text and "Ann" in first.client.get("/").text
