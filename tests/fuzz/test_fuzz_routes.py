"""Every web form and API route, fuzzed: the route list comes from the app's own route table, so a new route is
fuzzed the day it is added. For each route, hypothesis sends random path values, query strings and bodies (forms,
files, JSON, and the wrong kind of body), as the owner's browser would (loopback Host, the CSRF token).

Each case must: answer without a server error or a traceback, within its bound, and write nothing when it
refuses (4xx). Writes are seen through SQLite's ``PRAGMA data_version``, which changes whenever another
connection commits.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.routing import APIRoute
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlroute.web.app import create_app
from tests.fuzz.budget import bounded
from tests.web.conftest import local_client, page_token

# Routes that plan (a second or more each) get few cases; the rest many.
HEAVY = (
    "/api/plan",
    "/api/init",
    "/api/demo",
    "/welcome",
    "/welcome/demo",
    "/replan",
    "/api/replan",
    "/settings/profile",  # a profile change plans again (services.profile_edit)
    "/settings/profile/preview",
    "/match/add",
)
CASES_LIGHT = 40
CASES_HEAVY = 4
BOUND_S = 20.0  # no request may take longer than this (planning is the slowest, ~1-2 s)


def _walk(routes: Any, prefix: str = "") -> Iterator[tuple[str, APIRoute]]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield prefix + route.path_format, route
        elif hasattr(route, "original_router"):  # FastAPI ≥ 0.160 keeps included routers as they are
            context = route.include_context
            yield from _walk(route.original_router.routes, prefix + context.prefix)
        elif hasattr(route, "routes") and not hasattr(route, "app"):
            yield from _walk(route.routes, prefix + getattr(route, "path", ""))


def route_table() -> list[tuple[str, str, APIRoute]]:
    """(method, path, route) for every route the app serves, from its own table."""
    out = []
    for path, route in _walk(create_app().routes):
        for method in sorted(route.methods - {"HEAD"}):
            out.append((method, path, route))
    return sorted(out, key=lambda t: (t[1], t[0]))


ROUTES = route_table()


def test_the_route_table_is_complete() -> None:
    """A guard on the walk itself: if FastAPI changes how it stores routes, this fails instead of fuzzing none."""
    paths = {p for _, p, _ in ROUTES}
    for known in ("/", "/journal", "/api/journal", "/api/match", "/documents/backup.json", "/welcome", "/settings"):
        assert known in paths
    assert len(ROUTES) >= 40
    assert {p for p in create_app().openapi()["paths"]} <= paths


# -- generated inputs -------------------------------------------------------------------------------------------

TEXT = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "",
            " ",
            "-1",
            "0",
            "1e309",
            "2026-02-30",
            "9999-12-31",
            "res:fastai-course",
            "act:find-mentor",
            "proj:rag-chatbot",
            "../../etc/passwd",
            "<script>alert(1)</script>",
            "https://x.example/a b",
            "javascript:alert(1)",
            "1h30m",
            "25h",
            "-5m",
            "\x00",
            "é" * 300,
            "中文",
        ]
    ),
)
JSON_LEAF = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), TEXT)
JSON = st.recursive(
    JSON_LEAF, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4), max_leaves=12
)


def _fields(route: APIRoute) -> tuple[list[str], list[str], list[str], list[str]]:
    d = route.dependant
    body_forms = [p.name for p in d.body_params if type(p.field_info).__name__ == "Form"]
    files = [p.name for p in d.body_params if type(p.field_info).__name__ == "File"]
    return [p.name for p in d.path_params], [p.name for p in d.query_params], body_forms, files


def _json_fields(route: APIRoute) -> list[str]:
    names = []
    for p in route.dependant.body_params:
        if type(p.field_info).__name__ in ("Form", "File"):
            continue
        model = getattr(p.field_info, "annotation", None)
        names += list(getattr(model, "model_fields", {}) or {}) or [p.name]
    return names


@st.composite
def requests(draw: Any, method: str, path: str, route: APIRoute) -> dict[str, Any]:
    path_names, query_names, forms, files = _fields(route)
    url = path
    for name in path_names:
        value = draw(TEXT.filter(lambda v: v.strip() not in ("", ".", "..")))
        url = url.replace("{" + name + "}", quote(value, safe=""))
    query = {name: draw(TEXT) for name in query_names if draw(st.booleans())}
    request: dict[str, Any] = {"method": method, "url": url, "params": query}
    kind = draw(st.sampled_from(["form", "json", "raw"]))
    if method == "GET":
        return request
    if kind == "form" or ((forms or files) and kind == "json" and draw(st.booleans())):
        request["data"] = {name: draw(TEXT) for name in forms if draw(st.integers(0, 4))}
        if files and draw(st.booleans()):
            request["files"] = {
                name: (draw(TEXT) or "f.txt", draw(st.binary(max_size=400)), "application/octet-stream")
                for name in files
            }
    elif kind == "json":
        fields = _json_fields(route)
        body = draw(st.one_of(JSON, st.fixed_dictionaries({}, optional={f: JSON for f in fields})))
        request["json"] = body
    else:
        request["content"] = draw(st.binary(max_size=300))
        request["headers"] = {"content-type": draw(st.sampled_from(["application/json", "text/plain", ""]))}
    return request


# -- the database and its write counter --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fuzz_db(planned_db_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("fuzz-routes") / "mlroute.db"
    shutil.copy(planned_db_file, path)
    mp = pytest.MonkeyPatch()
    mp.setenv("MLROUTE_DB", f"sqlite:///{path}")
    yield path
    mp.undo()


@pytest.fixture(scope="module")
def client(fuzz_db: Path) -> Iterator[Any]:
    with local_client(raise_server_exceptions=True) as c:
        c.headers["x-csrf-token"] = page_token(c)
        yield c


def data_version(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("PRAGMA data_version").fetchone()[0])


class Writes:
    """Whether anything was committed to the database since the last look (a connection kept open)."""

    def __init__(self, db: Path) -> None:
        self.conn = sqlite3.connect(db, check_same_thread=False)
        self.last = self.version()

    def version(self) -> int:
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def changed(self) -> bool:
        now = self.version()
        changed, self.last = now != self.last, now
        return changed


@pytest.mark.parametrize(("method", "path", "route"), ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES])
def test_every_route_answers_every_input_cleanly(
    method: str, path: str, route: APIRoute, client: Any, fuzz_db: Path
) -> None:
    writes = Writes(fuzz_db)
    examples = CASES_HEAVY if path in HEAVY else CASES_LIGHT

    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(req=requests(method, path, route))
    def one(req: dict[str, Any]) -> None:
        writes.changed()
        with bounded(f"web routes ({len(ROUTES)} routes)", BOUND_S):
            r = client.request(follow_redirects=False, **req)
        assert r.status_code < 500 or r.status_code == 503, (req, r.status_code, r.text[:500])
        assert "Traceback" not in r.text
        if r.status_code >= 400:
            assert not writes.changed(), f"{req} was refused ({r.status_code}) but wrote to the database"
            if path.startswith("/api/"):
                assert {"error", "detail"} & set(json.loads(r.text)), r.text[:200]  # JSON, never a page

    one()
