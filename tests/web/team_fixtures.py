"""A team database for the web tests: an admin, two learners with plans (ann: A, ben: B), ann's mentor (mia),
another mentor (max, mentor of ben), a cohort led by mia with ann in it; and signed-in TestClients for each."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from mlroute.services import journal, onboarding, planning, study, users
from mlroute.services.kb import index
from mlroute.services.users import Actor
from mlroute.settings import Settings
from mlroute.store import Store
from mlroute.web.app import create_app

PASSWORD = "correct horse battery"
ACCOUNTS = {"root": "admin", "ann": "learner", "ben": "learner", "mia": "mentor", "max": "mentor"}
SETUP = Actor(name="setup", source="test")
ORIGIN = "http://127.0.0.1:8000"


def build_team_db(path: Path | str) -> None:
    """The accounts, plans, a logged session and a journal entry for ann, the mentorships and the cohort (``path``:
    a SQLite file, or any database URL)."""
    store = Store(path if isinstance(path, str) else f"sqlite:///{path}")
    for name, role in ACCOUNTS.items():
        users.add(store, name, role, PASSWORD, actor=SETUP)
    users.assign(store, "mia", "ann", actor=SETUP)
    users.assign(store, "max", "ben", actor=SETUP)
    from mlroute.services import cohorts

    cohorts.create(store, "spring", mentor="mia", actor=SETUP)
    cohorts.set_member(store, "spring", "ann", actor=SETUP)
    kb = index()
    start = date.today() - timedelta(weeks=5)
    for name in ("ann", "ben"):
        owner = store.for_owner(users.account_id(store, name))
        profile = planning.demo_profile().model_copy(update={"start_date": start, "name": name.title()})
        onboarding.start(owner, kb, profile)
    ann = store.for_owner(users.account_id(store, "ann"))
    from mlroute.services.current import current_plan

    plan = current_plan(ann)
    assert plan is not None
    item = plan.plan["items"][0]["id"]
    study.log(ann, "1h", item, note="first steps", day=date.today().isoformat())
    journal.journal_add(ann, "Ann's private note", kind="insight")
    store.close()


def copy_db(source: Path, folder: Path) -> str:
    target = folder / "team.db"
    shutil.copy(source, target)
    return f"sqlite:///{target}"


def team_app(url: str, **kw: Any) -> Any:
    return create_app(settings=Settings(db=url, team=True), **kw)


def csrf_of(client: TestClient, path: str = "/login") -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


@dataclass
class Person:
    """A browser: its client (cookies), and the CSRF token of its current session."""

    name: str
    client: TestClient
    token: str = ""

    def refresh(self) -> None:
        self.token = csrf_of(self.client, "/account" if self.name != "anonymous" else "/login")


def sign_in(app: Any, name: str, password: str = PASSWORD) -> Person:
    client = TestClient(app, base_url=ORIGIN, headers={"sec-fetch-site": "same-origin"})
    person = Person(name, client)
    if name == "anonymous":
        person.refresh()
        return person
    token = csrf_of(client)
    response = client.post("/login", data={"csrf_token": token, "username": name, "password": password})
    assert response.status_code == 200, response.text[:300]
    person.refresh()
    return person
