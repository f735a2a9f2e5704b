"""Web fixtures: a fresh SQLite file per test (empty, or holding the demo persona's plan copied from one made
once per session), and a TestClient that speaks CSRF like a browser."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mlroute.store import Store
from mlroute.web.app import create_app
from mlroute.web.csrf import COOKIE


@pytest.fixture(scope="session")
def planned_db_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A database holding the demo persona's first plan, made once (planning takes about a second)."""
    from mlroute.services import onboarding, planning
    from mlroute.services.kb import index

    path = tmp_path_factory.mktemp("planned") / "mlroute.db"
    store = Store(f"sqlite:///{path}")
    onboarding.start(store, index(), planning.demo_profile())
    store.close()  # closes the engine, so the WAL is folded into the file before it is copied
    yield path


@pytest.fixture
def empty_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """``MLROUTE_DB`` set to a new SQLite file: the app made by ``browser`` reads it."""
    url = f"sqlite:///{tmp_path / 'mlroute.db'}"
    monkeypatch.setenv("MLROUTE_DB", url)
    return url


@pytest.fixture
def planned_db(planned_db_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """``MLROUTE_DB`` set to a copy of the database holding the demo persona's plan."""
    copy = tmp_path / "mlroute.db"
    shutil.copy(planned_db_file, copy)
    url = f"sqlite:///{copy}"
    monkeypatch.setenv("MLROUTE_DB", url)
    return url


ORIGIN = "http://127.0.0.1:8000"


def local_client(app: Any = None, **kw: Any) -> TestClient:
    """A TestClient that talks like a browser on the app's own pages: to a loopback Host, marking each request
    ``Sec-Fetch-Site: same-origin`` (``web.security`` refuses other hosts and other sites)."""
    headers = {"sec-fetch-site": "same-origin", **kw.pop("headers", {})}
    return TestClient(app or create_app(), base_url=ORIGIN, headers=headers, **kw)


def page_token(client: TestClient) -> str:
    """The CSRF token a page embeds in its forms (an HMAC of the cookie's nonce, so not the cookie itself)."""
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/settings").text)
    assert match, "no CSRF token on /settings"
    return match.group(1)


class Browser:
    """A TestClient that, like a browser on our pages, sends the page's CSRF token back in each form."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self._token: str | None = None

    @property
    def store(self) -> Store:
        """The app's own store, for checking what a request changed through the services."""
        store: Store = self.client.app.state.store  # type: ignore[attr-defined]
        return store

    def token(self) -> str:
        if self._token is None or COOKIE not in self.client.cookies:
            self._token = page_token(self.client)
        return self._token

    def get(self, url: str, **kw: Any) -> Any:
        return self.client.get(url, **kw)

    def post(self, url: str, data: dict[str, Any] | None = None, **kw: Any) -> Any:
        form = {"csrf_token": self.token(), **(data or {})}
        return self.client.post(url, data=form, **kw)

    def post_json(self, url: str, body: Any = None, **kw: Any) -> Any:
        return self.client.post(url, json=body, headers={"X-CSRF-Token": self.token()}, **kw)


@pytest.fixture
def browser() -> Iterator[Browser]:
    with local_client() as client:
        yield Browser(client)
