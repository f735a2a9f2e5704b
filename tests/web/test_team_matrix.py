"""Authorization in team mode, as a matrix generated from the app's own route table: every route × {anonymous,
learner A, learner B, mentor of A, another mentor, admin}, each route a read (GET) or a write (POST).

What each cell expects comes from what the route declares (``web.auth``): public routes, routes that need a role
(``requires``), routes that need the assigned learner (``grants = "mentee"``) or a led cohort (``grants =
"cohort"``), and every other route: any signed-in person, on their own data (the store is scoped). A route added
tomorrow is in the table, so it is tested the day it exists. A denied cell must answer 401 (not signed in) or 403
and change nothing in the database (SQLite's ``data_version``, seen from another connection, moves with any
commit); an allowed cell must not answer 401/403. After every cell of learner B, learner A's data is unchanged.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute

from mlroute.services import users
from mlroute.services.backup import backup
from mlroute.store import Store
from mlroute.web import auth
from tests.fuzz.test_fuzz_routes import _walk
from tests.web.team_fixtures import Person, build_team_db, copy_db, sign_in, team_app

ACTORS = ("anonymous", "ann", "ben", "mia", "max", "root")
ROLE = {"ann": "learner", "ben": "learner", "mia": "mentor", "max": "mentor", "root": "admin"}
MENTOR_OF = {"mia": "ann", "max": "ben"}
LEADS = {"mia": "spring"}


def declared(route: APIRoute) -> tuple[set[str] | None, set[str]]:
    """The roles a route requires (None: any signed-in account) and what it grants on (mentee, cohort)."""
    roles: set[str] | None = None
    grants: set[str] = set()
    stack = [route.dependant]
    while stack:
        dep = stack.pop()
        call = dep.call
        if call is not None and hasattr(call, "roles"):
            roles = set(call.roles) if roles is None else roles & set(call.roles)
        if call is not None and hasattr(call, "grants"):
            grants.add(call.grants)
        stack.extend(dep.dependencies)
    return roles, grants


def expected(method: str, path: str, route: APIRoute, actor: str) -> bool:
    """Whether ``actor`` may use the route (with A's name and the led cohort in the path)."""
    if (method, path) in auth.PUBLIC:
        return True
    if actor == "anonymous":
        return False
    roles, grants = declared(route)
    if roles is not None and ROLE[actor] not in roles:
        return False
    if "mentee" in grants and MENTOR_OF.get(actor) != "ann":
        return False
    return not ("cohort" in grants and LEADS.get(actor) != "spring" and ROLE[actor] != "admin")


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    source = tmp_path_factory.mktemp("team-src") / "team.db"
    build_team_db(source)
    url = copy_db(source, tmp_path_factory.mktemp("team-matrix"))
    app = team_app(url)
    with_people = {name: sign_in(app, name) for name in ACTORS}
    yield {"app": app, "url": url, "people": with_people, "file": Path(url.removeprefix("sqlite:///"))}
    for person in with_people.values():
        person.client.close()


def routes(app: Any) -> list[tuple[str, str, APIRoute]]:
    out = []
    for path, route in _walk(app.routes):
        for method in sorted(route.methods - {"HEAD"}):
            out.append((method, path, route))
    return sorted(out, key=lambda t: (t[1], t[0]))


SAMPLES = {
    "username": "ann",
    "name": "spring",
    "doc": "transition-plan",
    "fmt": "md",
    "ref": "python",
    "q": "python",
    "target_kind": "journal",
    "text": "a comment",
    "role": "ml-engineer",
    "route": "software",
    "password": "a brand new password",
    "mentor": "max",
    "learner": "ann",
    "cohort": "spring",
    "confirm": "ben",
    "current": "correct horse battery",
    "new": "another good password",
    "again": "another good password",
    "duration": "30m",
    "status": "done",
    "rating": "good",
    "url": "https://example.org/work",
    "kind": "insight",
}


def fill(path: str, item: str, journal_id: str) -> str:
    values = {**SAMPLES, "item": item, "item_id": item}
    for key, value in values.items():
        path = path.replace("{" + key + "}", value)
    return path.replace("{target}", journal_id).replace("{mock_id}", "1").replace("{result_id}", "1")


def body_of(route: APIRoute, item: str, journal_id: str) -> dict[str, Any]:
    """A plausible form or JSON body from the route's own parameters, so a wrongly allowed write would land."""
    values = {**SAMPLES, "target": journal_id, "item": item, "username": "ben"}
    form = {p.name: values.get(p.name, "x") for p in route.dependant.body_params if p.name in values}
    json_body = None
    for param in route.dependant.body_params:
        annotation = getattr(param.field_info, "annotation", None)
        fields = getattr(annotation, "model_fields", None)
        if fields:
            json_body = {k: values.get(k, "x") for k in fields}
    return {"json": json_body} if json_body is not None else {"data": form}


def data_version(path: Path) -> tuple[int, int]:
    """A fingerprint of the committed database: the count of changes seen through a separate connection."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        # ignore the login sessions' last_seen updates: compare every other table's rows
        rows = 0
        digest = 0
        for table in sorted(tables):
            if table in ("web_sessions", "login_failures"):
                continue
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                rows += 1
                digest = hash((digest, table, row))
        return rows, digest
    finally:
        conn.close()


def ann_data(url: str) -> str:
    store = Store(url)
    try:
        data = json.loads(backup(store.for_owner(users.account_id(store, "ann"))).data)
        return json.dumps(data["tables"], sort_keys=True)
    finally:
        store.close()


def request(person: Person, method: str, url: str, kwargs: dict[str, Any]) -> Any:
    headers = {"X-CSRF-Token": person.token} if method != "GET" else {}
    if method == "GET":
        return person.client.get(url, follow_redirects=False)
    data = kwargs.get("data")
    if data is not None:
        return person.client.post(url, data={"csrf_token": person.token, **data}, follow_redirects=False)
    return person.client.post(url, json=kwargs.get("json"), headers=headers, follow_redirects=False)


def test_every_route_for_every_actor(team: dict[str, Any]) -> None:
    app, people, db = team["app"], team["people"], team["file"]
    from mlroute.services.current import current_plan
    from mlroute.services.journal import journal_list

    store = Store(team["url"])
    ann_store = store.for_owner(users.account_id(store, "ann"))
    plan = current_plan(ann_store)
    assert plan is not None
    item = plan.plan["items"][1]["id"]
    journal_id = str(journal_list(ann_store).entries[0].id)
    store.close()
    table = routes(app)
    assert len(table) >= 70, "the route walk found too few routes"
    # These end or replace the actor's own session (or answer 401 for a wrong password by design); the sign-in
    # tests cover them.
    skip = {
        ("POST", "/login"),
        ("POST", "/logout"),
        ("POST", "/account/password"),
        ("POST", "/admin/users/{username}/password"),
    }
    cells = denied = 0
    failures: list[str] = []
    # The admin goes last (its allowed writes change accounts), learner B before A so A's data can be compared.
    for actor in ("anonymous", "ben", "max", "mia", "ann", "root"):
        person = people[actor]
        before_ann = ann_data(team["url"]) if actor == "ben" else None
        for method, path, route in table:
            if (method, path) in skip and (actor != "anonymous" or path == "/login"):
                continue
            url = fill(path, item, journal_id)
            kwargs = body_of(route, item, journal_id) if method == "POST" else {}
            allowed = expected(method, path, route, actor)
            fingerprint = data_version(db) if not allowed else None
            response = request(person, method, url, kwargs)
            cells += 1
            if actor in ("ben", "max") and method == "GET" and response.status_code == 200:
                for secret in ("Ann's private note", "first steps", "Ann&#39;s private note"):
                    if secret in response.text:
                        failures.append(f"{actor} {method} {url}: shows learner A's data ({secret!r})")
            if allowed:
                if response.status_code in (401, 403):
                    failures.append(f"{actor} {method} {url}: {response.status_code} but should be allowed")
            else:
                denied += 1
                if response.status_code not in ((401,) if actor == "anonymous" else (403,)):
                    failures.append(f"{actor} {method} {url}: {response.status_code}, expected a refusal")
                elif data_version(db) != fingerprint:
                    failures.append(f"{actor} {method} {url}: refused but the database changed")
        if before_ann is not None:
            assert ann_data(team["url"]) == before_ann, "learner B's requests changed learner A's data"
    print(f"\nauthorization matrix: {cells} cells ({len(table)} routes × {len(ACTORS)} actors), {denied} denied")
    assert not failures, "\n".join(failures)
    assert denied > 100
